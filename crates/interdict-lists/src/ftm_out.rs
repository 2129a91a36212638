//! Writing entities as FollowTheMoney JSON (`{"id", "schema", "caption", "properties":
//! {prop: [values]}, "datasets"}`), the shape OpenSanctions' tools and yente's API use, so that
//! lists read by interdict can be handed to them and results carry familiar properties.

use interdict_model::{DateValue, Entity, IdKind, Link, LinkDirection, LinkKind, NameKind, Schema};
use serde_json::{json, Map, Value};

/// OpenSanctions' dataset names for the lists interdict reads: the names entities carry in
/// FollowTheMoney output and the yente API, and names accepted wherever a dataset is asked for.
pub const OPENSANCTIONS_NAMES: &[(&str, &str)] = &[
    ("un_sc_sanctions", "un-sc"),
    ("us_ofac_sdn", "us-ofac-sdn"),
    ("us_ofac_cons", "us-ofac-cons"),
    ("gb_hmt_sanctions", "gb-hmt"),
    ("gb_fcdo_sanctions", "gb-fcdo"),
    ("eu_fsf", "eu-fsf"),
    ("ca_dfatd_sema_sanctions", "ca-sema"),
    ("au_dfat_sanctions", "au-dfat"),
    ("us_bis_denied", "us-bis-dpl"),
];

/// A list's dataset name as FollowTheMoney accepts it (lower-case letters, digits and
/// underscores): OpenSanctions' name for the list where it has one, else the list's own name
/// with underscores for its hyphens.
pub fn dataset_name(list: &str) -> String {
    match OPENSANCTIONS_NAMES.iter().find(|(_, ours)| *ours == list) {
        Some((os, _)) => os.to_string(),
        None => slug(list, '_').to_lowercase(),
    }
}

/// The list a dataset name stands for, among `lists`: the list's own name, its
/// FollowTheMoney name (see [`dataset_name`]), OpenSanctions' name for it, or its own name
/// with underscores.
pub fn list_of_dataset<'a>(
    name: &str,
    mut lists: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let aliased = OPENSANCTIONS_NAMES
        .iter()
        .find(|(os, _)| *os == name)
        .map(|(_, ours)| *ours);
    lists.find(|l| {
        *l == name
            || Some(*l) == aliased
            || dataset_name(l) == name
            || slug(l, '_').to_lowercase() == name
    })
}

/// Letters, digits, dots and hyphens kept; any other run of characters becomes one `sep`;
/// no separator at either end.
fn slug(text: &str, sep: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || (sep == '-' && c == '.') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
    }
    out.trim_end_matches(sep).to_string()
}

/// Whether FollowTheMoney accepts `id` as an entity id (and so as a reference to one).
pub fn valid_id(id: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    !id.is_empty()
        && id.len() <= 200
        && id.chars().all(ok)
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// An interdict entity id (`un-sc:6908048`) as FollowTheMoney accepts ids (`un-sc-6908048`).
pub fn ftm_id_of(id: &str) -> String {
    if valid_id(id) {
        id.to_string()
    } else {
        slug(id, '-')
    }
}

/// The entity's id in FollowTheMoney output: a FollowTheMoney record keeps its own id (so
/// OpenSanctions ids stay the same), any other entry gets [`ftm_id_of`] its interdict id.
pub fn ftm_id(e: &Entity) -> String {
    if e.provenance.list == crate::ftm::LIST_NAME && valid_id(&e.provenance.record_id) {
        e.provenance.record_id.clone()
    } else {
        ftm_id_of(&e.id)
    }
}

/// The datasets an entity belongs to, in FollowTheMoney's names: its list's [`dataset_name`].
pub fn ftm_datasets(e: &Entity) -> Vec<String> {
    vec![dataset_name(&e.provenance.list)]
}

/// The FollowTheMoney schema of an entity.
pub fn ftm_schema(schema: Schema) -> &'static str {
    match schema {
        Schema::Aircraft => "Airplane",
        other => other.as_str(),
    }
}

/// Whether the FollowTheMoney schema of `schema` has the property `key` (of those written here).
fn has_property(schema: Schema, key: &str) -> bool {
    const THING: &[&str] = &[
        "name",
        "alias",
        "weakAlias",
        "previousName",
        "country",
        "address",
        "program",
        "notes",
        "topics",
    ];
    const PERSON: &[&str] = &[
        "birthDate",
        "birthPlace",
        "nationality",
        "gender",
        "title",
        "position",
        "passportNumber",
        "idNumber",
        "taxNumber",
        "registrationNumber",
    ];
    const LEGAL_ENTITY: &[&str] = &[
        "incorporationDate",
        "idNumber",
        "taxNumber",
        "registrationNumber",
    ];
    const ORGANIZATION: &[&str] = &["imoNumber"];
    const VESSEL: &[&str] = &[
        "buildDate",
        "flag",
        "imoNumber",
        "mmsi",
        "callSign",
        "registrationNumber",
    ];
    const AIRPLANE: &[&str] = &["buildDate", "registrationNumber"];
    let own: &[&[&str]] = match schema {
        Schema::Person => &[PERSON],
        Schema::Organization | Schema::Company => &[LEGAL_ENTITY, ORGANIZATION],
        Schema::LegalEntity => &[LEGAL_ENTITY],
        Schema::Vessel => &[VESSEL],
        Schema::Aircraft => &[AIRPLANE],
    };
    THING.contains(&key) || own.iter().any(|group| group.contains(&key))
}

