//! What the parsers read: named byte blobs, from a file, every file of a folder, or every member
//! of a zip archive (the OFAC CSV set comes as four files).

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// Largest file or archive member read (a guard against zip bombs and wrong paths).
const MAX_SIZE: u64 = 2 << 30;

/// One input file: a name for messages and format recognition, and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The path or `archive.zip:member` it came from.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl InputFile {
    /// The file name without folders, lower-cased (`sdn.csv`).
    pub fn base_name(&self) -> String {
        let n = self
            .name
            .rsplit(['/', '\\', ':'])
            .next()
            .unwrap_or(&self.name);
        n.to_ascii_lowercase()
    }
}

fn io_error(path: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        cause: source,
    }
}

/// Reads a file; a folder's files (not recursively, hidden files skipped); or a zip archive's
/// members. An XLSX workbook is a zip archive too, and is returned whole.
pub fn read_path(path: &Path) -> Result<Vec<InputFile>> {
    let display = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&display, e))?;
    if meta.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| io_error(&display, e))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        entries.sort();
        if entries.is_empty() {
            return Err(Error::Invalid {
                path: display,
                message: "folder contains no files".into(),
            });
        }
        let mut out = Vec::new();
        for p in entries {
            out.extend(read_path(&p)?);
        }
        return Ok(out);
    }
    if meta.len() > MAX_SIZE {
        return Err(Error::Invalid {
            path: display,
            message: format!("file is {} bytes, more than interdict reads", meta.len()),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(&display, e))?;
    if bytes.starts_with(b"PK\x03\x04") && !is_workbook(&bytes) {
        return unzip(&display, &bytes);
    }
    Ok(vec![InputFile {
        name: display,
        bytes,
    }])
}

/// True for Office Open XML workbooks (which are zip archives too).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z
            .file_names()
            .any(|n| n.is_ok_and(|n| n == "xl/workbook.xml")),
        Err(_) => false,
    }
}

/// The files inside a zip archive.
pub fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<InputFile>> {
    let invalid = |message: String| Error::Invalid {
        path: name.to_string(),
        message,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a readable zip archive: {e}")))?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| invalid(format!("zip member {i} is damaged: {e}")))?;
        if member.is_dir() {
            continue;
        }
        let member_name = member
            .name()
            .map_err(|e| invalid(format!("zip member {i} has an unreadable name: {e}")))?
            .to_string();
        let base = member_name.rsplit('/').next().unwrap_or(&member_name);
        if base.starts_with('.') || member_name.starts_with("__MACOSX") {
            continue;
        }
        if member.size() > MAX_SIZE {
            return Err(invalid(format!("zip member {member_name} is too large")));
        }
        let mut data = Vec::with_capacity(member.size() as usize);
        member
            .by_ref()
            .take(MAX_SIZE)
            .read_to_end(&mut data)
            .map_err(|e| invalid(format!("zip member {member_name} cannot be read: {e}")))?;
        out.push(InputFile {
            name: format!("{name}:{member_name}"),
            bytes: data,
        });
    }
    if out.is_empty() {
        return Err(invalid("zip archive contains no files".into()));
    }
    Ok(out)
}
