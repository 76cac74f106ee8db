//! Browser storage: IndexedDB through the `idb` crate. Three object stores hold
//! plain JSON strings made by `model::records`: the library (one record), each
//! document's annotations, and each document's text (written once).

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

use crate::model::document::Document;
use crate::model::ids::DocId;
use crate::model::records::{self, StoredLibrary};

const DATABASE_NAME: &str = "marginalia";
const DATABASE_VERSION: u32 = 1;
const LIBRARY: &str = "library";
const DOCUMENTS: &str = "documents";
const TEXTS: &str = "texts";
const LIBRARY_KEY: &str = "library";

/// One write of everything that changed since the last one.
#[derive(Default)]
pub struct WriteBatch {
    pub library: Option<String>,
    pub documents: Vec<(DocId, String)>,
    pub texts: Vec<(DocId, String)>,
    pub deleted: Vec<DocId>,
}

impl WriteBatch {
    pub fn is_empty(&self) -> bool {
        self.library.is_none()
            && self.documents.is_empty()
            && self.texts.is_empty()
            && self.deleted.is_empty()
    }
}

pub struct Storage {
    database: Database,
}

/// A readable reason from a storage error, e.g. "QuotaExceededError".
fn reason(error: idb::Error) -> String {
    error.to_string()
}

impl Storage {
    pub async fn open() -> Result<Storage, String> {
        let factory = Factory::new().map_err(|_| "IndexedDB is not available".to_owned())?;
        let mut request = factory
            .open(DATABASE_NAME, Some(DATABASE_VERSION))
            .map_err(reason)?;
        request.on_upgrade_needed(|event| {
            let Ok(database) = event.database() else {
                return;
            };
            let existing = database.store_names();
            for name in [LIBRARY, DOCUMENTS, TEXTS] {
                if !existing.iter().any(|n| n == name) {
                    let _ = database.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let database = request.await.map_err(reason)?;
        Ok(Storage { database })
    }

    /// A stored document's text alone (searching every document needs no more).
    pub async fn text_of(&self, id: &DocId) -> Result<Option<String>, String> {
        self.get_string(TEXTS, id.as_str()).await
    }

    async fn get_string(&self, store: &str, key: &str) -> Result<Option<String>, String> {
        let transaction = self
            .database
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(reason)?;
        let value = transaction
            .object_store(store)
            .map_err(reason)?
            .get(JsValue::from_str(key))
            .map_err(reason)?
            .await
            .map_err(reason)?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// The library, the document that was open and the schema; nothing on a first visit.
    pub async fn load_library(&self) -> Result<Option<StoredLibrary>, String> {
        match self.get_string(LIBRARY, LIBRARY_KEY).await? {
            None => Ok(None),
            Some(json) => records::library_from_record(&json).map(Some),
        }
    }

    /// A stored document with its annotations, and how many damaged ones were dropped.
    pub async fn load_document(&self, id: &DocId) -> Result<(Document, usize), String> {
        let text = self
            .get_string(TEXTS, id.as_str())
            .await?
            .ok_or_else(|| "its text is missing from storage".to_owned())?;
        let record = self
            .get_string(DOCUMENTS, id.as_str())
            .await?
            .unwrap_or_else(|| r#"{"version":1,"next_seq":1,"annotations":[]}"#.to_owned());
        records::document_from_record(id.clone(), text, &record)
    }

    /// Writes a batch: all of it lands, or none of what the library record lists.
    /// A large batch (a corpus import) goes in several transactions, so the page
    /// stays responsive between them: documents first, the library record that
    /// lists them in the last one. A failure part-way leaves documents no
    /// library record lists, which the next save writes over; never a library
    /// that lists a document storage lacks.
    pub async fn write(&self, mut batch: WriteBatch) -> Result<(), String> {
        const DOCUMENTS_PER_TRANSACTION: usize = 100;
        while batch.documents.len() > DOCUMENTS_PER_TRANSACTION {
            let documents: Vec<(DocId, String)> =
                batch.documents.drain(..DOCUMENTS_PER_TRANSACTION).collect();
            let texts: Vec<(DocId, String)> = {
                let (these, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut batch.texts)
                    .into_iter()
                    .partition(|(id, _)| documents.iter().any(|(d, _)| d == id));
                batch.texts = rest;
                these
            };
            self.write_one(WriteBatch {
                documents,
                texts,
                ..WriteBatch::default()
            })
            .await?;
        }
        self.write_one(batch).await
    }

    /// Writes a batch in one transaction: all of it lands, or none of it.
    async fn write_one(&self, batch: WriteBatch) -> Result<(), String> {
        let transaction = self
            .database
            .transaction(&[LIBRARY, DOCUMENTS, TEXTS], TransactionMode::ReadWrite)
            .map_err(reason)?;
        // A write that fails part-way (a full disk) must leave nothing behind.
        if let Err(error) = put_batch(&transaction, &batch) {
            let _ = transaction.abort();
            return Err(error);
        }
        let result = transaction
            .commit()
            .map_err(reason)?
            .await
            .map_err(reason)?;
        if result.is_committed() {
            Ok(())
        } else {
            Err("the browser aborted the save".to_owned())
        }
    }
}

/// Puts a batch's records in `transaction` (which the caller commits or aborts).
fn put_batch(transaction: &idb::Transaction, batch: &WriteBatch) -> Result<(), String> {
    let library = transaction.object_store(LIBRARY).map_err(reason)?;
    let documents = transaction.object_store(DOCUMENTS).map_err(reason)?;
    let texts = transaction.object_store(TEXTS).map_err(reason)?;
    let put = |store: &idb::ObjectStore, key: &str, value: &str| {
        store
            .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
            .map(drop)
            .map_err(reason)
    };
    for (id, text) in &batch.texts {
        put(&texts, id.as_str(), text)?;
    }
    for (id, record) in &batch.documents {
        put(&documents, id.as_str(), record)?;
    }
    for id in &batch.deleted {
        documents
            .delete(JsValue::from_str(id.as_str()))
            .map_err(reason)?;
        texts
            .delete(JsValue::from_str(id.as_str()))
            .map_err(reason)?;
    }
    if let Some(record) = &batch.library {
        put(&library, LIBRARY_KEY, record)?;
    }
    Ok(())
}

/// How much of the browser's storage the library takes, and whether the browser
/// keeps it (persistent storage) or may clear it when space runs low.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub used: f64,
    pub quota: f64,
    pub persisted: bool,
}

/// Asks the browser to keep the library (once there is something to keep: a
/// browser may ask the user), and measures what it takes.
pub async fn keep_and_measure(ask_to_keep: bool) -> Option<StorageUse> {
    use wasm_bindgen_futures::JsFuture;
    let manager = web_sys::window()?.navigator().storage();
    let mut persisted = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
        .unwrap_or(false);
    if ask_to_keep && !persisted {
        persisted = JsFuture::from(manager.persist().ok()?)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    }
    let estimate: web_sys::StorageEstimate =
        JsFuture::from(manager.estimate().ok()?).await.ok()?.into();
    Some(StorageUse {
        used: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
        persisted,
    })
}
