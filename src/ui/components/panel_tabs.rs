//! Details and Annotations as two tabs, where the window has no room for both
//! in one column (phones, narrow or short windows): the WAI-ARIA tabs pattern,
//! with arrow keys, Home and End moving between them.

use yew::prelude::*;

/// Which of the right column's panels is shown when they are tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Details,
    Annotations,
}

impl Panel {
    const ALL: [Panel; 2] = [Panel::Details, Panel::Annotations];

    fn name(self) -> &'static str {
        match self {
            Panel::Details => "Details",
            Panel::Annotations => "Annotations",
        }
    }

    fn tab_id(self) -> &'static str {
        match self {
            Panel::Details => "tab-details",
            Panel::Annotations => "tab-annotations",
        }
    }
}

/// The id of the panel the tabs control.
pub const PANEL_ID: &str = "side-panel";

#[derive(Properties, PartialEq)]
pub struct PanelTabsProps {
    pub current: Panel,
    pub on_pick: Callback<Panel>,
}

#[component]
pub fn PanelTabs(props: &PanelTabsProps) -> Html {
    let onkeydown = {
        let (current, on_pick) = (props.current, props.on_pick.clone());
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowLeft" | "ArrowRight" => match current {
                    Panel::Details => Panel::Annotations,
                    Panel::Annotations => Panel::Details,
                },
                "Home" => Panel::Details,
                "End" => Panel::Annotations,
                _ => return,
            };
            event.prevent_default();
            on_pick.emit(next);
            // Both tabs are always there: focus can move at once.
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(next.tab_id()))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = tab.focus();
            }
        })
    };
    let tabs = Panel::ALL.iter().map(|&panel| {
        let chosen = panel == props.current;
        html! {
            <button role="tab" id={panel.tab_id()} aria-selected={chosen.to_string()}
                aria-controls={PANEL_ID} tabindex={if chosen { "0" } else { "-1" }}
                onclick={props.on_pick.reform(move |_: MouseEvent| panel)}>
                { panel.name() }
            </button>
        }
    });
    html! {
        <div class="panel-tabs" role="tablist" aria-label="Panels" {onkeydown}>{ for tabs }</div>
    }
}

/// The tab that labels the panel when `panel` is shown.
pub fn labelled_by(panel: Panel) -> &'static str {
    panel.tab_id()
}
