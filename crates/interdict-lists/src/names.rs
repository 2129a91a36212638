//! Adding listed names to an entity: one listed string may hold several names ("X (XYZ)",
//! "X / Y", a Latin name with its original script in brackets); repeats are dropped.

use crate::xml::clean;
use interdict_model::{Entity, Name, NameKind};

/// Makes the name(s) in `listed` the entity's primary name: the first becomes the primary name
/// (keeping any parts already set), the others (an acronym, an original-script name) aliases.
/// The caption stays the listed text ("LASHKAR I JHANGVI (LJ)").
pub(crate) fn set_primary(e: &mut Entity, listed: &str) {
    let mut split = split_parenthesised(listed).into_iter();
    if let Some((head, _)) = split.next() {
        e.names[0].full = head;
    }
    for (alt, original_script) in split {
        let kind = if original_script {
            NameKind::OriginalScript
        } else {
            NameKind::Alias
        };
        if !e.names.iter().any(|n| n.full == alt) {
            e.names.push(Name::new(alt, kind));
        }
    }
}

/// Adds the name(s) in `listed` to `e` as `kind`, with the list's quality label and note.
/// Bracketed acronyms and alternatives become names of their own, original-script brackets
/// become original-script names; names already present are skipped. Returns how many were added.
pub(crate) fn add_names(
    e: &mut Entity,
    listed: &str,
    kind: NameKind,
    quality: Option<&str>,
    note: Option<&str>,
) -> usize {
    let mut added = 0;
    for (text, original_script) in split_parenthesised(listed) {
        let kind = if original_script {
            NameKind::OriginalScript
        } else {
            kind
        };
        if e.names.iter().any(|n| n.full == text) {
            continue;
        }
        let mut name = Name::new(text, kind);
        name.quality = quality.map(str::to_string);
        name.note = note.map(str::to_string);
        e.names.push(name);
        added += 1;
    }
    added
}

/// Splits a listed name that holds more than one name: "AL-ITIHAAD AL-ISLAMIYA / AIAI" (names
/// separated by " / "), "LASHKAR I JHANGVI (LJ)" (a bracketed acronym of the name) and
/// "Haji Gulab Gul (حاجی گلاب گل ...)" (a bracketed original-script name). Other brackets, such as
/// the branch in "AL-HARAMAIN FOUNDATION (PAKISTAN)", stay part of the name. Returns
/// (name, is_original_script) pairs.
fn split_parenthesised(full: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for part in full.split(" / ") {
        let trimmed = part.trim_end();
        if let (Some(open), true) = (trimmed.rfind('('), trimmed.ends_with(')')) {
            let inner = &trimmed[open + 1..trimmed.len() - 1];
            if let (Some(head), false) = (clean(&trimmed[..open]), inner.contains('(')) {
                let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
                let non_latin = inner
                    .chars()
                    .filter(|c| c.is_alphabetic() && !is_latin(*c))
                    .count();
                let original_script = letters > 0 && non_latin * 2 > letters;
                if original_script || is_acronym_of(inner.trim(), &head) {
                    out.push((head, false));
                    out.extend(clean(inner).map(|n| (n, original_script)));
                    continue;
                }
            }
        }
        out.extend(clean(part).map(|n| (n, false)));
    }
    out
}

/// Whether `short` is the acronym of `name`: the initials of all its words, of its words longer
/// than three letters ("LJ" for "LASHKAR I JHANGVI", "JNIM" for "JAMA'A NUSRAT UL-ISLAM WA
/// AL-MUSLIMIN"), or of its first words before a legal form ("ETC" for "EXAMPLE TRADING CO.,
/// LTD.").
fn is_acronym_of(short: &str, name: &str) -> bool {
    if short.len() < 2 || !short.chars().all(|c| c.is_alphanumeric()) {
        return false;
    }
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let initials = |keep: &dyn Fn(&str) -> bool| -> String {
        words
            .iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let short = short.to_lowercase();
    if short == initials(&|_| true) || short == initials(&|w| w.chars().count() > 3) {
        return true;
    }
    // "ETC" for "EXAMPLE TRADING CO., LTD.": the initials of the first words, the rest being
    // short legal forms.
    let all = initials(&|_| true);
    all.starts_with(&short)
        && words
            .iter()
            .skip(short.chars().count())
            .all(|w| w.chars().count() <= 4)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_original_script_in_brackets() {
        assert_eq!(
            split_parenthesised("Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )"),
            vec![
                ("Haji Gulab Gul".to_string(), false),
                ("حاجی گلاب گل ولد حاجی حضرت گل".to_string(), true)
            ]
        );
        assert_eq!(
            split_parenthesised("LASHKAR I JHANGVI (LJ)"),
            vec![
                ("LASHKAR I JHANGVI".to_string(), false),
                ("LJ".to_string(), false)
            ]
        );
        assert_eq!(
            split_parenthesised("Abu Ali"),
            vec![("Abu Ali".to_string(), false)]
        );
        assert_eq!(
            split_parenthesised("AL-HARAMAIN FOUNDATION (PAKISTAN)"),
            vec![("AL-HARAMAIN FOUNDATION (PAKISTAN)".to_string(), false)]
        );
        assert_eq!(
            split_parenthesised("JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN (JNIM)"),
            vec![
                ("JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN".to_string(), false),
                ("JNIM".to_string(), false)
            ]
        );
        assert_eq!(
            split_parenthesised("AL-ITIHAAD AL-ISLAMIYA / AIAI"),
            vec![
                ("AL-ITIHAAD AL-ISLAMIYA".to_string(), false),
                ("AIAI".to_string(), false)
            ]
        );
        assert_eq!(
            split_parenthesised("(LJ)"),
            vec![("(LJ)".to_string(), false)]
        );
    }
}
