//! What dates of birth, countries, identifiers and gender say about a name match: each either
//! confirms it (raising the score towards 1), contradicts it (lowering it), or says nothing.

use interdict_model::entity::{is_imo_number, normalise_id};
use interdict_model::{BirthDate, CountryCode, DateValue, Entity, Gender, IdKind, PartialDate};

/// What a date of birth the same as the listed one confirms: the most any date does.
pub const SAME_DATE_OF_BIRTH: f32 = 0.5;
/// What a nationality the same as a listed one confirms: the most any country does.
pub const SAME_NATIONALITY: f32 = 0.15;

/// The effect of one attribute on the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Effect {
    /// Moves the score a share of the way towards 1 (only for good name matches).
    Confirms(f32),
    /// Multiplies the score by one minus this.
    Contradicts(f32),
    /// An identifier that names one thing for good (IMO ship number, aircraft registration):
    /// the score is at least 0.9 whatever the names say.
    Decisive,
    /// The same personal document number: at least 0.9 when the names resemble each other
    /// (name score 0.5 or more), else at least 0.6, so that it is shown for review.
    SameDocument,
}

/// One attribute's finding: what was compared and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The query's value(s), as text.
    pub query: Vec<String>,
    /// The list's value(s) that decided the outcome, as text.
    pub listed: Vec<String>,
    /// The outcome in words ("same date", "born 5 years apart", ...).
    pub outcome: String,
    /// Its effect.
    pub effect: Effect,
}

/// Compares query dates of birth with the listed ones; `None` when either side has none.
pub fn birth_date(query: &[BirthDate], listed: &[BirthDate]) -> Option<Finding> {
    let (rank, outcome, l) = closest_birth_date(query, listed)?;
    let shown = |(v, approximate): (DateValue, bool)| {
        if approximate {
            format!("c. {v}")
        } else {
            v.to_string()
        }
    };
    Some(Finding {
        query: given_dates(query).map(shown).collect(),
        listed: vec![shown(l)],
        outcome: outcome.to_string(),
        effect: date_effect(rank),
    })
}

/// The effect [`birth_date`]'s finding has, worked out without its texts (the search bounds
/// each candidate entry by it before aligning its names).
pub(crate) fn birth_date_effect(query: &[BirthDate], listed: &[BirthDate]) -> Option<Effect> {
    closest_birth_date(query, listed).map(|(rank, _, _)| date_effect(rank))
}

/// How many years apart two spans of birth years must lie for every date of one to contradict
/// every date of the other by at least [`FAR_APART`] ([`compare_date`]: exact dates more than
/// a year apart contradict 0.3, any others more than five years apart 0.25).
const FAR_APART_YEARS: i32 = 6;

/// The least contradiction between dates of birth in spans [`FAR_APART_YEARS`] apart.
pub(crate) const FAR_APART: f32 = 0.25;

/// The first and last year that any of these dates of birth allows (`None` without a date).
pub(crate) fn born_span(dates: &[BirthDate]) -> Option<(u16, u16)> {
    given_dates(dates)
        .map(|(v, _)| v.year_range())
        .reduce(|(lo, hi), (l, h)| (lo.min(l), hi.max(h)))
}

/// How many years apart two spans of birth years must lie for no date of one to confirm a
/// date of the other ([`compare_date`] confirms exact dates of the same year, and others at
/// most two years apart).
const UNCONFIRMED_APART_YEARS: i32 = 3;

/// Whether two spans of birth years lie [`FAR_APART_YEARS`] or more apart: then
/// [`birth_date_effect`] of any dates in them contradicts by [`FAR_APART`] or more.
pub(crate) fn born_far_apart(a: (u16, u16), b: (u16, u16)) -> bool {
    born_apart(a, b, FAR_APART_YEARS)
}

/// Whether two spans of birth years lie [`UNCONFIRMED_APART_YEARS`] or more apart: then
/// [`birth_date_effect`] of any dates in them confirms nothing.
pub(crate) fn born_too_far_to_confirm(a: (u16, u16), b: (u16, u16)) -> bool {
    born_apart(a, b, UNCONFIRMED_APART_YEARS)
}

