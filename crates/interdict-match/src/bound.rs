//! The search's pruning bound: the highest score a candidate name could reach given the edges
//! retrieval found for it, so that only names that may reach the floor are aligned and scored.
//!
//! The bound runs for every candidate a query's words reach, many thousands per query on large
//! lists, so it reads a compact [`NameShape`] of each listed name (kept in one array) rather
//! than the name's tokens, and reads the tokens only where the shape says that initials,
//! abbreviations or the query's filler words might add to the score.

use crate::align::{may_be_initials, pair_credit, span_weight, structural_credit, Edge};
use crate::evidence::{
    born_far_apart, born_span, born_too_far_to_confirm, FAR_APART, NO_COUNTRY_LINK,
    OTHER_NATIONALITY,
};
use crate::index::{IndexedName, Posting};
use crate::prepare::{NameToken, UnitSpan, MAX_TOKENS};
use crate::query::Query;
use crate::score::{least_listed_coverage, least_name_score, name_bound, BoundInput, Confirmable};
use interdict_model::Schema;
use interdict_names::TokenClass;

// Names keep at most 32 tokens, so that a bit set or an array of 32 holds one per token.
const _: () = assert!(crate::prepare::MAX_TOKENS <= 32);

/// Abbreviations pair a word of 2 to 6 letters with a run of as many words.
const ABBREVIATION_LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// How many of a name's short words its shape records one by one.
const SHORT_WORDS: usize = 4;

/// The bytes of `text` as a set (a bit per byte value modulo 32, which keeps the 26 lower-case
/// letters apart): a text can only spell initials whose bytes are all in the set of the first
/// bytes of the other side's words.
pub(crate) fn bytes_in(text: &str) -> u32 {
    text.bytes().fold(0, |set, b| set | 1 << (b & 31))
}

/// A byte set ([`bytes_in`]) folded into 16 bits, a bit per byte value modulo 16, for what a
/// posting keeps of its name: two sets that share a byte share a bit once folded, and a set
/// within another stays within it.
fn folded_bytes(bytes: u32) -> u16 {
    (bytes | bytes >> 16) as u16
}

/// The length of a word of 2 to 6 letters that may abbreviate a run of as many words (0 for
/// none), with whether it [`may_be_initials`] of a person's name: between people's names only
/// such a word abbreviates ([`crate::align::align`]'s `people`).
#[derive(Debug, Clone, Copy, Default)]
struct ShortLen(u8);

impl ShortLen {
    /// The top bit: the word may be initials.
    const INITIALS: u8 = 0x80;

    /// A word of `len` letters, which may be initials or not.
    fn of(len: usize, initials: bool) -> Self {
        ShortLen(len.min(0x7f) as u8 | if initials { Self::INITIALS } else { 0 })
    }

    /// The word's length in bytes (0 for none).
    #[inline]
    fn len(self) -> usize {
        usize::from(self.0 & !Self::INITIALS)
    }

    /// Whether there is a word that abbreviates between names of this kind: any, or between
    /// people's names one that may be initials.
    #[inline]
    fn abbreviates(self, people: bool) -> bool {
        self.len() != 0 && (!people || self.may_be_initials())
    }

    /// Whether the word (or one of those it stands for) may be initials.
    #[inline]
    fn may_be_initials(self) -> bool {
        self.0 & Self::INITIALS != 0
    }

    /// What stands for the `words` left out of a shape's short words (as
    /// `(bytes, length, may be initials)`, shortest first): the shortest one's length, marked
    /// as initials if any of them may be.
    fn left_out(words: Option<&[(u32, usize, bool)]>) -> Self {
        let words = words.unwrap_or_default();
        words.first().map_or(ShortLen(0), |&(_, len, _)| {
            ShortLen::of(len, words.iter().any(|&(_, _, initials)| initials))
        })
    }
}

/// Whether a query, as an organisation's name or not, is aligned with a name of `schema` as
/// one person's name with another's ([`crate::align::align`]'s `people`).
fn people(org: bool, schema: Schema) -> bool {
    !org && schema == Schema::Person
}

/// The first byte of a token as a one-element set, as [`bytes_in`] makes it.
pub(crate) fn first_byte(t: &NameToken) -> u32 {
    t.text.as_bytes().first().map_or(0, |&b| 1 << (b & 31))
}

/// Whether a token is a word whose absence on one side, with another such word absent on the
/// other, makes two names differ ([`crate::align::align`]'s `words_differ`).
fn differing_word(t: &NameToken) -> bool {
    t.class == TokenClass::Word && t.folded.len() >= 4 && !t.transliterated && !t.vowelless
}

/// What the bound needs of one listed name, derived from its tokens when an index is built or
/// loaded: its weights, which of its tokens are transliterated or words that may differ, and
/// what could pair beyond the edges (initials, abbreviations). 48 bytes: one cache line read
/// per candidate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NameShape {
    /// Total weight of the name's tokens.
    pub(crate) weight: f32,
    /// Transliterated tokens (bit per token, the first 32).
    transliterated: u32,
    /// Tokens that are [`differing_word`]s (bit per token, the first 32).
    differing: u32,
    /// First bytes of all tokens (standing in for those of its words too), and of initials.
    firsts: u32,
    initial_firsts: u32,
    /// Byte sets of the shortest [`SHORT_WORDS`] words of 2 to 6 letters (which may abbreviate
    /// as many query words), shortest first, and their lengths (0 for unused slots).
    short: [u32; SHORT_WORDS],
    short_len: [ShortLen; SHORT_WORDS],
    /// Number of tokens (at most [`crate::prepare::MAX_TOKENS`]) and, in the top bit, whether
    /// it has syllables of a Chinese or Korean name, which no end word anchors.
    len_syllables: u8,
    /// The length of the shortest such word left out of `short`, 0 if none is, marked as
    /// initials if any of those left out may be.
    more_short: ShortLen,
    /// The weights of its three heaviest tokens, in 255ths rounded up (0 when there are
    /// fewer): what the query's fillers may explain.
    heaviest: [u8; FILLERS_SHAPED],
    /// Its entry's span of birth years and countries.
    entry: EntryFacts,
}

/// The bit of [`NameShape::len_syllables`] that says the name has syllables.
const SYLLABLES: u8 = 0x80;

/// What a name's shape keeps of its entry, so that a search can judge the name by its entry's
/// dates of birth and countries before it reads the entry ([`LeastScores`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct EntryFacts {
    born: BornYears,
    countries: EntryCountries,
}

impl EntryFacts {
    /// The facts an entry's head keeps ([`crate::entities::EntityHead`]).
    pub(crate) fn of(born: Option<(u16, u16)>, countries: EntryCountries) -> Self {
        EntryFacts {
            born: BornYears::of(born),
            countries,
        }
    }
}

/// An entry's countries in one byte, so that a search can tell, without reading the entry,
/// that none of a query's countries is the entry's ([`crate::evidence::country_effect`]): in
/// the low seven bits a set of bits of their codes (a code the entry has always sets its bit,
/// [`EntryCountries::bits`]; other codes may share it), in the top bit whether it gives a
/// nationality.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct EntryCountries(u8);

impl EntryCountries {
    /// The bit that says the entry gives a nationality.
    const NATIONALITY: u8 = 0x80;

    /// The countries of `entity`: all those [`crate::evidence::country_effect`] reads.
    pub(crate) fn of(entity: &interdict_model::Entity) -> Self {
        let nationality = entity.nationalities.iter().any(|c| c.code.is_some());
        let codes = Self::bits(entity.associated_country_codes());
        EntryCountries(codes | if nationality { Self::NATIONALITY } else { 0 })
    }

    /// The bits of `codes`: one of seven per code, from its letters.
    pub(crate) fn bits(codes: impl IntoIterator<Item = interdict_model::CountryCode>) -> u8 {
        codes.into_iter().fold(0, |bits, code| {
            let letters = code
                .as_str()
                .bytes()
                .fold(0u32, |h, b| h * 31 + u32::from(b));
            bits | 1 << (letters % 7)
        })
    }

    /// The bits of its codes.
    fn codes(self) -> u8 {
        self.0 & !Self::NATIONALITY
    }

    /// Whether it gives a nationality.
    fn nationality(self) -> bool {
        self.0 & Self::NATIONALITY != 0
    }
}

/// An entry's span of birth years in two bytes, for the name shapes: the first year after
/// 1900 and how many years more it spans; [0, 0] when the entry gives no date of birth, and
/// [0, 1] for a span two bytes cannot hold, which is taken to allow any year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct BornYears([u8; 2]);

impl BornYears {
    const NONE: BornYears = BornYears([0, 0]);
    const UNKNOWN: BornYears = BornYears([0, 1]);

