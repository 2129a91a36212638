//! Two `interdict serve` replicas, each with a data directory of its own, sharing one customer
//! book in a real PostgreSQL server (`--monitor-db`): what one registers and decides the other
//! sees, each alert reaches the webhook once, the list versions they use are agreed through
//! the database, and the commands read the same book from a third data directory.

mod common;

use common::{call, cli, eventually, receiver, sample, serve, Receiver};
use interdict_testdata::postgres::TestSchema;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// Runs `interdict --monitor-db URL` over the data directory `data`.
fn shared(data: &Path, url: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--monitor-db", url];
    all.extend_from_slice(args);
    cli(data, &all)
}

fn lists_version(addr: std::net::SocketAddr) -> Value {
    call(addr, "GET", "/v1/lists", Value::Null).1["lists"][0]["version"].clone()
}

#[test]
fn replicas_share_customers_alerts_decisions_and_list_versions() {
    let Some(db) = TestSchema::create("replicas") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (a_data, b_data) = (dir.path().join("a"), dir.path().join("b"));
    for data in [&a_data, &b_data] {
        shared(
            data,
            &db.url,
            &["lists", "import", sample().to_str().unwrap()],
        );
    }
    let Receiver {
        addr: hook, taken, ..
    } = receiver(0);
    let hook = format!("http://{hook}/alerts");
    let with_db = ["--monitor-db", db.url.as_str(), "--webhook", hook.as_str()];
    let a = serve(&with_db, &a_data);
    let b = serve(&with_db, &b_data);

    // Registered on one, seen and decided on the other, the decision seen on the first.
    let (status, put) = call(
        a.addr,
        "PUT",
        "/v1/monitor/customers/c1",
        json!({"name": "Hafiz Muhammad Saeed", "country": "PK"}),
    );
    assert_eq!(status, 200, "{put}");
    let id = put["alerts"][0]["alert_id"].as_i64().unwrap();
    let (_, seen) = call(b.addr, "GET", "/v1/monitor/alerts?state=open", Value::Null);
    assert_eq!(seen["alerts"][0]["alert_id"], id, "{seen}");
    let (status, decided) = call(
        b.addr,
        "POST",
        &format!("/v1/monitor/alerts/{id}/decision"),
        json!({"as": "escalated", "reason": "same father's name", "by": "ana"}),
    );
    assert_eq!(status, 200, "{decided}");
    let (_, again) = call(a.addr, "GET", "/v1/monitor/alerts?customer=c1", Value::Null);
    assert_eq!(again["alerts"][0]["state"], "escalated", "{again}");
    assert_eq!(again["alerts"][0]["decisions"][0]["by"], "ana");

    // A newer list imported beside replica b is agreed through the database; replica a does not
    // have it, so it refuses to screen rather than screen against older lists.
    let newer = dir.path().join("un_newer.xml");
    let text = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(&newer, text.replace("2025-04-19T", "2025-05-02T")).unwrap();
    shared(
        &b_data,
        &db.url,
        &["lists", "import", newer.to_str().unwrap()],
    );
    let (status, refused) = call(
        a.addr,
        "PUT",
        "/v1/monitor/customers/c2",
        json!({"name": "Zaki-ur-Rehman Lakhvi"}),
    );
    assert_eq!(status, 503, "{refused}");
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("un-sc 2025-05-02"),
        "{refused}"
    );
    // Once replica a has the file, it follows.
    cli(&a_data, &["lists", "import", newer.to_str().unwrap()]);
    let (status, put) = call(
        a.addr,
        "PUT",
        "/v1/monitor/customers/c2",
        json!({"name": "Zaki-ur-Rehman Lakhvi"}),
    );
    assert_eq!(status, 200, "{put}");
    assert_eq!(put["alerts"][0]["ref"], "QDi.264", "{put}");
    assert_eq!(lists_version(a.addr), "2025-05-02");

    // Going back to the older version on one replica takes the other back too.
    shared(
        &b_data,
        &db.url,
        &["lists", "activate", "un-sc", "2025-04-19"],
    );
    let (status, _) = call(a.addr, "POST", "/v1/reload", Value::Null);
    assert_eq!(status, 200);
    assert_eq!(lists_version(a.addr), "2025-04-19");

    // Each alert reached the webhook once, though both replicas deliver to it.
    eventually("delivery of both alerts", || {
        taken.lock().unwrap().len() >= 2
    });
    std::thread::sleep(Duration::from_secs(3));
    let delivered: Vec<i64> = taken
        .lock()
        .unwrap()
        .iter()
        .map(|a| a["alert_id"].as_i64().unwrap())
        .collect();
    assert_eq!(delivered.len(), 2, "{delivered:?}");
    assert_eq!(delivered[0], id);

    // The commands read the same book from a data directory of their own.
    let c_data = dir.path().join("c");
    let status = shared(&c_data, &db.url, &["monitor", "status", "--json"]);
    let status: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["customers"], 2, "{status}");
    let verify = shared(&c_data, &db.url, &["audit", "verify"]);
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("the chain is whole"),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let exported = dir.path().join("audit.jsonl");
    shared(
        &c_data,
        &db.url,
        &["audit", "export", "--output", exported.to_str().unwrap()],
    );
    let kinds = std::fs::read_to_string(&exported).unwrap();
    assert!(kinds.contains("\"lists-agreed\""), "{kinds}");
    assert!(kinds.contains("\"decision\""));
}
