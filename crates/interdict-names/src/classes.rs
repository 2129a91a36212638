//! Word classes in names: particles, kinship words, honorifics, legal forms, generic
//! organisation words, initials and numbers, each with how much it says about who is meant.

use crate::fold::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a name token is, which decides how much it counts when names are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TokenClass {
    /// An ordinary name word: given name, surname, the distinctive part of an organisation name.
    Word,
    /// Articles, prepositions and connecting vowels: al, el, ud, ul, e, i, de, van, of, the.
    Particle,
    /// Kinship words in names: bin, ibn, bint, ben, abu, ould.
    Kinship,
    /// Titles and honorifics: Hafiz, Mullah, Sheikh, Haji, Maulavi, Dr, Mr, General.
    Honorific,
    /// Legal forms of organisations: Ltd, LLC, GmbH, OOO, S.A., Sh.p.k., Co.
    LegalForm,
    /// Words that many organisation names share: company, trading, group, bank, foundation.
    Generic,
    /// A single letter standing for a word.
    Initial,
    /// A number.
    Number,
}

impl TokenClass {
    /// The class of a lower-case ASCII token.
    pub fn of(token: &str) -> TokenClass {
        if token.is_empty() {
            return TokenClass::Particle;
        }
        if token.bytes().all(|b| b.is_ascii_digit()) {
            return TokenClass::Number;
        }
        if let Some(c) = table().get(token) {
            return *c;
        }
        if token.len() == 1 {
            return TokenClass::Initial;
        }
        TokenClass::Word
    }

    /// How informative a token of this class is, before list statistics are taken into account
    /// (1.0 for a name word). Legal forms and generic words only lose weight in organisation
    /// names; in a person's name "Bank" or "Co" is a surname like any other.
    pub fn prior_weight(&self, organisation: bool) -> f32 {
        match self {
            TokenClass::Word => 1.0,
            TokenClass::Particle => 0.1,
            TokenClass::Kinship => 0.25,
            TokenClass::Honorific => 0.1,
            TokenClass::LegalForm if organisation => 0.08,
            TokenClass::Generic if organisation => 0.3,
            TokenClass::LegalForm | TokenClass::Generic => 1.0,
            TokenClass::Initial => 0.3,
            TokenClass::Number => 0.6,
        }
    }

    /// True for classes that never make a match on their own.
    pub fn is_filler(&self, organisation: bool) -> bool {
        self.prior_weight(organisation) < 0.5
    }
}

/// Particles that are never names: the Arabic article as the lists write it apart
/// ("AL-ZAWAHIRI", "EL-MASRI", "AR-RASHID") and conjunctions and prepositions ("and", "of",
/// "wa"). Other particles are names too ("Della", "Van", "Le", "Du").
const NEVER_NAMES: [&str; 18] = [
    "al", "el", "il", "ul", "ad", "ar", "as", "at", "az", "ud", "ur", "us", "ut", "the", "of",
    "and", "und", "wa",
];

/// Whether a folded particle is never a name, so that a name word resembling it ("Ali" / "al",
/// "Abd" / "and") shares its letters by chance.
pub fn is_never_a_name(folded: &str) -> bool {
    NEVER_NAMES.contains(&folded)
}

const PARTICLES: &[&str] = &[
    "al", "el", "il", "ul", "ud", "ur", "us", "ut", "ad", "ar", "as", "ash", "at", "az", "an", "e",
    "i", "o", "u", "y", "de", "da", "di", "do", "du", "dos", "das", "del", "della", "der", "den",
    "des", "van", "von", "la", "le", "les", "lo", "los", "the", "of", "and", "et", "und", "fi",
    "wa", "ve", "zu",
];

const KINSHIP: &[&str] = &[
    "bin", "ibn", "bint", "ben", "bn", "abu", "abou", "abo", "ould", "ag", "ait", "oglu", "ogly",
    "walad", "wald", "wld", "valad", "vald", "kyzy", "uulu",
];

