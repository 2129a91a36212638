//! The real UN snapshots in the shared reference data: every one loads with the entity counts
//! stated in its provenance record, and the damaged copy is refused with the place and reason.
//! Skipped (with a message) when the reference data is not present.

use interdict_lists::load;
use interdict_model::{NameKind, Schema};

#[test]
fn every_un_snapshot_loads_with_its_counts() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    // (file, individuals, entities) as counted independently from the files' record elements.
    let expected = [
        ("un_consolidated_2017-07-03.xml", 650, 371),
        ("un_consolidated_2018-10-29.xml", 703, 390),
        ("un_consolidated_2020-11-30.xml", 713, 305),
        ("un_consolidated_2024-11-30.xml", 686, 193),
        ("un_consolidated_2025-04-19.xml", 684, 193),
        ("un_consolidated_2025-12-09.xml", 727, 273),
        ("un_consolidated_2025-12-10.xml", 726, 273),
        ("un_consolidated_2026-02-27.xml", 730, 273),
    ];
    for (file, people, orgs) in expected {
        let list = load(&data.join("un").join(file))
            .unwrap_or_else(|e| panic!("{e}"))
            .remove(0);
        let p = list
            .entities
            .iter()
            .filter(|e| e.schema == Schema::Person)
            .count();
        let o = list
            .entities
            .iter()
            .filter(|e| e.schema == Schema::Organization)
            .count();
        assert_eq!((p, o), (people, orgs), "{file}");
        assert_eq!(list.meta.version, file[16..26], "{file}");
        let unknown: Vec<_> = list
            .warnings
            .iter()
            .filter(|w| w.message.contains("not part of the UN format"))
            .collect();
        assert!(unknown.is_empty(), "{file}: {unknown:?}");
    }
}

#[test]
fn lashkar_e_tayyiba_is_read_completely() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let list = load(&data.join("un/un_consolidated_2025-04-19.xml"))
        .unwrap()
        .remove(0);
    let let_ = list
        .entities
        .iter()
        .find(|e| e.provenance.reference == "QDe.118")
        .unwrap();
    assert_eq!(let_.id, "un-sc:114076");
    assert_eq!(let_.caption, "LASHKAR-E-TAYYIBA");
    let aliases: Vec<&str> = let_
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Alias)
        .map(|n| n.full.as_str())
        .collect();
    for a in [
        "Lashkar-e-Toiba",
        "Jamaat-ud-Dawa",
        "JUD",
        "LET",
        "Army of the Pure",
        "Lashkar e Tayyaba",
    ] {
        assert!(aliases.contains(&a), "missing alias {a}: {aliases:?}");
    }
    assert!(let_.links.iter().any(|l| l.reference == "QDi.263"));
    assert_eq!(let_.programmes, ["Al-Qaida"]);
    assert_eq!(let_.listed_on.unwrap().to_string(), "2005-05-02");
}

#[test]
fn damaged_copy_is_refused_with_place_and_reason() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let path = data.join("un/corrupted/un_consolidated_2025-08-16_latin1-truncated.xml");
    let err = load(&path).unwrap_err().to_string();
    assert!(
        err.contains("un_consolidated_2025-08-16_latin1-truncated.xml:53:"),
        "{err}"
    );
    assert!(err.contains("control character U+0019"), "{err}");
}

#[test]
fn links_carry_the_relation_their_sentence_states() {
    use interdict_model::{LinkDirection, LinkKind};
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let list = load(&data.join("un/un_consolidated_2025-04-19.xml"))
        .unwrap()
        .remove(0);
    let by_ref = |r: &str| {
        list.entities
            .iter()
            .find(|e| e.provenance.reference == r)
            .unwrap()
    };
    let saeed = by_ref("QDi.263");
    let to_let: Vec<_> = saeed
        .links
        .iter()
        .filter(|l| l.reference == "QDe.118")
        .collect();
    assert_eq!(to_let.len(), 1, "{:?}", saeed.links);
    assert_eq!(
        (to_let[0].kind, to_let[0].direction),
        (LinkKind::Leader, LinkDirection::Outgoing),
        "{:?}",
        to_let[0].source_text
    );
    assert!(to_let[0]
        .source_text
        .as_deref()
        .is_some_and(|s| s.contains("(QDe.118)")));
    // Every link has a sentence to show, and most say how (not only "mentioned").
    let links: Vec<_> = list.entities.iter().flat_map(|e| &e.links).collect();
    assert!(links.len() > 300, "{}", links.len());
    assert!(links.iter().all(|l| l.source_text.is_some()));
    let said = links.iter().filter(|l| l.kind != LinkKind::Unknown).count();
    eprintln!("UN links: {} of {} with a kind", said, links.len());
    for k in [
        LinkKind::Leader,
        LinkKind::Member,
        LinkKind::Associate,
        LinkKind::Family,
    ] {
        eprintln!(
            "  {}: {}",
            k.as_str(),
            links.iter().filter(|l| l.kind == k).count()
        );
    }
    assert!(said * 10 >= links.len() * 8, "{said} of {}", links.len());
}
