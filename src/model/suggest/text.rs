//! What the suggester reads a text as: words with their offsets, the reporting
//! cues among them, clauses and sentences, and quotations in paired marks.

use std::sync::OnceLock;

/// The cue lexicon: phrases as lists of lower-case words, longest first.
#[derive(Clone, Debug)]
pub struct Lexicon {
    phrases: Vec<Vec<String>>,
    /// The phrases (indices, longest first) by their first word.
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// Ours (`cues.txt`) and the user's own phrases (accepted cues, imported
    /// patterns).
    pub fn with(extra: &[String]) -> Lexicon {
        static BASE: OnceLock<Vec<Vec<String>>> = OnceLock::new();
        let base = BASE.get_or_init(|| {
            include_str!("cues.txt")
                .lines()
                .map(|line| line.split('#').next().unwrap_or("").trim())
                .filter(|line| !line.is_empty())
                .map(phrase)
                .collect()
        });
        let mut phrases = base.clone();
        for extra in extra.iter().map(|p| phrase(p)) {
            if !extra.is_empty() && !phrases.contains(&extra) {
                phrases.push(extra);
            }
        }
        phrases.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
        let mut by_first: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (index, phrase) in phrases.iter().enumerate() {
            by_first.entry(phrase[0].clone()).or_default().push(index);
        }
        Lexicon { phrases, by_first }
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// A phrase as the lexicon keeps it: its words, lower case.
pub fn phrase(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words that end (or start) a speaker's noun phrase.
pub fn is_boundary_word(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "while"
            | "when"
            | "to"
            | "who"
            | "which"
            | "that"
            | "and"
            | "but"
            | "because"
            | "as"
            | "for"
            | "with"
            | "from"
            | "by"
            | "adding"
            | "citing"
            | "also"
            | "however"
            | "earlier"
            | "later"
            | "last"
            | "has"
            | "had"
            | "have"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
    )
}

/// Days and months: when, not who.
pub fn is_date_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
            | "tomorrow"
    )
}

/// Words that make a source an organisation rather than a person.
pub fn is_organisation_word(lower: &str) -> bool {
    matches!(
        lower,
        "ministry"
            | "department"
            | "government"
            | "office"
            | "agency"
            | "police"
            | "company"
            | "council"
            | "committee"
            | "court"
            | "union"
            | "association"
            | "group"
            | "statement"
            | "report"
            | "army"
            | "military"
            | "coalition"
    )
}

pub fn is_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "we" | "i" | "it")
}

pub const SENTENCE_END: &[char] = &['.', '!', '?', '\n'];

/// Whether the mark at `at` ends a sentence: not a full stop that a
/// lower-case word or a digit follows ("timeline... and", "1.5"), nor one after
/// a title ("Dr. Haddad").
pub fn ends_sentence(chars: &[char], at: usize) -> bool {
    let c = chars[at];
    if !SENTENCE_END.contains(&c) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let next = chars[at + 1..]
        .iter()
        .find(|c| !c.is_whitespace() && **c != '.');
    if next.is_some_and(|n| n.is_lowercase() || n.is_ascii_digit() || *n == ',') {
        return false;
    }
    let word: String = chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !matches!(
        word.as_str(),
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Prof"
            | "Sen"
            | "Rep"
            | "Gov"
            | "No"
            | "Jr"
            | "U"
            | "S"
    )
}

/// The words of a text, with the cue phrase (if any) starting at each.
pub struct Words {
    spans: Vec<(usize, usize)>,
    /// Words inside quotations: what was said, never who said it.
    quoted: Vec<bool>,
    lower: Vec<String>,
    capital: Vec<bool>,
    cues: Vec<Option<usize>>,
}