const HONORIFICS: &[&str] = &[
    // As Arabic script reads without its short vowels: مولوي, مولوى, ملا, حاجي, الحاج, شيخ,
    // حافظ, قاري, مفتي, مولانا, امام, دكتور, مهندس, استاد.
    "muluy",
    "mulwa",
    "mla",
    "hajy",
    "haj",
    "shykh",
    "hafz",
    "qary",
    "mfty",
    "mulana",
    "amam",
    "dktur",
    "mhnds",
    "astad",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "cheikh",
    "shaykhah",
    "haji",
    "hajji",
    "hadji",
    "alhaji",
    "alhaj",
    "hajj",
    "hafiz",
    "hafez",
    "mullah",
    "mulla",
    "molla",
    "mollah",
    "maulavi",
    "maulvi",
    "mawlawi",
    "moulvi",
    "molvi",
    "maulana",
    "mawlana",
    "moulana",
    "qari",
    "mufti",
    "imam",
    "ayatollah",
    "hojatoleslam",
    "general",
    "gen",
    "colonel",
    "col",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "brigadier",
    "brig",
    "admiral",
    "commander",
    "cdr",
    "sergeant",
    "sgt",
    "eng",
    "engineer",
    "ustad",
    "ustadh",
    "ustaz",
    "rev",
    "reverend",
    "rabbi",
    "pastor",
    "hon",
    "honourable",
    "honorable",
    "excellency",
    "senator",
    "doctor",
    "shri",
    "sri",
    "smt",
    "datuk",
    "dato",
    "tun",
    "sahib",
    "saheb",
    "mohtaram",
    "janab",
    "khawaja",
    "khwaja",
];

/// Prefixes written before ships' names ("MV", "M/V", "M.T."), which say what the ship is, not
/// which: they count like titles.
const SHIP_PREFIXES: &[&str] = &["mv", "mt", "mts", "ss", "fv", "mfv", "rv", "mvs"];

const LEGAL_FORMS: &[&str] = &[
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "plc",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "cie",
    "cia",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "sa",
    "sas",
    "sarl",
    "sarlu",
    "srl",
    "spa",
    "snc",
    "bv",
    "nv",
    "vof",
    "oy",
    "oyj",
    "ab",
    "asa",
    "aps",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ao",
    "tov",
    "ojsc",
    "cjsc",
    "jsc",
    "pjsc",
    "ltda",
    "pte",
    "pty",
    "pvt",
    "sdn",
    "bhd",
    "tbk",
    "pt",
    "cv",
    "kft",
    "zrt",
    "nyrt",
    "doo",
    "dd",
    "sro",
    "shpk",
    "sha",
    "fzco",
    "fze",
    "fzc",
    "fzllc",
    "dmcc",
    "est",
    "wll",
    "spc",
    "saoc",
    "saog",
    "qsc",
    "qpsc",
    "bsc",
    "ksc",
    "kscc",
    "psc",
    "sae",
    "sal",
    "ead",
    "eood",
    "jv",
    "sprl",
    "scs",
    "sca",
    "sl",
    "slu",
    "lda",
    "ks",
    "hf",
    "ehf",
    "as",
    "uab",
    "sia",
    "zrt",
    "dooel",
    "ad",
    "ltdco",
    "spzoo",
];

