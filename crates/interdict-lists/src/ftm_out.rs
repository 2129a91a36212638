//! Writing entities as FollowTheMoney JSON (`{"id", "schema", "caption", "properties":
//! {prop: [values]}, "datasets"}`), the shape OpenSanctions' tools and yente's API use, so that
//! lists read by interdict can be handed to them and results carry familiar properties.

use interdict_model::{DateValue, Entity, IdKind, NameKind, Schema};
use serde_json::{json, Map, Value};

/// The FollowTheMoney schema of an entity.
pub fn ftm_schema(schema: Schema) -> &'static str {
    match schema {
        Schema::Aircraft => "Airplane",
        other => other.as_str(),
    }
}

/// The entity's properties in FollowTheMoney names, each a list of strings.
pub fn ftm_properties(e: &Entity) -> Map<String, Value> {
    let mut props: Map<String, Value> = Map::new();
    let mut add = |key: &str, value: String| {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        let list = props
            .entry(key.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            if !items.iter().any(|v| v.as_str() == Some(value.as_str())) {
                items.push(Value::String(value));
            }
        }
    };
    for n in &e.names {
        let key = match n.kind {
            NameKind::Primary => "name",
            NameKind::Alias | NameKind::OriginalScript => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::Former => "previousName",
        };
        add(key, n.full.clone());
    }
    let dated = if e.schema == Schema::Person {
        "birthDate"
    } else {
        "incorporationDate"
    };
    for b in &e.birth_dates {
        match b.value {
            Some(DateValue::On { date }) => add(dated, date.to_string()),
            Some(DateValue::Between { from, to }) => {
                // FollowTheMoney has no ranges: every year of the range.
                for y in from.year.min(to.year)..=from.year.max(to.year) {
                    add(dated, y.to_string());
                }
            }
            None => {}
        }
    }
    if e.schema == Schema::Person {
        for p in &e.birth_places {
            add("birthPlace", p.one_line());
        }
        for c in &e.nationalities {
            match c.code {
                Some(code) => add("nationality", code.to_string()),
                None => add("nationality", c.text.clone()),
            }
        }
        if let Some(g) = e.gender {
            add("gender", format!("{g:?}").to_lowercase());
        }
        for t in &e.titles {
            add("title", t.clone());
        }
        for p in &e.positions {
            add("position", p.clone());
        }
    }
    for c in &e.countries {
        let key = if e.schema == Schema::Vessel {
            "flag"
        } else {
            "country"
        };
        match c.code {
            Some(code) => add(key, code.to_string()),
            None => add(key, c.text.clone()),
        }
    }
    for id in &e.identifiers {
        let key = match (id.kind, e.schema) {
            (IdKind::Passport, Schema::Person) => "passportNumber",
            (IdKind::NationalId, Schema::Person) => "idNumber",
            (IdKind::TaxId, _) => "taxNumber",
            (IdKind::Registration, _) => "registrationNumber",
            (IdKind::Imo, _) => "imoNumber",
            (IdKind::Mmsi, _) => "mmsi",
            (IdKind::CallSign, _) => "callSign",
            (IdKind::AircraftRegistration, _) => "registrationNumber",
            _ if e.schema == Schema::Person => "idNumber",
            _ => "registrationNumber",
        };
        add(key, id.number.clone());
    }
    for a in &e.addresses {
        add("address", a.one_line());
    }
    for p in &e.programmes {
        add("program", p.clone());
    }
    for r in &e.remarks {
        add("notes", r.clone());
    }
    add("topics", "sanction".into());
    props
}

/// The entity as one FollowTheMoney JSON object.
pub fn to_ftm(e: &Entity) -> Value {
    let mut referents: Vec<String> = e
        .external_refs
        .iter()
        .map(|r| format!("{}:{}", r.list, r.reference))
        .collect();
    referents.sort();
    json!({
        "id": e.id,
        "schema": ftm_schema(e.schema),
        "caption": e.caption,
        "properties": ftm_properties(e),
        "datasets": [e.provenance.list],
        // Not a FollowTheMoney field: the list's own reference (UN reference number, OFAC
        // ent_num, UK group id), which readers of FollowTheMoney ignore.
        "reference": e.provenance.reference,
        "referents": referents,
        "target": true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{BirthDate, Country, Identifier, Name, PartialDate, Provenance};

    #[test]
    fn a_person_in_followthemoney_shape() {
        let mut e = Entity::new(
            Schema::Person,
            "Hafiz Muhammad SAEED",
            Provenance {
                list: "un-sc".into(),
                list_version: "2025-04-19".into(),
                reference: "QDi.263".into(),
                record_id: "2718".into(),
            },
        );
        e.names
            .push(Name::new("Hafiz Mohammad Sahib", NameKind::Alias));
        e.names
            .push(Name::new("حافظ محمد سعيد", NameKind::OriginalScript));
        e.birth_dates.push(BirthDate {
            value: Some(DateValue::On {
                date: PartialDate::parse("1950-06-05").unwrap(),
            }),
            approximate: false,
            note: None,
        });
        e.nationalities.push(Country::from_text("Pakistan"));
        e.identifiers.push(Identifier {
            kind: IdKind::Passport,
            label: "Passport".into(),
            number: "BE5978421".into(),
            country: None,
            issued: None,
            note: None,
        });
        let v = to_ftm(&e);
        assert_eq!(v["schema"], "Person");
        assert_eq!(v["id"], e.id);
        let p = &v["properties"];
        assert_eq!(p["name"], json!(["Hafiz Muhammad SAEED"]));
        assert_eq!(
            p["alias"],
            json!(["Hafiz Mohammad Sahib", "حافظ محمد سعيد"])
        );
        assert_eq!(p["birthDate"], json!(["1950-06-05"]));
        assert_eq!(p["nationality"], json!(["pk"]));
        assert_eq!(p["passportNumber"], json!(["BE5978421"]));
        assert_eq!(v["datasets"], json!(["un-sc"]));
    }

    #[test]
    fn exported_entities_read_back() {
        let un = include_bytes!("../../../examples/un_sample.xml");
        let parsed = crate::parse_bytes("un_sample.xml", un).unwrap();
        let lines: String = parsed
            .entities
            .iter()
            .map(|e| to_ftm(e).to_string() + "\n")
            .collect();
        let back = crate::parse_bytes("export.ftm.json", lines.as_bytes()).unwrap();
        assert_eq!(back.entities.len(), parsed.entities.len());
        for (a, b) in parsed.entities.iter().zip(&back.entities) {
            assert_eq!(a.caption, b.caption);
            let names = |e: &Entity| {
                let mut n: Vec<String> = e.names.iter().map(|n| n.full.clone()).collect();
                n.sort();
                n
            };
            assert_eq!(names(a), names(b));
        }
    }
}
