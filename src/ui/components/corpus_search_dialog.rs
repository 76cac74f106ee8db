//! "Search all documents": a phrase or a regular expression across the library,
//! the hits listed with their context; choosing one opens its document with the
//! match selected (ui::corpus_search does the searching).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::modal::use_modal;

use crate::ui::corpus_search::{Hit, SearchState, MOST_HITS};

#[derive(Properties, PartialEq)]
pub struct CorpusSearchProps {
    pub state: SearchState,
    /// Search for a phrase (`false`) or a regular expression (`true`).
    pub on_search: Callback<(String, bool)>,
    pub on_open: Callback<Hit>,
    pub on_close: Callback<()>,
}

/// Hits listed at once; the rest are counted.
const SHOWN: usize = 200;

#[component]
pub fn CorpusSearchDialog(props: &CorpusSearchProps) -> Html {
    let dialog = use_node_ref();
    let query = use_node_ref();
    let regex = use_node_ref();
    let oncancel = use_modal(&dialog, &props.on_close);
    let onsubmit = {
        let (query, regex, on_search) = (query.clone(), regex.clone(), props.on_search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(query), Some(regex)) = (
                query.cast::<HtmlInputElement>(),
                regex.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            if !query.value().trim().is_empty() {
                on_search.emit((query.value(), regex.checked()));
            }
        })
    };
    let state = &props.state;
    let documents_with_hits = {
        let mut ids: Vec<_> = state.hits.iter().map(|h| &h.id).collect();
        ids.dedup();
        ids.len()
    };
    let summary = match (&state.problem, state.running, state.hits.len()) {
        (Some(problem), _, _) => problem.clone(),
        (None, true, _) => format!(
            "Searched {} of {} documents… {} hits so far.",
            state.searched,
            state.total,
            state.hits.len()
        ),
        (None, false, 0) if state.total > 0 => "No document has it.".to_owned(),
        (None, false, 0) => String::new(),
        (None, false, n) => {
            let cut = if n >= MOST_HITS {
                " (the first ones)"
            } else {
                ""
            };
            let hits = if n == 1 {
                "1 hit".to_owned()
            } else {
                format!("{n} hits")
            };
            let documents = if documents_with_hits == 1 {
                "1 document".to_owned()
            } else {
                format!("{documents_with_hits} documents")
            };
            format!("{hits}{cut} in {documents}.")
        }
    };
    let hits = state.hits.iter().take(SHOWN).map(|hit| {
        let on_open = props.on_open.clone();
        let chosen = hit.clone();
        html! {
            <li>
                <button class="hit" onclick={Callback::from(move |_| on_open.emit(chosen.clone()))}>
                    <span class="hit-title">{ hit.title.clone() }</span>
                    <span class="hit-context">{ hit.before.clone() }<mark>{ hit.matched.clone() }</mark>{ hit.after.clone() }</span>
                </button>
            </li>
        }
    });
    let more = state.hits.len().saturating_sub(SHOWN);
    html! {
        <dialog class="corpus-search" ref={dialog} aria-labelledby="corpus-search-title" {oncancel}>
            <h2 id="corpus-search-title">{ "Search all documents" }</h2>
            <form class="corpus-search-form" {onsubmit}>
                <input ref={query} type="search" aria-label="Search all documents for" placeholder="A phrase, a name…" />
                <label class="snap-toggle"><input ref={regex} type="checkbox" />{ "Regular expression" }</label>
                <button class="primary" type="submit">{ "Search" }</button>
            </form>
            <p class="hint" role="status">{ summary }</p>
            <ol class="hits" aria-label="Hits">{ for hits }</ol>
            if more > 0 {
                <p class="hint">{ format!("And {more} more: narrow the search to see them.") }</p>
            }
            <div class="label-map-actions">
                <button onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </dialog>
    }
}
