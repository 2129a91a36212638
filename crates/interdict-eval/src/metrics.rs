//! Recall, false-positive rate and precision of a labelled screening run, per threshold, with
//! the misses and false alarms behind the figures.
//!
//! A labelled row either names the entry it should find (`expected`, one or more references:
//! any of them counts) or names none (it should not match anything). Only the best result of a
//! row counts, as it is the one an analyst sees first:
//!
//! * a row with an expected entry is **found** at threshold `t` when its best result is that
//!   entry and scores at least `t`; otherwise it is a **miss**;
//! * a row without one is a **false alarm** at `t` when any result scores at least `t`;
//! * a row with an expected entry whose best result is another entry scoring at least `t` is a
//!   false alarm too (a wrong entry alerted), besides being a miss.
//!
//! Recall is found / rows with an expected entry; the false-positive rate is false alarms among
//! rows without one / those rows; precision is correct alerts / all alerts.

use serde::Serialize;
use std::collections::BTreeMap;

/// The thresholds every report covers.
pub const THRESHOLDS: [f32; 10] = [0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95];

/// One result of a labelled row, as the report shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Found {
    /// The list.
    pub list: String,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The entry's caption.
    pub caption: String,
    /// The listed name that matched.
    pub matched_name: String,
    /// The score.
    #[serde(serialize_with = "interdict_match::report::rounded")]
    pub score: f32,
    /// Whether this is (one of) the expected entries.
    pub correct: bool,
    /// Why it scored what it did, in one line.
    pub why: String,
    /// The full explanation, for JSON output.
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub explanation: serde_json::Value,
}

/// What screening one labelled row gave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    /// 0-based data row.
    pub row: usize,
    /// The name screened.
    pub name: String,
    /// The references it should find; empty when it should find nothing.
    pub expected: Vec<String>,
    /// The row's group (a `variant` column), for figures per kind of row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The best result.
    pub top: Option<Found>,
    /// The best result that is an expected entry, when it is not the top one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_result: Option<Found>,
}

impl Outcome {
    /// Whether the row should find something.
    pub fn is_positive(&self) -> bool {
        !self.expected.is_empty()
    }

    /// Found at threshold `t`.
    pub fn found(&self, t: f32) -> bool {
        self.top.as_ref().is_some_and(|f| f.correct && f.score >= t)
    }

    /// Alerted at `t` (any result at or above it).
    pub fn alerted(&self, t: f32) -> bool {
        self.top.as_ref().is_some_and(|f| f.score >= t)
    }

    /// A wrong entry alerted at `t`.
    pub fn false_alarm(&self, t: f32) -> bool {
        self.top
            .as_ref()
            .is_some_and(|f| !f.correct && f.score >= t)
    }
}

/// Whether any of a result's identifiers is one of the expected references. References are
/// compared without regard to case or surrounding space; a result's identifiers are its list
/// reference, its entity id and `list:reference`, for itself and the same target on other lists.
pub fn is_expected(expected: &[String], identifiers: &[String]) -> bool {
    expected.iter().any(|e| {
        let e = e.trim();
        identifiers.iter().any(|i| i.trim().eq_ignore_ascii_case(e))
    })
}

/// The figures at one threshold.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AtThreshold {
    /// The threshold.
    #[serde(serialize_with = "interdict_match::report::rounded")]
    pub threshold: f32,
    /// Rows with an expected entry found.
    pub found: usize,
    /// Rows with an expected entry not found.
    pub missed: usize,
    /// Rows that should match nothing but alerted.
    pub false_alarms: usize,
    /// Rows with an expected entry whose best alert is a wrong entry.
    pub wrong_entry: usize,
    /// found / rows with an expected entry (1 when there are none).
    pub recall: f64,
    /// false alarms / rows that should match nothing (0 when there are none).
    pub false_positive_rate: f64,
    /// correct alerts / all alerts (1 when there are no alerts).
    pub precision: f64,
}

