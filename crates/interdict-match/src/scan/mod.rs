//! Finding listed names in running text: payment references, adverts, telegrams.
//!
//! A [`Scanner`] reads text in pieces (so a long document streams through in bounded memory) and
//! reports every stretch of text that names a listed entity:
//!
//! 0. **Cleaning** ([`clean`]): no-break spaces, possessives and labels glued to values are
//!    undone, with a map back to the original offsets.
//! 1. **Triggers.** Every name word of the lists (not particles, titles, legal forms or generic
//!    words) is a trigger, looked up by its folded spelling and, for longer words, by its
//!    consonant skeleton, so "Taiba" and "Tayyaba" both trigger Lashkar-e-Tayyiba.
//! 2. **Windows.** Around a trigger, as many words as the listed name has (and a few more) are
//!    aligned with the listed name; the stretch from the first to the last paired word is
//!    scored like a screening query. Sentence and paragraph ends close a window.
//! 3. **Rules.** A person's name needs two name parts; a name of one word only counts for an
//!    organisation, written capitalised, at least five letters long, and not an everyday word.
//! 4. **Acronyms** ("LeT", "JUD", "FIF") count only when the document supports them: a full
//!    name of the same entity within a few thousand bytes, or the acronym written as one, in
//!    parentheses ("(LeT)") or joined by a slash to another name of the entity ("LeT/JUD").
//!    "JUDs" and "LeT,s" are the acronym with a suffix.
//!
//! [`Scanner::finish`] resolves the acronyms, keeps the best mention where mentions of one
//! target overlap (the UN's entry on equal scores), lets an exact listed name win over a
//! longer name containing it, and returns the mentions in text order.

mod clean;

use crate::align::{align, unit_similarity_at_least, Edge, UnitForm};
use crate::index::{AlsoListed, Index};
use crate::keys::{hash_key, HashedMap};
use crate::prepare::{PreparedName, UnitSpan};
use crate::score::name_score;
use interdict_model::{CountryCode, Entity, Schema};
use interdict_names::{
    bracketed_acronym, fold, fold_consonantal, is_invisible, organisation_term, skeleton, tokenize,
    Shape, Similarity, Token, TokenClass,
};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Score of an acronym the document supports with a full name of its entity nearby.
const ACRONYM_SUPPORTED: f32 = 0.9;
/// Score of an acronym written as one ("(LeT)", "LeT/JUD") without a full name nearby.
const ACRONYM_WRITTEN: f32 = 0.82;
/// Least total weight of the name words a person's mention pairs (two rare names, or three
/// common ones).
const PERSON_WEIGHT: f32 = 1.4;

/// Least weight of each word of a person's name found by two words.
const PERSON_WORD_WEIGHT_OF_TWO: f32 = 0.5;

/// Least total weight of a person's name found by two words (one rare word, or two fairly
/// rare ones: not "Mustafa Mohammed").
const PERSON_WEIGHT_OF_TWO: f32 = 1.62;

/// Least weight of the one word of an organisation's name found without its other words.
const ONE_WORD_WEIGHT: f32 = 0.9;
/// Least weight of the paired words of an organisation's name written without any of its
/// generic words or legal forms.
const ORG_WEIGHT_WITHOUT_GENERIC: f32 = 1.2;

/// [`PERSON_WEIGHT`] for a listed name of three or more words written in full.
const PERSON_WEIGHT_IN_FULL: f32 = 1.0;

/// "Servant of": the first word of a compound given name (Abdul Rahman, Abd al-Aziz).
const SERVANT_OF: &[&str] = &[
    "abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdur", "abdus", "abdi",
];

/// Words joining two names in running text, never part of a person's name.
const JOINING_WORDS: &[&str] = &["and", "or", "und", "et", "ou", "oder"];
/// Least similarity of a name word in text to the listed word it pairs with.
const PAIR_SIMILARITY: f32 = 0.88;
/// Words a window may reach beyond the listed name's length on each side.
const SLACK: usize = 2;

/// Everyday English words that are also one-word names on the lists (ships, companies,
/// aliases): never a mention on their own.
const EVERYDAY: &[&str] = &[
    "alpha",
    "amber",
    "atlas",
    "bravo",
    "cedar",
    "crown",
    "delta",
    "diamond",
    "dover",
    "eagle",
    "falcon",
    "freedom",
    "golden",
    "horizon",
    "horse",
    "liberty",
    "lotus",
    "magic",
    "nation",
    "noble",
    "ocean",
    "omega",
    "orion",
    "pearl",
    "phoenix",
    "planet",
    "power",
    "prime",
    "queen",
    "royal",
    "sierra",
    "silver",
    "smart",
    "spring",
    "star",
    "summit",
    "sunny",
    "tiger",
    "united",
    "unity",
    "victory",
    "vision",
    "world",
    "zenith",
    "global",
    "future",
    "harmony",
    "hope",
    "justice",
    "light",
    "peace",
    "progress",
    "rainbow",
    "sunrise",
    "venus",
    "titan",
    "apollo",
    "jupiter",
    "mercury",
    "neptune",
    "saturn",
    "sirius",
    "polaris",
    "capital",
    "central",
    "standard",
    "general",
    "national",
    "federal",
    "first",
    "great",
    "grand",
    "master",
    "union",
    "state",
    "security",
    "council",
    "office",
    "department",
];

/// The commonest English words, which make a line worth reading in full only together with
/// other name words (they are also name words on the lists: "You", "Work", "Free").
const STOP_WORDS: &[&str] = &[
    "the",
    "you",
    "this",
    "that",
    "for",
    "in",
    "to",
    "it",
    "have",
    "has",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "with",
    "from",
    "by",
    "on",
    "at",
    "as",
    "an",
    "or",
    "if",
    "not",
    "no",
    "all",
    "any",
    "can",
    "may",
    "will",
    "would",
    "should",
    "shall",
    "must",
    "do",
    "does",
    "did",
    "we",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "our",
    "your",
    "its",
    "there",
    "here",
    "when",
    "where",
    "which",
    "who",
    "what",
    "how",
    "why",
    "so",
    "but",
    "also",
    "more",
    "most",
    "other",
    "some",
    "such",
    "only",
    "own",
    "same",
    "than",
    "then",
    "these",
    "those",
    "into",
    "over",
    "under",
    "after",
    "before",
    "about",
    "between",
    "work",
    "code",
    "source",
    "free",
    "software",
    "version",
    "section",
    "program",
    "license",
    "copyright",
    "notice",
    "terms",
    "conditions",
    "use",
    "new",
    "one",
    "two",
    "three",
    "first",
    "last",
    "next",
    "each",
    "every",
    "many",
    "much",
    "very",
    "just",
    "now",
    "please",
    "thank",
    "thanks",
    "dear",
    "yes",
    "see",
    "read",
    "note",
    "page",
    "file",
    "data",
    "number",
    "name",
    "date",
    "time",
    "year",
    "day",
    "week",
    "month",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
];

/// Connecting words of running text that never start or end a mention.
const EDGE_WORDS: &[&str] = &[
    "and", "the", "of", "for", "to", "in", "on", "at", "by", "et", "und", "wa", "ve", "y", "or",
];

/// Lookup tables for scanning, built once per index.
#[derive(Debug, Default)]
pub(crate) struct ScanTables {
    /// Folded name word (hashed) -> (name, token position).
    words: HashedMap<Vec<(u32, u8)>>,
    /// Consonant skeleton of longer name words (hashed) -> (name, token position).
    skeletons: HashedMap<Vec<(u32, u8)>>,
    /// Acronyms -> (entity, name, whether the list gives the acronym as a name): derived from
    /// organisation names, and names listed as acronyms.
    acronyms: HashMap<Box<str>, Vec<(u32, u32, bool)>>,
    /// Per name: how many name words (triggers) it has.
    name_words: Vec<u8>,
    /// Per name: whether it is found only when written in full (an organisation whose name
    /// is all generic words, "Global Relief Foundation"); its generic words are then name
    /// words too.
    whole: Vec<bool>,
    /// Per name: the position of the acronym it carries in brackets, or 255.
    bracketed: Vec<u8>,
    /// Folded words that are all there is to an organisation's name (hashed).
    one_word: HashedMap<()>,
}

/// Salts of the scan tables' keys.
const KEY_WORD: u8 = 11;
const KEY_SKELETON: u8 = 12;

fn is_trigger(class: TokenClass) -> bool {
    matches!(class, TokenClass::Word | TokenClass::Number)
}

/// Words of running text that may be words of a listed name (the tables say which are):
/// not particles, titles or kinship words. A legal form may be the generic word of a name
/// ("Group").
fn may_name(class: TokenClass) -> bool {
    is_content(class) || class == TokenClass::LegalForm
}

