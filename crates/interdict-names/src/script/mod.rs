//! Character-level transliteration to lower-case ASCII, one module per script family.
//!
//! Each input character is classified and, if it is a letter or digit, appended to the output
//! as lower-case ASCII. Keeping the work per character lets tokens keep exact byte spans.

mod arabic;
mod hangul;
mod hebrew;
pub(crate) mod indic;
mod latin;
mod other;

/// How the tokenizer should treat one input character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharKind {
    /// Part of a word; its ASCII form was appended.
    Letter,
    /// A letter of a script that does not write short vowels (Arabic, Hebrew); appended.
    Consonantal,
    /// A letter from a script written without spaces between names (Han, kana): appended, and it
    /// forms a token of its own.
    Syllable,
    /// An apostrophe or letter modifier inside a word ("Jama'at", "Ch'oe"): dropped, does not
    /// split the word.
    Joiner,
    /// An Indic vowel sign or virama: replaces the inherent vowel of the consonant before it
    /// with what was appended (nothing for the virama).
    VowelSign,
    /// Anything that separates words: spaces, punctuation, symbols.
    Separator,
}

/// Appends the lower-case ASCII form of `c` to `out` and says what kind of character it is.
pub(crate) fn transliterate(c: char, out: &mut String) -> CharKind {
    // Invisible characters never split or hide a word: "Sa\u{200B}eed" is "Saeed".
    if is_invisible(c) {
        return CharKind::Joiner;
    }
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            CharKind::Letter
        } else if c == '\'' || c == '`' {
            CharKind::Joiner
        } else {
            CharKind::Separator
        };
    }
    if let Some(i) = indic::classify(c) {
        return match i {
            indic::Indic::Consonant(s) => {
                out.push_str(s);
                out.push(indic::INHERENT);
                CharKind::Letter
            }
            indic::Indic::Vowel(s) | indic::Indic::After(s) => {
                out.push_str(s);
                CharKind::Letter
            }
            indic::Indic::Sign(s) => {
                out.push_str(s);
                CharKind::VowelSign
            }
            indic::Indic::Silent => CharKind::Joiner,
        };
    }
    if is_joiner(c) {
        return CharKind::Joiner;
    }
    if let Some(kind) = latin::transliterate(c, out) {
        return kind;
    }
    if is_arabic_presentation_form(c) {
        // Contextual and ligature forms (ﻤﺴﻌﻮﺩ, ﷲ) are the letters they stand for.
        use unicode_normalization::UnicodeNormalization;
        let before = out.len();
        for d in std::iter::once(c).nfkc() {
            if let Some(s) = arabic::transliterate(d) {
                out.push_str(s);
            }
        }
        if out.len() > before {
            return CharKind::Consonantal;
        }
    }
    if let Some(s) = arabic::transliterate(c).or_else(|| hebrew::transliterate(c)) {
        out.push_str(s);
        return if s.is_empty() {
            CharKind::Joiner
        } else {
            CharKind::Consonantal
        };
    }
    match other::transliterate(c, out) {
        CharKind::Letter if ('\u{0590}'..='\u{05FF}').contains(&c) => CharKind::Consonantal,
        kind => kind,
    }
}

/// Characters that print nothing and so must not change what a reader sees as a word: format
/// characters (zero-width space, non-joiner and joiner, word joiner, soft hyphen, bidirectional
/// marks and isolates, byte-order mark, invisible operators, tags), control characters other
/// than white space, variation selectors and the Hangul fillers. Each is an evasion route if it
/// splits a listed name ("Sa\u{200B}eed") or stops it from being read.
pub fn is_invisible(c: char) -> bool {
    if c.is_control() {
        return !c.is_whitespace();
    }
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Arabic letters in their presentation forms (positional shapes and ligatures).
fn is_arabic_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Apostrophes and modifier letters that live inside names (ʿayn, hamza, Korean and Arabic
/// romanisation marks) and never split them.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{02B9}'
            ..='\u{02BF}' | '\u{02C8}' | '\u{055A}' | '\u{05F3}' | '\u{0640}'
    ) || unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if transliterate(c, &mut out) == CharKind::Separator {
                out.push(' ');
            }
        }
        out
    }

    #[test]
    fn scripts_to_ascii() {
        let cases = [
            ("Çağlar Øre Straße", "caglar ore strasse"),
            ("Ｆｕｌｌ", "full"),
            ("Ch’oe Jama'at", "choe jamaat"),
            ("Лавров", "lavrov"),
            ("Αθήνα", "athina"),
            ("محمد", "mhmd"),
            ("انصار", "ansar"),
            ("习近平", "xijinping"),
            ("Łukasz Þór Æsir", "lukasz thor aesir"),
            (
                "Sa\u{200B}eed Sa\u{AD}eed Sa\u{2060}eed Sa\u{1}eed",
                "saeed saeed saeed saeed",
            ),
            ("\u{202E}Saeed\u{202C} \u{FEFF}Ali", "saeed ali"),
            ("Ali\tSaeed", "ali saeed"),
        ];
        for (input, expect) in cases {
            assert_eq!(ascii(input), expect, "input {input:?}");
        }
    }
}
