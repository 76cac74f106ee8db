//! Interchange: writing and reading the formats other labelled-data tools use.
//! One implementation of each, shared by the web app and the `marginalia` command.
//! Plain Rust, tested on the host; see `docs/formats.md` for which offsets each
//! format counts in and why.
//!
//! Everything goes through `LabelledDocument` (a document's text, annotations,
//! links and details). Reading a foreign file builds its documents with `Builder`,
//! which checks every span against the text and maps foreign label names onto the
//! schema, adding labels it lacks. What a format cannot hold is said in `notes`,
//! never dropped silently.

pub mod archive;
pub mod brat;
mod builder;
pub mod csv;
pub mod detect;
pub mod doccano;
pub mod html;
pub mod label_map;
pub mod label_studio;
pub mod native;
pub mod service;
pub mod spacy;
mod tokens;
pub mod w3c;

#[cfg(test)]
mod brat_events_tests;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::HashSet;

use crate::model::labelled::{FormatError, LabelledDocument};
use crate::model::labels::{LabelDef, LabelSchema};
use crate::model::text_input::file_name_from_title;

pub use builder::{printable, Builder};
pub use detect::detect;

/// The formats Marginalia writes and reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One document as native JSON.
    Native,
    /// Every document as native JSON, one per line.
    Jsonl,
    W3c,
    LabelStudio,
    Doccano,
    Spacy,
    Brat,
    Csv,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Native,
        Format::Jsonl,
        Format::W3c,
        Format::LabelStudio,
        Format::Doccano,
        Format::Spacy,
        Format::Brat,
        Format::Csv,
    ];

    /// The name used on the command line (`--to`).
    pub fn key(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::Jsonl => "jsonl",
            Format::W3c => "w3c",
            Format::LabelStudio => "label-studio",
            Format::Doccano => "doccano",
            Format::Spacy => "spacy",
            Format::Brat => "brat",
            Format::Csv => "csv",
        }
    }

    pub fn from_key(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What people call it.
    pub fn title(self) -> &'static str {
        match self {
            Format::Native => "Marginalia JSON",
            Format::Jsonl => "Marginalia JSONL corpus",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::LabelStudio => "Label Studio JSON",
            Format::Doccano => "doccano JSONL",
            Format::Spacy => "spaCy / Prodigy JSONL",
            Format::Brat => "brat standoff",
            Format::Csv => "CSV",
        }
    }

    /// The file name ending of a single-file export (brat writes several files).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Native => "annotations.json",
            Format::Jsonl => "marginalia.jsonl",
            Format::W3c => "w3c.jsonld",
            Format::LabelStudio => "label-studio.json",
            Format::Doccano => "doccano.jsonl",
            Format::Spacy => "spacy.jsonl",
            Format::Brat => "brat.zip",
            Format::Csv => "csv",
        }
    }
}

/// A document to write, with an id for formats that name documents.
pub struct Named<'a> {
    pub id: String,
    pub document: &'a LabelledDocument,
}

/// The documents to write, named `d1`, `d2`, … in order.
pub fn numbered(documents: &[LabelledDocument]) -> Vec<Named<'_>> {
    documents
        .iter()
        .enumerate()
        .map(|(index, document)| Named {
            id: format!("d{}", index + 1),
            document,
        })
        .collect()
}

/// A file name (without extension) for each document, from its title: safe on
/// every operating system, short enough for any of them, and different from
/// every other one even where the file system ignores case. Documents that share
/// a title get `-2`, `-3`, … in order.
pub fn file_names(documents: &[Named]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    documents
        .iter()
        .map(|named| unique_name(&file_name_from_title(&named.document.title), &mut taken))
        .collect()
}

/// `base`, or `base-2`, `base-3`, …: the first that `taken` does not hold,
/// ignoring case (file systems and brat's types both ignore it); then taken.
fn unique_name(base: &str, taken: &mut HashSet<String>) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// One written file: a name (relative, for multi-file formats) and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub contents: String,
}

/// What an export wrote, and what the format could not hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<OutputFile>,
    pub notes: Vec<String>,
}

/// What an import read: its documents, the labels it added to the schema, and
/// what it could not bring in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Read {
    pub documents: Vec<LabelledDocument>,
    pub new_labels: Vec<LabelDef>,
    pub notes: Vec<String>,
}

