//! Loading the lists to screen against: files given with `--list`, else the active versions in
//! the data directory, else (with a warning) the built-in sample.

use anyhow::{bail, Context, Result};
use interdict_lists::{ListMeta, ParsedList};
use interdict_match::Index;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The hand-written sample in the official UN format used when no list is given.
const SAMPLE: &[u8] = include_bytes!("../../../examples/un_sample.xml");
/// List name given to the sample, so that its results can never pass for the real list's.
pub const SAMPLE_LIST: &str = "un-sc-sample";

/// Lists loaded and indexed for screening.
pub struct Loaded {
    /// The index over all their entities.
    pub index: Index,
    /// Which lists and versions.
    pub lists: Vec<ListMeta>,
}

impl Loaded {
    /// "un-sc 2025-04-19 (877 entries)" for each list, joined.
    pub fn describe(&self) -> String {
        let counts = |list: &str, version: &str| {
            self.index
                .entities()
                .iter()
                .filter(|e| e.provenance.list == list && e.provenance.list_version == version)
                .count()
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

/// Loads the given list files; without any, the lists imported into the data directory; without
/// those, the built-in sample (with a warning).
pub fn load(paths: &[PathBuf], data_dir: Option<&Path>) -> Result<Loaded> {
    load_with(paths, data_dir, |_| {})
}

/// Like [`load`], with every entity passed through `adjust` before indexing.
pub fn load_with(
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    adjust: impl FnMut(&mut interdict_model::Entity),
) -> Result<Loaded> {
    let started = Instant::now();
    let mut parsed: Vec<ParsedList> = Vec::new();
    if paths.is_empty() {
        parsed = imported(data_dir)?;
    }
    if paths.is_empty() && parsed.is_empty() {
        eprintln!(
            "warning: no --list given and no lists imported: screening against the built-in SAMPLE \
             of a few UN entries (list '{SAMPLE_LIST}'), not the real sanctions lists. Run \
             `interdict lists fetch` or `interdict lists import FILE`, or pass --list FILE."
        );
        let mut sample = interdict_lists::parse_bytes("examples/un_sample.xml", SAMPLE)
            .context("the built-in sample list is damaged")?;
        sample.meta.list = SAMPLE_LIST.to_string();
        for e in &mut sample.entities {
            e.provenance.list = SAMPLE_LIST.to_string();
            e.id = format!("{SAMPLE_LIST}:{}", e.provenance.record_id);
        }
        parsed.push(sample);
    }
    for path in paths {
        for list in interdict_lists::load(path)? {
            if !list.warnings.is_empty() {
                eprintln!(
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
        eprintln!(
            "loaded and indexed lists in {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(Loaded { index, lists })
}
