//! Label Studio JSON: a list of tasks, each `{"data": {"text": …}, "annotations":
//! [{"result": [...]}]}`. Spans are `labels` regions; a span's field values are
//! per-region `choices` / `textarea` results with the same id; links are
//! `relation` results labelled `attribution`, and a link's cue is a second
//! relation from the quote to the cue, labelled `cue`.
//!
//! Offsets: Label Studio counts code points (its frontend converts since 2022), so
//! `text[start:end]` works in Python. Older exports counted UTF-16 units; a region
//! whose `text` only matches that way is converted and the import says so.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::model::document::ArticleText;
use crate::model::ids::AnnotationId;
use crate::model::labelled::FormatError;
use crate::model::labels::{FieldKind, LabelSchema};

use super::builder::first_cues;
use super::{malformed, Builder, Named, OutputFile, Read, Written};

const TEXT: &str = "text";
const LABEL_CONTROL: &str = "label";
const NOTE_CONTROL: &str = "note";

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let tasks: Vec<Value> = documents
        .iter()
        .enumerate()
        .map(|(index, named)| {
            progress();
            let document = named.document;
            let chars: Vec<char> = document.text.chars().collect();
            let mut result = Vec::new();
            for annotation in &document.annotations {
                let (start, end) = (annotation.start, annotation.end);
                let span_text: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
                let id = annotation.id.as_str();
                result.push(json!({
                    "id": id, "type": "labels", "from_name": LABEL_CONTROL, "to_name": TEXT, "origin": "manual",
                    "value": { "start": start, "end": end, "text": span_text, "labels": [schema.name_of(&annotation.label)] },
                }));
                let Some(details) = document.details.get(&annotation.id) else {
                    continue;
                };
                let fields = schema
                    .get(annotation.label.as_str())
                    .map(|l| l.fields.clone())
                    .unwrap_or_default();
                for (field, value) in details.attributes.iter() {
                    let choice = fields
                        .iter()
                        .any(|f| f.id == field && f.kind == FieldKind::Choice);
                    let value = if choice {
                        json!({ "start": start, "end": end, "choices": [value] })
                    } else {
                        json!({ "start": start, "end": end, "text": [value] })
                    };
                    let kind = if choice { "choices" } else { "textarea" };
                    result.push(json!({ "id": id, "type": kind, "from_name": field, "to_name": TEXT, "origin": "manual", "value": value }));
                }
                if !details.note.is_empty() {
                    result.push(json!({
                        "id": id, "type": "textarea", "from_name": NOTE_CONTROL, "to_name": TEXT, "origin": "manual",
                        "value": { "start": start, "end": end, "text": [details.note] },
                    }));
                }
            }
            for relation in &document.relations {
                result.push(json!({ "type": "relation", "from_id": relation.from.as_str(), "to_id": relation.to.as_str(), "direction": "right", "labels": ["attribution"] }));
                if let Some(cue) = &relation.cue {
                    result.push(json!({ "type": "relation", "from_id": relation.from.as_str(), "to_id": cue.as_str(), "direction": "right", "labels": ["cue"] }));
                }
            }
            let mut data = json!({ "text": document.text, "title": document.title, "marginalia_id": named.id });
            if let Some(meta) = &document.meta {
                data["meta"] = json!(meta);
            }
            json!({
                "id": index + 1,
                "data": data,
                "annotations": [{ "id": index + 1, "result": result }],
            })
        })
        .collect();
    Written {
        files: vec![OutputFile {
            name: format!("tasks.{}", super::Format::LabelStudio.extension()),
            contents: serde_json::to_string_pretty(&tasks).unwrap_or_default() + "\n",
        }],
        notes: Vec::new(),
    }
}

