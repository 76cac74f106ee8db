//! doccano JSONL: one document per line, `{"text", "entities": [{"id", "label",
//! "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id",
//! "type"}]}`; on import also the older `"label": [[start, end, "label"]]`.
//! Offsets are code points (doccano counts as Python does since its 2019 fix for
//! emoji). A link's cue is a second relation of type `cue` from the quote to the
//! cue. doccano has no place for field values or notes; an export says how many
//! it could not write.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::model::ids::AnnotationId;
use crate::model::labelled::FormatError;
use crate::model::labels::LabelSchema;

use super::builder::first_cues;
use super::{json_lines, malformed, record_text, Builder, Named, OutputFile, Read, Written};

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let mut contents = String::new();
    let mut lost = 0;
    for (index, named) in documents.iter().enumerate() {
        progress();
        let document = named.document;
        let numbers: HashMap<&AnnotationId, usize> = document
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i + 1))
            .collect();
        let number = |id: &AnnotationId| numbers.get(id).copied().unwrap_or(0);
        let entities: Vec<Value> = document
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| json!({ "id": i + 1, "label": schema.name_of(&a.label), "start_offset": a.start, "end_offset": a.end }))
            .collect();
        let mut relations = Vec::new();
        for relation in &document.relations {
            relations.push(json!({ "id": relations.len() + 1, "from_id": number(&relation.from), "to_id": number(&relation.to), "type": "attribution" }));
            if let Some(cue) = &relation.cue {
                relations.push(json!({ "id": relations.len() + 1, "from_id": number(&relation.from), "to_id": number(cue), "type": "cue" }));
            }
        }
        lost += document
            .details
            .values()
            .map(|d| d.attributes.iter().count() + usize::from(!d.note.is_empty()))
            .sum::<usize>();
        let mut line = json!({ "id": index + 1, "text": document.text, "title": document.title, "entities": entities, "relations": relations });
        if let Some(meta) = &document.meta {
            line["meta"] = json!(meta);
        }
        contents.push_str(&line.to_string());
        contents.push('\n');
    }
    let notes = if lost > 0 {
        vec![format!(
            "doccano has no place for field values or notes: {lost} were not written."
        )]
    } else {
        Vec::new()
    };
    Written {
        files: vec![OutputFile {
            name: format!("corpus.{}", super::Format::Doccano.extension()),
            contents,
        }],
        notes,
    }
}

fn number(value: &Value, key: &str, what: &str) -> Result<usize, FormatError> {
    value
        .get(key)
        .and_then(Value::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| malformed(format!("{what} has no {key}")))
}

pub fn read(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut builder = Builder::new(schema);
    for line in json_lines(text) {
        let (line_number, record) = line?;
        let at = format!("line {line_number}");
        let text = record_text(&record, line_number)?;
        let title = record
            .get("title")
            .and_then(Value::as_str)
            .map_or_else(|| format!("doccano document {line_number}"), str::to_owned);
        let mut document = builder.document(&title, text.to_owned())?;
        document.set_meta_from(record.get("meta"));
        let mut ids: HashMap<u64, AnnotationId> = HashMap::new();
        for entity in record
            .get("entities")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let what = format!(
                "{at}, entity {}",
                entity.get("id").map(Value::to_string).unwrap_or_default()
            );
            let name = entity.get("label").and_then(Value::as_str).unwrap_or("");
            let label = builder.label(name)?;
            let start = number(entity, "start_offset", &what)?;
            let end = number(entity, "end_offset", &what)?;
            if let Some(id) = document.span(&what, label, start, end, None)? {
                if let Some(key) = entity.get("id").and_then(Value::as_u64) {
                    ids.entry(key).or_insert(id);
                }
            }
        }
        // The older form: "label": [[start, end, "label"], …]
        if let Some(spans) = record.get("label").and_then(Value::as_array) {
            for (i, span) in spans.iter().enumerate() {
                let what = format!("{at}, label {}", i + 1);
                let Some([start, end, name]) = span
                    .as_array()
                    .map(Vec::as_slice)
                    .and_then(|s| <&[Value; 3]>::try_from(s).ok())
                else {
                    builder
                        .notes
                        .push(format!("{what} is not [start, end, label]; left out."));
                    continue;
                };
                let (Some(start), Some(end), Some(name)) =
                    (start.as_u64(), end.as_u64(), name.as_str())
                else {
                    builder
                        .notes
                        .push(format!("{what} is not [start, end, label]; left out."));
                    continue;
                };
                let label = builder.label(name)?;
                document.span(&what, label, start as usize, end as usize, None)?;
            }
        }
        let relations: Vec<&Value> = record
            .get("relations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        let find = |r: &Value, key: &str| {
            let key = r.get(key).and_then(Value::as_u64)?;
            ids.get(&key).cloned()
        };
        let kind = |r: &Value| {
            r.get("type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let cues = first_cues(
            relations
                .iter()
                .filter(|r| kind(r) == "cue")
                .filter_map(|r| Some((find(r, "from_id")?, find(r, "to_id")?))),
        );
        for relation in relations.iter().filter(|r| kind(r) != "cue") {
            let (Some(from), Some(to)) = (find(relation, "from_id"), find(relation, "to_id"))
            else {
                builder.notes.push(format!(
                    "{at}: a relation refers to a missing entity; left out."
                ));
                continue;
            };
            if kind(relation) != "attribution" {
                builder.notes.push(format!(
                    "{at}: a relation of type “{}” was read as an attribution.",
                    kind(relation)
                ));
            }
            let cue = cues.get(&from);
            if let Err(reason) = document.link(&from, &to, cue) {
                builder
                    .notes
                    .push(format!("{at}: a link was left out: {reason}."));
            }
        }
        builder.add(document)?;
    }
    Ok(builder.finish())
}
