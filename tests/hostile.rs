//! Inputs that crashed, hung or silently lost data before (issue 8), each read
//! and written through the public API the web app's worker and the command use.

use std::collections::HashMap;

use marginalia::formats::{self, brat, Format, Read};
use marginalia::model::document::Annotation;
use marginalia::model::ids::{AnnotationId, LabelId};
use marginalia::model::labelled::{FormatError, LabelledDocument};
use marginalia::model::labels::LabelSchema;
use marginalia::model::limits::{MAX_LABELS, MAX_NESTING};

fn schema() -> LabelSchema {
    LabelSchema::default()
}

fn read(name: &str, text: &str) -> Result<Read, FormatError> {
    formats::read(name, text, &schema())
}

fn span(id: &str, label: &str, start: usize, end: usize) -> Annotation {
    Annotation {
        id: AnnotationId::new(id),
        label: LabelId::new(label),
        start,
        end,
    }
}

fn document(title: &str, text: &str, annotations: Vec<Annotation>) -> LabelledDocument {
    LabelledDocument {
        title: title.to_owned(),
        text: text.to_owned(),
        labels: Vec::new(),
        annotations,
        relations: Vec::new(),
        details: HashMap::new(),
        ..LabelledDocument::default()
    }
}

/// Writes documents in a format and reads what it wrote back.
fn round_trip(format: Format, documents: &[LabelledDocument], schema: &LabelSchema) -> Read {
    let written = formats::write(format, &formats::numbered(documents), schema);
    let files: Vec<(String, String)> = written
        .files
        .into_iter()
        .map(|f| (f.name, f.contents))
        .collect();
    match format {
        Format::Brat => brat::read_files(&files, schema).unwrap(),
        _ => {
            let (name, text) = &files[0];
            formats::read(name, text, schema).unwrap()
        }
    }
}

