//! Re-screening the book: what to screen, screening it, and planning the alerts.
//!
//! 1. **Customers**: those registered or changed since they were last screened (all of them in
//!    a full rescreen) are screened against the whole of the active lists.
//! 2. **Lists**: listed entities added or changed since the book was last screened are searched
//!    against the book's own index; the customers found are screened again, keeping only hits
//!    on those entities. Either way a pair is scored the same: customer as query, listed entity
//!    as candidate, through the lists' index.
//! 3. **Plan**: a hit raises an alert on a new pair, refreshes a live one whose result changed,
//!    stays suppressed under a false-positive decision while neither side changed, and re-raises
//!    the pair (with the earlier decision beside it) once one did. Live alerts on listed entities
//!    that were removed, or are no longer in the lists at all, close as `closed-delisted`.
//! 4. **Write**: everything in one transaction, with its audit entries, so that a run killed
//!    half-way leaves nothing behind and the next run does it all again.

use crate::alert::{Alert, AlertHit, AlertState};
use crate::book::BookIndex;
use crate::customer::{entity_fingerprint, StoredCustomer};
use crate::store::{AlertOp, MonitorStore, RescreenWrite};
use crate::Result;
use interdict_match::{Hit, Index, SearchOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Most alerts one customer can raise in one run.
pub const MONITOR_LIMIT: usize = 50;

/// What changed in one list source since the book was last screened against it: listed entity
/// ids (as in the index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListChange {
    /// The source.
    pub source: String,
    /// Entities that are new.
    pub added: Vec<String>,
    /// Entities whose content changed.
    pub changed: Vec<String>,
    /// Entities no longer listed.
    pub removed: Vec<String>,
}

/// What to rescreen against.
pub struct RescreenRequest<'a> {
    /// The index of the active lists.
    pub lists: &'a Index,
    /// The active version of each source, now.
    pub versions: BTreeMap<String, String>,
    /// What changed in the lists since the book was last screened.
    pub changes: Vec<ListChange>,
    /// Screen every customer against everything, not only what changed.
    pub full: bool,
    /// Score from which a pair raises an alert.
    pub threshold: f32,
    /// Where the book's own index is kept.
    pub book_dir: &'a Path,
}

/// What a rescreen did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RescreenSummary {
    /// `delta` or `full`.
    pub kind: String,
    /// Score from which a pair raised an alert.
    pub threshold: f64,
    /// Customers screened against the whole of the lists.
    pub customers_screened: usize,
    /// Customers screened again because a listed entity near them changed.
    pub candidates_screened: usize,
    /// Listed entities added or changed, and removed.
    pub entities_changed: usize,
    /// Listed entities removed.
    pub entities_removed: usize,
    /// Alerts raised.
    pub raised: usize,
    /// Their ids.
    #[serde(skip)]
    pub raised_ids: Vec<i64>,
    /// Live alerts refreshed.
    pub refreshed: usize,
    /// Alerts closed as `closed-delisted`.
    pub closed: usize,
    /// Pairs kept quiet by a false-positive decision on an unchanged pair.
    pub suppressed: usize,
}

/// A hit of a customer as an alert keeps it.
fn alert_hit(h: &Hit<'_>, c: &StoredCustomer) -> AlertHit {
    let p = &h.entity.provenance;
    AlertHit {
        list: p.list.clone(),
        list_version: p.list_version.clone(),
        entity_id: h.entity.id.clone(),
        reference: p.reference.clone(),
        caption: h.entity.caption.clone(),
        matched_name: h.matched_name.to_string(),
        score: interdict_match::report::round_score(h.score),
        explanation: serde_json::to_value(&h.explanation).unwrap_or_default(),
        fingerprint: entity_fingerprint(h.entity),
        customer_fingerprint: c.record.screened_fingerprint(),
    }
}

/// A customer screened against the lists: its hits at or above the threshold (only those on
/// `only`'s entities, or on entities listed with them, when given).
fn screen(
    lists: &Index,
    c: &StoredCustomer,
    threshold: f32,
    only: Option<&HashSet<String>>,
) -> Vec<AlertHit> {
    let options = SearchOptions {
        threshold,
        limit: MONITOR_LIMIT,
        min_score: threshold,
    };
    let wanted = |h: &Hit<'_>| match only {
        None => true,
        Some(o) => {
            o.contains(&h.entity.id) || h.also_listed.iter().any(|a| o.contains(&a.entity.id))
        }
    };
    lists
        .search(&c.record.query, &options)
        .iter()
        .filter(|h| h.is_match && wanted(h))
        .map(|h| alert_hit(h, c))
        .collect()
}

