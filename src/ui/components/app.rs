//! The root: holds the session, restores it from storage, autosaves it, and turns
//! what the user does into actions. Everything else renders what it is given.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DragEvent, Element};
use yew::prelude::*;

use super::annotation_list::AnnotationList;
use super::article::Article;
use super::details::DetailsPanel;
use super::document_list::DocumentList;
use super::empty_state::EmptyState;
use super::export_menu::ExportMenu;
use super::load_panel::LoadPanel;
use super::notice::NoticeBar;
use super::overlap_chooser::OverlapChooser;
use super::settings::Settings;
use super::toolbar::Toolbar;
use crate::formats::Format;
use crate::model::document::ArticleText;
use crate::model::ids::{AnnotationId, DocId, LabelId};
use crate::model::labels::label_style_rules;
use crate::model::listing::step_in;
use crate::model::listing::Direction;
use crate::model::records::StoredLibrary;
use crate::model::session::{text_hash, Action, NoticeKind, Session};
use crate::model::snapping::snap_to_words;
use crate::model::text_input;
use crate::ui::autosave::{Autosave, SaveStatus};
use crate::ui::deferred::use_deferred;
use crate::ui::dom;
use crate::ui::files;
use crate::ui::state::SessionState;
use crate::ui::storage::Storage;

const SAMPLE_TITLE: &str = "Sample: Iraq and US begin talks on future of coalition";
const SAMPLE_TEXT: &str = include_str!("../../../assets/sample-article.txt");

type Shared<T> = Rc<RefCell<T>>;

/// How long after start-up the format worker is fetched in the background.
const WORKER_PREFETCH_MS: u32 = 3_000;

/// What async work needs: the newest session (not the one a closure was made in),
/// storage once it is open, and a way to act.
#[derive(Clone)]
pub(super) struct Context {
    latest: Shared<Rc<Session>>,
    storage: Shared<Option<Rc<Storage>>>,
    pub(super) dispatch: Callback<Action>,
}

impl Context {
    pub(super) fn session(&self) -> Rc<Session> {
        self.latest.borrow().clone()
    }

    pub(super) fn info(&self, message: String) {
        self.dispatch.emit(Action::Notify {
            kind: NoticeKind::Info,
            message,
        });
    }

    pub(super) fn error(&self, message: String) {
        self.dispatch.emit(Action::Notify {
            kind: NoticeKind::Error,
            message,
        });
    }

    fn create(&self, title: String, text: String) {
        self.dispatch.emit(Action::CreateDocument {
            id: DocId::new(&dom::new_document_id()),
            title,
            text,
            now: dom::now_ms(),
        });
    }

    pub(super) async fn load(
        &self,
        id: &DocId,
    ) -> Result<crate::model::document::Document, String> {
        let storage = self
            .storage
            .borrow()
            .clone()
            .ok_or("storage is not available")?;
        let (document, dropped) = storage.load_document(id).await?;
        if dropped > 0 {
            self.error(format!(
                "{dropped} saved annotations no longer fit the text and were left out."
            ));
        }
        Ok(document)
    }

