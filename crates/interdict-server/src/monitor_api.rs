//! Monitoring over HTTP: the customer book the server serves (in its data directory, or in a
//! PostgreSQL database shared with other replicas), the same store the `monitor` commands use. Customers are registered one by one (`PUT`) or in
//! batches (`POST`) and screened at once; alerts are listed and decided; the audit chain is
//! checked. Writes take the book's lock without waiting: while another process changes the
//! book, they answer 503 naming it.

use crate::error::ApiError;
use crate::params::Params;
use crate::state::{AppState, Snapshot};
use axum::http::StatusCode;
use interdict_input::{object_row, InputOptions};
use interdict_match::DEFAULT_THRESHOLD;
use interdict_monitor::{
    AlertFilter, AlertState, BookPlace, CustomerRecord, Decision, DecisionAs, Monitor, Scope,
    Webhook,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most customers registered by one request.
pub const MAX_CUSTOMERS: usize = 10_000;

/// The monitoring a server offers: the book it serves, and the webhook told of new alerts.
pub struct MonitorService {
    /// Where the book is (and the data directory of the lists).
    pub place: BookPlace,
    /// Delivers new alerts, if a webhook was given.
    pub webhook: Option<Webhook>,
    /// One write at a time from this server.
    pub writes: std::sync::Mutex<()>,
}

impl MonitorService {
    /// Monitoring of the book at `place`.
    pub fn new(place: BookPlace, webhook: Option<Webhook>) -> Self {
        MonitorService {
            place,
            webhook,
            writes: std::sync::Mutex::new(()),
        }
    }
}

/// The service, or 404 when the server has none.
fn service(s: &AppState) -> Result<&MonitorService, ApiError> {
    s.monitor.as_ref().ok_or_else(|| {
        ApiError::not_found(
            "monitoring is not enabled on this server: it needs the lists imported into the \
             data directory (serve without --list and without --sample)",
        )
    })
}

/// A monitoring error as an HTTP answer.
fn answer_error(e: interdict_monitor::Error) -> ApiError {
    use interdict_monitor::Error as E;
    let status = match &e {
        E::NotFound(_) => StatusCode::NOT_FOUND,
        E::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        E::Closed(_) => StatusCode::CONFLICT,
        E::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
        E::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    ApiError::new(status, e.to_string())
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the request failed inside the server: {e}"),
    )
}

/// The list versions of a snapshot, by source.
fn versions(snapshot: &Snapshot) -> BTreeMap<String, String> {
    snapshot
        .lists
        .iter()
        .map(|m| (m.list.clone(), m.version.clone()))
        .collect()
}

/// Reloads the lists first if the data directory's active versions moved on since they were
/// loaded (a `lists import` beside the server, or versions agreed by another server sharing the
/// book), so that customers are never screened against versions older than the ones the book
/// was last screened against. A shared book's agreed version that this server lacks is a 503.
async fn current_lists(s: &Arc<AppState>, m: &MonitorService) -> Result<(), ApiError> {
    let place = m.place.clone();
    let active = tokio::task::spawn_blocking(move || {
        let following = interdict_monitor::agreed::follow(&place)?;
        Monitor::active_versions(&place.data_dir).map(|a| (a, following.missing))
    })
    .await
    .map_err(internal)?;
    let (active, missing) = active.map_err(answer_error)?;
    if !missing.is_empty() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the servers sharing the customer book use {}, which this server's data \
                 directory does not have: import it here, then try again",
                missing.join(", ")
            ),
        ));
    }
    if active != versions(&s.snapshot.load()) {
        s.reload().await.map_err(|e| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the lists changed and could not be loaded again: {e}"),
            )
        })?;
    }
    Ok(())
}

