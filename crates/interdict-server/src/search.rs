//! `GET /search/{dataset}` as yente answers it: entities by name, or every entity of the scope
//! when `q` is empty (filter-only and faceted interfaces browse), with filters and facets.

use crate::error::ApiError;
use crate::params::Params;
use crate::query_syntax;
use crate::state::Snapshot;
use crate::yente::{
    changed_since, entity_json_with, in_scope, listed_schema, scope_lists, seen, topics, Scope,
};
use interdict_match::{Query, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::{CountryCode, Entity, Schema};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The most results a search by name ranks: `total` counts them, so it stays the same on
/// every page.
const SEARCH_DEPTH: usize = 500;

/// Facets counted when the request names none.
const DEFAULT_FACETS: &[&str] = &["countries", "topics", "datasets"];

/// An entity found, with the entries of other lists for the same target folded into it.
type Found<'a> = (&'a Entity, Vec<&'a Entity>);

/// The filters of a search.
struct Filters {
    /// Only these schemata (and what they can match); `None` for any.
    schema: Option<Option<Schema>>,
    /// Not these schemata.
    exclude_schema: Vec<Schema>,
    /// Only entities linked to one of these countries.
    countries: Vec<CountryCode>,
    /// Only entities with one of these topics.
    topics: Vec<String>,
    /// `target=false` asks for entities that are not sanctions targets: there are none here.
    targets_only: Option<bool>,
    /// `filter=property:value` (yente's generic filters; `properties.` may lead the name).
    properties: Vec<(String, String)>,
    /// `filter_op=AND`: every country, topic and property filter must hold, not one of each.
    all: bool,
}

impl Filters {
    fn read(params: &Params) -> Result<Self, ApiError> {
        let schema = match params.get("schema") {
            Some(s) if !s.is_empty() => Some(listed_schema(s)?),
            _ => None,
        };
        let exclude_schema = params
            .all("exclude_schema")
            .into_iter()
            .map(listed_schema)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        let countries = params
            .all("countries")
            .into_iter()
            .map(|c| {
                CountryCode::resolve(c)
                    .ok_or_else(|| ApiError::invalid(format!("countries: '{c}' is not a country")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let targets_only = params.boolean("target")?;
        let properties = params
            .all("filter")
            .into_iter()
            .map(|f| {
                let f = f.strip_prefix("properties.").unwrap_or(f);
                f.split_once(':')
                    .map(|(p, v)| (p.to_string(), v.to_lowercase()))
                    .ok_or_else(|| {
                        ApiError::invalid(format!("filter: '{f}' is not property:value"))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let all = match params
            .get("filter_op")
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("OR") => false,
            Some("AND") => true,
            Some(other) => {
                return Err(ApiError::invalid(format!(
                    "filter_op: '{other}' is not AND or OR"
                )))
            }
        };
        Ok(Filters {
            schema,
            exclude_schema,
            countries,
            topics: params.all("topics").into_iter().map(String::from).collect(),
            targets_only,
            properties,
            all,
        })
    }

    /// Whether an entity passes every filter.
    fn admit(&self, e: &Entity) -> bool {
        let schema_ok = match self.schema {
            None | Some(None) => true,
            Some(Some(s)) => s.can_match(e.schema),
        };
        // What the filters asked for only: browsing reads every entry.
        let countries = if self.countries.is_empty() {
            Vec::new()
        } else {
            e.country_codes()
        };
        let entity_topics = if self.topics.is_empty() {
            Vec::new()
        } else {
            topics(e)
        };
        let props = if self.properties.is_empty() {
            serde_json::Map::new()
        } else {
            interdict_lists::ftm_out::ftm_properties(e)
        };
        let has = |(p, v): &(String, String)| {
            props
                .get(p)
                .and_then(Value::as_array)
                .is_some_and(|values| {
                    values
                        .iter()
                        .any(|x| x.as_str().is_some_and(|x| x.to_lowercase() == *v))
                })
        };
        schema_ok
            && !self.exclude_schema.contains(&e.schema)
            && self.holds(&self.countries, |c| countries.contains(c))
            && self.holds(&self.topics, |t| entity_topics.contains(&t.as_str()))
            && self.holds(&self.properties, has)
            && self.targets_only != Some(false)
    }

    /// Whether the values asked for hold: none asked, or any of them (every one with
    /// `filter_op=AND`).
    fn holds<T>(&self, asked: &[T], holds: impl Fn(&T) -> bool) -> bool {
        asked.is_empty()
            || if self.all {
                asked.iter().all(holds)
            } else {
                asked.iter().any(holds)
            }
    }
}

/// Answers `GET /search/{dataset}`.
pub fn answer_search(
    snapshot: &Snapshot,
    dataset: &str,
    params: &Params,
) -> Result<Value, ApiError> {
    // `q` in yente's query syntax: its field filters join the parameters.
    let simple = params.boolean("simple")?.unwrap_or(false);
    // yente's `fuzzy` switches fuzziness on; interdict's name search always reads spelling
    // variants, so the flag is only checked.
    params.boolean("fuzzy")?;
    let asked = query_syntax::parse(params.get("q").unwrap_or(""), simple)?;
    let params = &params.with(&asked.filters);
    // yente's `datasets` filter narrows the scope like `include_dataset`.
    let scope = Scope {
        lists: scope_lists(snapshot, dataset, params, &["include_dataset", "datasets"])?,
        changed_since: changed_since(params)?,
        ..Scope::default()
    };
    let limit: usize = params.number("limit", 10, 0..=500)?;
    let offset: usize = params.number("offset", 0, 0..=10_000)?;
    let filters = Filters::read(params)?;
    let q = asked.text.trim();
    let found = match (q.is_empty(), filters.schema) {
        // A schema the lists carry no entities of finds nothing.
        (_, Some(None)) if params.get("schema").is_some_and(|s| s != "Thing") => Vec::new(),
        (true, _) => browse(snapshot, &scope),
        (false, _) => by_name(snapshot, q, &scope, &filters),
    };
    let mut kept: Vec<Found> = found
        .into_iter()
        .filter(|(e, _)| filters.admit(e) && !names_any(e, &asked.excluded))
        .collect();
    if let Some(sort) = params.get("sort") {
        sort_found(&mut kept, sort)?;
    }
    let asked = params.all("facets");
    let facet_names: Vec<&str> = if asked.is_empty() {
        DEFAULT_FACETS.to_vec()
    } else {
        asked
    };
    let facets = facets(&kept, &facet_names);
    let total = kept.len();
    let page: Vec<Value> = kept
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(e, others)| entity_json_with(e, others))
        .collect();
    let relation = if !q.is_empty() && total >= SEARCH_DEPTH {
        "gte"
    } else {
        "eq"
    };
    Ok(json!({
        "results": page,
        "facets": facets,
        "total": {"value": total, "relation": relation},
        "limit": limit,
        "offset": offset,
    }))
}

/// Whether one of the entity's names has one of `words` (as the name search reads words).
fn names_any(e: &Entity, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| interdict_names::tokenize(w))
        .map(|t| t.text)
        .collect();
    e.names.iter().any(|n| {
        interdict_names::tokenize(&n.full)
            .iter()
            .any(|t| words.contains(&t.text))
    })
}

/// Sorts found entities by `field:asc` or `field:desc` (caption, id, schema, first_seen,
/// last_seen, last_change), as yente's `sort` does; the order is stable.
fn sort_found(found: &mut [Found], sort: &str) -> Result<(), ApiError> {
    let (field, order) = sort.split_once(':').unwrap_or((sort, "asc"));
    let descending = match order {
        "asc" => false,
        "desc" => true,
        other => {
            return Err(ApiError::invalid(format!(
                "sort: '{other}' is not asc or desc"
            )))
        }
    };
    if ![
        "caption",
        "id",
        "schema",
        "first_seen",
        "last_seen",
        "last_change",
    ]
    .contains(&field)
    {
        return Err(ApiError::invalid(format!(
            "sort: '{field}' cannot be sorted by (caption, id, schema, first_seen, last_seen, last_change)"
        )));
    }
    let key = |e: &Entity| -> String {
        let dates = seen(e);
        // Sorted as served: ISO timestamps compare as text.
        let date = crate::yente::Seen::timestamp;
        match field {
            "caption" => Some(e.caption.clone()),
            "id" => Some(interdict_lists::ftm_out::ftm_id(e)),
            "schema" => Some(interdict_lists::ftm_out::ftm_schema(e.schema).to_string()),
            "first_seen" => date(dates.first),
            "last_seen" => date(dates.last),
            _ => date(dates.changed),
        }
        .unwrap_or_default()
    };
    found.sort_by_cached_key(|(e, _)| key(e));
    if descending {
        found.reverse();
    }
    Ok(())
}

/// The entities whose names match `q`, best first, read through the scope.
fn by_name<'a>(
    snapshot: &'a Snapshot,
    q: &str,
    scope: &Scope,
    filters: &Filters,
) -> Vec<Found<'a>> {
    let query = Query {
        name: q.to_string(),
        schema: filters.schema.flatten(),
        ..Query::default()
    };
    let options = SearchOptions {
        threshold: DEFAULT_THRESHOLD,
        limit: SEARCH_DEPTH,
        min_score: 0.5,
    };
    snapshot
        .index
        .search(&query, &options)
        .into_iter()
        .filter_map(|h| in_scope(h, scope, DEFAULT_THRESHOLD))
        .map(|h| (h.entity, h.also_listed.iter().map(|a| a.entity).collect()))
        .collect()
}

/// Every target of the scope once, in index order: the UN's entry where it is in scope, the
/// other lists' entries for the same target folded into it.
fn browse<'a>(snapshot: &'a Snapshot, scope: &Scope) -> Vec<Found<'a>> {
    let index = &snapshot.index;
    let mut order: Vec<String> = Vec::new();
    let mut targets: HashMap<String, Vec<&'a Entity>> = HashMap::new();
    for i in 0..index.entity_count() {
        let e = index.entity(i);
        if !scope.admits(e) {
            continue;
        }
        let key = index
            .target_of(i)
            .map_or_else(|| e.id.clone(), str::to_string);
        let entry = targets.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        entry.push(e);
    }
    order
        .into_iter()
        .filter_map(|key| {
            let mut members = targets.remove(&key)?;
            let lead = members
                .iter()
                .position(|e| e.provenance.list.starts_with("un-sc"))
                .unwrap_or(0);
            let first = members.remove(lead);
            Some((first, members))
        })
        .collect()
}

/// Counts of the found entities by country, topic and dataset (those asked for), most
/// frequent first, in yente's shape.
fn facets(found: &[Found], names: &[&str]) -> Value {
    let mut out = serde_json::Map::new();
    for &name in names {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (e, others) in found {
            let values: Vec<String> = match name {
                "countries" => e.country_codes().iter().map(|c| c.to_string()).collect(),
                "topics" => topics(e).iter().map(|t| t.to_string()).collect(),
                "datasets" => std::iter::once(*e)
                    .chain(others.iter().copied())
                    .flat_map(interdict_lists::ftm_out::ftm_datasets)
                    .collect(),
                "schema" => vec![interdict_lists::ftm_out::ftm_schema(e.schema).to_string()],
                _ => Vec::new(),
            };
            let mut seen: Vec<String> = Vec::new();
            for v in values {
                if !seen.contains(&v) {
                    *counts.entry(v.clone()).or_default() += 1;
                    seen.push(v);
                }
            }
        }
        let mut values: Vec<(String, usize)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let label = |v: &str| match name {
            "countries" => {
                CountryCode::from_alpha2(v).map_or(v.to_string(), |c| c.name().to_string())
            }
            _ => v.to_string(),
        };
        let title = match name {
            "countries" => "Countries",
            "topics" => "Topics",
            "datasets" => "Data sources",
            "schema" => "Entity types",
            other => other,
        };
        out.insert(
            name.to_string(),
            json!({
                "label": title,
                "values": values.iter().map(|(v, n)| json!({"name": v, "label": label(v), "count": n})).collect::<Vec<_>>(),
            }),
        );
    }
    Value::Object(out)
}
