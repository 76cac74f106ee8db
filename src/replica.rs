//! One Yjs document (`yrs`) as a team member's device holds it, and the
//! y-websocket sync protocol it speaks to the server (issue 15). No I/O: the
//! sync worker (`src/bin/marginalia-team.rs`) moves the bytes, the tests drive
//! it natively. Every root map holds string entries: an article's layer
//! (`model::team::layer`), or the corpus's articles and members.
//!
//! Root maps, not maps nested in one: two devices that create the same root
//! map offline merge it, where two nested maps made under one key would
//! replace each other.

use std::collections::BTreeMap;

use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, Map, ReadTxn, StateVector, Transact, Update};

use crate::model::team::layer::{Entries, Ops};

/// What a message from the server asks of us.
#[derive(Debug, Default)]
pub struct Handled {
    /// Messages to send back.
    pub replies: Vec<Vec<u8>>,
    /// The document changed.
    pub changed: bool,
    /// The server finished the first sync (its step 2 arrived).
    pub synced: bool,
    /// The server refused (y-websocket's permission denied).
    pub denied: Option<String>,
}

pub struct Replica {
    doc: Doc,
}

impl Default for Replica {
    fn default() -> Self {
        Replica::new()
    }
}

impl Replica {
    pub fn new() -> Replica {
        Replica { doc: Doc::new() }
    }

    /// Applies a stored or received update; false if it does not decode.
    pub fn apply_update(&self, update: &[u8]) -> bool {
        match Update::decode_v1(update) {
            Ok(update) => {
                self.doc.transact_mut().apply_update(update);
                true
            }
            Err(_) => false,
        }
    }

    /// The whole document as one update (what storage keeps).
    pub fn state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// The first message on a new connection: what we have.
    pub fn hello(&self) -> Vec<u8> {
        let state = self.doc.transact().state_vector();
        Message::Sync(SyncMessage::SyncStep1(state)).encode_v1()
    }

    /// An update as a message to the server.
    pub fn update_message(update: Vec<u8>) -> Vec<u8> {
        Message::Sync(SyncMessage::Update(update)).encode_v1()
    }

    /// Handles one binary frame from the server.
    pub fn handle(&self, frame: &[u8]) -> Handled {
        let mut handled = Handled::default();
        let mut decoder = DecoderV1::from(frame);
        while let Ok(message) = Message::decode(&mut decoder) {
            match message {
                Message::Sync(SyncMessage::SyncStep1(state)) => {
                    let missing = self.doc.transact().encode_state_as_update_v1(&state);
                    handled
                        .replies
                        .push(Message::Sync(SyncMessage::SyncStep2(missing)).encode_v1());
                }
                Message::Sync(SyncMessage::SyncStep2(update)) => {
                    handled.changed |= self.apply_changes(&update);
                    handled.synced = true;
                }
                Message::Sync(SyncMessage::Update(update)) => {
                    handled.changed |= self.apply_changes(&update);
                }
                Message::Auth(Some(reason)) => handled.denied = Some(reason),
                _ => {}
            }
        }
        handled
    }

    /// Applies an update; whether the state moved.
    fn apply_changes(&self, update: &[u8]) -> bool {
        let before = self.doc.transact().state_vector();
        self.apply_update(update) && self.doc.transact().state_vector() != before
    }

    /// The entries of a root map.
    pub fn entries(&self, map: &str) -> Entries {
        let txn = self.doc.transact();
        let Some(root) = txn.get_map(map) else {
            return Entries::new();
        };
        root.iter(&txn)
            .map(|(k, v)| (k.to_owned(), v.to_string(&txn)))
            .collect()
    }

