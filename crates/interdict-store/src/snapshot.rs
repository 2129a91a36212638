//! The index snapshot of the data directory's active list versions: one file per set of
//! versions (and the lists it holds, as JSON, beside it), written once, at import or at first
//! use, and mapped at start instead of parsing the lists and building the index. The same
//! file is what a Spark job broadcasts to its executors.

use crate::{Error, Result, Store};
use interdict_lists::ListMeta;
use interdict_match::Index;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where the snapshot of one set of active versions is.
pub struct IndexSnapshot {
    /// The index.
    pub index: PathBuf,
    /// The lists it holds (JSON).
    pub lists: PathBuf,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |cause| Error::Io {
        path: path.display().to_string(),
        cause,
    }
}

impl IndexSnapshot {
    /// The snapshot for the active versions of the data directory, if it has any.
    pub fn of(dir: &Path) -> Result<Option<IndexSnapshot>> {
        if !dir.join("interdict.db").exists() {
            return Ok(None);
        }
        let store = Store::open(dir)?;
        let mut hash = Sha256::new();
        let mut any = false;
        for s in store.status()? {
            if let Some(v) = s.active {
                any = true;
                for part in [v.source.as_str(), v.label.as_str(), v.checksum.as_str()] {
                    hash.update(part.as_bytes());
                    hash.update([0]);
                }
            }
        }
        if !any {
            return Ok(None);
        }
        let key: String = hash
            .finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect();
        let folder = dir.join("snapshots");
        Ok(Some(IndexSnapshot {
            index: folder.join(format!("{key}.index")),
            lists: folder.join(format!("{key}.lists.json")),
        }))
    }

    /// The snapshot in the file `index` (its lists beside it, as `<index>.lists.json`): one
    /// written by [`IndexSnapshot::write`] and copied elsewhere.
    pub fn at(index: &Path) -> IndexSnapshot {
        let mut lists = index.as_os_str().to_owned();
        lists.push(".lists.json");
        IndexSnapshot {
            index: index.to_path_buf(),
            lists: PathBuf::from(lists),
        }
    }

    /// Reads the snapshot (the index mapped, not copied), or says why it cannot be used. A
    /// missing lists file gives no lists, not an error.
    pub fn read(&self) -> std::result::Result<(Index, Vec<ListMeta>), String> {
        let file = std::fs::File::open(&self.index).map_err(|e| format!("cannot read: {e}"))?;
        // SAFETY: snapshot files are never changed in place: they are written to a temporary
        // file and moved into place, so the mapped file keeps its bytes while mapped (a file
        // replaced or removed stays readable to whoever has it mapped).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| format!("cannot map: {e}"))?;
        let index = Index::read_snapshot(std::sync::Arc::new(map))?;
        let lists = match std::fs::read(&self.lists) {
            Ok(b) => {
                serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", self.lists.display()))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(format!("cannot read {}: {e}", self.lists.display())),
        };
        Ok((index, lists))
    }

    /// Writes the snapshot whole or not at all (temporary files moved into place). With
    /// `only`, other snapshots in the folder (of versions no longer active) are removed.
    pub fn write(&self, index: &Index, lists: &[ListMeta], only: bool) -> Result<()> {
        let folder = match self.index.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder).map_err(io(folder))?;
        let mut lists_file = tempfile::NamedTempFile::new_in(folder).map_err(io(folder))?;
        serde_json::to_writer(&mut lists_file, lists)
            .map_err(|e| Error::Invalid(format!("{}: {e}", self.lists.display())))?;
        lists_file
            .persist(&self.lists)
            .map_err(|e| io(&self.lists)(e.error))?;
        let temp = tempfile::NamedTempFile::new_in(folder).map_err(io(folder))?;
        let mut out = std::io::BufWriter::new(temp);
        index.write_snapshot(&mut out).map_err(io(&self.index))?;
        let temp = out
            .into_inner()
            .map_err(|e| io(&self.index)(e.into_error()))?;
        temp.persist(&self.index)
            .map_err(|e| io(&self.index)(e.error))?;
        if only {
            for entry in std::fs::read_dir(folder).map_err(io(folder))?.flatten() {
                let p = entry.path();
                if p != self.index && p != self.lists {
                    let _ = std::fs::remove_file(p);
                }
            }
        }
        Ok(())
    }
}

/// The index of the data directory's active versions: from its snapshot when there is a
/// readable one, else built from the stored lists (and the snapshot written for next time).
/// `None` when the data directory has no active list.
pub fn load_active_index(dir: &Path) -> Result<Option<(Index, Vec<ListMeta>)>> {
    let Some(snapshot) = IndexSnapshot::of(dir)? else {
        return Ok(None);
    };
    if let Ok(loaded) = snapshot.read() {
        return Ok(Some(loaded));
    }
    let parsed = Store::open(dir)?.load_active()?;
    let lists: Vec<ListMeta> = parsed.iter().map(|p| p.meta.clone()).collect();
    let index = Index::build(parsed.into_iter().flat_map(|p| p.entities).collect());
    // A snapshot that cannot be written only costs the next start its time.
    let _ = snapshot.write(&index, &lists, true);
    Ok(Some((index, lists)))
}
