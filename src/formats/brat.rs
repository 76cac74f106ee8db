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

use std::collections::HashMap;

use crate::model::format::FormatError;
use crate::model::ids::AnnotationId;
use crate::model::labels::{FieldKind, LabelSchema};
use crate::model::text_input::file_name_from_title;

use super::{malformed, Builder, Named, OutputFile, Read, Written};

/// A label or value as a brat token: no white space, nothing brat treats specially.
fn token(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '/' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn untoken(token: &str) -> String {
    token.replace('_', " ")
}

/// A span's fragments: the pieces between line breaks, in code points.
pub fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut piece_start = start;
    for (offset, c) in chars[start..end].iter().enumerate() {
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
    pieces
}

pub fn write(documents: &[Named], schema: &LabelSchema, progress: &mut dyn FnMut()) -> Written {
    let mut files = Vec::new();
    let mut notes_flattened = 0;
    let mut used_names: Vec<String> = Vec::new();
    for named in documents {
        progress();
        let document = named.document;
        let chars: Vec<char> = document.text.chars().collect();
        let mut base = file_name_from_title(&document.title);
        if used_names.contains(&base) {
            base = format!("{base}-{}", named.id);
        }
        used_names.push(base.clone());
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
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            ann.push_str(&format!(
                "T{number}\t{} {}\t{}\n",
                token(schema.name_of(&annotation.label)),
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
        for relation in &document.relations {
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
        contents: configuration(schema),
    });
    let notes = if notes_flattened > 0 {
        vec![format!(
            "brat notes are one line: line breaks in {notes_flattened} notes became spaces."
        )]
    } else {
        Vec::new()
    };
    Written { files, notes }
}

/// brat's `annotation.conf` for the schema: entities, the two relations, and the
/// fields as attributes (choices with their values).
fn configuration(schema: &LabelSchema) -> String {
    let mut conf = String::from("[entities]\n");
    for label in schema.labels() {
        conf.push_str(&token(&label.name));
        conf.push('\n');
    }
    conf.push_str("\n[relations]\nAttribution\tArg1:<ENTITY>, Arg2:<ENTITY>\nCue\tArg1:<ENTITY>, Arg2:<ENTITY>\n\n[events]\n\n[attributes]\n");
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
    let mut document = builder.document(title, text)?;
    let chars: Vec<char> = document.text().as_str().chars().collect();
    let mut ids: HashMap<String, AnnotationId> = HashMap::new();
    let mut relations: Vec<(String, String, String)> = Vec::new();
    let mut left_out = 0;
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
                // brat's own check: the text column is the fragments joined by a space.
                let joined: Vec<String> = pieces
                    .iter()
                    .map(|&(s, e)| chars[s..e].iter().collect())
                    .collect();
                if let Some(expected) = rest {
                    if joined.join(" ") != expected {
                        return Err(FormatError::TextMismatch {
                            id: format!("{at} ({key})"),
                            start: pieces[0].0,
                            end: pieces[pieces.len() - 1].1,
                            expected: expected.chars().take(60).collect(),
                            found: joined.join(" ").chars().take(60).collect(),
                        });
                    }
                }
                let (start, end) = (
                    pieces.iter().map(|p| p.0).min().unwrap_or(0),
                    pieces.iter().map(|p| p.1).max().unwrap_or(0),
                );
                let label = builder.label(&untoken(kind));
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
    let cues: Vec<(AnnotationId, AnnotationId)> = relations
        .iter()
        .filter(|(kind, _, _)| kind.eq_ignore_ascii_case("cue"))
        .filter_map(|(_, a, b)| Some((ids.get(a)?.clone(), ids.get(b)?.clone())))
        .collect();
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
        let cue = cues.iter().find(|(f, _)| f == from).map(|(_, c)| c);
        if let Err(reason) = document.link(from, to, cue) {
            builder
                .notes
                .push(format!("{file}: a link was left out: {reason}."));
        }
    }
    if left_out > 0 {
        builder.notes.push(format!("{file}: {left_out} lines Marginalia cannot hold (events, equivalences, normalisations, or lines about missing spans) were left out."));
    }
    builder.add(document);
    Ok(())
}
