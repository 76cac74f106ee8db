//! The label schema: which kinds of span a user can tag, with their names and hotkeys.
//! The UI draws its buttons and hotkeys from here, never from a hard-coded list.

use super::ids::LabelId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    pub id: LabelId,
    pub name: String,
    /// A single lower-case key that tags the selection while the article has focus.
    pub hotkey: Option<char>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSchema {
    labels: Vec<LabelDef>,
}

impl Default for LabelSchema {
    fn default() -> Self {
        let label = |id: &str, name: &str, hotkey: char| LabelDef {
            id: LabelId::new(id),
            name: name.to_owned(),
            hotkey: Some(hotkey),
        };
        LabelSchema {
            labels: vec![
                label("claim", "Claim", 'c'),
                label("quote", "Quote", 'q'),
                label("source", "Source", 's'),
            ],
        }
    }
}

impl LabelSchema {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_has_the_three_labels_with_hotkeys() {
        let schema = LabelSchema::default();
        let ids: Vec<_> = schema.labels().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["claim", "quote", "source"]);
        assert_eq!(schema.by_hotkey('q').unwrap().name, "Quote");
        assert!(schema.by_hotkey('x').is_none());
        assert_eq!(schema.name_of(&LabelId::new("other")), "other");
    }
}
