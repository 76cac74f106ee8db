//! Agreement between annotators (issue 14): several versions of the same
//! documents (matched by text), compared pairwise per label — spans matched
//! exactly and one-to-one by overlap (F1 with counts), Krippendorff's α_u and
//! α on a token encoding — on links (content → source, with and without the
//! cue) and on choice fields (Cohen's κ). Per document, and over the corpus by
//! pooling what a pair shares (micro-averaged); pairs are also averaged.

pub mod differences;
pub mod measures;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::labelled::LabelledDocument;
use measures::{alpha_nominal, alpha_u, cohen_kappa, f1, Units};

/// One annotator's annotations of one text, as the measures see them.
#[derive(Clone, Debug, PartialEq)]
pub struct Coded {
    /// What names the document in the per-document list (the app: its text's group).
    pub key: String,
    pub title: String,
    pub text: String,
    pub spans: Vec<Span>,
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub label: String,
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Field values (choice fields are compared).
    pub fields: Vec<(String, String)>,
}

/// A link between spans (indices into `Coded::spans`).
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub content: usize,
    pub source: usize,
    pub cue: Option<usize>,
}

impl Coded {
    pub fn from_labelled(document: &LabelledDocument) -> Coded {
        let index: HashMap<&crate::model::ids::AnnotationId, usize> = document
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        let spans = document
            .annotations
            .iter()
            .map(|a| Span {
                label: a.label.as_str().to_owned(),
                start: a.start,
                end: a.end,
                fields: document
                    .details
                    .get(&a.id)
                    .map(|d| {
                        d.attributes
                            .iter()
                            .map(|(k, v)| (k.to_owned(), v.to_owned()))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect();
        let links = document
            .relations
            .iter()
            .filter_map(|r| {
                Some(Link {
                    content: *index.get(&r.from)?,
                    source: *index.get(&r.to)?,
                    cue: r.cue.as_ref().and_then(|c| index.get(c).copied()),
                })
            })
            .collect();
        Coded {
            key: document.title.clone(),
            title: document.title.clone(),
            text: document.text.clone(),
            spans,
            links,
        }
    }
}

/// One annotator's documents.
#[derive(Clone, Debug)]
pub struct Version {
    pub name: String,
    pub documents: Vec<Coded>,
}

/// How two versions agree on the spans of one label.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LabelFigures {
    pub exact_f1: f64,
    pub overlap_f1: f64,
    /// Krippendorff's unitizing α; `null` when undefined (no spans).
    pub alpha_u: Option<f64>,
    /// Krippendorff's nominal α on tokens (in a span of the label or not).
    pub alpha_tokens: Option<f64>,
    /// Spans matched one-to-one by overlap, and those left over.
    pub matched: usize,
    pub only_a: usize,
    pub only_b: usize,
    /// Spans matched with the same offsets.
    pub exact_matched: usize,
}

/// How two versions agree on links.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LinkFigures {
    pub exact_f1: f64,
    pub overlap_f1: f64,
    pub exact_f1_with_cue: f64,
    pub overlap_f1_with_cue: f64,
    /// Links whose ends match by overlap (the cue aside), and those left over.
    pub matched: usize,
    pub only_a: usize,
    pub only_b: usize,
}

/// Cohen's κ on one choice field, over the spans matched by overlap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldFigures {
    pub label: String,
    pub field: String,
    pub kappa: Option<f64>,
    /// Matched spans compared.
    pub items: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairFigures {
    pub a: String,
    pub b: String,
    /// Documents both versions have.
    pub documents: usize,
    pub labels: BTreeMap<String, LabelFigures>,
    pub links: LinkFigures,
    pub fields: Vec<FieldFigures>,
}

/// One document's figures, for the list sorted by disagreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentFigures {
    pub key: String,
    pub title: String,
    /// Which versions have it.
    pub versions: Vec<String>,
    pub pairs: Vec<PairFigures>,
    /// 1 − the mean overlap F1 over its labels and pairs: 0 is full agreement.
    pub disagreement: f64,
}

/// Means over the pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Average {
    pub labels: BTreeMap<String, LabelFigures>,
    pub links: LinkFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Documents at least two versions have.
    pub documents: usize,
    pub pairs: Vec<PairFigures>,
    pub average: Average,
    /// Most disagreement first.
    pub per_document: Vec<DocumentFigures>,
}

