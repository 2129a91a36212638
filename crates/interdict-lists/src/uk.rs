//! The UK HM Treasury / OFSI Consolidated List ("ConList") CSV: line 1 `Last Updated,dd/mm/yyyy`,
//! the header on line 2, Windows-1252 text, and one row per name variant grouped by `Group ID`.
//! Dates are `dd/mm/yyyy` with `00` for unknown parts; apostrophes in names were turned into
//! commas (`JAMA,AT AL-DAWA`); the UN reference, when there is one, is quoted in "Other
//! Information".

use crate::crossref::un_refs_in;
use crate::dates::{parse_birth_dates, parse_date, split_enumeration, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::table::Table;
use crate::text::{decode, Expect};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, BirthDate, Country, Entity, IdKind, Identifier, NameKind, NamePart, PartRole,
    Provenance, Schema,
};
use std::collections::HashMap;

/// List name.
pub const LIST_NAME: &str = "gb-hmt";

const REQUIRED: [&str; 5] = ["Name 6", "Group Type", "Alias Type", "Group ID", "Name 1"];

/// Parses a ConList CSV file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, _) = decode(bytes, Expect::Windows1252);
    let mut warnings = Vec::new();
    // Line 1 is "Last Updated,dd/mm/yyyy"; older copies may start with the header.
    let (published, body, header_line) = match text.strip_prefix("Last Updated,") {
        Some(rest) => {
            let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
            let date = first.split(',').next().unwrap_or("").trim().to_string();
            (Some(date), body, 2)
        }
        None => (None, text.as_ref(), 1),
    };
    let version = published
        .as_deref()
        .and_then(|d| parse_date(d, Order::DayFirst))
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    // Shown as an ISO date, as every other list's.
    let published = published.map(|p| match parse_date(&p, Order::DayFirst) {
        Some(d) => d.to_string(),
        None => p,
    });
    let table = Table::read(path, body, b',', header_line)?;
    table.require(&REQUIRED)?;
    warnings.extend_from_slice(table.warnings());
    let mut groups: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for row in table.rows() {
        let line = row.line;
        let get = |name: &str| row.text(name);
        let Some(group) = get("Group ID") else {
            warnings.push(Warning {
                line,
                message: "row without Group ID; skipped".into(),
            });
            continue;
        };
        let schema = match get("Group Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "individual" => Schema::Person,
            "ship" => Schema::Vessel,
            _ => Schema::Organization,
        };
        let given: Vec<String> = (1..=5)
            .filter_map(|i| get(&format!("Name {i}")))
            .map(|n| restore_apostrophes(&n))
            .collect();
        let family = get("Name 6").map(|n| restore_apostrophes(&n));
        let full: String = given
            .iter()
            .cloned()
            .chain(family.clone())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            warnings.push(Warning {
                line,
                message: format!("group {group}: row without a name; skipped"),
            });
            continue;
        }
        let alias_type = get("Alias Type").unwrap_or_default();
        let kind = match alias_type.to_ascii_lowercase().as_str() {
            "prime alias" | "primary name" => NameKind::Primary,
            "fka" => NameKind::Former,
            _ => NameKind::Alias,
        };
        let index = *by_id.entry(group.clone()).or_insert_with(|| {
            let mut e = Entity::new(
                schema,
                &full,
                Provenance {
                    list: LIST_NAME.into(),
                    list_version: version.clone(),
                    reference: group.clone(),
                    record_id: group.clone(),
                },
            );
            e.names.clear();
            groups.push(e);
            groups.len() - 1
        });
        let e = &mut groups[index];
        let before = e.names.len();
        if add_names(e, &full, kind, Some(&alias_type), None) > 0 && schema == Schema::Person {
            let n = &mut e.names[before];
            n.parts = given
                .iter()
                .enumerate()
                .map(|(i, g)| NamePart {
                    role: if i == 0 {
                        PartRole::Given
                    } else {
                        PartRole::Middle
                    },
                    value: g.clone(),
                })
                .chain(family.iter().map(|f| NamePart {
                    role: PartRole::Family,
                    value: f.clone(),
                }))
                .collect();
        }
        if kind == NameKind::Primary {
            e.caption = full.clone();
        }
        row_facts(e, &get);
    }
    let mut entities = Vec::with_capacity(groups.len());
    for mut e in groups {
        // A group whose rows are all aliases takes its first name as primary.
        if let Some(p) = e.names.iter().position(|n| n.kind == NameKind::Primary) {
            let primary = e.names.remove(p);
            e.caption = primary.full.clone();
            e.names.insert(0, primary);
        } else if let Some(first) = e.names.first() {
            e.caption = first.full.clone();
        }
        entities.push(e);
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "UK Consolidated List contains no rows; refusing an empty list".into(),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format: Format::UkConList,
            published,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// The ConList export turned apostrophes inside names into commas ("JAMA,AT"); put them back.
fn restore_apostrophes(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if c == ',' && between_letters {
                '\''
            } else {
                c
            }
        })
        .collect()
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// The per-row facts (every row of a group repeats or varies them).
fn row_facts(e: &mut Entity, get: &dyn Fn(&str) -> Option<String>) {
    if let Some(d) = get("DOB") {
        let dates = parse_birth_dates(&d, Order::DayFirst);
        if dates.is_empty() {
            push_unique(
                &mut e.birth_dates,
                BirthDate {
                    value: None,
                    approximate: false,
                    note: Some(d),
                },
            );
        }
        for b in dates {
            push_unique(&mut e.birth_dates, b);
        }
    }
    let place = Address {
        city: get("Town of Birth"),
        country: get("Country of Birth").map(|c| Country::from_text(&c)),
        ..Address::default()
    };
    if !place.is_empty() {
        push_unique(&mut e.birth_places, place);
    }
    if let Some(n) = get("Nationality") {
        for part in split_enumeration(&n.replace('(', " ")) {
            push_unique(
                &mut e.nationalities,
                Country::from_text(part.trim_end_matches([',', '.'])),
            );
        }
    }
    if let Some(p) = get("Passport Details") {
        for id in document_numbers(&p, IdKind::Passport, "Passport") {
            if !e
                .identifiers
                .iter()
                .any(|i| i.normalised() == id.normalised())
            {
                e.identifiers.push(id);
            }
        }
    }
    if let Some(p) = get("NI Number") {
        for id in document_numbers(&p, IdKind::NationalId, "National Identification Number") {
            if !e
                .identifiers
                .iter()
                .any(|i| i.normalised() == id.normalised())
            {
                e.identifiers.push(id);
            }
        }
    }
    if let Some(t) = get("Title") {
        push_unique(&mut e.titles, t);
    }
    if let Some(p) = get("Position") {
        push_unique(&mut e.positions, p);
    }
    let street: Vec<String> = (1..=6)
        .filter_map(|i| get(&format!("Address {i}")))
        .collect();
    let address = Address {
        street: (!street.is_empty()).then(|| street.join(", ")),
        postal_code: get("Post/Zip Code"),
        country: get("Country").map(|c| Country::from_text(&c)),
        ..Address::default()
    };
    if !address.is_empty() {
        push_unique(&mut e.addresses, address);
    }
    if let Some(info) = get("Other Information") {
        for r in un_refs_in(&info) {
            push_unique(&mut e.external_refs, r);
        }
        crate::relations::add_prose_links(e, &info);
        push_unique(&mut e.remarks, info);
    }
    if let Some(r) = get("Regime") {
        push_unique(&mut e.programmes, r);
    }
    if let Some(d) = get("Listed On").and_then(|d| parse_date(&d, Order::DayFirst)) {
        e.listed_on = Some(e.listed_on.map_or(d, |x| x.min(d)));
    }
    if let Some(d) = get("Last Updated").and_then(|d| parse_date(&d, Order::DayFirst)) {
        push_unique(&mut e.last_updated, d);
    }
}

