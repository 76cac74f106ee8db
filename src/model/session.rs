//! The whole state of the app and the one way it changes: `Session::apply(Action)`.
//!
//! The session holds the library (a summary of every document), the one open
//! document, the selection and the message shown to the user. Loading from and
//! saving to storage happen outside: the browser layer turns their results into
//! actions, and saves whatever `revision`s say has changed.

use serde::{Deserialize, Serialize};

use super::document::{ArticleText, Details, Document, Relation, SpanError};
use super::history::Edit;
use super::ids::{AnnotationId, DocId, LabelId, RelationId};
use super::labelled::LabelledDocument;
use super::labels::{LabelSchema, CUE_LABEL};
use super::listing::Direction;
use super::schema_edit::SchemaEdit;

/// What the library knows of a document without loading it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: DocId,
    pub title: String,
    /// Length in code points.
    pub chars: usize,
    pub annotation_count: usize,
    pub created_ms: u64,
    pub modified_ms: u64,
    /// Finds the document with the same text on import, without loading every text.
    pub text_hash: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something the user asked for did not happen; shown with `role="alert"`.
    Error,
    /// Something happened that the user may not have seen; shown with `role="status"`.
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
    /// Increases with every notice, so the same message twice is shown twice.
    pub seq: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Storage was read at start-up. Documents created before it finished are kept.
    Restored {
        library: Vec<DocumentSummary>,
        open: Option<Document>,
        schema: Option<LabelSchema>,
        schema_history: SchemaHistory,
        preferences: Option<Preferences>,
    },
    /// A new document from pasted text or a file; it becomes the open document.
    CreateDocument {
        id: DocId,
        title: String,
        text: String,
        now: u64,
    },
    /// A document loaded from storage becomes the open document.
    ShowDocument(Document),
    Rename {
        id: DocId,
        title: String,
        now: u64,
    },
    Delete {
        id: DocId,
    },
    /// Tag code points `start..end` of the open document (whitespace is trimmed).
    Tag {
        label: LabelId,
        start: usize,
        end: usize,
        now: u64,
    },
    Untag {
        id: AnnotationId,
        now: u64,
    },
    /// Attribute `from` (a quote or claim) to the source `to`, optionally via a cue.
    Link {
        from: AnnotationId,
        to: AnnotationId,
        cue: Option<AnnotationId>,
        now: u64,
    },
    Unlink {
        id: RelationId,
        now: u64,
    },
    Relabel {
        id: AnnotationId,
        label: LabelId,
        now: u64,
    },
    Resize {
        id: AnnotationId,
        start: usize,
        end: usize,
        now: u64,
    },
    /// Start linking the selected quote or claim to a source.
    StartLinking,
    CancelLinking,
    /// While linking: a cue is remembered for the link; anything else becomes its
    /// source, and the link is made.
    LinkTo {
        target: AnnotationId,
        now: u64,
    },
    /// Replace an annotation's field values and note.
    SetDetails {
        id: AnnotationId,
        details: Details,
        now: u64,
    },
    /// Set one field (`Some(field id)`) or the note (`None`) of an annotation, leaving
    /// the rest of its details as they are now; an empty value clears the field.
    SetDetail {
        id: AnnotationId,
        field: Option<String>,
        value: String,
        now: u64,
    },
    Select(Option<AnnotationId>),
    /// Select the next, previous, first or last annotation from the current one.
    Step(Direction),
    /// Turn snapping new spans to whole words on or off.
    SetWordSnapping(bool),
    /// Open (`true`) or close the label schema settings.
    ShowSettings(bool),
    /// Change the label schema; undoable while the settings are open.
    EditSchema(SchemaEdit),
    /// Revert the last change to what is shown: the open document, or the schema
    /// while the settings are open.
    Undo {
        now: u64,
    },
    /// Apply again the open document's last undone change.
    Redo {
        now: u64,
    },
    /// A checked import. `existing` is the stored document with the same text, if any,
    /// which the import then adds to instead of creating a duplicate.
    Import {
        imported: LabelledDocument,
        new_id: DocId,
        existing: Option<Document>,
        now: u64,
    },
    Notify {
        kind: NoticeKind,
        message: String,
    },
    DismissNotice,
    /// Storage cannot be used; work goes on in memory and the user is told.
    StorageFailed(String),
}

/// A link being made: from a quote or claim, perhaps through a cue, to a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linking {
    pub from: AnnotationId,
    pub cue: Option<AnnotationId>,
}

