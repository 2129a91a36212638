//! Batch screening at scale, in one run: index build time for the UN, OFAC and UK lists, names
//! per second per core on the 50,000 non-listed people of the yente screening benchmark (with
//! date of birth and nationality) and how that time spreads over the queries, peak memory;
//! then the same against scaled lists of 10 thousand, 100 thousand and a million entities
//! derived from them, so that cost growth with list size is visible, and against each the same
//! queries stated as people's (schema Person), as a screening of customers states them.
//!
//! `cargo bench -p interdict-eval --bench scale` (`SCALE_MAX` caps the largest scaled list,
//! default 1000000; `SCALE_SIZES` the sizes, comma-separated, default 10000,100000,1000000;
//! `SCALE_QUERIES` the queries timed against each, default 5000; `SCALE_SLOWEST=N` prints the
//! N slowest queries of each first pass by name). Each first pass also reports its work per
//! query, stage by stage ([`interdict_match::SearchCounts`]), which does not move with the
//! machine's load as timings do, and with interdict-eval's `stage-times` feature
//! (`--features stage-times`) the microseconds per search each stage took. Reads the
//! reference data (`../shared` or `INTERDICT_REFERENCE`); skips with a message without it.

use interdict_eval::scaled::scaled_list;
use interdict_match::{
    take_search_counts, take_stage_times, Index, Query, SearchCounts, SearchOptions, StageTimes,
};
use interdict_model::{Entity, Schema};
use std::time::Instant;

/// The allocator of the `interdict` binary, so that the figures are what it gives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// A memory figure of this process's `/proc/self/status` (`field` with its colon), in MB.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// How the time of a pass spreads over its queries: the median, the 90th and 99th percentile
/// of one query's time, and the share of the whole the slowest tenth of queries take.
struct Spread {
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    slowest_tenth: f64,
}

impl Spread {
    /// The spread of these per-query times, in seconds.
    fn of(mut secs: Vec<f64>) -> Spread {
        secs.sort_by(|a, b| b.total_cmp(a));
        let n = secs.len().max(1);
        let at = |share: f64| {
            secs.get((n as f64 * share) as usize)
                .copied()
                .unwrap_or(0.0)
                * 1e3
        };
        let total: f64 = secs.iter().sum();
        let tenth: f64 = secs.iter().take(n.div_ceil(10)).sum();
        Spread {
            p50_ms: at(0.5),
            p90_ms: at(0.1),
            p99_ms: at(0.01),
            slowest_tenth: if total > 0.0 { tenth / total } else { 0.0 },
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "per query {:.2} ms median, {:.2} ms p90, {:.1} ms p99; the slowest tenth take {:.0}% of the time",
            self.p50_ms,
            self.p90_ms,
            self.p99_ms,
            self.slowest_tenth * 100.0
        )
    }
}

