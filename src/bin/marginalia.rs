//! `marginalia convert <input> --to <format> -o <output>`: batch conversion between
//! the formats the web app reads and writes, with the same code (`formats`).
//!
//! The input is a file in any supported format (detected from its content), a brat
//! folder, or a `.zip`. Output in several files (brat, or native with several
//! documents) goes to a folder, or to a `.zip` when the name ends in `.zip`.
//! Problems end with a non-zero exit and one line naming the file and the fault.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use marginalia::formats::archive::{self, Members};
use marginalia::formats::label_map::LabelMap;
use marginalia::formats::{self, brat, Format, Read};
use marginalia::model::anchoring;
use marginalia::model::ids::AnnotationId;
use marginalia::model::labelled::{labelled, LabelledDocument};
use marginalia::model::labels::LabelSchema;
use marginalia::model::limits::{
    MAX_ARCHIVE_BYTES, MAX_DOCUMENTS, MAX_IMPORT_BYTES, MAX_MEMBER_BYTES,
};
use marginalia::model::session::Imported;
use marginalia::model::text_input;

const USAGE: &str = "usage: marginalia convert <input> --to <format> -o <output> [--map <labels>]
                          [--events | --relations] [--csv-for-spreadsheets]
       marginalia place <annotations> --onto <text or document> -o <output> [--to <format>]
       marginalia suggest <input> --to <format> -o <output> [--min-confidence <0-100>]
                          [--patterns <file.jsonl>]
       marginalia agree <version> <version>... [--json]
       marginalia team invite --server <url> --key <key> --name <name> [--curator]
                          [--days <n>] [--app <address>]
       marginalia formats

<input>   a file in any supported format (detected from its content),
          a brat folder, or a .zip of files
<format>  native, jsonl, w3c, label-studio, doccano, spacy, brat, csv
<output>  a file; for brat (or native with several documents) a folder,
          or a .zip when the name ends in .zip

place     finds the annotations of one document (any format) again in another
          copy of its text (a .txt, or a document whose annotations are kept),
          with links and details; writes Marginalia JSON unless --to says
suggest   finds quotes, cues and sources by rules (who said what) in each
          document of <input> (a .txt, a folder of them, or any format) and
          writes them as annotations with links, beside what was there

agree     how far several annotators' versions of the same documents agree
          (each <version> a file or folder in any format; documents matched by
          text): per label F1 (exact and by overlap), Krippendorff's α_u,
          links, and Cohen's κ on choice fields; --json prints them as JSON

team invite
          mints a team member's invitation on a y-sweet server (see
          scripts/sync-server): <url> is http://host:port or the ys://TOKEN@host:port
          it prints, <key> its auth key or server token (never given to a
          browser: the invitation holds one client token per Yjs document);
          --curator may write the curated layer; tokens last --days (30);
          prints the code to paste into Team…, or with --app a link that opens it

--min-confidence <0-100>
          suggest: leave out suggestions less sure than this (default 50)
--patterns <file.jsonl>
          suggest: more cues, from a Prodigy pattern file (lines such as
          {\"label\": \"cue\", \"pattern\": \"according to\"}, or token patterns
          with lower/orth)

--map <labels>
          map the file's own labels onto ours before anything is written:
          Content=quote,Speaker=source (a label's id or name on the right),
          or a file of such pairs, one per line; mapped labels are not added
--events  brat output: links as PARC-style attribution events
          (E1  Attribution:T4 Content:T3 Cue:T2 Source:T1, trigger on the cue)
--relations
          brat output: links as Attribution and Cue relations (R lines; the default)
--csv-for-spreadsheets
          put ' before CSV cells that begin with = + - @ (or a tab or
          carriage return), so a spreadsheet shows them as text instead of
          running them as formulas; by default cells are written exactly";

/// A failure: what to print (after `marginalia: `) and the exit code.
struct Failure(String, u8);

fn usage(message: &str) -> Failure {
    Failure(format!("{message}\n{USAGE}"), 2)
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            // One line per message, and no terminal escape codes from the input.
            for line in message.lines() {
                eprintln!("marginalia: {}", formats::printable(line));
            }
            ExitCode::from(code)
        }
    }
}

