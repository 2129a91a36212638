//! Locates the reference data that tests and benchmarks may read: real snapshots of the official
//! lists (`data/`) and labelled evaluation sets (`eval/`). The folder is `shared` beside the
//! checkout, or wherever `INTERDICT_REFERENCE` points. When it is absent, callers skip with the
//! message these functions print, so a clean checkout still passes its tests.
//! `postgres` gives a test a database schema of its own on a real PostgreSQL server.

pub mod postgres;

use std::path::{Path, PathBuf};

/// The environment variable naming the reference folder.
pub const ENV: &str = "INTERDICT_REFERENCE";

/// The reference folder (holding `data/` and `eval/`), whether or not it exists.
pub fn root() -> PathBuf {
    std::env::var_os(ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// A file or folder under the reference folder, or `None` (after printing why the caller skips)
/// when it is not there.
pub fn path(relative: &str) -> Option<PathBuf> {
    let p = root().join(relative);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: reference data not found at {} (set {ENV} to the folder holding data/ and eval/)", p.display());
        None
    }
}

/// A list snapshot under `data/`.
pub fn data(relative: &str) -> Option<PathBuf> {
    path(&format!("data/{relative}"))
}

/// A labelled set under `eval/`.
pub fn eval(relative: &str) -> Option<PathBuf> {
    path(&format!("eval/{relative}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_are_none() {
        assert_eq!(path("no/such/file-anywhere.xml"), None);
    }
}
