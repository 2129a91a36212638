//! Loading the lists to screen against: files given with `--list`, else the active versions in
//! the data directory. The built-in sample serves only when asked for (`--sample`) or for the
//! first-run demo of one name; everything else refuses to run without real lists.

use crate::note;
use anyhow::{bail, Context, Result};
use interdict_lists::{ListMeta, ParsedList};
use interdict_match::Index;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The hand-written sample in the official UN format used when no list is given.
const SAMPLE: &[u8] = include_bytes!("../../../examples/un_sample.xml");
/// List name given to the sample, so that its results can never pass for the real list's.
pub const SAMPLE_LIST: &str = "un-sc-sample";

/// Where the lists to screen against come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--list` files, else the data directory; without either, refuse.
    Real,
    /// As `Real`, but without either use the sample, with a warning: the first-run demo of
    /// one name only.
    RealOrDemo,
    /// The built-in sample (`--sample`).
    Sample,
}

impl Source {
    /// `Sample` when `--sample` was given, else `otherwise`.
    pub fn chosen(sample: bool, otherwise: Source) -> Source {
        if sample {
            Source::Sample
        } else {
            otherwise
        }
    }
}

/// Lists loaded and indexed for screening.
pub struct Loaded {
    /// The index over all their entities.
    pub index: Index,
    /// Which lists and versions.
    pub lists: Vec<ListMeta>,
}

impl Loaded {
    /// Ends the index's use when the process ends next: the system takes the memory back at
    /// once, where freeing the index piece by piece takes tens of milliseconds.
    pub fn release(self) {
        std::mem::forget(self);
    }