    /// The keys of a root map, without reading their values.
    pub fn keys(&self, map: &str) -> Vec<String> {
        let txn = self.doc.transact();
        txn.get_map(map)
            .map(|root| root.keys(&txn).map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// One entry of a root map.
    pub fn get(&self, map: &str, key: &str) -> Option<String> {
        let txn = self.doc.transact();
        let root = txn.get_map(map)?;
        root.get(&txn, key).map(|v| v.to_string(&txn))
    }

    /// The names of the root maps that start with `prefix`.
    pub fn maps(&self, prefix: &str) -> Vec<String> {
        let txn = self.doc.transact();
        txn.root_refs()
            .map(|(name, _)| name)
            .filter(|name| name.starts_with(prefix))
            .map(str::to_owned)
            .collect()
    }

    /// Applies ops to a root map in one transaction; the update to send (None
    /// when nothing changed).
    pub fn change(&self, map: &str, ops: &Ops) -> Option<Vec<u8>> {
        let root = self.doc.get_or_insert_map(map);
        let before = self.doc.transact().state_vector();
        {
            let mut txn = self.doc.transact_mut();
            for key in &ops.remove {
                root.remove(&mut txn, key);
            }
            for (key, value) in &ops.set {
                let same = root
                    .get(&txn, key)
                    .is_some_and(|v| v.to_string(&txn) == *value);
                if !same {
                    root.insert(&mut txn, key.as_str(), value.as_str());
                }
            }
        }
        let txn = self.doc.transact();
        (txn.state_vector() != before).then(|| txn.encode_state_as_update_v1(&before))
    }

    /// Sets one entry (a member, an article).
    pub fn set(&self, map: &str, key: &str, value: &str) -> Option<Vec<u8>> {
        self.change(
            map,
            &Ops {
                set: vec![(key.to_owned(), value.to_owned())],
                remove: Vec::new(),
            },
        )
    }
}

/// Every root map of a replica with the given prefix, by the rest of its name.
pub fn layers(replica: &Replica, prefix: &str) -> BTreeMap<String, Entries> {
    replica
        .maps(prefix)
        .into_iter()
        .map(|name| (name[prefix.len()..].to_owned(), replica.entries(&name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(set: &[(&str, &str)], remove: &[&str]) -> Ops {
        Ops {
            set: set
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            remove: remove.iter().map(|k| k.to_string()).collect(),
        }
    }

    /// Two replicas that exchange the protocol's messages directly.
    fn sync(a: &Replica, b: &Replica) {
        for reply in b.handle(&a.hello()).replies {
            a.handle(&reply);
        }
        for reply in a.handle(&b.hello()).replies {
            b.handle(&reply);
        }
    }

    #[test]
    fn two_devices_editing_offline_merge_on_sync() {
        let (a, b) = (Replica::new(), Replica::new());
        a.change("layer:1", &ops(&[("s 1", ""), ("s 2", "x")], &[]))
            .unwrap();
        sync(&a, &b);
        assert_eq!(a.entries("layer:1"), b.entries("layer:1"));
        // Offline: each changes something else, and both add the same map.
        a.change("layer:1", &ops(&[("s 3", "")], &["s 1"])).unwrap();
        b.change("layer:1", &ops(&[("s 4", "")], &[])).unwrap();
        b.change("layer:2", &ops(&[("s 9", "")], &[])).unwrap();
        a.change("layer:2", &ops(&[("s 8", "")], &[])).unwrap();
        sync(&a, &b);
        let keys: Vec<String> = a.entries("layer:1").into_keys().collect();
        assert_eq!(keys, ["s 2", "s 3", "s 4"]);
        assert_eq!(a.entries("layer:2").len(), 2);
        assert_eq!(layers(&a, "layer:"), layers(&b, "layer:"));
        // No change, no update.
        assert!(a.change("layer:1", &ops(&[("s 2", "x")], &[])).is_none());
    }

    #[test]
    fn state_restores_a_replica_and_garbage_is_refused() {
        let a = Replica::new();
        a.set("members", "Ana", "{}").unwrap();
        let restored = Replica::new();
        assert!(restored.apply_update(&a.state()));
        assert_eq!(restored.entries("members"), a.entries("members"));
        assert!(!restored.apply_update(b"\xff\xff\xff"));
        assert!(!restored.handle(b"\x00\x02\x05garbage").changed);
    }
}
