//! The root: holds the session, and wires what the user does to actions and what
//! the session holds to the views. Side effects live in `ui::effects`, keys in
//! `ui::keys`, selections in `ui::selection`; decisions in the model.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::agreement_dialog::AgreementDialog;
use super::annotation_list::AnnotationList;
use super::article::Article;
use super::cleanup_dialog::{CleanupDialog, CleanupStage};
use super::compare_dialog::CompareDialog;
use super::corpus_search_dialog::CorpusSearchDialog;
use super::details::DetailsPanel;
use super::document_list::DocumentList;
use super::empty_state::EmptyState;
use super::export_menu::{ExportChoice, ExportMenu};
use super::find_bar::FindBar;
use super::key_help::KeyHelp;
use super::label_map_dialog::LabelMapDialog;
use super::load_panel::LoadPanel;
use super::notice::NoticeBar;
use super::overlap_chooser::OverlapChooser;
use super::panel_tabs::{self, Panel, PanelTabs};
use super::settings::Settings;
use super::suggestion_bar::SuggestionBar;
use super::team_dialog::{connection_words, TeamDialog};
use super::toolbar::Toolbar;
use crate::formats::Format;
use crate::model::ids::{AnnotationId, DocId, LabelId, RelationId};
use crate::model::labels::label_style_rules;
use crate::model::link_arcs;
use crate::model::listing::Direction;
use crate::model::session::{Action, DocumentFilter};
use crate::model::text_input;
use crate::ui::autosave::SaveStatus;
use crate::ui::corpus_search::{self, Hit, SearchState};
use crate::ui::deferred::use_deferred;
use crate::ui::effects::{
    use_compact_panels, use_document_keys, use_file_drop, use_history_keys, use_key_help,
    use_reveal, use_storage, use_storage_use, use_suggestion_layer, use_update_ready,
};
use crate::ui::handle::AppHandle;
use crate::ui::keys::ArticleKeys;
use crate::ui::selection::{find_in_article, resize_by_drag, select_found, tag_selection};
use crate::ui::state::SessionState;
use crate::ui::{cleanup, dom, interchange, worker};

const SAMPLE_TITLE: &str = "Sample: Iraq and US begin talks on future of coalition";
const SAMPLE_TEXT: &str = include_str!("../../../assets/sample-article.txt");

