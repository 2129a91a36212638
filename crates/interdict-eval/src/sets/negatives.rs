//! People and companies that are not listed: synthetic people from many cultures and scripts,
//! with a date of birth and nationality, and real company names.
//!
//! People are drawn from the common given and family names by country (in their own script
//! half the time), the surname collections by culture, Arabic, Persian, Turkish and South Asian
//! names (three-part names, a fifth of them in Arabic script), and Devanagari names. A random
//! common name can be a listed person's name; the date of birth and nationality are what must
//! keep it below the threshold, as in real screening.

use super::arabic::ArabicSpellings;
use super::scripts::{script_of, DEVANAGARI_FAMILY, DEVANAGARI_GIVEN};
use super::{Error, LabelledSet, Resources};
use crate::rng::Rng;
use interdict_model::PartialDate;
use std::collections::HashMap;

/// Columns of the people sets.
pub(super) const COLUMNS: [&str; 8] = [
    "full_name",
    "first_name",
    "last_name",
    "gender",
    "date_of_birth",
    "nationality",
    "expected_ref",
    "variant",
];

/// Family names common across the Arab world, Iran, Afghanistan, Pakistan, Bangladesh and
/// Turkey, as they are usually romanised.
const MUSLIM_WORLD_FAMILY: [&str; 99] = [
    "Khan",
    "Ahmed",
    "Hussain",
    "Ali",
    "Rahman",
    "Hassan",
    "Ibrahim",
    "Abdullah",
    "Mahmoud",
    "Haddad",
    "Nasser",
    "Saleh",
    "Youssef",
    "Mansour",
    "Khalil",
    "Aziz",
    "Hamdan",
    "Darwish",
    "Farouk",
    "Qureshi",
    "Siddiqui",
    "Chaudhry",
    "Malik",
    "Sheikh",
    "Butt",
    "Iqbal",
    "Raza",
    "Akhtar",
    "Mirza",
    "Baig",
    "Hosseini",
    "Rahimi",
    "Karimi",
    "Mohammadi",
    "Ahmadi",
    "Rezaei",
    "Moradi",
    "Jafari",
    "Sadeghi",
    "Hashemi",
    "Amini",
    "Kazemi",
    "Ghorbani",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Sahin",
    "Celik",
    "Yildiz",
    "Aydin",
    "Ozturk",
    "Arslan",
    "Dogan",
    "Kilic",
    "Haidari",
    "Popal",
    "Wardak",
    "Stanikzai",
    "Sultani",
    "Noori",
    "Hakimi",
    "Barakzai",
    "Durrani",
    "Safi",
    "Islam",
    "Hossain",
    "Uddin",
    "Akter",
    "Begum",
    "Chowdhury",
    "Miah",
    "Sarkar",
    "Talukder",
    "El Amrani",
    "Benali",
    "Bouzid",
    "Cherif",
    "Belkacem",
    "Mekki",
    "Trabelsi",
    "Gharbi",
    "Jaziri",
    "Al Khatib",
    "Al Hashimi",
    "Al Qasimi",
    "Al Mazrouei",
    "Al Shamsi",
    "Al Dosari",
    "Al Otaibi",
    "Al Ghamdi",
    "Al Zahrani",
    "Al Harbi",
    "Al Mutairi",
    "Al Saadi",
    "Al Jaber",
    "Al Tamimi",
    "Al Rashid",
    "Al Najjar",
    "Al Masri",
];

/// Countries of the Muslim-world names.
const MUSLIM_WORLD: [&str; 16] = [
    "EG", "SA", "AE", "JO", "KW", "LB", "LY", "MA", "DZ", "IQ", "PK", "IR", "BD", "TN", "AZ", "TR",
];

/// Surname collections by culture: (file stem, country, given-name source country).
const CULTURES: [(&str, &str, &str); 21] = [
    ("us", "US", "US"),
    ("es", "ES", "ES"),
    ("de", "DE", "DE"),
    ("fr", "FR", "FR"),
    ("it", "IT", "IT"),
    ("pl", "PL", "PL"),
    ("ru", "RU", "RU"),
    ("cn", "CN", "CN"),
    ("kr", "KR", "KR"),
    ("hi", "IN", "IN"),
    ("il", "IL", "IL"),
    ("gk", "GR", "GR"),
    ("cz", "CZ", "CZ"),
    ("ie", "IE", "IE"),
    ("pt", "PT", "PT"),
    ("eus", "ES", "ES"),
    ("ne", "NL", "NL"),
    ("uk", "GB", "GB"),
    ("us", "US", "MX"),
    ("us", "CA", "CA"),
    ("es", "MX", "MX"),
];

