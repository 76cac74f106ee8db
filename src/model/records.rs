//! What autosave writes to browser storage, as plain JSON strings. Kept here, not in
//! the browser layer, so the record format is tested on the host like any other.
//!
//! A document's text is stored once, apart from its annotations, so tagging a span
//! in a megabyte article rewrites kilobytes, not the megabyte.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use super::article_meta::ArticleMeta;
use super::document::{Annotation, ArticleText, Details, Document, Parts, Relation};
use super::history::History;
use super::ids::{AnnotationId, DocId};
use super::labels::LabelSchema;
use super::session::{DocumentSummary, Preferences, SchemaHistory, Session};
use super::text_edits::Original;

/// Bumped when a record changes shape; older records are read by migration code.
const RECORD_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct LibraryRecord {
    version: u32,
    open: Option<DocId>,
    documents: Vec<DocumentSummary>,
    /// Absent in records written before the schema could change.
    #[serde(default)]
    schema: Option<LabelSchema>,
    #[serde(default)]
    schema_history: SchemaHistory,
    #[serde(default)]
    preferences: Option<Preferences>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct DocumentRecord {
    version: u32,
    next_seq: u64,
    annotations: Vec<Annotation>,
    /// Undo/redo; absent in records written before it existed.
    #[serde(default)]
    history: History,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    details: HashMap<AnnotationId, Details>,
    /// The text as loaded, once cleaned up, and the edits since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original: Option<Original>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<ArticleMeta>,
}

/// The library and which document is open.
pub fn library_to_record(session: &Session) -> String {
    serde_json::to_string(&LibraryRecord {
        version: RECORD_VERSION,
        open: session.open().map(|d| d.id().clone()),
        documents: session.library().to_vec(),
        schema: Some(session.schema.clone()),
        schema_history: session.schema_history().clone(),
        preferences: Some(session.preferences),
        annotator: session.annotator().map(str::to_owned),
    })
    .expect("plain data always serialises")
}

/// What the library record holds (the default: a first visit).
#[derive(Debug, Default)]
pub struct StoredLibrary {
    pub documents: Vec<DocumentSummary>,
    /// The document that was open.
    pub open: Option<DocId>,
    /// The label schema, if it was saved.
    pub schema: Option<LabelSchema>,
    pub schema_history: SchemaHistory,
    pub preferences: Option<Preferences>,
    pub annotator: Option<String>,
}

pub fn library_from_record(json: &str) -> Result<StoredLibrary, String> {
    let record: LibraryRecord =
        serde_json::from_str(json).map_err(|e| format!("the saved library is damaged ({e})"))?;
    Ok(StoredLibrary {
        documents: record.documents,
        open: record.open,
        schema: record.schema,
        schema_history: record.schema_history,
        preferences: record.preferences,
        annotator: record.annotator,
    })
}

/// A document's annotations (its text is stored apart).
pub fn document_to_record(document: &Document) -> String {
    serde_json::to_string(&DocumentRecord {
        version: RECORD_VERSION,
        next_seq: document.next_seq(),
        history: document.history().clone(),
        relations: document.relations().to_vec(),
        details: document.details().clone(),
        annotations: document.annotations().to_vec(),
        original: document.original().cloned(),
        meta: document.meta().cloned(),
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
    let parts = Parts {
        annotations: record.annotations,
        relations: record.relations,
        details: record.details,
        next_seq: record.next_seq,
        history: record.history,
        original: record.original,
        meta: record.meta,
    };
    Ok(Document::rebuild(id, ArticleText::new(text), parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::AnnotationId;
    use crate::model::ids::LabelId;
    use crate::model::schema_edit::SchemaEdit;
    use crate::model::session::Action;

    #[test]
    fn library_and_document_round_trip_through_records() {
        let mut session = Session::default();
        session.apply(Action::CreateDocument {
            id: DocId::new("d1"),
            title: "T".into(),
            text: "😀 hello".into(),
            meta: None,
            now: 7,
        });
        session.apply(Action::Tag {
            label: LabelId::new("claim"),
            start: 2,
            end: 7,
            now: 8,
        });
        session.apply(Action::Tag {
            label: LabelId::new("source"),
            start: 0,
            end: 1,
            now: 8,
        });
        let (a1, a2) = (AnnotationId::new("a1"), AnnotationId::new("a2"));
        session.apply(Action::Link {
            from: a1.clone(),
            to: a2,
            cue: None,
            now: 9,
        });
        session.apply(Action::SetDetail {
            id: a1.clone(),
            field: None,
            value: "check this".into(),
            now: 9,
        });
        session.apply(Action::EditSchema(SchemaEdit::RenameLabel {
            label: LabelId::new("claim"),
            name: "Assertion".into(),
        }));
        let stored = library_from_record(&library_to_record(&session)).unwrap();
        assert!(stored.schema_history.can_undo());
        assert_eq!(stored.preferences, Some(Preferences::default()));
        assert_eq!(stored.documents, session.library());
        assert_eq!(stored.open.unwrap().as_str(), "d1");
        assert_eq!(stored.schema.unwrap(), session.schema);
        assert_eq!(&stored.schema_history, session.schema_history());

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
        assert_eq!(restored.relations(), document.relations());
        assert_eq!(restored.details_of(&a1).unwrap().note, "check this");
        // Undo survives the round trip (a reload).
        let mut restored = restored;
        restored.undo().unwrap();
        assert!(restored.details_of(&a1).is_none());
        restored.undo().unwrap();
        assert!(restored.relations().is_empty());
    }

    #[test]
    fn a_cleaned_document_keeps_its_original_and_metadata_through_a_reload() {
        let mut document = Document::new(DocId::new("d1"), ArticleText::new("a\nb  c".into()));
        document
            .edit_text(&[crate::model::text_edits::TextEdit {
                start: 1,
                end: 2,
                replacement: " ".into(),
            }])
            .unwrap();
        document.set_meta(Some(ArticleMeta {
            site: Some("Wire".into()),
            ..ArticleMeta::default()
        }));
        let record = document_to_record(&document);
        let (restored, dropped) =
            document_from_record(DocId::new("d1"), "a b  c".into(), &record).unwrap();
        assert_eq!(dropped, 0);
        assert_eq!(restored.original(), document.original());
        assert_eq!(restored.meta(), document.meta());
        // Undo, after a reload, puts the loaded text back.
        let mut restored = restored;
        restored.undo().unwrap();
        assert_eq!(restored.text().as_str(), "a\nb  c");
        // A record whose original does not make the stored text loses only that.
        let (restored, dropped) =
            document_from_record(DocId::new("d1"), "a b c".into(), &record).unwrap();
        assert_eq!((dropped, restored.original()), (1, None));
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
