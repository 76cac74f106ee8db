//! A layer as a team shares it (issue 15): one annotator's annotations of one
//! article as entries, key → value strings, which a Yjs map holds. Keys say what
//! an annotation is (label and offsets; a link's two ends), never a local id, so
//! the same span tagged on two devices is one entry and ids never clash.
//!
//! Changes travel as `Ops` (entries set, keys removed): applying the same ops
//! twice changes nothing, so ops crossing on the way between the app and the
//! sync worker cannot undo each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::annotation::{Annotation, Details, Relation};
use crate::model::document::{Document, SpanError};
use crate::model::history::Edit;
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::labelled::LabelledDocument;

/// A layer: entry key → value (a span's details as JSON, a link's cue key).
pub type Entries = BTreeMap<String, String>;

/// What changed in a layer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ops {
    #[serde(default)]
    pub set: Vec<(String, String)>,
    #[serde(default)]
    pub remove: Vec<String>,
}

impl Ops {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }

    /// These ops without the keys `other` changes (when both sides changed a
    /// key, the other side's change is kept).
    pub fn without_keys_of(mut self, other: &Ops) -> Ops {
        let theirs: HashSet<&str> = other
            .set
            .iter()
            .map(|(k, _)| k.as_str())
            .chain(other.remove.iter().map(String::as_str))
            .collect();
        self.set.retain(|(k, _)| !theirs.contains(k.as_str()));
        self.remove.retain(|k| !theirs.contains(k.as_str()));
        self
    }
}

/// A span's key: offsets first, so keys sort in text order.
pub fn span_key(label: &str, start: usize, end: usize) -> String {
    format!("s {start:010} {end:010} {label}")
}

fn parse_span_key(key: &str) -> Option<(LabelId, usize, usize)> {
    let mut parts = key.strip_prefix("s ")?.splitn(3, ' ');
    let start = parts.next()?.parse().ok()?;
    let end = parts.next()?.parse().ok()?;
    let label = parts.next().filter(|l| !l.is_empty())?;
    Some((LabelId::new(label), start, end))
}

fn link_key(from: &str, to: &str) -> String {
    format!("l {from}|{to}")
}

fn parse_link_key(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix("l ")?.split_once('|')
}

/// The layer a document makes.
pub fn entries(document: &Document) -> Entries {
    let mut entries = Entries::new();
    let mut keys: HashMap<&AnnotationId, String> = HashMap::new();
    for annotation in document.annotations() {
        let key = span_key(annotation.label.as_str(), annotation.start, annotation.end);
        let details = document
            .details_of(&annotation.id)
            .filter(|d| !d.is_empty())
            .and_then(|d| serde_json::to_string(d).ok())
            .unwrap_or_default();
        keys.insert(&annotation.id, key.clone());
        entries.insert(key, details);
    }
    for relation in document.relations() {
        let (Some(from), Some(to)) = (keys.get(&relation.from), keys.get(&relation.to)) else {
            continue;
        };
        let cue = relation
            .cue
            .as_ref()
            .and_then(|c| keys.get(c))
            .cloned()
            .unwrap_or_default();
        entries.insert(link_key(from, to), cue);
    }
    entries
}

