//! Reading documents for scanning: the text of plain-text files in common encodings (UTF-8,
//! UTF-16 with a byte-order mark, Windows-1252), of HTML pages and of e-mail messages, where
//! every position in the text can be traced back to a byte offset in the original file.
//!
//! * [`TextStream`] reads plain text in pieces that end at line breaks, so that a file of any
//!   size is read in bounded memory.
//! * [`html::text`] keeps the text of an HTML page (no tags, scripts or styles; entities
//!   decoded).
//! * [`email::texts`] keeps the headers people read (subject, from, to) and the text parts of a
//!   message, quoted-printable and base64 decoded.
//! * [`Kind::detect`] tells them apart.

pub mod email;
pub mod html;
mod map;
mod stream;

pub use map::{OffsetMap, Piece};
pub use stream::{decode, Encoding, TextStream};

/// What kind of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// An e-mail message (RFC 5322, `.eml`).
    Email,
}

impl Kind {
    /// Recognises a document by its file name, then by its first bytes.
    pub fn detect(name: Option<&str>, head: &[u8]) -> Kind {
        let ext = name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => return Kind::Html,
            Some("eml" | "msg") => return Kind::Email,
            Some("txt" | "text" | "csv" | "log") => return Kind::Text,
            _ => {}
        }
        let head: String = String::from_utf8_lossy(&head[..head.len().min(2048)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
        {
            return Kind::Html;
        }
        let header = |h: &str| head.lines().take(40).any(|l| l.starts_with(h));
        if (header("from:") || header("received:") || header("return-path:"))
            && (header("subject:") || header("date:") || header("message-id:"))
        {
            return Kind::Email;
        }
        Kind::Text
    }
}

/// What a file that is not text is, from its first bytes (`None` for text in any encoding
/// [`TextStream`] reads): scanning a spreadsheet or a PDF as text finds nothing true, only
/// letters out of its compressed bytes.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "a zip archive (an .xlsx, .docx or .odt document is one)",
        ),
        (b"%PDF", "a PDF document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (.doc, .xls)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PAR1", "a Parquet file"),
        (b"\x7FELF", "a program"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| head.starts_with(m)) {
        return Some(what);
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    if head.contains(&0) || controls * 10 > head.len() {
        return Some("a binary file (it holds bytes that text does not)");
    }
    None
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_told_from_text() {
        assert!(binary_kind(b"PK\x03\x04\x14\x00").unwrap().contains("xlsx"));
        assert!(binary_kind(b"%PDF-1.7").unwrap().contains("PDF"));
        assert!(binary_kind(b"abc\x00def").is_some());
        assert_eq!(binary_kind(b"Lashkar e Tayyiba\r\n\x0c"), None);
        assert_eq!(
            binary_kind(b"\xFF\xFEL\x00e\x00T\x00"),
            None,
            "UTF-16 is text"
        );
        assert_eq!(binary_kind("Caf\u{e9}".as_bytes()), None);
        assert_eq!(binary_kind(b""), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(Kind::detect(Some("a.HTML"), b""), Kind::Html);
        assert_eq!(Kind::detect(None, b"<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(
            Kind::detect(None, b"From: a@b.c\r\nTo: d@e.f\r\nSubject: hi\r\n\r\nbody"),
            Kind::Email
        );
        assert_eq!(Kind::detect(Some("cable.txt"), b"From: x"), Kind::Text);
        assert_eq!(Kind::detect(None, b"Plain words."), Kind::Text);
    }
}
