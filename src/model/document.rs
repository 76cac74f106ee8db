//! A document: its text and the spans tagged in it.
//!
//! Invariants: every annotation lies inside the text (`start < end <= len_chars`),
//! no two annotations share an id, no two share label and offsets, and
//! `annotations()` is always in document order.

use std::cmp::Reverse;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::history::{Edit, History, Step};
use super::ids::{AnnotationId, DocId, LabelId};
use super::offsets::OffsetMap;

/// Article text with its offset table, shared: cloning it copies a pointer.
#[derive(Clone, Debug)]
pub struct ArticleText(Rc<TextInner>);

#[derive(Debug)]
struct TextInner {
    text: String,
    offsets: OffsetMap,
}

impl ArticleText {
    pub fn new(text: String) -> Self {
        let offsets = OffsetMap::new(&text);
        ArticleText(Rc::new(TextInner { text, offsets }))
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    pub fn offsets(&self) -> &OffsetMap {
        &self.0.offsets
    }

    pub fn len_chars(&self) -> usize {
        self.0.offsets.len_chars()
    }

    /// The text between two code point offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let from = self.0.offsets.char_to_byte(&self.0.text, start);
        let to = self.0.offsets.char_to_byte(&self.0.text, end.max(start));
        &self.0.text[from..to]
    }

    pub fn same_allocation(&self, other: &ArticleText) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for ArticleText {
    fn eq(&self, other: &Self) -> bool {
        self.same_allocation(other) || self.0.text == other.0.text
    }
}

impl Eq for ArticleText {}

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
    fn order_key(&self) -> (usize, Reverse<usize>, &str, &str) {
        (
            self.start,
            Reverse(self.end),
            self.label.as_str(),
            self.id.as_str(),
        )
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// Why a span could not be added.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SpanError {
    /// Offsets beyond the end of the text, or start after end.
    #[error("the span {start}–{end} is outside the text, which has {len} characters")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    /// Nothing left once whitespace at the edges is trimmed.
    #[error("the selection is empty")]
    Empty,
    /// The same label on the same text exists already.
    #[error("that text is already tagged with this label")]
    Duplicate(AnnotationId),
    /// Another annotation has this id.
    #[error("two annotations have the id {0}")]
    DuplicateId(AnnotationId),
    /// No annotation has this id (an edit refers to one that is gone).
    #[error("there is no annotation {0}")]
    Missing(AnnotationId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    id: DocId,
    text: ArticleText,
    annotations: Vec<Annotation>,
    /// The number in the next generated annotation id (`a{next_seq}`).
    next_seq: u64,
    /// Bumped on every change; autosave compares it with what it last wrote.
    revision: u64,
    history: History,
}

impl Document {
    pub fn new(id: DocId, text: ArticleText) -> Self {
        Document {
            id,
            text,
            annotations: Vec::new(),
            next_seq: 1,
            revision: 0,
            history: History::default(),
        }
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn id(&self) -> &DocId {
        &self.id
    }

    pub fn text(&self) -> &ArticleText {
        &self.text
    }

    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id)
    }

    /// The tagged text of an annotation.
    pub fn text_of(&self, annotation: &Annotation) -> &str {
        self.text.slice(annotation.start, annotation.end)
    }

    pub fn find_span(&self, label: &LabelId, start: usize, end: usize) -> Option<&Annotation> {
        self.annotations
            .iter()
            .find(|a| a.start == start && a.end == end && &a.label == label)
    }

    /// Tags a selection: trims whitespace at its edges and gives it a new id.
    pub fn tag(
        &mut self,
        label: LabelId,
        start: usize,
        end: usize,
    ) -> Result<AnnotationId, SpanError> {
        self.check_range(start, end)?;
        let (start, end) = trim_whitespace(&self.text, start, end).ok_or(SpanError::Empty)?;
        if let Some(existing) = self.find_span(&label, start, end) {
            return Err(SpanError::Duplicate(existing.id.clone()));
        }
        let id = self.fresh_id();
        let annotation = Annotation {
            id: id.clone(),
            label,
            start,
            end,
        };
        self.commit(vec![Edit::Insert { annotation }])?;
        Ok(id)
    }

    /// Adds an annotation exactly as given (an import): no trimming, same id, and
    /// not an undoable step.
    pub fn insert(&mut self, annotation: Annotation) -> Result<(), SpanError> {
        self.apply(&Edit::Insert { annotation })?;
        self.revision += 1;
        Ok(())
    }

    /// Deletes an annotation as one undoable step.
    pub fn remove(&mut self, id: &AnnotationId) -> Option<Annotation> {
        let annotation = self.get(id)?.clone();
        self.commit(vec![Edit::Delete {
            annotation: annotation.clone(),
        }])
        .ok()?;
        Some(annotation)
    }

    /// Applies the edits of one user action, all or none, and records them.
    fn commit(&mut self, step: Step) -> Result<(), SpanError> {
        self.apply_all(&step)?;
        self.history.record(step);
        self.revision += 1;
        Ok(())
    }

    /// Applies edits in order; if one fails, the ones before it are reverted.
    fn apply_all(&mut self, edits: &[Edit]) -> Result<(), SpanError> {
        for (done, edit) in edits.iter().enumerate() {
            if let Err(error) = self.apply(edit) {
                for applied in edits[..done].iter().rev() {
                    self.apply(&applied.inverse())
                        .expect("the inverse of an edit just applied applies");
                }
                return Err(error);
            }
        }
        Ok(())
    }

    /// Reverts the last action. Returns its edits, or `None` if there is nothing to
    /// undo (or a saved history no longer fits the document, which is then dropped).
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.history.pop_undo()?;
        let inverse: Step = step.iter().rev().map(Edit::inverse).collect();
        if self.apply_all(&inverse).is_err() {
            self.history.clear();
            return None;
        }
        self.history.push_redo(step.clone());
        self.revision += 1;
        Some(step)
    }

