//! The book's own index: every customer as an entity of the same `Index` the lists use, so that
//! a listed entity that was added or changed can be searched against the book. It finds the
//! customers worth screening again; the pairs are then scored the normal way (the customer as
//! the query, through the lists' index).
//!
//! The book is cut into [`SHARDS`] shards by a hash of the customer's id, each with its own
//! index file (`book-SHARD-VERSION.index`) kept beside the store and rebuilt only when one of
//! its customers changed. So registering one customer rebuilds a small index, and a list
//! change searches one shard at a time, holding one shard's index in memory, not the book's.

use crate::customer::StoredCustomer;
use crate::store::MonitorStore;
use crate::{Error, Result};
use interdict_match::{Index, Query, SearchOptions};
use interdict_model::{Country, Entity, IdKind, Identifier, Provenance, Schema};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many shards the book is cut into.
pub const SHARDS: u32 = 64;
/// The list name customers carry inside the book's index.
const BOOK: &str = "customers";
/// Lowest score, searching a listed name against the book, at which a customer is screened
/// again: well below any threshold, since this direction scores coverage the other way round.
pub const REVERSE_FLOOR: f32 = 0.35;
/// Most customers one listed name brings back from one shard.
const REVERSE_LIMIT: usize = 100_000;

/// The shard a customer's id falls in (FNV-1a of its bytes: stable across versions).
pub fn shard_of(id: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % SHARDS
}

/// A customer as an entity of the book's index.
fn as_entity(c: &StoredCustomer) -> Entity {
    let q = &c.record.query;
    let mut e = Entity::new(
        q.schema.unwrap_or(Schema::LegalEntity),
        &q.name,
        Provenance {
            list: BOOK.into(),
            list_version: String::new(),
            reference: c.record.id.clone(),
            record_id: c.record.id.clone(),
        },
    );
    e.birth_dates = q.birth_dates.clone();
    e.nationalities = q
        .countries
        .iter()
        .map(|c| Country {
            code: Some(*c),
            text: c.to_string(),
        })
        .collect();
    e.identifiers = q
        .identifiers
        .iter()
        .map(|n| Identifier {
            kind: IdKind::Other,
            label: String::new(),
            number: n.clone(),
            country: None,
            issued: None,
            note: None,
        })
        .collect();
    e.gender = q.gender;
    e
}

/// The index files of a book's shards.
pub struct BookIndex<'a> {
    dir: &'a Path,
    store: &'a dyn MonitorStore,
}

impl<'a> BookIndex<'a> {
    /// The shards of the book in `store`, with their files in `dir`.
    pub fn new(dir: &'a Path, store: &'a dyn MonitorStore) -> Self {
        BookIndex { dir, store }
    }

    fn path(&self, shard: u32, version: i64) -> PathBuf {
        self.dir.join(format!("book-{shard}-{version}.index"))
    }

    /// Builds the index of every shard whose customers changed since its file was written.
    pub fn refresh(&self) -> Result<()> {
        for (shard, version) in self.store.shard_versions()? {
            if !self.path(shard, version).exists() {
                self.build(shard, version)?;
            }
        }
        Ok(())
    }

    /// The index of one shard: its file when it is current, else built and written.
    fn load(&self, shard: u32, version: i64) -> Result<Index> {
        if let Some(index) =
            map(&self.path(shard, version)).and_then(|b| Index::read_snapshot(b).ok())
        {
            return Ok(index);
        }
        self.build(shard, version)
    }

    /// Builds a shard's index and writes it whole (a temporary file renamed), removing the
    /// shard's older files.
    fn build(&self, shard: u32, version: i64) -> Result<Index> {
        let mut entities = Vec::new();
        self.store.for_each_customer_in_shard(shard, &mut |c| {
            entities.push(as_entity(&c));
            Ok(())
        })?;
        let index = Index::build(entities);
        let path = self.path(shard, version);
        let io = |e: std::io::Error| Error::Store(format!("{}: {e}", path.display()));
        std::fs::create_dir_all(self.dir).map_err(io)?;
        let tmp = path.with_extension("tmp");
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
            index.write_snapshot(&mut out).map_err(io)?;
            std::io::Write::flush(&mut out).map_err(io)?;
        }
        std::fs::rename(&tmp, &path).map_err(io)?;
        let prefix = format!("book-{shard}-");
        for entry in std::fs::read_dir(self.dir).map_err(io)?.flatten() {
            let p = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if p != path && name.starts_with(&prefix) {
                let _ = std::fs::remove_file(p);
            }
        }
        Ok(index)
    }

    /// The customers the given listed entities may match: each of their names, and their
    /// identifiers, searched against each shard in turn.
    pub fn candidates(&self, entities: &[&Entity]) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        if entities.is_empty() {
            return Ok(out);
        }
        let options = SearchOptions {
            threshold: REVERSE_FLOOR,
            limit: REVERSE_LIMIT,
            min_score: REVERSE_FLOOR,
        };
        let queries: Vec<Query> = entities
            .iter()
            .flat_map(|e| {
                let identifiers: Vec<String> =
                    e.identifiers.iter().map(|i| i.number.clone()).collect();
                e.names.iter().map(move |n| Query {
                    name: n.full.clone(),
                    identifiers: identifiers.clone(),
                    ..Query::default()
                })
            })
            .collect();
        for (shard, version) in self.store.shard_versions()? {
            let index = self.load(shard, version)?;
            for q in &queries {
                for h in index.search(q, &options) {
                    out.insert(h.entity.provenance.record_id.clone());
                }
            }
        }
        Ok(out)
    }
}

/// An index file, mapped into memory: its pages are read as they are used.
#[allow(unsafe_code)]
fn map(path: &Path) -> Option<interdict_match::SnapshotBytes> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: index files are never changed in place: each is written to a temporary file and
    // renamed into place under a new name (its shard's version), and removed only once a
    // newer one exists; a removed file stays readable to whoever has it mapped.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    Some(Arc::new(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_spread() {
        assert_eq!(shard_of("c1"), shard_of("c1"));
        let used: BTreeSet<u32> = (0..10_000).map(|i| shard_of(&format!("c{i}"))).collect();
        assert_eq!(used.len(), SHARDS as usize);
        assert!(used.iter().all(|s| *s < SHARDS));
    }
}
