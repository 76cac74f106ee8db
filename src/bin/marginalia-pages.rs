//! The web app's page worker: it finds the article in a web page (opened as an
//! `.html` file, or pasted as rich text) with `formats::html`, off the main
//! thread. A worker of its own because Readability's port and an HTML parser
//! are larger than the rest of the app: they are fetched only the first time
//! someone brings a page. Messages are `marginalia::worker_protocol`'s.

#[cfg(target_arch = "wasm32")]
fn main() {
    use marginalia::formats::html;
    use marginalia::worker_protocol::{Reply, Request};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = match Request::from_js(&event.data()) {
            Ok(Request::ReadPage { html, pasted }) => {
                let read = if pasted {
                    html::extract_pasted(&html)
                } else {
                    html::extract(&html)
                };
                read.map(Reply::Page)
                    .unwrap_or_else(|e| Reply::Failed(e.to_string()))
            }
            Ok(_) => Reply::Failed("the page worker only reads web pages".to_owned()),
            Err(error) => Reply::Failed(error),
        };
        let _ = reply.post_message(&answer.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&Reply::Ready.to_js());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-pages runs inside the web app; use `marginalia convert` for pages.");
    std::process::exit(2);
}
