//! The candidate index: from a query name to the few listed names worth scoring, without
//! comparing against every name on the lists.
//!
//! Every listed name is cut into units (tokens, pairs of neighbours, and triples around a
//! particle). Distinct units form the vocabulary; each vocabulary entry is reachable by three
//! kinds of key: its folded text, the folded text with any one letter deleted (so one typo on
//! either side still meets), and its consonant skeleton (so vowel and `h` differences meet). A query unit
//! looks up the same keys, scores the vocabulary entries it reaches, and follows their postings
//! to the names that contain them. Only names whose best possible score can reach the reporting
//! floor are aligned and scored in full.

use crate::align::{
    align, span_weight, unit_similarity, unit_similarity_at_least, Alignment, Edge, UnitForm,
};
use crate::bound::{
    AloneBound, BoundQuery, EntryFacts, LeastScores, LeastScoresOnce, NameShape, PostedShape,
};
use crate::counts;
use crate::entities::EntityStore;
use crate::evidence::{self, Effect, Finding};
use crate::explain::{attribute, name_explanation, summary, Explanation};
use crate::ids::{EntityIx, NameId, VocabId};
use crate::keys::{hash_key, KeyTable};
use crate::prefetch;
use crate::prepare::{NameToken, PreparedName, UnitSpan};
use crate::query::Query;
use crate::score::{
    at_most_with, combine, name_score, Confirmable, NameScore, DEFAULT_THRESHOLD, TO_THE_MONTH,
    TO_THE_YEAR,
};
use crate::stage_times::{timed, Stage};
use interdict_model::entity::normalise_id;
use interdict_model::{Entity, NameKind, Schema};
use interdict_names::{
    assimilated_article, deletion_variants, foreign_reading, skeleton, tokenize, Shape, TokenClass,
};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Salt of the keys of a word's folded form and of its one-letter deletions: one key space, so
/// that one lookup finds both the words written so and those one letter longer.
pub(crate) const KEY_EDIT: u8 = 1;
pub(crate) const KEY_SKELETON: u8 = 3;

/// Query units whose similar vocabulary a thread remembers before forgetting them all.
const UNIT_CACHE_LIMIT: usize = 200_000;

/// What the single listed words a query word resembles say of its rarity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordReach {
    /// The best similarity to a listed word.
    sim: f32,
    /// That word's rarity factor (1 for the rarest).
    rarity: f32,
    /// The lowest rarity factor among the listed words it resembles at [`CLOSE_SPELLING`].
    commonest: f32,
}

/// Similarity from which a listed word counts as a spelling of a transliterated query word
/// when weighing it.
const CLOSE_SPELLING: f32 = 0.9;

impl Default for WordReach {
    fn default() -> Self {
        WordReach {
            sim: 0.0,
            rarity: 1.0,
            commonest: 1.0,
        }
    }
}

impl WordReach {
    /// Notes a listed word of `rarity` resembled at `sim`.
    fn reach(&mut self, sim: f32, rarity: f32) {
        if sim > self.sim {
            (self.sim, self.rarity) = (sim, rarity);
        }
        if sim >= CLOSE_SPELLING {
            self.commonest = self.commonest.min(rarity);
        }
    }
}

/// Score given to a one-word query that is a derived acronym of a listed organisation name (not
/// itself listed): worth showing, not a match by itself.
const ACRONYM_WRITTEN_AS_SUCH: f32 = 0.72;
/// Least similarity of a name word pair that makes a name compatible with a document number.
const COMPATIBLE_WORD: f32 = 0.85;
const ACRONYM_PLAIN: f32 = 0.6;

/// Options for one search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    /// Score from which a result is a match.
    pub threshold: f32,
    /// Most results returned.
    pub limit: usize,
    /// Results below this score are not returned.
    pub min_score: f32,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 5,
            min_score: 0.5,
        }
    }
}

/// One result of a search.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The listed entity.
    pub entity: &'a Entity,
    /// Final score, 0..=1.
    pub score: f32,
    /// `score >= threshold`.
    pub is_match: bool,
    /// The listed name that matched best.
    pub matched_name: &'a str,
    /// Its kind.
    pub name_kind: NameKind,
    /// Why.
    pub explanation: Explanation,
    /// The same target on other lists, where the lists link them (a UN reference quoted by the
    /// UK or EU list): each with its own score, best first.
    pub also_listed: Vec<AlsoListed<'a>>,
    /// The entity's links to other entries, and for a party that is not designated itself, its
    /// path to a designation or its block by ownership.
    pub connections: crate::network::Connections<'a>,
}

/// Another list's entry for the same target as a hit.
#[derive(Debug, Clone)]
pub struct AlsoListed<'a> {
    /// The other list's entity.
    pub entity: &'a Entity,
    /// Its score for the same query.
    pub score: f32,
    /// Its listed name that matched best.
    pub matched_name: &'a str,
}

/// One distinct unit of the listed names (a word, or a run of two or three), and where its
/// postings are.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct VocabEntry {
    /// Its text and folded text, inline up to 24 bytes (as a name's words are), so that
    /// comparing a query unit with the entries it reaches follows no pointer per entry.
    pub(crate) text: compact_str::CompactString,
    pub(crate) folded: compact_str::CompactString,
    /// Class of a single-token entry; `None` for runs of tokens.
    pub(crate) class: Option<TokenClass>,
    pub(crate) tokens: u8,
    pub(crate) vowelless: bool,
    pub(crate) postings: (u32, u32),
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Posting {
    pub(crate) name: NameId,
    pub(crate) unit: UnitSpan,
    /// The listed name's schema (kept here so that candidates are filtered without reading
    /// the name).
    pub(crate) schema: Schema,
    /// Weight of the unit's tokens, for the bound.
    pub(crate) weight: f32,
    /// Whether the unit was transliterated from another script (its pairs earn the
    /// cross-script credit with a query unit that was not), for the bound.
    pub(crate) transliterated: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct IndexedName {
    pub(crate) entity: EntityIx,
    /// Position in the entity's `names`.
    pub(crate) name: u16,
    pub(crate) kind: NameKind,
    pub(crate) schema: Schema,
    pub(crate) tokens: Vec<NameToken>,
    /// Units with their vocabulary ids.
    pub(crate) units: Vec<(UnitSpan, VocabId)>,
}

/// An immutable index over a set of entities, safe to share between threads.
#[derive(Debug)]
pub struct Index {
    /// Distinguishes this index from others in per-thread caches (given anew when loaded).
    pub(crate) id: u64,
    /// Per name: what the bound that prunes candidates needs of it, weights included (derived
    /// from the names when built or loaded), kept apart so that it stays in cache.
    pub(crate) shapes: Vec<NameShape>,
    /// Per posting: what it keeps of its name's shape (derived from the shapes), read with it.
    pub(crate) posted: Vec<PostedShape>,
    /// Per vocabulary entry, what a search reads of it besides its postings.
    pub(crate) entry_reads: Vec<EntryReads>,
    /// From how many postings a search judges the names one posting alone reaches before
    /// gathering them ([`JUDGED_ALONE_FROM`] unless a test sets it).
    pub(crate) judged_alone_from: usize,
    /// From how many names past the bound a search scores those with the highest bounds
    /// first ([`PROBE_FROM`] unless a test sets it).
    pub(crate) probe_from: usize,
    /// From how many listed names the bound asks ahead for the names its candidates' shapes
    /// say it will read ([`crate::prefetch::NAMES_OUTGROW_CACHES`] unless a test sets it).
    pub(crate) ask_ahead_from: usize,
    pub(crate) entities: EntityStore,
    pub(crate) names: Vec<IndexedName>,
    pub(crate) vocab: Vec<VocabEntry>,
    pub(crate) postings: Vec<Posting>,
    /// Folded forms and their one-letter deletions -> vocabulary entries.
    pub(crate) edit_keys: KeyTable,
    pub(crate) skeleton_keys: KeyTable,
    /// Rarity factor (0.4..=1) of single folded tokens.
    pub(crate) rarity: HashMap<Box<str>, f32>,
    /// Normalised identifier -> entities.
    pub(crate) identifiers: HashMap<String, Vec<EntityIx>>,
    /// Derived acronym -> names of organisations.
    pub(crate) acronyms: HashMap<String, Vec<NameId>>,
    /// Per entity: the key of the target it shares with other lists, if any.
    pub(crate) clusters: Vec<Option<String>>,
    /// Lookup tables for scanning text, built on first use.
    pub(crate) scan_tables: std::sync::OnceLock<crate::scan::ScanTables>,
    /// Links resolved between entities, built on first use.
    pub(crate) link_graph: std::sync::OnceLock<crate::network::LinkGraph>,
    /// Whether any entity has links (a customer book has none: its results need no graph).
    pub(crate) linked: bool,
    /// The names of each entity (by name id), for the identifier path.
    pub(crate) entity_names: EntityNames,
    /// Per name, a bit set when its entity shares a target with other lists' entries (has a
    /// cluster key): derived from the names and the clusters.
    pub(crate) clustered: Vec<u64>,
}

/// The tables an index derives from its names, their weights and its postings, the same
/// when it is built and when it is loaded from a snapshot.
pub(crate) struct Derived {
    pub(crate) entity_names: EntityNames,
    pub(crate) shapes: Vec<NameShape>,
    pub(crate) posted: Vec<PostedShape>,
    pub(crate) entry_reads: Vec<EntryReads>,
}

/// What a search reads of a vocabulary entry a query unit reaches, so that it does not visit
/// the entry itself: worked out once per entry rather than for every new query word that
/// reaches it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryReads {
    /// Its postings (start, length).
    postings: (u32, u32),
    /// Where its postings of plain people's names begin ([`crate::bound::posting_rank`]).
    plain_from: u32,
    /// For a one-token entry, the rarity of its word.
    single_rarity: Option<f32>,
}

impl Derived {
    /// The derived tables of `names` (with their total weights), `postings` and the
    /// vocabulary (`vocab`, with the words' `rarity`), whose entities have these `heads`.
    pub(crate) fn of(
        names: &[IndexedName],
        weights: &[f32],
        (postings, vocab, rarity): (&[Posting], &[VocabEntry], &HashMap<Box<str>, f32>),
        heads: &[crate::entities::EntityHead],
    ) -> Self {
        let shapes = NameShape::all(names, weights);
        Self::with_shapes(shapes, names, (postings, vocab, rarity), heads)
    }

    /// [`Derived::of`] with the names' shapes already made.
    pub(crate) fn with_shapes(
        shapes: Vec<NameShape>,
        names: &[IndexedName],
        (postings, vocab, rarity): (&[Posting], &[VocabEntry], &HashMap<Box<str>, f32>),
        heads: &[crate::entities::EntityHead],
    ) -> Self {
        let entry = |n: &IndexedName| {
            let head = &heads[n.entity.index()];
            EntryFacts::of(head.born, head.countries)
        };
        let shapes: Vec<NameShape> = shapes
            .into_iter()
            .zip(names)
            .map(|(shape, n)| shape.with_entry(entry(n)))
            .collect();
        let posted = PostedShape::all(postings, &shapes);
        let entry_reads = vocab
            .iter()
            .map(|v| EntryReads {
                postings: v.postings,
                plain_from: first_where(positions(v.postings), |i| {
                    posted[i].plain_person(&postings[i])
                }) as u32,
                single_rarity: (v.tokens == 1)
                    .then(|| rarity.get(&*v.folded).copied().unwrap_or(1.0)),
            })
            .collect();
        Derived {
            entity_names: EntityNames::of(names, heads.len()),
            shapes,
            posted,
            entry_reads,
        }
    }
}

