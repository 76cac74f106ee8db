//! The clean-up preview: the open document's text with every proposed change
//! marked, a list to keep or drop them (line joins and white space by group),
//! cuts by hand, the annotations removals would take, and Apply. A modal
//! `<dialog>`: the page behind is inert until it closes. Nothing changes until
//! Apply; the plan is `model::cleanup_plan`, the proposals come from the worker.

use std::rc::Rc;

use web_sys::{Element, HtmlDialogElement};
use yew::prelude::*;

use crate::model::cleanup::{ChangeKind, Proposals};
use crate::model::cleanup_plan::{CleanupPlan, Mark};
use crate::model::document::SharedDocument;
use crate::model::labels::LabelSchema;
use crate::model::layout::excerpt;
use crate::model::text_edits::{self, TextEdit};
use crate::ui::{caret, dom};

/// Where the preview is: proposals on their way from the worker, or here.
#[derive(Clone, PartialEq)]
pub enum CleanupStage {
    Finding,
    Ready(Rc<Proposals>),
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct CleanupDialogProps {
    pub document: SharedDocument,
    pub schema: LabelSchema,
    pub stage: CleanupStage,
    pub on_apply: Callback<Vec<TextEdit>>,
    pub on_cancel: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    Changes,
    Result,
}

#[component]
pub fn CleanupDialog(props: &CleanupDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    let preview_ref = use_node_ref();
    caret::use_caret(preview_ref.clone());
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    let proposals = match &props.stage {
        CleanupStage::Ready(proposals) => Some(proposals.clone()),
        _ => None,
    };
    let plan = {
        let proposals = proposals.clone();
        use_state(move || {
            CleanupPlan::new(proposals.map(|p| p.changes.clone()).unwrap_or_default())
        })
    };
    {
        // The proposals arrive after the dialog opens.
        let plan = plan.clone();
        use_effect_with(proposals.clone(), move |proposals| {
            if let Some(proposals) = proposals {
                plan.set(CleanupPlan::new(proposals.changes.clone()));
            }
        });
    }
    let view = use_state_eq(|| View::Changes);
    let hint = use_state_eq(String::new);
    {
        // The preview's text is written straight into the DOM (as text nodes and
        // marks, never as markup): a megabyte has tens of thousands of marks,
        // too many to diff through the virtual DOM on every tick of a box.
        let (preview_ref, document) = (preview_ref.clone(), props.document.clone());
        let ready = matches!(props.stage, CleanupStage::Ready(_));
        use_effect_with(
            ((*plan).clone(), *view, ready),
            move |(plan, view, ready)| {
                if let (Some(preview), true) = (preview_ref.cast::<Element>(), *ready) {
                    let text = document.text().as_str();
                    match view {
                        View::Changes => {
                            dom::write_marked(&preview, text, &marked_spans(text, plan))
                        }
                        View::Result => {
                            preview.set_text_content(Some(&result_text(text, &plan.edits())))
                        }
                    }
                    // Written over with the text: the caret comes back after it.
                    if let Some(caret) = preview
                        .owner_document()
                        .as_ref()
                        .and_then(caret::new_element)
                    {
                        let _ = preview.append_child(&caret);
                    }
                }
            },
        );
    }

    // Escape closes the dialog as Cancel does (the browser would close it behind our back).
    let oncancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: Event| {
            e.prevent_default();
            on_cancel.emit(());
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let title = html! { <h2 id="cleanup-title">{ "Clean up the text" }</h2> };
    let body = match &props.stage {
        CleanupStage::Finding => html! {
            <p class="cleanup-status" role="status">{ "Looking for broken lines and site chrome…" }</p>
        },
        CleanupStage::Failed(reason) => html! {
            <p class="cleanup-status" role="alert">{ format!("Could not look at the text: {reason}.") }</p>
        },
        CleanupStage::Ready(_) => {
            let cut = {
                let (plan, preview_ref, hint, view) = (
                    plan.clone(),
                    preview_ref.clone(),
                    hint.clone(),
                    view.clone(),
                );
                let document = props.document.clone();
                Callback::from(move |_: ()| {
                    if *view != View::Changes {
                        view.set(View::Changes);
                        hint.set("Select the text to cut here, then press Cut selection.".into());
                        return;
                    }
                    let Some(preview) = preview_ref.cast::<Element>() else {
                        return;
                    };
                    let text = document.text();
                    let offsets = text.offsets();
                    match dom::selection_in(&preview, offsets.len_utf16()) {
                        Some((start, end)) => {
                            let start = offsets.utf16_to_char(text.as_str(), start);
                            let end = offsets.utf16_to_char(text.as_str(), end);
                            let mut next = (*plan).clone();
                            next.cut(start..end);
                            plan.set(next);
                            dom::clear_selection();
                            hint.set(format!("Cut {} characters.", end - start));
                        }
                        None => hint.set(
                            "Select the text to cut in the preview first (with the mouse, or Shift and the arrow keys)."
                                .into(),
                        ),
                    }
                })
            };
            let preview_keys = {
                let (preview_ref, cut) = (preview_ref.clone(), cut.clone());
                Callback::from(move |e: KeyboardEvent| {
                    let Some(preview) = preview_ref.cast::<Element>() else {
                        return;
                    };
                    if matches!(e.key().as_str(), "Delete" | "Backspace" | "x")
                        && !e.ctrl_key()
                        && !e.meta_key()
                    {
                        e.prevent_default();
                        return cut.emit(());
                    }
                    if let (Some(motion), Some(caret)) = (caret::motion(&e), caret::of(&preview)) {
                        e.prevent_default();
                        caret::step(&preview, &caret, motion);
                    }
                })
            };
            html! {
                <div class="cleanup-body">
                    <ChangeList plan={(*plan).clone()} document={props.document.clone()}
                        on_change={let plan = plan.clone(); Callback::from(move |next| plan.set(next))} />
                    <section class="cleanup-preview" aria-label="Preview">
                        <div class="cleanup-preview-bar">
                            <div class="segmented" role="group" aria-label="Show">
                                <button aria-pressed={(*view == View::Changes).to_string()}
                                    onclick={let view = view.clone(); Callback::from(move |_| view.set(View::Changes))}>{ "Changes" }</button>
                                <button aria-pressed={(*view == View::Result).to_string()}
                                    onclick={let view = view.clone(); Callback::from(move |_| view.set(View::Result))}>{ "Result" }</button>
                            </div>
                            <button class="quiet" aria-keyshortcuts="Delete" title="Remove the text selected in the preview (Delete)"
                                onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                                onclick={cut.reform(|_: MouseEvent| ())}>{ "Cut selection" }</button>
                        </div>
                        <p class="cleanup-hint" role="status">{ (*hint).clone() }</p>
                        <div class="cleanup-text" ref={preview_ref} tabindex="0" dir="auto"
                            aria-label={if *view == View::Changes { "Text with the changes marked" } else { "Text after clean-up" }}
                            onkeydown={preview_keys}>
                        </div>
                    </section>
                </div>
            }
        }
    };
    let (summary, edits) = match &props.stage {
        CleanupStage::Ready(_) => (summary(props.document.text().as_str(), &plan), plan.edits()),
        _ => (String::new(), Vec::new()),
    };
    let removed = plan.removed(props.document.annotations());
    let warning = (!removed.is_empty()).then(|| {
        let items = removed.iter().map(|a| {
            html! {
                <li data-label={a.label.to_string()}>
                    <span class="swatch" aria-hidden="true"></span>
                    <span class="overlap-label">{ props.schema.name_of(&a.label).to_owned() }</span>
                    { " " }<q>{ excerpt(props.document.text_of(a)) }</q>
                </li>
            }
        });
        let count = removed.len();
        html! {
            <div class="cleanup-warning" role="alert">
                <p>{ format!(
                    "Apply would remove {} that lie wholly in removed text (with their links). Keep their text, or Cancel:",
                    if count == 1 { "1 annotation".to_owned() } else { format!("{count} annotations") }
                ) }</p>
                <ul>{ for items }</ul>
            </div>
        }
    });
    let apply = {
        let (on_apply, edits) = (props.on_apply.clone(), edits.clone());
        Callback::from(move |_: MouseEvent| on_apply.emit(edits.clone()))
    };
    html! {
        <dialog class="cleanup-dialog" ref={dialog_ref} aria-labelledby="cleanup-title" {oncancel}>
            <header class="cleanup-header">
                { title }
                <p class="cleanup-summary">{ summary }</p>
            </header>
            { body }
            { for warning }
            <footer class="cleanup-footer">
                <p class="hint">{ "Nothing changes until you press Apply; Undo takes it back." }</p>
                <button onclick={cancel}>{ "Cancel" }</button>
                <button class="primary" onclick={apply} disabled={edits.is_empty()}>{ "Apply" }</button>
            </footer>
        </dialog>
    }
}

/// Arrow keys as a selection motion: (direction, granularity).
/// "Joins 58 broken lines, removes 9 blocks (4,930 characters)" — what Apply does.
fn summary(text: &str, plan: &CleanupPlan) -> String {
    let (_, joins_on) = plan.count(ChangeKind::JoinLines);
    let removals = plan
        .proposals()
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.kind.by_group() && plan.is_chosen(*i) && !plan.is_cut(p))
        .count()
        + plan.cuts().len();
    let before = text.chars().count();
    let after: usize = before
        - plan
            .edits()
            .iter()
            .map(|e| (e.end - e.start).saturating_sub(e.replacement.chars().count()))
            .sum::<usize>();
    if plan.proposals().is_empty() && plan.cuts().is_empty() {
        return "Nothing to clean up: no broken lines or site chrome found. You can still cut any part by hand.".into();
    }
    let mut parts = Vec::new();
    if joins_on > 0 {
        let lines = if joins_on == 1 { "line" } else { "lines" };
        parts.push(format!("joins {} broken {lines}", group_digits(joins_on)));
    }
    if removals > 0 {
        let blocks = if removals == 1 { "block" } else { "blocks" };
        parts.push(format!("removes {removals} {blocks}"));
    }
    if parts.is_empty() {
        return "No change chosen: tick a change or cut text by hand.".into();
    }
    let what = parts.join(", ");
    let mut sentence = what[..1].to_uppercase() + &what[1..];
    sentence.push_str(&format!(
        " ({} of {} characters left).",
        group_digits(after),
        group_digits(before)
    ));
    sentence
}

fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The preview's marks as byte ranges of `text` with their element, class and
/// title (`dom::write_marked` writes them).
fn marked_spans(text: &str, plan: &CleanupPlan) -> Vec<dom::Marked> {
    let marks = plan.marks(text.chars().count());
    // Byte offsets of the marks' edges, in one pass (marks come in order).
    let mut bytes = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain([text.len()]);
    let mut next_char = 0;
    let mut last = (usize::MAX, 0);
    let mut byte_of = move |char_index: usize| {
        if char_index != last.0 {
            let byte = bytes.nth(char_index - next_char).unwrap_or(text.len());
            next_char = char_index + 1;
            last = (char_index, byte);
        }
        last.1
    };
    marks
        .into_iter()
        .map(|(range, mark)| {
            let (start, end) = (byte_of(range.start), byte_of(range.end));
            let (tag, class, title) = match mark {
                Mark::Plain => ("", "", String::new()),
                Mark::Cut => ("del", "change-cut", "cut by hand".to_owned()),
                Mark::Change { index, chosen } => {
                    let kind = plan.proposals()[index].kind;
                    let title = kind.describe().to_owned();
                    let class = match (kind, chosen) {
                        (ChangeKind::JoinLines, true) => "change-join",
                        (ChangeKind::JoinLines, false) => "change-join change-off",
                        (ChangeKind::Whitespace, true) => "change-space",
                        (ChangeKind::Whitespace, false) => "change-space change-off",
                        (_, true) => "change-remove",
                        (_, false) => "change-off",
                    };
                    let tag = if chosen && !kind.by_group() {
                        "del"
                    } else {
                        "span"
                    };
                    let title = if chosen {
                        title
                    } else {
                        format!("{title} (kept)")
                    };
                    (tag, class, title)
                }
            };
            // A line break that stays one: plain text's, or one that white
            // space clean-up keeps (it only adds a blank line).
            let stays = matches!(mark, Mark::Plain | Mark::Change { chosen: false, .. })
                || class.starts_with("change-space");
            let line_end = stays && text[..end].ends_with('\n');
            dom::Marked {
                start,
                end,
                tag,
                class,
                title,
                line_end,
            }
        })
        .collect()
}

fn result_text(text: &str, edits: &[TextEdit]) -> String {
    text_edits::apply(text, edits)
        .map(|(text, _)| text)
        .unwrap_or_else(|_| text.to_owned())
}

#[derive(Properties, PartialEq)]
struct ChangeListProps {
    plan: CleanupPlan,
    document: SharedDocument,
    on_change: Callback<CleanupPlan>,
}

/// The proposed changes as check boxes (on: it will be made), and the cuts.
#[component]
fn ChangeList(props: &ChangeListProps) -> Html {
    let plan = &props.plan;
    let text = props.document.text();
    let snippet = |start: usize, end: usize| excerpt(text.slice(start, end.min(text.len_chars())));
    let groups = [ChangeKind::JoinLines, ChangeKind::Whitespace]
        .into_iter()
        .filter_map(|kind| {
            let (all, on) = plan.count(kind);
            (all > 0).then(|| {
            let onchange = {
                let (plan, on_change) = (plan.clone(), props.on_change.clone());
                Callback::from(move |e: Event| {
                    let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                    let mut next = plan.clone();
                    next.set_kind(kind, checked);
                    on_change.emit(next);
                })
            };
            let label = match kind {
                ChangeKind::JoinLines => format!("Join lines broken inside sentences ({all})"),
                _ => format!("Remove extra white space ({all})"),
            };
            html! {
                <li class="change-item change-group">
                    <label><input type="checkbox" checked={on == all} {onchange} />{ label }</label>
                </li>
            }
        })
        });
    let singles = plan.proposals().iter().enumerate().filter(|(_, p)| !p.kind.by_group()).map(|(index, proposal)| {
        let onchange = {
            let (plan, on_change) = (plan.clone(), props.on_change.clone());
            Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                let mut next = plan.clone();
                next.set_chosen(index, checked);
                on_change.emit(next);
            })
        };
        let overruled = plan.is_cut(proposal);
        html! {
            <li class="change-item" data-change={proposal.kind.key()}>
                <label>
                    <input type="checkbox" checked={plan.is_chosen(index) || overruled} disabled={overruled} {onchange} />
                    <span class="change-kind">{ format!("Remove {}", proposal.kind.describe()) }</span>
                    <span class="change-text">{ snippet(proposal.start, proposal.end) }</span>
                </label>
            </li>
        }
    });
    let cuts = plan.cuts().iter().enumerate().map(|(index, cut)| {
        let onclick = {
            let (plan, on_change) = (plan.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut next = plan.clone();
                next.uncut(index);
                on_change.emit(next);
            })
        };
        let excerpt_text = snippet(cut.start, cut.end);
        html! {
            <li class="change-item change-cut-item">
                <span class="change-kind">{ "Cut by hand" }</span>
                <span class="change-text">{ excerpt_text.clone() }</span>
                <button class="quiet" aria-label={format!("Restore “{excerpt_text}”")} {onclick}>{ "Restore" }</button>
            </li>
        }
    });
    html! {
        <section class="cleanup-changes" aria-labelledby="cleanup-changes-heading">
            <h3 id="cleanup-changes-heading">{ "Proposed changes" }</h3>
            <p class="hint">{ "Untick a change to keep that text." }</p>
            <ul class="change-list">{ for cuts }{ for groups }{ for singles }</ul>
        </section>
    }
}
