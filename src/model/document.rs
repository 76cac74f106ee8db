//! A document: its text and the spans tagged in it.
//!
//! Invariants: every annotation lies inside the text (`start < end <= len_chars`),
//! no two annotations share an id, no two share label and offsets, and
//! `annotations()` is always in document order.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use thiserror::Error;

pub use super::annotation::{Annotation, Details, Relation};
use super::article_meta::ArticleMeta;
use super::history::{Change, Edit, History, TextState};
use super::ids::{AnnotationId, DocId, LabelId, RelationId};
use super::offsets::OffsetMap;
use super::text_edits::{self, Original, TextEdit};

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
    /// A link from an annotation to itself, or a cue that is one of its ends.
    #[error("an annotation cannot be linked to itself")]
    SelfLink,
    /// These two annotations are linked already.
    #[error("these annotations are linked already")]
    DuplicateLink(RelationId),
    /// No link has this id, or it differs from the one an edit expects.
    #[error("there is no link {0}")]
    MissingLink(RelationId),
    /// An annotation that links or details still refer to cannot simply vanish.
    #[error("annotation {0} is still linked or described")]
    StillReferenced(AnnotationId),
    /// An annotation or its details are not what an edit expects (a stale history).
    #[error("annotation {0} has changed")]
    DetailsChanged(AnnotationId),
    /// The text is not what a text change expects (a stale history).
    #[error("the text has changed")]
    TextChanged,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    id: DocId,
    text: ArticleText,
    annotations: Vec<Annotation>,
    /// The annotations by id, so finding one costs the same in a document of
    /// 100,000 (imports and restores look up every one).
    by_id: HashMap<AnnotationId, Annotation>,
    /// The number in the next generated annotation id (`a{next_seq}`).
    next_seq: u64,
    /// Bumped on every change; autosave compares it with what it last wrote.
    revision: u64,
    history: History,
    /// In order of creation.
    relations: Vec<Relation>,
    /// The (from, to) pairs of `relations`, for the same reason as `by_id`.
    /// (Ids need no index: `relations` is sorted by id.)
    linked_pairs: HashSet<(AnnotationId, AnnotationId)>,
    next_relation_seq: u64,
    details: HashMap<AnnotationId, Details>,
    /// The text as it was loaded, once it has been cleaned up (shared: a large
    /// text is not copied when the session copies the document).
    original: Option<Rc<Original>>,
    /// Byline, date, address of the article, when known.
    meta: Option<Rc<ArticleMeta>>,
}

impl Document {
    pub fn new(id: DocId, text: ArticleText) -> Self {
        Document {
            id,
            text,
            annotations: Vec::new(),
            by_id: HashMap::new(),
            next_seq: 1,
            revision: 0,
            history: History::default(),
            relations: Vec::new(),
            linked_pairs: HashSet::new(),
            next_relation_seq: 1,
            details: HashMap::new(),
            original: None,
            meta: None,
        }
    }

    /// The text before it was cleaned up, with the edits made since.
    pub fn original(&self) -> Option<&Original> {
        self.original.as_deref()
    }

    pub fn meta(&self) -> Option<&ArticleMeta> {
        self.meta.as_deref()
    }

    /// Sets what is known of the article (not an undoable step: it comes with
    /// the text, as it was loaded).
    pub fn set_meta(&mut self, meta: Option<ArticleMeta>) {
        self.meta = meta.filter(|m| !m.is_empty()).map(Rc::new);
    }

    /// Sets the text the document was loaded with and the edits since, as a
    /// stored document or an imported file holds them. Refused unless the
    /// edits make exactly the current text.
    pub fn set_original(&mut self, original: Option<Original>) -> Result<(), String> {
        if let Some(original) = &original {
            let (text, _) = text_edits::apply(&original.text, &original.edits)
                .map_err(|e| format!("the original text's edits are wrong: {e}"))?;
            if text != self.text.as_str() {
                return Err("the original text's edits do not make the text".to_owned());
            }
        }
        self.original = original.map(Rc::new);
        Ok(())
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The links an annotation takes part in, as quote/claim, source or cue.
    pub fn relations_of<'a>(
        &'a self,
        id: &'a AnnotationId,
    ) -> impl Iterator<Item = &'a Relation> + 'a {
        self.relations.iter().filter(move |r| r.touches(id))
    }

    pub fn details_of(&self, id: &AnnotationId) -> Option<&Details> {
        self.details.get(id)
    }

    /// Every annotation's details (only annotations that have some).
    pub fn details(&self) -> &HashMap<AnnotationId, Details> {
        &self.details
    }

