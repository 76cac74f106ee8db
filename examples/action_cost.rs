//! Prints what one user action costs the reducer on a big document: a 1 MB
//! article with 5,000 annotations, 1,000 links and a full undo history. It does
//! what the web app's reducer (`ui/state.rs`) and its components do per action:
//! take the session, apply the action, and compare the open document with the
//! one the components were drawn from. A benchmark script: it prints, never fails.
//!
//!     cargo run --release --example action_cost

use std::hint::black_box;
use std::rc::Rc;
use std::time::Instant;

use marginalia::model::ids::{AnnotationId, DocId, LabelId};
use marginalia::model::listing::Direction;
use marginalia::model::session::{Action, Session};

fn big_session() -> Session {
    let sentence = "The minister said the talks would resume on Monday, officials confirmed. ";
    let text = sentence.repeat(1024 * 1024 / sentence.len());
    let mut session = Session::default();
    session.apply(Action::CreateDocument {
        id: DocId::new("d1"),
        title: "Big".to_owned(),
        text,
        meta: None,
        now: 0,
    });
    let labels = ["quote", "source", "cue", "claim"];
    for i in 0..5_000 {
        let start = i * 200;
        session.apply(Action::Tag {
            label: LabelId::new(labels[i % 4]),
            start,
            end: start + 30,
            now: 0,
        });
    }
    let ids: Vec<AnnotationId> = session
        .open()
        .map(|d| d.annotations().iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    for pair in ids.chunks(4).take(1_000) {
        if let [quote, source, cue, _] = pair {
            session.apply(Action::Link {
                from: quote.clone(),
                to: source.clone(),
                cue: Some(cue.clone()),
                now: 0,
            });
        }
    }
    session
}

/// Median microseconds of `runs` reducer steps with the actions `next` makes.
fn measure(session: &mut Rc<Session>, runs: usize, mut next: impl FnMut(usize) -> Action) -> f64 {
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        // What the components hold: the session they were drawn from.
        let drawn = session.clone();
        let started = Instant::now();
        let mut changed = Rc::unwrap_or_clone(session.clone());
        changed.apply(next(run));
        let redraw = !changed.open_is(&drawn);
        *session = Rc::new(changed);
        times.push(started.elapsed().as_secs_f64() * 1e6);
        black_box((drawn, redraw));
    }
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let mut session = Rc::new(big_session());
    let document = session.open().expect("a document");
    println!(
        "document: {} characters, {} annotations, {} links, {} undo steps",
        document.text().len_chars(),
        document.annotations().len(),
        document.relations().len(),
        document.history().undo_len(),
    );
    let ids: Vec<AnnotationId> = document
        .annotations()
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let select = measure(&mut session, 200, |i| {
        Action::Select(Some(ids[i * 7].clone()))
    });
    let step = measure(&mut session, 200, |_| Action::Step(Direction::Next));
    let tag = measure(&mut session, 200, |i| Action::Tag {
        label: LabelId::new("claim"),
        start: i * 200 + 100,
        end: i * 200 + 120,
        now: 1,
    });
    let undo = measure(&mut session, 100, |_| Action::Undo { now: 2 });
    println!(
        "median per action (µs): select {select:.0}, step {step:.0}, tag {tag:.0}, undo {undo:.0}"
    );
}