/// Whether two spans of birth years lie `years` or more apart.
fn born_apart(a: (u16, u16), b: (u16, u16), years: i32) -> bool {
    let gap = |lo: u16, hi: u16| i32::from(lo) - i32::from(hi);
    gap(a.0, b.1) >= years || gap(b.0, a.1) >= years
}

/// The dates given, each with whether it is approximate.
fn given_dates(dates: &[BirthDate]) -> impl Iterator<Item = (DateValue, bool)> + Clone + '_ {
    dates
        .iter()
        .filter_map(|b| b.value.map(|v| (v, b.approximate)))
}

/// The best-agreeing pair of a query date and a listed date: its rank, outcome and the listed
/// date (the first listed one of the best rank).
fn closest_birth_date(
    query: &[BirthDate],
    listed: &[BirthDate],
) -> Option<(f32, &'static str, (DateValue, bool))> {
    let mut best: Option<(f32, &'static str, (DateValue, bool))> = None;
    for q in given_dates(query) {
        for l in given_dates(listed) {
            let (rank, outcome) = compare_date(q, l);
            if best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
                best = Some((rank, outcome, l));
            }
        }
    }
    best
}

/// A date comparison's rank as an effect: positive ranks confirm, negative ones contradict.
fn date_effect(rank: f32) -> Effect {
    if rank >= 0.0 {
        Effect::Confirms(rank)
    } else {
        Effect::Contradicts(-rank)
    }
}

/// Ranks how well a query date agrees with one listed date, each with whether it is
/// approximate: positive values confirm (the share of the way towards 1), negative values
/// contradict (the share taken off). Two exact dates are compared to the day; otherwise (a range
/// or an approximate date on either side) by how many years lie between them.
fn compare_date(
    (q, q_approx): (DateValue, bool),
    (l, l_approx): (DateValue, bool),
) -> (f32, &'static str) {
    if let (DateValue::On { date: qd }, DateValue::On { date: ld }, false, false) =
        (q, l, q_approx, l_approx)
    {
        return compare_exact(&qd, &ld);
    }
    let ((qlo, qhi), (llo, lhi)) = (q.year_range(), l.year_range());
    let apart = i32::from(qlo.max(llo)) - i32::from(qhi.min(lhi));
    let approximate = q_approx || l_approx;
    match apart {
        i32::MIN..=0 if approximate => (0.2, "same years (one date approximate)"),
        i32::MIN..=0 => (0.2, "within the range of years"),
        1..=2 if approximate => (0.1, "within two years of an approximate date"),
        1 => (0.0, "one year outside the range"),
        3..=5 if approximate => (-0.1, "3 to 5 years from an approximate date"),
        _ if approximate => (-0.25, "far from the approximate date"),
        _ => (-0.25, "outside the range of years"),
    }
}

/// Two dates both given as exact (possibly to the year or month only).
fn compare_exact(q: &PartialDate, date: &PartialDate) -> (f32, &'static str) {
    let dy = (i32::from(q.year) - i32::from(date.year)).abs();
    if dy > 1 {
        return (-0.3, "different year of birth");
    }
    if dy == 1 {
        return (-0.12, "year of birth one apart");
    }
    match (q.month, q.day, date.month, date.day) {
        (Some(qm), Some(qd), Some(m), Some(d)) => {
            if qm == m && qd == d {
                (SAME_DATE_OF_BIRTH, "same date of birth")
            } else if qm == d && qd == m {
                (0.2, "same date with day and month swapped")
            } else if one_digit_apart((qm, qd), (m, d)) {
                (-0.1, "same year, day or month one digit apart")
            } else {
                // Two dates known to the day that differ by more than a slip of the pen are
                // two people's: a namesake born the same year is common in a crowded name.
                (-0.2, "same year, different day")
            }
        }
        (Some(qm), _, Some(m), _) if qm != m => (-0.08, "same year, different month"),
        (Some(_), _, Some(_), _) => (0.35, "same year and month"),
        _ => (0.25, "same year of birth"),
    }
}

