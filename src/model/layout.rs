//! How an article is cut up for rendering, computed without a browser.
//!
//! The text is split into blocks of a few thousand characters, so one change
//! re-renders one block rather than a megabyte of text. Within a block, overlapping
//! annotations become properly nested marks: an annotation that crosses another's
//! edge is split into fragments, and each fragment knows whether it holds the
//! annotation's first or last character.

use std::ops::Range;
use std::rc::Rc;

use super::document::{Annotation, ArticleText};
use super::ids::{AnnotationId, LabelId};

/// Blocks are cut at a line end once they reach this many characters…
const BLOCK_SOFT_LIMIT: usize = 1500;
/// …and at any whitespace (or anywhere) once they reach this many.
const BLOCK_HARD_LIMIT: usize = 4000;

/// A run of the article, rendered as one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Code point offsets of the block in the document.
    pub start: usize,
    pub end: usize,
    /// UTF-16 offset of the block's start, which the browser layer adds to offsets
    /// it measures inside the block.
    pub start_utf16: usize,
    pub text: Rc<str>,
}

/// Cuts a text into blocks that together are exactly the text.
pub fn split_blocks(text: &ArticleText) -> Vec<Block> {
    let source = text.as_str();
    let mut blocks = Vec::new();
    let (mut block_start_byte, mut block_start_char, mut block_start_utf16) = (0, 0, 0);
    let mut chars_in_block = 0;
    let mut last_space_cut: Option<(usize, usize, usize)> = None;
    let mut utf16 = 0;
    let mut char_index = 0;
    let push = |blocks: &mut Vec<Block>, from: (usize, usize, usize), to: (usize, usize)| {
        blocks.push(Block {
            start: from.1,
            end: to.1,
            start_utf16: from.2,
            text: source[from.0..to.0].into(),
        });
    };
    for (byte, ch) in source.char_indices() {
        let next_byte = byte + ch.len_utf8();
        utf16 += ch.len_utf16();
        char_index += 1;
        chars_in_block += 1;
        if ch.is_whitespace() {
            last_space_cut = Some((next_byte, char_index, utf16));
        }
        let cut = if ch == '\n' && chars_in_block >= BLOCK_SOFT_LIMIT {
            Some((next_byte, char_index, utf16))
        } else if chars_in_block >= BLOCK_HARD_LIMIT {
            Some(last_space_cut.unwrap_or((next_byte, char_index, utf16)))
        } else {
            None
        };
        if let Some((cut_byte, cut_char, cut_utf16)) = cut {
            push(
                &mut blocks,
                (block_start_byte, block_start_char, block_start_utf16),
                (cut_byte, cut_char),
            );
            block_start_byte = cut_byte;
            block_start_char = cut_char;
            block_start_utf16 = cut_utf16;
            chars_in_block = char_index - cut_char;
            last_space_cut = None;
        }
    }
    if block_start_byte < source.len() || blocks.is_empty() {
        push(
            &mut blocks,
            (block_start_byte, block_start_char, block_start_utf16),
            (source.len(), char_index),
        );
    }
    blocks
}

/// An annotation as seen from inside one block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockSpan {
    pub id: AnnotationId,
    pub label: LabelId,
    /// Code point offsets relative to the block start, clipped to the block.
    pub start: usize,
    pub end: usize,
    /// False when the annotation began in an earlier block.
    pub starts_here: bool,
    /// False when the annotation goes on into a later block.
    pub ends_here: bool,
}

/// For each block, the annotations that overlap it, in document order.
pub fn spans_by_block(blocks: &[Block], annotations: &[Annotation]) -> Vec<Vec<BlockSpan>> {
    let mut per_block = vec![Vec::new(); blocks.len()];
    for annotation in annotations {
        let first = blocks.partition_point(|block| block.end <= annotation.start);
        for (index, block) in blocks.iter().enumerate().skip(first) {
            if block.start >= annotation.end {
                break;
            }
            per_block[index].push(BlockSpan {
                id: annotation.id.clone(),
                label: annotation.label.clone(),
                start: annotation.start.max(block.start) - block.start,
                end: annotation.end.min(block.end) - block.start,
                starts_here: annotation.start >= block.start,
                ends_here: annotation.end <= block.end,
            });
        }
    }
    per_block
}

