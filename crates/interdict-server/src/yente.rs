//! The yente-compatible endpoints: `/match`, `/search`, `/entities`, `/catalog`,
//! `/algorithms`, `/healthz`, `/readyz`, in yente's request and response shapes.

use crate::deadline::Deadline;
use crate::error::{parse_json, ApiError};
use crate::params::Params;
use crate::state::Snapshot;
use interdict_lists::ftm_out;
use interdict_match::{Hit, Query, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::{CountryCode, Entity, Gender, PartialDate, Schema};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The body of `POST /match/{dataset}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// Queries by the caller's keys.
    pub queries: Map<String, Value>,
    /// Feature weights (yente's); accepted, not used.
    #[serde(default)]
    pub weights: Option<Value>,
    /// Algorithm configuration (yente's); accepted, not used.
    #[serde(default)]
    pub config: Option<Value>,
}

/// One entity given by example. Other keys (an entity the API returned, re-submitted with its
/// `caption`, `datasets`, `score`...) are ignored, as yente ignores them.
#[derive(Debug, Deserialize)]
pub struct EntityExample {
    /// The caller's id for it.
    #[serde(default)]
    pub id: Option<String>,
    /// FollowTheMoney schema name.
    pub schema: String,
    /// FollowTheMoney properties: a value or a list of values each.
    #[serde(default)]
    pub properties: Map<String, Value>,
}

/// Names of the algorithms accepted in `algorithm=`, in any case: interdict's own, and
/// yente's, which all run interdict's matcher (the response says so).
pub const ALGORITHMS: &[&str] = &[
    "interdict",
    "best",
    "logic-v2",
    "logic-v1",
    "name-based",
    "name-qualified",
    "regression-v1",
    "ofac",
];

/// The algorithm a request names (lower-cased), if it is one of [`ALGORITHMS`].
fn algorithm_of(params: &Params) -> Result<Option<String>, ApiError> {
    let Some(a) = params.get("algorithm") else {
        return Ok(None);
    };
    let name = a.trim().to_ascii_lowercase();
    if ALGORITHMS.contains(&name.as_str()) {
        Ok(Some(name))
    } else {
        Err(ApiError::bad_request(format!(
            "unknown algorithm '{a}' (known: {})",
            ALGORITHMS.join(", ")
        )))
    }
}

/// The string values of a property (numbers are taken as written; nested objects refused).
fn values(props: &Map<String, Value>, name: &str) -> Result<Vec<String>, ApiError> {
    let bad = || {
        ApiError::invalid(format!(
            "property '{name}': expected a string or a list of strings"
        ))
    };
    match props.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Number(n)) => Ok(vec![n.to_string()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(bad()),
            })
            .filter(|v| !matches!(v, Ok(s) if s.trim().is_empty()))
            .collect(),
        Some(_) => Err(bad()),
    }
}

/// What a FollowTheMoney schema given in a query stands for here.
enum QuerySchema {
    /// One of interdict's (`None`: any).
    Listed(Option<Schema>),
    /// A matchable FollowTheMoney schema whose entities the official lists do not carry as
    /// such (a crypto wallet, an address): a valid query that finds nothing.
    NotListed,
}

/// The FollowTheMoney schemata that can be matched, as interdict's.
fn schema_of(name: &str) -> Result<QuerySchema, ApiError> {
    use QuerySchema::*;
    Ok(match name {
        "Person" => Listed(Some(Schema::Person)),
        "Organization" | "PublicBody" => Listed(Some(Schema::Organization)),
        "Company" => Listed(Some(Schema::Company)),
        "Vessel" => Listed(Some(Schema::Vessel)),
        "Airplane" | "Aircraft" => Listed(Some(Schema::Aircraft)),
        "LegalEntity" => Listed(Some(Schema::LegalEntity)),
        "Thing" => Listed(None),
        "CryptoWallet" | "Address" | "BankAccount" | "Security" | "Vehicle" | "RealEstate" => {
            NotListed
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "schema '{other}' cannot be matched (expected Person, Organization, PublicBody, Company, LegalEntity, Vessel, Airplane, Thing, CryptoWallet, Address, BankAccount, Security, Vehicle or RealEstate)"
            )))
        }
    })
}

/// A schema given by name as interdict's: `None` for `Thing` (any) and for schemata the lists
/// carry no entities of.
pub(crate) fn listed_schema(name: &str) -> Result<Option<Schema>, ApiError> {
    Ok(match schema_of(name)? {
        QuerySchema::Listed(s) => s,
        QuerySchema::NotListed => None,
    })
}

/// FollowTheMoney topics of a listed entity, from its list and programmes: every entry is a
/// `sanction`; one under a counter-terrorism regime (the UN's ISIL/Al-Qaida and Taliban
/// lists, OFAC's SDGT and FTO programmes, the UK's and EU's terrorism regimes) is also
/// `crime.terror`; one on a denied-persons list is a `debarment` instead; a party the source
/// carries only because of its links is `sanction.linked`.
pub fn topics(e: &Entity) -> Vec<&'static str> {
    if e.related_only {
        return vec!["sanction.linked"];
    }
    if e.provenance.list.starts_with("us-bis") {
        return vec!["debarment"];
    }
    let mut out = vec!["sanction"];
    let reference = e.provenance.reference.as_str();
    let un_terror = e.provenance.list.starts_with("un-sc")
        && (reference.starts_with("QD") || reference.starts_with("TA"));
    let programme_terror = e.programmes.iter().any(|p| {
        let p = p.to_ascii_lowercase();
        [
            "sdgt", "fto", "terror", "al-qaida", "isil", "da'esh", "taliban",
        ]
        .iter()
        .any(|w| p.contains(w))
    });
    if un_terror || programme_terror {
        out.push("crime.terror");
    }
    out
}

/// When an entry was first seen, last seen and last changed, as far as its list says.
pub struct Seen {
    /// Its listing date, else its list version's.
    pub first: Option<PartialDate>,
    /// The list version loaded.
    pub last: Option<PartialDate>,
    /// Its latest amendment or listing date, else its list version's.
    pub changed: Option<PartialDate>,
}

impl Seen {
    /// A date as yente writes these timestamps: ISO seconds without a time zone
    /// (`2025-04-19T00:00:00`), a partial date at the start of its year or month.
    pub fn timestamp(d: Option<PartialDate>) -> Option<String> {
        d.map(|d| {
            format!(
                "{:04}-{:02}-{:02}T00:00:00",
                d.year,
                d.month.unwrap_or(1),
                d.day.unwrap_or(1)
            )
        })
    }
}

/// The dates an entry was seen and changed: listing and amendment dates stand for when it
/// was first seen and changed; the list version loaded is when it was last seen.
pub fn seen(e: &Entity) -> Seen {
    let version = PartialDate::parse(&e.provenance.list_version).ok();
    Seen {
        first: e.listed_on.or(version),
        last: version,
        changed: e
            .last_updated
            .iter()
            .copied()
            .chain(e.listed_on)
            .max()
            .or(version),
    }
}

/// A `changed_since` parameter as a date (a time after it is ignored), if given.
pub(crate) fn changed_since(params: &Params) -> Result<Option<PartialDate>, ApiError> {
    params
        .get("changed_since")
        .map(|d| {
            PartialDate::parse(d.get(..10).unwrap_or(d)).map_err(|e| {
                ApiError::invalid_param("changed_since", format!("'{d}' is not a date: {e}"))
            })
        })
        .transpose()
}

/// The queries (one per name) an entity example stands for.
pub fn queries_of(example: &EntityExample) -> Result<Vec<Query>, ApiError> {
    let p = &example.properties;
    let schema = match schema_of(&example.schema)? {
        QuerySchema::Listed(s) => s,
        QuerySchema::NotListed => return Ok(Vec::new()),
    };
    let mut names = values(p, "name")?;
    let parts: Vec<String> = [
        "firstName",
        "secondName",
        "middleName",
        "fatherName",
        "lastName",
    ]
    .iter()
    .map(|k| values(p, k))
    .collect::<Result<Vec<_>, _>>()?
    .into_iter()
    .flatten()
    .collect();
    if !parts.is_empty() {
        names.push(parts.join(" "));
    }
    names.extend(values(p, "alias")?);
    names.extend(values(p, "previousName")?);
    let mut base = Query {
        schema,
        ..Query::default()
    };
    // A value that is no date is left out, the rest of the query kept, as yente drops the
    // values FollowTheMoney cannot clean.
    for d in values(p, "birthDate")?
        .iter()
        .chain(&values(p, "incorporationDate")?)
    {
        if let Ok(date) = PartialDate::parse(d) {
            base.born_on(date);
        }
    }
    for key in COUNTRY_PROPERTIES {
        for c in values(p, key)? {
            // Unknown country names are left out rather than refused, as yente does.
            if let Some(code) = CountryCode::resolve(&c) {
                if !base.countries.contains(&code) {
                    base.countries.push(code);
                }
            }
        }
    }
    for key in IDENTIFIER_PROPERTIES {
        base.identifiers.extend(values(p, key)?);
    }
    if let Some(g) = values(p, "gender")?.first() {
        base.gender = Gender::parse(g);
    }
    // Without a name, the identifiers alone look the entity up (a vessel by its IMO number).
    if names.is_empty() {
        if base.identifiers.is_empty() {
            return Err(ApiError::invalid(
                "the query has no name and no identifier: give properties.name (or firstName and lastName), or an identifier such as imoNumber or registrationNumber",
            ));
        }
        names.push(String::new());
    }
    Ok(names
        .into_iter()
        .map(|name| Query {
            name,
            ..base.clone()
        })
        .collect())
}

/// Options of a match request from its query string.
pub struct MatchOptions {
    /// Match threshold.
    pub threshold: f32,
    /// Results below are left out.
    pub cutoff: f32,
    /// Most results per query.
    pub limit: usize,
    /// The entries it may answer with.
    pub scope: Scope,
    /// The algorithm asked for (lower-cased), if any: interdict's matcher answers either way.
    pub algorithm: Option<String>,
}

/// The entries a request may answer with.
#[derive(Debug, Default)]
pub struct Scope {
    /// Lists searched.
    pub lists: Vec<String>,
    /// Entities left out.
    pub exclude: Vec<String>,
    /// Only entities with one of these topics (none: any).
    pub topics: Vec<String>,
    /// Not entities of these schemata.
    pub exclude_schema: Vec<Schema>,
    /// Only entities changed on or after this date.
    pub changed_since: Option<PartialDate>,
}

impl Scope {
    /// Whether an entry is in scope.
    pub fn admits(&self, e: &Entity) -> bool {
        self.lists.contains(&e.provenance.list)
            && !self
                .exclude
                .iter()
                .any(|x| *x == e.id || *x == ftm_out::ftm_id(e))
            && !self.exclude_schema.contains(&e.schema)
            && (self.topics.is_empty()
                || topics(e).iter().any(|t| self.topics.iter().any(|w| w == t)))
            && self
                .changed_since
                .is_none_or(|since| seen(e).changed.is_some_and(|d| d >= since))
    }
}

impl MatchOptions {
    /// Reads `threshold`, `cutoff`, `limit`, `algorithm` and the dataset filters.
    pub fn read(snapshot: &Snapshot, dataset: &str, params: &Params) -> Result<Self, ApiError> {
        let scope = Scope {
            lists: scope_lists(snapshot, dataset, params, &["include_dataset"])?,
            exclude: params
                .all("exclude_entity_ids")
                .into_iter()
                .map(String::from)
                .collect(),
            topics: params.all("topics").into_iter().map(String::from).collect(),
            exclude_schema: params
                .all("exclude_schema")
                .into_iter()
                .map(listed_schema)
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect(),
            changed_since: changed_since(params)?,
        };
        Ok(MatchOptions {
            threshold: params.number("threshold", DEFAULT_THRESHOLD, 0.0..=1.0)?,
            cutoff: params.number("cutoff", 0.5, 0.0..=1.0)?,
            limit: params.number("limit", 5, 0..=500)?,
            scope,
            algorithm: algorithm_of(params)?,
        })
    }
}

/// The lists a request searches: the dataset's, narrowed by each of the `narrowing`
/// parameters given (`include_dataset`; on /search also `datasets`: a name that is no dataset
/// here matches nothing, as in yente), less those of `exclude_dataset`.
pub(crate) fn scope_lists(
    snapshot: &Snapshot,
    dataset: &str,
    params: &Params,
    narrowing: &[&str],
) -> Result<Vec<String>, ApiError> {
    let mut lists = snapshot.dataset(dataset)?;
    for key in narrowing {
        let named = params.all(key);
        if !named.is_empty() {
            let wanted: Vec<String> = named
                .into_iter()
                .filter_map(|d| snapshot.dataset(d).ok())
                .flatten()
                .collect();
            lists.retain(|l| wanted.contains(l));
        }
    }
    let excluded: Vec<String> = params
        .all("exclude_dataset")
        .into_iter()
        .map(|d| snapshot.dataset(d))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    lists.retain(|l| !excluded.contains(l));
    Ok(lists)
}

/// Best hits for all the names of one example, one per entity, best first; stops at the
/// deadline.
pub fn match_example<'a>(
    snapshot: &'a Snapshot,
    queries: &[Query],
    o: &MatchOptions,
    deadline: &Deadline,
) -> Result<Vec<Hit<'a>>, ApiError> {
    let filtered = !o.scope.exclude.is_empty() || o.scope.lists.len() < snapshot.lists.len();
    let options = SearchOptions {
        threshold: o.threshold,
        // Room for the entities the filters leave out.
        limit: if filtered {
            o.limit.saturating_mul(4).max(20)
        } else {
            o.limit
        },
        min_score: o.cutoff,
    };
    let mut best: HashMap<&str, Hit<'a>> = HashMap::new();
    for q in queries {
        deadline.check()?;
        for h in snapshot.index.search(q, &options) {
            let Some(h) = in_scope(h, &o.scope, o.threshold) else {
                continue;
            };
            // yente drops results at or below both the cutoff and the threshold.
            if h.score <= o.cutoff.min(o.threshold) {
                continue;
            }
            match best.get(h.entity.id.as_str()) {
                Some(b) if b.score >= h.score => {}
                _ => {
                    best.insert(&h.entity.id, h);
                }
            }
        }
    }
    let mut hits: Vec<Hit<'a>> = best.into_values().collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.entity.id.cmp(&b.entity.id))
    });
    hits.truncate(o.limit);
    Ok(hits)
}

/// A hit as a request's scope sees it. Entries of several lists for one target come folded
/// under the designating authority's (the UN's): when that entry's list is in scope, it is the
/// result and the in-scope others stay with it; when it is not (`/match/gb-hmt`,
/// `exclude_dataset=un-sc`), the first in-scope entry of another list is the result in its
/// place, with its own score and name. `None` when no entry of the target is in scope.
pub(crate) fn in_scope<'a>(mut h: Hit<'a>, scope: &Scope, threshold: f32) -> Option<Hit<'a>> {
    let mine = scope.admits(h.entity);
    h.also_listed.retain(|a| scope.admits(a.entity));
    if mine {
        return Some(h);
    }
    if h.also_listed.is_empty() {
        return None;
    }
    let first = h.also_listed.remove(0);
    Some(Hit {
        entity: first.entity,
        score: first.score,
        is_match: first.score >= threshold,
        matched_name: first.matched_name,
        // The links were the folded entry's; yente's shape does not carry them.
        connections: interdict_match::Connections::default(),
        ..h
    })
}

/// An entity in yente's shape.
pub fn entity_json(e: &Entity) -> Value {
    entity_json_with(e, &[])
}

/// An entity in yente's shape (FollowTheMoney ids and dataset names), with the entries of other lists for the same target folded
/// into it: their datasets beside its own, their ids as its `referents`.
pub fn entity_json_with(e: &Entity, others: &[&Entity]) -> Value {
    let mut datasets = ftm_out::ftm_datasets(e);
    for d in others.iter().flat_map(|o| ftm_out::ftm_datasets(o)) {
        if !datasets.contains(&d) {
            datasets.push(d);
        }
    }
    let referents: Vec<String> = others.iter().map(|o| ftm_out::ftm_id(o)).collect();
    let mut properties = ftm_out::ftm_properties(e);
    properties.insert("topics".into(), json!(topics(e)));
    let dates = seen(e);
    json!({
        "id": ftm_out::ftm_id(e),
        "caption": e.caption,
        "schema": ftm_out::ftm_schema(e.schema),
        "properties": properties,
        "datasets": datasets,
        "referents": referents,
        "target": !e.related_only,
        "first_seen": Seen::timestamp(dates.first),
        "last_seen": Seen::timestamp(dates.last),
        "last_change": Seen::timestamp(dates.changed),
    })
}

/// A scored entity in yente's shape, with interdict's explanation beside yente's features.
pub fn scored_json(h: &Hit<'_>) -> Value {
    let others: Vec<&Entity> = h.also_listed.iter().map(|a| a.entity).collect();
    let mut v = entity_json_with(h.entity, &others);
    let score = interdict_match::report::round_score(h.score);
    v["score"] = json!(score);
    v["match"] = json!(h.is_match);
    // Every feature that contributed, as yente lists them: the name score and the change each
    // attribute made.
    let mut features = Map::new();
    features.insert(
        "name_match".into(),
        json!(interdict_match::report::round_score(
            h.explanation.name.score
        )),
    );
    for (name, finding) in [
        ("dob", &h.explanation.dob),
        ("country", &h.explanation.country),
        ("identifier", &h.explanation.id),
        ("gender", &h.explanation.gender),
    ] {
        if let Some(f) = finding {
            features.insert(
                name.into(),
                json!(interdict_match::report::round_score(f.effect)),
            );
        }
    }
    v["features"] = Value::Object(features);
    let mut explanations = Map::new();
    explanations.insert(
        "name_match".into(),
        json!({
            "score": score,
            "detail": h.explanation.summary,
            "candidate": h.matched_name,
        }),
    );
    for (name, finding) in [
        ("dob", &h.explanation.dob),
        ("country", &h.explanation.country),
        ("identifier", &h.explanation.id),
        ("gender", &h.explanation.gender),
    ] {
        if let Some(f) = finding {
            explanations.insert(
                name.into(),
                json!({
                    "score": interdict_match::report::round_score(f.effect),
                    "detail": f.outcome,
                    // yente's explanation fields are strings.
                    "query": f.query.join("; "),
                    "candidate": f.listed.join("; "),
                }),
            );
        }
    }
    v["explanations"] = Value::Object(explanations);
    v["explanation"] = serde_json::to_value(&h.explanation).unwrap_or(Value::Null);
    v
}

/// Properties of a query by how they are cleaned for its echo.
const NAME_PROPERTIES: &[&str] = &[
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "firstName",
    "secondName",
    "middleName",
    "fatherName",
    "lastName",
    "title",
];
const DATE_PROPERTIES: &[&str] = &["birthDate", "incorporationDate", "deathDate"];
const COUNTRY_PROPERTIES: &[&str] = &[
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "mainCountry",
    "flag",
];
/// Properties that hold identifiers, looked up in the lists' documents and numbers.
const IDENTIFIER_PROPERTIES: &[&str] = &[
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "imoNumber",
    "mmsi",
    "callSign",
    "innCode",
    "ogrnCode",
    "swiftBic",
    "leiCode",
];
const TEXT_PROPERTIES: &[&str] = &["gender", "address", "birthPlace", "topics", "notes"];

/// A query as yente echoes it: the entity cleaned as FollowTheMoney cleans it, countries as
/// codes, dates as ISO strings, values that are neither dropped, unknown properties left out.
pub fn cleaned_example(example: &EntityExample) -> Value {
    let mut props = Map::new();
    for (key, _) in &example.properties {
        let Ok(raw) = values(&example.properties, key) else {
            continue;
        };
        let cleaned: Vec<String> = if COUNTRY_PROPERTIES.contains(&key.as_str()) {
            raw.iter()
                .filter_map(|c| CountryCode::resolve(c).map(|c| c.to_string()))
                .collect()
        } else if DATE_PROPERTIES.contains(&key.as_str()) {
            raw.iter()
                .filter_map(|d| PartialDate::parse(d).ok().map(|d| d.to_string()))
                .collect()
        } else if [NAME_PROPERTIES, IDENTIFIER_PROPERTIES, TEXT_PROPERTIES]
            .iter()
            .any(|group| group.contains(&key.as_str()))
        {
            raw.into_iter().map(|v| v.trim().to_string()).collect()
        } else {
            continue;
        };
        if !cleaned.is_empty() {
            props.insert(key.clone(), json!(cleaned));
        }
    }
    let mut echo = json!({"schema": example.schema, "properties": props});
    if let Some(id) = &example.id {
        echo["id"] = json!(id);
    }
    echo
}

/// Reads every query of a batch, or says which one is wrong (the whole request is refused).
pub fn read_queries(request: &MatchRequest) -> Result<Vec<(String, Vec<Query>)>, ApiError> {
    request
        .queries
        .iter()
        .map(|(key, raw)| {
            let example = serde_json::from_value::<EntityExample>(raw.clone())
                .map_err(|e| ApiError::invalid(format!("queries.{key}: {e}")))?;
            let queries = queries_of(&example).map_err(|e| ApiError {
                detail: format!("queries.{key}: {}", e.detail),
                ..e
            })?;
            Ok((key.clone(), queries))
        })
        .collect()
}

/// Answers a batch of match queries (the caller has checked the batch size).
pub fn answer_match(
    snapshot: &Snapshot,
    request: &MatchRequest,
    o: &MatchOptions,
    deadline: &Deadline,
) -> Result<Value, ApiError> {
    let mut responses = Map::new();
    for (key, queries) in read_queries(request)? {
        let hits = match_example(snapshot, &queries, o, deadline)?;
        let echo = serde_json::from_value::<EntityExample>(request.queries[&key].clone())
            .map(|example| cleaned_example(&example))
            .unwrap_or(Value::Null);
        let answer = json!({
            "status": 200,
            "results": hits.iter().map(scored_json).collect::<Vec<_>>(),
            // As in yente, the total counts the results that are matches.
            "total": {"value": hits.iter().filter(|h| h.is_match).count(), "relation": "eq"},
            "query": echo,
        });
        responses.insert(key, answer);
    }
    let mut answer = json!({"responses": responses, "limit": o.limit});
    if let Some(a) = &o.algorithm {
        answer["algorithm"] = json!({
            "requested": a,
            "used": "interdict",
            "note": "every algorithm name runs interdict's matcher and its calibrated threshold",
        });
    }
    Ok(answer)
}

/// Parses a match request body.
pub fn parse_match(body: &[u8], max_batch: usize) -> Result<MatchRequest, ApiError> {
    let request: MatchRequest = parse_json(body)?;
    if request.queries.is_empty() {
        return Err(ApiError::bad_request(
            "'queries' is empty: give at least one query",
        ));
    }
    if request.queries.len() > max_batch {
        return Err(ApiError::bad_request(format!(
            "{} queries in one request; at most {max_batch} are accepted",
            request.queries.len()
        )));
    }
    Ok(request)
}

/// Answers `GET /catalog`.
pub fn answer_catalog(snapshot: &Snapshot) -> Value {
    let mut datasets: Vec<Value> = snapshot
        .lists
        .iter()
        .map(|l| {
            json!({
                "name": ftm_out::dataset_name(&l.list),
                "title": list_title(&l.list),
                "version": l.version,
                "updated_at": l.version,
                "entity_count": snapshot.count(&l.list),
                "load": true,
                "index_current": true,
                "index_version": l.version,
                "children": [],
            })
        })
        .collect();
    let children: Vec<String> = snapshot
        .lists
        .iter()
        .map(|l| ftm_out::dataset_name(&l.list))
        .collect();
    for name in ["default", "sanctions"] {
        datasets.push(json!({
            "name": name,
            "title": "All loaded lists",
            "entity_count": snapshot.index.entities().len(),
            "load": true,
            "index_current": true,
            "children": children,
        }));
    }
    json!({"datasets": datasets, "current": children, "outdated": [], "index_stale": false})
}

/// Answers `GET /manifest`: the lists loaded, as yente describes the datasets of its manifest.
pub fn answer_manifest(snapshot: &Snapshot) -> Value {
    let datasets: Vec<Value> = snapshot
        .lists
        .iter()
        .map(|l| {
            json!({
                "name": ftm_out::dataset_name(&l.list),
                "title": list_title(&l.list),
                "version": l.version,
                "load": true,
                "entity_count": snapshot.count(&l.list),
            })
        })
        .collect();
    json!({"catalogs": [], "datasets": datasets})
}

/// The title of a list, as its authority names it.
pub(crate) fn list_title(list: &str) -> String {
    match list {
        "un-sc" => "UN Security Council Consolidated List",
        "us-ofac-sdn" => "US OFAC Specially Designated Nationals (SDN) List",
        "us-ofac-cons" => "US OFAC Consolidated (non-SDN) Sanctions List",
        "us-ofac" => "US OFAC Sanctions List Service",
        "gb-fcdo" => "UK Sanctions List (FCDO)",
        "gb-hmt" => "UK HM Treasury OFSI Consolidated List (retired)",
        "eu-fsf" => "EU Financial Sanctions Files",
        "ca-sema" => "Canada Consolidated Autonomous Sanctions List",
        "au-dfat" => "Australia DFAT Consolidated List",
        "us-bis-dpl" => "US BIS Denied Persons List",
        "opensanctions" => "OpenSanctions",
        other => other,
    }
    .to_string()
}

/// The features a score is made of, as `/algorithms` documents them and results list them.
const FEATURES: &[(&str, &str)] = &[
    ("name_match", "score of the best-matching name pair, before the attributes: the share of each name explained by the other, weighted by how rare its words are on the lists"),
    ("dob", "change to the score from the dates of birth: positive when they agree, negative when they contradict"),
    ("country", "change from nationality and other countries: a small confirmation, a share off for no link"),
    ("identifier", "change from identity documents, registration and IMO numbers: the same number with a compatible name decides"),
    ("gender", "change from gender: only a contradiction counts"),
];

/// Answers `GET /algorithms`.
pub fn answer_algorithms() -> Value {
    let docs: Map<String, Value> = FEATURES
        .iter()
        .map(|(name, description)| {
            (
                name.to_string(),
                json!({"description": description, "coefficient": 1.0}),
            )
        })
        .collect();
    json!({
        "algorithms": ALGORITHMS.iter().map(|a| json!({
            "name": a,
            "description": if *a == "interdict" {
                "interdict's matcher: name tokens aligned across spellings, transliterations and word orders, scored by how much of each name they explain and how rare their words are on the lists; dates of birth, countries, identifiers and gender then confirm or contradict".to_string()
            } else {
                format!("yente's '{a}' name, accepted for compatibility: interdict's matcher runs")
            },
            "docs": docs,
            "config": {
                "threshold": {"description": "score from which a result is a match", "default": interdict_match::report::round_score(DEFAULT_THRESHOLD)},
                "cutoff": {"description": "results at or below this and the threshold are left out", "default": 0.5},
            },
        })).collect::<Vec<_>>(),
        "default": "interdict",
        "best": "interdict",
    })
}
