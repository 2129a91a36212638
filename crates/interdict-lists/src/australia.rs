//! Australia's DFAT Consolidated List, an XLSX workbook with one sheet: one row per name, the
//! aliases of an entry numbered after it ("2", "2a", "2b"); dates as text ("a) Approximately
//! 1955-1958") or as Excel serial numbers.

use crate::dates::{parse_birth_dates, split_enumeration, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::remarks::parse_place;
use crate::{ListMeta, ParsedList};
use calamine::{Data, Reader};
use interdict_model::{
    Address, BirthDate, Country, Entity, NameKind, PartialDate, Provenance, Schema,
};
use std::collections::HashMap;

/// List name.
pub const LIST_NAME: &str = "au-dfat";

/// The calendar date of an Excel serial day number (1900 date system, with Excel's phantom
/// 29 February 1900).
pub(crate) fn excel_date(serial: f64) -> Option<PartialDate> {
    if !(1.0..200_000.0).contains(&serial) {
        return None;
    }
    let serial = serial.floor() as i64;
    // Serial 25569 is 1970-01-01; below 60 Excel had not yet counted its phantom 29 Feb 1900.
    let unix_days = if serial < 60 {
        serial - 25568
    } else {
        serial - 25569
    };
    let (y, m, d) = interdict_model::civil_from_days(unix_days);
    PartialDate::ymd(u16::try_from(y).ok()?, m as u8, d as u8)
}

fn cell_text(c: &Data) -> Option<String> {
    let s = match c {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64())?.to_string(),
    };
    (!s.is_empty()).then_some(s)
}

/// A date cell: text, or an Excel serial number.
fn cell_date(c: &Data) -> Option<PartialDate> {
    match c {
        Data::Float(f) => excel_date(*f),
        Data::Int(i) => excel_date(*i as f64),
        Data::DateTime(d) => excel_date(d.as_f64()),
        other => cell_text(other).and_then(|t| crate::dates::parse_date(&t, Order::DayFirst)),
    }
}

/// Parses the workbook.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let invalid = |message: String| Error::Invalid {
        path: path.into(),
        message,
    };
    crate::input::check_workbook(path, bytes)?;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a readable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| invalid("workbook has no sheet".into()))?
        .map_err(|e| invalid(format!("first sheet cannot be read: {e}")))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| invalid("sheet is empty; refusing an empty list".into()))?
        .iter()
        .map(|c| cell_text(c).unwrap_or_default())
        .collect();
    let col: HashMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    for required in [
        "Reference",
        "Name of Individual or Entity",
        "Type",
        "Name Type",
    ] {
        if !col.contains_key(required) {
            return Err(Error::Malformed {
                path: path.into(),
                line: 1,
                column: 1,
                message: format!(
                    "header has no '{required}' column (found: {})",
                    header.join(", ")
                ),
            });
        }
    }
    let mut warnings = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut latest: Option<PartialDate> = None;
    for (i, row) in rows.enumerate() {
        let line = i + 2;
        let get = |name: &str| col.get(name).and_then(|&c| row.get(c)).and_then(cell_text);
        let (Some(reference), Some(name)) = (get("Reference"), get("Name of Individual or Entity"))
        else {
            if row.iter().any(|c| cell_text(c).is_some()) {
                warnings.push(Warning {
                    line,
                    message: "row without reference or name; skipped".into(),
                });
            }
            continue;
        };
        // "2a", "2b" are aliases of entry "2".
        let base = reference
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .to_string();
        let schema = match get("Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "individual" => Schema::Person,
            "vessel" => Schema::Vessel,
            _ => Schema::Organization,
        };
        let kind = match get("Name Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "primary name" => NameKind::Primary,
            "original script" => NameKind::OriginalScript,
            _ => NameKind::Alias,
        };
        let idx = *index.entry(base.clone()).or_insert_with(|| {
            let mut e = Entity::new(
                schema,
                &name,
                Provenance {
                    list: LIST_NAME.into(),
                    list_version: String::new(),
                    reference: base.clone(),
                    record_id: base.clone(),
                },
            );
            e.names.clear();
            entities.push(e);
            entities.len() - 1
        });
        let e = &mut entities[idx];
        add_names(e, &name, kind, get("Name Type").as_deref(), None);
        if kind == NameKind::Primary {
            e.caption = name.clone();
        }
        if let Some(d) = get("Date of Birth") {
            let dates = parse_birth_dates(&d, Order::DayFirst);
            if dates.is_empty() {
                if let Some(x) = col
                    .get("Date of Birth")
                    .and_then(|&c| row.get(c))
                    .and_then(cell_date)
                {
                    push(
                        &mut e.birth_dates,
                        BirthDate {
                            value: Some(interdict_model::DateValue::On { date: x }),
                            approximate: false,
                            note: None,
                        },
                    );
                } else {
                    push(
                        &mut e.birth_dates,
                        BirthDate {
                            value: None,
                            approximate: false,
                            note: Some(d),
                        },
                    );
                }
            }
            for b in dates {
                push(&mut e.birth_dates, b);
            }
        }
        if let Some(p) = get("Place of Birth") {
            for item in split_enumeration(&p) {
                push(&mut e.birth_places, parse_place(item.trim_end_matches(',')));
            }
        }
        if let Some(c) = get("Citizenship") {
            for item in split_enumeration(&c) {
                if !item.eq_ignore_ascii_case("na") {
                    push(
                        &mut e.nationalities,
                        Country::from_text(item.trim_end_matches(',')),
                    );
                }
            }
        }
        if let Some(a) = get("Address") {
            if !a.eq_ignore_ascii_case("na") {
                for item in split_enumeration(&a) {
                    push(
                        &mut e.addresses,
                        Address {
                            street: Some(item.to_string()),
                            ..Address::default()
                        },
                    );
                }
            }
        }
        for field in ["Additional Information", "Listing Information"] {
            if let Some(v) = get(field) {
                crate::relations::add_prose_links(e, &v);
                push(&mut e.remarks, v);
            }
        }
        if let Some(c) = get("Committees") {
            push(&mut e.programmes, c);
        }
        if let Some(d) = col
            .get("Control Date")
            .and_then(|&c| row.get(c))
            .and_then(cell_date)
        {
            push(&mut e.last_updated, d);
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    }
    if entities.is_empty() {
        return Err(invalid(
            "workbook contains no entries; refusing an empty list".into(),
        ));
    }
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    for e in &mut entities {
        e.provenance.list_version = version.clone();
        if let Some(p) = e.names.iter().position(|n| n.kind == NameKind::Primary) {
            let primary = e.names.remove(p);
            e.names.insert(0, primary);
        } else if let Some(first) = e.names.first_mut() {
            first.kind = NameKind::Primary;
            e.caption = first.full.clone();
        }
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format: Format::AustraliaDfatXlsx,
            published: None,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

fn push<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(1.0).unwrap().to_string(), "1900-01-01");
        assert_eq!(excel_date(61.0).unwrap().to_string(), "1900-03-01");
        assert_eq!(excel_date(41988.0).unwrap().to_string(), "2014-12-15");
        assert_eq!(excel_date(45607.0).unwrap().to_string(), "2024-11-11");
        assert!(excel_date(0.0).is_none());
    }
}