/// Figures for one group of rows at the chosen threshold.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupFigures {
    /// The group.
    pub group: String,
    /// Rows with an expected entry.
    pub positives: usize,
    /// Rows that should match nothing.
    pub negatives: usize,
    /// Recall at the threshold.
    pub recall: f64,
    /// False-positive rate at the threshold.
    pub false_positive_rate: f64,
}

/// A whole evaluation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// Rows screened.
    pub rows: usize,
    /// Rows with an expected entry.
    pub positives: usize,
    /// Rows that should match nothing.
    pub negatives: usize,
    /// The threshold the listings and group figures are for.
    #[serde(serialize_with = "interdict_match::report::rounded")]
    pub threshold: f32,
    /// Figures at each of [`THRESHOLDS`] (and the chosen threshold, if it is not one of them).
    pub thresholds: Vec<AtThreshold>,
    /// Figures per group, at the chosen threshold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupFigures>,
    /// Rows with an expected entry not found at the chosen threshold.
    pub misses: Vec<Outcome>,
    /// Rows that alerted on a wrong entry (or on anything, when they should match nothing).
    pub false_alarms: Vec<Outcome>,
}

fn ratio(n: usize, d: usize, empty: f64) -> f64 {
    if d == 0 {
        empty
    } else {
        n as f64 / d as f64
    }
}

/// Figures at one threshold.
pub fn at_threshold(outcomes: &[Outcome], t: f32) -> AtThreshold {
    let (mut found, mut missed, mut false_alarms, mut wrong_entry, mut alerts) = (0, 0, 0, 0, 0);
    for o in outcomes {
        alerts += usize::from(o.alerted(t));
        if o.is_positive() {
            if o.found(t) {
                found += 1;
            } else {
                missed += 1;
            }
            wrong_entry += usize::from(o.false_alarm(t));
        } else {
            false_alarms += usize::from(o.alerted(t));
        }
    }
    let negatives = outcomes.iter().filter(|o| !o.is_positive()).count();
    AtThreshold {
        threshold: t,
        found,
        missed,
        false_alarms,
        wrong_entry,
        recall: ratio(found, found + missed, 1.0),
        false_positive_rate: ratio(false_alarms, negatives, 0.0),
        precision: ratio(found, alerts, 1.0),
    }
}

impl Report {
    /// Computes the report; `threshold` selects the misses, false alarms and group figures.
    pub fn new(outcomes: Vec<Outcome>, threshold: f32) -> Report {
        let mut ts: Vec<f32> = THRESHOLDS.to_vec();
        if !ts.iter().any(|t| (t - threshold).abs() < 1e-6) {
            ts.push(threshold);
            ts.sort_by(f32::total_cmp);
        }
        let thresholds = ts.iter().map(|&t| at_threshold(&outcomes, t)).collect();
        let mut by_group: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
        for o in &outcomes {
            if let Some(g) = &o.group {
                by_group.entry(g).or_default().push(o);
            }
        }
        let groups = by_group
            .into_iter()
            .map(|(g, rows)| {
                let positives = rows.iter().filter(|o| o.is_positive()).count();
                let found = rows.iter().filter(|o| o.found(threshold)).count();
                let negatives = rows.len() - positives;
                let alarms = rows
                    .iter()
                    .filter(|o| !o.is_positive() && o.alerted(threshold))
                    .count();
                GroupFigures {
                    group: g.to_string(),
                    positives,
                    negatives,
                    recall: ratio(found, positives, 1.0),
                    false_positive_rate: ratio(alarms, negatives, 0.0),
                }
            })
            .collect();
        let positives = outcomes.iter().filter(|o| o.is_positive()).count();
        let misses = outcomes
            .iter()
            .filter(|o| o.is_positive() && !o.found(threshold))
            .cloned()
            .collect();
        let false_alarms = outcomes
            .iter()
            .filter(|o| {
                if o.is_positive() {
                    o.false_alarm(threshold)
                } else {
                    o.alerted(threshold)
                }
            })
            .cloned()
            .collect();
        Report {
            rows: outcomes.len(),
            positives,
            negatives: outcomes.len() - positives,
            threshold,
            thresholds,
            groups,
            misses,
            false_alarms,
        }
    }

