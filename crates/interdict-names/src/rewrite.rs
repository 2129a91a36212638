//! Rewriting the tokens of a name into the form it is compared under: legal forms written out
//! in words ("Aktiengesellschaft", "Open Joint Stock Company", "Sp. z o.o.") become one legal
//! form token; numbers below 100 written in digits or as ordinals ("44", "1st") are compared as
//! their English words ("Forty-Four", "First"); digits standing for letters inside a word
//! ("Ig0r Sech1n") become those letters; a title after the name words, or before the comma of
//! a name written family name first ("SHEIKH, Muhammad Naeem"), is a family name.

use crate::classes::{legal_form_phrases, TokenClass};
use crate::legal_forms::trailing_forms;
use crate::token::{Shape, Token};

/// Rewrites `tokens` of `text` (as [`tokenize`](crate::tokenize) made them). The same for
/// every kind of name, so that a query and a listed name always meet in the same form, whatever
/// schema each was given.
pub fn rewrite(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let tokens = join_at_signs(text, tokens);
    let mut tokens: Vec<Token> = tokens.into_iter().map(undisguise).collect();
    last_title_is_a_family_name(text, &mut tokens);
    numbers_as_words(merge_legal_forms(merge_trailing_legal_form(tokens)))
}

/// A title after the name words is a family name: "Muhammad Naeem Sheikh", "Ali Hafiz" (a
/// title comes first: "Sheikh Muhammad Naeem"). A name written family name first is read in
/// the order it stands for: "SHEIKH, Muhammad Naeem" is "Muhammad Naeem Sheikh" (as OFAC
/// writes its names), and the title in "SAEED, Hafiz Muhammad" or "Aaaa, Sheikh" stays one.
fn last_title_is_a_family_name(text: &str, tokens: &mut [Token]) {
    let n = tokens.len();
    let (last, before) = match family_name_first(text, tokens) {
        Some(1) => (0, n - 1),
        Some(given) => (given - 1, given - 2),
        None if n >= 2 => (n - 1, n - 2),
        None => return,
    };
    if tokens[last].class == TokenClass::Honorific && tokens[before].class == TokenClass::Word {
        tokens[last].class = TokenClass::Word;
    }
}

/// Where the given names start in a name written family name first ("SHEIKH, Muhammad
/// Naeem": 1): the first word after a comma, when words stand on both sides of it.
fn family_name_first(text: &str, tokens: &[Token]) -> Option<usize> {
    (1..tokens.len()).find(|&i| {
        text.get(tokens[i - 1].span.end..tokens[i].span.start)
            .is_some_and(|between| between.contains(','))
    })
}

/// Letters that digits are written for inside a word ("Ig0r", "Sech1n", "I9or").
fn letter_for(digit: u8) -> Option<u8> {
    Some(match digit {
        b'0' => b'o',
        b'1' => b'i',
        b'3' => b'e',
        b'4' => b'a',
        b'5' => b's',
        b'7' => b't',
        b'8' => b'b',
        b'9' => b'g',
        _ => return None,
    })
}

/// A word of letters with digits among them, each next to a letter, reads as letters: "sech1n"
/// is "sechin". Numbers ("1961"), codes ending in digits ("mig29") and ordinals ("21st") stay.
fn undisguise(mut t: Token) -> Token {
    let b = t.text.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if letters < 2 || digits == 0 || digits > letters || written_number(&t.text).is_some() {
        return t;
    }
    let inner = |i: usize| {
        let before = i > 0 && b[i - 1].is_ascii_alphabetic();
        let after = b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic());
        // Inside the word, or a first letter written as a digit before a letter ("3ric").
        after && (before || i == 0)
    };
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        if !c.is_ascii_digit() {
            out.push(c);
            continue;
        }
        match letter_for(c).filter(|_| inner(i)) {
            Some(l) => out.push(l),
            None => return t,
        }
    }
    t.text = String::from_utf8(out).unwrap_or_default();
    t.class = TokenClass::of(&t.text);
    t
}