/// The ops that make `from` into `to`.
pub fn diff(from: &Entries, to: &Entries) -> Ops {
    let set = to
        .iter()
        .filter(|(k, v)| from.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let remove = from
        .keys()
        .filter(|k| !to.contains_key(*k))
        .cloned()
        .collect();
    Ops { set, remove }
}

pub fn apply(entries: &mut Entries, ops: &Ops) {
    for key in &ops.remove {
        entries.remove(key);
    }
    for (key, value) in &ops.set {
        entries.insert(key.clone(), value.clone());
    }
}

/// Three-way merge of a layer that changed on both sides since `base`: the ops
/// that bring `theirs` up to date with ours, and those that bring ours up to
/// date with theirs (a key both changed keeps our change).
pub fn merge(base: &Entries, ours: &Entries, theirs: &Entries) -> (Ops, Ops) {
    let ours_changed = diff(base, ours);
    let theirs_changed = diff(base, theirs).without_keys_of(&ours_changed);
    (ours_changed, theirs_changed)
}

/// Applies ops to a document as one undoable step; entries it cannot hold (a
/// span outside the text, a link to a span it lacks) are skipped. Returns
/// whether anything changed.
pub fn apply_to(document: &mut Document, ops: &Ops) -> Result<bool, SpanError> {
    let len = document.text().len_chars();
    let mut edits = Vec::new();
    let mut gone_relations = HashSet::new();
    let mut gone_spans = HashSet::new();
    let unlink = |relation: &Relation, edits: &mut Vec<Edit>, gone: &mut HashSet<_>| {
        if gone.insert(relation.id.clone()) {
            edits.push(Edit::Unlink {
                relation: relation.clone(),
            });
        }
    };
    // Removals first: links, then spans with whatever still touches them.
    for key in &ops.remove {
        if let Some((from, to)) = parse_link_key(key) {
            if let Some(relation) = find_relation(document, from, to) {
                unlink(relation, &mut edits, &mut gone_relations);
            }
        }
    }
    for key in &ops.remove {
        let Some(annotation) =
            parse_span_key(key).and_then(|(l, s, e)| document.find_span(&l, s, e))
        else {
            continue;
        };
        for relation in document
            .relations()
            .iter()
            .filter(|r| r.touches(&annotation.id))
        {
            unlink(relation, &mut edits, &mut gone_relations);
        }
        if let Some(details) = document.details_of(&annotation.id) {
            edits.push(Edit::SetDetails {
                id: annotation.id.clone(),
                from: details.clone(),
                to: Details::default(),
            });
        }
        gone_spans.insert(annotation.id.clone());
        edits.push(Edit::Delete {
            annotation: annotation.clone(),
        });
    }
    // Spans added or given new details; their ids by key, for the links.
    let mut new_ids: HashMap<&str, AnnotationId> = HashMap::new();
    for (key, value) in &ops.set {
        let Some((label, start, end)) = parse_span_key(key) else {
            continue;
        };
        if start >= end || end > len {
            continue;
        }
        let details: Details = serde_json::from_str(value).unwrap_or_default();
        match document.find_span(&label, start, end) {
            Some(existing) if !gone_spans.contains(&existing.id) => {
                let now = document
                    .details_of(&existing.id)
                    .cloned()
                    .unwrap_or_default();
                if now != details {
                    edits.push(Edit::SetDetails {
                        id: existing.id.clone(),
                        from: now,
                        to: details,
                    });
                }
            }
            _ => {
                let id = document.fresh_id();
                edits.push(Edit::Insert {
                    annotation: Annotation {
                        id: id.clone(),
                        label,
                        start,
                        end,
                    },
                });
                if !details.is_empty() {
                    edits.push(Edit::SetDetails {
                        id: id.clone(),
                        from: Details::default(),
                        to: details,
                    });
                }
                new_ids.insert(key.as_str(), id);
            }
        }
    }
    let id_of = |document: &Document, key: &str| -> Option<AnnotationId> {
        new_ids.get(key).cloned().or_else(|| {
            parse_span_key(key)
                .and_then(|(l, s, e)| document.find_span(&l, s, e))
                .map(|a| a.id.clone())
                .filter(|id| !gone_spans.contains(id))
        })
    };
    for (key, cue) in &ops.set {
        let Some((from_key, to_key)) = parse_link_key(key) else {
            continue;
        };
        let (Some(from), Some(to)) = (id_of(document, from_key), id_of(document, to_key)) else {
            continue;
        };
        let cue = match cue.as_str() {
            "" => None,
            cue => id_of(document, cue),
        };
        let existing = document
            .relations()
            .iter()
            .find(|r| r.from == from && r.to == to && !gone_relations.contains(&r.id))
            .cloned();
        let id = match existing {
            Some(relation) if relation.cue == cue => continue,
            Some(relation) => {
                unlink(&relation, &mut edits, &mut gone_relations);
                relation.id
            }
            None => document.fresh_relation_id(),
        };
        edits.push(Edit::Link {
            relation: Relation { id, from, to, cue },
        });
    }
    if edits.is_empty() {
        return Ok(false);
    }
    document.commit(edits)?;
    Ok(true)
}

fn find_relation<'a>(document: &'a Document, from: &str, to: &str) -> Option<&'a Relation> {
    let (fl, fs, fe) = parse_span_key(from)?;
    let (tl, ts, te) = parse_span_key(to)?;
    let from = document.find_span(&fl, fs, fe)?.id.clone();
    let to = document.find_span(&tl, ts, te)?.id.clone();
    document
        .relations()
        .iter()
        .find(|r| r.from == from && r.to == to)
}

/// Someone's layer as a document to import (their read-only version).
pub fn labelled(title: &str, text: &str, entries: &Entries, annotator: &str) -> LabelledDocument {
    let len = text.chars().count();
    let mut document = LabelledDocument {
        title: title.to_owned(),
        text: text.to_owned(),
        annotator: Some(annotator.to_owned()),
        ..Default::default()
    };
    let mut ids: HashMap<&str, AnnotationId> = HashMap::new();
    for (key, value) in entries {
        let Some((label, start, end)) = parse_span_key(key) else {
            continue;
        };
        if start >= end || end > len {
            continue;
        }
        let id = AnnotationId::new(&format!("T{}", ids.len() + 1));
        if let Ok(details) = serde_json::from_str::<Details>(value) {
            document.details.insert(id.clone(), details);
        }
        document.annotations.push(Annotation {
            id: id.clone(),
            label,
            start,
            end,
        });
        ids.insert(key.as_str(), id);
    }
    document.annotations.sort_by(|a, b| a.document_order(b));
    for (key, cue) in entries {
        let Some((from, to)) = parse_link_key(key) else {
            continue;
        };
        let (Some(from), Some(to)) = (ids.get(from), ids.get(to)) else {
            continue;
        };
        document.relations.push(Relation {
            id: crate::model::ids::RelationId::new(&format!("R{}", document.relations.len() + 1)),
            from: from.clone(),
            to: to.clone(),
            cue: ids.get(cue.as_str()).cloned(),
        });
    }
    document
}

/// How many spans a layer with these keys has (its progress).
pub fn span_count<'a>(keys: impl IntoIterator<Item = &'a String>) -> usize {
    keys.into_iter().filter(|k| k.starts_with("s ")).count()
}
