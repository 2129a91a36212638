//! Token alignment: pairing the words of a query name with the words of a listed name.
//!
//! Each query token pairs with at most one listed token, or a run of two or three query tokens
//! with one listed token and the other way round (names written together or apart:
//! "Abdulrahman" / "Abd al-Rahman", "Ramimakhlouf" / "Rami Makhlouf"). Pairs are chosen greedily,
//! most similar first and, among equally similar pairs, heaviest first (a pair's mass is its
//! similarity times the weight of the tokens it covers), so that two exact pairs win over one
//! looser pair that spans both words.

use crate::bound::{bytes_in, first_byte};
use crate::prepare::{NameToken, UnitSpan};
use interdict_names::{Similarity, SimilarityRule, TokenClass};

/// Least pair score at which two patronymics are spellings of one ("Nikolayevich" /
/// "Nikolaevich") rather than two fathers' names.
const SAME_PATRONYMIC: f32 = 0.9;

/// Similarity given to an initial and a word that starts with it ("M." and "Muhammad").
const INITIAL: f32 = 0.7;
/// Similarity given to a word made of the initials of words on the other side.
const ABBREVIATION: f32 = 0.9;
/// Least similarity of the pairs at both ends of a name for the name to count as anchored.
pub(crate) const ANCHOR: f32 = 0.85;

/// A candidate pairing of a query unit with a listed unit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub q: UnitSpan,
    pub c: UnitSpan,
    pub sim: Similarity,
    /// The weight of the listed unit's tokens, for the search's bound.
    pub c_weight: f32,
}

/// Why a pair of words was matched, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairRule {
    /// Same word.
    Exact,
    /// Same after romanisation folding.
    Spelling,
    /// Same consonants, other vowels.
    Vowels,
    /// A few letters differ (typos).
    Edits,
    /// Written together on one side, apart on the other; the inner rule says how alike they are.
    Joined(SimilarityRule),
    /// A short form of a given name and the name (Ted / Theodore).
    ShortForm,
    /// An initial and a word starting with it.
    Initial,
    /// A word made of the initials of words on the other side ("GmbH" and "Gesellschaft mit
    /// beschränkter Haftung", "JC" and "Jean-Claude").
    Abbreviation,
    /// Two particles (al / el / ud / e / i), which transliterations swap freely.
    Particle,
}

impl PairRule {
    /// A short phrase for explanations.
    pub fn describe(&self) -> String {
        match self {
            PairRule::Exact => "same word".into(),
            PairRule::Spelling => "spelling variant".into(),
            PairRule::Vowels => "same consonants, other vowels".into(),
            PairRule::Edits => "letters differ".into(),
            PairRule::Joined(SimilarityRule::Exact) => "same, written together/apart".into(),
            PairRule::Joined(r) => format!("written together/apart, {}", r.describe()),
            PairRule::ShortForm => "short form of the name".into(),
            PairRule::Initial => "initial".into(),
            PairRule::Abbreviation => "abbreviation of the words".into(),
            PairRule::Particle => "particle variant".into(),
        }
    }
}

/// One chosen pair.
#[derive(Debug, Clone, Copy)]
pub struct AlignedPair {
    pub(crate) q: UnitSpan,
    pub(crate) c: UnitSpan,
    /// Similarity 0..=1.
    pub score: f32,
    /// Why.
    pub rule: PairRule,
}

impl AlignedPair {
    /// Whether the two words are only alike letter by letter (other vowels, a few letters
    /// different), not the same word, a known spelling variant, a short form or an initial.
    fn only_resembles(&self) -> bool {
        let letters = matches!(
            self.rule,
            PairRule::Vowels
                | PairRule::Edits
                | PairRule::Joined(SimilarityRule::Vowels | SimilarityRule::Edits)
        );
        letters && self.score < RESEMBLING
    }
}

/// Pairs of words alike by their letters below this similarity only resemble each other;
/// from it they are the usual spellings of one name (Mohammed / Muhammad, Hossain / Hossein).
const RESEMBLING: f32 = 0.94;

