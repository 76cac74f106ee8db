//! The root's side effects, as hooks: restoring from storage at start-up,
//! autosaving after every change, dropping files on the page, undo and redo
//! keys anywhere, and scrolling to a highlight chosen from a list.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DragEvent, Element, KeyboardEvent};
use yew::prelude::*;

use crate::model::ids::{AnnotationId, DocId};
use crate::model::records::StoredLibrary;
use crate::model::session::{Action, Session};
use crate::ui::autosave::{Autosave, SaveStatus};
use crate::ui::handle::{AppHandle, Shared};
use crate::ui::storage::{self, Storage, StorageUse};
use crate::ui::{dom, files, keys, worker};

/// Where the tabs on one library announce their saves.
const LIBRARY_CHANNEL: &str = "marginalia-library";

/// Start-up and autosave: restores the library, then writes every change (the
/// session's revisions say what changed), and what is pending when the page
/// goes away. Returns the save status to show.
#[hook]
pub fn use_storage(handle: &AppHandle, session: &Rc<Session>) -> SaveStatus {
    let autosave = use_mut_ref(|| None::<Autosave>);
    let status = use_state_eq(|| SaveStatus::Idle);
    {
        let (handle, autosave, status) = (handle.clone(), autosave.clone(), status.clone());
        use_effect_with((), move |_| {
            // Tabs on one library: each save is announced; a tab that hears
            // another's stops saving, so neither overwrites the other.
            let channel = web_sys::BroadcastChannel::new(LIBRARY_CHANNEL).ok();
            let on_status = {
                let channel = channel.clone();
                Callback::from(move |s| {
                    if s == SaveStatus::Saved {
                        if let Some(channel) = &channel {
                            let _ = channel.post_message(&"saved".into());
                        }
                    }
                    status.set(s)
                })
            };
            let other_tab = channel.as_ref().map(|channel| {
                let (autosave, dispatch) = (autosave.clone(), handle.dispatch.clone());
                EventListener::new(channel, "message", move |_| {
                    let Some(autosave) = autosave.borrow().clone() else { return };
                    if autosave.stop() {
                        dispatch.emit(Action::StorageFailed(
                        "Marginalia saved changes to this library in another tab; reload this tab to go on with them".to_owned(),
                    ));
                    }
                })
            });
            spawn_local(restore(handle, autosave.clone(), on_status));
            // The format worker compiles on its own thread while the library is
            // read, so the first import or export does not wait for it, and it is
            // there when the connection is gone.
            worker::prewarm();
            let flush = web_sys::window().map(|window| {
                EventListener::new(&window, "pagehide", move |_| {
                    if let Some(autosave) = autosave.borrow().as_ref() {
                        autosave.flush();
                    }
                })
            });
            move || drop((flush, other_tab))
        });
    }
    let changed = (
        session.library_revision(),
        session.open().map(|d| (d.id().clone(), d.revision())),
    );
    let session = session.clone();
    use_effect_with(changed, move |_| {
        if let Some(autosave) = autosave.borrow().as_ref() {
            autosave.note(session);
        }
    });
    *status
}

/// Opens storage, reads the library and the last open document, starts autosave.
async fn restore(
    handle: AppHandle,
    autosave: Shared<Option<Autosave>>,
    on_status: Callback<SaveStatus>,
) {
    super::mark("marginalia:restore");
    let storage = match Storage::open().await {
        Ok(storage) => Rc::new(storage),
        Err(reason) => return handle.dispatch.emit(Action::StorageFailed(reason)),
    };
    let stored = match storage.load_library().await {
        Ok(Some(stored)) => stored,
        Ok(None) => StoredLibrary::default(),
        Err(reason) => {
            // Saving over a library we could not read would lose it: stay read-only.
            handle.dispatch.emit(Action::StorageFailed(reason));
            return;
        }
    };
    *handle.storage.borrow_mut() = Some(storage.clone());
    let open = match &stored.open {
        Some(id) => handle.load(id).await.ok(),
        None => None,
    };
    let known: Vec<DocId> = stored.documents.iter().map(|s| s.id.clone()).collect();
    let on_error = {
        let dispatch = handle.dispatch.clone();
        Callback::from(move |reason: String| dispatch.emit(Action::StorageFailed(reason)))
    };
    *autosave.borrow_mut() = Some(Autosave::new(
        storage,
        known,
        stored.open,
        on_status,
        on_error,
    ));
    handle.dispatch.emit(Action::Restored {
        library: stored.documents,
        open,
        schema: stored.schema,
        schema_history: stored.schema_history,
        preferences: stored.preferences,
        annotator: stored.annotator,
    });
    super::mark("marginalia:restored");
    // Back in the team joined on this device (its worker starts only then).
    super::team::resume(&handle);
}

