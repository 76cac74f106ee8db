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
