//! Explanations: why a result scored what it did, in a shape both people and programs can read.

use crate::align::Alignment;
use crate::evidence::{Effect, Finding};
use crate::prepare::{NameToken, UnitSpan};
use crate::score::NameScore;
use interdict_model::NameKind;
use serde::Serialize;

/// Why one result scored what it did.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Explanation {
    /// One line for a reviewer.
    pub summary: String,
    /// How the names compare.
    pub name: NameExplanation,
    /// Date of birth, if both sides have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dob: Option<AttributeExplanation>,
    /// Nationality and other countries, if both sides have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<AttributeExplanation>,
    /// Identity documents, if the query has one and the entry lists any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<AttributeExplanation>,
    /// Gender, if both sides state it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<AttributeExplanation>,
}

/// How the query name compares with the listed name it matched best.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NameExplanation {
    /// The query name.
    pub query: String,
    /// The listed name.
    pub matched: String,
    /// Primary name, alias, weak alias, former or original-script name.
    pub kind: &'static str,
    /// Name score before attributes.
    #[serde(serialize_with = "crate::report::rounded")]
    pub score: f32,
    /// Word pairs.
    pub pairs: Vec<PairExplanation>,
    /// Query words the listed name does not have.
    pub unmatched_query: Vec<String>,
    /// Listed words the query does not have.
    pub unmatched_listed: Vec<String>,
    /// Share of the query explained by the listed name.
    #[serde(serialize_with = "crate::report::rounded")]
    pub coverage_query: f32,
    /// Share of the listed name explained by the query.
    #[serde(serialize_with = "crate::report::rounded")]
    pub coverage_listed: f32,
    /// Other adjustments (word order, weak alias, little information).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One pair of words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairExplanation {
    /// The query word(s).
    pub query: String,
    /// The listed word(s).
    pub listed: String,
    /// Similarity 0..=1.
    #[serde(serialize_with = "crate::report::rounded")]
    pub score: f32,
    /// Why they were paired.
    pub rule: String,
}

/// What one attribute contributed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttributeExplanation {
    /// The query's value(s).
    pub query: Vec<String>,
    /// The listed value(s) compared.
    pub listed: Vec<String>,
    /// The outcome in words.
    pub outcome: String,
    /// Change to the score (positive confirms, negative contradicts).
    #[serde(serialize_with = "crate::report::rounded")]
    pub effect: f32,
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn words(tokens: &[NameToken], s: UnitSpan) -> String {
    tokens[s.start as usize..(s.start + s.len) as usize]
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn unmatched(tokens: &[NameToken], mask: u32) -> Vec<String> {
    tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) == 0)
        .map(|(_, t)| t.text.to_string())
        .collect()
}

/// Builds the name part of an explanation.
pub(crate) fn name_explanation(
    query: &str,
    q_tokens: &[NameToken],
    matched: &str,
    c_tokens: &[NameToken],
    kind: NameKind,
    al: &Alignment,
    ns: &NameScore,
) -> NameExplanation {
    NameExplanation {
        query: query.to_string(),
        matched: matched.to_string(),
        kind: kind.label(),
        score: round(ns.score),
        pairs: al
            .pairs
            .iter()
            .map(|p| PairExplanation {
                query: words(q_tokens, p.q),
                listed: words(c_tokens, p.c),
                score: round(p.score),
                rule: p.rule.describe(),
            })
            .collect(),
        unmatched_query: unmatched(q_tokens, al.q_matched),
        unmatched_listed: unmatched(c_tokens, al.c_matched),
        coverage_query: round(al.cov_q),
        coverage_listed: round(al.cov_c),
        notes: ns.notes.clone(),
    }
}

/// Builds an attribute explanation from a finding and its change to the score.
pub(crate) fn attribute(f: &Finding, delta: f32) -> AttributeExplanation {
    AttributeExplanation {
        query: f.query.clone(),
        listed: f.listed.clone(),
        outcome: f.outcome.clone(),
        effect: round(delta),
    }
}

/// One line summing up a result for a reviewer.
pub(crate) fn summary(
    name: &NameExplanation,
    attributes: &[(&str, &Finding)],
    score: f32,
) -> String {
    let mut parts = Vec::new();
    let exact = name.pairs.iter().all(|p| p.rule == "same word")
        && name.unmatched_query.is_empty()
        && name.unmatched_listed.is_empty();
    if exact {
        parts.push(format!("name is the listed {}", name.kind));
    } else {
        let paired = name.pairs.len();
        let mut s = format!(
            "{paired} word{} matched the listed {} (name score {:.2})",
            if paired == 1 { "" } else { "s" },
            name.kind,
            name.score
        );
        if !name.unmatched_query.is_empty() {
            s.push_str(&format!("; not listed: {}", name.unmatched_query.join(" ")));
        }
        if !name.unmatched_listed.is_empty() {
            s.push_str(&format!(
                "; missing from query: {}",
                name.unmatched_listed.join(" ")
            ));
        }
        parts.push(s);
    }
    for (label, f) in attributes {
        let sign = match f.effect {
            Effect::Confirms(e) if e > 0.0 => "+",
            Effect::Contradicts(_) => "-",
            Effect::Decisive | Effect::SameDocument => "+",
            Effect::Confirms(_) => "=",
        };
        parts.push(format!("{label}: {} ({sign})", f.outcome));
    }
    format!("{}; score {:.2}", parts.join("; "), score)
}
