//! Export (Marginalia JSON and every other format) and import of every format:
//! the app gathers documents as the records storage keeps, the format worker
//! converts, and the app downloads the result or imports what came back, then
//! says in one message what happened and what the format could not hold.

use crate::formats::service::{ImportFile, OpenDocument, Stored};
use crate::formats::Format;
use crate::model::anchoring::shares_story;
use std::rc::Rc;

use crate::model::ids::{DocId, LabelId};
use crate::model::labels::LabelDef;
use crate::model::records::{document_from_record, document_to_record};
use crate::model::session::{text_hash, Action, Imported, LabelQuestion, NewLabel, Session};
use crate::model::text_input::file_name_from_title;
use crate::ui::{dom, files, worker};
use crate::worker_protocol::{Reply, Request};

use crate::ui::handle::{AppHandle, PendingImport, PendingMapping};

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

fn labels_json(handle: &AppHandle) -> String {
    // A list of plain structs always serialises.
    serde_json::to_string(handle.session().schema.labels()).unwrap_or_default()
}

/// Reads any supported files (other tools' formats, several files, a .zip) in
/// the worker, then imports each document it found.
pub async fn import_through_worker(handle: &AppHandle, files: Vec<gloo_file::File>) {
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let mut entries = Vec::new();
    for file in &files {
        match files::read_bytes(file).await {
            Ok(bytes) => entries.push(ImportFile {
                name: file.name(),
                bytes,
            }),
            Err(message) => return handle.error(message),
        }
    }
    run_import(handle, entries, names, None).await;
}

/// The mapping step's answer: each new label's name and the schema label it
/// becomes (`None`: added as it is). Remembered, then the files are read again
/// with the mapping and imported.
pub fn answer_label_map(handle: &AppHandle, choices: Vec<(String, Option<LabelId>)>) {
    handle.dispatch.emit(Action::CloseLabelMap);
    let Some(pending) = handle.pending_mapping.borrow_mut().take() else {
        return;
    };
    let spec: String = choices
        .iter()
        .filter_map(|(name, target)| {
            Some(format!(
                "{}={}\n",
                name.replace([',', '=', '#', '\n'], " "),
                target.as_ref()?
            ))
        })
        .collect();
    let handle = handle.clone();
    wasm_bindgen_futures::spawn_local(async move {
        run_import(&handle, pending.files, pending.names, Some(spec)).await
    });
}

/// The mapping step was cancelled: nothing is imported.
pub fn cancel_label_map(handle: &AppHandle) {
    handle.dispatch.emit(Action::CloseLabelMap);
    if handle.pending_mapping.borrow_mut().take().is_some() {
        handle.info("Nothing was imported.".to_owned());
    }
}

