//! Links on the real lists (UN 2025-04-19, OFAC SDN 2021-07, UK ConList 2018-04-13): OFAC's
//! "Linked To:" entries and the UK's quoted UN references reach the entries they name, and the
//! UN's leaders are read from both ends. Skipped (with a message) without the reference data.

use interdict_match::Index;
use interdict_model::{LinkDirection, LinkKind};

fn load(paths: &[&str]) -> Option<Index> {
    let mut entities = Vec::new();
    for p in paths {
        let path = interdict_testdata::path(p)?;
        for list in interdict_lists::load(&path).unwrap() {
            entities.extend(list.entities);
        }
    }
    Some(Index::build(entities))
}

#[test]
fn ofac_linked_to_entries_reach_the_entries_they_name() {
    let Some(index) = load(&["data/ofac/legacy_csv_2021-07"]) else {
        return;
    };
    let mut stated = 0;
    let mut resolved = 0;
    for i in 0..index.entity_count() {
        for (k, l) in index.entity(i).links.iter().enumerate() {
            if l.relation == "linked to" {
                stated += 1;
                resolved += usize::from(index.link_target(i, k).is_some());
            }
        }
    }
    eprintln!("OFAC 'Linked To': {resolved} of {stated} reach a listed entry");
    assert!(stated > 2_000, "{stated}");
    assert!(resolved * 100 >= stated * 90, "{resolved} of {stated}");

    // A named example: entries linked to HIZBALLAH reach it, and it lists them.
    let hizballah = (0..index.entity_count())
        .find(|&i| index.entity(i).caption == "HIZBALLAH")
        .unwrap();
    let linked = index.links_of(hizballah);
    assert!(linked.len() >= 10, "{}", linked.len());
    assert!(linked.iter().all(|l| l.entity.is_some()));
}

#[test]
fn uk_entries_quoting_other_un_references_reach_the_un_entries() {
    let Some(index) = load(&[
        "data/un/un_consolidated_2025-04-19.xml",
        "data/uk/ofsi_conlist_csv_2018-04-13.csv",
    ]) else {
        return;
    };
    let uk_links: Vec<_> = (0..index.entity_count())
        .filter(|&i| index.entity(i).provenance.list == "gb-hmt")
        .flat_map(|i| index.links_of(i))
        .filter(|l| l.list == "un-sc")
        .collect();
    let resolved = uk_links.iter().filter(|l| l.entity.is_some()).count();
    eprintln!(
        "UK links to UN references: {resolved} of {} reach a UN entry",
        uk_links.len()
    );
    assert!(!uk_links.is_empty());
    assert!(resolved * 100 >= uk_links.len() * 80);

    // QDe.118 from its leader's UN entry, read from the group's end.
    let let_ = index.find_entity("QDe.118").unwrap();
    assert_eq!(index.entity(let_).provenance.list, "un-sc");
    let saeed = index
        .links_of(let_)
        .into_iter()
        .find(|l| l.reference == "QDi.263")
        .unwrap();
    assert_eq!(
        (saeed.kind, saeed.direction),
        (LinkKind::Leader, LinkDirection::Incoming)
    );
    assert_eq!(saeed.stated_by.provenance.reference, "QDi.263");
}
