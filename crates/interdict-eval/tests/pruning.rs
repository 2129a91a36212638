//! The search's retrieval may judge the names that one posting alone reaches before gathering
//! them (as it does when a query's postings are many), score the names with the highest
//! bounds first, and ask ahead for the names its bound reads: on the real lists none of that
//! changes a result. Listed names, the same with a letter dropped, with their dates of birth and
//! nationalities, and non-listed people, are searched both ways. Skipped (with a message) when
//! the reference data is not present.

use interdict_match::{Index, Query, SearchOptions};
use interdict_model::{Entity, Schema};

/// Every `step`-th listed entry's first name as a query, as written and with its fourth
/// letter dropped, with the entry's own dates of birth and nationalities.
fn listed_queries(entities: &[Entity], step: usize) -> Vec<Query> {
    let mut queries = Vec::new();
    for e in entities.iter().step_by(step) {
        let Some(name) = e.names.first() else {
            continue;
        };
        let typo: String = name
            .full
            .chars()
            .enumerate()
            .filter(|&(i, _)| i != 3)
            .map(|(_, c)| c)
            .collect();
        for text in [name.full.clone(), typo] {
            let mut q = Query::name(text);
            if e.schema == Schema::Person {
                q.birth_dates = e.birth_dates.clone();
                q.countries = e.nationalities.iter().filter_map(|c| c.code).collect();
            }
            queries.push(q);
        }
    }
    queries
}

/// A result's entity, matched name and score, and the other lists' entries listed with it.
type Found = (String, String, u32, Vec<(String, u32)>);

/// Each query's results at most `limit` of them, for comparing two runs.
fn results(index: &Index, queries: &[Query], limit: usize) -> Vec<Vec<Found>> {
    let options = SearchOptions {
        limit,
        ..SearchOptions::default()
    };
    let score = |s: f32| (s * 1e5).round() as u32;
    queries
        .iter()
        .map(|q| {
            index
                .search(q, &options)
                .into_iter()
                .map(|h| {
                    let also = h
                        .also_listed
                        .iter()
                        .map(|a| (a.entity.id.clone(), score(a.score)))
                        .collect();
                    (
                        h.entity.id.clone(),
                        h.matched_name.to_string(),
                        score(h.score),
                        also,
                    )
                })
                .collect()
        })
        .collect()
}

/// The reference lists' entities, with every `step`-th listed entry's queries
/// ([`listed_queries`]) and the first `people` non-listed people as queries; `None` (after a
/// message) without the reference data.
fn reference_queries(step: usize, people: usize) -> Option<(Vec<Entity>, Vec<Query>)> {
    let negatives =
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv")?;
    let entities = interdict_eval::reference_entities()?;
    let mut queries = listed_queries(&entities, step);
    let negatives = interdict_eval::yente_negatives(&negatives).expect("negatives");
    queries.extend(negatives.into_iter().take(people));
    Some((entities, queries))
}

/// Asserts that each query found the same results both ways (`when` says how the first way
/// differs), and that the second found more than one result per `per` queries, so that the
/// comparison is not of empty lists.
fn assert_same_results(
    queries: &[Query],
    (a, b): (&[Vec<Found>], &[Vec<Found>]),
    per: usize,
    when: &str,
) {
    let found: usize = b.iter().map(Vec::len).sum();
    assert!(
        found > queries.len() / per,
        "the queries find {found} results"
    );
    for ((q, a), b) in queries.iter().zip(a).zip(b) {
        assert_eq!(a, b, "{:?} finds other results {when}", q.name);
    }
}

/// Asserts that on the real lists a search finds the same whether `from` sets one of the
/// index's thresholds to 0 (always) or `usize::MAX` (never); `when` says what 0 does.
fn assert_either_way_the_same(from: impl Fn(&mut Index, usize), when: &str) {
    let Some((entities, queries)) = reference_queries(40, 300) else {
        return;
    };
    let mut index = Index::build(entities);
    from(&mut index, 0);
    let always = results(&index, &queries, 20);
    from(&mut index, usize::MAX);
    let never = results(&index, &queries, 20);
    assert_same_results(&queries, (&always, &never), 2, when);
}

#[test]
fn judging_names_reached_alone_changes_no_result_on_the_real_lists() {
    assert_either_way_the_same(Index::judge_alone_from, "when judged");
}

/// When many names pass the bound, a search scores those with the highest bounds first and
/// leaves out the names that cannot reach the last result it returns: on the real lists, and
/// on a list of twenty thousand entities made from them, crowded with their common words,
/// that changes no result at any limit.
#[test]
fn scoring_the_highest_bounds_first_changes_no_result() {
    let Some((entities, queries)) = reference_queries(60, 400) else {
        return;
    };
    let scaled = interdict_eval::scaled::scaled_list(&entities, 20_000, 7);
    for mut index in [Index::build(entities), Index::build(scaled)] {
        for limit in [1, 5, 20] {
            index.probe_from(usize::MAX);
            let all = results(&index, &queries, limit);
            index.probe_from(0);
            let probed = results(&index, &queries, limit);
            let when = format!("at limit {limit}");
            assert_same_results(&queries, (&probed, &all), 10, &when);
        }
    }
}

/// Where the listed names outgrow the caches, the bound asks ahead for the names its
/// candidates' shapes say it will read, and works out once per candidate whether initials or
/// abbreviations may pair it: on the real lists, asked ahead for as a million entities are,
/// that changes no result.
#[test]
fn asking_ahead_for_the_names_the_bound_reads_changes_no_result() {
    assert_either_way_the_same(Index::ask_ahead_from, "when asked ahead");
}
