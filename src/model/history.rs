//! Undo and redo. Every change to a document is a list of `Edit`s, each of which
//! knows its inverse; the history keeps those lists, so undoing is applying the
//! inverses in reverse order. It is plain data and is saved with the document, so
//! it survives a reload.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::annotation::{Annotation, Details, Relation};
use super::ids::{AnnotationId, LabelId};

/// How many user actions can be undone.
const MAX_STEPS: usize = 500;

/// One reversible change to a document's annotations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Externally tagged (serde's default): an internally tagged enum would pull serde's
// buffering deserializer into the web app, tens of kilobytes.
#[serde(rename_all = "snake_case")]
pub enum Edit {
    Insert {
        annotation: Annotation,
    },
    Delete {
        annotation: Annotation,
    },
    Link {
        relation: Relation,
    },
    Unlink {
        relation: Relation,
    },
    SetDetails {
        id: AnnotationId,
        from: Details,
        to: Details,
    },
    Relabel {
        id: AnnotationId,
        from: LabelId,
        to: LabelId,
    },
    /// Offsets as (start, end), code points.
    Resize {
        id: AnnotationId,
        from: (usize, usize),
        to: (usize, usize),
    },
    /// The text itself changed (a clean-up): everything before and after, so
    /// undo puts back the text with the annotations made on it, and earlier
    /// steps apply again to the text they were made on.
    Retext {
        before: Box<TextState>,
        after: Box<TextState>,
    },
}

/// A document's text with all that is anchored in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextState {
    pub text: String,
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    /// Details by annotation, in annotation order (a vector: see `attributes`).
    pub details: Vec<(AnnotationId, Details)>,
    /// The text before any clean-up and the edits since; absent before the first.
    #[serde(default)]
    pub original: Option<std::rc::Rc<super::text_edits::Original>>,
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Insert { annotation } => Edit::Delete {
                annotation: annotation.clone(),
            },
            Edit::Delete { annotation } => Edit::Insert {
                annotation: annotation.clone(),
            },
            Edit::Link { relation } => Edit::Unlink {
                relation: relation.clone(),
            },
            Edit::Unlink { relation } => Edit::Link {
                relation: relation.clone(),
            },
            Edit::SetDetails { id, from, to } => Edit::SetDetails {
                id: id.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            Edit::Relabel { id, from, to } => Edit::Relabel {
                id: id.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            Edit::Resize { id, from, to } => Edit::Resize {
                id: id.clone(),
                from: *to,
                to: *from,
            },
            Edit::Retext { before, after } => Edit::Retext {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

/// The edits of one user action, in the order they were applied.
pub type Change = Vec<Edit>;

/// The stacks hold each change behind an `Rc`: a document copied for its next
/// state shares its whole history with the one before (serde writes an `Rc<T>`
/// as the `T`, so stored histories are unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    undo: Vec<Rc<Change>>,
    redo: Vec<Rc<Change>>,
}

impl History {
    /// A new action: it can be undone, and nothing undone before can be redone.
    pub fn record(&mut self, step: Change) {
        self.undo.push(Rc::new(step));
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many actions can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub(super) fn pop_undo(&mut self) -> Option<Rc<Change>> {
        self.undo.pop()
    }

    pub(super) fn pop_redo(&mut self) -> Option<Rc<Change>> {
        self.redo.pop()
    }

    pub(super) fn push_undo(&mut self, step: Rc<Change>) {
        self.undo.push(step);
    }

    pub(super) fn push_redo(&mut self, step: Rc<Change>) {
        self.redo.push(step);
    }

    /// Forgets everything: used when a saved history no longer fits the document.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
