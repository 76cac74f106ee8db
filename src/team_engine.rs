//! What a team member's device does with its Yjs documents (issue 15), as a
//! state machine with no I/O: the sync worker (`src/bin/marginalia-team.rs`)
//! feeds it the app's messages, the server's frames and socket events, and
//! carries out the `Effect`s it asks for (connect, send, save, tell the app).
//! Host tests drive it against an in-memory server.
//!
//! The app's layer and the Yjs copy are merged three ways: the worker keeps,
//! per article, the entries the app last reported (`bases`), so a change on
//! either side since is kept and both end the same; ops go to the app only for
//! the article it has open (a layer is merged again when the app opens it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::team::layer::{self, Entries};
use crate::model::team::{base64url_decode, base64url_encode, Article, Invitation, Member, Role};
pub use crate::model::team::{
    ArticleView, Connection, MemberView, Overview, ToApp, ToWorker, Writable,
};
use crate::replica::{self, Replica};

/// The owner name the curated layer has in the app.
pub const CURATED: &str = "curated";
const ARTICLES: &str = "articles";
const MEMBERS: &str = "members";
const LAYER: &str = "layer:";
/// A member who has not said they are here for this long is away.
const AWAY_AFTER_MS: u64 = 45_000;
/// Failed attempts in a row before "reconnecting" becomes "offline".
const FAILURES_BEFORE_OFFLINE: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Connect {
        doc: String,
        url: String,
    },
    Send {
        doc: String,
        bytes: Vec<u8>,
    },
    Close {
        doc: String,
    },
    /// `Engine::saved` has changed.
    Save,
    ToApp(ToAppMessage),
}

/// `ToApp`, compared by its JSON (effects are compared in tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToAppMessage(pub String);

/// What a device keeps between visits (in the worker's IndexedDB).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Saved {
    /// Each Yjs document's state, base64url.
    pub states: BTreeMap<String, String>,
    pub bases: BTreeMap<String, Entries>,
    /// Each version last given to the app, by owner and article: a hash.
    pub delivered: BTreeMap<String, u64>,
    pub unsent: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Owner {
    Corpus,
    Own,
    Curated,
    Other(String),
}

struct Doc {
    replica: Replica,
    owner: Owner,
    url: String,
    open: bool,
    synced: bool,
    ever_open: bool,
    failures: u32,
}

pub struct Engine {
    invitation: Invitation,
    docs: BTreeMap<String, Doc>,
    saved: Saved,
    /// The app's open document: which layer, and the article.
    focus: Option<(Writable, String)>,
    online: bool,
    now: u64,
    effects: Vec<Effect>,
    overview: Option<Overview>,
    /// The corpus's articles, read once each: they never change, and their
    /// texts are too large to parse again on every event.
    articles: BTreeMap<String, Article>,
}

