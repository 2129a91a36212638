//! Readers for the official sanctions list formats.
//!
//! [`load`] opens a file, recognises its format from its content (not its name) and parses it
//! into [`Entity`] values plus [`Warning`]s for records that were odd or skipped. A file that is
//! not the format it looks like, is damaged or holds no records is an [`Error`] naming the file
//! and, where possible, the line.

pub mod detect;
pub mod error;
pub mod un;
mod xml;

pub use detect::{detect, Format};
pub use error::{Error, Result, Warning};

use interdict_model::Entity;
use std::path::Path;

/// What a list file is: which list, which version, in which format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMeta {
    /// Short name of the list ("un-sc", ...).
    pub list: String,
    /// Version of the list (its publication date, `YYYY-MM-DD`, or "unknown").
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
}

/// Reads a list file, detecting its format from its content.
pub fn load(path: &Path) -> Result<ParsedList> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: display.clone(),
        source,
    })?;
    parse_bytes(&display, &bytes)
}

/// Parses a list from bytes already in memory; `path` is used in messages only.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    match detect(path, bytes)? {
        Format::UnXml => un::parse(path, bytes),
    }
}