/// The result of aligning two names.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// The chosen pairs, in query order.
    pub pairs: Vec<AlignedPair>,
    /// Bit mask of matched query tokens.
    pub q_matched: u32,
    /// Bit mask of matched listed tokens.
    pub c_matched: u32,
    /// Share of the query's weight explained by the listed name (0..=1).
    pub cov_q: f32,
    /// Share of the listed name's weight explained by the query (0..=1).
    pub cov_c: f32,
    /// Share of the listed name's weight in words paired at all, however loosely (0..=1): what
    /// the query leaves out is the rest.
    pub paired_c: f32,
    /// Share of the query's weight in name words written in Latin letters and left unpaired
    /// (0..=1): words the listed name lacks (not particles or titles). A word read from
    /// another script that pairs with nothing is more often read wrongly than added.
    pub unlisted_q: f32,
    /// Whether every listed token but titles (Hafiz, Haji) is paired: what the query has over
    /// is added words, not listed words written differently ("AK-ASSAD" / "AL-ASSAD").
    pub listed_all_paired: bool,
    /// Sum of query token weights.
    pub weight_q: f32,
    /// Sum of listed token weights.
    pub weight_c: f32,
    /// Whether the matched words come in the same order on both sides.
    pub same_order: bool,
    /// Whether the first and last name words of each side pair with each other (in either
    /// order), so that what is missing lies in between: middle names left out on one side.
    pub anchored: bool,
    /// Whether some token of either side is left unpaired.
    pub words_missing: bool,
    /// Whether a name word stands before "bin" (or another kinship word) on one side and after
    /// it on the other: "Salman bin Muhammad" is the son of the father of "Muhammad bin Salman".
    pub kinship_crossed: bool,
    /// Whether a word is a child's name after "Abu" (or "Umm") on one side and a name of the
    /// person's own on the other: "Abu Maryam al-Saudi" is called after his daughter Maryam,
    /// "Maryam al-Saadi" is Maryam.
    pub kunya_dropped: bool,
    /// Whether both sides keep a name word the other lacks: the names differ in a word
    /// ("Rustam Ibrahimovich Aselderov" / "Rustam Magomedovich Aselderov"), which is not a
    /// middle name left out.
    pub words_differ: bool,
    /// Whether the two names give two fathers' patronymics ("Doku Mukhamedovich" / "Doku
    /// Khamatovich"), neither spellings of one nor a typo apart: the sons of two fathers.
    pub patronymics_differ: bool,
    /// Share of the query's weight in words that only resemble their listed words, letter by
    /// letter, in the same script ("Niazi" / "Nazeeh", "Zaidi" / "Saeedi"): no word the same,
    /// no known spelling variant, no short form or initial.
    pub resembling_share: f32,
}

/// Positions of the first and last tokens that are name words (not particles, titles,
/// initials or patronymics, which are middle names wherever they stand: "Umarov Doku
/// Khamatovich"), if there are two.
pub(crate) fn ends(tokens: &[NameToken]) -> Option<(usize, usize)> {
    let word = |t: &NameToken| {
        matches!(t.class, TokenClass::Word | TokenClass::Kinship)
            && !interdict_names::is_patronymic(&t.text)
    };
    let first = tokens.iter().position(word)?;
    let last = tokens.iter().rposition(word)?;
    (first < last).then_some((first, last))
}

pub(crate) fn span_weight(tokens: &[NameToken], s: UnitSpan) -> f32 {
    tokens[s.start as usize..(s.start + s.len) as usize]
        .iter()
        .map(|t| t.weight)
        .sum()
}

/// The weight of a span without the particles a run took in.
fn word_weight(tokens: &[NameToken], s: UnitSpan) -> f32 {
    let slice = &tokens[s.start as usize..(s.start + s.len) as usize];
    if slice.len() == 1 {
        return slice[0].weight;
    }
    slice
        .iter()
        .filter(|t| t.class != TokenClass::Particle)
        .map(|t| t.weight)
        .sum()
}

fn rule_of(e: &Edge) -> PairRule {
    if e.q.len > 1 || e.c.len > 1 {
        return PairRule::Joined(e.sim.rule);
    }
    match e.sim.rule {
        SimilarityRule::Exact => PairRule::Exact,
        SimilarityRule::Spelling => PairRule::Spelling,
        SimilarityRule::Vowels => PairRule::Vowels,
        SimilarityRule::Edits => PairRule::Edits,
        SimilarityRule::ShortForm => PairRule::ShortForm,
        // Only particle pairs get past the minimum similarity while "different".
        SimilarityRule::Different => PairRule::Particle,
    }
}

