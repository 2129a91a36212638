//! The UK Sanctions List, published by the FCDO: the UK's only list since 28 January 2026, when
//! OFSI's Consolidated List (`uk.rs`) was retired. It comes as XML and as CSV with the same
//! content:
//!
//! * XML: root `<Designations>` with `<DateGenerated>`, then one `<Designation>` per target:
//!   `UniqueID` (the FCDO's reference, such as `AFG0001`), `OFSIGroupID` (the ConList's group id),
//!   `UNReferenceNumber`, `Names/Name` with `Name1`..`Name6`, `NameType` and `AliasStrength`,
//!   `NonLatinNames/NonLatinName/NameNonLatinScript`, `RegimeName`, `IndividualEntityShip`,
//!   `DateDesignated`, `LastUpdated`, `Addresses/Address`, and per kind `IndividualDetails`
//!   (`DOBs/DOB`, `Nationalities`, `PassportDetails`, `NationalIdentifierDetails`, `Positions`,
//!   `BirthDetails/Location`, `Genders`), `EntityDetails` (`BusinessRegistrationNumbers`, parent
//!   companies, subsidiaries) or `ShipDetails` (`IMONumbers`, flags, owners).
//! * CSV: a `Report Date: 08-Oct-2026` line, a header of 58 columns (`Last Updated,Unique ID,OFSI
//!   Group ID,UN Reference Number,Name 6,Name 1,...`), and one row per name and address variant
//!   of a target, grouped by `Unique ID`.
//!
//! Dates are `dd/mm/yyyy`; an unknown day or month is written `dd` or `mm` (`dd/mm/1975`).
//! `Name 6` is the family name of a person and the whole name of an entity or ship.
//!
//! The element and column names follow the FCDO's published format ("UK Sanctions List: guide to
//! the data fields", gov.uk), as public parsers of the live file read them (OpenSanctions'
//! `gb_fcdo_sanctions` crawler among them); no copy of the real file is kept here.

use crate::crossref::{normalise_un_reference, un_refs_in, UN_LIST};
use crate::dates::{parse_date, Order};
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::table::Table;
use crate::text::{decode_noting, Expect};
use crate::xml::{decode as decode_xml, Node, XmlWalker};
use crate::{Format, ListMeta, ParsedList};
use interdict_model::{
    Address, BirthDate, Country, Detail, Entity, ExternalRef, Gender, IdKind, Identifier, NameKind,
    NamePart, PartRole, PartialDate, Provenance, Schema,
};
use std::collections::HashMap;

/// List name.
pub const LIST_NAME: &str = "gb-fcdo";

/// One name of a target as listed: its six parts (1 to 5 given and middle, 6 family or whole),
/// its type and the strength of an alias.
#[derive(Debug, Default, Clone, PartialEq)]
struct ListedName {
    parts: [Option<String>; 6],
    name_type: Option<String>,
    strength: Option<String>,
}

