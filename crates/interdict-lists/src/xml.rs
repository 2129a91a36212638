//! Reading XML lists one record at a time: encoding checks, and small element trees with line
//! numbers for the parsers to walk. Payment messages (`interdict-payments`) are read the same
//! way.

use crate::error::{byte_position, Error, LineIndex, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// An element with its text, attributes and children; what a parser sees of one record.
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// Local name (namespace prefix removed).
    pub name: String,
    /// Attributes as (local name, value).
    pub attrs: Vec<(String, String)>,
    /// Text directly inside this element (entities resolved, not trimmed).
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Node>,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Node {
    /// First child with this name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All children with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element's text with whitespace runs (including line breaks) collapsed to one space
    /// and trimmed; `None` when empty.
    pub fn clean_text(&self) -> Option<String> {
        clean(&self.text)
    }

    /// Clean text of the first child with this name.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).and_then(Node::clean_text)
    }

    /// Clean texts of this element's `VALUE` children (UN multi-valued fields such as
    /// `<NATIONALITY><VALUE>..</VALUE></NATIONALITY>`).
    pub fn values(&self) -> Vec<String> {
        self.children_named("VALUE")
            .filter_map(Node::clean_text)
            .collect()
    }

    /// An attribute's value, whitespace collapsed; `None` when absent or blank.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| clean(v))
    }

    /// Every descendant with this name, in document order.
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Node> {
        fn go<'a>(n: &'a Node, name: &str, out: &mut Vec<&'a Node>) {
            for c in &n.children {
                if c.name == name {
                    out.push(c);
                }
                go(c, name, out);
            }
        }
        let mut out = Vec::new();
        go(self, name, &mut out);
        out
    }

    /// Clean texts of every descendant with this name, in document order.
    pub fn descendants_text(&self, name: &str) -> Vec<String> {
        self.descendants(name)
            .into_iter()
            .filter_map(Node::clean_text)
            .collect()
    }
}

/// Collapses whitespace runs to single spaces and trims; `None` if nothing is left.
pub fn clean(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Turns the bytes of an XML file into text, refusing damaged files with the place and reason.
///
/// Honours the encoding declaration (UTF-8, or ISO-8859-1 / Latin-1); rejects invalid UTF-8 and
/// characters XML forbids (C0 controls other than tab, CR and LF), which is how files saved in
/// the wrong encoding usually show.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let declared = declared_encoding(bytes);
    let text: Cow<'a, str> = match declared.as_deref() {
        None | Some("utf-8") | Some("utf8") => match std::str::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(e) => {
                let at = e.valid_up_to();
                // Report whichever problem comes first in the file.
                let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                check_characters(path, valid)?;
                let (line, column) = byte_position(bytes, at);
                let bad = bytes[at];
                return Err(Error::Malformed {
                    path: path.to_string(),
                    line,
                    column,
                    message: format!(
                        "invalid UTF-8 (byte 0x{bad:02X}) in a file declared as UTF-8; the file \
                         was probably saved in another encoding such as Latin-1 and is damaged"
                    ),
                });
            }
        },
        Some("iso-8859-1") | Some("latin-1") | Some("latin1") => {
            Cow::Owned(bytes.iter().map(|&b| b as char).collect())
        }
        Some(other) => {
            return Err(Error::Invalid {
                path: path.to_string(),
                message: format!(
                    "XML declares encoding '{other}', which interdict does not read \
                     (expected UTF-8 or ISO-8859-1)"
                ),
            })
        }
    };
    check_characters(path, &text)?;
    Ok(text)
}

/// Refuses characters that XML 1.0 forbids: C0 controls other than tab, CR and LF, and the
/// non-characters U+FFFE and U+FFFF.
fn check_characters(path: &str, text: &str) -> Result<()> {
    let bad = text.char_indices().find(|&(_, c)| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    });
    match bad {
        None => Ok(()),
        Some((offset, ch)) => {
            let (line, column) = LineIndex::new(text).position(offset);
            Err(Error::Malformed {
                path: path.to_string(),
                line,
                column,
                message: format!(
                    "control character U+{:04X} is not allowed in XML; the file looks damaged \
                     (for example by a wrong encoding conversion)",
                    ch as u32
                ),
            })
        }
    }
}

/// The encoding named in the XML declaration, lower-cased.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_ascii_lowercase())
}

