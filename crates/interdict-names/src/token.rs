//! Splitting a name or a text into lower-case ASCII tokens that remember where they came from.

use crate::classes::TokenClass;
use crate::script::indic::INHERENT;
use crate::script::{transliterate, CharKind};
use std::ops::Range;

/// How a token was written in the original: the case pattern matters for telling acronyms ("LeT",
/// "JUD") from ordinary words ("let", "Jud").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// all lower case: "let"
    Lower,
    /// ALL UPPER CASE: "JUD"
    Upper,
    /// First letter upper, rest lower: "Jud"
    Capitalised,
    /// Anything else with cased letters: "LeT", "McDonald"
    Mixed,
    /// No cased letters (digits, Arabic, Han, ...)
    Uncased,
}

/// One word of a name or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-case ASCII letters and digits (transliterated, accents and apostrophes removed).
    pub text: String,
    /// Byte range in the original string, from the first to the last character that made it.
    pub span: Range<usize>,
    /// Particle, honorific, legal form, ...
    pub class: TokenClass,
    /// Case pattern in the original.
    pub shape: Shape,
    /// Written in a script that leaves out short vowels (Arabic, Hebrew), so its vowels are not
    /// evidence against a Latin spelling that has them.
    pub vowelless: bool,
    /// One syllable of a name written without spaces (a Han character, a Hangul block): not a
    /// name part of its own.
    pub syllable: bool,
    /// Transliterated from a script other than Latin (Cyrillic, Arabic, Han, ...): compared with
    /// a Latin spelling, it differs by the transliteration's noise, not by typos.
    pub transliterated: bool,
}

/// Longest token kept, in bytes of its ASCII form. No name has a word this long; a longer run of
/// letters (hostile input, a hash, a run-together text) keeps its first letters, so that the
/// work on every token (edit keys, alignment) stays bounded whatever the input.
pub const MAX_TOKEN_LEN: usize = 64;

/// Whether a letter belongs to a script other than Latin.
fn is_non_latin(c: char) -> bool {
    let u = c as u32;
    u >= 0x370
        && !(0x1E00..=0x1EFF).contains(&u)
        && !(0x2C60..=0x2C7F).contains(&u)
        && !(0xA720..=0xA7FF).contains(&u)
        && !(0xFB00..=0xFB06).contains(&u)
        && !(0xFF00..=0xFF5E).contains(&u)
}

#[derive(Default)]
struct Pending {
    text: String,
    start: usize,
    end: usize,
    upper: usize,
    lower: usize,
    first_upper: bool,
    /// Length of the last dot-separated segment, for "S.A." and "Sh.p.k.".
    segment: usize,
    vowelless: bool,
    transliterated: bool,
}

impl Pending {
    fn shape(&self) -> Shape {
        match (self.upper, self.lower) {
            (0, 0) => Shape::Uncased,
            (_, 0) => Shape::Upper,
            (0, _) => Shape::Lower,
            (1, _) if self.first_upper => Shape::Capitalised,
            _ => Shape::Mixed,
        }
    }
}

