//! `use_deferred`: a value that follows another one frame late, so that what the
//! user is looking at (a new highlight) paints first and secondary views (the
//! annotation list) update right after, instead of delaying that paint.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_deferred<T: Clone + PartialEq + 'static>(value: T) -> T {
    let deferred = use_state_eq(|| value.clone());
    {
        let deferred = deferred.clone();
        use_effect_with(value, move |value| {
            let value = value.clone();
            // requestAnimationFrame runs just before the next paint; a timeout from
            // there runs just after it.
            let after_paint = Closure::once_into_js(move || {
                gloo_timers::callback::Timeout::new(0, move || deferred.set(value)).forget();
            });
            if let Some(window) = web_sys::window() {
                let _ = window.request_animation_frame(after_paint.unchecked_ref());
            }
        });
    }
    (*deferred).clone()
}
