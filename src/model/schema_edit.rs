//! Changing the label schema from the settings view: each change is a named
//! `SchemaEdit`, checked before anything changes, so a refused edit leaves the schema
//! as it was. Label and field ids never change once made, so renaming a label keeps
//! every annotation attached to it.

use std::fmt;

use super::ids::LabelId;
use super::labels::{FieldDef, FieldKind, LabelDef, LabelSchema, PALETTE, RESERVED_KEYS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaEdit {
    AddLabel {
        name: String,
    },
    RenameLabel {
        label: LabelId,
        name: String,
    },
    Recolour {
        label: LabelId,
        colour: String,
    },
    /// Move a label `by` places (negative: towards the start).
    MoveLabel {
        label: LabelId,
        by: isize,
    },
    SetHotkey {
        label: LabelId,
        hotkey: Option<char>,
    },
    RemoveLabel {
        label: LabelId,
    },
    AddField {
        label: LabelId,
        name: String,
        kind: FieldKind,
        options: Vec<String>,
    },
    RenameField {
        label: LabelId,
        field: String,
        name: String,
    },
    /// Replace a choice field's options; values already given are kept as they are.
    SetOptions {
        label: LabelId,
        field: String,
        options: Vec<String>,
    },
    MoveField {
        label: LabelId,
        field: String,
        by: isize,
    },
    RemoveField {
        label: LabelId,
        field: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaError {
    EmptyName,
    LabelNameTaken(String),
    FieldNameTaken(String),
    HotkeyTaken { key: char, by: String },
    HotkeyReserved(char),
    HotkeyNotALetter(char),
    UnknownLabel(LabelId),
    UnknownField(String),
    UnknownColour(String),
    NoOptions,
    TooManyLabels,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaError::EmptyName => write!(f, "a name cannot be empty"),
            SchemaError::LabelNameTaken(name) => write!(f, "there is a label “{name}” already"),
            SchemaError::FieldNameTaken(name) => {
                write!(f, "this label has a field “{name}” already")
            }
            SchemaError::HotkeyTaken { key, by } => write!(f, "the key {key} tags {by} already"),
            SchemaError::HotkeyReserved(key) => write!(
                f,
                "the key {key} is kept for working with annotations (l links, n and p step)"
            ),
            SchemaError::HotkeyNotALetter(key) => {
                write!(f, "a hotkey is one letter or digit, not “{key}”")
            }
            SchemaError::UnknownLabel(id) => write!(f, "there is no label {id}"),
            SchemaError::UnknownField(id) => write!(f, "there is no field {id}"),
            SchemaError::UnknownColour(colour) => write!(f, "there is no colour {colour}"),
            SchemaError::NoOptions => write!(f, "a choice needs at least one option"),
            SchemaError::TooManyLabels => write!(
                f,
                "a schema holds at most {} labels",
                super::limits::MAX_LABELS
            ),
        }
    }
}

impl LabelSchema {
    /// Applies one edit, or changes nothing and says why. Returns the id of a label
    /// or field the edit made.
    pub fn edit(&mut self, edit: SchemaEdit) -> Result<Option<String>, SchemaError> {
        match edit {
            SchemaEdit::AddLabel { name } => {
                if self.labels().len() >= super::limits::MAX_LABELS {
                    return Err(SchemaError::TooManyLabels);
                }
                let name = self.free_label_name(&name, None)?;
                let taken: Vec<&str> = self.labels().iter().map(|l| l.id.as_str()).collect();
                let id = fresh_id(&name, "label", &taken);
                // The first palette colour no label shows yet (one pass over the
                // labels: a file may add hundreds).
                let mut used = [false; PALETTE.len()];
                for (position, label) in self.labels().iter().enumerate() {
                    let colour = label
                        .colour
                        .as_deref()
                        .unwrap_or(PALETTE[position % PALETTE.len()]);
                    if let Some(i) = PALETTE.iter().position(|c| *c == colour) {
                        used[i] = true;
                    }
                }
                let colour = PALETTE
                    .iter()
                    .zip(used)
                    .find(|(_, used)| !used)
                    .map_or(&"grey", |(c, _)| c);
                let colour = Some((*colour).to_owned());
                self.labels_mut().push(LabelDef {
                    id: LabelId::new(&id),
                    name,
                    hotkey: None,
                    fields: vec![],
                    colour,
                });
                Ok(Some(id))
            }
            SchemaEdit::RenameLabel { label, name } => {
                let name = self.free_label_name(&name, Some(&label))?;
                self.label_mut(&label)?.name = name;
                Ok(None)
            }
            SchemaEdit::Recolour { label, colour } => {
                if !PALETTE.contains(&colour.as_str()) {
                    return Err(SchemaError::UnknownColour(colour));
                }
                // Labels drawn in their position's colour keep it when others move.
                self.pin_colours();
                self.label_mut(&label)?.colour = Some(colour);
                Ok(None)
            }
            SchemaEdit::MoveLabel { label, by } => {
                self.pin_colours();
                let labels = self.labels_mut();
                let from =
                    position(labels, |l| l.id == label).ok_or(SchemaError::UnknownLabel(label))?;
                move_item(labels, from, by);
                Ok(None)
            }
            SchemaEdit::SetHotkey { label, hotkey } => {
                let hotkey = hotkey.map(|key| key.to_ascii_lowercase());
                if let Some(key) = hotkey {
                    if !key.is_alphanumeric() || key.is_uppercase() {
                        return Err(SchemaError::HotkeyNotALetter(key));
                    }
                    if RESERVED_KEYS.contains(&key) {
                        return Err(SchemaError::HotkeyReserved(key));
                    }
                    if let Some(other) = self.by_hotkey(key).filter(|l| l.id != label) {
                        let by = other.name.clone();
                        return Err(SchemaError::HotkeyTaken { key, by });
                    }
                }
                self.label_mut(&label)?.hotkey = hotkey;
                Ok(None)
            }
            SchemaEdit::RemoveLabel { label } => {
                self.pin_colours();
                let labels = self.labels_mut();
                let index =
                    position(labels, |l| l.id == label).ok_or(SchemaError::UnknownLabel(label))?;
                labels.remove(index);
                Ok(None)
            }
            SchemaEdit::AddField {
                label,
                name,
                kind,
                options,
            } => {
                let options = clean_options(options);
                if kind == FieldKind::Choice && options.is_empty() {
                    return Err(SchemaError::NoOptions);
                }
                let definition = self.label_mut(&label)?;
                let name = free_field_name(definition, &name, None)?;
                let taken: Vec<&str> = definition.fields.iter().map(|f| f.id.as_str()).collect();
                let id = fresh_id(&name, "field", &taken);
                definition.fields.push(FieldDef {
                    id: id.clone(),
                    name,
                    kind,
                    options,
                    defaults_to_text: false,
                });
                Ok(Some(id))
            }
            SchemaEdit::RenameField { label, field, name } => {
                let definition = self.label_mut(&label)?;
                let name = free_field_name(definition, &name, Some(&field))?;
                field_mut(definition, &field)?.name = name;
                Ok(None)
            }
            SchemaEdit::SetOptions {
                label,
                field,
                options,
            } => {
                let options = clean_options(options);
                let field = field_mut(self.label_mut(&label)?, &field)?;
                if field.kind == FieldKind::Choice && options.is_empty() {
                    return Err(SchemaError::NoOptions);
                }
                field.options = options;
                Ok(None)
            }
            SchemaEdit::MoveField { label, field, by } => {
                let fields = &mut self.label_mut(&label)?.fields;
                let from =
                    position(fields, |f| f.id == field).ok_or(SchemaError::UnknownField(field))?;
                move_item(fields, from, by);
                Ok(None)
            }
            SchemaEdit::RemoveField { label, field } => {
                let fields = &mut self.label_mut(&label)?.fields;
                let index =
                    position(fields, |f| f.id == field).ok_or(SchemaError::UnknownField(field))?;
                fields.remove(index);
                Ok(None)
            }
        }
    }

    fn label_mut(&mut self, id: &LabelId) -> Result<&mut LabelDef, SchemaError> {
        self.labels_mut()
            .iter_mut()
            .find(|l| &l.id == id)
            .ok_or_else(|| SchemaError::UnknownLabel(id.clone()))
    }

    /// The trimmed name, if no other label has it (ignoring case).
    fn free_label_name(&self, name: &str, own: Option<&LabelId>) -> Result<String, SchemaError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SchemaError::EmptyName);
        }
        let taken = self
            .labels()
            .iter()
            .any(|l| Some(&l.id) != own && l.name.to_lowercase() == name.to_lowercase());
        if taken {
            return Err(SchemaError::LabelNameTaken(name.to_owned()));
        }
        Ok(name.to_owned())
    }

    /// Gives every label the colour it shows now, so reordering or removing labels
    /// never repaints the others.
    fn pin_colours(&mut self) {
        let colours: Vec<String> = self
            .labels()
            .iter()
            .map(|l| self.colour_of(l.id.as_str()).to_owned())
            .collect();
        for (label, colour) in self.labels_mut().iter_mut().zip(colours) {
            label.colour = Some(colour);
        }
    }
}

