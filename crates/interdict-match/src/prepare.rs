//! Names made ready for comparison: tokens with folded forms and weights, and the runs of
//! adjacent tokens ("units") that are also compared as one word.

use compact_str::CompactString;
use interdict_names::{
    bracketed_acronym, fold, fold_consonantal, organisation_term, rewrite, tokenize, Token,
    TokenClass,
};
use std::ops::Range;

/// Longest name, in tokens, that is compared; later tokens are ignored.
pub(crate) const MAX_TOKENS: usize = 32;
/// Longest folded text of a multi-token unit.
const MAX_UNIT_LEN: usize = 24;

/// Share of its weight an acronym in brackets after an organisation's name keeps.
const BRACKETED_ACRONYM: f32 = 0.25;

/// Salt of [`PreparedName::unit_key`].
const KEY_UNIT: u8 = 4;

/// One token of a prepared name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NameToken {
    /// Lower-case ASCII text (held inline up to 24 bytes, so that reading a listed name's
    /// words does not follow a pointer per word).
    pub text: CompactString,
    /// Romanisation-folded text (inline as `text` is).
    pub folded: CompactString,
    /// Word class.
    pub class: TokenClass,
    /// How much the token counts (0..=1): class prior times rarity.
    pub weight: f32,
    /// Byte range in the original name.
    pub span: Range<usize>,
    /// From a script without written short vowels (Arabic, Hebrew).
    pub vowelless: bool,
    /// One syllable of a name written without spaces (Han, Hangul).
    pub syllable: bool,
    /// Transliterated from a script other than Latin.
    pub transliterated: bool,
}

/// A run of one to three adjacent tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct UnitSpan {
    /// First token.
    pub start: u8,
    /// Number of tokens.
    pub len: u8,
}

impl UnitSpan {
    /// One past the last token covered.
    pub(crate) fn end(&self) -> usize {
        usize::from(self.start) + usize::from(self.len)
    }

    /// Bit mask of the tokens covered.
    pub(crate) fn mask(&self) -> u32 {
        (((1u64 << self.len) - 1) << self.start) as u32
    }
}

/// A name ready to be compared: its tokens and its units with their texts.
#[derive(Debug, Clone)]
pub struct PreparedName {
    /// The name as given.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<NameToken>,
    /// True when compared as an organisation name (legal forms and generic words count little).
    pub organisation: bool,
    pub(crate) units: Vec<UnitSpan>,
    pub(crate) unit_text: Vec<String>,
    pub(crate) unit_folded: Vec<String>,
    pub(crate) unit_vowelless: Vec<bool>,
}

impl PreparedName {
    /// Tokenizes and folds `text`; `weight` gives each token's weight from its folded text and
    /// class.
    pub fn new(text: &str, organisation: bool, weight: impl Fn(&str, TokenClass) -> f32) -> Self {
        Self::of_tokens(text, rewrite(text, tokenize(text)), organisation, weight)
    }