/// The parsed options of `convert` and `place`.
struct Options {
    input: PathBuf,
    onto: Option<PathBuf>,
    format: Format,
    output: PathBuf,
    write: formats::Options,
    /// `--map`: as given (pairs, or a file of them).
    map: Option<String>,
    /// `suggest`: the least confidence kept, in percent.
    min_confidence: u8,
    /// `suggest --patterns`: a Prodigy pattern file of more cues.
    patterns: Option<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>, place: bool) -> Result<Options, Failure> {
    let (mut input, mut onto, mut to, mut output) = (None, None, None, None);
    let mut write = formats::Options::default();
    let mut map = None;
    let mut min_confidence = 50;
    let mut patterns = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--patterns" => {
                patterns =
                    Some(PathBuf::from(args.next().ok_or_else(|| {
                        usage("--patterns needs a pattern file (JSONL)")
                    })?))
            }
            "--min-confidence" => {
                min_confidence = args
                    .next()
                    .and_then(|v| v.parse::<u8>().ok())
                    .filter(|v| *v <= 100)
                    .ok_or_else(|| usage("--min-confidence needs a number from 0 to 100"))?
            }
            "--events" => write.brat_links = brat::Links::Events,
            "--relations" => write.brat_links = brat::Links::Relations,
            "--map" => {
                map = Some(
                    args.next()
                        .ok_or_else(|| usage("--map needs From=to pairs or a file"))?,
                )
            }
            _ if arg.starts_with("--map=") => map = Some(arg["--map=".len()..].to_owned()),
            "--csv-for-spreadsheets" => write.csv_cells = formats::csv::Cells::ForSpreadsheets,
            "--to" | "-t" => to = args.next(),
            "-o" | "--output" => output = args.next(),
            "--onto" if place => onto = args.next().map(PathBuf::from),
            _ if arg.starts_with("--to=") => to = Some(arg["--to=".len()..].to_owned()),
            _ if arg.starts_with('-') && arg.len() > 1 => {
                return Err(usage(&format!("unknown option “{arg}”")))
            }
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err(usage(&format!("more than one input (“{arg}”)"))),
        }
    }
    let input = input.ok_or_else(|| usage("no input given"))?;
    if place && onto.is_none() {
        return Err(usage("no --onto text or document given"));
    }
    // `place` writes Marginalia JSON unless told otherwise.
    let to = match (to, place) {
        (Some(to), _) => to,
        (None, true) => "native".to_owned(),
        (None, false) => return Err(usage("no --to format given")),
    };
    let format = Format::from_key(&to).ok_or_else(|| usage(&format!("unknown format “{to}”")))?;
    let output = PathBuf::from(output.ok_or_else(|| usage("no -o output given"))?);
    Ok(Options {
        input,
        onto,
        format,
        output,
        write,
        map,
        min_confidence,
        patterns,
    })
}

/// `--map`'s pairs, read from a file when the value names one.
fn label_map(spec: &str, schema: &LabelSchema) -> Result<LabelMap, Failure> {
    let path = Path::new(spec);
    let text = if !spec.contains('=') && path.is_file() {
        std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display()), 1))?
    } else {
        spec.to_owned()
    };
    LabelMap::parse(&text, schema).map_err(|reason| usage(&format!("--map: {reason}")))
}

fn run(args: Vec<String>) -> Result<(), Failure> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("convert") => {}
        Some("place") => return place(parse(args, true)?),
        Some("suggest") => return suggest(parse(args, false)?),
        Some("agree") => return agree(args),
        Some("team") => return team(args),
        Some("formats") => {
            for format in Format::ALL {
                println!("{:<13} {}", format.key(), format.title());
            }
            return Ok(());
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(usage(&format!("unknown command “{other}”"))),
        None => return Err(usage("no command given")),
    }
    let Options {
        input,
        format,
        output,
        write: options,
        map,
        ..
    } = parse(args, false)?;
    let started = Instant::now();
    let mut schema = LabelSchema::default();
    let map = map.map(|spec| label_map(&spec, &schema)).transpose()?;
    let mut read = read_input(&input, &schema)?;
    if let Some(map) = &map {
        for note in map.apply(&mut read) {
            eprintln!("mapped {note}");
        }
    }
    schema.merge(&read.new_labels);
    for document in &read.documents {
        schema.merge(&document.labels);
    }
    let read_time = started.elapsed();
    let named = formats::numbered(&read.documents);
    let mut bar = Progress::new("writing", named.len());
    let written = formats::write_with_options(format, &named, &schema, options, &mut || bar.tick());
    bar.finish();
    write_output(&output, format, &written.files)?;
    for note in read.notes.iter().chain(&written.notes) {
        eprintln!("note: {}", formats::printable(note));
    }
    let annotations: usize = read.documents.iter().map(|d| d.annotations.len()).sum();
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    eprintln!(
        "converted {} ({}) to {} in {:.2} s (reading {:.2} s)",
        plural(read.documents.len(), "document"),
        plural(annotations, "annotation"),
        format.title(),
        started.elapsed().as_secs_f64(),
        read_time.as_secs_f64(),
    );
    Ok(())
}

