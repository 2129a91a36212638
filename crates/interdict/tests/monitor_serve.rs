//! Monitoring over HTTP with `interdict serve`: customers registered and screened, alerts
//! listed and decided, bad requests refused with nothing changed, and each new alert sent to a
//! webhook on the loopback interface, retried until it is taken, including alerts raised by
//! another process.

mod common;

use common::{call, cli, eventually, receiver, sample, serve, Receiver};
use serde_json::{json, Value};
use std::process::Command;

#[test]
fn customers_alerts_decisions_and_a_webhook_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    cli(&data, &["lists", "import", sample().to_str().unwrap()]);
    let Receiver {
        addr: hook,
        taken,
        refused,
    } = receiver(2);
    let server = serve(&["--webhook", &format!("http://{hook}/alerts")], &data);
    let addr = server.addr;

    // One customer, screened at once.
    let saeed =
        json!({"name": "Hafiz Muhammad Saeed", "dob": "1950", "country": "PK", "branch": "Lahore"});
    let (status, a) = call(addr, "PUT", "/v1/monitor/customers/c1", saeed.clone());
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["status"], "added");
    assert_eq!(a["alerts"].as_array().unwrap().len(), 1, "{a}");
    assert_eq!(a["alerts"][0]["ref"], "QDi.263");
    assert_eq!(a["alerts"][0]["customer_id"], "c1");
    let (_, a) = call(addr, "PUT", "/v1/monitor/customers/c1", saeed);
    assert_eq!(a["status"], "unchanged");
    assert_eq!(a["alerts"], json!([]));

    // Refused, and nothing registered.
    let (status, a) = call(
        addr,
        "PUT",
        "/v1/monitor/customers/c9",
        json!({"id": "c8", "name": "Ko Tae Hun"}),
    );
    assert_eq!(status, 422, "{a}");
    // A 422 is FastAPI's list of validation errors, as every 422 of the API.
    assert!(a["detail"][0]["msg"]
        .as_str()
        .unwrap()
        .contains("'c8' is not the id in the address 'c9'"));
    let (status, _) = call(
        addr,
        "PUT",
        "/v1/monitor/customers/c9",
        json!({"dob": "1960"}),
    );
    assert_eq!(status, 422);
    let (status, a) = call(
        addr,
        "POST",
        "/v1/monitor/customers",
        json!({"customers": [{"id": "c2", "name": "Zaki-ur-Rehman Lakhvi"}, {"name": "Ko Tae Hun"}]}),
    );
    assert_eq!(status, 422, "{a}");
    assert!(
        a["detail"][0]["msg"]
            .as_str()
            .unwrap()
            .contains("customers[1]: no customer id"),
        "{a}"
    );
    let (_, st) = call(addr, "GET", "/v1/monitor/status", Value::Null);
    assert_eq!(st["customers"], 1, "{st}");

    // A batch.
    let (status, a) = call(
        addr,
        "POST",
        "/v1/monitor/customers",
        json!({"customers": [
            {"id": "c2", "name": "Zaki-ur-Rehman Lakhvi"},
            {"id": "c3", "name": "Margaret Olsen", "dob": "31/02/1970"},
        ]}),
    );
    assert_eq!(status, 200, "{a}");
    assert_eq!(
        (a["added"].clone(), a["changed"].clone()),
        (json!(2), json!(0))
    );
    assert_eq!(a["alerts"][0]["ref"], "QDi.264", "{a}");
    assert_eq!(a["warnings"][0]["id"], "c3", "{a}");

    // Listed and filtered.
    let (_, all) = call(addr, "GET", "/v1/monitor/alerts?state=open", Value::Null);
    assert_eq!(all["total"], 2, "{all}");
    // Each alert carries its listed entry's links: Lakhvi's to the group he runs.
    let lakhvi = common::element(&all["alerts"], "ref", "QDi.264");
    assert!(
        lakhvi["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["ref"] == "QDe.118"),
        "{lakhvi}"
    );
    let (_, one) = call(addr, "GET", "/v1/monitor/alerts?customer=c2", Value::Null);
    assert_eq!(one["alerts"][0]["customer_id"], "c2");
    let (status, _) = call(addr, "GET", "/v1/monitor/alerts?state=cleared", Value::Null);
    assert_eq!(status, 422);
    let (status, _) = call(addr, "GET", "/v1/monitor/alerts?stat=open", Value::Null);
    assert_eq!(status, 422);

    // Decided.
    let first = all["alerts"][1]["alert_id"].as_i64().unwrap();
    let decision = json!({"as": "false-positive", "reason": "born 1985", "by": "ana"});
    let (status, a) = call(
        addr,
        "POST",
        &format!("/v1/monitor/alerts/{first}/decision"),
        decision.clone(),
    );
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["state"], "false-positive");
    assert_eq!(a["decisions"][0]["by"], "ana");
    let (status, _) = call(
        addr,
        "POST",
        "/v1/monitor/alerts/999/decision",
        decision.clone(),
    );
    assert_eq!(status, 404);
    let (status, _) = call(
        addr,
        "POST",
        &format!("/v1/monitor/alerts/{first}/decision"),
        json!({"as": "cleared", "reason": "x", "by": "ana"}),
    );
    assert_eq!(status, 422);
    let (status, _) = call(
        addr,
        "POST",
        &format!("/v1/monitor/alerts/{first}/decision"),
        json!({"as": "escalated", "reason": "x", "by": "ana", "note": "y"}),
    );
    assert_eq!(status, 422);

    // Removed: its alert closes and cannot be decided.
    let (status, a) = call(addr, "DELETE", "/v1/monitor/customers/c2", Value::Null);
    assert_eq!((status, a["alerts_closed"].clone()), (200, json!(1)), "{a}");
    let second = all["alerts"][0]["alert_id"].as_i64().unwrap();
    let (status, _) = call(
        addr,
        "POST",
        &format!("/v1/monitor/alerts/{second}/decision"),
        decision,
    );
    assert_eq!(status, 409);
    let (status, _) = call(addr, "DELETE", "/v1/monitor/customers/nobody", Value::Null);
    assert_eq!(status, 404);

    // The webhook took both alerts, in order, after refusing twice.
    eventually("delivery of two alerts", || {
        taken.lock().unwrap().len() >= 2
    });
    assert_eq!(*refused.lock().unwrap(), 2);
    let got: Vec<i64> = taken
        .lock()
        .unwrap()
        .iter()
        .map(|a| a["alert_id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, vec![first, second]);
    assert_eq!(taken.lock().unwrap()[0]["ref"], "QDi.263");

    // An alert raised by another process reaches the webhook too.
    let file = dir.path().join("more.csv");
    std::fs::write(&file, "id,name\nc4,Ko Tae Hun\n").unwrap();
    cli(
        &data,
        &["monitor", "add", "--input", file.to_str().unwrap()],
    );
    eventually("delivery of the third alert", || {
        taken.lock().unwrap().len() >= 3
    });
    assert_eq!(taken.lock().unwrap()[2]["customer_id"], "c4");

    // A list version imported beside the server is loaded before the next registration.
    let newer = dir.path().join("un_newer.xml");
    let text = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(&newer, text.replace("2025-04-19T", "2025-05-02T")).unwrap();
    cli(&data, &["lists", "import", newer.to_str().unwrap()]);
    let (status, _) = call(
        addr,
        "PUT",
        "/v1/monitor/customers/c5",
        json!({"name": "Jon Moss"}),
    );
    assert_eq!(status, 200);
    let (_, lists) = call(addr, "GET", "/v1/lists", Value::Null);
    assert_eq!(lists["lists"][0]["version"], "2025-05-02", "{lists}");
    let (_, st) = call(addr, "GET", "/v1/monitor/status", Value::Null);
    assert_eq!(st["lists"]["un-sc"], "2025-05-02", "{st}");

    let (_, v) = call(addr, "GET", "/v1/audit/verify", Value::Null);
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn monitoring_needs_the_data_directory_lists() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(&["--sample"], dir.path());
    let (status, a) = call(server.addr, "GET", "/v1/monitor/alerts", Value::Null);
    assert_eq!(status, 404, "{a}");
    assert!(a["detail"]
        .as_str()
        .unwrap()
        .contains("monitoring is not enabled"));
    let o = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["serve", "--sample", "--webhook", "http://127.0.0.1:9/x"])
        .env("INTERDICT_DATA", dir.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--webhook needs the lists imported"));
}
