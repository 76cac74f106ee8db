//! Round trips: native → each format → native keeps labels, offsets, links and
//! details wherever the format can hold them, on a corpus with emoji, Arabic, CJK
//! and CRLF line ends.

use std::collections::HashMap;

use super::*;
use crate::model::document::{Annotation, Details, Relation};
use crate::model::ids::{AnnotationId, LabelId, RelationId};

/// Details of the span at an index: field values and a note.
type SpanDetails<'a> = (usize, &'a [(&'a str, &'a str)], &'a str);

/// Details as compared: the span, its field values, its note.
type DetailsShape = (String, Vec<(String, String)>, String);

/// A document from (label, needle) spans, links between span indexes
/// (from, to, cue) and details per span index.
fn document(
    title: &str,
    text: &str,
    spans: &[(&str, &str)],
    links: &[(usize, usize, Option<usize>)],
    details: &[SpanDetails],
) -> LabelledDocument {
    let chars: Vec<char> = text.chars().collect();
    let annotations: Vec<Annotation> = spans
        .iter()
        .enumerate()
        .map(|(i, (label, needle))| {
            let byte = text
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} in {text}"));
            let start = text[..byte].chars().count();
            Annotation {
                id: AnnotationId::new(&format!("a{}", i + 1)),
                label: LabelId::new(label),
                start,
                end: start + needle.chars().count(),
            }
        })
        .collect();
    assert!(annotations.iter().all(|a| a.end <= chars.len()));
    let relations = links
        .iter()
        .enumerate()
        .map(|(i, &(from, to, cue))| Relation {
            id: RelationId::new(&format!("r{}", i + 1)),
            from: annotations[from].id.clone(),
            to: annotations[to].id.clone(),
            cue: cue.map(|c| annotations[c].id.clone()),
        })
        .collect();
    let details = details
        .iter()
        .map(|&(i, fields, note)| {
            let mut d = Details {
                note: note.to_owned(),
                ..Details::default()
            };
            for (k, v) in fields {
                d.attributes.insert((*k).to_owned(), (*v).to_owned());
            }
            (annotations[i].id.clone(), d)
        })
        .collect();
    let mut annotations = annotations;
    annotations.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    LabelledDocument {
        title: title.to_owned(),
        text: text.to_owned(),
        labels: Vec::new(),
        annotations,
        relations,
        details,
        ..LabelledDocument::default()
    }
}

pub(crate) fn corpus() -> Vec<LabelledDocument> {
    vec![
        document(
            "Austin 😀 on the strikes",
            "😀 Lloyd Austin said the attacks \"need to stop\", a senior US defence official added.\nIraq's foreign ministry said talks would begin.",
            &[("source", "Lloyd Austin"), ("cue", "said"), ("quote", "\"need to stop\""), ("source", "a senior US defence official"), ("claim", "talks would begin")],
            &[(2, 0, Some(1)), (4, 3, None)],
            &[(2, &[("kind", "direct"), ("language", "en")], "Check the transcript.\nTwo lines."), (0, &[("kind", "named person"), ("role", "US defence secretary")], "")],
        ),
        document(
            "وزير الخارجية",
            "قال وزير الخارجية إن المحادثات ستبدأ قريبا.",
            &[("cue", "قال"), ("source", "وزير الخارجية"), ("claim", "المحادثات ستبدأ قريبا")],
            &[(2, 1, Some(0))],
            &[(2, &[("checkable", "yes")], "")],
        ),
        document(
            "外交部",
            "外交部发言人说：“会谈将于明天开始。”",
            &[("source", "外交部发言人"), ("cue", "说"), ("quote", "“会谈将于明天开始。”")],
            &[(2, 0, Some(1))],
            &[],
        ),
        document(
            "CRLF wire copy",
            "The spokesman said\r\n\"no comment\" on Friday.\r\nA second line.",
            &[("source", "The spokesman"), ("quote", "said\r\n\"no comment\""), ("claim", "A second line")],
            &[(1, 0, None)],
            &[(1, &[("kind", "mixed/partial")], "spans a line break")],
        ),
    ]
}

/// What a round trip must keep, independent of ids.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    text: String,
    spans: Vec<(String, usize, usize)>,
    links: Vec<(String, String, Option<String>)>,
    details: Vec<DetailsShape>,
}

