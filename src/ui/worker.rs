//! Talking to the format worker (`src/bin/marginalia-worker.rs`): it is started on
//! the first export or import in another format, and answers one request at a
//! time. Requests and answers are plain JS objects; documents travel as native
//! JSON.

use std::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The loader Trunk writes for the worker, beside `index.html`.
const WORKER_URL: &str = "./marginalia-worker_loader.js";

thread_local! {
    /// The worker and a promise that settles when it is ready (or fails to load).
    static WORKER: RefCell<Option<(Worker, Promise)>> = const { RefCell::new(None) };
}

/// Starts the worker ahead of need (when the user points at Import or Export),
/// so the first conversion does not wait for it to load.
pub fn prewarm() {
    // Called on every dragover, too: nothing to do once it is there.
    if WORKER.with(|cell| cell.borrow().is_some()) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let _ = worker().await;
    });
}

/// The running worker, started on first use. Messages sent before its WebAssembly
/// has started would be lost, so it says when it is ready, and every caller waits
/// for that (however many ask while it loads, there is one worker).
async fn worker() -> Result<Worker, String> {
    let existing = WORKER.with(|cell| cell.borrow().clone());
    let (worker, ready) = match existing {
        Some(pair) => pair,
        None => {
            let worker = Worker::new(WORKER_URL)
                .map_err(|e| format!("the format converter could not start ({e:?})"))?;
            let ready = Promise::new(&mut |resolve, reject| {
                let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
                    let _ = resolve.call0(&JsValue::NULL);
                });
                let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
                    move |event: web_sys::ErrorEvent| {
                        let _ = reject.call1(&JsValue::NULL, &JsValue::from(event.message()));
                    },
                );
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                on_message.forget();
                on_error.forget();
            });
            WORKER.with(|cell| *cell.borrow_mut() = Some((worker.clone(), ready.clone())));
            (worker, ready)
        }
    };
    if let Err(error) = JsFuture::from(ready).await {
        forget_worker();
        let reason = error
            .as_string()
            .unwrap_or_else(|| "it did not load".to_owned());
        return Err(format!("the format converter could not start ({reason})"));
    }
    Ok(worker)
}

/// Stops the worker; the next request starts a new one.
fn forget_worker() {
    WORKER.with(|cell| {
        if let Some((worker, _)) = cell.borrow_mut().take() {
            worker.terminate();
        }
    });
}

/// Sends `request` and waits for the answer, reporting progress (done, total).
/// A worker that fails to load or crashes is replaced on the next request.
pub async fn call(
    request: Object,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<JsValue, String> {
    let worker = worker().await?;
    // The promise runs its executor once; the handler takes the callback then.
    let mut on_progress = Some(on_progress);
    let answer = Promise::new(&mut |resolve, reject| {
        let on_progress = on_progress.take().expect("the executor runs once");
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let kind = get(&data, "kind").as_string().unwrap_or_default();
            if kind == "progress" {
                let number = |key| get(&data, key).as_f64().unwrap_or(0.0) as u32;
                on_progress(number("done"), number("total"));
            } else {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from(event.message()));
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the worker; the next call replaces them.
        on_message.forget();
        on_error.forget();
    });
    if let Err(error) = worker.post_message(&request) {
        return Err(format!(
            "the format converter refused the request ({error:?})"
        ));
    }
    match JsFuture::from(answer).await {
        Ok(answer) => match get(&answer, "error").as_string() {
            Some(error) => Err(error),
            None => Ok(answer),
        },
        Err(error) => {
            forget_worker();
            let reason = error.as_string().unwrap_or_else(|| "it stopped".to_owned());
            Err(format!("the format converter failed: {reason}"))
        }
    }
}

pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

pub fn string_list(value: &JsValue) -> Vec<String> {
    Array::from(value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

pub fn bytes(value: &JsValue) -> Option<Vec<u8>> {
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// A file for an import request.
pub fn file_entry(name: &str, bytes: &[u8]) -> Object {
    let entry = Object::new();
    set(&entry, "name", name);
    set(&entry, "bytes", Uint8Array::from(bytes));
    entry
}
