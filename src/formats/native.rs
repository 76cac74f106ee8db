//! Marginalia's own JSON: one document per file (`docs/format.md`), or a corpus as
//! JSONL, one native document per line.

use super::{file_names, Format, Named, OutputFile, Read, Written};
use crate::model::format::{import_native, write_native, FormatError};
use crate::model::labels::LabelSchema;

pub fn write(
    format: Format,
    documents: &[Named],
    schema: &LabelSchema,
    progress: &mut dyn FnMut(),
) -> Written {
    let labels = schema.labels();
    let files = if format == Format::Jsonl {
        let mut contents = String::new();
        for named in documents {
            progress();
            contents.push_str(&write_native(named.document, labels, false));
            contents.push('\n');
        }
        vec![OutputFile {
            name: format!("corpus.{}", format.extension()),
            contents,
        }]
    } else {
        documents
            .iter()
            .zip(file_names(documents))
            .map(|(named, name)| {
                progress();
                OutputFile {
                    name: format!("{name}.{}", format.extension()),
                    contents: write_native(named.document, labels, true) + "\n",
                }
            })
            .collect()
    };
    Written {
        files,
        notes: Vec::new(),
    }
}

/// Reads a JSONL corpus: every non-blank line a native document. A bad line
/// refuses the file, naming the line.
pub fn read_jsonl(text: &str, schema: &LabelSchema) -> Result<Read, FormatError> {
    let mut read = Read::default();
    let mut known = schema.clone();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let document = import_native(line, &known)
            .map_err(|error| FormatError::Malformed(format!("line {}: {error}", number + 1)))?;
        for label in &document.labels {
            if known.get(label.id.as_str()).is_none() {
                read.new_labels.push(label.clone());
            }
        }
        known.merge(&document.labels);
        read.documents.push(document);
    }
    Ok(read)
}
