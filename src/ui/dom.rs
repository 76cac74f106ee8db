//! The few things the app reads from or does to the DOM directly, outside Yew's
//! rendering: where the user's selection is, scrolling to a highlight, and
//! downloading a file (the caret is `caret`'s).
//!
//! Offsets leave this module in UTF-16 code units, as the DOM counts them; they are
//! converted to code points by `model::offsets`, never here.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, Node, Range};

/// Where each rendered block starts, in UTF-16 units; set by the article component.
pub const BLOCK_START_ATTRIBUTE: &str = "data-start16";

/// The user's selection inside `article`, as UTF-16 offsets into the article text.
/// A selection that only partly overlaps the article is clipped to it; `None` when
/// there is no selection, it is collapsed, or it lies wholly outside.
pub fn selection_in(article: &Element, text_len_utf16: usize) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    if !range.intersects_node(article).unwrap_or(false) {
        return None;
    }
    let start_node = range.start_container().ok()?;
    let end_node = range.end_container().ok()?;
    let start = if article.contains(Some(&start_node)) {
        offset_of(article, &start_node, range.start_offset().ok()?)?
    } else {
        0
    };
    let end = if article.contains(Some(&end_node)) {
        offset_of(article, &end_node, range.end_offset().ok()?)?
    } else {
        text_len_utf16
    };
    (start < end).then_some((start, end))
}

/// The UTF-16 offset of a DOM boundary point inside the article: the enclosing
/// block's start plus the length of the text between that start and the point.
fn offset_of(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    let (origin, base) = match enclosing_block(node) {
        Some(block) => {
            let base = block
                .get_attribute(BLOCK_START_ATTRIBUTE)
                .and_then(|s| s.parse::<usize>().ok())?;
            (Node::from(block), base)
        }
        // A point between blocks (on the article element itself).
        None => (Node::from(article.clone()), 0),
    };
    let range = Range::new().ok()?;
    range.set_start(&origin, 0).ok()?;
    range.set_end(node, offset).ok()?;
    let length = range.to_string().length() as usize;
    Some(base + length)
}

fn enclosing_block(node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(element) => element.clone(),
        None => node.parent_element()?,
    };
    element
        .closest(&format!("[{BLOCK_START_ATTRIBUTE}]"))
        .ok()?
}

thread_local! {
    /// Made once: a word segmenter for the user's locale, if the browser has one.
    static WORD_SEGMENTER: Option<js_sys::Intl::Segmenter> = word_segmenter();
}

fn word_segmenter() -> Option<js_sys::Intl::Segmenter> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    if !js_sys::Reflect::has(&intl, &"Segmenter".into()).unwrap_or(false) {
        return None;
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"granularity".into(), &"word".into()).ok()?;
    Some(js_sys::Intl::Segmenter::new(
        &js_sys::Array::new(),
        &options,
    ))
}

/// The word-like segment of `text` (per the browser's Unicode word segmenter, so
/// any script) that holds UTF-16 unit `at`, as a UTF-16 range; `None` for spaces
/// and punctuation, or where `Intl.Segmenter` does not exist.
pub fn word_at(text: &str, at: u32) -> Option<(u32, u32)> {
    let segmenter = WORD_SEGMENTER.with(Clone::clone)?;
    let segment = segmenter.segment(text).containing(at)?;
    if segment.is_word_like() != Some(true) {
        return None;
    }
    let start = segment.index();
    Some((start, start + segment.segment().length()))
}

/// Shows where a dragged handle would put an edge: selects from `anchor` (the
/// edge that stays) to the text under the pointer, if that is in the article.
pub fn select_to_point(article: &Element, anchor: &Element, x: i32, y: i32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(caret) = document.caret_position_from_point(x as f32, y as f32) else {
        return;
    };
    let Some(node) = caret.offset_node() else {
        return;
    };
    // Only text counts: a point on a handle itself would select nothing useful.
    if !article.contains(Some(&node)) || node.node_type() != Node::TEXT_NODE {
        return;
    }
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.set_base_and_extent(anchor, 0, &node, caret.offset());
    }
}

/// Removes the text selection, so a fresh highlight is seen, not the selection.
pub fn clear_selection() {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
}

/// Scrolls the first mark of an annotation into view and flashes it.
pub fn reveal_annotation(article: &Element, id: &str) {
    let selector = format!("mark[data-id=\"{}\"]", css_escape(id));
    let Ok(Some(mark)) = article.query_selector(&selector) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_behavior(web_sys::ScrollBehavior::Smooth);
    mark.scroll_into_view_with_scroll_into_view_options(&options);
    let Ok(marks) = article.query_selector_all(&selector) else {
        return;
    };
    for index in 0..marks.length() {
        if let Some(element) = marks
            .item(index)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        {
            // Removing, reflowing and re-adding restarts the CSS animation.
            let _ = element.class_list().remove_1("flash");
            let _ = element.offset_width();
            let _ = element.class_list().add_1("flash");
        }
    }
}

