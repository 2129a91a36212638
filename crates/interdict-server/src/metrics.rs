//! Request counts and latency histograms per route, written in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// Latencies of one route.
#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// What the server has answered.
#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, status) -> requests.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// route -> latencies.
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Lists loaded again since the start.
    pub reloads: AtomicU64,
}

impl Metrics {
    /// Records one answered request.
    pub fn record(&self, route: &str, status: u16, took: Duration) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((route.to_string(), status)).or_default() += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry(route.to_string()).or_default();
            let secs = took.as_secs_f64();
            for (i, b) in BUCKETS.iter().enumerate() {
                if secs <= *b {
                    h.counts[i] += 1;
                }
            }
            h.count += 1;
            h.sum += secs;
        }
    }

    /// The Prometheus text exposition, with the loaded list versions.
    pub fn render(&self, lists: &[(String, String, usize)]) -> String {
        let mut out = String::new();
        out.push_str("# HELP interdict_requests_total Requests answered, by route and status.\n");
        out.push_str("# TYPE interdict_requests_total counter\n");
        if let Ok(r) = self.requests.lock() {
            for ((route, status), n) in r.iter() {
                let _ = writeln!(
                    out,
                    "interdict_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP interdict_request_seconds Time to answer, by route.\n");
        out.push_str("# TYPE interdict_request_seconds histogram\n");
        if let Ok(l) = self.latency.lock() {
            for (route, h) in l.iter() {
                for (i, b) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "interdict_request_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {}",
                        h.counts[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "interdict_request_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "interdict_request_seconds_sum{{route=\"{route}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "interdict_request_seconds_count{{route=\"{route}\"}} {}",
                    h.count
                );
            }
        }
        out.push_str("# HELP interdict_list_entities Entries of each loaded list version.\n");
        out.push_str("# TYPE interdict_list_entities gauge\n");
        for (list, version, n) in lists {
            let _ = writeln!(
                out,
                "interdict_list_entities{{list=\"{list}\",version=\"{version}\"}} {n}"
            );
        }
        out.push_str("# HELP interdict_reloads_total Times the lists were loaded again.\n");
        out.push_str("# TYPE interdict_reloads_total counter\n");
        let _ = writeln!(
            out,
            "interdict_reloads_total {}",
            self.reloads.load(Ordering::Relaxed)
        );
        out
    }
}
