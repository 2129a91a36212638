//! What every store backend writes and reads the same way, whatever its SQL: the audit payload
//! of each change, rows decoded into alerts, decisions and customers, and the checks made
//! before a decision is recorded.

use crate::alert::{Alert, AlertHit, AlertState, Decision, DecisionAs};
use crate::customer::{CustomerRecord, StoredCustomer};
use crate::store::RescreenWrite;
use crate::{Error, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The audit payload of a raised alert.
pub(crate) fn raised(
    alert_id: i64,
    customer_id: &str,
    customer_version: i64,
    hit: &AlertHit,
    earlier: Option<i64>,
) -> Value {
    json!({
        "alert_id": alert_id, "customer_id": customer_id, "customer_version": customer_version,
        "entity_id": hit.entity_id, "list": hit.list, "list_version": hit.list_version,
        "ref": hit.reference, "caption": hit.caption, "matched_name": hit.matched_name,
        "score": hit.score, "earlier": earlier,
    })
}

/// The audit payload of an alert screened again with a different result.
pub(crate) fn updated(alert_id: i64, customer_version: i64, hit: &AlertHit) -> Value {
    json!({
        "alert_id": alert_id, "customer_version": customer_version,
        "list_version": hit.list_version, "score": hit.score,
    })
}

/// The audit payload of a closed alert.
pub(crate) fn closed(alert_id: i64, state: AlertState) -> Value {
    json!({"alert_id": alert_id, "state": state})
}

/// The audit payload of a registered customer.
pub(crate) fn customer(record: &CustomerRecord, version: i64, hash: &str) -> Value {
    json!({"id": record.id, "version": version, "hash": hash, "record": record})
}

/// What registering a customer does, given what the book knows of its id (hash, version,
/// removed): `None` when it is given again as it was, else the new version and the audit kind;
/// `counts` says which.
pub(crate) fn registration(
    known: Option<(String, i64, bool)>,
    hash: &str,
    counts: &mut crate::store::UpsertCounts,
) -> Option<(i64, &'static str)> {
    match known {
        Some((h, _, false)) if h == hash => {
            counts.unchanged += 1;
            None
        }
        // Given again after it was removed: back in the book.
        Some((_, v, true)) => {
            counts.added += 1;
            Some((v + 1, "customer-added"))
        }
        Some((_, v, false)) => {
            counts.changed += 1;
            Some((v + 1, "customer-changed"))
        }
        None => {
            counts.added += 1;
            Some((1, "customer-added"))
        }
    }
}

/// The audit payload of a decision on an alert that was in state `from`.
pub(crate) fn decided(alert_id: i64, decision: &Decision, from: AlertState) -> Value {
    json!({
        "alert_id": alert_id, "as": decision.decided_as.state(), "reason": decision.reason,
        "by": decision.by, "from": from,
    })
}

/// Refuses a decision on a closed alert, or one without a reason or a decider.
pub(crate) fn check_decision(current: &Alert, decision: &Decision) -> Result<()> {
    if current.state.is_closed() {
        return Err(Error::Closed(format!(
            "alert {} is closed ({}); a closed alert is not decided",
            current.alert_id, current.state
        )));
    }
    if decision.reason.trim().is_empty() || decision.by.trim().is_empty() {
        return Err(Error::Invalid(
            "a decision needs a reason and the name of who decides".into(),
        ));
    }
    Ok(())
}

/// What a rescreen leaves behind beside its alerts: the audit entries to append (a
/// `lists-changed` one when the versions moved, then the `rescreen` summary) and the state
/// keys to set, given the lists last seen (as stored) and the time of the write.
pub(crate) struct RescreenRecord {
    /// `(kind, payload)` in the order to append.
    pub entries: Vec<(&'static str, Value)>,
    /// `(key, value)` of the store's state.
    pub state: Vec<(&'static str, String)>,
}

impl RescreenRecord {
    /// The record of `write`, made at `at`, after lists last seen as `previous`.
    pub(crate) fn new(write: &RescreenWrite, previous: Option<String>, at: &str) -> Result<Self> {
        let lists = serde_json::to_string(&write.lists).map_err(|e| Error::Store(e.to_string()))?;
        let mut entries = Vec::new();
        if previous.as_deref() != Some(lists.as_str()) {
            let from = previous.and_then(|p| serde_json::from_str::<Value>(&p).ok());
            entries.push(("lists-changed", json!({"from": from, "to": write.lists})));
        }
        let mut summary = write.summary.clone();
        summary["at"] = json!(at);
        summary["kind"] = json!(write.kind);
        let state = vec![
            ("lists_seen", lists),
            ("last_rescreen", summary.to_string()),
            ("threshold", write.threshold.to_string()),
        ];
        entries.push(("rescreen", summary));
        Ok(RescreenRecord { entries, state })
    }
}

/// The lists last screened, from the stored state value.
pub(crate) fn lists_seen(value: Option<String>) -> Result<BTreeMap<String, String>> {
    match value {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| Error::Store(format!("the lists last screened do not read: {e}"))),
        None => Ok(BTreeMap::new()),
    }
}

/// An alert's stored columns, as read.
pub(crate) struct AlertRow {
    pub alert_id: i64,
    pub customer_id: String,
    pub state: String,
    pub hit: String,
    pub fingerprint: String,
    pub customer_version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub customer_fingerprint: String,
}

impl AlertRow {
    /// The alert (without its decisions and earlier alert).
    pub(crate) fn decode(self) -> Result<Alert> {
        let state = AlertState::parse(&self.state)
            .ok_or_else(|| Error::Store(format!("alert state '{}' is not known", self.state)))?;
        let mut hit: AlertHit = serde_json::from_str(&self.hit)
            .map_err(|e| Error::Store(format!("an alert's result does not read: {e}")))?;
        hit.fingerprint = self.fingerprint;
        hit.customer_fingerprint = self.customer_fingerprint;
        Ok(Alert {
            alert_id: self.alert_id,
            customer_id: self.customer_id,
            state,
            hit,
            customer_version: self.customer_version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            decisions: Vec::new(),
            earlier: None,
        })
    }
}

/// A decision from its stored columns.
pub(crate) fn decision(
    decided_as: &str,
    reason: String,
    by: String,
    at: String,
) -> Result<Decision> {
    let decided_as = DecisionAs::parse(decided_as)
        .ok_or_else(|| Error::Store(format!("decision '{decided_as}' is not known")))?;
    Ok(Decision {
        decided_as,
        reason,
        by,
        at,
    })
}

/// A customer from its stored record and versions.
pub(crate) fn stored_customer(
    text: &str,
    version: i64,
    screened_version: i64,
) -> Result<StoredCustomer> {
    let record: CustomerRecord = serde_json::from_str(text)
        .map_err(|e| Error::Store(format!("a customer record does not read: {e}")))?;
    Ok(StoredCustomer {
        record,
        version,
        screened_version,
    })
}

/// The JSON text of an alert's result, as stored.
pub(crate) fn hit_text(hit: &AlertHit) -> Result<String> {
    serde_json::to_string(hit).map_err(|e| Error::Store(e.to_string()))
}
