//! `interdict lists ...`: import, fetch, status, versions, diff, activate, remove, prune.

use crate::cli::ListsCommand;
use crate::output::{cell, ignore_broken_pipe, Sink};
use anyhow::{bail, Context, Result};
use interdict_lists::fetch::{fetch, FetchOptions, Fetched};
use interdict_lists::{registry, InputFile};
use interdict_store::{Diff, ImportOptions, ImportOutcome, ImportStatus, Store};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The data directory to use: the one given, or the default.
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf> {
    match given {
        Some(d) => Ok(d.to_path_buf()),
        None => interdict_store::default_data_dir().context(
            "no data directory: set --data-dir or INTERDICT_DATA (no home folder was found)",
        ),
    }
}

/// Runs a `lists` subcommand.
pub fn run(command: ListsCommand, data_dir: &Path) -> Result<()> {
    let mut store = Store::open(data_dir)?;
    match command {
        ListsCommand::Import {
            files,
            source,
            force,
        } => {
            let mut inputs = Vec::new();
            for f in &files {
                inputs.extend(interdict_lists::input::read_path(f)?);
            }
            let options = ImportOptions {
                source,
                force,
                origin: String::new(),
                expected_format: None,
            };
            let outcomes = store.import(inputs, &options)?;
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            report(&outcomes)
        }
        ListsCommand::Fetch {
            sources,
            force,
            timeout,
            retries,
            from,
        } => {
            if from.is_some() && sources.len() != 1 {
                bail!("--from names one address: give exactly one SOURCE with it");
            }
            let options = FetchOptions {
                total_timeout: Duration::from_secs(timeout),
                attempts: retries.max(1),
                ..FetchOptions::default()
            };
            let fetched = fetch_sources(&mut store, &sources, force, &options, from.as_deref());
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            fetched
        }
        ListsCommand::Status { json } => status(&store, json),
        ListsCommand::Versions { source } => {
            let versions = store.versions(source.as_deref())?;
            if versions.is_empty() {
                println!("No versions stored in {}.", data_dir.display());
            }
            println!(
                "{} {} {} {} {} ORIGIN",
                cell("SOURCE", 14),
                cell("VERSION", 28),
                cell("ENTRIES", 8),
                cell("IMPORTED", 21),
                cell("ACTIVE", 6)
            );
            for v in versions {
                println!(
                    "{} {} {:>8} {} {} {}",
                    cell(&v.source, 14),
                    cell(&v.label, 28),
                    v.entities,
                    cell(&v.imported_at, 21),
                    cell(if v.active { "yes" } else { "" }, 6),
                    v.origin
                );
            }
            Ok(())
        }
        ListsCommand::Diff {
            source,
            old,
            new,
            json,
        } => {
            let source = match source {
                Some(s) => s,
                None => {
                    let all = store.status()?;
                    match all.as_slice() {
                        [one] => one.source.clone(),
                        [] => bail!("no lists imported in {}", data_dir.display()),
                        many => bail!(
                            "several sources are imported ({}); name the one to compare",
                            many.iter()
                                .map(|s| s.source.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    }
                }
            };
            let diff = store.diff(&source, old.as_deref(), new.as_deref())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&diff)?);
            } else {
                print_diff(&diff);
            }
            Ok(())
        }
        ListsCommand::Activate { source, version } => {
            let v = store.activate(&source, &version)?;
            println!(
                "{source}: version {} ({} entries) is now active",
                v.label, v.entities
            );
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            Ok(())
        }
        ListsCommand::Remove { source, version } => {
            let v = store.remove(&source, &version)?;
            println!("{source}: removed version {}", v.label);
            Ok(())
        }
        ListsCommand::Prune { source, keep } => {
            if keep == 0 {
                bail!("--keep must be at least 1");
            }
            let removed = store.prune(source.as_deref(), keep)?;
            for v in &removed {
                println!("removed {} {}", v.source, v.label);
            }
            println!("{} version(s) removed", removed.len());
            Ok(())
        }
        ListsCommand::Sources => {
            for s in registry::SOURCES {
                println!("{} {} {}", cell(s.name, 14), cell(s.authority, 58), s.url);
            }
            Ok(())
        }
        ListsCommand::Export { lists, output } => export(&store, &lists, output.as_deref()),
    }
}

