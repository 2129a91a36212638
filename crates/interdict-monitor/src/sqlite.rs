//! The customer book in SQLite, beside the lists in the data directory: `monitor.db` (WAL, full
//! sync, so that a committed change is on disk before a command reports it) and
//! `monitor.audit-head`, the number and hash of the last audit entry, written and synced after
//! each commit.

use crate::alert::{Alert, AlertHit, AlertState, Decision, Earlier};
use crate::audit::{entry_hash, now, verify, within, AuditEntry, AuditReport, HeadFile, GENESIS};
use crate::book::shard_of;
use crate::customer::{CustomerRecord, StoredCustomer};
use crate::rows::{self, AlertRow, RescreenRecord};
use crate::store::{
    AlertFilter, AlertOp, MonitorStatus, MonitorStore, RemoveCounts, RescreenWrite, UpsertCounts,
};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The schema, created when the store is first opened.
const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    screened_version INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    shard INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_shard ON customers (shard);
CREATE TABLE IF NOT EXISTS shards (shard INTEGER PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    state TEXT NOT NULL,
    hit TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    customer_fingerprint TEXT NOT NULL,
    customer_version INTEGER NOT NULL,
    earlier INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_pair ON alerts (customer_id, entity_id);
CREATE INDEX IF NOT EXISTS alerts_state ON alerts (state);
CREATE TABLE IF NOT EXISTS decisions (
    alert_id INTEGER NOT NULL REFERENCES alerts(alert_id),
    decided_as TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_alert ON decisions (alert_id);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// The customer book in SQLite.
pub struct SqliteStore {
    db: Connection,
    head: HeadFile,
}

fn db_err(e: rusqlite::Error) -> Error {
    Error::Store(e.to_string())
}

/// Appends audit entries inside a transaction, each chained to the one before.
struct AuditWriter {
    seq: i64,
    prev: String,
    at: String,
}

impl AuditWriter {
    fn start(tx: &Transaction<'_>) -> Result<AuditWriter> {
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db_err)?;
        let (seq, prev) = last.unwrap_or((0, GENESIS.to_string()));
        Ok(AuditWriter {
            seq,
            prev,
            at: now(),
        })
    }

    fn append(
        &mut self,
        tx: &Transaction<'_>,
        kind: &str,
        payload: serde_json::Value,
    ) -> Result<()> {
        self.seq += 1;
        let payload = payload.to_string();
        let hash = entry_hash(&self.prev, self.seq, &self.at, kind, &payload);
        tx.prepare_cached(
            "INSERT INTO audit (seq, at, kind, payload, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .and_then(|mut st| st.execute(params![self.seq, self.at, kind, payload, self.prev, hash]))
        .map_err(db_err)?;
        self.prev = hash;
        Ok(())
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the book in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteStore> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Store(format!("{}: cannot be created: {e}", dir.display())))?;
        let db = Connection::open(dir.join("monitor.db")).map_err(db_err)?;
        let _ = db.busy_timeout(std::time::Duration::from_secs(60));
        db.execute_batch(SCHEMA).map_err(db_err)?;
        Ok(SqliteStore {
            db,
            head: HeadFile::new(dir.join("monitor.audit-head")),
        })
    }

    /// Runs `f` in a transaction with an audit writer; commits, then records the audit head.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &mut AuditWriter) -> Result<T>,
    ) -> Result<T> {
        let tx = self.db.transaction().map_err(db_err)?;
        let mut audit = AuditWriter::start(&tx)?;
        let before = audit.seq;
        let out = f(&tx, &mut audit)?;
        tx.commit().map_err(db_err)?;
        if audit.seq > before {
            self.head.write(audit.seq, &audit.prev)?;
        }
        Ok(out)
    }

    fn state_get(&self, key: &str) -> Result<Option<String>> {
        self.db
            .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err)
    }

    fn decisions(&self, alert_id: i64) -> Result<Vec<Decision>> {
        let mut st = self
            .db
            .prepare_cached(
                "SELECT decided_as, reason, decided_by, at FROM decisions WHERE alert_id = ?1 ORDER BY rowid",
            )
            .map_err(db_err)?;
        let rows = st
            .query_map([alert_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let (decided_as, reason, by, at) = row.map_err(db_err)?;
            out.push(rows::decision(&decided_as, reason, by, at)?);
        }
        Ok(out)
    }

    /// Alerts from a query over the `alerts` table's columns (in `ALERT_COLUMNS` order).
    fn query_alerts(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Alert>> {
        let mut st = self.db.prepare(sql).map_err(db_err)?;
        let rows = st.query_map(args, alert_row).map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let mut a = row.map_err(db_err)??;
            a.decisions = self.decisions(a.alert_id)?;
            out.push(a);
        }
        Ok(out)
    }

    fn with_earlier(&self, mut a: Alert, earlier: Option<i64>) -> Result<Alert> {
        if let Some(id) = earlier {
            let e = self.alert_plain(id)?;
            a.earlier = Some(Earlier {
                alert_id: e.alert_id,
                state: e.state,
                decisions: e.decisions,
            });
        }
        Ok(a)
    }

    fn alert_plain(&self, id: i64) -> Result<Alert> {
        self.query_alerts(
            &format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE alert_id = ?1"),
            &[&id],
        )?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("no alert {id}")))
    }

    fn earlier_of(&self, id: i64) -> Result<Option<i64>> {
        self.db
            .query_row(
                "SELECT earlier FROM alerts WHERE alert_id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(db_err)
    }
}

