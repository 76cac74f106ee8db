//! spaCy / Prodigy JSONL: one document per line, `{"text", "tokens", "spans":
//! [{"start", "end", "label", "token_start", "token_end"}], "relations": [{"head",
//! "child", "head_span", "child_span", "label"}]}`. Offsets are code points, as
//! Python counts, so `doc.char_span(start, end, label)` finds each span. Field
//! values and notes ride along on each span as `attributes` and `note` (Prodigy
//! and spaCy ignore keys they do not know). A link is a relation labelled
//! `attribution` from the quote (head) to the source (child); its cue, a relation
//! labelled `cue` from the quote to the cue.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::attributes::Attributes;
use crate::model::document::{Annotation, ArticleText};
use crate::model::ids::AnnotationId;
use crate::model::labelled::FormatError;
use crate::model::labels::LabelSchema;

use super::builder::first_cues;
use super::tokens::{token_at, tokenize, Token};
use super::{malformed, record_text, Builder, Named, OutputFile, Read, Written};

/// A line of the file, written straight from borrowed text: a `Value` tree per
/// token cost hundreds of bytes each (a 20 MB article needed 9 GB).
#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    meta: Meta<'a>,
    tokens: Vec<TokenOut<'a>>,
    spans: Vec<SpanOut<'a>>,
    relations: Vec<RelationOut<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Clone, Serialize)]
struct SpanRef<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributes: Option<&'a Attributes>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    head: usize,
    child: usize,
    head_span: SpanRef<'a>,
    child_span: SpanRef<'a>,
    label: &'a str,
}

fn span_ref<'a>(a: &'a Annotation, tokens: &[Token], schema: &'a LabelSchema) -> SpanRef<'a> {
    SpanRef {
        start: a.start,
        end: a.end,
        token_start: token_at(tokens, a.start),
        token_end: token_at(tokens, a.end.saturating_sub(1)),
        label: schema.name_of(&a.label),
    }
}

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let mut contents = String::new();
    for named in documents {
        progress();
        let document = named.document;
        let text = ArticleText::new(document.text.clone());
        let chars: Vec<char> = document.text.chars().collect();
        let starts: Vec<usize> = document.annotations.iter().map(|a| a.start).collect();
        let ends: Vec<usize> = document.annotations.iter().map(|a| a.end).collect();
        let token_spans = tokenize(&chars, &starts, &ends);
        drop(chars);
        let tokens = token_spans
            .iter()
            .enumerate()
            .map(|(id, t)| TokenOut {
                text: text.slice(t.start, t.end),
                start: t.start,
                end: t.end,
                id,
                ws: t.ws,
            })
            .collect();
        let span_ref = |a| span_ref(a, &token_spans, schema);
        let spans = document
            .annotations
            .iter()
            .map(|a| {
                let details = document.details.get(&a.id);
                let at = span_ref(a);
                SpanOut {
                    start: at.start,
                    end: at.end,
                    token_start: at.token_start,
                    token_end: at.token_end,
                    label: at.label,
                    text: text.slice(a.start, a.end),
                    attributes: details
                        .map(|d| &d.attributes)
                        .filter(|attributes| !attributes.is_empty()),
                    note: details.map_or("", |d| d.note.as_str()),
                }
            })
            .collect();
        let by_id: HashMap<&AnnotationId, &Annotation> =
            document.annotations.iter().map(|a| (&a.id, a)).collect();
        let get = |id: &AnnotationId| by_id.get(id).copied();
        let mut relations = Vec::new();
        for relation in &document.relations {
            let (Some(from), Some(to)) = (get(&relation.from), get(&relation.to)) else {
                continue;
            };
            let cue = relation.cue.as_ref().and_then(get);
            for (child, label) in [(Some(to), "attribution"), (cue, "cue")] {
                let Some(child) = child else { continue };
                let (head_span, child_span) = (span_ref(from), span_ref(child));
                relations.push(RelationOut {
                    head: head_span.token_start,
                    child: child_span.token_start,
                    head_span,
                    child_span,
                    label,
                });
            }
        }
        let line = Line {
            text: &document.text,
            meta: Meta {
                title: &document.title,
                id: &named.id,
            },
            tokens,
            spans,
            relations,
        };
        // Serialising borrowed strings and numbers cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            contents.push_str(&json);
        }
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

/// The parts of a line the reader uses. `tokens` (the bulk of a line, hundreds
/// of bytes per word as a `Value`) is skipped while parsing.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    text: Value,
    #[serde(default)]
    meta: Value,
    #[serde(default)]
    spans: Value,
    #[serde(default)]
    relations: Value,
}

/// The non-blank lines, each with its number, as a `Value` without its tokens.
fn records(text: &str) -> impl Iterator<Item = Result<(usize, Value), FormatError>> + '_ {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let record: Record = serde_json::from_str(line)
                .map_err(|e| malformed(format!("line {} is not JSON: {e}", index + 1)))?;
            let mut object = serde_json::Map::new();
            object.insert("text".into(), record.text);
            object.insert("meta".into(), record.meta);
            object.insert("spans".into(), record.spans);
            object.insert("relations".into(), record.relations);
            Ok((index + 1, Value::Object(object)))
        })
}

pub fn read(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut builder = Builder::new(schema);
    for line in records(text) {
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
            let label = builder.label(span.get("label").and_then(Value::as_str).unwrap_or(""))?;
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
            let candidates = document.spans_at(start, end);
            candidates
                .iter()
                .find(|(span_label, _)| {
                    label.is_some_and(|l| {
                        builder.name_of(span_label).eq_ignore_ascii_case(l)
                            || span_label.as_str() == l
                    })
                })
                .or(candidates.first())
                .map(|(_, a)| a.clone())
        };
        let label = |r: &Value| {
            r.get("label")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let cue_pairs: Vec<(AnnotationId, AnnotationId)> = relations
            .iter()
            .filter(|r| label(r) == "cue")
            .filter_map(|r| Some((find(r.get("head_span"))?, find(r.get("child_span"))?)))
            .collect();
        let cue_count = cue_pairs.len();
        let cues = first_cues(cue_pairs.into_iter());
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
        let unmatched = relations.len() - cue_count - links.len();
        for (from, to, kind) in links {
            if kind != "attribution" {
                builder.notes.push(format!(
                    "{at}: a relation labelled “{kind}” was read as an attribution."
                ));
            }
            let cue = cues.get(&from);
            if let Err(reason) = document.link(&from, &to, cue) {
                builder
                    .notes
                    .push(format!("{at}: a link was left out: {reason}."));
            }
        }
        if unmatched > 0 {
            builder.notes.push(format!("{at}: {unmatched} relations without head_span and child_span matching a span were left out."));
        }
        builder.add(document)?;
    }
    Ok(builder.finish())
}
