//! Plain text read in pieces that end at line breaks, decoded from UTF-8, UTF-16 (with a
//! byte-order mark) or Windows-1252, each piece with the original offsets of its text.

use crate::map::{OffsetMap, Piece};
use std::io::Read;

/// The encoding of a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is skipped; a byte that is not part of a UTF-8 character is
    /// read as Windows-1252, as files that mix the two have it: "Sa\xEFd" is "Saïd").
    Utf8,
    /// UTF-16 little-endian, from its byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, from its byte-order mark.
    Utf16Be,
    /// Windows-1252, for files that are not UTF-8.
    Windows1252,
}

impl Encoding {
    /// The encoding of a file from its first bytes, and the length of its byte-order mark.
    pub fn detect(head: &[u8]) -> (Encoding, usize) {
        if head.starts_with(b"\xEF\xBB\xBF") {
            return (Encoding::Utf8, 3);
        }
        if head.starts_with(b"\xFF\xFE") {
            return (Encoding::Utf16Le, 2);
        }
        if head.starts_with(b"\xFE\xFF") {
            return (Encoding::Utf16Be, 2);
        }
        // UTF-8 when its characters beyond ASCII are UTF-8 (Windows-1252 text almost never
        // forms one); a file that mixes the two (a stray Windows-1252 letter in UTF-8 text)
        // stays UTF-8.
        let (mut utf8, mut other) = (0usize, 0usize);
        let mut rest = head;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    utf8 += s.chars().filter(|c| !c.is_ascii()).count();
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    utf8 += std::str::from_utf8(good)
                        .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                    // An incomplete character at the end of the sample is not an error.
                    let Some(len) = e.error_len() else { break };
                    other += len;
                    rest = &bad[len..];
                }
            }
        }
        if utf8 == 0 && other > 0 {
            (Encoding::Windows1252, 0)
        } else {
            (Encoding::Utf8, 0)
        }
    }

    /// A short name for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes` (which start at original offset `start`) into text with its offset map, as a
/// whole (for documents read whole: HTML pages and e-mail parts).
pub fn decode(bytes: &[u8], encoding: Encoding, start: usize) -> Piece {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::identity(start);
    match encoding {
        Encoding::Utf8 => {
            let mut i = 0;
            while i < bytes.len() {
                match std::str::from_utf8(&bytes[i..]) {
                    Ok(s) => {
                        map.push(text.len(), start + i);
                        text.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        map.push(text.len(), start + i);
                        // Checked by `valid_up_to`.
                        text.push_str(std::str::from_utf8(&bytes[i..i + good]).unwrap_or(""));
                        let bad = e.error_len().unwrap_or(bytes.len() - i - good).max(1);
                        let from = i + good;
                        for (k, &b) in bytes[from..from + bad].iter().enumerate() {
                            map.push(text.len(), start + from + k);
                            push_windows_1252(&mut text, b);
                        }
                        i += good + bad;
                        map.push(text.len(), start + i);
                    }
                }
            }
        }
        Encoding::Windows1252 => {
            for (i, &b) in bytes.iter().enumerate() {
                map.push(text.len(), start + i);
                push_windows_1252(&mut text, b);
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| match encoding {
                    Encoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
                    _ => u16::from_be_bytes([c[0], c[1]]),
                })
                .collect();
            let mut pos = 0usize;
            for r in char::decode_utf16(units.iter().copied()) {
                map.push(text.len(), start + pos * 2);
                let c = r.unwrap_or('\u{FFFD}');
                pos += c.len_utf16().min(2);
                text.push(c);
            }
        }
    }
    map.push(text.len(), start + bytes.len());
    Piece {
        text,
        map,
        label: None,
    }
}

/// Appends one byte read as Windows-1252.
fn push_windows_1252(text: &mut String, b: u8) {
    if b.is_ascii() {
        text.push(b as char);
    } else {
        let byte = [b];
        let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
        text.push_str(&s);
    }
}

