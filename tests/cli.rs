//! The `marginalia` command: conversions between every pair of formats on a corpus
//! with emoji, Arabic and CRLF, folders and .zip for brat, and one-line errors with
//! a non-zero exit for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marginalia::formats::{self, Format};
use marginalia::model::document::{Annotation, Relation};
use marginalia::model::ids::{AnnotationId, LabelId, RelationId};
use marginalia::model::labelled::LabelledDocument;
use marginalia::model::labels::LabelSchema;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marginalia-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn marginalia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .unwrap()
}

fn span(id: &str, label: &str, text: &str, needle: &str) -> Annotation {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    Annotation {
        id: AnnotationId::new(id),
        label: LabelId::new(label),
        start,
        end: start + needle.chars().count(),
    }
}

fn corpus() -> Vec<LabelledDocument> {
    let one = "😀 Austin said the strikes \"must stop\".\r\nOfficials disagreed.";
    let two = "قال الوزير إن المحادثات ستبدأ.";
    let document = |title: &str,
                    text: &str,
                    annotations: Vec<Annotation>,
                    links: Vec<(&str, &str)>| LabelledDocument {
        title: title.into(),
        text: text.into(),
        labels: vec![],
        annotations,
        relations: links
            .into_iter()
            .enumerate()
            .map(|(i, (from, to))| Relation {
                id: RelationId::new(&format!("r{}", i + 1)),
                from: AnnotationId::new(from),
                to: AnnotationId::new(to),
                cue: None,
            })
            .collect(),
        details: Default::default(),
        ..LabelledDocument::default()
    };
    vec![
        document(
            "One",
            one,
            vec![
                span("a1", "source", one, "Austin"),
                span("a2", "quote", one, "\"must stop\""),
            ],
            vec![("a2", "a1")],
        ),
        document(
            "Two",
            two,
            vec![
                span("a1", "source", two, "الوزير"),
                span("a2", "claim", two, "المحادثات ستبدأ"),
            ],
            vec![("a2", "a1")],
        ),
    ]
}

fn write_corpus(dir: &Path) -> PathBuf {
    let corpus = corpus();
    let written = formats::write(
        Format::Jsonl,
        &formats::numbered(&corpus),
        &LabelSchema::default(),
    );
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, &written.files[0].contents).unwrap();
    path
}

/// Every annotation as "label:text", and every link as "from -> to", per document.
fn summary(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let read = formats::read("x.jsonl", &text, &LabelSchema::default()).unwrap();
    read.documents
        .iter()
        .flat_map(|d| {
            let chars: Vec<char> = d.text.chars().collect();
            let text_of = |id: &AnnotationId| {
                let a = d.annotations.iter().find(|a| &a.id == id).unwrap();
                chars[a.start..a.end].iter().collect::<String>()
            };
            let links: Vec<String> = d
                .relations
                .iter()
                .map(|r| format!("{} -> {}", text_of(&r.from), text_of(&r.to)))
                .collect();
            let spans: Vec<String> = d
                .annotations
                .iter()
                .map(|a| {
                    format!(
                        "{}:{}",
                        a.label,
                        chars[a.start..a.end].iter().collect::<String>()
                    )
                })
                .collect();
            spans.into_iter().chain(links).collect::<Vec<_>>()
        })
        .collect()
}

/// Runs `marginalia convert input --to format -o output`.
fn try_convert(input: &Path, format: &str, output: &Path) -> Output {
    marginalia(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        format,
        "-o",
        output.to_str().unwrap(),
    ])
}

