//! Result shapes of the CLI contract (JSON Lines rows, JSON, CSV, tables) and all-or-nothing
//! output files.

use anyhow::{Context, Result};
use interdict_match::{Explanation, Hit};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// One result as the contract writes it.
#[derive(Debug, Serialize)]
pub struct ResultJson<'a> {
    pub list: &'a str,
    pub list_version: &'a str,
    pub entity_id: &'a str,
    #[serde(rename = "ref")]
    pub reference: &'a str,
    pub schema: &'a str,
    pub caption: &'a str,
    pub matched_name: &'a str,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub explanation: &'a Explanation,
    /// The same target on other lists that link to this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_listed: Vec<AlsoListedJson<'a>>,
}

/// Another list's entry for the same target.
#[derive(Debug, Serialize)]
pub struct AlsoListedJson<'a> {
    pub list: &'a str,
    pub list_version: &'a str,
    pub entity_id: &'a str,
    #[serde(rename = "ref")]
    pub reference: &'a str,
    pub caption: &'a str,
    pub matched_name: &'a str,
    pub score: f64,
}

/// Rounds a score for output (4 decimals keeps the ranking readable without noise).
pub fn round_score(s: f32) -> f64 {
    (f64::from(s) * 10_000.0).round() / 10_000.0
}

impl<'a> ResultJson<'a> {
    pub fn new(h: &'a Hit<'a>) -> Self {
        let p = &h.entity.provenance;
        ResultJson {
            list: &p.list,
            list_version: &p.list_version,
            entity_id: &h.entity.id,
            reference: &p.reference,
            schema: h.entity.schema.as_str(),
            caption: &h.entity.caption,
            matched_name: h.matched_name,
            score: round_score(h.score),
            is_match: h.is_match,
            explanation: &h.explanation,
            also_listed: h
                .also_listed
                .iter()
                .map(|a| AlsoListedJson {
                    list: &a.entity.provenance.list,
                    list_version: &a.entity.provenance.list_version,
                    entity_id: &a.entity.id,
                    reference: &a.entity.provenance.reference,
                    caption: &a.entity.caption,
                    matched_name: a.matched_name,
                    score: round_score(a.score),
                })
                .collect(),
        }
    }
}

/// Where output goes: standard output, or a file that only appears once complete.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Sink {
    /// Opens standard output or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        match path {
            None => Ok(Sink::Stdout(BufWriter::new(std::io::stdout()))),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".interdict-")
                    .suffix(".partial")
                    .tempfile_in(&dir)
                    .with_context(|| format!("{}: cannot create output file", p.display()))?;
                Ok(Sink::File {
                    tmp: BufWriter::new(tmp),
                    path: p.to_path_buf(),
                })
            }
        }
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { tmp, .. } => tmp,
        }
    }

    /// Flushes, and moves a file into place. Dropping a sink without finishing removes the
    /// temporary file, so a failed run leaves nothing half-written.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => {
                w.flush().or_else(ignore_broken_pipe)?;
                Ok(())
            }
            Sink::File { tmp, path } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: cannot write output", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write output", path.display()))?;
                Ok(())
            }
        }
    }
}

/// Treats a closed pipe (`interdict ... | head`) as success.
pub fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

/// Pads or cuts `s` to `width` characters.
pub fn cell(s: &str, width: usize) -> String {
    let count = s.chars().count();
    if count > width {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - count))
    }
}
