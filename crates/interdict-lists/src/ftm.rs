//! FollowTheMoney entities as OpenSanctions publishes them: JSON Lines of `{"id", "schema",
//! "properties": {prop: [values]}, ...}` (`entities.ftm.json`), the same with related entities
//! nested inside property values (`targets.nested.json`), and delta files whose lines are
//! `{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`.
//!
//! People, organisations, companies, vessels and aircraft become entities; `Sanction`,
//! `Identification`/`Passport` and `Address` entities are merged onto the entity they describe,
//! and relationship entities (ownership, directorship, family, association, membership,
//! occupancy) become links on both sides, with their kind, direction and ownership share.
//! Entities marked `"target": false` (relatives, owners, companies in an ownership chain) are
//! kept, marked as not designated themselves, when a relationship names them.

use crate::dates::{parse_birth_dates, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::remarks::parse_place;
use crate::text::{decode_noting, Expect};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, Country, CountryCode, Detail, Entity, Gender, IdKind, Identifier, Link, LinkDirection,
    LinkKind, NameKind, PartialDate, Provenance, Schema,
};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// List name.
pub const LIST_NAME: &str = "opensanctions";

/// Relationship schemata: (schema, first role, second role, label, kind). The first role is the
/// kind's subject (the owner, the director, the member).
const RELATIONS: &[(&str, &str, &str, &str, LinkKind)] = &[
    ("Ownership", "owner", "asset", "owner of", LinkKind::Owner),
    (
        "Directorship",
        "director",
        "organization",
        "director of",
        LinkKind::Leader,
    ),
    (
        "Family",
        "person",
        "relative",
        "relative of",
        LinkKind::Family,
    ),
    (
        "Associate",
        "person",
        "associate",
        "associate of",
        LinkKind::Associate,
    ),
    (
        "Membership",
        "member",
        "organization",
        "member of",
        LinkKind::Member,
    ),
    (
        "Employment",
        "employee",
        "employer",
        "employee of",
        LinkKind::Member,
    ),
    (
        "Representation",
        "agent",
        "client",
        "representative of",
        LinkKind::Associate,
    ),
    (
        "UnknownLink",
        "subject",
        "object",
        "linked to",
        LinkKind::Unknown,
    ),
    (
        "Occupancy",
        "holder",
        "post",
        "holds position",
        LinkKind::Unknown,
    ),
];

/// An ownership percentage as FollowTheMoney writes it ("50", "50.5%", "25,5"): kept only
/// between 0 and 100.
fn share_of(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let v: f64 = t.parse().ok()?;
    (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v)
}

/// The links one relationship entity states, put on both its ends (the second end reads it the
/// other way round).
fn relate(
    r: &Raw,
    (_, a_role, b_role, label, kind): &(&str, &str, &str, &str, LinkKind),
    raws: &[Raw],
    by_id: &HashMap<&str, usize>,
    entity_index: &HashMap<String, usize>,
    entities: &mut [Entity],
) {
    let caption = |id: &str| by_id.get(id).map(|&i| display_name(&raws[i]));
    let relation = r
        .get("relationship")
        .first()
        .cloned()
        .unwrap_or_else(|| label.to_string());
    let share = r.get("percentage").iter().find_map(|p| share_of(p));
    for a in r.get(a_role) {
        for b in r.get(b_role) {
            let source = format!(
                "{} {relation} {}{}",
                caption(a).unwrap_or_else(|| a.clone()),
                caption(b).unwrap_or_else(|| b.clone()),
                share.map(|s| format!(" ({s}%)")).unwrap_or_default()
            );
            let link = |other: &str, direction| Link {
                reference: other.to_string(),
                relation: relation.clone(),
                kind: *kind,
                direction,
                name: caption(other),
                source_text: Some(source.clone()),
                share,
                ..Link::default()
            };
            if let Some(&i) = entity_index.get(a.as_str()) {
                entities[i].links.push(link(b, LinkDirection::Outgoing));
            }
            if let Some(&i) = entity_index.get(b.as_str()) {
                entities[i].links.push(link(a, LinkDirection::Incoming));
            }
        }
    }
}

fn schema_of(name: &str) -> Option<Schema> {
    Some(match name {
        "Person" => Schema::Person,
        "Organization" | "PublicBody" => Schema::Organization,
        "Company" => Schema::Company,
        "LegalEntity" => Schema::LegalEntity,
        "Vessel" => Schema::Vessel,
        "Airplane" => Schema::Aircraft,
        _ => return None,
    })
}

