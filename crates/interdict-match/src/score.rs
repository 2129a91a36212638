//! From an alignment and attribute findings to one score, with the steps recorded.
//!
//! The name score is `cov_q^0.55 × cov_c^0.45`, where `cov_q` is the share of the query's
//! weight explained by the listed name and `cov_c` the share of the listed name explained by the
//! query: words missing from the query (a middle name) cost less than words the listed name does
//! not have (a different surname). Middle words left out cost less when the first and last words
//! pair (only for a query that says enough, or, when the query or the shorter listed name is of
//! common words, when a date of birth confirms). It is then scaled down for names that say
//! little (one common word), a little for a different word order, for names that each keep a
//! word the other lacks, for names trading places around "bin", for a child's name after "Abu"
//! taken for the person's own, and for weak aliases. A person's name whose words only resemble
//! the listed ones (no word the same or a usual spelling of it: "Hussain Niazi" / "Nazeeh
//! Hassoun") loses up to 14% unless a date of birth confirms it: in a population of common
//! names such pairs are namesakes far more often than the listed person. So does a query of
//! common words that leaves listed words out ("Ahmed Youssef" / "Ahmed Youssef JARAD").
//!
//! Attributes then move it: a confirming date of birth or nationality moves a good name match a
//! share of the way towards 1 (nothing for weak name matches, so attributes never make a match on
//! their own); a contradiction takes a share off; an identifier match lifts the score to at
//! least 0.9.

use crate::align::Alignment;
use crate::evidence::{Effect, Finding, SAME_DATE_OF_BIRTH, SAME_NATIONALITY};
use interdict_model::NameKind;

/// The default threshold: a result with at least this score is a match.
pub const DEFAULT_THRESHOLD: f32 = 0.80;

/// Factor for matches on a weak alias.
const WEAK_ALIAS: f32 = 0.9;
/// Factor for matches on a former name: the entry's current name ranks first.
const FORMER: f32 = 0.99;
/// Factor when the matched words come in another order.
const OTHER_ORDER: f32 = 0.98;
/// The same for organisation names, whose words have a fixed order.
const OTHER_ORDER_ORGANISATION: f32 = 0.85;
/// Factor when a father's name and a son's name change places around "bin": another person.
const KINSHIP_CROSSED: f32 = 0.8;
/// Factor when a child's name after "Abu" on one side is the person's own name on the other.
const KUNYA_DROPPED: f32 = 0.85;
/// Factor when the two names give different patronymics: the sons of two fathers.
const PATRONYMICS_DIFFER: f32 = 0.75;
/// Factor when each side has a name word the other lacks: a different name in the middle or at
/// the end, not one left out.
const WORDS_DIFFER: f32 = 0.95;
/// The least score of a query that is the listed name itself (but says little), before the
/// weak-alias factor.
const EXACT_FLOOR: f32 = 0.9;
/// Total weight of the query's tokens from which middle words left out cost little whatever
/// the date of birth says.
const LENIENT_INFORMATION: f32 = 1.9;
/// Total token weight from which a name counts as fully informative.
const FULL_INFORMATION: f32 = 1.6;
/// The exponent of the factor, the share of the listed name's weight the query pairs, when a
/// query of common words leaves listed words out and no date of birth confirms it.
const COMMON_WORDS_LEFT_OUT: f32 = 0.25;

/// Share of a person's query in words the listed name lacks from which they count
/// ("Abdul Rehman Gillani" / "Hafiz Abdul REHMAN").
const UNLISTED_SHARE: f32 = 0.05;

/// How much the words the listed name lacks count, unless a date of birth to the month
/// confirms the match: the score is multiplied by the rest of the query's share to this power.
const UNLISTED_WORDS: f32 = 0.5;

/// The least date-of-birth confirmation that agrees to the year: "within the range of years"
/// confirms 0.2; a year within two of an approximate date only 0.1, which many share.
pub const TO_THE_YEAR: f32 = 0.15;

/// The least date-of-birth confirmation that agrees to the month: "same year of birth"
/// confirms 0.25, "same year and month" 0.35.
pub const TO_THE_MONTH: f32 = 0.3;

/// The most a person's name loses, unless a date of birth confirms it, when all its words
/// only resemble the listed ones (in proportion to their share of the name's weight).
const RESEMBLANCE: f32 = 0.14;

