//! The text of an e-mail message (RFC 5322 with MIME): the headers people read (subject, from,
//! to, cc, reply-to) and every text part, decoded from quoted-printable or base64 and from its
//! character set, HTML parts reduced to their text. Attachments that are not text are skipped.
//! Every piece maps back to byte offsets in the message.

use crate::html;
use crate::map::{OffsetMap, Piece};
use crate::stream::{decode, Encoding};

/// Headers whose values are scanned.
const READ_HEADERS: &[&str] = &["subject", "from", "to", "cc", "bcc", "reply-to", "sender"];

/// The pieces of text of a message.
pub fn texts(bytes: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    part(bytes, 0, &mut out, 0);
    out
}

/// A header: its name (lower case), value with continuation lines joined, and where the value
/// starts.
struct Header {
    name: String,
    value: String,
    map: OffsetMap,
}

/// Splits a part into its headers and the offset where its body starts.
fn headers(bytes: &[u8], base: usize) -> (Vec<Header>, usize) {
    let mut out: Vec<Header> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let line_end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| i + p + 1);
        let line = &bytes[i..line_end];
        let content = trim_eol(line);
        if content.is_empty() {
            return (out, line_end);
        }
        let blank = |b: &u8| *b == b' ' || *b == b'\t';
        if blank(&content[0]) {
            // A continuation of the previous header.
            if let Some(h) = out.last_mut() {
                let lead = content.iter().take_while(|b| blank(b)).count();
                h.map.push(h.value.len(), base + i);
                h.value.push(' ');
                let rest = decode(&content[lead..], Encoding::Utf8, base + i + lead);
                h.map.append(h.value.len(), &rest.map);
                h.value.push_str(&rest.text);
            }
        } else if let Some(colon) = content.iter().position(|&b| b == b':') {
            let name = String::from_utf8_lossy(&content[..colon])
                .trim()
                .to_ascii_lowercase();
            let raw = &content[colon + 1..];
            let lead = raw.iter().take_while(|b| blank(b)).count();
            // Decoded with its map, so that a byte that is not UTF-8 still points at itself.
            let value = decode(&raw[lead..], Encoding::Utf8, base + i + colon + 1 + lead);
            out.push(Header {
                name,
                value: value.text,
                map: value.map,
            });
        } else {
            // Not a header: the message has no header block.
            return (Vec::new(), 0);
        }
        i = line_end;
    }
    (out, bytes.len())
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let mut l = line;
    while let Some((&last, rest)) = l.split_last() {
        if last == b'\n' || last == b'\r' {
            l = rest;
        } else {
            break;
        }
    }
    l
}

fn header<'h>(hs: &'h [Header], name: &str) -> Option<&'h Header> {
    hs.iter().find(|h| h.name == name)
}

/// A parameter of a header value (`charset`, `boundary`), without quotes.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Deepest nesting of multipart parts read (real messages nest two or three).
const MAX_DEPTH: usize = 16;