fn shape(document: &LabelledDocument, keep: Keep) -> Shape {
    let chars: Vec<char> = document.text.chars().collect();
    let by_id: HashMap<&AnnotationId, &Annotation> =
        document.annotations.iter().map(|a| (&a.id, a)).collect();
    let key = |id: &AnnotationId| {
        let a = by_id[id];
        format!(
            "{}:{}",
            a.label,
            chars[a.start..a.end].iter().collect::<String>()
        )
    };
    let mut links: Vec<_> = document
        .relations
        .iter()
        .map(|r| {
            (
                key(&r.from),
                key(&r.to),
                r.cue.as_ref().filter(|_| keep.cues).map(&key),
            )
        })
        .collect();
    links.sort();
    let mut details: Vec<_> = document
        .details
        .iter()
        .filter(|_| keep.details)
        .map(|(id, d)| {
            let note = if keep.multiline_notes {
                d.note.clone()
            } else {
                d.note.replace('\n', " ")
            };
            (
                key(id),
                d.attributes
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                note,
            )
        })
        .collect();
    details.sort();
    Shape {
        text: document.text.clone(),
        spans: document
            .annotations
            .iter()
            .map(|a| (a.label.to_string(), a.start, a.end))
            .collect(),
        links,
        details,
    }
}

#[derive(Clone, Copy)]
struct Keep {
    cues: bool,
    details: bool,
    multiline_notes: bool,
}

const ALL: Keep = Keep {
    cues: true,
    details: true,
    multiline_notes: true,
};

/// `corpus` written in `format`, and every document read back from its files.
fn written_and_read(
    format: Format,
    corpus: &[LabelledDocument],
    schema: &LabelSchema,
) -> Vec<LabelledDocument> {
    let written = write(format, &named(corpus), schema);
    written
        .files
        .iter()
        .flat_map(|file| {
            read(&file.name, &file.contents, schema)
                .unwrap_or_else(|e| panic!("{format:?}: {e}"))
                .documents
        })
        .collect()
}

fn named(corpus: &[LabelledDocument]) -> Vec<Named<'_>> {
    numbered(corpus)
}

fn round_trip(format: Format, keep: Keep) {
    let corpus = corpus();
    let schema = LabelSchema::default();
    let written = write(format, &named(&corpus), &schema);
    let back = match format {
        Format::Brat => {
            let files: Vec<(String, String)> = written
                .files
                .iter()
                .map(|f| (f.name.clone(), f.contents.clone()))
                .collect();
            brat::read_files(&files, &schema).unwrap()
        }
        Format::Csv => {
            let mut all = Read::default();
            for document in &corpus {
                all.extend(
                    csv::read_onto(
                        &written.files[0].contents,
                        &document.title,
                        &document.text,
                        &schema,
                    )
                    .unwrap(),
                );
            }
            all
        }
        Format::Native => {
            let mut all = Read::default();
            for file in &written.files {
                all.extend(read(&file.name, &file.contents, &schema).unwrap());
            }
            all
        }
        _ => {
            assert_eq!(written.files.len(), 1);
            read(&written.files[0].name, &written.files[0].contents, &schema).unwrap()
        }
    };
    assert!(
        back.new_labels.is_empty(),
        "{format:?}: {:?}",
        back.new_labels
    );
    assert_eq!(back.documents.len(), corpus.len(), "{format:?}");
    for original in &corpus {
        // brat reads its files in name order; match documents by their text.
        let back = back
            .documents
            .iter()
            .find(|d| d.text == original.text)
            .unwrap_or_else(|| panic!("{format:?} lost “{}”", original.title));
        assert_eq!(shape(back, keep), shape(original, keep), "{format:?}");
        if format != Format::Brat {
            assert_eq!(back.title, original.title, "{format:?}");
        }
    }
}

#[test]
fn native_and_jsonl_keep_everything() {
    round_trip(Format::Native, ALL);
    round_trip(Format::Jsonl, ALL);
}

#[test]
fn w3c_keeps_everything() {
    round_trip(Format::W3c, ALL);
}

#[test]
fn label_studio_keeps_everything() {
    round_trip(Format::LabelStudio, ALL);
}

#[test]
fn spacy_keeps_everything() {
    round_trip(Format::Spacy, ALL);
}

