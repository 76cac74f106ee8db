//! The library: a summary of every document, opening one, renaming, deleting,
//! and restoring all of it from storage at start-up.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::document::Document;
use crate::model::ids::{DocId, LabelId};
use crate::model::labels::LabelSchema;

use super::action::NoticeKind;
use super::schema::SchemaHistory;
use super::Session;

/// Where the user is with a document: set by hand, shown in the list, kept
/// with the library and in Marginalia JSON (`document.status`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    #[default]
    New,
    InProgress,
    Done,
}

impl DocumentStatus {
    pub const ALL: [DocumentStatus; 3] = [
        DocumentStatus::New,
        DocumentStatus::InProgress,
        DocumentStatus::Done,
    ];

    /// As files write it: "new", "in_progress", "done".
    pub fn key(self) -> &'static str {
        match self {
            DocumentStatus::New => "new",
            DocumentStatus::InProgress => "in_progress",
            DocumentStatus::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<DocumentStatus> {
        DocumentStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn name(self) -> &'static str {
        match self {
            DocumentStatus::New => "New",
            DocumentStatus::InProgress => "In progress",
            DocumentStatus::Done => "Done",
        }
    }
}

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
    /// Absent in older records: new.
    #[serde(default)]
    pub status: DocumentStatus,
    /// How many annotations each label has, in first-use order (absent in
    /// older records until the document changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub label_counts: Vec<(LabelId, usize)>,
    /// Suggestions the user turned down, for the text whose hash is
    /// `rejected_for` (a clean-up makes them stale).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_suggestions: Vec<super::suggestions::Rejected>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rejected_for: u64,
    /// Whose version this is, when not the user's own (an import of another
    /// annotator's work, or "curated").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

/// Annotations per label, in the order labels first occur.
pub fn label_counts(document: &Document) -> Vec<(LabelId, usize)> {
    let mut counts: Vec<(LabelId, usize)> = Vec::new();
    for annotation in document.annotations() {
        match counts
            .iter_mut()
            .find(|(label, _)| *label == annotation.label)
        {
            Some(entry) => entry.1 += 1,
            None => counts.push((annotation.label.clone(), 1)),
        }
    }
    counts
}

/// How the user likes to work; saved with the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// New spans grow to whole words (off for character-exact work).
    pub snap_to_words: bool,
    /// Grouping and filter of the Annotations list (absent in older records).
    #[serde(default)]
    pub list_view: crate::model::listing::ListView,
    /// Draw every link in the article, not only the selected annotation's
    /// (absent in older records).
    #[serde(default)]
    pub all_links: bool,
    /// Imports stop at the mapping step when files bring labels the schema lacks
    /// (off: they are added, as before).
    #[serde(default)]
    pub map_new_labels: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            snap_to_words: true,
            list_view: Default::default(),
            all_links: false,
            map_new_labels: false,
        }
    }
}

/// FNV-1a: stable across builds and platforms, unlike `DefaultHasher`.
pub fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Session {
    pub(super) fn restore(
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
            self.schema_history = Rc::new(schema_history);
        }
        // Documents made while storage was being read stay first; stored ones follow.
        let library = Rc::make_mut(&mut self.library);
        for summary in stored {
            if library.iter().all(|s| s.id != summary.id) {
                library.push(summary);
            }
        }
        // No revision bump: storage holds the stored part already, and documents made
        // meanwhile bumped it when they were made.
        self.restored = true;
        if self.open.is_none() {
            if let Some(document) = open {
                if self.summary(document.id()).is_some() {
                    self.show(document);
                }
            }
        }
    }

    pub(super) fn add_to_library(&mut self, document: &Document, title: String, now: u64) {
        Rc::make_mut(&mut self.library).insert(0, summary_of(document, title, now));
        self.library_revision += 1;
    }

    pub(super) fn show(&mut self, document: Document) {
        self.selected = None;
        self.linking = None;
        self.open = Some(Rc::new(document));
    }

    pub(super) fn set_status(&mut self, id: &DocId, status: DocumentStatus) {
        if let Some(summary) = Rc::make_mut(&mut self.library)
            .iter_mut()
            .find(|s| &s.id == id)
        {
            summary.status = status;
            self.library_revision += 1;
        }
    }

    pub(super) fn rename(&mut self, id: &DocId, title: String, now: u64) {
        let title = title.trim();
        if title.is_empty() {
            self.notify(NoticeKind::Error, "A document needs a title.".to_owned());
            return;
        }
        let library = Rc::make_mut(&mut self.library);
        if let Some(summary) = library.iter_mut().find(|s| &s.id == id) {
            summary.title = title.to_owned();
            summary.modified_ms = now;
            self.library_revision += 1;
        }
    }

    pub(super) fn delete(&mut self, id: &DocId) {
        let Some(index) = self.library.iter().position(|s| &s.id == id) else {
            return;
        };
        let removed = Rc::make_mut(&mut self.library).remove(index);
        self.library_revision += 1;
        if self.open().map(Document::id) == Some(id) {
            self.open = None;
            self.selected = None;
            self.linking = None;
        }
        self.notify(NoticeKind::Info, format!("Deleted “{}”.", removed.title));
    }
}

