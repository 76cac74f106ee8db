//! "Export as…": a menu of every format, for the open document or all of them.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use crate::formats::Format;
use crate::model::ids::DocId;
use crate::ui::interchange::ExportScope;

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// How many documents the library holds.
    pub documents: usize,
    /// The documents the list shows, when it is searched or filtered.
    pub listed: Option<Rc<Vec<DocId>>>,
    pub has_open: bool,
    pub on_export: Callback<ExportChoice>,
}

/// The choice of documents in the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    Open,
    All,
    Listed,
}

/// What "Export as…" was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    pub format: Format,
    pub scope: ExportScope,
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
    let pick = use_state_eq(|| Pick::Open);
    // What is picked, or the nearest that exists now.
    let effective = match (*pick, props.has_open, &props.listed) {
        (Pick::Listed, _, Some(_)) => Pick::Listed,
        (Pick::Open, true, _) => Pick::Open,
        _ => Pick::All,
    };
    let scope_now = match effective {
        Pick::Open => ExportScope::Open,
        Pick::All => ExportScope::All,
        Pick::Listed => props
            .listed
            .clone()
            .map_or(ExportScope::All, ExportScope::These),
    };
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
    let scope = |value: Pick, label: String, disabled: bool| {
        let pick = pick.clone();
        html! {
            <label class="export-scope">
                <input type="radio" role="menuitemradio" name="export-scope" checked={effective == value} {disabled}
                    onchange={Callback::from(move |_| pick.set(value))} />
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
        let (on_export, open, scope) = (props.on_export.clone(), open.clone(), scope_now.clone());
        let onclick = Callback::from(move |_| {
            open.set(false);
            on_export.emit(ExportChoice {
                format,
                scope: scope.clone(),
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
                        { scope(Pick::Open, "This document".to_owned(), !props.has_open) }
                        { scope(Pick::All, match props.documents { 1 => "The 1 document".to_owned(), n => format!("All {n} documents") }, false) }
                        if let Some(listed) = &props.listed {
                            { scope(Pick::Listed, match listed.len() { 1 => "The 1 document listed".to_owned(), n => format!("The {n} documents listed") }, listed.is_empty()) }
                        }
                    </div>
                    <ul role="none">{ for items }</ul>
                </div>
            }
        </div>
    }
}