/// Aligns `q` with `c` using the candidate `edges` (in any order); `people` when both are
/// people's names, whose words written together are initials only when they cannot be a name
/// syllable (see [`match_abbreviations`]).
pub(crate) fn align(
    q: &[NameToken],
    c: &[NameToken],
    edges: &mut [Edge],
    people: bool,
) -> Alignment {
    let mut out = Alignment {
        weight_q: q.iter().map(|t| t.weight).sum(),
        weight_c: c.iter().map(|t| t.weight).sum(),
        ..Alignment::default()
    };
    pair_best_first(q, c, edges, &mut out);
    match_initials(q, c, &mut out);
    match_abbreviations(q, c, &mut out, people);
    match_abbreviations_reversed(q, c, &mut out, people);
    out.pairs.sort_by_key(|p| p.q.start);
    describe_arrangement(q, c, &mut out);
    measure_coverage(q, c, &mut out);
    out
}

/// Chooses pairs among `edges`, most similar first, each token in one pair at most.
fn pair_best_first(q: &[NameToken], c: &[NameToken], edges: &mut [Edge], out: &mut Alignment) {
    // A pair's mass counts the name words it covers; particles a run takes in do not add to it,
    // so that "al" goes to the run that needs it ("Abd al" / "Abdul") rather than to one that
    // merely can take it ("al Latif" / "Latif").
    let mass = |e: &Edge| e.sim.score * (word_weight(q, e.q) + word_weight(c, e.c));
    // Similarities are compared in steps of 0.05, so that among near-equal pairs the heavier
    // wins: a run written together on one side ("Arefullah") over one of its words alone; on
    // equal mass the pair of fewer tokens.
    let level = |e: &Edge| (e.sim.score * 20.0).round() as i32;
    // A particle paired with a particle is no evidence: it waits until the runs that take
    // particles in ("Abdalkhaliq" / "Abd al-Khaliq") have had theirs.
    let particles_only = |e: &Edge| {
        let only = |tokens: &[NameToken], s: UnitSpan| {
            tokens[s.start as usize..(s.start + s.len) as usize]
                .iter()
                .all(|t| t.class == TokenClass::Particle)
        };
        only(q, e.q) && only(c, e.c)
    };
    edges.sort_by(|a, b| {
        particles_only(a)
            .cmp(&particles_only(b))
            .then_with(|| level(b).cmp(&level(a)))
            .then_with(|| mass(b).total_cmp(&mass(a)))
            .then_with(|| (a.q.len + a.c.len).cmp(&(b.q.len + b.c.len)))
    });
    for e in edges.iter() {
        let (qm, cm) = (e.q.mask(), e.c.mask());
        if out.q_matched & qm != 0 || out.c_matched & cm != 0 {
            continue;
        }
        out.q_matched |= qm;
        out.c_matched |= cm;
        out.pairs.push(AlignedPair {
            q: e.q,
            c: e.c,
            score: e.sim.score,
            rule: rule_of(e),
        });
    }
}

/// How the chosen pairs lie: in order or not, words left over, names that differ in a word,
/// kinship words crossed, a kunya dropped, first and last words paired.
fn describe_arrangement(q: &[NameToken], c: &[NameToken], out: &mut Alignment) {
    // Legal forms stand before or after the name as the language has it ("OAO Gazprom",
    // "Gazprom JSC"): where they stand is not word order.
    let legal_form = |tokens: &[NameToken], s: UnitSpan| {
        s.len == 1 && tokens[s.start as usize].class == TokenClass::LegalForm
    };
    let ordered: Vec<&AlignedPair> = out
        .pairs
        .iter()
        .filter(|p| !legal_form(q, p.q) && !legal_form(c, p.c))
        .collect();
    out.same_order = ordered.windows(2).all(|w| w[0].c.start < w[1].c.start);
    let all = |n: usize| if n >= 32 { u32::MAX } else { (1u32 << n) - 1 };
    out.words_missing = out.q_matched != all(q.len()) || out.c_matched != all(c.len());
    out.listed_all_paired = c
        .iter()
        .enumerate()
        .all(|(i, t)| i >= 32 || out.c_matched & (1 << i) != 0 || t.class == TokenClass::Honorific);
    // Words of four letters or more: shorter ones (the syllables of Korean given names) are
    // left unpaired by a single typo. Not words read from another script, whose spellings
    // differ more than a typo's.
    let unpaired_word = |tokens: &[NameToken], matched: u32| {
        tokens.iter().enumerate().any(|(i, t)| {
            matched & (1 << i) == 0
                && t.class == TokenClass::Word
                && t.folded.len() >= 4
                && !t.transliterated
                && !t.vowelless
        })
    };
    out.words_differ = unpaired_word(q, out.q_matched) && unpaired_word(c, out.c_matched);
    out.patronymics_differ = patronymics_differ(q, c, out);
    out.kinship_crossed = kinship_crossed(q, c, &out.pairs);
    out.kunya_dropped = kunya_dropped(q, c, out);
    // Syllables of Chinese and Korean names are not name parts: one left out changes the name.
    let syllables = q.iter().chain(c).any(|t| t.syllable);
    if let (Some((qa, qz)), Some((ca, cz)), false) = (ends(q), ends(c), syllables) {
        let paired = |qi: usize, ci: usize| {
            out.pairs.iter().any(|p| {
                p.score >= ANCHOR
                    && (p.q.start as usize..(p.q.start + p.q.len) as usize).contains(&qi)
                    && (p.c.start as usize..(p.c.start + p.c.len) as usize).contains(&ci)
            })
        };
        out.anchored = (paired(qa, ca) && paired(qz, cz)) || (paired(qa, cz) && paired(qz, ca));
    }
}