/// Imports what the worker reads from `entries`. Without `label_map`, labels the
/// files bring that the schema lacks stop the import at the mapping step.
async fn run_import(
    handle: &AppHandle,
    entries: Vec<ImportFile>,
    names: Vec<String>,
    label_map: Option<String>,
) {
    let session = handle.session();
    let open = match (session.open(), session.open_summary()) {
        (Some(document), Some(summary)) => Some(OpenDocument {
            title: summary.title.clone(),
            text: document.text().as_str().to_owned(),
        }),
        _ => None,
    };
    let asking = label_map.is_none() && session.preferences.map_new_labels;
    let generation = handle.import_generation.get() + 1;
    handle.import_generation.set(generation);
    let cancelled = || handle.import_generation.get() != generation;
    let request = Request::Import {
        labels: labels_json(handle),
        files: entries,
        open,
        label_map: label_map.unwrap_or_default(),
    };
    let working = |message: String| handle.dispatch.emit(Action::ImportProgress { message });
    working(format!("Reading {}…", names.join(", ")));
    let progress = {
        let dispatch = handle.dispatch.clone();
        move |done: u32, total: u32| {
            if total > 1 {
                dispatch.emit(Action::ImportProgress {
                    message: format!("Reading file {done} of {total}…"),
                });
            }
        }
    };
    let damaged = "Nothing was imported: the converter's answer was damaged.";
    let answer = match worker::call(&request, progress).await {
        Ok(Reply::Imported(answer)) => answer,
        Ok(_) => return handle.error(damaged.to_owned()),
        Err(error) => return handle.error(format!("Nothing was imported: {error}")),
    };
    super::mark("marginalia:import-read");
    if cancelled() {
        return;
    }
    // Everything is read before anything is imported: a bad answer changes nothing.
    let Ok(labels) = serde_json::from_str::<Vec<LabelDef>>(&answer.labels) else {
        return handle.error(damaged.to_owned());
    };
    let mut checked: Vec<Imported> = Vec::new();
    let total = answer.documents.len();
    for (index, stored) in answer.documents.into_iter().enumerate() {
        // A corpus takes a while to check: let the page breathe and say how far.
        if index % 100 == 99 {
            working(format!("Checking document {} of {total}…", index + 1));
            dom::next_task().await;
            if cancelled() {
                return;
            }
        }
        match document_from_record(DocId::new("import"), stored.text, &stored.record) {
            Ok((document, _)) => checked.push(Imported {
                title: stored.title,
                labels: labels.clone(),
                document,
                status: stored.status,
                annotator: stored.annotator,
            }),
            Err(error) => return handle.error(format!("Nothing was imported: {error}")),
        }
    }
    // The mapping step: what the labels the files bring become.
    if asking {
        if let Some(question) = label_question(&session, &labels, &checked, &names) {
            if let Request::Import { files, .. } = request {
                *handle.pending_mapping.borrow_mut() = Some(PendingMapping { files, names });
                // The dialog asks now; "Reading…" with its Cancel would only confuse.
                handle.dispatch.emit(Action::DismissNotice);
                handle.dispatch.emit(Action::AskLabelMap(Rc::new(question)));
            }
            return;
        }
    }
    // Annotations made on another copy of the open document's story: ask.
    if let Some(message) = offer_placing(&session, &checked) {
        if let (Some(imported), Request::Import { files, .. }) = (checked.pop(), request) {
            *handle.pending.borrow_mut() = Some(PendingImport { files, imported });
            handle.dispatch.emit(Action::OfferPlacing { message });
            return;
        }
    }
    let annotations: usize = checked.iter().map(|d| d.document.annotations().len()).sum();
    let count = checked.len();
    if count == 1 {
        if let Some(document) = checked.pop() {
            handle.import_document(document).await;
            super::mark("marginalia:import-shown");
        }
    } else {
        // A corpus: texts already in the library gain what they lack, one by one;
        // the rest are added at once and saved in one transaction.
        let (known, new): (Vec<Imported>, Vec<Imported>) = checked.into_iter().partition(|d| {
            session
                .find_by_text_hash(text_hash(d.document.text().as_str()))
                .is_some()
        });
        for document in known {
            handle.import_document(document).await;
            dom::next_task().await;
        }
        let now = dom::now_ms();
        // One random id for the batch, numbered: a thousand random ids made in
        // the same millisecond could meet.
        let base = dom::new_document_id();
        let documents = new
            .into_iter()
            .enumerate()
            .map(|(i, d)| (d, DocId::new(&format!("{base}-{}", i + 1))))
            .collect();
        super::mark("marginalia:import-checked");
        handle.dispatch.emit(Action::ImportMany { documents, now });
        super::mark("marginalia:import-shown");
    }
    let new_labels = answer.new_labels as usize;
    let mut message = format!(
        "Imported {} with {} from {}.",
        plural(count, "document"),
        plural(annotations, "annotation"),
        names.join(", ")
    );
    if new_labels > 0 {
        message.push_str(&format!(
            " {} added to the schema.",
            plural(new_labels, "new label")
        ));
    }
    let notes = answer.notes;
    if !notes.is_empty() {
        message.push_str(&format!(" Notes: {}", notes.join(" ")));
    }
    // One document's own message (created, or merged into the same text) says it
    // best, unless there is more to tell.
    if count > 1 || new_labels > 0 || !notes.is_empty() {
        handle.info(message);
    }
}

/// The labels `checked` uses that the schema lacks, with how many spans carry
/// each; `None` when there are none.
fn label_question(
    session: &Session,
    labels: &[LabelDef],
    checked: &[Imported],
    names: &[String],
) -> Option<LabelQuestion> {
    let new: Vec<NewLabel> = labels
        .iter()
        .filter(|label| session.schema.get(label.id.as_str()).is_none())
        .map(|label| NewLabel {
            name: label.name.clone(),
            spans: checked
                .iter()
                .map(|d| {
                    d.document
                        .annotations()
                        .iter()
                        .filter(|a| a.label == label.id)
                        .count()
                })
                .sum(),
        })
        .filter(|label| label.spans > 0)
        .collect();
    (!new.is_empty()).then(|| LabelQuestion {
        files: names.join(", "),
        labels: new,
    })
}

/// When one document was read, annotated on another copy of the open
/// document's story (not the same text, nor any in the library): the question
/// to put.
fn offer_placing(session: &Session, checked: &[Imported]) -> Option<String> {
    let ([imported], Some(open), Some(summary)) = (checked, session.open(), session.open_summary())
    else {
        return None;
    };
    let text = imported.document.text().as_str();
    let elsewhere = text == open.text().as_str()
        || session.find_by_text_hash(text_hash(text)).is_some()
        || imported.document.annotations().is_empty()
        || !shares_story(text, open.text().as_str());
    (!elsewhere).then(|| {
        format!(
            "“{}” was annotated on a different text. Place its {} on “{}”, found again by their words, or import it as a new document?",
            imported.title,
            plural(imported.document.annotations().len(), "annotation"),
            summary.title
        )
    })
}