/// Runs a change to the book off the request threads, under the book's lock, with the current
/// lists; wakes the webhook afterwards.
async fn write<F>(s: &Arc<AppState>, what: &'static str, work: F) -> Result<Value, ApiError>
where
    F: FnOnce(&mut Monitor, &Snapshot) -> Result<Value, ApiError> + Send + 'static,
{
    let m = service(s)?;
    current_lists(s, m).await?;
    let state = s.clone();
    tokio::task::spawn_blocking(move || {
        let m = service(&state)?;
        let _one_at_a_time = m.writes.lock().unwrap_or_else(|p| p.into_inner());
        let mut book = Monitor::try_open_for_writing(&m.place, what).map_err(answer_error)?;
        let answer = work(&mut book, &state.snapshot.load());
        if let Some(w) = &m.webhook {
            w.wake();
        }
        answer
    })
    .await
    .map_err(internal)?
}

/// Runs a read of the book off the request threads; `empty` when there is no book yet.
async fn read<F>(s: &Arc<AppState>, empty: Value, work: F) -> Result<Value, ApiError>
where
    F: FnOnce(&Monitor) -> Result<Value, ApiError> + Send + 'static,
{
    let place = service(s)?.place.clone();
    tokio::task::spawn_blocking(move || {
        if !Monitor::exists(&place).map_err(answer_error)? {
            return Ok(empty);
        }
        work(&Monitor::open(&place).map_err(answer_error)?)
    })
    .await
    .map_err(internal)?
}

/// A customer given as a JSON object, read like a line of a JSON Lines file; `id` is the id
/// it must have (from the path), if any.
fn customer(
    object: Map<String, Value>,
    id: Option<&str>,
) -> Result<(CustomerRecord, Vec<String>), String> {
    let row = object_row(object, &InputOptions::default());
    let given = row.id.as_deref().map(str::trim).filter(|i| !i.is_empty());
    let id = match (id, given) {
        (Some(path), Some(body)) if path != body => {
            return Err(format!(
                "the body's id '{body}' is not the id in the address '{path}'"
            ))
        }
        (Some(path), _) => path.to_string(),
        (None, Some(body)) => body.to_string(),
        (None, None) => return Err("no customer id (give 'id')".to_string()),
    };
    if let Some(e) = row.error {
        return Err(e);
    }
    Ok((
        CustomerRecord {
            id,
            query: row.query,
            fields: row.extra.into_iter().collect(),
        },
        row.warnings,
    ))
}

/// Registers customers and screens what changed; the answer counts them and carries the
/// alerts raised.
fn register(
    book: &mut Monitor,
    snapshot: &Snapshot,
    records: Vec<CustomerRecord>,
) -> Result<Value, ApiError> {
    let counts = book.register(records).map_err(answer_error)?;
    let done = book
        .rescreen(
            &snapshot.index,
            versions(snapshot),
            Scope::Delta,
            None,
            DEFAULT_THRESHOLD,
        )
        .map_err(answer_error)?;
    let mut alerts = Vec::new();
    for id in &done.summary.raised_ids {
        alerts.push(book.store().alert(*id).map_err(answer_error)?);
    }
    Ok(json!({
        "added": counts.added,
        "changed": counts.changed,
        "unchanged": counts.unchanged,
        "alerts": alerts,
        "rescreen": done.summary,
    }))
}

/// `PUT /v1/monitor/customers/{id}`.
pub async fn put_customer(s: &Arc<AppState>, id: String, body: &[u8]) -> Result<Value, ApiError> {
    let object: Map<String, Value> = crate::error::parse_json(body)?;
    let (record, warnings) = customer(object, Some(&id)).map_err(ApiError::invalid)?;
    write(s, "PUT /v1/monitor/customers", move |book, snapshot| {
        let mut answer = register(book, snapshot, vec![record])?;
        let status = if answer["added"] == 1 {
            "added"
        } else if answer["changed"] == 1 {
            "changed"
        } else {
            "unchanged"
        };
        answer["customer_id"] = json!(id);
        answer["status"] = json!(status);
        answer["warnings"] = json!(warnings);
        Ok(answer)
    })
    .await
}

/// The body of `POST /v1/monitor/customers`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomersBody {
    customers: Vec<Map<String, Value>>,
}