/// Deepest nesting of elements read. The lists nest a handful of levels; a file nesting
/// thousands is damaged or hostile, and would cost a stack frame per level to read and drop.
const MAX_DEPTH: usize = 64;

/// A start tag met while walking the document.
pub struct Start {
    /// Local name.
    pub name: String,
    /// Attributes as (local name, value).
    pub attrs: Vec<(String, String)>,
    /// 1-based line of the tag.
    pub line: usize,
    empty: bool,
}

impl Start {
    /// Value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Walks an XML document start tag by start tag, and reads chosen elements as [`Node`] trees.
pub struct XmlWalker<'a> {
    path: String,
    reader: Reader<&'a [u8]>,
    lines: LineIndex<'a>,
    text: &'a str,
    /// Open elements above the current position: the byte offset of each start tag (its name
    /// is read from there only for an error).
    open: Vec<usize>,
}

impl<'a> XmlWalker<'a> {
    /// A walker over `text`, naming `path` in errors.
    pub fn new(path: &str, text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        XmlWalker {
            path: path.to_string(),
            reader,
            lines: LineIndex::new(text),
            text,
            open: Vec::new(),
        }
    }

    /// Number of elements open around the current position.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn malformed(&self, offset: usize, message: String) -> Error {
        let (line, column) = self.lines.position(offset);
        Error::Malformed {
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }

    fn read(&mut self) -> Result<Event<'a>> {
        match self.reader.read_event() {
            Ok(ev) => Ok(ev),
            Err(e) => {
                let at = self.reader.error_position() as usize;
                Err(self.malformed(at, format!("malformed XML: {e}")))
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool, offset: usize) -> Result<Start> {
        let name = e.local_name().as_ref().to_string();
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a =
                a.map_err(|err| self.malformed(offset, format!("malformed XML attribute: {err}")))?;
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| self.malformed(offset, format!("malformed XML attribute: {err}")))?
                .into_owned();
            attrs.push((key, value));
        }
        Ok(Start {
            name,
            attrs,
            line: self.line_of(offset),
            empty,
        })
    }

    /// The next start tag at any depth, or `None` at the end of the document. Text and end tags in
    /// between are passed over (end tags are checked against their start tags).
    pub fn next_start(&mut self) -> Result<Option<Start>> {
        loop {
            let offset = self.reader.buffer_position() as usize;
            match self.read()? {
                Event::Start(e) => {
                    let s = self.start(&e, false, offset)?;
                    self.enter(&s, offset)?;
                    return Ok(Some(s));
                }
                Event::Empty(e) => return Ok(Some(self.start(&e, true, offset)?)),
                Event::End(_) => {
                    self.open.pop();
                }
                Event::Eof => return self.eof().map(|_| None),
                _ => {}
            }
        }
    }

    /// Notes an element as open, refusing nesting deeper than [`MAX_DEPTH`].
    fn enter(&mut self, s: &Start, offset: usize) -> Result<()> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self.malformed(
                offset,
                format!(
                    "elements nested more than {MAX_DEPTH} deep (at <{}>); the file is damaged",
                    s.name
                ),
            ));
        }
        self.open.push(offset);
        Ok(())
    }

    fn eof(&self) -> Result<()> {
        match self.open.last() {
            Some(&offset) => Err(self.malformed(
                self.reader.buffer_position() as usize,
                format!(
                    "file ends inside <{}> opened on line {}: the file is truncated",
                    self.local_name_at(offset),
                    self.line_of(offset)
                ),
            )),
            None => Ok(()),
        }
    }

    /// The local name of the start tag at byte `offset` (`<ns:Name a="..">` gives `Name`).
    fn local_name_at(&self, offset: usize) -> &'a str {
        let tag = self.text.get(offset + 1..).unwrap_or_default();
        let end = tag
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(tag.len());
        let name = &tag[..end];
        name.rsplit(':').next().unwrap_or(name)
    }

    /// Reads the element whose start tag `start` was just returned by [`next_start`], with all
    /// its content, as a tree.
    ///
    /// [`next_start`]: XmlWalker::next_start
    pub fn read_node(&mut self, start: Start) -> Result<Node> {
        let mut stack = vec![Node {
            name: start.name,
            attrs: start.attrs,
            line: start.line,
            ..Node::default()
        }];
        if start.empty {
            return Ok(stack.pop().unwrap_or_default());
        }
        loop {
            let offset = self.reader.buffer_position() as usize;
            match self.read()? {
                Event::Start(e) => {
                    let s = self.start(&e, false, offset)?;
                    self.enter(&s, offset)?;
                    stack.push(Node {
                        name: s.name,
                        attrs: s.attrs,
                        line: s.line,
                        ..Node::default()
                    });
                }
                Event::Empty(e) => {
                    let s = self.start(&e, true, offset)?;
                    let node = Node {
                        name: s.name,
                        attrs: s.attrs,
                        line: s.line,
                        ..Node::default()
                    };
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(node);
                    }
                }
                Event::End(_) => {
                    self.open.pop();
                    let done = stack.pop().unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Text(t) => {
                    if let Some(n) = stack.last_mut() {
                        n.text.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if let Some(n) = stack.last_mut() {
                        n.text.push_str(&t);
                    }
                }
                Event::GeneralRef(r) => {
                    let ch = resolve_reference(&r).ok_or_else(|| {
                        self.malformed(offset, format!("unknown XML entity reference '&{};'", &*r))
                    })?;
                    if let Some(n) = stack.last_mut() {
                        n.text.push(ch);
                    }
                }
                Event::Eof => {
                    self.eof()?;
                    return Ok(stack.into_iter().next().unwrap_or_default());
                }
                _ => {}
            }
        }
    }
}