    /// [`PreparedName::new`] of the tokens `text` was already split into (rewritten).
    pub(crate) fn of_tokens(
        text: &str,
        tokens: Vec<Token>,
        organisation: bool,
        weight: impl Fn(&str, TokenClass) -> f32,
    ) -> Self {
        let tokens: Vec<NameToken> = tokens
            .into_iter()
            .take(MAX_TOKENS)
            .map(|t| {
                // In organisation names, abbreviations and translations of legal forms and
                // generic words are compared under one spelling, with its class.
                let term = organisation.then(|| organisation_term(&t.text)).flatten();
                let class = term.map_or(t.class, TokenClass::of);
                let folded = match term {
                    Some(c) => c.to_string(),
                    None if t.vowelless => fold_consonantal(&t.text),
                    None => fold(&t.text),
                };
                NameToken {
                    weight: weight(&folded, class),
                    folded: folded.into(),
                    text: t.text.into(),
                    class,
                    span: t.span,
                    vowelless: t.vowelless,
                    syllable: t.syllable,
                    transliterated: t.transliterated,
                }
            })
            .collect();
        let mut tokens = tokens;
        // "HAQQANI NETWORK (HQN)": the acronym in brackets repeats the name, so a query without
        // it loses little ("Haqqani Network"), while the name as written still ranks first.
        if organisation && bracketed_acronym(text).is_some() {
            if let Some(last) = tokens.last_mut() {
                last.weight *= BRACKETED_ACRONYM;
            }
        }
        let mut units = unit_spans(&tokens);
        let assimilated = assimilated_runs(&tokens, &units);
        let extra_text: Vec<String> = assimilated.iter().map(|(_, t)| t.clone()).collect();
        units.extend(assimilated.iter().map(|(u, _)| *u));
        let first_extra = units.len() - extra_text.len();
        let mut unit_text = Vec::with_capacity(units.len());
        let mut unit_folded = Vec::with_capacity(units.len());
        let mut unit_vowelless = Vec::with_capacity(units.len());
        for (ui, u) in units.iter().enumerate() {
            let slice = &tokens[u.start as usize..(u.start + u.len) as usize];
            unit_vowelless.push(slice.iter().any(|t| t.vowelless));
            if ui >= first_extra {
                let joined = extra_text[ui - first_extra].clone();
                unit_folded.push(fold_consonantal(&joined));
                unit_text.push(joined);
            } else if u.len == 1 {
                unit_text.push(slice[0].text.to_string());
                unit_folded.push(slice[0].folded.to_string());
            } else {
                let joined: String = slice.iter().map(|t| t.text.as_str()).collect();
                unit_folded.push(if slice.iter().any(|t| t.vowelless) {
                    fold_consonantal(&joined)
                } else {
                    fold(&joined)
                });
                unit_text.push(joined);
            }
        }
        PreparedName {
            text: text.to_string(),
            tokens,
            organisation,
            units,
            unit_text,
            unit_folded,
            unit_vowelless,
        }
    }

    /// The texts of unit `i` for comparison.
    /// A hash of everything a unit's similarities to listed words depend on, for caches.
    pub(crate) fn unit_key(&self, i: usize) -> u64 {
        let form = self.unit_form(i);
        let mut bytes = Vec::with_capacity(form.text.len() + form.folded.len() + 4);
        bytes.extend_from_slice(form.text.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(form.folded.as_bytes());
        bytes.push(u8::from(form.vowelless));
        bytes.push(form.class.map_or(255, |c| c as u8));
        bytes.push(self.units[i].len);
        crate::keys::hash_key(KEY_UNIT, &bytes)
    }

    pub(crate) fn unit_form(&self, i: usize) -> crate::align::UnitForm<'_> {
        let u = self.units[i];
        crate::align::UnitForm {
            text: &self.unit_text[i],
            folded: &self.unit_folded[i],
            class: (u.len == 1).then(|| self.tokens[u.start as usize].class),
            vowelless: self.unit_vowelless[i],
        }
    }

    /// Sum of the token weights.
    pub fn total_weight(&self) -> f32 {
        self.tokens.iter().map(|t| t.weight).sum()
    }
}

/// Arabic writes the article before a "sun letter" as "al" where Latin spellings assimilate
/// it (al-Din / ud-Din, al-Rahman / ur-Rahman): the runs of `units` (of `tokens`) that contain
/// one, each with its second form, joined without the "l".
fn assimilated_runs(tokens: &[NameToken], units: &[UnitSpan]) -> Vec<(UnitSpan, String)> {
    units
        .iter()
        .filter(|u| u.len > 1)
        .filter_map(|u| {
            let slice = &tokens[u.start as usize..(u.start + u.len) as usize];
            let mut changed = false;
            let mut joined = String::new();
            for (k, t) in slice.iter().enumerate() {
                let sun = slice
                    .get(k + 1)
                    .and_then(|n| n.text.bytes().next())
                    .is_some_and(|b| b"tdrzsln".contains(&b));
                if t.vowelless && t.text == "al" && sun {
                    joined.push('a');
                    changed = true;
                } else {
                    joined.push_str(&t.text);
                }
            }
            changed.then_some((*u, joined))
        })
        .collect()
}

