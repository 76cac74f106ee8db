//! Finding text in the article from the keyboard, and growing a selection to
//! the end of what it starts: `/` + a few words + `]` + a label key tags a
//! quote in a handful of keys. Offsets are code points.

/// The text folded for matching: lower case, any run of white space one space;
/// with, for each folded character, the code point it came from.
fn fold(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (at, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !in_space {
                folded.push(' ');
                origin.push(at);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        // One character for one: `İ` and the like keep their place.
        folded.push(c.to_lowercase().next().unwrap_or(c));
        origin.push(at);
    }
    (folded, origin)
}

/// Where `query` next occurs in `text`, starting at code point `from` and
/// wrapping around to the beginning: (start, end), ignoring case and how much
/// white space separates the words. `None` for an empty query or no match.
pub fn find_next(text: &str, query: &str, from: usize) -> Option<(usize, usize)> {
    let (needle, _) = fold(query.trim());
    if needle.is_empty() {
        return None;
    }
    let (haystack, origin) = fold(text);
    let matches_at = |at: usize| haystack.get(at..at + needle.len()) == Some(&needle[..]);
    let first = origin.partition_point(|&o| o < from);
    let found = (first..haystack.len())
        .chain(0..first)
        .find(|&at| matches_at(at))?;
    let start = origin[found];
    let last = origin[found + needle.len() - 1];
    Some((start, last + 1))
}

/// Every place `query` occurs in `text` (as `find_next` matches), in order and
/// without overlaps, up to `limit`.
pub fn find_all(text: &str, query: &str, limit: usize) -> Vec<(usize, usize)> {
    let (needle, _) = fold(query.trim());
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let (haystack, origin) = fold(text);
    let mut at = 0;
    while at + needle.len() <= haystack.len() && found.len() < limit {
        if haystack[at..at + needle.len()] == needle[..] {
            found.push((origin[at], origin[at + needle.len() - 1] + 1));
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

/// A match with some words either side, on one line, for a list of hits:
/// (before, the match, after), code points `start..end` of `text`.
pub fn in_context(text: &str, start: usize, end: usize) -> (String, String, String) {
    const SIDE: usize = 48;
    let flat = |chars: &[char]| -> String {
        chars
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let from = start.saturating_sub(SIDE);
    let to = (end + SIDE).min(chars.len());
    let mut before = flat(&chars[from..start]);
    let mut after = flat(&chars[end..to]);
    if from > 0 {
        before.insert(0, '…');
    }
    if to < chars.len() {
        after.push('…');
    }
    (before, flat(&chars[start..end.max(start)]), after)
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '‘' | '‹' | '「' | '『')
}

fn closing_quote_for(c: char) -> Option<char> {
    Some(match c {
        '“' | '„' => '”',
        '«' => '»',
        '‘' => '’',
        '‹' => '›',
        '「' => '」',
        '『' => '』',
        '"' => '"',
        _ => return None,
    })
}

/// The end a selection `start..end` grows to: the closing quotation mark when it
/// starts inside a quotation (or at its opening mark), otherwise the end of the
/// sentence (with a closing mark right after it), never past the paragraph.
pub fn extend_to_clause_end(text: &str, start: usize, end: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let paragraph_start = chars[..start]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |at| at + 1);
    let paragraph_end = chars[end..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |at| end + at);
    // The quotation the selection starts in, if any: the last opening mark
    // before it (or at it) not yet closed.
    let mut open: Option<char> = None;
    for &c in &chars[paragraph_start..=start.min(chars.len().saturating_sub(1))] {
        match open {
            Some(o) if closing_quote_for(o) == Some(c) => open = None,
            None if is_opening_quote(c) || c == '"' => open = Some(c),
            _ => {}
        }
    }
    if let Some(closing) = open.and_then(closing_quote_for) {
        let from = end.max(start + 1);
        if let Some(at) = chars[from.min(paragraph_end)..paragraph_end]
            .iter()
            .position(|&c| c == closing)
        {
            return from + at + 1;
        }
    }
    // The sentence's end: a stop followed by white space, a closing mark or the end.
    let from = end.saturating_sub(1).max(start);
    for at in from..paragraph_end {
        if matches!(chars[at], '.' | '!' | '?') {
            let next = chars.get(at + 1).copied();
            let closes = next.is_some_and(|n| matches!(n, '”' | '"' | '»' | '’' | '›'));
            if next.is_none_or(char::is_whitespace) {
                return at + 1;
            }
            if closes {
                return at + 2;
            }
        }
    }
    paragraph_end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, (start, end): (usize, usize)) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn finding_ignores_case_and_line_breaks_and_wraps_around() {
        let text = "Albares said: \"We are\nextremely worried.\" Later, we are calm.";
        let found = find_next(text, "we are EXTREMELY", 0).unwrap();
        assert_eq!(slice(text, found), "We are\nextremely");
        let second = find_next(text, "we are", found.0 + 1).unwrap();
        assert_eq!(slice(text, second), "we are");
        assert!(second.0 > found.0);
        // Past the last one, the first again.
        assert_eq!(
            find_next(text, "we are", second.0 + 1),
            Some((found.0, found.0 + 6))
        );
        assert_eq!(find_next(text, "  ", 0), None);
        assert_eq!(find_next(text, "nowhere", 0), None);
        // Astral characters count one.
        let emoji = "😀 Austin said";
        assert_eq!(find_next(emoji, "austin", 0), Some((2, 8)));
    }

    #[test]
    fn a_selection_grows_to_the_closing_quote_or_the_end_of_the_sentence() {
        let text = "Albares said: \"We are extremely worried by the attacks,\" he said. Then he left.\nNext.";
        let (start, end) = find_next(text, "\"We are", 0).unwrap();
        let grown = extend_to_clause_end(text, start, end);
        assert_eq!(
            slice(text, (start, grown)),
            "\"We are extremely worried by the attacks,\""
        );
        // Inside the quotation, without its opening mark.
        let (start, end) = find_next(text, "We are", 0).unwrap();
        assert_eq!(
            slice(text, (start, extend_to_clause_end(text, start, end))),
            "We are extremely worried by the attacks,\""
        );
        // Outside a quotation: the sentence, not past the paragraph.
        let (start, end) = find_next(text, "Then", 0).unwrap();
        assert_eq!(
            slice(text, (start, extend_to_clause_end(text, start, end))),
            "Then he left."
        );
        let curly = "He said “it is over.” And left";
        let (start, end) = find_next(curly, "“it", 0).unwrap();
        assert_eq!(
            slice(curly, (start, extend_to_clause_end(curly, start, end))),
            "“it is over.”"
        );
        let (start, end) = find_next(curly, "And", 0).unwrap();
        assert_eq!(
            slice(curly, (start, extend_to_clause_end(curly, start, end))),
            "And left"
        );
    }

    #[test]
    fn every_match_is_found_once_with_its_context() {
        let text = "Officials said talks   would begin. OFFICIALS said so.\nOfficials!";
        assert_eq!(find_all(text, "officials said", 10), [(0, 14), (36, 50)],);
        assert_eq!(find_all(text, "talks would", 10), [(15, 28)]);
        assert_eq!(find_all(text, "officials", 2).len(), 2);
        assert!(find_all(text, "  ", 10).is_empty());
        let (before, matched, after) = in_context(text, 15, 28);
        assert_eq!(before, "Officials said ");
        assert_eq!(matched, "talks   would");
        assert_eq!(after, " begin. OFFICIALS said so. Officials!");
    }
}
