//! Conversions between the three ways of counting a position in a text:
//! Unicode code points (what the model and every export use), UTF-16 code units
//! (what the browser's DOM and JavaScript strings use) and UTF-8 bytes (what Rust
//! slices use). This is the only module that converts between them.
//!
//! Conversion is O(1) plus a scan of at most [`CHECKPOINT_EVERY`] characters, so a
//! megabyte of text costs a table of a few tens of kilobytes, not a full index.

/// Code points between two checkpoints. Small enough that a scan is cheap,
/// large enough that the table stays a few percent of the text.
const CHECKPOINT_EVERY: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Checkpoint {
    byte: u32,
    utf16: u32,
}

/// Positions of every [`CHECKPOINT_EVERY`]th code point of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    checkpoints: Vec<Checkpoint>,
    len_chars: usize,
    len_utf16: usize,
    /// All-ASCII texts convert by identity; most English articles are.
    ascii: bool,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        assert!(
            text.len() <= u32::MAX as usize,
            "texts are limited far below 4 GiB on load"
        );
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        let mut utf16 = 0usize;
        let mut len_chars = 0usize;
        if !ascii {
            checkpoints.reserve(text.len() / CHECKPOINT_EVERY + 1);
            for (index, (byte, ch)) in text.char_indices().enumerate() {
                if index % CHECKPOINT_EVERY == 0 {
                    checkpoints.push(Checkpoint {
                        byte: byte as u32,
                        utf16: utf16 as u32,
                    });
                }
                utf16 += ch.len_utf16();
                len_chars += 1;
            }
        } else {
            len_chars = text.len();
            utf16 = text.len();
        }
        OffsetMap {
            checkpoints,
            len_chars,
            len_utf16: utf16,
            ascii,
        }
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Length of the text in UTF-16 code units (JavaScript's `length`).
    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    /// Byte offset of code point `char_index` (clamped to the end of the text).
    pub fn char_to_byte(&self, text: &str, char_index: usize) -> usize {
        if char_index >= self.len_chars {
            return text.len();
        }
        if self.ascii {
            return char_index;
        }
        let checkpoint = self.checkpoints[char_index / CHECKPOINT_EVERY];
        let from = checkpoint.byte as usize;
        let skip = char_index % CHECKPOINT_EVERY;
        text[from..]
            .char_indices()
            .nth(skip)
            .map_or(text.len(), |(byte, _)| from + byte)
    }

    /// UTF-16 offset of code point `char_index` (clamped to the end of the text).
    pub fn char_to_utf16(&self, text: &str, char_index: usize) -> usize {
        if char_index >= self.len_chars {
            return self.len_utf16;
        }
        if self.ascii {
            return char_index;
        }
        let checkpoint = self.checkpoints[char_index / CHECKPOINT_EVERY];
        let skip = char_index % CHECKPOINT_EVERY;
        let scanned: usize = text[checkpoint.byte as usize..]
            .chars()
            .take(skip)
            .map(char::len_utf16)
            .sum();
        checkpoint.utf16 as usize + scanned
    }

    /// Code point index of UTF-16 offset `utf16_index`. An offset between the two
    /// halves of a surrogate pair (which a browser never reports for a selection)
    /// rounds down to the start of that character. Clamped to the end of the text.
    pub fn utf16_to_char(&self, text: &str, utf16_index: usize) -> usize {
        if utf16_index >= self.len_utf16 {
            return self.len_chars;
        }
        if self.ascii {
            return utf16_index;
        }
        // The last checkpoint at or before the wanted offset.
        let slot = self
            .checkpoints
            .partition_point(|c| c.utf16 as usize <= utf16_index)
            - 1;
        let checkpoint = self.checkpoints[slot];
        let mut utf16 = checkpoint.utf16 as usize;
        let mut chars = slot * CHECKPOINT_EVERY;
        for ch in text[checkpoint.byte as usize..].chars() {
            let next = utf16 + ch.len_utf16();
            if next > utf16_index {
                break;
            }
            utf16 = next;
            chars += 1;
        }
        chars
    }

    /// Code point index of byte offset `byte_index`, which must be a char boundary.
    pub fn byte_to_char(&self, text: &str, byte_index: usize) -> usize {
        if self.ascii {
            return byte_index.min(self.len_chars);
        }
        let slot = self
            .checkpoints
            .partition_point(|c| c.byte as usize <= byte_index)
            .max(1)
            - 1;
        let from = self.checkpoints[slot].byte as usize;
        slot * CHECKPOINT_EVERY + text[from..byte_index.min(text.len())].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference implementations: slow, obviously right.
    fn utf16_of(text: &str, chars: usize) -> usize {
        text.chars().take(chars).map(char::len_utf16).sum()
    }

    fn check(text: &str) {
        let map = OffsetMap::new(text);
        assert_eq!(map.len_chars(), text.chars().count());
        assert_eq!(map.len_utf16(), text.encode_utf16().count());
        for (chars, (byte, _)) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
            .enumerate()
        {
            assert_eq!(map.char_to_byte(text, chars), byte, "byte of char {chars}");
            assert_eq!(map.byte_to_char(text, byte), chars, "char of byte {byte}");
            let utf16 = utf16_of(text, chars);
            assert_eq!(map.char_to_utf16(text, chars), utf16, "utf16 of {chars}");
            assert_eq!(
                map.utf16_to_char(text, utf16),
                chars,
                "char of utf16 {utf16}"
            );
        }
    }

    #[test]
    fn ascii_is_identity() {
        check("Lloyd Austin said the attacks \"need to stop\".");
    }

    #[test]
    fn astral_emoji_take_two_utf16_units() {
        let text = "a😀b";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_to_utf16(text, 2), 3);
        assert_eq!(map.utf16_to_char(text, 3), 2);
        // Between the halves of the surrogate pair: rounds down to the emoji.
        assert_eq!(map.utf16_to_char(text, 2), 1);
        check(text);
    }

    #[test]
    fn zwj_sequences_arabic_combining_marks_and_cjk() {
        check("👩‍👩‍👧‍👦 family, 🇮🇶 flag");
        check("قالت وزارة الخارجية العراقية إن الهجمات «يجب أن تتوقف»");
        check("e\u{301}te\u{301} — Zalgo: z\u{35b}\u{33f}a\u{311}");
        check("美国国防部长奥斯汀说𠜎𠜱𠝹");
    }

    #[test]
    fn long_text_crosses_many_checkpoints() {
        let text = "é😀ab".repeat(100);
        check(&text);
    }

    #[test]
    fn out_of_range_clamps_to_the_end() {
        let text = "😀😀";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_to_utf16(text, 99), 4);
        assert_eq!(map.utf16_to_char(text, 99), 2);
        assert_eq!(map.char_to_byte(text, 99), text.len());
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            " ",
            "\n",
            "é",
            "e\u{301}",
            "😀",
            "👩‍👩‍👧",
            "ق",
            "ال",
            "美",
            "𠜎",
            "\u{200d}",
            "🇮🇶",
        ]);
        prop::collection::vec(pieces, 0..400).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn every_position_round_trips(text in mixed_text()) {
            check(&text);
        }

        #[test]
        fn utf16_to_char_never_exceeds_length(text in mixed_text(), at in 0usize..2000) {
            let map = OffsetMap::new(&text);
            let chars = map.utf16_to_char(&text, at);
            prop_assert!(chars <= map.len_chars());
            prop_assert!(map.char_to_utf16(&text, chars) <= at.max(map.len_utf16()));
        }
    }
}
