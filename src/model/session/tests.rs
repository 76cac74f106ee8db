//! The session's behaviour, action by action.

use super::*;
use crate::model::document::{Annotation, ArticleText};
use crate::model::ids::DocId;
use crate::model::labelled::LabelledDocument;
use crate::model::schema_edit::SchemaEdit;

fn create(session: &mut Session, id: &str, text: &str) {
    session.apply(Action::CreateDocument {
        id: DocId::new(id),
        title: format!("title {id}"),
        text: text.to_owned(),
        meta: None,
        now: 1,
    });
}

fn tag(session: &mut Session, label: &str, start: usize, end: usize) {
    session.apply(Action::Tag {
        label: LabelId::new(label),
        start,
        end,
        now: 2,
    });
}

#[test]
fn creating_a_document_opens_it_and_lists_it_first() {
    let mut session = Session::default();
    create(&mut session, "d1", "first");
    create(&mut session, "d2", "second");
    let ids: Vec<_> = session.library().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["d2", "d1"]);
    assert_eq!(session.open().unwrap().id().as_str(), "d2");
}

#[test]
fn tagging_selects_the_new_annotation_and_updates_the_summary() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said so");
    let revision = session.library_revision();
    tag(&mut session, "source", 0, 6);
    assert_eq!(session.selected().unwrap().as_str(), "a1");
    assert_eq!(session.open_summary().unwrap().annotation_count, 1);
    assert!(session.library_revision() > revision);
}

#[test]
fn empty_selection_does_nothing_and_duplicate_selects_the_existing_one() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin  said");
    tag(&mut session, "claim", 6, 8);
    assert!(session.open().unwrap().annotations().is_empty());
    assert!(session.notice().is_none());
    tag(&mut session, "claim", 0, 6);
    session.apply(Action::Select(None));
    tag(&mut session, "claim", 0, 7);
    assert_eq!(session.selected().unwrap().as_str(), "a1");
    assert_eq!(
        session.notice().unwrap().message,
        "That text is already tagged as Claim."
    );
}

#[test]
fn stepping_walks_document_order_and_stops_at_the_ends() {
    let mut session = Session::default();
    session.apply(Action::Step(Direction::Next)); // No document: nothing happens.
    create(&mut session, "d1", "one two three");
    session.apply(Action::Step(Direction::Next)); // No annotations: nothing happens.
    assert!(session.selected().is_none());
    tag(&mut session, "claim", 8, 13); // a1, later in the text
    tag(&mut session, "claim", 0, 3); // a2, first in document order
    session.apply(Action::Select(None));
    let mut walk = Vec::new();
    for step in [
        Direction::Next,
        Direction::Next,
        Direction::Next,
        Direction::Previous,
        Direction::Previous,
        Direction::Last,
        Direction::First,
    ] {
        session.apply(Action::Step(step));
        walk.push(session.selected().unwrap().to_string());
    }
    assert_eq!(walk, ["a2", "a1", "a1", "a2", "a2", "a1", "a2"]);
    session.apply(Action::Select(None));
    session.apply(Action::Step(Direction::Previous));
    assert_eq!(session.selected().unwrap().as_str(), "a1");
}

#[test]
fn undo_and_redo_follow_the_selection_and_the_summary() {
    let mut session = Session::default();
    create(&mut session, "d1", "abc def");
    tag(&mut session, "claim", 0, 3);
    session.apply(Action::Untag {
        id: AnnotationId::new("a1"),
        now: 3,
    });
    assert_eq!(session.open_summary().unwrap().annotation_count, 0);
    session.apply(Action::Undo { now: 4 });
    assert_eq!(session.selected().unwrap().as_str(), "a1");
    assert_eq!(session.open_summary().unwrap().annotation_count, 1);
    session.apply(Action::Undo { now: 4 });
    assert!(session.selected().is_none());
    assert!(session.open().unwrap().annotations().is_empty());
    session.apply(Action::Redo { now: 5 });
    assert_eq!(session.selected().unwrap().as_str(), "a1");
    session.apply(Action::Redo { now: 5 });
    assert!(session.open().unwrap().annotations().is_empty());
    session.apply(Action::Redo { now: 5 }); // Nothing left to redo: no change, no panic.
    assert!(session.selected().is_none());
}

