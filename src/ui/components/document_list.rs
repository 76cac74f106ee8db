use std::rc::Rc;

use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::model::layout::visible_rows;

use crate::model::text_input::describe_size;
use crate::ui::storage::StorageUse;

use crate::model::ids::DocId;
use crate::model::session::{DocumentFilter, DocumentOrder, DocumentStatus, DocumentSummary};

const ORDERS: [(DocumentOrder, &str, &str); 4] = [
    (DocumentOrder::Newest, "newest", "Newest first"),
    (DocumentOrder::Oldest, "oldest", "Oldest first"),
    (DocumentOrder::Title, "title", "Title A–Z"),
    (
        DocumentOrder::MostAnnotations,
        "annotations",
        "Most annotations",
    ),
];

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    /// Shared with the session: compared by pointer first, never copied.
    pub documents: Rc<Vec<DocumentSummary>>,
    pub open: Option<DocId>,
    pub on_open: Callback<DocId>,
    pub on_rename: Callback<(DocId, String)>,
    pub on_delete: Callback<DocId>,
    /// What the library takes in the browser's storage, when known.
    pub storage_use: Option<StorageUse>,
    /// How the list is narrowed and ordered (the app's: exports can follow it).
    pub filter: DocumentFilter,
    /// Indices into `documents`, as `filter` arranges them.
    pub shown: Rc<Vec<usize>>,
    pub on_filter: Callback<DocumentFilter>,
    pub on_status: Callback<(DocId, DocumentStatus)>,
    /// Open "Search all documents".
    pub on_search_all: Callback<()>,
    /// Open the Agreement view.
    pub on_agreement: Callback<()>,
    /// Each label's name, to say the counts per label.
    pub label_names: Rc<Vec<(crate::model::ids::LabelId, String)>>,
}

