//! `interdict serve`: loads the lists, then runs the HTTP API of `interdict-server`, which
//! loads them again the same way on reload.

use crate::cli::ServeArgs;
use crate::lists;
use anyhow::{bail, Context, Result};
use interdict_monitor::WebhookOptions;
use interdict_server::monitor_api::MonitorService;
use interdict_server::{Config, Loader, Snapshot};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Reads the API keys: one per line, blank lines and `#` comments ignored.
fn api_keys(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the API key file", path.display()))?;
    let keys: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    if keys.is_empty() {
        bail!("{}: no API key in the file (one per line)", path.display());
    }
    Ok(keys)
}

/// The customer book to serve (in the data directory, or in the database `monitor_db`), when
/// the lists served are the data directory's own (no --list, no --sample); with its webhook
/// started, if one was given.
fn monitoring(
    args: &ServeArgs,
    data_dir: Option<&Path>,
    monitor_db: Option<&str>,
) -> Result<Option<MonitorService>> {
    let own_lists = args.lists.is_empty() && !args.sample;
    let (Some(dir), true) = (data_dir, own_lists) else {
        if monitor_db.is_some() {
            bail!("--monitor-db needs the lists imported into the data directory: monitoring does not run on --list files or the sample");
        }
        if args.webhook.is_some() {
            bail!("--webhook needs the lists imported into the data directory: monitoring does not run on --list files or the sample");
        }
        return Ok(None);
    };
    let place = interdict_monitor::BookPlace::new(dir, monitor_db)?;
    let webhook = match &args.webhook {
        Some(url) => Some(interdict_monitor::start_webhook(
            &place,
            url,
            WebhookOptions::default(),
            |event| tracing::info!(target: "webhook", "{event}"),
        )?),
        None => None,
    };
    Ok(Some(MonitorService::new(place, webhook)))
}

/// Before a load: makes the list versions agreed in the shared book active in this server's
/// data directory, and warns of those it lacks (it keeps serving the ones it has).
fn follow_agreed(place: &interdict_monitor::BookPlace) {
    match interdict_monitor::agreed::follow(place) {
        Ok(f) => {
            if !f.switched.is_empty() {
                tracing::info!(versions = %f.switched.join(", "), "following the list versions agreed in the database");
            }
            if !f.missing.is_empty() {
                tracing::warn!(versions = %f.missing.join(", "), "the database agreed on list versions this data directory does not have: import them");
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the list versions agreed in the database")
        }
    }
}

/// Runs the server until interrupted.
pub fn run(args: ServeArgs, data_dir: Option<PathBuf>, monitor_db: Option<&str>) -> Result<()> {
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = Config {
        bind: args.bind,
        api_keys: match &args.api_key_file {
            Some(p) => api_keys(p)?,
            None => Vec::new(),
        },
        max_body_bytes: args.max_body_bytes,
        max_batch: args.max_batch.max(1),
        timeout: Duration::from_millis(args.timeout_ms.max(1)),
        header_timeout: Duration::from_millis(args.header_timeout_ms.max(1)),
        max_concurrent: args.max_concurrent.max(1),
        reload_every: args.reload_every.map(|s| Duration::from_secs(s.max(1))),
        cors_origins: args.cors_origin.clone(),
    };
    let monitor = monitoring(&args, data_dir.as_deref(), monitor_db)?;
    let shared = monitor
        .as_ref()
        .filter(|m| m.place.database.is_some())
        .map(|m| m.place.clone());
    let paths = args.lists.clone();
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loader: Loader = Arc::new(move || {
        if let Some(place) = &shared {
            follow_agreed(place);
        }
        let loaded =
            lists::load(&paths, data_dir.as_deref(), source).map_err(|e| format!("{e:#}"))?;
        let sample = loaded.is_sample();
        let mut snapshot = Snapshot::new(loaded.index, loaded.lists);
        snapshot.sample = sample;
        Ok(snapshot)
    });
    let first = loader().map_err(anyhow::Error::msg)?;
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(t) = args.threads {
        runtime.worker_threads(t.max(1));
    }
    let runtime = runtime
        .enable_all()
        .build()
        .context("cannot start the server's threads")?;
    let state = interdict_server::state_with_monitor(config, first, loader, monitor);
    runtime
        .block_on(interdict_server::run(state))
        .with_context(|| format!("cannot serve on {}", args.bind))
}