#[test]
fn linking_picks_an_optional_cue_then_the_source() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said: stop.");
    tag(&mut session, "source", 0, 6); // a1
    tag(&mut session, "cue", 7, 11); // a2
    tag(&mut session, "quote", 13, 17); // a3
    let now = 9;
    session.apply(Action::StartLinking);
    assert_eq!(session.linking().unwrap().from.as_str(), "a3");
    session.apply(Action::LinkTo {
        target: AnnotationId::new("a3"),
        now,
    }); // itself: ignored
    session.apply(Action::LinkTo {
        target: AnnotationId::new("a2"),
        now,
    }); // the cue
    assert_eq!(
        session.linking().unwrap().cue.as_ref().unwrap().as_str(),
        "a2"
    );
    session.apply(Action::Step(Direction::First)); // moving around while linking
    session.apply(Action::LinkTo {
        target: AnnotationId::new("a1"),
        now,
    });
    assert!(session.linking().is_none());
    assert_eq!(session.selected().unwrap().as_str(), "a3");
    let relation = &session.open().unwrap().relations()[0];
    assert_eq!((relation.from.as_str(), relation.to.as_str()), ("a3", "a1"));
    assert_eq!(relation.cue.as_ref().unwrap().as_str(), "a2");
    // Cancelling goes back to where the link started.
    session.apply(Action::StartLinking);
    session.apply(Action::Step(Direction::First));
    session.apply(Action::CancelLinking);
    assert_eq!(session.selected().unwrap().as_str(), "a3");
    assert_eq!(session.open().unwrap().relations().len(), 1);
    // The same link again is reported, not duplicated.
    session.apply(Action::StartLinking);
    session.apply(Action::LinkTo {
        target: AnnotationId::new("a1"),
        now,
    });
    assert_eq!(
        session.notice().unwrap().message,
        "These are linked already."
    );
    // Deleting the source says what went with it.
    session.apply(Action::Untag {
        id: AnnotationId::new("a1"),
        now,
    });
    assert_eq!(
        session.notice().unwrap().message,
        "Deleted the source and its 1 link (Undo brings them back)."
    );
}

#[test]
fn one_field_at_a_time_never_loses_the_others() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "quote", 12, 14);
    let id = AnnotationId::new("a1");
    let set = |session: &mut Session, field: Option<&str>, value: &str| {
        let field = field.map(str::to_owned);
        session.apply(Action::SetDetail {
            id: id.clone(),
            field,
            value: value.into(),
            now: 3,
        });
    };
    set(&mut session, Some("kind"), "direct");
    set(&mut session, Some("language"), "en");
    set(&mut session, None, "check it");
    set(&mut session, Some("language"), "");
    let details = session.open().unwrap().details_of(&id).unwrap().clone();
    assert_eq!(details.attributes.get("kind"), Some("direct"));
    assert_eq!(details.attributes.get("language"), None);
    assert_eq!(details.note, "check it");
}

#[test]
fn untag_removes_and_clears_selection() {
    let mut session = Session::default();
    create(&mut session, "d1", "abc def");
    tag(&mut session, "claim", 0, 3);
    session.apply(Action::Untag {
        id: AnnotationId::new("a1"),
        now: 3,
    });
    assert!(session.open().unwrap().annotations().is_empty());
    assert!(session.selected().is_none());
    assert_eq!(session.open_summary().unwrap().annotation_count, 0);
}

#[test]
fn deleting_the_open_document_closes_it() {
    let mut session = Session::default();
    create(&mut session, "d1", "one");
    create(&mut session, "d2", "two");
    session.apply(Action::Delete {
        id: DocId::new("d2"),
    });
    assert!(session.open().is_none());
    assert_eq!(session.library().len(), 1);
    assert_eq!(session.notice().unwrap().message, "Deleted “title d2”.");
}

#[test]
fn rename_trims_and_refuses_blank_titles() {
    let mut session = Session::default();
    create(&mut session, "d1", "one");
    session.apply(Action::Rename {
        id: DocId::new("d1"),
        title: "  New  ".into(),
        now: 5,
    });
    assert_eq!(session.library()[0].title, "New");
    session.apply(Action::Rename {
        id: DocId::new("d1"),
        title: " ".into(),
        now: 6,
    });
    assert_eq!(session.library()[0].title, "New");
    assert_eq!(session.notice().unwrap().kind, NoticeKind::Error);
}

