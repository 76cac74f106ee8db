use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::files;

#[derive(Properties, PartialEq)]
pub struct LoadPanelProps {
    /// Gets the pasted text; answers whether it became a document (then the box empties).
    pub on_load_text: Callback<String, bool>,
    pub on_open_files: Callback<Vec<gloo_file::File>>,
    pub on_import_files: Callback<Vec<gloo_file::File>>,
}

fn take_files(input: &HtmlInputElement) -> Vec<gloo_file::File> {
    let files = files::from_list(input.files());
    // Choosing the same file again must fire `change` again.
    input.set_value("");
    files
}

/// Paste, open or import: the ways an article gets in.
#[component]
pub fn LoadPanel(props: &LoadPanelProps) -> Html {
    let textarea = use_node_ref();
    let load = {
        let textarea = textarea.clone();
        let on_load_text = props.on_load_text.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
                return;
            };
            if on_load_text.emit(area.value()) {
                area.set_value("");
            }
        })
    };
    let on_open = {
        let on_open_files = props.on_open_files.clone();
        Callback::from(move |e: Event| on_open_files.emit(take_files(&e.target_unchecked_into())))
    };
    let on_import = {
        let on_import_files = props.on_import_files.clone();
        Callback::from(move |e: Event| on_import_files.emit(take_files(&e.target_unchecked_into())))
    };
    html! {
        <section class="load-panel" aria-labelledby="load-heading">
            <h2 id="load-heading">{ "Add an article" }</h2>
            <textarea
                ref={textarea}
                aria-label="Article text"
                placeholder="Paste the article text here…"
                rows="5"
                spellcheck="false"
            />
            <div class="load-actions">
                <button class="primary" onclick={load}>{ "Load text" }</button>
                <label class="button file-button">
                    <input type="file" class="visually-hidden" accept=".txt,.md,.markdown,text/plain,text/markdown" multiple=true onchange={on_open} />
                    { "Open file" }
                </label>
                <label class="button file-button" onpointerenter={Callback::from(|_| crate::ui::worker::prewarm())}
                    onfocusin={Callback::from(|_| crate::ui::worker::prewarm())} title="Marginalia JSON or JSONL, W3C Web Annotation, Label Studio, doccano, spaCy/Prodigy, brat (.ann with its .txt, or a .zip), CSV onto the open document">
                    <input type="file" class="visually-hidden" accept=".json,.jsonl,.jsonld,.ann,.txt,.conf,.csv,.zip,application/json,application/zip,text/csv" multiple=true onchange={on_import} />
                    { "Import JSON" }
                </label>
            </div>
            <p class="hint">{ "Or drop files anywhere on the page: .txt and .md open as articles; annotations from Marginalia, Label Studio, doccano, spaCy/Prodigy, W3C, brat (.ann + .txt, .zip) or CSV are imported." }</p>
        </section>
    }
}