impl Words {
    pub fn new(chars: &[char], lexicon: &Lexicon, quotes: &[(usize, usize)]) -> Words {
        let mut spans = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            if chars[at].is_alphanumeric() {
                let start = at;
                while at < chars.len()
                    && (chars[at].is_alphanumeric()
                        || (matches!(chars[at], '\'' | '’' | '-')
                            && chars.get(at + 1).is_some_and(|c| c.is_alphanumeric())))
                {
                    at += 1;
                }
                spans.push((start, at));
            } else {
                at += 1;
            }
        }
        let lower: Vec<String> = spans
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect::<String>().to_lowercase())
            .collect();
        let capital = spans
            .iter()
            .map(|&(s, _)| chars[s].is_uppercase())
            .collect();
        // A capitalised cue word inside a sentence is a name ("United States").
        let sentence_start = |start: usize| {
            chars[..start]
                .iter()
                .rev()
                .find(|c| {
                    !c.is_whitespace()
                        && !matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '(' | ')' | '‘' | '’')
                })
                .is_none_or(|c| SENTENCE_END.contains(c))
        };
        let cues = (0..spans.len())
            .map(|i| {
                let (start, _) = spans[i];
                if chars[start].is_uppercase() && !sentence_start(start) {
                    return None;
                }
                let candidates = lexicon.by_first.get(lower[i].as_str())?;
                candidates
                    .iter()
                    .map(|&p| &lexicon.phrases[p])
                    .find_map(|phrase| {
                        let end = i + phrase.len();
                        (end <= lower.len() && lower[i..end] == phrase[..]).then(|| end - 1)
                    })
            })
            .collect();
        // Quotations are in text order and apart: walk both lists together.
        let mut next_quote = 0;
        let quoted = spans
            .iter()
            .map(|&(s, e)| {
                while quotes.get(next_quote).is_some_and(|&(_, q1)| q1 <= s) {
                    next_quote += 1;
                }
                quotes
                    .get(next_quote)
                    .is_some_and(|&(q0, q1)| s >= q0 && e <= q1)
            })
            .collect();
        Words {
            spans,
            quoted,
            lower,
            capital,
            cues,
        }
    }

    pub fn start(&self, word: usize) -> usize {
        self.spans[word].0
    }

    pub fn end(&self, word: usize) -> usize {
        self.spans[word].1
    }

    /// Code points from the start of `first` to the end of `last`.
    pub fn span(&self, first: usize, last: usize) -> (usize, usize) {
        (self.start(first), self.end(last))
    }

    pub fn lower(&self, word: usize) -> String {
        self.lower[word].clone()
    }

    pub fn capitalised(&self, word: usize) -> bool {
        self.capital[word]
    }

    /// The cue phrase starting at `word`, as (first word, last word).
    pub fn cue_at(&self, word: usize) -> Option<(usize, usize)> {
        self.cues
            .get(word)
            .copied()
            .flatten()
            .map(|last| (word, last))
    }

    /// The words after code point `from` up to the end of their clause: a
    /// sentence end, a colon or semicolon, an opening quotation mark, or a comma
    /// once a word has been seen (the comma right after a quotation is skipped).
    pub fn clause_after(&self, chars: &[char], from: usize) -> Vec<usize> {
        let mut stop = chars.len();
        let mut seen_word = false;
        for (at, &c) in chars.iter().enumerate().skip(from) {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if ends_sentence(chars, at)
                || matches!(c, ';' | ':' | '“' | '«' | '„' | '「')
                || (c == ',' && seen_word)
            {
                stop = at;
                break;
            }
        }
        self.between(from, stop)
    }

    /// The words from code point `from` to the end of its sentence.
    pub fn sentence_after(&self, chars: &[char], from: usize) -> Vec<usize> {
        let end = (from.min(chars.len())..chars.len())
            .find(|&at| ends_sentence(chars, at))
            .unwrap_or(chars.len());
        self.between(from, end)
    }

    /// The words of the sentence before code point `to`.
    pub fn sentence_before(&self, chars: &[char], to: usize) -> Vec<usize> {
        let start = (0..to.min(chars.len()))
            .rev()
            .find(|&at| ends_sentence(chars, at))
            .map_or(0, |p| p + 1);
        self.between(start, to)
    }

    /// The words of each sentence, in order.
    pub fn sentences(&self, chars: &[char]) -> Vec<Vec<usize>> {
        let mut sentences: Vec<Vec<usize>> = vec![Vec::new()];
        let mut last_end = 0;
        for (index, &(start, end)) in self.spans.iter().enumerate() {
            if (last_end..start).any(|at| ends_sentence(chars, at))
                && sentences.last().is_some_and(|s| !s.is_empty())
            {
                sentences.push(Vec::new());
            }
            if let Some(sentence) = sentences.last_mut() {
                sentence.push(index);
            }
            last_end = end;
        }
        sentences.retain(|s| !s.is_empty());
        sentences
    }

    /// Words between two points, quoted words left out.
    fn between(&self, from: usize, to: usize) -> Vec<usize> {
        // Words are in text order: find the first by binary search.
        let first = self.spans.partition_point(|&(start, _)| start < from);
        (first..self.spans.len())
            .take_while(|&w| self.spans[w].1 <= to)
            .filter(|&w| !self.quoted[w])
            .collect()
    }

    /// Whether a comma (and nothing else but spaces) stands between two words.
    pub fn comma_between(&self, chars: &[char], before: usize, after: usize) -> bool {
        let gap = &chars[self.end(before)..self.start(after)];
        gap.contains(&',') && gap.iter().all(|c| *c == ',' || c.is_whitespace())
    }

    /// Whether punctuation (a comma, a bracket, a quotation mark) stands between
    /// two words: a speaker's phrase does not run across it.
    pub fn broken_between(&self, chars: &[char], before: usize, after: usize) -> bool {
        chars[self.end(before)..self.start(after)]
            .iter()
            .any(|c| matches!(c, ',' | '(' | ')' | '"' | '“' | '”' | '«' | '»' | ';' | ':'))
    }
}

