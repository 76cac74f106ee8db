//! Building checked documents from foreign files: every span is checked against
//! the text (a span outside it refuses the whole file, so a bad file changes
//! nothing), and foreign label names are matched to the schema's labels by id or
//! name, ignoring case; a name it lacks becomes a new label.

use std::collections::HashMap;

use crate::model::document::{Annotation, ArticleText, Details, Document, Relation, SpanError};
use crate::model::format::{FormatError, LabelledDocument};
use crate::model::ids::{AnnotationId, DocId, LabelId};
use crate::model::labels::{LabelDef, LabelSchema};
use crate::model::schema_edit::SchemaEdit;

use super::Read;

/// Reads the documents of one file against a schema.
pub struct Builder {
    /// The schema plus the labels this file added, for matching.
    extended: LabelSchema,
    new_labels: Vec<LabelDef>,
    documents: Vec<LabelledDocument>,
    pub notes: Vec<String>,
}

impl Builder {
    pub fn new(schema: &LabelSchema) -> Self {
        Builder {
            extended: schema.clone(),
            new_labels: Vec::new(),
            documents: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The label a foreign name stands for, added to the schema if it is new.
    pub fn label(&mut self, name: &str) -> LabelId {
        let name = name.trim();
        let lower = name.to_lowercase();
        let found = self.extended.labels().iter().find(|l| {
            l.id.as_str() == name
                || l.name.to_lowercase() == lower
                || l.id.as_str().to_lowercase() == lower
        });
        if let Some(label) = found {
            return label.id.clone();
        }
        let name = if name.is_empty() { "unnamed" } else { name };
        let id = self
            .extended
            .edit(SchemaEdit::AddLabel {
                name: name.to_owned(),
            })
            .ok()
            .flatten()
            .expect("a new, non-empty name can always be added");
        let label = self.extended.get(&id).expect("just added").clone();
        self.new_labels.push(label.clone());
        label.id
    }

    /// The name the schema (or this file) gives a label.
    pub fn name_of(&self, id: &LabelId) -> String {
        self.extended.name_of(id).to_owned()
    }

    pub fn document(&self, title: &str, text: String) -> Result<DocumentBuilder, FormatError> {
        if text.is_empty() {
            return Err(FormatError::EmptyText);
        }
        let text = ArticleText::new(text);
        Ok(DocumentBuilder {
            title: title.to_owned(),
            document: Document::new(DocId::new("import"), text.clone()),
            text,
            details: HashMap::new(),
            skipped: 0,
        })
    }

    pub fn add(&mut self, document: DocumentBuilder) {
        if document.skipped > 0 {
            self.notes.push(format!(
                "“{}”: {} empty or repeated spans were left out.",
                document.title, document.skipped
            ));
        }
        self.documents.push(document.finish());
    }

    pub fn finish(self) -> Read {
        Read {
            documents: self.documents,
            new_labels: self.new_labels,
            notes: self.notes,
        }
    }
}

/// One document being read.
pub struct DocumentBuilder {
    title: String,
    text: ArticleText,
    document: Document,
    details: HashMap<AnnotationId, Details>,
    skipped: usize,
}

impl DocumentBuilder {
    pub fn text(&self) -> &ArticleText {
        &self.text
    }

    /// Adds a span of code points `start..end`. `what` names it in messages (e.g.
    /// "entity 3"); `expected` is the text the file says it covers, if it says.
    /// Returns the annotation's id, or `None` for an empty span (left out and
    /// counted). A span tagged twice returns the first one's id.
    pub fn span(
        &mut self,
        what: &str,
        label: LabelId,
        start: usize,
        end: usize,
        expected: Option<&str>,
    ) -> Result<Option<AnnotationId>, FormatError> {
        let len = self.text.len_chars();
        if start > end || end > len {
            return Err(FormatError::OutOfRange {
                id: what.to_owned(),
                start,
                end,
                len,
            });
        }
        if start == end {
            self.skipped += 1;
            return Ok(None);
        }
        let found = self.text.slice(start, end);
        if let Some(expected) = expected.filter(|e| *e != found) {
            return Err(FormatError::TextMismatch {
                id: what.to_owned(),
                start,
                end,
                expected: expected.chars().take(60).collect(),
                found: found.chars().take(60).collect(),
            });
        }
        if let Some(existing) = self.document.find_span(&label, start, end) {
            self.skipped += 1;
            return Ok(Some(existing.id.clone()));
        }
        let id = self.document.fresh_id();
        self.document
            .insert(Annotation {
                id: id.clone(),
                label,
                start,
                end,
            })
            .expect("range, emptiness and repeats were checked");
        Ok(Some(id))
    }

    /// Links `from` to the source `to`, optionally via a cue; says why not if it
    /// cannot (a repeated link, one to itself).
    pub fn link(
        &mut self,
        from: &AnnotationId,
        to: &AnnotationId,
        cue: Option<&AnnotationId>,
    ) -> Result<(), String> {
        let id = self.document.fresh_relation_id();
        let relation = Relation {
            id,
            from: from.clone(),
            to: to.clone(),
            cue: cue.cloned(),
        };
        self.document
            .insert_relation(relation)
            .map_err(|error| match error {
                SpanError::DuplicateLink(_) => "it repeats another link".to_owned(),
                other => other.to_string(),
            })
    }

    /// Sets a field of an annotation's details.
    pub fn set_attribute(&mut self, id: &AnnotationId, field: &str, value: &str) {
        if !value.is_empty() {
            let details = self.details.entry(id.clone()).or_default();
            details
                .attributes
                .insert(field.to_owned(), value.to_owned());
        }
    }

    pub fn set_note(&mut self, id: &AnnotationId, note: &str) {
        if !note.is_empty() {
            self.details.entry(id.clone()).or_default().note = note.to_owned();
        }
    }

    pub fn annotations(&self) -> &[Annotation] {
        self.document.annotations()
    }

    pub fn finish(self) -> LabelledDocument {
        LabelledDocument {
            title: self.title,
            text: self.text.as_str().to_owned(),
            labels: Vec::new(),
            annotations: self.document.annotations().to_vec(),
            relations: self.document.relations().to_vec(),
            details: self.details,
        }
    }
}
