//! Tagging what the user selected, and moving an edge by its handle: the DOM
//! selection in UTF-16 units becomes code points (`OffsetMap`, the one place
//! units change) and, with word snapping on, grows to whole words
//! (`Intl.Segmenter` finds them, `model::snapping` decides).

use web_sys::Element;
use yew::NodeRef;

use crate::model::document::ArticleText;
use crate::model::ids::{AnnotationId, LabelId};
use crate::model::session::{Action, Session};
use crate::model::snapping::{dragged_span, snap_to_words};
use crate::ui::dom;
use crate::ui::handle::AppHandle;

/// Tags the current selection in the article with `label`.
pub fn tag_selection(handle: &AppHandle, article_ref: &NodeRef, label: LabelId) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let Some(article) = article_ref.cast::<Element>() else {
        return;
    };
    let text = document.text();
    let Some(extent) = dom::selection_in(&article, text.offsets().len_utf16()) else {
        return;
    };
    let (_, (start, end)) = to_code_points(&session, text, extent);
    handle.dispatch.emit(Action::Tag {
        label,
        start,
        end,
        now: dom::now_ms(),
    });
    dom::clear_selection();
}

/// Moves one edge of an annotation to where its handle was dropped: `extent` is
/// the span from the edge that stayed to the drop point, in UTF-16 units.
pub fn resize_by_drag(
    handle: &AppHandle,
    id: AnnotationId,
    moving_start: bool,
    extent: (usize, usize),
) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let Some(annotation) = document.get(&id) else {
        return;
    };
    let (exact, snapped) = to_code_points(&session, document.text(), extent);
    let (start, end) = dragged_span(
        (annotation.start, annotation.end),
        moving_start,
        exact,
        snapped,
    );
    handle.dispatch.emit(Action::Resize {
        id,
        start,
        end,
        now: dom::now_ms(),
    });
}

/// A UTF-16 extent from the DOM in code points: exactly, and grown to whole words
/// if the user snaps to words.
fn to_code_points(
    session: &Session,
    text: &ArticleText,
    (start16, end16): (usize, usize),
) -> ((usize, usize), (usize, usize)) {
    let offsets = text.offsets();
    let start = offsets.utf16_to_char(text.as_str(), start16);
    let end = offsets.utf16_to_char(text.as_str(), end16);
    let snapped = if session.preferences.snap_to_words && start < end {
        snap_to_words(
            start,
            end,
            word_holding(text, start),
            word_holding(text, end - 1),
        )
    } else {
        (start, end)
    };
    ((start, end), snapped)
}

/// The word holding code point `at`, in code points. Only a window around it is
/// given to the segmenter: a megabyte article is not copied per keystroke.
fn word_holding(text: &ArticleText, at: usize) -> Option<std::ops::Range<usize>> {
    const WINDOW: usize = 128;
    let (offsets, all) = (text.offsets(), text.as_str());
    let from = at.saturating_sub(WINDOW);
    let to = (at + WINDOW).min(text.len_chars());
    let window = &all[offsets.char_to_byte(all, from)..offsets.char_to_byte(all, to)];
    let base16 = offsets.char_to_utf16(all, from);
    let at16 = offsets.char_to_utf16(all, at) - base16;
    let (start16, end16) = dom::word_at(window, at16 as u32)?;
    let start = offsets.utf16_to_char(all, base16 + start16 as usize);
    let end = offsets.utf16_to_char(all, base16 + end16 as usize);
    Some(start..end)
}

/// Finds `query` in the open article from code point `from` on, marks the match
/// (`dom::show_match`) and returns it as code points.
pub fn find_in_article(
    handle: &AppHandle,
    article_ref: &NodeRef,
    query: &str,
    from: usize,
) -> Option<(usize, usize)> {
    let session = handle.session();
    let document = session.open()?;
    let article = article_ref.cast::<Element>()?;
    let text = document.text();
    let found = crate::model::find::find_next(text.as_str(), query, from);
    let utf16 = found.map(|(start, end)| {
        let offsets = text.offsets();
        (
            offsets.char_to_utf16(text.as_str(), start),
            offsets.char_to_utf16(text.as_str(), end),
        )
    });
    dom::show_match(&article, utf16);
    found
}

/// Selects code points `start..end` of the open article (a find's match), for
/// a label key to tag.
pub fn select_found(handle: &AppHandle, article: &Element, (start, end): (usize, usize)) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let text = document.text();
    let offsets = text.offsets();
    dom::show_match(article, None);
    dom::select_in_article(
        article,
        offsets.char_to_utf16(text.as_str(), start),
        offsets.char_to_utf16(text.as_str(), end),
    );
}

/// Grows the article's text selection to the closing quotation mark it starts
/// in, or to the end of its sentence.
pub fn extend_selection(handle: &AppHandle, article: &Element) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let text = document.text();
    let offsets = text.offsets();
    let Some((start16, end16)) = dom::selection_in(article, offsets.len_utf16()) else {
        return;
    };
    let all = text.as_str();
    let start = offsets.utf16_to_char(all, start16);
    let end = offsets.utf16_to_char(all, end16);
    let grown = crate::model::find::extend_to_clause_end(all, start, end);
    dom::select_in_article(article, start16, offsets.char_to_utf16(all, grown));
}
