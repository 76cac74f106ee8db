//! spaCy / Prodigy JSONL: one document per line, `{"text", "tokens", "spans":
//! [{"start", "end", "label", "token_start", "token_end"}], "relations": [{"head",
//! "child", "head_span", "child_span", "label"}]}`. Offsets are code points, as
//! Python counts, so `doc.char_span(start, end, label)` finds each span. Field
//! values and notes ride along on each span as `attributes` and `note` (Prodigy
//! and spaCy ignore keys they do not know). A link is a relation labelled
//! `attribution` from the quote (head) to the source (child); its cue, a relation
//! labelled `cue` from the quote to the cue.

use serde_json::{json, Map, Value};

use crate::model::document::Annotation;
use crate::model::format::FormatError;
use crate::model::ids::AnnotationId;
use crate::model::labels::LabelSchema;

use super::tokens::{token_at, tokenize};
use super::{json_lines, malformed, record_text, Builder, Named, OutputFile, Read, Written};

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let mut contents = String::new();
    for named in documents {
        progress();
        let document = named.document;
        let chars: Vec<char> = document.text.chars().collect();
        let starts: Vec<usize> = document.annotations.iter().map(|a| a.start).collect();
        let ends: Vec<usize> = document.annotations.iter().map(|a| a.end).collect();
        let token_spans = tokenize(&chars, &starts, &ends);
        let tokens: Vec<Value> = token_spans
            .iter()
            .enumerate()
            .map(|(i, t)| {
                json!({ "text": chars[t.start..t.end].iter().collect::<String>(), "start": t.start, "end": t.end, "id": i, "ws": t.ws })
            })
            .collect();
        let span = |a: &Annotation| {
            let mut span = Map::new();
            span.insert("start".into(), json!(a.start));
            span.insert("end".into(), json!(a.end));
            span.insert("token_start".into(), json!(token_at(&token_spans, a.start)));
            span.insert("token_end".into(), json!(token_at(&token_spans, a.end - 1)));
            span.insert("label".into(), json!(schema.name_of(&a.label)));
            span
        };
        let spans: Vec<Value> = document
            .annotations
            .iter()
            .map(|a| {
                let mut entry = span(a);
                entry.insert(
                    "text".into(),
                    json!(chars[a.start..a.end].iter().collect::<String>()),
                );
                if let Some(details) = document.details.get(&a.id) {
                    if !details.attributes.is_empty() {
                        entry.insert(
                            "attributes".into(),
                            serde_json::to_value(&details.attributes).expect("a map of strings"),
                        );
                    }
                    if !details.note.is_empty() {
                        entry.insert("note".into(), json!(details.note));
                    }
                }
                Value::Object(entry)
            })
            .collect();
        let get = |id: &AnnotationId| document.annotations.iter().find(|a| &a.id == id);
        let mut relations = Vec::new();
        let mut relate = |head: &Annotation, child: &Annotation, label: &str| {
            let (head_span, child_span) = (span(head), span(child));
            relations.push(json!({ "head": head_span["token_start"], "child": child_span["token_start"], "head_span": head_span, "child_span": child_span, "label": label }));
        };
        for relation in &document.relations {
            if let (Some(from), Some(to)) = (get(&relation.from), get(&relation.to)) {
                relate(from, to, "attribution");
                if let Some(cue) = relation.cue.as_ref().and_then(&get) {
                    relate(from, cue, "cue");
                }
            }
        }
        let line = json!({ "text": document.text, "meta": { "title": document.title, "id": named.id }, "tokens": tokens, "spans": spans, "relations": relations });
        contents.push_str(&line.to_string());
        contents.push('\n');
    }
    Written {
        files: vec![OutputFile {
            name: format!("corpus.{}", super::Format::Spacy.extension()),
            contents,
        }],
        notes: Vec::new(),
    }
}

fn offsets(span: &Value, what: &str) -> Result<(usize, usize), FormatError> {
    let get = |key: &str| {
        span.get(key)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| malformed(format!("{what} has no {key}")))
    };
    Ok((get("start")?, get("end")?))
}

pub fn read(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut builder = Builder::new(schema);
    for line in json_lines(text) {
        let (line_number, record) = line?;
        let at = format!("line {line_number}");
        let text = record_text(&record, line_number)?;
        let title = record
            .get("meta")
            .and_then(|m| m.get("title"))
            .and_then(Value::as_str)
            .map_or_else(|| format!("spaCy document {line_number}"), str::to_owned);
        let mut document = builder.document(&title, text.to_owned())?;
        for (i, span) in record
            .get("spans")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let what = format!("{at}, span {}", i + 1);
            let (start, end) = offsets(span, &what)?;
            let label = builder.label(span.get("label").and_then(Value::as_str).unwrap_or(""));
            let expected = span.get("text").and_then(Value::as_str);
            let Some(id) = document.span(&what, label, start, end, expected)? else {
                continue;
            };
            if let Some(attributes) = span.get("attributes").and_then(Value::as_object) {
                for (field, value) in attributes {
                    document.set_attribute(&id, field, value.as_str().unwrap_or_default());
                }
            }
            if let Some(note) = span.get("note").and_then(Value::as_str) {
                document.set_note(&id, note);
            }
        }
        let relations: Vec<&Value> = record
            .get("relations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        let find = |span: Option<&Value>| -> Option<AnnotationId> {
            let span = span?;
            let (start, end) = offsets(span, "").ok()?;
            let label = span.get("label").and_then(Value::as_str);
            let candidates: Vec<&Annotation> = document
                .annotations()
                .iter()
                .filter(|a| a.start == start && a.end == end)
                .collect();
            candidates
                .iter()
                .find(|a| {
                    label.is_some_and(|l| {
                        builder.name_of(&a.label).eq_ignore_ascii_case(l) || a.label.as_str() == l
                    })
                })
                .or(candidates.first())
                .map(|a| a.id.clone())
        };
        let label = |r: &Value| {
            r.get("label")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let cues: Vec<(AnnotationId, AnnotationId)> = relations
            .iter()
            .filter(|r| label(r) == "cue")
            .filter_map(|r| Some((find(r.get("head_span"))?, find(r.get("child_span"))?)))
            .collect();
        let links: Vec<(AnnotationId, AnnotationId, String)> = relations
            .iter()
            .filter(|r| label(r) != "cue")
            .filter_map(|r| {
                Some((
                    find(r.get("head_span"))?,
                    find(r.get("child_span"))?,
                    label(r),
                ))
            })
            .collect();
        let unmatched = relations.len() - cues.len() - links.len();
        for (from, to, kind) in links {
            if kind != "attribution" {
                builder.notes.push(format!(
                    "{at}: a relation labelled “{kind}” was read as an attribution."
                ));
            }
            let cue = cues.iter().find(|(f, _)| f == &from).map(|(_, c)| c);
            if let Err(reason) = document.link(&from, &to, cue) {
                builder
                    .notes
                    .push(format!("{at}: a link was left out: {reason}."));
            }
        }
        if unmatched > 0 {
            builder.notes.push(format!("{at}: {unmatched} relations without head_span and child_span matching a span were left out."));
        }
        builder.add(document);
    }
    Ok(builder.finish())
}