/// How the user likes to work; saved with the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// New spans grow to whole words (off for character-exact work).
    pub snap_to_words: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            snap_to_words: true,
        }
    }
}

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

    fn record(&mut self, before: LabelSchema) {
        self.undo.push(before);
        if self.undo.len() > Self::MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    pub schema: LabelSchema,
    schema_history: SchemaHistory,
    settings_open: bool,
    pub preferences: Preferences,
    /// Newest first.
    library: Vec<DocumentSummary>,
    open: Option<Document>,
    selected: Option<AnnotationId>,
    notice: Option<Notice>,
    notice_seq: u64,
    /// Bumped whenever `library` changes; autosave compares it with what it wrote.
    library_revision: u64,
    restored: bool,
    storage_problem: Option<String>,
    linking: Option<Linking>,
}

impl Session {
    pub fn library(&self) -> &[DocumentSummary] {
        &self.library
    }

    pub fn schema_history(&self) -> &SchemaHistory {
        &self.schema_history
    }

    /// True while the label schema settings are shown instead of the article.
    pub fn settings_open(&self) -> bool {
        self.settings_open
    }

    pub fn library_revision(&self) -> u64 {
        self.library_revision
    }

    pub fn open(&self) -> Option<&Document> {
        self.open.as_ref()
    }

    pub fn open_summary(&self) -> Option<&DocumentSummary> {
        let id = self.open.as_ref()?.id();
        self.summary(id)
    }

    pub fn summary(&self, id: &DocId) -> Option<&DocumentSummary> {
        self.library.iter().find(|s| &s.id == id)
    }

    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    /// The link being made, if the user is making one.
    pub fn linking(&self) -> Option<&Linking> {
        self.linking.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// True once storage has been read (or found unusable): only then may autosave write.
    pub fn restored(&self) -> bool {
        self.restored
    }

    pub fn storage_problem(&self) -> Option<&str> {
        self.storage_problem.as_deref()
    }

    /// The summary whose text hash matches, which may hold the same text.
    pub fn find_by_text_hash(&self, hash: u64) -> Option<&DocumentSummary> {
        self.library.iter().find(|s| s.text_hash == hash)
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Restored {
                library,
                open,
                schema,
                schema_history,
                preferences,
            } => {
                if let Some(preferences) = preferences {
                    self.preferences = preferences;
                }
                self.restore(library, open, schema, schema_history)
            }
            Action::CreateDocument {
                id,
                title,
                text,
                now,
            } => {
                let document = Document::new(id, ArticleText::new(text));
                self.add_to_library(&document, title, now);
                self.show(document);
            }
            Action::ShowDocument(document) => self.show(document),
            Action::Rename { id, title, now } => self.rename(&id, title, now),
            Action::Delete { id } => self.delete(&id),
            Action::Tag {
                label,
                start,
                end,
                now,
            } => self.tag(label, start, end, now),
            Action::Untag { id, now } => self.untag(&id, now),
            Action::Link { from, to, cue, now } => self.link(from, to, cue, now),
            Action::Unlink { id, now } => {
                if let Some(document) = &mut self.open {
                    if document.unlink(&id).is_some() {
                        self.touch_open(now);
                    }
                }
            }
            Action::Relabel { id, label, now } => {
                if let Some(document) = &mut self.open {
                    match document.relabel(&id, label) {
                        Ok(()) => self.touch_open(now),
                        Err(error) => self.notify(
                            NoticeKind::Error,
                            format!("Could not change the label: {error}."),
                        ),
                    }
                }
            }
            Action::Resize {
                id,
                start,
                end,
                now,
            } => {
                if let Some(document) = &mut self.open {
                    if document.resize(&id, start, end).is_ok() {
                        self.touch_open(now);
                    }
                }
            }
            Action::StartLinking => {
                self.linking = self
                    .selected
                    .clone()
                    .map(|from| Linking { from, cue: None });
            }
            Action::CancelLinking => {
                if let Some(linking) = self.linking.take() {
                    self.selected = Some(linking.from);
                }
            }
            Action::LinkTo { target, now } => self.link_to(target, now),
            Action::SetDetail {
                id,
                field,
                value,
                now,
            } => {
                let mut details = self
                    .open
                    .as_ref()
                    .and_then(|d| d.details_of(&id).cloned())
                    .unwrap_or_default();
                match field {
                    Some(field) if value.is_empty() => details.attributes.remove(&field),
                    Some(field) => details.attributes.insert(field, value),
                    None => details.note = value,
                }
                self.apply(Action::SetDetails { id, details, now });
            }
            Action::SetDetails { id, details, now } => {
                if let Some(document) = &mut self.open {
                    if document.set_details(&id, details).is_ok() {
                        self.touch_open(now);
                    }
                }
            }
            Action::Select(id) => self.selected = id,
            Action::Step(step) => self.step(step),
            Action::SetWordSnapping(on) => {
                self.preferences.snap_to_words = on;
                self.library_revision += 1;
            }
            Action::ShowSettings(open) => {
                self.settings_open = open;
                self.linking = None;
            }
            Action::EditSchema(edit) => self.edit_schema(edit),
            Action::Undo { .. } | Action::Redo { .. } if self.settings_open => {
                self.undo_or_redo_schema(matches!(action, Action::Undo { .. }))
            }
            Action::Undo { now } => self.undo_or_redo(true, now),
            Action::Redo { now } => self.undo_or_redo(false, now),
            Action::Import {
                imported,
                new_id,
                existing,
                now,
            } => self.import(imported, new_id, existing, now),
            Action::Notify { kind, message } => self.notify(kind, message),
            Action::DismissNotice => self.notice = None,
            Action::StorageFailed(reason) => {
                self.restored = true;
                let message = format!(
                    "Your work cannot be saved in this browser ({reason}). It stays here until you close the tab: use Export JSON to keep it."
                );
                self.storage_problem = Some(reason);
                self.notify(NoticeKind::Error, message);
            }
        }
    }

