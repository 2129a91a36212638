//! OFAC-style remarks: "DOB 07 Aug 1979; POB Karachi, Pakistan; nationality Pakistan;
//! Passport AB123456 (Pakistan); Gender Male; Linked To: ANSAR BANK; Vessel Registration
//! Identification IMO 1234567; ..." turned into the entity's fields. The whole text is also kept
//! as a remark, so nothing is lost when an item is not understood.

use crate::crossref::un_refs_in;
use crate::dates::{parse_birth_dates, parse_date, Order};
use interdict_model::{
    Address, Country, Detail, Entity, Gender, IdKind, Identifier, Link, Name, NameKind,
};

/// Items whose value is a date of birth or of establishment.
const DATE_PREFIXES: [&str; 4] = [
    "dob ",
    "alt. dob ",
    "organization established date ",
    "date of birth ",
];

/// Identifier labels whose kind is not evident from the words ("NIT #", "R.F.C.").
fn id_kind(label: &str) -> IdKind {
    let l = label.to_ascii_lowercase();
    if l.contains("imo") {
        IdKind::Imo
    } else if l.starts_with("mmsi") {
        IdKind::Mmsi
    } else if l.contains("tail number") || l.contains("serial number (msn)") {
        IdKind::AircraftRegistration
    } else if l.contains("nit")
        || l.contains("r.f.c")
        || l.contains("ruc")
        || l.contains("v.a.t")
        || l.contains("tax")
        || l.contains("cuit")
    {
        IdKind::TaxId
    } else if l.contains("cedula")
        || l.contains("c.u.r.p")
        || l.contains("d.n.i")
        || l.contains("identification")
        || l.contains("national id")
        || l.contains("personal id")
        || l.contains("id card")
        || l.contains("id no")
    {
        IdKind::NationalId
    } else if l.contains("registration")
        || l.contains("company number")
        || l.contains("registry")
        || l.contains("license")
        || l.contains("d-u-n-s")
        || l.contains("mercantil")
        || l.contains("c.r. no")
        || l.contains("credit code")
    {
        IdKind::Registration
    } else {
        IdKind::from_label(label)
    }
}

/// Item labels that carry a number but are not identifiers.
fn is_detail_label(lower: &str) -> bool {
    [
        "vessel year of build",
        "vessel type",
        "vessel flag",
        "former vessel flag",
        "vessel owner",
        "tonnage",
        "gross registered tonnage",
        "aircraft model",
        "aircraft manufacture date",
        "aircraft operator",
        "aircraft manufacturer",
        "executive order",
        "additional sanctions information",
        "secondary sanctions risk",
        "transactions prohibited",
        "ifca determination",
        "caatsa",
        "effective date",
        "listing date",
        "website",
        "email address",
        "phone number",
        "telephone",
        "fax",
        "organization type",
        "target type",
        "equity ticker",
        "isin",
        "scientific studies",
        "for more information",
        "all offices",
        "sanctions information",
        "icty",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Splits remarks into items at semicolons outside quotes.
fn items(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' => {
                // An apostrophe inside a word (O'Brien) is not a quote.
                let inside_word = i > 0
                    && b[i - 1].is_ascii_alphabetic()
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
                if !inside_word {
                    in_quote = !in_quote;
                }
            }
            b';' if !in_quote => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads `remarks` and adds what it says to `e`; keeps the text itself as a remark. Names quoted
/// after "a.k.a." become aliases of kind `alias_kind` unless already present.
pub(crate) fn apply(remarks: &str, e: &mut Entity) {
    let remarks = remarks.trim();
    if remarks.is_empty() {
        return;
    }
    e.remarks.push(remarks.to_string());
    for r in un_refs_in(remarks) {
        if !e.external_refs.contains(&r) {
            e.external_refs.push(r);
        }
    }
    for item in items(remarks) {
        apply_item(item, e);
    }
}

/// Reads one remarks item ("DOB 07 Aug 1979", "Passport AB123 (Pakistan)") into `e`.
pub(crate) fn apply_item(item: &str, e: &mut Entity) {
    let lower = item.to_ascii_lowercase();
    if let Some(p) = DATE_PREFIXES.iter().find(|p| lower.starts_with(*p)) {
        for d in parse_birth_dates(&item[p.len()..], Order::DayFirst) {
            if !e.birth_dates.contains(&d) {
                e.birth_dates.push(d);
            }
        }
        return;
    }
    if let Some(rest) = strip_any(item, &lower, &["pob ", "alt. pob "]) {
        let place = parse_place(rest);
        if !e.birth_places.contains(&place) {
            e.birth_places.push(place);
        }
        return;
    }
    if let Some(rest) = strip_any(
        item,
        &lower,
        &[
            "nationality ",
            "alt. nationality ",
            "citizen ",
            "alt. citizen ",
        ],
    ) {
        let c = Country::from_text(rest);
        if !e.nationalities.contains(&c) {
            e.nationalities.push(c);
        }
        return;
    }
    if let Some(rest) = strip_any(item, &lower, &["gender "]) {
        e.gender = Gender::parse(rest).or(e.gender);
        return;
    }
    for (prefix, kind) in [
        ("a.k.a. ", NameKind::Alias),
        ("f.k.a. ", NameKind::Former),
        ("n.k.a. ", NameKind::Alias),
    ] {
        if let Some(rest) = strip_any(item, &lower, &[prefix]) {
            let name = rest.trim().trim_matches(['\'', '"']).trim();
            if !name.is_empty() && !e.names.iter().any(|n| n.full.eq_ignore_ascii_case(name)) {
                e.names.push(Name::new(name, kind));
            }
            return;
        }
    }
    if let Some(rest) = strip_any(item, &lower, &["linked to: ", "linked to "]) {
        e.links.push(Link {
            relation: "linked to".into(),
            name: Some(rest.trim().to_string()),
            source_text: Some(item.trim().to_string()),
            ..Link::default()
        });
        return;
    }
    // "SWIFT/BIC HAVIGB2L": a bank's code, which payment messages carry (many have no digit,
    // so the general rule below would not take them for a number).
    if let Some(rest) = strip_any(item, &lower, &["swift/bic ", "alt. swift/bic ", "swift "]) {
        let bic = rest
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '.']);
        if (8..=11).contains(&bic.len()) {
            let id = Identifier {
                kind: IdKind::Other,
                label: "SWIFT/BIC".into(),
                number: bic.to_string(),
                country: None,
                issued: None,
                note: None,
            };
            if !e
                .identifiers
                .iter()
                .any(|i| i.normalised() == id.normalised())
            {
                e.identifiers.push(id);
            }
            return;
        }
    }
    if let Some(id) = parse_identifier(item, &lower) {
        if !e
            .identifiers
            .iter()
            .any(|i| i.normalised() == id.normalised() && i.kind == id.kind)
        {
            e.identifiers.push(id);
        }
        return;
    }
    let (label, value) = split_label(item);
    e.details.push(Detail {
        label: label.to_string(),
        value: value.to_string(),
    });
}