/// The agreement of every pair of `versions`. `choice_fields` are the
/// (label, field) pairs whose values are compared with κ.
pub fn agree(versions: &[Version], choice_fields: &[(String, String)]) -> Report {
    // The documents by text, and which version has each.
    let mut texts: Vec<&str> = Vec::new();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let mut held: Vec<Vec<Option<&Coded>>> = Vec::new();
    for (v, version) in versions.iter().enumerate() {
        for document in &version.documents {
            let at = *by_text.entry(document.text.as_str()).or_insert_with(|| {
                texts.push(document.text.as_str());
                held.push(vec![None; versions.len()]);
                texts.len() - 1
            });
            held[at][v].get_or_insert(document);
        }
    }
    let labels = labels_of(versions);
    let mut pairs = Vec::new();
    let mut per_document: Vec<DocumentFigures> = held
        .iter()
        .filter(|h| h.iter().flatten().count() >= 2)
        .map(|h| {
            let first = h.iter().flatten().next();
            DocumentFigures {
                key: first.map_or(String::new(), |d| d.key.clone()),
                title: first.map_or(String::new(), |d| d.title.clone()),
                versions: (0..versions.len())
                    .filter(|&v| h[v].is_some())
                    .map(|v| versions[v].name.clone())
                    .collect(),
                pairs: Vec::new(),
                disagreement: 0.0,
            }
        })
        .collect();
    let shared_documents: Vec<&Vec<Option<&Coded>>> = held
        .iter()
        .filter(|h| h.iter().flatten().count() >= 2)
        .collect();
    for a in 0..versions.len() {
        for b in a + 1..versions.len() {
            let shared: Vec<(usize, &Coded, &Coded)> = shared_documents
                .iter()
                .enumerate()
                .filter_map(|(d, h)| Some((d, h[a]?, h[b]?)))
                .collect();
            if shared.is_empty() {
                continue;
            }
            let names = (&versions[a].name, &versions[b].name);
            for &(d, x, y) in &shared {
                per_document[d]
                    .pairs
                    .push(compare(names, &[(x, y)], &labels, choice_fields));
            }
            let both: Vec<(&Coded, &Coded)> = shared.iter().map(|&(_, x, y)| (x, y)).collect();
            pairs.push(compare(names, &both, &labels, choice_fields));
        }
    }
    for document in &mut per_document {
        let f1s: Vec<f64> = document
            .pairs
            .iter()
            .flat_map(|p| p.labels.values().map(|l| l.overlap_f1))
            .collect();
        document.disagreement = if f1s.is_empty() {
            0.0
        } else {
            1.0 - f1s.iter().sum::<f64>() / f1s.len() as f64
        };
    }
    per_document.sort_by(|x, y| y.disagreement.total_cmp(&x.disagreement));
    Report {
        documents: per_document.len(),
        average: average(&pairs),
        pairs,
        per_document,
    }
}

/// The (label, field) pairs of the schema's choice fields, which κ compares.
pub fn choice_fields(schema: &crate::model::labels::LabelSchema) -> Vec<(String, String)> {
    schema
        .labels()
        .iter()
        .flat_map(|label| {
            label
                .fields
                .iter()
                .filter(|f| f.kind == crate::model::labels::FieldKind::Choice)
                .map(|f| (label.id.as_str().to_owned(), f.id.clone()))
        })
        .collect()
}

/// A figure as the command and the app show it: three decimals.
fn figure(x: f64) -> String {
    format!("{x:.3}")
}

/// A figure, or a dash where there is none (a measure undefined on the data).
fn figure_or_dash(x: Option<f64>) -> String {
    x.map_or("—".to_owned(), figure)
}

