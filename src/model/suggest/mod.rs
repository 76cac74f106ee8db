//! Suggestions of who said what (issue 13), found by rules over the text alone:
//! quotations in paired marks, reporting cues from a lexicon (`cues.txt`), the
//! source next to each cue, and indirect quotes (`S said that …`). Pure, so it
//! runs in the format worker and the command; confidences are percents.
//!
//! This is the first slice: the app does not call it yet (see issue 13).

mod text;

use text::{is_boundary_word, Words, SENTENCE_END};

/// One suggested span, in code points of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggested {
    /// "quote", "source" or "cue".
    pub label: &'static str,
    pub start: usize,
    pub end: usize,
    /// A quote's kind: "direct" (in quotation marks) or "indirect".
    pub kind: Option<&'static str>,
    /// How sure the rule is, 0–100.
    pub confidence: u8,
    /// The rule that made it, for the user and for tuning.
    pub rule: &'static str,
}

/// A suggested attribution: indices into `Suggestions::spans`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestedLink {
    pub content: usize,
    pub source: usize,
    pub cue: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suggestions {
    pub spans: Vec<Suggested>,
    pub links: Vec<SuggestedLink>,
}

impl Suggestions {
    fn push(&mut self, span: Suggested) -> usize {
        if let Some(at) = self
            .spans
            .iter()
            .position(|s| s.label == span.label && s.start == span.start && s.end == span.end)
        {
            return at;
        }
        self.spans.push(span);
        self.spans.len() - 1
    }
}

/// Everything the rules find in `text`.
pub fn suggest(text: &str) -> Suggestions {
    let chars: Vec<char> = text.chars().collect();
    let words = Words::new(&chars);
    let mut found = Suggestions::default();
    let quotes = text::quotations(&chars);
    for &(start, end) in &quotes {
        let quote = found.push(Suggested {
            label: "quote",
            start,
            end,
            kind: Some("direct"),
            confidence: 90,
            rule: "quotation marks",
        });
        if let Some((source, cue, rule, confidence)) = attribution_of(&chars, &words, start, end) {
            link(&mut found, quote, source, cue, rule, confidence);
        }
    }
    indirect_quotes(&chars, &words, &quotes, &mut found);
    found
}

/// An indirect quote (code points `content`) with its source and cue, linked;
/// the source and cue a little surer than the clause's extent.
fn indirect(
    found: &mut Suggestions,
    content: (usize, usize),
    source: (usize, usize),
    cue: (usize, usize),
    rule: &'static str,
    confidence: u8,
) {
    let quote = found.push(Suggested {
        label: "quote",
        start: content.0,
        end: content.1,
        kind: Some("indirect"),
        confidence,
        rule,
    });
    link(found, quote, source, cue, rule, confidence + 5);
}

/// Adds the source and cue of a quote and links them.
fn link(
    found: &mut Suggestions,
    content: usize,
    (source_start, source_end): (usize, usize),
    (cue_start, cue_end): (usize, usize),
    rule: &'static str,
    confidence: u8,
) {
    let source = found.push(Suggested {
        label: "source",
        start: source_start,
        end: source_end,
        kind: None,
        confidence,
        rule,
    });
    let cue = found.push(Suggested {
        label: "cue",
        start: cue_start,
        end: cue_end,
        kind: None,
        confidence: confidence.saturating_add(5).min(99),
        rule,
    });
    found.links.push(SuggestedLink {
        content,
        source,
        cue: Some(cue),
    });
}

