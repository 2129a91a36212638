//! The quick look: which lines of a document may name someone, word by word, without
//! reading them in full.

use super::*;
use crate::ids::NameId;

/// What the quick look found on one line.
pub(super) struct LineLook {
    /// Its name words, as a range of the keys collected for the piece.
    pub(super) words: std::ops::Range<usize>,
    /// Whether a word is all there is to an organisation's name.
    pub(super) one_word: bool,
    /// Whether a word is written in another script or with accents.
    pub(super) other_script: bool,
}

/// Whether two lists of (name, position) sorted by name have a name in common.
pub(super) fn sorted_share(a: &[(NameId, u8)], b: &[(NameId, u8)]) -> bool {
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

/// The length of the apostrophe-like mark `text` starts with, if any.
pub(super) fn apostrophe_at(text: &str) -> Option<usize> {
    let c = text.chars().next()?;
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{2bc}' | '\u{2bb}'
    )
    .then(|| c.len_utf8())
}

/// Punctuation and spaces outside ASCII that separate words: no-break and other spaces,
/// dashes, typographic quotes, ellipsis, bullets.
pub(super) fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{ab}' | '\u{bb}' | '\u{b7}' | '\u{2000}'..='\u{206f}' | '\u{3000}'
    )
}

/// Words remembered by the quick look before the memory is cleared (bounds memory on long
/// documents with ever new words).
pub(super) const SEEN_WORDS_LIMIT: usize = 200_000;

impl<'a> Scanner<'a> {
    /// Whether a word of `a` and a different word of `b` (table keys of name words) belong
    /// to one listed name. Lines with very many name words are simply read.
    pub(super) fn share_a_name(&self, a: &[u64], b: &[u64]) -> bool {
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
    pub(super) fn quick_look(
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
}
