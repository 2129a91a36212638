//! `interdict screen`: one name to a table or JSON, or a whole file to JSON Lines, JSON, CSV
//! or Parquet.

use crate::batch::{csv_header, csv_record, out_row, row_json, run_batch, BatchSettings};
use crate::cli::{DateOrder, Format, ReadArgs, ScreenArgs, TextEncoding};
use crate::columnar::{self, ParquetOut};
use crate::lists::{self, Loaded};
use crate::output::{cell, ResultJson, Sink};
use anyhow::{anyhow, bail, Result};
use interdict_docs::Encoding;
use interdict_input::{ColumnChoice, InputOptions, InputReader, InputRow};
use interdict_match::{Hit, Query, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::written::Order;
use interdict_model::{CountryCode, Gender, Schema};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// Checked settings of a screening run.
struct Settings {
    options: SearchOptions,
    format: Format,
    /// How the input file is read.
    input: InputOptions,
    /// A row with a warning fails the run.
    strict: bool,
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
    let input = input_options(&args.read)?;
    Ok(Settings {
        options: SearchOptions {
            threshold,
            limit: args.limit,
            min_score: args.min_score.min(threshold),
        },
        format,
        input,
        strict: args.strict,
    })
}

/// How an input file is read, from the command's options.
pub fn input_options(read: &ReadArgs) -> Result<InputOptions> {
    Ok(InputOptions {
        date_order: match read.date_order {
            DateOrder::Dmy => Order::DayFirst,
            DateOrder::Mdy => Order::MonthFirst,
        },
        columns: read
            .columns
            .iter()
            .map(|c| ColumnChoice::parse(c).map_err(anyhow::Error::from))
            .collect::<Result<_>>()?,
        encoding: read.encoding.map(|e| match e {
            TextEncoding::Utf8 => Encoding::Utf8,
            TextEncoding::Windows1252 => Encoding::Windows1252,
            TextEncoding::Utf16Le => Encoding::Utf16Le,
            TextEncoding::Utf16Be => Encoding::Utf16Be,
        }),
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
        let s = settings(&args, true)?;
        let reader = InputReader::open(input, &s.input)?;
        let source = lists::Source::chosen(args.sample, lists::Source::Real);
        let loaded = lists::load(&args.lists, data_dir, source)?;
        loaded.warn_if_stale();
        let batch = BatchSettings {
            options: &s.options,
            format: s.format,
            strict: s.strict,
            threads: args.threads.unwrap_or(0),
        };
        let result = run_batch(reader, &loaded, &batch, args.output.as_deref());
        loaded.release();
        return result;
    }
    let name = args.name.as_deref().unwrap_or_default();
    let s = settings(&args, false)?;
    let query = query_from_args(
        name,
        args.schema.as_deref(),
        args.dob.as_deref(),
        &args.countries,
        &args.ids,
        args.gender.as_deref(),
        s.input.date_order,
    )?;
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
        line: None,
        id: None,
        query: query.clone(),
        extra: Vec::new(),
        fields: vec![("full_name".into(), query.name.clone())],
        warnings: Vec::new(),
        error: None,
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
        write_connections(w, &h.connections)?;
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

/// Most links shown under one result in the readable output (the JSON has them all).
const LINKS_SHOWN: usize = 5;

/// Under a result: its links ("linked to LASHKAR-E-TAYYIBA (QDe.118) as leader"), the path from
/// a party that is not designated to the designation, and a block by ownership.
fn write_connections(
    w: &mut dyn Write,
    c: &interdict_match::Connections<'_>,
) -> std::io::Result<()> {
    if let Some(o) = &c.ownership {
        writeln!(
            w,
            "         BLOCKED BY OWNERSHIP: designated owners hold {}% together",
            o.share
        )?;
        for chain in &o.chains {
            let steps: Vec<String> = chain
                .iter()
                .map(|(e, s)| format!("{s}% by {} ({})", e.caption, e.id))
                .collect();
            writeln!(w, "           {}", steps.join(", which is owned "))?;
        }
    }
    if let Some(path) = &c.designation_path {
        let steps: Vec<String> = path.iter().map(|l| l.phrase()).collect();
        writeln!(
            w,
            "         not designated itself; {}",
            steps.join(", which is ")
        )?;
    }
    for l in c.links.iter().take(LINKS_SHOWN) {
        writeln!(w, "         {}", l.phrase())?;
    }
    if c.links.len() > LINKS_SHOWN {
        writeln!(
            w,
            "         ... and {} more links",
            c.links.len() - LINKS_SHOWN
        )?;
    }
    Ok(())
}

/// Parses the single-name options of `screen` into a query. Given on the command line, a
/// value that cannot be used is an error, not a warning.
fn query_from_args(
    name: &str,
    schema: Option<&str>,
    dob: Option<&str>,
    countries: &[String],
    ids: &[String],
    gender: Option<&str>,
    date_order: Order,
) -> Result<Query> {
    if interdict_names::tokenize(name).is_empty() {
        bail!("empty name: give a name with at least one letter or digit");
    }
    let mut q = Query::name(name);
    if let Some(s) = schema {
        q.schema = Some(s.parse::<Schema>().map_err(|e| anyhow!("--schema: {e}"))?);
    }
    if let Some(d) = dob {
        let cell = interdict_model::written::read_date_cell(d, date_order);
        if let Some(note) = cell.note {
            bail!("--dob: {}", note.message(d));
        }
        q.birth_dates = cell.dates;
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
