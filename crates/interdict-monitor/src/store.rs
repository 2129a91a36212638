//! What monitoring needs from storage, as one small trait: SQLite (`sqlite.rs`) by default, and
//! PostgreSQL (`postgres.rs`) for a book shared by several processes, without touching the
//! monitoring logic. Every method that writes is one transaction, with its audit entries inside
//! it.

use crate::alert::{Alert, AlertHit, AlertState, Decision};
use crate::audit::{AuditEntry, AuditReport};
use crate::customer::{CustomerRecord, StoredCustomer};
use crate::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// What registering customers did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpsertCounts {
    /// New customers.
    pub added: usize,
    /// Customers whose record changed.
    pub changed: usize,
    /// Customers given again as they were.
    pub unchanged: usize,
}

/// What removing customers did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RemoveCounts {
    /// Customers removed.
    pub removed: usize,
    /// Ids that were not in the book.
    pub unknown: Vec<String>,
    /// Alerts closed as `closed-customer-removed`.
    pub alerts_closed: usize,
}

/// Which alerts to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertFilter {
    /// Only in this state.
    pub state: Option<AlertState>,
    /// Only of this customer.
    pub customer: Option<String>,
    /// Only on this list.
    pub list: Option<String>,
}

/// One change to the alerts, planned by a rescreen.
#[derive(Debug, Clone, PartialEq)]
pub enum AlertOp {
    /// A new alert on a pair (`earlier`: the pair's previous alert, when this re-raises it).
    Raise {
        customer_id: String,
        customer_version: i64,
        hit: AlertHit,
        earlier: Option<i64>,
    },
    /// An active alert's pair screened again with a different result.
    Refresh {
        alert_id: i64,
        customer_version: i64,
        hit: AlertHit,
    },
    /// An alert closed: its listed entity left the list.
    Close { alert_id: i64, state: AlertState },
}

/// One rescreen's writes, applied together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RescreenWrite {
    /// `delta` or `full`.
    pub kind: String,
    /// The list versions screened against, by source.
    pub lists: BTreeMap<String, String>,
    /// The score from which a pair raised an alert (kept for the next run).
    pub threshold: f32,
    /// The alert changes.
    pub ops: Vec<AlertOp>,
    /// Customers screened, with the version screened.
    pub screened: Vec<(String, i64)>,
    /// What the run did, for the audit log and `monitor status`.
    pub summary: serde_json::Value,
}

/// The book at a glance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MonitorStatus {
    /// Registered customers.
    pub customers: usize,
    /// Customers registered or changed since they were last screened.
    pub unscreened: usize,
    /// Alerts by state.
    pub alerts: BTreeMap<String, usize>,
    /// The last rescreen's summary.
    pub last_rescreen: Option<serde_json::Value>,
    /// The list versions the book was last screened against.
    pub lists: BTreeMap<String, String>,
    /// The score from which a pair raises an alert, as last screened.
    pub threshold: Option<f32>,
    /// Entries in the audit log.
    pub audit_entries: i64,
}

/// The storage of a customer book.
pub trait MonitorStore: Send {
    /// Registers customers, adding new ones and changing those whose record differs; an audit
    /// entry for each that was added or changed.
    fn upsert(&mut self, records: Vec<CustomerRecord>) -> Result<UpsertCounts>;

    /// Removes customers and closes their live alerts as `closed-customer-removed`.
    fn remove(&mut self, ids: &[String]) -> Result<RemoveCounts>;

    /// Calls `f` on every registered customer (only those not screened in their current
    /// version, when `unscreened` is set).
    fn for_each_customer(
        &self,
        unscreened: bool,
        f: &mut dyn FnMut(StoredCustomer) -> Result<()>,
    ) -> Result<()>;

    /// The registered customers among `ids`.
    fn customers(&self, ids: &[String]) -> Result<Vec<StoredCustomer>>;

    /// Calls `f` on every registered customer of one shard of the book (see `book.rs`).
    fn for_each_customer_in_shard(
        &self,
        shard: u32,
        f: &mut dyn FnMut(StoredCustomer) -> Result<()>,
    ) -> Result<()>;

    /// Each shard that ever held a customer, with a number raised by every change to its
    /// customers (to key the cached index of the shard).
    fn shard_versions(&self) -> Result<Vec<(u32, i64)>>;

    /// The latest alert of every (customer, listed entity) pair.
    fn latest_alerts(&self) -> Result<Vec<Alert>>;

    /// The list versions the book was last screened against, by source.
    fn lists_seen(&self) -> Result<BTreeMap<String, String>>;

    /// The threshold of the last rescreen.
    fn threshold(&self) -> Result<Option<f32>>;

    /// Applies a rescreen's writes in one transaction; returns the ids of the alerts raised.
    fn apply(&mut self, write: RescreenWrite) -> Result<Vec<i64>>;

    /// Alerts that pass the filter, newest first.
    fn alerts(&self, filter: &AlertFilter) -> Result<Vec<Alert>>;

    /// One alert.
    fn alert(&self, id: i64) -> Result<Alert>;

    /// Up to `limit` alerts raised after the alert `after`, oldest first (for deliveries).
    fn alerts_after(&self, after: i64, limit: usize) -> Result<Vec<Alert>>;

    /// The id of the last alert raised (0: none yet).
    fn last_alert_id(&self) -> Result<i64>;

    /// A named delivery position (the last alert id a webhook received).
    fn cursor(&self, name: &str) -> Result<Option<i64>>;

    /// Moves a named delivery position.
    fn set_cursor(&mut self, name: &str, value: i64) -> Result<()>;

    /// Records a decision on an alert and moves it; a closed alert cannot be decided.
    fn decide(&mut self, id: i64, decision: Decision) -> Result<Alert>;

    /// The book at a glance.
    fn status(&self) -> Result<MonitorStatus>;

    /// Checks the audit chain.
    fn audit_verify(&self) -> Result<AuditReport>;

    /// Calls `f` on the audit entries written from `from` to `to` (dates or timestamps,
    /// inclusive); returns how many.
    fn audit_export(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        f: &mut dyn FnMut(&AuditEntry) -> Result<()>,
    ) -> Result<usize>;

    /// Whether this process may do what only one process of the book should do (deliver alerts
    /// to a webhook, named by `role`); once true, it stays true while the store is open. A
    /// book in the data directory has one process at a time and always may.
    fn try_lead(&mut self, role: &str) -> Result<bool> {
        let _ = role;
        Ok(true)
    }
}
