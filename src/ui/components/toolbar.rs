use yew::prelude::*;

use crate::model::ids::LabelId;
use crate::model::labels::LabelSchema;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub schema: LabelSchema,
    /// False while no document is open: the buttons show but do nothing.
    pub enabled: bool,
    pub on_tag: Callback<LabelId>,
    pub on_export: Callback<()>,
    pub settings_open: bool,
    /// Open (`true`) or close the label settings.
    pub on_settings: Callback<bool>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
}

/// The label buttons and Export JSON, above the article.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let buttons = props.schema.labels().iter().map(|label| {
        let on_tag = props.on_tag.clone();
        let id = label.id.clone();
        let hotkey = label.hotkey.map(String::from);
        let title = match &hotkey {
            Some(key) => format!("Tag the selected text as {} (key {key})", label.name),
            None => format!("Tag the selected text as {}", label.name),
        };
        html! {
            <button
                class="tag-button"
                data-label={label.id.to_string()}
                aria-label={label.name.clone()}
                aria-keyshortcuts={hotkey.clone()}
                {title}
                disabled={!props.enabled}
                // Keep the text selection and the article's focus when clicked.
                onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                onclick={Callback::from(move |_| on_tag.emit(id.clone()))}
            >
                <span class="swatch" aria-hidden="true"></span>
                { label.name.clone() }
                if let Some(key) = hotkey { <kbd aria-hidden="true">{ key }</kbd> }
            </button>
        }
    });
    let on_export = props.on_export.reform(|_: MouseEvent| ());
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    html! {
        <div class="toolbar" role="toolbar" aria-label="Tagging">
            <div class="tag-buttons">{ for buttons }</div>
            <div class="history-buttons">
                <button class="quiet" title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z" disabled={!props.can_undo}
                    onmousedown={keep_focus.clone()} onclick={props.on_undo.reform(|_: MouseEvent| ())}>{ "Undo" }</button>
                <button class="quiet" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-keyshortcuts="Control+Shift+Z Control+Y" disabled={!props.can_redo}
                    onmousedown={keep_focus} onclick={props.on_redo.reform(|_: MouseEvent| ())}>{ "Redo" }</button>
            </div>
            <p class="toolbar-hint">{ if props.settings_open { "Editing labels: Undo and Redo apply to them." } else { "Select text, then a label." } }</p>
            <button class="export-button" onclick={on_export} disabled={!props.enabled}>{ "Export JSON" }</button>
            <button class="quiet settings-button" aria-pressed={if props.settings_open { "true" } else { "false" }}
                title="Add, rename, recolour and reorder labels and their fields"
                onclick={props.on_settings.reform({ let open = props.settings_open; move |_: MouseEvent| !open })}>{ "Labels…" }</button>
        </div>
    }
}
