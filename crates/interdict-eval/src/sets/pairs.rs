//! Labelled name pairs for `interdict compare`, one group per hard-name rule, built from public
//! sources: legal forms from the GLEIF list of entity legal forms (ISO 20275, local name and
//! abbreviation) on real company names, short forms of given names from the nicknames resource
//! with common surnames, East Slavic names with patronymics from the UN list in both word
//! orders, and listed names with digits written for letters. Each positive pair has a negative
//! of the same shape: another company with the same legal form and a word in common, another
//! given name with the same surname, another patronymic, another listed name.

use super::{Error, LabelledSet, Resources};
use crate::rng::Rng;
use interdict_model::{Entity, Schema};

/// Columns of the pair set, as `interdict compare --input` reads them, plus the label.
const COLUMNS: [&str; 5] = ["name1", "name2", "schema", "is_match", "kind"];

/// Pairs per group.
const PER_GROUP: usize = 150;

/// All groups of pairs.
pub fn pairs(res: &Resources, lists: &[Vec<Entity>], seed: u64) -> Result<LabelledSet, Error> {
    let mut set = LabelledSet::new("pairs", &COLUMNS);
    let mut rng = Rng::derive(seed, "pairs", 0);
    legal_forms(res, &mut rng, &mut set)?;
    short_forms(res, &mut rng, &mut set)?;
    let people: Vec<&Entity> = lists
        .iter()
        .flatten()
        .filter(|e| e.schema == Schema::Person)
        .collect();
    patronymics(&people, &mut rng, &mut set);
    disguised(&people, &mut rng, &mut set);
    Ok(set)
}

fn push(set: &mut LabelledSet, a: &str, b: &str, schema: &str, is_match: bool, kind: &str) {
    set.push(&[
        ("name1", a),
        ("name2", b),
        ("schema", schema),
        ("is_match", if is_match { "true" } else { "false" }),
        ("kind", kind),
    ]);
}

/// Company names without their legal form: "Apple Inc." is "Apple".
fn company_stems(res: &Resources) -> Result<Vec<String>, Error> {
    let sp = res.text("names/companies/sp500_constituents_2026-08.csv")?;
    let mut r = csv::Reader::from_reader(sp.as_bytes());
    let forms = [
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "plc",
        "ltd",
        "ltd.",
    ];
    let mut stems: Vec<String> = r
        .records()
        .flatten()
        .filter_map(|rec| rec.get(1).map(str::to_string))
        .map(|name| {
            let words: Vec<&str> = name
                .split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .filter(|w| !forms.contains(&w.to_lowercase().as_str()))
                .collect();
            words.join(" ")
        })
        .filter(|s| s.split_whitespace().count() >= 2)
        .collect();
    stems.sort();
    stems.dedup();
    Ok(stems)
}

/// "<company> <abbreviation>" / "<company> <legal form written out>", and against another
/// company with the same form and a word in common.
fn legal_forms(res: &Resources, rng: &mut Rng, set: &mut LabelledSet) -> Result<(), Error> {
    let text = res.text("names/companies/gleif_iso20275_elf_codes_1.4.1.csv")?;
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let latin = |s: &str| s.chars().all(|c| (c as u32) < 0x250);
    let mut forms: Vec<(String, String)> = r
        .records()
        .flatten()
        .filter(|rec| rec.get(12) == Some("ACTV"))
        .filter_map(|rec| {
            let full = rec.get(5)?.trim().to_string();
            let abbr = rec.get(9)?.split(';').next()?.trim().to_string();
            let useful = !full.is_empty()
                && !abbr.is_empty()
                && latin(&full)
                && latin(&abbr)
                && full.split_whitespace().count() >= 1
                && full.to_lowercase() != abbr.to_lowercase();
            useful.then_some((full, abbr))
        })
        .collect();
    forms.sort();
    forms.dedup();
    let stems = company_stems(res)?;
    if forms.is_empty() || stems.len() < 2 {
        return Ok(());
    }
    for _ in 0..PER_GROUP {
        let (full, abbr) = rng.pick(&forms).clone();
        let stem = rng.pick(&stems).clone();
        push(
            set,
            &format!("{stem} {abbr}"),
            &format!("{stem} {full}"),
            "Company",
            true,
            "legal-form",
        );
        let first = stem.split_whitespace().next().unwrap_or_default();
        let sharing: Vec<&String> = stems
            .iter()
            .filter(|s| **s != stem && s.split_whitespace().next() == Some(first))
            .collect();
        let other = if sharing.is_empty() {
            rng.pick(&stems).clone()
        } else {
            (*rng.pick(&sharing)).clone()
        };
        if other != stem {
            push(
                set,
                &format!("{stem} {abbr}"),
                &format!("{other} {full}"),
                "Company",
                false,
                "legal-form",
            );
        }
    }
    Ok(())
}

