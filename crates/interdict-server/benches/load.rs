//! Load test of the HTTP API on loopback: single-name `POST /match/default` at 1, 8 and 64
//! concurrent clients (keep-alive connections), reporting requests per second and p50/p99
//! latency; then 8 clients while the lists are reloaded every 200 ms, counting lost requests;
//! then person queries of ordinary Pakistani customers (common names, full date of birth and
//! nationality) at 1 and 8 clients, against the target of a p99 under 5 ms at 8 clients.
//! Clients and server share the machine's cores.
//!
//! `cargo bench -p interdict-server --bench load` (UN, OFAC and UK lists from the reference
//! data when present, else the built-in sample; `LOAD_SECONDS` sets each run's length).

use interdict_server::{router, state, Config, Loader, Snapshot};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The allocator of the `interdict` binary, whose `serve` this measures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load_lists() -> Snapshot {
    let files = [
        "un/un_consolidated_2025-04-19.xml",
        "ofac/legacy_csv_2021-07",
        "uk/ofsi_conlist_csv_2018-04-13.csv",
    ];
    let root = std::env::var_os("INTERDICT_REFERENCE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
        });
    let mut entities = Vec::new();
    let mut metas = Vec::new();
    for f in files {
        let path = root.join("data").join(f);
        match interdict_lists::load(&path) {
            Ok(lists) => {
                for l in lists {
                    metas.push(l.meta);
                    entities.extend(l.entities);
                }
            }
            Err(_) => {
                eprintln!(
                    "reference data not found at {}: using the built-in sample",
                    path.display()
                );
                let l = interdict_lists::parse_bytes(
                    "un_sample.xml",
                    include_bytes!("../../../examples/un_sample.xml"),
                )
                .expect("sample");
                return Snapshot::new(interdict_match::Index::build(l.entities), vec![l.meta]);
            }
        }
    }
    Snapshot::new(interdict_match::Index::build(entities), metas)
}

const NAMES: &[&str] = &[
    "Lashkar e Taiba",
    "Hafiz Mohammed Saeed",
    "John Smith",
    "Maria Garcia Lopez",
    "Jaamat-u-Dawa",
    "Ahmed Khan",
    "Vladimir Petrov",
    "Global Relief Foundation",
];

/// What the clients ask.
#[derive(Clone, Copy, PartialEq)]
enum Mix {
    /// The names of [`NAMES`], as any legal entity.
    Names,
    /// The people of [`common_people`], as persons.
    CommonPeople,
}

/// Bodies of person queries for ordinary Pakistani customers ("Muhammad Ali Khan", "Syed
/// Hussain Shah") with their full date of birth and nationality: the project's `crowded_pk`
/// set, or none without the reference data.
fn common_people() -> Vec<String> {
    let res = interdict_eval::sets::Resources::new(interdict_testdata::root());
    let set = match interdict_eval::sets::crowded::pakistan(&res, 2_000, 7) {
        Ok(set) => set,
        Err(e) => {
            println!("common names skipped: {e}");
            return Vec::new();
        }
    };
    let column = |name: &str| set.columns.iter().position(|c| *c == name).unwrap_or(0);
    let (name, dob, country) = (
        column("full_name"),
        column("date_of_birth"),
        column("nationality"),
    );
    set.rows
        .iter()
        .map(|r| {
            format!(
                r#"{{"queries":{{"q":{{"schema":"Person","properties":{{"name":["{}"],"birthDate":["{}"],"nationality":["{}"]}}}}}}}}"#,
                r[name], r[dob], r[country]
            )
        })
        .collect()
}

/// The `i`th query body of a mix.
fn query(mix: Mix, people: &[String], i: usize) -> String {
    match mix {
        Mix::Names => {
            let name = NAMES[i % NAMES.len()];
            format!(
                r#"{{"queries":{{"q":{{"schema":"LegalEntity","properties":{{"name":["{name}"]}}}}}}}}"#
            )
        }
        Mix::CommonPeople => people[i % people.len()].clone(),
    }
}

