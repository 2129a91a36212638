//! Recognising a list's format from the first bytes of the file (and, for the parts of the OFAC
//! CSV set, the file name).

use crate::error::{Error, Result};
use crate::input::{is_workbook, InputFile};
use std::fmt;

/// Which file of the OFAC legacy CSV set (sdn/alt/add/sdn_comments, or cons_prim/cons_alt/
/// cons_add/cons_comments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum OfacCsvPart {
    /// `sdn.csv` / `cons_prim.csv`: one row per entry, 12 columns.
    Primary,
    /// `alt.csv`: aliases, 5 columns.
    Alias,
    /// `add.csv`: addresses, 6 columns.
    Address,
    /// `sdn_comments.csv`: remarks that did not fit, 2 columns.
    Comments,
}

/// A list format interdict reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// UN Security Council consolidated list, XML (`<CONSOLIDATED_LIST>`).
    UnXml,
    /// OFAC legacy CSV set (SDN or consolidated non-SDN), one of its files.
    OfacCsv(OfacCsvPart),
    /// OFAC XML (`<sdnList>`: SDN.XML, CONSOLIDATED.XML).
    OfacXml,
    /// OFAC Sanctions List Service enhanced XML (`<sanctionsData>`).
    OfacEnhancedXml,
    /// UK HM Treasury / OFSI Consolidated List CSV (ConList), retired in January 2026.
    UkConList,
    /// UK Sanctions List (FCDO), XML (`<Designations>`).
    UkSanctionsListXml,
    /// UK Sanctions List (FCDO), CSV (a `Report Date:` line, then `Last Updated,Unique ID,...`).
    UkSanctionsListCsv,
    /// EU Financial Sanctions Files, XML (`<export>`).
    EuFsfXml,
    /// EU Financial Sanctions Files, CSV (semicolon-separated, one row per detail).
    EuFsfCsv,
    /// EU Official Journal sanctions annexes as transcribed by OpenSanctions (CSV).
    EuJournalCsv,
    /// Canada's Consolidated Autonomous Sanctions List (SEMA), XML (`<data-set>`).
    CanadaSemaXml,
    /// Australia's DFAT Consolidated List, XLSX.
    AustraliaDfatXlsx,
    /// US BIS Denied Persons List, tab-separated text.
    BisDpl,
    /// FollowTheMoney entities as JSON Lines (OpenSanctions `entities.ftm.json`,
    /// `targets.nested.json`, delta files).
    FtmJson,
    /// OpenSanctions `targets.simple.csv`.
    OpenSanctionsSimpleCsv,
}

