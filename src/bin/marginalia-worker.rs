//! The web app's format worker: it runs `formats::service` off the main thread, so
//! converting a large corpus never freezes the page, and the foreign formats'
//! code is fetched only when someone exports or imports them. Its messages are
//! `marginalia::worker_protocol`'s; on start it says it is ready.

#[cfg(target_arch = "wasm32")]
fn main() {
    use marginalia::worker_protocol::Reply;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = requests::answer(&event.data(), &reply);
        let _ = reply.post_message(&answer.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    // The page waits for this before its first request: messages sent while the
    // WebAssembly was still loading would have found no handler.
    let _ = scope.post_message(&Reply::Ready.to_js());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-worker runs inside the web app; use the `marginalia` command instead.");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod requests {
    use wasm_bindgen::JsValue;
    use web_sys::DedicatedWorkerGlobalScope;

    use marginalia::formats::service::{self, ExportRequest};
    use marginalia::worker_protocol::{Exported, ImportedFiles, Placed, Reply, Request};

    /// Handles one request; progress is posted as it goes.
    pub fn answer(message: &JsValue, scope: &DedicatedWorkerGlobalScope) -> Reply {
        let request = match Request::from_js(message) {
            Ok(request) => request,
            Err(error) => return Reply::Failed(error),
        };
        let total = request.len();
        let mut done = 0;
        let mut progress = || {
            done += 1;
            let _ = scope.post_message(&Reply::Progress { done, total }.to_js());
        };
        let result = match request {
            Request::Export {
                format,
                labels,
                documents,
                archive,
                brat_events,
            } => service::export(
                ExportRequest {
                    format,
                    labels,
                    documents,
                    archive_name: archive,
                    brat_events,
                },
                &mut progress,
            )
            .map(|response| {
                Reply::Exported(Exported {
                    file: response.file.map(|f| (f.name, f.contents)),
                    zip: response.zip,
                    notes: response.notes,
                })
            }),
            Request::Import {
                labels,
                files,
                open,
                label_map,
            } => service::import(files, &labels, open, &label_map, &mut progress).map(|response| {
                Reply::Imported(ImportedFiles {
                    documents: response.documents,
                    labels: response.labels,
                    new_labels: response.new_labels.len() as u32,
                    notes: response.notes,
                })
            }),
            Request::Propose { text } => {
                Ok(Reply::Proposed(marginalia::model::cleanup::propose(&text)))
            }
            Request::Agree { labels, versions } => {
                service::agree(&labels, versions).map(Reply::Agreement)
            }
            Request::ReadPatterns { text } => {
                marginalia::model::suggest::read_patterns(&text).map(Reply::Patterns)
            }
            Request::Suggest { text, cues } => {
                use marginalia::model::suggest;
                Ok(Reply::Suggested(suggest::suggest_with(
                    &text,
                    &suggest::Lexicon::with(&cues),
                )))
            }
            // Web pages have a worker of their own (marginalia-pages): the
            // extractor would double this one's download.
            Request::ReadPage { .. } => Err("web pages are read by the page worker".to_owned()),
            Request::Place {
                labels,
                files,
                onto,
            } => service::place(files, &labels, onto, &mut progress).map(|response| {
                Reply::Placed(Placed {
                    document: response.document,
                    labels: response.labels,
                    report: response.report,
                })
            }),
        };
        result.unwrap_or_else(Reply::Failed)
    }
}
