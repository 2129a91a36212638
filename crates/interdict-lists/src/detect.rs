//! Recognising a list's format from the first bytes of the file.

use crate::error::{Error, Result};
use std::fmt;

/// A list format interdict reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// UN Security Council consolidated list, XML (`<CONSOLIDATED_LIST>`).
    UnXml,
}

impl Format {
    /// A human name for messages.
    pub fn description(&self) -> &'static str {
        match self {
            Format::UnXml => "UN Security Council consolidated list (XML)",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

const EXPECTED: &str =
    "expected a UN Security Council consolidated list XML file (root <CONSOLIDATED_LIST>)";

/// Recognises the format of a list from its content.
pub fn detect(path: &str, bytes: &[u8]) -> Result<Format> {
    let head = &bytes[..bytes.len().min(8192)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Invalid {
            path: path.to_string(),
            message: "file is empty; refusing an empty list".to_string(),
        });
    }
    let text = String::from_utf8_lossy(head);
    if let Some(root) = first_xml_element(&text) {
        return match root.as_str() {
            "CONSOLIDATED_LIST" => Ok(Format::UnXml),
            other => Err(Error::UnknownFormat {
                path: path.to_string(),
                detail: format!("XML with root element <{other}>; {EXPECTED}"),
            }),
        };
    }
    let first_line: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(60)
        .collect();
    Err(Error::UnknownFormat {
        path: path.to_string(),
        detail: format!("file begins with '{first_line}'; {EXPECTED}"),
    })
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

    #[test]
    fn detects_un_xml() {
        let f = detect(
            "a.xml",
            b"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<CONSOLIDATED_LIST dateGenerated='x'>",
        );
        assert_eq!(f.unwrap(), Format::UnXml);
    }

    #[test]
    fn names_what_it_found() {
        let e = detect("a.xml", b"<?xml version='1.0'?><sdnList>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.xml: ") && e.contains("<sdnList>"), "{e}");
        let e = detect("a.csv", b"name,dob\nx,y").unwrap_err().to_string();
        assert!(e.contains("begins with 'name,dob'"), "{e}");
        let e = detect("e.xml", b"  \n").unwrap_err().to_string();
        assert_eq!(e, "e.xml: file is empty; refusing an empty list");
    }
}
