//! An entity's neighbours as yente gives them: the `Sanction` entities of its listings and the
//! relationship entities of its links (`Ownership`, `Directorship`, `Membership`, `Family`,
//! `Associate`, `UnknownLink`, each holding the other entry), nested into `/entities/{id}` and
//! paged by `/entities/{id}/adjacent`.

use crate::error::ApiError;
use crate::params::Params;
use crate::yente::{entity_json_with, seen, Seen};
use interdict_lists::ftm_out::{ftm_id, relation_properties, relation_schema, secondary_entity};
use interdict_match::Linked;
use interdict_model::{Entity, LinkKind, Schema};
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
            stamped(
                secondary_entity(
                    format!("{}-sanction-{k}", ftm_id(e)),
                    "Sanction",
                    programme.unwrap_or(authority),
                    properties.into(),
                    e,
                ),
                &dates,
            )
        })
        .collect()
}

/// `entity` with yente's `first_seen`, `last_seen` and `last_change`.
fn stamped(mut entity: Value, dates: &Seen) -> Value {
    entity["first_seen"] = json!(Seen::timestamp(dates.first));
    entity["last_seen"] = json!(Seen::timestamp(dates.last));
    entity["last_change"] = json!(Seen::timestamp(dates.last));
    entity
}

/// FollowTheMoney's relationship entity for link `k` of entry `e`, holding the other entry:
/// (the property of `e` that points at it, the entity).
fn relation_entity(e: &Entity, k: usize, l: &Linked<'_>) -> (&'static str, Value) {
    // The relation and a party the lists name but do not list are as old as the record that
    // states them.
    let dates = seen(l.stated_by);
    let other = match l.entity {
        Some(o) => entity_json_with(o, &[]),
        None => stamped(
            secondary_entity(
                format!("{}-linked-{k}", ftm_id(e)),
                "LegalEntity",
                l.name,
                json!({"name": [l.name]}),
                l.stated_by,
            ),
            &dates,
        ),
    };
    let both_people =
        l.entity.is_some_and(|o| o.schema == Schema::Person) && e.schema == Schema::Person;
    // Where e's schema has no property for the relation (an organisation is no asset, a group
    // no family), UnknownLink.
    let holds = |prop: &str| {
        crate::ftm_model::schema(interdict_lists::ftm_out::ftm_schema(e.schema))
            .and_then(|s| crate::ftm_model::property(s, prop))
            .is_some()
    };
    let preferred = relation_schema(l.kind, l.direction, both_people);
    let (schema, mine, theirs) = if holds(reverse_property(preferred.0, preferred.1)) {
        preferred
    } else {
        relation_schema(LinkKind::Unknown, l.direction, both_people)
    };
    let properties = relation_properties(
        schema,
        [(mine, json!(ftm_id(e))), (theirs, other)],
        l.wording,
        l.share,
        l.source_text,
    );
    let entity = stamped(
        secondary_entity(
            format!("{}-link-{k}", ftm_id(e)),
            schema,
            &format!("{} {}", l.role(), l.name),
            properties.into(),
            l.stated_by,
        ),
        &dates,
    );
    (reverse_property(schema, mine), entity)
}

/// The property of an entity that holds the relationship entities where it has `role`
/// (FollowTheMoney's reverse property: an Ownership's owner holds it in `ownershipOwner`).
fn reverse_property(schema: &str, role: &str) -> &'static str {
    match (schema, role) {
        ("Ownership", "owner") => "ownershipOwner",
        ("Ownership", _) => "ownershipAsset",
        ("Directorship", "director") => "directorshipDirector",
        ("Directorship", _) => "directorshipOrganization",
        ("Membership", "member") => "membershipMember",
        ("Membership", _) => "membershipOrganization",
        ("Family", "person") => "familyPerson",
        ("Family", _) => "familyRelative",
        ("Associate", "person") => "associates",
        ("Associate", _) => "associations",
        ("UnknownLink", "subject") => "unknownLinkTo",
        _ => "unknownLinkFrom",
    }
}

/// The relationship entities of an entry's links, by the property of the entry that holds them.
fn relations(e: &Entity, links: &[Linked<'_>]) -> Vec<(&'static str, Value)> {
    links
        .iter()
        .enumerate()
        .map(|(k, l)| relation_entity(e, k, l))
        .collect()
}

/// An entity with its neighbours nested into its properties (`nested=false` leaves them out).
pub fn nested_entity(
    e: &Entity,
    others: &[&Entity],
    links: &[Linked<'_>],
    params: &Params,
) -> Result<Value, ApiError> {
    let nested = params.boolean("nested")?.unwrap_or(true);
    let mut v = entity_json_with(e, others);
    if nested {
        v["properties"]["sanctions"] = json!(all_sanctions(e, others));
        for (prop, entity) in relations(e, links) {
            match v["properties"][prop].as_array_mut() {
                Some(a) => a.push(entity),
                None => v["properties"][prop] = json!([entity]),
            }
        }
    }
    Ok(v)
}

/// `/entities/{id}/adjacent` (every property) or `/entities/{id}/adjacent/{prop}` (one): the
/// neighbours paged by `limit` and `offset`.
pub fn answer_adjacent(
    e: &Entity,
    others: &[&Entity],
    links: &[Linked<'_>],
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
    let mut by_prop: Vec<(&str, Vec<Value>)> = vec![("sanctions", all_sanctions(e, others))];
    for (p, entity) in relations(e, links) {
        match by_prop.iter_mut().find(|(name, _)| *name == p) {
            Some((_, v)) => v.push(entity),
            None => by_prop.push((p, vec![entity])),
        }
    }
    match prop {
        None => {
            let mut adjacent = serde_json::Map::new();
            for (p, all) in by_prop {
                adjacent.insert(p.to_string(), page(all));
            }
            Ok(json!({"entity": entity_json_with(e, others), "adjacent": adjacent}))
        }
        Some(wanted) => match by_prop.into_iter().find(|(p, _)| *p == wanted) {
            Some((_, all)) => Ok(page(all)),
            None if RELATION_PROPS.contains(&wanted) => Ok(page(Vec::new())),
            None => Err(ApiError::not_found(format!(
                "'{wanted}' is no property with adjacent entities here (known: sanctions, {})",
                RELATION_PROPS.join(", ")
            ))),
        },
    }
}

/// The properties that hold relationship entities.
const RELATION_PROPS: &[&str] = &[
    "ownershipOwner",
    "ownershipAsset",
    "directorshipDirector",
    "directorshipOrganization",
    "membershipMember",
    "membershipOrganization",
    "familyPerson",
    "associates",
    "unknownLinkTo",
    "unknownLinkFrom",
];
