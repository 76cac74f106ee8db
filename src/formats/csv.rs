//! CSV: one row per annotation — `document, id, label, start, end, text,
//! attributed_to` (the ids of its sources), `attributed_to_text` (their texts, ` | `
//! between), `attributes` (`field=value; …`), `note`. Offsets are code points.
//! A CSV holds no document text, so it is read only onto a document that is open,
//! and every row's `text` is checked against it.

use std::collections::{HashMap, HashSet};

use crate::model::document::Annotation;
use crate::model::ids::AnnotationId;
use crate::model::labelled::FormatError;
use crate::model::labels::LabelSchema;

use super::{malformed, Builder, Named, OutputFile, Read, Written};

const HEADER: [&str; 10] = [
    "document",
    "id",
    "label",
    "start",
    "end",
    "text",
    "attributed_to",
    "attributed_to_text",
    "attributes",
    "note",
];

/// How cells that a spreadsheet would run as a formula are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cells {
    /// Exactly as the text has them (the default: the file is data, and a
    /// quote that begins with `-` or `=` must come back as it was).
    #[default]
    Exact,
    /// A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets
    /// a `'` in front, so Excel, LibreOffice and Google Sheets show it as text
    /// instead of running it (OWASP's advice against CSV injection).
    ForSpreadsheets,
}

fn cell(value: String, cells: Cells) -> String {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if cells == Cells::ForSpreadsheets && risky {
        format!("'{value}")
    } else {
        value
    }
}

pub fn write(
    documents: &[Named],
    schema: &LabelSchema,
    cells: Cells,
    progress: &mut dyn FnMut(),
) -> Written {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; a row that did would be left out, not panic.
    let _ = writer.write_record(HEADER);
    // The `document` column names each document by its title; documents that
    // share one get ` (2)`, ` (3)`, … so their rows stay apart.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for named in documents {
        progress();
        let document = named.document;
        let count = seen.entry(document.title.as_str()).or_insert(0);
        *count += 1;
        let title = match *count {
            1 => document.title.clone(),
            n => format!("{} ({n})", document.title),
        };
        let chars: Vec<char> = document.text.chars().collect();
        let by_id: HashMap<&AnnotationId, &Annotation> =
            document.annotations.iter().map(|a| (&a.id, a)).collect();
        let text_of = |id: &AnnotationId| {
            by_id
                .get(id)
                .and_then(|a| chars.get(a.start..a.end))
                .map(|chars| chars.iter().collect::<String>())
                .unwrap_or_default()
        };
        let mut sources_of: HashMap<&AnnotationId, Vec<&AnnotationId>> = HashMap::new();
        for relation in &document.relations {
            sources_of
                .entry(&relation.from)
                .or_default()
                .push(&relation.to);
        }
        for annotation in &document.annotations {
            let sources = sources_of.remove(&annotation.id).unwrap_or_default();
            let details = document.details.get(&annotation.id);
            let attributes: Vec<String> = details
                .map(|d| {
                    d.attributes
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect()
                })
                .unwrap_or_default();
            let row = [
                title.clone(),
                annotation.id.to_string(),
                schema.name_of(&annotation.label).to_owned(),
                annotation.start.to_string(),
                annotation.end.to_string(),
                text_of(&annotation.id),
                sources
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                sources
                    .iter()
                    .map(|s| text_of(s))
                    .collect::<Vec<_>>()
                    .join(" | "),
                attributes.join("; "),
                details.map(|d| d.note.clone()).unwrap_or_default(),
            ];
            let _ = writer.write_record(row.map(|value| cell(value, cells)));
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let contents = String::from_utf8(bytes).unwrap_or_default();
    Written {
        files: vec![OutputFile {
            name: "annotations.csv".to_owned(),
            contents,
        }],
        notes: Vec::new(),
    }
}

/// Reads the rows for the document titled `title` (or all rows, if the file names
/// one document only) onto `text`.
pub fn read_onto(
    csv: &str,
    title: &str,
    text: &str,
    schema: &LabelSchema,
) -> Result<Read, FormatError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| malformed(format!("the header row is unreadable: {e}")))?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let required = ["document", "id", "label", "start", "end", "text"];
    let mut at = Vec::new();
    for name in required {
        at.push(column(name).ok_or_else(|| malformed(format!("the CSV has no “{name}” column")))?);
    }
    let (attributed, attributes, note) = (
        column("attributed_to"),
        column("attributes"),
        column("note"),
    );
    let rows: Vec<::csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| malformed(format!("a row is unreadable: {e}")))?;
    let titles: HashSet<&str> = rows.iter().map(|r| r.get(at[0]).unwrap_or("")).collect();
    let for_this = |row: &&::csv::StringRecord| titles.len() <= 1 || row.get(at[0]) == Some(title);
    let mut builder = Builder::new(schema);
    let mut document = builder.document(title, text.to_owned())?;
    let mut ids: HashMap<String, AnnotationId> = HashMap::new();
    let mut other_documents = 0;
    for (number, row) in rows.iter().enumerate() {
        if !for_this(&row) {
            other_documents += 1;
            continue;
        }
        let what = format!("row {}", number + 2);
        let field = |i: usize| row.get(i).unwrap_or("");
        let offset = |i: usize| {
            field(at[i])
                .trim()
                .parse::<usize>()
                .map_err(|_| malformed(format!("{what}: “{}” is not an offset", field(at[i]))))
        };
        let (start, end) = (offset(3)?, offset(4)?);
        let label = builder.label(field(at[2]))?;
        let Some(id) = document.span(&what, label, start, end, Some(field(at[5])))? else {
            continue;
        };
        if let Some(i) = attributes {
            for pair in field(i).split(';') {
                if let Some((k, v)) = pair.split_once('=') {
                    document.set_attribute(&id, k.trim(), v.trim());
                }
            }
        }
        if let Some(i) = note {
            document.set_note(&id, field(i));
        }
        ids.entry(field(at[1]).to_owned()).or_insert(id);
    }
    if let Some(i) = attributed {
        for row in rows.iter().filter(for_this) {
            let find = |key: &str| ids.get(key).cloned();
            let Some(from) = find(row.get(at[1]).unwrap_or("")) else {
                continue;
            };
            for source in row.get(i).unwrap_or("").split_whitespace() {
                match find(source) {
                    Some(to) => {
                        if let Err(reason) = document.link(&from, &to, None) {
                            builder
                                .notes
                                .push(format!("A link was left out: {reason}."));
                        }
                    }
                    None => builder.notes.push(format!(
                        "A link to {source}, which is not in the file, was left out."
                    )),
                }
            }
        }
    }
    if other_documents > 0 {
        builder.notes.push(format!(
            "{other_documents} rows are about other documents and were left out."
        ));
    }
    builder.add(document)?;
    Ok(builder.finish())
}
