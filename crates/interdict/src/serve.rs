//! `interdict serve`: loads the lists, then runs the HTTP API of `interdict-server`, which
//! loads them again the same way on reload.

use crate::cli::ServeArgs;
use crate::lists;
use anyhow::{bail, Context, Result};
use interdict_server::{Config, Loader, Snapshot};
use std::path::PathBuf;
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

/// Runs the server until interrupted.
pub fn run(args: ServeArgs, data_dir: Option<PathBuf>) -> Result<()> {
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
    };
    let paths = args.lists.clone();
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loader: Loader = Arc::new(move || {
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
    let state = interdict_server::state(config, first, loader);
    runtime
        .block_on(interdict_server::run(state))
        .with_context(|| format!("cannot serve on {}", args.bind))
}
