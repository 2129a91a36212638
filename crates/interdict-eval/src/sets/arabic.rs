//! Arabic-script queries for listed people: the lists' own original-script names (to be
//! screened against the lists without them: `interdict eval --without-original-script`), and
//! Latin listed names rendered in Arabic script word by word from how Wikidata and the ANETAC
//! corpus write each word.

use super::{
    query_country, query_dob, sample, usable_names, Error, LabelledSet, Resources, SameTarget,
};
use crate::rng::Rng;
use interdict_model::{Entity, NameKind, Schema};
use std::collections::HashMap;

/// How Latin name words are written in Arabic script, with how often each spelling was seen.
#[derive(Debug, Default, Clone)]
pub struct ArabicSpellings {
    words: HashMap<String, Vec<(String, u32)>>,
}

/// The Arabic article, written joined to the word it belongs to.
const ARTICLE: &str = "ال";

/// Latin spellings of the article ("al-Rahman", "ar-Rashid", "ud-Din").
fn is_article(w: &str) -> bool {
    matches!(
        w,
        "al" | "el"
            | "ad"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "an"
            | "ud"
            | "ul"
            | "ur"
            | "us"
            | "un"
            | "ut"
            | "ush"
    )
}

/// Whether an Arabic spelling stands for only the first part of a Latin compound: token pairs
/// aligned by position give "Abdullah" the عبد of عبد الله, which nobody writes for the whole
/// name. The consonants of the Arabic spelling are then a strict beginning of the Latin's.
fn covers_part_only(latin: &str, native: &str) -> bool {
    let consonants = |s: &str| {
        let joined: String = interdict_names::tokenize(s)
            .into_iter()
            .map(|t| t.text)
            .collect();
        interdict_names::skeleton(&interdict_names::fold(&joined))
    };
    let (l, n) = (consonants(latin), consonants(native));
    l.len() > n.len() && l.starts_with(&n)
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

impl ArabicSpellings {
    /// Reads the Wikidata token pairs (Latin token, Arabic letters, count) and the ANETAC
    /// English–Arabic person names.
    pub fn load(res: &Resources) -> Result<Self, Error> {
        let mut s = ArabicSpellings::default();
        let wd = "names/transliteration_wikidata_coling2018/wd_arabic.normalized.aligned.tokens";
        for (i, line) in res.text(wd)?.lines().enumerate() {
            let mut f = line.split('\t');
            let (Some(latin), Some(native), count) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let count = count.and_then(|c| c.trim().parse().ok()).unwrap_or(1);
            let native: String = native.split(' ').collect();
            if latin.is_empty() || !is_arabic(&native) {
                if i == 0 && !line.contains('\t') {
                    return Err(Error::Malformed {
                        path: wd.into(),
                        line: 1,
                        message: "expected 'latin<TAB>letters<TAB>count'".into(),
                    });
                }
                continue;
            }
            s.add(latin, &native, count);
        }
        let anetac = "names/transliteration_anetac_en_ar/EN-AR_Named-entities.txt";
        for line in res.text(anetac)?.lines() {
            let mut f = line.split(' ');
            if let (Some("PERSON"), Some(latin), Some(native)) = (f.next(), f.next(), f.next()) {
                // Tatweel is decoration, not a letter.
                let native: String = native.chars().filter(|&c| c != '\u{0640}').collect();
                if is_arabic(&native) {
                    s.add(latin, &native, 1);
                }
            }
        }
        Ok(s)
    }

    fn add(&mut self, latin: &str, native: &str, count: u32) {
        if covers_part_only(latin, native) {
            return;
        }
        let entry = self.words.entry(latin.to_lowercase()).or_default();
        match entry.iter_mut().find(|(n, _)| n == native) {
            Some((_, c)) => *c += count,
            None => entry.push((native.to_string(), count)),
        }
    }

    /// How many Latin words have a spelling.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// One Arabic spelling of a Latin word, chosen in proportion to how often it was seen.
    pub fn word(&self, latin: &str, rng: &mut Rng) -> Option<&str> {
        let options = self.words.get(&latin.to_lowercase())?;
        let total: u32 = options.iter().map(|(_, c)| c).sum();
        let mut pick = rng.below(total as usize) as u32;
        for (n, c) in options {
            if pick < *c {
                return Some(n);
            }
            pick -= c;
        }
        options.first().map(|(n, _)| n.as_str())
    }

    /// A Latin name in Arabic script, or `None` when a word has no known spelling. Articles
    /// ("al-", "ud-") are joined to the next word as Arabic writes them.
    pub fn name(&self, latin: &str, rng: &mut Rng) -> Option<String> {
        let words: Vec<String> = latin
            .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut out: Vec<String> = Vec::new();
        let mut article = false;
        for w in &words {
            if is_article(w) {
                article = true;
                continue;
            }
            // "Abdul", "Abdur": 'abd' and the article, written as two words.
            let (stem, with_article) =
                match w.strip_prefix("abdu").or_else(|| w.strip_prefix("abde")) {
                    Some(rest) if is_article(&format!("u{rest}")) || rest == "l" => ("abd", true),
                    _ => (w.as_str(), false),
                };
            let spelled = self.word(stem, rng)?.to_string();
            let spelled = if article && !spelled.starts_with(ARTICLE) {
                format!("{ARTICLE}{spelled}")
            } else {
                spelled
            };
            out.push(spelled);
            article = with_article;
        }
        if article || out.is_empty() {
            return None;
        }
        Some(out.join(" "))
    }
}

/// Arabic-script queries for listed people (names only, and with date of birth and nationality):
/// the UN list's own original-script names, and up to `per_list` Latin names of each list
/// rendered in Arabic script.
pub fn arabic_script(
    lists: &[Vec<Entity>],
    targets: &SameTarget,
    spellings: &ArabicSpellings,
    per_list: usize,
    seed: u64,
) -> LabelledSet {
    let mut set = LabelledSet::new(
        "arabic_script",
        &[
            "full_name",
            "schema",
            "date_of_birth",
            "nationality",
            "expected_ref",
            "variant",
            "listed_name",
        ],
    );
    for (li, entities) in lists.iter().enumerate() {
        for (i, e) in entities.iter().enumerate() {
            let mut rng = Rng::derive(seed, "arabic-original", (li * 1_000_000 + i) as u64);
            let listed = e.caption.as_str();
            for n in e
                .names
                .iter()
                .filter(|n| n.kind == NameKind::OriginalScript && is_arabic(&n.full))
            {
                set.push(&[
                    ("full_name", &n.full),
                    ("schema", e.schema.as_str()),
                    ("expected_ref", &targets.expected(e)),
                    ("variant", "list-original-script"),
                    ("listed_name", listed),
                ]);
                if e.schema == Schema::Person {
                    set.push(&[
                        ("full_name", &n.full),
                        ("schema", "Person"),
                        ("date_of_birth", &query_dob(e, &mut rng).unwrap_or_default()),
                        ("nationality", &query_country(e).unwrap_or_default()),
                        ("expected_ref", &targets.expected(e)),
                        ("variant", "list-original-script-with-dob"),
                        ("listed_name", listed),
                    ]);
                }
            }
        }
        let people: Vec<&Entity> = entities
            .iter()
            .filter(|e| e.schema == Schema::Person && !usable_names(e, 2).is_empty())
            .collect();
        let mut rng = Rng::derive(seed, "arabic-sample", li as u64);
        let mut made = 0;
        for (i, e) in sample(&people, people.len(), &mut rng)
            .into_iter()
            .enumerate()
        {
            if made == per_list {
                break;
            }
            let mut rng = Rng::derive(seed, "arabic-corpus", (li * 1_000_000 + i) as u64);
            let names = usable_names(e, 2);
            let latin = names[0];
            if let Some(q) = spellings.name(latin, &mut rng) {
                set.push(&[
                    ("full_name", &q),
                    ("schema", "Person"),
                    ("expected_ref", &targets.expected(e)),
                    ("variant", "corpus-transliteration"),
                    ("listed_name", latin),
                ]);
                made += 1;
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_part_of_a_compound_are_left_out() {
        assert!(covers_part_only("abdullah", "عبد"));
        assert!(covers_part_only("nurullah", "نور"));
        assert!(!covers_part_only("abdulqader", "عبدالقادر"));
        assert!(!covers_part_only("muhammad", "محمد"));
        assert!(!covers_part_only("hamad", "حمد"));
    }

    fn spellings() -> ArabicSpellings {
        let mut s = ArabicSpellings::default();
        s.add("mohammed", "محمد", 5);
        s.add("abd", "عبد", 3);
        s.add("rahman", "رحمن", 2);
        s.add("saeed", "سعيد", 1);
        s
    }

    #[test]
    fn names_word_by_word_with_articles_joined() {
        let s = spellings();
        let mut rng = Rng::new(1);
        assert_eq!(
            s.name("Mohammed Saeed", &mut rng).as_deref(),
            Some("محمد سعيد")
        );
        assert_eq!(
            s.name("Abd al-Rahman", &mut rng).as_deref(),
            Some("عبد الرحمن")
        );
        assert_eq!(
            s.name("Abdul Rahman", &mut rng).as_deref(),
            Some("عبد الرحمن")
        );
        assert_eq!(s.name("Abdurrahman Saeed", &mut rng), None, "unknown word");
        assert_eq!(s.name("Mohammed Smith", &mut rng), None);
    }
}
