//! `interdict monitor` and `interdict audit`: the customer book of the data directory
//! registered from customer files, re-screened when it or the lists change, its alerts listed
//! and decided, and its audit log checked and exported.

use crate::cli::{AlertFormat, AuditCommand, MonitorCommand, ReadArgs};
use crate::lists::{self, Loaded};
use crate::note;
use crate::output::{Sink, Table};
use anyhow::{anyhow, bail, Context, Result};
use interdict_input::{InputReader, InputRow};
use interdict_match::DEFAULT_THRESHOLD;
use interdict_monitor::{
    AgreedVersion, Alert, AlertFilter, AlertState, BookPlace, CustomerRecord, Decision, DecisionAs,
    Monitor, Rescreened, Scope,
};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

/// Rows read from a customer file at a time.
const CHUNK: usize = 4096;

/// Runs a `monitor` subcommand.
pub fn run(command: MonitorCommand, place: &BookPlace) -> Result<()> {
    let out = &mut std::io::stdout().lock();
    match command {
        MonitorCommand::Add {
            input,
            read,
            strict,
        } => add(out, place, &input, &read, strict),
        MonitorCommand::Remove { ids, input } => remove(out, place, ids, input.as_deref()),
        MonitorCommand::Status { json } => status(out, place, json),
        MonitorCommand::Rescreen { all, threshold } => {
            let loaded = lists::load(&[], Some(&place.data_dir), lists::Source::Real)?;
            loaded.warn_if_stale();
            let mut book = open_for_writing(place, "monitor rescreen")?;
            let scope = if all { Scope::Full } else { Scope::Delta };
            let done = rescreen(&mut book, &loaded, scope, threshold)?;
            loaded.release();
            report_rescreen(out, &done)
        }
        MonitorCommand::Alerts {
            state,
            customer,
            list,
            format,
        } => {
            let filter = AlertFilter {
                state: state.as_deref().map(parse_state).transpose()?,
                customer,
                list,
            };
            let book = Monitor::open(place)?;
            let alerts = book.store().alerts(&filter)?;
            write_alerts(out, &alerts, format)
        }
        MonitorCommand::Decide {
            alert_id,
            decided_as,
            reason,
            by,
        } => decide(out, place, &alert_id, &decided_as, reason, by),
    }
}

/// Runs an `audit` subcommand.
pub fn run_audit(command: AuditCommand, place: &BookPlace) -> Result<()> {
    let book = Monitor::open(place)?;
    match command {
        AuditCommand::Verify => {
            let report = book.store().audit_verify()?;
            match report.problem {
                None => {
                    let out = &mut std::io::stdout().lock();
                    writeln!(
                        out,
                        "audit log: {} entries, the chain is whole",
                        report.entries
                    )?;
                    Ok(())
                }
                Some(problem) => bail!("audit log: {problem}"),
            }
        }
        AuditCommand::Export { from, to, output } => {
            for (flag, value) in [("--from", &from), ("--to", &to)] {
                if let Some(v) = value {
                    if interdict_model::day_number(v).is_none() {
                        bail!("{flag} {v}: expected a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM:SSZ)");
                    }
                }
            }
            let mut sink = Sink::open(Some(&output))?;
            let n = book
                .store()
                .audit_export(from.as_deref(), to.as_deref(), &mut |e| {
                    let line = serde_json::to_string(e).unwrap_or_default();
                    writeln!(sink, "{line}").map_err(|e| {
                        interdict_monitor::Error::Store(format!("{}: {e}", output.display()))
                    })
                })?;
            sink.finish()?;
            note!("{n} audit entries written to {}", output.display());
            Ok(())
        }
    }
}

/// Opens the book to change it, saying who holds it while waiting.
fn open_for_writing(place: &BookPlace, what: &str) -> Result<Monitor> {
    Ok(Monitor::open_for_writing(place, what, |holder| {
        note!("waiting: the customer book is being changed by {holder}")
    })?)
}

/// The list versions of loaded lists, by source.
fn versions(loaded: &Loaded) -> BTreeMap<String, String> {
    loaded
        .lists
        .iter()
        .map(|m| (m.list.clone(), m.version.clone()))
        .collect()
}

