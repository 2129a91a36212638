//! Alerts on (customer, listed entity) pairs, their states, and the decisions that move them.

use serde::{Deserialize, Serialize};

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertState {
    /// Raised, waiting for an analyst.
    Open,
    /// Decided: the customer is the listed party.
    TrueMatch,
    /// Decided: the customer is not the listed party; suppressed until either side changes.
    FalsePositive,
    /// Passed on for a second look.
    Escalated,
    /// Closed: the listed entity left the list.
    ClosedDelisted,
    /// Closed: the customer was removed from the book.
    ClosedCustomerRemoved,
}

impl AlertState {
    /// Every state, in the order they are shown.
    pub const ALL: [AlertState; 6] = [
        AlertState::Open,
        AlertState::Escalated,
        AlertState::TrueMatch,
        AlertState::FalsePositive,
        AlertState::ClosedDelisted,
        AlertState::ClosedCustomerRemoved,
    ];

    /// The state's name: `open`, `true-match`, ...
    pub fn as_str(&self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::TrueMatch => "true-match",
            AlertState::FalsePositive => "false-positive",
            AlertState::Escalated => "escalated",
            AlertState::ClosedDelisted => "closed-delisted",
            AlertState::ClosedCustomerRemoved => "closed-customer-removed",
        }
    }

    /// Reads a state's name.
    pub fn parse(text: &str) -> Option<AlertState> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    /// Whether the pair is still a live concern: open, escalated or confirmed. Such an alert is
    /// refreshed when the pair is screened again and closed when either side goes away.
    pub fn is_active(&self) -> bool {
        matches!(
            self,
            AlertState::Open | AlertState::Escalated | AlertState::TrueMatch
        )
    }

    /// Whether the alert is closed for good (a closed alert is not decided again).
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            AlertState::ClosedDelisted | AlertState::ClosedCustomerRemoved
        )
    }
}

impl std::fmt::Display for AlertState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an analyst decides an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionAs {
    /// The customer is the listed party.
    TrueMatch,
    /// The customer is not the listed party.
    FalsePositive,
    /// Needs a second look.
    Escalated,
}

impl DecisionAs {
    /// Reads `true-match`, `false-positive` or `escalated`.
    pub fn parse(text: &str) -> Option<DecisionAs> {
        match text.trim() {
            "true-match" => Some(DecisionAs::TrueMatch),
            "false-positive" => Some(DecisionAs::FalsePositive),
            "escalated" => Some(DecisionAs::Escalated),
            _ => None,
        }
    }

    /// The state the decision moves an alert to.
    pub fn state(&self) -> AlertState {
        match self {
            DecisionAs::TrueMatch => AlertState::TrueMatch,
            DecisionAs::FalsePositive => AlertState::FalsePositive,
            DecisionAs::Escalated => AlertState::Escalated,
        }
    }
}

/// An analyst's decision on an alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// What the alert was decided to be.
    #[serde(rename = "as")]
    pub decided_as: DecisionAs,
    /// Why, in the analyst's words (required).
    pub reason: String,
    /// Who decided (free text; no accounts yet).
    pub by: String,
    /// When (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
}

/// The screening result an alert was raised or refreshed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertHit {
    /// List name.
    pub list: String,
    /// Version of the list.
    pub list_version: String,
    /// The listed entity's id.
    pub entity_id: String,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The listed entity's caption.
    pub caption: String,
    /// The listed name that matched best.
    pub matched_name: String,
    /// Score, rounded to four places.
    pub score: f64,
    /// Why it scored what it did (the screening explanation).
    pub explanation: serde_json::Value,
    /// Fingerprint of what identifies the listed entity (names, dates of birth, identifiers,
    /// countries), to tell whether it changed.
    #[serde(skip)]
    pub fingerprint: String,
    /// Fingerprint of what the customer was screened with, to tell whether it changed.
    #[serde(skip)]
    pub customer_fingerprint: String,
}

/// An alert as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// Its id.
    pub alert_id: i64,
    /// The customer's id.
    pub customer_id: String,
    /// Where it stands.
    pub state: AlertState,
    /// What it was computed on.
    #[serde(flatten)]
    pub hit: AlertHit,
    /// The version of the customer's record it was computed on.
    #[serde(skip)]
    pub customer_version: i64,
    /// When it was raised.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// Its decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// The pair's previous alert, when this one re-raises it (the earlier decisions beside it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier: Option<Earlier>,
}

/// The previous alert on the same pair, shown beside a re-raised one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Earlier {
    /// Its id.
    pub alert_id: i64,
    /// Where it ended.
    pub state: AlertState,
    /// Its decisions.
    pub decisions: Vec<Decision>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back_and_tell_active_from_closed() {
        for s in AlertState::ALL {
            assert_eq!(AlertState::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(AlertState::parse("cleared"), None);
        assert!(AlertState::Escalated.is_active() && !AlertState::FalsePositive.is_active());
        assert!(AlertState::ClosedDelisted.is_closed() && !AlertState::TrueMatch.is_closed());
        assert_eq!(
            DecisionAs::parse("false-positive").unwrap().state(),
            AlertState::FalsePositive
        );
        assert_eq!(DecisionAs::parse("open"), None);
    }
}
