//! Links between listed entries end to end: `interdict screen` results carry them, `interdict
//! network` walks them, and the 50 percent rule blocks companies that designated parties own,
//! on the hand-written FollowTheMoney ownership fixture and on the real UN list.

mod common;

use common::{call, http, interdict, serve, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;

fn ownership() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../interdict-lists/tests/fixtures/ftm_ownership.json")
        .display()
        .to_string()
}

/// The first result of screening `name` against the ownership fixture, as JSON.
fn first_result(name: &str) -> Value {
    let list = ownership();
    let o = interdict(&["screen", name, "--list", &list, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    v["results"][0].clone()
}

#[test]
fn a_company_owned_half_or_more_by_designated_parties_is_blocked_with_its_chains() {
    // Beta: 30% by Alpha (itself 60% owned by Viktor) and 25% by Olena: 55% together.
    let beta = first_result("Beta Fixture Trading LLC");
    assert_eq!(beta["entity_id"], "opensanctions:OW-beta");
    assert_eq!(beta["designated"], false);
    let o = &beta["ownership"];
    assert_eq!(o["rule"], "blocked by ownership");
    assert_eq!(o["share"], 55.0);
    assert_eq!(o["over_half"], true);
    let chains: Vec<Vec<(&str, f64)>> = o["chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["entity_id"].as_str().unwrap(),
                        s["share"].as_f64().unwrap(),
                    )
                })
                .collect()
        })
        .collect();
    assert!(chains.contains(&vec![
        ("opensanctions:OW-alpha", 30.0),
        ("opensanctions:OW-person1", 60.0)
    ]));
    assert!(chains.contains(&vec![("opensanctions:OW-person2", 25.0)]));

    // Gamma: exactly 50% through a three-level chain: blocked under OFAC's rule, not over half.
    let gamma = first_result("Gamma Fixture Shipping Co");
    assert_eq!(gamma["ownership"]["share"], 50.0);
    assert_eq!(gamma["ownership"]["over_half"], false);
    assert_eq!(gamma["ownership"]["chains"][0].as_array().unwrap().len(), 3);
}

#[test]
fn cycles_and_shares_under_half_do_not_block() {
    // Delta and Epsilon own each other; what blocked parties hold of each stays under half.
    for name in [
        "Delta Fixture Logistics",
        "Epsilon Fixture Ventures",
        "Zeta Fixture Partners",
    ] {
        let r = first_result(name);
        assert!(r["ownership"].is_null(), "{name}: {r}");
        assert_eq!(r["designated"], false);
        // Still reported with the way to a designation.
        let path = r["designation_path"].as_array().unwrap();
        assert_eq!(path.last().unwrap()["designated"], true, "{name}: {r}");
    }
}

