//! Snapping a new span to whole words. Where words begin and end comes from a
//! Unicode word segmenter (the browser's `Intl.Segmenter`, so every script is
//! covered); this module only decides how the span grows.

use std::ops::Range;

/// Widens `start..end` (code points) so it neither starts nor ends inside a word.
/// `word_at_start` is the word holding code point `start`; `word_at_end` the word
/// holding `end - 1`; `None` where that character is not part of a word (space,
/// punctuation). A span never shrinks.
pub fn snap_to_words(
    start: usize,
    end: usize,
    word_at_start: Option<Range<usize>>,
    word_at_end: Option<Range<usize>>,
) -> (usize, usize) {
    let start = word_at_start
        .filter(|word| word.contains(&start))
        .map_or(start, |word| word.start);
    let end = word_at_end
        .filter(|word| end > 0 && word.contains(&(end - 1)))
        .map_or(end, |word| word.end.max(end));
    (start, end)
}

/// Where a span goes when the handle on one of its edges is dropped. `span` is
/// the annotation's `(start, end)`; `exact` is the extent from the edge that
/// stayed to the drop point, and `snapped` that extent grown to whole words (the
/// same when snapping is off). The edge that stayed keeps its exact offset; the
/// moved one takes the snapped one, and may pass the other (then they swap).
pub fn dragged_span(
    span: (usize, usize),
    moving_start: bool,
    exact: (usize, usize),
    snapped: (usize, usize),
) -> (usize, usize) {
    let fixed = if moving_start { span.1 } else { span.0 };
    if exact.0 == fixed {
        (fixed, snapped.1)
    } else {
        (snapped.0, fixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_dragged_edge_snaps_and_the_other_stays_exact() {
        // "the ministry said", quote 4..12 ("ministry"): the end handle dropped
        // inside "said" (at 15) grows the quote to "ministry said".
        assert_eq!(dragged_span((4, 12), false, (4, 15), (4, 17)), (4, 17));
        // The start handle dropped inside "the" (at 1): the start snaps to 0.
        assert_eq!(dragged_span((4, 12), true, (1, 12), (0, 12)), (0, 12));
        // The start handle dragged past the end: the old end becomes the start.
        assert_eq!(dragged_span((4, 12), true, (12, 15), (12, 17)), (12, 17));
    }

    #[test]
    fn a_span_inside_words_grows_to_their_edges() {
        // "the ministry said": selecting "inistry sa" gives "ministry said".
        assert_eq!(snap_to_words(5, 15, Some(4..12), Some(13..17)), (4, 17));
        // Already on word edges: unchanged.
        assert_eq!(snap_to_words(4, 12, Some(4..12), Some(4..12)), (4, 12));
        // Starting on a space or ending on punctuation: nothing to snap there.
        assert_eq!(snap_to_words(3, 13, None, None), (3, 13));
    }

    #[test]
    fn words_that_do_not_hold_the_edges_are_ignored() {
        assert_eq!(snap_to_words(5, 9, Some(0..3), Some(10..12)), (5, 9));
        assert_eq!(snap_to_words(0, 0, None, Some(0..3)), (0, 0));
    }

    proptest! {
        #[test]
        fn snapping_only_ever_grows_a_span_to_the_words_given(
            start in 0usize..100, len in 1usize..50, a in 0usize..100, b in 0usize..100,
        ) {
            let end = start + len;
            let word = a.min(b)..a.max(b) + 1;
            let (s, e) = snap_to_words(start, end, Some(word.clone()), Some(word.clone()));
            prop_assert!(s <= start && e >= end);
            prop_assert!(s == start || s == word.start);
            prop_assert!(e == end || e == word.end);
        }
    }
}
