//! `interdict screen`: one name to a table or JSON, or a whole file to JSON Lines, JSON, CSV
//! or Parquet.

use crate::batch::{query_from_args, InputReader, InputRow};
use crate::cli::{Format, ScreenArgs};
use crate::columnar::{self, Best, OutRow, ParquetOut};
use crate::lists::{self, Loaded};
use crate::note;
use crate::output::{cell, ResultJson, Sink};
use anyhow::{anyhow, bail, Context, Result};
use interdict_match::{Hit, Query, SearchOptions, DEFAULT_THRESHOLD};
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

/// Rows screened together between writes.
const CHUNK: usize = 2048;

/// Checked settings of a screening run.
struct Settings {
    options: SearchOptions,
    format: Format,
}

fn settings(args: &ScreenArgs, batch: bool) -> Result<Settings> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be between 0 and 1, got {threshold}");
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        bail!(
            "--min-score must be between 0 and 1, got {}",
            args.min_score
        );
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let from_extension = args.output.as_deref().and_then(|p| {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    });
    let format =
        args.format
            .or(from_extension)
            .unwrap_or(if batch { Format::Jsonl } else { Format::Table });
    Ok(Settings {
        options: SearchOptions {
            threshold,
            limit: args.limit,
            min_score: args.min_score.min(threshold),
        },
        format,
    })
}

/// Runs `screen`.
pub fn run(args: ScreenArgs, data_dir: Option<&std::path::Path>) -> Result<()> {
    match (&args.name, &args.input) {
        (Some(_), Some(_)) => bail!("give either a NAME or --input FILE, not both"),
        (None, None) => bail!("nothing to screen: give a NAME or --input FILE"),
        _ => {}
    }
    if let Some(input) = &args.input {
        // Check the input before spending time on the lists.
        let reader = InputReader::open(input)?;
        let s = settings(&args, true)?;
        let source = lists::Source::chosen(args.sample, lists::Source::Real);
        let loaded = lists::load(&args.lists, data_dir, source)?;
        loaded.warn_if_stale();
        let result = run_batch(reader, &loaded, &s, args.output.as_deref(), args.threads);
        loaded.release();
        return result;
    }
    let name = args.name.as_deref().unwrap_or_default();
    let query = query_from_args(
        name,
        args.schema.as_deref(),
        args.dob.as_deref(),
        &args.countries,
        &args.ids,
        args.gender.as_deref(),
    )?;
    let s = settings(&args, false)?;
    let source = lists::Source::chosen(args.sample, lists::Source::RealOrDemo);
    let loaded = lists::load(&args.lists, data_dir, source)?;
    loaded.warn_if_stale();
    let result = screen_one(&query, &s, args.output.as_deref(), &loaded);
    loaded.release();
    result
}

