//! The searches of the scale bench's first pass at a million entities, run so that a simulator
//! can count their instructions and cache misses (`bench/instructions.sh`): figures that, unlike
//! timings on a shared machine, are the same run after run, so that a change of a few per cent
//! shows.
//!
//! `instructions build SNAPSHOT [ENTITIES]` writes the index of a scaled list (a million
//! entities unless given; `lists` for the UN, OFAC and UK lists themselves) as a snapshot; `instructions run SNAPSHOT [QUERIES]` reads it back
//! memory-mapped, says `ready` on standard error (and, with `INSTRUCTIONS_WAIT=SECONDS`, waits
//! that long, so that the simulator can be switched on after the load), then searches the first
//! QUERIES (default 500) non-listed people of the yente screening benchmark once each and prints
//! their work per query and a digest of their results, equal between two builds that find the
//! same. Reads the reference data (`../shared` or `INTERDICT_REFERENCE`). Built with the
//! `stage-times` feature, it also says how long a search spent per stage.

use interdict_match::{take_search_counts, Index, SearchOptions};
use std::process::ExitCode;

/// The allocator of the `interdict` binary, so that the figures are what it gives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> Result<usize, String> {
        args.get(i).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("expected a number, got {v:?}"))
        })
    };
    let done = match (args.first().map(String::as_str), args.get(1)) {
        (Some("build"), Some(path)) if args.get(2).is_some_and(|a| a == "lists") => {
            build(path, None)
        }
        (Some("build"), Some(path)) => number(2, 1_000_000).and_then(|n| build(path, Some(n))),
        (Some("run"), Some(path)) => number(2, 500).and_then(|n| run(path, n)),
        _ => Err(
            "usage: instructions build SNAPSHOT [ENTITIES | lists] | run SNAPSHOT [QUERIES]".into(),
        ),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("instructions: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to `path` the index of a list of `entities` scaled from the reference lists (as the
/// scale bench makes it), or of the reference lists themselves (UN + OFAC + UK) without.
fn build(path: &str, entities: Option<usize>) -> Result<(), String> {
    let base = interdict_eval::reference_entities()
        .ok_or("the reference lists are not here (../shared or INTERDICT_REFERENCE)")?;
    let listed = match entities {
        Some(n) => interdict_eval::scaled::scaled_list(&base, n, 7),
        None => base,
    };
    let index = Index::build(listed);
    let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
    index
        .write_snapshot(&mut std::io::BufWriter::new(file))
        .map_err(|e| format!("{path}: {e}"))
}

/// This thread's processor time so far, user and system, in clock ticks (hundredths of a
/// second on Linux; 0 where `/proc` does not say).
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces) and its closing parenthesis.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum()
}

/// Searches the first `queries` yente negatives once each against the snapshot at `path`.
fn run(path: &str, queries: usize) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    // SAFETY: the snapshot is not changed while mapped.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| format!("{path}: {e}"))?;
    let index = Index::read_snapshot(std::sync::Arc::new(map))?;
    let negatives =
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv")
            .ok_or("the yente negatives are not here (../shared or INTERDICT_REFERENCE)")?;
    let all = interdict_eval::yente_negatives(&negatives)?;
    let queries = &all[..queries.min(all.len())];
    eprintln!("ready");
    if let Some(secs) = std::env::var("INSTRUCTIONS_WAIT")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
    let options = SearchOptions::default();
    take_search_counts();
    interdict_match::take_stage_times();
    let (started, cpu) = (std::time::Instant::now(), cpu_ticks());
    let (mut matches, mut digest) = (0usize, 0u64);
    for q in queries {
        for hit in index.search(q, &options) {
            matches += usize::from(hit.is_match);
            let score = (f64::from(hit.score) * 1e6).round() as u64;
            digest = digest.wrapping_mul(31).wrapping_add(score);
        }
    }
    // Natively, what the searches took (under callgrind it means nothing), and of it the
    // processor time (steadier on a shared machine, in hundredths of a second).
    eprintln!(
        "searched in {:.0} ms, {} ms of processor time",
        started.elapsed().as_secs_f64() * 1e3,
        cpu_ticks().saturating_sub(cpu) * 10
    );
    if let Some(times) = interdict_match::take_stage_times() {
        for (stage, micros) in times.per_search(queries.len()) {
            eprintln!("{micros:9.1} µs per search: {stage}");
        }
    }
    let work: Vec<String> = take_search_counts()
        .per_search()
        .iter()
        .map(|(stage, n)| format!("{n:.1} {stage}"))
        .collect();
    println!(
        "{} queries, {matches} matches, results digest {digest:016x}; per query: {}",
        queries.len(),
        work.join(", ")
    );
    Ok(())
}
