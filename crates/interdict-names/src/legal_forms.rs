//! The GLEIF list of entity legal forms (ISO 20275): a legal form written out at the end of a
//! name ("Kommanditgesellschaft auf Aktien", "Europeisk selskap") or abbreviated in several
//! words ("S. A. de C. V.", "Distr. publ. co.") is compared as its abbreviation in one word
//! ("kgaa", "se", "sadecv"), so that either way of writing it pairs with the other.
//!
//! The table (`data/legal_forms.tsv`, made by `data/make_legal_forms.py`) holds the active
//! forms that have an abbreviation: 1,372 of them, from 2023-09-28.

use crate::classes::TokenClass;
use crate::token::tokenize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The table as GLEIF's code list has it, one form per line after a header.
const TABLE: &str = include_str!("../data/legal_forms.tsv");

/// Longest legal form, in words, looked for at the end of a name.
const MAX_WORDS: usize = 12;

/// A one-word legal form written out is rewritten only when it is at least this long (a
/// compound such as "aktiengesellschaft", "kommanditbolag"), so that short words that are also
/// names stay as they are.
const MIN_ONE_WORD_LEN: usize = 8;

/// Legal forms of the table by the words they are written in.
pub(crate) struct TrailingForms {
    /// The words of a spelling written together ("kommanditgesellschaftaufaktien", "sadecv"
    /// for both "S.A. de C.V." and "S. A. de C. V.") → its abbreviation ("kgaa", "sadecv").
    by_phrase: HashMap<String, String>,
    /// The same for abbreviations cut short ("sade" for "S.A. de"), looked for only in two
    /// words or more: one word is as likely a name ("Olu Sade").
    cut_short: HashMap<String, String>,
    /// Last words of the spellings, to skip names that cannot end in one.
    last_words: HashSet<String>,
    /// Most words in a phrase.
    longest: usize,
}

impl TrailingForms {
    /// The abbreviation a legal form written as `words` is compared as.
    pub(crate) fn abbreviation<'a>(&'a self, words: &[&str]) -> Option<&'a str> {
        let key = words.concat();
        let cut = || {
            (words.len() > 1)
                .then(|| self.cut_short.get(&key))
                .flatten()
        };
        self.by_phrase.get(&key).or_else(cut).map(String::as_str)
    }

    /// Whether a name whose last word is `last` may end in a legal form: the cheap test
    /// before [`at_end`](Self::at_end), which every name goes through.
    pub(crate) fn may_end(&self, last: &str) -> bool {
        self.last_words.contains(last)
    }

    /// The number of words at the end of `words` that spell a legal form, with its
    /// abbreviation; the longest such run, never all of `words`.
    pub(crate) fn at_end<'a>(&'a self, words: &[&str]) -> Option<(usize, &'a str)> {
        let last = words.last()?;
        if words.len() < 2 || !self.may_end(last) {
            return None;
        }
        let most = self.longest.min(words.len() - 1);
        (1..=most).rev().find_map(|k| {
            self.abbreviation(&words[words.len() - k..])
                .filter(|abbr| k > 1 || *abbr != words[words.len() - 1])
                .map(|abbr| (k, abbr))
        })
    }
}

/// The table, once read.
static FORMS: OnceLock<TrailingForms> = OnceLock::new();

/// The table, read once.
pub(crate) fn trailing_forms() -> &'static TrailingForms {
    FORMS.get_or_init(|| build(TABLE))
}

/// Reads the table.
pub(crate) fn prepare() {
    trailing_forms();
}

/// Whether the table has been read.
pub(crate) fn prepared() -> bool {
    FORMS.get().is_some()
}

/// Words of a written form as the tokenizer spells them; none for a form written in
/// syllables (Chinese, Japanese, Korean), whose readings ("wu xian") are also people's names.
fn words(text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    if tokens.iter().any(|t| t.syllable) {
        return Vec::new();
    }
    tokens.into_iter().map(|t| t.text).collect()
}

/// Reads the table: every spelling of a form (its local and transliterated names, its
/// abbreviations in more than one word) points at the form's first abbreviation written as one
/// word. A spelling that several forms share points at the abbreviation most of them have. An
/// abbreviation in three words or more cut short after its second word or later ("S.A. de" of
/// "S.A. de C.V.", as a field of fixed width leaves it) points there too, unless it is a
/// spelling of its own.
fn build(table: &str) -> TrailingForms {
    let mut whole = Votes::default();
    let mut cut = Votes::default();
    let mut last_words = HashSet::new();
    let mut longest = 0;
    for line in table.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [_, _, name, name_latin, abbrs, abbrs_latin] = fields[..] else {
            continue;
        };
        let abbreviations: Vec<Vec<String>> = abbrs
            .split(';')
            .chain(abbrs_latin.split(';'))
            .map(words)
            .filter(|w| !w.is_empty())
            .collect();
        let Some(first) = abbreviations.first() else {
            continue;
        };
        let abbreviation = first.concat();
        let several: Vec<&Vec<String>> = abbreviations.iter().filter(|a| a.len() > 1).collect();
        let spellings = [words(name), words(name_latin)]
            .into_iter()
            .chain(several.iter().map(|a| a.to_vec()));
        for spelling in spellings.filter(|s| rewritable(s, &abbreviation)) {
            longest = longest.max(spelling.len());
            last_words.extend(spelling.last().cloned());
            whole.add(spelling.concat(), &abbreviation);
        }
        for a in several
            .iter()
            .filter(|a| a.len() > 2 && a.len() <= MAX_WORDS)
        {
            for end in 2..a.len() {
                last_words.insert(a[end - 1].clone());
                cut.add(a[..end].concat(), &abbreviation);
            }
        }
    }
    let by_phrase = whole.winners();
    let mut cut_short = cut.winners();
    cut_short.retain(|k, _| !by_phrase.contains_key(k));
    TrailingForms {
        last_words,
        by_phrase,
        cut_short,
        longest,
    }
}

