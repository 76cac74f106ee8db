//! "Export as…": a menu of every format, for the open document or all of them.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::formats::Format;

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// How many documents the library holds.
    pub documents: usize,
    pub has_open: bool,
    pub on_export: Callback<ExportChoice>,
}

/// What "Export as…" was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    pub format: Format,
    /// All documents, or the open one.
    pub all: bool,
    /// brat only: links as attribution events (PARC style) instead of relations.
    pub brat_events: bool,
}

/// What each format is for, in a few words.
fn purpose(format: Format) -> &'static str {
    match format {
        Format::Native => "everything, to reopen here",
        Format::Jsonl => "every document, one per line",
        Format::W3c => "JSON-LD for annotation servers",
        Format::LabelStudio => "tasks with labels and relations",
        Format::Doccano => "sequence labelling with relations",
        Format::Spacy => "spans for spaCy and Prodigy",
        Format::Brat => ".txt + .ann files, zipped",
        Format::Csv => "one row per annotation",
    }
}

#[component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let open = use_state_eq(|| false);
    let all = use_state_eq(|| false);
    let all_documents = *all || !props.has_open;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    // Focus leaving the menu (a click elsewhere, Tab away) closes it.
    // (Yew delegates events, so the event's current target is not this menu.)
    let container = use_node_ref();
    let on_focus_out = {
        let (open, container) = (open.clone(), container.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(container.cast::<web_sys::Node>())
                .is_some_and(|(target, menu)| menu.contains(Some(&target)));
            if !inside {
                open.set(false);
            }
        })
    };
    let scope = |value: bool, label: String, disabled: bool| {
        let all = all.clone();
        html! {
            <label class="export-scope">
                <input type="radio" role="menuitemradio" name="export-scope" checked={all_documents == value} {disabled}
                    onchange={Callback::from(move |_| all.set(value))} />
                { label }
            </label>
        }
    };
    // brat twice: links as relations, or as PARC-style attribution events.
    let choices = Format::ALL.into_iter().flat_map(|format| {
        let events = (format == Format::Brat).then_some(true);
        [Some(false), events]
            .into_iter()
            .flatten()
            .map(move |brat_events| (format, brat_events))
    });
    let items = choices.map(|(format, brat_events)| {
        let (on_export, open) = (props.on_export.clone(), open.clone());
        let onclick = Callback::from(move |_| {
            open.set(false);
            on_export.emit(ExportChoice {
                format,
                all: all_documents,
                brat_events,
            });
        });
        // Named so that it does not read as plain brat (which starts "brat standoff").
        let (title, what) = if brat_events {
            (
                "Attribution events (brat)".to_owned(),
                ".txt + .ann with PARC-style E lines, zipped",
            )
        } else {
            (format.title().to_owned(), purpose(format))
        };
        html! {
            <li role="none">
                <button class="export-item" role="menuitem" {onclick}>
                    <span class="export-title">{ title }</span>
                    <span class="export-purpose">{ what }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="export-menu" ref={container} onkeydown={on_keydown} onfocusout={on_focus_out}>
            <button class="export-as" aria-haspopup="menu" aria-expanded={if *open { "true" } else { "false" }}
                disabled={props.documents == 0} onclick={toggle}>{ "Export as…" }</button>
            if *open {
                <div class="export-popover" role="menu" aria-label="Export as">
                    // A menu holds groups and menu items only: the choice of
                    // documents is a group of menu radio items, the list presentational.
                    <div class="export-scopes" role="group" aria-label="What to export">
                        { scope(false, "This document".to_owned(), !props.has_open) }
                        { scope(true, match props.documents { 1 => "The 1 document".to_owned(), n => format!("All {n} documents") }, false) }
                    </div>
                    <ul role="none">{ for items }</ul>
                </div>
            }
        </div>
    }
}
