//! Clean-up from the app's side: proposals are found in the format worker (the
//! heuristics stay out of the app's download), and a newly loaded text that
//! looks wrapped or wrapped in site chrome gets a notice offering the preview.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

use crate::model::cleanup::Proposals;
use crate::model::session::Action;
use crate::ui::handle::AppHandle;
use crate::ui::worker;
use crate::worker_protocol::{Reply, Request};

/// What clean-up proposes for `text`.
pub async fn propose(text: String) -> Result<Rc<Proposals>, String> {
    match worker::call(&Request::Propose { text }, |_, _| ()).await? {
        Reply::Proposed(proposals) => Ok(Rc::new(proposals)),
        _ => Err("the clean-up gave no answer".to_owned()),
    }
}

/// Offers the clean-up if the open document, just loaded with `text`, needs it
/// (and is still open with that text when the answer comes).
pub fn offer_if_needed(handle: &AppHandle, text: String) {
    let handle = handle.clone();
    spawn_local(async move {
        let Ok(proposals) = propose(text.clone()).await else {
            // Only an offer: the user can still press Clean up….
            return;
        };
        let still_open = handle
            .session()
            .open()
            .is_some_and(|d| d.text().as_str() == text);
        if let (true, Some(message)) = (still_open, proposals.offer()) {
            handle.dispatch.emit(Action::OfferCleanUp { message });
        }
    });
}