/// `POST /v1/monitor/customers`: all or nothing.
pub async fn post_customers(s: &Arc<AppState>, body: &[u8]) -> Result<Value, ApiError> {
    let body: CustomersBody = crate::error::parse_json(body)?;
    if body.customers.is_empty() {
        return Err(ApiError::invalid("'customers' is empty"));
    }
    if body.customers.len() > MAX_CUSTOMERS {
        return Err(ApiError::invalid(format!(
            "{} customers in one request; at most {MAX_CUSTOMERS} (send more in several \
             requests, or use `interdict monitor add --input FILE`)",
            body.customers.len()
        )));
    }
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for (i, object) in body.customers.into_iter().enumerate() {
        match customer(object, None) {
            Ok((record, w)) => {
                if !w.is_empty() {
                    warnings.push(json!({"index": i, "id": record.id, "warnings": w}));
                }
                records.push(record);
            }
            Err(e) => problems.push(format!("customers[{i}]: {e}")),
        }
    }
    if !problems.is_empty() {
        let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
        return Err(ApiError::invalid(format!(
            "{} customers cannot be registered, so none was: {}",
            problems.len(),
            shown.join("; ")
        )));
    }
    write(s, "POST /v1/monitor/customers", move |book, snapshot| {
        let mut answer = register(book, snapshot, records)?;
        answer["warnings"] = json!(warnings);
        Ok(answer)
    })
    .await
}

/// `DELETE /v1/monitor/customers/{id}`.
pub async fn delete_customer(s: &Arc<AppState>, id: String) -> Result<Value, ApiError> {
    write(s, "DELETE /v1/monitor/customers", move |book, _| {
        let counts = book
            .remove(std::slice::from_ref(&id))
            .map_err(answer_error)?;
        if counts.removed == 0 {
            return Err(ApiError::not_found(format!(
                "no customer '{id}' in the book"
            )));
        }
        Ok(json!({"customer_id": id, "removed": true, "alerts_closed": counts.alerts_closed}))
    })
    .await
}

/// `GET /v1/monitor/alerts`.
pub async fn get_alerts(s: &Arc<AppState>, params: Params) -> Result<Value, ApiError> {
    params.only(&["state", "customer", "list", "limit", "offset"], &[])?;
    let state = match params.get("state") {
        None | Some("") => None,
        Some(text) => Some(AlertState::parse(text).ok_or_else(|| {
            ApiError::invalid(format!(
                "query parameter 'state': '{text}' is not one of {}",
                AlertState::ALL.map(|s| s.as_str()).join(", ")
            ))
        })?),
    };
    let filter = AlertFilter {
        state,
        customer: params.get("customer").map(str::to_string),
        list: params.get("list").map(str::to_string),
    };
    let limit = params.number("limit", 100usize, 1..=1000)?;
    let offset = params.number("offset", 0usize, 0..=usize::MAX)?;
    let empty = json!({"alerts": [], "total": 0, "limit": limit, "offset": offset});
    let mut v = read(s, empty, move |book| {
        let all = book.store().alerts(&filter).map_err(answer_error)?;
        let page: Vec<_> = all.iter().skip(offset).take(limit).collect();
        Ok(json!({"alerts": page, "total": all.len(), "limit": limit, "offset": offset}))
    })
    .await?;
    // Each alert's listed entry with its links, as the lists loaded now give them (none when
    // the entry is no longer loaded).
    let snap = s.snapshot.load();
    for alert in v["alerts"].as_array_mut().into_iter().flatten() {
        let links: Vec<Value> = alert["entity_id"]
            .as_str()
            .map(|id| snap.links_of(id))
            .unwrap_or_default()
            .iter()
            .filter_map(|l| serde_json::to_value(interdict_match::report::LinkJson::new(l)).ok())
            .collect();
        alert["links"] = Value::Array(links);
    }
    Ok(v)
}