/// The shares of each side's weight the pairs explain (by their credit), the listed share
/// they pair at all, the query's share in Latin words they leave unpaired, and the query's
/// share in words that only resemble their listed words.
fn measure_coverage(q: &[NameToken], c: &[NameToken], out: &mut Alignment) {
    let (mut got_q, mut got_c, mut resembling) = (0.0, 0.0, 0.0);
    let mut paired_c = 0.0;
    let translit = |tokens: &[NameToken], s: UnitSpan| {
        tokens[s.start as usize..(s.start + s.len) as usize]
            .iter()
            .any(|t| t.transliterated)
    };
    for p in &out.pairs {
        let cross_script = translit(q, p.q) || translit(c, p.c);
        let credit = pair_credit(p.score, translit(q, p.q), translit(c, p.c));
        got_q += credit * span_weight(q, p.q);
        got_c += credit * span_weight(c, p.c);
        paired_c += span_weight(c, p.c);
        if !cross_script && p.only_resembles() {
            resembling += span_weight(q, p.q);
        }
    }
    // A part of a total weight as a share of it, 0 for a side that weighs nothing.
    let share = |part: f32, whole: f32| {
        if whole > 0.0 {
            (part / whole).min(1.0)
        } else {
            0.0
        }
    };
    out.resembling_share = share(resembling, out.weight_q);
    out.cov_q = share(got_q, out.weight_q);
    out.cov_c = share(got_c, out.weight_c);
    out.paired_c = share(paired_c, out.weight_c);
    let unlisted: f32 = q
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            *i < 32
                && out.q_matched & (1 << i) == 0
                && t.class == TokenClass::Word
                && !t.transliterated
        })
        .map(|(_, t)| t.weight)
        .sum();
    out.unlisted_q = share(unlisted, out.weight_q);
}

/// Whether the names give two fathers' patronymics (see [`Alignment::patronymics_differ`]).
/// Patronymics share their ending, so two fathers' names ("Mukhamedovich" / "Khamatovich")
/// pair as letters that differ: only a spelling variant (pair score 0.9 or more) or a typo in
/// the father's name is the same. Or each side has a patronymic left unpaired.
fn patronymics_differ(q: &[NameToken], c: &[NameToken], out: &Alignment) -> bool {
    let patronymic = |tokens: &[NameToken], s: UnitSpan| {
        s.len == 1 && interdict_names::is_patronymic(&tokens[s.start as usize].text)
    };
    let other_father = out.pairs.iter().any(|p| {
        p.score < SAME_PATRONYMIC
            && patronymic(q, p.q)
            && patronymic(c, p.c)
            && !interdict_names::same_father(
                &q[p.q.start as usize].text,
                &c[p.c.start as usize].text,
            )
    });
    let unpaired = |tokens: &[NameToken], matched: u32| {
        tokens.iter().enumerate().any(|(i, t)| {
            i < 32 && matched & (1 << i) == 0 && interdict_names::is_patronymic(&t.text)
        })
    };
    other_father || (unpaired(q, out.q_matched) && unpaired(c, out.c_matched))
}

/// Words that make the next word a child's name (a kunya: "Abu Bakr", "Umm Kulthum").
const KUNYA: [&str; 5] = ["abu", "abou", "abo", "umm", "oum"];

