//! interdict's own endpoints, where yente's shapes are not enough: `/v1/screen` (the command
//! line's result shape, explanations included), `/v1/scan` (text in, mentions out) and
//! `/v1/lists`.

use crate::deadline::Deadline;
use crate::error::{parse_json, ApiError};
use crate::state::Snapshot;
use interdict_match::report::{round_score, MentionJson, ResultJson};
use interdict_match::{Query, ScanOptions, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::written::{read_date_cell, Order as DateOrder};
use interdict_model::{CountryCode, Schema};
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::UNIX_EPOCH;

/// The body of `POST /v1/screen`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// Parties to screen.
    pub queries: Vec<ScreenQuery>,
    /// Score from which a result is a match.
    #[serde(default)]
    pub threshold: Option<f32>,
    /// Most results per query.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One party, as the command line takes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenQuery {
    /// Full name.
    pub name: String,
    /// Person, Organization, Company, Vessel, Aircraft.
    #[serde(default)]
    pub schema: Option<String>,
    /// Date of birth (or incorporation), possibly partial.
    #[serde(default)]
    pub dob: Option<String>,
    /// Nationality or country: ISO code or name.
    #[serde(default)]
    pub country: Option<String>,
    /// Passport, national ID or registration number.
    #[serde(default)]
    pub id: Option<String>,
}

pub(crate) fn query_of(i: usize, q: &ScreenQuery) -> Result<Query, ApiError> {
    let at = |field: &str, msg: String| ApiError::invalid(format!("queries[{i}].{field}: {msg}"));
    if q.name.trim().is_empty() {
        return Err(at("name", "empty; a name is needed".into()));
    }
    let mut query = Query::name(q.name.clone());
    if let Some(s) = &q.schema {
        query.schema = Some(s.parse::<Schema>().map_err(|e| at("schema", e))?);
    }
    if let Some(d) = &q.dob {
        let read = read_date_cell(d, DateOrder::DayFirst);
        if let Some(note) = read.note {
            return Err(at("dob", note.message(d)));
        }
        query.birth_dates.extend(read.dates);
    }
    if let Some(c) = &q.country {
        query.countries.push(
            CountryCode::resolve(c)
                .ok_or_else(|| at("country", format!("'{c}' is not a country code or name")))?,
        );
    }
    if let Some(id) = &q.id {
        query.identifiers.push(id.clone());
    }
    Ok(query)
}

/// Answers `POST /v1/screen`.
pub fn answer_screen(
    snapshot: &Snapshot,
    body: &[u8],
    max_batch: usize,
    deadline: &Deadline,
) -> Result<Value, ApiError> {
    let request: ScreenRequest = parse_json(body)?;
    if request.queries.is_empty() || request.queries.len() > max_batch {
        return Err(ApiError::invalid(format!(
            "{} queries; from 1 to {max_batch} are accepted",
            request.queries.len()
        )));
    }
    let threshold = request.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::invalid(
            "threshold: expected a number from 0 to 1",
        ));
    }
    let options = SearchOptions {
        threshold,
        limit: request.limit.unwrap_or(5).clamp(1, 500),
        ..SearchOptions::default()
    };
    let queries: Vec<Query> = request
        .queries
        .iter()
        .enumerate()
        .map(|(i, q)| query_of(i, q))
        .collect::<Result<_, _>>()?;
    let responses: Vec<Value> = queries
        .iter()
        .zip(&request.queries)
        .map(|(q, raw)| {
            deadline.check()?;
            let hits = snapshot.index.search(q, &options);
            Ok(json!({
                "query": {"name": raw.name, "schema": raw.schema, "dob": raw.dob, "country": raw.country, "id": raw.id},
                "results": hits.iter().map(ResultJson::new).collect::<Vec<_>>(),
            }))
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(json!({"responses": responses, "threshold": round_score(threshold)}))
}

/// The body of `POST /v1/scan`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// The text.
    pub text: String,
    /// Mentions scoring below this are not reported.
    #[serde(default)]
    pub min_score: Option<f32>,
}

/// Answers `POST /v1/scan`.
pub fn answer_scan(
    snapshot: &Snapshot,
    body: &[u8],
    deadline: &Deadline,
) -> Result<Value, ApiError> {
    let request: ScanRequest = parse_json(body)?;
    let min_score = request.min_score.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&min_score) {
        return Err(ApiError::invalid(
            "min_score: expected a number from 0 to 1",
        ));
    }
    let mut scanner = snapshot.index.scanner(ScanOptions {
        min_score,
        ..ScanOptions::default()
    });
    for (start, piece) in pieces(&request.text) {
        deadline.check()?;
        scanner.scan(piece, &|p| start + p);
    }
    let mentions = scanner.finish();
    Ok(json!({"mentions": mentions.iter().map(MentionJson::new).collect::<Vec<_>>()}))
}