pub fn read(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| malformed(format!("not JSON: {e}")))?;
    let tasks: Vec<&Value> = match &root {
        Value::Array(tasks) => tasks.iter().collect(),
        task => vec![task],
    };
    let mut builder = Builder::new(schema);
    let mut converted = 0;
    for (number, task) in tasks.iter().enumerate() {
        let data = task.get("data").unwrap_or(task);
        let Some(text) = data.get(TEXT).and_then(Value::as_str) else {
            return Err(malformed(format!("task {} has no data.text", number + 1)));
        };
        let title = data.get("title").and_then(Value::as_str).map_or_else(
            || format!("Label Studio task {}", number + 1),
            str::to_owned,
        );
        let mut document = builder.document(&title, text.to_owned())?;
        document.set_meta_from(data.get("meta"));
        // The first annotation that was not cancelled; older files call them completions.
        let annotations = task
            .get("annotations")
            .or_else(|| task.get("completions"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let chosen = annotations
            .iter()
            .find(|a| a.get("was_cancelled").and_then(Value::as_bool) != Some(true));
        if annotations.len() > 1 {
            builder.notes.push(format!(
                "“{title}”: {} annotations by different people; the first was read.",
                annotations.len()
            ));
        }
        let results: Vec<Value> = chosen
            .and_then(|a| a.get("result"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut ids: HashMap<String, AnnotationId> = HashMap::new();
        for result in results
            .iter()
            .filter(|r| r.get("type").and_then(Value::as_str) == Some("labels"))
        {
            let region = result
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned();
            let value = result.get("value").unwrap_or(&Value::Null);
            let offset = |key: &str| {
                value
                    .get(key)
                    .and_then(Value::as_u64)
                    .map(|n| n as usize)
                    .ok_or_else(|| malformed(format!("region {region} has no {key}")))
            };
            let (mut start, mut end) = (offset("start")?, offset("end")?);
            let expected = value.get(TEXT).and_then(Value::as_str);
            if let Some(expected) = expected {
                let text = document.text();
                if text.len_chars() < end || text.slice(start, end) != expected {
                    if let Some((s, e)) = utf16_to_chars(text, start, end)
                        .filter(|&(s, e)| text.slice(s, e) == expected)
                    {
                        (start, end) = (s, e);
                        converted += 1;
                    }
                }
            }
            let labels = value
                .get("labels")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for name in labels.iter().filter_map(Value::as_str) {
                let label = builder.label(name)?;
                let what = format!("region {region}");
                if let Some(id) = document.span(&what, label, start, end, expected)? {
                    ids.entry(region.clone()).or_insert(id);
                }
            }
        }
        let find = |region: Option<&str>| region.and_then(|r| ids.get(r)).cloned();
        let mut left_out = 0;
        for result in &results {
            let kind = result.get("type").and_then(Value::as_str).unwrap_or("");
            let value = result.get("value").unwrap_or(&Value::Null);
            let control = result
                .get("from_name")
                .and_then(Value::as_str)
                .unwrap_or("");
            match kind {
                "labels" | "relation" => {}
                "choices" | "textarea" => {
                    let Some(id) = find(result.get("id").and_then(Value::as_str)) else {
                        left_out += 1;
                        continue;
                    };
                    let key = if kind == "choices" { "choices" } else { TEXT };
                    let values: Vec<&str> = value
                        .get(key)
                        .and_then(Value::as_array)
                        .map(|v| v.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let joined = values.join("; ");
                    if control == NOTE_CONTROL {
                        document.set_note(&id, &joined);
                    } else {
                        document.set_attribute(&id, control, &joined);
                    }
                }
                _ => left_out += 1,
            }
        }
        // Attribution links first, then their cues.
        let relations: Vec<&Value> = results
            .iter()
            .filter(|r| r.get("type").and_then(Value::as_str) == Some("relation"))
            .collect();
        let labelled = |r: &&Value, wanted: &str| {
            r.get("labels")
                .and_then(Value::as_array)
                .is_some_and(|l| l.iter().any(|v| v.as_str() == Some(wanted)))
        };
        let ends = |r: &Value| {
            (
                find(r.get("from_id").and_then(Value::as_str)),
                find(r.get("to_id").and_then(Value::as_str)),
            )
        };
        let cue_pairs: Vec<(AnnotationId, AnnotationId)> = relations
            .iter()
            .filter(|r| labelled(r, "cue"))
            .filter_map(|r| match ends(r) {
                (Some(from), Some(cue)) => Some((from, cue)),
                _ => None,
            })
            .collect();
        let cues = first_cues(cue_pairs.into_iter());
        for relation in relations.iter().filter(|r| !labelled(r, "cue")) {
            let (Some(from), Some(to)) = ends(relation) else {
                left_out += 1;
                continue;
            };
            if !labelled(relation, "attribution")
                && relation
                    .get("labels")
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
            {
                builder.notes.push(format!(
                    "“{title}”: a relation labelled {} was read as an attribution.",
                    relation
                        .get("labels")
                        .map(Value::to_string)
                        .unwrap_or_default()
                ));
            }
            let cue = cues.get(&from);
            if let Err(reason) = document.link(&from, &to, cue) {
                builder
                    .notes
                    .push(format!("“{title}”: a link was left out: {reason}."));
            }
        }
        if left_out > 0 {
            builder.notes.push(format!(
                "“{title}”: {left_out} results Marginalia cannot hold (other control types, or results about missing regions) were left out."
            ));
        }
        builder.add(document)?;
    }
    if converted > 0 {
        builder.notes.push(format!(
            "{converted} regions counted their offsets in UTF-16 units (older Label Studio); they were converted to code points."
        ));
    }
    Ok(builder.finish())
}

/// UTF-16 offsets as code point offsets, if they fall on character boundaries.
pub(super) fn utf16_to_chars(
    text: &ArticleText,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let (map, source) = (text.offsets(), text.as_str());
    if start > end || end > map.len_utf16() {
        return None;
    }
    // Only offsets on a character's edge are UTF-16 offsets of this text.
    let exact = |units: usize| {
        let chars = map.utf16_to_char(source, units);
        (map.char_to_utf16(source, chars) == units).then_some(chars)
    };
    Some((exact(start)?, exact(end)?))
}
