//! The keyboard cheat-sheet, on `?`: every key the app answers to, in one modal
//! dialog (Escape or Close shuts it).

use yew::prelude::*;

use super::modal::use_modal;

use crate::model::labels::LabelSchema;

#[derive(Properties, PartialEq)]
pub struct KeyHelpProps {
    pub schema: LabelSchema,
    pub on_close: Callback<()>,
}

const GENERAL: &[(&str, &str)] = &[
    (
        "/  or  Ctrl+F",
        "find in the article (Enter: next match, Escape: back with it selected)",
    ),
    (
        ".",
        "grow the selection to the closing quotation mark or the end of the sentence",
    ),
    ("]  /  [", "next / previous document"),
    ("g", "suggest quotes, sources and cues in this document"),
    (
        "j  /  k,  a,  Shift+A,  x",
        "while suggestions are shown: next / previous one, accept it, accept its whole attribution, reject it",
    ),
    (
        "arrows, Home, End",
        "move the caret in the article (Ctrl: by word; Ctrl+Home/End: to the text's ends)",
    ),
    (
        "Shift+arrows",
        "select text from the caret (Ctrl: by word; also with Home, End)",
    ),
    ("n  /  p", "next / previous annotation"),
    (
        "l",
        "link the selected quote or claim to a source (then a cue, then the source; Enter)",
    ),
    (
        "Shift+←/→",
        "move the selected annotation's end (Alt+Shift: its start)",
    ),
    (
        "Delete",
        "delete the selected annotation (also in the list)",
    ),
    (
        "Escape",
        "clear the selection, cancel linking, close a panel",
    ),
    ("Ctrl+Z  /  Ctrl+Shift+Z", "undo / redo"),
    ("?", "this list"),
];

#[component]
pub fn KeyHelp(props: &KeyHelpProps) -> Html {
    let dialog = use_node_ref();
    let oncancel = use_modal(&dialog, &props.on_close);
    let labels = props.schema.labels().iter().filter_map(|label| {
        let key = label.hotkey?;
        Some(html! {
            <tr><th scope="row"><kbd>{ key.to_string() }</kbd></th><td>{ format!("tag the selection as {} (or relabel the selected annotation)", label.name) }</td></tr>
        })
    });
    let general = GENERAL.iter().map(|(keys, what)| {
        html! { <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr> }
    });
    html! {
        <dialog class="key-help" ref={dialog} aria-labelledby="key-help-title" {oncancel}>
            <h2 id="key-help-title">{ "Keyboard" }</h2>
            <table>
                <caption class="visually-hidden">{ "Keys and what they do" }</caption>
                <tbody>{ for labels }{ for general }</tbody>
            </table>
            <button class="primary" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
        </dialog>
    }
}
