//! Acronyms an organisation name may be written as.

use crate::classes::TokenClass;
use crate::token::{tokenize, Token};

/// Words that join the words of a name and that acronyms leave out ("Islamic State in Iraq and
/// the Levant" is ISIL).
const FUNCTION_WORDS: &[&str] = &[
    "and", "the", "of", "for", "in", "on", "at", "by", "to", "et", "und", "y",
];

/// The acronyms of a multi-word organisation name: the initials of its words with and without
/// its particles ("Lashkar-e-Tayyiba" gives `let` and `lt`; "Jamaat-ud-Dawa" gives `jud` and
/// `jd`), and without the words that join them ("Islamic State in Iraq and the Levant" gives
/// `isil`). Legal forms are left out. Names with fewer than two distinctive words have none.
pub fn acronyms(tokens: &[Token]) -> Vec<String> {
    let kept: Vec<&Token> = tokens
        .iter()
        .filter(|t| !matches!(t.class, TokenClass::LegalForm | TokenClass::Number))
        .collect();
    let distinctive = kept
        .iter()
        .filter(|t| matches!(t.class, TokenClass::Word | TokenClass::Generic))
        .count();
    if distinctive < 2 {
        return Vec::new();
    }
    let initials = |keep: &dyn Fn(&Token) -> bool| -> String {
        kept.iter()
            .filter(|t| keep(t))
            .filter_map(|t| t.text.chars().next())
            .collect()
    };
    let mut out = Vec::new();
    let particle = |t: &Token| matches!(t.class, TokenClass::Particle | TokenClass::Kinship);
    let joining = |t: &Token| FUNCTION_WORDS.contains(&t.text.as_str());
    for candidate in [
        initials(&|_| true),
        initials(&|t| !particle(t)),
        initials(&|t| !joining(t)),
        initials(&|t| !particle(t) && !joining(t)),
    ] {
        if (2..=8).contains(&candidate.len()) && !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

/// A name that carries its acronym in brackets at the end ("HAQQANI NETWORK (HQN)"): the name
/// without it and the acronym in lower case. The acronym is two to eight capital letters (digits
/// allowed) that abbreviate the words before it, of which there are at least two.
pub fn bracketed_acronym(name: &str) -> Option<(&str, String)> {
    let trimmed = name.trim_end();
    let inner_end = trimmed.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let inner = inner_end[open + 1..].trim();
    let letters = inner.bytes().filter(|b| b.is_ascii_uppercase()).count();
    let valid = (2..=8).contains(&inner.len())
        && letters >= 2
        && inner
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let before = inner_end[..open].trim_end();
    let acronym = inner.to_ascii_lowercase();
    let words = tokenize(before);
    (valid && words.len() >= 2 && abbreviates(&acronym, &words)).then_some((before, acronym))
}

/// Whether `acronym` starts with the first letter of the name and its other letters follow in
/// the name in order ("hqn" in Haqqani Network); a country in brackets ("SOMALIA") does not.
fn abbreviates(acronym: &str, words: &[Token]) -> bool {
    let letters: String = words.iter().map(|t| t.text.as_str()).collect();
    if acronym.as_bytes().first() != letters.as_bytes().first() {
        return false;
    }
    let mut rest = letters.bytes();
    acronym
        .bytes()
        .all(|a| a.is_ascii_digit() || rest.any(|l| l == a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn check(name: &str, expect: &[&str]) {
        assert_eq!(acronyms(&tokenize(name)), expect, "{name}");
    }

    #[test]
    fn acronym_table() {
        check("Lashkar-e-Tayyiba", &["let", "lt"]);
        check("Jamaat-ud-Dawa", &["jud", "jd"]);
        check("Falah-i-Insaniat Foundation", &["fiif", "fif"]);
        check("Tehrik-e Taliban Pakistan", &["tetp", "ttp"]);
        check("Al-Qaida", &[]);
        check("Korea Mining Development Trading Corporation", &["kmdt"]);
        check(
            "Islamic State in Iraq and the Levant",
            &["isiiatl", "isiil", "isil"],
        );
        check(
            "Al-Qaida in the Arabian Peninsula",
            &["aqitap", "qiap", "aqap", "qap"],
        );
    }

    #[test]
    fn acronyms_in_brackets() {
        assert_eq!(
            bracketed_acronym("HAQQANI NETWORK (HQN)"),
            Some(("HAQQANI NETWORK", "hqn".to_string()))
        );
        assert_eq!(
            bracketed_acronym("Tehrik-e Taliban Pakistan (TTP) "),
            Some(("Tehrik-e Taliban Pakistan", "ttp".to_string()))
        );
        assert_eq!(
            bracketed_acronym("IRAN AIRCRAFT INDUSTRIES (IACI)"),
            Some(("IRAN AIRCRAFT INDUSTRIES", "iaci".to_string()))
        );
        assert_eq!(bracketed_acronym("Deutsche Bank (Schweiz)"), None);
        assert_eq!(
            bracketed_acronym("AL-HARAMAIN ISLAMIC FOUNDATION (SOMALIA)"),
            None
        );
        assert_eq!(bracketed_acronym("NETWORK (HQN)"), None);
        assert_eq!(bracketed_acronym("Haqqani Network"), None);
    }
}