#[test]
fn doccano_keeps_spans_and_links_and_says_what_it_drops() {
    round_trip(
        Format::Doccano,
        Keep {
            details: false,
            ..ALL
        },
    );
    let corpus = corpus();
    let written = write(Format::Doccano, &named(&corpus), &LabelSchema::default());
    assert_eq!(
        written.notes,
        ["doccano has no place for field values or notes: 8 were not written."]
    );
}

#[test]
fn brat_keeps_everything_but_line_breaks_in_notes() {
    round_trip(
        Format::Brat,
        Keep {
            multiline_notes: false,
            ..ALL
        },
    );
}

#[test]
fn csv_keeps_spans_links_and_details_but_not_cues() {
    round_trip(Format::Csv, Keep { cues: false, ..ALL });
}

/// brat's own check: each T line's text is the document text at its fragments,
/// joined by a space; a span over a CRLF becomes two fragments.
#[test]
fn brat_offsets_match_the_text_as_brat_checks_them() {
    let corpus = corpus();
    let written = write(Format::Brat, &named(&corpus), &LabelSchema::default());
    let crlf = written
        .files
        .iter()
        .find(|f| f.name == "CRLF wire copy.ann")
        .unwrap();
    assert!(
        crlf.contents
            .contains("\tQuote 14 18;20 32\tsaid \"no comment\"\n"),
        "{}",
        crlf.contents
    );
    for ann in written.files.iter().filter(|f| f.name.ends_with(".ann")) {
        let txt = written
            .files
            .iter()
            .find(|f| f.name == ann.name.replace(".ann", ".txt"))
            .unwrap();
        let chars: Vec<char> = txt.contents.chars().collect();
        for line in ann.contents.lines().filter(|l| l.starts_with('T')) {
            let columns: Vec<&str> = line.split('\t').collect();
            let offsets = columns[1].split_once(' ').unwrap().1;
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|p| {
                    let (s, e) = p.split_once(' ').unwrap();
                    chars[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()]
                        .iter()
                        .collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), columns[2], "{line}");
        }
    }
    let conf = &written.files.last().unwrap();
    assert_eq!(conf.name, "annotation.conf");
    assert!(conf
        .contents
        .contains("kind\tArg:<ENTITY>, Value:direct|indirect|mixed/partial|named_person|"));
}

#[test]
fn foreign_labels_join_the_schema_and_bad_offsets_refuse_the_file() {
    let schema = LabelSchema::default();
    let doccano = "{\"text\":\"Ann met Bob.\",\"label\":[[0,3,\"PERSON\"],[8,11,\"Person\"],[4,7,\"quote\"]]}\n";
    let back = read("x.jsonl", doccano, &schema).unwrap();
    assert_eq!(back.new_labels.len(), 1);
    assert_eq!(back.new_labels[0].name, "PERSON");
    let labels: Vec<&str> = back.documents[0]
        .annotations
        .iter()
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(labels, ["person", "quote", "person"]);
    let bad = "{\"text\":\"Ann\",\"label\":[[0,9,\"PERSON\"]]}\n";
    assert_eq!(
        read("x.jsonl", bad, &schema).unwrap_err().to_string(),
        "Annotation line 1, label 1 has offsets 0–9, outside the text (3 characters)."
    );
}

#[test]
fn label_studio_utf16_offsets_from_older_versions_are_converted() {
    // "😀 " is three UTF-16 units but two code points.
    let task = r#"[{"data":{"text":"😀 firemen"},"annotations":[{"result":[{"id":"r1","type":"labels","from_name":"label","to_name":"text","value":{"start":3,"end":10,"text":"firemen","labels":["Source"]}}]}]}]"#;
    let back = read("tasks.json", task, &LabelSchema::default()).unwrap();
    let a = &back.documents[0].annotations[0];
    assert_eq!((a.start, a.end), (2, 9));
    assert_eq!(back.notes, ["1 regions counted their offsets in UTF-16 units (older Label Studio); they were converted to code points."]);
}

