//! Running text as the scanner reads it: the ways people write names in prose and pages that
//! would hide a name's words from the tokenizer, undone, with a map back to the original
//! byte offsets.
//!
//! * No-break spaces (U+00A0, U+2007, U+202F) are spaces.
//! * A possessive or clitic `'s` after a word ("Lashkar-e Tayyiba’s", "JuD's") is cut off.
//! * A capital after three or more lower-case letters inside a word starts a new word: tables
//!   and infoboxes flattened to text glue their labels to the value ("FounderHafiz Muhammad
//!   Saeed", "Political partyMilli Muslim League").

/// Text rewritten for scanning, and where each of its bytes came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cleaned {
    /// The rewritten text.
    pub(crate) text: String,
    /// For each byte of `text`, and one past its end, the byte offset in the original.
    pub(crate) origin: Vec<usize>,
}

/// Apostrophe-like marks that may stand before a possessive `s`.
const APOSTROPHES: [char; 4] = ['\'', '\u{2019}', '\u{2bc}', '`'];

/// No-break spaces.
const NO_BREAK_SPACES: [char; 3] = ['\u{a0}', '\u{2007}', '\u{202f}'];

/// Rewrites `text` for scanning, or `None` when nothing needs to change (most text).
pub(crate) fn clean(text: &str) -> Option<Cleaned> {
    if !needs_cleaning(text) {
        return None;
    }
    let mut out = Cleaned {
        text: String::with_capacity(text.len() + 16),
        origin: Vec::with_capacity(text.len() + 17),
    };
    let mut lower_run = 0usize;
    let mut after_letter = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if NO_BREAK_SPACES.contains(&c) {
            out.push(' ', i);
            lower_run = 0;
            after_letter = false;
            continue;
        }
        if APOSTROPHES.contains(&c) && after_letter && is_possessive_s(&text[i + c.len_utf8()..]) {
            // The mark and the "s" become spaces, the word ends.
            out.push(' ', i);
            let (s_at, _) = chars.next().unwrap_or((i, 's'));
            out.push(' ', s_at);
            lower_run = 0;
            after_letter = false;
            continue;
        }
        if c.is_uppercase() && lower_run >= 3 && next.is_some_and(char::is_lowercase) {
            out.push(' ', i);
        }
        out.push(c, i);
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        after_letter = c.is_alphabetic();
    }
    out.origin.push(text.len());
    Some(out)
}

impl Cleaned {
    /// Appends `c`, which came from byte `at` of the original.
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
}

/// Whether `rest` (the text after an apostrophe) is a possessive `s` ending the word.
fn is_possessive_s(rest: &str) -> bool {
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric)
}

/// A quick look for anything [`clean`] would change.
fn needs_cleaning(text: &str) -> bool {
    let b = text.as_bytes();
    // No-break spaces and typographic apostrophes are not ASCII; a possessive is "'s"; glued
    // words have a capital right after a lower-case letter.
    b.iter().any(|&x| x >= 0x80)
        || b.windows(2).any(|w| {
            (w[0] == b'\'' || w[0] == b'`') && (w[1] == b's' || w[1] == b'S')
                || (w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        clean(text).map_or_else(|| text.to_string(), |c| c.text)
    }

    #[test]
    fn possessives_are_cut_off() {
        assert_eq!(
            cleaned("Lashkar-e Tayyiba’s leaders"),
            "Lashkar-e Tayyiba   leaders"
        );
        assert_eq!(
            cleaned("Lashkar e-Tayyiba's funds"),
            "Lashkar e-Tayyiba   funds"
        );
        assert_eq!(cleaned("JuD's rally"), "JuD   rally");
        // An apostrophe inside a name stays.
        assert_eq!(cleaned("al-Qa’ida and Jama'at"), "al-Qa’ida and Jama'at");
        assert_eq!(cleaned("Ba'asyir's son"), "Ba'asyir   son");
    }

    #[test]
    fn glued_labels_come_apart() {
        assert_eq!(
            cleaned("FounderHafiz Muhammad Saeed"),
            "Founder Hafiz Muhammad Saeed"
        );
        assert_eq!(
            cleaned("Political partyMilli Muslim League"),
            "Political party Milli Muslim League"
        );
        // Names with an inner capital stay whole.
        assert_eq!(cleaned("McDonald and MacArthur"), "McDonald and MacArthur");
        assert_eq!(cleaned("LeT and JuD"), "LeT and JuD");
    }

    #[test]
    fn no_break_spaces_are_spaces() {
        assert_eq!(
            cleaned("Hafiz\u{a0}Muhammad\u{202f}Saeed"),
            "Hafiz Muhammad Saeed"
        );
    }

    #[test]
    fn offsets_lead_back_to_the_original() {
        let text = "FounderHafiz\u{a0}Saeed’s";
        let c = clean(text).unwrap();
        assert_eq!(c.origin.len(), c.text.len() + 1);
        let at = c.text.find("Hafiz").unwrap();
        assert_eq!(&text[c.origin[at]..c.origin[at + 5]], "Hafiz");
        let saeed = c.text.find("Saeed").unwrap();
        assert_eq!(&text[c.origin[saeed]..c.origin[saeed + 5]], "Saeed");
        assert_eq!(*c.origin.last().unwrap(), text.len());
        assert!(clean("Plain text, nothing to do.").is_none());
    }
}
