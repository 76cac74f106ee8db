//! Prints how long clean-up and placement take on a 1 MB hard-wrapped article
//! with 5,000 annotations (the wrapped seed story's body, repeated): proposing the
//! changes, applying them and carrying every annotation across, then placing
//! all 5,000 on the cleaned copy by their text. A benchmark: it prints, never fails.
//!
//!     cargo run --release --example cleanup_cost

use std::collections::HashMap;
use std::time::Instant;

use marginalia::model::anchoring::place;
use marginalia::model::cleanup::{apply, propose, Moved, Proposal};
use marginalia::model::cleanup_plan::CleanupPlan;
use marginalia::model::document::{Annotation, ArticleText, Document};
use marginalia::model::ids::DocId;
use marginalia::model::ids::{AnnotationId, LabelId};
use marginalia::model::labelled::LabelledDocument;

fn main() {
    let seed = include_str!("../tests/fixtures/seeds/000_20bfa71c295678a8.txt");
    // One story: the seed's headline and dateline, then its wrapped body
    // paragraphs again and again up to a megabyte. Every quote then occurs
    // hundreds of times: the worst case for placement.
    let body_start = seed.find("Washington\n").unwrap_or(0);
    let body_end = seed.rfind("AFP").unwrap_or(seed.len());
    let (header, body) = (&seed[..body_start], &seed[body_start..body_end]);
    let repeated = header.to_owned() + &body.repeat(1024 * 1024 / body.len() + 1);
    measure("the seed story's body repeated to 1 MB", &repeated);
    measure(
        "1 MB of wrapped text in the seeds' words",
        &header_and(header, &varied(seed)),
    );
}

/// A megabyte of sentences of the seed's words in a pseudo-random order (the same
/// every run), wrapped at 78 characters, paragraphs of four sentences: text in
/// which, as in real articles, a quote occurs once.
fn varied(seed: &str) -> String {
    let words: Vec<&str> = seed.split_whitespace().collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut text, mut line) = (String::new(), String::new());
    let mut sentence = 0;
    while text.len() < 1024 * 1024 {
        for _ in 0..8 + next(12) {
            let word = words[next(words.len())];
            if line.len() + word.len() + 1 > 78 {
                text.push_str(&line);
                text.push('\n');
                line.clear();
            } else if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        line.push('.');
        sentence += 1;
        if sentence % 4 == 0 {
            text.push_str(&line);
            text.push('\n');
            line.clear();
        }
    }
    text
}

fn header_and(header: &str, body: &str) -> String {
    format!("{header}{body}")
}

fn measure(what: &str, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    // 5,000 annotations on whole words spread over the text.
    let mut annotations = Vec::new();
    let step = chars.len() / 5_000;
    for i in 0..5_000 {
        let mut start = i * step;
        while start < chars.len() && !chars[start].is_alphabetic() {
            start += 1;
        }
        while start > 0 && chars[start - 1].is_alphabetic() {
            start -= 1;
        }
        let mut end = (start + 25).min(chars.len());
        while end < chars.len() && chars[end].is_alphabetic() {
            end += 1;
        }
        annotations.push(Annotation {
            id: AnnotationId::new(&format!("a{}", i + 1)),
            label: LabelId::new(["quote", "source", "cue", "claim"][i % 4]),
            start,
            end,
        });
    }
    println!(
        "{what}: {} characters, {} annotations",
        chars.len(),
        annotations.len()
    );

    let started = Instant::now();
    let proposals = propose(text);
    let proposed = started.elapsed();
    let all: Vec<&Proposal> = proposals.changes.iter().collect();
    let (cleaned, map) = apply(text, &all);
    let mut carried = Vec::new();
    let mut removed = 0;
    for a in &annotations {
        match map.span(a.start, a.end) {
            Moved::To(start, end) => carried.push(Annotation {
                start,
                end,
                ..a.clone()
            }),
            Moved::Removed => removed += 1,
        }
    }
    let cleaned_in = started.elapsed();
    println!(
        "  clean-up: {} changes proposed in {:.0} ms; applied, {} annotations carried ({} removed), in {:.0} ms in all",
        proposals.changes.len(),
        proposed.as_secs_f64() * 1e3,
        carried.len(),
        removed,
        cleaned_in.as_secs_f64() * 1e3
    );
    carried.sort_by(|a, b| a.document_order(b));
    carried.dedup_by(|a, b| a.label == b.label && a.start == b.start && a.end == b.end);
    let source = LabelledDocument {
        title: "cleaned".into(),
        text: cleaned.clone(),
        labels: vec![],
        annotations: carried,
        relations: vec![],
        details: HashMap::new(),
        ..LabelledDocument::default()
    };
    // Placed on the cleaned text with a paragraph added at the top, so every
    // offset moves.
    let target = format!("An editor's note added above the story.\n\n{cleaned}");
    let started = Instant::now();
    let placement = place(&source, "copy", &target);
    println!(
        "  placement: {} exactly, {} approximately, {} missing, in {:.0} ms",
        placement.exact.len(),
        placement.approximate.len(),
        placement.missing.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    {
        // What the app does: the preview's plan on every toggle (its edits and the
        // annotations they would remove), then Apply on a document (edits, carried
        // spans, the original kept, one undoable step).
        let mut document = Document::new(DocId::new("d"), ArticleText::new(text.to_owned()));
        for a in &annotations {
            let _ = document.tag(a.label.clone(), a.start, a.end);
        }
        let started = Instant::now();
        let plan = CleanupPlan::new(proposals.changes.clone());
        let would_remove = plan.removed(document.annotations()).len();
        let planned = started.elapsed();
        let started = Instant::now();
        let dropped = document.edit_text(&plan.edits()).map(|d| d.len());
        let applied = started.elapsed();
        println!(
        "  in the app: the preview's plan (edits, {would_remove} annotations it would remove) in {:.0} ms; Apply on the document ({dropped:?} dropped, original kept) in {:.0} ms",
        planned.as_secs_f64() * 1e3,
        applied.as_secs_f64() * 1e3
    );
    }
}