/// Whether a pair's name word follows an unpaired kunya word on one side, and on the other
/// nothing unpaired stands before it that could be the kunya ("A. Abdeljalil" may be "Abou
/// Abdeljalil"): a child's name on one side is the person's own name on the other.
fn kunya_dropped(q: &[NameToken], c: &[NameToken], out: &Alignment) -> bool {
    let unpaired_before = |matched: u32, s: UnitSpan| {
        let i = usize::from(s.start);
        i > 0 && matched & (1 << (i - 1)) == 0
    };
    let after_kunya = |tokens: &[NameToken], matched: u32, s: UnitSpan| {
        let i = usize::from(s.start);
        unpaired_before(matched, s)
            && KUNYA.contains(&tokens[i - 1].text.as_str())
            && tokens[i].class == TokenClass::Word
    };
    out.pairs.iter().any(|p| {
        (after_kunya(c, out.c_matched, p.c) && !unpaired_before(out.q_matched, p.q))
            || (after_kunya(q, out.q_matched, p.q) && !unpaired_before(out.c_matched, p.c))
    })
}

/// Whether name words trade places around the first kinship word of each name (both names
/// having one, with name words on both sides).
fn kinship_crossed(q: &[NameToken], c: &[NameToken], pairs: &[AlignedPair]) -> bool {
    let first_kinship =
        |tokens: &[NameToken]| tokens.iter().position(|t| t.class == TokenClass::Kinship);
    let (Some(kq), Some(kc)) = (first_kinship(q), first_kinship(c)) else {
        return false;
    };
    // Only names with a word on both sides of it say whose son is whom ("bin Salman Mohammed"
    // is a reordering, not another person).
    let both_sides = |tokens: &[NameToken], k: usize| {
        let word = |t: &NameToken| t.class == TokenClass::Word;
        tokens[..k].iter().any(word) && tokens[k + 1..].iter().any(word)
    };
    if !both_sides(q, kq) || !both_sides(c, kc) {
        return false;
    }
    // The father's and the son's names trade places: one word moves from before "bin" to
    // after it and another the other way (a single word that moves may be a repeated name).
    let moved = |forward: bool| {
        pairs.iter().any(|p| {
            let (qi, ci) = (usize::from(p.q.start), usize::from(p.c.start));
            let words = q[qi].class == TokenClass::Word && c[ci].class == TokenClass::Word;
            words && (qi < kq) == forward && (ci < kc) != forward
        })
    };
    moved(true) && moved(false)
}

/// Pairs a leftover word of `q` that is the initials of a run of two to six leftover
/// consecutive words of `c` ("bv" / "Besloten Vennootschap", "jc" / "Jean Claude"). Between
/// people's names, only a word without vowels counts as initials: "Sa", "Si" or "Ha" is a name
/// of its own or a syllable of one ("KHUN SA", "Si-woo", "Ha-rin"), not "Sakeena Abdallah".
fn match_abbreviations(q: &[NameToken], c: &[NameToken], out: &mut Alignment, people: bool) {
    for (qi, qt) in q.iter().enumerate() {
        // A run spells each letter with a word of its own: a five-letter word cannot be the
        // initials of a three-word name.
        if out.q_matched & (1 << qi) != 0
            || !(2..=6).contains(&qt.text.len())
            || qt.text.len() > c.len()
            || (people && !may_be_initials(qt))
        {
            continue;
        }
        let Some((start, len)) = initials_run(&qt.text, c, out.c_matched) else {
            continue;
        };
        let run = UnitSpan {
            start: start as u8,
            len: len as u8,
        };
        out.q_matched |= 1 << qi;
        out.c_matched |= run.mask();
        out.pairs.push(AlignedPair {
            q: UnitSpan {
                start: qi as u8,
                len: 1,
            },
            c: run,
            score: ABBREVIATION,
            rule: PairRule::Abbreviation,
        });
    }
}

/// Whether a word of a person's name may be initials written together: Latin letters as
/// written (not transliterated, where vowels are often not written) and no vowel among them.
pub(crate) fn may_be_initials(t: &NameToken) -> bool {
    !t.transliterated && !t.syllable && !t.text.bytes().any(|b| b"aeiou".contains(&b))
}

/// [`match_abbreviations`] with the abbreviation on the listed side.
fn match_abbreviations_reversed(
    q: &[NameToken],
    c: &[NameToken],
    out: &mut Alignment,
    people: bool,
) {
    let mut flipped = Alignment {
        q_matched: out.c_matched,
        c_matched: out.q_matched,
        ..Alignment::default()
    };
    match_abbreviations(c, q, &mut flipped, people);
    for p in flipped.pairs {
        out.q_matched |= p.c.mask();
        out.c_matched |= p.q.mask();
        out.pairs.push(AlignedPair {
            q: p.c,
            c: p.q,
            ..p
        });
    }
}

