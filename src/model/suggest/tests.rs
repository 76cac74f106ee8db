//! The suggester on sentences in the styles news uses (written for these tests,
//! and sentences of the seed story).

use super::*;

/// Each suggested link as "quote ← source (cue)", by text.
fn links(text: &str) -> Vec<String> {
    let found = suggest(text);
    let chars: Vec<char> = text.chars().collect();
    let said = |i: usize| {
        let s = &found.spans[i];
        chars[s.start..s.end].iter().collect::<String>()
    };
    found
        .links
        .iter()
        .map(|l| {
            let cue = l.cue.map(&said).unwrap_or_default();
            format!("{} ← {} ({cue})", said(l.content), said(l.source))
        })
        .collect()
}

#[test]
fn a_quote_then_said_and_the_speaker() {
    assert_eq!(
        links("“We are here at the request of the government,” said Spanish Foreign Minister Jose Manuel Albares on Thursday."),
        ["“We are here at the request of the government,” ← Spanish Foreign Minister Jose Manuel Albares (said)"]
    );
}

#[test]
fn a_quote_then_the_speaker_and_said() {
    assert_eq!(
        links(
            "They would formulate \"a specific and clear timeline\", Iraq's foreign ministry said."
        ),
        // The whole clause, quoted words and all, as PARC-style corpora mark it.
        ["They would formulate \"a specific and clear timeline\" ← Iraq's foreign ministry (said)"]
    );
    assert_eq!(
        links("“The attacks need to stop,” he told reporters."),
        ["“The attacks need to stop,” ← he (told reporters)"]
    );
}

#[test]
fn the_speaker_before_the_quote_in_its_sentence() {
    assert_eq!(
        links("US Secretary of Defence Lloyd Austin confirmed meetings would start \"in the coming days\"."),
        ["meetings would start \"in the coming days\" ← US Secretary of Defence Lloyd Austin (confirmed)"]
    );
    assert_eq!(
        links("A senior US defence official said: \"This is not a negotiation about withdrawal.\""),
        ["\"This is not a negotiation about withdrawal.\" ← A senior US defence official (said)"]
    );
}

#[test]
fn titles_single_words_and_apostrophes_are_not_quotes() {
    let found =
        suggest("The so-called \"experts\" met at the “Baghdad Peace Forum” and didn’t agree.");
    assert!(found.spans.iter().all(|s| s.label != "quote"), "{found:?}");
}

#[test]
fn a_quote_running_over_paragraphs_is_one_quote() {
    let text = "“The talks will be long.\n\n“But we will stay,” the minister said.";
    let found = suggest(text);
    let quotes: Vec<&Suggested> = found.spans.iter().filter(|s| s.label == "quote").collect();
    assert_eq!(quotes.len(), 1, "{found:?}");
    assert_eq!((quotes[0].start, quotes[0].end), (0, 45));
}

#[test]
fn said_that_gives_an_indirect_quote() {
    let text = "The ministry said that the timeline would depend on the security situation.";
    let found = suggest(text);
    let quote = found.spans.iter().find(|s| s.label == "quote").unwrap();
    assert_eq!(quote.kind, Some("indirect"));
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[quote.start..quote.end].iter().collect::<String>(),
        "the timeline would depend on the security situation"
    );
    assert_eq!(
        links(text),
        ["the timeline would depend on the security situation ← The ministry (said)"]
    );
}

#[test]
fn suggestions_join_a_document_once_above_a_confidence() {
    use crate::model::labelled::LabelledDocument;
    let mut document = LabelledDocument {
        title: "t".into(),
        text: "“We will stay until the job is done,” the minister said.".into(),
        ..LabelledDocument::default()
    };
    assert_eq!(
        into_document(&mut document, &Lexicon::with(&[]), 95),
        (0, 0),
        "nothing is that sure"
    );
    assert_eq!(
        into_document(&mut document, &Lexicon::with(&[]), 50),
        (3, 1)
    );
    let relation = &document.relations[0];
    assert!(relation.cue.is_some());
    let quote = document
        .annotations
        .iter()
        .find(|a| a.label.as_str() == "quote")
        .unwrap();
    assert_eq!(
        document.details[&quote.id].attributes.get("kind"),
        Some("direct")
    );
    assert_eq!(
        into_document(&mut document, &Lexicon::with(&[]), 50),
        (0, 0),
        "nothing twice"
    );
}

