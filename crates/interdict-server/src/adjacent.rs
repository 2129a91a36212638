//! An entity's neighbours as yente gives them: the `Sanction` entities of its listings, nested
//! into `/entities/{id}` and paged by `/entities/{id}/adjacent`.

use crate::error::ApiError;
use crate::params::Params;
use crate::yente::{entity_json_with, seen, Seen};
use interdict_lists::ftm_out::{ftm_datasets, ftm_id};
use interdict_model::Entity;
use serde_json::{json, Value};

/// The authority that maintains a list, for its `Sanction` entities.
fn authority(list: &str) -> &'static str {
    match list {
        l if l.starts_with("un-sc") => "United Nations Security Council",
        l if l.starts_with("us-ofac") => "Office of Foreign Assets Control",
        "gb-hmt" => "HM Treasury, Office of Financial Sanctions Implementation",
        "gb-fcdo" => "Foreign, Commonwealth & Development Office",
        "eu-fsf" => "European Union",
        "ca-sema" => "Global Affairs Canada",
        "au-dfat" => "Department of Foreign Affairs and Trade",
        "us-bis-dpl" => "Bureau of Industry and Security",
        _ => "",
    }
}

/// The `Sanction` entities of an entry and of the other lists' entries folded into it.
fn all_sanctions(e: &Entity, others: &[&Entity]) -> Vec<Value> {
    std::iter::once(e)
        .chain(others.iter().copied())
        .flat_map(sanctions)
        .collect()
}

/// The `Sanction` entities of an entry: one per programme it is listed under (one for the
/// listing when the list names none), in FollowTheMoney's shape, each carrying the list's own
/// reference (`authorityId`; `unscId` for the UN's).
pub fn sanctions(e: &Entity) -> Vec<Value> {
    let programmes: Vec<Option<&str>> = if e.programmes.is_empty() {
        vec![None]
    } else {
        e.programmes.iter().map(|p| Some(p.as_str())).collect()
    };
    let dates = seen(e);
    programmes
        .into_iter()
        .enumerate()
        .map(|(k, programme)| {
            let mut properties = serde_json::Map::new();
            properties.insert("entity".into(), json!([ftm_id(e)]));
            let authority = authority(&e.provenance.list);
            if !authority.is_empty() {
                properties.insert("authority".into(), json!([authority]));
            }
            if let Some(p) = programme {
                properties.insert("program".into(), json!([p]));
            }
            if let Some(d) = e.listed_on {
                properties.insert("listingDate".into(), json!([d.to_string()]));
            }
            properties.insert("authorityId".into(), json!([e.provenance.reference]));
            if e.provenance.list.starts_with("un-sc") {
                properties.insert("unscId".into(), json!([e.provenance.reference]));
            }
            json!({
                "id": format!("{}-sanction-{k}", ftm_id(e)),
                "caption": programme.unwrap_or(authority),
                "schema": "Sanction",
                "properties": properties,
                "datasets": ftm_datasets(e),
                "referents": [],
                "target": false,
                "first_seen": Seen::timestamp(dates.first),
                "last_seen": Seen::timestamp(dates.last),
                "last_change": Seen::timestamp(dates.last),
            })
        })
        .collect()
}

/// An entity with its neighbours nested into its properties (`nested=false` leaves them out).
pub fn nested_entity(e: &Entity, others: &[&Entity], params: &Params) -> Result<Value, ApiError> {
    let nested = params.boolean("nested")?.unwrap_or(true);
    let mut v = entity_json_with(e, others);
    if nested {
        v["properties"]["sanctions"] = json!(all_sanctions(e, others));
    }
    Ok(v)
}

/// `/entities/{id}/adjacent` (every property) or `/entities/{id}/adjacent/{prop}` (one): the
/// neighbours paged by `limit` and `offset`.
pub fn answer_adjacent(
    e: &Entity,
    others: &[&Entity],
    prop: Option<&str>,
    params: &Params,
) -> Result<Value, ApiError> {
    let limit: usize = params.number("limit", 10, 0..=500)?;
    let offset: usize = params.number("offset", 0, 0..=10_000)?;
    let page = |all: Vec<Value>| {
        json!({
            "results": all.iter().skip(offset).take(limit).collect::<Vec<_>>(),
            "total": {"value": all.len(), "relation": "eq"},
            "limit": limit,
            "offset": offset,
        })
    };
    match prop {
        None => Ok(json!({
            "entity": entity_json_with(e, others),
            "adjacent": {"sanctions": page(all_sanctions(e, others))},
        })),
        Some("sanctions") => Ok(page(all_sanctions(e, others))),
        Some(other) => Err(ApiError::not_found(format!(
            "'{other}' is no property with adjacent entities here (known: sanctions)"
        ))),
    }
}
