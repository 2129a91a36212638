//! The UN parser on hand-written fixtures that reproduce every shape and quirk seen in the real
//! consolidated lists.

use interdict_lists::{load, Format};
use interdict_model::{DateValue, Gender, IdKind, NameKind, Schema};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn quirks() -> interdict_lists::ParsedList {
    load(&fixture("un_quirks.xml"))
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

#[test]
fn metadata() {
    let list = quirks();
    assert_eq!(list.meta.list, "un-sc");
    assert_eq!(list.meta.version, "2024-11-30");
    assert_eq!(list.meta.format, Format::UnXml);
    assert_eq!(
        list.entities.len(),
        3,
        "the record without a name is skipped"
    );
}

#[test]
fn warnings_name_the_line_and_the_problem() {
    let list = quirks();
    let text: Vec<String> = list.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("900002") && w.contains("no name; skipped")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("<FAVOURITE_COLOUR>") && w.starts_with("line ")),
        "{text:?}"
    );
}

#[test]
fn individual_with_every_field() {
    let list = quirks();
    let e = &list.entities[0];
    assert_eq!(e.id, "un-sc:900001");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(
        e.caption, "RI CHOL HO",
        "untrimmed and wrapped name parts are cleaned"
    );
    assert_eq!(e.provenance.reference, "KPi.901");
    assert_eq!(
        e.listed_on.unwrap().to_string(),
        "2015-04-14",
        "time-zone suffix tolerated"
    );
    assert_eq!(e.gender, Some(Gender::Male));
    assert_eq!(e.programmes, ["DPRK"]);
    assert_eq!(e.titles, ["Dr", "General"]);
    assert_eq!(e.positions, ["Director"]);
    assert_eq!(e.names[0].parts.len(), 2);

    let names: Vec<(NameKind, &str)> = e.names.iter().map(|n| (n.kind, n.full.as_str())).collect();
    assert_eq!(
        names,
        [
            (NameKind::Primary, "RI CHOL HO"),
            (NameKind::OriginalScript, "리철호"),
            (NameKind::Alias, "Ri Chol-Ho"),
            (NameKind::WeakAlias, "Chol"),
            (NameKind::Alias, "Haji Gul"),
            (NameKind::OriginalScript, "حاجی گل"),
        ]
    );
    assert_eq!(e.names[4].note.as_deref(), Some("passport number TR024417"));

    let codes: Vec<String> = e
        .nationalities
        .iter()
        .map(|c| c.code.unwrap().to_string())
        .collect();
    assert_eq!(codes, ["kp"], "'na' is not a nationality");

    assert_eq!(e.addresses.len(), 1, "empty addresses are dropped");
    assert_eq!(e.addresses[0].postal_code.as_deref(), Some("00000"));
    assert_eq!(e.addresses[0].note.as_deref(), Some("as at 2016"));

    let dobs: Vec<String> = e.birth_dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        dobs,
        [
            "1969-01-01",
            "1960-01-01",
            "c. 1958",
            "c. 1955..1957 (Approximately)",
            "unknown (born in the 1950s)",
        ],
        "in document order; the alias's date of birth is the person's"
    );
    assert!(matches!(
        e.birth_dates[3].value,
        Some(DateValue::Between { .. })
    ));
    let places: Vec<String> = e.birth_places.iter().map(|p| p.one_line()).collect();
    assert_eq!(
        places,
        [
            "Logar, Afghanistan",
            "Musan, North Hamgyong, Democratic People's Republic of Korea",
        ]
    );

    assert_eq!(e.identifiers.len(), 2);
    let tazkira = &e.identifiers[0];
    assert_eq!(tazkira.kind, IdKind::NationalId);
    assert_eq!(tazkira.number, "545167", "number taken from the type text");
    assert_eq!(tazkira.label, "National Identification Number (Afghan national identification card (tazkira) number 545167)");
    let passport = &e.identifiers[1];
    assert_eq!(passport.kind, IdKind::Passport);
    assert_eq!(passport.normalised(), "PS472330208");
    assert_eq!(
        passport.country.as_ref().unwrap().code.unwrap().to_string(),
        "kp"
    );
    assert_eq!(passport.issued.unwrap().to_string(), "2012-07-04");
    assert_eq!(
        passport.note.as_deref(),
        Some("issued in Pyongyang; Expires 4 Jul. 2017")
    );
    assert!(
        e.remarks
            .iter()
            .any(|r| r == "Document without number: Passport: number unknown"),
        "{:?}",
        e.remarks
    );
    assert!(e.remarks.iter().any(|r| r == "Submitted by: Examplestan"));
    assert_eq!(e.links.len(), 1);
    assert_eq!(e.links[0].reference, "KPe.902");
    assert!(
        e.remarks
            .iter()
            .any(|r| r == "Works for Example Trading (KPe.902) & others."),
        "entities are resolved: {:?}",
        e.remarks
    );
}

#[test]
fn compact_record_with_null_date() {
    let list = quirks();
    let e = &list.entities[1];
    assert_eq!(e.caption, "ANNA EXAMPLE");
    assert_eq!(e.gender, Some(Gender::Female));
    assert!(e.birth_dates.is_empty(), "a 'null' date is no date");
}

#[test]
fn entity_names_split_and_kept() {
    let list = quirks();
    let e = &list.entities[2];
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(
        e.caption, "EXAMPLE ISLAMIC FRONT (EIF)",
        "the caption is the listed text"
    );
    let names: Vec<(NameKind, &str)> = e.names.iter().map(|n| (n.kind, n.full.as_str())).collect();
    assert_eq!(
        names,
        [
            (NameKind::Primary, "EXAMPLE ISLAMIC FRONT"),
            (NameKind::Alias, "EIF"),
            (NameKind::OriginalScript, "الجبهة الإسلامية المثال"),
            (NameKind::Alias, "Example Front"),
            (NameKind::Alias, "EF"),
            (NameKind::Former, "Old Example Society"),
            (NameKind::Alias, "Example Charity (Kenya)"),
        ]
    );
    assert_eq!(e.addresses.len(), 1);
    assert_eq!(
        e.addresses[0]
            .country
            .as_ref()
            .unwrap()
            .code
            .unwrap()
            .to_string(),
        "ke"
    );
}

#[test]
fn latin1_declared_file_is_decoded() {
    let list = load(&fixture("un_latin1.xml")).unwrap().remove(0);
    assert_eq!(list.entities[0].caption, "JOSÉ EXAMPLE");
    assert_eq!(list.meta.version, "2020-11-30");
}

#[test]
fn empty_list_is_refused() {
    let err = load(&fixture("un_empty.xml")).unwrap_err().to_string();
    assert!(
        err.contains("un_empty.xml") && err.contains("no INDIVIDUAL or ENTITY records"),
        "{err}"
    );
}

#[test]
fn truncated_file_is_refused_with_its_line() {
    let err = load(&fixture("un_truncated.xml")).unwrap_err().to_string();
    assert!(err.contains("un_truncated.xml:"), "{err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn missing_file_names_it() {
    let err = load(&fixture("nope.xml")).unwrap_err().to_string();
    assert!(err.contains("nope.xml: cannot read file"), "{err}");
}

proptest::proptest! {
    /// No input, however broken, makes the parser panic.
    #[test]
    fn never_panics_on_damaged_input(cut in 0usize..5959, noise in proptest::collection::vec(0u8..=255, 0..8)) {
        let mut bytes = std::fs::read(fixture("un_quirks.xml")).unwrap();
        bytes.truncate(cut);
        bytes.extend(noise);
        let _ = interdict_lists::parse_bytes("x.xml", &bytes);
    }
}
