use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub on_sample: Callback<()>,
    /// True while saved documents are being read on start-up.
    pub restoring: bool,
}

/// What the reading area shows before any document is open.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    if props.restoring {
        return html! { <div class="empty-state"><p class="restoring">{ "Opening your documents…" }</p></div> };
    }
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <div class="empty-state">
            <h2>{ "Tag who said what, exactly." }</h2>
            <ol class="steps">
                <li><strong>{ "Bring in an article." }</strong>{ " Paste it on the left, open a .txt or .md file, or drop a file anywhere on this page." }</li>
                <li><strong>{ "Tag it." }</strong>{ " Select a passage and press Claim, Quote or Source — or the keys c, q, s." }</li>
                <li><strong>{ "Export." }</strong>{ " Export JSON gives exact character offsets that Python's text[start:end] reproduces." }</li>
            </ol>
            <button class="primary" onclick={on_sample}>{ "Try a sample article" }</button>
            <p class="privacy">{ "Everything stays in this browser. Nothing you load is sent anywhere." }</p>
        </div>
    }
}
