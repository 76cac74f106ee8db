//! Keyboard: keys inside the article, and undo/redo from anywhere. Each key
//! becomes one action; what the action means is the session's to decide.

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::{Callback, NodeRef};

use crate::model::ids::LabelId;
use crate::model::listing::Direction;
use crate::model::session::{Action, Edge};
use crate::ui::components::suggestion_key;
use crate::ui::handle::AppHandle;
use crate::ui::{caret, dom};

/// Keys inside the article.
pub struct ArticleKeys {
    pub handle: AppHandle,
    pub article_ref: NodeRef,
    pub on_tag: Callback<LabelId>,
    pub on_step: Callback<Direction>,
    pub close_overlap: Callback<()>,
    /// Open Find in article.
    pub on_find: Callback<()>,
    /// Find suggestions for the open document.
    pub on_suggest: Callback<()>,
}

impl ArticleKeys {
    /// Label keys tag the text selection, or relabel the selected annotation when
    /// no text is selected; `l` starts a link, `n`/`p` step through annotations,
    /// Enter picks while linking; arrows, Home and End move the caret (`caret`),
    /// Shift with them extends the text selection, or moves the selected
    /// annotation's end (Alt+Shift: its start); Escape cancels or deselects;
    /// Delete removes the selected annotation.
    pub fn handle(&self, event: KeyboardEvent) {
        let Some(article) = self.article_ref.cast::<Element>() else {
            return;
        };
        let session = self.handle.session();
        let dispatch = &self.handle.dispatch;
        let now = dom::now_ms();
        // Read from the DOM only for the keys that depend on it.
        let text_selected = || {
            session
                .open()
                .and_then(|d| dom::selection_in(&article, d.text().offsets().len_utf16()))
                .is_some()
        };
        let selected = session.selected().cloned();
        let key = event.key();
        let plain = !event.ctrl_key() && !event.alt_key() && !event.meta_key();
        let mut chars = key.chars();
        if (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("f") {
            event.prevent_default();
            return self.on_find.emit(());
        }
        if let (true, Some(pressed), None) = (plain, chars.next(), chars.next()) {
            let pressed = pressed.to_ascii_lowercase();
            match pressed {
                '/' => {
                    event.prevent_default();
                    return self.on_find.emit(());
                }
                // `]` and `[` are the next and previous document (ui::effects).
                '.' => {
                    event.prevent_default();
                    return crate::ui::selection::extend_selection(&self.handle, &article);
                }
                _ => {}
            }
            // While suggestions are shown: J/K move through them, A accepts
            // and X rejects the one looked at (when no highlight is selected).
            if let Some(layer) = session.suggestions() {
                let free = selected.is_none() || matches!(pressed, 'j' | 'k');
                if free && !text_selected() && suggestion_key(&event, layer.selected(), dispatch) {
                    return;
                }
            }
            let label = session.schema.by_hotkey(pressed);
            if pressed == 'g' && label.is_none() {
                event.prevent_default();
                return self.on_suggest.emit(());
            }
            if !matches!(pressed, 'n' | 'p' | 'l') && label.is_none() {
                return;
            }
            let text_selected = text_selected();
            let action = match (pressed, &selected, text_selected) {
                ('n', _, false) => return self.step(&event, Direction::Next),
                ('p', _, false) => return self.step(&event, Direction::Previous),
                ('l', Some(_), false) => Some(Action::StartLinking),
                _ => None,
            };
            if let Some(action) = action {
                event.prevent_default();
                return dispatch.emit(action);
            }
            if let Some(label) = label {
                event.prevent_default();
                match (&selected, text_selected) {
                    (Some(id), false) => dispatch.emit(Action::Relabel {
                        id: id.clone(),
                        label: label.id.clone(),
                        now,
                    }),
                    _ => self.on_tag.emit(label.id.clone()),
                }
            }
            return;
        }
        if let Some(motion) = caret::motion(&event) {
            event.prevent_default();
            // Shift+arrows with a highlight selected (and no text) resize it.
            let resizing = selected
                .clone()
                .filter(|_| motion.extend && !text_selected());
            match (resizing, key.as_str()) {
                (Some(id), "ArrowLeft" | "ArrowRight") => dispatch.emit(Action::Nudge {
                    id,
                    edge: if event.alt_key() {
                        Edge::Start
                    } else {
                        Edge::End
                    },
                    by: if key == "ArrowRight" { 1 } else { -1 },
                    now,
                }),
                (Some(_), _) => {}
                (None, _) => {
                    // Moving the caret leaves the highlight, as a click in the text
                    // does, so Shift+arrows then select text instead of resizing it.
                    if !motion.extend && selected.is_some() && session.linking().is_none() {
                        dispatch.emit(Action::Select(None));
                    }
                    if let Some(caret) = caret::of(&article) {
                        caret::step(&article, &caret, motion);
                    }
                }
            }
            return;
        }
        match key.as_str() {
            "Enter" => {
                if let (Some(target), Some(_)) = (selected, session.linking()) {
                    event.prevent_default();
                    dispatch.emit(Action::LinkTo { target, now });
                }
            }
            "Escape" if session.linking().is_some() => dispatch.emit(Action::CancelLinking),
            "Escape" => {
                self.close_overlap.emit(());
                dom::clear_selection();
                dispatch.emit(Action::Select(None));
            }
            "Delete" | "Backspace" => {
                if let Some(id) = selected {
                    event.prevent_default();
                    dispatch.emit(Action::Untag { id, now });
                }
            }
            _ => {}
        }
    }

    fn step(&self, event: &KeyboardEvent, direction: Direction) {
        event.prevent_default();
        self.on_step.emit(direction);
    }
}

/// Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y, unless typing in a text field (which
/// keeps its own undo).
pub fn history_shortcut(event: &KeyboardEvent) -> Option<Action> {
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return None;
    }
    if in_text_field(event) {
        return None;
    }
    let now = dom::now_ms();
    match (event.key().to_ascii_lowercase().as_str(), event.shift_key()) {
        ("z", false) => Some(Action::Undo { now }),
        ("z", true) | ("y", false) => Some(Action::Redo { now }),
        _ => None,
    }
}

/// True when the key goes to a text field (which has its own uses for keys).
pub fn in_text_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}
