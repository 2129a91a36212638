//! Finding listed names in running text: payment references, adverts, telegrams.
//!
//! A [`Scanner`] reads text in pieces (so a long document streams through in bounded memory) and
//! reports every stretch of text that names a listed entity, in stages, a module each:
//!
//! 1. **Clean** (`clean`): no-break spaces, possessives and labels glued to values are undone,
//!    with a map back to the original offsets.
//! 2. **Tables** (`tables`): built once per index. Every name word of the lists (not
//!    particles, titles, legal forms or generic words) is a trigger, looked up by its folded
//!    spelling and, for longer words, by its consonant skeleton, so "Taiba" and "Tayyaba" both
//!    trigger Lashkar-e-Tayyiba; one-word names and acronyms have tables of their own.
//! 3. **Quick look** (`quick`): a line is read in full only when two words of one listed name
//!    meet on it (or across its break), or it has a one-word name or a word of another script.
//! 4. **Window** (`window`): around a trigger, as many words as the listed name has (and a few
//!    more) are aligned with it; the stretch from the first to the last paired word is read
//!    like a screening query. Sentence and paragraph ends close a window.
//! 5. **Rules** (`rules`): a named function each. A person's name needs two name parts of
//!    enough weight; a name of generic words counts in full only; a name of one word only for
//!    an organisation, written capitalised, long, rare and not an everyday word; an
//!    organisation's name without its generic words must not be a place.
//! 6. **Acronyms** (`acronyms`: "LeT", "JUD", "L.e.T.") count only when the document supports
//!    them: a full name of the same entity within a few thousand bytes, or the acronym written
//!    as one, in parentheses ("(LeT)") or joined by a slash to another name of the entity
//!    ("LeT/JUD"). "JUDs" and "LeT,s" are the acronym with a suffix.
//! 7. **Finish** (`finish`): competing readings of a stretch are settled (an exact listed name
//!    beats a longer name containing it; the UN's entry leads its target, other lists' entries
//!    sit under it), acronyms are resolved, and the mentions come out in text order.

mod acronyms;
mod clean;
mod finish;
mod quick;
mod rules;
mod tables;
mod window;

use crate::ids::EntityIx;
use acronyms::*;
use quick::*;
use rules::*;
pub(crate) use tables::ScanTables;
use tables::*;
use window::*;

use crate::align::{align, unit_similarity_at_least, Edge, UnitForm};
use crate::index::{AlsoListed, Index};
use crate::keys::{hash_key, HashedMap, PairMap};
use crate::prepare::{PreparedName, UnitSpan};
use crate::score::name_score;
use interdict_model::{CountryCode, Entity, Schema};
use interdict_names::{
    bracketed_acronym, fold, fold_consonantal, is_invisible, organisation_term, skeleton, tokenize,
    Shape, Similarity, Token, TokenClass,
};
use std::collections::{HashMap, HashSet};

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
    /// The entity's links to other entries (its leaders, fronts, owners, ...).
    pub links: Vec<crate::Linked<'a>>,
}

/// Reads text piece by piece and collects mentions.
pub struct Scanner<'a> {
    index: &'a Index,
    tables: &'a ScanTables,
    options: ScanOptions,
    mentions: Vec<(EntityIx, Mention<'a>)>,
    acronyms: Vec<AcronymCandidate>,
    /// What the quick look found for each lower-cased word seen so far (hashed): a
    /// document repeats its words, and most are no name word at all.
    seen_words: HashedMap<WordLook>,
    /// Similarities of text words to listed words computed so far, keyed by the text word's
    /// hash and the listed word's vocabulary id: names recur in a document, and so do the
    /// words around them.
    similarities: PairMap<Option<Similarity>>,
}

/// Similarities remembered before the memory is cleared.
const SIMILARITIES_LIMIT: usize = 500_000;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::entity;

    /// The texts of the mentions found in `text` against entities of the given names.
    pub(super) fn check(listed: &[(&str, Schema)], text: &str) -> Vec<String> {
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

    pub(super) const ORG: Schema = Schema::Organization;
    pub(super) const PERSON: Schema = Schema::Person;

    /// (reference, text) of the mentions found in `text` against the given entities.
    pub(super) fn found(entities: Vec<Entity>, text: &str) -> Vec<(String, String)> {
        let index = Index::build(entities);
        let mut s = index.scanner(ScanOptions::default());
        s.scan(text, &|p| p);
        s.finish()
            .into_iter()
            .map(|m| (m.entity.provenance.reference.clone(), m.text))
            .collect()
    }

    pub(super) fn let_and_saeed() -> Vec<Entity> {
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
}