/// Ids are ours or come from imported files; quote them for a CSS selector.
fn css_escape(id: &str) -> String {
    id.chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// Offers `contents` to the user as a download named `file_name`.
pub fn download(file_name: &str, mime_type: &str, contents: &str) -> Result<(), String> {
    offer(
        file_name,
        gloo_file::Blob::new_with_options(contents, Some(mime_type)),
    )
}

/// Offers bytes (a .zip) as a download.
pub fn download_bytes(file_name: &str, mime_type: &str, contents: &[u8]) -> Result<(), String> {
    offer(
        file_name,
        gloo_file::Blob::new_with_options(contents, Some(mime_type)),
    )
}

fn offer(file_name: &str, blob: gloo_file::Blob) -> Result<(), String> {
    let url = gloo_file::ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; keep it a while.
    gloo_timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Resolves in a later task, after the browser has run what is queued (Yew's
/// render and effects among it).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A document id unlikely to collide even across tabs: time plus randomness.
pub fn new_document_id() -> String {
    let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    format!("d{}{}", to_base36(now_ms()), to_base36(random))
}

fn to_base36(mut value: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

/// A stretch of text to write: bytes `start..end`, in an element `tag` (none:
/// plain text) with `class` and `title`. `line_end`: it ends with a line break
/// that stays one, where a block of the preview may end.
pub struct Marked {
    pub start: usize,
    pub end: usize,
    pub tag: &'static str,
    pub class: &'static str,
    pub title: String,
    pub line_end: bool,
}

/// Replaces what `container` holds by `text`, its stretches marked as `marks`
/// say (in order, covering the text). Text goes in as text nodes only. The text
/// is cut into blocks of a few thousand characters at line ends, which the page
/// lays out only when they scroll into view (`content-visibility`); the
/// container's text is still exactly `text`.
pub fn write_marked(container: &Element, text: &str, marks: &[Marked]) {
    const BLOCK_BYTES: usize = 4_000;
    let Some(document) = container.owner_document() else {
        return;
    };
    let new_block = || {
        let block = document.create_element("div").ok()?;
        block.set_class_name("preview-block");
        Some(block)
    };
    let fragment = document.create_document_fragment();
    let Some(mut block) = new_block() else {
        return;
    };
    let mut block_start = 0;
    for mark in marks {
        let part = text.get(mark.start..mark.end).unwrap_or_default();
        let node = document.create_text_node(part);
        if mark.tag.is_empty() {
            let _ = block.append_child(&node);
        } else if let Ok(element) = document.create_element(mark.tag) {
            element.set_class_name(mark.class);
            let _ = element.set_attribute("title", &mark.title);
            let _ = element.append_child(&node);
            let _ = block.append_child(&element);
        }
        if mark.line_end && mark.end - block_start >= BLOCK_BYTES {
            let _ = fragment.append_child(&block);
            let Some(next) = new_block() else { return };
            block = next;
            block_start = mark.end;
        }
    }
    let _ = fragment.append_child(&block);
    container.set_text_content(None);
    let _ = container.append_child(&fragment);
}

/// True when `assets/register-sw.js` has a new version waiting.
pub fn update_waiting() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::get(&w, &"marginaliaUpdate".into()).is_ok_and(|f| f.is_function())
    })
}

/// Switches to the waiting new version: the page reloads once it has taken over.
pub fn apply_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(update) = js_sys::Reflect::get(&window, &"marginaliaUpdate".into()) {
        if let Some(update) = update.dyn_ref::<js_sys::Function>() {
            let _ = update.call0(&window);
        }
    }
}

/// The text node and offset at UTF-16 offset `at` of the article's text.
fn point_at(article: &Element, at: usize) -> Option<(Node, u32)> {
    Blocks::of(article)?.point(at)
}

/// The article's blocks with the offsets they start at, read once, so many
/// points (thousands of suggestions) cost a binary search each, not a scan.
struct Blocks {
    starts: Vec<usize>,
    nodes: Vec<Node>,
}

impl Blocks {
    fn of(article: &Element) -> Option<Blocks> {
        let list = article
            .query_selector_all(&format!("[{BLOCK_START_ATTRIBUTE}]"))
            .ok()?;
        let mut blocks = Blocks {
            starts: Vec::new(),
            nodes: Vec::new(),
        };
        for index in 0..list.length() {
            let Some(node) = list.item(index) else {
                continue;
            };
            let start = node
                .dyn_ref::<Element>()
                .and_then(|e| e.get_attribute(BLOCK_START_ATTRIBUTE))
                .and_then(|s| s.parse::<usize>().ok());
            if let Some(start) = start {
                blocks.starts.push(start);
                blocks.nodes.push(node);
            }
        }
        Some(blocks)
    }