    async fn open_document(&self, id: DocId) {
        if self.session().open().map(|d| d.id()) == Some(&id) {
            return;
        }
        match self.load(&id).await {
            Ok(document) => self.dispatch.emit(Action::ShowDocument(document)),
            Err(reason) => {
                let title = self
                    .session()
                    .summary(&id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                self.error(format!("Could not open “{title}”: {reason}."));
            }
        }
    }

    async fn open_article_file(&self, file: gloo_file::File) {
        match files::read_article(file).await {
            Ok((title, text)) => self.create(title, text),
            Err(message) => self.error(message),
        }
    }

    /// Adds a checked document to the library, or its annotations to the stored
    /// document with the same text.
    pub(super) async fn import_document(&self, imported: crate::model::labelled::LabelledDocument) {
        // The same text already in the library gets the new annotations added to it.
        let candidate = self
            .session()
            .find_by_text_hash(text_hash(&imported.text))
            .map(|s| s.id.clone());
        let existing = match candidate {
            None => None,
            Some(id) => match self.session().open().filter(|d| d.id() == &id) {
                Some(open) => Some(open.clone()),
                None => self.load(&id).await.ok(),
            },
        };
        self.dispatch.emit(Action::Import {
            imported,
            new_id: DocId::new(&dom::new_document_id()),
            existing,
            now: dom::now_ms(),
        });
    }

    fn handle_files(&self, files: Vec<gloo_file::File>, as_import: Option<bool>) {
        let context = self.clone();
        spawn_local(async move {
            // Import files go together, so a brat .ann finds its .txt.
            let mut imports = Vec::new();
            let names: Vec<String> = files.iter().map(|f| f.name()).collect();
            for file in files {
                let import =
                    as_import.unwrap_or_else(|| files::is_import_file(&file.name(), &names));
                if import {
                    imports.push(file);
                } else {
                    context.open_article_file(file).await;
                }
            }
            if !imports.is_empty() {
                super::interchange::import_through_worker(&context, imports).await;
            }
        });
    }
}

/// Opens storage, reads the library and the last open document, starts autosave.
async fn restore(
    context: Context,
    autosave: Shared<Option<Autosave>>,
    on_status: Callback<SaveStatus>,
) {
    let storage = match Storage::open().await {
        Ok(storage) => Rc::new(storage),
        Err(reason) => return context.dispatch.emit(Action::StorageFailed(reason)),
    };
    let stored = match storage.load_library().await {
        Ok(Some(stored)) => stored,
        Ok(None) => StoredLibrary::default(),
        Err(reason) => {
            // Saving over a library we could not read would lose it: stay read-only.
            context.dispatch.emit(Action::StorageFailed(reason));
            return;
        }
    };
    *context.storage.borrow_mut() = Some(storage.clone());
    let open = match &stored.open {
        Some(id) => context.load(id).await.ok(),
        None => None,
    };
    let known: Vec<DocId> = stored.documents.iter().map(|s| s.id.clone()).collect();
    let on_error = {
        let dispatch = context.dispatch.clone();
        Callback::from(move |reason: String| dispatch.emit(Action::StorageFailed(reason)))
    };
    *autosave.borrow_mut() = Some(Autosave::new(
        storage,
        known,
        stored.open,
        on_status,
        on_error,
    ));
    context.dispatch.emit(Action::Restored {
        library: stored.documents,
        open,
        schema: stored.schema,
        schema_history: stored.schema_history,
        preferences: stored.preferences,
    });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(SessionState::default);
    let session = state.0.clone();
    let dispatch = use_callback(state.dispatcher(), |action: Action, dispatcher| {
        dispatcher.dispatch(action)
    });
    let latest = use_mut_ref(|| session.clone());
    *latest.borrow_mut() = session.clone();
    let storage = use_mut_ref(|| None::<Rc<Storage>>);
    let autosave = use_mut_ref(|| None::<Autosave>);
    let save_status = use_state_eq(|| SaveStatus::Idle);
    let dragging = use_state_eq(|| false);
    let article_ref = use_node_ref();
    let context = Context {
        latest,
        storage,
        dispatch: dispatch.clone(),
    };

    // Start-up: restore, and write pending changes when the page goes away.
    {
        let (context, autosave, save_status) =
            (context.clone(), autosave.clone(), save_status.clone());
        use_effect_with((), move |_| {
            let on_status = Callback::from(move |status| save_status.set(status));
            spawn_local(restore(context, autosave.clone(), on_status));
            // Fetch the format worker once the page has settled, so exports and
            // imports also work after the connection is gone.
            gloo_timers::callback::Timeout::new(WORKER_PREFETCH_MS, crate::ui::worker::prewarm)
                .forget();
            let window = web_sys::window().expect("a browser window");
            let flush = EventListener::new(&window, "pagehide", move |_| {
                if let Some(autosave) = autosave.borrow().as_ref() {
                    autosave.flush();
                }
            });
            move || drop(flush)
        });
    }
    // Autosave after every change.
    {
        let changed = (
            session.library_revision(),
            session.open().map(|d| (d.id().clone(), d.revision())),
        );
        let (autosave, session) = (autosave.clone(), session.clone());
        use_effect_with(changed, move |_| {
            if let Some(autosave) = autosave.borrow().as_ref() {
                autosave.note(session);
            }
        });
    }
    // Dropping files anywhere on the page.
    {
        let (context, dragging) = (context.clone(), dragging.clone());
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let over = {
                let dragging = dragging.clone();
                EventListener::new_with_options(
                    &window,
                    "dragover",
                    gloo_events::EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        event.prevent_default();
                        dragging.set(true);
                        // Dropped files may be annotations: have the converter ready.
                        crate::ui::worker::prewarm();
                    },
                )
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
            let drop_listener = EventListener::new_with_options(
                &window,
                "drop",
                gloo_events::EventListenerOptions::enable_prevent_default(),
                move |event| {
                    event.prevent_default();
                    dragging.set(false);
                    let event: &DragEvent = event.unchecked_ref();
                    let files = files::from_list(event.data_transfer().and_then(|t| t.files()));
                    context.handle_files(files, None);
                },
            );
            move || drop((over, leave, drop_listener))
        });
    }

    let on_load_text = {
        let context = context.clone();
        Callback::from(move |text: String| {
            match text_input::normalize_pasted("The pasted text", &text) {
                Ok(text) => {
                    context.create(text_input::title_from_text(&text), text);
                    true
                }
                Err(error) => {
                    context.error(error.to_string());
                    false
                }
            }
        })
    };
    let on_open_files = {
        let c = context.clone();
        Callback::from(move |f| c.handle_files(f, Some(false)))
    };
    let on_import_files = {
        let c = context.clone();
        Callback::from(move |f| c.handle_files(f, Some(true)))
    };
    let on_sample = {
        let c = context.clone();
        Callback::from(move |_| c.create(SAMPLE_TITLE.to_owned(), SAMPLE_TEXT.to_owned()))
    };
    // Stable callbacks (made once), so lists and panels re-render only when their
    // data changes, never because the app re-rendered.
    let on_open_doc = {
        let c = context.clone();
        use_callback((), move |id: DocId, _| {
            let c = c.clone();
            spawn_local(async move { c.open_document(id).await })
        })
    };
    let on_rename = {
        let d = dispatch.clone();
        use_callback((), move |(id, title): (DocId, String), _| {
            d.emit(Action::Rename {
                id,
                title,
                now: dom::now_ms(),
            })
        })
    };
    let on_delete_doc = {
        let d = dispatch.clone();
        use_callback((), move |id: DocId, _| d.emit(Action::Delete { id }))
    };
    let on_dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DismissNotice))
    };

    let on_tag = {
        let (context, article_ref) = (context.clone(), article_ref.clone());
        use_callback((), move |label: LabelId, _| {
            tag_selection(&context, &article_ref, label)
        })
    };
    // While a link is being made, choosing an annotation (in the text or the list)
    // picks the link's cue or source instead of selecting it.
    // Several highlights under one click: a chooser offers them all.
    let overlap = use_state_eq(|| None::<(Vec<AnnotationId>, (i32, i32))>);
    let on_select = {
        let context = context.clone();
        let close_overlap = overlap.setter();
        use_callback((), move |id: Option<AnnotationId>, _| {
            close_overlap.set(None);
            match (id, context.session().linking().is_some()) {
                (Some(target), true) => context.dispatch.emit(Action::LinkTo {
                    target,
                    now: dom::now_ms(),
                }),
                (None, true) => {}
                (id, false) => context.dispatch.emit(Action::Select(id)),
            }
        })
    };
    // Choosing from the list (by pointer or keys) scrolls to and flashes the chosen
    // highlight, after the render that marks it selected (one before would
    // overwrite the flash). A request is a number: the newest not yet handled wins.
    let reveal_request = use_state_eq(|| 0u64);
    {
        let (article_ref, handled) = (article_ref.clone(), use_mut_ref(|| 0u64));
        let selected = session.selected().cloned();
        use_effect_with((*reveal_request, selected), move |(request, selected)| {
            if *request == *handled.borrow() {
                return;
            }
            *handled.borrow_mut() = *request;
            if let (Some(id), Some(article)) = (selected, article_ref.cast::<Element>()) {
                dom::reveal_annotation(&article, id.as_str());
            }
        });
    }
    let request_reveal = {
        let (setter, requests) = (reveal_request.setter(), use_mut_ref(|| 0u64));
        move || {
            *requests.borrow_mut() += 1;
            setter.set(*requests.borrow());
        }
    };
    let on_choose = {
        let (context, request_reveal) = (context.clone(), request_reveal.clone());
        use_callback((), move |id: AnnotationId, _| {
            if context.session().linking().is_some() {
                context.dispatch.emit(Action::LinkTo {
                    target: id,
                    now: dom::now_ms(),
                });
                return;
            }
            context.dispatch.emit(Action::Select(Some(id)));
            request_reveal();
        })
    };
    let on_step = {
        let (d, request_reveal) = (dispatch.clone(), request_reveal.clone());
        use_callback((), move |step: Direction, _| {
            d.emit(Action::Step(step));
            request_reveal();
        })
    };
    // Stepping selects, also while linking (Enter then makes the link).
    let on_list_step = {
        let (context, request_reveal) = (context.clone(), request_reveal.clone());
        use_callback(
            (),
            move |(order, step): (Rc<Vec<AnnotationId>>, Direction), _| {
                let session = context.session();
                if let Some(id) = step_in(&order, session.selected(), step) {
                    context.dispatch.emit(Action::Select(Some(id.clone())));
                    request_reveal();
                }
            },
        )
    };
    let on_untag = {
        let d = dispatch.clone();
        use_callback((), move |id: AnnotationId, _| {
            d.emit(Action::Untag {
                id,
                now: dom::now_ms(),
            })
        })
    };
    let on_overlap = {
        let setter = overlap.setter();
        use_callback((), move |found, _| setter.set(Some(found)))
    };
    let close_overlap = {
        let setter = overlap.setter();
        use_callback((), move |_: (), _| setter.set(None))
    };
    let on_pick_overlap = {
        let (on_choose, close) = (on_choose.clone(), close_overlap.clone());
        use_callback((), move |id: AnnotationId, _| {
            close.emit(());
            on_choose.emit(id);
        })
    };
    let on_drag_edge = {
        let context = context.clone();
        use_callback((), move |(id, moving_start, extent), _| {
            resize_by_drag(&context, id, moving_start, extent)
        })
    };
    let on_key = {
        let keys = ArticleKeys {
            context: context.clone(),
            article_ref: article_ref.clone(),
            on_tag: on_tag.clone(),
            on_step: on_step.clone(),
            close_overlap: close_overlap.clone(),
        };
        use_callback((), move |event: KeyboardEvent, _| keys.handle(event))
    };
    // Emphasis: the links of the selected annotation, or of the source under the pointer.
    let hovered_source = use_state_eq(|| None::<AnnotationId>);
    let on_hover_source = {
        let setter = hovered_source.setter();
        use_callback((), move |id: Option<AnnotationId>, _| setter.set(id))
    };
    let emphasized = {
        let focus = (*hovered_source)
            .clone()
            .or_else(|| session.selected().cloned());
        let partners: Vec<AnnotationId> = match (session.open(), &focus) {
            (Some(document), Some(focus)) => document
                .relations_of(focus)
                .flat_map(|r| [Some(r.from.clone()), Some(r.to.clone()), r.cue.clone()])
                .flatten()
                .filter(|id| id != focus)
                .collect(),
            _ => Default::default(),
        };
        use_memo(partners, |partners| partners.clone())
    };
    let details_callbacks = use_memo((), {
        let dispatch = dispatch.clone();
        move |_| DetailsCallbacks::new(&dispatch)
    });
    let on_export = {
        let context = context.clone();
        Callback::from(move |_| export_open_document(&context))
    };
    let on_export_as = {
        let context = context.clone();
        use_callback((), move |(format, all), _| {
            let context = context.clone();
            spawn_local(async move { super::interchange::export_as(&context, format, all).await })
        })
    };
    let on_undo = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::Undo { now: dom::now_ms() }))
    };
    let on_redo = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::Redo { now: dom::now_ms() }))
    };
    // Undo and redo from anywhere but a text field, which keeps its own undo.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let listener = EventListener::new_with_options(
                &window,
                "keydown",
                gloo_events::EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let event: &KeyboardEvent = event.unchecked_ref();
                    if let Some(action) = history_shortcut(event) {
                        event.prevent_default();
                        dispatch.emit(action);
                    }
                },
            );
            move || drop(listener)
        });
    }

    let on_edit_schema = {
        let d = dispatch.clone();
        use_callback((), move |edit, _| d.emit(Action::EditSchema(edit)))
    };
    let on_settings = {
        let d = dispatch.clone();
        use_callback((), move |open: bool, _| d.emit(Action::ShowSettings(open)))
    };
    let on_snap = {
        let d = dispatch.clone();
        use_callback((), move |on: bool, _| d.emit(Action::SetWordSnapping(on)))
    };
    let label_styles = use_memo(session.schema.clone(), label_style_rules);

    let open = session.open();
    // The list follows a frame behind the article, so a new highlight paints first.
    let (list_document, list_selected) = use_deferred((open.cloned(), session.selected().cloned()));
    let main = match open {
        _ if session.settings_open() => {
            let counts = session.schema.labels().iter().map(|label| {
                let count = open.map_or(0, |d| {
                    d.annotations()
                        .iter()
                        .filter(|a| a.label == label.id)
                        .count()
                });
                (label.id.clone(), count)
            });
            html! {
                <Settings
                    schema={session.schema.clone()}
                    counts={counts.collect::<Vec<_>>()}
                    on_edit={on_edit_schema}
                    on_close={on_settings.reform(|_| false)}
                />
            }
        }
        Some(document) => html! {
            <Article
                document={document.clone()}
                selected={session.selected().cloned()}
                emphasized={emphasized.clone()}
                linking={session.linking().is_some()}
                {on_hover_source}
                node_ref={article_ref.clone()}
                {on_select}
                {on_overlap}
                {on_drag_edge}
                {on_key}
            />
        },
        None => html! { <EmptyState on_sample={on_sample} restoring={!session.restored()} /> },
    };
    let annotations = match &list_document {
        Some(document) => html! {
            <AnnotationList
                document={document.clone()}
                schema={session.schema.clone()}
                selected={list_selected.clone()}
                on_choose={on_choose.clone()}
                on_step={on_list_step}
                on_delete={on_untag}
            />
        },
        None => html! {
            <section class="annotations" aria-labelledby="annotations-heading">
                <h2 id="annotations-heading">{ "Annotations" }</h2>
                <p class="hint">{ "Open a document to see its annotations." }</p>
                <ol class="annotation-list" aria-label="Annotations"></ol>
            </section>
        },
    };
    let title = session.open_summary().map(|s| s.title.clone());
    let save_label = match (*save_status, session.storage_problem()) {
        (_, Some(_)) | (SaveStatus::Failed, _) => {
            ("Not saved — export to keep your work", "failed")
        }
        (SaveStatus::Pending, _) => ("Saving…", "pending"),
        (SaveStatus::Saved, _) => ("All changes saved", "saved"),
        (SaveStatus::Idle, _) => ("Saved in this browser", "idle"),
    };
    html! {
        <div class={classes!("app", dragging.then_some("is-dragging"))}>
            <style>{ (*label_styles).clone() }</style>
            <header class="app-header">
                <h1 class="brand">{ "Marginalia" }</h1>
                <p class="document-heading">{ title.unwrap_or_default() }</p>
                <p class="save-status" data-state={save_label.1}>{ save_label.0 }</p>
                // Pointing at an export starts the format worker, so it is ready on click.
                <div class="export-buttons" onpointerenter={Callback::from(|_| crate::ui::worker::prewarm())}
                    onfocusin={Callback::from(|_| crate::ui::worker::prewarm())}>
                <button class="export-button" onclick={on_export.reform(|_: MouseEvent| ())} disabled={open.is_none()}>{ "Export JSON" }</button>
                <ExportMenu documents={session.library().len()} has_open={open.is_some()} on_export={on_export_as} />
                </div>
            </header>
            <NoticeBar notice={session.notice().cloned()} on_dismiss={on_dismiss} />
            <aside class="sidebar sidebar-left">
                <LoadPanel {on_load_text} {on_open_files} {on_import_files} />
                <DocumentList
                    documents={session.library().to_vec()}
                    open={open.map(|d| d.id().clone())}
                    on_open={on_open_doc}
                    {on_rename}
                    on_delete={on_delete_doc}
                />
            </aside>
            <main class="reader">
                <Toolbar
                    schema={session.schema.clone()}
                    enabled={open.is_some() && !session.settings_open()}
                    {on_tag}
                    settings_open={session.settings_open()}
                    {on_settings}
                    snap_to_words={session.preferences.snap_to_words}
                    {on_snap}
                    can_undo={if session.settings_open() { session.schema_history().can_undo() } else { open.is_some_and(|d| d.history().can_undo()) }}
                    can_redo={if session.settings_open() { session.schema_history().can_redo() } else { open.is_some_and(|d| d.history().can_redo()) }}
                    {on_undo}
                    {on_redo}
                />
                <div class="page">{ main }</div>
            </main>
            <aside class="sidebar sidebar-right">
                // Like the list, the panel follows a frame behind the article.
                if let (Some(document), Some(id)) = (&list_document, &list_selected) {
                    <DetailsPanel
                        key={id.to_string()}
                        document={document.clone()}
                        schema={session.schema.clone()}
                        id={id.clone()}
                        linking={session.linking().cloned()}
                        on_relabel={details_callbacks.relabel.clone()}
                        on_detail={details_callbacks.detail.clone()}
                        on_start_link={details_callbacks.start_link.clone()}
                        on_cancel_link={details_callbacks.cancel_link.clone()}
                        on_unlink={details_callbacks.unlink.clone()}
                        on_choose={on_choose.clone()}
                    />
                }
                { annotations }
            </aside>
            if let (Some((candidates, at)), Some(document)) = ((*overlap).clone(), open) {
                if candidates.iter().any(|c| Some(c) == session.selected()) || session.linking().is_some() {
                    <OverlapChooser
                        document={document.clone()}
                        schema={session.schema.clone()}
                        {candidates}
                        selected={session.selected().cloned()}
                        {at}
                        on_choose={on_pick_overlap}
                        on_close={close_overlap}
                    />
                }
            }
            <div class="drop-overlay" aria-hidden="true"><p>{ "Drop to open: .txt and .md as articles, .json as imports" }</p></div>
        </div>
    }
}

/// Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y, unless typing in a text field.
fn history_shortcut(event: &KeyboardEvent) -> Option<Action> {
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return None;
    }
    let in_text_field = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        });
    if in_text_field {
        return None;
    }
    let now = dom::now_ms();
    match (event.key().to_ascii_lowercase().as_str(), event.shift_key()) {
        ("z", false) => Some(Action::Undo { now }),
        ("z", true) | ("y", false) => Some(Action::Redo { now }),
        _ => None,
    }
}

/// A UTF-16 extent from the DOM in code points: exactly, and grown to whole words
/// if the user snaps to words.
fn to_code_points(
    session: &Session,
    text: &ArticleText,
    (start16, end16): (usize, usize),
) -> ((usize, usize), (usize, usize)) {
    let offsets = text.offsets();
    let start = offsets.utf16_to_char(text.as_str(), start16);
    let end = offsets.utf16_to_char(text.as_str(), end16);
    let snapped = if session.preferences.snap_to_words && start < end {
        snap_to_words(
            start,
            end,
            word_holding(text, start),
            word_holding(text, end - 1),
        )
    } else {
        (start, end)
    };
    ((start, end), snapped)
}

/// The word holding code point `at`, in code points. Only a window around it is
/// given to the segmenter: a megabyte article is not copied per keystroke.
fn word_holding(text: &ArticleText, at: usize) -> Option<std::ops::Range<usize>> {
    const WINDOW: usize = 128;
    let (offsets, all) = (text.offsets(), text.as_str());
    let from = at.saturating_sub(WINDOW);
    let to = (at + WINDOW).min(text.len_chars());
    let window = &all[offsets.char_to_byte(all, from)..offsets.char_to_byte(all, to)];
    let base16 = offsets.char_to_utf16(all, from);
    let at16 = offsets.char_to_utf16(all, at) - base16;
    let (start16, end16) = dom::word_at(window, at16 as u32)?;
    let start = offsets.utf16_to_char(all, base16 + start16 as usize);
    let end = offsets.utf16_to_char(all, base16 + end16 as usize);
    Some(start..end)
}

