//! Countries as ISO 3166-1 alpha-2 codes, resolved from the many ways lists and customer files
//! write them ("Iran (Islamic Republic of)", "Russian Federation", "DPRK", "Pakistani", "pk").

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// An ISO 3166-1 alpha-2 country code (plus the user-assigned `XK` for Kosovo), written in lower
/// case as FollowTheMoney and yente do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Looks up a two-letter code (any case); `None` if it is not a known country.
    pub fn from_alpha2(code: &str) -> Option<Self> {
        let b = code.trim().as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let c = CountryCode([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()]);
        table().by_code.contains_key(&c).then_some(c)
    }

    /// The code in lower case, e.g. `"pk"`.
    pub fn as_str(&self) -> &str {
        // Two ASCII letters by construction, so always valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The English short name, e.g. `"Pakistan"`.
    pub fn name(&self) -> &'static str {
        COUNTRIES[table().by_code[self]].1
    }

    /// Resolves a country written as a code, a name in any of its official or common forms, or a
    /// demonym. Case, accents, punctuation and a leading "the" do not matter. Returns `None` for
    /// text that names no single current country ("former Soviet Union", "na", "unknown").
    pub fn resolve(text: &str) -> Option<Self> {
        let t = text.trim();
        if t.len() == 2 {
            return Self::from_alpha2(t);
        }
        let key = normalise(t);
        if key.is_empty() {
            return None;
        }
        let map = &table().by_name;
        if let Some(c) = map.get(&key) {
            return Some(*c);
        }
        // "Iran (Islamic Republic of)" and "Bolivia, Plurinational State of": try the head.
        for sep in ['(', ','] {
            if let Some((head, _)) = t.split_once(sep) {
                if let Some(c) = map.get(&normalise(head)) {
                    return Some(*c);
                }
            }
        }
        Self::find_in_text(&key)
    }

    /// The one country named inside a longer text ("Branch Office 11: Iran", "Indonesian
    /// passport", "Hong Kong Special Administrative Region"); `None` when there is none or more
    /// than one ("Sudan/South Sudan"). Codes and three-letter forms are not looked for.
    fn find_in_text(key: &str) -> Option<Self> {
        let words: Vec<&str> = key.split(' ').collect();
        let map = &table().by_name;
        let mut found: Option<CountryCode> = None;
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            for n in (1..=6.min(words.len() - i)).rev() {
                let phrase = words[i..i + n].join(" ");
                if phrase.len() <= 3 {
                    continue;
                }
                if let Some(c) = map.get(&phrase) {
                    if found.is_some_and(|f| f != *c) {
                        return None;
                    }
                    found = Some(*c);
                    step = n;
                    break;
                }
            }
            i += step;
        }
        found
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CountryCode::from_alpha2(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown country code '{s}'")))
    }
}

/// A country as a list wrote it, with the code it resolves to (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// The resolved code, or `None` when the text names no single current country.
    pub code: Option<CountryCode>,
    /// The text as written in the source.
    pub text: String,
}

impl Country {
    /// Resolves `text`; keeps the text either way so nothing is lost.
    pub fn from_text(text: &str) -> Self {
        let text = text.trim();
        Country {
            code: CountryCode::resolve(text),
            text: text.to_string(),
        }
    }
}

struct Table {
    by_code: HashMap<CountryCode, usize>,
    by_name: HashMap<String, CountryCode>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_code = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, (code, name, aliases)) in COUNTRIES.iter().enumerate() {
            let b = code.as_bytes();
            let c = CountryCode([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()]);
            by_code.insert(c, i);
            for n in std::iter::once(name).chain(aliases.iter()) {
                by_name.entry(normalise(n)).or_insert(c);
            }
        }
        Table { by_code, by_name }
    })
}

/// Lower-case ASCII letters and single spaces only; drops accents, apostrophes, punctuation and a
/// leading "the".
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for ch in text.chars() {
        let c = fold_latin(ch);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
        } else if c == '\'' || c == '’' {
            // "Cote d'Ivoire" == "Cote dIvoire"
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let trimmed = out.trim_end();
    trimmed.strip_prefix("the ").unwrap_or(trimmed).to_string()
}

/// The accented Latin letters that occur in country names, folded to their base letter.
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ı' | 'İ' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ş' | 'Ş' => 's',
        'ğ' | 'Ğ' => 'g',
        _ => c,
    }
}

