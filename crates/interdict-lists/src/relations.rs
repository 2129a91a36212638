//! Links read from how the lists word them: the kind and direction of a relation from the words
//! nearest a quoted reference ("Leader of Lashkar-e-Tayyiba (QDe.118)", "led by Mokhtar
//! Belmokhtar (QDi.136)"), UN references quoted in other lists' prose, and prose sentences that
//! name related entries without a reference ("Associated with the Abu Sayyaf Group").

use crate::crossref::{normalise_un_reference, UN_LIST};
use interdict_model::{Link, LinkDirection, LinkKind};

use LinkDirection::{Incoming, Outgoing};
use LinkKind::{Associate, Family, Front, Leader, Member, Owner, Successor, Unknown};

/// Words that say how two entries relate, in lower case. A trailing `*` matches any ending.
/// Passive wordings ("led by") make the other entry the subject.
const CUES: &[(&str, LinkKind, LinkDirection)] = &[
    ("led by", Leader, Incoming),
    ("headed by", Leader, Incoming),
    ("founded by", Leader, Incoming),
    ("established by", Leader, Incoming),
    ("commanded by", Leader, Incoming),
    ("directed by", Leader, Incoming),
    ("the leader is", Leader, Incoming),
    ("its leader is", Leader, Incoming),
    ("the founder is", Leader, Incoming),
    ("its director*", Leader, Incoming),
    ("its leader*", Leader, Incoming),
    ("its founder*", Leader, Incoming),
    ("members include", Member, Incoming),
    ("members included", Member, Incoming),
    ("changed name", Successor, Incoming),
    ("renamed", Successor, Incoming),
    ("owned or controlled by", Owner, Incoming),
    ("owned by", Owner, Incoming),
    ("controlled by", Owner, Incoming),
    ("subsidiary of", Owner, Incoming),
    ("subsidiary", Owner, Incoming),
    ("owner of", Owner, Outgoing),
    ("owns", Owner, Outgoing),
    ("parent company of", Owner, Outgoing),
    ("front for", Front, Outgoing),
    ("front of", Front, Outgoing),
    ("front organi*", Front, Outgoing),
    ("alias of", Front, Outgoing),
    ("cover for", Front, Outgoing),
    ("successor*", Successor, Outgoing),
    ("splinter*", Successor, Outgoing),
    ("offshoot", Successor, Outgoing),
    ("branch of", Successor, Outgoing),
    ("faction of", Successor, Outgoing),
    ("leader*", Leader, Outgoing),
    ("leads", Leader, Outgoing),
    ("led", Leader, Outgoing),
    ("founder*", Leader, Outgoing),
    ("co-founder*", Leader, Outgoing),
    ("founded", Leader, Outgoing),
    ("head of", Leader, Outgoing),
    ("commander*", Leader, Outgoing),
    ("amir", Leader, Outgoing),
    ("emir", Leader, Outgoing),
    ("chief", Leader, Outgoing),
    ("director*", Leader, Outgoing),
    ("chairman", Leader, Outgoing),
    ("president of", Leader, Outgoing),
    ("official of", Leader, Outgoing),
    ("leader or official of", Leader, Outgoing),
    ("brother*", Family, Outgoing),
    ("sister*", Family, Outgoing),
    ("son", Family, Outgoing),
    ("son-in-law", Family, Outgoing),
    ("sons", Family, Outgoing),
    ("daughter*", Family, Outgoing),
    ("father*", Family, Outgoing),
    ("mother*", Family, Outgoing),
    ("wife", Family, Outgoing),
    ("husband", Family, Outgoing),
    ("spouse", Family, Outgoing),
    ("cousin*", Family, Outgoing),
    ("nephew*", Family, Outgoing),
    ("niece*", Family, Outgoing),
    ("uncle*", Family, Outgoing),
    ("relative*", Family, Outgoing),
    ("family member of", Family, Outgoing),
    ("member*", Member, Outgoing),
    ("fighter*", Member, Outgoing),
    ("joined", Member, Outgoing),
    ("operative*", Member, Outgoing),
    ("militant*", Member, Outgoing),
    ("propagandist", Member, Outgoing),
    ("spokes*", Member, Outgoing),
    ("treasurer", Member, Outgoing),
    ("recruiter", Member, Outgoing),
    ("part of", Member, Outgoing),
    ("belongs to", Member, Outgoing),
    ("employee of", Member, Outgoing),
    ("wing of", Member, Outgoing),
    ("associat*", Associate, Outgoing),
    ("affiliat*", Associate, Outgoing),
    ("ties to", Associate, Outgoing),
    ("links to", Associate, Outgoing),
    ("relations with", Associate, Outgoing),
    ("close to", Associate, Outgoing),
    ("deputy", Associate, Outgoing),
    ("on behalf of", Associate, Outgoing),
    ("acting for", Associate, Outgoing),
    ("support*", Associate, Outgoing),
    ("financ*", Associate, Outgoing),
    ("facilitat*", Associate, Outgoing),
    ("representative of", Associate, Outgoing),
    ("linked to", Unknown, Outgoing),
];

