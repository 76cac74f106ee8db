use super::layer::{self, Entries};
use super::*;
use crate::model::annotation::Details;
use crate::model::document::{ArticleText, Document};
use crate::model::ids::{DocId, LabelId};

const TEXT: &str = "“We will rebuild,” the mayor said on Friday. 🌊 Residents doubted it.";

fn document() -> Document {
    Document::new(DocId::new("d"), ArticleText::new(TEXT.to_owned()))
}

fn grant(doc: &str) -> Grant {
    Grant {
        doc: doc.to_owned(),
        url: format!("ws://127.0.0.1:8080/d/{doc}/ws"),
        token: "AAEC_-x".to_owned(),
    }
}

#[test]
fn invitation_codes_read_back_from_a_code_or_a_link() {
    let invitation = Invitation {
        name: "Ana Ruiz".to_owned(),
        role: Role::Curator,
        expires_ms: 1_800_000_000_000,
        corpus: grant(CORPUS_DOC),
        layer: grant(&layer_doc("Ana Ruiz")),
        layer_read: grant(&layer_doc("Ana Ruiz")),
        curated: grant(CURATED_DOC),
    };
    let code = invitation.code();
    assert!(code.starts_with(CODE_PREFIX));
    assert_eq!(Invitation::from_code(&code).unwrap(), invitation);
    let link = format!("https://example.org/tools/marginalia/#join={code}");
    assert_eq!(Invitation::from_code(&link).unwrap(), invitation);
    let damaged = &code[..code.len() - 9];
    assert!(Invitation::from_code(damaged)
        .unwrap_err()
        .contains("damaged"));
    assert!(Invitation::from_code("hello")
        .unwrap_err()
        .contains("not a Marginalia team invitation"));
}

#[test]
fn base64url_round_trips_every_length() {
    for len in 0..40 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        let code = base64url_encode(&bytes);
        assert!(code
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(base64url_decode(&code).unwrap(), bytes, "length {len}");
    }
    assert_eq!(base64url_decode("aGk=").unwrap(), b"hi");
    assert!(base64url_decode("a*b").is_none());
}

#[test]
fn layer_docs_are_distinct_per_name() {
    assert_ne!(layer_doc("Ana B"), layer_doc("Ana-B"));
    assert!(layer_doc("Zoë").starts_with("marginalia-layer-zo--"));
}

fn tagged() -> Document {
    let mut d = document();
    let quote = d.tag(LabelId::new("quote"), 0, 17).unwrap();
    let source = d.tag(LabelId::new("source"), 19, 28).unwrap();
    let cue = d.tag(LabelId::new("cue"), 29, 33).unwrap();
    d.link(quote.clone(), source, Some(cue)).unwrap();
    let details = Details {
        note: "check the date".to_owned(),
        ..Default::default()
    };
    d.set_details(&quote, details).unwrap();
    d
}

#[test]
fn a_layer_carries_spans_links_cues_and_details() {
    let source = tagged();
    let entries = layer::entries(&source);
    assert_eq!(layer::span_count(entries.keys()), 3);
    // Ops from nothing rebuild the same layer in an empty document, as one undo step.
    let mut copy = document();
    let ops = layer::diff(&Entries::new(), &entries);
    assert!(layer::apply_to(&mut copy, &ops).unwrap());
    assert_eq!(layer::entries(&copy), entries);
    assert_eq!(copy.relations().len(), 1);
    assert!(copy.relations()[0].cue.is_some());
    // Applying the same ops again changes nothing.
    assert!(!layer::apply_to(&mut copy, &ops).unwrap());
    copy.undo();
    assert!(copy.annotations().is_empty());
    // And as someone's version for import.
    let version = layer::labelled("Flood", TEXT, &entries, "Ben");
    assert_eq!(version.annotations.len(), 3);
    assert_eq!(version.relations.len(), 1);
    assert_eq!(version.annotator.as_deref(), Some("Ben"));
    let imported = crate::model::session::Imported::new(version).unwrap();
    assert_eq!(layer::entries(&imported.document), entries);
}

#[test]
fn removing_a_span_removes_its_links_and_changing_a_cue_relinks() {
    let mut d = tagged();
    let before = layer::entries(&d);
    let mut after = before.clone();
    let cue_key = layer::span_key("cue", 29, 33);
    after.remove(&cue_key);
    for value in after.values_mut() {
        if *value == cue_key {
            value.clear();
        }
    }
    let ops = layer::diff(&before, &after);
    assert!(layer::apply_to(&mut d, &ops).unwrap());
    assert_eq!(layer::entries(&d), after);
    assert_eq!(d.relations().len(), 1);
    assert!(d.relations()[0].cue.is_none());
}

#[test]
fn ops_out_of_range_or_malformed_are_skipped() {
    let mut d = document();
    let ops = layer::Ops {
        set: vec![
            (layer::span_key("quote", 5, 5000), String::new()),
            ("s nonsense".to_owned(), String::new()),
            ("l a|b".to_owned(), String::new()),
        ],
        remove: vec!["s 1 2".to_owned()],
    };
    assert!(!layer::apply_to(&mut d, &ops).unwrap());
}

#[test]
fn a_three_way_merge_keeps_both_sides_changes() {
    let base = layer::entries(&tagged());
    let mut ours = base.clone();
    ours.insert(layer::span_key("claim", 45, 68), String::new());
    let mut theirs = base.clone();
    theirs.remove(&layer::span_key("source", 19, 28));
    theirs.retain(|k, _| !k.starts_with("l "));
    theirs.insert(layer::span_key("source", 23, 28), String::new());
    let (to_theirs, to_ours) = layer::merge(&base, &ours, &theirs);
    let mut a = ours.clone();
    layer::apply(&mut a, &to_ours);
    let mut b = theirs.clone();
    layer::apply(&mut b, &to_theirs);
    assert_eq!(a, b);
    assert!(a.contains_key(&layer::span_key("claim", 45, 68)));
    assert!(a.contains_key(&layer::span_key("source", 23, 28)));
    assert!(!a.contains_key(&layer::span_key("source", 19, 28)));
}
