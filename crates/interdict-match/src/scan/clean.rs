//! Running text as the scanner reads it: the ways people write names in prose and pages that
//! would hide a name's words from the tokenizer, undone, with a map back to the original
//! byte offsets.
//!
//! * No-break spaces (U+00A0, U+2007, U+202F) are spaces.
//! * A possessive or clitic `'s` after a word ("Lashkar-e Tayyiba’s", "JuD's") is cut off.
//! * A capital after three or more lower-case letters inside a word starts a new word: tables
//!   and infoboxes flattened to text glue their labels to the value ("FounderHafiz Muhammad
//!   Saeed", "Political partyMilli Muslim League").

/// Text rewritten for scanning, and where its bytes came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cleaned {
    /// The rewritten text.
    pub(crate) text: String,
    /// Where each stretch copied unchanged starts: (offset in `text`, offset in the original),
    /// sorted; an edit's replacement maps to where the edit began.
    segments: Vec<(usize, usize)>,
}

impl Cleaned {
    /// The original byte offset of byte `p` of the rewritten text (or of its end).
    pub(crate) fn origin(&self, p: usize) -> usize {
        let at = self.segments.partition_point(|s| s.0 <= p) - 1;
        let (clean, original) = self.segments[at];
        original + (p - clean)
    }
}

/// No-break spaces as UTF-8: U+00A0, U+2007, U+202F.
const NO_BREAK_SPACES: [&[u8]; 3] = [b"\xc2\xa0", b"\xe2\x80\x87", b"\xe2\x80\xaf"];

/// Apostrophe-like marks that may stand before a possessive `s`: ', `, U+2019, U+02BC.
const APOSTROPHES: [&[u8]; 4] = [b"'", b"`", b"\xe2\x80\x99", b"\xca\xbc"];

/// One change: replace `len` bytes of the original at `at` with `with`.
struct Edit {
    at: usize,
    len: usize,
    with: &'static str,
}

/// Rewrites `text` for scanning, or `None` when nothing needs to change (most text).
pub(crate) fn clean(text: &str) -> Option<Cleaned> {
    let edits = edits(text.as_bytes());
    if edits.is_empty() {
        return None;
    }
    let mut out = Cleaned {
        text: String::with_capacity(text.len() + edits.len()),
        segments: vec![(0, 0)],
    };
    let mut from = 0;
    for e in &edits {
        out.text.push_str(&text[from..e.at]);
        out.segments.push((out.text.len(), e.at));
        out.text.push_str(e.with);
        from = e.at + e.len;
        out.segments.push((out.text.len(), from));
    }
    out.text.push_str(&text[from..]);
    Some(out)
}

/// The bytes that may start an edit: capitals, apostrophes, and lead bytes outside ASCII.
const MAY_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = c >= 0x80 || c == b'\'' as usize || c == b'`' as usize || (c >= 0x41 && c <= 0x5a);
        c += 1;
    }
    t
};

/// The changes `clean` makes, in order. Only capitals, apostrophes and bytes outside ASCII
/// can start one, so the search skips from one of those to the next.
fn edits(b: &[u8]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| MAY_START[usize::from(c)]) {
        let at = i + k;
        i = at + 1;
        if b[at].is_ascii_uppercase() {
            // A label glued to its value: three small letters, then a capital and a small one.
            let glued = at >= 3
                && b[at - 3..at].iter().all(u8::is_ascii_lowercase)
                && b.get(at + 1).is_some_and(u8::is_ascii_lowercase);
            if glued {
                edits.push(Edit {
                    at,
                    len: 0,
                    with: " ",
                });
            }
            continue;
        }
        if let Some(nb) = NO_BREAK_SPACES.iter().find(|s| b[at..].starts_with(s)) {
            edits.push(Edit {
                at,
                len: nb.len(),
                with: " ",
            });
            i = at + nb.len();
            continue;
        }
        let Some(mark) = APOSTROPHES.iter().find(|s| b[at..].starts_with(s)) else {
            continue;
        };
        let after_letter = at > 0 && (b[at - 1].is_ascii_alphabetic() || b[at - 1] >= 0x80);
        let s_at = at + mark.len();
        let ends_word = b
            .get(s_at + 1)
            .is_none_or(|&n| !(n.is_ascii_alphanumeric() || n >= 0x80));
        if after_letter && matches!(b.get(s_at), Some(b's' | b'S')) && ends_word {
            edits.push(Edit {
                at,
                len: mark.len() + 1,
                with: " ",
            });
            i = s_at + 1;
        }
    }
    edits
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
            "Lashkar-e Tayyiba  leaders"
        );
        assert_eq!(
            cleaned("Lashkar e-Tayyiba's funds"),
            "Lashkar e-Tayyiba  funds"
        );
        assert_eq!(cleaned("JuD's rally"), "JuD  rally");
        // An apostrophe inside a name stays.
        assert_eq!(cleaned("al-Qa’ida and Jama'at"), "al-Qa’ida and Jama'at");
        assert_eq!(cleaned("Ba'asyir's son"), "Ba'asyir  son");
        assert_eq!(cleaned("Saïd’s son"), "Saïd  son");
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
        let text = "FounderHafiz\u{a0}Saeed’s and LeT's";
        let c = clean(text).unwrap();
        let at = c.text.find("Hafiz").unwrap();
        assert_eq!(&text[c.origin(at)..c.origin(at + 5)], "Hafiz");
        let saeed = c.text.find("Saeed").unwrap();
        assert_eq!(&text[c.origin(saeed)..c.origin(saeed + 5)], "Saeed");
        let the_let = c.text.find("LeT").unwrap();
        assert_eq!(&text[c.origin(the_let)..c.origin(the_let + 3)], "LeT");
        assert_eq!(c.origin(c.text.len()), text.len());
        assert!(clean("Plain text, nothing to do.").is_none());
        assert!(clean("Ünïcode prose with “quotes” is left alone").is_none());
    }

    proptest::proptest! {
        #[test]
        fn every_offset_is_on_a_character_of_the_original(text in "\\PC{0,60}") {
            if let Some(c) = clean(&text) {
                for p in 0..=c.text.len() {
                    if c.text.is_char_boundary(p) {
                        let o = c.origin(p);
                        proptest::prop_assert!(o <= text.len() && text.is_char_boundary(o));
                    }
                }
            }
        }
    }
}