/// How many forms of the table give a spelling each abbreviation.
#[derive(Default)]
struct Votes(HashMap<String, HashMap<String, u32>>);

impl Votes {
    fn add(&mut self, spelling: String, abbreviation: &str) {
        *self
            .0
            .entry(spelling)
            .or_default()
            .entry(abbreviation.to_string())
            .or_default() += 1;
    }

    /// Each spelling with the abbreviation most forms give it; on a tie the shortest, then the
    /// first in alphabetical order.
    fn winners(self) -> HashMap<String, String> {
        self.0
            .into_iter()
            .filter_map(|(spelling, votes)| {
                let best = votes.into_iter().max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(b.0.cmp(&a.0))
                })?;
                Some((spelling, best.0))
            })
            .collect()
    }
}

/// Whether `spelling` may be rewritten as `abbreviation`: a few words, and one word only when it
/// is a long compound that is not already a known word of names.
fn rewritable(spelling: &[String], abbreviation: &str) -> bool {
    match spelling {
        [] => false,
        [one] => {
            one.len() >= MIN_ONE_WORD_LEN
                && one != abbreviation
                && TokenClass::of(one) == TokenClass::Word
        }
        _ => spelling.len() <= MAX_WORDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(name: &str) -> Option<(usize, String)> {
        let w = words(name);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        trailing_forms()
            .at_end(&w)
            .map(|(k, abbr)| (k, abbr.to_string()))
    }

    #[test]
    fn legal_forms_written_out_or_in_several_words_end_names() {
        let cases = [
            ("FedEx Kommanditgesellschaft auf Aktien", Some((3, "kgaa"))),
            ("Iron Mountain Europeisk selskap", Some((2, "se"))),
            ("Thermo Fisher Kommanditbolag", Some((1, "kb"))),
            ("Ross Stores S. A. de C. V.", Some((5, "sadecv"))),
            ("Ross Stores S.A. de C.V.", Some((3, "sadecv"))),
            // Cut short by a field of fixed width.
            ("Valpark, S.A. de", Some((2, "sadecv"))),
            ("Olu Sade", None),
            ("Accesos Electronicos S.A.DE C.V.", Some((2, "sadecv"))),
            ("ILC Consultores, S. de R.L. de", Some((4, "sderldecv"))),
            (
                "Ross Stores Sociedad anónima de capital variable",
                Some((5, "sadecv")),
            ),
            (
                "Phillips Partnerschaftsgesellschaft mit beschränkter Berufshaftung",
                Some((4, "partgmbb")),
            ),
            // Not the whole name, and not a short word that is also a name.
            ("Kommanditgesellschaft auf Aktien", None),
            ("Aktiebolag", None),
            ("Juan Firma", None),
            ("Dollar General", None),
            ("M/V Wu Xian", None),
        ];
        for (name, expect) in cases {
            let expect = expect.map(|(k, a): (usize, &str)| (k, a.to_string()));
            assert_eq!(at_end(name), expect, "{name}");
        }
    }

    #[test]
    fn the_table_is_read_whole() {
        let forms = trailing_forms();
        assert!(forms.by_phrase.len() > 1_000, "{}", forms.by_phrase.len());
        assert!(forms.longest <= MAX_WORDS);
        assert!(forms
            .by_phrase
            .values()
            .all(|a| !a.is_empty() && !a.contains(' ')));
        assert!(forms.by_phrase.keys().all(|k| !k.contains(' ')));
    }

    proptest::proptest! {
        /// Whatever the table holds, reading it never panics and a form found at the end of a
        /// name is one word, never the whole name.
        #[test]
        fn any_table_reads_and_never_takes_the_whole_name(
            table in "(\\PC|\t|\n|;){0,300}",
            name in "[A-Za-z.& ]{0,40}",
        ) {
            let forms = build(&table);
            let w = words(&name);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            if let Some((k, abbr)) = forms.at_end(&w) {
                proptest::prop_assert!(k < w.len());
                proptest::prop_assert!(!abbr.contains(' '));
            }
        }

        /// Any name ending in a form of the real table, after at least one word, keeps its
        /// first word and ends in one token.
        #[test]
        fn a_name_ending_in_a_form_keeps_its_own_words(
            head in "[A-Z][a-z]{2,10}",
            line in 1usize..1_372,
        ) {
            let fields: Vec<&str> = TABLE.lines().nth(line).unwrap_or_default().split('\t').collect();
            let full = fields.get(2).copied().unwrap_or_default();
            let name = format!("{head} {full}");
            let w = words(&name);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            if let Some((k, _)) = trailing_forms().at_end(&w) {
                proptest::prop_assert!(k < w.len());
            }
        }
    }

    #[test]
    fn lines_with_missing_fields_are_skipped() {
        let forms = build("header\nonly\ttwo\nX\tDE\tOffene Handelsgesellschaft\t\tOHG\t\n");
        assert_eq!(forms.by_phrase.len(), 1);
        assert_eq!(
            forms.abbreviation(&["offene", "handelsgesellschaft"]),
            Some("ohg")
        );
    }
}
