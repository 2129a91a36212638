//! `interdict serve` as a process on a real socket: slow clients cannot hold the server, a
//! hostile query cannot stall it, and it is not ready on the sample.

mod common;

use common::{http, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Starts `interdict serve --sample` on a free port with short time limits, once it answers.
fn serve(timeout_ms: u64) -> Server {
    let empty = std::env::temp_dir().join("interdict-serve-test-none");
    let timeout = timeout_ms.to_string();
    common::serve(
        &[
            "--sample",
            "--header-timeout-ms",
            "300",
            "--timeout-ms",
            &timeout,
        ],
        &empty,
    )
}

#[test]
fn slow_clients_are_disconnected_and_others_served() {
    let server = serve(2000);
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            s.write_all(b"GET /heal").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(900));
    for s in &mut slow {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 64];
        match s.read(&mut buf) {
            Ok(_) => {}
            Err(e) => assert!(
                !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
                "the server still holds a connection whose headers never came"
            ),
        }
        // The server has hung up: writing the rest gets no answer.
        let _ = s.write_all(b"thz HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
        assert!(
            !String::from_utf8_lossy(&rest).contains("200 OK"),
            "a slow client's request is not served"
        );
    }
    assert_eq!(http(server.addr, "GET", "/healthz", "").0, 200);
    // Not ready on the sample.
    let (status, body) = http(server.addr, "GET", "/readyz", "");
    assert_eq!(status, 503, "{body}");
}

#[test]
fn a_hostile_query_neither_stalls_the_server_nor_outlives_its_time_limit() {
    let server = serve(2000);
    let word = "a".repeat(400_000);
    let body = format!(
        r#"{{"queries": {{"q": {{"schema": "Person", "properties": {{"name": ["Hafiz {word}"]}}}}}}}}"#
    );
    let addr = server.addr;
    let hostile = std::thread::spawn(move || {
        let started = Instant::now();
        let (status, _) = http(addr, "POST", "/match/default", &body);
        (status, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(20));
    let started = Instant::now();
    assert_eq!(http(addr, "GET", "/healthz", "").0, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
    let (status, took) = hostile.join().unwrap();
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(5), "took {took:?}");

    assert_eq!(http(addr, "GET", "/healthz", "").0, 200);
}

#[test]
fn the_time_limit_ends_the_work_not_only_the_wait() {
    let server = serve(1);
    let names: Vec<String> = (0..20_000).map(|i| format!("\"Name{i} Khan\"")).collect();
    let body = format!(
        r#"{{"queries": {{"q": {{"schema": "Person", "properties": {{"name": [{}]}}}}}}}}"#,
        names.join(",")
    );
    let (status, answer) = http(server.addr, "POST", "/match/default", &body);
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("longer than 1 ms"), "{answer}");
    let text = "Lashkar e Tayyiba and Hafiz Saeed.\n".repeat(50_000);
    let body = serde_json::json!({ "text": text }).to_string();
    let (status, answer) = http(server.addr, "POST", "/v1/scan", &body);
    assert_eq!(status, 503, "{answer}");
}
