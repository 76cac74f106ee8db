//! Which links the article draws as arcs: those of the focused annotation (the
//! selected one, or the source under the pointer), or every link on demand.
//! A link with a cue is drawn in two arcs, quote or claim → cue → source, so
//! the three are joined as the reader sees them.

use super::document::Document;
use super::ids::AnnotationId;

/// Drawing more than this many arcs at once says nothing a reader could follow
/// and costs a layout read per end: "all links" stops here.
pub const MOST_ARCS: usize = 400;

/// What an arc leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArcEnd {
    /// From the quote or claim to its cue.
    Cue,
    /// To the source (from the cue, or from the quote or claim when there is none).
    Source,
}

/// One arc, between the first highlights of two annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arc {
    pub from: AnnotationId,
    pub to: AnnotationId,
    pub end: ArcEnd,
}

/// The arcs to draw: every link when `all` (up to `MOST_ARCS`), else the links
/// `focus` takes part in; none without either.
pub fn arcs(document: &Document, focus: Option<&AnnotationId>, all: bool) -> Vec<Arc> {
    let mut arcs = Vec::new();
    for relation in document.relations() {
        if !all && !focus.is_some_and(|id| relation.touches(id)) {
            continue;
        }
        match &relation.cue {
            Some(cue) => {
                arcs.push(Arc {
                    from: relation.from.clone(),
                    to: cue.clone(),
                    end: ArcEnd::Cue,
                });
                arcs.push(Arc {
                    from: cue.clone(),
                    to: relation.to.clone(),
                    end: ArcEnd::Source,
                });
            }
            None => arcs.push(Arc {
                from: relation.from.clone(),
                to: relation.to.clone(),
                end: ArcEnd::Source,
            }),
        }
        if arcs.len() >= MOST_ARCS {
            arcs.truncate(MOST_ARCS);
            break;
        }
    }
    arcs
}

/// What a screen reader adds to the selected highlight, in words: who a quote
/// or claim is attributed to ("linked to source “Lloyd Austin” via “said”"),
/// or what a source or cue is linked with. `None` when it has no links.
pub fn describe_links(document: &Document, id: &AnnotationId) -> Option<String> {
    let quoted = |id: &AnnotationId| {
        document
            .get(id)
            .map(|a| format!("“{}”", short(document.text_of(a))))
            .unwrap_or_default()
    };
    let parts: Vec<String> = document
        .relations_of(id)
        .map(|relation| {
            let via = relation
                .cue
                .as_ref()
                .filter(|cue| *cue != id)
                .map(|cue| format!(" via {}", quoted(cue)))
                .unwrap_or_default();
            if &relation.from == id {
                format!("linked to source {}{via}", quoted(&relation.to))
            } else if &relation.to == id {
                format!("source of {}{via}", quoted(&relation.from))
            } else {
                format!(
                    "cue linking {} to {}",
                    quoted(&relation.from),
                    quoted(&relation.to)
                )
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A few words are enough to say which highlight is meant.
fn short(text: &str) -> String {
    const MOST: usize = 60;
    let flat: String = text
        .chars()
        .take(MOST)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if text.chars().nth(MOST).is_some() {
        format!("{}…", flat.trim_end())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::ArticleText;
    use crate::model::ids::{DocId, LabelId};

    struct Ids {
        source: AnnotationId,
        other_source: AnnotationId,
        cue: AnnotationId,
        quote: AnnotationId,
        claim: AnnotationId,
    }

    /// Austin said "stop" (linked through the cue); a claim linked to Austin too;
    /// officials, linked to nothing.
    fn story() -> (Document, Ids) {
        let text = "Austin said \"stop\". Talks begin, officials added.";
        let mut document = Document::new(DocId::new("d"), ArticleText::new(text.to_owned()));
        let mut tag = |label: &str, needle: &str| {
            let start = text.find(needle).unwrap();
            document
                .tag(LabelId::new(label), start, start + needle.len())
                .unwrap()
        };
        let ids = Ids {
            source: tag("source", "Austin"),
            cue: tag("cue", "said"),
            quote: tag("quote", "\"stop\""),
            claim: tag("claim", "Talks begin"),
            other_source: tag("source", "officials"),
        };
        document
            .link(ids.quote.clone(), ids.source.clone(), Some(ids.cue.clone()))
            .unwrap();
        document
            .link(ids.claim.clone(), ids.source.clone(), None)
            .unwrap();
        (document, ids)
    }

    #[test]
    fn a_selected_quote_joins_its_cue_and_source() {
        let (document, ids) = story();
        let drawn = arcs(&document, Some(&ids.quote), false);
        assert_eq!(
            drawn,
            vec![
                Arc {
                    from: ids.quote.clone(),
                    to: ids.cue.clone(),
                    end: ArcEnd::Cue
                },
                Arc {
                    from: ids.cue.clone(),
                    to: ids.source.clone(),
                    end: ArcEnd::Source
                },
            ]
        );
    }

    #[test]
    fn a_source_shows_every_link_to_it_and_nothing_else_is_drawn() {
        let (document, ids) = story();
        let drawn = arcs(&document, Some(&ids.source), false);
        assert_eq!(
            drawn.len(),
            3,
            "the cued quote (two arcs) and the claim: {drawn:?}"
        );
        assert!(drawn
            .iter()
            .any(|a| a.from == ids.claim && a.to == ids.source));
        assert!(arcs(&document, Some(&ids.other_source), false).is_empty());
        assert!(arcs(&document, None, false).is_empty());
        assert_eq!(arcs(&document, None, true).len(), 3);
    }

    #[test]
    fn links_are_described_in_words_from_each_end() {
        let (document, ids) = story();
        assert_eq!(
            describe_links(&document, &ids.quote).as_deref(),
            Some("linked to source “Austin” via “said”")
        );
        assert_eq!(
            describe_links(&document, &ids.source).as_deref(),
            Some("source of “\"stop\"” via “said”; source of “Talks begin”")
        );
        assert_eq!(
            describe_links(&document, &ids.cue).as_deref(),
            Some("cue linking “\"stop\"” to “Austin”")
        );
        assert_eq!(describe_links(&document, &ids.other_source), None);
    }
}
