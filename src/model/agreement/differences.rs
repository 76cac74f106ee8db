//! Where two versions of one document disagree (issue 14's Compare view), and
//! what curating each disagreement adds to the gold version.

use crate::model::annotation::{Annotation, Details, Relation};
use crate::model::document::{Document, SpanError};
use crate::model::ids::{AnnotationId, RelationId};

/// How two versions differ at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DifferenceKind {
    /// One version has a span the other has nothing like.
    Missing,
    /// Overlapping spans with different labels.
    Label,
    /// The same label over different extents.
    Extent,
    /// A link (content → source) one version has and the other not.
    Link,
}

impl DifferenceKind {
    pub fn describe(self) -> &'static str {
        match self {
            DifferenceKind::Missing => "missing",
            DifferenceKind::Label => "different label",
            DifferenceKind::Extent => "different extent",
            DifferenceKind::Link => "different link",
        }
    }
}

/// One disagreement: what each version has there (annotation ids of A and of
/// B; for a link, its content's id, and the link's id in `a_link`/`b_link`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub kind: DifferenceKind,
    pub a: Option<AnnotationId>,
    pub b: Option<AnnotationId>,
    pub a_link: Option<RelationId>,
    pub b_link: Option<RelationId>,
    /// Where it is (code points), for order and context.
    pub start: usize,
    pub end: usize,
}

/// What the curator chose for a disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    A,
    B,
    Both,
    Neither,
}

/// The disagreements between versions `a` and `b` of one text, in text order.
/// Spans the same in both (label and offsets) are agreement, not listed.
pub fn differences(a: &Document, b: &Document) -> Vec<Difference> {
    let only_a: Vec<&Annotation> = a
        .annotations()
        .iter()
        .filter(|x| b.find_span(&x.label, x.start, x.end).is_none())
        .collect();
    let mut only_b: Vec<&Annotation> = b
        .annotations()
        .iter()
        .filter(|y| a.find_span(&y.label, y.start, y.end).is_none())
        .collect();
    let mut out = Vec::new();
    for x in only_a {
        // The B span that overlaps most: the same label first.
        let partner = only_b
            .iter()
            .enumerate()
            .filter(|(_, y)| y.start < x.end && x.start < y.end)
            .max_by_key(|(_, y)| (y.label == x.label, x.end.min(y.end) - x.start.max(y.start)))
            .map(|(i, _)| i);
        match partner {
            Some(i) => {
                let y = only_b.remove(i);
                let kind = if y.label == x.label {
                    DifferenceKind::Extent
                } else {
                    DifferenceKind::Label
                };
                out.push(Difference {
                    kind,
                    a: Some(x.id.clone()),
                    b: Some(y.id.clone()),
                    a_link: None,
                    b_link: None,
                    start: x.start.min(y.start),
                    end: x.end.max(y.end),
                });
            }
            None => out.push(missing(Some(x), None)),
        }
    }
    out.extend(only_b.into_iter().map(|y| missing(None, Some(y))));
    // Links whose ends are the same spans in both count as agreement.
    let key = |d: &Document, r: &Relation| {
        let end = |id: &AnnotationId| d.get(id).map(|a| (a.label.clone(), a.start, a.end));
        (end(&r.from), end(&r.to))
    };
    for r in a.relations() {
        if !b.relations().iter().any(|s| key(b, s) == key(a, r)) {
            out.push(link(a, r, true));
        }
    }
    for s in b.relations() {
        if !a.relations().iter().any(|r| key(a, r) == key(b, s)) {
            out.push(link(b, s, false));
        }
    }
    out.sort_by_key(|d| (d.start, d.end, d.kind == DifferenceKind::Link));
    out
}

fn missing(x: Option<&Annotation>, y: Option<&Annotation>) -> Difference {
    let span = x.or(y).map_or((0, 0), |s| (s.start, s.end));
    Difference {
        kind: DifferenceKind::Missing,
        a: x.map(|s| s.id.clone()),
        b: y.map(|s| s.id.clone()),
        a_link: None,
        b_link: None,
        start: span.0,
        end: span.1,
    }
}

fn link(d: &Document, r: &Relation, in_a: bool) -> Difference {
    let (start, end) = d.get(&r.from).map_or((0, 0), |a| (a.start, a.end));
    Difference {
        kind: DifferenceKind::Link,
        a: in_a.then(|| r.from.clone()),
        b: (!in_a).then(|| r.from.clone()),
        a_link: in_a.then(|| r.id.clone()),
        b_link: (!in_a).then(|| r.id.clone()),
        start,
        end,
    }
}

