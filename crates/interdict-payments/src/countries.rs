//! Countries under country-wide sanctions programmes: a payment with an agent whose BIC is of
//! such a country (its characters 5 and 6), or a party whose address is in one, is held with
//! the programme named. The table is the programmes in force as of 2026, from the
//! regulators' own programme pages (OFAC's sanctions programs and country information, the EU
//! sanctions map, the UK's sanctions regimes); a bank adds or removes countries by its own
//! policy.

use serde::Serialize;

/// A country-wide programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountryProgramme {
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// The country's name.
    pub name: &'static str,
    /// The programmes, as the regulators name them.
    pub programmes: &'static str,
}

/// The countries, by code.
const PROGRAMMES: &[CountryProgramme] = &[
    CountryProgramme {
        country: "BY",
        name: "Belarus",
        programmes: "OFAC Belarus sanctions (EO 14038); EU Regulation 765/2006; UK Belarus regime",
    },
    CountryProgramme {
        country: "CU",
        name: "Cuba",
        programmes: "OFAC Cuban Assets Control Regulations (31 CFR 515)",
    },
    CountryProgramme {
        country: "IR",
        name: "Iran",
        programmes: "OFAC Iranian Transactions and Sanctions Regulations (31 CFR 560); EU Regulation 267/2012; UK Iran regimes",
    },
    CountryProgramme {
        country: "KP",
        name: "North Korea",
        programmes: "UN Security Council resolution 1718 regime; OFAC North Korea Sanctions Regulations (31 CFR 510); EU Regulation 2017/1509",
    },
    CountryProgramme {
        country: "RU",
        name: "Russia",
        programmes: "OFAC Russian Harmful Foreign Activities Sanctions (EO 14024); EU Regulations 833/2014 and 269/2014; UK Russia regime",
    },
    CountryProgramme {
        country: "SY",
        name: "Syria",
        programmes: "EU Regulation 36/2012 (as amended in 2025); UK Syria regime",
    },
    CountryProgramme {
        country: "VE",
        name: "Venezuela",
        programmes: "OFAC Venezuela-related sanctions (EO 13884: Government of Venezuela)",
    },
];

/// The programme of a country code (`IR`, `ir`), if the country is under one.
pub fn country_programme(code: &str) -> Option<&'static CountryProgramme> {
    let code = code.trim();
    PROGRAMMES
        .iter()
        .find(|p| p.country.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_whatever_their_case() {
        assert_eq!(country_programme("ir").map(|p| p.name), Some("Iran"));
        assert_eq!(country_programme(" KP ").map(|p| p.country), Some("KP"));
        assert!(country_programme("DE").is_none());
        assert!(country_programme("").is_none());
    }
}