/// One FtM entity as read: id, schema, caption, properties (values as strings; nested entities
/// replaced by their ids), target flag.
#[derive(Debug, Clone)]
struct Raw {
    id: String,
    schema: String,
    caption: Option<String>,
    props: HashMap<String, Vec<String>>,
    target: bool,
    datasets: Vec<String>,
    referents: Vec<String>,
    last_change: Option<String>,
}

impl Raw {
    fn get(&self, prop: &str) -> &[String] {
        self.props.get(prop).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Flattens an entity object, pushing nested entities to `out` (after it), linking them to
/// their parent through the property that held them when they do not say so themselves.
fn flatten(obj: &Map<String, Value>, out: &mut Vec<Raw>) -> Option<String> {
    let id = obj.get("id")?.as_str()?.to_string();
    let schema = obj
        .get("schema")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut props: HashMap<String, Vec<String>> = HashMap::new();
    let mut nested = Vec::new();
    if let Some(Value::Object(p)) = obj.get("properties") {
        for (k, v) in p {
            let values = match v {
                Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for value in values {
                match value {
                    Value::String(s) => props.entry(k.clone()).or_default().push(s),
                    Value::Object(o) => nested.push((k.clone(), o)),
                    Value::Null => {}
                    other => props.entry(k.clone()).or_default().push(other.to_string()),
                }
            }
        }
    }
    let strings = |key: &str| -> Vec<String> {
        obj.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let raw = Raw {
        id: id.clone(),
        schema,
        caption: obj
            .get("caption")
            .and_then(Value::as_str)
            .map(str::to_string),
        props,
        target: obj.get("target").and_then(Value::as_bool).unwrap_or(true),
        datasets: strings("datasets"),
        referents: strings("referents"),
        last_change: obj
            .get("last_change")
            .or_else(|| obj.get("last_seen"))
            .and_then(Value::as_str)
            .map(str::to_string),
    };
    let at = out.len();
    out.push(raw);
    for (prop, child) in nested {
        if let Some(child_id) = flatten(&child, out) {
            out[at].props.entry(prop).or_default().push(child_id);
        }
    }
    Some(id)
}

/// Parses an FtM JSON Lines file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let mut raws: Vec<Raw> = Vec::new();
    let mut deletions: Vec<String> = Vec::new();
    let mut is_delta = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| Error::Malformed {
            path: path.into(),
            line: line_no,
            column: e.column(),
            message: format!("not valid JSON: {e}"),
        })?;
        let Value::Object(obj) = value else {
            return Err(Error::Malformed {
                path: path.into(),
                line: line_no,
                column: 1,
                message: "expected a JSON object".into(),
            });
        };
        let entity = match obj.get("op").and_then(Value::as_str) {
            Some(op) => {
                is_delta = true;
                let Some(Value::Object(e)) = obj.get("entity") else {
                    warnings.push(Warning {
                        line: line_no,
                        message: format!("{op} without an entity; skipped"),
                    });
                    continue;
                };
                if op == "DEL" {
                    if let Some(id) = e.get("id").and_then(Value::as_str) {
                        deletions.push(id.to_string());
                    }
                    continue;
                }
                e.clone()
            }
            None => obj,
        };
        if flatten(&entity, &mut raws).is_none() {
            warnings.push(Warning {
                line: line_no,
                message: "entity without an id; skipped".into(),
            });
        }
    }
    let by_id: HashMap<&str, usize> = raws
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut latest: Option<PartialDate> = None;
    for r in &raws {
        if let Some(d) = r
            .last_change
            .as_deref()
            .and_then(|d| PartialDate::parse(d).ok())
        {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    }
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));

