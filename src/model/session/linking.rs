//! Linking a quote or claim to its source, optionally through a cue: by steps
//! (start, pick a cue, pick the source) or at once.

use crate::model::document::SpanError;
use crate::model::ids::AnnotationId;
use crate::model::labels::{is_attributable, CUE_LABEL};

use super::action::NoticeKind;
use super::Session;

/// A link being made: from a quote or claim, perhaps through a cue, to a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linking {
    pub from: AnnotationId,
    pub cue: Option<AnnotationId>,
}

impl Session {
    /// Starts a link from the selected annotation, if it is one that can be
    /// attributed (a quote or claim, not a source or cue).
    pub(super) fn start_linking(&mut self) {
        let Some(from) = self.selected.clone() else {
            return;
        };
        let label = self
            .open()
            .and_then(|d| d.get(&from))
            .map(|a| a.label.clone());
        match label {
            Some(label) if is_attributable(label.as_str()) => {
                self.linking = Some(Linking { from, cue: None });
            }
            Some(label) => {
                let name = self.schema.name_of(&label).to_lowercase();
                self.notify(
                    NoticeKind::Info,
                    format!(
                        "A {name} is not linked to a source: select a quote or claim to link it."
                    ),
                );
            }
            None => {}
        }
    }

    pub(super) fn cancel_linking(&mut self) {
        if let Some(linking) = self.linking.take() {
            self.selected = Some(linking.from);
        }
    }

    /// What choosing `target` means: while linking, it is the link's cue or
    /// source; otherwise it is selected.
    pub(super) fn pick(&mut self, target: Option<AnnotationId>, now: u64) {
        match (target, self.linking.is_some()) {
            (Some(target), true) => self.link_to(target, now),
            // Clicking beside the highlights while linking keeps the link going.
            (None, true) => {}
            (target, false) => self.selected = target,
        }
    }

    pub(super) fn link_to(&mut self, target: AnnotationId, now: u64) {
        let (Some(linking), Some(document)) = (&self.linking, self.open()) else {
            return;
        };
        let Some(annotation) = document.get(&target) else {
            return;
        };
        if target == linking.from {
            return;
        }
        if annotation.label.as_str() == CUE_LABEL && linking.cue.is_none() {
            if let Some(linking) = &mut self.linking {
                linking.cue = Some(target);
            }
            return;
        }
        let Some(Linking { from, cue }) = self.linking.take() else {
            return;
        };
        self.selected = Some(from.clone());
        self.link(from, target, cue, now);
    }

    pub(super) fn link(
        &mut self,
        from: AnnotationId,
        to: AnnotationId,
        cue: Option<AnnotationId>,
        now: u64,
    ) {
        let source = self.spoken(&to);
        let Some(document) = self.open_mut() else {
            return;
        };
        match document.link(from, to, cue) {
            Ok(_) => {
                if let Some(source) = source {
                    self.announce(format!("Linked to {source}."));
                }
                self.touch_open(now)
            }
            Err(SpanError::DuplicateLink(_)) => {
                self.notify(NoticeKind::Info, "These are linked already.".to_owned())
            }
            Err(error) => self.notify(NoticeKind::Error, format!("Could not link: {error}.")),
        }
    }
}