/// Per name, a bit set when its entity has a cluster key ([`Index::clustered`]).
pub(crate) fn clustered_names(names: &[IndexedName], clusters: &[Option<String>]) -> Vec<u64> {
    let mut bits = vec![0u64; names.len().div_ceil(64)];
    for (i, n) in names.iter().enumerate() {
        if clusters.get(n.entity.index()).is_some_and(Option::is_some) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
}

/// The ids of each entity's names, in one array with an offset per entity (derived from the
/// names when an index is built or loaded).
#[derive(Debug, Default)]
pub(crate) struct EntityNames {
    /// `ids[start[e]..start[e + 1]]` are entity e's names.
    start: Vec<u32>,
    ids: Vec<NameId>,
}

impl EntityNames {
    /// The names of `entities` entities, grouped.
    pub(crate) fn of(names: &[IndexedName], entities: usize) -> Self {
        let mut start = vec![0u32; entities + 1];
        for n in names {
            start[n.entity.index() + 1] += 1;
        }
        for e in 0..entities {
            start[e + 1] += start[e];
        }
        let mut next = start.clone();
        let mut ids = vec![NameId(0); names.len()];
        for (i, n) in names.iter().enumerate() {
            let at = &mut next[n.entity.index()];
            ids[*at as usize] = NameId::at(i);
            *at += 1;
        }
        EntityNames { start, ids }
    }

    /// The name ids of one entity, in index order.
    pub(crate) fn get(&self, entity: EntityIx) -> &[NameId] {
        let e = entity.index();
        match (self.start.get(e), self.start.get(e + 1)) {
            (Some(&a), Some(&b)) => &self.ids[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The consonant skeletons of the other ways a word written without short vowels (Arabic,
/// Hebrew) may be read, under which it is looked up as well as under its own: a compound
/// without the article's assimilated lam (نورالدين Nooruddin), a waw inside the word as the
/// vowel (Masood, Zarkaoui) or, read as u, as the consonant (Anwari), pe and bet as f and v
/// (פרנסיס Francis, אביגדור Avigdor), and a foreign name's Romance reading (خوان Juan), with
/// its waw as a vowel too.
pub(crate) fn other_readings(folded: &str) -> Vec<String> {
    let mut readings: Vec<String> = Vec::new();
    let bases = std::iter::once(folded.to_string()).chain(foreign_reading(folded));
    for base in bases {
        let (first, rest) = base.split_at(base.chars().next().map_or(0, char::len_utf8));
        readings.extend(assimilated_article(&base));
        if rest.contains('v') {
            readings.push(format!("{first}{}", rest.replace('v', "")));
        }
        if rest.contains('u') {
            readings.push(format!("{first}{}", rest.replace('u', "v")));
        }
        if base.contains(['p', 'b']) {
            readings.push(base.replace('p', "f").replace('b', "v"));
        }
        if base != folded {
            readings.push(base.clone());
        }
    }
    let mut skeletons: Vec<String> = readings
        .iter()
        .map(|r| skeleton(r))
        .filter(|s| s.len() >= 2)
        .collect();
    skeletons.sort_unstable();
    skeletons.dedup();
    skeletons
}

/// A second, coarser skeleton for words with `s`, `z` or `j`: Arabic letters are romanised
/// with either of two consonants that the skeleton keeps apart: ض and ظ as d or z (Fazl/Fadl,
/// Ramzan/Ramadan), ث as th or s (Thaqib/Saqib), jim as j or g (Jamal/Gamal). Here s, z, d and t
/// are one class, and j is g.
pub(crate) fn skeleton_dz(folded: &str) -> Option<String> {
    if !folded.contains(['s', 'z', 'j']) {
        return None;
    }
    let coarse: String = folded
        .chars()
        .map(|c| match c {
            's' | 'z' => 'd',
            'j' => 'g',
            c => c,
        })
        .collect();
    let s = skeleton(&coarse);
    (s.len() >= 2).then_some(s)
}

pub(crate) fn rarity_applies(class: TokenClass) -> bool {
    matches!(
        class,
        TokenClass::Word | TokenClass::Generic | TokenClass::Number
    )
}

impl Index {
    /// Builds the index over `entities` (see [`crate::build::IndexBuilder`] for the steps).
    pub fn build(entities: Vec<Entity>) -> Index {
        crate::build::IndexBuilder::new(entities).build()
    }

    /// From how many postings a search judges the names that one posting alone reaches before
    /// gathering them: always ([`JUDGED_ALONE_FROM`]) unless set. Results are the same either
    /// way; tests set `usize::MAX` never to judge, and compare.
    #[doc(hidden)]
    pub fn judge_alone_from(&mut self, postings: usize) {
        self.judged_alone_from = postings;
    }

    /// Scores the names with the highest bounds first, to raise the floor to the last result
    /// the search returns, when at least `names` pass the bound (always with 0, never with
    /// `usize::MAX`): for tests that compare the two.
    pub fn probe_from(&mut self, names: usize) {
        self.probe_from = names;
    }

    /// Asks ahead for the names the bound will read (after their shapes), when the index has
    /// at least `names` names (always with 0, never with `usize::MAX`): for tests that
    /// compare the two.
    #[doc(hidden)]
    pub fn ask_ahead_from(&mut self, names: usize) {
        self.ask_ahead_from = names;
    }

    /// Whether the entity of a name shares a target with other lists' entries.
    fn is_clustered(&self, name: NameId) -> bool {
        self.clustered[name.index() / 64] & (1 << (name.index() % 64)) != 0
    }

    /// Number of indexed entities.
    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// The positions of the entities listed with this identifier (a passport, registration or
    /// SWIFT/BIC code, compared after normalising: "HAVI GB2L" is "HAVIGB2L").
    pub fn entities_with_identifier(&self, number: &str) -> Vec<usize> {
        self.identifiers
            .get(&normalise_id(number))
            .map(|ids| ids.iter().map(|e| e.index()).collect())
            .unwrap_or_default()
    }

    /// Entity `i` (0..[`Index::entity_count`]), decoded now if the index was read from a
    /// snapshot and the entity was not asked for before.
    pub fn entity(&self, i: usize) -> &Entity {
        self.entities.get(i)
    }

    /// Every indexed entity, in index order (from a snapshot, this decodes them all).
    pub fn entities(&self) -> impl ExactSizeIterator<Item = &Entity> + '_ {
        (0..self.entities.len()).map(|i| self.entities.get(i))
    }

    /// The key under which entity `i` and entries of other lists are one target (the UN
    /// reference they share), if the lists link it to any.
    pub fn target_of(&self, i: usize) -> Option<&str> {
        self.clusters[i].as_deref()
    }

    /// The id of entity `i`, without decoding it.
    pub fn entity_id(&self, i: usize) -> &str {
        &self.entities.heads[i].id
    }

    /// How many entries each (list, version) has, without decoding them, in index order.
    pub fn list_counts(&self) -> Vec<(&str, &str, usize)> {
        let mut counts = vec![0; self.entities.lists.len()];
        for h in &self.entities.heads {
            if let Some(c) = counts.get_mut(h.list as usize) {
                *c += 1;
            }
        }
        self.entities
            .lists
            .iter()
            .zip(counts)
            .map(|((l, v), c)| (l.as_str(), v.as_str(), c))
            .collect()
    }

    /// Number of indexed names (all entities, all distinct names).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// What tells this index from every other one built or loaded in the process, for caches
    /// of its answers.
    pub fn identity(&self) -> u64 {
        self.id
    }

    /// Number of distinct retrieval keys.
    pub fn key_count(&self) -> usize {
        self.edit_keys.len() + self.skeleton_keys.len()
    }

    /// The weight of a query token: its class prior times its rarity on the lists, if the lists
    /// have it.
    pub(crate) fn query_weight(&self, folded: &str, class: TokenClass, org: bool) -> f32 {
        let prior = class.prior_weight(org);
        if rarity_applies(class) {
            prior * self.rarity.get(folded).copied().unwrap_or(1.0)
        } else {
            prior
        }
    }

    fn vocab_similarity(
        &self,
        q: &PreparedName,
        qi: usize,
        v: &VocabEntry,
    ) -> Option<interdict_names::Similarity> {
        let listed = UnitForm {
            text: &v.text,
            folded: &v.folded,
            class: v.class,
            vowelless: v.vowelless,
        };
        unit_similarity(&q.unit_form(qi), &listed)
    }

    /// The vocabulary entries a query unit reaches and resembles, with their similarities.
    fn similar_vocabulary(
        &self,
        q: &PreparedName,
        qi: usize,
    ) -> Vec<(VocabId, interdict_names::Similarity)> {
        let qu = q.units[qi];
        let (text, folded) = (&q.unit_text[qi], &q.unit_folded[qi]);
        let mut keys = ReachKeys::default();
        keys.reachable(folded, q.unit_vowelless[qi]);
        // The letters as written too: folding can make a one-letter typo look bigger.
        if qu.len == 1 && text != folded && text.len() >= 3 {
            keys.edits(text);
        }
        if q.unit_vowelless[qi] {
            keys.with_vowels(text);
        }
        if qu.len == 1 {
            for partner in interdict_names::short_form_partners(text) {
                keys.edits(&interdict_names::fold(partner));
            }
        }
        let mut reach = Vec::new();
        self.edit_keys.get_all(&keys.edit, &mut reach);
        self.skeleton_keys.get_all(&keys.skeleton, &mut reach);
        reach.sort_unstable();
        reach.dedup();
        reach
            .into_iter()
            .filter_map(|vid| {
                // The key tables hold vocabulary positions as plain numbers.
                let vid = VocabId(vid);
                let v = &self.vocab[vid.index()];
                if qu.len > 1 && v.tokens > 1 {
                    return None;
                }
                self.vocab_similarity(q, qi, v).map(|s| (vid, s))
            })
            .collect()
    }

    /// Searches the index in stages: reach the vocabulary each query unit resembles, weigh
    /// the query's words by it, retrieve the listed names that share a unit with the query
    /// and may reach the floor, bound each and align and score those that still may, add the
    /// entries of the query's identifiers and the organisations it is an acronym of, then rank
    /// and explain ([`Index::finish`]).
    pub fn search(&self, query: &Query, options: &SearchOptions) -> Vec<Hit<'_>> {
        let (org, mut q) = timed(Stage::Prepare, || self.prepare(query));
        // A query without a name still finds the entries of its identifiers (a vessel by its
        // IMO number).
        if q.tokens.is_empty() && query.identifiers.is_empty() {
            return Vec::new();
        }
        counts::count(|c| c.searches += 1);
        // A name with a legal form ("Orion S.A.") is an organisation's, even without a schema.
        let schema = query.schema.or_else(|| org.then_some(Schema::Organization));
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let (reached, best_single) = timed(Stage::Reach, || self.reach(&q, org, &mut scratch));
            self.weigh_query_tokens(&mut q, &best_single, org);
            // Only the facts the query gives can confirm it: a name without a date of birth
            // cannot be raised by one, so the bound leaves that confirmation out.
            let confirmable = Confirmable {
                birth_date: !query.birth_dates.is_empty(),
                country: !query.countries.is_empty(),
            };
            let bounded = BoundQuery::new(&q.tokens, org, confirmable);
            let floor = options.min_score;
            let least = LeastScoresOnce::new(query, confirmable, floor);
            timed(Stage::Retrieve, || {
                self.retrieve(schema, &reached, (&bounded, &least), &mut scratch);
            });
            let mut best = timed(Stage::Score, || {
                self.score_candidates(query, &q, org, (&bounded, &least), options, &mut scratch)
            });
            timed(Stage::Entries, || {
                self.add_identified_entries(query, &q, schema, org, &mut best);
                self.add_acronym_entries(query, &q, &mut best);
            });
            timed(Stage::Finish, || self.finish(query, &q, best, options))
        })
    }

    /// The query's name tokenized, rewritten and weighed by the lists' rarities, and whether it
    /// is an organisation's.
    fn prepare(&self, query: &Query) -> (bool, PreparedName) {
        let tokens = interdict_names::rewrite(&query.name, interdict_names::tokenize(&query.name));
        let org = query.is_organization_by(&tokens);
        let q = PreparedName::of_tokens(&query.name, tokens, org, |f, c| {
            self.query_weight(f, c, org)
        });
        (org, q)
    }

    /// The vocabulary entries each query unit resembles (filler words aside, whose edges are
    /// made for the names that pass the bound), and per query token the best similarity of a
    /// single listed token and that token's rarity, for the weights of tokens the lists do not
    /// have.
    fn reach(
        &self,
        q: &PreparedName,
        org: bool,
        scratch: &mut Scratch,
    ) -> (Vec<UnitReach>, Vec<WordReach>) {
        let mut best_single = vec![WordReach::default(); q.tokens.len()];
        if scratch.units_of != self.id || scratch.units.len() >= UNIT_CACHE_LIMIT {
            scratch.units.clear();
            scratch.fillers.clear();
            scratch.units_of = self.id;
        }
        let mut reached = Vec::with_capacity(q.units.len());
        for (qi, qu) in q.units.iter().enumerate() {
            if qu.len == 1 && q.tokens[qu.start as usize].class.is_filler(org) {
                continue;
            }
            let similar = self.remembered_similar(q, qi, scratch);
            if qu.len == 1 {
                for r in similar.iter() {
                    if let Some(rarity) = r.entry.single_rarity {
                        best_single[qu.start as usize].reach(r.sim.score, rarity);
                    }
                }
            }
            reached.push(UnitReach { unit: *qu, similar });
        }
        (reached, best_single)
    }

    /// Retrieval: follows each query unit's similar vocabulary to the postings of the listed
    /// names of an allowed schema, gathering each name's edges in `scratch`. A name that one
    /// posting alone reaches is gathered only if it may pass the bound with that one edge
    /// ([`BoundQuery::may_pass_alone`], judged on the posting and what it keeps of the name's
    /// shape, the whole shapes it leaves to be read judged together after each entry's other
    /// postings). The query word whose units reach the most postings (about two thirds of them)
    /// is not marked: the postings of the other words are counted in two bit sets (reached,
    /// reached again) and noted in a small filter, then the busiest word's postings are read
    /// in order against that filter ([`Index::meet_busiest`]), and the postings are followed.
    fn retrieve(
        &self,
        schema: Option<Schema>,
        reached: &[UnitReach],
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        scratch: &mut Scratch,
    ) {
        scratch.reset(self.names.len());
        let lists = || {
            reached
                .iter()
                .flat_map(|u| u.similar.iter().map(move |r| (u, r)))
        };
        let total: usize = lists().map(|(_, r)| r.range().len()).sum();
        counts::count(|c| c.postings += total as u64);
        if total < self.judged_alone_from {
            scratch.shared.reset(total);
            for (u, r) in lists() {
                self.gather(
                    (u, r.sim, r.range()),
                    schema,
                    scratch,
                    None::<fn(usize, &Posting) -> Gathered>,
                );
            }
            return;
        }
        let least = least.get();
        let busiest = busiest_start(reached);
        let of_busiest = |u: &UnitReach| u.unit.start == busiest;
        let others = || lists().filter(move |(u, _)| !of_busiest(u));
        let marked = timed(Stage::MarkOthers, || {
            self.mark_others(schema, others(), scratch)
        });
        let mut alone_bounds = AloneBounds::default();
        let met = timed(Stage::MeetBusiest, || {
            let words = (reached, busiest);
            self.meet_busiest(schema, words, (bounded, least), &mut alone_bounds, scratch)
        });
        scratch
            .shared
            .reset(scratch.reached.again_count + scratch.passers.len());
        timed(Stage::Gather, || {
            let mut met_at = met.iter();
            for (u, r) in lists() {
                if of_busiest(u) {
                    for &i in met_at.by_ref().take_while(|&&i| i != END_OF_ENTRY) {
                        let p = &self.postings[i];
                        scratch.push(p.name, false, edge_of(u, r.sim, p));
                    }
                    continue;
                }
                let alone = alone_bounds.get(bounded, u.unit, r.sim.score, least);
                self.gather_other((u, r), schema, (bounded, &alone, least), scratch);
            }
        });
        scratch.met = met;
        let marked_names = || others().flat_map(|(_, r)| &self.postings[r.range()]);
        scratch
            .reached
            .clear(marked, marked_names().map(|p| p.name));
        scratch.others.clear(marked, marked_names().map(|p| p.name));
        let passers = scratch.passers.iter().copied();
        scratch.passing.clear(scratch.passers.len(), passers);
    }

    /// Gathers the postings of one vocabulary entry `r` that a query unit `u` other than the
    /// busiest word's reaches: a name another posting reaches too, and one that may pass with
    /// this posting alone ([`BoundQuery::may_pass_alone`] with the unit's bound `alone`,
    /// judged as far as [`JudgedTo`] reads the entry, the whole shapes it leaves judged
    /// together: [`Index::judged_by_shapes`]).
    fn gather_other(
        &self,
        (u, r): (&UnitReach, &Reached),
        schema: Option<Schema>,
        (bounded, alone, least): (&BoundQuery, &AloneBound, &LeastScores),
        scratch: &mut Scratch,
    ) {
        let judged = JudgedTo::of(r, bounded, alone);
        let reached_again = std::mem::take(&mut scratch.reached);
        let mut by_shape = std::mem::take(&mut scratch.by_shape);
        by_shape.clear();
        let keep = |i: usize, p: &Posting| {
            if reached_again.again(p.name) {
                Gathered::Shared
            } else if self.passes_alone(bounded, (alone, least), &judged, (i, &mut by_shape)) {
                Gathered::Alone
            } else {
                Gathered::Not
            }
        };
        self.gather((u, r.sim, r.range()), schema, scratch, Some(keep));
        scratch.reached = reached_again;
        for &i in self.judged_by_shapes(bounded, &mut by_shape) {
            let p = &self.postings[i];
            scratch.push(p.name, true, edge_of(u, r.sim, p));
        }
        scratch.by_shape = by_shape;
    }

    /// Marks the names the postings of `lists` reach (those of an allowed schema) in the
    /// reached-names bit sets, and notes them in the filter of the names the words other than
    /// the busiest reach; returns how many postings the lists hold.
    fn mark_others<'r>(
        &self,
        schema: Option<Schema>,
        lists: impl Iterator<Item = (&'r UnitReach, &'r Reached)>,
        scratch: &mut Scratch,
    ) -> usize {
        let mut held = 0;
        for (_, r) in lists {
            held += r.range().len();
            for p in &self.postings[r.range()] {
                if schema_allows(schema, p.schema) {
                    scratch.reached.mark(p.name);
                    scratch.others.insert(p.name);
                }
            }
        }
        held
    }

    /// Whether the name of the posting at `i`, which no other posting reaches, may pass with
    /// it alone on what the posting keeps: still judged where `judged` reads its entry, and
    /// then [`BoundQuery::may_pass_alone`] with the bound `alone` of its query unit. A posting
    /// that leaves it to the name's whole shape is noted in `by_shape`, for
    /// [`Index::judged_by_shapes`], and does not pass here.
    fn passes_alone(
        &self,
        bounded: &BoundQuery,
        (alone, least): (&AloneBound, &LeastScores),
        judged: &JudgedTo,
        (i, by_shape): (usize, &mut Vec<usize>),
    ) -> bool {
        let (p, c) = (&self.postings[i], &self.posted[i]);
        if !judged.still(i, p, c) {
            return false;
        }
        let passes = bounded.may_pass_alone((alone, least), (p, c));
        if passes.is_none() {
            by_shape.push(i);
        }
        passes == Some(true)
    }

    /// Of the positions in `by_shape` (postings whose names no other posting reaches, that
    /// [`BoundQuery::may_pass_alone`] left to the name's whole shape), those whose names
    /// initials or abbreviations may pair ([`BoundQuery::may_pair_alone`]): they may pass with
    /// that one posting. Judged together after the postings that decided alone, so that the
    /// shapes, each a cache miss where the names are many, are asked for ahead.
    fn judged_by_shapes<'b>(
        &self,
        bounded: &BoundQuery,
        by_shape: &'b mut Vec<usize>,
    ) -> &'b [usize] {
        let shape_of = |i: usize| &self.shapes[self.postings[i].name.index()];
        prefetch::retain_asking_ahead(
            by_shape,
            |&i| prefetch::prefetch(shape_of(i)),
            |&mut i| bounded.may_pair_alone(&self.postings[i], shape_of(i)),
        );
        by_shape
    }

    /// The positions of the postings of the query word that starts at `busiest` (each of its
    /// entries' followed by [`END_OF_ENTRY`]) whose names are gathered, each with all the
    /// edges that word gives it: the names another word reaches too (the filter and the bit
    /// sets say which; they are marked as reached again), and those it alone reaches that may
    /// pass with one of its postings (`scratch.passers`), judged as far as [`JudgedTo`] reads
    /// an entry. A name two of its postings reach and neither lifts to the floor cannot pass:
    /// its units start at one query word, so an alignment pairs it by one of them (the bound
    /// of two such edges keeps the best of each side, [`BoundQuery::upper_bound`]).
    fn meet_busiest(
        &self,
        schema: Option<Schema>,
        (reached, busiest): (&[UnitReach], u8),
        (bounded, least): (&BoundQuery, &LeastScores),
        alone_bounds: &mut AloneBounds,
        scratch: &mut Scratch,
    ) -> Vec<usize> {
        let busy = || {
            reached
                .iter()
                .filter(move |u| u.unit.start == busiest)
                .flat_map(|u| u.similar.iter().map(move |r| (u, r)))
        };
        let reached_elsewhere =
            |s: &Scratch, p: &Posting| s.others.may_hold(p.name) && s.reached.once(p.name);
        let mut passers = std::mem::take(&mut scratch.passers);
        passers.clear();
        // The postings whose names only their whole shape can judge, judged after the others
        // with the shapes asked for ahead (each a cache miss where the names are many).
        let mut by_shape = std::mem::take(&mut scratch.by_shape);
        by_shape.clear();
        for (u, r) in busy() {
            let alone = alone_bounds.get(bounded, u.unit, r.sim.score, least);
            let judged = JudgedTo::of(r, bounded, &alone);
            let mut i = r.range().start;
            while i < judged.end.get() {
                let p = &self.postings[i];
                if schema_allows(schema, p.schema)
                    && !reached_elsewhere(scratch, p)
                    && self.passes_alone(bounded, (&alone, least), &judged, (i, &mut by_shape))
                {
                    passers.push(p.name);
                }
                i += 1;
            }
        }
        let judged = self.judged_by_shapes(bounded, &mut by_shape);
        passers.extend(judged.iter().map(|&i| self.postings[i].name));
        scratch.by_shape = by_shape;
        for &name in &passers {
            scratch.passing.insert(name);
        }
        passers.sort_unstable();
        passers.dedup();
        let mut met = std::mem::take(&mut scratch.met);
        met.clear();
        let mut noted = std::mem::take(&mut scratch.noted);
        for (_, r) in busy() {
            let (start, postings) = (r.range().start, &self.postings[r.range()]);
            for &i in noted_by_filters(postings, [&scratch.others, &scratch.passing], &mut noted) {
                let (i, p) = (i as usize, &postings[i as usize]);
                if !schema_allows(schema, p.schema) {
                    continue;
                }
                let elsewhere = reached_elsewhere(scratch, p);
                if elsewhere {
                    scratch.reached.mark(p.name);
                }
                if elsewhere
                    || (scratch.passing.may_hold(p.name) && passers.binary_search(&p.name).is_ok())
                {
                    met.push(start + i);
                }
            }
            met.push(END_OF_ENTRY);
        }
        scratch.noted = noted;
        scratch.passers = passers;
        met
    }

    /// Gathers the postings in `range` (of one vocabulary entry query unit `u` reaches at
    /// `sim`) of an allowed schema that `keep` (given the posting's position) keeps, all of
    /// them without it; a name `keep` says no other posting reaches takes a new slot without
    /// looking for its own.
    fn gather(
        &self,
        (u, sim, range): (
            &UnitReach,
            interdict_names::Similarity,
            std::ops::Range<usize>,
        ),
        schema: Option<Schema>,
        scratch: &mut Scratch,
        mut keep: Option<impl FnMut(usize, &Posting) -> Gathered>,
    ) {
        let start = range.start;
        let postings = &self.postings[range];
        for (i, p) in postings.iter().enumerate() {
            if !schema_allows(schema, p.schema) {
                continue;
            }
            let gathered = keep.as_mut().map_or(Gathered::Shared, |k| k(start + i, p));
            if gathered == Gathered::Not {
                continue;
            }
            scratch.push(p.name, gathered == Gathered::Alone, edge_of(u, sim, p));
        }
    }

    /// The vocabulary entries query unit `qi` resembles. They depend on the unit alone, and
    /// names repeat their words, so they are remembered per thread.
    fn remembered_similar(
        &self,
        q: &PreparedName,
        qi: usize,
        scratch: &mut Scratch,
    ) -> std::rc::Rc<Vec<Reached>> {
        let key = q.unit_key(qi);
        if let Some(found) = scratch.units.get(&key) {
            return found.clone();
        }
        counts::count(|c| c.words_compared += 1);
        let found: Vec<Reached> = self
            .similar_vocabulary(q, qi)
            .into_iter()
            .map(|(vid, sim)| Reached {
                sim,
                entry: self.entry_reads[vid.index()],
            })
            .collect();
        let found = std::rc::Rc::new(found);
        scratch.units.insert(key, found.clone());
        found
    }

    /// Query token weights that depend on the lists: tokens the lists do not have take the
    /// rarity of the listed token they resemble; a token transliterated from another script
    /// weighs no more than the commonest listed word it resembles closely (the lists' own
    /// original-script names make its spelling look rare); a father's name after "son of"
    /// counts little.
    fn weigh_query_tokens(&self, q: &mut PreparedName, best_single: &[WordReach], org: bool) {
        for (t, w) in q.tokens.iter_mut().zip(best_single) {
            if !rarity_applies(t.class) {
                continue;
            }
            let prior = t.class.prior_weight(org);
            if !self.rarity.contains_key(t.folded.as_str()) && w.sim >= 0.85 {
                t.weight = prior * w.rarity;
            }
            if t.transliterated {
                t.weight = t.weight.min(prior * w.commonest);
            }
        }
        if !org {
            lighten_father_name(&mut q.tokens);
        }
    }

    /// Bound, align and score: each retrieved name that may reach `floor` is aligned and
    /// scored. The bound first allows the strongest confirmations the query can earn (its
    /// entry's birth years aside, read from the name's shape); a name that passes is bounded
    /// again with the edges of the query's fillers, then with its entry's own date of birth
    /// and country findings (a person born in another year, or of another nationality, caps
    /// what any name of that entry can reach). Entries are judged by their findings only for a
    /// query without identifiers: an identifier's entry is scored by all its names in
    /// [`Index::add_identified_entries`] unless a name of it is kept here.
    /// When many names pass the bound, those with the highest bounds are scored first: once
    /// they give `limit` results that the other names cannot change, a name whose bound stays
    /// under the last of them cannot be among the results returned, and is not scored
    /// ([`Index::worth_probing`], [`Index::kth_best_settled`]).
    fn score_candidates(
        &self,
        query: &Query,
        q: &PreparedName,
        org: bool,
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        options: &SearchOptions,
        scratch: &mut Scratch,
    ) -> HashMap<EntityIx, Scored> {
        let mut best: HashMap<EntityIx, Scored> = HashMap::new();
        let mut passed = std::mem::take(&mut scratch.passed);
        timed(Stage::Bound, || {
            self.bound_slots((bounded, least), scratch, &mut passed);
        });
        let past_the_bound = passed.len() as u64;
        let after = AfterTheBound::new(query, q, org, bounded);
        let mut work = (0, 0);
        if self.worth_probing(query, q, passed.len(), options.limit) {
            let limits = (options.limit, least.floor());
            work = self.score_highest_first(
                &after,
                (bounded, least),
                limits,
                scratch,
                &mut passed,
                &mut best,
            );
        }
        let (entries_read, aligned) =
            self.score_passed(&after, (bounded, least), scratch, &mut passed, &mut best);
        counts::count(|c| {
            c.candidates += scratch.used as u64;
            c.past_the_bound += past_the_bound;
            c.entries_read += work.0 + entries_read;
            c.aligned += work.1 + aligned;
        });
        scratch.passed = passed;
        best
    }

    /// The stages after the bound, for the names of `passed`: bound again with the query's
    /// fillers' edges, judge by the entries' own dates of birth and countries, then align and
    /// score what still may reach the floor, keeping each entity's best name in `best`. Each
    /// stage runs over all the names the one before kept, asking for the memory of the names
    /// ahead, so that the cache misses of many names overlap. Returns how many entries were
    /// read and how many names aligned.
    fn score_passed(
        &self,
        after: &AfterTheBound,
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        scratch: &mut Scratch,
        passed: &mut Vec<Passed>,
        best: &mut HashMap<EntityIx, Scored>,
    ) -> (u64, u64) {
        let (query, q, org) = (after.query, after.q, after.org);
        let floor = least.floor();
        if !after.fillers.is_empty() {
            let fillers = (q, after.fillers.as_slice());
            self.bound_with_fillers(fillers, (bounded, least), scratch, passed);
        }
        let entries_read = if after.by_entry {
            passed.len() as u64
        } else {
            0
        };
        if after.by_entry {
            self.judge_by_entries(query, floor, passed);
        }
        for (i, p) in passed.iter().enumerate() {
            if let Some(ahead) = passed.get(i + prefetch::AHEAD) {
                prefetch::prefetch(&self.names[ahead.name.index()]);
            }
            let (slot, name_id) = (p.slot as usize, p.name);
            let edges = &mut scratch.edges[slot];
            let name = &self.names[name_id.index()];
            let reaches = |name: f32| {
                p.effects.is_none_or(|effects| {
                    at_most_with(name, effects.into_iter().flatten()) >= floor
                })
            };
            let person = name.schema == Schema::Person;
            let al = align(&q.tokens, &name.tokens, edges, person && !org);
            let ns = name_score(&al, name.kind, org, person);
            if reaches(ns.score) {
                consider(best, name.entity, name_id, ns, al);
            }
        }
        (entries_read, passed.len() as u64)
    }

    /// Scores the names of `passed` with the highest bounds first, in batches twice as large
    /// each time, until they give `limit` results at or above `floor` that the other names
    /// cannot change ([`Index::kth_best_settled`]); then keeps in `passed` only the names
    /// left to score whose bound with the strongest confirmations their entries allow
    /// reaches the last of those results (or belongs to an entry that joins another's hit).
    /// Returns how many entries were read and names aligned.
    fn score_highest_first(
        &self,
        after: &AfterTheBound,
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        (limit, floor): (usize, f32),
        scratch: &mut Scratch,
        passed: &mut Vec<Passed>,
        best: &mut HashMap<EntityIx, Scored>,
    ) -> (u64, u64) {
        let (mut work, mut scored, mut done) = ((0, 0), Vec::new(), 0);
        let mut bounds = std::mem::take(&mut scratch.still);
        bounds.reset(passed);
        let mut settled = None;
        while settled.is_none() && done < passed.len() {
            let end = (done.max(PROBED / 2) * 2).min(passed.len());
            // The batch: the names with the highest bounds of those left, in no order, picked
            // in linear time: a search stops after a few batches of the thousands that passed.
            if end < passed.len() {
                let by_bound = |a: &Passed, b: &Passed| b.name_max.total_cmp(&a.name_max);
                passed[done..].select_nth_unstable_by(end - done - 1, by_bound);
            }
            let mut batch = passed[done..end].to_vec();
            scored.extend(batch.iter().map(|p| p.name));
            scored.sort_unstable();
            let (entries, aligned) =
                self.score_passed(after, (bounded, least), scratch, &mut batch, best);
            (work.0, work.1) = (work.0 + entries, work.1 + aligned);
            done = end;
            let question = (after.query, after.q);
            let probed = (scored.as_slice(), &bounds);
            settled = self.kth_best_settled(question, best, probed, (limit, floor));
        }
        scratch.still = bounds;
        match settled {
            Some(kth) => {
                let raised = LeastScores::to_rank(after.query, bounded.confirmable(), kth);
                // In place, so that the list keeps its memory for the next search.
                passed.drain(..done);
                passed.retain(|p| {
                    self.is_clustered(p.name) || !raised.keeps_under(p.entry, p.name_max)
                });
            }
            None => passed.clear(),
        }
        work
    }

    /// Whether a search whose bound let `passed` names through scores the names with the
    /// highest bounds first, to raise its floor to the `limit`-th best result before scoring
    /// the others: when the names are many, the query has no identifier (an identifier that
    /// decides ranks its entry first whatever its score) and more than one word (a one-word
    /// query's acronym entries are scored after the names).
    fn worth_probing(&self, query: &Query, q: &PreparedName, passed: usize, limit: usize) -> bool {
        limit > 0 && passed >= self.probe_from && query.identifiers.is_empty() && q.tokens.len() > 1
    }

    /// The `limit`-th best of the final scores, as [`Index::finish`] ranks them (without their
    /// country's contradiction), of the entities in `best` whose result the names still to be
    /// scored cannot change: not clustered with other lists' entries (which join a hit rather
    /// than take a place of their own), and each of their names scored (among `probed`,
    /// sorted), or one that will not be ([`StillToScore`] does not hold it: it did not pass the
    /// bound), or one whose bound stays under the entity's best name score, which it then
    /// cannot replace ([`consider`]). `None` when fewer than `limit` such entities reach
    /// `floor`, the search's. Every name whose bound with the strongest confirmations stays
    /// under it ranks after those entities, whatever its entry's findings.
    fn kth_best_settled(
        &self,
        (query, q): (&Query, &PreparedName),
        best: &HashMap<EntityIx, Scored>,
        (probed, still): (&[NameId], &StillToScore),
        (limit, floor): (usize, f32),
    ) -> Option<f32> {
        let settled = |e: EntityIx, scored: &Scored| {
            self.clusters[e.index()].is_none()
                && self.entity_names.get(e).iter().all(|n| {
                    probed.binary_search(n).is_ok() || still.stays_under(*n, scored.name.score)
                })
        };
        let mut ranking: Vec<f32> = best
            .iter()
            .filter(|(&e, scored)| settled(e, scored))
            .map(|(&e, scored)| self.ranked(query, q, e, scored.clone()))
            .filter(|r| r.score >= floor)
            .map(|r| r.uncontradicted())
            .collect();
        if limit == 0 || ranking.len() < limit {
            return None;
        }
        ranking.sort_unstable_by(|a, b| b.total_cmp(a));
        Some(ranking[limit - 1].min(1.0))
    }

    /// The slots whose names' bound may reach the floor, with what their entries' dates of
    /// birth allow (read from the names' shapes: [`LeastScoresOnce::birth_keeps_under`]), in
    /// slot order, with that bound, into `passed`.
    fn bound_slots(
        &self,
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        scratch: &mut Scratch,
        passed: &mut Vec<Passed>,
    ) {
        passed.clear();
        let floor = least.floor();
        let names = &scratch.slot_names[..scratch.used];
        let may_pair = &mut scratch.may_pair;
        may_pair.reset(names.len());
        for (slot, name_id) in names.iter().enumerate() {
            self.ask_ahead_for_bounds(bounded, (names, slot), may_pair);
            let name = &self.names[name_id.index()];
            let shape = &self.shapes[name_id.index()];
            let edges = &scratch.edges[slot];
            let pairs = may_pair.get(slot, || bounded.may_pair_at_all(shape));
            let bound = bounded.upper_bound_paired(name, (shape, pairs), edges, floor, false);
            if let Some(name_max) = bound {
                if least.entry_keeps_under(shape.entry(), name_max) {
                    continue;
                }
                passed.push(Passed {
                    slot: slot as u32,
                    name: *name_id,
                    entity: EntityIx(0),
                    name_max,
                    entry: shape.entry(),
                    effects: None,
                });
            }
        }
    }

    /// Bounds the names of `passed` again with the edges of the query's filler units
    /// (`fillers`, of query `q`) in place of the allowance that let each explain one more
    /// listed word, and keeps those whose bound still may reach the floor (with what their
    /// entries' birth years allow), with that bound: before their entries are
    /// read, since a query with fillers ("al", "bin", "Hafiz") lets many names past the
    /// first bound.
    fn bound_with_fillers(
        &self,
        (q, fillers): (&PreparedName, &[(usize, u64)]),
        (bounded, least): (&BoundQuery, &LeastScoresOnce),
        scratch: &mut Scratch,
        passed: &mut Vec<Passed>,
    ) {
        let floor = least.floor();
        let name_of = |p: &Passed| &self.names[p.name.index()];
        let units_and_tokens = |p: &Passed| {
            prefetch::prefetch_all(&name_of(p).units);
            prefetch::prefetch_all(&name_of(p).tokens);
        };
        prefetch::retain_asking_twice(
            passed,
            (|p| prefetch::prefetch(name_of(p)), units_and_tokens),
            |p| {
                let name = name_of(p);
                let edges = &mut scratch.edges[p.slot as usize];
                self.add_filler_edges(q, name, edges, fillers, &mut scratch.fillers);
                let shape = &self.shapes[p.name.index()];
                let bound = bounded.upper_bound(name, shape, edges, floor, true);
                // Both bounds hold (the fillers' allowance is never less than their edges).
                match bound.map(|b| b.min(p.name_max)) {
                    Some(tighter) if !least.entry_keeps_under(shape.entry(), tighter) => {
                        p.name_max = tighter;
                        true
                    }
                    _ => false,
                }
            },
        );
    }

    /// Asks for what bounding the names of later slots reads: a name's shape; where the names
    /// outgrow the caches, in two more steps that each read only what an earlier one asked
    /// for, its name, when the shape says its tokens may be read
    /// ([`BoundQuery::may_read_name`], noted in `may_pair` for the bound), then those tokens.
    fn ask_ahead_for_bounds(
        &self,
        bounded: &BoundQuery,
        (names, slot): (&[NameId], usize),
        may_pair: &mut MayPairBySlot,
    ) {
        let (far, near) = (2 * prefetch::AHEAD, prefetch::AHEAD / 2);
        if let Some(ahead) = names.get(slot + far) {
            prefetch::prefetch(&self.shapes[ahead.index()]);
        }
        if self.names.len() < self.ask_ahead_from {
            return;
        }
        let mut reads_name = |at: usize, ahead: &NameId| {
            let pairs = may_pair.get(at, || bounded.may_pair_at_all(&self.shapes[ahead.index()]));
            bounded.may_read_name(pairs)
        };
        if let Some(ahead) = names.get(slot + prefetch::AHEAD) {
            if reads_name(slot + prefetch::AHEAD, ahead) {
                prefetch::prefetch(&self.names[ahead.index()]);
            }
        }
        if let Some(ahead) = names.get(slot + near) {
            if reads_name(slot + near, ahead) {
                prefetch::prefetch_all(&self.names[ahead.index()].tokens);
            }
        }
    }

    /// Keeps of `passed` the names whose entries' own date of birth and country findings
    /// still let them reach `floor`, with those findings' effects. Two passes, each asking
    /// ahead for what it reads: the names (for their entries), the entries. (The entries'
    /// birth years were judged with the bound, from the names' shapes.)
    fn judge_by_entries(&self, query: &Query, floor: f32, passed: &mut Vec<Passed>) {
        prefetch::retain_asking_ahead(
            passed,
            |p| prefetch::prefetch(&self.names[p.name.index()]),
            |p| {
                p.entity = self.names[p.name.index()].entity;
                true
            },
        );
        prefetch::retain_asking_ahead(
            passed,
            |p| self.entities.prefetch(p.entity.index()),
            |p| {
                let effects = self.entry_effects(query, p.entity);
                p.effects = Some(effects);
                at_most_with(p.name_max, effects.into_iter().flatten()) >= floor
            },
        );
    }

    /// The effects of an entry's date of birth and country findings (the others, gender aside,
    /// need identifiers; gender only ever lowers a score).
    fn entry_effects(&self, query: &Query, entity: EntityIx) -> [Option<Effect>; 2] {
        let e = self.entities.get(entity.index());
        [
            evidence::birth_date_effect(&query.birth_dates, &e.birth_dates),
            evidence::country_effect(&query.countries, e),
        ]
    }

    /// Identifier matches are candidates whatever their names: each entity listed with one of
    /// the query's identifiers is scored by its best name (or comes with a score of 0).
    fn add_identified_entries(
        &self,
        query: &Query,
        q: &PreparedName,
        schema: Option<Schema>,
        org: bool,
        best: &mut HashMap<EntityIx, Scored>,
    ) {
        for id in &query.identifiers {
            let n = normalise_id(id);
            for &ei in self.identifiers.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
                if best.contains_key(&ei)
                    || !schema_allows(schema, self.entities.heads[ei.index()].schema)
                {
                    continue;
                }
                for &name_id in self.entity_names.get(ei) {
                    let name = &self.names[name_id.index()];
                    let mut edges = self.direct_edges(q, name, org);
                    let person = name.schema == Schema::Person;
                    let al = align(&q.tokens, &name.tokens, &mut edges, person && !org);
                    let ns = name_score(&al, name.kind, org, person);
                    consider(best, ei, name_id, ns, al);
                }
                // Names that have nothing in common still come with their number.
                if let (false, Some(&first)) =
                    (best.contains_key(&ei), self.entity_names.get(ei).first())
                {
                    best.insert(
                        ei,
                        Scored {
                            name_id: first,
                            name: NameScore {
                                score: 0.0,
                                notes: vec!["the names have nothing in common".into()],
                                unless_confirmed: None,
                                unless_confirmed_to_month: None,
                            },
                            alignment: Alignment::default(),
                        },
                    );
                }
            }
        }
    }

    /// A one-word query may be an acronym of an organisation name.
    fn add_acronym_entries(
        &self,
        query: &Query,
        q: &PreparedName,
        best: &mut HashMap<EntityIx, Scored>,
    ) {
        if q.tokens.len() == 1 && query.schema.is_none_or(|s| s.is_organization()) {
            let tok = &tokenize(&query.name)[0];
            if let Some(names) = self.acronyms.get(&tok.text) {
                let written_as_acronym = matches!(tok.shape, Shape::Upper | Shape::Mixed);
                let score = if written_as_acronym {
                    ACRONYM_WRITTEN_AS_SUCH
                } else {
                    ACRONYM_PLAIN
                };
                for &name_id in names {
                    let name = &self.names[name_id.index()];
                    if best
                        .get(&name.entity)
                        .is_some_and(|b| b.name.score >= score)
                    {
                        continue;
                    }
                    let ns = NameScore {
                        score,
                        notes: vec![format!(
                            "'{}' is the acronym of this name{}",
                            query.name.trim(),
                            if written_as_acronym {
                                ""
                            } else {
                                " (but not written as one)"
                            }
                        )],
                        unless_confirmed: None,
                        unless_confirmed_to_month: None,
                    };
                    best.insert(
                        name.entity,
                        Scored {
                            name_id,
                            name: ns,
                            alignment: Alignment::default(),
                        },
                    );
                }
            }
        }
    }

    /// Edges for the particles, honorifics and other light tokens of the query, which are not
    /// looked up in the index, against every token of a candidate.
    /// `fillers` are the query's filler units with their keys ([`Index::filler_units`]);
    /// `memo` keeps the similarities worked out per filler unit and vocabulary entry, across
    /// queries on this thread: candidates share their words, and a query with an honorific
    /// ("Hafiz") would otherwise compare it afresh with every word of every candidate.
    fn add_filler_edges(
        &self,
        q: &PreparedName,
        name: &IndexedName,
        edges: &mut SlotEdges,
        fillers: &[(usize, u64)],
        memo: &mut FillerMemo,
    ) {
        for &(qi, key) in fillers {
            let qu = &q.units[qi];
            for &(cu, vid) in &name.units {
                if cu.len != 1 {
                    continue;
                }
                let sim = *memo
                    .entry((key, vid))
                    .or_insert_with(|| self.vocab_similarity(q, qi, &self.vocab[vid.index()]));
                if let Some(sim) = sim {
                    edges.push(Edge {
                        q: *qu,
                        c: cu,
                        sim,
                        c_weight: span_weight(&name.tokens, cu),
                    });
                }
            }
        }
    }

    /// The query's filler units (single particles, honorifics and the like, which are not
    /// looked up), with their keys.
    fn filler_units(q: &PreparedName, org: bool) -> Vec<(usize, u64)> {
        (0..q.units.len())
            .filter(|&qi| {
                let qu = q.units[qi];
                qu.len == 1 && q.tokens[qu.start as usize].class.is_filler(org)
            })
            .map(|qi| (qi, q.unit_key(qi)))
            .collect()
    }

    /// All edges between a query and one indexed name, computed directly.
    pub(crate) fn direct_edges(
        &self,
        q: &PreparedName,
        name: &IndexedName,
        _org: bool,
    ) -> Vec<Edge> {
        self.direct_edges_at_least(q, name, 0.0)
    }

    /// [`Index::direct_edges`] keeping only pairs of at least `floor` (particles aside).
    pub(crate) fn direct_edges_at_least(
        &self,
        q: &PreparedName,
        name: &IndexedName,
        floor: f32,
    ) -> Vec<Edge> {
        let mut edges = Vec::new();
        for (qi, qu) in q.units.iter().enumerate() {
            for &(cu, vid) in &name.units {
                if qu.len > 1 && cu.len > 1 {
                    continue;
                }
                let v = &self.vocab[vid.index()];
                let listed = UnitForm {
                    text: &v.text,
                    folded: &v.folded,
                    class: v.class,
                    vowelless: v.vowelless,
                };
                if let Some(sim) = unit_similarity_at_least(&q.unit_form(qi), &listed, floor) {
                    edges.push(Edge {
                        q: *qu,
                        c: cu,
                        sim,
                        c_weight: span_weight(&name.tokens, cu),
                    });
                }
            }
        }
        edges
    }

    /// Applies attributes to each entity's best name, keeps what reaches the floor, sorts and
    /// explains the top results.
    fn finish<'a>(
        &'a self,
        query: &Query,
        q: &PreparedName,
        best: HashMap<EntityIx, Scored>,
        options: &SearchOptions,
    ) -> Vec<Hit<'a>> {
        let mut ranked: Vec<Ranked> = best
            .into_iter()
            .map(|(entity, scored)| self.ranked(query, q, entity, scored))
            .filter(|r| r.score >= options.min_score)
            .collect();
        // Best first; on equal scores the UN's own entry leads its target, then by id.
        let home = |i: EntityIx| {
            !self
                .entities
                .get(i.index())
                .provenance
                .list
                .starts_with("un-sc")
        };
        // An identifier that decides (the same IMO number; the same document number with a
        // name part in common) puts its entry before entries that only have a name.
        let decided = |r: &Ranked| r.findings.iter().any(|(_, f)| f.effect == Effect::Decisive);
        ranked.sort_by(|a, b| {
            decided(b)
                .cmp(&decided(a))
                .then_with(|| b.uncontradicted().total_cmp(&a.uncontradicted()))
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| home(a.entity).cmp(&home(b.entity)))
                .then_with(|| {
                    self.entities.heads[a.entity.index()]
                        .id
                        .cmp(&self.entities.heads[b.entity.index()].id)
                })
        });
        // One hit per target: entries of other lists that share a UN reference with a better
        // hit join it instead of taking a place of their own.
        let mut hits: Vec<Hit<'a>> = Vec::new();
        let mut cluster_of_hit: HashMap<String, usize> = HashMap::new();
        for r in ranked {
            let key = self.clusters[r.entity.index()].clone();
            if let Some(&i) = key.as_ref().and_then(|k| cluster_of_hit.get(k)) {
                let e = &self.entities.get(r.entity.index());
                let name = &self.names[r.scored.name_id.index()];
                hits[i].also_listed.push(AlsoListed {
                    entity: e,
                    score: r.score,
                    matched_name: &e.names[name.name as usize].full,
                });
                continue;
            }
            if hits.len() >= options.limit {
                continue;
            }
            if let Some(k) = key {
                cluster_of_hit.insert(k, hits.len());
            }
            hits.push(self.hit(query, q, r, options));
        }
        hits
    }

    /// Turns a ranked candidate into a hit with its explanation.
    fn hit<'a>(
        &'a self,
        query: &Query,
        q: &PreparedName,
        r: Ranked,
        options: &SearchOptions,
    ) -> Hit<'a> {
        let entity = &self.entities.get(r.entity.index());
        let name = &self.names[r.scored.name_id.index()];
        let listed = &entity.names[name.name as usize];
        let mut explanation = Explanation {
            summary: String::new(),
            name: name_explanation(
                &query.name,
                &q.tokens,
                &listed.full,
                &name.tokens,
                name.kind,
                &r.scored.alignment,
                &r.scored.name,
            ),
            dob: None,
            country: None,
            id: None,
            gender: None,
        };
        for ((label, f), d) in r.findings.iter().zip(&r.deltas) {
            let a = Some(attribute(f, *d));
            match *label {
                "dob" => explanation.dob = a,
                "country" => explanation.country = a,
                "id" => explanation.id = a,
                _ => explanation.gender = a,
            }
        }
        let labelled: Vec<(&str, &Finding)> = r.findings.iter().map(|(l, f)| (*l, f)).collect();
        explanation.summary = summary(&explanation.name, &labelled, r.score);
        Hit {
            entity,
            score: r.score,
            is_match: r.score >= options.threshold,
            matched_name: &listed.full,
            name_kind: name.kind,
            explanation,
            also_listed: Vec::new(),
            connections: self.connections(r.entity.index()),
        }
    }
}

