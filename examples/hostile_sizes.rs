//! Prints the time and peak memory of writing and reading back each format for
//! the sizes a hostile or simply huge file sets: 10,000 labels, 100,000 spans,
//! a 20 MB article. A benchmark script, not a test: it prints, it never fails.
//!
//!     cargo run --release --example hostile_sizes            # every case
//!     cargo run --release --example hostile_sizes spans brat # one case, one format
//!
//! Each case and format runs in a child process of its own, so the peak memory
//! (VmHWM) it reports is that run's alone.

use std::collections::HashMap;
use std::process::Command;
use std::time::Instant;

use marginalia::formats::{self, brat, Format};
use marginalia::model::document::Annotation;
use marginalia::model::ids::{AnnotationId, LabelId};
use marginalia::model::labelled::LabelledDocument;
use marginalia::model::labels::{LabelDef, LabelSchema};

const CASES: [&str; 3] = ["labels", "spans", "article"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [case, format] => run_one(case, format),
        _ => {
            println!("case     format        write s  read s  peak MB  result");
            for case in CASES {
                for format in Format::ALL.into_iter().filter(|f| *f != Format::Csv) {
                    let exe = std::env::current_exe().expect("the running program");
                    let out = Command::new(exe).args([case, format.key()]).output();
                    match out {
                        Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
                        Err(e) => println!("{case:8} {:13} failed to start: {e}", format.key()),
                    }
                }
            }
        }
    }
}

/// The document of a case.
fn case(name: &str) -> LabelledDocument {
    let span = |i: usize, label: String, start, end| Annotation {
        id: AnnotationId::new(&format!("a{}", i + 1)),
        label: LabelId::new(&label),
        start,
        end,
    };
    let (text, annotations) = match name {
        // 10,000 labels: one span each (a file may name that many; the limit
        // refuses it after reading the first 1,000).
        "labels" => {
            let n = 10_000;
            let text = "ab ".repeat(n);
            let spans = (0..n).map(|i| span(i, format!("label {i}"), i * 3, i * 3 + 2));
            (text, spans.collect())
        }
        // 100,000 spans of three labels, in a 300,000-character text.
        "spans" => {
            let n = 100_000;
            let text = "ab ".repeat(n);
            let labels = ["quote", "source", "cue"];
            let spans = (0..n).map(|i| span(i, labels[i % 3].to_owned(), i * 3, i * 3 + 2));
            (text, spans.collect())
        }
        // A 20 MB article with a span every 2,000 characters.
        _ => {
            let sentence =
                "The minister said the talks would resume on Monday, officials confirmed. ";
            let text = sentence.repeat(20 * 1024 * 1024 / sentence.len());
            let n = text.len() / 2000;
            let spans = (0..n).map(|i| span(i, "claim".to_owned(), i * 2000, i * 2000 + 40));
            (text, spans.collect())
        }
    };
    LabelledDocument {
        title: name.to_owned(),
        text,
        labels: Vec::new(),
        annotations,
        relations: Vec::new(),
        details: HashMap::new(),
        ..LabelledDocument::default()
    }
}

fn run_one(case_name: &str, format_key: &str) {
    let Some(format) = Format::from_key(format_key) else {
        println!("unknown format {format_key}");
        return;
    };
    let document = case(case_name);
    // The writer's schema names every label the document uses (10,000 of them in
    // the `labels` case, as a file made elsewhere would); reading starts from
    // the default schema, as the app and the command do.
    let mut labels = LabelSchema::default().labels().to_vec();
    for annotation in &document.annotations {
        if labels.iter().all(|l| l.id != annotation.label) {
            labels.push(LabelDef {
                id: annotation.label.clone(),
                name: annotation.label.to_string(),
                hotkey: None,
                fields: Vec::new(),
                colour: None,
            });
        }
    }
    let writer_schema = LabelSchema::new(labels);
    let mut schema = LabelSchema::default();
    let documents = [document];
    let started = Instant::now();
    let written = formats::write(format, &formats::numbered(&documents), &writer_schema);
    let write_time = started.elapsed().as_secs_f64();
    let files: Vec<(String, String)> = written
        .files
        .into_iter()
        .map(|f| (f.name, f.contents))
        .collect();
    let started = Instant::now();
    let result = match format {
        Format::Brat => brat::read_files(&files, &schema),
        _ => formats::read(&files[0].0, &files[0].1, &schema),
    };
    let read_time = started.elapsed().as_secs_f64();
    let result = match result {
        Ok(read) => {
            schema.merge(&read.new_labels);
            let spans: usize = read.documents.iter().map(|d| d.annotations.len()).sum();
            format!("read {spans} spans")
        }
        Err(error) => format!("refused: {error}"),
    };
    let result: String = result.chars().take(90).collect();
    println!(
        "{case_name:8} {format_key:13} {write_time:7.2} {read_time:7.2} {:8} {result}",
        peak_megabytes()
    );
}

/// This process's peak resident memory, from /proc (Linux).
fn peak_megabytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
