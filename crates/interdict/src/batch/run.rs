//! Screening a whole file: rows read in chunks, screened on every core, written in input order
//! to JSON Lines, JSON, CSV, Parquet or a listing, with a progress bar on a terminal and a
//! summary at the end that counts matches, warnings and rows that could not be screened.
//!
//! ```text
//! InputReader ─► chunk of rows ─► (strict check) ─► search + render on the pool ─► Writer
//!                                                                         └─► Tally ─► summary
//! ```

use super::render::{csv_header, csv_record, out_row, row_json, table_row};
use crate::cli::Format;
use crate::columnar::{self, OutRow, ParquetOut};
use crate::lists::Loaded;
use crate::note;
use crate::output::Sink;
use anyhow::{anyhow, bail, Context, Result};
use interdict_input::{InputReader, InputRow};
use interdict_match::{Hit, SearchOptions};
use interdict_model::written::Order;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// Rows screened together between writes.
const CHUNK: usize = 2048;

/// How a batch runs.
pub struct BatchSettings<'a> {
    /// Search options.
    pub options: &'a SearchOptions,
    /// Output format.
    pub format: Format,
    /// A row with a warning or an error fails the run.
    pub strict: bool,
    /// Worker threads (0: one per core).
    pub threads: usize,
}

/// One row's output, made on a worker thread.
enum Rendered {
    Text(String),
    Row(Box<OutRow>),
}

/// What the rows came to, for the summary.
#[derive(Default)]
struct Tally {
    rows: usize,
    matched: usize,
    with_warnings: usize,
    errors: usize,
    first_warning: Option<String>,
    first_error: Option<String>,
}

impl Tally {
    fn count(&mut self, reader: &InputReader, row: &InputRow, any_match: bool) {
        self.rows += 1;
        self.matched += usize::from(any_match);
        if let Some(e) = &row.error {
            self.errors += 1;
            self.first_error
                .get_or_insert_with(|| format!("{}: {e}", reader.place(row)));
        }
        if let Some(w) = row.warnings.first() {
            self.with_warnings += 1;
            self.first_warning
                .get_or_insert_with(|| format!("{}: {w}", reader.place(row)));
        }
    }
}

/// Where the rendered rows go, in the chosen format.
enum Writer {
    Text {
        sink: Sink,
        format: Format,
        columns: Option<Vec<String>>,
        started: bool,
    },
    Parquet(Box<ParquetOut<Sink>>),
}

impl Writer {
    fn open(format: Format, output: Option<&Path>, columns: Option<Vec<String>>) -> Result<Writer> {
        if format == Format::Parquet {
            columnar::check_destination(output.is_some())?;
            let names = columns.unwrap_or_else(|| vec!["id".into(), "name".into()]);
            let out = ParquetOut::new(Sink::open(output)?, &names)?;
            return Ok(Writer::Parquet(Box::new(out)));
        }
        Ok(Writer::Text {
            sink: Sink::open(output)?,
            format,
            columns,
            started: false,
        })
    }

    /// Writes one chunk's rows, in order.
    fn write(&mut self, rendered: Vec<Rendered>) -> Result<()> {
        match self {
            Writer::Parquet(out) => {
                let rows: Vec<OutRow> = rendered
                    .into_iter()
                    .filter_map(|r| match r {
                        Rendered::Row(r) => Some(*r),
                        Rendered::Text(_) => None,
                    })
                    .collect();
                out.write(&rows)
            }
            Writer::Text {
                sink,
                format,
                columns,
                started,
            } => {
                let w = sink.writer();
                if !*started {
                    match format {
                        Format::Csv => {
                            let mut header = csv::Writer::from_writer(Vec::new());
                            header.write_record(csv_header(columns.as_deref()))?;
                            w.write_all(&header.into_inner().map_err(|e| anyhow!("{e}"))?)?;
                        }
                        Format::Json => w.write_all(b"[\n")?,
                        _ => {}
                    }
                }
                for r in rendered {
                    let Rendered::Text(text) = r else { continue };
                    match format {
                        Format::Csv => w.write_all(text.as_bytes())?,
                        Format::Json if *started => write!(w, ",\n{text}")?,
                        Format::Json => w.write_all(text.as_bytes())?,
                        _ => writeln!(w, "{text}")?,
                    }
                    *started = true;
                }
                *started = true;
                Ok(())
            }
        }
    }

    /// Ends the output (the file appears only now).
    fn finish(self) -> Result<()> {
        match self {
            Writer::Parquet(out) => out.finish()?.finish(),
            Writer::Text {
                mut sink,
                format,
                started,
                ..
            } => {
                if format == Format::Json {
                    let w = sink.writer();
                    if !started {
                        w.write_all(b"[")?;
                    }
                    w.write_all(b"\n]\n")?;
                }
                sink.finish()
            }
        }
    }
}