/// Writes entities as FollowTheMoney JSON lines.
fn export(store: &Store, lists: &[PathBuf], output: Option<&Path>) -> Result<()> {
    let parsed = if lists.is_empty() {
        let active = store.load_active()?;
        if active.is_empty() {
            bail!("no lists imported: give --list FILE or run `interdict lists import` first");
        }
        active
    } else {
        let mut all = Vec::new();
        for l in lists {
            all.extend(interdict_lists::load(l)?);
        }
        all
    };
    let mut sink = Sink::open(output)?;
    let w = sink.writer();
    let mut count = 0usize;
    for list in &parsed {
        for e in &list.entities {
            writeln!(w, "{}", interdict_lists::ftm_out::to_ftm(e)).or_else(ignore_broken_pipe)?;
            count += 1;
        }
    }
    sink.finish()?;
    eprintln!("exported {count} entities from {} list(s)", parsed.len());
    Ok(())
}

/// Prints import outcomes; fails if any list was refused.
fn report(outcomes: &[ImportOutcome]) -> Result<()> {
    let mut refused = 0;
    for o in outcomes {
        let before = o
            .previous
            .as_ref()
            .map(|(l, n)| format!(" (active before: {l} with {n})"))
            .unwrap_or_default();
        let warnings = if o.warnings > 0 {
            format!("; {} warning(s) while reading", o.warnings)
        } else {
            String::new()
        };
        match &o.status {
            ImportStatus::Imported { activated } => println!(
                "imported {} {}: {} entries{before}{}{warnings}",
                o.source,
                o.label,
                o.entities,
                if *activated {
                    ", now active"
                } else {
                    "; not activated because a later version is active (use `lists activate`)"
                }
            ),
            ImportStatus::Unchanged => println!(
                "unchanged {} {}: this content is already stored",
                o.source, o.label
            ),
            ImportStatus::Refused(reason) => {
                refused += 1;
                eprintln!("refused {}: {reason}", o.source);
            }
        }
    }
    if refused > 0 {
        bail!("{refused} list(s) refused; the active versions are unchanged");
    }
    Ok(())
}

