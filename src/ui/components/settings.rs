//! The label schema settings, shown in place of the article: add, rename, recolour,
//! reorder and remove labels, set their hotkeys, and edit their fields. Every change
//! is one `SchemaEdit` (and one undo step while the settings are open).

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::ids::LabelId;
use crate::model::labels::{FieldDef, FieldKind, LabelDef, LabelSchema, PALETTE};
use crate::model::schema_edit::SchemaEdit;

use super::text_field::TextField;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub schema: LabelSchema,
    /// How many annotations of each label the open document has.
    pub counts: Vec<(LabelId, usize)>,
    pub on_edit: Callback<SchemaEdit>,
    pub on_close: Callback<()>,
}

#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let new_label = use_node_ref();
    {
        // Escape closes the settings from anywhere on the page.
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "keydown", move |event| {
                    use wasm_bindgen::JsCast;
                    let event: &KeyboardEvent = event.unchecked_ref();
                    if event.key() == "Escape" && !event.default_prevented() {
                        on_close.emit(());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let last = props.schema.labels().len().saturating_sub(1);
    let cards = props
        .schema
        .labels()
        .iter()
        .enumerate()
        .map(|(index, label)| {
            let count = props
                .counts
                .iter()
                .find(|(id, _)| id == &label.id)
                .map_or(0, |(_, n)| *n);
            html! {
                <LabelCard
                    key={label.id.to_string()}
                    label={label.clone()}
                    colour={AttrValue::from(props.schema.colour_of(label.id.as_str()).to_owned())}
                    first={index == 0}
                    last={index == last}
                    {count}
                    on_edit={props.on_edit.clone()}
                />
            }
        });
    let on_add = {
        let (on_edit, input) = (props.on_edit.clone(), new_label.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = input.cast::<HtmlInputElement>() {
                on_edit.emit(SchemaEdit::AddLabel {
                    name: input.value(),
                });
                input.set_value("");
            }
        })
    };
    let on_keydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            let in_field = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if e.key() == "Escape" && !in_field {
                on_close.emit(());
            }
        })
    };
    html! {
        <section class="settings" aria-labelledby="settings-heading" onkeydown={on_keydown}>
            <header class="settings-header">
                <div>
                    <h2 id="settings-heading">{ "Labels" }</h2>
                    <p class="hint">{ "Changes apply to every document and are saved with them. Ctrl+Z undoes them while this view is open. Renaming a label keeps its annotations." }</p>
                </div>
                <button class="primary" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Done" }</button>
            </header>
            <ol class="label-cards" aria-label="Labels">{ for cards }</ol>
            <form class="add-label" onsubmit={on_add}>
                <input ref={new_label} aria-label="New label name" placeholder="New label, e.g. Statistic" />
                <button type="submit">{ "Add label" }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LabelCardProps {
    label: LabelDef,
    colour: AttrValue,
    first: bool,
    last: bool,
    count: usize,
    on_edit: Callback<SchemaEdit>,
}

/// A small button that makes one schema edit; `title` names what it does.
fn edit_button(
    on_edit: &Callback<SchemaEdit>,
    text: &'static str,
    title: String,
    disabled: bool,
    edit: SchemaEdit,
) -> Html {
    let onclick = on_edit.reform(move |_: MouseEvent| edit.clone());
    html! {
        <button type="button" class="quiet" title={title.clone()} aria-label={title} {disabled} {onclick}>{ text }</button>
    }
}

#[component]
fn LabelCard(props: &LabelCardProps) -> Html {
    let confirming_removal = use_state(|| false);
    let label = &props.label;
    let id = label.id.clone();
    let name = label.name.clone();
    let hotkey = label.hotkey.map(String::from).unwrap_or_default();

    let on_rename = {
        let id = id.clone();
        props.on_edit.reform(move |name| SchemaEdit::RenameLabel {
            label: id.clone(),
            name,
        })
    };
    let on_hotkey = {
        let id = id.clone();
        props
            .on_edit
            .reform(move |key: String| SchemaEdit::SetHotkey {
                label: id.clone(),
                hotkey: key.trim().chars().next(),
            })
    };
    let swatches = PALETTE.iter().map(|&colour| {
        let chosen = props.colour == colour;
        let onclick = {
            let (on_edit, id) = (props.on_edit.clone(), id.clone());
            Callback::from(move |_| {
                on_edit.emit(SchemaEdit::Recolour {
                    label: id.clone(),
                    colour: colour.to_owned(),
                })
            })
        };
        html! {
            <button type="button" class="colour-swatch" data-colour={colour} role="radio"
                aria-checked={if chosen { "true" } else { "false" }}
                aria-label={colour} title={colour} {onclick}></button>
        }
    });
    let edit_button =
        |text, title, disabled, edit| edit_button(&props.on_edit, text, title, disabled, edit);
    let move_up = edit_button(
        "↑",
        format!("Move {name} up"),
        props.first,
        SchemaEdit::MoveLabel {
            label: id.clone(),
            by: -1,
        },
    );
    let move_down = edit_button(
        "↓",
        format!("Move {name} down"),
        props.last,
        SchemaEdit::MoveLabel {
            label: id.clone(),
            by: 1,
        },
    );
    let removal = if *confirming_removal {
        let confirm = {
            let (on_edit, id, state) = (
                props.on_edit.clone(),
                id.clone(),
                confirming_removal.clone(),
            );
            Callback::from(move |_| {
                state.set(false);
                on_edit.emit(SchemaEdit::RemoveLabel { label: id.clone() })
            })
        };
        let cancel = {
            let state = confirming_removal.clone();
            Callback::from(move |_| state.set(false))
        };
        let consequence = match props.count {
            0 => "No annotation in the open document uses it.".to_owned(),
            1 => "1 annotation in the open document uses it; it keeps the label and shows in grey.".to_owned(),
            n => format!("{n} annotations in the open document use it; they keep the label and show in grey."),
        };
        html! {
            <div class="confirm" role="group" aria-label={format!("Confirm removing {name}")}>
                <p>{ format!("Remove the label {name}? {consequence} Ctrl+Z brings it back.") }</p>
                <button class="danger" onclick={confirm}>{ "Remove label" }</button>
                <button onclick={cancel}>{ "Keep" }</button>
            </div>
        }
    } else {
        let ask = {
            let state = confirming_removal.clone();
            Callback::from(move |_| state.set(true))
        };
        html! { <button type="button" class="quiet" aria-label={format!("Remove {name}")} onclick={ask}>{ "Remove" }</button> }
    };
    let fields = label.fields.iter().enumerate().map(|(index, field)| {
        html! {
            <FieldRow
                key={field.id.clone()}
                label={id.clone()}
                field={field.clone()}
                first={index == 0}
                last={index + 1 == label.fields.len()}
                on_edit={props.on_edit.clone()}
            />
        }
    });
    let uses = match props.count {
        1 => "1 annotation in the open document".to_owned(),
        n => format!("{n} annotations in the open document"),
    };
    html! {
        <li class="label-card" data-label={id.to_string()}>
            <div class="label-row">
                <span class="swatch" aria-hidden="true"></span>
                <label class="inline-field label-name">
                    <span aria-hidden="true">{ "Name" }</span>
                    <TextField value={name.clone()} label={format!("Name of {name}")} reset_on_commit=true on_commit={on_rename} />
                </label>
                <label class="inline-field hotkey-field">
                    <span aria-hidden="true">{ "Key" }</span>
                    <TextField value={hotkey.clone()} class="hotkey-input" maxlength="1" reset_on_commit=true
                        label={format!("Hotkey of {name}")} on_commit={on_hotkey} />
                </label>
                <div class="label-row-actions">{ move_up }{ move_down }{ removal }</div>
            </div>
            <div class="colour-choice" role="radiogroup" aria-label={format!("Colour of {name}")}>{ for swatches }</div>
            <p class="label-meta">{ format!("id “{id}” · {uses}") }</p>
            <ul class="field-rows" aria-label={format!("Fields of {name}")}>{ for fields }</ul>
            <AddField label={id.clone()} label_name={AttrValue::from(name.clone())} on_edit={props.on_edit.clone()} />
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct FieldRowProps {
    label: LabelId,
    field: FieldDef,
    first: bool,
    last: bool,
    on_edit: Callback<SchemaEdit>,
}

#[component]
fn FieldRow(props: &FieldRowProps) -> Html {
    let field = &props.field;
    let (label, field_id, name) = (props.label.clone(), field.id.clone(), field.name.clone());
    let on_rename = {
        let (label, field_id) = (label.clone(), field_id.clone());
        props.on_edit.reform(move |name| SchemaEdit::RenameField {
            label: label.clone(),
            field: field_id.clone(),
            name,
        })
    };
    let options_text = field.options.join("\n");
    let on_options = {
        let (on_edit, label, field_id) = (props.on_edit.clone(), label.clone(), field_id.clone());
        let stored = options_text.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let value = area.value();
            area.set_value(&stored);
            on_edit.emit(SchemaEdit::SetOptions {
                label: label.clone(),
                field: field_id.clone(),
                options: value.lines().map(str::to_owned).collect(),
            });
        })
    };
    let button =
        |text, title, disabled, edit| edit_button(&props.on_edit, text, title, disabled, edit);
    let edit = |by: isize| SchemaEdit::MoveField {
        label: label.clone(),
        field: field_id.clone(),
        by,
    };
    let kind = match field.kind {
        FieldKind::Text if field.defaults_to_text => "Text (empty: the span's text)",
        FieldKind::Text => "Text",
        FieldKind::Choice => "Choice",
    };
    html! {
        <li class="field-row">
            <TextField class="field-name" value={name.clone()} reset_on_commit=true
                label={format!("Name of field {name}")} on_commit={on_rename} />
            <span class="field-kind">{ kind }</span>
            <div class="field-row-actions">
                { button("↑", format!("Move field {name} up"), props.first, edit(-1)) }
                { button("↓", format!("Move field {name} down"), props.last, edit(1)) }
                { button("Remove", format!("Remove field {name}"), false, SchemaEdit::RemoveField { label: label.clone(), field: field_id.clone() }) }
            </div>
            if field.kind == FieldKind::Choice {
                <label class="field-options">
                    <span>{ "Options, one per line" }</span>
                    <textarea key={options_text.clone()} rows="3" defaultvalue={options_text.clone()}
                        aria-label={format!("Options of {name}")} onchange={on_options} />
                </label>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AddFieldProps {
    label: LabelId,
    label_name: AttrValue,
    on_edit: Callback<SchemaEdit>,
}

/// A small form that adds a text or choice field to a label.
#[component]
fn AddField(props: &AddFieldProps) -> Html {
    let kind = use_state(|| FieldKind::Text);
    let (name_ref, options_ref) = (use_node_ref(), use_node_ref());
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            kind.set(match select.value().as_str() {
                "choice" => FieldKind::Choice,
                _ => FieldKind::Text,
            });
        })
    };
    let on_submit = {
        let (on_edit, label, kind) = (props.on_edit.clone(), props.label.clone(), kind.clone());
        let (name_ref, options_ref) = (name_ref.clone(), options_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(name) = name_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let options = options_ref
                .cast::<HtmlTextAreaElement>()
                .map(|area| area.value().lines().map(str::to_owned).collect())
                .unwrap_or_default();
            on_edit.emit(SchemaEdit::AddField {
                label: label.clone(),
                name: name.value(),
                kind: *kind,
                options,
            });
            name.set_value("");
        })
    };
    let name = &props.label_name;
    html! {
        <form class="add-field" onsubmit={on_submit}>
            <input ref={name_ref} aria-label={format!("New field of {name}")} placeholder="New field name" />
            <select aria-label={format!("Kind of the new field of {name}")} onchange={on_kind}>
                <option value="text" selected={*kind == FieldKind::Text}>{ "Text" }</option>
                <option value="choice" selected={*kind == FieldKind::Choice}>{ "Choice" }</option>
            </select>
            if *kind == FieldKind::Choice {
                <textarea ref={options_ref} rows="3" aria-label={format!("Options of the new field of {name}")} placeholder="Options, one per line" />
            }
            <button type="submit">{ "Add field" }</button>
        </form>
    }
}
