//! The session's side of a team (issue 15): who the user is in it, what the
//! sync worker last reported, others' layers kept as read-only versions, and
//! changes to the open layer from elsewhere applied as one undoable step.

use std::rc::Rc;

use crate::model::document::Document;
use crate::model::ids::DocId;
use crate::model::team::layer::{self, Ops};
use crate::model::team::{article_key, Overview, Role, Writable};

use super::action::NoticeKind;
use super::import::Imported;
use super::library::{self, text_hash};
use super::{plural, Session, CURATED};

/// The user as a team member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub role: Role,
    /// What the sync worker last said (None until it has).
    pub overview: Option<Overview>,
}

impl Session {
    pub fn team(&self) -> Option<&Team> {
        self.team.as_deref()
    }

    /// Which of the user's writable layers the open document is, in a team.
    pub fn open_layer(&self) -> Option<Writable> {
        let team = self.team()?;
        let summary = self.open_summary()?;
        match summary.annotator.as_deref() {
            None => Some(Writable::Own),
            Some(name) if name == team.name => Some(Writable::Own),
            Some(CURATED) if team.role == Role::Curator => Some(Writable::Curated),
            _ => None,
        }
    }

    /// Whose layer the open document is, when it is someone else's in the
    /// team (read-only here: their next change would replace any edit).
    pub fn read_only_layer(&self) -> Option<String> {
        self.team()?;
        let summary = self.open_summary()?;
        let owner = summary.annotator.clone()?;
        self.open_layer().is_none().then_some(owner)
    }

    pub(super) fn team_joined(&mut self, name: String, role: Role) {
        let name = name.trim().to_owned();
        if self.annotator.as_deref() != Some(name.as_str()) {
            self.annotator = Some(name.clone());
            self.library_revision += 1;
        }
        self.team = Some(Rc::new(Team {
            name,
            role,
            overview: None,
        }));
    }

    pub(super) fn team_overview(&mut self, overview: Overview) {
        if let Some(team) = self.team.as_mut() {
            Rc::make_mut(team).overview = Some(overview);
        }
    }

    pub(super) fn team_left(&mut self) {
        self.team = None;
        self.notify(
            NoticeKind::Info,
            "You left the team. Your documents and others’ versions stay on this device."
                .to_owned(),
        );
    }

    /// Changes from the user's other device (or another curator) to the open
    /// document's layer of `article`.
    pub(super) fn team_ops(&mut self, article: &str, ops: &Ops, now: u64) {
        let open_is_it = self
            .open()
            .is_some_and(|d| article_key(d.text().as_str()) == article)
            && self.open_layer().is_some();
        if !open_is_it {
            return;
        }
        let changed = self
            .open_mut()
            .map(|d| layer::apply_to(d, ops))
            .unwrap_or(Ok(false));
        if let Ok(true) = changed {
            self.touch_open(now);
            let (added, removed) = (ops.set.len(), ops.remove.len());
            self.announce(format!(
                "Synchronised: {} and {} from elsewhere.",
                plural(added, "change"),
                plural(removed, "removal")
            ));
        }
    }

    /// Someone's layer of a text, whole: it replaces their version of that
    /// text here, or becomes one (never opened for the user, never merged).
    pub(super) fn team_version(&mut self, imported: Imported, new_id: DocId, now: u64) {
        let Some(owner) = imported.annotator.clone() else {
            return;
        };
        let hash = text_hash(imported.document.text().as_str());
        // The user's own layer (or the curator's curated one) from another
        // device: a document this device lacks; one it has merges when opened.
        let me = self
            .team()
            .is_some_and(|t| t.name == owner || (owner == CURATED && t.role == Role::Curator));
        if me
            && self.library.iter().any(|s| {
                s.text_hash == hash
                    && (s.annotator.as_deref() == Some(owner.as_str())
                        || (owner != CURATED && s.annotator.is_none()))
            })
        {
            return;
        }
        let existing = self
            .library
            .iter()
            .find(|s| s.text_hash == hash && s.annotator.as_deref() == Some(owner.as_str()))
            .cloned();
        let id = existing.as_ref().map_or(new_id, |s| s.id.clone());
        let mut document = imported.document.with_id(id.clone());
        // A different value from the version it replaces, for autosave.
        document.mark_replaced(now);
        let title = match imported.title.trim() {
            "" => crate::model::text_input::title_from_text(document.text().as_str()),
            title => title.to_owned(),
        };
        let mut summary = library::summary_of(&document, title, now);
        let own = me && owner != CURATED;
        summary.annotator = (!own).then_some(owner);
        let library = Rc::make_mut(&mut self.library);
        match existing {
            Some(old) => {
                summary.created_ms = old.created_ms;
                summary.status = old.status;
                summary.title = old.title;
                if let Some(line) = library.iter_mut().find(|s| s.id == id) {
                    *line = summary;
                }
            }
            None => library.push(summary),
        }
        self.library_revision += 1;
        if self.open().is_some_and(|d| d.id() == &id) {
            self.show(document.clone());
        }
        // Written by autosave with the other versions that came this visit.
        let mut batch: Vec<Rc<Document>> = if self.batch_is_team {
            self.imported_batch
                .iter()
                .filter(|d| d.id() != &id)
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        batch.push(Rc::new(document));
        self.imported_batch = Rc::new(batch);
        self.batch_is_team = true;
    }

    /// Refuses an edit of someone else's layer, saying why.
    pub(super) fn refuse_read_only(&mut self) -> bool {
        let Some(owner) = self.read_only_layer() else {
            return false;
        };
        let whose = if owner == CURATED {
            "The curated version is the curator’s to edit".to_owned()
        } else {
            format!("This is {owner}’s layer: it is theirs to edit")
        };
        self.notify(
            NoticeKind::Error,
            format!("{whose}. Open your own document of this text to annotate it."),
        );
        true
    }
}