/// Notes on how the name score was formed, for explanations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameScore {
    /// The score, 0..=1.
    pub score: f32,
    /// Adjustments applied, in words.
    pub notes: Vec<String>,
    /// The lower score that applies unless a date of birth confirms the match, when the name
    /// alone says too little: common words with middle words left out, or main words that
    /// only resemble the listed ones.
    pub unless_confirmed: Option<Unconfirmed>,
    /// The lower score that applies unless a date of birth confirms the match to the month or
    /// the day, when the query has name words the listed name lacks: a namesake born the same
    /// year is common.
    pub unless_confirmed_to_month: Option<Unconfirmed>,
}

/// A name score that holds when no date of birth confirms the match, with its notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unconfirmed {
    /// The score, 0..=1.
    pub score: f32,
    /// Adjustments applied, in words (replacing the name score's notes).
    pub notes: Vec<String>,
}

/// Scores an alignment of a query with a listed name of the given kind, scored as an
/// organisation's name or not, and listed for a person or not.
pub fn name_score(al: &Alignment, kind: NameKind, organisation: bool, person: bool) -> NameScore {
    if al.pairs.is_empty() || al.weight_q < 0.2 || al.weight_c <= 0.0 {
        return NameScore::default();
    }
    // Words left out in the middle (given and family name kept, middle names dropped) say
    // less against a match than words that differ at the ends. Not when each side has a word
    // the other lacks: then the names differ in the middle. Nor when the query's words are
    // common ones ("Muhammad Ahmed"): that its first and last words are the listed name's says
    // little, and between the two, only a confirming date of birth earns the allowance. The
    // same when the shorter name is the listed one and says little: "Mohammad Osman Ibrahim"
    // keeps the first and last words of "Muhammad IBRAHIM", which thousands of people share.
    let lenient = al.anchored && !al.words_differ && al.weight_q >= FULL_INFORMATION;
    let (score, notes) = scored(al, kind, organisation, lenient);
    let anchor_weight = if al.words_missing {
        al.weight_q.min(al.weight_c)
    } else {
        al.weight_q
    };
    let mut strict = if lenient && anchor_weight < LENIENT_INFORMATION {
        let (score, mut notes) = scored(al, kind, organisation, false);
        notes.push(if al.words_missing {
            "middle words missing from a name of common words, and no date of birth confirms it"
                .into()
        } else {
            "a name of common words, and no date of birth confirms it: its spelling differences count in full"
                .into()
        });
        Unconfirmed { score, notes }
    } else {
        Unconfirmed {
            score,
            notes: notes.clone(),
        }
    };
    // A query of common words that leaves listed words out ("Ahmed Youssef" / "Ahmed Youssef
    // JARAD") fits many more people than the listed one: what it leaves out counts more.
    if person && !organisation && al.weight_q < LENIENT_INFORMATION && al.paired_c < 1.0 {
        let factor = al.paired_c.powf(COMMON_WORDS_LEFT_OUT);
        strict.score *= factor;
        strict.notes.push(format!(
            "listed words left out of a name of common words, and no date of birth confirms it (x{factor:.2})"
        ));
    }
    // A person whose name words are only like the listed ones ("Hussain Niazi" / "Nazeeh
    // Hassoun"), not the same words or their usual spellings, is a namesake more often than
    // the listed person: the name alone is weaker evidence.
    if person && !organisation && al.resembling_share > 0.0 {
        let factor = 1.0 - RESEMBLANCE * al.resembling_share;
        strict.score *= factor;
        strict.notes.push(format!(
            "name words only resemble the listed ones, and no date of birth confirms it (x{factor:.2})"
        ));
    }
    let mut to_the_month = None;
    if let Some(factor) = unlisted_words_factor(al, organisation, person) {
        let note = format!(
            "name words the listed name lacks, and no date of birth to the month confirms it (x{factor:.2})"
        );
        strict.score *= factor;
        strict.notes.push(note.clone());
        let mut notes = notes.clone();
        notes.push(note);
        to_the_month = Some(Unconfirmed {
            score: score * factor,
            notes,
        });
    }
    NameScore {
        score,
        notes,
        unless_confirmed: (strict.score < score).then_some(strict),
        unless_confirmed_to_month: to_the_month,
    }
}

