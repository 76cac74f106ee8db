//! What a document says about the article it holds, beyond its text: who wrote
//! it, when, where it was published. Read from web pages (Open Graph, JSON-LD,
//! `<meta>`), carried in the native format and autosave.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// As the page gave it (usually ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

impl ArticleMeta {
    pub fn is_empty(&self) -> bool {
        *self == ArticleMeta::default()
    }

    /// `None` for metadata that says nothing.
    pub fn non_empty(self) -> Option<ArticleMeta> {
        (!self.is_empty()).then_some(self)
    }
}
