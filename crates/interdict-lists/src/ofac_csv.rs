//! OFAC's legacy CSV set: `sdn.csv` (or `cons_prim.csv`) with one row per entry, `alt.csv`
//! aliases, `add.csv` addresses and `sdn_comments.csv` remarks that overflowed the main file.
//!
//! The files have no header; `-0-` marks an empty field; lines end in CRLF and the file in a
//! Ctrl-Z byte; several programmes share one field as `FTO] [SDGT`. Most facts (dates and places
//! of birth, nationalities, documents, vessel identifiers, links) are in the free-text remarks.

use crate::detect::{Format, OfacCsvPart};
use crate::error::{Error, Result, Warning};
use crate::input::InputFile;
use crate::names::{add_names, set_primary};
use crate::remarks;
use crate::text::{decode, Expect};
use crate::{content_version, ListMeta, ParsedList};
use interdict_model::{
    Address, Country, Detail, Entity, IdKind, Identifier, Name, NameKind, NamePart, PartRole,
    Provenance, Schema,
};
use std::collections::BTreeMap;

/// The list names: the SDN list, and the consolidated (non-SDN) list.
pub const SDN_LIST: &str = "us-ofac-sdn";
/// See [`SDN_LIST`].
pub const CONSOLIDATED_LIST: &str = "us-ofac-cons";

/// One row of a part, with its line.
struct Row {
    line: usize,
    fields: Vec<Option<String>>,
}

