//! What the user chose in the clean-up preview: which proposed changes to make
//! (each can be kept or dropped; line joins and white space go by group, there
//! are hundreds of them) and which ranges to cut by hand. It turns the choice
//! into the edits `Action::CleanUp` makes, and says beforehand which
//! annotations those would remove.

use std::ops::Range;
use std::rc::Rc;

use super::annotation::Annotation;
use super::cleanup::{ChangeKind, Proposal};
use super::text_edits::{EditMap, Moved, TextEdit};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanupPlan {
    proposals: Rc<Vec<Proposal>>,
    /// Per proposal: make it.
    chosen: Vec<bool>,
    /// Ranges cut by hand, in order, apart.
    cuts: Vec<Range<usize>>,
}

impl CleanupPlan {
    /// Every proposal chosen, nothing cut yet.
    pub fn new(proposals: Vec<Proposal>) -> CleanupPlan {
        let chosen = vec![true; proposals.len()];
        CleanupPlan {
            proposals: Rc::new(proposals),
            chosen,
            cuts: Vec::new(),
        }
    }

    pub fn proposals(&self) -> &[Proposal] {
        &self.proposals
    }

    pub fn cuts(&self) -> &[Range<usize>] {
        &self.cuts
    }

    pub fn is_chosen(&self, index: usize) -> bool {
        self.chosen.get(index).copied().unwrap_or(false)
    }

    pub fn set_chosen(&mut self, index: usize, chosen: bool) {
        if let Some(slot) = self.chosen.get_mut(index) {
            *slot = chosen;
        }
    }

    /// Keeps or drops every proposal of one kind.
    pub fn set_kind(&mut self, kind: ChangeKind, chosen: bool) {
        for (slot, proposal) in self.chosen.iter_mut().zip(self.proposals.iter()) {
            if proposal.kind == kind {
                *slot = chosen;
            }
        }
    }

    /// How many proposals of `kind` there are, and how many are chosen.
    pub fn count(&self, kind: ChangeKind) -> (usize, usize) {
        let of_kind = self.proposals.iter().zip(&self.chosen);
        of_kind
            .filter(|(p, _)| p.kind == kind)
            .fold((0, 0), |(all, on), (_, &c)| (all + 1, on + usize::from(c)))
    }

    /// Cuts `range` by hand; it merges with cuts it overlaps or touches.
    pub fn cut(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let (mut start, mut end) = (range.start, range.end);
        self.cuts.retain(|cut| {
            let apart = cut.end < start || cut.start > end;
            if !apart {
                start = start.min(cut.start);
                end = end.max(cut.end);
            }
            apart
        });
        let at = self.cuts.partition_point(|cut| cut.start < start);
        self.cuts.insert(at, start..end);
    }

    /// Takes back a cut made by hand.
    pub fn uncut(&mut self, index: usize) {
        if index < self.cuts.len() {
            self.cuts.remove(index);
        }
    }

    /// True when a proposal is overruled by a cut over it.
    pub fn is_cut(&self, proposal: &Proposal) -> bool {
        self.cuts
            .iter()
            .any(|cut| cut.start < proposal.end.max(proposal.start + 1) && proposal.start < cut.end)
    }

    /// The edits the choice makes, in order and apart: the chosen proposals,
    /// except those a cut overlaps (the cut removes their text anyway), and the
    /// cuts.
    pub fn edits(&self) -> Vec<TextEdit> {
        let mut edits: Vec<TextEdit> = self
            .proposals
            .iter()
            .zip(&self.chosen)
            .filter(|(proposal, &chosen)| chosen && !self.is_cut(proposal))
            .map(|(proposal, _)| proposal.edit())
            .chain(self.cuts.iter().map(|cut| TextEdit {
                start: cut.start,
                end: cut.end,
                replacement: String::new(),
            }))
            .collect();
        edits.sort_by_key(|e| (e.start, e.end));
        edits
    }

    /// The annotations the edits would remove: those wholly inside removed text.
    pub fn removed<'a>(&self, annotations: &'a [Annotation]) -> Vec<&'a Annotation> {
        let lengths = self
            .edits()
            .iter()
            .map(|e| (e.start, e.end, e.replacement.chars().count()))
            .collect();
        let map = EditMap::from_edits(lengths);
        annotations
            .iter()
            .filter(|a| map.span(a.start, a.end) == Moved::Removed)
            .collect()
    }
}

/// A stretch of the text as the preview marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Unchanged.
    Plain,
    /// A proposal, made (`chosen`) or not.
    Change { index: usize, chosen: bool },
    /// Cut by hand.
    Cut,
}

