//! Matching names against listed entities: the candidate index and the scorer.
//!
//! [`Index::build`] indexes a set of entities once; [`Index::search`] screens a [`Query`] (a
//! name with optional schema, dates of birth, countries, identifiers and gender) and returns
//! scored [`Hit`]s, each with an [`Explanation`] of the word pairs, the attributes and their
//! effect on the score. [`compare`] scores two names against each other without an index.
//!
//! [`Index::scanner`] finds listed names in running text ([`scan`]).
//!
//! Scores are between 0 and 1; a result is a match when its score reaches the threshold
//! ([`DEFAULT_THRESHOLD`] unless set). See [`score`] for how a score is formed.

mod align;
mod bound;
mod build;
mod counts;
mod entities;
pub mod evidence;
pub mod explain;
mod ids;
mod index;
mod keys;
pub mod network;
mod prefetch;
mod prepare;
mod query;
pub mod report;
pub mod scan;
pub mod score;
mod snapshot;
mod stage_times;
#[cfg(test)]
mod test_support;

pub use align::PairRule;
pub use counts::{take_search_counts, SearchCounts};
pub use entities::SnapshotBytes;
pub use explain::{AttributeExplanation, Explanation, NameExplanation, PairExplanation};
pub use index::{AlsoListed, Hit, Index, SearchOptions};
pub use network::{Connections, Linked, Network, NetworkNode, OwnershipBlock};
pub use prepare::{NameToken, PreparedName};
pub use query::Query;
pub use scan::{Mention, MentionKind, ScanOptions, Scanner};
pub use score::DEFAULT_THRESHOLD;
pub use stage_times::{take_stage_times, StageTimes};

use interdict_model::{NameKind, Schema};

/// The result of comparing two names directly.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Name score, 0..=1.
    pub score: f32,
    /// Why.
    pub explanation: NameExplanation,
}

/// Compares two names as names of the given kind of party (person if `None` or `LegalEntity`,
/// unless a legal form shows an organisation). Without list statistics every word counts by
/// its class alone.
pub fn compare(a: &str, b: &str, schema: Option<Schema>) -> Comparison {
    let org = match schema {
        Some(s) if s != Schema::LegalEntity => s.is_organization(),
        _ => Query::name(a).is_organization() || Query::name(b).is_organization(),
    };
    let pa = PreparedName::new(a, org, |_, c| c.prior_weight(org));
    let pb = PreparedName::new(b, org, |_, c| c.prior_weight(org));
    let mut edges = align::direct_edges(&pa, &pb);
    let al = align::align(&pa.tokens, &pb.tokens, &mut edges, !org);
    let ns = score::name_score(&al, NameKind::Primary, org, !org);
    Comparison {
        score: ns.score,
        explanation: explain::name_explanation(
            a,
            &pa.tokens,
            b,
            &pb.tokens,
            NameKind::Primary,
            &al,
            &ns,
        ),
    }
}
