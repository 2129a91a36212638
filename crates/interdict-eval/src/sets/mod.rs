//! Labelled query sets built from the real lists and name resources: each generator reads the
//! reference folder and returns rows in the screening input format plus `expected_ref` and
//! `variant`, so `interdict eval` can score them.
//!
//! | set | rows | what it measures |
//! |---|---|---|
//! | `typos` | listed people, with date of birth and nationality, written with typos and other everyday changes | recall on unseen spellings |
//! | `attributes` | namesakes with a contradicting date of birth and nationality; passports with name variants; swapped day and month | that attributes decide |
//! | `arabic_script` | listed people in Arabic script: the lists' own original-script names, and Latin names rendered word by word from transliteration corpora | cross-script recall (run with `--without-original-script`) |
//! | `scripts` | Wikidata and common-name pairs in Cyrillic, Greek, Hebrew, Arabic, Han, Hangul, kana and Devanagari against a list of their Latin forms, and the other way round | transliteration |
//! | `organisations` | listed organisations with legal forms abbreviated, expanded, added or dropped and typos; real company names that are not listed | legal forms and generic words |
//! | `vessels` | listed vessels with "MV" prefixes, name typos and IMO numbers; same names with other IMO numbers | identifiers decide |
//! | `negatives` | 50,000 synthetic people from many cultures and scripts with date of birth and nationality | false alarms on common names |
//! | `crowded_pk` | 20,000 ordinary Pakistani customers (Muhammad, Ali, Khan, ...) with full date of birth and nationality | false alarms where a few names are everyone's |

pub mod arabic;
pub mod crowded;
pub mod listed;
pub mod negatives;
pub mod pairs;
pub mod scripts;

use crate::rng::Rng;
use interdict_model::{DateValue, Entity, NameKind, PartialDate};
use std::path::{Path, PathBuf};

/// Why a set could not be built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A resource file is missing.
    #[error("{0}: not found (the reference folder holds data/ and eval/)")]
    Missing(PathBuf),
    /// A resource could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A list could not be loaded.
    #[error(transparent)]
    List(#[from] interdict_lists::Error),
    /// A resource line is not in the expected shape.
    #[error("{path}:{line}: {message}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What was expected.
        message: String,
    },
}

/// The reference folder with the lists (`data/`) and name resources (`data/names/`).
#[derive(Debug, Clone)]
pub struct Resources {
    root: PathBuf,
}

impl Resources {
    /// Resources under `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Resources { root: root.into() }
    }

    /// A path under `data/`, which must exist.
    pub fn data(&self, relative: &str) -> Result<PathBuf, Error> {
        let p = self.root.join("data").join(relative);
        if p.exists() {
            Ok(p)
        } else {
            Err(Error::Missing(p))
        }
    }

    /// A text file under `data/`, decoded as UTF-8 (a leading byte-order mark removed).
    pub fn text(&self, relative: &str) -> Result<String, Error> {
        let path = self.data(relative)?;
        let bytes = std::fs::read(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(text.trim_start_matches('\u{feff}').to_string())
    }

    /// The entities of a list file or folder.
    pub fn list(&self, relative: &str) -> Result<Vec<Entity>, Error> {
        let path = self.data(relative)?;
        Ok(interdict_lists::load(&path)?
            .into_iter()
            .flat_map(|l| l.entities)
            .collect())
    }
}

/// The lists the sets are drawn from and screened against: UN, OFAC SDN and UK.
pub const REFERENCE_LISTS: [&str; 3] = [
    "un/un_consolidated_2025-04-19.xml",
    "ofac/legacy_csv_2021-07",
    "uk/ofsi_conlist_csv_2018-04-13.csv",
];

