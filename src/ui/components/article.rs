use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::model::document::SharedDocument;
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::layout::{self, BlockSpan, Node};
use crate::model::link_arcs::{self, Arc};
use crate::ui::dom::{self, BLOCK_START_ATTRIBUTE};
use crate::ui::{arcs, caret};

/// Label ids with their names (a few: a vector), shared so blocks compare it by pointer.
pub type LabelNames = Rc<Vec<(LabelId, String)>>;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub document: SharedDocument,
    pub selected: Option<AnnotationId>,
    /// Annotations to show as linked: those of the selected one, or of the source
    /// under the pointer.
    pub emphasized: Rc<Vec<AnnotationId>>,
    /// Each label's name, which screen readers announce for its highlights.
    pub label_names: LabelNames,
    /// A link is being made: sources invite a click.
    pub linking: bool,
    /// The links to draw as arcs over the text.
    pub arcs: Rc<Vec<Arc>>,
    pub node_ref: NodeRef,
    /// A highlight was clicked (`Some`), or plain text was (`None`).
    pub on_select: Callback<Option<AnnotationId>>,
    /// A click landed on several overlapping highlights: their ids, innermost
    /// first, and where the pointer was (client x, y).
    pub on_overlap: Callback<(Vec<AnnotationId>, (i32, i32))>,
    /// A handle of the selected annotation was dragged: the new extent between the
    /// edge that stayed and where the handle was let go, in UTF-16 units, and
    /// which edge moved (`true`: the start).
    pub on_drag_edge: Callback<(AnnotationId, bool, (usize, usize))>,
    pub on_key: Callback<KeyboardEvent>,
    /// The pointer is over a source (`Some`), or over no source (`None`).
    pub on_hover_source: Callback<Option<AnnotationId>>,
}

/// The article text with its highlights. Its `textContent` is exactly the document
/// text: labels are drawn by CSS, never inserted as text.
#[component]
pub fn Article(props: &ArticleProps) -> Html {
    // Cutting into blocks depends on the text only, not on the annotations.
    let blocks = use_memo(props.document.text().clone(), layout::split_blocks);
    let spans = layout::spans_by_block(&blocks, props.document.annotations());
    // The handle being dragged: which annotation, which edge, and the other handle,
    // where the preview selection is anchored.
    let dragging = use_mut_ref(|| None::<(AnnotationId, bool, Element)>);
    // A drag ends in a click, which must not select what is under the pointer.
    let just_dragged = use_mut_ref(|| false);
    let onclick = {
        let (on_select, on_overlap) = (props.on_select.clone(), props.on_overlap.clone());
        let (just_dragged, linking) = (just_dragged.clone(), props.linking);
        Callback::from(move |event: MouseEvent| {
            if std::mem::take(&mut *just_dragged.borrow_mut()) {
                return;
            }
            // A drag that selected text is not a click on a highlight.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if selecting {
                return;
            }
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let candidates = target.map(|t| marks_around(&t)).unwrap_or_default();
            // While linking, a pick makes a link, so the user picks from the chooser.
            if !(linking && candidates.len() > 1) {
                on_select.emit(candidates.first().cloned());
            }
            if candidates.len() > 1 {
                on_overlap.emit((candidates, (event.client_x(), event.client_y())));
            }
        })
    };
    let onpointerdown = {
        let (dragging, article) = (dragging.clone(), props.node_ref.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(handle) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .filter(|t| t.has_attribute("data-handle"))
            else {
                return;
            };
            let (Some(article), Some(id)) = (
                article.cast::<Element>(),
                handle
                    .get_attribute("data-for")
                    .map(|id| AnnotationId::new(&id)),
            ) else {
                return;
            };
            let moving_start = handle.get_attribute("data-handle").as_deref() == Some("start");
            let other = if moving_start { "end" } else { "start" };
            let selector = format!("[data-handle=\"{other}\"]");
            let Ok(Some(anchor)) = article.query_selector(&selector) else {
                return;
            };
            event.prevent_default();
            let _ = article.set_pointer_capture(event.pointer_id());
            *dragging.borrow_mut() = Some((id, moving_start, anchor));
        })
    };
    let onpointermove = {
        let (dragging, article) = (dragging.clone(), props.node_ref.clone());
        Callback::from(move |event: PointerEvent| {
            if let (Some((_, _, anchor)), Some(article)) =
                (&*dragging.borrow(), article.cast::<Element>())
            {
                dom::select_to_point(&article, anchor, event.client_x(), event.client_y());
            }
        })
    };
    let onpointerup = {
        let (dragging, article) = (dragging.clone(), props.node_ref.clone());
        let on_drag_edge = props.on_drag_edge.clone();
        Callback::from(move |_: PointerEvent| {
            let Some((id, moving_start, _)) = dragging.borrow_mut().take() else {
                return;
            };
            *just_dragged.borrow_mut() = true;
            let Some(article) = article.cast::<Element>() else {
                return;
            };
            let extent = dom::selection_in(&article, usize::MAX);
            dom::clear_selection();
            if let Some(extent) = extent {
                on_drag_edge.emit((id, moving_start, extent));
            }
        })
    };
    let onkeydown = props.on_key.reform(|e: KeyboardEvent| e);
    caret::use_caret(props.node_ref.clone());
    arcs::use_link_arcs(
        props.node_ref.clone(),
        props.arcs.clone(),
        props.document.revision(),
    );
    let onmouseover = props.on_hover_source.reform(|event: MouseEvent| {
        event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("mark[data-label=\"source\"]").ok().flatten())
            .and_then(|m| m.get_attribute("data-id"))
            .map(|id| AnnotationId::new(&id))
    });
    let onmouseleave = props.on_hover_source.reform(|_: MouseEvent| None);
    // The selected highlight's links, in words, for screen readers.
    let links_said: Option<Rc<str>> = props
        .selected
        .as_ref()
        .and_then(|id| link_arcs::describe_links(&props.document, id))
        .map(Rc::from);
    let rendered = blocks.iter().zip(spans).enumerate().map(|(index, (block, spans))| {
        // Only the block that holds the selection gets it, so selecting re-renders one block.
        let selected = props
            .selected
            .clone()
            .filter(|id| spans.iter().any(|s| &s.id == id));
        let emphasized: Vec<AnnotationId> = spans
            .iter()
            .filter(|s| props.emphasized.contains(&s.id))
            .map(|s| s.id.clone())
            .collect();
        html! {
            <Block key={index} text={block.text.clone()} start_utf16={block.start_utf16} spans={Rc::new(spans)} links_said={selected.as_ref().and(links_said.clone())} {selected} {emphasized} label_names={props.label_names.clone()} />
        }
    });
    html! {
        <article
            ref={props.node_ref.clone()}
            class={classes!("article", props.linking.then_some("is-linking"))}
            aria-label="Article"
            tabindex="0"
            {onclick}
            {onpointerdown}
            {onpointermove}
            onpointerup={onpointerup.clone()}
            onpointercancel={onpointerup}
            {onkeydown}
            {onmouseover}
            {onmouseleave}
        >
            { for rendered }
            // Drawn by `arcs` and `caret`; they hold no text, so the article's text
            // stays exact.
            <svg class="link-arcs" aria-hidden="true" focusable="false"></svg>
            <span class="caret" aria-hidden="true"></span>
        </article>
    }
}

