//! The W3C reconciliation API as OpenRefine speaks it and yente answers it: a manifest, queries
//! scored as `/match` scores them (properties included), data extension, entity, type and
//! property suggestions, and previews.

use crate::deadline::Deadline;
use crate::error::{parse_json, ApiError};
use crate::ftm_model::{self, SchemaInfo};
use crate::params::Params;
use crate::state::Snapshot;
use crate::yente::{entity_json, match_example, queries_of, EntityExample, MatchOptions};
use interdict_lists::ftm_out::{ftm_id, ftm_schema};
use interdict_model::{CountryCode, Entity};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// Most suggestions of types and properties, as yente's `MATCH_PAGE`.
const SUGGEST_PAGE: usize = 5;

/// The schemata of the entities a dataset holds, with their ancestors (the types proposed).
fn dataset_schemata(
    snapshot: &Snapshot,
    dataset: &str,
) -> Result<Vec<&'static SchemaInfo>, ApiError> {
    let lists = snapshot.dataset(dataset)?;
    let mut used: Vec<&str> = Vec::new();
    for e in snapshot
        .index
        .entities()
        .filter(|e| lists.contains(&e.provenance.list))
    {
        let name = ftm_schema(e.schema);
        if !used.contains(&name) {
            used.push(name);
        }
    }
    Ok(ftm_model::with_ancestors(used))
}

/// A schema as a reconciliation type.
fn type_json(s: &SchemaInfo) -> Value {
    json!({"id": s.name, "name": s.plural, "description": s.description})
}

/// The service manifest. `query` is the request's query string, passed on to the services it
/// names (an API key given there keeps working).
pub fn manifest(
    snapshot: &Snapshot,
    dataset: &str,
    base: &str,
    query: &str,
) -> Result<Value, ApiError> {
    let types: Vec<Value> = dataset_schemata(snapshot, dataset)?
        .into_iter()
        .map(type_json)
        .collect();
    let qs = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let service = format!("{base}/reconcile/{dataset}");
    let at = |path: &str| json!({"service_url": service, "service_path": format!("{path}{qs}")});
    Ok(json!({
        "versions": ["0.2"],
        "name": format!("interdict ({dataset})"),
        "identifierSpace": format!("{base}/entities/"),
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "documentation": format!("{base}/docs"),
        "batchSize": 10,
        "view": {"url": format!("{base}/entities/{{{{id}}}}")},
        "preview": {"url": format!("{service}/preview?id={{{{id}}}}"), "width": 430, "height": 300},
        "suggest": {
            "entity": at("/suggest/entity"),
            "type": at("/suggest/type"),
            "property": at("/suggest/property"),
        },
        "extend": {
            "propose_properties": at("/extend/property"),
            "propose_settings": [
                {"name": "limit", "label": "Limit", "type": "number", "default": 0,
                 "help_text": "Maximum number of values to return per row (0 for no limit).", "choices": []},
                {"name": "render", "label": "Value rendering", "type": "select", "default": "caption",
                 "help_text": "Return readable value (e.g. 'Russia') instead of raw value ('ru').",
                 "choices": [{"id": "caption", "name": "User-readable value"}, {"id": "raw", "name": "Machine-readable value"}]},
            ],
        },
        "defaultTypes": types,
    }))
}

/// One reconciliation query. OpenRefine's other fields (`type_strict`) are ignored.
#[derive(Debug, Deserialize)]
struct ReconcileQuery {
    #[serde(default)]
    query: Option<String>,
    /// A schema name, or a list of them (the first is used).
    #[serde(default, rename = "type")]
    kind: Option<Value>,
    /// A number (OpenRefine may send `5.0`).
    #[serde(default)]
    limit: Option<Value>,
    /// Property values that the score takes into account, as `/match` does.
    #[serde(default)]
    properties: Vec<PropertyValue>,
}

/// A property value of a reconciliation query: `pid` is a property (`birthDate`) or a
/// qualified one (`Person:birthDate`); `v` a value or a list of them.
#[derive(Debug, Deserialize)]
struct PropertyValue {
    pid: String,
    v: Value,
}

