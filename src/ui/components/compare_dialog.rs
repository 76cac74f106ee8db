//! The Compare view (issue 14): two versions of a text, disagreement by
//! disagreement (`n`/`p`), each side's span in its context, and the curator's
//! choice — take one side, both, or neither — added to the curated version,
//! which is the open document (undo and autosave as for any edit).

use std::rc::Rc;

use yew::prelude::*;

use super::modal::use_modal;
use crate::model::agreement::differences::{chosen, settled, Choice, Difference, DifferenceKind};
use crate::model::document::{Document, SharedDocument};
use crate::model::ids::AnnotationId;
use crate::model::session::Action;
use crate::ui::compare::Comparison;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub comparison: Comparison,
    /// The curated version, once it is the open document.
    pub gold: Option<SharedDocument>,
    pub dispatch: Callback<Action>,
    /// Compare two other versions of the text (their names).
    pub on_pick: Callback<(String, String)>,
    /// Close the view and select this stretch (code points) of the curated
    /// version in the article, to tag it by hand.
    pub on_edit: Callback<(usize, usize)>,
    pub on_close: Callback<()>,
}

/// Characters of context on each side of a span.
const CONTEXT: usize = 70;

#[component]
pub fn CompareDialog(props: &CompareProps) -> Html {
    let dialog = use_node_ref();
    let oncancel = use_modal(&dialog, &props.on_close);
    let current = use_state(|| 0usize);
    // Disagreements settled with "neither" (nothing in the gold shows it).
    let neither = use_state(Vec::<usize>::new);
    let c = &props.comparison;
    let count = c.differences.len();
    let is_settled = |i: usize, d: &Difference| {
        neither.contains(&i)
            || props
                .gold
                .as_ref()
                .is_some_and(|g| settled(d, &g.0, &c.a, &c.b))
    };
    let settled_count = c
        .differences
        .iter()
        .enumerate()
        .filter(|(i, d)| is_settled(*i, d))
        .count();
    let at = (*current).min(count.saturating_sub(1));
    let step = {
        let current = current.clone();
        move |by: isize| {
            let next = (at as isize + by).clamp(0, count.saturating_sub(1) as isize) as usize;
            current.set(next);
        }
    };
    let choose = {
        let (comparison, dispatch, current, neither) = (
            c.clone(),
            props.dispatch.clone(),
            current.clone(),
            neither.clone(),
        );
        let can = props.gold.is_some();
        Callback::from(move |choice: Choice| {
            let Some(difference) = comparison.differences.get(at) else {
                return;
            };
            if !can {
                return;
            }
            if choice == Choice::Neither {
                let mut list = (*neither).clone();
                list.push(at);
                neither.set(list);
            } else {
                let names = (comparison.names.0.as_str(), comparison.names.1.as_str());
                if let Ok(document) =
                    chosen(difference, choice, &comparison.a, &comparison.b, names)
                {
                    dispatch.emit(Action::Curate {
                        chosen: Rc::new(document),
                        now: crate::ui::dom::now_ms(),
                    });
                }
            }
            if at + 1 < comparison.differences.len() {
                current.set(at + 1);
            }
        })
    };
    let onkeydown = {
        let step = step.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            match e.key().as_str() {
                "n" | "ArrowDown" => {
                    e.prevent_default();
                    step(1)
                }
                "p" | "ArrowUp" => {
                    e.prevent_default();
                    step(-1)
                }
                _ => {}
            }
        })
    };
    let side = |version: &Document,
                name: &str,
                span: &Option<AnnotationId>,
                difference: &Difference| {
        let shown = match (
            difference.kind,
            span.as_ref().and_then(|id| version.get(id)),
        ) {
            (_, None) => html! { <p class="hint">{ "Nothing here." }</p> },
            (DifferenceKind::Link, Some(content)) => {
                let target = version
                    .relations()
                    .iter()
                    .find(|r| {
                        r.from == content.id
                            && Some(&r.id)
                                == difference.a_link.as_ref().or(difference.b_link.as_ref())
                    })
                    .and_then(|r| version.get(&r.to));
                html! { <p>{ format!("{} “{}” → ", content.label, clip(version.text_of(content))) }
                { target.map(|t| format!("{} “{}”", t.label, clip(version.text_of(t)))).unwrap_or_default() }</p> }
            }
            (_, Some(s)) => {
                let len = version.text().len_chars();
                let (from, to) = (s.start.saturating_sub(CONTEXT), (s.end + CONTEXT).min(len));
                html! {
                    <p>
                        <span class="compare-label">{ s.label.to_string() }</span>
                        { if from > 0 { "…" } else { "" } }{ version.text().slice(from, s.start).to_owned() }
                        <mark>{ version.text().slice(s.start, s.end).to_owned() }</mark>
                        { version.text().slice(s.end, to).to_owned() }{ if to < len { "…" } else { "" } }
                    </p>
                }
            }
        };
        html! { <section class="compare-side" aria-label={name.to_owned()}><h3>{ name.to_owned() }</h3>{ shown }</section> }
    };
    let current_view = c.differences.get(at).map(|d| {
        let choose = |choice: Choice| choose.reform(move |_: MouseEvent| choice);
        let status = if is_settled(at, d) { " · settled" } else { "" };
        html! {
            <div class="compare-current">
                <p class="compare-kind">{ format!("Disagreement {} of {count}: {}{status}", at + 1, d.kind.describe()) }</p>
                <div class="compare-sides">
                    { side(&c.a, &c.names.0, &d.a, d) }
                    { side(&c.b, &c.names.1, &d.b, d) }
                </div>
                <div class="compare-actions">
                    <button disabled={props.gold.is_none() || d.a.is_none()} onclick={choose(Choice::A)}>{ format!("Take {}", c.names.0) }</button>
                    <button disabled={props.gold.is_none() || d.b.is_none()} onclick={choose(Choice::B)}>{ format!("Take {}", c.names.1) }</button>
                    <button disabled={props.gold.is_none() || d.a.is_none() || d.b.is_none()} onclick={choose(Choice::Both)}>{ "Both" }</button>
                    <button disabled={props.gold.is_none()} onclick={choose(Choice::Neither)}>{ "Neither" }</button>
                    <button disabled={props.gold.is_none()} title="Close this view with the place selected in the curated version, to tag it by hand"
                        onclick={props.on_edit.reform({ let range = (d.start, d.end); move |_: MouseEvent| range })}>{ "Edit" }</button>
                </div>
            </div>
        }
    });
    let list = c.differences.iter().enumerate().map(|(i, d)| {
        let current = current.clone();
        let label = format!(
            "{} at {}{}",
            d.kind.describe(),
            clip(c.a.text().slice(d.start, d.end)),
            if is_settled(i, d) { " — settled" } else { "" }
        );
        html! { <li aria-current={(i == at).then_some("true")}>
            <button class="quiet" onclick={Callback::from(move |_| current.set(i))}>{ label }</button></li> }
    });
    let previous = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step(-1))
    };
    let next = Callback::from(move |_: MouseEvent| step(1));
    html! {
        <dialog class="compare" ref={dialog} aria-labelledby="compare-title" {oncancel} {onkeydown}>
            <h2 id="compare-title">{ "Compare" }</h2>
            <p class="hint">{ format!("{} and {} on “{}” · your choices go into “{} (curated)”, which is open behind this view.", c.names.0, c.names.1, c.title, c.title) }</p>
            if c.versions.len() > 2 {
                { pickers(c, &props.on_pick) }
            }
            <p role="status" class="compare-count">{
                if count == 0 { "The two versions agree everywhere.".to_owned() }
                else { format!("{settled_count} of {count} disagreements settled") }
            }</p>
            { current_view.unwrap_or_default() }
            <div class="compare-steps">
                <button aria-keyshortcuts="P" onclick={previous} disabled={at == 0}>{ "Previous" }</button>
                <button aria-keyshortcuts="N" onclick={next} disabled={at + 1 >= count}>{ "Next" }</button>
            </div>
            <ol class="compare-list" aria-label="Disagreements">{ for list }</ol>
            <div class="label-map-actions">
                <button class="primary" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </dialog>
    }
}

/// Which two versions to compare, when the text has more.
fn pickers(c: &Comparison, on_pick: &Callback<(String, String)>) -> Html {
    let select = |label: &str, chosen: &str, other: String, first: bool| {
        let on_pick = on_pick.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            on_pick.emit(if first {
                (value, other.clone())
            } else {
                (other.clone(), value)
            });
        });
        let options = c.versions.iter().map(|name| {
            html! { <option value={name.clone()} selected={name == chosen}>{ name.clone() }</option> }
        });
        html! { <label>{ label.to_owned() }<select {onchange}>{ for options }</select></label> }
    };
    html! {
        <div class="compare-pick">
            { select("Compare ", &c.names.0, c.names.1.clone(), true) }
            { select(" with ", &c.names.1, c.names.0.clone(), false) }
        </div>
    }
}

/// A span's words on one line, cut in the middle when long.
fn clip(text: &str) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 60 {
        return text;
    }
    let head: String = chars[..28].iter().collect();
    let tail: String = chars[chars.len() - 28..].iter().collect();
    format!("{head} … {tail}")
}