/// A candidate entity with its final score, before explanation.
struct Ranked {
    score: f32,
    entity: EntityIx,
    scored: Scored,
    findings: Vec<(&'static str, Finding)>,
    deltas: Vec<f32>,
}

impl Ranked {
    /// The score by which it ranks: another country lowers a score but not its place, so
    /// that an exact name whose listed nationality is not the query's still ranks before
    /// weaker names that list none (people live, and hold passports, elsewhere). A
    /// contradicted date of birth does move it down.
    fn uncontradicted(&self) -> f32 {
        self.score
            - self
                .findings
                .iter()
                .zip(&self.deltas)
                .filter(|((label, f), _)| {
                    *label == "country" && matches!(f.effect, Effect::Contradicts(_))
                })
                .map(|(_, d)| d)
                .sum::<f32>()
    }
}

/// A candidate whose name passed the bound: its slot and name, its entry (once read), the
/// bound, and its entry's date of birth and country findings' effects when judged by them.
#[derive(Debug, Clone, Copy)]
struct Passed {
    slot: u32,
    name: NameId,
    entity: EntityIx,
    name_max: f32,
    /// Its entry's birth years and countries, from the name's shape.
    entry: EntryFacts,
    effects: Option<[Option<Effect>; 2]>,
}

/// The bounds of the names that passed the bound when a search scores the highest first
/// ([`Index::score_highest_first`]), by name: what tells whether a name not yet scored may
/// still change its entity's result.
#[derive(Default)]
struct StillToScore(HashMap<NameId, f32, BuildHasherDefault<crate::keys::PairHasher>>);

impl StillToScore {
    /// The bounds of the names of `passed` alone (within the memory of earlier searches').
    fn reset(&mut self, passed: &[Passed]) {
        let bounds = &mut self.0;
        bounds.clear();
        bounds.reserve(passed.len());
        for p in passed {
            let bound = bounds.entry(p.name).or_insert(p.name_max);
            *bound = bound.max(p.name_max);
        }
    }

