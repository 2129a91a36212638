//! What the searches of this thread did, counted stage by stage: figures for benchmarks that
//! do not move with the machine's load, as timings on a shared machine do.

use std::cell::Cell;

/// Work done by the searches of one thread since the counts were last taken
/// ([`take_search_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchCounts {
    /// Searches run.
    pub searches: u64,
    /// Query words, and runs of words read as one, compared with the vocabulary (those met
    /// before on this thread are remembered, not compared again).
    pub words_compared: u64,
    /// Postings of the vocabulary the query's words resemble, read by retrieval.
    pub postings: u64,
    /// Candidate names retrieval gathered for the bound.
    pub candidates: u64,
    /// Candidates whose bound may reach the floor.
    pub past_the_bound: u64,
    /// Entries read for their own dates of birth and countries.
    pub entries_read: u64,
    /// Names aligned and scored.
    pub aligned: u64,
}

thread_local! {
    static COUNTS: Cell<SearchCounts> = const { Cell::new(SearchCounts {
        searches: 0,
        words_compared: 0,
        postings: 0,
        candidates: 0,
        past_the_bound: 0,
        entries_read: 0,
        aligned: 0,
    }) };
}

/// The counts of this thread's searches since the last call, which starts them again at zero.
pub fn take_search_counts() -> SearchCounts {
    COUNTS.with(|c| c.take())
}

/// Adds to this thread's counts (a few additions per search stage, not per posting).
pub(crate) fn count(add: impl FnOnce(&mut SearchCounts)) {
    COUNTS.with(|c| {
        let mut counts = c.get();
        add(&mut counts);
        c.set(counts);
    });
}

impl std::ops::AddAssign for SearchCounts {
    fn add_assign(&mut self, other: SearchCounts) {
        self.searches += other.searches;
        self.words_compared += other.words_compared;
        self.postings += other.postings;
        self.candidates += other.candidates;
        self.past_the_bound += other.past_the_bound;
        self.entries_read += other.entries_read;
        self.aligned += other.aligned;
    }
}

impl SearchCounts {
    /// Each count divided by the searches, for a figure per search (zeros without any).
    pub fn per_search(&self) -> [(&'static str, f64); 6] {
        let per = |n: u64| n as f64 / self.searches.max(1) as f64;
        [
            (
                "words compared with the vocabulary",
                per(self.words_compared),
            ),
            ("postings read", per(self.postings)),
            ("candidates", per(self.candidates)),
            ("past the bound", per(self.past_the_bound)),
            ("entries read", per(self.entries_read)),
            ("names aligned", per(self.aligned)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::entity;
    use crate::{Index, Query, SearchOptions};
    use interdict_model::Schema;

    #[test]
    fn searches_count_their_work_per_thread_until_taken() {
        let index = Index::build(vec![
            entity("QDi.263", Schema::Person, &["HAFIZ MUHAMMAD SAEED"]),
            entity("QDi.001", Schema::Person, &["MUHAMMAD ALI KHAN"]),
        ]);
        take_search_counts();
        let query = Query::name("Hafiz Mohammad Sayeed");
        index.search(&query, &SearchOptions::default());
        let first = take_search_counts();
        assert_eq!(first.searches, 1);
        assert!(first.words_compared >= 3, "each word at least: {first:?}");
        assert!(first.postings >= 3 && first.candidates >= 1, "{first:?}");
        assert!(
            first.aligned >= 1 && first.aligned <= first.past_the_bound,
            "{first:?}"
        );
        assert_eq!(
            first.entries_read, 0,
            "a name alone reads no entry: {first:?}"
        );
        // The words are remembered: the same search again compares none.
        index.search(&query, &SearchOptions::default());
        let again = take_search_counts();
        assert_eq!(again.words_compared, 0, "{again:?}");
        assert_eq!((again.searches, again.aligned), (1, first.aligned));
        assert_eq!(take_search_counts(), SearchCounts::default());
        let mut both = first;
        both += again;
        assert_eq!((both.searches, both.aligned), (2, 2 * first.aligned));
        let per = first.per_search();
        assert_eq!(per[1], ("postings read", first.postings as f64));
    }
}
