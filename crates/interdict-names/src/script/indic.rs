//! Devanagari and Bengali (Hindi, Marathi, Nepali, Bengali names): consonants carry the vowel
//! `a` unless a vowel sign or virama follows, and Hindi drops that vowel at the end of a word
//! ("कुमार" is Kumar, not Kumara). Bengali shares Devanagari's layout, shifted by 0x80.
//!
//! Consonants are written with an [`INHERENT`] mark for their vowel; vowel signs and the virama
//! remove it; the tokenizer turns the marks into `a` when the word is complete, except at the
//! end of the word.

/// Stands for a consonant's inherent vowel until the word is complete.
pub(crate) const INHERENT: char = '\u{1}';

/// What an Indic character does.
pub(super) enum Indic {
    /// A consonant: its Latin letters, then the inherent vowel mark.
    Consonant(&'static str),
    /// An independent vowel.
    Vowel(&'static str),
    /// A vowel sign: replaces the inherent vowel of the consonant before it ("" for the virama).
    Sign(&'static str),
    /// A nasal or other mark written after a vowel (anusvara, visarga): its letters.
    After(&'static str),
    /// A mark with no Latin letter (nukta, candrabindu).
    Silent,
}

/// Classifies `c` if it is Devanagari or Bengali.
pub(super) fn classify(c: char) -> Option<Indic> {
    let cp = c as u32;
    let dev = match cp {
        0x0900..=0x097F => cp,
        0x0980..=0x09FF => cp - 0x80,
        _ => return None,
    };
    use Indic::*;
    Some(match dev {
        0x0901 => Silent,
        0x0902 => After("n"),
        0x0903 => After("h"),
        0x0905 => Vowel("a"),
        0x0906 => Vowel("aa"),
        0x0907 => Vowel("i"),
        0x0908 => Vowel("ee"),
        0x0909 => Vowel("u"),
        0x090A => Vowel("oo"),
        0x090B => Vowel("ri"),
        0x090F => Vowel("e"),
        0x0910 => Vowel("ai"),
        0x0913 => Vowel("o"),
        0x0914 => Vowel("au"),
        0x0915 => Consonant("k"),
        0x0916 => Consonant("kh"),
        0x0917 => Consonant("g"),
        0x0918 => Consonant("gh"),
        0x0919 => Consonant("n"),
        0x091A => Consonant("ch"),
        0x091B => Consonant("chh"),
        0x091C => Consonant("j"),
        0x091D => Consonant("jh"),
        0x091E => Consonant("n"),
        0x091F => Consonant("t"),
        0x0920 => Consonant("th"),
        0x0921 => Consonant("d"),
        0x0922 => Consonant("dh"),
        0x0923 => Consonant("n"),
        0x0924 => Consonant("t"),
        0x0925 => Consonant("th"),
        0x0926 => Consonant("d"),
        0x0927 => Consonant("dh"),
        0x0928 => Consonant("n"),
        0x092A => Consonant("p"),
        0x092B => Consonant("ph"),
        0x092C => Consonant("b"),
        0x092D => Consonant("bh"),
        0x092E => Consonant("m"),
        0x092F => Consonant("y"),
        0x0930 => Consonant("r"),
        0x0932 => Consonant("l"),
        0x0933 => Consonant("l"),
        0x0935 => Consonant("v"),
        0x0936 => Consonant("sh"),
        0x0937 => Consonant("sh"),
        0x0938 => Consonant("s"),
        0x0939 => Consonant("h"),
        0x093C => Silent,
        0x093E => Sign("a"),
        0x093F => Sign("i"),
        0x0940 => Sign("ee"),
        0x0941 => Sign("u"),
        0x0942 => Sign("oo"),
        0x0943 => Sign("ri"),
        0x0947 => Sign("e"),
        0x0948 => Sign("ai"),
        0x094B => Sign("o"),
        0x094C => Sign("au"),
        0x094D => Sign(""),
        // Bengali khanda ta and the letters Bengali writes where Devanagari has others.
        0x094E => Consonant("t"),
        0x095C => Consonant("r"),
        0x095D => Consonant("rh"),
        0x095F => Consonant("y"),
        _ => return None,
    })
}

/// Finishes a word: drops the inherent vowel of its last consonant and writes the others as `a`.
pub(crate) fn finish_word(text: &str) -> String {
    let t = text.strip_suffix(INHERENT).unwrap_or(text);
    t.replace(INHERENT, "a")
}