/// The kind and direction that the words around a quoted entry give: the cue ending nearest
/// before it, else the first one after it (in its sentence). `other_is_person` narrows what a
/// person can be to another person: a "commander of" or "member of" a person is an associate.
pub(crate) fn classify(
    before: &str,
    after: &str,
    other_is_person: bool,
) -> (LinkKind, LinkDirection) {
    // Between two people, kinship anywhere before the name says more than a title nearer it
    // ("the brother-in-law of JUD/LET Chief Hafiz Muhammad Saeed").
    let kin = || {
        cues_in(before)
            .iter()
            .any(|c| c.2 == Family)
            .then_some((Family, Outgoing))
    };
    let found = other_is_person
        .then(kin)
        .flatten()
        .or_else(|| last_cue(before))
        .or_else(|| first_cue(after));
    let Some((kind, direction)) = found else {
        return (Unknown, Outgoing);
    };
    if other_is_person
        && direction == Outgoing
        && matches!(kind, Leader | Member | Front | Successor)
    {
        return (Associate, Outgoing);
    }
    (kind, direction)
}

/// The kind and direction of a relation stated as a label ("Owned or Controlled By", "Associate
/// Of", "Leader or official of").
pub(crate) fn classify_label(label: &str) -> (LinkKind, LinkDirection) {
    classify(label, "", false)
}

/// Every occurrence of every cue in `original`: (start, end, kind, direction). "Front" with a
/// capital is a name's word ("Al-Nusrah Front for the People of the Levant"), not a front.
fn cues_in(original: &str) -> Vec<(usize, usize, LinkKind, LinkDirection)> {
    // Lower-casing ASCII keeps byte offsets; other letters cannot start a cue.
    let text = original.to_ascii_lowercase();
    let text = text.as_str();
    let capital_front = |at: usize| original.as_bytes()[at] == b'F';
    CUES.iter()
        .flat_map(|&(cue, kind, direction)| {
            let (word, stem) = match cue.strip_suffix('*') {
                Some(w) => (w, true),
                None => (cue, false),
            };
            text.match_indices(word).filter_map(move |(at, _)| {
                let b = text.as_bytes();
                let starts = at == 0 || !b[at - 1].is_ascii_alphanumeric();
                let mut end = at + word.len();
                if stem {
                    while end < b.len() && b[end].is_ascii_alphanumeric() {
                        end += 1;
                    }
                }
                let ends = end == b.len() || !b[end].is_ascii_alphanumeric();
                let named = kind == Front && capital_front(at);
                (starts && ends && !named).then_some((at, end, kind, direction))
            })
        })
        .collect()
}

/// The cue that ends last (the longest on a tie: "owned or controlled by" over "controlled by").
fn last_cue(text: &str) -> Option<(LinkKind, LinkDirection)> {
    cues_in(text)
        .into_iter()
        .max_by_key(|&(start, end, ..)| (end, end - start))
        .map(|(_, _, k, d)| (k, d))
}

/// The cue that starts first (the longest on a tie).
fn first_cue(text: &str) -> Option<(LinkKind, LinkDirection)> {
    cues_in(text)
        .into_iter()
        .min_by_key(|&(start, end, ..)| (start, std::cmp::Reverse(end - start)))
        .map(|(_, _, k, d)| (k, d))
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "st", "mr", "mrs", "dr", "ltd", "co", "inc", "corp", "approx", "e.g", "i.e", "a.k.a",
];