/// Words that carry a name, generic ones included ("Relief", "Foundation"), as opposed to
/// particles, titles and legal forms.
fn is_content(class: TokenClass) -> bool {
    matches!(
        class,
        TokenClass::Word | TokenClass::Number | TokenClass::Generic
    )
}

impl ScanTables {
    fn build(index: &Index) -> ScanTables {
        let mut t = ScanTables {
            name_words: index
                .names
                .iter()
                .map(|n| {
                    n.tokens
                        .iter()
                        .filter(|t| is_trigger(t.class))
                        .count()
                        .min(255) as u8
                })
                .collect(),
            ..ScanTables::default()
        };
        t.whole = vec![false; index.names.len()];
        t.bracketed = vec![u8::MAX; index.names.len()];
        for (id, name) in index.names.iter().enumerate() {
            // Weak aliases are too vague to find in free text.
            if name.kind == interdict_model::NameKind::WeakAlias {
                continue;
            }
            let organisation = index.entities.heads[name.entity as usize]
                .schema
                .is_organization();
            let listed = &index.entity(name.entity as usize).names[name.name as usize].full;
            // The acronym a name carries in brackets ("HAQQANI NETWORK (HQN)") is found as an
            // acronym; the name is its other words.
            let bracketed = bracketed_acronym(listed).and_then(|(_, a)| {
                name.tokens
                    .iter()
                    .rposition(|tok| is_trigger(tok.class) && tok.text == a)
            });
            if let Some(pos) = bracketed {
                t.bracketed[id] = pos.min(254) as u8;
                t.name_words[id] = t.name_words[id].saturating_sub(1);
            }
            let in_brackets = |pos: usize| bracketed == Some(pos);
            let content = name
                .tokens
                .iter()
                .enumerate()
                .filter(|(pos, t)| is_content(t.class) && !in_brackets(*pos))
                .count();
            if organisation && t.name_words[id] <= 1 && (2..64).contains(&content) {
                t.whole[id] = true;
                t.name_words[id] = content as u8;
            }
            let indexed = |c: TokenClass| is_trigger(c) || (t.whole[id] && is_content(c));
            if is_listed_acronym(listed) {
                t.acronyms
                    .entry(name.tokens[0].text.as_str().into())
                    .or_default()
                    .push((name.entity, id as u32, true));
                continue;
            }
            for (pos, tok) in name.tokens.iter().enumerate().take(u8::MAX as usize) {
                if !indexed(tok.class) || tok.folded.len() < 2 || in_brackets(pos) {
                    continue;
                }
                t.words
                    .entry(hash_key(KEY_WORD, tok.folded.as_bytes()))
                    .or_default()
                    .push((id as u32, pos as u8));
                if tok.folded.len() >= 5 {
                    let s = skeleton(&tok.folded);
                    if s.len() >= 3 {
                        t.skeletons
                            .entry(hash_key(KEY_SKELETON, s.as_bytes()))
                            .or_default()
                            .push((id as u32, pos as u8));
                    }
                }
            }
        }
        for (id, name) in index.names.iter().enumerate() {
            let e = &index.entity(name.entity as usize);
            if t.name_words[id] == 1 && !t.whole[id] && e.schema.is_organization() {
                if let Some(tok) = name.tokens.iter().find(|t| is_trigger(t.class)) {
                    t.one_word
                        .insert(hash_key(KEY_WORD, tok.folded.as_bytes()), ());
                }
            }
        }
        for (acronym, names) in &index.acronyms {
            for &n in names {
                t.acronyms
                    .entry(acronym.as_str().into())
                    .or_default()
                    .push((index.names[n as usize].entity, n, false));
            }
        }
        for list in t.words.values_mut().chain(t.skeletons.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        t
    }
}

impl ScanTables {
    /// What a lower-case ASCII word of running text may be: the commonest English words,
    /// numbers and words of other classes (particles, legal forms) count for nothing; longer
    /// words also count when their consonants are those of a name word.
    fn look_up(&self, lower: &str) -> WordLook {
        if !may_name(TokenClass::of(lower)) || STOP_WORDS.contains(&lower) {
            return WordLook::Nothing;
        }
        // Organisation terms are listed under one spelling, as it is ("Industries" for
        // "Ind."), in organisations' names; elsewhere folded like any word.
        let folded = fold(lower);
        let key = hash_key(KEY_WORD, folded.as_bytes());
        if let Some(term) = organisation_term(lower) {
            let term_key = hash_key(KEY_WORD, term.as_bytes());
            if self.words.contains_key(&term_key) {
                return WordLook::NameWord(term_key, self.words.contains_key(&key).then_some(key));
            }
        }
        if self.words.contains_key(&key) {
            if folded.len() >= 5
                && self.one_word.contains_key(&key)
                && !EVERYDAY.contains(&folded.as_str())
            {
                WordLook::OneWordName
            } else {
                WordLook::NameWord(key, None)
            }
        } else if folded.len() >= 7 {
            let key = hash_key(KEY_SKELETON, skeleton(&folded).as_bytes());
            if self.skeletons.contains_key(&key) {
                WordLook::NameWord(key, None)
            } else {
                WordLook::Nothing
            }
        } else {
            WordLook::Nothing
        }
    }

    /// The names (sorted) and positions of a word or skeleton key.
    fn postings(&self, key: u64) -> Option<&[(u32, u8)]> {
        self.words
            .get(&key)
            .or_else(|| self.skeletons.get(&key))
            .map(Vec::as_slice)
    }
}

/// A listed name that is itself an acronym: one word of two to six capitals ("TTP", "AQAP").
fn is_listed_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !name.trim().contains(' ')
}

/// Options of a scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanOptions {
    /// Mentions scoring below this are not reported.
    pub min_score: f32,
    /// How far (in bytes) a full name may be from an acronym of its entity to support it.
    pub support_bytes: usize,
    /// Characters of context kept on each side of a mention.
    pub context: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            min_score: crate::DEFAULT_THRESHOLD,
            support_bytes: 5000,
            context: 40,
        }
    }
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// The text writes a listed name (in some spelling).
    Name,
    /// The text writes an acronym of the entity, supported by the document.
    Acronym,
}

/// A stretch of text that names a listed entity.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    /// Start of the mention, as a byte offset in the caller's coordinates.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Up to [`ScanOptions::context`] characters of text before and after it.
    pub context: (String, String),
    /// The entity.
    pub entity: &'a Entity,
    /// The listed name the text matched.
    pub matched_name: &'a str,
    /// The score, 0..=1.
    pub score: f32,
    /// Name or acronym.
    pub kind: MentionKind,
    /// Why, in one line.
    pub why: String,
    /// Entries of other lists for the same target (they quote its UN reference) that the same
    /// stretch of text names.
    pub also_listed: Vec<AlsoListed<'a>>,
}

/// An acronym seen in the text, waiting for the end of the document to know whether it counts.
#[derive(Debug, Clone)]
struct AcronymCandidate {
    start: usize,
    end: usize,
    text: String,
    context: (String, String),
    /// (entity, name, listed as an acronym) the acronym may stand for.
    options: Vec<(u32, u32, bool)>,
    /// Written as an acronym: in parentheses or joined by a slash to another name.
    written: bool,
    /// The neighbours joined by a slash (start offsets), for "LeT/JUD".
    slash_partner: Option<(usize, usize)>,
}

/// Reads text piece by piece and collects mentions.
pub struct Scanner<'a> {
    index: &'a Index,
    tables: &'a ScanTables,
    options: ScanOptions,
    mentions: Vec<(u32, Mention<'a>)>,
    acronyms: Vec<AcronymCandidate>,
    /// What the quick look found for each lower-cased word seen so far (hashed): a
    /// document repeats its words, and most are no name word at all.
    seen_words: HashedMap<WordLook>,
    /// Similarities of text words to listed words computed so far, keyed by the text word's
    /// hash and the listed word's vocabulary id: names recur in a document, and so do the
    /// words around them.
    similarities: HashMap<(u64, u32), Option<Similarity>, BuildHasherDefault<PairHasher>>,
}

/// Hashes a (word hash, vocabulary id) pair by mixing the two (the word hash is already
/// well spread).
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

/// Similarities remembered before the memory is cleared.
const SIMILARITIES_LIMIT: usize = 500_000;

/// What a word of running text may be, as far as the quick look can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordLook {
    /// Not a name word (or too common to count).
    Nothing,
    /// A word of some listed names: its keys in the word or skeleton table (an organisation
    /// term has two: its one spelling, and its folded form).
    NameWord(u64, Option<u64>),
    /// All there is to an organisation's name.
    OneWordName,
}