/// Reads a text file in pieces of about `piece` bytes that end at line breaks.
pub struct TextStream<R: Read> {
    reader: R,
    encoding: Option<Encoding>,
    /// Original offset of the first byte of `buffer`.
    offset: usize,
    buffer: Vec<u8>,
    piece: usize,
    done: bool,
}

impl<R: Read> TextStream<R> {
    /// A stream over `reader`, pieces of about `piece` bytes (at least 4 KiB), in the encoding
    /// its first bytes show.
    pub fn new(reader: R, piece: usize) -> Self {
        Self::with_encoding(reader, piece, None)
    }

    /// A stream in the given encoding (`None`: as the first bytes show). A byte-order mark is
    /// skipped either way.
    pub fn with_encoding(reader: R, piece: usize, encoding: Option<Encoding>) -> Self {
        TextStream {
            reader,
            encoding,
            offset: 0,
            buffer: Vec::new(),
            piece: piece.max(4096),
            done: false,
        }
    }

    /// The encoding, once the first piece was read.
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    fn fill(&mut self) -> std::io::Result<()> {
        let want = self.piece + 64 * 1024;
        let mut chunk = vec![0u8; 64 * 1024];
        while self.buffer.len() < want {
            let n = self.reader.read(&mut chunk)?;
            if n == 0 {
                self.done = true;
                break;
            }
            self.buffer.extend_from_slice(&chunk[..n]);
        }
        Ok(())
    }

    /// Where to cut the buffer: after the last line break before `piece` bytes (or after the
    /// last one at all, or everything when the file ended).
    fn cut(&self, encoding: Encoding) -> usize {
        if self.done && self.buffer.len() <= self.piece {
            return self.buffer.len();
        }
        let limit = self.piece.min(self.buffer.len());
        let unit = matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be);
        let newline_at = |i: usize| -> bool {
            match encoding {
                Encoding::Utf16Le => {
                    i.is_multiple_of(2) && self.buffer.get(i..i + 2) == Some(b"\n\0")
                }
                Encoding::Utf16Be => {
                    i.is_multiple_of(2) && self.buffer.get(i..i + 2) == Some(b"\0\n")
                }
                _ => self.buffer[i] == b'\n',
            }
        };
        let step = if unit { 2 } else { 1 };
        let mut i = limit.saturating_sub(step);
        if unit {
            i -= i % 2;
        }
        loop {
            if newline_at(i) {
                return i + step;
            }
            if i < step {
                break;
            }
            i -= step;
        }
        // No line break: cut at a character boundary near the limit.
        match encoding {
            Encoding::Utf8 => {
                let mut c = limit;
                while c > 0 && c < self.buffer.len() && (self.buffer[c] & 0xC0) == 0x80 {
                    c -= 1;
                }
                c.max(1)
            }
            Encoding::Utf16Le | Encoding::Utf16Be => limit - limit % 2,
            Encoding::Windows1252 => limit,
        }
    }
}

impl<R: Read> Iterator for TextStream<R> {
    type Item = std::io::Result<Piece>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && self.done {
            return None;
        }
        if let Err(e) = self.fill() {
            return Some(Err(e));
        }
        if self.buffer.is_empty() {
            return None;
        }
        if self.offset == 0 {
            // The first piece: the byte-order mark, if any, decides and is skipped.
            let (detected, bom) =
                Encoding::detect(&self.buffer[..self.buffer.len().min(64 * 1024)]);
            self.buffer.drain(..bom);
            self.offset = bom;
            self.encoding = Some(match (self.encoding, bom) {
                (Some(given), 0) => given,
                _ => detected,
            });
        }
        let encoding = self.encoding.unwrap_or(Encoding::Utf8);
        let cut = self.cut(encoding);
        let bytes: Vec<u8> = self.buffer.drain(..cut).collect();
        let piece = decode(&bytes, encoding, self.offset);
        self.offset += cut;
        Some(Ok(piece))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(bytes: &[u8], size: usize) -> Vec<Piece> {
        TextStream::new(bytes, size).map(|p| p.unwrap()).collect()
    }

