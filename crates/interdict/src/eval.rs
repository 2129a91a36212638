//! `interdict eval`: screens a labelled file and reports recall, false-positive rate and
//! precision per threshold, with the misses and false alarms explained.

use crate::cli::EvalArgs;
use crate::lists::{self, Loaded};
use crate::note;
use crate::output::Sink;
use anyhow::{bail, Context, Result};
use interdict_eval::metrics::{is_expected, Found, Outcome, Report, THRESHOLDS};
use interdict_input::{InputOptions, InputReader, InputRow};
use interdict_match::{Hit, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::NameKind;
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

/// The column naming the expected reference.
const EXPECTED: &str = "expected_ref";
/// The column grouping rows by default.
const DEFAULT_GROUP: &str = "variant";
/// Results looked at per row: enough to find the expected entry below a wrong top result.
const LIMIT: usize = 10;

/// Runs `eval`.
pub fn run(args: EvalArgs, data_dir: Option<&std::path::Path>) -> Result<()> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be between 0 and 1, got {threshold}");
    }
    let display = args.input.display().to_string();
    let mut reader = InputReader::open(&args.input, &InputOptions::default())?;
    if let Some(columns) = reader.columns() {
        if !columns.iter().any(|c| c == EXPECTED) {
            bail!(
                "{display}: no '{EXPECTED}' column: a labelled file names, per row, the reference \
                 it should find (empty when it should find nothing); found columns: {}",
                columns.join(", ")
            );
        }
        if let Some(g) = &args.group_by {
            if !columns.iter().any(|c| c == g) {
                bail!(
                    "{display}: --by {g}: no such column (found: {})",
                    columns.join(", ")
                );
            }
        }
    }
    let group_column = args.group_by.clone().or_else(|| {
        reader
            .columns()
            .filter(|c| c.iter().any(|c| c == DEFAULT_GROUP))
            .map(|_| DEFAULT_GROUP.to_string())
    });
    let mut rows: Vec<InputRow> = Vec::new();
    loop {
        let chunk = reader.next_chunk(4096)?;
        if chunk.is_empty() {
            break;
        }
        rows.extend(chunk);
    }
    if rows.is_empty() {
        bail!("{display}: no data rows");
    }
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loaded = if args.without_original_script {
        lists::load_with(&args.lists, data_dir, source, |e| {
            e.names.retain(|n| n.kind != NameKind::OriginalScript);
        })?
    } else {
        lists::load(&args.lists, data_dir, source)?
    };
    loaded.warn_if_stale();
    let options = SearchOptions {
        threshold,
        limit: LIMIT,
        min_score: THRESHOLDS[0].min(threshold),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let started = Instant::now();
    let outcomes: Vec<Outcome> = pool.install(|| {
        rows.par_iter()
            .map(|row| outcome(row, &loaded, &options, group_column.as_deref(), args.json))
            .collect()
    });
    let secs = started.elapsed().as_secs_f64();
    let report = Report::new(outcomes, threshold);
    let mut sink = Sink::open(args.output.as_deref())?;
    let w = sink.writer();
    if args.json {
        let doc = serde_json::json!({
            "file": display,
            "lists": loaded.describe(),
            "report": report,
        });
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        writeln!(w)?;
    } else {
        write_text(
            w,
            &display,
            &loaded,
            &report,
            args.show,
            group_column.as_deref(),
        )?;
    }
    sink.finish()?;
    note!(
        "screened {} rows in {secs:.1} s ({:.0} rows/s)",
        report.rows,
        report.rows as f64 / secs.max(1e-9)
    );
    Ok(())
}

fn field<'a>(row: &'a InputRow, name: &str) -> Option<&'a str> {
    row.fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The identifiers by which a labelled row may name a result.
fn identifiers(hit: &Hit<'_>) -> Vec<String> {
    let mut ids = Vec::new();
    let entries = std::iter::once(hit.entity).chain(hit.also_listed.iter().map(|a| a.entity));
    for e in entries {
        let p = &e.provenance;
        ids.push(p.reference.clone());
        ids.push(e.id.clone());
        ids.push(format!("{}:{}", p.list, p.reference));
    }
    ids
}

fn found(hit: &Hit<'_>, correct: bool, with_explanation: bool) -> Found {
    Found {
        list: hit.entity.provenance.list.clone(),
        reference: hit.entity.provenance.reference.clone(),
        caption: hit.entity.caption.clone(),
        matched_name: hit.matched_name.to_string(),
        score: hit.score,
        correct,
        why: hit.explanation.summary.clone(),
        explanation: if with_explanation {
            serde_json::to_value(&hit.explanation).unwrap_or_default()
        } else {
            serde_json::Value::Null
        },
    }
}