    /// The span of an entry's birth years ([`crate::evidence::born_span`]).
    pub(crate) fn of(born: Option<(u16, u16)>) -> Self {
        let Some((first, last)) = born else {
            return BornYears::NONE;
        };
        let held = |n: u16| u8::try_from(n).ok().filter(|&b| b > 0);
        match (
            first.checked_sub(1900).and_then(held),
            last.checked_sub(first),
        ) {
            (Some(from), Some(more)) => {
                u8::try_from(more).map_or(BornYears::UNKNOWN, |more| BornYears([from, more]))
            }
            _ => BornYears::UNKNOWN,
        }
    }

    /// The span as first and last year: `Some(None)` without a date of birth, `None` when
    /// the span was not held.
    pub(crate) fn span(self) -> Option<Option<(u16, u16)>> {
        match self.0 {
            [0, 0] => Some(None),
            [0, _] => None,
            [from, more] => {
                let first = 1900 + u16::from(from);
                Some(Some((first, first + u16::from(more))))
            }
        }
    }
}

/// How many of a query's fillers the name shapes answer for; more read the tokens.
const FILLERS_SHAPED: usize = 3;

/// A weight (0..=1) in 255ths, rounded up so that it never counts less than it is.
fn weight_up(w: f32) -> u8 {
    (w.clamp(0.0, 1.0) * 255.0).ceil() as u8
}

impl NameShape {
    /// The shape of a name with these tokens, which weigh `weight` together (its entry's
    /// birth years and countries are set with the entries: [`NameShape::with_entry`]).
    pub(crate) fn of(tokens: &[NameToken], weight: f32) -> Self {
        let mut shape = NameShape {
            weight,
            len_syllables: tokens.len().min(crate::prepare::MAX_TOKENS) as u8,
            ..NameShape::default()
        };
        let mut shorts: Vec<(u32, usize, bool)> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.transliterated && i < 32 {
                shape.transliterated |= 1 << i;
            }
            if differing_word(t) && i < 32 {
                shape.differing |= 1 << i;
            }
            shape.firsts |= first_byte(t);
            if t.syllable {
                shape.len_syllables |= SYLLABLES;
            }
            if t.class == TokenClass::Initial {
                shape.initial_firsts |= first_byte(t);
            }
            if ABBREVIATION_LETTERS.contains(&t.text.len()) {
                shorts.push((bytes_in(&t.text), t.text.len(), may_be_initials(t)));
            }
        }
        shorts.sort_by_key(|&(_, len, _)| len);
        for (i, &(bytes, len, initials)) in shorts.iter().take(SHORT_WORDS).enumerate() {
            shape.short[i] = bytes;
            shape.short_len[i] = ShortLen::of(len, initials);
        }
        shape.more_short = ShortLen::left_out(shorts.get(SHORT_WORDS..));
        let mut weights: Vec<f32> = tokens.iter().take(32).map(|t| t.weight).collect();
        weights.sort_by(|a, b| b.total_cmp(a));
        for (slot, &w) in shape.heaviest.iter_mut().zip(&weights) {
            *slot = weight_up(w);
        }
        shape
    }

    /// The same shape with what it keeps of its entry.
    pub(crate) fn with_entry(self, entry: EntryFacts) -> Self {
        NameShape { entry, ..self }
    }

    /// What it keeps of its entry.
    pub(crate) fn entry(&self) -> EntryFacts {
        self.entry
    }

    /// Number of tokens.
    fn len(&self) -> u8 {
        self.len_syllables & !SYLLABLES
    }

    /// Whether it has syllables of a Chinese or Korean name.
    fn syllables(&self) -> bool {
        self.len_syllables & SYLLABLES != 0
    }

    /// The shapes of `names`, whose total weights are `weights`.
    pub(crate) fn all(names: &[IndexedName], weights: &[f32]) -> Vec<NameShape> {
        names
            .iter()
            .zip(weights)
            .map(|(n, &w)| NameShape::of(&n.tokens, w))
            .collect()
    }

    /// What stands for its short words after the two shortest, as [`ShortLen::left_out`]
    /// makes it.
    fn after_two_shortest(&self) -> ShortLen {
        let later = [self.short_len[2], self.short_len[3], self.more_short];
        match later[0].len() {
            0 => ShortLen(0),
            len => ShortLen::of(len, later.iter().any(|l| l.may_be_initials())),
        }
    }

    /// What [`PostedShape::later`] keeps of its short words after the two shortest.
    fn later_bytes(&self) -> [u16; 2] {
        let kept = |i: usize| {
            if self.short_len[i].len() == 0 {
                NO_WORD
            } else {
                folded_bytes(self.short[i])
            }
        };
        let last = if self.more_short.len() != 0 {
            0
        } else {
            kept(3)
        };
        [kept(2), last]
    }

    /// Whether any of the tokens in `span` is transliterated.
    fn transliterated(&self, span: UnitSpan) -> bool {
        self.transliterated & span.mask() != 0
    }
}

/// The part of a listed name's [`NameShape`] kept beside each of its postings, so that a name
/// one query unit alone reaches can be judged while the postings are read in order, without
/// reading the name or its shape: its weights, and enough of its letters and short words to
/// tell when initials or abbreviations might pair it beyond its edges, and its entry's span
/// of birth years. 32 bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PostedShape {
    weight: f32,
    /// First bytes of all tokens ([`NameShape::firsts`]).
    firsts: u32,
    /// Byte sets of its two shortest words of 2 to 6 letters, and their lengths (0 if none).
    short: [u32; 2],
    short_len: [ShortLen; 2],
    /// The length of its third shortest such word (0 if none), marked as initials if any
    /// word after the two shortest may be.
    third_len: ShortLen,
    /// The byte sets of the words after the two shortest that its shape records one by one,
    /// folded ([`folded_bytes`]; [`NO_WORD`] for none, and none at all, which any query's
    /// first bytes hold, for the last when the name has more such words than its shape
    /// records): one of them may abbreviate the query's words only if their first bytes hold
    /// its bytes.
    later: [u16; 2],
    /// The first bytes of its initials, folded ([`folded_bytes`]; none if it has none).
    initials: u16,
    /// Number of tokens.
    len: u8,
    /// The weights of its three heaviest tokens ([`NameShape::heaviest`]).
    heaviest: [u8; FILLERS_SHAPED],
    /// Its entry's span of birth years.
    born: BornYears,
}

/// What [`PostedShape::later`] holds for a word that is not there: every byte, which no
/// query's first bytes hold.
const NO_WORD: u16 = u16::MAX;

impl PostedShape {
    /// The part of `shape` kept with a posting, its entry's span of birth years with it.
    pub(crate) fn of(shape: &NameShape) -> Self {
        PostedShape {
            weight: shape.weight,
            firsts: shape.firsts,
            short: [shape.short[0], shape.short[1]],
            short_len: [shape.short_len[0], shape.short_len[1]],
            third_len: shape.after_two_shortest(),
            later: shape.later_bytes(),
            initials: folded_bytes(shape.initial_firsts),
            len: shape.len(),
            heaviest: shape.heaviest,
            born: shape.entry.born,
        }
    }

    /// Per posting, what it keeps of its name's shape among `shapes` (which hold their
    /// entries' birth years).
    pub(crate) fn all(postings: &[Posting], shapes: &[NameShape]) -> Vec<PostedShape> {
        postings
            .iter()
            .map(|p| PostedShape::of(&shapes[p.name.index()]))
            .collect()
    }

    /// The share of its name's weight that `posting`'s unit makes up: the most the unit
    /// alone explains of the name, paired at full credit.
    pub(crate) fn share_alone(&self, posting: &Posting) -> f32 {
        if self.weight > 0.0 {
            posting.weight / self.weight
        } else {
            0.0
        }
    }

    /// Whether `posting`'s name is a person's that nothing could pair beyond its edges with
    /// a person's query of no initials and no word that may be initials: it has no initials
    /// and no word that may be initials itself ([`BoundQuery::judges_plain_people_by_share`]).
    pub(crate) fn plain_person(&self, posting: &Posting) -> bool {
        posting.schema == Schema::Person
            && self.initials == 0
            && !self.short_len.iter().any(|l| l.abbreviates(true))
            && !self.third_len.abbreviates(true)
    }
}

/// Where a posting stands among the postings of its vocabulary entry: first the names that
/// are not [`PostedShape::plain_person`], then those that are, by
/// [`PostedShape::share_alone`], highest first, so that a search stops judging the plain
/// people's names one unit alone reaches where their share falls under what passing needs
/// ([`AloneBound::least_share`]); by name within each.
pub(crate) fn posting_rank(posting: &Posting, c: &PostedShape) -> (bool, std::cmp::Reverse<u32>) {
    if c.plain_person(posting) {
        (true, std::cmp::Reverse(c.share_alone(posting).to_bits()))
    } else {
        (false, std::cmp::Reverse(0))
    }
}