impl CleanupPlan {
    /// The text cut into stretches, in order, covering `0..len` (code points):
    /// what the preview marks. A cut hides the proposals under it.
    pub fn marks(&self, len: usize) -> Vec<(Range<usize>, Mark)> {
        let mut marked: Vec<(Range<usize>, Mark)> = self
            .proposals
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start < p.end && p.end <= len && !self.is_cut(p))
            .map(|(index, p)| {
                let chosen = self.is_chosen(index);
                (p.start..p.end, Mark::Change { index, chosen })
            })
            .chain(
                self.cuts
                    .iter()
                    .filter(|c| c.end <= len)
                    .map(|c| (c.clone(), Mark::Cut)),
            )
            .collect();
        marked.sort_by_key(|(range, _)| range.start);
        let mut out = Vec::with_capacity(marked.len() * 2 + 1);
        let mut at = 0;
        for (range, mark) in marked {
            if range.start < at {
                continue;
            }
            if range.start > at {
                out.push((at..range.start, Mark::Plain));
            }
            at = range.end;
            out.push((range, mark));
        }
        if at < len {
            out.push((at..len, Mark::Plain));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cleanup::{propose, Chrome};
    use crate::model::ids::{AnnotationId, LabelId};
    use crate::model::text_edits::apply;

    fn seed(name: &str) -> String {
        let path = format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn annotation(id: &str, start: usize, end: usize) -> Annotation {
        Annotation {
            id: AnnotationId::new(id),
            label: LabelId::new("claim"),
            start,
            end,
        }
    }

    #[test]
    fn dropping_a_proposal_keeps_its_text_and_cuts_remove_any_range() {
        let text = seed("004_ef4a60158f06bac0.txt");
        let proposals = propose(&text);
        let headline = proposals.headline.clone().expect("the seed has a headline");
        let mut plan = CleanupPlan::new(proposals.changes);
        let footer = plan
            .proposals()
            .iter()
            .position(|p| p.kind == ChangeKind::Chrome(Chrome::Footer))
            .expect("the seed has a footer");
        let footer_text: String = {
            let p = &plan.proposals()[footer];
            text.chars().skip(p.start).take(p.end - p.start).collect()
        };
        plan.set_chosen(footer, false);
        let (kept_footer, _) = apply(&text, &plan.edits()).unwrap();
        assert!(kept_footer.contains(footer_text.trim()));
        plan.set_chosen(footer, true);
        let (cleaned, _) = apply(&text, &plan.edits()).unwrap();
        assert!(!cleaned.contains(footer_text.trim()));

        // Cut the headline by hand, in two overlapping strokes that merge.
        let headline_text: String = text
            .chars()
            .skip(headline.start)
            .take(headline.len())
            .collect();
        assert!(cleaned.contains(&headline_text));
        let middle = headline.start + headline.len() / 2;
        plan.cut(headline.start..middle + 3);
        plan.cut(middle..headline.end);
        assert_eq!(plan.cuts(), std::slice::from_ref(&headline));
        let (cut, _) = apply(&text, &plan.edits()).unwrap();
        assert!(!cut.contains(&headline_text));
        assert_eq!(
            cut.chars().count() + headline.len(),
            cleaned.chars().count()
        );
        plan.uncut(0);
        assert_eq!(apply(&text, &plan.edits()).unwrap().0, cleaned);
    }

    #[test]
    fn the_plan_names_the_annotations_its_removals_would_take() {
        let text =
            "Home | News\nAustin said\nno.\nCopyright 2024 Example Corp. All rights reserved.";
        let proposals = propose(text);
        let mut plan = CleanupPlan::new(proposals.changes);
        let inside_cut = annotation("a1", 0, 4); // "Home"
        let quote = annotation("a2", 19, 26); // "said\nno"
        plan.cut(0..12);
        let annotations = [inside_cut.clone(), quote.clone()];
        let removed = plan.removed(&annotations);
        assert_eq!(removed, vec![&inside_cut]);
        plan.uncut(0);
        assert!(plan.removed(&[quote]).is_empty());
    }

    #[test]
    fn the_marks_cover_the_text_in_order_and_cuts_hide_what_they_cover() {
        let text =
            "Home | News\nAustin said\nno.\nCopyright 2024 Example Corp. All rights reserved.";
        let len = text.chars().count();
        let mut plan = CleanupPlan::new(propose(text).changes);
        plan.cut(12..18);
        let marks = plan.marks(len);
        let mut at = 0;
        for (range, _) in &marks {
            assert_eq!(range.start, at);
            assert!(range.start < range.end);
            at = range.end;
        }
        assert_eq!(at, len);
        assert!(marks.contains(&(12..18, Mark::Cut)));
        assert!(marks
            .iter()
            .any(|(_, m)| matches!(m, Mark::Change { chosen: true, .. })));
    }

    #[test]
    fn groups_switch_together() {
        let text = seed("000_20bfa71c295678a8.txt");
        let mut plan = CleanupPlan::new(propose(&text).changes);
        let (joins, _) = plan.count(ChangeKind::JoinLines);
        assert!(joins > 10, "{joins}");
        plan.set_kind(ChangeKind::JoinLines, false);
        assert_eq!(plan.count(ChangeKind::JoinLines), (joins, 0));
        let (unwrapped, _) = apply(&text, &plan.edits()).unwrap();
        assert!(unwrapped.lines().count() > 20);
    }
}
