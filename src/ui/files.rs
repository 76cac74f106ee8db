//! Reading files the user opens, imports or drops. Size is checked before any byte
//! is read; decoding and checking are the model's (`text_input`, `limits`).

use gloo_file::futures::read_as_bytes;
use gloo_file::File;

use crate::formats::html;
use crate::model::article_meta::ArticleMeta;
use crate::model::labelled::FormatError;
use crate::model::limits::MAX_IMPORT_BYTES;
use crate::model::text_input::{self, describe_size};
use crate::ui::worker;
use crate::worker_protocol::{Reply, Request};

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

/// An article as it is loaded: title, text, and what its page said of it.
pub struct Article {
    pub title: String,
    pub text: String,
    pub meta: Option<ArticleMeta>,
}

/// An article file: plain text, or a web page whose article is found in the
/// page worker.
pub async fn read_article(file: File) -> Result<Article, String> {
    let name = file.name();
    text_input::check_size(&name, file.size()).map_err(|e| e.to_string())?;
    let bytes = read(&file).await?;
    let text = text_input::decode_file(&name, &bytes).map_err(|e| e.to_string())?;
    if html::is_html(&name, &text) {
        return read_page(text, false)
            .await
            .map_err(|reason| format!("{name}: {reason}"));
    }
    let title = crate::model::cleanup::headline_of(&text)
        .unwrap_or_else(|| text_input::title_from_file_name(&name));
    Ok(Article {
        title,
        text,
        meta: None,
    })
}

/// The article in a web page (a whole page, or what a paste of rich text held).
pub async fn read_page(html: String, pasted: bool) -> Result<Article, String> {
    let request = Request::ReadPage { html, pasted };
    let Reply::Page(page) = worker::call_on(worker::PAGES, &request, |_, _| ()).await? else {
        return Err("the web page reader gave no answer".to_owned());
    };
    let text =
        text_input::normalize_pasted("The web page", &page.text).map_err(|e| e.to_string())?;
    let title = Some(page.title.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| crate::model::cleanup::title_of(&text))
        .unwrap_or_else(|| text_input::title_from_text(&text));
    let meta = ArticleMeta {
        headline: Some(page.title).filter(|t| !t.is_empty()),
        byline: page.byline,
        published: page.published,
        url: page.url,
        site: page.site,
    };
    Ok(Article {
        title,
        text,
        meta: meta.non_empty(),
    })
}
