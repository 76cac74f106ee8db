//! What every reader returns and every writer takes: a document with its text,
//! annotations, links and details (`LabelledDocument`), and why a file could not
//! be read (`FormatError`). The formats themselves live in `crate::formats`.

use std::collections::HashMap;

use thiserror::Error;

use super::article_meta::ArticleMeta;
use super::document::{Annotation, Details, Document, Relation};
use super::ids::AnnotationId;
use super::labels::LabelDef;
use super::limits::{deepest_nesting, MAX_ANNOTATIONS, MAX_LABELS, MAX_NESTING, MAX_RELATIONS};
use super::text_edits::Original;

/// A document read from a file, checked and ready to join the library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelledDocument {
    pub title: String,
    pub text: String,
    /// The file's own labels; those the project lacks are added to its schema.
    pub labels: Vec<LabelDef>,
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    pub details: HashMap<AnnotationId, Details>,
    /// The text before it was cleaned up, and the edits since.
    pub original: Option<Original>,
    pub meta: Option<ArticleMeta>,
    /// Where the annotator was with it (Marginalia JSON only).
    pub status: Option<super::session::DocumentStatus>,
    /// Who annotated it (`annotator` in Marginalia JSON; "curated" for a gold version).
    pub annotator: Option<String>,
}

/// Why a file could not be imported. Each message names what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormatError {
    /// The bytes are not JSON at all.
    #[error("This file is not valid JSON (line {line}, column {column}): {reason}.")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not ours.
    #[error("This is not a Marginalia file: {0}")]
    NotMarginalia(String),
    /// Ours, but a version this build does not read.
    #[error("This file uses Marginalia format version {0}; this version of Marginalia reads versions 1 and 2.")]
    UnsupportedVersion(String),
    /// A field is missing, unexpected or of the wrong type.
    #[error("This Marginalia file is malformed: {0}.")]
    Malformed(String),
    #[error("The document in this file has no text.")]
    EmptyText,
    /// An annotation's label is neither in the file's labels nor in the project's.
    #[error("Annotation {id} has the label \"{label}\", which neither the file nor this project defines ({known}).")]
    UnknownLabel {
        id: String,
        label: String,
        known: String,
    },
    /// Offsets beyond the text, or start not before end.
    #[error("Annotation {id} has offsets {start}–{end}, outside the text ({len} characters).")]
    OutOfRange {
        id: String,
        start: usize,
        end: usize,
        len: usize,
    },
    /// The `text` field disagrees with the document at the annotation's offsets.
    #[error("Annotation {id} says its text is {expected:?}, but the document has {found:?} at {start}–{end}.")]
    TextMismatch {
        id: String,
        start: usize,
        end: usize,
        expected: String,
        found: String,
    },
    #[error("Two annotations have the id {0}.")]
    DuplicateId(String),
    #[error("Annotations {0} and {1} tag the same text with the same label.")]
    DuplicateSpan(String, String),
    /// A relation of a type this version does not know.
    #[error(
        "Link {id} has the type \"{kind}\"; this version of Marginalia knows only \"attribution\"."
    )]
    UnknownRelationType { id: String, kind: String },
    /// A relation that refers to a missing annotation, to itself, or repeats another.
    #[error("Link {id} is invalid: {reason}.")]
    BadRelation { id: String, reason: String },
    #[error("This file is {0} — too large to import (the limit is 64 MB).")]
    TooLarge(String),
    /// More of something than `model::limits` allows.
    #[error("This file has more than {limit} {what}, more than Marginalia opens at once; split it into smaller files.")]
    TooMany { what: String, limit: usize },
    /// Annotations nested deeper than `limits::MAX_NESTING`.
    #[error("This file has {depth} annotations over character {at} of “{title}”; Marginalia draws at most {limit} on one character.")]
    TooDeep {
        title: String,
        depth: usize,
        at: usize,
        limit: usize,
    },
}

impl LabelledDocument {
    /// Refuses a document past `model::limits` (counts and nesting), so nothing
    /// downstream — storage, rendering, the writers — meets one.
    pub fn check_limits(&self) -> Result<(), FormatError> {
        let too_many = |what: &str, limit| FormatError::TooMany {
            what: what.to_owned(),
            limit,
        };
        if self.annotations.len() > MAX_ANNOTATIONS {
            return Err(too_many("annotations in one document", MAX_ANNOTATIONS));
        }
        if self.relations.len() > MAX_RELATIONS {
            return Err(too_many("links in one document", MAX_RELATIONS));
        }
        if self.labels.len() > MAX_LABELS {
            return Err(too_many("labels", MAX_LABELS));
        }
        let (depth, at) = deepest_nesting(self.annotations.iter().map(|a| (a.start, a.end)));
        if depth > MAX_NESTING {
            return Err(FormatError::TooDeep {
                title: shorten(&self.title),
                depth,
                at,
                limit: MAX_NESTING,
            });
        }
        Ok(())
    }
}

/// Text from a file, safe to show on one line of a message or a terminal:
/// control characters (line breaks, escape codes) are written as `\u{…}`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The document as it is now, ready for any writer.
pub fn labelled(title: &str, document: &Document) -> LabelledDocument {
    LabelledDocument {
        title: title.to_owned(),
        text: document.text().as_str().to_owned(),
        labels: Vec::new(),
        annotations: document.annotations().to_vec(),
        relations: document.relations().to_vec(),
        details: document.details().clone(),
        original: document.original().cloned(),
        meta: document.meta().cloned(),
        status: None,
        annotator: None,
    }
}

/// Text from a file quoted in a message: cut to a readable length, on one line.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        printable(text)
    } else {
        format!(
            "{}…",
            printable(&text.chars().take(MAX).collect::<String>())
        )
    }
}