/// Reads one part of a message (the message itself at depth 0): its headers people read, its
/// text, and the parts inside it.
fn part(bytes: &[u8], base: usize, out: &mut Vec<Piece>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let (hs, body_start) = headers(bytes, base);
    if depth == 0 {
        for h in &hs {
            if READ_HEADERS.contains(&h.name.as_str()) {
                let (value, map) = decode_words(&h.value, &h.map);
                out.push(Piece {
                    text: value,
                    map,
                    label: Some(h.name.clone()),
                });
            }
        }
    }
    let content_type = header(&hs, "content-type")
        .map(|h| h.value.to_ascii_lowercase())
        .unwrap_or_else(|| "text/plain".to_string());
    let body = &bytes[body_start.min(bytes.len())..];
    let body_base = base + body_start;
    if content_type.starts_with("multipart/") {
        let Some(boundary) =
            header(&hs, "content-type").and_then(|h| parameter(&h.value, "boundary"))
        else {
            return;
        };
        let delimiter = format!("--{boundary}");
        let mut starts: Vec<usize> = Vec::new();
        let mut i = 0;
        while let Some(p) = find(&body[i..], delimiter.as_bytes()) {
            let at = i + p;
            let line_start = at == 0 || body[at - 1] == b'\n';
            if line_start {
                starts.push(at);
            }
            i = at + delimiter.len();
        }
        for w in starts.windows(2) {
            let start = body[w[0]..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(w[1], |p| w[0] + p + 1);
            if start < w[1] {
                part(&body[start..w[1]], body_base + start, out, depth + 1);
            }
        }
        return;
    }
    if !content_type.starts_with("text/") {
        return;
    }
    let encoding = header(&hs, "content-transfer-encoding")
        .map(|h| h.value.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let (decoded, map) = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body, body_base),
        "base64" => base64(body, body_base),
        _ => (body.to_vec(), OffsetMap::identity(body_base)),
    };
    let charset = header(&hs, "content-type")
        .and_then(|h| parameter(&h.value, "charset"))
        .unwrap_or_else(|| "utf-8".to_string());
    let (text, text_map) = charset_decode(&decoded, &charset);
    let map = text_map.then(&map);
    let label = Some(if content_type.starts_with("text/html") {
        "body (html)".to_string()
    } else {
        "body".to_string()
    });
    if content_type.starts_with("text/html") {
        let mut p = html::text(&text, &map);
        p.label = label;
        out.push(p);
    } else {
        out.push(Piece { text, map, label });
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes bytes in a character set; the map goes from text positions to byte positions.
fn charset_decode(bytes: &[u8], charset: &str) -> (String, OffsetMap) {
    let enc = encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    if enc == encoding_rs::UTF_8 {
        let p = crate::stream::decode(bytes, crate::Encoding::Utf8, 0);
        return (p.text, p.map);
    }
    if enc == encoding_rs::WINDOWS_1252 {
        let p = crate::stream::decode(bytes, crate::Encoding::Windows1252, 0);
        return (p.text, p.map);
    }
    // Other character sets: decoded byte by byte where each byte is a character, else as a
    // whole with positions proportional.
    let (s, _, _) = enc.decode(bytes);
    let mut map = OffsetMap::identity(0);
    let chars = s.chars().count().max(1);
    for (n, (i, _)) in s.char_indices().enumerate() {
        map.push(i, n * bytes.len() / chars);
    }
    map.push(s.len(), bytes.len());
    (s.into_owned(), map)
}

/// Decodes quoted-printable text; each decoded byte maps to where its encoded form starts.
fn quoted_printable(body: &[u8], base: usize) -> (Vec<u8>, OffsetMap) {
    let mut out = Vec::with_capacity(body.len());
    let mut map = OffsetMap::identity(base);
    let mut i = 0;
    while i < body.len() {
        map.push(out.len(), base + i);
        if body[i] == b'=' {
            // A soft line break.
            if body[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if body[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            if let Some(hex) = body.get(i + 1..i + 3) {
                if let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(hex), 16) {
                    out.push(v);
                    i += 3;
                    map.push(out.len(), base + i);
                    continue;
                }
            }
        }
        out.push(body[i]);
        i += 1;
    }
    map.push(out.len(), base + body.len());
    (out, map)
}

/// Decodes base64; each decoded byte maps to the group of four characters it came from.
fn base64(body: &[u8], base: usize) -> (Vec<u8>, OffsetMap) {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut map = OffsetMap::identity(base);
    let mut group: Vec<(u32, usize)> = Vec::with_capacity(4);
    let mut pad = 0;
    for (i, &c) in body.iter().enumerate() {
        if c == b'=' {
            pad += 1;
            group.push((0, i));
        } else if let Some(v) = value(c) {
            group.push((v, i));
        } else {
            continue;
        }
        if group.len() == 4 {
            let n = group.iter().fold(0u32, |acc, (v, _)| (acc << 6) | v);
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            for b in &bytes[..3 - pad.min(2)] {
                map.push(out.len(), base + group[0].1);
                out.push(*b);
            }
            map.push(out.len(), base + group[3].1 + 1);
            group.clear();
            pad = 0;
        }
    }
    map.push(out.len(), base + body.len());
    (out, map)
}

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`) in a header value;
/// decoded characters map to the start of their encoded word.
fn decode_words(value: &str, map: &OffsetMap) -> (String, OffsetMap) {
    let mut out = String::new();
    let mut own = OffsetMap::identity(0);
    let mut i = 0;
    while i < value.len() {
        if value[i..].starts_with("=?") {
            if let Some((decoded, len)) = encoded_word(&value[i..]) {
                for (k, _) in decoded.char_indices() {
                    own.push(out.len() + k, i);
                }
                out.push_str(&decoded);
                own.push(out.len(), i + len);
                i += len;
                // Whitespace between two encoded words is not text.
                let ws = value[i..].len() - value[i..].trim_start().len();
                if ws > 0 && value[i + ws..].starts_with("=?") {
                    i += ws;
                    own.push(out.len(), i);
                }
                continue;
            }
        }
        let c = value[i..].chars().next().unwrap_or(' ');
        own.push(out.len(), i);
        out.push(c);
        i += c.len_utf8();
    }
    own.push(out.len(), value.len());
    (out, own.then(map))
}

fn encoded_word(s: &str) -> Option<(String, usize)> {
    let end = s[2..].find("?=")? + 4;
    let inner = &s[2..end - 2];
    let mut parts = inner.splitn(3, '?');
    let (charset, enc, data) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = match enc.to_ascii_uppercase().as_str() {
        "B" => base64(data.as_bytes(), 0).0,
        "Q" => {
            let q = data.replace('_', " ");
            quoted_printable(q.as_bytes(), 0).0
        }
        _ => return None,
    };
    Some((charset_decode(&bytes, charset).0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &str = "From: Donations <appeal@example.org>\r\n\
To: supporters@example.org\r\n\
Subject: =?UTF-8?Q?Flood_relief_=E2=80=93_Falah-e-Insaniat?= Foundation\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"XYZ\"\r\n\
\r\n\
--XYZ\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Please send funds to Jamaat-ud-Dawa =E2=80=94 FLOOD RELIEF JAMAT UD DAWA, a=\r\n\
ccount 123.\r\n\
--XYZ\r\n\
Content-Type: text/html; charset=utf-8\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
PHA+TGFzaGthciBlLVRheXlpYmE8L3A+\r\n\
--XYZ--\r\n";

    #[test]
    fn header_bytes_that_are_not_utf8_keep_their_offsets() {
        let mut message = b"From: Relief Desk <relief@exam".to_vec();
        message.extend([0xFF; 30]);
        message.extend(b"ple.org>\r\n  Jamaat-ud-Dawa \xE9\r\nSubject: x\r\n\r\nbody\n");
        for p in texts(&message) {
            let end = p.map.original(p.text.len());
            assert!(end <= message.len(), "{:?}: {end}", p.label);
            if let Some(at) = p.text.find("Jamaat") {
                let o = p.map.original(at);
                assert_eq!(&message[o..o + 6], b"Jamaat");
            }
        }
    }

    #[test]
    fn headers_and_parts_with_offsets() {
        let pieces = texts(MESSAGE.as_bytes());
        let labels: Vec<&str> = pieces.iter().filter_map(|p| p.label.as_deref()).collect();
        assert_eq!(labels, ["from", "to", "subject", "body", "body (html)"]);
        let subject = &pieces[2];
        assert_eq!(subject.text, "Flood relief – Falah-e-Insaniat Foundation");
        let at = subject.text.find("Foundation").unwrap();
        let (s, e) = subject.original(at, at + 10);
        assert_eq!(&MESSAGE[s..e], "Foundation");
        let body = &pieces[3];
        assert!(body
            .text
            .contains("Jamaat-ud-Dawa — FLOOD RELIEF JAMAT UD DAWA, account 123."));
        let at = body.text.find("FLOOD RELIEF").unwrap();
        let (s, e) = body.original(at, at + 12);
        assert_eq!(&MESSAGE[s..e], "FLOOD RELIEF");
        let html = &pieces[4];
        assert!(html.text.contains("Lashkar e-Tayyiba"), "{:?}", html.text);
        let at = html.text.find("Lashkar").unwrap();
        let (s, _) = html.original(at, at + 7);
        // "<p>" is the first group of four ("PHA+"); the "L" of Lashkar starts the second.
        assert!(
            MESSAGE[s..].starts_with("TGFz"),
            "maps to its group in the base64 block: {:?}",
            &MESSAGE[s..]
        );
    }
}
