//! `interdict lists ...`: import, fetch, status, versions, diff, activate, remove, prune.
//!
//! Commands that change the data directory hold its write lock for their whole run (a second
//! one waits, saying who holds it); commands that only read never wait.

use crate::cli::ListsCommand;
use crate::note;
use crate::output::{cell, Sink, Table};
use anyhow::{bail, Context, Result};
use interdict_lists::fetch::{fetch, FetchOptions, Fetched};
use interdict_lists::{registry, InputFile};
use interdict_monitor::BookPlace;
use interdict_store::{Diff, ImportOptions, ImportOutcome, ImportStatus, Store, WriteLock};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Warnings of one import shown in full; the rest are counted.
const WARNINGS_SHOWN: usize = 5;

/// The data directory to use: the one given, or the default.
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf> {
    match given {
        Some(d) => Ok(d.to_path_buf()),
        None => interdict_store::default_data_dir().context(
            "no data directory: set --data-dir or INTERDICT_DATA (no home folder was found)",
        ),
    }
}

/// Whether a subcommand changes the data directory (and so takes its write lock).
fn writes(command: &ListsCommand) -> Option<&'static str> {
    match command {
        ListsCommand::Import { .. } => Some("lists import"),
        ListsCommand::Fetch { .. } => Some("lists fetch"),
        ListsCommand::Activate { .. } => Some("lists activate"),
        ListsCommand::Remove { .. } => Some("lists remove"),
        ListsCommand::Prune { .. } => Some("lists prune"),
        _ => None,
    }
}

/// Runs a `lists` subcommand.
pub fn run(command: ListsCommand, book: &BookPlace) -> Result<()> {
    let data_dir = book.data_dir.as_path();
    // What was active before, to tell a shared book which versions this command moved.
    let before = match &book.database {
        Some(_) => interdict_monitor::agreed::active_versions(data_dir)?,
        None => Default::default(),
    };
    let mut store = Store::open(data_dir)?;
    let _lock: Option<WriteLock> = match writes(&command) {
        Some(what) => Some(store.lock_for_writing(what, |holder| {
            note!(
                "waiting: the data directory {} is being changed by {holder}",
                data_dir.display()
            )
        })?),
        None => None,
    };
    let out = &mut std::io::stdout().lock();
    match command {
        ListsCommand::Import {
            files,
            source,
            force,
            published,
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
                published,
            };
            let outcomes = store.import(inputs, &options)?;
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            report(out, &outcomes)?;
            crate::monitor_cmd::after_lists_change(out, book, &before)
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
            let fetched =
                fetch_sources(out, &mut store, &sources, force, &options, from.as_deref());
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            // A source that failed still leaves the others fetched: screen the book on them.
            let rescreened = crate::monitor_cmd::after_lists_change(out, book, &before);
            fetched.and(rescreened)
        }
        ListsCommand::Status { json } => status(out, &store, json),
        ListsCommand::Versions { source } => {
            if let Some(s) = &source {
                known_source(&store, s)?;
            }
            versions(out, &store, source.as_deref())
        }
        ListsCommand::Diff {
            source,
            old,
            new,
            json,
        } => {
            let source = match source {
                Some(s) => known_source(&store, &s)?,
                None => only_source(&store)?,
            };
            let diff = store.diff(&source, old.as_deref(), new.as_deref())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &diff)?;
                writeln!(out)?;
            } else {
                print_diff(out, &diff)?;
            }
            Ok(())
        }
        ListsCommand::Activate { source, version } => {
            known_source(&store, &source)?;
            let v = store.activate(&source, &version)?;
            writeln!(
                out,
                "{source}: version {} ({} entries) is now active",
                v.label, v.entities
            )?;
            drop(store);
            crate::lists::prepare_snapshot(data_dir);
            crate::monitor_cmd::after_lists_change(out, book, &before)
        }
        ListsCommand::Remove { source, version } => {
            known_source(&store, &source)?;
            let v = store.remove(&source, &version)?;
            writeln!(out, "{source}: removed version {}", v.label)?;
            Ok(())
        }
        ListsCommand::Prune { source, keep } => {
            if keep == 0 {
                bail!("--keep must be at least 1");
            }
            if let Some(s) = &source {
                known_source(&store, s)?;
            }
            let removed = store.prune(source.as_deref(), keep)?;
            for v in &removed {
                writeln!(out, "removed {} {}", v.source, v.label)?;
            }
            writeln!(out, "{} version(s) removed", removed.len())?;
            Ok(())
        }
        ListsCommand::Sources => {
            let mut t = Table::new(&["SOURCE", "AUTHORITY", "ADDRESS"]);
            for s in registry::SOURCES {
                let authority = match s.retired {
                    Some(r) => format!("{} (retired {}; use {})", s.authority, r.on, r.successor),
                    None => s.authority.to_string(),
                };
                t.row(vec![s.name.into(), authority, s.url.into()]);
            }
            Ok(t.write(out)?)
        }
        ListsCommand::Export { lists, output } => export(&store, &lists, output.as_deref()),
    }
}