    /// Links `from` (a quote or claim) to its source `to`, optionally through a cue.
    pub fn link(
        &mut self,
        from: AnnotationId,
        to: AnnotationId,
        cue: Option<AnnotationId>,
    ) -> Result<RelationId, SpanError> {
        let id = self.fresh_relation_id();
        let relation = Relation {
            id: id.clone(),
            from,
            to,
            cue,
        };
        self.commit(vec![Edit::Link { relation }])?;
        Ok(id)
    }

    /// A link id no link has: `r1`, `r2`, … in order of creation.
    pub fn fresh_relation_id(&mut self) -> RelationId {
        loop {
            let id = RelationId::new(&format!("r{}", self.next_relation_seq));
            self.next_relation_seq += 1;
            if !self.has_relation(&id) {
                return id;
            }
        }
    }

    /// Whether a link has this id (binary search: links are kept in id order).
    fn has_relation(&self, id: &RelationId) -> bool {
        let key = relation_order(id);
        self.relations
            .binary_search_by(|r| relation_order(&r.id).cmp(&key))
            .is_ok()
    }

    pub fn unlink(&mut self, id: &RelationId) -> Option<Relation> {
        let relation = self.relations.iter().find(|r| &r.id == id)?.clone();
        self.commit(vec![Edit::Unlink {
            relation: relation.clone(),
        }])
        .ok()?;
        Some(relation)
    }

    /// Replaces an annotation's details as one undoable step.
    pub fn set_details(&mut self, id: &AnnotationId, details: Details) -> Result<(), SpanError> {
        let from = self.details.get(id).cloned().unwrap_or_default();
        if from == details {
            return Ok(());
        }
        self.commit(vec![Edit::SetDetails {
            id: id.clone(),
            from,
            to: details,
        }])
    }

    /// Adds a link exactly as given (an import); not an undoable step.
    pub fn insert_relation(&mut self, relation: Relation) -> Result<(), SpanError> {
        self.apply(&Edit::Link { relation })?;
        self.revision += 1;
        Ok(())
    }

    /// Sets details exactly as given (an import); not an undoable step.
    pub fn insert_details(&mut self, id: &AnnotationId, details: Details) -> Result<(), SpanError> {
        let from = self.details.get(id).cloned().unwrap_or_default();
        self.apply(&Edit::SetDetails {
            id: id.clone(),
            from,
            to: details,
        })?;
        self.revision += 1;
        Ok(())
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

    /// Makes a document that replaces a stored one as a whole (a team
    /// member's new version) differ by revision from it: autosave writes
    /// by revision, and `stamp` (the time) is past any the old one had.
    pub fn mark_replaced(&mut self, stamp: u64) {
        self.revision = self.revision.max(stamp);
    }

    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.by_id.get(id)
    }

    /// Where annotation `id` stands in `annotations()` (binary search by its key).
    pub fn index_of(&self, id: &AnnotationId) -> Option<usize> {
        let key = self.by_id.get(id)?.order_key();
        let index = self.annotations.partition_point(|a| a.order_key() < key);
        (self.annotations.get(index).map(|a| &a.id) == Some(id)).then_some(index)
    }

    /// The tagged text of an annotation.
    pub fn text_of(&self, annotation: &Annotation) -> &str {
        self.text.slice(annotation.start, annotation.end)
    }

    pub fn find_span(&self, label: &LabelId, start: usize, end: usize) -> Option<&Annotation> {
        // Spans with the same offsets stand together in document order.
        let first = self
            .annotations
            .partition_point(|a| (a.start, Reverse(a.end)) < (start, Reverse(end)));
        self.annotations[first..]
            .iter()
            .take_while(|a| a.start == start && a.end == end)
            .find(|a| &a.label == label)
    }

    /// The same document under another id (an import becoming a library document).
    pub fn with_id(mut self, id: DocId) -> Self {
        self.id = id;
        self
    }

    /// The annotations linked with `id` in any role (its sources, what is
    /// attributed to it, the cues between), each once, without `id` itself.
    pub fn partners_of(&self, id: &AnnotationId) -> Vec<AnnotationId> {
        let mut partners: Vec<AnnotationId> = Vec::new();
        for relation in self.relations_of(id) {
            let ends = [
                Some(&relation.from),
                Some(&relation.to),
                relation.cue.as_ref(),
            ];
            for end in ends.into_iter().flatten() {
                if end != id && !partners.contains(end) {
                    partners.push(end.clone());
                }
            }
        }
        partners
    }