#[test]
fn schema_edits_undo_in_settings_and_leave_the_document_alone() {
    let mut session = Session::default();
    create(&mut session, "d1", "abc def");
    tag(&mut session, "quote", 0, 3);
    session.apply(Action::ShowSettings(true));
    let revision = session.library_revision();
    session.apply(Action::EditSchema(SchemaEdit::RenameLabel {
        label: LabelId::new("quote"),
        name: "Citation".into(),
    }));
    session.apply(Action::EditSchema(SchemaEdit::AddLabel {
        name: "Event".into(),
    }));
    assert!(session.library_revision() > revision);
    assert_eq!(session.schema.labels().len(), 5);
    // The annotation keeps its label id and shows the new name.
    let label = &session.open().unwrap().annotations()[0].label.clone();
    assert_eq!(session.schema.name_of(label), "Citation");

    session.apply(Action::Undo { now: 5 });
    assert_eq!(session.schema.labels().len(), 4);
    session.apply(Action::Undo { now: 5 });
    assert_eq!(session.schema, LabelSchema::default());
    assert_eq!(session.open().unwrap().annotations().len(), 1);
    session.apply(Action::Redo { now: 5 });
    assert_eq!(session.schema.name_of(label), "Citation");

    // A refused edit says why and is not a step.
    session.apply(Action::EditSchema(SchemaEdit::RenameLabel {
        label: LabelId::new("quote"),
        name: "claim".into(),
    }));
    assert_eq!(
        session.notice().unwrap().message,
        "Not changed: there is a label “claim” already."
    );
    session.apply(Action::Undo { now: 5 });
    assert_eq!(session.schema, LabelSchema::default());

    // With the settings closed, undo is the document's again.
    session.apply(Action::ShowSettings(false));
    session.apply(Action::Undo { now: 6 });
    assert!(session.open().unwrap().annotations().is_empty());
    assert!(session.schema_history().can_redo());
}

#[test]
fn restore_keeps_documents_made_before_it_finished() {
    let mut session = Session::default();
    create(&mut session, "fresh", "made early");
    let stored = DocumentSummary {
        id: DocId::new("old"),
        title: "old".into(),
        chars: 3,
        annotation_count: 0,
        created_ms: 0,
        modified_ms: 0,
        text_hash: text_hash("old"),
        status: Default::default(),
        label_counts: Vec::new(),
        rejected_suggestions: Vec::new(),
        rejected_for: 0,
        annotator: None,
    };
    let old_doc = Document::new(DocId::new("old"), ArticleText::new("old".into()));
    session.apply(Action::Restored {
        library: vec![stored],
        open: Some(old_doc),
        schema: None,
        schema_history: SchemaHistory::default(),
        preferences: None,
        annotator: None,
    });
    assert!(session.restored());
    assert_eq!(session.library().len(), 2);
    assert_eq!(session.open().unwrap().id().as_str(), "fresh");
}

fn imported(text: &str, spans: &[(&str, &str, usize, usize)]) -> Imported {
    let labelled = LabelledDocument {
        title: "From file".into(),
        text: text.into(),
        labels: vec![],
        relations: vec![],
        details: Default::default(),
        annotations: spans
            .iter()
            .map(|&(id, label, start, end)| Annotation {
                id: AnnotationId::new(id),
                label: LabelId::new(label),
                start,
                end,
            })
            .collect(),
        ..LabelledDocument::default()
    };
    Imported::new(labelled).unwrap()
}

#[test]
fn import_of_new_text_creates_a_document_with_its_ids() {
    let mut session = Session::default();
    session.apply(Action::Import {
        imported: imported("hello world", &[("q9", "quote", 0, 5)]),
        new_id: DocId::new("d9"),
        existing: None,
        now: 1,
    });
    let document = session.open().unwrap();
    assert_eq!(document.annotations()[0].id.as_str(), "q9");
    assert_eq!(session.open_summary().unwrap().title, "From file");
    assert_eq!(
        session.notice().unwrap().message,
        "Imported “From file” with 1 annotation."
    );
}

