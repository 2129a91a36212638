//! Every list file of the supported formats in the shared reference data loads, with the entry
//! counts established independently (by counting records, rows per group id, distinct
//! references, or target entities with a separate script). Skipped, with a message, when the
//! reference data is not present.

use interdict_lists::{load, Format};
use interdict_model::{IdKind, Schema};

/// (path under the data folder, list name, entry count) for every list the path holds.
const EXPECTED: &[(&str, &[(&str, usize)])] = &[
    ("ofac/legacy_csv_2021-07", &[("us-ofac-sdn", 8976)]),
    ("ofac/legacy_csv_2019-01", &[("us-ofac-sdn", 7379)]),
    ("ofac/legacy_csv_2025-12_partial", &[("us-ofac-sdn", 8653)]),
    (
        "ofac/consolidated_non_sdn_csv_2025-12",
        &[("us-ofac-cons", 442)],
    ),
    (
        "ofac/sdn_csv_history/sdn_2021-08-18.csv",
        &[("us-ofac-sdn", 9083)],
    ),
    (
        "ofac/sdn_csv_history/sdn_2024-04-26.csv",
        &[("us-ofac-sdn", 14668)],
    ),
    (
        "ofac/sdn_csv_history/sdn_2024-05-01.csv",
        &[("us-ofac-sdn", 14966)],
    ),
    (
        "ofac/sdn_csv_history/sdn_2024-05-02.csv",
        &[("us-ofac-sdn", 14973)],
    ),
    (
        "ofac/sdn_csv_history/sdn_2024-05-03.csv",
        &[("us-ofac-sdn", 14965)],
    ),
    (
        "ofac/consolidated_non_sdn_xml",
        &[
            ("us-ofac-cons", 443),
            ("us-ofac-cons", 443),
            ("us-ofac-cons", 443),
            ("us-ofac-cons", 442),
            ("us-ofac-cons", 442),
        ],
    ),
    (
        "ofac/enhanced_xml_irgc_subset_2024-08-28.xml",
        &[("us-ofac", 293)],
    ),
    ("uk/hmt_conlist_csv_2014-04-02.csv", &[("gb-hmt", 2297)]),
    ("uk/ofsi_conlist_csv_2018-04-13.csv", &[("gb-hmt", 2106)]),
    (
        "eu/opensanctions_eu_journal_32002R0881_alqaida.csv",
        &[("eu-oj-32002r0881", 348)],
    ),
    (
        "eu/opensanctions_eu_journal_32014R0269_ukraine_territorial.csv",
        &[("eu-oj-32014r0269", 2802)],
    ),
    (
        "canada/sema_consolidated_autonomous_2025-03-20.xml",
        &[("ca-sema", 4759)],
    ),
    (
        "australia/dfat_regulation8_consolidated_2024-11-11.xlsx",
        &[("au-dfat", 3159)],
    ),
    (
        "us_bis/bis_denied_persons_list_2022-09-02.txt",
        &[("us-bis-dpl", 581)],
    ),
    (
        "opensanctions/ftm_entities/yente_t1_entities.ftm.json",
        &[("opensanctions", 6)],
    ),
    (
        "opensanctions/ftm_entities/yente_zala_cluster_entities.ftm.json",
        &[("opensanctions", 14)],
    ),
    (
        "opensanctions/format_samples_thirdparty_zavod_run_2024-03/entities.ftm.json",
        &[("opensanctions", 423)],
    ),
    (
        "opensanctions/format_samples_thirdparty_zavod_run_2024-03/targets.nested.json",
        &[("opensanctions", 5)],
    ),
    (
        "opensanctions/ftm_deltas/20240527194702-wnk.entities.delta.json",
        &[("opensanctions", 2)],
    ),
    (
        "opensanctions/ftm_deltas/20240528014702-pfh.entities.delta.json",
        &[("opensanctions", 2)],
    ),
    (
        "opensanctions/ftm_deltas/20240528074703-npf.entities.delta.json",
        &[("opensanctions", 0)],
    ),
    (
        "opensanctions/ftm_deltas/20240528134729-3iv.entities.delta.json",
        &[("opensanctions", 1)],
    ),
    (
        "opensanctions/targets_simple/interpol_red_notices_targets.simple.csv",
        &[("opensanctions-interpol-red-notices", 6561)],
    ),
];

