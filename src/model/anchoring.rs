//! Carrying annotations onto another copy of a story: each annotation is found
//! again by its text with the words around it, the way a W3C `TextQuoteSelector`
//! (and Hypothesis) re-anchors. Matching forgives white space and line breaks,
//! typographic versus straight quotes and dashes, and small edits nearby; what
//! cannot be found is listed, never dropped in silence.
//!
//! Offsets are code points.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::document::{Annotation, Relation};
use super::ids::{AnnotationId, RelationId};
use super::labelled::LabelledDocument;

/// How much text on each side of an annotation helps tell its copies apart.
const CONTEXT: usize = 32;

/// An annotation's text and the text around it in its document.
#[derive(Clone, Debug, PartialEq)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Where it stood, as a fraction of the document's length (a tie-breaker).
    pub position: f64,
}

impl TextQuote {
    pub fn of(chars: &[char], start: usize, end: usize) -> TextQuote {
        let slice = |from: usize, to: usize| -> String {
            chars.get(from..to).unwrap_or(&[]).iter().collect()
        };
        TextQuote {
            exact: slice(start, end),
            prefix: slice(start.saturating_sub(CONTEXT), start),
            suffix: slice(end, (end + CONTEXT).min(chars.len())),
            position: start as f64 / chars.len().max(1) as f64,
        }
    }
}

/// Where a quote was found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// The same words (white space, quotes and dashes aside).
    Exact {
        start: usize,
        end: usize,
    },
    /// Nearly: `changed` says how the words differ ("defense → defence").
    Approximate {
        start: usize,
        end: usize,
        changed: Vec<String>,
    },
    Missing,
}

/// A text prepared for searching: folded to compare forgivingly, with the way
/// back to the original's offsets.
pub struct Target {
    /// The folded text, one char per entry.
    folded: Vec<char>,
    /// For each folded char, the original code point it came from.
    origin: Vec<usize>,
    len: usize,
    /// Folded words: (lower-cased word, folded start, folded end). Each distinct
    /// word is one shared string (a megabyte has a few thousand, not 170,000).
    words: Vec<(Rc<str>, usize, usize)>,
    /// Where each word occurs.
    by_word: HashMap<Rc<str>, Vec<usize>>,
}

/// One char folded: quotes, dashes and spaces of every kind to one of each.
fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '–' | '—' | '‑' | '‐' | '−' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Folds a text: chars folded, runs of white space to one space, edges trimmed.
/// Returns the folded chars and, for each, where it came from.
fn fold_text(text: impl Iterator<Item = char>) -> (Vec<char>, Vec<usize>) {
    let (mut folded, mut origin) = (Vec::new(), Vec::new());
    for (at, c) in text.enumerate() {
        let c = fold(c);
        if c == ' ' && (folded.is_empty() || folded.last() == Some(&' ')) {
            continue;
        }
        folded.push(c);
        origin.push(at);
    }
    if folded.last() == Some(&' ') {
        folded.pop();
        origin.pop();
    }
    (folded, origin)
}

fn words_of(folded: &[char]) -> Vec<(String, usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in folded.iter().enumerate().chain([(folded.len(), &' ')]) {
        let in_word = c.is_alphanumeric();
        match (start, in_word) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                let word: String = folded[from..at].iter().collect::<String>().to_lowercase();
                words.push((word, from, at));
                start = None;
            }
            _ => {}
        }
    }
    words
}

