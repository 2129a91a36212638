//! OFAC's enhanced XML (`<sanctionsData>`, Sanctions List Service ENHANCED_XML): one `<entity>`
//! per entry with names in several scripts, addresses made of typed parts, "features" (dates
//! and places of birth, nationality, gender, vessel and aircraft facts, ...), identity documents
//! and relationships to other entries. Reference values appear by name as element text, so no
//! `refId` lookup is needed.

use crate::dates::{parse_birth_dates, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::remarks;
use crate::xml::{decode, Node, XmlWalker};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    Address, Country, Detail, Entity, Gender, IdKind, Identifier, Link, NameKind, PartialDate,
    Provenance, Schema,
};

/// List name: the enhanced export holds entries of several OFAC lists (SDN and non-SDN).
pub const LIST_NAME: &str = "us-ofac";

/// Parses a `<sanctionsData>` file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let text = decode(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let mut published = None;
    let mut nodes = Vec::new();
    while let Some(start) = walker.next_start()? {
        match start.name.as_str() {
            "publicationInfo" => {
                let n = walker.read_node(start)?;
                published = n.child_text("dataAsOf");
            }
            "entity" => nodes.push(walker.read_node(start)?),
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
        match entity(n, &version) {
            Some(e) => entities.push(e),
            None => warnings.push(Warning {
                line: n.line,
                message: "entity without id or primary name; skipped".into(),
            }),
        }
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "OFAC enhanced XML contains no entities; refusing an empty list".into(),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.to_string(),
            version,
            format: Format::OfacEnhancedXml,
            published,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// The text of a translated name: "First LAST" when the parts are given, else the formatted
/// full name.
fn translation_name(t: &Node) -> Option<String> {
    match (
        t.child_text("formattedFirstName"),
        t.child_text("formattedLastName"),
    ) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        _ => t
            .child_text("formattedFullName")
            .or_else(|| t.child_text("formattedLastName")),
    }
}

fn entity(n: &Node, version: &str) -> Option<Entity> {
    let id = n.attr("id")?;
    let info = n.child("generalInfo");
    let schema = match info
        .and_then(|i| i.child_text("entityType"))
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "individual" => Schema::Person,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Aircraft,
        _ => Schema::Organization,
    };
    // Names: the primary name's primary translation first.
    let names = n.descendants("name");
    let primary = names
        .iter()
        .find(|x| x.child_text("isPrimary").as_deref() == Some("true"))
        .or(names.first())?;
    let primary_translation = primary
        .descendants("translation")
        .into_iter()
        .find(|t| t.child_text("isPrimary").as_deref() == Some("true"))?;
    let caption = primary_translation
        .child_text("formattedFullName")
        .or_else(|| translation_name(primary_translation))?;
    let mut e = Entity::new(
        schema,
        &caption,
        Provenance {
            list: LIST_NAME.to_string(),
            list_version: version.to_string(),
            reference: id.clone(),
            record_id: id,
        },
    );
    e.names.clear();
    for name in &names {
        let is_primary = name.child_text("isPrimary").as_deref() == Some("true");
        let low = name.child_text("isLowQuality").as_deref() == Some("true");
        let alias_type = name.child_text("aliasType");
        let kind = match (
            is_primary,
            low,
            alias_type
                .as_deref()
                .map(str::to_ascii_uppercase)
                .as_deref(),
        ) {
            (true, _, _) => NameKind::Primary,
            (_, true, _) => NameKind::WeakAlias,
            (_, _, Some("F.K.A.")) => NameKind::Former,
            _ => NameKind::Alias,
        };
        for t in name.descendants("translation") {
            let latin = t.child_text("script").is_none_or(|s| s == "Latin");
            let kind = if latin {
                kind
            } else {
                NameKind::OriginalScript
            };
            if let Some(text) = translation_name(t) {
                add_names(&mut e, &text, kind, alias_type.as_deref(), None);
            }
        }
    }
    if e.names.is_empty() {
        return None;
    }
    e.programmes = n.descendants_text("sanctionsProgram");
    for list in n.descendants("sanctionsList") {
        if let Some(d) = list
            .attr("datePublished")
            .and_then(|d| PartialDate::parse(&d).ok())
        {
            e.listed_on = Some(e.listed_on.map_or(d, |x| x.min(d)));
        }
        if let Some(name) = list.clean_text() {
            e.details.push(Detail {
                label: "Sanctions List".into(),
                value: name,
            });
        }
    }
    for a in n.descendants("address") {
        let mut address = Address {
            country: a.child_text("country").map(|c| Country::from_text(&c)),
            ..Address::default()
        };
        let mut street = Vec::new();
        for part in a.descendants("addressPart") {
            let (Some(kind), Some(value)) = (part.child_text("type"), part.child_text("value"))
            else {
                continue;
            };
            match kind.to_ascii_uppercase().as_str() {
                "CITY" => address.city = Some(value),
                "STATE/PROVINCE" | "REGION" => address.region = Some(value),
                "POSTAL CODE" => address.postal_code = Some(value),
                _ => street.push(value),
            }
        }
        if !street.is_empty() {
            address.street = Some(street.join(", "));
        }
        if !address.is_empty() {
            e.addresses.push(address);
        }
    }
    for f in n.descendants("feature") {
        feature(f, &mut e);
    }
    for d in n.descendants("identityDocument") {
        let Some(number) = d.child_text("documentNumber") else {
            continue;
        };
        let label = d.child_text("type").unwrap_or_default();
        let mut notes = Vec::new();
        if d.child_text("isValid").as_deref() == Some("false") {
            notes.push("not valid".to_string());
        }
        for (field, label) in [("expirationDate", "expires"), ("issueDate", "issued")] {
            if let Some(v) = d
                .child(field)
                .and_then(|x| x.clean_text().or_else(|| x.attr("date")))
            {
                notes.push(format!("{label} {v}"));
            }
        }
        e.identifiers.push(Identifier {
            kind: IdKind::from_label(&label),
            label,
            number,
            country: d
                .child_text("issuingCountry")
                .map(|c| Country::from_text(&c)),
            issued: None,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    for r in n.descendants("relationship") {
        let related = r.child("relatedEntity");
        let relation = r
            .child_text("type")
            .unwrap_or_else(|| "related".into())
            .to_lowercase();
        let (kind, direction) = crate::relations::classify_label(&relation);
        let name = related.and_then(Node::clean_text);
        e.links.push(Link {
            reference: related.and_then(|x| x.attr("entityId")).unwrap_or_default(),
            source_text: Some(format!("{relation}: {}", name.as_deref().unwrap_or("?"))),
            relation,
            kind,
            direction,
            name,
            ..Link::default()
        });
    }
    for remark in n.descendants_text("remarks") {
        remarks::apply(&remark, &mut e);
    }
    Some(e)
}

/// One feature: birth dates and places, nationality, gender, and everything else as a detail.
fn feature(f: &Node, e: &mut Entity) {
    let (Some(kind), Some(value)) = (f.child_text("type"), f.child_text("value")) else {
        return;
    };
    let approximate = f
        .child("valueDate")
        .and_then(|v| v.child_text("isApproximate"))
        .as_deref()
        == Some("true");
    match kind.to_ascii_lowercase().as_str() {
        "birthdate" | "organization established date" => {
            for mut d in parse_birth_dates(&value, Order::DayFirst) {
                d.approximate |= approximate;
                if !e.birth_dates.contains(&d) {
                    e.birth_dates.push(d);
                }
            }
        }
        "place of birth" => e.birth_places.push(remarks::parse_place(&value)),
        "nationality country" | "citizenship country" => {
            e.nationalities.push(Country::from_text(&value))
        }
        "gender" => e.gender = Gender::parse(&value).or(e.gender),
        "vessel flag" => {
            e.countries.push(Country::from_text(&value));
            e.details.push(Detail { label: kind, value });
        }
        _ => {
            // Documents hidden among features (MSN, IMO, MMSI) are identifiers too.
            let lower = kind.to_ascii_lowercase();
            let id_kind = if lower.contains("serial number")
                || lower.contains("construction number")
                || lower.contains("transponder")
            {
                Some(IdKind::AircraftRegistration)
            } else if lower.contains("imo") {
                Some(IdKind::Imo)
            } else if lower.contains("mmsi") {
                Some(IdKind::Mmsi)
            } else if lower.contains("digital currency address") || lower.contains("swift") {
                Some(IdKind::Other)
            } else {
                None
            };
            match id_kind {
                Some(k) => e.identifiers.push(Identifier {
                    kind: k,
                    label: kind,
                    number: value,
                    country: None,
                    issued: None,
                    note: None,
                }),
                None => e.details.push(Detail {
                    label: kind.trim_end_matches([':', '-', ' ']).to_string(),
                    value,
                }),
            }
        }
    }
}