/// Names per second on one core: the first pass over a freshly built index (each thread's
/// memory of query words starts empty, as in a nightly batch), with how its time spreads over
/// the queries and the work it did, and the best of two more.
fn throughput(index: &Index, queries: &[Query]) -> (f64, f64, usize, Spread, FirstPassWork) {
    let options = SearchOptions::default();
    take_search_counts();
    take_stage_times();
    let mut each = Vec::with_capacity(queries.len());
    let mut each_work = Vec::with_capacity(queries.len());
    let t = Instant::now();
    let matches: usize = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            let matches = index
                .search(q, &options)
                .iter()
                .filter(|h| h.is_match)
                .count();
            each.push(t.elapsed().as_secs_f64());
            each_work.push(take_search_counts());
            matches
        })
        .sum();
    let first = t.elapsed().as_secs_f64();
    let mut work = FirstPassWork {
        counts: SearchCounts::default(),
        times: take_stage_times(),
        searches: queries.len(),
    };
    for w in &each_work {
        work.counts += *w;
    }
    let mut best = f64::MAX;
    for _ in 0..2 {
        let t = Instant::now();
        for q in queries {
            std::hint::black_box(index.search(q, &options));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let n = queries.len() as f64;
    print_slowest(queries, &each, &each_work);
    (n / first, n / best, matches, Spread::of(each), work)
}

/// What a first pass did, stage by stage: its work, and in a build with the `stage-times`
/// feature the time each stage took.
struct FirstPassWork {
    counts: SearchCounts,
    times: Option<StageTimes>,
    searches: usize,
}

impl FirstPassWork {
    /// Prints the work per query (figures that do not move with the machine's load) and, where
    /// they were taken, the microseconds per search of each stage, each line after `label`.
    fn print(&self, label: &str) {
        let stages: Vec<String> = self
            .counts
            .per_search()
            .iter()
            .map(|(stage, n)| format!("{n:.1} {stage}"))
            .collect();
        println!("{label}, first pass, work per query: {}", stages.join(", "));
        if let Some(times) = &self.times {
            let stages: Vec<String> = times
                .per_search(self.searches)
                .iter()
                .map(|(stage, micros)| format!("{micros:.1} {stage}"))
                .collect();
            println!(
                "{label}, first pass, microseconds per search: {}",
                stages.join(", ")
            );
        }
    }
}

/// With `SCALE_SLOWEST=N`, the N slowest queries of a first pass by name, with their times
/// and work: the names whose words reach the most of the lists.
fn print_slowest(queries: &[Query], secs: &[f64], work: &[SearchCounts]) {
    let n: usize = std::env::var("SCALE_SLOWEST")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if n == 0 {
        return;
    }
    let mut order: Vec<usize> = (0..secs.len()).collect();
    order.sort_by(|&a, &b| secs[b].total_cmp(&secs[a]));
    for &i in order.iter().take(n) {
        let w = &work[i];
        println!(
            "  slow: {:8.2} ms  {}  ({} postings, {} candidates, {} past the bound, {} aligned)",
            secs[i] * 1e3,
            queries[i].name,
            w.postings,
            w.candidates,
            w.past_the_bound,
            w.aligned
        );
    }
}

fn main() {
    let Some(negatives) =
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv")
    else {
        return;
    };
    let t = Instant::now();
    let Some(base) = interdict_eval::reference_entities() else {
        return;
    };
    let parse_s = t.elapsed().as_secs_f64();
    let queries = interdict_eval::yente_negatives(&negatives).expect("negatives");
    against_the_lists(&base, parse_s, &queries);
    against_scaled_lists(&base, &queries);
}

/// Build, throughput, snapshot load and memory against the UN, OFAC and UK lists themselves,
/// each against its target.
fn against_the_lists(base: &[Entity], parse_s: f64, queries: &[Query]) {
    let t = Instant::now();
    let index = Index::build(base.to_vec());
    let build_s = t.elapsed().as_secs_f64();
    let (first, rate, matches, spread, work) = throughput(&index, queries);
    let peak = peak_mb();
    println!(
        "UN + OFAC + UK: {} entities; parse {:.2} s, index build {:.2} s; {:.0} names/s on one core on a first pass, {:.0} again ({} negatives, {} false matches); peak memory {:.0} MB",
        index.entities().len(),
        parse_s,
        build_s,
        first,
        rate,
        queries.len(),
        matches,
        peak
    );
    println!("UN + OFAC + UK, first pass: {spread}");
    work.print("UN + OFAC + UK");
    // The first search finds a listed entry with links, as a server's first alert after
    // loading a list update does: what answering it needs (the links resolved) is timed too.
    let listed = base
        .iter()
        .filter(|e| !e.links.is_empty())
        .find_map(|e| e.names.first())
        .map_or_else(|| queries[0].clone(), |n| Query::name(&n.full));
    let snapshot_s = snapshot_round_trip(&index, &listed);
    let verdict = |met: bool| if met { "met" } else { "NOT MET" };
    println!("targets (UN + OFAC + UK):");
    println!(
        "  index build under 2 s: {build_s:.2} s, {}",
        verdict(build_s < 2.0)
    );
    println!(
        "  snapshot load under 100 ms: {:.0} ms, {}",
        snapshot_s * 1e3,
        verdict(snapshot_s < 0.1)
    );
    println!(
        "  at least 20,000 names/s per core (first pass): {first:.0}, {}",
        verdict(first >= 20_000.0)
    );
    println!(
        "  peak memory under 300 MB: {peak:.0} MB, {}",
        verdict(peak < 300.0)
    );
}

/// Writes `index`'s snapshot and reads it back as `interdict` reads it at start (the file
/// memory-mapped), then searches `query` once, and prints the figures and by how much that
/// first search grew the process's own memory; returns the load time in seconds.
fn snapshot_round_trip(index: &Index, query: &Query) -> f64 {
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    index
        .write_snapshot(&mut std::io::BufWriter::new(file.as_file_mut()))
        .expect("snapshot");
    let size = file.as_file().metadata().map_or(0, |m| m.len());
    let t = Instant::now();
    // SAFETY: the temporary file is not changed while mapped.
    let map = unsafe { memmap2::Mmap::map(file.as_file()) }.expect("map");
    let reread = Index::read_snapshot(std::sync::Arc::new(map)).expect("snapshot reads back");
    let snapshot_s = t.elapsed().as_secs_f64();
    let before = status_mb("RssAnon:");
    let t = Instant::now();
    let hits = reread.search(query, &SearchOptions::default()).len();
    let first_s = t.elapsed().as_secs_f64();
    println!(
        "UN + OFAC + UK: index snapshot {:.0} MB, loaded in {:.0} ms (memory-mapped), first search (\"{}\") then {:.1} ms ({hits} results, {:+.0} MB of memory)",
        size as f64 / 1e6,
        snapshot_s * 1e3,
        query.name,
        first_s * 1e3,
        status_mb("RssAnon:") - before
    );
    snapshot_s
}

/// Throughput against lists scaled from `base` to each size `SCALE_SIZES` names, up to
/// `SCALE_MAX`, with the first `SCALE_QUERIES` of `queries`.
fn against_scaled_lists(base: &[Entity], queries: &[Query]) {
    let max: usize = std::env::var("SCALE_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let timed: usize = std::env::var("SCALE_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let sample = &queries[..timed.min(queries.len())];
    let sizes: Vec<usize> = std::env::var("SCALE_SIZES").map_or_else(
        |_| vec![10_000, 100_000, 1_000_000],
        |v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    for n in sizes.into_iter().filter(|&n| n <= max) {
        let t = Instant::now();
        let entities = scaled_list(base, n, 7);
        let gen_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let index = Index::build(entities);
        let build_s = t.elapsed().as_secs_f64();
        let (first, rate, matches, spread, work) = throughput(&index, sample);
        println!(
            "scaled {n:>9} entities: generated {gen_s:.1} s, index build {build_s:.1} s; {first:.0} names/s on one core on a first pass, {rate:.0} again ({} queries, {} matches); peak memory so far {:.0} MB",
            sample.len(),
            matches,
            peak_mb()
        );
        println!("scaled {n:>9} entities, first pass: {spread}");
        work.print(&format!("scaled {n:>9} entities"));
        let (first, rate) = as_people(&index, sample);
        println!(
            "scaled {n:>9} entities, the same queries as people (schema Person): {first:.0} names/s on one core on a first pass, {rate:.0} again"
        );
    }
}

/// Throughput of `queries` as people's (schema Person, as a screening of customers or the
/// yente benchmark's people states them), on a new thread so that the first pass starts with
/// nothing remembered, as [`throughput`]'s did.
fn as_people(index: &Index, queries: &[Query]) -> (f64, f64) {
    let people: Vec<Query> = queries
        .iter()
        .map(|q| Query {
            schema: Some(Schema::Person),
            ..q.clone()
        })
        .collect();
    std::thread::scope(|s| {
        let run = s.spawn(|| throughput(index, &people));
        let (first, rate, _, _, _) = run.join().expect("the people's pass ran");
        (first, rate)
    })
}