/// A common given name of a country, as the forenames-by-country resource gives it.
#[derive(Debug, Clone)]
pub(super) struct Given {
    pub(super) localised: String,
    pub(super) romanised: String,
    /// "male" or "female".
    pub(super) gender: &'static str,
}

/// The forenames-by-country resource, by country code.
pub(super) fn read_forenames(res: &Resources) -> Result<HashMap<String, Vec<Given>>, Error> {
    let text = res.text("names/common_names_by_country/common-forenames-by-country.csv")?;
    let mut by_country: HashMap<String, Vec<Given>> = HashMap::new();
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for rec in r.records().flatten() {
        let (Some(c), Some(g), Some(l), Some(ro)) =
            (rec.get(0), rec.get(9), rec.get(10), rec.get(11))
        else {
            continue;
        };
        if ro.trim().is_empty() {
            continue;
        }
        by_country.entry(c.to_string()).or_default().push(Given {
            localised: if l.trim().is_empty() {
                ro.trim()
            } else {
                l.trim()
            }
            .to_string(),
            romanised: ro.trim().to_string(),
            gender: if g == "M" { "male" } else { "female" },
        });
    }
    Ok(by_country)
}

/// The surnames-by-country resource, by country code: (as written locally, romanised).
pub(super) fn read_surnames_by_country(
    res: &Resources,
) -> Result<HashMap<String, Vec<(String, String)>>, Error> {
    let text = res.text("names/common_names_by_country/common-surnames-by-country.csv")?;
    let mut by_country: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for rec in r.records().flatten() {
        let (Some(c), Some(l), Some(ro)) = (rec.get(0), rec.get(4), rec.get(5)) else {
            continue;
        };
        if ro.trim().is_empty() {
            continue;
        }
        let l = if l.trim().is_empty() {
            ro.trim()
        } else {
            l.trim()
        };
        by_country
            .entry(c.to_string())
            .or_default()
            .push((l.to_string(), ro.trim().to_string()));
    }
    Ok(by_country)
}