/// Re-screens the book against the loaded lists.
fn rescreen(
    book: &mut Monitor,
    loaded: &Loaded,
    scope: Scope,
    threshold: Option<f32>,
) -> Result<Rescreened> {
    Ok(book.rescreen(
        &loaded.index,
        versions(loaded),
        scope,
        threshold,
        DEFAULT_THRESHOLD,
    )?)
}

/// Prints what a rescreen did.
fn report_rescreen(out: &mut dyn Write, done: &Rescreened) -> Result<()> {
    if let Some(why) = &done.reason {
        note!("screening every customer: {why}");
    }
    let s = &done.summary;
    writeln!(
        out,
        "rescreen ({}, threshold {}): {} customers screened, {} screened again for {} changed \
         listed entities; {} alerts raised, {} updated, {} closed as delisted, {} kept quiet by \
         a false-positive decision",
        s.kind,
        s.threshold,
        s.customers_screened,
        s.candidates_screened,
        s.entities_changed,
        s.raised,
        s.refreshed,
        s.closed,
        s.suppressed
    )?;
    Ok(())
}

/// After `lists import`, `fetch` or `activate`: tells a shared book the versions that moved
/// since `before` (every server sharing it follows), then re-screens the book, if there is one
/// and the active versions are not the ones it last saw.
pub fn after_lists_change(
    out: &mut dyn Write,
    place: &BookPlace,
    before: &BTreeMap<String, AgreedVersion>,
) -> Result<()> {
    interdict_monitor::agreed::publish(place, before, "interdict lists")
        .context("the lists were changed, but the shared customer book could not be told")?;
    if !Monitor::exists(place)? {
        return Ok(());
    }
    let rescreened = (|| -> Result<Option<Rescreened>> {
        let loaded = lists::load(&[], Some(&place.data_dir), lists::Source::Real)?;
        let mut book = open_for_writing(place, "rescreen after a list change")?;
        let status = book.store().status()?;
        if status.lists == versions(&loaded) && status.unscreened == 0 {
            loaded.release();
            return Ok(None);
        }
        let done = rescreen(&mut book, &loaded, Scope::Delta, None)?;
        loaded.release();
        Ok(Some(done))
    })()
    .context(
        "the lists were changed, but the customer book could not be screened again: run \
         `interdict monitor rescreen`",
    )?;
    if let Some(done) = rescreened {
        report_rescreen(out, &done)?;
    }
    Ok(())
}

/// `monitor add`: registers a customer file, then screens what changed.
fn add(
    out: &mut dyn Write,
    place: &BookPlace,
    input: &Path,
    read: &ReadArgs,
    strict: bool,
) -> Result<()> {
    let options = crate::screen::input_options(read)?;
    let reader = InputReader::open(input, &options)?;
    // Monitoring never runs on the sample: refuse before anything is registered.
    let loaded = lists::load(&[], Some(&place.data_dir), lists::Source::Real)?;
    loaded.warn_if_stale();
    let records = read_customers(reader, strict)?;
    let mut book = open_for_writing(place, "monitor add")?;
    let counts = book.register(records)?;
    writeln!(
        out,
        "{} added, {} changed, {} unchanged",
        counts.added, counts.changed, counts.unchanged
    )?;
    let done = rescreen(&mut book, &loaded, Scope::Delta, None)?;
    loaded.release();
    report_rescreen(out, &done)
}

/// The customers of a file as they are read, and what reading them noticed.
#[derive(Default)]
struct Gathered {
    records: Vec<CustomerRecord>,
    /// Where each id's record is in `records`.
    at: HashMap<String, usize>,
    skipped: Vec<String>,
    warned: Vec<String>,
    repeated: Vec<String>,
}