/// What the quick look found on one line.
struct LineLook {
    /// Its name words, as a range of the keys collected for the piece.
    words: std::ops::Range<usize>,
    /// Whether a word is all there is to an organisation's name.
    one_word: bool,
    /// Whether a word is written in another script or with accents.
    other_script: bool,
}

/// Whether two lists of (name, position) sorted by name have a name in common.
fn sorted_share(a: &[(u32, u8)], b: &[(u32, u8)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether `text[start..end]` has a capitalised word right before or after it (other than the
/// commonest words), making it part of a longer proper name.
fn in_longer_proper_name(text: &str, start: usize, end: usize) -> bool {
    let proper = |w: &str| {
        w.starts_with(char::is_uppercase)
            && !STOP_WORDS.contains(&w.to_lowercase().as_str())
            && !EDGE_WORDS.contains(&w.to_lowercase().as_str())
    };
    let before = text[..start].trim_end_matches([' ', '\t', '\u{a0}']);
    let before_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| !w.is_empty() && before.len() < start);
    let after = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
    let after_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| !w.is_empty() && after.len() < text.len() - end);
    before_word.is_some_and(proper) || after_word.is_some_and(proper)
}

/// The length of the apostrophe-like mark `text` starts with, if any.
fn apostrophe_at(text: &str) -> Option<usize> {
    let c = text.chars().next()?;
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{2bc}' | '\u{2bb}'
    )
    .then(|| c.len_utf8())
}

/// Punctuation and spaces outside ASCII that separate words: no-break and other spaces,
/// dashes, typographic quotes, ellipsis, bullets.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{ab}' | '\u{bb}' | '\u{b7}' | '\u{2000}'..='\u{206f}' | '\u{3000}'
    )
}

/// Words remembered by the quick look before the memory is cleared (bounds memory on long
/// documents with ever new words).
const SEEN_WORDS_LIMIT: usize = 200_000;

impl Index {
    /// A scanner over this index.
    pub fn scanner(&self, options: ScanOptions) -> Scanner<'_> {
        let tables = self.scan_tables.get_or_init(|| ScanTables::build(self));
        Scanner {
            index: self,
            tables,
            options,
            mentions: Vec::new(),
            acronyms: Vec::new(),
            seen_words: HashedMap::default(),
            similarities: HashMap::default(),
        }
    }
}

/// Whether the gap between two tokens ends a sentence or paragraph. A full stop after a single
/// letter is an initial ("M. Saeed"), not an end.
fn is_boundary(gap: &str, previous: &Token) -> bool {
    if gap.contains("\n\n") || gap.contains("\r\n\r\n") {
        return true;
    }
    let ends = gap.contains(['!', '?', ';', ':']) || gap.contains("--");
    let stop = gap.contains('.') && previous.text.len() > 1;
    ends || stop
}

/// How an acronym-like word is written: its letters without a plural or possessive `s`, if it
/// is two to six capitals with at most one lower-case letter inside ("LeT", "JuD", "JUD",
/// "JUDs").
fn acronym_form(original: &str) -> Option<String> {
    // Most words are no acronym: two to seven ASCII letters ending in a capital (or a capital
    // and "s") are the only candidates.
    let b = original.as_bytes();
    let shape_ok = (2..=7).contains(&b.len())
        && (b[b.len() - 1].is_ascii_uppercase()
            || (b[b.len() - 1] == b's' && b[b.len() - 2].is_ascii_uppercase()));
    if !shape_ok {
        return None;
    }
    let base = match original.strip_suffix('s') {
        Some(b) if b.len() >= 2 && b.chars().all(|c| c.is_ascii_uppercase()) => b,
        _ => original,
    };
    let letters: Vec<char> = base.chars().collect();
    if !(2..=6).contains(&letters.len()) || !letters.iter().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let upper = letters.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = letters.len() - upper;
    let shaped = letters[0].is_ascii_uppercase()
        && letters[letters.len() - 1].is_ascii_uppercase()
        && lower <= 1
        && upper >= 2;
    shaped.then(|| base.to_ascii_lowercase())
}

/// The end of a dotted acronym starting at `start` ("L.e.T.", "J.u.D."): two to six single
/// letters each followed by a full stop, not followed by a letter or digit.
fn dotted_acronym_end(b: &[u8], start: usize, to: usize) -> Option<usize> {
    let mut k = start;
    let mut letters = 0;
    while k + 1 < to && b[k].is_ascii_alphabetic() && b[k + 1] == b'.' {
        letters += 1;
        k += 2;
    }
    let ends = k >= to || !b[k].is_ascii_alphanumeric();
    ((2..=6).contains(&letters) && ends).then_some(k)
}

/// The letters of a dotted acronym as [`acronym_form`] gives them ("L.e.T." is "let"), when
/// it is shaped like one: capitals first and last, at most one small letter.
fn dotted_acronym_form(original: &str) -> Option<String> {
    let letters: String = original.chars().filter(|c| *c != '.').collect();
    acronym_form(&letters)
}

impl<'a> Scanner<'a> {
    /// Scans one piece of text; `position` turns a byte position in `text` into the caller's
    /// coordinates (an offset in the original file), which must grow with the position.
    /// Pieces should end at a line break, so that names are not cut.
    pub fn scan(&mut self, text: &str, position: &dyn Fn(usize) -> usize) {
        let Some(c) = clean::clean(text) else {
            return self.scan_cleaned(text, position);
        };
        let first = self.mentions.len();
        self.scan_cleaned(&c.text, &|p| position(c.origin(p)));
        // Mentions keep the text as written (a no-break space stays one): their ends, in the
        // caller's coordinates, lead back into `text`, whose positions grow with theirs.
        let local = |at: usize| {
            let (mut lo, mut hi) = (0, text.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if position(mid) < at {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        for (_, m) in &mut self.mentions[first..] {
            let (s, e) = (local(m.start), local(m.end));
            if s < e && text.is_char_boundary(s) && text.is_char_boundary(e) {
                m.text = text[s..e].to_string();
            }
        }
    }

    /// [`Scanner::scan`] of text as [`clean::clean`] leaves it.
    fn scan_cleaned(&mut self, text: &str, position: &dyn Fn(usize) -> usize) {
        // Most lines of most documents name nobody: a quick look at each line's words finds
        // the few that may, and only those (with a line of context on each side) are read in
        // full.
        let cased = text.bytes().any(|b| b.is_ascii_uppercase());
        let mut lines: Vec<(usize, usize, bool)> = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines.push((start, i + 1, false));
                start = i + 1;
            }
        }
        if start < text.len() {
            lines.push((start, text.len(), false));
        }
        // A line is read in full when it may name someone: a word of another script, a
        // one-word organisation name, or two different words of one listed name in it or
        // across its break with a neighbour (a name may be cut by a line break).
        let mut words: Vec<u64> = Vec::new();
        let looks: Vec<LineLook> = lines
            .iter()
            .map(|l| self.quick_look(text, l.0, l.1, cased, position, &mut words))
            .collect();
        for k in 0..lines.len() {
            let look = &looks[k];
            let mine = &words[look.words.clone()];
            let with = |j: usize| {
                looks
                    .get(j)
                    .is_some_and(|o| self.share_a_name(mine, &words[o.words.clone()]))
            };
            lines[k].2 = look.other_script
                || look.one_word
                || self.share_a_name(mine, mine)
                || (k > 0 && with(k - 1))
                || with(k + 1);
        }
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].2 {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < lines.len() && (lines[j + 1].2 || (j + 2 < lines.len() && lines[j + 2].2))
            {
                j += 1;
            }
            let from = lines[i.saturating_sub(1)].0;
            let to = lines[(j + 1).min(lines.len() - 1)].1;
            self.scan_full(&text[from..to], &|p| position(from + p), cased);
            i = j + 2;
        }
    }

    /// The pairs of at least [`PAIR_SIMILARITY`] between the units of `q` that `keep` accepts
    /// and those of a listed name, as `Index::direct_edges_at_least` finds them, with the
    /// similarities remembered.
    fn edges(
        &mut self,
        q: &PreparedName,
        name: &crate::index::IndexedName,
        keep: &dyn Fn(UnitSpan) -> bool,
    ) -> Vec<Edge> {
        let mut edges = Vec::new();
        for (qi, qu) in q.units.iter().enumerate() {
            if !keep(*qu) {
                continue;
            }
            let form = q.unit_form(qi);
            let word = q.unit_key(qi);
            for &(cu, vid) in &name.units {
                if qu.len > 1 && cu.len > 1 {
                    continue;
                }
                let sim = match self.similarities.get(&(word, vid)) {
                    Some(&s) => s,
                    None => {
                        let v = &self.index.vocab[vid as usize];
                        let listed = UnitForm {
                            text: &v.text,
                            folded: &v.folded,
                            class: v.class,
                            vowelless: v.vowelless,
                        };
                        let s = unit_similarity_at_least(&form, &listed, PAIR_SIMILARITY);
                        if self.similarities.len() >= SIMILARITIES_LIMIT {
                            self.similarities.clear();
                        }
                        self.similarities.insert((word, vid), s);
                        s
                    }
                };
                if let Some(sim) = sim {
                    edges.push(Edge { q: *qu, c: cu, sim });
                }
            }
        }
        edges
    }

