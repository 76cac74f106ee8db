//! The Team view (issue 15): join with an invitation; then the connection's
//! state, who is in the team and who is here, and each document's layers
//! with their progress (yours, the others' read-only, the curated one).

use yew::prelude::*;

use super::modal::use_modal;
use crate::model::session::Team;
use crate::model::team::{Connection, Overview, Role};

#[derive(Properties, PartialEq)]
pub struct TeamProps {
    pub team: Option<Team>,
    /// An invitation brought by the page's address, to join with one click.
    pub offered: Option<String>,
    /// Join with a code or link: `Err` says why it is not one.
    pub on_join: Callback<String, Result<(), String>>,
    pub on_leave: Callback<()>,
    pub on_close: Callback<()>,
}

/// The connection in a few words (the Team button's status line too).
pub fn connection_words(team: &Team) -> String {
    let Some(overview) = &team.overview else {
        return "Connecting…".to_owned();
    };
    match overview.connection {
        Connection::Connecting => "Connecting…".to_owned(),
        Connection::Connected => "Connected".to_owned(),
        Connection::Reconnecting => "Reconnecting…".to_owned(),
        Connection::Offline => match overview.unsent {
            0 => "Offline: your changes are kept on this device".to_owned(),
            1 => "Offline: 1 change kept on this device, sent on reconnect".to_owned(),
            n => format!("Offline: {n} changes kept on this device, sent on reconnect"),
        },
        Connection::Refused => "Refused: ask for a new invitation".to_owned(),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Annotator => "annotator",
        Role::Curator => "curator",
    }
}

#[component]
pub fn TeamDialog(props: &TeamProps) -> Html {
    let dialog = use_node_ref();
    let oncancel = use_modal(&dialog, &props.on_close);
    let code = use_state(|| props.offered.clone().unwrap_or_default());
    let problem = use_state(|| None::<String>);
    let on_input = {
        let code = code.setter();
        Callback::from(move |e: InputEvent| {
            code.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_join = {
        let (code, problem, join) = (code.clone(), problem.setter(), props.on_join.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            problem.set(join.emit((*code).clone()).err());
        })
    };
    let body = match &props.team {
        None => html! {
            <form class="team-join" onsubmit={on_join}>
                <p class="hint">{ "Annotate one corpus with others, live and offline. Your team’s organiser makes you an invitation (" }
                    <code>{ "marginalia team invite" }</code>{ "); nothing leaves this browser until you join." }</p>
                <label for="team-invitation">{ "Invitation" }</label>
                <textarea id="team-invitation" rows="4" spellcheck="false" value={(*code).clone()}
                    placeholder="marginalia-team:… or a link with #join=…" oninput={on_input}
                    aria-describedby="team-problem" />
                <p id="team-problem" class="team-problem" role="alert">{ (*problem).clone().unwrap_or_default() }</p>
                <div class="label-map-actions">
                    <button type="submit" class="primary">{ "Join team" }</button>
                    <button type="button" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
                </div>
            </form>
        },
        Some(team) => joined(team, &props.on_leave, &props.on_close),
    };
    html! {
        <dialog class="team" ref={dialog} aria-labelledby="team-title" {oncancel}>
            <h2 id="team-title">{ "Team" }</h2>
            { body }
        </dialog>
    }
}

fn joined(team: &Team, on_leave: &Callback<()>, on_close: &Callback<()>) -> Html {
    let empty = Overview {
        connection: Connection::Connecting,
        reason: String::new(),
        unsent: 0,
        members: Vec::new(),
        articles: Vec::new(),
    };
    let overview = team.overview.as_ref().unwrap_or(&empty);
    let state = match overview.connection {
        Connection::Connected => "connected",
        Connection::Refused => "refused",
        Connection::Offline => "offline",
        _ => "reconnecting",
    };
    let members = overview.members.iter().map(|m| {
        let presence = if m.online { "here" } else { "away" };
        html! {
            <li class={classes!("member", presence)}>
                <span class="member-name">{ m.name.clone() }{ if m.you { " (you)" } else { "" } }</span>
                { ", " }<span class="member-role">{ role_name(m.role) }</span>
                { ", " }<span class="member-presence">{ presence }</span>
            </li>
        }
    });
    let mut owners: Vec<String> = vec![team.name.clone()];
    for article in &overview.articles {
        for (owner, _) in &article.layers {
            if !owners.contains(owner) {
                owners.push(owner.clone());
            }
        }
    }
    let heads = owners.iter().map(|o| {
        let name = if *o == team.name {
            format!("{o} (you)")
        } else if o == crate::model::session::CURATED {
            "Curated".to_owned()
        } else {
            format!("{o} (read-only)")
        };
        html! { <th scope="col">{ name }</th> }
    });
    let rows = overview.articles.iter().map(|article| {
        let cells = owners.iter().map(|o| {
            let count = article
                .layers
                .iter()
                .find(|(owner, _)| owner == o)
                .map_or(0, |(_, n)| *n);
            html! { <td>{ count }</td> }
        });
        html! { <tr><th scope="row">{ article.title.clone() }</th>{ for cells }</tr> }
    });
    html! {
        <>
            <p class={classes!("team-state", state)} role="status">
                <strong>{ connection_words(team) }</strong>
                if !overview.reason.is_empty() { { " — " }{ overview.reason.clone() } }
            </p>
            <p>{ format!("You are {} ({}).", team.name, role_name(team.role)) }</p>
            <h3>{ "Members" }</h3>
            <ul class="team-members">{ for members }</ul>
            <h3>{ "Documents" }</h3>
            if overview.articles.is_empty() {
                <p class="hint">{ "No document shared yet: a document joins the team when you open it." }</p>
            } else {
                <div class="table-scroll">
                    <table class="agreement-table team-layers">
                        <caption>{ "Annotations in each layer" }</caption>
                        <thead><tr><th scope="col">{ "Document" }</th>{ for heads }</tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <div class="label-map-actions">
                <button onclick={on_leave.reform(|_: MouseEvent| ())}>{ "Leave team" }</button>
                <button class="primary" onclick={on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </>
    }
}
