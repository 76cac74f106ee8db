//! `marginalia team invite`: mints an invitation (`model::team::Invitation`)
//! on a y-sweet server. The server's key or token stays here: the invitation
//! carries only client tokens, each for one Yjs document. Host only.
//!
//! The server's HTTP API is spoken over a plain `TcpStream` (`http://` only: run
//! the command where the server runs, or through a tunnel); the addresses the
//! server gives back are what the browser connects to, `wss://` included.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::model::team::{
    base64url_decode, base64url_encode, layer_doc, Grant, Invitation, Role, CORPUS_DOC, CURATED_DOC,
};

/// Where the server is and how we are allowed in.
#[derive(Debug, PartialEq, Eq)]
pub struct Server {
    pub host: String,
    pub port: u16,
    /// A server token (`Authorization: Bearer`).
    pub token: Option<String>,
}

/// Reads `--server` (`ys://TOKEN@host:port`, `http://host:port`) and `--key`
/// (the server token, or the auth key y-sweet was started with).
pub fn server(url: &str, key: Option<&str>) -> Result<Server, String> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").ok_or_else(|| {
        format!("“{url}” is not a server address (http://host:port or ys://TOKEN@host:port)")
    })?;
    if matches!(scheme, "https" | "yss" | "wss") {
        return Err(format!(
            "{scheme}:// servers are not reachable from this command: run it where the server runs (http://127.0.0.1:PORT) or through a tunnel"
        ));
    }
    if !matches!(scheme, "http" | "ys" | "ws") {
        return Err(format!(
            "“{scheme}://” is not a server address this command knows"
        ));
    }
    let (token, address) = match rest.rsplit_once('@') {
        Some((token, address)) => (Some(token.to_owned()), address),
        None => (None, rest),
    };
    let address = address.split('/').next().unwrap_or(address);
    let (host, port) = match address.rsplit_once(':') {
        Some((host, port)) => (
            host,
            port.parse()
                .map_err(|_| format!("“{port}” is not a port number"))?,
        ),
        None => (address, 80),
    };
    let token = match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => Some(server_token(key)),
        None => token,
    };
    Ok(Server {
        host: host.to_owned(),
        port,
        token,
    })
}

/// A y-sweet auth key (30 random bytes, base64) signs the server token the
/// way y-sweet does (bincode of `Payload { Server, None }`, SHA-256 of it and
/// the key); anything else is taken to be a server token already.
pub fn server_token(key: &str) -> String {
    match base64url_decode(key) {
        Some(private) if private.len() == 30 => {
            let payload = [0u8, 0u8];
            let mut hasher = Sha256::new();
            hasher.update(payload);
            hasher.update(&private);
            let mut request = payload.to_vec();
            request.push(32);
            request.extend_from_slice(&hasher.finalize());
            base64url_encode(&request)
        }
        _ => key.to_owned(),
    }
}

impl Server {
    /// POSTs JSON to the server's API; the JSON answer.
    fn post(&self, path: &str, body: &str) -> Result<serde_json::Value, String> {
        let unreachable = |e: std::io::Error| {
            format!(
                "cannot reach the server at {}:{}: {e}",
                self.host, self.port
            )
        };
        let mut stream =
            TcpStream::connect((self.host.as_str(), self.port)).map_err(unreachable)?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(unreachable)?;
        let auth = self
            .token
            .as_ref()
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {}:{}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.host,
            self.port,
            body.len()
        )
        .map_err(unreachable)?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).map_err(unreachable)?;
        let answer = String::from_utf8_lossy(&answer);
        let status = answer
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .unwrap_or(0);
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").trim();
        match status {
            200..=299 => serde_json::from_str(body)
                .map_err(|_| format!("the server's answer to {path} is not JSON: {body}")),
            401 | 403 => Err(
                "the server refused the key: give the auth key it was started with (--auth) or its server token (ys://TOKEN@…)"
                    .to_owned(),
            ),
            _ => Err(format!("the server answered {status} to {path}: {body}")),
        }
    }

    /// A client token for one document, made on the server.
    fn grant(&self, doc: &str, full: bool, seconds: u64) -> Result<Grant, String> {
        self.post("/doc/new", &serde_json::json!({ "docId": doc }).to_string())?;
        let answer = self.post(
            &format!("/doc/{doc}/auth"),
            &serde_json::json!({
                "authorization": if full { "full" } else { "read-only" },
                "validForSeconds": seconds,
            })
            .to_string(),
        )?;
        let field = |name: &str| {
            answer[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("the server's answer lacks “{name}”: {answer}"))
        };
        Ok(Grant {
            doc: doc.to_owned(),
            url: field("url")?,
            token: field("token")?,
        })
    }
}

/// Mints `name`'s invitation, valid for `days`.
pub fn invite(server: &Server, name: &str, curator: bool, days: u64) -> Result<Invitation, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("the invitation needs the person's name (--name)".to_owned());
    }
    let seconds = days.max(1) * 86_400;
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let layer = layer_doc(name);
    Ok(Invitation {
        name: name.to_owned(),
        role: if curator {
            Role::Curator
        } else {
            Role::Annotator
        },
        expires_ms: now_ms + seconds * 1000,
        corpus: server.grant(CORPUS_DOC, true, seconds)?,
        layer: server.grant(&layer, true, seconds)?,
        layer_read: server.grant(&layer, false, seconds)?,
        curated: server.grant(CURATED_DOC, curator, seconds)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses_and_keys() {
        let s = server("ys://abc@127.0.0.1:8080", None).unwrap();
        assert_eq!(
            s,
            Server {
                host: "127.0.0.1".into(),
                port: 8080,
                token: Some("abc".into())
            }
        );
        let s = server("http://localhost:9000/", Some("tok")).unwrap();
        assert_eq!((s.port, s.token.as_deref()), (9000, Some("tok")));
        assert!(server("https://example.org", None)
            .unwrap_err()
            .contains("tunnel"));
        assert!(server("example.org", None).is_err());
        // A 30-byte key signs a token: 2 payload bytes, a length, 32 hash bytes.
        let key = base64url_encode(&[7u8; 30]);
        let token = server_token(&key);
        assert_eq!(base64url_decode(&token).unwrap().len(), 35);
        assert_eq!(server_token("not-a-key"), "not-a-key");
    }
}