/// One keep-alive client: sends requests until `stop`, recording latencies in microseconds.
fn client(
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    failed: Arc<AtomicU64>,
    (mix, seed): (Mix, usize),
    people: Arc<Vec<String>>,
) -> Vec<u32> {
    let mut lat = Vec::new();
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).ok();
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut i = seed;
    while !stop.load(Ordering::Relaxed) {
        let body = query(mix, &people, i);
        i += 1;
        let request = format!(
            "POST /match/default HTTP/1.1\r\nHost: load\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let started = Instant::now();
        if stream.write_all(request.as_bytes()).is_err() {
            failed.fetch_add(1, Ordering::Relaxed);
            break;
        }
        let mut status = String::new();
        if reader.read_line(&mut status).is_err() || !status.contains(" 200 ") {
            failed.fetch_add(1, Ordering::Relaxed);
            break;
        }
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                break;
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some(v) = l.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            failed.fetch_add(1, Ordering::Relaxed);
            break;
        }
        lat.push(started.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
    }
    lat
}

/// Runs `clients` clients of `mix` for `seconds`, reloading the lists every 200 ms if `reload`;
/// prints the figures and returns the p99 in milliseconds.
fn run(
    addr: SocketAddr,
    (clients, mix): (usize, Mix),
    people: &Arc<Vec<String>>,
    seconds: f64,
    reload: bool,
) -> f64 {
    let stop = Arc::new(AtomicBool::new(false));
    let failed = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (stop, failed, people) = (stop.clone(), failed.clone(), people.clone());
            std::thread::spawn(move || client(addr, stop, failed, (mix, c), people))
        })
        .collect();
    let started = Instant::now();
    let mut reloads = 0;
    while started.elapsed().as_secs_f64() < seconds {
        std::thread::sleep(Duration::from_millis(200));
        if reload {
            let mut s = TcpStream::connect(addr).expect("connect");
            s.write_all(b"POST /v1/reload HTTP/1.1\r\nHost: load\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ok();
            let mut answer = String::new();
            s.read_to_string(&mut answer).ok();
            if answer.starts_with("HTTP/1.1 200") {
                reloads += 1;
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut lat: Vec<u32> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    println!(
        "{clients:>3} clients{}{}: {:>8.0} requests/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} requests, {} lost{})",
        if mix == Mix::CommonPeople { ", common names" } else { "" },
        if reload { " + reloads" } else { "" },
        lat.len() as f64 / elapsed,
        f64::from(pct(0.50)) / 1000.0,
        f64::from(pct(0.99)) / 1000.0,
        lat.len(),
        failed.load(Ordering::Relaxed),
        if reload { format!(", {reloads} reloads") } else { String::new() },
    );
    f64::from(pct(0.99)) / 1000.0
}

fn main() {
    let seconds: f64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let snapshot = load_lists();
    println!("lists: {}", interdict_server::describe(&snapshot));
    let loader: Loader = Arc::new(|| Ok(load_lists()));
    let app_state = state(Config::default(), snapshot, loader);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    runtime.spawn(async move {
        axum::serve(listener, router(app_state)).await.ok();
    });
    println!("server: 2 worker threads on {addr}; {seconds} s per run");
    let people = Arc::new(common_people());
    for clients in [1, 8, 64] {
        run(addr, (clients, Mix::Names), &people, seconds, false);
    }
    run(addr, (8, Mix::Names), &people, seconds.max(3.0), true);
    if people.is_empty() {
        return;
    }
    run(addr, (1, Mix::CommonPeople), &people, seconds, false);
    let p99 = run(addr, (8, Mix::CommonPeople), &people, seconds, false);
    println!(
        "target: p99 under 5 ms at 8 clients, common names: {p99:.2} ms, {}",
        if p99 < 5.0 { "met" } else { "NOT MET" }
    );
}
