//! The browser app: Yew components that render the session and turn events into
//! `model::session::Action`s. Compiled only for wasm32.

mod agreement;
mod arcs;
mod autosave;
mod caret;
mod cleanup;
mod compare;
mod components;
mod corpus_search;
mod deferred;
mod dom;
mod effects;
mod files;
mod handle;
mod interchange;
mod keys;
mod selection;
mod state;
mod storage;
mod suggest;
mod team;
pub(crate) mod worker;

/// Mounts the app on the page's body.
pub fn start() {
    mark("marginalia:start");
    yew::Renderer::<components::app::App>::new().render();
}

/// A performance mark, for the benchmarks (bench/visits.mjs) to time start-up.
pub(crate) fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
