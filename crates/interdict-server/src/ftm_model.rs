//! FollowTheMoney's schemata of the listed entities, with their labels and properties, as the
//! reconciliation API proposes them (types, property suggestions, data extension). Generated
//! from the `followthemoney` package by `data/ftm_schemata.py`.

use serde::Deserialize;
use std::sync::OnceLock;

/// A FollowTheMoney schema.
#[derive(Debug, Deserialize)]
pub struct SchemaInfo {
    /// Its name (`LegalEntity`).
    pub name: String,
    /// Its label (`Legal entity`).
    pub label: String,
    /// Its plural label (`Legal entities`).
    pub plural: String,
    /// What it stands for.
    pub description: String,
    /// Whether entities of it can be matched.
    pub matchable: bool,
    /// The schemata it extends, directly or not.
    pub ancestors: Vec<String>,
    /// Its properties that readers look at first.
    pub featured: Vec<String>,
    /// The properties it defines itself (not those of its ancestors).
    pub properties: Vec<PropertyInfo>,
}

/// A property of a FollowTheMoney schema.
#[derive(Debug, Deserialize)]
pub struct PropertyInfo {
    /// Its name (`birthDate`).
    pub name: String,
    /// Its label (`Birth date`).
    pub label: String,
    /// Its value type (`date`, `country`, `entity`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// What it holds.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it is for machines only.
    pub hidden: bool,
}

#[derive(Deserialize)]
struct Model {
    schemata: Vec<SchemaInfo>,
}

/// Every schema known here, ancestors before descendants.
pub fn schemata() -> &'static [SchemaInfo] {
    static MODEL: OnceLock<Model> = OnceLock::new();
    &MODEL
        .get_or_init(|| {
            serde_json::from_str(include_str!("../data/ftm_schemata.json"))
                .expect("data/ftm_schemata.json is valid")
        })
        .schemata
}

/// A schema by name.
pub fn schema(name: &str) -> Option<&'static SchemaInfo> {
    schemata().iter().find(|s| s.name == name)
}

/// The properties of a schema, its ancestors' included, each with the schema that defines it.
pub fn properties(schema: &SchemaInfo) -> Vec<(&'static SchemaInfo, &'static PropertyInfo)> {
    schemata()
        .iter()
        .filter(|s| s.name == schema.name || schema.ancestors.contains(&s.name))
        .flat_map(|s| s.properties.iter().map(move |p| (s, p)))
        .collect()
}

/// A property of a schema (or of one of its ancestors) by name.
pub fn property(schema: &SchemaInfo, name: &str) -> Option<&'static PropertyInfo> {
    properties(schema)
        .into_iter()
        .map(|(_, p)| p)
        .find(|p| p.name == name)
}

/// The given schemata with all their ancestors, ancestors first.
pub fn with_ancestors<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'static SchemaInfo> {
    let mut wanted: Vec<String> = Vec::new();
    for n in names {
        if let Some(s) = schema(n) {
            wanted.push(s.name.clone());
            wanted.extend(s.ancestors.iter().cloned());
        }
    }
    schemata()
        .iter()
        .filter(|s| wanted.contains(&s.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_schemata_and_their_properties_are_known() {
        for name in [
            "Person",
            "Organization",
            "Company",
            "LegalEntity",
            "Vessel",
            "Airplane",
        ] {
            let s = schema(name).unwrap_or_else(|| panic!("{name}"));
            assert!(s.matchable, "{name}");
            assert!(property(s, "name").is_some(), "{name} has a name");
        }
        let person = schema("Person").unwrap();
        assert_eq!(property(person, "birthDate").unwrap().kind, "date");
        assert!(property(schema("Vessel").unwrap(), "birthDate").is_none());
        let family: Vec<&str> = with_ancestors(["Person"])
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(family, ["Thing", "LegalEntity", "Person"]);
    }
}