impl Target {
    pub fn new(text: &str) -> Target {
        let (folded, origin) = fold_text(text.chars());
        let mut words: Vec<(Rc<str>, usize, usize)> = Vec::new();
        let mut by_word: HashMap<Rc<str>, Vec<usize>> = HashMap::new();
        let mut lower = String::new();
        let mut start = None;
        for (at, c) in folded.iter().enumerate().chain([(folded.len(), &' ')]) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(at),
                (Some(from), false) => {
                    lower.clear();
                    lower.extend(folded[from..at].iter().flat_map(|c| c.to_lowercase()));
                    let word = match by_word.get_key_value(lower.as_str()) {
                        Some((word, _)) => word.clone(),
                        None => Rc::from(lower.as_str()),
                    };
                    by_word.entry(word.clone()).or_default().push(words.len());
                    words.push((word, from, at));
                    start = None;
                }
                _ => {}
            }
        }
        Target {
            folded,
            origin,
            len: text.chars().count(),
            words,
            by_word,
        }
    }

    /// Original offsets of folded range `start..end`.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.origin.get(start).copied().unwrap_or(self.len);
        let to = end
            .checked_sub(1)
            .and_then(|last| self.origin.get(last))
            .map_or(from, |&at| at + 1);
        (from, to)
    }

    /// How well the text around folded range `start..end` agrees with a quote's
    /// context: characters that match, outward from the range.
    fn context_score(&self, start: usize, end: usize, prefix: &[char], suffix: &[char]) -> usize {
        let before = self.folded[..start]
            .iter()
            .rev()
            .zip(prefix.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = self.folded[end.min(self.folded.len())..]
            .iter()
            .zip(suffix.iter())
            .take_while(|(a, b)| a == b)
            .count();
        before + after
    }

    /// Finds a quote.
    pub fn find(&self, quote: &TextQuote) -> Found {
        let (exact, _) = fold_text(quote.exact.chars());
        if exact.is_empty() {
            return Found::Missing;
        }
        let (prefix, _) = fold_text(quote.prefix.chars());
        let (suffix, _) = fold_text(quote.suffix.chars());
        // The context as it touches the quote: a space where the original had one.
        let prefix = with_edge_space(prefix, quote.prefix.ends_with(char::is_whitespace), false);
        let suffix = with_edge_space(suffix, quote.suffix.starts_with(char::is_whitespace), true);
        // Each copy scored once: its context, then its nearness to where the
        // quote stood.
        let score = |at: usize| {
            let context = self.context_score(at, at + exact.len(), &prefix, &suffix) as f64;
            let distance = (at as f64 / self.folded.len().max(1) as f64 - quote.position).abs();
            context - distance
        };
        let best = self
            .occurrences(&exact)
            .into_iter()
            .map(|at| (score(at), at))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, at)| at);
        if let Some(at) = best {
            let (start, end) = self.original(at, at + exact.len());
            return Found::Exact { start, end };
        }
        self.find_approximately(&exact, &prefix, &suffix, quote.position)
    }

    /// Where `needle` occurs in the folded text: first where its rarest whole
    /// word stands as a word of the text (through the word index, so 5,000
    /// quotes on a megabyte stay fast); only if there is none (a quote that cuts
    /// a word), by a scan.
    fn occurrences(&self, needle: &[char]) -> Vec<usize> {
        let matches_at = |at: usize| self.folded.get(at..at + needle.len()) == Some(needle);
        let count = |word: &str| self.by_word.get(word).map_or(0, Vec::len);
        let words = words_of(needle);
        // Words inside the needle are whole; those at its edges may be cut.
        let inside = |&&(_, start, end): &&(String, usize, usize)| start > 0 && end < needle.len();
        let anchor = words
            .iter()
            .filter(inside)
            .min_by_key(|(word, _, _)| count(word))
            .or_else(|| words.iter().min_by_key(|(word, _, _)| count(word)));
        let by_index: Vec<usize> = anchor
            .and_then(|(word, offset, _)| {
                let found = self
                    .by_word
                    .get(word.as_str())?
                    .iter()
                    .filter_map(|&index| {
                        let start = self.words.get(index)?.1;
                        start.checked_sub(*offset).filter(|&at| matches_at(at))
                    });
                Some(found.collect())
            })
            .unwrap_or_default();
        if !by_index.is_empty() {
            return by_index;
        }
        (0..self.folded.len())
            .filter(|&at| self.folded[at] == needle[0] && matches_at(at))
            .collect()
    }

    /// Words in nearly the same order: the window of the text whose words share
    /// the longest common subsequence with the quote's, if it shares at least
    /// two thirds of them.
    fn find_approximately(
        &self,
        exact: &[char],
        prefix: &[char],
        suffix: &[char],
        position: f64,
    ) -> Found {
        let quote_words: Vec<String> = words_of(exact).into_iter().map(|(w, _, _)| w).collect();
        let n = quote_words.len();
        if n < 3 {
            return Found::Missing;
        }
        // Windows start where one of the quote's first words occurs.
        let mut starts: HashSet<usize> = HashSet::new();
        for (offset, word) in quote_words.iter().take(3).enumerate() {
            for &at in self.by_word.get(word.as_str()).into_iter().flatten() {
                starts.insert(at.saturating_sub(offset));
            }
        }
        let slack = n / 3 + 2;
        let mut best: Option<(f64, usize, usize, Vec<String>)> = None;
        for &from in &starts {
            let to = (from + n + slack).min(self.words.len());
            let window: Vec<&str> = self.words[from..to]
                .iter()
                .map(|(w, _, _)| w.as_ref())
                .collect();
            let (matched, pairs) = lcs(&quote_words, &window);
            if matched * 3 < n * 2 {
                continue;
            }
            let (Some(&(_, first)), Some(&(_, last))) = (pairs.first(), pairs.last()) else {
                continue;
            };
            // The window runs from the first to the last matched word, widened to
            // unmatched quote words at the edges when the text has words there.
            let lead = pairs[0].0;
            let trail = n - 1 - pairs[pairs.len() - 1].0;
            let first = first.saturating_sub(lead.min(first));
            let last = (last + trail).min(window.len() - 1);
            let (start, end) = (self.words[from + first].1, self.words[from + last].2);
            let (start, end) = self.widen_to_punctuation(start, end, exact);
            let context = self.context_score(start, end, prefix, suffix) as f64;
            let distance = (start as f64 / self.folded.len().max(1) as f64 - position).abs();
            let score = matched as f64 * 100.0 + context - distance;
            if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                let changed = changes(&quote_words, &window[first..=last], &pairs, first);
                best = Some((score, start, end, changed));
            }
        }
        match best {
            Some((_, start, end, changed)) => {
                let (start, end) = self.original(start, end);
                Found::Approximate {
                    start,
                    end,
                    changed,
                }
            }
            None => Found::Missing,
        }
    }

    /// Takes in the punctuation the quote has around its words (opening and
    /// closing quotation marks, a final full stop) where the text has it too.
    fn widen_to_punctuation(
        &self,
        mut start: usize,
        mut end: usize,
        exact: &[char],
    ) -> (usize, usize) {
        let leading = exact.iter().take_while(|c| !c.is_alphanumeric()).count();
        let trailing = exact
            .iter()
            .rev()
            .take_while(|c| !c.is_alphanumeric())
            .count();
        for c in exact[..leading].iter().rev() {
            if start > 0 && self.folded[start - 1] == *c {
                start -= 1;
            }
        }
        for c in &exact[exact.len() - trailing..] {
            if self.folded.get(end) == Some(c) {
                end += 1;
            }
        }
        (start, end)
    }
}