/// Whether a pair's new result differs from what its alert shows in a way worth recording.
fn changed(a: &Alert, c: &StoredCustomer, hit: &AlertHit) -> bool {
    a.customer_version != c.version
        || a.hit.fingerprint != hit.fingerprint
        || a.hit.score != hit.score
        || a.hit.matched_name != hit.matched_name
}

/// The plan for one pair screened at or above the threshold.
enum PairPlan {
    Op(Box<AlertOp>),
    Suppressed,
    Unchanged,
}

fn plan_pair(latest: Option<&Alert>, c: &StoredCustomer, hit: AlertHit) -> PairPlan {
    let raise = |earlier: Option<i64>, hit: AlertHit| {
        PairPlan::Op(Box::new(AlertOp::Raise {
            customer_id: c.record.id.clone(),
            customer_version: c.version,
            hit,
            earlier,
        }))
    };
    match latest {
        None => raise(None, hit),
        Some(a) if a.state.is_active() => {
            if changed(a, c, &hit) {
                PairPlan::Op(Box::new(AlertOp::Refresh {
                    alert_id: a.alert_id,
                    customer_version: c.version,
                    hit,
                }))
            } else {
                PairPlan::Unchanged
            }
        }
        Some(a) if a.state == AlertState::FalsePositive => {
            if a.hit.customer_fingerprint != hit.customer_fingerprint
                || a.hit.fingerprint != hit.fingerprint
            {
                raise(Some(a.alert_id), hit)
            } else {
                PairPlan::Suppressed
            }
        }
        Some(a) => raise(Some(a.alert_id), hit),
    }
}

/// The customers a delta run screens again for the lists' sake: those the book's index finds
/// near an added or changed entity, less those screened in full anyway.
fn candidates(
    store: &dyn MonitorStore,
    req: &RescreenRequest<'_>,
    changed_entities: &HashSet<String>,
    screened_in_full: &HashSet<String>,
) -> Result<Vec<StoredCustomer>> {
    if changed_entities.is_empty() {
        return Ok(Vec::new());
    }
    let positions: HashMap<&str, usize> = (0..req.lists.entity_count())
        .map(|i| (req.lists.entity_id(i), i))
        .collect();
    let entities: Vec<&interdict_model::Entity> = changed_entities
        .iter()
        .filter_map(|id| positions.get(id.as_str()))
        .map(|&i| req.lists.entity(i))
        .collect();
    let ids = BookIndex::new(req.book_dir, store).candidates(&entities)?;
    let ids: Vec<String> = ids
        .into_iter()
        .filter(|id| !screened_in_full.contains(id))
        .collect();
    store.customers(&ids)
}