/// The longest value FollowTheMoney accepts for a property, by the property's type.
fn max_length(key: &str) -> usize {
    match key {
        "passportNumber" | "idNumber" | "taxNumber" | "registrationNumber" | "imoNumber"
        | "mmsi" | "callSign" => 64,
        "address" => 250,
        "name" | "alias" | "weakAlias" | "previousName" => 384,
        "notes" => 65_000,
        _ => 1024,
    }
}

/// Properties as FollowTheMoney takes them: a value the schema has no property for, or too long
/// for its property, is kept as a labelled note rather than lost.
struct Properties {
    schema: Schema,
    map: Map<String, Value>,
    notes: Vec<String>,
}

impl Properties {
    fn add(&mut self, key: &str, label: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if !has_property(self.schema, key) || value.chars().count() > max_length(key) {
            self.notes.push(format!("{label}: {value}"));
            return;
        }
        let list = self
            .map
            .entry(key.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            if !items.iter().any(|v| v.as_str() == Some(value)) {
                items.push(Value::String(value.to_string()));
            }
        }
    }

    fn finish(mut self) -> Map<String, Value> {
        for note in std::mem::take(&mut self.notes) {
            self.add("notes", "notes", &note);
        }
        self.map
    }
}

/// The entity's properties in FollowTheMoney names, each a list of strings, every value one
/// that FollowTheMoney accepts: country properties hold codes (a country the lists name but
/// no code covers is left out), dates are ISO dates, identifiers fit their type.
pub fn ftm_properties(e: &Entity) -> Map<String, Value> {
    let mut p = Properties {
        schema: e.schema,
        map: Map::new(),
        notes: Vec::new(),
    };
    for n in &e.names {
        let key = match n.kind {
            NameKind::Primary => "name",
            NameKind::Alias | NameKind::OriginalScript => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::Former => "previousName",
        };
        p.add(key, key, &n.full);
    }
    let dated = match e.schema {
        Schema::Person => "birthDate",
        Schema::Vessel | Schema::Aircraft => "buildDate",
        _ => "incorporationDate",
    };
    for b in &e.birth_dates {
        match b.value {
            Some(DateValue::On { date }) => p.add(dated, dated, &date.to_string()),
            Some(DateValue::Between { from, to }) => {
                // FollowTheMoney has no ranges: every year of the range.
                for y in from.year.min(to.year)..=from.year.max(to.year) {
                    p.add(dated, dated, &y.to_string());
                }
            }
            None => {}
        }
    }
    for place in &e.birth_places {
        p.add("birthPlace", "place of birth", &place.one_line());
    }
    for c in e.nationalities.iter().filter_map(|c| c.code) {
        p.add("nationality", "nationality", &c.to_string());
    }
    if let Some(g) = e.gender {
        p.add("gender", "gender", &format!("{g:?}").to_lowercase());
    }
    for t in &e.titles {
        p.add("title", "title", t);
    }
    for position in &e.positions {
        p.add("position", "position", position);
    }
    let country = if e.schema == Schema::Vessel {
        "flag"
    } else {
        "country"
    };
    for c in e.countries.iter().filter_map(|c| c.code) {
        p.add(country, country, &c.to_string());
    }
    for id in &e.identifiers {
        let label = if id.label.is_empty() {
            "identifier"
        } else {
            &id.label
        };
        p.add(identifier_property(id.kind, e.schema), label, &id.number);
    }
    for a in &e.addresses {
        p.add("address", "address", &a.one_line());
    }
    for programme in &e.programmes {
        p.add("program", "program", programme);
    }
    for r in &e.remarks {
        p.add("notes", "notes", r);
    }
    // A party kept only for its links is linked to a sanction, not sanctioned.
    let topic = if e.related_only {
        "sanction.linked"
    } else {
        "sanction"
    };
    p.add("topics", "topics", topic);
    p.finish()
}

