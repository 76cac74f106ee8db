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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
