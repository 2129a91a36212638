//! Where the searches of this thread spent their time, stage by stage: measured only in a
//! build with the `stage-times` feature (a clock read twice per stage), for finding which
//! stage to work on; without it every stage runs untimed and nothing is kept.

/// A stage of [`crate::Index::search`] that is timed. Retrieval's and scoring's own steps are
/// timed within them, so their times are part of their stage's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Tokenizing, rewriting and weighing the query's name.
    Prepare,
    /// Comparing the query's words with the vocabulary (remembered words aside).
    Reach,
    /// Following the similar vocabulary to the listed names' postings.
    Retrieve,
    /// Within retrieval: marking the names the words other than the busiest reach.
    MarkOthers,
    /// Within retrieval: reading the busiest word's postings against those marks.
    MeetBusiest,
    /// Within retrieval: gathering the candidates' edges (the busiest word's postings met, the
    /// other words' judged).
    Gather,
    /// Bounding, aligning and scoring the candidates.
    Score,
    /// Within scoring: the first bound of every candidate.
    Bound,
    /// Adding the entries of the query's identifiers and acronyms.
    Entries,
    /// Ranking and explaining the results.
    Finish,
}

/// How many stages there are.
const STAGES: usize = 10;

impl Stage {
    /// Every stage, in the order they are reported.
    const ALL: [Stage; STAGES] = [
        Stage::Prepare,
        Stage::Reach,
        Stage::Retrieve,
        Stage::MarkOthers,
        Stage::MeetBusiest,
        Stage::Gather,
        Stage::Score,
        Stage::Bound,
        Stage::Entries,
        Stage::Finish,
    ];

    /// How the stage is reported, its steps under their stage's name.
    fn label(self) -> &'static str {
        match self {
            Stage::Prepare => "preparing the query",
            Stage::Reach => "comparing words with the vocabulary",
            Stage::Retrieve => "retrieval",
            Stage::MarkOthers => "retrieval: marking the other words' names",
            Stage::MeetBusiest => "retrieval: the busiest word's postings",
            Stage::Gather => "retrieval: gathering the candidates' edges",
            Stage::Score => "bounding and scoring",
            Stage::Bound => "bounding and scoring: the first bound",
            Stage::Entries => "identifiers' and acronyms' entries",
            Stage::Finish => "ranking and explaining",
        }
    }
}

/// The time this thread's searches spent per stage since the times were last taken
/// ([`take_stage_times`]), in nanoseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTimes {
    nanos: [u64; STAGES],
}

impl StageTimes {
    /// Microseconds per search in each stage, for `searches` searches, in the order the stages
    /// run (a step after its stage, and counted in it).
    pub fn per_search(&self, searches: usize) -> Vec<(&'static str, f64)> {
        Stage::ALL
            .iter()
            .map(|&s| {
                let micros = self.nanos[s as usize] as f64 / 1e3;
                (s.label(), micros / searches.max(1) as f64)
            })
            .collect()
    }
}

#[cfg(feature = "stage-times")]
thread_local! {
    static TIMES: std::cell::Cell<StageTimes> = const {
        std::cell::Cell::new(StageTimes { nanos: [0; STAGES] })
    };
}

/// The times of this thread's searches since the last call, which starts them again at zero;
/// `None` in a build without the `stage-times` feature, which does not time them.
pub fn take_stage_times() -> Option<StageTimes> {
    #[cfg(feature = "stage-times")]
    {
        Some(TIMES.with(|t| t.take()))
    }
    #[cfg(not(feature = "stage-times"))]
    {
        None
    }
}

/// Runs `work`, adding the time it took to `stage`'s in a build with the `stage-times`
/// feature.
#[inline(always)]
pub(crate) fn timed<T>(stage: Stage, work: impl FnOnce() -> T) -> T {
    #[cfg(feature = "stage-times")]
    {
        let started = std::time::Instant::now();
        let out = work();
        let took = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        TIMES.with(|t| {
            let mut times = t.get();
            times.nanos[stage as usize] += took;
            t.set(times);
        });
        out
    }
    #[cfg(not(feature = "stage-times"))]
    {
        let _ = stage;
        work()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::entity;
    use crate::{Index, Query, SearchOptions};
    use interdict_model::Schema;

    #[test]
    fn searches_are_timed_per_stage_only_where_the_feature_asks() {
        let index = Index::build(vec![
            entity("QDi.263", Schema::Person, &["HAFIZ MUHAMMAD SAEED"]),
            entity("QDi.001", Schema::Person, &["MUHAMMAD ALI KHAN"]),
        ]);
        take_stage_times();
        index.search(
            &Query::name("Hafiz Mohammad Sayeed"),
            &SearchOptions::default(),
        );
        let times = take_stage_times();
        assert_eq!(times.is_some(), cfg!(feature = "stage-times"));
        let Some(times) = times else { return };
        let per = times.per_search(1);
        assert_eq!(per.len(), STAGES);
        let of = |label: &str| per.iter().find(|(l, _)| *l == label).map(|&(_, t)| t);
        for stage in [
            "comparing words with the vocabulary",
            "retrieval",
            "ranking and explaining",
        ] {
            assert!(of(stage).is_some_and(|t| t > 0.0), "{stage}: {per:?}");
        }
        let retrieval = of("retrieval").unwrap_or(0.0);
        let steps: f64 = per
            .iter()
            .filter(|(l, _)| l.starts_with("retrieval: "))
            .map(|&(_, t)| t)
            .sum();
        assert!(
            steps <= retrieval,
            "the steps are within their stage: {per:?}"
        );
        assert_eq!(take_stage_times(), Some(StageTimes::default()), "taken");
    }
}