/// Whether two (month, day) pairs differ in one digit of their two-digit forms (12-03 and
/// 12-08, 02-13 and 07-13): a slip in writing the date, not another date.
fn one_digit_apart(a: (u8, u8), b: (u8, u8)) -> bool {
    let digits = |(m, d): (u8, u8)| [m / 10, m % 10, d / 10, d % 10];
    let (x, y) = (digits(a), digits(b));
    x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1
}

/// Compares query countries with the entity's nationalities and other countries.
pub fn country(query: &[CountryCode], entity: &Entity) -> Option<Finding> {
    let relation = relate_countries(query, entity)?;
    let q_text: Vec<String> = query.iter().map(|c| c.to_string()).collect();
    let shown = |codes: &[CountryCode]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let (listed, outcome) = match relation {
        CountryRelation::SameNationality(c) => (vec![c.to_string()], "same nationality"),
        CountryRelation::Linked(c) => (
            vec![c.to_string()],
            "country linked to the entry (birth, address or document)",
        ),
        CountryRelation::NoLink => (
            shown(&entity.country_codes()),
            "no link to the entry's countries",
        ),
        CountryRelation::OtherNationality => {
            let nationalities: Vec<CountryCode> =
                entity.nationalities.iter().filter_map(|c| c.code).collect();
            (shown(&nationalities), "different nationality")
        }
    };
    Some(Finding {
        query: q_text,
        listed,
        outcome: outcome.into(),
        effect: relation.effect(),
    })
}

/// The effect [`country`]'s finding has, worked out without its texts (the search bounds
/// each candidate entry by it before aligning its names).
pub(crate) fn country_effect(query: &[CountryCode], entity: &Entity) -> Option<Effect> {
    relate_countries(query, entity).map(|r| r.effect())
}

/// How much a country finding contradicts when no query country is an entry's and the entry
/// gives no nationality.
pub(crate) const NO_COUNTRY_LINK: f32 = 0.05;

/// How much a country finding contradicts when no query country is an entry's and the entry's
/// nationalities are others.
pub(crate) const OTHER_NATIONALITY: f32 = 0.2;

/// How the query's countries stand to an entry's, with the code that decided it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CountryRelation {
    /// A query country is a nationality of the entry.
    SameNationality(CountryCode),
    /// A query country is another country of the entry (birth, address, document).
    Linked(CountryCode),
    /// None is, and the entry gives no nationality.
    NoLink,
    /// None is, and the entry's nationalities are others.
    OtherNationality,
}

impl CountryRelation {
    fn effect(self) -> Effect {
        match self {
            CountryRelation::SameNationality(_) => Effect::Confirms(SAME_NATIONALITY),
            CountryRelation::Linked(_) => Effect::Confirms(0.08),
            CountryRelation::NoLink => Effect::Contradicts(NO_COUNTRY_LINK),
            CountryRelation::OtherNationality => Effect::Contradicts(OTHER_NATIONALITY),
        }
    }
}

/// Relates the query's countries to the entry's; `None` when either side gives none.
fn relate_countries(query: &[CountryCode], entity: &Entity) -> Option<CountryRelation> {
    if query.is_empty() || entity.associated_country_codes().next().is_none() {
        return None;
    }
    let nationalities = || entity.nationalities.iter().filter_map(|c| c.code);
    if let Some(&c) = query.iter().find(|c| nationalities().any(|n| n == **c)) {
        return Some(CountryRelation::SameNationality(c));
    }
    if let Some(&c) = query
        .iter()
        .find(|c| entity.associated_country_codes().any(|n| n == **c))
    {
        return Some(CountryRelation::Linked(c));
    }
    Some(if nationalities().next().is_none() {
        CountryRelation::NoLink
    } else {
        CountryRelation::OtherNationality
    })
}

