//! The Agreement view (issue 14): the user's name as an annotator, how far the
//! versions in the library agree — per pair of annotators, per label (F1
//! exact and by overlap, α_u, counts), links and choice fields (κ) — and the
//! documents, most disagreement first.

use yew::prelude::*;

use super::modal::use_modal;

#[derive(Properties, PartialEq)]
pub struct AgreementProps {
    /// The worker's lines (`agreement::display_lines`), or why there are none;
    /// `None` while measuring.
    pub lines: Option<Result<String, String>>,
    pub annotator: Option<String>,
    pub on_annotator: Callback<String>,
    /// Compare the versions of one text (its key) and curate them.
    pub on_compare: Callback<String>,
    pub on_close: Callback<()>,
}

#[component]
pub fn AgreementDialog(props: &AgreementProps) -> Html {
    let dialog = use_node_ref();
    let oncancel = use_modal(&dialog, &props.on_close);
    let on_name = props.on_annotator.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let body = match &props.lines {
        None => html! { <p class="hint" role="status">{ "Measuring…" }</p> },
        Some(Err(problem)) => html! { <p class="hint" role="status">{ problem.clone() }</p> },
        Some(Ok(lines)) => tables(lines, &props.on_compare),
    };
    html! {
        <dialog class="agreement" ref={dialog} aria-labelledby="agreement-title" {oncancel}>
            <h2 id="agreement-title">{ "Agreement" }</h2>
            <label class="annotator-name">{ "Your name as annotator " }
                <input type="text" value={props.annotator.clone().unwrap_or_default()}
                    placeholder="Written in your exports" onchange={on_name} />
            </label>
            { body }
            <div class="label-map-actions">
                <button onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </dialog>
    }
}

/// Lays the worker's lines out as tables and a list.
fn tables(lines: &str, on_compare: &Callback<String>) -> Html {
    let mut sections: Vec<Html> = Vec::new();
    let mut rows: Vec<Html> = Vec::new();
    let mut head: Vec<String> = Vec::new();
    let mut caption = String::new();
    let mut documents: Vec<Html> = Vec::new();
    let flush = |caption: &str, head: &[String], rows: &mut Vec<Html>, sections: &mut Vec<Html>| {
        if caption.is_empty() {
            return;
        }
        let cells = head
            .iter()
            .map(|h| html! { <th scope="col">{ h.clone() }</th> });
        // A narrow screen scrolls the table, not the dialog.
        sections.push(html! {
            <div class="table-scroll">
                <table class="agreement-table">
                    <caption>{ caption.to_owned() }</caption>
                    <thead><tr>{ for cells }</tr></thead>
                    <tbody>{ for rows.drain(..) }</tbody>
                </table>
            </div>
        });
    };
    for line in lines.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        match cells.as_slice() {
            ["pair", a, b, n] => {
                flush(&caption, &head, &mut rows, &mut sections);
                let documents = if *n == "1" {
                    "1 document".to_owned()
                } else {
                    format!("{n} documents")
                };
                caption = format!("{a} and {b} ({documents})");
            }
            ["mean", n] => {
                flush(&caption, &head, &mut rows, &mut sections);
                caption = format!("Mean over {n} pairs");
            }
            ["head", rest @ ..] => head = rest.iter().map(|s| (*s).to_owned()).collect(),
            ["row", label, rest @ ..] => {
                let cells = rest.iter().map(|c| html! { <td>{ *c }</td> });
                rows.push(html! { <tr><th scope="row">{ *label }</th>{ for cells }</tr> });
            }
            ["field", name, kappa, items] => {
                let kappa = format!("Cohen’s κ {kappa} over {items} matched spans");
                rows.push(
                    html! { <tr><th scope="row">{ *name }</th><td colspan="6">{ kappa }</td></tr> },
                );
            }
            ["doc", key, title, percent, versions] => {
                let key = (*key).to_owned();
                let compare = on_compare.reform(move |_: MouseEvent| key.clone());
                // The button is "Compare"; its item says which text.
                let id = format!("agreement-doc-{}", documents.len());
                documents.push(html! {
                    <li><span class="doc-title" id={id.clone()}>{ *title }</span>
                        <span class="hint">{ format!(" — {percent} % disagreement · {versions} ") }</span>
                        <button class="quiet" aria-describedby={id} onclick={compare}>{ "Compare" }</button></li>
                })
            }
            _ => {}
        }
    }
    flush(&caption, &head, &mut rows, &mut sections);
    html! {
        <>
            { for sections }
            <h3 id="agreement-documents">{ "Documents, most disagreement first" }</h3>
            <ol class="agreement-documents" aria-labelledby="agreement-documents">{ for documents }</ol>
        </>
    }
}