    /// The figures at the chosen threshold.
    pub fn chosen(&self) -> &AtThreshold {
        self.thresholds
            .iter()
            .find(|a| (a.threshold - self.threshold).abs() < 1e-6)
            .unwrap_or(&self.thresholds[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(reference: &str, score: f32, correct: bool) -> Found {
        Found {
            list: "un-sc".into(),
            reference: reference.into(),
            caption: reference.into(),
            matched_name: reference.into(),
            score,
            correct,
            why: String::new(),
            explanation: serde_json::Value::Null,
        }
    }

    fn outcome(row: usize, expected: &[&str], top: Option<Found>) -> Outcome {
        Outcome {
            row,
            name: format!("row {row}"),
            expected: expected.iter().map(|s| s.to_string()).collect(),
            group: Some(
                if expected.is_empty() {
                    "negative"
                } else {
                    "positive"
                }
                .into(),
            ),
            top,
            expected_result: None,
        }
    }

    #[test]
    fn figures_per_threshold() {
        let rows = vec![
            outcome(0, &["A"], Some(found("A", 0.9, true))),
            outcome(1, &["B"], Some(found("B", 0.7, true))),
            outcome(2, &["C"], Some(found("X", 0.85, false))),
            outcome(3, &["D"], None),
            outcome(4, &[], Some(found("Y", 0.82, false))),
            outcome(5, &[], Some(found("Z", 0.6, false))),
            outcome(6, &[], None),
            outcome(7, &[], None),
        ];
        let r = Report::new(rows, 0.8);
        assert_eq!((r.positives, r.negatives), (4, 4));
        let at = r.chosen();
        assert_eq!(
            (at.found, at.missed, at.false_alarms, at.wrong_entry),
            (1, 3, 1, 1)
        );
        assert_eq!(at.recall, 0.25);
        assert_eq!(at.false_positive_rate, 0.25);
        // Alerts at 0.8: rows 0 (right), 2 (wrong entry), 4 (false alarm).
        assert!((at.precision - 1.0 / 3.0).abs() < 1e-9);
        let low = &r.thresholds[0];
        assert_eq!(low.threshold, 0.5);
        assert_eq!((low.found, low.false_alarms), (2, 2));
        assert_eq!(
            r.misses.iter().map(|o| o.row).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(
            r.false_alarms.iter().map(|o| o.row).collect::<Vec<_>>(),
            [2, 4]
        );
        let groups: Vec<(&str, f64, f64)> = r
            .groups
            .iter()
            .map(|g| (g.group.as_str(), g.recall, g.false_positive_rate))
            .collect();
        assert_eq!(groups, [("negative", 1.0, 0.25), ("positive", 0.25, 0.0)]);
    }

    #[test]
    fn a_threshold_between_the_steps_is_added() {
        let r = Report::new(vec![outcome(0, &["A"], Some(found("A", 0.83, true)))], 0.83);
        assert_eq!(r.thresholds.len(), THRESHOLDS.len() + 1);
        assert_eq!(r.chosen().found, 1);
        assert_eq!(r.thresholds.last().unwrap().found, 0);
    }

    #[test]
    fn expected_references_ignore_case_and_accept_alternatives() {
        let ids = ["QDe.118".to_string(), "un-sc:6908048".to_string()];
        assert!(is_expected(&["qde.118".into()], &ids));
        assert!(is_expected(
            &["7140".into(), " un-sc:6908048 ".into()],
            &ids
        ));
        assert!(!is_expected(&["QDe.11".into()], &ids));
        assert!(!is_expected(&[], &ids));
    }
}