/// The sentence of `text` around the byte range `at..end`, as (start, end) byte offsets.
pub(crate) fn sentence_around(text: &str, at: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let is_stop = |i: usize| -> bool {
        // "(QDe.118).In custody": a full stop after a bracket with no space before the next.
        let glued = b[i] == b'.'
            && i > 0
            && b[i - 1] == b')'
            && b.get(i + 1).is_some_and(u8::is_ascii_uppercase);
        if glued {
            return true;
        }
        if !matches!(b[i], b'.' | b';') || i + 1 >= b.len() || !b[i + 1].is_ascii_whitespace() {
            return false;
        }
        let next = text[i + 1..].trim_start().chars().next();
        if !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(') {
            return false;
        }
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(')
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = text[word_start..i].to_ascii_lowercase();
        b[i] == b';' || !(ABBREVIATIONS.contains(&word.as_str()) || word.len() == 1)
    };
    let start = (0..at).rev().find(|&i| is_stop(i)).map_or(0, |i| i + 1);
    let stop = (end..b.len())
        .find(|&i| is_stop(i))
        .map_or(b.len(), |i| i + 1);
    (start, stop)
}

/// `text` with its runs of white space made one space (list prose breaks lines anywhere).
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link to the entry quoted at `at..end` of `text`, read from its sentence.
pub(crate) fn quoted_link(text: &str, at: usize, end: usize, reference: String) -> Link {
    let (s, e) = sentence_around(text, at, end);
    let other_is_person = reference.as_bytes().get(2) == Some(&b'i');
    // The words before the quote, without the quoted entry's own name: the cue nearest it.
    let (kind, direction) = classify(&text[s..at], &text[end..e], other_is_person);
    Link {
        reference,
        relation: if kind == Unknown {
            "mentioned".into()
        } else {
            kind.as_str().into()
        },
        kind,
        direction,
        source_text: Some(one_line(&text[s..e])),
        ..Link::default()
    }
}

/// UN references quoted in another list's prose ("listed as Al-Nusrah Front (QE.A.137.14)"),
/// in either scheme, except the entry's own ones (`own`, already converted): links to the UN
/// list's entries.
pub(crate) fn un_links_in(text: &str, own: &[String]) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let mut pos = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || c == '(' || c == ',') {
        let at = pos;
        pos += word.len();
        let token = word.trim_end_matches(|c: char| c.is_whitespace() || c == '(' || c == ',');
        let Some(reference) = normalise_un_reference(token) else {
            continue;
        };
        if own.contains(&reference) || out.iter().any(|l| l.reference == reference) {
            continue;
        }
        // "UN Ref QI.A.316.13" states the entry's own reference.
        let lead = text[..at].trim_end().to_ascii_lowercase();
        if lead.ends_with("un ref") || lead.ends_with("un ref:") || lead.ends_with("un reference") {
            continue;
        }
        // The quote ends before its closing bracket and full stop, which end the sentence.
        let quoted = token.trim_end_matches(['.', ',', ';', ')']);
        let mut link = quoted_link(text, at, at + quoted.len(), reference);
        link.list = Some(UN_LIST.to_string());
        out.push(link);
    }
    out
}

/// Adds the links a list's prose states for `e` (UN references quoted, other than the entry's
/// own, and parties named after a relation), once each.
pub(crate) fn add_prose_links(e: &mut interdict_model::Entity, text: &str) {
    let own: Vec<String> = e
        .external_refs
        .iter()
        .filter(|r| r.list == UN_LIST)
        .map(|r| r.reference.clone())
        .collect();
    for link in un_links_in(text, &own)
        .into_iter()
        .chain(named_links_in(text))
    {
        if !e.links.contains(&link) {
            e.links.push(link);
        }
    }
}

/// Openings of prose sentences that name related entries without a reference ("Associated with
/// the Revival of Islamic Heritage Society.").
const NAMING_OPENINGS: &[&str] = &[
    "associated with",
    "linked to",
    "member of",
    "leader of",
    "founded and headed by",
    "founded by",
    "headed by",
    "led by",
    "owned by",
    "owned or controlled by",
    "controlled by",
    "subsidiary of",
    "front for",
    "front organisation for",
    "front organization for",
    "successor to",
    "successor of",
];