/// Tags the current selection in the article with `label`, grown to whole words
/// if the user snaps to words.
fn tag_selection(context: &Context, article_ref: &NodeRef, label: LabelId) {
    let session = context.session();
    let Some(document) = session.open() else {
        return;
    };
    let Some(article) = article_ref.cast::<Element>() else {
        return;
    };
    let text = document.text();
    let offsets = text.offsets();
    let Some((start16, end16)) = dom::selection_in(&article, offsets.len_utf16()) else {
        return;
    };
    let (_, (start, end)) = to_code_points(&session, text, (start16, end16));
    context.dispatch.emit(Action::Tag {
        label,
        start,
        end,
        now: dom::now_ms(),
    });
    dom::clear_selection();
}

/// The Details panel's callbacks: each turns an edit into one action.
struct DetailsCallbacks {
    relabel: Callback<(AnnotationId, LabelId)>,
    detail: Callback<(AnnotationId, Option<String>, String)>,
    start_link: Callback<()>,
    cancel_link: Callback<()>,
    unlink: Callback<crate::model::ids::RelationId>,
}

impl DetailsCallbacks {
    fn new(dispatch: &Callback<Action>) -> Self {
        let d = dispatch.clone();
        let relabel = Callback::from(move |(id, label)| {
            d.emit(Action::Relabel {
                id,
                label,
                now: dom::now_ms(),
            })
        });
        let d = dispatch.clone();
        let detail = Callback::from(move |(id, field, value)| {
            d.emit(Action::SetDetail {
                id,
                field,
                value,
                now: dom::now_ms(),
            })
        });
        let d = dispatch.clone();
        let start_link = Callback::from(move |_| d.emit(Action::StartLinking));
        let d = dispatch.clone();
        let cancel_link = Callback::from(move |_| d.emit(Action::CancelLinking));
        let d = dispatch.clone();
        let unlink = Callback::from(move |id| {
            d.emit(Action::Unlink {
                id,
                now: dom::now_ms(),
            })
        });
        DetailsCallbacks {
            relabel,
            detail,
            start_link,
            cancel_link,
            unlink,
        }
    }
}