/// What a person's query that keeps name words the listed name lacks ("Abdul Rehman
/// Gillani" / "Hafiz Abdul REHMAN", "Muhammad Qasim Khatun" / "Muhammad QASIM") is multiplied
/// by unless a date of birth to the month or day confirms it: it is someone else as often as
/// the listed person. Not when the listed name has words of its own left over (then a word is
/// written differently, not added), nor when the listed name is rare words ("Karim Zubair
/// Nasrallah" / "Karim NASRALLAH"), which few others share.
fn unlisted_words_factor(al: &Alignment, organisation: bool, person: bool) -> Option<f32> {
    let applies = person
        && !organisation
        && al.unlisted_q > UNLISTED_SHARE
        && al.listed_all_paired
        && al.weight_c < LENIENT_INFORMATION;
    applies.then(|| (1.0 - al.unlisted_q).powf(UNLISTED_WORDS))
}

/// [`name_score`] with or without the allowance for middle words left out.
fn scored(al: &Alignment, kind: NameKind, organisation: bool, lenient: bool) -> (f32, Vec<String>) {
    let mut notes = Vec::new();
    let (eq, ec) = if lenient {
        LENIENT_EXPONENTS
    } else {
        STRICT_EXPONENTS
    };
    let mut score = al.cov_q.powf(eq) * al.cov_c.powf(ec);
    if lenient && al.words_missing {
        notes.push("middle words missing on one side".into());
    }
    if al.weight_q.min(al.weight_c) < FULL_INFORMATION {
        let mut factor = information_factor(al.weight_q, al.weight_c);
        // The listed name itself, written the same or as a spelling variant, always alerts.
        if al.cov_q >= 0.97 && al.cov_c >= 0.97 {
            factor = factor.max(EXACT_FLOOR / score.max(EXACT_FLOOR));
        }
        score *= factor;
        notes.push(format!(
            "short or common name: little information (x{factor:.2})"
        ));
    }
    if !al.same_order && al.pairs.len() > 1 {
        // People's names are written family name first or last; organisations keep their order.
        let factor = if organisation {
            OTHER_ORDER_ORGANISATION
        } else {
            OTHER_ORDER
        };
        score *= factor;
        notes.push(format!("words in another order (x{factor})"));
    }
    if al.kinship_crossed {
        score *= KINSHIP_CROSSED;
        notes.push(format!(
            "a name before \"bin\" on one side is after it on the other (x{KINSHIP_CROSSED})"
        ));
    } else if al.kunya_dropped && !organisation {
        score *= KUNYA_DROPPED;
        notes.push(format!(
            "a child's name after \"Abu\" on one side is the person's own name on the other (x{KUNYA_DROPPED})"
        ));
    } else if al.patronymics_differ && !organisation {
        score *= PATRONYMICS_DIFFER;
        notes.push(format!(
            "the patronymics differ: the sons of two fathers (x{PATRONYMICS_DIFFER})"
        ));
    } else if al.words_differ && !organisation {
        score *= WORDS_DIFFER;
        notes.push(format!(
            "each side has a name word the other lacks (x{WORDS_DIFFER})"
        ));
    }
    if kind == NameKind::Former {
        score *= FORMER;
        notes.push(format!("former name (x{FORMER})"));
    }
    if kind == NameKind::WeakAlias {
        score *= WEAK_ALIAS;
        notes.push(format!("weak alias (x{WEAK_ALIAS})"));
    }
    (score, notes)
}

/// Exponents of the name score `cov_q^a × cov_c^b`.
const STRICT_EXPONENTS: (f32, f32) = (0.55, 0.45);
/// The exponents when middle words are left out of a name that says enough (first and last
/// words paired): missing words cost less.
const LENIENT_EXPONENTS: (f32, f32) = (0.3, 0.25);

/// What the search's bound knows of a query and a listed name before aligning them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BoundInput {
    /// At most this share of the query's weight can be explained by the listed name.
    pub cov_q: f32,
    /// At most this share of the listed name's weight can be explained by the query.
    pub cov_c: f32,
    /// The query's and the listed name's total token weight (exact).
    pub weight_q: f32,
    pub weight_c: f32,
    /// The query's first and last words may pair with the listed name's ends.
    pub may_anchor: bool,
    /// Each side certainly keeps a name word the other lacks.
    pub words_differ: bool,
    /// The query is scored as an organisation's name.
    pub organisation: bool,
    /// Which confirmations the query can earn at all.
    pub confirmable: Confirmable,
}

/// The confirmations a query can earn: a date of birth only when it gives one, a nationality
/// only when it gives a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Confirmable {
    /// The query has a date of birth.
    pub birth_date: bool,
    /// The query has a country.
    pub country: bool,
}

