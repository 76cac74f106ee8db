//! Teams (issue 15): what an invitation holds, and the records the team's
//! shared corpus document keeps. Pure: the sync worker (`src/bin/marginalia-team.rs`,
//! with `yrs`), the app and `marginalia team invite` share these.
//!
//! A y-sweet token opens exactly one Yjs document and a browser cannot mint
//! one, so the documents are fixed when the invitation is made: the corpus
//! (articles and members), one per annotator holding each article's layer as a
//! map of its own, and the curated layer. Others' layers are opened read-only
//! with the tokens members publish in the corpus.

pub mod layer;

use serde::{Deserialize, Serialize};

use layer::{Entries, Ops};

/// What an invitation's code starts with.
pub const CODE_PREFIX: &str = "marginalia-team:";

/// The Yjs documents of a team.
pub const CORPUS_DOC: &str = "marginalia-corpus";
pub const CURATED_DOC: &str = "marginalia-curated";

/// The Yjs document holding `name`'s layers.
pub fn layer_doc(name: &str) -> String {
    let slug: String = name
        .trim()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    // The name's hash keeps "Ana B" and "Ana-B" apart.
    format!(
        "marginalia-layer-{slug}-{:08x}",
        crate::model::session::text_hash(name.trim()) as u32
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Annotator,
    Curator,
}

/// One Yjs document on the server, and the token that opens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub doc: String,
    /// The y-websocket base address the server gave (`ws://host:port/d/DOC/ws`).
    pub url: String,
    pub token: String,
}

impl Grant {
    /// Where a y-websocket client connects (the document's name twice, as
    /// y-websocket adds it).
    pub fn socket_url(&self) -> String {
        format!("{}/{}?token={}", self.url, self.doc, self.token)
    }
}

/// What `marginalia team invite` makes for one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub name: String,
    pub role: Role,
    /// When the tokens stop working (milliseconds since 1970).
    pub expires_ms: u64,
    /// Full access: members and articles are everyone's to add.
    pub corpus: Grant,
    /// Full access to the holder's own layers.
    pub layer: Grant,
    /// Read-only access to them, published in the corpus for the others.
    pub layer_read: Grant,
    /// Full access for the curator, read-only for everyone else.
    pub curated: Grant,
}

impl Invitation {
    /// The code to paste: the prefix and the invitation as base64url JSON.
    pub fn code(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{CODE_PREFIX}{}", base64url_encode(json.as_bytes()))
    }

    /// Reads a code, or a link that carries one after `#join=`.
    pub fn from_code(text: &str) -> Result<Invitation, String> {
        let text = text.trim();
        let code = match text.find("join=") {
            Some(at) => &text[at + 5..],
            None => text,
        };
        let code = code.trim().strip_prefix(CODE_PREFIX).ok_or_else(|| {
            format!(
                "This is not a Marginalia team invitation: it should start with “{CODE_PREFIX}”."
            )
        })?;
        let bytes = base64url_decode(code.trim())
            .ok_or("This invitation is damaged: part of it is missing or changed.")?;
        serde_json::from_slice(&bytes)
            .map_err(|_| "This invitation is damaged: part of it is missing or changed.".to_owned())
    }
}

/// A member as the corpus lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub role: Role,
    /// Read-only access to their layers.
    pub layer: Grant,
    /// When their app last said it was connected.
    #[serde(default)]
    pub seen_ms: u64,
}

/// Which of the user's writable layers a message is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Writable {
    Own,
    Curated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    Connecting,
    Connected,
    Reconnecting,
    Offline,
    Refused,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub name: String,
    pub role: Role,
    pub online: bool,
    pub you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub key: String,
    pub title: String,
    /// Each layer's owner (a member, or "curated") and how many spans it has.
    pub layers: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub connection: Connection,
    /// Why, when refused or offline.
    pub reason: String,
    /// Local changes the server has not had yet.
    pub unsent: usize,
    pub members: Vec<MemberView>,
    pub articles: Vec<ArticleView>,
}

/// From the app to the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToWorker {
    Join {
        invitation: Box<Invitation>,
        now: u64,
    },
    /// The open document's layer as it is now (sent when it changes or opens);
    /// the text only the first time for a document (the article is its key).
    Local {
        layer: Writable,
        article: String,
        title: String,
        #[serde(default)]
        text: String,
        entries: Entries,
    },
    /// The browser went on- or offline.
    Network(bool),
    Leave,
}

/// From the worker to the app.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToApp {
    Overview(Overview),
    /// Changes to the open document from the user's other devices (or, for
    /// the curated layer, the curator's).
    Ops {
        layer: Writable,
        article: String,
        ops: Ops,
    },
    /// Someone else's layer of an article, whole (a read-only version).
    Version {
        owner: String,
        title: String,
        text: String,
        entries: Entries,
    },
    Failed(String),
}

/// An article as the corpus lists it: its text is never edited in the CRDT.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub title: String,
    pub text: String,
}

/// The article's key in every Yjs document: its text's hash.
pub fn article_key(text: &str) -> String {
    format!("{:016x}", crate::model::session::text_hash(text))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url (or standard base64), padding and white space ignored.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        n = n << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;
