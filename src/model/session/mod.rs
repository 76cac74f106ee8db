//! The whole state of the app and the one way it changes: `Session::apply(Action)`.
//!
//! The session holds the library (a summary of every document), the one open
//! document, the selection and the message shown to the user. Loading from and
//! saving to storage happen outside: the browser layer turns their results into
//! actions, and saves whatever `revision`s say has changed.
//!
//! What is large is shared (`Rc`) and copied only when it changes
//! (`Rc::make_mut`): cloning a session for the next state costs a few pointers,
//! and an action that leaves the open document alone leaves it the very same
//! value, which views compare by identity (`open_is`).

mod action;
mod import;
mod library;
mod linking;
mod schema;
mod suggestions;
mod team;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::model::document::{Document, SharedDocument, SpanError};
use crate::model::history::Edit;
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::labels::LabelSchema;
use crate::model::listing::Direction;

pub use action::{Action, Edge, Notice, NoticeKind, Offer};

pub use import::Imported;
pub use library::{
    text_hash, DocumentFilter, DocumentOrder, DocumentStatus, DocumentSummary, Preferences,
};
pub use linking::Linking;
pub use schema::SchemaHistory;
pub use suggestions::{Rejected, Standing, SuggestionLayer};
pub use team::Team;

/// The annotator name of a curated (gold) version.
pub const CURATED: &str = "curated";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    pub schema: LabelSchema,
    schema_history: Rc<SchemaHistory>,
    settings_open: bool,
    pub preferences: Preferences,
    /// Newest first.
    library: Rc<Vec<DocumentSummary>>,
    open: Option<Rc<Document>>,
    selected: Option<AnnotationId>,
    notice: Option<Notice>,
    notice_seq: u64,
    /// Bumped whenever `library` changes; autosave compares it with what it wrote.
    library_revision: u64,
    restored: bool,
    storage_problem: Option<String>,
    linking: Option<Linking>,
    /// What the last edit did, for screen readers (a polite live region).
    announcement: Option<(u64, String)>,
    /// An import waits for the user to map the labels its files brought.
    label_question: Option<Rc<LabelQuestion>>,
    /// The documents of the last corpus import, for autosave to write (only
    /// the open document is otherwise written).
    imported_batch: Rc<Vec<Rc<Document>>>,
    /// What the suggester found in the open document, while shown.
    suggestions: Option<Rc<SuggestionLayer>>,
    /// The user's name as an annotator (written as `annotator` in exports).
    annotator: Option<String>,
    /// The team the user joined, if any (issue 15).
    team: Option<Rc<Team>>,
    /// `imported_batch` holds team members' versions (more join it), not a corpus import.
    batch_is_team: bool,
}

/// The labels an import would add, each with how many spans carry it: the
/// mapping step asks what each becomes before anything is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelQuestion {
    /// What is being imported (file names), to say in the question.
    pub files: String,
    pub labels: Vec<NewLabel>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLabel {
    pub name: String,
    pub spans: usize,
}

impl Session {
    /// The library as shared with views (compared by pointer, never copied).
    pub fn library_shared(&self) -> Rc<Vec<DocumentSummary>> {
        self.library.clone()
    }

    pub fn library(&self) -> &[DocumentSummary] {
        &self.library
    }

    pub fn schema_history(&self) -> &SchemaHistory {
        &self.schema_history
    }

    /// True while the label schema settings are shown instead of the article.
    /// The documents the last corpus import added (autosave writes those it has not).
    pub fn imported_batch(&self) -> &Rc<Vec<Rc<Document>>> {
        &self.imported_batch
    }

    pub fn label_question(&self) -> Option<&Rc<LabelQuestion>> {
        self.label_question.as_ref()
    }

    pub fn settings_open(&self) -> bool {
        self.settings_open
    }

    pub fn library_revision(&self) -> u64 {
        self.library_revision
    }

    pub fn open(&self) -> Option<&Document> {
        self.open.as_deref()
    }

    /// The open document as a shared value, for views that keep it.
    pub fn open_shared(&self) -> Option<SharedDocument> {
        self.open.clone().map(SharedDocument)
    }