    /// Why `tag` would refuse this selection, found without changing anything.
    pub fn check_tag(&self, label: &LabelId, start: usize, end: usize) -> Result<(), SpanError> {
        self.span_to_tag(label, start, end).map(|_| ())
    }

    /// The span a selection is tagged as (whitespace trimmed), or why not.
    fn span_to_tag(
        &self,
        label: &LabelId,
        start: usize,
        end: usize,
    ) -> Result<(usize, usize), SpanError> {
        self.check_range(start, end)?;
        let (start, end) = trim_whitespace(&self.text, start, end).ok_or(SpanError::Empty)?;
        match self.find_span(label, start, end) {
            Some(existing) => Err(SpanError::Duplicate(existing.id.clone())),
            None => Ok((start, end)),
        }
    }

    /// Tags a selection: trims whitespace at its edges and gives it a new id.
    pub fn tag(
        &mut self,
        label: LabelId,
        start: usize,
        end: usize,
    ) -> Result<AnnotationId, SpanError> {
        let (start, end) = self.span_to_tag(&label, start, end)?;
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

    /// The text and everything anchored in it, as a history step keeps it.
    fn text_state(&self) -> TextState {
        let mut details: Vec<(AnnotationId, Details)> = self
            .details
            .iter()
            .map(|(id, d)| (id.clone(), d.clone()))
            .collect();
        details.sort_by(|a, b| a.0.cmp(&b.0));
        TextState {
            text: self.text.as_str().to_owned(),
            annotations: self.annotations.clone(),
            relations: self.relations.clone(),
            details,
            original: self.original.clone(),
        }
    }

    /// Puts a whole state in place (its parts were valid together when taken).
    fn set_text_state(&mut self, state: &TextState) {
        self.text = ArticleText::new(state.text.clone());
        self.annotations = state.annotations.clone();
        self.by_id = self
            .annotations
            .iter()
            .map(|a| (a.id.clone(), a.clone()))
            .collect();
        self.relations = state.relations.clone();
        self.linked_pairs = self
            .relations
            .iter()
            .map(|r| (r.from.clone(), r.to.clone()))
            .collect();
        self.details = state.details.iter().cloned().collect();
        self.original = state.original.clone();
    }

    /// Makes `edits` (code points of the current text, in order, apart) as one
    /// undoable step, carrying every annotation across: an edge inside a
    /// replaced range moves to where the kept text resumes, an annotation wholly
    /// inside removed text goes. Links whose ends are gone go too (a cue that is
    /// gone leaves its link without it); details follow their annotations. The
    /// text as loaded and every edit since are kept (`original`). Returns the
    /// annotations that did not come along.
    pub fn edit_text(&mut self, edits: &[TextEdit]) -> Result<Vec<Annotation>, SpanError> {
        let old = self.text.as_str();
        let (text, map) = text_edits::apply(old, edits).map_err(|_| SpanError::TextChanged)?;
        let original = match self.original.as_deref() {
            None => Original {
                text: old.to_owned(),
                edits: edits.to_vec(),
            },
            Some(first) => Original {
                text: first.text.clone(),
                edits: text_edits::compose(first.text.chars().count(), &first.edits, edits),
            },
        };
        let carry = |start, end| match map.span(start, end) {
            text_edits::Moved::To(start, end) => Some((start, end)),
            text_edits::Moved::Removed => None,
        };
        self.replace_text(text, Some(Rc::new(original)), carry)
    }

    fn replace_text(
        &mut self,
        text: String,
        original: Option<Rc<Original>>,
        carry: impl Fn(usize, usize) -> Option<(usize, usize)>,
    ) -> Result<Vec<Annotation>, SpanError> {
        let before = self.text_state();
        let len = text.chars().count();
        let mut kept: Vec<Annotation> = Vec::new();
        let mut dropped = Vec::new();
        let mut spans: HashSet<(LabelId, usize, usize)> = HashSet::new();
        for annotation in &self.annotations {
            match carry(annotation.start, annotation.end) {
                Some((start, end))
                    if start < end
                        && end <= len
                        && spans.insert((annotation.label.clone(), start, end)) =>
                {
                    kept.push(Annotation {
                        start,
                        end,
                        ..annotation.clone()
                    })
                }
                _ => dropped.push(annotation.clone()),
            }
        }
        kept.sort_by(|a, b| a.document_order(b));
        let alive: HashSet<&AnnotationId> = kept.iter().map(|a| &a.id).collect();
        let relations = self
            .relations
            .iter()
            .filter(|r| alive.contains(&r.from) && alive.contains(&r.to))
            .map(|r| Relation {
                cue: r.cue.clone().filter(|c| alive.contains(c)),
                ..r.clone()
            })
            .collect();
        let details = before
            .details
            .iter()
            .filter(|(id, _)| alive.contains(id))
            .cloned()
            .collect();
        let after = TextState {
            text,
            annotations: kept,
            relations,
            details,
            original,
        };
        self.commit(vec![Edit::Retext {
            before: Box::new(before),
            after: Box::new(after),
        }])?;
        Ok(dropped)
    }

    /// Adds the annotations of `other` (a document on the same text), with their
    /// details and links, as one undoable step. Those already here (same label
    /// and span) are not added again; links join whichever copy is here, and
    /// a link here without a cue gains the one `other` gives it.
    /// Returns (annotations added, links added or given a cue).
    pub fn add_from(&mut self, other: &Document) -> Result<(usize, usize), SpanError> {
        let mut edits = Vec::new();
        let mut ids: HashMap<&AnnotationId, AnnotationId> = HashMap::new();
        let mut added = 0;
        for annotation in other.annotations() {
            if let Some(existing) =
                self.find_span(&annotation.label, annotation.start, annotation.end)
            {
                ids.insert(&annotation.id, existing.id.clone());
                continue;
            }
            let id = self.fresh_id();
            edits.push(Edit::Insert {
                annotation: Annotation {
                    id: id.clone(),
                    ..annotation.clone()
                },
            });
            if let Some(details) = other.details_of(&annotation.id) {
                edits.push(Edit::SetDetails {
                    id: id.clone(),
                    from: Details::default(),
                    to: details.clone(),
                });
            }
            ids.insert(&annotation.id, id);
            added += 1;
        }
        let mut pairs: HashSet<(AnnotationId, AnnotationId)> = HashSet::new();
        let mut links = 0;
        for relation in other.relations() {
            let (Some(from), Some(to)) = (ids.get(&relation.from), ids.get(&relation.to)) else {
                continue;
            };
            let pair = (from.clone(), to.clone());
            if self.linked_pairs.contains(&pair) {
                // Linked already: a cue it lacks is added.
                let cue = relation.cue.as_ref().and_then(|c| ids.get(c)).cloned();
                let here = self
                    .relations
                    .iter()
                    .find(|r| &r.from == from && &r.to == to && r.cue.is_none());
                if let (Some(cue), Some(here)) = (cue, here) {
                    edits.push(Edit::Unlink {
                        relation: here.clone(),
                    });
                    edits.push(Edit::Link {
                        relation: Relation {
                            cue: Some(cue),
                            ..here.clone()
                        },
                    });
                    links += 1;
                }
                continue;
            }
            if !pairs.insert(pair) {
                continue;
            }
            let relation = Relation {
                id: self.fresh_relation_id(),
                from: from.clone(),
                to: to.clone(),
                cue: relation.cue.as_ref().and_then(|c| ids.get(c)).cloned(),
            };
            edits.push(Edit::Link { relation });
            links += 1;
        }
        if !edits.is_empty() {
            self.commit(edits)?;
        }
        Ok((added, links))
    }

    /// Adds an annotation exactly as given (an import): no trimming, same id, and
    /// not an undoable step.
    pub fn insert(&mut self, annotation: Annotation) -> Result<(), SpanError> {
        self.apply(&Edit::Insert { annotation })?;
        self.revision += 1;
        Ok(())
    }

    /// Deletes an annotation as one undoable step, with the links it ends (a link
    /// through it as cue stays, without the cue) and its details. Returns it and the
    /// number of links removed.
    pub fn remove(&mut self, id: &AnnotationId) -> Option<(Annotation, usize)> {
        let annotation = self.get(id)?.clone();
        let mut step = Vec::new();
        let mut removed_links = 0;
        for relation in self.relations.iter().filter(|r| r.touches(id)) {
            step.push(Edit::Unlink {
                relation: relation.clone(),
            });
            if &relation.from == id || &relation.to == id {
                removed_links += 1;
            } else {
                let without_cue = Relation {
                    cue: None,
                    ..relation.clone()
                };
                step.push(Edit::Link {
                    relation: without_cue,
                });
            }
        }
        if let Some(details) = self.details.get(id) {
            step.push(Edit::SetDetails {
                id: id.clone(),
                from: details.clone(),
                to: Details::default(),
            });
        }
        step.push(Edit::Delete {
            annotation: annotation.clone(),
        });
        self.commit(step).ok()?;
        Some((annotation, removed_links))
    }

    /// Applies the edits of one user action, all or none, and records them.
    pub(crate) fn commit(&mut self, step: Change) -> Result<(), SpanError> {
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
    pub fn undo(&mut self) -> Option<Rc<Change>> {
        let step = self.history.pop_undo()?;
        let inverse: Change = step.iter().rev().map(Edit::inverse).collect();
        if self.apply_all(&inverse).is_err() {
            self.history.clear();
            return None;
        }
        self.history.push_redo(step.clone());
        self.revision += 1;
        Some(step)
    }

    /// Applies the last undone action again.
    pub fn redo(&mut self) -> Option<Rc<Change>> {
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
                    .index_of(&annotation.id)
                    .filter(|&i| self.annotations[i] == *annotation)
                    .ok_or_else(|| SpanError::Missing(annotation.id.clone()))?;
                let id = &annotation.id;
                if self.relations.iter().any(|r| r.touches(id)) || self.details.contains_key(id) {
                    return Err(SpanError::StillReferenced(id.clone()));
                }
                self.annotations.remove(index);
                self.by_id.remove(id);
                Ok(())
            }
            Edit::Relabel { id, from, to } => self.modify(id, |a| {
                (&a.label == from).then(|| Annotation {
                    label: to.clone(),
                    ..a.clone()
                })
            }),
            Edit::Resize { id, from, to } => self.modify(id, |a| {
                ((a.start, a.end) == *from).then(|| Annotation {
                    start: to.0,
                    end: to.1,
                    ..a.clone()
                })
            }),
            Edit::Link { relation } => self.link_checked(relation.clone()),
            Edit::Unlink { relation } => {
                let key = relation_order(&relation.id);
                let index = self
                    .relations
                    .partition_point(|r| relation_order(&r.id) < key);
                if self.relations.get(index) != Some(relation) {
                    return Err(SpanError::MissingLink(relation.id.clone()));
                }
                self.relations.remove(index);
                self.linked_pairs
                    .remove(&(relation.from.clone(), relation.to.clone()));
                Ok(())
            }
            Edit::Retext { before, after } => {
                if self.text_state() != **before {
                    return Err(SpanError::TextChanged);
                }
                self.set_text_state(after);
                Ok(())
            }
            Edit::SetDetails { id, from, to } => {
                if self.get(id).is_none() {
                    return Err(SpanError::Missing(id.clone()));
                }
                if self.details.get(id).cloned().unwrap_or_default() != *from {
                    return Err(SpanError::DetailsChanged(id.clone()));
                }
                if to.is_empty() {
                    self.details.remove(id);
                } else {
                    self.details.insert(id.clone(), to.clone());
                }
                Ok(())
            }
        }
    }

