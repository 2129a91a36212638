//! Hebrew: one Latin spelling per letter, alef and ayin as `a` (they carry a vowel in names),
//! vav as `v` (the tokenizer reads it as `u` between consonants, as for Arabic waw), and the
//! vowel points dropped. Short vowels are not written, so Hebrew words are compared as
//! vowelless.

/// Latin letters for a Hebrew letter; `None` for characters of other scripts.
pub(super) fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'א' | 'ע' => "a",
        'ב' => "b",
        'ג' => "g",
        'ד' => "d",
        'ה' => "h",
        'ו' => "w",
        'ז' => "z",
        'ח' => "kh",
        'ט' => "t",
        'י' => "y",
        'כ' | 'ך' => "k",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'פ' | 'ף' => "p",
        'צ' | 'ץ' => "ts",
        'ק' => "k",
        'ר' => "r",
        'ש' => "sh",
        'ת' => "t",
        '\u{05B0}'..='\u{05C7}' => "",
        _ => return None,
    })
}
