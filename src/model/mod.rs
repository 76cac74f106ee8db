//! The framework-free core: documents, spans, offsets, formats and the session
//! reducer. Nothing in here touches the DOM or imports yew/web-sys; all of it is
//! tested on the host with `cargo test`.

pub mod agreement;
pub mod anchoring;
pub mod annotation;
pub mod article_meta;
pub mod attributes;
pub mod cleanup;
pub mod cleanup_plan;
pub mod document;
pub mod find;
pub mod history;
pub mod ids;
pub mod labelled;
pub mod labels;
pub mod layout;
pub mod limits;
pub mod link_arcs;
pub mod listing;
pub mod offsets;
pub mod records;
pub mod schema_edit;
pub mod session;
pub mod snapping;
pub mod suggest;
pub mod team;
pub mod text_edits;
pub mod text_input;
