//! Payment messages read from files: XML files of ISO 20022 messages (one `Document` or many,
//! each with its application header), files of SWIFT MT messages, JSON Lines whose lines each
//! hold one message (as a string, or an object with `message`), and folders of such files. A
//! message that cannot be read is an error naming it and the element or field; the others are
//! still read. JSON Lines and folders are read a line or a file at a time, and an XML file
//! larger than [`WHOLE_FILE_BYTES`] a message at a time (`split.rs`), so that memory holds one
//! message; a smaller XML file, or an MT file (up to [`MAX_FILE_BYTES`]), is read whole.

use crate::split::Fragments;
use crate::{iso, mt, Error, Message};
use interdict_lists::xml::{decode, XmlWalker};
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The largest MT file read (whole); larger inputs go in folders or JSON Lines.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// XML files up to this size are read whole (any declared encoding); larger ones a message at
/// a time (UTF-8).
pub const WHOLE_FILE_BYTES: u64 = 8 << 20;

/// The messages of one or more inputs, in order, each read or refused on its own.
pub struct Messages {
    files: VecDeque<PathBuf>,
    ready: VecDeque<Result<Message, Error>>,
    lines: Option<Lines>,
    xml: Option<XmlStream>,
}

/// A large XML file being read a message at a time.
struct XmlStream {
    display: String,
    fragments: Fragments<std::io::BufReader<std::fs::File>>,
    /// The application header read before the next `Document`.
    header: Option<interdict_lists::xml::Node>,
}

/// A JSON Lines file being read.
struct Lines {
    display: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// What opening a file gives: its messages, or its lines or messages to read one by one.
enum Opened {
    Ready(Vec<Result<Message, Error>>),
    Lines(Lines),
    Xml(XmlStream),
}

/// The messages in a file or a folder (its files, in name order).
pub fn read_path(path: &Path) -> Result<Messages, Error> {
    let display = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| Error(format!("{display}: cannot read: {e}")))?;
    let files = if meta.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error(format!("{display}: cannot read the folder: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && !is_hidden(p))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    Ok(Messages {
        files: files.into(),
        ready: VecDeque::new(),
        lines: None,
        xml: None,
    })
}

/// The messages in one message body (XML, MT or JSON Lines), named `display` in errors.
pub fn read_bytes(display: &str, bytes: &[u8]) -> Vec<Result<Message, Error>> {
    match kind(bytes) {
        Some(Kind::Xml) => xml_messages(display, bytes),
        Some(Kind::Mt) => mt_messages(display, bytes),
        Some(Kind::JsonLines) => String::from_utf8_lossy(bytes)
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .flat_map(|(i, l)| json_line(&format!("{display}: line {}", i + 1), l))
            .collect(),
        None => vec![Err(not_a_message(display, bytes))],
    }
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

impl Iterator for Messages {
    type Item = Result<Message, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(m) = self.ready.pop_front() {
                return Some(m);
            }
            if let Some(lines) = &mut self.lines {
                match lines.next_line() {
                    Some(messages) => self.ready.extend(messages),
                    None => self.lines = None,
                }
                continue;
            }
            if let Some(xml) = &mut self.xml {
                match xml.next_message() {
                    Some(m) => return Some(m),
                    None => self.xml = None,
                }
                continue;
            }
            match open(&self.files.pop_front()?) {
                Opened::Ready(messages) => self.ready.extend(messages),
                Opened::Lines(lines) => self.lines = Some(lines),
                Opened::Xml(xml) => self.xml = Some(xml),
            }
        }
    }
}

impl Lines {
    /// The messages of the next line that is not blank; `None` at the end (or after an error
    /// reading the file, which is handed out first).
    fn next_line(&mut self) -> Option<Vec<Result<Message, Error>>> {
        let mut text = String::new();
        loop {
            text.clear();
            match self.reader.read_line(&mut text) {
                Ok(0) => return None,
                Ok(_) => {
                    self.line += 1;
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Some(json_line(
                        &format!("{}: line {}", self.display, self.line),
                        &text,
                    ));
                }
                Err(e) => {
                    let e = Error(format!(
                        "{}: line {}: cannot read: {e}",
                        self.display,
                        self.line + 1
                    ));
                    // Nothing after an unreadable line can be trusted to be where it seems.
                    self.reader = Box::new(std::io::empty());
                    return Some(vec![Err(e)]);
                }
            }
        }
    }
}

impl XmlStream {
    /// The next message (with the application header before it); `None` at the end.
    fn next_message(&mut self) -> Option<Result<Message, Error>> {
        loop {
            let fragment = match self.fragments.next()? {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            let node = match element(&self.display, fragment.line, &fragment.text) {
                Ok(n) => n,
                Err(e) => return Some(Err(e)),
            };
            if fragment.name == "AppHdr" {
                self.header = Some(node);
                continue;
            }
            let source = format!("{}: message at line {}", self.display, fragment.line);
            return Some(iso::message(&source, &node, self.header.take().as_ref()));
        }
    }
}

/// One element's text read as a tree; errors name the line of the file (the element starts
/// on line `line`).
fn element(display: &str, line: usize, text: &str) -> Result<interdict_lists::xml::Node, Error> {
    let relocate = |e: interdict_lists::Error| match e {
        interdict_lists::Error::Malformed {
            line: l,
            column,
            message,
            ..
        } => Error(format!("{display}:{}:{column}: {message}", line + l - 1)),
        other => Error(other.to_string()),
    };
    let mut walker = XmlWalker::new(display, text);
    match walker.next_start().map_err(relocate)? {
        Some(start) => walker.read_node(start).map_err(relocate),
        None => Err(Error(format!("{display}: line {line}: an empty element"))),
    }
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xml,
    Mt,
    JsonLines,
}

fn kind(bytes: &[u8]) -> Option<Kind> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..];
    if head.starts_with(b"<") {
        Some(Kind::Xml)
    } else if head.starts_with(b"{1:")
        || head.starts_with(b"{2:")
        || head.starts_with(b"{4:")
        || head.starts_with(b":20:")
    {
        Some(Kind::Mt)
    } else if head.starts_with(b"{") || head.starts_with(b"\"") {
        Some(Kind::JsonLines)
    } else {
        None
    }
}

