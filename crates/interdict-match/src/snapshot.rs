//! The snapshot file of an index: written once when lists are imported, read back at start
//! without parsing lists or building anything.
//!
//! After a header line that names the format and the version of the code that wrote it (an
//! index is only valid for the matcher that built it), the file is a run of sections, each a
//! little-endian `u64` length, the CRC-32 of its bytes (`u32`), and its bytes, so that a byte
//! changed anywhere (a disk error, an edit) is found and the snapshot rebuilt rather than
//! served:
//!
//! 1. the listed names, MessagePack;
//! 2. everything else the search reads (vocabulary, postings, rarity, identifiers, acronyms,
//!    entity ids, whether any entity has links and, if so, the links resolved between the
//!    entities, so that a loaded index answers its first search without decoding them all),
//!    MessagePack;
//! 3. and 4. the two key tables, as flat little-endian arrays copied back as they are;
//! 5. per entity, where its encoding starts in section 6, and where the last one ends;
//! 6. the entities, each encoded on its own, decoded only when first asked for.
//!
//! Sections 1 and 2 are decoded on two threads, while a third checks the entities' bytes
//! against their checksum (about 5 ms for the UN, OFAC and UK lists).

use crate::entities::{EntityHead, EntityStore, SnapshotBytes};
use crate::ids::{EntityIx, NameId};
use crate::index::{next_index_id, Derived, IndexedName, Posting, VocabEntry};
use crate::keys::KeyTable;
use crate::network::LinkGraph;
use crate::prepare::MAX_TOKENS;
use crate::Index;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The first line of a snapshot file of this format and this version of the code. Format 16:
/// an entity's head keeps its countries (for judging its names before it is read); format 15:
/// a title before the comma of a name written family name first ("SHEIKH, Muhammad Naeem") is
/// the family name (the listed names' token classes differ); format 14:
/// syllables of a Chinese or Korean name written apart form no unit together (the listed
/// names' units and postings differ); format 13: the links graph is written with the index
/// rather than built from every entity at the first search that needs it, and an entity's
/// head counts its links; format 12:
/// a word without vowels keeps its letters in the vocabulary's folded forms; format 11:
/// a posting carries the weight of all its unit's tokens and a name its total weight alone (the
/// bound no longer counts light words as matched); format 10 ordered a vocabulary entry's
/// postings as the search relies on to stop judging them ([`crate::bound::posting_rank`]);
/// older snapshots are rebuilt from the stored lists, read again.
fn header() -> String {
    format!(
        "interdict index snapshot 16 {}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Section 2, as written (maps in key order, so that the same index always writes the same
/// bytes).
#[derive(Serialize)]
struct CoreOut<'a> {
    name_weights: Vec<f32>,
    vocab: &'a [VocabEntry],
    postings: &'a [Posting],
    rarity: BTreeMap<&'a str, f32>,
    identifiers: BTreeMap<&'a str, &'a [EntityIx]>,
    acronyms: BTreeMap<&'a str, &'a [NameId]>,
    clusters: &'a [Option<String>],
    heads: &'a [EntityHead],
    lists: &'a [(String, String)],
    linked: bool,
    link_graph: Option<&'a LinkGraph>,
}

/// Section 2, as read (the same fields in the same order).
#[derive(Deserialize)]
struct CoreIn {
    name_weights: Vec<f32>,
    vocab: Vec<VocabEntry>,
    postings: Vec<Posting>,
    rarity: HashMap<Box<str>, f32>,
    identifiers: HashMap<String, Vec<EntityIx>>,
    acronyms: HashMap<String, Vec<NameId>>,
    clusters: Vec<Option<String>>,
    heads: Vec<EntityHead>,
    lists: Vec<(String, String)>,
    linked: bool,
    link_graph: Option<LinkGraph>,
}

const SECTIONS: usize = 6;

fn sorted<T>(map: &HashMap<String, Vec<T>>) -> BTreeMap<&str, &[T]> {
    map.iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect()
}

fn packed(value: &impl Serialize) -> std::io::Result<Vec<u8>> {
    rmp_serde::to_vec(value).map_err(std::io::Error::other)
}

impl Index {
    /// Writes the whole index, to be read back by [`Index::read_snapshot`].
    pub fn write_snapshot(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let (entity_bytes, entity_offsets) =
            self.entities.encode().map_err(std::io::Error::other)?;
        let mut tables: [Vec<u8>; 2] = Default::default();
        self.edit_keys.write_bytes(&mut tables[0]);
        self.skeleton_keys.write_bytes(&mut tables[1]);
        let offsets: Vec<u8> = entity_offsets
            .iter()
            .flat_map(|o| o.to_le_bytes())
            .collect();
        let core = CoreOut {
            name_weights: self.shapes.iter().map(|s| s.weight).collect(),
            vocab: &self.vocab,
            postings: &self.postings,
            rarity: self.rarity.iter().map(|(k, &v)| (&**k, v)).collect(),
            identifiers: sorted(&self.identifiers),
            acronyms: sorted(&self.acronyms),
            clusters: &self.clusters,
            heads: &self.entities.heads,
            lists: &self.entities.lists,
            linked: self.linked,
            link_graph: self.linked.then(|| self.link_graph()),
        };
        let sections: [&[u8]; SECTIONS] = [
            &packed(&self.names)?,
            &packed(&core)?,
            &tables[0],
            &tables[1],
            &offsets,
            &entity_bytes,
        ];
        out.write_all(header().as_bytes())?;
        for s in sections {
            out.write_all(&(s.len() as u64).to_le_bytes())?;
            out.write_all(&crc32fast::hash(s).to_le_bytes())?;
            out.write_all(s)?;
        }
        Ok(())
    }

    /// Reads an index written by [`Index::write_snapshot`] of this same version of the code
    /// (anything else is refused with the reason). The index keeps `bytes` to decode entities
    /// from when they are first asked for.
    pub fn read_snapshot(bytes: SnapshotBytes) -> Result<Index, String> {
        let all: &[u8] = (*bytes).as_ref();
        let header = header();
        let Some(body) = all.strip_prefix(header.as_bytes()) else {
            let first = all.split(|&b| b == b'\n').next().unwrap_or_default();
            return Err(format!(
                "not a snapshot of this version (expected '{}', found '{}')",
                header.trim_end(),
                String::from_utf8_lossy(&first[..first.len().min(60)])
            ));
        };
        let sections = split_sections(body)?;
        let [names, core, edit, skeleton, offsets, entities] = sections.map(|s| s.bytes);
        let unpack_error = |what: &str, e: rmp_serde::decode::Error| {
            format!("damaged snapshot: the {what} do not decode ({e})")
        };
        let (names, rest, checked) = std::thread::scope(|scope| {
            let checked = scope.spawn(|| check_sums(&sections));
            let names = scope.spawn(|| {
                rmp_serde::from_slice::<Vec<IndexedName>>(names)
                    .map_err(|e| unpack_error("names", e))
            });
            let rest = (|| {
                let core: CoreIn =
                    rmp_serde::from_slice(core).map_err(|e| unpack_error("search tables", e))?;
                let tables = (
                    KeyTable::read_bytes(edit, "spelling")?,
                    KeyTable::read_bytes(skeleton, "skeleton")?,
                );
                Ok::<_, String>((core, tables))
            })();
            let names = names
                .join()
                .unwrap_or_else(|_| Err("damaged snapshot: the names do not decode".into()));
            let checked = checked
                .join()
                .unwrap_or_else(|_| Err("damaged snapshot: its checksums cannot be read".into()));
            (names, rest, checked)
        });
        checked?;
        let (names, (core, (edit_keys, skeleton_keys))) = (names?, rest?);

        let base = (entities.as_ptr() as usize) - (all.as_ptr() as usize);
        let offsets = entity_offsets(offsets, base, entities.len(), core.heads.len())?;
        if !parts_agree(&names, &core, [&edit_keys, &skeleton_keys]) {
            return Err("damaged snapshot: its parts do not agree".into());
        }
        let vocab = (
            core.postings.as_slice(),
            core.vocab.as_slice(),
            &core.rarity,
        );
        let derived = Derived::of(&names, &core.name_weights, vocab, &core.heads);
        let link_graph = core
            .link_graph
            .map_or_else(std::sync::OnceLock::new, std::sync::OnceLock::from);
        Ok(Index {
            id: next_index_id(),
            entity_names: derived.entity_names,
            clustered: crate::index::clustered_names(&names, &core.clusters),
            judged_alone_from: crate::index::JUDGED_ALONE_FROM,
            probe_from: crate::index::PROBE_FROM,
            ask_ahead_from: crate::prefetch::NAMES_OUTGROW_CACHES,
            posted: derived.posted,
            entry_reads: derived.entry_reads,
            shapes: derived.shapes,
            entities: EntityStore::mapped(core.heads, core.lists, bytes.clone(), offsets),
            names,
            vocab: core.vocab,
            postings: core.postings,
            edit_keys,
            skeleton_keys,
            rarity: core.rarity,
            identifiers: core.identifiers,
            acronyms: core.acronyms,
            clusters: core.clusters,
            scan_tables: std::sync::OnceLock::new(),
            link_graph,
            linked: core.linked,
        })
    }
}

/// The entities' offsets (section 5) made absolute within the snapshot's bytes, whose entity
/// section starts at `base` and is `len` bytes long; an error unless there is one per entity
/// of `n`, plus the end, in order and within the section.
fn entity_offsets(section: &[u8], base: usize, len: usize, n: usize) -> Result<Vec<u64>, String> {
    let offsets: Vec<u64> = section
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()) + base as u64)
        .collect();
    let end = (base + len) as u64;
    if offsets.len() != n + 1
        || offsets.windows(2).any(|w| w[0] > w[1])
        || offsets.first() != Some(&(base as u64))
        || offsets.last() != Some(&end)
    {
        return Err("damaged snapshot: the entities' offsets do not agree".into());
    }
    Ok(offsets)
}

