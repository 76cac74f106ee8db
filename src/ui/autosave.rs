//! Autosave: after every change, write what differs from what was last written.
//!
//! The app hands over each new session (a pointer copy). Writing waits for a short
//! quiet spell, so a burst of changes is one transaction and serialising never
//! delays the paint that shows a change; leaving the page writes at once.
//!
//! The open document is written (and one being left, when the open one changes
//! between two renders), and the documents of a corpus import
//! (`Session::imported_batch`), all in the same transaction.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::Callback;

use super::storage::{Storage, WriteBatch};
use crate::model::document::{ArticleText, Document};
use crate::model::ids::DocId;
use crate::model::records;
use crate::model::session::Session;

/// Quiet time before a write. Short enough that a reload a moment after a change
/// finds it; `pagehide` covers closing the tab sooner.
const QUIET_MS: u32 = 150;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing written yet this visit.
    Idle,
    Pending,
    Saved,
    Failed,
}

#[derive(Clone)]
pub struct Autosave(Rc<RefCell<Inner>>);

struct Inner {
    storage: Rc<Storage>,
    latest: Option<Rc<Session>>,
    /// The library revision and open document last written: the library record
    /// also says which document is open.
    library_written: Option<(u64, Option<DocId>)>,
    // Small vectors, not hash maps: a library holds hundreds of documents at most,
    // and each map type costs kilobytes of WebAssembly.
    document_revisions: Vec<(DocId, u64)>,
    /// Documents whose text storage holds, with the text last written (`None`:
    /// as read from storage). Texts are shared, so a changed text (a clean-up)
    /// is a different value, found by identity at no cost.
    texts: Vec<(DocId, Option<ArticleText>)>,
    /// The documents of the library record last written.
    ids: Vec<DocId>,
    timer: Option<Timeout>,
    on_status: Callback<SaveStatus>,
    on_error: Callback<String>,
    /// Another tab saved this library: writing now would overwrite its work.
    stopped: bool,
    /// The corpus import last written (by identity).
    batch_written: Rc<Vec<Rc<Document>>>,
}

impl Autosave {
    /// Starts from what storage already holds: the ids of the stored documents and
    /// the document it says is open.
    pub fn new(
        storage: Rc<Storage>,
        stored: Vec<DocId>,
        stored_open: Option<DocId>,
        on_status: Callback<SaveStatus>,
        on_error: Callback<String>,
    ) -> Self {
        let ids = stored;
        Autosave(Rc::new(RefCell::new(Inner {
            storage,
            latest: None,
            // Revision 0 is the restored library, unchanged.
            library_written: Some((0, stored_open)),
            document_revisions: Vec::new(),
            texts: ids.iter().map(|id| (id.clone(), None)).collect(),
            ids,
            timer: None,
            on_status,
            on_error,
            stopped: false,
            batch_written: Rc::default(),
        })))
    }

    /// Writes nothing from now on (another tab owns the library now); what is
    /// pending stays in memory, to export. False if it had stopped already.
    pub fn stop(&self) -> bool {
        let mut inner = self.0.borrow_mut();
        inner.timer = None;
        !std::mem::replace(&mut inner.stopped, true)
    }

    /// Notes the current session and schedules a write if anything changed.
    pub fn note(&self, session: Rc<Session>) {
        // Only the open document is written, so one that is being left must be
        // written now, before the pending snapshot is replaced.
        let leaving = self.0.borrow().latest.as_ref().is_some_and(|pending| {
            pending.open().map(|d| d.id()) != session.open().map(|d| d.id())
        });
        if leaving {
            self.flush();
        }
        let mut inner = self.0.borrow_mut();
        if inner.stopped || !is_dirty(&inner, &session) {
            return;
        }
        inner.latest = Some(session);
        inner.on_status.emit(SaveStatus::Pending);
        let this = self.clone();
        inner.timer = Some(Timeout::new(QUIET_MS, move || this.flush()));
    }

