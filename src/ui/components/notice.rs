use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::model::session::{Notice, NoticeKind, Offer};

/// Information fades after this long; errors stay until dismissed.
const INFO_VISIBLE_MS: u32 = 8000;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
    /// The choices of an `Offer::PlaceOrImport`.
    pub on_place: Callback<()>,
    pub on_import_new: Callback<()>,
    /// The choice of an `Offer::CleanUp`: open the preview.
    pub on_clean_up: Callback<()>,
    /// The choice of an `Offer::CancelImport`.
    pub on_cancel_import: Callback<()>,
}

/// The one message line: errors as `role="alert"`, information as `role="status"`.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    {
        let on_dismiss = props.on_dismiss.clone();
        // A notice that asks something stays until it is answered.
        let info_seq = props
            .notice
            .as_ref()
            .filter(|n| n.kind == NoticeKind::Info && n.offer.is_none())
            .map(|n| n.seq);
        use_effect_with(info_seq, move |seq| {
            let timer = seq.map(|_| Timeout::new(INFO_VISIBLE_MS, move || on_dismiss.emit(())));
            move || drop(timer)
        });
    }
    let Some(notice) = &props.notice else {
        // The live regions stay in the page so screen readers announce later messages.
        return html! { <div class="notice-slot"><div role="status" class="visually-hidden"></div></div> };
    };
    let (role, class) = match notice.kind {
        NoticeKind::Error => ("alert", "notice notice-error"),
        NoticeKind::Info => ("status", "notice notice-info"),
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice-slot">
            <div {role} {class} key={notice.seq.to_string()}>
                <span class="notice-icon" aria-hidden="true">{ if notice.kind == NoticeKind::Error { "!" } else { "i" } }</span>
                <div class="notice-body">
                    <p class="notice-text">{ notice.message.clone() }</p>
                    if notice.offer == Some(Offer::CleanUp) {
                        // Not named "Clean up…": that is the toolbar's button, one name one button.
                        <div class="notice-actions">
                            <button class="primary" onclick={props.on_clean_up.reform(|_: MouseEvent| ())}>{ "Review the clean-up" }</button>
                        </div>
                    }
                    if notice.offer == Some(Offer::CancelImport) {
                        <div class="notice-actions">
                            <button onclick={props.on_cancel_import.reform(|_: MouseEvent| ())}>{ "Cancel import" }</button>
                        </div>
                    }
                    if notice.offer == Some(Offer::PlaceOrImport) {
                        <div class="notice-actions">
                            <button class="primary" onclick={props.on_place.reform(|_: MouseEvent| ())}>{ "Place on this document" }</button>
                            <button onclick={props.on_import_new.reform(|_: MouseEvent| ())}>{ "Import as a new document" }</button>
                        </div>
                    }
                </div>
                <button class="notice-dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
            </div>
        </div>
    }
}