/// ISO 3166-1 alpha-2 code, English short name, and other names (ISO official and short forms,
/// alpha-3, names used by the UN and other lists, common names and demonyms). Codes and names are
/// from ISO 3166-1 as published in the Debian `iso-codes` data; `XK` (Kosovo) is user-assigned.
static COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("AD", "Andorra", &["Principality of Andorra", "AND"]),
    (
        "AE",
        "United Arab Emirates",
        &["ARE", "UAE", "U.A.E.", "Emirati", "Emirates"],
    ),
    (
        "AF",
        "Afghanistan",
        &["Islamic Republic of Afghanistan", "AFG", "Afghan"],
    ),
    ("AG", "Antigua and Barbuda", &["ATG"]),
    ("AI", "Anguilla", &["AIA"]),
    ("AL", "Albania", &["Republic of Albania", "ALB", "Albanian"]),
    ("AM", "Armenia", &["Republic of Armenia", "ARM", "Armenian"]),
    ("AO", "Angola", &["Republic of Angola", "AGO", "Angolan"]),
    ("AQ", "Antarctica", &["ATA"]),
    (
        "AR",
        "Argentina",
        &["Argentine Republic", "ARG", "Argentine", "Argentinian"],
    ),
    ("AS", "American Samoa", &["ASM"]),
    ("AT", "Austria", &["Republic of Austria", "AUT", "Austrian"]),
    ("AU", "Australia", &["AUS", "Australian"]),
    ("AW", "Aruba", &["ABW"]),
    ("AX", "Åland Islands", &["ALA"]),
    (
        "AZ",
        "Azerbaijan",
        &["Republic of Azerbaijan", "AZE", "Azerbaijani", "Azeri"],
    ),
    (
        "BA",
        "Bosnia and Herzegovina",
        &[
            "Republic of Bosnia and Herzegovina",
            "BIH",
            "Bosnia",
            "Bosnian",
            "Bosnia-Herzegovina",
        ],
    ),
    ("BB", "Barbados", &["BRB"]),
    (
        "BD",
        "Bangladesh",
        &["People's Republic of Bangladesh", "BGD", "Bangladeshi"],
    ),
    ("BE", "Belgium", &["Kingdom of Belgium", "BEL", "Belgian"]),
    ("BF", "Burkina Faso", &["BFA", "Burkinabe"]),
    (
        "BG",
        "Bulgaria",
        &["Republic of Bulgaria", "BGR", "Bulgarian"],
    ),
    ("BH", "Bahrain", &["Kingdom of Bahrain", "BHR", "Bahraini"]),
    (
        "BI",
        "Burundi",
        &["Republic of Burundi", "BDI", "Burundian"],
    ),
    ("BJ", "Benin", &["Republic of Benin", "BEN", "Beninese"]),
    ("BL", "Saint Barthélemy", &["BLM"]),
    ("BM", "Bermuda", &["BMU"]),
    ("BN", "Brunei Darussalam", &["BRN", "Brunei", "Bruneian"]),
    (
        "BO",
        "Bolivia",
        &[
            "Bolivia, Plurinational State of",
            "Plurinational State of Bolivia",
            "BOL",
            "Bolivia (Plurinational State of)",
            "Bolivian",
        ],
    ),
    ("BQ", "Bonaire, Sint Eustatius and Saba", &["BES"]),
    (
        "BR",
        "Brazil",
        &["Federative Republic of Brazil", "BRA", "Brazilian"],
    ),
    (
        "BS",
        "Bahamas",
        &[
            "Commonwealth of the Bahamas",
            "BHS",
            "The Bahamas",
            "Bahamian",
        ],
    ),
    ("BT", "Bhutan", &["Kingdom of Bhutan", "BTN"]),
    ("BV", "Bouvet Island", &["BVT"]),
    (
        "BW",
        "Botswana",
        &["Republic of Botswana", "BWA", "Botswanan", "Motswana"],
    ),
    (
        "BY",
        "Belarus",
        &[
            "Republic of Belarus",
            "BLR",
            "Belarusian",
            "Byelorussian",
            "Belorussia",
        ],
    ),
    ("BZ", "Belize", &["BLZ"]),
    ("CA", "Canada", &["CAN", "Canadian"]),
    ("CC", "Cocos (Keeling) Islands", &["CCK"]),
    (
        "CD",
        "Democratic Republic of the Congo",
        &[
            "Congo, The Democratic Republic of the",
            "COD",
            "DRC",
            "DR Congo",
            "Democratic Republic of Congo",
            "Congo-Kinshasa",
            "Congo (Kinshasa)",
            "Zaire",
            "Congolese",
        ],
    ),
    (
        "CF",
        "Central African Republic",
        &["CAF", "Central African"],
    ),
    (
        "CG",
        "Congo",
        &[
            "Republic of the Congo",
            "COG",
            "Congo-Brazzaville",
            "Congo Brazzaville",
            "Congo (Brazzaville)",
            "Congo, Republic of the",
        ],
    ),
    (
        "CH",
        "Switzerland",
        &["Swiss Confederation", "CHE", "Swiss"],
    ),
    (
        "CI",
        "Côte d'Ivoire",
        &[
            "Republic of Côte d'Ivoire",
            "CIV",
            "Cote d'Ivoire",
            "Ivory Coast",
            "Ivorian",
        ],
    ),
    ("CK", "Cook Islands", &["COK"]),
    ("CL", "Chile", &["Republic of Chile", "CHL", "Chilean"]),
    (
        "CM",
        "Cameroon",
        &["Republic of Cameroon", "CMR", "Cameroonian"],
    ),
    (
        "CN",
        "China",
        &["People's Republic of China", "CHN", "Chinese", "PRC"],
    ),
    (
        "CO",
        "Colombia",
        &["Republic of Colombia", "COL", "Colombian"],
    ),
    (
        "CR",
        "Costa Rica",
        &["Republic of Costa Rica", "CRI", "Costa Rican"],
    ),
    ("CU", "Cuba", &["Republic of Cuba", "CUB", "Cuban"]),
    (
        "CV",
        "Cabo Verde",
        &[
            "Republic of Cabo Verde",
            "CPV",
            "Cape Verde",
            "Cape Verdean",
        ],
    ),
    ("CW", "Curaçao", &["CUW"]),
    ("CX", "Christmas Island", &["CXR"]),
    ("CY", "Cyprus", &["Republic of Cyprus", "CYP", "Cypriot"]),
    ("CZ", "Czechia", &["Czech Republic", "CZE", "Czech"]),
    (
        "DE",
        "Germany",
        &[
            "Federal Republic of Germany",
            "DEU",
            "German",
            "Deutschland",
        ],
    ),
    (
        "DJ",
        "Djibouti",
        &["Republic of Djibouti", "DJI", "Djiboutian"],
    ),
    ("DK", "Denmark", &["Kingdom of Denmark", "DNK", "Danish"]),
    ("DM", "Dominica", &["Commonwealth of Dominica", "DMA"]),
    ("DO", "Dominican Republic", &["DOM", "Dominican"]),
    (
        "DZ",
        "Algeria",
        &["People's Democratic Republic of Algeria", "DZA", "Algerian"],
    ),
    (
        "EC",
        "Ecuador",
        &["Republic of Ecuador", "ECU", "Ecuadorian"],
    ),
    ("EE", "Estonia", &["Republic of Estonia", "EST", "Estonian"]),
    (
        "EG",
        "Egypt",
        &["Arab Republic of Egypt", "EGY", "Egyptian"],
    ),
    ("EH", "Western Sahara", &["ESH"]),
    (
        "ER",
        "Eritrea",
        &["the State of Eritrea", "ERI", "Eritrean"],
    ),
    ("ES", "Spain", &["Kingdom of Spain", "ESP", "Spanish"]),
    (
        "ET",
        "Ethiopia",
        &[
            "Federal Democratic Republic of Ethiopia",
            "ETH",
            "Ethiopian",
        ],
    ),
    ("FI", "Finland", &["Republic of Finland", "FIN", "Finnish"]),
    ("FJ", "Fiji", &["Republic of Fiji", "FJI"]),
    ("FK", "Falkland Islands (Malvinas)", &["FLK"]),
    (
        "FM",
        "Micronesia, Federated States of",
        &[
            "Federated States of Micronesia",
            "FSM",
            "Micronesia",
            "Micronesia (Federated States of)",
        ],
    ),
    ("FO", "Faroe Islands", &["FRO"]),
    ("FR", "France", &["French Republic", "FRA", "French"]),
    ("GA", "Gabon", &["Gabonese Republic", "GAB", "Gabonese"]),
    (
        "GB",
        "United Kingdom",
        &[
            "United Kingdom of Great Britain and Northern Ireland",
            "GBR",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "British",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "English",
            "Scottish",
            "Welsh",
        ],
    ),
    ("GD", "Grenada", &["GRD"]),
    ("GE", "Georgia", &["GEO", "Georgian"]),
    ("GF", "French Guiana", &["GUF"]),
    ("GG", "Guernsey", &["GGY"]),
    ("GH", "Ghana", &["Republic of Ghana", "GHA", "Ghanaian"]),
    ("GI", "Gibraltar", &["GIB"]),
    ("GL", "Greenland", &["GRL"]),
    (
        "GM",
        "Gambia",
        &["Republic of the Gambia", "GMB", "The Gambia", "Gambian"],
    ),
    ("GN", "Guinea", &["Republic of Guinea", "GIN", "Guinean"]),
    ("GP", "Guadeloupe", &["GLP"]),
    (
        "GQ",
        "Equatorial Guinea",
        &["Republic of Equatorial Guinea", "GNQ", "Equatoguinean"],
    ),
    ("GR", "Greece", &["Hellenic Republic", "GRC", "Greek"]),
    (
        "GS",
        "South Georgia and the South Sandwich Islands",
        &["SGS"],
    ),
    (
        "GT",
        "Guatemala",
        &["Republic of Guatemala", "GTM", "Guatemalan"],
    ),
    ("GU", "Guam", &["GUM"]),
    (
        "GW",
        "Guinea-Bissau",
        &["Republic of Guinea-Bissau", "GNB", "Bissau-Guinean"],
    ),
    ("GY", "Guyana", &["Republic of Guyana", "GUY"]),
    (
        "HK",
        "Hong Kong",
        &[
            "Hong Kong Special Administrative Region of China",
            "HKG",
            "Hong Kong SAR",
            "Hong Kong, China",
        ],
    ),
    ("HM", "Heard Island and McDonald Islands", &["HMD"]),
    (
        "HN",
        "Honduras",
        &["Republic of Honduras", "HND", "Honduran"],
    ),
    ("HR", "Croatia", &["Republic of Croatia", "HRV", "Croatian"]),
    ("HT", "Haiti", &["Republic of Haiti", "HTI", "Haitian"]),
    ("HU", "Hungary", &["HUN", "Hungarian"]),
    (
        "ID",
        "Indonesia",
        &["Republic of Indonesia", "IDN", "Indonesian"],
    ),
    ("IE", "Ireland", &["IRL", "Irish"]),
    ("IL", "Israel", &["State of Israel", "ISR", "Israeli"]),
    ("IM", "Isle of Man", &["IMN"]),
    ("IN", "India", &["Republic of India", "IND", "Indian"]),
    ("IO", "British Indian Ocean Territory", &["IOT"]),
    ("IQ", "Iraq", &["Republic of Iraq", "IRQ", "Iraqi"]),
    (
        "IR",
        "Iran",
        &[
            "Iran, Islamic Republic of",
            "Islamic Republic of Iran",
            "IRN",
            "Iran (Islamic Republic of)",
            "Iranian",
            "Persia",
        ],
    ),
    (
        "IS",
        "Iceland",
        &["Republic of Iceland", "ISL", "Icelandic"],
    ),
    ("IT", "Italy", &["Italian Republic", "ITA", "Italian"]),
    ("JE", "Jersey", &["JEY"]),
    ("JM", "Jamaica", &["JAM", "Jamaican"]),
    (
        "JO",
        "Jordan",
        &["Hashemite Kingdom of Jordan", "JOR", "Jordanian"],
    ),
    ("JP", "Japan", &["JPN", "Japanese"]),
    ("KE", "Kenya", &["Republic of Kenya", "KEN", "Kenyan"]),
    (
        "KG",
        "Kyrgyzstan",
        &[
            "Kyrgyz Republic",
            "KGZ",
            "Kyrgyz",
            "Kyrgyzstani",
            "Kirghizia",
        ],
    ),
    (
        "KH",
        "Cambodia",
        &["Kingdom of Cambodia", "KHM", "Cambodian"],
    ),
    ("KI", "Kiribati", &["Republic of Kiribati", "KIR"]),
    (
        "KM",
        "Comoros",
        &["Union of the Comoros", "COM", "Comorian"],
    ),
    ("KN", "Saint Kitts and Nevis", &["KNA"]),
    (
        "KP",
        "North Korea",
        &[
            "Korea, Democratic People's Republic of",
            "Democratic People's Republic of Korea",
            "PRK",
            "DPRK",
            "D.P.R.K.",
            "Korea, North",
            "North Korean",
            "Korea (Democratic People's Republic of)",
            "Korea, Democratic People's Republic",
            "RPDC",
        ],
    ),
    (
        "KR",
        "South Korea",
        &[
            "Korea, Republic of",
            "KOR",
            "Republic of Korea",
            "Korea, South",
            "South Korean",
            "Korea (Republic of)",
        ],
    ),
    ("KW", "Kuwait", &["State of Kuwait", "KWT", "Kuwaiti"]),
    ("KY", "Cayman Islands", &["CYM"]),
    (
        "KZ",
        "Kazakhstan",
        &["Republic of Kazakhstan", "KAZ", "Kazakh", "Kazakhstani"],
    ),
    (
        "LA",
        "Laos",
        &["Lao People's Democratic Republic", "LAO", "Lao", "Laotian"],
    ),
    ("LB", "Lebanon", &["Lebanese Republic", "LBN", "Lebanese"]),
    ("LC", "Saint Lucia", &["LCA"]),
    (
        "LI",
        "Liechtenstein",
        &["Principality of Liechtenstein", "LIE"],
    ),
    (
        "LK",
        "Sri Lanka",
        &[
            "Democratic Socialist Republic of Sri Lanka",
            "LKA",
            "Sri Lankan",
        ],
    ),
    ("LR", "Liberia", &["Republic of Liberia", "LBR", "Liberian"]),
    ("LS", "Lesotho", &["Kingdom of Lesotho", "LSO"]),
    (
        "LT",
        "Lithuania",
        &["Republic of Lithuania", "LTU", "Lithuanian"],
    ),
    ("LU", "Luxembourg", &["Grand Duchy of Luxembourg", "LUX"]),
    ("LV", "Latvia", &["Republic of Latvia", "LVA", "Latvian"]),
    (
        "LY",
        "Libya",
        &[
            "LBY",
            "Libyan",
            "Libyan Arab Jamahiriya",
            "Socialist People's Libyan Arab Jamahiriya",
        ],
    ),
    ("MA", "Morocco", &["Kingdom of Morocco", "MAR", "Moroccan"]),
    ("MC", "Monaco", &["Principality of Monaco", "MCO"]),
    (
        "MD",
        "Moldova",
        &[
            "Moldova, Republic of",
            "Republic of Moldova",
            "MDA",
            "Moldovan",
        ],
    ),
    ("ME", "Montenegro", &["MNE", "Montenegrin"]),
    ("MF", "Saint Martin (French part)", &["MAF"]),
    (
        "MG",
        "Madagascar",
        &["Republic of Madagascar", "MDG", "Malagasy"],
    ),
    (
        "MH",
        "Marshall Islands",
        &["Republic of the Marshall Islands", "MHL"],
    ),
    (
        "MK",
        "North Macedonia",
        &[
            "Republic of North Macedonia",
            "MKD",
            "Macedonia",
            "The former Yugoslav Republic of Macedonia",
            "Former Yugoslav Republic of Macedonia",
            "FYROM",
            "Macedonian",
        ],
    ),
    ("ML", "Mali", &["Republic of Mali", "MLI", "Malian"]),
    (
        "MM",
        "Myanmar",
        &[
            "Republic of Myanmar",
            "MMR",
            "Burma",
            "Burmese",
            "Myanmarese",
        ],
    ),
    ("MN", "Mongolia", &["MNG", "Mongolian"]),
    (
        "MO",
        "Macao",
        &[
            "Macao Special Administrative Region of China",
            "MAC",
            "Macau",
            "Macao SAR",
        ],
    ),
    (
        "MP",
        "Northern Mariana Islands",
        &["Commonwealth of the Northern Mariana Islands", "MNP"],
    ),
    ("MQ", "Martinique", &["MTQ"]),
    (
        "MR",
        "Mauritania",
        &["Islamic Republic of Mauritania", "MRT", "Mauritanian"],
    ),
    ("MS", "Montserrat", &["MSR"]),
    ("MT", "Malta", &["Republic of Malta", "MLT", "Maltese"]),
    (
        "MU",
        "Mauritius",
        &["Republic of Mauritius", "MUS", "Mauritian"],
    ),
    (
        "MV",
        "Maldives",
        &["Republic of Maldives", "MDV", "Maldivian"],
    ),
    ("MW", "Malawi", &["Republic of Malawi", "MWI", "Malawian"]),
    ("MX", "Mexico", &["United Mexican States", "MEX", "Mexican"]),
    ("MY", "Malaysia", &["MYS", "Malaysian"]),
    (
        "MZ",
        "Mozambique",
        &["Republic of Mozambique", "MOZ", "Mozambican"],
    ),
    ("NA", "Namibia", &["Republic of Namibia", "NAM", "Namibian"]),
    ("NC", "New Caledonia", &["NCL"]),
    ("NE", "Niger", &["Republic of the Niger", "NER", "Nigerien"]),
    ("NF", "Norfolk Island", &["NFK"]),
    (
        "NG",
        "Nigeria",
        &["Federal Republic of Nigeria", "NGA", "Nigerian"],
    ),
    (
        "NI",
        "Nicaragua",
        &["Republic of Nicaragua", "NIC", "Nicaraguan"],
    ),
    (
        "NL",
        "Netherlands",
        &[
            "Kingdom of the Netherlands",
            "NLD",
            "The Netherlands",
            "Holland",
            "Dutch",
        ],
    ),
    ("NO", "Norway", &["Kingdom of Norway", "NOR", "Norwegian"]),
    (
        "NP",
        "Nepal",
        &[
            "Federal Democratic Republic of Nepal",
            "NPL",
            "Nepalese",
            "Nepali",
        ],
    ),
    ("NR", "Nauru", &["Republic of Nauru", "NRU"]),
    ("NU", "Niue", &["NIU"]),
    ("NZ", "New Zealand", &["NZL", "New Zealander"]),
    ("OM", "Oman", &["Sultanate of Oman", "OMN", "Omani"]),
    ("PA", "Panama", &["Republic of Panama", "PAN", "Panamanian"]),
    ("PE", "Peru", &["Republic of Peru", "PER", "Peruvian"]),
    ("PF", "French Polynesia", &["PYF"]),
    (
        "PG",
        "Papua New Guinea",
        &[
            "Independent State of Papua New Guinea",
            "PNG",
            "Papua New Guinean",
        ],
    ),
    (
        "PH",
        "Philippines",
        &[
            "Republic of the Philippines",
            "PHL",
            "Filipino",
            "Philippine",
        ],
    ),
    (
        "PK",
        "Pakistan",
        &["Islamic Republic of Pakistan", "PAK", "Pakistani"],
    ),
    ("PL", "Poland", &["Republic of Poland", "POL", "Polish"]),
    ("PM", "Saint Pierre and Miquelon", &["SPM"]),
    ("PN", "Pitcairn", &["PCN"]),
    ("PR", "Puerto Rico", &["PRI"]),
    (
        "PS",
        "Palestine, State of",
        &[
            "the State of Palestine",
            "PSE",
            "Palestine",
            "State of Palestine",
            "Occupied Palestinian Territory",
            "Palestinian Territories",
            "Palestinian Territory",
            "Palestinian",
            "Gaza",
            "Gaza Strip",
            "West Bank",
        ],
    ),
    (
        "PT",
        "Portugal",
        &["Portuguese Republic", "PRT", "Portuguese"],
    ),
    ("PW", "Palau", &["Republic of Palau", "PLW"]),
    (
        "PY",
        "Paraguay",
        &["Republic of Paraguay", "PRY", "Paraguayan"],
    ),
    ("QA", "Qatar", &["State of Qatar", "QAT", "Qatari"]),
    ("RE", "Réunion", &["REU"]),
    ("RO", "Romania", &["ROU", "Romanian"]),
    ("RS", "Serbia", &["Republic of Serbia", "SRB", "Serbian"]),
    ("RU", "Russian Federation", &["RUS", "Russia", "Russian"]),
    ("RW", "Rwanda", &["Rwandese Republic", "RWA", "Rwandan"]),
    (
        "SA",
        "Saudi Arabia",
        &["Kingdom of Saudi Arabia", "SAU", "Saudi", "KSA"],
    ),
    ("SB", "Solomon Islands", &["SLB"]),
    ("SC", "Seychelles", &["Republic of Seychelles", "SYC"]),
    ("SD", "Sudan", &["Republic of the Sudan", "SDN", "Sudanese"]),
    ("SE", "Sweden", &["Kingdom of Sweden", "SWE", "Swedish"]),
    (
        "SG",
        "Singapore",
        &["Republic of Singapore", "SGP", "Singaporean"],
    ),
    (
        "SH",
        "Saint Helena, Ascension and Tristan da Cunha",
        &["SHN"],
    ),
    (
        "SI",
        "Slovenia",
        &["Republic of Slovenia", "SVN", "Slovenian", "Slovene"],
    ),
    ("SJ", "Svalbard and Jan Mayen", &["SJM"]),
    ("SK", "Slovakia", &["Slovak Republic", "SVK", "Slovak"]),
    (
        "SL",
        "Sierra Leone",
        &["Republic of Sierra Leone", "SLE", "Sierra Leonean"],
    ),
    ("SM", "San Marino", &["Republic of San Marino", "SMR"]),
    (
        "SN",
        "Senegal",
        &["Republic of Senegal", "SEN", "Senegalese"],
    ),
    (
        "SO",
        "Somalia",
        &["Federal Republic of Somalia", "SOM", "Somali", "Somalian"],
    ),
    ("SR", "Suriname", &["Republic of Suriname", "SUR"]),
    (
        "SS",
        "South Sudan",
        &["Republic of South Sudan", "SSD", "South Sudanese"],
    ),
    (
        "ST",
        "Sao Tome and Principe",
        &["Democratic Republic of Sao Tome and Principe", "STP"],
    ),
    (
        "SV",
        "El Salvador",
        &["Republic of El Salvador", "SLV", "Salvadoran"],
    ),
    ("SX", "Sint Maarten (Dutch part)", &["SXM"]),
    ("SY", "Syria", &["Syrian Arab Republic", "SYR", "Syrian"]),
    (
        "SZ",
        "Eswatini",
        &["Kingdom of Eswatini", "SWZ", "Swaziland", "Swazi"],
    ),
    ("TC", "Turks and Caicos Islands", &["TCA"]),
    ("TD", "Chad", &["Republic of Chad", "TCD", "Chadian"]),
    ("TF", "French Southern Territories", &["ATF"]),
    ("TG", "Togo", &["Togolese Republic", "TGO", "Togolese"]),
    ("TH", "Thailand", &["Kingdom of Thailand", "THA", "Thai"]),
    (
        "TJ",
        "Tajikistan",
        &["Republic of Tajikistan", "TJK", "Tajik", "Tajikistani"],
    ),
    ("TK", "Tokelau", &["TKL"]),
    (
        "TL",
        "Timor-Leste",
        &[
            "Democratic Republic of Timor-Leste",
            "TLS",
            "East Timor",
            "Timorese",
        ],
    ),
    ("TM", "Turkmenistan", &["TKM", "Turkmen"]),
    ("TN", "Tunisia", &["Republic of Tunisia", "TUN", "Tunisian"]),
    ("TO", "Tonga", &["Kingdom of Tonga", "TON"]),
    (
        "TR",
        "Türkiye",
        &["Republic of Türkiye", "TUR", "Turkey", "Turkiye", "Turkish"],
    ),
    (
        "TT",
        "Trinidad and Tobago",
        &[
            "Republic of Trinidad and Tobago",
            "TTO",
            "Trinidadian",
            "Trinidad",
        ],
    ),
    ("TV", "Tuvalu", &["TUV"]),
    (
        "TW",
        "Taiwan",
        &[
            "Taiwan, Province of China",
            "TWN",
            "Taiwanese",
            "Republic of China",
        ],
    ),
    (
        "TZ",
        "Tanzania",
        &[
            "Tanzania, United Republic of",
            "United Republic of Tanzania",
            "TZA",
            "Tanzanian",
        ],
    ),
    ("UA", "Ukraine", &["UKR", "Ukrainian"]),
    ("UG", "Uganda", &["Republic of Uganda", "UGA", "Ugandan"]),
    ("UM", "United States Minor Outlying Islands", &["UMI"]),
    (
        "US",
        "United States",
        &[
            "United States of America",
            "USA",
            "U.S.A.",
            "U.S.",
            "America",
            "American",
        ],
    ),
    (
        "UY",
        "Uruguay",
        &["Eastern Republic of Uruguay", "URY", "Uruguayan"],
    ),
    (
        "UZ",
        "Uzbekistan",
        &["Republic of Uzbekistan", "UZB", "Uzbek", "Uzbekistani"],
    ),
    (
        "VA",
        "Holy See (Vatican City State)",
        &["VAT", "Vatican", "Vatican City"],
    ),
    ("VC", "Saint Vincent and the Grenadines", &["VCT"]),
    (
        "VE",
        "Venezuela",
        &[
            "Venezuela, Bolivarian Republic of",
            "Bolivarian Republic of Venezuela",
            "VEN",
            "Venezuela (Bolivarian Republic of)",
            "Venezuelan",
        ],
    ),
    (
        "VG",
        "Virgin Islands, British",
        &["British Virgin Islands", "VGB"],
    ),
    (
        "VI",
        "Virgin Islands, U.S.",
        &["Virgin Islands of the United States", "VIR"],
    ),
    (
        "VN",
        "Vietnam",
        &[
            "Viet Nam",
            "Socialist Republic of Viet Nam",
            "VNM",
            "Vietnamese",
        ],
    ),
    ("VU", "Vanuatu", &["Republic of Vanuatu", "VUT"]),
    ("WF", "Wallis and Futuna", &["WLF"]),
    ("WS", "Samoa", &["Independent State of Samoa", "WSM"]),
    ("XK", "Kosovo", &["XKX", "Kosovar", "Republic of Kosovo"]),
    ("YE", "Yemen", &["Republic of Yemen", "YEM", "Yemeni"]),
    ("YT", "Mayotte", &["MYT"]),
    (
        "ZA",
        "South Africa",
        &["Republic of South Africa", "ZAF", "South African"],
    ),
    ("ZM", "Zambia", &["Republic of Zambia", "ZMB", "Zambian"]),
    (
        "ZW",
        "Zimbabwe",
        &["Republic of Zimbabwe", "ZWE", "Zimbabwean"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<&str>) {
        assert_eq!(
            CountryCode::resolve(input)
                .map(|c| c.as_str().to_string())
                .as_deref(),
            expect,
            "input {input:?}"
        );
    }

    #[test]
    fn resolves_list_spellings() {
        check("Afghanistan", Some("af"));
        check("Iran (Islamic Republic of)", Some("ir"));
        check("Democratic People's Republic of Korea", Some("kp"));
        check("Republic of Korea", Some("kr"));
        check("Russian Federation", Some("ru"));
        check(
            "United Kingdom of Great Britain and Northern Ireland",
            Some("gb"),
        );
        check("Syrian Arab Republic", Some("sy"));
        check("United Republic of Tanzania", Some("tz"));
        check("State of Palestine", Some("ps"));
        check("Türkiye", Some("tr"));
        check("Democratic Republic of the Congo", Some("cd"));
        check("Congo", Some("cg"));
        check("Côte d'Ivoire", Some("ci"));
        check("Cote d’Ivoire", Some("ci"));
        check("Viet Nam", Some("vn"));
        check("Venezuela ", Some("ve"));
        check("Bolivia (Plurinational State of)", Some("bo"));
        check("Libyan Arab Jamahiriya", Some("ly"));
        check("the Netherlands", Some("nl"));
        check("Kosovo", Some("xk"));
        check("Branch Office 11: Iran", Some("ir"));
        check("Indonesian passport", Some("id"));
        check("Hong Kong Special Administrative Region", Some("hk"));
        check("Saudi Arabian", Some("sa"));
        check("RPDC", Some("kp"));
    }

    #[test]
    fn resolves_codes_and_demonyms() {
        check("pk", Some("pk"));
        check("PK", Some("pk"));
        check("USA", Some("us"));
        check("Pakistani", Some("pk"));
        check("British", Some("gb"));
        check("United Arab Emirates", Some("ae"));
    }

    #[test]
    fn refuses_what_is_not_one_country() {
        check("former Soviet Union", None);
        check("Sudan/South Sudan", None);
        check("Bread and butter", None);
        check("", None);
        check("zz", None);
        check("Atlantis", None);
    }

    #[test]
    fn names_and_serde() {
        let c = CountryCode::resolve("Pakistan").unwrap();
        assert_eq!(c.name(), "Pakistan");
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"pk\"");
        assert_eq!(serde_json::from_str::<CountryCode>("\"PK\"").unwrap(), c);
    }
}
