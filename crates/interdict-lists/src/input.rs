//! What the parsers read: named byte blobs, from a file, every file of a folder, or every member
//! of a zip archive (the OFAC CSV set comes as four files).
//!
//! Archives are untrusted: a member named with `..` or an absolute path is refused, and what
//! they expand to is bounded member by member and in total, counting the bytes actually
//! decompressed (a zip's declared sizes can lie, and its members can overlap).

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// Largest file or archive member read (a guard against zip bombs and wrong paths).
const MAX_SIZE: u64 = 2 << 30;
/// Most bytes all members of one archive may expand to together.
const MAX_EXPANDED: u64 = 2 << 30;
/// Most bytes an Excel workbook may expand to (sheets and shared strings together): a
/// sanctions list is a few megabytes.
const MAX_WORKBOOK: u64 = 256 << 20;
/// Largest expansion of one member: a text list compresses 10 to 50 times; far more is a bomb.
const MAX_RATIO: u64 = 1_000;

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

/// Refuses a member name that points out of the archive: `..` parts, an absolute path or a
/// drive letter.
fn check_member_name(name: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    let absolute = name.starts_with(['/', '\\']) || name.get(1..2) == Some(":");
    if absolute || parts.contains(&"..") {
        return Err(format!(
            "zip member '{name}' points outside the archive (an absolute path or '..'); refusing \
             the archive"
        ));
    }
    Ok(())
}

/// Reads one member whole within `budget` bytes (the smaller of the per-member and the
/// remaining total cap), counting what is actually decompressed.
fn read_member(
    member: &mut zip::read::ZipFile<'_, std::io::Cursor<&[u8]>>,
    budget: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::with_capacity(member.size().min(budget).min(64 << 20) as usize);
    member.by_ref().take(budget + 1).read_to_end(&mut data)?;
    Ok((data.len() as u64 <= budget).then_some(data))
}

/// The sizes of an archive's members checked before anything is expanded: no member larger
/// than `per_member`, none expanding more than [`MAX_RATIO`] times, all together no more than
/// `total`, and no two members sharing their compressed bytes.
fn check_sizes(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    archive_len: u64,
    per_member: u64,
    total: u64,
) -> std::result::Result<(), String> {
    let (mut expanded, mut compressed) = (0u64, 0u64);
    for i in 0..archive.len() {
        let m = archive
            .by_index_raw(i)
            .map_err(|e| format!("zip member {i} is damaged: {e}"))?;
        let name = m.name().map_or_else(|_| format!("{i}"), |n| n.to_string());
        if m.size() > per_member {
            return Err(format!(
                "zip member {name} would expand to {} bytes, more than interdict reads",
                m.size()
            ));
        }
        if m.size() > (1 << 20) && m.size() / m.compressed_size().max(1) > MAX_RATIO {
            return Err(format!(
                "zip member {name} would expand {} times; refusing what looks like a zip bomb",
                m.size() / m.compressed_size().max(1)
            ));
        }
        expanded = expanded.saturating_add(m.size());
        compressed = compressed.saturating_add(m.compressed_size());
    }
    if expanded > total {
        return Err(format!(
            "the archive would expand to {expanded} bytes, more than interdict reads ({total})"
        ));
    }
    if compressed > archive_len {
        return Err(
            "the archive's members overlap (their compressed sizes add up to more than the \
             archive): refusing what looks like a zip bomb"
                .into(),
        );
    }
    Ok(())
}

/// The files inside a zip archive.
pub fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<InputFile>> {
    let invalid = |message: String| Error::Invalid {
        path: name.to_string(),
        message,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a readable zip archive: {e}")))?;
    check_sizes(&mut archive, bytes.len() as u64, MAX_SIZE, MAX_EXPANDED).map_err(invalid)?;
    let mut out = Vec::new();
    let mut left = MAX_EXPANDED;
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| invalid(format!("zip member {i} is damaged: {e}")))?;
        let member_name = member
            .name()
            .map_err(|e| invalid(format!("zip member {i} has an unreadable name: {e}")))?
            .to_string();
        check_member_name(&member_name).map_err(invalid)?;
        if member.is_dir() {
            continue;
        }
        let base = member_name.rsplit('/').next().unwrap_or(&member_name);
        if base.starts_with('.') || member_name.starts_with("__MACOSX") {
            continue;
        }
        let data = read_member(&mut member, left.min(MAX_SIZE))
            .map_err(|e| invalid(format!("zip member {member_name} cannot be read: {e}")))?
            .ok_or_else(|| {
                invalid(format!(
                    "zip member {member_name} expands beyond what interdict reads; refusing \
                     what looks like a zip bomb"
                ))
            })?;
        left -= data.len() as u64;
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

/// Checks an Excel workbook before a spreadsheet reader opens it: a real zip archive, no
/// member pointing outside it, and sheets and shared strings that expand to no more than
/// [`MAX_WORKBOOK`] bytes, counted as they are decompressed (a shared-strings bomb is refused
/// here, not run out of memory on).
pub fn check_workbook(name: &str, bytes: &[u8]) -> Result<()> {
    let invalid = |message: String| Error::Invalid {
        path: name.to_string(),
        message,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        invalid(format!(
            "not a readable Excel workbook (an .xlsx file is a zip archive): {e}"
        ))
    })?;
    check_sizes(&mut archive, bytes.len() as u64, MAX_WORKBOOK, MAX_WORKBOOK).map_err(invalid)?;
    let mut left = MAX_WORKBOOK;
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| invalid(format!("workbook part {i} is damaged: {e}")))?;
        let part = member.name().unwrap_or_default().to_string();
        check_member_name(&part).map_err(invalid)?;
        let read = std::io::copy(&mut member.by_ref().take(left + 1), &mut std::io::sink())
            .map_err(|e| invalid(format!("workbook part {part} cannot be read: {e}")))?;
        if read > left {
            return Err(invalid(format!(
                "workbook part {part} expands beyond {} MB; refusing what looks like a zip bomb",
                MAX_WORKBOOK >> 20
            )));
        }
        left -= read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, data) in members {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn members_pointing_outside_the_archive_are_refused() {
        for name in [
            "../sdn.csv",
            "a/../../etc/passwd",
            "/etc/sdn.csv",
            "C:/sdn.csv",
        ] {
            let e = unzip("x.zip", &zip_of(&[(name, b"1,2\n")])).unwrap_err();
            assert!(
                e.to_string().contains("points outside the archive"),
                "{name}: {e}"
            );
        }
        assert_eq!(
            unzip("x.zip", &zip_of(&[("lists/sdn.csv", b"1")]))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn an_archive_that_expands_too_far_is_refused() {
        let zeros = vec![0u8; 8 << 20];
        let e = unzip("bomb.zip", &zip_of(&[("a.csv", &zeros)])).unwrap_err();
        assert!(e.to_string().contains("zip bomb"), "{e}");
        let e =
            check_workbook("bomb.xlsx", &zip_of(&[("xl/sharedStrings.xml", &zeros)])).unwrap_err();
        assert!(e.to_string().contains("zip bomb"), "{e}");
        let e = check_workbook("fake.xlsx", b"Name,Address\n").unwrap_err();
        assert!(
            e.to_string().contains("not a readable Excel workbook"),
            "{e}"
        );
    }
}
