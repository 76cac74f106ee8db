//! Edits of a document's text, and what they do to offsets: `apply` makes a
//! list of edits and returns an `EditMap` that carries every span across;
//! `compose` folds a second list into a first, so a document cleaned up twice
//! still keeps one list of edits from its original text (`Original`).
//!
//! Offsets are code points, as everywhere in the model.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Replace code points `start..end` of a text by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "text")]
    pub replacement: String,
}

/// The text a document had before it was edited, and the edits (in that text's
/// offsets) that turn it into the current one: anyone can replay them to check
/// what was changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Original {
    pub text: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("edit {index} ends before it starts or past the end of the text")]
    OutOfRange { index: usize },
    #[error("edit {index} overlaps or precedes the one before it")]
    OutOfOrder { index: usize },
}

/// Checks that `edits` are in order, apart, and inside a text of `len` code points.
pub fn check(edits: &[TextEdit], len: usize) -> Result<(), EditError> {
    let mut previous_end = 0;
    for (index, edit) in edits.iter().enumerate() {
        if edit.start > edit.end || edit.end > len {
            return Err(EditError::OutOfRange { index });
        }
        if edit.start < previous_end {
            return Err(EditError::OutOfOrder { index });
        }
        previous_end = edit.end;
    }
    Ok(())
}

/// Makes `edits` (in order, apart). Returns the new text and the map from old
/// offsets to new.
pub fn apply(text: &str, edits: &[TextEdit]) -> Result<(String, EditMap), EditError> {
    let mut out = String::with_capacity(text.len());
    let mut lengths = Vec::with_capacity(edits.len());
    let mut chars = text.chars();
    let mut at = 0;
    let mut len = 0;
    for (index, edit) in edits.iter().enumerate() {
        if edit.start > edit.end {
            return Err(EditError::OutOfRange { index });
        }
        if edit.start < at {
            return Err(EditError::OutOfOrder { index });
        }
        out.extend(chars.by_ref().take(edit.start - at));
        let skipped = chars.by_ref().take(edit.end - edit.start).count();
        len += edit.start - at + skipped;
        if len < edit.end {
            return Err(EditError::OutOfRange { index });
        }
        out.push_str(&edit.replacement);
        lengths.push((edit.start, edit.end, edit.replacement.chars().count()));
        at = edit.end;
    }
    out.extend(chars);
    Ok((out, EditMap::from_edits(lengths)))
}

/// A text as pieces of an original: kept ranges of it, and inserted text.
enum Piece {
    Keep(usize, usize),
    Insert(String),
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Keep(start, end) => end - start,
            Piece::Insert(text) => text.chars().count(),
        }
    }

    /// The part from `from` to `to` (offsets within the piece).
    fn part(&self, from: usize, to: usize) -> Piece {
        match self {
            Piece::Keep(start, _) => Piece::Keep(start + from, start + to),
            Piece::Insert(text) => Piece::Insert(text.chars().skip(from).take(to - from).collect()),
        }
    }
}

