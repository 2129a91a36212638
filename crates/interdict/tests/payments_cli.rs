//! `interdict payments` and `POST /v1/screen/payment` end to end, on the hand-written messages
//! of `crates/interdict-payments/tests/fixtures` against the UN sample and three OFAC-listed
//! banks.

mod common;

use common::{call, interdict, sample, serve, stderr, stdout};
use serde_json::{json, Value};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../interdict-payments/tests/fixtures")
        .join(name)
}

fn lists() -> Vec<String> {
    vec![
        "--list".into(),
        sample().display().to_string(),
        "--list".into(),
        fixture("ofac_banks.csv").display().to_string(),
    ]
}

fn payments(args: &[&str]) -> std::process::Output {
    let mut all = vec!["payments".to_string()];
    all.extend(lists());
    all.extend(args.iter().map(|a| a.to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    interdict(&refs)
}

#[test]
fn a_folder_of_messages_is_screened_message_by_message_as_json_lines() {
    let dir = fixture("");
    let o = payments(&["--format", "jsonl", dir.to_str().unwrap()]);
    // Unreadable messages are reported, the rest screened, and the run ends with status 1.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: &str| {
        lines
            .iter()
            .find(|l| l["message_id"] == id)
            .unwrap_or_else(|| panic!("no message {id}"))
    };
    let held = by_id("MSG-20261204-001");
    assert_eq!(held["decision"], "hold");
    assert_eq!(held["format"], "pacs.008.001.08");
    assert_eq!(held["transaction_ids"], json!(["E2E-0001", "E2E-0002"]));
    let creditor = common::element(&held["hits"], "path", "CdtTrfTxInf[2]/Cdtr/Nm");
    assert_eq!(
        (
            creditor["field"].clone(),
            creditor["ref"].clone(),
            creditor["match"].clone()
        ),
        (json!("Cdtr/Nm"), json!("QDi.263"), json!(true))
    );
    assert!(creditor["explanation"]["summary"].is_string());
    assert_eq!(by_id("MSG-CLEAN-7")["decision"], "pass");
    assert_eq!(by_id("REF-MT103-01")["decision"], "hold");
    assert_eq!(by_id("COV-REF-7")["format"], "MT202COV");
    let errors: Vec<&str> = lines.iter().filter_map(|l| l["error"].as_str()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("camt053.xml") && e.contains("not a payment message")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("truncated.xml")),
        "{errors:?}"
    );
    assert!(stderr(&o).contains("could not be read"));
}

#[test]
fn a_clean_message_passes_in_the_readable_listing() {
    let o = payments(&[fixture("pacs008_clean.xml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("PASS  MSG-CLEAN-7  pacs.008.001.08"),
        "{}",
        stdout(&o)
    );
    let o = payments(&[fixture("mt103_hold.txt").to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.starts_with("HOLD  REF-MT103-01  MT103"), "{out}");
    assert!(out.contains("59F") && out.contains("QDi.264"), "{out}");
}

#[test]
fn bad_options_and_missing_files_are_refused_before_screening() {
    let o = payments(&["--threshold", "2", fixture("pacs004.xml").to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--threshold must be between 0 and 1"));
    let o = payments(&["/no/such/messages.xml"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/no/such/messages.xml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_message_is_screened_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let args = lists();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let server = serve(&refs, dir.path());
    let xml = std::fs::read_to_string(fixture("pacs008_hold.xml")).unwrap();
    let (status, a) = common::http(server.addr, "POST", "/v1/screen/payment", &xml);
    assert_eq!(status, 200, "{a}");
    let a: Value = serde_json::from_str(&a).unwrap();
    assert_eq!(a["decision"], "hold");
    assert!(
        a["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["path"] == "CdtTrfTxInf[2]/RmtInf/Ustrd" && h["ref"] == "QDe.118"),
        "{a}"
    );
    let mt = std::fs::read_to_string(fixture("mt202cov.txt")).unwrap();
    let (status, a) = call(
        server.addr,
        "POST",
        "/v1/screen/payment",
        json!({"message": mt}),
    );
    assert_eq!(
        (status, a["format"].clone()),
        (200, json!("MT202COV")),
        "{a}"
    );
    // A high threshold lets it pass.
    let (status, a) = call(
        server.addr,
        "POST",
        "/v1/screen/payment?threshold=1",
        json!({"message": std::fs::read_to_string(fixture("pacs008_clean.xml")).unwrap()}),
    );
    assert_eq!((status, a["decision"].clone()), (200, json!("pass")), "{a}");
    // Not a message, two messages, a bad option: 422 with FastAPI's list of errors.
    let (status, a) = call(
        server.addr,
        "POST",
        "/v1/screen/payment",
        json!({"message": "hello"}),
    );
    assert_eq!(status, 422, "{a}");
    assert!(
        a["detail"][0]["msg"]
            .as_str()
            .unwrap()
            .contains("not a payment message"),
        "{a}"
    );
    let two = std::fs::read_to_string(fixture("messages.jsonl")).unwrap();
    let (status, _) = common::http(server.addr, "POST", "/v1/screen/payment", &two);
    assert_eq!(status, 422);
    let (status, _) = call(
        server.addr,
        "POST",
        "/v1/screen/payment?threshold=3",
        json!({"message": mt}),
    );
    assert_eq!(status, 422);
}

#[test]
fn a_payment_to_a_company_blocked_by_ownership_is_held_with_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let message = dir.path().join("mt103_owned.txt");
    // The fixture ends its lines with CR LF, as SWIFT does.
    let text = std::fs::read_to_string(fixture("mt103_hold.txt"))
        .unwrap()
        .replace("\r\n", "\n")
        .replace("1/ZAKI UR REHMAN\n1/LAKHVI", "1/BETA FIXTURE TRADING LLC")
        .replace(
            "PAYMENT FOR HUMANITARIAN SUPPLIES\nVIA FALAH-I-INSANIAT FOUNDATION",
            "INVOICE 2231",
        );
    std::fs::write(&message, text).unwrap();
    let ownership = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../interdict-lists/tests/fixtures/ftm_ownership.json");
    let o = interdict(&[
        "payments",
        "--list",
        ownership.to_str().unwrap(),
        "--format",
        "jsonl",
        message.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["decision"], "hold", "{v}");
    let hit = common::element(&v["hits"], "entity_id", "opensanctions:OW-beta");
    assert_eq!(hit["connections"]["designated"], false);
    assert_eq!(hit["connections"]["ownership"]["share"], 55.0);
}
