//! The Annotations panel: every annotation in document order, or grouped under
//! their sources, or only those not attributed yet. The list is virtualised: only the rows in view (and a few
//! either side) are in the DOM, so a document with thousands of annotations costs
//! the browser a few dozen rows per frame. Screen readers still hear the full
//! length (`aria-setsize`, `aria-posinset`), and arrow keys walk every entry.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::model::document::{Annotation, SharedDocument};
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::labels::LabelSchema;
use crate::model::layout::{excerpt, visible_rows};
use crate::model::listing::Direction;
use crate::model::listing::{list_rows, ListRow, ListView};

/// Every row has this height (CSS clamps the excerpt to two lines to match).
const ROW_HEIGHT: u32 = 72;

#[derive(Properties, PartialEq)]
pub struct AnnotationListProps {
    pub document: SharedDocument,
    pub schema: LabelSchema,
    pub selected: Option<AnnotationId>,
    pub on_choose: Callback<AnnotationId>,
    /// A step through the listed annotations, in the order listed.
    pub on_step: Callback<(Rc<Vec<AnnotationId>>, Direction)>,
    pub on_delete: Callback<AnnotationId>,
    /// Grouping and filter, kept in the preferences.
    pub list_view: ListView,
    pub on_list_view: Callback<ListView>,
}

