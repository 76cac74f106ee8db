//! The native JSON format, version 1 (`docs/format.md`, `docs/marginalia-v1.schema.json`).
//!
//! Export writes keys in a fixed order and annotations in document order, so two
//! exports of the same work are byte-identical and diff cleanly. Import checks
//! everything a file could get wrong and says which annotation is at fault; it
//! never panics and never returns a half-read document.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::document::{Annotation, ArticleText, Document, SpanError};
use super::ids::{AnnotationId, LabelId};
use super::labels::LabelSchema;

pub const FORMAT_NAME: &str = "marginalia";
pub const FORMAT_VERSION: u64 = 1;
/// Import files above this size are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NativeFile {
    format: String,
    version: u64,
    document: FileDocument,
    labels: Vec<FileLabel>,
    annotations: Vec<FileAnnotation>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDocument {
    title: String,
    text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLabel {
    id: String,
    name: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAnnotation {
    id: String,
    label: String,
    start: usize,
    end: usize,
    text: String,
}

/// The header alone, read first so that a wrong file gets the right message.
/// Raw JSON text: quoting it back in a message needs no parsing.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    format: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow)]
    version: Option<&'a serde_json::value::RawValue>,
}

/// A document read from a file, checked and ready to join the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDocument {
    pub title: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
}

/// Why a file could not be imported. Each message names what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormatError {
    /// The bytes are not JSON at all.
    #[error("This file is not valid JSON (line {line}, column {column}): {reason}.")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not ours.
    #[error("This is not a Marginalia file: {0}")]
    NotMarginalia(String),
    /// Ours, but a version this build does not read.
    #[error(
        "This file uses Marginalia format version {0}; this version of Marginalia reads version 1."
    )]
    UnsupportedVersion(String),
    /// A field is missing, unexpected or of the wrong type.
    #[error("This Marginalia file is malformed: {0}.")]
    Malformed(String),
    #[error("The document in this file has no text.")]
    EmptyText,
    /// An annotation's label is not in the schema.
    #[error("Annotation {id} has the label \"{label}\", which is not one of this project's labels ({known}).")]
    UnknownLabel {
        id: String,
        label: String,
        known: String,
    },
    /// Offsets beyond the text, or start not before end.
    #[error("Annotation {id} has offsets {start}–{end}, outside the text ({len} characters).")]
    OutOfRange {
        id: String,
        start: usize,
        end: usize,
        len: usize,
    },
    /// The `text` field disagrees with the document at the annotation's offsets.
    #[error("Annotation {id} says its text is {expected:?}, but the document has {found:?} at {start}–{end}.")]
    TextMismatch {
        id: String,
        start: usize,
        end: usize,
        expected: String,
        found: String,
    },
    #[error("Two annotations have the id {0}.")]
    DuplicateId(String),
    #[error("Annotations {0} and {1} tag the same text with the same label.")]
    DuplicateSpan(String, String),
    #[error("This file is {0} — too large to import (the limit is 64 MB).")]
    TooLarge(String),
}

/// Writes a document as native JSON, pretty-printed, ending in a newline.
pub fn export_native(title: &str, document: &Document, schema: &LabelSchema) -> String {
    let file = NativeFile {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        document: FileDocument {
            title: title.to_owned(),
            text: document.text().as_str().to_owned(),
        },
        labels: schema
            .labels()
            .iter()
            .map(|label| FileLabel {
                id: label.id.to_string(),
                name: label.name.clone(),
            })
            .collect(),
        annotations: document
            .annotations()
            .iter()
            .map(|annotation| FileAnnotation {
                id: annotation.id.to_string(),
                label: annotation.label.to_string(),
                start: annotation.start,
                end: annotation.end,
                text: document.text_of(annotation).to_owned(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&file).expect("plain data always serialises");
    json.push('\n');
    json
}

/// Reads and checks a native JSON file.
pub fn import_native(json: &str, schema: &LabelSchema) -> Result<ImportedDocument, FormatError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // serde would read a struct from an array too; an article file is an object.
    if !json.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(json) {
            Err(error) => not_json_or(error, |e| FormatError::Malformed(e.to_string())),
            Ok(_) => FormatError::NotMarginalia("it is JSON, but not an object.".to_owned()),
        });
    }
    let header: Header = serde_json::from_str(json).map_err(|error| {
        not_json_or(error, |e| {
            FormatError::NotMarginalia(format!(
                "it is JSON, but not an object with a \"format\" field ({e})."
            ))
        })
    })?;
    match header.format.map(|raw| raw.get()) {
        Some("\"marginalia\"") => {}
        Some(other) => {
            return Err(FormatError::NotMarginalia(format!(
                "its \"format\" is {}, not \"marginalia\".",
                shorten(other)
            )))
        }
        None => {
            return Err(FormatError::NotMarginalia(
                "it has no \"format\" field.".to_owned(),
            ))
        }
    }
    match header.version.map(|raw| raw.get()) {
        Some("1") => {}
        Some(other) => return Err(FormatError::UnsupportedVersion(shorten(other))),
        None => {
            return Err(FormatError::Malformed(
                "the \"version\" field is missing".into(),
            ))
        }
    }
    let file: NativeFile = serde_json::from_str(json)
        .map_err(|error| not_json_or(error, |e| FormatError::Malformed(e.to_string())))?;
    check_native(file, schema)
}

