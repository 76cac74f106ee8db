//! What the web app and its format worker (`src/bin/marginalia-worker.rs`) say
//! to each other, as types; the only place the messages' keys are spelled.
//! Messages are plain JS objects (structured clone); a document travels as the
//! record the app stores (`formats::service::Stored`).
//!
//! App → worker: `Request`. Worker → app: `Reply` — `ready` once on start, then
//! per request any number of `progress`, and one `done`.

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::formats::html::WebArticle;
use crate::formats::service::{ImportFile, OpenDocument, Stored};
use crate::formats::Format;
use crate::model::cleanup::{ChangeKind, Proposal, Proposals};
use crate::model::suggest::{Patterns, Suggested, SuggestedLink, Suggestions, RULES};

pub enum Request {
    Export {
        format: Format,
        /// The label schema, as JSON (`[LabelDef]`).
        labels: String,
        documents: Vec<Stored>,
        /// The folder name inside a `.zip`.
        archive: String,
        /// brat: links as attribution events.
        brat_events: bool,
    },
    Import {
        labels: String,
        files: Vec<ImportFile>,
        /// The open document, for formats that hold no text (CSV).
        open: Option<OpenDocument>,
        /// The files' labels mapped onto the schema's (`From=to` lines), or empty.
        label_map: String,
    },
    /// Read the files and place their document's annotations on `onto`'s text.
    Place {
        labels: String,
        files: Vec<ImportFile>,
        onto: OpenDocument,
    },
    /// What clean-up proposes for a text (`cleanup::propose`).
    Propose { text: String },
    /// Who said what in a text (`suggest::suggest_with`), with the user's own
    /// cue phrases.
    Suggest { text: String, cues: Vec<String> },
    /// The cue phrases of a Prodigy pattern file (`suggest::read_patterns`).
    ReadPatterns { text: String },
    /// How far versions of the same documents agree (`agreement::agree`):
    /// each version a name and its documents, each with a key naming its text.
    Agree {
        labels: String,
        versions: Vec<(String, Vec<(String, Stored)>)>,
    },
    /// The article in a web page (`formats::html`), for the page worker: a
    /// whole page from a file, or what a paste of rich text held.
    ReadPage { html: String, pasted: bool },
}

/// What an export wrote: one file, or several in a `.zip`.
pub struct Exported {
    pub file: Option<(String, String)>,
    pub zip: Option<Vec<u8>>,
    pub notes: Vec<String>,
}

/// What an import read.
pub struct ImportedFiles {
    pub documents: Vec<Stored>,
    /// The schema's labels and those the files added, as JSON (`[LabelDef]`).
    pub labels: String,
    pub new_labels: u32,
    pub notes: Vec<String>,
}

/// What placing gave: the open text with the annotations found, and a report.
pub struct Placed {
    pub document: Stored,
    pub labels: String,
    pub report: String,
}

