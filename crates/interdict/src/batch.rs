//! Reading customer files (CSV with a header, JSON Lines or Parquet) into screening queries,
//! row by row, with errors that name the file, row and line.

use crate::columnar::{self, ParquetRows};
use crate::note;
use anyhow::{anyhow, bail, Context, Result};
use interdict_match::Query;
use interdict_model::{CountryCode, Gender, PartialDate, Schema};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One input row turned into a query.
#[derive(Debug, Clone)]
pub struct InputRow {
    /// 0-based row number (data rows only).
    pub row: usize,
    /// The row's own identifier (`id` column), if any.
    pub id: Option<String>,
    /// The query built from it.
    pub query: Query,
    /// Columns interdict does not use, carried through to the output.
    pub extra: Vec<(String, String)>,
    /// All columns as read, for CSV output.
    pub fields: Vec<(String, String)>,
}

/// Something in a row that was ignored rather than refused.
#[derive(Debug, Default)]
pub struct Notes {
    pub unknown_countries: usize,
    pub first_unknown_country: Option<String>,
}

/// How a column is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    FullName,
    First,
    Middle,
    Last,
    Schema,
    Gender,
    Dob,
    PlaceOfBirth,
    Country,
    IdNumber,
    RowId,
    Extra,
}

fn role_of(header: &str) -> Role {
    let h: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    match h.as_str() {
        "full_name" | "name" | "fullname" => Role::FullName,
        "first_name" | "firstname" | "given_name" => Role::First,
        "middle_name" | "middlename" => Role::Middle,
        "last_name" | "lastname" | "surname" | "family_name" => Role::Last,
        "schema" | "type" | "entity_type" => Role::Schema,
        "gender" | "sex" => Role::Gender,
        "date_of_birth" | "dob" | "birth_date" | "birthdate" => Role::Dob,
        "place_of_birth" | "birth_place" | "pob" => Role::PlaceOfBirth,
        "nationality" | "country" | "citizenship" | "nationalities" => Role::Country,
        "id_number" | "passport_number" | "national_id" | "passport" | "id_numbers" => {
            Role::IdNumber
        }
        "id" => Role::RowId,
        _ => Role::Extra,
    }
}

/// A source of input rows.
pub struct InputReader {
    path: String,
    kind: Kind,
    row: usize,
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

enum Kind {
    Csv {
        reader: csv::Reader<Box<dyn Read + Send>>,
        headers: Vec<String>,
        roles: Vec<Role>,
    },
    Jsonl {
        lines: std::io::Lines<BufReader<Counting<File>>>,
        line: usize,
    },
    Parquet {
        rows: Box<ParquetRows>,
        roles: Vec<Role>,
    },
}

/// Refuses a header without a name column, listing the columns found.
fn require_name(display: &str, headers: &[String], roles: &[Role]) -> Result<()> {
    let has_name = roles
        .iter()
        .any(|r| matches!(r, Role::FullName | Role::First | Role::Last));
    if !has_name {
        bail!(
            "{display}: no name column: expected a column 'full_name' or 'name' (or \
             'first_name'/'last_name'); found columns: {}",
            headers.join(", ")
        );
    }
    Ok(())
}

impl InputReader {
    /// Opens a CSV, JSON Lines or Parquet file, recognised by its extension or, failing that,
    /// its content.
    pub fn open(path: &Path) -> Result<InputReader> {
        let display = path.display().to_string();
        let mut head = vec![0u8; 8192];
        let n = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .with_context(|| format!("{display}: cannot read input"))?;
        head.truncate(n);
        if head.iter().all(u8::is_ascii_whitespace) {
            bail!("{display}: input file is empty");
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "parquet" | "pq") || head.starts_with(columnar::MAGIC) {
            return Self::open_parquet(path, display);
        }
        if head.contains(&0) {
            bail!(
                "{display}: not a text file; expected CSV with a header row, JSON Lines or Parquet"
            );
        }
        let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
        let jsonl = match ext.as_str() {
            "jsonl" | "ndjson" | "json" => true,
            "csv" | "tsv" | "txt" => false,
            _ => first == Some(b'{'),
        };
        let file = File::open(path).with_context(|| format!("{display}: cannot read input"))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let read = Arc::new(AtomicU64::new(0));
        let file = Counting {
            inner: file,
            read: read.clone(),
        };
        let kind = if jsonl {
            Kind::Jsonl {
                lines: BufReader::new(file).lines(),
                line: 0,
            }
        } else {
            let delimiter = if ext == "tsv" { b'\t' } else { b',' };
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(false)
                .from_reader(Box::new(file) as Box<dyn Read + Send>);
            let raw = reader
                .byte_headers()
                .map_err(|e| csv_error(&display, e))?
                .clone();
            let mut headers = Vec::with_capacity(raw.len());
            for (i, h) in raw.iter().enumerate() {
                let h = std::str::from_utf8(h).map_err(|_| {
                    anyhow!(
                        "{display}: line 1: column {} of the header is not valid UTF-8",
                        i + 1
                    )
                })?;
                headers.push(h.trim().trim_start_matches('\u{feff}').to_string());
            }
            let roles: Vec<Role> = headers.iter().map(|h| role_of(h)).collect();
            require_name(&display, &headers, &roles)?;
            Kind::Csv {
                reader,
                headers,
                roles,
            }
        };
        Ok(InputReader {
            path: display,
            kind,
            row: 0,
            notes: Notes::default(),
            read,
            size,
        })
    }

