//! The leaf types every other module shares: an annotation, its details and a
//! link. They import nothing of ours but ids and attributes, so `document`,
//! `history` and the formats can all use them without depending on each other.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use super::attributes::Attributes;
use super::ids::{AnnotationId, LabelId, RelationId};

/// One tagged span. Offsets are code points, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub label: LabelId,
    pub start: usize,
    pub end: usize,
}

impl Annotation {
    /// Document order: by start, the longer (enclosing) span first, then label and id,
    /// so the order is total and stable across sessions.
    pub(super) fn order_key(&self) -> (usize, Reverse<usize>, &str, &str) {
        (
            self.start,
            Reverse(self.end),
            self.label.as_str(),
            self.id.as_str(),
        )
    }

    /// Compares two annotations in document order.
    pub fn document_order(&self, other: &Annotation) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// What a user wrote about an annotation: values of the label's fields, and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Details {
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.note.is_empty()
    }
}

/// "Attributed to": a quote or claim (`from`) linked to its source (`to`),
/// optionally through a cue span ("said", "according to").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    pub from: AnnotationId,
    pub to: AnnotationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<AnnotationId>,
}

impl Relation {
    pub fn touches(&self, id: &AnnotationId) -> bool {
        &self.from == id || &self.to == id || self.cue.as_ref() == Some(id)
    }
}