impl Read {
    fn single(document: LabelledDocument, new_labels: Vec<LabelDef>) -> Read {
        Read {
            documents: vec![document],
            new_labels,
            notes: Vec::new(),
        }
    }

    /// Adds another file's documents, labels and notes to these.
    pub fn extend(&mut self, other: Read) {
        self.documents.extend(other.documents);
        for label in other.new_labels {
            if self.new_labels.iter().all(|l| l.id != label.id) {
                self.new_labels.push(label);
            }
        }
        self.notes.extend(other.notes);
    }
}

/// A file in a known format that gets something wrong.
fn malformed(reason: impl Into<String>) -> FormatError {
    FormatError::Malformed(reason.into())
}

/// The non-blank lines of a JSON Lines file, parsed, each with its line number.
fn json_lines(
    text: &str,
) -> impl Iterator<Item = Result<(usize, serde_json::Value), FormatError>> + '_ {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .map(|record| (index + 1, record))
                .map_err(|e| malformed(format!("line {} is not JSON: {e}", index + 1)))
        })
}

/// A JSON Lines record's `text`, which every format keeps there.
fn record_text(record: &serde_json::Value, number: usize) -> Result<&str, FormatError> {
    record
        .get("text")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| malformed(format!("line {number} has no text")))
}

/// Writes `documents` in `format`, naming labels as `schema` does.
pub fn write(format: Format, documents: &[Named], schema: &LabelSchema) -> Written {
    write_with_progress(format, documents, schema, &mut || {})
}

/// Choices a writer offers; the defaults keep the data exact.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub csv_cells: csv::Cells,
    /// brat: links as `R` lines or as attribution events.
    pub brat_links: brat::Links,
}

/// `write`, calling `progress` as each document is begun (for progress bars).
pub fn write_with_progress(
    format: Format,
    documents: &[Named],
    schema: &LabelSchema,
    progress: &mut dyn FnMut(),
) -> Written {
    write_with_options(format, documents, schema, Options::default(), progress)
}

pub fn write_with_options(
    format: Format,
    documents: &[Named],
    schema: &LabelSchema,
    options: Options,
    progress: &mut dyn FnMut(),
) -> Written {
    match format {
        Format::Native | Format::Jsonl => native::write(format, documents, schema, progress),
        Format::W3c => w3c::write(documents, schema, progress),
        Format::LabelStudio => label_studio::write(documents, schema, progress),
        Format::Doccano => doccano::write(documents, schema, progress),
        Format::Spacy => spacy::write(documents, schema, progress),
        Format::Brat => brat::write(documents, schema, options.brat_links, progress),
        Format::Csv => csv::write(documents, schema, options.csv_cells, progress),
    }
}

/// Reads one file (`name` helps only where content is ambiguous). brat files come
/// as a set, through `brat::read_files`.
pub fn read(name: &str, text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    match detect(name, text) {
        Some(Format::Native) => {
            let document = crate::formats::native::import_native(text, schema)?;
            let new_labels = document
                .labels
                .iter()
                .filter(|l| schema.get(l.id.as_str()).is_none())
                .cloned()
                .collect();
            Ok(Read::single(document, new_labels))
        }
        Some(Format::Jsonl) => native::read_jsonl(text, schema),
        Some(Format::W3c) => w3c::read(text, schema),
        Some(Format::LabelStudio) => label_studio::read(text, schema),
        Some(Format::Doccano) => doccano::read(text, schema),
        Some(Format::Spacy) => spacy::read(text, schema),
        Some(Format::Csv) => Err(FormatError::Malformed(
            "a CSV file holds no document text, so it can be read only onto a document that is already open".into(),
        )),
        Some(Format::Brat) => Err(FormatError::Malformed(
            "a brat .ann file needs its .txt: choose both files, or a .zip or folder holding them".into(),
        )),
        // Broken JSON is most likely a damaged export: say where it breaks.
        None if text.trim_start().starts_with(['{', '[']) => Err(
            crate::formats::native::import_native(text, schema)
                .err()
                .unwrap_or_else(|| FormatError::Malformed("no format could be told".into())),
        ),
        None => Err(FormatError::NotMarginalia(
            "it is none of the formats Marginalia reads (Marginalia JSON or JSONL, W3C Web Annotation, Label Studio, doccano, spaCy/Prodigy, brat, CSV).".into(),
        )),
    }
}
