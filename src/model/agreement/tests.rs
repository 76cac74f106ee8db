//! Every measure against a reference: scikit-learn's `cohen_kappa_score` and
//! the PyPI `krippendorff` package (numbers from `scripts/agreement-reference.py`),
//! and α_u computed by hand from Krippendorff's (1995) definition.

use super::measures::*;
use super::*;

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} ≠ {expected}");
}

#[test]
fn cohen_kappa_equals_scikit_learn() {
    let pairs = |a: &[&'static str], b: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        a.iter().copied().zip(b.iter().copied()).collect()
    };
    let mixed = pairs(
        &[
            "direct", "indirect", "direct", "direct", "mixed", "indirect",
        ],
        &[
            "direct", "indirect", "indirect", "direct", "mixed", "direct",
        ],
    );
    close(cohen_kappa(&mixed).unwrap(), 0.4545454545454545);
    let blank = pairs(
        &["yes", "no", "", "yes", "yes"],
        &["yes", "no", "no", "", "yes"],
    );
    close(cohen_kappa(&blank).unwrap(), 0.375);
    // One value throughout: chance agreement is 1, κ undefined (scikit-learn: nan).
    assert_eq!(cohen_kappa(&pairs(&["yes", "yes"], &["yes", "yes"])), None);
}

#[test]
fn nominal_alpha_equals_the_krippendorff_package() {
    // Three coders, one value missing.
    let coders = [
        [Some(1), Some(0), Some(1), Some(1), Some(0), None],
        [Some(1), Some(0), Some(0), Some(1), Some(0), Some(1)],
        [Some(1), Some(1), Some(1), Some(1), Some(0), Some(1)],
    ];
    let units: Vec<Vec<Option<u32>>> = (0..6)
        .map(|u| coders.iter().map(|c| c[u]).collect())
        .collect();
    close(alpha_nominal(&units).unwrap(), 0.5151515151515151);
}

/// By hand: a continuum of 10; coder 1 has a unit at 2..5, coder 2 at 3..5.
/// Observed: the two units overlap, δ² = (2−3)² + (5−5)² = 1, summed over both
/// orders and divided by m(m−1)L² = 200: D_o = 0.01. Expected: N = 2 units
/// (lengths 3 and 2, Σ l(l−1) = 8), gaps 2, 5 (coder 1) and 3, 5 (coder 2).
/// Length 3: (N−1)(2·27 − 3·9 + 3)/3 = 10, plus 9 · ((5−3+1) + (5−3+1) + (3−3+1)) = 63;
/// length 2: (2·8 − 3·4 + 2)/3 = 2, plus 4 · (4 + 4 + 2 + 1) = 44. Σ = 119;
/// D_e = (2/10) · 119 / (20 · 19 − 8) = 23.8 / 372. α_u = 1 − 0.01 · 372 / 23.8.
#[test]
fn alpha_u_equals_a_hand_computed_example() {
    let alpha = alpha_u(10, &[vec![(2, 5)], vec![(3, 5)]]).unwrap();
    close(alpha, 1.0 - 0.01 * 372.0 / 23.8);
    close(alpha_u(10, &[vec![(2, 5)], vec![(2, 5)]]).unwrap(), 1.0);
    assert_eq!(alpha_u(10, &[vec![], vec![]]), None, "no units: undefined");
    // Disjoint units disagree more than chance.
    assert!(alpha_u(100, &[vec![(2, 20)], vec![(50, 70)]]).unwrap() < 0.0);
}

const TEXT: &str =
    "The minister said the talks would resume. Critics said the plan was late and costly.";

fn span(label: &str, start: usize, end: usize, kind: &str) -> Span {
    let fields = if kind.is_empty() {
        Vec::new()
    } else {
        vec![("kind".to_owned(), kind.to_owned())]
    };
    Span {
        label: label.into(),
        start,
        end,
        fields,
    }
}

