//! Marginalia: annotate claims, quotes and sources in news articles.
//!
//! `model` is the pure core, usable from any Rust program; `ui` is the Yew app,
//! compiled only for the browser.

pub mod formats;
pub mod model;
pub mod replica;
pub mod team_engine;

#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;

#[cfg(not(target_arch = "wasm32"))]
pub mod team_invite;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker_protocol;
