//! The indexed entities: held whole after a build, or decoded one at a time, on first use,
//! from the bytes of a snapshot (so that starting from a snapshot does not decode them all).

use interdict_model::{Entity, Provenance, Schema};
use std::sync::{Arc, OnceLock};

/// The bytes of a snapshot file, shared with the index that decodes entities from them: a
/// memory map of the file, or a buffer.
pub type SnapshotBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// What is known of every entity without decoding it: enough to find it by id and to count
/// the entries of each list.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct EntityHead {
    pub(crate) id: Box<str>,
    pub(crate) schema: Schema,
    /// Position in [`EntityStore::lists`].
    pub(crate) list: u16,
    /// How many names the entity has.
    pub(crate) names: u16,
    /// How many links its record states (so that a links graph read from a snapshot is
    /// checked against the entries without decoding them).
    pub(crate) links: u32,
    /// The first and last year its dates of birth allow, if it gives any
    /// ([`crate::evidence::born_span`]): what the search's first judgement of a name reads of
    /// its entry.
    pub(crate) born: Option<(u16, u16)>,
    /// Its countries, for the same judgement.
    pub(crate) countries: crate::bound::EntryCountries,
}

/// The entities of an index, in index order.
pub(crate) struct EntityStore {
    pub(crate) heads: Vec<EntityHead>,
    /// The (list, version) pairs the entities come from.
    pub(crate) lists: Vec<(String, String)>,
    body: Body,
}

enum Body {
    Built(Vec<Entity>),
    Mapped {
        bytes: SnapshotBytes,
        /// Where entity `i` is encoded: `bytes[offsets[i]..offsets[i + 1]]`.
        offsets: Vec<u64>,
        cells: Vec<OnceLock<Entity>>,
    },
}

impl std::fmt::Debug for EntityStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.body {
            Body::Built(_) => "built",
            Body::Mapped { .. } => "mapped",
        };
        write!(f, "EntityStore({} entities, {kind})", self.heads.len())
    }
}

impl EntityStore {
    /// A store over entities in memory.
    pub(crate) fn built(entities: Vec<Entity>) -> Self {
        let mut lists: Vec<(String, String)> = Vec::new();
        let heads = entities
            .iter()
            .map(|e| {
                let key = (e.provenance.list.clone(), e.provenance.list_version.clone());
                let list = match lists.iter().position(|l| *l == key) {
                    Some(p) => p,
                    None => {
                        lists.push(key);
                        lists.len() - 1
                    }
                };
                EntityHead {
                    id: e.id.as_str().into(),
                    schema: e.schema,
                    list: u16::try_from(list).unwrap_or(u16::MAX),
                    names: u16::try_from(e.names.len()).unwrap_or(u16::MAX),
                    links: u32::try_from(e.links.len()).unwrap_or(u32::MAX),
                    born: crate::evidence::born_span(&e.birth_dates),
                    countries: crate::bound::EntryCountries::of(e),
                }
            })
            .collect();
        EntityStore {
            heads,
            lists,
            body: Body::Built(entities),
        }
    }

    /// A store that decodes entity `i` from `bytes[offsets[i]..offsets[i + 1]]` when first
    /// asked for it. The offsets must have been checked to lie within the bytes, in order.
    pub(crate) fn mapped(
        heads: Vec<EntityHead>,
        lists: Vec<(String, String)>,
        bytes: SnapshotBytes,
        offsets: Vec<u64>,
    ) -> Self {
        let cells = (0..heads.len()).map(|_| OnceLock::new()).collect();
        EntityStore {
            heads,
            lists,
            body: Body::Mapped {
                bytes,
                offsets,
                cells,
            },
        }
    }

    /// Number of entities.
    pub(crate) fn len(&self) -> usize {
        self.heads.len()
    }