/// The annotations the agreed version starts from: those both versions have
/// (same label and offsets), with A's details, and the links both have.
pub fn agreed(a: &Document, b: &Document, names: (&str, &str)) -> Result<Document, SpanError> {
    let mut gold = Document::new(a.id().clone(), a.text().clone());
    for x in a.annotations() {
        if b.find_span(&x.label, x.start, x.end).is_some() {
            gold.insert(x.clone())?;
            let details = with_origin(a.details_of(&x.id), &format!("{}, {}", names.0, names.1));
            gold.insert_details(&x.id, details)?;
        }
    }
    for r in a.relations() {
        let in_gold = gold.get(&r.from).is_some() && gold.get(&r.to).is_some();
        let in_b = b.relations().iter().any(|s| {
            let end = |d: &Document, id: &AnnotationId| {
                d.get(id).map(|a| (a.label.clone(), a.start, a.end))
            };
            end(b, &s.from) == end(a, &r.from) && end(b, &s.to) == end(a, &r.to)
        });
        if in_gold && in_b {
            let cue = r.cue.clone().filter(|c| gold.get(c).is_some());
            gold.insert_relation(Relation { cue, ..r.clone() })?;
        }
    }
    Ok(gold)
}

/// What choosing `choice` for `difference` adds to the gold version: a
/// document on the same text holding the chosen spans (each marked with the
/// version it came from) and, for a link, the link with its ends.
pub fn chosen(
    difference: &Difference,
    choice: Choice,
    a: &Document,
    b: &Document,
    names: (&str, &str),
) -> Result<Document, SpanError> {
    let mut out = Document::new(a.id().clone(), a.text().clone());
    let sides: Vec<(&Document, &str, &Option<AnnotationId>, &Option<RelationId>)> = match choice {
        Choice::A => vec![(a, names.0, &difference.a, &difference.a_link)],
        Choice::B => vec![(b, names.1, &difference.b, &difference.b_link)],
        Choice::Both => vec![
            (a, names.0, &difference.a, &difference.a_link),
            (b, names.1, &difference.b, &difference.b_link),
        ],
        Choice::Neither => vec![],
    };
    for (n, (version, name, span, relation)) in sides.into_iter().enumerate() {
        let take = |id: &AnnotationId, out: &mut Document| -> Result<AnnotationId, SpanError> {
            let original = version.get(id).ok_or(SpanError::Missing(id.clone()))?;
            // Ids of both sides kept apart in the draft (add_from gives new ones).
            let draft_id = AnnotationId::new(&format!("{n}-{}", id.as_str()));
            if out.get(&draft_id).is_none()
                && out
                    .find_span(&original.label, original.start, original.end)
                    .is_none()
            {
                out.insert(Annotation {
                    id: draft_id.clone(),
                    ..original.clone()
                })?;
                out.insert_details(&draft_id, with_origin(version.details_of(id), name))?;
            }
            Ok(out
                .find_span(&original.label, original.start, original.end)
                .map_or(draft_id, |a| a.id.clone()))
        };
        match relation
            .as_ref()
            .and_then(|r| version.relations().iter().find(|x| &x.id == r))
        {
            Some(r) => {
                let from = take(&r.from, &mut out)?;
                let to = take(&r.to, &mut out)?;
                let cue = match &r.cue {
                    Some(c) => Some(take(c, &mut out)?),
                    None => None,
                };
                let id = RelationId::new(&format!("{n}-{}", r.id.as_str()));
                out.insert_relation(Relation { id, from, to, cue })?;
            }
            None => {
                if let Some(id) = span {
                    take(id, &mut out)?;
                }
            }
        }
    }
    Ok(out)
}

/// An annotation's details with the versions it came from (`curated_from`).
fn with_origin(details: Option<&Details>, origin: &str) -> Details {
    let mut details = details.cloned().unwrap_or_default();
    details
        .attributes
        .insert(CURATED_FROM.to_owned(), origin.to_owned());
    details
}

/// The field that records which version a curated annotation came from.
pub const CURATED_FROM: &str = "curated_from";

/// Whether the gold version already settles a disagreement: it holds what one
/// side had there (a span with its label and offsets, or the link).
pub fn settled(difference: &Difference, gold: &Document, a: &Document, b: &Document) -> bool {
    let has_span = |version: &Document, id: &Option<AnnotationId>| {
        id.as_ref()
            .and_then(|id| version.get(id))
            .is_some_and(|s| gold.find_span(&s.label, s.start, s.end).is_some())
    };
    let has_link = |version: &Document, id: &Option<RelationId>| {
        let Some(r) = id
            .as_ref()
            .and_then(|id| version.relations().iter().find(|r| &r.id == id))
        else {
            return false;
        };
        let end = |id: &AnnotationId| {
            version
                .get(id)
                .and_then(|s| gold.find_span(&s.label, s.start, s.end))
                .map(|g| g.id.clone())
        };
        match (end(&r.from), end(&r.to)) {
            (Some(from), Some(to)) => gold
                .relations()
                .iter()
                .any(|g| g.from == from && g.to == to),
            _ => false,
        }
    };
    match difference.kind {
        DifferenceKind::Link => has_link(a, &difference.a_link) || has_link(b, &difference.b_link),
        _ => has_span(a, &difference.a) || has_span(b, &difference.b),
    }
}