/// Two annotators of one text: the same first quote, the second quote shorter
/// in B; B links the second quote too, A gives the first link its cue.
fn versions() -> Vec<Version> {
    let a = Coded {
        key: "talks".into(),
        title: "Talks".into(),
        text: TEXT.into(),
        spans: vec![
            span("source", 0, 12, ""),
            span("cue", 13, 17, ""),
            span("quote", 18, 40, "indirect"),
            span("quote", 55, 83, "indirect"),
        ],
        links: vec![Link {
            content: 2,
            source: 0,
            cue: Some(1),
        }],
    };
    let b = Coded {
        key: "talks".into(),
        title: "Talks".into(),
        text: TEXT.into(),
        spans: vec![
            span("source", 0, 12, ""),
            span("quote", 18, 40, "indirect"),
            span("source", 42, 49, ""),
            span("quote", 64, 83, "direct"),
        ],
        links: vec![
            Link {
                content: 1,
                source: 0,
                cue: None,
            },
            Link {
                content: 3,
                source: 2,
                cue: None,
            },
        ],
    };
    vec![
        Version {
            name: "ana".into(),
            documents: vec![a],
        },
        Version {
            name: "ben".into(),
            documents: vec![b],
        },
    ]
}

#[test]
fn spans_links_and_fields_of_two_versions() {
    let fields = [("quote".to_owned(), "kind".to_owned())];
    let report = agree(&versions(), &fields);
    assert_eq!(report.documents, 1);
    let pair = &report.pairs[0];
    let quote = &pair.labels["quote"];
    assert_eq!(
        (
            quote.exact_matched,
            quote.matched,
            quote.only_a,
            quote.only_b
        ),
        (1, 2, 0, 0)
    );
    close(quote.exact_f1, 0.5);
    close(quote.overlap_f1, 1.0);
    // The token encoding, as the krippendorff package computes it.
    close(quote.alpha_tokens.unwrap(), 0.7314814814814814);
    let source = &pair.labels["source"];
    assert_eq!((source.matched, source.only_a, source.only_b), (1, 0, 1));
    close(source.overlap_f1, 2.0 / 3.0);
    let cue = &pair.labels["cue"];
    assert_eq!((cue.matched, cue.only_a, cue.only_b), (0, 1, 0));
    // Links: the first agrees (without its cue), the second is B's alone.
    close(pair.links.exact_f1, 2.0 / 3.0);
    close(pair.links.overlap_f1, 2.0 / 3.0);
    close(pair.links.exact_f1_with_cue, 0.0);
    assert_eq!(
        (pair.links.matched, pair.links.only_a, pair.links.only_b),
        (1, 0, 1)
    );
    // Kind of the two matched quotes: indirect/indirect, indirect/direct.
    assert_eq!(pair.fields[0].items, 2);
    close(pair.fields[0].kappa.unwrap(), 0.0);
    assert!(report.per_document[0].disagreement > 0.0);
}

#[test]
fn corpus_figures_pool_the_documents_a_pair_shares() {
    let mut versions = versions();
    // A second document both annotated identically, and one only B has.
    let other = Coded {
        key: "other".into(),
        title: "Other".into(),
        text: "Police said the road was closed.".into(),
        spans: vec![span("quote", 12, 31, "")],
        links: vec![],
    };
    versions[0].documents.push(other.clone());
    versions[1].documents.push(other.clone());
    versions[1].documents.push(Coded {
        text: "Only mine.".into(),
        ..other
    });
    let report = agree(&versions, &[]);
    assert_eq!(report.documents, 2, "only documents two versions share");
    let quote = &report.pairs[0].labels["quote"];
    assert_eq!((quote.exact_matched, quote.matched), (2, 3));
    close(quote.exact_f1, 2.0 * 2.0 / 6.0);
    // The identical document comes last in the list by disagreement.
    assert_eq!(report.per_document[1].title, "Other");
    close(report.per_document[1].disagreement, 0.0);
}

#[test]
fn three_versions_make_three_pairs_and_their_mean() {
    let mut versions = versions();
    let mut third = versions[0].clone();
    third.name = "cleo".into();
    versions.push(third);
    let report = agree(&versions, &[]);
    assert_eq!(report.pairs.len(), 3);
    let names: Vec<(&str, &str)> = report
        .pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    assert_eq!(names, [("ana", "ben"), ("ana", "cleo"), ("ben", "cleo")]);
    // ana–cleo agree fully: the mean exact F1 is (0.5 + 1 + 0.5) / 3.
    close(report.average.labels["quote"].exact_f1, 2.0 / 3.0);
}

#[test]
fn the_apps_lines_hold_the_commands_numbers() {
    let report = agree(&versions(), &[("quote".to_owned(), "kind".to_owned())]);
    let lines = display_lines(&report);
    assert!(lines.starts_with("pair\tana\tben\t1\n"), "{lines}");
    assert!(lines.contains("row\tquote\t0.500\t1.000\t"), "{lines}");
    assert!(lines.contains("field\tquote.kind\t0.000\t2\n"), "{lines}");
    assert!(lines.contains("doc\ttalks\tTalks\t"), "{lines}");
    assert!(
        text_report(&report).contains("quote           0.500      1.000"),
        "{}",
        text_report(&report)
    );
}

