//! The app's side of a team (issue 15): the invitation kept in localStorage,
//! the team worker (`src/bin/marginalia-team.rs`, started only once the user
//! has joined, so `yrs` is never in anyone else's download), the open layer
//! sent to it after each change, and what it reports turned into actions.

use std::cell::RefCell;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::dom;
use super::handle::AppHandle;
use crate::model::ids::DocId;
use crate::model::session::{Action, Imported};
use crate::model::team::layer::{self, Entries};
use crate::model::team::{Invitation, ToApp, ToWorker};

const LOADER: &str = "./marginalia-team_loader.js";
const STORED: &str = "marginalia-team-invitation";
/// Quiet time after an edit before the layer goes to the worker.
const PUBLISH_AFTER_MS: u32 = 120;

type MessageHandler = Closure<dyn FnMut(MessageEvent)>;
type ErrorHandler = Closure<dyn FnMut(ErrorEvent)>;

struct Running {
    worker: Worker,
    ready: bool,
    /// Messages waiting for the worker to start.
    queue: Vec<String>,
    /// The layer last sent: which document, and its entries.
    sent: Option<(DocId, Entries)>,
    timer: Option<Timeout>,
    _handlers: (MessageHandler, ErrorHandler),
    _network: Vec<EventListener>,
}

thread_local! {
    static TEAM: RefCell<Option<Running>> = const { RefCell::new(None) };
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// An invitation in the page's address (`…#join=CODE`), to offer.
pub fn invitation_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.contains("join=").then_some(hash)
}

/// At start-up: back in the team the user joined on this device.
pub fn resume(handle: &AppHandle) {
    let stored = local_storage().and_then(|s| s.get_item(STORED).ok().flatten());
    if let Some(invitation) = stored.and_then(|code| Invitation::from_code(&code).ok()) {
        start(handle, invitation);
    }
}

/// Joins with a code or link; the message to show when it is not one.
pub fn join(handle: &AppHandle, code: &str) -> Result<(), String> {
    let invitation = Invitation::from_code(code)?;
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORED, &invitation.code());
    }
    // A link's invitation leaves the address once used (a reload must not offer it again).
    if invitation_in_address().is_some() {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let path = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
        }
    }
    stop();
    start(handle, invitation);
    Ok(())
}

pub fn leave(handle: &AppHandle) {
    send(&ToWorker::Leave);
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(STORED);
    }
    // The worker deletes its copy of the team's documents, then goes.
    let worker = TEAM.with(|t| t.borrow_mut().take()).map(|r| r.worker);
    if let Some(worker) = worker {
        Timeout::new(1_000, move || worker.terminate()).forget();
    }
    handle.dispatch.emit(Action::TeamLeft);
}

fn stop() {
    if let Some(running) = TEAM.with(|t| t.borrow_mut().take()) {
        running.worker.terminate();
    }
}

fn start(handle: &AppHandle, invitation: Invitation) {
    handle.dispatch.emit(Action::TeamJoined {
        name: invitation.name.clone(),
        role: invitation.role,
    });
    let Ok(worker) = Worker::new(LOADER) else {
        handle.error("The team’s sync could not start in this browser.".to_owned());
        return;
    };
    let on_message = {
        let handle = handle.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(json) = event.data().as_string() {
                received(&handle, &json);
            }
        })
    };
    let on_error = {
        let handle = handle.clone();
        Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            handle.error(format!(
                "The team’s sync stopped ({}). Your work is kept on this device; reload to reconnect.",
                event.message()
            ));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let network = web_sys::window()
        .map(|window| {
            ["online", "offline"]
                .into_iter()
                .map(|name| {
                    EventListener::new(&window, name, move |_| {
                        let online = web_sys::window()
                            .map(|w| w.navigator().on_line())
                            .unwrap_or(true);
                        send(&ToWorker::Network(online));
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    TEAM.with(|t| {
        *t.borrow_mut() = Some(Running {
            worker,
            ready: false,
            queue: Vec::new(),
            sent: None,
            timer: None,
            _handlers: (on_message, on_error),
            _network: network,
        })
    });
    send(&ToWorker::Join {
        invitation: Box::new(invitation),
        now: dom::now_ms(),
    });
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    if !online {
        send(&ToWorker::Network(false));
    }
    publish(handle);
}

fn send(message: &ToWorker) {
    let Ok(json) = serde_json::to_string(message) else {
        return;
    };
    TEAM.with(|t| {
        let mut team = t.borrow_mut();
        let Some(running) = team.as_mut() else { return };
        if running.ready {
            let _ = running.worker.post_message(&JsValue::from_str(&json));
        } else {
            running.queue.push(json);
        }
    });
}

fn received(handle: &AppHandle, json: &str) {
    if json == "\"Ready\"" {
        TEAM.with(|t| {
            if let Some(running) = t.borrow_mut().as_mut() {
                running.ready = true;
                for message in running.queue.drain(..) {
                    let _ = running.worker.post_message(&JsValue::from_str(&message));
                }
            }
        });
        return;
    }
    let Ok(message) = serde_json::from_str::<ToApp>(json) else {
        return;
    };
    let now = dom::now_ms();
    match message {
        ToApp::Overview(overview) => handle.dispatch.emit(Action::TeamOverview(overview)),
        ToApp::Ops { article, ops, .. } => {
            handle.dispatch.emit(Action::TeamOps { article, ops, now })
        }
        ToApp::Version {
            owner,
            title,
            text,
            entries,
        } => {
            let labelled = layer::labelled(&title, &text, &entries, &owner);
            match Imported::new(labelled) {
                Ok(imported) => handle.dispatch.emit(Action::TeamVersion {
                    imported,
                    id: DocId::new(&dom::new_document_id()),
                    now,
                }),
                Err(error) => handle.error(format!(
                    "{owner}’s layer of “{title}” could not be read: {error}"
                )),
            }
        }
        ToApp::Failed(message) => handle.error(message),
    }
}

/// After a change: the open document's layer goes to the worker, once the
/// edits pause (only what changed travels on from there).
pub fn publish(handle: &AppHandle) {
    let joined = TEAM.with(|t| t.borrow().is_some());
    if !joined {
        return;
    }
    let handle = handle.clone();
    let timer = Timeout::new(PUBLISH_AFTER_MS, move || {
        let session = handle.session();
        let (Some(layer), Some(document), Some(summary)) =
            (session.open_layer(), session.open(), session.open_summary())
        else {
            return;
        };
        let entries = layer::entries(document);
        let id = document.id().clone();
        let sent = TEAM.with(|t| {
            t.borrow()
                .as_ref()
                .and_then(|r| r.sent.as_ref())
                .map(|(sent_id, sent)| (*sent_id == id, *sent == entries))
        });
        let same_document = match sent {
            Some((true, true)) => return,
            Some((same, _)) => same,
            None => false,
        };
        let text = document.text().as_str();
        send(&ToWorker::Local {
            layer,
            article: crate::model::team::article_key(text),
            title: summary.title.clone(),
            // The text travels once per document opened.
            text: if same_document {
                String::new()
            } else {
                text.to_owned()
            },
            entries: entries.clone(),
        });
        TEAM.with(|t| {
            if let Some(running) = t.borrow_mut().as_mut() {
                running.sent = Some((id, entries));
            }
        });
    });
    TEAM.with(|t| {
        if let Some(running) = t.borrow_mut().as_mut() {
            running.timer = Some(timer);
        }
    });
}
