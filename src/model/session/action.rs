//! Everything that can happen to a session, as named actions, and the notices it
//! answers with.

use crate::model::document::Document;
use crate::model::ids::{AnnotationId, DocId, LabelId, RelationId};
use crate::model::labels::LabelSchema;
use crate::model::listing::Direction;
use crate::model::schema_edit::SchemaEdit;

use super::import::Imported;
use super::library::{DocumentSummary, Preferences};
use super::schema::SchemaHistory;

// An action lives for one `apply`; boxing the documents some variants carry
// would cost an allocation for no saving.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Storage was read at start-up. Documents created before it finished are kept.
    Restored {
        library: Vec<DocumentSummary>,
        open: Option<Document>,
        schema: Option<LabelSchema>,
        schema_history: SchemaHistory,
        preferences: Option<Preferences>,
        /// The user's name as an annotator, if set.
        annotator: Option<String>,
    },
    /// A new document from pasted text or a file; it becomes the open document.
    CreateDocument {
        id: DocId,
        title: String,
        text: String,
        /// What a web page said of its article (byline, date, address).
        meta: Option<crate::model::article_meta::ArticleMeta>,
        now: u64,
    },
    /// A document loaded from storage becomes the open document.
    ShowDocument(Document),
    Rename {
        id: DocId,
        title: String,
        now: u64,
    },
    Delete {
        id: DocId,
    },
    /// Tag code points `start..end` of the open document (whitespace is trimmed).
    Tag {
        label: LabelId,
        start: usize,
        end: usize,
        now: u64,
    },
    Untag {
        id: AnnotationId,
        now: u64,
    },
    /// Attribute `from` (a quote or claim) to the source `to`, optionally via a cue.
    Link {
        from: AnnotationId,
        to: AnnotationId,
        cue: Option<AnnotationId>,
        now: u64,
    },
    Unlink {
        id: RelationId,
        now: u64,
    },
    Relabel {
        id: AnnotationId,
        label: LabelId,
        now: u64,
    },
    /// Move an annotation's edges to exactly these offsets.
    Resize {
        id: AnnotationId,
        start: usize,
        end: usize,
        now: u64,
    },
    /// Move one edge of an annotation `by` characters (negative: towards the
    /// start of the text), keeping it inside the text and not empty.
    Nudge {
        id: AnnotationId,
        edge: Edge,
        by: isize,
        now: u64,
    },
    /// Start linking the selected quote or claim to a source.
    StartLinking,
    CancelLinking,
    /// While linking: a cue is remembered for the link; anything else becomes its
    /// source, and the link is made.
    LinkTo {
        target: AnnotationId,
        now: u64,
    },
    /// The user chose an annotation (or nothing) in the text or a list: while
    /// linking that picks the link's cue or source, otherwise it selects.
    Pick {
        target: Option<AnnotationId>,
        now: u64,
    },
    /// Set one field (`Some(field id)`) or the note (`None`) of an annotation, leaving
    /// the rest of its details as they are now; an empty value clears the field.
    SetDetail {
        id: AnnotationId,
        field: Option<String>,
        value: String,
        now: u64,
    },
    Select(Option<AnnotationId>),
    /// Select the next, previous, first or last annotation from the current one.
    Step(Direction),
    /// The same through a list as it is shown (grouped or filtered): `order` is
    /// its entries. The reducer steps from the newest selection, so keys pressed
    /// faster than the page renders are never lost.
    StepIn {
        order: std::rc::Rc<Vec<AnnotationId>>,
        direction: Direction,
    },
    /// Turn snapping new spans to whole words on or off.
    SetWordSnapping(bool),
    /// How the Annotations list groups and filters (remembered).
    SetListView(crate::model::listing::ListView),
    /// Draw every link as an arc, or only the selected annotation's (remembered).
    ShowAllLinks(bool),
    /// Many checked documents at once (a corpus), each as a new document with its
    /// id; the first is opened. Autosave writes them all in one transaction.
    ImportMany {
        documents: Vec<(super::Imported, DocId)>,
        now: u64,
    },
    /// How far an import has got, with a way to cancel it.
    ImportProgress {
        message: String,
    },
    /// Mark where the user is with a document (new, in progress, done).
    SetStatus {
        id: DocId,
        status: super::DocumentStatus,
    },
    /// Stop imports at the mapping step when they bring new labels (remembered).
    MapNewLabels(bool),
    /// Ask what the labels an import brought become (the mapping step).
    AskLabelMap(std::rc::Rc<super::LabelQuestion>),
    /// The mapping step was answered or cancelled.
    CloseLabelMap,
    /// Open (`true`) or close the label schema settings.
    ShowSettings(bool),
    /// Change the label schema; undoable while the settings are open.
    EditSchema(SchemaEdit),
    /// Revert the last change to what is shown: the open document, or the schema
    /// while the settings are open.
    Undo {
        now: u64,
    },
    /// Apply again the last undone change to what is shown.
    Redo {
        now: u64,
    },
    /// A checked import. `existing` is the stored document with the same text, if any,
    /// which the import then adds to instead of creating a duplicate.
    Import {
        imported: Imported,
        new_id: DocId,
        existing: Option<Document>,
        now: u64,
    },
    /// Annotations placed on the open document's text from another copy of it
    /// (`anchoring::place`, done in the format worker): added as one undoable
    /// step, and `report` (what was placed how, what was not) is shown.
    PlaceOnOpen {
        placed: Imported,
        report: String,
        now: u64,
    },
    /// Clean up the open document's text (one undoable step): `edits` are the
    /// changes the user chose, in code points of the current text, in order;
    /// every annotation is carried across (`text_edits::EditMap`).
    CleanUp {
        edits: Vec<crate::model::text_edits::TextEdit>,
        now: u64,
    },
    /// Offer to place the annotations of the file just read on the open
    /// document instead of importing them as a new one.
    OfferPlacing {
        message: String,
    },
    /// Offer to clean up the open document, whose text looks hard-wrapped or
    /// wrapped in site chrome (never done without the user).
    OfferCleanUp {
        message: String,
    },
    Notify {
        kind: NoticeKind,
        message: String,
    },
    DismissNotice,
    /// What the suggester found in the open document (`text_hash` of the text
    /// it read): shown as a layer, the first suggestion selected.
    ShowSuggestions {
        found: std::rc::Rc<crate::model::suggest::Suggestions>,
        text_hash: u64,
    },
    /// Look at the next or previous pending suggestion (or none).
    StepSuggestion(Direction),
    SelectSuggestion(Option<usize>),
    /// Accept a suggestion (`whole`: with the rest of its attribution — quote,
    /// source, cue and link) as one undoable step.
    AcceptSuggestion {
        index: usize,
        whole: bool,
        now: u64,
    },
    /// Accept every pending suggestion at least this sure (0–100), in one step.
    AcceptAllSuggestions {
        min_confidence: u8,
        now: u64,
    },
    /// Turn a suggestion down: it does not come back for this document.
    RejectSuggestion {
        index: usize,
    },
    /// Hide the suggestions (Suggest shows them again, without the rejected).
    CloseSuggestions,
    /// The user's name as an annotator (empty: none).
    SetAnnotator(String),
    /// Start a curated (gold) version of a text: `document` holds what the
    /// versions agree on; it is added as annotator "curated" and opened.
    StartCuration {
        title: String,
        document: Document,
        id: DocId,
        now: u64,
    },
    /// Add what the curator chose for a disagreement (a document on the open
    /// text) to the open, curated version, as one undoable step.
    Curate {
        chosen: std::rc::Rc<Document>,
        now: u64,
    },
    /// The user is in a team (joined now, or at start-up): their annotator
    /// name becomes the invitation's.
    TeamJoined {
        name: String,
        role: crate::model::team::Role,
    },
    /// What the team's sync worker reports: connection, members, layers.
    TeamOverview(crate::model::team::Overview),
    TeamLeft,
    /// Changes to the open document's layer made elsewhere (the user's other
    /// device; the curator's, for the curated layer), as one undoable step.
    TeamOps {
        article: String,
        ops: crate::model::team::layer::Ops,
        now: u64,
    },
    /// A team member's layer of a text, whole: their read-only version.
    TeamVersion {
        imported: super::Imported,
        id: DocId,
        now: u64,
    },
    /// Storage cannot be used; work goes on in memory and the user is told.
    StorageFailed(String),
}