/// The highest score, attributes included, that a listed name can reach given what `b` says:
/// the name score's formula with the exponents that may apply (the lenient ones only for a
/// query that says enough, may anchor, and whose words need not differ), the penalties that
/// certainly apply (little information, words that differ), and the strongest confirmations
/// the query can earn (none from a date of birth it does not give). Derived from the same
/// constants as [`name_score`] and [`combine`], so that the search's pruning can never drop a
/// name that would reach the floor. Returns the bound on the *name* score (before attributes)
/// when the confirmed bound reaches `floor`, and `None` when it cannot (decided by the cheaper
/// weighted arithmetic mean, never below the weighted geometric mean, where that suffices).
pub(crate) fn name_bound(b: &BoundInput, floor: f32) -> Option<f32> {
    let lenient = b.may_anchor && !b.words_differ && b.weight_q >= FULL_INFORMATION;
    let (eq, ec) = if lenient {
        LENIENT_EXPONENTS
    } else {
        STRICT_EXPONENTS
    };
    let mut factor = 1.0;
    // The listed name itself, however little it says, keeps its floor: no certain penalty.
    if b.cov_q < 0.97 || b.cov_c < 0.97 {
        factor *= information_factor(b.weight_q, b.weight_c);
    }
    if b.words_differ && !b.organisation {
        factor *= WORDS_DIFFER;
    }
    let sum = eq + ec;
    let mean = (eq * b.cov_q + ec * b.cov_c) / sum;
    // x^a y^b = (x^(a/s) y^(b/s))^s <= mean^s, with s = a + b <= 1.
    let loose = factor * if sum < 1.0 { mean.powf(sum) } else { mean };
    if best_confirmed(loose, b.confirmable) < floor {
        return None;
    }
    let tight = factor * b.cov_q.powf(eq) * b.cov_c.powf(ec);
    (best_confirmed(tight, b.confirmable) >= floor).then_some(tight)
}

/// The least share of a listed name's weight that the query must explain for [`name_bound`]
/// to let the name through, given at most `cov_q` of the query explained and `least` from
/// [`least_name_score`]: the bound's tight
/// test solved for `cov_c`, with the factors that only lower a score (little information,
/// words that differ) left at 1 and the lenient exponents wherever they may apply, so that it
/// is never more than a name that passes needs. `f32::INFINITY` when no name can pass.
pub(crate) fn least_listed_coverage(
    cov_q: f32,
    may_anchor: bool,
    weight_q: f32,
    least: f32,
) -> f32 {
    let lenient = may_anchor && weight_q >= FULL_INFORMATION;
    let (eq, ec) = if lenient {
        LENIENT_EXPONENTS
    } else {
        STRICT_EXPONENTS
    };
    if least <= 0.0 {
        return 0.0;
    }
    if cov_q <= 0.0 {
        return f32::INFINITY;
    }
    // cov_q^eq × cov_c^ec >= least, a little lower for rounding.
    (least / cov_q.powf(eq)).powf(1.0 / ec) * (1.0 - 1e-4)
}

/// The highest name score whose strongest confirmation still stays under `floor` ([`name_bound`]
/// lets through only names that score more), when findings certainly contradict by at least
/// each of `contradicted` ([`combine`] applies contradictions after confirmations, in the order
/// of the findings): the inverse of `best_confirmed`, which is monotone, found by bisection.
pub(crate) fn least_name_score(confirmable: Confirmable, contradicted: &[f32], floor: f32) -> f32 {
    let reaches = |name: f32| {
        let confirmed = best_confirmed(name, confirmable);
        contradicted
            .iter()
            .fold(confirmed, |score, c| score * (1.0 - c))
            >= floor
    };
    if reaches(0.0) {
        return 0.0;
    }
    let (mut below, mut above) = (0.0f32, 1.0f32);
    for _ in 0..32 {
        let mid = (below + above) / 2.0;
        if reaches(mid) {
            above = mid;
        } else {
            below = mid;
        }
    }
    below
}

/// The factor for a name that says little: 1 from [`FULL_INFORMATION`] down, less below it
/// (the lighter of the two sides counts).
fn information_factor(weight_q: f32, weight_c: f32) -> f32 {
    let information = weight_q.min(weight_c);
    if information < FULL_INFORMATION {
        0.6 + 0.4 * information / FULL_INFORMATION
    } else {
        1.0
    }
}