/// One row in the chosen format.
fn render(
    row: &InputRow,
    hits: &[Hit<'_>],
    format: Format,
    columns: Option<&[String]>,
) -> Rendered {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(csv_record(row, columns, hits));
            Rendered::Text(
                String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default(),
            )
        }
        Format::Table => Rendered::Text(table_row(row, hits)),
        Format::Parquet => Rendered::Row(Box::new(out_row(row, columns, hits))),
        Format::Json | Format::Jsonl => Rendered::Text(row_json(row, hits).to_string()),
    }
}

/// With `--strict`, the first row that has an error or a warning fails the run.
fn check_strict(reader: &InputReader, chunk: &[InputRow]) -> Result<()> {
    let Some(row) = chunk
        .iter()
        .find(|r| r.error.is_some() || !r.warnings.is_empty())
    else {
        return Ok(());
    };
    let what = row
        .error
        .as_deref()
        .or(row.warnings.first().map(String::as_str))
        .unwrap_or_default();
    bail!(
        "{}: {what} (--strict stops at the first row that cannot be screened whole)",
        reader.place(row)
    )
}

/// A progress bar on a terminal only: rows, rows per second and the time left, from the share
/// of the file read.
fn progress_bar(reader: &InputReader) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(reader.progress().1);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {msg} elapsed {elapsed_precise}, about {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// Screens every row of `reader` and writes the results to `output` (standard output if none).
pub fn run_batch(
    mut reader: InputReader,
    loaded: &Loaded,
    s: &BatchSettings<'_>,
    output: Option<&Path>,
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(s.threads)
        .build()
        .context("cannot start worker threads")?;
    let started = Instant::now();
    let columns: Option<Vec<String>> = reader.columns().map(<[String]>::to_vec);
    let mut writer = Writer::open(s.format, output, columns.clone())?;
    let mut tally = Tally::default();
    let bar = progress_bar(&reader);
    loop {
        let chunk = reader.next_chunk(CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        if s.strict {
            check_strict(&reader, &chunk)?;
        }
        let screened: Vec<(Rendered, bool)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|row| {
                    let hits = match row.error {
                        Some(_) => Vec::new(),
                        None => loaded.index.search(&row.query, s.options),
                    };
                    let any = hits.iter().any(|h| h.is_match);
                    (render(row, &hits, s.format, columns.as_deref()), any)
                })
                .collect()
        });
        let mut rendered = Vec::with_capacity(screened.len());
        for (row, (r, any)) in chunk.iter().zip(screened) {
            tally.count(&reader, row, any);
            rendered.push(r);
        }
        writer.write(rendered)?;
        if let Some(bar) = &bar {
            bar.set_position(reader.progress().0);
            bar.set_message(format!(
                "{} rows ({:.0}/s), {} with a match,",
                tally.rows,
                tally.rows as f64 / started.elapsed().as_secs_f64().max(1e-9),
                tally.matched
            ));
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    writer.finish()?;
    summary(&reader, &tally, loaded, started);
    Ok(())
}

/// The summary on standard error: rows, speed, lists, matches, warnings, rows not screened, and
/// how the file was read where that matters.
fn summary(reader: &InputReader, tally: &Tally, loaded: &Loaded, started: Instant) {
    let secs = started.elapsed().as_secs_f64();
    note!(
        "screened {} rows in {secs:.1} s ({:.0} rows/s) against {}: {} with a match",
        tally.rows,
        tally.rows as f64 / secs.max(1e-9),
        loaded.describe(),
        tally.matched
    );
    if let Some(first) = &tally.first_warning {
        note!(
            "warning: {} row(s) were screened with some cells left out; first: {first}",
            tally.with_warnings
        );
    }
    if let Some(first) = &tally.first_error {
        note!(
            "warning: {} row(s) could not be screened (no usable name); first: {first}",
            tally.errors
        );
    }
    for n in &reader.notes.columns {
        note!("note: {n}");
    }
    if let Some(d) = &reader.notes.seen.ambiguous_slashed_date {
        match reader.date_order() {
            Order::DayFirst => note!(
                "note: slashed dates such as '{d}' were read day first (--date-order dmy, the \
                 default); give --date-order mdy if the file writes the month first"
            ),
            Order::MonthFirst => {
                note!("note: slashed dates such as '{d}' were read month first (--date-order mdy)")
            }
        }
    }
    if let (Some(encoding), Some(delimiter)) = (reader.notes.encoding, reader.notes.delimiter) {
        if encoding != "UTF-8" || delimiter != b',' {
            note!(
                "note: read as {encoding} text with '{}' between fields",
                match delimiter {
                    b'\t' => "tab".to_string(),
                    d => (d as char).to_string(),
                }
            );
        }
    }
}
