//! A customer book opened for use: its store (where `place.rs` says), its index in
//! `<data dir>/monitor/`, the lock that keeps one writer at a time, and a rescreen that works
//! out for itself what changed in the lists since the book last saw them, from the versions
//! stored in the data directory.

use crate::book::BookIndex;
use crate::customer::CustomerRecord;
use crate::place::{BookPlace, WriterLock};
use crate::rescreen::{rescreen, ListChange, RescreenRequest, RescreenSummary};
use crate::store::{MonitorStore, RemoveCounts, UpsertCounts};
use crate::{Error, Result};
use interdict_match::Index;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of the book inside the data directory.
pub const FOLDER: &str = "monitor";

/// How much a rescreen screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What changed since the last run: customers, and listed entities.
    Delta,
    /// Every customer against every listed entity.
    Full,
}

/// A customer book opened for use.
pub struct Monitor {
    store: Box<dyn MonitorStore>,
    dir: PathBuf,
    data_dir: PathBuf,
    _lock: Option<WriterLock>,
}

/// What changed in the lists since the book last saw them.
enum Since {
    /// These entities changed (nothing, when the versions are the same).
    Delta(Vec<ListChange>),
    /// Something a delta cannot follow: screen everything, for this reason.
    Full(String),
}

impl Monitor {
    /// Whether the book has been created.
    pub fn exists(place: &BookPlace) -> Result<bool> {
        place.exists()
    }

    /// Opens the book to read it; an error when it has none.
    pub fn open(place: &BookPlace) -> Result<Monitor> {
        if !place.exists()? {
            return Err(Error::NotFound(format!(
                "no customers are registered in {place}: register them with \
                 `interdict monitor add --input FILE`"
            )));
        }
        Monitor::open_with(place, None)
    }

    /// Opens (creating if needed) the book to change it, taking its writer lock for `what`;
    /// while another process holds it, `waiting` is told who and this waits.
    pub fn open_for_writing(
        place: &BookPlace,
        what: &str,
        waiting: impl FnOnce(&str),
    ) -> Result<Monitor> {
        let lock = place.lock(what, waiting)?;
        Monitor::open_with(place, Some(lock))
    }

    /// Opens the book to change it if no other process is changing it; [`Error::Busy`]
    /// naming the one that is, otherwise.
    pub fn try_open_for_writing(place: &BookPlace, what: &str) -> Result<Monitor> {
        match place.try_lock(what)? {
            Ok(lock) => Monitor::open_with(place, Some(lock)),
            Err(holder) => Err(Error::Busy(holder)),
        }
    }

    fn open_with(place: &BookPlace, lock: Option<WriterLock>) -> Result<Monitor> {
        Ok(Monitor {
            store: place.open_store()?,
            dir: place.dir(),
            data_dir: place.data_dir.clone(),
            _lock: lock,
        })
    }

    /// The active version of each list source of the data directory (to tell whether lists
    /// loaded earlier are still the active ones).
    pub fn active_versions(data_dir: &Path) -> Result<BTreeMap<String, String>> {
        Ok(crate::agreed::active_versions(data_dir)?
            .into_iter()
            .map(|(source, v)| (source, v.label))
            .collect())
    }

    /// The store, to read.
    pub fn store(&self) -> &dyn MonitorStore {
        &*self.store
    }

    /// The store, to change directly (decisions).
    pub fn store_mut(&mut self) -> &mut dyn MonitorStore {
        &mut *self.store
    }

    /// Registers customers, then brings the book's index up to date so that the next list
    /// change finds them at once.
    pub fn register(&mut self, records: Vec<CustomerRecord>) -> Result<UpsertCounts> {
        let counts = self.store.upsert(records)?;
        BookIndex::new(&self.dir, &*self.store).refresh()?;
        Ok(counts)
    }

    /// Removes customers (their live alerts close), then brings the book's index up to date.
    pub fn remove(&mut self, ids: &[String]) -> Result<RemoveCounts> {
        let counts = self.store.remove(ids)?;
        BookIndex::new(&self.dir, &*self.store).refresh()?;
        Ok(counts)
    }

    /// Re-screens the book against `lists` (whose sources are at `versions`): what changed, or
    /// everything. A delta that cannot be followed (a list's previous version is no longer
    /// stored, a source came or went) screens everything and says why in `reason`. The
    /// threshold defaults to the book's last one, else `default_threshold`; a new one needs
    /// the full scope.
    pub fn rescreen(
        &mut self,
        lists: &Index,
        versions: BTreeMap<String, String>,
        scope: Scope,
        threshold: Option<f32>,
        default_threshold: f32,
    ) -> Result<Rescreened> {
        let last = self.store.threshold()?;
        if let (Some(t), Some(l), Scope::Delta) = (threshold, last, scope) {
            if (t - l).abs() > f32::EPSILON {
                return Err(Error::Invalid(format!(
                    "the book was screened with threshold {l}; a new threshold applies to every \
                     customer: rescreen with --all"
                )));
            }
        }
        let threshold = threshold.or(last).unwrap_or(default_threshold);
        if !(0.0..=1.0).contains(&threshold) {
            return Err(Error::Invalid(format!(
                "the threshold must be between 0 and 1, got {threshold}"
            )));
        }
        let (full, changes, reason) = match scope {
            Scope::Full => (true, Vec::new(), None),
            Scope::Delta => match self.changes_since(&versions)? {
                Since::Delta(changes) => (false, changes, None),
                Since::Full(why) => (true, Vec::new(), Some(why)),
            },
        };
        let summary = rescreen(
            &mut *self.store,
            RescreenRequest {
                lists,
                versions,
                changes,
                full,
                threshold,
                book_dir: &self.dir,
            },
        )?;
        Ok(Rescreened { summary, reason })
    }

    /// What changed in the lists from the versions the book last saw to `now`.
    fn changes_since(&self, now: &BTreeMap<String, String>) -> Result<Since> {
        let seen = self.store.lists_seen()?;
        if seen.is_empty() {
            // Never screened: every customer is screened in full anyway.
            return Ok(Since::Delta(Vec::new()));
        }
        if let Some(gone) = seen.keys().find(|s| !now.contains_key(*s)) {
            return Ok(Since::Full(format!("{gone} is no longer an active list")));
        }
        let mut changes = Vec::new();
        let mut lists_store = None;
        for (source, label) in now {
            let old = match seen.get(source) {
                Some(old) if old == label => continue,
                Some(old) => old,
                None => return Ok(Since::Full(format!("{source} was not screened before"))),
            };
            if lists_store.is_none() {
                lists_store = Some(
                    interdict_store::Store::open(&self.data_dir)
                        .map_err(|e| Error::Store(e.to_string()))?,
                );
            }
            let store = lists_store.as_ref().expect("opened above");
            match store.diff(source, Some(old), Some(label)) {
                Ok(d) => changes.push(ListChange {
                    source: source.clone(),
                    added: d.added.into_iter().map(|e| e.id).collect(),
                    changed: d.changed.into_iter().map(|c| c.entity.id).collect(),
                    removed: d.removed.into_iter().map(|e| e.id).collect(),
                }),
                Err(e) => {
                    return Ok(Since::Full(format!(
                        "{source} {old} cannot be compared with {label} ({e})"
                    )))
                }
            }
        }
        Ok(Since::Delta(changes))
    }
}

/// What a rescreen did, and why it screened everything when it was asked for a delta.
#[derive(Debug, Clone)]
pub struct Rescreened {
    /// What it did.
    pub summary: RescreenSummary,
    /// Why a delta became a full rescreen.
    pub reason: Option<String>,
}
