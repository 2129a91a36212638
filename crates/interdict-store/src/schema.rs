//! The database tables, created or upgraded when the store is opened.

use rusqlite::Connection;

const SCHEMA_VERSION: i64 = 1;

/// Creates the tables if they do not exist, and records the schema version.
pub(crate) fn migrate(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS sources (
             name TEXT PRIMARY KEY,
             format TEXT NOT NULL,
             created_at TEXT NOT NULL
         );
         CREATE TABLE IF NOT EXISTS versions (
             id INTEGER PRIMARY KEY,
             source TEXT NOT NULL REFERENCES sources(name),
             label TEXT NOT NULL,
             published TEXT,
             imported_at TEXT NOT NULL,
             checksum TEXT NOT NULL,
             entity_count INTEGER NOT NULL,
             format TEXT NOT NULL,
             origin TEXT NOT NULL,
             UNIQUE (source, label),
             UNIQUE (source, checksum)
         );
         CREATE TABLE IF NOT EXISTS version_files (
             version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
             position INTEGER NOT NULL,
             part INTEGER NOT NULL,
             name TEXT NOT NULL,
             sha256 TEXT NOT NULL,
             size INTEGER NOT NULL,
             PRIMARY KEY (version_id, position)
         );
         CREATE TABLE IF NOT EXISTS active (
             source TEXT PRIMARY KEY REFERENCES sources(name),
             version_id INTEGER NOT NULL REFERENCES versions(id),
             switched_at TEXT NOT NULL
         );
         CREATE TABLE IF NOT EXISTS fetch_state (
             source TEXT PRIMARY KEY,
             url TEXT NOT NULL,
             etag TEXT,
             last_modified TEXT,
             checked_at TEXT NOT NULL
         );",
    )?;
    db.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?1)",
        [SCHEMA_VERSION.to_string()],
    )?;
    Ok(())
}
