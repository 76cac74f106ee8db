//! `.zip` archives and folders for multi-file formats (brat): writing a set of
//! files, and reading the text files out of one, with limits so a hostile archive
//! cannot exhaust memory.

use std::io::{Cursor, Read as _, Write as _};

use zip::write::SimpleFileOptions;

use crate::model::labelled::FormatError;
use crate::model::limits::{MAX_ARCHIVE_BYTES, MAX_ARCHIVE_MEMBERS, MAX_MEMBER_BYTES};
use crate::model::text_input::describe_size;

use super::{printable, OutputFile};

/// The text files of a folder or archive, by their path inside it, and the
/// other files that were passed over (pictures and the like), which the reader
/// is told about.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Members {
    pub files: Vec<(String, String)>,
    pub passed_over: Vec<String>,
}

impl Members {
    /// Adds one file's bytes: text is kept; a file that should be text (by its
    /// ending) but is not UTF-8 refuses the whole set, naming it; anything else
    /// is passed over.
    pub fn add(&mut self, name: String, bytes: Vec<u8>) -> Result<(), FormatError> {
        if self.files.len() + self.passed_over.len() >= MAX_ARCHIVE_MEMBERS {
            return Err(FormatError::TooMany {
                what: "files".to_owned(),
                limit: MAX_ARCHIVE_MEMBERS,
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.files.push((name, text)),
            Err(error) if is_text_file(&name) => {
                return Err(FormatError::Malformed(format!(
                    "{} is not UTF-8 text (invalid bytes at position {}); save it as UTF-8",
                    printable(&name),
                    error.utf8_error().valid_up_to()
                )))
            }
            Err(_) => self.passed_over.push(name),
        }
        Ok(())
    }

    /// The note for files passed over, if any were.
    pub fn note(&self) -> Option<String> {
        let count = self.passed_over.len();
        let first = self.passed_over.first()?;
        Some(match count {
            1 => format!("{} is not a text file; passed over.", printable(first)),
            n => format!(
                "{n} files that are not text (such as {}) were passed over.",
                printable(first)
            ),
        })
    }
}

/// Files whose ending says they hold text (annotations, articles, settings).
fn is_text_file(name: &str) -> bool {
    let name = name.to_lowercase();
    [
        ".txt", ".ann", ".json", ".jsonl", ".ndjson", ".jsonld", ".csv", ".conf", ".md",
    ]
    .iter()
    .any(|end| name.ends_with(end))
}

/// The files, deflated, in one archive (inside a folder named `folder`).
pub fn zip(folder: &str, files: &[OutputFile]) -> Result<Vec<u8>, String> {
    let failed = |e: &dyn std::fmt::Display| format!("the .zip could not be written: {e}");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(
            files
                .iter()
                .any(|f| f.contents.len() as u64 >= u32::MAX as u64),
        );
    for file in files {
        writer
            .start_file(format!("{folder}/{}", file.name), options)
            .map_err(|e| failed(&e))?;
        writer
            .write_all(file.contents.as_bytes())
            .map_err(|e| failed(&e))?;
    }
    Ok(writer.finish().map_err(|e| failed(&e))?.into_inner())
}

/// The text files in an archive (see `Members`).
pub fn unzip(bytes: &[u8]) -> Result<Members, FormatError> {
    let bad = |reason: String| {
        FormatError::Malformed(format!("this .zip cannot be read: {}", printable(&reason)))
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    if archive.len() > MAX_ARCHIVE_MEMBERS {
        return Err(FormatError::TooMany {
            what: "files".to_owned(),
            limit: MAX_ARCHIVE_MEMBERS,
        });
    }
    let mut members = Members::default();
    let mut total = 0;
    for index in 0..archive.len() {
        let member = archive.by_index(index).map_err(|e| bad(e.to_string()))?;
        if member.is_dir() {
            continue;
        }
        let name = member.name().to_owned();
        // macOS adds resource forks; they are not the user's files.
        if name.starts_with("__MACOSX/")
            || name.rsplit('/').next().is_some_and(|n| n.starts_with("._"))
        {
            continue;
        }
        let too_large = || {
            bad(format!(
                "{name} unpacks to more than {}",
                describe_size(MAX_MEMBER_BYTES)
            ))
        };
        if member.size() > MAX_MEMBER_BYTES {
            return Err(too_large());
        }
        // The size in the header may lie: read at most one byte past the limit.
        let mut contents = Vec::new();
        member
            .take(MAX_MEMBER_BYTES + 1)
            .read_to_end(&mut contents)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        total += contents.len() as u64;
        if contents.len() as u64 > MAX_MEMBER_BYTES {
            return Err(too_large());
        }
        if total > MAX_ARCHIVE_BYTES {
            return Err(bad(format!(
                "it unpacks to more than {}",
                describe_size(MAX_ARCHIVE_BYTES)
            )));
        }
        members.add(name, contents)?;
    }
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_survive_a_zip_round_trip() {
        let files = vec![
            OutputFile {
                name: "a.txt".into(),
                contents: "😀 مرحبا\r\n".into(),
            },
            OutputFile {
                name: "a.ann".into(),
                contents: "T1\tQuote 0 1\t😀\n".into(),
            },
        ];
        let back = unzip(&zip("corpus", &files).unwrap()).unwrap().files;
        assert_eq!(
            back,
            [
                ("corpus/a.txt".to_owned(), "😀 مرحبا\r\n".to_owned()),
                ("corpus/a.ann".to_owned(), "T1\tQuote 0 1\t😀\n".to_owned())
            ]
        );
        assert!(unzip(b"not a zip")
            .unwrap_err()
            .to_string()
            .contains("this .zip cannot be read"));
    }
}