    /// Whether a word of `a` and a different word of `b` (table keys of name words) belong
    /// to one listed name. Lines with very many name words are simply read.
    fn share_a_name(&self, a: &[u64], b: &[u64]) -> bool {
        if a.is_empty() || b.is_empty() {
            return false;
        }
        if a.len() + b.len() > 24 {
            return true;
        }
        a.iter().any(|&x| {
            b.iter().any(|&y| {
                x != y
                    && match (self.tables.postings(x), self.tables.postings(y)) {
                        (Some(p), Some(q)) => sorted_share(p, q),
                        _ => false,
                    }
            })
        })
    }

    /// Looks at one line quickly: notes its acronyms, appends the table keys of its name words
    /// to `words`, and tells what else may name someone there. In text with capitals only
    /// capitalised words count; the commonest English words and numbers do not.
    fn quick_look(
        &mut self,
        text: &str,
        from: usize,
        to: usize,
        cased: bool,
        position: &dyn Fn(usize) -> usize,
        words: &mut Vec<u64>,
    ) -> LineLook {
        let b = text.as_bytes();
        let mut i = from;
        let first = words.len();
        let (mut one_word, mut other_script) = (false, false);
        let mut lower = String::new();
        while i < to {
            if b[i] >= 0x80 {
                // Typographic punctuation and spaces separate words like ASCII ones do; any
                // other character is a letter of another script (or an accented one), which
                // the full reading handles.
                let c = text[i..].chars().next().unwrap_or(' ');
                // An invisible character may hide a word ("Sa\u{200B}eed"): the full reading,
                // which skips it, decides.
                if !is_punctuation(c) || is_invisible(c) {
                    other_script = true;
                }
                i += c.len_utf8();
                continue;
            }
            if !b[i].is_ascii_alphabetic() {
                other_script |= is_invisible(b[i] as char);
                i += 1;
                continue;
            }
            let start = i;
            while i < to && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if b[start].is_ascii_uppercase() && i - start >= 2 {
                self.acronym_at(text, position, start, i);
            }
            if i - start == 1 {
                if let Some(end) = dotted_acronym_end(b, start, to) {
                    self.acronym_at(text, position, start, end);
                }
            }
            // Apostrophes inside a word belong to it ("Ba'asyir", "Sa’adi"), as in names.
            lower.clear();
            lower.extend(
                text[start..i]
                    .bytes()
                    .map(|c| c.to_ascii_lowercase() as char),
            );
            while let Some(mark) = apostrophe_at(&text[i..to]) {
                let rest = i + mark;
                if !b.get(rest).is_some_and(u8::is_ascii_alphanumeric) {
                    break;
                }
                i = rest;
                let part = i;
                while i < to && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                lower.extend(
                    text[part..i]
                        .bytes()
                        .map(|c| c.to_ascii_lowercase() as char),
                );
            }
            if i < to && b[i] >= 0x80 && !text[i..].starts_with(is_punctuation) {
                other_script = true;
                continue;
            }
            if other_script || lower.len() < 2 || (cased && b[start].is_ascii_lowercase()) {
                continue;
            }
            let memo = hash_key(KEY_WORD, lower.as_bytes());
            let look = match self.seen_words.get(&memo) {
                Some(&look) => look,
                None => {
                    let look = self.tables.look_up(&lower);
                    if self.seen_words.len() >= SEEN_WORDS_LIMIT {
                        self.seen_words.clear();
                    }
                    self.seen_words.insert(memo, look);
                    look
                }
            };
            match look {
                WordLook::Nothing => {}
                WordLook::NameWord(key, other) => {
                    words.push(key);
                    words.extend(other);
                }
                WordLook::OneWordName => one_word = true,
            }
        }
        LineLook {
            words: first..words.len(),
            one_word,
            other_script,
        }
    }

