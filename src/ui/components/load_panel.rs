use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::files::{self, Article};

#[derive(Properties, PartialEq)]
pub struct LoadPanelProps {
    /// Gets the pasted text; answers whether it became a document (then the box empties).
    pub on_load_text: Callback<String, bool>,
    /// Gets the article of a pasted web page, loaded as it was read.
    pub on_load_article: Callback<Article>,
    pub on_open_files: Callback<Vec<gloo_file::File>>,
    pub on_import_files: Callback<Vec<gloo_file::File>>,
    /// Imports stop to ask what new labels become.
    pub map_new_labels: bool,
    pub on_map_new_labels: Callback<bool>,
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
    // A pasted web page, read in the page worker: loaded with its title and
    // details while the box still holds exactly its text.
    let pasted_page = use_mut_ref(|| None::<Article>);
    let page_note = use_state_eq(String::new);
    let load = {
        let (textarea, pasted_page, page_note) =
            (textarea.clone(), pasted_page.clone(), page_note.clone());
        let (on_load_text, on_load_article) =
            (props.on_load_text.clone(), props.on_load_article.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let page = pasted_page.borrow_mut().take();
            page_note.set(String::new());
            match page.filter(|page| page.text == area.value()) {
                Some(page) => {
                    on_load_article.emit(page);
                    area.set_value("");
                }
                None => {
                    if on_load_text.emit(area.value()) {
                        area.set_value("");
                    }
                }
            }
        })
    };
    let on_paste = {
        let (textarea, pasted_page, page_note) =
            (textarea.clone(), pasted_page.clone(), page_note.clone());
        Callback::from(move |e: Event| {
            let Some(data) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
            else {
                return;
            };
            let html = data.get_data("text/html").unwrap_or_default();
            if html.trim().is_empty() {
                return;
            }
            // Rich text: its article, not the page's markup or chrome.
            e.prevent_default();
            let plain = data.get_data("text/plain").unwrap_or_default();
            let (textarea, pasted_page, page_note) =
                (textarea.clone(), pasted_page.clone(), page_note.clone());
            page_note.set("Reading the pasted page…".into());
            spawn_local(async move {
                let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
                    return;
                };
                let was_empty = area.value().trim().is_empty();
                let (text, note) = match files::read_page(html, true).await {
                    Ok(article) => {
                        let note = describe_page(&article);
                        let text = article.text.clone();
                        *pasted_page.borrow_mut() = was_empty.then_some(article);
                        (text, note)
                    }
                    Err(_) => (plain, String::new()),
                };
                let _ = area.set_range_text(&text);
                if was_empty {
                    area.set_value(&text);
                }
                page_note.set(note);
            });
        })
    };
    let on_input = {
        let (pasted_page, page_note) = (pasted_page.clone(), page_note.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let stale = pasted_page
                .borrow()
                .as_ref()
                .is_some_and(|p| p.text != value);
            if stale {
                *pasted_page.borrow_mut() = None;
                page_note.set(String::new());
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
                onpaste={on_paste}
                oninput={on_input}
            />
            <p class="hint page-note" role="status">{ (*page_note).clone() }</p>
            <div class="load-actions">
                <button class="primary" onclick={load}>{ "Load text" }</button>
                <label class="button file-button">
                    <input type="file" class="visually-hidden" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" multiple=true onchange={on_open} />
                    { "Open file" }
                </label>
                <label class="button file-button" onpointerenter={Callback::from(|_| crate::ui::worker::prewarm())}
                    onfocusin={Callback::from(|_| crate::ui::worker::prewarm())} title="Marginalia JSON or JSONL, W3C Web Annotation, Label Studio, doccano, spaCy/Prodigy, brat (.ann with its .txt, or a .zip), CSV onto the open document">
                    <input type="file" class="visually-hidden" accept=".json,.jsonl,.jsonld,.ann,.txt,.conf,.csv,.zip,application/json,application/zip,text/csv" multiple=true onchange={on_import} />
                    { "Import JSON" }
                </label>
            </div>
            <label class="snap-toggle map-toggle" title="When imported files use labels you do not have, list them first and let you map each onto one of yours (Content → Quote) or add it">
                <input type="checkbox" checked={props.map_new_labels}
                    onchange={props.on_map_new_labels.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked())} />
                { "Ask what new labels become" }
            </label>
            <p class="hint">{ "Or drop files anywhere on the page: .txt, .md and web pages (.html) open as articles; annotations from Marginalia, Label Studio, doccano, spaCy/Prodigy, W3C, brat (.ann + .txt, .zip) or CSV are imported." }</p>
        </section>
    }
}

/// What a pasted page said of its article, for the line under the box.
fn describe_page(article: &Article) -> String {
    let Some(meta) = &article.meta else {
        return "Pasted as text: the page's markup and chrome left out.".to_owned();
    };
    let details: Vec<&str> = [&meta.byline, &meta.published, &meta.site]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut note = format!("From a web page: “{}”", article.title);
    if !details.is_empty() {
        note.push_str(&format!(" ({})", details.join(", ")));
    }
    note.push_str(". Load text keeps these details with the document.");
    note
}