/// Links named in prose sentences that open with a relation ("Associated with the Abu Sayyaf
/// Group and Jemaah Islamiyah."): one link per named party, with its name and no reference.
/// Sentences that quote a UN reference are left to [`un_links_in`].
pub(crate) fn named_links_in(text: &str) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let (_, stop) = sentence_around(text, from, from);
        let sentence = text[from..stop].trim();
        from = stop.max(from + 1);
        let lower = sentence.to_lowercase();
        let Some(opening) = NAMING_OPENINGS.iter().find(|o| lower.starts_with(*o)) else {
            continue;
        };
        if sentence
            .split_whitespace()
            .any(|w| normalise_un_reference(w.trim_matches(['(', ')', ',', '.'])).is_some())
        {
            continue;
        }
        let (kind, direction) = classify_label(opening);
        let rest = sentence[opening.len()..].trim().trim_end_matches('.');
        for name in party_names(rest) {
            if !out.iter().any(|l| l.name.as_deref() == Some(name.as_str())) {
                out.push(Link {
                    relation: (*opening).to_string(),
                    kind,
                    direction,
                    name: Some(name),
                    source_text: Some(one_line(sentence)),
                    ..Link::default()
                });
            }
        }
    }
    out
}

/// The parties a relation names: split at commas and "and", bracketed remarks dropped, a
/// leading "the" kept out; only words that start with a capital make a name.
fn party_names(rest: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in rest.split([',', ';']).flat_map(|p| p.split(" and ")) {
        let part = match part.find('(') {
            Some(i) => &part[..i],
            None => part,
        };
        let part = part.trim();
        let part = part
            .strip_prefix("the ")
            .or_else(|| part.strip_prefix("The "))
            .unwrap_or(part)
            .trim();
        let capitalised = part.chars().next().is_some_and(char::is_uppercase);
        if capitalised && part.split_whitespace().count() <= 12 && part.len() >= 3 {
            names.push(one_line(part));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str, quoted: &str) -> (LinkKind, LinkDirection) {
        let at = text.find(quoted).unwrap();
        let l = quoted_link(text, at, at + quoted.len(), quoted.to_string());
        (l.kind, l.direction)
    }

    #[test]
    fn the_nearest_words_before_a_reference_say_the_relation() {
        let t = "Associated with the Organization of Al-Qaida in the Islamic Maghreb (QDe.014) \
                 and led by Mokhtar Belmokhtar (QDi.136).";
        assert_eq!(kind_of(t, "QDe.014"), (Associate, Outgoing));
        assert_eq!(kind_of(t, "QDi.136"), (Leader, Incoming));
        assert_eq!(
            kind_of("Leader of Lashkar-e-Tayyiba (QDe.118).", "QDe.118"),
            (Leader, Outgoing)
        );
        assert_eq!(
            kind_of("Founder of Jaish-i-Mohammed (QDe.019).", "QDe.019"),
            (Leader, Outgoing)
        );
        assert_eq!(
            kind_of("The leader is Joseph Kony (CFi.009).", "CFi.009"),
            (Leader, Incoming)
        );
        assert_eq!(
            kind_of("Owned by Mohammed Qasim (TAi.165).", "TAi.165"),
            (Owner, Incoming)
        );
        assert_eq!(
            kind_of(
                "Its directors included Majeed Abdul Chaudhry (QDi.054).",
                "QDi.054"
            ),
            (Leader, Incoming)
        );
        assert_eq!(
            kind_of(
                "Changed name as Ministry of Atomic Energy Industry (KPe.027) in 2013.",
                "KPe.027"
            ),
            (Successor, Incoming)
        );
        assert_eq!(
            kind_of("Brother of Mohammad Ibrahim Omari (TAi.042).", "TAi.042"),
            (Family, Outgoing)
        );
        assert_eq!(
            kind_of(
                "Foreign terrorist fighter with ISIL, listed as Al-Qaida in Iraq (QDe.115).",
                "QDe.115"
            ),
            (Member, Outgoing)
        );
    }

    #[test]
    fn words_after_a_reference_count_when_none_come_before() {
        let t = "Haqqani Network (HQN) (TAe.012) leader in command of over 100 militants.";
        assert_eq!(kind_of(t, "TAe.012"), (Leader, Outgoing));
    }

    #[test]
    fn a_person_is_not_led_or_joined_like_a_group() {
        let t = "Deputy Commander of Ezatullah Haqqani Khan Sayyid (TAi.064) as at Mar. 2010.";
        assert_eq!(kind_of(t, "TAi.064"), (Associate, Outgoing));
        assert_eq!(
            kind_of(
                "Spokesperson for Mullah Mohammed Omar (TAi.004).",
                "TAi.004"
            ),
            (Associate, Outgoing)
        );
    }

    #[test]
    fn no_wording_is_a_mention() {
        let l = quoted_link("See QDe.004.", 4, 11, "QDe.004".into());
        assert_eq!((l.kind, l.relation.as_str()), (Unknown, "mentioned"));
    }

    #[test]
    fn the_source_is_the_sentence_not_the_remark() {
        let t = "Arrested in Jan. 2012 in Lahore. Associated with Al-Qaida\n(QDe.004). Deceased.";
        let at = t.find("QDe.004").unwrap();
        let l = quoted_link(t, at, at + 7, "QDe.004".into());
        assert_eq!(
            l.source_text.as_deref(),
            Some("Associated with Al-Qaida (QDe.004).")
        );
    }

    #[test]
    fn a_wide_space_before_a_full_stop_is_one_character() {
        let t = "Believed status: in custody in Libya\u{a0}. Passport number: B0515260 (QDi.001).";
        let at = t.find("QDi.001").unwrap();
        let l = quoted_link(t, at, at + 7, "QDi.001".into());
        assert!(l.source_text.unwrap().starts_with("Passport number"));
    }

    proptest::proptest! {
        /// Prose of any characters is read without a panic, and every link keeps a sentence.
        #[test]
        fn any_prose_is_read(text in "(\\PC|[ .;()A-Z]|QDe\\.118|UN Ref |Associated with ){0,60}") {
            for link in un_links_in(&text, &[]).into_iter().chain(named_links_in(&text)) {
                proptest::prop_assert!(link.source_text.is_some());
            }
            for (at, _) in text.match_indices("QDe.118") {
                let l = quoted_link(&text, at, at + 7, "QDe.118".into());
                proptest::prop_assert!(l.source_text.unwrap().contains("QDe.118"));
            }
        }
    }

    #[test]
    fn labels_read_the_same_way() {
        assert_eq!(classify_label("Owned or Controlled By"), (Owner, Incoming));
        assert_eq!(classify_label("Associate Of"), (Associate, Outgoing));
        assert_eq!(classify_label("Leader or official of"), (Leader, Outgoing));
        assert_eq!(
            classify_label("Acting for or on behalf of"),
            (Associate, Outgoing)
        );
        assert_eq!(classify_label("Family member of"), (Family, Outgoing));
    }

    #[test]
    fn un_references_in_other_lists_prose_except_the_own_one() {
        let t =
            "UN Ref QI.A.316.13. Joined al-Nusrah, listed as Al-Nusrah Front for the People of \
                 the Levant (QE.A.137.14). Leader of Ansar Eddine.";
        let links = un_links_in(t, &[]);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].reference, "QDe.137");
        assert_eq!(links[0].list.as_deref(), Some("un-sc"));
        assert_eq!(links[0].kind, Member);
        assert_eq!(
            links[0].source_text.as_deref(),
            Some("Joined al-Nusrah, listed as Al-Nusrah Front for the People of the Levant (QE.A.137.14).")
        );
    }

    #[test]
    fn named_parties_in_prose() {
        let t = "UN Ref QE.R.128.08. Founded and headed by Hilarion Del Rosario Santos III. \
                 Associated with the Abu Sayyaf Group and Jemaah Islamiyah, the International \
                 Islamic Relief Organization (Philippines branch).";
        let links = named_links_in(t);
        let names: Vec<_> = links
            .iter()
            .map(|l| (l.name.clone().unwrap(), l.kind, l.direction))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "Hilarion Del Rosario Santos III".to_string(),
                    Leader,
                    Incoming
                ),
                ("Abu Sayyaf Group".to_string(), Associate, Outgoing),
                ("Jemaah Islamiyah".to_string(), Associate, Outgoing),
                (
                    "International Islamic Relief Organization".to_string(),
                    Associate,
                    Outgoing
                ),
            ]
        );
    }
}