    /// Reads a stretch of text in full.
    fn scan_full(&mut self, text: &str, position: &dyn Fn(usize) -> usize, cased: bool) {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return;
        }
        // In text with capitals, only capitalised words (or words of scripts without case)
        // can be name words; lower-case words are not looked up at all.
        // Triggers: (token, name, position in the name, whether the spelling is the same after
        // folding rather than only the consonants), in token order.
        let mut hits: Vec<(u32, u32, u8, bool)> = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            if !may_name(tok.class) || tok.text.len() < 2 || (cased && tok.shape == Shape::Lower) {
                continue;
            }
            let folded = if tok.vowelless {
                fold_consonantal(&tok.text)
            } else {
                fold(&tok.text)
            };
            if let Some(h) = self
                .tables
                .words
                .get(&hash_key(KEY_WORD, folded.as_bytes()))
            {
                hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, true)));
            }
            // Organisation terms are listed under one spelling.
            if let Some(term) = organisation_term(&tok.text).filter(|t| *t != folded) {
                if let Some(h) = self.tables.words.get(&hash_key(KEY_WORD, term.as_bytes())) {
                    hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, true)));
                }
            }
            if folded.len() >= 5 {
                let sk = skeleton(&folded);
                if let Some(h) = self
                    .tables
                    .skeletons
                    .get(&hash_key(KEY_SKELETON, sk.as_bytes()))
                {
                    hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, false)));
                }
            }
        }
        if hits.is_empty() {
            return;
        }
        // Sentence segments: the first token of each token's sentence and the first after it.
        let mut seg_start = vec![0usize; tokens.len()];
        for i in 1..tokens.len() {
            let gap = &text[tokens[i - 1].span.end..tokens[i].span.start];
            seg_start[i] = if is_boundary(gap, &tokens[i - 1]) {
                i
            } else {
                seg_start[i - 1]
            };
        }
        let mut seg_end = vec![tokens.len(); tokens.len()];
        for i in (0..tokens.len().saturating_sub(1)).rev() {
            seg_end[i] = if seg_start[i + 1] == i + 1 {
                i + 1
            } else {
                seg_end[i + 1]
            };
        }
        // Grouped by name, then in token order: each name's hits are read together.
        hits.sort_unstable_by_key(|h| (h.1, h.0, h.2));
        let mut tried: HashSet<(u32, usize)> = HashSet::new();
        let mut group = 0..0;
        for (hi_index, &(i, name_id, pos, exact)) in hits.iter().enumerate() {
            if hi_index >= group.end {
                let len = hits[hi_index..].partition_point(|h| h.1 == name_id);
                group = hi_index..hi_index + len;
            }
            let i = i as usize;
            {
                let name = &self.index.names[name_id as usize];
                let k = name.tokens.len();
                let lo = i.saturating_sub(pos as usize + SLACK).max(seg_start[i]);
                let hi = (i + (k.saturating_sub(pos as usize)) + SLACK).min(seg_end[i]);
                // Before aligning: a name of several words needs most of them (two at least) in
                // the window; a one-word name has its own conditions.
                let words = self.tables.name_words[name_id as usize];
                if words >= 2 {
                    if group.len() < 2 {
                        continue;
                    }
                    let mut seen: u64 = 0;
                    let same = &hits[group.clone()];
                    let from = same.partition_point(|h| (h.0 as usize) < lo);
                    for h in same[from..].iter().take_while(|h| (h.0 as usize) < hi) {
                        seen |= 1u64 << (h.2 % 64);
                    }
                    let needed = if self.tables.whole[name_id as usize] {
                        usize::from(words)
                    } else {
                        (usize::from(words) * 3).div_ceil(5).max(2)
                    };
                    if (seen.count_ones() as usize) < needed || !tried.insert((name_id, lo)) {
                        continue;
                    }
                } else if !exact
                    || !self.one_word_candidate(name_id, &tokens[i], text)
                    || !tried.insert((name_id, lo))
                {
                    continue;
                }
                self.try_window(text, position, &tokens[lo..hi], name_id, cased);
            }
        }
    }

    /// Whether a one-word listed name may be what a text word means: organisations only,
    /// capitalised, at least five letters, not an everyday word.
    fn one_word_candidate(&self, name_id: u32, token: &Token, text: &str) -> bool {
        let name = &self.index.names[name_id as usize];
        let entity = &self.index.entity(name.entity as usize);
        entity.schema.is_organization()
            && text[token.span.clone()].starts_with(char::is_uppercase)
            && token.text.len() >= 5
            && !EVERYDAY.contains(&token.text.as_str())
    }

    /// Aligns a window of text with one listed name and records a mention if it holds.
    fn try_window(
        &mut self,
        text: &str,
        position: &dyn Fn(usize) -> usize,
        window: &[Token],
        name_id: u32,
        cased: bool,
    ) {
        let name = &self.index.names[name_id as usize];
        let entity = &self.index.entity(name.entity as usize);
        let org = name.schema.is_organization();
        let weight = |f: &str, c: TokenClass| self.index.query_weight(f, c, org);
        let (Some(first), Some(last)) = (window.first(), window.last()) else {
            return;
        };
        let offset = first.span.start;
        let q = PreparedName::new(&text[offset..last.span.end], org, weight);
        // In text with capitals, a name word written in lower case is an ordinary word ("said
        // Ahmed"), not part of a name; the words that join the words of a name are written in
        // lower case ("Al-Qaida in Iraq", "Front for the People of the Levant").
        let lower_word = |q: &PreparedName, base: usize, i: usize| {
            let t = &q.tokens[i];
            cased
                && matches!(
                    t.class,
                    TokenClass::Word | TokenClass::Number | TokenClass::Initial
                )
                && !EDGE_WORDS.contains(&t.text.as_str())
                && text[base + t.span.start..].starts_with(|c: char| c.is_lowercase())
        };
        let mut edges = self.edges(&q, name, &|u| {
            !(u.start..u.start + u.len).any(|i| lower_word(&q, offset, i as usize))
        });
        let al = align(&q.tokens, &name.tokens, &mut edges);
        let (Some(a), Some(b)) = (
            al.pairs.iter().map(|p| p.q.start).min(),
            al.pairs.iter().map(|p| p.q.start + p.q.len - 1).max(),
        ) else {
            return;
        };
        // Score the stretch from the first to the last paired word, not the whole window, and
        // not a connecting word at its edges ("and Jaamat-u-Dawa"), nor a particle at an edge
        // that pairs with a listed particle out of order ("e Lashkar-e-Tayyiba").
        let mut partner: Vec<Option<u8>> = vec![None; q.tokens.len()];
        for p in &al.pairs {
            for t in p.q.start..p.q.start + p.q.len {
                partner[t as usize] = Some(p.c.start);
            }
        }
        let stray = |i: usize, neighbour: Option<&Option<u8>>, before: bool| {
            q.tokens[i].class == TokenClass::Particle
                && match (partner[i], neighbour.copied().flatten()) {
                    (Some(mine), Some(next)) => (mine < next) != before,
                    _ => false,
                }
        };
        let (mut a, mut b) = (a as usize, b as usize);
        while a < b
            && (partner[a].is_none()
                || EDGE_WORDS.contains(&q.tokens[a].text.as_str())
                || stray(a, partner[a + 1..].iter().find(|p| p.is_some()), true))
        {
            a += 1;
        }
        while b > a
            && (partner[b].is_none()
                || EDGE_WORDS.contains(&q.tokens[b].text.as_str())
                || stray(b, partner[..b].iter().rev().find(|p| p.is_some()), false))
        {
            b -= 1;
        }
        if (a..=b).any(|i| lower_word(&q, offset, i)) {
            return;
        }
        let start = q.tokens[a].span.start + offset;
        let end = q.tokens[b].span.end + offset;
        let q = PreparedName::new(&text[start..end], org, weight);
        let mut edges = self.edges(&q, name, &|_| true);
        let person = name.schema == Schema::Person;
        let mut al = align(&q.tokens, &name.tokens, &mut edges);
        let mut ns = name_score(&al, name.kind, org, person);
        // A name that carries its acronym in brackets is also the name without it ("Haqqani
        // Network" for HAQQANI NETWORK (HQN)).
        let bracketed = usize::from(self.tables.bracketed[name_id as usize]);
        if bracketed + 1 == name.tokens.len() && al.c_matched & (1 << bracketed.min(31)) == 0 {
            edges.retain(|e| usize::from(e.c.start) + usize::from(e.c.len) <= bracketed);
            let without = align(&q.tokens, &name.tokens[..bracketed], &mut edges);
            let score = name_score(&without, name.kind, org, person);
            if score.score > ns.score {
                (al, ns) = (without, score);
            }
        }
        // The span is cut to the words that pair, so what counts is how much of the listed
        // name the text has; names in running text are written with capitals (or in a script
        // without them), so all-lower-case words need a near-complete match.
        let proper = q.tokens.iter().any(|t| {
            t.transliterated || text[start..end][t.span.clone()].starts_with(char::is_uppercase)
        });
        let (least_score, least_cover) = if proper {
            (self.options.min_score, 0.75)
        } else {
            (0.9, 0.9)
        };
        if ns.score < self.options.min_score.max(least_score) || al.cov_c < least_cover {
            return;
        }
        let words_paired = al
            .pairs
            .iter()
            .filter(|p| {
                (p.q.start..p.q.start + p.q.len).any(|t| is_trigger(q.tokens[t as usize].class))
            })
            .count();
        // Name parts are what white space separates: "Abdel-Rahman" is one given name.
        let written = &text[start..end];
        let part_of = |t: &crate::prepare::NameToken| {
            let upto: Vec<char> = written[..t.span.start].chars().collect();
            upto.windows(2)
                .filter(|w| w[0].is_whitespace() && !w[1].is_whitespace())
                .count()
                + usize::from(upto.last().is_some_and(|c| c.is_whitespace()))
        };
        // "Abdul Rehman" and "Abd al-Aziz" are one given name too: a servant-of word joins the
        // word after it.
        let mut paired_tokens: Vec<usize> = al
            .pairs
            .iter()
            .flat_map(|p| p.q.start..p.q.start + p.q.len)
            .map(usize::from)
            .filter(|&t| is_trigger(q.tokens[t].class))
            .collect();
        paired_tokens.sort_unstable();
        let mut parts: Vec<usize> = Vec::new();
        for (k, &t) in paired_tokens.iter().enumerate() {
            let joined_to_next = SERVANT_OF.contains(&q.tokens[t].text.as_str())
                && paired_tokens.get(k + 1).is_some();
            if !joined_to_next {
                parts.push(part_of(&q.tokens[t]));
            }
        }
        parts.sort_unstable();
        parts.dedup();
        let name_words = name.tokens.iter().filter(|t| is_trigger(t.class)).count();
        // Free text carries no date of birth to tell namesakes apart: a person's name must say
        // enough on its own (two common names, "Muhammad Ali", do not). Each pair counts with
        // the lower of its two words' weights: the listed word's says how common it is on the
        // lists, the text word's how common its spelling is. A listed name of three or more
        // words written in full ("Hafiz Muhammad Saeed") says more than its words do apart.
        let side = |tokens: &[crate::prepare::NameToken], start: u8, len: u8| -> f32 {
            tokens[start as usize..(start + len) as usize]
                .iter()
                .filter(|t| is_trigger(t.class))
                .map(|t| t.weight)
                .sum()
        };
        let paired_weight: f32 = al
            .pairs
            .iter()
            .map(|p| {
                side(&q.tokens, p.q.start, p.q.len).min(side(&name.tokens, p.c.start, p.c.len))
            })
            .sum();
        // Free text is edited: its words pair closely with the listed ones, or not at all
        // (particles aside).
        let loose = al.pairs.iter().any(|p| {
            p.score < PAIR_SIMILARITY
                && (p.q.start..p.q.start + p.q.len).any(|i| is_trigger(q.tokens[i as usize].class))
        });
        if loose {
            return;
        }
        // Every word of the listed name is there (in a spelling close enough, as checked
        // above): "Hafiz Mohammed Saeed" for HAFIZ MUHAMMAD SAEED.
        let every_word = name
            .tokens
            .iter()
            .enumerate()
            .all(|(i, t)| !is_trigger(t.class) || (i < 32 && al.c_matched & (1 << i) != 0));
        let in_full = every_word && al.pairs.len() >= 3;
        let least_weight = if in_full {
            PERSON_WEIGHT_IN_FULL
        } else {
            PERSON_WEIGHT
        };
        // A person's name does not run across "and" or "or": "Muhammad Saeed and Ahmed Ali"
        // are two people.
        let joined = q
            .tokens
            .iter()
            .any(|t| JOINING_WORDS.contains(&t.text.as_str()));
        // Two name words must each be less common than the commonest ("Mustafa Mohammed",
        // "Ali Hossain" name thousands of people).
        let weakest = al
            .pairs
            .iter()
            .filter(|p| {
                (p.q.start..p.q.start + p.q.len).any(|t| is_trigger(q.tokens[t as usize].class))
            })
            .map(|p| {
                side(&q.tokens, p.q.start, p.q.len).min(side(&name.tokens, p.c.start, p.c.len))
            })
            .fold(f32::INFINITY, f32::min);
        let common_pair = words_paired == 2
            && !in_full
            && (weakest < PERSON_WORD_WEIGHT_OF_TWO || paired_weight < PERSON_WEIGHT_OF_TWO);
        match entity.schema {
            Schema::Person
                if parts.len() < 2 || paired_weight < least_weight || joined || common_pair =>
            {
                return
            }
            _ if self.tables.whole[name_id as usize] => {
                // Names of generic words only count written in full, with capitals.
                let capitalised = text[start..end].starts_with(char::is_uppercase);
                let mut paired = vec![false; name.tokens.len()];
                for p in &al.pairs {
                    for c in p.c.start..p.c.start + p.c.len {
                        paired[c as usize] = true;
                    }
                }
                let bracketed = usize::from(self.tables.bracketed[name_id as usize]);
                let in_full = name
                    .tokens
                    .iter()
                    .zip(&paired)
                    .enumerate()
                    .all(|(pos, (t, &p))| p || !is_content(t.class) || pos == bracketed);
                // In the listed order, too ("Global Foundation and Relief" is not it).
                let mut order: Vec<(u8, u8)> =
                    al.pairs.iter().map(|p| (p.q.start, p.c.start)).collect();
                order.sort_unstable();
                let in_order = order.windows(2).all(|w| w[0].1 < w[1].1);
                if !in_full || !in_order || al.pairs.len() < 2 || (cased && !capitalised) {
                    return;
                }
            }
            _ if name_words <= 1 => {
                // One-word names: organisations only, capitalised, long, not everyday words.
                // The word is the name word, not a particle before it ("al-Qaida").
                let Some(tok) = q.tokens.iter().find(|t| is_trigger(t.class)) else {
                    return;
                };
                let capitalised = text[start + tok.span.start..].starts_with(char::is_uppercase);
                let best = al.pairs.iter().map(|p| p.score).fold(0.0, f32::max);
                if !entity.schema.is_organization()
                    || !capitalised
                    || tok.text.len() < 5
                    || best < 0.97
                    || EVERYDAY.contains(&tok.folded.as_str())
                {
                    return;
                }
                // The word alone ("Mirza" for MIRZA COMPANY) must be rare on the lists, and
                // not part of a longer proper name ("Mirza Baig").
                if al.cov_c < 0.99
                    && (paired_weight < ONE_WORD_WEIGHT || in_longer_proper_name(text, start, end))
                {
                    return;
                }
            }
            _ if words_paired == 0 => return,
            _ if entity.schema.is_organization()
                && without_its_generic_words(&al, &name.tokens)
                && (paired_weight < ORG_WEIGHT_WITHOUT_GENERIC
                    || names_a_country(&text[start..end])) =>
            {
                // "Hong Kong" for HONG KONG ELECTRONICS: the distinctive words of a company's
                // name are often a place or a family name; without the word that says what it
                // is, they must be rare on the lists, and not a country's name.
                return;
            }
            _ => {}
        }
        let listed = &entity.names[name.name as usize].full;
        let why = format!(
            "{} of {} words of the listed {} \"{}\" (score {:.2})",
            al.pairs.len(),
            name.tokens.len(),
            name.kind.label(),
            listed,
            ns.score
        );
        self.mentions.push((
            name.entity,
            Mention {
                start: position(start),
                end: position(end),
                text: text[start..end].to_string(),
                context: context(text, start, end, self.options.context),
                entity,
                matched_name: listed,
                score: ns.score,
                kind: MentionKind::Name,
                why,
                also_listed: Vec::new(),
            },
        ));
    }

    /// Notes the acronym-like word `text[start..end]`, to be kept if the document supports
    /// it.
    fn acronym_at(
        &mut self,
        text: &str,
        position: &dyn Fn(usize) -> usize,
        start: usize,
        end: usize,
    ) {
        let original = &text[start..end];
        let form = if original.contains('.') {
            dotted_acronym_form(original)
        } else {
            acronym_form(original)
        };
        let Some(form) = form else {
            return;
        };
        let Some(options) = self.tables.acronyms.get(form.as_str()) else {
            return;
        };
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let parenthesised = before == Some('(') && after == Some(')');
        // Two letters are too common to be an acronym unless written as one.
        if form.len() < 3 && !parenthesised && before != Some('/') && after != Some('/') {
            return;
        }
        let word_len = |s: &str| -> usize {
            s.chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum()
        };
        let slash_partner = if after == Some('/') {
            let n = word_len(&text[end + 1..]);
            (n > 0).then_some((end + 1, end + 1 + n))
        } else if before == Some('/') {
            let n: usize = text[..start - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            (n > 0).then_some((start - 1 - n, start - 1))
        } else {
            None
        };
        self.acronyms.push(AcronymCandidate {
            start: position(start),
            end: position(end),
            text: original.to_string(),
            context: context(text, start, end, self.options.context),
            options: options.clone(),
            written: parenthesised || slash_partner.is_some(),
            slash_partner: slash_partner.map(|(s, e)| (position(s), position(e))),
        });
    }

    /// Resolves acronyms, merges overlapping mentions of one target, and returns the mentions
    /// in text order.
    pub fn finish(self) -> Vec<Mention<'a>> {
        let Scanner {
            index,
            options,
            mut mentions,
            acronyms,
            ..
        } = self;
        let cluster = |e: u32| {
            index.clusters[e as usize]
                .clone()
                .unwrap_or_else(|| format!("#{e}"))
        };
        mentions.retain(|(_, m)| m.score >= options.min_score);
        // A mention inside a longer one of the same target is part of it ("Islamic State of
        // Iraq" in "Islamic State of Iraq and the Levant").
        let mentions = drop_inner(
            mentions,
            |a, b| cluster(a) == cluster(b),
            |outer, inner| {
                let longer = outer.end - outer.start > inner.end - inner.start;
                longer.then_some(Loser::Inner)
            },
        );
        // Across targets, the better reading of a stretch of text wins, before acronyms look
        // for the full names that support them.
        let mut mentions = drop_inner(mentions, |a, b| cluster(a) != cluster(b), better_reading);
        // Full names per target, by position, for support (each list sorted by start).
        let mut full: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (e, m) in &mentions {
            full.entry(cluster(*e)).or_default().push((m.start, m.end));
        }
        for spans in full.values_mut() {
            spans.sort_unstable();
        }
        let reach = options.support_bytes;
        let supported = |target: &str, start: usize, end: usize| {
            let Some(spans) = full.get(target) else {
                return false;
            };
            // Full names starting up to `reach` bytes after the acronym, latest first; names
            // are short, so the search stops well before the start of the document.
            let after = spans.partition_point(|s| s.0 <= end + reach);
            spans[..after]
                .iter()
                .rev()
                .take_while(|s| s.0 + reach + 1000 >= start)
                .any(|&(s, e)| s.abs_diff(end) <= reach || e.abs_diff(start) <= reach)
        };
        // First pass: acronyms supported by a full name; second: slash partners of those.
        let mut kept: Vec<(u32, Mention<'a>)> = Vec::new();
        let mut is_kept = vec![false; acronyms.len()];
        let mut kept_at: HashMap<(usize, usize), String> = HashMap::new();
        for (ci, c) in acronyms.iter().enumerate() {
            // The UN's own entry first, as on a full name.
            let found = c
                .options
                .iter()
                .filter(|(e, _, _)| supported(&cluster(*e), c.start, c.end))
                .min_by_key(|(e, _, _)| {
                    !index
                        .entity(*e as usize)
                        .provenance
                        .list
                        .starts_with("un-sc")
                });
            if let Some(&(e, n, _)) = found {
                is_kept[ci] = true;
                kept_at.insert((c.start, c.end), cluster(e));
                kept.push((e, acronym_mention(index, c, e, n, ACRONYM_SUPPORTED, true)));
            }
        }
        // Full mentions by start, to find the one a slash partner is part of.
        let mut by_start: Vec<(usize, usize, u32)> =
            mentions.iter().map(|(e, m)| (m.start, m.end, *e)).collect();
        by_start.sort_unstable();
        for (ci, c) in acronyms.iter().enumerate() {
            if is_kept[ci] || !c.written {
                continue;
            }
            // Joined by a slash to a kept mention of the same target, or in parentheses with
            // one entity only.
            let partner_target = c.slash_partner.and_then(|(s, e)| {
                kept_at.get(&(s, e)).cloned().or_else(|| {
                    let upto = by_start.partition_point(|m| m.0 <= s);
                    by_start[..upto]
                        .iter()
                        .rev()
                        .take_while(|m| m.0 + 1000 >= s)
                        .find(|m| m.1 >= e)
                        .map(|m| cluster(m.2))
                })
            });
            // Joined by a slash to a mention of the same target; or, for an acronym the list
            // itself gives as a name ("TTP"), in parentheses, when it names one target only.
            // Derived acronyms ("SSL" from a company's initials) need a full name nearby.
            let choice = match &partner_target {
                Some(t) => c
                    .options
                    .iter()
                    .find(|(e, _, _)| cluster(*e) == *t)
                    .copied(),
                None => {
                    let listed: Vec<&(u32, u32, bool)> = c.options.iter().filter(|o| o.2).collect();
                    let targets: HashSet<String> =
                        listed.iter().map(|(e, _, _)| cluster(*e)).collect();
                    (targets.len() == 1).then(|| *listed[0])
                }
            };
            if let Some((e, n, _)) = choice {
                let score = if partner_target.is_some() {
                    ACRONYM_SUPPORTED
                } else {
                    ACRONYM_WRITTEN
                };
                kept.push((e, acronym_mention(index, c, e, n, score, false)));
            }
        }
        mentions.extend(kept);
        mentions.retain(|(_, m)| m.score >= options.min_score);
        // Where mentions of one target overlap, the best one stays, the designating
        // authority's own entry (the UN's) on equal scores. The mentions kept for a target do
        // not overlap one another, so the one starting last before a new mention's end is the
        // only one that can overlap it.
        let not_un = |m: &Mention| !m.entity.provenance.list.starts_with("un-sc");
        mentions.sort_by(|a, b| {
            b.1.score
                .total_cmp(&a.1.score)
                .then((b.1.end - b.1.start).cmp(&(a.1.end - a.1.start)))
                .then(not_un(&a.1).cmp(&not_un(&b.1)))
                .then(a.1.start.cmp(&b.1.start))
        });
        // The kept mentions of each target: start -> (end, position in `out`).
        let mut taken: HashMap<String, std::collections::BTreeMap<usize, (usize, usize)>> =
            HashMap::new();
        let mut out: Vec<(u32, Mention<'a>)> = Vec::new();
        for (e, m) in mentions {
            let spans = taken.entry(cluster(e)).or_default();
            let kept = spans
                .range(..m.end)
                .next_back()
                .filter(|(_, &(end, _))| end > m.start)
                .map(|(_, &(_, at))| at);
            match kept {
                None => {
                    spans.insert(m.start, (m.end, out.len()));
                    out.push((e, m));
                }
                // Another list's entry for the same target goes under the one kept.
                Some(at) => {
                    let k = &mut out[at].1;
                    let known = k.entity.id == m.entity.id
                        || k.also_listed.iter().any(|a| a.entity.id == m.entity.id);
                    if !known {
                        k.also_listed.push(AlsoListed {
                            entity: m.entity,
                            score: m.score,
                            matched_name: m.matched_name,
                        });
                    }
                }
            }
        }
        let out = drop_inner(out, |a, b| cluster(a) != cluster(b), better_reading);
        let mut out: Vec<Mention<'a>> = out.into_iter().map(|(_, m)| m).collect();
        out.sort_by_key(|m| (m.start, m.end));
        out
    }
}

/// Whether `text` is the name of a country or territory ("Hong Kong", "Korea").
fn names_a_country(text: &str) -> bool {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    CountryCode::resolve(&text).is_some_and(|c| fold(c.name()) == fold(&text))
}

/// Whether a listed organisation name has generic words or legal forms ("Electronics",
/// "Bank", "Ltd") and the text pairs none of them.
fn without_its_generic_words(
    al: &crate::align::Alignment,
    listed: &[crate::prepare::NameToken],
) -> bool {
    let generic = |t: &crate::prepare::NameToken| {
        matches!(t.class, TokenClass::Generic | TokenClass::LegalForm)
    };
    let mut has = false;
    for (i, _) in listed.iter().enumerate().filter(|(_, t)| generic(t)) {
        has = true;
        if i < 32 && al.c_matched & (1 << i) != 0 {
            return false;
        }
    }
    has
}

/// Of two mentions of different targets, one inside the other, the one that gives way: an
/// exact listed name is not also reported as part of a longer name ("Islamic State in Iraq
/// and the Levant" is the alias of QDe.115, not 7 of the 9 words of ISIL-Yemen's), and a name
/// inside a longer one that reads as well is part of it ("Al-Qaida" in "Al-Qaida in Iraq").
/// On the same stretch the clearly better score wins; lists that spell a name alike all stay.
fn better_reading(outer: &Mention, inner: &Mention) -> Option<Loser> {
    let same_span = outer.end - outer.start == inner.end - inner.start;
    if same_span {
        if outer.score >= inner.score + SAME_SPAN_MARGIN {
            Some(Loser::Inner)
        } else {
            (inner.score >= outer.score + SAME_SPAN_MARGIN).then_some(Loser::Outer)
        }
    } else if inner.score >= EXACT_READING && outer.score < inner.score {
        Some(Loser::Outer)
    } else {
        (outer.score + INNER_MARGIN >= inner.score).then_some(Loser::Inner)
    }
}

/// How much better a reading of the same stretch of text must score for another to be
/// dropped (lists that spell one name alike score alike and are all kept).
const SAME_SPAN_MARGIN: f32 = 0.02;
/// How much worse a longer mention may score and still take in a shorter one inside it.
const INNER_MARGIN: f32 = 0.05;

/// Which of two mentions, one inside the other, gives way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loser {
    /// The longer one (or the first of two on the same stretch).
    Outer,
    /// The one inside it.
    Inner,
}