/// Keys inside the article.
struct ArticleKeys {
    context: Context,
    article_ref: NodeRef,
    on_tag: Callback<LabelId>,
    on_step: Callback<Direction>,
    close_overlap: Callback<()>,
}

impl ArticleKeys {
    /// Label keys tag the text selection, or relabel the selected annotation when
    /// no text is selected; `l` starts a link, `n`/`p` step through annotations,
    /// Enter picks while linking; Shift+arrows extend the text selection, or move
    /// the selected annotation's end (Alt+Shift: its start); Escape cancels or
    /// deselects; Delete removes the selected annotation.
    fn handle(&self, event: KeyboardEvent) {
        let Some(article) = self.article_ref.cast::<Element>() else {
            return;
        };
        let session = self.context.session();
        let dispatch = &self.context.dispatch;
        let now = dom::now_ms();
        let text_selected = session
            .open()
            .and_then(|d| dom::selection_in(&article, d.text().offsets().len_utf16()))
            .is_some();
        let selected = session.selected().cloned();
        let key = event.key();
        let plain = !event.ctrl_key() && !event.alt_key() && !event.meta_key();
        if plain && key.chars().count() == 1 {
            let pressed = key.chars().next().expect("one char").to_ascii_lowercase();
            let action = match (pressed, &selected, text_selected) {
                ('n', _, false) => return self.step(&event, Direction::Next),
                ('p', _, false) => return self.step(&event, Direction::Previous),
                ('l', Some(_), false) => Some(Action::StartLinking),
                _ => None,
            };
            if let Some(action) = action {
                event.prevent_default();
                return dispatch.emit(action);
            }
            if let Some(label) = session.schema.by_hotkey(pressed) {
                event.prevent_default();
                match (&selected, text_selected) {
                    (Some(id), false) => dispatch.emit(Action::Relabel {
                        id: id.clone(),
                        label: label.id.clone(),
                        now,
                    }),
                    _ => self.on_tag.emit(label.id.clone()),
                }
            }
            return;
        }
        let word = event.ctrl_key() || event.alt_key();
        let motion = match key.as_str() {
            "ArrowLeft" => Some(("backward", if word { "word" } else { "character" })),
            "ArrowRight" => Some(("forward", if word { "word" } else { "character" })),
            "ArrowUp" => Some(("backward", "line")),
            "ArrowDown" => Some(("forward", "line")),
            "Home" => Some(("backward", "lineboundary")),
            "End" => Some(("forward", "lineboundary")),
            _ => None,
        };
        if let Some((direction, granularity)) = motion {
            if !event.shift_key() {
                return;
            }
            event.prevent_default();
            let resizing = selected
                .as_ref()
                .zip(session.open())
                .filter(|_| !text_selected);
            match resizing.and_then(|(id, d)| d.get(id)) {
                Some(annotation) if matches!(key.as_str(), "ArrowLeft" | "ArrowRight") => {
                    let delta: isize = if key == "ArrowRight" { 1 } else { -1 };
                    let moved = |at: usize| at.saturating_add_signed(delta);
                    let (start, end) = if event.alt_key() {
                        (moved(annotation.start), annotation.end)
                    } else {
                        (annotation.start, moved(annotation.end))
                    };
                    dispatch.emit(Action::Resize {
                        id: annotation.id.clone(),
                        start,
                        end,
                        now,
                    });
                }
                Some(_) => {}
                None => dom::modify_selection(&article, "extend", direction, granularity),
            }
            return;
        }
        match key.as_str() {
            "Enter" => {
                if let (Some(target), Some(_)) = (selected, session.linking()) {
                    event.prevent_default();
                    dispatch.emit(Action::LinkTo { target, now });
                }
            }
            "Escape" if session.linking().is_some() => dispatch.emit(Action::CancelLinking),
            "Escape" => {
                self.close_overlap.emit(());
                dom::clear_selection();
                dispatch.emit(Action::Select(None));
            }
            "Delete" | "Backspace" => {
                if let Some(id) = selected {
                    event.prevent_default();
                    dispatch.emit(Action::Untag { id, now });
                }
            }
            _ => {}
        }
    }