/// The first run of consecutive unmatched tokens whose first letters spell `abbreviation`;
/// particles inside the run may be left out of it ("EIRL", Empresa Individual de
/// Responsabilidad Limitada).
fn initials_run(abbreviation: &str, tokens: &[NameToken], matched: u32) -> Option<(usize, usize)> {
    (0..tokens.len()).find_map(|start| initials_run_at(abbreviation, tokens, matched, start))
}

/// [`initials_run`] starting at `start`: the run's end, if one starts there.
fn initials_run_at(
    abbreviation: &str,
    tokens: &[NameToken],
    matched: u32,
    start: usize,
) -> Option<(usize, usize)> {
    let free = |i: usize| matched & (1 << i) == 0;
    let spells = |t: &NameToken, b: u8| t.text.as_bytes().first() == Some(&b);
    let mut i = start;
    for b in abbreviation.bytes() {
        while i < tokens.len()
            && i > start
            && tokens[i].class == TokenClass::Particle
            && !spells(&tokens[i], b)
            && free(i)
        {
            i += 1;
        }
        if i >= tokens.len() || !free(i) || !spells(&tokens[i], b) {
            return None;
        }
        i += 1;
    }
    Some((start, i - start))
}

/// The most that the pairs [`align`] makes beyond the edges it is given (initials and
/// abbreviations, see [`match_initials`] and [`match_abbreviations`]) can add, for the search's
/// bound: each query token's best credit is raised in `q_best`, and the weight of listed
/// tokens they could explain, times its credit, is returned. Every run
/// any leftover state could pair is counted (a run possible with some words already paired is
/// possible with none), so this never counts less than an alignment makes. `people` as for
/// [`align`]: then only a word that [`may_be_initials`] abbreviates.
pub(crate) fn structural_credit(
    q: &[NameToken],
    c: &[NameToken],
    q_best: &mut [f32],
    people: bool,
) -> f32 {
    let tr = |t: &NameToken| t.transliterated;
    let mut got_c = 0.0;
    let initial = |t: &NameToken| t.class == TokenClass::Initial;
    if q.iter().any(initial) || c.iter().any(initial) {
        for (qi, qt) in q.iter().enumerate() {
            for ct in c {
                let q_initial = initial(qt) && ct.class == TokenClass::Word;
                let c_initial = initial(ct) && qt.class == TokenClass::Word;
                if (q_initial || c_initial)
                    && qt.text.as_bytes().first() == ct.text.as_bytes().first()
                {
                    let credit = pair_credit(INITIAL, tr(qt), tr(ct));
                    q_best[qi] = q_best[qi].max(credit);
                    got_c += credit * ct.weight;
                }
            }
        }
    }
    let span_translit =
        |tokens: &[NameToken], start: usize, len: usize| tokens[start..start + len].iter().any(tr);
    // An abbreviation of n letters needs n words on the other side, starting with its letters.
    let (q_starts, c_starts) = (first_bytes(q), first_bytes(c));
    let abbreviates = |t: &NameToken, other: &[NameToken], starts: u32| {
        (2..=6).contains(&t.text.len())
            && t.text.len() <= other.len()
            && (!people || may_be_initials(t))
            && bytes_in(&t.text) & !starts == 0
    };
    for (qi, qt) in q
        .iter()
        .enumerate()
        .filter(|(_, t)| abbreviates(t, c, c_starts))
    {
        for start in 0..c.len() {
            if let Some((start, len)) = initials_run_at(&qt.text, c, 0, start) {
                let credit = pair_credit(ABBREVIATION, tr(qt), span_translit(c, start, len));
                q_best[qi] = q_best[qi].max(credit);
                got_c += credit * c[start..start + len].iter().map(|t| t.weight).sum::<f32>();
            }
        }
    }
    for ct in c.iter().filter(|t| abbreviates(t, q, q_starts)) {
        for start in 0..q.len() {
            if let Some((start, len)) = initials_run_at(&ct.text, q, 0, start) {
                let credit = pair_credit(ABBREVIATION, span_translit(q, start, len), tr(ct));
                for best in &mut q_best[start..start + len] {
                    *best = best.max(credit);
                }
                got_c += credit * ct.weight;
            }
        }
    }
    got_c
}

/// The first bytes of `tokens` as a set, as [`bytes_in`] makes it.
fn first_bytes(tokens: &[NameToken]) -> u32 {
    tokens.iter().fold(0, |set, t| set | first_byte(t))
}

