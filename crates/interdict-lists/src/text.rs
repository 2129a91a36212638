//! Decoding text files whose encoding the lists do not declare: UTF-8 (with or without BOM), or
//! Windows-1252 as older government CSV exports use; the Ctrl-Z end-of-file byte is dropped.

use std::borrow::Cow;

/// The encoding a file is expected in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// UTF-8; files that are not valid UTF-8 are read as Windows-1252 and say so.
    Utf8,
    /// Windows-1252 (the UK Consolidated List), unless the file is valid UTF-8 with a BOM.
    Windows1252,
}

/// Decoded text and the warnings a parser starts with: a note when a fallback was needed.
pub(crate) fn decode_noting(
    bytes: &[u8],
    expect: Expect,
) -> (Cow<'_, str>, Vec<crate::error::Warning>) {
    let (text, note) = decode(bytes, expect);
    let warnings = note
        .into_iter()
        .map(|message| crate::error::Warning { line: 0, message })
        .collect();
    (text, warnings)
}

/// Decoded text and, when a fallback was needed, a note saying so.
pub(crate) fn decode(bytes: &[u8], expect: Expect) -> (Cow<'_, str>, Option<String>) {
    let mut b = bytes;
    while let Some((&last, rest)) = b.split_last() {
        if last == 0x1A {
            b = rest;
        } else {
            break;
        }
    }
    if let Some(rest) = b.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => (Cow::Borrowed(t), None),
            Err(_) => (
                windows_1252(rest),
                Some("file starts with a UTF-8 mark but is not UTF-8; read as Windows-1252".into()),
            ),
        };
    }
    match (expect, std::str::from_utf8(b)) {
        (Expect::Utf8, Ok(t)) => (Cow::Borrowed(t), None),
        (Expect::Utf8, Err(e)) => (
            windows_1252(b),
            Some(format!(
                "not valid UTF-8 (first bad byte at offset {}); read as Windows-1252",
                e.valid_up_to()
            )),
        ),
        (Expect::Windows1252, Ok(t)) if t.is_ascii() => (Cow::Borrowed(t), None),
        (Expect::Windows1252, _) => (windows_1252(b), None),
    }
}

fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(
            decode(b"abc\x1a", Expect::Utf8),
            (Cow::Borrowed("abc"), None)
        );
        assert_eq!(decode(b"\xEF\xBB\xBFabc", Expect::Utf8).0, "abc");
        assert_eq!(
            decode(b"JAMA\x92AT", Expect::Windows1252).0,
            "JAMA\u{2019}AT"
        );
        let (t, note) = decode(b"Jos\xe9", Expect::Utf8);
        assert_eq!(t, "José");
        assert!(note.unwrap().contains("offset 3"));
    }
}
