//! Talking to the app's workers in `worker_protocol`'s messages: the format
//! worker (`src/bin/marginalia-worker.rs`), fetched a few seconds after start-up
//! (or as soon as the user points at Import or Export), and the page worker
//! (`src/bin/marginalia-pages.rs`), fetched the first time a web page comes in.
//! Each answers one request at a time.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::worker_protocol::{Reply, Request};

/// One of the app's workers: the loader Trunk writes for it beside
/// `index.html`, and what messages call it.
#[derive(Clone, Copy)]
pub struct Kind {
    url: &'static str,
    name: &'static str,
}

pub const FORMATS: Kind = Kind {
    url: "./marginalia-worker_loader.js",
    name: "the format converter",
};

pub const PAGES: Kind = Kind {
    url: "./marginalia-pages_loader.js",
    name: "the web page reader",
};

type MessageHandler = Closure<dyn FnMut(MessageEvent)>;
type ErrorHandler = Closure<dyn FnMut(ErrorEvent)>;

/// The running worker, a promise that settles when it is ready (or fails to
/// load), and the handlers it calls now. Each request replaces the handlers,
/// dropping the previous ones: nothing is leaked per request.
struct Running {
    worker: Worker,
    ready: Promise,
    handlers: Option<(MessageHandler, ErrorHandler)>,
}

thread_local! {
    /// The running workers, by loader address.
    static WORKERS: RefCell<HashMap<&'static str, Running>> = RefCell::new(HashMap::new());
}

/// Starts the format worker ahead of need, so the first conversion does not wait for it.
pub fn prewarm() {
    // Called on every dragover, too: nothing to do once it is there.
    if WORKERS.with(|cell| cell.borrow().contains_key(FORMATS.url)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let _ = worker(FORMATS).await;
    });
}

/// Sets the worker's handlers, keeping them alive until the next ones.
fn handle_with(kind: Kind, worker: &Worker, on_message: MessageHandler, on_error: ErrorHandler) {
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    WORKERS.with(|cell| {
        if let Some(running) = cell.borrow_mut().get_mut(kind.url) {
            running.handlers = Some((on_message, on_error));
        }
    });
}

/// The running worker, started on first use. Messages sent before its WebAssembly
/// has started would be lost, so it says when it is ready, and every caller waits
/// for that (however many ask while it loads, there is one worker).
async fn worker(kind: Kind) -> Result<Worker, String> {
    let existing = WORKERS.with(|cell| {
        cell.borrow()
            .get(kind.url)
            .map(|r| (r.worker.clone(), r.ready.clone()))
    });
    let (worker, ready) = match existing {
        Some(pair) => pair,
        None => {
            let worker = Worker::new(kind.url)
                .map_err(|e| format!("{} could not start ({e:?})", kind.name))?;
            let mut handlers = None;
            let ready = Promise::new(&mut |resolve, reject| {
                let on_message = MessageHandler::new(move |_: MessageEvent| {
                    let _ = resolve.call0(&JsValue::NULL);
                });
                let on_error = ErrorHandler::new(move |event: ErrorEvent| {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from(event.message()));
                });
                handlers = Some((on_message, on_error));
            });
            WORKERS.with(|cell| {
                cell.borrow_mut().insert(
                    kind.url,
                    Running {
                        worker: worker.clone(),
                        ready: ready.clone(),
                        handlers: None,
                    },
                )
            });
            if let Some((on_message, on_error)) = handlers {
                handle_with(kind, &worker, on_message, on_error);
            }
            (worker, ready)
        }
    };
    if let Err(error) = JsFuture::from(ready).await {
        forget_worker(kind);
        let reason = error
            .as_string()
            .unwrap_or_else(|| "it did not load".to_owned());
        return Err(format!("{} could not start ({reason})", kind.name));
    }
    Ok(worker)
}

/// Stops a worker; the next request starts a new one.
fn forget_worker(kind: Kind) {
    WORKERS.with(|cell| {
        if let Some(running) = cell.borrow_mut().remove(kind.url) {
            running.worker.terminate();
        }
    });
}

/// Sends `request` to the format worker and waits for the final reply,
/// reporting progress (done, total). A worker that fails to load or crashes is
/// replaced on the next request.
pub async fn call(
    request: &Request,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<Reply, String> {
    call_on(FORMATS, request, on_progress).await
}

/// Sends `request` to the worker `kind` and waits for the final reply.
pub async fn call_on(
    kind: Kind,
    request: &Request,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<Reply, String> {
    let worker = worker(kind).await?;
    let message = request.to_js();
    let mut handlers = None;
    // The promise runs its executor once; the handler takes the callback then.
    let mut on_progress = Some(on_progress);
    let answer = Promise::new(&mut |resolve, reject| {
        let Some(on_progress) = on_progress.take() else {
            return;
        };
        let on_message = MessageHandler::new(move |event: MessageEvent| {
            let data = event.data();
            match crate::worker_protocol::progress_of(&data) {
                Some((done, total)) => on_progress(done, total),
                None => {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            }
        });
        let on_error = ErrorHandler::new(move |event: ErrorEvent| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from(event.message()));
        });
        handlers = Some((on_message, on_error));
    });
    // The executor ran synchronously, so the handlers are there.
    let Some((on_message, on_error)) = handlers else {
        return Err(format!("{} could not be reached", kind.name));
    };
    handle_with(kind, &worker, on_message, on_error);
    if let Err(error) = worker.post_message(&message) {
        return Err(format!("{} refused the request ({error:?})", kind.name));
    }
    match JsFuture::from(answer).await {
        Ok(answer) => match Reply::from_js(&answer, request) {
            Reply::Failed(error) => Err(error),
            reply => Ok(reply),
        },
        Err(error) => {
            forget_worker(kind);
            let reason = error.as_string().unwrap_or_else(|| "it stopped".to_owned());
            Err(format!("{} failed: {reason}", kind.name))
        }
    }
}