/// The ids of the highlights enclosing `target`, innermost first.
fn marks_around(target: &Element) -> Vec<AnnotationId> {
    let mut ids: Vec<AnnotationId> = Vec::new();
    let mut next = target.closest("mark[data-id]").ok().flatten();
    while let Some(mark) = next {
        if let Some(id) = mark.get_attribute("data-id") {
            if ids.iter().all(|known| known.as_str() != id) {
                ids.push(AnnotationId::new(&id));
            }
        }
        next = mark
            .parent_element()
            .and_then(|p| p.closest("mark[data-id]").ok().flatten());
    }
    ids
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    text: Rc<str>,
    start_utf16: usize,
    spans: Rc<Vec<BlockSpan>>,
    selected: Option<AnnotationId>,
    /// The selected annotation's links in words, when it is in this block.
    links_said: Option<Rc<str>>,
    emphasized: Vec<AnnotationId>,
    label_names: LabelNames,
}

/// A few thousand characters of the article; re-rendered only when its own spans change.
#[component]
fn Block(props: &BlockProps) -> Html {
    let nodes = layout::layout_block(&props.text, &props.spans);
    let start = props.start_utf16.to_string();
    let mut block = yew::virtual_dom::VTag::new("span");
    // A block that ends a line can be a box of its own, which lets the browser lay
    // out and paint only the blocks on screen (see article.css).
    let class = if props.text.ends_with('\n') {
        "block line-end"
    } else {
        "block"
    };
    block.add_attribute("class", class);
    block.add_attribute(BLOCK_START_ATTRIBUTE, start);
    let marking = Marking {
        selected: props.selected.as_ref(),
        links_said: props.links_said.as_deref(),
        emphasized: &props.emphasized,
        names: &props.label_names,
    };
    block.add_child(render(&props.text, &nodes, &marking));
    block.into()
}

/// What marks a block's highlights beyond their spans.
struct Marking<'a> {
    selected: Option<&'a AnnotationId>,
    links_said: Option<&'a str>,
    emphasized: &'a [AnnotationId],
    names: &'a [(LabelId, String)],
}

fn render(text: &str, nodes: &[Node], marking: &Marking) -> Html {
    let Marking {
        selected,
        emphasized,
        names,
        ..
    } = *marking;
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(range) => Html::from(text[range.clone()].to_owned()),
            Node::Mark(mark) => {
                let class = classes!(
                    mark.first.then_some("first"),
                    mark.last.then_some("last"),
                    (selected == Some(&mark.id)).then_some("selected"),
                    emphasized.contains(&mark.id).then_some("linked"),
                );
                // The selected annotation's edges get handles to drag. They hold no
                // text, so the article's text (and every offset) stays exact.
                let is_selected = selected == Some(&mark.id);
                let handle = |edge: &'static str| {
                    html! { <span class="handle" data-handle={edge} data-for={mark.id.to_string()} aria-hidden="true"></span> }
                };
                // A screen reader says "quote" (the label), not "highlight".
                let name = names
                    .iter()
                    .find(|(id, _)| id == &mark.label)
                    .map_or_else(|| mark.label.to_string(), |(_, name)| name.clone());
                html! {
                    <mark
                        data-id={mark.id.to_string()}
                        data-label={mark.label.to_string()}
                        {class}
                        aria-roledescription={name}
                        aria-current={is_selected.then_some("true")}
                        aria-description={is_selected.then_some(marking.links_said).flatten().map(str::to_owned)}
                        style={format!("--depth:{}", mark.depth)}
                    >
                        if is_selected && mark.first { { handle("start") } }
                        { render(text, &mark.children, marking) }
                        if is_selected && mark.last { { handle("end") } }
                    </mark>
                }
            }
        })
        .collect()
}
