//! The official sources interdict can fetch: where each authority publishes its list, in which
//! format, under which source name.

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
}

/// Every source `lists fetch` knows, in the order it fetches them.
pub const SOURCES: &[Source] = &[
    Source {
        name: "un-sc",
        authority: "UN Security Council Consolidated List",
        url: "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        file_name: "consolidated.xml",
        format: "un-xml",
    },
    Source {
        name: "us-ofac-sdn",
        authority: "US Treasury OFAC Specially Designated Nationals (SDN) List",
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        file_name: "sdn.xml",
        format: "ofac-xml",
    },
    Source {
        name: "us-ofac-cons",
        authority: "US Treasury OFAC Consolidated (non-SDN) List",
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        file_name: "consolidated-non-sdn.xml",
        format: "ofac-xml",
    },
    Source {
        name: "gb-hmt",
        authority: "UK HM Treasury OFSI Consolidated List",
        url: "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        file_name: "ConList.csv",
        format: "uk-conlist-csv",
    },
    Source {
        name: "eu-fsf",
        authority: "EU Financial Sanctions Files (consolidated list)",
        url: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
        file_name: "eu-fsf.xml",
        format: "eu-fsf-xml",
    },
    Source {
        name: "ca-sema",
        authority: "Canada Consolidated Autonomous Sanctions List",
        url: "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
        file_name: "sema-lmes.xml",
        format: "ca-sema-xml",
    },
    Source {
        name: "au-dfat",
        authority: "Australia DFAT Consolidated List",
        url: "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
        file_name: "regulation8_consolidated.xlsx",
        format: "au-dfat-xlsx",
    },
    Source {
        name: "us-bis-dpl",
        authority: "US Commerce BIS Denied Persons List",
        url: "https://www.bis.doc.gov/dpl/dpl.txt",
        file_name: "dpl.txt",
        format: "us-bis-dpl",
    },
];

/// The source of this name.
pub fn source(name: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.name == name)
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
    }
}
