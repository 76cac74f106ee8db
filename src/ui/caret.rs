//! Caret browsing in read-only text (the article, the clean-up preview): arrow
//! keys move a caret the user can see, Shift extends the selection from it,
//! Home/End go to the line's ends and Ctrl+Home/End to the text's. The browser
//! keeps the caret as a collapsed DOM selection but draws none outside editable
//! text, so an element of ours is drawn where it is.

use wasm_bindgen::JsCast;
use web_sys::{Document, DomRect, Element, HtmlElement, KeyboardEvent, Node, Range, Selection};
use yew::prelude::*;

/// One caret step, as `Selection.modify` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Motion {
    /// Extend the selection (Shift) rather than move the caret.
    pub extend: bool,
    pub forward: bool,
    pub granularity: &'static str,
}

/// The caret step a key asks for: arrows by character (Ctrl or Alt: by word) or
/// line, Home/End to the line's ends, Ctrl+Home/End to the text's.
pub fn motion(event: &KeyboardEvent) -> Option<Motion> {
    let word = event.ctrl_key() || event.alt_key();
    let (forward, granularity) = match event.key().as_str() {
        "ArrowLeft" => (false, if word { "word" } else { "character" }),
        "ArrowRight" => (true, if word { "word" } else { "character" }),
        "ArrowUp" => (false, "line"),
        "ArrowDown" => (true, "line"),
        "Home" if event.ctrl_key() => (false, TEXT_BOUNDARY),
        "End" if event.ctrl_key() => (true, TEXT_BOUNDARY),
        "Home" => (false, "lineboundary"),
        "End" => (true, "lineboundary"),
        _ => return None,
    };
    Some(Motion {
        extend: event.shift_key(),
        forward,
        granularity,
    })
}

/// Our own granularity: the start or end of the container, not of the page
/// (`Selection.modify`'s "documentboundary" would leave the article).
const TEXT_BOUNDARY: &str = "text";

/// A new caret element, for containers whose content is written directly.
pub fn new_element(document: &Document) -> Option<Element> {
    let caret = document.create_element("span").ok()?;
    caret.set_class_name("caret");
    caret.set_attribute("aria-hidden", "true").ok()?;
    Some(caret)
}

