//! What the fuzz targets (`fuzz/`) check, as plain functions: each takes any bytes
//! and panics only if Marginalia does something wrong with them — a crash, a
//! document that breaks an invariant, or output of ours that we then refuse. The
//! same functions replay the committed fuzz corpus in `cargo test`
//! (`tests/fuzz_corpus.rs`), so every input a fuzzer found interesting stays tested.
//!
//! Host only: the web app never links this.

use std::collections::HashSet;

use crate::formats::native::{import_native, write_native};
use crate::formats::{self, archive, brat, Format, Read};
use crate::model::document::{Annotation, Relation};
use crate::model::ids::{AnnotationId, LabelId, RelationId};
use crate::model::labelled::LabelledDocument;
use crate::model::labels::LabelSchema;
use crate::model::limits::{MAX_ANNOTATIONS, MAX_NESTING, MAX_RELATIONS};
use crate::model::offsets::OffsetMap;
use crate::model::text_input::decode_file;

/// The fuzz targets, by name (also the folders of `fuzz/corpus/`).
pub const TARGETS: [&str; 14] = [
    "read_native",
    "read_jsonl",
    "read_w3c",
    "read_label_studio",
    "read_doccano",
    "read_spacy",
    "read_brat",
    "read_csv",
    "detect",
    "offsets",
    "text_input",
    "archive",
    "round_trip",
    "read_html",
];

/// Runs target `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "read_native" => read_as(Format::Native, data),
        "read_jsonl" => read_as(Format::Jsonl, data),
        "read_w3c" => read_as(Format::W3c, data),
        "read_label_studio" => read_as(Format::LabelStudio, data),
        "read_doccano" => read_as(Format::Doccano, data),
        "read_spacy" => read_as(Format::Spacy, data),
        "read_brat" => read_brat(data),
        "read_csv" => read_csv(data),
        "detect" => detect(data),
        "offsets" => offsets(data),
        "text_input" => text_input(data),
        "archive" => unzip(data),
        "round_trip" => round_trip(data),
        "read_html" => read_html(data),
        _ => panic!("no fuzz target {name}"),
    }
}

/// A file name that makes detection lean towards `format` where content is
/// ambiguous; detection still decides by content.
fn name_for(format: Format) -> &'static str {
    match format {
        Format::Spacy => "input.spacy.jsonl",
        Format::Jsonl | Format::Doccano => "input.jsonl",
        _ => "input.json",
    }
}

/// Reads `data` as a file; whatever it yields must be sound and must survive
/// being written in its own format and read again.
pub fn read_as(format: Format, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = LabelSchema::default();
    if let Ok(read) = formats::read(name_for(format), text, &schema) {
        check_read(&read, &schema);
        let detected = formats::detect(name_for(format), text);
        rewrite_and_reread(detected.unwrap_or(format), &read, &schema);
    }
}

/// brat: the input is the `.txt` and the `.ann`, split at the first NUL byte.
pub fn read_brat(data: &[u8]) {
    let (txt, ann) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let (Ok(txt), Ok(ann)) = (std::str::from_utf8(txt), std::str::from_utf8(ann)) else {
        return;
    };
    let files = [
        ("doc.txt".to_owned(), txt.to_owned()),
        ("doc.ann".to_owned(), ann.to_owned()),
    ];
    let schema = LabelSchema::default();
    if let Ok(read) = brat::read_files(&files, &schema) {
        check_read(&read, &schema);
        rewrite_and_reread(Format::Brat, &read, &schema);
    }
}

/// CSV onto a text: the input is the text and the CSV, split at the first NUL.
pub fn read_csv(data: &[u8]) {
    let (text, csv) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&b"The minister said talks would begin."[..], data),
    };
    let (Ok(text), Ok(csv)) = (std::str::from_utf8(text), std::str::from_utf8(csv)) else {
        return;
    };
    let schema = LabelSchema::default();
    if let Ok(read) = formats::csv::read_onto(csv, "doc", text, &schema) {
        check_read(&read, &schema);
    }
}

/// A web page: extraction never panics, and what it yields is a sound document.
pub fn read_html(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = LabelSchema::default();
    if let Ok(read) = formats::html::read_page(text, &schema) {
        check_read(&read, &schema);
    }
    // A paste of rich text: never panics, never yields an empty text.
    if let Ok(article) = formats::html::extract_pasted(text) {
        assert!(!article.text.trim().is_empty());
    }
}

pub fn detect(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = formats::detect("input.json", text);
        let _ = formats::detect("input.ann", text);
    }
}