/// The report as a table for a terminal.
pub fn text_report(report: &Report) -> String {
    use std::fmt::Write;
    let (number, maybe) = (figure, figure_or_dash);
    let documents = |n: usize| match n {
        1 => "1 document".to_owned(),
        n => format!("{n} documents"),
    };
    let mut out = String::new();
    let _ = writeln!(out, "{} in common", documents(report.documents));
    for pair in &report.pairs {
        let _ = writeln!(
            out,
            "\n{} vs {} ({})",
            pair.a,
            pair.b,
            documents(pair.documents)
        );
        let _ = writeln!(
            out,
            "  {:<12} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8}",
            "label", "exact F1", "overlap F1", "α_u", "matched", "only a", "only b"
        );
        for (label, l) in &pair.labels {
            let _ = writeln!(
                out,
                "  {:<12} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8}",
                label,
                number(l.exact_f1),
                number(l.overlap_f1),
                maybe(l.alpha_u),
                l.matched,
                l.only_a,
                l.only_b
            );
        }
        let k = &pair.links;
        let _ = writeln!(
            out,
            "  {:<12} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8}   (with the cue: {} exact, {} by overlap)",
            "links",
            number(k.exact_f1),
            number(k.overlap_f1),
            "",
            k.matched,
            k.only_a,
            k.only_b,
            number(k.exact_f1_with_cue),
            number(k.overlap_f1_with_cue)
        );
        for field in &pair.fields {
            let _ = writeln!(
                out,
                "  {}.{}: Cohen's κ {} over {} matched spans",
                field.label,
                field.field,
                maybe(field.kappa),
                field.items
            );
        }
    }
    if report.pairs.len() > 1 {
        let _ = writeln!(out, "\nmean over {} pairs", report.pairs.len());
        for (label, l) in &report.average.labels {
            let _ = writeln!(
                out,
                "  {:<12} exact F1 {}, overlap F1 {}, α_u {}",
                label,
                number(l.exact_f1),
                number(l.overlap_f1),
                maybe(l.alpha_u)
            );
        }
    }
    out
}

/// The report as lines of tab-separated cells for the app to lay out (the
/// numbers formatted here, as the command formats them): `pair` (heading),
/// `head` (column names), `row` (a label, links or a field), `mean` (heading of
/// the means), `doc` (key, title, disagreement in percent, versions).
pub fn display_lines(report: &Report) -> String {
    use std::fmt::Write;
    let (number, maybe) = (figure, figure_or_dash);
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    let mut out = String::new();
    let label_rows = |out: &mut String, labels: &BTreeMap<String, LabelFigures>| {
        for (label, l) in labels {
            let _ = writeln!(
                out,
                "row\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(label),
                number(l.exact_f1),
                number(l.overlap_f1),
                maybe(l.alpha_u),
                l.matched,
                l.only_a,
                l.only_b
            );
        }
    };
    for pair in &report.pairs {
        let _ = writeln!(
            out,
            "pair\t{}\t{}\t{}",
            clean(&pair.a),
            clean(&pair.b),
            pair.documents
        );
        let _ = writeln!(
            out,
            "head\tLabel\tExact F1\tOverlap F1\tα_u\tMatched\tOnly {}\tOnly {}",
            clean(&pair.a),
            clean(&pair.b)
        );
        label_rows(&mut out, &pair.labels);
        let k = &pair.links;
        let _ = writeln!(
            out,
            "row\tLinks\t{}\t{}\t—\t{}\t{}\t{}",
            number(k.exact_f1),
            number(k.overlap_f1),
            k.matched,
            k.only_a,
            k.only_b
        );
        let _ = writeln!(
            out,
            "row\tLinks with cue\t{}\t{}\t—\t\t\t",
            number(k.exact_f1_with_cue),
            number(k.overlap_f1_with_cue)
        );
        for field in &pair.fields {
            let _ = writeln!(
                out,
                "field\t{}.{}\t{}\t{}",
                clean(&field.label),
                clean(&field.field),
                maybe(field.kappa),
                field.items
            );
        }
    }
    if report.pairs.len() > 1 {
        let _ = writeln!(out, "mean\t{}", report.pairs.len());
        let _ = writeln!(
            out,
            "head\tLabel\tExact F1\tOverlap F1\tα_u\tMatched\tOnly first\tOnly second"
        );
        label_rows(&mut out, &report.average.labels);
    }
    for document in &report.per_document {
        let _ = writeln!(
            out,
            "doc\t{}\t{}\t{}\t{}",
            clean(&document.key),
            clean(&document.title),
            (document.disagreement * 100.0).round() as i64,
            clean(&document.versions.join(", "))
        );
    }
    out
}

/// Every label any version uses, in order of name.
fn labels_of(versions: &[Version]) -> Vec<String> {
    let mut labels: Vec<String> = versions
        .iter()
        .flat_map(|v| {
            v.documents
                .iter()
                .flat_map(|d| d.spans.iter().map(|s| s.label.clone()))
        })
        .collect();
    labels.sort();
    labels.dedup();
    labels
}

