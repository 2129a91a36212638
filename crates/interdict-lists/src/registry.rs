//! The official sources interdict can fetch: where each authority publishes its list, in which
//! format, under which source name, how often it usually changes, and which sources are retired.

/// One fetchable source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Source name, the same as the list name its parser gives.
    pub name: &'static str,
    /// Who publishes it.
    pub authority: &'static str,
    /// The official download address.
    pub url: &'static str,
    /// A file name for the download (it decides the OFAC SDN/consolidated list name).
    pub file_name: &'static str,
    /// The format family the download must be in.
    pub format: &'static str,
    /// Days within which the authority usually publishes a new version; an active version older
    /// than this is stale.
    pub cycle_days: i64,
    /// For a source the authority no longer publishes: what replaced it (`fetch` refuses it
    /// and every use of a stored version warns).
    pub retired: Option<Retired>,
}

/// A source that is no longer published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retired {
    /// When it stopped (`YYYY-MM-DD`).
    pub on: &'static str,
    /// The source that replaces it.
    pub successor: &'static str,
}

/// Every source `lists fetch` knows, in the order it fetches them.
pub const SOURCES: &[Source] = &[
    Source {
        name: "un-sc",
        authority: "UN Security Council Consolidated List",
        url: "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        file_name: "consolidated.xml",
        format: "un-xml",
        cycle_days: 7,
        retired: None,
    },
    Source {
        name: "us-ofac-sdn",
        authority: "US Treasury OFAC Specially Designated Nationals (SDN) List",
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        file_name: "sdn.xml",
        format: "ofac-xml",
        cycle_days: 14,
        retired: None,
    },
    Source {
        name: "us-ofac-cons",
        authority: "US Treasury OFAC Consolidated (non-SDN) List",
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        file_name: "consolidated-non-sdn.xml",
        format: "ofac-xml",
        cycle_days: 14,
        retired: None,
    },
    Source {
        name: "gb-hmt",
        authority: "UK HM Treasury OFSI Consolidated List",
        url: "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        file_name: "ConList.csv",
        format: "uk-conlist-csv",
        cycle_days: 14,
        retired: Some(Retired {
            on: "2026-01-28",
            successor: "gb-fcdo",
        }),
    },
    Source {
        name: "gb-fcdo",
        authority: "UK Sanctions List (FCDO), the UK's only list since 28 January 2026",
        url: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
        file_name: "UK-Sanctions-List.xml",
        format: "uk-sanctions-list-xml",
        cycle_days: 14,
        retired: None,
    },
    Source {
        name: "eu-fsf",
        authority: "EU Financial Sanctions Files (consolidated list)",
        url: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
        file_name: "eu-fsf.xml",
        format: "eu-fsf-xml",
        cycle_days: 14,
        retired: None,
    },
    Source {
        name: "ca-sema",
        authority: "Canada Consolidated Autonomous Sanctions List",
        url: "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
        file_name: "sema-lmes.xml",
        format: "ca-sema-xml",
        cycle_days: 90,
        retired: None,
    },
    Source {
        name: "au-dfat",
        authority: "Australia DFAT Consolidated List",
        url: "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
        file_name: "regulation8_consolidated.xlsx",
        format: "au-dfat-xlsx",
        cycle_days: 90,
        retired: None,
    },
    Source {
        name: "us-bis-dpl",
        authority: "US Commerce BIS Denied Persons List",
        url: "https://www.bis.doc.gov/dpl/dpl.txt",
        file_name: "dpl.txt",
        format: "us-bis-dpl",
        cycle_days: 90,
        retired: None,
    },
];

/// The source of this name.
pub fn source(name: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.name == name)
}

/// Publication cycles of lists that are read but not fetched from an official address.
const OTHER_CYCLES: &[(&str, i64)] = &[("us-ofac", 14), ("opensanctions", 7)];

/// Today as a day number (days since 1970-01-01, UTC).
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64 / 86_400)
        .unwrap_or(0)
}

/// Days since a list version was published, from its label (`2025-04-19`, or a label that
/// starts with a date) or else its publication timestamp; `None` when neither is a date.
pub fn age_days(version: &str, published: Option<&str>, today: i64) -> Option<i64> {
    let day = interdict_model::day_number(version)
        .or_else(|| published.and_then(interdict_model::day_number))?;
    Some(today - day)
}

/// Why a list version should not be relied on as current: its source is retired, or it is older
/// than its authority's usual publication cycle. `None` when it is current, or when its age
/// or cycle is unknown.
pub fn staleness(list: &str, version: &str, published: Option<&str>, today: i64) -> Option<String> {
    let known = source(list);
    if let Some(r) = known.and_then(|s| s.retired) {
        return Some(format!(
            "{list} is retired: it has not been published since {}; its successor is {} \
             (`interdict lists fetch {}`)",
            r.on, r.successor, r.successor
        ));
    }
    let cycle = known.map(|s| s.cycle_days).or_else(|| {
        OTHER_CYCLES
            .iter()
            .find(|(name, _)| *name == list)
            .map(|(_, days)| *days)
    })?;
    let age = age_days(version, published, today)?;
    (age > cycle).then(|| {
        format!(
            "{list} {version} is {age} days old; its authority usually publishes within {cycle} \
             days, so it is probably out of date (`interdict lists fetch {list}`)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_https() {
        let mut names: Vec<&str> = SOURCES.iter().map(|s| s.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SOURCES.len());
        assert!(SOURCES.iter().all(|s| s.url.starts_with("https://")));
        assert_eq!(source("un-sc").unwrap().format, "un-xml");
        for s in SOURCES {
            if let Some(r) = s.retired {
                assert!(source(r.successor).is_some_and(|n| n.retired.is_none()));
            }
        }
    }

    #[test]
    fn stale_lists_are_named_with_their_age() {
        let day = |d: &str| interdict_model::day_number(d).unwrap();
        let today = day("2026-12-02");
        assert_eq!(staleness("un-sc", "2026-11-30", None, today), None);
        let old = staleness("un-sc", "2025-04-19", None, today).unwrap();
        assert!(
            old.contains("592 days old") && old.contains("within 7 days"),
            "{old}"
        );
        let retired = staleness("gb-hmt", "2026-01-27", None, today).unwrap();
        assert!(
            retired.contains("retired") && retired.contains("gb-fcdo"),
            "{retired}"
        );
        // Undated versions are aged by their publication timestamp, else not at all.
        assert!(staleness(
            "us-ofac-sdn",
            "undated-1",
            Some("2026-01-01T00:00:00"),
            today
        )
        .is_some());
        assert_eq!(staleness("us-ofac-sdn", "undated-1", None, today), None);
        assert_eq!(staleness("my-own-list", "2001-01-01", None, today), None);
    }
}
