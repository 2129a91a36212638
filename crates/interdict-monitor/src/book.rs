//! The book's own index: every customer as an entity of the same `Index` the lists use, so that
//! a listed entity that was added or changed can be searched against the book. It finds the
//! customers worth screening again; the pairs are then scored the normal way (the customer as the
//! query, through the lists' index). Kept on disk beside the store, keyed by the book's version,
//! and rebuilt when the book changed.

use crate::customer::StoredCustomer;
use crate::store::MonitorStore;
use crate::{Error, Result};
use interdict_match::{Index, Query, SearchOptions};
use interdict_model::{Country, Entity, IdKind, Identifier, Provenance, Schema};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// The list name customers carry inside the book's index.
const BOOK: &str = "customers";
/// Lowest score, searching a listed name against the book, at which a customer is screened
/// again: well below any threshold, since this direction scores coverage the other way round.
pub const REVERSE_FLOOR: f32 = 0.35;
/// Most customers one listed name brings back.
const REVERSE_LIMIT: usize = 100_000;

/// The index of a customer book.
pub struct CustomerIndex {
    index: Index,
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

impl CustomerIndex {
    /// Indexes customers.
    pub fn build(customers: &[StoredCustomer]) -> CustomerIndex {
        CustomerIndex {
            index: Index::build(customers.iter().map(as_entity).collect()),
        }
    }

    /// The index of the store's book: read from `dir` when it was written for the book's
    /// current version, else built and written there.
    pub fn load_or_build(dir: &Path, store: &dyn MonitorStore) -> Result<CustomerIndex> {
        let version = store.book_version()?;
        let path = dir.join(format!("book-{version}.index"));
        if let Ok(bytes) = std::fs::read(&path) {
            if let Ok(index) = Index::read_snapshot(Arc::new(bytes)) {
                return Ok(CustomerIndex { index });
            }
        }
        let mut customers = Vec::new();
        store.for_each_customer(false, &mut |c| {
            customers.push(c);
            Ok(())
        })?;
        let book = CustomerIndex::build(&customers);
        drop(customers);
        book.write(dir, &path)?;
        Ok(book)
    }

    /// Writes the index whole (a temporary file renamed), removing older ones.
    fn write(&self, dir: &Path, path: &Path) -> Result<()> {
        let io = |e: std::io::Error| Error::Store(format!("{}: {e}", path.display()));
        std::fs::create_dir_all(dir).map_err(io)?;
        let tmp = path.with_extension("tmp");
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
            self.index.write_snapshot(&mut out).map_err(io)?;
            std::io::Write::flush(&mut out).map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)?;
        for entry in std::fs::read_dir(dir).map_err(io)?.flatten() {
            let p = entry.path();
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            if p != path && name.is_some_and(|n| n.starts_with("book-")) {
                let _ = std::fs::remove_file(p);
            }
        }
        Ok(())
    }

    /// The customers a listed entity may match: each of its names, and its identifiers,
    /// searched against the book.
    pub fn candidates(&self, entity: &Entity) -> BTreeSet<String> {
        let identifiers: Vec<String> = entity
            .identifiers
            .iter()
            .map(|i| i.number.clone())
            .collect();
        let options = SearchOptions {
            threshold: REVERSE_FLOOR,
            limit: REVERSE_LIMIT,
            min_score: REVERSE_FLOOR,
        };
        let mut out = BTreeSet::new();
        for name in &entity.names {
            let query = Query {
                name: name.full.clone(),
                identifiers: identifiers.clone(),
                ..Query::default()
            };
            for h in self.index.search(&query, &options) {
                out.insert(h.entity.provenance.record_id.clone());
            }
        }
        out
    }

    /// Customers in the index.
    pub fn len(&self) -> usize {
        self.index.entity_count()
    }

    /// Whether the index holds no customer.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