/// Whether the decoded parts of a snapshot refer to each other within bounds: names to
/// entities and vocabulary, postings to names, vocabulary to postings, keys to vocabulary,
/// identifiers to entities, acronyms to names and the links graph to entities and their links
/// (so that no search indexes out of range).
fn parts_agree(names: &[IndexedName], core: &CoreIn, keys: [&KeyTable; 2]) -> bool {
    let n = core.heads.len();
    let n_names = names.len() as u64;
    let n_vocab = core.vocab.len() as u64;
    core.name_weights.len() == names.len()
        && core.clusters.len() == n
        && core
            .heads
            .iter()
            .all(|h| (h.list as usize) < core.lists.len())
        && names.iter().all(|nm| {
            core.heads
                .get(nm.entity.index())
                .is_some_and(|h| nm.name < h.names)
                && nm.tokens.len() <= MAX_TOKENS
                && nm
                    .units
                    .iter()
                    .all(|&(span, v)| u64::from(v.0) < n_vocab && span.end() <= nm.tokens.len())
        })
        && core.postings.iter().all(|p| {
            names
                .get(p.name.index())
                .is_some_and(|nm| p.unit.end() <= nm.tokens.len())
        })
        && core.vocab.iter().all(|v| {
            u64::from(v.postings.0) + u64::from(v.postings.1) <= core.postings.len() as u64
        })
        && keys
            .iter()
            .all(|t| t.max_id().is_none_or(|m| u64::from(m) < n_vocab))
        && core.identifiers.values().flatten().all(|&i| i.index() < n)
        && core
            .acronyms
            .values()
            .flatten()
            .all(|&i| u64::from(i.0) < n_names)
        && core.link_graph.as_ref().is_none_or(|g| {
            let links: Vec<u32> = core.heads.iter().map(|h| h.links).collect();
            g.fits(&links)
        })
}

