//! Reading files the user opens, imports or drops. Size is checked before any byte
//! is read; decoding and checking are the model's (`text_input`, `limits`).

use gloo_file::futures::read_as_bytes;
use gloo_file::File;

use crate::model::labelled::FormatError;
use crate::model::limits::MAX_IMPORT_BYTES;
use crate::model::text_input::{self, describe_size};

/// The files of a file input or a drop, as gloo files.
pub fn from_list(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|list| {
        (0..list.length())
            .filter_map(|i| list.get(i))
            .map(File::from)
            .collect()
    })
    .unwrap_or_default()
}

/// Whether a dropped file is annotations to import (not an article to open), from
/// its name and the names dropped with it: a `.txt` beside its brat `.ann` is part
/// of the annotations.
pub fn is_import_file(name: &str, dropped_with: &[String]) -> bool {
    let lower = name.to_ascii_lowercase();
    let import_endings = [
        ".json", ".jsonl", ".jsonld", ".ann", ".csv", ".zip", ".conf",
    ];
    if import_endings.iter().any(|end| lower.ends_with(end)) {
        return true;
    }
    let stem = lower.strip_suffix(".txt");
    stem.is_some_and(|stem| {
        dropped_with
            .iter()
            .any(|other| other.to_ascii_lowercase() == format!("{stem}.ann"))
    })
}

/// A file's bytes, size-checked first.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{}: {}",
            file.name(),
            FormatError::TooLarge(describe_size(file.size()))
        ));
    }
    read(file).await
}

async fn read(file: &File) -> Result<Vec<u8>, String> {
    read_as_bytes(file)
        .await
        .map_err(|error| format!("{} could not be read ({error}).", file.name()))
}

/// An article file: its default title and its text.
pub async fn read_article(file: File) -> Result<(String, String), String> {
    let name = file.name();
    text_input::check_size(&name, file.size()).map_err(|e| e.to_string())?;
    let bytes = read(&file).await?;
    let text = text_input::decode_file(&name, &bytes).map_err(|e| e.to_string())?;
    let title = crate::model::cleanup::headline_of(&text)
        .unwrap_or_else(|| text_input::title_from_file_name(&name));
    Ok((title, text))
}