/// A new document's line in the library.
pub(super) fn summary_of(document: &Document, title: String, now: u64) -> DocumentSummary {
    DocumentSummary {
        id: document.id().clone(),
        title,
        chars: document.text().len_chars(),
        annotation_count: document.annotations().len(),
        created_ms: now,
        modified_ms: now,
        text_hash: text_hash(document.text().as_str()),
        status: DocumentStatus::New,
        label_counts: label_counts(document),
        rejected_suggestions: Vec::new(),
        rejected_for: 0,
        annotator: None,
    }
}

/// How the document list is narrowed and ordered: by a phrase in titles, by
/// status, newest or oldest first, by title or by annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    pub query: String,
    pub status: Option<DocumentStatus>,
    pub order: DocumentOrder,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentOrder {
    #[default]
    Newest,
    Oldest,
    Title,
    MostAnnotations,
}

impl DocumentFilter {
    pub fn is_narrowing(&self) -> bool {
        !self.query.trim().is_empty() || self.status.is_some()
    }

    /// The indices of `documents` (newest first, as the library keeps them) to
    /// list, in order.
    pub fn arrange(&self, documents: &[DocumentSummary]) -> Vec<usize> {
        let query = self.query.trim().to_lowercase();
        let mut shown: Vec<usize> = (0..documents.len())
            .filter(|&i| self.status.is_none_or(|s| documents[i].status == s))
            .filter(|&i| query.is_empty() || documents[i].title.to_lowercase().contains(&query))
            .collect();
        match self.order {
            DocumentOrder::Newest => {}
            DocumentOrder::Oldest => shown.reverse(),
            DocumentOrder::Title => {
                shown.sort_by_cached_key(|&i| documents[i].title.to_lowercase())
            }
            DocumentOrder::MostAnnotations => {
                shown.sort_by_key(|&i| std::cmp::Reverse(documents[i].annotation_count))
            }
        }
        shown
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    fn summary(
        id: &str,
        title: &str,
        annotations: usize,
        status: DocumentStatus,
    ) -> DocumentSummary {
        DocumentSummary {
            id: DocId::new(id),
            title: title.into(),
            chars: 1,
            annotation_count: annotations,
            created_ms: 0,
            modified_ms: 0,
            text_hash: 0,
            status,
            label_counts: Vec::new(),
            rejected_suggestions: Vec::new(),
            rejected_for: 0,
            annotator: None,
        }
    }

    #[test]
    fn the_list_narrows_by_title_and_status_and_sorts() {
        let documents = [
            summary("c", "Coalition talks", 5, DocumentStatus::Done),
            summary("b", "budget vote", 9, DocumentStatus::New),
            summary("a", "Army statement on talks", 1, DocumentStatus::Done),
        ];
        let mut filter = DocumentFilter::default();
        assert_eq!(filter.arrange(&documents), [0, 1, 2]);
        filter.query = " TALKS ".into();
        assert_eq!(filter.arrange(&documents), [0, 2]);
        filter.order = DocumentOrder::Title;
        assert_eq!(filter.arrange(&documents), [2, 0]);
        filter.query.clear();
        filter.status = Some(DocumentStatus::Done);
        filter.order = DocumentOrder::Oldest;
        assert_eq!(filter.arrange(&documents), [2, 0]);
        filter.status = None;
        filter.order = DocumentOrder::MostAnnotations;
        assert_eq!(filter.arrange(&documents), [1, 0, 2]);
        assert!(!DocumentFilter::default().is_narrowing());
    }
}