/// `try_convert`, requiring success.
fn convert(input: &Path, format: &str, output: &Path) {
    let result = try_convert(input, format, output);
    assert!(
        result.status.success(),
        "{} → {format}: {}",
        input.display(),
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn every_format_converts_there_and_back() {
    let dir = scratch("round");
    let input = write_corpus(&dir);
    let expected = summary(&input);
    for format in [
        "native",
        "w3c",
        "label-studio",
        "doccano",
        "spacy",
        "brat",
        "jsonl",
    ] {
        let out = dir.join(format!("out-{format}"));
        convert(&input, format, &out);
        let back = dir.join(format!("back-{format}.jsonl"));
        convert(&out, "jsonl", &back);
        assert_eq!(summary(&back), expected, "{format}");
    }
}

#[test]
fn brat_goes_to_a_zip_when_asked() {
    let dir = scratch("zip");
    let input = write_corpus(&dir);
    let zip = dir.join("brat.zip");
    convert(&input, "brat", &zip);
    assert_eq!(&std::fs::read(&zip).unwrap()[..2], b"PK");
    let back = dir.join("back.jsonl");
    convert(&zip, "jsonl", &back);
    assert_eq!(summary(&back), summary(&input));
}

#[test]
fn bad_input_is_one_line_and_a_non_zero_exit() {
    let dir = scratch("bad");
    let binary = dir.join("photo.json");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0x00]).unwrap();
    let missing = dir.join("missing.json");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": \"marginalia\", ").unwrap();
    let cases = [
        (
            vec![
                "convert",
                binary.to_str().unwrap(),
                "--to",
                "csv",
                "-o",
                "x",
            ],
            1,
            "photo.json: this is not UTF-8 text",
        ),
        (
            vec![
                "convert",
                broken.to_str().unwrap(),
                "--to",
                "csv",
                "-o",
                "x",
            ],
            1,
            "broken.json: ",
        ),
        (
            vec![
                "convert",
                missing.to_str().unwrap(),
                "--to",
                "csv",
                "-o",
                "x",
            ],
            1,
            "missing.json: ",
        ),
        (
            vec![
                "convert",
                broken.to_str().unwrap(),
                "--to",
                "yaml",
                "-o",
                "x",
            ],
            2,
            "unknown format “yaml”",
        ),
    ];
    for (args, code, message) in cases {
        let result = marginalia(&args);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("marginalia: ") && stderr.contains(message),
            "{args:?}: {stderr}"
        );
        if code == 1 {
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
        }
    }
}

