//! Importing a checked document: as a new document, or onto the stored document
//! with the same text, adding only what it lacks.

use crate::model::document::{Document, Relation};
use crate::model::ids::{AnnotationId, DocId};
use crate::model::labelled::{FormatError, LabelledDocument};
use crate::model::labels::LabelDef;

use super::action::NoticeKind;
use super::{plural, Session};

/// A document read from a file and built: what `Action::Import` carries. Its
/// spans and links were checked when it was built, so the reducer cannot meet a
/// bad one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub title: String,
    /// The file's labels; those the project lacks join its schema.
    pub labels: Vec<LabelDef>,
    pub document: Document,
    /// Where the annotator was with it, when the file said.
    pub status: Option<super::DocumentStatus>,
    /// Who annotated it, when the file said.
    pub annotator: Option<String>,
}

impl Imported {
    /// Builds the document; an annotation, link or details that breaks an
    /// invariant refuses it.
    pub fn new(labelled: LabelledDocument) -> Result<Imported, FormatError> {
        let parts = crate::model::document::Parts {
            annotations: labelled.annotations,
            relations: labelled.relations,
            details: labelled.details,
            original: labelled.original,
            meta: labelled.meta,
            ..Default::default()
        };
        let text = crate::model::document::ArticleText::new(labelled.text);
        let (document, dropped) = Document::rebuild(DocId::new("import"), text, parts);
        if dropped > 0 {
            return Err(FormatError::Malformed(format!(
                "{dropped} annotations, links or details contradict the others"
            )));
        }
        Ok(Imported {
            title: labelled.title,
            labels: labelled.labels,
            document,
            status: labelled.status,
            annotator: labelled.annotator,
        })
    }
}

impl Session {
    /// A corpus: every document new, added at once (the library changes once),
    /// the first opened, all kept for autosave to write in one transaction.
    pub(super) fn import_many(&mut self, documents: Vec<(Imported, DocId)>, now: u64) {
        let before = self.schema.clone();
        let mut new_labels = Vec::new();
        for (imported, _) in &documents {
            new_labels.extend(self.schema.merge(&imported.labels));
        }
        if !new_labels.is_empty() {
            std::rc::Rc::make_mut(&mut self.schema_history).record(before);
        }
        let count = documents.len();
        let annotations: usize = documents
            .iter()
            .map(|(i, _)| i.document.annotations().len())
            .sum();
        let mut batch = Vec::with_capacity(count);
        let mut summaries = Vec::with_capacity(count);
        for (imported, id) in documents {
            let document = imported.document.with_id(id);
            let title = match imported.title.trim() {
                "" => crate::model::text_input::title_from_text(document.text().as_str()),
                title => title.to_owned(),
            };
            let mut summary = super::library::summary_of(&document, title, now);
            summary.status = imported.status.unwrap_or_default();
            summary.annotator = self.other_annotator(imported.annotator.as_deref());
            summaries.push(summary);
            batch.push(std::rc::Rc::new(document));
        }
        // Above the older documents, in the order of the file.
        let library = std::rc::Rc::make_mut(&mut self.library);
        let old = std::mem::take(library);
        library.extend(summaries);
        library.extend(old);
        self.library_revision += 1;
        if let Some(first) = batch.first() {
            self.show((**first).clone());
        }
        self.imported_batch = std::rc::Rc::new(batch);
        self.batch_is_team = false;
        let labels_note = match new_labels.len() {
            0 => String::new(),
            _ => format!(" New labels: {}.", new_labels.join(", ")),
        };
        self.notify(
            NoticeKind::Info,
            format!(
                "Imported {} with {}.{labels_note}",
                plural(count, "document"),
                plural(annotations, "annotation")
            ),
        );
    }

