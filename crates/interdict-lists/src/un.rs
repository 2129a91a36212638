//! The UN Security Council Consolidated List in its official XML format (`sc-sanctions.xsd`,
//! root `<CONSOLIDATED_LIST>`).
//!
//! Individuals carry up to four numbered name parts, aliases of quality Good/Low, an
//! original-script name, dates of birth in several shapes (exact date, year, year range, note
//! only), places of birth, nationalities, documents and addresses. Entities carry one name,
//! aliases of quality a.k.a./f.k.a. and addresses.

use crate::error::{Error, Result, Warning};
use crate::names::{add_names, set_primary};
use crate::xml::{decode, Node, XmlWalker};
use crate::{Format, ListMeta, ParsedList};
use interdict_model::{
    Address, BirthDate, Country, DateValue, Entity, Gender, IdKind, Identifier, Link, Name,
    NameKind, NamePart, PartRole, PartialDate, Provenance, Schema,
};
use std::collections::BTreeMap;

/// Short name of the list in entity ids and results.
pub const LIST_NAME: &str = "un-sc";

/// Parses a UN consolidated list from the file's bytes. `path` is used in messages only.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let text = decode(path, bytes)?;
    let mut walker = XmlWalker::new(path, &text);
    let root = walker.next_start()?.ok_or_else(|| Error::Invalid {
        path: path.to_string(),
        message: "file contains no XML elements".to_string(),
    })?;
    if root.name != "CONSOLIDATED_LIST" {
        return Err(Error::UnknownFormat {
            path: path.to_string(),
            detail: format!(
                "root element is <{}>, expected <CONSOLIDATED_LIST> (UN Security Council consolidated list)",
                root.name
            ),
        });
    }
    let generated = root.attr("dateGenerated").map(str::to_string);
    let mut warnings = Vec::new();
    let version = match generated.as_deref().map(PartialDate::parse) {
        Some(Ok(d)) => d.to_string(),
        Some(Err(e)) => {
            warnings.push(Warning {
                line: root.line,
                message: format!(
                    "dateGenerated is not a date ({e}); list version set to 'unknown'"
                ),
            });
            "unknown".to_string()
        }
        None => {
            warnings.push(Warning {
                line: root.line,
                message: "no dateGenerated attribute; list version set to 'unknown'".to_string(),
            });
            "unknown".to_string()
        }
    };

    let mut ctx = Context {
        version: version.clone(),
        warnings,
        unknown: BTreeMap::new(),
    };
    let mut entities = Vec::new();
    let mut records = 0usize;
    while let Some(start) = walker.next_start()? {
        match (walker.depth(), start.name.as_str()) {
            (_, "INDIVIDUAL") | (_, "ENTITY") => {
                let schema = if start.name == "INDIVIDUAL" {
                    Schema::Person
                } else {
                    Schema::Organization
                };
                let node = walker.read_node(start)?;
                records += 1;
                if let Some(e) = ctx.record(&node, schema) {
                    entities.push(e);
                }
            }
            (_, "INDIVIDUALS") | (_, "ENTITIES") => {}
            (_, other) => {
                let other = other.to_string();
                let node = walker.read_node(start)?;
                ctx.warn(
                    node.line,
                    format!("unexpected element <{other}> outside a record; skipped"),
                );
            }
        }
    }
    for (name, (line, count)) in std::mem::take(&mut ctx.unknown) {
        ctx.warn(
            line,
            format!("element <{name}> is not part of the UN format as interdict knows it; ignored ({count} times)"),
        );
    }
    if records == 0 {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "UN list contains no INDIVIDUAL or ENTITY records; refusing an empty list"
                .to_string(),
        });
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.to_string(),
            version,
            format: Format::UnXml,
            published: generated,
        },
        entities,
        warnings: ctx.warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}

struct Context {
    version: String,
    warnings: Vec<Warning>,
    /// Unknown element name -> (first line, count).
    unknown: BTreeMap<String, (usize, usize)>,
}

/// Values that mean "not given".
fn is_missing(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "" | "na" | "n/a" | "n.a." | "unknown" | "none" | "-"
    )
}

