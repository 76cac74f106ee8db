//! Cleaning up an article as it arrives: lines hard-wrapped in the middle of
//! sentences joined into paragraphs, site chrome around the story (section
//! labels, a repeated headline, share buttons, lists of other headlines,
//! copyright and cookie footers, photo credits) proposed for removal, white space
//! normalised. Nothing is changed silently: `propose` lists every change with its
//! reason, the user keeps or drops each, and `apply` makes the chosen ones,
//! returning the new text and an `EditMap` that carries offsets across, so
//! annotations keep their exact words.
//!
//! Offsets are code points, as everywhere in the model.

use std::ops::Range;

use super::text_edits::{self, TextEdit};
pub use super::text_edits::{EditMap, Moved};

/// What a proposed change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A line break inside a sentence becomes a space.
    JoinLines,
    /// Spaces at a line's end, or blank lines beyond one, go.
    Whitespace,
    /// Text around the story that is not the story.
    Chrome(Chrome),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chrome {
    /// Site names and section labels above the headline.
    Label,
    /// The headline again.
    RepeatedHeadline,
    /// "Posted by …": who reposted it.
    RepostCredit,
    /// "Tweet", "Share", "Subscribe…".
    Share,
    /// "Related links" and lists of other stories' headlines.
    Related,
    /// Copyright, cookie and privacy notices.
    Footer,
    /// "Photo: …" lines.
    PhotoCredit,
}

impl ChangeKind {
    /// Every kind, in the order the preview lists them.
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::Chrome(Chrome::Label),
        ChangeKind::Chrome(Chrome::RepeatedHeadline),
        ChangeKind::Chrome(Chrome::RepostCredit),
        ChangeKind::Chrome(Chrome::PhotoCredit),
        ChangeKind::Chrome(Chrome::Share),
        ChangeKind::Chrome(Chrome::Related),
        ChangeKind::Chrome(Chrome::Footer),
        ChangeKind::JoinLines,
        ChangeKind::Whitespace,
    ];

    /// A stable name (messages to and from the worker).
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::JoinLines => "join-lines",
            ChangeKind::Whitespace => "whitespace",
            ChangeKind::Chrome(Chrome::Label) => "label",
            ChangeKind::Chrome(Chrome::RepeatedHeadline) => "repeated-headline",
            ChangeKind::Chrome(Chrome::RepostCredit) => "repost-credit",
            ChangeKind::Chrome(Chrome::Share) => "share",
            ChangeKind::Chrome(Chrome::Related) => "related",
            ChangeKind::Chrome(Chrome::Footer) => "footer",
            ChangeKind::Chrome(Chrome::PhotoCredit) => "photo-credit",
        }
    }

    pub fn from_key(key: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Joins and white space are many and alike: the preview switches them by group.
    pub fn by_group(self) -> bool {
        matches!(self, ChangeKind::JoinLines | ChangeKind::Whitespace)
    }

    /// A short description for the preview.
    pub fn describe(self) -> &'static str {
        match self {
            ChangeKind::JoinLines => "line break inside a sentence",
            ChangeKind::Whitespace => "extra white space",
            ChangeKind::Chrome(Chrome::Label) => "site or section label",
            ChangeKind::Chrome(Chrome::RepeatedHeadline) => "repeated headline",
            ChangeKind::Chrome(Chrome::RepostCredit) => "reposting credit",
            ChangeKind::Chrome(Chrome::Share) => "share and subscribe buttons",
            ChangeKind::Chrome(Chrome::Related) => "related links and other headlines",
            ChangeKind::Chrome(Chrome::Footer) => "copyright, cookie or privacy notice",
            ChangeKind::Chrome(Chrome::PhotoCredit) => "photo credit",
        }
    }
}

/// One proposed change: replace code points `start..end` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub kind: ChangeKind,
}

