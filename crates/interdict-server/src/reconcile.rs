//! The W3C reconciliation API (as OpenRefine speaks it): a manifest, queries, entity
//! suggestions and previews.

use crate::deadline::Deadline;
use crate::error::{parse_json, ApiError};
use crate::state::Snapshot;
use crate::yente::{entity_json, match_example, MatchOptions};
use interdict_match::{Query, DEFAULT_THRESHOLD};
use interdict_model::Schema;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The service manifest.
pub fn manifest(dataset: &str, base: &str) -> Value {
    json!({
        "versions": ["0.2"],
        "name": format!("interdict ({dataset})"),
        "identifierSpace": "https://interdict.invalid/entities/",
        "schemaSpace": "https://interdict.invalid/schemata/",
        "defaultTypes": [
            {"id": "Person", "name": "Person"},
            {"id": "Organization", "name": "Organization"},
            {"id": "Vessel", "name": "Vessel"},
        ],
        "view": {"url": format!("{base}/entities/{{{{id}}}}")},
        "preview": {"url": format!("{base}/reconcile/{dataset}/preview?id={{{{id}}}}"), "width": 430, "height": 300},
        "suggest": {"entity": {"service_url": base, "service_path": format!("/reconcile/{dataset}/suggest/entity")}},
    })
}

/// One reconciliation query (other fields OpenRefine sends, `properties` and `type_strict`,
/// are ignored).
#[derive(Debug, Deserialize)]
struct ReconcileQuery {
    query: String,
    #[serde(default, rename = "type")]
    kind: Option<Value>,
    #[serde(default)]
    limit: Option<usize>,
}

/// Answers a batch of reconciliation queries given as a JSON object.
pub fn answer(
    snapshot: &Snapshot,
    dataset: &str,
    queries: &str,
    max_batch: usize,
    deadline: &Deadline,
) -> Result<Value, ApiError> {
    let batch: Map<String, Value> = parse_json(queries.as_bytes())?;
    if batch.len() > max_batch {
        return Err(ApiError::invalid(format!(
            "{} queries; at most {max_batch} are accepted",
            batch.len()
        )));
    }
    let mut out = Map::new();
    for (key, raw) in batch {
        let q: ReconcileQuery = serde_json::from_value(raw)
            .map_err(|e| ApiError::invalid(format!("query '{key}': {e}")))?;
        let schema = match &q.kind {
            Some(Value::String(s)) => s.parse::<Schema>().ok(),
            _ => None,
        };
        let params =
            crate::params::Params::parse(Some(&format!("limit={}", q.limit.unwrap_or(5).min(50))));
        let options = MatchOptions::read(snapshot, dataset, &params)?;
        let query = Query {
            name: q.query.clone(),
            schema,
            ..Query::default()
        };
        let hits = match_example(snapshot, &[query], &options, deadline)?;
        let result: Vec<Value> = hits
            .iter()
            .map(|h| {
                json!({
                    "id": h.entity.id,
                    "name": h.entity.caption,
                    "score": (f64::from(h.score) * 100.0).round(),
                    "match": h.score >= DEFAULT_THRESHOLD,
                    "type": [{"id": h.entity.schema.as_str(), "name": h.entity.schema.as_str()}],
                    "description": h.explanation.summary,
                })
            })
            .collect();
        out.insert(key, json!({"result": result}));
    }
    Ok(Value::Object(out))
}

/// Entity suggestions for what was typed.
pub fn suggest(snapshot: &Snapshot, dataset: &str, prefix: &str) -> Result<Value, ApiError> {
    let lists = snapshot.dataset(dataset)?;
    let p = prefix.trim().to_lowercase();
    if p.is_empty() {
        return Ok(json!({"result": []}));
    }
    let result: Vec<Value> = snapshot
        .index
        .entities()
        .filter(|e| lists.contains(&e.provenance.list))
        .filter(|e| e.names.iter().any(|n| n.full.to_lowercase().starts_with(&p)))
        .take(10)
        .map(|e| json!({"id": e.id, "name": e.caption, "description": format!("{} {}", e.provenance.list, e.provenance.reference)}))
        .collect();
    Ok(json!({"result": result}))
}

/// An HTML preview of an entity.
pub fn preview(snapshot: &Snapshot, id: &str) -> Result<String, ApiError> {
    let e = snapshot
        .entity(id)
        .ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))?;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let v = entity_json(e);
    let mut rows = String::new();
    if let Some(props) = v["properties"].as_object() {
        for (k, vals) in props {
            let text: Vec<String> = vals
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            x.as_str()
                                .map(String::from)
                                .unwrap_or_else(|| x.to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            rows.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(k),
                esc(&text.join("; "))
            ));
        }
    }
    Ok(format!(
        "<html><body><h3>{}</h3><p>{} {} ({})</p><table>{rows}</table></body></html>",
        esc(&e.caption),
        esc(&e.provenance.list),
        esc(&e.provenance.reference),
        e.schema.as_str()
    ))
}