#[test]
fn blank_or_missing_labels_in_every_reader_become_one_label_named_unnamed() {
    let inputs = [
        ("a.spacy.jsonl", r#"{"text":"one two","spans":[{"start":0,"end":3,"label":""},{"start":4,"end":7,"label":" "}]}"#.to_owned()),
        ("a.spacy.jsonl", r#"{"text":"one two","spans":[{"start":0,"end":3},{"start":4,"end":7}]}"#.to_owned()),
        ("a.jsonl", r#"{"text":"one two","entities":[{"id":1,"label":"","start_offset":0,"end_offset":3},{"id":2,"label":"","start_offset":4,"end_offset":7}]}"#.to_owned()),
        ("a.jsonl", r#"{"text":"one two","label":[[0,3,""],[4,7,"  "]]}"#.to_owned()),
        ("a.json", r#"[{"data":{"text":"one two"},"annotations":[{"result":[{"id":"x","type":"labels","value":{"start":0,"end":3,"text":"one","labels":[""]}},{"id":"y","type":"labels","value":{"start":4,"end":7,"text":"two","labels":[" "]}}]}]}]"#.to_owned()),
        ("a.jsonld", r#"{"type":"AnnotationCollection","marginalia:documents":[{"id":"d","text":"one two"}],"first":{"items":[
            {"id":"x","target":{"source":"d","selector":[{"type":"TextPositionSelector","start":0,"end":3}]},"body":[{"purpose":"tagging","value":""}]},
            {"id":"y","target":{"source":"d","selector":[{"type":"TextPositionSelector","start":4,"end":7}]},"body":[{"purpose":"tagging","value":" "}]}]}}"#.to_owned()),
    ];
    for (name, text) in inputs {
        let read = read(name, &text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(read.documents[0].annotations.len(), 2, "{text}");
        let names: Vec<&str> = read.new_labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["unnamed"], "{text}");
    }
    // brat type `_` (what a label with no letters was written as) and CSV.
    let files = [
        ("a.txt".to_owned(), "one two".to_owned()),
        (
            "a.ann".to_owned(),
            "T1\t_ 0 3\tone\nT2\t_ 4 7\ttwo\n".to_owned(),
        ),
    ];
    let read = brat::read_files(&files, &schema()).unwrap();
    assert_eq!(read.documents[0].annotations.len(), 2);
    let csv = "document,id,label,start,end,text\nx,1,,0,3,one\nx,2, ,4,7,two\n";
    let read = formats::csv::read_onto(csv, "x", "one two", &schema()).unwrap();
    assert_eq!(read.documents[0].annotations.len(), 2);
}

#[test]
fn a_label_with_no_letters_survives_brat_and_keeps_apart_from_others() {
    let mut schema = schema();
    let mut builder = formats::Builder::new(&schema);
    let smile = builder.label("😀").unwrap();
    let bang = builder.label("!!!").unwrap();
    let query = builder.label("???").unwrap();
    schema.merge(&builder.finish().new_labels);
    let doc = document(
        "x",
        "one two three",
        vec![
            span("a1", smile.as_str(), 0, 3),
            span("a2", bang.as_str(), 4, 7),
            span("a3", query.as_str(), 8, 13),
        ],
    );
    let back = round_trip(Format::Brat, std::slice::from_ref(&doc), &schema);
    let labels: Vec<&LabelId> = back.documents[0]
        .annotations
        .iter()
        .map(|a| &a.label)
        .collect();
    assert_eq!(labels, [&smile, &bang, &query]);
}

#[test]
fn documents_that_share_a_title_get_a_file_each() {
    let docs = [
        document("x-d3", "alpha", vec![span("a1", "quote", 0, 5)]),
        document("x", "beta", vec![span("a1", "quote", 0, 4)]),
        document("x", "gamma", vec![span("a1", "quote", 0, 5)]),
        document("X", "delta", vec![span("a1", "quote", 0, 5)]),
    ];
    for format in [Format::Native, Format::Brat] {
        let written = formats::write(format, &formats::numbered(&docs), &schema());
        let mut names: Vec<String> = written
            .files
            .iter()
            .map(|f| f.name.to_lowercase())
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "{format:?}: {names:?}");
        let zip = formats::archive::zip("corpus", &written.files).unwrap();
        let members = formats::archive::unzip(&zip).unwrap();
        assert_eq!(members.files.len(), count);
    }
    let back = round_trip(Format::Brat, &docs, &schema());
    let mut texts: Vec<&str> = back.documents.iter().map(|d| d.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["alpha", "beta", "delta", "gamma"]);
}

#[test]
fn long_titles_make_short_file_names() {
    let title = "外交部发言人说会谈将于明天开始".repeat(20) + &"😀".repeat(100);
    let docs = [document(&title, "text", vec![])];
    for name in formats::file_names(&formats::numbered(&docs)) {
        assert!(name.len() <= 120, "{} bytes", name.len());
    }
}

#[test]
fn a_text_file_that_is_not_utf8_refuses_the_archive_and_pictures_are_passed_over() {
    let good = formats::OutputFile {
        name: "a.ann".into(),
        contents: "T1\tQuote 0 3\tone\n".into(),
    };
    let zip = formats::archive::zip("c", std::slice::from_ref(&good)).unwrap();
    assert!(formats::archive::unzip(&zip)
        .unwrap()
        .passed_over
        .is_empty());
    let mut members = formats::archive::Members::default();
    members
        .add("photo.jpg".into(), vec![0xff, 0xd8, 0xff])
        .unwrap();
    assert!(members.note().unwrap().contains("photo.jpg"));
    let error = members
        .add("story.txt".into(), b"caf\xe9".to_vec())
        .unwrap_err();
    assert!(
        error.to_string().contains("story.txt is not UTF-8"),
        "{error}"
    );
}

#[test]
fn brat_keeps_spans_that_start_or_end_on_a_line_break() {
    let text = "first\nsecond\n\nthird";
    let docs = [document(
        "breaks",
        text,
        vec![
            span("a1", "quote", 0, 6),    // ends on the line break
            span("a2", "claim", 5, 12),   // starts on it
            span("a3", "source", 13, 14), // only a line break
            span("a4", "cue", 12, 15),    // line breaks at both ends
        ],
    )];
    let back = round_trip(Format::Brat, &docs, &schema());
    let spans: Vec<(usize, usize)> = back.documents[0]
        .annotations
        .iter()
        .map(|a| (a.start, a.end))
        .collect();
    let mut expected: Vec<(usize, usize)> = docs[0]
        .annotations
        .iter()
        .map(|a| (a.start, a.end))
        .collect();
    expected.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    assert_eq!(spans, expected);
}

#[test]
fn brat_discontinuous_spans_are_reported_and_a_bom_loses_nothing() {
    let files = [
        ("a.txt".to_owned(), "Hello there, he said, world".to_owned()),
        (
            "a.ann".to_owned(),
            "\u{feff}T1\tQuote 0 5;22 27\tHello world\nT2\tSource 13 15\the\n".to_owned(),
        ),
    ];
    let read = brat::read_files(&files, &schema()).unwrap();
    assert_eq!(read.documents[0].annotations.len(), 2);
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains("1 discontinuous spans")),
        "{:?}",
        read.notes
    );
    // Fragments split only at a line break are brat's way of crossing it: no note.
    let files = [
        ("b.txt".to_owned(), "Hello\nworld".to_owned()),
        (
            "b.ann".to_owned(),
            "T1\tQuote 0 5;6 11\tHello world\n".to_owned(),
        ),
    ];
    let read = brat::read_files(&files, &schema()).unwrap();
    assert_eq!(read.documents[0].annotations[0].end, 11);
    assert!(read.notes.is_empty(), "{:?}", read.notes);
}

