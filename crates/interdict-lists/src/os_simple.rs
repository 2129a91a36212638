//! OpenSanctions `targets.simple.csv`: one row per target with `;`-separated aliases, birth
//! dates, countries, addresses, identifiers and sanctions.

use crate::dates::{parse_birth_dates, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::table::Table;
use crate::text::{decode_noting, Expect};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, Country, CountryCode, Detail, Entity, IdKind, Identifier, NameKind, PartialDate,
    Provenance, Schema,
};

/// Parses a `targets.simple.csv` file; the list is named after the dataset column when every
/// row shares it (`opensanctions-interpol-red-notices`), else `opensanctions`.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let table = Table::read(path, &text, b',', 1)?;
    table.require(&["id", "schema", "name"])?;
    warnings.extend_from_slice(table.warnings());
    let mut entities = Vec::new();
    let mut datasets: Vec<String> = Vec::new();
    let mut latest: Option<PartialDate> = None;
    for row in table.rows() {
        let line = row.line;
        let get = |name: &str| row.get(name);
        let multi = |name: &str| row.multi(name, ";");
        let (Some(id), Some(name)) = (get("id"), get("name")) else {
            warnings.push(Warning {
                line,
                message: "row without id or name; skipped".into(),
            });
            continue;
        };
        let schema = match get("schema").unwrap_or("") {
            "Person" => Schema::Person,
            "Company" => Schema::Company,
            "Organization" | "PublicBody" => Schema::Organization,
            "Vessel" => Schema::Vessel,
            "Airplane" => Schema::Aircraft,
            _ => Schema::LegalEntity,
        };
        let mut e = Entity::new(
            schema,
            name,
            Provenance {
                list: String::new(),
                list_version: String::new(),
                reference: id.into(),
                record_id: id.into(),
            },
        );
        e.names.clear();
        add_names(&mut e, name, NameKind::Primary, None, None);
        for a in multi("aliases") {
            add_names(&mut e, &a, NameKind::Alias, None, None);
        }
        for d in multi("birth_date") {
            e.birth_dates.extend(parse_birth_dates(&d, Order::DayFirst));
        }
        for c in multi("countries") {
            e.countries.push(match CountryCode::from_alpha2(&c) {
                Some(code) => Country {
                    code: Some(code),
                    text: c,
                },
                None => Country::from_text(&c),
            });
        }
        for a in multi("addresses") {
            e.addresses.push(Address {
                street: Some(a),
                ..Address::default()
            });
        }
        for i in multi("identifiers") {
            e.identifiers.push(Identifier {
                kind: IdKind::Other,
                label: "Identifier".into(),
                number: i,
                country: None,
                issued: None,
                note: None,
            });
        }
        for s in multi("sanctions") {
            e.remarks.push(s);
        }
        for field in ["phones", "emails"] {
            for v in multi(field) {
                e.details.push(Detail {
                    label: field.into(),
                    value: v,
                });
            }
        }
        if let Some(d) = get("dataset") {
            if !datasets.iter().any(|x| x == d) {
                datasets.push(d.to_string());
            }
        }
        if let Some(d) = get("last_change").and_then(|d| PartialDate::parse(d).ok()) {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
        entities.push(e);
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "file contains no targets; refusing an empty list".into(),
        });
    }
    let list = match datasets.as_slice() {
        [one] => format!(
            "opensanctions-{}",
            one.to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        ),
        _ => crate::ftm::LIST_NAME.to_string(),
    };
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    for e in &mut entities {
        e.provenance.list = list.clone();
        e.provenance.list_version = version.clone();
        e.id = format!("{list}:{}", e.provenance.record_id);
    }
    Ok(ParsedList {
        meta: ListMeta {
            list,
            version,
            format: Format::OpenSanctionsSimpleCsv,
            published: None,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}
