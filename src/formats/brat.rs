//! brat standoff: for each document a `.txt` (the text) and an `.ann`:
//! `T` lines for spans (`T1<TAB>Quote 10 25<TAB>text`; a span crossing a line
//! break is written as fragments `10 17;18 25`, its text the fragments joined by
//! a space, as brat shows it), `A` lines for field values, `R` lines for links
//! (`Attribution Arg1:T1 Arg2:T2`, and `Cue Arg1:T1 Arg2:T3` for a link's cue) and
//! `#` lines for notes (`AnnotatorNotes`). Offsets are code points, as brat (Python)
//! counts. An `annotation.conf` declares the types, so brat opens the folder as is.
//!
//! brat names cannot hold spaces: in type names and field values they become `_`,
//! and `_` is read back as a space.

use std::collections::{HashMap, HashSet};

use crate::model::ids::{AnnotationId, LabelId};
use crate::model::labelled::FormatError;
use crate::model::labels::{FieldKind, LabelSchema};

use super::builder::first_cues;
use super::{
    file_names, malformed, printable, unique_name, Builder, Named, OutputFile, Read, Written,
};

/// A label or value as a brat token: no white space, nothing brat's `.ann` or
/// `annotation.conf` syntax treats specially. Letters of every script and symbols
/// such as emoji stay as they are.
fn token(name: &str) -> String {
    name.chars()
        .map(|c| {
            let special = c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    ',' | ':' | ';' | '|' | '<' | '>' | '=' | '#' | '"' | '\'' | '!'
                );
            if special {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Each label's brat type name: its name as a token, unique ignoring case (brat
/// types and our reader match that way), never only `_`.
fn label_tokens(schema: &LabelSchema, documents: &[Named]) -> HashMap<LabelId, String> {
    let mut tokens: HashMap<LabelId, String> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let schema_labels = schema.labels().iter().map(|l| l.id.clone());
    let other_labels = documents
        .iter()
        .flat_map(|named| named.document.annotations.iter().map(|a| a.label.clone()));
    for id in schema_labels.chain(other_labels) {
        if tokens.contains_key(&id) {
            continue;
        }
        let mut base = token(schema.name_of(&id));
        if base.trim_matches('_').is_empty() {
            base = token(id.as_str());
        }
        if base.trim_matches('_').is_empty() {
            base = "label".to_owned();
        }
        tokens.insert(id, unique_name(&base, &mut taken));
    }
    tokens
}

fn untoken(token: &str) -> String {
    token.replace('_', " ")
}

/// A span's fragments, in code points: the pieces between line breaks, as brat
/// draws them. Line breaks at the span's edges stay in its first and last piece,
/// so the fragments always run from exactly `start` to exactly `end` (and a span
/// of line breaks alone is one piece).
pub fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut piece_start = start;
    let within = chars.get(start..end).unwrap_or(&[]);
    for (offset, c) in within.iter().enumerate() {
        let at = start + offset;
        if *c == '\n' || *c == '\r' {
            if piece_start < at {
                pieces.push((piece_start, at));
            }
            piece_start = at + 1;
        }
    }
    if piece_start < end {
        pieces.push((piece_start, end));
    }
    match (pieces.first_mut(), start < end) {
        (Some(first), _) => first.0 = start,
        (None, true) => pieces.push((start, end)),
        (None, false) => {}
    }
    if let Some(last) = pieces.last_mut() {
        last.1 = end;
    }
    pieces
}

/// A fragment's text as the `.ann` file's third column shows it: one line, so
/// line breaks at its edges are written as spaces.
fn fragment_text(chars: &[char], (start, end): (usize, usize)) -> String {
    chars
        .get(start..end)
        .unwrap_or(&[])
        .iter()
        .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

/// How links are written: `R` lines (a relation to the source, another to the
/// cue), or attribution events as PARC-style corpora have them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    #[default]
    Relations,
    /// `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`, the trigger `T4` on
    /// the cue's span. Links that share a cue and join every content to every
    /// source are one event (`Content2`, `Source2`…); links without a cue have
    /// no span for a trigger and stay `R` lines.
    Events,
}

/// The event type, and the trigger type, of attribution events.
const EVENT: &str = "Attribution";

pub fn write(
    documents: &[Named],
    schema: &LabelSchema,
    links: Links,
    progress: &mut dyn FnMut(),
) -> Written {
    let mut files = Vec::new();
    let mut notes_flattened = 0;
    let mut without_cue = 0;
    let tokens = label_tokens(schema, documents);
    let names = file_names(documents);
    for (named, base) in documents.iter().zip(names) {
        progress();
        let document = named.document;
        let chars: Vec<char> = document.text.chars().collect();
        let mut ann = String::new();
        let mut numbers: HashMap<&AnnotationId, usize> = HashMap::new();
        let (mut attribute_number, mut note_number) = (0, 0);
        for (index, annotation) in document.annotations.iter().enumerate() {
            let number = index + 1;
            numbers.insert(&annotation.id, number);
            let pieces = fragments(&chars, annotation.start, annotation.end);
            let offsets: Vec<String> = pieces.iter().map(|(s, e)| format!("{s} {e}")).collect();
            let text: Vec<String> = pieces
                .iter()
                .map(|&piece| fragment_text(&chars, piece))
                .collect();
            let kind = tokens
                .get(&annotation.label)
                .map_or("label", String::as_str);
            ann.push_str(&format!(
                "T{number}\t{kind} {}\t{}\n",
                offsets.join(";"),
                text.join(" ")
            ));
            if let Some(details) = document.details.get(&annotation.id) {
                for (field, value) in details.attributes.iter() {
                    attribute_number += 1;
                    ann.push_str(&format!(
                        "A{attribute_number}\t{} T{number} {}\n",
                        token(field),
                        token(value)
                    ));
                }
                if !details.note.is_empty() {
                    note_number += 1;
                    if details.note.contains(['\n', '\t', '\r']) {
                        notes_flattened += 1;
                    }
                    let note: String = details
                        .note
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    ann.push_str(&format!(
                        "#{note_number}\tAnnotatorNotes T{number}\t{note}\n"
                    ));
                }
            }
        }
        let mut relation_number = 0;
        let mut as_relations: Vec<&crate::model::annotation::Relation> = Vec::new();
        if links == Links::Events {
            let mut next_t = document.annotations.len();
            let mut event_number = 0;
            for event in attribution_events(document) {
                let Some(cue) = event.cue else {
                    as_relations.extend(event.relations);
                    continue;
                };
                let numbered = |ids: &[&AnnotationId]| -> Option<Vec<usize>> {
                    ids.iter().map(|id| numbers.get(id).copied()).collect()
                };
                let (Some(contents), Some(sources), Some(&cue_number)) = (
                    numbered(&event.contents),
                    numbered(&event.sources),
                    numbers.get(cue),
                ) else {
                    continue;
                };
                // A cue labelled as the event type was the trigger itself (an event
                // that named no cue): it triggers again, with no Cue argument.
                let cue_annotation = document.annotations.iter().find(|a| &a.id == cue);
                let cue_is_trigger = cue_annotation
                    .is_some_and(|a| tokens.get(&a.label).map(String::as_str) == Some(EVENT));
                let trigger = if cue_is_trigger {
                    cue_number
                } else {
                    next_t += 1;
                    let (start, end) = cue_annotation.map_or((0, 0), |a| (a.start, a.end));
                    let pieces = fragments(&chars, start, end);
                    let offsets: Vec<String> =
                        pieces.iter().map(|(s, e)| format!("{s} {e}")).collect();
                    let text: Vec<String> =
                        pieces.iter().map(|&p| fragment_text(&chars, p)).collect();
                    ann.push_str(&format!(
                        "T{next_t}\t{EVENT} {}\t{}\n",
                        offsets.join(";"),
                        text.join(" ")
                    ));
                    next_t
                };
                event_number += 1;
                let mut line = format!("E{event_number}\t{EVENT}:T{trigger}");
                let numbered_role = |role: &str, index: usize| {
                    if index == 0 {
                        role.to_owned()
                    } else {
                        format!("{role}{}", index + 1)
                    }
                };
                for (index, number) in contents.iter().enumerate() {
                    line.push_str(&format!(" {}:T{number}", numbered_role("Content", index)));
                }
                if !cue_is_trigger {
                    line.push_str(&format!(" Cue:T{cue_number}"));
                }
                for (index, number) in sources.iter().enumerate() {
                    line.push_str(&format!(" {}:T{number}", numbered_role("Source", index)));
                }
                ann.push_str(&line);
                ann.push('\n');
            }
            without_cue += as_relations.len();
        } else {
            as_relations.extend(document.relations.iter());
        }
        for relation in as_relations {
            let (Some(from), Some(to)) = (numbers.get(&relation.from), numbers.get(&relation.to))
            else {
                continue;
            };
            relation_number += 1;
            ann.push_str(&format!(
                "R{relation_number}\tAttribution Arg1:T{from} Arg2:T{to}\n"
            ));
            if let Some(cue) = relation.cue.as_ref().and_then(|c| numbers.get(c)) {
                relation_number += 1;
                ann.push_str(&format!(
                    "R{relation_number}\tCue Arg1:T{from} Arg2:T{cue}\n"
                ));
            }
        }
        files.push(OutputFile {
            name: format!("{base}.txt"),
            contents: document.text.clone(),
        });
        files.push(OutputFile {
            name: format!("{base}.ann"),
            contents: ann,
        });
    }
    files.push(OutputFile {
        name: "annotation.conf".to_owned(),
        contents: configuration(schema, &tokens),
    });
    let mut notes = Vec::new();
    if notes_flattened > 0 {
        notes.push(format!(
            "brat notes are one line: line breaks in {notes_flattened} notes became spaces."
        ));
    }
    if without_cue > 0 {
        notes.push(format!(
            "{without_cue} links without a cue were written as Attribution relations (R lines): an event needs a cue's span for its trigger."
        ));
    }
    Written { files, notes }
}

/// brat's `annotation.conf` for the schema: entities, the two relations, and the
/// fields as attributes (choices with their values).
fn configuration(schema: &LabelSchema, tokens: &HashMap<LabelId, String>) -> String {
    let mut conf = String::from("[entities]\n");
    let mut types: Vec<&String> = tokens.values().collect();
    types.sort();
    for kind in types {
        conf.push_str(kind);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\nAttribution\tArg1:<ENTITY>, Arg2:<ENTITY>\nCue\tArg1:<ENTITY>, Arg2:<ENTITY>\n\n[events]\nAttribution\tContent+:<ENTITY>, Cue?:<ENTITY>, Source+:<ENTITY>\n\n[attributes]\n");
    // A field id used by several labels is one brat attribute with all their values.
    let mut attributes: Vec<(String, Vec<String>)> = Vec::new();
    for label in schema.labels() {
        for field in label.fields.iter().filter(|f| f.kind == FieldKind::Choice) {
            let name = token(&field.id);
            let index = match attributes.iter().position(|(n, _)| *n == name) {
                Some(index) => index,
                None => {
                    attributes.push((name, Vec::new()));
                    attributes.len() - 1
                }
            };
            for value in field.options.iter().map(|o| token(o)) {
                if !attributes[index].1.contains(&value) {
                    attributes[index].1.push(value);
                }
            }
        }
    }
    for (name, values) in attributes {
        conf.push_str(&format!(
            "{name}\tArg:<ENTITY>, Value:{}\n",
            values.join("|")
        ));
    }
    conf
}

/// Reads brat documents from a set of files (a folder or a `.zip`): every `.ann`
/// with the `.txt` of the same name. Other files are ignored; an `.ann` without
/// its `.txt` refuses the set.
pub fn read_files(files: &[(String, String)], schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut builder = Builder::new(schema);
    let mut anns: Vec<&(String, String)> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".ann"))
        .collect();
    anns.sort_by(|a, b| a.0.cmp(&b.0));
    if anns.is_empty() {
        return Err(malformed("there is no .ann file among these files"));
    }
    let texts: HashMap<&str, &String> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".txt"))
        .map(|(name, text)| (name.as_str(), text))
        .collect();
    for (name, ann) in anns {
        // brat counts a BOM in the .txt as a character, but one before the first
        // .ann line is only an editor's mark.
        let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
        let stem = name.trim_end_matches(".ann");
        let txt = format!("{stem}.txt");
        let text = texts
            .get(txt.as_str())
            .map(|t| (*t).clone())
            .ok_or_else(|| malformed(format!("{name} has no {txt} beside it")))?;
        let title = stem.rsplit('/').next().unwrap_or(stem);
        read_one(&mut builder, name, title, text, ann)?;
    }
    Ok(builder.finish())
}