/// What one query unit brings to a name it alone reaches, worked out once per vocabulary entry
/// it reaches: the credit of the pair, and the least share of the listed name's weight the
/// name must then have explained to pass the bound, by whether its entry was born far from
/// the query's dates and whether the listed unit is transliterated (the cross-script credit
/// differs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AloneBound {
    credit: [f32; 2],
    /// By [`Birth`], then by whether the listed unit is transliterated.
    least_cov_c: [[f32; 2]; 3],
}

impl AloneBound {
    /// The least [`PostedShape::share_alone`] with which a plain person's name this unit alone
    /// reaches may pass ([`BoundQuery::may_pass_alone`], for a query that
    /// [`BoundQuery::judges_plain_people_by_share`]): the credit of its pair times the unit's
    /// weight must reach the least share of the name, and the credit is at most 1. A little
    /// lower, for rounding.
    pub(crate) fn least_share(&self) -> f32 {
        let mut least = f32::INFINITY;
        for by_birth in self.least_cov_c {
            for (k, cov) in by_birth.into_iter().enumerate() {
                least = least.min(cov / self.credit[k].max(1.0));
            }
        }
        least * (1.0 - 1e-4)
    }
}

/// The sum, over the words where `edges` start on side `by` (0 the query, 1 the listed name),
/// of the most weight of side `of` one of those edges explains (`explained`, per edge, as
/// [`BoundQuery::edge_bound`] worked it out), added in the order the words first come: one
/// pass for each word's most, one for the sum.
fn best_per_word(edges: &[Edge], explained: &[[f32; 2]], by: usize, of: usize) -> f32 {
    let start = |e: &Edge| usize::from([e.q.start, e.c.start][by]) % MAX_TOKENS;
    let mut most = [0f32; MAX_TOKENS];
    for (e, w) in edges.iter().zip(explained) {
        let word = start(e);
        most[word] = most[word].max(w[of]);
    }
    let mut seen = 0u32;
    let mut total = 0.0;
    for e in edges {
        let word = start(e);
        if seen & (1 << word) == 0 {
            seen |= 1 << word;
            total += most[word];
        }
    }
    total
}

/// What a candidate's edges may pair at most, for [`BoundQuery::upper_bound`] (which keeps
/// per query token its best credit and similarity): which tokens of either side some edge
/// covers, and the weight the pairs may explain of either name. Alignment puts each word in one pair at most,
/// so the pairs explain at most, per word of one side, the most that an edge starting at it
/// explains of the other (on the listed side, the lesser of that sum by query word and by
/// listed word): a common word several query words resemble is paired once.
struct EdgeBound {
    q_reached: u32,
    c_reached: u32,
    q_matched: f32,
    c_matched: f32,
}

/// The highest name scores that stay under the floor, worked out once per query for judging
/// the names one posting alone reaches and the candidates before their entries are read: with
/// the query's strongest confirmations, and (when entries are judged by their own findings: the
/// query gives a date of birth or a country, and no identifier) for an entry whose dates of
/// birth or countries cannot confirm the query's, without that confirmation, and for one born
/// far from them, or whose countries are all others, with the contradiction that certainly
/// follows.
#[derive(Debug)]
pub(crate) struct LeastScores {
    /// Indexed by [`Birth`], then by [`Countries`]: each worked out when first asked for (a
    /// bisection; most searches ask for a few), NaN until then.
    least: [[std::cell::Cell<f32>; COUNTRIES]; 3],
    confirmable: Confirmable,
    floor: f32,
    /// Whether a country finding's contradiction counts ([`LeastScores::to_rank`]).
    contradicts: bool,
    /// The query's span of birth years, when entries are judged by their dates.
    span: Option<(u16, u16)>,
    /// The bits of the query's countries ([`EntryCountries::bits`]), when entries are judged by
    /// their countries.
    countries: Option<u8>,
}

/// The [`LeastScores`] of one search at its floor, worked out when first needed (bisections
/// that many searches never need).
pub(crate) struct LeastScoresOnce<'q> {
    query: &'q Query,
    confirmable: Confirmable,
    floor: f32,
    scores: std::cell::OnceCell<LeastScores>,
}

impl<'q> LeastScoresOnce<'q> {
    /// For `query` at `floor`, given the confirmations it can earn.
    pub(crate) fn new(query: &'q Query, confirmable: Confirmable, floor: f32) -> Self {
        LeastScoresOnce {
            query,
            confirmable,
            floor,
            scores: std::cell::OnceCell::new(),
        }
    }

    /// The search's floor: results below it are not returned.
    pub(crate) fn floor(&self) -> f32 {
        self.floor
    }

    /// The least scores, worked out on the first call.
    pub(crate) fn get(&self) -> &LeastScores {
        self.scores
            .get_or_init(|| LeastScores::new(self.query, self.confirmable, self.floor))
    }

    /// [`LeastScores::entry_keeps_under`], without working the least scores out for a query
    /// whose entries are not judged by their dates of birth and countries (it gives neither,
    /// or an identifier).
    pub(crate) fn entry_keeps_under(&self, entry: EntryFacts, name_max: f32) -> bool {
        let q = self.query;
        let by_entry =
            q.identifiers.is_empty() && !(q.birth_dates.is_empty() && q.countries.is_empty());
        by_entry && self.get().entry_keeps_under(entry, name_max)
    }
}

/// How an entry's dates of birth stand to the query's, for the least name score it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Birth {
    /// They may confirm the query's (or entries are not judged by their dates).
    MayConfirm = 0,
    /// None given, or all too far from the query's to confirm them.
    CannotConfirm = 1,
    /// Far from the query's: they contradict by [`FAR_APART`] or more.
    Far = 2,
}

impl Birth {
    /// The least a date of birth finding of an entry so described certainly contradicts.
    fn contradiction(self) -> f32 {
        if self == Birth::Far {
            FAR_APART
        } else {
            0.0
        }
    }
}

/// How an entry's countries stand to the query's ([`crate::evidence::country_effect`]), for
/// the least name score it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Countries {
    /// A query country may be one of the entry's (or entries are not judged by their
    /// countries).
    MayConfirm = 0,
    /// The entry gives none: no finding.
    NoneGiven = 1,
    /// None of the query's is among the entry's, which gives no nationality.
    NoLink = 2,
    /// None of the query's is among the entry's, whose nationalities are others.
    Others = 3,
}

/// How many ways [`Countries`] tells.
const COUNTRIES: usize = 4;

impl Countries {
    /// What a country finding of an entry so described contradicts.
    fn contradiction(self) -> f32 {
        match self {
            Countries::NoLink => NO_COUNTRY_LINK,
            Countries::Others => OTHER_NATIONALITY,
            Countries::MayConfirm | Countries::NoneGiven => 0.0,
        }
    }
}

impl LeastScores {
    /// The least scores of `query` at `floor`, given the confirmations it can earn.
    pub(crate) fn new(query: &Query, confirmable: Confirmable, floor: f32) -> Self {
        Self::of_query(query, confirmable, floor, true)
    }

    /// The least scores under which a name ranks after entities whose result is `kth` as
    /// [`crate::index::Index::finish`] ranks them: without their country's contradiction (which
    /// lowers a score but not its place), though an entry whose countries cannot confirm the
    /// query's still goes without that confirmation.
    pub(crate) fn to_rank(query: &Query, confirmable: Confirmable, kth: f32) -> Self {
        Self::of_query(query, confirmable, kth, false)
    }

    /// [`LeastScores::new`], with the country's contradiction (`contradicts`) or without.
    fn of_query(query: &Query, confirmable: Confirmable, floor: f32, contradicts: bool) -> Self {
        let judged = query.identifiers.is_empty();
        LeastScores {
            least: std::array::from_fn(|_| std::array::from_fn(|_| f32::NAN.into())),
            confirmable,
            floor,
            contradicts,
            span: born_span(&query.birth_dates).filter(|_| judged),
            countries: (judged && !query.countries.is_empty())
                .then(|| EntryCountries::bits(query.countries.iter().copied())),
        }
    }

    /// The least name score for an entry that `birth` and `countries` describe: without the
    /// confirmations it cannot give, with the contradictions it certainly does.
    fn of(&self, (birth, countries): (Birth, Countries)) -> f32 {
        let cell = &self.least[birth as usize][countries as usize];
        if !cell.get().is_nan() {
            return cell.get();
        }
        let confirms = Confirmable {
            birth_date: self.confirmable.birth_date && birth == Birth::MayConfirm,
            country: self.confirmable.country && countries == Countries::MayConfirm,
        };
        let by_country = if self.contradicts {
            countries.contradiction()
        } else {
            0.0
        };
        let contradicted = [birth.contradiction(), by_country];
        let least = least_name_score(confirms, &contradicted, self.floor);
        cell.set(least);
        least
    }