impl Gathered {
    /// Takes one row: refuses a row without an id (and, with `strict`, one without a name or
    /// with a warning); passes over a row without a name; keeps the last row of an id.
    fn take(&mut self, place: String, row: InputRow, strict: bool) -> Result<()> {
        let Some(id) = row.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) else {
            bail!(
                "{place}: no customer id. Every customer needs the id you know them by (a \
                 column such as 'id' or 'customer_id', or --column id=HEADER); nothing was \
                 registered"
            );
        };
        let id = id.to_string();
        if let Some(e) = &row.error {
            if strict {
                bail!("{place}: {e} (--strict: nothing was registered)");
            }
            self.skipped.push(format!("{place}: {e}"));
            return Ok(());
        }
        if let Some(w) = row.warnings.first() {
            if strict {
                bail!("{place}: {w} (--strict: nothing was registered)");
            }
            self.warned.push(format!("{place}: {w}"));
        }
        let record = CustomerRecord {
            id: id.clone(),
            query: row.query,
            fields: row.extra.into_iter().collect(),
        };
        match self.at.get(&id) {
            Some(&i) => {
                self.repeated
                    .push(format!("{place}: id {id} was given before"));
                self.records[i] = record;
            }
            None => {
                self.at.insert(id, self.records.len());
                self.records.push(record);
            }
        }
        Ok(())
    }

    /// Says on standard error what was passed over, used in part, or given twice.
    fn report(&self) {
        let say = |what: &str, rows: &[String]| {
            if let Some(first) = rows.first() {
                note!("warning: {} rows {what}; the first: {first}", rows.len());
            }
        };
        say("without a usable name were not registered", &self.skipped);
        say(
            "were registered without a cell that could not be used",
            &self.warned,
        );
        say(
            "repeat an id given earlier in the file (the last row of each id is kept)",
            &self.repeated,
        );
    }
}

/// Reads every customer of a file (see [`Gathered::take`] for what is refused).
fn read_customers(mut reader: InputReader, strict: bool) -> Result<Vec<CustomerRecord>> {
    let mut gathered = Gathered::default();
    loop {
        let chunk = reader.next_chunk(CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        for row in chunk {
            let place = reader.place(&row);
            gathered.take(place, row, strict)?;
        }
    }
    gathered.report();
    Ok(gathered.records)
}

/// `monitor remove`: ids given, or read from a file (a column 'id', else the first column).
fn remove(
    out: &mut dyn Write,
    place: &BookPlace,
    mut ids: Vec<String>,
    input: Option<&Path>,
) -> Result<()> {
    if let Some(path) = input {
        ids.extend(read_ids(path)?);
    }
    if ids.is_empty() {
        bail!("no customer to remove: give their ids, or --input FILE");
    }
    // Without a book there is nothing to remove: say so rather than create one.
    Monitor::open(place)?;
    let mut book = open_for_writing(place, "monitor remove")?;
    let counts = book.remove(&ids)?;
    writeln!(
        out,
        "{} removed, {} alerts closed as closed-customer-removed",
        counts.removed, counts.alerts_closed
    )?;
    if !counts.unknown.is_empty() {
        note!(
            "warning: {} ids are not in the book: {}",
            counts.unknown.len(),
            shorten(&counts.unknown)
        );
    }
    Ok(())
}

/// The first few of many ids, for a message.
fn shorten(ids: &[String]) -> String {
    let mut s = ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        s.push_str(&format!(" and {} more", ids.len() - 10));
    }
    s
}

/// Customer ids from a file: its id column ('id', 'customer_id', ...), else its first column
/// (a header line, if it has one, is recognised by its name and passed over).
fn read_ids(path: &Path) -> Result<Vec<String>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("{}: cannot read the ids", path.display()))?;
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .filter(|d| first_line.contains(d))
        .unwrap_or(b',');
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes.as_slice());
    let mut ids = Vec::new();
    let mut column = None;
    for (n, record) in rows.records().enumerate() {
        let record =
            record.with_context(|| format!("{}: line {}: not readable", path.display(), n + 1))?;
        if n == 0 {
            column = record.iter().position(interdict_input::is_id_header);
            if column.is_some() {
                continue;
            }
        }
        let cell = record.get(column.unwrap_or(0)).map(str::trim).unwrap_or("");
        if cell.is_empty() {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            bail!("{}: line {}: no id", path.display(), n + 1);
        }
        ids.push(cell.to_string());
    }
    if ids.is_empty() {
        bail!("{}: no ids in the file", path.display());
    }
    Ok(ids)
}