    /// Applies the last undone action again.
    pub fn redo(&mut self) -> Option<Step> {
        let step = self.history.pop_redo()?;
        if self.apply_all(&step).is_err() {
            self.history.clear();
            return None;
        }
        self.history.push_undo(step.clone());
        self.revision += 1;
        Some(step)
    }

    /// One edit, checked against the invariants; no history, no revision.
    fn apply(&mut self, edit: &Edit) -> Result<(), SpanError> {
        match edit {
            Edit::Insert { annotation } => self.insert_checked(annotation.clone()),
            Edit::Delete { annotation } => {
                let index = self
                    .annotations
                    .iter()
                    .position(|a| a == annotation)
                    .ok_or_else(|| SpanError::Missing(annotation.id.clone()))?;
                self.annotations.remove(index);
                Ok(())
            }
        }
    }

    fn insert_checked(&mut self, annotation: Annotation) -> Result<(), SpanError> {
        self.check_range(annotation.start, annotation.end)?;
        if annotation.start == annotation.end {
            return Err(SpanError::Empty);
        }
        if self.get(&annotation.id).is_some() {
            return Err(SpanError::DuplicateId(annotation.id));
        }
        if let Some(existing) = self.find_span(&annotation.label, annotation.start, annotation.end)
        {
            return Err(SpanError::Duplicate(existing.id.clone()));
        }
        if let Some(seq) = generated_seq(&annotation.id) {
            self.next_seq = self.next_seq.max(seq + 1);
        }
        let key = annotation.order_key();
        let index = self
            .annotations
            .partition_point(|existing| existing.order_key() < key);
        self.annotations.insert(index, annotation);
        Ok(())
    }

    /// An id no annotation has: `a1`, `a2`, … in order of creation.
    pub fn fresh_id(&mut self) -> AnnotationId {
        loop {
            let id = AnnotationId::new(&format!("a{}", self.next_seq));
            self.next_seq += 1;
            if self.get(&id).is_none() {
                return id;
            }
        }
    }

    fn check_range(&self, start: usize, end: usize) -> Result<(), SpanError> {
        let len = self.text.len_chars();
        if start > end || end > len {
            return Err(SpanError::OutOfRange { start, end, len });
        }
        Ok(())
    }