    /// True when `other` has the same open document, unchanged: the same shared
    /// value. Anyone holding the older session holds that value too, so a change
    /// always makes a new one (`Rc::make_mut` copies what is shared).
    pub fn open_is(&self, other: &Session) -> bool {
        match (&self.open, &other.open) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    pub fn open_summary(&self) -> Option<&DocumentSummary> {
        let id = self.open()?.id();
        self.summary(id)
    }

    pub fn summary(&self, id: &crate::model::ids::DocId) -> Option<&DocumentSummary> {
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
    /// The user's own document first: another annotator's version of the
    /// same text is never where the user's work goes.
    pub fn find_by_text_hash(&self, hash: u64) -> Option<&DocumentSummary> {
        let mut same = self.library.iter().filter(|s| s.text_hash == hash);
        let first = same.clone().next();
        same.find(|s| s.annotator.is_none()).or(first)
    }

    /// The user's own document with this text hash, if any (never another
    /// annotator's version: loading a text the user has only as someone
    /// else's version starts the user's own).
    pub fn find_own_by_text_hash(&self, hash: u64) -> Option<&DocumentSummary> {
        self.library
            .iter()
            .find(|s| s.text_hash == hash && s.annotator.is_none())
    }

    /// Whether Undo would change anything: the schema while the settings are
    /// open, the open document otherwise (as `Action::Undo` decides).
    pub fn can_undo(&self) -> bool {
        if self.settings_open {
            self.schema_history.can_undo()
        } else {
            self.open().is_some_and(|d| d.history().can_undo())
        }
    }

    pub fn can_redo(&self) -> bool {
        if self.settings_open {
            self.schema_history.can_redo()
        } else {
            self.open().is_some_and(|d| d.history().can_redo())
        }
    }

    /// How many annotations of the open document each label of the schema has.
    pub fn label_counts(&self) -> Vec<(LabelId, usize)> {
        let document = self.open();
        self.schema
            .labels()
            .iter()
            .map(|label| {
                let count = document.map_or(0, |d| {
                    d.annotations()
                        .iter()
                        .filter(|a| a.label == label.id)
                        .count()
                });
                (label.id.clone(), count)
            })
            .collect()
    }

    pub fn apply(&mut self, action: Action) {
        // Undo and Redo reach the schema while the settings are open.
        let schema_history =
            self.settings_open && matches!(action, Action::Undo { .. } | Action::Redo { .. });
        if action.edits_open_document() && !schema_history && self.refuse_read_only() {
            return;
        }
        match action {
            Action::Restored {
                library,
                open,
                schema,
                schema_history,
                preferences,
                annotator,
            } => {
                if let Some(preferences) = preferences {
                    self.preferences = preferences;
                }
                // A name set before storage answered is kept.
                if self.annotator.is_none() {
                    self.annotator = annotator;
                }
                self.restore(library, open, schema, schema_history)
            }
            Action::CreateDocument {
                id,
                title,
                text,
                meta,
                now,
            } => {
                let text = crate::model::document::ArticleText::new(text);
                let mut document = Document::new(id, text);
                document.set_meta(meta);
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
                let unlinked = self.open_mut().is_some_and(|d| d.unlink(&id).is_some());
                if unlinked {
                    self.touch_open(now);
                }
            }
            Action::Relabel { id, label, now } => self.relabel(&id, label, now),
            Action::Resize {
                id,
                start,
                end,
                now,
            } => self.resize(&id, start, end, now),
            Action::Nudge { id, edge, by, now } => self.nudge(&id, edge, by, now),
            Action::StartLinking => self.start_linking(),
            Action::CancelLinking => self.cancel_linking(),
            Action::LinkTo { target, now } => self.link_to(target, now),
            Action::Pick { target, now } => self.pick(target, now),
            Action::SetDetail {
                id,
                field,
                value,
                now,
            } => self.set_detail(&id, field, value, now),
            Action::Select(id) => self.selected = id,
            Action::Step(direction) => self.step(direction),
            Action::StepIn { order, direction } => {
                let next = crate::model::listing::step_in(&order, self.selected(), direction);
                if let Some(id) = next.cloned() {
                    self.selected = Some(id);
                }
            }
            Action::SetWordSnapping(on) => {
                self.preferences.snap_to_words = on;
                self.library_revision += 1;
            }
            Action::SetListView(view) => {
                self.preferences.list_view = view;
                self.library_revision += 1;
            }
            Action::SetStatus { id, status } => self.set_status(&id, status),
            Action::ImportProgress { message } => match self.notice.as_mut() {
                // The same notice says how far it has got (and keeps its button).
                Some(notice) if notice.offer == Some(Offer::CancelImport) => {
                    notice.message = message
                }
                _ => {
                    self.notify(NoticeKind::Info, message);
                    if let Some(notice) = self.notice.as_mut() {
                        notice.offer = Some(Offer::CancelImport);
                    }
                }
            },
            Action::MapNewLabels(on) => {
                self.preferences.map_new_labels = on;
                self.library_revision += 1;
            }
            Action::AskLabelMap(question) => self.label_question = Some(question),
            Action::CloseLabelMap => self.label_question = None,
            Action::ShowAllLinks(on) => {
                self.preferences.all_links = on;
                self.library_revision += 1;
            }
            Action::ShowSettings(open) => {
                self.settings_open = open;
                self.linking = None;
            }
            Action::EditSchema(edit) => self.edit_schema(edit),
            Action::Undo { .. } if self.settings_open => self.undo_or_redo_schema(true),
            Action::Redo { .. } if self.settings_open => self.undo_or_redo_schema(false),
            Action::Undo { now } => self.undo_or_redo(true, now),
            Action::Redo { now } => self.undo_or_redo(false, now),
            Action::Import {
                imported,
                new_id,
                existing,
                now,
            } => self.import(imported, new_id, existing, now),
            Action::ImportMany { documents, now } => self.import_many(documents, now),
            Action::PlaceOnOpen {
                placed,
                report,
                now,
            } => self.place_on_open(placed, report, now),
            Action::CleanUp { edits, now } => self.clean_up(&edits, now),
            Action::OfferPlacing { message } => {
                self.notify(NoticeKind::Info, message);
                if let Some(notice) = &mut self.notice {
                    notice.offer = Some(Offer::PlaceOrImport);
                }
            }
            Action::Notify { kind, message } => self.notify(kind, message),
            Action::OfferCleanUp { message } => {
                self.notify(NoticeKind::Info, message);
                if let Some(notice) = self.notice.as_mut() {
                    notice.offer = Some(Offer::CleanUp);
                }
            }
            Action::ShowSuggestions { found, text_hash } => self.show_suggestions(found, text_hash),
            Action::StepSuggestion(direction) => self.step_suggestion(direction),
            Action::SelectSuggestion(index) => {
                if let Some(layer) = self.suggestions.as_mut() {
                    Rc::make_mut(layer).select(index);
                    self.selected = None;
                }
            }
            Action::AcceptSuggestion { index, whole, now } => {
                let accept = match (&self.suggestions, whole) {
                    (Some(layer), true) => layer.attribution_of(index),
                    _ => vec![index],
                };
                self.accept_suggestions(&accept, now);
            }
            Action::AcceptAllSuggestions {
                min_confidence,
                now,
            } => {
                let (Some(layer), Some(document)) = (&self.suggestions, self.open()) else {
                    return;
                };
                let sure: Vec<usize> = layer
                    .pending(document, self.rejected())
                    .into_iter()
                    .filter(|&i| layer.found().spans[i].confidence >= min_confidence)
                    .collect();
                if sure.is_empty() {
                    self.notify(
                        NoticeKind::Info,
                        format!("No suggestion is {min_confidence} % sure or more."),
                    );
                    return;
                }
                self.accept_suggestions(&sure, now);
            }
            Action::RejectSuggestion { index } => self.reject_suggestion(index),
            Action::CloseSuggestions => self.suggestions = None,
            Action::StartCuration {
                title,
                document,
                id,
                now,
            } => {
                let document = document.with_id(id);
                let count = document.annotations().len();
                self.add_to_library(&document, title.clone(), now);
                self.set_annotator_of(document.id(), CURATED.to_owned());
                self.show(document);
                self.notify(
                    NoticeKind::Info,
                    format!(
                        "Started “{title}” with the {count} annotations both versions agree on."
                    ),
                );
            }
            Action::Curate { chosen, now } => {
                let added = self.open_mut().map(|d| d.add_from(&chosen));
                match added {
                    Some(Ok((0, 0))) | None => {}
                    Some(Ok((spans, links))) => {
                        self.touch_open(now);
                        self.announce(format!(
                            "Added {spans} annotations and {links} links to the curated version."
                        ));
                    }
                    Some(Err(error)) => {
                        self.notify(NoticeKind::Error, format!("Could not add it: {error}."))
                    }
                }
            }
            Action::SetAnnotator(name) => {
                let name = crate::model::labelled::printable(name.trim());
                self.annotator = (!name.is_empty()).then_some(name);
                self.library_revision += 1;
            }
            Action::DismissNotice => self.notice = None,
            Action::TeamJoined { name, role } => self.team_joined(name, role),
            Action::TeamOverview(overview) => self.team_overview(overview),
            Action::TeamLeft => self.team_left(),
            Action::TeamOps { article, ops, now } => self.team_ops(&article, &ops, now),
            Action::TeamVersion { imported, id, now } => self.team_version(imported, id, now),
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

    /// The open document, to change: copied first if anyone else holds it.
    fn open_mut(&mut self) -> Option<&mut Document> {
        self.open.as_mut().map(Rc::make_mut)
    }

    fn tag(&mut self, label: LabelId, start: usize, end: usize, now: u64) {
        let Some(document) = self.open() else {
            return;
        };
        // Refusals are found before the document is copied for the change.
        let outcome = match document.check_tag(&label, start, end) {
            Ok(()) => self.open_mut().map(|d| d.tag(label.clone(), start, end)),
            Err(error) => Some(Err(error)),
        };
        match outcome {
            None => {}
            Some(Ok(id)) => {
                if let Some(spoken) = self.spoken(&id) {
                    self.announce(format!("Added {spoken}."));
                }
                self.selected = Some(id);
                self.touch_open(now);
            }
            // An empty selection does nothing, as the user expects.
            Some(Err(SpanError::Empty)) => {}
            Some(Err(SpanError::Duplicate(existing))) => {
                self.selected = Some(existing);
                let name = self.schema.name_of(&label).to_owned();
                self.notify(
                    NoticeKind::Info,
                    format!("That text is already tagged as {name}."),
                );
            }
            Some(Err(error)) => self.notify(NoticeKind::Error, format!("Could not tag: {error}.")),
        }
    }

    fn untag(&mut self, id: &AnnotationId, now: u64) {
        let Some(spoken) = self.spoken(id) else {
            return;
        };
        let Some((annotation, links)) = self.open_mut().and_then(|d| d.remove(id)) else {
            return;
        };
        if self.selected.as_ref() == Some(id) {
            self.selected = None;
        }
        self.touch_open(now);
        self.announce(format!("Deleted {spoken}. Ctrl+Z brings it back."));
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

    fn relabel(&mut self, id: &AnnotationId, label: LabelId, now: u64) {
        let unchanged = self.open().and_then(|d| d.get(id)).map(|a| &a.label) == Some(&label);
        if unchanged {
            return;
        }
        match self.open_mut().map(|d| d.relabel(id, label)) {
            Some(Ok(())) => self.touch_open(now),
            Some(Err(error)) => self.notify(
                NoticeKind::Error,
                format!("Could not change the label: {error}."),
            ),
            None => {}
        }
    }

    fn resize(&mut self, id: &AnnotationId, start: usize, end: usize, now: u64) {
        let Some(current) = self.open().and_then(|d| d.get(id)) else {
            return;
        };
        if (current.start, current.end) == (start, end) {
            return;
        }
        if self
            .open_mut()
            .is_some_and(|d| d.resize(id, start, end).is_ok())
        {
            self.touch_open(now);
        }
    }

    /// Moves one edge by `by` characters; an edge at the end of the text, or one
    /// that would empty the span, stays where it is.
    fn nudge(&mut self, id: &AnnotationId, edge: Edge, by: isize, now: u64) {
        let Some(document) = self.open() else {
            return;
        };
        let Some(annotation) = document.get(id) else {
            return;
        };
        let len = document.text().len_chars();
        let moved = |at: usize| at.saturating_add_signed(by).min(len);
        let (start, end) = match edge {
            Edge::Start => (moved(annotation.start), annotation.end),
            Edge::End => (annotation.start, moved(annotation.end)),
        };
        if start < end {
            self.resize(id, start, end, now);
        }
    }

    fn set_detail(&mut self, id: &AnnotationId, field: Option<String>, value: String, now: u64) {
        let Some(document) = self.open() else {
            return;
        };
        let mut details = document.details_of(id).cloned().unwrap_or_default();
        match field {
            Some(field) if value.is_empty() => details.attributes.remove(&field),
            Some(field) => details.attributes.insert(field, value),
            None => details.note = value,
        }
        if document.details_of(id).cloned().unwrap_or_default() == details {
            return;
        }
        if self
            .open_mut()
            .is_some_and(|d| d.set_details(id, details).is_ok())
        {
            self.touch_open(now);
        }
    }

    fn undo_or_redo(&mut self, undo: bool, now: u64) {
        let possible = self.open().is_some_and(|d| {
            let history = d.history();
            if undo {
                history.can_undo()
            } else {
                history.can_redo()
            }
        });
        if !possible {
            return;
        }
        let Some(document) = self.open_mut() else {
            return;
        };
        let change = if undo {
            document.undo()
        } else {
            document.redo()
        };
        let Some(change) = change else { return };
        self.announce(if undo { "Undone." } else { "Redone." }.to_owned());
        // Select what the change brought back; drop a selection it took away.
        let restored = change.iter().find_map(|edit| match (edit, undo) {
            (Edit::Delete { annotation }, true) | (Edit::Insert { annotation }, false) => {
                Some(annotation.id.clone())
            }
            _ => None,
        });
        if restored.is_some() {
            self.selected = restored;
        } else if self
            .selected
            .as_ref()
            .is_some_and(|id| self.open().and_then(|d| d.get(id)).is_none())
        {
            self.selected = None;
        }
        self.touch_open(now);
    }

    fn step(&mut self, direction: Direction) {
        let Some(document) = self.open() else { return };
        let annotations = document.annotations();
        let at = self.selected.as_ref().and_then(|id| document.index_of(id));
        if let Some(index) = crate::model::listing::step_index(annotations.len(), at, direction) {
            self.selected = annotations.get(index).map(|a| a.id.clone());
        }
    }

    fn clean_up(&mut self, edits: &[crate::model::text_edits::TextEdit], now: u64) {
        let result = self.open_mut().map(|d| d.edit_text(edits));
        match result {
            Some(Ok(dropped)) => {
                if self
                    .selected
                    .as_ref()
                    .is_some_and(|id| dropped.iter().any(|a| &a.id == id))
                {
                    self.selected = None;
                }
                self.touch_open(now);
                // The summary's length and text hash follow the new text.
                if let Some(document) = self.open.clone() {
                    let library = Rc::make_mut(&mut self.library);
                    if let Some(summary) = library.iter_mut().find(|s| &s.id == document.id()) {
                        summary.chars = document.text().len_chars();
                        summary.text_hash = text_hash(document.text().as_str());
                    }
                }
                let message = match dropped.len() {
                    0 => "Cleaned up; every annotation kept its words (Undo puts the text back)."
                        .to_owned(),
                    n => format!(
                        "Cleaned up; {} in removed text went with it (Undo puts them back).",
                        plural(n, "annotation")
                    ),
                };
                self.notify(NoticeKind::Info, message);
            }
            Some(Err(error)) => self.notify(NoticeKind::Error, format!("Not cleaned up: {error}.")),
            None => {}
        }
    }

    fn place_on_open(&mut self, placed: Imported, report: String, now: u64) {
        let same_text = self
            .open()
            .is_some_and(|d| d.text().as_str() == placed.document.text().as_str());
        if !same_text {
            self.notify(
                NoticeKind::Error,
                "Nothing was placed: the open document changed meanwhile.".to_owned(),
            );
            return;
        }
        let before = self.schema.clone();
        if !self.schema.merge(&placed.labels).is_empty() {
            Rc::make_mut(&mut self.schema_history).record(before);
            self.library_revision += 1;
        }
        match self.open_mut().map(|d| d.add_from(&placed.document)) {
            Some(Ok(_)) => {
                self.touch_open(now);
                self.notify(NoticeKind::Info, report);
            }
            Some(Err(error)) => {
                self.notify(NoticeKind::Error, format!("Nothing was placed: {error}."))
            }
            None => {}
        }
    }

    /// Keeps the open document's summary in step with it.
    fn touch_open(&mut self, now: u64) {
        let Some(document) = self.open() else { return };
        let (id, count) = (document.id().clone(), document.annotations().len());
        let counts = library::label_counts(document);
        let library = Rc::make_mut(&mut self.library);
        if let Some(summary) = library.iter_mut().find(|s| s.id == id) {
            summary.annotation_count = count;
            summary.label_counts = counts;
            summary.modified_ms = now;
            self.library_revision += 1;
        }
    }

    /// The user's name as an annotator, once set.
    pub fn annotator(&self) -> Option<&str> {
        self.annotator.as_deref()
    }

    /// Who annotated a document: the version's annotator, or the user.
    pub fn annotator_of(&self, id: &crate::model::ids::DocId) -> Option<String> {
        self.summary(id)
            .and_then(|s| s.annotator.clone())
            .or_else(|| self.annotator.clone())
    }

    /// `name`, when it is someone other than the user.
    fn other_annotator(&self, name: Option<&str>) -> Option<String> {
        let name = name.map(str::trim).filter(|n| !n.is_empty())?;
        (Some(name) != self.annotator.as_deref()).then(|| name.to_owned())
    }

    fn set_annotator_of(&mut self, id: &crate::model::ids::DocId, annotator: String) {
        let library = Rc::make_mut(&mut self.library);
        if let Some(summary) = library.iter_mut().find(|s| &s.id == id) {
            summary.annotator = Some(annotator);
            self.library_revision += 1;
        }
    }

    /// The suggestions shown over the open document, if any (and still for its text).
    pub fn suggestions(&self) -> Option<&Rc<SuggestionLayer>> {
        let document = self.open()?;
        self.suggestions
            .as_ref()
            .filter(|layer| layer.applies_to(document))
    }

    /// The suggestions the user turned down for the open document's text.
    pub fn rejected(&self) -> &[Rejected] {
        match &self.suggestions {
            Some(layer) => self.rejected_for(layer.text_hash),
            None => &[],
        }
    }

    /// The pending suggestions, in text order.
    pub fn pending_suggestions(&self) -> Vec<usize> {
        match (self.suggestions(), self.open()) {
            (Some(layer), Some(document)) => layer.pending(document, self.rejected()),
            _ => Vec::new(),
        }
    }

    fn show_suggestions(&mut self, found: Rc<crate::model::suggest::Suggestions>, text_hash: u64) {
        let Some(document) = self.open() else { return };
        let mut layer = SuggestionLayer::new(document, text_hash, found);
        let pending = layer.pending(document, self.rejected_for(text_hash));
        layer.select(pending.first().copied());
        let message = match pending.len() {
            0 => "No suggestions: nothing more found to tag.".to_owned(),
            1 => "1 suggestion. A: accept, Shift+A: accept the attribution, X: reject.".to_owned(),
            n => format!("{n} suggestions. A: accept, Shift+A: accept the attribution, X: reject, J/K: next/previous."),
        };
        self.suggestions = Some(Rc::new(layer));
        self.selected = None;
        self.announce(message);
    }

    /// Rejections recorded for the open document's text with this hash.
    fn rejected_for(&self, text_hash: u64) -> &[Rejected] {
        match self.open_summary() {
            Some(summary) if summary.rejected_for == text_hash => &summary.rejected_suggestions,
            _ => &[],
        }
    }

    fn step_suggestion(&mut self, direction: Direction) {
        let pending = self.pending_suggestions();
        let Some(layer) = self.suggestions.as_mut() else {
            return;
        };
        let spans = &layer.found().spans;
        let at = layer.selected().and_then(|s| {
            pending
                .iter()
                .position(|&p| p == s)
                .map(|p| (p, true))
                .or_else(|| {
                    // The selected one has gone: from where it was.
                    let start = spans[s].start;
                    Some((pending.partition_point(|&p| spans[p].start < start), false))
                })
        });
        let next = match (direction, at) {
            (_, _) if pending.is_empty() => None,
            (Direction::First, _) | (Direction::Next, None) => pending.first().copied(),
            (Direction::Last, _) | (Direction::Previous, None) => pending.last().copied(),
            (Direction::Next, Some((p, true))) => pending.get(p + 1).or(pending.last()).copied(),
            (Direction::Next, Some((p, false))) => pending.get(p).or(pending.last()).copied(),
            (Direction::Previous, Some((p, _))) => pending.get(p.saturating_sub(1)).copied(),
        };
        Rc::make_mut(layer).select(next);
        self.selected = None;
        // Read out what is now looked at (the bar's words are not a live region).
        let said = next.and_then(|index| {
            let span = self.suggestions.as_ref()?.found().spans.get(index)?.clone();
            let text = self.open()?.text().slice(span.start, span.end);
            let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text: String = text.chars().take(160).collect();
            Some(format!(
                "Suggested {}: {text} ({} %)",
                span.label, span.confidence
            ))
        });
        if let Some(said) = said {
            self.announce(said);
        }
    }

    fn accept_suggestions(&mut self, accept: &[usize], now: u64) {
        let Some(layer) = self.suggestions().cloned() else {
            return;
        };
        let rejected = self.rejected().to_vec();
        let result = match self.open_mut() {
            Some(document) => layer.accept(document, &rejected, accept),
            None => return,
        };
        match result {
            Ok((0, 0)) => {}
            Ok((spans, links)) => {
                self.touch_open(now);
                let what = match (spans, links) {
                    (1, 0) => "Accepted 1 suggestion.".to_owned(),
                    (n, 0) => format!("Accepted {n} suggestions."),
                    (n, 1) => format!("Accepted {n} suggestions and 1 link."),
                    (n, l) => format!("Accepted {n} suggestions and {l} links."),
                };
                let seq = self.announcement_seq();
                self.step_suggestion(Direction::Next);
                self.announce_before(what, seq);
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Could not accept it: {error}.")),
        }
    }

    fn reject_suggestion(&mut self, index: usize) {
        let Some(layer) = self.suggestions().cloned() else {
            return;
        };
        let Some(span) = layer.found().spans.get(index) else {
            return;
        };
        let Some(id) = self.open().map(|d| d.id().clone()) else {
            return;
        };
        let library = Rc::make_mut(&mut self.library);
        if let Some(summary) = library.iter_mut().find(|s| s.id == id) {
            if summary.rejected_for != layer.text_hash {
                summary.rejected_suggestions.clear();
                summary.rejected_for = layer.text_hash;
            }
            summary.rejected_suggestions.push(Rejected {
                label: span.label.to_owned(),
                start: span.start,
                end: span.end,
            });
            self.library_revision += 1;
        }
        let what = format!("Rejected the {} suggestion.", span.label);
        let seq = self.announcement_seq();
        self.step_suggestion(Direction::Next);
        self.announce_before(what, seq);
    }

    /// What the last edit did, in words, with a number that changes each time
    /// (the same words twice are announced twice).
    pub fn announcement(&self) -> Option<(u64, &str)> {
        self.announcement
            .as_ref()
            .map(|(seq, text)| (*seq, text.as_str()))
    }

    fn announcement_seq(&self) -> u64 {
        self.announcement.as_ref().map_or(0, |(seq, _)| *seq)
    }

    /// Announces `first`, then what was announced since `seq` (the suggestion
    /// now looked at), in one message.
    fn announce_before(&mut self, first: String, seq: u64) {
        let since = self
            .announcement
            .as_ref()
            .filter(|(now, _)| *now != seq)
            .map(|(_, text)| text.clone());
        match since {
            Some(then) => self.announce(format!("{first} {then}")),
            None => self.announce(first),
        }
    }

    fn announce(&mut self, text: String) {
        let seq = self.announcement.as_ref().map_or(1, |(seq, _)| seq + 1);
        self.announcement = Some((seq, text));
    }

    /// "quote “need to stop”": an annotation as an announcement names it.
    fn spoken(&self, id: &AnnotationId) -> Option<String> {
        let document = self.open()?;
        let annotation = document.get(id)?;
        let name = self.schema.name_of(&annotation.label).to_lowercase();
        let text = crate::model::layout::excerpt(document.text_of(annotation));
        Some(format!("{name} “{text}”"))
    }

    fn notify(&mut self, kind: NoticeKind, message: String) {
        self.notice_seq += 1;
        self.notice = Some(Notice {
            kind,
            message,
            seq: self.notice_seq,
            offer: None,
        });
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