    fn restore(
        &mut self,
        stored: Vec<DocumentSummary>,
        open: Option<Document>,
        schema: Option<LabelSchema>,
        schema_history: SchemaHistory,
    ) {
        if let Some(mut schema) = schema {
            // Labels added before storage answered (an early import) are kept.
            schema.merge(self.schema.labels());
            self.schema = schema;
            self.schema_history = schema_history;
        }
        // Documents made while storage was being read stay first; stored ones follow.
        let mut library = std::mem::take(&mut self.library);
        for summary in stored {
            if library.iter().all(|s| s.id != summary.id) {
                library.push(summary);
            }
        }
        // No revision bump: storage holds the stored part already, and documents made
        // meanwhile bumped it when they were made.
        self.library = library;
        self.restored = true;
        if self.open.is_none() {
            if let Some(document) = open {
                if self.summary(document.id()).is_some() {
                    self.show(document);
                }
            }
        }
    }

    fn add_to_library(&mut self, document: &Document, title: String, now: u64) {
        self.library.insert(
            0,
            DocumentSummary {
                id: document.id().clone(),
                title,
                chars: document.text().len_chars(),
                annotation_count: document.annotations().len(),
                created_ms: now,
                modified_ms: now,
                text_hash: text_hash(document.text().as_str()),
            },
        );
        self.library_revision += 1;
    }

    fn show(&mut self, document: Document) {
        self.selected = None;
        self.linking = None;
        self.open = Some(document);
    }

    fn untag(&mut self, id: &AnnotationId, now: u64) {
        let Some(document) = &mut self.open else {
            return;
        };
        let Some((annotation, links)) = document.remove(id) else {
            return;
        };
        if self.selected.as_ref() == Some(id) {
            self.selected = None;
        }
        self.touch_open(now);
        if links > 0 {
            let name = self.schema.name_of(&annotation.label).to_lowercase();
            self.notify(
                NoticeKind::Info,
                format!(
                    "Deleted the {name} and its {} (Undo brings them back).",
                    plural(links, "link")
                ),
            );
        }
    }

    fn link_to(&mut self, target: AnnotationId, now: u64) {
        let (Some(linking), Some(document)) = (&mut self.linking, &self.open) else {
            return;
        };
        let Some(annotation) = document.get(&target) else {
            return;
        };
        if target == linking.from {
            return;
        }
        if annotation.label.as_str() == CUE_LABEL && linking.cue.is_none() {
            linking.cue = Some(target);
            return;
        }
        let Linking { from, cue } = self.linking.take().expect("checked above");
        self.selected = Some(from.clone());
        self.link(from, target, cue, now);
    }

