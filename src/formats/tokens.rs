//! Tokens for formats that carry them (spaCy/Prodigy JSONL), made so that a
//! consumer can rebuild the exact text from them (`Doc(words, spaces)` in spaCy)
//! and every span starts and ends on a token edge (`doc.char_span` finds it):
//! runs of letters and digits, single other characters, and runs of white space
//! are tokens, split wherever a span begins or ends; a single space after a token
//! is its trailing `ws`, as spaCy records it.

/// A token: code points `start..end`, and whether one space follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub ws: bool,
}

#[derive(PartialEq)]
enum Kind {
    Word,
    Space,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_alphanumeric() || is_mark(c) {
        Kind::Word
    } else if c.is_whitespace() {
        Kind::Space
    } else {
        Kind::Other
    }
}

/// Combining marks (Arabic vowel signs, accents typed apart) belong to their word.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x200C | 0x200D | 0xFE00..=0xFE0F)
}

/// Tokens of `chars`, split at every span start in `starts` and end in `ends`.
pub fn tokenize(chars: &[char], starts: &[usize], ends: &[usize]) -> Vec<Token> {
    // Marks per position, so each test is O(1) however many spans there are.
    let mark = |offsets: &[usize]| {
        let mut marks = vec![false; chars.len() + 2];
        for &at in offsets {
            if let Some(mark) = marks.get_mut(at) {
                *mark = true;
            }
        }
        marks
    };
    let (is_start, is_end) = (mark(starts), mark(ends));
    let at = |marks: &[bool], i: usize| marks.get(i).copied().unwrap_or(false);
    let edge = |i: usize| at(&is_start, i) || at(&is_end, i);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let first = kind(chars[i]);
        let mut end = i + 1;
        if first != Kind::Other {
            while end < chars.len() && kind(chars[end]) == first && !edge(end) {
                end += 1;
            }
        }
        // One space after a word or mark is its `ws`, unless a span begins at the
        // space or ends just after it (then the space must be a token of its own).
        let ws = first != Kind::Space
            && chars.get(end) == Some(&' ')
            && !at(&is_start, end)
            && !at(&is_end, end + 1);
        tokens.push(Token { start: i, end, ws });
        i = if ws { end + 1 } else { end };
    }
    tokens
}

/// The index of the token starting at `at`, or holding it.
pub fn token_at(tokens: &[Token], at: usize) -> usize {
    match tokens.binary_search_by(|t| t.start.cmp(&at)) {
        Ok(index) => index,
        Err(index) => index.saturating_sub(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str, tokens: &[Token]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokens
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn words_punctuation_and_other_white_space_are_tokens() {
        let text = "Iraq's 😀 said:\r\n  مرحبا";
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(&chars, &[], &[]);
        assert_eq!(
            texts(text, &tokens),
            ["Iraq", "'", "s", "😀", "said", ":", "\r\n  ", "مرحبا"]
        );
        assert!(tokens[2].ws && !tokens[5].ws);
    }

    #[test]
    fn spans_split_tokens_so_they_align() {
        let text = "外交部发言人说 ok";
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(&chars, &[0, 6], &[6, 7]);
        assert_eq!(texts(text, &tokens), ["外交部发言人", "说", "ok"]);
        assert_eq!(token_at(&tokens, 6), 1);
    }

    proptest! {
        /// The text comes back from the tokens and their spaces, and every span
        /// edge is a token edge.
        #[test]
        fn tokens_rebuild_the_text_and_meet_every_span(
            text in "[a-c \\n,😀ب]{0,30}",
            cuts in proptest::collection::vec((0usize..31, 0usize..31), 0..4),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let spans: Vec<(usize, usize)> = cuts
                .into_iter()
                .map(|(a, b)| (a.min(b).min(chars.len()), a.max(b).min(chars.len())))
                .filter(|(s, e)| s < e)
                .collect();
            let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
            let ends: Vec<usize> = spans.iter().map(|s| s.1).collect();
            let tokens = tokenize(&chars, &starts, &ends);
            let rebuilt: String = tokens
                .iter()
                .map(|t| chars[t.start..t.end].iter().collect::<String>() + if t.ws { " " } else { "" })
                .collect();
            prop_assert_eq!(rebuilt, text);
            for (s, e) in spans {
                prop_assert!(tokens.iter().any(|t| t.start == s));
                prop_assert!(tokens.iter().any(|t| t.end == e));
            }
        }
    }
}
