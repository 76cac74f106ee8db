//! The web app's team worker (issue 15): started only when the user has joined
//! a team, so `yrs` never weighs on anyone else's download. It holds the team's
//! Yjs documents (`marginalia::team_engine::Engine`), speaks y-websocket to the
//! sync server, keeps every document's state in IndexedDB (a reload offline
//! finds everything; what was made offline is sent on reconnect) and tells the
//! app what changed. Messages are `team_engine::ToWorker` / `ToApp` as JSON.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    use gloo_timers::callback::{Interval, Timeout};
    use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
    use marginalia::team_engine::{Effect, Engine, Saved, ToAppMessage, ToWorker};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{BinaryType, DedicatedWorkerGlobalScope, MessageEvent, WebSocket};

    const DATABASE: &str = "marginalia-team";
    const STORE: &str = "state";
    /// Longest wait between two attempts to reach the server.
    const MAX_BACKOFF_MS: u32 = 8_000;

    #[derive(Default)]
    struct Worker {
        engine: Option<Engine>,
        key: String,
        sockets: HashMap<String, Socket>,
        database: Option<Rc<Database>>,
        save_timer: Option<Timeout>,
        retry_timers: HashMap<String, Timeout>,
        tick: Option<Interval>,
        /// Each socket gets a number, so a late event from an old one is ignored.
        generation: u32,
    }

    struct Socket {
        socket: WebSocket,
        generation: u32,
        _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    }

    impl Drop for Socket {
        /// Handlers go before the closures do: a late event must find none.
        fn drop(&mut self) {
            self.socket.set_onopen(None);
            self.socket.set_onmessage(None);
            self.socket.set_onclose(None);
            let _ = self.socket.close();
        }
    }

    thread_local! {
        static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn now() -> u64 {
        js_sys::Date::now() as u64
    }

    /// Runs `f` on the engine, then carries out what it asked for.
    fn with_engine(f: impl FnOnce(&mut Engine)) {
        let effects = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            match w.engine.as_mut() {
                Some(engine) => {
                    f(engine);
                    engine.take_effects()
                }
                None => Vec::new(),
            }
        });
        for effect in effects {
            carry(effect);
        }
    }

    fn carry(effect: Effect) {
        match effect {
            Effect::Connect { doc, url } => connect(doc, url),
            Effect::Close { doc } => {
                let closed = WORKER.with(|w| w.borrow_mut().sockets.remove(&doc));
                drop(closed);
            }
            Effect::Send { doc, bytes } => WORKER.with(|w| {
                if let Some(socket) = w.borrow().sockets.get(&doc) {
                    let _ = socket.socket.send_with_u8_array(&bytes);
                }
            }),
            Effect::Save => schedule_save(),
            Effect::ToApp(ToAppMessage(json)) => {
                let _ = scope().post_message(&JsValue::from_str(&json));
            }
        }
    }

    fn connect(doc: String, url: String) {
        let Ok(socket) = WebSocket::new(&url) else {
            with_engine(|e| e.closed(&doc));
            return;
        };
        socket.set_binary_type(BinaryType::Arraybuffer);
        let generation = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            w.generation += 1;
            w.generation
        });
        let current = {
            let doc = doc.clone();
            move || {
                WORKER.with(|w| {
                    w.borrow()
                        .sockets
                        .get(&doc)
                        .is_some_and(|s| s.generation == generation)
                })
            }
        };
        let on_open = {
            let (doc, current) = (doc.clone(), current.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if current() {
                    with_engine(|e| e.opened(&doc));
                }
            })
        };
        let on_message = {
            let (doc, current) = (doc.clone(), current.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let event: MessageEvent = event.unchecked_into();
                if !current() {
                    return;
                }
                if let Ok(buffer) = event.data().dyn_into::<js_sys::ArrayBuffer>() {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    with_engine(|e| e.frame(&doc, &bytes, now()));
                }
            })
        };
        let on_close = {
            let doc = doc.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if !current() {
                    return;
                }
                // Dropped after this handler returns: it is one of its closures.
                let closed = WORKER.with(|w| w.borrow_mut().sockets.remove(&doc));
                wasm_bindgen_futures::spawn_local(async move { drop(closed) });
                with_engine(|e| e.closed(&doc));
                retry_later(doc.clone());
            })
        };
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let old = WORKER.with(|w| {
            w.borrow_mut().sockets.insert(
                doc.clone(),
                Socket {
                    socket,
                    generation,
                    _handlers: vec![on_open, on_message, on_close],
                },
            )
        });
        drop(old);
    }

    /// Tries again after a wait that doubles with each failure.
    fn retry_later(doc: String) {
        let attempt = WORKER.with(|w| {
            let w = w.borrow();
            let engine = w.engine.as_ref()?;
            engine
                .should_retry(&doc)
                .then(|| engine.url_of(&doc))
                .flatten()
        });
        let Some(url) = attempt else { return };
        let wait = WORKER.with(|w| {
            let n = w.borrow().retry_timers.len() as u32;
            (500u32 << n.min(4)).min(MAX_BACKOFF_MS)
        });
        let timer = {
            let doc = doc.clone();
            Timeout::new(wait + (js_sys::Math::random() * 300.0) as u32, move || {
                WORKER.with(|w| w.borrow_mut().retry_timers.remove(&doc));
                let still = WORKER.with(|w| {
                    let w = w.borrow();
                    !w.sockets.contains_key(&doc)
                        && w.engine.as_ref().is_some_and(|e| e.should_retry(&doc))
                });
                if still {
                    connect(doc, url);
                }
            })
        };
        WORKER.with(|w| w.borrow_mut().retry_timers.insert(doc, timer));
    }

    fn schedule_save() {
        let timer = Timeout::new(200, || {
            wasm_bindgen_futures::spawn_local(save());
        });
        WORKER.with(|w| w.borrow_mut().save_timer = Some(timer));
    }

    async fn database() -> Option<Rc<Database>> {
        if let Some(db) = WORKER.with(|w| w.borrow().database.clone()) {
            return Some(db);
        }
        let factory = Factory::new().ok()?;
        let mut request = factory.open(DATABASE, Some(1)).ok()?;
        request.on_upgrade_needed(|event| {
            if let Ok(database) = event.database() {
                let _ = database.create_object_store(STORE, ObjectStoreParams::new());
            }
        });
        let db = Rc::new(request.await.ok()?);
        WORKER.with(|w| w.borrow_mut().database = Some(db.clone()));
        Some(db)
    }

    async fn save() {
        let Some((key, json)) = WORKER.with(|w| {
            let w = w.borrow();
            let saved = w.engine.as_ref()?.saved();
            Some((w.key.clone(), serde_json::to_string(&saved).ok()?))
        }) else {
            return;
        };
        if let Err(error) = put(&key, Some(&json)).await {
            let message = marginalia::team_engine::ToApp::Failed(format!(
                "The team's changes could not be kept on this device: {error}"
            ));
            if let Ok(json) = serde_json::to_string(&message) {
                let _ = scope().post_message(&JsValue::from_str(&json));
            }
        }
    }

    async fn put(key: &str, value: Option<&str>) -> Result<(), String> {
        let db = database().await.ok_or("IndexedDB is not available")?;
        let transaction = db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let store = transaction.object_store(STORE).map_err(|e| e.to_string())?;
        let key = JsValue::from_str(key);
        match value {
            Some(value) => store.put(&JsValue::from_str(value), Some(&key)).map(|_| ()),
            None => store.delete(key).map(|_| ()),
        }
        .map_err(|e| e.to_string())?;
        transaction
            .commit()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    async fn load(key: &str) -> Saved {
        let Some(db) = database().await else {
            return Saved::default();
        };
        let read = async {
            let transaction = db.transaction(&[STORE], TransactionMode::ReadOnly).ok()?;
            let store = transaction.object_store(STORE).ok()?;
            let value = store.get(JsValue::from_str(key)).ok()?.await.ok()??;
            serde_json::from_str(&value.as_string()?).ok()
        };
        read.await.unwrap_or_default()
    }

    async fn join(invitation: marginalia::model::team::Invitation, joined: u64) {
        let key = format!("{}\u{1f}{}", invitation.corpus.url, invitation.name);
        let saved = load(&key).await;
        let engine = Engine::new(invitation, saved, joined.max(now()));
        WORKER.with(|w| {
            let mut w = w.borrow_mut();
            w.engine = Some(engine);
            w.key = key;
            w.tick = Some(Interval::new(15_000, || with_engine(|e| e.tick(now()))));
        });
        with_engine(|_| {});
    }

    fn leave() {
        let (key, sockets) = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            w.engine = None;
            w.tick = None;
            w.save_timer = None;
            w.retry_timers.clear();
            (std::mem::take(&mut w.key), std::mem::take(&mut w.sockets))
        });
        drop(sockets);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = put(&key, None).await;
        });
    }

    pub fn main() {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            let Some(json) = event.data().as_string() else {
                return;
            };
            match serde_json::from_str::<ToWorker>(&json) {
                Ok(ToWorker::Join { invitation, now }) => {
                    wasm_bindgen_futures::spawn_local(join(*invitation, now))
                }
                Ok(ToWorker::Local {
                    layer,
                    article,
                    title,
                    text,
                    entries,
                }) => with_engine(|e| e.local(layer, article, title, text, entries)),
                Ok(ToWorker::Network(online)) => with_engine(|e| e.network(online)),
                Ok(ToWorker::Leave) => leave(),
                Err(_) => {}
            }
        });
        let scope = scope();
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker does.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("\"Ready\""));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::main();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-team runs inside the web app; see `marginalia team invite`.");
    std::process::exit(2);
}
