//! How long agreement takes on a corpus (issue 14: 100 documents, 3 annotators
//! in under 2 s): three versions of 100 generated articles of ~5,000
//! characters with ~40 spans and ~12 links each, the versions differing in
//! extents, labels and links. Prints figures; passes or fails nothing.
//!   cargo run --release --example agreement_bench
use marginalia::model::agreement::{agree, Coded, Link, Span, Version};

fn main() {
    let words = [
        "minister", "said", "the", "talks", "would", "resume", "critics", "plan",
    ];
    let mut seed = 7u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let texts: Vec<String> = (0..100)
        .map(|_| {
            (0..800)
                .map(|_| words[next(words.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let labels = ["quote", "source", "cue", "claim"];
    let versions: Vec<Version> = ["ana", "ben", "cleo"]
        .iter()
        .map(|name| Version {
            name: name.to_string(),
            documents: texts
                .iter()
                .map(|text| {
                    let len = text.chars().count() as u64;
                    let spans: Vec<Span> = (0..40)
                        .map(|i| {
                            let start = (i * len / 40) + next(20);
                            Span {
                                label: labels[next(4) as usize].to_owned(),
                                start: start as usize,
                                end: (start + 20 + next(60)).min(len) as usize,
                                fields: vec![(
                                    "kind".into(),
                                    ["direct", "indirect"][next(2) as usize].into(),
                                )],
                            }
                        })
                        .collect();
                    let links = (0..12)
                        .map(|i| Link {
                            content: i * 3,
                            source: i * 3 + 1,
                            cue: (next(2) == 0).then_some(i * 3 + 2),
                        })
                        .collect();
                    Coded {
                        key: String::new(),
                        title: "generated".into(),
                        text: text.clone(),
                        spans,
                        links,
                    }
                })
                .collect(),
        })
        .collect();
    let fields = [("quote".to_owned(), "kind".to_owned())];
    for run in 0..3 {
        let started = std::time::Instant::now();
        let report = agree(&versions, &fields);
        println!(
            "run {run}: 100 documents × 3 annotators ({} pairs, {} spans) in {:.0} ms; quote overlap F1 {:.3}",
            report.pairs.len(),
            versions.iter().map(|v| v.documents.iter().map(|d| d.spans.len()).sum::<usize>()).sum::<usize>(),
            started.elapsed().as_secs_f64() * 1000.0,
            report.average.labels["quote"].overlap_f1
        );
    }
}