/// The units of a name: every token, every pair of neighbours, and every triple whose middle
/// token is a particle or kinship word ("abd al rahman"), as long as the joined text is not
/// too long; but no run of syllables written apart.
pub(crate) fn unit_spans(tokens: &[NameToken]) -> Vec<UnitSpan> {
    let n = tokens.len().min(MAX_TOKENS);
    let mut out = Vec::with_capacity(n * 2);
    for i in 0..n {
        out.push(UnitSpan {
            start: i as u8,
            len: 1,
        });
    }
    for i in 0..n.saturating_sub(1) {
        if syllables_apart(&tokens[i], &tokens[i + 1]) {
            continue;
        }
        if tokens[i].text.len() + tokens[i + 1].text.len() <= MAX_UNIT_LEN {
            out.push(UnitSpan {
                start: i as u8,
                len: 2,
            });
        }
    }
    // Syllables written together (a Korean or Chinese word) form runs of up to six: foreign
    // names take that many.
    for i in 0..n {
        let mut end = i + 1;
        while end < n
            && end - i < 6
            && tokens[end].syllable
            && tokens[end - 1].syllable
            && tokens[end - 1].span.end == tokens[end].span.start
        {
            end += 1;
            let len = end - i;
            let chars: usize = tokens[i..end].iter().map(|t| t.text.len()).sum();
            if len >= 4 && chars <= MAX_UNIT_LEN {
                out.push(UnitSpan {
                    start: i as u8,
                    len: len as u8,
                });
            }
        }
    }
    for i in 0..n.saturating_sub(2) {
        if syllables_apart(&tokens[i], &tokens[i + 1])
            || syllables_apart(&tokens[i + 1], &tokens[i + 2])
        {
            continue;
        }
        let middle = tokens[i + 1].class;
        let joined = tokens[i].text.len() + tokens[i + 1].text.len() + tokens[i + 2].text.len();
        if matches!(middle, TokenClass::Particle | TokenClass::Kinship) && joined <= MAX_UNIT_LEN {
            out.push(UnitSpan {
                start: i as u8,
                len: 3,
            });
        }
    }
    out
}

/// Whether two neighbouring tokens are syllables of a name in Han or Hangul written apart
/// (by a space, a middle dot): a Chinese or Korean name written so parts the family name
/// from the given name ("진우 김", "比塞·陸森"), which a Latin spelling never runs together.
/// (Syllables written together may be one Latin word: 진우 Jinwoo.)
fn syllables_apart(a: &NameToken, b: &NameToken) -> bool {
    a.syllable && b.syllable && a.span.end != b.span.start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound and the alignment read listed names' words by the thousand per query: a
    /// word's texts are held in the token itself, not behind a pointer of their own.
    #[test]
    fn a_names_words_are_held_in_its_tokens() {
        let p = PreparedName::new(
            "Abdul Rahman Mohammed Zainalabideen al-Hashimi",
            false,
            |_, c| c.prior_weight(false),
        );
        assert_eq!(p.tokens.len(), 6);
        for t in &p.tokens {
            assert!(!t.text.is_heap_allocated(), "{} is on the heap", t.text);
            assert!(!t.folded.is_heap_allocated(), "{} is on the heap", t.folded);
        }
    }

    /// Syllables written together pair as one unit (a given name a Latin spelling may write
    /// as one word); syllables written apart do not (a family name and a given name).
    #[test]
    fn syllables_written_apart_form_no_unit() {
        let texts =
            |name: &str| PreparedName::new(name, false, |_, c| c.prior_weight(false)).unit_text;
        assert_eq!(texts("진우 김"), ["jin", "u", "kim", "jinu"]);
        assert_eq!(texts("김진우"), ["kim", "jin", "u", "kimjin", "jinu"]);
        assert_eq!(
            texts("比塞·陸森"),
            ["bi", "sai", "lu", "sen", "bisai", "lusen"]
        );
        // Words of other scripts written apart still pair ("Abdul Rahman" / "Abdulrahman").
        assert_eq!(texts("Abdul Rahman"), ["abdul", "rahman", "abdulrahman"]);
    }

    #[test]
    fn units_of_a_name() {
        let p = PreparedName::new("Abd al-Rahman Umayr", false, |_, c| c.prior_weight(false));
        assert_eq!(
            p.unit_text,
            [
                "abd",
                "al",
                "rahman",
                "umayr",
                "abdal",
                "alrahman",
                "rahmanumayr",
                "abdalrahman"
            ]
        );
        assert_eq!(p.unit_folded[7], "abdalrahman");
        assert_eq!(p.units[7].mask(), 0b111);
        assert!((p.total_weight() - 3.1).abs() < 1e-6);
    }
}
