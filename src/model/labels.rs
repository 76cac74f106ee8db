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
    /// A key of `PALETTE`; absent, a label takes the palette colour of its position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// The colours a label can have. Each is a pair of colours (light and dark theme) and
/// an underline style in the stylesheet, chosen to stay apart with the common
/// colour-vision deficiencies (Okabe–Ito) and without colour at all.
pub const PALETTE: [&str; 8] = [
    "blue", "orange", "purple", "green", "sky", "red", "yellow", "grey",
];

/// The label of spans that things are attributed to.
pub const SOURCE_LABEL: &str = "source";
/// The label whose spans are cues; picking one while linking adds it to the link.
pub const CUE_LABEL: &str = "cue";

/// True for annotations that are attributed to a source (quotes, claims and any
/// label of the user's own), false for sources and cues.
pub fn is_attributable(label: &str) -> bool {
    label != SOURCE_LABEL && label != CUE_LABEL
}

/// Keys that act on annotations in the article, so no label can take them.
pub const RESERVED_KEYS: [char; 3] = ['l', 'n', 'p'];

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
            colour: None,
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

    /// The schema's labels, for the edits in `schema_edit` to change.
    pub(super) fn labels_mut(&mut self) -> &mut Vec<LabelDef> {
        &mut self.labels
    }

    /// The palette key a label is drawn in: its own, or the one of its position.
    pub fn colour_of(&self, id: &str) -> &str {
        let position = self.labels.iter().position(|l| l.id.as_str() == id);
        let own = position.and_then(|i| self.labels[i].colour.as_deref());
        own.unwrap_or_else(|| position.map_or("grey", |i| PALETTE[i % PALETTE.len()]))
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
                // A colour from another palette would draw nothing.
                if label
                    .colour
                    .as_deref()
                    .is_some_and(|c| !PALETTE.contains(&c))
                {
                    label.colour = None;
                }
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

/// Style rules that draw each label's highlights, buttons and list entries in its
/// palette colour: `[data-label="…"]` selects them. Label ids come from files, so
/// every character but ASCII letters, digits, `-` and `_` is written as a CSS escape.
pub fn label_style_rules(schema: &LabelSchema) -> String {
    let mut css = String::new();
    for label in schema.labels() {
        let colour = schema.colour_of(label.id.as_str());
        css.push_str("[data-label=\"");
        for c in label.id.as_str().chars() {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                css.push(c);
            } else {
                css.push_str(&format!("\\{:x} ", u32::from(c)));
            }
        }
        css.push_str(&format!(
            "\"]{{--label-color:var(--{colour});--label-bg:var(--{colour}-bg);--line-style:var(--{colour}-line)}}\n"
        ));
    }
    css
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
                colour: None,
            },
            LabelDef {
                id: LabelId::new("event"),
                name: "Event".into(),
                hotkey: Some('c'),
                fields: vec![],
                colour: None,
            },
        ];
        assert_eq!(schema.merge(&theirs), ["Event"]);
        assert_eq!(schema.get("quote").unwrap().name, "Quote");
        assert_eq!(schema.get("event").unwrap().hotkey, None);
        assert_eq!(schema.by_hotkey('c').unwrap().id.as_str(), "claim");
    }

    #[test]
    fn labels_without_a_colour_take_the_palette_in_order() {
        let mut schema = LabelSchema::default();
        assert_eq!(schema.colour_of("claim"), "blue");
        assert_eq!(schema.colour_of("cue"), "green");
        assert_eq!(schema.colour_of("unknown"), "grey");
        schema.labels_mut()[0].colour = Some("yellow".into());
        assert_eq!(schema.colour_of("claim"), "yellow");
        let foreign = LabelDef {
            id: LabelId::new("event"),
            name: "Event".into(),
            hotkey: None,
            fields: vec![],
            colour: Some("#ff0000".into()),
        };
        schema.merge(&[foreign]);
        assert_eq!(schema.get("event").unwrap().colour, None);
    }

    #[test]
    fn style_rules_escape_whatever_a_file_calls_its_labels() {
        let schema = LabelSchema::new(vec![LabelDef {
            id: LabelId::new("a\"]{}</style>"),
            name: "Odd".into(),
            hotkey: None,
            fields: vec![],
            colour: Some("sky".into()),
        }]);
        assert_eq!(
            label_style_rules(&schema),
            "[data-label=\"a\\22 \\5d \\7b \\7d \\3c \\2f style\\3e \"]{--label-color:var(--sky);--label-bg:var(--sky-bg);--line-style:var(--sky-line)}\n"
        );
        let rules = label_style_rules(&LabelSchema::default());
        assert_eq!(rules.lines().count(), 4);
        assert!(rules.starts_with("[data-label=\"claim\"]{--label-color:var(--blue);"));
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
