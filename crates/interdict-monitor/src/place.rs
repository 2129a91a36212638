//! Where a customer book lives: SQLite in the data directory (the default), or a PostgreSQL
//! database shared by several processes and machines, each with its own data directory for
//! the lists and its cached index of the book. Opening the store and taking the book's writer
//! lock go through here, so that the rest of monitoring does not know which it is.

use crate::postgres::{PostgresStore, PostgresWriterLock};
use crate::sqlite::SqliteStore;
use crate::store::MonitorStore;
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a book's state is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookPlace {
    /// The data directory: lists, and `monitor/` (the SQLite book, or this process's index of
    /// the book and its audit head).
    pub data_dir: PathBuf,
    /// A `postgres://` (or `postgresql://`) address holding the book instead of SQLite.
    pub database: Option<String>,
}

/// The lock of the one process changing a book as a whole; released when dropped.
pub enum WriterLock {
    /// A lock file in the data directory.
    File(interdict_store::WriteLock),
    /// An advisory lock held by a connection to the database.
    Postgres(Box<PostgresWriterLock>),
}

impl BookPlace {
    /// The book in `data_dir`, or in `database` when one is given; an error when the address
    /// is not a PostgreSQL one.
    pub fn new(data_dir: &Path, database: Option<&str>) -> Result<BookPlace> {
        let database = database.map(str::trim).filter(|d| !d.is_empty());
        if let Some(url) = database {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(Error::Invalid(format!(
                    "monitoring database '{url}': expected a postgres:// address \
                     (postgres://USER@HOST:PORT/DATABASE)"
                )));
            }
        }
        Ok(BookPlace {
            data_dir: data_dir.to_path_buf(),
            database: database.map(str::to_string),
        })
    }

    /// The book in the data directory.
    pub fn in_data_dir(data_dir: &Path) -> BookPlace {
        BookPlace {
            data_dir: data_dir.to_path_buf(),
            database: None,
        }
    }

    /// The folder of this process's part of the book.
    pub fn dir(&self) -> PathBuf {
        self.data_dir.join(crate::FOLDER)
    }

    /// Whether the book has been created.
    pub fn exists(&self) -> Result<bool> {
        match &self.database {
            None => Ok(self.dir().join("monitor.db").exists()),
            Some(url) => PostgresStore::exists(url),
        }
    }

    /// Opens the book's store, creating it if needed.
    pub fn open_store(&self) -> Result<Box<dyn MonitorStore>> {
        Ok(match &self.database {
            None => Box::new(SqliteStore::open(&self.dir())?),
            Some(url) => Box::new(PostgresStore::open(url, &self.dir())?),
        })
    }

    /// Takes the writer lock for `what` if no other process holds it; the holder otherwise.
    pub fn try_lock(&self, what: &str) -> Result<std::result::Result<WriterLock, String>> {
        match &self.database {
            None => {
                let dir = self.dir();
                std::fs::create_dir_all(&dir).map_err(|e| {
                    Error::Store(format!("{}: cannot be created: {e}", dir.display()))
                })?;
                Ok(interdict_store::try_lock_file(&dir.join("lock"), what)
                    .map_err(|e| Error::Store(e.to_string()))?
                    .map(WriterLock::File))
            }
            Some(url) => {
                // The tables must be there to record the holder.
                PostgresStore::open(url, &self.dir())?;
                Ok(PostgresWriterLock::try_take(url, what)?
                    .map(|l| WriterLock::Postgres(Box::new(l))))
            }
        }
    }

    /// Takes the writer lock for `what`, waiting while another process holds it (`waiting`
    /// is told who, once).
    pub fn lock(&self, what: &str, waiting: impl FnOnce(&str)) -> Result<WriterLock> {
        if self.database.is_none() {
            let dir = self.dir();
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::Store(format!("{}: cannot be created: {e}", dir.display())))?;
            return interdict_store::lock_file(&dir.join("lock"), what, waiting)
                .map(WriterLock::File)
                .map_err(|e| Error::Store(e.to_string()));
        }
        let mut waiting = Some(waiting);
        loop {
            match self.try_lock(what)? {
                Ok(lock) => return Ok(lock),
                Err(holder) => {
                    if let Some(tell) = waiting.take() {
                        tell(&holder);
                    }
                    std::thread::sleep(Duration::from_millis(250));
                }
            }
        }
    }
}

impl std::fmt::Display for BookPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.database {
            None => write!(f, "the data directory {}", self.data_dir.display()),
            Some(url) => write!(f, "the database {}", crate::postgres::shown(url)),
        }
    }
}
