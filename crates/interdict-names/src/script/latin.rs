//! Latin script: accents stripped by compatibility decomposition, and the letters that do not
//! decompose (ß, æ, ø, ł, đ, þ, ı, ...) spelled out.

use super::CharKind;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Transliterates a non-ASCII Latin letter (or a compatibility form of an ASCII character, such
/// as full-width letters); `None` if `c` is not Latin.
pub(super) fn transliterate(c: char, out: &mut String) -> Option<CharKind> {
    if let Some(s) = special(c) {
        out.push_str(s);
        return Some(CharKind::Letter);
    }
    let cp = c as u32;
    let latin_block = (0x00C0..=0x024F).contains(&cp)
        || (0x1E00..=0x1EFF).contains(&cp)
        || (0xFF00..=0xFF5E).contains(&cp)
        || (0xFB00..=0xFB06).contains(&cp)
        || (0x2C60..=0x2C7F).contains(&cp)
        || (0xA720..=0xA7FF).contains(&cp);
    if !latin_block {
        return None;
    }
    let mut pushed = false;
    let mut separator = false;
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if d.is_ascii_alphanumeric() {
            out.push(d.to_ascii_lowercase());
            pushed = true;
        } else if d.is_ascii() {
            separator = true;
        } else if let Some(s) = special(d) {
            out.push_str(s);
            pushed = true;
        }
    });
    Some(if pushed {
        CharKind::Letter
    } else if separator {
        CharKind::Separator
    } else {
        CharKind::Joiner
    })
}

/// Latin letters without a canonical decomposition to ASCII.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŀ' | 'Ŀ' => "l",
        'ĸ' => "k",
        'ŋ' | 'Ŋ' => "n",
        'ſ' => "s",
        'ƒ' => "f",
        'ǝ' | 'Ə' | 'ə' => "e",
        _ => return None,
    })
}