/// The columns an alert is read from.
const ALERT_COLUMNS: &str = "alert_id, customer_id, state, hit, fingerprint, customer_version, \
    created_at, updated_at, customer_fingerprint";

fn alert_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Alert>> {
    let row = AlertRow {
        alert_id: r.get(0)?,
        customer_id: r.get(1)?,
        state: r.get(2)?,
        hit: r.get(3)?,
        fingerprint: r.get(4)?,
        customer_version: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        customer_fingerprint: r.get(8)?,
    };
    Ok(row.decode())
}

/// Closes a customer's live alerts (inside a transaction); returns how many.
fn close_customer_alerts(tx: &Transaction<'_>, audit: &mut AuditWriter, id: &str) -> Result<usize> {
    let live: Vec<i64> = {
        let mut st = tx
            .prepare_cached(
                "SELECT alert_id FROM alerts WHERE customer_id = ?1 AND state IN ('open', 'escalated', 'true-match')",
            )
            .map_err(db_err)?;
        let rows = st.query_map([id], |r| r.get(0)).map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
    };
    for alert_id in &live {
        set_state(tx, audit, *alert_id, AlertState::ClosedCustomerRemoved)?;
    }
    Ok(live.len())
}

fn set_state(
    tx: &Transaction<'_>,
    audit: &mut AuditWriter,
    alert_id: i64,
    state: AlertState,
) -> Result<()> {
    tx.prepare_cached("UPDATE alerts SET state = ?2, updated_at = ?3 WHERE alert_id = ?1")
        .and_then(|mut st| st.execute(params![alert_id, state.as_str(), audit.at]))
        .map_err(db_err)?;
    audit.append(tx, "alert-closed", rows::closed(alert_id, state))
}

fn raise(
    tx: &Transaction<'_>,
    audit: &mut AuditWriter,
    customer_id: &str,
    customer_version: i64,
    hit: &AlertHit,
    earlier: Option<i64>,
) -> Result<i64> {
    let hit_json = rows::hit_text(hit)?;
    tx.prepare_cached(
        "INSERT INTO alerts (customer_id, entity_id, state, hit, fingerprint, customer_fingerprint,
           customer_version, earlier, created_at, updated_at)
         VALUES (?1, ?2, 'open', ?3, ?4, ?8, ?5, ?6, ?7, ?7)",
    )
    .and_then(|mut st| {
        st.execute(params![
            customer_id,
            hit.entity_id,
            hit_json,
            hit.fingerprint,
            customer_version,
            earlier,
            audit.at,
            hit.customer_fingerprint
        ])
    })
    .map_err(db_err)?;
    let id = tx.last_insert_rowid();
    audit.append(
        tx,
        "alert-raised",
        rows::raised(id, customer_id, customer_version, hit, earlier),
    )?;
    Ok(id)
}