const GENERIC: &[&str] = &[
    "companies",
    "trading",
    "trade",
    "traders",
    "group",
    "groups",
    "holding",
    "holdings",
    "international",
    "intl",
    "foundation",
    "fund",
    "bank",
    "banking",
    "industries",
    "industry",
    "industrial",
    "enterprise",
    "enterprises",
    "services",
    "service",
    "organisation",
    "organization",
    "association",
    "society",
    "trust",
    "charity",
    "charitable",
    "committee",
    "council",
    "institute",
    "institution",
    "center",
    "centre",
    "agency",
    "ministry",
    "department",
    "office",
    "national",
    "global",
    "import",
    "export",
    "imports",
    "exports",
    "shipping",
    "investment",
    "investments",
    "development",
    "commercial",
    "commerce",
    "business",
    "partners",
    "partnership",
    "consulting",
    "management",
    "manufacturing",
    "production",
    "technology",
    "technologies",
    "tech",
    "engineering",
    "construction",
    "logistics",
    "transport",
    "marine",
    "maritime",
    "petroleum",
    "oil",
    "gas",
    "energy",
    "mining",
    "resources",
    "systems",
    "solutions",
    "network",
    "media",
    "general",
    "establishment",
    "factory",
    "firm",
    "bureau",
    "branch",
    "representative",
    "agencies",
    "exchange",
    "finance",
    "financial",
    "insurance",
    "supply",
    "supplies",
    "equipment",
    "products",
    "chemical",
    "chemicals",
    "electronics",
    "electric",
    "machinery",
];

/// Whether a name word is an East Slavic patronymic ("Khamatovich", "Viktorovna"): a middle
/// name, whichever end of the name the family name stands at.
pub fn is_patronymic(token: &str) -> bool {
    patronymic_ending(token).is_some()
}

/// Endings of East Slavic patronymics, longest first where one ends another.
const PATRONYMIC_ENDINGS: [&str; 9] = [
    "ovitch", "evitch", "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna",
];

/// Whether two patronymics name the same father: their stems ("mukhamed" of
/// "Mukhamedovich") are, once folded, the same or one typo apart ("Pqvlovich" / "Pavlovich");
/// two fathers' names share only the ending ("Mukhamedovich" / "Khamatovich").
pub fn same_father(a: &str, b: &str) -> bool {
    let stem = |t: &str| fold(&t[..t.len() - patronymic_ending(t).map_or(0, str::len)]);
    within_one_edit(stem(a).as_bytes(), stem(b).as_bytes())
}

/// The patronymic ending of a word ("ovich" of "Khamatovich"), if it has one.
fn patronymic_ending(token: &str) -> Option<&'static str> {
    PATRONYMIC_ENDINGS
        .iter()
        .find(|e| token.len() >= 7 && token.ends_with(*e))
        .copied()
}

/// Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match (a.len(), b.len()) {
        (0, 0) => true,
        (x, y) if x == y => {
            a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (x, y) if x + 1 == y => a == &b[1..],
        (x, y) if y + 1 == x => &a[1..] == b,
        _ => false,
    }
}

/// Spellings of one legal form or generic organisation word: abbreviations and the forms other
/// languages use ("Co." and "COMP" for company, "Intl" for international, "Grp" for group).
const ORGANISATION_TERMS: &[&[&str]] = &[
    &[
        "company",
        "co",
        "comp",
        "cie",
        "cia",
        "compania",
        "compagnie",
        "companhia",
        "companie",
    ],
    // Legal forms by kind, as OpenSanctions' rigour (`org_types`, its `generic` field) and the
    // GLEIF list of entity legal forms (ISO 20275) class them: companies with shares (AG, JSC,
    // OAO, PAO, S.A., S.p.A., N.V., PLC) and companies with limited liability (LLC, OOO, GmbH,
    // SARL, S.R.L., Sp. z o.o., Ltd, Inc).
    &[
        "jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "ao", "ag", "sa", "spa", "nv", "plc",
        "ab", "oyj", "asa",
    ],
    // "limited" first: the spelling compared, whose letters other scripts also write ("لمتد").
    &[
        "limited",
        "llc",
        "ooo",
        "tov",
        "gmbh",
        "sarl",
        "srl",
        "spzoo",
        "doo",
        "sro",
        "kft",
        "ltd",
        "ltda",
        "limitada",
        "limitee",
        "inc",
        "incorporated",
        "bv",
        "shpk",
        "eood",
        "oy",
        "aps",
    ],
    &["fze", "fzco", "fzc", "fzllc"],
    &["corporation", "corp", "corporacion"],
    &[
        "international",
        "intl",
        "internacional",
        "internationale",
        "inter",
    ],
    &["group", "grp", "grupo", "groupe", "gruppe", "gruppo"],
    &["trading", "trade", "trdg"],
    &["industries", "industry", "industrial", "ind", "inds"],
    &["establishment", "est", "estab"],
    &["holding", "holdings", "hldgs"],
    &["services", "service", "svcs", "svc"],
    &["technology", "technologies", "tech"],
    &["investment", "investments", "inv"],
    &["enterprise", "enterprises", "ent"],
    &["national", "nacional", "nationale"],
    &["bank", "banco", "banque", "banca"],
    &["manufacturing", "mfg"],
    &["association", "assoc", "asociacion"],
];