/// "B@shar": an at sign between letters is an "a" written to disguise the word, which the
/// tokenizer split in two.
fn join_at_signs(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.span.end..t.span.start);
            if gap == Some("@") && !prev.syllable && !t.syllable {
                prev.text.push('a');
                prev.text.push_str(&t.text);
                prev.span.end = t.span.end;
                prev.class = TokenClass::of(&prev.text);
                prev.shape = Shape::Mixed;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Joins runs of tokens that spell a legal form ("joint stock company", "gesellschaft mit
/// beschrankter haftung") into one token holding the form's compare spelling, longest first.
fn merge_legal_forms(tokens: Vec<Token>) -> Vec<Token> {
    let phrases = legal_form_phrases();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let found = phrases.iter().find(|(words, _)| {
            words.len() <= tokens.len() - i
                && words
                    .iter()
                    .zip(&tokens[i..])
                    .all(|(w, t)| *w == t.text.as_str())
        });
        match found {
            Some((words, form)) => {
                out.push(legal_form_token(form, &tokens[i..i + words.len()]));
                i += words.len();
            }
            None => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A legal form of the GLEIF list at the end of a name, written out or abbreviated in several
/// words ("Kommanditgesellschaft auf Aktien", "S. A. de C. V."), becomes one legal-form token
/// holding its abbreviation ("kgaa", "sadecv").
fn merge_trailing_legal_form(mut tokens: Vec<Token>) -> Vec<Token> {
    let forms = trailing_forms();
    if !tokens.last().is_some_and(|t| forms.may_end(&t.text)) {
        return tokens;
    }
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let Some((k, abbreviation)) = forms.at_end(&words) else {
        return tokens;
    };
    let token = legal_form_token(abbreviation, &tokens[tokens.len() - k..]);
    tokens.truncate(tokens.len() - k);
    tokens.push(token);
    tokens
}

/// One legal-form token holding `form` for the run of tokens that spelt it, over their span.
fn legal_form_token(form: &str, run: &[Token]) -> Token {
    Token {
        text: form.to_string(),
        span: run[0].span.start..run[run.len() - 1].span.end,
        class: TokenClass::LegalForm,
        shape: Shape::Upper,
        vowelless: false,
        syllable: false,
        transliterated: run.iter().any(|t| t.transliterated),
    }
}

/// English cardinal numbers below twenty.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// English ordinal numbers below twentieth.
const UNIT_ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
/// English tens (twenty to ninety), by their first digit.
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// English ordinal tens (twentieth to ninetieth), by their first digit.
const TEN_ORDINALS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// A number below 100 written in digits, or as an ordinal ("21st"): its value and whether it
/// is an ordinal.
fn written_number(w: &str) -> Option<(usize, bool)> {
    let digits = w.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let ordinal = match &w[digits..] {
        "" => false,
        "st" | "nd" | "rd" | "th" => true,
        _ => return None,
    };
    w[..digits].parse().ok().map(|v| (v, ordinal))
}

/// The English words of a number below 100 ("forty", "four"; "twenty", "first").
fn number_words(value: usize, ordinal: bool) -> Vec<&'static str> {
    let (units, tens) = if ordinal {
        (&UNIT_ORDINALS, &TEN_ORDINALS)
    } else {
        (&UNITS, &TENS)
    };
    match (value / 10, value % 10) {
        (0 | 1, _) => vec![units[value]],
        (t, 0) => vec![tens[t]],
        (t, u) => vec![TENS[t], units[u]],
    }
}

/// Numbers below 100 written in digits, or as ordinals, are compared in words, as they are
/// often written out: "44" is "forty four" ("Forty-Four"), "1st" is "first", "3" is "three". A
/// misspelt number word ("Fourty") still pairs with its spelling as a word.
fn numbers_as_words(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        // A lone digit is often a house or unit number in an address-like name; it is still
        // compared as its word, the same on both sides.
        match written_number(&t.text) {
            Some((value, ordinal)) => {
                for word in number_words(value, ordinal) {
                    out.push(Token {
                        text: word.to_string(),
                        class: TokenClass::Number,
                        shape: Shape::Lower,
                        ..t.clone()
                    });
                }
            }
            // Number words written out stay name words ("First Oil").
            None => out.push(t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{organisation_term, tokenize};

    /// The rewritten tokens as they are compared: organisation terms under their one spelling.
    fn texts(name: &str, organisation: bool) -> String {
        rewrite(name, tokenize(name))
            .iter()
            .map(|t| match organisation.then(|| organisation_term(&t.text)) {
                Some(Some(term)) => term,
                _ => t.text.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn rewrite_table() {
        let org = [
            ("Siemens AG", "siemens jsc"),
            ("Siemens Aktiengesellschaft", "siemens jsc"),
            ("OAO Gazprom", "jsc gazprom"),
            ("Open Joint Stock Company Gazprom", "jsc gazprom"),
            ("Gasprom JSC", "gasprom jsc"),
            (
                "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY",
                "tactical missiles corporation jsc",
            ),
            (
                "JSC TACTICAL MISSILES CORP.",
                "jsc tactical missiles corporation",
            ),
            (
                "Volkswagen Gesellschaft mit beschränkter Haftung",
                "volkswagen limited",
            ),
            ("Volkswagen GmbH", "volkswagen limited"),
            ("Stripe Limited Liability Company", "stripe limited"),
            ("FABERLIC EUROPE Sp. z o.o.", "faberlic europe limited"),
            ("ООО Ромашка", "limited romashka"),
            (
                "Общество с ограниченной ответственностью Ромашка",
                "limited romashka",
            ),
            ("Публичное акционерное общество Сбербанк", "jsc sberbank"),
            (
                "Societatea cu Răspundere Limitată PRO TRAFFIC",
                "limited pro traffic",
            ),
            ("SRL PRO TRAFFIC", "limited pro traffic"),
            ("Emirates Trading FZE", "emirates trading fze"),
            (
                "Emirates Trading Free Zone Establishment",
                "emirates trading fze",
            ),
            ("1st International Bank", "first international bank"),
            ("First International Bank", "first international bank"),
            (
                "Sumitomo Mitsui Trust Bank Limited",
                "sumitomo mitsui trust bank limited",
            ),
            ("Brigade Forty-Four", "brigade forty four"),
            ("Brigade Forty 4", "brigade forty four"),
            ("Brigade 44", "brigade forty four"),
            ("Three Percenters", "three percenters"),
            ("3 Percenters", "three percenters"),
            ("21st Century Fox", "twenty first century fox"),
            ("27TH SCIENTIFIC CENTER", "twenty seventh scientific center"),
            ("20th Century", "twentieth century"),
            ("VABO 2008 EOOD", "vabo 2008 limited"),
        ];
        for (name, expect) in org {
            assert_eq!(texts(name, true), expect, "{name}");
        }
        let person = [
            ("Ig0r Sech1n", "igor sechin"),
            ("I9or Sech1n", "igor sechin"),
            ("B@shar al-Assad", "bashar al assad"),
            ("Ahmed 1961", "ahmed 1961"),
            ("MiG29 Fulcrum", "mig29 fulcrum"),
            ("Jean Third", "jean third"),
            ("Ali AG", "ali ag"),
            ("Muhammad Naeem Sheikh", "muhammad naeem sheikh"),
        ];
        for (name, expect) in person {
            assert_eq!(texts(name, false), expect, "{name}");
        }
    }

    /// The classes of the rewritten tokens of `name`.
    fn classes(name: &str) -> Vec<TokenClass> {
        rewrite(name, tokenize(name))
            .iter()
            .map(|t| t.class)
            .collect()
    }

    #[test]
    fn a_title_after_the_name_is_a_family_name() {
        assert_eq!(classes("Muhammad Naeem Sheikh")[2], TokenClass::Word);
        assert_eq!(classes("Sheikh Muhammad Naeem")[0], TokenClass::Honorific);
    }

    #[test]
    fn a_title_before_the_comma_of_a_name_written_family_name_first_is_the_family_name() {
        use TokenClass::{Honorific, Word};
        assert_eq!(classes("SHEIKH, Muhammad Naeem"), [Word, Word, Word]);
        assert_eq!(classes("Hafiz , Said Khan"), [Word, Word, Word]);
        assert_eq!(classes("SHEIKH, Qari Muhammad"), [Word, Honorific, Word]);
        assert_eq!(classes("NAEEM SHEIKH, Muhammad"), [Word, Word, Word]);
        // Read in the order it stands for, a title before the given names stays one.
        assert_eq!(classes("SAEED, Hafiz Muhammad"), [Word, Honorific, Word]);
        assert_eq!(classes("Naeem, Sheikh"), [Word, Honorific]);
        assert_eq!(classes("Sheikh Muhammad, Naeem")[0], Honorific);
    }

    #[test]
    fn spans_cover_what_was_merged() {
        let name = "Deutsche Bank Aktiengesellschaft";
        let t = rewrite(name, tokenize(name));
        assert_eq!(&name[t[2].span.clone()], "Aktiengesellschaft");
        let name = "Brigade 44";
        let t = rewrite(name, tokenize(name));
        assert_eq!(&name[t[1].span.clone()], "44");
        assert_eq!(&name[t[2].span.clone()], "44");
    }

    proptest::proptest! {
        /// Whatever the input, rewritten tokens keep spans on character boundaries of the text
        /// and never come out empty.
        #[test]
        fn rewriting_keeps_valid_spans(name in "\\PC{0,40}") {
            for t in rewrite(&name, tokenize(&name)) {
                proptest::prop_assert!(!t.text.is_empty());
                proptest::prop_assert!(name.get(t.span.clone()).is_some());
            }
        }
    }
}