    fn open_parquet(path: &Path, display: String) -> Result<InputReader> {
        let rows = ParquetRows::open(path, &display)?;
        let roles: Vec<Role> = rows.headers.iter().map(|h| role_of(h)).collect();
        require_name(&display, &rows.headers, &roles)?;
        if !rows.skipped.is_empty() {
            note!(
                "warning: {display}: columns without text left out: {}",
                rows.skipped.join(", ")
            );
        }
        Ok(InputReader {
            path: display,
            size: rows.total,
            kind: Kind::Parquet {
                rows: Box::new(rows),
                roles,
            },
            row: 0,
            notes: Notes::default(),
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

    fn next_row(&mut self) -> Result<Option<InputRow>> {
        let path = self.path.clone();
        let (fields, line) = match &mut self.kind {
            Kind::Csv {
                reader, headers, ..
            } => {
                let mut rec = csv::ByteRecord::new();
                match reader.read_byte_record(&mut rec) {
                    Ok(false) => return Ok(None),
                    Ok(true) => {}
                    Err(e) => return Err(csv_error(&path, e)),
                }
                let line = rec.position().map_or(0, |p| p.line());
                let mut fields = Vec::with_capacity(rec.len());
                for (i, value) in rec.iter().enumerate() {
                    let v = std::str::from_utf8(value).map_err(|_| {
                        anyhow!(
                            "{path}: row {} (line {line}): column '{}' is not valid UTF-8 (save the file as UTF-8)",
                            self.row + 1,
                            headers[i]
                        )
                    })?;
                    fields.push((headers[i].clone(), v.to_string()));
                }
                (fields, Some(line))
            }
            Kind::Jsonl { lines, line } => {
                let text = loop {
                    match lines.next() {
                        None => return Ok(None),
                        Some(Err(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                            bail!(
                                "{path}: line {}: not valid UTF-8 (save the file as UTF-8)",
                                *line + 1
                            )
                        }
                        Some(Err(e)) => {
                            return Err(anyhow!(e).context(format!("{path}: cannot read input")))
                        }
                        Some(Ok(t)) => {
                            *line += 1;
                            if !t.trim().is_empty() {
                                break t;
                            }
                        }
                    }
                };
                let value: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|e| anyhow!("{path}: line {}: not valid JSON: {e}", *line))?;
                let serde_json::Value::Object(map) = value else {
                    bail!("{path}: line {}: expected a JSON object per line", *line);
                };
                let mut fields = Vec::with_capacity(map.len());
                for (k, v) in map {
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
                    fields.push((k, s));
                }
                (fields, Some(*line as u64))
            }
            Kind::Parquet { rows, .. } => {
                let Some(cells) = rows.next_row()? else {
                    return Ok(None);
                };
                (rows.headers.iter().cloned().zip(cells).collect(), None)
            }
        };
        let row = self.row;
        self.row += 1;
        let roles: Vec<Role> = match &self.kind {
            Kind::Csv { roles, .. } | Kind::Parquet { roles, .. } => roles.clone(),
            Kind::Jsonl { .. } => fields.iter().map(|(k, _)| role_of(k)).collect(),
        };
        let at = match line {
            Some(line) => format!("{path}: row {} (line {line})", row + 1),
            None => format!("{path}: row {}", row + 1),
        };
        build_row(row, fields, &roles, &at, &mut self.notes).map(Some)
    }
}

fn csv_error(path: &str, e: csv::Error) -> anyhow::Error {
    let line = e.position().map(|p| p.line());
    let detail = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 (save the file as UTF-8)".to_string(),
        _ => e.to_string(),
    };
    match line {
        Some(l) => anyhow!("{path}: line {l}: {detail}"),
        None => anyhow!("{path}: {detail}"),
    }
}

fn build_row(
    row: usize,
    fields: Vec<(String, String)>,
    roles: &[Role],
    at: &str,
    notes: &mut Notes,
) -> Result<InputRow> {
    let mut full = String::new();
    let (mut first, mut middle, mut last) = (String::new(), String::new(), String::new());
    let mut query = Query::default();
    let mut id = None;
    let mut extra = Vec::new();
    for ((key, value), role) in fields.iter().zip(roles) {
        let v = value.trim();
        match role {
            Role::FullName => full = v.to_string(),
            Role::First => first = v.to_string(),
            Role::Middle => middle = v.to_string(),
            Role::Last => last = v.to_string(),
            Role::Schema if !v.is_empty() => {
                query.schema = Some(
                    v.parse::<Schema>()
                        .map_err(|e| anyhow!("{at}: column '{key}': {e}"))?,
                );
            }
            Role::Gender if !v.is_empty() => query.gender = Gender::parse(v),
            Role::Dob if !v.is_empty() => {
                for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    let d = PartialDate::parse(part)
                        .map_err(|e| anyhow!("{at}: column '{key}': {e}"))?;
                    query.birth_dates.push(d);
                }
            }
            Role::Country if !v.is_empty() => {
                for part in v.split([';', '|']).map(str::trim).filter(|p| !p.is_empty()) {
                    match CountryCode::resolve(part) {
                        Some(c) => {
                            if !query.countries.contains(&c) {
                                query.countries.push(c);
                            }
                        }
                        None => {
                            notes.unknown_countries += 1;
                            notes
                                .first_unknown_country
                                .get_or_insert_with(|| format!("{at}: '{part}'"));
                        }
                    }
                }
            }
            Role::IdNumber if !v.is_empty() => query.identifiers.extend(
                v.split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            ),
            Role::RowId if !v.is_empty() => id = Some(v.to_string()),
            Role::Extra => extra.push((key.clone(), value.clone())),
            _ => {}
        }
    }
    // Only people have given names, family names and a gender.
    let personal = !first.is_empty() || !last.is_empty() || query.gender.is_some();
    if query.schema.is_none() && personal {
        query.schema = Some(Schema::Person);
    }
    query.name = if !full.is_empty() {
        full
    } else {
        [first, middle, last]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if interdict_names::tokenize(&query.name).is_empty() {
        bail!("{at}: empty name: the name columns hold no letters or digits");
    }
    Ok(InputRow {
        row,
        id,
        query,
        extra,
        fields,
    })
}

/// Parses the single-name options of `screen` into a query.
pub fn query_from_args(
    name: &str,
    schema: Option<&str>,
    dob: Option<&str>,
    countries: &[String],
    ids: &[String],
    gender: Option<&str>,
) -> Result<Query> {
    if interdict_names::tokenize(name).is_empty() {
        bail!("empty name: give a name with at least one letter or digit");
    }
    let mut q = Query::name(name);
    if let Some(s) = schema {
        q.schema = Some(s.parse::<Schema>().map_err(|e| anyhow!("--schema: {e}"))?);
    }
    if let Some(d) = dob {
        q.birth_dates
            .push(PartialDate::parse(d).map_err(|e| anyhow!("--dob: {e}"))?);
    }
    for c in countries {
        let code = CountryCode::resolve(c).ok_or_else(|| {
            anyhow!("--country: '{c}' is not a country (use an ISO code such as 'pk' or a name)")
        })?;
        q.countries.push(code);
    }
    q.identifiers = ids.to_vec();
    if let Some(g) = gender {
        q.gender =
            Some(Gender::parse(g).ok_or_else(|| anyhow!("--gender: '{g}' is not male or female"))?);
    }
    Ok(q)
}