/// The caret element drawn in `container`, if it has one.
pub fn of(container: &Element) -> Option<HtmlElement> {
    container
        .query_selector(":scope > .caret")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// Moves the caret or extends the selection inside `container`, starting at the
/// first line on screen when the selection is elsewhere, and never leaving it.
pub fn step(container: &Element, caret: &HtmlElement, motion: Motion) {
    let Some(selection) = selection() else {
        return;
    };
    if !holds_selection(container, &selection) {
        start_at_first_visible_line(container, &selection);
    }
    let alter = if motion.extend { "extend" } else { "move" };
    let direction = if motion.forward {
        "forward"
    } else {
        "backward"
    };
    if motion.granularity == TEXT_BOUNDARY {
        let end = if motion.forward {
            container.child_nodes().length()
        } else {
            0
        };
        let _ = if motion.extend {
            selection.extend_with_offset(container, end)
        } else {
            selection.collapse_with_offset(Some(container), end)
        };
        if !motion.extend {
            settle_in_text(&selection);
        }
    } else {
        let before = Bounds::of(&selection);
        let _ = selection.modify(alter, direction, motion.granularity);
        // At the container's first or last line, a step would leave it: stay.
        if !selection
            .focus_node()
            .is_some_and(|node| container.contains(Some(&node)))
        {
            if let Some(before) = before {
                before.restore(&selection);
            }
        }
    }
    // The caret element stands where the moving end is (hidden while a range
    // is selected): scrolling it into view keeps that end on screen.
    if draw(container, caret) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        caret.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Puts `caret` at the moving end of the selection in `container`, seen only
/// while the selection is collapsed (a range is drawn by the browser) and
/// `container` has focus (article.css). Returns whether that end is in `container`.
pub fn draw(container: &Element, caret: &HtmlElement) -> bool {
    let place = (|| {
        let selection = selection()?;
        if !holds_selection(container, &selection) {
            return None;
        }
        let at = Range::new().ok()?;
        at.set_start(&selection.focus_node()?, selection.focus_offset())
            .ok()?;
        let rect = caret_rect(&at)?;
        let origin = container.get_bounding_client_rect();
        Some((
            rect.left() - origin.left() + f64::from(container.scroll_left()),
            rect.top() - origin.top() + f64::from(container.scroll_top()),
            rect.height(),
            selection.is_collapsed(),
        ))
    })();
    let style = caret.style();
    let Some((x, y, height, collapsed)) = place else {
        let _ = style.set_property("display", "none");
        return false;
    };
    // Whole pixels: formatting floats would pull 14 KB of tables into the app.
    let px = |value: f64| format!("{}px", value.round() as i32);
    let _ = style.set_property("transform", &format!("translate({}, {})", px(x), px(y)));
    let _ = style.set_property("height", &px(height));
    let _ = style.set_property("display", "block");
    // Seen only while the container has focus (CSS), and restarted so it is on
    // while it moves.
    let classes = caret.class_list();
    let _ = classes.remove_2("blink", "collapsed");
    let _ = caret.offset_width();
    if collapsed {
        let _ = classes.add_2("blink", "collapsed");
    }
    true
}

/// Draws the caret of `container_ref` (its `.caret` child) whenever the selection,
/// focus or window size changes. A keyboard focus with no selection inside puts
/// the caret on the first line on screen, so arrows start from what is seen.
#[hook]
pub fn use_caret(container_ref: NodeRef) {
    use_effect_with((), move |_| {
        let redraw = {
            let container_ref = container_ref.clone();
            move || {
                if let Some(container) = container_ref.cast::<Element>() {
                    if let Some(caret) = of(&container) {
                        draw(&container, &caret);
                    }
                }
            }
        };
        let listeners = document().zip(web_sys::window()).map(|(document, window)| {
            let on_focus = {
                let (container_ref, redraw) = (container_ref.clone(), redraw.clone());
                move |event: &Event| {
                    let Some(container) = container_ref.cast::<Element>() else {
                        return;
                    };
                    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                    if target.as_ref() != Some(&container) {
                        return;
                    }
                    let by_keyboard = container.matches(":focus-visible").unwrap_or(false);
                    if let (true, Some(selection)) = (by_keyboard, selection()) {
                        if !holds_selection(&container, &selection) {
                            start_at_first_visible_line(&container, &selection);
                        }
                    }
                    redraw();
                }
            };
            [
                gloo_events::EventListener::new(&document, "selectionchange", {
                    let redraw = redraw.clone();
                    move |_| redraw()
                }),
                gloo_events::EventListener::new(&window, "resize", move |_| redraw()),
                gloo_events::EventListener::new(&document, "focusin", on_focus),
            ]
        });
        move || drop(listeners)
    });
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn selection() -> Option<Selection> {
    web_sys::window()?.get_selection().ok().flatten()
}

fn holds_selection(container: &Element, selection: &Selection) -> bool {
    selection.range_count() > 0
        && selection
            .focus_node()
            .is_some_and(|node| container.contains(Some(&node)))
}

/// Collapses the selection onto the first text on screen in `container` (its
/// start when none is).
fn start_at_first_visible_line(container: &Element, selection: &Selection) {
    let rect = container.get_bounding_client_rect();
    let padding = web_sys::window()
        .and_then(|w| w.get_computed_style(container).ok().flatten())
        .map(|style| {
            let px = |name: &str| {
                style
                    .get_property_value(name)
                    .ok()
                    .and_then(|v| whole_pixels(&v))
                    .unwrap_or(0.0)
            };
            (px("padding-left"), px("padding-top"))
        })
        .unwrap_or((0.0, 0.0));
    let x = rect.left() + padding.0 + 2.0;
    let y = rect.top().max(0.0) + padding.1.min(rect.bottom().max(0.0)) + 4.0;
    let point = document()
        .and_then(|d| d.caret_position_from_point(x as f32, y as f32))
        .and_then(|caret| Some((caret.offset_node()?, caret.offset())))
        .filter(|(node, _)| container.contains(Some(node)));
    match point {
        Some((node, offset)) => {
            let _ = selection.collapse_with_offset(Some(&node), offset);
        }
        None => {
            let _ = selection.collapse_with_offset(Some(container), 0);
            settle_in_text(selection);
        }
    }
}

/// "12.5px" as 12: parsing floats would pull tables into the app, and a pixel
/// either way does not matter here.
fn whole_pixels(value: &str) -> Option<f64> {
    let digits = value.trim_end_matches("px").split('.').next()?;
    digits.parse::<i32>().ok().map(f64::from)
}

/// A caret between elements has no box to draw at: one step on and back puts it
/// at the same place inside a text node.
fn settle_in_text(selection: &Selection) {
    if selection
        .focus_node()
        .is_some_and(|node| node.node_type() == Node::TEXT_NODE)
    {
        return;
    }
    let _ = selection.modify("move", "forward", "character");
    let _ = selection.modify("move", "backward", "character");
}

/// Where a collapsed range is on screen: its own box, or the edge of the
/// character beside it when the browser gives it none (at a line's start).
fn caret_rect(range: &Range) -> Option<DomRect> {
    let rect = range.get_bounding_client_rect();
    if rect.height() > 0.0 {
        return Some(rect);
    }
    let node = range.start_container().ok()?;
    let offset = range.start_offset().ok()?;
    let length = node.text_content().map_or(0, |t| t.encode_utf16().count()) as u32;
    let probe = range.clone_range();
    if node.node_type() == Node::TEXT_NODE && offset < length {
        probe.set_end(&node, offset + 1).ok()?;
        let next = probe.get_bounding_client_rect();
        let rect = DomRect::new_with_x_and_y_and_width_and_height(
            next.left(),
            next.top(),
            0.0,
            next.height(),
        )
        .ok()?;
        return (rect.height() > 0.0).then_some(rect);
    }
    if node.node_type() == Node::TEXT_NODE && offset > 0 {
        probe.set_start(&node, offset - 1).ok()?;
        let before = probe.get_bounding_client_rect();
        let rect = DomRect::new_with_x_and_y_and_width_and_height(
            before.right(),
            before.top(),
            0.0,
            before.height(),
        )
        .ok()?;
        return (rect.height() > 0.0).then_some(rect);
    }
    None
}

/// The selection's two ends, to put back.
struct Bounds {
    anchor: Node,
    anchor_offset: u32,
    focus: Node,
    focus_offset: u32,
}

impl Bounds {
    fn of(selection: &Selection) -> Option<Bounds> {
        Some(Bounds {
            anchor: selection.anchor_node()?,
            anchor_offset: selection.anchor_offset(),
            focus: selection.focus_node()?,
            focus_offset: selection.focus_offset(),
        })
    }

    fn restore(&self, selection: &Selection) {
        let _ = selection.set_base_and_extent(
            &self.anchor,
            self.anchor_offset,
            &self.focus,
            self.focus_offset,
        );
    }
}
