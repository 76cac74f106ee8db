//! The suggestions bar above the article while suggestions are shown: the one
//! being looked at (what, how sure, by which rule, and its attribution), with
//! Accept, Accept attribution and Reject as buttons and keys (A, Shift+A, X;
//! J/K for the next and previous), and Accept all above a confidence.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::document::SharedDocument;
use crate::model::listing::Direction;
use crate::model::session::{Action, SuggestionLayer};

#[derive(Properties, PartialEq)]
pub struct SuggestionBarProps {
    pub document: SharedDocument,
    pub layer: Rc<SuggestionLayer>,
    /// The pending suggestions, in text order.
    pub pending: Rc<Vec<usize>>,
    pub dispatch: Callback<Action>,
    /// Read a Prodigy pattern file into the user's cues.
    pub on_patterns: Callback<web_sys::File>,
    /// Add the cues tagged in this document to the user's cues.
    pub on_learn_cues: Callback<()>,
}

/// Handles the suggestion keys (also inside the article): true when used.
pub fn suggestion_key(
    event: &KeyboardEvent,
    selected: Option<usize>,
    dispatch: &Callback<Action>,
) -> bool {
    if event.ctrl_key() || event.alt_key() || event.meta_key() {
        return false;
    }
    let now = crate::ui::dom::now_ms();
    let action = match (event.key().to_ascii_lowercase().as_str(), selected) {
        ("j", _) => Action::StepSuggestion(Direction::Next),
        ("k", _) => Action::StepSuggestion(Direction::Previous),
        ("a", Some(index)) => Action::AcceptSuggestion {
            index,
            whole: event.shift_key(),
            now,
        },
        ("x", Some(index)) => Action::RejectSuggestion { index },
        _ => return false,
    };
    event.prevent_default();
    dispatch.emit(action);
    true
}

