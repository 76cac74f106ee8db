use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::text_input::describe_size;
use crate::ui::storage::StorageUse;

use crate::model::ids::DocId;
use crate::model::session::DocumentSummary;

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub documents: Vec<DocumentSummary>,
    pub open: Option<DocId>,
    pub on_open: Callback<DocId>,
    pub on_rename: Callback<(DocId, String)>,
    pub on_delete: Callback<DocId>,
    /// What the library takes in the browser's storage, when known.
    pub storage_use: Option<StorageUse>,
}

#[derive(Clone, PartialEq)]
enum Mode {
    Browsing,
    Renaming(DocId),
    ConfirmingDelete(DocId),
}

/// Every document in the library: open, rename, delete (after asking).
#[component]
pub fn DocumentList(props: &DocumentListProps) -> Html {
    let mode = use_state(|| Mode::Browsing);
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
    let items = props.documents.iter().map(|summary| {
        let id = summary.id.clone();
        let is_open = props.open.as_ref() == Some(&id);
        let meta = format!(
            "{} · {} characters",
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
                html! {
                    <>
                        <button class="document-open" aria-current={is_open.then_some("true")} onclick={open}>
                            <span class="document-title">{ summary.title.clone() }</span>
                            <span class="document-meta">{ meta }</span>
                        </button>
                        <div class="document-actions">
                            <button class="quiet" title={format!("Rename “{}”", summary.title)} onclick={rename}>{ "Rename" }</button>
                            <button class="quiet" title={format!("Delete “{}”", summary.title)} onclick={delete}>{ "Delete" }</button>
                        </div>
                    </>
                }
            }
        };
        html! { <li key={id.to_string()} class={classes!("document", is_open.then_some("is-open"))}>{ body }</li> }
    });
    html! {
        <section class="documents" aria-labelledby="documents-heading">
            <h2 id="documents-heading">{ "Documents" }</h2>
            if props.documents.is_empty() {
                <p class="hint">{ "No documents yet." }</p>
            }
            <ul aria-label="Documents" class="document-list">{ for items }</ul>
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
