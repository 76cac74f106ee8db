//! Suggestions of who said what (issue 13), found by rules over the text alone:
//! quotations in paired marks, reporting cues from a lexicon (`cues.txt`), the
//! source next to each cue, and indirect quotes (`S said that …`). Pure, so it
//! runs in the format worker and the command; confidences are percents.
//!
//! The app runs it in the format worker and shows what it finds as a layer the
//! user accepts or rejects (`model::session::suggestions`).

mod patterns;
mod text;

pub use patterns::{read_patterns, Patterns};
pub use text::Lexicon;
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
    /// A source that is a pronoun or a short reference ("he", "Albares", "the
    /// ministry"): the earlier, fuller mention it stands for.
    pub refers_to: Option<usize>,
}

/// Every rule's name, so a suggestion can cross the worker boundary as text and
/// come back as the same `&'static str`.
pub const RULES: &[&str] = &[
    "quotation marks",
    "quote, cue, source",
    "quote, source, cue",
    "source, cue, quote",
    "source, cue, clause",
    "according to",
    "continues a quote",
    "clause, source, cue",
];

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
    /// Where each (label, start, end) is in `spans`: one suggestion per span.
    index: std::collections::HashMap<(&'static str, usize, usize), usize>,
}

impl Suggestions {
    pub fn new(spans: Vec<Suggested>, links: Vec<SuggestedLink>) -> Suggestions {
        Suggestions {
            spans,
            links,
            index: Default::default(),
        }
    }

    fn push(&mut self, span: Suggested) -> usize {
        let key = (span.label, span.start, span.end);
        if let Some(&at) = self.index.get(&key) {
            return at;
        }
        self.spans.push(span);
        self.index.insert(key, self.spans.len() - 1);
        self.spans.len() - 1
    }
}

/// Everything the rules find in `text`, with our cue lexicon.
pub fn suggest(text: &str) -> Suggestions {
    suggest_with(text, &Lexicon::with(&[]))
}

/// Everything the rules find in `text`, with the cues of `lexicon`.
pub fn suggest_with(text: &str, lexicon: &Lexicon) -> Suggestions {
    let chars = unwrapped(text);
    let quotes = text::quotations(&chars);
    let words = Words::new(&chars, lexicon, &quotes);
    let mut found = Suggestions::default();
    for &(start, end) in &quotes {
        let quote = found.push(Suggested {
            label: "quote",
            start,
            end,
            kind: Some("direct"),
            confidence: 90,
            rule: "quotation marks",
            refers_to: None,
        });
        if let Some((source, cue, rule, confidence)) = attribution_of(&chars, &words, start, end) {
            link(&mut found, quote, source, cue, rule, confidence);
        }
    }
    continued_quotes(&chars, &mut found);
    indirect_quotes(&chars, &words, &quotes, &mut found);
    resolve_references(&chars, &mut found);
    found
}

/// The text's code points with the line breaks of hard wrapping (those
/// clean-up would join) read as spaces: a sentence wrapped across lines is
/// still one sentence. Offsets are unchanged.
fn unwrapped(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    let proposals = crate::model::cleanup::propose(text);
    for change in proposals
        .changes
        .iter()
        .filter(|c| c.kind == crate::model::cleanup::ChangeKind::JoinLines)
    {
        for c in chars.iter_mut().take(change.end).skip(change.start) {
            if c.is_whitespace() {
                *c = ' ';
            }
        }
    }
    chars
}

/// A quotation with no attribution of its own that follows an attributed one
/// in the same paragraph (`"Q1," she said. "Q2."`), or opens the next
/// paragraph, goes on with the same speaker.
fn continued_quotes(chars: &[char], found: &mut Suggestions) {
    let quotes: Vec<usize> = (0..found.spans.len())
        .filter(|&i| found.spans[i].label == "quote")
        .collect();
    let mut link_of: Vec<Option<usize>> = vec![None; found.spans.len()];
    for (at, link) in found.links.iter().enumerate() {
        link_of[link.content].get_or_insert(at);
    }
    let mut previous: Option<usize> = None;
    for &quote in &quotes {
        let linked = link_of[quote];
        if let Some(at) = linked {
            previous = Some(at);
            continue;
        }
        let Some(at) = previous else { continue };
        let before = found.links[at].clone();
        let gap = &chars[found.spans[before.content].end..found.spans[quote].start];
        let breaks = gap.iter().filter(|&&c| c == '\n').count();
        // The next paragraph: the quote opens it, and the gap holds nothing
        // after the previous quote's paragraph ends.
        let next_paragraph = gap.iter().position(|&c| c == '\n').is_some_and(|first| {
            gap[first..].iter().all(|c| c.is_whitespace())
                && gap[..first].iter().filter(|c| !c.is_whitespace()).count() <= 120
        });
        // Within a paragraph, only a short stretch of narration between.
        let same_paragraph = breaks == 0 && gap.len() <= 120;
        if !(same_paragraph || next_paragraph) {
            previous = None;
            continue;
        }
        let confidence = if same_paragraph { 65 } else { 60 };
        let span = &mut found.spans[quote];
        span.rule = "continues a quote";
        span.confidence = span.confidence.min(confidence + 20);
        found.links.push(SuggestedLink {
            content: quote,
            source: before.source,
            cue: None,
        });
        previous = Some(found.links.len() - 1);
    }
}