/// What `propose` found: the changes, and what it thinks of the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposals {
    /// In text order, never overlapping.
    pub changes: Vec<Proposal>,
    /// The text is hard-wrapped (its line breaks fall inside sentences).
    pub wrapped: bool,
    /// The headline, if one was recognised: code points of the original.
    pub headline: Option<Range<usize>>,
}

impl Proposal {
    /// The change as a plain edit of the text.
    pub fn edit(&self) -> TextEdit {
        TextEdit {
            start: self.start,
            end: self.end,
            replacement: self.replacement.clone(),
        }
    }
}

impl Proposals {
    /// What to tell the user when a loaded text is worth cleaning up.
    pub fn offer(&self) -> Option<String> {
        if !self.worth_offering() {
            return None;
        }
        let chrome = self
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Chrome(_)))
            .count();
        let blocks = if chrome == 1 {
            "1 block".to_owned()
        } else {
            format!("{chrome} blocks")
        };
        Some(match (self.wrapped, chrome) {
            (true, 0) => "This text is hard-wrapped: its lines break inside sentences. Clean up… joins them into paragraphs; you see every change first.".to_owned(),
            (false, _) => format!("This text has site chrome around the story ({blocks}: labels, links, footers). Clean up… removes it; you see every change first."),
            (true, _) => format!("This text is hard-wrapped and has site chrome around the story ({blocks}). Clean up… fixes both; you see every change first."),
        })
    }

    /// True when there is something worth offering to clean.
    pub fn worth_offering(&self) -> bool {
        self.wrapped
            || self
                .changes
                .iter()
                .any(|c| matches!(c.kind, ChangeKind::Chrome(_)))
    }
}

/// The headline of a newly loaded text, if one is recognised above its story.
pub fn headline_of(text: &str) -> Option<String> {
    title_parts(text).0.map(shorten_title)
}

/// A title for newly pasted text: its headline when one is recognised (so not a
/// site or section label above it), otherwise its first sentence. `None` for a
/// text with no line to take it from.
pub fn title_of(text: &str) -> Option<String> {
    let (headline, first_sentence) = title_parts(text);
    headline.or(first_sentence).map(shorten_title)
}

/// The recognised headline, and the first sentence of the first line. Light on
/// purpose (the app runs it on every load): a headline is a title-like line
/// among the first ten, followed within six lines by running text, and the
/// first one wins (a headline shown twice counts once).
fn title_parts(text: &str) -> (Option<String>, Option<String>) {
    let lines: Vec<&str> = text
        .lines()
        .take(200)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let running_text = |line: &&str| line.split_whitespace().count() >= 10;
    let headline = lines.iter().take(10).enumerate().find_map(|(at, line)| {
        let title_like = is_headline(line) && line.split_whitespace().count() >= 4;
        let story_follows = lines.iter().skip(at + 1).take(6).any(running_text);
        (title_like && story_follows).then(|| (*line).to_owned())
    });
    let first_sentence = lines.first().map(|text| {
        let end = text
            .char_indices()
            .find(|&(at, c)| matches!(c, '.' | '!' | '?') && text[at + 1..].starts_with(' '))
            .map_or(text.len(), |(at, c)| at + c.len_utf8());
        text[..end].to_owned()
    });
    (headline, first_sentence)
}

/// The title shortened as every default title is (`text_input::title_from_text`).
fn shorten_title(title: String) -> String {
    super::text_input::title_from_text(&title)
}

/// A line of the text: code points `start..end` (without its line break) and
/// the line break's length after it (0 for the last line).
#[derive(Clone, Debug)]
struct Line {
    start: usize,
    end: usize,
    text: String,
}

impl Line {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }

    fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }

    fn len(&self) -> usize {
        self.trimmed().chars().count()
    }
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut current = String::new();
    let mut at = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            lines.push(Line {
                start,
                end: at,
                text: std::mem::take(&mut current),
            });
            at += 1;
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                at += 1;
            }
            start = at;
        } else {
            current.push(c);
            at += 1;
        }
    }
    lines.push(Line {
        start,
        end: at,
        text: current,
    });
    lines
}

