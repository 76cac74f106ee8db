//! PARC-style attribution events in brat: read as links, written back as the
//! same events. The corpus here is written for these tests (the first document
//! is the shape issue 12 quotes), never taken from a published data set.

use super::brat::{self, Links};
use super::{numbered, Read};
use crate::model::labelled::LabelledDocument;
use crate::model::labels::LabelSchema;

const POST_TXT: &str = "Washington Post backs Hillary Clinton for president";
const POST_ANN: &str = "T1\tSource 0 15\tWashington Post
T2\tCue 16 21\tbacks
T3\tContent 22 51\tHillary Clinton for president
T4\tAttribution 16 21\tbacks
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
";

/// Two sources and two contents in one event; an event naming no cue (its
/// trigger is the cue); an event with no source, which cannot be a link.
const TALKS_TXT: &str = "Officials and aides said the talks failed and the deal collapsed, sources added.\nNobody knows why.";
const TALKS_ANN: &str = "T1\tSource 0 9\tOfficials
T2\tSource 14 19\taides
T3\tCue 20 24\tsaid
T4\tContent 25 41\tthe talks failed
T5\tContent 46 64\tthe deal collapsed
T6\tSource 66 73\tsources
T7\tAttribution 74 79\tadded
T8\tAttribution 20 24\tsaid
E1\tAttribution:T8 Content:T4 Content2:T5 Cue:T3 Source:T1 Source2:T2
E2\tAttribution:T7 Content:T5 Source:T6
T9\tContent 81 98\tNobody knows why.
T10\tAttribution 81 87\tNobody
E3\tAttribution:T10 Content:T9
";

fn read(files: &[(&str, &str)]) -> Read {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    brat::read_files(&files, &LabelSchema::default()).unwrap()
}

/// Each link as "content ← source (cue)", by their text, sorted.
fn links(document: &LabelledDocument) -> Vec<String> {
    let text: Vec<char> = document.text.chars().collect();
    let said = |id| {
        let a = document.annotations.iter().find(|a| &a.id == id).unwrap();
        text[a.start..a.end].iter().collect::<String>()
    };
    let mut links: Vec<String> = document
        .relations
        .iter()
        .map(|r| {
            let cue = r.cue.as_ref().map(&said).unwrap_or_default();
            format!("{} ← {} ({cue})", said(&r.from), said(&r.to))
        })
        .collect();
    links.sort();
    links
}

fn spans(document: &LabelledDocument) -> Vec<(usize, usize, String)> {
    let name = |id: &crate::model::ids::LabelId| {
        document
            .labels
            .iter()
            .find(|l| &l.id == id)
            .map_or_else(|| id.to_string(), |l| l.name.clone())
    };
    let mut spans: Vec<_> = document
        .annotations
        .iter()
        .map(|a| (a.start, a.end, name(&a.label)))
        .collect();
    spans.sort();
    spans
}

#[test]
fn an_event_becomes_a_link_and_its_trigger_is_not_a_second_cue() {
    let read = read(&[("post.txt", POST_TXT), ("post.ann", POST_ANN)]);
    let document = &read.documents[0];
    assert_eq!(
        links(document),
        ["Hillary Clinton for president ← Washington Post (backs)"]
    );
    assert_eq!(document.annotations.len(), 3, "T4 only repeated the cue");
    assert!(
        read.notes.iter().all(|n| !n.contains("cannot hold")),
        "{:?}",
        read.notes
    );
}

#[test]
fn several_sources_and_contents_give_a_link_per_pair_and_a_cueless_event_uses_its_trigger() {
    let read = read(&[("talks.txt", TALKS_TXT), ("talks.ann", TALKS_ANN)]);
    let document = &read.documents[0];
    assert_eq!(
        links(document),
        [
            "the deal collapsed ← Officials (said)",
            "the deal collapsed ← aides (said)",
            "the deal collapsed ← sources (added)",
            "the talks failed ← Officials (said)",
            "the talks failed ← aides (said)",
        ]
    );
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains("1 events without both a source and a content")),
        "{:?}",
        read.notes
    );
}

#[test]
fn events_are_written_back_as_they_came() {
    let read = read(&[("post.txt", POST_TXT), ("post.ann", POST_ANN)]);
    let mut schema = LabelSchema::default();
    schema.merge(&read.new_labels);
    let written = brat::write(
        &numbered(&read.documents),
        &schema,
        Links::Events,
        &mut || {},
    );
    let ann = written
        .files
        .iter()
        .find(|f| f.name.ends_with(".ann"))
        .unwrap();
    assert_eq!(ann.contents, POST_ANN, "the same lines, in the same order");
    let conf = written
        .files
        .iter()
        .find(|f| f.name == "annotation.conf")
        .unwrap();
    assert!(
        conf.contents.contains("[events]\nAttribution\t"),
        "{}",
        conf.contents
    );
}

#[test]
fn a_parc_style_corpus_round_trips_with_its_events() {
    let first = read(&[
        ("post.txt", POST_TXT),
        ("post.ann", POST_ANN),
        ("talks.txt", TALKS_TXT),
        ("talks.ann", TALKS_ANN),
    ]);
    let mut schema = LabelSchema::default();
    schema.merge(&first.new_labels);
    let written = brat::write(
        &numbered(&first.documents),
        &schema,
        Links::Events,
        &mut || {},
    );
    let files: Vec<(String, String)> = written
        .files
        .iter()
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let second = read(&files);
    assert_eq!(first.documents.len(), second.documents.len());
    for (a, b) in first.documents.iter().zip(&second.documents) {
        assert_eq!(a.text, b.text);
        assert_eq!(spans(a), spans(b));
        assert_eq!(links(a), links(b));
    }
    // Relations instead: the same links, as R lines.
    let as_relations = brat::write(
        &numbered(&first.documents),
        &schema,
        Links::Relations,
        &mut || {},
    );
    assert!(as_relations
        .files
        .iter()
        .all(|f| !f.contents.contains("\nE1\t")));
}
