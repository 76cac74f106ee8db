//! The user's own cues from a Prodigy pattern file: JSON lines such as
//! `{"label": "cue", "pattern": "according to"}` or, as token patterns,
//! `{"label": "CUE", "pattern": [{"lower": "according"}, {"orth": "to"}]}`.
//! Only cue patterns of plain words become cues; the rest are counted and said.

use serde_json::Value;

/// What a pattern file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patterns {
    /// Cue phrases, as written.
    pub cues: Vec<String>,
    /// Lines with another label.
    pub other_labels: usize,
    /// Cue lines we cannot use (token attributes other than `lower`/`orth`/`text`,
    /// operators, empty patterns).
    pub unusable: usize,
}

/// At most this many cue phrases from one file (the lexicon stays small).
const MOST_PATTERNS: usize = 10_000;

/// Reads a pattern file; an error names the first line that is not JSON.
pub fn read_patterns(text: &str) -> Result<Patterns, String> {
    let mut read = Patterns::default();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {} is not a JSON pattern: {e}", number + 1))?;
        let label = value.get("label").and_then(Value::as_str).unwrap_or("");
        if !label.eq_ignore_ascii_case("cue") {
            read.other_labels += 1;
            continue;
        }
        match value.get("pattern").and_then(phrase_of) {
            Some(phrase) if read.cues.len() < MOST_PATTERNS => {
                if !read.cues.contains(&phrase) {
                    read.cues.push(phrase);
                }
            }
            _ => read.unusable += 1,
        }
    }
    if read.cues.is_empty() && read.other_labels + read.unusable == 0 {
        return Err("the file holds no patterns".to_owned());
    }
    Ok(read)
}

/// A phrase pattern's text, or a token pattern's words.
fn phrase_of(pattern: &Value) -> Option<String> {
    let words: Vec<String> = match pattern {
        Value::String(text) => text.split_whitespace().map(str::to_owned).collect(),
        Value::Array(tokens) => tokens
            .iter()
            .map(|token| {
                let token = token.as_object()?;
                if token.len() != 1 {
                    return None;
                }
                let (key, value) = token.iter().next()?;
                let key = key.to_ascii_lowercase();
                if !matches!(key.as_str(), "lower" | "orth" | "text") {
                    return None;
                }
                value.as_str().map(str::to_owned)
            })
            .collect::<Option<Vec<String>>>()?,
        _ => return None,
    };
    let phrase = words.join(" ").trim().to_lowercase();
    (!phrase.is_empty() && phrase.chars().count() <= 80).then_some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_and_token_patterns_become_cues() {
        let file = r#"{"label": "cue", "pattern": "according to"}
{"label": "CUE", "pattern": [{"lower": "quoted"}, {"ORTH": "as"}, {"lower": "saying"}]}

{"label": "ORG", "pattern": "Reuters"}
{"label": "cue", "pattern": [{"lemma": "say"}]}
{"label": "cue", "pattern": [{"lower": "said", "op": "?"}]}"#;
        let read = read_patterns(file).unwrap();
        assert_eq!(read.cues, ["according to", "quoted as saying"]);
        assert_eq!((read.other_labels, read.unusable), (1, 2));
    }

    #[test]
    fn a_line_that_is_not_json_is_named() {
        let error =
            read_patterns("{\"label\": \"cue\", \"pattern\": \"said\"}\nnot json").unwrap_err();
        assert!(error.starts_with("line 2 "), "{error}");
        assert!(read_patterns("\n\n").is_err());
    }

    #[test]
    fn an_imported_cue_finds_its_speaker() {
        let text = "“We will appeal,” the lawyer grumbled.";
        assert!(super::super::suggest(text).links.is_empty());
        let lexicon = super::super::Lexicon::with(&["grumbled".to_owned()]);
        let found = super::super::suggest_with(text, &lexicon);
        assert_eq!(found.links.len(), 1);
        let source = &found.spans[found.links[0].source];
        assert_eq!(
            &text.chars().collect::<Vec<_>>()[source.start..source.end]
                .iter()
                .collect::<String>(),
            "the lawyer"
        );
    }
}