/// Files dropped anywhere on the page are opened or imported. Returns whether
/// files are being dragged over the page (to show where to drop).
#[hook]
pub fn use_file_drop(handle: &AppHandle) -> bool {
    let dragging = use_state_eq(|| false);
    {
        let (handle, dragging) = (handle.clone(), dragging.clone());
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let prevent = EventListenerOptions::enable_prevent_default;
                let over = {
                    let dragging = dragging.clone();
                    EventListener::new_with_options(&window, "dragover", prevent(), move |event| {
                        event.prevent_default();
                        dragging.set(true);
                        // Dropped files may be annotations: have the converter ready.
                        worker::prewarm();
                    })
                };
                let leave = {
                    let dragging = dragging.clone();
                    EventListener::new(&window, "dragleave", move |event| {
                        // Leaving the window reports no related target.
                        let event: &DragEvent = event.unchecked_ref();
                        if event.related_target().is_none() {
                            dragging.set(false);
                        }
                    })
                };
                let dropped =
                    EventListener::new_with_options(&window, "drop", prevent(), move |event| {
                        event.prevent_default();
                        dragging.set(false);
                        let event: &DragEvent = event.unchecked_ref();
                        let list = event.data_transfer().and_then(|t| t.files());
                        handle.handle_files(files::from_list(list), None);
                    });
                (over, leave, dropped)
            });
            move || drop(listeners)
        });
    }
    *dragging
}

/// Undo and redo from anywhere but a text field.
#[hook]
pub fn use_history_keys(dispatch: &Callback<Action>) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let event: &KeyboardEvent = event.unchecked_ref();
                if let Some(action) = keys::history_shortcut(event) {
                    event.prevent_default();
                    dispatch.emit(action);
                }
            })
        });
        move || drop(listener)
    });
}

/// Scrolling to and flashing the selected highlight when asked (a choice from a
/// list), after the render that marks it selected: one before would overwrite
/// the flash. Returns the function that asks; the newest request wins.
#[hook]
pub fn use_reveal(article_ref: &NodeRef, selected: Option<AnnotationId>) -> Rc<dyn Fn()> {
    let request = use_state_eq(|| 0u64);
    let handled = use_mut_ref(|| 0u64);
    {
        let article_ref = article_ref.clone();
        use_effect_with((*request, selected), move |(request, selected)| {
            if *request == *handled.borrow() {
                return;
            }
            *handled.borrow_mut() = *request;
            if let (Some(id), Some(article)) = (selected, article_ref.cast::<Element>()) {
                dom::reveal_annotation(&article, id.as_str());
            }
        });
    }
    let (setter, requests) = (request.setter(), use_mut_ref(|| 0u64));
    Rc::new(move || {
        *requests.borrow_mut() += 1;
        setter.set(*requests.borrow());
    })
}

/// True once a new version of the app has been fetched and waits for the user
/// to reload (`assets/register-sw.js` says so with an event, and leaves
/// `window.marginaliaUpdate` to call).
#[hook]
pub fn use_update_ready() -> bool {
    let ready = use_state_eq(dom::update_waiting);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "marginalia-update-ready", move |_| ready.set(true))
            });
            move || drop(listener)
        });
    }
    *ready
}

/// What the library takes in the browser's storage, measured again after each
/// save; once there is a document, the browser is asked (once) to keep it.
#[hook]
pub fn use_storage_use(documents: usize, save_status: SaveStatus) -> Option<StorageUse> {
    let measured = use_state_eq(|| None::<StorageUse>);
    {
        let measured = measured.clone();
        let settled = !matches!(save_status, SaveStatus::Pending);
        use_effect_with((documents, settled), move |&(documents, settled)| {
            if settled {
                spawn_local(async move {
                    measured.set(storage::keep_and_measure(documents > 0).await);
                });
            }
        });
    }
    *measured
}