    /// Replaces annotation `id` by `change(current)`; `None` from `change` means the
    /// annotation is not as the edit expects. The result must keep the invariants.
    fn modify(
        &mut self,
        id: &AnnotationId,
        change: impl FnOnce(&Annotation) -> Option<Annotation>,
    ) -> Result<(), SpanError> {
        let index = self
            .index_of(id)
            .ok_or_else(|| SpanError::Missing(id.clone()))?;
        let changed = change(&self.annotations[index])
            .ok_or_else(|| SpanError::DetailsChanged(id.clone()))?;
        let old = self.annotations.remove(index);
        self.by_id.remove(id);
        if let Err(error) = self.insert_checked(changed) {
            // It was valid a moment ago, so it fits back where it was.
            self.by_id.insert(old.id.clone(), old.clone());
            self.annotations.insert(index, old);
            return Err(error);
        }
        Ok(())
    }

    /// Gives an annotation another label, as one undoable step.
    pub fn relabel(&mut self, id: &AnnotationId, label: LabelId) -> Result<(), SpanError> {
        let from = self
            .get(id)
            .ok_or_else(|| SpanError::Missing(id.clone()))?
            .label
            .clone();
        if from == label {
            return Ok(());
        }
        self.commit(vec![Edit::Relabel {
            id: id.clone(),
            from,
            to: label,
        }])
    }