fn strip_any<'a>(item: &'a str, lower: &str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| item[p.len()..].trim())
}

/// "Karachi, Pakistan" → city and country (the last comma-separated part, if it is a country).
pub(crate) fn parse_place(text: &str) -> Address {
    let text = text.trim();
    let (head, tail) = match text.rsplit_once(',') {
        Some((h, t)) => (h.trim(), t.trim()),
        None => ("", text),
    };
    let country = Country::from_text(tail);
    if country.code.is_some() {
        Address {
            city: (!head.is_empty()).then(|| head.to_string()),
            country: Some(country),
            ..Address::default()
        }
    } else {
        Address {
            city: Some(text.to_string()),
            ..Address::default()
        }
    }
}

/// "Passport AB123456 (Pakistan) issued 01 Jan 2010 expires 01 Jan 2020",
/// "Vessel Registration Identification IMO 9187629", "NIT # 800175236-1 (Colombia)".
fn parse_identifier(item: &str, lower: &str) -> Option<Identifier> {
    if is_detail_label(lower) {
        return None;
    }
    let words: Vec<&str> = item.split_whitespace().collect();
    let pos = words
        .iter()
        .position(|w| w.chars().any(|c| c.is_ascii_digit()))?;
    if pos == 0 {
        return None;
    }
    let label = words[..pos].join(" ");
    let looks_like_id = label.chars().all(|c| !c.is_ascii_digit())
        && (lower.contains("passport")
            || lower.contains("no.")
            || lower.contains("number")
            || lower.contains('#')
            || lower.contains(" id")
            || lower.starts_with("id")
            || lower.contains("imo")
            || lower.contains("mmsi")
            || lower.contains("r.f.c")
            || lower.contains("c.u.r.p")
            || lower.contains("d.n.i")
            || lower.contains("cedula")
            || lower.contains("registration")
            || lower.contains("license")
            || lower.contains("digital currency address"));
    if !looks_like_id {
        return None;
    }
    // The number: from the first word with a digit up to a bracket or a keyword.
    let mut number_words = Vec::new();
    let mut rest_at = words.len();
    for (i, w) in words.iter().enumerate().skip(pos) {
        let wl = w.to_ascii_lowercase();
        if w.starts_with('(') || ["issued", "expires", "expiration", "valid"].contains(&wl.as_str())
        {
            rest_at = i;
            break;
        }
        number_words.push(*w);
    }
    let number = number_words.join(" ").trim_end_matches(',').to_string();
    let rest = words[rest_at..].join(" ");
    let (country, note) = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((inside, after)) => (Some(Country::from_text(inside)), after.trim().to_string()),
        None => (None, rest.clone()),
    };
    let issued = note
        .split("issued ")
        .nth(1)
        .and_then(|s| parse_date(s.split(" expires").next().unwrap_or(s), Order::DayFirst));
    let label = label.trim_start_matches("alt. ").trim().to_string();
    Some(Identifier {
        kind: id_kind(&label),
        label,
        number,
        country: country.filter(|c| !c.text.is_empty()),
        issued,
        note: (!note.is_empty()).then_some(note),
    })
}

