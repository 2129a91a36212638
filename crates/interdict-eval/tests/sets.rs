//! The labelled sets built from the real reference data: every expected reference names a listed
//! entry, the sets are the same for the same seed, and each kind of row is there. Skipped (with
//! a message) when the reference data is not present.

use interdict_eval::sets::{
    arabic, listed, negatives, scripts, LabelledSet, Resources, SameTarget, REFERENCE_LISTS,
};
use interdict_model::Entity;
use std::collections::HashSet;

fn resources() -> Option<Resources> {
    interdict_testdata::path("data/names").map(|_| Resources::new(interdict_testdata::root()))
}

fn column<'a>(set: &'a LabelledSet, name: &str) -> impl Iterator<Item = &'a str> + 'a {
    let i = set.columns.iter().position(|c| *c == name).expect("column");
    set.rows.iter().map(move |r| r[i].as_str())
}

fn listed_refs(lists: &[Vec<Entity>]) -> HashSet<String> {
    lists
        .iter()
        .flatten()
        .map(|e| format!("{}:{}", e.provenance.list, e.provenance.reference))
        .collect()
}

#[test]
fn sets_from_the_lists_name_listed_entries() {
    let Some(res) = resources() else { return };
    let lists: Vec<Vec<Entity>> = REFERENCE_LISTS
        .iter()
        .map(|l| res.list(l).unwrap())
        .collect();
    let targets = SameTarget::new(&lists);
    let refs = listed_refs(&lists);
    let spellings = arabic::ArabicSpellings::load(&res).unwrap();
    let sets = [
        listed::typos(&lists, &targets, 50, 3, 1),
        listed::attributes(&lists, &targets, 50, 1),
        listed::organisations(&lists, &targets, 50, 1),
        listed::vessels(&lists, &targets, 1),
        arabic::arabic_script(&lists, &targets, &spellings, 50, 1),
    ];
    for set in &sets {
        assert!(
            set.rows.len() > 50,
            "{} has {} rows",
            set.name,
            set.rows.len()
        );
        for expected in column(set, "expected_ref").filter(|e| !e.is_empty()) {
            for r in expected.split(';') {
                assert!(refs.contains(r), "{}: {r} is not listed", set.name);
            }
        }
    }
    // Every variant of the typo set occurs; rows with typos differ from the listed name.
    let typos = &sets[0];
    let variants: HashSet<&str> = column(typos, "variant").collect();
    assert!(variants.len() >= 12, "{variants:?}");
    let listed: Vec<&str> = column(typos, "listed_name").collect();
    for (q, l) in column(typos, "full_name").zip(listed) {
        assert_ne!(q, l);
    }
    // Namesakes must not match; the other attribute rows must.
    let attrs = &sets[1];
    for (v, e) in column(attrs, "variant").zip(column(attrs, "expected_ref")) {
        assert_eq!(v.starts_with("namesake"), e.is_empty(), "{v} {e}");
    }
    // The same seed gives the same set.
    assert_eq!(listed::typos(&lists, &targets, 50, 3, 1), sets[0]);
    assert_ne!(listed::typos(&lists, &targets, 50, 3, 2), sets[0]);
}

#[test]
fn same_target_on_other_lists_is_accepted() {
    let Some(res) = resources() else { return };
    let lists: Vec<Vec<Entity>> = REFERENCE_LISTS
        .iter()
        .map(|l| res.list(l).unwrap())
        .collect();
    let targets = SameTarget::new(&lists);
    let let_un = lists[0]
        .iter()
        .find(|e| e.provenance.reference == "QDe.118")
        .unwrap();
    let expected = targets.expected(let_un);
    // The UK list quotes the UN reference; OFAC lists the same name.
    assert!(expected.starts_with("un-sc:QDe.118"), "{expected}");
    assert!(expected.contains("gb-hmt:7241"), "{expected}");
    assert!(expected.contains("us-ofac-sdn:7140"), "{expected}");
}

#[test]
fn negatives_and_scripts_are_built() {
    let Some(res) = resources() else { return };
    let spellings = arabic::ArabicSpellings::load(&res).unwrap();
    let people = negatives::people(&res, &spellings, 2000, 1).unwrap();
    assert_eq!(people.rows.len(), 2000);
    assert!(column(&people, "expected_ref").all(str::is_empty));
    let kinds: HashSet<&str> = column(&people, "variant").collect();
    for k in [
        "muslim-world-arabic-script",
        "devanagari",
        "common-name-native-script",
        "surname-collections",
    ] {
        assert!(kinds.contains(k), "{k} missing from {kinds:?}");
    }
    let pairs = scripts::all_pairs(&res, 1).unwrap();
    let found: HashSet<&str> = pairs.iter().map(|p| p.script).collect();
    for s in [
        "Cyrillic",
        "Greek",
        "Hebrew",
        "Arabic",
        "Han",
        "Hangul",
        "Kana",
        "Devanagari",
    ] {
        assert!(found.contains(s), "{s} missing from {found:?}");
    }
    let (set, list) = scripts::scripts(&pairs, 20, 1);
    assert_eq!(
        list.lines().count(),
        column(&set, "expected_ref")
            .filter(|e| !e.is_empty())
            .count()
    );
    let companies = negatives::companies(&res, 1).unwrap();
    assert!(companies.rows.len() > 5000);
}
