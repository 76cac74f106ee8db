//! What the Annotations list shows, row by row: every annotation in document order,
//! or grouped under the sources they are attributed to, optionally only those not
//! attributed yet (what an editor checks first).

use std::collections::{HashMap, HashSet};

use super::document::Document;
use super::ids::AnnotationId;
pub use super::labels::{is_attributable, SOURCE_LABEL};

/// Moving the selection through annotations: in the article, or in the list as
/// it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Next,
    Previous,
    First,
    Last,
}

/// How the Annotations list shows them; remembered with the preferences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListView {
    /// Group entries under their sources, then the unattributed ones.
    pub by_source: bool,
    /// Only annotations that could be attributed and are not.
    pub unattributed_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListRow {
    /// A group heading: a source (`Some`) or "not attributed" (`None`), and how
    /// many entries follow.
    Group {
        source: Option<AnnotationId>,
        count: usize,
    },
    /// An annotation, by its index in the document's annotations.
    Entry(usize),
}

/// Where a step from `current` lands in `order`: the next or previous entry (stopping
/// at the ends), or the first or last. From nothing, Next starts at the first.
pub fn step_in<'a>(
    order: &'a [AnnotationId],
    current: Option<&AnnotationId>,
    direction: Direction,
) -> Option<&'a AnnotationId> {
    let at = current.and_then(|id| order.iter().position(|o| o == id));
    step_index(order.len(), at, direction).map(|index| &order[index])
}

/// `step_in` by position: from index `at` (if any) among `len` entries.
pub fn step_index(len: usize, at: Option<usize>, direction: Direction) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (direction, at) {
        (Direction::Next, Some(i)) => (i + 1).min(last),
        (Direction::Previous, Some(i)) => i.saturating_sub(1),
        (Direction::Next, None) | (Direction::First, _) => 0,
        (Direction::Previous, None) | (Direction::Last, _) => last,
    })
}

pub fn list_rows(document: &Document, view: ListView) -> Vec<ListRow> {
    let annotations = document.annotations();
    let attributed: HashSet<&AnnotationId> = document.relations().iter().map(|r| &r.from).collect();
    let unattributed = || {
        annotations
            .iter()
            .enumerate()
            .filter(|(_, a)| is_attributable(a.label.as_str()) && !attributed.contains(&a.id))
            .map(|(index, _)| ListRow::Entry(index))
    };
    if !view.by_source {
        return if view.unattributed_only {
            unattributed().collect()
        } else {
            (0..annotations.len()).map(ListRow::Entry).collect()
        };
    }
    let mut rows = Vec::new();
    if !view.unattributed_only {
        let index_of: HashMap<&AnnotationId, usize> = annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        let linked_to: HashSet<&AnnotationId> =
            document.relations().iter().map(|r| &r.to).collect();
        for (index, source) in annotations.iter().enumerate() {
            if source.label.as_str() != SOURCE_LABEL && !linked_to.contains(&source.id) {
                continue;
            }
            let mut entries: Vec<usize> = document
                .relations()
                .iter()
                .filter(|r| r.to == source.id)
                .filter_map(|r| index_of.get(&r.from).copied())
                .collect();
            entries.sort_unstable();
            entries.dedup();
            rows.push(ListRow::Group {
                source: Some(annotations[index].id.clone()),
                count: entries.len(),
            });
            rows.extend(entries.into_iter().map(ListRow::Entry));
        }
    }
    let rest: Vec<ListRow> = unattributed().collect();
    rows.push(ListRow::Group {
        source: None,
        count: rest.len(),
    });
    rows.extend(rest);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::ArticleText;
    use crate::model::ids::{DocId, LabelId};

    /// "Ann said X. Bob: Y. Z." with X and Y quotes, Z a claim, Ann and Bob sources.
    fn story() -> (Document, Vec<AnnotationId>) {
        let text = "Ann said X. Bob: Y. Z.";
        let mut document = Document::new(DocId::new("d"), ArticleText::new(text.into()));
        let mut ids = Vec::new();
        for (label, needle) in [
            ("source", "Ann"),
            ("cue", "said"),
            ("quote", "X"),
            ("source", "Bob"),
            ("quote", "Y"),
            ("claim", "Z"),
        ] {
            let start = text.find(needle).unwrap();
            let id = document
                .tag(LabelId::new(label), start, start + needle.len())
                .unwrap();
            ids.push(id);
        }
        (document, ids)
    }

    fn ids_of(document: &Document, rows: &[ListRow]) -> Vec<String> {
        rows.iter()
            .map(|row| match row {
                ListRow::Group { source, count } => format!(
                    "[{} {count}]",
                    source.as_ref().map_or("none".into(), |s| {
                        document.text_of(document.get(s).unwrap()).to_owned()
                    })
                ),
                ListRow::Entry(i) => document.text_of(&document.annotations()[*i]).to_owned(),
            })
            .collect()
    }

    #[test]
    fn stepping_stops_at_the_ends_and_starts_from_nothing() {
        let order: Vec<AnnotationId> = ["a", "b", "c"].map(AnnotationId::new).to_vec();
        let at = |current: Option<&str>, step| {
            let current = current.map(AnnotationId::new);
            step_in(&order, current.as_ref(), step).map(|id| id.as_str().to_owned())
        };
        assert_eq!(at(Some("a"), Direction::Next).as_deref(), Some("b"));
        assert_eq!(at(Some("c"), Direction::Next).as_deref(), Some("c"));
        assert_eq!(at(Some("a"), Direction::Previous).as_deref(), Some("a"));
        assert_eq!(at(None, Direction::Next).as_deref(), Some("a"));
        assert_eq!(at(None, Direction::Previous).as_deref(), Some("c"));
        assert_eq!(at(Some("gone"), Direction::Last).as_deref(), Some("c"));
        assert_eq!(step_in(&[], None, Direction::First), None);
    }

    #[test]
    fn plain_view_lists_everything_in_document_order() {
        let (document, _) = story();
        let rows = list_rows(&document, ListView::default());
        assert_eq!(
            ids_of(&document, &rows),
            ["Ann", "said", "X", "Bob", "Y", "Z"]
        );
    }

    #[test]
    fn unattributed_filter_keeps_only_quotes_and_claims_without_a_source() {
        let (mut document, ids) = story();
        document
            .link(ids[2].clone(), ids[0].clone(), Some(ids[1].clone()))
            .unwrap();
        let view = ListView {
            unattributed_only: true,
            ..ListView::default()
        };
        assert_eq!(ids_of(&document, &list_rows(&document, view)), ["Y", "Z"]);
    }

    #[test]
    fn grouping_puts_entries_under_each_of_their_sources_then_the_rest() {
        let (mut document, ids) = story();
        document
            .link(ids[2].clone(), ids[0].clone(), Some(ids[1].clone()))
            .unwrap();
        document.link(ids[4].clone(), ids[0].clone(), None).unwrap();
        document.link(ids[4].clone(), ids[3].clone(), None).unwrap();
        let view = ListView {
            by_source: true,
            ..ListView::default()
        };
        assert_eq!(
            ids_of(&document, &list_rows(&document, view)),
            ["[Ann 2]", "X", "Y", "[Bob 1]", "Y", "[none 1]", "Z"]
        );
        let only = ListView {
            by_source: true,
            unattributed_only: true,
        };
        assert_eq!(
            ids_of(&document, &list_rows(&document, only)),
            ["[none 1]", "Z"]
        );
    }
}