/// The source name if the data directory has it; else an error naming the ones it has.
fn known_source(store: &Store, source: &str) -> Result<String> {
    let all = store.status()?;
    if all.iter().any(|s| s.source == source) {
        return Ok(source.to_string());
    }
    let known: Vec<&str> = all.iter().map(|s| s.source.as_str()).collect();
    if known.is_empty() {
        bail!(
            "unknown source '{source}': no lists are imported in {}",
            store.dir().display()
        );
    }
    bail!(
        "unknown source '{source}': the data directory has {}",
        known.join(", ")
    )
}

/// The one imported source, when a command may leave it out.
fn only_source(store: &Store) -> Result<String> {
    let all = store.status()?;
    match all.as_slice() {
        [one] => Ok(one.source.clone()),
        [] => bail!("no lists imported in {}", store.dir().display()),
        many => bail!(
            "several sources are imported ({}); name the one to compare",
            many.iter()
                .map(|s| s.source.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn versions(out: &mut dyn Write, store: &Store, source: Option<&str>) -> Result<()> {
    let versions = store.versions(source)?;
    if versions.is_empty() {
        writeln!(out, "No versions stored in {}.", store.dir().display())?;
        return Ok(());
    }
    let mut t = Table::new(&[
        "SOURCE",
        "VERSION",
        "PUBLISHED",
        ">ENTRIES",
        "IMPORTED",
        "ACTIVE",
        "ORIGIN",
    ]);
    for v in versions {
        t.row(vec![
            v.source,
            v.label,
            v.published.unwrap_or_default(),
            v.entities.to_string(),
            v.imported_at,
            if v.active { "yes" } else { "" }.into(),
            v.origin,
        ]);
    }
    Ok(t.write(out)?)
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
            writeln!(w, "{}", interdict_lists::ftm_out::to_ftm(e))?;
            count += 1;
        }
    }
    let relations = export_relations(w, &parsed)?;
    sink.finish()?;
    note!(
        "exported {count} entities and {relations} relationship entities from {} list(s)",
        parsed.len()
    );
    Ok(())
}

/// Writes the links between the exported entries as FollowTheMoney relationship entities
/// (`Ownership`, `Directorship`, `Membership`, `Family`, `Associate`, `UnknownLink`), each pair
/// and kind once, whichever end states it; links to parties not exported are left out.
fn export_relations(w: &mut dyn Write, parsed: &[interdict_lists::ParsedList]) -> Result<usize> {
    use interdict_lists::ftm_out::{ftm_id, relation_between, relation_to_ftm};
    let entities: Vec<&interdict_model::Entity> = parsed.iter().flat_map(|l| &l.entities).collect();
    let targets = interdict_match::network::link_targets(&entities);
    let mut written = std::collections::HashSet::new();
    for (&e, targets) in entities.iter().zip(&targets) {
        for (k, (link, target)) in e.links.iter().zip(targets).enumerate() {
            let Some(other) = target.map(|j| entities[j]) else {
                continue;
            };
            // The same relation stated from both ends: once, by its schema and its two ends
            // (in their roles, except between associates and relatives).
            let (schema, mine, theirs) = relation_between(e, link, other);
            let mut ends = [(mine, ftm_id(e)), (theirs, ftm_id(other))];
            if matches!(schema, "Family" | "Associate") {
                ends.iter_mut().for_each(|end| end.0 = "");
            }
            ends.sort();
            if written.insert((schema, ends)) {
                writeln!(w, "{}", relation_to_ftm(e, k, link, other))?;
            }
        }
    }
    Ok(written.len())
}

/// Prints import outcomes with their warnings; fails if any list was refused.
fn report(out: &mut dyn Write, outcomes: &[ImportOutcome]) -> Result<()> {
    let mut refused = 0;
    for o in outcomes {
        let before = o
            .previous
            .as_ref()
            .map(|(l, n)| format!(" (active before: {l} with {n})"))
            .unwrap_or_default();
        let warnings = match o.warnings.len() {
            0 => String::new(),
            1 => "; 1 warning while reading:".to_string(),
            n => format!("; {n} warnings while reading:"),
        };
        match &o.status {
            ImportStatus::Imported { activated } => writeln!(
                out,
                "imported {} {}: {} entries{before}{}{warnings}",
                o.source,
                o.label,
                o.entities,
                if *activated {
                    ", now active"
                } else {
                    "; not activated because a later version is active (use `lists activate`)"
                }
            )?,
            ImportStatus::Unchanged => writeln!(
                out,
                "unchanged {} {}: this content is already stored",
                o.source, o.label
            )?,
            ImportStatus::Refused(reason) => {
                refused += 1;
                note!("refused {}: {reason}", o.source);
            }
        }
        if matches!(o.status, ImportStatus::Imported { .. }) {
            for w in o.warnings.iter().take(WARNINGS_SHOWN) {
                writeln!(out, "  warning: {w}")?;
            }
            if o.warnings.len() > WARNINGS_SHOWN {
                writeln!(
                    out,
                    "  ... and {} more warnings",
                    o.warnings.len() - WARNINGS_SHOWN
                )?;
            }
        }
    }
    if refused > 0 {
        bail!("{refused} list(s) refused; the active versions are unchanged");
    }
    Ok(())
}

fn status(out: &mut dyn Write, store: &Store, json: bool) -> Result<()> {
    let all = store.status()?;
    let today = registry::today();
    let warning = |s: &interdict_store::SourceStatus| {
        s.active
            .as_ref()
            .and_then(|a| registry::staleness(&s.source, &a.label, a.published.as_deref(), today))
    };
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
                    "warning": warning(s),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if all.is_empty() {
        writeln!(
            out,
            "No lists imported in {}. Use `interdict lists fetch` or `interdict lists import FILE`.",
            store.dir().display()
        )?;
        return Ok(());
    }
    let mut t = Table::new(&[
        "SOURCE",
        "ACTIVE VERSION",
        ">ENTRIES",
        ">AGE",
        ">VERSIONS",
        "FORMAT",
        "CHECKSUM",
    ]);
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
        t.row(vec![
            s.source.clone(),
            label,
            entities,
            age,
            s.versions.to_string(),
            s.format.clone(),
            checksum,
        ]);
    }
    t.write(out)?;
    for w in all.iter().filter_map(warning) {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

fn print_diff(out: &mut dyn Write, d: &Diff) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {} -> {}: {} added, {} removed, {} changed",
        d.source,
        d.old,
        d.new,
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    )?;
    for (what, entries) in [("added  ", &d.added), ("removed", &d.removed)] {
        for e in entries {
            writeln!(
                out,
                "  {what}  {} {} ({})",
                cell(&e.reference, 12),
                e.caption,
                e.schema
            )?;
        }
    }
    for c in &d.changed {
        writeln!(
            out,
            "  changed  {} {}",
            cell(&c.entity.reference, 12),
            c.entity.caption
        )?;
        for f in &c.fields {
            for v in &f.removed {
                writeln!(out, "             {}: - {v}", f.field)?;
            }
            for v in &f.added {
                writeln!(out, "             {}: + {v}", f.field)?;
            }
        }
    }
    Ok(())
}

/// The sources to fetch: those named (a retired or unknown one is an error saying why), or
/// every source still published.
fn chosen_sources(names: &[String]) -> Result<Vec<&'static registry::Source>> {
    if names.is_empty() {
        return Ok(registry::SOURCES
            .iter()
            .filter(|s| s.retired.is_none())
            .collect());
    }
    let mut out = Vec::new();
    for n in names {
        let s = registry::source(n).with_context(|| {
            format!(
                "unknown source '{n}' (known: {})",
                registry::SOURCES
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        if let Some(r) = s.retired {
            bail!(
                "{n} ({}) is retired: it has not been published since {}, so there is nothing \
                 current to fetch; its successor is {} (`interdict lists fetch {}`). Old files of \
                 it can still be imported with `lists import`.",
                s.authority,
                r.on,
                r.successor,
                r.successor
            );
        }
        out.push(s);
    }
    Ok(out)
}

/// A progress bar for a download, on a terminal only.
fn download_bar(name: &str) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg:14} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(name.to_string());
        bar
    })
}

/// Fetches the named sources (all if none), importing what is new. Network failures are
/// reported per source and leave that source unchanged.
fn fetch_sources(
    out: &mut dyn Write,
    store: &mut Store,
    names: &[String],
    force: bool,
    base: &FetchOptions,
    from: Option<&str>,
) -> Result<()> {
    let mut failures = Vec::new();
    for s in chosen_sources(names)? {
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
        let bar = download_bar(s.name);
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
            Ok(Fetched::NotModified) => writeln!(
                out,
                "not modified {}: the active version is current",
                s.name
            )?,
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
                    published: None,
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
                        if let Err(e) = report(out, &outcomes) {
                            failures.push(format!("{}: {e:#}", s.name));
                        }
                    }
                    Err(e) => {
                        note!("refused {}: the download is not a usable list: {e}", s.name);
                        failures.push(s.name.to_string());
                    }
                }
            }
            Err(e) => {
                note!("failed {}: {e}; nothing changed", s.name);
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
