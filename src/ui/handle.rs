//! `AppHandle`: what work outside a render needs — async tasks, event listeners,
//! the format worker's answers. It reads the newest session (not the one a
//! closure was made in), reaches storage once it is open, and acts only by
//! dispatching actions.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use crate::formats::service::ImportFile;
use crate::model::article_meta::ArticleMeta;
use crate::model::document::Document;
use crate::model::ids::DocId;
use crate::model::session::{text_hash, Action, Imported, NoticeKind, Session};
use crate::ui::storage::Storage;
use crate::ui::{cleanup, dom, files, interchange};

pub type Shared<T> = Rc<RefCell<T>>;

#[derive(Clone)]
pub struct AppHandle {
    pub(crate) latest: Shared<Rc<Session>>,
    pub(crate) storage: Shared<Option<Rc<Storage>>>,
    /// An import waiting for the user to choose: placed on the open document,
    /// or imported as a new one.
    pub(crate) pending: Shared<Option<PendingImport>>,
    /// Files read, waiting for the mapping step to say what their labels become.
    pub(crate) pending_mapping: Shared<Option<PendingMapping>>,
    /// Bumped by each import and by Cancel import: an import whose number is no
    /// longer current imports nothing.
    pub(crate) import_generation: Rc<std::cell::Cell<u64>>,
    pub dispatch: Callback<Action>,
}

/// An import held back by the mapping step: the files, read again once answered.
pub struct PendingMapping {
    pub files: Vec<ImportFile>,
    pub names: Vec<String>,
}

/// Annotations read from files, made on another text than the open document's.
pub struct PendingImport {
    pub files: Vec<ImportFile>,
    pub imported: Imported,
}

impl AppHandle {
    pub fn session(&self) -> Rc<Session> {
        self.latest.borrow().clone()
    }

    pub fn info(&self, message: String) {
        self.dispatch.emit(Action::Notify {
            kind: NoticeKind::Info,
            message,
        });
    }

    pub fn error(&self, message: String) {
        self.dispatch.emit(Action::Notify {
            kind: NoticeKind::Error,
            message,
        });
    }

    /// Adds a new document, unless the library has this very text already: then
    /// that document is opened, and the user is told.
    pub fn create(&self, title: String, text: String) {
        self.create_with(title, text, None)
    }

    /// `create`, with what a web page said of its article.
    pub fn create_with(&self, title: String, text: String, meta: Option<ArticleMeta>) {
        let session = self.session();
        let Some(existing) = session.find_own_by_text_hash(text_hash(&text)).cloned() else {
            return self.create_new(title, text, meta);
        };
        let handle = self.clone();
        spawn_local(async move {
            let stored = handle.document(&existing.id).await.ok();
            // Equal hashes could still be different texts.
            if stored.is_some_and(|d| d.text().as_str() == text) {
                handle.open_document(existing.id.clone()).await;
                handle.info(format!(
                    "This text is already in your documents as “{}”: opened it.",
                    existing.title
                ));
            } else {
                handle.create_new(title, text, meta);
            }
        });
    }

    fn create_new(&self, title: String, text: String, meta: Option<ArticleMeta>) {
        self.dispatch.emit(Action::CreateDocument {
            id: DocId::new(&dom::new_document_id()),
            title,
            text: text.clone(),
            meta,
            now: dom::now_ms(),
        });
        cleanup::offer_if_needed(self, text);
    }

    /// A stored document, read from storage.
    /// A document as it is now: the open one when it is that (it may be newer
    /// than what storage holds), else read from storage.
    pub async fn document(&self, id: &DocId) -> Result<Document, String> {
        let open = self.session().open().filter(|d| d.id() == id).cloned();
        match open {
            Some(document) => Ok(document),
            None => self.load(id).await,
        }
    }

    pub async fn load(&self, id: &DocId) -> Result<Document, String> {
        let storage = self
            .storage
            .borrow()
            .clone()
            .ok_or("storage is not available")?;
        let (document, dropped) = storage.load_document(id).await?;
        if dropped > 0 {
            self.error(format!(
                "{dropped} saved annotations no longer fit the text and were left out."
            ));
        }
        Ok(document)
    }

    pub async fn open_document(&self, id: DocId) {
        if self.session().open().map(|d| d.id()) == Some(&id) {
            return;
        }
        match self.load(&id).await {
            Ok(document) => self.dispatch.emit(Action::ShowDocument(document)),
            Err(reason) => {
                let title = self
                    .session()
                    .summary(&id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                self.error(format!("Could not open “{title}”: {reason}."));
            }
        }
    }

    async fn open_article_file(&self, file: gloo_file::File) {
        match files::read_article(file).await {
            Ok(article) => self.create_with(article.title, article.text, article.meta),
            Err(message) => self.error(message),
        }
    }

    /// Adds a checked document to the library, or its annotations to the stored
    /// document with the same text.
    pub async fn import_document(&self, imported: Imported) {
        let hash = text_hash(imported.document.text().as_str());
        let candidate = self.session().find_by_text_hash(hash).map(|s| s.id.clone());
        let existing = match candidate {
            None => None,
            Some(id) => match self.session().open().filter(|d| d.id() == &id) {
                Some(open) => Some(open.clone()),
                None => self.load(&id).await.ok(),
            },
        };
        self.dispatch.emit(Action::Import {
            imported,
            new_id: DocId::new(&dom::new_document_id()),
            existing,
            now: dom::now_ms(),
        });
    }

    /// Stops the import under way: what it read is dropped, nothing is imported.
    pub fn cancel_import(&self) {
        self.import_generation.set(self.import_generation.get() + 1);
        self.info("Import cancelled: nothing was imported.".to_owned());
    }

    /// Places the waiting import's annotations on the open document.
    pub fn place_pending(&self) {
        let Some(pending) = self.pending.borrow_mut().take() else {
            return;
        };
        let handle = self.clone();
        spawn_local(async move { interchange::place_on_open(&handle, pending.files).await });
    }

    /// Imports the waiting import as a new document after all.
    pub fn import_pending(&self) {
        let Some(pending) = self.pending.borrow_mut().take() else {
            return;
        };
        self.dispatch.emit(Action::DismissNotice);
        let handle = self.clone();
        spawn_local(async move { handle.import_document(pending.imported).await });
    }

    /// Opens articles and imports annotation files: `as_import` says which, or
    /// `None` to tell each file by its name.
    pub fn handle_files(&self, files: Vec<gloo_file::File>, as_import: Option<bool>) {
        let handle = self.clone();
        spawn_local(async move {
            // Import files go together, so a brat .ann finds its .txt.
            let mut imports = Vec::new();
            let names: Vec<String> = files.iter().map(|f| f.name()).collect();
            for file in files {
                let import =
                    as_import.unwrap_or_else(|| files::is_import_file(&file.name(), &names));
                if import {
                    imports.push(file);
                } else {
                    handle.open_article_file(file).await;
                }
            }
            if !imports.is_empty() {
                interchange::import_through_worker(&handle, imports).await;
            }
        });
    }
}
