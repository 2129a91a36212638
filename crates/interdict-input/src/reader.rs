//! Reading customer files (CSV with a header, JSON Lines or Parquet) row by row, as they come
//! out of real systems: any common delimiter, a byte-order mark, Windows-1252 or UTF-16 text,
//! CRLF line ends, rows of the wrong width, lines that are not JSON. Only a file that is not a
//! table at all is refused.

use crate::columns::{assign, require_name, role_of_key, ColumnChoice, Role};
use crate::parquet::{ParquetRows, MAGIC};
use crate::row::{build_row, CellRules, InputRow, Seen};
use crate::{bail, err, Result};
use interdict_docs::{Encoding, TextStream};
use interdict_model::written::Order;
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes read to recognise a file (its kind, encoding and delimiter).
const HEAD: usize = 64 * 1024;
/// Largest row screened; a longer one (a broken quote swallowing the file, a hostile cell) is
/// reported as an error row.
const MAX_ROW_BYTES: usize = 1 << 20;
/// Most cells of a row that are read; more are left out with a warning.
const MAX_FIELDS: usize = 1024;

/// How to read an input file.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// Which way round slashed dates are written.
    pub date_order: Order,
    /// Columns chosen on the command line.
    pub columns: Vec<ColumnChoice>,
    /// The text encoding, when not the one the file's first bytes show.
    pub encoding: Option<Encoding>,
}

/// What the reading noticed about the whole file, for the summary.
#[derive(Debug, Default)]
pub struct Notes {
    /// The encoding the text was read in.
    pub encoding: Option<&'static str>,
    /// The delimiter of a CSV file.
    pub delimiter: Option<u8>,
    /// Notes about the columns (two that look like the same field).
    pub columns: Vec<String>,
    /// What the rows showed.
    pub seen: Seen,
}

/// A source of input rows.
pub struct InputReader {
    path: String,
    kind: Kind,
    row: usize,
    rules: CellRules,
    choices: Vec<ColumnChoice>,
    pub notes: Notes,
    /// Bytes of the file read so far (shared with the reader inside `kind`).
    read: Arc<AtomicU64>,
    /// Size of the file.
    pub size: u64,
}

/// A reader that counts the bytes it has read, for progress reports.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// UTF-8 bytes of a text file in any encoding `interdict-docs` reads, decoded in pieces, that
/// can tell the line of a byte it handed out (the CSV reader's own count is off with CRLF).
struct Utf8Reader<R: Read> {
    stream: TextStream<R>,
    piece: Vec<u8>,
    at: usize,
    /// Bytes handed out so far.
    handed: u64,
    /// Offsets of the line breaks handed out and not yet asked about.
    breaks: std::collections::VecDeque<u64>,
    /// Line breaks before the first of `breaks`.
    lines_before: u64,
}

impl<R: Read> Utf8Reader<R> {
    fn new(stream: TextStream<R>) -> Self {
        Utf8Reader {
            stream,
            piece: Vec::new(),
            at: 0,
            handed: 0,
            breaks: std::collections::VecDeque::new(),
            lines_before: 0,
        }
    }

    /// The 1-based line of a record that the CSV reader says starts at `offset`; offsets must
    /// be asked in growing order. With CRLF line ends the reader gives the offset of the `\n`
    /// that ends the line before, which belongs to that line.
    fn line_of(&mut self, offset: u64) -> u64 {
        while self.breaks.front().is_some_and(|&b| b <= offset) {
            self.breaks.pop_front();
            self.lines_before += 1;
        }
        self.lines_before + 1
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.piece.len() {
            match self.stream.next() {
                None => return Ok(0),
                Some(Err(e)) => return Err(e),
                Some(Ok(p)) => {
                    self.piece = p.text.into_bytes();
                    self.at = 0;
                }
            }
        }
        let n = buf.len().min(self.piece.len() - self.at);
        let out = &self.piece[self.at..self.at + n];
        buf[..n].copy_from_slice(out);
        for (i, _) in out.iter().enumerate().filter(|(_, &b)| b == b'\n') {
            self.breaks.push_back(self.handed + i as u64);
        }
        self.at += n;
        self.handed += n as u64;
        Ok(n)
    }
}

type TextReader = Utf8Reader<Counting<File>>;

/// One row as read, before its cells are understood.
struct RawRow {
    /// (column, cell) pairs.
    cells: Vec<(String, String)>,
    /// Line where it starts (CSV and JSON Lines).
    line: Option<u64>,
    /// What was wrong with its shape (a screened row still).
    problems: Vec<String>,
    /// Why it cannot be read at all (not JSON, far too long).
    unreadable: Option<String>,
}

