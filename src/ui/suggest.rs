//! Suggestions from the app's side: the suggester runs in the format worker
//! (its rules and lexicon stay out of the app's download), and what it finds
//! comes back as `Action::ShowSuggestions`. The user's own cue phrases (from
//! pattern files and cues they tagged) live in this browser's localStorage.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

use crate::model::session::{text_hash, Action, NoticeKind};
use crate::ui::handle::AppHandle;
use crate::ui::worker;
use crate::worker_protocol::{Reply, Request};

const USER_CUES: &str = "marginalia.cues";
/// At most this many phrases of one's own (a pattern file may hold many).
const MOST_USER_CUES: usize = 10_000;

/// Finds suggestions for the open document and shows them, if it is still
/// open with the same text when they come.
pub fn run(handle: &AppHandle) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let (id, text) = (document.id().clone(), document.text().as_str().to_owned());
    let handle = handle.clone();
    spawn_local(async move {
        let request = Request::Suggest {
            text: text.clone(),
            cues: user_cues(),
        };
        super::mark("marginalia:suggest-start");
        let found = match worker::call(&request, |_, _| ()).await {
            Ok(Reply::Suggested(found)) => found,
            Ok(_) => return notify(&handle, "Suggestions failed: the worker gave no answer."),
            Err(error) => return notify(&handle, &format!("Suggestions failed: {error}.")),
        };
        super::mark("marginalia:suggest-found");
        let session = handle.session();
        let same = session
            .open()
            .is_some_and(|d| d.id() == &id && d.text().as_str() == text);
        if same {
            handle.dispatch.emit(Action::ShowSuggestions {
                found: Rc::new(found),
                text_hash: text_hash(&text),
            });
        }
    });
}

fn notify(handle: &AppHandle, message: &str) {
    handle.dispatch.emit(Action::Notify {
        kind: NoticeKind::Error,
        message: message.to_owned(),
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The user's own cue phrases, one per line.
pub fn user_cues() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(USER_CUES).ok().flatten())
        .map(|text| text.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Adds phrases to the user's cues; returns how many were new.
pub fn add_user_cues(phrases: impl IntoIterator<Item = String>) -> Result<usize, String> {
    let mut cues = user_cues();
    let before = cues.len();
    for phrase in phrases {
        let phrase = phrase
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !phrase.is_empty() && !cues.contains(&phrase) && cues.len() < MOST_USER_CUES {
            cues.push(phrase);
        }
    }
    let added = cues.len() - before;
    if added > 0 {
        storage()
            .ok_or("this browser keeps no local settings")?
            .set_item(USER_CUES, &cues.join("\n"))
            .map_err(|_| "this browser's storage is full".to_owned())?;
    }
    Ok(added)
}

/// Reads a Prodigy pattern file (JSONL) into the user's cues and says what came of it.
pub fn import_patterns(handle: &AppHandle, file: web_sys::File) {
    let handle = handle.clone();
    spawn_local(async move {
        let name = file.name();
        let read = crate::ui::files::read_bytes(&gloo_file::File::from(file))
            .await
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
            });
        // Read in the worker: the JSON reader stays out of the app's download.
        let read = match read {
            Ok(text) => match worker::call(&Request::ReadPatterns { text }, |_, _| ()).await {
                Ok(Reply::Patterns(patterns)) => Ok(patterns),
                Ok(Reply::Failed(error)) | Err(error) => Err(error),
                Ok(_) => Err("the worker gave no answer".to_owned()),
            },
            Err(error) => Err(error),
        };
        let message = read.and_then(|patterns| {
            let added = add_user_cues(patterns.cues.iter().cloned())?;
            let mut message = format!(
                "{name}: {added} new cue phrase{} for suggestions",
                if added == 1 { "" } else { "s" }
            );
            if patterns.other_labels + patterns.unusable > 0 {
                message.push_str(&format!(
                    " ({} patterns of other labels and {} we cannot use were left out)",
                    patterns.other_labels, patterns.unusable
                ));
            }
            message.push('.');
            Ok(message)
        });
        let (kind, message) = match message {
            Ok(message) => (NoticeKind::Info, message),
            Err(error) => (
                NoticeKind::Error,
                format!("{name} was not read as cue patterns: {error}."),
            ),
        };
        handle.dispatch.emit(Action::Notify { kind, message });
    });
}

/// Adds the cues the user tagged by hand in the open document to their cues.
pub fn learn_cues(handle: &AppHandle) {
    let session = handle.session();
    let Some(document) = session.open() else {
        return;
    };
    let tagged: Vec<String> = document
        .annotations()
        .iter()
        .filter(|a| a.label.as_str() == crate::model::labels::CUE_LABEL)
        .map(|a| document.text_of(a).to_owned())
        .collect();
    let message = match add_user_cues(tagged) {
        Ok(0) => "Your cues already hold every cue tagged here.".to_owned(),
        Ok(1) => "1 cue tagged here was added to your cues.".to_owned(),
        Ok(n) => format!("{n} cues tagged here were added to your cues."),
        Err(error) => format!("Your cues were not saved: {error}."),
    };
    handle.dispatch.emit(Action::Notify {
        kind: NoticeKind::Info,
        message,
    });
}