/// The annotations as the chosen view lists them, with counts per label.
#[component]
pub fn AnnotationList(props: &AnnotationListProps) -> Html {
    let list_view = &props.list_view;
    let rows = {
        let document = props.document.clone();
        let key = (document.id().clone(), document.revision(), *list_view);
        use_memo(key, move |(_, _, list_view)| {
            list_rows(&document, *list_view)
        })
    };
    let scroller = use_node_ref();
    // (scrollTop, clientHeight) of the scroller; a tall guess until first measured.
    let view = use_state_eq(|| (0u32, 1600u32));
    // Set when we scroll the list ourselves: the scroll event that follows must not
    // read the position back, which would force a layout mid-update.
    let scrolled_by_us = use_mut_ref(|| false);
    // Whether keyboard focus is in the list, so it can follow the selection even
    // when the focused row scrolls out of the rendered window.
    let has_focus = use_mut_ref(|| false);
    // The selection (and view) the list last scrolled to, so it scrolls once per
    // new selection or regrouping and never fights the user's own scrolling.
    let revealed = use_mut_ref(|| None::<(Option<AnnotationId>, ListView)>);
    let annotations = props.document.annotations();
    let count = rows.len();
    let row_id = |row| row_id(annotations, row);

    // Measured whenever the scroller changes size (Details opening above it, the
    // window, a tab); scrolling keeps the numbers current in between.
    {
        let (scroller, view) = (scroller.clone(), view.clone());
        use_effect_with((), move |_| {
            let element = scroller.cast::<HtmlElement>();
            let measure = {
                let element = element.clone();
                move || {
                    if let Some(element) = &element {
                        view.set((
                            element.scroll_top().max(0) as u32,
                            element.client_height().max(0) as u32,
                        ));
                    }
                }
            };
            measure();
            let on_resize = Closure::<dyn Fn()>::new(measure);
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    let selected_index = props
        .selected
        .as_ref()
        .and_then(|id| rows.iter().position(|row| row_id(row) == Some(id)));
    // A new selection outside the view: render where the list is about to scroll,
    // so the selected row exists in this very render.
    let (top, height) = *view;
    // Regrouping or filtering moves every row: the selection is shown again, or
    // the top, never a stale position over empty space.
    let shown_now = (props.selected.clone(), *list_view);
    let (fresh, regrouped) = match &*revealed.borrow() {
        Some(last) => (last != &shown_now, last.1 != *list_view),
        None => (true, false),
    };
    let scroll_to = match selected_index.filter(|_| fresh) {
        Some(index) => Some(index as u32 * ROW_HEIGHT)
            .filter(|&row_top| row_top < top || row_top + ROW_HEIGHT > top + height)
            .map(|row_top| (row_top + ROW_HEIGHT / 2).saturating_sub(height / 2)),
        None => (regrouped && top > 0).then_some(0),
    };
    {
        let (scroller, view, scrolled_by_us, has_focus, revealed) = (
            scroller.clone(),
            view.clone(),
            scrolled_by_us.clone(),
            has_focus.clone(),
            revealed.clone(),
        );
        use_effect_with(
            (shown_now, scroll_to),
            move |((selected, list_view), scroll_to)| {
                *revealed.borrow_mut() = Some((selected.clone(), *list_view));
                let Some(element) = scroller.cast::<HtmlElement>() else {
                    return;
                };
                if let Some(target) = *scroll_to {
                    *scrolled_by_us.borrow_mut() = true;
                    element.set_scroll_top(target as i32);
                    view.set((target, view.1));
                }
                // Copied out first: focusing fires focus events that update the flag.
                // Never taken from another element: only from the list, or from
                // nowhere (the focused row left the rendered window).
                let free = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_none_or(|active| {
                        active.tag_name() == "BODY" || element.contains(Some(&active))
                    });
                let focused = *has_focus.borrow() && free;
                if let (Some(id), true) = (selected, focused) {
                    focus_entry(&element, id);
                }
            },
        );
    }

    let onscroll = {
        let view = view.clone();
        Callback::from(move |event: Event| {
            if std::mem::take(&mut *scrolled_by_us.borrow_mut()) {
                return;
            }
            let element: Element = event.target_unchecked_into();
            view.set((
                element.scroll_top().max(0) as u32,
                element.client_height().max(0) as u32,
            ));
        })
    };
    let onfocusin = {
        let has_focus = has_focus.clone();
        Callback::from(move |_: FocusEvent| *has_focus.borrow_mut() = true)
    };
    let onfocusout = {
        let (has_focus, scroller) = (has_focus.clone(), scroller.clone());
        Callback::from(move |event: FocusEvent| {
            // Focus going nowhere is a row leaving the rendered window as the list
            // scrolls (or the window losing focus): the list keeps following.
            let Some(target) = event
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            else {
                return;
            };
            let staying = scroller
                .cast::<Element>()
                .is_some_and(|list| list.contains(Some(&target)));
            *has_focus.borrow_mut() = staying;
        })
    };
    // Arrow keys, Home and End move through all rows, not just the rendered ones.
    // The app steps from the newest selection: keys can come faster than renders.
    let onkeydown = {
        let on_step = props.on_step.clone();
        let (on_delete, selected) = (props.on_delete.clone(), props.selected.clone());
        let order: Rc<Vec<AnnotationId>> =
            Rc::new(rows.iter().filter_map(row_id).cloned().collect());
        Callback::from(move |event: KeyboardEvent| {
            // Delete removes the selected entry's annotation, as in the article.
            if event.key() == "Delete" {
                if let Some(id) = &selected {
                    event.prevent_default();
                    on_delete.emit(id.clone());
                }
                return;
            }
            let step = match event.key().as_str() {
                "ArrowDown" => Direction::Next,
                "ArrowUp" => Direction::Previous,
                "Home" => Direction::First,
                "End" => Direction::Last,
                _ => return,
            };
            event.prevent_default();
            on_step.emit((order.clone(), step));
        })
    };

    let shown = visible_rows(scroll_to.unwrap_or(top), height, ROW_HEIGHT, count);
    // The group a row is in keys it, since grouping can list an annotation twice.
    let group_of = |index: usize| {
        rows[..=index].iter().rev().find_map(|row| match row {
            ListRow::Group { source, .. } => Some(source.as_ref().map_or("-", |s| s.as_str())),
            ListRow::Entry(_) => None,
        })
    };
    let entries = shown.map(|index| match &rows[index] {
        ListRow::Entry(position) => {
            let annotation = &annotations[*position];
            let key = match group_of(index) {
                Some(group) => format!("{group}>{}", annotation.id),
                None => annotation.id.to_string(),
            };
            html! {
                <AnnotationEntry
                    {key}
                    id={annotation.id.clone()}
                    index={index}
                    set_size={count}
                    label={annotation.label.clone()}
                    label_name={AttrValue::from(props.schema.name_of(&annotation.label).to_owned())}
                    excerpt={AttrValue::from(excerpt(props.document.text_of(annotation)))}
                    selected={props.selected.as_ref() == Some(&annotation.id)}
                    in_group={list_view.by_source}
                    on_choose={props.on_choose.clone()}
                    on_delete={props.on_delete.clone()}
                />
            }
        }
        ListRow::Group { source, count: members } => {
            let source = source.as_ref().and_then(|id| props.document.get(id));
            let attributed = match members {
                1 => "1 attributed".to_owned(),
                n => format!("{n} attributed"),
            };
            let style = format!("top:{}px", index as u32 * ROW_HEIGHT);
            match source {
                Some(source) => {
                    let choose = {
                        let (on_choose, id) = (props.on_choose.clone(), source.id.clone());
                        Callback::from(move |_| on_choose.emit(id.clone()))
                    };
                    let selected = props.selected.as_ref() == Some(&source.id);
                    html! {
                        <li key={format!("group {}", source.id)} class={classes!("group-row", selected.then_some("selected"))} {style}
                            data-entry={source.id.to_string()} data-label={source.label.to_string()}>
                            <button class="entry-choose" aria-pressed={selected.to_string()} onclick={choose}>
                                <span class="entry-label">{ format!("{} · {attributed}", props.schema.name_of(&source.label)) }</span>
                                <span class="entry-text">{ excerpt(props.document.text_of(source)) }</span>
                            </button>
                        </li>
                    }
                }
                None => html! {
                    <li key="group none" class="group-row unattributed" {style}>
                        <p class="group-title">{ format!("Not attributed · {members}") }</p>
                        if *members == 0 { <p class="hint">{ "Every quote and claim has a source." }</p> }
                    </li>
                },
            }
        }
    });
    // Counted once per change of the document, not on every render.
    let unattributed_count = {
        let document = props.document.clone();
        let key = (document.id().clone(), document.revision());
        *use_memo(key, move |_| {
            let only = ListView {
                by_source: false,
                unattributed_only: true,
            };
            list_rows(&document, only).len()
        })
    };
    let toggle = |pressed: bool, change: fn(&mut ListView)| {
        let (current, on_list_view) = (*list_view, props.on_list_view.clone());
        let onclick = Callback::from(move |_| {
            let mut next = current;
            change(&mut next);
            on_list_view.emit(next);
        });
        (if pressed { "true" } else { "false" }, onclick)
    };
    let (grouped, on_group) = toggle(list_view.by_source, |v| v.by_source = !v.by_source);
    let (filtered, on_filter) = toggle(list_view.unattributed_only, |v| {
        v.unattributed_only = !v.unattributed_only
    });
    let counts = props.schema.labels().iter().map(|label| {
        let count = annotations.iter().filter(|a| a.label == label.id).count();
        html! {
            <li class="count" data-label={label.id.to_string()}>
                <span class="swatch" aria-hidden="true"></span>
                { format!("{} {count}", label.name) }
            </li>
        }
    });
    html! {
        <section class="annotations" aria-labelledby="annotations-heading">
            <h2 id="annotations-heading">{ "Annotations" }<span class="total">{ annotations.len() }</span></h2>
            <ul class="counts" aria-label="Counts per label">{ for counts }</ul>
            <div class="list-view" role="group" aria-label="Show">
                <button class="chip" aria-pressed={grouped} onclick={on_group}>{ "Group by source" }</button>
                <button class="chip" aria-pressed={filtered} onclick={on_filter}>
                    { "Unattributed only" }<span class="total">{ unattributed_count }</span>
                </button>
            </div>
            if annotations.is_empty() {
                <p class="hint">{ "Nothing tagged yet. Select text in the article and press a label button or its key." }</p>
            }
            <div class="annotation-scroller" ref={scroller} {onscroll} {onkeydown} {onfocusin} {onfocusout}>
                <ol class="annotation-list" aria-label="Annotations" style={format!("height:{}px", count as u32 * ROW_HEIGHT)}>
                    { for entries }
                </ol>
            </div>
        </section>
    }
}

/// The annotation a row stands for: its entry, or its group's source.
fn row_id<'a>(annotations: &'a [Annotation], row: &'a ListRow) -> Option<&'a AnnotationId> {
    match row {
        ListRow::Entry(index) => Some(&annotations[*index].id),
        ListRow::Group { source, .. } => source.as_ref(),
    }
}

fn focus_entry(scroller: &HtmlElement, id: &AnnotationId) {
    let selector = format!(
        "[data-entry=\"{}\"] .entry-choose",
        id.as_str().replace(['"', '\\'], "")
    );
    if let Ok(Some(button)) = scroller.query_selector(&selector) {
        if let Ok(button) = button.dyn_into::<HtmlElement>() {
            let _ = button.focus();
        }
    }
}

#[derive(Properties, PartialEq)]
struct AnnotationEntryProps {
    id: AnnotationId,
    index: usize,
    set_size: usize,
    label: LabelId,
    label_name: AttrValue,
    excerpt: AttrValue,
    selected: bool,
    /// Listed under a group heading, so drawn inset.
    in_group: bool,
    on_choose: Callback<AnnotationId>,
    on_delete: Callback<AnnotationId>,
}

/// One row; re-rendered only when its own props change.
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
        <li
            class={classes!("entry", props.selected.then_some("selected"), props.in_group.then_some("in-group"))}
            style={format!("top:{}px", props.index as u32 * ROW_HEIGHT)}
            aria-posinset={(props.index + 1).to_string()}
            aria-setsize={props.set_size.to_string()}
            data-entry={props.id.to_string()}
            data-label={props.label.to_string()}
        >
            <button class="entry-choose" aria-pressed={props.selected.to_string()} onclick={choose}>
                <span class="entry-label">{ props.label_name.clone() }</span>
                <span class="entry-text">{ props.excerpt.clone() }</span>
            </button>
            <button class="entry-delete quiet" title={format!("Delete this {}", props.label_name.to_lowercase())} onclick={delete}>{ "Delete" }</button>
        </li>
    }
}