    /// Whether `name`, if still to be scored, cannot replace its entity's best name, which
    /// scores `best`: it did not pass the bound, or its bound is under `best` ([`consider`]
    /// keeps the first of equal scores by name, so an equal bound may).
    fn stays_under(&self, name: NameId, best: f32) -> bool {
        self.0.get(&name).is_none_or(|&bound| bound < best)
    }
}

/// How many names with the highest bounds a search scores in its first batch when it may
/// raise its floor ([`Index::score_highest_first`]).
const PROBED: usize = 32;
/// From how many names past the bound a search scores those with the highest bounds first.
pub(crate) const PROBE_FROM: usize = 4 * PROBED;

/// What the stages after the bound need of a query ([`Index::score_passed`]).
struct AfterTheBound<'a> {
    query: &'a Query,
    q: &'a PreparedName,
    org: bool,
    /// The query's filler units with their keys ([`Index::filler_units`]).
    fillers: Vec<(usize, u64)>,
    /// Whether entries are judged by their own dates of birth and countries: a query without
    /// identifiers that gives either.
    by_entry: bool,
}

impl<'a> AfterTheBound<'a> {
    /// What the stages after the bound need of query `query`, prepared as `q`.
    fn new(query: &'a Query, q: &'a PreparedName, org: bool, bounded: &BoundQuery) -> Self {
        let confirmable = bounded.confirmable();
        AfterTheBound {
            query,
            q,
            org,
            fillers: Index::filler_units(q, org),
            by_entry: query.identifiers.is_empty()
                && (confirmable.birth_date || confirmable.country),
        }
    }
}

