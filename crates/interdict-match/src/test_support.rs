//! Entities and attribute findings for the crate's unit tests: a primary name and aliases on
//! a list, a finding of a given effect.

use crate::evidence::{Effect, Finding};
use interdict_model::{Entity, Name, NameKind, Provenance, Schema};

/// An entity of `list` and `version` with the first of `names` as its primary name and the
/// rest as aliases; `reference` is also its record id.
pub(crate) fn entity_on(
    list: &str,
    version: &str,
    reference: &str,
    schema: Schema,
    names: &[&str],
) -> Entity {
    let mut e = Entity::new(
        schema,
        names[0],
        Provenance {
            list: list.into(),
            list_version: version.into(),
            reference: reference.into(),
            record_id: reference.into(),
        },
    );
    for n in &names[1..] {
        e.names.push(Name::new(*n, NameKind::Alias));
    }
    e
}

/// [`entity_on`] the list "test", version "1".
pub(crate) fn entity(reference: &str, schema: Schema, names: &[&str]) -> Entity {
    entity_on("test", "1", reference, schema, names)
}

/// An attribute finding with only its effect, for the scoring rule.
pub(crate) fn finding(effect: Effect) -> Finding {
    Finding {
        query: vec![],
        listed: vec![],
        outcome: String::new(),
        effect,
    }
}