fn not_json_or(
    error: serde_json::Error,
    other: impl FnOnce(&serde_json::Error) -> FormatError,
) -> FormatError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            let text = error.to_string();
            let reason = text.split(" at line ").next().unwrap_or(&text).to_owned();
            FormatError::NotJson {
                line: error.line(),
                column: error.column(),
                reason,
            }
        }
        Category::Data => other(&error),
    }
}

fn check_native(file: NativeFile, schema: &LabelSchema) -> Result<ImportedDocument, FormatError> {
    if file.document.text.is_empty() {
        return Err(FormatError::EmptyText);
    }
    let text = ArticleText::new(file.document.text);
    let mut document = Document::new(super::ids::DocId::new("import"), text.clone());
    for item in file.annotations {
        if schema.get(&item.label).is_none() {
            let known = schema
                .labels()
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(FormatError::UnknownLabel {
                id: item.id,
                label: item.label,
                known,
            });
        }
        let len = text.len_chars();
        if item.start >= item.end || item.end > len {
            return Err(FormatError::OutOfRange {
                id: item.id,
                start: item.start,
                end: item.end,
                len,
            });
        }
        let found = text.slice(item.start, item.end);
        if found != item.text {
            return Err(FormatError::TextMismatch {
                id: item.id,
                start: item.start,
                end: item.end,
                expected: shorten(&item.text),
                found: shorten(found),
            });
        }
        let annotation = Annotation {
            id: AnnotationId::new(&item.id),
            label: LabelId::new(&item.label),
            start: item.start,
            end: item.end,
        };
        match document.insert(annotation) {
            Ok(()) => {}
            Err(SpanError::DuplicateId(id)) => {
                return Err(FormatError::DuplicateId(id.to_string()))
            }
            Err(SpanError::Duplicate(first)) => {
                return Err(FormatError::DuplicateSpan(first.to_string(), item.id))
            }
            Err(other) => unreachable!("range and emptiness were checked above: {other}"),
        }
    }
    Ok(ImportedDocument {
        title: file.document.title,
        text: text.as_str().to_owned(),
        annotations: document.annotations().to_vec(),
    })
}