/// Reads the rows of one part, checking the column count; wrong rows become warnings.
fn rows(file: &InputFile, columns: usize, warnings: &mut Vec<Warning>) -> Result<Vec<Row>> {
    let (text, note) = decode(&file.bytes, Expect::Utf8);
    if let Some(n) = note {
        warnings.push(Warning {
            line: 0,
            message: format!("{}: {n}", file.name),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::Malformed {
            path: file.name.clone(),
            line: e.position().map_or(0, |p| p.line() as usize),
            column: 1,
            message: format!("not a readable CSV row: {e}"),
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.len() == 1 && rec[0].trim().is_empty() {
            continue;
        }
        if rec.len() != columns {
            warnings.push(Warning {
                line,
                message: format!(
                    "{}: row has {} fields, expected {columns}; skipped",
                    file.name,
                    rec.len()
                ),
            });
            continue;
        }
        let fields = rec
            .iter()
            .map(|f| {
                let t = f.trim();
                (!t.is_empty() && t != "-0-").then(|| t.to_string())
            })
            .collect();
        out.push(Row { line, fields });
    }
    Ok(out)
}

/// "LASHKAR E-TAYYIBA" stays; a person's "HANIYA, Ismail Abdul Salah" becomes
/// "Ismail Abdul Salah HANIYA" with its family and given parts.
fn person_name(listed: &str, kind: NameKind) -> Name {
    match listed.split_once(", ") {
        Some((family, given)) if !given.trim().is_empty() => Name {
            full: format!("{} {}", given.trim(), family.trim()),
            kind,
            parts: vec![
                NamePart {
                    role: PartRole::Given,
                    value: given.trim().to_string(),
                },
                NamePart {
                    role: PartRole::Family,
                    value: family.trim().to_string(),
                },
            ],
            quality: None,
            note: None,
        },
        _ => Name::new(listed, kind),
    }
}

/// Parses one OFAC CSV set. `parts` holds at most one file per part; `consolidated` says whether
/// it is the consolidated (non-SDN) list.
pub fn parse_set(parts: &[(OfacCsvPart, &InputFile)], consolidated: bool) -> Result<ParsedList> {
    let list = if consolidated {
        CONSOLIDATED_LIST
    } else {
        SDN_LIST
    };
    let mut warnings = Vec::new();
    let get = |p: OfacCsvPart| parts.iter().find(|(q, _)| *q == p).map(|(_, f)| *f);
    // The same set gives the same version however its files were given (folder, zip, order).
    let mut ordered: Vec<&(OfacCsvPart, &InputFile)> = parts.iter().collect();
    ordered.sort_by_key(|(p, _)| *p as u8);
    let version = content_version(ordered.iter().map(|(_, f)| f.bytes.as_slice()));
    let provenance = |ent_num: &str| Provenance {
        list: list.to_string(),
        list_version: version.clone(),
        reference: ent_num.to_string(),
        record_id: ent_num.to_string(),
    };

    // ent_num -> (entity, remarks text), in file order.
    let mut entities: BTreeMap<u64, (Entity, String)> = BTreeMap::new();
    let mut order: Vec<u64> = Vec::new();
    let any_name = parts
        .first()
        .map(|(_, f)| f.name.clone())
        .unwrap_or_default();

    match get(OfacCsvPart::Primary) {
        Some(file) => {
            for row in rows(file, 12, &mut warnings)? {
                let f = &row.fields;
                let (Some(num), Some(name)) = (f[0].as_deref(), f[1].as_deref()) else {
                    warnings.push(Warning {
                        line: row.line,
                        message: format!("{}: row without entry number or name; skipped", file.name),
                    });
                    continue;
                };
                let Ok(key) = num.parse::<u64>() else {
                    warnings.push(Warning {
                        line: row.line,
                        message: format!("{}: entry number '{num}' is not a number; skipped", file.name),
                    });
                    continue;
                };
                let schema = match f[2].as_deref().map(str::to_ascii_lowercase).as_deref() {
                    Some("individual") => Schema::Person,
                    Some("vessel") => Schema::Vessel,
                    Some("aircraft") => Schema::Aircraft,
                    _ => Schema::Organization,
                };
                let mut e = Entity::new(schema, name, provenance(num));
                if schema == Schema::Person {
                    e.names[0] = person_name(name, NameKind::Primary);
                } else {
                    set_primary(&mut e, name);
                }
                if let Some(p) = &f[3] {
                    e.programmes = split_programmes(p);
                }
                if let Some(t) = &f[4] {
                    e.positions.push(t.clone());
                }
                vessel_fields(&mut e, f);
                if entities.insert(key, (e, f[11].clone().unwrap_or_default())).is_some() {
                    warnings.push(Warning {
                        line: row.line,
                        message: format!("{}: entry {num} appears twice; the later row is kept", file.name),
                    });
                } else {
                    order.push(key);
                }
            }
        }
        None => warnings.push(Warning {
            line: 0,
            message: format!(
                "{any_name}: the set has no {} file, so primary names and types are unknown; entries are built from their aliases",
                if consolidated { "cons_prim.csv" } else { "sdn.csv" }
            ),
        }),
    }
    let primary_known = get(OfacCsvPart::Primary).is_some();
    if primary_known && get(OfacCsvPart::Alias).is_none() {
        warnings.push(Warning {
            line: 0,
            message: format!(
                "{any_name}: the set has no {} file, so every alias is missing and entries are \
                 findable only by their primary names (Lashkar-e-Tayyiba's alias 'Jamaat ud Dawa', \
                 for one); give the whole set, as a folder or zip",
                if consolidated {
                    "cons_alt.csv"
                } else {
                    "alt.csv"
                }
            ),
        });
    }

    if let Some(file) = get(OfacCsvPart::Alias) {
        for row in rows(file, 5, &mut warnings)? {
            let f = &row.fields;
            let (Some(num), Some(alias)) = (f[0].as_deref(), f[3].as_deref()) else {
                continue;
            };
            let Ok(key) = num.parse::<u64>() else {
                continue;
            };
            let weak = f[4]
                .as_deref()
                .is_some_and(|r| r.to_ascii_lowercase().contains("weak"));
            let kind = match (
                f[2].as_deref().map(str::to_ascii_lowercase).as_deref(),
                weak,
            ) {
                (_, true) => NameKind::WeakAlias,
                (Some("fka"), _) => NameKind::Former,
                _ => NameKind::Alias,
            };
            let entry = match entities.get_mut(&key) {
                Some(entry) => entry,
                None if !primary_known => {
                    order.push(key);
                    let mut e = Entity::new(Schema::LegalEntity, alias, provenance(num));
                    e.names.clear();
                    entities.entry(key).or_insert((e, String::new()))
                }
                None => {
                    warnings.push(Warning {
                        line: row.line,
                        message: format!("{}: alias of unknown entry {num}; skipped", file.name),
                    });
                    continue;
                }
            };
            let e = &mut entry.0;
            if e.schema == Schema::Person {
                let mut name = person_name(alias, kind);
                name.quality = f[2].clone();
                name.note = f[4].clone();
                if !e.names.iter().any(|n| n.full == name.full) {
                    e.names.push(name);
                }
            } else {
                add_names(e, alias, kind, f[2].as_deref(), f[4].as_deref());
            }
        }
    }

    if let Some(file) = get(OfacCsvPart::Address) {
        for row in rows(file, 6, &mut warnings)? {
            let f = &row.fields;
            let Some(Ok(key)) = f[0].as_deref().map(str::parse::<u64>) else {
                continue;
            };
            let Some((e, _)) = entities.get_mut(&key) else {
                if primary_known {
                    warnings.push(Warning {
                        line: row.line,
                        message: format!(
                            "{}: address of unknown entry {}; skipped",
                            file.name, key
                        ),
                    });
                }
                continue;
            };
            let a = Address {
                street: f[2].clone(),
                city: f[3].clone(),
                country: f[4].as_deref().map(Country::from_text),
                note: f[5].clone(),
                ..Address::default()
            };
            if !a.is_empty() && !e.addresses.contains(&a) {
                e.addresses.push(a);
            }
        }
    }

    if let Some(file) = get(OfacCsvPart::Comments) {
        for row in rows(file, 2, &mut warnings)? {
            let f = &row.fields;
            let Some(Ok(key)) = f[0].as_deref().map(str::parse::<u64>) else {
                continue;
            };
            if let (Some((_, text)), Some(more)) = (entities.get_mut(&key), &f[1]) {
                // The overflow continues the remarks where they were cut, even mid-word.
                text.push_str(more);
            }
        }
    }

    let mut out = Vec::with_capacity(order.len());
    for key in order {
        let Some((mut e, text)) = entities.remove(&key) else {
            continue;
        };
        remarks::apply(&text, &mut e);
        if e.names.is_empty() {
            continue;
        }
        e.names[0].kind = if primary_known {
            e.names[0].kind
        } else {
            NameKind::Alias
        };
        e.caption = if primary_known {
            e.caption
        } else {
            e.names[0].full.clone()
        };
        out.push(e);
    }
    if out.is_empty() {
        return Err(Error::Invalid {
            path: any_name,
            message: "OFAC CSV set contains no entries; refusing an empty list".into(),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: list.to_string(),
            version,
            format: Format::OfacCsv(OfacCsvPart::Primary),
            published: None,
        },
        entities: out,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// "FTO] [SDGT" → ["FTO", "SDGT"].
pub(crate) fn split_programmes(field: &str) -> Vec<String> {
    field
        .split("] [")
        .map(|p| p.trim_matches(['[', ']', ' ']).to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Call sign, vessel type, tonnage, GRT, flag and owner columns.
fn vessel_fields(e: &mut Entity, f: &[Option<String>]) {
    if let Some(cs) = &f[5] {
        e.identifiers.push(Identifier {
            kind: IdKind::CallSign,
            label: "Call Sign".into(),
            number: cs.clone(),
            country: None,
            issued: None,
            note: None,
        });
    }
    for (i, label) in [
        (6, "Vessel Type"),
        (7, "Tonnage"),
        (8, "Gross Registered Tonnage"),
        (10, "Vessel Owner"),
    ] {
        if let Some(v) = &f[i] {
            e.details.push(Detail {
                label: label.into(),
                value: v.clone(),
            });
        }
    }
    if let Some(flag) = &f[9] {
        e.countries.push(Country::from_text(flag));
        e.details.push(Detail {
            label: "Vessel Flag".into(),
            value: flag.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programmes_and_names() {
        assert_eq!(split_programmes("FTO] [SDGT"), ["FTO", "SDGT"]);
        assert_eq!(split_programmes("SDGT"), ["SDGT"]);
        let n = person_name("HANIYA, Ismail Abdul Salah", NameKind::Primary);
        assert_eq!(n.full, "Ismail Abdul Salah HANIYA");
        assert_eq!(person_name("MV SEA", NameKind::Alias).full, "MV SEA");
    }
}