impl RawRow {
    fn unreadable(line: Option<u64>, why: String) -> RawRow {
        RawRow {
            cells: Vec::new(),
            line,
            problems: Vec::new(),
            unreadable: Some(why),
        }
    }
}

enum Kind {
    Csv {
        reader: csv::Reader<TextReader>,
        headers: Vec<String>,
        roles: Vec<Role>,
    },
    Jsonl {
        lines: std::io::BufReader<TextReader>,
        line: usize,
    },
    Parquet {
        rows: Box<ParquetRows>,
        roles: Vec<Role>,
    },
}

/// The delimiter of a CSV file: whichever of `,` `;` tab `|` its header line holds most of,
/// outside quotes (a comma when none).
fn sniff_delimiter(header_line: &str) -> u8 {
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            '|' if !quoted => counts[3] += 1,
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], 4 - i)).unwrap_or(0);
    if counts[best] == 0 {
        return b',';
    }
    [b',', b';', b'\t', b'|'][best]
}

impl InputReader {
    /// Opens a CSV, JSON Lines or Parquet file, recognised by its extension or, failing that,
    /// its content.
    pub fn open(path: &Path, options: &InputOptions) -> Result<InputReader> {
        let display = path.display().to_string();
        let mut head = Vec::with_capacity(HEAD);
        File::open(path)
            .and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
            .map_err(|e| err!("{display}: cannot read input: {e}"))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "parquet" | "pq") || head.starts_with(MAGIC) {
            return Self::open_parquet(path, display, options);
        }
        let (detected, _) = Encoding::detect(&head);
        let encoding = options.encoding.unwrap_or(detected);
        let text = interdict_docs::decode(&head, encoding, 0).text;
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            bail!("{display}: input file is empty");
        }
        let controls = text
            .chars()
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count();
        if text.contains('\0') || controls * 20 > text.chars().count() {
            bail!(
                "{display}: not a text file; expected CSV with a header row, JSON Lines or \
                 Parquet (for text in UTF-16 without a byte-order mark, give --encoding utf-16le)"
            );
        }
        let jsonl = match ext.as_str() {
            "jsonl" | "ndjson" | "json" => true,
            "csv" | "tsv" | "txt" => false,
            _ => text.trim_start().starts_with('{'),
        };
        let file = File::open(path).map_err(|e| err!("{display}: cannot read input: {e}"))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let read = Arc::new(AtomicU64::new(0));
        let utf8 = Utf8Reader::new(TextStream::with_encoding(
            Counting {
                inner: file,
                read: read.clone(),
            },
            256 * 1024,
            Some(encoding),
        ));
        let mut notes = Notes {
            encoding: Some(encoding.name()),
            ..Notes::default()
        };
        let kind = if jsonl {
            Kind::Jsonl {
                lines: std::io::BufReader::new(utf8),
                line: 0,
            }
        } else {
            let delimiter = sniff_delimiter(text.lines().next().unwrap_or(""));
            notes.delimiter = Some(delimiter);
            Self::open_csv(&display, utf8, delimiter, options, &mut notes)?
        };
        Ok(InputReader {
            path: display,
            kind,
            row: 0,
            rules: CellRules {
                date_order: options.date_order,
            },
            choices: options.columns.clone(),
            notes,
            read,
            size,
        })
    }

    fn open_csv(
        display: &str,
        text: TextReader,
        delimiter: u8,
        options: &InputOptions,
        notes: &mut Notes,
    ) -> Result<Kind> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| err!("{display}: line 1: the header cannot be read: {e}"))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let roles = assign(display, &headers, &options.columns, &mut notes.columns)?;
        require_name(display, &headers, &roles)?;
        Ok(Kind::Csv {
            reader,
            headers,
            roles,
        })
    }

    fn open_parquet(path: &Path, display: String, options: &InputOptions) -> Result<InputReader> {
        let rows = ParquetRows::open(path, &display)?;
        let mut notes = Notes::default();
        let roles = assign(
            &display,
            &rows.headers,
            &options.columns,
            &mut notes.columns,
        )?;
        require_name(&display, &rows.headers, &roles)?;
        if !rows.skipped.is_empty() {
            notes.columns.push(format!(
                "{display}: columns without text left out: {}",
                rows.skipped.join(", ")
            ));
        }
        Ok(InputReader {
            path: display,
            size: rows.total,
            kind: Kind::Parquet {
                rows: Box::new(rows),
                roles,
            },
            row: 0,
            rules: CellRules {
                date_order: options.date_order,
            },
            choices: options.columns.clone(),
            notes,
            read: Arc::new(AtomicU64::new(0)),
        })
    }

    /// How far the reading is: (done, total) in bytes of the file, or in rows for Parquet.
    pub fn progress(&self) -> (u64, u64) {
        match &self.kind {
            Kind::Parquet { rows, .. } => (rows.done, rows.total),
            _ => (self.read.load(Ordering::Relaxed), self.size),
        }
    }

    /// The input's columns when it has fixed ones (CSV header, Parquet schema); `None` for
    /// JSON Lines, whose rows may each have other keys.
    pub fn columns(&self) -> Option<&[String]> {
        match &self.kind {
            Kind::Csv { headers, .. } => Some(headers),
            Kind::Parquet { rows, .. } => Some(&rows.headers),
            Kind::Jsonl { .. } => None,
        }
    }

    /// Which way round slashed dates are read.
    pub fn date_order(&self) -> Order {
        self.rules.date_order
    }

    /// Where a row is, for messages: "file: row 3 (line 4)".
    pub fn place(&self, row: &InputRow) -> String {
        match row.line {
            Some(line) => format!("{}: row {} (line {line})", self.path, row.row + 1),
            None => format!("{}: row {}", self.path, row.row + 1),
        }
    }

    /// Reads up to `n` rows; an empty vector at the end of the file.
    pub fn next_chunk(&mut self, n: usize) -> Result<Vec<InputRow>> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            match self.next_row()? {
                Some(r) => out.push(r),
                None => break,
            }
        }
        Ok(out)
    }

    /// The next row, or `None` at the end.
    fn next_row(&mut self) -> Result<Option<InputRow>> {
        let path = self.path.clone();
        let raw = match &mut self.kind {
            Kind::Csv {
                reader, headers, ..
            } => read_csv_row(reader, headers, &path)?,
            Kind::Jsonl { lines, line } => read_json_row(lines, line, &path)?,
            Kind::Parquet { rows, .. } => rows.next_row()?.map(|cells| RawRow {
                cells: rows.headers.iter().cloned().zip(cells).collect(),
                line: None,
                problems: Vec::new(),
                unreadable: None,
            }),
        };
        let Some(mut raw) = raw else {
            return Ok(None);
        };
        let roles: Vec<Role> = match &self.kind {
            Kind::Csv { roles, .. } | Kind::Parquet { roles, .. } => roles.clone(),
            Kind::Jsonl { .. } => raw
                .cells
                .iter()
                .map(|(k, _)| role_of_key(k, &self.choices))
                .collect(),
        };
        let index = self.row;
        self.row += 1;
        let mut row = build_row(index, raw.cells, &roles, self.rules, &mut self.notes.seen);
        if let Some(why) = raw.unreadable {
            row.error = Some(why);
            row.query.name.clear();
        }
        raw.problems.append(&mut row.warnings);
        row.warnings = raw.problems;
        row.line = raw.line;
        Ok(Some(row))
    }
}

