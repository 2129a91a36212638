//! Acronyms an organisation name may be written as.

use crate::classes::TokenClass;
use crate::token::Token;

/// The acronyms of a multi-word organisation name: the initials of its words with and without
/// its particles ("Lashkar-e-Tayyiba" gives `let` and `lt`; "Jamaat-ud-Dawa" gives `jud` and
/// `jd`). Legal forms are left out. Names with fewer than two distinctive words have none.
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
    for candidate in [
        initials(&|_| true),
        initials(&|t| !matches!(t.class, TokenClass::Particle | TokenClass::Kinship)),
    ] {
        if (2..=8).contains(&candidate.len()) && !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
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
    }
}