    /// Moves an annotation's edges, as one undoable step.
    pub fn resize(&mut self, id: &AnnotationId, start: usize, end: usize) -> Result<(), SpanError> {
        let current = self.get(id).ok_or_else(|| SpanError::Missing(id.clone()))?;
        let from = (current.start, current.end);
        if start >= end {
            return Err(SpanError::Empty);
        }
        if from == (start, end) {
            return Ok(());
        }
        self.commit(vec![Edit::Resize {
            id: id.clone(),
            from,
            to: (start, end),
        }])
    }

    fn link_checked(&mut self, relation: Relation) -> Result<(), SpanError> {
        let ends = [
            Some(&relation.from),
            Some(&relation.to),
            relation.cue.as_ref(),
        ];
        for end in ends.into_iter().flatten() {
            if self.get(end).is_none() {
                return Err(SpanError::Missing(end.clone()));
            }
        }
        let cue_is_an_end = relation
            .cue
            .as_ref()
            .is_some_and(|c| c == &relation.from || c == &relation.to);
        if relation.from == relation.to || cue_is_an_end {
            return Err(SpanError::SelfLink);
        }
        let pair = (relation.from.clone(), relation.to.clone());
        if self.has_relation(&relation.id) || self.linked_pairs.contains(&pair) {
            let existing = self
                .relations
                .iter()
                .find(|r| r.id == relation.id || (r.from == relation.from && r.to == relation.to))
                .map_or_else(|| relation.id.clone(), |r| r.id.clone());
            return Err(SpanError::DuplicateLink(existing));
        }
        if let Some(seq) = generated_seq(relation.id.as_str(), 'r') {
            self.next_relation_seq = self.next_relation_seq.max(seq + 1);
        }
        // Kept in id order (creation order for generated ids), so an undone deletion
        // puts a link back where it was and exports stay stable.
        let key = relation_order(&relation.id);
        let index = self
            .relations
            .partition_point(|r| relation_order(&r.id) < key);
        self.linked_pairs.insert(pair);
        self.relations.insert(index, relation);
        Ok(())
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
        if let Some(seq) = generated_seq(annotation.id.as_str(), 'a') {
            self.next_seq = self.next_seq.max(seq + 1);
        }
        let key = annotation.order_key();
        let index = self
            .annotations
            .partition_point(|existing| existing.order_key() < key);
        self.by_id.insert(annotation.id.clone(), annotation.clone());
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

    /// Rebuilds a document from storage or a file. Annotations, links and details
    /// that break an invariant are left out and counted, so a damaged record still
    /// opens; if any were, the saved history goes too (it would undo into nonsense).
    pub fn rebuild(id: DocId, text: ArticleText, parts: Parts) -> (Self, usize) {
        let mut document = Document::new(id, text);
        document.next_seq = parts.next_seq.max(1);
        let mut dropped = 0;
        for annotation in parts.annotations {
            dropped += usize::from(document.insert(annotation).is_err());
        }
        for relation in parts.relations {
            dropped += usize::from(document.insert_relation(relation).is_err());
        }
        for (id, details) in parts.details {
            dropped += usize::from(document.insert_details(&id, details).is_err());
        }
        // A stored original that does not make this text is of no use to anyone.
        dropped += usize::from(document.set_original(parts.original).is_err());
        document.set_meta(parts.meta);
        if dropped == 0 {
            document.history = parts.history;
        }
        document.revision = 0;
        (document, dropped)
    }
}

/// A document as views hold it: shared, and equal only to the very same value,
/// so comparing a view's props costs one pointer comparison. The session makes a
/// new value for every change (`Rc::make_mut` copies what a view still holds).
#[derive(Clone, Debug)]
pub struct SharedDocument(pub Rc<Document>);

impl PartialEq for SharedDocument {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedDocument {
    type Target = Document;