/// Re-screens the book: only what changed, or everything with `full`; idempotent.
pub fn rescreen(store: &mut dyn MonitorStore, req: RescreenRequest<'_>) -> Result<RescreenSummary> {
    let mut customers = Vec::new();
    store.for_each_customer(!req.full, &mut |c| {
        customers.push(c);
        Ok(())
    })?;
    let in_full: HashSet<String> = customers.iter().map(|c| c.record.id.clone()).collect();
    let changed_entities: HashSet<String> = req
        .changes
        .iter()
        .flat_map(|c| c.added.iter().chain(&c.changed).cloned())
        .collect();
    let removed: HashSet<String> = req
        .changes
        .iter()
        .flat_map(|c| c.removed.iter().cloned())
        .collect();
    let again = if req.full {
        Vec::new()
    } else {
        candidates(store, &req, &changed_entities, &in_full)?
    };

    let screened: Vec<(&StoredCustomer, Vec<AlertHit>)> = customers
        .par_iter()
        .map(|c| (c, screen(req.lists, c, req.threshold, None)))
        .chain(again.par_iter().map(|c| {
            (
                c,
                screen(req.lists, c, req.threshold, Some(&changed_entities)),
            )
        }))
        .collect();

    let latest: HashMap<(String, String), Alert> = store
        .latest_alerts()?
        .into_iter()
        .map(|a| ((a.customer_id.clone(), a.hit.entity_id.clone()), a))
        .collect();
    let mut summary = RescreenSummary {
        kind: if req.full { "full" } else { "delta" }.into(),
        threshold: interdict_match::report::round_score(req.threshold),
        customers_screened: customers.len(),
        candidates_screened: again.len(),
        entities_changed: changed_entities.len(),
        entities_removed: removed.len(),
        ..RescreenSummary::default()
    };
    let mut ops = Vec::new();
    for (c, hits) in screened {
        for hit in hits {
            let key = (c.record.id.clone(), hit.entity_id.clone());
            match plan_pair(latest.get(&key), c, hit) {
                PairPlan::Op(op) => ops.push(*op),
                PairPlan::Suppressed => summary.suppressed += 1,
                PairPlan::Unchanged => {}
            }
        }
    }
    // Live alerts whose listed entity left the lists.
    let listed: HashSet<&str> = if req.full {
        (0..req.lists.entity_count())
            .map(|i| req.lists.entity_id(i))
            .collect()
    } else {
        HashSet::new()
    };
    for a in latest.values().filter(|a| a.state.is_active()) {
        let gone = removed.contains(&a.hit.entity_id)
            || (req.full && !listed.contains(a.hit.entity_id.as_str()));
        if gone {
            ops.push(AlertOp::Close {
                alert_id: a.alert_id,
                state: AlertState::ClosedDelisted,
            });
        }
    }
    summary.raised = ops
        .iter()
        .filter(|o| matches!(o, AlertOp::Raise { .. }))
        .count();
    summary.refreshed = ops
        .iter()
        .filter(|o| matches!(o, AlertOp::Refresh { .. }))
        .count();
    summary.closed = ops
        .iter()
        .filter(|o| matches!(o, AlertOp::Close { .. }))
        .count();
    let write = RescreenWrite {
        kind: summary.kind.clone(),
        lists: req.versions.clone(),
        threshold: req.threshold,
        ops,
        screened: customers
            .iter()
            .map(|c| (c.record.id.clone(), c.version))
            .collect(),
        summary: serde_json::to_value(&summary).unwrap_or_default(),
    };
    summary.raised_ids = store.apply(write)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerRecord;
    use interdict_match::Query;

    fn customer(name: &str, version: i64) -> StoredCustomer {
        StoredCustomer {
            record: CustomerRecord {
                id: "c1".into(),
                query: Query::name(name),
                fields: Default::default(),
            },
            version,
            screened_version: version - 1,
        }
    }

    fn hit(c: &StoredCustomer, entity_fingerprint: &str, score: f64) -> AlertHit {
        AlertHit {
            list: "un-sc".into(),
            list_version: "2025-12-09".into(),
            entity_id: "un-sc:1".into(),
            reference: "QDi.1".into(),
            caption: "X".into(),
            matched_name: "X".into(),
            score,
            explanation: serde_json::Value::Null,
            fingerprint: entity_fingerprint.into(),
            customer_fingerprint: c.record.screened_fingerprint(),
        }
    }

    fn alert(state: AlertState, h: AlertHit, customer_version: i64) -> Alert {
        Alert {
            alert_id: 7,
            customer_id: "c1".into(),
            state,
            hit: h,
            customer_version,
            created_at: String::new(),
            updated_at: String::new(),
            decisions: Vec::new(),
            earlier: None,
        }
    }

    fn plan(latest: Option<&Alert>, c: &StoredCustomer, h: AlertHit) -> &'static str {
        match plan_pair(latest, c, h) {
            PairPlan::Op(op) => match *op {
                AlertOp::Raise { earlier: None, .. } => "raise",
                AlertOp::Raise {
                    earlier: Some(7), ..
                } => "raise again",
                AlertOp::Raise { .. } => "raise after another",
                AlertOp::Refresh { .. } => "refresh",
                AlertOp::Close { .. } => "close",
            },
            PairPlan::Suppressed => "quiet",
            PairPlan::Unchanged => "unchanged",
        }
    }

    #[test]
    fn each_pair_is_raised_refreshed_kept_quiet_or_raised_again() {
        let c = customer("Ali Khan", 1);
        assert_eq!(plan(None, &c, hit(&c, "e1", 0.9)), "raise");
        let open = alert(AlertState::Open, hit(&c, "e1", 0.9), 1);
        assert_eq!(plan(Some(&open), &c, hit(&c, "e1", 0.9)), "unchanged");
        assert_eq!(plan(Some(&open), &c, hit(&c, "e2", 0.9)), "refresh");
        assert_eq!(plan(Some(&open), &c, hit(&c, "e1", 0.95)), "refresh");

        let fp = alert(AlertState::FalsePositive, hit(&c, "e1", 0.9), 1);
        // Same sides: quiet, even at another score (the lists' word statistics moved).
        assert_eq!(plan(Some(&fp), &c, hit(&c, "e1", 0.92)), "quiet");
        // A new branch: the record's version moves, what is screened does not.
        let moved = customer("Ali Khan", 2);
        assert_eq!(plan(Some(&fp), &moved, hit(&moved, "e1", 0.9)), "quiet");
        // Either side changed what it is screened on: raised again.
        let renamed = customer("Ali Hassan Khan", 3);
        assert_eq!(
            plan(Some(&fp), &renamed, hit(&renamed, "e1", 0.9)),
            "raise again"
        );
        assert_eq!(plan(Some(&fp), &c, hit(&c, "e2", 0.9)), "raise again");

        let delisted = alert(AlertState::ClosedDelisted, hit(&c, "e1", 0.9), 1);
        assert_eq!(plan(Some(&delisted), &c, hit(&c, "e1", 0.9)), "raise again");
    }
}