/// Legal forms written in several words, as [`tokenize`](crate::tokenize) spells them, with the
/// legal form they are compared as (see [`ORGANISATION_TERMS`]). Translations and
/// transliterations are from the same sources.
const LEGAL_FORM_PHRASES: &[(&str, &[&str])] = &[
    (
        "jsc",
        &[
            "joint stock company",
            "joint stock co",
            "jt stk co",
            "open joint stock company",
            "closed joint stock company",
            "public joint stock company",
            "private joint stock company",
            "public limited company",
            "aktiengesellschaft",
            "aktsionernoe obshchestvo",
            "otkrytoe aktsionernoe obshchestvo",
            "zakrytoe aktsionernoe obshchestvo",
            "publichnoe aktsionernoe obshchestvo",
            "nepublichnoe aktsionernoe obshchestvo",
            "aktsionerne tovarystvo",
            "societe anonyme",
            "sociedad anonima",
            "societa per azioni",
            "naamloze vennootschap",
            "aktiebolag",
        ],
    ),
    (
        "llc",
        &[
            "limited liability company",
            "limited liability co",
            "gesellschaft mit beschrankter haftung",
            "obshchestvo s ogranichennoy otvetstvennostyu",
            "obshchestvo s ogranichennoi otvetstvennostiu",
            "obshchestvo s ogranichennoy otvetstvennostiyu",
            "tovarystvo z obmezhenoiu vidpovidalnistiu",
            "sp z oo",
            "spolka z ograniczona odpowiedzialnoscia",
            "societe a responsabilite limitee",
            "societa a responsabilita limitata",
            "societatea cu raspundere limitata",
            "sociedad de responsabilidad limitada",
            "sociedade limitada",
            "besloten vennootschap",
            "private limited",
            "private ltd",
            "pvt ltd",
            "pte ltd",
            "pty ltd",
            "sdn bhd",
        ],
    ),
    ("fze", &["free zone establishment"]),
    ("fzco", &["free zone company"]),
    ("llp", &["limited liability partnership"]),
    ("lp", &["limited partnership"]),
];

/// [`LEGAL_FORM_PHRASES`] as word lists, longest first, with their legal form, once built.
static PHRASES: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
/// Organisation terms by their spellings, once built.
static TERMS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
/// Word classes of the fixed word lists, once built.
static CLASSES: OnceLock<HashMap<&'static str, TokenClass>> = OnceLock::new();

/// Builds the tables of word classes, legal-form phrases and organisation terms.
pub(crate) fn prepare() {
    table();
    legal_form_phrases();
    terms();
}

/// Whether those tables are built.
pub(crate) fn prepared() -> bool {
    PHRASES.get().is_some() && TERMS.get().is_some() && CLASSES.get().is_some()
}

/// [`LEGAL_FORM_PHRASES`] as word lists, longest first, with their legal form.
pub(crate) fn legal_form_phrases() -> &'static [(Vec<&'static str>, &'static str)] {
    PHRASES.get_or_init(|| {
        let mut v: Vec<(Vec<&str>, &str)> = LEGAL_FORM_PHRASES
            .iter()
            .flat_map(|(form, phrases)| {
                phrases
                    .iter()
                    .map(move |p| (p.split(' ').collect::<Vec<_>>(), *form))
            })
            .collect();
        v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        v
    })
}