/// One section of a snapshot: its bytes and the checksum written with them.
#[derive(Clone, Copy)]
struct Section<'a> {
    bytes: &'a [u8],
    crc: u32,
}

/// Fails unless every section's bytes have the checksum written with them.
fn check_sums(sections: &[Section<'_>; SECTIONS]) -> Result<(), String> {
    match sections
        .iter()
        .position(|s| crc32fast::hash(s.bytes) != s.crc)
    {
        None => Ok(()),
        Some(i) => Err(format!(
            "damaged snapshot: section {} of {SECTIONS} does not match its checksum",
            i + 1
        )),
    }
}

/// Cuts the body of a snapshot into its sections.
fn split_sections(mut body: &[u8]) -> Result<[Section<'_>; SECTIONS], String> {
    let mut out = [Section { bytes: &[], crc: 0 }; SECTIONS];
    for (i, slot) in out.iter_mut().enumerate() {
        let cut = || {
            format!(
                "damaged snapshot: section {} of {SECTIONS} is cut short",
                i + 1
            )
        };
        let len = body
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
            .ok_or_else(cut)?;
        let crc = body
            .get(8..12)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or_else(cut)?;
        let len = usize::try_from(len).map_err(|_| cut())?;
        let rest = &body[12..];
        if rest.len() < len {
            return Err(cut());
        }
        *slot = Section {
            bytes: &rest[..len],
            crc,
        };
        body = &rest[len..];
    }
    if !body.is_empty() {
        return Err("damaged snapshot: bytes after the last section".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Query, SearchOptions};
    use interdict_model::{Entity, Schema};
    use std::sync::Arc;

    fn entity(reference: &str, schema: Schema, names: &[&str]) -> Entity {
        crate::test_support::entity_on("un-sc", "2025-04-19", reference, schema, names)
    }

    fn index() -> Index {
        Index::build(vec![
            entity(
                "QDe.118",
                Schema::Organization,
                &["LASHKAR-E-TAYYIBA", "Jamaat-ud-Dawa", "LET"],
            ),
            entity("QDi.352", Schema::Person, &["Hafiz Muhammad Saeed"]),
            entity("QDe.096", Schema::Organization, &["LASHKAR I JHANGVI"]),
        ])
    }

    fn written(index: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        index.write_snapshot(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_snapshot_reads_back_as_the_same_index() {
        let built = index();
        let read = Index::read_snapshot(Arc::new(written(&built))).unwrap();
        assert_ne!(
            read.id, built.id,
            "a loaded index is a new index for the caches"
        );
        let options = SearchOptions::default();
        for name in [
            "Lashkar e Taiba",
            "Jaamat-u-Dawa",
            "LeT",
            "Hafiz Saeed",
            "nobody at all",
        ] {
            let results = |index: &Index| -> Vec<(String, f32, String)> {
                index
                    .search(&Query::name(name), &options)
                    .iter()
                    .map(|h| (h.entity.id.clone(), h.score, h.explanation.summary.clone()))
                    .collect()
            };
            assert_eq!(results(&built), results(&read), "{name}");
        }
        assert_eq!(
            read.entities().collect::<Vec<_>>(),
            built.entities().collect::<Vec<_>>()
        );
        assert_eq!(read.list_counts(), vec![("un-sc", "2025-04-19", 3)]);
        assert_eq!(read.entity_id(1), built.entity_id(1));
        assert!(
            written(&read) == written(&built),
            "a read index writes the same file"
        );
        assert!(
            written(&index()) == written(&built),
            "the same lists write the same file"
        );
    }

    /// The test lists with links: Hafiz Muhammad Saeed leads Lashkar-e-Tayyiba (stated by
    /// name), which owns 60% of a company listed as related only; a fourth entry has none.
    fn linked_index() -> Index {
        use interdict_model::{Link, LinkDirection, LinkKind};
        let mut let_ = entity("QDe.118", Schema::Organization, &["LASHKAR-E-TAYYIBA"]);
        let_.links.push(Link {
            relation: "leader".into(),
            name: Some("Hafiz Muhammad Saeed".into()),
            ..Link::default()
        });
        let_.links.push(Link {
            reference: "X.1".into(),
            relation: "owner of".into(),
            kind: LinkKind::Owner,
            direction: LinkDirection::Outgoing,
            share: Some(60.0),
            ..Link::default()
        });
        let mut company = entity("X.1", Schema::Company, &["Falah Trading Company"]);
        company.related_only = true;
        Index::build(vec![
            let_,
            entity("QDi.352", Schema::Person, &["Hafiz Muhammad Saeed"]),
            company,
            entity("QDe.096", Schema::Organization, &["LASHKAR I JHANGVI"]),
        ])
    }

    #[test]
    fn a_snapshot_carries_the_links_so_that_reading_them_decodes_only_their_entries() {
        let built = linked_index();
        let read = Index::read_snapshot(Arc::new(written(&built))).unwrap();
        let company = read.position_of("un-sc:X.1").unwrap();
        let connections = |index: &Index, i: usize| format!("{:?}", index.connections(i));
        assert_eq!(connections(&read, company), connections(&built, company));
        assert!(
            read.ownership_block(company)
                .is_some_and(|b| b.share == 60.0),
            "blocked by its owner's 60%"
        );
        let unrelated = read.position_of("un-sc:QDe.096").unwrap();
        assert!(
            !read.entities.in_memory(unrelated),
            "an entry no link names stays undecoded"
        );
        for i in 0..read.entity_count() {
            assert_eq!(connections(&read, i), connections(&built, i), "entry {i}");
        }
        assert!(
            written(&read) == written(&built),
            "a read index writes the same links"
        );
    }

    #[test]
    fn damaged_or_foreign_files_are_refused_with_the_reason() {
        let bytes = written(&index());
        for cut in [bytes.len() / 2, bytes.len() - 1, header().len() + 3] {
            let e = Index::read_snapshot(Arc::new(bytes[..cut].to_vec())).unwrap_err();
            assert!(e.contains("damaged snapshot"), "{cut}: {e}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Index::read_snapshot(Arc::new(longer))
            .unwrap_err()
            .contains("after the last"));
        let e = Index::read_snapshot(Arc::new(b"something else".to_vec())).unwrap_err();
        assert!(e.contains("not a snapshot"), "{e}");
    }

    #[test]
    fn a_byte_changed_anywhere_is_found() {
        let bytes = written(&index());
        let start = header().len();
        // Every 7th byte of the body, one at a time: refused, never read as something else,
        // never a panic.
        for i in (start..bytes.len()).step_by(7) {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(Index::read_snapshot(Arc::new(b)).is_err(), "byte {i}");
        }
        // A listed name altered inside the entities' section: the altered name is never shown.
        let at = bytes
            .windows(b"LASHKAR I JHANGVI".len())
            .rposition(|w| w == b"LASHKAR I JHANGVI")
            .unwrap();
        let mut b = bytes.clone();
        b[at..at + 7].copy_from_slice(b"LASHKAX");
        let e = Index::read_snapshot(Arc::new(b)).unwrap_err();
        assert!(e.contains("does not match its checksum"), "{e}");
    }
}