impl MonitorStore for SqliteStore {
    fn upsert(&mut self, records: Vec<CustomerRecord>) -> Result<UpsertCounts> {
        self.write(|tx, audit| {
            let mut counts = UpsertCounts::default();
            let mut changed_shards = BTreeSet::new();
            for record in records {
                let hash = record.hash();
                let known: Option<(String, i64, bool)> = tx
                    .prepare_cached("SELECT hash, version, removed FROM customers WHERE id = ?1")
                    .and_then(|mut st| {
                        st.query_row([&record.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                            .optional()
                    })
                    .map_err(db_err)?;
                let Some((version, kind)) = rows::registration(known, &hash, &mut counts) else {
                    continue;
                };
                let text = serde_json::to_string(&record).map_err(|e| Error::Store(e.to_string()))?;
                let shard = shard_of(&record.id);
                tx.prepare_cached(
                    "INSERT INTO customers (id, record, hash, version, screened_version, removed, shard, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 0, 0, ?6, ?5)
                     ON CONFLICT(id) DO UPDATE SET record = excluded.record, hash = excluded.hash,
                       version = excluded.version, removed = 0, updated_at = excluded.updated_at",
                )
                .and_then(|mut st| st.execute(params![record.id, text, hash, version, audit.at, shard]))
                .map_err(db_err)?;
                changed_shards.insert(shard);
                audit.append(tx, kind, rows::customer(&record, version, &hash))?;
            }
            bump_shards(tx, &changed_shards)?;
            Ok(counts)
        })
    }

    fn remove(&mut self, ids: &[String]) -> Result<RemoveCounts> {
        self.write(|tx, audit| {
            let mut counts = RemoveCounts::default();
            let mut changed_shards = BTreeSet::new();
            for id in ids {
                let changed = tx
                    .prepare_cached(
                        "UPDATE customers SET removed = 1, updated_at = ?2 WHERE id = ?1 AND removed = 0",
                    )
                    .and_then(|mut st| st.execute(params![id, audit.at]))
                    .map_err(db_err)?;
                if changed == 0 {
                    counts.unknown.push(id.clone());
                    continue;
                }
                counts.removed += 1;
                audit.append(tx, "customer-removed", serde_json::json!({"id": id}))?;
                counts.alerts_closed += close_customer_alerts(tx, audit, id)?;
                changed_shards.insert(shard_of(id));
            }
            bump_shards(tx, &changed_shards)?;
            Ok(counts)
        })
    }

    fn for_each_customer(
        &self,
        unscreened: bool,
        f: &mut dyn FnMut(StoredCustomer) -> Result<()>,
    ) -> Result<()> {
        let sql = if unscreened {
            "SELECT record, version, screened_version FROM customers WHERE removed = 0 AND screened_version < version ORDER BY id"
        } else {
            "SELECT record, version, screened_version FROM customers WHERE removed = 0 ORDER BY id"
        };
        let mut st = self.db.prepare(sql).map_err(db_err)?;
        let mut rows = st.query([]).map_err(db_err)?;
        while let Some(r) = rows.next().map_err(db_err)? {
            f(stored_customer(r)?)?;
        }
        Ok(())
    }

    fn customers(&self, ids: &[String]) -> Result<Vec<StoredCustomer>> {
        let mut st = self
            .db
            .prepare_cached(
                "SELECT record, version, screened_version FROM customers WHERE id = ?1 AND removed = 0",
            )
            .map_err(db_err)?;
        let mut out = Vec::new();
        for id in ids {
            let row: Option<(String, i64, i64)> = st
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()
                .map_err(db_err)?;
            if let Some((text, version, screened_version)) = row {
                out.push(rows::stored_customer(&text, version, screened_version)?);
            }
        }
        Ok(out)
    }

    fn for_each_customer_in_shard(
        &self,
        shard: u32,
        f: &mut dyn FnMut(StoredCustomer) -> Result<()>,
    ) -> Result<()> {
        let mut st = self
            .db
            .prepare(
                "SELECT record, version, screened_version FROM customers WHERE removed = 0 AND shard = ?1 ORDER BY id",
            )
            .map_err(db_err)?;
        let mut rows = st.query([shard]).map_err(db_err)?;
        while let Some(r) = rows.next().map_err(db_err)? {
            f(stored_customer(r)?)?;
        }
        Ok(())
    }

    fn shard_versions(&self) -> Result<Vec<(u32, i64)>> {
        let mut st = self
            .db
            .prepare("SELECT shard, version FROM shards ORDER BY shard")
            .map_err(db_err)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)
    }

    fn latest_alerts(&self) -> Result<Vec<Alert>> {
        self.query_alerts(
            &format!(
                "SELECT {ALERT_COLUMNS} FROM alerts WHERE alert_id IN
                   (SELECT MAX(alert_id) FROM alerts GROUP BY customer_id, entity_id)"
            ),
            &[],
        )
    }

    fn lists_seen(&self) -> Result<BTreeMap<String, String>> {
        rows::lists_seen(self.state_get("lists_seen")?)
    }

    fn threshold(&self) -> Result<Option<f32>> {
        Ok(self.state_get("threshold")?.and_then(|t| t.parse().ok()))
    }

    fn apply(&mut self, write: RescreenWrite) -> Result<Vec<i64>> {
        self.write(|tx, audit| {
            let mut raised = Vec::new();
            for op in &write.ops {
                match op {
                    AlertOp::Raise {
                        customer_id,
                        customer_version,
                        hit,
                        earlier,
                    } => raised.push(raise(tx, audit, customer_id, *customer_version, hit, *earlier)?),
                    AlertOp::Refresh {
                        alert_id,
                        customer_version,
                        hit,
                    } => {
                        let hit_json = rows::hit_text(hit)?;
                        tx.prepare_cached(
                            "UPDATE alerts SET hit = ?2, fingerprint = ?3, customer_version = ?4, updated_at = ?5,
                               customer_fingerprint = ?6 WHERE alert_id = ?1",
                        )
                        .and_then(|mut st| {
                            st.execute(params![
                                alert_id,
                                hit_json,
                                hit.fingerprint,
                                customer_version,
                                audit.at,
                                hit.customer_fingerprint
                            ])
                        })
                        .map_err(db_err)?;
                        audit.append(
                            tx,
                            "alert-updated",
                            rows::updated(*alert_id, *customer_version, hit),
                        )?;
                    }
                    AlertOp::Close { alert_id, state } => set_state(tx, audit, *alert_id, *state)?,
                }
            }
            for (id, version) in &write.screened {
                tx.prepare_cached(
                    "UPDATE customers SET screened_version = ?2 WHERE id = ?1 AND version = ?2",
                )
                .and_then(|mut st| st.execute(params![id, version]))
                .map_err(db_err)?;
            }
            let previous: Option<String> = tx
                .query_row("SELECT value FROM state WHERE key = 'lists_seen'", [], |r| r.get(0))
                .optional()
                .map_err(db_err)?;
            let record = RescreenRecord::new(&write, previous, &audit.at)?;
            for (kind, payload) in record.entries {
                audit.append(tx, kind, payload)?;
            }
            for (key, value) in record.state {
                tx.execute(
                    "INSERT INTO state (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )
                .map_err(db_err)?;
            }
            Ok(raised)
        })
    }

    fn alerts_after(&self, after: i64, limit: usize) -> Result<Vec<Alert>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.query_alerts(
            &format!(
                "SELECT {ALERT_COLUMNS} FROM alerts WHERE alert_id > ?1 ORDER BY alert_id LIMIT ?2"
            ),
            &[&after, &limit],
        )?
        .into_iter()
        .map(|a| {
            let earlier = self.earlier_of(a.alert_id)?;
            self.with_earlier(a, earlier)
        })
        .collect()
    }

    fn last_alert_id(&self) -> Result<i64> {
        self.db
            .query_row("SELECT COALESCE(MAX(alert_id), 0) FROM alerts", [], |r| {
                r.get(0)
            })
            .map_err(db_err)
    }

    fn cursor(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .state_get(&format!("cursor:{name}"))?
            .and_then(|v| v.parse().ok()))
    }