/// Looks for a query identifier among the entity's documents (compared on letters and digits).
pub fn identifier(query: &[String], entity: &Entity) -> Option<Finding> {
    let wanted: Vec<String> = query
        .iter()
        .map(|q| normalise_id(q))
        .filter(|q| q.len() >= 4)
        .collect();
    if wanted.is_empty() || entity.identifiers.is_empty() {
        return None;
    }
    let hit = entity
        .identifiers
        .iter()
        .find(|i| wanted.contains(&i.normalised()));
    let ship_ids = |k: IdKind| matches!(k, IdKind::Imo | IdKind::AircraftRegistration);
    Some(match hit {
        Some(i) if ship_ids(i.kind) => Finding {
            query: query.to_vec(),
            listed: vec![format!("{} {}", i.label, i.number).trim().to_string()],
            outcome: "same IMO or registration number: the same craft whatever its name".into(),
            effect: Effect::Decisive,
        },
        Some(i) => Finding {
            query: query.to_vec(),
            listed: vec![format!("{} {}", i.label, i.number).trim().to_string()],
            outcome: "same document number".into(),
            effect: Effect::SameDocument,
        },
        None if query.iter().any(|q| is_imo_number(q))
            && entity.identifiers.iter().any(|i| i.kind == IdKind::Imo) =>
        {
            Finding {
                query: query.to_vec(),
                listed: entity
                    .identifiers
                    .iter()
                    .filter(|i| i.kind == IdKind::Imo)
                    .map(|i| i.number.clone())
                    .collect(),
                outcome: "different IMO number: another ship".into(),
                effect: Effect::Contradicts(0.5),
            }
        }
        None => Finding {
            query: query.to_vec(),
            listed: entity
                .identifiers
                .iter()
                .map(|i| i.number.clone())
                .collect(),
            outcome: "no listed document has this number (people hold several)".into(),
            effect: Effect::Confirms(0.0),
        },
    })
}