    fn deref(&self) -> &Document {
        &self.0
    }
}

/// What a stored document is made of, besides its id and text.
#[derive(Default)]
pub struct Parts {
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    pub details: HashMap<AnnotationId, Details>,
    /// The number in the next generated annotation id.
    pub next_seq: u64,
    pub history: History,
    pub original: Option<Original>,
    pub meta: Option<ArticleMeta>,
}

/// Order of links: `r2` before `r10`; other ids after generated ones, by text.
fn relation_order(id: &RelationId) -> (u64, &str) {
    (
        generated_seq(id.as_str(), 'r').unwrap_or(u64::MAX),
        id.as_str(),
    )
}

/// `a17` with prefix `a` → 17: the number in an id this program generated.
fn generated_seq(id: &str, prefix: char) -> Option<u64> {
    id.strip_prefix(prefix)?.parse().ok()
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
    fn replacing_the_text_carries_annotations_and_undo_brings_all_back() {
        let mut d = doc("Austin said\nno. Site footer");
        let quote = d.tag(label("quote"), 7, 14).unwrap(); // "said\nno"
        let source = d.tag(label("source"), 0, 6).unwrap(); // "Austin"
        let footer = d.tag(label("claim"), 16, 27).unwrap(); // "Site footer"
        d.link(quote.clone(), source.clone(), None).unwrap();
        let details = Details {
            note: "kept".into(),
            ..Details::default()
        };
        d.set_details(&quote, details).unwrap();
        // Joined line, footer removed: "Austin said no."
        let edits = [
            TextEdit {
                start: 11,
                end: 12,
                replacement: " ".into(),
            },
            TextEdit {
                start: 15,
                end: 27,
                replacement: String::new(),
            },
        ];
        let dropped = d.edit_text(&edits).unwrap();
        let original = d.original().unwrap();
        assert_eq!(original.text, "Austin said\nno. Site footer");
        assert_eq!(original.edits, edits);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].id, footer);
        assert_eq!(d.text().as_str(), "Austin said no.");
        assert_eq!(d.text_of(d.get(&quote).unwrap()), "said no");
        assert_eq!(d.relations().len(), 1);
        assert_eq!(d.details_of(&quote).unwrap().note, "kept");
        // One step back: the old text, all three annotations, the link.
        d.undo().unwrap();
        assert_eq!(d.text().as_str(), "Austin said\nno. Site footer");
        assert_eq!(d.annotations().len(), 3);
        assert!(d.original().is_none());
        // And earlier steps still undo against the text they were made on.
        d.undo().unwrap(); // the note
        d.undo().unwrap(); // the link
        assert!(d.relations().is_empty());
        d.redo().unwrap();
        d.redo().unwrap();
        d.redo().unwrap();
        assert_eq!(d.text().as_str(), "Austin said no.");
        assert_eq!(d.annotations().len(), 2);
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

