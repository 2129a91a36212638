//! What changed between two versions of a list: entries added, removed, and changed with the
//! fields that changed.

use crate::{Result, Store};
use interdict_model::Entity;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// An entry, briefly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    /// Entity id.
    pub id: String,
    /// The list's reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Its caption.
    pub caption: String,
    /// Its schema.
    pub schema: String,
}

impl EntitySummary {
    fn of(e: &Entity) -> Self {
        EntitySummary {
            id: e.id.clone(),
            reference: e.provenance.reference.clone(),
            caption: e.caption.clone(),
            schema: e.schema.to_string(),
        }
    }
}

/// One changed field, with the values removed and added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Field name ("names", "birth_dates", ...).
    pub field: String,
    /// Values only in the old version.
    pub removed: Vec<String>,
    /// Values only in the new version.
    pub added: Vec<String>,
}

/// A changed entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The entry (as in the new version).
    pub entity: EntitySummary,
    /// Its changed fields.
    pub fields: Vec<FieldChange>,
}

/// The difference between two versions of a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Source name.
    pub source: String,
    /// Old version label.
    pub old: String,
    /// New version label.
    pub new: String,
    /// Entries only in the new version.
    pub added: Vec<EntitySummary>,
    /// Entries only in the old version.
    pub removed: Vec<EntitySummary>,
    /// Entries in both whose content differs.
    pub changed: Vec<Change>,
}

/// A field's values as display strings (one per array element).
fn values(v: &Value) -> BTreeSet<String> {
    match v {
        Value::Array(items) => items.iter().map(display).collect(),
        Value::Null => BTreeSet::new(),
        other => BTreeSet::from([display(other)]),
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        // Names read best as "full (kind)".
        Value::Object(o) if o.contains_key("full") && o.contains_key("kind") => {
            format!(
                "{} ({})",
                o["full"].as_str().unwrap_or(""),
                o["kind"].as_str().unwrap_or("")
            )
        }
        other => other.to_string(),
    }
}

/// The fields of two versions of one entity that differ (version labels aside).
pub fn compare(old: &Entity, new: &Entity) -> Vec<FieldChange> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        if key == "provenance" || key == "id" {
            continue;
        }
        let (va, vb) = (
            a.get(key).unwrap_or(&Value::Null),
            b.get(key).unwrap_or(&Value::Null),
        );
        if va == vb {
            continue;
        }
        let (sa, sb) = (values(va), values(vb));
        out.push(FieldChange {
            field: key.clone(),
            removed: sa.difference(&sb).cloned().collect(),
            added: sb.difference(&sa).cloned().collect(),
        });
    }
    out
}

/// Compares two lists of the same source by entity id.
pub fn diff_entities(
    source: &str,
    old_label: &str,
    old: &[Entity],
    new_label: &str,
    new: &[Entity],
) -> Diff {
    let a: BTreeMap<&str, &Entity> = old
        .iter()
        .map(|e| (e.provenance.record_id.as_str(), e))
        .collect();
    let b: BTreeMap<&str, &Entity> = new
        .iter()
        .map(|e| (e.provenance.record_id.as_str(), e))
        .collect();
    let mut diff = Diff {
        source: source.to_string(),
        old: old_label.to_string(),
        new: new_label.to_string(),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for (id, e) in &b {
        match a.get(id) {
            None => diff.added.push(EntitySummary::of(e)),
            Some(o) => {
                let fields = compare(o, e);
                if !fields.is_empty() {
                    diff.changed.push(Change {
                        entity: EntitySummary::of(e),
                        fields,
                    });
                }
            }
        }
    }
    for (id, e) in &a {
        if !b.contains_key(id) {
            diff.removed.push(EntitySummary::of(e));
        }
    }
    diff
}

impl Store {
    /// Compares two stored versions of a source; `old` defaults to the version imported before
    /// `new`, `new` to the active version.
    pub fn diff(&self, source: &str, old: Option<&str>, new: Option<&str>) -> Result<Diff> {
        let new_v = self.version(source, new)?;
        let old_v = match old {
            Some(l) => self.version(source, Some(l))?,
            None => {
                let all = self.versions(Some(source))?;
                let pos = all.iter().position(|v| v.id == new_v.id).unwrap_or(0);
                match pos.checked_sub(1).and_then(|p| all.get(p)) {
                    Some(v) => v.clone(),
                    None => {
                        return Err(crate::Error::NotFound(format!(
                            "source {source} has no version before {}; name the two versions to compare",
                            new_v.label
                        )))
                    }
                }
            }
        };
        let a = self.load_version(old_v.id)?;
        let b = self.load_version(new_v.id)?;
        Ok(diff_entities(
            source,
            &old_v.label,
            &a.entities,
            &new_v.label,
            &b.entities,
        ))
    }
}
