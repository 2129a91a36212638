//! OFAC's list XML (`<sdnList>`, the schema of SDN.XML and CONSOLIDATED.XML): one `<sdnEntry>` per
//! entry with structured names, aliases (strong and weak), addresses, dates and places of birth,
//! nationalities, citizenships, an `<idList>` that mixes documents with other facts, and vessel
//! information. The publication date is in `<publshInformation>` (sic) as MM/DD/YYYY.

use crate::dates::{parse_date, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::ofac_csv::{CONSOLIDATED_LIST, SDN_LIST};
use crate::remarks;
use crate::xml::{decode, Node, XmlWalker};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, Country, Detail, Entity, IdKind, Identifier, Name, NameKind, NamePart, PartRole,
    Provenance, Schema,
};

/// Parses an `<sdnList>` file; `consolidated` names the list (SDN or consolidated non-SDN).
pub fn parse(path: &str, bytes: &[u8], consolidated: bool) -> Result<ParsedList> {
    let list = if consolidated {
        CONSOLIDATED_LIST
    } else {
        SDN_LIST
    };
    let text = decode(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let mut warnings = Vec::new();
    let mut published: Option<String> = None;
    let mut declared_count: Option<usize> = None;
    let mut records: Vec<Node> = Vec::new();
    while let Some(start) = walker.next_start()? {
        match start.name.as_str() {
            "publshInformation" | "publishInformation" => {
                let node = walker.read_node(start)?;
                published = node.child_text("Publish_Date");
                declared_count = node.child_text("Record_Count").and_then(|c| c.parse().ok());
            }
            "sdnEntry" => records.push(walker.read_node(start)?),
            _ => {}
        }
    }
    let version = published
        .as_deref()
        .and_then(|p| parse_date(p, Order::MonthFirst))
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    // Shown as an ISO date, as every other list's.
    let published = published.map(|p| match parse_date(&p, Order::MonthFirst) {
        Some(d) => d.to_string(),
        None => p,
    });
    let mut entities = Vec::with_capacity(records.len());
    for node in &records {
        match entry(node, list, &version) {
            Some(e) => entities.push(e),
            None => warnings.push(Warning {
                line: node.line,
                message: "sdnEntry without uid or name; skipped".into(),
            }),
        }
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "OFAC XML contains no sdnEntry records; refusing an empty list".into(),
        });
    }
    if let Some(n) = declared_count {
        if n != records.len() {
            warnings.push(Warning {
                line: 0,
                message: format!("the file declares {n} records but holds {}", records.len()),
            });
        }
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: list.to_string(),
            version,
            format: Format::OfacXml,
            published,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// "First Middle LAST" with its parts, from `<firstName>` and `<lastName>`.
fn structured_name(first: Option<String>, last: Option<String>, kind: NameKind) -> Option<Name> {
    let full = [first.as_deref(), last.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(f) = first {
        parts.push(NamePart {
            role: PartRole::Given,
            value: f,
        });
    }
    if let Some(l) = last {
        parts.push(NamePart {
            role: PartRole::Family,
            value: l,
        });
    }
    Some(Name {
        full,
        kind,
        parts,
        quality: None,
        note: None,
    })
}

fn entry(node: &Node, list: &str, version: &str) -> Option<Entity> {
    let uid = node.child_text("uid")?;
    let schema = match node
        .child_text("sdnType")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "individual" => Schema::Person,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Aircraft,
        _ => Schema::Organization,
    };
    let first = node.child_text("firstName");
    let last = node.child_text("lastName");
    let caption = match (&first, &last) {
        (Some(f), Some(l)) => format!("{l}, {f}"),
        (None, Some(l)) => l.clone(),
        (Some(f), None) => f.clone(),
        (None, None) => return None,
    };
    let mut e = Entity::new(
        schema,
        &caption,
        Provenance {
            list: list.to_string(),
            list_version: version.to_string(),
            reference: uid.clone(),
            record_id: uid,
        },
    );
    if let Some(n) = structured_name(first, last, NameKind::Primary) {
        e.names[0] = n;
    }
    if schema != Schema::Person {
        crate::names::set_primary(&mut e, &caption.clone());
    }
    e.programmes = node.descendants_text("program");
    if let Some(t) = node.child_text("title") {
        e.positions.push(t);
    }
    for aka in node.descendants("aka") {
        let weak = aka
            .child_text("category")
            .is_some_and(|c| c.eq_ignore_ascii_case("weak"));
        let kind_text = aka
            .child_text("type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let kind = if weak {
            NameKind::WeakAlias
        } else if kind_text.starts_with("f.k.a") {
            NameKind::Former
        } else {
            NameKind::Alias
        };
        let quality = aka.child_text("type");
        if schema == Schema::Person {
            if let Some(mut n) = structured_name(
                aka.child_text("firstName"),
                aka.child_text("lastName"),
                kind,
            ) {
                n.quality = quality;
                if !e.names.iter().any(|x| x.full == n.full) {
                    e.names.push(n);
                }
            }
        } else if let Some(n) = aka.child_text("lastName") {
            add_names(&mut e, &n, kind, quality.as_deref(), None);
        }
    }
    for a in node.descendants("address") {
        let street = [
            a.child_text("address1"),
            a.child_text("address2"),
            a.child_text("address3"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let address = Address {
            street: (!street.is_empty()).then_some(street),
            city: a.child_text("city"),
            region: a.child_text("stateOrProvince"),
            postal_code: a.child_text("postalCode"),
            country: a.child_text("country").map(|c| Country::from_text(&c)),
            note: None,
        };
        if !address.is_empty() {
            e.addresses.push(address);
        }
    }
    for n in node
        .descendants("nationality")
        .into_iter()
        .chain(node.descendants("citizenship"))
    {
        if let Some(c) = n.child_text("country") {
            let c = Country::from_text(&c);
            if !e.nationalities.contains(&c) {
                e.nationalities.push(c);
            }
        }
    }
    for d in node.descendants_text("dateOfBirth") {
        for b in crate::dates::parse_birth_dates(&d, Order::DayFirst) {
            if !e.birth_dates.contains(&b) {
                e.birth_dates.push(b);
            }
        }
    }
    for p in node.descendants_text("placeOfBirth") {
        let place = remarks::parse_place(&p);
        if !e.birth_places.contains(&place) {
            e.birth_places.push(place);
        }
    }
    for id in node.descendants("id") {
        identifier_item(id, &mut e);
    }
    if let Some(v) = node.child("vesselInfo") {
        if let Some(cs) = v.child_text("callSign") {
            e.identifiers.push(Identifier {
                kind: IdKind::CallSign,
                label: "Call Sign".into(),
                number: cs,
                country: None,
                issued: None,
                note: None,
            });
        }
        for (field, label) in [
            ("vesselType", "Vessel Type"),
            ("vesselFlag", "Vessel Flag"),
            ("vesselOwner", "Vessel Owner"),
            ("tonnage", "Tonnage"),
            ("grossRegisteredTonnage", "Gross Registered Tonnage"),
        ] {
            if let Some(value) = v.child_text(field) {
                if field == "vesselFlag" {
                    e.countries.push(Country::from_text(&value));
                }
                e.details.push(Detail {
                    label: label.into(),
                    value,
                });
            }
        }
    }
    if let Some(r) = node.child_text("remarks") {
        remarks::apply(&r, &mut e);
    }
    Some(e)
}

/// One `<id>` item: a document, or one of the other facts OFAC keeps in the same list (gender,
/// e-mail, website, establishment date). Read with the same rules as the CSV remarks.
fn identifier_item(id: &Node, e: &mut Entity) {
    let (Some(kind), number) = (id.child_text("idType"), id.child_text("idNumber")) else {
        return;
    };
    let mut item = match number {
        Some(n) => format!("{kind} {n}"),
        None => kind,
    };
    if let Some(c) = id.child_text("idCountry") {
        item.push_str(&format!(" ({c})"));
    }
    if let Some(d) = id.child_text("issueDate") {
        item.push_str(&format!(" issued {d}"));
    }
    if let Some(d) = id.child_text("expirationDate") {
        item.push_str(&format!(" expires {d}"));
    }
    remarks::apply_item(&item, e);
}