/// A piece of a block's rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Plain text: a byte range of the block's text.
    Text(Range<usize>),
    Mark(MarkNode),
}

/// One fragment of an annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkNode {
    pub id: AnnotationId,
    pub label: LabelId,
    /// How many marks enclose this one; drawing offsets underlines by it.
    pub depth: usize,
    /// This fragment holds the annotation's first character.
    pub first: bool,
    /// This fragment holds the annotation's last character.
    pub last: bool,
    pub children: Vec<Node>,
}

struct OpenMark {
    span: usize,
    first: bool,
    children: Vec<Node>,
}

/// Nests a block's spans into marks; splits a span only where it crosses another.
pub fn layout_block(text: &str, spans: &[BlockSpan]) -> Vec<Node> {
    let mut boundaries: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let len_chars = text.chars().count();
    boundaries.extend([0, len_chars]);
    boundaries.sort_unstable();
    boundaries.dedup();
    let offsets = byte_offsets_of(text, &boundaries);
    let byte_at = |chars: usize| offsets[boundaries.binary_search(&chars).expect("a boundary")];

    // Spans by start; at equal starts the longer opens first so it encloses the other.
    let mut by_start: Vec<usize> = (0..spans.len()).collect();
    by_start.sort_by_key(|&i| (spans[i].start, std::cmp::Reverse(spans[i].end), i));
    let mut next_to_open = by_start.iter().peekable();

    let mut root: Vec<Node> = Vec::new();
    let mut open: Vec<OpenMark> = Vec::new();
    let mut position = 0usize;

    for (boundary_index, &boundary) in boundaries.iter().enumerate() {
        if boundary > position {
            let range = byte_at(position)..byte_at(boundary);
            current_children(&mut root, &mut open).push(Node::Text(range));
            position = boundary;
        }
        // Close every mark that ends here, and reopen the marks above it that go on.
        if let Some(lowest) = open.iter().position(|m| spans[m.span].end == boundary) {
            let mut reopen = Vec::new();
            while open.len() > lowest {
                let mark = open.pop().expect("stack is longer than lowest");
                let span = &spans[mark.span];
                let ends = span.end == boundary;
                let node = Node::Mark(MarkNode {
                    id: span.id.clone(),
                    label: span.label.clone(),
                    depth: open.len(),
                    first: mark.first,
                    last: ends && span.ends_here,
                    children: mark.children,
                });
                current_children(&mut root, &mut open).push(node);
                if !ends {
                    reopen.push(mark.span);
                }
            }
            for span in reopen.into_iter().rev() {
                open.push(OpenMark {
                    span,
                    first: false,
                    children: Vec::new(),
                });
            }
        }
        while let Some(&&span) = next_to_open.peek() {
            if spans[span].start != boundary {
                break;
            }
            next_to_open.next();
            if spans[span].end == boundary {
                continue; // Empty after clipping; nothing to draw.
            }
            open.push(OpenMark {
                span,
                first: spans[span].starts_here,
                children: Vec::new(),
            });
        }
        debug_assert!(boundary_index < boundaries.len());
    }
    debug_assert!(
        open.is_empty(),
        "every span ends at or before the block end"
    );
    root
}

fn current_children<'a>(root: &'a mut Vec<Node>, open: &'a mut [OpenMark]) -> &'a mut Vec<Node> {
    match open.last_mut() {
        Some(mark) => &mut mark.children,
        None => root,
    }
}

/// Byte offsets of the given (sorted) code point offsets, in one pass over the
/// text: `result[i]` belongs to `sorted_chars[i]`. (A vector, not a hash map: a
/// map instantiation costs kilobytes of WebAssembly.)
fn byte_offsets_of(text: &str, sorted_chars: &[usize]) -> Vec<usize> {
    let mut result = Vec::with_capacity(sorted_chars.len());
    let mut wanted = sorted_chars.iter().peekable();
    for (char_index, (byte, _)) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .enumerate()
    {
        while let Some(&&want) = wanted.peek() {
            if want > char_index {
                break;
            }
            result.push(byte);
            wanted.next();
        }
    }
    result
}

