//! Suggestions as a layer over the open document (issue 13): what the
//! suggester found, minus what the user has already tagged or rejected. They
//! stay out of the document (and its exports) until accepted; accepting one
//! makes it an ordinary annotation, with its links, in one undoable step.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::annotation::{Annotation, Details, Relation};
use crate::model::document::{ArticleText, Document, SpanError};
use crate::model::ids::{AnnotationId, DocId, LabelId, RelationId};
use crate::model::suggest::{Suggested, Suggestions};

/// A suggestion the user turned down: it does not come back for the text it
/// was made for (the document's summary keeps these).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub label: String,
    pub start: usize,
    pub end: usize,
}

/// What the suggester found for one text of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestionLayer {
    doc: DocId,
    /// The text it was found in: when the text changes (clean-up) the layer no
    /// longer applies.
    text: ArticleText,
    /// `text_hash` of that text, to tell whose rejections these are.
    pub text_hash: u64,
    found: Rc<Suggestions>,
    /// The suggestion the user is looking at (an index into `found.spans`).
    selected: Option<usize>,
}

/// Where a suggested span stands against the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Shown, waiting for the user.
    Pending,
    /// The document has it already (an annotation of the same label overlaps).
    Tagged(AnnotationId),
    /// Turned down, or only there for a quote that was.
    Gone,
}

impl SuggestionLayer {
    pub fn new(document: &Document, text_hash: u64, found: Rc<Suggestions>) -> Self {
        SuggestionLayer {
            doc: document.id().clone(),
            text: document.text().clone(),
            text_hash,
            found,
            selected: None,
        }
    }

    /// Whether the layer belongs to this document as it is now.
    pub fn applies_to(&self, document: &Document) -> bool {
        document.id() == &self.doc && document.text().same_allocation(&self.text)
    }

    pub fn found(&self) -> &Suggestions {
        &self.found
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn select(&mut self, index: Option<usize>) {
        self.selected = index.filter(|&i| i < self.found.spans.len());
    }

    /// Each suggested span's standing, by index.
    pub fn standings(&self, document: &Document, rejected: &[Rejected]) -> Vec<Standing> {
        let spans = &self.found.spans;
        let is_rejected = |s: &Suggested| {
            rejected
                .iter()
                .any(|r| r.label == s.label && r.start == s.start && r.end == s.end)
        };
        let tagged = Tagged::new(document);
        let mut standings: Vec<Standing> = spans
            .iter()
            .map(|s| match tagged.over(s) {
                Some(id) => Standing::Tagged(id),
                None if is_rejected(s) => Standing::Gone,
                None => Standing::Pending,
            })
            .collect();
        // A source or cue is only worth showing for a quote still in play.
        let mut wanted = vec![false; spans.len()];
        for link in &self.found.links {
            if standings[link.content] != Standing::Gone {
                wanted[link.source] = true;
                if let Some(cue) = link.cue {
                    wanted[cue] = true;
                }
            }
        }
        for (i, span) in spans.iter().enumerate() {
            if span.label != "quote" && !wanted[i] && standings[i] == Standing::Pending {
                standings[i] = Standing::Gone;
            }
        }
        standings
    }

    /// The pending suggestions, in text order.
    pub fn pending(&self, document: &Document, rejected: &[Rejected]) -> Vec<usize> {
        let standings = self.standings(document, rejected);
        let mut pending: Vec<usize> = (0..standings.len())
            .filter(|&i| standings[i] == Standing::Pending)
            .collect();
        let spans = &self.found.spans;
        pending.sort_by_key(|&i| (spans[i].start, std::cmp::Reverse(spans[i].end)));
        pending
    }

    /// The suggestions one attribution joins: a link's content, source and cue,
    /// for the first link that `index` is part of (or `index` alone).
    pub fn attribution_of(&self, index: usize) -> Vec<usize> {
        match self.link_of(index) {
            Some(link) => [Some(link.content), Some(link.source), link.cue]
                .into_iter()
                .flatten()
                .collect(),
            None => vec![index],
        }
    }

    /// The link (content, source, cue) that `index` belongs to, for describing it.
    pub fn link_of(&self, index: usize) -> Option<&crate::model::suggest::SuggestedLink> {
        self.found
            .links
            .iter()
            .find(|l| l.content == index || l.source == index || l.cue == Some(index))
    }

    /// Adds the suggestions `accept` (those still pending) to `document` as one
    /// undoable step, with every suggested link whose ends are then both in
    /// the document (and its cue, when that is too). Returns how many
    /// annotations and links were added.
    pub fn accept(
        &self,
        document: &mut Document,
        rejected: &[Rejected],
        accept: &[usize],
    ) -> Result<(usize, usize), SpanError> {
        let standings = self.standings(document, rejected);
        let spans = &self.found.spans;
        // A copy of the text holding what is accepted and the annotations the
        // links reach; `add_from` adds what is new and joins what is there.
        let mut draft = Document::new(document.id().clone(), document.text().clone());
        let mut ids: Vec<Option<AnnotationId>> = vec![None; spans.len()];
        for (index, standing) in standings.iter().enumerate() {
            if let Standing::Tagged(id) = standing {
                let Some(existing) = document.get(id) else {
                    continue;
                };
                if draft.get(id).is_none() {
                    draft.insert(existing.clone())?;
                }
                ids[index] = Some(id.clone());
            }
        }
        for &index in accept {
            if standings.get(index) != Some(&Standing::Pending) || ids[index].is_some() {
                continue;
            }
            let span = &spans[index];
            let id = AnnotationId::new(&format!("suggested{index}"));
            let annotation = Annotation {
                id: id.clone(),
                label: LabelId::new(span.label),
                start: span.start,
                end: span.end,
            };
            if draft
                .find_span(&annotation.label, span.start, span.end)
                .is_some()
            {
                continue;
            }
            draft.insert(annotation)?;
            let details = details_of(&self.found, document, index);
            if details != Details::default() {
                draft.insert_details(&id, details)?;
            }
            ids[index] = Some(id);
        }
        for (n, link) in self.found.links.iter().enumerate() {
            let (Some(from), Some(to)) = (&ids[link.content], &ids[link.source]) else {
                continue;
            };
            if from == to {
                continue;
            }
            let cue = link.cue.and_then(|c| ids[c].clone());
            let relation = Relation {
                id: RelationId::new(&format!("suggested{n}")),
                from: from.clone(),
                to: to.clone(),
                cue,
            };
            // A pair linked twice (two cues) keeps the first.
            let _ = draft.insert_relation(relation);
        }
        document.add_from(&draft)
    }
}

/// The document's annotations by label, for finding the one over a suggested
/// span in a few steps (a long article has thousands of both).
struct Tagged<'a> {
    /// Per label: annotations in document order (by start), and the largest
    /// end among the first `i` of them.
    by_label: Vec<(&'a LabelId, Vec<&'a Annotation>, Vec<usize>)>,
}

