//! A message screened field by field against the lists' index: each party's and agent's name
//! searched with what the message says beside it (countries, identifiers, date of birth), each
//! BIC and LEI looked up among the listed identifiers and its country against the country
//! programmes, each country code against the programmes, and free text scanned like a
//! document. The message is held when any hit is a match.

use crate::countries::country_programme;
use crate::mt::is_bic;
use crate::{Field, FieldKind, Message};
use interdict_match::report::{MentionJson, ResultJson};
use interdict_match::{Index, Query, ScanOptions, SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::{BirthDate, CountryCode, PartialDate, Schema};
use serde::Serialize;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// How messages are screened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreeningOptions {
    /// Score from which a hit is a match, and holds the message.
    pub threshold: f32,
    /// Hits scoring below this are not reported.
    pub min_score: f32,
    /// Most results per name.
    pub limit: usize,
}

impl Default for ScreeningOptions {
    fn default() -> Self {
        ScreeningOptions {
            threshold: DEFAULT_THRESHOLD,
            min_score: DEFAULT_THRESHOLD,
            limit: 3,
        }
    }
}

/// A screened message: pass or hold, with the hits and the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screened {
    /// Where the message came from.
    pub file: String,
    /// Its own id.
    pub message_id: Option<String>,
    /// Its transactions' ids.
    pub transaction_ids: Vec<String>,
    /// `pacs.008.001.08`, `MT103`, ...
    pub format: String,
    /// `hold` (a hit at or above the threshold) or `pass`.
    pub decision: &'static str,
    /// Why it is held, a line per match.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// Every hit from the reporting floor up, in the message's order.
    pub hits: Vec<Hit>,
}

/// One field's hit on a listed entity (or on a country programme).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The field (`Cdtr/Nm`, `59F`).
    pub field: String,
    /// The element path or MT tag.
    pub path: String,
    /// The field's text.
    pub text: String,
    /// The list (`un-sc`, `us-ofac-sdn`, ...; `country-programme` for a country).
    pub list: String,
    /// The list's reference (`QDe.118`; the country code for a programme).
    #[serde(rename = "ref")]
    pub reference: String,
    /// The entity's id (empty for a programme).
    pub entity_id: String,
    /// The entity's name (the country and its programmes).
    pub caption: String,
    /// The score, 0..1.
    pub score: f64,
    /// Whether it reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Why: the name explanation, or what was found where.
    pub explanation: Value,
    /// For a name hit on an entry with links: `{"designated", "links": ["linked to ... as
    /// leader"], "ownership", "designation_path"}` (a company blocked by ownership, a relative of
    /// a designated person); null otherwise.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub connections: Value,
}

/// Screens one message.
pub fn screen(index: &Index, message: &Message, options: &ScreeningOptions) -> Screened {
    let mut hits = Vec::new();
    for field in &message.fields {
        match &field.kind {
            FieldKind::Name { .. } => hits.extend(name_hits(index, field, options)),
            FieldKind::Bic => hits.extend(bic_hits(index, field)),
            FieldKind::Lei => hits.extend(identifier_hits(index, field, "LEI")),
            FieldKind::Identifier => {}
            FieldKind::Country => hits.extend(country_hit(field, &field.text)),
            FieldKind::FreeText => hits.extend(text_hits(index, field, options)),
        }
    }
    let reasons: Vec<String> = hits
        .iter()
        .filter(|h| h.is_match)
        .map(|h| {
            format!(
                "{} '{}' matches {} ({} {}) with score {:.2}",
                h.field, h.text, h.caption, h.list, h.reference, h.score
            )
        })
        .collect();
    Screened {
        file: message.source.clone(),
        message_id: message.message_id.clone(),
        transaction_ids: message.transaction_ids.clone(),
        format: message.format.clone(),
        decision: if reasons.is_empty() { "pass" } else { "hold" },
        reasons,
        hits,
    }
}

/// The query of a name field: its schema, countries, identifiers and date of birth.
fn query_of(field: &Field) -> Query {
    let FieldKind::Name {
        organisation,
        countries,
        identifiers,
        birth_date,
        ..
    } = &field.kind
    else {
        return Query::name(&field.text);
    };
    let mut q = Query::name(&field.text);
    q.schema = match organisation {
        Some(true) => Some(Schema::Organization),
        Some(false) => Some(Schema::Person),
        None => None,
    };
    q.countries = countries
        .iter()
        .filter_map(|c| CountryCode::from_alpha2(c))
        .collect();
    q.identifiers = identifiers.clone();
    if let Some(date) = birth_date.as_deref().and_then(read_date) {
        q.birth_dates.push(BirthDate::on(date));
    }
    q
}

/// `1950-06-05`, or MT's `19500605`.
fn read_date(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    let iso = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..])
    } else {
        t.to_string()
    };
    PartialDate::parse(&iso).ok()
}

/// Parties whose name hits a thread remembers before forgetting them all.
const RECENT_PARTIES: usize = 100_000;

/// The name hits of the parties a thread screened lately, for one index: a party that pays or
/// is paid again (a payroll's debtor, a regular payee) is searched once. Keyed by everything
/// the search reads (the query and the options), so a remembered answer is the answer.
#[derive(Default)]
struct RecentParties {
    index: u64,
    hits: HashMap<String, Vec<Hit>>,
}

thread_local! {
    static RECENT: RefCell<RecentParties> = RefCell::new(RecentParties::default());
}