impl ReconcileQuery {
    /// The query as an entity example, as `/match` takes it.
    fn example(&self) -> Result<EntityExample, ApiError> {
        let schema = match &self.kind {
            None | Some(Value::Null) => "Thing".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(items)) => items
                .first()
                .and_then(Value::as_str)
                .unwrap_or("Thing")
                .to_string(),
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "type: {other} is not a schema name"
                )))
            }
        };
        let mut properties: Map<String, Value> = Map::new();
        let mut add = |key: &str, v: Value| {
            let slot = properties
                .entry(key.to_string())
                .or_insert_with(|| json!([]));
            if let Value::Array(items) = slot {
                match v {
                    Value::Array(vs) => items.extend(vs),
                    v => items.push(v),
                }
            }
        };
        if let Some(q) = &self.query {
            add("name", json!(q));
        }
        for p in &self.properties {
            let name = p.pid.rsplit(':').next().unwrap_or(&p.pid);
            add(name, p.v.clone());
        }
        Ok(EntityExample {
            id: None,
            schema,
            properties,
        })
    }

    /// Most results wanted (5 unless said; at most 50).
    fn limit(&self) -> Result<usize, ApiError> {
        match &self.limit {
            None | Some(Value::Null) => Ok(5),
            Some(Value::Number(n)) => match n.as_f64() {
                Some(x) if x >= 0.0 => Ok((x as usize).min(50)),
                _ => Err(ApiError::invalid(format!(
                    "limit: {n} is not a positive number"
                ))),
            },
            Some(other) => Err(ApiError::invalid(format!("limit: {other} is not a number"))),
        }
    }
}

/// Answers a batch of reconciliation queries given as a JSON object; `params` are the request's
/// query parameters (`algorithm`, `changed_since`, dataset filters), as `/match` reads them.
pub fn answer(
    snapshot: &Snapshot,
    dataset: &str,
    queries: &str,
    params: &Params,
    max_batch: usize,
    deadline: &Deadline,
) -> Result<Value, ApiError> {
    let batch: Map<String, Value> = parse_json(queries.as_bytes())?;
    if batch.len() > max_batch {
        return Err(ApiError::bad_request(format!(
            "{} queries; at most {max_batch} are accepted",
            batch.len()
        )));
    }
    let mut options = MatchOptions::read(snapshot, dataset, params)?;
    let mut out = Map::new();
    for (key, raw) in batch {
        let q: ReconcileQuery = serde_json::from_value(raw)
            .map_err(|e| ApiError::bad_request(format!("query '{key}': {e}")))?;
        let example = q.example()?;
        let queries = queries_of(&example)
            .map_err(|e| ApiError::bad_request(format!("query '{key}': {}", e.detail)))?;
        options.limit = q.limit()?;
        let hits = match_example(snapshot, &queries, &options, deadline)?;
        let result: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = candidate(h.entity);
                v["score"] = json!(interdict_match::report::round_score(h.score));
                v["match"] = json!(h.is_match);
                v
            })
            .collect();
        out.insert(key, json!({"result": result}));
    }
    Ok(Value::Object(out))
}

/// An entity as a reconciliation candidate: id, caption, type.
fn candidate(e: &Entity) -> Value {
    let schema = ftm_model::schema(ftm_schema(e.schema));
    json!({
        "id": ftm_id(e),
        "name": e.caption,
        "description": schema.map(|s| s.label.as_str()),
        "type": schema.map(type_json).into_iter().collect::<Vec<_>>(),
    })
}

/// A data extension request: property values of entities by id.
#[derive(Debug, Deserialize)]
struct ExtendQuery {
    ids: Vec<String>,
    properties: Vec<ExtendProperty>,
}

/// One property asked for, with how its values are given.
#[derive(Debug, Deserialize)]
struct ExtendProperty {
    id: String,
    #[serde(default)]
    settings: ExtendSettings,
}

/// How an extended property's values are given.
#[derive(Debug, Default, Deserialize)]
struct ExtendSettings {
    /// At most this many values per entity (0: all).
    #[serde(default)]
    limit: Option<Value>,
    /// `caption` (readable: country names) or `raw` (codes).
    #[serde(default)]
    render: Option<String>,
}

