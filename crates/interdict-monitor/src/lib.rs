//! Continuous monitoring: a book of customers (any screened party) re-screened whenever a list
//! changes or a customer does, alerts on (customer, listed entity) pairs, analysts' decisions,
//! and an audit log that proves all of it later.
//!
//! ```text
//! customers ─► book (customer.rs) ──────────────┐
//!                                               ├─► rescreen.rs: plan ─► store (store.rs,
//! list changes (added, changed, removed ids) ───┘    what to raise,        sqlite.rs): alerts,
//!   searched against the book's own index            update and close      decisions, audit
//!   (book.rs), scored as customer → listed entity                          chain (audit.rs)
//! ```
//!
//! A pair is always scored the same way, whichever side changed: the customer as the query,
//! the listed entity as the candidate, through the lists' index. A false positive stays
//! decided until either side of the pair changes. Every change writes an audit entry that
//! carries the SHA-256 of the one before it, in the same transaction as the change.
//!
//! `book_dir.rs` opens a book with its write lock, and works out what changed in the lists
//! since the book last saw them from the versions the data directory stores. `place.rs` says
//! where the book lives: SQLite in the data directory (`<data dir>/monitor/`), or PostgreSQL
//! (`postgres.rs`) shared by several servers, which agree on the list versions they use through
//! it (`agreed.rs`). The screening itself is the lists' own index; this crate knows no list
//! format.

#![deny(unsafe_code)]

pub mod agreed;
mod alert;
mod audit;
mod book;
mod book_dir;
mod customer;
mod place;
mod postgres;
mod rescreen;
mod rows;
mod sqlite;
mod store;
#[cfg(test)]
mod store_tests;
mod webhook;

pub use alert::{Alert, AlertHit, AlertState, Decision, DecisionAs, Earlier};
pub use audit::{AuditEntry, AuditReport};
pub use book::{shard_of, BookIndex, REVERSE_FLOOR, SHARDS};
pub use book_dir::{Monitor, Rescreened, Scope, FOLDER};
pub use customer::{entity_fingerprint, CustomerRecord, StoredCustomer};
pub use place::BookPlace;
pub use postgres::{AgreedVersion, PostgresStore, PostgresWriterLock};
pub use rescreen::{rescreen, ListChange, RescreenRequest, RescreenSummary, MONITOR_LIMIT};
pub use sqlite::SqliteStore;
pub use store::{
    AlertFilter, AlertOp, MonitorStatus, MonitorStore, RemoveCounts, RescreenWrite, UpsertCounts,
};
pub use webhook::{start as start_webhook, Webhook, WebhookOptions};

/// Why a monitoring operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store could not be read or written.
    #[error("monitoring store: {0}")]
    Store(String),
    /// The request names something the store does not have.
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be carried out as asked; nothing was changed.
    #[error("{0}")]
    Invalid(String),
    /// The request would change an alert that is closed; nothing was changed.
    #[error("{0}")]
    Closed(String),
    /// Another process is changing the book (it is named); nothing was changed.
    #[error("the customer book is being changed by {0}; try again when it is done")]
    Busy(String),
}

/// Result alias for monitoring.
pub type Result<T> = std::result::Result<T, Error>;