/// Splits `text` into tokens.
///
/// * Letters of every script are transliterated to lower-case ASCII; accents are dropped.
/// * Spaces, hyphens and punctuation split words; apostrophes and similar marks inside a word do
///   not ("Jama'at" is one token, `jamaat`).
/// * Short parts joined by dots alone are one token: "S.A." is `sa`, "Sh.p.k." is `shpk`,
///   "U.S.A." is `usa`.
/// * Han characters and Hangul syllables are a token each (names in those scripts have no spaces).
/// * Invisible characters (zero-width spaces and joiners, soft hyphens, bidirectional marks,
///   control characters) are skipped: they never split or hide a word.
/// * A token keeps at most [`MAX_TOKEN_LEN`] letters; its span still covers the whole word.
///
/// Every token's span is a valid byte range of `text` on character boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut cur = Pending::default();
    let mut buf = String::new();
    // Separator characters seen since the last token ended (only whether it was exactly one '.').
    let mut gap_is_single_dot = false;
    // Whether that gap was exactly one '/' ("M/V", "A/S").
    let mut gap_is_single_slash = false;
    let mut gap_len = 0usize;
    let mut last_segment = 0usize;

    for (i, c) in text.char_indices() {
        buf.clear();
        let kind = transliterate(c, &mut buf);
        match kind {
            CharKind::Letter | CharKind::Consonantal => {
                if cur.text.is_empty() {
                    cur.start = i;
                    cur.first_upper = c.is_uppercase();
                    cur.segment = 0;
                }
                cur.text.push_str(&buf);
                cur.vowelless |= matches!(kind, CharKind::Consonantal);
                cur.transliterated |= is_non_latin(c);
                cur.segment += buf.len();
                cur.end = i + c.len_utf8();
                if c.is_uppercase() {
                    cur.upper += 1;
                } else if c.is_lowercase() {
                    cur.lower += 1;
                }
            }
            CharKind::Syllable => {
                flush(
                    &mut tokens,
                    &mut cur,
                    &mut last_segment,
                    (gap_is_single_dot, gap_is_single_slash),
                );
                // Korean writes foreign consonants with a filler vowel "eu" (Elizabeth is
                // el-li-ja-be-seu): the consonant is what counts.
                if ('\u{AC00}'..='\u{D7AF}').contains(&c) && buf.len() > 2 && buf.ends_with("eu") {
                    buf.truncate(buf.len() - 2);
                }
                tokens.push(Token {
                    class: TokenClass::of(&buf),
                    text: buf.clone(),
                    span: i..i + c.len_utf8(),
                    shape: Shape::Uncased,
                    vowelless: false,
                    syllable: true,
                    transliterated: true,
                });
                last_segment = usize::MAX;
                gap_len = 0;
                gap_is_single_dot = false;
                gap_is_single_slash = false;
            }
            CharKind::Joiner => {
                // A geresh after a Hebrew letter makes it a sound Hebrew lacks: ג' is j,
                // ז' zh, צ' ch, ת' th (ג'ף Jeff, ריצ'רד Richard).
                if matches!(c, '\'' | '\u{05F3}' | '\u{2019}') && cur.vowelless {
                    if let Some(letter) = text[..i].chars().next_back() {
                        let (from, to) = match letter {
                            'ג' => ("g", "j"),
                            'ז' => ("z", "zh"),
                            'צ' => ("ts", "ch"),
                            'ת' => ("t", "th"),
                            _ => ("", ""),
                        };
                        if !from.is_empty() && cur.text.ends_with(from) {
                            cur.text.truncate(cur.text.len() - from.len());
                            cur.text.push_str(to);
                        }
                    }
                }
            }
            CharKind::VowelSign => {
                if cur.text.is_empty() {
                    cur.start = i;
                    cur.segment = 0;
                }
                if cur.text.ends_with(INHERENT) {
                    cur.text.pop();
                }
                cur.text.push_str(&buf);
                cur.transliterated = true;
                cur.segment += buf.len();
                cur.end = i + c.len_utf8();
            }
            CharKind::Separator => {
                if !cur.text.is_empty() {
                    flush(
                        &mut tokens,
                        &mut cur,
                        &mut last_segment,
                        (gap_is_single_dot, gap_is_single_slash),
                    );
                    gap_len = 0;
                }
                gap_len += 1;
                gap_is_single_dot = gap_len == 1 && c == '.';
                gap_is_single_slash = gap_len == 1 && c == '/';
            }
        }
    }
    flush(
        &mut tokens,
        &mut cur,
        &mut last_segment,
        (gap_is_single_dot, gap_is_single_slash),
    );
    split_arabic_articles(text, &mut tokens);
    number_final_roman_numeral(&mut tokens);
    tokens
}

/// A roman numeral I to X closing a name of several words ("ARGO I", "BICENTENARIO VII") is a
/// number: it becomes its digits, so that "I" and "II" no longer look alike and "i" is not
/// taken for the Urdu particle. Written in lower case it stays a word ("Lashkar i").
fn number_final_roman_numeral(tokens: &mut [Token]) {
    const NUMERALS: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let n = tokens.len();
    if n < 2 || tokens[n - 2].class != TokenClass::Word {
        return;
    }
    let last = &mut tokens[n - 1];
    if last.shape == Shape::Lower || last.vowelless {
        return;
    }
    if let Some(i) = NUMERALS.iter().position(|r| *r == last.text) {
        last.text = (i + 1).to_string();
        last.class = TokenClass::Number;
    }
}

