//! Acronyms in running text ("LeT", "JuD", "L.e.T."): noted by the quick look, kept at the
//! end when the document supports them.

use super::*;
use crate::ids::{EntityIx, NameId};

/// Score of an acronym the document supports with a full name of its entity nearby.
pub(super) const ACRONYM_SUPPORTED: f32 = 0.9;

/// Score of an acronym written as one ("(LeT)", "LeT/JUD") without a full name nearby.
pub(super) const ACRONYM_WRITTEN: f32 = 0.82;

/// An acronym seen in the text, waiting for the end of the document to know whether it counts.
#[derive(Debug, Clone)]
pub(super) struct AcronymCandidate {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) context: (String, String),
    /// (entity, name, listed as an acronym) the acronym may stand for.
    pub(super) options: Vec<(EntityIx, NameId, bool)>,
    /// Written as an acronym: in parentheses or joined by a slash to another name.
    pub(super) written: bool,
    /// The neighbours joined by a slash (start offsets), for "LeT/JUD".
    pub(super) slash_partner: Option<(usize, usize)>,
}

/// How an acronym-like word is written: its letters without a plural or possessive `s`, if it
/// is two to six capitals with at most one lower-case letter inside ("LeT", "JuD", "JUD",
/// "JUDs").
pub(super) fn acronym_form(original: &str) -> Option<String> {
    // Most words are no acronym: two to seven ASCII letters ending in a capital (or a capital
    // and "s") are the only candidates.
    let b = original.as_bytes();
    let shape_ok = (2..=7).contains(&b.len())
        && (b[b.len() - 1].is_ascii_uppercase()
            || (b[b.len() - 1] == b's' && b[b.len() - 2].is_ascii_uppercase()));
    if !shape_ok {
        return None;
    }
    let base = match original.strip_suffix('s') {
        Some(b) if b.len() >= 2 && b.chars().all(|c| c.is_ascii_uppercase()) => b,
        _ => original,
    };
    let letters: Vec<char> = base.chars().collect();
    if !(2..=6).contains(&letters.len()) || !letters.iter().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let upper = letters.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = letters.len() - upper;
    let shaped = letters[0].is_ascii_uppercase()
        && letters[letters.len() - 1].is_ascii_uppercase()
        && lower <= 1
        && upper >= 2;
    shaped.then(|| base.to_ascii_lowercase())
}

/// The end of a dotted acronym starting at `start` ("L.e.T.", "J.u.D."): two to six single
/// letters each followed by a full stop, not followed by a letter or digit.
pub(super) fn dotted_acronym_end(b: &[u8], start: usize, to: usize) -> Option<usize> {
    let mut k = start;
    let mut letters = 0;
    while k + 1 < to && b[k].is_ascii_alphabetic() && b[k + 1] == b'.' {
        letters += 1;
        k += 2;
    }
    let ends = k >= to || !b[k].is_ascii_alphanumeric();
    ((2..=6).contains(&letters) && ends).then_some(k)
}

/// The letters of a dotted acronym as [`acronym_form`] gives them ("L.e.T." is "let"), when
/// it is shaped like one: capitals first and last, at most one small letter.
pub(super) fn dotted_acronym_form(original: &str) -> Option<String> {
    let letters: String = original.chars().filter(|c| *c != '.').collect();
    acronym_form(&letters)
}

pub(super) fn acronym_mention<'a>(
    index: &'a Index,
    c: &AcronymCandidate,
    entity: EntityIx,
    name: NameId,
    score: f32,
    by_name: bool,
) -> Mention<'a> {
    let e = &index.entity(entity.index());
    let n = &index.names[name.index()];
    let listed = &e.names[n.name as usize].full;
    Mention {
        start: c.start,
        end: c.end,
        text: c.text.clone(),
        context: c.context.clone(),
        entity: e,
        matched_name: listed,
        score,
        kind: MentionKind::Acronym,
        why: if by_name {
            format!("acronym of \"{listed}\", which the document names nearby")
        } else {
            format!("acronym of \"{listed}\", written as one")
        },
        also_listed: Vec::new(),
        links: Vec::new(),
    }
}