/// Adds back the space that separated a context from the quote (folding trims it).
fn with_edge_space(mut context: Vec<char>, space: bool, at_start: bool) -> Vec<char> {
    if space && !context.is_empty() {
        if at_start {
            context.insert(0, ' ');
        } else {
            context.push(' ');
        }
    }
    context
}

/// The longest common subsequence of two word lists: its length, and the matched
/// (index in `a`, index in `b`) pairs in order.
fn lcs(a: &[String], b: &[&str]) -> (usize, Vec<(usize, usize)>) {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (table[0][0], pairs)
}

/// How the quote's words differ from the window's, gap by gap: "old → new",
/// "+new" or "−old".
fn changes(
    quote: &[String],
    window: &[&str],
    pairs: &[(usize, usize)],
    offset: usize,
) -> Vec<String> {
    let mut changed = Vec::new();
    let (mut qi, mut wi) = (0, 0);
    let ends = pairs
        .iter()
        .map(|&(q, w)| (q, w - offset))
        .chain([(quote.len(), window.len())]);
    for (q, w) in ends {
        let old = quote.get(qi..q).unwrap_or(&[]).join(" ");
        let new = window.get(wi..w).unwrap_or(&[]).join(" ");
        match (old.is_empty(), new.is_empty()) {
            (false, false) => changed.push(format!("{old} → {new}")),
            (false, true) => changed.push(format!("−{old}")),
            (true, false) => changed.push(format!("+{new}")),
            (true, true) => {}
        }
        qi = q + 1;
        wi = w + 1;
    }
    changed
}