/// `marginalia place ANNOTATIONS --onto TEXT_OR_DOCUMENT -o OUT [--to FORMAT]`:
/// finds each annotation of one document again in another copy of the text, with
/// its links and details, and says what was placed exactly, approximately, or not
/// at all.
fn place(options: Options) -> Result<(), Failure> {
    let mut schema = LabelSchema::default();
    let read = read_input(&options.input, &schema)?;
    schema.merge(&read.new_labels);
    let source = match read.documents.as_slice() {
        [one] => one,
        documents => {
            return Err(fail(
                &options.input,
                format!(
                    "holds {} documents; place takes the annotations of one",
                    documents.len()
                ),
            ))
        }
    };
    schema.merge(&source.labels);
    let onto = options.onto.unwrap_or_default();
    let (title, text, existing) = read_target(&onto, &schema)?;
    let placement = anchoring::place(source, &title, &text);
    let document = match existing {
        Some(existing) => merge_placed(existing, placement.document.clone())
            .map_err(|e| fail(&onto, format!("the placed annotations do not fit: {e}")))?,
        None => placement.document.clone(),
    };
    let documents = [document];
    let written = formats::write_with_options(
        options.format,
        &formats::numbered(&documents),
        &schema,
        options.write,
        &mut || {},
    );
    write_output(&options.output, options.format, &written.files)?;
    let describe = |id: &AnnotationId| {
        let Some(a) = source.annotations.iter().find(|a| &a.id == id) else {
            return String::new();
        };
        let text: String = source
            .text
            .chars()
            .skip(a.start)
            .take(a.end - a.start)
            .collect();
        let short: String = text.chars().take(50).collect();
        let label = schema.name_of(&a.label).to_lowercase();
        formats::printable(&format!("{label} “{short}”"))
    };
    for (id, changed) in &placement.approximate {
        let changed = formats::printable(&changed.join(", "));
        eprintln!("approximately: {} ({changed})", describe(id));
    }
    for id in &placement.missing {
        eprintln!("not found: {}", describe(id));
    }
    eprintln!(
        "placed {} of {} annotations ({} exactly, {} approximately, {} not found) and {} of {} links",
        placement.exact.len() + placement.approximate.len(),
        source.annotations.len(),
        placement.exact.len(),
        placement.approximate.len(),
        placement.missing.len(),
        placement.document.relations.len(),
        source.relations.len(),
    );
    Ok(())
}

/// The text to place onto: a plain text file (line ends made LF, as the app
/// does), a web page (its article), or a document in any format, whose
/// annotations are kept.
fn read_target(
    path: &Path,
    schema: &LabelSchema,
) -> Result<(String, String, Option<LabelledDocument>), Failure> {
    let name = path.to_string_lossy().to_lowercase();
    let bytes = std::fs::read(path).map_err(|e| fail(path, e))?;
    let is_document = name.ends_with(".zip")
        || std::str::from_utf8(&bytes).is_ok_and(|text| {
            formats::detect(&name, text).is_some() || formats::html::is_html(&name, text)
        });
    if is_document {
        let read = read_input(path, schema)?;
        let count = read.documents.len();
        let Some(document) = read.documents.into_iter().next().filter(|_| count == 1) else {
            return Err(fail(
                path,
                format!("holds {count} documents; place onto one"),
            ));
        };
        return Ok((
            document.title.clone(),
            document.text.clone(),
            Some(document),
        ));
    }
    let text =
        text_input::decode_file(&path.to_string_lossy(), &bytes).map_err(|e| fail(path, e))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((text_input::title_from_file_name(&file_name), text, None))
}