/// Long texts in messages are cut to a readable length.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::DocId;
    use expect_test::expect;

    fn schema() -> LabelSchema {
        LabelSchema::default()
    }

    fn sample() -> Document {
        let mut document = Document::new(
            DocId::new("d1"),
            ArticleText::new("😀 Austin: «need to stop»\nق".to_owned()),
        );
        document.tag(LabelId::new("quote"), 10, 24).unwrap();
        document.tag(LabelId::new("source"), 2, 8).unwrap();
        document
    }

    #[test]
    fn export_has_fixed_key_order_and_code_point_offsets() {
        let json = export_native("Iraq \"talks\"", &sample(), &schema());
        expect![[r#"
            {
              "format": "marginalia",
              "version": 1,
              "document": {
                "title": "Iraq \"talks\"",
                "text": "😀 Austin: «need to stop»\nق"
              },
              "labels": [
                {
                  "id": "claim",
                  "name": "Claim"
                },
                {
                  "id": "quote",
                  "name": "Quote"
                },
                {
                  "id": "source",
                  "name": "Source"
                }
              ],
              "annotations": [
                {
                  "id": "a2",
                  "label": "source",
                  "start": 2,
                  "end": 8,
                  "text": "Austin"
                },
                {
                  "id": "a1",
                  "label": "quote",
                  "start": 10,
                  "end": 24,
                  "text": "«need to stop»"
                }
              ]
            }
        "#]]
        .assert_eq(&json);
    }

    #[test]
    fn export_then_import_round_trips() {
        let document = sample();
        let json = export_native("T", &document, &schema());
        let imported = import_native(&json, &schema()).unwrap();
        assert_eq!(imported.title, "T");
        assert_eq!(imported.text, document.text().as_str());
        assert_eq!(imported.annotations, document.annotations());
    }

    fn native(annotations: &str) -> String {
        format!(
            r#"{{"format":"marginalia","version":1,"document":{{"title":"t","text":"a😀bc"}},"labels":[],"annotations":[{annotations}]}}"#
        )
    }

    /// Imports `json` and returns the error message.
    fn rejection(json: &str) -> String {
        import_native(json, &schema()).unwrap_err().to_string()
    }

    #[test]
    fn every_kind_of_bad_file_gets_its_own_message() {
        let cases = [
            ("{\"format\": ", "This file is not valid JSON (line 1, column 11): EOF while parsing a value."),
            ("[1, 2]", "This is not a Marginalia file: it is JSON, but not an object."),
            ("", "This file is not valid JSON (line 1, column 0): EOF while parsing a value."),
            ("{\"format\": {}}", "This is not a Marginalia file: its \"format\" is {}, not \"marginalia\"."),
            ("{\"format\": \"brat\", \"version\": 1}", "This is not a Marginalia file: its \"format\" is \"brat\", not \"marginalia\"."),
            ("{\"version\": 1}", "This is not a Marginalia file: it has no \"format\" field."),
            ("{\"format\": \"marginalia\", \"version\": 9}", "This file uses Marginalia format version 9; this version of Marginalia reads version 1."),
            ("{\"format\": \"marginalia\", \"version\": \"1\"}", "This file uses Marginalia format version \"1\"; this version of Marginalia reads version 1."),
            ("{\"format\": \"marginalia\", \"version\": 1}", "This Marginalia file is malformed: missing field `document` at line 1 column 38."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":9,"text":"x"}"#), "Annotation a1 has offsets 1–9, outside the text (4 characters)."),
            (&native(r#"{"id":"a1","label":"claim","start":2,"end":2,"text":""}"#), "Annotation a1 has offsets 2–2, outside the text (4 characters)."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"xb"}"#), "Annotation a1 says its text is \"xb\", but the document has \"😀b\" at 1–3."),
            (&native(r#"{"id":"a1","label":"gossip","start":1,"end":3,"text":"😀b"}"#), "Annotation a1 has the label \"gossip\", which is not one of this project's labels (claim, quote, source)."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"😀b"},{"id":"a1","label":"quote","start":0,"end":1,"text":"a"}"#), "Two annotations have the id a1."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"😀b"},{"id":"a2","label":"claim","start":1,"end":3,"text":"😀b"}"#), "Annotations a1 and a2 tag the same text with the same label."),
            (&native(r#"{"id":"a1","label":"claim","start":-1,"end":3,"text":"😀b"}"#), "This Marginalia file is malformed: invalid value: integer `-1`, expected usize at line 1 column 141."),
            (r#"{"format":"marginalia","version":1,"document":{"title":"t","text":""},"labels":[],"annotations":[]}"#, "The document in this file has no text."),
        ];
        for (json, message) in cases {
            assert_eq!(rejection(json), message, "for {json}");
        }
    }

    #[test]
    fn unknown_fields_are_reported() {
        let json = native("").replace("\"labels\"", "\"lables\"");
        assert!(rejection(&json)
            .starts_with("This Marginalia file is malformed: unknown field `lables`"));
    }

    #[test]
    fn python_slicing_semantics_hold_for_astral_text() {
        let imported = import_native(
            &native(r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"😀b"}"#),
            &schema(),
        )
        .unwrap();
        let chars: Vec<char> = imported.text.chars().collect();
        let a = &imported.annotations[0];
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), "😀b");
    }
}
