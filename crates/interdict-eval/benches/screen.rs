//! Screening throughput on one core: the 50,000 synthetic non-listed people of the yente
//! screening benchmark against the UN consolidated list, with their dates of birth and
//! nationalities. Prints index build time and names per second.
//!
//! Run with `cargo bench -p interdict-eval --bench screen`. Reads the shared reference data
//! (`../shared` beside the checkout, or `INTERDICT_REFERENCE`); skips with a message
//! when it is not there.

use interdict_match::{Index, Query, SearchOptions};
use std::time::Instant;

/// The allocator of the `interdict` binary, so that the figures are what it gives.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (Some(list), Some(negatives)) = (
        interdict_testdata::data("un/un_consolidated_2025-04-19.xml"),
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv"),
    ) else {
        return;
    };
    let t = Instant::now();
    let parsed = interdict_lists::load(&list).expect("UN list").remove(0);
    let parse_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let index = Index::build(parsed.entities);
    let build_ms = t.elapsed().as_secs_f64() * 1e3;

    let queries = interdict_eval::yente_negatives(&negatives).expect("negatives");
    let names_only: Vec<Query> = queries
        .iter()
        .map(|q| Query::name(q.name.clone()))
        .collect();
    let options = SearchOptions::default();

    for (label, set) in [
        ("with DOB and nationality", &queries),
        ("names only", &names_only),
    ] {
        // One warm-up pass, then the best of three timed passes.
        let mut matches = 0;
        for q in set.iter() {
            matches += index
                .search(q, &options)
                .iter()
                .filter(|h| h.is_match)
                .count();
        }
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            for q in set.iter() {
                std::hint::black_box(index.search(q, &options));
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "screen {} negatives ({label}) against UN ({} entities, {} names): {:.0} names/s on one core, {:.1} µs/name, {} false matches",
            set.len(),
            index.entities().len(),
            index.name_count(),
            set.len() as f64 / best,
            best / set.len() as f64 * 1e6,
            matches
        );
    }
    println!(
        "parse UN XML: {parse_ms:.0} ms; build index: {build_ms:.0} ms ({} keys)",
        index.key_count()
    );
}
