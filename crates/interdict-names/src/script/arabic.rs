//! Arabic script (Arabic, Persian, Urdu, Pashto letters): one Latin spelling per letter, with
//! the long vowels written (alif `a`, waw `w`, ya `y`), ʿayn as `a` and hamza dropped; the
//! tokenizer turns a waw between consonants into the vowel `u` it stands for there (Mansur). Short vowels are not written in the script and so are not
//! produced; the similarity measure charges little for the vowels the Latin side adds.

/// Latin letters for an Arabic-script character; `None` for characters of other scripts.
/// An empty string means the character is part of a word but has no Latin letter.
pub(super) fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' => "a",
        'ء' | 'ؤ' | 'ئ' => "",
        // ʿayn is written as a vowel or an apostrophe in Latin (Abd, Omar, Sa'id).
        'ع' => "a",
        'ب' => "b",
        'پ' => "p",
        'ت' | 'ط' | 'ٹ' => "t",
        'ث' => "th",
        'ج' => "j",
        'چ' => "ch",
        'ح' | 'ه' | 'ھ' | 'ہ' => "h",
        'ة' | 'ۃ' => "a",
        'خ' => "kh",
        'د' | 'ڈ' => "d",
        'ذ' => "dh",
        'ر' | 'ڑ' => "r",
        'ز' | 'ظ' => "z",
        // Persian zhe, written "zh" or "j" in Latin; "j" keeps "zh" for ز followed by ه.
        'ژ' => "j",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ض' => "d",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' | 'ں' => "n",
        'و' => "w",
        'ي' | 'ی' | 'ې' | 'ے' | 'ۍ' => "y",
        '٠'..='٩' => return None,
        '\u{064B}'..='\u{065F}' | '\u{0670}' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(s: &str) -> String {
        s.chars().map(|c| transliterate(c).unwrap_or(" ")).collect()
    }

    #[test]
    fn letters() {
        assert_eq!(latin("محمد"), "mhmd");
        assert_eq!(latin("انصار الدين"), "ansar aldyn");
        assert_eq!(latin("عبد الرحمن"), "abd alrhmn");
        assert_eq!(latin("لشکر طیبہ"), "lshkr tybh");
    }
}