impl Format {
    /// A human name for messages.
    pub fn description(&self) -> &'static str {
        match self {
            Format::UnXml => "UN Security Council consolidated list (XML)",
            Format::OfacCsv(_) => {
                "OFAC legacy CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv)"
            }
            Format::OfacXml => "OFAC list XML (sdnList)",
            Format::OfacEnhancedXml => "OFAC enhanced XML (sanctionsData)",
            Format::UkConList => "UK HM Treasury/OFSI Consolidated List (CSV)",
            Format::UkSanctionsListXml => "UK Sanctions List (FCDO, XML)",
            Format::UkSanctionsListCsv => "UK Sanctions List (FCDO, CSV)",
            Format::EuFsfXml => "EU Financial Sanctions Files (XML)",
            Format::EuFsfCsv => "EU Financial Sanctions Files (CSV)",
            Format::EuJournalCsv => "EU Official Journal sanctions annex (OpenSanctions CSV)",
            Format::CanadaSemaXml => "Canada Consolidated Autonomous Sanctions List (XML)",
            Format::AustraliaDfatXlsx => "Australia DFAT Consolidated List (XLSX)",
            Format::BisDpl => "US BIS Denied Persons List (tab-separated)",
            Format::FtmJson => "FollowTheMoney entities (JSON Lines)",
            Format::OpenSanctionsSimpleCsv => "OpenSanctions targets.simple.csv",
        }
    }

    /// The format family, without the OFAC CSV part: what a source expects on every import.
    pub fn family(&self) -> &'static str {
        match self {
            Format::UnXml => "un-xml",
            Format::OfacCsv(_) => "ofac-csv",
            Format::OfacXml => "ofac-xml",
            Format::OfacEnhancedXml => "ofac-enhanced-xml",
            Format::UkConList => "uk-conlist-csv",
            Format::UkSanctionsListXml => "uk-sanctions-list-xml",
            Format::UkSanctionsListCsv => "uk-sanctions-list-csv",
            Format::EuFsfXml => "eu-fsf-xml",
            Format::EuFsfCsv => "eu-fsf-csv",
            Format::EuJournalCsv => "eu-journal-csv",
            Format::CanadaSemaXml => "ca-sema-xml",
            Format::AustraliaDfatXlsx => "au-dfat-xlsx",
            Format::BisDpl => "us-bis-dpl",
            Format::FtmJson => "ftm-json",
            Format::OpenSanctionsSimpleCsv => "opensanctions-simple-csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

const EXPECTED: &str =
    "expected one of: UN consolidated XML, OFAC SDN/consolidated CSV set or XML, \
OFAC enhanced XML, UK Sanctions List XML or CSV, UK ConList CSV, EU FSF XML or CSV, Canada SEMA XML, Australia DFAT XLSX, \
BIS Denied Persons list, FollowTheMoney JSON lines";

/// Recognises the format of one input file from its content (and its name, for the parts of
/// the OFAC CSV set).
pub fn detect(file: &InputFile) -> Result<Format> {
    let path = file.name.as_str();
    let bytes = file.bytes.as_slice();
    let head = &bytes[..bytes.len().min(16384)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.iter().all(|b| b.is_ascii_whitespace() || *b == 0x1A) {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "file is empty; refusing an empty list".to_string(),
        });
    }
    let base = file.base_name();
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Error::UnknownFormat {
            path: path.to_string(),
            detail: "an Excel workbook in the old format (.xls), which interdict does not read: \
                     save it as .xlsx"
                .into(),
        });
    }
    if (base.ends_with(".xlsx") || base.ends_with(".xlsm")) && !bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::UnknownFormat {
            path: path.to_string(),
            detail: "named as an Excel workbook, but it is not one (an .xlsx file is a zip \
                     archive; this file is not)"
                .into(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if is_workbook(bytes) {
            return Ok(Format::AustraliaDfatXlsx);
        }
        return Err(Error::UnknownFormat {
            path: path.to_string(),
            detail: "a zip archive inside a list file; unpack it or pass the archive itself".into(),
        });
    }
    let text = String::from_utf8_lossy(head);
    if let Some(root) = first_xml_element(&text) {
        return match root.as_str() {
            "CONSOLIDATED_LIST" => Ok(Format::UnXml),
            "sdnList" => Ok(Format::OfacXml),
            "sanctionsData" => Ok(Format::OfacEnhancedXml),
            "export" if text.contains("fsd/export") || text.contains("sanctionEntity") => {
                Ok(Format::EuFsfXml)
            }
            "data-set" => Ok(Format::CanadaSemaXml),
            "Designations" => Ok(Format::UkSanctionsListXml),
            other => Err(Error::UnknownFormat {
                path: path.to_string(),
                detail: format!("XML with root element <{other}>; {EXPECTED}"),
            }),
        };
    }
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    let first_trim = first.trim_start();
    let json_entity = first_trim.contains("\"schema\"")
        || first_trim.contains("\"entity\"")
        || first_trim.contains("\"properties\"");
    if first_trim.starts_with('{') && json_entity {
        return Ok(Format::FtmJson);
    }
    // Header checks ignore quoting ("id","schema",... and id,schema,... are the same header).
    let header = first.replace('"', "");
    let second = text.lines().nth(1).unwrap_or("").replace('"', "");
    if header.starts_with("Report Date:") && second.contains("Unique ID")
        || header.starts_with("Last Updated,Unique ID,")
    {
        return Ok(Format::UkSanctionsListCsv);
    }
    if header.starts_with("Last Updated,") || header.starts_with("Name 6,Name 1,") {
        return Ok(Format::UkConList);
    }
    if header.starts_with("Name\tStreet_Address") {
        return Ok(Format::BisDpl);
    }
    if header.contains("Entity_LogicalId") && header.contains(';') {
        return Ok(Format::EuFsfCsv);
    }
    if header.starts_with("celex,recordId,programKey") {
        return Ok(Format::EuJournalCsv);
    }
    if header.starts_with("id,schema,name,aliases") {
        return Ok(Format::OpenSanctionsSimpleCsv);
    }
    if let Some(part) = ofac_csv_part(file, first) {
        return Ok(Format::OfacCsv(part));
    }
    let preview: String = first
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(60)
        .collect();
    Err(Error::UnknownFormat {
        path: path.to_string(),
        detail: format!("file begins with '{preview}'; {EXPECTED}"),
    })
}

