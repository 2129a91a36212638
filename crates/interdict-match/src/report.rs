//! The result shape of the screening contract (one hit as JSON), shared by the command line and
//! the HTTP API.

use crate::{Explanation, Hit};
use serde::Serialize;

/// One result as the contract writes it.
#[derive(Debug, Serialize)]
pub struct ResultJson<'a> {
    /// List name.
    pub list: &'a str,
    /// Version of the list.
    pub list_version: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// Person, Organization, ...
    pub schema: &'a str,
    /// The entity's name to show.
    pub caption: &'a str,
    /// The listed name that matched best.
    pub matched_name: &'a str,
    /// Score, rounded.
    pub score: f64,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Why.
    pub explanation: &'a Explanation,
    /// The same target on other lists that link to this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_listed: Vec<AlsoListedJson<'a>>,
}

/// Another list's entry for the same target.
#[derive(Debug, Serialize)]
pub struct AlsoListedJson<'a> {
    /// List name.
    pub list: &'a str,
    /// Version of the list.
    pub list_version: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// The entity's name to show.
    pub caption: &'a str,
    /// Its listed name that matched best.
    pub matched_name: &'a str,
    /// Its score for the same query, rounded.
    pub score: f64,
}

impl<'a> AlsoListedJson<'a> {
    /// The contract's shape of another list's entry for a target.
    pub fn new(a: &'a crate::AlsoListed<'a>) -> Self {
        AlsoListedJson {
            list: &a.entity.provenance.list,
            list_version: &a.entity.provenance.list_version,
            entity_id: &a.entity.id,
            reference: &a.entity.provenance.reference,
            caption: &a.entity.caption,
            matched_name: a.matched_name,
            score: round_score(a.score),
        }
    }
}

/// Rounds a score for output (4 decimals keeps the ranking readable without noise).
pub fn round_score(s: f32) -> f64 {
    (f64::from(s) * 10_000.0).round() / 10_000.0
}

/// Writes an `f32` as JSON with four decimals at most, without the noise of widening it (0.8,
/// not 0.800000011920929): `#[serde(serialize_with = "interdict_match::report::rounded")]`.
pub fn rounded<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_score(*x))
}

impl<'a> ResultJson<'a> {
    /// The contract's shape of a hit.
    pub fn new(h: &'a Hit<'a>) -> Self {
        let p = &h.entity.provenance;
        ResultJson {
            list: &p.list,
            list_version: &p.list_version,
            entity_id: &h.entity.id,
            reference: &p.reference,
            schema: h.entity.schema.as_str(),
            caption: &h.entity.caption,
            matched_name: h.matched_name,
            score: round_score(h.score),
            is_match: h.is_match,
            explanation: &h.explanation,
            also_listed: h.also_listed.iter().map(AlsoListedJson::new).collect(),
        }
    }
}

/// One mention found in a text, as `scan --format json` and the API write it.
#[derive(Debug, Serialize)]
pub struct MentionJson<'a> {
    /// Byte offset of the mention in the original document.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// The text as written.
    pub text: &'a str,
    /// The list's own reference of the entity.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list.
    pub list: &'a str,
    /// The entity's caption.
    pub caption: &'a str,
    /// The listed name matched.
    pub matched_name: &'a str,
    /// Score.
    pub score: f64,
    /// `name` or `acronym`.
    pub kind: &'static str,
    /// Why it counts.
    pub why: &'a str,
    /// Entries of other lists for the same target that the same text names.
    pub also_listed: Vec<AlsoListedJson<'a>>,
}

impl<'a> MentionJson<'a> {
    /// The contract's shape of a mention.
    pub fn new(m: &'a crate::Mention<'a>) -> Self {
        MentionJson {
            start: m.start,
            end: m.end,
            text: &m.text,
            reference: &m.entity.provenance.reference,
            entity_id: &m.entity.id,
            list: &m.entity.provenance.list,
            caption: &m.entity.caption,
            matched_name: m.matched_name,
            score: round_score(m.score),
            kind: match m.kind {
                crate::MentionKind::Name => "name",
                crate::MentionKind::Acronym => "acronym",
            },
            why: &m.why,
            also_listed: m.also_listed.iter().map(AlsoListedJson::new).collect(),
        }
    }
}