/// Places the annotations of `files` on the open document (in the worker, by
/// their words and context), as one undoable step.
pub async fn place_on_open(handle: &AppHandle, files: Vec<ImportFile>) {
    let session = handle.session();
    let (Some(document), Some(summary)) = (session.open(), session.open_summary()) else {
        return handle.error("Nothing was placed: no document is open.".to_owned());
    };
    let onto = OpenDocument {
        title: summary.title.clone(),
        text: document.text().as_str().to_owned(),
    };
    handle.info(format!("Placing annotations on “{}”…", summary.title));
    let request = Request::Place {
        labels: labels_json(handle),
        files,
        onto,
    };
    let damaged = "Nothing was placed: the converter's answer was damaged.";
    let placed = match worker::call(&request, |_, _| {}).await {
        Ok(Reply::Placed(placed)) => placed,
        Ok(_) => return handle.error(damaged.to_owned()),
        Err(error) => return handle.error(format!("Nothing was placed: {error}")),
    };
    let Ok(labels) = serde_json::from_str::<Vec<LabelDef>>(&placed.labels) else {
        return handle.error(damaged.to_owned());
    };
    let stored = placed.document;
    match document_from_record(DocId::new("placed"), stored.text, &stored.record) {
        Ok((document, _)) => handle.dispatch.emit(Action::PlaceOnOpen {
            placed: Imported {
                title: stored.title,
                labels,
                document,
                status: None,
                annotator: None,
            },
            report: placed.report,
            now: dom::now_ms(),
        }),
        Err(error) => handle.error(format!("Nothing was placed: {error}")),
    }
}

/// Exports the open document, or every document, in `format` through the worker.
/// Which documents an export takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportScope {
    Open,
    All,
    /// Those the document list shows (searched or filtered by status).
    These(Rc<Vec<DocId>>),
}

pub async fn export_as(handle: &AppHandle, format: Format, scope: ExportScope, brat_events: bool) {
    let session = handle.session();
    let mut documents = Vec::new();
    let summaries: Vec<_> = match &scope {
        ExportScope::All => session.library().to_vec(),
        ExportScope::Open => session.open_summary().into_iter().cloned().collect(),
        ExportScope::These(ids) => session
            .library()
            .iter()
            .filter(|s| ids.contains(&s.id))
            .cloned()
            .collect(),
    };
    let all = scope != ExportScope::Open;
    if summaries.is_empty() {
        return handle.error("There is no document to export.".to_owned());
    }
    handle.info(format!(
        "Preparing {} for {}…",
        plural(summaries.len(), "document"),
        format.title()
    ));
    for summary in &summaries {
        let document = match handle.document(&summary.id).await {
            Ok(document) => document,
            Err(reason) => {
                return handle.error(format!(
                    "Could not export: “{}” could not be read ({reason}).",
                    summary.title
                ))
            }
        };
        documents.push(Stored {
            title: summary.title.clone(),
            text: document.text().as_str().to_owned(),
            record: document_to_record(&document),
            status: Some(summary.status),
            annotator: session.annotator_of(&summary.id),
        });
    }
    let base = if all {
        "marginalia-corpus".to_owned()
    } else {
        file_name_from_title(&summaries[0].title)
    };
    let request = Request::Export {
        format,
        labels: labels_json(handle),
        documents,
        archive: base.clone(),
        brat_events,
    };
    let progress = {
        let handle = handle.clone();
        let title = format.title();
        move |done: u32, total: u32| {
            if total > 20 && done % (total / 20).max(1) == 0 {
                handle.info(format!("Writing {title}… {}%", done * 100 / total.max(1)));
            }
        }
    };
    let answer = match worker::call(&request, progress).await {
        Ok(Reply::Exported(answer)) => answer,
        Ok(_) => {
            return handle.error("Could not export: the converter's answer was damaged.".to_owned())
        }
        Err(error) => return handle.error(format!("Could not export: {error}")),
    };
    let downloaded = match (answer.zip, answer.file) {
        (Some(zip), _) => {
            let name = format!("{base}.{}.zip", format.key());
            dom::download_bytes(&name, "application/zip", &zip).map(|_| name)
        }
        (None, file) => {
            let contents = file.map(|(_, contents)| contents).unwrap_or_default();
            let name = format!("{base}.{}", format.extension());
            dom::download(&name, "application/octet-stream", &contents).map(|_| name)
        }
    };
    match downloaded {
        Ok(name) => {
            let notes = answer.notes;
            let mut message = format!(
                "Exported {} as {} ({name}).",
                plural(summaries.len(), "document"),
                format.title()
            );
            if !notes.is_empty() {
                message.push_str(&format!(" Note: {}", notes.join(" ")));
            }
            handle.info(message);
        }
        Err(reason) => handle.error(format!("Could not export: {reason}.")),
    }
}