/// The FollowTheMoney property for an identifier of this kind on an entity of this schema.
fn identifier_property(kind: IdKind, schema: Schema) -> &'static str {
    match (kind, schema) {
        (IdKind::Passport, Schema::Person) => "passportNumber",
        (IdKind::NationalId, Schema::Person) => "idNumber",
        (IdKind::TaxId, _) => "taxNumber",
        (IdKind::Registration, _) => "registrationNumber",
        (IdKind::Imo, _) => "imoNumber",
        (IdKind::Mmsi, _) => "mmsi",
        (IdKind::CallSign, _) => "callSign",
        (IdKind::AircraftRegistration, _) => "registrationNumber",
        _ if schema == Schema::Person => "idNumber",
        _ => "registrationNumber",
    }
}

/// The entity as one FollowTheMoney JSON object. Two fields are interdict's own, which
/// FollowTheMoney readers ignore: `reference`, the list's own reference (UN reference number,
/// OFAC ent_num, UK group id), and `quotes`, the other lists' references the entry cites.
pub fn to_ftm(e: &Entity) -> Value {
    let mut quotes: Vec<Value> = e
        .external_refs
        .iter()
        .map(|r| json!({"list": r.list, "reference": r.reference}))
        .collect();
    quotes.sort_by_key(|q| q.to_string());
    json!({
        "id": ftm_id(e),
        "schema": ftm_schema(e.schema),
        "caption": e.caption,
        "properties": ftm_properties(e),
        "datasets": ftm_datasets(e),
        "reference": e.provenance.reference,
        "quotes": quotes,
        "referents": [],
        "target": !e.related_only,
    })
}

/// FollowTheMoney's relationship schema for a link seen from its entry: (schema, the entry's
/// role, the other's role). Associates and relatives are `Associate` and `Family` only between
/// two people; fronts, successors, unknown links and the rest are `UnknownLink`.
pub fn relation_schema(
    kind: LinkKind,
    direction: LinkDirection,
    both_people: bool,
) -> (&'static str, &'static str, &'static str) {
    use LinkDirection::{Incoming, Outgoing};
    match (kind, direction) {
        (LinkKind::Owner, Outgoing) => ("Ownership", "owner", "asset"),
        (LinkKind::Owner, Incoming) => ("Ownership", "asset", "owner"),
        (LinkKind::Leader, Outgoing) => ("Directorship", "director", "organization"),
        (LinkKind::Leader, Incoming) => ("Directorship", "organization", "director"),
        (LinkKind::Member, Outgoing) => ("Membership", "member", "organization"),
        (LinkKind::Member, Incoming) => ("Membership", "organization", "member"),
        (LinkKind::Family, _) if both_people => ("Family", "person", "relative"),
        (LinkKind::Associate, _) if both_people => ("Associate", "person", "associate"),
        (_, Incoming) => ("UnknownLink", "object", "subject"),
        (_, Outgoing) => ("UnknownLink", "subject", "object"),
    }
}

/// The property of a relationship schema that holds the list's wording of it.
pub fn relation_wording_property(schema: &str) -> &'static str {
    match schema {
        "Family" | "Associate" => "relationship",
        _ => "role",
    }
}

/// The properties of a relationship entity of `schema`: its two ends in their roles (ids, or
/// nested entities), the list's wording, the share owned and the sentence it was read from.
pub fn relation_properties(
    schema: &str,
    ends: [(&str, Value); 2],
    wording: &str,
    share: Option<f64>,
    summary: Option<&str>,
) -> Map<String, Value> {
    let mut properties = Map::new();
    for (role, value) in ends {
        properties.insert(role.into(), json!([value]));
    }
    properties.insert(relation_wording_property(schema).into(), json!([wording]));
    if let Some(share) = share {
        properties.insert("percentage".into(), json!([share.to_string()]));
    }
    if let Some(text) = summary {
        properties.insert("summary".into(), json!([text]));
    }
    properties
}

/// [`relation_schema`] of `e`'s link to `other`.
pub fn relation_between(
    e: &Entity,
    link: &Link,
    other: &Entity,
) -> (&'static str, &'static str, &'static str) {
    let both_people = e.schema == Schema::Person && other.schema == Schema::Person;
    relation_schema(link.kind, link.direction, both_people)
}

/// Link `k` of entry `e` as a FollowTheMoney relationship entity between `e` and `other`
/// (both given by their FollowTheMoney ids), with the link's wording, share and sentence.
pub fn relation_to_ftm(e: &Entity, k: usize, link: &Link, other: &Entity) -> Value {
    let (schema, mine, theirs) = relation_between(e, link, other);
    let properties = relation_properties(
        schema,
        [(mine, json!(ftm_id(e))), (theirs, json!(ftm_id(other)))],
        &link.relation,
        link.share,
        link.source_text.as_deref(),
    );
    let caption = link
        .source_text
        .clone()
        .unwrap_or_else(|| format!("{} / {}", e.caption, other.caption));
    secondary_entity(
        format!("{}-link-{k}", ftm_id(e)),
        schema,
        &caption,
        properties.into(),
        e,
    )
}

