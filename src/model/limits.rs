//! Every size a user's file can set, bounded in one place. A file past a limit is
//! refused with a message naming the limit, before it can exhaust time or memory;
//! everything within the limits is read in time and memory linear in its size.
//!
//! The figures are far above real work (a news article has tens of annotations,
//! a corpus thousands of documents) and far below what would freeze a browser tab.

/// Bytes of one import file (a JSON, JSONL, `.ann`, `.zip`, …).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;
/// Labels in a schema, the file's and the project's together.
pub const MAX_LABELS: usize = 1_000;
/// Annotations in one document.
pub const MAX_ANNOTATIONS: usize = 250_000;
/// Links in one document.
pub const MAX_RELATIONS: usize = 250_000;
/// Documents in one import (all its files together).
pub const MAX_DOCUMENTS: usize = 100_000;
/// Annotations that cover one character: deeper nesting draws nothing a person
/// could read and makes the article's markup as deep.
pub const MAX_NESTING: usize = 64;
/// Files in one `.zip` or folder.
pub const MAX_ARCHIVE_MEMBERS: usize = 100_000;
/// Bytes one archive member, and a whole archive, may unpack to.
pub const MAX_MEMBER_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_ARCHIVE_BYTES: u64 = 256 * 1024 * 1024;

/// The most annotations covering any one character, for spans `(start, end)`.
/// O(n log n).
pub fn deepest_nesting(spans: impl Iterator<Item = (usize, usize)>) -> (usize, usize) {
    // Sweep over edges: an end at x sorts before a start at x (ends are exclusive).
    let mut edges: Vec<(usize, bool)> = spans
        .flat_map(|(start, end)| [(start, true), (end, false)])
        .collect();
    edges.sort_unstable();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    for (offset, opens) in edges {
        if opens {
            depth += 1;
            if depth > deepest {
                deepest = depth;
                at = offset;
            }
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    (deepest, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_spans_over_one_character() {
        assert_eq!(deepest_nesting([].into_iter()), (0, 0));
        // Touching spans do not overlap.
        assert_eq!(deepest_nesting([(0, 5), (5, 9)].into_iter()), (1, 0));
        assert_eq!(
            deepest_nesting([(0, 10), (2, 8), (3, 4), (8, 9)].into_iter()),
            (3, 3)
        );
    }
}