/// The keyboard cheat-sheet: open once `?` is pressed anywhere but in a text
/// field. Returns whether it is open, and what closes it.
#[hook]
pub fn use_key_help() -> (bool, Callback<()>) {
    let open = use_state_eq(|| false);
    {
        let open = open.setter();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "keydown", options, move |event| {
                    let event: &KeyboardEvent = event.unchecked_ref();
                    if event.key() == "?" && !keys::in_text_field(event) {
                        event.prevent_default();
                        open.set(true);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let close = {
        let open = open.setter();
        use_callback((), move |_: (), _| open.set(false))
    };
    (*open, close)
}

/// The window is too narrow or too short for Details and the Annotations list
/// side by side in one column: they become tabs. Follows the window as it changes.
#[hook]
pub fn use_compact_panels() -> bool {
    const QUERY: &str = "(max-width: 1000px), (max-height: 820px)";
    let matches = || {
        web_sys::window()
            .and_then(|w| w.match_media(QUERY).ok().flatten())
            .is_some_and(|list| list.matches())
    };
    let compact = use_state_eq(matches);
    {
        let compact = compact.setter();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.match_media(QUERY).ok().flatten())
                .map(|list| EventListener::new(&list, "change", move |_| compact.set(matches())));
            move || drop(listener)
        });
    }
    *compact
}

/// `]` and `[` open the next and previous document of the library (newest
/// first), from anywhere but a text field.
#[hook]
pub fn use_document_keys(handle: &AppHandle) {
    let handle = handle.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let event: &KeyboardEvent = event.unchecked_ref();
                let forward = match event.key().as_str() {
                    "]" => true,
                    "[" => false,
                    _ => return,
                };
                if event.ctrl_key()
                    || event.alt_key()
                    || event.meta_key()
                    || keys::in_text_field(event)
                {
                    return;
                }
                let session = handle.session();
                let library = session.library();
                let here = session
                    .open()
                    .and_then(|open| library.iter().position(|s| s.id == *open.id()));
                let next = match (here, forward) {
                    (None, _) => library.first(),
                    (Some(i), true) => library.get(i + 1),
                    (Some(i), false) => i.checked_sub(1).and_then(|i| library.get(i)),
                };
                event.prevent_default();
                match next {
                    Some(summary) => {
                        let (handle, id) = (handle.clone(), summary.id.clone());
                        spawn_local(async move { handle.open_document(id).await });
                    }
                    None => handle.info(if forward {
                        "This is the last document.".to_owned()
                    } else {
                        "This is the first document.".to_owned()
                    }),
                }
            })
        });
        move || drop(listener)
    });
}

/// The pending suggestions of the open document (worked out again only when
/// the suggestions, the document or the rejections change), drawn in the
/// article as CSS highlights after each render that changes them; the one
/// looked at is scrolled to when it changes.
#[hook]
pub fn use_suggestion_layer(article_ref: &NodeRef, session: &Session) -> Rc<Vec<usize>> {
    let layer = session.suggestions().cloned();
    let document = session.open_shared();
    let rejected = session.rejected().to_vec();
    let pending = use_memo(
        (layer.clone(), document.clone(), rejected),
        |(layer, document, rejected)| match (layer, document) {
            (Some(layer), Some(document)) => layer.pending(&document.0, rejected),
            _ => Vec::new(),
        },
    );
    let shown_selected = use_mut_ref(|| None::<usize>);
    {
        let article_ref = article_ref.clone();
        let selected = layer.as_ref().and_then(|l| l.selected());
        use_effect_with(
            (pending.clone(), layer, document, selected),
            move |(pending, layer, document, selected)| {
                let Some(article) = article_ref.cast::<Element>() else {
                    return;
                };
                let (Some(layer), Some(document)) = (layer, document) else {
                    dom::show_suggestions(&article, &[], None, false);
                    return;
                };
                let text = document.0.text();
                let utf16 = |index: usize| {
                    let span = &layer.found().spans[index];
                    let offsets = text.offsets();
                    (
                        offsets.char_to_utf16(text.as_str(), span.start),
                        offsets.char_to_utf16(text.as_str(), span.end),
                    )
                };
                let ranges: Vec<(usize, usize)> = pending.iter().map(|&i| utf16(i)).collect();
                let current = selected.filter(|s| pending.contains(s));
                let reveal = *shown_selected.borrow() != current;
                *shown_selected.borrow_mut() = current;
                dom::show_suggestions(&article, &ranges, current.map(utf16), reveal);
            },
        );
    }
    pending
}