/// The target document's own annotations, then the placed ones it lacks (the
/// same merge as placing in the app: `Document::add_from`).
fn merge_placed(
    existing: LabelledDocument,
    placed: LabelledDocument,
) -> Result<LabelledDocument, String> {
    let title = existing.title.clone();
    let labels = existing.labels.clone();
    let mut merged = Imported::new(existing).map_err(|e| e.to_string())?.document;
    let placed = Imported::new(placed).map_err(|e| e.to_string())?.document;
    merged.add_from(&placed).map_err(|e| e.to_string())?;
    let mut document = labelled(&title, &merged);
    document.labels = labels;
    Ok(document)
}

fn fail(path: &Path, message: impl std::fmt::Display) -> Failure {
    Failure(format!("{}: {message}", path.display()), 1)
}

fn read_text(path: &Path) -> Result<String, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| fail(path, e))?;
    if metadata.len() > MAX_IMPORT_BYTES {
        return Err(fail(path, "too large to import (the limit is 64 MB)"));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        fail(
            path,
            format!(
                "this is not UTF-8 text (invalid bytes at position {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn read_input(path: &Path, schema: &LabelSchema) -> Result<Read, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| fail(path, e))?;
    if metadata.is_dir() {
        let mut members = Members::default();
        let mut total = 0;
        collect_files(path, path, &mut members, &mut total)?;
        return read_set(path, members, schema);
    }
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".zip") {
        if metadata.len() > MAX_IMPORT_BYTES {
            return Err(fail(path, "too large to import (the limit is 64 MB)"));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(path, e))?;
        let members = archive::unzip(&bytes).map_err(|e| fail(path, e))?;
        return read_set(path, members, schema);
    }
    let text = read_text(path)?;
    if name.ends_with(".ann") || formats::detect(&name, &text) == Some(Format::Brat) {
        let txt = path.with_extension("txt");
        let files = vec![
            (path.to_string_lossy().into_owned(), text),
            (txt.to_string_lossy().into_owned(), read_text(&txt)?),
        ];
        return brat::read_files(&files, schema).map_err(|e| fail(path, e));
    }
    if formats::html::is_html(&name, &text) {
        return formats::html::read_page(&text, schema).map_err(|e| fail(path, e));
    }
    formats::read(&name, &text, schema).map_err(|e| fail(path, e))
}

/// A folder's or archive's files: brat if it holds `.ann` files, else each file
/// read on its own.
fn read_set(path: &Path, members: Members, schema: &LabelSchema) -> Result<Read, Failure> {
    let note = members.note();
    let files = members.files;
    if files.iter().any(|(name, _)| name.ends_with(".ann")) {
        let mut read = brat::read_files(&files, schema).map_err(|e| fail(path, e))?;
        read.notes.extend(note);
        return Ok(read);
    }
    let mut all = Read::default();
    all.notes.extend(note);
    let mut known = schema.clone();
    let mut bar = Progress::new("reading", files.len());
    for (name, text) in &files {
        bar.tick();
        if formats::detect(name, text).is_none() {
            all.notes
                .push(format!("{name} is in no format Marginalia reads; skipped."));
            continue;
        }
        let read = formats::read(name, text, &known).map_err(|e| fail(&path.join(name), e))?;
        known.merge(&read.new_labels);
        all.extend(read);
        if all.documents.len() > MAX_DOCUMENTS {
            return Err(fail(
                path,
                format!("it holds more than {MAX_DOCUMENTS} documents; split it"),
            ));
        }
    }
    bar.finish();
    if all.documents.is_empty() {
        return Err(fail(path, "there is no annotated document in it"));
    }
    Ok(all)
}

/// A folder's files, as an archive's members: the same limits, and a file that
/// should be text but is not refuses the folder.
fn collect_files(
    root: &Path,
    dir: &Path,
    members: &mut Members,
    total: &mut u64,
) -> Result<(), Failure> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| fail(dir, e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| fail(dir, e)))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        // Links are not followed: a folder linking to itself would never end.
        let metadata = std::fs::symlink_metadata(&path).map_err(|e| fail(&path, e))?;
        if metadata.is_dir() {
            collect_files(root, &path, members, total)?;
            continue;
        }
        if !metadata.is_file() {
            continue;
        }
        *total += metadata.len();
        if metadata.len() > MAX_MEMBER_BYTES || *total > MAX_ARCHIVE_BYTES {
            return Err(fail(
                &path,
                "the folder is too large to import (the limit is 256 MB)",
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| fail(&path, e))?;
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        members.add(name, bytes).map_err(|e| fail(root, e))?;
    }
    Ok(())
}