/// A name field's hits, searched or remembered, with the field's own place.
fn name_hits(index: &Index, field: &Field, options: &ScreeningOptions) -> Vec<Hit> {
    let query = query_of(field);
    let key = format!(
        "{}|{}|{}|{}",
        serde_json::to_string(&query).unwrap_or_default(),
        options.threshold,
        options.min_score,
        options.limit
    );
    let known = RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.index != index.identity() || recent.hits.len() >= RECENT_PARTIES {
            recent.hits.clear();
            recent.index = index.identity();
        }
        recent.hits.get(&key).cloned()
    });
    if let Some(hits) = known {
        return hits
            .into_iter()
            .map(|h| Hit {
                field: field.field.clone(),
                path: field.path.clone(),
                ..h
            })
            .collect();
    }
    let hits = searched_name_hits(index, field, &query, options);
    RECENT.with(|recent| recent.borrow_mut().hits.insert(key, hits.clone()));
    hits
}

/// A name field's hits, searched.
fn searched_name_hits(
    index: &Index,
    field: &Field,
    query: &Query,
    options: &ScreeningOptions,
) -> Vec<Hit> {
    let search = SearchOptions {
        threshold: options.threshold,
        limit: options.limit,
        min_score: options.min_score.min(options.threshold),
    };
    index
        .search(query, &search)
        .iter()
        .map(|h| {
            let r = ResultJson::new(h);
            Hit {
                field: field.field.clone(),
                path: field.path.clone(),
                text: field.text.clone(),
                list: r.list.to_string(),
                reference: r.reference.to_string(),
                entity_id: r.entity_id.to_string(),
                caption: r.caption.to_string(),
                score: r.score,
                is_match: r.is_match,
                explanation: serde_json::to_value(r.explanation).unwrap_or(Value::Null),
                connections: connections(&r),
            }
        })
        .collect()
}

/// What a name hit's entry is linked to, in the payment hit's shape (null for an entry with no
/// links).
fn connections(r: &ResultJson<'_>) -> Value {
    if r.links.is_empty() && r.designated {
        return Value::Null;
    }
    serde_json::json!({
        "designated": r.designated,
        "links": r.links.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        "ownership": r.ownership,
        "designation_path": r.designation_path,
    })
}

/// Entities listed with the field's identifier (`what` says which kind, for the explanation).
fn identifier_hits(index: &Index, field: &Field, what: &str) -> Vec<Hit> {
    index
        .entities_with_identifier(&field.text)
        .into_iter()
        .map(|i| listed_identifier(index, i, field, what, &field.text))
        .collect()
}

fn listed_identifier(index: &Index, i: usize, field: &Field, what: &str, number: &str) -> Hit {
    let e = index.entity(i);
    Hit {
        connections: Value::Null,
        field: field.field.clone(),
        path: field.path.clone(),
        text: field.text.clone(),
        list: e.provenance.list.clone(),
        reference: e.provenance.reference.clone(),
        entity_id: e.id.clone(),
        caption: e.caption.clone(),
        score: 1.0,
        is_match: true,
        explanation: json!({
            "summary": format!("the {what} {number} is listed for this entity"),
        }),
    }
}

/// A BIC: the listed entities that have it (as given, as its 8-letter form, or with the
/// head-office branch `XXX`), and its country's programme.
fn bic_hits(index: &Index, field: &Field) -> Vec<Hit> {
    let bic: String = field
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if !is_bic(&bic) {
        return Vec::new();
    }
    let bic8 = &bic[..8];
    let mut found: Vec<usize> = Vec::new();
    for form in [bic.clone(), bic8.to_string(), format!("{bic8}XXX")] {
        for i in index.entities_with_identifier(&form) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
    }
    let mut hits: Vec<Hit> = found
        .into_iter()
        .map(|i| listed_identifier(index, i, field, "SWIFT/BIC", &bic))
        .collect();
    hits.extend(country_hit(field, &bic[4..6]));
    hits
}

/// A country under a country programme.
fn country_hit(field: &Field, code: &str) -> Option<Hit> {
    let p = country_programme(code)?;
    let whose = if code == field.text.trim() {
        "the country".to_string()
    } else {
        format!("the BIC's country ({})", p.country)
    };
    Some(Hit {
        connections: Value::Null,
        field: field.field.clone(),
        path: field.path.clone(),
        text: field.text.clone(),
        list: "country-programme".into(),
        reference: p.country.into(),
        entity_id: String::new(),
        caption: format!("{}: {}", p.name, p.programmes),
        score: 1.0,
        is_match: true,
        explanation: json!({
            "summary": format!("{whose} is under a country-wide sanctions programme: {}", p.programmes),
        }),
    })
}

/// Listed names written in free text.
fn text_hits(index: &Index, field: &Field, options: &ScreeningOptions) -> Vec<Hit> {
    let mut scanner = index.scanner(ScanOptions {
        min_score: options.min_score.min(options.threshold),
        ..ScanOptions::default()
    });
    scanner.scan(&field.text, &|p| p);
    scanner
        .finish()
        .iter()
        .map(|m| {
            let j = MentionJson::new(m);
            Hit {
                connections: Value::Null,
                field: field.field.clone(),
                path: field.path.clone(),
                text: field.text.clone(),
                list: j.list.to_string(),
                reference: j.reference.to_string(),
                entity_id: j.entity_id.to_string(),
                caption: j.caption.to_string(),
                score: j.score,
                is_match: j.score >= f64::from(options.threshold) - 1e-9,
                explanation: json!({
                    "summary": j.why,
                    "mention": j.text,
                    "start": j.start,
                    "end": j.end,
                    "kind": j.kind,
                }),
            }
        })
        .collect()
}
