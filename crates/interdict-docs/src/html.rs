//! The text of an HTML page: tags, comments, scripts and styles dropped (a tag becomes a space,
//! a block-level tag a line break), character references decoded, positions kept.

use crate::map::{OffsetMap, Piece};

/// Tags after which text starts a new line (so that sentences in separate blocks stay apart).
const BLOCKS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "hr",
];

/// The text of an HTML document given as decoded `source`, whose position 0 is at `map`'s
/// origin; the result maps its positions through `map` to the original bytes.
pub fn text(source: &str, map: &OffsetMap) -> Piece {
    let mut out = String::with_capacity(source.len() / 2);
    let mut own = OffsetMap::identity(0);
    let b = source.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let rest = &source[i..];
            let lower: String = rest
                .chars()
                .take(10)
                .collect::<String>()
                .to_ascii_lowercase();
            // Comments, then raw-text elements, then ordinary tags.
            let skip_to = if rest.starts_with("<!--") {
                rest.find("-->").map_or(b.len(), |e| i + e + 3)
            } else if lower.starts_with("<script") || lower.starts_with("<style") {
                let name = if lower.starts_with("<script") {
                    "</script"
                } else {
                    "</style"
                };
                let low_rest = rest.to_ascii_lowercase();
                match low_rest.find(name) {
                    Some(e) => rest[e..].find('>').map_or(b.len(), |g| i + e + g + 1),
                    None => b.len(),
                }
            } else {
                match rest.find('>') {
                    Some(e) => i + e + 1,
                    None => b.len(),
                }
            };
            let tag: String = rest[1..]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            own.push(out.len(), i);
            out.push(if BLOCKS.contains(&tag.as_str()) {
                '\n'
            } else {
                ' '
            });
            own.push(out.len(), skip_to);
            i = skip_to;
            continue;
        }
        if b[i] == b'&' {
            if let Some((decoded, len)) = entity(&source[i..]) {
                own.push(out.len(), i);
                out.push(decoded);
                own.push(out.len(), i + len);
                i += len;
                continue;
            }
        }
        let c = source[i..].chars().next().unwrap_or(' ');
        own.push(out.len(), i);
        out.push(c);
        i += c.len_utf8();
    }
    own.push(out.len(), b.len());
    Piece {
        text: out,
        map: own.then(map),
        label: None,
    }
}

/// A character reference at the start of `s`: the character and the reference's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(num, 16).ok()?)?
    } else if let Some(num) = name.strip_prefix('#') {
        char::from_u32(num.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ndash" => '–',
            "mdash" => '—',
            "rsquo" | "lsquo" => '\'',
            "rdquo" | "ldquo" => '"',
            "eacute" => 'é',
            "egrave" => 'è',
            "aacute" => 'á',
            "iacute" => 'í',
            "oacute" => 'ó',
            "uacute" => 'ú',
            "ntilde" => 'ñ',
            "ccedil" => 'ç',
            "uuml" => 'ü',
            "ouml" => 'ö',
            "auml" => 'ä',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_and_entities() {
        let src = "<html><head><title>Appeal</title><script>var x='Lashkar';</script></head>\
                   <body><p>Donate to Falah-e-Insaniat&nbsp;Foundation &amp; others</p><!-- LeT --></body></html>";
        let p = text(src, &OffsetMap::identity(0));
        assert!(p.text.contains("Appeal"));
        assert!(
            !p.text.contains("Lashkar"),
            "scripts are not text: {:?}",
            p.text
        );
        assert!(!p.text.contains("LeT"), "comments are not text");
        assert!(p.text.contains("Falah-e-Insaniat\u{a0}Foundation & others"));
        let at = p.text.find("Foundation").unwrap();
        let (s, e) = p.original(at, at + "Foundation".len());
        assert_eq!(&src[s..e], "Foundation");
        let amp = p.text.find('&').unwrap();
        assert_eq!(
            p.original(amp, amp + 1),
            (src.find("&amp;").unwrap(), src.find("&amp;").unwrap() + 5)
        );
    }
}
