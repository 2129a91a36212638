//! Customers as the book keeps them: the user's stable id, the query they are screened with,
//! the other fields of their record, and a hash that tells whether a new record changed them.

use interdict_match::Query;
use interdict_model::Entity;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A customer as registered: any screened party, with the id the user owns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    /// The user's id for the customer.
    pub id: String,
    /// What they are screened with: names, schema, dates of birth, countries, identifiers.
    pub query: Query,
    /// The record's other fields, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl CustomerRecord {
    /// The SHA-256 of the record's canonical JSON: equal records, equal hashes.
    pub fn hash(&self) -> String {
        hex(&Sha256::digest(
            serde_json::to_vec(self).unwrap_or_default(),
        ))
    }

    /// A fingerprint of what the customer is screened with (names, dates of birth, countries,
    /// identifiers, schema, gender): a false-positive decision stands until this (or the listed
    /// entity) changes, so a new branch or account number does not raise the pair again.
    pub fn screened_fingerprint(&self) -> String {
        hex(&Sha256::digest(
            serde_json::to_vec(&self.query).unwrap_or_default(),
        ))[..32]
            .to_string()
    }
}

/// A customer as stored: the record, its version (raised on every change) and the version that
/// was last screened.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCustomer {
    /// The record.
    pub record: CustomerRecord,
    /// Its version.
    pub version: i64,
    /// The version last screened against the lists (0: never).
    pub screened_version: i64,
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint of what identifies a listed entity: its names, dates of birth, identifiers and
/// countries. A false-positive decision on a pair stands until this (or the customer) changes;
/// a new remark or programme does not re-raise it.
pub fn entity_fingerprint(e: &Entity) -> String {
    let mut names: Vec<&str> = e.names.iter().map(|n| n.full.as_str()).collect();
    names.sort_unstable();
    let mut dates: Vec<String> = e.birth_dates.iter().map(|d| d.to_string()).collect();
    dates.sort_unstable();
    let mut ids: Vec<String> = e.identifiers.iter().map(|i| i.normalised()).collect();
    ids.sort_unstable();
    let mut countries: Vec<String> = e
        .nationalities
        .iter()
        .chain(&e.countries)
        .filter_map(|c| c.code)
        .map(|c| c.to_string())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let canonical = serde_json::json!([names, dates, ids, countries]);
    hex(&Sha256::digest(canonical.to_string().as_bytes()))[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{Provenance, Schema};

    #[test]
    fn equal_records_hash_alike_and_changes_show() {
        let mut a = CustomerRecord {
            id: "c1".into(),
            query: Query::name("Ali Khan"),
            fields: BTreeMap::from([("branch".into(), "Leeds".into())]),
        };
        let b = a.clone();
        assert_eq!(a.hash(), b.hash());
        a.query.identifiers.push("AB123".into());
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn a_remark_does_not_change_an_entity_a_new_alias_does() {
        let p = Provenance {
            list: "un-sc".into(),
            list_version: "1".into(),
            reference: "QDi.1".into(),
            record_id: "1".into(),
        };
        let e = Entity::new(Schema::Person, "Hafiz Saeed", p);
        let before = entity_fingerprint(&e);
        let mut remarked = e.clone();
        remarked.remarks.push("new remark".into());
        remarked.provenance.list_version = "2".into();
        assert_eq!(entity_fingerprint(&remarked), before);
        let mut aliased = e.clone();
        aliased.names.push(interdict_model::Name::new(
            "Hafez Saeed",
            interdict_model::NameKind::Alias,
        ));
        assert_ne!(entity_fingerprint(&aliased), before);
    }
}