/// The offset map agrees with counting by hand at every position.
pub fn offsets(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let map = OffsetMap::new(&text);
    assert_eq!(map.len_chars(), text.chars().count());
    assert_eq!(map.len_utf16(), text.encode_utf16().count());
    let (mut byte, mut utf16) = (0, 0);
    for (index, c) in text.chars().enumerate() {
        assert_eq!(map.char_to_byte(&text, index), byte);
        assert_eq!(map.char_to_utf16(&text, index), utf16);
        assert_eq!(map.utf16_to_char(&text, utf16), index);
        assert_eq!(map.byte_to_char(&text, byte), index);
        if c.len_utf16() == 2 {
            // Between the halves of a pair: rounds down to the character.
            assert_eq!(map.utf16_to_char(&text, utf16 + 1), index);
        }
        byte += c.len_utf8();
        utf16 += c.len_utf16();
    }
    assert_eq!(map.char_to_byte(&text, map.len_chars()), text.len());
    assert_eq!(map.utf16_to_char(&text, utf16 + 5), map.len_chars());
}

/// Decoding never panics, and what it returns is text without CR line ends.
pub fn text_input(data: &[u8]) {
    if let Ok(text) = decode_file("input.txt", data) {
        assert!(!text.contains('\r'));
        assert!(!text.trim().is_empty());
    }
}

pub fn unzip(data: &[u8]) {
    if let Ok(members) = archive::unzip(data) {
        let schema = LabelSchema::default();
        if members.files.iter().any(|(name, _)| name.ends_with(".ann")) {
            if let Ok(read) = brat::read_files(&members.files, &schema) {
                check_read(&read, &schema);
            }
        }
    }
}

/// Documents built from the input (labels named blank, alike, or in any script;
/// shared titles; line breaks, CRLF and BOMs at span edges; links and cues),
/// written in every format and read back: every format must read what it wrote,
/// with every span where it was.
pub fn round_trip(data: &[u8]) {
    let mut input = Choices(data);
    let (documents, schema) = build_documents(&mut input);
    if documents.is_empty() {
        return;
    }
    for format in Format::ALL {
        let written = formats::write(format, &formats::numbered(&documents), &schema);
        // A CSV holds no text: it is read onto one open document, and a file that
        // names a single document is read onto whichever is open (a renamed one),
        // so only a one-document CSV has a document to come back onto.
        if format == Format::Csv && documents.len() > 1 {
            continue;
        }
        let back = match reread(format, &written, &schema, &documents) {
            Ok(read) => read,
            Err(error) => panic!("{format:?} refused its own output: {error}"),
        };
        check_read(&back, &schema);
        if format == Format::Csv {
            continue;
        }
        assert_eq!(back.documents.len(), documents.len(), "{format:?}");
        let mut spans_in = spans(&documents);
        let mut spans_out = spans(&back.documents);
        spans_in.sort();
        spans_out.sort();
        assert_eq!(spans_in, spans_out, "{format:?} moved spans");
    }
}

/// Every (text, start, end) of a set of documents.
fn spans(documents: &[LabelledDocument]) -> Vec<(String, usize, usize)> {
    documents
        .iter()
        .flat_map(|d| {
            d.annotations
                .iter()
                .map(|a| (d.text.clone(), a.start, a.end))
        })
        .collect()
}

fn reread(
    format: Format,
    written: &formats::Written,
    schema: &LabelSchema,
    documents: &[LabelledDocument],
) -> Result<Read, String> {
    let files: Vec<(String, String)> = written
        .files
        .iter()
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    match format {
        Format::Brat => brat::read_files(&files, schema).map_err(|e| e.to_string()),
        Format::Csv => {
            // A CSV is read onto its document; the first one's rows are checked.
            let first = &documents[0];
            formats::csv::read_onto(&files[0].1, &first.title, &first.text, schema)
                .map_err(|e| e.to_string())
        }
        Format::Native if files.len() > 1 => {
            let mut all = Read::default();
            for (name, text) in &files {
                all.extend(formats::read(name, text, schema).map_err(|e| e.to_string())?);
            }
            Ok(all)
        }
        _ => formats::read(&files[0].0, &files[0].1, schema).map_err(|e| e.to_string()),
    }
}

/// Writes what was read in `format` and reads it again: our own output is never
/// refused.
fn rewrite_and_reread(format: Format, read: &Read, schema: &LabelSchema) {
    let mut schema = schema.clone();
    schema.merge(&read.new_labels);
    for document in &read.documents {
        schema.merge(&document.labels);
    }
    if read.documents.is_empty() || format == Format::Csv {
        return;
    }
    let written = formats::write(format, &formats::numbered(&read.documents), &schema);
    if let Err(error) = reread(format, &written, &schema, &read.documents) {
        panic!("{format:?} refused its own output: {error}");
    }
}