#[test]
fn a_corpus_is_added_at_once_above_older_documents_and_kept_for_autosave() {
    let mut session = Session::default();
    create(&mut session, "old", "an older text");
    let revision = session.library_revision();
    let documents = (1..=3)
        .map(|i| {
            let text = format!("text number {i}");
            (
                imported(&text, &[("q1", "quote", 0, 4)]),
                DocId::new(&format!("n{i}")),
            )
        })
        .collect();
    session.apply(Action::ImportMany { documents, now: 5 });
    let ids: Vec<&str> = session.library().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n2", "n3", "old"]);
    assert_eq!(
        session.library_revision(),
        revision + 1,
        "the library changes once"
    );
    assert_eq!(session.open().unwrap().id().as_str(), "n1");
    assert_eq!(session.imported_batch().len(), 3);
    assert_eq!(
        session.notice().unwrap().message,
        "Imported 3 documents with 3 annotations."
    );
}

#[test]
fn import_of_known_text_adds_only_missing_annotations() {
    let mut session = Session::default();
    create(&mut session, "d1", "hello world");
    tag(&mut session, "claim", 0, 5); // a1
    let existing = session.open().cloned();
    session.apply(Action::Import {
        imported: imported(
            "hello world",
            &[
                ("a1", "claim", 0, 5),
                ("a1x", "quote", 6, 11),
                ("a2", "source", 0, 5),
            ],
        ),
        new_id: DocId::new("unused"),
        existing,
        now: 2,
    });
    assert_eq!(session.library().len(), 1);
    let labels: Vec<_> = session
        .open()
        .unwrap()
        .annotations()
        .iter()
        .map(|a| (a.id.as_str(), a.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [("a1", "claim"), ("a2", "source"), ("a1x", "quote")]
    );
    assert_eq!(session.open_summary().unwrap().annotation_count, 3);
    assert!(session
        .notice()
        .unwrap()
        .message
        .contains("added 2 annotations and 0 links, 1 already there"));
}

#[test]
fn storage_failure_is_reported_and_work_goes_on() {
    let mut session = Session::default();
    session.apply(Action::StorageFailed("QuotaExceededError".into()));
    assert!(session.restored());
    assert_eq!(session.notice().unwrap().kind, NoticeKind::Error);
    create(&mut session, "d1", "still works");
    assert!(session.open().is_some());
}

#[test]
fn text_hash_is_stable() {
    assert_eq!(text_hash(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(text_hash("a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn an_import_that_contradicts_itself_is_refused_before_the_reducer() {
    let labelled = LabelledDocument {
        title: "x".into(),
        text: "hello".into(),
        labels: vec![],
        relations: vec![],
        details: Default::default(),
        annotations: vec![Annotation {
            id: AnnotationId::new("a1"),
            label: LabelId::new("quote"),
            start: 3,
            end: 9,
        }],
        ..LabelledDocument::default()
    };
    assert!(Imported::new(labelled).is_err());
}

#[test]
fn undo_applies_to_the_schema_while_the_settings_are_open() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "quote", 12, 14);
    assert!(session.can_undo() && !session.can_redo());
    session.apply(Action::ShowSettings(true));
    // The document has a change to undo; the schema has none yet.
    assert!(!session.can_undo());
    session.apply(Action::EditSchema(SchemaEdit::AddLabel {
        name: "Fact".into(),
    }));
    assert!(session.can_undo());
    session.apply(Action::Undo { now: 3 });
    assert!(session.can_redo() && !session.can_undo());
    assert_eq!(session.open().unwrap().annotations().len(), 1);
}

#[test]
fn picking_selects_or_while_linking_picks_the_cue_then_the_source() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "source", 0, 6); // a1
    tag(&mut session, "cue", 7, 11); // a2
    tag(&mut session, "quote", 12, 14); // a3
    let pick = |session: &mut Session, id: Option<&str>| {
        session.apply(Action::Pick {
            target: id.map(AnnotationId::new),
            now: 4,
        })
    };
    pick(&mut session, Some("a1"));
    assert_eq!(session.selected().unwrap().as_str(), "a1");
    pick(&mut session, Some("a3"));
    session.apply(Action::StartLinking);
    pick(&mut session, None); // a click beside the highlights keeps linking
    assert!(session.linking().is_some());
    pick(&mut session, Some("a2"));
    pick(&mut session, Some("a1"));
    let relation = &session.open().unwrap().relations()[0];
    assert_eq!(
        (
            relation.from.as_str(),
            relation.to.as_str(),
            relation.cue.as_ref().map(|c| c.as_str())
        ),
        ("a3", "a1", Some("a2"))
    );
    assert_eq!(session.selected().unwrap().as_str(), "a3");
    let partners = session
        .open()
        .unwrap()
        .partners_of(&AnnotationId::new("a3"));
    assert_eq!(partners, [AnnotationId::new("a1"), AnnotationId::new("a2")]);
}

#[test]
fn only_quotes_and_claims_start_a_link() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "source", 0, 6);
    session.apply(Action::StartLinking);
    assert!(session.linking().is_none());
    assert!(session
        .notice()
        .unwrap()
        .message
        .contains("select a quote or claim"));
}

