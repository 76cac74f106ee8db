//! The Details panel of the selected annotation: its label, the fields its label
//! defines, a note, and its links. Every change is one action (and one undo step).

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::document::SharedDocument;
use crate::model::ids::{AnnotationId, LabelId, RelationId};
use crate::model::labels::{FieldKind, LabelSchema};
use crate::model::layout::excerpt;
use crate::model::session::Linking;

use super::text_field::TextField;

#[derive(Properties, PartialEq)]
pub struct DetailsPanelProps {
    pub document: SharedDocument,
    pub schema: LabelSchema,
    pub id: AnnotationId,
    pub linking: Option<Linking>,
    pub on_relabel: Callback<(AnnotationId, LabelId)>,
    /// One field (`Some(id)`) or the note (`None`) changed to a value.
    pub on_detail: Callback<(AnnotationId, Option<String>, String)>,
    pub on_start_link: Callback<()>,
    pub on_cancel_link: Callback<()>,
    pub on_unlink: Callback<RelationId>,
    pub on_choose: Callback<AnnotationId>,
}

#[component]
pub fn DetailsPanel(props: &DetailsPanelProps) -> Html {
    let document = &props.document;
    let Some(annotation) = document.get(&props.id) else {
        return html! {};
    };
    let id = annotation.id.clone();
    let text = document.text_of(annotation).to_owned();
    let details = document.details_of(&id).cloned().unwrap_or_default();
    let label = props.schema.get(annotation.label.as_str());

    let label_options = props.schema.labels().iter().map(|l| {
        html! { <option value={l.id.to_string()} selected={l.id == annotation.label}>{ l.name.clone() }</option> }
    });
    let on_label = {
        let (on_relabel, id) = (props.on_relabel.clone(), id.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_relabel.emit((id.clone(), LabelId::new(&select.value())));
        })
    };
    // Each field reports only itself: the panel may be a frame behind, so it must
    // never write back details it read earlier.
    let update = {
        let (on_detail, id) = (props.on_detail.clone(), id.clone());
        move |field: Option<String>, value: String| on_detail.emit((id.clone(), field, value))
    };
    let fields = label.map(|l| l.fields.clone()).unwrap_or_default().into_iter().map(|field| {
        let value = details.attributes.get(&field.id).unwrap_or_default().to_owned();
        let field_id = field.id.clone();
        let update = update.clone();
        let control = match field.kind {
            FieldKind::Choice => {
                let options = field.options.clone();
                let onchange = Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    update(Some(field_id.clone()), select.value());
                });
                html! {
                    <select aria-label={field.name.clone()} {onchange}>
                        <option value="" selected={value.is_empty()}>{ "—" }</option>
                        { for options.iter().map(|o| html! { <option value={o.clone()} selected={&value == o}>{ o.clone() }</option> }) }
                    </select>
                }
            }
            FieldKind::Text => {
                let placeholder = field.defaults_to_text.then(|| AttrValue::from(excerpt(&text)));
                let on_commit = Callback::from(move |value: String| {
                    update(Some(field_id.clone()), value.trim().to_owned())
                });
                html! { <TextField {value} label={field.name.clone()} {placeholder} {on_commit} /> }
            }
        };
        html! { <label class="field"><span>{ field.name.clone() }</span>{ control }</label> }
    });
    let on_note = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            update(None, area.value());
        })
    };

    // Links: where this annotation is the quote/claim, and where it is the source.
    let name_of = |other: &AnnotationId| {
        document
            .get(other)
            .map(|a| {
                format!(
                    "{} “{}”",
                    props.schema.name_of(&a.label),
                    excerpt(document.text_of(a))
                )
            })
            .unwrap_or_default()
    };
    let link_row = |relation_id: &RelationId, other: &AnnotationId, cue: Option<&AnnotationId>| {
        let choose = {
            let (on_choose, other) = (props.on_choose.clone(), other.clone());
            Callback::from(move |_| on_choose.emit(other.clone()))
        };
        let unlink = {
            let (on_unlink, rid) = (props.on_unlink.clone(), relation_id.clone());
            Callback::from(move |_| on_unlink.emit(rid.clone()))
        };
        let via = cue
            .and_then(|c| document.get(c))
            .map(|c| format!(" — via “{}”", excerpt(document.text_of(c))));
        html! {
            <li class="link" key={relation_id.to_string()}>
                <button class="link-target quiet" onclick={choose}>{ name_of(other) }{ via.unwrap_or_default() }</button>
                <button class="quiet" title="Remove this link" onclick={unlink}>{ "Unlink" }</button>
            </li>
        }
    };
    let attributed_to: Vec<Html> = document
        .relations()
        .iter()
        .filter(|r| r.from == id)
        .map(|r| link_row(&r.id, &r.to, r.cue.as_ref()))
        .collect();
    // A source is where links end; a cue is what they pass through.
    let attributed_here: Vec<Html> = document
        .relations()
        .iter()
        .filter(|r| r.to == id || r.cue.as_ref() == Some(&id))
        .map(|r| link_row(&r.id, &r.from, r.cue.as_ref().filter(|c| *c != &id)))
        .collect();
    let is_source_like = matches!(annotation.label.as_str(), "source" | "cue");

    let linking_here = props.linking.as_ref().filter(|l| l.from == id);
    let link_controls = match linking_here {
        Some(linking) => {
            let cue = linking
                .cue
                .as_ref()
                .and_then(|c| document.get(c))
                .map(|c| format!(" Cue: “{}”.", excerpt(document.text_of(c))));
            html! {
                <div class="linking-banner" role="status">
                    <p>{ "Choose the source: click it in the article or the list, or move with n / p and press Enter. Pick a cue first to include it." }{ cue.unwrap_or_default() }</p>
                    <button onclick={props.on_cancel_link.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                </div>
            }
        }
        None if !is_source_like => html! {
            <button class="link-button" aria-keyshortcuts="l" onclick={props.on_start_link.reform(|_: MouseEvent| ())}>{ "Link to a source" }<kbd aria-hidden="true">{ "l" }</kbd></button>
        },
        None => html! {},
    };

    html! {
        <section class="details" aria-labelledby="details-heading" data-label={annotation.label.to_string()}>
            <h2 id="details-heading">{ "Details" }</h2>
            <p class="details-text">{ excerpt(&text) }</p>
            <label class="field"><span>{ "Label" }</span><select aria-label="Label" onchange={on_label}>{ for label_options }</select></label>
            { for fields }
            <label class="field"><span>{ "Note" }</span><textarea key={details.note.clone()} aria-label="Note" rows="2" defaultvalue={details.note.clone()} onchange={on_note} /></label>
            if !is_source_like {
                <h3>{ "Attributed to" }</h3>
                if attributed_to.is_empty() { <p class="hint">{ "No source yet." }</p> }
                <ul class="links" aria-label="Attributed to">{ for attributed_to }</ul>
            } else {
                <h3>{ "Attributed here" }</h3>
                if attributed_here.is_empty() { <p class="hint">{ "Nothing is attributed to this yet." }</p> }
                <ul class="links" aria-label="Attributed here">{ for attributed_here }</ul>
            }
            { link_controls }
        </section>
    }
}