/// A labelled set: a name, its columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSet {
    /// File stem (`typos` is written as `typos.csv`).
    pub name: String,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl LabelledSet {
    /// An empty set with the given columns.
    pub fn new(name: &str, columns: &[&'static str]) -> Self {
        LabelledSet {
            name: name.to_string(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row from (column, value) pairs; columns not given are left empty.
    pub fn push(&mut self, values: &[(&str, &str)]) {
        let row = self
            .columns
            .iter()
            .map(|c| {
                values
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default()
            })
            .collect();
        self.rows.push(row);
    }

    /// Writes `<dir>/<name>.csv`.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join(format!("{}.csv", self.name));
        let mut w = csv::Writer::from_path(&path)?;
        w.write_record(&self.columns)?;
        for r in &self.rows {
            w.write_record(r)?;
        }
        w.flush()?;
        Ok(path)
    }
}

/// The `list:ref` form of an entity's reference, which `interdict eval` accepts.
pub fn list_ref(e: &Entity) -> String {
    format!("{}:{}", e.provenance.list, e.provenance.reference)
}

/// Finds the entries of other lists for the same target, so that a labelled row accepts any of
/// them: entries that quote the same UN reference; entries of the same kind that share a name
/// (words in any order) and a year of birth, or share a name of three or more words when one
/// side has no date of birth; and people with the same full date of birth whose names are
/// spellings of each other (scored 0.9 or more by the matcher, Kathim/Kazim).
#[derive(Debug, Default)]
pub struct SameTarget {
    refs: Vec<String>,
    un: Vec<Option<String>>,
    schemas: Vec<interdict_model::Schema>,
    years: Vec<Vec<u16>>,
    by_name: std::collections::HashMap<String, Vec<usize>>,
    by_un: std::collections::HashMap<String, Vec<usize>>,
    by_ref: std::collections::HashMap<String, usize>,
    /// Full dates of birth of people -> entities.
    by_dob: std::collections::HashMap<String, Vec<usize>>,
    /// Names per entity, for comparing spellings.
    names: Vec<Vec<String>>,
}

/// A name reduced to its sorted words (transliterated, without accents), for finding the same
/// name on other lists.
pub(crate) fn name_key(name: &str) -> String {
    let mut words: Vec<String> = interdict_names::tokenize(name)
        .into_iter()
        .map(|t| t.text)
        .collect();
    words.sort_unstable();
    words.join(" ")
}

impl SameTarget {
    /// Indexes every entity of the lists.
    pub fn new(lists: &[Vec<Entity>]) -> Self {
        let mut s = SameTarget::default();
        for e in lists.iter().flatten() {
            let i = s.refs.len();
            s.refs.push(list_ref(e));
            s.by_ref.insert(list_ref(e), i);
            let un = if e.provenance.list == "un-sc" {
                Some(e.provenance.reference.clone())
            } else {
                e.external_refs
                    .iter()
                    .find(|r| r.list == "un-sc")
                    .map(|r| r.reference.clone())
            };
            if let Some(u) = &un {
                s.by_un.entry(u.clone()).or_default().push(i);
            }
            s.un.push(un);
            s.schemas.push(e.schema);
            s.years.push(
                e.birth_dates
                    .iter()
                    .filter_map(|b| b.value)
                    .flat_map(|v| {
                        let (a, b) = v.year_range();
                        a..=b
                    })
                    .collect(),
            );
            if e.schema == interdict_model::Schema::Person {
                for b in &e.birth_dates {
                    if let Some(DateValue::On { date }) = b.value {
                        if date.is_full() {
                            s.by_dob.entry(date.to_string()).or_default().push(i);
                        }
                    }
                }
            }
            s.names.push(
                e.names
                    .iter()
                    .filter(|n| n.kind != NameKind::WeakAlias)
                    .map(|n| n.full.clone())
                    .collect(),
            );
            let mut keys: Vec<String> = e.names.iter().map(|n| name_key(&n.full)).collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                s.by_name.entry(k).or_default().push(i);
            }
        }
        s
    }

    /// The `expected_ref` value for an entity: its own `list:ref` and those of the same target
    /// on the other lists, separated by ';'.
    pub fn expected(&self, e: &Entity) -> String {
        let own = list_ref(e);
        let Some(&i) = self.by_ref.get(&own) else {
            return own;
        };
        let mut out = vec![own.clone()];
        let add = |j: usize, out: &mut Vec<String>| {
            if !out.contains(&self.refs[j]) {
                out.push(self.refs[j].clone());
            }
        };
        if let Some(u) = &self.un[i] {
            for &j in self.by_un.get(u).into_iter().flatten() {
                add(j, &mut out);
            }
        }
        for n in &e.names {
            let key = name_key(&n.full);
            for &j in self.by_name.get(&key).into_iter().flatten() {
                if j == i || self.schemas[j] != self.schemas[i] {
                    continue;
                }
                let (a, b) = (&self.years[i], &self.years[j]);
                let same = if a.is_empty() || b.is_empty() {
                    key.split(' ').count() >= 3
                } else {
                    a.iter().any(|y| b.contains(y))
                };
                if same {
                    add(j, &mut out);
                }
            }
        }
        let dobs = e.birth_dates.iter().filter_map(|b| match b.value {
            Some(DateValue::On { date }) if date.is_full() => Some(date.to_string()),
            _ => None,
        });
        for dob in dobs {
            for &j in self.by_dob.get(&dob).into_iter().flatten() {
                let spelled = self.names[i].iter().any(|a| {
                    self.names[j].iter().any(|b| {
                        interdict_match::compare(a, b, Some(interdict_model::Schema::Person)).score
                            >= 0.9
                    })
                });
                if j != i && spelled {
                    add(j, &mut out);
                }
            }
        }
        out.join(";")
    }
}

/// A date of birth as a query would give it: the listed date, or a year within a listed range.
pub fn query_dob(e: &Entity, rng: &mut Rng) -> Option<String> {
    let values: Vec<DateValue> = e.birth_dates.iter().filter_map(|b| b.value).collect();
    if values.is_empty() {
        return None;
    }
    Some(match values[rng.below(values.len())] {
        DateValue::On { date } => date.to_string(),
        DateValue::Between { from, to } => {
            let span = usize::from(to.year.saturating_sub(from.year));
            PartialDate::year(from.year + rng.below(span + 1) as u16).to_string()
        }
    })
}

/// A nationality as a query would give it (ISO code), from nationalities or, failing that, the
/// other countries.
pub fn query_country(e: &Entity) -> Option<String> {
    e.nationalities
        .iter()
        .chain(&e.countries)
        .find_map(|c| c.code)
        .map(|c| c.to_string())
}

/// Whether every letter of `s` is Latin (so it can take a Latin-script typo).
pub fn is_latin(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// The names of an entity a query could be written from: primary and strong aliases in Latin
/// script with at least `min_words` words.
pub fn usable_names(e: &Entity, min_words: usize) -> Vec<&str> {
    e.names
        .iter()
        .filter(|n| matches!(n.kind, NameKind::Primary | NameKind::Alias))
        .map(|n| n.full.as_str())
        .filter(|n| is_latin(n) && n.split_whitespace().count() >= min_words)
        .collect()
}

/// Takes up to `n` items in a random order.
pub fn sample<T: Clone>(items: &[T], n: usize, rng: &mut Rng) -> Vec<T> {
    let mut v = items.to_vec();
    rng.shuffle(&mut v);
    v.truncate(n);
    v
}