fn read_one(
    builder: &mut Builder,
    file: &str,
    title: &str,
    text: String,
    ann: &str,
) -> Result<(), FormatError> {
    // The file name is the user's: quoted in messages, it must stay one line.
    let file = &printable(file);
    let mut document = builder.document(title, text)?;
    let chars: Vec<char> = document.text().as_str().chars().collect();
    let mut ids: HashMap<String, AnnotationId> = HashMap::new();
    let mut relations: Vec<(String, String, String)> = Vec::new();
    let mut left_out = 0;
    let mut joined_over_text = 0;
    let events = events_in(ann);
    // Triggers of events that name their cue too may only repeat the cue: they
    // wait until every span is read, to be dropped or kept.
    let may_repeat_cue: HashSet<&str> = events
        .iter()
        .filter(|event| {
            event
                .args
                .iter()
                .any(|(role, _)| role_of(role) == Some(Role::Cue))
        })
        .map(|event| event.trigger.as_str())
        .collect();
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut waiting: Vec<(String, String, usize, usize)> = Vec::new();
    for (number, line) in ann.lines().enumerate() {
        let at = format!("{file}, line {}", number + 1);
        let mut columns = line.splitn(3, '\t');
        let (Some(key), Some(body)) = (columns.next(), columns.next()) else {
            if !line.trim().is_empty() {
                left_out += 1;
            }
            continue;
        };
        let rest = columns.next();
        match key.chars().next() {
            Some('T') => {
                let (kind, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| malformed(format!("{at}: no offsets")))?;
                let mut pieces = Vec::new();
                for piece in offsets.split(';') {
                    let (s, e) = piece
                        .trim()
                        .split_once(' ')
                        .and_then(|(s, e)| {
                            Some((s.parse::<usize>().ok()?, e.parse::<usize>().ok()?))
                        })
                        .ok_or_else(|| {
                            malformed(format!("{at}: offsets “{piece}” are not two numbers"))
                        })?;
                    if s > e || e > chars.len() {
                        return Err(FormatError::OutOfRange {
                            id: format!("{at} ({key})"),
                            start: s,
                            end: e,
                            len: chars.len(),
                        });
                    }
                    pieces.push((s, e));
                }
                // brat's own check: the text column is the fragments joined by a
                // space (line breaks at a fragment's edges shown as spaces).
                let joined: Vec<String> = pieces
                    .iter()
                    .map(|&piece| fragment_text(&chars, piece))
                    .collect();
                if let Some(expected) = rest {
                    if joined.join(" ") != expected {
                        return Err(FormatError::TextMismatch {
                            id: format!("{at} ({key})"),
                            start: pieces.first().map_or(0, |p| p.0),
                            end: pieces.last().map_or(0, |p| p.1),
                            expected: expected.chars().take(60).collect(),
                            found: joined.join(" ").chars().take(60).collect(),
                        });
                    }
                }
                pieces.sort_unstable();
                let (start, end) = (
                    pieces.iter().map(|p| p.0).min().unwrap_or(0),
                    pieces.iter().map(|p| p.1).max().unwrap_or(0),
                );
                // Fragments with words between them (brat's discontinuous spans)
                // become one span over the gap; only white space between them is
                // how brat splits a span at line breaks.
                let gap_has_text = pieces.windows(2).any(|pair| {
                    let (gap_start, gap_end) = (pair[0].1, pair[1].0);
                    gap_start < gap_end
                        && chars
                            .get(gap_start..gap_end)
                            .is_some_and(|gap| gap.iter().any(|c| !c.is_whitespace()))
                });
                joined_over_text += usize::from(gap_has_text);
                spans.insert(key.to_owned(), (start, end));
                if may_repeat_cue.contains(key) {
                    waiting.push((key.to_owned(), kind.to_owned(), start, end));
                    continue;
                }
                let label = builder.label(&untoken(kind))?;
                if let Some(id) =
                    document.span(&format!("{at} ({key})"), label, start, end, None)?
                {
                    ids.insert(key.to_owned(), id);
                }
            }
            Some('A') | Some('M') => {
                let mut parts = body.split(' ');
                let (Some(field), Some(target)) = (parts.next(), parts.next()) else {
                    left_out += 1;
                    continue;
                };
                let value = parts.next().map_or_else(|| "true".to_owned(), untoken);
                match ids.get(target) {
                    Some(id) => document.set_attribute(id, field, &value),
                    None => left_out += 1,
                }
            }
            Some('R') => {
                let mut parts = body.split(' ');
                let kind = parts.next().unwrap_or("").to_owned();
                let args: Vec<&str> = parts
                    .filter_map(|p| p.split_once(':').map(|(_, t)| t))
                    .collect();
                match args.as_slice() {
                    [a, b] => relations.push((kind, (*a).to_owned(), (*b).to_owned())),
                    _ => left_out += 1,
                }
            }
            // Read in a pass of their own (`events_in`), once every span is known.
            Some('E') => {}
            Some('#') => {
                let target = body.split(' ').nth(1).unwrap_or("");
                match (ids.get(target), rest) {
                    (Some(id), Some(note)) => document.set_note(id, note),
                    _ => left_out += 1,
                }
            }
            _ => left_out += 1,
        }
    }
    let cue_pairs: Vec<(AnnotationId, AnnotationId)> = relations
        .iter()
        .filter(|(kind, _, _)| kind.eq_ignore_ascii_case("cue"))
        .filter_map(|(_, a, b)| Some((ids.get(a)?.clone(), ids.get(b)?.clone())))
        .collect();
    let cues = first_cues(cue_pairs.into_iter());
    for (kind, a, b) in relations
        .iter()
        .filter(|(kind, _, _)| !kind.eq_ignore_ascii_case("cue"))
    {
        let (Some(from), Some(to)) = (ids.get(a), ids.get(b)) else {
            left_out += 1;
            continue;
        };
        if !kind.eq_ignore_ascii_case("attribution") {
            builder.notes.push(format!(
                "{file}: a relation of type “{kind}” was read as an attribution."
            ));
        }
        let cue = cues.get(from);
        if let Err(reason) = document.link(from, to, cue) {
            builder
                .notes
                .push(format!("{file}: a link was left out: {reason}."));
        }
    }
    read_events(
        builder,
        &mut document,
        file,
        &events,
        &spans,
        waiting,
        &mut ids,
    )?;
    if joined_over_text > 0 {
        builder.notes.push(format!(
            "{}: {joined_over_text} discontinuous spans (fragments with text between them) became one span each, from the first fragment to the last.",
            printable(file)
        ));
    }
    if left_out > 0 {
        builder.notes.push(format!("{file}: {left_out} lines Marginalia cannot hold (equivalences, normalisations, or lines about missing spans) were left out."));
    }
    builder.add(document)?;
    Ok(())
}