/// The edits of a text of `original_len` code points that do what `first` and
/// then `second` (in the offsets `first` made) do.
pub fn compose(original_len: usize, first: &[TextEdit], second: &[TextEdit]) -> Vec<TextEdit> {
    // The text after `first`, as pieces of the original.
    let mut pieces = Vec::new();
    let mut at = 0;
    for edit in first {
        if edit.start > at {
            pieces.push(Piece::Keep(at, edit.start));
        }
        if !edit.replacement.is_empty() {
            pieces.push(Piece::Insert(edit.replacement.clone()));
        }
        at = edit.end;
    }
    if at < original_len {
        pieces.push(Piece::Keep(at, original_len));
    }
    // `second` applied to those pieces.
    let mut result: Vec<Piece> = Vec::new();
    let mut pieces = pieces.into_iter();
    // The piece being read, how far into it, and its start in the middle text.
    let mut current: Option<(Piece, usize)> = pieces.next().map(|p| (p, 0));
    let mut position = 0;
    // Copies (or skips) the middle text up to `until`.
    let mut advance = |until: usize,
                       copy: bool,
                       current: &mut Option<(Piece, usize)>,
                       result: &mut Vec<Piece>| {
        while position < until {
            let Some((piece, offset)) = current.as_mut() else {
                return;
            };
            let available = piece.len() - *offset;
            let step = available.min(until - position);
            if copy {
                result.push(piece.part(*offset, *offset + step));
            }
            *offset += step;
            position += step;
            if *offset == piece.len() {
                *current = pieces.next().map(|p| (p, 0));
            }
        }
    };
    for edit in second {
        advance(edit.start, true, &mut current, &mut result);
        advance(edit.end, false, &mut current, &mut result);
        if !edit.replacement.is_empty() {
            result.push(Piece::Insert(edit.replacement.clone()));
        }
    }
    advance(usize::MAX, true, &mut current, &mut result);
    // The pieces as edits of the original.
    let mut edits = Vec::new();
    let mut at = 0;
    let mut pending = String::new();
    for piece in result {
        match piece {
            Piece::Insert(text) => pending.push_str(&text),
            Piece::Keep(start, end) => {
                if start > at || !pending.is_empty() {
                    edits.push(TextEdit {
                        start: at,
                        end: start,
                        replacement: std::mem::take(&mut pending),
                    });
                }
                at = end;
            }
        }
    }
    if at < original_len || !pending.is_empty() {
        edits.push(TextEdit {
            start: at,
            end: original_len,
            replacement: pending,
        });
    }
    edits
}

/// How offsets of the text before `apply` map to offsets after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditMap {
    /// (start, end, replacement length) in the old text, in order.
    edits: Vec<(usize, usize, usize)>,
    /// How far the text before each edit has moved (new − old offset).
    shifts: Vec<isize>,
}

/// Where an annotation went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    To(usize, usize),
    /// It lay wholly in removed text.
    Removed,
}

impl EditMap {
    /// The map of edits given as (start, end, replacement length) in the old
    /// text, in order and not overlapping (as `edits` returns them).
    pub fn from_edits(edits: Vec<(usize, usize, usize)>) -> EditMap {
        let mut map = EditMap::default();
        for (start, end, len) in edits {
            let shift = map.shifts.last().copied().unwrap_or(0)
                + map
                    .edits
                    .last()
                    .map_or(0, |&(s, e, l)| l as isize - (e - s) as isize);
            map.edits.push((start, end, len));
            map.shifts.push(shift);
        }
        map
    }

    /// The edits, as `from_edits` takes them (what crosses to the worker and back).
    pub fn edits(&self) -> &[(usize, usize, usize)] {
        &self.edits
    }

    /// The new offset of old offset `at` that is not inside an edit; inside one,
    /// the start (`after == false`) or end of what replaced it.
    fn point(&self, at: usize, after: bool) -> usize {
        // The edits that start at or before `at` (binary search: a megabyte has
        // tens of thousands of them).
        let count = self.edits.partition_point(|&(start, _, _)| start <= at);
        let shift = |index: usize| self.shifts.get(index).copied().unwrap_or(0);
        let moved = |offset: usize, by: isize| (offset as isize + by) as usize;
        match count.checked_sub(1).map(|i| (i, self.edits[i])) {
            // At an edit's start, before it: unmoved by it.
            Some((i, (start, end, _))) if at == start && !after && start < end => {
                moved(at, shift(i))
            }
            // Inside an edit: its start or the end of its replacement.
            Some((i, (start, end, len))) if at < end || (at == end && start == end) => {
                let base = moved(start, shift(i));
                if after {
                    base + len
                } else {
                    base
                }
            }
            Some((i, (start, end, len))) => {
                moved(at, shift(i) + len as isize - (end - start) as isize)
            }
            None => at,
        }
    }