    // Build the screened entities: the targets, and the parties related to anything (an owner,
    // a company in an ownership chain) as entries that are not designated themselves.
    let related: std::collections::HashSet<&str> = raws
        .iter()
        .filter_map(|r| {
            let (_, a, b, ..) = RELATIONS.iter().find(|(s, ..)| *s == r.schema)?;
            Some(r.get(a).iter().chain(r.get(b)).map(String::as_str))
        })
        .flatten()
        .collect();
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_index: HashMap<String, usize> = HashMap::new();
    for r in &raws {
        let Some(schema) = schema_of(&r.schema) else {
            continue;
        };
        if !r.target && !related.contains(r.id.as_str()) {
            continue;
        }
        if entity_index.contains_key(&r.id) {
            continue;
        }
        match thing(r, schema, &version, &raws, &by_id) {
            Some(mut e) => {
                e.related_only = !r.target;
                entity_index.insert(r.id.clone(), entities.len());
                entities.push(e);
            }
            None => warnings.push(Warning {
                line: 0,
                message: format!("entity {} has no name; skipped", r.id),
            }),
        }
    }
    // Merge sanctions, documents and relationships onto them.
    for r in &raws {
        match r.schema.as_str() {
            "Sanction" => {
                for subject in r.get("entity") {
                    if let Some(&i) = entity_index.get(subject.as_str()) {
                        sanction(r, &mut entities[i]);
                    }
                }
            }
            "Identification" | "Passport" => {
                for holder in r.get("holder") {
                    if let Some(&i) = entity_index.get(holder.as_str()) {
                        document(r, &mut entities[i]);
                    }
                }
            }
            _ => {}
        }
        if let Some(relation) = RELATIONS.iter().find(|(s, ..)| *s == r.schema) {
            relate(r, relation, &raws, &by_id, &entity_index, &mut entities);
        }
    }
    // A delta that only deletes is not empty.
    let only_deletes = is_delta && !deletions.is_empty();
    if entities.is_empty() && !only_deletes {
        return Err(Error::Invalid { path: path.into(), message: "file contains no people, organisations, vessels or aircraft; refusing an empty list".into() });
    }
    if !deletions.is_empty() {
        warnings.push(Warning {
            line: 0,
            message: format!(
                "delta file deletes {} entities; applied when imported over an earlier version",
                deletions.len()
            ),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format: Format::FtmJson,
            published: None,
        },
        entities,
        warnings,
        deletions,
        is_delta,
    })
}

fn display_name(r: &Raw) -> String {
    r.caption
        .clone()
        .or_else(|| r.get("name").first().cloned())
        .unwrap_or_else(|| r.id.clone())
}

fn country(code_or_name: &str) -> Country {
    match CountryCode::from_alpha2(code_or_name) {
        Some(c) => Country {
            code: Some(c),
            text: code_or_name.to_string(),
        },
        None => Country::from_text(code_or_name),
    }
}

