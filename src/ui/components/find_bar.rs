//! Find in article: `/` (or Ctrl+F in the article) opens it; typing selects the
//! next match as it goes, Enter the one after, Escape returns to the article
//! with the match selected, ready for a label key.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindBarProps {
    /// Find (query, from just after the current match?); answers whether found.
    pub on_find: Callback<(String, bool), bool>,
    /// Back to the article (the match stays selected).
    pub on_close: Callback<()>,
}

#[component]
pub fn FindBar(props: &FindBarProps) -> Html {
    let input = use_node_ref();
    let missing = use_state_eq(|| false);
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let oninput = {
        let (on_find, missing) = (props.on_find.clone(), missing.clone());
        Callback::from(move |e: InputEvent| {
            let query = e.target_unchecked_into::<HtmlInputElement>().value();
            missing.set(!query.trim().is_empty() && !on_find.emit((query, false)));
        })
    };
    let onkeydown = {
        let (on_find, on_close, missing) = (
            props.on_find.clone(),
            props.on_close.clone(),
            missing.clone(),
        );
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                let query = e.target_unchecked_into::<HtmlInputElement>().value();
                missing.set(!on_find.emit((query, true)));
            }
            "Escape" => {
                e.prevent_default();
                // Handled here: Escape must not also close other things.
                e.stop_propagation();
                on_close.emit(());
            }
            _ => {}
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="find-bar" role="search" aria-label="Find in article">
            <input ref={input} type="search" aria-label="Find in article" placeholder="Find in article…"
                {oninput} {onkeydown} aria-invalid={(*missing).then_some("true")} />
            <p class="find-hint" role="status">{
                if *missing { "No match" } else { "Enter: next · Escape: back to the article, then ] to the end of the quote or sentence, and a label key" }
            }</p>
            <button class="quiet" aria-label="Close find" onclick={close}>{ "×" }</button>
        </div>
    }
}
