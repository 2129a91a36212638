//! The ways a listed name gets written differently by the people and systems that type it:
//! typos (swapped, dropped, doubled or substituted letters), missing spaces, "LAST, First"
//! order, dropped middle names, initials, honorifics, non-breaking spaces, accents, case.
//!
//! Each variant is a pure function of the name and a random generator, and says `None` when it
//! does not apply (no middle name to drop, no word long enough for a typo).

use crate::rng::Rng;

/// One way of writing a name differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Two neighbouring letters swapped ("Mohamamd").
    Swap,
    /// A letter left out ("Mohmmad").
    Drop,
    /// A letter typed twice ("Mohammmad").
    Double,
    /// A letter replaced by a neighbour on the keyboard ("Mohanmad").
    Substitute,
    /// Two typos in two different words.
    TwoTypos,
    /// The space between two words left out ("Ramimakhlouf").
    NoSpace,
    /// The last word first, with a comma: "MAKHLOUF, Rami".
    LastFirst,
    /// Middle words left out of a name of three or more words.
    MiddleDropped,
    /// A given name reduced to its initial ("M. Saeed").
    Initial,
    /// A title or honorific in front ("Hafiz", "Mullah", "Sheikh", "Dr", "Haji").
    Honorific,
    /// Non-breaking spaces between the words.
    NonBreakingSpace,
    /// Accents added to vowels, or removed where the name has them.
    Accents,
    /// All lower case.
    LowerCase,
}

impl Variant {
    /// Every variant.
    pub const ALL: [Variant; 13] = [
        Variant::Swap,
        Variant::Drop,
        Variant::Double,
        Variant::Substitute,
        Variant::TwoTypos,
        Variant::NoSpace,
        Variant::LastFirst,
        Variant::MiddleDropped,
        Variant::Initial,
        Variant::Honorific,
        Variant::NonBreakingSpace,
        Variant::Accents,
        Variant::LowerCase,
    ];

    /// The label used in the `variant` column of labelled sets.
    pub fn label(&self) -> &'static str {
        match self {
            Variant::Swap => "typo-swap",
            Variant::Drop => "typo-drop",
            Variant::Double => "typo-double",
            Variant::Substitute => "typo-substitute",
            Variant::TwoTypos => "typo-two",
            Variant::NoSpace => "missing-space",
            Variant::LastFirst => "last-comma-first",
            Variant::MiddleDropped => "middle-dropped",
            Variant::Initial => "initial",
            Variant::Honorific => "honorific",
            Variant::NonBreakingSpace => "non-breaking-space",
            Variant::Accents => "accents",
            Variant::LowerCase => "lower-case",
        }
    }

    /// The name written this way, or `None` when the variant does not apply to it.
    pub fn apply(&self, name: &str, rng: &mut Rng) -> Option<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() {
            return None;
        }
        let out = match self {
            Variant::Swap | Variant::Drop | Variant::Double | Variant::Substitute => {
                let i = typo_word(&words, rng, None)?;
                let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                w[i] = typo(&w[i], *self, rng)?;
                w.join(" ")
            }
            Variant::TwoTypos => {
                let i = typo_word(&words, rng, None)?;
                let j = typo_word(&words, rng, Some(i))?;
                let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                for k in [i, j] {
                    let kind = *rng.pick(&[
                        Variant::Swap,
                        Variant::Drop,
                        Variant::Double,
                        Variant::Substitute,
                    ]);
                    w[k] = typo(&w[k], kind, rng)?;
                }
                w.join(" ")
            }
            Variant::NoSpace => {
                if words.len() < 2 {
                    return None;
                }
                let i = rng.below(words.len() - 1);
                let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                let next = w.remove(i + 1);
                let next = if is_upper(&w[i]) {
                    next.to_uppercase()
                } else {
                    next.to_lowercase()
                };
                w[i].push_str(&next);
                w.join(" ")
            }
            Variant::LastFirst => {
                if words.len() < 2 {
                    return None;
                }
                let last = words[words.len() - 1].to_uppercase();
                format!("{last}, {}", words[..words.len() - 1].join(" "))
            }
            Variant::MiddleDropped => {
                if words.len() < 3 {
                    return None;
                }
                format!("{} {}", words[0], words[words.len() - 1])
            }
            Variant::Initial => {
                if words.len() < 2 {
                    return None;
                }
                // A middle word when there is one, else the first.
                let i = if words.len() >= 3 {
                    1 + rng.below(words.len() - 2)
                } else {
                    0
                };
                let first = words[i].chars().find(|c| c.is_alphabetic())?;
                let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                w[i] = format!("{}.", first.to_uppercase());
                w.join(" ")
            }
            Variant::Honorific => {
                let title = rng.pick(&["Hafiz", "Mullah", "Sheikh", "Dr", "Haji", "Mr", "Maulana"]);
                format!("{title} {}", words.join(" "))
            }
            Variant::NonBreakingSpace => {
                if words.len() < 2 {
                    return None;
                }
                words.join("\u{00A0}")
            }
            Variant::Accents => accents(name, rng)?,
            Variant::LowerCase => {
                let lower = name.to_lowercase();
                if lower == name {
                    return None;
                }
                lower
            }
        };
        (out != name).then_some(out)
    }
}

