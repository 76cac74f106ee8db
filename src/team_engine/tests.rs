//! The engine on two or three devices, through an in-memory stand-in for the
//! server (it applies what it gets and passes the whole state on). The real
//! server is tests/sync.rs's and the end-to-end test's.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::model::team::layer::Ops;
use crate::model::team::{layer_doc, Grant, CORPUS_DOC, CURATED_DOC};

fn grant(doc: &str) -> Grant {
    Grant {
        doc: doc.to_owned(),
        url: format!("ws://server/d/{doc}/ws"),
        token: "t".to_owned(),
    }
}

fn invitation(name: &str, role: Role) -> Invitation {
    Invitation {
        name: name.to_owned(),
        role,
        expires_ms: u64::MAX,
        corpus: grant(CORPUS_DOC),
        layer: grant(&layer_doc(name)),
        layer_read: grant(&layer_doc(name)),
        curated: grant(CURATED_DOC),
    }
}

struct Device {
    engine: Engine,
    connected: BTreeSet<String>,
    told: Vec<ToApp>,
    online: bool,
}

#[derive(Default)]
struct World {
    server: BTreeMap<String, Replica>,
    devices: Vec<Device>,
}

impl World {
    fn join(&mut self, name: &str, role: Role) -> usize {
        self.join_with(invitation(name, role), Saved::default())
    }

    fn join_with(&mut self, invitation: Invitation, saved: Saved) -> usize {
        self.devices.push(Device {
            engine: Engine::new(invitation, saved, 1_000),
            connected: BTreeSet::new(),
            told: Vec::new(),
            online: true,
        });
        self.run();
        self.devices.len() - 1
    }

    /// Carries out effects until none are left.
    fn run(&mut self) {
        loop {
            let mut any = false;
            for i in 0..self.devices.len() {
                let effects = self.devices[i].engine.take_effects();
                any |= !effects.is_empty();
                for effect in effects {
                    self.carry(i, effect);
                }
            }
            if !any {
                return;
            }
        }
    }

    fn carry(&mut self, i: usize, effect: Effect) {
        match effect {
            Effect::Connect { doc, .. } => {
                if self.devices[i].online {
                    self.devices[i].connected.insert(doc.clone());
                    self.devices[i].engine.opened(&doc);
                } else {
                    self.devices[i].engine.closed(&doc);
                }
            }
            Effect::Close { doc } => {
                self.devices[i].connected.remove(&doc);
            }
            Effect::Send { doc, bytes } => {
                if !self.devices[i].connected.contains(&doc) {
                    return;
                }
                let server = self.server.entry(doc.clone()).or_default();
                let handled = server.handle(&bytes);
                let state = Replica::update_message(server.state());
                for reply in handled.replies {
                    self.devices[i].engine.frame(&doc, &reply, 2_000);
                }
                // Step 1 from the server, as y-sweet sends on connect.
                let hello = server.hello();
                if bytes.starts_with(&[0, 0]) {
                    self.devices[i].engine.frame(&doc, &hello, 2_000);
                }
                if handled.changed {
                    for (j, other) in self.devices.iter_mut().enumerate() {
                        if j != i && other.connected.contains(&doc) {
                            other.engine.frame(&doc, &state, 2_000);
                        }
                    }
                }
            }
            Effect::Save => {}
            Effect::ToApp(ToAppMessage(json)) => {
                self.devices[i]
                    .told
                    .push(serde_json::from_str(&json).unwrap());
            }
        }
    }

    fn offline(&mut self, i: usize, offline: bool) {
        self.devices[i].online = !offline;
        self.devices[i].engine.network(!offline);
        if offline {
            self.devices[i].connected.clear();
        }
        self.run();
    }

    fn local(&mut self, i: usize, layer: Writable, entries: &[&str]) {
        let entries: Entries = entries
            .iter()
            .map(|k| (k.to_string(), String::new()))
            .collect();
        self.devices[i].engine.local(
            layer,
            crate::model::team::article_key(TEXT),
            "Flood".into(),
            TEXT.into(),
            entries,
        );
        self.run();
    }

    fn told(&mut self, i: usize) -> Vec<ToApp> {
        std::mem::take(&mut self.devices[i].told)
    }

    fn overview(&self, i: usize) -> Overview {
        self.devices[i].engine.overview.clone().unwrap()
    }
}

const TEXT: &str = "“We will rebuild,” the mayor said.";

/// The versions among messages: each owner and how many entries (the text is
/// always the article's).
fn versions_in(told: &[ToApp]) -> Vec<(String, usize)> {
    told.iter()
        .filter_map(|m| match m {
            ToApp::Version {
                owner,
                entries,
                text,
                ..
            } => {
                assert_eq!(text, TEXT);
                Some((owner.clone(), entries.len()))
            }
            _ => None,
        })
        .collect()
}

/// The ops among messages.
fn ops_in(told: &[ToApp]) -> Vec<Ops> {
    told.iter()
        .filter_map(|m| match m {
            ToApp::Ops { ops, .. } => Some(ops.clone()),
            _ => None,
        })
        .collect()
}

fn keys(ops: &Ops) -> Vec<&str> {
    ops.set.iter().map(|(k, _)| k.as_str()).collect()
}