/// "Website www.example.com" → ("Website", "www.example.com"); "Additional Sanctions
/// Information - Subject to Secondary Sanctions" → split at " - "; otherwise the whole item is
/// the value.
fn split_label(item: &str) -> (&str, &str) {
    if let Some((l, v)) = item.split_once(": ") {
        return (l.trim(), v.trim());
    }
    if let Some((l, v)) = item.split_once(" - ") {
        return (l.trim(), v.trim());
    }
    for label in [
        "Website",
        "Email Address",
        "Phone Number",
        "Vessel Type",
        "Vessel Flag",
        "Vessel Year of Build",
        "Aircraft Model",
        "Aircraft Operator",
        "Tonnage",
        "Gross Registered Tonnage",
    ] {
        if let Some(v) = item.strip_prefix(label) {
            return (label, v.trim());
        }
    }
    ("Remark", item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{Provenance, Schema};

    fn entity(remarks: &str) -> Entity {
        let mut e = Entity::new(
            Schema::Person,
            "TEST",
            Provenance {
                list: "t".into(),
                list_version: "1".into(),
                reference: "1".into(),
                record_id: "1".into(),
            },
        );
        apply(remarks, &mut e);
        e
    }

    #[test]
    fn swift_codes_are_identifiers_with_or_without_digits() {
        let e = entity("SWIFT/BIC HAVIGB2L; Website www.example.com; alt. SWIFT/BIC BKTHTHBK.");
        let bics: Vec<(&str, &str)> = e
            .identifiers
            .iter()
            .map(|i| (i.label.as_str(), i.number.as_str()))
            .collect();
        assert_eq!(bics, [("SWIFT/BIC", "HAVIGB2L"), ("SWIFT/BIC", "BKTHTHBK")]);
    }

    #[test]
    fn person_remarks() {
        let e = entity("DOB 07 Aug 1979; alt. DOB circa 1978; POB Karachi, Pakistan; nationality Pakistan; citizen United Kingdom; Gender Male; Passport AB123456 (Pakistan) issued 01 Jan 2010 expires 01 Jan 2020; National ID No. 61101-9618232-1 (Pakistan); a.k.a. 'JUD'; Linked To: ANSAR BANK; Additional Sanctions Information - Subject to Secondary Sanctions.");
        let dobs: Vec<String> = e.birth_dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(dobs, ["1979-08-07", "c. 1978"]);
        assert_eq!(e.birth_places[0].one_line(), "Karachi, Pakistan");
        let nat: Vec<String> = e
            .nationalities
            .iter()
            .map(|c| c.code.unwrap().to_string())
            .collect();
        assert_eq!(nat, ["pk", "gb"]);
        assert_eq!(e.gender, Some(Gender::Male));
        assert_eq!(e.identifiers.len(), 2);
        let p = &e.identifiers[0];
        assert_eq!(
            (p.kind, p.label.as_str(), p.number.as_str()),
            (IdKind::Passport, "Passport", "AB123456")
        );
        assert_eq!(p.country.as_ref().unwrap().code.unwrap().to_string(), "pk");
        assert_eq!(p.issued.unwrap().to_string(), "2010-01-01");
        assert_eq!(e.identifiers[1].kind, IdKind::NationalId);
        assert_eq!(e.identifiers[1].number, "61101-9618232-1");
        assert!(e
            .names
            .iter()
            .any(|n| n.full == "JUD" && n.kind == NameKind::Alias));
        assert_eq!(e.links[0].name.as_deref(), Some("ANSAR BANK"));
        assert_eq!(e.details[0].label, "Additional Sanctions Information");
        assert_eq!(e.remarks.len(), 1, "the full text is kept");
    }

    #[test]
    fn vessel_and_company_remarks() {
        let e = entity("Vessel Registration Identification IMO 9187629; MMSI 572469210; Vessel Year of Build 1999; NIT # 800175236-1 (Colombia); Website www.example.com; Organization Established Date 2001");
        let ids: Vec<(IdKind, &str)> = e
            .identifiers
            .iter()
            .map(|i| (i.kind, i.number.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Imo, "9187629"),
                (IdKind::Mmsi, "572469210"),
                (IdKind::TaxId, "800175236-1")
            ]
        );
        let details: Vec<(&str, &str)> = e
            .details
            .iter()
            .map(|d| (d.label.as_str(), d.value.as_str()))
            .collect();
        assert_eq!(
            details,
            [
                ("Vessel Year of Build", "1999"),
                ("Website", "www.example.com")
            ]
        );
        assert_eq!(e.birth_dates[0].to_string(), "2001");
    }

    #[test]
    fn quoted_semicolons_do_not_split() {
        assert_eq!(
            items("a.k.a. 'X; Y'; DOB 1960"),
            ["a.k.a. 'X; Y'", "DOB 1960"]
        );
        assert_eq!(
            items("a.k.a. O'BRIEN; DOB 1960"),
            ["a.k.a. O'BRIEN", "DOB 1960"]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = entity(&s);
        }
    }
}
