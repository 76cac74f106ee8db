//! Building checked documents from foreign files: every span is checked against
//! the text (a span outside it refuses the whole file, so a bad file changes
//! nothing), and foreign label names are matched to the schema's labels by id or
//! name, ignoring case; a name it lacks becomes a new label.

use crate::model::article_meta::ArticleMeta;
use std::collections::{HashMap, HashSet};

use crate::model::document::{Annotation, ArticleText, Details, Relation, SpanError};
use crate::model::ids::{AnnotationId, LabelId, RelationId};
use crate::model::labelled::{FormatError, LabelledDocument};
use crate::model::labels::{LabelDef, LabelSchema};
use crate::model::limits::{MAX_ANNOTATIONS, MAX_DOCUMENTS, MAX_LABELS, MAX_RELATIONS};
use crate::model::schema_edit::{SchemaEdit, SchemaError};

use super::Read;

/// Reads the documents of one file against a schema.
pub struct Builder {
    /// The schema plus the labels this file added, for matching.
    extended: LabelSchema,
    /// Lower-cased names and ids of `extended`'s labels, so a file with hundreds
    /// of labels is matched in linear time.
    by_name: HashMap<String, LabelId>,
    new_labels: Vec<LabelDef>,
    documents: Vec<LabelledDocument>,
    pub notes: Vec<String>,
}

/// The name a blank foreign label is known by, read and looked up alike.
const UNNAMED: &str = "unnamed";

/// How foreign names are matched to labels: ignoring case, and `_` as a space
/// (formats whose names cannot hold spaces write them as `_`).
fn match_key(name: &str) -> String {
    name.to_lowercase().replace('_', " ")
}

impl Builder {
    pub fn new(schema: &LabelSchema) -> Self {
        let mut builder = Builder {
            extended: schema.clone(),
            by_name: HashMap::new(),
            new_labels: Vec::new(),
            documents: Vec::new(),
            notes: Vec::new(),
        };
        for label in schema.labels() {
            builder.index(label.name.clone(), label.id.clone());
        }
        builder
    }

    fn index(&mut self, name: String, id: LabelId) {
        self.by_name
            .entry(match_key(&name))
            .or_insert_with(|| id.clone());
        self.by_name.entry(match_key(id.as_str())).or_insert(id);
    }

    /// The label a foreign name stands for (by id, or by name or id ignoring
    /// case), added to the schema if it is new. A blank name is `unnamed`.
    pub fn label(&mut self, name: &str) -> Result<LabelId, FormatError> {
        let name = match name.trim() {
            "" => UNNAMED,
            name => name,
        };
        if let Some(label) = self.extended.get(name) {
            return Ok(label.id.clone());
        }
        if let Some(id) = self.by_name.get(&match_key(name)) {
            return Ok(id.clone());
        }
        let added = self.extended.edit(SchemaEdit::AddLabel {
            name: name.to_owned(),
        });
        let label = match added {
            Ok(Some(id)) => self.extended.get(&id).cloned(),
            Ok(None) => None,
            Err(SchemaError::TooManyLabels) => {
                return Err(FormatError::TooMany {
                    what: "labels".to_owned(),
                    limit: MAX_LABELS,
                })
            }
            Err(error) => {
                return Err(FormatError::Malformed(format!(
                    "the label “{}” cannot be added: {error}",
                    printable(name)
                )))
            }
        };
        let label = label.ok_or_else(|| {
            FormatError::Malformed(format!("the label “{}” cannot be added", printable(name)))
        })?;
        self.index(label.name.clone(), label.id.clone());
        self.new_labels.push(label.clone());
        Ok(label.id)
    }

    /// The name the schema (or this file) gives a label.
    pub fn name_of(&self, id: &LabelId) -> String {
        self.extended.name_of(id).to_owned()
    }

    pub fn document(&self, title: &str, text: String) -> Result<DocumentBuilder, FormatError> {
        if text.is_empty() {
            return Err(FormatError::EmptyText);
        }
        if self.documents.len() >= MAX_DOCUMENTS {
            return Err(FormatError::TooMany {
                what: "documents".to_owned(),
                limit: MAX_DOCUMENTS,
            });
        }
        Ok(DocumentBuilder {
            title: title.to_owned(),
            text: ArticleText::new(text),
            annotations: Vec::new(),
            spans: HashMap::new(),
            relations: Vec::new(),
            pairs: HashSet::new(),
            details: HashMap::new(),
            skipped: 0,
            meta: None,
            annotator: None,
        })
    }

    /// Adds a finished document, or refuses the file if it is past a limit.
    pub fn add(&mut self, document: DocumentBuilder) -> Result<(), FormatError> {
        if document.skipped > 0 {
            self.notes.push(format!(
                "“{}”: {} empty or repeated spans were left out.",
                printable(&document.title),
                document.skipped
            ));
        }
        let document = document.finish();
        document.check_limits()?;
        self.documents.push(document);
        Ok(())
    }