    /// Carries a span across: an edge inside a removed range moves to where the
    /// kept text resumes; a span wholly removed is `Removed`.
    pub fn span(&self, start: usize, end: usize) -> Moved {
        // The edit holding `start`, if any.
        let holding = self
            .edits
            .partition_point(|&(s, _, _)| s <= start)
            .checked_sub(1)
            .map(|i| self.edits[i])
            .filter(|&(s, e, _)| s <= start && start < e);
        if holding.is_some_and(|(_, e, len)| len == 0 && end <= e) {
            return Moved::Removed;
        }
        // A span starting inside a replaced run keeps its start at the run.
        let new_start = match holding {
            Some((_, _, len)) if len > 0 => self.point(start, false),
            _ => self.point(start, true),
        };
        let new_end = self.point(end, false);
        if new_start < new_end {
            Moved::To(new_start, new_end)
        } else {
            Moved::Removed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edit(start: usize, end: usize, replacement: &str) -> TextEdit {
        TextEdit {
            start,
            end,
            replacement: replacement.to_owned(),
        }
    }

    #[test]
    fn apply_makes_the_edits_and_refuses_bad_ones() {
        let (text, _) = apply("ab\ncd  e", &[edit(2, 3, " "), edit(5, 7, " ")]).unwrap();
        assert_eq!(text, "ab cd e");
        assert_eq!(
            apply("abc", &[edit(1, 9, "")]),
            Err(EditError::OutOfRange { index: 0 })
        );
        assert_eq!(
            apply("abcdef", &[edit(2, 4, ""), edit(3, 5, "")]),
            Err(EditError::OutOfOrder { index: 1 })
        );
        assert_eq!(
            check(&[edit(2, 4, ""), edit(3, 5, "")], 6),
            Err(EditError::OutOfOrder { index: 1 })
        );
        assert_eq!(
            check(&[edit(0, 7, "")], 6),
            Err(EditError::OutOfRange { index: 0 })
        );
        assert_eq!(check(&[edit(0, 1, ""), edit(1, 2, "x")], 6), Ok(()));
    }

    #[test]
    fn composing_two_clean_ups_gives_one_list_from_the_original() {
        let original = "Site\nHead line\nwrapped\ntext";
        let first = vec![edit(0, 5, ""), edit(22, 23, " ")];
        let (middle, _) = apply(original, &first).unwrap();
        assert_eq!(middle, "Head line\nwrapped text");
        let second = vec![edit(9, 10, "\n\n")];
        let (last, _) = apply(&middle, &second).unwrap();
        let composed = compose(original.chars().count(), &first, &second);
        assert_eq!(apply(original, &composed).unwrap().0, last);
        assert_eq!(
            composed,
            vec![edit(0, 5, ""), edit(14, 15, "\n\n"), edit(22, 23, " ")]
        );
    }

    fn edits_of(len: usize) -> impl Strategy<Value = Vec<TextEdit>> {
        proptest::collection::vec((0..=len, 0usize..4, "[a-zé😀 \n]{0,3}"), 0..6).prop_map(
            move |mut raw| {
                raw.sort_by_key(|r| r.0);
                let mut edits: Vec<TextEdit> = Vec::new();
                let mut at = 0;
                for (start, width, replacement) in raw {
                    let start = start.max(at);
                    let end = (start + width).min(len);
                    if start > len {
                        continue;
                    }
                    edits.push(edit(start, end, &replacement));
                    at = end;
                }
                edits
            },
        )
    }

    /// A text, edits of it, and edits of what those made.
    fn two_rounds() -> impl Strategy<Value = (String, Vec<TextEdit>, Vec<TextEdit>)> {
        "[a-cé😀 \\n]{0,24}"
            .prop_flat_map(|text| {
                let len = text.chars().count();
                (Just(text), edits_of(len))
            })
            .prop_flat_map(|(text, first)| {
                let middle = apply(&text, &first).unwrap().0.chars().count();
                (Just(text), Just(first), edits_of(middle))
            })
    }

    proptest! {
        #[test]
        fn composed_edits_do_what_both_lists_did((original, first, second) in two_rounds()) {
            let len = original.chars().count();
            prop_assert!(check(&first, len).is_ok());
            let (middle, _) = apply(&original, &first).unwrap();
            let (last, _) = apply(&middle, &second).unwrap();
            let composed = compose(len, &first, &second);
            prop_assert!(check(&composed, len).is_ok());
            prop_assert_eq!(apply(&original, &composed).unwrap().0, last);
        }
    }
}
