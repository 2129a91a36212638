//! The EU Financial Sanctions Files (FSF), the consolidated list of persons, groups and entities
//! subject to EU financial sanctions, in both published formats:
//!
//! * XML (`<export generationDate=...>`): one `<sanctionEntity>` per entry, every fact an element
//!   whose values are attributes (`<nameAlias wholeName=... strong=...>`, `<birthdate
//!   birthdate=... year=... circa=...>`, `<citizenship countryIso2Code=...>`, `<identification
//!   number=... identificationTypeCode=...>`, `<address street=... city=...>`, `<regulation
//!   programme=...>`).
//! * CSV (semicolon-separated, header `fileGenerationDate;Entity_LogicalId;...`): the same facts
//!   flattened, one row per name, address, birth date, document or citizenship, grouped by
//!   `Entity_LogicalId`.
//!
//! The EU marks no primary name: the first name is taken as primary. The UN reference of entries
//! that implement UN listings is in `unitedNationId`.

use crate::crossref::{normalise_un_reference, UN_LIST};
use crate::dates::{parse_date, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::table::Table;
use crate::text::{decode_noting, Expect};
use crate::xml::{decode, Node, XmlWalker};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, BirthDate, Country, CountryCode, DateValue, Entity, ExternalRef, Gender, IdKind,
    Identifier, NameKind, PartialDate, Provenance, Schema,
};
use std::collections::HashMap;

/// List name.
pub const LIST_NAME: &str = "eu-fsf";

/// A country given as ISO code and description; "00" means none.
fn country(code: Option<String>, description: Option<String>) -> Option<Country> {
    let code = code
        .filter(|c| c != "00")
        .and_then(|c| CountryCode::from_alpha2(&c));
    let description = description.filter(|d| !d.eq_ignore_ascii_case("unknown"));
    match (code, description) {
        (None, None) => None,
        (Some(c), d) => Some(Country {
            code: Some(c),
            text: d.unwrap_or_else(|| c.name().to_string()),
        }),
        (None, Some(d)) => Some(Country::from_text(&d)),
    }
}

/// The facts of one entry, however they were read.
#[derive(Default)]
struct Facts {
    /// (name, strong, language)
    name: Vec<(String, bool, Option<String>)>,
    birth: Vec<BirthDate>,
    places: Vec<Address>,
    citizenship: Vec<Country>,
    ids: Vec<Identifier>,
    addresses: Vec<Address>,
    programmes: Vec<String>,
    remarks: Vec<String>,
    gender: Option<Gender>,
    titles: Vec<String>,
    positions: Vec<String>,
}

/// A birth date from the FSF fields: full date, or year, or year range, and whether "circa".
fn birth(
    date: Option<String>,
    year: Option<String>,
    from: Option<String>,
    to: Option<String>,
    circa: bool,
) -> Option<BirthDate> {
    let value = if let Some(d) = date.and_then(|d| PartialDate::parse(&d).ok()) {
        DateValue::On { date: d }
    } else if let Some(y) = year.and_then(|y| PartialDate::parse(&y).ok()) {
        DateValue::On { date: y }
    } else {
        match (
            from.and_then(|f| PartialDate::parse(&f).ok()),
            to.and_then(|t| PartialDate::parse(&t).ok()),
        ) {
            (Some(f), Some(t)) => DateValue::Between { from: f, to: t },
            (Some(d), None) | (None, Some(d)) => DateValue::On { date: d },
            (None, None) => return None,
        }
    };
    Some(BirthDate {
        value: Some(value),
        approximate: circa,
        note: None,
    })
}

fn identification_kind(code: &str) -> IdKind {
    match code.to_ascii_lowercase().as_str() {
        "passport" | "diplomatic_passport" | "diplomaticpassport" => IdKind::Passport,
        "id" | "nationalid" | "national_id" | "ssn" => IdKind::NationalId,
        "regnumber" | "registration" => IdKind::Registration,
        "fiscalcode" | "tax" => IdKind::TaxId,
        "imo" => IdKind::Imo,
        other => IdKind::from_label(other),
    }
}