/// Two versions over the documents they share, pooled.
fn compare(
    (a, b): (&String, &String),
    documents: &[(&Coded, &Coded)],
    labels: &[String],
    choice_fields: &[(String, String)],
) -> PairFigures {
    let mut figures: BTreeMap<String, LabelFigures> = BTreeMap::new();
    let mut link_counts = LinkCounts::default();
    let mut field_pairs: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    // Each document's matching of B's spans onto A's, for links and fields.
    let mut matchings: Vec<HashMap<usize, usize>> = Vec::new();
    for &(x, y) in documents {
        let mut matching = HashMap::new();
        for label in labels {
            let xs: Vec<usize> = (0..x.spans.len())
                .filter(|&i| &x.spans[i].label == label)
                .collect();
            let ys: Vec<usize> = (0..y.spans.len())
                .filter(|&i| &y.spans[i].label == label)
                .collect();
            let entry = figures.entry(label.clone()).or_default();
            entry.exact_matched += exact_matches(x, &xs, y, &ys);
            let pairs = overlap_matches(x, &xs, y, &ys);
            entry.matched += pairs.len();
            entry.only_a += xs.len() - pairs.len();
            entry.only_b += ys.len() - pairs.len();
            for &(i, j) in &pairs {
                matching.insert(j, i);
                for (field_label, field) in choice_fields.iter().filter(|(l, _)| l == label) {
                    let value = |s: &Span| {
                        s.fields
                            .iter()
                            .find(|(k, _)| k == field)
                            .map_or(String::new(), |(_, v)| v.clone())
                    };
                    field_pairs
                        .entry((field_label.clone(), field.clone()))
                        .or_default()
                        .push((value(&x.spans[i]), value(&y.spans[j])));
                }
            }
        }
        link_counts.add(x, y, &matching);
        matchings.push(matching);
    }
    for (label, entry) in &mut figures {
        let total_a = entry.matched + entry.only_a;
        let total_b = entry.matched + entry.only_b;
        entry.overlap_f1 = f1(entry.matched, entry.only_a, entry.only_b);
        entry.exact_f1 = f1(
            entry.exact_matched,
            total_a - entry.exact_matched,
            total_b - entry.exact_matched,
        );
        let (length, units_a, units_b) = continuum(documents, label);
        entry.alpha_u = alpha_u(length, &[units_a, units_b]);
        entry.alpha_tokens = alpha_tokens(documents, label);
    }
    let fields = field_pairs
        .into_iter()
        .map(|((label, field), values)| {
            let pairs: Vec<(&str, &str)> = values
                .iter()
                .map(|(x, y)| (x.as_str(), y.as_str()))
                .collect();
            FieldFigures {
                label,
                field,
                kappa: cohen_kappa(&pairs),
                items: values.len(),
            }
        })
        .collect();
    PairFigures {
        a: a.clone(),
        b: b.clone(),
        documents: documents.len(),
        labels: figures,
        links: link_counts.figures(),
        fields,
    }
}

/// Spans with the same offsets, one-to-one.
fn exact_matches(x: &Coded, xs: &[usize], y: &Coded, ys: &[usize]) -> usize {
    let mut left: HashMap<(usize, usize), usize> = HashMap::new();
    for &i in xs {
        *left.entry((x.spans[i].start, x.spans[i].end)).or_default() += 1;
    }
    ys.iter()
        .filter(|&&j| {
            let key = (y.spans[j].start, y.spans[j].end);
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            }
        })
        .count()
}