/// Writes the output all or nothing: everything goes to a temporary name beside
/// `output` first and is renamed into place at the end, so a failure halfway (a
/// full disk, a name the file system refuses) leaves no half-written output. A
/// folder that exists and holds anything is never written into or replaced.
fn write_output(
    output: &Path,
    format: Format,
    files: &[formats::OutputFile],
) -> Result<(), Failure> {
    let name = output.to_string_lossy().to_lowercase();
    let to_folder = !name.ends_with(".zip") && (files.len() != 1 || format == Format::Brat);
    if to_folder && output.exists() {
        let empty = std::fs::read_dir(output).is_ok_and(|mut entries| entries.next().is_none());
        if !empty {
            return Err(fail(
                output,
                "exists and is not an empty folder; choose a new folder for the files",
            ));
        }
        std::fs::remove_dir(output).map_err(|e| fail(output, e))?;
    }
    let staging = staging_path(output);
    let written = if name.ends_with(".zip") {
        let folder = output
            .file_stem()
            .map_or_else(|| "corpus".to_owned(), |s| s.to_string_lossy().into_owned());
        let bytes = archive::zip(&folder, files).map_err(|e| fail(output, e))?;
        std::fs::write(&staging, bytes).map_err(|e| fail(output, e))
    } else if let ([file], false) = (files, to_folder) {
        std::fs::write(&staging, &file.contents).map_err(|e| fail(output, e))
    } else {
        write_folder(&staging, output, files)
    };
    let result =
        written.and_then(|()| std::fs::rename(&staging, output).map_err(|e| fail(output, e)));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging).or_else(|_| std::fs::remove_file(&staging));
    }
    result
}

fn write_folder(
    staging: &Path,
    output: &Path,
    files: &[formats::OutputFile],
) -> Result<(), Failure> {
    std::fs::create_dir_all(staging).map_err(|e| fail(output, e))?;
    for file in files {
        let path = staging.join(&file.name);
        std::fs::write(&path, &file.contents).map_err(|e| fail(&output.join(&file.name), e))?;
    }
    Ok(())
}

/// A name beside `path` that nothing else uses: `.name.partial-<pid>`.
fn staging_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    shown_percent: Option<usize>,
    visible: bool,
}

impl Progress {
    fn new(label: &'static str, total: usize) -> Self {
        let visible = std::io::stderr().is_terminal() && total > 1;
        Progress {
            label,
            total,
            done: 0,
            shown_percent: None,
            visible,
        }
    }

    fn tick(&mut self) {
        self.done += 1;
        if !self.visible {
            return;
        }
        let percent = self.done * 100 / self.total.max(1);
        if self.shown_percent == Some(percent) {
            return;
        }
        self.shown_percent = Some(percent);
        let filled = percent * 30 / 100;
        eprint!(
            "\r{} [{}{}] {:>3}% {}/{}",
            self.label,
            "#".repeat(filled),
            "-".repeat(30 - filled),
            percent,
            self.done,
            self.total
        );
        let _ = std::io::stderr().flush();
    }

    fn finish(&self) {
        if self.visible {
            eprintln!();
        }
    }
}

/// `marginalia suggest INPUT --to FORMAT -o OUTPUT [--min-confidence N]`: the
/// suggester's findings in every document, as annotations with links.
fn suggest(options: Options) -> Result<(), Failure> {
    let mut schema = LabelSchema::default();
    let mut read = read_articles(&options.input, &schema)?;
    schema.merge(&read.new_labels);
    let cues = match &options.patterns {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure(format!("{}: {e}", path.display()), 1))?;
            let patterns = marginalia::model::suggest::read_patterns(&text)
                .map_err(|e| Failure(format!("{}: {e}", path.display()), 1))?;
            patterns.cues
        }
        None => Vec::new(),
    };
    let lexicon = marginalia::model::suggest::Lexicon::with(&cues);
    let (mut spans, mut links) = (0, 0);
    for document in &mut read.documents {
        let (added, linked) =
            marginalia::model::suggest::into_document(document, &lexicon, options.min_confidence);
        spans += added;
        links += linked;
    }
    let named = formats::numbered(&read.documents);
    let written =
        formats::write_with_options(options.format, &named, &schema, options.write, &mut || {});
    write_output(&options.output, options.format, &written.files)?;
    eprintln!(
        "suggested {spans} annotations and {links} links in {} documents",
        read.documents.len()
    );
    Ok(())
}

