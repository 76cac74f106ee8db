//! Reading files the user opens, imports or drops. Size is checked before any byte
//! is read; decoding and checking are the model's (`text_input`, `format`).

use gloo_file::futures::read_as_bytes;
use gloo_file::File;

use crate::model::format::{self, FormatError, LabelledDocument};
use crate::model::labels::LabelSchema;
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

/// What a dropped file is taken to be, from its name.
pub fn is_import_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
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
    Ok((text_input::title_from_file_name(&name), text))
}

/// A native JSON file, checked.
pub async fn read_import(file: File, schema: &LabelSchema) -> Result<LabelledDocument, String> {
    let name = file.name();
    if file.size() > format::MAX_IMPORT_BYTES {
        return Err(format!(
            "{name}: {}",
            FormatError::TooLarge(describe_size(file.size()))
        ));
    }
    let bytes = read(&file).await?;
    let json = std::str::from_utf8(&bytes)
        .map_err(|_| format!("{name} is not a JSON file (it is not UTF-8 text)."))?;
    format::import_native(json, schema).map_err(|error| format!("{name}: {error}"))
}
