//! A small menu at the pointer when a click lands where several highlights overlap:
//! the innermost is selected at once, and the menu offers the others.

use yew::prelude::*;

use crate::model::document::SharedDocument;
use crate::model::ids::AnnotationId;
use crate::model::labels::LabelSchema;
use crate::model::layout::excerpt;

#[derive(Properties, PartialEq)]
pub struct OverlapChooserProps {
    pub document: SharedDocument,
    pub schema: LabelSchema,
    /// Innermost first.
    pub candidates: Vec<AnnotationId>,
    pub selected: Option<AnnotationId>,
    /// Client coordinates of the click.
    pub at: (i32, i32),
    pub on_choose: Callback<AnnotationId>,
    pub on_close: Callback<()>,
}

#[component]
pub fn OverlapChooser(props: &OverlapChooserProps) -> Html {
    let items = props.candidates.iter().filter_map(|id| {
        let annotation = props.document.get(id)?;
        let current = props.selected.as_ref() == Some(id);
        let onclick = {
            let (on_choose, id) = (props.on_choose.clone(), id.clone());
            Callback::from(move |_| on_choose.emit(id.clone()))
        };
        Some(html! {
            <li data-label={annotation.label.to_string()}>
                <button class="overlap-option" aria-current={current.then_some("true")} {onclick}>
                    <span class="swatch" aria-hidden="true"></span>
                    <span class="overlap-label">{ props.schema.name_of(&annotation.label).to_owned() }</span>
                    <span class="overlap-text">{ excerpt(props.document.text_of(annotation)) }</span>
                </button>
            </li>
        })
    });
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    // Below the pointer, or above it in the lower half of the window, so the menu
    // is never cut off by the window's edge.
    let (x, y) = props.at;
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX) as i32;
    let vertical = if y > height / 2 {
        format!("bottom:{}px", height - y + 14)
    } else {
        format!("top:{}px", y + 14)
    };
    html! {
        <div class="overlap-chooser" role="menu" aria-label="Overlapping highlights" {onkeydown}
            style={format!("left:{}px;{vertical}", x.max(8))}>
            <p class="overlap-title">{ "Overlapping here" }</p>
            <ul>{ for items }</ul>
        </div>
    }
}
