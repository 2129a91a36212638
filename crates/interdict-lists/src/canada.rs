//! Canada's Consolidated Autonomous Sanctions List (SEMA and JVCFOA regulations), XML:
//! `<data-set>` of flat `<record>`s. "Country" names the regime (a country, or a thematic regime
//! such as "Hamas Terrorist Attacks"), bilingual as "Russia / Russie"; entries are numbered by
//! schedule and item within a regime. Values are often untrimmed.

use crate::dates::{parse_birth_dates, parse_date, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::names::add_names;
use crate::xml::{decode, Node, XmlWalker};
use crate::{ListMeta, ParsedList};
use interdict_model::{
    BirthDate, Country, Detail, Entity, IdKind, Identifier, NameKind, NamePart, PartRole,
    PartialDate, Provenance, Schema,
};

/// List name.
pub const LIST_NAME: &str = "ca-sema";

/// Parses a `<data-set>` file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let text = decode(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let mut records = Vec::new();
    while let Some(start) = walker.next_start()? {
        if start.name == "record" {
            records.push(walker.read_node(start)?);
        }
    }
    let mut warnings = Vec::new();
    let mut entities = Vec::with_capacity(records.len());
    let mut latest: Option<PartialDate> = None;
    let mut seen = std::collections::HashSet::new();
    for r in &records {
        if let Some(d) = r
            .child_text("DateOfListing")
            .and_then(|d| parse_date(&d, Order::DayFirst))
        {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
        match record(r) {
            Some(e) => {
                if !seen.insert(e.id.clone()) {
                    warnings.push(Warning {
                        line: r.line,
                        message: format!(
                            "entry {} appears twice; both kept under distinct ids",
                            e.provenance.reference
                        ),
                    });
                    let mut e = e;
                    e.id = format!("{}#{}", e.id, r.line);
                    entities.push(e);
                } else {
                    entities.push(e);
                }
            }
            None => warnings.push(Warning {
                line: r.line,
                message: "record without a name; skipped".into(),
            }),
        }
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "Canadian list contains no records; refusing an empty list".into(),
        });
    }
    // The file states no date; the latest listing date stands for its version.
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    for e in &mut entities {
        e.provenance.list_version = version.clone();
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format: Format::CanadaSemaXml,
            published: None,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

/// "Russia / Russie" → "Russia".
fn english(text: &str) -> &str {
    text.split(" / ").next().unwrap_or(text).trim()
}

fn record(r: &Node) -> Option<Entity> {
    let regime = r.child_text("Country").unwrap_or_default();
    let schedule = r.child_text("Schedule").unwrap_or_default();
    let item = r.child_text("Item").unwrap_or_default();
    let last = r.child_text("LastName");
    let given = r.child_text("GivenName");
    let org = r.child_text("EntityOrShip");
    let imo = r.child_text("ShipIMONumber");
    let (schema, full) = match (&last, &given, &org) {
        (Some(_), _, _) | (_, Some(_), _) => (
            Schema::Person,
            [given.as_deref(), last.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (None, None, Some(o)) => (
            if imo.is_some() {
                Schema::Vessel
            } else {
                Schema::Organization
            },
            o.clone(),
        ),
        _ => return None,
    };
    let reference = format!("{} {} item {}", english(&regime), schedule, item);
    let record_id: String = reference
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut e = Entity::new(
        schema,
        &full,
        Provenance {
            list: LIST_NAME.into(),
            list_version: String::new(),
            reference,
            record_id,
        },
    );
    if schema == Schema::Person {
        e.names[0].parts = given
            .iter()
            .map(|g| NamePart {
                role: PartRole::Given,
                value: g.clone(),
            })
            .chain(last.iter().map(|l| NamePart {
                role: PartRole::Family,
                value: l.clone(),
            }))
            .collect();
    } else {
        crate::names::set_primary(&mut e, &full);
    }
    if !regime.is_empty() {
        e.programmes.push(english(&regime).to_string());
        let c = Country::from_text(english(&regime));
        if c.code.is_some() {
            e.countries.push(c);
        }
    }
    if let Some(t) = r.child_text("TitleOrShip") {
        if schema == Schema::Person {
            e.titles.push(t);
        } else {
            e.details.push(Detail {
                label: "Vessel Type".into(),
                value: t,
            });
        }
    }
    if let Some(n) = imo {
        e.identifiers.push(Identifier {
            kind: IdKind::Imo,
            label: "IMO".into(),
            number: n,
            country: None,
            issued: None,
            note: None,
        });
    }
    if let Some(d) = r.child_text("DateOfBirthOrShipBuildDate") {
        if schema == Schema::Vessel {
            e.details.push(Detail {
                label: "Build Date".into(),
                value: d,
            });
        } else {
            let dates = parse_birth_dates(&d, Order::DayFirst);
            if dates.is_empty() {
                e.birth_dates.push(BirthDate {
                    value: None,
                    approximate: false,
                    note: Some(d),
                });
            }
            e.birth_dates.extend(dates);
        }
    }
    if let Some(aliases) = r.child_text("Aliases") {
        for a in aliases.split([',', ';']) {
            // "Belarusian: Руслан ..." — drop the language label.
            let a = match a.split_once(": ") {
                Some((label, name)) if label.trim().chars().all(char::is_alphabetic) => name,
                _ => a,
            };
            let a = a.trim();
            if !a.is_empty() {
                add_names(&mut e, a, NameKind::Alias, None, None);
            }
        }
    }
    e.listed_on = r
        .child_text("DateOfListing")
        .and_then(|d| parse_date(&d, Order::DayFirst));
    Some(e)
}