impl Engine {
    pub fn new(invitation: Invitation, saved: Saved, now: u64) -> Engine {
        let mut engine = Engine {
            docs: BTreeMap::new(),
            saved,
            focus: None,
            online: true,
            now,
            effects: Vec::new(),
            overview: None,
            articles: BTreeMap::new(),
            invitation,
        };
        let inv = engine.invitation.clone();
        engine.add_doc(&inv.corpus.doc, Owner::Corpus, inv.corpus.socket_url());
        engine.add_doc(&inv.layer.doc, Owner::Own, inv.layer.socket_url());
        engine.add_doc(&inv.curated.doc, Owner::Curated, inv.curated.socket_url());
        engine.read_new_articles();
        engine.follow_members();
        engine.announce();
        engine.deliver_versions();
        engine.report();
        engine
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What to keep for the next visit.
    pub fn saved(&self) -> Saved {
        let mut saved = self.saved.clone();
        saved.states = self
            .docs
            .iter()
            .map(|(id, doc)| (id.clone(), base64url_encode(&doc.replica.state())))
            .collect();
        saved
    }

    fn add_doc(&mut self, id: &str, owner: Owner, url: String) {
        if self.docs.contains_key(id) {
            return;
        }
        let replica = Replica::new();
        if let Some(state) = self.saved.states.get(id).and_then(|s| base64url_decode(s)) {
            replica.apply_update(&state);
        }
        self.docs.insert(
            id.to_owned(),
            Doc {
                replica,
                owner,
                url: url.clone(),
                open: false,
                synced: false,
                ever_open: false,
                failures: 0,
            },
        );
        if self.online && !self.expired() {
            self.effects.push(Effect::Connect {
                doc: id.to_owned(),
                url,
            });
        }
    }

    fn expired(&self) -> bool {
        self.invitation.expires_ms <= self.now
    }

    fn tell(&mut self, message: ToApp) {
        let json = serde_json::to_string(&message).unwrap_or_default();
        self.effects.push(Effect::ToApp(ToAppMessage(json)));
    }

    /// Sends an update to a document's server, or counts it as unsent.
    fn send_update(&mut self, id: &str, update: Vec<u8>) {
        let Some(doc) = self.docs.get(id) else { return };
        if doc.open && doc.synced {
            self.effects.push(Effect::Send {
                doc: id.to_owned(),
                bytes: Replica::update_message(update),
            });
        } else if matches!(doc.owner, Owner::Own | Owner::Curated) {
            // Sent with the sync on reconnect; counted until then.
            self.saved.unsent += 1;
        }
        self.effects.push(Effect::Save);
    }

    // ---- socket events ----

    pub fn opened(&mut self, id: &str) {
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        doc.open = true;
        doc.ever_open = true;
        doc.failures = 0;
        let hello = doc.replica.hello();
        self.effects.push(Effect::Send {
            doc: id.to_owned(),
            bytes: hello,
        });
        self.report();
    }

    pub fn frame(&mut self, id: &str, bytes: &[u8], now: u64) {
        self.now = now;
        let Some(doc) = self.docs.get_mut(id) else {
            return;
        };
        let handled = doc.replica.handle(bytes);
        let first_sync = handled.synced && !doc.synced;
        if handled.synced {
            doc.synced = true;
        }
        let owner = doc.owner.clone();
        for reply in handled.replies {
            self.effects.push(Effect::Send {
                doc: id.to_owned(),
                bytes: reply,
            });
        }
        if let Some(reason) = handled.denied {
            self.tell(ToApp::Failed(format!(
                "The server refused a change: {reason}"
            )));
        }
        if first_sync {
            // Our step 2 (the reply above) carried what was made offline.
            if matches!(owner, Owner::Own) {
                self.saved.unsent = 0;
            }
            if matches!(owner, Owner::Corpus) {
                self.announce();
            }
        }
        if handled.changed {
            self.effects.push(Effect::Save);
            match owner {
                Owner::Corpus => {
                    self.read_new_articles();
                    self.follow_members();
                    self.deliver_versions();
                }
                Owner::Own => {
                    self.push_focus(Writable::Own);
                    self.deliver_versions();
                }
                Owner::Curated if self.invitation.role == Role::Curator => {
                    self.push_focus(Writable::Curated);
                    self.deliver_versions();
                }
                Owner::Curated | Owner::Other(_) => self.deliver_versions(),
            }
        }
        self.report();
    }

    /// The socket closed (or never opened): `Effect::Connect` again later is
    /// the worker's to schedule, unless `should_retry` says no.
    pub fn closed(&mut self, id: &str) {
        if let Some(doc) = self.docs.get_mut(id) {
            doc.open = false;
            doc.synced = false;
            doc.failures += 1;
        }
        self.report();
    }

    pub fn should_retry(&self, id: &str) -> bool {
        self.online && !self.expired() && self.docs.contains_key(id)
    }

    pub fn url_of(&self, id: &str) -> Option<String> {
        self.docs.get(id).map(|d| d.url.clone())
    }

    pub fn network(&mut self, online: bool) {
        if online == self.online {
            return;
        }
        self.online = online;
        let ids: Vec<(String, String)> = self
            .docs
            .iter()
            .map(|(id, d)| (id.clone(), d.url.clone()))
            .collect();
        for (id, url) in ids {
            if online {
                self.effects.push(Effect::Connect { doc: id, url });
            } else {
                self.effects.push(Effect::Close { doc: id.clone() });
                if let Some(doc) = self.docs.get_mut(&id) {
                    doc.open = false;
                    doc.synced = false;
                }
            }
        }
        self.report();
    }

    /// Every few seconds: say we are here, and see who else is.
    pub fn tick(&mut self, now: u64) {
        self.now = now;
        self.announce();
        self.report();
    }

    // ---- the app ----

    /// The app's open layer of `article`; `text` (given the first time) puts
    /// the article in the corpus if it is not there.
    pub fn local(
        &mut self,
        layer: Writable,
        article: String,
        title: String,
        text: String,
        entries: Entries,
    ) {
        if layer == Writable::Curated && self.invitation.role != Role::Curator {
            return;
        }
        if !text.is_empty() {
            self.add_article(&article, title, text);
        }
        let id = match layer {
            Writable::Own => self.invitation.layer.doc.clone(),
            Writable::Curated => self.invitation.curated.doc.clone(),
        };
        let map = format!("{LAYER}{article}");
        let base_key = base_key(layer, &article);
        let base = self.saved.bases.get(&base_key).cloned().unwrap_or_default();
        let Some(doc) = self.docs.get(&id) else {
            return;
        };
        let theirs = doc.replica.entries(&map);
        let (to_server, to_app) = layer::merge(&base, &entries, &theirs);
        let update = doc.replica.change(&map, &to_server);
        self.saved.bases.insert(base_key, entries);
        self.focus = Some((layer, article.clone()));
        if let Some(update) = update {
            self.send_update(&id, update);
        }
        if !to_app.is_empty() {
            self.tell(ToApp::Ops {
                layer,
                article,
                ops: to_app,
            });
        }
        self.effects.push(Effect::Save);
        self.report();
    }

    fn add_article(&mut self, key: &str, title: String, text: String) {
        let corpus = self.invitation.corpus.doc.clone();
        let Some(doc) = self.docs.get(&corpus) else {
            return;
        };
        if self.articles.contains_key(key) {
            return;
        }
        let article = Article { title, text };
        let record = serde_json::to_string(&article).unwrap_or_default();
        let update = doc.replica.set(ARTICLES, key, &record);
        self.articles.insert(key.to_owned(), article);
        if let Some(update) = update {
            self.send_update(&corpus, update);
        }
    }

    /// Remote changes to the open article's layer go to the app as ops.
    fn push_focus(&mut self, changed: Writable) {
        let Some((layer, article)) = self.focus.clone() else {
            return;
        };
        if layer != changed {
            return;
        }
        let id = match layer {
            Writable::Own => &self.invitation.layer.doc,
            Writable::Curated => &self.invitation.curated.doc,
        };
        let Some(doc) = self.docs.get(id) else { return };
        let theirs = doc.replica.entries(&format!("{LAYER}{article}"));
        let base_key = base_key(layer, &article);
        let base = self.saved.bases.get(&base_key).cloned().unwrap_or_default();
        let ops = layer::diff(&base, &theirs);
        if !ops.is_empty() {
            self.tell(ToApp::Ops {
                layer,
                article,
                ops,
            });
        }
    }

    // ---- the corpus ----

    fn announce(&mut self) {
        let corpus = self.invitation.corpus.doc.clone();
        let Some(doc) = self.docs.get(&corpus) else {
            return;
        };
        let connected = doc.open && doc.synced;
        if !connected
            && doc
                .replica
                .entries(MEMBERS)
                .contains_key(&self.invitation.name)
        {
            return;
        }
        let member = Member {
            role: self.invitation.role,
            layer: self.invitation.layer_read.clone(),
            seen_ms: if connected { self.now } else { 0 },
        };
        let record = serde_json::to_string(&member).unwrap_or_default();
        if let Some(update) = doc.replica.set(MEMBERS, &self.invitation.name, &record) {
            self.send_update(&corpus, update);
        }
    }

    /// The corpus's records in one of its maps (those that do not read are skipped).
    fn corpus_records<T: serde::de::DeserializeOwned>(&self, map: &str) -> BTreeMap<String, T> {
        self.docs
            .get(&self.invitation.corpus.doc)
            .map(|d| d.replica.entries(map))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(key, json)| Some((key, serde_json::from_str(&json).ok()?)))
            .collect()
    }