fn random_dob(rng: &mut Rng) -> String {
    PartialDate::ymd(
        1940 + rng.below(66) as u16,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
    .map(|d| d.to_string())
    .unwrap_or_default()
}

/// `n` synthetic people with date of birth and nationality, none of them listed.
pub fn people(
    res: &Resources,
    spellings: &ArabicSpellings,
    n: usize,
    seed: u64,
) -> Result<LabelledSet, Error> {
    let forenames = read_forenames(res)?;
    let surnames = read_surnames_by_country(res)?;
    let mut cultures: Vec<(&str, &str, Vec<String>)> = Vec::new();
    for (stem, country, given_from) in CULTURES {
        let text = res.text(&format!(
            "names/name_databases_by_culture/surnames/{stem}.txt"
        ))?;
        let names: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if !names.is_empty() && forenames.contains_key(given_from) {
            cultures.push((country, given_from, names));
        }
    }
    let us_given = res.text("names/name_databases_by_culture/first_names/us.txt")?;
    let us_given: Vec<String> = us_given
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let both: Vec<&String> = {
        let mut v: Vec<&String> = forenames
            .keys()
            .filter(|c| surnames.contains_key(*c))
            .collect();
        v.sort();
        v
    };
    let muslim_given: Vec<(&str, &Given)> = MUSLIM_WORLD
        .iter()
        .flat_map(|c| {
            forenames
                .get(*c)
                .into_iter()
                .flatten()
                .map(move |g| (*c, g))
        })
        .collect();
    let male_muslim: Vec<&Given> = muslim_given
        .iter()
        .filter(|(_, g)| g.gender == "male")
        .map(|(_, g)| *g)
        .collect();
    let mut set = LabelledSet::new("negatives", &COLUMNS);
    for i in 0..n {
        let mut rng = Rng::derive(seed, "negative-people", i as u64);
        let dob = random_dob(&mut rng);
        let roll = rng.below(100);
        let (full, first, last, gender, country, variant): (
            String,
            String,
            String,
            &str,
            String,
            &str,
        ) = if roll < 30 {
            // A common name of a country, in its own script half the time.
            let c = rng.pick(&both).as_str();
            let g = rng.pick(&forenames[c]);
            let f = rng.pick(&surnames[c]);
            let native = rng.chance(0.5)
                && script_of(&g.localised).is_some()
                && script_of(&g.localised) == script_of(&f.0);
            let (given, family) = if native {
                (g.localised.clone(), f.0.clone())
            } else {
                (g.romanised.clone(), f.1.clone())
            };
            let cjk = matches!(script_of(&given), Some("Han" | "Hangul" | "Kana"));
            let full = match (
                matches!(c, "CN" | "TW" | "JP" | "KR" | "HU" | "VN" | "KH"),
                cjk,
            ) {
                (true, true) => format!("{family}{given}"),
                (true, false) => format!("{family} {given}"),
                _ => format!("{given} {family}"),
            };
            (
                full,
                given,
                family,
                g.gender,
                c.to_string(),
                if native {
                    "common-name-native-script"
                } else {
                    "common-name-romanised"
                },
            )
        } else if roll < 60 {
            // Muslim-world three-part names; a fifth in Arabic script where every word has a spelling.
            let (c, g) = *rng.pick(&muslim_given);
            let father = rng.pick(&male_muslim).romanised.clone();
            let family = rng.pick(&MUSLIM_WORLD_FAMILY).to_string();
            let latin = if rng.chance(0.5) {
                format!("{} {father} {family}", g.romanised)
            } else {
                format!("{} {family}", g.romanised)
            };
            let arabic = if rng.chance(0.25) {
                spellings.name(&latin, &mut rng)
            } else {
                None
            };
            match arabic {
                Some(a) => (
                    a,
                    String::new(),
                    String::new(),
                    g.gender,
                    c.to_string(),
                    "muslim-world-arabic-script",
                ),
                None => (
                    latin,
                    g.romanised.clone(),
                    family,
                    g.gender,
                    c.to_string(),
                    "muslim-world-romanised",
                ),
            }
        } else if roll < 65 {
            let g = rng.pick(&DEVANAGARI_GIVEN);
            let f = rng.pick(&DEVANAGARI_FAMILY);
            let c = if rng.chance(0.7) { "IN" } else { "NP" };
            (
                format!("{} {}", g.0, f.0),
                g.0.to_string(),
                f.0.to_string(),
                "",
                c.to_string(),
                "devanagari",
            )
        } else {
            let (c, given_from, names) = rng.pick(&cultures);
            let family = rng.pick(names).clone();
            let (given, gender) = if *given_from == "US" && rng.chance(0.5) {
                (rng.pick(&us_given).clone(), "")
            } else {
                let g = rng.pick(&forenames[*given_from]);
                (g.romanised.clone(), g.gender)
            };
            (
                format!("{given} {family}"),
                given,
                family,
                gender,
                c.to_string(),
                "surname-collections",
            )
        };
        set.push(&[
            ("full_name", &full),
            ("first_name", &first),
            ("last_name", &last),
            ("gender", gender),
            ("date_of_birth", &dob),
            ("nationality", &country.to_lowercase()),
            ("variant", variant),
        ]);
    }
    Ok(set)
}

/// Real company names that are not on the lists: US-listed companies and the S&P 500.
pub fn companies(res: &Resources, seed: u64) -> Result<LabelledSet, Error> {
    let mut set = LabelledSet::new(
        "companies",
        &["full_name", "schema", "expected_ref", "variant"],
    );
    let path = "names/companies/sec_company_tickers_2025-08.json";
    let tickers: serde_json::Value =
        serde_json::from_str(&res.text(path)?).map_err(|e| Error::Malformed {
            path: path.into(),
            line: e.line(),
            message: format!("expected a JSON object of companies: {e}"),
        })?;
    let mut names: Vec<(String, &str)> = tickers
        .as_object()
        .into_iter()
        .flat_map(|o| o.values())
        .filter_map(|v| v.get("title").and_then(|t| t.as_str()))
        .map(|t| (t.to_string(), "us-listed-company"))
        .collect();
    let sp = res.text("names/companies/sp500_constituents_2026-08.csv")?;
    let mut r = csv::Reader::from_reader(sp.as_bytes());
    names.extend(
        r.records()
            .flatten()
            .filter_map(|rec| rec.get(1).map(|s| (s.to_string(), "sp500-company"))),
    );
    let mut rng = Rng::derive(seed, "companies", 0);
    let mut seen = std::collections::HashSet::new();
    names.retain(|(n, _)| seen.insert(n.to_lowercase()));
    for (name, variant) in names {
        let schema = if rng.chance(0.5) { "Organization" } else { "" };
        set.push(&[
            ("full_name", &name),
            ("schema", schema),
            ("variant", variant),
        ]);
    }
    Ok(set)
}
