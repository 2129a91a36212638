//! The data directory: every imported list version, kept content-addressed with its source,
//! publication date and checksum; which version of each source is active; and the differences
//! between versions.
//!
//! ```text
//! <data dir>/interdict.db          SQLite: sources, versions, their files, active versions
//! <data dir>/objects/ab/abcdef...  the raw list files, named by their SHA-256
//! <data dir>/lock                  held by the one process that changes the directory
//! ```
//!
//! Importing checks a new version before it can replace the active one: it must parse, be in the
//! format the source had before, and not drop more than a fifth of the entries (unless forced).
//! The active version switches in one transaction, so readers see the old or the new version,
//! never a mixture.

mod clock;
pub mod diff;
mod lock;
mod objects;
mod schema;
mod snapshot;
mod versions;

pub use diff::{Change, Diff, EntitySummary, FieldChange};
pub use lock::{lock_file, try_lock_file, WriteLock};
pub use snapshot::{load_active_index, IndexSnapshot};
pub use versions::{
    FetchState, ImportOptions, ImportOutcome, ImportStatus, SourceStatus, VersionInfo,
};

use std::path::{Path, PathBuf};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be read or written. (The causes of these two are part of their
    /// messages, and so not also sources, which would print them twice.)
    #[error("data directory {dir}: database error: {cause}")]
    Db {
        /// The data directory.
        dir: String,
        /// The SQLite error.
        cause: rusqlite::Error,
    },
    /// A file in the data directory could not be read or written.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        cause: std::io::Error,
    },
    /// A list file could not be read.
    #[error(transparent)]
    List(#[from] interdict_lists::Error),
    /// The request names something the store does not have.
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be carried out as asked.
    #[error("{0}")]
    Invalid(String),
    /// A stored file no longer matches its checksum.
    #[error("stored file {path} is damaged: its checksum no longer matches")]
    Damaged {
        /// The file.
        path: String,
    },
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, Error>;

/// The data directory, opened.
pub struct Store {
    dir: PathBuf,
    db: rusqlite::Connection,
}

impl Store {
    /// Opens (creating if needed) the data directory at `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir.join("objects")).map_err(|source| Error::Io {
            path: format!("data directory {}: cannot be created", dir.display()),
            cause: source,
        })?;
        let db_path = dir.join("interdict.db");
        let db = rusqlite::Connection::open(&db_path).map_err(|source| Error::Db {
            dir: dir.display().to_string(),
            cause: source,
        })?;
        // Another process may be writing: wait for it rather than fail at once.
        let _ = db.busy_timeout(std::time::Duration::from_secs(60));
        let store = Store {
            dir: dir.to_path_buf(),
            db,
        };
        store.db_call(migrate_when_free)?;
        Ok(store)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn db_call<T>(
        &self,
        f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> Result<T> {
        f(&self.db).map_err(|source| Error::Db {
            dir: self.dir.display().to_string(),
            cause: source,
        })
    }
}

/// Runs the schema migration, waiting while another process holds the database. Switching a
/// new database to WAL answers "database is locked" at once, without the busy timeout, when two
/// processes create it together: that is retried for up to a minute.
fn migrate_when_free(db: &rusqlite::Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match schema::migrate(db) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// The default data directory: `INTERDICT_DATA` if set, else the platform's per-user data
/// folder (`~/.local/share/interdict` on Linux, `~/Library/Application Support/interdict` on
/// macOS, `%APPDATA%\interdict` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("INTERDICT_DATA").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    data_home().map(|d| d.join("interdict"))
}

/// The platform's per-user data folder.
fn data_home() -> Option<PathBuf> {
    if cfg!(target_os = "windows") {
        return std::env::var_os("APPDATA").map(PathBuf::from);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    if cfg!(target_os = "macos") {
        return Some(home.join("Library/Application Support"));
    }
    match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        Some(d) => Some(PathBuf::from(d)),
        None => Some(home.join(".local/share")),
    }
}
