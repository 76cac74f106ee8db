//! Export as… and import of other tools' formats: the app gathers documents as
//! native JSON, the format worker converts, and the app downloads the result or
//! imports what came back, then says in one message what happened and what the
//! format could not hold.

use crate::formats::Format;
use crate::model::ids::DocId;
use crate::model::labelled::{labelled, LabelledDocument};
use crate::model::labels::LabelDef;
use crate::model::records::{document_from_record, document_to_record};
use crate::model::text_input::file_name_from_title;
use crate::ui::{dom, files, worker};

use super::app::Context;

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

fn labels_json(context: &Context) -> String {
    serde_json::to_string(context.session().schema.labels()).expect("labels serialise")
}

/// Reads any supported files (other tools' formats, several files, a .zip) in
/// the worker, then imports each document it found.
pub(super) async fn import_through_worker(context: &Context, files: Vec<gloo_file::File>) {
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let mut entries = Vec::new();
    for file in &files {
        match files::read_bytes(file).await {
            Ok(bytes) => entries.push(worker::file_entry(&file.name(), &bytes)),
            Err(message) => return context.error(message),
        }
    }
    let session = context.session();
    let request = js_sys::Object::new();
    worker::set(&request, "kind", "import");
    worker::set(&request, "labels", labels_json(context));
    worker::set(
        &request,
        "files",
        entries.into_iter().collect::<js_sys::Array>(),
    );
    if let (Some(document), Some(summary)) = (session.open(), session.open_summary()) {
        let open = js_sys::Object::new();
        worker::set(&open, "title", summary.title.clone());
        worker::set(&open, "text", document.text().as_str());
        worker::set(&request, "open", open);
    }
    context.info(format!("Reading {}…", names.join(", ")));
    let progress = {
        let context = context.clone();
        move |done: u32, total: u32| {
            if total > 1 {
                context.info(format!("Reading file {done} of {total}…"));
            }
        }
    };
    let answer = match worker::call(request, progress).await {
        Ok(answer) => answer,
        Err(error) => return context.error(format!("Nothing was imported: {error}")),
    };
    // Everything is read before anything is imported: a bad answer changes nothing.
    let labels: Vec<LabelDef> = match worker::get(&answer, "labels")
        .as_string()
        .map(|json| serde_json::from_str(&json))
    {
        Some(Ok(labels)) => labels,
        _ => {
            return context
                .error("Nothing was imported: the converter's answer was damaged.".to_owned())
        }
    };
    let mut checked: Vec<LabelledDocument> = Vec::new();
    for entry in js_sys::Array::from(&worker::get(&answer, "documents")).iter() {
        let field = |key| worker::get(&entry, key).as_string().unwrap_or_default();
        match document_from_record(DocId::new("import"), field("text"), &field("record")) {
            Ok((document, _)) => {
                let mut document = labelled(&field("title"), &document);
                document.labels = labels.clone();
                checked.push(document);
            }
            Err(error) => return context.error(format!("Nothing was imported: {error}")),
        }
    }
    let annotations: usize = checked.iter().map(|d| d.annotations.len()).sum();
    let count = checked.len();
    for (index, document) in checked.into_iter().enumerate() {
        context.import_document(document).await;
        // Autosave writes the open document; each imported one is open in turn, so
        // let the app render (and save) it before the next replaces it.
        if count > 1 {
            context.info(format!("Importing document {} of {count}…", index + 1));
            dom::next_task().await;
        }
    }
    let new_labels = worker::get(&answer, "newLabels").as_f64().unwrap_or(0.0) as usize;
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
    let notes = worker::string_list(&worker::get(&answer, "notes"));
    if !notes.is_empty() {
        message.push_str(&format!(" Notes: {}", notes.join(" ")));
    }
    // One document's own message (created, or merged into the same text) says it
    // best, unless there is more to tell.
    if count > 1 || new_labels > 0 || !notes.is_empty() {
        context.info(message);
    }
}

/// Exports the open document, or every document, in `format` through the worker.
pub(super) async fn export_as(context: &Context, format: Format, all: bool) {
    let session = context.session();
    let mut documents = Vec::new();
    let summaries: Vec<_> = if all {
        session.library().to_vec()
    } else {
        session.open_summary().into_iter().cloned().collect()
    };
    if summaries.is_empty() {
        return context.error("There is no document to export.".to_owned());
    }
    context.info(format!(
        "Preparing {} for {}…",
        plural(summaries.len(), "document"),
        format.title()
    ));
    for summary in &summaries {
        let document = match session.open().filter(|d| d.id() == &summary.id) {
            Some(open) => open.clone(),
            None => match context.load(&summary.id).await {
                Ok(document) => document,
                Err(reason) => {
                    return context.error(format!(
                        "Could not export: “{}” could not be read ({reason}).",
                        summary.title
                    ))
                }
            },
        };
        let entry = js_sys::Object::new();
        worker::set(&entry, "title", summary.title.clone());
        worker::set(&entry, "text", document.text().as_str());
        worker::set(&entry, "record", document_to_record(&document));
        documents.push(entry);
    }
    let base = if all {
        "marginalia-corpus".to_owned()
    } else {
        file_name_from_title(&summaries[0].title)
    };
    let request = js_sys::Object::new();
    worker::set(&request, "kind", "export");
    worker::set(&request, "format", format.key());
    worker::set(&request, "labels", labels_json(context));
    worker::set(
        &request,
        "documents",
        documents.into_iter().collect::<js_sys::Array>(),
    );
    worker::set(&request, "archive", base.clone());
    let progress = {
        let context = context.clone();
        let title = format.title();
        move |done: u32, total: u32| {
            if total > 20 && done % (total / 20).max(1) == 0 {
                context.info(format!("Writing {title}… {}%", done * 100 / total.max(1)));
            }
        }
    };
    let answer = match worker::call(request, progress).await {
        Ok(answer) => answer,
        Err(error) => return context.error(format!("Could not export: {error}")),
    };
    let downloaded = match worker::bytes(&worker::get(&answer, "zip")) {
        Some(zip) => {
            let name = format!("{base}.{}.zip", format.key());
            dom::download_bytes(&name, "application/zip", &zip).map(|_| name)
        }
        None => {
            let contents = worker::get(&answer, "contents")
                .as_string()
                .unwrap_or_default();
            let name = format!("{base}.{}", format.extension());
            dom::download(&name, "application/octet-stream", &contents).map(|_| name)
        }
    };
    match downloaded {
        Ok(name) => {
            let notes = worker::string_list(&worker::get(&answer, "notes"));
            let mut message = format!(
                "Exported {} as {} ({name}).",
                plural(summaries.len(), "document"),
                format.title()
            );
            if !notes.is_empty() {
                message.push_str(&format!(" Note: {}", notes.join(" ")));
            }
            context.info(message);
        }
        Err(reason) => context.error(format!("Could not export: {reason}.")),
    }
}
