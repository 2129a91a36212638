//! Scaled test lists: many realistic entities derived from the real lists, so that the cost of
//! screening can be measured as lists grow (10 thousand, 100 thousand, a million entries).
//!
//! People take a given name from one listed person and a family name from another, with a date
//! of birth, gender and nationality from listed people, and sometimes an alias; organisations
//! join a distinctive word of one listed organisation to the generic words and legal form of
//! another. The words are the lists' own, so their spellings, scripts and frequencies are the
//! lists' too.

use crate::rng::Rng;
use interdict_model::{Entity, Name, NameKind, Provenance, Schema};

/// The words a scaled list is made from.
struct Parts<'a> {
    given: Vec<&'a str>,
    family: Vec<&'a str>,
    people: Vec<&'a Entity>,
    org_heads: Vec<&'a str>,
    org_tails: Vec<String>,
}

fn parts(base: &[Entity]) -> Parts<'_> {
    let mut p = Parts {
        given: Vec::new(),
        family: Vec::new(),
        people: Vec::new(),
        org_heads: Vec::new(),
        org_tails: Vec::new(),
    };
    for e in base {
        let Some(primary) = e.names.first() else {
            continue;
        };
        let words: Vec<&str> = primary.full.split_whitespace().collect();
        match e.schema {
            Schema::Person if words.len() >= 2 => {
                p.people.push(e);
                p.given.extend(&words[..words.len() - 1]);
                p.family.push(words[words.len() - 1]);
            }
            Schema::Organization | Schema::Company if words.len() >= 2 => {
                p.org_heads.push(words[0]);
                p.org_tails.push(words[1..].join(" "));
            }
            _ => {}
        }
    }
    p
}

/// `n` entities derived from `base` (which must hold people and organisations with names of
/// two words or more), as the list `scaled`.
pub fn scaled_list(base: &[Entity], n: usize, seed: u64) -> Vec<Entity> {
    let p = parts(base);
    assert!(
        !p.people.is_empty() && !p.org_heads.is_empty(),
        "the base lists need people and organisations"
    );
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let provenance = Provenance {
                list: "scaled".into(),
                list_version: format!("{n}"),
                reference: format!("S{i}"),
                record_id: i.to_string(),
            };
            if rng.chance(0.75) {
                let given: &&str = rng.pick(&p.given);
                let family: &&str = rng.pick(&p.family);
                let mut e = Entity::new(Schema::Person, &format!("{given} {family}"), provenance);
                let like: &&Entity = rng.pick(&p.people);
                e.birth_dates = like.birth_dates.clone();
                e.nationalities = like.nationalities.clone();
                e.gender = like.gender;
                if rng.chance(0.4) {
                    let other: &&str = rng.pick(&p.given);
                    e.names
                        .push(Name::new(format!("{other} {family}"), NameKind::Alias));
                }
                e
            } else {
                let head: &&str = rng.pick(&p.org_heads);
                let tail: &String = rng.pick(&p.org_tails);
                Entity::new(Schema::Organization, &format!("{head} {tail}"), provenance)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, schema: Schema) -> Entity {
        Entity::new(
            schema,
            name,
            Provenance {
                list: "t".into(),
                list_version: "1".into(),
                reference: name.into(),
                record_id: name.into(),
            },
        )
    }

    #[test]
    fn scaled_entities_are_made_of_listed_words_and_unique_ids() {
        let base = vec![
            entity("Hafiz Muhammad Saeed", Schema::Person),
            entity("Zaki Lakhvi", Schema::Person),
            entity("Lashkar Trading Company", Schema::Organization),
        ];
        let list = scaled_list(&base, 1000, 1);
        assert_eq!(list.len(), 1000);
        let ids: std::collections::HashSet<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 1000);
        let words = [
            "Hafiz", "Muhammad", "Saeed", "Zaki", "Lakhvi", "Lashkar", "Trading", "Company",
        ];
        for e in &list {
            assert!(
                e.caption.split_whitespace().all(|w| words.contains(&w)),
                "{}",
                e.caption
            );
        }
        assert!(list.iter().any(|e| e.schema == Schema::Organization));
        assert_eq!(
            list,
            scaled_list(&base, 1000, 1),
            "the same seed gives the same list"
        );
    }
}
