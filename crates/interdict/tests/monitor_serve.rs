//! Monitoring over HTTP with `interdict serve`: customers registered and screened, alerts
//! listed and decided, bad requests refused with nothing changed, and each new alert sent to a
//! webhook on the loopback interface, retried until it is taken, including alerts raised by
//! another process.

mod common;

use common::{http, sample, serve};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn cli(data: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn call(addr: SocketAddr, method: &str, path: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let (status, answer) = http(addr, method, path, &text);
    let value = serde_json::from_str(&answer).unwrap_or(Value::String(answer));
    (status, value)
}

/// A webhook receiver on the loopback interface.
struct Receiver {
    addr: SocketAddr,
    /// The bodies it took.
    taken: Arc<Mutex<Vec<Value>>>,
    /// How many requests it refused.
    refused: Arc<Mutex<usize>>,
}

/// A webhook receiver that answers 500 to its first `failures` requests, then 200.
fn receiver(failures: usize) -> Receiver {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let taken = Arc::new(Mutex::new(Vec::new()));
    let refused = Arc::new(Mutex::new(0));
    let (t, r) = (taken.clone(), refused.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut refused = r.lock().unwrap();
            let status = if *refused < failures {
                *refused += 1;
                "500 Internal Server Error"
            } else {
                t.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&body).unwrap_or(Value::Null));
                "200 OK"
            };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    Receiver {
        addr,
        taken,
        refused,
    }
}

/// Waits until `check` holds, for up to 30 seconds.
fn eventually(what: &str, check: impl Fn() -> bool) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not happen within 30 seconds");
}

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