    pub(super) fn import(
        &mut self,
        imported: Imported,
        new_id: DocId,
        existing: Option<Document>,
        now: u64,
    ) {
        // The file brings its schema along: labels the project lacks are added.
        let before = self.schema.clone();
        let new_labels = self.schema.merge(&imported.labels);
        if !new_labels.is_empty() {
            std::rc::Rc::make_mut(&mut self.schema_history).record(before);
            self.library_revision += 1;
        }
        let labels_note = match new_labels.len() {
            0 => String::new(),
            _ => format!(" New labels: {}.", new_labels.join(", ")),
        };
        // Another person's annotations of a text already here are their
        // version of it, kept beside the user's (issue 14), never merged.
        let version_of = self.other_annotator(imported.annotator.as_deref());
        let existing = existing.filter(|d| {
            version_of.is_none()
                && d.text().as_str() == imported.document.text().as_str()
                && self.summary(d.id()).is_some_and(|s| s.annotator.is_none())
        });
        let Some(mut document) = existing else {
            let count = imported.document.annotations().len();
            let document = imported.document.with_id(new_id);
            let title = match imported.title.trim() {
                "" => crate::model::text_input::title_from_text(document.text().as_str()),
                title => title.to_owned(),
            };
            let whose = version_of
                .as_ref()
                .map(|a| format!("{a}’s version of "))
                .unwrap_or_default();
            self.notify(
                NoticeKind::Info,
                format!(
                    "Imported {whose}“{title}” with {}.{labels_note}",
                    plural(count, "annotation")
                ),
            );
            self.add_to_library(&document, title, now);
            if let Some(status) = imported.status {
                self.set_status(document.id(), status);
            }
            if let Some(annotator) = version_of {
                self.set_annotator_of(document.id(), annotator);
            }
            self.show(document);
            return;
        };
        let (added, present, links) = merge_into(&mut document, &imported.document);
        self.show(document);
        self.touch_open(now);
        let title = self
            .open_summary()
            .map(|s| s.title.clone())
            .unwrap_or_default();
        self.notify(
            NoticeKind::Info,
            format!(
                "This text was already in your documents as “{title}”: added {} and {}, {present} already there.{labels_note}",
                plural(added, "annotation"),
                plural(links, "link"),
            ),
        );
    }
}

/// Adds to `document` the annotations of `imported` it lacks (same label and
/// offsets count as present), their details, and the links between them.
/// Returns (annotations added, annotations present, links added).
fn merge_into(document: &mut Document, imported: &Document) -> (usize, usize, usize) {
    let (mut added, mut present, mut links) = (0, 0, 0);
    // Imported id → the id the same annotation has in `document`.
    let mut ids = IdMap::default();
    for annotation in imported.annotations() {
        if let Some(existing) =
            document.find_span(&annotation.label, annotation.start, annotation.end)
        {
            ids.insert(annotation.id.clone(), existing.id.clone());
            present += 1;
            continue;
        }
        let mut copy = annotation.clone();
        if document.get(&copy.id).is_some() {
            copy.id = document.fresh_id();
        }
        let id = copy.id.clone();
        if document.insert(copy).is_err() {
            continue;
        }
        if let Some(details) = imported.details_of(&annotation.id) {
            let _ = document.insert_details(&id, details.clone());
        }
        ids.insert(annotation.id.clone(), id);
        added += 1;
    }
    for relation in imported.relations() {
        let map = |id: &AnnotationId| ids.get(id);
        let (Some(from), Some(to)) = (map(&relation.from), map(&relation.to)) else {
            continue;
        };
        let cue = relation.cue.as_ref().and_then(map);
        let id = document.fresh_relation_id();
        links += usize::from(
            document
                .insert_relation(Relation { id, from, to, cue })
                .is_ok(),
        );
    }
    (added, present, links)
}

/// Annotation id → annotation id, as a sorted vector: a hash map of these would
/// add its own code to the web app for one import.
#[derive(Default)]
struct IdMap(Vec<(AnnotationId, AnnotationId)>);

impl IdMap {
    fn insert(&mut self, key: AnnotationId, value: AnnotationId) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    fn get(&self, key: &AnnotationId) -> Option<AnnotationId> {
        let i = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        self.0.get(i).map(|(_, v)| v.clone())
    }
}