/// An `E` line: `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`.
struct Event {
    key: String,
    trigger: String,
    /// (role as written, argument key), e.g. ("Source2", "T7").
    args: Vec<(String, String)>,
}

fn events_in(ann: &str) -> Vec<Event> {
    ann.lines()
        .filter(|line| line.starts_with('E'))
        .filter_map(|line| {
            let (key, body) = line.split_once('\t')?;
            let mut parts = body.split_whitespace().filter_map(|p| p.split_once(':'));
            let (_, trigger) = parts.next()?;
            Some(Event {
                key: key.to_owned(),
                trigger: trigger.to_owned(),
                args: parts
                    .map(|(role, arg)| (role.to_owned(), arg.to_owned()))
                    .collect(),
            })
        })
        .collect()
}

/// What an event argument is to an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Source,
    Content,
    Cue,
}

/// The role an argument name stands for, in PARC and the corpora that follow it
/// (`Source`, `Content`, `Cue`; numbered `Source2`… when repeated), and a few
/// names other projects use for the same things.
fn role_of(name: &str) -> Option<Role> {
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_lowercase();
    match base.as_str() {
        "source" | "speaker" | "agent" => Some(Role::Source),
        "content" | "quote" | "message" | "claim" | "statement" => Some(Role::Content),
        "cue" => Some(Role::Cue),
        _ => None,
    }
}