    /// How an entry whose dates of birth allow the years `born` stands to the query's.
    fn birth(&self, born: Option<(u16, u16)>) -> Birth {
        match (self.span, born) {
            (None, _) => Birth::MayConfirm,
            (Some(_), None) => Birth::CannotConfirm,
            (Some(q), Some(b)) if born_far_apart(q, b) => Birth::Far,
            (Some(q), Some(b)) if born_too_far_to_confirm(q, b) => Birth::CannotConfirm,
            (Some(_), Some(_)) => Birth::MayConfirm,
        }
    }

    /// How an entry whose countries are `entry` stands to the query's.
    fn countries(&self, entry: EntryCountries) -> Countries {
        match self.countries {
            None => Countries::MayConfirm,
            Some(_) if entry.codes() == 0 => Countries::NoneGiven,
            Some(query) if query & entry.codes() != 0 => Countries::MayConfirm,
            Some(_) if !entry.nationality() => Countries::NoLink,
            Some(_) => Countries::Others,
        }
    }

    /// How an entry whose facts a name's shape keeps as `entry` stands to the query's.
    fn class(&self, entry: EntryFacts) -> (Birth, Countries) {
        (self.birth_of(entry.born), self.countries(entry.countries))
    }

    /// Whether a name scoring at most `name_max`, of an entry whose facts a name's shape keeps
    /// as `entry`, stays under the floor with the strongest confirmations that entry allows.
    pub(crate) fn keeps_under(&self, entry: EntryFacts, name_max: f32) -> bool {
        name_max <= self.of(self.class(entry))
    }

    /// How an entry whose birth years a name's shape keeps as `born` stands to the query's
    /// (one that may confirm when the span was not held).
    pub(crate) fn birth_of(&self, born: BornYears) -> Birth {
        born.span()
            .map_or(Birth::MayConfirm, |span| self.birth(span))
    }

    /// The least name score for an entry that `birth` describes, whose countries may confirm
    /// the query's: what retrieval judges the names one posting alone reaches by.
    fn by_birth(&self) -> [f32; 3] {
        let births = [Birth::MayConfirm, Birth::CannotConfirm, Birth::Far];
        let asked = if self.span.is_some() { 3 } else { 1 };
        let may = self.of((Birth::MayConfirm, Countries::MayConfirm));
        let mut least = [may; 3];
        for (l, &birth) in least.iter_mut().zip(&births).take(asked).skip(1) {
            *l = self.of((birth, Countries::MayConfirm));
        }
        least
    }

    /// Whether a name scoring at most `name_max`, of an entry whose facts a name's shape keeps
    /// as `entry`, stays under the floor because its dates of birth or countries cannot
    /// confirm the query's: decided on the name's shape, before the entry is read.
    pub(crate) fn entry_keeps_under(&self, entry: EntryFacts, name_max: f32) -> bool {
        let class = self.class(entry);
        class != (Birth::MayConfirm, Countries::MayConfirm) && name_max <= self.of(class)
    }
}

/// What the bound needs of a query, worked out once per query rather than per candidate: its
/// tokens, its weight, which tokens count as matched whatever the candidate (fillers, which get
/// their edges after the bound), which are transliterated, its first and last name words, and
/// the letters its words could pair by beyond the edges. Every other word, however common and
/// light, is looked up, so it pairs only by its edges.
pub(crate) struct BoundQuery<'a> {
    tokens: &'a [NameToken],
    weight: f32,
    /// Tokens counted as matched whatever the candidate: the fillers, which get their edges
    /// after the bound (bit per token).
    free: u32,
    /// Filler tokens: each may explain one more listed word.
    fillers: usize,
    /// Transliterated tokens (bit per token).
    transliterated: u32,
    /// Tokens that are [`differing_word`]s (bit per token).
    differing: u32,
    /// Scored as an organisation's name.
    org: bool,
    /// The confirmations the query can earn.
    confirmable: Confirmable,
    /// The first and last name words, if there are two ([`crate::align::ends`]) and no token
    /// is a syllable of a Chinese or Korean name (alignment anchors no such name).
    ends: Option<(usize, usize)>,
    /// First bytes of all tokens, of word tokens and of initials.
    firsts: u32,
    word_firsts: u32,
    initial_firsts: u32,
    /// The first bytes of all tokens and of word tokens, folded ([`folded_bytes`]).
    folded_firsts: u16,
    folded_word_firsts: u16,
    /// Byte sets and lengths of the words that may abbreviate a run of as many listed words:
    /// all of them, and those that may be initials of a person's name ([`may_be_initials`]),
    /// which alone abbreviate between people's names.
    short: [Vec<(u32, usize)>; 2],
}

impl<'a> BoundQuery<'a> {
    /// The bound's view of a query's tokens, and of the confirmations its other facts can earn.
    pub(crate) fn new(tokens: &'a [NameToken], org: bool, confirmable: Confirmable) -> Self {
        let mut q = BoundQuery {
            tokens,
            weight: tokens.iter().map(|t| t.weight).sum(),
            free: 0,
            fillers: 0,
            transliterated: 0,
            differing: 0,
            org,
            confirmable,
            ends: crate::align::ends(tokens).filter(|_| !tokens.iter().any(|t| t.syllable)),
            firsts: 0,
            word_firsts: 0,
            initial_firsts: 0,
            folded_firsts: 0,
            folded_word_firsts: 0,
            short: [Vec::new(), Vec::new()],
        };
        for (i, t) in tokens.iter().enumerate() {
            let filler = t.class.is_filler(org);
            q.fillers += usize::from(filler);
            if i < 32 && filler {
                q.free |= 1 << i;
            }
            if i < 32 && t.transliterated {
                q.transliterated |= 1 << i;
            }
            if i < 32 && differing_word(t) {
                q.differing |= 1 << i;
            }
            q.firsts |= first_byte(t);
            match t.class {
                TokenClass::Word => q.word_firsts |= first_byte(t),
                TokenClass::Initial => q.initial_firsts |= first_byte(t),
                _ => {}
            }
            if ABBREVIATION_LETTERS.contains(&t.text.len()) {
                let word = (bytes_in(&t.text), t.text.len());
                q.short[0].push(word);
                if may_be_initials(t) {
                    q.short[1].push(word);
                }
            }
        }
        q.folded_firsts = folded_bytes(q.firsts);
        q.folded_word_firsts = folded_bytes(q.word_firsts);
        q
    }