/// Whether two texts tell the same story: at least 30 % of the word triples of
/// the shorter, and at least eight, occur in the longer (folded, so line breaks and typographic
/// quotes do not matter). Cheap, for deciding whether to offer placing.
pub fn shares_story(a: &str, b: &str) -> bool {
    fn triples(text: &str) -> HashSet<u64> {
        let (folded, _) = fold_text(text.chars());
        let words: Vec<String> = words_of(&folded).into_iter().map(|(w, _, _)| w).collect();
        words
            .windows(3)
            .map(|three| {
                // FNV-1a over the three words: stable and quick.
                three
                    .iter()
                    .flat_map(|w| w.bytes().chain([b' ']))
                    .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
                        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
                    })
            })
            .collect()
    }
    let (a, b) = (triples(a), triples(b));
    let (small, large) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if small.is_empty() {
        return false;
    }
    let shared = small.iter().filter(|t| large.contains(t)).count();
    // A few shared phrases ("said talks will begin") are chance, not a story.
    shared >= 8 && shared * 10 >= small.len() * 3
}

/// The outcome of placing a document's annotations on another text.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// The target text with the annotations that were found, their links
    /// (where both ends were found) and details.
    pub document: LabelledDocument,
    /// Source annotation ids, by how each went.
    pub exact: Vec<AnnotationId>,
    pub approximate: Vec<(AnnotationId, Vec<String>)>,
    pub missing: Vec<AnnotationId>,
    /// Links that could not follow (an end was missing).
    pub links_lost: usize,
}