fn free_field_name(label: &LabelDef, name: &str, own: Option<&str>) -> Result<String, SchemaError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SchemaError::EmptyName);
    }
    let taken = label
        .fields
        .iter()
        .any(|f| Some(f.id.as_str()) != own && f.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(SchemaError::FieldNameTaken(name.to_owned()));
    }
    Ok(name.to_owned())
}

fn field_mut<'a>(label: &'a mut LabelDef, id: &str) -> Result<&'a mut FieldDef, SchemaError> {
    label
        .fields
        .iter_mut()
        .find(|f| f.id == id)
        .ok_or_else(|| SchemaError::UnknownField(id.to_owned()))
}

fn position<T>(items: &[T], is: impl Fn(&T) -> bool) -> Option<usize> {
    items.iter().position(is)
}

fn move_item<T>(items: &mut [T], from: usize, by: isize) {
    let to = from
        .saturating_add_signed(by)
        .min(items.len().saturating_sub(1));
    if to < from {
        items[to..=from].rotate_right(1);
    } else {
        items[from..=to].rotate_left(1);
    }
}

/// Options trimmed, without blanks or repeats, in the order given.
fn clean_options(options: Vec<String>) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for option in options {
        let option = option.trim();
        if !option.is_empty() && !clean.iter().any(|o| o == option) {
            clean.push(option.to_owned());
        }
    }
    clean
}

