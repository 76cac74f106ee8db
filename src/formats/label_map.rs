//! A file's own label names mapped onto the schema's (`Content=quote,
//! Speaker=source`): what `marginalia convert --map` and the import's mapping
//! step ask for. Applied to what a reader returned, so it is the same for every
//! format; labels it maps are no longer new.

use std::collections::HashMap;

use crate::model::ids::LabelId;
use crate::model::labels::LabelSchema;

use super::Read;

/// Foreign label names (compared ignoring case, `_` as a space) and the schema
/// label each becomes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelMap {
    targets: HashMap<String, LabelId>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase().replace('_', " ")
}

impl LabelMap {
    /// Reads `From=to` pairs separated by commas or lines (`#` starts a comment);
    /// `to` is a schema label's id or name. Says which entry is wrong, if any.
    pub fn parse(spec: &str, schema: &LabelSchema) -> Result<LabelMap, String> {
        let mut targets = HashMap::new();
        let entries = spec
            .lines()
            .map(|line| line.split('#').next().unwrap_or(""))
            .flat_map(|line| line.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty());
        for entry in entries {
            let (from, to) = entry
                .split_once('=')
                .ok_or_else(|| format!("“{entry}” is not From=to"))?;
            let target = schema
                .labels()
                .iter()
                .find(|l| key(l.id.as_str()) == key(to) || key(&l.name) == key(to))
                .ok_or_else(|| {
                    let known: Vec<&str> = schema.labels().iter().map(|l| l.id.as_str()).collect();
                    format!(
                        "“{}” is not a label (labels: {})",
                        to.trim(),
                        known.join(", ")
                    )
                })?;
            if key(from).is_empty() {
                return Err(format!("“{entry}” maps no label"));
            }
            targets.insert(key(from), target.id.clone());
        }
        Ok(LabelMap { targets })
    }

    /// One mapping, as the import's mapping step sets it.
    pub fn insert(&mut self, from: &str, to: LabelId) {
        self.targets.insert(key(from), to);
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Relabels what `read` found: every span whose label's name or id is mapped
    /// takes the target label, and the mapped labels are dropped from the new
    /// ones. Returns a note per mapped label with its count, e.g.
    /// "Content → quote: 12 spans", in the order the spans come.
    pub fn apply(&self, read: &mut Read) -> Vec<String> {
        let mut counts: Vec<(String, LabelId, usize)> = Vec::new();
        for document in &mut read.documents {
            let mapped: HashMap<LabelId, (String, LabelId)> = document
                .labels
                .iter()
                .chain(read.new_labels.iter())
                .filter_map(|label| {
                    let target = self
                        .targets
                        .get(&key(&label.name))
                        .or_else(|| self.targets.get(&key(label.id.as_str())))?;
                    Some((label.id.clone(), (label.name.clone(), target.clone())))
                })
                .collect();
            for annotation in &mut document.annotations {
                if let Some((name, target)) = mapped.get(&annotation.label) {
                    annotation.label = target.clone();
                    match counts.iter_mut().find(|(n, t, _)| n == name && t == target) {
                        Some(count) => count.2 += 1,
                        None => counts.push((name.clone(), target.clone(), 1)),
                    }
                }
            }
            document
                .labels
                .retain(|label| !mapped.contains_key(&label.id));
        }
        read.new_labels.retain(|label| {
            !self.targets.contains_key(&key(&label.name))
                && !self.targets.contains_key(&key(label.id.as_str()))
        });
        counts
            .into_iter()
            .map(|(name, target, n)| {
                let spans = if n == 1 { "span" } else { "spans" };
                format!("{name} → {target}: {n} {spans}")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::brat;

    #[test]
    fn parc_labels_map_onto_ours_and_are_no_longer_new() {
        let files = vec![
            ("a.txt".to_owned(), "Washington Post backs Hillary Clinton".to_owned()),
            (
                "a.ann".to_owned(),
                "T1\tSource 0 15\tWashington Post\nT2\tContent 22 37\tHillary Clinton\nT3\tSpeaker_Role 0 10\tWashington\n".to_owned(),
            ),
        ];
        let schema = LabelSchema::default();
        let mut read = brat::read_files(&files, &schema).unwrap();
        let map = LabelMap::parse("Content=quote, speaker role = Source", &schema).unwrap();
        let notes = map.apply(&mut read);
        let labels: Vec<&str> = read.documents[0]
            .annotations
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels, ["source", "source", "quote"]);
        assert!(read.new_labels.is_empty(), "{:?}", read.new_labels);
        assert_eq!(
            notes,
            ["Speaker Role → source: 1 span", "Content → quote: 1 span"]
        );
    }

    #[test]
    fn a_wrong_mapping_says_which_entry_and_why() {
        let schema = LabelSchema::default();
        assert_eq!(
            LabelMap::parse("Content=quotation", &schema).unwrap_err(),
            "“quotation” is not a label (labels: claim, quote, source, cue)"
        );
        assert_eq!(
            LabelMap::parse("Content", &schema).unwrap_err(),
            "“Content” is not From=to"
        );
        let from_file =
            LabelMap::parse("# PARC\nContent = Quote\nSource=source\n", &schema).unwrap();
        assert_eq!(from_file.targets.len(), 2);
    }
}
