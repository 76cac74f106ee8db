//! What the web app asks of its format worker, as plain functions: the worker
//! (`src/bin/marginalia-worker.rs`) only moves these requests and answers across
//! `postMessage`. Documents cross as the records the app already stores
//! (`model::records`), so the app itself carries no format code at all — not even
//! for its own JSON.

use crate::model::document::{ArticleText, Document, Parts};
use crate::model::ids::DocId;
use crate::model::labelled::{labelled, FormatError, LabelledDocument};
use crate::model::labels::{LabelDef, LabelSchema};
use crate::model::limits::MAX_IMPORT_BYTES;
use crate::model::records::{document_from_record, document_to_record};

use crate::model::limits::MAX_DOCUMENTS;

use super::label_map::LabelMap;
use super::{archive, brat, csv, detect, numbered, printable, Format, OutputFile, Read};
use crate::model::session::DocumentStatus;

/// A document as the app stores it: title, text, and its annotations record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub title: String,
    pub text: String,
    pub record: String,
    /// Where the annotator is with it ("new", "in_progress", "done"), when known.
    pub status: Option<DocumentStatus>,
    /// Who annotated it, when known.
    pub annotator: Option<String>,
}

impl Stored {
    pub fn from_document(title: &str, document: &Document) -> Stored {
        Stored {
            title: title.to_owned(),
            text: document.text().as_str().to_owned(),
            record: document_to_record(document),
            status: None,
            annotator: None,
        }
    }

    fn from_labelled(document: &LabelledDocument) -> Stored {
        let parts = Parts {
            annotations: document.annotations.clone(),
            relations: document.relations.clone(),
            details: document.details.clone(),
            original: document.original.clone(),
            meta: document.meta.clone(),
            ..Parts::default()
        };
        let (built, _) = Document::rebuild(
            DocId::new("import"),
            ArticleText::new(document.text.clone()),
            parts,
        );
        Stored {
            status: document.status,
            annotator: document.annotator.clone(),
            ..Stored::from_document(&document.title, &built)
        }
    }

    /// The document this record holds (spans that no longer fit are left out).
    pub fn to_document(&self) -> Result<Document, String> {
        document_from_record(DocId::new("import"), self.text.clone(), &self.record).map(|(d, _)| d)
    }
}