fn outcome(
    row: &InputRow,
    loaded: &Loaded,
    options: &SearchOptions,
    group_column: Option<&str>,
    with_explanation: bool,
) -> Outcome {
    let expected: Vec<String> = field(row, EXPECTED)
        .map(|v| {
            v.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let hits = loaded.index.search(&row.query, options);
    let correct: Vec<bool> = hits
        .iter()
        .map(|h| is_expected(&expected, &identifiers(h)))
        .collect();
    let top = hits.first().map(|h| found(h, correct[0], with_explanation));
    let expected_result = hits
        .iter()
        .zip(&correct)
        .skip(1)
        .find(|(_, c)| **c)
        .filter(|_| !correct.first().copied().unwrap_or(false))
        .map(|(h, _)| found(h, true, with_explanation));
    Outcome {
        row: row.row,
        name: row.query.name.clone(),
        expected,
        group: group_column.and_then(|g| field(row, g)).map(str::to_string),
        top,
        expected_result,
    }
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn write_text(
    w: &mut dyn Write,
    file: &str,
    loaded: &Loaded,
    r: &Report,
    show: usize,
    group_column: Option<&str>,
) -> std::io::Result<()> {
    writeln!(
        w,
        "Evaluated {} rows of {file} against {}: {} should find an entry, {} should find none.",
        r.rows,
        loaded.describe(),
        r.positives,
        r.negatives
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "  THRESHOLD  RECALL    FALSE-POS  PRECISION  FOUND  MISSED  FALSE ALARMS  WRONG ENTRY"
    )?;
    for a in &r.thresholds {
        let mark = if (a.threshold - r.threshold).abs() < 1e-6 {
            "*"
        } else {
            " "
        };
        writeln!(
            w,
            "  {:.2} {mark}     {:<9} {:<10} {:<10} {:<6} {:<7} {:<13} {}",
            a.threshold,
            pct(a.recall),
            pct(a.false_positive_rate),
            pct(a.precision),
            a.found,
            a.missed,
            a.false_alarms,
            a.wrong_entry
        )?;
    }
    if !r.groups.is_empty() {
        writeln!(w)?;
        writeln!(
            w,
            "By {} at {:.2}:",
            group_column.unwrap_or(DEFAULT_GROUP),
            r.threshold
        )?;
        writeln!(
            w,
            "  {:<28} {:>7} {:>9} {:>7} {:>9}",
            "GROUP", "SHOULD", "RECALL", "SHOULDN'T", "FALSE-POS"
        )?;
        for g in &r.groups {
            writeln!(
                w,
                "  {:<28} {:>7} {:>9} {:>7} {:>9}",
                g.group,
                g.positives,
                if g.positives > 0 {
                    pct(g.recall)
                } else {
                    "-".into()
                },
                g.negatives,
                if g.negatives > 0 {
                    pct(g.false_positive_rate)
                } else {
                    "-".into()
                }
            )?;
        }
    }
    let limit = if show == 0 { usize::MAX } else { show };
    writeln!(w)?;
    writeln!(
        w,
        "Misses at {:.2}: {}{}",
        r.threshold,
        r.misses.len(),
        shown(r.misses.len(), limit)
    )?;
    for o in r.misses.iter().take(limit) {
        writeln!(
            w,
            "  row {} \"{}\" expected {}",
            o.row,
            o.name,
            o.expected.join(";")
        )?;
        match &o.top {
            None => writeln!(w, "      no result scored {:.2} or more", THRESHOLDS[0])?,
            Some(t) => write_found(w, if t.correct { "found" } else { "top" }, t)?,
        }
        if let Some(e) = &o.expected_result {
            write_found(w, "expected", e)?;
        }
    }
    writeln!(w)?;
    writeln!(
        w,
        "False alarms at {:.2}: {}{}",
        r.threshold,
        r.false_alarms.len(),
        shown(r.false_alarms.len(), limit)
    )?;
    for o in r.false_alarms.iter().take(limit) {
        let expected = if o.expected.is_empty() {
            "nothing".to_string()
        } else {
            o.expected.join(";")
        };
        writeln!(w, "  row {} \"{}\" expected {expected}", o.row, o.name)?;
        if let Some(t) = &o.top {
            write_found(w, "alerted", t)?;
        }
    }
    Ok(())
}

fn shown(total: usize, limit: usize) -> String {
    if total > limit {
        format!(" (first {limit} shown; --show 0 for all)")
    } else {
        String::new()
    }
}

fn write_found(w: &mut dyn Write, label: &str, f: &Found) -> std::io::Result<()> {
    writeln!(
        w,
        "      {label}: {} {} \"{}\" via \"{}\" scored {:.3}",
        f.list, f.reference, f.caption, f.matched_name, f.score
    )?;
    writeln!(w, "        why: {}", f.why)
}