/// Rows rendered beyond each edge of a virtual list's view, so fast scrolling shows no gaps.
const OVERSCAN_ROWS: usize = 6;

/// Which rows of a virtual list of `count` rows, each `row_height` high, to render
/// when scrolled to `scroll_top` with a view `view_height` high.
/// Pixels are whole numbers, as the DOM reports them.
pub fn visible_rows(
    scroll_top: u32,
    view_height: u32,
    row_height: u32,
    count: usize,
) -> Range<usize> {
    let row_height = row_height.max(1) as usize;
    let (top, bottom) = (
        scroll_top as usize,
        scroll_top as usize + view_height as usize,
    );
    let first = (top / row_height).saturating_sub(OVERSCAN_ROWS);
    let end = (bottom.div_ceil(row_height) + OVERSCAN_ROWS).min(count);
    first.min(end)..end
}

/// Entries in lists show at most this much of an annotation's text.
const EXCERPT_CHARS: usize = 160;

/// An annotation's text for a one-glance list entry: whitespace flattened to spaces,
/// long texts cut with an ellipsis.
pub fn excerpt(text: &str) -> String {
    let mut flat: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        flat.push('…');
    }
    flat
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_rows_cover_the_view_and_the_overscan() {
        assert_eq!(visible_rows(0, 720, 72, 5000), 0..16);
        assert_eq!(visible_rows(7200, 720, 72, 5000), 94..116);
        assert_eq!(visible_rows(7201, 720, 72, 5000), 94..117);
        assert_eq!(visible_rows(0, 720, 72, 3), 0..3);
        assert_eq!(visible_rows(99_999, 720, 72, 3), 3..3);
    }

    #[test]
    fn excerpts_flatten_whitespace_and_mark_cuts() {
        assert_eq!(excerpt("a\nb\tc"), "a b c");
        let long = "x".repeat(EXCERPT_CHARS + 5);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert!(excerpt(&long).ends_with('…'));
        assert_eq!(
            excerpt(&"y".repeat(EXCERPT_CHARS)),
            "y".repeat(EXCERPT_CHARS)
        );
    }

    fn span(id: &str, start: usize, end: usize) -> BlockSpan {
        BlockSpan {
            id: AnnotationId::new(id),
            label: LabelId::new("claim"),
            start,
            end,
            starts_here: true,
            ends_here: true,
        }
    }

    /// Renders nodes as `[id|text]`, with `…` where a fragment is not the first/last.
    fn render(text: &str, nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|node| match node {
                Node::Text(range) => text[range.clone()].to_owned(),
                Node::Mark(mark) => format!(
                    "[{}{}{}|{}]",
                    if mark.first { "" } else { "…" },
                    mark.id,
                    if mark.last { "" } else { "…" },
                    render(text, &mark.children)
                ),
            })
            .collect()
    }

    fn check(text: &str, spans: &[BlockSpan], expected: &str) {
        assert_eq!(render(text, &layout_block(text, spans)), expected);
    }

    #[test]
    fn plain_text_is_one_node() {
        check("hello", &[], "hello");
    }

    #[test]
    fn nested_spans_nest_without_splitting() {
        check(
            "Austin said they need to stop.",
            &[span("claim", 0, 30), span("quote", 17, 29)],
            "[claim|Austin said they [quote|need to stop].]",
        );
    }

    #[test]
    fn crossing_spans_split_the_inner_one() {
        check(
            "abcdefgh",
            &[span("x", 0, 5), span("y", 3, 8)],
            "[x|abc[y…|de]][…y|fgh]",
        );
    }

    #[test]
    fn same_start_puts_the_longer_outside() {
        check(
            "abcdef",
            &[span("short", 0, 2), span("long", 0, 6)],
            "[long|[short|ab]cdef]",
        );
    }

    #[test]
    fn identical_ranges_both_render() {
        check("abc", &[span("p", 0, 3), span("q", 0, 3)], "[p|[q|abc]]");
    }

    #[test]
    fn multibyte_text_is_cut_on_code_points() {
        check("😀ab«قال»", &[span("q", 3, 8)], "😀ab[q|«قال»]");
    }

    #[test]
    fn fragments_of_spans_that_cross_blocks_are_not_first_or_last() {
        let mut continuing = span("q", 0, 2);
        continuing.starts_here = false;
        continuing.ends_here = false;
        check("ab", &[continuing], "[…q…|ab]");
    }

    #[test]
    fn blocks_cover_the_text_exactly_and_cut_at_line_ends() {
        let paragraph = format!("{}\n", "word ".repeat(400));
        let text = ArticleText::new(paragraph.repeat(5) + "😀 tail");
        let blocks = split_blocks(&text);
        assert!(blocks.len() >= 5);
        let joined: String = blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(joined, text.as_str());
        for pair in blocks.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(pair[0].text.ends_with('\n'));
        }
        let last = blocks.last().unwrap();
        assert_eq!(last.end, text.len_chars());
        assert_eq!(
            last.start_utf16,
            text.offsets().char_to_utf16(text.as_str(), last.start)
        );
    }

    #[test]
    fn text_without_line_ends_is_cut_at_spaces() {
        let text = ArticleText::new("abc ".repeat(3000));
        let blocks = split_blocks(&text);
        assert!(blocks
            .iter()
            .all(|b| b.text.chars().count() <= BLOCK_HARD_LIMIT));
        assert!(blocks[..blocks.len() - 1]
            .iter()
            .all(|b| b.text.ends_with(' ')));
        let joined: String = blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(joined, text.as_str());
    }

    #[test]
    fn empty_text_is_one_empty_block() {
        let blocks = split_blocks(&ArticleText::new(String::new()));
        assert_eq!(blocks.len(), 1);
        assert_eq!(&*blocks[0].text, "");
    }

    #[test]
    fn spans_are_clipped_to_each_block_they_touch() {
        let text = ArticleText::new(format!("{}\n", "x".repeat(1600)).repeat(3));
        let blocks = split_blocks(&text);
        assert_eq!(blocks.len(), 3);
        let long = Annotation {
            id: AnnotationId::new("a1"),
            label: LabelId::new("claim"),
            start: 1000,
            end: 3500,
        };
        let per_block = spans_by_block(&blocks, &[long]);
        let summary: Vec<_> = per_block
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| (s.start, s.end, s.starts_here, s.ends_here))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                vec![(1000, 1601, true, false)],
                vec![(0, 1601, false, false)],
                vec![(0, 298, false, true)]
            ]
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Concatenating all text under the marks gives back the block text, and
        /// each span's fragments cover exactly its range.
        fn flatten(
            text: &str,
            nodes: &[Node],
            covering: &mut Vec<String>,
            out: &mut Vec<(String, Vec<String>)>,
        ) {
            for node in nodes {
                match node {
                    Node::Text(range) => {
                        out.push((text[range.clone()].to_owned(), covering.clone()))
                    }
                    Node::Mark(mark) => {
                        covering.push(mark.id.to_string());
                        flatten(text, &mark.children, covering, out);
                        covering.pop();
                    }
                }
            }
        }

        proptest! {
            #[test]
            fn layout_preserves_text_and_coverage(
                text in "[a-c😀ق ]{1,40}",
                raw in prop::collection::vec((0usize..40, 0usize..40), 0..8),
            ) {
                let len = text.chars().count();
                let spans: Vec<BlockSpan> = raw.iter().enumerate().filter_map(|(i, &(a, b))| {
                    let (s, e) = (a.min(b).min(len), a.max(b).min(len));
                    (s < e).then(|| span(&format!("s{i}"), s, e))
                }).collect();
                let nodes = layout_block(&text, &spans);
                let mut pieces = Vec::new();
                flatten(&text, &nodes, &mut Vec::new(), &mut pieces);
                let joined: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
                prop_assert_eq!(&joined, &text);
                let mut offset = 0;
                for (piece, covering) in &pieces {
                    let piece_len = piece.chars().count();
                    for s in &spans {
                        let inside = s.start <= offset && offset + piece_len <= s.end;
                        prop_assert_eq!(covering.contains(&s.id.to_string()), inside);
                    }
                    offset += piece_len;
                }
            }
        }
    }
}
