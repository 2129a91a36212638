//! A closed-loop HTTP load generator for the yente-style match endpoint: `--clients` threads,
//! each with its own keep-alive connection, send one person query at a time (common South
//! Asian and Arabic names with a date of birth and nationality) for `--seconds`, and the
//! latencies of all answers are reported as percentiles.
//!
//! `http-load --url http://127.0.0.1:8000/match/default [--clients 8] [--seconds 10]`
//!
//! Client and server on the same machine share its cores: say so with the figures.

use std::io::Read;
use std::time::{Duration, Instant};

/// Given names common in Pakistan, Afghanistan and the Arab world, as customers write them.
const GIVEN: &[&str] = &[
    "Muhammad",
    "Mohammad",
    "Mohammed",
    "Ahmed",
    "Ahmad",
    "Ali",
    "Hassan",
    "Hussain",
    "Abdul",
    "Abdullah",
    "Omar",
    "Umar",
    "Usman",
    "Bilal",
    "Imran",
    "Tariq",
    "Khalid",
    "Rashid",
    "Hafiz",
    "Syed",
    "Abdul Rahman",
    "Abdul Qadir",
    "Muhammad Ali",
    "Fatima",
    "Ayesha",
    "Zainab",
    "Maryam",
    "Khadija",
    "Yusuf",
    "Ibrahim",
    "Ismail",
    "Mustafa",
    "Saeed",
    "Zahid",
];

/// Family names and nisbas common in the same populations.
const FAMILY: &[&str] = &[
    "Khan",
    "Ahmed",
    "Ali",
    "Hussain",
    "Shah",
    "Malik",
    "Qureshi",
    "Chaudhry",
    "Butt",
    "Iqbal",
    "Akhtar",
    "Raza",
    "Abbas",
    "Haider",
    "Siddiqui",
    "Sheikh",
    "Mirza",
    "Baig",
    "Rehman",
    "Saeed",
    "Anwar",
    "Bibi",
    "Begum",
    "Al-Hashimi",
    "Al-Masri",
    "Haqqani",
    "Yousafzai",
    "Afridi",
    "Durrani",
    "Popal",
    "Noorzai",
    "Achakzai",
    "Kakar",
    "Mehsud",
];

const NATIONALITIES: &[&str] = &["pk", "af", "sa", "ae", "eg", "ye", "sy", "iq"];

/// Options from the command line.
struct Options {
    url: String,
    clients: usize,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        url: String::new(),
        clients: 8,
        seconds: 10,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--url" => o.url = value("--url")?,
            "--clients" => {
                o.clients = value("--clients")?
                    .parse()
                    .map_err(|_| "--clients takes a number")?
            }
            "--seconds" => {
                o.seconds = value("--seconds")?
                    .parse()
                    .map_err(|_| "--seconds takes a number")?
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if o.url.is_empty() {
        return Err("usage: http-load --url URL [--clients N] [--seconds S]".into());
    }
    Ok(o)
}

/// The `i`th query: a name of one to three given names and a family name, a year of birth
/// and a nationality, as a yente match body.
fn query(i: usize) -> String {
    let pick = |list: &[&'static str], k: usize| list[(i.wrapping_mul(k) ^ (i >> 3)) % list.len()];
    let name = format!("{} {}", pick(GIVEN, 7919), pick(FAMILY, 104_729));
    let year = 1950 + (i * 31) % 50;
    serde_json::json!({
        "queries": {"q": {"schema": "Person", "properties": {
            "name": [name],
            "birthDate": [format!("{year}")],
            "nationality": [pick(NATIONALITIES, 13)],
        }}}
    })
    .to_string()
}

/// An agent keeping its connection alive between requests.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Sends one query and reads its whole answer into `body`.
fn send(agent: &ureq::Agent, url: &str, query: &str, body: &mut String) -> Result<(), String> {
    let mut answer = agent
        .post(url)
        .header("content-type", "application/json")
        .send(query)
        .map_err(|e| format!("{url}: {e}"))?;
    body.clear();
    answer
        .body_mut()
        .as_reader()
        .read_to_string(body)
        .map_err(|e| format!("{url}: reading the answer: {e}"))?;
    Ok(())
}

/// One client's loop: queries `first`, `first + step`, ... until `until`, returning each
/// answer's latency.
fn client(url: &str, first: usize, step: usize, until: Instant) -> Result<Vec<Duration>, String> {
    let agent = agent();
    let mut latencies = Vec::new();
    let mut i = first;
    let mut body = String::new();
    while Instant::now() < until {
        let q = query(i);
        let t = Instant::now();
        send(&agent, url, &q, &mut body)?;
        latencies.push(t.elapsed());
        i += step;
    }
    Ok(latencies)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("http-load: {e}");
            std::process::exit(2);
        }
    };
    // One request first, so that a server that is not there fails at once.
    if let Err(e) = send(&agent(), &o.url, &query(0), &mut String::new()) {
        eprintln!("http-load: {e}");
        std::process::exit(1);
    }
    let until = Instant::now() + Duration::from_secs(o.seconds);
    let started = Instant::now();
    let results: Vec<Result<Vec<Duration>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..o.clients)
            .map(|c| {
                let url = o.url.as_str();
                s.spawn(move || client(url, c, o.clients, until))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a client failed".into())))
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = Vec::new();
    for r in results {
        match r {
            Ok(l) => all.extend(l),
            Err(e) => {
                eprintln!("http-load: {e}");
                std::process::exit(1);
            }
        }
    }
    all.sort();
    let at = |p: f64| {
        let i = ((all.len() as f64 * p).ceil() as usize).clamp(1, all.len().max(1)) - 1;
        all.get(i).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "{} clients, {} requests in {:.1} s ({:.0}/s): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        o.clients,
        all.len(),
        elapsed,
        all.len() as f64 / elapsed,
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0)
    );
}