impl<'a> Tagged<'a> {
    fn new(document: &'a Document) -> Self {
        let mut by_label: Vec<(&LabelId, Vec<&Annotation>, Vec<usize>)> = Vec::new();
        for annotation in document.annotations() {
            match by_label
                .iter_mut()
                .find(|(l, _, _)| **l == annotation.label)
            {
                Some((_, list, _)) => list.push(annotation),
                None => by_label.push((&annotation.label, vec![annotation], Vec::new())),
            }
        }
        for (_, list, max_end) in &mut by_label {
            let mut most = 0;
            *max_end = list
                .iter()
                .map(|a| {
                    most = most.max(a.end);
                    most
                })
                .collect();
        }
        Tagged { by_label }
    }

    /// The annotation of the same label that overlaps this span, if any.
    fn over(&self, span: &Suggested) -> Option<AnnotationId> {
        let (_, list, max_end) = self
            .by_label
            .iter()
            .find(|(l, _, _)| l.as_str() == span.label)?;
        // Those starting before the span ends; one overlaps if any ends after it starts.
        let before = list.partition_point(|a| a.start < span.end);
        if before == 0 || max_end[before - 1] <= span.start {
            return None;
        }
        list[..before]
            .iter()
            .rev()
            .find(|a| a.end > span.start)
            .map(|a| a.id.clone())
    }
}

