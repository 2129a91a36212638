//! Names in other scripts against their Latin forms and the other way round: Wikidata person
//! names (Cyrillic, Arabic, Han, Hangul, Hebrew), common names by country with their
//! romanisations (Greek, Cyrillic, Georgian, Armenian, Han, Hangul, Devanagari, Bengali, ...),
//! Japanese names written in kana from their romanisation, and a small hand-written set of
//! Devanagari names.
//!
//! The set comes with its own list (FollowTheMoney JSON lines): for each pair, either the Latin
//! form is listed and the native form screened, or the native form listed and the Latin form
//! screened; a fifth of the pairs are not listed at all and must not match.

use super::{Error, LabelledSet, Resources};
use crate::rng::Rng;
use std::collections::HashSet;

/// A name in some script and in Latin letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The script of `native` ("Cyrillic", "Han", ...).
    pub script: &'static str,
    /// Latin form.
    pub latin: String,
    /// Native-script form.
    pub native: String,
}

/// The script a name is written in, by its first letter outside Latin.
pub fn script_of(s: &str) -> Option<&'static str> {
    s.chars().find_map(|c| {
        let u = c as u32;
        Some(match u {
            0x0370..=0x03FF => "Greek",
            0x0400..=0x04FF => "Cyrillic",
            0x0530..=0x058F => "Armenian",
            0x0590..=0x05FF => "Hebrew",
            0x0600..=0x06FF => "Arabic",
            0x0900..=0x097F => "Devanagari",
            0x0980..=0x09FF => "Bengali",
            0x0E00..=0x0E7F => "Thai",
            0x10A0..=0x10FF => "Georgian",
            0x3040..=0x30FF => "Kana",
            0xAC00..=0xD7AF | 0x1100..=0x11FF => "Hangul",
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => "Han",
            _ => return None,
        })
    })
}

