//! The hand-written messages of `tests/fixtures` read field by field and screened against the
//! UN sample list and three OFAC-listed banks: the planted names, BICs, countries and
//! remittance texts are found where they are, clean messages pass, and a bad message is an
//! error naming it while the others are still read.

use interdict_match::Index;
use interdict_payments::{read_bytes, read_path, screen, FieldKind, Message, ScreeningOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml");
        let mut entities = Vec::new();
        for path in [sample, fixture("ofac_banks.csv")] {
            for list in interdict_lists::load(&path).unwrap() {
                entities.extend(list.entities);
            }
        }
        Index::build(entities)
    })
}

fn messages(name: &str) -> Vec<Message> {
    read_path(&fixture(name))
        .unwrap()
        .map(|m| m.unwrap())
        .collect()
}

fn one(name: &str) -> Message {
    let mut all = messages(name);
    assert_eq!(all.len(), 1, "{name}");
    all.remove(0)
}

/// (field, path, reference) of each matching hit.
fn matches(m: &Message) -> Vec<(String, String, String)> {
    screen(index(), m, &ScreeningOptions::default())
        .hits
        .into_iter()
        .filter(|h| h.is_match)
        .map(|h| (h.field, h.path, h.reference))
        .collect()
}

fn has(found: &[(String, String, String)], field: &str, path: &str, reference: &str) -> bool {
    found
        .iter()
        .any(|(f, p, r)| f == field && p == path && r == reference)
}

#[test]
fn a_pacs008_is_read_with_its_header_ids_and_element_paths() {
    let m = one("pacs008_hold.xml");
    assert_eq!(m.format, "pacs.008.001.08");
    assert_eq!(m.message_id.as_deref(), Some("MSG-20261204-001"));
    assert_eq!(m.transaction_ids, ["E2E-0001", "E2E-0002"]);
    let creditor = m
        .fields
        .iter()
        .find(|f| f.path == "CdtTrfTxInf[2]/Cdtr/Nm")
        .unwrap();
    assert_eq!(creditor.field, "Cdtr/Nm");
    assert_eq!(creditor.text, "Hafiz Muhammad Saeed");
    let FieldKind::Name {
        role, countries, ..
    } = &creditor.kind
    else {
        panic!("{creditor:?}")
    };
    assert_eq!(
        (role.as_str(), countries.as_slice()),
        ("creditor", &["PK".to_string()][..])
    );
    // The header's BICs are fields too.
    assert!(m
        .fields
        .iter()
        .any(|f| f.path == "AppHdr/Fr/FIId/FinInstnId/BICFI"
            && f.field == "Fr/FIId/FinInstnId/BICFI"
            && f.text == "BARCGB22"));
    assert!(m
        .fields
        .iter()
        .any(|f| f.path == "CdtTrfTxInf[2]/Dbtr/Id/OrgId/LEI" && matches!(f.kind, FieldKind::Lei)));
}

#[test]
fn a_pacs008_with_a_listed_creditor_a_listed_group_in_its_remittance_and_an_iranian_bank_is_held() {
    let m = one("pacs008_hold.xml");
    let s = screen(index(), &m, &ScreeningOptions::default());
    assert_eq!(s.decision, "hold");
    let found = matches(&m);
    assert!(
        has(&found, "Cdtr/Nm", "CdtTrfTxInf[2]/Cdtr/Nm", "QDi.263"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "RmtInf/Ustrd",
            "CdtTrfTxInf[2]/RmtInf/Ustrd",
            "QDe.118"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "IntrmyAgt1/FinInstnId/BICFI",
            "CdtTrfTxInf[2]/IntrmyAgt1/FinInstnId/BICFI",
            "IR"
        ),
        "{found:?}"
    );
    // Nothing in the first transaction.
    assert!(
        found
            .iter()
            .all(|(_, p, _)| !p.starts_with("CdtTrfTxInf[1]")),
        "{found:?}"
    );
    assert_eq!(s.reasons.len(), found.len());
    assert!(s.reasons.iter().any(|r| r.contains("HAFIZ MUHAMMAD SAEED")));
}

