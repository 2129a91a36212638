//! Clean payment traffic for measuring `interdict payments`: ISO 20022 `pacs.008.001.08`
//! messages of one to three customer credit transfers between ordinary people and companies
//! (from the name resources; none listed), through real-looking banks of countries under no
//! country programme, with ordinary remittance lines. Every hold on it is a false hold.

use crate::rng::Rng;

/// A party of a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// Its name.
    pub name: String,
    /// Its country (ISO code, upper case).
    pub country: String,
    /// Whether it is a company.
    pub company: bool,
}

/// Banks (BIC8) of countries under no country-wide programme, with their country.
const BANKS: &[&str] = &[
    "DEUTDEFF", "COBADEFF", "BARCGB22", "HBUKGB4B", "LOYDGB2L", "NWBKGB2L", "BNPAFRPP", "SOGEFRPP",
    "INGBNL2A", "ABNANL2A", "RABONL2U", "UBSWCHZH", "CRESCHZZ", "BBVAESMM", "CAIXESBB", "UNCRITMM",
    "BCITITMM", "NDEAFIHH", "DABADKKK", "ESSESESS", "CITIUS33", "CHASUS33", "BOFAUS3N", "WFBIUS6S",
    "ROYCCAT2", "TDOMCATT", "HSBCHKHH", "DBSSSGSG", "MHCBJPJT", "KOEXKRSE", "ANZBAU3M", "NEDSZAJJ",
    "SBZAZAJJ", "ICICINBB", "HDFCINBB", "HABBPKKA", "MEBLPKKA", "UNILPKKA", "ALFHPKKA", "SCBLAEAD",
    "NBADAEAA", "QNBAQAQA", "NCBKSAJE", "BKCHCNBJ", "ICBKCNBJ", "BRADBRSP", "BNMXMXMM", "ISBKTRIS",
];

/// Towns of the banks' countries.
const TOWNS: &[(&str, &str)] = &[
    ("DE", "Frankfurt"),
    ("GB", "London"),
    ("FR", "Paris"),
    ("NL", "Amsterdam"),
    ("CH", "Zurich"),
    ("ES", "Madrid"),
    ("IT", "Milan"),
    ("FI", "Helsinki"),
    ("DK", "Copenhagen"),
    ("SE", "Stockholm"),
    ("US", "New York"),
    ("CA", "Toronto"),
    ("HK", "Hong Kong"),
    ("SG", "Singapore"),
    ("JP", "Tokyo"),
    ("KR", "Seoul"),
    ("AU", "Sydney"),
    ("ZA", "Johannesburg"),
    ("IN", "Mumbai"),
    ("PK", "Karachi"),
    ("AE", "Dubai"),
    ("QA", "Doha"),
    ("SA", "Riyadh"),
    ("CN", "Shanghai"),
    ("BR", "Sao Paulo"),
    ("MX", "Mexico City"),
    ("TR", "Istanbul"),
];

/// Remittance lines, `{n}` replaced by a number.
const REMITTANCE: &[&str] = &[
    "Invoice {n}",
    "INV-{n} spare parts",
    "salary November",
    "rent December flat {n}",
    "school fees term 2",
    "consulting services Q4 ref {n}",
    "order {n} textiles",
    "loan repayment {n}",
    "family support",
    "insurance premium policy {n}",
    "freight charges container {n}",
    "software licence {n}",
    "tuition fees student {n}",
    "medical bill {n}",
    "purchase of machinery contract {n}",
];

/// One message of `n` transactions between these parties (cycled), as XML.
pub fn pacs008(id: u64, transfers: &[(Party, Party)], rng: &mut Rng) -> String {
    let mut xml = String::with_capacity(1500 * transfers.len());
    xml.push_str(&format!(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
         <GrpHdr><MsgId>MSG{id:09}</MsgId><CreDtTm>2026-12-04T09:00:00Z</CreDtTm>\
         <NbOfTxs>{}</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>",
        transfers.len()
    ));
    for (t, (debtor, creditor)) in transfers.iter().enumerate() {
        let amount = 10 + rng.below(50_000);
        let intermediary = if rng.below(5) == 0 {
            format!(
                "<IntrmyAgt1><FinInstnId><BICFI>{}</BICFI></FinInstnId></IntrmyAgt1>",
                bank(rng)
            )
        } else {
            String::new()
        };
        let line = REMITTANCE[rng.below(REMITTANCE.len())]
            .replace("{n}", &(1000 + rng.below(90_000)).to_string());
        xml.push_str(&format!(
            "<CdtTrfTxInf><PmtId><EndToEndId>E2E{id:09}-{t}</EndToEndId></PmtId>\
             <IntrBkSttlmAmt Ccy=\"USD\">{amount}.00</IntrBkSttlmAmt><ChrgBr>SHAR</ChrgBr>\
             {intermediary}{}<DbtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></DbtrAgt>\
             <CdtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></CdtrAgt>{}\
             <RmtInf><Ustrd>{}</Ustrd></RmtInf></CdtTrfTxInf>",
            party("Dbtr", debtor),
            bank(rng),
            bank(rng),
            party("Cdtr", creditor),
            escape(&line),
        ));
    }
    xml.push_str("</FIToFICstmrCdtTrf></Document>");
    xml
}

fn bank(rng: &mut Rng) -> &'static str {
    BANKS[rng.below(BANKS.len())]
}

/// A party element with its name, an organisation or private id (nine digits derived from the
/// name), and its town and country.
fn party(tag: &str, p: &Party) -> String {
    let town = TOWNS
        .iter()
        .find(|(c, _)| *c == p.country)
        .map(|(_, t)| format!("<TwnNm>{t}</TwnNm>"))
        .unwrap_or_default();
    let kind = if p.company { "OrgId" } else { "PrvtId" };
    let number = p
        .name
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        % 1_000_000_000;
    format!(
        "<{tag}><Nm>{}</Nm><PstlAdr>{town}<Ctry>{}</Ctry></PstlAdr>\
         <Id><{kind}><Othr><Id>{number:09}</Id></Othr></{kind}></Id></{tag}>",
        escape(&p.name),
        p.country,
    )
}

/// The countries of `interdict-payments`' country-wide programmes: clean traffic has no party
/// there.
const PROGRAMME_COUNTRIES: &[&str] = &["BY", "CU", "IR", "KP", "RU", "SY", "VE"];

/// A party's country: its own (a nationality), unless under a country programme; then, as for
/// companies, a bank country.
pub fn country(own: Option<&str>, rng: &mut Rng) -> String {
    match own.map(str::to_uppercase) {
        Some(c) if c.len() == 2 && !PROGRAMME_COUNTRIES.contains(&c.as_str()) => c,
        _ => TOWNS[rng.below(TOWNS.len())].0.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_well_formed_and_escaped() {
        let p = Party {
            name: "Smith & Sons <UK>".into(),
            country: "GB".into(),
            company: true,
        };
        let xml = pacs008(7, &[(p.clone(), p)], &mut Rng::new(1));
        assert!(xml.contains("Smith &amp; Sons &lt;UK&gt;"));
        assert!(xml.contains("<MsgId>MSG000000007</MsgId>"));
        assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 1);
    }
}
