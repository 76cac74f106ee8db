//! Agreement from the app's side (issue 14): the library's versions of the same
//! texts (documents whose texts hash alike, each by its annotator) are read
//! from storage and sent to the format worker, which measures and formats;
//! the app only lays the lines out (`agreement::display_lines`).

use std::collections::BTreeMap;

use crate::formats::service::Stored;
use crate::model::ids::DocId;
use crate::model::session::Session;
use crate::ui::handle::AppHandle;
use crate::ui::worker;
use crate::worker_protocol::{Reply, Request};

/// The name the user's own documents go by when no name is set.
pub const YOU: &str = "You";

/// Texts the library holds more than once: each text's key (its hash) and
/// its documents with their annotators' names.
pub fn version_groups(session: &Session) -> BTreeMap<String, Vec<(DocId, String)>> {
    let mut groups: BTreeMap<String, Vec<(DocId, String)>> = BTreeMap::new();
    for summary in session.library() {
        let name = session
            .annotator_of(&summary.id)
            .unwrap_or_else(|| YOU.to_owned());
        groups
            .entry(format!("{:016x}", summary.text_hash))
            .or_default()
            .push((summary.id.clone(), name));
    }
    groups.retain(|_, documents| documents.len() >= 2);
    groups
}

/// Measures the versions in the library; the lines to show, or why not.
pub async fn measure(handle: &AppHandle) -> Result<String, String> {
    let session = handle.session();
    let groups = version_groups(&session);
    if groups.is_empty() {
        return Err("No text has two versions yet. Import a colleague’s annotations of a text you have (their export names them as its annotator) to compare them.".to_owned());
    }
    let mut versions: BTreeMap<String, Vec<(String, Stored)>> = BTreeMap::new();
    for (key, documents) in &groups {
        for (id, name) in documents {
            let document = handle.document(id).await?;
            let title = session
                .summary(id)
                .map_or(String::new(), |s| s.title.clone());
            versions
                .entry(name.clone())
                .or_default()
                .push((key.clone(), Stored::from_document(&title, &document)));
        }
    }
    let labels = serde_json::to_string(session.schema.labels())
        .map_err(|e| format!("the label schema could not be written ({e})"))?;
    let request = Request::Agree {
        labels,
        versions: versions.into_iter().collect(),
    };
    match worker::call(&request, |_, _| ()).await? {
        Reply::Agreement(lines) => Ok(lines),
        Reply::Failed(error) => Err(error),
        _ => Err("the worker gave no answer".to_owned()),
    }
}
