//! The list versions that the processes sharing a book (PostgreSQL) agree on. Each process has
//! its own data directory; a command that changes which version of a list is active there
//! (`lists import`, `fetch`, `activate`) records it in the book, and every server follows:
//! before it reloads, it makes that version active in its own data directory when it has it,
//! and says which it lacks, so that no replica screens customers against lists older than the
//! book's. A book in the data directory has one process and nothing to agree on.

use crate::place::BookPlace;
use crate::postgres::{AgreedVersion, PostgresStore};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// What following the agreed versions did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Following {
    /// Versions made active in this data directory (`un-sc 2025-05-02`).
    pub switched: Vec<String>,
    /// Agreed versions this data directory does not have (`un-sc 2025-05-02`): import them.
    pub missing: Vec<String>,
}

fn store_err(e: interdict_store::Error) -> Error {
    Error::Store(e.to_string())
}

/// The active version of each source of the data directory.
pub fn active_versions(data_dir: &Path) -> Result<BTreeMap<String, AgreedVersion>> {
    let store = interdict_store::Store::open(data_dir).map_err(store_err)?;
    Ok(store
        .status()
        .map_err(store_err)?
        .into_iter()
        .filter_map(|s| {
            let v = s.active?;
            Some((
                s.source,
                AgreedVersion {
                    label: v.label,
                    checksum: v.checksum,
                },
            ))
        })
        .collect())
}

/// Records as agreed the active versions of the sources whose active version moved since
/// `before` (taken before the command changed them); `by` names the command.
pub fn publish(
    place: &BookPlace,
    before: &BTreeMap<String, AgreedVersion>,
    by: &str,
) -> Result<()> {
    let Some(url) = &place.database else {
        return Ok(());
    };
    let moved: BTreeMap<String, AgreedVersion> = active_versions(&place.data_dir)?
        .into_iter()
        .filter(|(source, v)| before.get(source) != Some(v))
        .collect();
    if moved.is_empty() {
        return Ok(());
    }
    PostgresStore::open(url, &place.dir())?.agree_lists(&moved, by)
}

/// Makes the agreed versions active in the data directory where it has them (under its write
/// lock); says what it switched and what it lacks.
pub fn follow(place: &BookPlace) -> Result<Following> {
    let Some(url) = &place.database else {
        return Ok(Following::default());
    };
    let agreed = PostgresStore::open(url, &place.dir())?.agreed_lists()?;
    let active = active_versions(&place.data_dir)?;
    let behind: Vec<(&String, &AgreedVersion)> = agreed
        .iter()
        .filter(|(source, v)| active.get(*source) != Some(*v))
        .collect();
    let mut following = Following::default();
    if behind.is_empty() {
        return Ok(following);
    }
    let mut store = interdict_store::Store::open(&place.data_dir).map_err(store_err)?;
    let _lock = store
        .lock_for_writing("following the versions agreed in the database", |_| {})
        .map_err(store_err)?;
    for (source, v) in behind {
        let named = format!("{source} {}", v.label);
        match store.version(source, Some(&v.label)) {
            Ok(have) if have.checksum == v.checksum => {
                store.activate(source, &v.label).map_err(store_err)?;
                following.switched.push(named);
            }
            _ => following.missing.push(named),
        }
    }
    Ok(following)
}