    fn step(&self, event: &KeyboardEvent, step: Direction) {
        event.prevent_default();
        self.on_step.emit(step);
    }
}

/// Moves one edge of an annotation to where its handle was dropped: `extent` is
/// the span from the edge that stayed to the drop point, in UTF-16 units. With
/// word snapping on, the moved edge lands on a word boundary.
fn resize_by_drag(context: &Context, id: AnnotationId, moving_start: bool, extent: (usize, usize)) {
    let session = context.session();
    let Some(document) = session.open() else {
        return;
    };
    let Some(annotation) = document.get(&id) else {
        return;
    };
    let ((start, _), (snapped_start, snapped_end)) =
        to_code_points(&session, document.text(), extent);
    // The edge that stayed is one end of the extent and stays exact; the other end
    // is where the handle was dropped (possibly past the fixed edge).
    let fixed = if moving_start {
        annotation.end
    } else {
        annotation.start
    };
    let (start, end) = if start == fixed {
        (fixed, snapped_end)
    } else {
        (snapped_start, fixed)
    };
    context.dispatch.emit(Action::Resize {
        id,
        start,
        end,
        now: dom::now_ms(),
    });
}

/// Export JSON: the open document as Marginalia JSON, through the format worker.
fn export_open_document(context: &Context) {
    let context = context.clone();
    spawn_local(
        async move { super::interchange::export_as(&context, Format::Native, false).await },
    );
}