/// `GET /v1/entities/{id}/network`: the entry's network to `depth` links, as JSON (the shape of
/// `interdict network --format json`) or as Graphviz DOT text.
pub fn answer_network(
    snapshot: &Snapshot,
    id: &str,
    depth: usize,
    dot: bool,
) -> Result<Value, ApiError> {
    let root = snapshot
        .position(id)
        .or_else(|| snapshot.index.find_entity(id))
        .ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))?;
    let network = snapshot.index.network(root, depth);
    let json = interdict_match::report::NetworkJson::new(&network, depth, &snapshot.index);
    if dot {
        return Ok(Value::String(json.to_dot()));
    }
    serde_json::to_value(&json)
        .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// Answers `POST /v1/screen/payment`: one payment message (ISO 20022 XML or SWIFT MT, as the
/// body or as `{"message": "..."}`) screened field by field, with `threshold` and `min_score`
/// from the query string.
pub fn answer_payment(
    snapshot: &Snapshot,
    body: &[u8],
    threshold: f32,
    min_score: f32,
) -> Result<Value, ApiError> {
    let mut read = interdict_payments::read_bytes("the request body", body);
    if read.len() != 1 {
        return Err(ApiError::invalid(format!(
            "the request body holds {} messages: send one message per request",
            read.len()
        )));
    }
    let message = read
        .remove(0)
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let options = interdict_payments::ScreeningOptions {
        threshold,
        min_score: min_score.min(threshold),
        ..interdict_payments::ScreeningOptions::default()
    };
    let screened = interdict_payments::screen(&snapshot.index, &message, &options);
    serde_json::to_value(screened).map_err(|e| ApiError::invalid(e.to_string()))
}

/// Bytes of text scanned between two looks at the deadline.
const PIECE: usize = 64 * 1024;

/// A text cut into pieces of about [`PIECE`] bytes that end at line breaks (or, in a text
/// without any, at a character boundary), each with its offset.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + PIECE).min(text.len());
        if end < text.len() {
            end = match text[start..end].rfind('\n') {
                Some(nl) => start + nl + 1,
                None => (start + 1..=end)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(end),
            };
        }
        let piece = (start, &text[start..end]);
        start = end;
        Some(piece)
    })
}

/// Answers `GET /v1/lists`: each list with the format family, version and publication date the
/// command line shows (`lists status`), its age and whether it is stale.
pub fn answer_lists(snapshot: &Snapshot) -> Value {
    let today = interdict_lists::registry::today();
    json!({
        "lists": snapshot.lists.iter().map(|l| json!({
            "list": l.list,
            "version": l.version,
            "format": l.format.family(),
            "published": l.published,
            "age_days": interdict_lists::registry::age_days(&l.version, l.published.as_deref(), today),
            "entries": snapshot.count(&l.list),
            "warning": interdict_lists::registry::staleness(&l.list, &l.version, l.published.as_deref(), today),
        })).collect::<Vec<_>>(),
        "loaded_at": iso_timestamp(snapshot.loaded_at),
    })
}

/// Answers `GET /readyz`: ready (200) when real lists are loaded, with a warning for each list
/// that is retired or older than its publication cycle; not ready (503) on the built-in sample.
pub fn answer_ready(snapshot: &Snapshot) -> (bool, Value) {
    let lists = answer_lists(snapshot);
    let warnings: Vec<&Value> = lists["lists"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| &l["warning"])
        .filter(|w| !w.is_null())
        .collect();
    if snapshot.sample {
        return (
            false,
            json!({
                "status": "not ready",
                "detail": "serving the built-in sample, not real sanctions lists: import or fetch lists (`interdict lists fetch`) and start again without --sample",
                "lists": lists["lists"],
            }),
        );
    }
    (
        true,
        json!({"status": "ok", "lists": lists["lists"], "warnings": warnings}),
    )
}

/// A time as `YYYY-MM-DDTHH:MM:SSZ`.
fn iso_timestamp(t: std::time::SystemTime) -> String {
    interdict_model::iso_timestamp(
        t.duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    )
}
