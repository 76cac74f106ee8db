//! The mapping step of an import: the labels the files bring that the schema
//! lacks, each with its span count and what it becomes (one of ours, or a new
//! label). Nothing is imported until Import is pressed; each choice is
//! remembered in this browser for the next import.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::modal::use_modal;

use crate::model::ids::LabelId;
use crate::model::labels::LabelSchema;
use crate::model::session::LabelQuestion;

/// Where the choices are remembered (name, lower case → label id), as JSON.
const REMEMBERED: &str = "marginalia.labelMap";

#[derive(Properties, PartialEq)]
pub struct LabelMapDialogProps {
    pub question: Rc<LabelQuestion>,
    pub schema: LabelSchema,
    /// Each new label's name and what it becomes (`None`: added as it is).
    pub on_answer: Callback<Vec<(String, Option<LabelId>)>>,
    pub on_cancel: Callback<()>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> Vec<(String, String)> {
    storage()
        .and_then(|s| s.get_item(REMEMBERED).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn remember(choices: &[(String, Option<LabelId>)]) {
    let mut kept = remembered();
    for (name, target) in choices {
        let key = name.to_lowercase();
        kept.retain(|(k, _)| *k != key);
        if let Some(target) = target {
            kept.push((key, target.to_string()));
        }
    }
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(REMEMBERED, &json);
    }
}

#[component]
pub fn LabelMapDialog(props: &LabelMapDialogProps) -> Html {
    let dialog = use_node_ref();
    let choices = {
        let (question, schema) = (props.question.clone(), props.schema.clone());
        use_state(move || {
            let memory = remembered();
            question
                .labels
                .iter()
                .map(|label| {
                    let key = label.name.to_lowercase();
                    let target = memory
                        .iter()
                        .find(|(k, _)| *k == key)
                        .filter(|(_, id)| schema.get(id).is_some())
                        .map(|(_, id)| LabelId::new(id));
                    (label.name.clone(), target)
                })
                .collect::<Vec<_>>()
        })
    };
    let oncancel = use_modal(&dialog, &props.on_cancel);
    let rows = props.question.labels.iter().enumerate().map(|(index, label)| {
        let current = choices.get(index).and_then(|(_, t)| t.clone());
        let onchange = {
            let choices = choices.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let mut next = (*choices).clone();
                if let Some(choice) = next.get_mut(index) {
                    choice.1 = (!value.is_empty()).then(|| LabelId::new(&value));
                }
                choices.set(next);
            })
        };
        let options = props.schema.labels().iter().map(|ours| {
            html! {
                <option value={ours.id.to_string()} selected={current.as_ref() == Some(&ours.id)}>
                    { format!("{} (ours)", ours.name) }
                </option>
            }
        });
        let spans = if label.spans == 1 { "1 span".to_owned() } else { format!("{} spans", label.spans) };
        html! {
            <tr>
                <th scope="row">{ label.name.clone() }<span class="label-map-count">{ spans }</span></th>
                <td>
                    <select aria-label={format!("{} becomes", label.name)} {onchange}>
                        <option value="" selected={current.is_none()}>{ format!("A new label “{}”", label.name) }</option>
                        { for options }
                    </select>
                </td>
            </tr>
        }
    });
    let import = {
        let (choices, on_answer) = (choices.clone(), props.on_answer.clone());
        Callback::from(move |_: MouseEvent| {
            remember(&choices);
            on_answer.emit((*choices).clone());
        })
    };
    html! {
        <dialog class="label-map" ref={dialog} aria-labelledby="label-map-title" {oncancel}>
            <h2 id="label-map-title">{ "Labels to map" }</h2>
            <p class="hint">{ format!("{} use labels Marginalia does not have. Map each onto one of yours, or keep it as a new label. Nothing is imported until you press Import.", props.question.files) }</p>
            <table>
                <caption class="visually-hidden">{ "Each new label and what it becomes" }</caption>
                <tbody>{ for rows }</tbody>
            </table>
            <div class="label-map-actions">
                <button class="primary" onclick={import}>{ "Import" }</button>
                <button onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </div>
        </dialog>
    }
}
