use yew::prelude::*;

use crate::model::ids::LabelId;
use crate::model::labels::LabelSchema;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub schema: LabelSchema,
    /// False while no document is open: the buttons show but do nothing.
    pub enabled: bool,
    pub on_tag: Callback<LabelId>,
    pub settings_open: bool,
    /// New spans grow to whole words.
    pub snap_to_words: bool,
    pub on_snap: Callback<bool>,
    /// Every link is drawn in the article, not only the selection's.
    pub all_links: bool,
    pub on_all_links: Callback<bool>,
    /// Open (`true`) or close the label settings.
    pub on_settings: Callback<bool>,
    /// Open the clean-up preview.
    pub on_clean_up: Callback<()>,
    /// Find suggestions (quotes, sources, cues) in the open document.
    pub on_suggest: Callback<()>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
}

/// The label buttons, the label settings, undo/redo and word snapping, above the article.
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
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    html! {
        <div class="toolbar" role="toolbar" aria-label="Tagging">
            <div class="tag-buttons">{ for buttons }
                <button class="quiet settings-button" aria-pressed={if props.settings_open { "true" } else { "false" }}
                title="Add, rename, recolour and reorder labels and their fields"
                onclick={props.on_settings.reform({ let open = props.settings_open; move |_: MouseEvent| !open })}>{ "Labels…" }</button>
                <button class="quiet cleanup-button" disabled={!props.enabled}
                title="Join broken lines and remove site chrome, with a preview of every change"
                onclick={props.on_clean_up.reform(|_: MouseEvent| ())}>{ "Clean up…" }</button>
                <button class="quiet suggest-button" disabled={!props.enabled} aria-keyshortcuts="G"
                title="Suggest quotes, their sources and cues, to accept or reject (G)"
                onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                onclick={props.on_suggest.reform(|_: MouseEvent| ())}>{ "Suggest" }</button>
            </div>
            <div class="history-buttons">
                <button class="quiet" title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z" disabled={!props.can_undo}
                    onmousedown={keep_focus.clone()} aria-label="Undo" onclick={props.on_undo.reform(|_: MouseEvent| ())}><span class="icon" aria-hidden="true">{ "↶" }</span></button>
                <button class="quiet" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-keyshortcuts="Control+Shift+Z Control+Y" disabled={!props.can_redo}
                    onmousedown={keep_focus} aria-label="Redo" onclick={props.on_redo.reform(|_: MouseEvent| ())}><span class="icon" aria-hidden="true">{ "↷" }</span></button>
            </div>
            <label class="snap-toggle" title="New highlights grow to whole words (any script). Turn off for character-exact work.">
                <input type="checkbox" checked={props.snap_to_words}
                    onchange={props.on_snap.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())} />
                { "Whole words" }
            </label>
            <label class="snap-toggle" title="Draw every link in the article as an arc (otherwise only the selected highlight's links)">
                <input type="checkbox" checked={props.all_links}
                    onchange={props.on_all_links.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())} />
                { "All links" }
            </label>

        </div>
    }
}