/// A name score raised by the strongest confirmations the query can earn: the same date of
/// birth and the same nationality (the strongest of each kind of finding).
fn best_confirmed(name: f32, can: Confirmable) -> f32 {
    let share = confirmation_share(name);
    let mut score = name;
    if can.birth_date {
        score = confirm(score, SAME_DATE_OF_BIRTH, share);
    }
    if can.country {
        score = confirm(score, SAME_NATIONALITY, share);
    }
    score
}

/// A score after a confirmation of strength `e`, applied in the share the name score earns.
fn confirm(score: f32, e: f32, share: f32) -> f32 {
    score + e * (1.0 - score) * share
}

/// How much of a confirmation applies to a name score: none below 0.5, all of it from 0.9.
fn confirmation_share(name: f32) -> f32 {
    ((name - 0.5) / 0.4).clamp(0.0, 1.0)
}

/// Applies attribute findings to a name score; returns the final score and each finding's
/// change to it, in the order given.
pub fn combine(name: f32, findings: &[&Finding]) -> (f32, Vec<f32>) {
    let mut deltas = vec![0.0; findings.len()];
    let score = apply_effects(name, findings.iter().map(|f| f.effect), &mut deltas);
    (score, deltas)
}

/// The highest final score a name score of at most `name` can reach with an entry whose
/// findings have these effects: [`combine`], taking a document number as deciding (which
/// it does when the names have a word in common). Monotone in `name`, so the search may drop
/// a name whose bound or score stays under the floor with its entry's own findings.
pub(crate) fn at_most_with(name: f32, effects: impl Iterator<Item = Effect> + Clone) -> f32 {
    let deciding = effects.map(|e| match e {
        Effect::SameDocument => Effect::Decisive,
        e => e,
    });
    apply_effects(name, deciding, &mut [])
}