/// The next CSV record, its cells padded or cut to the header's width.
fn read_csv_row(
    reader: &mut csv::Reader<TextReader>,
    headers: &[String],
    path: &str,
) -> Result<Option<RawRow>> {
    let mut rec = csv::StringRecord::new();
    match reader.read_record(&mut rec) {
        Ok(false) => return Ok(None),
        Ok(true) => {}
        Err(e) => return Err(csv_error(path, e)),
    }
    let offset = rec.position().map_or(0, |p| p.byte());
    let line = reader.get_mut().line_of(offset);
    if rec.as_slice().len() > MAX_ROW_BYTES {
        let why = format!(
            "the row holds {} bytes, more than any customer record (is a quote left open?); it \
             is not screened",
            rec.as_slice().len()
        );
        return Ok(Some(RawRow::unreadable(Some(line), why)));
    }
    let mut problems = Vec::new();
    if rec.len() != headers.len() {
        problems.push(format!(
            "the row has {} field{} where the header has {}; {}",
            rec.len(),
            if rec.len() == 1 { "" } else { "s" },
            headers.len(),
            if rec.len() < headers.len() {
                "the missing ones are taken as empty"
            } else {
                "the extra ones are left out"
            }
        ));
    }
    let cells = headers
        .iter()
        .take(MAX_FIELDS)
        .enumerate()
        .map(|(i, h)| (h.clone(), rec.get(i).unwrap_or("").to_string()))
        .collect();
    Ok(Some(RawRow {
        cells,
        line: Some(line),
        problems,
        unreadable: None,
    }))
}