#[test]
fn nudging_moves_one_edge_and_never_empties_or_leaves_the_text() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "quote", 12, 14);
    let id = AnnotationId::new("a1");
    let nudge = |session: &mut Session, edge, by| {
        session.apply(Action::Nudge {
            id: id.clone(),
            edge,
            by,
            now: 5,
        })
    };
    let span = |session: &Session| {
        let a = session
            .open()
            .unwrap()
            .get(&AnnotationId::new("a1"))
            .unwrap();
        (a.start, a.end)
    };
    nudge(&mut session, Edge::End, 1);
    assert_eq!(span(&session), (12, 15));
    nudge(&mut session, Edge::End, 1); // already at the end of the text
    assert_eq!(span(&session), (12, 15));
    nudge(&mut session, Edge::Start, -2);
    assert_eq!(span(&session), (10, 15));
    nudge(&mut session, Edge::Start, 5); // would empty it
    assert_eq!(span(&session), (10, 15));
}

#[test]
fn actions_that_leave_the_document_alone_keep_the_same_value() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "quote", 12, 14);
    let before = session.clone();
    session.apply(Action::Select(None));
    session.apply(Action::Step(Direction::Next));
    tag(&mut session, "quote", 12, 14); // a duplicate: refused
    assert!(session.open_is(&before));
    tag(&mut session, "claim", 0, 6);
    assert!(!session.open_is(&before));
    // The older session still has its own document, unchanged.
    assert_eq!(before.open().unwrap().annotations().len(), 1);
}

#[test]
fn label_counts_follow_the_schema() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no.");
    tag(&mut session, "quote", 12, 14);
    tag(&mut session, "claim", 12, 14);
    tag(&mut session, "claim", 0, 6);
    let counts: Vec<(String, usize)> = session
        .label_counts()
        .into_iter()
        .map(|(id, n)| (id.to_string(), n))
        .collect();
    assert_eq!(
        counts,
        [
            ("claim".to_owned(), 2),
            ("quote".to_owned(), 1),
            ("source".to_owned(), 0),
            ("cue".to_owned(), 0)
        ]
    );
}

#[test]
fn stepping_through_a_list_goes_from_the_newest_selection() {
    let mut session = Session::default();
    create(&mut session, "d1", "one two three four");
    tag(&mut session, "claim", 0, 3); // a1
    tag(&mut session, "claim", 4, 7); // a2
    tag(&mut session, "claim", 8, 13); // a3
    let order = std::rc::Rc::new(vec![
        AnnotationId::new("a3"),
        AnnotationId::new("a1"),
        AnnotationId::new("a2"),
    ]);
    session.apply(Action::Select(Some(AnnotationId::new("a3"))));
    // Two presses in a row, applied in order: each from the one before.
    for _ in 0..2 {
        session.apply(Action::StepIn {
            order: order.clone(),
            direction: Direction::Next,
        });
    }
    assert_eq!(session.selected().unwrap().as_str(), "a2");
}

#[test]
fn placing_on_the_open_document_is_one_step_and_skips_what_is_there() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said no. Singh said yes.");
    tag(&mut session, "source", 0, 6); // already here
    let placed = imported(
        "Austin said no. Singh said yes.",
        &[
            ("p1", "source", 0, 6),
            ("p2", "quote", 12, 14),
            ("p3", "source", 16, 21),
        ],
    );
    session.apply(Action::PlaceOnOpen {
        placed,
        report: "Placed 3 of 3.".into(),
        now: 5,
    });
    let document = session.open().unwrap();
    assert_eq!(document.annotations().len(), 3);
    assert_eq!(session.notice().unwrap().message, "Placed 3 of 3.");
    session.apply(Action::Undo { now: 6 });
    assert_eq!(session.open().unwrap().annotations().len(), 1);
    // Another text is refused.
    session.apply(Action::PlaceOnOpen {
        placed: imported("Different text.", &[("p1", "claim", 0, 9)]),
        report: String::new(),
        now: 7,
    });
    assert!(session
        .notice()
        .unwrap()
        .message
        .contains("Nothing was placed"));
}

