//! Telling formats apart by their content, and by the file name only where the
//! content cannot say (a JSONL line with just `text` could be doccano or spaCy).

use serde_json::Value;

use super::Format;

/// The format of a file, or `None` if it is none Marginalia reads.
pub fn detect(name: &str, text: &str) -> Option<Format> {
    let name = name.to_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            return detect_json(&value, &name, false);
        }
        // Not one JSON value: JSON Lines, judged by the first line.
        let first = trimmed.lines().next()?;
        let value = serde_json::from_str::<Value>(first).ok()?;
        return detect_json(&value, &name, true);
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

fn detect_json(value: &Value, name: &str, lines: bool) -> Option<Format> {
    if let Value::Array(items) = value {
        let first = items.first()?;
        return (first.get("data").is_some() || first.get("annotations").is_some())
            .then_some(Format::LabelStudio)
            .or_else(|| is_w3c(first).then_some(Format::W3c));
    }
    let has = |key: &str| value.get(key).is_some();
    if value.get("format").and_then(Value::as_str) == Some("marginalia") {
        return Some(if lines { Format::Jsonl } else { Format::Native });
    }
    if is_w3c(value) {
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

fn is_w3c(value: &Value) -> bool {
    let context = value
        .get("@context")
        .map(Value::to_string)
        .unwrap_or_default();
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    context.contains("www.w3.org/ns/anno.jsonld")
        || matches!(
            kind,
            "Annotation" | "AnnotationCollection" | "AnnotationPage"
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