/// The closing mark of an opening one.
fn closing(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '„' => '“',
        '«' => '»',
        '「' => '」',
        '‘' => '’',
        '"' => '"',
        _ => return None,
    })
}

/// Quotations in paired marks, marks included: “…”, "…", «…», „…“, 「…」, ‘…’. A
/// quotation left open at a paragraph's end goes on when the next paragraph
/// opens with a mark (the newspaper convention); one never closed is dropped.
/// Quotations of one word, or only capitalised words (a title, a name), are not
/// quotes.
pub fn quotations(chars: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let open = chars[at];
        let Some(close) = closing(open) else {
            at += 1;
            continue;
        };
        let starts_word = at == 0 || !chars[at - 1].is_alphanumeric();
        if !starts_word || chars.get(at + 1).is_none_or(|c| c.is_whitespace()) {
            at += 1;
            continue;
        }
        let Some(end) = closing_at(chars, at + 1, open, close) else {
            at += 1;
            continue;
        };
        if is_quote_like(&chars[at + 1..end]) {
            found.push((at, end + 1));
        }
        at = end + 1;
    }
    found
}

/// Where the quotation opened at `from - 1` closes, across paragraphs that
/// reopen with the same mark.
fn closing_at(chars: &[char], from: usize, open: char, close: char) -> Option<usize> {
    let mut at = from;
    while at < chars.len() {
        let c = chars[at];
        // An apostrophe inside a word is not a closing ’.
        let inside_word = at + 1 < chars.len() && chars[at + 1].is_alphanumeric();
        if c == close && !(close == '’' && inside_word) {
            // A straight mark between a space and a word opens the next
            // quotation: this one was never closed.
            let after_space = at > 0 && chars[at - 1].is_whitespace();
            if close == '"' && after_space && inside_word {
                return None;
            }
            return Some(at);
        }
        if c == '\n' {
            let mut next = at;
            while next < chars.len() && chars[next].is_whitespace() {
                next += 1;
            }
            // The next paragraph reopens the quotation: it goes on.
            if chars.get(next) == Some(&open) {
                at = next + 1;
                continue;
            }
            // Otherwise the paragraph's end closes it (the suggester reads
            // hard-wrapped lines as one paragraph already).
            return None;
        }
        if at - from > MOST_QUOTE_CHARS {
            return None;
        }
        at += 1;
    }
    None
}

/// A quotation left open longer than this was never closed.
const MOST_QUOTE_CHARS: usize = 1500;

fn is_quote_like(inside: &[char]) -> bool {
    let text: String = inside.iter().collect();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return false;
    }
    let title_like = words.len() <= 6
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        });
    !title_like
}