#[test]
fn a_clean_up_replaces_the_text_in_one_step_and_keeps_the_words() {
    let mut session = Session::default();
    let text = "Energy News\nAustin said the\ntalks would begin.";
    create(&mut session, "d1", text);
    tag(&mut session, "claim", 24, 45); // "the\ntalks would begin", across a line break
    let proposals = crate::model::cleanup::propose(text);
    let chosen: Vec<&crate::model::cleanup::Proposal> = proposals.changes.iter().collect();
    let (cleaned, _) = crate::model::cleanup::apply(text, &chosen);
    let edits = proposals.changes.iter().map(|c| c.edit()).collect();
    session.apply(Action::CleanUp { edits, now: 9 });
    let document = session.open().unwrap();
    assert_eq!(document.text().as_str(), cleaned);
    let annotation = &document.annotations()[0];
    let words = document
        .text_of(annotation)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(words, "the talks would begin");
    assert_eq!(
        session.open_summary().unwrap().chars,
        cleaned.chars().count()
    );
    assert_eq!(session.open().unwrap().original().unwrap().text, text);
    session.apply(Action::Undo { now: 10 });
    assert_eq!(session.open().unwrap().text().as_str(), text);
    assert_eq!(session.open_summary().unwrap().annotation_count, 1);
    assert_eq!(session.open_summary().unwrap().chars, text.chars().count());
}

#[test]
fn each_edit_is_announced_in_words_for_screen_readers() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said \"need to stop\" today.");
    tag(&mut session, "source", 0, 6);
    assert_eq!(
        session.announcement().map(|(_, t)| t),
        Some("Added source “Austin”.")
    );
    tag(&mut session, "quote", 12, 26);
    let (first_seq, _) = session.announcement().unwrap();
    session.apply(Action::Link {
        from: AnnotationId::new("a2"),
        to: AnnotationId::new("a1"),
        cue: None,
        now: 3,
    });
    let (seq, text) = session.announcement().unwrap();
    assert_eq!(text, "Linked to source “Austin”.");
    assert!(seq > first_seq);
    session.apply(Action::Untag {
        id: AnnotationId::new("a2"),
        now: 4,
    });
    assert_eq!(
        session.announcement().map(|(_, t)| t),
        Some("Deleted quote “\"need to stop\"”. Ctrl+Z brings it back.")
    );
    session.apply(Action::Undo { now: 5 });
    assert_eq!(session.announcement().map(|(_, t)| t), Some("Undone."));
}

#[test]
fn a_documents_status_is_set_and_comes_with_an_import() {
    let mut session = Session::default();
    create(&mut session, "d1", "some text");
    assert_eq!(session.library()[0].status, DocumentStatus::New);
    session.apply(Action::SetStatus {
        id: DocId::new("d1"),
        status: DocumentStatus::Done,
    });
    assert_eq!(session.library()[0].status, DocumentStatus::Done);
    let mut file = imported("another text", &[]);
    file.status = Some(DocumentStatus::InProgress);
    session.apply(Action::Import {
        imported: file,
        new_id: DocId::new("d2"),
        existing: None,
        now: 2,
    });
    assert_eq!(session.library()[0].status, DocumentStatus::InProgress);
}

#[test]
fn the_summary_counts_annotations_per_label() {
    let mut session = Session::default();
    create(&mut session, "d1", "Austin said the talks would begin.");
    tag(&mut session, "source", 0, 6);
    tag(&mut session, "cue", 7, 11);
    tag(&mut session, "quote", 12, 33);
    tag(&mut session, "source", 16, 21);
    let counts: Vec<(&str, usize)> = session.library()[0]
        .label_counts
        .iter()
        .map(|(label, n)| (label.as_str(), *n))
        .collect();
    assert_eq!(counts, [("source", 2), ("cue", 1), ("quote", 1)]);
}

