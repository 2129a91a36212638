//! EU sanctions as published in the annexes of the Official Journal, in the CSV transcription
//! OpenSanctions makes of them (one file per regulation, `celex,recordId,programKey,...`). Not the
//! EU's own FSF format (see `eu_fsf`), but the only EU data some users have. Several rows may
//! describe one record (same annex and `recordId`, or the same name where the id is empty); multiple values
//! in a field are separated by "; ".

use crate::dates::{parse_birth_dates, parse_date, split_enumeration, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::remarks::parse_place;
use crate::table::Table;
use crate::text::{decode_noting, Expect};
use crate::uk::document_numbers;
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, Country, Detail, Entity, Gender, IdKind, Identifier, NameKind, PartialDate,
    Provenance, Schema,
};
use std::collections::HashMap;

/// Parses one transcription file; the list is named after its regulation (`eu-oj-32002r0881`).
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let table = Table::read(path, &text, b',', 1)?;
    table.require(&["celex", "name", "schema"])?;
    warnings.extend_from_slice(table.warnings());
    let mut list = String::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut latest: Option<PartialDate> = None;
    for row in table.rows() {
        let line = row.line;
        let get = |name: &str| row.text(name);
        let Some(name) = get("name") else {
            warnings.push(Warning {
                line,
                message: "row without a name; skipped".into(),
            });
            continue;
        };
        let celex = get("celex").unwrap_or_default();
        if list.is_empty() {
            list = format!("eu-oj-{}", celex.to_ascii_lowercase());
        }
        // Record ids restart in each annex (persons and entities are numbered apart).
        let key = format!(
            "{} {}",
            get("annex").unwrap_or_default(),
            get("recordId").unwrap_or_else(|| name.clone())
        );
        let schema = match get("schema").as_deref() {
            Some("Person") => Schema::Person,
            Some("Company") => Schema::Company,
            Some("Vessel") => Schema::Vessel,
            Some("Organization") => Schema::Organization,
            _ => Schema::LegalEntity,
        };
        let i = *index.entry(key.clone()).or_insert_with(|| {
            let record_id = key
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect::<String>();
            entities.push(Entity::new(
                schema,
                &name,
                Provenance {
                    list: String::new(),
                    list_version: String::new(),
                    reference: key.clone(),
                    record_id,
                },
            ));
            entities.len() - 1
        });
        let e = &mut entities[i];
        add_names(e, &name, NameKind::Alias, None, None);
        let multi = |field: &str| row.multi(field, "; ");
        for (field, kind) in [
            ("alias", NameKind::Alias),
            ("weakAlias", NameKind::WeakAlias),
            ("previousName", NameKind::Former),
        ] {
            for a in multi(field) {
                add_names(e, &a, kind, None, None);
            }
        }
        if let Some(d) = get("startDate").and_then(|d| parse_date(&d, Order::DayFirst)) {
            e.listed_on = Some(e.listed_on.map_or(d, |x| x.min(d)));
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
        for field in ["birthDate", "incorporationDate"] {
            if let Some(d) = get(field) {
                for b in parse_birth_dates(&d, Order::DayFirst) {
                    if !e.birth_dates.contains(&b) {
                        e.birth_dates.push(b);
                    }
                }
            }
        }
        if let Some(p) = get("birthPlace") {
            for item in split_enumeration(&p) {
                let place = parse_place(item.trim_end_matches(','));
                if !e.birth_places.contains(&place) {
                    e.birth_places.push(place);
                }
            }
        }
        for field in ["nationality", "country", "jurisdiction"] {
            if let Some(v) = get(field) {
                for item in split_enumeration(&v) {
                    let c = Country::from_text(item.trim_end_matches(','));
                    let target = if field == "nationality" {
                        &mut e.nationalities
                    } else {
                        &mut e.countries
                    };
                    if !target.contains(&c) {
                        target.push(c);
                    }
                }
            }
        }
        if let Some(g) = get("gender") {
            e.gender = Gender::parse(&g).or(e.gender);
        }
        if let Some(p) = get("passportNumber") {
            e.identifiers
                .extend(document_numbers(&p, IdKind::Passport, "Passport"));
        }
        for (field, kind, label) in [
            ("idNumber", IdKind::NationalId, "National ID"),
            (
                "registrationNumber",
                IdKind::Registration,
                "Registration Number",
            ),
            ("taxNumber", IdKind::TaxId, "Tax Number"),
            ("innCode", IdKind::TaxId, "INN"),
            ("ogrnCode", IdKind::Registration, "OGRN"),
            ("imoNumber", IdKind::Imo, "IMO"),
            ("mmsi", IdKind::Mmsi, "MMSI"),
        ] {
            for v in multi(field) {
                e.identifiers.push(Identifier {
                    kind,
                    label: label.into(),
                    number: v,
                    country: None,
                    issued: None,
                    note: None,
                });
            }
        }
        if let Some(a) = get("address") {
            let address = Address {
                street: Some(a),
                ..Address::default()
            };
            if !e.addresses.contains(&address) {
                e.addresses.push(address);
            }
        }
        if let Some(p) = get("programKey") {
            if !e.programmes.contains(&p) {
                e.programmes.push(p);
            }
        }
        for field in ["position", "reason", "notes"] {
            if let Some(v) = get(field) {
                if !e.remarks.contains(&v) {
                    e.remarks.push(v);
                }
            }
        }
        for field in [
            "legalForm",
            "sector",
            "phone",
            "email",
            "website",
            "fatherName",
            "motherName",
            "flag",
        ] {
            if let Some(v) = get(field) {
                e.details.push(Detail {
                    label: field.into(),
                    value: v,
                });
            }
        }
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "file contains no rows; refusing an empty list".into(),
        });
    }
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    for e in &mut entities {
        e.provenance.list = list.clone();
        e.provenance.list_version = version.clone();
        e.id = format!("{list}:{}", e.provenance.record_id);
        if let Some(first) = e.names.first_mut() {
            first.kind = NameKind::Primary;
        }
    }
    Ok(ParsedList {
        meta: ListMeta {
            list,
            version,
            format: Format::EuJournalCsv,
            published: None,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}
