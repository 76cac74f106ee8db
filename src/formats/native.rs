//! Marginalia's own format (`docs/format.md`, `docs/marginalia-v2.schema.json`):
//! one document per JSON file, or a corpus as JSONL, one document per line.
//! Export writes version 2; import reads versions 1 and 2.
//!
//! Export writes keys in a fixed order and annotations in document order, so two
//! exports of the same work are byte-identical and diff cleanly. Import checks
//! everything a file could get wrong and says which annotation or link is at fault;
//! it never panics and never returns a half-read document.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::article_meta::ArticleMeta;
use crate::model::attributes::Attributes;
use crate::model::document::{Annotation, ArticleText, Details, Document, Relation, SpanError};
use crate::model::ids::{AnnotationId, DocId, LabelId, RelationId};
use crate::model::labelled::{shorten, FormatError, LabelledDocument};
use crate::model::labels::{LabelDef, LabelSchema};
use crate::model::limits::{MAX_ANNOTATIONS, MAX_LABELS};
use crate::model::session::DocumentStatus;
use crate::model::text_edits::{self, Original};

use super::{file_names, Format, Named, OutputFile, Read, Written};

pub const FORMAT_NAME: &str = "marginalia";
pub const FORMAT_VERSION: u64 = 2;
/// The only relation type so far: a quote or claim attributed to a source.
const ATTRIBUTION: &str = "attribution";

