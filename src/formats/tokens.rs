//! A plain tokenizer for formats that record token positions (spaCy/Prodigy):
//! runs of letters, digits and combining marks are tokens, and so is every other
//! character that is not white space. Consumers re-tokenize with their own rules;
//! these positions are for readers that want them.

/// Token spans `(start, end)` in code points.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    let mut word_start = None;
    for (index, c) in text.chars().enumerate() {
        let in_word = c.is_alphanumeric() || is_mark(c);
        match (in_word, word_start) {
            (true, None) => word_start = Some(index),
            (true, Some(_)) => {}
            (false, start) => {
                if let Some(start) = start {
                    tokens.push((start, index));
                    word_start = None;
                }
                if !c.is_whitespace() {
                    tokens.push((index, index + 1));
                }
            }
        }
    }
    if let Some(start) = word_start {
        tokens.push((start, text.chars().count()));
    }
    tokens
}

/// Combining marks (Arabic vowel signs, accents typed apart) belong to their word.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x200C | 0x200D | 0xFE00..=0xFE0F)
}

/// The index of the token holding code point `at`, or of the nearest before it.
pub fn token_at(tokens: &[(usize, usize)], at: usize) -> usize {
    match tokens.binary_search_by(|&(start, _)| start.cmp(&at)) {
        Ok(index) => index,
        Err(index) => index.saturating_sub(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_are_tokens() {
        let text = "Iraq's 😀 said: مرحبا";
        let tokens: Vec<String> = tokenize(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(tokens, ["Iraq", "'", "s", "😀", "said", ":", "مرحبا"]);
        let spans = tokenize(text);
        assert_eq!(token_at(&spans, 0), 0);
        assert_eq!(token_at(&spans, 2), 0);
        assert_eq!(token_at(&spans, 9), 4);
    }
}