/// Places every annotation of `source` on `text`, with links and details.
pub fn place(source: &LabelledDocument, title: &str, text: &str) -> Placement {
    let chars: Vec<char> = source.text.chars().collect();
    let target = Target::new(text);
    let mut placement = Placement {
        document: LabelledDocument {
            title: title.to_owned(),
            text: text.to_owned(),
            labels: source.labels.clone(),
            annotations: Vec::new(),
            relations: Vec::new(),
            details: HashMap::new(),
            ..LabelledDocument::default()
        },
        exact: Vec::new(),
        approximate: Vec::new(),
        missing: Vec::new(),
        links_lost: 0,
    };
    let mut placed: HashMap<AnnotationId, AnnotationId> = HashMap::new();
    let mut taken: HashMap<(String, usize, usize), AnnotationId> = HashMap::new();
    for annotation in &source.annotations {
        let quote = TextQuote::of(&chars, annotation.start, annotation.end);
        let (start, end) = match target.find(&quote) {
            Found::Exact { start, end } => {
                placement.exact.push(annotation.id.clone());
                (start, end)
            }
            Found::Approximate {
                start,
                end,
                changed,
            } => {
                placement.approximate.push((annotation.id.clone(), changed));
                (start, end)
            }
            Found::Missing => {
                placement.missing.push(annotation.id.clone());
                continue;
            }
        };
        let key = (annotation.label.to_string(), start, end);
        if let Some(existing) = taken.get(&key) {
            // Two annotations of one label landed on the same words: one is kept.
            placed.insert(annotation.id.clone(), existing.clone());
            continue;
        }
        let id = AnnotationId::new(&format!("a{}", placement.document.annotations.len() + 1));
        taken.insert(key, id.clone());
        placed.insert(annotation.id.clone(), id.clone());
        placement.document.annotations.push(Annotation {
            id: id.clone(),
            label: annotation.label.clone(),
            start,
            end,
        });
        if let Some(details) = source.details.get(&annotation.id) {
            placement.document.details.insert(id, details.clone());
        }
    }
    placement
        .document
        .annotations
        .sort_by(|a, b| a.document_order(b));
    let mut pairs = HashSet::new();
    for relation in &source.relations {
        let (Some(from), Some(to)) = (placed.get(&relation.from), placed.get(&relation.to)) else {
            placement.links_lost += 1;
            continue;
        };
        if from == to || !pairs.insert((from.clone(), to.clone())) {
            placement.links_lost += 1;
            continue;
        }
        let cue = relation
            .cue
            .as_ref()
            .and_then(|c| placed.get(c))
            .filter(|c| *c != from && *c != to)
            .cloned();
        let id = RelationId::new(&format!("r{}", placement.document.relations.len() + 1));
        placement.document.relations.push(Relation {
            id,
            from: from.clone(),
            to: to.clone(),
            cue,
        });
    }
    placement
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::LabelId;

    fn find(target: &str, source: &str, needle: &str) -> (Found, String) {
        let chars: Vec<char> = source.chars().collect();
        let byte = source.find(needle).unwrap();
        let start = source[..byte].chars().count();
        let quote = TextQuote::of(&chars, start, start + needle.chars().count());
        let found = Target::new(target).find(&quote);
        let text = match &found {
            Found::Exact { start, end } | Found::Approximate { start, end, .. } => {
                target.chars().skip(*start).take(end - start).collect()
            }
            Found::Missing => String::new(),
        };
        (found, text)
    }

    #[test]
    fn the_same_words_are_found_where_they_moved() {
        let (found, text) = find(
            "Intro.\n\nAlbares said \"need to stop\".",
            "Albares said \"need to stop\".",
            "\"need to stop\"",
        );
        assert!(matches!(found, Found::Exact { .. }));
        assert_eq!(text, "\"need to stop\"");
    }

    #[test]
    fn line_breaks_spaces_and_typographic_quotes_are_forgiven() {
        let (found, text) = find(
            "He said “we are\nextremely   worried” today.",
            "He said \"we are extremely worried\" today.",
            "\"we are extremely worried\"",
        );
        assert!(matches!(found, Found::Exact { .. }), "{found:?}");
        assert_eq!(text, "“we are\nextremely   worried”");
    }

    #[test]
    fn context_picks_the_right_copy_of_a_repeated_word() {
        let source = "Austin said yes. Albares said no.";
        let target = "Intro. Austin said yes. Then Albares said no.";
        let chars: Vec<char> = source.chars().collect();
        let quote = TextQuote::of(&chars, 25, 29); // the second "said"
        let Found::Exact { start, end } = Target::new(target).find(&quote) else {
            panic!()
        };
        assert_eq!((start, end), (37, 41));
    }

    #[test]
    fn small_edits_are_placed_approximately_with_the_changed_words() {
        let (found, text) = find(
            "US Secretary of Defence Lloyd Austin confirmed meetings would start soon.",
            "US Secretary of Defense Lloyd Austin confirmed meetings soon.",
            "US Secretary of Defense Lloyd Austin",
        );
        let Found::Approximate { changed, .. } = found else {
            panic!("{found:?}")
        };
        assert_eq!(text, "US Secretary of Defence Lloyd Austin");
        assert_eq!(changed, ["defense → defence"]);
    }

    #[test]
    fn copies_of_one_story_share_it_and_other_stories_do_not() {
        let one =
            "Albares said the attacks\n\"need to stop\". Sudani said IS \"is no longer a danger\".";
        let two = "Spain’s Albares said the attacks “need to stop”. Sudani said IS “is no longer a danger”.";
        assert!(shares_story(one, two));
        assert!(!shares_story(
            one,
            "The weather in Lisbon stayed warm and dry for the whole of the week."
        ));
        assert!(!shares_story("", two));
        assert!(!shares_story(
            "The minister said talks will begin.",
            "Ahmed said talks will begin soon, officials said."
        ));
    }

    #[test]
    fn what_is_not_there_is_missing() {
        let (found, _) = find(
            "Nothing to see here at all.",
            "Austin said the attacks must stop.",
            "the attacks must stop",
        );
        assert_eq!(found, Found::Missing);
    }

    #[test]
    fn links_follow_their_ends_and_are_lost_with_them() {
        let text = "Austin said \"no\". Later, Singh said \"maybe\".";
        let span = |id: &str, label: &str, needle: &str| {
            let byte = text.find(needle).unwrap();
            let start = text[..byte].chars().count();
            Annotation {
                id: AnnotationId::new(id),
                label: LabelId::new(label),
                start,
                end: start + needle.chars().count(),
            }
        };
        let source = LabelledDocument {
            title: "a".into(),
            text: text.into(),
            labels: vec![],
            annotations: vec![
                span("s1", "source", "Austin"),
                span("q1", "quote", "\"no\""),
                span("s2", "source", "Singh"),
                span("q2", "quote", "\"maybe\""),
            ],
            relations: vec![
                Relation {
                    id: RelationId::new("r1"),
                    from: AnnotationId::new("q1"),
                    to: AnnotationId::new("s1"),
                    cue: None,
                },
                Relation {
                    id: RelationId::new("r2"),
                    from: AnnotationId::new("q2"),
                    to: AnnotationId::new("s2"),
                    cue: None,
                },
            ],
            details: HashMap::new(),
            ..LabelledDocument::default()
        };
        let placement = place(&source, "b", "Austin said “no”, his office confirmed.");
        assert_eq!(placement.exact.len(), 2);
        assert_eq!(placement.missing.len(), 2);
        assert_eq!(placement.document.relations.len(), 1);
        assert_eq!(placement.links_lost, 1);
    }
}
