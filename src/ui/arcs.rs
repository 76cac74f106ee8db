//! The links the model picks (`model::link_arcs`) drawn as arcs over the
//! article, from the first line of one highlight to the first line of the
//! other. The SVG sits inside the article, so it scrolls with the text; it is
//! drawn again when the links, the text's highlights or the article's size
//! change. Decorative only (aria-hidden): the Details panel and each
//! highlight's description say the same in words.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomRect, Element};
use yew::prelude::*;

use crate::model::link_arcs::{Arc, ArcEnd};

const SVG: &str = "http://www.w3.org/2000/svg";

/// Draws `arcs` in the article's `.link-arcs` SVG, replacing what was there.
pub fn draw(article: &Element, arcs: &[Arc]) {
    let (Ok(Some(svg)), Some(document)) = (
        article.query_selector(":scope > .link-arcs"),
        article.owner_document(),
    ) else {
        return;
    };
    while let Some(child) = svg.first_child() {
        let _ = svg.remove_child(&child);
    }
    if arcs.is_empty() {
        return;
    }
    let _ = svg.append_child(&arrow_marker(&document));
    let origin = article.get_bounding_client_rect();
    for arc in arcs {
        let (Some(from), Some(to)) = (first_line(article, &arc.from), first_line(article, &arc.to))
        else {
            continue;
        };
        let x1 = from.left() + from.width() / 2.0 - origin.left();
        let y1 = from.top() - origin.top();
        let x2 = to.left() + to.width() / 2.0 - origin.left();
        let y2 = to.top() - origin.top();
        // Higher for ends further apart, so arcs between neighbours stay low and
        // long ones clear the lines between.
        let rise = (12.0 + (x2 - x1).abs() * 0.12 + (y2 - y1).abs() * 0.2).min(64.0);
        let top = y1.min(y2) - rise;
        let d = format!(
            "M {} {} C {} {} {} {} {} {}",
            px(x1),
            px(y1),
            px(x1),
            px(top),
            px(x2),
            px(top),
            px(x2),
            px(y2)
        );
        let Ok(path) = document.create_element_ns(Some(SVG), "path") else {
            continue;
        };
        let class = match arc.end {
            ArcEnd::Cue => "arc arc-cue",
            ArcEnd::Source => "arc arc-source",
        };
        let _ = path.set_attribute("class", class);
        let _ = path.set_attribute("d", &d);
        let _ = path.set_attribute("data-from", arc.from.as_str());
        let _ = path.set_attribute("data-to", arc.to.as_str());
        if arc.end == ArcEnd::Source {
            let _ = path.set_attribute("marker-end", "url(#arc-arrow)");
        }
        let _ = svg.append_child(&path);
    }
}

/// Whole pixels: formatting floats would pull 14 KB of tables into the app.
fn px(value: f64) -> i32 {
    value.round() as i32
}

/// The box of the first line of an annotation's first highlight.
fn first_line(article: &Element, id: &crate::model::ids::AnnotationId) -> Option<DomRect> {
    let selector = format!("mark[data-id=\"{}\"]", id.as_str().replace(['"', '\\'], ""));
    let mark = article.query_selector(&selector).ok()??;
    let rect = mark.get_client_rects().get(0)?;
    (rect.height() > 0.0).then_some(rect)
}

fn arrow_marker(document: &Document) -> Element {
    let make = |tag: &str| {
        document
            .create_element_ns(Some(SVG), tag)
            .expect("SVG elements can be made")
    };
    let defs = make("defs");
    let marker = make("marker");
    for (name, value) in [
        ("id", "arc-arrow"),
        ("viewBox", "0 0 8 8"),
        ("refX", "7"),
        ("refY", "4"),
        ("markerWidth", "7"),
        ("markerHeight", "7"),
        ("orient", "auto-start-reverse"),
    ] {
        let _ = marker.set_attribute(name, value);
    }
    let head = make("path");
    let _ = head.set_attribute("d", "M 0 0 L 8 4 L 0 8 z");
    let _ = head.set_attribute("class", "arc-head");
    let _ = marker.append_child(&head);
    let _ = defs.append_child(&marker);
    defs
}

/// Keeps the arcs drawn: after each render that changes them or the document
/// (`revision`), and whenever the article changes size.
#[hook]
pub fn use_link_arcs(article_ref: NodeRef, arcs: Rc<Vec<Arc>>, revision: u64) {
    let current = use_mut_ref(|| Rc::new(Vec::new()));
    {
        let (article_ref, current) = (article_ref.clone(), current.clone());
        use_effect_with((arcs, revision), move |(arcs, _)| {
            *current.borrow_mut() = arcs.clone();
            if let Some(article) = article_ref.cast::<Element>() {
                draw(&article, arcs);
            }
        });
    }
    use_effect_with((), move |_| {
        let article = article_ref.cast::<Element>();
        let redraw = {
            let article = article.clone();
            move || {
                if let Some(article) = &article {
                    draw(article, &current.borrow());
                }
            }
        };
        let on_resize = Closure::<dyn Fn()>::new(redraw);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(article)) = (&observer, &article) {
            observer.observe(article);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(on_resize);
        }
    });
}