/// Overlapping spans paired one-to-one, the largest overlaps first (then the
/// nearest starts): (index in x, index in y).
pub fn overlap_matches(x: &Coded, xs: &[usize], y: &Coded, ys: &[usize]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut sorted_ys: Vec<usize> = ys.to_vec();
    sorted_ys.sort_by_key(|&j| y.spans[j].start);
    for &i in xs {
        let (s, e) = (x.spans[i].start, x.spans[i].end);
        let last = sorted_ys.partition_point(|&j| y.spans[j].start < e);
        for &j in &sorted_ys[..last] {
            let (t, f) = (y.spans[j].start, y.spans[j].end);
            let overlap = e.min(f).saturating_sub(s.max(t));
            if overlap > 0 {
                candidates.push((overlap, s.abs_diff(t) + e.abs_diff(f), i, j));
            }
        }
    }
    candidates.sort_by(|p, q| {
        q.0.cmp(&p.0)
            .then(p.1.cmp(&q.1))
            .then((p.2, p.3).cmp(&(q.2, q.3)))
    });
    let (mut used_x, mut used_y) = (vec![false; x.spans.len()], vec![false; y.spans.len()]);
    let mut pairs = Vec::new();
    for (_, _, i, j) in candidates {
        if !used_x[i] && !used_y[j] {
            used_x[i] = true;
            used_y[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

/// The documents laid end to end as one continuum, and each version's units
/// of `label` on it (overlapping units of one coder merged: α_u needs a
/// partition).
fn continuum(documents: &[(&Coded, &Coded)], label: &str) -> (u64, Units, Units) {
    let (mut length, mut units_a, mut units_b): (u64, Units, Units) = (0, Vec::new(), Vec::new());
    for &(x, y) in documents {
        for (coded, units) in [(x, &mut units_a), (y, &mut units_b)] {
            let mut mine: Vec<(u64, u64)> = coded
                .spans
                .iter()
                .filter(|s| s.label == label && s.end > s.start)
                .map(|s| (length + s.start as u64, length + s.end as u64))
                .collect();
            mine.sort_unstable();
            for (start, end) in mine {
                match units.last_mut() {
                    Some((_, last_end)) if *last_end > start => *last_end = (*last_end).max(end),
                    _ => units.push((start, end)),
                }
            }
        }
        length += x.text.chars().count() as u64;
    }
    (length, units_a, units_b)
}

/// Nominal α over the words of the documents: each word is in a span of
/// `label` (1) or not (0), for each version.
fn alpha_tokens(documents: &[(&Coded, &Coded)], label: &str) -> Option<f64> {
    let mut units: Vec<Vec<Option<u32>>> = Vec::new();
    for &(x, y) in documents {
        let length = x.text.chars().count();
        // How many code points before each position a span of the label
        // covers, so a word's test is two lookups.
        let covered = |c: &Coded| -> Vec<usize> {
            let mut starts = vec![0i64; length + 1];
            for s in c
                .spans
                .iter()
                .filter(|s| s.label == label && s.end <= length)
            {
                starts[s.start] += 1;
                starts[s.end] -= 1;
            }
            let mut prefix = Vec::with_capacity(length + 1);
            let (mut depth, mut count) = (0i64, 0usize);
            prefix.push(0);
            for delta in starts.iter().take(length) {
                depth += delta;
                count += usize::from(depth > 0);
                prefix.push(count);
            }
            prefix
        };
        let (in_x, in_y) = (covered(x), covered(y));
        for (start, end) in tokens(&x.text) {
            let inside = |prefix: &[usize]| Some(u32::from(prefix[end] > prefix[start]));
            units.push(vec![inside(&in_x), inside(&in_y)]);
        }
    }
    alpha_nominal(&units)
}

/// Words (runs of letters and digits), in code points.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.chars().count()));
    }
    out
}

#[derive(Default)]
struct LinkCounts {
    exact: [usize; 3],
    exact_cue: [usize; 3],
    overlap: [usize; 3],
    overlap_cue: [usize; 3],
}

impl LinkCounts {
    /// Adds one document's links: [matched, only in A, only in B] for each way
    /// of matching (`matching` takes B's span indices to A's).
    fn add(&mut self, x: &Coded, y: &Coded, matching: &HashMap<usize, usize>) {
        let key =
            |c: &Coded, s: usize| (c.spans[s].label.clone(), c.spans[s].start, c.spans[s].end);
        type Key = (
            (String, usize, usize),
            (String, usize, usize),
            Option<(usize, usize)>,
        );
        let exact = |c: &Coded, with_cue: bool| -> Vec<Key> {
            c.links
                .iter()
                .map(|l| {
                    let cue = l
                        .cue
                        .filter(|_| with_cue)
                        .map(|q| (c.spans[q].start, c.spans[q].end));
                    (key(c, l.content), key(c, l.source), cue)
                })
                .collect()
        };
        for (with_cue, counts) in [(false, &mut self.exact), (true, &mut self.exact_cue)] {
            tally(counts, exact(x, with_cue), exact(y, with_cue));
        }
        // By overlap: B's links in A's span indices (unmatched ends never match).
        let a_links = |with_cue: bool| -> Vec<(usize, usize, Option<usize>)> {
            x.links
                .iter()
                .map(|l| (l.content, l.source, l.cue.filter(|_| with_cue)))
                .collect()
        };
        let b_links = |with_cue: bool| -> Vec<(usize, usize, Option<usize>)> {
            y.links
                .iter()
                .map(|l| {
                    let end = |s: usize| matching.get(&s).copied().unwrap_or(usize::MAX - s);
                    (
                        end(l.content),
                        end(l.source),
                        l.cue.filter(|_| with_cue).map(end),
                    )
                })
                .collect()
        };
        for (with_cue, counts) in [(false, &mut self.overlap), (true, &mut self.overlap_cue)] {
            tally(counts, a_links(with_cue), b_links(with_cue));
        }
    }

    fn figures(&self) -> LinkFigures {
        let f = |c: &[usize; 3]| f1(c[0], c[1], c[2]);
        LinkFigures {
            exact_f1: f(&self.exact),
            overlap_f1: f(&self.overlap),
            exact_f1_with_cue: f(&self.exact_cue),
            overlap_f1_with_cue: f(&self.overlap_cue),
            matched: self.overlap[0],
            only_a: self.overlap[1],
            only_b: self.overlap[2],
        }
    }
}

/// Counts a multiset intersection: [matched, only in a, only in b].
fn tally<K: std::hash::Hash + Eq>(counts: &mut [usize; 3], a: Vec<K>, b: Vec<K>) {
    let (total_a, total_b) = (a.len(), b.len());
    let mut left: HashMap<K, usize> = HashMap::new();
    for k in a {
        *left.entry(k).or_default() += 1;
    }
    let mut matched = 0;
    for k in b {
        if let Some(n) = left.get_mut(&k).filter(|n| **n > 0) {
            *n -= 1;
            matched += 1;
        }
    }
    counts[0] += matched;
    counts[1] += total_a - matched;
    counts[2] += total_b - matched;
}

/// The mean of each figure over the pairs (undefined αs left out).
fn average(pairs: &[PairFigures]) -> Average {
    let mut labels: BTreeMap<String, LabelFigures> = BTreeMap::new();
    let names: Vec<&String> = {
        let mut n: Vec<&String> = pairs.iter().flat_map(|p| p.labels.keys()).collect();
        n.sort();
        n.dedup();
        n
    };
    let mean = |values: Vec<f64>| -> f64 {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let mean_some = |values: Vec<Option<f64>>| -> Option<f64> {
        let defined: Vec<f64> = values.into_iter().flatten().collect();
        (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
    };
    for name in names {
        let of: Vec<&LabelFigures> = pairs.iter().filter_map(|p| p.labels.get(name)).collect();
        labels.insert(
            name.clone(),
            LabelFigures {
                exact_f1: mean(of.iter().map(|l| l.exact_f1).collect()),
                overlap_f1: mean(of.iter().map(|l| l.overlap_f1).collect()),
                alpha_u: mean_some(of.iter().map(|l| l.alpha_u).collect()),
                alpha_tokens: mean_some(of.iter().map(|l| l.alpha_tokens).collect()),
                matched: of.iter().map(|l| l.matched).sum(),
                only_a: of.iter().map(|l| l.only_a).sum(),
                only_b: of.iter().map(|l| l.only_b).sum(),
                exact_matched: of.iter().map(|l| l.exact_matched).sum(),
            },
        );
    }
    let links: Vec<&LinkFigures> = pairs.iter().map(|p| &p.links).collect();
    Average {
        labels,
        links: LinkFigures {
            exact_f1: mean(links.iter().map(|l| l.exact_f1).collect()),
            overlap_f1: mean(links.iter().map(|l| l.overlap_f1).collect()),
            exact_f1_with_cue: mean(links.iter().map(|l| l.exact_f1_with_cue).collect()),
            overlap_f1_with_cue: mean(links.iter().map(|l| l.overlap_f1_with_cue).collect()),
            matched: links.iter().map(|l| l.matched).sum(),
            only_a: links.iter().map(|l| l.only_a).sum(),
            only_b: links.iter().map(|l| l.only_b).sum(),
        },
    }
}

#[cfg(test)]
mod tests;