/// Answers a data extension request (OpenRefine's "add columns from reconciled values").
pub fn extend(snapshot: &Snapshot, request: &str, max_batch: usize) -> Result<Value, ApiError> {
    let query: ExtendQuery =
        serde_json::from_str(request).map_err(|e| ApiError::bad_request(format!("extend: {e}")))?;
    if query.ids.len() > max_batch {
        return Err(ApiError::bad_request(format!(
            "{} ids; at most {max_batch} are accepted",
            query.ids.len()
        )));
    }
    let mut meta: Vec<Value> = Vec::new();
    let mut rows = Map::new();
    for id in &query.ids {
        let mut row = Map::new();
        if let Some(e) = snapshot.entity(id) {
            let schema = ftm_model::schema(ftm_schema(e.schema));
            let props = entity_json(e)["properties"].clone();
            for asked in &query.properties {
                let Some(prop) = schema.and_then(|s| ftm_model::property(s, &asked.id)) else {
                    continue;
                };
                if !meta.iter().any(|m| m["id"] == asked.id) {
                    meta.push(json!({"id": asked.id, "name": prop.label}));
                }
                let limit = asked
                    .settings
                    .limit
                    .as_ref()
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0) as usize;
                let raw = asked.settings.render.as_deref() == Some("raw");
                let values: Vec<Value> = props[&asked.id]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .take(if limit == 0 { usize::MAX } else { limit })
                    .map(|v| json!({"str": if raw { v.to_string() } else { caption(&prop.kind, v) }}))
                    .collect();
                row.insert(asked.id.clone(), Value::Array(values));
            }
        }
        rows.insert(id.clone(), Value::Object(row));
    }
    Ok(json!({"meta": meta, "rows": rows}))
}

/// A value as a reader wants it: a country's name for its code.
fn caption(kind: &str, value: &str) -> String {
    match kind {
        "country" => {
            CountryCode::from_alpha2(value).map_or(value.to_string(), |c| c.name().to_string())
        }
        _ => value.to_string(),
    }
}

/// Whether `prefix` starts one of `labels` (case aside); an empty prefix starts none.
fn starts(prefix: &str, labels: &[&str]) -> bool {
    let p = prefix.trim().to_lowercase();
    !p.is_empty()
        && labels
            .iter()
            .any(|l| l.trim().to_lowercase().starts_with(&p))
}