/// One struct reads both versions: version 1 is version 2 without relations,
/// details, hotkeys and fields, which all default to empty. (Separate version 1
/// types would add their deserialisers to the web app for nothing.)
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    format: String,
    version: u64,
    document: FileDocument,
    labels: Vec<LabelDef>,
    annotations: Vec<FileAnnotation>,
    #[serde(default)]
    relations: Vec<FileRelation>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDocument {
    title: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<DocumentStatus>,
    /// Who annotated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<ArticleMeta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original: Option<Original>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAnnotation {
    id: String,
    label: String,
    start: usize,
    end: usize,
    text: String,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    attributes: Attributes,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRelation {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    from: String,
    to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
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

/// Native JSON (version 2) of a document, pretty-printed or on one line (JSONL).
pub fn write_native(document: &LabelledDocument, labels: &[LabelDef], pretty: bool) -> String {
    let text = ArticleText::new(document.text.clone());
    let file = FileV2 {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        document: FileDocument {
            title: document.title.clone(),
            text: document.text.clone(),
            status: document.status,
            annotator: document.annotator.clone(),
            meta: document.meta.clone(),
            original: document.original.clone(),
        },
        labels: labels.to_vec(),
        annotations: document
            .annotations
            .iter()
            .map(|annotation| {
                let details = document
                    .details
                    .get(&annotation.id)
                    .cloned()
                    .unwrap_or_default();
                FileAnnotation {
                    id: annotation.id.to_string(),
                    label: annotation.label.to_string(),
                    start: annotation.start,
                    end: annotation.end,
                    text: text.slice(annotation.start, annotation.end).to_owned(),
                    attributes: details.attributes,
                    note: details.note,
                }
            })
            .collect(),
        relations: document
            .relations
            .iter()
            .map(|relation| FileRelation {
                id: relation.id.to_string(),
                kind: ATTRIBUTION.to_owned(),
                from: relation.from.to_string(),
                to: relation.to.to_string(),
                cue: relation.cue.as_ref().map(ToString::to_string),
            })
            .collect(),
    };
    if pretty {
        serde_json::to_string_pretty(&file)
    } else {
        serde_json::to_string(&file)
    }
    // Strings, numbers and maps of strings always serialise.
    .unwrap_or_default()
}

/// Reads and checks a native JSON file of version 1 or 2.
pub fn import_native(json: &str, schema: &LabelSchema) -> Result<LabelledDocument, FormatError> {
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
    let malformed = |error| not_json_or(error, |e| FormatError::Malformed(e.to_string()));
    let file: FileV2 = match header.version.map(|raw| raw.get()) {
        Some("1" | "2") => serde_json::from_str(json).map_err(malformed)?,
        Some(other) => return Err(FormatError::UnsupportedVersion(shorten(other))),
        None => {
            return Err(FormatError::Malformed(
                "the \"version\" field is missing".into(),
            ))
        }
    };
    check(file, schema)
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

fn check(file: FileV2, schema: &LabelSchema) -> Result<LabelledDocument, FormatError> {
    if file.document.text.is_empty() {
        return Err(FormatError::EmptyText);
    }
    if file.labels.len() > MAX_LABELS {
        return Err(FormatError::TooMany {
            what: "labels".to_owned(),
            limit: MAX_LABELS,
        });
    }
    if file.annotations.len() > MAX_ANNOTATIONS {
        return Err(FormatError::TooMany {
            what: "annotations in one document".to_owned(),
            limit: MAX_ANNOTATIONS,
        });
    }
    let original = file.document.original;
    if let Some(original) = &original {
        check_original(original, &file.document.text)?;
    }
    let text = ArticleText::new(file.document.text);
    let mut document = Document::new(DocId::new("import"), text.clone());
    let label_ids: HashSet<&str> = schema
        .labels()
        .iter()
        .chain(&file.labels)
        .map(|l| l.id.as_str())
        .collect();
    let known = |label: &str| label_ids.contains(label);
    let mut details = HashMap::new();
    for item in file.annotations {
        if !known(&item.label) {
            let mut ids: Vec<&str> = schema.labels().iter().map(|l| l.id.as_str()).collect();
            ids.extend(
                file.labels
                    .iter()
                    .map(|l| l.id.as_str())
                    .filter(|id| schema.get(id).is_none()),
            );
            return Err(FormatError::UnknownLabel {
                id: shorten(&item.id),
                label: shorten(&item.label),
                known: shorten(&ids.join(", ")),
            });
        }
        let len = text.len_chars();
        if item.start >= item.end || item.end > len {
            return Err(FormatError::OutOfRange {
                id: shorten(&item.id),
                start: item.start,
                end: item.end,
                len,
            });
        }
        let found = text.slice(item.start, item.end);
        if found != item.text {
            return Err(FormatError::TextMismatch {
                id: shorten(&item.id),
                start: item.start,
                end: item.end,
                expected: shorten(&item.text),
                found: shorten(found),
            });
        }
        let id = AnnotationId::new(&item.id);
        let annotation = Annotation {
            id: id.clone(),
            label: LabelId::new(&item.label),
            start: item.start,
            end: item.end,
        };
        match document.insert(annotation) {
            Ok(()) => {}
            Err(SpanError::DuplicateId(id)) => {
                return Err(FormatError::DuplicateId(shorten(id.as_str())))
            }
            Err(SpanError::Duplicate(first)) => {
                return Err(FormatError::DuplicateSpan(
                    shorten(first.as_str()),
                    shorten(&item.id),
                ))
            }
            Err(other) => {
                return Err(FormatError::Malformed(format!(
                    "annotation {}: {other}",
                    shorten(&item.id)
                )))
            }
        }
        let item_details = Details {
            attributes: item.attributes,
            note: item.note,
        };
        if !item_details.is_empty() {
            details.insert(id, item_details);
        }
    }
    for item in file.relations {
        if item.kind != ATTRIBUTION {
            return Err(FormatError::UnknownRelationType {
                id: shorten(&item.id),
                kind: shorten(&item.kind),
            });
        }
        let relation = Relation {
            id: RelationId::new(&item.id),
            from: AnnotationId::new(&item.from),
            to: AnnotationId::new(&item.to),
            cue: item.cue.as_deref().map(AnnotationId::new),
        };
        if let Err(error) = document.insert_relation(relation) {
            let reason = match error {
                SpanError::Missing(missing) => format!(
                    "it refers to annotation {}, which is not in the file",
                    shorten(missing.as_str())
                ),
                SpanError::DuplicateLink(other) if other.as_str() == item.id => {
                    "two links have this id".to_owned()
                }
                SpanError::DuplicateLink(other) => format!(
                    "it links the same annotations as {}",
                    shorten(other.as_str())
                ),
                other => other.to_string(),
            };
            return Err(FormatError::BadRelation {
                id: shorten(&item.id),
                reason,
            });
        }
    }
    let document = LabelledDocument {
        title: file.document.title,
        text: text.as_str().to_owned(),
        labels: file.labels,
        annotations: document.annotations().to_vec(),
        relations: document.relations().to_vec(),
        details,
        original,
        meta: file.document.meta.and_then(ArticleMeta::non_empty),
        status: file.document.status,
        annotator: file
            .document
            .annotator
            .map(|a| crate::model::labelled::printable(a.trim()))
            .filter(|a| !a.is_empty()),
    };
    document.check_limits()?;
    Ok(document)
}

/// The original text's edits must make the text: anyone can replay them.
fn check_original(original: &Original, text: &str) -> Result<(), FormatError> {
    let malformed = |reason: String| FormatError::Malformed(format!("document.original: {reason}"));
    text_edits::check(&original.edits, original.text.chars().count())
        .map_err(|e| malformed(e.to_string()))?;
    let (edited, _) =
        text_edits::apply(&original.text, &original.edits).map_err(|e| malformed(e.to_string()))?;
    if edited != text {
        return Err(malformed(
            "its edits do not turn the original text into document.text".to_owned(),
        ));
    }
    Ok(())
}

pub fn write(
    format: Format,
    documents: &[Named],
    schema: &LabelSchema,
    progress: &mut dyn FnMut(),
) -> Written {
    let labels = schema.labels();
    let files = if format == Format::Jsonl {
        let mut contents = String::new();
        for named in documents {
            progress();
            contents.push_str(&write_native(named.document, labels, false));
            contents.push('\n');
        }
        vec![OutputFile {
            name: format!("corpus.{}", format.extension()),
            contents,
        }]
    } else {
        documents
            .iter()
            .zip(file_names(documents))
            .map(|(named, name)| {
                progress();
                OutputFile {
                    name: format!("{name}.{}", format.extension()),
                    contents: write_native(named.document, labels, true) + "\n",
                }
            })
            .collect()
    };
    Written {
        files,
        notes: Vec::new(),
    }
}

/// Reads a JSONL corpus: every non-blank line a native document. A bad line
/// refuses the file, naming the line.
pub fn read_jsonl(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut read = Read::default();
    let mut known = schema.clone();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let document = import_native(line, &known)
            .map_err(|error| FormatError::Malformed(format!("line {}: {error}", number + 1)))?;
        for label in &document.labels {
            if known.get(label.id.as_str()).is_none() {
                read.new_labels.push(label.clone());
            }
        }
        known.merge(&document.labels);
        read.documents.push(document);
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::labelled::labelled;
    use expect_test::expect;

    fn schema() -> LabelSchema {
        LabelSchema::default()
    }

    /// A document as the native file an export writes (`formats::native`).
    fn export_native(title: &str, document: &Document, schema: &LabelSchema) -> String {
        write_native(&labelled(title, document), schema.labels(), true) + "\n"
    }

    /// A small schema keeps the snapshot readable.
    fn small_schema() -> LabelSchema {
        let label = |id: &str, name: &str, hotkey| LabelDef {
            id: LabelId::new(id),
            name: name.into(),
            hotkey,
            fields: vec![],
            colour: None,
        };
        LabelSchema::new(vec![
            label("quote", "Quote", Some('q')),
            label("source", "Source", None),
        ])
    }

    fn sample() -> Document {
        let mut document = Document::new(
            DocId::new("d1"),
            ArticleText::new("😀 Austin: «need to stop»\nق".to_owned()),
        );
        document.tag(LabelId::new("quote"), 10, 24).unwrap();
        document.tag(LabelId::new("source"), 2, 8).unwrap();
        document
            .link(AnnotationId::new("a1"), AnnotationId::new("a2"), None)
            .unwrap();
        let mut details = Details {
            note: "check the translation".into(),
            ..Details::default()
        };
        details.attributes.insert("kind".into(), "direct".into());
        document
            .set_details(&AnnotationId::new("a1"), details)
            .unwrap();
        document
    }

    #[test]
    fn export_has_fixed_key_order_and_code_point_offsets() {
        let json = export_native("Iraq \"talks\"", &sample(), &small_schema());
        expect![[r#"
            {
              "format": "marginalia",
              "version": 2,
              "document": {
                "title": "Iraq \"talks\"",
                "text": "😀 Austin: «need to stop»\nق"
              },
              "labels": [
                {
                  "id": "quote",
                  "name": "Quote",
                  "hotkey": "q"
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
                  "text": "«need to stop»",
                  "attributes": {
                    "kind": "direct"
                  },
                  "note": "check the translation"
                }
              ],
              "relations": [
                {
                  "id": "r1",
                  "type": "attribution",
                  "from": "a1",
                  "to": "a2"
                }
              ]
            }
        "#]]
        .assert_eq(&json);
    }

    #[test]
    fn export_then_import_round_trips_everything() {
        let document = sample();
        let json = export_native("T", &document, &schema());
        let imported = import_native(&json, &schema()).unwrap();
        assert_eq!(imported.title, "T");
        assert_eq!(imported.text, document.text().as_str());
        assert_eq!(imported.annotations, document.annotations());
        assert_eq!(imported.relations, document.relations());
        assert_eq!(
            imported.details.get(&AnnotationId::new("a1")),
            document.details_of(&AnnotationId::new("a1"))
        );
        assert_eq!(imported.labels, schema().labels());
    }

    #[test]
    fn the_original_text_and_article_metadata_travel_and_are_checked() {
        let mut document = Document::new(
            DocId::new("d1"),
            ArticleText::new("Energy News\nAustin said\nno.".to_owned()),
        );
        document.tag(LabelId::new("quote"), 19, 26).unwrap(); // "said\nno"
        let edits = [
            crate::model::text_edits::TextEdit {
                start: 0,
                end: 12,
                replacement: String::new(),
            },
            crate::model::text_edits::TextEdit {
                start: 23,
                end: 24,
                replacement: " ".into(),
            },
        ];
        document.edit_text(&edits).unwrap();
        document.set_meta(Some(ArticleMeta {
            byline: Some("Jane Doe".into()),
            url: Some("https://example.org/story".into()),
            ..ArticleMeta::default()
        }));
        let json = export_native("T", &document, &schema());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["document"]["text"], "Austin said no.");
        assert_eq!(
            value["document"]["original"]["text"],
            "Energy News\nAustin said\nno."
        );
        assert_eq!(value["document"]["original"]["edits"][1]["text"], " ");
        assert_eq!(value["document"]["meta"]["byline"], "Jane Doe");
        let imported = import_native(&json, &schema()).unwrap();
        assert_eq!(imported.original.as_ref(), document.original());
        assert_eq!(imported.meta.as_ref(), document.meta());
        assert_eq!(imported.annotations[0].start, 7);
        // An original whose edits do not make the text is refused, with why.
        let tampered = json.replace("\"text\": \" \"", "\"text\": \"  \"");
        assert_ne!(tampered, json);
        let error = import_native(&tampered, &schema()).unwrap_err().to_string();
        assert!(error.contains("document.original"), "{error}");
    }

    #[test]
    fn version_1_files_still_import() {
        let v1 = r#"{"format":"marginalia","version":1,"document":{"title":"Old","text":"Austin said no."},
            "labels":[{"id":"source","name":"Source"},{"id":"event","name":"Event"}],
            "annotations":[{"id":"a1","label":"source","start":0,"end":6,"text":"Austin"},
                           {"id":"a2","label":"event","start":7,"end":11,"text":"said"}]}"#;
        let imported = import_native(v1, &schema()).unwrap();
        assert_eq!(imported.annotations.len(), 2);
        assert!(imported.relations.is_empty());
        // Its own label comes along, to be added to the project's schema.
        assert_eq!(imported.labels[1].name, "Event");
    }

    fn native(annotations: &str, relations: &str) -> String {
        format!(
            r#"{{"format":"marginalia","version":2,"document":{{"title":"t","text":"a😀bc"}},"labels":[],"annotations":[{annotations}],"relations":[{relations}]}}"#
        )
    }

    /// Imports `json` and returns the error message.
    fn rejection(json: &str) -> String {
        import_native(json, &schema()).unwrap_err().to_string()
    }

    const A1: &str = r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"😀b"}"#;
    const A2: &str = r#"{"id":"a2","label":"source","start":0,"end":1,"text":"a"}"#;

    #[test]
    fn every_kind_of_bad_file_gets_its_own_message() {
        let two = format!("{A1},{A2}");
        let cases = [
            ("{\"format\": ", "This file is not valid JSON (line 1, column 11): EOF while parsing a value."),
            ("[1, 2]", "This is not a Marginalia file: it is JSON, but not an object."),
            ("", "This file is not valid JSON (line 1, column 0): EOF while parsing a value."),
            ("{\"format\": {}}", "This is not a Marginalia file: its \"format\" is {}, not \"marginalia\"."),
            ("{\"format\": \"brat\", \"version\": 1}", "This is not a Marginalia file: its \"format\" is \"brat\", not \"marginalia\"."),
            ("{\"version\": 1}", "This is not a Marginalia file: it has no \"format\" field."),
            ("{\"format\": \"marginalia\", \"version\": 9}", "This file uses Marginalia format version 9; this version of Marginalia reads versions 1 and 2."),
            ("{\"format\": \"marginalia\", \"version\": \"1\"}", "This file uses Marginalia format version \"1\"; this version of Marginalia reads versions 1 and 2."),
            ("{\"format\": \"marginalia\", \"version\": 2}", "This Marginalia file is malformed: missing field `document` at line 1 column 38."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":9,"text":"x"}"#, ""), "Annotation a1 has offsets 1–9, outside the text (4 characters)."),
            (&native(r#"{"id":"a1","label":"claim","start":2,"end":2,"text":""}"#, ""), "Annotation a1 has offsets 2–2, outside the text (4 characters)."),
            (&native(r#"{"id":"a1","label":"claim","start":1,"end":3,"text":"xb"}"#, ""), "Annotation a1 says its text is \"xb\", but the document has \"😀b\" at 1–3."),
            (&native(r#"{"id":"a1","label":"gossip","start":1,"end":3,"text":"😀b"}"#, ""), "Annotation a1 has the label \"gossip\", which neither the file nor this project defines (claim, quote, source, cue)."),
            (&native(&format!(r#"{A1},{{"id":"a1","label":"quote","start":0,"end":1,"text":"a"}}"#), ""), "Two annotations have the id a1."),
            (&native(&format!(r#"{A1},{{"id":"a2","label":"claim","start":1,"end":3,"text":"😀b"}}"#), ""), "Annotations a1 and a2 tag the same text with the same label."),
            (&native(r#"{"id":"a1","label":"claim","start":-1,"end":3,"text":"😀b"}"#, ""), "This Marginalia file is malformed: invalid value: integer `-1`, expected usize at line 1 column 141."),
            (r#"{"format":"marginalia","version":2,"document":{"title":"t","text":""},"labels":[],"annotations":[],"relations":[]}"#, "The document in this file has no text."),
            (&native(&two, r#"{"id":"r1","type":"rebuttal","from":"a1","to":"a2"}"#), "Link r1 has the type \"rebuttal\"; this version of Marginalia knows only \"attribution\"."),
            (&native(&two, r#"{"id":"r1","type":"attribution","from":"a1","to":"a9"}"#), "Link r1 is invalid: it refers to annotation a9, which is not in the file."),
            (&native(&two, r#"{"id":"r1","type":"attribution","from":"a1","to":"a1"}"#), "Link r1 is invalid: an annotation cannot be linked to itself."),
            (&native(&two, r#"{"id":"r1","type":"attribution","from":"a1","to":"a2"},{"id":"r2","type":"attribution","from":"a1","to":"a2"}"#), "Link r2 is invalid: it links the same annotations as r1."),
            (&native(&two, r#"{"id":"r1","type":"attribution","from":"a1","to":"a2"},{"id":"r1","type":"attribution","from":"a2","to":"a1"}"#), "Link r1 is invalid: two links have this id."),
        ];
        for (json, message) in cases {
            assert_eq!(rejection(json), message, "for {json}");
        }
    }

    #[test]
    fn unknown_fields_are_reported() {
        let json = native("", "").replace("\"labels\"", "\"lables\"");
        assert!(rejection(&json)
            .starts_with("This Marginalia file is malformed: unknown field `lables`"));
    }

    #[test]
    fn python_slicing_semantics_hold_for_astral_text() {
        let imported = import_native(&native(A1, ""), &schema()).unwrap();
        let chars: Vec<char> = imported.text.chars().collect();
        let a = &imported.annotations[0];
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), "😀b");
    }

    #[test]
    fn a_documents_status_travels_in_the_document_object() {
        let document = LabelledDocument {
            title: "T".into(),
            text: "Austin said no.".into(),
            status: Some(DocumentStatus::Done),
            ..LabelledDocument::default()
        };
        let json = write_native(&document, &[], false);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["document"]["status"], "done");
        let back = import_native(&json, &schema()).unwrap();
        assert_eq!(back.status, Some(DocumentStatus::Done));
        let without = json.replace(r#","status":"done""#, "");
        assert_eq!(import_native(&without, &schema()).unwrap().status, None);
    }
}