/// How far versions agree (`agreement::agree`), as the app shows it: each
/// version a name and its documents, each with the key of its text.
pub fn agree(
    labels: &str,
    versions: Vec<(String, Vec<(String, Stored)>)>,
) -> Result<String, String> {
    use crate::model::agreement::{self, Coded, Version};
    let schema = schema_from(labels)?;
    let versions = versions
        .into_iter()
        .map(|(name, documents)| {
            let documents = documents
                .into_iter()
                .map(|(key, stored)| {
                    let document = labelled(&stored.title, &stored.to_document()?);
                    Ok(Coded {
                        key,
                        ..Coded::from_labelled(&document)
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(Version { name, documents })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(agreement::display_lines(&agreement::agree(
        &versions,
        &agreement::choice_fields(&schema),
    )))
}

pub struct ExportRequest {
    pub format: Format,
    /// The label schema, as JSON (`[LabelDef]`).
    pub labels: String,
    pub documents: Vec<Stored>,
    /// The folder name inside a `.zip`, for formats that write several files.
    pub archive_name: String,
    /// brat: links as attribution events instead of `R` lines.
    pub brat_events: bool,
}

#[derive(Debug)]
pub struct ExportResponse {
    /// A single file's name and contents, when the export is one file.
    pub file: Option<OutputFile>,
    /// Several files, zipped.
    pub zip: Option<Vec<u8>>,
    pub notes: Vec<String>,
}

fn schema_from(labels: &str) -> Result<LabelSchema, String> {
    serde_json::from_str::<Vec<LabelDef>>(labels)
        .map(LabelSchema::new)
        .map_err(|e| format!("the label schema could not be read ({e})"))
}

pub fn export(
    request: ExportRequest,
    progress: &mut dyn FnMut(),
) -> Result<ExportResponse, String> {
    let schema = schema_from(&request.labels)?;
    let documents = request
        .documents
        .iter()
        .map(|stored| {
            Ok(LabelledDocument {
                status: stored.status,
                annotator: stored.annotator.clone(),
                ..labelled(&stored.title, &stored.to_document()?)
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let named = numbered(&documents);
    let options = super::Options {
        brat_links: if request.brat_events {
            super::brat::Links::Events
        } else {
            super::brat::Links::Relations
        },
        ..Default::default()
    };
    let written = super::write_with_options(request.format, &named, &schema, options, progress);
    let mut files = written.files;
    let (file, zip) = if files.len() == 1 && request.format != Format::Brat {
        (files.pop(), None)
    } else {
        (None, Some(archive::zip(&request.archive_name, &files)?))
    };
    Ok(ExportResponse {
        file,
        zip,
        notes: written.notes,
    })
}

#[derive(Clone, Debug)]
pub struct ImportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The open document, for formats that hold no text of their own (CSV).
pub struct OpenDocument {
    pub title: String,
    pub text: String,
}

#[derive(Debug)]
pub struct ImportResponse {
    pub documents: Vec<Stored>,
    /// The schema's labels and those the files added, as JSON (`[LabelDef]`).
    pub labels: String,
    pub new_labels: Vec<LabelDef>,
    pub notes: Vec<String>,
}

/// Reads files of any supported format (and `.zip`s of them) into documents.
/// Any bad file refuses the whole request, naming the file: nothing half-imports.
pub fn import(
    files: Vec<ImportFile>,
    labels: &str,
    open: Option<OpenDocument>,
    label_map: &str,
    progress: &mut dyn FnMut(),
) -> Result<ImportResponse, String> {
    let schema = schema_from(labels)?;
    let label_map = LabelMap::parse(label_map, &schema)?;
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut read = Read::default();
    for file in files {
        let name = printable(&file.name);
        if file.bytes.len() as u64 > MAX_IMPORT_BYTES {
            return Err(format!("{name}: too large to import (the limit is 64 MB)."));
        }
        if file.name.to_lowercase().ends_with(".zip") {
            let members = archive::unzip(&file.bytes).map_err(|e| format!("{name}: {e}"))?;
            read.notes.extend(members.note());
            texts.extend(members.files);
            continue;
        }
        match String::from_utf8(file.bytes) {
            Ok(text) => texts.push((file.name, text)),
            Err(_) => {
                return Err(format!(
                    "{name}: this is not a text file (it is not UTF-8), so it holds no annotations Marginalia can read."
                ))
            }
        }
    }
    let mut known = schema.clone();
    let (brat_files, others): (Vec<_>, Vec<_>) = texts.into_iter().partition(|(name, text)| {
        // brat sets: annotations, their texts, and brat's own .conf files.
        [".ann", ".txt", ".conf"]
            .iter()
            .any(|end| name.ends_with(end))
            || detect(name, text) == Some(Format::Brat)
    });
    if brat_files.iter().any(|(name, _)| name.ends_with(".ann")) {
        progress();
        let brat = brat::read_files(&brat_files, &known).map_err(|e| format!("brat files: {e}"))?;
        known.merge(&brat.new_labels);
        read.extend(brat);
    } else if brat_files.iter().any(|(name, _)| name.ends_with(".txt")) {
        let names: Vec<&str> = brat_files
            .iter()
            .filter(|(n, _)| n.ends_with(".txt"))
            .map(|(n, _)| n.as_str())
            .collect();
        return Err(format!(
            "{}: a plain text file is an article, not annotations — open it with Open file.",
            names.join(", ")
        ));
    }
    for (name, text) in others {
        progress();
        let result = if detect(&name, &text) == Some(Format::Csv) {
            match &open {
                Some(open) => csv::read_onto(&text, &open.title, &open.text, &known),
                None => Err(FormatError::Malformed(
                    "a CSV file holds no document text: open the document it is about, then import it".into(),
                )),
            }
        } else {
            super::read(&name, &text, &known)
        };
        let file_read = result.map_err(|e| format!("{}: {e}", printable(&name)))?;
        known.merge(&file_read.new_labels);
        read.extend(file_read);
        if read.documents.len() > MAX_DOCUMENTS {
            return Err(FormatError::TooMany {
                what: "documents".to_owned(),
                limit: MAX_DOCUMENTS,
            }
            .to_string());
        }
    }
    if read.documents.is_empty() {
        return Err("There are no annotated documents in these files.".to_owned());
    }
    if !label_map.is_empty() {
        let mapped = label_map.apply(&mut read);
        read.notes.extend(mapped);
        // The labels the files brought, less those mapped onto the schema's.
        known = schema.clone();
        known.merge(&read.new_labels);
    }
    let documents = read.documents.iter().map(Stored::from_labelled).collect();
    Ok(ImportResponse {
        documents,
        labels: serde_json::to_string(known.labels()).map_err(|e| e.to_string())?,
        new_labels: read.new_labels,
        notes: read.notes,
    })
}

/// What placing annotations on the open document's text gave.
#[derive(Debug)]
pub struct PlaceResponse {
    /// The open document's text with the annotations that were found.
    pub document: Stored,
    pub labels: String,
    /// What was placed exactly, approximately (with the changed words) or not
    /// at all, in one message.
    pub report: String,
}

/// Reads files as `import` does, then places the annotations of their one
/// document on `onto`'s text (`anchoring::place`): annotations made on another
/// copy of the story.
pub fn place(
    files: Vec<ImportFile>,
    labels: &str,
    onto: OpenDocument,
    progress: &mut dyn FnMut(),
) -> Result<PlaceResponse, String> {
    let imported = import(files, labels, None, "", progress)?;
    let [source] = imported.documents.as_slice() else {
        return Err(format!(
            "these files hold {} documents; annotations can be placed from one",
            imported.documents.len()
        ));
    };
    let source = labelled(&source.title, &source.to_document()?);
    let placement = crate::model::anchoring::place(&source, &onto.title, &onto.text);
    let total = source.annotations.len();
    let text_of = |id: &crate::model::ids::AnnotationId| {
        let found = source.annotations.iter().find(|a| &a.id == id);
        let text: String = found
            .map(|a| {
                source
                    .text
                    .chars()
                    .skip(a.start)
                    .take(a.end - a.start)
                    .take(40)
                    .collect()
            })
            .unwrap_or_default();
        format!("“{}”", printable(&text))
    };
    let mut report = format!(
        "Placed {} of {total} annotations on “{}”: {} exactly, {} approximately",
        placement.exact.len() + placement.approximate.len(),
        printable(&onto.title),
        placement.exact.len(),
        placement.approximate.len(),
    );
    if !placement.approximate.is_empty() {
        let changes: Vec<String> = placement
            .approximate
            .iter()
            .map(|(id, changed)| format!("{} ({})", text_of(id), changed.join(", ")))
            .collect();
        report.push_str(&format!(" — {}", changes.join("; ")));
    }
    if placement.missing.is_empty() {
        report.push('.');
    } else {
        let missing: Vec<String> = placement.missing.iter().map(text_of).collect();
        report.push_str(&format!("; not found: {}.", missing.join(", ")));
    }
    let links = placement.document.relations.len();
    report.push_str(&format!(
        " {links} of {} links followed. Undo takes it all back.",
        source.relations.len()
    ));
    Ok(PlaceResponse {
        document: Stored::from_labelled(&placement.document),
        labels: imported.labels,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::tests::corpus;

    fn labels() -> String {
        serde_json::to_string(LabelSchema::default().labels()).unwrap()
    }

    fn stored() -> Vec<Stored> {
        corpus().iter().map(Stored::from_labelled).collect()
    }

    #[test]
    fn stored_records_keep_the_documents() {
        for (original, stored) in corpus().iter().zip(stored()) {
            let back = labelled(&stored.title, &stored.to_document().unwrap());
            assert_eq!(back.annotations, original.annotations);
            assert_eq!(back.relations, original.relations);
            assert_eq!(back.details, original.details);
        }
    }

    #[test]
    fn exports_come_back_through_import_in_every_format() {
        let documents = stored();
        for format in Format::ALL.into_iter().filter(|f| *f != Format::Csv) {
            let request = ExportRequest {
                format,
                labels: labels(),
                documents: documents.clone(),
                archive_name: "corpus".into(),
                brat_events: false,
            };
            let mut ticks = 0;
            let response = export(request, &mut || ticks += 1).unwrap();
            assert_eq!(ticks, documents.len(), "{format:?}");
            let file = match (response.file, response.zip) {
                (Some(file), None) => ImportFile {
                    name: file.name,
                    bytes: file.contents.into_bytes(),
                },
                (None, Some(zip)) => ImportFile {
                    name: "export.zip".into(),
                    bytes: zip,
                },
                _ => panic!("{format:?}: one file or a zip"),
            };
            let back = import(vec![file], &labels(), None, "", &mut || {}).unwrap();
            assert_eq!(back.documents.len(), documents.len(), "{format:?}");
            assert!(back.new_labels.is_empty(), "{format:?}");
        }
    }

    #[test]
    fn bad_files_refuse_the_import_and_name_the_file() {
        let cases: Vec<(ImportFile, &str)> = vec![
            (
                ImportFile {
                    name: "photo.jpg".into(),
                    bytes: vec![0xff, 0xd8, 0xff, 0xe0, 0x00],
                },
                "photo.jpg: this is not a text file",
            ),
            (
                ImportFile {
                    name: "notes.json".into(),
                    bytes: b"{\"a\": ".to_vec(),
                },
                "notes.json: This file is not valid JSON",
            ),
            (
                ImportFile {
                    name: "x.csv".into(),
                    bytes: b"document,id,label,start,end,text\n".to_vec(),
                },
                "x.csv: This Marginalia file is malformed: a CSV file holds no document text",
            ),
            (
                ImportFile {
                    name: "doc.ann".into(),
                    bytes: b"T1\tQuote 0 3\tabc\n".to_vec(),
                },
                "brat files: This Marginalia file is malformed: doc.ann has no doc.txt beside it.",
            ),
            (
                ImportFile {
                    name: "article.txt".into(),
                    bytes: b"Plain prose.".to_vec(),
                },
                "article.txt: a plain text file is an article",
            ),
        ];
        for (file, expected) in cases {
            let error = import(vec![file], &labels(), None, "", &mut || {}).unwrap_err();
            assert!(error.starts_with(expected), "{error}");
        }
    }

    #[test]
    fn csv_reads_onto_the_open_document() {
        let document = &corpus()[0];
        let named = numbered(std::slice::from_ref(document));
        let csv_text = super::super::write(Format::Csv, &named, &LabelSchema::default()).files[0]
            .contents
            .clone();
        let open = OpenDocument {
            title: document.title.clone(),
            text: document.text.clone(),
        };
        let file = ImportFile {
            name: "rows.csv".into(),
            bytes: csv_text.into_bytes(),
        };
        let back = import(vec![file], &labels(), Some(open), "", &mut || {}).unwrap();
        assert_eq!(back.documents.len(), 1);
        let read = back.documents[0].to_document().unwrap();
        assert_eq!(read.annotations().len(), document.annotations.len());
        assert_eq!(read.relations().len(), document.relations.len());
    }

    /// The mapping step's answer, as the worker gets it: mapped labels become
    /// ours and are not among the labels the import adds.
    #[test]
    fn an_import_maps_the_files_labels_when_asked() {
        let file = || {
            ImportFile {
            name: "parc.jsonl".into(),
            bytes: br#"{"text":"Officials said talks failed.","label":[[0,9,"Speaker"],[15,27,"Content"]]}"#.to_vec(),
        }
        };
        let plain = import(vec![file()], &labels(), None, "", &mut || {}).unwrap();
        let names: Vec<String> = plain.new_labels.iter().map(|l| l.name.clone()).collect();
        assert_eq!(names, ["Speaker", "Content"]);
        let mapped = import(
            vec![file()],
            &labels(),
            None,
            "Speaker=source\nContent=quote\n",
            &mut || {},
        )
        .unwrap();
        assert!(mapped.new_labels.is_empty());
        assert!(!mapped.labels.contains("Content"), "{}", mapped.labels);
        let document = mapped.documents[0].to_document().unwrap();
        let labels: Vec<&str> = document
            .annotations()
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels, ["source", "quote"]);
        assert!(
            mapped.notes.iter().any(|n| n == "Content → quote: 1 span"),
            "{:?}",
            mapped.notes
        );
    }
}