/// Ends a sentence: . ! ? … or a colon, perhaps followed by closing quotes or
/// brackets.
fn ends_sentence(line: &str) -> bool {
    let trimmed = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '」']);
    trimmed.ends_with(['.', '!', '?', '…', ':', '。', '！', '？'])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches(['"', '“', '‘', '\'', '(', '«'])
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") && !t.trim_end().ends_with(" -")
        || t.starts_with("* ")
        || t.starts_with("• ")
        || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.len() <= 3
                && n.chars().all(|c| c.is_ascii_digit())
                && rest.starts_with(' ')
        })
}

/// The width the text was wrapped at, if its lines look hard-wrapped: many lines
/// ending near one common length in the middle of a sentence.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::len)
        .filter(|&n| n <= 200)
        .collect();
    if lengths.len() < 4 {
        return None;
    }
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    // The 90th percentile: the margin most lines stop short of.
    let width = sorted[(sorted.len() * 9 / 10).min(sorted.len() - 1)];
    if width < 30 {
        return None;
    }
    // Lines that reach the margin and stop mid-sentence.
    let wrapped = lines
        .iter()
        .filter(|l| !l.is_blank() && l.len() * 10 >= width * 7 && l.len() <= width + width / 5)
        .filter(|l| !ends_sentence(&l.text))
        .count();
    let non_blank = lines.iter().filter(|l| !l.is_blank()).count();
    (wrapped >= 3 && wrapped * 10 >= non_blank * 3).then_some(width)
}

/// Whether the break after line `a` (followed by `b`) falls inside a sentence.
fn joins(a: &str, b: &str, width: usize) -> bool {
    let (len_a, trimmed_b) = (a.trim().chars().count(), b.trim());
    if trimmed_b.is_empty() || a.trim().is_empty() || is_list_item(b) {
        return false;
    }
    if len_a > width + width / 4 {
        // An unwrapped paragraph of its own.
        return false;
    }
    if ends_sentence(a) {
        // A sentence that ends at the margin may go on in the same paragraph.
        return len_a * 100 >= width * 85 && starts_lowercase(b);
    }
    // Reached the margin: wrapped. Short and unfinished: a wrapped fragment only
    // if the next line carries on the sentence.
    len_a * 10 >= width * 7 || starts_lowercase(b)
}

/// A paragraph: lines `first..=last`, code points `start..end`, its text with
/// lines joined by spaces.
#[derive(Clone, Debug)]
struct Paragraph {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    text: String,
}

impl Paragraph {
    fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }

    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Reads as running text: long enough, and ends a sentence.
    fn is_body(&self) -> bool {
        self.is_long_text() && ends_sentence(&self.text)
    }

    /// Long, and not boilerplate: a story's paragraph, even one that does not
    /// end with a full stop.
    fn is_long_text(&self) -> bool {
        self.words() >= 12 && boilerplate(&self.text).is_none()
    }
}

fn paragraphs(lines: &[Line], width: Option<usize>) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank() {
            open = false;
            continue;
        }
        let continues = open
            && width.is_some_and(|w| {
                paragraphs
                    .last()
                    .and_then(|p| lines.get(p.last))
                    .is_some_and(|previous| joins(&previous.text, &line.text, w))
            });
        match paragraphs.last_mut() {
            Some(paragraph) if continues => {
                paragraph.last = index;
                paragraph.end = line.end;
                paragraph.text.push(' ');
                paragraph.text.push_str(line.trimmed());
            }
            _ => paragraphs.push(Paragraph {
                first: index,
                last: index,
                start: line.start,
                end: line.end,
                text: line.trimmed().to_owned(),
            }),
        }
        open = true;
    }
    paragraphs
}

