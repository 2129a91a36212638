//! One writer at a time in a data directory: an exclusive lock on `<data dir>/lock`, held while
//! lists are imported, fetched, activated, removed or pruned. A second writer waits for it and
//! says who holds it; readers (screening, serving) never wait.
//!
//! The lock is the operating system's file lock, so it is released when its holder ends, however
//! it ends (a killed import leaves no stale lock). Whoever takes it first cleans what a killed
//! writer may have left: temporary object files that were never moved into place.

use crate::clock::now_utc;
use crate::{Error, Result, Store};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The data directory's write lock; released when dropped.
#[derive(Debug)]
pub struct WriteLock {
    file: File,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

impl Store {
    /// Takes the data directory's write lock for `what` (a command, for the message another
    /// writer sees), waiting while another process holds it; `waiting` is told who that is.
    pub fn lock_for_writing(&self, what: &str, waiting: impl FnOnce(&str)) -> Result<WriteLock> {
        let lock = lock_file(&self.dir.join("lock"), what, waiting)?;
        self.remove_unfinished_objects();
        Ok(lock)
    }

    /// Removes temporary object files a killed writer left (only ever called under the lock, so
    /// no writer is still working on them).
    fn remove_unfinished_objects(&self) {
        let Ok(dirs) = std::fs::read_dir(self.dir.join("objects")) else {
            return;
        };
        for d in dirs.flatten() {
            let Ok(files) = std::fs::read_dir(d.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') && name.ends_with(".tmp") {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
    }
}

/// Takes the exclusive lock of the file at `path` (created if needed) for `what`, waiting while
/// another process holds it (`waiting` is told who, as the holder wrote it into the file); the
/// holder's process and command are written into the file for the next one who waits.
pub fn lock_file(path: &Path, what: &str, waiting: impl FnOnce(&str)) -> Result<WriteLock> {
    match take(path, what, Some(Box::new(waiting)))? {
        Ok(lock) => Ok(lock),
        // Only returned when not waiting.
        Err(holder) => Err(Error::Invalid(format!(
            "{} is held by {holder}",
            path.display()
        ))),
    }
}

/// Takes the lock of the file at `path` for `what` if no other process holds it; else who does.
pub fn try_lock_file(path: &Path, what: &str) -> Result<std::result::Result<WriteLock, String>> {
    take(path, what, None)
}

/// Who to tell, while waiting for a lock, who holds it.
type Waiting<'a> = Box<dyn FnOnce(&str) + 'a>;

/// Takes the lock, waiting (telling `waiting` who holds it) or not (answering who does).
fn take(
    path: &Path,
    what: &str,
    waiting: Option<Waiting<'_>>,
) -> Result<std::result::Result<WriteLock, String>> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        cause: source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = match holder.trim() {
                "" => "another interdict process".to_string(),
                h => h.to_string(),
            };
            match waiting {
                Some(tell) => {
                    tell(&holder);
                    file.lock().map_err(io)?;
                }
                None => return Ok(Err(holder)),
            }
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    let note = format!(
        "process {} ({what}) since {}\n",
        std::process::id(),
        now_utc()
    );
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.write_all(note.as_bytes()).map_err(io)?;
    Ok(Ok(WriteLock { file }))
}
