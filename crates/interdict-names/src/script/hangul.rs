//! Hangul syllables romanised the way sanctions lists write Korean names: McCune–Reischauer
//! without its marks (Kim, Pak, Choe, Kyong, Chol, U'n as "un"), the spelling of the UN, US and UK
//! lists for the Democratic People's Republic of Korea, rather than the Revised Romanisation
//! that general tables give (Gim, Bak, Gyeong, Cheol, Eun).

/// Consonants that begin a syllable, in Unicode order (ㅇ is silent).
const INITIAL: [&str; 19] = [
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];

/// Vowels, in Unicode order: ŏ and ŭ lose their breves (eo and eu in the Revised
/// Romanisation).
const MEDIAL: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];

/// Consonants that end a syllable, in Unicode order (none first).
const FINAL: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// The romanisation of a Hangul syllable, `None` for any other character.
pub(super) fn romanise(c: char) -> Option<String> {
    let index = (c as u32).checked_sub(0xAC00)?;
    if index >= 19 * 21 * 28 {
        return None;
    }
    let (initial, rest) = (index / (21 * 28), index % (21 * 28));
    let (medial, last) = (rest / 28, rest % 28);
    Some(format!(
        "{}{}{}",
        INITIAL[initial as usize], MEDIAL[medial as usize], FINAL[last as usize]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_the_lists_write_them() {
        let read = |s: &str| s.chars().map(|c| romanise(c).unwrap()).collect::<Vec<_>>();
        assert_eq!(read("김정은"), ["kim", "jong", "un"]);
        assert_eq!(read("최춘영"), ["choe", "chun", "yong"]);
        assert_eq!(read("백창호"), ["paek", "chang", "ho"]);
        assert_eq!(read("리영무"), ["ri", "yong", "mu"]);
        assert_eq!(read("고태훈"), ["ko", "tae", "hun"]);
        assert_eq!(romanise('a'), None);
        assert_eq!(romanise('\u{D7A3}').as_deref(), Some("hit"));
    }
}