pub enum Reply {
    Ready,
    Progress {
        done: u32,
        total: u32,
    },
    Exported(Exported),
    Imported(ImportedFiles),
    Placed(Placed),
    Proposed(Proposals),
    Suggested(Suggestions),
    Patterns(Patterns),
    /// `agreement::display_lines` of the report.
    Agreement(String),
    Page(WebArticle),
    Failed(String),
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn string(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_default()
}

fn number(object: &JsValue, key: &str) -> u32 {
    get(object, key).as_f64().unwrap_or(0.0) as u32
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

fn strings(values: &[String]) -> Array {
    values.iter().map(|v| JsValue::from(v.as_str())).collect()
}

/// The items of a JS array; nothing for anything else (`Array.from` would
/// throw on a missing key).
fn items(value: &JsValue) -> Vec<JsValue> {
    if Array::is_array(value) {
        Array::from(value).iter().collect()
    } else {
        Vec::new()
    }
}

fn string_list(value: &JsValue) -> Vec<String> {
    items(value).iter().filter_map(JsValue::as_string).collect()
}

fn list(object: &JsValue, key: &str) -> Vec<JsValue> {
    items(&get(object, key))
}

fn stored_to_js(stored: &Stored) -> JsValue {
    let entry = Object::new();
    set(&entry, "title", stored.title.as_str());
    set(&entry, "text", stored.text.as_str());
    set(&entry, "record", stored.record.as_str());
    if let Some(status) = stored.status {
        set(&entry, "status", status.key());
    }
    if let Some(annotator) = &stored.annotator {
        set(&entry, "annotator", annotator.as_str());
    }
    entry.into()
}

fn stored_from_js(entry: &JsValue) -> Stored {
    Stored {
        title: string(entry, "title"),
        text: string(entry, "text"),
        record: string(entry, "record"),
        status: crate::model::session::DocumentStatus::from_key(&string(entry, "status")),
        annotator: Some(string(entry, "annotator")).filter(|a| !a.is_empty()),
    }
}

fn files_to_js(files: &[ImportFile]) -> Array {
    files
        .iter()
        .map(|file| {
            let entry = Object::new();
            set(&entry, "name", file.name.as_str());
            set(&entry, "bytes", Uint8Array::from(file.bytes.as_slice()));
            JsValue::from(entry)
        })
        .collect()
}

fn files_from_js(value: &JsValue) -> Vec<ImportFile> {
    list(value, "files")
        .iter()
        .map(|file| ImportFile {
            name: string(file, "name"),
            bytes: Uint8Array::new(&get(file, "bytes")).to_vec(),
        })
        .collect()
}

fn open_to_js(open: &OpenDocument) -> Object {
    let entry = Object::new();
    set(&entry, "title", open.title.as_str());
    set(&entry, "text", open.text.as_str());
    entry
}

fn open_from_js(value: &JsValue) -> Option<OpenDocument> {
    let open = get(value, "open");
    open.is_object().then(|| OpenDocument {
        title: string(&open, "title"),
        text: string(&open, "text"),
    })
}

impl Request {
    /// How many documents or files it holds (the total progress counts to).
    pub fn len(&self) -> u32 {
        match self {
            Request::Export { documents, .. } => documents.len() as u32,
            Request::Import { files, .. } | Request::Place { files, .. } => files.len() as u32,
            Request::Propose { .. }
            | Request::Suggest { .. }
            | Request::ReadPatterns { .. }
            | Request::ReadPage { .. } => 1,
            Request::Agree { versions, .. } => versions.iter().map(|v| v.1.len() as u32).sum(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_js(&self) -> Object {
        let out = Object::new();
        match self {
            Request::Export {
                format,
                labels,
                documents,
                archive,
                brat_events,
            } => {
                set(&out, "kind", "export");
                set(&out, "bratEvents", *brat_events);
                set(&out, "format", format.key());
                set(&out, "labels", labels.as_str());
                let documents: Array = documents.iter().map(stored_to_js).collect();
                set(&out, "documents", documents);
                set(&out, "archive", archive.as_str());
            }
            Request::Import {
                labels,
                files,
                open,
                label_map,
            } => {
                set(&out, "kind", "import");
                set(&out, "labelMap", label_map.as_str());
                set(&out, "labels", labels.as_str());
                set(&out, "files", files_to_js(files));
                if let Some(open) = open {
                    set(&out, "open", open_to_js(open));
                }
            }
            Request::Place {
                labels,
                files,
                onto,
            } => {
                set(&out, "kind", "place");
                set(&out, "labels", labels.as_str());
                set(&out, "files", files_to_js(files));
                set(&out, "open", open_to_js(onto));
            }
            Request::Propose { text } => {
                set(&out, "kind", "propose");
                set(&out, "text", text.as_str());
            }
            Request::Suggest { text, cues } => {
                set(&out, "kind", "suggest");
                set(&out, "text", text.as_str());
                set(&out, "cues", strings(cues));
            }
            Request::ReadPatterns { text } => {
                set(&out, "kind", "patterns");
                set(&out, "text", text.as_str());
            }
            Request::Agree { labels, versions } => {
                set(&out, "kind", "agree");
                set(&out, "labels", labels.as_str());
                let versions: Array = versions
                    .iter()
                    .map(|(name, documents)| {
                        let version = Object::new();
                        set(&version, "name", name.as_str());
                        let keys: Array = documents
                            .iter()
                            .map(|(k, _)| JsValue::from(k.as_str()))
                            .collect();
                        let stored: Array =
                            documents.iter().map(|(_, d)| stored_to_js(d)).collect();
                        set(&version, "keys", keys);
                        set(&version, "documents", stored);
                        JsValue::from(version)
                    })
                    .collect();
                set(&out, "versions", versions);
            }
            Request::ReadPage { html, pasted } => {
                set(&out, "kind", "page");
                set(&out, "html", html.as_str());
                set(&out, "pasted", *pasted);
            }
        }
        out
    }

    pub fn from_js(value: &JsValue) -> Result<Request, String> {
        match string(value, "kind").as_str() {
            "export" => {
                let key = string(value, "format");
                let format =
                    Format::from_key(&key).ok_or_else(|| format!("unknown format “{key}”"))?;
                Ok(Request::Export {
                    format,
                    labels: string(value, "labels"),
                    documents: list(value, "documents")
                        .iter()
                        .map(stored_from_js)
                        .collect(),
                    archive: string(value, "archive"),
                    brat_events: get(value, "bratEvents").as_bool() == Some(true),
                })
            }
            "import" => Ok(Request::Import {
                labels: string(value, "labels"),
                files: files_from_js(value),
                open: open_from_js(value),
                label_map: string(value, "labelMap"),
            }),
            "place" => Ok(Request::Place {
                labels: string(value, "labels"),
                files: files_from_js(value),
                onto: open_from_js(value).ok_or("placing needs the open document")?,
            }),
            "propose" => Ok(Request::Propose {
                text: string(value, "text"),
            }),
            "suggest" => Ok(Request::Suggest {
                text: string(value, "text"),
                cues: string_list(&get(value, "cues")),
            }),
            "patterns" => Ok(Request::ReadPatterns {
                text: string(value, "text"),
            }),
            "agree" => Ok(Request::Agree {
                labels: string(value, "labels"),
                versions: list(value, "versions")
                    .iter()
                    .map(|version| {
                        let keys = string_list(&get(version, "keys"));
                        let documents: Vec<Stored> = list(version, "documents")
                            .iter()
                            .map(stored_from_js)
                            .collect();
                        (
                            string(version, "name"),
                            keys.into_iter().zip(documents).collect(),
                        )
                    })
                    .collect(),
            }),
            "page" => Ok(Request::ReadPage {
                html: string(value, "html"),
                pasted: get(value, "pasted").as_bool().unwrap_or(false),
            }),
            other => Err(format!("unknown request “{other}”")),
        }
    }
}

const SUGGESTED_LABELS: [&str; 3] = ["quote", "source", "cue"];
const QUOTE_KINDS: [&str; 3] = ["direct", "indirect", "mixed/partial"];

fn label_number(label: &str) -> u32 {
    SUGGESTED_LABELS
        .iter()
        .position(|l| *l == label)
        .unwrap_or(0) as u32
}

fn kind_code(kind: Option<&str>) -> u32 {
    kind.and_then(|k| QUOTE_KINDS.iter().position(|q| *q == k))
        .map_or(0, |at| at as u32 + 1)
}

fn rule_number(rule: &str) -> u32 {
    RULES.iter().position(|r| *r == rule).unwrap_or(0) as u32
}

/// The columns `Reply::Suggested` wrote; anything out of range is left out.
fn suggestions_from_js(value: &JsValue) -> Suggestions {
    let column = |key: &str| numbers(value, key);
    let (labels, starts, ends, kinds) = (
        column("labels"),
        column("starts"),
        column("ends"),
        column("kinds"),
    );
    let (confidences, rules, refers) = (column("confidences"), column("rules"), column("refers"));
    let count = labels.len();
    let spans: Vec<Suggested> = (0..count)
        .map(|i| Suggested {
            label: SUGGESTED_LABELS[(labels[i] as usize).min(2)],
            start: starts.get(i).copied().unwrap_or(0) as usize,
            end: ends.get(i).copied().unwrap_or(0) as usize,
            kind: kinds
                .get(i)
                .and_then(|&k| (k as usize).checked_sub(1))
                .and_then(|k| QUOTE_KINDS.get(k).copied()),
            confidence: confidences.get(i).copied().unwrap_or(0).min(100) as u8,
            rule: RULES
                .get(rules.get(i).copied().unwrap_or(0) as usize)
                .copied()
                .unwrap_or(RULES[0]),
            refers_to: refers
                .get(i)
                .and_then(|&r| (r as usize).checked_sub(1))
                .filter(|&r| r < count),
        })
        .collect();
    let links = column("links")
        .chunks_exact(3)
        .filter(|l| (l[0] as usize) < count && (l[1] as usize) < count)
        .map(|l| SuggestedLink {
            content: l[0] as usize,
            source: l[1] as usize,
            cue: (l[2] as usize).checked_sub(1).filter(|&c| c < count),
        })
        .collect();
    Suggestions::new(spans, links)
}

fn kind_number(kind: ChangeKind) -> u32 {
    ChangeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32
}

/// A column of numbers a reply wrote (`Uint32Array`); empty if missing.
fn numbers(value: &JsValue, key: &str) -> Vec<u32> {
    get(value, key)
        .dyn_ref::<Uint32Array>()
        .map(Uint32Array::to_vec)
        .unwrap_or_default()
}

fn proposals_from_js(value: &JsValue) -> Proposals {
    let column = |key: &str| numbers(value, key);
    let (starts, ends, lengths, kinds) = (
        column("starts"),
        column("ends"),
        column("lengths"),
        column("kinds"),
    );
    let replacements = string(value, "replacements");
    let mut rest = replacements.chars();
    let changes = (0..starts.len())
        .filter_map(|i| {
            let replacement: String = rest.by_ref().take(*lengths.get(i)? as usize).collect();
            Some(Proposal {
                start: starts[i] as usize,
                end: *ends.get(i)? as usize,
                replacement,
                kind: *ChangeKind::ALL.get(*kinds.get(i)? as usize)?,
            })
        })
        .collect();
    Proposals {
        changes,
        wrapped: get(value, "wrapped").as_bool().unwrap_or(false),
        headline: get(value, "headlineStart")
            .as_f64()
            .map(|start| start as usize..number(value, "headlineEnd") as usize),
    }
}

/// The progress a message reports, if it is a progress message.
pub fn progress_of(message: &JsValue) -> Option<(u32, u32)> {
    (string(message, "kind") == "progress")
        .then(|| (number(message, "done"), number(message, "total")))
}

impl Reply {
    pub fn to_js(&self) -> JsValue {
        let out = Object::new();
        match self {
            Reply::Ready => set(&out, "kind", "ready"),
            Reply::Progress { done, total } => {
                set(&out, "kind", "progress");
                set(&out, "done", *done);
                set(&out, "total", *total);
            }
            Reply::Exported(exported) => {
                set(&out, "kind", "done");
                if let Some((name, contents)) = &exported.file {
                    set(&out, "name", name.as_str());
                    set(&out, "contents", contents.as_str());
                }
                if let Some(zip) = &exported.zip {
                    set(&out, "zip", Uint8Array::from(zip.as_slice()));
                }
                set(&out, "notes", strings(&exported.notes));
            }
            Reply::Imported(imported) => {
                set(&out, "kind", "done");
                let documents: Array = imported.documents.iter().map(stored_to_js).collect();
                set(&out, "documents", documents);
                set(&out, "labels", imported.labels.as_str());
                set(&out, "newLabels", imported.new_labels);
                set(&out, "notes", strings(&imported.notes));
            }
            Reply::Placed(placed) => {
                set(&out, "kind", "done");
                set(&out, "document", stored_to_js(&placed.document));
                set(&out, "labels", placed.labels.as_str());
                set(&out, "report", placed.report.as_str());
            }
            Reply::Proposed(proposals) => {
                set(&out, "kind", "done");
                // A megabyte has tens of thousands of changes: columns of
                // numbers and one string of replacements, not an object each.
                let changes = &proposals.changes;
                let column = |f: &dyn Fn(&Proposal) -> u32| {
                    Uint32Array::from(changes.iter().map(f).collect::<Vec<u32>>().as_slice())
                };
                set(&out, "starts", column(&|c| c.start as u32));
                set(&out, "ends", column(&|c| c.end as u32));
                set(
                    &out,
                    "lengths",
                    column(&|c| c.replacement.chars().count() as u32),
                );
                set(&out, "kinds", column(&|c| kind_number(c.kind)));
                let replacements: String = changes.iter().map(|c| c.replacement.as_str()).collect();
                set(&out, "replacements", replacements);
                set(&out, "wrapped", proposals.wrapped);
                if let Some(headline) = &proposals.headline {
                    set(&out, "headlineStart", headline.start as u32);
                    set(&out, "headlineEnd", headline.end as u32);
                }
            }
            Reply::Agreement(lines) => {
                set(&out, "kind", "done");
                set(&out, "lines", lines.as_str());
            }
            Reply::Patterns(patterns) => {
                set(&out, "kind", "done");
                set(&out, "cues", strings(&patterns.cues));
                set(&out, "otherLabels", patterns.other_labels as u32);
                set(&out, "unusable", patterns.unusable as u32);
            }
            Reply::Suggested(found) => {
                set(&out, "kind", "done");
                // Columns of numbers: a long article has thousands.
                let spans = &found.spans;
                let column = |f: &dyn Fn(&Suggested) -> u32| {
                    Uint32Array::from(spans.iter().map(f).collect::<Vec<u32>>().as_slice())
                };
                set(&out, "labels", column(&|s| label_number(s.label)));
                set(&out, "starts", column(&|s| s.start as u32));
                set(&out, "ends", column(&|s| s.end as u32));
                set(&out, "kinds", column(&|s| kind_code(s.kind)));
                set(&out, "confidences", column(&|s| u32::from(s.confidence)));
                set(&out, "rules", column(&|s| rule_number(s.rule)));
                set(
                    &out,
                    "refers",
                    column(&|s| s.refers_to.map_or(0, |r| r as u32 + 1)),
                );
                let links: Vec<u32> = found
                    .links
                    .iter()
                    .flat_map(|l| {
                        [
                            l.content as u32,
                            l.source as u32,
                            l.cue.map_or(0, |c| c as u32 + 1),
                        ]
                    })
                    .collect();
                set(&out, "links", Uint32Array::from(links.as_slice()));
            }
            Reply::Page(page) => {
                set(&out, "kind", "done");
                set(&out, "title", page.title.as_str());
                set(&out, "text", page.text.as_str());
                let optional = [
                    ("byline", &page.byline),
                    ("published", &page.published),
                    ("url", &page.url),
                    ("site", &page.site),
                ];
                for (key, value) in optional {
                    if let Some(value) = value {
                        set(&out, key, value.as_str());
                    }
                }
            }
            Reply::Failed(error) => {
                set(&out, "kind", "done");
                set(&out, "error", error.as_str());
            }
        }
        out.into()
    }

    /// Reads a reply to `request` (which says what a `done` holds).
    pub fn from_js(value: &JsValue, request: &Request) -> Reply {
        match string(value, "kind").as_str() {
            "ready" => return Reply::Ready,
            "progress" => {
                return Reply::Progress {
                    done: number(value, "done"),
                    total: number(value, "total"),
                }
            }
            _ => {}
        }
        if let Some(error) = get(value, "error").as_string() {
            return Reply::Failed(error);
        }
        let notes = string_list(&get(value, "notes"));
        match request {
            Request::Export { .. } => Reply::Exported(Exported {
                file: get(value, "name")
                    .as_string()
                    .map(|name| (name, string(value, "contents"))),
                zip: get(value, "zip")
                    .dyn_ref::<Uint8Array>()
                    .map(Uint8Array::to_vec),
                notes,
            }),
            Request::Place { .. } => Reply::Placed(Placed {
                document: stored_from_js(&get(value, "document")),
                labels: string(value, "labels"),
                report: string(value, "report"),
            }),
            Request::ReadPage { .. } => Reply::Page(WebArticle {
                title: string(value, "title"),
                text: string(value, "text"),
                byline: get(value, "byline").as_string(),
                published: get(value, "published").as_string(),
                url: get(value, "url").as_string(),
                site: get(value, "site").as_string(),
            }),
            Request::Propose { .. } => Reply::Proposed(proposals_from_js(value)),
            Request::Suggest { .. } => Reply::Suggested(suggestions_from_js(value)),
            Request::Agree { .. } => Reply::Agreement(string(value, "lines")),
            Request::ReadPatterns { .. } => Reply::Patterns(Patterns {
                cues: string_list(&get(value, "cues")),
                other_labels: number(value, "otherLabels") as usize,
                unusable: number(value, "unusable") as usize,
            }),
            Request::Import { .. } => Reply::Imported(ImportedFiles {
                documents: list(value, "documents")
                    .iter()
                    .map(stored_from_js)
                    .collect(),
                labels: string(value, "labels"),
                new_labels: number(value, "newLabels"),
                notes,
            }),
        }
    }

    /// True for a reply that ends a request.
    pub fn is_final(&self) -> bool {
        !matches!(self, Reply::Ready | Reply::Progress { .. })
    }
}