    /// What a name that only the query unit `unit`, at similarity `sim`, reaches can at best
    /// get from it: [`BoundQuery::upper_bound`] with that one edge, worked out for any listed
    /// name at once (see [`BoundQuery::may_pass_alone`]).
    pub(crate) fn alone(&self, unit: UnitSpan, sim: f32, least: &LeastScores) -> AloneBound {
        let q_translit = self.transliterated & unit.mask() != 0;
        let free = |i: usize| i < 32 && self.free & (1 << i) != 0;
        let in_unit =
            |i: usize| (unit.start as usize..(unit.start + unit.len) as usize).contains(&i);
        let may_anchor = self.ends.is_some_and(|(a, z)| {
            [a, z]
                .iter()
                .all(|&i| free(i) || (in_unit(i) && sim >= crate::align::ANCHOR))
        });
        let mut out = AloneBound {
            credit: [0.0; 2],
            least_cov_c: [[f32::INFINITY; 2]; 3],
        };
        for c_translit in [false, true] {
            let credit = pair_credit(sim, q_translit, c_translit);
            let got_q: f32 = self
                .tokens
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    if free(i) {
                        t.weight
                    } else if in_unit(i) {
                        credit * t.weight
                    } else {
                        0.0
                    }
                })
                .sum();
            let cov_q = (got_q / self.weight).min(1.0);
            let k = usize::from(c_translit);
            out.credit[k] = credit;
            // The birth classes mostly need the same least name score (a query without dates
            // asks for one only): each different one is worked out once.
            let mut before: Option<(f32, f32)> = None;
            for (by_birth, least) in out.least_cov_c.iter_mut().zip(least.by_birth()) {
                by_birth[k] = match before {
                    Some((l, cov)) if l == least => cov,
                    _ => least_listed_coverage(cov_q, may_anchor, self.weight, least),
                };
                before = Some((least, by_birth[k]));
            }
        }
        out
    }

    /// Whether a name this posting's unit alone reaches may pass [`BoundQuery::upper_bound`]
    /// and its entry's findings: when the share of its weight the edge and what the query's
    /// fillers may explain ([`Self::fillers_at_most`]) reaches the least its unit's
    /// [`AloneBound`] leaves (the more for an entry born far from the query's dates), or when
    /// initials or abbreviations might pair it beyond its edge. `None` when only the name's
    /// whole shape can say the latter: what the posting keeps of the shape says they might,
    /// and [`Self::may_pair_alone`] decides.
    pub(crate) fn may_pass_alone(
        &self,
        (unit, least): (&AloneBound, &LeastScores),
        (posting, c): (&Posting, &PostedShape),
    ) -> Option<bool> {
        let k = usize::from(posting.transliterated);
        let fillers = self.fillers_at_most(&c.heaviest);
        let got_c = unit.credit[k] * posting.weight + fillers;
        let birth = least.birth_of(c.born) as usize;
        if c.weight > 0.0 && got_c >= unit.least_cov_c[birth][k] * c.weight {
            return Some(true);
        }
        let people = people(self.org, posting.schema);
        (!self.may_pair_structurally_posted(c, people)).then_some(false)
    }

    /// Whether initials or abbreviations may pair the name of `posting`, of this whole shape,
    /// with the query beyond the posting's edge: what decides [`Self::may_pass_alone`] when
    /// the posting does not.
    pub(crate) fn may_pair_alone(&self, posting: &Posting, shape: &NameShape) -> bool {
        self.may_pair_structurally(shape, people(self.org, posting.schema))
    }

    /// What the query's fillers may explain of a name whose heaviest tokens weigh `heaviest`
    /// (its shape's [`NameShape::heaviest`]): one more of its heaviest tokens each, exactly
    /// for the three the shape keeps; a filler beyond those is counted at the third heaviest,
    /// which no later token outweighs, so that many fillers ("Abd al-Malik Said Al bin Lafi")
    /// are never counted for less than they may explain and their names need not be read.
    fn fillers_at_most(&self, heaviest: &[u8; FILLERS_SHAPED]) -> f32 {
        let w = |i: usize| f32::from(heaviest[i]) / 255.0;
        let shaped = self.fillers.min(FILLERS_SHAPED);
        let beyond = self.fillers - shaped;
        (0..shaped).map(w).sum::<f32>() + w(FILLERS_SHAPED - 1) * beyond as f32
    }

    /// [`BoundQuery::may_pair_structurally`] on what a posting keeps of a name's shape: true
    /// whenever that is, and sometimes when it is not (an initial or a short word after the
    /// two shortest whose letters the query's first letters hold only once both are folded
    /// into 16 bits).
    fn may_pair_structurally_posted(&self, c: &PostedShape, people: bool) -> bool {
        let later_spelled = || {
            c.later
                .iter()
                .any(|&bytes| bytes & !self.folded_firsts == 0)
        };
        self.initial_firsts & c.firsts != 0
            || c.initials & self.folded_word_firsts != 0
            || self.may_abbreviate(people, c.len, c.firsts)
            || self.short_words_abbreviate(
                people,
                (&c.short, &c.short_len),
                (c.third_len, later_spelled),
            )
    }

    /// Whether a listed name's short words may abbreviate a run of the query's words: those
    /// its shape keeps one by one (`short`: byte sets and lengths, shortest first), when the
    /// query's first bytes hold their letters, or what stands for the rest (`more`), when
    /// `more_spelled` says the query's first bytes may hold the letters of one of them.
    /// Between people's names only a word that may be initials abbreviates, and most names
    /// have none.
    fn short_words_abbreviate(
        &self,
        people: bool,
        (bytes, lens): (&[u32], &[ShortLen]),
        (more, more_spelled): (ShortLen, impl FnOnce() -> bool),
    ) -> bool {
        let any_initials = lens.iter().fold(more.0, |all, l| all | l.0) & ShortLen::INITIALS;
        if people && any_initials == 0 {
            return false;
        }
        let q_len = self.tokens.len();
        (more.abbreviates(people) && more.len() <= q_len && more_spelled())
            || bytes.iter().zip(lens).any(|(&bytes, len)| {
                len.abbreviates(people) && len.len() <= q_len && bytes & !self.firsts == 0
            })
    }

    /// Whether a short word of the query may abbreviate a run of a listed name of `len`
    /// tokens whose first bytes are `firsts` (between people's names, only a word that may be
    /// initials).
    fn may_abbreviate(&self, people: bool, len: u8, firsts: u32) -> bool {
        self.short[usize::from(people)]
            .iter()
            .any(|&(bytes, q_len)| q_len <= usize::from(len) && bytes & !firsts == 0)
    }

    /// Whether a plain person's name ([`PostedShape::plain_person`]) one unit of this query
    /// alone reaches passes [`BoundQuery::may_pass_alone`] only on the share of its weight
    /// the unit explains: a person's query (not an organisation's) without fillers, initials
    /// or words that may be initials, so that nothing pairs beyond that unit's edge.
    pub(crate) fn judges_plain_people_by_share(&self) -> bool {
        !self.org && self.fillers == 0 && self.initial_firsts == 0 && self.short[1].is_empty()
    }

    /// The confirmations the query can earn.
    pub(crate) fn confirmable(&self) -> Confirmable {
        self.confirmable
    }

    /// Whether initials or abbreviations might pair the query with a name of this shape beyond
    /// its edges (if not, [`structural_credit`] adds nothing and the name's tokens stay unread);
    /// `people` when the two are aligned as people's names.
    fn may_pair_structurally(&self, c: &NameShape, people: bool) -> bool {
        self.initial_firsts & c.firsts != 0
            || c.initial_firsts & self.word_firsts != 0
            || self.may_abbreviate(people, c.len(), c.firsts)
            || self.short_words_abbreviate(
                people,
                (&c.short, &c.short_len),
                (c.more_short, || true),
            )
    }

    /// The highest name score a candidate could reach given its edges (every query and listed
    /// token at its best similarity), when with the largest attribute boost the query can earn
    /// it may reach `floor`; `None` when it cannot.
    /// What the edges pair is bounded as [`EdgeBound`] has it. Light tokens count as any
    /// other: a word pairs only by an edge, an initial or an abbreviation, or a filler. The
    /// allowance for middle words left out is counted only where the query's first and last
    /// name words can pair well enough to anchor the name (free words may pair later, so they
    /// always can).
    /// `name`'s tokens are read only when `shape` says they may add something (a name read
    /// for every candidate is a cache miss for every candidate).
    /// Before the query's fillers have their edges, each may explain one more listed word;
    /// with `fillers_paired`, their edges are among `edges`, and they explain only what those
    /// pair.
    pub(crate) fn upper_bound(
        &self,
        name: &IndexedName,
        shape: &NameShape,
        edges: &[Edge],
        floor: f32,
        fillers_paired: bool,
    ) -> Option<f32> {
        let may_pair = self.may_pair_at_all(shape);
        self.upper_bound_paired(name, (shape, may_pair), edges, floor, fillers_paired)
    }

    /// [`Self::upper_bound`] of a name of this shape that initials or abbreviations may pair
    /// or not, as [`Self::may_pair_at_all`] says (worked out once per candidate by a search
    /// that asks ahead).
    pub(crate) fn upper_bound_paired(
        &self,
        name: &IndexedName,
        (shape, may_pair): (&NameShape, bool),
        edges: &[Edge],
        floor: f32,
        fillers_paired: bool,
    ) -> Option<f32> {
        let w_c = shape.weight;
        if self.weight <= 0.0 || w_c <= 0.0 {
            return None;
        }
        let q = self.tokens;
        let (mut q_best, mut q_sim) = ([0f32; 32], [0f32; 32]);
        let EdgeBound {
            q_reached,
            c_reached,
            q_matched,
            c_matched,
        } = self.edge_bound(shape, edges, (&mut q_best, &mut q_sim));
        let (mut got_c, mut q_matched) = (c_matched, q_matched);
        // Initials and abbreviations pair beyond the edges, and fillers get theirs after the
        // bound: then any listed token may be paired.
        // Whether they are people's names is read from the name only when it matters (it is
        // then read anyway): `Some(people)` when initials or abbreviations may pair.
        let structural = may_pair
            .then(|| people_of(self.org, name))
            .filter(|&people| !people || self.may_pair_structurally(shape, people));
        if let Some(people) = structural {
            let mut paired = [0f32; 32];
            got_c += structural_credit_of(q, name, &mut paired, people);
            // A word an initial or abbreviation pairs ("se" spelling "Sarah Edwin") may anchor
            // the name as well as a looked-up pair does. That pair is none of the edges' (its
            // listed word may be one an edge reaches from another query word), so it adds to
            // what they explain.
            for i in 0..q.len().min(32) {
                if paired[i] > 0.0 {
                    q_best[i] = q_best[i].max(paired[i]);
                    q_sim[i] = q_sim[i].max(crate::align::ANCHOR);
                    q_matched += paired[i] * q[i].weight;
                }
            }
        }
        if !fillers_paired {
            got_c += self.filler_credit(name, shape);
        }
        // Without those, a token no edge covers stays unpaired.
        let words_differ = structural.is_none()
            && self.fillers == 0
            && self.differing & !q_reached != 0
            && shape.differing & !c_reached != 0;
        let free = |i: usize| self.free & (1 << i) != 0;
        let (mut by_word, mut free_weight) = (0.0, 0.0);
        for (i, t) in q.iter().enumerate() {
            if free(i) {
                free_weight += t.weight;
            } else {
                by_word += q_best[i] * t.weight;
            }
        }
        let got_q = free_weight + by_word.min(q_matched);
        let may_anchor = !shape.syllables()
            && self.ends.is_some_and(|(a, z)| {
                [a, z]
                    .iter()
                    .all(|&i| free(i) || q_sim[i] >= crate::align::ANCHOR)
            });
        let bound = BoundInput {
            cov_q: (got_q / self.weight).min(1.0),
            cov_c: (got_c / w_c).min(1.0),
            weight_q: self.weight,
            weight_c: w_c,
            may_anchor,
            words_differ,
            organisation: self.org,
            confirmable: self.confirmable,
        };
        name_bound(&bound, floor)
    }

    /// Whether initials or abbreviations might pair the query with a name of this shape
    /// beyond its edges, aligned as people's names or not ([`Self::may_pair_structurally`]
    /// as it allows the most): what [`Self::upper_bound_paired`] is given.
    pub(crate) fn may_pair_at_all(&self, shape: &NameShape) -> bool {
        self.may_pair_structurally(shape, false)
    }

    /// Whether [`Self::upper_bound`] before the fillers' edges may read the tokens of a name
    /// that initials or abbreviations may pair or not (`may_pair`, [`Self::may_pair_at_all`]),
    /// for them or for the allowance of many fillers, so that the search can ask for them
    /// ahead.
    pub(crate) fn may_read_name(&self, may_pair: bool) -> bool {
        self.fillers_read_the_name() || may_pair
    }

    /// Whether the query has more fillers than the shapes answer for, so that their
    /// allowance is read from the name ([`Self::filler_credit`]).
    fn fillers_read_the_name(&self) -> bool {
        self.fillers > FILLERS_SHAPED
    }

    /// What a candidate's `edges` may pair at most ([`EdgeBound`]), its name of this `shape`,
    /// raising each query token's best credit and similarity in `q_best` and `q_sim`.
    /// Where no two edges start at the same word of a side, the sums over edges are the sums
    /// per word, and the edges are read once.
    fn edge_bound(
        &self,
        shape: &NameShape,
        edges: &[Edge],
        (q_best, q_sim): (&mut [f32; 32], &mut [f32; 32]),
    ) -> EdgeBound {
        let mut out = EdgeBound {
            q_reached: 0,
            c_reached: 0,
            q_matched: 0.0,
            c_matched: 0.0,
        };
        let (mut starts, mut again) = ([0u32; 2], [false; 2]);
        let mut explained = smallvec::SmallVec::<[[f32; 2]; 16]>::new();
        for e in edges {
            out.q_reached |= e.q.mask();
            out.c_reached |= e.c.mask();
            let credit = self.credit(shape, e);
            let [q_w, c_w] = self.explained(credit, e);
            explained.push([q_w, c_w]);
            out.q_matched += q_w;
            out.c_matched += c_w;
            for i in e.q.start..e.q.start + e.q.len {
                q_best[i as usize] = q_best[i as usize].max(credit);
                q_sim[i as usize] = q_sim[i as usize].max(e.sim.score);
            }
            for (side, start) in [e.q.start, e.c.start].into_iter().enumerate() {
                again[side] |= starts[side] & (1 << start) != 0;
                starts[side] |= 1 << start;
            }
        }
        if again[1] {
            out.q_matched = best_per_word(edges, &explained, 1, 0);
            out.c_matched = out.c_matched.min(best_per_word(edges, &explained, 1, 1));
        }
        if again[0] {
            out.c_matched = out.c_matched.min(best_per_word(edges, &explained, 0, 1));
        }
        out
    }

    /// The credit of an edge's pair with a name of this `shape`.
    fn credit(&self, shape: &NameShape, e: &Edge) -> f32 {
        let q_translit = self.transliterated & e.q.mask() != 0;
        pair_credit(e.sim.score, q_translit, shape.transliterated(e.c))
    }

    /// The weight of the query and of the listed name an edge explains at its `credit`.
    fn explained(&self, credit: f32, e: &Edge) -> [f32; 2] {
        [credit * span_weight(self.tokens, e.q), credit * e.c_weight]
    }

    /// Before their edges are made, each filler may explain one more listed word: the
    /// weight of the heaviest ones, from the shape for a few fillers
    /// ([`Self::fillers_at_most`], exact for those), read from the name for more.
    fn filler_credit(&self, name: &IndexedName, shape: &NameShape) -> f32 {
        if self.fillers_read_the_name() {
            self.filler_allowance(name)
        } else {
            self.fillers_at_most(&shape.heaviest)
        }
    }

    /// Each filler may explain one more listed word: the weight of the heaviest ones. Not
    /// inlined, so that the name is read only when this runs (see [`structural_credit_of`]).
    #[inline(never)]
    fn filler_allowance(&self, name: &IndexedName) -> f32 {
        let c = &name.tokens;
        let mut taken = 0u32;
        let mut got = 0.0;
        for _ in 0..self.fillers {
            let heaviest = (0..c.len().min(32))
                .filter(|&i| taken & (1 << i) == 0)
                .max_by(|&a, &b| c[a].weight.total_cmp(&c[b].weight));
            let Some(i) = heaviest else { break };
            taken |= 1 << i;
            got += c[i].weight;
        }
        got
    }
}