/// Document numbers in free text such as "(1) Provisional 28642163 (German) issued by the city
/// of Hamburg (2) 954242 (Moroccan)" or "Passport No: 592667 (Qatari passport issued on 3 May
/// 2007)": every word of five or more characters with at least three digits, with the country
/// in the brackets that follow it. The whole text is kept as the note.
pub(crate) fn document_numbers(text: &str, kind: IdKind, label: &str) -> Vec<Identifier> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let token = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/');
        let token = token.trim_end_matches(['.', ',', ';']);
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let is_number = token.len() >= 5
            && digits >= 3
            && token
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/'));
        // Dates ("2007", "28/06/1995") are not document numbers.
        if !is_number || parse_date(token, Order::DayFirst).is_some() {
            continue;
        }
        let country = words
            .get(i + 1)
            .filter(|n| n.starts_with('('))
            .map(|n| Country::from_text(n.trim_matches(|c: char| !c.is_alphabetic())))
            .filter(|c| c.code.is_some());
        out.push(Identifier {
            kind,
            label: label.to_string(),
            number: token.to_string(),
            country,
            issued: None,
            note: Some(text.to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_come_back() {
        assert_eq!(restore_apostrophes("JAMA,AT AL-DAWA"), "JAMA'AT AL-DAWA");
        assert_eq!(restore_apostrophes("SMITH, JOHN"), "SMITH, JOHN");
    }

    #[test]
    fn numbers_in_passport_text() {
        let ids = document_numbers("(1) Provisional 28642163 (German) issued by the city of Hamburg (2) 954242 (Moroccan) issued on 28 June 1995", IdKind::Passport, "Passport");
        let got: Vec<(String, Option<String>)> = ids
            .iter()
            .map(|i| {
                (
                    i.number.clone(),
                    i.country
                        .as_ref()
                        .and_then(|c| c.code)
                        .map(|c| c.to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("28642163".into(), Some("de".into())),
                ("954242".into(), Some("ma".into()))
            ]
        );
        assert_eq!(
            document_numbers(
                "Passport No: 592667 (Qatari passport issued on 3 May 2007).",
                IdKind::Passport,
                "Passport"
            )[0]
            .number,
            "592667"
        );
        assert!(document_numbers("issued 28/06/1995", IdKind::Passport, "Passport").is_empty());
    }
}
