//! Talking to the format worker (`src/bin/marginalia-worker.rs`) in
//! `worker_protocol`'s messages. It is fetched a few seconds after start-up (or
//! as soon as the user points at Import or Export), and answers one request at a
//! time.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::worker_protocol::{Reply, Request};

/// The loader Trunk writes for the worker, beside `index.html`.
const WORKER_URL: &str = "./marginalia-worker_loader.js";

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
    static WORKER: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Starts the worker ahead of need, so the first conversion does not wait for it.
pub fn prewarm() {
    // Called on every dragover, too: nothing to do once it is there.
    if WORKER.with(|cell| cell.borrow().is_some()) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let _ = worker().await;
    });
}

/// Sets the worker's handlers, keeping them alive until the next ones.
fn handle_with(worker: &Worker, on_message: MessageHandler, on_error: ErrorHandler) {
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    WORKER.with(|cell| {
        if let Some(running) = cell.borrow_mut().as_mut() {
            running.handlers = Some((on_message, on_error));
        }
    });
}

/// The running worker, started on first use. Messages sent before its WebAssembly
/// has started would be lost, so it says when it is ready, and every caller waits
/// for that (however many ask while it loads, there is one worker).
async fn worker() -> Result<Worker, String> {
    let existing = WORKER.with(|cell| {
        cell.borrow()
            .as_ref()
            .map(|r| (r.worker.clone(), r.ready.clone()))
    });
    let (worker, ready) = match existing {
        Some(pair) => pair,
        None => {
            let worker = Worker::new(WORKER_URL)
                .map_err(|e| format!("the format converter could not start ({e:?})"))?;
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
            WORKER.with(|cell| {
                *cell.borrow_mut() = Some(Running {
                    worker: worker.clone(),
                    ready: ready.clone(),
                    handlers: None,
                })
            });
            if let Some((on_message, on_error)) = handlers {
                handle_with(&worker, on_message, on_error);
            }
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
        if let Some(running) = cell.borrow_mut().take() {
            running.worker.terminate();
        }
    });
}

/// Sends `request` and waits for the final reply, reporting progress (done,
/// total). A worker that fails to load or crashes is replaced on the next request.
pub async fn call(
    request: &Request,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<Reply, String> {
    let worker = worker().await?;
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
        return Err("the format converter could not be reached".to_owned());
    };
    handle_with(&worker, on_message, on_error);
    if let Err(error) = worker.post_message(&message) {
        return Err(format!(
            "the format converter refused the request ({error:?})"
        ));
    }
    match JsFuture::from(answer).await {
        Ok(answer) => match Reply::from_js(&answer, request) {
            Reply::Failed(error) => Err(error),
            reply => Ok(reply),
        },
        Err(error) => {
            forget_worker();
            let reason = error.as_string().unwrap_or_else(|| "it stopped".to_owned());
            Err(format!("the format converter failed: {reason}"))
        }
    }
}
