use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::model::document::Document;
use crate::model::ids::AnnotationId;
use crate::model::layout::{self, BlockSpan, Node};
use crate::ui::dom::BLOCK_START_ATTRIBUTE;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub document: Document,
    pub selected: Option<AnnotationId>,
    /// Annotations to show as linked: those of the selected one, or of the source
    /// under the pointer.
    pub emphasized: Rc<Vec<AnnotationId>>,
    /// A link is being made: sources invite a click.
    pub linking: bool,
    pub node_ref: NodeRef,
    /// A highlight was clicked (`Some`), or plain text was (`None`).
    pub on_select: Callback<Option<AnnotationId>>,
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
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |event: MouseEvent| {
            // A drag that selected text is not a click on a highlight.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if selecting {
                return;
            }
            let mark = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("mark[data-id]").ok().flatten());
            on_select.emit(
                mark.and_then(|m| m.get_attribute("data-id"))
                    .map(|id| AnnotationId::new(&id)),
            );
        })
    };
    let onkeydown = props.on_key.reform(|e: KeyboardEvent| e);
    let onmouseover = props.on_hover_source.reform(|event: MouseEvent| {
        event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("mark[data-label=\"source\"]").ok().flatten())
            .and_then(|m| m.get_attribute("data-id"))
            .map(|id| AnnotationId::new(&id))
    });
    let onmouseleave = props.on_hover_source.reform(|_: MouseEvent| None);
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
            <Block key={index} text={block.text.clone()} start_utf16={block.start_utf16} spans={Rc::new(spans)} {selected} {emphasized} />
        }
    });
    html! {
        <article
            ref={props.node_ref.clone()}
            class={classes!("article", props.linking.then_some("is-linking"))}
            aria-label="Article"
            tabindex="0"
            {onclick}
            {onkeydown}
            {onmouseover}
            {onmouseleave}
        >{ for rendered }</article>
    }
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    text: Rc<str>,
    start_utf16: usize,
    spans: Rc<Vec<BlockSpan>>,
    selected: Option<AnnotationId>,
    emphasized: Vec<AnnotationId>,
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
    block.add_child(render(
        &props.text,
        &nodes,
        props.selected.as_ref(),
        &props.emphasized,
    ));
    block.into()
}

fn render(
    text: &str,
    nodes: &[Node],
    selected: Option<&AnnotationId>,
    emphasized: &[AnnotationId],
) -> Html {
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
                html! {
                    <mark
                        data-id={mark.id.to_string()}
                        data-label={mark.label.to_string()}
                        {class}
                        style={format!("--depth:{}", mark.depth)}
                    >{ render(text, &mark.children, selected, emphasized) }</mark>
                }
            }
        })
        .collect()
}