/// Attribution events become links: one from each content to each source, with
/// the event's cue (its trigger, when it names no cue). A trigger that only
/// repeats its cue's span is not kept; any other waiting trigger is.
fn read_events(
    builder: &mut Builder,
    document: &mut super::builder::DocumentBuilder,
    file: &str,
    events: &[Event],
    spans: &HashMap<String, (usize, usize)>,
    waiting: Vec<(String, String, usize, usize)>,
    ids: &mut HashMap<String, AnnotationId>,
) -> Result<(), FormatError> {
    let repeats_cue = |trigger: &str| {
        events.iter().filter(|e| e.trigger == trigger).all(|event| {
            event
                .args
                .iter()
                .find(|(role, _)| role_of(role) == Some(Role::Cue))
                .is_some_and(|(_, cue)| spans.get(cue) == spans.get(trigger))
        })
    };
    for (key, kind, start, end) in waiting {
        if repeats_cue(&key) {
            continue;
        }
        let label = builder.label(&untoken(&kind))?;
        if let Some(id) = document.span(&format!("{file} ({key})"), label, start, end, None)? {
            ids.insert(key, id);
        }
    }
    let (mut unread, mut extra_cues, mut unknown_roles) = (0, 0, 0);
    for event in events {
        let with_role = |wanted: Role| -> Vec<&str> {
            event
                .args
                .iter()
                .filter(|(role, _)| role_of(role) == Some(wanted))
                .map(|(_, arg)| arg.as_str())
                .collect()
        };
        let (sources, contents, cues) = (
            with_role(Role::Source),
            with_role(Role::Content),
            with_role(Role::Cue),
        );
        unknown_roles += event
            .args
            .iter()
            .filter(|(role, _)| role_of(role).is_none())
            .count();
        extra_cues += cues.len().saturating_sub(1);
        let cue = match cues.first() {
            Some(cue) => ids.get(*cue),
            None => ids.get(&event.trigger),
        };
        let found = |keys: &[&str]| -> Vec<AnnotationId> {
            keys.iter().filter_map(|k| ids.get(*k).cloned()).collect()
        };
        let (sources, contents) = (found(&sources), found(&contents));
        if sources.is_empty() || contents.is_empty() {
            unread += 1;
            continue;
        }
        for content in &contents {
            for source in &sources {
                if let Err(reason) = document.link(content, source, cue) {
                    builder.notes.push(format!(
                        "{file}: event {} gave a link that was left out: {reason}.",
                        printable(&event.key)
                    ));
                }
            }
        }
    }
    if unread > 0 {
        builder.notes.push(format!(
            "{file}: {unread} events without both a source and a content span were left out."
        ));
    }
    if extra_cues > 0 {
        builder.notes.push(format!(
            "{file}: {extra_cues} events had more than one cue; each link keeps the first."
        ));
    }
    if unknown_roles > 0 {
        builder.notes.push(format!(
            "{file}: {unknown_roles} event arguments in roles other than source, content and cue were left out."
        ));
    }
    Ok(())
}