/// Suggestions through the reducer: shown as a layer (nothing in the document),
/// accepted in one undoable step each, a rejection kept in the document's
/// summary so a new Suggest leaves it out, and a clean-up makes them stale.
#[test]
fn suggestions_are_accepted_rejected_and_remembered_per_text() {
    let text = "“We will stay,” the minister said. “We are not afraid,” he told reporters.";
    let mut session = Session::default();
    create(&mut session, "d", text);
    let suggest = |session: &mut Session| {
        let found = crate::model::suggest::suggest(text);
        session.apply(Action::ShowSuggestions {
            found: Rc::new(found),
            text_hash: text_hash(text),
        });
    };
    suggest(&mut session);
    assert_eq!(session.pending_suggestions().len(), 6);
    assert_eq!(
        session.open().unwrap().annotations().len(),
        0,
        "nothing until accepted"
    );
    let first = session.suggestions().unwrap().selected().unwrap();
    assert_eq!(
        session.suggestions().unwrap().found().spans[first].label,
        "quote"
    );

    session.apply(Action::AcceptSuggestion {
        index: first,
        whole: true,
        now: 1,
    });
    assert_eq!(session.open().unwrap().annotations().len(), 3);
    assert_eq!(session.open().unwrap().relations().len(), 1);
    assert_eq!(session.pending_suggestions().len(), 3);
    // The next one is looked at: the second quote.
    let next = session.suggestions().unwrap().selected().unwrap();
    session.apply(Action::RejectSuggestion { index: next });
    assert_eq!(
        session.pending_suggestions().len(),
        0,
        "its source and cue went with it"
    );
    assert_eq!(
        session.open_summary().unwrap().rejected_suggestions.len(),
        1
    );

    session.apply(Action::Undo { now: 2 });
    assert_eq!(
        session.open().unwrap().annotations().len(),
        0,
        "one step per accept"
    );
    suggest(&mut session);
    assert_eq!(
        session.pending_suggestions().len(),
        3,
        "the rejected quote stays out"
    );

    session.apply(Action::AcceptAllSuggestions {
        min_confidence: 99,
        now: 3,
    });
    assert_eq!(
        session.open().unwrap().annotations().len(),
        0,
        "none that sure"
    );
    session.apply(Action::AcceptAllSuggestions {
        min_confidence: 0,
        now: 4,
    });
    assert_eq!(session.open().unwrap().annotations().len(), 3);
    assert!(session.can_undo());

    // A changed text: the layer no longer applies.
    session.apply(Action::CleanUp {
        edits: vec![crate::model::text_edits::TextEdit {
            start: 0,
            end: 0,
            replacement: "Headline\n\n".into(),
        }],
        now: 5,
    });
    assert!(session.suggestions().is_none());
}

/// Issue 14: another annotator's file of a text already here becomes their
/// version beside the user's; the user's own file (their name) merges as before.
#[test]
fn another_annotators_file_of_the_same_text_is_kept_as_their_version() {
    let mut session = Session::default();
    session.apply(Action::SetAnnotator("  Ana ".into()));
    assert_eq!(session.annotator(), Some("Ana"));
    create(&mut session, "mine", "hello world");
    tag(&mut session, "quote", 0, 5);
    let mine = session.open().unwrap().clone();
    let mut theirs = imported("hello world", &[("b1", "quote", 0, 11)]);
    theirs.annotator = Some("Ben".into());
    session.apply(Action::Import {
        imported: theirs,
        new_id: DocId::new("ben-copy"),
        existing: Some(mine.clone()),
        now: 2,
    });
    assert_eq!(session.library().len(), 2, "a version, not a merge");
    assert_eq!(session.open().unwrap().id().as_str(), "ben-copy");
    assert_eq!(
        session.open_summary().unwrap().annotator.as_deref(),
        Some("Ben")
    );
    assert_eq!(
        session.annotator_of(&DocId::new("ben-copy")).as_deref(),
        Some("Ben")
    );
    assert_eq!(
        session.annotator_of(&DocId::new("mine")).as_deref(),
        Some("Ana")
    );
    assert!(session
        .notice()
        .unwrap()
        .message
        .starts_with("Imported Ben’s version of"));

    // A file that says it is the user's own merges into the same text.
    let mut own = imported("hello world", &[("a9", "source", 6, 11)]);
    own.annotator = Some("Ana".into());
    session.apply(Action::Import {
        imported: own,
        new_id: DocId::new("unused"),
        existing: Some(mine),
        now: 3,
    });
    assert_eq!(session.library().len(), 2);
    assert_eq!(session.open().unwrap().id().as_str(), "mine");
    assert_eq!(session.open().unwrap().annotations().len(), 2);
}

