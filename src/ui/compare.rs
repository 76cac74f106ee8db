//! Compare and curate from the app's side (issue 14): two versions of one text
//! are read from storage, their disagreements listed (`agreement::differences`),
//! and the curated version — a document of its own, annotator "curated" — is
//! opened (started from what both agree on when there is none yet), so every
//! choice is an ordinary undoable, autosaved edit of it.

use std::rc::Rc;

use crate::model::agreement::differences::{agreed, differences, Difference};
use crate::model::document::Document;
use crate::model::ids::DocId;
use crate::model::session::{Action, CURATED};
use crate::ui::agreement::version_groups;
use crate::ui::dom;
use crate::ui::handle::AppHandle;

/// What the Compare view shows.
#[derive(Clone, PartialEq)]
pub struct Comparison {
    pub a: Rc<Document>,
    pub b: Rc<Document>,
    pub names: (String, String),
    pub title: String,
    pub differences: Rc<Vec<Difference>>,
    /// The text's key, and every annotator's version of it (to pick two).
    pub key: String,
    pub versions: Vec<String>,
}

/// Opens the comparison of two versions of the text `key` (a key of
/// `version_groups`) — `pick`, or the first two by name — and its curated version.
pub async fn open(
    handle: &AppHandle,
    key: &str,
    pick: Option<(String, String)>,
) -> Result<Comparison, String> {
    let session = handle.session();
    let groups = version_groups(&session);
    let documents = groups
        .get(key)
        .ok_or("these versions are no longer in the library")?;
    let mut versions: Vec<&(DocId, String)> = documents
        .iter()
        .filter(|(_, name)| name != CURATED)
        .collect();
    versions.sort_by(|x, y| x.1.cmp(&y.1));
    let names_all: Vec<String> = versions.iter().map(|(_, n)| n.clone()).collect();
    if let Some((first, second)) = &pick {
        let chosen = |name: &String| versions.iter().position(|(_, n)| n == name);
        if let (Some(i), Some(j)) = (chosen(first), chosen(second)) {
            if i != j {
                let (x, y) = (versions[i], versions[j]);
                versions = vec![x, y];
            }
        }
    }
    let [(a_id, a_name), (b_id, b_name), ..] = versions.as_slice() else {
        return Err("comparing needs two annotators’ versions of the text".to_owned());
    };
    let (a, b) = (handle.document(a_id).await?, handle.document(b_id).await?);
    let title = session
        .summary(a_id)
        .map_or(String::new(), |s| s.title.clone());
    let names = (a_name.clone(), b_name.clone());
    let gold = documents.iter().find(|(_, name)| name == CURATED);
    match gold {
        Some((id, _)) => {
            let document = handle.document(id).await?;
            handle.dispatch.emit(Action::ShowDocument(document));
        }
        None => {
            let document = agreed(&a, &b, (&names.0, &names.1)).map_err(|e| e.to_string())?;
            handle.dispatch.emit(Action::StartCuration {
                title: format!("{title} (curated)"),
                document,
                id: DocId::new(&dom::new_document_id()),
                now: dom::now_ms(),
            });
        }
    }
    Ok(Comparison {
        differences: Rc::new(differences(&a, &b)),
        a: Rc::new(a),
        b: Rc::new(b),
        names,
        title,
        key: key.to_owned(),
        versions: names_all,
    })
}
