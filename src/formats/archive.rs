//! `.zip` archives for multi-file formats (brat): writing a set of files, and
//! reading the text files out of one, with limits so a hostile archive cannot
//! exhaust memory.

use std::io::{Cursor, Read as _, Write as _};

use zip::write::SimpleFileOptions;

use crate::model::format::FormatError;

use super::OutputFile;

/// No archive member, and no archive in total, may unpack to more than this.
const MAX_MEMBER_BYTES: u64 = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The files, deflated, in one archive (inside a folder named `folder`).
pub fn zip(folder: &str, files: &[OutputFile]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for file in files {
        writer
            .start_file(format!("{folder}/{}", file.name), options)
            .expect("writing to memory");
        writer
            .write_all(file.contents.as_bytes())
            .expect("writing to memory");
    }
    writer.finish().expect("writing to memory").into_inner()
}

/// The UTF-8 text files in an archive, by their path inside it.
pub fn unzip(bytes: &[u8]) -> Result<Vec<(String, String)>, FormatError> {
    let bad =
        |reason: String| FormatError::Malformed(format!("this .zip cannot be read: {reason}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut files = Vec::new();
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
        if member.size() > MAX_MEMBER_BYTES {
            return Err(bad(format!("{name} unpacks to more than 64 MB")));
        }
        let mut contents = Vec::new();
        member
            .take(MAX_MEMBER_BYTES + 1)
            .read_to_end(&mut contents)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        total += contents.len() as u64;
        if contents.len() as u64 > MAX_MEMBER_BYTES || total > MAX_TOTAL_BYTES {
            return Err(bad("it unpacks to more than 256 MB".to_owned()));
        }
        match String::from_utf8(contents) {
            Ok(text) => files.push((name, text)),
            // Pictures or other binary members are not annotations; skip them.
            Err(_) => continue,
        }
    }
    Ok(files)
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
        let back = unzip(&zip("corpus", &files)).unwrap();
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
