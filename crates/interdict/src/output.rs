//! Result shapes of the CLI contract (JSON Lines rows, JSON, CSV, tables) and all-or-nothing
//! output files.

use anyhow::{Context, Result};
pub use interdict_match::report::{round_score, ResultJson};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where output goes: standard output, or a file that only appears once complete.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
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
                w.flush()?;
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

/// Writes a line on standard error, whatever becomes of it: a warning never stops a run, not
/// even when standard error is closed.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Whether an error is, at bottom, a closed pipe (`interdict ... | head`): the reader has all it
/// wanted, so the run ends normally.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

/// A table for the terminal: every column as wide as its widest cell, nothing cut.
pub struct Table {
    rows: Vec<Vec<String>>,
    /// Columns aligned to the right (numbers).
    right: Vec<bool>,
}

impl Table {
    /// A table with these column headers; a header starting with '>' is right-aligned.
    pub fn new(headers: &[&str]) -> Table {
        Table {
            right: headers.iter().map(|h| h.starts_with('>')).collect(),
            rows: vec![headers
                .iter()
                .map(|h| h.trim_start_matches('>').to_string())
                .collect()],
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the table.
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let columns = self.right.len();
        let width = |c: usize| {
            self.rows
                .iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        for r in &self.rows {
            let mut line = String::new();
            for (c, w) in widths.iter().enumerate() {
                let cell = r.get(c).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(w - cell.chars().count());
                if c > 0 {
                    line.push_str("  ");
                }
                if self.right[c] {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if c + 1 < columns {
                        line.push_str(&pad);
                    }
                }
            }
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// A CSV cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return: list data and customer files are untrusted) with a `'` put before
/// it, so that it is shown as text.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
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
