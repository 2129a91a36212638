//! Every other script, through the `any_ascii` transliteration tables: Cyrillic, Greek, Arabic,
//! Hebrew, Devanagari, Hangul, Han, kana and the rest.

use super::CharKind;

/// Transliterates `c` with `any_ascii`, keeping only letters and digits. Han characters and
/// Hangul syllables come out as syllables that form tokens of their own, because Chinese and
/// Korean names are written without spaces between their parts (kana words are separated by a
/// middle dot and stay whole).
pub(super) fn transliterate(c: char, out: &mut String) -> CharKind {
    if let Some(syllable) = super::hangul::romanise(c) {
        out.push_str(&syllable);
        return CharKind::Syllable;
    }
    let ascii = any_ascii::any_ascii_char(c);
    let before = out.len();
    for b in ascii.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase() as char);
        }
    }
    if out.len() == before {
        // Punctuation, symbols, spaces of other scripts, and characters with no transliteration.
        return if c.is_alphabetic() {
            CharKind::Joiner
        } else {
            CharKind::Separator
        };
    }
    if is_syllabic(c) {
        CharKind::Syllable
    } else {
        CharKind::Letter
    }
}

/// Characters that are each one syllable of a name written without spaces.
fn is_syllabic(c: char) -> bool {
    let cp = c as u32;
    (0x4E00..=0x9FFF).contains(&cp)      // CJK unified ideographs
        || (0x3400..=0x4DBF).contains(&cp) // extension A
        || (0x20000..=0x2FA1F).contains(&cp)
        || (0xF900..=0xFAFF).contains(&cp)
        || (0xAC00..=0xD7AF).contains(&cp) // Hangul syllables
}