    /// Rebuilds a document from storage. Annotations that break an invariant are
    /// returned rather than kept, so a damaged record still opens.
    pub fn restore(
        id: DocId,
        text: ArticleText,
        annotations: Vec<Annotation>,
        next_seq: u64,
        history: History,
    ) -> (Self, Vec<(Annotation, SpanError)>) {
        let mut document = Document::new(id, text);
        document.next_seq = next_seq.max(1);
        let mut rejected = Vec::new();
        for annotation in annotations {
            if let Err(error) = document.insert(annotation.clone()) {
                rejected.push((annotation, error));
            }
        }
        // A history that refers to dropped annotations would undo into nonsense.
        document.history = if rejected.is_empty() {
            history
        } else {
            History::default()
        };
        document.revision = 0;
        (document, rejected)
    }
}

/// `a17` → 17, for ids this program generated.
fn generated_seq(id: &AnnotationId) -> Option<u64> {
    id.as_str().strip_prefix('a')?.parse().ok()
}

/// Shrinks `start..end` until it neither starts nor ends with whitespace.
/// `None` if nothing but whitespace is left.
pub fn trim_whitespace(text: &ArticleText, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = text.slice(start, end);
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    let total = end - start;
    if leading == total {
        return None;
    }
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    Some((start + leading, end - trailing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::History;

    fn doc(text: &str) -> Document {
        Document::new(DocId::new("d1"), ArticleText::new(text.to_owned()))
    }

    fn label(id: &str) -> LabelId {
        LabelId::new(id)
    }

    /// The annotations as "label:text" in document order.
    fn listing(document: &Document) -> Vec<String> {
        document
            .annotations()
            .iter()
            .map(|a| format!("{}:{}", a.label, document.text_of(a)))
            .collect()
    }

    #[test]
    fn tagging_trims_whitespace_and_keeps_document_order() {
        let mut d = doc("Austin said: \"they need to stop\" today.");
        d.tag(label("quote"), 13, 33).unwrap();
        d.tag(label("source"), 0, 7).unwrap(); // "Austin " → "Austin"
        d.tag(label("claim"), 0, 39).unwrap();
        assert_eq!(
            listing(&d),
            [
                "claim:Austin said: \"they need to stop\" today.",
                "source:Austin",
                "quote:\"they need to stop\""
            ]
        );
    }

    #[test]
    fn whitespace_only_and_out_of_range_selections_are_refused() {
        let mut d = doc("a   b");
        assert_eq!(d.tag(label("claim"), 1, 4), Err(SpanError::Empty));
        assert_eq!(
            d.tag(label("claim"), 2, 9),
            Err(SpanError::OutOfRange {
                start: 2,
                end: 9,
                len: 5
            })
        );
        assert_eq!(
            d.tag(label("claim"), 3, 2).unwrap_err().to_string(),
            "the span 3–2 is outside the text, which has 5 characters"
        );
        assert!(d.annotations().is_empty());
        assert_eq!(d.revision(), 0);
    }

    #[test]
    fn same_label_and_span_twice_reports_the_existing_one() {
        let mut d = doc("one two");
        let first = d.tag(label("claim"), 0, 3).unwrap();
        assert_eq!(
            d.tag(label("claim"), 0, 4),
            Err(SpanError::Duplicate(first))
        );
        // Another label on the same text is a different annotation.
        assert!(d.tag(label("quote"), 0, 3).is_ok());
    }

    #[test]
    fn overlapping_and_nested_spans_coexist() {
        let mut d = doc("abcdefghij");
        d.tag(label("claim"), 0, 6).unwrap();
        d.tag(label("claim"), 4, 10).unwrap();
        d.tag(label("quote"), 2, 4).unwrap();
        assert_eq!(listing(&d), ["claim:abcdef", "quote:cd", "claim:efghij"]);
    }

    #[test]
    fn ids_are_stable_and_never_reused() {
        let mut d = doc("abcdef");
        let a1 = d.tag(label("claim"), 0, 1).unwrap();
        let a2 = d.tag(label("claim"), 1, 2).unwrap();
        assert_eq!((a1.as_str(), a2.as_str()), ("a1", "a2"));
        assert!(d.remove(&a2).is_some());
        assert!(d.remove(&a2).is_none());
        assert_eq!(d.tag(label("claim"), 2, 3).unwrap().as_str(), "a3");
    }

    #[test]
    fn imported_ids_are_kept_and_generated_ids_skip_past_them() {
        let mut d = doc("abcdef");
        d.insert(Annotation {
            id: AnnotationId::new("a7"),
            label: label("quote"),
            start: 0,
            end: 2,
        })
        .unwrap();
        d.insert(Annotation {
            id: AnnotationId::new("x"),
            label: label("quote"),
            start: 2,
            end: 3,
        })
        .unwrap();
        assert_eq!(
            d.insert(Annotation {
                id: AnnotationId::new("x"),
                label: label("claim"),
                start: 0,
                end: 1
            }),
            Err(SpanError::DuplicateId(AnnotationId::new("x")))
        );
        assert_eq!(d.tag(label("claim"), 3, 4).unwrap().as_str(), "a8");
    }

    #[test]
    fn offsets_count_code_points_not_bytes_or_utf16() {
        let mut d = doc("😀 «مرحبا» e\u{301}");
        let id = d.tag(label("quote"), 2, 9).unwrap();
        let quote = d.get(&id).unwrap();
        assert_eq!(d.text_of(quote), "«مرحبا»");
        assert_eq!((quote.start, quote.end), (2, 9));
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_through_actions() {
        let mut d = doc("one two three");
        d.tag(label("claim"), 0, 3).unwrap();
        d.tag(label("quote"), 4, 7).unwrap();
        let a1 = AnnotationId::new("a1");
        d.remove(&a1).unwrap();
        assert_eq!(listing(&d), ["quote:two"]);
        assert_eq!(d.undo().unwrap().len(), 1);
        assert_eq!(listing(&d), ["claim:one", "quote:two"]);
        d.undo().unwrap();
        d.undo().unwrap();
        assert!(d.annotations().is_empty());
        assert!(d.undo().is_none());
        d.redo().unwrap();
        d.redo().unwrap();
        assert_eq!(listing(&d), ["claim:one", "quote:two"]);
        // A new action forgets what could be redone.
        d.tag(label("source"), 8, 13).unwrap();
        assert!(!d.history().can_redo());
        assert!(d.redo().is_none());
        // Undo keeps ids: the annotation comes back as it was.
        d.undo().unwrap();
        d.undo().unwrap();
        d.redo().unwrap();
        assert_eq!(
            d.get(&AnnotationId::new("a2")).map(|a| (a.start, a.end)),
            Some((4, 7))
        );
    }

    #[test]
    fn every_undo_and_redo_is_a_new_revision() {
        let mut d = doc("abc");
        d.tag(label("claim"), 0, 1).unwrap();
        let revision = d.revision();
        d.undo().unwrap();
        assert!(d.revision() > revision);
        let revision = d.revision();
        d.redo().unwrap();
        assert!(d.revision() > revision);
    }

    #[test]
    fn a_saved_history_that_no_longer_fits_is_dropped_not_applied() {
        let mut d = doc("abc");
        d.tag(label("claim"), 0, 1).unwrap();
        let history = d.history().clone();
        // Restored without the annotation the history refers to.
        let (mut restored, _) = Document::restore(
            DocId::new("d1"),
            ArticleText::new("abc".into()),
            vec![],
            2,
            history,
        );
        assert!(restored.undo().is_none());
        assert!(!restored.history().can_undo());
        assert!(restored.annotations().is_empty());
    }

    #[test]
    fn restore_keeps_good_annotations_and_reports_bad_ones() {
        let good = Annotation {
            id: AnnotationId::new("a1"),
            label: label("claim"),
            start: 0,
            end: 2,
        };
        let bad = Annotation {
            id: AnnotationId::new("a2"),
            label: label("claim"),
            start: 1,
            end: 99,
        };
        let (d, rejected) = Document::restore(
            DocId::new("d"),
            ArticleText::new("abc".into()),
            vec![good, bad],
            3,
            History::default(),
        );
        assert_eq!(d.annotations().len(), 1);
        assert_eq!(rejected.len(), 1);
        assert_eq!(d.revision(), 0);
        assert_eq!(d.next_seq(), 3);
    }
}