/// Entities whose name holds what was typed at a word's start ("hafiz muhammad sa", "saee"),
/// those whose name starts with it first.
pub fn suggest_entity(
    snapshot: &Snapshot,
    dataset: &str,
    params: &Params,
) -> Result<Value, ApiError> {
    let lists = snapshot.dataset(dataset)?;
    let prefix = params.get("prefix").unwrap_or("");
    let limit: usize = params.number("limit", 10, 0..=500)?;
    let typed: Vec<String> = interdict_names::tokenize(prefix)
        .into_iter()
        .map(|t| t.text)
        .collect();
    // (word it starts at, not the UN's entry, target, entity): one suggestion per target, the
    // UN's entry leading where other lists' entries quote it.
    let index = &snapshot.index;
    let mut found: Vec<(usize, bool, String, &Entity)> = Vec::new();
    if !typed.is_empty() {
        for i in 0..index.entity_count() {
            let e = index.entity(i);
            if !lists.contains(&e.provenance.list) {
                continue;
            }
            if let Some(at) = e
                .names
                .iter()
                .filter_map(|n| word_prefix_at(&typed, &n.full))
                .min()
            {
                let target = index
                    .target_of(i)
                    .map_or_else(|| e.id.clone(), str::to_string);
                found.push((at, !e.provenance.list.starts_with("un-sc"), target, e));
            }
        }
    }
    found.sort_by_key(|a| (a.0, a.1));
    let mut seen = std::collections::HashSet::new();
    found.retain(|(_, _, target, _)| seen.insert(target.clone()));
    let result: Vec<Value> = found
        .into_iter()
        .take(limit)
        .map(|(.., e)| candidate(e))
        .collect();
    Ok(json!({"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result}))
}

/// The word of `name` at which the typed words begin (all but the last whole, the last as a
/// prefix), if they do.
fn word_prefix_at(typed: &[String], name: &str) -> Option<usize> {
    let words: Vec<String> = interdict_names::tokenize(name)
        .into_iter()
        .map(|t| t.text)
        .collect();
    let (last, whole) = typed.split_last()?;
    (0..words.len()).find(|&i| {
        let rest = &words[i..];
        rest.len() >= typed.len()
            && whole.iter().zip(rest).all(|(t, w)| t == w)
            && rest[whole.len()].starts_with(last.as_str())
    })
}

/// Types (schemata of the dataset) whose name or label starts with what was typed.
pub fn suggest_type(
    snapshot: &Snapshot,
    dataset: &str,
    params: &Params,
) -> Result<Value, ApiError> {
    let prefix = params.get("prefix").unwrap_or("");
    let result: Vec<Value> = dataset_schemata(snapshot, dataset)?
        .into_iter()
        .filter(|s| starts(prefix, &[&s.name, &s.label]))
        .take(SUGGEST_PAGE)
        .map(type_json)
        .collect();
    Ok(json!({"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result}))
}

/// Properties of the dataset's schemata whose name or label starts with what was typed, as
/// `Schema:property`.
pub fn suggest_property(
    snapshot: &Snapshot,
    dataset: &str,
    params: &Params,
) -> Result<Value, ApiError> {
    let prefix = params.get("prefix").unwrap_or("");
    let result: Vec<Value> = dataset_schemata(snapshot, dataset)?
        .into_iter()
        .flat_map(|s| s.properties.iter().map(move |p| (s, p)))
        .filter(|(_, p)| !p.hidden && p.kind != "entity" && starts(prefix, &[&p.name, &p.label]))
        .take(SUGGEST_PAGE)
        .map(|(s, p)| json!({"id": format!("{}:{}", s.name, p.name), "name": p.label, "description": p.description}))
        .collect();
    Ok(json!({"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result}))
}

/// Properties proposed for data extension of a type: its featured ones, then the rest (at most
/// `limit`, 0 for all), sorted by label.
pub fn extend_properties(params: &Params) -> Result<Value, ApiError> {
    let name = params
        .get("type")
        .filter(|t| !t.is_empty())
        .unwrap_or("Thing");
    let limit: usize = params.number("limit", 0, 0..=1000)?;
    let schema = ftm_model::schema(name)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid type: {name} (a FollowTheMoney schema such as Person, Organization, LegalEntity or Vessel)")))?;
    let all = ftm_model::properties(schema);
    let usable = |p: &&ftm_model::PropertyInfo| !p.hidden && p.kind != "entity";
    let mut props: Vec<&ftm_model::PropertyInfo> = schema
        .featured
        .iter()
        .filter_map(|f| all.iter().map(|(_, p)| *p).find(|p| p.name == *f))
        .filter(usable)
        .collect();
    for (_, p) in &all {
        if usable(p) && !schema.featured.contains(&p.name) {
            props.push(p);
        }
    }
    if limit > 0 {
        props.truncate(limit);
    }
    props.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(json!({
        "limit": limit,
        "type": schema.name,
        "properties": props.iter().map(|p| json!({"id": p.name, "name": p.label})).collect::<Vec<_>>(),
    }))
}

/// An HTML preview of an entity.
pub fn preview(snapshot: &Snapshot, id: &str) -> Result<String, ApiError> {
    let e = snapshot
        .entity(id)
        .ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))?;
    let esc = crate::web::html::esc;
    let v = entity_json(e);
    let mut rows = String::new();
    for (k, vals) in v["properties"].as_object().into_iter().flatten() {
        let text: Vec<&str> = vals
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        rows.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(k),
            esc(&text.join("; "))
        ));
    }
    Ok(format!(
        "<html><body><h3>{}</h3><p>{} {} ({})</p><table>{rows}</table></body></html>",
        esc(&e.caption),
        esc(&e.provenance.list),
        esc(&e.provenance.reference),
        e.schema.as_str()
    ))
}
