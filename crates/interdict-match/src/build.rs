//! Building an index: a step per method of [`IndexBuilder`], from the entities to the names,
//! their rarities, the vocabulary with its postings, the lookup keys and the identifiers.

use crate::align::span_weight;
use crate::bound::{posting_rank, NameShape, PostedShape};
use crate::entities::EntityStore;
use crate::ids::{EntityIx, NameId, VocabId};
use crate::index::{
    next_index_id, other_readings, rarity_applies, skeleton_dz, Derived, Index, IndexedName,
    Posting, VocabEntry, KEY_EDIT, KEY_SKELETON,
};
use crate::keys::{hash_key, KeyTable};
use crate::prepare::PreparedName;
use interdict_model::{Entity, NameKind, Schema};
use interdict_names::{
    acronyms, bracketed_acronym, deletion_variants, rewrite, skeleton, tokenize,
};
use std::collections::{HashMap, HashSet};

/// A lookup key's hash and the vocabulary entry it leads to (the key tables hold plain `u32`).
type KeyPair = (u64, u32);

/// One distinct name of an entity, prepared: (entity, name number, kind, schema, name).
type PreparedEntry = (EntityIx, u16, NameKind, Schema, PreparedName);

/// An index under construction: the entities in a fixed order and what each step made of them.
pub(crate) struct IndexBuilder {
    entities: Vec<Entity>,
    rarity: HashMap<Box<str>, f32>,
    vocab_ids: HashMap<Box<str>, VocabId>,
    vocab: Vec<VocabEntry>,
    raw_postings: Vec<(VocabId, Posting)>,
    names: Vec<IndexedName>,
    name_weights: Vec<f32>,
    acronyms: HashMap<String, Vec<NameId>>,
}

impl IndexBuilder {
    /// A builder over `entities`, put in a fixed order.
    pub(crate) fn new(mut entities: Vec<Entity>) -> Self {
        // The same lists give the same index whatever order they come in: where two listed
        // words tie, the first seen is taken, so the order is fixed here.
        entities.sort_by(|a, b| {
            (&a.provenance.list, &a.provenance.list_version, &a.id).cmp(&(
                &b.provenance.list,
                &b.provenance.list_version,
                &b.id,
            ))
        });
        IndexBuilder {
            entities,
            rarity: HashMap::new(),
            vocab_ids: HashMap::new(),
            vocab: Vec::new(),
            raw_postings: Vec::new(),
            names: Vec::new(),
            name_weights: Vec::new(),
            acronyms: HashMap::new(),
        }
    }

    /// Runs every step and returns the index.
    pub(crate) fn build(mut self) -> Index {
        let prepared = self.prepare_names();
        self.rarity = self.rarities(&prepared);
        self.names.reserve(prepared.len());
        self.name_weights.reserve(prepared.len());
        let mut key = String::new();
        for entry in prepared {
            self.add_name(entry, &mut key);
        }
        let shapes = NameShape::all(&self.names, &self.name_weights);
        let postings = self.postings(&shapes);
        let (edit_pairs, skel_pairs) = self.key_pairs();
        let identifiers = self.identifiers();
        let clusters: Vec<Option<String>> = self.entities.iter().map(cluster_key).collect();
        let linked = self.entities.iter().any(|e| !e.links.is_empty());
        let entities = EntityStore::built(self.entities);
        let vocab = (postings.as_slice(), self.vocab.as_slice(), &self.rarity);
        let derived = Derived::with_shapes(shapes, &self.names, vocab, &entities.heads);
        Index {
            id: next_index_id(),
            judged_alone_from: crate::index::JUDGED_ALONE_FROM,
            probe_from: crate::index::PROBE_FROM,
            ask_ahead_from: crate::prefetch::NAMES_OUTGROW_CACHES,
            posted: derived.posted,
            entry_reads: derived.entry_reads,
            shapes: derived.shapes,
            scan_tables: std::sync::OnceLock::new(),
            link_graph: std::sync::OnceLock::new(),
            linked,
            entity_names: derived.entity_names,
            clustered: crate::index::clustered_names(&self.names, &clusters),
            clusters,
            entities,
            names: self.names,
            vocab: self.vocab,
            postings,
            edit_keys: KeyTable::build(edit_pairs),
            skeleton_keys: KeyTable::build(skel_pairs),
            rarity: self.rarity,
            identifiers,
            acronyms: self.acronyms,
        }
    }

