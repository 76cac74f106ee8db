//! The label schema's own undo history, and edits to the schema.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::labels::LabelSchema;
use crate::model::schema_edit::SchemaEdit;

use super::action::NoticeKind;
use super::Session;

/// Earlier and undone label schemas. Schema edits are few and small, so whole
/// schemas are kept rather than inverse edits. Saved with the library.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaHistory {
    undo: Vec<LabelSchema>,
    redo: Vec<LabelSchema>,
}

impl SchemaHistory {
    const MAX_STEPS: usize = 200;

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub(super) fn record(&mut self, before: LabelSchema) {
        self.undo.push(before);
        if self.undo.len() > Self::MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

impl Session {
    pub(super) fn edit_schema(&mut self, edit: SchemaEdit) {
        let before = self.schema.clone();
        match self.schema.edit(edit) {
            Ok(_) if self.schema == before => {}
            Ok(_) => {
                Rc::make_mut(&mut self.schema_history).record(before);
                self.library_revision += 1;
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Not changed: {error}.")),
        }
    }

    pub(super) fn undo_or_redo_schema(&mut self, undo: bool) {
        let history = Rc::make_mut(&mut self.schema_history);
        let (from, to) = if undo {
            (&mut history.undo, &mut history.redo)
        } else {
            (&mut history.redo, &mut history.undo)
        };
        if let Some(schema) = from.pop() {
            to.push(std::mem::replace(&mut self.schema, schema));
            self.library_revision += 1;
        }
    }
}