impl<'a> Scanner<'a> {
    /// Notes the acronym-like word `text[start..end]`, to be kept if the document supports
    /// it.
    pub(super) fn acronym_at(
        &mut self,
        text: &str,
        position: &dyn Fn(usize) -> usize,
        start: usize,
        end: usize,
    ) {
        let original = &text[start..end];
        let form = if original.contains('.') {
            dotted_acronym_form(original)
        } else {
            acronym_form(original)
        };
        let Some(form) = form else {
            return;
        };
        let Some(options) = self.tables.acronyms.get(form.as_str()) else {
            return;
        };
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let parenthesised = before == Some('(') && after == Some(')');
        // Two letters are too common to be an acronym unless written as one.
        if form.len() < 3 && !parenthesised && before != Some('/') && after != Some('/') {
            return;
        }
        let word_len = |s: &str| -> usize {
            s.chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum()
        };
        let slash_partner = if after == Some('/') {
            let n = word_len(&text[end + 1..]);
            (n > 0).then_some((end + 1, end + 1 + n))
        } else if before == Some('/') {
            let n: usize = text[..start - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            (n > 0).then_some((start - 1 - n, start - 1))
        } else {
            None
        };
        self.acronyms.push(AcronymCandidate {
            start: position(start),
            end: position(end),
            text: original.to_string(),
            context: context(text, start, end, self.options.context),
            options: options.clone(),
            written: parenthesised || slash_partner.is_some(),
            slash_partner: slash_partner.map(|(s, e)| (position(s), position(e))),
        });
    }
}

/// The acronyms a document supports, as mentions: those with a full name of their target
/// within `reach` bytes (the UN's entry first); then those written as acronyms, joined by a
/// slash to a mention of their target, or, for an acronym the list itself gives as a name
/// ("TTP"), in parentheses when it names one target only.
pub(super) fn resolve_acronyms<'a>(
    index: &'a Index,
    acronyms: &[AcronymCandidate],
    mentions: &[(EntityIx, Mention<'a>)],
    reach: usize,
    cluster: &dyn Fn(EntityIx) -> String,
) -> Vec<(EntityIx, Mention<'a>)> {
    // Full names per target, by position, for support (each list sorted by start).
    let mut full: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (e, m) in mentions {
        full.entry(cluster(*e)).or_default().push((m.start, m.end));
    }
    for spans in full.values_mut() {
        spans.sort_unstable();
    }
    let supported = |target: &str, start: usize, end: usize| {
        let Some(spans) = full.get(target) else {
            return false;
        };
        // Full names starting up to `reach` bytes after the acronym, latest first; names
        // are short, so the search stops well before the start of the document.
        let after = spans.partition_point(|s| s.0 <= end + reach);
        spans[..after]
            .iter()
            .rev()
            .take_while(|s| s.0 + reach + 1000 >= start)
            .any(|&(s, e)| s.abs_diff(end) <= reach || e.abs_diff(start) <= reach)
    };
    // First pass: acronyms supported by a full name; second: slash partners of those.
    let mut kept: Vec<(EntityIx, Mention<'a>)> = Vec::new();
    let mut is_kept = vec![false; acronyms.len()];
    let mut kept_at: HashMap<(usize, usize), String> = HashMap::new();
    for (ci, c) in acronyms.iter().enumerate() {
        // The UN's own entry first, as on a full name.
        let found = c
            .options
            .iter()
            .filter(|(e, _, _)| supported(&cluster(*e), c.start, c.end))
            .min_by_key(|(e, _, _)| !index.entity(e.index()).provenance.list.starts_with("un-sc"));
        if let Some(&(e, n, _)) = found {
            is_kept[ci] = true;
            kept_at.insert((c.start, c.end), cluster(e));
            kept.push((e, acronym_mention(index, c, e, n, ACRONYM_SUPPORTED, true)));
        }
    }
    // Full mentions by start, to find the one a slash partner is part of.
    let mut by_start: Vec<(usize, usize, EntityIx)> =
        mentions.iter().map(|(e, m)| (m.start, m.end, *e)).collect();
    by_start.sort_unstable();
    for (ci, c) in acronyms.iter().enumerate() {
        if is_kept[ci] || !c.written {
            continue;
        }
        // Joined by a slash to a kept mention of the same target, or in parentheses with
        // one entity only.
        let partner_target = c.slash_partner.and_then(|(s, e)| {
            kept_at.get(&(s, e)).cloned().or_else(|| {
                let upto = by_start.partition_point(|m| m.0 <= s);
                by_start[..upto]
                    .iter()
                    .rev()
                    .take_while(|m| m.0 + 1000 >= s)
                    .find(|m| m.1 >= e)
                    .map(|m| cluster(m.2))
            })
        });
        // Joined by a slash to a mention of the same target; or, for an acronym the list
        // itself gives as a name ("TTP"), in parentheses, when it names one target only.
        // Derived acronyms ("SSL" from a company's initials) need a full name nearby.
        let choice = match &partner_target {
            Some(t) => c
                .options
                .iter()
                .find(|(e, _, _)| cluster(*e) == *t)
                .copied(),
            None => {
                let listed: Vec<&(EntityIx, NameId, bool)> =
                    c.options.iter().filter(|o| o.2).collect();
                let targets: HashSet<String> = listed.iter().map(|(e, _, _)| cluster(*e)).collect();
                (targets.len() == 1).then(|| *listed[0])
            }
        };
        if let Some((e, n, _)) = choice {
            let score = if partner_target.is_some() {
                ACRONYM_SUPPORTED
            } else {
                ACRONYM_WRITTEN
            };
            kept.push((e, acronym_mention(index, c, e, n, score, false)));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::*;

    #[test]
    fn acronym_forms() {
        assert_eq!(acronym_form("LeT").as_deref(), Some("let"));
        assert_eq!(acronym_form("JUD").as_deref(), Some("jud"));
        assert_eq!(acronym_form("JUDs").as_deref(), Some("jud"));
        assert_eq!(acronym_form("Let"), None);
        assert_eq!(acronym_form("let"), None);
        assert_eq!(acronym_form("PAKISTAN"), None);
        assert_eq!(acronym_form("L"), None);
    }

    #[test]
    fn dotted_acronyms_count_like_others() {
        let got = found(
            let_and_saeed(),
            "Officials blame the L.e.T. for the siege. Lashkar-e-Tayyiba denies it.",
        );
        assert_eq!(
            got,
            vec![
                ("QDe.118".into(), "L.e.T.".into()),
                ("QDe.118".into(), "Lashkar-e-Tayyiba".into())
            ]
        );
        // Without a full name nearby, a dotted acronym is as unsupported as any other.
        assert!(found(let_and_saeed(), "The L.e.T. denies it.").is_empty());
        assert_eq!(dotted_acronym_end(b"U.S.A. and", 0, 10), Some(6));
        assert_eq!(dotted_acronym_end(b"L.etc", 0, 5), None);
    }

    #[test]
    fn acronyms_without_joining_words() {
        let got = found(
            let_and_saeed(),
            "It renamed itself the Islamic State in Iraq and the Levant (ISIL) in 2013. ISIL then split.",
        );
        assert_eq!(
            got,
            vec![
                (
                    "QDe.115".into(),
                    "Islamic State in Iraq and the Levant".into()
                ),
                ("QDe.115".into(), "ISIL".into()),
                ("QDe.115".into(), "ISIL".into())
            ]
        );
    }
}