impl Context {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning { line, message });
    }

    fn date(&mut self, node: &Node, field: &str) -> Option<PartialDate> {
        let child = node.child(field)?;
        let text = child
            .clean_text()
            .filter(|t| !is_missing(t) && t != "null")?;
        match PartialDate::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.warn(child.line, format!("<{field}>: {e}; ignored"));
                None
            }
        }
    }

    fn country(&self, text: Option<String>) -> Option<Country> {
        text.filter(|t| !is_missing(t))
            .map(|t| Country::from_text(&t))
    }

    fn record(&mut self, node: &Node, schema: Schema) -> Option<Entity> {
        let reference = node.child_text("REFERENCE_NUMBER").unwrap_or_default();
        let record_id = node
            .child_text("DATAID")
            .or_else(|| (!reference.is_empty()).then(|| reference.clone()));
        let Some(record_id) = record_id else {
            self.warn(
                node.line,
                "record has neither DATAID nor REFERENCE_NUMBER; skipped".to_string(),
            );
            return None;
        };
        let name_fields = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];
        let parts: Vec<NamePart> = name_fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                node.child_text(f).map(|value| NamePart {
                    role: PartRole::Numbered(i as u8 + 1),
                    value,
                })
            })
            .collect();
        let full = parts
            .iter()
            .map(|p| p.value.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            self.warn(
                node.line,
                format!("record {record_id} ({reference}) has no name; skipped"),
            );
            return None;
        }
        if reference.is_empty() {
            self.warn(
                node.line,
                format!("record {record_id} has no REFERENCE_NUMBER"),
            );
        }
        let provenance = Provenance {
            list: LIST_NAME.to_string(),
            list_version: self.version.clone(),
            reference: reference.clone(),
            record_id,
        };
        let mut e = Entity::new(schema, &full, provenance);
        e.names[0].parts = parts;
        set_primary(&mut e, &full);

        for child in &node.children {
            match child.name.as_str() {
                "DATAID" | "VERSIONNUM" | "REFERENCE_NUMBER" | "SORT_KEY" | "SORT_KEY_LAST_MOD"
                | "LIST_TYPE" | "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME" | "FOURTH_NAME" => {}
                "UN_LIST_TYPE" => e.programmes.extend(child.clean_text()),
                "LISTED_ON" => e.listed_on = self.date(node, "LISTED_ON"),
                "NAME_ORIGINAL_SCRIPT" => {
                    if let Some(n) = child.clean_text() {
                        e.names.push(Name::new(n, NameKind::OriginalScript));
                    }
                }
                "COMMENTS1" => {
                    if let Some(c) = child.clean_text() {
                        e.links.extend(references_in(&c, &reference));
                        e.remarks.push(c);
                    }
                }
                "GENDER" => {
                    if let Some(g) = child.clean_text() {
                        e.gender = Gender::parse(&g);
                        if e.gender.is_none() && !is_missing(&g) {
                            self.warn(
                                child.line,
                                format!("<GENDER> '{g}' is not male or female; ignored"),
                            );
                        }
                    }
                }
                "SUBMITTED_BY" => {
                    if let Some(s) = child.clean_text() {
                        e.remarks.push(format!("Submitted by: {s}"));
                    }
                }
                "SUBMITTED_ON" => {
                    if let Some(s) = child.clean_text() {
                        e.remarks.push(format!("Submitted on: {s}"));
                    }
                }
                "TITLE" => e.titles.extend(child.values()),
                "DESIGNATION" => e.positions.extend(child.values()),
                "NATIONALITY" => {
                    for v in child.values() {
                        if !is_missing(&v) {
                            e.nationalities.push(Country::from_text(&v));
                        }
                    }
                }
                "LAST_DAY_UPDATED" => {
                    for t in child.values() {
                        match PartialDate::parse(&t) {
                            Ok(d) => e.last_updated.push(d),
                            Err(err) => {
                                self.warn(child.line, format!("<LAST_DAY_UPDATED>: {err}; ignored"))
                            }
                        }
                    }
                }
                "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => self.alias(child, &mut e),
                "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                    let a = self.address(child);
                    if !a.is_empty() {
                        e.addresses.push(a);
                    }
                }
                "INDIVIDUAL_DATE_OF_BIRTH" => {
                    if let Some(d) = self.birth_date(child) {
                        push_unique(&mut e.birth_dates, d);
                    }
                }
                "INDIVIDUAL_PLACE_OF_BIRTH" => {
                    let a = self.address(child);
                    if !a.is_empty() {
                        push_unique(&mut e.birth_places, a);
                    }
                }
                "INDIVIDUAL_DOCUMENT" => self.document(child, &mut e),
                other => {
                    let slot = self
                        .unknown
                        .entry(other.to_string())
                        .or_insert((child.line, 0));
                    slot.1 += 1;
                }
            }
        }
        Some(e)
    }

    fn alias(&mut self, node: &Node, e: &mut Entity) {
        let quality = node.child_text("QUALITY");
        let kind = match quality.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("low") => NameKind::WeakAlias,
            Some("f.k.a.") | Some("fka") => NameKind::Former,
            _ => NameKind::Alias,
        };
        let note = node.child_text("NOTE");
        if let Some(full) = node.child_text("ALIAS_NAME") {
            add_names(e, &full, kind, quality.as_deref(), note.as_deref());
        }
        // Dates and places of birth given for one alias belong to the person.
        if let Some(d) = self.date(node, "DATE_OF_BIRTH") {
            push_unique(
                &mut e.birth_dates,
                BirthDate {
                    value: Some(DateValue::On { date: d }),
                    approximate: false,
                    note: None,
                },
            );
        }
        let place = Address {
            city: node.child_text("CITY_OF_BIRTH"),
            country: self.country(node.child_text("COUNTRY_OF_BIRTH")),
            ..Address::default()
        };
        if !place.is_empty() {
            push_unique(&mut e.birth_places, place);
        }
    }

    fn address(&self, node: &Node) -> Address {
        Address {
            street: node.child_text("STREET"),
            city: node.child_text("CITY"),
            region: node
                .child_text("STATE_PROVINCE")
                .or_else(|| node.child_text("REGION")),
            postal_code: node.child_text("ZIP_CODE"),
            country: self.country(node.child_text("COUNTRY")),
            note: node.child_text("NOTE"),
        }
    }

    fn birth_date(&mut self, node: &Node) -> Option<BirthDate> {
        let kind = node
            .child_text("TYPE_OF_DATE")
            .unwrap_or_default()
            .to_ascii_uppercase();
        let note = node.child_text("NOTE");
        let approximate = kind.starts_with("APPROX")
            || note
                .as_deref()
                .is_some_and(|n| n.to_ascii_lowercase().starts_with("approx"));
        let value = if let Some(d) = self.date(node, "DATE") {
            Some(DateValue::On { date: d })
        } else if let Some(y) = self.date(node, "YEAR") {
            Some(DateValue::On { date: y })
        } else {
            match (self.date(node, "FROM_YEAR"), self.date(node, "TO_YEAR")) {
                (Some(from), Some(to)) => Some(DateValue::Between { from, to }),
                (Some(d), None) | (None, Some(d)) => Some(DateValue::On { date: d }),
                (None, None) => None,
            }
        };
        if value.is_none() && note.is_none() {
            return None;
        }
        Some(BirthDate {
            value,
            approximate,
            note,
        })
    }

    fn document(&mut self, node: &Node, e: &mut Entity) {
        let kind_label = node.child_text("TYPE_OF_DOCUMENT");
        let detail = node.child_text("TYPE_OF_DOCUMENT2");
        let label = match (&kind_label, &detail) {
            (Some(k), Some(d)) => format!("{k} ({d})"),
            (Some(k), None) => k.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => String::new(),
        };
        let mut notes: Vec<String> = Vec::new();
        notes.extend(
            node.child_text("CITY_OF_ISSUE")
                .map(|c| format!("issued in {c}")),
        );
        notes.extend(node.child_text("NOTE"));
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        // Some documents put the number at the end of the type text ("... (tazkira) number 545167").
        let number = node
            .child_text("NUMBER")
            .or_else(|| detail.as_deref().and_then(trailing_number));
        let Some(number) = number else {
            if !label.is_empty() || note.is_some() {
                let text = [Some(label.as_str()), note.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(": ");
                e.remarks.push(format!("Document without number: {text}"));
            }
            return;
        };
        let issued = self.date(node, "DATE_OF_ISSUE");
        let country = self.country(
            node.child_text("ISSUING_COUNTRY")
                .or_else(|| node.child_text("COUNTRY_OF_ISSUE")),
        );
        e.identifiers.push(Identifier {
            kind: IdKind::from_label(&label),
            label,
            number,
            country,
            issued,
            note,
        });
    }
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// The number at the end of a text such as "Afghan national identification card (tazkira) number
/// 545167".
fn trailing_number(text: &str) -> Option<String> {
    let last = text.split_whitespace().last()?;
    (last.chars().any(|c| c.is_ascii_digit())
        && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    .then(|| last.to_string())
}

/// Links to the UN references quoted in a text ("... Lashkar-e-Tayyiba (QDe.118) ..."), except
/// `own`, each with the kind its sentence gives it.
/// The current scheme is two capitals, `i` or `e`, a dot and three digits.
pub(crate) fn references_in(text: &str, own: &str) -> Vec<Link> {
    let b = text.as_bytes();
    let mut out: Vec<Link> = Vec::new();
    let mut i = 0;
    while i + 7 <= b.len() {
        let w = &b[i..i + 7];
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let boundary_after = i + 7 == b.len() || !b[i + 7].is_ascii_alphanumeric();
        if boundary_before
            && boundary_after
            && w[0].is_ascii_uppercase()
            && w[1].is_ascii_uppercase()
            && (w[2] == b'i' || w[2] == b'e')
            && w[3] == b'.'
            && w[4..].iter().all(u8::is_ascii_digit)
        {
            let reference = String::from_utf8_lossy(w).into_owned();
            if reference != own && !out.iter().any(|l| l.reference == reference) {
                out.push(crate::relations::quoted_link(text, i, i + 7, reference));
            }
            i += 7;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references() {
        let links = references_in(
            "Associated with Hafiz Muhammad Saeed (QDi.263), leader of QDe.118. QDe.1189 no",
            "QDe.118",
        );
        let refs: Vec<_> = links.iter().map(|l| l.reference.as_str()).collect();
        assert_eq!(refs, ["QDi.263"]);
    }

    #[test]
    fn trailing_numbers() {
        assert_eq!(
            trailing_number("Afghan national identification card (tazkira) number 545167")
                .as_deref(),
            Some("545167")
        );
        assert_eq!(
            trailing_number("Afghan national identification card (tazkira) number"),
            None
        );
    }
}
