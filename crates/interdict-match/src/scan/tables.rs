//! Lookup tables for scanning, built once per index: the name words and consonant skeletons
//! of the listed names, one-word names, acronyms, and the word lists of running text.

use super::*;
use crate::ids::{EntityIx, NameId};

/// Everyday English words that are also one-word names on the lists (ships, companies,
/// aliases): never a mention on their own.
pub(super) const EVERYDAY: &[&str] = &[
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
pub(super) const STOP_WORDS: &[&str] = &[
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
pub(super) const EDGE_WORDS: &[&str] = &[
    "and", "the", "of", "for", "to", "in", "on", "at", "by", "et", "und", "wa", "ve", "y", "or",
];

/// Lookup tables for scanning, built once per index.
#[derive(Debug, Default)]
pub(crate) struct ScanTables {
    /// Folded name word (hashed) -> (name, token position).
    pub(super) words: HashedMap<Vec<(NameId, u8)>>,
    /// Consonant skeleton of longer name words (hashed) -> (name, token position).
    pub(super) skeletons: HashedMap<Vec<(NameId, u8)>>,
    /// Acronyms -> (entity, name, whether the list gives the acronym as a name): derived from
    /// organisation names, and names listed as acronyms.
    pub(super) acronyms: HashMap<Box<str>, Vec<(EntityIx, NameId, bool)>>,
    /// Per name: how many name words (triggers) it has.
    pub(super) name_words: Vec<u8>,
    /// Per name: whether it is found only when written in full (an organisation whose name
    /// is all generic words, "Global Relief Foundation"); its generic words are then name
    /// words too.
    pub(super) whole: Vec<bool>,
    /// Per name: whether it is a person's honorific and one name word ("Hafiz Saeed"), the
    /// honorific then counting as a name word.
    pub(super) honorific: Vec<bool>,
    /// Per name: the position of the acronym it carries in brackets, or 255.
    pub(super) bracketed: Vec<u8>,
    /// Folded words that are all there is to an organisation's name (hashed).
    pub(super) one_word: HashedMap<()>,
}

/// Salts of the scan tables' keys.
pub(super) const KEY_WORD: u8 = 11;

pub(super) const KEY_SKELETON: u8 = 12;

pub(super) fn is_trigger(class: TokenClass) -> bool {
    matches!(class, TokenClass::Word | TokenClass::Number)
}

/// Words of running text that may be words of a listed name (the tables say which are):
/// not particles, titles or kinship words. A legal form may be the generic word of a name
/// ("Group").
pub(super) fn may_name(class: TokenClass) -> bool {
    is_content(class) || class == TokenClass::LegalForm
}

/// Words that carry a name, generic ones included ("Relief", "Foundation"), as opposed to
/// particles, titles and legal forms.
pub(super) fn is_content(class: TokenClass) -> bool {
    matches!(
        class,
        TokenClass::Word | TokenClass::Number | TokenClass::Generic
    )
}

impl ScanTables {
    pub(super) fn build(index: &Index) -> ScanTables {
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
        t.honorific = vec![false; index.names.len()];
        for (id, name) in index.names.iter().enumerate() {
            // A weak alias of one name word ("Hafiz Ji", "Abu Ali") is too vague to find in
            // free text; one of two or more ("Masud Azhar") is found like other names, under
            // the same rules, at the score its weakness allows.
            if name.kind == interdict_model::NameKind::WeakAlias && t.name_words[id] < 2 {
                continue;
            }
            let listed = &index.entity(name.entity.index()).names[name.name as usize].full;
            t.classify(index, id, listed);
            let bracketed = usize::from(t.bracketed[id]);
            let in_brackets = |pos: usize| pos == bracketed;
            let indexed = |c: TokenClass| {
                is_trigger(c)
                    || (t.whole[id] && is_content(c))
                    || (t.honorific[id] && c == TokenClass::Honorific)
            };
            if is_listed_acronym(listed) {
                t.acronyms
                    .entry(name.tokens[0].text.as_str().into())
                    .or_default()
                    .push((name.entity, NameId::at(id), true));
                continue;
            }
            for (pos, tok) in name.tokens.iter().enumerate().take(u8::MAX as usize) {
                if !indexed(tok.class) || tok.folded.len() < 2 || in_brackets(pos) {
                    continue;
                }
                t.words
                    .entry(hash_key(KEY_WORD, tok.folded.as_bytes()))
                    .or_default()
                    .push((NameId::at(id), pos as u8));
                if tok.folded.len() >= 5 {
                    let s = skeleton(&tok.folded);
                    if s.len() >= 3 {
                        t.skeletons
                            .entry(hash_key(KEY_SKELETON, s.as_bytes()))
                            .or_default()
                            .push((NameId::at(id), pos as u8));
                    }
                }
            }
        }
        for (id, name) in index.names.iter().enumerate() {
            let e = &index.entity(name.entity.index());
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
                    .push((index.names[n.index()].entity, n, false));
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
    /// Settles how name `id` is found, before its words are indexed: without the acronym it
    /// carries in brackets ("HAQQANI NETWORK (HQN)", found as an acronym); in full only, when
    /// an organisation's name is generic words but one; with its honorific as a name word,
    /// when a person's alias is an honorific and one word ("Hafiz Saeed").
    fn classify(&mut self, index: &Index, id: usize, listed: &str) {
        let name = &index.names[id];
        let schema = index.entities.heads[name.entity.index()].schema;
        let bracketed = bracketed_acronym(listed).and_then(|(_, a)| {
            name.tokens
                .iter()
                .rposition(|tok| is_trigger(tok.class) && tok.text == a)
        });
        if let Some(pos) = bracketed {
            self.bracketed[id] = pos.min(254) as u8;
            self.name_words[id] = self.name_words[id].saturating_sub(1);
        }
        let content = name
            .tokens
            .iter()
            .enumerate()
            .filter(|(pos, t)| is_content(t.class) && bracketed != Some(*pos))
            .count();
        if schema.is_organization() && self.name_words[id] <= 1 && (2..64).contains(&content) {
            self.whole[id] = true;
            self.name_words[id] = content as u8;
        }
        let honorifics = name
            .tokens
            .iter()
            .filter(|tok| tok.class == TokenClass::Honorific)
            .count();
        if schema == Schema::Person
            && self.name_words[id] == 1
            && honorifics == 1
            && name.tokens.len() == 2
        {
            self.honorific[id] = true;
            self.name_words[id] = 2;
        }
    }
}

impl ScanTables {
    /// What a lower-case ASCII word of running text may be: the commonest English words,
    /// numbers and words of other classes (particles, legal forms) count for nothing; longer
    /// words also count when their consonants are those of a name word.
    pub(super) fn look_up(&self, lower: &str) -> WordLook {
        let class = TokenClass::of(lower);
        if class == TokenClass::Honorific {
            // An honorific is a name word of the aliases it starts ("Hafiz Saeed") only.
            let key = hash_key(KEY_WORD, fold(lower).as_bytes());
            return match self.words.contains_key(&key) {
                true => WordLook::NameWord(key, None),
                false => WordLook::Nothing,
            };
        }
        if !may_name(class) || STOP_WORDS.contains(&lower) {
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
    pub(super) fn postings(&self, key: u64) -> Option<&[(NameId, u8)]> {
        self.words
            .get(&key)
            .or_else(|| self.skeletons.get(&key))
            .map(Vec::as_slice)
    }
}

/// A listed name that is itself an acronym: one word of two to six capitals ("TTP", "AQAP").
pub(super) fn is_listed_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !name.trim().contains(' ')
}

/// What a word of running text may be, as far as the quick look can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WordLook {
    /// Not a name word (or too common to count).
    Nothing,
    /// A word of some listed names: its keys in the word or skeleton table (an organisation
    /// term has two: its one spelling, and its folded form).
    NameWord(u64, Option<u64>),
    /// All there is to an organisation's name.
    OneWordName,
}

#[cfg(test)]
mod tests {
    use crate::scan::tests::*;
    use crate::test_support::entity;
    use interdict_model::{Name, NameKind};

    #[test]
    fn weak_aliases_of_two_name_words_are_found_one_word_ones_not() {
        let mut azhar = entity("QDi.422", PERSON, &["MOHAMMED MASOOD AZHAR ALVI"]);
        azhar
            .names
            .push(Name::new("Masud Azhar", NameKind::WeakAlias));
        azhar.names.push(Name::new("Hafiz Ji", NameKind::WeakAlias));
        let got = found(vec![azhar.clone()], "Its leader Masood Azhar was listed.");
        assert_eq!(got, vec![("QDi.422".into(), "Masood Azhar".into())]);
        assert!(found(vec![azhar], "Then Hafiz Ji spoke.").is_empty());
    }
}