    fn id(s: &str) -> AnnotationId {
        AnnotationId::new(s)
    }

    /// `quote-text -> source-text (via cue-text)` for each link.
    fn links(d: &Document) -> Vec<String> {
        let text = |id: &AnnotationId| d.text_of(d.get(id).unwrap()).to_owned();
        d.relations()
            .iter()
            .map(|r| match &r.cue {
                Some(cue) => format!("{} -> {} via {}", text(&r.from), text(&r.to), text(cue)),
                None => format!("{} -> {}", text(&r.from), text(&r.to)),
            })
            .collect()
    }

    /// "Austin said: stop." with source a1 = Austin, cue a2 = said, quote a3 = stop.
    fn attributed() -> Document {
        let mut d = doc("Austin said: stop.");
        d.tag(label("source"), 0, 6).unwrap();
        d.tag(label("cue"), 7, 11).unwrap();
        d.tag(label("quote"), 13, 17).unwrap();
        d.link(id("a3"), id("a1"), Some(id("a2"))).unwrap();
        d
    }

    #[test]
    fn links_join_a_quote_to_its_source_through_a_cue() {
        let mut d = attributed();
        assert_eq!(links(&d), ["stop -> Austin via said"]);
        assert_eq!(d.relations_of(&id("a1")).count(), 1);
        assert_eq!(
            d.link(id("a3"), id("a1"), None),
            Err(SpanError::DuplicateLink(RelationId::new("r1")))
        );
        assert_eq!(d.link(id("a3"), id("a3"), None), Err(SpanError::SelfLink));
        assert_eq!(
            d.link(id("a3"), id("a2"), Some(id("a3"))),
            Err(SpanError::SelfLink)
        );
        assert_eq!(
            d.link(id("a3"), id("a9"), None),
            Err(SpanError::Missing(id("a9")))
        );
        // A failed link is not an undoable step.
        d.undo().unwrap();
        assert!(d.relations().is_empty());
    }

    #[test]
    fn deleting_a_source_removes_its_links_and_undo_restores_them() {
        let mut d = attributed();
        let (removed, links_removed) = d.remove(&id("a1")).unwrap();
        assert_eq!((removed.label.as_str(), links_removed), ("source", 1));
        assert!(d.relations().is_empty());
        d.undo().unwrap();
        assert_eq!(links(&d), ["stop -> Austin via said"]);
        d.redo().unwrap();
        assert!(d.relations().is_empty());
    }

    #[test]
    fn links_stay_in_creation_order_through_undo() {
        let mut d = attributed();
        d.tag(label("claim"), 13, 18).unwrap(); // a4
        d.link(id("a4"), id("a1"), None).unwrap(); // r2
        d.remove(&id("a3")).unwrap(); // takes r1
        d.undo().unwrap();
        let order: Vec<_> = d.relations().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, ["r1", "r2"]);
    }

