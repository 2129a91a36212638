//! The free-text rules: what a stretch of text must show to count as a mention when no date
//! of birth or nationality comes with it. Each rule is a function of its own.

use super::*;
use crate::align::{AlignedPair, Alignment};
use crate::index::IndexedName;
use crate::prepare::NameToken;
use crate::score::NameScore;

/// Least total weight of the name words a person's mention pairs (two rare names, or three
/// common ones).
pub(super) const PERSON_WEIGHT: f32 = 1.4;

/// Least weight of each word of a person's name found by two words.
pub(super) const PERSON_WORD_WEIGHT_OF_TWO: f32 = 0.5;

/// Least total weight of a person's name found by two words (one rare word, or two fairly
/// rare ones: not "Mustafa Mohammed").
pub(super) const PERSON_WEIGHT_OF_TWO: f32 = 1.62;

/// Least weight of the one word of an organisation's name found without its other words.
pub(super) const ONE_WORD_WEIGHT: f32 = 0.9;

/// Least similarity of each word pair of an alias of an honorific and one name word (the
/// same word or a known spelling of it).
const AS_LISTED: f32 = 0.97;
/// Least weight of the name word of such an alias: above the commonest names on the lists
/// (Muhammad, Ali), below names common but telling (Saeed).
const HONORIFIC_WORD_WEIGHT: f32 = 0.72;
/// Least weight of the paired words of an organisation's name written without any of its
/// generic words or legal forms.
pub(super) const ORG_WEIGHT_WITHOUT_GENERIC: f32 = 1.2;

/// [`PERSON_WEIGHT`] for a listed name of three or more words written in full.
pub(super) const PERSON_WEIGHT_IN_FULL: f32 = 1.0;

/// "Servant of": the first word of a compound given name (Abdul Rahman, Abd al-Aziz).
pub(super) const SERVANT_OF: &[&str] = &[
    "abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdur", "abdus", "abdi",
];

/// Words joining two names in running text, never part of a person's name.
pub(super) const JOINING_WORDS: &[&str] = &["and", "or", "und", "et", "ou", "oder"];

/// Whether `text[start..end]` has a capitalised word right before or after it (other than the
/// commonest words), making it part of a longer proper name.
pub(super) fn in_longer_proper_name(text: &str, start: usize, end: usize) -> bool {
    let proper = |w: &str| {
        w.starts_with(char::is_uppercase)
            && !STOP_WORDS.contains(&w.to_lowercase().as_str())
            && !EDGE_WORDS.contains(&w.to_lowercase().as_str())
    };
    let before = text[..start].trim_end_matches([' ', '\t', '\u{a0}']);
    let before_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| !w.is_empty() && before.len() < start);
    let after = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
    let after_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| !w.is_empty() && after.len() < text.len() - end);
    before_word.is_some_and(proper) || after_word.is_some_and(proper)
}

/// Whether `text` is the name of a country or territory ("Hong Kong", "Korea").
pub(super) fn names_a_country(text: &str) -> bool {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    CountryCode::resolve(&text).is_some_and(|c| fold(c.name()) == fold(&text))
}

/// Whether a listed organisation name has generic words or legal forms ("Electronics",
/// "Bank", "Ltd") and the text pairs none of them.
pub(super) fn without_its_generic_words(
    al: &crate::align::Alignment,
    listed: &[crate::prepare::NameToken],
) -> bool {
    let generic = |t: &crate::prepare::NameToken| {
        matches!(t.class, TokenClass::Generic | TokenClass::LegalForm)
    };
    let mut has = false;
    for (i, _) in listed.iter().enumerate().filter(|(_, t)| generic(t)) {
        has = true;
        if i < 32 && al.c_matched & (1 << i) != 0 {
            return false;
        }
    }
    has
}

/// A stretch of running text read as one listed name, with what the rules judge it by.
pub(super) struct Reading<'t, 'a> {
    /// The text the stretch is in.
    pub(super) text: &'t str,
    /// The stretch: from the first to the last word that pairs with the listed name.
    pub(super) start: usize,
    /// End of the stretch (exclusive).
    pub(super) end: usize,
    /// The stretch prepared as a query.
    pub(super) q: PreparedName,
    /// Its alignment with the listed name.
    pub(super) al: Alignment,
    /// Its name score.
    pub(super) ns: NameScore,
    /// The listed name.
    pub(super) name: &'a IndexedName,
    /// The listed entity's schema.
    pub(super) schema: Schema,
    /// Whether the listed name counts only written in full (generic words only).
    pub(super) whole: bool,
    /// Whether the listed name is a person's honorific and one name word ("Hafiz Saeed").
    pub(super) honorific: bool,
    /// Position of the acronym the listed name carries in brackets (255 if none).
    pub(super) bracketed: usize,
    /// Whether the document has capitals at all.
    pub(super) cased: bool,
    /// The least score reported.
    pub(super) min_score: f32,
}