#[component]
pub fn SuggestionBar(props: &SuggestionBarProps) -> Html {
    let threshold = use_state_eq(|| 80u8);
    let layer = &props.layer;
    let document = &props.document.0;
    let found = layer.found();
    let text = |index: usize| {
        let span = &found.spans[index];
        let said: String = document
            .text()
            .slice(span.start, span.end)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        shorten(&said, 90)
    };
    let selected = layer.selected().filter(|s| props.pending.contains(s));
    let position = selected.and_then(|s| props.pending.iter().position(|&p| p == s));
    let current = selected.map(|index| {
        let span = &found.spans[index];
        let attribution = layer.link_of(index).map(|link| {
            let cue = link.cue.map(|c| format!(" · cue “{}”", text(c))).unwrap_or_default();
            format!("“{}” ← “{}”{cue}", shorten(&text(link.content), 40), text(link.source))
        });
        let dispatch = props.dispatch.clone();
        let now = crate::ui::dom::now_ms;
        html! {
            <div class="suggestion-current">
                <p class="suggestion-what">
                    <span class="suggestion-label" data-label={span.label}>{ label_name(span.label, span.kind) }</span>
                    <span class="suggestion-text">{ quoted(&text(index)) }</span>
                    <span class="suggestion-how">{ format!("{} % · {}", span.confidence, span.rule) }</span>
                </p>
                if let Some(attribution) = attribution {
                    <p class="suggestion-link">{ attribution }</p>
                }
                <div class="suggestion-actions">
                    <button class="primary" aria-keyshortcuts="A" title="Accept this suggestion (A)"
                        onclick={dispatch.reform(move |_: MouseEvent| Action::AcceptSuggestion { index, whole: false, now: now() })}>{ "Accept" }</button>
                    <button aria-keyshortcuts="Shift+A" title="Accept its quote, source, cue and link in one step (Shift+A)"
                        onclick={dispatch.reform(move |_: MouseEvent| Action::AcceptSuggestion { index, whole: true, now: now() })}>{ "Accept attribution" }</button>
                    <button aria-keyshortcuts="X" title="Reject: it does not come back for this document (X)"
                        onclick={dispatch.reform(move |_: MouseEvent| Action::RejectSuggestion { index })}>{ "Reject" }</button>
                </div>
            </div>
        }
    });
    let count = props.pending.len();
    let summary = match (count, position) {
        (0, _) => "No suggestions left".to_owned(),
        (n, Some(p)) => format!("Suggestion {} of {n}", p + 1),
        (1, None) => "1 suggestion".to_owned(),
        (n, None) => format!("{n} suggestions"),
    };
    let onkeydown = {
        let (dispatch, selected) = (props.dispatch.clone(), selected);
        Callback::from(move |e: KeyboardEvent| {
            let in_field = e
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.type_() != "checkbox");
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                dispatch.emit(Action::CloseSuggestions);
            } else if !in_field {
                suggestion_key(&e, selected, &dispatch);
            }
        })
    };
    let on_threshold = {
        let threshold = threshold.setter();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(value) = value.trim().parse::<u8>() {
                threshold.set(value.min(100));
            }
        })
    };
    let accept_all = {
        let (dispatch, threshold) = (props.dispatch.clone(), *threshold);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::AcceptAllSuggestions {
                min_confidence: threshold,
                now: crate::ui::dom::now_ms(),
            })
        })
    };
    let sure = props
        .pending
        .iter()
        .filter(|&&i| found.spans[i].confidence >= *threshold)
        .count();
    let on_file = {
        let on_patterns = props.on_patterns.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_patterns.emit(file);
            }
            input.set_value("");
        })
    };
    let step = |direction: Direction| {
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::StepSuggestion(direction))
    };
    html! {
        <section class="suggestion-bar" aria-label="Suggestions" {onkeydown}>
            <div class="suggestion-head">
                <h2 class="suggestion-count" aria-live="polite">{ summary }</h2>
                <button class="quiet" aria-label="Previous suggestion" aria-keyshortcuts="K" title="Previous suggestion (K)"
                    disabled={count == 0} onclick={step(Direction::Previous)}>{ "‹" }</button>
                <button class="quiet" aria-label="Next suggestion" aria-keyshortcuts="J" title="Next suggestion (J)"
                    disabled={count == 0} onclick={step(Direction::Next)}>{ "›" }</button>
                <button class="quiet" aria-label="Close suggestions" title="Close suggestions (Escape)"
                    onclick={props.dispatch.reform(|_: MouseEvent| Action::CloseSuggestions)}>{ "×" }</button>
            </div>
            { current.unwrap_or_default() }
            <div class="suggestion-foot">
                <span class="suggestion-all">
                    <label>{ "Accept all at least " }
                        <input type="number" min="0" max="100" step="5" class="confidence-input"
                            aria-label="Lowest confidence to accept" value={threshold.to_string()} onchange={on_threshold} />
                        { " %" }</label>
                    <button onclick={accept_all} disabled={sure == 0}
                        title={format!("Accept the {sure} suggestions at least {} % sure, in one step", *threshold)}>{ "Accept all" }</button>
                </span>
                <details class="suggestion-more">
                    <summary>{ "Cues…" }</summary>
                    <div class="suggestion-more-menu">
                        <label class="file-button">{ "Import cue patterns (Prodigy JSONL)…" }
                            <input type="file" accept=".jsonl,.json,.txt" class="visually-hidden" onchange={on_file} /></label>
                        <button class="quiet" onclick={props.on_learn_cues.reform(|_: MouseEvent| ())}>{ "Add the cues tagged here to my cues" }</button>
                    </div>
                </details>
            </div>
        </section>
    }
}

/// The words in quotation marks, unless they bring their own.
fn quoted(text: &str) -> String {
    let marks = ['"', '“', '”', '«', '»', '„', '「', '‘', '’'];
    if text.starts_with(marks) && text.trim_end_matches([',', '.']).ends_with(marks) {
        text.to_owned()
    } else {
        format!("“{text}”")
    }
}

fn label_name(label: &str, kind: Option<&str>) -> String {
    match (label, kind) {
        ("quote", Some(kind)) => format!("Quote ({kind})"),
        ("quote", None) => "Quote".to_owned(),
        ("source", _) => "Source".to_owned(),
        _ => "Cue".to_owned(),
    }
}

/// At most about `most` characters, cut between words in the middle.
fn shorten(text: &str, most: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= most {
        return text.to_owned();
    }
    let half = most / 2;
    let head_end = chars[..half]
        .iter()
        .rposition(|c| c.is_whitespace())
        .unwrap_or(half);
    let tail_start = chars[chars.len() - half..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len() - half, |p| chars.len() - half + p + 1);
    let head: String = chars[..head_end].iter().collect();
    let tail: String = chars[tail_start..].iter().collect();
    format!("{head} … {tail}")
}