/// What an accepted suggestion says of itself: a quote's kind, and for a
/// pronoun or short reference the fuller mention it stands for.
fn details_of(found: &Suggestions, document: &Document, index: usize) -> Details {
    let span = &found.spans[index];
    let mut details = Details::default();
    if let Some(kind) = span.kind {
        details
            .attributes
            .insert("kind".to_owned(), kind.to_owned());
    }
    if let Some(full) = span.refers_to.and_then(|r| found.spans.get(r)) {
        let name = document.text().slice(full.start, full.end);
        let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        details.attributes.insert("name".to_owned(), name);
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::DocId;

    fn document(text: &str) -> Document {
        Document::new(DocId::new("d"), ArticleText::new(text.to_owned()))
    }

    fn layer(document: &Document) -> SuggestionLayer {
        let found = crate::model::suggest::suggest(document.text().as_str());
        SuggestionLayer::new(document, 0, Rc::new(found))
    }

    fn said(document: &Document, id: &AnnotationId) -> String {
        let a = document.get(id).unwrap();
        document.text_of(a).to_owned()
    }

    const TEXT: &str = "“We will stay,” the minister said. “We are not afraid,” he told reporters.";

    #[test]
    fn accepting_a_whole_attribution_is_one_step_with_its_link() {
        let mut doc = document(TEXT);
        let layer = layer(&doc);
        let pending = layer.pending(&doc, &[]);
        assert_eq!(pending.len(), 6, "two quotes, two sources, two cues");
        let quote = pending[0];
        let whole = layer.attribution_of(quote);
        assert_eq!(layer.accept(&mut doc, &[], &whole).unwrap(), (3, 1));
        assert_eq!(doc.history().undo_len(), 1);
        let relation = &doc.relations()[0];
        assert_eq!(said(&doc, &relation.from), "“We will stay,”");
        assert_eq!(said(&doc, &relation.to), "the minister");
        assert_eq!(said(&doc, relation.cue.as_ref().unwrap()), "said");
        assert_eq!(
            doc.details_of(&relation.from)
                .unwrap()
                .attributes
                .get("kind")
                .unwrap(),
            "direct"
        );
        // What is tagged is no longer suggested.
        assert_eq!(layer.pending(&doc, &[]).len(), 3);
    }

    #[test]
    fn accepting_one_end_then_the_other_links_them() {
        let mut doc = document(TEXT);
        let layer = layer(&doc);
        let pending = layer.pending(&doc, &[]);
        let (quote, source) = (pending[0], pending[1]);
        assert_eq!(layer.accept(&mut doc, &[], &[quote]).unwrap(), (1, 0));
        assert_eq!(layer.accept(&mut doc, &[], &[source]).unwrap(), (1, 1));
        // The cue, accepted last, joins the link that is there.
        let cue = layer.pending(&doc, &[])[0];
        assert_eq!(layer.found().spans[cue].label, "cue");
        layer.accept(&mut doc, &[], &[cue]).unwrap();
        assert!(doc.relations()[0].cue.is_some());
        assert_eq!(doc.relations().len(), 1);
    }

    #[test]
    fn a_pronoun_source_is_named_after_its_fuller_mention() {
        let mut doc = document(TEXT);
        let layer = layer(&doc);
        let all = layer.pending(&doc, &[]);
        layer.accept(&mut doc, &[], &all).unwrap();
        let he = doc
            .annotations()
            .iter()
            .find(|a| doc.text_of(a) == "he")
            .unwrap();
        assert_eq!(
            doc.details_of(&he.id)
                .unwrap()
                .attributes
                .get("name")
                .unwrap(),
            "the minister"
        );
        assert_eq!(doc.relations().len(), 2);
    }

    #[test]
    fn a_rejected_quote_takes_its_source_and_cue_along() {
        let doc = document(TEXT);
        let layer = layer(&doc);
        let quote = layer.pending(&doc, &[])[0];
        let span = &layer.found().spans[quote];
        let rejected = [Rejected {
            label: span.label.to_owned(),
            start: span.start,
            end: span.end,
        }];
        let pending = layer.pending(&doc, &rejected);
        assert_eq!(pending.len(), 3);
        assert!(!pending.contains(&quote));
    }

    #[test]
    fn a_quote_the_user_tagged_is_completed_not_duplicated() {
        let mut doc = document(TEXT);
        // The user tagged the first quote a little differently (without the comma).
        let start = 0;
        let end = "“We will stay".chars().count() + 1;
        let quote = doc.tag(LabelId::new("quote"), start, end).unwrap();
        let layer = layer(&doc);
        let pending = layer.pending(&doc, &[]);
        let labels: Vec<&str> = pending
            .iter()
            .map(|&i| layer.found().spans[i].label)
            .collect();
        assert_eq!(labels, ["source", "cue", "quote", "source", "cue"]);
        let source = pending[0];
        layer
            .accept(&mut doc, &[], &layer.attribution_of(source))
            .unwrap();
        assert_eq!(doc.relations()[0].from, quote);
        assert_eq!(
            doc.annotations()
                .iter()
                .filter(|a| a.label.as_str() == "quote")
                .count(),
            1
        );
    }
}