    fn members(&self) -> BTreeMap<String, Member> {
        self.corpus_records(MEMBERS)
    }

    /// Opens every other member's layers, read-only.
    fn follow_members(&mut self) {
        for (name, member) in self.members() {
            if name != self.invitation.name && member.layer.doc != self.invitation.layer.doc {
                let url = member.layer.socket_url();
                self.add_doc(&member.layer.doc.clone(), Owner::Other(name), url);
            }
        }
    }

    /// Reads the articles the corpus gained since last time.
    fn read_new_articles(&mut self) {
        let Some(doc) = self.docs.get(&self.invitation.corpus.doc) else {
            return;
        };
        for key in doc.replica.keys(ARTICLES) {
            if self.articles.contains_key(&key) {
                continue;
            }
            let article = doc.replica.get(ARTICLES, &key);
            if let Some(article) = article.and_then(|json| serde_json::from_str(&json).ok()) {
                self.articles.insert(key, article);
            }
        }
    }

    /// Others' layers (and, for annotators, the curated one) that changed
    /// since the app last had them, whole.
    fn deliver_versions(&mut self) {
        let curator = self.invitation.role == Role::Curator;
        let mut versions = Vec::new();
        for doc in self.docs.values() {
            // The user's own layers (and the curator's curated one) come whole
            // only to a device that has never had that article open: a new
            // device gets every document; after that they merge when opened.
            let (owner, writable) = match &doc.owner {
                Owner::Other(name) => (name.clone(), None),
                Owner::Curated if !curator => (CURATED.to_owned(), None),
                Owner::Curated => (CURATED.to_owned(), Some(Writable::Curated)),
                Owner::Own => (self.invitation.name.clone(), Some(Writable::Own)),
                Owner::Corpus => continue,
            };
            for (article, entries) in replica::layers(&doc.replica, LAYER) {
                if let Some(layer) = writable {
                    if self.saved.bases.contains_key(&base_key(layer, &article)) {
                        continue;
                    }
                }
                let Some(text) = self.articles.get(&article) else {
                    continue; // its text has not arrived yet
                };
                let key = format!("{owner}\u{1f}{article}");
                let hash = hash_entries(&entries);
                if self.saved.delivered.get(&key) == Some(&hash) {
                    continue;
                }
                versions.push((key, hash, owner.clone(), text.clone(), entries));
            }
        }
        for (key, hash, owner, article, entries) in versions {
            self.saved.delivered.insert(key, hash);
            self.tell(ToApp::Version {
                owner,
                title: article.title,
                text: article.text,
                entries,
            });
            self.effects.push(Effect::Save);
        }
    }

