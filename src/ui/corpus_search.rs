//! Searching every document of the library for a phrase (as Find in article
//! matches it: any case, any white space between words) or a JavaScript regular
//! expression: texts are read from storage one by one, the page breathing
//! between them, and the hits reported as they come.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::Callback;

use crate::model::document::ArticleText;
use crate::model::find::{find_all, in_context};
use crate::model::ids::DocId;
use crate::ui::dom;
use crate::ui::handle::AppHandle;

/// A search stops listing here: more says nothing a reader could go through.
pub const MOST_HITS: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: DocId,
    pub title: String,
    /// Code points of the document text.
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub matched: String,
    pub after: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchState {
    pub searched: usize,
    pub total: usize,
    pub hits: Rc<Vec<Hit>>,
    pub running: bool,
    /// A regular expression that does not compile, or storage failing.
    pub problem: Option<String>,
}

/// Searches every document, reporting after each few. A newer search (a higher
/// `generation`) stops this one.
pub async fn search(
    handle: AppHandle,
    query: String,
    regex: bool,
    report: Callback<SearchState>,
    generation: Rc<Cell<u64>>,
) {
    let mine = generation.get() + 1;
    generation.set(mine);
    let session = handle.session();
    let library = session.library_shared();
    let mut state = SearchState {
        total: library.len(),
        running: true,
        ..SearchState::default()
    };
    let pattern = if regex {
        match compile(&query) {
            Ok(pattern) => Some(pattern),
            Err(problem) => {
                return report.emit(SearchState {
                    problem: Some(problem),
                    ..SearchState::default()
                })
            }
        }
    } else {
        None
    };
    report.emit(state.clone());
    let storage = handle.storage.borrow().clone();
    let mut hits = Vec::new();
    for (index, summary) in library.iter().enumerate() {
        if generation.get() != mine {
            return;
        }
        // The open document as it is now; the others as storage holds them.
        let text = match session.open().filter(|d| d.id() == &summary.id) {
            Some(open) => Some(open.text().as_str().to_owned()),
            None => match &storage {
                Some(storage) => storage.text_of(&summary.id).await.unwrap_or(None),
                None => None,
            },
        };
        if let Some(text) = text {
            let room = MOST_HITS - hits.len();
            let found = match &pattern {
                Some(pattern) => regex_matches(pattern, &text, room),
                None => find_all(&text, &query, room),
            };
            for (start, end) in found {
                let (before, matched, after) = in_context(&text, start, end);
                hits.push(Hit {
                    id: summary.id.clone(),
                    title: summary.title.clone(),
                    start,
                    end,
                    before,
                    matched,
                    after,
                });
            }
        }
        state.searched = index + 1;
        if hits.len() >= MOST_HITS {
            break;
        }
        if index % 25 == 24 {
            state.hits = Rc::new(hits.clone());
            report.emit(state.clone());
            dom::next_task().await;
        }
    }
    if generation.get() == mine {
        state.hits = Rc::new(hits);
        state.running = false;
        report.emit(state);
    }
}

/// The browser's own regular expressions (no engine shipped in the app); a bad
/// pattern is a message, never an exception.
fn compile(pattern: &str) -> Result<js_sys::RegExp, String> {
    let constructor = js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser has no regular expressions")?;
    let arguments = js_sys::Array::of2(&pattern.into(), &"gu".into());
    js_sys::Reflect::construct(&constructor, &arguments)
        .map_err(|error| {
            let message = js_sys::Reflect::get(&error, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "it is not a regular expression".to_owned());
            format!("That pattern cannot be used: {message}.")
        })?
        .dyn_into::<js_sys::RegExp>()
        .map_err(|_| "That pattern cannot be used.".to_owned())
}

/// Where `pattern` matches in `text`, as code points, up to `limit`.
fn regex_matches(pattern: &js_sys::RegExp, text: &str, limit: usize) -> Vec<(usize, usize)> {
    let offsets = ArticleText::new(text.to_owned());
    let map = offsets.offsets();
    pattern.set_last_index(0);
    let mut found = Vec::new();
    while found.len() < limit {
        let Some(result) = pattern.exec(text) else {
            break;
        };
        let index = js_sys::Reflect::get(&result, &"index".into())
            .ok()
            .and_then(|i| i.as_f64())
            .unwrap_or(0.0) as usize;
        let length = result
            .get(0)
            .as_string()
            .map_or(0, |m| m.encode_utf16().count());
        if length == 0 {
            // An empty match would repeat for ever: step past it.
            pattern.set_last_index(pattern.last_index() + 1);
            continue;
        }
        found.push((
            map.utf16_to_char(text, index),
            map.utf16_to_char(text, index + length),
        ));
    }
    found
}

/// Opens a hit's document and selects the match, ready for a label key.
pub async fn open_hit(handle: &AppHandle, hit: Hit) {
    let session = handle.session();
    if session.open().map(|d| d.id()) != Some(&hit.id) {
        handle.open_document(hit.id.clone()).await;
    }
    // The article is drawn on the next frame.
    dom::next_task().await;
    let article = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-label=\"Article\"]").ok().flatten());
    if let Some(article) = article {
        crate::ui::selection::select_found(handle, &article, (hit.start, hit.end));
        if let Some(article) = article.dyn_ref::<web_sys::HtmlElement>() {
            let _ = article.focus();
        }
    }
}