/// Chrome a paragraph's words give away, whatever its place.
fn boilerplate(text: &str) -> Option<Chrome> {
    let lower = text.to_lowercase();
    let short = text.chars().count() <= 60;
    let footer = [
        "copyright",
        "©",
        "all rights reserved",
        "cookie",
        "gdpr",
        "privacy policy",
        "privacy statement",
        "terms of use",
        "terms of service",
    ];
    if footer.iter().any(|k| lower.contains(k))
        && !(short && lower.contains("cookie") && !lower.contains("policy"))
    {
        return Some(Chrome::Footer);
    }
    let share = [
        "tweet",
        "share",
        "share this",
        "email",
        "print",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "comments",
        "advertisement",
    ];
    if short && share.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ')) {
        return Some(Chrome::Share);
    }
    if short
        && (lower.starts_with("subscribe")
            || lower.starts_with("sign up")
            || lower.contains("newsletter"))
    {
        return Some(Chrome::Share);
    }
    let related = [
        "related links",
        "related content",
        "related articles",
        "related stories",
        "more stories",
        "read more",
        "also read",
        "you may also like",
        "recommended",
        "most popular",
        "the following news reports",
    ];
    if related.iter().any(|k| lower.starts_with(k)) || lower.trim_end().ends_with("read more") {
        return Some(Chrome::Related);
    }
    let photo = [
        "photo:",
        "photo credit",
        "image:",
        "image credit",
        "picture:",
        "(photo",
        "afp photo",
        "getty images",
    ];
    if short
        && photo
            .iter()
            .any(|k| lower.starts_with(k) || lower.contains(&format!(" {k}")))
    {
        return Some(Chrome::PhotoCredit);
    }
    None
}

/// A news agency's name alone, as the credit wire copy ends with.
fn is_agency_credit(text: &str) -> bool {
    let agencies = [
        "AFP", "Reuters", "AP", "UPI", "IANS", "dpa", "ANSA", "EFE", "Xinhua", "PTI", "ANI",
        "Kyodo", "Yonhap", "TASS", "Anadolu",
    ];
    let t = text
        .trim()
        .trim_matches(|c: char| c == '(' || c == ')' || c == '-' || c == '—' || c == ' ');
    agencies.iter().any(|a| t.eq_ignore_ascii_case(a))
}

fn is_byline(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    (lower.starts_with("by ") && text.split_whitespace().count() <= 16)
        || lower.starts_with("posted by")
}

/// A dateline: a date ("Jan 25, 2024", "25 January 2024", "2024-01-25") or a
/// place with an agency ("Baghdad (AFP)"), on a short line.
fn is_dateline(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 80 {
        return false;
    }
    let lower = t.to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && months.iter().any(|m| w.starts_with(m)));
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let agency = ["(afp)", "(reuters)", "(ap)", "(upi)", "(ians)", "(dpa)"];
    (has_month && has_year) || agency.iter().any(|a| lower.contains(a))
        // A place alone, as wire copy opens: "Baghdad."
        || (t.ends_with('.') && t.split_whitespace().count() <= 2 && t.chars().next().is_some_and(char::is_uppercase))
}

/// Looks like a headline: several words, not a sentence, not shouting.
fn is_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase());
    (4..=40).contains(&words) && !ends_sentence(text) && !shouting && !is_byline(text)
}

/// The run of paragraphs that is the story: the longest stretch of running
/// text, allowing a short heading between two paragraphs of it.
fn story_run(paragraphs: &[Paragraph]) -> Option<Range<usize>> {
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut index = 0;
    while index < paragraphs.len() {
        if !paragraphs[index].is_body() {
            index += 1;
            continue;
        }
        let start = index;
        let mut end = index + 1;
        let mut score = paragraphs[index].chars();
        loop {
            match paragraphs.get(end) {
                Some(p) if p.is_long_text() => {
                    score += p.chars();
                    end += 1;
                }
                // A subheading, then more story.
                Some(p)
                    if p.words() <= 12
                        && boilerplate(&p.text).is_none()
                        && paragraphs.get(end + 1).is_some_and(Paragraph::is_body) =>
                {
                    end += 1
                }
                _ => break,
            }
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, start..end));
        }
        index = end;
    }
    best.map(|(_, run)| run)
}