fn build(
    logical_id: String,
    schema: Schema,
    facts: Facts,
    un_id: Option<String>,
    eu_ref: Option<String>,
    designated: Option<PartialDate>,
    version: &str,
) -> Option<Entity> {
    let (first, _, _) = facts.name.first()?.clone();
    let mut e = Entity::new(
        schema,
        &first,
        Provenance {
            list: LIST_NAME.into(),
            list_version: version.to_string(),
            reference: eu_ref.unwrap_or_else(|| logical_id.clone()),
            record_id: logical_id,
        },
    );
    e.names.clear();
    for (i, (text, strong, language)) in facts.name.iter().enumerate() {
        let kind = match (i, strong) {
            (0, _) => NameKind::Primary,
            (_, false) => NameKind::WeakAlias,
            _ => NameKind::Alias,
        };
        add_names(&mut e, text, kind, None, language.as_deref());
    }
    if e.names.is_empty() {
        return None;
    }
    e.caption = e.names[0].full.clone();
    e.birth_dates = facts.birth;
    e.birth_places = facts.places;
    e.nationalities = facts.citizenship;
    e.identifiers = facts.ids;
    e.addresses = facts.addresses;
    e.programmes = facts.programmes;
    e.remarks = facts.remarks;
    e.gender = facts.gender;
    e.titles = facts.titles;
    e.positions = facts.positions;
    e.listed_on = designated;
    if let Some(r) = un_id.as_deref().and_then(normalise_un_reference) {
        e.external_refs.push(ExternalRef {
            list: UN_LIST.into(),
            reference: r,
        });
    }
    // "Associated with Hafiz Muhammad Saeed.": the parties the remarks name.
    let remarks = std::mem::take(&mut e.remarks);
    for remark in &remarks {
        crate::relations::add_prose_links(&mut e, remark);
    }
    e.remarks = remarks;
    Some(e)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// Parses the XML format.
pub fn parse_xml(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let text = decode(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let mut published = None;
    let mut nodes = Vec::new();
    while let Some(start) = walker.next_start()? {
        match start.name.as_str() {
            "export" => published = start.attr("generationDate").map(str::to_string),
            "sanctionEntity" => nodes.push(walker.read_node(start)?),
            _ => {}
        }
    }
    let version = published
        .as_deref()
        .and_then(|p| PartialDate::parse(p).ok())
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    let mut warnings = Vec::new();
    let mut entities = Vec::with_capacity(nodes.len());
    for n in &nodes {
        match xml_entity(n, &version) {
            Some(e) => entities.push(e),
            None => warnings.push(Warning {
                line: n.line,
                message: "sanctionEntity without logicalId or name; skipped".into(),
            }),
        }
    }
    finish(
        path,
        entities,
        warnings,
        version,
        published,
        Format::EuFsfXml,
    )
}

fn xml_entity(n: &Node, version: &str) -> Option<Entity> {
    let logical_id = n.attr("logicalId")?;
    let schema = match n
        .child("subjectType")
        .and_then(|s| s.attr("code"))
        .unwrap_or_default()
        .as_str()
    {
        "person" => Schema::Person,
        "enterprise" => Schema::Organization,
        "vessel" => Schema::Vessel,
        _ => Schema::LegalEntity,
    };
    let mut f = Facts::default();
    for a in n.children_named("nameAlias") {
        let whole = a.attr("wholeName").or_else(|| {
            let parts: Vec<String> = ["firstName", "middleName", "lastName"]
                .iter()
                .filter_map(|k| a.attr(k))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        if let Some(w) = whole {
            f.name.push((
                w,
                a.attr("strong").as_deref() != Some("false"),
                a.attr("nameLanguage"),
            ));
        }
        if let Some(g) = a.attr("gender") {
            f.gender = Gender::parse(&g).or(f.gender);
        }
        if let Some(t) = a.attr("title") {
            push_unique(&mut f.titles, t);
        }
        if let Some(p) = a.attr("function") {
            push_unique(&mut f.positions, p);
        }
    }
    for b in n.children_named("birthdate") {
        if let Some(d) = birth(
            b.attr("birthdate"),
            b.attr("year"),
            b.attr("yearRangeFrom"),
            b.attr("yearRangeTo"),
            b.attr("circa").as_deref() == Some("true"),
        ) {
            push_unique(&mut f.birth, d);
        }
        let place = Address {
            city: b.attr("city").or_else(|| b.attr("place")),
            region: b.attr("region"),
            postal_code: b.attr("zipCode"),
            country: country(b.attr("countryIso2Code"), b.attr("countryDescription")),
            ..Address::default()
        };
        if !place.is_empty() {
            push_unique(&mut f.places, place);
        }
    }
    for c in n.children_named("citizenship") {
        if let Some(c) = country(c.attr("countryIso2Code"), c.attr("countryDescription")) {
            push_unique(&mut f.citizenship, c);
        }
    }
    for i in n.children_named("identification") {
        if let Some(id) = identification(&|k| i.attr(k)) {
            f.ids.push(id);
        }
    }
    for a in n.children_named("address") {
        let address = address(&|k| a.attr(k));
        if !address.is_empty() {
            push_unique(&mut f.addresses, address);
        }
    }
    for r in n.children_named("regulation") {
        if let Some(p) = r.attr("programme") {
            push_unique(&mut f.programmes, p);
        }
    }
    f.remarks
        .extend(n.children_named("remark").filter_map(Node::clean_text));
    let designated = n
        .attr("designationDate")
        .and_then(|d| PartialDate::parse(&d).ok());
    build(
        logical_id,
        schema,
        f,
        n.attr("unitedNationId"),
        n.attr("euReferenceNumber"),
        designated,
        version,
    )
}

/// A document from its FSF fields, looked up by attribute or column name.
fn identification(get: &dyn Fn(&str) -> Option<String>) -> Option<Identifier> {
    let number = get("number").or_else(|| get("latinNumber"))?;
    let code = get("identificationTypeCode").unwrap_or_default();
    let label = get("identificationTypeDescription").unwrap_or_else(|| code.clone());
    let mut notes = Vec::new();
    for (flag, text) in [
        ("knownFalse", "known to be false"),
        ("knownExpired", "known to be expired"),
        ("reportedLost", "reported lost"),
        ("revokedByIssuer", "revoked by issuer"),
    ] {
        if get(flag).as_deref() == Some("true") {
            notes.push(text.to_string());
        }
    }
    if let Some(by) = get("issuedBy") {
        notes.push(format!("issued by {by}"));
    }
    if let Some(to) = get("validTo") {
        notes.push(format!("valid to {to}"));
    }
    Some(Identifier {
        kind: identification_kind(&code),
        label,
        number,
        country: country(get("countryIso2Code"), get("countryDescription")),
        issued: get("issuedDate").and_then(|d| PartialDate::parse(&d).ok()),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

fn address(get: &dyn Fn(&str) -> Option<String>) -> Address {
    Address {
        street: [get("street"), get("poBox").map(|p| format!("PO Box {p}"))]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a}, {b}")),
        city: get("city").or_else(|| get("place")),
        region: get("region"),
        postal_code: get("zipCode"),
        country: country(get("countryIso2Code"), get("countryDescription")),
        note: get("contactInfo"),
    }
}

/// Parses the CSV format.
pub fn parse_csv(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let table = Table::read(path, &text, b';', 1)?;
    table.require(&["Entity_LogicalId"])?;
    warnings.extend_from_slice(table.warnings());
    struct Group {
        schema: Schema,
        facts: Facts,
        un_id: Option<String>,
        eu_ref: Option<String>,
        designated: Option<PartialDate>,
    }
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut generated: Option<String> = None;
    for row in table.rows() {
        let line = row.line;
        let get = |name: &str| row.text(name);
        let Some(id) = get("Entity_LogicalId") else {
            warnings.push(Warning {
                line,
                message: "row without Entity_LogicalId; skipped".into(),
            });
            continue;
        };
        if generated.is_none() {
            generated = get("fileGenerationDate");
        }
        let g = groups.entry(id.clone()).or_insert_with(|| {
            order.push(id.clone());
            Group {
                schema: match get("Entity_SubjectType")
                    .or_else(|| get("Entity_SubjectType_ClassificationCode"))
                    .as_deref()
                {
                    Some("person") | Some("P") => Schema::Person,
                    Some("enterprise") | Some("E") => Schema::Organization,
                    _ => Schema::LegalEntity,
                },
                facts: Facts::default(),
                un_id: get("Entity_UnitedNationId"),
                eu_ref: get("Entity_EU_ReferenceNumber"),
                designated: get("Entity_DesignationDate")
                    .and_then(|d| parse_date(&d, Order::DayFirst)),
            }
        });
        let f = &mut g.facts;
        if let Some(p) = get("Entity_Regulation_Programme") {
            push_unique(&mut f.programmes, p);
        }
        if let Some(r) = get("Entity_Remark") {
            push_unique(&mut f.remarks, r);
        }
        let whole = get("NameAlias_WholeName").or_else(|| {
            let parts: Vec<String> = [
                "NameAlias_FirstName",
                "NameAlias_MiddleName",
                "NameAlias_LastName",
            ]
            .iter()
            .filter_map(|k| get(k))
            .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        if let Some(w) = whole {
            if !f.name.iter().any(|(n, ..)| *n == w) {
                f.name.push((
                    w,
                    get("NameAlias_Strong").as_deref() != Some("false"),
                    get("NameAlias_NameLanguage"),
                ));
            }
            if let Some(gd) = get("NameAlias_Gender") {
                f.gender = Gender::parse(&gd).or(f.gender);
            }
            if let Some(t) = get("NameAlias_Title") {
                push_unique(&mut f.titles, t);
            }
            if let Some(p) = get("NameAlias_Function") {
                push_unique(&mut f.positions, p);
            }
        }
        let b = |k: &str| get(&format!("BirthDate_{k}"));
        if let Some(d) = birth(
            b("BirthDate"),
            b("Year"),
            b("YearRangeFrom"),
            b("YearRangeTo"),
            b("Circa").as_deref() == Some("true"),
        ) {
            push_unique(&mut f.birth, d);
        }
        let place = Address {
            city: b("City").or_else(|| b("Place")),
            region: b("Region"),
            postal_code: b("ZipCode"),
            country: country(b("CountryIso2Code"), b("CountryDescription")),
            ..Address::default()
        };
        if !place.is_empty() {
            push_unique(&mut f.places, place);
        }
        if let Some(c) = country(
            get("Citizenship_CountryIso2Code"),
            get("Citizenship_CountryDescription"),
        ) {
            push_unique(&mut f.citizenship, c);
        }
        let id_field = |k: &str| {
            let column = format!("Identification_{}{}", k[..1].to_ascii_uppercase(), &k[1..]);
            get(&column).or_else(|| match k {
                "identificationTypeCode" => get("Identification_TypeCode"),
                "identificationTypeDescription" => get("Identification_TypeDescription"),
                _ => None,
            })
        };
        if let Some(i) = identification(&id_field) {
            if !f.ids.contains(&i) {
                f.ids.push(i);
            }
        }
        let address_field = |k: &str| {
            get(&format!(
                "Address_{}{}",
                k[..1].to_ascii_uppercase(),
                &k[1..]
            ))
        };
        let a = address(&address_field);
        if !a.is_empty() {
            push_unique(&mut f.addresses, a);
        }
    }
    let version = generated
        .as_deref()
        .and_then(|d| parse_date(d, Order::DayFirst))
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    let mut entities = Vec::with_capacity(order.len());
    for id in order {
        let Some(g) = groups.remove(&id) else {
            continue;
        };
        match build(
            id.clone(),
            g.schema,
            g.facts,
            g.un_id,
            g.eu_ref,
            g.designated,
            &version,
        ) {
            Some(e) => entities.push(e),
            None => warnings.push(Warning {
                line: 0,
                message: format!("entry {id} has no name; skipped"),
            }),
        }
    }
    finish(
        path,
        entities,
        warnings,
        version,
        generated,
        Format::EuFsfCsv,
    )
}

fn finish(
    path: &str,
    entities: Vec<Entity>,
    warnings: Vec<Warning>,
    version: String,
    published: Option<String>,
    format: Format,
) -> Result<ParsedList> {
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "EU list contains no entries; refusing an empty list".into(),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format,
            published,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}