/// The best-scoring name of one entity so far.
#[derive(Clone)]
struct Scored {
    name_id: NameId,
    name: NameScore,
    alignment: Alignment,
}

/// Keeps a scored name as its entity's best if it scores more than the best so far, or as
/// much with a name that comes first in the index: which names are scored first does not
/// decide.
fn consider(
    best: &mut HashMap<EntityIx, Scored>,
    entity: EntityIx,
    name_id: NameId,
    ns: NameScore,
    al: Alignment,
) {
    if ns.score <= 0.0 {
        return;
    }
    match best.get(&entity) {
        Some(b) if (b.name.score, name_id) >= (ns.score, b.name_id) => {}
        _ => {
            best.insert(
                entity,
                Scored {
                    name_id,
                    name: ns,
                    alignment: al,
                },
            );
        }
    }
}

/// Per filler unit key, the similarity of each vocabulary entry compared with it so far.
type FillerMemo = crate::keys::PairMap<Option<interdict_names::Similarity>>;

/// Whether a query of `schema` (any if `None`) may match a listed entry of schema `listed`.
fn schema_allows(schema: Option<Schema>, listed: Schema) -> bool {
    schema.is_none_or(|qs| qs.can_match(listed))
}

/// Weight left to the words of a father's name that follows "son of" in a query.
const FATHER_NAME_WEIGHT: f32 = 0.1;

/// Afghan and Pakistani names are often written with the father's name after ولد ("son of",
/// also romanised walad), which Latin listings mostly leave out: those words, and the marker,
/// count little, so that their absence does not sink the match (and their presence still
/// helps). Mauritanian "Ould" is a family name, not this, and is left alone.
fn lighten_father_name(tokens: &mut [NameToken]) {
    let Some(at) = tokens
        .iter()
        .position(|t| (t.text == "wld" && t.vowelless) || t.text == "walad")
    else {
        return;
    };
    // The marker must follow a name and lead to one.
    if at == 0 || at + 1 >= tokens.len() {
        return;
    }
    for t in &mut tokens[at..] {
        t.weight *= FATHER_NAME_WEIGHT;
    }
}

/// How attribute findings change what a name match counts for.
impl Index {
    /// An entity with its best name, ranked: its entry's findings, what they make of the
    /// name's score and the final score.
    fn ranked(
        &self,
        query: &Query,
        q: &PreparedName,
        entity: EntityIx,
        mut scored: Scored,
    ) -> Ranked {
        let mut findings = self.findings_of(query, entity);
        self.weigh_name_by_findings(q, &mut scored, &mut findings);
        let refs: Vec<&Finding> = findings.iter().map(|(_, f)| f).collect();
        let (score, deltas) = combine(scored.name.score, &refs);
        Ranked {
            score,
            entity,
            scored,
            findings,
            deltas,
        }
    }

    /// What the query's attributes say of one entry: date of birth, country, identifier and
    /// gender, each when both sides give it.
    fn findings_of(&self, query: &Query, entity: EntityIx) -> Vec<(&'static str, Finding)> {
        let e = &self.entities.get(entity.index());
        [
            (
                "dob",
                evidence::birth_date(&query.birth_dates, &e.birth_dates),
            ),
            ("country", evidence::country(&query.countries, e)),
            ("id", evidence::identifier(&query.identifiers, e)),
            ("gender", evidence::gender(query.gender, e)),
        ]
        .into_iter()
        .filter_map(|(label, f)| f.map(|f| (label, f)))
        .collect()
    }

