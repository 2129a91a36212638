//! `interdict payments`: screens payment messages field by field (`interdict-payments`) and
//! prints each message's decision with its hits, readable or as JSON Lines. A message that
//! cannot be read is reported with its place and the others are still screened; the command
//! then ends with status 1.

use crate::cli::{PaymentsArgs, PaymentsFormat};
use crate::lists;
use crate::note;
use crate::output::Sink;
use anyhow::{bail, Result};
use interdict_match::DEFAULT_THRESHOLD;
use interdict_payments::{read_path, screen, Message, Screened, ScreeningOptions};
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

/// Messages screened at once (in parallel, written in order).
const CHUNK: usize = 512;

/// Runs `payments`.
pub fn run(args: PaymentsArgs, data_dir: Option<&std::path::Path>) -> Result<()> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let min_score = args.min_score.unwrap_or(threshold);
    for (what, v) in [("--threshold", threshold), ("--min-score", min_score)] {
        if !(0.0..=1.0).contains(&v) {
            bail!("{what} must be between 0 and 1, got {v}");
        }
    }
    let mut inputs = Vec::new();
    for path in &args.messages {
        inputs.push(read_path(path)?);
    }
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loaded = lists::load(&args.lists, data_dir, source)?;
    loaded.warn_if_stale();
    let options = ScreeningOptions {
        threshold,
        min_score,
        ..ScreeningOptions::default()
    };
    let mut out = Output {
        sink: Sink::open(args.output.as_deref())?,
        format: args.format,
        chunk: Vec::with_capacity(CHUNK),
        tally: Tally::default(),
    };
    let started = Instant::now();
    for read in inputs.into_iter().flatten() {
        match read {
            Ok(m) => out.chunk.push(m),
            Err(e) => out.unreadable(&loaded, &options, &e)?,
        }
        if out.chunk.len() == CHUNK {
            out.flush(&loaded, &options)?;
        }
    }
    out.flush(&loaded, &options)?;
    let Output { sink, tally, .. } = out;
    sink.finish()?;
    let secs = started.elapsed().as_secs_f64();
    note!(
        "{} message(s) screened in {secs:.2} s: {} held, {} passed{}",
        tally.held + tally.passed,
        tally.held,
        tally.passed,
        match tally.unreadable {
            0 => String::new(),
            n => format!(", {n} could not be read"),
        }
    );
    loaded.release();
    if tally.unreadable > 0 {
        bail!(
            "{} message(s) could not be read (see above)",
            tally.unreadable
        );
    }
    Ok(())
}

/// What the run did.
#[derive(Default)]
struct Tally {
    held: usize,
    passed: usize,
    unreadable: usize,
}

/// Where screened messages go: the messages gathered for the next parallel round, written in
/// order, and the tally.
struct Output {
    sink: Sink,
    format: PaymentsFormat,
    chunk: Vec<Message>,
    tally: Tally,
}

impl Output {
    /// Screens the messages gathered so far, in parallel, and writes them in order.
    fn flush(&mut self, loaded: &lists::Loaded, options: &ScreeningOptions) -> Result<()> {
        let screened: Vec<Screened> = self
            .chunk
            .par_iter()
            .map(|m| screen(&loaded.index, m, options))
            .collect();
        self.chunk.clear();
        let w = self.sink.writer();
        for s in &screened {
            if s.decision == "hold" {
                self.tally.held += 1;
            } else {
                self.tally.passed += 1;
            }
            match self.format {
                PaymentsFormat::Jsonl => writeln!(w, "{}", serde_json::to_string(s)?)?,
                PaymentsFormat::Table => write_table(w, s)?,
            }
        }
        Ok(())
    }

    /// A message that could not be read: said on standard error and, in JSON Lines, in its
    /// place after the messages before it.
    fn unreadable(
        &mut self,
        loaded: &lists::Loaded,
        options: &ScreeningOptions,
        e: &interdict_payments::Error,
    ) -> Result<()> {
        self.flush(loaded, options)?;
        self.tally.unreadable += 1;
        note!("error: {e}");
        if self.format == PaymentsFormat::Jsonl {
            let line = serde_json::json!({"error": e.to_string()});
            writeln!(self.sink.writer(), "{line}")?;
        }
        Ok(())
    }
}

/// One message, readable: its decision, then a line per hit.
fn write_table(w: &mut dyn Write, s: &Screened) -> std::io::Result<()> {
    writeln!(
        w,
        "{}  {}  {} ({}){}",
        s.decision.to_uppercase(),
        s.message_id.as_deref().unwrap_or("(no id)"),
        s.format,
        s.file,
        if s.transaction_ids.is_empty() {
            String::new()
        } else {
            format!(" transactions {}", s.transaction_ids.join(", "))
        }
    )?;
    for h in &s.hits {
        writeln!(
            w,
            "  {:.3} {} {:<28} '{}' -> {} ({} {})  at {}",
            h.score,
            if h.is_match { "MATCH" } else { "     " },
            h.field,
            h.text,
            h.caption,
            h.list,
            h.reference,
            h.path
        )?;
    }
    Ok(())
}