/// A target as the list gives it, whichever of the two formats it came from.
#[derive(Debug, Default)]
struct Record {
    line: usize,
    id: String,
    group_id: Option<String>,
    un_refs: Vec<String>,
    kind: Option<String>,
    names: Vec<ListedName>,
    non_latin: Vec<String>,
    titles: Vec<String>,
    regimes: Vec<String>,
    source: Option<String>,
    imposed: Option<String>,
    other_info: Option<String>,
    reasons: Option<String>,
    designated: Option<String>,
    updated: Option<String>,
    addresses: Vec<Address>,
    contacts: Vec<(&'static str, String)>,
    dobs: Vec<String>,
    nationalities: Vec<String>,
    passports: Vec<(String, Option<String>)>,
    national_ids: Vec<(String, Option<String>)>,
    positions: Vec<String>,
    genders: Vec<String>,
    birth_places: Vec<(Option<String>, Option<String>)>,
    registrations: Vec<String>,
    imo: Vec<String>,
    flags: Vec<String>,
    /// Other facts, as (label, value).
    details: Vec<(&'static str, String)>,
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// A date as the list writes it (`dd/mm/yyyy`, with `dd` and `mm` for unknown parts, or ISO).
fn uk_date(text: &str) -> Option<PartialDate> {
    let t = text
        .trim()
        .to_ascii_lowercase()
        .replace("dd", "00")
        .replace("mm", "00");
    parse_date(&t, Order::DayFirst)
}

/// Parses the UK Sanctions List in XML.
pub fn parse_xml(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let text = decode_xml(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let mut generated = None;
    let mut records = Vec::new();
    while let Some(start) = walker.next_start()? {
        match start.name.as_str() {
            "DateGenerated" | "GeneratedDate" | "PublicationDate" => {
                generated = walker.read_node(start)?.clean_text();
            }
            "Designation" => records.push(xml_record(&walker.read_node(start)?)),
            _ => {}
        }
    }
    finish(path, records, generated, Format::UkSanctionsListXml)
}

/// The texts of every `leaf` element inside `node`, wherever it is nested ("DOBs/DOB").
fn texts(node: &Node, leaf: &str) -> Vec<String> {
    node.descendants_text(leaf)
}

fn xml_record(d: &Node) -> Record {
    let mut r = Record {
        line: d.line,
        id: d.child_text("UniqueID").unwrap_or_default(),
        group_id: d.child_text("OFSIGroupID"),
        un_refs: texts(d, "UNReferenceNumber"),
        kind: d.child_text("IndividualEntityShip"),
        regimes: texts(d, "RegimeName"),
        source: d.child_text("DesignationSource"),
        imposed: d.child_text("SanctionsImposed"),
        other_info: d.child_text("OtherInformation"),
        reasons: d.child_text("UKStatementofReasons"),
        designated: d.child_text("DateDesignated"),
        updated: d.child_text("LastUpdated"),
        ..Record::default()
    };
    for n in d.descendants("Name") {
        let part = |i: usize| n.child_text(&format!("Name{i}"));
        r.names.push(ListedName {
            parts: [part(1), part(2), part(3), part(4), part(5), part(6)],
            name_type: n.child_text("NameType"),
            strength: n.child_text("AliasStrength"),
        });
    }
    r.non_latin = texts(d, "NameNonLatinScript");
    for a in d.descendants("Address") {
        let line = |i: usize| a.child_text(&format!("AddressLine{i}"));
        r.addresses.push(address(
            [line(1), line(2), line(3), line(4), line(5), line(6)],
            a.child_text("AddressPostalCode"),
            a.child_text("AddressCountry"),
        ));
    }
    for (label, leaf) in [
        ("Phone", "PhoneNumber"),
        ("E-mail", "EmailAddress"),
        ("Website", "Website"),
    ] {
        for v in texts(d, leaf) {
            r.contacts.push((label, v));
        }
    }
    r.titles = texts(d, "Title");
    r.dobs = texts(d, "DOB");
    r.nationalities = texts(d, "Nationality");
    for p in d.descendants("PassportDetail") {
        if let Some(n) = p.child_text("PassportNumber") {
            r.passports
                .push((n, p.child_text("PassportAdditionalInformation")));
        }
    }
    for p in d.descendants("NationalIdentifierDetail") {
        if let Some(n) = p.child_text("NationalIdentifierNumber") {
            r.national_ids
                .push((n, p.child_text("NationalIdentifierAdditionalInformation")));
        }
    }
    r.positions = texts(d, "Position");
    r.genders = texts(d, "Gender");
    for l in d.descendants("Location") {
        r.birth_places
            .push((l.child_text("TownOfBirth"), l.child_text("CountryOfBirth")));
    }
    r.registrations = texts(d, "BusinessRegistrationNumber");
    r.imo = texts(d, "IMONumber");
    r.flags = texts(d, "CurrentBelievedFlagOfShip");
    for (label, leaf) in [
        ("Type of entity", "TypeOfEntity"),
        ("Parent company", "ParentCompany"),
        ("Subsidiary", "Subsidiary"),
        ("Current owner/operator", "CurrentOwnerOperator"),
        ("Previous owner/operator", "PreviousOwnerOperator"),
        ("Previous flag", "PreviousFlag"),
        ("Type of ship", "TypeOfShip"),
        ("Tonnage of ship", "TonnageOfShip"),
        ("Length of ship", "LengthOfShip"),
        ("Year built", "YearBuilt"),
        ("Hull identification number", "HullIdentificationNumber"),
    ] {
        for v in texts(d, leaf) {
            r.details.push((label, v));
        }
    }
    r
}

/// An address from its six lines (street lines first, then town and region), postcode and
/// country.
fn address(
    lines: [Option<String>; 6],
    postal_code: Option<String>,
    country: Option<String>,
) -> Address {
    let street: Vec<String> = lines[..3].iter().flatten().cloned().collect();
    let region: Vec<String> = lines[4..].iter().flatten().cloned().collect();
    Address {
        street: (!street.is_empty()).then(|| street.join(", ")),
        city: lines[3].clone(),
        region: (!region.is_empty()).then(|| region.join(", ")),
        postal_code,
        country: country.map(|c| Country::from_text(&c)),
        note: None,
    }
}

/// Columns a CSV file of the list must have.
const REQUIRED: [&str; 4] = ["Unique ID", "Name 6", "Name type", "Designation Type"];

/// Parses the UK Sanctions List in CSV.
pub fn parse_csv(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let text = text.trim_start_matches('\u{feff}');
    // Line 1 is "Report Date: 08-Oct-2026"; a copy may start with the header.
    let (generated, body, header_line) = match text.strip_prefix("Report Date:") {
        Some(rest) => {
            let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
            let date = first.trim().trim_matches(',').trim().to_string();
            (Some(date), body, 2)
        }
        None => (None, text, 1),
    };
    let table = Table::read(path, body, b',', header_line)?;
    table.require(&REQUIRED)?;
    let mut records: Vec<Record> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    warnings.extend_from_slice(table.warnings());
    for row in table.rows() {
        let get = |c: &str| row.text(c);
        let Some(id) = get("Unique ID") else {
            warnings.push(Warning {
                line: row.line,
                message: "row without a Unique ID; skipped".into(),
            });
            continue;
        };
        let at = *by_id.entry(id.clone()).or_insert_with(|| {
            records.push(Record {
                line: row.line,
                id,
                ..Record::default()
            });
            records.len() - 1
        });
        csv_row(&mut records[at], &get);
    }
    let mut list = finish(path, records, generated, Format::UkSanctionsListCsv)?;
    warnings.append(&mut list.warnings);
    list.warnings = warnings;
    Ok(list)
}

/// Adds what one CSV row says to its target's record (rows repeat or vary the same facts).
fn csv_row(r: &mut Record, get: &dyn Fn(&str) -> Option<String>) {
    let first = |slot: &mut Option<String>, column: &str| {
        if slot.is_none() {
            *slot = get(column);
        }
    };
    first(&mut r.group_id, "OFSI Group ID");
    first(&mut r.kind, "Designation Type");
    first(&mut r.source, "Designation source");
    first(&mut r.imposed, "Sanctions Imposed");
    first(&mut r.other_info, "Other Information");
    first(&mut r.reasons, "UK Statement of Reasons");
    first(&mut r.designated, "Date Designated");
    first(&mut r.updated, "Last Updated");
    let part = |i: usize| get(&format!("Name {i}"));
    let name = ListedName {
        parts: [part(1), part(2), part(3), part(4), part(5), part(6)],
        name_type: get("Name type"),
        strength: get("Alias strength"),
    };
    if name.parts.iter().any(Option::is_some) {
        push_unique(&mut r.names, name);
    }
    let many = |v: &mut Vec<String>, column: &str| {
        if let Some(x) = get(column) {
            push_unique(v, x);
        }
    };
    many(&mut r.un_refs, "UN Reference Number");
    many(&mut r.non_latin, "Name non-latin script");
    many(&mut r.titles, "Title");
    many(&mut r.regimes, "Regime Name");
    many(&mut r.dobs, "D.O.B");
    many(&mut r.nationalities, "Nationality(/ies)");
    many(&mut r.positions, "Position");
    many(&mut r.genders, "Gender");
    many(&mut r.registrations, "Business registration number (s)");
    many(&mut r.imo, "IMO number");
    many(&mut r.flags, "Current believed flag of ship");
    if let Some(n) = get("Passport number") {
        push_unique(
            &mut r.passports,
            (n, get("Passport additional information")),
        );
    }
    if let Some(n) = get("National Identifier number") {
        push_unique(
            &mut r.national_ids,
            (n, get("National Identifier additional information")),
        );
    }
    let birth = (get("Town of birth"), get("Country of birth"));
    if birth.0.is_some() || birth.1.is_some() {
        push_unique(&mut r.birth_places, birth);
    }
    let line = |i: usize| get(&format!("Address Line {i}"));
    let a = address(
        [line(1), line(2), line(3), line(4), line(5), line(6)],
        get("Address Postal Code"),
        get("Address Country"),
    );
    if !a.is_empty() {
        push_unique(&mut r.addresses, a);
    }
    for (label, column) in [
        ("Phone", "Phone number"),
        ("E-mail", "Email address"),
        ("Website", "Website"),
    ] {
        if let Some(v) = get(column) {
            push_unique(&mut r.contacts, (label, v));
        }
    }
    for (label, column) in [
        ("Type of entity", "Type of entity"),
        ("Parent company", "Parent company"),
        ("Subsidiary", "Subsidiaries"),
        ("Current owner/operator", "Current owner/operator (s)"),
        ("Previous owner/operator", "Previous owner/operator (s)"),
        ("Previous flag", "Previous flags"),
        ("Type of ship", "Type of ship"),
        ("Tonnage of ship", "Tonnage of ship"),
        ("Length of ship", "Length of ship"),
        ("Year built", "Year Built"),
        (
            "Hull identification number",
            "Hull identification number (HIN)",
        ),
    ] {
        if let Some(v) = get(column) {
            push_unique(&mut r.details, (label, v));
        }
    }
}

/// The list from its records: the version from the date the file was generated, every record
/// an entity (a record without a usable name is skipped with a warning).
fn finish(
    path: &str,
    records: Vec<Record>,
    generated: Option<String>,
    format: Format,
) -> Result<ParsedList> {
    if records.is_empty() {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "UK Sanctions List contains no designations; refusing an empty list".into(),
        });
    }
    let date = generated.as_deref().and_then(uk_date);
    let version = match date {
        Some(d) => d.to_string(),
        None => crate::content_version(records.iter().map(|r| r.id.as_bytes())),
    };
    let mut warnings = Vec::new();
    if date.is_none() {
        warnings.push(Warning {
            line: 0,
            message: format!(
                "the file states no date it was generated ({}); its version is a hash of its content",
                generated.as_deref().unwrap_or("none given")
            ),
        });
    }
    let mut entities = Vec::with_capacity(records.len());
    for r in records {
        let line = r.line;
        match entity(r, &version) {
            Ok(e) => entities.push(e),
            Err(message) => warnings.push(Warning { line, message }),
        }
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format,
            published: date.map(|d| d.to_string()).or(generated),
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// How a listed name counts: the primary name, its spelling variations, and aliases of good or
/// low quality.
fn name_kind(n: &ListedName) -> NameKind {
    let t = n.name_type.as_deref().unwrap_or("").to_ascii_lowercase();
    let weak = n
        .strength
        .as_deref()
        .is_some_and(|s| s.to_ascii_lowercase().contains("low"));
    match t.as_str() {
        "primary name" => NameKind::Primary,
        _ if weak => NameKind::WeakAlias,
        _ => NameKind::Alias,
    }
}

fn entity(r: Record, version: &str) -> std::result::Result<Entity, String> {
    if r.id.is_empty() {
        return Err("designation without a UniqueID; skipped".into());
    }
    let schema = match r.kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("individual") => Schema::Person,
        Some("ship") => Schema::Vessel,
        _ => Schema::Organization,
    };
    let mut names: Vec<&ListedName> = r.names.iter().collect();
    // The primary name first.
    names.sort_by_key(|n| name_kind(n) != NameKind::Primary);
    let full = |n: &ListedName| -> String {
        n.parts
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let caption = names
        .first()
        .map(|n| full(n))
        .filter(|c| !c.is_empty())
        .ok_or_else(|| format!("designation {}: no name; skipped", r.id))?;
    let mut e = Entity::new(
        schema,
        &caption,
        Provenance {
            list: LIST_NAME.into(),
            list_version: version.to_string(),
            reference: r.id.clone(),
            record_id: r.id.clone(),
        },
    );
    e.names.clear();
    for n in &names {
        let before = e.names.len();
        if add_names(&mut e, &full(n), name_kind(n), n.name_type.as_deref(), None) > 0
            && schema == Schema::Person
        {
            e.names[before].parts = person_parts(n);
        }
    }
    for n in &r.non_latin {
        add_names(&mut e, n, NameKind::OriginalScript, None, None);
    }
    facts(&mut e, r);
    Ok(e)
}

/// A person's name parts: Name 1 given, 2 to 5 middle, 6 family.
fn person_parts(n: &ListedName) -> Vec<NamePart> {
    n.parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let role = match i {
                0 => PartRole::Given,
                5 => PartRole::Family,
                _ => PartRole::Middle,
            };
            p.as_ref().map(|v| NamePart {
                role,
                value: v.clone(),
            })
        })
        .collect()
}

/// Everything but the names, in four parts.
fn facts(e: &mut Entity, mut r: Record) {
    references(e, &r);
    personal(e, &mut r);
    documents(e, &mut r);
    listing(e, r);
}

/// The UN references the designation quotes, in its own field and in its text.
fn references(e: &mut Entity, r: &Record) {
    let quoted = r.other_info.as_deref().map(un_refs_in).unwrap_or_default();
    let given = r.un_refs.iter().filter_map(|u| normalise_un_reference(u));
    for reference in given {
        push_unique(
            &mut e.external_refs,
            ExternalRef {
                list: UN_LIST.into(),
                reference,
            },
        );
    }
    for x in quoted {
        push_unique(&mut e.external_refs, x);
    }
    if let Some(text) = &r.other_info {
        crate::relations::add_prose_links(e, text);
    }
}

/// Dates and places of birth, nationalities, gender, titles and positions.
fn personal(e: &mut Entity, r: &mut Record) {
    for d in &r.dobs {
        let value = uk_date(d).map(|date| interdict_model::DateValue::On { date });
        push_unique(
            &mut e.birth_dates,
            BirthDate {
                value,
                approximate: false,
                note: value.is_none().then(|| d.clone()),
            },
        );
    }
    for n in &r.nationalities {
        push_unique(&mut e.nationalities, Country::from_text(n));
    }
    for (town, country) in std::mem::take(&mut r.birth_places) {
        push_unique(
            &mut e.birth_places,
            Address {
                city: town,
                country: country.map(|c| Country::from_text(&c)),
                ..Address::default()
            },
        );
    }
    e.gender = r.genders.first().and_then(|g| Gender::parse(g));
    e.titles = std::mem::take(&mut r.titles);
    e.positions = std::mem::take(&mut r.positions);
}

/// Passports, national identifiers, registration and IMO numbers, and a ship's flag.
fn documents(e: &mut Entity, r: &mut Record) {
    let id = |kind, label: &str, (number, note): (String, Option<String>)| Identifier {
        kind,
        label: label.into(),
        number,
        country: None,
        issued: None,
        note,
    };
    let bare = |n: String| (n, None);
    let all = std::mem::take(&mut r.passports)
        .into_iter()
        .map(|p| id(IdKind::Passport, "Passport", p))
        .chain(
            std::mem::take(&mut r.national_ids)
                .into_iter()
                .map(|n| id(IdKind::NationalId, "National Identifier", n)),
        )
        .chain(std::mem::take(&mut r.registrations).into_iter().map(|n| {
            id(
                IdKind::Registration,
                "Business registration number",
                bare(n),
            )
        }))
        .chain(
            std::mem::take(&mut r.imo)
                .into_iter()
                .map(|n| id(IdKind::Imo, "IMO number", bare(n))),
        );
    e.identifiers.extend(all);
    for f in std::mem::take(&mut r.flags) {
        e.countries.push(Country::from_text(&f));
        e.details.push(Detail {
            label: "Current believed flag".into(),
            value: f,
        });
    }
}

/// The designation itself: regimes, dates, reasons and remarks, addresses and the other facts.
fn listing(e: &mut Entity, r: Record) {
    e.addresses = r.addresses;
    e.programmes = r.regimes;
    e.listed_on = r.designated.as_deref().and_then(uk_date);
    e.last_updated = r.updated.as_deref().and_then(uk_date).into_iter().collect();
    e.remarks.extend(r.reasons.into_iter().chain(r.other_info));
    let labelled = [
        ("OFSI Group ID", r.group_id),
        ("Designation source", r.source),
        ("Sanctions imposed", r.imposed),
    ];
    let labelled = labelled
        .into_iter()
        .filter_map(|(label, value)| Some((label, value?)));
    for (label, value) in labelled.chain(r.contacts).chain(r.details) {
        e.details.push(Detail {
            label: label.into(),
            value,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_unknown_parts() {
        let d = |s: &str| uk_date(s).map(|d| d.to_string());
        assert_eq!(d("05/06/1950").as_deref(), Some("1950-06-05"));
        assert_eq!(d("dd/mm/1975").as_deref(), Some("1975"));
        assert_eq!(d("dd/06/1975").as_deref(), Some("1975-06"));
        assert_eq!(d("2026-10-08").as_deref(), Some("2026-10-08"));
        assert_eq!(d("08-Oct-2026").as_deref(), Some("2026-10-08"));
        assert_eq!(d("unknown"), None);
    }
}