/// A mention scoring this much reads the listed name as it is.
const EXACT_READING: f32 = 0.99;

/// Drops, of two mentions of targets that `related` accepts where one lies inside the other
/// (or both on the same stretch), the one `loser(outer, inner)` names.
fn drop_inner<'a>(
    mut mentions: Vec<(u32, Mention<'a>)>,
    related: impl Fn(u32, u32) -> bool,
    loser: impl Fn(&Mention<'a>, &Mention<'a>) -> Option<Loser>,
) -> Vec<(u32, Mention<'a>)> {
    // By start, longest first: an outer mention comes before the ones inside it.
    mentions.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    let mut dropped = vec![false; mentions.len()];
    for i in 0..mentions.len() {
        let (ei, outer) = (mentions[i].0, &mentions[i].1);
        for j in i + 1..mentions.len() {
            let (ej, inner) = (mentions[j].0, &mentions[j].1);
            if inner.start >= outer.end {
                break;
            }
            if inner.end > outer.end || dropped[i] || dropped[j] || !related(ei, ej) {
                continue;
            }
            match loser(outer, inner) {
                Some(Loser::Outer) => dropped[i] = true,
                Some(Loser::Inner) => dropped[j] = true,
                None => {}
            }
        }
    }
    mentions
        .into_iter()
        .zip(dropped)
        .filter_map(|(m, d)| (!d).then_some(m))
        .collect()
}