/// Links as attribution events: those sharing a cue form one event when they
/// join every one of their contents to every one of their sources (as a PARC
/// event with `Content2`, `Source2` does); otherwise each link is its own event.
struct AttributionEvent<'a> {
    cue: Option<&'a AnnotationId>,
    contents: Vec<&'a AnnotationId>,
    sources: Vec<&'a AnnotationId>,
    relations: Vec<&'a crate::model::annotation::Relation>,
}

fn attribution_events(
    document: &crate::model::labelled::LabelledDocument,
) -> Vec<AttributionEvent<'_>> {
    let mut by_cue: Vec<(
        Option<&AnnotationId>,
        Vec<&crate::model::annotation::Relation>,
    )> = Vec::new();
    for relation in &document.relations {
        let cue = relation.cue.as_ref();
        match by_cue.iter_mut().find(|(c, _)| cue.is_some() && *c == cue) {
            Some((_, group)) => group.push(relation),
            None => by_cue.push((cue, vec![relation])),
        }
    }
    let mut events = Vec::new();
    for (cue, group) in by_cue {
        let mut contents: Vec<&AnnotationId> = Vec::new();
        let mut sources: Vec<&AnnotationId> = Vec::new();
        for relation in &group {
            if !contents.contains(&&relation.from) {
                contents.push(&relation.from);
            }
            if !sources.contains(&&relation.to) {
                sources.push(&relation.to);
            }
        }
        if contents.len() * sources.len() == group.len() {
            events.push(AttributionEvent {
                cue,
                contents,
                sources,
                relations: group,
            });
        } else {
            events.extend(group.into_iter().map(|relation| AttributionEvent {
                cue,
                contents: vec![&relation.from],
                sources: vec![&relation.to],
                relations: vec![relation],
            }));
        }
    }
    events
}