#[test]
fn two_web_annotation_documents_with_one_id_are_refused() {
    let text = r#"{"type":"AnnotationCollection","marginalia:documents":[{"id":"d","text":"one"},{"id":"d","text":"two"}],
        "first":{"items":[{"id":"x","target":{"source":"d","selector":[{"type":"TextPositionSelector","start":0,"end":3}]},"body":[{"purpose":"tagging","value":"quote"}]}]}}"#;
    let error = read("a.jsonld", text).unwrap_err();
    assert!(
        error.to_string().contains("two documents have the id d"),
        "{error}"
    );
}

#[test]
fn too_many_labels_are_refused_with_the_limit() {
    let spans: Vec<String> = (0..=MAX_LABELS)
        .map(|i| format!(r#"{{"start":0,"end":1,"label":"L{i}"}}"#))
        .collect();
    let text = format!(r#"{{"text":"x","spans":[{}]}}"#, spans.join(","));
    let error = read("a.spacy.jsonl", &text).unwrap_err();
    assert!(
        error.to_string().contains("more than 1000 labels"),
        "{error}"
    );
}

#[test]
fn annotations_nested_too_deep_are_refused() {
    let depth = MAX_NESTING + 1;
    let text = "x".repeat(depth * 2);
    let entities: Vec<String> = (0..depth)
        .map(|i| {
            format!(
                r#"{{"id":{i},"label":"quote","start_offset":{i},"end_offset":{}}}"#,
                depth * 2 - i
            )
        })
        .collect();
    let line = format!(r#"{{"text":"{text}","entities":[{}]}}"#, entities.join(","));
    let error = read("a.jsonl", &line).unwrap_err();
    assert!(
        error.to_string().contains("at most 64 on one character"),
        "{error}"
    );
}

#[test]
fn a_hundred_thousand_spans_read_and_write_in_every_format() {
    // Before, reading this took minutes (every span compared with every other).
    let count = 100_000;
    let text = "ab ".repeat(count);
    let annotations: Vec<Annotation> = (0..count)
        .map(|i| span(&format!("a{}", i + 1), "quote", i * 3, i * 3 + 2))
        .collect();
    let docs = [document("many", &text, annotations)];
    for format in [
        Format::Native,
        Format::W3c,
        Format::LabelStudio,
        Format::Doccano,
        Format::Spacy,
        Format::Brat,
    ] {
        let back = round_trip(format, &docs, &schema());
        assert_eq!(back.documents[0].annotations.len(), count, "{format:?}");
    }
}

#[test]
fn messages_quote_input_on_one_line_without_escape_codes() {
    let text = "{\"text\":\"one\",\"entities\":[{\"id\":1,\"label\":\"q\",\"start_offset\":0,\"end_offset\":9}]}";
    let error = read("a.jsonl", text).unwrap_err().to_string();
    assert!(!error.contains('\n'));
    let printable = formats::printable("evil\u{1b}[31m\nline");
    assert_eq!(printable, "evil\\u{1b}[31m\\u{a}line");
    let files = [
        ("a\u{1b}[2J.txt".to_owned(), "one".to_owned()),
        (
            "a\u{1b}[2J.ann".to_owned(),
            "T1\tQuote 0 9\tone\n".to_owned(),
        ),
    ];
    let error = brat::read_files(&files, &schema()).unwrap_err().to_string();
    assert!(!error.contains('\u{1b}'), "{error}");
}

#[test]
fn csv_cells_are_exact_by_default_and_neutralised_for_spreadsheets() {
    let docs = [document(
        "=HYPERLINK(\"x\")",
        "-1 +2 @3",
        vec![span("a1", "claim", 0, 2)],
    )];
    let exact = formats::write(Format::Csv, &formats::numbered(&docs), &schema());
    assert!(
        exact.files[0]
            .contents
            .contains("\"=HYPERLINK(\"\"x\"\")\",a1,Claim,0,2,-1"),
        "{}",
        exact.files[0].contents
    );
    let options = formats::Options {
        csv_cells: formats::csv::Cells::ForSpreadsheets,
        ..Default::default()
    };
    let safe = formats::write_with_options(
        Format::Csv,
        &formats::numbered(&docs),
        &schema(),
        options,
        &mut || {},
    );
    assert!(
        safe.files[0]
            .contents
            .contains("\"'=HYPERLINK(\"\"x\"\")\",a1,Claim,0,2,'-1"),
        "{}",
        safe.files[0].contents
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Documents built from random choices among the structures that broke
    /// readers and writers (blank, alike and emoji labels; shared and long
    /// titles; line breaks, CRLF and BOMs at span edges; links with cues) go
    /// through every format and come back with every span where it was.
    #[test]
    fn hostile_documents_survive_every_format(
        choices in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..160),
    ) {
        marginalia::fuzzing::round_trip(&choices);
    }
}
