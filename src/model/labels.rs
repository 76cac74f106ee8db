//! The label schema: which kinds of span a user can tag, their names, hotkeys and
//! the fields each kind of annotation has. The UI draws buttons, hotkeys and the
//! details form from here, never from a hard-coded list.

use serde::{Deserialize, Serialize};

use super::ids::LabelId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    pub id: LabelId,
    pub name: String,
    /// A single lower-case key that tags the selection while the article has focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<char>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDef>,
}

/// One field in an annotation's details. A flat struct on purpose: `flatten` or an
/// internally tagged enum would pull serde's buffering deserializer into the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    pub id: String,
    pub name: String,
    pub kind: FieldKind,
    /// For `choice`: the values to choose from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// For `text`: an empty value means the span's own text (a source's name is,
    /// unless the user says otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub defaults_to_text: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text.
    Text,
    /// One of `options`.
    Choice,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSchema {
    labels: Vec<LabelDef>,
}

fn text(id: &str, name: &str) -> FieldDef {
    FieldDef {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: FieldKind::Text,
        options: vec![],
        defaults_to_text: false,
    }
}

fn choice(id: &str, name: &str, options: &[&str]) -> FieldDef {
    let options = options.iter().map(|&o| o.to_owned()).collect();
    FieldDef {
        kind: FieldKind::Choice,
        options,
        ..text(id, name)
    }
}

impl Default for LabelSchema {
    /// Claim, quote, source and cue, with the fields fact-checkers and attribution
    /// corpora (PARC 3.0, PolNeAR) record.
    fn default() -> Self {
        let label = |id: &str, name: &str, hotkey: char, fields: Vec<FieldDef>| LabelDef {
            id: LabelId::new(id),
            name: name.to_owned(),
            hotkey: Some(hotkey),
            fields,
        };
        let source_name = FieldDef {
            defaults_to_text: true,
            ..text("name", "Referred to as")
        };
        LabelSchema {
            labels: vec![
                label(
                    "claim",
                    "Claim",
                    'c',
                    vec![
                        choice("checkable", "Checkable", &["yes", "no"]),
                        text("verdict", "Verdict"),
                        text("topic", "Topic"),
                    ],
                ),
                label(
                    "quote",
                    "Quote",
                    'q',
                    vec![
                        choice("kind", "Kind", &["direct", "indirect", "mixed/partial"]),
                        text("language", "Language"),
                    ],
                ),
                label(
                    "source",
                    "Source",
                    's',
                    vec![
                        choice(
                            "kind",
                            "Kind",
                            &[
                                "named person",
                                "named organisation",
                                "anonymous/unnamed person",
                                "unnamed group",
                                "document/report",
                                "media outlet",
                                "social media",
                            ],
                        ),
                        source_name,
                        text("role", "Role / affiliation"),
                    ],
                ),
                label("cue", "Cue", 'u', vec![]),
            ],
        }
    }
}

impl LabelSchema {
    pub fn new(labels: Vec<LabelDef>) -> Self {
        LabelSchema { labels }
    }

    pub fn labels(&self) -> &[LabelDef] {
        &self.labels
    }

    pub fn get(&self, id: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|label| label.id.as_str() == id)
    }

    pub fn by_hotkey(&self, key: char) -> Option<&LabelDef> {
        self.labels.iter().find(|label| label.hotkey == Some(key))
    }

    /// The display name of a label id, or the id itself for an unknown one.
    pub fn name_of<'a>(&'a self, id: &'a LabelId) -> &'a str {
        self.get(id.as_str())
            .map_or(id.as_str(), |label| &label.name)
    }

    /// Adds the labels this schema lacks (by id), keeping its own as they are.
    /// Returns the names of those added.
    pub fn merge(&mut self, others: &[LabelDef]) -> Vec<String> {
        let mut added = Vec::new();
        for label in others {
            if self.get(label.id.as_str()).is_none() {
                let mut label = label.clone();
                // A hotkey already in use stays with its current label.
                if label
                    .hotkey
                    .is_some_and(|key| self.by_hotkey(key).is_some())
                {
                    label.hotkey = None;
                }
                added.push(label.name.clone());
                self.labels.push(label);
            }
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_has_the_four_labels_with_hotkeys_and_fields() {
        let schema = LabelSchema::default();
        let ids: Vec<_> = schema.labels().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["claim", "quote", "source", "cue"]);
        assert_eq!(schema.by_hotkey('q').unwrap().name, "Quote");
        assert_eq!(schema.by_hotkey('u').unwrap().name, "Cue");
        assert!(schema.by_hotkey('x').is_none());
        assert_eq!(schema.name_of(&LabelId::new("other")), "other");
        let source_fields: Vec<_> = schema
            .get("source")
            .unwrap()
            .fields
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(source_fields, ["kind", "name", "role"]);
    }

    #[test]
    fn merging_adds_unknown_labels_and_never_steals_a_hotkey() {
        let mut schema = LabelSchema::default();
        let theirs = vec![
            LabelDef {
                id: LabelId::new("quote"),
                name: "Zitat".into(),
                hotkey: Some('z'),
                fields: vec![],
            },
            LabelDef {
                id: LabelId::new("event"),
                name: "Event".into(),
                hotkey: Some('c'),
                fields: vec![],
            },
        ];
        assert_eq!(schema.merge(&theirs), ["Event"]);
        assert_eq!(schema.get("quote").unwrap().name, "Quote");
        assert_eq!(schema.get("event").unwrap().hotkey, None);
        assert_eq!(schema.by_hotkey('c').unwrap().id.as_str(), "claim");
    }

    #[test]
    fn fields_serialise_compactly() {
        let schema = LabelSchema::default();
        let json = serde_json::to_string(&schema.get("source").unwrap().fields[1]).unwrap();
        assert_eq!(
            json,
            r#"{"id":"name","name":"Referred to as","kind":"text","defaults_to_text":true}"#
        );
        let back: FieldDef = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, &schema.get("source").unwrap().fields[1]);
    }
}
