//! One component per file. Each renders what it is given and reports events
//! through `on_*` callbacks; only `app` holds state and talks to storage.

mod agreement_dialog;
mod annotation_list;
pub mod app;
mod article;
mod cleanup_dialog;
mod compare_dialog;
mod corpus_search_dialog;
mod details;
mod document_list;
mod empty_state;
mod export_menu;
mod find_bar;
mod key_help;
mod label_map_dialog;
mod load_panel;
mod modal;
mod notice;
mod overlap_chooser;
mod panel_tabs;
mod settings;
mod suggestion_bar;
mod team_dialog;
mod text_field;
mod toolbar;

pub use suggestion_bar::suggestion_key;