/// The one spelling an organisation term is compared under (`co` and `comp` are `company`), or
/// `None` for other words. Only for organisation names: in a person's name "Co" is a surname.
pub fn organisation_term(token: &str) -> Option<&'static str> {
    terms().get(token).copied()
}

/// Each organisation term's spellings with the one it is compared under.
fn terms() -> &'static HashMap<&'static str, &'static str> {
    TERMS.get_or_init(|| {
        let mut m = HashMap::new();
        for group in ORGANISATION_TERMS {
            for w in *group {
                m.insert(*w, group[0]);
            }
        }
        m
    })
}

fn table() -> &'static HashMap<&'static str, TokenClass> {
    CLASSES.get_or_init(|| {
        let mut m = HashMap::new();
        // Later lists do not override earlier ones: "general" stays an honorific, "ltd" a legal
        // form, "as" a particle.
        let groups: [(&[&str], TokenClass); 6] = [
            (PARTICLES, TokenClass::Particle),
            (KINSHIP, TokenClass::Kinship),
            (HONORIFICS, TokenClass::Honorific),
            (SHIP_PREFIXES, TokenClass::Honorific),
            (LEGAL_FORMS, TokenClass::LegalForm),
            (GENERIC, TokenClass::Generic),
        ];
        for (words, class) in groups {
            for w in words {
                m.entry(*w).or_insert(class);
            }
        }
        m
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_read_like_a_table() {
        let cases = [
            ("al", TokenClass::Particle),
            ("ud", TokenClass::Particle),
            ("e", TokenClass::Particle),
            ("bin", TokenClass::Kinship),
            ("abu", TokenClass::Kinship),
            ("hafiz", TokenClass::Honorific),
            ("mullah", TokenClass::Honorific),
            ("ooo", TokenClass::LegalForm),
            ("gmbh", TokenClass::LegalForm),
            ("shpk", TokenClass::LegalForm),
            ("trading", TokenClass::Generic),
            ("foundation", TokenClass::Generic),
            ("m", TokenClass::Initial),
            ("1961", TokenClass::Number),
            ("tayyiba", TokenClass::Word),
        ];
        for (token, class) in cases {
            assert_eq!(TokenClass::of(token), class, "{token}");
        }
    }

    #[test]
    fn particles_that_are_never_names_are_particles() {
        for w in NEVER_NAMES {
            assert_eq!(TokenClass::of(w), TokenClass::Particle, "{w}");
        }
        for name in ["della", "van", "le", "du", "an"] {
            assert_eq!(TokenClass::of(name), TokenClass::Particle, "{name}");
            assert!(!is_never_a_name(name), "{name}");
        }
    }

    #[test]
    fn patronymics() {
        for p in [
            "khamatovich",
            "viktorovich",
            "sergeevich",
            "viktorovna",
            "petrivna",
        ] {
            assert!(is_patronymic(p), "{p}");
        }
        for w in ["ivanov", "vich", "umarov", "ovna"] {
            assert!(!is_patronymic(w), "{w}");
        }
    }

    #[test]
    fn patronymics_of_one_father_differ_by_a_typo_at_most() {
        for (a, b) in [
            ("nikolayevich", "nikolaevich"),
            ("pqvlovich", "pavlovich"),
            ("ivnaovich", "ivanovich"),
            ("sergeevich", "dergeevich"),
            ("aleksandrovich", "alexandrovich"),
            ("ivanovna", "ivanovich"),
        ] {
            assert!(same_father(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("mukhamedovich", "khamatovich"),
            ("fedorovich", "vladimirovich"),
            ("valeryevich", "vasilievich"),
        ] {
            assert!(!same_father(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn legal_forms_only_light_in_organisations() {
        assert!(TokenClass::LegalForm.is_filler(true));
        assert!(!TokenClass::LegalForm.is_filler(false));
        assert!(TokenClass::Particle.is_filler(false));
    }
}