/// Screens one name and writes its results in the chosen format.
fn screen_one(query: &Query, s: &Settings, output: Option<&Path>, loaded: &Loaded) -> Result<()> {
    let hits = loaded.index.search(query, &s.options);
    // The single name as row 0 of a one-column input, for the row-shaped formats.
    let row = InputRow {
        row: 0,
        id: None,
        query: query.clone(),
        extra: Vec::new(),
        fields: vec![("full_name".into(), query.name.clone())],
    };
    if s.format == Format::Parquet {
        columnar::check_destination(output.is_some())?;
        let columns = ["full_name".to_string()];
        let mut out = ParquetOut::new(Sink::open(output)?, &columns)?;
        out.write(&[out_row(&row, Some(&columns), &hits)])?;
        return out.finish()?.finish();
    }
    let mut sink = Sink::open(output)?;
    let w = sink.writer();
    match s.format {
        Format::Parquet => unreachable!("written above"),
        Format::Table => write_table(w, query, &hits, loaded, &s.options),
        Format::Json => {
            let doc = json!({
                "query": query_json(query),
                "results": hits.iter().map(ResultJson::new).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        }
        Format::Jsonl => writeln!(w, "{}", row_json(&row, &hits)),
        Format::Csv => {
            let columns = ["full_name".to_string()];
            let mut csv = csv::Writer::from_writer(w);
            csv.write_record(csv_header(Some(&columns)))?;
            csv.write_record(csv_record(&row, Some(&columns), &hits))?;
            csv.flush()
        }
    }?;
    sink.finish()
}

fn query_json(q: &Query) -> Value {
    json!({
        "name": q.name,
        "schema": q.schema.map(|s| s.as_str()),
        "birth_dates": q.birth_dates.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "countries": q.countries.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        "identifiers": q.identifiers,
    })
}

fn write_table(
    w: &mut dyn Write,
    query: &Query,
    hits: &[Hit<'_>],
    loaded: &Loaded,
    options: &SearchOptions,
) -> std::io::Result<()> {
    writeln!(
        w,
        "Screening \"{}\" against {}; match threshold {:.2}",
        query.name,
        loaded.describe(),
        options.threshold
    )?;
    if hits.is_empty() {
        writeln!(w, "No results scoring {:.2} or more.", options.min_score)?;
        return Ok(());
    }
    writeln!(w)?;
    writeln!(
        w,
        "  {} {} {} {} {} MATCHED NAME",
        cell("SCORE", 6),
        cell("MATCH", 5),
        cell("REF", 10),
        cell("LIST", 14),
        cell("CAPTION", 32),
    )?;
    for h in hits {
        let p = &h.entity.provenance;
        writeln!(
            w,
            "  {} {} {} {} {} {} ({})",
            cell(&format!("{:.3}", h.score), 6),
            cell(if h.is_match { "yes" } else { "no" }, 5),
            cell(&p.reference, 10),
            cell(&p.list, 14),
            cell(&h.entity.caption, 32),
            h.matched_name,
            h.name_kind.label()
        )?;
        writeln!(w, "         why: {}", h.explanation.summary)?;
        for a in &h.also_listed {
            writeln!(
                w,
                "         also listed: {} {} \"{}\" ({:.3})",
                a.entity.provenance.list, a.entity.provenance.reference, a.entity.caption, a.score
            )?;
        }
    }
    let matches = hits.iter().filter(|h| h.is_match).count();
    writeln!(w)?;
    writeln!(
        w,
        "{matches} match{} of {} result{}.",
        if matches == 1 { "" } else { "es" },
        hits.len(),
        if hits.len() == 1 { "" } else { "s" }
    )
}

/// The JSON Lines object for one input row.
fn row_json(row: &InputRow, hits: &[Hit<'_>]) -> Value {
    let mut obj = Map::new();
    obj.insert("row".into(), json!(row.row));
    obj.insert("id".into(), json!(row.id));
    obj.insert(
        "results".into(),
        serde_json::to_value(hits.iter().map(ResultJson::new).collect::<Vec<_>>())
            .unwrap_or(Value::Null),
    );
    if !row.extra.is_empty() {
        let extra: Map<String, Value> = row
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        obj.insert("fields".into(), Value::Object(extra));
    }
    Value::Object(obj)
}

/// CSV output repeats the input's columns when the input is CSV; for other inputs (whose rows
/// may differ in their keys) it gives the row's id and name.
fn csv_header(columns: Option<&[String]>) -> Vec<String> {
    let mut h = vec!["row".to_string()];
    match columns {
        Some(cols) => h.extend(cols.iter().cloned()),
        None => h.extend(["id".to_string(), "name".to_string()]),
    }
    h.extend(["match".to_string(), "score".to_string()]);
    h.extend(columnar::BEST_TEXTS.iter().map(|s| s.to_string()));
    h.push("matches".to_string());
    h
}

/// The input's own cells repeated in CSV and Parquet output: every column of inputs that have
/// fixed columns, else the row's id and name.
fn input_cells(row: &InputRow, columns: Option<&[String]>) -> Vec<String> {
    match columns {
        Some(_) => row.fields.iter().map(|(_, v)| v.clone()).collect(),
        None => vec![row.id.clone().unwrap_or_default(), row.query.name.clone()],
    }
}

/// The Parquet output row: the CSV record's columns, plus every result as JSON.
fn out_row(row: &InputRow, columns: Option<&[String]>, hits: &[Hit<'_>]) -> OutRow {
    let results: Vec<ResultJson> = hits.iter().map(ResultJson::new).collect();
    OutRow {
        row: row.row as u64,
        cells: input_cells(row, columns),
        best: results.first().map(|r| Best {
            is_match: r.is_match,
            score: r.score,
            texts: best_texts(r),
        }),
        matches: results.iter().filter(|r| r.is_match).count() as u32,
        results: serde_json::to_string(&results).unwrap_or_default(),
    }
}

/// The best result's texts, in the order of [`columnar::BEST_TEXTS`].
fn best_texts(r: &ResultJson) -> [String; 6] {
    [
        r.reference,
        r.list,
        r.list_version,
        r.entity_id,
        r.caption,
        r.matched_name,
    ]
    .map(str::to_string)
}

fn csv_record(row: &InputRow, columns: Option<&[String]>, hits: &[Hit<'_>]) -> Vec<String> {
    let mut r = vec![row.row.to_string()];
    r.extend(input_cells(row, columns));
    match hits.first() {
        Some(h) => {
            let best = ResultJson::new(h);
            r.extend([best.is_match.to_string(), best.score.to_string()]);
            r.extend(best_texts(&best));
            r.push(hits.iter().filter(|h| h.is_match).count().to_string());
        }
        None => {
            r.extend(["false".to_string(), String::new()]);
            r.extend(columnar::BEST_TEXTS.map(|_| String::new()));
            r.push("0".to_string());
        }
    }
    r
}

fn run_batch(
    mut reader: InputReader,
    loaded: &Loaded,
    s: &Settings,
    output: Option<&Path>,
    threads: Option<usize>,
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let started = Instant::now();
    let columns: Option<Vec<String>> = reader.columns().map(<[String]>::to_vec);
    let mut parquet = None;
    let mut sink = None;
    if s.format == Format::Parquet {
        columnar::check_destination(output.is_some())?;
        let names = columns
            .clone()
            .unwrap_or_else(|| vec!["id".into(), "name".into()]);
        parquet = Some(ParquetOut::new(Sink::open(output)?, &names)?);
    } else {
        sink = Some(Sink::open(output)?);
    }
    let (mut rows, mut matched) = (0usize, 0usize);
    let mut wrote_csv_header = false;
    let mut first_json = true;
    if s.format == Format::Json {
        if let Some(sink) = &mut sink {
            sink.writer().write_all(b"[\n")?;
        }
    }
    // A progress bar on a terminal only: rows, rows per second and the time left, from the
    // share of the file read.
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(reader.progress().1);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {msg} elapsed {elapsed_precise}, about {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    loop {
        let chunk = reader.next_chunk(CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        let rendered: Vec<(Rendered, bool)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|row| {
                    let hits = loaded.index.search(&row.query, &s.options);
                    let any = hits.iter().any(|h| h.is_match);
                    let out = match s.format {
                        Format::Csv => {
                            let mut w = csv::Writer::from_writer(Vec::new());
                            let _ = w.write_record(csv_record(row, columns.as_deref(), &hits));
                            Rendered::Text(
                                String::from_utf8(w.into_inner().unwrap_or_default())
                                    .unwrap_or_default(),
                            )
                        }
                        Format::Table => Rendered::Text(table_row(row, &hits)),
                        Format::Parquet => Rendered::Row(out_row(row, columns.as_deref(), &hits)),
                        Format::Json | Format::Jsonl => {
                            Rendered::Text(row_json(row, &hits).to_string())
                        }
                    };
                    (out, any)
                })
                .collect()
        });
        if let Some(out) = &mut parquet {
            let mut table = Vec::with_capacity(rendered.len());
            for (r, any) in rendered {
                rows += 1;
                matched += usize::from(any);
                if let Rendered::Row(r) = r {
                    table.push(r);
                }
            }
            out.write(&table)?;
            if let Some(bar) = &bar {
                show_progress(bar, &reader, rows, matched, started);
            }
            continue;
        }
        let Some(sink) = &mut sink else {
            unreachable!("a text sink unless the output is Parquet")
        };
        let w = sink.writer();
        if s.format == Format::Csv && !wrote_csv_header {
            let mut header = csv::Writer::from_writer(Vec::new());
            header.write_record(csv_header(columns.as_deref()))?;
            w.write_all(&header.into_inner().map_err(|e| anyhow!("{e}"))?)?;
            wrote_csv_header = true;
        }
        for (text, any) in rendered {
            let Rendered::Text(text) = text else {
                continue;
            };
            rows += 1;
            matched += usize::from(any);
            match s.format {
                Format::Csv => w.write_all(text.as_bytes()),
                Format::Json => {
                    if !first_json {
                        w.write_all(b",\n")?;
                    }
                    first_json = false;
                    w.write_all(text.as_bytes())
                }
                _ => writeln!(w, "{text}"),
            }?;
        }
        if let Some(bar) = &bar {
            show_progress(bar, &reader, rows, matched, started);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(out) = parquet {
        out.finish()?.finish()?;
    }
    if let Some(mut sink) = sink {
        if s.format == Format::Json {
            sink.writer().write_all(b"\n]\n")?;
        }
        sink.finish()?;
    }
    let secs = started.elapsed().as_secs_f64();
    note!(
        "screened {rows} rows in {secs:.1} s ({:.0} rows/s) against {}: {matched} with a match",
        rows as f64 / secs.max(1e-9),
        loaded.describe()
    );
    if reader.notes.unknown_countries > 0 {
        note!(
            "warning: {} country value(s) were not recognised and were ignored; first: {}",
            reader.notes.unknown_countries,
            reader.notes.first_unknown_country.as_deref().unwrap_or("")
        );
    }
    Ok(())
}

/// One row's output, made on a worker thread.
enum Rendered {
    Text(String),
    Row(OutRow),
}

fn show_progress(
    bar: &indicatif::ProgressBar,
    reader: &InputReader,
    rows: usize,
    matched: usize,
    started: Instant,
) {
    bar.set_position(reader.progress().0);
    bar.set_message(format!(
        "{rows} rows ({:.0}/s), {matched} with a match,",
        rows as f64 / started.elapsed().as_secs_f64().max(1e-9)
    ));
}

fn table_row(row: &InputRow, hits: &[Hit<'_>]) -> String {
    let mut s = format!("row {}: {}", row.row, row.query.name);
    if hits.is_empty() {
        s.push_str("  (no results)");
    }
    for h in hits {
        s.push_str(&format!(
            "\n  {:.3} {} {} {} ({})",
            h.score,
            if h.is_match { "MATCH" } else { "     " },
            h.entity.provenance.reference,
            h.entity.caption,
            h.matched_name
        ));
    }
    s
}
