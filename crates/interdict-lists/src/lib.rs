//! Readers for the official sanctions list formats.
//!
//! [`load`] opens a file, a folder or a zip archive, recognises each file's format from its
//! content (the parts of the OFAC CSV set also by name), and parses it into [`Entity`] values
//! plus [`Warning`]s for records that were odd or skipped. A file that is not the format it looks
//! like, is damaged or holds no records is an [`Error`] naming the file and, where possible, the
//! line.

pub mod australia;
pub mod bis;
pub mod canada;
mod crossref;
mod dates;
pub mod detect;
pub mod error;
pub mod eu_fsf;
pub mod eu_journal;
pub mod fetch;
pub mod ftm;
pub mod ftm_out;
pub mod input;
mod names;
pub mod ofac_csv;
pub mod ofac_enhanced;
pub mod ofac_xml;
pub mod os_simple;
pub mod registry;
mod relations;
mod remarks;
mod table;
mod text;
pub mod uk;
pub mod uk_sanctions_list;
pub mod un;
pub mod xml;

pub use detect::{detect, Format, OfacCsvPart};
pub use error::{Error, Result, Warning};
pub use input::InputFile;

use interdict_model::Entity;
use std::path::Path;

/// What a list file is: which list, which version, in which format.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListMeta {
    /// Short name of the list ("un-sc", "us-ofac-sdn", ...).
    pub list: String,
    /// Version of the list: its publication date (`YYYY-MM-DD`) when the file states one or it
    /// can be derived from the data, otherwise `undated-` and a hash of the content.
    pub version: String,
    /// The format it was read from.
    pub format: Format,
    /// The publication timestamp as the file states it, if it does.
    pub published: Option<String>,
}

/// A parsed list: its metadata, its entities, and what was odd about it.
#[derive(Debug, Clone)]
pub struct ParsedList {
    /// Which list and version.
    pub meta: ListMeta,
    /// The entities, in file order.
    pub entities: Vec<Entity>,
    /// Records skipped or fields ignored, with their lines.
    pub warnings: Vec<Warning>,
    /// For delta files: record ids the file deletes from the previous version.
    pub deletions: Vec<String>,
    /// True for a delta file: its entities add to or replace those of the previous version, and
    /// `deletions` remove some; it is not a whole list by itself.
    pub is_delta: bool,
}

/// Reads the list(s) at `path`: a file, a folder of files, or a zip archive.
pub fn load(path: &Path) -> Result<Vec<ParsedList>> {
    parse_files(input::read_path(path)?)
}

/// Parses one file already in memory; `name` is used in messages and, for the OFAC CSV set, to
/// tell its parts apart. Fails if the file is not a whole list by itself.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<ParsedList> {
    let mut lists = parse_files(vec![InputFile {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    }])?;
    match lists.len() {
        1 => Ok(lists.remove(0)),
        n => Err(Error::Invalid {
            path: name.to_string(),
            message: format!("holds {n} lists, expected one"),
        }),
    }
}

/// Groups files given together into the files of each list: every file is a list of its own,
/// except the parts of an OFAC CSV set, which form one list (SDN and consolidated sets apart).
/// Fails on the first file whose format is not recognised.
pub fn group_files(files: Vec<InputFile>) -> Result<Vec<Vec<InputFile>>> {
    let mut groups: Vec<Vec<InputFile>> = Vec::new();
    let mut ofac: [Vec<(OfacCsvPart, InputFile)>; 2] = [Vec::new(), Vec::new()];
    for file in files {
        match detect(&file)? {
            Format::OfacCsv(part) => {
                let consolidated = file.base_name().starts_with("cons");
                let set = &mut ofac[usize::from(consolidated)];
                if let Some((_, other)) = set.iter().find(|(p, _)| *p == part) {
                    return Err(Error::Invalid {
                        path: file.name.clone(),
                        message: format!(
                            "two files of the same part of the OFAC CSV set were given (also {}); give one set at a time",
                            other.name
                        ),
                    });
                }
                set.push((part, file));
            }
            _ => groups.push(vec![file]),
        }
    }
    for set in ofac {
        if !set.is_empty() {
            groups.push(set.into_iter().map(|(_, f)| f).collect());
        }
    }
    Ok(groups)
}

/// Parses files given together (see [`group_files`]); returns one list per group.
pub fn parse_files(files: Vec<InputFile>) -> Result<Vec<ParsedList>> {
    group_files(files)?.iter().map(|g| parse_group(g)).collect()
}

/// Parses the files of one list.
fn parse_group(files: &[InputFile]) -> Result<ParsedList> {
    let first = &files[0];
    let (name, bytes) = (first.name.as_str(), first.bytes.as_slice());
    match detect(first)? {
        Format::OfacCsv(_) => {
            let parts: Vec<(OfacCsvPart, &InputFile)> = files
                .iter()
                .filter_map(|f| match detect(f) {
                    Ok(Format::OfacCsv(p)) => Some((p, f)),
                    _ => None,
                })
                .collect();
            let consolidated = first.base_name().starts_with("cons");
            ofac_csv::parse_set(&parts, consolidated)
        }
        Format::UnXml => un::parse(name, bytes),
        Format::OfacXml => ofac_xml::parse(name, bytes, first.base_name().contains("cons")),
        Format::OfacEnhancedXml => ofac_enhanced::parse(name, bytes),
        Format::UkConList => uk::parse(name, bytes),
        Format::UkSanctionsListXml => uk_sanctions_list::parse_xml(name, bytes),
        Format::UkSanctionsListCsv => uk_sanctions_list::parse_csv(name, bytes),
        Format::EuFsfXml => eu_fsf::parse_xml(name, bytes),
        Format::EuFsfCsv => eu_fsf::parse_csv(name, bytes),
        Format::EuJournalCsv => eu_journal::parse(name, bytes),
        Format::CanadaSemaXml => canada::parse(name, bytes),
        Format::AustraliaDfatXlsx => australia::parse(name, bytes),
        Format::BisDpl => bis::parse(name, bytes),
        Format::FtmJson => ftm::parse(name, bytes),
        Format::OpenSanctionsSimpleCsv => os_simple::parse(name, bytes),
    }
}

/// A version for lists that carry no date: `undated-` and 16 hex digits of a hash of the
/// content (FNV-1a), the same for the same bytes.
pub(crate) fn content_version<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("undated-{h:016x}")
}