    /// Entity `i` (decoded now if it comes from a snapshot and was not asked for before).
    pub(crate) fn get(&self, i: usize) -> &Entity {
        match &self.body {
            Body::Built(v) => &v[i],
            Body::Mapped {
                bytes,
                offsets,
                cells,
            } => cells[i].get_or_init(|| {
                let all: &[u8] = (**bytes).as_ref();
                let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
                rmp_serde::from_slice(&all[start..end]).unwrap_or_else(|e| self.damaged(i, &e))
            }),
        }
    }

    /// Whether entity `i` is in memory: built, or decoded since the snapshot was read.
    #[cfg(test)]
    pub(crate) fn in_memory(&self, i: usize) -> bool {
        match &self.body {
            Body::Built(_) => true,
            Body::Mapped { cells, .. } => cells[i].get().is_some(),
        }
    }

    /// Asks for the memory [`EntityStore::get`] reads first of entity `i` ahead of use.
    pub(crate) fn prefetch(&self, i: usize) {
        match &self.body {
            Body::Built(v) => {
                if let Some(entity) = v.get(i) {
                    crate::prefetch::prefetch(entity);
                }
            }
            Body::Mapped { cells, .. } => {
                if let Some(cell) = cells.get(i) {
                    crate::prefetch::prefetch(cell);
                }
            }
        }
    }

    /// Stands in for an entity whose encoding does not decode (a snapshot damaged after it
    /// was written): its id, schema, list and number of names, with a caption that says
    /// what happened.
    fn damaged(&self, i: usize, error: &rmp_serde::decode::Error) -> Entity {
        let head = &self.heads[i];
        eprintln!(
            "warning: index snapshot entry {} does not decode ({error}); re-import the lists to rebuild the snapshot",
            head.id
        );
        let (list, list_version) = self
            .lists
            .get(head.list as usize)
            .cloned()
            .unwrap_or_default();
        let record_id = head
            .id
            .split_once(':')
            .map_or(&*head.id, |(_, r)| r)
            .to_string();
        let mut e = Entity::new(
            head.schema,
            "(damaged index snapshot entry)",
            Provenance {
                list,
                list_version,
                reference: String::new(),
                record_id,
            },
        );
        e.id = head.id.to_string();
        e.names = vec![e.names[0].clone(); usize::from(head.names.max(1))];
        e
    }

    /// Encodes every entity on its own (MessagePack with field names, since entities leave
    /// out empty fields), returning the bytes and each entity's start, plus the end.
    pub(crate) fn encode(&self) -> Result<(Vec<u8>, Vec<u64>), rmp_serde::encode::Error> {
        use serde::Serialize;
        let mut bytes = Vec::new();
        let mut offsets = Vec::with_capacity(self.len() + 1);
        for i in 0..self.len() {
            offsets.push(bytes.len() as u64);
            let mut ser = rmp_serde::Serializer::new(&mut bytes).with_struct_map();
            self.get(i).serialize(&mut ser)?;
        }
        offsets.push(bytes.len() as u64);
        Ok((bytes, offsets))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str) -> Entity {
        crate::test_support::entity(id, Schema::Person, &[id])
    }

    #[test]
    fn mapped_entities_decode_as_they_were() {
        let built = EntityStore::built(vec![entity("a"), entity("b")]);
        let (bytes, offsets) = built.encode().unwrap();
        let mapped = EntityStore::mapped(
            built.heads.clone(),
            built.lists.clone(),
            Arc::new(bytes),
            offsets,
        );
        assert_eq!(mapped.get(1), built.get(1));
        assert_eq!(mapped.get(0), built.get(0));
    }

    #[test]
    fn a_damaged_entry_keeps_its_id() {
        let built = EntityStore::built(vec![entity("a")]);
        let mapped = EntityStore::mapped(
            built.heads.clone(),
            built.lists.clone(),
            Arc::new(vec![0xc1u8, 0xc1]),
            vec![0, 2],
        );
        assert_eq!(mapped.get(0).id, "test:a");
        assert!(mapped.get(0).caption.contains("damaged"));
    }
}