mod team {
    use super::*;
    use crate::model::team::layer::{self, Entries, Ops};
    use crate::model::team::Role;

    const TEXT: &str = "Austin said it would rain.";

    fn version(owner: &str, spans: &[(&str, usize, usize)]) -> Imported {
        let entries: Entries = spans
            .iter()
            .map(|(l, s, e)| (layer::span_key(l, *s, *e), String::new()))
            .collect();
        Imported::new(layer::labelled("Rain", TEXT, &entries, owner)).unwrap()
    }

    #[test]
    fn members_layers_become_versions_replaced_in_place_and_read_only() {
        let mut session = Session::default();
        session.apply(Action::TeamJoined {
            name: "Ana".into(),
            role: Role::Annotator,
        });
        assert_eq!(session.annotator(), Some("Ana"));
        create(&mut session, "mine", TEXT);
        session.apply(Action::TeamVersion {
            imported: version("Ben", &[("source", 0, 6)]),
            id: DocId::new("ben"),
            now: 10,
        });
        // Not opened for the user; listed as Ben's.
        assert_eq!(session.open().unwrap().id().as_str(), "mine");
        assert_eq!(
            session.open_layer(),
            Some(crate::model::team::Writable::Own)
        );
        let ben = session
            .library()
            .iter()
            .find(|s| s.id.as_str() == "ben")
            .unwrap();
        assert_eq!(
            (ben.annotator.as_deref(), ben.annotation_count),
            (Some("Ben"), 1)
        );
        assert_eq!(session.imported_batch().len(), 1);
        // A newer layer replaces the same version (same id), and autosave gets both.
        session.apply(Action::TeamVersion {
            imported: version("Ben", &[("source", 0, 6), ("cue", 7, 11)]),
            id: DocId::new("ben2"),
            now: 11,
        });
        assert_eq!(session.library().len(), 2);
        let ben = session
            .library()
            .iter()
            .find(|s| s.id.as_str() == "ben")
            .unwrap();
        assert_eq!(ben.annotation_count, 2);
        assert_eq!(session.imported_batch().len(), 1);
        assert_eq!(session.imported_batch()[0].revision(), 11);
        // Opened, Ben's layer refuses edits and says why.
        session.apply(Action::ShowDocument((*session.imported_batch()[0]).clone()));
        assert_eq!(session.read_only_layer().as_deref(), Some("Ben"));
        tag(&mut session, "claim", 12, 25);
        assert_eq!(session.open().unwrap().annotations().len(), 2);
        assert!(session.notice().unwrap().message.contains("Ben’s layer"));
    }

    #[test]
    fn ops_from_another_device_change_the_open_layer_as_one_undo_step() {
        let mut session = Session::default();
        session.apply(Action::TeamJoined {
            name: "Ana".into(),
            role: Role::Annotator,
        });
        create(&mut session, "mine", TEXT);
        tag(&mut session, "source", 0, 6);
        let article = crate::model::team::article_key(TEXT);
        let ops = Ops {
            set: vec![(layer::span_key("cue", 7, 11), String::new())],
            remove: vec![layer::span_key("source", 0, 6)],
        };
        session.apply(Action::TeamOps {
            article: article.clone(),
            ops: ops.clone(),
            now: 5,
        });
        let spans: Vec<&str> = session
            .open()
            .unwrap()
            .annotations()
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(spans, ["cue"]);
        assert!(session.announcement().unwrap().1.contains("Synchronised"));
        // Another article's ops leave the open document alone.
        session.apply(Action::TeamOps {
            article: "0000".into(),
            ops: Ops {
                set: vec![],
                remove: vec![layer::span_key("cue", 7, 11)],
            },
            now: 6,
        });
        assert_eq!(session.open().unwrap().annotations().len(), 1);
        session.apply(Action::Undo { now: 7 });
        assert_eq!(
            session.open().unwrap().annotations()[0].label.as_str(),
            "source"
        );
    }
}