    fn set_cursor(&mut self, name: &str, value: i64) -> Result<()> {
        self.db
            .execute(
                "INSERT INTO state (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![format!("cursor:{name}"), value.to_string()],
            )
            .map_err(db_err)?;
        Ok(())
    }

    fn alerts(&self, filter: &AlertFilter) -> Result<Vec<Alert>> {
        let mut conditions = Vec::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(s) = filter.state {
            conditions.push(format!("state = ?{}", args.len() + 1));
            args.push(Box::new(s.as_str()));
        }
        if let Some(c) = &filter.customer {
            conditions.push(format!("customer_id = ?{}", args.len() + 1));
            args.push(Box::new(c.clone()));
        }
        if let Some(l) = &filter.list {
            conditions.push(format!("json_extract(hit, '$.list') = ?{}", args.len() + 1));
            args.push(Box::new(l.clone()));
        }
        let condition = if conditions.is_empty() {
            "1 = 1".to_string()
        } else {
            conditions.join(" AND ")
        };
        let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
        let alerts = self.query_alerts(
            &format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE {condition} ORDER BY alert_id DESC"),
            &refs,
        )?;
        alerts
            .into_iter()
            .map(|a| {
                let earlier = self.earlier_of(a.alert_id)?;
                self.with_earlier(a, earlier)
            })
            .collect()
    }