/// The invariants every read document keeps.
fn check_read(read: &Read, schema: &LabelSchema) {
    for document in &read.documents {
        let len = document.text.chars().count();
        assert!(!document.text.is_empty());
        assert!(document.annotations.len() <= MAX_ANNOTATIONS);
        assert!(document.relations.len() <= MAX_RELATIONS);
        let mut ids = HashSet::new();
        let mut spans = HashSet::new();
        for annotation in &document.annotations {
            assert!(annotation.start < annotation.end && annotation.end <= len);
            assert!(ids.insert(&annotation.id), "two annotations share an id");
            assert!(
                spans.insert((&annotation.label, annotation.start, annotation.end)),
                "two annotations share label and span"
            );
        }
        let (depth, _) = crate::model::limits::deepest_nesting(
            document.annotations.iter().map(|a| (a.start, a.end)),
        );
        assert!(depth <= MAX_NESTING);
        for relation in &document.relations {
            assert!(ids.contains(&relation.from) && ids.contains(&relation.to));
            assert!(relation.cue.as_ref().is_none_or(|c| ids.contains(c)));
            assert!(relation.from != relation.to);
        }
        for id in document.details.keys() {
            assert!(ids.contains(id), "details of a missing annotation");
        }
        // Native JSON must hold anything a reader accepted.
        let json = write_native(document, &[], false);
        let mut schema = schema.clone();
        schema.merge(&read.new_labels);
        schema.merge(&document.labels);
        let back = import_native(&json, &schema);
        assert!(back.is_ok(), "native refused a read document: {back:?}");
    }
}

/// Reads choices off the fuzzer's bytes; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&first, rest)) => {
                self.0 = rest;
                first
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }

    fn pick<'p, T>(&mut self, items: &'p [T]) -> &'p T {
        &items[self.below(items.len())]
    }
}

/// The pieces that broke readers and writers before, to build texts and names from.
const PIECES: [&str; 16] = [
    "word",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "\u{feff}",
    "😀",
    "مرحبا",
    "外交部",
    "e\u{301}",
    "\"",
    "“",
    "\t",
    ";",
    "_",
    "=1+2",
];
const LABEL_NAMES: [&str; 12] = [
    "", " ", "_", "😀", "Quote", "quote", "QUOTE", "a b", "a_b", "!!!", "???", "Source",
];
const TITLES: [&str; 6] = [
    "x",
    "x",
    "x-d3",
    "X",
    "",
    "外交部发言人说会谈将于明天开始外交部发言人说会谈将于明天开始外交部发言人说会谈将于明天开始外交部发言人说会谈将于明天开始外交部发言人说会谈将于明天开始",
];

fn build_documents(input: &mut Choices) -> (Vec<LabelledDocument>, LabelSchema) {
    let mut builder = formats::Builder::new(&LabelSchema::default());
    let mut labels: Vec<LabelId> = Vec::new();
    for _ in 0..1 + input.below(4) {
        let name = *input.pick(&LABEL_NAMES[..]);
        labels.extend(builder.label(name).ok());
    }
    let mut schema = LabelSchema::default();
    schema.merge(&builder.finish().new_labels);
    let mut documents = Vec::new();
    for _ in 0..1 + input.below(3) {
        let text: String = (0..1 + input.below(24))
            .map(|_| *input.pick(&PIECES))
            .collect();
        let len = text.chars().count();
        if text.is_empty() {
            continue;
        }
        let mut annotations: Vec<Annotation> = Vec::new();
        for _ in 0..input.below(8) {
            let start = input.below(len);
            let end = (start + 1 + input.below(len - start)).min(len);
            let label = input.pick(&labels).clone();
            if annotations
                .iter()
                .any(|a| a.start == start && a.end == end && a.label == label)
            {
                continue;
            }
            annotations.push(Annotation {
                id: AnnotationId::new(&format!("a{}", annotations.len() + 1)),
                label,
                start,
                end,
            });
        }
        let mut relations: Vec<Relation> = Vec::new();
        if annotations.len() >= 2 {
            for _ in 0..input.below(3) {
                let from = input.below(annotations.len());
                let to = input.below(annotations.len());
                let cue = input.below(annotations.len() + 1);
                let duplicate = relations
                    .iter()
                    .any(|r| r.from == annotations[from].id && r.to == annotations[to].id);
                if from == to || duplicate {
                    continue;
                }
                let cue = annotations
                    .get(cue)
                    .filter(|_| cue != from && cue != to)
                    .map(|a| a.id.clone());
                relations.push(Relation {
                    id: RelationId::new(&format!("r{}", relations.len() + 1)),
                    from: annotations[from].id.clone(),
                    to: annotations[to].id.clone(),
                    cue,
                });
            }
        }
        annotations.sort_by(|a, b| a.document_order(b));
        documents.push(LabelledDocument {
            title: (*input.pick(&TITLES)).to_owned(),
            text,
            labels: Vec::new(),
            annotations,
            relations,
            ..LabelledDocument::default()
        });
    }
    (documents, schema)
}