type Attribution = ((usize, usize), (usize, usize), &'static str, u8);

/// The source and cue of the quotation `start..end`: after it (`"Q," said S`,
/// `"Q," S said`), or before it in its sentence (`S said: "Q"`, `S said the
/// process will "Q"`).
fn attribution_of(chars: &[char], words: &Words, start: usize, end: usize) -> Option<Attribution> {
    // After: the words up to the end of the clause.
    let after = words.clause_after(chars, end);
    if let Some(&first) = after.first() {
        if let Some(cue) = words.cue_at(first) {
            // "Q," said S (to the sentence's end: S may have an apposition)
            let rest = words.sentence_after(chars, words.end(cue.1));
            if let Some(source) = noun_phrase(chars, words, &rest, false) {
                return Some((source, words.span(cue.0, cue.1), "quote, cue, source", 85));
            }
        }
        // "Q," S said
        if let Some(at) = after.iter().position(|&w| words.cue_at(w).is_some()) {
            let cue = words.cue_at(after[at])?;
            if let Some(source) = noun_phrase(chars, words, &after[..at], true) {
                return Some((source, words.span(cue.0, cue.1), "quote, source, cue", 85));
            }
        }
    }
    // Before, in the same sentence: S cue … "Q". The cue nearest the quote; its
    // speaker may be the subject of an earlier cue ("Austin confirmed … and
    // said …", "Albares added, noting …").
    let before = words.sentence_before(chars, start);
    let cues: Vec<usize> = (0..before.len())
        .filter(|&i| words.cue_at(before[i]).is_some())
        .collect();
    let cue = words.cue_at(before[*cues.last()?])?;
    cues.iter().rev().find_map(|&at| {
        let source = noun_phrase(chars, words, &before[..at], true)?;
        Some((source, words.span(cue.0, cue.1), "source, cue, quote", 75))
    })
}

/// A speaker from a run of words: the phrase nearest the cue (`at_end`: the
/// words end at the cue, so the phrase is their tail; else their head), cut at
/// words that end a noun phrase ("on", "who", "that"…), at most eight words.
fn noun_phrase(
    chars: &[char],
    words: &Words,
    run: &[usize],
    at_end: bool,
) -> Option<(usize, usize)> {
    const MOST: usize = 8;
    // Where the phrase must stop: a boundary word, or punctuation between words.
    // A cue is never part of a speaker ("Albares added, noting …").
    let boundary =
        |i: usize| is_boundary_word(&words.lower(run[i])) || words.cue_at(run[i]).is_some();
    let picked: Vec<usize> = if at_end {
        let start = (0..run.len())
            .rev()
            .find(|&i| boundary(i) || (i > 0 && words.broken_between(chars, run[i - 1], run[i])))
            .map_or(0, |i| if boundary(i) { i + 1 } else { i });
        run[start..]
            .iter()
            .rev()
            .take(MOST)
            .rev()
            .copied()
            .collect()
    } else {
        let end = (0..run.len())
            .find(|&i| boundary(i) || (i > 0 && words.broken_between(chars, run[i - 1], run[i])))
            .unwrap_or(run.len());
        let mut head: Vec<usize> = run[..end].iter().take(MOST).copied().collect();
        // A name and its apposition: "Mark Dunne, a farmer near the coast".
        let named = head.last().is_some_and(|&w| words.capitalised(w));
        if named && end < run.len() && words.comma_between(chars, run[end - 1], run[end]) {
            let apposition: Vec<usize> = run[end..]
                .iter()
                .copied()
                .take_while(|&w| words.cue_at(w).is_none())
                .collect();
            let opens = apposition.first().is_some_and(|&w| {
                matches!(
                    words.lower(w).as_str(),
                    "a" | "an"
                        | "the"
                        | "head"
                        | "chief"
                        | "director"
                        | "spokesman"
                        | "spokeswoman"
                        | "spokesperson"
                )
            });
            let whole = apposition.len() == run.len() - end;
            if opens && whole && apposition.len() <= 10 {
                head.extend(apposition);
            }
        }
        head
    };
    if picked.iter().all(|&w| text::is_date_word(&words.lower(w))) {
        return None;
    }
    let (first, last) = (*picked.first()?, *picked.last()?);
    // A speaker is named (a capital) or described ("a senior official").
    let named = picked.iter().any(|&w| words.capitalised(w));
    let described = matches!(
        words.lower(first).as_str(),
        "a" | "an"
            | "the"
            | "one"
            | "two"
            | "three"
            | "four"
            | "several"
            | "some"
            | "many"
            | "most"
            | "other"
            | "senior"
            | "local"
            | "its"
            | "his"
            | "her"
            | "their"
    ) || words.lower(first).chars().all(|c| c.is_ascii_digit());
    let pronoun = picked.len() == 1 && text::is_pronoun(&words.lower(first));
    (named || described || pronoun).then(|| words.span(first, last))
}

/// `S said (that) C` in sentences without quotation marks: C, to the end of
/// the sentence, is an indirect quote of S.
fn indirect_quotes(
    chars: &[char],
    words: &Words,
    quotes: &[(usize, usize)],
    found: &mut Suggestions,
) {
    for sentence in words.sentences(chars) {
        let (s_start, s_end) = (
            words.start(sentence[0]),
            words.end(*sentence.last().unwrap_or(&0)),
        );
        if quotes.iter().any(|&(q0, q1)| q0 < s_end && q1 > s_start) {
            continue;
        }
        let Some(at) = sentence.iter().position(|&w| words.cue_at(w).is_some()) else {
            continue;
        };
        if according_to(chars, words, &sentence, at, found) {
            continue;
        }
        if at == 0 || at > 10 {
            continue;
        }
        let Some(cue) = words.cue_at(sentence[at]) else {
            continue;
        };
        let mut content: Vec<usize> = sentence.iter().copied().filter(|&w| w > cue.1).collect();
        if content.first().is_some_and(|&w| words.lower(w) == "that") {
            content.remove(0);
        }
        if content.len() < 4 {
            continue;
        }
        let Some(source) = noun_phrase(chars, words, &sentence[..at], true) else {
            continue;
        };
        let content = words.span(content[0], content[content.len() - 1]);
        let cue = words.span(cue.0, cue.1);
        indirect(found, content, source, cue, "source, cue, clause", 60);
    }
}

/// `According to S, C.` and `C, according to S.`: C is what S says.
fn according_to(
    chars: &[char],
    words: &Words,
    sentence: &[usize],
    at: usize,
    found: &mut Suggestions,
) -> bool {
    let Some(cue) = words.cue_at(sentence[at]) else {
        return false;
    };
    if !(words.lower(cue.0) == "according" && cue.1 == cue.0 + 1) {
        return false;
    }
    let after: Vec<usize> = sentence.iter().copied().filter(|&w| w > cue.1).collect();
    // The source runs to the comma that closes "according to S," (or to the
    // sentence's end when the phrase ends it).
    let comma = chars[words.end(cue.1)..]
        .iter()
        .position(|&c| c == ',' || SENTENCE_END.contains(&c))
        .map(|p| words.end(cue.1) + p);
    let (source_words, content): (Vec<usize>, Vec<usize>) = match (at, comma) {
        (0, Some(comma)) => after.iter().partition(|&&w| words.end(w) <= comma),
        (0, None) => return false,
        _ => (after.clone(), sentence[..at].to_vec()),
    };
    if source_words.is_empty() || source_words.len() > 12 {
        return false;
    }
    let source = words.span(source_words[0], source_words[source_words.len() - 1]);
    if content.len() < 3 {
        return false;
    }
    let content = words.span(content[0], content[content.len() - 1]);
    indirect(
        found,
        content,
        source,
        words.span(cue.0, cue.1),
        "according to",
        70,
    );
    true
}

#[cfg(test)]
mod tests;

/// Adds the suggestions of at least `min_confidence` to `document` as ordinary
/// annotations and links (what `marginalia suggest` writes): a span the document
/// already has (same label and offsets) is not added again, a link it already
/// has neither. Returns how many annotations and links were added.
pub fn into_document(
    document: &mut crate::model::labelled::LabelledDocument,
    min_confidence: u8,
) -> (usize, usize) {
    use crate::model::annotation::{Annotation, Relation};
    use crate::model::ids::{AnnotationId, LabelId, RelationId};

    let found = suggest(&document.text);
    let mut next = document.annotations.len() + 1;
    let mut fresh_id = |taken: &[Annotation]| loop {
        let id = AnnotationId::new(&format!("s{next}"));
        next += 1;
        if taken.iter().all(|a| a.id != id) {
            return id;
        }
    };
    // Quotes sure enough, and the sources and cues of their links: never a lone
    // cue or source whose quote was left out.
    let sure = |i: usize| found.spans[i].confidence >= min_confidence;
    let mut keep: Vec<bool> = (0..found.spans.len())
        .map(|i| found.spans[i].label == "quote" && sure(i))
        .collect();
    for link in &found.links {
        if keep[link.content] {
            keep[link.source] = sure(link.source);
            if let Some(cue) = link.cue {
                keep[cue] = sure(cue);
            }
        }
    }
    let mut ids: Vec<Option<AnnotationId>> = Vec::with_capacity(found.spans.len());
    let mut added = 0;
    for (index, span) in found.spans.iter().enumerate() {
        if !keep[index] {
            ids.push(None);
            continue;
        }
        let label = LabelId::new(span.label);
        let existing = document
            .annotations
            .iter()
            .find(|a| a.label == label && a.start == span.start && a.end == span.end)
            .map(|a| a.id.clone());
        let id = match existing {
            Some(id) => id,
            None => {
                let id = fresh_id(&document.annotations);
                document.annotations.push(Annotation {
                    id: id.clone(),
                    label,
                    start: span.start,
                    end: span.end,
                });
                if let Some(kind) = span.kind {
                    document
                        .details
                        .entry(id.clone())
                        .or_default()
                        .attributes
                        .insert("kind".to_owned(), kind.to_owned());
                }
                added += 1;
                id
            }
        };
        ids.push(Some(id));
    }
    document
        .annotations
        .sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut linked = 0;
    for link in &found.links {
        let (Some(Some(from)), Some(Some(to))) = (ids.get(link.content), ids.get(link.source))
        else {
            continue;
        };
        if document
            .relations
            .iter()
            .any(|r| &r.from == from && &r.to == to)
        {
            continue;
        }
        let cue = link.cue.and_then(|c| ids.get(c).cloned().flatten());
        let id = RelationId::new(&format!("sr{}", document.relations.len() + 1));
        document.relations.push(Relation {
            id,
            from: from.clone(),
            to: to.clone(),
            cue,
        });
        linked += 1;
    }
    (added, linked)
}
