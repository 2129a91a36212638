//! Raw list files stored by content: `objects/<first two hex digits>/<sha256>`, written to a
//! temporary file, synced and renamed, so a file is there whole or not at all.

use crate::{Error, Result, Store};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

/// The SHA-256 of some bytes, in hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    pub(crate) fn object_path(&self, sha: &str) -> PathBuf {
        self.dir.join("objects").join(&sha[..2]).join(sha)
    }

    /// Stores `bytes` under their hash (no-op if already there); returns the hash.
    pub(crate) fn put_object(&self, bytes: &[u8]) -> Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.object_path(&sha);
        if path.exists() {
            return Ok(sha);
        }
        let io = |source, p: &std::path::Path| Error::Io {
            path: p.display().to_string(),
            cause: source,
        };
        let parent = path.parent().unwrap_or(&self.dir).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| io(e, &parent))?;
        let tmp = parent.join(format!(".{sha}.{}.tmp", std::process::id()));
        {
            let mut f = std::fs::File::create(&tmp).map_err(|e| io(e, &tmp))?;
            f.write_all(bytes).map_err(|e| io(e, &tmp))?;
            f.sync_all().map_err(|e| io(e, &tmp))?;
        }
        std::fs::rename(&tmp, &path).map_err(|e| io(e, &path))?;
        Ok(sha)
    }

    /// Reads a stored file and checks it against its hash.
    pub(crate) fn get_object(&self, sha: &str) -> Result<Vec<u8>> {
        let path = self.object_path(sha);
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            cause: source,
        })?;
        if sha256_hex(&bytes) != sha {
            return Err(Error::Damaged {
                path: path.display().to_string(),
            });
        }
        Ok(bytes)
    }
}