/// Up to `chars` characters before and after `start..end`, with runs of white space (line
/// breaks too) written as one space.
fn context(text: &str, start: usize, end: usize, chars: usize) -> (String, String) {
    let flat = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        out
    };
    let before: Vec<char> = text[..start].chars().rev().take(chars).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[end..].chars().take(chars).collect();
    (flat(&before), flat(&after))
}

fn acronym_mention<'a>(
    index: &'a Index,
    c: &AcronymCandidate,
    entity: u32,
    name: u32,
    score: f32,
    by_name: bool,
) -> Mention<'a> {
    let e = &index.entity(entity as usize);
    let n = &index.names[name as usize];
    let listed = &e.names[n.name as usize].full;
    Mention {
        start: c.start,
        end: c.end,
        text: c.text.clone(),
        context: c.context.clone(),
        entity: e,
        matched_name: listed,
        score,
        kind: MentionKind::Acronym,
        why: if by_name {
            format!("acronym of \"{listed}\", which the document names nearby")
        } else {
            format!("acronym of \"{listed}\", written as one")
        },
        also_listed: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::entity;

    /// The texts of the mentions found in `text` against entities of the given names.
    fn check(listed: &[(&str, Schema)], text: &str) -> Vec<String> {
        let entities = listed
            .iter()
            .enumerate()
            .map(|(i, (name, schema))| entity(&format!("T{i}"), *schema, &[name]))
            .collect();
        let index = Index::build(entities);
        let mut s = index.scanner(ScanOptions::default());
        s.scan(text, &|p| p);
        s.finish().into_iter().map(|m| m.text).collect()
    }

    const ORG: Schema = Schema::Organization;
    const PERSON: Schema = Schema::Person;

    /// (reference, text) of the mentions found in `text` against the given entities.
    fn found(entities: Vec<Entity>, text: &str) -> Vec<(String, String)> {
        let index = Index::build(entities);
        let mut s = index.scanner(ScanOptions::default());
        s.scan(text, &|p| p);
        s.finish()
            .into_iter()
            .map(|m| (m.entity.provenance.reference.clone(), m.text))
            .collect()
    }

    fn let_and_saeed() -> Vec<Entity> {
        vec![
            entity(
                "QDe.118",
                ORG,
                &["LASHKAR-E-TAYYIBA", "Lashkar e-Tayyiba", "Jamaat-ud-Dawa"],
            ),
            entity(
                "QDi.263",
                PERSON,
                &[
                    "HAFIZ MUHAMMAD SAEED",
                    "Hafiz Saeed",
                    "Hafez Mohammad Saeed",
                ],
            ),
            entity("QDe.004", ORG, &["AL-QAIDA", "Al Qaeda"]),
            entity(
                "QDe.115",
                ORG,
                &["AL-QAIDA IN IRAQ", "Islamic State in Iraq and the Levant"],
            ),
            entity(
                "QDe.166",
                ORG,
                &["Islamic State of Iraq and the Levant of Yemen"],
            ),
        ]
    }

    #[test]
    fn names_as_prose_writes_them() {
        let cases: &[(&str, &str, &str)] = &[
            // Possessives with either apostrophe.
            (
                "Lashkar-e Tayyiba’s leaders met.",
                "QDe.118",
                "Lashkar-e Tayyiba",
            ),
            (
                "Lashkar e-Tayyiba's funds were frozen.",
                "QDe.118",
                "Lashkar e-Tayyiba",
            ),
            // A one-word organisation name after a particle.
            ("Analysts say al-Qaida backed them.", "QDe.004", "al-Qaida"),
            (
                "Analysts say al-Qa’ida backed them.",
                "QDe.004",
                "al-Qa’ida",
            ),
            ("Analysts say Al Qaeda backed them.", "QDe.004", "Al Qaeda"),
            // Lower-case joining words inside an organisation's name.
            (
                "He joined al-Qaida in Iraq in 2004.",
                "QDe.115",
                "al-Qaida in Iraq",
            ),
            // Every listed word, one of them in another usual spelling.
            (
                "The cleric Hafiz Mohammed Saeed spoke.",
                "QDi.263",
                "Hafiz Mohammed Saeed",
            ),
            // No-break spaces; a label glued to the value.
            (
                "The cleric Hafiz\u{a0}Muhammad\u{a0}Saeed spoke.",
                "QDi.263",
                // The text as written.
                "Hafiz\u{a0}Muhammad\u{a0}Saeed",
            ),
            (
                "FounderHafiz Muhammad Saeed",
                "QDi.263",
                "Hafiz Muhammad Saeed",
            ),
        ];
        for (text, reference, written) in cases {
            let got = found(let_and_saeed(), text);
            assert_eq!(
                got,
                vec![(reference.to_string(), written.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn acronyms_without_joining_words() {
        let got = found(
            let_and_saeed(),
            "It renamed itself the Islamic State in Iraq and the Levant (ISIL) in 2013. ISIL then split.",
        );
        assert_eq!(
            got,
            vec![
                (
                    "QDe.115".into(),
                    "Islamic State in Iraq and the Levant".into()
                ),
                ("QDe.115".into(), "ISIL".into()),
                ("QDe.115".into(), "ISIL".into())
            ]
        );
    }

    #[test]
    fn dotted_acronyms_count_like_others() {
        let got = found(
            let_and_saeed(),
            "Officials blame the L.e.T. for the siege. Lashkar-e-Tayyiba denies it.",
        );
        assert_eq!(
            got,
            vec![
                ("QDe.118".into(), "L.e.T.".into()),
                ("QDe.118".into(), "Lashkar-e-Tayyiba".into())
            ]
        );
        // Without a full name nearby, a dotted acronym is as unsupported as any other.
        assert!(found(let_and_saeed(), "The L.e.T. denies it.").is_empty());
        assert_eq!(dotted_acronym_end(b"U.S.A. and", 0, 10), Some(6));
        assert_eq!(dotted_acronym_end(b"L.etc", 0, 5), None);
    }

    #[test]
    fn a_place_is_not_the_company_named_after_it() {
        let listed = || vec![entity("KPe.005", ORG, &["HONG KONG ELECTRONICS"])];
        assert!(found(listed(), "Front companies in Hong Kong and Malaysia paid.").is_empty());
        assert_eq!(
            found(listed(), "It paid Hong Kong Electronics in cash."),
            vec![("KPe.005".into(), "Hong Kong Electronics".into())]
        );
    }

    #[test]
    fn a_name_without_the_acronym_it_carries_in_brackets() {
        let listed = || vec![entity("TAe.012", ORG, &["HAQQANI NETWORK (HQN)"])];
        for text in [
            "The Haqqani Network is an insurgent group.",
            "The UN listed the Haqqani Network (HQN) in 2012.",
        ] {
            let got = found(listed(), text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!(got[0].1.starts_with("Haqqani Network"), "{text}: {got:?}");
        }
    }

    #[test]
    fn an_exact_listed_name_beats_a_longer_name_containing_it() {
        // The UN alias of QDe.115, not 7 of the 9 words of ISIL-Yemen's name.
        let got = found(
            let_and_saeed(),
            "The Islamic State in Iraq and the Levant was named.",
        );
        assert_eq!(
            got,
            vec![(
                "QDe.115".into(),
                "Islamic State in Iraq and the Levant".into()
            )]
        );
        // A name inside a longer one of another entity is part of it.
        let got = found(let_and_saeed(), "Al-Qaida in Iraq was named.");
        assert_eq!(got, vec![("QDe.115".into(), "Al-Qaida in Iraq".into())]);
    }

    #[test]
    fn organisations_of_generic_words_count_in_full_only() {
        let listed = [
            ("GLOBAL RELIEF FOUNDATION, INC.", ORG),
            ("RAMOR GROUP", ORG),
        ];
        assert_eq!(
            check(
                &listed,
                "Funds went to Global Relief Foundation; a global relief effort began.\n"
            ),
            ["Global Relief Foundation"]
        );
        assert_eq!(
            check(&listed, "The Ramor Group said no. The Group agreed.\n"),
            ["Ramor Group"]
        );
        assert!(check(&listed, "The Global Foundation and Relief International.\n").is_empty());
    }

    #[test]
    fn a_one_word_name_alone_must_be_rare_and_not_part_of_a_longer_name() {
        let listed = [
            ("MIRZA COMPANY", ORG),
            ("Mirza Aslam Beg", PERSON),
            ("Mirza Tahir Hussain", PERSON),
            ("Mirza Yusuf Khan", PERSON),
            ("HEZBOLLAH", ORG),
        ];
        assert!(check(&listed, "We met Mirza yesterday.\n").is_empty());
        assert!(check(&listed, "Mirza Baig wrote back.\n").is_empty());
        assert_eq!(
            check(&listed, "Payments to Mirza Company stopped.\n"),
            ["Mirza Company"]
        );
        assert_eq!(
            check(&listed, "Money reached Hezbollah in May.\n"),
            ["Hezbollah"]
        );
    }

    #[test]
    fn people_need_two_parts_and_do_not_run_across_and() {
        let listed = [
            ("Abdel Rahman", PERSON),
            ("Saeed Ahmed Ali Muhammad", PERSON),
            ("Zaki ur Rehman Lakhvi", PERSON),
        ];
        assert!(check(&listed, "He met Abdel-Rahman at the station.\n").is_empty());
        assert!(check(&listed, "He met Muhammad Saeed and Ahmed Ali there.\n").is_empty());
        assert_eq!(
            check(&listed, "He met Zaki-ur-Rehman Lakhvi there.\n"),
            ["Zaki-ur-Rehman Lakhvi"]
        );
    }

    #[test]
    fn acronym_forms() {
        assert_eq!(acronym_form("LeT").as_deref(), Some("let"));
        assert_eq!(acronym_form("JUD").as_deref(), Some("jud"));
        assert_eq!(acronym_form("JUDs").as_deref(), Some("jud"));
        assert_eq!(acronym_form("Let"), None);
        assert_eq!(acronym_form("let"), None);
        assert_eq!(acronym_form("PAKISTAN"), None);
        assert_eq!(acronym_form("L"), None);
    }
}
