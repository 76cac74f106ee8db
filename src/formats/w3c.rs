//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose page holds one
//! `Annotation` per span — its label a `tagging` body, its field values
//! `classifying` bodies (`field: value`), its note a `commenting` body — with a
//! `TextQuoteSelector` and a `TextPositionSelector` (code points, as the model
//! requires) on the document. Links are `linking` annotations whose body is the
//! source and whose targets are the quote or claim and then, if any, the cue.
//!
//! The model has no place for the document text itself, so the collection carries
//! it in `marginalia:documents` (an extension term in its context); a file without
//! it cannot be read back, and says so.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::model::ids::AnnotationId;
use crate::model::labelled::FormatError;
use crate::model::labels::LabelSchema;

use super::{malformed, printable, Builder, Named, OutputFile, Read, Written};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const EXTENSION: &str = "urn:marginalia:ns#";
/// How much text either side of a quote the quote selector repeats.
const CONTEXT_CHARS: usize = 32;

fn document_iri(id: &str) -> String {
    format!("urn:marginalia:document:{id}")
}

fn annotation_iri(document: &str, id: &str) -> String {
    format!("urn:marginalia:document:{document}:{id}")
}

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let mut items = Vec::new();
    let mut texts = Vec::new();
    for named in documents {
        progress();
        let document = named.document;
        let chars: Vec<char> = document.text.chars().collect();
        let slice = |start: usize, end: usize| {
            chars
                .get(start..end)
                .unwrap_or(&[])
                .iter()
                .collect::<String>()
        };
        let source = document_iri(&named.id);
        let mut entry = json!({ "id": source, "title": document.title, "text": document.text });
        if let Some(meta) = &document.meta {
            entry["meta"] = json!(meta);
        }
        texts.push(entry);
        for annotation in &document.annotations {
            let (start, end) = (annotation.start, annotation.end);
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": schema.name_of(&annotation.label),
            })];
            if let Some(details) = document.details.get(&annotation.id) {
                for (field, value) in details.attributes.iter() {
                    body.push(json!({ "type": "TextualBody", "purpose": "classifying", "value": format!("{field}: {value}") }));
                }
                if !details.note.is_empty() {
                    body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": details.note }));
                }
            }
            let mut item = json!({
                "@context": CONTEXT,
                "id": annotation_iri(&named.id, annotation.id.as_str()),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": slice(start, end),
                            "prefix": slice(start.saturating_sub(CONTEXT_CHARS), start),
                            "suffix": slice(end, (end + CONTEXT_CHARS).min(chars.len())),
                        },
                        { "type": "TextPositionSelector", "start": start, "end": end },
                    ],
                },
            });
            // Who annotated it: the model's `creator`.
            if let Some(annotator) = &document.annotator {
                item["creator"] = json!({ "type": "Person", "name": annotator });
            }
            items.push(item);
        }
        for relation in &document.relations {
            let mut targets = vec![json!(annotation_iri(&named.id, relation.from.as_str()))];
            if let Some(cue) = &relation.cue {
                targets.push(json!(annotation_iri(&named.id, cue.as_str())));
            }
            items.push(json!({
                "@context": CONTEXT,
                "id": annotation_iri(&named.id, relation.id.as_str()),
                "type": "Annotation",
                "motivation": "linking",
                "body": annotation_iri(&named.id, relation.to.as_str()),
                "target": targets,
            }));
        }
    }
    let label = match documents {
        [one] => one.document.title.clone(),
        _ => format!("Marginalia export of {} documents", documents.len()),
    };
    let collection = json!({
        "@context": [CONTEXT, { "marginalia": EXTENSION }],
        "id": "urn:marginalia:collection",
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "marginalia:documents": texts,
        "first": {
            "id": "urn:marginalia:collection:page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    Written {
        files: vec![OutputFile {
            name: format!("annotations.{}", super::Format::W3c.extension()),
            contents: serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n",
        }],
        notes: Vec::new(),
    }
}

/// A string, or the `id` of an object.
fn iri(value: &Value) -> Option<&str> {
    value
        .as_str()
        .or_else(|| value.get("id").and_then(Value::as_str))
}

fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

pub fn read(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| malformed(format!("not JSON: {e}")))?;
    // A collection (with its pages), a page, a list, or a single annotation.
    let items: Vec<&Value> = match root.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => {
            let first = root.get("first");
            let mut items = as_list(first.and_then(|p| p.get("items")));
            let mut next = first.and_then(|p| p.get("next"));
            while let Some(page) = next.filter(|p| p.is_object()) {
                items.extend(as_list(page.get("items")));
                next = page.get("next");
            }
            items
        }
        Some("AnnotationPage") => as_list(root.get("items")),
        _ => as_list(Some(&root)),
    };
    let texts = as_list(root.get("marginalia:documents"));
    if texts.is_empty() {
        return Err(malformed(
            "this Web Annotation file does not contain the annotated text (Marginalia writes it in \"marginalia:documents\"), so its offsets cannot be checked",
        ));
    }
    // Index once: annotations by the document they target, so each document looks
    // only at its own (a corpus of thousands stays linear).
    let mut by_source: HashMap<&str, Vec<&Value>> = HashMap::new();
    let mut links: Vec<&Value> = Vec::new();
    for item in &items {
        if item.get("motivation").and_then(Value::as_str) == Some("linking") {
            links.push(item);
        } else if let Some(source) = item
            .get("target")
            .and_then(|t| t.get("source"))
            .and_then(Value::as_str)
        {
            by_source.entry(source).or_default().push(item);
        }
    }
    let mut builder = Builder::new(schema);
    let mut left_out = 0;
    let mut documents = Vec::new();
    // Annotation IRI → (document, annotation), for the links.
    let mut ids: HashMap<String, (usize, AnnotationId)> = HashMap::new();
    let mut sources = HashSet::new();
    for entry in texts {
        let source = iri(entry).ok_or_else(|| malformed("a document has no id"))?;
        // Annotations find their document by its id: two with one id would share them.
        if !sources.insert(source) {
            return Err(malformed(format!(
                "two documents have the id {}",
                printable(source)
            )));
        }
        let title = entry.get("title").and_then(Value::as_str).unwrap_or("");
        let text = entry
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| malformed(format!("document {source} has no text")))?;
        let mut document = builder.document(title, text.to_owned())?;
        document.set_meta_from(entry.get("meta"));
        for item in by_source.get(source).into_iter().flatten() {
            let what = iri(item).unwrap_or("an annotation").to_owned();
            let selectors = as_list(item.get("target").and_then(|t| t.get("selector")));
            let position = selectors
                .iter()
                .find(|s| s.get("type").and_then(Value::as_str) == Some("TextPositionSelector"));
            let quote = selectors
                .iter()
                .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"))
                .and_then(|s| s.get("exact"))
                .and_then(Value::as_str);
            let Some(position) = position else {
                left_out += 1;
                continue;
            };
            let offset = |key: &str| {
                position
                    .get(key)
                    .and_then(Value::as_u64)
                    .map(|n| n as usize)
                    .ok_or_else(|| malformed(format!("{what}: its position has no {key}")))
            };
            let (start, end) = (offset("start")?, offset("end")?);
            let bodies = as_list(item.get("body"));
            let purpose = |body: &&&Value, purpose: &str| {
                body.get("purpose").and_then(Value::as_str) == Some(purpose)
            };
            let tag = bodies
                .iter()
                .find(|b| purpose(b, "tagging"))
                .and_then(|b| b.get("value"))
                .and_then(Value::as_str)
                .ok_or_else(|| malformed(format!("{what} has no tagging body")))?;
            if let Some(name) = item
                .get("creator")
                .and_then(|c| c.get("name").or(Some(c)))
                .and_then(Value::as_str)
            {
                document.set_annotator(name);
            }
            let label = builder.label(tag)?;
            let Some(id) = document.span(&what, label, start, end, quote)? else {
                continue;
            };
            for body in bodies.iter().filter(|b| purpose(b, "classifying")) {
                if let Some((field, value)) = body
                    .get("value")
                    .and_then(Value::as_str)
                    .and_then(|v| v.split_once(": "))
                {
                    document.set_attribute(&id, field, value);
                }
            }
            if let Some(note) = bodies
                .iter()
                .find(|b| purpose(b, "commenting"))
                .and_then(|b| b.get("value"))
                .and_then(Value::as_str)
            {
                document.set_note(&id, note);
            }
            ids.insert(what, (documents.len(), id));
        }
        documents.push(document);
    }
    for item in links {
        let find = |value: Option<&Value>| value.and_then(iri).and_then(|iri| ids.get(iri));
        let targets = as_list(item.get("target"));
        let bodies = as_list(item.get("body"));
        let (Some((from_doc, from)), Some((to_doc, to))) = (
            find(targets.first().copied()),
            find(bodies.first().copied()),
        ) else {
            left_out += 1;
            continue;
        };
        let cue = find(targets.get(1).copied())
            .filter(|(doc, _)| doc == from_doc)
            .map(|(_, id)| id);
        if from_doc != to_doc {
            left_out += 1;
            continue;
        }
        if let Err(reason) = documents[*from_doc].link(from, to, cue) {
            builder
                .notes
                .push(format!("A link was left out: {reason}."));
        }
    }
    for document in documents {
        builder.add(document)?;
    }
    if left_out > 0 {
        builder.notes.push(format!(
            "{left_out} annotations without a TextPositionSelector, or links between missing or distant annotations, were left out."
        ));
    }
    Ok(builder.finish())
}