#[test]
fn a_folder_holding_a_text_that_is_not_utf8_is_refused_naming_it() {
    let dir = scratch("latin1");
    let input = dir.join("corpus");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("story.txt"), b"caf\xe9 au lait").unwrap();
    std::fs::write(input.join("story.ann"), "T1\tSource 0 4\tcaf?\n").unwrap();
    std::fs::write(input.join("photo.jpg"), [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    let out = dir.join("out.jsonl");
    let result = try_convert(&input, "jsonl", &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("story.txt is not UTF-8 text"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.exists());
}

#[test]
fn titles_that_repeat_or_run_long_still_give_a_file_per_document() {
    let dir = scratch("titles");
    let long = "外交部发言人说会谈将于明天开始".repeat(12);
    let docs: Vec<LabelledDocument> = [long.as_str(), long.as_str(), "x", "X"]
        .iter()
        .enumerate()
        .map(|(i, title)| LabelledDocument {
            title: (*title).to_owned(),
            text: format!("text {i}"),
            labels: vec![],
            annotations: vec![span("a1", "quote", &format!("text {i}"), "text")],
            relations: vec![],
            details: Default::default(),
            ..LabelledDocument::default()
        })
        .collect();
    let written = formats::write(
        Format::Jsonl,
        &formats::numbered(&docs),
        &LabelSchema::default(),
    );
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, &written.files[0].contents).unwrap();
    for format in ["brat", "native"] {
        let out = dir.join(format!("out-{format}"));
        convert(&input, format, &out);
        let back = dir.join(format!("back-{format}.jsonl"));
        convert(&out, "jsonl", &back);
        assert_eq!(summary(&back).len(), 4, "{format}");
    }
}

#[test]
fn output_that_cannot_be_written_leaves_nothing_half_done() {
    let dir = scratch("partial");
    let input = write_corpus(&dir);
    // A file where the output folder's parent should be: nothing can be written.
    let blocker = dir.join("blocker");
    std::fs::write(&blocker, "a file").unwrap();
    let out = blocker.join("brat");
    let result = try_convert(&input, "brat", &out);
    assert_eq!(result.status.code(), Some(1));
    // A folder that holds anything is never written into; an empty one is filled.
    let folder = dir.join("brat-out");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "the user's own file").unwrap();
    let result = try_convert(&input, "brat", &folder);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("is not an empty folder"), "{stderr}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    std::fs::remove_file(folder.join("notes.txt")).unwrap();
    convert(&input, "brat", &folder);
    assert!(folder.join("One.ann").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn place_carries_annotations_onto_another_copy_and_says_how() {
    let dir = scratch("place");
    let text = "Austin said the attacks \"must stop\", officials said.\nNothing else.";
    let docs = [LabelledDocument {
        title: "One".into(),
        text: text.into(),
        labels: vec![],
        annotations: vec![
            span("a1", "source", text, "Austin"),
            span("a2", "cue", text, "said"),
            span("a3", "quote", text, "\"must stop\""),
            span("a4", "claim", text, "Nothing else"),
        ],
        relations: vec![Relation {
            id: RelationId::new("r1"),
            from: AnnotationId::new("a3"),
            to: AnnotationId::new("a1"),
            cue: Some(AnnotationId::new("a2")),
        }],
        details: Default::default(),
        ..LabelledDocument::default()
    }];
    let written = formats::write(
        Format::Native,
        &formats::numbered(&docs),
        &LabelSchema::default(),
    );
    let annotations = dir.join("one.json");
    std::fs::write(&annotations, &written.files[0].contents).unwrap();
    let copy = dir.join("copy.txt");
    std::fs::write(&copy, "BAGHDAD (AFP)\r\n\r\nUS defence chief Austin said\r\nthe attacks “must stop”, officials said.\r\n").unwrap();
    let out = dir.join("placed.json");
    let result = marginalia(&[
        "place",
        annotations.to_str().unwrap(),
        "--onto",
        copy.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "placed 3 of 4 annotations (3 exactly, 0 approximately, 1 not found) and 1 of 1 links"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("not found: claim “Nothing else”"),
        "{stderr}"
    );
    let placed = std::fs::read_to_string(&out).unwrap();
    let read = formats::read("placed.json", &placed, &LabelSchema::default()).unwrap();
    let document = &read.documents[0];
    let texts: Vec<String> = document
        .annotations
        .iter()
        .map(|a| {
            document
                .text
                .chars()
                .skip(a.start)
                .take(a.end - a.start)
                .collect()
        })
        .collect();
    assert_eq!(texts, ["Austin", "said", "“must stop”"]);
    assert_eq!(document.relations.len(), 1);
    assert!(document.relations[0].cue.is_some());
    // Placing again onto that document keeps what it has and adds nothing twice.
    let again = dir.join("again.json");
    let result = marginalia(&[
        "place",
        annotations.to_str().unwrap(),
        "--onto",
        out.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let text = std::fs::read_to_string(&again).unwrap();
    let read = formats::read("again.json", &text, &LabelSchema::default()).unwrap();
    assert_eq!(read.documents[0].annotations.len(), 3);
    assert_eq!(read.documents[0].relations.len(), 1);
}

/// A PARC-style brat corpus (tests/fixtures/parc-style) goes through the command
/// with its events: out as events again (the same lines for `post`), and with
/// `--map Content=quote` the content spans become quotes and no `Content` label
/// is added.
#[test]
fn parc_style_events_round_trip_and_labels_map_onto_ours() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parc-style");
    let dir = scratch("parc");
    let out = dir.join("events");
    let done = marginalia(&[
        "convert",
        corpus.to_str().unwrap(),
        "--to",
        "brat",
        "--events",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let post = std::fs::read_to_string(out.join("post.ann")).unwrap();
    assert_eq!(
        post,
        std::fs::read_to_string(corpus.join("post.ann")).unwrap()
    );
    let talks = std::fs::read_to_string(out.join("talks.ann")).unwrap();
    assert!(
        talks.contains(" Content:T")
            && talks.contains(" Content2:T")
            && talks.contains(" Source2:T"),
        "{talks}"
    );
    // And back: the same links as the corpus had.
    let native = dir.join("again.jsonl");
    convert(&out, "jsonl", &native);
    let text = std::fs::read_to_string(&native).unwrap();
    assert_eq!(text.matches("\"cue\":\"a").count(), 6, "{text}");

    let mapped = dir.join("mapped.jsonl");
    let done = marginalia(&[
        "convert",
        corpus.to_str().unwrap(),
        "--to",
        "jsonl",
        "--map",
        "Content=quote",
        "-o",
        mapped.to_str().unwrap(),
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(
        stderr.contains("mapped Content → quote: 4 spans"),
        "{stderr}"
    );
    let jsonl = std::fs::read_to_string(&mapped).unwrap();
    assert!(!jsonl.contains("\"content\""), "{jsonl}");
    assert!(jsonl.contains("\"label\":\"quote\""), "{jsonl}");

    let wrong = marginalia(&[
        "convert",
        corpus.to_str().unwrap(),
        "--to",
        "jsonl",
        "--map",
        "Content=quotation",
        "-o",
        mapped.to_str().unwrap(),
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--map: “quotation” is not a label"));
}

/// `marginalia suggest`: a folder of plain articles comes out with the quotes,
/// cues and sources the rules find, linked; `--min-confidence` leaves out the
/// unsure; a bad value is refused.
#[test]
fn suggest_writes_who_said_what_for_a_folder_of_articles() {
    let dir = scratch("suggest");
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("one.txt"),
        "“We will stay until the job is done,” the minister said on Thursday.\r\n",
    )
    .unwrap();
    std::fs::write(
        articles.join("two.txt"),
        "A senior official said the talks would resume next week in Baghdad.\n",
    )
    .unwrap();
    let out = dir.join("suggested.jsonl");
    let done = marginalia(&[
        "suggest",
        articles.to_str().unwrap(),
        "--to",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(
        stderr.contains("suggested 6 annotations and 2 links in 2 documents"),
        "{stderr}"
    );
    let jsonl = std::fs::read_to_string(&out).unwrap();
    assert!(jsonl.contains(r#""text":"the minister""#), "{jsonl}");
    assert!(
        jsonl.contains(r#""text":"the talks would resume next week in Baghdad""#),
        "{jsonl}"
    );
    assert!(jsonl.contains(r#""kind":"indirect""#), "{jsonl}");

    let sure = marginalia(&[
        "suggest",
        articles.to_str().unwrap(),
        "--to",
        "jsonl",
        "--min-confidence",
        "70",
        "-o",
        dir.join("sure.jsonl").to_str().unwrap(),
    ]);
    assert!(sure.status.success());
    assert!(String::from_utf8_lossy(&sure.stderr).contains("suggested 3 annotations and 1 links"));
    let bad = marginalia(&[
        "suggest",
        articles.to_str().unwrap(),
        "--to",
        "jsonl",
        "--min-confidence",
        "150",
        "-o",
        "x",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

/// `marginalia suggest --patterns`: cues from a Prodigy pattern file find
/// attributions our lexicon does not know; a file that is not patterns is refused.
#[test]
fn suggest_takes_more_cues_from_a_prodigy_pattern_file() {
    let dir = scratch("suggest-patterns");
    let article = dir.join("article.txt");
    std::fs::write(
        &article,
        "“We will appeal the ruling,” the lawyer grumbled.\n",
    )
    .unwrap();
    let patterns = dir.join("cues.jsonl");
    std::fs::write(
        &patterns,
        "{\"label\": \"CUE\", \"pattern\": [{\"lower\": \"grumbled\"}]}\n{\"label\": \"ORG\", \"pattern\": \"Reuters\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = dir.join("out.jsonl");
        let mut args = vec![
            "suggest",
            article.to_str().unwrap(),
            "--to",
            "jsonl",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        marginalia(&args)
    };
    let plain = run(&[]);
    assert!(String::from_utf8_lossy(&plain.stderr).contains("suggested 1 annotations and 0 links"));
    let with = run(&["--patterns", patterns.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&with.stderr);
    assert!(
        stderr.contains("suggested 3 annotations and 1 links"),
        "{stderr}"
    );
    let jsonl = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
    assert!(jsonl.contains(r#""text":"grumbled""#), "{jsonl}");

    std::fs::write(&patterns, "not json\n").unwrap();
    let bad = run(&["--patterns", patterns.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("line 1 is not a JSON pattern"));
}

/// A native JSON version of the agreement fixture (`model::agreement::tests`).
fn agreement_version(
    annotator: &str,
    spans: &[(&str, &str, usize, usize, &str)],
    links: &[(&str, &str, Option<&str>)],
) -> String {
    let text =
        "The minister said the talks would resume. Critics said the plan was late and costly.";
    let chars: Vec<char> = text.chars().collect();
    let annotations: Vec<String> = spans
        .iter()
        .map(|(id, label, start, end, kind)| {
            let said: String = chars[*start..*end].iter().collect();
            let attributes = if kind.is_empty() { String::new() } else { format!(r#","attributes":{{"kind":"{kind}"}}"#) };
            format!(r#"{{"id":"{id}","label":"{label}","start":{start},"end":{end},"text":"{said}"{attributes}}}"#)
        })
        .collect();
    let relations: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(n, (from, to, cue))| {
            let cue = cue.map(|c| format!(r#","cue":"{c}""#)).unwrap_or_default();
            format!(r#"{{"id":"r{n}","type":"attribution","from":"{from}","to":"{to}"{cue}}}"#)
        })
        .collect();
    format!(
        r#"{{"format":"marginalia","version":2,"document":{{"title":"Talks","text":"{text}","annotator":"{annotator}"}},"labels":[],"annotations":[{}],"relations":[{}]}}"#,
        annotations.join(","),
        relations.join(",")
    )
}

/// `marginalia agree`: two annotators' files give the figures the agreement
/// tests check against the reference implementations, as a table and as JSON.
#[test]
fn agree_compares_two_annotators() {
    let dir = scratch("agree");
    let ana = dir.join("ana.json");
    let ben = dir.join("ben.json");
    std::fs::write(
        &ana,
        agreement_version(
            "Ana",
            &[
                ("s1", "source", 0, 12, ""),
                ("c1", "cue", 13, 17, ""),
                ("q1", "quote", 18, 40, "indirect"),
                ("q2", "quote", 55, 83, "indirect"),
            ],
            &[("q1", "s1", Some("c1"))],
        ),
    )
    .unwrap();
    std::fs::write(
        &ben,
        agreement_version(
            "Ben",
            &[
                ("s1", "source", 0, 12, ""),
                ("q1", "quote", 18, 40, "indirect"),
                ("s2", "source", 42, 49, ""),
                ("q2", "quote", 64, 83, "direct"),
            ],
            &[("q1", "s1", None), ("q2", "s2", None)],
        ),
    )
    .unwrap();
    let json = marginalia(&[
        "agree",
        ana.to_str().unwrap(),
        ben.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["documents"], 1);
    let pair = &report["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("Ana"), Some("Ben"))
    );
    let quote = &pair["labels"]["quote"];
    assert_eq!(quote["exact_f1"], 0.5);
    assert_eq!(quote["overlap_f1"], 1.0);
    assert_eq!(
        (
            quote["matched"].as_u64(),
            quote["only_a"].as_u64(),
            quote["only_b"].as_u64()
        ),
        (Some(2), Some(0), Some(0))
    );
    assert!((quote["alpha_tokens"].as_f64().unwrap() - 0.7314814814814814).abs() < 1e-9);
    assert!(quote["alpha_u"].as_f64().is_some());
    assert!((pair["links"]["exact_f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(pair["fields"][0]["field"], "kind");

    let table = marginalia(&["agree", ana.to_str().unwrap(), ben.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("Ana vs Ben (1 document)"), "{table}");
    assert!(table.contains("quote"), "{table}");
    let alone = marginalia(&["agree", ana.to_str().unwrap()]);
    assert_eq!(alone.status.code(), Some(2));
}
