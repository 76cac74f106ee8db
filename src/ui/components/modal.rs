//! What every modal `<dialog>` of the app does: open as a modal when it mounts,
//! and let Escape close it through the app (the browser would close it behind
//! the app's back).

use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// Opens the dialog at `dialog` once it is in the page; returns its `oncancel`,
/// which calls `on_close` instead of letting the browser close it.
#[hook]
pub fn use_modal(dialog: &NodeRef, on_close: &Callback<()>) -> Callback<Event> {
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    let on_close = on_close.clone();
    Callback::from(move |e: Event| {
        e.prevent_default();
        on_close.emit(());
    })
}