/// Resolves the five predefined entities and numeric character references.
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk_all(text: &str) -> Result<Vec<Node>> {
        let mut w = XmlWalker::new("t.xml", text);
        let mut out = Vec::new();
        while let Some(s) = w.next_start()? {
            if s.name == "R" {
                out.push(w.read_node(s)?);
            }
        }
        Ok(out)
    }

    #[test]
    fn reads_records_with_entities_and_lines() {
        let nodes = walk_all(
            "<L>\n<R a='1'><N>A &amp; B&#x20;C</N><E/></R>\n<R><N><![CDATA[x<y]]></N></R></L>",
        )
        .unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].child_text("N").as_deref(), Some("A & B C"));
        assert_eq!(nodes[0].line, 2);
        assert!(nodes[0].child("E").is_some());
        assert_eq!(nodes[1].child_text("N").as_deref(), Some("x<y"));
        assert_eq!(nodes[1].line, 3);
    }

    #[test]
    fn truncated_file_names_open_element() {
        let err = walk_all("<L>\n<R><N>x</N></R>\n<R><N>y")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.xml:3:"), "{err}");
        assert!(err.contains("truncated"), "{err}");
        assert!(err.contains("inside <N> opened on line 3"), "{err}");
        let err = walk_all("<L>\n<x:R\n a='1'><N>y</N>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("inside <R> opened on line 2"), "{err}");
    }

    #[test]
    fn mismatched_tags_are_reported_with_position() {
        let err = walk_all("<L>\n<R><N>x</M></R></L>")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.xml:2:"), "{err}");
        assert!(err.contains("malformed XML"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_with_its_place() {
        let deep = format!("<L>\n<R>{}x</R></L>", "<a>".repeat(300_000));
        let err = walk_all(&deep).unwrap_err().to_string();
        assert!(
            err.starts_with("t.xml:2:") && err.contains("nested more than 64"),
            "{err}"
        );
        let deep = format!("<L>{}", "<a>".repeat(300_000));
        assert!(walk_all(&deep).unwrap_err().to_string().contains("nested"));
    }

    #[test]
    fn decode_rejects_bad_utf8_and_controls() {
        let err = decode(
            "f.xml",
            b"<?xml version='1.0' encoding='UTF-8'?>\n<a>Arm\xe9s</a>",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.xml:2:7: invalid UTF-8 (byte 0xE9) in a file declared as UTF-8; the file was \
             probably saved in another encoding such as Latin-1 and is damaged"
        );
        let err = decode("f.xml", b"<a>\n government\x19s</a>").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.xml:2:12: control character U+0019"),
            "{err}"
        );
        let ok = decode(
            "f.xml",
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Arm\xe9s</a>",
        )
        .unwrap();
        assert!(ok.contains("Armés"));
    }

    #[test]
    fn clean_collapses_whitespace() {
        assert_eq!(
            clean("  National Identification\n    Number ").as_deref(),
            Some("National Identification Number")
        );
        assert_eq!(clean(" \n "), None);
    }
}