/// `monitor status`.
fn status(out: &mut dyn Write, place: &BookPlace, json: bool) -> Result<()> {
    let book = Monitor::open(place)?;
    let s = book.store().status()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "customers: {} ({} waiting to be screened)",
        s.customers, s.unscreened
    )?;
    let by_state: Vec<String> = AlertState::ALL
        .iter()
        .map(|st| format!("{} {}", s.alerts.get(st.as_str()).copied().unwrap_or(0), st))
        .collect();
    writeln!(out, "alerts: {}", by_state.join(", "))?;
    match &s.last_rescreen {
        Some(r) => writeln!(
            out,
            "last rescreen: {} at {}: {} customers screened, {} screened again, {} raised, {} updated, {} closed",
            r["kind"].as_str().unwrap_or("?"),
            r["at"].as_str().unwrap_or("?"),
            r["customers_screened"],
            r["candidates_screened"],
            r["raised"],
            r["refreshed"],
            r["closed"],
        )?,
        None => writeln!(out, "last rescreen: never")?,
    }
    if let Some(t) = s.threshold {
        writeln!(out, "threshold: {t}")?;
    }
    let lists: Vec<String> = s.lists.iter().map(|(l, v)| format!("{l} {v}")).collect();
    writeln!(
        out,
        "lists screened against: {}",
        if lists.is_empty() {
            "none yet".to_string()
        } else {
            lists.join(", ")
        }
    )?;
    writeln!(out, "audit log: {} entries", s.audit_entries)?;
    Ok(())
}

/// Reads an alert state's name.
fn parse_state(text: &str) -> Result<AlertState> {
    AlertState::parse(text).ok_or_else(|| {
        anyhow!(
            "--state {text}: expected one of {}",
            AlertState::ALL.map(|s| s.as_str()).join(", ")
        )
    })
}

/// Writes alerts as a table or as JSON Lines.
fn write_alerts(out: &mut dyn Write, alerts: &[Alert], format: AlertFormat) -> Result<()> {
    match format {
        AlertFormat::Jsonl => {
            for a in alerts {
                serde_json::to_writer(&mut *out, a)?;
                writeln!(out)?;
            }
        }
        AlertFormat::Table => {
            let mut t = Table::new(&[
                "ALERT",
                "STATE",
                "CUSTOMER",
                "SCORE",
                "LIST",
                "REF",
                "MATCHED NAME",
                "UPDATED",
                "NOTE",
            ]);
            for a in alerts {
                let note = match &a.earlier {
                    Some(e) => format!("re-raised; alert {} was {}", e.alert_id, e.state),
                    None => String::new(),
                };
                t.row(vec![
                    a.alert_id.to_string(),
                    a.state.to_string(),
                    a.customer_id.clone(),
                    format!("{:.2}", a.hit.score),
                    a.hit.list.clone(),
                    a.hit.reference.clone(),
                    a.hit.matched_name.clone(),
                    a.updated_at.clone(),
                    note,
                ]);
            }
            t.write(out)?;
            if alerts.is_empty() {
                note!("no alerts");
            }
        }
    }
    Ok(())
}

/// `monitor decide`.
fn decide(
    out: &mut dyn Write,
    place: &BookPlace,
    alert_id: &str,
    decided_as: &str,
    reason: String,
    by: String,
) -> Result<()> {
    let id: i64 = alert_id.trim().parse().map_err(|_| {
        anyhow!("alert id '{alert_id}': expected a number, as `monitor alerts` shows")
    })?;
    let decided_as = DecisionAs::parse(decided_as).ok_or_else(|| {
        anyhow!("--as {decided_as}: expected true-match, false-positive or escalated")
    })?;
    let mut book = Monitor::open(place).and_then(|_| {
        Monitor::open_for_writing(place, "monitor decide", |holder| {
            note!("waiting: the customer book is being changed by {holder}")
        })
    })?;
    let decision = Decision {
        decided_as,
        reason,
        by,
        at: String::new(),
    };
    let a = book.store_mut().decide(id, decision)?;
    writeln!(
        out,
        "alert {}: {} ({} — {} {})",
        a.alert_id, a.state, a.customer_id, a.hit.list, a.hit.reference
    )?;
    Ok(())
}