/// The OFAC CSV files have no header: rows start with the numeric entry number and mark empty
/// fields with `-0-`. The part is known from the file name, or else from the number of columns.
fn ofac_csv_part(file: &InputFile, first_line: &str) -> Option<OfacCsvPart> {
    let lead = first_line.split(',').next()?;
    if lead.is_empty() || !lead.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let by_name = match file.base_name().as_str() {
        "sdn.csv" | "cons_prim.csv" => Some(OfacCsvPart::Primary),
        "alt.csv" | "cons_alt.csv" => Some(OfacCsvPart::Alias),
        "add.csv" | "cons_add.csv" => Some(OfacCsvPart::Address),
        "sdn_comments.csv" | "cons_comments.csv" => Some(OfacCsvPart::Comments),
        _ => None,
    };
    if by_name.is_some() {
        return by_name;
    }
    if !first_line.contains("-0-") {
        return None;
    }
    let columns = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(first_line.as_bytes())
        .records()
        .next()?
        .ok()?
        .len();
    match columns {
        12 => Some(OfacCsvPart::Primary),
        5 => Some(OfacCsvPart::Alias),
        6 => Some(OfacCsvPart::Address),
        2 => Some(OfacCsvPart::Comments),
        _ => None,
    }
}

/// Name of the first element of an XML document (after the declaration, comments and DOCTYPE);
/// `None` if the text does not look like XML.
fn first_xml_element(text: &str) -> Option<String> {
    let mut rest = text.trim_start();
    loop {
        if !rest.starts_with('<') {
            return None;
        }
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r[r.find("?>")? + 2..].trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r[r.find("-->")? + 3..].trim_start();
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r[r.find('>')? + 1..].trim_start();
        } else {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or(&name).to_string();
            return (!local.is_empty()).then_some(local);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> InputFile {
        InputFile {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn detects_by_content() {
        let cases: &[(&str, &[u8], Format)] = &[
            ("a.xml", b"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<CONSOLIDATED_LIST dateGenerated='x'>", Format::UnXml),
            ("b.xml", b"<?xml version=\"1.0\"?><sdnList xmlns=\"x\">", Format::OfacXml),
            ("c.xml", b"<sanctionsData xmlns=\"x\">", Format::OfacEnhancedXml),
            ("d.xml", b"<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"x\">", Format::EuFsfXml),
            ("e.xml", b"<data-set><record>", Format::CanadaSemaXml),
            ("f.csv", b"Last Updated,13/04/2018,,\nName 6,Name 1", Format::UkConList),
            ("uk.csv", b"Report Date: 08-Oct-2026\nLast Updated,Unique ID,OFSI Group ID", Format::UkSanctionsListCsv),
            ("uk.xml", b"<?xml version=\"1.0\"?>\n<Designations><DateGenerated>", Format::UkSanctionsListXml),
            ("g.txt", b"\"Name\"\t\"Street_Address\"\t\"City\"", Format::BisDpl),
            ("h.csv", b"fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber", Format::EuFsfCsv),
            ("i.json", b"{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {}}", Format::FtmJson),
            ("j.json", b"{\"op\": \"ADD\", \"entity\": {\"id\": \"x\"}}", Format::FtmJson),
            ("sdn.csv", b"36,\"AEROCARIBBEAN\",-0- ,\"CUBA\"", Format::OfacCsv(OfacCsvPart::Primary)),
            ("x.csv", b"7140,5059,\"aka\",\"LASHKAR E-TOIBA\",-0- \r\n", Format::OfacCsv(OfacCsvPart::Alias)),
        ];
        for (name, bytes, expect) in cases {
            assert_eq!(detect(&file(name, bytes)).unwrap(), *expect, "{name}");
        }
    }

    #[test]
    fn names_what_it_found() {
        let e = detect(&file(
            "a.xml",
            b"<?xml version='1.0'?><swiss-sanctions-list>",
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("a.xml: ") && e.contains("<swiss-sanctions-list>"),
            "{e}"
        );
        let e = detect(&file("a.csv", b"name,dob\nx,y"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("begins with 'name,dob'"), "{e}");
        let e = detect(&file("list.xlsx", b"Name,Type\nX,Y"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("list.xlsx") && e.contains("not one"), "{e}");
        let e = detect(&file("list.xls", b"\xD0\xCF\x11\xE0\xA1\xB1"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("old format (.xls)"), "{e}");
        let e = detect(&file("e.xml", b"  \n")).unwrap_err().to_string();
        assert_eq!(e, "e.xml: file is empty; refusing an empty list");
        let e = detect(&file("sdn.csv", b"\x1a")).unwrap_err().to_string();
        assert!(e.contains("empty"), "{e}");
    }
}