#[test]
fn according_to_either_side_of_what_is_said() {
    assert_eq!(
        links(
            "According to two diplomats familiar with the talks, the main obstacle remains dairy."
        ),
        ["the main obstacle remains dairy ← two diplomats familiar with the talks (According to)"]
    );
    assert_eq!(
        links("Exporters have moved cargo to other ports, according to the chamber of commerce."),
        ["Exporters have moved cargo to other ports ← the chamber of commerce (according to)"]
    );
}

#[test]
fn a_speaker_keeps_the_apposition_that_describes_them() {
    assert_eq!(
        links("“The wind took the roof off,” said Mark Dunne, a farmer near the coast."),
        ["“The wind took the roof off,” ← Mark Dunne, a farmer near the coast (said)"]
    );
    // Not a description: the sentence goes on after the comma.
    assert_eq!(
        links("“We will stay,” said Jane Roe, adding that talks would go on."),
        ["“We will stay,” ← Jane Roe (said)"]
    );
}

#[test]
fn a_quote_that_goes_on_keeps_its_speaker() {
    let text = "“We are ready,” the mayor said. “The roads are clear.”\n\n“Schools open on Monday as planned.”\n\nTraffic was light.";
    assert_eq!(
        links(text),
        [
            "“We are ready,” ← the mayor (said)",
            "“The roads are clear.” ← the mayor ()",
            "“Schools open on Monday as planned.” ← the mayor ()"
        ]
    );
}

#[test]
fn a_quote_far_from_the_last_speaker_is_left_alone() {
    let text = "“We are ready,” the mayor said.\n\nThe storm moved east overnight and rivers rose in three districts.\n\n“Nobody expected this much rain in a single night.”";
    assert_eq!(links(text), ["“We are ready,” ← the mayor (said)"]);
}

#[test]
fn pronouns_and_short_references_point_to_the_full_mention() {
    let text = "“We will leave when asked,” said Spanish Foreign Minister Jose Manuel Albares.\n\n“The attacks must stop,” Albares added.\n\n“We are worried,” he said.";
    let found = suggest(text);
    let chars: Vec<char> = text.chars().collect();
    let say = |i: usize| {
        chars[found.spans[i].start..found.spans[i].end]
            .iter()
            .collect::<String>()
    };
    let refers: Vec<(String, String)> = (0..found.spans.len())
        .filter_map(|i| Some((say(i), say(found.spans[i].refers_to?))))
        .collect();
    let full = "Spanish Foreign Minister Jose Manuel Albares".to_owned();
    assert_eq!(
        refers,
        [
            ("Albares".to_owned(), full.clone()),
            ("he".to_owned(), full)
        ]
    );
}

#[test]
fn hard_wrapped_lines_are_one_sentence() {
    let text = include_str!("../../../tests/fixtures/seeds/000_20bfa71c295678a8.txt");
    let got = links(text);
    for expected in [
        "the\nspate of attacks targeting US-led troops in Iraq \"need to stop\" ← Spanish Foreign Minister Jose Manuel Albares (said)",
        "The two\ncountries agreed to form working groups that would eventually lead to\nformulating \"a specific and clear timeline... and to begin the gradual\nreduction of its (the coalition's) advisers on Iraqi soil\" ← Iraq's foreign\nministry (said)",
    ] {
        assert!(got.contains(&expected.to_owned()), "{got:#?}");
    }
}