/// `marginalia agree VERSION... [--json]`: the agreement of every pair of
/// versions over the documents they share (`model::agreement`).
fn agree(args: impl Iterator<Item = String>) -> Result<(), Failure> {
    use marginalia::model::agreement::{self, Coded, Version};
    let mut json = false;
    let mut paths = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            _ if arg.starts_with('-') && arg.len() > 1 => {
                return Err(usage(&format!("unknown option “{arg}”")))
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.len() < 2 {
        return Err(usage("agree needs two versions or more"));
    }
    let mut schema = LabelSchema::default();
    let mut versions: Vec<Version> = Vec::new();
    for path in &paths {
        let read = read_articles(path, &schema)?;
        schema.merge(&read.new_labels);
        // A version is named by its annotator, else by its file.
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut name = read
            .documents
            .iter()
            .find_map(|d| d.annotator.clone())
            .unwrap_or(stem);
        if versions.iter().any(|v| v.name == name) {
            name = format!("{name} ({})", versions.len() + 1);
        }
        versions.push(Version {
            name,
            documents: read.documents.iter().map(Coded::from_labelled).collect(),
        });
    }
    let choice_fields = agreement::choice_fields(&schema);
    let report = agreement::agree(&versions, &choice_fields);
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure(format!("could not write JSON: {e}"), 1))?;
        println!("{text}");
        return Ok(());
    }
    print!("{}", agreement::text_report(&report));
    Ok(())
}

/// Plain articles (a `.txt`, or a folder of them with no `.ann`) as documents
/// with no annotations; anything else as `convert` reads it.
fn read_articles(path: &Path, schema: &LabelSchema) -> Result<Read, Failure> {
    let article = |path: &Path| -> Result<LabelledDocument, Failure> {
        let text = read_text(path)?;
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(LabelledDocument {
            title,
            text: text.replace("\r\n", "\n"),
            ..LabelledDocument::default()
        })
    };
    let is_txt = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if path.is_file() && is_txt(path) {
        return Ok(Read {
            documents: vec![article(path)?],
            ..Read::default()
        });
    }
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| fail(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let has_ann = entries
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "ann"));
        if !has_ann && entries.iter().any(|p| is_txt(p)) {
            let documents = entries
                .iter()
                .filter(|p| p.is_file() && is_txt(p))
                .map(|p| article(p))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Read {
                documents,
                ..Read::default()
            });
        }
    }
    read_input(path, schema)
}

#[cfg(target_arch = "wasm32")]
fn team(_: impl Iterator<Item = String>) -> Result<(), Failure> {
    Err(Failure(
        "team invite needs a network: run the native command".to_owned(),
        2,
    ))
}

/// `marginalia team invite`: prints the invitation's code (or link) on its own line.
#[cfg(not(target_arch = "wasm32"))]
fn team(mut args: impl Iterator<Item = String>) -> Result<(), Failure> {
    if args.next().as_deref() != Some("invite") {
        return Err(usage("team needs a subcommand: invite"));
    }
    let (mut url, mut key, mut name, mut app) = (None, None, None, None);
    let (mut curator, mut days) = (false, 30);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--server" => url = Some(value()?),
            "--key" => key = Some(value()?),
            "--name" => name = Some(value()?),
            "--app" => app = Some(value()?),
            "--days" => {
                days = value()?
                    .parse()
                    .map_err(|_| usage("--days needs a whole number of days"))?
            }
            "--curator" => curator = true,
            _ => return Err(usage(&format!("unknown option “{arg}”"))),
        }
    }
    let url = url.ok_or_else(|| usage("team invite needs --server"))?;
    let name = name.ok_or_else(|| usage("team invite needs --name"))?;
    use marginalia::team_invite;
    let server = team_invite::server(&url, key.as_deref()).map_err(|m| Failure(m, 2))?;
    if server.token.is_none() {
        return Err(usage(
            "team invite needs the server's key (--key) or a ys://TOKEN@host:port address",
        ));
    }
    let invitation =
        team_invite::invite(&server, &name, curator, days).map_err(|m| Failure(m, 1))?;
    let code = invitation.code();
    match app {
        Some(app) => println!("{}#join={code}", app.trim_end_matches('#')),
        None => println!("{code}"),
    }
    eprintln!(
        "marginalia: invitation for {} ({}), valid {days} days: paste it into Team… in the app",
        invitation.name,
        if curator { "curator" } else { "annotator" }
    );
    Ok(())
}
