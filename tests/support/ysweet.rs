//! A y-sweet server started on a free port, and Yjs clients (`yrs`) speaking
//! y-websocket to it: shared by tests/sync.rs and examples/sync_bench.rs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tungstenite::stream::MaybeTlsStream;
use tungstenite::{connect, Message as Frame, WebSocket};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, Map, ReadTxn, Transact, Update};

/// The y-sweet binary: target/tools (scripts/setup) or PATH.
pub fn y_sweet() -> PathBuf {
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/bin/y-sweet");
    if local.exists() {
        return local;
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("y-sweet"))
        .find(|p| p.exists());
    on_path.expect("y-sweet is not installed: run scripts/setup (it installs it into target/tools)")
}

/// A y-sweet server on a free port over `folder`; stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The server token (from the connection string it prints).
    pub token: String,
}

impl Server {
    pub fn start(folder: &std::path::Path, auth: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(y_sweet())
            .args([
                "serve",
                folder.to_str().unwrap(),
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ])
            .args(["--auth", auth, "--checkpoint-freq-seconds", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Read what it prints on a thread to the end: a closed pipe would
        // make it panic on its next log line.
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if let Some(at) = line.find("ys://") {
                    let token = line[at + 5..].split('@').next().unwrap_or("").to_owned();
                    let _ = sender.send(token);
                }
            }
        });
        let token = received
            .recv_timeout(Duration::from_secs(10))
            .expect("y-sweet printed its connection string");
        // Wait until it accepts connections.
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "y-sweet did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Server { child, port, token }
    }

    /// POST to the server's API with its token; the JSON answer.
    pub fn post(&self, path: &str, body: &str) -> serde_json::Value {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            self.token,
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or("");
        serde_json::from_str(body).unwrap_or_else(|_| panic!("{answer}"))
    }

    /// A client token for a document: (websocket URL, token).
    pub fn token(&self, doc: &str, authorization: &str) -> (String, String) {
        self.post("/doc/new", &format!(r#"{{"docId":"{doc}"}}"#));
        let auth = self.post(
            &format!("/doc/{doc}/auth"),
            &format!(r#"{{"authorization":"{authorization}"}}"#),
        );
        let url = auth["url"].as_str().unwrap().to_owned();
        (
            format!("{url}/{doc}"),
            auth["token"].as_str().unwrap().to_owned(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One device's copy of a layer, synchronised over y-websocket.
pub struct Client {
    pub doc: Doc,
    socket: Option<WebSocket<MaybeTlsStream<TcpStream>>>,
}

impl Client {
    pub fn new(id: u64) -> Client {
        Client {
            doc: Doc::with_client_id(id),
            socket: None,
        }
    }

    /// Connects (or reconnects) and starts the sync handshake.
    pub fn connect(&mut self, (url, token): &(String, String)) {
        let (socket, _) = connect(format!("{url}?token={token}")).unwrap();
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_millis(1)))
                .unwrap();
        }
        self.socket = Some(socket);
        let state = self.doc.transact().state_vector();
        self.send(Message::Sync(SyncMessage::SyncStep1(state)));
    }

    pub fn disconnect(&mut self) {
        if let Some(mut socket) = self.socket.take() {
            let _ = socket.close(None);
        }
    }

    pub fn send(&mut self, message: Message) {
        if let Some(socket) = self.socket.as_mut() {
            socket
                .send(Frame::Binary(message.encode_v1().into()))
                .unwrap();
        }
    }

    /// Handles what arrives for `ms` milliseconds.
    pub fn pump(&mut self, ms: u64) {
        let end = Instant::now() + Duration::from_millis(ms);
        while Instant::now() < end {
            let Some(socket) = self.socket.as_mut() else {
                return;
            };
            let bytes = match socket.read() {
                Ok(Frame::Binary(bytes)) => bytes,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue
                }
                Err(e) => panic!("{e}"),
            };
            let mut decoder = DecoderV1::from(bytes.as_ref());
            while let Ok(message) = Message::decode(&mut decoder) {
                match message {
                    Message::Sync(SyncMessage::SyncStep1(state)) => {
                        let missing = self.doc.transact().encode_state_as_update_v1(&state);
                        self.send(Message::Sync(SyncMessage::SyncStep2(missing)));
                    }
                    Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                        self.doc
                            .transact_mut()
                            .apply_update(Update::decode_v1(&update).unwrap());
                    }
                    _ => {}
                }
            }
        }
    }

    /// Tags something: an annotation in the layer's map, sent at once when online.
    pub fn tag(&mut self, id: &str, value: &str) {
        let annotations = self.doc.get_or_insert_map("annotations");
        let before = self.doc.transact().state_vector();
        annotations.insert(&mut self.doc.transact_mut(), id, value);
        let update = self.doc.transact().encode_state_as_update_v1(&before);
        self.send(Message::Sync(SyncMessage::Update(update)));
    }

    pub fn annotations(&self) -> Vec<(String, String)> {
        let annotations = self.doc.get_or_insert_map("annotations");
        let txn = self.doc.transact();
        let mut all: Vec<(String, String)> = annotations
            .iter(&txn)
            .map(|(k, v)| (k.to_string(), v.to_string(&txn)))
            .collect();
        all.sort();
        all
    }

    /// Pumps until `done` holds (at most two seconds); how long it took.
    pub fn until(
        &mut self,
        others: &mut [&mut Client],
        done: impl Fn(&Client) -> bool,
    ) -> Duration {
        let started = Instant::now();
        while !done(self) {
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "not in sync after 2 s: {:?}",
                self.annotations()
            );
            self.pump(2);
            for other in others.iter_mut() {
                other.pump(1);
            }
        }
        started.elapsed()
    }
}

/// A fresh device reading what the server holds now.
pub fn server_state(server: &Server, doc: &str) -> Vec<(String, String)> {
    let mut reader = Client::new(99);
    reader.connect(&server.token(doc, "read-only"));
    reader.pump(300);
    reader.annotations()
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marginalia-sync-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn auth_key() -> String {
    let out = Command::new(y_sweet()).arg("gen-auth").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split("--auth ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}
