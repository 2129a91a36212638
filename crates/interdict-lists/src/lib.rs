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
pub mod ftm;
pub mod input;
mod names;
pub mod ofac_csv;
pub mod ofac_enhanced;
pub mod ofac_xml;
pub mod os_simple;
mod remarks;
mod text;
pub mod uk;
pub mod un;
mod xml;

pub use detect::{detect, Format, OfacCsvPart};
pub use error::{Error, Result, Warning};
pub use input::InputFile;

use interdict_model::Entity;
use std::path::Path;

/// What a list file is: which list, which version, in which format.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Parses files given together: each file is one list, except the parts of an OFAC CSV set,
/// which are assembled into one list (SDN and consolidated sets apart).
pub fn parse_files(files: Vec<InputFile>) -> Result<Vec<ParsedList>> {
    let mut out = Vec::new();
    let mut ofac: [Vec<(OfacCsvPart, &InputFile)>; 2] = [Vec::new(), Vec::new()];
    for file in &files {
        match detect(file)? {
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
            Format::UnXml => out.push(un::parse(&file.name, &file.bytes)?),
            Format::CanadaSemaXml => out.push(canada::parse(&file.name, &file.bytes)?),
            Format::OpenSanctionsSimpleCsv => out.push(os_simple::parse(&file.name, &file.bytes)?),
            Format::FtmJson => out.push(ftm::parse(&file.name, &file.bytes)?),
            Format::EuFsfXml => out.push(eu_fsf::parse_xml(&file.name, &file.bytes)?),
            Format::EuFsfCsv => out.push(eu_fsf::parse_csv(&file.name, &file.bytes)?),
            Format::EuJournalCsv => out.push(eu_journal::parse(&file.name, &file.bytes)?),
            Format::AustraliaDfatXlsx => out.push(australia::parse(&file.name, &file.bytes)?),
            Format::BisDpl => out.push(bis::parse(&file.name, &file.bytes)?),
            Format::UkConList => out.push(uk::parse(&file.name, &file.bytes)?),
            Format::OfacEnhancedXml => out.push(ofac_enhanced::parse(&file.name, &file.bytes)?),
            Format::OfacXml => {
                let consolidated = file.base_name().contains("cons");
                out.push(ofac_xml::parse(&file.name, &file.bytes, consolidated)?)
            }
        }
    }
    for (consolidated, set) in ofac.iter().enumerate() {
        if !set.is_empty() {
            out.push(ofac_csv::parse_set(set, consolidated == 1)?);
        }
    }
    Ok(out)
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