/// Capitalised: "theodore" is "Theodore".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "<short form> <surname>" / "<given name> <surname>", and two different given names with
/// the same surname.
fn short_forms(res: &Resources, rng: &mut Rng, set: &mut LabelledSet) -> Result<(), Error> {
    let text = res.text("names/nicknames_en/names.csv")?;
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let relations: Vec<(String, String)> = r
        .records()
        .flatten()
        .filter(|rec| rec.get(1) == Some("has_nickname"))
        .filter_map(|rec| Some((rec.get(0)?.to_string(), rec.get(2)?.to_string())))
        .filter(|(full, short)| full.len() >= 3 && short.len() >= 2)
        .collect();
    let surnames = res.text("names/name_databases_by_culture/surnames/us.txt")?;
    let surnames: Vec<&str> = surnames
        .lines()
        .filter(|l| l.len() >= 4)
        .take(2000)
        .collect();
    if relations.is_empty() || surnames.is_empty() {
        return Ok(());
    }
    for _ in 0..PER_GROUP {
        let (full, short) = rng.pick(&relations).clone();
        let surname = capitalised(&rng.pick(&surnames).to_lowercase());
        let (full, short) = (capitalised(&full), capitalised(&short));
        push(
            set,
            &format!("{short} {surname}"),
            &format!("{full} {surname}"),
            "Person",
            true,
            "short-form",
        );
        let (other, _) = rng.pick(&relations).clone();
        let related = relations.iter().any(|(a, b)| {
            (a == &other && b.eq_ignore_ascii_case(&full))
                || (b == &other && a.eq_ignore_ascii_case(&full))
        });
        if !other.eq_ignore_ascii_case(&full) && !related {
            push(
                set,
                &format!("{} {surname}", capitalised(&other)),
                &format!("{full} {surname}"),
                "Person",
                false,
                "short-form",
            );
        }
    }
    Ok(())
}

/// Listed East Slavic names (given name, patronymic, surname): surname first / given name
/// first, the patronymic left out; and the same names with another person's patronymic.
fn patronymics(people: &[&Entity], rng: &mut Rng, set: &mut LabelledSet) {
    let triples: Vec<[String; 3]> = people
        .iter()
        .flat_map(|e| e.names.iter())
        .filter_map(|n| {
            let w: Vec<&str> = n.full.split_whitespace().collect();
            let patronymic = w.get(1).filter(|p| {
                let p = p.to_lowercase();
                ["ovich", "evich", "ovna", "evna"]
                    .iter()
                    .any(|e| p.ends_with(e))
            })?;
            (w.len() == 3).then(|| [w[0].to_string(), patronymic.to_string(), w[2].to_string()])
        })
        .collect();
    if triples.len() < 2 {
        return;
    }
    for _ in 0..PER_GROUP / 2 {
        let [given, patronymic, surname] = rng.pick(&triples).clone();
        let listed = format!("{given} {patronymic} {surname}");
        push(
            set,
            &format!("{surname} {given} {patronymic}"),
            &listed,
            "Person",
            true,
            "patronymic",
        );
        push(
            set,
            &format!("{surname}, {given}"),
            &listed,
            "Person",
            true,
            "patronymic",
        );
        let other = &rng.pick(&triples)[1];
        if !other.eq_ignore_ascii_case(&patronymic) {
            push(
                set,
                &format!("{given} {other} {surname}"),
                &listed,
                "Person",
                false,
                "patronymic",
            );
        }
    }
}

/// Listed names with digits for letters in one or two words (0 for o, 1 for i, 3 for e, 4 for
/// a), and another listed name with a word in common.
/// Letters and the digits written for them in disguised names.
const DISGUISES: [(char, char); 4] = [('o', '0'), ('i', '1'), ('e', '3'), ('a', '4')];

fn disguised(people: &[&Entity], rng: &mut Rng, set: &mut LabelledSet) {
    let names: Vec<&str> = people
        .iter()
        .map(|e| e.names[0].full.as_str())
        .filter(|n| n.is_ascii() && n.split_whitespace().count() >= 2)
        .collect();
    if names.len() < 2 {
        return;
    }
    for _ in 0..PER_GROUP {
        let name = *rng.pick(&names);
        let mut changed = false;
        let disguised: String = name
            .chars()
            .map(|c| {
                let lower = c.to_ascii_lowercase();
                let Some(&(_, digit)) = DISGUISES.iter().find(|(l, _)| *l == lower) else {
                    return c;
                };
                if rng.chance(0.4) {
                    changed = true;
                    digit
                } else {
                    c
                }
            })
            .collect();
        if changed {
            push(set, &disguised, name, "Person", true, "disguised");
        }
        let word = name.split_whitespace().last().unwrap_or_default();
        let sharing: Vec<&&str> = names
            .iter()
            // Another name, not the same one as another list writes it ("RI PYONG CHUL" /
            // "Ri Pyong Chul"): only letters and their order count.
            .filter(|n| letters(n) != letters(name) && n.split_whitespace().any(|w| w == word))
            .collect();
        if let Some(other) = (!sharing.is_empty()).then(|| **rng.pick(&sharing)) {
            push(set, &disguised, other, "Person", false, "disguised");
        }
    }
}

/// The letters of a name in lower case, without spaces or punctuation.
fn letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::Provenance;

    fn person(name: &str) -> Entity {
        let provenance = Provenance {
            list: "t".into(),
            list_version: "1".into(),
            reference: name.into(),
            record_id: name.into(),
        };
        Entity::new(Schema::Person, name, provenance)
    }

    #[test]
    fn a_disguised_name_is_never_a_negative_of_the_same_name_as_another_list_writes_it() {
        let entities = [
            person("RI PYONG CHUL"),
            person("Ri PYONG CHUL"),
            person("KIM PYONG CHUL"),
        ];
        let people: Vec<&Entity> = entities.iter().collect();
        let mut set = LabelledSet::new("pairs", &COLUMNS);
        for seed in 0..5 {
            disguised(&people, &mut Rng::derive(seed, "pairs", 0), &mut set);
        }
        let negatives: Vec<&Vec<String>> = set.rows.iter().filter(|r| r[3] == "false").collect();
        assert!(!negatives.is_empty());
        let undisguised = |s: &str| {
            let plain: String = s
                .chars()
                .map(|c| {
                    DISGUISES
                        .iter()
                        .find(|(_, d)| *d == c)
                        .map_or(c, |(l, _)| *l)
                })
                .collect();
            letters(&plain)
        };
        for row in negatives {
            assert_ne!(undisguised(&row[0]), letters(&row[1]), "{row:?}");
        }
    }
}