#[test]
fn others_layers_arrive_as_versions_and_members_see_each_other() {
    let mut world = World::default();
    let ana = world.join("Ana", Role::Annotator);
    let ben = world.join("Ben", Role::Annotator);
    world.local(ana, Writable::Own, &["s 1", "s 2"]);
    assert_eq!(versions_in(&world.told(ben)), [("Ana".to_owned(), 2)]);
    let overview = world.overview(ben);
    assert_eq!(overview.connection, Connection::Connected);
    let names: Vec<&str> = overview.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"]);
    assert!(overview.members.iter().all(|m| m.online));
    assert_eq!(overview.articles.len(), 1);
    assert!(overview.articles[0].layers.contains(&("Ana".to_owned(), 2)));
    // The same layer again is not delivered again.
    world.local(ana, Writable::Own, &["s 1", "s 2"]);
    assert!(versions_in(&world.told(ben)).is_empty());
}

#[test]
fn one_person_on_two_devices_merges_offline_edits() {
    let mut world = World::default();
    let laptop = world.join("Ana", Role::Annotator);
    let phone = world.join("Ana", Role::Annotator);
    world.local(laptop, Writable::Own, &["s 1"]);
    world.local(phone, Writable::Own, &[]);
    // The phone had the article open: the laptop's span arrives as ops.
    let ops = ops_in(&world.told(phone));
    assert_eq!(keys(ops.last().unwrap()), ["s 1"]);
    world.local(phone, Writable::Own, &["s 1"]);
    // Offline, both edit; the phone's edit is counted as unsent.
    world.offline(phone, true);
    assert_eq!(world.overview(phone).connection, Connection::Offline);
    world.local(phone, Writable::Own, &["s 1", "s 3"]);
    assert_eq!(world.overview(phone).unsent, 1);
    world.local(laptop, Writable::Own, &["s 2"]);
    // Back online: both end with the union minus what was removed.
    world.offline(phone, false);
    assert_eq!(world.overview(phone).unsent, 0);
    assert_eq!(world.overview(phone).connection, Connection::Connected);
    let server: Vec<String> = world.server[&layer_doc("Ana")]
        .entries("layer:".to_owned().as_str())
        .into_keys()
        .collect();
    assert!(server.is_empty(), "layers are per article");
    let article = crate::model::team::article_key(TEXT);
    let on_server: Vec<String> = world.server[&layer_doc("Ana")]
        .entries(&format!("layer:{article}"))
        .into_keys()
        .collect();
    assert_eq!(on_server, ["s 2", "s 3"]);
    let to_phone: Vec<String> = ops_in(&world.told(phone))
        .into_iter()
        .flat_map(|ops| {
            ops.set
                .into_iter()
                .map(|(k, _)| format!("+{k}"))
                .chain(ops.remove.into_iter().map(|k| format!("-{k}")))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(to_phone.contains(&"+s 2".to_owned()) && to_phone.contains(&"-s 1".to_owned()));
}

#[test]
fn a_restart_keeps_everything_and_an_expired_invitation_is_refused() {
    let mut world = World::default();
    let ana = world.join("Ana", Role::Curator);
    world.local(ana, Writable::Curated, &["s 5"]);
    world.offline(ana, true);
    world.local(ana, Writable::Own, &["s 7"]);
    let saved = world.devices[ana].engine.saved();
    assert_eq!(saved.unsent, 1);
    // Reloaded offline: the replicas come back from what was saved.
    let mut reloaded = Engine::new(invitation("Ana", Role::Curator), saved, 3_000);
    let overview = reloaded.overview.clone().unwrap();
    assert_eq!(overview.unsent, 1);
    assert_eq!(overview.articles.len(), 1);
    assert!(overview.articles[0].layers.contains(&("Ana".to_owned(), 1)));
    assert!(overview.articles[0]
        .layers
        .contains(&("curated".to_owned(), 1)));
    assert!(!reloaded.take_effects().is_empty());
    let mut expired = invitation("Ben", Role::Annotator);
    expired.expires_ms = 10;
    let mut ben = Engine::new(expired, Saved::default(), 3_000);
    assert_eq!(
        ben.overview.clone().unwrap().connection,
        Connection::Refused
    );
    assert!(ben
        .take_effects()
        .iter()
        .all(|e| !matches!(e, Effect::Connect { .. })));
}

#[test]
fn only_the_curator_writes_the_curated_layer_and_annotators_receive_it() {
    let mut world = World::default();
    let ben = world.join("Ben", Role::Annotator);
    let cleo = world.join("Cleo", Role::Curator);
    world.local(ben, Writable::Curated, &["s 9"]);
    assert!(world
        .server
        .get(CURATED_DOC)
        .is_none_or(|r| r.maps("layer:").is_empty()));
    world.local(cleo, Writable::Curated, &["s 1"]);
    assert!(versions_in(&world.told(ben)).contains(&("curated".to_owned(), 1)));
}

#[test]
fn a_new_device_receives_the_users_documents_whole_once() {
    let mut world = World::default();
    let laptop = world.join("Ana", Role::Annotator);
    world.local(laptop, Writable::Own, &["s 1", "s 2"]);
    assert!(versions_in(&world.told(laptop)).is_empty());
    let phone = world.join("Ana", Role::Annotator);
    assert_eq!(versions_in(&world.told(phone)), [("Ana".to_owned(), 2)]);
    // Once the phone has it open, changes come as ops, not whole documents.
    world.local(phone, Writable::Own, &["s 1", "s 2"]);
    world.local(laptop, Writable::Own, &["s 1", "s 2", "s 3"]);
    let told = world.told(phone);
    assert!(versions_in(&told).is_empty());
    assert!(!ops_in(&told).is_empty());
}