/// The next non-blank JSON Lines object as (key, value) pairs (a line that is not a JSON object
/// is an unreadable row, not the end of the file).
fn read_json_row(
    lines: &mut std::io::BufReader<TextReader>,
    line: &mut usize,
    path: &str,
) -> Result<Option<RawRow>> {
    let (text, whole) = loop {
        let Some((text, whole)) =
            next_line(lines).map_err(|e| err!("{path}: cannot read input: {e}"))?
        else {
            return Ok(None);
        };
        *line += 1;
        if !text.trim().is_empty() {
            break (text, whole);
        }
    };
    let at = Some(*line as u64);
    if !whole {
        let why = format!("the line holds more than {MAX_ROW_BYTES} bytes; it is not screened");
        return Ok(Some(RawRow::unreadable(at, why)));
    }
    let map = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        Ok(_) => {
            let why = "expected a JSON object on the line; it is not screened".to_string();
            return Ok(Some(RawRow::unreadable(at, why)));
        }
        Err(e) => {
            let why = format!("not valid JSON ({e}); the line is not screened");
            return Ok(Some(RawRow::unreadable(at, why)));
        }
    };
    let cells = object_cells(map);
    Ok(Some(RawRow {
        cells,
        line: at,
        problems: Vec::new(),
        unreadable: None,
    }))
}

/// A JSON object's members as (key, text) cells: lists joined with `;`, numbers as written.
fn object_cells(map: serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    map.into_iter()
        .map(|(k, v)| {
            let s = match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| i.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
                other => other.to_string(),
            };
            (k, s)
        })
        .take(MAX_FIELDS)
        .collect()
}

/// One party given as a JSON object (as on a line of JSON Lines, and in the HTTP API), read
/// into a query the same way as a row of a file.
pub fn object_row(
    object: serde_json::Map<String, serde_json::Value>,
    options: &InputOptions,
) -> InputRow {
    let cells = object_cells(object);
    let roles: Vec<Role> = cells
        .iter()
        .map(|(k, _)| role_of_key(k, &options.columns))
        .collect();
    let rules = CellRules {
        date_order: options.date_order,
    };
    build_row(0, cells, &roles, rules, &mut Seen::default())
}

/// The next line, and whether it was read whole: a line longer than [`MAX_ROW_BYTES`] keeps
/// its first bytes and the rest is passed over, so that one endless line cannot fill memory.
/// `None` at the end of the file.
fn next_line(r: &mut impl std::io::BufRead) -> std::io::Result<Option<(String, bool)>> {
    let mut buf = Vec::new();
    let n = r
        .by_ref()
        .take(MAX_ROW_BYTES as u64 + 1)
        .read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    let whole = buf.ends_with(b"\n") || buf.len() <= MAX_ROW_BYTES;
    if !whole {
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let m = r.by_ref().take(1 << 16).read_until(b'\n', &mut rest)?;
            if m == 0 || rest.ends_with(b"\n") {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&buf)
        .trim_end_matches(['\n', '\r'])
        .to_string();
    Ok(Some((text, whole)))
}

fn csv_error(path: &str, e: csv::Error) -> crate::Error {
    let line = e.position().map(|p| p.line());
    let detail = match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot be read: {io}"),
        _ => e.to_string(),
    };
    match line {
        Some(l) => err!("{path}: line {l}: {detail}"),
        None => err!("{path}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_line_is_cut_and_passed_over() {
        let mut text = "a".repeat(MAX_ROW_BYTES * 2);
        text.push_str("\r\n{\"name\": \"x\"}\nlast");
        let mut r = std::io::Cursor::new(text.into_bytes());
        let (first, whole) = next_line(&mut r).unwrap().unwrap();
        assert!(!whole && first.len() == MAX_ROW_BYTES + 1);
        assert_eq!(
            next_line(&mut r).unwrap(),
            Some(("{\"name\": \"x\"}".into(), true))
        );
        assert_eq!(next_line(&mut r).unwrap(), Some(("last".into(), true)));
        assert_eq!(next_line(&mut r).unwrap(), None);
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("name,dob,country"), b',');
        assert_eq!(sniff_delimiter("Name;Date of Birth;Country"), b';');
        assert_eq!(sniff_delimiter("name\tdob"), b'\t');
        assert_eq!(sniff_delimiter("name|dob|country"), b'|');
        assert_eq!(sniff_delimiter("\"Name, full\";dob"), b';');
        assert_eq!(sniff_delimiter("name"), b',');
    }
}
