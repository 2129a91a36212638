//! `interdict compare`: score two names, or every pair in a CSV file, with explanations.

use crate::cli::CompareArgs;
use crate::output::{round_score, Sink};
use anyhow::{anyhow, bail, Context, Result};
use interdict_match::{compare, Comparison, DEFAULT_THRESHOLD};
use interdict_model::Schema;
use serde_json::json;
use std::io::Write;

fn comparison_json(row: usize, c: &Comparison, threshold: f32) -> serde_json::Value {
    json!({
        "row": row,
        "score": round_score(c.score),
        "match": c.score >= threshold,
        "explanation": c.explanation,
    })
}

fn parse_schema(text: Option<&str>, what: &str) -> Result<Option<Schema>> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<Schema>()
            .map(Some)
            .map_err(|e| anyhow!("{what}: {e}")),
    }
}

/// Runs `compare`.
pub fn run(args: CompareArgs) -> Result<()> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be between 0 and 1, got {threshold}");
    }
    let schema = parse_schema(args.schema.as_deref(), "--schema")?;
    match (&args.input, &args.a, &args.b) {
        (Some(input), None, None) => run_file(input, args.output.as_deref(), schema, threshold),
        (None, Some(a), Some(b)) => {
            for (name, which) in [(a, "NAME_A"), (b, "NAME_B")] {
                if interdict_names::tokenize(name).is_empty() {
                    bail!("{which} is empty: give a name with at least one letter or digit");
                }
            }
            let c = compare(a, b, schema);
            let mut sink = Sink::open(args.output.as_deref())?;
            let w = sink.writer();
            if args.json {
                writeln!(w, "{}", comparison_json(0, &c, threshold))
            } else {
                write_text(w, &c, threshold)
            }?;
            sink.finish()
        }
        (Some(_), _, _) => bail!("give either two names or --input FILE, not both"),
        _ => bail!("give two names (NAME_A NAME_B) or --input PAIRS.csv"),
    }
}

fn write_text(w: &mut dyn Write, c: &Comparison, threshold: f32) -> std::io::Result<()> {
    let e = &c.explanation;
    writeln!(
        w,
        "\"{}\" vs \"{}\": score {:.3} ({} at threshold {:.2})",
        e.query,
        e.matched,
        c.score,
        if c.score >= threshold {
            "match"
        } else {
            "no match"
        },
        threshold
    )?;
    for p in &e.pairs {
        writeln!(
            w,
            "  {:<20} = {:<20} {:.2}  {}",
            p.query, p.listed, p.score, p.rule
        )?;
    }
    if !e.unmatched_query.is_empty() {
        writeln!(w, "  only in the first:  {}", e.unmatched_query.join(" "))?;
    }
    if !e.unmatched_listed.is_empty() {
        writeln!(w, "  only in the second: {}", e.unmatched_listed.join(" "))?;
    }
    for n in &e.notes {
        writeln!(w, "  note: {n}")?;
    }
    Ok(())
}

fn run_file(
    input: &std::path::Path,
    output: Option<&std::path::Path>,
    schema: Option<Schema>,
    threshold: f32,
) -> Result<()> {
    let display = input.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .from_path(input)
        .with_context(|| format!("{display}: cannot read input"))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow!("{display}: line 1: {e}"))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(a), Some(b)) = (
        col(&["name1", "name_a", "a"]),
        col(&["name2", "name_b", "b"]),
    ) else {
        bail!(
            "{display}: expected columns 'name1' and 'name2' (and optionally 'schema'); found: {}",
            headers.join(", ")
        );
    };
    let schema_col = col(&["schema"]);
    let mut sink = Sink::open(output)?;
    for (row, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            anyhow!("{display}: line {line}: {e}")
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let at = format!("{display}: row {} (line {line})", row + 1);
        let (na, nb) = (rec.get(a).unwrap_or(""), rec.get(b).unwrap_or(""));
        if interdict_names::tokenize(na).is_empty() || interdict_names::tokenize(nb).is_empty() {
            bail!("{at}: empty name");
        }
        let s = match parse_schema(schema_col.and_then(|i| rec.get(i)), &at)? {
            Some(s) => Some(s),
            None => schema,
        };
        let c = compare(na, nb, s);
        writeln!(sink.writer(), "{}", comparison_json(row, &c, threshold))?;
    }
    sink.finish()
}