/// Arabic writes the article joined to its word ("الدعوة", al-da'wa); split it off as the
/// particle `al`, as Latin spellings write it ("al-Dawa", "al Dawa").
fn split_arabic_articles(text: &str, tokens: &mut Vec<Token>) {
    const ARTICLE: &str = "\u{0627}\u{0644}";
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Two letters at least after the article (الحق, al-Haqq), but الله is Allah whole.
        if t.vowelless
            && t.text.len() >= 4
            && t.text != "allh"
            && t.text.starts_with("al")
            && text[t.span.clone()].starts_with(ARTICLE)
        {
            let split_at = t.span.start + ARTICLE.len();
            let rest = Token {
                text: t.text[2..].to_string(),
                span: split_at..t.span.end,
                class: TokenClass::of(&t.text[2..]),
                shape: t.shape,
                vowelless: true,
                syllable: false,
                transliterated: true,
            };
            let article = Token {
                text: "al".to_string(),
                span: t.span.start..split_at,
                class: TokenClass::Particle,
                shape: t.shape,
                vowelless: true,
                syllable: false,
                transliterated: true,
            };
            tokens[i] = article;
            tokens.insert(i + 1, rest);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// In a word written without short vowels (the caller also reads "tsh", Arabic's way of writing
/// a foreign "ch", as `ch`), waw between consonants (or after one at the end) is
/// the long vowel `u`: "mnswr" is `mnsur` (Mansur); "mrwan" (Marwan) and "awd" (Ewaz) keep it.
fn waw_as_vowel(text: &str) -> String {
    let b = text.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    (0..b.len())
        .map(|i| {
            if b[i] == b'w' && i > 0 && !vowel(b[i - 1]) && !b.get(i + 1).is_some_and(|&n| vowel(n))
            {
                'u'
            } else {
                b[i] as char
            }
        })
        .collect()
}

/// Ends the pending token: either appends it as a new token or, for "S.A."-style abbreviations,
/// joins it to the previous one.
fn flush(
    tokens: &mut Vec<Token>,
    cur: &mut Pending,
    last_segment: &mut usize,
    (after_single_dot, after_single_slash): (bool, bool),
) {
    if cur.text.is_empty() {
        return;
    }
    if cur.text.contains(INHERENT) {
        cur.text = crate::script::indic::finish_word(&cur.text);
    }
    let segment = cur.segment;
    if let Some(prev) = tokens.last_mut() {
        let adjacent = prev.span.end + 1 == cur.start && prev.shape != Shape::Uncased;
        // "S.A.", "Sh.p.k." (parts of one or two letters between dots) and "M/V", "A/S"
        // (single letters either side of a slash) are one word.
        let dotted = after_single_dot && *last_segment <= 2 && segment <= 2;
        let slashed = after_single_slash && *last_segment == 1 && segment == 1;
        if adjacent && (dotted || slashed) {
            prev.text.push_str(&cur.text);
            prev.span.end = cur.end;
            prev.class = TokenClass::of(&prev.text);
            *last_segment = segment;
            *cur = Pending::default();
            return;
        }
    }
    let shape = cur.shape();
    let mut text = std::mem::take(&mut cur.text);
    text.truncate(MAX_TOKEN_LEN);
    if cur.vowelless {
        text = waw_as_vowel(&text).replace("tsh", "ch");
    }
    tokens.push(Token {
        class: TokenClass::of(&text),
        text,
        span: cur.start..cur.end,
        shape,
        vowelless: cur.vowelless,
        syllable: false,
        transliterated: cur.transliterated,
    });
    *last_segment = segment;
    *cur = Pending::default();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens as "text@start..end" joined by spaces.
    fn check(input: &str, expect: &str) {
        let got: Vec<String> = tokenize(input)
            .iter()
            .map(|t| format!("{}@{}..{}", t.text, t.span.start, t.span.end))
            .collect();
        assert_eq!(got.join(" "), expect, "input {input:?}");
    }

    #[test]
    fn tokens_and_spans() {
        check("LASHKAR E-TAIBA", "lashkar@0..7 e@8..9 taiba@10..15");
        check("Jama'at al-Dawa", "jamaat@0..7 al@8..10 dawa@11..15");
        check(
            "  Zaki-ur-Rehman  Lakhvi ",
            "zaki@2..6 ur@7..9 rehman@10..16 lakhvi@18..24",
        );
        check("AL-NU’AYMI", "al@0..2 nuaymi@3..12");
        check("Sh.p.k.", "shpk@0..6");
        check("S.A. Trading", "sa@0..3 trading@5..12");
        check("U.S.A.", "usa@0..5");
        check("J.P. Morgan", "jp@0..3 morgan@5..11");
        check("M. Ali", "m@0..1 ali@3..6");
        check("Muñoz Straße", "munoz@0..6 strasse@7..14");
        check("Лавров", "lavrov@0..12");
        check("习近平", "xi@0..3 jin@3..6 ping@6..9");
        check("LeT/JUD", "let@0..3 jud@4..7");
        check("M/V ARTAVIL", "mv@0..3 artavil@4..11");
        check("Maersk A/S", "maersk@0..6 as@7..10");
        check("AB/CD", "ab@0..2 cd@3..5");
        check("ARGO I", "argo@0..4 1@5..6");
        check("Bicentenario VII", "bicentenario@0..12 7@13..16");
        check("Lashkar-i-Taiba", "lashkar@0..7 i@8..9 taiba@10..15");
        check("Lashkar i", "lashkar@0..7 i@8..9");
        check("جماعة الدعوة", "jmaaa@0..10 al@11..15 dawa@15..23");
        check("", "");
        check(" - , ", "");
    }

    #[test]
    fn invisible_characters_neither_split_nor_hide_a_word() {
        for invisible in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{00AD}',
            '\u{FEFF}',
            '\u{200E}',
            '\u{202E}',
            '\u{2066}',
            '\u{180E}',
            '\u{1}',
            '\u{7F}',
            '\u{9F}',
            '\u{E0041}',
        ] {
            let name = format!("{invisible}Hafiz Mohammed Sa{invisible}eed{invisible}");
            assert_eq!(texts(&name), "hafiz mohammed saeed", "{:?}", invisible);
        }
        // White space still separates words.
        assert_eq!(texts("Hafiz\tSaeed\u{A0}Khan"), "hafiz saeed khan");
    }

    #[test]
    fn a_word_longer_than_any_name_keeps_its_first_letters() {
        let long = "a".repeat(100_000);
        let tokens = tokenize(&format!("Saeed {long} Khan"));
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[1].text.len(), MAX_TOKEN_LEN);
        assert_eq!(tokens[1].span, 6..6 + long.len());
        assert_eq!(tokens[2].text, "khan");
    }

    /// Token texts only.
    fn texts(input: &str) -> String {
        tokenize(input)
            .into_iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn hebrew_geresh_makes_the_sound_hebrew_lacks() {
        let texts = |s: &str| tokenize(s).into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(texts("ג'ף"), ["jp"]);
        assert_eq!(texts("ריצ'רד"), ["rychrd"]);
        assert_eq!(texts("ז'אק"), ["zhak"]);
        assert_eq!(texts("גל"), ["gl"], "without a geresh, gimel is g");
    }

    #[test]
    fn arabic_presentation_forms_read_as_their_letters() {
        let shaped = tokenize("ﻤﺴﻌﻮﺩ");
        let plain = tokenize("مسعود");
        assert_eq!(shaped[0].text, plain[0].text);
        assert!(shaped[0].vowelless && shaped[0].transliterated);
        assert_eq!(shaped[0].span, 0.."ﻤﺴﻌﻮﺩ".len());
    }

    #[test]
    fn scripts_written_with_their_vowels() {
        let cases = [
            // Devanagari: inherent vowels, vowel signs, virama, final schwa dropped.
            ("प्रिया कुमार", "priya kumar"),
            ("कविता चौहान", "kavita chauhan"),
            ("श्रीवास्तव", "shreevastav"),
            // Bengali shares the layout.
            ("আক্তার", "aaktar"),
            // Hebrew and Arabic: vowelless, waw between consonants as u, ayin as a.
            ("המילטון", "hmyltun"),
            ("منصور", "mnsur"),
            ("عمر", "amr"),
            ("ثروت", "thrut"),
            // Korean filler vowels after foreign consonants are dropped.
            ("알베르", "al pe ru"),
            // Arabic "tsh" is a foreign ch.
            ("تشول", "chul"),
        ];
        for (input, expect) in cases {
            assert_eq!(texts(input), expect, "input {input:?}");
        }
        let t = &tokenize("Лавров Smith")[..];
        assert!(t[0].transliterated && !t[1].transliterated);
    }

    #[test]
    fn shapes() {
        let shapes: Vec<Shape> = tokenize("LeT JUD Jud let محمد")
            .iter()
            .map(|t| t.shape)
            .collect();
        assert_eq!(
            shapes,
            [
                Shape::Mixed,
                Shape::Upper,
                Shape::Capitalised,
                Shape::Lower,
                Shape::Uncased
            ]
        );
    }

    #[test]
    fn classes_are_attached() {
        let classes: Vec<TokenClass> = tokenize("Hafiz Muhammad bin Saeed Ltd.")
            .iter()
            .map(|t| t.class)
            .collect();
        assert_eq!(
            classes,
            [
                TokenClass::Honorific,
                TokenClass::Word,
                TokenClass::Kinship,
                TokenClass::Word,
                TokenClass::LegalForm
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_valid_and_ordered(s in "\\PC{0,40}") {
            let tokens = tokenize(&s);
            let mut last_end = 0;
            for t in &tokens {
                proptest::prop_assert!(t.span.start < t.span.end);
                proptest::prop_assert!(t.span.start >= last_end);
                proptest::prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                proptest::prop_assert!(!t.text.is_empty());
                proptest::prop_assert!(t.text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
                last_end = t.span.end;
            }
        }

        #[test]
        fn tokenizing_tokens_is_idempotent(s in "\\PC{0,40}") {
            let once: Vec<String> = tokenize(&s).into_iter().map(|t| t.text).collect();
            let joined = once.join(" ");
            let twice: Vec<String> = tokenize(&joined).into_iter().map(|t| t.text).collect();
            proptest::prop_assert_eq!(once, twice);
        }
    }
}
