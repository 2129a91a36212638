//! The search's retrieval may judge the names that one posting alone reaches before gathering
//! them (as it does when a query's postings are many); on the real lists that changes no
//! result. Listed names, the same with a letter dropped, with their dates of birth and
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

/// Each result's entity, matched name and score, for comparing two runs.
fn results(index: &Index, queries: &[Query]) -> Vec<Vec<(String, String, u32)>> {
    let options = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    queries
        .iter()
        .map(|q| {
            index
                .search(q, &options)
                .into_iter()
                .map(|h| {
                    let score = (h.score * 1e5).round() as u32;
                    (h.entity.id.clone(), h.matched_name.to_string(), score)
                })
                .collect()
        })
        .collect()
}

#[test]
fn judging_names_reached_alone_changes_no_result_on_the_real_lists() {
    let Some(negatives) =
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv")
    else {
        return;
    };
    let Some(entities) = interdict_eval::reference_entities() else {
        return;
    };
    let mut queries = listed_queries(&entities, 40);
    let people = interdict_eval::yente_negatives(&negatives).expect("negatives");
    queries.extend(people.into_iter().take(300));
    let mut index = Index::build(entities);
    index.judge_alone_from(0);
    let judged = results(&index, &queries);
    index.judge_alone_from(usize::MAX);
    let gathered = results(&index, &queries);
    let found: usize = gathered.iter().map(Vec::len).sum();
    assert!(
        found > queries.len() / 2,
        "the queries find {found} results"
    );
    for ((q, a), b) in queries.iter().zip(&judged).zip(&gathered) {
        assert_eq!(a, b, "{:?} finds other results when judged", q.name);
    }
}