#[test]
fn a_relative_is_reported_with_the_path_to_the_designation() {
    let r = first_result("Ivan Fixturov");
    assert_eq!(r["designated"], false);
    let path = r["designation_path"].as_array().unwrap();
    assert_eq!(path.len(), 1);
    assert_eq!(path[0]["entity_id"], "opensanctions:OW-person1");
    assert_eq!(path[0]["relation"], "family");
    // The designated person's own result lists what it owns.
    let viktor = first_result("Viktor Fixturov");
    assert_eq!(viktor["designated"], true);
    let owns: Vec<&str> = viktor["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["relation"] == "owner" && l["direction"] == "outgoing")
        .map(|l| l["caption"].as_str().unwrap())
        .collect();
    assert_eq!(
        owns.len(),
        3,
        "Alpha, Epsilon and Zeta: {}",
        viktor["links"]
    );
}

#[test]
fn the_readable_output_says_blocked_and_how() {
    let list = ownership();
    let o = interdict(&["screen", "Beta Fixture Trading LLC", "--list", &list]);
    let out = stdout(&o);
    assert!(
        out.contains("BLOCKED BY OWNERSHIP: designated owners hold 55% together"),
        "{out}"
    );
    assert!(out.contains("30% by Alpha Fixture Holdings Ltd"), "{out}");
}

#[test]
fn network_walks_to_the_depth_asked_in_every_format() {
    let list = ownership();
    let json = |depth: &str| -> Value {
        let o = interdict(&[
            "network", "OW-alpha", "--depth", depth, "--format", "json", "--list", &list,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let ids = |v: &Value| -> Vec<String> {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["entity_id"].as_str().unwrap().to_string())
            .collect()
    };
    let one = json("1");
    assert_eq!(one["root"], "opensanctions:OW-alpha");
    assert_eq!(
        ids(&one),
        [
            "opensanctions:OW-alpha",
            "opensanctions:OW-person1",
            "opensanctions:OW-beta"
        ]
    );
    assert_eq!(one["nodes"][0]["ownership"]["share"], 60.0);
    let two = json("2");
    for id in [
        "OW-person2",
        "OW-gamma",
        "OW-relative",
        "OW-zeta",
        "OW-epsilon",
    ] {
        assert!(
            ids(&two).contains(&format!("opensanctions:{id}")),
            "{id}: {two}"
        );
    }

    let o = interdict(&["network", "OW-beta", "--format", "dot", "--list", &list]);
    let dot = stdout(&o);
    assert!(dot.starts_with("digraph network {"), "{dot}");
    assert!(
        dot.contains(r#""opensanctions:OW-alpha" -> "opensanctions:OW-beta" [label="owner 30%"]"#),
        "{dot}"
    );

    let o = interdict(&["network", "OW-gamma", "--list", &list]);
    let table = stdout(&o);
    assert!(table.contains("Gamma Fixture Shipping Co"), "{table}");
    assert!(table.contains("BLOCKED BY OWNERSHIP: 50% held"), "{table}");

    let o = interdict(&["network", "nobody", "--list", &list]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entry 'nobody'"), "{}", stderr(&o));
}

#[test]
fn un_leader_is_linked_to_his_group_on_the_real_list() {
    let Some(un) = interdict_testdata::path("data/un/un_consolidated_2025-04-19.xml") else {
        return;
    };
    let un = un.display().to_string();
    let o = interdict(&[
        "screen",
        "Hafiz Muhammad Saeed",
        "--list",
        &un,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let top = &v["results"][0];
    assert_eq!(top["ref"], "QDi.263");
    let to_let = common::element(&top["links"], "ref", "QDe.118");
    assert_eq!(to_let["relation"], "leader");
    assert_eq!(to_let["direction"], "outgoing");
    assert_eq!(to_let["entity_id"], "un-sc:114076");
    assert_eq!(
        to_let["text"],
        "linked to LASHKAR-E-TAYYIBA (QDe.118) as leader"
    );
    assert!(to_let["source_text"]
        .as_str()
        .unwrap()
        .contains("leader of Lashkar-e-Tayyiba"));

    let o = interdict(&["screen", "Hafiz Muhammad Saeed", "--list", &un]);
    assert!(stdout(&o).contains("linked to LASHKAR-E-TAYYIBA (QDe.118) as leader"));

    // From the group's side, its leader, its members and its associates.
    let o = interdict(&["network", "QDe.118", "--format", "json", "--list", &un]);
    let n: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let saeed = common::element(&n["links"], "ref", "QDi.263");
    assert_eq!(
        (saeed["relation"].as_str(), saeed["direction"].as_str()),
        (Some("leader"), Some("incoming"))
    );
}

#[test]
fn the_api_serves_networks_links_on_results_and_yentes_adjacent_relations() {
    let dir = tempfile::tempdir().unwrap();
    let list = ownership();
    let server = serve(&["--list", &list], dir.path());
    let a = server.addr;

    let (status, n) = call(
        a,
        "GET",
        "/v1/entities/opensanctions:OW-beta/network?depth=1",
        Value::Null,
    );
    assert_eq!(status, 200, "{n}");
    assert_eq!(n["root"], "opensanctions:OW-beta");
    assert_eq!(n["nodes"][0]["ownership"]["share"], 55.0);
    assert_eq!(
        n["nodes"].as_array().unwrap().len(),
        4,
        "Alpha, Olena, Gamma: {n}"
    );
    let (status, dot) = http(a, "GET", "/v1/entities/OW-beta/network?format=dot", "");
    assert_eq!(status, 200);
    assert!(dot.contains("digraph network"), "{dot}");
    assert_eq!(
        call(a, "GET", "/v1/entities/nobody/network", Value::Null).0,
        404
    );
    assert_eq!(
        call(
            a,
            "GET",
            "/v1/entities/OW-beta/network?depth=9",
            Value::Null
        )
        .0,
        422
    );

    // Screening results carry the links and the block.
    let (status, r) = call(
        a,
        "POST",
        "/v1/screen",
        serde_json::json!({"queries": [{"name": "Beta Fixture Trading LLC"}]}),
    );
    assert_eq!(status, 200, "{r}");
    let top = &r["responses"][0]["results"][0];
    assert_eq!(top["ownership"]["share"], 55.0, "{top}");
    assert!(top["links"].as_array().unwrap().len() >= 3);

    // yente's adjacent entities: Ownership entities holding the other end.
    let (status, adj) = call(a, "GET", "/entities/OW-beta/adjacent", Value::Null);
    assert_eq!(status, 200, "{adj}");
    let owners = adj["adjacent"]["ownershipAsset"]["results"]
        .as_array()
        .unwrap();
    assert_eq!(owners.len(), 2, "{adj}");
    assert!(owners.iter().all(|o| o["schema"] == "Ownership"));
    assert!(owners.iter().any(
        |o| o["properties"]["owner"][0]["caption"] == "Olena Fixturova"
            && o["properties"]["percentage"][0] == "25"
    ));
    // The analysts' page says the company is blocked, how, and draws its links.
    let (status, html) = http(a, "GET", "/ui/entity/opensanctions:OW-beta", "");
    assert_eq!(status, 200);
    assert!(
        html.contains("Blocked by ownership: designated parties hold 55% of it together"),
        "{html}"
    );
    assert!(
        html.contains("Alpha Fixture Holdings Ltd</a>, which is owned 60% by"),
        "{html}"
    );
    assert!(html.contains("owned by"), "{html}");
    let (status, page) = call(
        a,
        "GET",
        "/entities/OW-beta/adjacent/ownershipOwner",
        Value::Null,
    );
    assert_eq!(status, 200);
    assert_eq!(page["total"]["value"], 1, "Beta owns Gamma: {page}");
}

#[test]
fn exported_parties_that_are_not_designated_are_not_targets() {
    let list = ownership();
    let o = interdict(&["lists", "export", "--list", &list]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entities: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: &str| entities.iter().find(|e| e["id"] == id).unwrap();
    assert_eq!(by_id("OW-alpha")["target"], false);
    assert_eq!(
        by_id("OW-alpha")["properties"]["topics"][0],
        "sanction.linked"
    );
    assert_eq!(by_id("OW-person1")["target"], true);
    assert_eq!(by_id("OW-person1")["properties"]["topics"][0], "sanction");
    // The links as relationship entities, each once although both ends state it.
    let ownerships: Vec<&Value> = entities
        .iter()
        .filter(|e| e["schema"] == "Ownership")
        .collect();
    assert_eq!(ownerships.len(), 9);
    assert!(ownerships
        .iter()
        .any(|o| o["properties"]["owner"][0] == "OW-alpha"
            && o["properties"]["asset"][0] == "OW-beta"
            && o["properties"]["percentage"][0] == "30"));
    assert_eq!(
        entities.iter().filter(|e| e["schema"] == "Family").count(),
        1
    );
}

#[test]
fn a_mention_found_in_a_document_carries_its_entrys_links() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("note.txt");
    std::fs::write(&doc, "Funds were sent to Jamaat-ud-Dawa in Lahore.\n").unwrap();
    let sample = common::sample().display().to_string();
    let o = interdict(&[
        "scan",
        "--list",
        &sample,
        "--format",
        "json",
        doc.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let m = &v["mentions"][0];
    assert_eq!(m["ref"], "QDe.118");
    let leader = common::element(&m["links"], "ref", "QDi.263");
    assert_eq!(
        (leader["relation"].as_str(), leader["role"].as_str()),
        (Some("leader"), Some("led by"))
    );
}