/// Sources that are pronouns or short references point to the nearest earlier
/// source that says more: "Albares" and "he" to "Spanish Foreign Minister Jose
/// Manuel Albares", "the ministry" to "Iraq's foreign ministry".
fn resolve_references(chars: &[char], found: &mut Suggestions) {
    let lower_words = |span: &Suggested| -> Vec<String> {
        text::phrase(&chars[span.start..span.end].iter().collect::<String>())
    };
    let mut sources: Vec<usize> = (0..found.spans.len())
        .filter(|&i| found.spans[i].label == "source")
        .collect();
    sources.sort_by_key(|&i| found.spans[i].start);
    for (n, &source) in sources.iter().enumerate() {
        let these = lower_words(&found.spans[source]);
        let pronoun = these.len() == 1 && text::is_pronoun(&these[0]);
        if these.len() > 2 && !pronoun {
            continue;
        }
        let Some(head) = these.last() else { continue };
        // The nearest few earlier sources: a reference reaches back a page or so.
        let earlier = sources[..n].iter().rev().take(40).copied().find(|&other| {
            let those = lower_words(&found.spans[other]);
            let pronoun_there = those.len() == 1 && text::is_pronoun(&those[0]);
            if pronoun_there || those.len() <= these.len() {
                return false;
            }
            if pronoun {
                // he/she: a person (not an organisation); they/it: anyone.
                let person = !those.iter().any(|w| text::is_organisation_word(w));
                !matches!(head.as_str(), "he" | "she") || person
            } else {
                those.contains(head)
            }
        });
        if let Some(earlier) = earlier {
            found.spans[source].refers_to = Some(earlier);
        }
    }
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
    kind: &'static str,
) {
    let quote = found.push(Suggested {
        label: "quote",
        start: content.0,
        end: content.1,
        kind: Some(kind),
        confidence,
        rule,
        refers_to: None,
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
        refers_to: None,
    });
    let cue = found.push(Suggested {
        label: "cue",
        start: cue_start,
        end: cue_end,
        kind: None,
        confidence: confidence.saturating_add(5).min(99),
        rule,
        refers_to: None,
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
        let source = with_relative_clause(chars, words, &before[..at], words.start(before[at]))
            .or_else(|| noun_phrase(chars, words, &before[..at], true))?;
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
    // "Albares on Thursday said": the time between speaker and cue is not the speaker.
    let mut run = run;
    if at_end {
        let mut end = run.len();
        while end > 1 && text::is_date_word(&words.lower(run[end - 1])) {
            end -= 1;
        }
        if end < run.len()
            && end > 1
            && matches!(
                words.lower(run[end - 1]).as_str(),
                "on" | "last" | "this" | "late" | "early"
            )
        {
            end -= 1;
        }
        run = &run[..end];
    }
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
                        | "who"
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

/// `S said (that) C` and `C, S said.`: C, the rest of the sentence (or what
/// comes before the attribution), is what S says: an indirect quote, or a
/// mixed one when it holds quoted words (`Sudani said IS "is no longer a
/// danger"`), which then stands for the quotations inside it.
fn indirect_quotes(
    chars: &[char],
    words: &Words,
    quotes: &[(usize, usize)],
    found: &mut Suggestions,
) {
    let mut absorbed: Vec<(usize, usize)> = Vec::new();
    for sentence in words.sentences(chars) {
        let (s_start, s_end) = (
            words.start(sentence[0]),
            words.end(*sentence.last().unwrap_or(&0)),
        );
        // Quotations are in text order: those from the sentence's start on.
        let first = quotes.partition_point(|&(_, q1)| q1 <= s_start);
        let quoted_here: Vec<(usize, usize)> = quotes[first..]
            .iter()
            .copied()
            .take_while(|&(q0, _)| q0 < s_end + 1)
            .collect();
        // The content's extent, taking in a quotation it cuts through.
        let extent = |(mut start, mut end): (usize, usize)| {
            for &(q0, q1) in &quoted_here {
                if q0 < end && q1 > start {
                    start = start.min(q0);
                    end = end.max(q1);
                }
            }
            (start, end)
        };
        let kind_of = |content: (usize, usize)| {
            let holds_quote = quoted_here
                .iter()
                .any(|&(q0, q1)| q0 >= content.0 && q1 <= content.1);
            if holds_quote {
                "mixed/partial"
            } else {
                "indirect"
            }
        };
        if let Some((content, source, cue)) = postposed(chars, words, &sentence) {
            let content = extent(content);
            // All one quotation ("Q," S said): the direct rule has it.
            if !quoted_here.contains(&content) {
                let kind = kind_of(content);
                absorbed.push(content);
                indirect(found, content, source, cue, "clause, source, cue", 60, kind);
            }
            continue;
        }
        let unquoted = |w: usize| {
            !quoted_here
                .iter()
                .any(|&(q0, q1)| words.start(w) >= q0 && words.end(w) <= q1)
        };
        let Some(at) = sentence
            .iter()
            .position(|&w| unquoted(w) && words.cue_at(w).is_some())
        else {
            continue;
        };
        if quoted_here.is_empty() && according_to(chars, words, &sentence, at, found) {
            continue;
        }
        // The speaker stands before the cue, outside quotation marks.
        if at == 0 || at > 14 || !sentence[..at].iter().all(|&w| unquoted(w)) {
            continue;
        }
        let Some(cue) = words.cue_at(sentence[at]) else {
            continue;
        };
        let mut content: Vec<usize> = sentence.iter().copied().filter(|&w| w > cue.1).collect();
        // "said (on) Thursday (that) …": when it was said is not what was said.
        if content.len() > 1
            && words.lower(content[0]) == "on"
            && text::is_date_word(&words.lower(content[1]))
        {
            content.remove(0);
        }
        if content
            .first()
            .is_some_and(|&w| text::is_date_word(&words.lower(w)))
        {
            content.remove(0);
        }
        if content.first().is_some_and(|&w| words.lower(w) == "that") {
            content.remove(0);
        }
        // With quotations: only when the content starts in the narration
        // (`S said: "Q"` is the direct rule's).
        if !quoted_here.is_empty() && content.first().is_none_or(|&w| !unquoted(w)) {
            continue;
        }
        if content.len() < 4 {
            continue;
        }
        let before_cue = &sentence[..at];
        let Some(source) =
            with_relative_clause(chars, words, before_cue, words.start(sentence[at]))
                .or_else(|| joined_names(words, before_cue))
                .or_else(|| noun_phrase(chars, words, before_cue, true))
        else {
            continue;
        };
        let content = extent(words.span(content[0], content[content.len() - 1]));
        let kind = kind_of(content);
        absorbed.push(content);
        let cue = words.span(cue.0, cue.1);
        indirect(found, content, source, cue, "source, cue, clause", 60, kind);
    }
    absorb(found, &absorbed);
}

/// A speaker with a relative clause between commas before the cue ("Paula
/// Verhoeven, who led the inspection, said"): the name and the clause.
/// `cue_start` is where the cue begins.
fn with_relative_clause(
    chars: &[char],
    words: &Words,
    run: &[usize],
    cue_start: usize,
) -> Option<(usize, usize)> {
    let last = *run.last()?;
    if !chars[words.end(last)..cue_start].contains(&',') {
        return None;
    }
    let who = run
        .iter()
        .rposition(|&w| matches!(words.lower(w).as_str(), "who" | "which"))?;
    if who == 0 || !words.comma_between(chars, run[who - 1], run[who]) || run.len() - who > 12 {
        return None;
    }
    let head = noun_phrase(chars, words, &run[..who], true)?;
    Some((head.0, words.end(last)))
}

/// Two named speakers joined by "and" at the start of a sentence ("The
/// United States and Iraq said …"): the whole run, which `noun_phrase` would cut.
fn joined_names(words: &Words, run: &[usize]) -> Option<(usize, usize)> {
    let and = run.iter().position(|&w| words.lower(w) == "and")?;
    let named = and > 0 && words.capitalised(run[and - 1]) && words.capitalised(*run.last()?);
    let plain = run
        .iter()
        .enumerate()
        .all(|(i, &w)| i == and || !is_boundary_word(&words.lower(w)));
    (named && plain && run.len() <= 8 && and + 1 < run.len())
        .then(|| words.span(run[0], run[run.len() - 1]))
}

/// `C, S said (on Thursday).`, `C, S told AFP.` or `C, said S.`: the content,
/// source and cue (code points), when the sentence ends in its attribution.
#[allow(clippy::type_complexity)]
fn postposed(
    chars: &[char],
    words: &Words,
    sentence: &[usize],
) -> Option<((usize, usize), (usize, usize), (usize, usize))> {
    // The last comma between words starts the attribution.
    let comma = (1..sentence.len()).rev().find(|&k| {
        let gap = &chars[words.end(sentence[k - 1])..words.start(sentence[k])];
        gap.contains(&',')
            && gap
                .iter()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '"' | '”' | '’' | '»' | ')'))
    })?;
    if comma < 4 {
        return None;
    }
    let mut tail = &sentence[comma..];
    while tail.len() > 1 && text::is_date_word(&words.lower(tail[tail.len() - 1])) {
        tail = &tail[..tail.len() - 1];
    }
    if tail.len() > 1
        && matches!(
            words.lower(tail[tail.len() - 1]).as_str(),
            "on" | "late" | "early" | "last"
        )
    {
        tail = &tail[..tail.len() - 1];
    }
    let content = (words.start(sentence[0]), words.end(sentence[comma - 1]));
    // said S
    if let Some(cue) = words.cue_at(tail[0]) {
        let rest: Vec<usize> = tail.iter().copied().filter(|&w| w > cue.1).collect();
        let source = noun_phrase(chars, words, &rest, false)?;
        if source.1 != words.end(*rest.last()?) {
            return None;
        }
        return Some((content, source, words.span(cue.0, cue.1)));
    }
    // S said / S told AFP: the cue is last, or one word (whom) follows it.
    let at = (1..tail.len()).find(|&i| words.cue_at(tail[i]).is_some())?;
    let cue = words.cue_at(tail[at])?;
    let after = tail.iter().filter(|&&w| w > cue.1).count();
    if after > 1 {
        return None;
    }
    // The source is the whole stretch between the comma and the cue ("a local
    // official and a security source"), when it reads as a speaker.
    let stretch = &tail[..at];
    let speaker = noun_phrase(chars, words, stretch, true)?;
    let joined = stretch.len() <= 10
        && stretch
            .iter()
            .all(|&w| words.lower(w) == "and" || !is_boundary_word(&words.lower(w)));
    let source = if joined {
        words.span(stretch[0], stretch[stretch.len() - 1])
    } else {
        speaker
    };
    if source.0 != words.start(tail[0]) {
        return None;
    }
    Some((content, source, words.span(cue.0, cue.1)))
}

/// Quotations inside a mixed quote are part of it: they go, with sources and
/// cues no other link uses.
fn absorb(found: &mut Suggestions, contents: &[(usize, usize)]) {
    if contents.is_empty() {
        return;
    }
    let mut contents = contents.to_vec();
    contents.sort_unstable();
    let inside = |s: &Suggested| {
        // The content that starts nearest before the span is the one that may hold it.
        let at = contents.partition_point(|&(c0, _)| c0 <= s.start);
        s.label == "quote"
            && s.kind == Some("direct")
            && at > 0
            && contents[..at]
                .iter()
                .rev()
                .take(3)
                .any(|&(c0, c1)| s.start >= c0 && s.end <= c1 && (s.start, s.end) != (c0, c1))
    };
    let mut gone: Vec<bool> = found.spans.iter().map(inside).collect();
    found.links.retain(|l| !gone[l.content]);
    let mut used = vec![false; found.spans.len()];
    for link in &found.links {
        used[link.source] = true;
        if let Some(cue) = link.cue {
            used[cue] = true;
        }
    }
    for (i, span) in found.spans.iter().enumerate() {
        if span.label != "quote" {
            gone[i] = !used[i];
        }
    }
    let mut index = Vec::with_capacity(gone.len());
    let mut kept = 0;
    for &g in &gone {
        index.push(kept);
        kept += usize::from(!g);
    }
    let mut at = 0;
    found.spans.retain(|_| {
        at += 1;
        !gone[at - 1]
    });
    for span in &mut found.spans {
        span.refers_to = span.refers_to.filter(|&r| !gone[r]).map(|r| index[r]);
    }
    found.index = found
        .spans
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.label, s.start, s.end), i))
        .collect();
    for link in &mut found.links {
        link.content = index[link.content];
        link.source = index[link.source];
        link.cue = link.cue.map(|c| index[c]);
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
        "indirect",
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
    lexicon: &Lexicon,
    min_confidence: u8,
) -> (usize, usize) {
    use crate::model::annotation::{Annotation, Relation};
    use crate::model::ids::{AnnotationId, LabelId, RelationId};

    let found = suggest_with(&document.text, lexicon);
    let chars: Vec<char> = document.text.chars().collect();
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
                // A pronoun or short reference is named after the fuller mention.
                if let Some(full) = span.refers_to.and_then(|r| found.spans.get(r)) {
                    let name: String = chars[full.start..full.end].iter().collect();
                    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    document
                        .details
                        .entry(id.clone())
                        .or_default()
                        .attributes
                        .insert("name".to_owned(), name);
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