/// An id made from a name (lower-case ASCII letters, digits and `-`), or
/// `<fallback>-N` for names with none of those, never one already taken.
fn fresh_id(name: &str, fallback: &str, taken: &[&str]) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { fallback } else { slug };
    // A set: names in other scripts all fall back to one base, and a schema may
    // hold hundreds of them.
    let taken: std::collections::HashSet<&str> = taken.iter().copied().collect();
    if !slug.is_empty() && !taken.contains(base) {
        return base.to_owned();
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
        if !taken.contains(id.as_str()) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> LabelId {
        LabelId::new(s)
    }

    fn names(schema: &LabelSchema) -> Vec<&str> {
        schema.labels().iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn adding_a_label_makes_an_id_from_its_name_and_a_free_colour() {
        let mut schema = LabelSchema::default();
        let made = schema.edit(SchemaEdit::AddLabel {
            name: "  Data point ".into(),
        });
        assert_eq!(made, Ok(Some("data-point".into())));
        let label = schema.get("data-point").unwrap();
        assert_eq!(label.name, "Data point");
        assert_eq!(label.colour.as_deref(), Some("sky"));
        // A name with no ASCII letters still gets a usable, unique id.
        let made = schema.edit(SchemaEdit::AddLabel {
            name: "مصدر".into(),
        });
        assert_eq!(made, Ok(Some("label-2".into())));
        assert_eq!(
            schema.edit(SchemaEdit::AddLabel {
                name: "quote".into()
            }),
            Err(SchemaError::LabelNameTaken("quote".into()))
        );
        assert_eq!(
            schema.edit(SchemaEdit::AddLabel { name: " ".into() }),
            Err(SchemaError::EmptyName)
        );
    }

    #[test]
    fn renaming_keeps_the_id_so_annotations_stay_attached() {
        let mut schema = LabelSchema::default();
        schema
            .edit(SchemaEdit::RenameLabel {
                label: id("quote"),
                name: "Citation".into(),
            })
            .unwrap();
        assert_eq!(schema.get("quote").unwrap().name, "Citation");
        assert_eq!(schema.name_of(&id("quote")), "Citation");
        // Its own name again, in another case, is not a clash.
        assert!(schema
            .edit(SchemaEdit::RenameLabel {
                label: id("quote"),
                name: "CITATION".into(),
            })
            .is_ok());
        assert_eq!(
            schema.edit(SchemaEdit::RenameLabel {
                label: id("nope"),
                name: "X".into(),
            }),
            Err(SchemaError::UnknownLabel(id("nope")))
        );
    }

    #[test]
    fn moving_and_removing_labels_keeps_everyones_colour() {
        let mut schema = LabelSchema::default();
        schema
            .edit(SchemaEdit::MoveLabel {
                label: id("cue"),
                by: -2,
            })
            .unwrap();
        assert_eq!(names(&schema), ["Claim", "Cue", "Quote", "Source"]);
        assert_eq!(schema.colour_of("cue"), "green");
        assert_eq!(schema.colour_of("quote"), "orange");
        // Beyond the ends stops at the ends.
        schema
            .edit(SchemaEdit::MoveLabel {
                label: id("claim"),
                by: 9,
            })
            .unwrap();
        assert_eq!(names(&schema), ["Cue", "Quote", "Source", "Claim"]);
        schema
            .edit(SchemaEdit::RemoveLabel { label: id("cue") })
            .unwrap();
        assert_eq!(names(&schema), ["Quote", "Source", "Claim"]);
        assert_eq!(schema.colour_of("claim"), "blue");
        schema
            .edit(SchemaEdit::Recolour {
                label: id("claim"),
                colour: "red".into(),
            })
            .unwrap();
        assert_eq!(schema.colour_of("claim"), "red");
        assert_eq!(
            schema.edit(SchemaEdit::Recolour {
                label: id("claim"),
                colour: "red; background: url(x)".into(),
            }),
            Err(SchemaError::UnknownColour("red; background: url(x)".into()))
        );
    }

    #[test]
    fn hotkeys_are_single_free_letters() {
        let mut schema = LabelSchema::default();
        let set = |schema: &mut LabelSchema, key| {
            schema.edit(SchemaEdit::SetHotkey {
                label: id("quote"),
                hotkey: key,
            })
        };
        assert_eq!(set(&mut schema, Some('Z')), Ok(None));
        assert_eq!(schema.by_hotkey('z').unwrap().id.as_str(), "quote");
        assert_eq!(
            set(&mut schema, Some('c')),
            Err(SchemaError::HotkeyTaken {
                key: 'c',
                by: "Claim".into()
            })
        );
        assert_eq!(
            set(&mut schema, Some('l')),
            Err(SchemaError::HotkeyReserved('l'))
        );
        assert_eq!(
            set(&mut schema, Some('?')),
            Err(SchemaError::HotkeyNotALetter('?'))
        );
        assert_eq!(set(&mut schema, None), Ok(None));
        assert!(schema.by_hotkey('z').is_none());
        // Refused edits change nothing.
        assert_eq!(schema.get("claim").unwrap().hotkey, Some('c'));
    }

    #[test]
    fn fields_are_added_renamed_reordered_and_removed() {
        let mut schema = LabelSchema::default();
        let made = schema.edit(SchemaEdit::AddField {
            label: id("claim"),
            name: "Confidence".into(),
            kind: FieldKind::Choice,
            options: vec![" low".into(), "high".into(), "".into(), "low".into()],
        });
        assert_eq!(made, Ok(Some("confidence".into())));
        let claim = schema.get("claim").unwrap();
        assert_eq!(claim.fields[3].options, ["low", "high"]);
        assert_eq!(
            schema.edit(SchemaEdit::AddField {
                label: id("claim"),
                name: "Empty".into(),
                kind: FieldKind::Choice,
                options: vec![" ".into()],
            }),
            Err(SchemaError::NoOptions)
        );
        assert_eq!(
            schema.edit(SchemaEdit::AddField {
                label: id("claim"),
                name: "topic".into(),
                kind: FieldKind::Text,
                options: vec![],
            }),
            Err(SchemaError::FieldNameTaken("topic".into()))
        );
        schema
            .edit(SchemaEdit::RenameField {
                label: id("claim"),
                field: "confidence".into(),
                name: "Certainty".into(),
            })
            .unwrap();
        schema
            .edit(SchemaEdit::MoveField {
                label: id("claim"),
                field: "confidence".into(),
                by: -3,
            })
            .unwrap();
        schema
            .edit(SchemaEdit::SetOptions {
                label: id("claim"),
                field: "confidence".into(),
                options: vec!["low".into(), "medium".into(), "high".into()],
            })
            .unwrap();
        let claim = schema.get("claim").unwrap();
        assert_eq!(claim.fields[0].name, "Certainty");
        assert_eq!(claim.fields[0].options, ["low", "medium", "high"]);
        schema
            .edit(SchemaEdit::RemoveField {
                label: id("claim"),
                field: "verdict".into(),
            })
            .unwrap();
        let fields: Vec<_> = schema
            .get("claim")
            .unwrap()
            .fields
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(fields, ["confidence", "checkable", "topic"]);
    }
}