#[test]
fn a_later_version_is_read_the_same_with_ultimate_parties_and_instructions() {
    let m = one("pacs008_v12.xml");
    assert_eq!(m.format, "pacs.008.001.12");
    assert_eq!(m.transaction_ids, ["E2E-V12-3"]);
    let found = matches(&m);
    assert!(
        has(
            &found,
            "UltmtCdtr/Nm",
            "CdtTrfTxInf[1]/UltmtCdtr/Nm",
            "QDe.118"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "InstrForCdtrAgt/InstrInf",
            "CdtTrfTxInf[1]/InstrForCdtrAgt/InstrInf",
            "QDe.118"
        ),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(f, _, _)| f == "Dbtr/Nm" || f == "Cdtr/Nm"),
        "{found:?}"
    );
}

#[test]
fn a_clean_pacs008_passes() {
    let s = screen(
        index(),
        &one("pacs008_clean.xml"),
        &ScreeningOptions::default(),
    );
    assert_eq!(s.decision, "pass", "{:?}", s.hits);
    assert!(s.reasons.is_empty());
}

#[test]
fn a_pacs009_cov_is_screened_with_its_underlying_customer_transfer() {
    let m = one("pacs009_cov.xml");
    assert_eq!(m.format, "pacs.009.001.08");
    let found = matches(&m);
    assert!(
        has(
            &found,
            "Cdtr/Nm",
            "CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/Nm",
            "QDe.118"
        ),
        "{found:?}"
    );
    // The creditor agent's BIC is an OFAC-listed bank's, and Belarusian.
    assert!(
        has(
            &found,
            "CdtrAgt/FinInstnId/BICFI",
            "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI",
            "12028"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "CdtrAgt/FinInstnId/BICFI",
            "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI",
            "BY"
        ),
        "{found:?}"
    );
}

#[test]
fn a_pacs004_return_is_screened_on_its_original_parties() {
    let m = one("pacs004.xml");
    assert_eq!(m.format, "pacs.004.001.09");
    assert_eq!(m.transaction_ids, ["RTR-55-1"]);
    let found = matches(&m);
    assert!(
        has(
            &found,
            "Dbtr/Pty/Nm",
            "TxInf[1]/OrgnlTxRef/Dbtr/Pty/Nm",
            "QDi.264"
        ),
        "{found:?}"
    );
}

#[test]
fn a_pain001_is_screened_per_transaction_with_birth_date_and_passport() {
    let m = one("pain001.xml");
    assert_eq!(m.format, "pain.001.001.09");
    assert_eq!(m.transaction_ids, ["PAY-1", "PAY-2"]);
    let creditor = m
        .fields
        .iter()
        .find(|f| f.path == "PmtInf[1]/CdtTrfTxInf[2]/Cdtr/Nm")
        .unwrap();
    let FieldKind::Name {
        organisation,
        identifiers,
        birth_date,
        countries,
        ..
    } = &creditor.kind
    else {
        panic!()
    };
    assert_eq!(*organisation, Some(false));
    assert_eq!(identifiers, &["563120356"]);
    assert_eq!(birth_date.as_deref(), Some("1972-05-25"));
    assert_eq!(countries, &["KP"]);
    let found = matches(&m);
    assert!(
        has(
            &found,
            "Cdtr/Nm",
            "PmtInf[1]/CdtTrfTxInf[2]/Cdtr/Nm",
            "KPi.025"
        ),
        "{found:?}"
    );
    // A listed bank's BIC, and North Korea's programme on the same field.
    assert!(has(
        &found,
        "CdtrAgt/FinInstnId/BICFI",
        "PmtInf[1]/CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI",
        "12312"
    ));
    assert!(has(
        &found,
        "CdtrAgt/FinInstnId/BICFI",
        "PmtInf[1]/CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI",
        "KP"
    ));
    assert!(
        found.iter().all(|(_, p, _)| !p.contains("CdtTrfTxInf[1]")),
        "{found:?}"
    );
}

#[test]
fn an_mt103_is_read_by_its_fields_and_held() {
    let m = one("mt103_hold.txt");
    assert_eq!(m.format, "MT103");
    assert_eq!(m.message_id.as_deref(), Some("REF-MT103-01"));
    assert_eq!(m.transaction_ids, ["5f1c2e3d-4b5a-4678-9abc-def012345678"]);
    let beneficiary = m.fields.iter().find(|f| f.path == "4:59F").unwrap();
    assert_eq!(beneficiary.text, "ZAKI UR REHMAN LAKHVI");
    let found = matches(&m);
    assert!(has(&found, "59F", "4:59F", "QDi.264"), "{found:?}");
    // Field 70 names a front of Lashkar-e-Tayyiba over two lines.
    assert!(has(&found, "70", "4:70", "QDe.118"), "{found:?}");
    assert!(!found.iter().any(|(f, _, _)| f == "50K"), "{found:?}");
}