/// The body of a decision.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    #[serde(rename = "as")]
    decided_as: String,
    reason: String,
    by: String,
}

/// `POST /v1/monitor/alerts/{id}/decision`.
pub async fn decide(s: &Arc<AppState>, id: String, body: &[u8]) -> Result<Value, ApiError> {
    let body: DecisionBody = crate::error::parse_json(body)?;
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::not_found(format!("no alert '{id}' (alert ids are numbers)")))?;
    let decided_as = DecisionAs::parse(&body.decided_as).ok_or_else(|| {
        ApiError::invalid(format!(
            "'as': '{}' is not one of true-match, false-positive, escalated",
            body.decided_as
        ))
    })?;
    let decision = Decision {
        decided_as,
        reason: body.reason,
        by: body.by,
        at: String::new(),
    };
    write(s, "POST /v1/monitor/alerts/decision", move |book, _| {
        let alert = book
            .store_mut()
            .decide(id, decision)
            .map_err(answer_error)?;
        serde_json::to_value(alert).map_err(internal)
    })
    .await
}

/// `GET /v1/monitor/status`.
pub async fn status(s: &Arc<AppState>) -> Result<Value, ApiError> {
    let empty = json!({"customers": 0, "unscreened": 0, "alerts": {}, "last_rescreen": null,
        "lists": {}, "threshold": null, "audit_entries": 0});
    read(s, empty, |book| {
        serde_json::to_value(book.store().status().map_err(answer_error)?).map_err(internal)
    })
    .await
}

/// `GET /v1/audit/verify`: `ok` false, with the first bad entry named, when the chain is
/// broken.
pub async fn verify(s: &Arc<AppState>) -> Result<Value, ApiError> {
    read(s, json!({"ok": true, "entries": 0}), |book| {
        serde_json::to_value(book.store().audit_verify().map_err(answer_error)?).map_err(internal)
    })
    .await
}

/// One alert with the record of its customer (`null` for both when there is no book yet).
pub async fn get_alert(s: &Arc<AppState>, id: i64) -> Result<Value, ApiError> {
    read(s, json!({"alert": null, "customer": null}), move |book| {
        let alert = book.store().alert(id).map_err(answer_error)?;
        let customer = book
            .store()
            .customers(std::slice::from_ref(&alert.customer_id))
            .map_err(answer_error)?;
        Ok(json!({"alert": alert, "customer": customer.first().map(|c| &c.record)}))
    })
    .await
}

/// The audit entries about one alert or one customer (all when neither is given), newest
/// first, at most `limit`, with the chain's status.
pub async fn audit_entries(
    s: &Arc<AppState>,
    alert: Option<i64>,
    customer: Option<String>,
    limit: usize,
) -> Result<Value, ApiError> {
    let empty = json!({"entries": [], "chain": {"ok": true, "entries": 0}});
    read(s, empty, move |book| {
        let chain = book.store().audit_verify().map_err(answer_error)?;
        let mut entries: Vec<Value> = Vec::new();
        book.store()
            .audit_export(None, None, &mut |entry| {
                let payload: Value = serde_json::from_str(&entry.payload).unwrap_or(Value::Null);
                let about_alert = alert.is_some_and(|a| payload["alert_id"] == json!(a));
                let about_customer = customer.as_deref().is_some_and(|c| {
                    payload["customer_id"] == json!(c) || payload["id"] == json!(c)
                });
                if (alert.is_none() && customer.is_none()) || about_alert || about_customer {
                    entries.push(json!({"seq": entry.seq, "at": entry.at, "kind": entry.kind,
                        "payload": payload, "hash": entry.hash}));
                }
                Ok(())
            })
            .map_err(answer_error)?;
        entries.reverse();
        entries.truncate(limit);
        Ok(json!({"entries": entries, "chain": chain}))
    })
    .await
}
