//! Two copies of one wire story (the seeds): clean both, tag seven quotes with
//! their sources and cues on one, place them on the other, and every annotation
//! lands on the same words, with its links.

use std::collections::HashMap;

use marginalia::model::anchoring::place;
use marginalia::model::cleanup::{apply, propose, Proposal};
use marginalia::model::document::{Annotation, Relation};
use marginalia::model::ids::{AnnotationId, LabelId, RelationId};
use marginalia::model::labelled::LabelledDocument;

fn cleaned(name: &str) -> String {
    let path = format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let proposals = propose(&text);
    let all: Vec<&Proposal> = proposals.changes.iter().collect();
    apply(&text, &all).0
}

/// Code points of `needle` in `text`, found after `after` (a unique piece of text
/// that comes before it).
fn locate(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text.find(after).unwrap_or_else(|| panic!("{after:?}"));
    let byte = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} after {after:?}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// (quote, where it is, its source, where that is, its cue, where that is)
const ATTRIBUTIONS: [[&str; 6]; 7] = [
    ["a specific and clear timeline... and to begin the gradual reduction of its (the coalition's) advisers on Iraqi soil", "formulating", "Iraq's foreign ministry", "Iraqi soil", "said", "Iraq's foreign ministry"],
    ["threat posed by IS and its danger", "contingent", "The ministry", "Iraqi soil", "said", "The ministry"],
    ["need to stop", "spate of attacks", "Spanish Foreign Minister Jose Manuel Albares", "On a visit", "said", "Jose Manuel Albares"],
    ["\"We are extremely worried by the constant attacks against international military bases,\"", "\"We are extremely", "Albares", "military bases,\" said", "said", "military bases,\""],
    ["\"We are here at the request of the government of Iraq and we will leave when the government of Iraq considers,\"", "\"We are here", "Albares", "considers,\"", "added", "considers,\" Albares"],
    ["avoid a spillover effect of the crisis in Gaza", "seeks to", "he", "noting that", "noting", "Albares added,"],
    ["is no longer a danger for the Iraqi state, and our armed forces are capable of fully assuming the maintenance of security and stability", "Sudani said IS", "Sudani", "top diplomat,", "said", "top diplomat, Sudani"],
];

#[test]
fn seven_attributions_carry_from_one_copy_to_the_other() {
    let (one, two) = (
        cleaned("000_20bfa71c295678a8.txt"),
        cleaned("004_ef4a60158f06bac0.txt"),
    );
    let mut annotations = Vec::new();
    let mut relations = Vec::new();
    let mut add = |label: &str, (start, end): (usize, usize)| {
        let id = AnnotationId::new(&format!("a{}", annotations.len() + 1));
        annotations.push(Annotation {
            id: id.clone(),
            label: LabelId::new(label),
            start,
            end,
        });
        id
    };
    for [quote, quote_after, source, source_after, cue, cue_after] in ATTRIBUTIONS {
        let quote = add("quote", locate(&one, quote_after, quote));
        let source = add("source", locate(&one, source_after, source));
        let cue = add("cue", locate(&one, cue_after, cue));
        relations.push(Relation {
            id: RelationId::new(&format!("r{}", relations.len() + 1)),
            from: quote,
            to: source,
            cue: Some(cue),
        });
    }
    annotations.sort_by(|a, b| a.document_order(b));
    let source = LabelledDocument {
        title: "000".into(),
        text: one.clone(),
        labels: vec![],
        annotations,
        relations,
        details: HashMap::new(),
        ..LabelledDocument::default()
    };
    let placement = place(&source, "004", &two);
    assert!(
        placement.missing.is_empty(),
        "missing: {:?}",
        placement.missing
    );
    let text_of = |document: &LabelledDocument, id: &AnnotationId| -> (String, usize) {
        let a = document.annotations.iter().find(|a| &a.id == id).unwrap();
        let text: String = document
            .text
            .chars()
            .skip(a.start)
            .take(a.end - a.start)
            .collect();
        (text, a.start)
    };
    // The same links, between the same words, each quote near its source and cue.
    let mut links: Vec<(String, String, String)> = Vec::new();
    for relation in &placement.document.relations {
        let (quote, at) = text_of(&placement.document, &relation.from);
        let (source, source_at) = text_of(&placement.document, &relation.to);
        let (cue, cue_at) = text_of(&placement.document, relation.cue.as_ref().unwrap());
        assert!(
            source_at.abs_diff(at) < 200 && cue_at.abs_diff(at) < 200,
            "{quote} / {source} / {cue}"
        );
        links.push((quote, source, cue));
    }
    let expected: Vec<(String, String, String)> = ATTRIBUTIONS
        .iter()
        .map(|a| (a[0].to_owned(), a[2].to_owned(), a[4].to_owned()))
        .collect();
    let (mut links, mut expected) = (links, expected);
    links.sort();
    expected.sort();
    assert_eq!(links, expected);
    // Each cue sits where it sat: the words after it are the same in both copies.
    for [_, _, _, _, cue, cue_after] in ATTRIBUTIONS {
        let (start, end) = locate(&two, cue_after, cue);
        assert!(
            placement
                .document
                .annotations
                .iter()
                .any(|a| a.label.as_str() == "cue" && a.start == start && a.end == end),
            "{cue} after {cue_after}"
        );
    }
}