/// Everything worth changing in `text`, each with its reason.
pub fn propose(text: &str) -> Proposals {
    let lines = lines_of(text);
    let width = wrap_width(&lines);
    let paragraphs = paragraphs(&lines, width);
    let mut changes: Vec<Proposal> = Vec::new();
    let mut headline = None;
    let remove = |changes: &mut Vec<Proposal>, p: &Paragraph, kind: Chrome| {
        // The paragraph with the line breaks after it, so no gap is left.
        let end = next_content(&lines, p.last).unwrap_or(p.end);
        changes.push(Proposal {
            start: p.start,
            end,
            replacement: String::new(),
            kind: ChangeKind::Chrome(kind),
        });
    };
    if let Some(run) = story_run(&paragraphs) {
        // Above the story: keep the headline, byline and dateline.
        let above = &paragraphs[..run.start];
        let headline_at = above
            .iter()
            .rposition(|p| is_headline(&p.text) && !is_dateline(&p.text));
        let headline_at = headline_at.map(|at| {
            // A headline shown twice: the first stays.
            let mut first = at;
            while first > 0 && above[first - 1].text == above[at].text {
                first -= 1;
            }
            first
        });
        if let Some(at) = headline_at {
            headline = Some(above[at].start..above[at].end);
        }
        for (index, p) in above.iter().enumerate() {
            let is_headline = Some(index) == headline_at;
            let repeated = headline_at.is_some_and(|h| index > h && above[h].text == p.text);
            if repeated {
                remove(&mut changes, p, Chrome::RepeatedHeadline);
            } else if let Some(at) = p.text.to_lowercase().find("posted by") {
                // "Jan 25, 2024. Posted by Balkan" / "Periscope - Hellas": the
                // date stays, the credit and its last short line go.
                let from = p.start + p.text[..at].chars().count();
                let mut end = next_content(&lines, p.last).unwrap_or(p.end);
                if let Some(next) = above
                    .get(index + 1)
                    .filter(|n| n.chars() <= 40 && !ends_sentence(&n.text) && !is_dateline(&n.text))
                {
                    end = next_content(&lines, next.last).unwrap_or(next.end);
                }
                let from = trim_back(text, from, p.start);
                changes.push(Proposal {
                    start: from,
                    end,
                    replacement: if from > p.start {
                        "\n".to_owned()
                    } else {
                        String::new()
                    },
                    kind: ChangeKind::Chrome(Chrome::RepostCredit),
                });
            } else {
                // The headline, byline and dateline stay, and so does what a
                // change above already covers; short labels go.
                let keep = is_headline || is_byline(&p.text) || is_dateline(&p.text);
                let covered = changes
                    .iter()
                    .any(|c| c.replacement.len() <= 1 && (c.start..c.end).contains(&p.start));
                // Only short lines: a long paragraph above the story may be
                // part of it.
                let label =
                    p.words() <= 8 && (headline_at.is_some_and(|h| index < h) || p.words() <= 4);
                if !keep && !covered && (label || boilerplate(&p.text).is_some()) {
                    let kind = boilerplate(&p.text).unwrap_or(Chrome::Label);
                    remove(&mut changes, p, kind);
                }
            }
        }
        // Inside the story: buttons and credits only.
        for p in &paragraphs[run.clone()] {
            if let Some(kind) =
                boilerplate(&p.text).filter(|k| matches!(k, Chrome::Share | Chrome::PhotoCredit))
            {
                remove(&mut changes, p, kind);
            }
        }
        // Below it: everything but an agency's credit, in runs of one kind.
        // Long text that is not boilerplate stays: it may be the story going on.
        let below = &paragraphs[run.end..];
        let chrome_below = |p: &Paragraph| {
            !is_agency_credit(&p.text) && (boilerplate(&p.text).is_some() || p.words() <= 20)
        };
        let mut index = 0;
        while index < below.len() {
            let p = &below[index];
            if !chrome_below(p) {
                index += 1;
                continue;
            }
            let kind = boilerplate(&p.text).unwrap_or(Chrome::Related);
            let mut last = index;
            while below.get(last + 1).is_some_and(|n| {
                chrome_below(n) && boilerplate(&n.text).unwrap_or(Chrome::Related) == kind
            }) {
                last += 1;
            }
            let group = Paragraph {
                first: p.first,
                last: below[last].last,
                start: p.start,
                end: below[last].end,
                text: String::new(),
            };
            remove(&mut changes, &group, kind);
            index = last + 1;
        }
    } else {
        for p in &paragraphs {
            if let Some(kind) = boilerplate(&p.text) {
                remove(&mut changes, p, kind);
            }
        }
    }
    // Removals in order, to ask "is this removed?" by binary search.
    let mut removals: Vec<(usize, usize)> = changes
        .iter()
        .filter(|c| c.replacement.is_empty())
        .map(|c| (c.start, c.end))
        .collect();
    removals.sort_unstable();
    let inside_removed = |at: usize| {
        let index = removals.partition_point(|&(start, _)| start <= at);
        index > 0 && at < removals[index - 1].1
    };
    let mut text_changes = Vec::new();
    for p in &paragraphs {
        // Line breaks inside a paragraph become one space.
        for pair in p.first..p.last {
            let (a, b) = (&lines[pair], &lines[pair + 1]);
            let start = a.start + a.text.trim_end().chars().count();
            let end = b.start + (b.text.chars().count() - b.text.trim_start().chars().count());
            if !inside_removed(start) {
                text_changes.push(Proposal {
                    start,
                    end,
                    replacement: " ".to_owned(),
                    kind: ChangeKind::JoinLines,
                });
            }
        }
    }
    // Lines whose break became a space (their end spaces went with it).
    let mut joined_lines = vec![false; lines.len()];
    for p in &paragraphs {
        if let Some(joined) = joined_lines.get_mut(p.first..p.last) {
            joined.fill(true);
        }
    }
    for (index, line) in lines.iter().enumerate() {
        if inside_removed(line.start) {
            continue;
        }
        // Spaces at the end of a line that is not joined to the next.
        let trailing = line.text.chars().count() - line.text.trim_end().chars().count();
        let joined = joined_lines.get(index).copied().unwrap_or(false);
        if trailing > 0 && !line.is_blank() && !joined {
            text_changes.push(Proposal {
                start: line.end - trailing,
                end: line.end,
                replacement: String::new(),
                kind: ChangeKind::Whitespace,
            });
        }
        // More than one blank line in a row.
        if line.is_blank() && index > 0 && lines[index - 1].is_blank() && index + 1 < lines.len() {
            let end = lines[index + 1].start;
            text_changes.push(Proposal {
                start: line.start,
                end,
                replacement: String::new(),
                kind: ChangeKind::Whitespace,
            });
        }
    }
    // A wrapped text marks paragraphs by nothing but a line break: a blank line
    // between them makes them read as paragraphs.
    if width.is_some() {
        for pair in paragraphs.windows(2) {
            let (p, q) = (&pair[0], &pair[1]);
            let single_break = q.first == p.last + 1;
            if single_break && !inside_removed(p.end) && !inside_removed(q.start) {
                text_changes.push(Proposal {
                    start: p.end,
                    end: q.start,
                    replacement: "\n\n".to_owned(),
                    kind: ChangeKind::Whitespace,
                });
            }
        }
    }
    changes.extend(text_changes);
    changes.sort_by_key(|c| (c.start, c.end));
    // Never overlapping: a later change inside an earlier one goes.
    let mut kept: Vec<Proposal> = Vec::new();
    for change in changes {
        if kept.last().is_some_and(|last| change.start < last.end) {
            continue;
        }
        kept.push(change);
    }
    Proposals {
        changes: kept,
        wrapped: width.is_some(),
        headline,
    }
}