#[test]
fn an_mt202_cov_is_read_with_its_customer_sequence() {
    let m = one("mt202cov.txt");
    assert_eq!(m.format, "MT202COV");
    let ordering = m.fields.iter().find(|f| f.path == "4:50F").unwrap();
    let FieldKind::Name {
        birth_date,
        countries,
        ..
    } = &ordering.kind
    else {
        panic!()
    };
    assert_eq!(ordering.text, "KO TAE HUN");
    assert_eq!(birth_date.as_deref(), Some("19720525"));
    assert_eq!(countries, &["KP"]);
    let found = matches(&m);
    assert!(has(&found, "50F", "4:50F", "KPi.025"), "{found:?}");
    assert!(!found.iter().any(|(f, _, _)| f == "59"), "{found:?}");
}

#[test]
fn json_lines_hold_messages_and_a_bad_line_is_named_while_the_rest_are_read() {
    let all: Vec<_> = read_path(&fixture("messages.jsonl")).unwrap().collect();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].as_ref().unwrap().format, "MT103");
    assert_eq!(all[1].as_ref().unwrap().format, "pacs.008.001.08");
    let e = all[2].as_ref().unwrap_err().to_string();
    assert!(
        e.contains("messages.jsonl: line 3") && e.contains("\"message\""),
        "{e}"
    );
}

#[test]
fn damaged_and_foreign_messages_are_refused_with_their_place() {
    let e = messages_or_errors("truncated.xml");
    assert!(
        e[0].contains("truncated.xml") && e[0].contains("truncated"),
        "{e:?}"
    );
    let e = messages_or_errors("camt053.xml");
    assert!(
        e[0].contains("camt.053.001.08") && e[0].contains("not a payment message"),
        "{e:?}"
    );
    let e: Vec<String> = read_bytes("body", b"hello")
        .into_iter()
        .map(|r| r.unwrap_err().to_string())
        .collect();
    assert!(e[0].starts_with("body: not a payment message"), "{e:?}");
    let e: Vec<String> = read_bytes(
        "body",
        b"{1:F01AAAAGB22AXXX0000000000}{2:I199BBBBDEFFXXXXN}{4:\n:20:X\n-}",
    )
    .into_iter()
    .map(|r| r.unwrap_err().to_string())
    .collect();
    assert!(e[0].contains("MT199 is not a payment message"), "{e:?}");
    let e: Vec<String> = read_bytes(
        "body",
        b"{1:F01AAAAGB22AXXX0000000000}{2:I103BBBBDEFFXXXXN}{4:\n:23B:CRED\n-}",
    )
    .into_iter()
    .map(|r| r.unwrap_err().to_string())
    .collect();
    assert!(e[0].contains("field 20"), "{e:?}");
}

fn messages_or_errors(name: &str) -> Vec<String> {
    read_path(&fixture(name))
        .unwrap()
        .map(|r| match r {
            Ok(m) => format!("ok {}", m.format),
            Err(e) => e.to_string(),
        })
        .collect()
}

#[test]
fn a_folder_is_read_file_by_file_in_name_order() {
    let all: Vec<_> = read_path(&fixture("")).unwrap().collect();
    let formats: Vec<String> = all
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|m| m.format.clone()))
        .collect();
    // messages.jsonl (2), mt103, mt202cov, pacs004, pacs008 clean, hold and v12, pacs009,
    // pain001.
    assert_eq!(formats.len(), 10, "{formats:?}");
    assert_eq!(
        all.iter().filter(|r| r.is_err()).count(),
        5,
        "camt053, README, ofac csv, a JSON line, truncated"
    );
}

