//! Telling formats apart by their content, and by the file name only where the
//! content cannot say (a JSONL line with just `text` could be doccano or spaCy).

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::Format;

/// The format of a file, or `None` if it is none Marginalia reads.
pub fn detect(name: &str, text: &str) -> Option<Format> {
    let name = name.to_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(shape) = serde_json::from_str::<Shape>(trimmed) {
            return detect_json(&shape, &name, false);
        }
        // Not one JSON value: JSON Lines, judged by the first line.
        let first = trimmed.lines().next()?;
        let shape = serde_json::from_str::<Shape>(first).ok()?;
        return detect_json(&shape, &name, true);
    }
    if name.ends_with(".ann") || trimmed.starts_with("T1\t") {
        return Some(Format::Brat);
    }
    let header = trimmed.lines().next().unwrap_or("");
    if name.ends_with(".csv")
        || ["document", "id", "label", "start", "end"]
            .iter()
            .all(|c| header.contains(c))
    {
        return Some(Format::Csv);
    }
    None
}

/// A JSON value seen only as deep as telling formats apart needs: an object's
/// keys with its `format`, `type` and `@context`, or an array's first item.
/// Everything else is skipped while parsing, so detecting a 60 MB file builds no
/// tree of it.
#[derive(Debug, Default)]
struct Shape {
    keys: Vec<String>,
    format: Option<String>,
    kind: Option<String>,
    context: String,
    first_item: Option<Box<Shape>>,
    is_array: bool,
}

impl Shape {
    fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut shape = Shape::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" | "type" => {
                    let value: Value = map.next_value()?;
                    let text = value.as_str().map(str::to_owned);
                    if key == "format" {
                        shape.format = text;
                    } else {
                        shape.kind = text;
                    }
                }
                "@context" => shape.context = map.next_value::<Value>()?.to_string(),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            shape.keys.push(key);
        }
        Ok(shape)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let first_item = seq.next_element::<Shape>()?.map(Box::new);
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape {
            first_item,
            is_array: true,
            ..Shape::default()
        })
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::default())
    }
}

fn detect_json(shape: &Shape, name: &str, lines: bool) -> Option<Format> {
    if shape.is_array {
        let first = shape.first_item.as_deref()?;
        return (first.has("data") || first.has("annotations"))
            .then_some(Format::LabelStudio)
            .or_else(|| is_w3c(first).then_some(Format::W3c));
    }
    let has = |key: &str| shape.has(key);
    if shape.format.as_deref() == Some("marginalia") {
        return Some(if lines { Format::Jsonl } else { Format::Native });
    }
    if is_w3c(shape) {
        return Some(Format::W3c);
    }
    if has("data") && (has("annotations") || has("predictions") || has("completions")) {
        return Some(Format::LabelStudio);
    }
    if has("text") {
        if has("entities") || has("label") {
            return Some(Format::Doccano);
        }
        if has("spans") || has("tokens") {
            return Some(Format::Spacy);
        }
        return Some(if name.contains("spacy") || name.contains("prodigy") {
            Format::Spacy
        } else {
            Format::Doccano
        });
    }
    None
}

fn is_w3c(shape: &Shape) -> bool {
    shape.context.contains("www.w3.org/ns/anno.jsonld")
        || matches!(
            shape.kind.as_deref(),
            Some("Annotation" | "AnnotationCollection" | "AnnotationPage")
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_content() {
        let cases = [
            (
                "a.json",
                r#"{"format":"marginalia","version":2}"#,
                Some(Format::Native),
            ),
            (
                "a.jsonl",
                "{\"format\":\"marginalia\"}\n{\"format\":\"marginalia\"}",
                Some(Format::Jsonl),
            ),
            (
                "a.json",
                r#"{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection"}"#,
                Some(Format::W3c),
            ),
            (
                "a.json",
                r#"[{"data":{"text":"x"},"annotations":[]}]"#,
                Some(Format::LabelStudio),
            ),
            (
                "a.jsonl",
                "{\"text\":\"x\",\"entities\":[]}\n{\"text\":\"y\",\"entities\":[]}",
                Some(Format::Doccano),
            ),
            (
                "a.jsonl",
                "{\"text\":\"x\",\"label\":[[0,1,\"A\"]]}",
                Some(Format::Doccano),
            ),
            (
                "a.jsonl",
                "{\"text\":\"x\",\"spans\":[]}\n{\"text\":\"y\"}",
                Some(Format::Spacy),
            ),
            ("prodigy.jsonl", "{\"text\":\"x\"}", Some(Format::Spacy)),
            ("doc.ann", "T1\tQuote 0 4\ttext\n", Some(Format::Brat)),
            (
                "x.csv",
                "document,id,label,start,end,text\n",
                Some(Format::Csv),
            ),
            ("x.txt", "just some prose", None),
            ("x.json", "[1, 2]", None),
        ];
        for (name, text, expected) in cases {
            assert_eq!(detect(name, text), expected, "{name}: {text}");
        }
    }
}