    fn link(&mut self, from: AnnotationId, to: AnnotationId, cue: Option<AnnotationId>, now: u64) {
        let Some(document) = &mut self.open else {
            return;
        };
        match document.link(from, to, cue) {
            Ok(_) => self.touch_open(now),
            Err(SpanError::DuplicateLink(_)) => {
                self.notify(NoticeKind::Info, "These are linked already.".to_owned())
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Could not link: {error}.")),
        }
    }

    fn undo_or_redo(&mut self, undo: bool, now: u64) {
        let Some(document) = &mut self.open else {
            return;
        };
        let step = if undo {
            document.undo()
        } else {
            document.redo()
        };
        let Some(step) = step else { return };
        // Select what the change brought back; drop a selection it took away.
        let restored = step.iter().find_map(|edit| match (edit, undo) {
            (Edit::Delete { annotation }, true) | (Edit::Insert { annotation }, false) => {
                Some(annotation.id.clone())
            }
            _ => None,
        });
        let document = &*document;
        if restored.is_some() {
            self.selected = restored;
        } else if self
            .selected
            .as_ref()
            .is_some_and(|id| document.get(id).is_none())
        {
            self.selected = None;
        }
        self.touch_open(now);
    }

    fn edit_schema(&mut self, edit: SchemaEdit) {
        let before = self.schema.clone();
        match self.schema.edit(edit) {
            Ok(_) if self.schema == before => {}
            Ok(_) => {
                self.schema_history.record(before);
                self.library_revision += 1;
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Not changed: {error}.")),
        }
    }

    fn undo_or_redo_schema(&mut self, undo: bool) {
        let history = &mut self.schema_history;
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

    fn step(&mut self, direction: Direction) {
        let Some(document) = &self.open else { return };
        let annotations = document.annotations();
        let at = self
            .selected
            .as_ref()
            .and_then(|id| annotations.iter().position(|a| &a.id == id));
        if let Some(index) = super::listing::step_index(annotations.len(), at, direction) {
            self.selected = Some(annotations[index].id.clone());
        }
    }

    fn rename(&mut self, id: &DocId, title: String, now: u64) {
        let title = title.trim();
        if title.is_empty() {
            self.notify(NoticeKind::Error, "A document needs a title.".to_owned());
            return;
        }
        if let Some(summary) = self.library.iter_mut().find(|s| &s.id == id) {
            summary.title = title.to_owned();
            summary.modified_ms = now;
            self.library_revision += 1;
        }
    }

    fn delete(&mut self, id: &DocId) {
        let Some(index) = self.library.iter().position(|s| &s.id == id) else {
            return;
        };
        let removed = self.library.remove(index);
        self.library_revision += 1;
        if self.open.as_ref().map(Document::id) == Some(id) {
            self.open = None;
            self.selected = None;
        }
        self.notify(NoticeKind::Info, format!("Deleted “{}”.", removed.title));
    }

    fn tag(&mut self, label: LabelId, start: usize, end: usize, now: u64) {
        let Some(document) = &mut self.open else {
            return;
        };
        match document.tag(label.clone(), start, end) {
            Ok(id) => {
                self.selected = Some(id);
                self.touch_open(now);
            }
            // An empty selection does nothing, as the user expects.
            Err(SpanError::Empty) => {}
            Err(SpanError::Duplicate(existing)) => {
                self.selected = Some(existing);
                let name = self.schema.name_of(&label).to_owned();
                self.notify(
                    NoticeKind::Info,
                    format!("That text is already tagged as {name}."),
                );
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Could not tag: {error}.")),
        }
    }

    fn import(
        &mut self,
        imported: LabelledDocument,
        new_id: DocId,
        existing: Option<Document>,
        now: u64,
    ) {
        // The file brings its schema along: labels the project lacks are added.
        let before = self.schema.clone();
        let new_labels = self.schema.merge(&imported.labels);
        if !new_labels.is_empty() {
            self.schema_history.record(before);
            self.library_revision += 1;
        }
        let labels_note = match new_labels.len() {
            0 => String::new(),
            _ => format!(" New labels: {}.", new_labels.join(", ")),
        };
        let existing = existing
            .filter(|d| d.text().as_str() == imported.text && self.summary(d.id()).is_some());
        let Some(mut document) = existing else {
            let count = imported.annotations.len();
            let mut document = Document::new(new_id, ArticleText::new(imported.text));
            for annotation in imported.annotations {
                document
                    .insert(annotation)
                    .expect("import checked every annotation");
            }
            for relation in imported.relations {
                document
                    .insert_relation(relation)
                    .expect("import checked every link");
            }
            for (id, details) in imported.details {
                document
                    .insert_details(&id, details)
                    .expect("details of checked annotations");
            }
            let title = imported.title.trim();
            let title = if title.is_empty() {
                super::text_input::title_from_text(document.text().as_str())
            } else {
                title.to_owned()
            };
            self.notify(
                NoticeKind::Info,
                format!(
                    "Imported “{title}” with {}.{labels_note}",
                    plural(count, "annotation")
                ),
            );
            self.add_to_library(&document, title, now);
            self.show(document);
            return;
        };
        let (added, present, links) = merge_into(&mut document, imported);
        self.show(document);
        self.touch_open(now);
        let title = self
            .open_summary()
            .map(|s| s.title.clone())
            .unwrap_or_default();
        self.notify(
            NoticeKind::Info,
            format!(
                "This text was already in your documents as “{title}”: added {} and {}, {present} already there.{labels_note}",
                plural(added, "annotation"),
                plural(links, "link"),
            ),
        );
    }

    /// Keeps the open document's summary in step with it.
    fn touch_open(&mut self, now: u64) {
        let Some(document) = &self.open else { return };
        let count = document.annotations().len();
        if let Some(summary) = self.library.iter_mut().find(|s| &s.id == document.id()) {
            summary.annotation_count = count;
            summary.modified_ms = now;
            self.library_revision += 1;
        }
    }

    fn notify(&mut self, kind: NoticeKind, message: String) {
        self.notice_seq += 1;
        self.notice = Some(Notice {
            kind,
            message,
            seq: self.notice_seq,
        });
    }
}

/// Adds to `document` the annotations of `imported` it lacks (same label and
/// offsets count as present), their details, and the links between them.
/// Returns (annotations added, annotations present, links added).
fn merge_into(document: &mut Document, imported: LabelledDocument) -> (usize, usize, usize) {
    let (mut added, mut present, mut links) = (0, 0, 0);
    // Imported id → the id the same annotation has in `document`.
    let mut ids = IdMap::default();
    for mut annotation in imported.annotations {
        let imported_id = annotation.id.clone();
        if let Some(existing) =
            document.find_span(&annotation.label, annotation.start, annotation.end)
        {
            ids.insert(imported_id, existing.id.clone());
            present += 1;
            continue;
        }
        if document.get(&annotation.id).is_some() {
            annotation.id = document.fresh_id();
        }
        ids.insert(imported_id.clone(), annotation.id.clone());
        document
            .insert(annotation)
            .expect("checked for duplicates above");
        if let Some(details) = imported.details.get(&imported_id) {
            if let Some(id) = ids.get(&imported_id) {
                let _ = document.insert_details(&id, details.clone());
            }
        }
        added += 1;
    }
    for relation in imported.relations {
        let map = |id: &AnnotationId| ids.get(id);
        let (Some(from), Some(to)) = (map(&relation.from), map(&relation.to)) else {
            continue;
        };
        let cue = relation.cue.as_ref().and_then(map);
        let id = document.fresh_relation_id();
        links += usize::from(
            document
                .insert_relation(Relation { id, from, to, cue })
                .is_ok(),
        );
    }
    (added, present, links)
}

/// Annotation id → annotation id, as a sorted vector (see `layout::byte_offsets_of`
/// on why not a hash map).
#[derive(Default)]
struct IdMap(Vec<(AnnotationId, AnnotationId)>);

impl IdMap {
    fn insert(&mut self, key: AnnotationId, value: AnnotationId) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    fn get(&self, key: &AnnotationId) -> Option<AnnotationId> {
        let i = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some(self.0[i].1.clone())
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// FNV-1a: stable across builds and platforms, unlike `DefaultHasher`.
pub fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::Annotation;
    use crate::model::schema_edit::SchemaEdit;

    fn create(session: &mut Session, id: &str, text: &str) {
        session.apply(Action::CreateDocument {
            id: DocId::new(id),
            title: format!("title {id}"),
            text: text.to_owned(),
            now: 1,
        });
    }

    fn tag(session: &mut Session, label: &str, start: usize, end: usize) {
        session.apply(Action::Tag {
            label: LabelId::new(label),
            start,
            end,
            now: 2,
        });
    }

    #[test]
    fn creating_a_document_opens_it_and_lists_it_first() {
        let mut session = Session::default();
        create(&mut session, "d1", "first");
        create(&mut session, "d2", "second");
        let ids: Vec<_> = session.library().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["d2", "d1"]);
        assert_eq!(session.open().unwrap().id().as_str(), "d2");
    }

    #[test]
    fn tagging_selects_the_new_annotation_and_updates_the_summary() {
        let mut session = Session::default();
        create(&mut session, "d1", "Austin said so");
        let revision = session.library_revision();
        tag(&mut session, "source", 0, 6);
        assert_eq!(session.selected().unwrap().as_str(), "a1");
        assert_eq!(session.open_summary().unwrap().annotation_count, 1);
        assert!(session.library_revision() > revision);
    }

    #[test]
    fn empty_selection_does_nothing_and_duplicate_selects_the_existing_one() {
        let mut session = Session::default();
        create(&mut session, "d1", "Austin  said");
        tag(&mut session, "claim", 6, 8);
        assert!(session.open().unwrap().annotations().is_empty());
        assert!(session.notice().is_none());
        tag(&mut session, "claim", 0, 6);
        session.apply(Action::Select(None));
        tag(&mut session, "claim", 0, 7);
        assert_eq!(session.selected().unwrap().as_str(), "a1");
        assert_eq!(
            session.notice().unwrap().message,
            "That text is already tagged as Claim."
        );
    }

    #[test]
    fn stepping_walks_document_order_and_stops_at_the_ends() {
        let mut session = Session::default();
        session.apply(Action::Step(Direction::Next)); // No document: nothing happens.
        create(&mut session, "d1", "one two three");
        session.apply(Action::Step(Direction::Next)); // No annotations: nothing happens.
        assert!(session.selected().is_none());
        tag(&mut session, "claim", 8, 13); // a1, later in the text
        tag(&mut session, "claim", 0, 3); // a2, first in document order
        session.apply(Action::Select(None));
        let mut walk = Vec::new();
        for step in [
            Direction::Next,
            Direction::Next,
            Direction::Next,
            Direction::Previous,
            Direction::Previous,
            Direction::Last,
            Direction::First,
        ] {
            session.apply(Action::Step(step));
            walk.push(session.selected().unwrap().to_string());
        }
        assert_eq!(walk, ["a2", "a1", "a1", "a2", "a2", "a1", "a2"]);
        session.apply(Action::Select(None));
        session.apply(Action::Step(Direction::Previous));
        assert_eq!(session.selected().unwrap().as_str(), "a1");
    }

    #[test]
    fn undo_and_redo_follow_the_selection_and_the_summary() {
        let mut session = Session::default();
        create(&mut session, "d1", "abc def");
        tag(&mut session, "claim", 0, 3);
        session.apply(Action::Untag {
            id: AnnotationId::new("a1"),
            now: 3,
        });
        assert_eq!(session.open_summary().unwrap().annotation_count, 0);
        session.apply(Action::Undo { now: 4 });
        assert_eq!(session.selected().unwrap().as_str(), "a1");
        assert_eq!(session.open_summary().unwrap().annotation_count, 1);
        session.apply(Action::Undo { now: 4 });
        assert!(session.selected().is_none());
        assert!(session.open().unwrap().annotations().is_empty());
        session.apply(Action::Redo { now: 5 });
        assert_eq!(session.selected().unwrap().as_str(), "a1");
        session.apply(Action::Redo { now: 5 });
        assert!(session.open().unwrap().annotations().is_empty());
        session.apply(Action::Redo { now: 5 }); // Nothing left to redo: no change, no panic.
        assert!(session.selected().is_none());
    }

    #[test]
    fn linking_picks_an_optional_cue_then_the_source() {
        let mut session = Session::default();
        create(&mut session, "d1", "Austin said: stop.");
        tag(&mut session, "source", 0, 6); // a1
        tag(&mut session, "cue", 7, 11); // a2
        tag(&mut session, "quote", 13, 17); // a3
        let now = 9;
        session.apply(Action::StartLinking);
        assert_eq!(session.linking().unwrap().from.as_str(), "a3");
        session.apply(Action::LinkTo {
            target: AnnotationId::new("a3"),
            now,
        }); // itself: ignored
        session.apply(Action::LinkTo {
            target: AnnotationId::new("a2"),
            now,
        }); // the cue
        assert_eq!(
            session.linking().unwrap().cue.as_ref().unwrap().as_str(),
            "a2"
        );
        session.apply(Action::Step(Direction::First)); // moving around while linking
        session.apply(Action::LinkTo {
            target: AnnotationId::new("a1"),
            now,
        });
        assert!(session.linking().is_none());
        assert_eq!(session.selected().unwrap().as_str(), "a3");
        let relation = &session.open().unwrap().relations()[0];
        assert_eq!((relation.from.as_str(), relation.to.as_str()), ("a3", "a1"));
        assert_eq!(relation.cue.as_ref().unwrap().as_str(), "a2");
        // Cancelling goes back to where the link started.
        session.apply(Action::StartLinking);
        session.apply(Action::Step(Direction::First));
        session.apply(Action::CancelLinking);
        assert_eq!(session.selected().unwrap().as_str(), "a3");
        assert_eq!(session.open().unwrap().relations().len(), 1);
        // The same link again is reported, not duplicated.
        session.apply(Action::StartLinking);
        session.apply(Action::LinkTo {
            target: AnnotationId::new("a1"),
            now,
        });
        assert_eq!(
            session.notice().unwrap().message,
            "These are linked already."
        );
        // Deleting the source says what went with it.
        session.apply(Action::Untag {
            id: AnnotationId::new("a1"),
            now,
        });
        assert_eq!(
            session.notice().unwrap().message,
            "Deleted the source and its 1 link (Undo brings them back)."
        );
    }

    #[test]
    fn one_field_at_a_time_never_loses_the_others() {
        let mut session = Session::default();
        create(&mut session, "d1", "Austin said no.");
        tag(&mut session, "quote", 12, 14);
        let id = AnnotationId::new("a1");
        let set = |session: &mut Session, field: Option<&str>, value: &str| {
            let field = field.map(str::to_owned);
            session.apply(Action::SetDetail {
                id: id.clone(),
                field,
                value: value.into(),
                now: 3,
            });
        };
        set(&mut session, Some("kind"), "direct");
        set(&mut session, Some("language"), "en");
        set(&mut session, None, "check it");
        set(&mut session, Some("language"), "");
        let details = session.open().unwrap().details_of(&id).unwrap().clone();
        assert_eq!(details.attributes.get("kind"), Some("direct"));
        assert_eq!(details.attributes.get("language"), None);
        assert_eq!(details.note, "check it");
    }

    #[test]
    fn untag_removes_and_clears_selection() {
        let mut session = Session::default();
        create(&mut session, "d1", "abc def");
        tag(&mut session, "claim", 0, 3);
        session.apply(Action::Untag {
            id: AnnotationId::new("a1"),
            now: 3,
        });
        assert!(session.open().unwrap().annotations().is_empty());
        assert!(session.selected().is_none());
        assert_eq!(session.open_summary().unwrap().annotation_count, 0);
    }

    #[test]
    fn deleting_the_open_document_closes_it() {
        let mut session = Session::default();
        create(&mut session, "d1", "one");
        create(&mut session, "d2", "two");
        session.apply(Action::Delete {
            id: DocId::new("d2"),
        });
        assert!(session.open().is_none());
        assert_eq!(session.library().len(), 1);
        assert_eq!(session.notice().unwrap().message, "Deleted “title d2”.");
    }

    #[test]
    fn rename_trims_and_refuses_blank_titles() {
        let mut session = Session::default();
        create(&mut session, "d1", "one");
        session.apply(Action::Rename {
            id: DocId::new("d1"),
            title: "  New  ".into(),
            now: 5,
        });
        assert_eq!(session.library()[0].title, "New");
        session.apply(Action::Rename {
            id: DocId::new("d1"),
            title: " ".into(),
            now: 6,
        });
        assert_eq!(session.library()[0].title, "New");
        assert_eq!(session.notice().unwrap().kind, NoticeKind::Error);
    }

    #[test]
    fn schema_edits_undo_in_settings_and_leave_the_document_alone() {
        let mut session = Session::default();
        create(&mut session, "d1", "abc def");
        tag(&mut session, "quote", 0, 3);
        session.apply(Action::ShowSettings(true));
        let revision = session.library_revision();
        session.apply(Action::EditSchema(SchemaEdit::RenameLabel {
            label: LabelId::new("quote"),
            name: "Citation".into(),
        }));
        session.apply(Action::EditSchema(SchemaEdit::AddLabel {
            name: "Event".into(),
        }));
        assert!(session.library_revision() > revision);
        assert_eq!(session.schema.labels().len(), 5);
        // The annotation keeps its label id and shows the new name.
        let label = &session.open().unwrap().annotations()[0].label.clone();
        assert_eq!(session.schema.name_of(label), "Citation");

        session.apply(Action::Undo { now: 5 });
        assert_eq!(session.schema.labels().len(), 4);
        session.apply(Action::Undo { now: 5 });
        assert_eq!(session.schema, LabelSchema::default());
        assert_eq!(session.open().unwrap().annotations().len(), 1);
        session.apply(Action::Redo { now: 5 });
        assert_eq!(session.schema.name_of(label), "Citation");

        // A refused edit says why and is not a step.
        session.apply(Action::EditSchema(SchemaEdit::RenameLabel {
            label: LabelId::new("quote"),
            name: "claim".into(),
        }));
        assert_eq!(
            session.notice().unwrap().message,
            "Not changed: there is a label “claim” already."
        );
        session.apply(Action::Undo { now: 5 });
        assert_eq!(session.schema, LabelSchema::default());

        // With the settings closed, undo is the document's again.
        session.apply(Action::ShowSettings(false));
        session.apply(Action::Undo { now: 6 });
        assert!(session.open().unwrap().annotations().is_empty());
        assert!(session.schema_history().can_redo());
    }

    #[test]
    fn restore_keeps_documents_made_before_it_finished() {
        let mut session = Session::default();
        create(&mut session, "fresh", "made early");
        let stored = DocumentSummary {
            id: DocId::new("old"),
            title: "old".into(),
            chars: 3,
            annotation_count: 0,
            created_ms: 0,
            modified_ms: 0,
            text_hash: text_hash("old"),
        };
        let old_doc = Document::new(DocId::new("old"), ArticleText::new("old".into()));
        session.apply(Action::Restored {
            library: vec![stored],
            open: Some(old_doc),
            schema: None,
            schema_history: SchemaHistory::default(),
            preferences: None,
        });
        assert!(session.restored());
        assert_eq!(session.library().len(), 2);
        assert_eq!(session.open().unwrap().id().as_str(), "fresh");
    }

    fn imported(text: &str, spans: &[(&str, &str, usize, usize)]) -> LabelledDocument {
        LabelledDocument {
            title: "From file".into(),
            text: text.into(),
            labels: vec![],
            relations: vec![],
            details: Default::default(),
            annotations: spans
                .iter()
                .map(|&(id, label, start, end)| Annotation {
                    id: AnnotationId::new(id),
                    label: LabelId::new(label),
                    start,
                    end,
                })
                .collect(),
        }
    }

    #[test]
    fn import_of_new_text_creates_a_document_with_its_ids() {
        let mut session = Session::default();
        session.apply(Action::Import {
            imported: imported("hello world", &[("q9", "quote", 0, 5)]),
            new_id: DocId::new("d9"),
            existing: None,
            now: 1,
        });
        let document = session.open().unwrap();
        assert_eq!(document.annotations()[0].id.as_str(), "q9");
        assert_eq!(session.open_summary().unwrap().title, "From file");
        assert_eq!(
            session.notice().unwrap().message,
            "Imported “From file” with 1 annotation."
        );
    }

    #[test]
    fn import_of_known_text_adds_only_missing_annotations() {
        let mut session = Session::default();
        create(&mut session, "d1", "hello world");
        tag(&mut session, "claim", 0, 5); // a1
        let existing = session.open().cloned();
        session.apply(Action::Import {
            imported: imported(
                "hello world",
                &[
                    ("a1", "claim", 0, 5),
                    ("a1x", "quote", 6, 11),
                    ("a2", "source", 0, 5),
                ],
            ),
            new_id: DocId::new("unused"),
            existing,
            now: 2,
        });
        assert_eq!(session.library().len(), 1);
        let labels: Vec<_> = session
            .open()
            .unwrap()
            .annotations()
            .iter()
            .map(|a| (a.id.as_str(), a.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [("a1", "claim"), ("a2", "source"), ("a1x", "quote")]
        );
        assert_eq!(session.open_summary().unwrap().annotation_count, 3);
        assert!(session
            .notice()
            .unwrap()
            .message
            .contains("added 2 annotations and 0 links, 1 already there"));
    }

    #[test]
    fn storage_failure_is_reported_and_work_goes_on() {
        let mut session = Session::default();
        session.apply(Action::StorageFailed("QuotaExceededError".into()));
        assert!(session.restored());
        assert_eq!(session.notice().unwrap().kind, NoticeKind::Error);
        create(&mut session, "d1", "still works");
        assert!(session.open().is_some());
    }

    #[test]
    fn text_hash_is_stable() {
        assert_eq!(text_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(text_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