    /// The text node and offset in it at UTF-16 offset `at` of the article.
    fn point(&self, at: usize) -> Option<(Node, u32)> {
        let index = self
            .starts
            .partition_point(|&start| start <= at)
            .checked_sub(1)?;
        let (block, start) = (self.nodes[index].clone(), self.starts[index]);
        let mut remaining = (at - start) as u32;
        let mut last = None;
        let mut stack = vec![block];
        // Depth first, in document order: the text nodes as they read.
        while let Some(node) = stack.pop() {
            if node.node_type() == Node::TEXT_NODE {
                let length = node.text_content().map_or(0, |t| t.encode_utf16().count()) as u32;
                if remaining <= length {
                    return Some((node, remaining));
                }
                remaining -= length;
                last = Some((node, length));
                continue;
            }
            let children = node.child_nodes();
            for index in (0..children.length()).rev() {
                if let Some(child) = children.item(index) {
                    stack.push(child);
                }
            }
        }
        last
    }
}

/// Selects UTF-16 offsets `start..end` of the article's text and scrolls them
/// into view, as if the user had dragged over them.
pub fn select_in_article(article: &Element, start: usize, end: usize) {
    let (Some((start_node, start_offset)), Some((end_node, end_offset))) =
        (point_at(article, start), point_at(article, end))
    else {
        return;
    };
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return;
    };
    let _ = selection.set_base_and_extent(&start_node, start_offset, &end_node, end_offset);
    if let Ok(range) = selection.get_range_at(0) {
        center_range(article, &range);
    }
}

/// Scrolls so that `range` (in the article) sits mid-screen. Twice: blocks off
/// screen have an estimated height until they are laid out.
fn center_range(article: &Element, range: &Range) {
    for _ in 0..2 {
        let rect = range.get_bounding_client_rect();
        let scroller = article
            .closest(".page")
            .ok()
            .flatten()
            .filter(|page| page.scroll_height() > page.client_height());
        match scroller {
            Some(page) => {
                let top = page.get_bounding_client_rect().top();
                let offset = rect.top() - top - f64::from(page.client_height()) / 2.0;
                page.set_scroll_top(page.scroll_top() + offset as i32);
            }
            None => {
                if let Some(window) = web_sys::window() {
                    let height = window
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    window.scroll_by_with_x_and_y(0.0, rect.top() - height / 2.0);
                }
            }
        }
    }
}

/// Marks a find's match (UTF-16 offsets of the article's text) with the CSS
/// highlight `find-match` and scrolls to it; `None` clears the mark. A
/// highlight, not the selection: the find box keeps the focus meanwhile.
pub fn show_match(article: &Element, found: Option<(usize, usize)>) {
    let range = found.and_then(|(start, end)| range_in(article, start, end));
    set_highlight("find-match", range.iter());
    if let Some(range) = range {
        center_range(article, &range);
    }
}

/// Marks suggestions (UTF-16 offsets) with the CSS highlight `suggestion`, and
/// the one being looked at with `suggestion-current`, scrolled to when
/// `reveal`. Highlights, not elements: the article's text is left alone.
pub fn show_suggestions(
    article: &Element,
    all: &[(usize, usize)],
    current: Option<(usize, usize)>,
    reveal: bool,
) {
    let Some(blocks) = Blocks::of(article) else {
        return;
    };
    let ranges: Vec<Range> = all
        .iter()
        .filter_map(|&(start, end)| range_between(blocks.point(start)?, blocks.point(end)?))
        .collect();
    set_highlight("suggestion", ranges.iter());
    let current = current.and_then(|(start, end)| range_in(article, start, end));
    set_highlight("suggestion-current", current.iter());
    if let (Some(range), true) = (current, reveal) {
        center_range(article, &range);
    }
}

/// A DOM range over UTF-16 offsets of the article's text.
fn range_in(article: &Element, start: usize, end: usize) -> Option<Range> {
    range_between(point_at(article, start)?, point_at(article, end)?)
}

fn range_between(
    (start_node, start_offset): (Node, u32),
    (end_node, end_offset): (Node, u32),
) -> Option<Range> {
    let range = Range::new().ok()?;
    range.set_start(&start_node, start_offset).ok()?;
    range.set_end(&end_node, end_offset).ok()?;
    Some(range)
}

/// Sets the CSS highlight `name` to these ranges (none: removes it).
fn set_highlight<'a>(name: &str, ranges: impl Iterator<Item = &'a Range>) {
    let Some(highlights) = css_highlights() else {
        return;
    };
    let _ = call_method(&highlights, "delete", &[name.into()]);
    let ranges: js_sys::Array = ranges.collect();
    if ranges.length() == 0 {
        return;
    }
    let Ok(constructor) = js_sys::Reflect::get(&js_sys::global(), &"Highlight".into()) else {
        return;
    };
    let Some(constructor) = constructor.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let Ok(highlight) = js_sys::Reflect::construct(constructor, &ranges) else {
        return;
    };
    let _ = call_method(&highlights, "set", &[name.into(), highlight]);
}

/// `CSS.highlights`, where the browser has the Custom Highlight API.
fn css_highlights() -> Option<JsValue> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let highlights = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    (!highlights.is_undefined()).then_some(highlights)
}

fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let method = js_sys::Reflect::get(target, &name.into()).ok()?;
    let method = method.dyn_ref::<js_sys::Function>()?;
    let args: js_sys::Array = args.iter().collect();
    method.apply(target, &args).ok()
}