#[test]
fn every_list_file_loads_with_its_counts() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let mut failures = Vec::new();
    for (path, expected) in EXPECTED {
        match load(&data.join(path)) {
            Ok(lists) => {
                let got: Vec<(String, usize)> = lists
                    .iter()
                    // Designated entries: parties kept only because a relationship names
                    // them (FollowTheMoney's target=false) are counted apart, below.
                    .map(|l| {
                        let designated = l.entities.iter().filter(|e| !e.related_only).count();
                        (l.meta.list.clone(), designated)
                    })
                    .collect();
                let want: Vec<(String, usize)> =
                    expected.iter().map(|(l, n)| (l.to_string(), *n)).collect();
                if got != want {
                    failures.push(format!("{path}: got {got:?}, expected {want:?}"));
                }
                for l in &lists {
                    if l.entities
                        .iter()
                        .any(|e| e.names.is_empty() || e.caption.is_empty())
                    {
                        failures.push(format!("{path}: an entity without names"));
                    }
                    if l.entities
                        .iter()
                        .any(|e| e.related_only && e.links.is_empty())
                    {
                        failures.push(format!("{path}: a related party kept without its link"));
                    }
                }
            }
            Err(e) => failures.push(format!("{path}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lashkar_e_tayyiba_on_ofac_and_uk() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let ofac = load(&data.join("ofac/legacy_csv_2021-07"))
        .unwrap()
        .remove(0);
    let e = ofac
        .entities
        .iter()
        .find(|e| e.provenance.reference == "7140")
        .unwrap();
    assert_eq!(e.caption, "LASHKAR E-TAYYIBA");
    assert_eq!(e.programmes, ["FTO", "SDGT"]);
    assert!(e.names.iter().any(|n| n.full == "JAMAAT-UD-DAWA"));
    assert!(
        e.names.iter().any(|n| n.full == "JUD"),
        "a.k.a. from the remarks"
    );
    assert_eq!(
        ofac.meta.format,
        Format::OfacCsv(interdict_lists::OfacCsvPart::Primary)
    );

    let uk = load(&data.join("uk/ofsi_conlist_csv_2018-04-13.csv"))
        .unwrap()
        .remove(0);
    assert_eq!(uk.meta.version, "2018-04-13");
    let e = uk
        .entities
        .iter()
        .find(|e| e.provenance.reference == "7241")
        .unwrap();
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(
        e.external_refs[0].reference, "QDe.118",
        "UN Ref QE.L.118.05 in the current scheme"
    );
    assert!(e.names.len() >= 20);
}

#[test]
fn ofac_remarks_and_xml_details_are_structured() {
    let Some(data) = interdict_testdata::path("data") else {
        return;
    };
    let sdn = load(&data.join("ofac/sdn_csv_history/sdn_2024-05-03.csv"))
        .unwrap()
        .remove(0);
    let people = sdn.entities.iter().filter(|e| e.schema == Schema::Person);
    let with_dob = people.clone().filter(|e| !e.birth_dates.is_empty()).count();
    let total = people.count();
    assert!(
        with_dob * 10 > total * 8,
        "most SDN people have a date of birth: {with_dob}/{total}"
    );
    let vessels_with_imo = sdn
        .entities
        .iter()
        .filter(|e| {
            e.schema == Schema::Vessel && e.identifiers.iter().any(|i| i.kind == IdKind::Imo)
        })
        .count();
    assert!(vessels_with_imo > 700, "{vessels_with_imo}");

    let enhanced = load(&data.join("ofac/enhanced_xml_irgc_subset_2024-08-28.xml"))
        .unwrap()
        .remove(0);
    assert_eq!(enhanced.meta.version, "2024-08-28");
    let aircraft = enhanced
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Aircraft)
        .count();
    assert_eq!(aircraft, 44);
    assert!(enhanced.entities.iter().any(|e| e
        .names
        .iter()
        .any(|n| n.kind == interdict_model::NameKind::OriginalScript)));
}