/// [`people`] for a listed name. Not inlined, for the reason [`structural_credit_of`] is not.
#[inline(never)]
fn people_of(org: bool, name: &IndexedName) -> bool {
    people(org, name.schema)
}

/// [`structural_credit`] with a listed name's tokens. Not inlined: where its caller reads the
/// name's fields, the compiler may read them before the test that decides whether they are
/// needed, and a name read for every candidate is a cache miss for every candidate.
#[inline(never)]
fn structural_credit_of(
    q: &[NameToken],
    name: &IndexedName,
    q_best: &mut [f32],
    people: bool,
) -> f32 {
    structural_credit(q, &name.tokens, q_best, people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_shape_fits_in_a_cache_line() {
        assert!(std::mem::size_of::<NameShape>() <= 48);
    }

    #[test]
    fn a_shape_keeps_its_entrys_birth_years_or_says_it_could_not() {
        for (born, kept) in [
            (None, Some(None)),
            (Some((1961, 1961)), Some(Some((1961, 1961)))),
            (Some((1950, 1975)), Some(Some((1950, 1975)))),
            (Some((2155, 2155)), Some(Some((2155, 2155)))),
            (Some((1900, 1960)), None),
            (Some((1899, 1960)), None),
            (Some((2156, 2156)), None),
            (Some((1901, 2157)), None),
        ] {
            assert_eq!(BornYears::of(born).span(), kept, "{born:?}");
        }
    }

    #[test]
    fn two_posted_shapes_fit_in_a_cache_line() {
        assert!(std::mem::size_of::<PostedShape>() <= 32);
    }

    /// A listed person's name as the index holds it, its words weighed by `weight`, and its
    /// shape.
    fn indexed(text: &str, weight: impl Fn(&str, TokenClass) -> f32) -> (IndexedName, NameShape) {
        let p = crate::prepare::PreparedName::new(text, false, weight);
        let total = p.tokens.iter().map(|t| t.weight).sum();
        let shape = NameShape::of(&p.tokens, total);
        let name = IndexedName {
            entity: crate::ids::EntityIx(0),
            name: 0,
            kind: interdict_model::NameKind::Primary,
            schema: interdict_model::Schema::Person,
            tokens: p.tokens,
            units: Vec::new(),
        };
        (name, shape)
    }

    /// A listed name as the index holds it, and its shape, with longer words weighing more.
    fn listed(text: &str) -> (IndexedName, NameShape) {
        indexed(text, |f, c| {
            c.prior_weight(false) * (f.len() as f32 / 8.0).min(1.0)
        })
    }

    /// Between people's names only a word without vowels spells initials, as alignment has
    /// it: the bound then neither counts such a pair nor reads the name to look for one.
    #[test]
    fn between_peoples_names_only_a_word_without_vowels_may_spell_initials() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        let query = |text: &str| {
            crate::prepare::PreparedName::new(text, false, |_, c| c.prior_weight(false))
        };
        for (asked, text, spells) in [
            ("Olive Mountain Ardent Rice", "Omar Trading", false),
            ("Omar Trading", "Olive Mountain Ardent Rice", false),
            ("Muhammad Khan Trading", "MK Trading", true),
            ("MK Trading", "Muhammad Khan Trading", true),
        ] {
            let q = query(asked);
            let bounded = BoundQuery::new(&q.tokens, false, confirmable);
            let (_, shape) = listed(text);
            let posted = PostedShape::of(&shape);
            assert!(
                bounded.may_pair_structurally(&shape, false),
                "{asked} / {text}"
            );
            assert!(bounded.may_pair_structurally_posted(&posted, false));
            assert_eq!(
                bounded.may_pair_structurally(&shape, true),
                spells,
                "{asked} / {text}"
            );
            assert_eq!(bounded.may_pair_structurally_posted(&posted, true), spells);
        }
    }

    /// A name's initials and its short words after its two shortest are kept beside its
    /// postings by their letters, folded: a query whose words' first letters cannot spell them
    /// does not read the name's shape for them, and wherever the shape says they may pair,
    /// what is kept says so too.
    #[test]
    fn initials_and_later_short_words_are_ruled_out_without_reading_the_name() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        let names = [
            "Nur Ali Dar Bin Rahman",
            "Nur Ali Dar Mohammed",
            "Ali Dar Lat Zed Fox",
            "Ali Dar Lat Zed Fox Ned Kay",
            "Mohammed Abdul Jabbar Ali",
            "J. K. Rahman",
            "Abdul R. Khan",
        ];
        let queries = [
            "Kathryn Ann Barr",
            "Kathryn Abel Barr",
            "Lou Abel Tate",
            "Zoe Earl Dunn",
            "Lamar Tate Fred Zia Ahmed Orr",
            "Nadia Ulla Rowe",
        ];
        // (What the shape says, what the posting keeps says.)
        let may_pair = |asked: &str, text: &str, people: bool| {
            let q = crate::prepare::PreparedName::new(asked, false, |_, c| c.prior_weight(false));
            let bounded = BoundQuery::new(&q.tokens, false, confirmable);
            let (_, shape) = listed(text);
            let posted = PostedShape::of(&shape);
            (
                bounded.may_pair_structurally(&shape, people),
                bounded.may_pair_structurally_posted(&posted, people),
            )
        };
        let mut ruled_out = 0;
        for asked in queries {
            for text in names {
                for people in [false, true] {
                    let (read, kept) = may_pair(asked, text, people);
                    assert!(kept || !read, "{asked} / {text}, people {people}");
                    ruled_out += usize::from(!kept);
                }
            }
        }
        assert!(!may_pair("Kathryn Abel Barr", "Nur Ali Dar Mohammed", false).1);
        assert!(!may_pair("Nadia Ulla Rowe", "J. K. Rahman", true).1);
        assert!(ruled_out > 0);
    }

    /// A name of these words and weights as the index holds it, and its shape.
    fn weighed(words: &[(&str, f32)]) -> (IndexedName, NameShape) {
        let text: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
        indexed(&text.join(" "), |f, _| {
            words.iter().find(|(w, _)| *w == f).map_or(1.0, |(_, w)| *w)
        })
    }

    /// A word made light by how common it is ("Lopez" on a list of a million names) pairs only
    /// by an edge, as alignment has it: a name whose only edge is its other word is bounded by
    /// what that word explains, on either side, and a high floor prunes it.
    #[test]
    fn a_common_word_counts_only_where_an_edge_pairs_it() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        let jin = [edge((0, 1), (0, 1), 1.0)];
        // The listed side: "Jin Lopez", "Lopez" light, asked as "Jin".
        let (q, _) = weighed(&[("jin", 1.0)]);
        let (name, shape) = weighed(&[("jin", 1.0), ("lopez", 0.4)]);
        let (alone, alone_shape) = weighed(&[("jin", 1.0)]);
        let bounded = BoundQuery::new(&q.tokens, false, confirmable);
        let with_lopez = bounded.upper_bound(&name, &shape, &jin, 0.5, true).unwrap();
        let without = bounded
            .upper_bound(&alone, &alone_shape, &jin, 0.5, true)
            .unwrap();
        assert!(with_lopez < without - 0.05, "{with_lopez} {without}");
        assert!(bounded
            .upper_bound(&name, &shape, &jin, 0.9, true)
            .is_none());
        // The query's side: "Jin Lopez", "Lopez" light, against a listed "Jin".
        let (q, _) = weighed(&[("jin", 1.0), ("lopez", 0.4)]);
        let bounded = BoundQuery::new(&q.tokens, false, confirmable);
        assert!(bounded
            .upper_bound(&alone, &alone_shape, &jin, 0.9, true)
            .is_none());
        assert!(bounded
            .upper_bound(&alone, &alone_shape, &jin, 0.5, true)
            .is_some());
    }

    /// An edge from the query's tokens `(start, len)` to the listed ones, similar at `sim`,
    /// with the listed tokens weighing one each.
    fn edge(q: (u8, u8), c: (u8, u8), sim: f32) -> Edge {
        Edge {
            q: UnitSpan {
                start: q.0,
                len: q.1,
            },
            c: UnitSpan {
                start: c.0,
                len: c.1,
            },
            sim: interdict_names::Similarity {
                score: sim,
                rule: interdict_names::SimilarityRule::Exact,
            },
            c_weight: f32::from(c.1),
        }
    }

    /// Alignment puts a word in one pair at most: a listed word that several query words
    /// resemble ("Jin" for the syllables of "Ji-hun Ji-yeon") explains one of them, and a
    /// query word that resembles several listed words explains one of those.
    #[test]
    fn a_word_that_several_resemble_is_paired_once() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        let (q, _) = weighed(&[("ji", 1.0), ("hun", 1.0), ("ji", 1.0), ("yeon", 1.0)]);
        let bounded = BoundQuery::new(&q.tokens, false, confirmable);
        let (name, shape) = weighed(&[("jin", 1.0), ("park", 1.0)]);
        // Every query syllable, and both runs of two, resemble "Jin".
        // (Under the similarity that anchors a name by its first and last words.)
        let to_jin = [
            edge((0, 1), (0, 1), 0.8),
            edge((1, 1), (0, 1), 0.8),
            edge((2, 1), (0, 1), 0.8),
            edge((3, 1), (0, 1), 0.8),
            edge((0, 2), (0, 1), 0.8),
            edge((2, 2), (0, 1), 0.8),
        ];
        assert!(bounded
            .upper_bound(&name, &shape, &to_jin, 0.5, true)
            .is_none());
        // Two listed words, each paired with a run, explain more.
        let (name, shape) = weighed(&[("jihun", 1.0), ("jiyeon", 1.0), ("park", 1.0)]);
        let runs = [edge((0, 2), (0, 1), 0.8), edge((2, 2), (1, 1), 0.8)];
        assert!(bounded
            .upper_bound(&name, &shape, &runs, 0.5, true)
            .is_some());
        // A query word resembling every listed word explains one of them.
        let (q, _) = weighed(&[("jin", 1.0)]);
        let bounded = BoundQuery::new(&q.tokens, false, confirmable);
        let (name, shape) = weighed(&[("jin", 1.0), ("jing", 1.0), ("jinn", 1.0)]);
        let to_all = [
            edge((0, 1), (0, 1), 1.0),
            edge((0, 1), (1, 1), 0.9),
            edge((0, 1), (2, 1), 0.9),
        ];
        let bound = bounded
            .upper_bound(&name, &shape, &to_all, 0.0, true)
            .unwrap();
        assert!(bound < 0.75, "{bound}");
    }

    /// Alignment anchors no name with syllables of a Chinese or Korean name by its end words
    /// (one syllable left out changes the name), and neither does the bound: "Kim Jong Un"
    /// against a listed "Kim Un", both ends paired, is bounded leniently only as words.
    #[test]
    fn syllables_are_not_anchored_by_their_ends() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        let ends = [edge((0, 1), (0, 1), 1.0), edge((2, 1), (1, 1), 1.0)];
        let bound = |syllables: bool| {
            let (mut q, _) = weighed(&[("kim", 1.0), ("jong", 1.0), ("un", 1.0)]);
            let (mut name, _) = weighed(&[("kim", 1.0), ("un", 1.0)]);
            for t in q.tokens.iter_mut().chain(name.tokens.iter_mut()) {
                t.syllable = syllables;
            }
            let shape = NameShape::of(&name.tokens, 2.0);
            let bounded = BoundQuery::new(&q.tokens, false, confirmable);
            bounded
                .upper_bound(&name, &shape, &ends, 0.0, true)
                .unwrap()
        };
        assert!(
            bound(true) < bound(false) - 0.05,
            "{} {}",
            bound(true),
            bound(false)
        );
    }

    /// The fillers' allowance a name's posting answers for, without reading the name, is what
    /// reading the name gives for up to three fillers, and never less for more of them.
    #[test]
    fn many_fillers_are_never_counted_for_less_than_they_may_explain() {
        let confirmable = Confirmable {
            birth_date: false,
            country: false,
        };
        for text in [
            "Abdulrahman Mohammed Saeed Nasrallah Zubair",
            "Kim Jong",
            "Sayyida",
            "Bashir Tahir Abdulkarim Mahmoud",
        ] {
            let (name, shape) = listed(text);
            let posted = PostedShape::of(&shape);
            for fillers in 0..6 {
                let mut query = vec!["Ahmed"];
                query.extend(std::iter::repeat_n("al", fillers));
                let q = crate::prepare::PreparedName::new(&query.join(" "), false, |_, c| {
                    c.prior_weight(false)
                });
                let bounded = BoundQuery::new(&q.tokens, false, confirmable);
                assert_eq!(bounded.fillers, fillers, "{query:?}");
                let read = bounded.filler_allowance(&name);
                let shaped = bounded.fillers_at_most(&posted.heaviest);
                if fillers <= FILLERS_SHAPED {
                    assert!(
                        (shaped - read).abs() < 1e-2,
                        "{text} with {fillers}: {shaped} {read}"
                    );
                }
                assert!(
                    shaped >= read - 1e-6,
                    "{text} with {fillers}: {shaped} < {read}"
                );
            }
        }
    }

    /// The countries the property below draws from (codes, as the lists' texts may give them).
    const COUNTRIES_DRAWN: [&str; 8] = ["us", "ir", "af", "pk", "iq", "sy", "ru", "kp"];

    /// A query born in `year` (if any) from `countries`, and an entry born in `years`, of
    /// `nationalities`, having lived in `lived_in`.
    fn query_and_entry(
        (year, countries): (Option<u16>, &[&str]),
        (years, nationalities, lived_in): (&[u16], &[&str], &[&str]),
    ) -> (Query, interdict_model::Entity) {
        use interdict_model::{Address, BirthDate, Country, CountryCode, PartialDate};
        let date = |y: u16| PartialDate::parse(&y.to_string()).expect("a year");
        let mut query = Query::name("Ali Rahimi");
        if let Some(y) = year {
            query.born_on(date(y));
        }
        query.countries = countries
            .iter()
            .filter_map(|c| CountryCode::from_alpha2(c))
            .collect();
        let mut e = crate::test_support::entity("R1", Schema::Person, &["Ali Rahimi"]);
        e.birth_dates = years.iter().map(|&y| BirthDate::on(date(y))).collect();
        e.nationalities = nationalities
            .iter()
            .map(|c| Country::from_text(c))
            .collect();
        e.addresses = lived_in
            .iter()
            .map(|c| Address {
                country: Some(Country::from_text(c)),
                ..Address::default()
            })
            .collect();
        (query, e)
    }

    proptest::proptest! {
        /// What judging a name by what its shape keeps of its entry rests on: a name score no
        /// higher than the least for its entry's dates of birth and countries (the least
        /// itself, the highest such) never reaches the floor with that entry's own findings;
        /// nor, at the least to rank, the score it ranks by, without its country's
        /// contradiction.
        #[test]
        fn a_name_its_entry_keeps_under_the_floor_stays_under_it(
            floor in 0.05f32..=1.0,
            year in proptest::option::of(1940u16..2000),
            countries in proptest::sample::subsequence(COUNTRIES_DRAWN.to_vec(), 0..=2),
            years in proptest::collection::vec(1930u16..2010, 0..=2),
            nationalities in proptest::sample::subsequence(COUNTRIES_DRAWN.to_vec(), 0..=2),
            lived_in in proptest::sample::subsequence(COUNTRIES_DRAWN.to_vec(), 0..=1),
        ) {
            use crate::evidence::{birth_date_effect, country_effect, Effect};
            use crate::score::at_most_with;
            let (query, e) =
                query_and_entry((year, &countries), (&years, &nationalities, &lived_in));
            let confirmable = Confirmable {
                birth_date: !query.birth_dates.is_empty(),
                country: !query.countries.is_empty(),
            };
            let facts = EntryFacts::of(born_span(&e.birth_dates), EntryCountries::of(&e));
            let dob = birth_date_effect(&query.birth_dates, &e.birth_dates);
            let country = country_effect(&query.countries, &e);
            let least = LeastScores::new(&query, confirmable, floor);
            let name = least.of(least.class(facts));
            proptest::prop_assert!(least.keeps_under(facts, name));
            let reached = at_most_with(name, [dob, country].into_iter().flatten());
            proptest::prop_assert!(reached < floor, "{name} reaches {reached}");
            let to_rank = LeastScores::to_rank(&query, confirmable, floor);
            let name = to_rank.of(to_rank.class(facts));
            let confirms = country.filter(|c| matches!(c, Effect::Confirms(_)));
            let ranks = at_most_with(name, [dob, confirms].into_iter().flatten());
            proptest::prop_assert!(ranks < floor, "{name} ranks at {ranks}");
        }
    }

    /// An entry of other nationalities than the query's, or that gives none, is judged by its
    /// shape: its name needs more than one that may confirm the query's country.
    #[test]
    fn a_name_of_an_entry_of_another_nationality_needs_more() {
        let least = |nationalities: &[&str]| {
            let (query, e) = query_and_entry((Some(1970), &["us"]), (&[1970], nationalities, &[]));
            let confirmable = Confirmable {
                birth_date: true,
                country: true,
            };
            let facts = EntryFacts::of(born_span(&e.birth_dates), EntryCountries::of(&e));
            let least = LeastScores::new(&query, confirmable, 0.7);
            (0..=100)
                .map(|i| i as f32 / 100.0)
                .find(|&name| !least.keeps_under(facts, name))
                .expect("a name score passes")
        };
        let (same, none, other) = (least(&["us"]), least(&[]), least(&["ir"]));
        assert!(same < none && none < other, "{same} {none} {other}");
    }

    /// What one query unit leaves a name it alone reaches to explain follows the least name
    /// score of its entry's birth class: more for an entry born far from the query's dates,
    /// the same where the classes need the same (a query without a date of birth).
    #[test]
    fn a_unit_alone_asks_a_name_born_far_for_more() {
        let least_coverages = |year: Option<u16>| {
            let (query, _) = query_and_entry((year, &[]), (&[], &[], &[]));
            let confirmable = Confirmable {
                birth_date: year.is_some(),
                country: false,
            };
            let q =
                crate::prepare::PreparedName::new(&query.name, false, |_, c| c.prior_weight(false));
            let bounded = BoundQuery::new(&q.tokens, false, confirmable);
            let least = LeastScores::new(&query, confirmable, 0.7);
            let alone = bounded.alone(q.units[0], 1.0, &least);
            (
                least.by_birth(),
                alone.least_cov_c.map(|by_birth| by_birth[0]),
            )
        };
        let (scores, coverages) = least_coverages(Some(1970));
        let (may, far) = (Birth::MayConfirm as usize, Birth::Far as usize);
        assert!(scores[far] > scores[may], "{scores:?}");
        assert!(coverages[far] > coverages[may], "{coverages:?}");
        let (scores, coverages) = least_coverages(None);
        assert!(scores.iter().all(|&s| s == scores[0]), "{scores:?}");
        assert!(
            coverages.iter().all(|&c| c == coverages[0]),
            "{coverages:?}"
        );
    }

    proptest::proptest! {
        /// The best weight per word of a candidate's edges is the sum, in the order the words
        /// first come, of the most each word's edges explain: the same, to the bit, as taking
        /// each word's edges in turn.
        #[test]
        fn the_best_per_word_is_each_words_most_in_the_order_words_come(
            edges in proptest::collection::vec((0u8..6, 0u8..6, 0.0f32..=2.0, 0.0f32..=2.0), 0..8),
            by in 0usize..2,
            of in 0usize..2,
        ) {
            let sim = interdict_names::Similarity {
                score: 1.0,
                rule: interdict_names::SimilarityRule::Exact,
            };
            let span = |start: u8| UnitSpan { start, len: 1 };
            let (list, explained): (Vec<Edge>, Vec<[f32; 2]>) = edges
                .iter()
                .map(|&(q, c, wq, wc)| {
                    let e = Edge { q: span(q), c: span(c), sim, c_weight: wc };
                    (e, [wq, wc])
                })
                .unzip();
            let start = |e: &Edge| [e.q.start, e.c.start][by];
            let mut words: Vec<u8> = Vec::new();
            for e in &list {
                if !words.contains(&start(e)) {
                    words.push(start(e));
                }
            }
            let each_in_turn: f32 = words
                .iter()
                .map(|&w| {
                    list.iter()
                        .zip(&explained)
                        .filter(|(e, _)| start(e) == w)
                        .fold(0.0f32, |most, (_, x)| most.max(x[of]))
                })
                .fold(0.0, |total, most| total + most);
            let best = best_per_word(&list, &explained, by, of);
            proptest::prop_assert_eq!(best.to_bits(), each_in_turn.to_bits());
        }
    }
}
