//! Turning what a user hands us (a file's bytes, pasted text) into article text,
//! or into a clear reason why not. Nothing here panics on any input.

use thiserror::Error;

/// The largest article file we open. Larger files are almost certainly not articles,
/// and would make the page sluggish for everyone.
pub const MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file or pasted text could not become a document.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TextInputError {
    /// The text has no visible characters.
    #[error("{name} is empty: there is no text to annotate.")]
    Empty { name: String },
    /// Over [`MAX_ARTICLE_BYTES`].
    #[error("{name} is {size} — too large. Marginalia opens articles up to 20 MB.")]
    TooLarge { name: String, size: String },
    /// Not valid UTF-8: probably another encoding or a binary file.
    #[error("{name} is not UTF-8 text (invalid bytes at position {at}). Save it as UTF-8 and try again.")]
    NotUtf8 { name: String, at: usize },
    /// Valid UTF-8 but full of control characters: an image, archive or document format.
    #[error("{name} looks like a binary file, not plain text. Open a .txt or .md file, or paste the text.")]
    Binary { name: String },
}

/// Human-readable size: "20.5 MB", "312 KB", "17 bytes". Integer arithmetic only:
/// float formatting would add kilobytes of code to the web app.
pub fn describe_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    const GB: u64 = MB * KB;
    if bytes >= GB {
        let tenths = (bytes * 10 + GB / 2) / GB;
        format!("{}.{} GB", tenths / 10, tenths % 10)
    } else if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= KB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Rejects a file by its size before reading it, so a 2 GB file is never read.
pub fn check_size(name: &str, size: u64) -> Result<(), TextInputError> {
    if size > MAX_ARTICLE_BYTES {
        return Err(TextInputError::TooLarge {
            name: name.to_owned(),
            size: describe_size(size),
        });
    }
    Ok(())
}

/// Decodes a file: UTF-8 with or without BOM, line ends normalised to LF.
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<String, TextInputError> {
    check_size(name, bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(TextInputError::Binary {
            name: name.to_owned(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| TextInputError::NotUtf8 {
        name: name.to_owned(),
        at: error.valid_up_to(),
    })?;
    normalize_pasted(name, text)
}

/// Normalises text from any source: CRLF and lone CR become LF; blank text is refused.
pub fn normalize_pasted(name: &str, text: &str) -> Result<String, TextInputError> {
    if text.trim().is_empty() {
        return Err(TextInputError::Empty {
            name: name.to_owned(),
        });
    }
    Ok(normalize_line_ends(text))
}

pub fn normalize_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A NUL byte, or many control characters early on, mean "not text". UTF-16 files
/// are caught here too (every other byte of ASCII in UTF-16 is NUL).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len().max(1)
}

/// The default title: the first non-blank line, shortened to a readable length.
pub fn title_from_text(text: &str) -> String {
    const MAX_TITLE_CHARS: usize = 80;
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("Untitled");
    let mut title: String = line.chars().take(MAX_TITLE_CHARS).collect();
    if line.chars().count() > MAX_TITLE_CHARS {
        title = format!("{}…", title.trim_end());
    }
    title
}

/// The default title of a file: its name without the extension.
pub fn title_from_file_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let stem = stem.trim();
    if stem.is_empty() {
        "Untitled".to_owned()
    } else {
        stem.to_owned()
    }
}

/// A file name safe on every operating system, from a document title: no
/// characters any file system refuses, at most 120 bytes (titles in CJK or emoji
/// reach the usual 255-byte limit in 64 characters), and never a name Windows
/// keeps for devices.
pub fn file_name_from_title(title: &str) -> String {
    const MAX_BYTES: usize = 120;
    let mut cleaned = String::new();
    for c in title.chars() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        };
        if cleaned.len() + c.len_utf8() > MAX_BYTES {
            break;
        }
        cleaned.push(c);
    }
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let stem = cleaned.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if cleaned.is_empty() {
        "document".to_owned()
    } else if reserved {
        format!("{cleaned}_")
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_crlf_normalised() {
        let text = decode_file("a.txt", b"\xEF\xBB\xBFone\r\ntwo\rthree\n").unwrap();
        assert_eq!(text, "one\ntwo\nthree\n");
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let error = decode_file("latin1.txt", b"caf\xE9 au lait").unwrap_err();
        assert_eq!(
            error,
            TextInputError::NotUtf8 {
                name: "latin1.txt".into(),
                at: 3
            }
        );
        assert!(error.to_string().contains("not UTF-8"));
    }

    #[test]
    fn binary_files_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(
            decode_file("x.png", png),
            Err(TextInputError::Binary { .. })
        ));
        let utf16 = "hello"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<_>>();
        assert!(matches!(
            decode_file("u.txt", &utf16),
            Err(TextInputError::Binary { .. })
        ));
    }

    #[test]
    fn empty_and_blank_texts_are_refused() {
        assert!(matches!(
            decode_file("e.txt", b""),
            Err(TextInputError::Empty { .. })
        ));
        assert!(matches!(
            normalize_pasted("Pasted text", " \n\t "),
            Err(TextInputError::Empty { .. })
        ));
    }

    #[test]
    fn size_limit_is_checked_before_reading() {
        let error = check_size("huge.txt", 50 * 1024 * 1024).unwrap_err();
        assert_eq!(
            error.to_string(),
            "huge.txt is 50.0 MB — too large. Marginalia opens articles up to 20 MB."
        );
        assert!(check_size("ok.txt", MAX_ARTICLE_BYTES).is_ok());
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(describe_size(17), "17 bytes");
        assert_eq!(describe_size(319_488), "312 KB");
        assert_eq!(describe_size(21_495_808), "20.5 MB");
        assert_eq!(describe_size(20 * 1024 * 1024), "20.0 MB");
    }

    #[test]
    fn titles() {
        assert_eq!(
            title_from_text("\n\n  Iraq wants US troops out \nbody"),
            "Iraq wants US troops out"
        );
        assert_eq!(title_from_text(&"x".repeat(200)).chars().count(), 81);
        assert_eq!(title_from_file_name("story.final.txt"), "story.final");
        assert_eq!(title_from_file_name(".txt"), ".txt");
        assert_eq!(file_name_from_title("a/b: c?"), "a_b_ c_");
        assert_eq!(file_name_from_title(" .. "), "document");
    }
}