/// "3 Source, 1 Quote" — a document's counts per label, in words.
fn counts_said(
    counts: &[(crate::model::ids::LabelId, usize)],
    names: &[(crate::model::ids::LabelId, String)],
) -> String {
    counts
        .iter()
        .map(|(label, n)| {
            let name = names
                .iter()
                .find(|(id, _)| id == label)
                .map_or(label.as_str(), |(_, name)| name.as_str());
            format!("{n} {name}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, PartialEq)]
enum Mode {
    Browsing,
    Renaming(DocId),
    ConfirmingDelete(DocId),
}

/// Longer lists render only the rows in view (a corpus of thousands).
const VIRTUAL_FROM: usize = 100;
/// Row heights in a long list (CSS clamps titles to match): a document, and the
/// one being renamed or deleted.
const ROW: u32 = 168;
const WIDE_ROW: u32 = 224;

/// Every document in the library: open, rename, delete (after asking); search
/// by title and sort; a long list renders only what is in view.
#[component]
pub fn DocumentList(props: &DocumentListProps) -> Html {
    let mode = use_state(|| Mode::Browsing);
    let shown = &props.shown;
    let scroller = use_node_ref();
    // (scrollTop, clientHeight) of the long list's scroller.
    let view = use_state_eq(|| (0u32, 800u32));
    let rename_input = use_node_ref();
    // The field gets the current title once, when renaming starts. It is not bound to
    // the title: a re-render while typing must not overwrite what is typed.
    {
        let rename_input = rename_input.clone();
        let title = match &*mode {
            Mode::Renaming(id) => props
                .documents
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.title.clone()),
            _ => None,
        };
        use_effect_with((*mode).clone(), move |mode| {
            if let (Mode::Renaming(_), Some(input), Some(title)) =
                (mode, rename_input.cast::<HtmlInputElement>(), title)
            {
                input.set_value(&title);
                let _ = input.focus();
                input.select();
            }
        });
    }
    let virtual_list = shown.len() > VIRTUAL_FROM;
    let special = match &*mode {
        Mode::Renaming(id) | Mode::ConfirmingDelete(id) => {
            shown.iter().position(|&i| &props.documents[i].id == id)
        }
        Mode::Browsing => None,
    };
    let top_of = |position: usize| -> u32 {
        let above = position as u32 * ROW;
        match special {
            Some(s) if s < position => above + WIDE_ROW - ROW,
            _ => above,
        }
    };
    let window = if virtual_list {
        // Rows are a fixed height but one; a generous window covers the difference.
        let (top, height) = *view;
        visible_rows(
            top.saturating_sub(WIDE_ROW),
            height + 2 * WIDE_ROW,
            ROW,
            shown.len(),
        )
    } else {
        0..shown.len()
    };
    let total_height = top_of(shown.len());
    let count = shown.len();
    let window_start = window.start;
    let items = shown[window].iter().enumerate().map(|(offset, &index)| {
        let summary = &props.documents[index];
        let id = summary.id.clone();
        let is_open = props.open.as_ref() == Some(&id);
        // Another annotator's version says whose it is.
        let whose = match summary.annotator.as_deref() {
            Some(crate::model::session::CURATED) => "Curated version · ".to_owned(),
            Some(a) => format!("{a}’s version · "),
            None => String::new(),
        };
        let meta = format!(
            "{whose}{} · {} characters",
            match summary.annotation_count {
                1 => "1 annotation".to_owned(),
                n => format!("{n} annotations"),
            },
            summary.chars
        );
        let body = match &*mode {
            Mode::Renaming(editing) if editing == &id => {
                let submit = {
                    let (mode, input, on_rename, id) = (mode.clone(), rename_input.clone(), props.on_rename.clone(), id.clone());
                    move || {
                        if let Some(input) = input.cast::<HtmlInputElement>() {
                            on_rename.emit((id.clone(), input.value()));
                        }
                        mode.set(Mode::Browsing);
                    }
                };
                let cancel = { let mode = mode.clone(); move || mode.set(Mode::Browsing) };
                let onsubmit = { let submit = submit.clone(); Callback::from(move |e: SubmitEvent| { e.prevent_default(); submit() }) };
                let onkeydown = { let cancel = cancel.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { cancel() }) };
                html! {
                    <form class="rename-form" {onsubmit}>
                        <input ref={rename_input.clone()} aria-label="New title" {onkeydown} />
                        <button type="submit">{ "Save" }</button>
                        <button type="button" onclick={Callback::from(move |_| cancel())}>{ "Cancel" }</button>
                    </form>
                }
            }
            Mode::ConfirmingDelete(deleting) if deleting == &id => {
                let confirm = { let (mode, on_delete, id) = (mode.clone(), props.on_delete.clone(), id.clone()); Callback::from(move |_| { on_delete.emit(id.clone()); mode.set(Mode::Browsing) }) };
                let cancel = { let mode = mode.clone(); Callback::from(move |_| mode.set(Mode::Browsing)) };
                html! {
                    <div class="confirm" role="group" aria-label="Confirm deletion">
                        <p>{ format!("Delete “{}” and its {}? This cannot be undone.", summary.title, if summary.annotation_count == 1 { "annotation".to_owned() } else { format!("{} annotations", summary.annotation_count) }) }</p>
                        <button class="danger" onclick={confirm}>{ "Delete document" }</button>
                        <button onclick={cancel}>{ "Cancel" }</button>
                    </div>
                }
            }
            _ => {
                let open = { let (on_open, id) = (props.on_open.clone(), id.clone()); Callback::from(move |_| on_open.emit(id.clone())) };
                let rename = { let (mode, id) = (mode.clone(), id.clone()); Callback::from(move |_| mode.set(Mode::Renaming(id.clone()))) };
                let delete = { let (mode, id) = (mode.clone(), id.clone()); Callback::from(move |_| mode.set(Mode::ConfirmingDelete(id.clone()))) };
                let status = {
                    let (on_status, id) = (props.on_status.clone(), id.clone());
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                        if let Some(status) = DocumentStatus::from_key(&value) {
                            on_status.emit((id.clone(), status));
                        }
                    })
                };
                html! {
                    <>
                        <button class="document-open" aria-current={is_open.then_some("true")} onclick={open}>
                            <span class="document-title">{ summary.title.clone() }</span>
                            <span class="document-meta">{ meta }</span>
                            if !summary.label_counts.is_empty() {
                                <span class="document-counts" aria-label={counts_said(&summary.label_counts, &props.label_names)}>
                                    { for summary.label_counts.iter().map(|(label, n)| html! {
                                        <span class="document-count" data-label={label.to_string()} aria-hidden="true">
                                            <span class="swatch"></span>{ n.to_string() }
                                        </span>
                                    }) }
                                </span>
                            }
                        </button>
                        <div class="document-actions">
                            <select class="document-status" aria-label={format!("Status of “{}”", summary.title)} onchange={status}>
                                { for DocumentStatus::ALL.iter().map(|s| html! {
                                    <option value={s.key()} selected={*s == summary.status}>{ s.name() }</option>
                                }) }
                            </select>
                            <button class="quiet" title={format!("Rename “{}”", summary.title)} onclick={rename}>{ "Rename" }</button>
                            <button class="quiet" title={format!("Delete “{}”", summary.title)} onclick={delete}>{ "Delete" }</button>
                        </div>
                    </>
                }
            }
        };
        let position = window_start + offset;
        let style = virtual_list.then(|| {
            let height = if special == Some(position) { WIDE_ROW } else { ROW };
            format!("top:{}px;height:{height}px", top_of(position))
        });
        html! {
            <li key={id.to_string()} class={classes!("document", is_open.then_some("is-open"))} {style}
                aria-setsize={virtual_list.then(|| count.to_string())}
                aria-posinset={virtual_list.then(|| (position + 1).to_string())}>{ body }</li>
        }
    });
    let on_query = {
        let (filter, on_filter) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: InputEvent| {
            let query = e.target_unchecked_into::<HtmlInputElement>().value();
            on_filter.emit(DocumentFilter {
                query,
                ..filter.clone()
            });
        })
    };
    let on_status_filter = {
        let (filter, on_filter) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let status = DocumentStatus::from_key(&value);
            on_filter.emit(DocumentFilter {
                status,
                ..filter.clone()
            });
        })
    };
    let on_order = {
        let (filter, on_filter) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((order, _, _)) = ORDERS.iter().find(|(_, key, _)| *key == value) {
                on_filter.emit(DocumentFilter {
                    order: *order,
                    ..filter.clone()
                });
            }
        })
    };
    let on_scroll = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let element: Element = e.target_unchecked_into();
            view.set((
                element.scroll_top().max(0) as u32,
                element.client_height().max(0) as u32,
            ));
        })
    };
    {
        // The long list's height, once it is there.
        let (scroller, view) = (scroller.clone(), view.clone());
        use_effect_with(virtual_list, move |_| {
            if let Some(element) = scroller.cast::<Element>() {
                view.set((
                    element.scroll_top().max(0) as u32,
                    element.client_height().max(0) as u32,
                ));
            }
        });
    }
    html! {
        <section class="documents" aria-labelledby="documents-heading">
            <h2 id="documents-heading">{ "Documents" }</h2>
            if props.documents.is_empty() {
                <p class="hint">{ "No documents yet." }</p>
            }
            if !props.documents.is_empty() {
                <button class="quiet search-all" onclick={props.on_search_all.reform(|_: MouseEvent| ())}>{ "Search all documents…" }</button>
                <button class="quiet search-all" title="How far several annotators’ versions of the same texts agree"
                    onclick={props.on_agreement.reform(|_: MouseEvent| ())}>{ "Agreement" }</button>
            }
            if props.documents.len() > 1 {
                <div class="document-tools">
                    <input type="search" aria-label="Search documents" placeholder="Search titles…"
                        value={props.filter.query.clone()} oninput={on_query} />
                    <select aria-label="Show documents" onchange={on_status_filter}>
                        <option value="" selected={props.filter.status.is_none()}>{ "All" }</option>
                        { for DocumentStatus::ALL.iter().map(|s| html! {
                            <option value={s.key()} selected={props.filter.status == Some(*s)}>{ s.name() }</option>
                        }) }
                    </select>
                    <select aria-label="Sort documents" onchange={on_order}>
                        { for ORDERS.iter().map(|(o, key, name)| html! {
                            <option value={*key} selected={*o == props.filter.order}>{ *name }</option>
                        }) }
                    </select>
                </div>
                if props.filter.is_narrowing() {
                    <p class="hint" role="status">{ match count { 0 => "No document matches.".to_owned(), 1 => "1 document matches.".to_owned(), n => format!("{n} documents match.") } }</p>
                }
            }
            if virtual_list {
                <div class="document-scroller" ref={scroller} onscroll={on_scroll}>
                    <ul aria-label="Documents" class="document-list virtual" style={format!("height:{total_height}px")}>{ for items }</ul>
                </div>
            } else {
                <ul aria-label="Documents" class="document-list">{ for items }</ul>
            }
            if let Some(usage) = props.storage_use {
                <p class="hint storage-use">{ describe_use(usage) }</p>
            }
        </section>
    }
}

/// "Uses 1.2 MB of 2.1 GB in this browser; kept until you delete it."
fn describe_use(usage: StorageUse) -> String {
    let keeping = if usage.persisted {
        "kept until you delete it"
    } else {
        "the browser may clear it if space runs low: export to keep a copy"
    };
    format!(
        "Uses {} of {} in this browser; {keeping}.",
        describe_size(usage.used as u64),
        describe_size(usage.quota as u64)
    )
}