fn status(store: &Store, json: bool) -> Result<()> {
    let all = store.status()?;
    if json {
        let rows: Vec<serde_json::Value> = all
            .iter()
            .map(|s| {
                serde_json::json!({
                    "source": s.source,
                    "format": s.format,
                    "versions": s.versions,
                    "active": s.active.as_ref().map(|a| serde_json::json!({
                        "version": a.label, "published": a.published, "entities": a.entities,
                        "imported_at": a.imported_at, "checksum": a.checksum, "origin": a.origin,
                    })),
                    "age_days": s.age_days,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if all.is_empty() {
        println!("No lists imported in {}. Use `interdict lists fetch` or `interdict lists import FILE`.", store.dir().display());
        return Ok(());
    }
    println!(
        "{} {} {} {} {} {} CHECKSUM",
        cell("SOURCE", 14),
        cell("ACTIVE VERSION", 28),
        cell("ENTRIES", 8),
        cell("AGE", 7),
        cell("VERSIONS", 8),
        cell("FORMAT", 18)
    );
    for s in &all {
        let (label, entities, checksum) = match &s.active {
            Some(a) => (
                a.label.clone(),
                a.entities.to_string(),
                a.checksum[..12].to_string(),
            ),
            None => ("(none active)".into(), String::new(), String::new()),
        };
        let age = s.age_days.map(|d| format!("{d} d")).unwrap_or_default();
        println!(
            "{} {} {:>8} {:>7} {:>8} {} {checksum}",
            cell(&s.source, 14),
            cell(&label, 28),
            entities,
            age,
            s.versions,
            cell(&s.format, 18)
        );
    }
    Ok(())
}

fn print_diff(d: &Diff) {
    println!(
        "{} {} -> {}: {} added, {} removed, {} changed",
        d.source,
        d.old,
        d.new,
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    );
    for e in &d.added {
        println!(
            "  added    {} {} ({})",
            cell(&e.reference, 12),
            e.caption,
            e.schema
        );
    }
    for e in &d.removed {
        println!(
            "  removed  {} {} ({})",
            cell(&e.reference, 12),
            e.caption,
            e.schema
        );
    }
    for c in &d.changed {
        println!(
            "  changed  {} {}",
            cell(&c.entity.reference, 12),
            c.entity.caption
        );
        for f in &c.fields {
            for v in &f.removed {
                println!("             {}: - {v}", f.field);
            }
            for v in &f.added {
                println!("             {}: + {v}", f.field);
            }
        }
    }
}

/// Fetches the named sources (all if none), importing what is new. Network failures are
/// reported per source and leave that source unchanged.
fn fetch_sources(
    store: &mut Store,
    names: &[String],
    force: bool,
    base: &FetchOptions,
    from: Option<&str>,
) -> Result<()> {
    let chosen: Vec<&registry::Source> = if names.is_empty() {
        registry::SOURCES.iter().collect()
    } else {
        let mut out = Vec::new();
        for n in names {
            out.push(registry::source(n).with_context(|| {
                format!(
                    "unknown source '{n}' (known: {})",
                    registry::SOURCES
                        .iter()
                        .map(|s| s.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?);
        }
        out
    };
    let mut failures = Vec::new();
    for s in chosen {
        let url = from.unwrap_or(s.url);
        // Ask "changed since?" only for the address the stored version came from.
        let has_version = store.active_version(s.name)?.is_some();
        let state = store
            .fetch_state(s.name)?
            .filter(|f| has_version && f.url == url);
        let options = FetchOptions {
            etag: state.as_ref().and_then(|f| f.etag.clone()),
            last_modified: state.as_ref().and_then(|f| f.last_modified.clone()),
            ..base.clone()
        };
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:14} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message(s.name);
            bar
        });
        let mut progress = |done: u64, total: Option<u64>| {
            if let Some(b) = &bar {
                if let Some(t) = total {
                    b.set_length(t);
                }
                b.set_position(done);
            }
        };
        let result = fetch(url, &options, &mut progress);
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        match result {
            Ok(Fetched::NotModified) => {
                println!("not modified {}: the active version is current", s.name)
            }
            Ok(Fetched::Body {
                bytes,
                etag,
                last_modified,
            }) => {
                let file = InputFile {
                    name: s.file_name.to_string(),
                    bytes,
                };
                let options = ImportOptions {
                    source: Some(s.name.to_string()),
                    force,
                    origin: url.to_string(),
                    expected_format: Some(s.format.to_string()),
                };
                match store.import(vec![file], &options) {
                    Ok(outcomes) => {
                        let refused = outcomes
                            .iter()
                            .any(|o| matches!(o.status, ImportStatus::Refused(_)));
                        if !refused {
                            store.set_fetch_state(
                                s.name,
                                url,
                                etag.as_deref(),
                                last_modified.as_deref(),
                            )?;
                        }
                        if let Err(e) = report(&outcomes) {
                            failures.push(format!("{}: {e:#}", s.name));
                        }
                    }
                    Err(e) => {
                        eprintln!("refused {}: the download is not a usable list: {e}", s.name);
                        failures.push(s.name.to_string());
                    }
                }
            }
            Err(e) => {
                eprintln!("failed {}: {e}; nothing changed", s.name);
                failures.push(s.name.to_string());
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} source(s) not updated: {}",
            failures.len(),
            failures.join(", ")
        );
    }
    Ok(())
}