    // ---- the overview ----

    fn connection(&self) -> (Connection, String) {
        if self.expired() {
            return (
                Connection::Refused,
                "Your invitation has expired: ask for a new one.".to_owned(),
            );
        }
        let get = |id: &str| self.docs.get(id);
        let (Some(corpus), Some(own)) = (
            get(&self.invitation.corpus.doc),
            get(&self.invitation.layer.doc),
        ) else {
            return (Connection::Offline, String::new());
        };
        let refused = |d: &Doc| !d.open && !d.ever_open && d.failures > 0;
        let any_open = self.docs.values().any(|d| d.ever_open);
        if any_open && (refused(corpus) || refused(own)) {
            return (
                Connection::Refused,
                "The server refused your invitation (revoked, or for another server): ask for a new one."
                    .to_owned(),
            );
        }
        if !self.online {
            return (Connection::Offline, "This device is offline.".to_owned());
        }
        if corpus.synced && own.synced {
            return (Connection::Connected, String::new());
        }
        let failures = corpus.failures.max(own.failures);
        if !any_open && failures == 0 {
            (Connection::Connecting, String::new())
        } else if failures >= FAILURES_BEFORE_OFFLINE {
            // A browser is not told why a WebSocket failed: never having got
            // in may also mean the server turned the invitation away.
            let reason = if any_open {
                "The team’s server cannot be reached; trying again."
            } else {
                "Cannot reach the team’s server: it is down or unreachable, or it turned this invitation away (ask for a new one if this lasts). Trying again."
            };
            (Connection::Offline, reason.to_owned())
        } else {
            (Connection::Reconnecting, String::new())
        }
    }

    fn report(&mut self) {
        let (connection, reason) = self.connection();
        let me = self.invitation.name.clone();
        let mut members: Vec<MemberView> = self
            .members()
            .into_iter()
            .map(|(name, m)| MemberView {
                online: if name == me {
                    connection == Connection::Connected
                } else {
                    m.seen_ms + AWAY_AFTER_MS > self.now
                },
                you: name == me,
                role: m.role,
                name,
            })
            .collect();
        if !members.iter().any(|m| m.you) {
            members.insert(
                0,
                MemberView {
                    name: me.clone(),
                    role: self.invitation.role,
                    online: connection == Connection::Connected,
                    you: true,
                },
            );
        }
        let mut articles = Vec::new();
        for (key, article) in &self.articles {
            let mut layers = Vec::new();
            for doc in self.docs.values() {
                let owner = match &doc.owner {
                    Owner::Own => me.clone(),
                    Owner::Other(name) => name.clone(),
                    Owner::Curated => CURATED.to_owned(),
                    Owner::Corpus => continue,
                };
                let count = layer::span_count(&doc.replica.keys(&format!("{LAYER}{key}")));
                layers.push((owner, count));
            }
            articles.push(ArticleView {
                key: key.clone(),
                title: article.title.clone(),
                layers,
            });
        }
        let overview = Overview {
            connection,
            reason,
            unsent: self.saved.unsent,
            members,
            articles,
        };
        if self.overview.as_ref() != Some(&overview) {
            self.overview = Some(overview.clone());
            self.tell(ToApp::Overview(overview));
        }
    }
}

fn base_key(layer: Writable, article: &str) -> String {
    format!("{layer:?}:{article}")
}

fn hash_entries(entries: &Entries) -> u64 {
    let mut joined = String::new();
    for (k, v) in entries {
        joined.push_str(k);
        joined.push('\u{1e}');
        joined.push_str(v);
        joined.push('\u{1f}');
    }
    crate::model::session::text_hash(&joined)
}

#[cfg(test)]
mod tests;
