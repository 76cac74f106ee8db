use yew::prelude::*;

use crate::model::document::Document;
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::labels::LabelSchema;
use crate::ui::dom;

/// Entries show at most this much of a long annotation's text.
const EXCERPT_CHARS: usize = 140;

#[derive(Properties, PartialEq)]
pub struct AnnotationListProps {
    pub document: Document,
    pub schema: LabelSchema,
    pub selected: Option<AnnotationId>,
    pub on_choose: Callback<AnnotationId>,
    pub on_delete: Callback<AnnotationId>,
}

fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .take(EXCERPT_CHARS + 1)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() > EXCERPT_CHARS {
        format!("{}…", flat.chars().take(EXCERPT_CHARS).collect::<String>())
    } else {
        flat
    }
}

/// Every annotation in document order, with counts per label.
#[component]
pub fn AnnotationList(props: &AnnotationListProps) -> Html {
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            let Some(id) = selected else { return };
            let Some(list) = list_ref.cast::<web_sys::Element>() else {
                return;
            };
            let selector = format!("[data-entry=\"{}\"]", id.as_str().replace(['"', '\\'], ""));
            if let Ok(Some(entry)) = list.query_selector(&selector) {
                dom::scroll_into_view_if_needed(&entry);
            }
        });
    }
    let annotations = props.document.annotations();
    let counts = props.schema.labels().iter().map(|label| {
        let count = annotations.iter().filter(|a| a.label == label.id).count();
        html! {
            <li class="count" data-label={label.id.to_string()}>
                <span class="swatch" aria-hidden="true"></span>
                { format!("{} {count}", label.name) }
            </li>
        }
    });
    let entries = annotations.iter().map(|annotation| {
        html! {
            <AnnotationEntry
                key={annotation.id.to_string()}
                id={annotation.id.clone()}
                label={annotation.label.clone()}
                label_name={AttrValue::from(props.schema.name_of(&annotation.label).to_owned())}
                excerpt={AttrValue::from(excerpt(props.document.text_of(annotation)))}
                selected={props.selected.as_ref() == Some(&annotation.id)}
                on_choose={props.on_choose.clone()}
                on_delete={props.on_delete.clone()}
            />
        }
    });
    html! {
        <section class="annotations" aria-labelledby="annotations-heading">
            <h2 id="annotations-heading">{ "Annotations" }<span class="total">{ annotations.len() }</span></h2>
            <ul class="counts" aria-label="Counts per label">{ for counts }</ul>
            if annotations.is_empty() {
                <p class="hint">{ "Nothing tagged yet. Select text in the article and press a label button or its key." }</p>
            }
            <ol ref={list_ref} class="annotation-list" aria-label="Annotations">{ for entries }</ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AnnotationEntryProps {
    id: AnnotationId,
    label: LabelId,
    label_name: AttrValue,
    excerpt: AttrValue,
    selected: bool,
    on_choose: Callback<AnnotationId>,
    on_delete: Callback<AnnotationId>,
}

/// One entry; re-rendered only when its own props change.
#[component]
fn AnnotationEntry(props: &AnnotationEntryProps) -> Html {
    let choose = {
        let (on_choose, id) = (props.on_choose.clone(), props.id.clone());
        Callback::from(move |_| on_choose.emit(id.clone()))
    };
    let delete = {
        let (on_delete, id) = (props.on_delete.clone(), props.id.clone());
        Callback::from(move |_| on_delete.emit(id.clone()))
    };
    html! {
        <li class={classes!("entry", props.selected.then_some("selected"))} data-entry={props.id.to_string()} data-label={props.label.to_string()}>
            <button class="entry-choose" aria-pressed={props.selected.to_string()} onclick={choose}>
                <span class="entry-label">{ props.label_name.clone() }</span>
                <span class="entry-text">{ props.excerpt.clone() }</span>
            </button>
            <button class="entry-delete quiet" title={format!("Delete this {}", props.label_name.to_lowercase())} onclick={delete}>{ "Delete" }</button>
        </li>
    }
}
