//! Label Studio and doccano golden files (written from their documented export
//! examples, with emoji before the spans): imported, exported in the same format,
//! and compared field by field with the original.

use serde_json::Value;

use marginalia::formats::{self, Format};
use marginalia::model::labels::LabelSchema;

fn golden(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/golden/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn export_again(name: &str, format: Format) -> String {
    let text = golden(name);
    let schema = LabelSchema::default();
    let read = formats::read(name, &text, &schema).unwrap();
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let named = formats::numbered(&read.documents);
    let mut schema = schema;
    schema.merge(&read.new_labels);
    formats::write(format, &named, &schema)
        .files
        .remove(0)
        .contents
}

/// A task as compared: its regions (start, end, text, labels) and its relations
/// (from text, to text, labels).
type TaskShape = (Vec<(u64, u64, String, Value)>, Vec<(String, String, Value)>);

/// A line as compared: its text, entities (label, start, end) and relations
/// (from, to, type) by entity position.
type LineShape = (String, Vec<(String, u64, u64)>, Vec<(usize, usize, String)>);

/// (start, end, text, labels) of every labels region, and (from text, to text,
/// labels) of every relation, per task.
fn label_studio_shape(json: &str) -> Vec<TaskShape> {
    let tasks: Vec<Value> = serde_json::from_str(json).unwrap();
    tasks
        .iter()
        .map(|task| {
            let result = task["annotations"][0]["result"].as_array().unwrap();
            let regions: Vec<&Value> = result.iter().filter(|r| r["type"] == "labels").collect();
            let text_of = |id: &Value| {
                regions.iter().find(|r| &r["id"] == id).unwrap()["value"]["text"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            };
            let spans = regions
                .iter()
                .map(|r| {
                    let v = &r["value"];
                    (
                        v["start"].as_u64().unwrap(),
                        v["end"].as_u64().unwrap(),
                        v["text"].as_str().unwrap().to_owned(),
                        v["labels"].clone(),
                    )
                })
                .collect();
            let relations = result
                .iter()
                .filter(|r| r["type"] == "relation")
                .map(|r| {
                    (
                        text_of(&r["from_id"]),
                        text_of(&r["to_id"]),
                        r["labels"].clone(),
                    )
                })
                .collect();
            (spans, relations)
        })
        .collect()
}

#[test]
fn label_studio_golden_comes_back_the_same() {
    let original = golden("label-studio.json");
    let again = export_again("label-studio.json", Format::LabelStudio);
    assert_eq!(label_studio_shape(&again), label_studio_shape(&original));
    // Offsets are code points: 📰 and a space come before "Ministry".
    let tasks: Vec<Value> = serde_json::from_str(&again).unwrap();
    assert_eq!(tasks[0]["annotations"][0]["result"][0]["value"]["start"], 2);
    assert_eq!(
        tasks[0]["data"]["text"],
        serde_json::from_str::<Vec<Value>>(&original).unwrap()[0]["data"]["text"]
    );
}

/// (label, start, end) of every entity, and (from, to, type) of every relation by
/// entity position, per line (the older `label` form read as entities).
fn doccano_shape(jsonl: &str) -> Vec<LineShape> {
    jsonl
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let mut entities: Vec<(u64, String, u64, u64)> = match record.get("entities") {
                Some(list) => list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        (
                            e["id"].as_u64().unwrap(),
                            e["label"].as_str().unwrap().to_owned(),
                            e["start_offset"].as_u64().unwrap(),
                            e["end_offset"].as_u64().unwrap(),
                        )
                    })
                    .collect(),
                None => record["label"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        (
                            i as u64,
                            l[2].as_str().unwrap().to_owned(),
                            l[0].as_u64().unwrap(),
                            l[1].as_u64().unwrap(),
                        )
                    })
                    .collect(),
            };
            entities.sort_by_key(|e| (e.2, e.3));
            let position = |id: &Value| {
                entities
                    .iter()
                    .position(|e| Some(e.0) == id.as_u64())
                    .unwrap()
            };
            let relations = record
                .get("relations")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .map(|r| {
                            (
                                position(&r["from_id"]),
                                position(&r["to_id"]),
                                r["type"].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let spans = entities.iter().map(|e| (e.1.clone(), e.2, e.3)).collect();
            (
                record["text"].as_str().unwrap().to_owned(),
                spans,
                relations,
            )
        })
        .collect()
}

#[test]
fn doccano_golden_comes_back_the_same() {
    let original = golden("doccano.jsonl");
    let again = export_again("doccano.jsonl", Format::Doccano);
    assert_eq!(doccano_shape(&again), doccano_shape(&original));
}
