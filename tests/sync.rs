//! Issue 15, browser-free: Yjs clients (`yrs`) against a real y-sweet server
//! (installed by `scripts/setup` into target/tools, started here on a free
//! port with a fresh folder). Each annotator's layer is one Yjs document;
//! this checks what teams rely on: an edit reaches the other device, edits
//! made offline merge on reconnect, a read-only token's write never reaches
//! the server, and a restart on the same folder loses nothing.

mod support;

use std::time::Duration;

use support::ysweet::{auth_key, scratch, server_state, Client, Server};

#[test]
fn layers_sync_through_y_sweet_offline_edits_merge_and_read_only_writes_go_nowhere() {
    let folder = scratch("layers");
    let key = auth_key();
    let server = Server::start(&folder, &key);
    let layer = "layer-0a1b2c-ana";
    let full = server.token(layer, "full");

    // One annotator on two devices.
    let (mut laptop, mut phone) = (Client::new(1), Client::new(2));
    laptop.connect(&full);
    phone.connect(&full);
    laptop.tag("a1", "quote 18–40");
    let took = phone.until(&mut [&mut laptop], |c| c.annotations().len() == 1);
    assert!(
        took < Duration::from_secs(1),
        "an edit reached the other device in {took:?}"
    );

    // The phone goes offline; both edit; the phone comes back.
    phone.disconnect();
    laptop.tag("a2", "source 0–12");
    phone.tag("a3", "cue 13–17");
    laptop.pump(100);
    phone.connect(&full);
    phone.until(&mut [&mut laptop], |c| c.annotations().len() == 3);
    laptop.until(&mut [&mut phone], |c| c.annotations().len() == 3);
    assert_eq!(laptop.annotations(), phone.annotations());
    assert_eq!(
        server_state(&server, layer),
        laptop.annotations(),
        "the server holds the same"
    );

    // Someone else's read-only token: a write stays on their device.
    let mut colleague = Client::new(3);
    colleague.connect(&server.token(layer, "read-only"));
    colleague.until(&mut [], |c| c.annotations().len() == 3);
    colleague.tag("x1", "claim 1–2");
    colleague.pump(300);
    laptop.pump(300);
    assert_eq!(
        laptop.annotations().len(),
        3,
        "a read-only write reached a writer"
    );
    assert!(!server_state(&server, layer).iter().any(|(k, _)| k == "x1"));

    // A restart on the same folder loses nothing (y-sweet writes every second).
    let expected = laptop.annotations();
    std::thread::sleep(Duration::from_millis(1500));
    drop(server);
    let server = Server::start(&folder, &key);
    assert_eq!(server_state(&server, layer), expected);
}

/// `marginalia team invite` against the same server: the key signs the same
/// server token y-sweet prints, and every grant of the invitation opens its
/// document with the access it says (a read-only grant's write goes nowhere).
#[test]
fn team_invite_mints_grants_that_open_their_documents() {
    use marginalia::model::team::{Invitation, Role};
    use marginalia::team_invite;

    let folder = scratch("invite");
    let key = auth_key();
    let server = Server::start(&folder, &key);
    assert_eq!(team_invite::server_token(&key), server.token);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["team", "invite", "--server"])
        .arg(format!("http://127.0.0.1:{}", server.port))
        .args(["--key", &key, "--name", "Ana Ruiz", "--curator"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap();
    let ana = Invitation::from_code(&code).unwrap();
    assert_eq!((ana.name.as_str(), ana.role), ("Ana Ruiz", Role::Curator));
    let ben = team_invite::invite(
        &team_invite::server(
            &format!("ys://{}@127.0.0.1:{}", server.token, server.port),
            None,
        )
        .unwrap(),
        "Ben",
        false,
        1,
    )
    .unwrap();
    assert_ne!(ana.layer.doc, ben.layer.doc);

    let socket = |grant: &marginalia::model::team::Grant| {
        (format!("{}/{}", grant.url, grant.doc), grant.token.clone())
    };
    let mut writer = Client::new(1);
    writer.connect(&socket(&ana.layer));
    writer.tag("s 1", "");
    writer.pump(200);
    // Ben reads Ana's layer through the read-only grant she publishes…
    let mut reader = Client::new(2);
    reader.connect(&socket(&ana.layer_read));
    reader.until(&mut [&mut writer], |c| c.annotations().len() == 1);
    // …and cannot write to it, nor to the curated layer.
    reader.tag("s 2", "");
    let mut not_curator = Client::new(3);
    not_curator.connect(&socket(&ben.curated));
    not_curator.tag("s 3", "");
    reader.pump(300);
    not_curator.pump(300);
    assert_eq!(server_state(&server, &ana.layer.doc).len(), 1);
    assert!(server_state(&server, &ana.curated.doc).is_empty());
    // A made-up token is refused at the door.
    let forged = (
        format!("{}/{}", ana.layer.url, ana.layer.doc),
        "AAAA".to_owned(),
    );
    assert!(tungstenite::connect(format!("{}?token={}", forged.0, forged.1)).is_err());
}