    /// "un-sc 2025-04-19 (877 entries)" for each list, joined.
    pub fn describe(&self) -> String {
        let all = self.index.list_counts();
        let counts = |list: &str, version: &str| {
            all.iter()
                .filter(|(l, v, _)| *l == list && *v == version)
                .map(|(_, _, n)| n)
                .sum::<usize>()
        };
        self.lists
            .iter()
            .map(|m| {
                format!(
                    "{} {} ({} entries)",
                    m.list,
                    m.version,
                    counts(&m.list, &m.version)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether these are the built-in sample rather than real lists.
    pub fn is_sample(&self) -> bool {
        self.lists.iter().any(|m| m.list == SAMPLE_LIST)
    }

    /// Why each list that should not be relied on as current is so: retired, or older than its
    /// authority's publication cycle.
    pub fn staleness(&self) -> Vec<String> {
        let today = interdict_lists::registry::today();
        self.lists
            .iter()
            .filter_map(|m| {
                interdict_lists::registry::staleness(
                    &m.list,
                    &m.version,
                    m.published.as_deref(),
                    today,
                )
            })
            .collect()
    }

    /// Prints the staleness warnings on standard error.
    pub fn warn_if_stale(&self) {
        for w in self.staleness() {
            note!("warning: {w}");
        }
    }
}

/// Where lists were looked for and not found, for messages.
fn where_looked(data_dir: Option<&Path>) -> String {
    let place = match data_dir {
        Some(d) if !d.exists() => format!(
            "the data directory {} does not exist (check --data-dir or INTERDICT_DATA)",
            d.display()
        ),
        Some(d) => format!(
            "no lists are imported in the data directory {}",
            d.display()
        ),
        None => "no data directory was found (set --data-dir or INTERDICT_DATA)".to_string(),
    };
    format!("no --list was given and {place}")
}

/// How to get lists, for messages.
const HOW_TO_GET_LISTS: &str = "Run `interdict lists fetch` to download the official lists, or \
    `interdict lists import FILE...` for files you have, or pass --list FILE";

/// The error for a command that needs real lists and has none: where it looked, and how to
/// get lists.
fn no_lists(data_dir: Option<&Path>) -> anyhow::Error {
    anyhow::anyhow!(
        "no sanctions lists to screen against: {}. {HOW_TO_GET_LISTS}. (--sample uses a built-in \
         sample of a few UN entries, for trying interdict out only.)",
        where_looked(data_dir)
    )
}

/// The built-in sample, labelled so that its results can never pass for the real list's.
fn sample() -> Result<ParsedList> {
    let mut sample = interdict_lists::parse_bytes("examples/un_sample.xml", SAMPLE)
        .context("the built-in sample list is damaged")?;
    sample.meta.list = SAMPLE_LIST.to_string();
    for e in &mut sample.entities {
        e.provenance.list = SAMPLE_LIST.to_string();
        e.id = format!("{SAMPLE_LIST}:{}", e.provenance.record_id);
    }
    Ok(sample)
}

/// The active lists of the data directory, if it exists and has any.
fn imported(data_dir: Option<&Path>) -> Result<Vec<ParsedList>> {
    let Some(dir) = data_dir else {
        return Ok(Vec::new());
    };
    if !dir.join("interdict.db").exists() {
        return Ok(Vec::new());
    }
    let store = interdict_store::Store::open(dir)?;
    Ok(store.load_active()?)
}

/// Loads the given list files; without any, the lists imported into the data directory (from
/// their index snapshot when one was written for exactly the active versions); without those,
/// the built-in sample or an error, as `source` says.
pub fn load(paths: &[PathBuf], data_dir: Option<&Path>, source: Source) -> Result<Loaded> {
    if source == Source::Sample {
        if !paths.is_empty() {
            bail!("--sample and --list exclude each other: give one");
        }
        return load_with(paths, data_dir, source, |_| {});
    }
    if paths.is_empty() {
        if let Some(snapshot) = data_dir.map(Snapshot::of).transpose()?.flatten() {
            match snapshot.read() {
                Ok(loaded) => return Ok(loaded),
                Err(why) => {
                    if snapshot.index().exists() {
                        note!(
                            "warning: {}: {why}; indexing the lists again",
                            snapshot.index().display()
                        );
                    }
                }
            }
            let loaded = load_with(paths, data_dir, source, |_| {})?;
            if let Err(e) = snapshot.write(&loaded) {
                note!("warning: cannot keep an index snapshot: {e:#}");
            }
            return Ok(loaded);
        }
    }
    load_with(paths, data_dir, source, |_| {})
}

/// The index snapshot of the data directory's active list versions (`interdict_store`'s),
/// read and written with the command's notes.
pub struct Snapshot(interdict_store::IndexSnapshot);

impl Snapshot {
    /// The snapshot for the active versions of the data directory, if it has any.
    pub fn of(dir: &Path) -> Result<Option<Snapshot>> {
        Ok(interdict_store::IndexSnapshot::of(dir)?.map(Snapshot))
    }

    /// Where the index is.
    pub fn index(&self) -> &Path {
        &self.0.index
    }

    /// Reads the snapshot, or says why it cannot be used.
    pub fn read(&self) -> std::result::Result<Loaded, String> {
        let started = Instant::now();
        let (index, lists) = self.0.read()?;
        if std::env::var_os("INTERDICT_TIMING").is_some() {
            note!(
                "loaded the index snapshot in {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Ok(Loaded { index, lists })
    }

    /// Writes the snapshot whole or not at all; only this one is kept (snapshots of versions
    /// no longer active are of no use).
    pub fn write(&self, loaded: &Loaded) -> Result<()> {
        Ok(self.0.write(&loaded.index, &loaded.lists, true)?)
    }
}

/// Writes the snapshot of the data directory's active versions now, so that the next start
/// reads it (called after lists are imported or activated).
pub fn prepare_snapshot(dir: &Path) {
    match Snapshot::of(dir) {
        Ok(Some(s)) if !s.index().exists() => {
            if let Err(e) = load(&[], Some(dir), Source::Real) {
                note!("warning: cannot index the active lists: {e:#}");
            }
        }
        Ok(_) => {}
        Err(e) => note!("warning: cannot keep an index snapshot: {e:#}"),
    }
}

/// Like [`load`], with every entity passed through `adjust` before indexing.
pub fn load_with(
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    source: Source,
    adjust: impl FnMut(&mut interdict_model::Entity),
) -> Result<Loaded> {
    let started = Instant::now();
    let mut parsed: Vec<ParsedList> = Vec::new();
    if source == Source::Sample {
        parsed.push(sample()?);
    } else if paths.is_empty() {
        parsed = imported(data_dir)?;
        if parsed.is_empty() {
            if source == Source::Real {
                return Err(no_lists(data_dir));
            }
            note!(
                "warning: {}: screening this one name against the built-in SAMPLE of a few UN \
                 entries (list '{SAMPLE_LIST}'), not the real sanctions lists. {HOW_TO_GET_LISTS}.",
                where_looked(data_dir)
            );
            parsed.push(sample()?);
        }
    }
    for path in paths {
        for list in interdict_lists::load(path)? {
            if !list.warnings.is_empty() {
                note!(
                    "warning: {}: {} record(s) skipped or field(s) ignored; first: {}",
                    path.display(),
                    list.warnings.len(),
                    list.warnings[0]
                );
            }
            parsed.push(list);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for p in &parsed {
        if !seen.insert((p.meta.list.clone(), p.meta.version.clone())) {
            bail!(
                "list {} version {} was given twice; pass each list once",
                p.meta.list,
                p.meta.version
            );
        }
    }
    let lists: Vec<ListMeta> = parsed.iter().map(|p| p.meta.clone()).collect();
    let mut entities: Vec<interdict_model::Entity> =
        parsed.into_iter().flat_map(|p| p.entities).collect();
    entities.iter_mut().for_each(adjust);
    let index = Index::build(entities);
    if std::env::var_os("INTERDICT_TIMING").is_some() {
        note!(
            "loaded and indexed lists in {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(Loaded { index, lists })
}
