//! Every supported format on its hand-written fixture: what a user would see of each entry.

use interdict_lists::{load, Format, OfacCsvPart, ParsedList};
use interdict_model::{DateValue, Entity, Gender, IdKind, NameKind, Schema};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn one(name: &str) -> ParsedList {
    let mut lists = load(&fixture(name)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lists.len(), 1, "{name}");
    lists.remove(0)
}

fn entry<'a>(list: &'a ParsedList, reference: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.provenance.reference == reference)
        .unwrap_or_else(|| panic!("no entry {reference}"))
}

fn names(e: &Entity) -> Vec<(NameKind, &str)> {
    e.names.iter().map(|n| (n.kind, n.full.as_str())).collect()
}

fn dates(e: &Entity) -> Vec<String> {
    e.birth_dates.iter().map(|d| d.to_string()).collect()
}

fn codes(c: &[interdict_model::Country]) -> Vec<String> {
    c.iter()
        .filter_map(|c| c.code)
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn ofac_csv_set_from_a_folder() {
    let list = one("ofac_csv");
    assert_eq!(list.meta.list, "us-ofac-sdn");
    assert!(
        list.meta.version.starts_with("undated-"),
        "the CSV set carries no date"
    );
    assert_eq!(list.meta.format, Format::OfacCsv(OfacCsvPart::Primary));
    assert_eq!(list.entities.len(), 4);
    assert!(list
        .warnings
        .iter()
        .any(|w| w.message.contains("alias of unknown entry 9999")));

    let let_ = entry(&list, "7140");
    assert_eq!(let_.programmes, ["FTO", "SDGT"]);
    assert_eq!(
        names(let_),
        [
            (NameKind::Primary, "LASHKAR E-TAYYIBA"),
            (NameKind::Alias, "LASHKAR E-TOIBA"),
            (NameKind::Former, "LASHKAR-I-TAIBA"),
            (NameKind::Alias, "JUD"),
            (NameKind::Alias, "MML"),
        ]
    );
    assert_eq!(
        codes(
            &let_
                .addresses
                .iter()
                .filter_map(|a| a.country.clone())
                .collect::<Vec<_>>()
        ),
        ["pk"]
    );

    let p = entry(&list, "9001");
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(p.caption, "EXAMPLE, Abdul Rahman");
    assert_eq!(
        names(p),
        [
            (NameKind::Primary, "Abdul Rahman EXAMPLE"),
            (NameKind::Alias, "Abd al-Rahman EXAMPLE"),
            (NameKind::WeakAlias, "ABU EXAMPLE"),
        ]
    );
    assert_eq!(dates(p), ["1960-01-01", "c. 1962"]);
    assert_eq!(codes(&p.nationalities), ["pk"]);
    assert_eq!(p.gender, Some(Gender::Male));
    let ids: Vec<(IdKind, &str)> = p
        .identifiers
        .iter()
        .map(|i| (i.kind, i.number.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (IdKind::Passport, "AB1234567"),
            (IdKind::NationalId, "61101-1234567-1"),
            (IdKind::Other, "1ExampleAddress4567890"),
        ],
        "the remarks continue in sdn_comments.csv mid-word"
    );
    assert_eq!(p.links[0].name.as_deref(), Some("LASHKAR E-TAYYIBA"));
    assert!(p
        .details
        .iter()
        .any(|d| d.label == "Website" && d.value == "www.example.org"));

    let v = entry(&list, "9002");
    assert_eq!(v.schema, Schema::Vessel);
    let ids: Vec<(IdKind, &str)> = v
        .identifiers
        .iter()
        .map(|i| (i.kind, i.number.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (IdKind::CallSign, "9HA1234"),
            (IdKind::Imo, "9187629"),
            (IdKind::Mmsi, "572469210")
        ]
    );
    assert_eq!(codes(&v.countries), ["mt"]);
    assert!(v
        .details
        .iter()
        .any(|d| d.label == "Vessel Type" && d.value == "Crude Oil Tanker"));
}

#[test]
fn ofac_csv_set_from_a_zip_archive() {
    let dir = std::env::temp_dir().join(format!("interdict-zip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip_path = dir.join("sdn.zip");
    {
        let file = std::fs::File::create(&zip_path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        for part in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
            zip.start_file(part, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(
                &mut zip,
                &std::fs::read(fixture("ofac_csv").join(part)).unwrap(),
            )
            .unwrap();
        }
        zip.finish().unwrap();
    }
    let from_zip = load(&zip_path).unwrap().remove(0);
    let from_folder = one("ofac_csv");
    assert_eq!(from_zip.entities, from_folder.entities);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ofac_xml() {
    let list = one("ofac_sdn.xml");
    assert_eq!(
        (list.meta.list.as_str(), list.meta.version.as_str()),
        ("us-ofac-sdn", "2025-12-18")
    );
    assert_eq!(list.meta.published.as_deref(), Some("2025-12-18"));
    let p = entry(&list, "9001");
    assert_eq!(names(p)[0], (NameKind::Primary, "Abdul Rahman EXAMPLE"));
    assert!(names(p).contains(&(NameKind::WeakAlias, "ABU EXAMPLE")));
    assert_eq!(p.programmes, ["SDGT", "IRGC"]);
    assert_eq!(p.positions, ["Commander"]);
    assert_eq!(dates(p), ["1960-01-01", "c. 1962"]);
    assert_eq!(p.gender, Some(Gender::Male), "gender is in the id list");
    let passport = &p.identifiers[0];
    assert_eq!(
        (passport.kind, passport.number.as_str()),
        (IdKind::Passport, "AB1234567")
    );
    assert_eq!(passport.issued.unwrap().to_string(), "2010-02-02");
    assert!(p.details.iter().any(|d| d.label == "Email Address"));
    let v = entry(&list, "9002");
    let ids: Vec<(IdKind, &str)> = v
        .identifiers
        .iter()
        .map(|i| (i.kind, i.number.as_str()))
        .collect();
    assert_eq!(
        ids,
        [(IdKind::Imo, "9187629"), (IdKind::CallSign, "9HA1234")]
    );
    assert_eq!(codes(&v.countries), ["mt"]);
    let c = entry(&list, "9003");
    assert_eq!(
        names(c),
        [
            (NameKind::Primary, "EXAMPLE TRADING CO., LTD."),
            (NameKind::Alias, "ETC")
        ]
    );
    assert_eq!(c.links[0].name.as_deref(), Some("SEA EXAMPLE"));
}

#[test]
fn ofac_enhanced_xml() {
    let list = one("ofac_enhanced.xml");
    assert_eq!(
        (list.meta.list.as_str(), list.meta.version.as_str()),
        ("us-ofac", "2024-08-28")
    );
    let p = entry(&list, "9101");
    assert_eq!(p.caption, "EXAMPLI, Ali");
    assert_eq!(
        names(p),
        [
            (NameKind::Primary, "Ali EXAMPLI"),
            (NameKind::OriginalScript, "علي مثالي"),
            (NameKind::WeakAlias, "ABU ALI")
        ]
    );
    assert_eq!(dates(p), ["c. 1972"]);
    assert_eq!(codes(&p.nationalities), ["ir"]);
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(p.identifiers[0].number, "P12345678");
    assert_eq!(p.addresses[0].one_line(), "1 Example Street, Tehran, Iran");
    assert_eq!(p.listed_on.unwrap().to_string(), "2019-04-15");
    assert_eq!(
        (p.links[0].reference.as_str(), p.links[0].relation.as_str()),
        ("9102", "acting for or on behalf of")
    );
}

#[test]
fn uk_conlist() {
    let list = one("uk_conlist.csv");
    assert_eq!(
        (list.meta.list.as_str(), list.meta.version.as_str()),
        ("gb-hmt", "2018-04-13")
    );
    let let_ = entry(&list, "7241");
    assert_eq!(
        names(let_),
        [
            (NameKind::Primary, "LASHKAR-E-TAYYIBA"),
            (NameKind::Alias, "JAMA'AT AL-DAWA")
        ]
    );
    assert_eq!(let_.external_refs[0].reference, "QDe.118");
    assert_eq!(let_.listed_on.unwrap().to_string(), "2005-05-02");
    let p = entry(&list, "9999");
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(
        names(p),
        [
            (NameKind::Primary, "Mohammed Ahmed EXAMPLE"),
            (NameKind::Alias, "Mohamed EXAMPLE")
        ]
    );
    assert_eq!(
        dates(p),
        ["1961", "1962-07-15"],
        "00/00/1961 is a year; each alias row may add a date"
    );
    assert_eq!(codes(&p.nationalities), ["de", "ma"]);
    let passports: Vec<&str> = p.identifiers.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(passports, ["28642163", "954242"]);
    assert_eq!(p.titles, ["Sheikh"]);
    assert_eq!(
        p.addresses[0].one_line(),
        "1 Example Straße, 20095, Germany",
        "Windows-1252 decoded"
    );
    assert_eq!(p.external_refs[0].reference, "QDi.099");
    assert_eq!(entry(&list, "9998").schema, Schema::Vessel);
}

#[test]
fn eu_fsf_xml_and_csv_agree() {
    let xml = one("eu_fsf_sample.xml");
    let csv = one("eu_fsf_sample.csv");
    assert_eq!(
        (xml.meta.version.as_str(), csv.meta.version.as_str()),
        ("2025-11-21", "2025-11-21")
    );
    assert_eq!(
        (xml.meta.format, csv.meta.format),
        (Format::EuFsfXml, Format::EuFsfCsv)
    );
    for list in [&xml, &csv] {
        let let_ = entry(list, "EU.3.74");
        assert_eq!(let_.id, "eu-fsf:4242");
        assert_eq!(let_.external_refs[0].reference, "QDe.118");
        assert!(names(let_).contains(&(NameKind::Alias, "FIF")));
        assert!(
            let_.addresses.is_empty(),
            "country code 00 and UNKNOWN are no address"
        );
        let p = entry(list, "EU.1.1");
        assert_eq!(p.schema, Schema::Person);
        assert_eq!(dates(p), ["1950-06-05"]);
        assert_eq!(codes(&p.nationalities), ["pk"]);
        assert_eq!(p.identifiers[0].number, "3520025509842-7");
        assert_eq!(p.identifiers[0].kind, IdKind::NationalId);
        assert_eq!(p.gender, Some(Gender::Male));
        assert_eq!(p.positions, ["Leader of Lashkar-e-Tayyiba"]);
        assert_eq!(p.listed_on.unwrap().to_string(), "2008-12-10");
    }
    // The remark "Associated with Hafiz Muhammad Saeed." is a link by name.
    let named: Vec<_> = entry(&xml, "EU.3.74")
        .links
        .iter()
        .map(|l| (l.name.as_deref(), l.kind))
        .collect();
    assert_eq!(
        named,
        [(
            Some("Hafiz Muhammad Saeed"),
            interdict_model::LinkKind::Associate
        )]
    );
    let ru = entry(&xml, "EU.9999.99");
    assert!(names(ru).contains(&(NameKind::Alias, "ООО «Пример Трейдинг»")));
    assert_eq!(ru.identifiers[0].kind, IdKind::Registration);
    assert_eq!(
        ru.addresses[0].one_line(),
        "Example Street 1, Moscow, 101000, RUSSIAN FEDERATION"
    );
    assert_eq!(
        entry(&xml, "EU.1.1").names[2].kind,
        NameKind::WeakAlias,
        "strong=false"
    );
}

#[test]
fn canada_sema() {
    let list = one("ca_sema.xml");
    assert_eq!(list.meta.version, "2025-02-21", "latest listing date");
    let p = &list.entities[0];
    assert_eq!(p.provenance.reference, "Belarus 1, Part 1 item 1");
    assert_eq!(p.id, "ca-sema:belarus-1-part-1-item-1");
    assert_eq!(p.caption, "Ivan Petrovich Exampleuk");
    assert!(
        names(p).contains(&(NameKind::Alias, "Иван Петрович ЭКЗАМПЛЕУК")),
        "language labels dropped"
    );
    assert_eq!(dates(p), ["1965-07-15", "1969-09-28"]);
    assert_eq!(p.programmes, ["Belarus"]);
    assert_eq!(codes(&p.countries), ["by"]);
    let org = &list.entities[1];
    assert_eq!(
        names(org),
        [(
            NameKind::Primary,
            "Example Neftyanaya Kompaniya (Example Oil Company)"
        )]
    );
    let ship = &list.entities[2];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.identifiers[0].number, "7612448");
    let thematic = &list.entities[3];
    assert_eq!(thematic.caption, "Yusuf Examplei");
    assert!(
        thematic.countries.is_empty(),
        "a thematic regime is not a country"
    );
    assert_eq!(
        thematic.birth_dates[0].note.as_deref(),
        Some("born in the early 1970s")
    );
}

#[test]
fn australia_dfat_xlsx() {
    let list = one("au_dfat.xlsx");
    assert_eq!(
        list.meta.version, "2024-11-11",
        "latest control date, an Excel serial number"
    );
    let p = entry(&list, "2");
    assert_eq!(
        names(p),
        [
            (NameKind::Primary, "MOHAMMAD EXAMPLE AKHUND"),
            (NameKind::OriginalScript, "محمد اکزمپل اخوند"),
            (NameKind::Alias, "Mohammed Example Akhund"),
        ]
    );
    assert_eq!(dates(p), ["c. 1955..1958", "c. 1945..1950"]);
    assert!(matches!(
        p.birth_dates[0].value,
        Some(DateValue::Between { .. })
    ));
    assert_eq!(codes(&p.nationalities), ["af"]);
    assert!(p.addresses.is_empty(), "NA is no address");
    assert_eq!(p.programmes, ["1988 (Taliban)"]);
    assert_eq!(
        entry(&list, "3").addresses[0].one_line(),
        "1 Example Road, Kabul, Afghanistan"
    );
}

#[test]
fn bis_denied_persons() {
    let list = one("bis_dpl.txt");
    assert_eq!(
        list.meta.version, "2022-08-29",
        "the impossible 2922 date is not the version"
    );
    let e = &list.entities[0];
    assert_eq!(e.caption, "JOHN EXAMPLE");
    assert_eq!(e.listed_on.unwrap().to_string(), "2022-08-24", "MM/DD/YYYY");
    assert_eq!(
        e.addresses[0].one_line(),
        "1 EXAMPLE ROAD, EL PASO, TX, 79905, US"
    );
    let again = one("bis_dpl.txt");
    assert_eq!(again.entities[0].id, e.id, "ids are stable");
}

#[test]
fn followthemoney_entities_merge_their_parts() {
    let list = one("ftm_entities.json");
    let designated: Vec<_> = list.entities.iter().filter(|e| !e.related_only).collect();
    assert_eq!(
        designated.len(),
        2,
        "relatives marked target=false are not designated"
    );
    let related: Vec<_> = list.entities.iter().filter(|e| e.related_only).collect();
    assert_eq!(
        related
            .iter()
            .map(|e| e.caption.as_str())
            .collect::<Vec<_>>(),
        ["Olga Examplev"],
        "but are kept, because a relationship names them"
    );
    assert!(related[0]
        .links
        .iter()
        .any(|l| l.kind == interdict_model::LinkKind::Family
            && l.name.as_deref() == Some("Ivan Examplev")));
    let p = entry(&list, "NK-person1");
    assert_eq!(
        names(p),
        [
            (NameKind::Primary, "Ivan Examplev"),
            (NameKind::Alias, "Иван Экзамплев"),
            (NameKind::Alias, "Vanya Examplev")
        ]
    );
    assert_eq!(dates(p), ["1965-07-15"]);
    assert_eq!(codes(&p.nationalities), ["by"]);
    assert_eq!(p.programmes, ["Belarus regime"], "from the Sanction entity");
    assert_eq!(p.listed_on.unwrap().to_string(), "2020-10-02");
    assert_eq!(p.identifiers[0].kind, IdKind::Passport);
    assert!(p
        .links
        .iter()
        .any(|l| l.name.as_deref() == Some("Olga Examplev") && l.relation == "spouse"));
    let c = entry(&list, "NK-company1");
    assert_eq!(c.schema, Schema::Company);
    assert_eq!(
        c.addresses[0].city.as_deref(),
        Some("Minsk"),
        "from the Address entity"
    );
    assert_eq!(codes(&c.countries), ["by"]);
    assert!(
        c.identifiers.iter().any(|i| i.number == "XX000"),
        "from the Passport entity"
    );
    assert!(c
        .links
        .iter()
        .any(|l| l.name.as_deref() == Some("Olga Examplev")));
}

#[test]
fn followthemoney_nested_and_delta() {
    let nested = one("ftm_nested.json");
    let p = &nested.entities[0];
    assert_eq!(p.programmes, ["Example programme"]);
    assert!(p
        .links
        .iter()
        .any(|l| l.name.as_deref() == Some("Brother Example")));
    let delta = one("ftm_delta.json");
    assert_eq!(delta.entities.len(), 2);
    assert_eq!(delta.deletions, ["NK-company1"]);
}

#[test]
fn eu_journal_and_targets_simple() {
    let list = one("eu_journal.csv");
    assert_eq!(list.meta.list, "eu-oj-32002r0881");
    assert_eq!(list.entities.len(), 2, "record ids are per annex");
    let p = &list.entities[0];
    assert_eq!(dates(p), ["1965-03-03", "1965-01-01"]);
    assert_eq!(codes(&p.nationalities), ["ph", "id"]);
    let numbers: Vec<&str> = p.identifiers.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["EC6530802", "EB2778599"]);
    let simple = one("os_targets.simple.csv");
    assert_eq!(simple.meta.list, "opensanctions-example-dataset");
    assert_eq!(names(&simple.entities[0]).len(), 3);
}

/// The UK Sanctions List in XML and in CSV: the same four designations whichever format.
#[test]
fn uk_sanctions_list_xml_and_csv() {
    let xml = one("uk_sanctions_list.xml");
    let csv = one("uk_sanctions_list.csv");
    assert_eq!(xml.meta.format, Format::UkSanctionsListXml);
    assert_eq!(csv.meta.format, Format::UkSanctionsListCsv);
    for list in [&xml, &csv] {
        assert_eq!(
            (list.meta.list.as_str(), list.meta.version.as_str()),
            ("gb-fcdo", "2026-10-08")
        );
        assert_eq!(list.meta.published.as_deref(), Some("2026-10-08"));
        assert_eq!(list.entities.len(), 4);
        assert!(list.warnings.is_empty(), "{:?}", list.warnings);

        let let_ = entry(list, "AQD0104");
        assert_eq!(let_.schema, Schema::Organization);
        assert_eq!(let_.caption, "LASHKAR-E-TAYYIBA");
        assert_eq!(
            names(let_),
            [
                (NameKind::Primary, "LASHKAR-E-TAYYIBA"),
                (NameKind::Alias, "JAMAAT-UD-DAWA"),
                (NameKind::Alias, "FALAH-I-INSANIAT FOUNDATION"),
                (NameKind::WeakAlias, "LET"),
                (NameKind::OriginalScript, "لشکر طیبہ"),
            ]
        );
        assert_eq!(let_.external_refs[0].reference, "QDe.118");
        assert_eq!(let_.external_refs.len(), 1, "quoted twice, linked once");
        assert_eq!(let_.programmes, ["ISIL (Da'esh) and Al-Qaida"]);
        assert_eq!(let_.listed_on.unwrap().to_string(), "2005-05-02");
        assert_eq!(codes(&[let_.addresses[0].country.clone().unwrap()]), ["pk"]);
        assert!(let_
            .details
            .iter()
            .any(|d| d.label == "OFSI Group ID" && d.value == "7241"));

        let saeed = entry(list, "AQD0263");
        assert_eq!(saeed.schema, Schema::Person);
        assert_eq!(saeed.caption, "Hafiz Muhammad SAEED");
        assert!(names(saeed).contains(&(NameKind::Alias, "Hafiz Mohammad SAYEED")));
        assert_eq!(dates(saeed), ["1950-06-05"]);
        assert_eq!(codes(&saeed.nationalities), ["pk"]);
        assert_eq!(saeed.gender, Some(Gender::Male));
        let ids: Vec<(IdKind, &str)> = saeed
            .identifiers
            .iter()
            .map(|i| (i.kind, i.number.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Passport, "Booklet A5250088"),
                (IdKind::NationalId, "23250460642")
            ]
        );
        assert_eq!(saeed.birth_places[0].city.as_deref(), Some("Sargodha"));
        assert_eq!(
            saeed.names[0].parts.len(),
            3,
            "given, middle and family parts"
        );

        let petrov = entry(list, "RUS9001");
        assert!(petrov.external_refs.is_empty(), "a UK-only designation");
        assert_eq!(dates(petrov), ["1975"], "dd/mm/1975 is the year alone");

        let ship = entry(list, "RUS2176");
        assert_eq!(ship.schema, Schema::Vessel);
        assert_eq!(ship.identifiers[0].kind, IdKind::Imo);
        assert_eq!(ship.identifiers[0].normalised(), "9826902");
        assert_eq!(codes(&ship.countries), ["ga"]);
    }
    assert_eq!(xml.entities, csv.entities, "one list, two formats");
}

#[test]
fn uk_sanctions_list_refuses_what_is_not_one() {
    let err = interdict_lists::parse_bytes(
        "uk.xml",
        b"<?xml version='1.0'?>\n<Designations><DateGenerated>08/10/2026</DateGenerated></Designations>",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("uk.xml") && err.contains("no designations"),
        "{err}"
    );
    let err = interdict_lists::parse_bytes(
        "uk.csv",
        b"Report Date: 08-Oct-2026\nLast Updated,Unique ID,Name 1\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("uk.csv:2:") && err.contains("no 'Name 6' column"),
        "{err}"
    );
}