/// An entity about a listed entry rather than listed itself (its sanction, a relationship, a
/// party a link names), in the datasets of the entry `stated_by` whose record states it: not a
/// target, with no referents.
pub fn secondary_entity(
    id: String,
    schema: &str,
    caption: &str,
    properties: Value,
    stated_by: &Entity,
) -> Value {
    json!({
        "id": id,
        "schema": schema,
        "caption": caption,
        "properties": properties,
        "datasets": ftm_datasets(stated_by),
        "referents": [],
        "target": false,
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
        assert_eq!(v["id"], "un-sc-2718");
        let p = &v["properties"];
        assert_eq!(p["name"], json!(["Hafiz Muhammad SAEED"]));
        assert_eq!(
            p["alias"],
            json!(["Hafiz Mohammad Sahib", "حافظ محمد سعيد"])
        );
        assert_eq!(p["birthDate"], json!(["1950-06-05"]));
        assert_eq!(p["nationality"], json!(["pk"]));
        assert_eq!(p["passportNumber"], json!(["BE5978421"]));
        assert_eq!(v["datasets"], json!(["un_sc_sanctions"]));
    }

    fn entry(schema: Schema, list: &str, record: &str) -> Entity {
        Entity::new(
            schema,
            "X",
            Provenance {
                list: list.into(),
                list_version: "2025-01-01".into(),
                reference: record.into(),
                record_id: record.into(),
            },
        )
    }

    #[test]
    fn ids_and_dataset_names_are_ones_followthemoney_accepts() {
        let e = entry(Schema::Organization, "ca-sema", "belarus 1/part:1");
        assert_eq!(ftm_id(&e), "ca-sema-belarus-1-part-1");
        assert!(valid_id(&ftm_id(&e)));
        assert!(!valid_id("un-sc:2718"));
        assert!(!valid_id("-a"));
        assert_eq!(dataset_name("un-sc"), "un_sc_sanctions");
        assert_eq!(dataset_name("eu-oj-32002r0881"), "eu_oj_32002r0881");
        let lists = ["un-sc", "gb-hmt", "eu-oj-32002r0881"];
        for name in ["gb-hmt", "gb_hmt", "gb_hmt_sanctions"] {
            assert_eq!(
                list_of_dataset(name, lists.iter().copied()),
                Some("gb-hmt"),
                "{name}"
            );
        }
        assert_eq!(
            list_of_dataset("eu_oj_32002r0881", lists.iter().copied()),
            Some("eu-oj-32002r0881")
        );
        assert_eq!(list_of_dataset("banana", lists.iter().copied()), None);
        // A FollowTheMoney record keeps its own id.
        let os = entry(
            Schema::Person,
            crate::ftm::LIST_NAME,
            "NK-aU5ybkbRFJucf8YMwsJvDw",
        );
        assert_eq!(ftm_id(&os), "NK-aU5ybkbRFJucf8YMwsJvDw");
        assert_eq!(ftm_datasets(&os), vec!["opensanctions".to_string()]);
    }

    #[test]
    fn values_a_schema_has_no_room_for_become_notes() {
        let mut plane = entry(Schema::Aircraft, "us-ofac-sdn", "1");
        let id = |kind, label: &str, number: &str| Identifier {
            kind,
            label: label.into(),
            number: number.into(),
            country: None,
            issued: None,
            note: None,
        };
        plane
            .identifiers
            .push(id(IdKind::TaxId, "Tax ID No.", "123"));
        plane.countries.push(Country::from_text("None Identified"));
        plane.birth_dates.push(BirthDate {
            value: Some(DateValue::On {
                date: PartialDate::parse("1999").unwrap(),
            }),
            approximate: false,
            note: None,
        });
        let p = ftm_properties(&plane);
        assert!(p.get("taxNumber").is_none(), "{p:?}");
        assert!(
            p.get("country").is_none(),
            "uncoded country left out: {p:?}"
        );
        assert_eq!(p["buildDate"], json!(["1999"]));
        assert_eq!(p["notes"], json!(["Tax ID No.: 123"]));
        let mut person = entry(Schema::Person, "un-sc", "2");
        let long = "Central African Republic armed forces (FACA) Military identification number 911/DIPRM/DRHRMMR";
        person.identifiers.push(id(
            IdKind::NationalId,
            "National Identification Number",
            long,
        ));
        let p = ftm_properties(&person);
        assert!(p.get("idNumber").is_none(), "{p:?}");
        assert_eq!(
            p["notes"],
            json!([format!("National Identification Number: {long}")])
        );
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
