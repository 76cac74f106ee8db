//! The browser app: Yew components that render the session and turn events into
//! `model::session::Action`s. Compiled only for wasm32.

mod autosave;
mod cleanup;
mod components;
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
pub(crate) mod worker;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<components::app::App>::new().render();
}