impl Action {
    /// Whether this changes the open document's annotations (refused on
    /// someone else's layer in a team).
    pub fn edits_open_document(&self) -> bool {
        matches!(
            self,
            Action::Tag { .. }
                | Action::Untag { .. }
                | Action::Link { .. }
                | Action::Unlink { .. }
                | Action::Relabel { .. }
                | Action::Resize { .. }
                | Action::Nudge { .. }
                | Action::StartLinking
                | Action::LinkTo { .. }
                | Action::SetDetail { .. }
                | Action::Undo { .. }
                | Action::Redo { .. }
                | Action::PlaceOnOpen { .. }
                | Action::CleanUp { .. }
                | Action::AcceptSuggestion { .. }
                | Action::AcceptAllSuggestions { .. }
                | Action::Curate { .. }
        )
    }
}

/// One end of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something the user asked for did not happen; shown with `role="alert"`.
    Error,
    /// Something happened that the user may not have seen; shown with `role="status"`.
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
    /// Increases with every notice, so the same message twice is shown twice.
    pub seq: u64,
    /// A choice the notice offers, if any.
    pub offer: Option<Offer>,
}

/// A choice a notice puts to the user, as buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offer {
    /// "Place on this document" or "Import as a new document".
    PlaceOrImport,
    /// Review the clean-up the open document's text would gain from.
    CleanUp,
    /// An import is under way: it can be cancelled.
    CancelImport,
}