    #[test]
    fn encodings_and_offsets() {
        let p = &pieces(b"\xEF\xBB\xBFLeT \xE2\x80\x94 JUD", 1 << 20)[0];
        assert_eq!(p.text, "LeT — JUD");
        let at = p.text.find("JUD").unwrap();
        assert_eq!(p.original(at, at + 3), (11, 14));

        let p = &pieces(b"Caf\xE9 Dawa", 1 << 20)[0];
        assert_eq!(p.text, "Café Dawa");
        let at = p.text.find("Dawa").unwrap();
        assert_eq!(p.original(at, at + 4), (5, 9));

        let utf16: Vec<u8> = std::iter::once([0xFF, 0xFE])
            .chain("Jamaat\u{2019}ud Dawa".encode_utf16().map(u16::to_le_bytes))
            .flatten()
            .collect();
        let p = &pieces(&utf16, 1 << 20)[0];
        assert_eq!(p.text, "Jamaat\u{2019}ud Dawa");
        let at = p.text.find("Dawa").unwrap();
        assert_eq!(p.original(at, at + 4), (2 + 10 * 2, 2 + 14 * 2));
    }

    #[test]
    fn a_stray_windows_1252_byte_in_utf8_text_is_read_as_its_letter() {
        let p = &pieces("Jamaat\u{2019}ud Dawa and Hafiz Sa".as_bytes(), 1 << 20)[0];
        assert!(p.text.ends_with("Sa"));
        let mut mixed = "\u{2019}Hafiz Muhammad Sa".as_bytes().to_vec();
        mixed.extend_from_slice(b"\xEFd met \xC9mile");
        let p = &pieces(&mixed, 1 << 20)[0];
        assert_eq!(p.text, "\u{2019}Hafiz Muhammad Sa\u{EF}d met \u{C9}mile");
        let at = p.text.find("Sa\u{EF}d").unwrap();
        assert_eq!(p.original(at, at + "Sa\u{EF}d".len()), (18, 22));
    }

    #[test]
    fn a_given_encoding_is_used_and_a_byte_order_mark_still_wins() {
        let utf16: Vec<u8> = "Ali\nSaeed"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let p: Vec<Piece> = TextStream::with_encoding(&utf16[..], 4096, Some(Encoding::Utf16Le))
            .map(|p| p.unwrap())
            .collect();
        assert_eq!(p[0].text, "Ali\nSaeed");
        let p: Vec<Piece> =
            TextStream::with_encoding(&b"\xEF\xBB\xBFAli"[..], 4096, Some(Encoding::Windows1252))
                .map(|p| p.unwrap())
                .collect();
        assert_eq!(p[0].text, "Ali");
    }

    #[test]
    fn pieces_end_at_line_breaks_and_cover_everything() {
        let text: String = (0..3000)
            .map(|i| format!("line {i} of the document\n"))
            .collect();
        let ps = pieces(text.as_bytes(), 4096);
        assert!(ps.len() > 10);
        let joined: String = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text);
        for p in &ps[..ps.len() - 1] {
            assert!(p.text.ends_with('\n'));
            let (s, e) = p.original(0, p.text.len());
            assert_eq!(&text.as_bytes()[s..e], p.text.as_bytes());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_with_offsets_inside_the_file(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            for p in TextStream::new(&bytes[..], 4096) {
                let p = p.unwrap();
                let mut last = 0;
                for (i, _) in p.text.char_indices() {
                    let o = p.map.original(i);
                    proptest::prop_assert!(o <= bytes.len());
                    proptest::prop_assert!(o >= last);
                    last = o;
                }
            }
        }
    }
}