fn not_a_message(display: &str, bytes: &[u8]) -> Error {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Error(format!("{display}: empty: no payment message"));
    }
    Error(format!(
        "{display}: not a payment message: expected ISO 20022 XML (<Document>), SWIFT MT \
         ({{1:...}}{{4:...-}}) or JSON Lines of messages"
    ))
}

/// Opens one file: JSON Lines to read line by line, XML and MT read whole.
fn open(path: &Path) -> Opened {
    let display = path.display().to_string();
    let fail = |e: Error| Opened::Ready(vec![Err(e)]);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(Error(format!("{display}: cannot read: {e}"))),
    };
    let mut reader = std::io::BufReader::new(file);
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return fail(Error(format!("{display}: cannot read: {e}"))),
    };
    match kind(&head) {
        Some(Kind::JsonLines) => Opened::Lines(Lines {
            display,
            reader: Box::new(reader),
            line: 0,
        }),
        Some(found) => {
            let size = path.metadata().map(|m| m.len()).unwrap_or(0);
            if found == Kind::Xml && size > WHOLE_FILE_BYTES {
                return Opened::Xml(XmlStream {
                    fragments: Fragments::new(&display, reader),
                    display,
                    header: None,
                });
            }
            if size > MAX_FILE_BYTES {
                return fail(Error(format!(
                    "{display}: {} MB, more than the {} MB an MT file may hold: split it, or give \
                     the messages as JSON Lines",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                )));
            }
            match std::fs::read(path) {
                Ok(bytes) => Opened::Ready(read_bytes(&display, &bytes)),
                Err(e) => fail(Error(format!("{display}: cannot read: {e}"))),
            }
        }
        None => fail(not_a_message(&display, &head)),
    }
}

/// The ISO 20022 messages of an XML text: each `Document`, with the `AppHdr` before it.
fn xml_messages(display: &str, bytes: &[u8]) -> Vec<Result<Message, Error>> {
    let text = match decode(display, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(Error(e.to_string()))],
    };
    let mut walker = XmlWalker::new(display, &text);
    let mut out = Vec::new();
    let mut header = None;
    loop {
        let start = match walker.next_start() {
            Ok(Some(s)) => s,
            Ok(None) => break,
            // The rest of a damaged file cannot be told apart: stop here, having said where.
            Err(e) => {
                out.push(Err(Error(e.to_string())));
                return out;
            }
        };
        if start.name != "AppHdr" && start.name != "Document" {
            continue;
        }
        let line = start.line;
        let node = match walker.read_node(start) {
            Ok(n) => n,
            Err(e) => {
                out.push(Err(Error(e.to_string())));
                return out;
            }
        };
        if node.name == "AppHdr" {
            header = Some(node);
            continue;
        }
        let source = format!("{display}: message at line {line}");
        out.push(iso::message(&source, &node, header.take().as_ref()));
    }
    if out.is_empty() {
        out.push(Err(Error(format!(
            "{display}: no <Document> element: not an ISO 20022 message"
        ))));
    }
    out
}

/// The SWIFT MT messages of a text, each from its `{1:` block (or one message of block 4's
/// fields alone).
fn mt_messages(display: &str, bytes: &[u8]) -> Vec<Result<Message, Error>> {
    let text = String::from_utf8_lossy(bytes);
    let starts: Vec<usize> = text.match_indices("{1:").map(|(i, _)| i).collect();
    if starts.is_empty() {
        return vec![mt::message(&format!("{display}: message 1"), &text)];
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &at)| {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let line = text[..at].matches('\n').count() + 1;
            mt::message(
                &format!("{display}: message at line {line}"),
                &text[at..end],
            )
        })
        .collect()
}

/// The message(s) of one JSON line: a string, or an object with `message` (or `body`).
fn json_line(place: &str, line: &str) -> Vec<Result<Message, Error>> {
    let value: serde_json::Value = match serde_json::from_str(line.trim()) {
        Ok(v) => v,
        Err(e) => return vec![Err(Error(format!("{place}: not JSON: {e}")))],
    };
    let body = match &value {
        serde_json::Value::String(s) => Some(s.as_str()),
        serde_json::Value::Object(o) => ["message", "body"]
            .iter()
            .find_map(|k| o.get(*k).and_then(|v| v.as_str())),
        _ => None,
    };
    match body {
        Some(b) => read_bytes(place, b.as_bytes()),
        None => vec![Err(Error(format!(
            "{place}: expected a message as a JSON string, or an object with \"message\""
        )))],
    }
}