    /// Step 1: every distinct name of every entity, prepared.
    fn prepare_names(&self) -> Vec<PreparedEntry> {
        let entities = &self.entities;
        let mut prepared: Vec<PreparedEntry> = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            let org = e.schema.is_organization();
            let mut seen: HashSet<String> = HashSet::new();
            for (ni, n) in e.names.iter().enumerate().take(u16::MAX as usize) {
                let p = PreparedName::new(&n.full, org, |_, c| c.prior_weight(org));
                if p.tokens.is_empty() {
                    continue;
                }
                let key: String = p
                    .tokens
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if seen.insert(key) {
                    prepared.push((EntityIx::at(ei), ni as u16, n.kind, e.schema, p));
                }
            }
        }
        prepared
    }

    /// Step 2: the rarity of each folded token over the entities.
    fn rarities(&self, prepared: &[PreparedEntry]) -> HashMap<Box<str>, f32> {
        let mut df: HashMap<&str, u32> = HashMap::new();
        {
            let mut per_entity: HashSet<&str> = HashSet::new();
            let mut current = EntityIx(u32::MAX);
            for (ei, _, _, _, p) in prepared {
                if *ei != current {
                    for t in per_entity.drain() {
                        *df.entry(t).or_default() += 1;
                    }
                    current = *ei;
                }
                for t in &p.tokens {
                    per_entity.insert(t.folded.as_str());
                }
            }
            for t in per_entity.drain() {
                *df.entry(t).or_default() += 1;
            }
        }
        let n_entities = self.entities.len();
        df.iter()
            .map(|(k, &v)| (Box::<str>::from(*k), rarity(v, n_entities)))
            .collect()
    }

    /// Step 3: one name's tokens weighed by rarity, its units added to the vocabulary with a
    /// posting each, its acronyms (organisations) and its weights. Vocabulary entries are
    /// keyed by text, length and script: a run of Han syllables ("hao ran") reads as the word
    /// written in one ("haoran") but is compared otherwise, so each is an entry. The key is the
    /// text followed by a byte for the length and one for the script, built in `key`, one
    /// reused buffer, so that only a new entry allocates.
    fn add_name(&mut self, (ei, ni, kind, schema, mut p): PreparedEntry, key: &mut String) {
        let name_id = NameId::at(self.names.len());
        for t in &mut p.tokens {
            if rarity_applies(t.class) {
                t.weight *= self.rarity.get(t.folded.as_str()).copied().unwrap_or(1.0);
            }
        }
        let mut units = Vec::with_capacity(p.units.len());
        for (ui, u) in p.units.iter().enumerate() {
            let text = &p.unit_text[ui];
            key.clear();
            key.push_str(text);
            key.push(char::from(b'0' + u.len));
            key.push(if p.unit_vowelless[ui] { 'v' } else { 'l' });
            let id = match self.vocab_ids.get(key.as_str()) {
                Some(&id) => id,
                None => {
                    self.vocab.push(VocabEntry {
                        text: text.as_str().into(),
                        folded: p.unit_folded[ui].as_str().into(),
                        class: (u.len == 1).then(|| p.tokens[u.start as usize].class),
                        tokens: u.len,
                        vowelless: p.unit_vowelless[ui],
                        postings: (0, 0),
                    });
                    let id = VocabId::at(self.vocab.len() - 1);
                    self.vocab_ids.insert(key.as_str().into(), id);
                    id
                }
            };
            units.push((*u, id));
            let unit_tokens = &p.tokens[u.start as usize..(u.start + u.len) as usize];
            self.raw_postings.push((
                id,
                Posting {
                    name: name_id,
                    unit: *u,
                    schema,
                    weight: span_weight(&p.tokens, *u),
                    transliterated: unit_tokens.iter().any(|t| t.transliterated),
                },
            ));
        }
        if schema.is_organization() && p.tokens.len() > 1 {
            let toks = rewrite(&p.text, tokenize(&p.text));
            for a in acronyms(&toks) {
                self.acronyms.entry(a).or_default().push(name_id);
            }
            if let Some((_, a)) = bracketed_acronym(&p.text) {
                self.acronyms.entry(a).or_default().push(name_id);
            }
        }
        self.name_weights
            .push(p.tokens.iter().map(|t| t.weight).sum());
        self.names.push(IndexedName {
            entity: ei,
            name: ni,
            kind,
            schema,
            tokens: p.tokens,
            units,
        });
    }

    /// Step 4: the postings in vocabulary order, each entry given its range; within an entry,
    /// in the order [`posting_rank`] gives with the names' `shapes`.
    fn postings(&mut self, shapes: &[NameShape]) -> Vec<Posting> {
        self.raw_postings.sort_by_key(|(v, p)| (*v, p.name));
        let mut postings = Vec::with_capacity(self.raw_postings.len());
        let mut i = 0;
        while i < self.raw_postings.len() {
            let v = self.raw_postings[i].0;
            let start = postings.len() as u32;
            while i < self.raw_postings.len() && self.raw_postings[i].0 == v {
                postings.push(self.raw_postings[i].1);
                i += 1;
            }
            // Each rank worked out once (stable, so names stay in order within a rank).
            postings[start as usize..]
                .sort_by_cached_key(|p| posting_rank(p, &PostedShape::of(&shapes[p.name.index()])));
            self.vocab[v.index()].postings = (start, postings.len() as u32 - start);
        }
        postings
    }

    /// Step 5: the lookup keys of every vocabulary entry: (edit keys, skeleton keys).
    fn key_pairs(&self) -> (Vec<KeyPair>, Vec<KeyPair>) {
        let vocab = &self.vocab;
        let mut edit_pairs = Vec::with_capacity(vocab.len() * 8);
        let mut skel_pairs = Vec::new();
        for (id, v) in vocab.iter().enumerate() {
            let id = id as u32;
            let f = &*v.folded;
            edit_pairs.push((hash_key(KEY_EDIT, f.as_bytes()), id));
            if f.len() >= 3 {
                deletion_variants(f, |d| {
                    edit_pairs.push((hash_key(KEY_EDIT, d.as_bytes()), id))
                });
                let s = skeleton(f);
                if s.len() >= 2 {
                    skel_pairs.push((hash_key(KEY_SKELETON, s.as_bytes()), id));
                }
                if let Some(s) = skeleton_dz(f) {
                    skel_pairs.push((hash_key(KEY_SKELETON, s.as_bytes()), id));
                }
                if v.vowelless {
                    for s in other_readings(f) {
                        skel_pairs.push((hash_key(KEY_SKELETON, s.as_bytes()), id));
                    }
                }
            } else if v.vowelless {
                // Two letters without vowels (گل, Gul): found by their consonants.
                let s = skeleton(f);
                if s.len() >= 2 {
                    skel_pairs.push((hash_key(KEY_SKELETON, s.as_bytes()), id));
                }
            }
            // The letters as written too, in the same key space: folding can make a one-letter
            // typo look bigger ("faxl" folds to "faksl", away from "fazl").
            let t = &*v.text;
            if v.tokens == 1 && t != f && t.len() >= 3 {
                edit_pairs.push((hash_key(KEY_EDIT, t.as_bytes()), id));
                deletion_variants(t, |d| {
                    edit_pairs.push((hash_key(KEY_EDIT, d.as_bytes()), id))
                });
            }
        }
        (edit_pairs, skel_pairs)
    }

    /// Step 6: normalised identifiers to the entities listed with them.
    fn identifiers(&self) -> HashMap<String, Vec<EntityIx>> {
        let entities = &self.entities;
        let mut identifiers: HashMap<String, Vec<EntityIx>> = HashMap::new();
        for (ei, e) in entities.iter().enumerate() {
            let ei = EntityIx::at(ei);
            for id in &e.identifiers {
                let n = id.normalised();
                if n.len() >= 4 {
                    let list = identifiers.entry(n).or_default();
                    if !list.contains(&ei) {
                        list.push(ei);
                    }
                }
            }
        }
        identifiers
    }
}

/// The key under which entries of several lists are one target: the UN reference, for the UN's
/// own entries and for entries of other lists that quote it.
fn cluster_key(e: &Entity) -> Option<String> {
    if e.provenance.list.starts_with("un-sc") && !e.provenance.reference.is_empty() {
        return Some(e.provenance.reference.clone());
    }
    e.external_refs
        .iter()
        .find(|r| r.list == "un-sc")
        .map(|r| r.reference.clone())
}

/// Rarity factor of a token found in `df` of `n` entities: 1 for rare tokens, down to 0.4 for
/// tokens in a third of all entries. Small lists are treated as if they had 500 entries, so that
/// a word on two of ten entries is not taken for a common one.
fn rarity(df: u32, n: usize) -> f32 {
    let p = f64::from(df) / n.max(500) as f64;
    (1.0 - 0.25 * (p / 0.002).log10()).clamp(0.4, 1.0) as f32
}
