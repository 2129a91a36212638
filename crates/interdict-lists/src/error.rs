//! Errors and warnings from reading list files, each naming the file and, where it can, the line.

use std::fmt;

/// Why a list file could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read. The operating system's error is part of the
    /// message (and so not also a source, which would print it twice).
    #[error("{path}: cannot read file: {cause}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        cause: std::io::Error,
    },
    /// The file is damaged at a known place: bad encoding, broken XML, a row of the wrong shape.
    #[error("{path}:{line}:{column}: {message}")]
    Malformed {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong there and what was expected.
        message: String,
    },
    /// The file is not in any format interdict reads.
    #[error("{path}: not a sanctions list format interdict reads: {detail}")]
    UnknownFormat {
        /// The file.
        path: String,
        /// What the file looks like and which formats were expected.
        detail: String,
    },
    /// The file is in the right format but unusable as a whole (empty, no records, ...).
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Result alias for list parsing.
pub type Result<T> = std::result::Result<T, Error>;

/// Something odd in a list that did not stop it from loading: a skipped record, an unreadable
/// date, an element the parser does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line where it was seen (0 when unknown).
    pub line: usize,
    /// What happened and what was done about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// Maps byte offsets in a text to 1-based line and column numbers.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let newlines = memchr_all(b'\n', text.as_bytes());
        LineIndex { text, newlines }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_idx = self.newlines.partition_point(|&n| n < offset);
        let line_start = if line_idx == 0 {
            0
        } else {
            self.newlines[line_idx - 1] + 1
        };
        let mut start = offset;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let column = self.text[line_start..start].chars().count() + 1;
        (line_idx + 1, column)
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

fn memchr_all(needle: u8, haystack: &[u8]) -> Vec<usize> {
    haystack
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Position (line, column) of a byte offset in raw bytes that may not be valid UTF-8; the column
/// counts bytes.
pub(crate) fn byte_position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(8), (3, 1));
        assert_eq!(byte_position(b"ab\ncd", 4), (2, 2));
    }
}