    fn alert(&self, id: i64) -> Result<Alert> {
        let a = self.alert_plain(id)?;
        let earlier = self.earlier_of(id)?;
        self.with_earlier(a, earlier)
    }

    fn decide(&mut self, id: i64, decision: Decision) -> Result<Alert> {
        let current = self.alert_plain(id)?;
        rows::check_decision(&current, &decision)?;
        self.write(|tx, audit| {
            let state = decision.decided_as.state();
            tx.execute(
                "UPDATE alerts SET state = ?2, updated_at = ?3 WHERE alert_id = ?1",
                params![id, state.as_str(), audit.at],
            )
            .map_err(db_err)?;
            tx.execute(
                "INSERT INTO decisions (alert_id, decided_as, reason, decided_by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, state.as_str(), decision.reason, decision.by, audit.at],
            )
            .map_err(db_err)?;
            audit.append(tx, "decision", rows::decided(id, &decision, current.state))
        })?;
        self.alert(id)
    }

    fn status(&self) -> Result<MonitorStatus> {
        let count = |sql: &str| -> Result<usize> {
            self.db
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
                .map_err(db_err)
        };
        let mut alerts = BTreeMap::new();
        {
            let mut st = self
                .db
                .prepare("SELECT state, COUNT(*) FROM alerts GROUP BY state")
                .map_err(db_err)?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(db_err)?;
            for row in rows {
                let (state, n) = row.map_err(db_err)?;
                alerts.insert(state, n as usize);
            }
        }
        Ok(MonitorStatus {
            customers: count("SELECT COUNT(*) FROM customers WHERE removed = 0")?,
            unscreened: count(
                "SELECT COUNT(*) FROM customers WHERE removed = 0 AND screened_version < version",
            )?,
            alerts,
            last_rescreen: self
                .state_get("last_rescreen")?
                .and_then(|t| serde_json::from_str(&t).ok()),
            lists: self.lists_seen()?,
            threshold: self.threshold()?,
            audit_entries: count("SELECT COUNT(*) FROM audit")? as i64,
        })
    }

    fn audit_verify(&self) -> Result<AuditReport> {
        let head = self.head.read()?;
        let mut st = self
            .db
            .prepare("SELECT seq, at, kind, payload, prev, hash FROM audit ORDER BY seq")
            .map_err(db_err)?;
        let rows = st.query_map([], audit_row).map_err(db_err)?;
        let mut failure = None;
        let entries = rows.map_while(|r| match r {
            Ok(e) => Some(e),
            Err(e) => {
                failure = Some(e);
                None
            }
        });
        let report = verify(entries, head);
        match failure {
            Some(e) => Err(db_err(e)),
            None => Ok(report),
        }
    }

    fn audit_export(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        f: &mut dyn FnMut(&AuditEntry) -> Result<()>,
    ) -> Result<usize> {
        let mut st = self
            .db
            .prepare("SELECT seq, at, kind, payload, prev, hash FROM audit ORDER BY seq")
            .map_err(db_err)?;
        let rows = st.query_map([], audit_row).map_err(db_err)?;
        let mut n = 0;
        for row in rows {
            let e = row.map_err(db_err)?;
            if within(&e.at, from, to) {
                f(&e)?;
                n += 1;
            }
        }
        Ok(n)
    }
}

fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        kind: r.get(2)?,
        payload: r.get(3)?,
        prev: r.get(4)?,
        hash: r.get(5)?,
    })
}

/// Raises the version of each shard whose customers changed.
fn bump_shards(tx: &Transaction<'_>, shards: &BTreeSet<u32>) -> Result<()> {
    for shard in shards {
        tx.prepare_cached(
            "INSERT INTO shards (shard, version) VALUES (?1, 1)
             ON CONFLICT(shard) DO UPDATE SET version = version + 1",
        )
        .and_then(|mut st| st.execute([shard]))
        .map_err(db_err)?;
    }
    Ok(())
}

/// A customer from a row of (record, version, screened_version).
fn stored_customer(r: &rusqlite::Row<'_>) -> Result<StoredCustomer> {
    let text: String = r.get(0).map_err(db_err)?;
    rows::stored_customer(&text, r.get(1).map_err(db_err)?, r.get(2).map_err(db_err)?)
}