fn thing(
    r: &Raw,
    schema: Schema,
    version: &str,
    raws: &[Raw],
    by_id: &HashMap<&str, usize>,
) -> Option<Entity> {
    let names = r.get("name");
    let first = r.caption.clone().or_else(|| names.first().cloned())?;
    let mut e = Entity::new(
        schema,
        &first,
        Provenance {
            list: LIST_NAME.into(),
            list_version: version.into(),
            reference: r.id.clone(),
            record_id: r.id.clone(),
        },
    );
    e.names.clear();
    add_names(&mut e, &first, NameKind::Primary, None, None);
    for n in names {
        add_names(&mut e, n, NameKind::Alias, None, None);
    }
    for (prop, kind) in [
        ("alias", NameKind::Alias),
        ("weakAlias", NameKind::WeakAlias),
        ("previousName", NameKind::Former),
    ] {
        for n in r.get(prop) {
            add_names(&mut e, n, kind, None, None);
        }
    }
    for prop in ["birthDate", "incorporationDate"] {
        for d in r.get(prop) {
            for b in parse_birth_dates(d, Order::DayFirst) {
                if !e.birth_dates.contains(&b) {
                    e.birth_dates.push(b);
                }
            }
        }
    }
    for p in r.get("birthPlace") {
        e.birth_places.push(parse_place(p));
    }
    for prop in ["nationality", "citizenship"] {
        for c in r.get(prop) {
            let c = country(c);
            if !e.nationalities.contains(&c) {
                e.nationalities.push(c);
            }
        }
    }
    for prop in ["country", "jurisdiction", "mainCountry", "flag"] {
        for c in r.get(prop) {
            let c = country(c);
            if !e.countries.contains(&c) {
                e.countries.push(c);
            }
        }
    }
    if let Some(g) = r.get("gender").first() {
        e.gender = Gender::parse(g);
    }
    for (prop, kind, label) in [
        ("passportNumber", IdKind::Passport, "Passport"),
        ("idNumber", IdKind::NationalId, "ID number"),
        ("taxNumber", IdKind::TaxId, "Tax number"),
        ("innCode", IdKind::TaxId, "INN"),
        ("vatCode", IdKind::TaxId, "VAT"),
        (
            "registrationNumber",
            IdKind::Registration,
            "Registration number",
        ),
        ("ogrnCode", IdKind::Registration, "OGRN"),
        ("leiCode", IdKind::Registration, "LEI"),
        ("swiftBic", IdKind::Other, "SWIFT/BIC"),
        ("imoNumber", IdKind::Imo, "IMO"),
        ("mmsi", IdKind::Mmsi, "MMSI"),
        ("callSign", IdKind::CallSign, "Call sign"),
        (
            "registrationNumber",
            IdKind::AircraftRegistration,
            "Registration",
        ),
    ] {
        if prop == "registrationNumber"
            && (schema == Schema::Aircraft) != (kind == IdKind::AircraftRegistration)
        {
            continue;
        }
        for n in r.get(prop) {
            if !e.identifiers.iter().any(|i| i.number == *n) {
                e.identifiers.push(Identifier {
                    kind,
                    label: label.into(),
                    number: n.clone(),
                    country: None,
                    issued: None,
                    note: None,
                });
            }
        }
    }
    for a in r.get("address") {
        e.addresses.push(Address {
            street: Some(a.clone()),
            ..Address::default()
        });
    }
    for id in r.get("addressEntity") {
        if let Some(&i) = by_id.get(id.as_str()) {
            let a = &raws[i];
            let first = |p: &str| a.get(p).first().cloned();
            let address = Address {
                street: first("street").or_else(|| first("full")),
                city: first("city"),
                region: first("region").or_else(|| first("state")),
                postal_code: first("postalCode"),
                country: first("country").map(|c| country(&c)),
                note: None,
            };
            if !address.is_empty() && !e.addresses.contains(&address) {
                e.addresses.push(address);
            }
        }
    }
    e.positions.extend(r.get("position").iter().cloned());
    e.titles.extend(r.get("title").iter().cloned());
    for prop in ["notes", "summary", "description"] {
        e.remarks.extend(r.get(prop).iter().cloned());
    }
    for prop in ["topics", "website", "email", "phone", "legalForm", "sector"] {
        for v in r.get(prop) {
            e.details.push(Detail {
                label: prop.into(),
                value: v.clone(),
            });
        }
    }
    for d in &r.datasets {
        e.details.push(Detail {
            label: "dataset".into(),
            value: d.clone(),
        });
    }
    for other in &r.referents {
        e.details.push(Detail {
            label: "referent".into(),
            value: other.clone(),
        });
    }
    // Nested sanctions and documents of targets.nested.json point back through their own
    // properties; handled in the merge pass. Programmes may also be stated directly.
    e.programmes.extend(r.get("program").iter().cloned());
    Some(e)
}

fn sanction(r: &Raw, e: &mut Entity) {
    for p in r.get("program").iter().chain(r.get("programId")) {
        if !e.programmes.contains(p) {
            e.programmes.push(p.clone());
        }
    }
    for d in r.get("listingDate").iter().chain(r.get("startDate")) {
        if let Ok(d) = PartialDate::parse(d) {
            e.listed_on = Some(e.listed_on.map_or(d, |x| x.min(d)));
        }
    }
    for a in r.get("authority") {
        e.details.push(Detail {
            label: "authority".into(),
            value: a.clone(),
        });
    }
    for reason in r.get("reason") {
        if !e.remarks.contains(reason) {
            e.remarks.push(reason.clone());
        }
    }
}

fn document(r: &Raw, e: &mut Entity) {
    let kind = if r.schema == "Passport" {
        IdKind::Passport
    } else {
        IdKind::from_label(r.get("type").first().map(String::as_str).unwrap_or(""))
    };
    for n in r.get("number") {
        if e.identifiers.iter().any(|i| i.number == *n) {
            continue;
        }
        e.identifiers.push(Identifier {
            kind,
            label: r
                .get("type")
                .first()
                .cloned()
                .unwrap_or_else(|| r.schema.clone()),
            number: n.clone(),
            country: r.get("country").first().map(|c| country(c)),
            issued: r
                .get("startDate")
                .first()
                .and_then(|d| PartialDate::parse(d).ok()),
            note: r.get("endDate").first().map(|d| format!("expires {d}")),
        });
    }
}