#[test]
fn a_large_xml_file_is_read_a_message_at_a_time_with_the_lines_of_the_file() {
    let clean = std::fs::read_to_string(fixture("pacs008_clean.xml")).unwrap();
    let body = clean.trim_start_matches(|c| c != '\n').trim_start();
    let hold = std::fs::read_to_string(fixture("pacs008_hold.xml")).unwrap();
    let envelope = hold
        .split("<BizMsgEnvlp>")
        .nth(1)
        .and_then(|b| b.split("</BizMsgEnvlp>").next())
        .unwrap();
    let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch>\n");
    let mut n = 0;
    while (text.len() as u64) <= interdict_payments::WHOLE_FILE_BYTES {
        text.push_str(body);
        text.push('\n');
        n += 1;
    }
    text.push_str(envelope);
    text.push_str("\n</Batch>\n");
    let last_line = text[..text.rfind("<Document").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let dir = tempfile_dir();
    let path = dir.join("large.xml");
    std::fs::write(&path, &text).unwrap();
    let all: Vec<Message> = read_path(&path).unwrap().map(|m| m.unwrap()).collect();
    assert_eq!(all.len(), n + 1);
    assert!(all[..n]
        .iter()
        .all(|m| m.message_id.as_deref() == Some("MSG-CLEAN-7")));
    let last = all.last().unwrap();
    assert_eq!(last.message_id.as_deref(), Some("MSG-20261204-001"));
    // The header before the last Document belongs to it, and its place is the file's line.
    assert!(last
        .fields
        .iter()
        .any(|f| f.path == "AppHdr/To/FIId/FinInstnId/BICFI"));
    assert!(
        last.source
            .ends_with(&format!("message at line {last_line}")),
        "{}",
        last.source
    );
    assert_eq!(
        screen(index(), last, &ScreeningOptions::default()).decision,
        "hold"
    );

    // Damaged on a given line: the error names that line of the file.
    let broken = text.replacen(
        "<Nm>Hafiz Muhammad Saeed</Nm>",
        "<Nm>Hafiz Muhammad Saeed</Name>",
        1,
    );
    let line = broken[..broken.find("</Name>").unwrap()]
        .matches('\n')
        .count()
        + 1;
    std::fs::write(&path, &broken).unwrap();
    let last = read_path(&path)
        .unwrap()
        .last()
        .unwrap()
        .unwrap_err()
        .to_string();
    assert!(last.contains(&format!("large.xml:{line}:")), "{last}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A folder of its own for one test.
fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("interdict-payments-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A pacs.008 of two transfers between the same two parties, each way round.
fn back_and_forth(debtor: &str, creditor: &str) -> Message {
    let party = |tag: &str, name: &str| format!("<{tag}><Nm>{name}</Nm></{tag}>");
    let transfer = |id: &str, from: &str, to: &str| {
        format!(
            "<CdtTrfTxInf><PmtId><EndToEndId>{id}</EndToEndId></PmtId>\
             <IntrBkSttlmAmt Ccy=\"EUR\">10.00</IntrBkSttlmAmt>{}{}</CdtTrfTxInf>",
            party("Dbtr", from),
            party("Cdtr", to)
        )
    };
    let xml = format!(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
         <GrpHdr><MsgId>M1</MsgId></GrpHdr>{}{}</FIToFICstmrCdtTrf></Document>",
        transfer("E1", debtor, creditor),
        transfer("E2", creditor, debtor)
    );
    read_bytes("m", xml.as_bytes()).remove(0).unwrap()
}

/// A party met again is not searched again, but its hits carry the place of each field; and
/// what was found against one list is not remembered for another.
#[test]
fn a_party_met_again_keeps_its_own_place_and_each_index_its_own_answers() {
    let m = back_and_forth("Hafiz Muhammad Saeed", "Maria Schneider");
    let found = matches(&m);
    for path in ["CdtTrfTxInf[1]/Dbtr/Nm", "CdtTrfTxInf[2]/Cdtr/Nm"] {
        assert!(
            found.iter().any(|(_, p, r)| p == path && r == "QDi.263"),
            "{path}: {found:?}"
        );
    }
    assert_eq!(found.len(), 2, "{found:?}");
    let banks_only = Index::build(
        interdict_lists::load(&fixture("ofac_banks.csv"))
            .unwrap()
            .remove(0)
            .entities,
    );
    let again = screen(&banks_only, &m, &ScreeningOptions::default());
    assert_eq!(again.decision, "pass", "{:?}", again.hits);
    assert_eq!(matches(&m), found);
}