impl Reading<'_, '_> {
    /// The stretch as written.
    pub(super) fn written(&self) -> &str {
        &self.text[self.start..self.end]
    }

    /// Whether a pair covers a name word of the text (not only particles or titles).
    fn pairs_a_word(&self, p: &AlignedPair) -> bool {
        (p.q.start..p.q.start + p.q.len).any(|t| is_trigger(self.q.tokens[t as usize].class))
    }

    /// The weight a pair counts for: the lower of its two sides' name-word weights (the
    /// listed word's says how common it is on the lists, the text word's how common its
    /// spelling is).
    fn pair_weight(&self, p: &AlignedPair) -> f32 {
        let side = |tokens: &[NameToken], start: u8, len: u8| -> f32 {
            tokens[start as usize..(start + len) as usize]
                .iter()
                .filter(|t| is_trigger(t.class))
                .map(|t| t.weight)
                .sum()
        };
        side(&self.q.tokens, p.q.start, p.q.len).min(side(&self.name.tokens, p.c.start, p.c.len))
    }

    /// The weight of all pairs.
    fn paired_weight(&self) -> f32 {
        self.al.pairs.iter().map(|p| self.pair_weight(p)).sum()
    }

    /// Pairs that cover a name word.
    fn words_paired(&self) -> usize {
        self.al
            .pairs
            .iter()
            .filter(|p| self.pairs_a_word(p))
            .count()
    }

    /// Name words of the listed name.
    fn listed_words(&self) -> usize {
        self.name
            .tokens
            .iter()
            .filter(|t| is_trigger(t.class))
            .count()
    }
}

/// Whether a reading is a mention: it reads as the listed name, its words pair closely, and
/// the rule for its kind of name holds.
pub(super) fn holds(r: &Reading) -> bool {
    if !reads_as_the_name(r) || !pairs_closely(r) {
        return false;
    }
    if r.honorific {
        return honorific_name_as_listed(r);
    }
    if r.schema == Schema::Person && !person_says_enough(r) {
        return false;
    }
    if r.whole {
        return generic_name_in_full(r);
    }
    if r.listed_words() <= 1 {
        return one_word_name_holds(r);
    }
    r.words_paired() > 0 && !organisation_without_what_it_is(r)
}

/// The stretch scores as the listed name and has enough of it. Names in running text are
/// written with capitals (or in a script without them), so a stretch of lower-case words
/// needs a near-complete match.
pub(super) fn reads_as_the_name(r: &Reading) -> bool {
    let written = r.written();
    let proper =
        r.q.tokens
            .iter()
            .any(|t| t.transliterated || written[t.span.clone()].starts_with(char::is_uppercase));
    let (least_score, least_cover) = if proper {
        (r.min_score, 0.75)
    } else {
        (0.9, 0.9)
    };
    r.ns.score >= r.min_score.max(least_score) && r.al.cov_c >= least_cover
}

/// Free text is edited: its words pair closely with the listed ones, or not at all
/// (particles aside).
pub(super) fn pairs_closely(r: &Reading) -> bool {
    !r.al
        .pairs
        .iter()
        .any(|p| p.score < PAIR_SIMILARITY && r.pairs_a_word(p))
}

/// The name parts of the text that pair (white space separates parts: "Abdel-Rahman" is one
/// given name; "Abdul Rehman" and "Abd al-Aziz" are one too, a servant-of word joining the word
/// after it).
pub(super) fn name_parts(r: &Reading) -> usize {
    name_parts_of(r, false)
}

/// [`name_parts`], counting honorifics as parts too when `honorifics` is set.
fn name_parts_of(r: &Reading, honorifics: bool) -> usize {
    let written = r.written();
    let part_of = |t: &NameToken| {
        let upto: Vec<char> = written[..t.span.start].chars().collect();
        upto.windows(2)
            .filter(|w| w[0].is_whitespace() && !w[1].is_whitespace())
            .count()
            + usize::from(upto.last().is_some_and(|c| c.is_whitespace()))
    };
    let mut paired: Vec<usize> =
        r.al.pairs
            .iter()
            .flat_map(|p| p.q.start..p.q.start + p.q.len)
            .map(usize::from)
            .filter(|&t| {
                let class = r.q.tokens[t].class;
                is_trigger(class) || (honorifics && class == TokenClass::Honorific)
            })
            .collect();
    paired.sort_unstable();
    let mut parts: Vec<usize> = Vec::new();
    for (k, &t) in paired.iter().enumerate() {
        let joined_to_next =
            SERVANT_OF.contains(&r.q.tokens[t].text.as_str()) && paired.get(k + 1).is_some();
        if !joined_to_next {
            parts.push(part_of(&r.q.tokens[t]));
        }
    }
    parts.sort_unstable();
    parts.dedup();
    parts.len()
}