/// A callback that dispatches the action `make` builds from its argument. Made
/// once, so views re-render only when their data changes.
#[hook]
fn use_action<T: 'static>(
    dispatch: &Callback<Action>,
    make: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatch = dispatch.clone();
    use_callback((), move |value: T, _| dispatch.emit(make(value)))
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
    let handle = AppHandle {
        latest,
        storage: use_mut_ref(|| None),
        pending: use_mut_ref(|| None),
        pending_mapping: use_mut_ref(|| None),
        import_generation: (*use_mut_ref(|| Rc::new(std::cell::Cell::new(0u64))).borrow()).clone(),
        dispatch: dispatch.clone(),
    };
    // Every control is in the page with its handlers from the first render on
    // (work begun before storage answers is kept: `Session::restore`).
    use_effect_with((), |_| crate::ui::mark("marginalia:interactive"));
    let save_status = use_storage(&handle, &session);
    let dragging = use_file_drop(&handle);
    use_document_keys(&handle);
    let update_ready = use_update_ready();
    let storage_use = use_storage_use(session.library().len(), save_status);
    use_history_keys(&dispatch);
    let article_ref = use_node_ref();
    let reveal = use_reveal(&article_ref, session.selected().cloned());
    let suggestion_pending = use_suggestion_layer(&article_ref, &session);
    // The Agreement view: `Some(None)` while measuring.
    let agreement = use_state(|| None::<Option<Result<String, String>>>);
    let comparison = use_state(|| None::<crate::ui::compare::Comparison>);
    // The Team view; a page opened with `#join=…` offers that invitation.
    let offered_invitation = use_memo((), |_| crate::ui::team::invitation_in_address());
    let team_shown = use_state(|| offered_invitation.is_some());
    {
        // The open layer goes to the team's worker after each change.
        let handle = handle.clone();
        use_effect_with(
            (session.open_shared(), session.team().is_some()),
            move |_| crate::ui::team::publish(&handle),
        );
    }

    let on_load_text = {
        let handle = handle.clone();
        Callback::from(move |text: String| {
            match text_input::normalize_pasted("The pasted text", &text) {
                Ok(text) => {
                    let title = crate::model::cleanup::title_of(&text)
                        .unwrap_or_else(|| text_input::title_from_text(&text));
                    handle.create(title, text);
                    true
                }
                Err(error) => {
                    handle.error(error.to_string());
                    false
                }
            }
        })
    };
    let on_load_article = {
        let handle = handle.clone();
        Callback::from(move |article: crate::ui::files::Article| {
            handle.create_with(article.title, article.text, article.meta)
        })
    };
    let on_open_files = {
        let h = handle.clone();
        Callback::from(move |f| h.handle_files(f, Some(false)))
    };
    let on_import_files = {
        let h = handle.clone();
        Callback::from(move |f| h.handle_files(f, Some(true)))
    };
    let on_sample = {
        let h = handle.clone();
        Callback::from(move |_| h.create(SAMPLE_TITLE.to_owned(), SAMPLE_TEXT.to_owned()))
    };
    let on_open_doc = {
        let h = handle.clone();
        use_callback((), move |id: DocId, _| {
            let h = h.clone();
            spawn_local(async move { h.open_document(id).await })
        })
    };
    let on_rename = use_action(&dispatch, |(id, title): (DocId, String)| Action::Rename {
        id,
        title,
        now: dom::now_ms(),
    });
    let on_delete_doc = use_action(&dispatch, |id: DocId| Action::Delete { id });
    let on_status = use_action(&dispatch, |(id, status)| Action::SetStatus { id, status });
    // How the document list is narrowed and ordered; "the documents listed" exports follow it.
    let document_filter = use_state_eq(DocumentFilter::default);
    // Search all documents: open (with what it found so far) or closed.
    let corpus_search = use_state_eq(|| None::<SearchState>);
    let search_generation = use_mut_ref(|| Rc::new(std::cell::Cell::new(0u64)));
    // The list as shown (arranged once, for the list and for "the documents listed").
    let (shown_documents, listed) = {
        let library = session.library_shared();
        let arranged = use_memo(
            ((*document_filter).clone(), library.clone()),
            move |(filter, _)| {
                let shown = Rc::new(filter.arrange(&library));
                let listed = filter.is_narrowing().then(|| {
                    Rc::new(
                        shown
                            .iter()
                            .map(|&i| library[i].id.clone())
                            .collect::<Vec<DocId>>(),
                    )
                });
                (shown, listed)
            },
        );
        (arranged.0.clone(), arranged.1.clone())
    };
    let on_dismiss = use_action(&dispatch, |_: ()| Action::DismissNotice);
    let on_place = {
        let h = handle.clone();
        Callback::from(move |_| h.place_pending())
    };
    let on_import_new = {
        let h = handle.clone();
        Callback::from(move |_| h.import_pending())
    };
    // The clean-up preview: open while `Some`, its proposals found in the worker.
    let cleanup_stage = use_state(|| None::<CleanupStage>);
    let on_clean_up = {
        let (handle, stage) = (handle.clone(), cleanup_stage.setter());
        use_callback((), move |_: (), _| {
            let Some(text) = handle
                .session()
                .open()
                .map(|d| d.text().as_str().to_owned())
            else {
                return;
            };
            handle.dispatch.emit(Action::DismissNotice);
            stage.set(Some(CleanupStage::Finding));
            let stage = stage.clone();
            spawn_local(async move {
                stage.set(Some(match cleanup::propose(text).await {
                    Ok(proposals) => CleanupStage::Ready(proposals),
                    Err(reason) => CleanupStage::Failed(reason),
                }));
            });
        })
    };
    let on_apply_cleanup = {
        let (dispatch, stage) = (dispatch.clone(), cleanup_stage.setter());
        use_callback((), move |edits, _| {
            stage.set(None);
            dispatch.emit(Action::CleanUp {
                edits,
                now: dom::now_ms(),
            });
        })
    };
    let on_cancel_cleanup = {
        let stage = cleanup_stage.setter();
        use_callback((), move |_: (), _| stage.set(None))
    };
    let on_tag = {
        let (handle, article_ref) = (handle.clone(), article_ref.clone());
        use_callback((), move |label: LabelId, _| {
            tag_selection(&handle, &article_ref, label)
        })
    };
    // Several highlights under one click: a chooser offers them all.
    let overlap = use_state_eq(|| None::<(Vec<AnnotationId>, (i32, i32))>);
    // Details and Annotations as tabs where there is no room for both.
    let compact_panels = use_compact_panels();
    let panel = use_state_eq(|| Panel::Annotations);
    let on_select = {
        let (dispatch, close_overlap) = (dispatch.clone(), overlap.setter());
        let panel = panel.setter();
        use_callback((), move |target: Option<AnnotationId>, _| {
            close_overlap.set(None);
            // A highlight picked in the article: its details are what the user wants.
            if target.is_some() {
                panel.set(Panel::Details);
            }
            let now = dom::now_ms();
            dispatch.emit(Action::Pick { target, now });
        })
    };
    // Choosing from a list also scrolls to the highlight.
    let on_choose = {
        let (dispatch, reveal) = (dispatch.clone(), reveal.clone());
        use_callback((), move |id: AnnotationId, _| {
            let now = dom::now_ms();
            dispatch.emit(Action::Pick {
                target: Some(id),
                now,
            });
            reveal();
        })
    };
    let on_step = {
        let (dispatch, reveal) = (dispatch.clone(), reveal.clone());
        use_callback((), move |direction: Direction, _| {
            dispatch.emit(Action::Step(direction));
            reveal();
        })
    };
    // The list steps through what it shows, in its order; stepping selects, also
    // while linking (Enter then makes the link).
    let on_list_step = {
        let (dispatch, reveal) = (dispatch.clone(), reveal.clone());
        use_callback(
            (),
            move |(order, direction): (Rc<Vec<AnnotationId>>, Direction), _| {
                dispatch.emit(Action::StepIn { order, direction });
                reveal();
            },
        )
    };
    let on_untag = use_action(&dispatch, |id: AnnotationId| Action::Untag {
        id,
        now: dom::now_ms(),
    });
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
        let handle = handle.clone();
        use_callback((), move |(id, moving_start, extent), _| {
            resize_by_drag(&handle, id, moving_start, extent)
        })
    };
    let (key_help, close_key_help) = use_key_help();
    // Find in article: open while true.
    let finding = use_state_eq(|| false);
    let on_open_find = {
        let finding = finding.setter();
        use_callback((), move |_: (), _| finding.set(true))
    };
    // The current match, as code points: where the next search starts.
    let found = use_mut_ref(|| None::<(usize, usize)>);
    let on_find = {
        let (handle, article_ref, found) = (handle.clone(), article_ref.clone(), found.clone());
        Callback::from(move |(query, next): (String, bool)| {
            let from = found
                .borrow()
                .map_or(0, |(start, _)| start + usize::from(next));
            let result = find_in_article(&handle, &article_ref, &query, from);
            *found.borrow_mut() = result;
            result.is_some()
        })
    };
    let on_close_find = {
        let (finding, article_ref, handle) =
            (finding.setter(), article_ref.clone(), handle.clone());
        Callback::from(move |_: ()| {
            finding.set(false);
            // Back to the article with the match selected, for a label key.
            if let Some(article) = article_ref.cast::<web_sys::HtmlElement>() {
                let _ = article.focus();
                if let Some(range) = found.borrow_mut().take() {
                    select_found(&handle, &article, range);
                }
            }
        })
    };
    let on_suggest = {
        let handle = handle.clone();
        use_callback((), move |_: (), _| crate::ui::suggest::run(&handle))
    };
    let on_key = {
        let keys = ArticleKeys {
            on_suggest: on_suggest.clone(),
            handle: handle.clone(),
            article_ref: article_ref.clone(),
            on_tag: on_tag.clone(),
            on_step: on_step.clone(),
            close_overlap: close_overlap.clone(),
            on_find: on_open_find,
        };
        use_callback((), move |event: KeyboardEvent, _| keys.handle(event))
    };
    // Emphasis: the links of the source under the pointer, or of the selection.
    let hovered_source = use_state_eq(|| None::<AnnotationId>);
    let on_hover_source = {
        let setter = hovered_source.setter();
        use_callback((), move |id: Option<AnnotationId>, _| setter.set(id))
    };
    let focus = (*hovered_source)
        .clone()
        .or_else(|| session.selected().cloned());
    // The links drawn as arcs: the focused annotation's, or all of them.
    let arcs = {
        let revision = session.open().map(|d| (d.id().clone(), d.revision()));
        // Read only when the focus, the choice or the document changes.
        let session = session.clone();
        use_memo(
            (focus.clone(), session.preferences.all_links, revision),
            move |(focus, all, _)| {
                session
                    .open()
                    .map(|d| link_arcs::arcs(d, focus.as_ref(), *all))
                    .unwrap_or_default()
            },
        )
    };
    let emphasized = {
        let partners = match (session.open(), &focus) {
            (Some(document), Some(focus)) => document.partners_of(focus),
            _ => Vec::new(),
        };
        use_memo(partners, |partners| partners.clone())
    };
    let on_relabel = use_action(&dispatch, |(id, label): (AnnotationId, LabelId)| {
        Action::Relabel {
            id,
            label,
            now: dom::now_ms(),
        }
    });
    let on_detail = use_action(
        &dispatch,
        |(id, field, value): (AnnotationId, Option<String>, String)| Action::SetDetail {
            id,
            field,
            value,
            now: dom::now_ms(),
        },
    );
    let on_start_link = use_action(&dispatch, |_: ()| Action::StartLinking);
    let on_cancel_link = use_action(&dispatch, |_: ()| Action::CancelLinking);
    let on_unlink = use_action(&dispatch, |id: RelationId| Action::Unlink {
        id,
        now: dom::now_ms(),
    });
    let on_export_as = {
        let handle = handle.clone();
        use_callback((), move |choice: ExportChoice, _| {
            let handle = handle.clone();
            spawn_local(async move {
                interchange::export_as(&handle, choice.format, choice.scope, choice.brat_events)
                    .await
            })
        })
    };
    let on_export = on_export_as.reform(|_: MouseEvent| ExportChoice {
        format: Format::Native,
        scope: interchange::ExportScope::Open,
        brat_events: false,
    });
    let on_undo = use_action(&dispatch, |_: ()| Action::Undo { now: dom::now_ms() });
    let on_redo = use_action(&dispatch, |_: ()| Action::Redo { now: dom::now_ms() });
    let on_edit_schema = use_action(&dispatch, Action::EditSchema);
    let on_settings = use_action(&dispatch, Action::ShowSettings);
    let on_snap = use_action(&dispatch, Action::SetWordSnapping);
    let on_all_links = use_action(&dispatch, Action::ShowAllLinks);
    let on_map_new_labels = use_action(&dispatch, Action::MapNewLabels);
    let on_list_view = use_action(&dispatch, Action::SetListView);
    let label_styles = use_memo(session.schema.clone(), label_style_rules);
    let label_names = use_memo(session.schema.clone(), |schema| {
        schema
            .labels()
            .iter()
            .map(|l| (l.id.clone(), l.name.clone()))
            .collect::<Vec<_>>()
    });

    let open = session.open_shared();
    // The list and the Details panel follow a frame behind the article, so a new
    // highlight paints first.
    let (list_document, list_selected) = use_deferred((open.clone(), session.selected().cloned()));
    let main = match &open {
        _ if session.settings_open() => html! {
            <Settings
                schema={session.schema.clone()}
                counts={session.label_counts()}
                on_edit={on_edit_schema}
                on_close={on_settings.reform(|_| false)}
            />
        },
        Some(document) => html! {
            <Article
                document={document.clone()}
                selected={session.selected().cloned()}
                emphasized={emphasized.clone()}
                arcs={arcs.clone()}
                label_names={label_names.clone()}
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
    let details = match (&list_document, &list_selected) {
        (Some(document), Some(id)) => html! {
            <DetailsPanel
                key={id.to_string()}
                document={document.clone()}
                schema={session.schema.clone()}
                id={id.clone()}
                linking={session.linking().cloned()}
                {on_relabel}
                {on_detail}
                {on_start_link}
                {on_cancel_link}
                {on_unlink}
                on_choose={on_choose.clone()}
            />
        },
        _ if compact_panels => html! {
            <p class="hint details-hint">{ "Select a highlight in the article or the list to see its details here." }</p>
        },
        _ => html! {},
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
                list_view={session.preferences.list_view}
                {on_list_view}
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
    let save_label = match (save_status, session.storage_problem()) {
        (_, Some(_)) | (SaveStatus::Failed, _) => {
            ("Not saved — export to keep your work", "failed")
        }
        (SaveStatus::Pending, _) => ("Saving…", "pending"),
        (SaveStatus::Saved, _) => ("All changes saved", "saved"),
        (SaveStatus::Idle, _) => ("Saved in this browser", "idle"),
    };
    let has_open = open.is_some();
    html! {
        <div class={classes!("app", dragging.then_some("is-dragging"))}>
            <style>{ (*label_styles).clone() }</style>
            <header class="app-header">
                <h1 class="brand">{ "Marginalia" }</h1>
                <p class="document-heading">{ title.unwrap_or_default() }</p>
                <p class="save-status" data-state={save_label.1}>{ save_label.0 }</p>
                // Pointing at an export starts the format worker, so it is ready on click.
                <div class="export-buttons" onpointerenter={Callback::from(|_| worker::prewarm())}
                    onfocusin={Callback::from(|_| worker::prewarm())}>
                <button class="export-button" onclick={on_export} disabled={!has_open}>{ "Export JSON" }</button>
                <ExportMenu documents={session.library().len()} {has_open} {listed} on_export={on_export_as} />
                </div>
            </header>
            if update_ready {
                // Never reloaded behind the user's back: they choose when.
                <div class="update-banner" role="status">
                    <p>{ "A new version of Marginalia is ready. Your work is saved." }</p>
                    <button class="primary" onclick={Callback::from(|_| dom::apply_update())}>{ "Reload" }</button>
                </div>
            }
            <NoticeBar notice={session.notice().cloned()} {on_dismiss} {on_place} {on_import_new} on_clean_up={on_clean_up.clone()}
                on_cancel_import={let h = handle.clone(); Callback::from(move |_| h.cancel_import())} />
            <aside class="sidebar sidebar-left" aria-label="Articles and documents">
                <LoadPanel {on_load_text} {on_load_article} {on_open_files} {on_import_files}
                    map_new_labels={session.preferences.map_new_labels} {on_map_new_labels} />
                <DocumentList
                    documents={session.library_shared()}
                    filter={(*document_filter).clone()}
                    shown={shown_documents}
                    on_filter={let f = document_filter.setter(); Callback::from(move |next| f.set(next))}
                    {on_status}
                    label_names={label_names.clone()}
                    on_search_all={let s = corpus_search.setter(); Callback::from(move |_| s.set(Some(SearchState::default())))}
                    on_agreement={
                        let (handle, shown) = (handle.clone(), agreement.setter());
                        Callback::from(move |_| {
                            shown.set(Some(None));
                            let (handle, shown) = (handle.clone(), shown.clone());
                            spawn_local(async move {
                                let lines = crate::ui::agreement::measure(&handle).await;
                                shown.set(Some(Some(lines)));
                            });
                        })
                    }
                    open={session.open().map(|d| d.id().clone())}
                    on_open={on_open_doc}
                    {on_rename}
                    on_delete={on_delete_doc}
                    {storage_use}
                />
                <div class="team-entry">
                    <button class="quiet search-all" title="Annotate one corpus with others, live and offline"
                        onclick={let s = team_shown.setter(); Callback::from(move |_| s.set(true))}>{ "Team…" }</button>
                    if let Some(team) = session.team() {
                        <p class="team-status" role="status">{ format!("Team: {}", connection_words(team)) }</p>
                    }
                </div>
            </aside>
            <main class="reader">
                <Toolbar
                    schema={session.schema.clone()}
                    enabled={has_open && !session.settings_open()}
                    {on_tag}
                    settings_open={session.settings_open()}
                    {on_settings}
                    snap_to_words={session.preferences.snap_to_words}
                    {on_snap}
                    all_links={session.preferences.all_links}
                    {on_all_links}
                    {on_clean_up}
                    {on_suggest}
                    can_undo={session.can_undo()}
                    can_redo={session.can_redo()}
                    {on_undo}
                    {on_redo}
                />
                <div class="page">
                    if *finding && has_open && !session.settings_open() {
                        <FindBar {on_find} on_close={on_close_find} />
                    }
                    if let (Some(layer), Some(document), false) = (session.suggestions(), &open, session.settings_open()) {
                        <SuggestionBar layer={layer.clone()} document={document.clone()}
                            pending={suggestion_pending.clone()}
                            dispatch={handle.dispatch.clone()}
                            on_patterns={let h = handle.clone(); Callback::from(move |file| crate::ui::suggest::import_patterns(&h, file))}
                            on_learn_cues={let h = handle.clone(); Callback::from(move |_| crate::ui::suggest::learn_cues(&h))} />
                    }
                    if let Some(owner) = session.read_only_layer() {
                        <p class="read-only-layer" role="note">
                            { if owner == crate::model::session::CURATED { "The curated version: read-only, the curator’s to edit.".to_owned() } else { format!("{owner}’s layer: read-only, synchronised from the team.") } }
                        </p>
                    }
                    { main }
                </div>
            </main>
            <aside class={classes!("sidebar", "sidebar-right", compact_panels.then_some("tabbed"))} aria-label="Annotations and details">
                if compact_panels {
                    <PanelTabs current={*panel} on_pick={let panel = panel.setter(); Callback::from(move |p| panel.set(p))} />
                    <div class="side-panel" id={panel_tabs::PANEL_ID} role="tabpanel" aria-labelledby={panel_tabs::labelled_by(*panel)}>
                        if *panel == Panel::Details { { details } } else { { annotations } }
                    </div>
                } else {
                    { details }
                    { annotations }
                }
            </aside>
            if let (Some((candidates, at)), Some(document)) = ((*overlap).clone(), &open) {
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
            if key_help {
                <KeyHelp schema={session.schema.clone()} on_close={close_key_help} />
            }
            if let Some(state) = (*corpus_search).clone() {
                <CorpusSearchDialog {state}
                    on_search={
                        let (handle, setter, generation) = (handle.clone(), corpus_search.setter(), search_generation.borrow().clone());
                        Callback::from(move |(query, regex): (String, bool)| {
                            let setter = setter.clone();
                            let report = Callback::from(move |state| setter.set(Some(state)));
                            spawn_local(corpus_search::search(handle.clone(), query, regex, report, generation.clone()));
                        })
                    }
                    on_open={
                        let (handle, setter, generation) = (handle.clone(), corpus_search.setter(), search_generation.borrow().clone());
                        Callback::from(move |hit: Hit| {
                            generation.set(generation.get() + 1);
                            setter.set(None);
                            let handle = handle.clone();
                            spawn_local(async move { corpus_search::open_hit(&handle, hit).await });
                        })
                    }
                    on_close={
                        let (setter, generation) = (corpus_search.setter(), search_generation.borrow().clone());
                        Callback::from(move |_| {
                            generation.set(generation.get() + 1);
                            setter.set(None);
                        })
                    } />
            }
            if *team_shown {
                <TeamDialog team={session.team().cloned()} offered={(*offered_invitation).clone()}
                    on_join={
                        let handle = handle.clone();
                        Callback::from(move |code: String| crate::ui::team::join(&handle, &code))
                    }
                    on_leave={
                        let (handle, s) = (handle.clone(), team_shown.setter());
                        Callback::from(move |_| {
                            crate::ui::team::leave(&handle);
                            s.set(false);
                        })
                    }
                    on_close={let s = team_shown.setter(); Callback::from(move |_| s.set(false))} />
            }
            if let Some(lines) = (*agreement).clone() {
                <AgreementDialog {lines} annotator={session.annotator().map(str::to_owned)}
                    on_annotator={let d = handle.dispatch.clone(); Callback::from(move |name| d.emit(Action::SetAnnotator(name)))}
                    on_compare={
                        let (handle, shown, comparison) = (handle.clone(), agreement.setter(), comparison.setter());
                        Callback::from(move |key: String| {
                            shown.set(None);
                            let (handle, comparison) = (handle.clone(), comparison.clone());
                            spawn_local(async move {
                                match crate::ui::compare::open(&handle, &key, None).await {
                                    Ok(opened) => comparison.set(Some(opened)),
                                    Err(problem) => handle.error(format!("Could not compare: {problem}.")),
                                }
                            });
                        })
                    }
                    on_close={let s = agreement.setter(); Callback::from(move |_| s.set(None))} />
            }
            if let Some(comparing) = (*comparison).clone() {
                <CompareDialog comparison={comparing.clone()}
                    gold={session.open_summary().filter(|s| s.annotator.as_deref() == Some(crate::model::session::CURATED)).and(session.open_shared())}
                    dispatch={handle.dispatch.clone()}
                    on_pick={
                        let (handle, comparison, key) = (handle.clone(), comparison.setter(), comparing.key.clone());
                        Callback::from(move |pick: (String, String)| {
                            let (handle, comparison, key) = (handle.clone(), comparison.clone(), key.clone());
                            spawn_local(async move {
                                match crate::ui::compare::open(&handle, &key, Some(pick)).await {
                                    Ok(opened) => comparison.set(Some(opened)),
                                    Err(problem) => handle.error(format!("Could not compare: {problem}.")),
                                }
                            });
                        })
                    }
                    on_edit={
                        let (s, handle, article_ref) = (comparison.setter(), handle.clone(), article_ref.clone());
                        Callback::from(move |range: (usize, usize)| {
                            s.set(None);
                            if let Some(article) = article_ref.cast::<web_sys::HtmlElement>() {
                                let _ = article.focus();
                                select_found(&handle, &article, range);
                            }
                        })
                    }
                    on_close={let s = comparison.setter(); Callback::from(move |_| s.set(None))} />
            }
            if let Some(question) = session.label_question() {
                <LabelMapDialog question={question.clone()} schema={session.schema.clone()}
                    on_answer={let handle = handle.clone(); Callback::from(move |choices| interchange::answer_label_map(&handle, choices))}
                    on_cancel={let handle = handle.clone(); Callback::from(move |_| interchange::cancel_label_map(&handle))} />
            }
            if let (Some(stage), Some(document)) = ((*cleanup_stage).clone(), &open) {
                <CleanupDialog document={document.clone()} schema={session.schema.clone()} {stage}
                    on_apply={on_apply_cleanup} on_cancel={on_cancel_cleanup} />
            }
            // What each edit did, for screen readers. The region stays in the
            // page; an invisible mark alternates so the same words twice are read twice.
            <div class="visually-hidden announcer" role="status" aria-live="polite">
                { session.announcement().map(|(seq, text)| {
                    if seq % 2 == 0 { format!("{text}\u{200B}") } else { text.to_owned() }
                }).unwrap_or_default() }
            </div>
            <div class="drop-overlay" aria-hidden="true"><p>{ DROP_HINT }</p></div>
        </div>
    }
}

/// What dropping does, shown while files are dragged over the page.
const DROP_HINT: &str = "Drop to open: .txt, .md and web pages (.html) as articles; annotations in Marginalia JSON or JSONL, W3C Web Annotation, Label Studio, doccano, spaCy/Prodigy, brat (.ann with .txt, or a .zip) or CSV as imports";
