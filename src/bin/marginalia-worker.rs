//! The web app's format worker: it runs `formats::service` off the main thread, so
//! converting a large corpus never freezes the page, and the foreign formats'
//! code is fetched only when someone exports or imports them.
//!
//! Messages are plain JS objects; a document is `{title, text, record}` (the
//! record the app stores). In: `{kind: "export", format, labels, documents,
//! archive}` or `{kind: "import", labels, files: [{name, bytes}], open?: {title,
//! text}}`. Out: `{kind: "progress", done, total}` while working, then
//! `{kind: "done", error?, name?, contents?, zip?, documents?, labels?, notes,
//! newLabels}`.
//! On start it posts `{kind: "ready"}`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = protocol::answer(&event.data(), &reply);
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page waits for this before its first request: messages sent while the
    // WebAssembly was still loading would have found no handler.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &"kind".into(), &"ready".into());
    let _ = scope.post_message(&ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-worker runs inside the web app; use the `marginalia` command instead.");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod protocol {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::JsValue;
    use web_sys::DedicatedWorkerGlobalScope;

    use marginalia::formats::service::{self, ExportRequest, ImportFile, OpenDocument, Stored};
    use marginalia::formats::Format;

    fn get(object: &JsValue, key: &str) -> JsValue {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn string(object: &JsValue, key: &str) -> String {
        get(object, key).as_string().unwrap_or_default()
    }

    fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
        let _ = Reflect::set(object, &key.into(), &value.into());
    }

    fn strings(values: impl IntoIterator<Item = String>) -> Array {
        values.into_iter().map(JsValue::from).collect()
    }

    /// Handles one request; progress is posted as it goes.
    pub fn answer(request: &JsValue, scope: &DedicatedWorkerGlobalScope) -> JsValue {
        let out = Object::new();
        set(&out, "kind", "done");
        let total = match string(request, "kind").as_str() {
            "export" => Array::from(&get(request, "documents")).length(),
            _ => Array::from(&get(request, "files")).length(),
        };
        let mut done = 0;
        let mut progress = || {
            done += 1;
            let message = Object::new();
            set(&message, "kind", "progress");
            set(&message, "done", done);
            set(&message, "total", total);
            let _ = scope.post_message(&message);
        };
        let result = match string(request, "kind").as_str() {
            "export" => export(request, &out, &mut progress),
            "import" => import(request, &out, &mut progress),
            other => Err(format!("unknown request “{other}”")),
        };
        if let Err(error) = result {
            set(&out, "error", error);
        }
        out.into()
    }

    fn export(request: &JsValue, out: &Object, progress: &mut dyn FnMut()) -> Result<(), String> {
        let key = string(request, "format");
        let format = Format::from_key(&key).ok_or_else(|| format!("unknown format “{key}”"))?;
        let documents = Array::from(&get(request, "documents"))
            .iter()
            .map(|d| Stored {
                title: string(&d, "title"),
                text: string(&d, "text"),
                record: string(&d, "record"),
            })
            .collect();
        let response = service::export(
            ExportRequest {
                format,
                labels: string(request, "labels"),
                documents,
                archive_name: string(request, "archive"),
            },
            progress,
        )?;
        if let Some(file) = response.file {
            set(out, "name", file.name);
            set(out, "contents", file.contents);
        }
        if let Some(zip) = response.zip {
            set(out, "zip", Uint8Array::from(zip.as_slice()));
        }
        set(out, "notes", strings(response.notes));
        Ok(())
    }

    fn import(request: &JsValue, out: &Object, progress: &mut dyn FnMut()) -> Result<(), String> {
        let files = Array::from(&get(request, "files"))
            .iter()
            .map(|file| ImportFile {
                name: string(&file, "name"),
                bytes: Uint8Array::new(&get(&file, "bytes")).to_vec(),
            })
            .collect();
        let open = get(request, "open");
        let open = (!open.is_undefined() && !open.is_null()).then(|| OpenDocument {
            title: string(&open, "title"),
            text: string(&open, "text"),
        });
        let response = service::import(files, &string(request, "labels"), open, progress)?;
        let documents: Array = response
            .documents
            .into_iter()
            .map(|stored| {
                let entry = Object::new();
                set(&entry, "title", stored.title);
                set(&entry, "text", stored.text);
                set(&entry, "record", stored.record);
                JsValue::from(entry)
            })
            .collect();
        set(out, "documents", documents);
        set(out, "labels", response.labels);
        set(out, "newLabels", response.new_labels.len() as u32);
        set(out, "notes", strings(response.notes));
        Ok(())
    }
}