    /// Where the attributes change what the name counts for: without a date of birth that
    /// confirms to the year (a year near an approximate date is not enough), a name of common
    /// words loses the allowance for middle words left out; without one that confirms to the
    /// month, a query with words the listed name lacks counts for less; with a name part in
    /// common, the same document number decides.
    fn weigh_name_by_findings(
        &self,
        q: &PreparedName,
        scored: &mut Scored,
        findings: &mut [(&'static str, Finding)],
    ) {
        let dob_confirms = findings
            .iter()
            .find_map(|(label, f)| match (*label, f.effect) {
                ("dob", Effect::Confirms(c)) => Some(c),
                _ => None,
            })
            .unwrap_or(0.0);
        let unconfirmed = scored.name.unless_confirmed.take();
        let to_the_month = scored.name.unless_confirmed_to_month.take();
        let holds = match dob_confirms {
            c if c < TO_THE_YEAR => unconfirmed,
            c if c < TO_THE_MONTH => to_the_month,
            _ => None,
        };
        if let Some(strict) = holds {
            scored.name.score = strict.score;
            scored.name.notes = strict.notes;
        }
        let name = &self.names[scored.name_id.index()];
        if compatible_name(&scored.alignment, &q.tokens, &name.tokens) {
            same_document_decides(findings);
        }
    }
}

/// Whether a name is compatible with the listed one, as a document number needs to decide:
/// at least one name word pairs closely ("M. Mohammad" with "Mohammad Sadiq Amir Mohammad").
fn compatible_name(al: &Alignment, q: &[NameToken], c: &[NameToken]) -> bool {
    let word = |tokens: &[NameToken], s: crate::prepare::UnitSpan| {
        tokens[s.start as usize..s.end()]
            .iter()
            .any(|t| t.class == TokenClass::Word)
    };
    al.pairs
        .iter()
        .any(|p| p.score >= COMPATIBLE_WORD && word(q, p.q) && word(c, p.c))
}

/// The same passport or national ID number with a compatible name is the person: the number
/// decides, as an IMO number does for a ship.
fn same_document_decides(findings: &mut [(&'static str, Finding)]) {
    for (_, f) in findings.iter_mut() {
        if f.effect == Effect::SameDocument {
            f.effect = Effect::Decisive;
            f.outcome = "same document number, and a name part in common".into();
        }
    }
}

pub(crate) fn next_index_id() -> u64 {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The keys a query unit looks up in the index's two key tables: the vocabulary entries under
/// them are those it may be similar to. Gathered first and looked up together
/// ([`KeyTable::get_all`]), so that the cache misses of a unit's many keys overlap.
#[derive(Default)]
struct ReachKeys {
    edit: smallvec::SmallVec<[u64; 64]>,
    skeleton: smallvec::SmallVec<[u64; 8]>,
}

impl ReachKeys {
    /// The entries whose folded form, or a one-letter deletion of it, is `text` or one of its
    /// one-letter deletions.
    fn edits(&mut self, text: &str) {
        self.spelled(text.as_bytes());
        if text.len() >= 3 {
            deletion_variants(text, |d| self.spelled(d.as_bytes()));
        }
    }

    /// The entries whose folded form, or a one-letter deletion of it, is `text`.
    fn spelled(&mut self, text: &[u8]) {
        self.edit.push(hash_key(KEY_EDIT, text));
    }

    /// The entries with the consonant skeleton `s` (too short a skeleton is no key).
    fn skeleton(&mut self, s: &str) {
        if s.len() >= 2 {
            self.skeleton.push(hash_key(KEY_SKELETON, s.as_bytes()));
        }
    }

    /// A word of two consonants written without vowels (طه, "th", Taha): the Latin spellings
    /// with a vowel between them, and after them, looked up as written (too short for its
    /// skeleton to be a key).
    fn with_vowels(&mut self, text: &str) {
        let b = text.as_bytes();
        if b.len() != 2 || b.iter().any(|c| b"aeiouy".contains(c)) {
            return;
        }
        for v in [b'a', b'e', b'i', b'o', b'u'] {
            for form in [vec![b[0], v, b[1]], vec![b[0], v, b[1], v]] {
                let folded = interdict_names::fold(std::str::from_utf8(&form).unwrap_or_default());
                self.spelled(folded.as_bytes());
            }
        }
    }

    /// The vocabulary entries a folded unit may be similar to: by its spelling, its consonant
    /// skeleton and, for a word from a script without short vowels, its other readings.
    fn reachable(&mut self, folded: &str, vowelless: bool) {
        self.edits(folded);
        if folded.len() >= 3 || vowelless {
            self.skeleton(&skeleton(folded));
        }
        if !vowelless {
            return;
        }
        if folded.len() >= 3 {
            if let Some(s) = skeleton_dz(folded) {
                self.skeleton(&s);
            }
            for s in other_readings(folded) {
                self.skeleton(&s);
            }
            // Foreign names written in Arabic script (Juan as خوان): the spellings of their
            // Romance reading too (its skeletons are among the other readings).
            if let Some(f) = foreign_reading(folded) {
                self.edits(&f);
                if let Some(s) = skeleton_dz(&f) {
                    self.skeleton(&s);
                }
            }
        } else {
            // Short words without written short vowels ("ku", Ko; "kl", Gul): the same
            // consonants with any vowel.
            let b = folded.as_bytes();
            for (i, &c) in b.iter().enumerate() {
                if !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u') {
                    continue;
                }
                for v in [b'a', b'e', b'i', b'o', b'u'] {
                    if v != c {
                        let mut alt = b.to_vec();
                        alt[i] = v;
                        self.spelled(&alt);
                    }
                }
            }
        }
    }
}

/// A query unit and the vocabulary entries it reaches.
struct UnitReach {
    unit: UnitSpan,
    similar: std::rc::Rc<Vec<Reached>>,
}

/// From how many postings a query's retrieval judges the names one posting alone reaches
/// before gathering them: always. Gathering them all is the reference the tests compare
/// judging with ([`Index::judge_alone_from`]); it does not pay even for a few postings (from
/// 2,048 postings, as it was, against the UN, OFAC and UK lists bounding every name a query
/// reached took a quarter of a first pass's instructions: a name is bounded in about 660,
/// judged alone in about 140).
pub(crate) const JUDGED_ALONE_FROM: usize = 0;

/// How many times fewer than the words of the reached-names bit sets the marked names must
/// be for them to be unmarked one at a time rather than the bit sets cleared whole.
const UNMARKED_ONE_BY_ONE: usize = 8;

/// The [`AloneBound`]s of one search by query unit and similarity: a unit reaches many
/// vocabulary entries at a few similarities, and each bound is worked out once.
#[derive(Default)]
struct AloneBounds(Vec<(UnitSpan, f32, AloneBound)>);

impl AloneBounds {
    /// What a name that `unit` alone reaches at similarity `sim` can get from it
    /// ([`BoundQuery::alone`]).
    fn get(
        &mut self,
        bounded: &BoundQuery,
        unit: UnitSpan,
        sim: f32,
        least: &LeastScores,
    ) -> AloneBound {
        if let Some(&(_, _, alone)) = self.0.iter().find(|(u, s, _)| *u == unit && *s == sim) {
            return alone;
        }
        let alone = bounded.alone(unit, sim, least);
        self.0.push((unit, sim, alone));
        alone
    }
}

/// Where the postings of one vocabulary entry a query unit reaches stop being worth judging
/// one by one, found as they are read: past it, a name that unit alone reaches cannot pass.
/// For a query that [`BoundQuery::judges_plain_people_by_share`], the plain people's names come
/// last in an entry, by the share of their weight the unit explains, highest first
/// ([`crate::bound::posting_rank`]): the first whose share is under the least
/// ([`AloneBound::least_share`]) ends them. (Read in order, the postings before it are read
/// anyway; a search for it jumped about the entry, a cache miss a step.)
struct JudgedTo {
    /// Where the entry's plain people's names begin.
    plain_from: usize,
    /// The least share, for a query that judges plain people by it.
    least: Option<f32>,
    /// Where judging ends, once found (the entry's end until then).
    end: std::cell::Cell<usize>,
}

impl JudgedTo {
    /// Judging the postings of `r` for a name unit `alone` reaches, as `bounded` asks.
    fn of(r: &Reached, bounded: &BoundQuery, alone: &AloneBound) -> Self {
        JudgedTo {
            plain_from: r.entry.plain_from as usize,
            least: bounded
                .judges_plain_people_by_share()
                .then(|| alone.least_share()),
            end: std::cell::Cell::new(r.range().end),
        }
    }

    /// Whether the posting at `i` (`p`, keeping `c` of its name's shape) is still to be
    /// judged: called for the postings in order, those another posting reaches too aside.
    fn still(&self, i: usize, p: &Posting, c: &PostedShape) -> bool {
        if i >= self.end.get() {
            return false;
        }
        match self.least {
            Some(least) if i >= self.plain_from && c.share_alone(p) < least => {
                self.end.set(i);
                false
            }
            _ => true,
        }
    }
}

/// Per candidate slot, whether initials or abbreviations may pair its name beyond its edges
/// ([`BoundQuery::may_pair_at_all`]), worked out the first time it is asked for: asking ahead
/// for a name asks twice, its bound once more.
struct MayPairBySlot(Vec<Option<bool>>);

impl MayPairBySlot {
    /// Nothing known, for `slots` slots (within the memory it has, where it has enough).
    fn reset(&mut self, slots: usize) {
        self.0.clear();
        self.0.resize(slots, None);
    }

    /// The answer for `slot`, worked out by `work_out` if it is not known yet.
    fn get(&mut self, slot: usize, work_out: impl FnOnce() -> bool) -> bool {
        *self.0[slot].get_or_insert_with(work_out)
    }
}

/// Whether retrieval gathers a posting's name, and whether another posting reaches it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gathered {
    /// Left out: only this posting reaches it, and it cannot pass the bound with it alone.
    Not,
    /// Gathered, and no other posting reaches it.
    Alone,
    /// Gathered, and other postings may reach it too.
    Shared,
}

/// Per listed name, whether a query's postings reached it, and whether more than one did: two
/// bit sets, small enough to stay in cache where the names' own tables do not.
#[derive(Default)]
struct ReachedNames {
    once: Vec<u64>,
    again: Vec<u64>,
    /// How many names are marked more than once.
    again_count: usize,
}

impl ReachedNames {
    /// Room for `names` names, all unmarked.
    fn reset(&mut self, names: usize) {
        let words = names.div_ceil(64);
        if self.once.len() != words {
            self.once = vec![0; words];
            self.again = vec![0; words];
        }
        self.again_count = 0;
    }

    /// Counts a posting of `name`.
    fn mark(&mut self, name: NameId) {
        let (w, bit) = (name.index() / 64, 1u64 << (name.index() % 64));
        let newly_again = self.once[w] & !self.again[w] & bit;
        self.again[w] |= newly_again;
        self.once[w] |= bit;
        self.again_count += usize::from(newly_again != 0);
    }

    /// Whether `name` was marked.
    fn once(&self, name: NameId) -> bool {
        self.once[name.index() / 64] & (1u64 << (name.index() % 64)) != 0
    }

    /// Whether `name` was marked more than once.
    fn again(&self, name: NameId) -> bool {
        self.again[name.index() / 64] & (1u64 << (name.index() % 64)) != 0
    }

    /// Unmarks every name, given the names that were marked (`marked` of them): the words
    /// that hold their bits when they are few against the bit sets, else the two bit sets
    /// whole (a few microseconds where unmarking many names one at a time was a cache access
    /// each).
    fn clear(&mut self, marked: usize, names: impl Iterator<Item = NameId>) {
        if marked.saturating_mul(UNMARKED_ONE_BY_ONE) < self.once.len() {
            for name in names {
                let w = name.index() / 64;
                (self.once[w], self.again[w]) = (0, 0);
            }
        } else {
            self.once.fill(0);
            self.again.fill(0);
        }
    }
}

/// Some names, as a filter small enough to stay in the nearest cache (8 KiB): it may hold a
/// name it was not given, never leaves out one it was.
#[derive(Default)]
struct NameFilter(Vec<u64>);

impl NameFilter {
    /// Its size in bits, a power of two.
    const BITS: usize = 1 << 16;

    /// The bit that stands for `name`.
    fn bit(name: NameId) -> usize {
        (u64::from(name.0).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (64 - Self::BITS.trailing_zeros())) as usize
    }

    /// Notes `name`.
    fn insert(&mut self, name: NameId) {
        if self.0.is_empty() {
            self.0 = vec![0; Self::BITS / 64];
        }
        let b = Self::bit(name);
        self.0[b / 64] |= 1 << (b % 64);
    }

    /// Whether `name` may have been noted.
    fn may_hold(&self, name: NameId) -> bool {
        let b = Self::bit(name);
        self.0.get(b / 64).is_some_and(|w| w & (1 << (b % 64)) != 0)
    }

    /// Forgets every name, given the names noted (`noted` of them): the words that hold
    /// their bits when they are few against the filter, else the filter whole.
    fn clear(&mut self, noted: usize, names: impl Iterator<Item = NameId>) {
        if noted.saturating_mul(UNMARKED_ONE_BY_ONE) < self.0.len() {
            for name in names {
                let b = Self::bit(name);
                self.0[b / 64] = 0;
            }
        } else {
            self.0.fill(0);
        }
    }
}

/// A vocabulary entry a query unit reaches, with what the search reads of it, so that the
/// search does not visit the entry itself.
struct Reached {
    sim: interdict_names::Similarity,
    entry: EntryReads,
}

impl Reached {
    /// The positions of the entry's postings.
    fn range(&self) -> std::ops::Range<usize> {
        positions(self.entry.postings)
    }
}

/// The edge a posting gives its name from query unit `u`, reaching the posting's entry at
/// `sim`.
fn edge_of(u: &UnitReach, sim: interdict_names::Similarity, p: &Posting) -> Edge {
    Edge {
        q: u.unit,
        c: p.unit,
        sim,
        c_weight: p.weight,
    }
}

/// Ends each entry's positions in [`Index::meet_busiest`]'s list: two of a word's units may
/// reach one entry, whose positions then come twice.
const END_OF_ENTRY: usize = usize::MAX;

/// The positions among `postings` of those whose names one of `filters` may hold, in order,
/// noted in `noted` without a branch per posting (most names are in neither filter, and no
/// branch predictor foresees which); `noted` is kept as long as the longest list so far.
fn noted_by_filters<'n>(
    postings: &[Posting],
    filters: [&NameFilter; 2],
    noted: &'n mut Vec<u32>,
) -> &'n [u32] {
    if noted.len() < postings.len() {
        noted.resize(postings.len(), 0);
    }
    let mut kept = 0;
    for (i, p) in postings.iter().enumerate() {
        noted[kept] = i as u32;
        kept += usize::from(filters[0].may_hold(p.name) | filters[1].may_hold(p.name));
    }
    &noted[..kept]
}

/// The query word whose units reach the most postings (the first of equals), by where the
/// units start.
fn busiest_start(reached: &[UnitReach]) -> u8 {
    let mut by_start = [0usize; crate::prepare::MAX_TOKENS];
    for u in reached {
        let n: usize = u.similar.iter().map(|r| r.range().len()).sum();
        by_start[usize::from(u.unit.start)] += n;
    }
    let most = by_start.iter().copied().max().unwrap_or(0);
    by_start.iter().position(|&n| n == most).unwrap_or(0) as u8
}

/// The positions of a vocabulary entry's postings, given as (start, length).
fn positions((start, len): (u32, u32)) -> std::ops::Range<usize> {
    start as usize..(start + len) as usize
}

/// The first position in `range` where `from_here` holds, given that it holds from some
/// position on (the end if none): a binary search.
fn first_where(range: std::ops::Range<usize>, from_here: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if from_here(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// A candidate's edges, kept in its slot: most candidates are reached by one or two query
/// units, and edges held in the slots array are read in order rather than one allocation each.
type SlotEdges = smallvec::SmallVec<[Edge; 2]>;

/// Per-thread working memory for searches: candidate names and their edges, reused so that a
/// search allocates little.
struct Scratch {
    /// The slots of the names more than one posting may reach.
    shared: SharedSlots,
    slot_names: Vec<NameId>,
    edges: Vec<SlotEdges>,
    used: usize,
    /// Which names the query's postings reach, once or more ([`Index::retrieve`]), the
    /// busiest word's aside.
    reached: ReachedNames,
    /// The names the postings of the query's other words reach.
    others: NameFilter,
    /// The positions of the busiest word's postings to gather ([`Index::meet_busiest`]).
    met: Vec<usize>,
    /// The positions of one list's postings that a filter may hold ([`noted_by_filters`]).
    noted: Vec<u32>,
    /// The names the busiest word alone reaches that may pass with it, and their filter.
    passers: Vec<NameId>,
    /// The positions of the postings, of names no other posting reaches, that only the
    /// names' whole shapes can judge ([`Index::judged_by_shapes`]).
    by_shape: Vec<usize>,
    passing: NameFilter,
    /// The candidates that passed the bound ([`Index::score_candidates`]).
    passed: Vec<Passed>,
    /// Whether each candidate's name may pair beyond its edges ([`Index::bound_slots`]).
    may_pair: MayPairBySlot,
    /// The bounds of the names past the bound when a search probes
    /// ([`Index::score_highest_first`]).
    still: StillToScore,
    /// The index whose vocabulary `units` refers to.
    units_of: u64,
    /// Query unit key -> similar vocabulary entries.
    units: crate::keys::HashedMap<std::rc::Rc<Vec<Reached>>>,
    /// Filler unit key -> vocabulary entry -> their similarity ([`Index::add_filler_edges`]).
    fillers: FillerMemo,
}

impl Scratch {
    /// Ready for a search of an index of `names` names.
    fn reset(&mut self, names: usize) {
        self.reached.reset(names);
        self.used = 0;
    }

    /// Adds an edge of `name` to the name's slot, taking a new slot the first time the name
    /// comes in this search. A name no other posting reaches (`alone`) always
    /// takes a new one without looking for its own; the others find theirs in
    /// [`Scratch::shared`], which must have room for them.
    fn push(&mut self, name: NameId, alone: bool, edge: Edge) {
        let next = self.used;
        let slot = if alone {
            next
        } else {
            self.shared.slot(name, next as u32) as usize
        };
        if slot == next {
            self.used += 1;
            if slot == self.edges.len() {
                self.edges.push(SlotEdges::new());
                self.slot_names.push(name);
            } else {
                self.edges[slot].clear();
                self.slot_names[slot] = name;
            }
        }
        self.edges[slot].push(edge);
    }
}

/// The candidate slots of the names more than one posting of a search may reach, by name: a
/// table with open addressing sized to those names (a few hundred or thousand), which stays
/// in cache where a table over every listed name does not.
#[derive(Default)]
struct SharedSlots {
    /// (name + 1, slot) per place; 0 for an empty place.
    places: Vec<(u32, u32)>,
    /// Bits of a name's hash that choose its first place.
    bits: u32,
}

impl SharedSlots {
    /// Empty, with room for `names` names.
    fn reset(&mut self, names: usize) {
        let size = (names * 2).next_power_of_two().max(16);
        // Within the memory of the largest table so far: a search's table differs in size
        // from the last one's more often than not.
        self.places.clear();
        self.places.resize(size, (0, 0));
        self.bits = size.trailing_zeros();
    }

    /// The slot of `name`, which is `next` if it has none yet.
    fn slot(&mut self, name: NameId, next: u32) -> u32 {
        let key = name.index() as u32 + 1;
        let mask = self.places.len() - 1;
        let hash = u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits);
        let mut i = hash as usize;
        loop {
            match self.places[i] {
                (k, slot) if k == key => return slot,
                (0, _) => {
                    self.places[i] = (key, next);
                    return next;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch {
        shared: SharedSlots { places: Vec::new(), bits: 0 },
        slot_names: Vec::new(),
        edges: Vec::new(),
        used: 0,
        reached: ReachedNames { once: Vec::new(), again: Vec::new(), again_count: 0 },
        others: NameFilter(Vec::new()),
        met: Vec::new(),
        noted: Vec::new(),
        passers: Vec::new(),
        by_shape: Vec::new(),
        passing: NameFilter(Vec::new()),
        passed: Vec::new(),
        may_pair: MayPairBySlot(Vec::new()),
        still: StillToScore(HashMap::with_hasher(BuildHasherDefault::new())),
        units_of: 0,
        fillers: HashMap::with_hasher(BuildHasherDefault::new()),
        units: HashMap::with_hasher(BuildHasherDefault::new()),
    }) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::min_similarity;
    use crate::prepare::unit_spans;
    use crate::test_support::entity;

    /// A word's postings: names that initials may pair (or not a person's) first, then plain
    /// people's names by the share of the name the word makes up, highest first, so that a
    /// search can stop judging them where that share falls short.
    #[test]
    fn a_words_postings_put_plain_peoples_names_last_by_the_share_the_word_makes_up() {
        let index = Index::build(vec![
            entity("1", Schema::Person, &["Imran Ahmed Khan"]),
            entity("2", Schema::Person, &["Khan"]),
            entity("3", Schema::Organization, &["Khan Trading"]),
            entity("4", Schema::Person, &["M. Khan"]),
            entity("5", Schema::Person, &["Ali Khan"]),
        ]);
        let khan = index.vocab.iter().find(|v| &*v.folded == "khan").unwrap();
        let order: Vec<(String, bool)> = positions(khan.postings)
            .map(|i| {
                let p = &index.postings[i];
                let e = index.names[p.name.index()].entity;
                let id = index.entity(e.index()).provenance.reference.clone();
                (id, index.posted[i].plain_person(p))
            })
            .collect();
        let ids: Vec<&str> = order.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["3", "4", "2", "5", "1"], "{order:?}");
        assert_eq!(
            order.iter().map(|(_, plain)| *plain).collect::<Vec<_>>(),
            [false, false, true, true, true]
        );
    }

    #[test]
    fn a_name_met_again_finds_the_slot_it_took() {
        let mut shared = SharedSlots::default();
        for round in 0..2 {
            shared.reset(1000);
            // Names a million apart and next to each other, each taking the next slot.
            let names: Vec<NameId> = (0..1000u32)
                .map(|i| {
                    NameId(if i % 2 == 0 {
                        i * 1_000_003 % 4_000_000
                    } else {
                        i
                    })
                })
                .collect();
            for (slot, &name) in names.iter().enumerate() {
                assert_eq!(shared.slot(name, slot as u32), slot as u32, "round {round}");
            }
            for (slot, &name) in names.iter().enumerate().rev() {
                assert_eq!(shared.slot(name, 5000), slot as u32, "round {round}");
            }
        }
    }

    #[test]
    fn of_two_names_of_an_entry_scoring_the_same_the_first_in_the_index_is_kept() {
        let scored = |score| NameScore {
            score,
            ..NameScore::default()
        };
        let entry = EntityIx(3);
        for order in [[NameId(7), NameId(5)], [NameId(5), NameId(7)]] {
            let mut best = HashMap::new();
            for name in order {
                consider(&mut best, entry, name, scored(0.9), Alignment::default());
            }
            assert_eq!(best[&entry].name_id, NameId(5), "{order:?}");
        }
        let mut best = HashMap::new();
        consider(
            &mut best,
            entry,
            NameId(5),
            scored(0.8),
            Alignment::default(),
        );
        consider(
            &mut best,
            entry,
            NameId(7),
            scored(0.9),
            Alignment::default(),
        );
        assert_eq!(best[&entry].name_id, NameId(7));
    }

    #[test]
    fn remembered_query_words_belong_to_their_own_index() {
        let a = Index::build(vec![entity(
            "A1",
            Schema::Person,
            &["Hafiz Muhammad Saeed"],
        )]);
        let b = Index::build(vec![entity(
            "B1",
            Schema::Person,
            &["Zaki ur Rehman Lakhvi"],
        )]);
        let options = SearchOptions::default();
        let refs = |index: &Index, name: &str| -> Vec<String> {
            index
                .search(&Query::name(name), &options)
                .iter()
                .filter(|h| h.is_match)
                .map(|h| h.entity.provenance.reference.clone())
                .collect()
        };
        for _ in 0..2 {
            assert_eq!(refs(&a, "Hafiz Mohammed Saeed"), ["A1"]);
            assert!(refs(&b, "Hafiz Mohammed Saeed").is_empty());
            assert_eq!(refs(&b, "Zaki-ur-Rehman Lakhvi"), ["B1"]);
            assert!(refs(&a, "Zaki-ur-Rehman Lakhvi").is_empty());
        }
    }

    #[test]
    fn the_order_lists_come_in_does_not_change_results() {
        let entities: Vec<Entity> = index().entities().cloned().collect();
        let mut reversed = entities.clone();
        reversed.reverse();
        let (a, b) = (Index::build(entities), Index::build(reversed));
        let options = SearchOptions::default();
        for name in [
            "Lashkar e Taiba",
            "Hafiz Saeed",
            "Jamaat",
            "LeT",
            "Muhammad",
        ] {
            let run = |i: &Index| -> Vec<(String, f32)> {
                i.search(&Query::name(name), &options)
                    .iter()
                    .map(|h| (h.entity.id.clone(), h.score))
                    .collect()
            };
            assert_eq!(run(&a), run(&b), "{name}");
        }
    }

    fn index() -> Index {
        Index::build(vec![
            entity(
                "QDe.118",
                Schema::Organization,
                &[
                    "LASHKAR-E-TAYYIBA",
                    "Lashkar-i-Taiba",
                    "Jamaat-ud-Dawa",
                    "LET",
                ],
            ),
            entity("QDe.096", Schema::Organization, &["LASHKAR I JHANGVI"]),
            entity("QDi.263", Schema::Person, &["HAFIZ MUHAMMAD SAEED"]),
            entity(
                "QDe.132",
                Schema::Organization,
                &["TEHRIK-E TALIBAN PAKISTAN"],
            ),
        ])
    }

    /// Retrieval that first counts the names the postings reach (as it does for many
    /// postings) leaves no name counted for the next search: a name one word reaches, counted
    /// again by a later search, would be gathered as reached twice.
    #[test]
    fn a_search_leaves_no_name_counted_for_the_next() {
        let index = || {
            let mut index = Index::build(vec![
                entity("QDi.263", Schema::Person, &["HAFIZ MUHAMMAD SAEED"]),
                entity(
                    "QDi.001",
                    Schema::Person,
                    &["MUHAMMAD ALI KHAN ZARDARI BALOCH"],
                ),
                entity(
                    "QDi.002",
                    Schema::Person,
                    &["SAEED AHMED QURESHI DURRANI YUSUFZAI"],
                ),
                entity("QDi.003", Schema::Person, &["MUHAMMAD IQBAL TAREEN MENGAL"]),
            ]);
            index.judge_alone_from(0);
            index
        };
        let candidates = |index: &Index, name: &str| {
            crate::take_search_counts();
            index.search(&Query::name(name), &SearchOptions::default());
            crate::take_search_counts().candidates
        };
        let (one, other) = ("Hafiz Mohammad Sayeed", "Muhammad Ali Khan Zardari Baloch");
        // Each query's candidates as its index's first search, then after the other's.
        let (one_first, other_first) = (candidates(&index(), one), candidates(&index(), other));
        assert!(
            one_first < 4,
            "the names one word reaches are left out: {one_first}"
        );
        let index = index();
        for _ in 0..2 {
            assert_eq!(candidates(&index, one), one_first);
            assert_eq!(candidates(&index, other), other_first);
        }
    }

    /// The names a search marks are unmarked whether they are few against the bit sets (one
    /// at a time) or many (the bit sets whole).
    #[test]
    fn reached_names_are_unmarked_few_or_many() {
        for marked in [3usize, 5_000] {
            let mut reached = ReachedNames::default();
            reached.reset(100_000);
            let names: Vec<NameId> = (0..marked).map(|i| NameId((i * 19) as u32)).collect();
            for &name in names.iter().chain(&names[..marked / 2]) {
                reached.mark(name);
            }
            assert_eq!(reached.again_count, marked / 2);
            reached.clear(2 * marked - marked / 2, names.iter().copied());
            assert!(
                reached.once.iter().chain(&reached.again).all(|&w| w == 0),
                "{marked}"
            );
        }
    }

    #[test]
    fn the_postings_either_filter_may_hold_are_noted_in_order_whatever_came_before() {
        let posting = |name: u32| Posting {
            name: NameId(name),
            unit: UnitSpan { start: 0, len: 1 },
            schema: Schema::Person,
            weight: 1.0,
            transliterated: false,
        };
        let (mut others, mut passing) = (NameFilter::default(), NameFilter::default());
        others.insert(NameId(7));
        passing.insert(NameId(9));
        let may_hold = |name: u32| others.may_hold(NameId(name)) || passing.may_hold(NameId(name));
        let mut noted = Vec::new();
        // A long list first, so that the shorter one after it finds `noted` longer than itself.
        let long: Vec<Posting> = (0..5_000).map(posting).collect();
        let expected: Vec<u32> = (0..5_000).filter(|&n| may_hold(n)).collect();
        assert!(expected.contains(&7) && expected.contains(&9));
        assert_eq!(
            noted_by_filters(&long, [&others, &passing], &mut noted),
            expected
        );
        let short: Vec<Posting> = [3, 9, 4, 7, 7].into_iter().map(posting).collect();
        let expected: Vec<u32> = (0..5)
            .filter(|&i| may_hold(short[i as usize].name.0))
            .collect();
        assert_eq!(&expected[..3], [1, 3, 4]);
        assert_eq!(
            noted_by_filters(&short, [&others, &passing], &mut noted),
            expected
        );
        let empty = NameFilter::default();
        assert!(noted_by_filters(&short, [&empty, &empty], &mut noted).is_empty());
    }

    fn top(index: &Index, name: &str, schema: Option<Schema>) -> Option<(String, bool)> {
        let q = Query {
            name: name.into(),
            schema,
            ..Query::default()
        };
        index
            .search(&q, &SearchOptions::default())
            .first()
            .map(|h| (h.entity.provenance.reference.clone(), h.is_match))
    }

    #[test]
    fn finds_spellings_of_listed_names() {
        let idx = index();
        let org = Some(Schema::Organization);
        assert_eq!(
            top(&idx, "Lashkar e-Tayyiba", org),
            Some(("QDe.118".into(), true))
        );
        assert_eq!(
            top(&idx, "LASHKAR E-TAIBA", org),
            Some(("QDe.118".into(), true))
        );
        assert_eq!(
            top(&idx, "Jaamat-u-Dawa", org),
            Some(("QDe.118".into(), true))
        );
        assert_eq!(top(&idx, "LeT", org), Some(("QDe.118".into(), true)));
        assert_eq!(
            top(&idx, "Lashkar-i-Jhangvi", org),
            Some(("QDe.096".into(), true))
        );
        assert_eq!(
            top(&idx, "Hafiz Mohammed Saeed", None),
            Some(("QDi.263".into(), true))
        );
        assert_eq!(
            top(&idx, "Saeed Hafiz Muhammad", None),
            Some(("QDi.263".into(), true))
        );
    }

    #[test]
    fn an_abbreviation_with_another_letter_is_another_name() {
        let idx = Index::build(vec![entity(
            "11620",
            Schema::Organization,
            &["NPC INTERNATIONAL LIMITED"],
        )]);
        let org = Some(Schema::Organization);
        assert_eq!(
            top(&idx, "NPC International Inc.", org),
            Some(("11620".into(), true))
        );
        assert_ne!(
            top(&idx, "NPK International Inc.", org).map(|(_, matched)| matched),
            Some(true)
        );
    }

    #[test]
    fn does_not_match_on_one_shared_word() {
        let idx = index();
        for name in [
            "Pakistan",
            "Taiba Hospital",
            "Dawa Pharmaceuticals",
            "Muhammad Saeed Khan",
        ] {
            let q = Query {
                name: name.into(),
                ..Query::default()
            };
            let hits = idx.search(&q, &SearchOptions::default());
            assert!(
                hits.iter().all(|h| !h.is_match),
                "{name}: {:?}",
                hits.iter()
                    .map(|h| (h.matched_name, h.score))
                    .collect::<Vec<_>>()
            );
        }
    }

    /// A word in Arabic script weighs as the commonest Latin spelling it resembles: the lists'
    /// own original-script names make "ahmd" a rare word, but أحمد is Ahmad, which thousands of
    /// people are called. So a two-word query of common words leaving out the middle of a listed
    /// name needs a date of birth, in Arabic script as in Latin.
    #[test]
    fn arabic_script_words_weigh_as_common_as_their_latin_spellings() {
        let mut entities: Vec<Entity> = (0..60)
            .map(|i| {
                let first = if i % 2 == 0 { "Ahmad" } else { "Yusuf" };
                let last: String = format!("{i:03}")
                    .bytes()
                    .map(|d| char::from(b'k' + (d - b'0')))
                    .collect();
                entity(
                    &format!("C{i}"),
                    Schema::Person,
                    &[&format!("{first} Q{last}")],
                )
            })
            .collect();
        entities.push(entity("AR1", Schema::Person, &["أحمد يوسف الكبيسي"]));
        entities.push(entity("T1", Schema::Person, &["Ahmad HASAN YUSUF"]));
        let idx = Index::build(entities);
        for query in ["Yusuf Ahmad", "يوسف أحمد"] {
            let t1 = idx
                .search(&Query::name(query), &SearchOptions::default())
                .into_iter()
                .find(|h| h.entity.provenance.reference == "T1")
                .map(|h| (h.score, h.is_match));
            assert!(t1.is_none_or(|(_, is_match)| !is_match), "{query}: {t1:?}");
        }
    }

    /// Arabic-script queries against lists that carry only Latin spellings: compounds written
    /// together, the article's lam that Latin drops, a waw read as a vowel, two-letter words,
    /// and letters in their presentation forms.
    #[test]
    fn arabic_script_finds_latin_spellings() {
        let idx = Index::build(vec![
            entity("YEi.001", Schema::Person, &["ABD AL-KHALIQ AL-HOUTHI"]),
            entity(
                "TAi.058",
                Schema::Person,
                &["NOORUDDIN TURABI MUHAMMAD QASIM"],
            ),
            entity("TAi.999", Schema::Person, &["GUL AGHA ISHAKZAI"]),
            entity("QDi.999", Schema::Person, &["MOHAMMAD MASOOD AZHAR"]),
            entity("QDi.998", Schema::Person, &["IMED BEN MEKKI ZARKAOUI"]),
            entity("QDi.997", Schema::Person, &["Muhammad Abd-al-Karim"]),
            entity("QDi.434", Schema::Person, &["MAULAWI RAJAB"]),
            entity("QDi.076", Schema::Person, &["ISAM ALI MOHAMED ALOUCHE"]),
            entity("IQi.999", Schema::Person, &["TAHA MUHYI-AL-DIN MA'RUF"]),
            entity("TAi.082", Schema::Person, &["ABDUL-HAQ WASSIQ"]),
            entity("QDi.996", Schema::Person, &["Abdallah RAJAB"]),
        ]);
        for (query, expected) in [
            ("عبدالخالق الحوثي", "YEi.001"),
            ("نورالدین ترابی محمد قاسم", "TAi.058"),
            ("كُل آغا اسحاقزی", "TAi.999"),
            ("محمد ﻤﺴﻌﻮﺩ اظهر", "QDi.999"),
            ("عماد بن مكي زرقاوي", "QDi.998"),
            ("مولوي رجب", "QDi.434"),
            ("عصام علي محمد علوش", "QDi.076"),
            ("طه محي الدين معروف", "IQi.999"),
            ("عبد الحق وثيق", "TAi.082"),
        ] {
            assert_eq!(
                top(&idx, query, None),
                Some((expected.to_string(), true)),
                "{query}"
            );
        }
    }

    #[test]
    fn a_fathers_name_after_son_of_counts_little() {
        let idx = Index::build(vec![
            entity("TAi.034", Schema::Person, &["Haji Gulab Gul"]),
            entity("TAi.051", Schema::Person, &["ABDUL HAQ"]),
        ]);
        assert_eq!(
            top(&idx, "حاجی گلاب گل ولد حاجی حضرت گل", None),
            Some(("TAi.034".to_string(), true))
        );
        assert_eq!(
            top(&idx, "Abdul Haq walad Mohammad Anwar Khan", None),
            Some(("TAi.051".to_string(), true))
        );
    }

    /// Latin queries against names listed only in Hebrew or Arabic script: the same other
    /// readings as for queries in those scripts.
    #[test]
    fn latin_finds_names_listed_without_vowels() {
        let idx = Index::build(vec![
            entity("H1", Schema::Person, &["פרנסיס בל"]),
            entity("A1", Schema::Person, &["مسعود ازهر"]),
            entity("A2", Schema::Person, &["كُل آغا اسحاقزی"]),
        ]);
        for (query, expected) in [
            ("Francis Bell", "H1"),
            ("Masood Azhar", "A1"),
            ("Gul Agha Ishakzai", "A2"),
        ] {
            assert_eq!(
                top(&idx, query, None).map(|(r, _)| r),
                Some(expected.to_string()),
                "{query}"
            );
        }
    }

    /// A run of Han syllables and the same letters written as one Latin word are two entries
    /// of the vocabulary: one must not hide the other, whichever comes first.
    #[test]
    fn han_syllables_and_a_latin_word_of_the_same_letters_both_reach() {
        let idx = Index::build(vec![
            entity("A", Schema::Person, &["陳浩然"]),
            entity("B", Schema::Person, &["Hú Hàorán"]),
        ]);
        assert_eq!(top(&idx, "胡浩然", None), Some(("B".to_string(), true)));
        assert_eq!(top(&idx, "陈浩然", None), Some(("A".to_string(), true)));
    }

    /// Korean names in Hangul against the lists' McCune-Reischauer spellings.
    #[test]
    fn hangul_finds_the_lists_spellings() {
        let idx = Index::build(vec![
            entity("KPi.001", Schema::Person, &["KIM JONG UN"]),
            entity("KPi.002", Schema::Person, &["CHOE CHUN YONG"]),
            entity("KPi.003", Schema::Person, &["PAEK CHANG-HO"]),
        ]);
        for (query, expected) in [
            ("김정은", "KPi.001"),
            ("최춘영", "KPi.002"),
            ("백창호", "KPi.003"),
        ] {
            assert_eq!(
                top(&idx, query, None),
                Some((expected.to_string(), true)),
                "{query}"
            );
        }
    }

    /// Three hundred listed people who share a query's common words ("Mohammed Ali"), born in
    /// different years, of different nationalities, a third with an alias, some of them UN
    /// entries that other lists' entries share a target with.
    fn crowd() -> Vec<Entity> {
        let given = [
            "Mohammed Ali",
            "Muhammad Ali",
            "Mohamed Ali",
            "Mohammad Aly",
            "Mohammed Alli",
            "Ali",
        ];
        let surnames = [
            "Rahimi", "Rahimy", "Raheemi", "Rahimie", "Rahime", "Rahemi", "Rahmi", "Karimi",
            "Rachimi", "Rahimee", "Hashimi",
        ];
        let countries = ["Afghanistan", "Pakistan", "Iran", "Iraq"];
        (0..400)
            .map(|i| {
                let primary = format!("{} {}", given[i % 6], surnames[i % 11]);
                let alias = format!("{} {}", given[(i + 1) % 6], surnames[(i + 3) % 11]);
                let names: Vec<&str> = if i % 3 == 0 {
                    vec![&primary, &alias]
                } else {
                    vec![&primary]
                };
                let list = if i % 50 < 2 { "un-sc" } else { "other" };
                let reference = format!("R{}", i % 7);
                let mut e =
                    crate::test_support::entity_on(list, "1", &reference, Schema::Person, &names);
                e.provenance.record_id = i.to_string();
                e.id = format!("{list}:{i}");
                if list != "un-sc" && i % 7 == 0 {
                    e.external_refs.push(interdict_model::ExternalRef {
                        list: "un-sc".into(),
                        reference: reference.clone(),
                    });
                }
                let date = format!("{}-0{}-1{}", 1960 + (i * 7) % 21, 1 + i % 4, i % 10);
                e.birth_dates = interdict_model::PartialDate::parse(&date)
                    .into_iter()
                    .map(interdict_model::BirthDate::on)
                    .collect();
                e.nationalities = vec![interdict_model::Country::from_text(countries[i % 4])];
                e
            })
            .collect()
    }

    /// A search's hits as a comparable text: entries, matched names, scores and the entries
    /// listed with them.
    fn hits_of(index: &Index, query: &Query, limit: usize) -> Vec<String> {
        let options = SearchOptions {
            limit,
            ..SearchOptions::default()
        };
        index
            .search(query, &options)
            .iter()
            .map(|h| {
                let also: Vec<String> = h
                    .also_listed
                    .iter()
                    .map(|a| format!("{}:{}", a.entity.id.as_str(), a.score))
                    .collect();
                format!(
                    "{} {:?} {} {} {also:?}",
                    h.entity.id.as_str(),
                    h.matched_name,
                    h.score,
                    h.is_match
                )
            })
            .collect()
    }

    /// When many names pass the bound, the search scores those with the highest bounds first
    /// and then leaves out the names that cannot reach the last result it returns: the same
    /// hits, explanations aside, at every limit, with fewer names aligned.
    #[test]
    fn scoring_the_highest_bounds_first_changes_no_hit_and_aligns_fewer_names() {
        let mut index = Index::build(crowd());
        let mut queries = Vec::new();
        for (name, born, country) in [
            ("Mohammed Ali Rahimi", "1970-03-13", "Afghanistan"),
            ("Muhammad Ali Rahimy", "1964", "Iran"),
            ("Mohammad Aly Raheemi", "1975-02", "Pakistan"),
            ("Ali Rahimi", "1980", "Iraq"),
        ] {
            let mut q = Query::name(name);
            q.born_on(interdict_model::PartialDate::parse(born).unwrap());
            q.countries = interdict_model::CountryCode::resolve(country)
                .into_iter()
                .collect();
            queries.push(q.clone());
            q.countries.clear();
            queries.push(q.clone());
            q.birth_dates.clear();
            queries.push(q);
        }
        let (mut fewer, mut more) = (0, 0);
        for limit in [1, 3, 5, 20] {
            for query in &queries {
                index.probe_from(usize::MAX);
                crate::take_search_counts();
                let all = hits_of(&index, query, limit);
                let scored_all = crate::take_search_counts().aligned;
                index.probe_from(0);
                let probed = hits_of(&index, query, limit);
                let scored_probed = crate::take_search_counts().aligned;
                assert_eq!(probed, all, "{:?} at limit {limit}", query.name);
                assert!(
                    scored_probed <= scored_all,
                    "{:?} at limit {limit}",
                    query.name
                );
                fewer += usize::from(scored_probed < scored_all);
                more += usize::from(!all.is_empty());
            }
        }
        assert!(more > 30, "the queries find something: {more}");
        assert!(
            fewer > 10,
            "scoring the highest bounds first aligns fewer names in {fewer} searches"
        );
    }

    /// `count` people listed on the list "other", each with the names `names` gives for its
    /// number, and an id of its own.
    fn people_named(count: usize, names: impl Fn(usize) -> Vec<String>) -> Vec<Entity> {
        (0..count)
            .map(|i| {
                let names = names(i);
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let reference = format!("R{i}");
                let mut e = crate::test_support::entity_on(
                    "other",
                    "1",
                    &reference,
                    Schema::Person,
                    &names,
                );
                e.id = format!("other:{i}");
                e
            })
            .collect()
    }

    /// An entity's names still to be scored hold its result back only while they may change
    /// it: an alias that no posting of the query reaches never does, nor one whose bound stays
    /// under the entity's best name score, so people listed with one settle as soon as their
    /// names that resemble the query most are scored.
    #[test]
    fn an_alias_that_cannot_change_the_result_does_not_hold_its_entity_back() {
        let surnames = ["Rahimi", "Rahimy", "Raheemi", "Rahmi", "Karimi", "Hashimi"];
        let mut aligned = Vec::new();
        for alias in ["Zbigniew Brzezinski", "Mohammed Ali Brzezinski"] {
            let people = people_named(300, |i| {
                let primary = format!("Mohammed Ali {}", surnames[i % surnames.len()]);
                vec![primary, alias.to_string()]
            });
            let mut index = Index::build(people);
            let query = Query::name("Mohammed Ali Rahimi");
            for limit in [1, 5] {
                index.probe_from(usize::MAX);
                crate::take_search_counts();
                let all = hits_of(&index, &query, limit);
                let scored_all = crate::take_search_counts().aligned;
                index.probe_from(0);
                let probed = hits_of(&index, &query, limit);
                let scored_probed = crate::take_search_counts().aligned;
                assert_eq!(probed, all, "{alias:?} at limit {limit}");
                assert_eq!(all.len(), limit);
                assert!(
                    scored_probed < scored_all,
                    "{alias:?} at limit {limit}: {scored_probed} names aligned, of {scored_all}"
                );
                aligned.push((limit, scored_probed));
            }
        }
        // The alias that shares two words with the query is scored no more than the other.
        assert_eq!(aligned[..2], aligned[2..]);
    }

    /// A name whose entry's nationalities are all others than the query's countries, so that
    /// it cannot reach the floor with that contradiction, is judged on its shape: the entry is
    /// not read. With the entries' own country the same names are found.
    #[test]
    fn an_entry_of_another_nationality_is_not_read_for_a_name_it_keeps_under_the_floor() {
        let mut people = people_named(40, |_| vec!["Mohammed Ali Rahimi".to_string()]);
        for e in &mut people {
            e.nationalities = vec![interdict_model::Country::from_text("Iran")];
            e.birth_dates = vec![interdict_model::BirthDate::on(
                interdict_model::PartialDate::parse("1970").unwrap(),
            )];
        }
        let index = Index::build(people);
        let options = SearchOptions {
            min_score: 0.85,
            ..SearchOptions::default()
        };
        for (country, found) in [("Iran", true), ("United States", false)] {
            let mut query = Query::name("Mohammed Ali Rahimy");
            query.born_on(interdict_model::PartialDate::parse("1970").unwrap());
            query.countries = interdict_model::CountryCode::resolve(country)
                .into_iter()
                .collect();
            crate::take_search_counts();
            let hits = index.search(&query, &options);
            let read = crate::take_search_counts().entries_read;
            assert_eq!(!hits.is_empty(), found, "{country}");
            assert_eq!(read > 0, found, "{country}: {read} entries read");
        }
    }

    /// A date of birth or country finding's effect, up to the strongest confirmation `most`.
    fn attribute_effect(most: f32) -> impl proptest::strategy::Strategy<Value = Option<Effect>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(None),
            (0.0f32..=most).prop_map(|e| Some(Effect::Confirms(e))),
            (0.0f32..=0.6).prop_map(|c| Some(Effect::Contradicts(c))),
        ]
    }

    proptest::proptest! {
        /// What scoring the highest bounds first rests on: a name score no higher than the
        /// least that stays under a floor with the strongest confirmations ranks under that
        /// floor ([`Ranked::uncontradicted`]), whatever its entry's date of birth and country
        /// findings, a country's contradiction left out of the ranking included.
        #[test]
        fn a_name_under_the_least_score_ranks_under_the_floor(
            name in 0.0f32..=1.0,
            floor in 0.05f32..=1.0,
            dob in attribute_effect(evidence::SAME_DATE_OF_BIRTH),
            country in attribute_effect(evidence::SAME_NATIONALITY),
        ) {
            let strongest = crate::score::Confirmable {
                birth_date: true,
                country: true,
            };
            let least = crate::score::least_name_score(strongest, &[], floor);
            proptest::prop_assume!(name <= least);
            let findings: Vec<(&'static str, Finding)> = [("dob", dob), ("country", country)]
                .into_iter()
                .filter_map(|(label, e)| e.map(|e| (label, crate::test_support::finding(e))))
                .collect();
            let refs: Vec<&Finding> = findings.iter().map(|(_, f)| f).collect();
            let (score, deltas) = combine(name, &refs);
            let ranked = Ranked {
                score,
                entity: EntityIx(0),
                scored: Scored {
                    name_id: NameId(0),
                    name: NameScore::default(),
                    alignment: Alignment::default(),
                },
                findings,
                deltas,
            };
            proptest::prop_assert!(
                ranked.uncontradicted() < floor,
                "{} ranks at {} for a floor of {floor}",
                name,
                ranked.uncontradicted()
            );
        }
    }

    #[test]
    fn schema_filters_candidates() {
        let idx = index();
        assert_eq!(
            top(&idx, "Hafiz Muhammad Saeed", Some(Schema::Organization)),
            None
        );
    }

    #[test]
    fn unit_helpers_agree() {
        let p = PreparedName::new("a b", false, |_, c| c.prior_weight(false));
        assert_eq!(unit_spans(&p.tokens).len(), 3);
        assert!(min_similarity(3, 10) > min_similarity(10, 10));
    }
}