fn is_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Picks a word of at least four letters for a typo, other than `not`.
fn typo_word(words: &[&str], rng: &mut Rng, not: Option<usize>) -> Option<usize> {
    let eligible: Vec<usize> = (0..words.len())
        .filter(|&i| Some(i) != not && words[i].chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    (!eligible.is_empty()).then(|| *rng.pick(&eligible))
}

/// One typo of the given kind in a word.
fn typo(word: &str, kind: Variant, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 2 {
        return None;
    }
    let i = *rng.pick(&letters);
    match kind {
        Variant::Swap => {
            let pairs: Vec<usize> = letters
                .iter()
                .copied()
                .filter(|&k| {
                    k + 1 < chars.len()
                        && chars[k + 1].is_alphabetic()
                        && !chars[k].to_lowercase().eq(chars[k + 1].to_lowercase())
                })
                .collect();
            if pairs.is_empty() {
                return None;
            }
            let k = *rng.pick(&pairs);
            let (a, b) = (chars[k], chars[k + 1]);
            // Keep the word's case pattern: the swapped letters take each other's case.
            chars[k] = with_case_of(b, a);
            chars[k + 1] = with_case_of(a, b);
        }
        Variant::Drop => {
            let removed = chars.remove(i);
            if i == 0 && removed.is_uppercase() {
                if let Some(first) = chars.first_mut() {
                    *first = first.to_uppercase().next().unwrap_or(*first);
                }
            }
        }
        Variant::Double => {
            let c = chars[i];
            let c = if i == 0 {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            };
            let c = if is_upper(word) {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            chars.insert(i + 1, c);
        }
        Variant::Substitute => {
            let c = chars[i];
            let lower = c.to_lowercase().next().unwrap_or(c);
            let near = neighbours(lower);
            if near.is_empty() {
                return None;
            }
            let n = near.as_bytes()[rng.below(near.len())] as char;
            chars[i] = if c.is_uppercase() {
                n.to_ascii_uppercase()
            } else {
                n
            };
        }
        _ => return None,
    }
    Some(chars.into_iter().collect())
}

fn with_case_of(letter: char, model: char) -> char {
    if model.is_uppercase() {
        letter.to_uppercase().next().unwrap_or(letter)
    } else {
        letter.to_lowercase().next().unwrap_or(letter)
    }
}

/// Letters next to `c` on a QWERTY keyboard.
fn neighbours(c: char) -> &'static str {
    match c {
        'q' => "wa",
        'w' => "qes",
        'e' => "wrd",
        'r' => "etf",
        't' => "ryg",
        'y' => "tuh",
        'u' => "yij",
        'i' => "uok",
        'o' => "ipl",
        'p' => "ol",
        'a' => "qsz",
        's' => "adwx",
        'd' => "sfe",
        'f' => "dgr",
        'g' => "fht",
        'h' => "gjy",
        'j' => "hku",
        'k' => "jli",
        'l' => "ko",
        'z' => "xa",
        'x' => "zcs",
        'c' => "xvd",
        'v' => "cbf",
        'b' => "vng",
        'n' => "bmh",
        'm' => "nj",
        _ => "",
    }
}

/// Adds accents to one or two vowels, or removes them when the name has any.
fn accents(name: &str, rng: &mut Rng) -> Option<String> {
    let stripped: String = name.chars().map(strip_accent).collect();
    if stripped != name {
        return Some(stripped);
    }
    let vowels: Vec<usize> = name
        .char_indices()
        .filter(|(_, c)| "aeiouAEIOU".contains(*c))
        .map(|(i, _)| i)
        .collect();
    if vowels.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 4);
    let chosen: Vec<usize> = (0..2).map(|_| *rng.pick(&vowels)).collect();
    for (i, c) in name.char_indices() {
        if chosen.contains(&i) {
            out.push(accented(c));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn accented(c: char) -> char {
    match c {
        'a' => 'ā',
        'e' => 'é',
        'i' => 'ī',
        'o' => 'ö',
        'u' => 'ū',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ü',
        other => other,
    }
}

fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ā' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'ō' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ā' | 'Ã' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'I',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Ō' | 'Õ' => 'O',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ş' | 'š' => 's',
        'Ş' | 'Š' => 'S',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::{prop_assert_ne, proptest};

    fn apply(v: Variant, name: &str, seed: u64) -> Option<String> {
        v.apply(name, &mut Rng::new(seed))
    }

    #[test]
    fn each_variant_on_a_name() {
        let name = "Hafiz Muhammad SAEED";
        assert_eq!(
            apply(Variant::LastFirst, name, 1).unwrap(),
            "SAEED, Hafiz Muhammad"
        );
        assert_eq!(
            apply(Variant::MiddleDropped, name, 1).unwrap(),
            "Hafiz SAEED"
        );
        assert_eq!(apply(Variant::Initial, name, 1).unwrap(), "Hafiz M. SAEED");
        assert_eq!(
            apply(Variant::Initial, "Rami Makhlouf", 1).unwrap(),
            "R. Makhlouf"
        );
        assert_eq!(
            apply(Variant::NonBreakingSpace, "Rami Makhlouf", 1).unwrap(),
            "Rami\u{a0}Makhlouf"
        );
        assert_eq!(
            apply(Variant::NoSpace, "Rami Makhlouf", 1).unwrap(),
            "Ramimakhlouf"
        );
        assert_eq!(
            apply(Variant::NoSpace, "RAMI MAKHLOUF", 1).unwrap(),
            "RAMIMAKHLOUF"
        );
        assert_eq!(
            apply(Variant::LowerCase, "Rami Makhlouf", 1).unwrap(),
            "rami makhlouf"
        );
        assert_eq!(
            apply(Variant::Accents, "José Núñez", 1).unwrap(),
            "Jose Nunez"
        );
        assert!(apply(Variant::MiddleDropped, "Rami Makhlouf", 1).is_none());
        assert!(apply(Variant::LowerCase, "rami", 1).is_none());
    }

    #[test]
    fn typos_change_one_letter_of_one_word() {
        for seed in 0..50 {
            let drop = apply(Variant::Drop, "Rami Makhlouf", seed).unwrap();
            assert_eq!(drop.len(), "Rami Makhlouf".len() - 1, "{drop}");
            let double = apply(Variant::Double, "Rami Makhlouf", seed).unwrap();
            assert_eq!(double.len(), "Rami Makhlouf".len() + 1, "{double}");
            let swap = apply(Variant::Swap, "RAMI MAKHLOUF", seed).unwrap();
            let mut a: Vec<char> = swap.chars().collect();
            let mut b: Vec<char> = "RAMI MAKHLOUF".chars().collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{swap}");
            assert!(swap.chars().all(|c| !c.is_lowercase()), "{swap}");
            let sub = apply(Variant::Substitute, "Rami Makhlouf", seed).unwrap();
            let differing = sub
                .chars()
                .zip("Rami Makhlouf".chars())
                .filter(|(x, y)| x != y)
                .count();
            assert_eq!(differing, 1, "{sub}");
        }
    }

    proptest! {
        #[test]
        fn variants_never_panic_and_differ(name in "\\PC{0,40}", seed: u64) {
            for v in Variant::ALL {
                if let Some(out) = v.apply(&name, &mut Rng::new(seed)) {
                    prop_assert_ne!(out, name.clone());
                }
            }
        }
    }
}