/// [`combine`]'s rule: confirmations first, then contradictions, then identifiers, so the
/// order of attributes does not change the result. Each effect's change is added to its slot
/// of `deltas` where there is one.
fn apply_effects(
    name: f32,
    effects: impl Iterator<Item = Effect> + Clone,
    deltas: &mut [f32],
) -> f32 {
    let share = confirmation_share(name);
    let mut score = name;
    for pass in 0..3 {
        for (i, effect) in effects.clone().enumerate() {
            let before = score;
            match (pass, effect) {
                (0, Effect::Confirms(e)) => score = confirm(score, e, share),
                (1, Effect::Contradicts(c)) => score *= 1.0 - c,
                (2, Effect::Decisive) => score = score.max(0.9 + 0.1 * name),
                (2, Effect::SameDocument) if name >= 0.5 => score = score.max(0.9 + 0.1 * name),
                (2, Effect::SameDocument) => score = score.max(0.6),
                _ => continue,
            }
            if let Some(d) = deltas.get_mut(i) {
                *d += score - before;
            }
        }
    }
    score.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::finding;
    use proptest::prelude::*;

    proptest! {
        /// The least listed coverage that retrieval asks of a name one posting alone reaches
        /// is never more than a name the bound lets through has.
        #[test]
        fn a_name_the_bound_passes_has_the_least_listed_coverage(
            cov_q in 0.0f32..=1.0,
            cov_c in 0.0f32..=1.0,
            weight_q in 0.1f32..4.0,
            weight_c in 0.1f32..4.0,
            may_anchor in any::<bool>(),
            words_differ in any::<bool>(),
            organisation in any::<bool>(),
            birth_date in any::<bool>(),
            country in any::<bool>(),
            floor in 0.0f32..=1.0,
        ) {
            let confirmable = Confirmable { birth_date, country };
            let b = BoundInput {
                cov_q,
                cov_c,
                weight_q,
                weight_c,
                may_anchor,
                words_differ,
                organisation,
                confirmable,
            };
            if name_bound(&b, floor).is_some() {
                let least = least_name_score(confirmable, &[], floor);
                let need = least_listed_coverage(cov_q, may_anchor, weight_q, least);
                prop_assert!(cov_c >= need, "{b:?} at {floor}: needs {need}");
            }
        }

        /// A name score that reaches the floor with an entry born far from the query's dates
        /// (whatever its country says) is above the least score for such an entry.
        #[test]
        fn an_entry_born_far_away_reaches_the_floor_only_above_its_least_score(
            name in 0.0f32..=1.0,
            contradicted in crate::evidence::FAR_APART..=0.3,
            country in prop_oneof![
                Just(None),
                (0.0f32..=SAME_NATIONALITY).prop_map(|e| Some(Effect::Confirms(e))),
                (0.0f32..=0.3).prop_map(|c| Some(Effect::Contradicts(c))),
            ],
            floor in 0.0f32..=1.0,
        ) {
            let effects = [Some(Effect::Contradicts(contradicted)), country];
            let reached = at_most_with(name, effects.into_iter().flatten());
            let confirmable = Confirmable { birth_date: false, country: country.is_some() };
            let least = least_name_score(confirmable, &[crate::evidence::FAR_APART], floor);
            prop_assert!(reached < floor || name >= least, "{name} reaches {reached}, least {least}");
        }

        /// A name score that reaches the floor with an entry whose dates of birth cannot
        /// confirm the query's (it gives none, or only dates too far from them) is above the
        /// least score without a date's confirmation.
        #[test]
        fn an_entry_whose_birth_cannot_confirm_reaches_the_floor_only_above_its_least_score(
            name in 0.0f32..=1.0,
            birth in prop_oneof![
                Just(None),
                Just(Some(Effect::Confirms(0.0))),
                (0.0f32..=0.3).prop_map(|c| Some(Effect::Contradicts(c))),
            ],
            country in prop_oneof![
                Just(None),
                (0.0f32..=SAME_NATIONALITY).prop_map(|e| Some(Effect::Confirms(e))),
                (0.0f32..=0.3).prop_map(|c| Some(Effect::Contradicts(c))),
            ],
            floor in 0.0f32..=1.0,
        ) {
            let reached = at_most_with(name, [birth, country].into_iter().flatten());
            let confirmable = Confirmable { birth_date: false, country: country.is_some() };
            let least = least_name_score(confirmable, &[], floor);
            prop_assert!(reached < floor || name >= least, "{name} reaches {reached}, least {least}");
        }
    }

    #[test]
    fn attributes_cannot_make_a_weak_name_match() {
        let dob = finding(Effect::Confirms(0.5));
        assert_eq!(combine(0.45, &[&dob]).0, 0.45);
        let (s, d) = combine(0.85, &[&dob]);
        assert!(s > 0.85 && s < 1.0, "{s}");
        assert!((d[0] - (s - 0.85)).abs() < 1e-6);
    }

    #[test]
    fn contradiction_and_identifier() {
        let bad_dob = finding(Effect::Contradicts(0.3));
        assert!((combine(1.0, &[&bad_dob]).0 - 0.7).abs() < 1e-6);
        let id = finding(Effect::Decisive);
        assert!((combine(0.4, &[&bad_dob, &id]).0 - 0.94).abs() < 1e-6);
    }

    /// The search drops a name whose bound, with its entry's findings, stays under the floor:
    /// that bound is never below the score the findings give, and never falls as the name
    /// score rises (so a bound on the name bounds the final score).
    #[test]
    fn the_bound_with_an_entrys_findings_holds_and_rises_with_the_name() {
        let effects = [
            Effect::Confirms(SAME_DATE_OF_BIRTH),
            Effect::Confirms(SAME_NATIONALITY),
            Effect::Confirms(0.0),
            Effect::Contradicts(0.3),
            Effect::Contradicts(0.05),
            Effect::SameDocument,
            Effect::Decisive,
        ];
        for a in effects {
            for b in effects {
                let findings = [finding(a), finding(b)];
                let refs: Vec<&Finding> = findings.iter().collect();
                let mut last = 0.0;
                for step in 0..=200 {
                    let name = step as f32 / 200.0;
                    let bound = at_most_with(name, [a, b].into_iter());
                    assert!(bound >= combine(name, &refs).0, "{a:?} {b:?} at {name}");
                    assert!(bound >= last - 1e-6, "{a:?} {b:?} falls at {name}");
                    last = bound;
                }
            }
        }
        // A date of birth of another year keeps a perfect name under 0.75.
        let other_year = [Effect::Contradicts(0.3), Effect::Confirms(SAME_NATIONALITY)];
        assert!(at_most_with(1.0, other_year.into_iter()) < 0.75);
    }

    /// An alignment of a two-word query with the first and last of three listed words.
    fn first_and_last_of_three(weight_q: f32) -> Alignment {
        use crate::align::{AlignedPair, PairRule};
        use crate::prepare::UnitSpan;
        let pair = |q: u8, c: u8| AlignedPair {
            q: UnitSpan { start: q, len: 1 },
            c: UnitSpan { start: c, len: 1 },
            score: 1.0,
            rule: PairRule::Exact,
        };
        Alignment {
            pairs: vec![pair(0, 0), pair(1, 2)],
            q_matched: 0b11,
            c_matched: 0b101,
            cov_q: 1.0,
            cov_c: 0.6,
            paired_c: 0.6,
            weight_q,
            weight_c: 3.0,
            same_order: true,
            anchored: true,
            words_missing: true,
            ..Alignment::default()
        }
    }

    #[test]
    fn middle_words_left_out_of_common_words_need_a_date_of_birth() {
        let rare = name_score(
            &first_and_last_of_three(2.0),
            NameKind::Primary,
            false,
            true,
        );
        assert!(rare.score >= DEFAULT_THRESHOLD && rare.unless_confirmed.is_none());
        let common = name_score(
            &first_and_last_of_three(1.7),
            NameKind::Primary,
            false,
            true,
        );
        let strict = common
            .unless_confirmed
            .expect("a stricter score without a DOB");
        assert!(common.score >= DEFAULT_THRESHOLD, "{}", common.score);
        assert!(strict.score < DEFAULT_THRESHOLD, "{}", strict.score);
        let few = name_score(
            &first_and_last_of_three(1.2),
            NameKind::Primary,
            false,
            true,
        );
        assert!(few.score < DEFAULT_THRESHOLD);
    }

    #[test]
    fn a_query_of_common_words_that_leaves_listed_words_out_needs_a_date_of_birth() {
        // "Ahmed Youssef" / "Ahmed Youssef JARAD": two of three listed words, in order, the
        // listed surname left out.
        let two_of_three = |weight_q: f32| Alignment {
            pairs: first_and_last_of_three(weight_q).pairs,
            c_matched: 0b011,
            cov_q: 1.0,
            cov_c: 0.63,
            paired_c: 0.63,
            weight_q,
            weight_c: 2.4,
            same_order: true,
            words_missing: true,
            ..Alignment::default()
        };
        let common = name_score(&two_of_three(1.7), NameKind::Primary, false, true);
        assert!(common.score >= DEFAULT_THRESHOLD, "{}", common.score);
        let strict = common
            .unless_confirmed
            .expect("a stricter score without a DOB");
        assert!(strict.score < DEFAULT_THRESHOLD, "{}", strict.score);
        assert!(strict.notes.iter().any(|n| n.contains("left out")));
        // A query that says enough, or an organisation's name, keeps its score.
        let rare = name_score(&two_of_three(2.0), NameKind::Primary, false, true);
        assert!(rare.unless_confirmed.is_none());
        let company = name_score(&two_of_three(1.7), NameKind::Primary, true, false);
        assert!(company.unless_confirmed.is_none());
    }

    #[test]
    fn words_that_only_resemble_need_a_date_of_birth() {
        let al = |resembling_share| Alignment {
            resembling_share,
            ..first_and_last_of_three(2.0)
        };
        let same = name_score(&al(0.0), NameKind::Primary, false, true);
        assert!(same.unless_confirmed.is_none());
        let like = name_score(&al(1.0), NameKind::Primary, false, true);
        let strict = like
            .unless_confirmed
            .expect("a stricter score without a DOB");
        assert_eq!(like.score, same.score);
        assert!((strict.score - like.score * (1.0 - RESEMBLANCE)).abs() < 1e-6);
        assert!(strict.notes.iter().any(|n| n.contains("only resemble")));
        let half = name_score(&al(0.5), NameKind::Primary, false, true);
        assert!(half.unless_confirmed.unwrap().score > strict.score);
        // Organisation names are not given names that repeat across a population.
        let org = name_score(&al(1.0), NameKind::Primary, true, true);
        assert!(org.unless_confirmed.is_none());
        let org = name_score(&al(1.0), NameKind::Primary, false, false);
        assert!(org.unless_confirmed.is_none());
    }

    #[test]
    fn order_of_findings_does_not_matter() {
        let a = finding(Effect::Confirms(0.5));
        let b = finding(Effect::Contradicts(0.1));
        assert_eq!(combine(0.9, &[&a, &b]).0, combine(0.9, &[&b, &a]).0);
    }
}
