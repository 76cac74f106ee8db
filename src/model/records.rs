//! What autosave writes to browser storage, as plain JSON strings. Kept here, not in
//! the browser layer, so the record format is tested on the host like any other.
//!
//! A document's text is stored once, apart from its annotations, so tagging a span
//! in a megabyte article rewrites kilobytes, not the megabyte.

use serde::{Deserialize, Serialize};

use super::document::{Annotation, ArticleText, Document};
use super::history::History;
use super::ids::{AnnotationId, DocId, LabelId};
use super::session::{DocumentSummary, Session};

/// Bumped when a record changes shape; older records are read by migration code.
const RECORD_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct LibraryRecord {
    version: u32,
    open: Option<DocId>,
    documents: Vec<DocumentSummary>,
}

#[derive(Serialize, Deserialize)]
struct DocumentRecord {
    version: u32,
    next_seq: u64,
    annotations: Vec<AnnotationRecord>,
    /// Undo/redo; absent in records written before it existed.
    #[serde(default)]
    history: History,
}

#[derive(Serialize, Deserialize)]
struct AnnotationRecord {
    id: AnnotationId,
    label: LabelId,
    start: usize,
    end: usize,
}

/// The library and which document is open.
pub fn library_to_record(session: &Session) -> String {
    serde_json::to_string(&LibraryRecord {
        version: RECORD_VERSION,
        open: session.open().map(|d| d.id().clone()),
        documents: session.library().to_vec(),
    })
    .expect("plain data always serialises")
}

/// The library's summaries and the id of the document that was open.
pub fn library_from_record(json: &str) -> Result<(Vec<DocumentSummary>, Option<DocId>), String> {
    let record: LibraryRecord =
        serde_json::from_str(json).map_err(|e| format!("the saved library is damaged ({e})"))?;
    Ok((record.documents, record.open))
}

/// A document's annotations (its text is stored apart).
pub fn document_to_record(document: &Document) -> String {
    serde_json::to_string(&DocumentRecord {
        version: RECORD_VERSION,
        next_seq: document.next_seq(),
        history: document.history().clone(),
        annotations: document
            .annotations()
            .iter()
            .map(|a| AnnotationRecord {
                id: a.id.clone(),
                label: a.label.clone(),
                start: a.start,
                end: a.end,
            })
            .collect(),
    })
    .expect("plain data always serialises")
}

/// Rebuilds a stored document. Annotations that no longer fit the text are dropped
/// and counted, so one damaged record never makes a document unopenable.
pub fn document_from_record(
    id: DocId,
    text: String,
    json: &str,
) -> Result<(Document, usize), String> {
    let record: DocumentRecord = serde_json::from_str(json)
        .map_err(|e| format!("the saved annotations are damaged ({e})"))?;
    let annotations = record
        .annotations
        .into_iter()
        .map(|a| Annotation {
            id: a.id,
            label: a.label,
            start: a.start,
            end: a.end,
        })
        .collect();
    let (document, rejected) = Document::restore(
        id,
        ArticleText::new(text),
        annotations,
        record.next_seq,
        record.history,
    );
    Ok((document, rejected.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::Action;

    #[test]
    fn library_and_document_round_trip_through_records() {
        let mut session = Session::default();
        session.apply(Action::CreateDocument {
            id: DocId::new("d1"),
            title: "T".into(),
            text: "😀 hello".into(),
            now: 7,
        });
        session.apply(Action::Tag {
            label: LabelId::new("claim"),
            start: 2,
            end: 7,
            now: 8,
        });
        let (library, open) = library_from_record(&library_to_record(&session)).unwrap();
        assert_eq!(library, session.library());
        assert_eq!(open.unwrap().as_str(), "d1");

        let document = session.open().unwrap();
        let (restored, dropped) = document_from_record(
            DocId::new("d1"),
            "😀 hello".into(),
            &document_to_record(document),
        )
        .unwrap();
        assert_eq!(dropped, 0);
        assert_eq!(restored.annotations(), document.annotations());
        assert_eq!(restored.next_seq(), document.next_seq());
        // Undo survives the round trip (a reload).
        assert!(restored.history().can_undo());
        let mut restored = restored;
        restored.undo().unwrap();
        assert!(restored.annotations().is_empty());
    }

    #[test]
    fn damaged_records_give_a_reason_not_a_panic() {
        assert!(library_from_record("{").unwrap_err().contains("damaged"));
        assert!(document_from_record(DocId::new("d"), "x".into(), "null").is_err());
        let json = r#"{"version":1,"next_seq":2,"annotations":[{"id":"a1","label":"claim","start":0,"end":99}]}"#;
        let (document, dropped) =
            document_from_record(DocId::new("d"), "short".into(), json).unwrap();
        assert_eq!((document.annotations().len(), dropped), (0, 1));
    }
}