    pub fn finish(self) -> Read {
        Read {
            documents: self.documents,
            new_labels: self.new_labels,
            notes: self.notes,
        }
    }
}

/// One document being read. Spans and links are collected and put in order once,
/// at the end, so reading stays linear however the file orders them.
pub struct DocumentBuilder {
    title: String,
    text: ArticleText,
    annotations: Vec<Annotation>,
    /// Annotation ids by offsets, for repeats and for formats that link by offsets.
    spans: HashMap<(usize, usize), Vec<(LabelId, AnnotationId)>>,
    relations: Vec<Relation>,
    pairs: HashSet<(AnnotationId, AnnotationId)>,
    details: HashMap<AnnotationId, Details>,
    skipped: usize,
    meta: Option<ArticleMeta>,
    annotator: Option<String>,
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
                id: printable(what),
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
                id: printable(what),
                start,
                end,
                expected: expected.chars().take(60).collect(),
                found: found.chars().take(60).collect(),
            });
        }
        let at = self.spans.entry((start, end)).or_default();
        if let Some((_, existing)) = at.iter().find(|(l, _)| *l == label) {
            self.skipped += 1;
            return Ok(Some(existing.clone()));
        }
        if self.annotations.len() >= MAX_ANNOTATIONS {
            return Err(FormatError::TooMany {
                what: "annotations in one document".to_owned(),
                limit: MAX_ANNOTATIONS,
            });
        }
        let id = AnnotationId::new(&format!("a{}", self.annotations.len() + 1));
        at.push((label.clone(), id.clone()));
        self.annotations.push(Annotation {
            id: id.clone(),
            label,
            start,
            end,
        });
        Ok(Some(id))
    }

    /// The annotations at exactly these offsets, with their labels.
    pub fn spans_at(&self, start: usize, end: usize) -> &[(LabelId, AnnotationId)] {
        self.spans.get(&(start, end)).map_or(&[], Vec::as_slice)
    }

    /// Links `from` to the source `to`, optionally via a cue; says why not if it
    /// cannot (a repeated link, one to itself). Ids are ones `span` returned.
    pub fn link(
        &mut self,
        from: &AnnotationId,
        to: &AnnotationId,
        cue: Option<&AnnotationId>,
    ) -> Result<(), String> {
        if from == to || cue.is_some_and(|c| c == from || c == to) {
            return Err(SpanError::SelfLink.to_string());
        }
        if !self.pairs.insert((from.clone(), to.clone())) {
            return Err("it repeats another link".to_owned());
        }
        if self.relations.len() >= MAX_RELATIONS {
            return Err(format!("a document holds at most {MAX_RELATIONS} links"));
        }
        self.relations.push(Relation {
            id: RelationId::new(&format!("r{}", self.relations.len() + 1)),
            from: from.clone(),
            to: to.clone(),
            cue: cue.cloned(),
        });
        Ok(())
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

    /// What the file says of the article (`meta`, as the native format writes
    /// it); anything unreadable there is left out, it is only metadata.
    /// Who annotated it, as the file says (a name on one line).
    pub fn set_annotator(&mut self, name: &str) {
        let name = crate::model::labelled::printable(name.trim());
        if !name.is_empty() {
            self.annotator = Some(name);
        }
    }

    pub fn set_meta_from(&mut self, value: Option<&serde_json::Value>) {
        self.meta = value
            .and_then(|v| serde_json::from_value::<ArticleMeta>(v.clone()).ok())
            .and_then(ArticleMeta::non_empty);
    }

    pub fn finish(self) -> LabelledDocument {
        let mut annotations = self.annotations;
        annotations.sort_by(|a, b| a.document_order(b));
        LabelledDocument {
            title: self.title,
            text: self.text.as_str().to_owned(),
            labels: Vec::new(),
            annotations,
            relations: self.relations,
            details: self.details,
            meta: self.meta,
            annotator: self.annotator,
            ..LabelledDocument::default()
        }
    }
}

/// Each quote's cue from (quote, cue) pairs, the first one given winning: a map,
/// so linking thousands of quotes stays linear.
pub fn first_cues(
    pairs: impl Iterator<Item = (AnnotationId, AnnotationId)>,
) -> HashMap<AnnotationId, AnnotationId> {
    let mut cues = HashMap::new();
    for (from, cue) in pairs {
        cues.entry(from).or_insert(cue);
    }
    cues
}

/// Text from a file, safe to show on one line of a message or a terminal:
/// control characters (line breaks, escape codes) are written as `\u{…}`.
pub fn printable(text: &str) -> String {
    crate::model::labelled::printable(text)
}