/// Where the text after line `last` and its blank lines begins.
fn next_content(lines: &[Line], last: usize) -> Option<usize> {
    lines
        .iter()
        .skip(last + 1)
        .find(|l| !l.is_blank())
        .map(|l| l.start)
}

/// `from` moved back over spaces, but not before `floor`.
fn trim_back(text: &str, from: usize, floor: usize) -> usize {
    let chars: Vec<char> = text.chars().skip(floor).take(from - floor).collect();
    let spaces = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    from - spaces
}

/// Makes the chosen changes (in order, not overlapping). Returns the new text and
/// the map from old offsets to new.
pub fn apply(text: &str, changes: &[&Proposal]) -> (String, EditMap) {
    let edits: Vec<TextEdit> = changes.iter().map(|c| c.edit()).collect();
    text_edits::apply(text, &edits).expect("proposals are in order, in range and apart")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seed(name: &str) -> String {
        let path = format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn clean(text: &str) -> String {
        let proposals = propose(text);
        let all: Vec<&Proposal> = proposals.changes.iter().collect();
        apply(text, &all).0
    }

    #[test]
    fn a_wrapped_wire_story_reads_as_paragraphs() {
        let text = seed("000_20bfa71c295678a8.txt");
        let proposals = propose(&text);
        assert!(proposals.wrapped);
        let cleaned = clean(&text);
        let lines: Vec<&str> = cleaned.lines().collect();
        // No line break inside a sentence: every line of running text ends one.
        for line in lines.iter().skip(2) {
            assert!(
                ends_sentence(line) || line.split_whitespace().count() <= 5,
                "a line ends mid-sentence: {line:?}"
            );
        }
        assert!(cleaned.contains("\"We are extremely worried by the constant attacks against international military bases,\" said Albares"));
        assert!(cleaned.contains("Washington and Baghdad will begin discussions"));
        assert!(
            cleaned.contains("\nAttacks 'need to stop'\n"),
            "the subheading stays a line"
        );
        assert!(!cleaned.contains("Posted by"), "the reposting credit goes");
        assert!(
            cleaned.starts_with("Hundreds of people waving the flags"),
            "the headline stays"
        );
        assert!(cleaned.contains("Jan 25, 2024."), "the date stays");
        assert!(
            cleaned.trim_end().ends_with("AFP"),
            "the agency credit stays"
        );
    }

    #[test]
    fn a_web_page_keeps_the_story_and_drops_the_chrome() {
        let text = seed("004_ef4a60158f06bac0.txt");
        let cleaned = clean(&text);
        assert!(
            cleaned
                .starts_with("Washington, Baghdad to discuss future of foreign troops in Iraq\n"),
            "{}",
            &cleaned[..200]
        );
        assert_eq!(
            cleaned
                .matches("Washington, Baghdad to discuss future")
                .count(),
            1
        );
        assert!(cleaned.contains("By Tony GAMAL-GABRIEL"));
        assert!(cleaned.contains("Baghdad (AFP) Jan 25, 2024"));
        // Every paragraph of the story, the subheading among them.
        for paragraph in text.split("\n\n").filter(|p| {
            p.len() > 80
                && p.contains("said")
                && !p.contains("read more")
                && !p.contains("Copyright")
        }) {
            assert!(cleaned.contains(paragraph.trim()), "lost: {paragraph}");
        }
        assert!(cleaned.contains("- Attacks 'need to stop' -"));
        for chrome in [
            "Energy News",
            "IRAQ WARS",
            "Related Links",
            "Tweet",
            "Subscribe Free",
            "Yemen's Huthis",
            "read more",
            "Copyright",
            "GDPR",
        ] {
            assert!(!cleaned.contains(chrome), "kept: {chrome}");
        }
        assert!(cleaned
            .trim_end()
            .ends_with("\"facilitators, fighters and financiers\"."));
    }

    #[test]
    fn titles_are_headlines_or_first_sentences_never_site_labels() {
        let page = seed("004_ef4a60158f06bac0.txt");
        assert_eq!(
            title_of(&page).as_deref(),
            Some("Washington, Baghdad to discuss future of foreign troops in Iraq")
        );
        let wire = seed("000_20bfa71c295678a8.txt");
        assert!(title_of(&wire).is_some_and(|t| t
            .starts_with("Hundreds of people waving the flags")
            && t.ends_with('…')));
        let short = "The minister said talks would begin. Officials agreed on Monday.\n";
        assert_eq!(
            title_of(short).as_deref(),
            Some("The minister said talks would begin.")
        );
        let pasted = "First story\nThe mayor said no.";
        assert_eq!(title_of(pasted).as_deref(), Some("First story"));
        assert_eq!(headline_of("# Dropped\nA line."), None);
        assert_eq!(title_of("\n \n"), None);
    }

    #[test]
    fn clean_text_gets_no_proposal_worth_offering() {
        let text = "The minister said talks would begin on Monday, officials confirmed after the meeting in the capital.\n\nA second paragraph follows here, with more words than a headline would ever have in it.\n";
        assert!(!propose(text).worth_offering());
    }

    #[test]
    fn offsets_follow_the_text_through_joins_and_removals() {
        let text = "Site Name\n\nThe minister said that the talks,\nwhich began in the capital today,\nwould go on for several more days\nbefore any of the delegations left\nfor home, officials told reporters.\n\nTweet\n";
        let proposals = propose(text);
        let all: Vec<&Proposal> = proposals.changes.iter().collect();
        let (cleaned, map) = apply(text, &all);
        let find = |hay: &str, needle: &str| {
            let byte = hay.find(needle).unwrap();
            let start = hay[..byte].chars().count();
            (start, start + needle.chars().count())
        };
        let (s, e) = find(text, "talks,\nwhich");
        let Moved::To(ns, ne) = map.span(s, e) else {
            panic!("lost")
        };
        let got: String = cleaned.chars().skip(ns).take(ne - ns).collect();
        assert_eq!(got, "talks, which");
        let (s, e) = find(text, "Tweet");
        if proposals
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Chrome(Chrome::Share))
        {
            assert_eq!(map.span(s, e), Moved::Removed);
        }
    }

    proptest! {
        /// Any span that no removal touches keeps its text, but for line breaks
        /// that became spaces.
        #[test]
        fn spans_outside_removals_keep_their_words(
            pieces in proptest::collection::vec(prop_oneof![
                Just("word"), Just("said."), Just(" "), Just("\n"), Just("\n\n"), Just("Tweet"),
                Just("Copyright 2024"), Just("The minister"), Just("😀"), Just("  "), Just("\r\n"),
            ], 1..40),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let text: String = pieces.concat();
            let len = text.chars().count();
            let (start, end) = (a.min(b) % (len + 1), a.max(b) % (len + 1));
            prop_assume!(start < end);
            let proposals = propose(&text);
            let all: Vec<&Proposal> = proposals.changes.iter().collect();
            let (cleaned, map) = apply(&text, &all);
            let touched = proposals.changes.iter().any(|c| c.replacement.is_empty() && c.start < end && start < c.end && c.kind != ChangeKind::Whitespace);
            if !touched {
                if let Moved::To(s, e) = map.span(start, end) {
                    let old: String = text.chars().skip(start).take(end - start).collect();
                    let new: String = cleaned.chars().skip(s).take(e - s).collect();
                    let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
                    prop_assert_eq!(words(&old), words(&new));
                }
            }
        }
    }
}