/// Compares genders; only a contradiction has an effect.
pub fn gender(query: Option<Gender>, entity: &Entity) -> Option<Finding> {
    let (q, l) = (query?, entity.gender?);
    let name = |g: Gender| format!("{g:?}").to_lowercase();
    Some(Finding {
        query: vec![name(q)],
        listed: vec![name(l)],
        outcome: if q == l {
            "same gender"
        } else {
            "different gender"
        }
        .into(),
        effect: if q == l {
            Effect::Confirms(0.0)
        } else {
            Effect::Contradicts(0.15)
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    /// A date of birth of any kind the lists give: a year, a month, a day or a range of
    /// years, exact or approximate, within `years`.
    fn any_birth_date(years: std::ops::Range<u16>) -> impl Strategy<Value = BirthDate> {
        (years, 0u16..4, 0u8..=12, 0u8..=28, any::<bool>()).prop_map(
            |(year, range, month, day, approximate)| {
                let date = PartialDate {
                    year,
                    month: (month > 0).then_some(month),
                    day: (month > 0 && day > 0).then_some(day),
                };
                let value = if range > 0 {
                    DateValue::Between {
                        from: PartialDate::year(year),
                        to: PartialDate::year(year + range),
                    }
                } else {
                    DateValue::On { date }
                };
                BirthDate {
                    value: Some(value),
                    approximate,
                    note: None,
                }
            },
        )
    }

    proptest! {
        /// Dates of birth whose spans of years lie far apart always contradict by at least
        /// FAR_APART, and those too far apart to confirm never confirm: the search relies on
        /// both to judge such entries on their spans, before the entries are read.
        #[test]
        fn dates_of_birth_apart_contradict_and_never_confirm(
            query in proptest::collection::vec(any_birth_date(1940..1960), 1..3),
            listed in proptest::collection::vec(any_birth_date(1940..2000), 1..3),
        ) {
            let (q, l) = (born_span(&query).unwrap(), born_span(&listed).unwrap());
            let effect = birth_date_effect(&query, &listed);
            if born_far_apart(q, l) {
                prop_assert!(
                    matches!(effect, Some(Effect::Contradicts(c)) if c >= FAR_APART),
                    "far apart: {query:?} {listed:?}: {effect:?}"
                );
            }
            if born_too_far_to_confirm(q, l) {
                prop_assert!(
                    !matches!(effect, Some(Effect::Confirms(c)) if c > 0.0),
                    "too far to confirm: {query:?} {listed:?}: {effect:?}"
                );
            }
        }
    }

    fn on(s: &str, approximate: bool) -> BirthDate {
        BirthDate {
            value: Some(DateValue::On { date: d(s) }),
            approximate,
            note: None,
        }
    }

    /// The finding for a query date written as a customer file would write it.
    fn outcome(q: &str, listed: &[BirthDate]) -> String {
        let query = interdict_model::written::read_date_cell(q, Default::default()).dates;
        let f = birth_date(&query, listed).unwrap();
        format!("{} {:?}", f.outcome, f.effect)
    }

    #[test]
    fn exact_dates_of_birth_table() {
        // Query date, the one listed date, outcome.
        let rows = [
            (
                "1960-12-30",
                "1960-12-30",
                "same date of birth Confirms(0.5)",
            ),
            ("1960-12-30", "1960", "same year of birth Confirms(0.25)"),
            ("1960", "1960-12-30", "same year of birth Confirms(0.25)"),
            (
                "1960-03-04",
                "1960-04-03",
                "same date with day and month swapped Confirms(0.2)",
            ),
            (
                "1960-03-05",
                "1960-04-03",
                "same year, different day Contradicts(0.2)",
            ),
            (
                "1960-04-08",
                "1960-04-03",
                "same year, day or month one digit apart Contradicts(0.1)",
            ),
            (
                "1960-04-13",
                "1960-04-03",
                "same year, day or month one digit apart Contradicts(0.1)",
            ),
            (
                "1961",
                "1960-04-03",
                "year of birth one apart Contradicts(0.12)",
            ),
            (
                "1972-11-21",
                "1960-04-03",
                "different year of birth Contradicts(0.3)",
            ),
        ];
        for (q, listed, expect) in rows {
            assert_eq!(outcome(q, &[on(listed, false)]), expect, "{q}");
        }
        assert!(birth_date(&[], &[on("1960", false)]).is_none());
    }

    #[test]
    fn ranges_and_approximate_dates_of_birth_table() {
        let between = BirthDate {
            value: Some(DateValue::Between {
                from: d("1963"),
                to: d("1968"),
            }),
            approximate: false,
            note: None,
        };
        let rows = [
            (
                "1966",
                vec![between.clone()],
                "within the range of years Confirms(0.2)",
            ),
            (
                "1950",
                vec![between],
                "outside the range of years Contradicts(0.25)",
            ),
            (
                "1962",
                vec![on("1961", true)],
                "within two years of an approximate date Confirms(0.1)",
            ),
            (
                "1972",
                vec![on("1961", true), on("1972-01-01", false)],
                "same year of birth Confirms(0.25)",
            ),
            // Ranges and approximate years given by the query.
            (
                "1975-1978",
                vec![on("1977-05-01", false)],
                "within the range of years Confirms(0.2)",
            ),
            (
                "1975-1978",
                vec![on("1990-05-01", false)],
                "outside the range of years Contradicts(0.25)",
            ),
            (
                "circa 1975",
                vec![on("1976-02-02", false)],
                "within two years of an approximate date Confirms(0.1)",
            ),
            (
                "circa 1975",
                vec![on("1975-02-02", false)],
                "same years (one date approximate) Confirms(0.2)",
            ),
            (
                "c. 1975",
                vec![on("1960", false)],
                "far from the approximate date Contradicts(0.25)",
            ),
        ];
        for (q, listed, expect) in rows {
            assert_eq!(outcome(q, &listed), expect, "{q}");
        }
    }
}