/// Pairs leftover initials with leftover words that start with the same letter.
fn match_initials(q: &[NameToken], c: &[NameToken], out: &mut Alignment) {
    for (qi, qt) in q.iter().enumerate() {
        if out.q_matched & (1 << qi) != 0 {
            continue;
        }
        for (ci, ct) in c.iter().enumerate() {
            if out.c_matched & (1 << ci) != 0 {
                continue;
            }
            let q_initial = qt.class == TokenClass::Initial && ct.class == TokenClass::Word;
            let c_initial = ct.class == TokenClass::Initial && qt.class == TokenClass::Word;
            if (q_initial || c_initial) && qt.text.as_bytes()[0] == ct.text.as_bytes()[0] {
                out.q_matched |= 1 << qi;
                out.c_matched |= 1 << ci;
                out.pairs.push(AlignedPair {
                    q: UnitSpan {
                        start: qi as u8,
                        len: 1,
                    },
                    c: UnitSpan {
                        start: ci as u8,
                        len: 1,
                    },
                    score: INITIAL,
                    rule: PairRule::Initial,
                });
                break;
            }
        }
    }
}

/// How much of a pair's weight counts as explained, given its similarity: all of it from 0.9
/// (spelling and vowel variants), then falling twice as fast as the similarity, so that a typo in
/// a short word still counts for something while loose pairs count for little.
pub(crate) fn credit(similarity: f32) -> f32 {
    if similarity >= 0.9 {
        similarity
    } else {
        (0.9 - 2.0 * (0.9 - similarity)).max(0.0)
    }
}

/// The credit of a pair whose query and listed sides are transliterated or not: [`credit`], or
/// [`cross_script_credit`] when exactly one side is. The score and the search's bound both
/// count pairs with it.
pub(crate) fn pair_credit(similarity: f32, q_transliterated: bool, c_transliterated: bool) -> f32 {
    if q_transliterated != c_transliterated {
        cross_script_credit(similarity)
    } else {
        credit(similarity)
    }
}

/// [`credit`] for a pair written in two scripts, one side transliterated: the letters differ by
/// the transliteration's choices rather than by mistakes, so looser pairs count for more.
pub(crate) fn cross_script_credit(similarity: f32) -> f32 {
    if similarity >= 0.85 {
        similarity
    } else {
        (0.85 - 1.5 * (0.85 - similarity)).max(0.0)
    }
}

/// Similarity of a short form of a given name and the name (Ted / Theodore): below a spelling
/// variant, so that the name as written ranks first.
pub(crate) const SHORT_FORM: f32 = 0.88;

/// Particles pair with each other at this similarity whatever their letters.
pub(crate) const PARTICLE_SIM: f32 = 0.8;

/// The least similarity at which two units of these folded lengths count as a pair: short
/// words must be closer than long ones.
pub(crate) fn min_similarity(len_a: usize, len_b: usize) -> f32 {
    match (len_a.min(len_b), len_a.max(len_b)) {
        (0..=2, _) => 0.9,
        // Two words of three letters: a vowel may differ (Ali/Aly), not a consonant (EQT/EKT).
        (_, 3) => 0.85,
        (3..=4, _) => 0.66,
        _ => 0.62,
    }
}

/// One side of a unit comparison: texts, class (single tokens only) and script.
pub(crate) struct UnitForm<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub class: Option<TokenClass>,
    pub vowelless: bool,
}

/// Compares a query's unit `a` with a listed unit `b`, allowing particles to pair freely;
/// `None` below the minimum similarity.
pub(crate) fn unit_similarity(a: &UnitForm<'_>, b: &UnitForm<'_>) -> Option<Similarity> {
    unit_similarity_at_least(a, b, 0.0)
}