/// Free text carries no date of birth to tell namesakes apart: a person's name must say
/// enough on its own. Two name parts at least; paired words of enough weight (less for a
/// listed name of three or more words written in full, "Hafiz Mohammed Saeed"); two words
/// each less common than the commonest ("Mustafa Mohammed", "Ali Hossain" name thousands of
/// people); and not across "and" ("Muhammad Saeed and Ahmed Ali" are two people).
pub(super) fn person_says_enough(r: &Reading) -> bool {
    let every_word = r
        .name
        .tokens
        .iter()
        .enumerate()
        .all(|(i, t)| !is_trigger(t.class) || (i < 32 && r.al.c_matched & (1 << i) != 0));
    let in_full = every_word && r.al.pairs.len() >= 3;
    let least_weight = if in_full {
        PERSON_WEIGHT_IN_FULL
    } else {
        PERSON_WEIGHT
    };
    let joined =
        r.q.tokens
            .iter()
            .any(|t| JOINING_WORDS.contains(&t.text.as_str()));
    let weakest =
        r.al.pairs
            .iter()
            .filter(|p| r.pairs_a_word(p))
            .map(|p| r.pair_weight(p))
            .fold(f32::INFINITY, f32::min);
    let paired_weight = r.paired_weight();
    let common_pair = r.words_paired() == 2
        && !in_full
        && (weakest < PERSON_WORD_WEIGHT_OF_TWO || paired_weight < PERSON_WEIGHT_OF_TWO);
    name_parts(r) >= 2 && paired_weight >= least_weight && !joined && !common_pair
}

/// A person's alias of an honorific and one name word ("Hafiz Saeed" for QDi.263) counts
/// written as listed, capitalised, the honorific first, when its name word is not among the
/// commonest on the lists ("Hafiz Muhammad", also a listed alias, names thousands of people).
pub(super) fn honorific_name_as_listed(r: &Reading) -> bool {
    let [first, second] = r.al.pairs.as_slice() else {
        return false;
    };
    let honorific = |p: &AlignedPair| r.q.tokens[p.q.start as usize].class == TokenClass::Honorific;
    let written = r.written();
    honorific(first)
        && !honorific(second)
        && first.c.start < second.c.start
        && first.score >= AS_LISTED
        && second.score >= AS_LISTED
        && written.starts_with(char::is_uppercase)
        && name_parts_of(r, true) == 2
        && r.pair_weight(second) >= HONORIFIC_WORD_WEIGHT
}

/// A name of generic words only ("Global Relief Foundation") counts written in full, in the
/// listed order, with capitals; the acronym it carries in brackets is not required.
pub(super) fn generic_name_in_full(r: &Reading) -> bool {
    let capitalised = r.written().starts_with(char::is_uppercase);
    let mut paired = vec![false; r.name.tokens.len()];
    for p in &r.al.pairs {
        for c in p.c.start..p.c.start + p.c.len {
            paired[c as usize] = true;
        }
    }
    let in_full = r
        .name
        .tokens
        .iter()
        .zip(&paired)
        .enumerate()
        .all(|(pos, (t, &p))| p || !is_content(t.class) || pos == r.bracketed);
    let mut order: Vec<(u8, u8)> = r.al.pairs.iter().map(|p| (p.q.start, p.c.start)).collect();
    order.sort_unstable();
    let in_order = order.windows(2).all(|w| w[0].1 < w[1].1);
    in_full && in_order && r.al.pairs.len() >= 2 && (!r.cased || capitalised)
}

/// A one-word name counts for an organisation only: its word (not a particle before it,
/// "al-Qaida") capitalised, at least five letters, written as listed, not an everyday word;
/// found without the listed name's other words, it must be rare on the lists and not part of a
/// longer proper name ("Mirza" for MIRZA COMPANY, "Mirza Baig").
pub(super) fn one_word_name_holds(r: &Reading) -> bool {
    let Some(tok) = r.q.tokens.iter().find(|t| is_trigger(t.class)) else {
        return false;
    };
    let capitalised = r.text[r.start + tok.span.start..].starts_with(char::is_uppercase);
    let best = r.al.pairs.iter().map(|p| p.score).fold(0.0, f32::max);
    if !r.schema.is_organization()
        || !capitalised
        || tok.text.len() < 5
        || best < 0.97
        || EVERYDAY.contains(&tok.folded.as_str())
    {
        return false;
    }
    r.al.cov_c >= 0.99
        || (r.paired_weight() >= ONE_WORD_WEIGHT && !in_longer_proper_name(r.text, r.start, r.end))
}