    #[test]
    fn deleting_a_cue_keeps_the_link_without_it() {
        let mut d = attributed();
        let (_, links_removed) = d.remove(&id("a2")).unwrap();
        assert_eq!(links_removed, 0);
        assert_eq!(links(&d), ["stop -> Austin"]);
        d.undo().unwrap();
        assert_eq!(links(&d), ["stop -> Austin via said"]);
    }

    #[test]
    fn details_are_undoable_and_deleted_with_their_annotation() {
        let mut d = attributed();
        let mut details = Details::default();
        details.attributes.insert("kind".into(), "direct".into());
        details.note = "verify the translation".into();
        d.set_details(&id("a3"), details.clone()).unwrap();
        // Setting the same details again is no step at all.
        d.set_details(&id("a3"), details.clone()).unwrap();
        d.remove(&id("a3")).unwrap();
        assert!(d.details_of(&id("a3")).is_none());
        d.undo().unwrap();
        assert_eq!(d.details_of(&id("a3")), Some(&details));
        assert_eq!(links(&d), ["stop -> Austin via said"]);
        d.undo().unwrap();
        assert!(d.details_of(&id("a3")).is_none());
    }

    #[test]
    fn links_and_details_survive_relabel_and_resize_and_their_undo() {
        let mut d = attributed();
        d.set_details(
            &id("a3"),
            Details {
                note: "n".into(),
                ..Details::default()
            },
        )
        .unwrap();
        d.relabel(&id("a3"), label("claim")).unwrap();
        d.resize(&id("a3"), 13, 18).unwrap();
        assert_eq!(
            d.get(&id("a3")).map(|a| (a.label.as_str(), d.text_of(a))),
            Some(("claim", "stop."))
        );
        assert_eq!(links(&d), ["stop. -> Austin via said"]);
        assert_eq!(d.details_of(&id("a3")).unwrap().note, "n");
        d.undo().unwrap();
        d.undo().unwrap();
        assert_eq!(
            d.get(&id("a3")).map(|a| (a.label.as_str(), a.start, a.end)),
            Some(("quote", 13, 17))
        );
        assert_eq!(links(&d), ["stop -> Austin via said"]);
        d.redo().unwrap();
        assert_eq!(d.get(&id("a3")).unwrap().label.as_str(), "claim");
    }

    #[test]
    fn relabel_and_resize_keep_the_invariants() {
        let mut d = doc("one two");
        d.tag(label("claim"), 0, 3).unwrap();
        d.tag(label("quote"), 0, 3).unwrap();
        // Two quotes on the same text would be a duplicate.
        assert_eq!(
            d.relabel(&id("a1"), label("quote")),
            Err(SpanError::Duplicate(id("a2")))
        );
        assert_eq!(
            d.resize(&id("a1"), 2, 9),
            Err(SpanError::OutOfRange {
                start: 2,
                end: 9,
                len: 7
            })
        );
        assert_eq!(d.resize(&id("a1"), 3, 3), Err(SpanError::Empty));
        assert_eq!(d.get(&id("a1")).map(|a| (a.start, a.end)), Some((0, 3)));
        // Resizing re-sorts: a1 now starts after a2.
        d.resize(&id("a1"), 4, 7).unwrap();
        let order: Vec<_> = d.annotations().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(order, ["a2", "a1"]);
        // Failed edits are not steps.
        d.undo().unwrap();
        assert_eq!(d.get(&id("a1")).map(|a| (a.start, a.end)), Some((0, 3)));
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
        let parts = Parts {
            next_seq: 2,
            history,
            ..Parts::default()
        };
        let (mut restored, _) =
            Document::rebuild(DocId::new("d1"), ArticleText::new("abc".into()), parts);
        assert!(restored.undo().is_none());
        assert!(!restored.history().can_undo());
        assert!(restored.annotations().is_empty());
    }

    #[test]
    fn rebuild_keeps_good_annotations_and_counts_bad_ones() {
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
        let parts = Parts {
            annotations: vec![good, bad],
            next_seq: 3,
            ..Parts::default()
        };
        let (d, dropped) =
            Document::rebuild(DocId::new("d"), ArticleText::new("abc".into()), parts);
        assert_eq!(d.annotations().len(), 1);
        assert_eq!(dropped, 1);
        assert_eq!(d.revision(), 0);
        assert_eq!(d.next_seq(), 3);
    }
}
