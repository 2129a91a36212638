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