/// "Hong Kong" for HONG KONG ELECTRONICS: the distinctive words of a company's name are often
/// a place or a family name; written without the word that says what it is, they must be rare
/// on the lists and not a country's name.
pub(super) fn organisation_without_what_it_is(r: &Reading) -> bool {
    r.schema.is_organization()
        && without_its_generic_words(&r.al, &r.name.tokens)
        && (r.paired_weight() < ORG_WEIGHT_WITHOUT_GENERIC || names_a_country(r.written()))
}

#[cfg(test)]
mod tests {
    use crate::scan::tests::*;
    use crate::test_support::entity;

    #[test]
    fn organisations_of_generic_words_count_in_full_only() {
        let listed = [
            ("GLOBAL RELIEF FOUNDATION, INC.", ORG),
            ("RAMOR GROUP", ORG),
        ];
        assert_eq!(
            check(
                &listed,
                "Funds went to Global Relief Foundation; a global relief effort began.\n"
            ),
            ["Global Relief Foundation"]
        );
        assert_eq!(
            check(&listed, "The Ramor Group said no. The Group agreed.\n"),
            ["Ramor Group"]
        );
        assert!(check(&listed, "The Global Foundation and Relief International.\n").is_empty());
    }

    #[test]
    fn a_one_word_name_alone_must_be_rare_and_not_part_of_a_longer_name() {
        let listed = [
            ("MIRZA COMPANY", ORG),
            ("Mirza Aslam Beg", PERSON),
            ("Mirza Tahir Hussain", PERSON),
            ("Mirza Yusuf Khan", PERSON),
            ("HEZBOLLAH", ORG),
        ];
        assert!(check(&listed, "We met Mirza yesterday.\n").is_empty());
        assert!(check(&listed, "Mirza Baig wrote back.\n").is_empty());
        assert_eq!(
            check(&listed, "Payments to Mirza Company stopped.\n"),
            ["Mirza Company"]
        );
        assert_eq!(
            check(&listed, "Money reached Hezbollah in May.\n"),
            ["Hezbollah"]
        );
    }

    #[test]
    fn people_need_two_parts_and_do_not_run_across_and() {
        let listed = [
            ("Abdel Rahman", PERSON),
            ("Saeed Ahmed Ali Muhammad", PERSON),
            ("Zaki ur Rehman Lakhvi", PERSON),
        ];
        assert!(check(&listed, "He met Abdel-Rahman at the station.\n").is_empty());
        assert!(check(&listed, "He met Muhammad Saeed and Ahmed Ali there.\n").is_empty());
        assert_eq!(
            check(&listed, "He met Zaki-ur-Rehman Lakhvi there.\n"),
            ["Zaki-ur-Rehman Lakhvi"]
        );
    }

    #[test]
    fn an_honorific_and_one_telling_word_written_as_listed() {
        // Muhammad names a good share of the people on the lists; Saeed far fewer.
        let mut listed = vec![entity(
            "QDi.263",
            PERSON,
            &["HAFIZ MUHAMMAD SAEED", "Hafiz Saeed", "Hafiz Muhammad"],
        )];
        let others = [
            "Karim", "Tahir", "Yusuf", "Bashir", "Omar", "Nasir", "Rafiq",
        ];
        for (i, w) in others.iter().enumerate() {
            for (j, v) in others.iter().enumerate() {
                let name = format!("Muhammad {w} {v}");
                listed.push(entity(&format!("X{i}{j}"), PERSON, &[name.as_str()]));
            }
        }
        let saeed = found(listed.clone(), "The cleric Hafiz Saeed spoke in Lahore.");
        assert_eq!(saeed, vec![("QDi.263".into(), "Hafiz Saeed".into())]);
        assert!(found(listed.clone(), "The teacher Hafiz Muhammad spoke.").is_empty());
        // Written otherwise than listed, or in lower case, it is not the alias.
        assert!(found(listed.clone(), "Saeed Hafiz spoke.").is_empty());
        assert!(found(listed, "the hafiz saeed spoke.").is_empty());
    }

    #[test]
    fn a_place_is_not_the_company_named_after_it() {
        let listed = || vec![entity("KPe.005", ORG, &["HONG KONG ELECTRONICS"])];
        assert!(found(listed(), "Front companies in Hong Kong and Malaysia paid.").is_empty());
        assert_eq!(
            found(listed(), "It paid Hong Kong Electronics in cash."),
            vec![("KPe.005".into(), "Hong Kong Electronics".into())]
        );
    }
}
