//! A one-line text input that shows a stored value and reports a new one when the
//! user commits it (Enter or leaving the field). Yew's `value` on an input is
//! controlled — any re-render would overwrite what is being typed — and it has no
//! `defaultvalue` for inputs, so the stored value is written into the field only
//! when it changes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// What is stored now.
    pub value: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    /// Show `value` again at once on commit, for edits that may be refused (a
    /// refused one then leaves no stale text). Not for panels rendered a frame late,
    /// which would flash the old value.
    #[prop_or_default]
    pub reset_on_commit: bool,
    /// Called with the committed text when it differs from `value`.
    pub on_commit: Callback<String>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.set_value(value);
            }
        });
    }
    let onchange = {
        let (stored, on_commit) = (props.value.clone(), props.on_commit.clone());
        let reset = props.reset_on_commit;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let typed = input.value();
            // The effect above writes the new value once it is accepted.
            if reset {
                input.set_value(&stored);
            }
            if typed != stored.as_str() {
                on_commit.emit(typed);
            }
        })
    };
    html! {
        <input ref={input} class={props.class.clone()} aria-label={props.label.clone()}
            placeholder={props.placeholder.clone()} maxlength={props.maxlength.clone()} {onchange} />
    }
}