    /// Writes now whatever is pending.
    pub fn flush(&self) {
        let mut inner = self.0.borrow_mut();
        inner.timer = None;
        if inner.stopped {
            return;
        }
        let Some(session) = inner.latest.take() else {
            return;
        };
        super::mark("marginalia:save-start");
        let batch = take_batch(&mut inner, &session);
        super::mark("marginalia:save-batched");
        if batch.is_empty() {
            return;
        }
        let storage = inner.storage.clone();
        let on_status = inner.on_status.clone();
        let on_error = inner.on_error.clone();
        drop(inner);
        wasm_bindgen_futures::spawn_local(async move {
            let written = storage.write(batch).await;
            super::mark("marginalia:save-end");
            match written {
                Ok(()) => on_status.emit(SaveStatus::Saved),
                Err(reason) => {
                    on_status.emit(SaveStatus::Failed);
                    on_error.emit(reason);
                }
            }
        });
    }
}

/// Whether storage lacks this document's text as it is now. A document read from
/// storage has its stored text; the first look at it only remembers which.
fn text_is_new(inner: &Inner, document: &Document) -> bool {
    match inner.texts.iter().find(|(id, _)| id == document.id()) {
        None => true,
        Some((_, None)) => false,
        Some((_, Some(text))) => !text.same_allocation(document.text()),
    }
}

/// Remembers the text storage now holds for the document.
fn note_text(inner: &mut Inner, document: &Document) {
    inner.texts.retain(|(id, _)| id != document.id());
    inner
        .texts
        .push((document.id().clone(), Some(document.text().clone())));
}

fn is_dirty(inner: &Inner, session: &Session) -> bool {
    if inner.library_written != Some(library_key(session))
        || !Rc::ptr_eq(&inner.batch_written, session.imported_batch())
    {
        return true;
    }
    session.open().is_some_and(|document| {
        text_is_new(inner, document) || revision_of(inner, document.id()) != document.revision()
    })
}

/// Adds what storage lacks of `document` to `batch` (its text if new, its record
/// if changed), and marks it written.
fn write_document(inner: &mut Inner, batch: &mut WriteBatch, document: &Document) {
    let id = document.id();
    if text_is_new(inner, document) {
        batch
            .texts
            .push((id.clone(), document.text().as_str().to_owned()));
        batch
            .documents
            .push((id.clone(), records::document_to_record(document)));
    } else if revision_of(inner, id) != document.revision() {
        batch
            .documents
            .push((id.clone(), records::document_to_record(document)));
    }
    note_text(inner, document);
    inner.document_revisions.retain(|(d, _)| d != id);
    inner
        .document_revisions
        .push((id.clone(), document.revision()));
}

/// Everything that differs from the last write, marked as written.
fn take_batch(inner: &mut Inner, session: &Session) -> WriteBatch {
    let mut batch = WriteBatch::default();
    if let Some(document) = session.open() {
        write_document(inner, &mut batch, document);
    }
    if !Rc::ptr_eq(&inner.batch_written, session.imported_batch()) {
        // Each imported document still in the library, unless written already
        // (the open one, above). Linear scans: a thousand documents cost a few
        // milliseconds, a hash set kilobytes of WebAssembly.
        for document in session.imported_batch().iter() {
            let id = document.id();
            let listed = session.library().iter().any(|s| &s.id == id);
            // A document written before is written again only if it changed
            // (a team member's newer version); the open one was above.
            let open = session.open().is_some_and(|d| d.id() == id);
            if !listed || open {
                continue;
            }
            write_document(inner, &mut batch, document);
        }
        inner.batch_written = session.imported_batch().clone();
    }
    if inner.library_written != Some(library_key(session)) {
        let current: Vec<DocId> = session.library().iter().map(|s| s.id.clone()).collect();
        batch.deleted = inner
            .ids
            .iter()
            .filter(|id| !current.contains(id))
            .cloned()
            .collect();
        for id in &batch.deleted {
            inner.texts.retain(|(d, _)| d != id);
            inner.document_revisions.retain(|(d, _)| d != id);
        }
        batch.library = Some(records::library_to_record(session));
        inner.ids = current;
        inner.library_written = Some(library_key(session));
    }
    batch
}

fn revision_of(inner: &Inner, id: &DocId) -> u64 {
    inner
        .document_revisions
        .iter()
        .find(|(d, _)| d == id)
        .map_or(0, |(_, r)| *r)
}

fn library_key(session: &Session) -> (u64, Option<DocId>) {
    (
        session.library_revision(),
        session.open().map(|d| d.id().clone()),
    )
}