/// [`unit_similarity`] keeping only pairs of at least `floor` (particles aside); a query's word
/// and a listed particle that is never a name ([`interdict_names::is_never_a_name`]: "Ali" /
/// "al", "Abd" / "and") are no pair at all.
pub(crate) fn unit_similarity_at_least(
    a: &UnitForm<'_>,
    b: &UnitForm<'_>,
    floor: f32,
) -> Option<Similarity> {
    let (a_text, a_folded, a_class) = (a.text, a.folded, a.class);
    let (b_text, b_folded, b_class) = (b.text, b.folded, b.class);
    // One way round only: a query's "al" may be a listed word mis-split or mistyped ("and"
    // for "Land").
    if a_class == Some(TokenClass::Word)
        && b_class == Some(TokenClass::Particle)
        && interdict_names::is_never_a_name(b_folded)
    {
        return None;
    }
    let mut min = min_similarity(a_folded.len(), b_folded.len());
    if a.vowelless || b.vowelless {
        // Short words without written vowels carry fewer letters to compare.
        min = min.min(0.66);
    }
    let min = min.max(floor);
    let words = a_class.is_some() && b_class.is_some();
    if words && SHORT_FORM >= min && interdict_names::is_short_form_pair(a_text, b_text) {
        return Some(Similarity {
            score: SHORT_FORM,
            rule: SimilarityRule::ShortForm,
        });
    }
    let s = interdict_names::similarity_at_least(
        a_text,
        a_folded,
        a.vowelless,
        b_text,
        b_folded,
        b.vowelless,
        min,
    );
    if s.score >= min {
        return Some(s);
    }
    let particles = matches!(a_class, Some(TokenClass::Particle))
        && matches!(b_class, Some(TokenClass::Particle));
    particles.then_some(Similarity {
        score: PARTICLE_SIM,
        rule: SimilarityRule::Different,
    })
}

/// All edges between two prepared names, computed directly (no index): every query unit against
/// every listed unit, except runs against runs.
pub(crate) fn direct_edges(q: &crate::PreparedName, c: &crate::PreparedName) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (qi, qu) in q.units.iter().enumerate() {
        for (ci, cu) in c.units.iter().enumerate() {
            if qu.len > 1 && cu.len > 1 {
                continue;
            }
            if let Some(sim) = unit_similarity(&q.unit_form(qi), &c.unit_form(ci)) {
                edges.push(Edge {
                    q: *qu,
                    c: *cu,
                    sim,
                    c_weight: span_weight(&c.tokens, *cu),
                });
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PreparedName;

    fn prep(s: &str) -> PreparedName {
        PreparedName::new(s, false, |_, c| c.prior_weight(false))
    }

    /// Pairs as "query=listed(rule)" in query order.
    fn check(a: &str, b: &str, expect: &str) {
        let (q, c) = (prep(a), prep(b));
        let mut edges = direct_edges(&q, &c);
        let al = align(&q.tokens, &c.tokens, &mut edges, false);
        let text = |p: &PreparedName, s: UnitSpan| {
            p.tokens[s.start as usize..(s.start + s.len) as usize]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join("+")
        };
        let got: Vec<String> = al
            .pairs
            .iter()
            .map(|p| format!("{}={}({})", text(&q, p.q), text(&c, p.c), p.rule.describe()))
            .collect();
        assert_eq!(got.join(" "), expect, "{a} vs {b}");
    }

    #[test]
    fn a_query_word_never_takes_a_listed_article_or_conjunction_for_its_spelling() {
        check("Nouf Ali", "Nouf al Hamad", "nouf=nouf(same word)");
        check("نوف علي", "Nouf al Hamad", "nuf=nouf(spelling variant)");
        check(
            "عبد رحمن",
            "Rahman and Sons",
            "rhmn=rahman(same consonants, other vowels)",
        );
        // Other particles are names too, and still pair as names.
        check(
            "Delilah Allphin",
            "Della Allphin",
            "delilah=della(same consonants, other vowels) allphin=allphin(same word)",
        );
    }

    #[test]
    fn alignment_table() {
        check("Hafiz Mohammed Saeed", "HAFIZ MUHAMMAD SAEED", "hafiz=hafiz(same word) mohammed=muhammad(same consonants, other vowels) saeed=saeed(same word)");
        check(
            "Saeed, Hafiz",
            "Hafiz Saeed",
            "saeed=saeed(same word) hafiz=hafiz(same word)",
        );
        check(
            "Jaamat-u-Dawa",
            "Jamaat-ud-Dawa",
            "jaamat=jamaat(spelling variant) u=ud(particle variant) dawa=dawa(same word)",
        );
        check("Abdulrahman Umayr", "Abd al-Rahman Umayr", "abdulrahman=abd+al+rahman(written together/apart, same consonants, other vowels) umayr=umayr(same word)");
        check(
            "Ramimakhlouf",
            "Rami Makhlouf",
            "ramimakhlouf=rami+makhlouf(same, written together/apart)",
        );
        check(
            "M. Saeed",
            "Muhammad Saeed",
            "m=muhammad(initial) saeed=saeed(same word)",
        );
        check("John Smith", "Hafiz Saeed", "");
        check(
            "Jon Myong Guk",
            "JON MYONG GUK",
            "jon=jon(same word) myong=myong(same word) guk=guk(same word)",
        );
    }
}