/// Full-name pairs from a Wikidata file of `English<TAB>native` lines.
pub fn wikidata_full_names(res: &Resources, file: &str) -> Result<Vec<Pair>, Error> {
    let path = format!("names/transliteration_wikidata_coling2018/{file}");
    let mut out = Vec::new();
    for line in res.text(&path)?.lines() {
        let Some((latin, native)) = line.split_once('\t') else {
            continue;
        };
        let (latin, native) = (latin.trim(), native.trim());
        if let Some(script) = script_of(native) {
            if latin.split_whitespace().count() >= 2 && super::is_latin(latin) {
                out.push(Pair {
                    script,
                    latin: latin.to_string(),
                    native: native.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// Two-word names made of random Wikidata name tokens (`latin<TAB>l e t t e r s<TAB>count`),
/// joined in the native script with `joiner` (a space, or "·" for Chinese).
pub fn wikidata_token_names(
    res: &Resources,
    files: &[&str],
    joiner: &str,
    n: usize,
    seed: u64,
) -> Result<Vec<Pair>, Error> {
    let mut tokens: Vec<(String, String)> = Vec::new();
    for file in files {
        let path = format!("names/transliteration_wikidata_coling2018/{file}");
        for line in res.text(&path)?.lines() {
            let mut f = line.split('\t');
            if let (Some(latin), Some(native)) = (f.next(), f.next()) {
                let native: String = native.split(' ').collect();
                if latin.len() >= 3 && script_of(&native).is_some() {
                    tokens.push((latin.to_string(), native));
                }
            }
        }
    }
    let mut rng = Rng::derive(seed, "wikidata-tokens", files.len() as u64);
    let mut out = Vec::new();
    for _ in 0..n.min(tokens.len() / 2) {
        let a = rng.pick(&tokens).clone();
        let b = rng.pick(&tokens).clone();
        let cap = |s: &str| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        out.push(Pair {
            script: script_of(&a.1).unwrap_or("Other"),
            latin: format!("{} {}", cap(&a.0), cap(&b.0)),
            native: format!("{}{joiner}{}", a.1, b.1),
        });
    }
    Ok(out)
}

/// Countries whose names put the family name first.
fn family_first(country: &str) -> bool {
    matches!(country, "CN" | "TW" | "JP" | "KR" | "HU" | "VN" | "KH")
}

/// Given name + family name pairs from the common names by country, where the localised form
/// is in another script. Japanese names are left out (their kanji are read in Japanese, which
/// no transliteration table knows); [`kana_names`] covers Japanese.
pub fn common_names(res: &Resources, seed: u64) -> Result<Vec<Pair>, Error> {
    let forenames = res.text("names/common_names_by_country/common-forenames-by-country.csv")?;
    let surnames = res.text("names/common_names_by_country/common-surnames-by-country.csv")?;
    let read = |text: &str, country: usize, local: usize, roman: usize| {
        let mut out: Vec<(String, String, String)> = Vec::new();
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in r.records().flatten() {
            let (Some(c), Some(l), Some(ro)) = (rec.get(country), rec.get(local), rec.get(roman))
            else {
                continue;
            };
            if !l.trim().is_empty() && !ro.trim().is_empty() && script_of(l).is_some() {
                out.push((c.to_string(), l.trim().to_string(), ro.trim().to_string()));
            }
        }
        out
    };
    let given = read(&forenames, 0, 10, 11);
    let family = read(&surnames, 0, 4, 5);
    let mut rng = Rng::derive(seed, "common-names", 0);
    let mut out = Vec::new();
    let countries: HashSet<&str> = given.iter().map(|g| g.0.as_str()).collect();
    let mut countries: Vec<&str> = countries.into_iter().filter(|c| *c != "JP").collect();
    countries.sort_unstable();
    for country in countries {
        let g: Vec<_> = given.iter().filter(|x| x.0 == country).collect();
        let f: Vec<_> = family.iter().filter(|x| x.0 == country).collect();
        if f.is_empty() {
            continue;
        }
        for _ in 0..(g.len() * 3).min(60) {
            let (a, b) = (rng.pick(&g), rng.pick(&f));
            if script_of(&a.1) != script_of(&b.1) {
                continue;
            }
            let script = script_of(&a.1).unwrap_or("Other");
            let (latin, native) = if family_first(country) {
                let sep = if matches!(script, "Han" | "Hangul") {
                    ""
                } else {
                    " "
                };
                (format!("{} {}", b.2, a.2), format!("{}{sep}{}", b.1, a.1))
            } else {
                (format!("{} {}", a.2, b.2), format!("{} {}", a.1, b.1))
            };
            out.push(Pair {
                script,
                latin,
                native,
            });
        }
    }
    Ok(out)
}

/// Japanese names (romanised family + given names from the common names) written in katakana.
pub fn kana_names(res: &Resources, seed: u64) -> Result<Vec<Pair>, Error> {
    let forenames = res.text("names/common_names_by_country/common-forenames-by-country.csv")?;
    let surnames = res.text("names/common_names_by_country/common-surnames-by-country.csv")?;
    let roman = |text: &str, col: usize| -> Vec<String> {
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        r.records()
            .flatten()
            .filter(|rec| rec.get(0) == Some("JP"))
            .filter_map(|rec| rec.get(col).map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty() && to_katakana(s).is_some())
            .collect()
    };
    let given = roman(&forenames, 11);
    let family = roman(&surnames, 5);
    let mut rng = Rng::derive(seed, "kana", 0);
    let mut out = Vec::new();
    if given.is_empty() || family.is_empty() {
        return Ok(out);
    }
    for _ in 0..150 {
        let (g, f) = (rng.pick(&given), rng.pick(&family));
        if let (Some(kg), Some(kf)) = (to_katakana(g), to_katakana(f)) {
            out.push(Pair {
                script: "Kana",
                latin: format!("{f} {g}"),
                native: format!("{kf}・{kg}"),
            });
        }
    }
    Ok(out)
}

/// Katakana for a Hepburn romanisation ("Satō" → サトー), or `None` when it is not one.
pub fn to_katakana(romaji: &str) -> Option<String> {
    const TABLE: &[(&str, &str)] = &[
        ("kya", "キャ"),
        ("kyu", "キュ"),
        ("kyo", "キョ"),
        ("sha", "シャ"),
        ("shu", "シュ"),
        ("sho", "ショ"),
        ("cha", "チャ"),
        ("chu", "チュ"),
        ("cho", "チョ"),
        ("nya", "ニャ"),
        ("nyu", "ニュ"),
        ("nyo", "ニョ"),
        ("hya", "ヒャ"),
        ("hyu", "ヒュ"),
        ("hyo", "ヒョ"),
        ("mya", "ミャ"),
        ("myu", "ミュ"),
        ("myo", "ミョ"),
        ("rya", "リャ"),
        ("ryu", "リュ"),
        ("ryo", "リョ"),
        ("gya", "ギャ"),
        ("gyu", "ギュ"),
        ("gyo", "ギョ"),
        ("bya", "ビャ"),
        ("byu", "ビュ"),
        ("byo", "ビョ"),
        ("pya", "ピャ"),
        ("pyu", "ピュ"),
        ("pyo", "ピョ"),
        ("ja", "ジャ"),
        ("ju", "ジュ"),
        ("jo", "ジョ"),
        ("shi", "シ"),
        ("chi", "チ"),
        ("tsu", "ツ"),
        ("ka", "カ"),
        ("ki", "キ"),
        ("ku", "ク"),
        ("ke", "ケ"),
        ("ko", "コ"),
        ("sa", "サ"),
        ("su", "ス"),
        ("se", "セ"),
        ("so", "ソ"),
        ("ta", "タ"),
        ("te", "テ"),
        ("to", "ト"),
        ("na", "ナ"),
        ("ni", "ニ"),
        ("nu", "ヌ"),
        ("ne", "ネ"),
        ("no", "ノ"),
        ("ha", "ハ"),
        ("hi", "ヒ"),
        ("fu", "フ"),
        ("he", "ヘ"),
        ("ho", "ホ"),
        ("ma", "マ"),
        ("mi", "ミ"),
        ("mu", "ム"),
        ("me", "メ"),
        ("mo", "モ"),
        ("ya", "ヤ"),
        ("yu", "ユ"),
        ("yo", "ヨ"),
        ("ra", "ラ"),
        ("ri", "リ"),
        ("ru", "ル"),
        ("re", "レ"),
        ("ro", "ロ"),
        ("wa", "ワ"),
        ("wo", "ヲ"),
        ("ga", "ガ"),
        ("gi", "ギ"),
        ("gu", "グ"),
        ("ge", "ゲ"),
        ("go", "ゴ"),
        ("za", "ザ"),
        ("ji", "ジ"),
        ("zu", "ズ"),
        ("ze", "ゼ"),
        ("zo", "ゾ"),
        ("da", "ダ"),
        ("de", "デ"),
        ("do", "ド"),
        ("ba", "バ"),
        ("bi", "ビ"),
        ("bu", "ブ"),
        ("be", "ベ"),
        ("bo", "ボ"),
        ("pa", "パ"),
        ("pi", "ピ"),
        ("pu", "プ"),
        ("pe", "ペ"),
        ("po", "ポ"),
        ("a", "ア"),
        ("i", "イ"),
        ("u", "ウ"),
        ("e", "エ"),
        ("o", "オ"),
    ];
    let mut s = String::new();
    for c in romaji.chars() {
        match c {
            'ō' | 'Ō' => s.push_str("oo"),
            'ū' | 'Ū' => s.push_str("uu"),
            'ā' | 'Ā' => s.push_str("aa"),
            '-' | '\'' => {}
            c if c.is_ascii_alphabetic() => s.push(c.to_ascii_lowercase()),
            _ => return None,
        }
    }
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut last_vowel: Option<u8> = None;
    while i < b.len() {
        let rest = &s[i..];
        // A long vowel: the same vowel again (and "ou") is a lengthening mark.
        if let Some(v) = last_vowel {
            if (b[i] == v && matches!(v, b'a' | b'o' | b'u')) || (v == b'o' && b[i] == b'u') {
                out.push('ー');
                last_vowel = None;
                i += 1;
                continue;
            }
        }
        if b[i] == b'n' && (i + 1 == b.len() || !b"aiueoy".contains(&b[i + 1])) {
            out.push('ン');
            last_vowel = None;
            i += 1;
            continue;
        }
        if i + 1 < b.len() && b[i] == b[i + 1] && !b"aiueon".contains(&b[i]) {
            out.push('ッ');
            i += 1;
            continue;
        }
        let (roman, kana) = TABLE.iter().find(|(r, _)| rest.starts_with(r))?;
        out.push_str(kana);
        last_vowel = roman.bytes().last();
        i += roman.len();
    }
    (!out.is_empty()).then_some(out)
}

/// Hand-written Devanagari given names with their usual romanisation.
pub const DEVANAGARI_GIVEN: [(&str, &str); 30] = [
    ("राहुल", "Rahul"),
    ("अमित", "Amit"),
    ("प्रिया", "Priya"),
    ("सुनीता", "Sunita"),
    ("अनिल", "Anil"),
    ("सुरेश", "Suresh"),
    ("रमेश", "Ramesh"),
    ("पूजा", "Pooja"),
    ("दीपक", "Deepak"),
    ("संजय", "Sanjay"),
    ("विजय", "Vijay"),
    ("राजेश", "Rajesh"),
    ("अजय", "Ajay"),
    ("मनोज", "Manoj"),
    ("नेहा", "Neha"),
    ("अंजलि", "Anjali"),
    ("कविता", "Kavita"),
    ("राकेश", "Rakesh"),
    ("सुनील", "Sunil"),
    ("अशोक", "Ashok"),
    ("गीता", "Geeta"),
    ("लक्ष्मी", "Lakshmi"),
    ("महेश", "Mahesh"),
    ("किरण", "Kiran"),
    ("रवि", "Ravi"),
    ("अर्जुन", "Arjun"),
    ("आरती", "Aarti"),
    ("सीता", "Sita"),
    ("मोहन", "Mohan"),
    ("कृष्ण", "Krishna"),
];

/// Hand-written Devanagari family names with their usual romanisation.
pub const DEVANAGARI_FAMILY: [(&str, &str); 20] = [
    ("शर्मा", "Sharma"),
    ("वर्मा", "Verma"),
    ("गुप्ता", "Gupta"),
    ("सिंह", "Singh"),
    ("कुमार", "Kumar"),
    ("पटेल", "Patel"),
    ("यादव", "Yadav"),
    ("मिश्रा", "Mishra"),
    ("जोशी", "Joshi"),
    ("चौहान", "Chauhan"),
    ("ठाकुर", "Thakur"),
    ("पांडे", "Pandey"),
    ("श्रीवास्तव", "Srivastava"),
    ("अग्रवाल", "Agarwal"),
    ("थापा", "Thapa"),
    ("गुरुङ", "Gurung"),
    ("तामाङ", "Tamang"),
    ("राय", "Rai"),
    ("श्रेष्ठ", "Shrestha"),
    ("अधिकारी", "Adhikari"),
];

/// Devanagari names from the hand-written given and family names.
pub fn devanagari_names(seed: u64) -> Vec<Pair> {
    let mut rng = Rng::derive(seed, "devanagari", 0);
    (0..150)
        .map(|_| {
            let g = rng.pick(&DEVANAGARI_GIVEN);
            let f = rng.pick(&DEVANAGARI_FAMILY);
            Pair {
                script: "Devanagari",
                latin: format!("{} {}", g.1, f.1),
                native: format!("{} {}", g.0, f.0),
            }
        })
        .collect()
}

/// Every source of pairs, as used by `make-evalsets`.
pub fn all_pairs(res: &Resources, seed: u64) -> Result<Vec<Pair>, Error> {
    let mut pairs = Vec::new();
    pairs.extend(wikidata_full_names(res, "wd_korean_fullnames")?);
    pairs.extend(wikidata_full_names(res, "wd_hebrew_fullnames")?);
    pairs.extend(wikidata_token_names(
        res,
        &["wd_russian_20", "wd_russian_80"],
        " ",
        600,
        seed,
    )?);
    pairs.extend(wikidata_token_names(
        res,
        &["wd_chinese.normalized.aligned.tokens"],
        "·",
        600,
        seed,
    )?);
    pairs.extend(wikidata_token_names(
        res,
        &["wd_arabic.normalized.aligned.tokens"],
        " ",
        600,
        seed,
    )?);
    pairs.extend(common_names(res, seed)?);
    pairs.extend(kana_names(res, seed)?);
    pairs.extend(devanagari_names(seed));
    Ok(pairs)
}

/// The `scripts` set and its list (FollowTheMoney JSON lines): up to `per_script` distinct pairs
/// per script, each listed in one script and screened in the other, or (one in five) not listed.
pub fn scripts(pairs: &[Pair], per_script: usize, seed: u64) -> (LabelledSet, String) {
    let mut set = LabelledSet::new(
        "scripts",
        &[
            "full_name",
            "schema",
            "expected_ref",
            "variant",
            "listed_name",
        ],
    );
    let mut list = String::new();
    let mut rng = Rng::derive(seed, "scripts", 0);
    let mut scripts: Vec<&str> = pairs
        .iter()
        .map(|p| p.script)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    scripts.sort_unstable();
    let mut n = 0usize;
    for script in scripts {
        let mut of: Vec<&Pair> = pairs.iter().filter(|p| p.script == script).collect();
        rng.shuffle(&mut of);
        let mut seen = HashSet::new();
        for p in of
            .into_iter()
            .filter(|p| seen.insert(p.latin.to_lowercase()))
            .take(per_script)
        {
            n += 1;
            let id = format!("eval-scripts-{n}");
            let roll = rng.below(5);
            let (listed, query, variant) = match roll {
                0 | 1 => (&p.latin, &p.native, format!("{script}-query")),
                2 | 3 => (&p.native, &p.latin, format!("{script}-listed")),
                _ => (&p.latin, &p.native, format!("{script}-not-listed")),
            };
            if roll < 4 {
                let entity = serde_json::json!({
                    "id": id, "schema": "Person", "caption": listed,
                    "properties": {"name": [listed]}, "datasets": ["eval_scripts"],
                });
                list.push_str(&entity.to_string());
                list.push('\n');
                set.push(&[
                    ("full_name", query),
                    ("schema", "Person"),
                    ("expected_ref", &id),
                    ("variant", &variant),
                    ("listed_name", listed),
                ]);
            } else {
                set.push(&[
                    ("full_name", query),
                    ("schema", "Person"),
                    ("variant", &variant),
                    ("listed_name", listed),
                ]);
            }
        }
    }
    (set, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romaji_to_katakana() {
        assert_eq!(to_katakana("Satō").as_deref(), Some("サトー"));
        assert_eq!(to_katakana("Suzuki").as_deref(), Some("スズキ"));
        assert_eq!(to_katakana("Takahashi").as_deref(), Some("タカハシ"));
        assert_eq!(to_katakana("Kenta").as_deref(), Some("ケンタ"));
        assert_eq!(to_katakana("Hattori").as_deref(), Some("ハットリ"));
        assert_eq!(to_katakana("Yūto").as_deref(), Some("ユート"));
        assert_eq!(to_katakana("Ryōko").as_deref(), Some("リョーコ"));
        assert_eq!(to_katakana("Xavier"), None);
    }

    #[test]
    fn scripts_are_recognised() {
        assert_eq!(script_of("Лавров"), Some("Cyrillic"));
        assert_eq!(script_of("佐藤"), Some("Han"));
        assert_eq!(script_of("サトー"), Some("Kana"));
        assert_eq!(script_of("김"), Some("Hangul"));
        assert_eq!(script_of("शर्मा"), Some("Devanagari"));
        assert_eq!(script_of("Smith"), None);
    }

    #[test]
    fn every_listed_pair_is_in_the_list_and_unlisted_ones_are_not() {
        let pairs: Vec<Pair> = devanagari_names(1);
        let (set, list) = scripts(&pairs, 50, 1);
        let ids: HashSet<String> = list
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let expected = set
            .columns
            .iter()
            .position(|c| *c == "expected_ref")
            .unwrap();
        let variant = set.columns.iter().position(|c| *c == "variant").unwrap();
        assert!(!set.rows.is_empty());
        for r in &set.rows {
            if r[variant].ends_with("not-listed") {
                assert!(r[expected].is_empty());
            } else {
                assert!(ids.contains(&r[expected]), "{r:?}");
            }
        }
    }
}