mod compare {
    use crate::model::agreement::differences::*;
    use crate::model::annotation::{Annotation, Relation};
    use crate::model::document::{ArticleText, Document};
    use crate::model::ids::{AnnotationId, DocId, LabelId, RelationId};

    fn version(spans: &[(&str, &str, usize, usize)], links: &[(&str, &str)]) -> Document {
        let mut d = Document::new(DocId::new("d"), ArticleText::new(super::TEXT.into()));
        for &(id, label, start, end) in spans {
            d.insert(Annotation {
                id: AnnotationId::new(id),
                label: LabelId::new(label),
                start,
                end,
            })
            .unwrap();
        }
        for (n, &(from, to)) in links.iter().enumerate() {
            d.insert_relation(Relation {
                id: RelationId::new(&format!("r{n}")),
                from: AnnotationId::new(from),
                to: AnnotationId::new(to),
                cue: None,
            })
            .unwrap();
        }
        d
    }

    /// A: source, cue, two quotes, a link. B: the source, the first quote, a
    /// claim where A's cue is, the second quote shorter, another link.
    fn pair() -> (Document, Document) {
        let a = version(
            &[
                ("s1", "source", 0, 12),
                ("c1", "cue", 13, 17),
                ("q1", "quote", 18, 40),
                ("q2", "quote", 55, 83),
            ],
            &[("q1", "s1")],
        );
        let b = version(
            &[
                ("s1", "source", 0, 12),
                ("k1", "claim", 13, 17),
                ("q1", "quote", 18, 40),
                ("s2", "source", 42, 49),
                ("q2", "quote", 64, 83),
            ],
            &[("q1", "s1"), ("q2", "s2")],
        );
        (a, b)
    }

    #[test]
    fn each_kind_of_disagreement_is_found_in_text_order() {
        let (a, b) = pair();
        let found: Vec<(DifferenceKind, usize)> = differences(&a, &b)
            .iter()
            .map(|d| (d.kind, d.start))
            .collect();
        assert_eq!(
            found,
            [
                (DifferenceKind::Label, 13),
                (DifferenceKind::Missing, 42),
                (DifferenceKind::Extent, 55),
                (DifferenceKind::Link, 64),
            ]
        );
    }

    #[test]
    fn curating_builds_the_gold_version_with_its_origins() {
        let (a, b) = pair();
        let names = ("ana", "ben");
        let mut gold = agreed(&a, &b, names).unwrap();
        assert_eq!(
            gold.annotations().len(),
            2,
            "the source and first quote both have"
        );
        assert_eq!(gold.relations().len(), 1, "and their link");
        assert_eq!(
            gold.details_of(&AnnotationId::new("s1"))
                .unwrap()
                .attributes
                .get(CURATED_FROM),
            Some("ana, ben")
        );
        let all = differences(&a, &b);
        // Take B's claim, both of the extents (no: A's), and B's link with its ends.
        gold.add_from(&chosen(&all[0], Choice::B, &a, &b, names).unwrap())
            .unwrap();
        gold.add_from(&chosen(&all[2], Choice::A, &a, &b, names).unwrap())
            .unwrap();
        assert!(settled(&all[0], &gold, &a, &b));
        assert!(!settled(&all[1], &gold, &a, &b));
        gold.add_from(&chosen(&all[3], Choice::B, &a, &b, names).unwrap())
            .unwrap();
        assert!(settled(&all[3], &gold, &a, &b));
        assert!(
            settled(&all[1], &gold, &a, &b),
            "the link brought B's source along"
        );
        let claim = gold
            .annotations()
            .iter()
            .find(|x| x.label.as_str() == "claim")
            .unwrap();
        assert_eq!(
            gold.details_of(&claim.id)
                .unwrap()
                .attributes
                .get(CURATED_FROM),
            Some("ben")
        );
        // Both quotes of the last link's content: A's long one and B's short one.
        assert_eq!(
            gold.annotations()
                .iter()
                .filter(|x| x.label.as_str() == "quote")
                .count(),
            3
        );
        assert_eq!(gold.relations().len(), 2);
        // Neither adds nothing.
        assert_eq!(
            chosen(&all[1], Choice::Neither, &a, &b, names)
                .unwrap()
                .annotations()
                .len(),
            0
        );
    }
}