/// The corpus, as a native JSONL file, for the consumer checks in `scripts/test`
/// (spaCy, the W3C schema). Kept equal to `corpus()`; `MARGINALIA_BLESS=1` rewrites it.
#[test]
fn corpus_file_matches_the_test_corpus() {
    let corpus = corpus();
    let written = write(Format::Jsonl, &named(&corpus), &LabelSchema::default());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/corpus.jsonl");
    if std::env::var_os("MARGINALIA_BLESS").is_some() {
        std::fs::write(path, &written.files[0].contents).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        written.files[0].contents,
        "run with MARGINALIA_BLESS=1 to update"
    );
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    /// Every format's export of the corpus, as (file name, contents).
    fn exports() -> Vec<(String, String)> {
        let corpus = corpus();
        let schema = LabelSchema::default();
        Format::ALL
            .into_iter()
            .filter(|f| !matches!(f, Format::Brat | Format::Csv))
            .flat_map(|format| write(format, &named(&corpus), &schema).files)
            .map(|file| (file.name, file.contents))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Damaged files (digits changed, text cut, characters swapped) are read or
        /// refused with a message; reading never panics.
        #[test]
        fn damaged_files_never_panic(which in 0usize..64, at in 0.0f64..1.0, cut in proptest::bool::ANY, digit in 0u32..10) {
            let files = exports();
            let (name, text) = &files[which % files.len()];
            let chars: Vec<char> = text.chars().collect();
            let index = ((chars.len() - 1) as f64 * at) as usize;
            let damaged: String = if cut {
                chars[..index].iter().collect()
            } else {
                chars
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| if i == index || (i > index && i < index + 40 && c.is_ascii_digit()) { char::from_digit(digit, 10).unwrap() } else { c })
                    .collect()
            };
            let _ = read(name, &damaged, &LabelSchema::default());
        }

        /// The same for brat: a damaged .ann beside its .txt.
        #[test]
        fn damaged_brat_never_panics(at in 0.0f64..1.0, digit in 0u32..10) {
            let corpus = corpus();
            let written = write(Format::Brat, &named(&corpus), &LabelSchema::default());
            let mut files: Vec<(String, String)> = written.files.iter().map(|f| (f.name.clone(), f.contents.clone())).collect();
            let ann = files.iter().position(|(n, _)| n.ends_with(".ann")).unwrap();
            let chars: Vec<char> = files[ann].1.chars().collect();
            let index = ((chars.len() - 1) as f64 * at) as usize;
            files[ann].1 = chars.iter().enumerate().map(|(i, &c)| if i == index { char::from_digit(digit, 10).unwrap() } else { c }).collect();
            let _ = brat::read_files(&files, &LabelSchema::default());
        }
    }
}

#[test]
fn article_metadata_travels_in_the_formats_that_can_hold_it() {
    let mut corpus = corpus();
    corpus[0].meta = Some(crate::model::article_meta::ArticleMeta {
        byline: Some("Tony Gamal-Gabriel".into()),
        published: Some("2024-01-25T10:00:00Z".into()),
        url: Some("https://news.example/iraq-troops-talks".into()),
        site: Some("Energy News".into()),
        ..Default::default()
    });
    let schema = LabelSchema::default();
    for format in [
        Format::Native,
        Format::Jsonl,
        Format::W3c,
        Format::LabelStudio,
        Format::Doccano,
    ] {
        let back: Vec<Option<crate::model::article_meta::ArticleMeta>> =
            written_and_read(format, &corpus, &schema)
                .into_iter()
                .map(|d| d.meta)
                .collect();
        assert_eq!(back[0], corpus[0].meta, "{format:?}");
        assert!(back[1..].iter().all(Option::is_none), "{format:?}");
    }
}

/// Issue 14: who annotated a document travels where a format has a place for
/// it — `annotator` in Marginalia JSON and JSONL, each annotation's `creator`
/// in W3C Web Annotation.
#[test]
fn the_annotator_travels_in_the_formats_that_can_hold_it() {
    let mut corpus = corpus();
    corpus[0].annotator = Some("Ana".into());
    let schema = LabelSchema::default();
    for format in [Format::Native, Format::Jsonl, Format::W3c] {
        let back: Vec<Option<String>> = written_and_read(format, &corpus, &schema)
            .into_iter()
            .map(|d| d.annotator)
            .collect();
        assert_eq!(back[0].as_deref(), Some("Ana"), "{format:?}");
        assert!(back[1..].iter().all(Option::is_none), "{format:?}");
    }
}
