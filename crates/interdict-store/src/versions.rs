//! Importing list versions with their checks, activating, listing, pruning and loading them.

use crate::clock::{age_in_days, now_utc};
use crate::objects::sha256_hex;
use crate::{Error, Result, Store};
use interdict_lists::{InputFile, ParsedList};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// Share of entries a new version may lose before it is refused without `force`.
pub const MAX_DROP: f64 = 0.20;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Store under this source name instead of the list's own ("un-sc", ...).
    pub source: Option<String>,
    /// Accept a version that drops many entries or comes in another format.
    pub force: bool,
    /// Where the files came from (a URL), recorded with the version; the file names when empty.
    pub origin: String,
    /// The format family the source must have (set by `fetch` from its registry).
    pub expected_format: Option<String>,
    /// Publication date (`YYYY-MM-DD`) for a list whose files carry none (the OFAC CSV set):
    /// it becomes the version label, so that versions are ordered and aged by it.
    pub published: Option<String>,
}

/// What happened to one list of an import.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportStatus {
    /// Stored; `activated` says whether it became the active version.
    Imported {
        /// Whether it is now the active version.
        activated: bool,
    },
    /// The same content was already stored as this version.
    Unchanged,
    /// Not stored; the reason.
    Refused(String),
}

/// The outcome for one list of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    /// Source name.
    pub source: String,
    /// Version label.
    pub label: String,
    /// Entries in the version.
    pub entities: usize,
    /// Entries in the version active before, if any.
    pub previous: Option<(String, usize)>,
    /// Warnings from parsing ("line 12: ..."), in file order.
    pub warnings: Vec<String>,
    /// What happened.
    pub status: ImportStatus,
}

/// A stored version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionInfo {
    /// Database id.
    pub id: i64,
    /// Source name.
    pub source: String,
    /// Version label (publication date, or `undated-...`).
    pub label: String,
    /// Publication timestamp as the file states it.
    pub published: Option<String>,
    /// When it was imported.
    pub imported_at: String,
    /// SHA-256 over its files.
    pub checksum: String,
    /// Number of entries.
    pub entities: usize,
    /// Format family.
    pub format: String,
    /// Where it came from.
    pub origin: String,
    /// Whether it is the active version of its source.
    pub active: bool,
}

/// What the last fetch of a source was told, for the next conditional request.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchState {
    /// The address fetched.
    pub url: String,
    /// The `ETag` the server sent.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent.
    pub last_modified: Option<String>,
}

/// A source and its active version.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceStatus {
    /// Source name.
    pub source: String,
    /// Format family.
    pub format: String,
    /// The active version, if any.
    pub active: Option<VersionInfo>,
    /// Number of stored versions.
    pub versions: usize,
    /// Days since the active version's publication date (or import, if undated).
    pub age_days: Option<i64>,
}

fn is_dated(label: &str) -> bool {
    label.len() == 10 && label.as_bytes()[4] == b'-' && label.as_bytes()[7] == b'-'
}

impl VersionInfo {
    /// The order of versions: by publication date (the label's date, or the stated publication
    /// timestamp), undated versions by their import date; ties by import.
    fn order_key(&self) -> (i64, &str, i64) {
        let day = interdict_model::day_number(&self.label)
            .or_else(|| {
                self.published
                    .as_deref()
                    .and_then(interdict_model::day_number)
            })
            .or_else(|| interdict_model::day_number(&self.imported_at))
            .unwrap_or(i64::MIN);
        (day, self.imported_at.as_str(), self.id)
    }
}

/// Gives an undated list the publication date the user states (`--published`).
fn date_undated(list: &mut ParsedList, published: &str) -> Result<()> {
    let date = interdict_model::PartialDate::parse(published)
        .ok()
        .filter(interdict_model::PartialDate::is_full)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "--published '{published}' is not a date (expected YYYY-MM-DD)"
            ))
        })?
        .to_string();
    if !list.meta.version.starts_with("undated-") {
        if list.meta.version == date {
            return Ok(());
        }
        return Err(Error::Invalid(format!(
            "{} states its own publication date, {}; --published {date} is only for lists \
             without one",
            list.meta.list, list.meta.version
        )));
    }
    list.meta.version = date.clone();
    list.meta.published = Some(date);
    Ok(())
}

/// Gives every entity the source name and version label it is stored under.
pub(crate) fn relabel(list: &mut ParsedList, source: &str, label: &str) {
    list.meta.list = source.to_string();
    list.meta.version = label.to_string();
    for e in &mut list.entities {
        e.provenance.list = source.to_string();
        e.provenance.list_version = label.to_string();
        e.id = format!("{source}:{}", e.provenance.record_id);
    }
}

/// Applies a delta to a base list: deletions remove, entities add or replace (by record id).
fn apply_delta(base: &mut ParsedList, delta: ParsedList) {
    let deleted: std::collections::HashSet<&str> =
        delta.deletions.iter().map(String::as_str).collect();
    base.entities
        .retain(|e| !deleted.contains(e.provenance.record_id.as_str()));
    let mut index: HashMap<String, usize> = base
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.provenance.record_id.clone(), i))
        .collect();
    for e in delta.entities {
        match index.get(&e.provenance.record_id) {
            Some(&i) => base.entities[i] = e,
            None => {
                index.insert(e.provenance.record_id.clone(), base.entities.len());
                base.entities.push(e);
            }
        }
    }
    base.warnings.extend(delta.warnings);
    base.meta.version = delta.meta.version;
}

/// One stored file of a version.
struct StoredFile {
    part: i64,
    name: String,
    sha: String,
}

impl Store {
    /// Imports the lists in `files` (one or several, as `interdict_lists::parse_files` finds
    /// them). Each list is checked and stored separately; a file that does not parse fails the
    /// whole call and changes nothing.
    pub fn import(
        &mut self,
        files: Vec<InputFile>,
        options: &ImportOptions,
    ) -> Result<Vec<ImportOutcome>> {
        // Parse everything first, so that one bad file changes nothing.
        let mut parsed = Vec::new();
        for group in interdict_lists::group_files(files)? {
            let mut lists = interdict_lists::parse_files(group.clone())?;
            parsed.push((lists.remove(0), group));
        }
        if options.source.is_some() && parsed.len() > 1 {
            return Err(Error::Invalid(format!(
                "--source names one source, but the files hold {} lists ({}); import them separately",
                parsed.len(),
                parsed.iter().map(|(l, _)| l.meta.list.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
        let mut outcomes = Vec::new();
        for (list, group) in parsed {
            outcomes.push(self.import_list(list, &group, options)?);
        }
        Ok(outcomes)
    }

    fn import_list(
        &mut self,
        mut list: ParsedList,
        files: &[InputFile],
        options: &ImportOptions,
    ) -> Result<ImportOutcome> {
        if let Some(p) = &options.published {
            date_undated(&mut list, p)?;
        }
        let source = options
            .source
            .clone()
            .unwrap_or_else(|| list.meta.list.clone());
        let family = list.meta.format.family().to_string();
        let known_format: Option<String> = self.db_call(|db| {
            db.query_row(
                "SELECT format FROM sources WHERE name = ?1",
                [&source],
                |r| r.get(0),
            )
            .optional()
        })?;
        let active = self.active_version(&source)?;
        let mut outcome = ImportOutcome {
            source: source.clone(),
            label: list.meta.version.clone(),
            entities: list.entities.len(),
            previous: active.as_ref().map(|a| (a.label.clone(), a.entities)),
            warnings: list.warnings.iter().map(ToString::to_string).collect(),
            status: ImportStatus::Unchanged,
        };
        let refuse = |outcome: &mut ImportOutcome, reason: String| {
            outcome.status = ImportStatus::Refused(reason);
        };
        if let Some(expected) = options
            .expected_format
            .as_deref()
            .or(known_format.as_deref())
        {
            if expected != family && !options.force {
                refuse(
                    &mut outcome,
                    format!(
                        "the file is {} but source {source} expects {expected}",
                        list.meta.format
                    ),
                );
                return Ok(outcome);
            }
        }

        // A delta builds on the active version: the new version is its files plus the delta.
        let mut stored: Vec<StoredFile> = Vec::new();
        let mut next_part = 0;
        if list.is_delta {
            let Some(base) = &active else {
                refuse(
                    &mut outcome,
                    format!(
                        "{} is a delta file, but source {source} has no version to apply it to",
                        files.first().map(|f| f.name.as_str()).unwrap_or("")
                    ),
                );
                return Ok(outcome);
            };
            let mut base_list = self.load_version(base.id)?;
            stored = self.version_files(base.id)?;
            next_part = stored.iter().map(|f| f.part).max().unwrap_or(-1) + 1;
            let delta_label = list.meta.version.clone();
            apply_delta(&mut base_list, list);
            list = base_list;
            list.meta.version = delta_label;
            outcome.entities = list.entities.len();
            outcome.label = list.meta.version.clone();
        }
        for f in files {
            let sha = self.put_object(&f.bytes)?;
            let name = f
                .name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(&f.name)
                .to_string();
            stored.push(StoredFile {
                part: next_part,
                name,
                sha,
            });
        }
        let checksum = sha256_hex(
            stored
                .iter()
                .map(|f| f.sha.as_str())
                .collect::<Vec<_>>()
                .join("\n")
                .as_bytes(),
        );

        if let Some(existing) = self.version_by_checksum(&source, &checksum)? {
            outcome.label = existing.label;
            outcome.status = ImportStatus::Unchanged;
            return Ok(outcome);
        }
        if let Some(a) = &active {
            let floor = (a.entities as f64 * (1.0 - MAX_DROP)).ceil() as usize;
            if list.entities.len() < floor && !options.force {
                let drop = 100.0 * (1.0 - list.entities.len() as f64 / a.entities.max(1) as f64);
                refuse(
                    &mut outcome,
                    format!(
                        "{source} would drop from {} to {} entries (-{drop:.0}%), more than {:.0}%; the active version {} is kept (use --force if this is expected)",
                        a.entities,
                        list.entities.len(),
                        MAX_DROP * 100.0,
                        a.label
                    ),
                );
                return Ok(outcome);
            }
        }
        // A distinct label for a distinct content.
        let mut label = list.meta.version.clone();
        if self.version_by_label(&source, &label)?.is_some() {
            label = format!("{label}+{}", &checksum[..8]);
        }
        relabel(&mut list, &source, &label);
        outcome.label = label.clone();

        // Activate unless the active version is dated later.
        let activate = match &active {
            None => true,
            Some(a) => !(is_dated(&a.label) && is_dated(&label) && label[..10] < a.label[..10]),
        };
        let now = now_utc();
        let entity_count = list.entities.len() as i64;
        let published = list.meta.published.clone();
        let origin = if options.origin.is_empty() {
            files
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            options.origin.clone()
        };
        let format_to_store = if options.force {
            family.clone()
        } else {
            known_format.clone().unwrap_or_else(|| family.clone())
        };
        let dir = self.dir.display().to_string();
        let sizes: Vec<i64> = stored
            .iter()
            .map(|f| {
                std::fs::metadata(self.object_path(&f.sha))
                    .map(|m| m.len() as i64)
                    .unwrap_or(0)
            })
            .collect();
        let tx = self.db.transaction().map_err(|source| Error::Db {
            dir: dir.clone(),
            cause: source,
        })?;
        let result: rusqlite::Result<()> = (|| {
            tx.execute(
                "INSERT INTO sources (name, format, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET format = excluded.format",
                params![source, format_to_store, now],
            )?;
            tx.execute(
                "INSERT INTO versions (source, label, published, imported_at, checksum, entity_count, format, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![source, label, published, now, checksum, entity_count, family, origin],
            )?;
            let id = tx.last_insert_rowid();
            for (pos, (f, size)) in stored.iter().zip(&sizes).enumerate() {
                tx.execute(
                    "INSERT INTO version_files (version_id, position, part, name, sha256, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, pos as i64, f.part, f.name, f.sha, size],
                )?;
            }
            if activate {
                tx.execute(
                    "INSERT INTO active (source, version_id, switched_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(source) DO UPDATE SET version_id = excluded.version_id, switched_at = excluded.switched_at",
                    params![source, id, now],
                )?;
            }
            Ok(())
        })();
        result.map_err(|source| Error::Db {
            dir: dir.clone(),
            cause: source,
        })?;
        tx.commit()
            .map_err(|source| Error::Db { dir, cause: source })?;
        outcome.status = ImportStatus::Imported {
            activated: activate,
        };
        Ok(outcome)
    }

    fn version_files(&self, id: i64) -> Result<Vec<StoredFile>> {
        self.db_call(|db| {
            let mut st = db.prepare("SELECT part, name, sha256 FROM version_files WHERE version_id = ?1 ORDER BY position")?;
            let rows = st.query_map([id], |r| Ok(StoredFile { part: r.get(0)?, name: r.get(1)?, sha: r.get(2)? }))?;
            rows.collect()
        })
    }

    fn version_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<VersionInfo> {
        Ok(VersionInfo {
            id: row.get(0)?,
            source: row.get(1)?,
            label: row.get(2)?,
            published: row.get(3)?,
            imported_at: row.get(4)?,
            checksum: row.get(5)?,
            entities: row.get::<_, i64>(6)? as usize,
            format: row.get(7)?,
            origin: row.get(8)?,
            active: row.get::<_, Option<i64>>(9)?.is_some(),
        })
    }

    fn versions_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<VersionInfo>> {
        let sql = format!(
            "SELECT v.id, v.source, v.label, v.published, v.imported_at, v.checksum, v.entity_count, v.format, v.origin, a.version_id
             FROM versions v LEFT JOIN active a ON a.source = v.source AND a.version_id = v.id
             WHERE {condition}"
        );
        let mut versions: Vec<VersionInfo> = self.db_call(|db| {
            let mut st = db.prepare(&sql)?;
            let rows = st.query_map(args, Self::version_row)?;
            rows.collect()
        })?;
        versions.sort_by(|a, b| {
            a.source
                .cmp(&b.source)
                .then_with(|| a.order_key().cmp(&b.order_key()))
        });
        Ok(versions)
    }

    fn version_by_checksum(&self, source: &str, checksum: &str) -> Result<Option<VersionInfo>> {
        Ok(self
            .versions_where("v.source = ?1 AND v.checksum = ?2", &[&source, &checksum])?
            .pop())
    }

    fn version_by_label(&self, source: &str, label: &str) -> Result<Option<VersionInfo>> {
        Ok(self
            .versions_where("v.source = ?1 AND v.label = ?2", &[&source, &label])?
            .pop())
    }

    /// The active version of a source.
    pub fn active_version(&self, source: &str) -> Result<Option<VersionInfo>> {
        Ok(self
            .versions_where("v.source = ?1 AND a.version_id IS NOT NULL", &[&source])?
            .pop())
    }

    /// Every stored version of a source (all sources if `None`), oldest publication first.
    pub fn versions(&self, source: Option<&str>) -> Result<Vec<VersionInfo>> {
        match source {
            Some(s) => self.versions_where("v.source = ?1", &[&s]),
            None => self.versions_where("1 = 1", &[]),
        }
    }

    /// A version of a source by label; `None` for the active one.
    pub fn version(&self, source: &str, label: Option<&str>) -> Result<VersionInfo> {
        let found = match label {
            Some(l) => self.version_by_label(source, l)?,
            None => self.active_version(source)?,
        };
        found.ok_or_else(|| match label {
            Some(l) => Error::NotFound(format!(
                "source {source} has no version {l} (stored: {})",
                self.versions(Some(source))
                    .map(|v| v
                        .iter()
                        .map(|x| x.label.clone())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default()
            )),
            None => Error::NotFound(format!("source {source} has no active version")),
        })
    }

    /// The sources with their active versions.
    pub fn status(&self) -> Result<Vec<SourceStatus>> {
        let sources: Vec<(String, String)> = self.db_call(|db| {
            let mut st = db.prepare("SELECT name, format FROM sources ORDER BY name")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        let mut out = Vec::new();
        for (source, format) in sources {
            let versions = self.versions(Some(&source))?;
            let active = versions.iter().find(|v| v.active).cloned();
            let age_days = active.as_ref().and_then(|a| {
                if is_dated(&a.label) {
                    age_in_days(&a.label)
                } else {
                    age_in_days(&a.imported_at)
                }
            });
            out.push(SourceStatus {
                source,
                format,
                versions: versions.len(),
                active,
                age_days,
            });
        }
        Ok(out)
    }

    /// Makes a stored version the active one.
    pub fn activate(&mut self, source: &str, label: &str) -> Result<VersionInfo> {
        let v = self.version(source, Some(label))?;
        let now = now_utc();
        self.db_call(|db| {
            db.execute(
                "INSERT INTO active (source, version_id, switched_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source) DO UPDATE SET version_id = excluded.version_id, switched_at = excluded.switched_at",
                params![source, v.id, now],
            )
        })?;
        Ok(v)
    }

    /// Removes one stored version (not the active one) and the files no version uses any more.
    pub fn remove(&mut self, source: &str, label: &str) -> Result<VersionInfo> {
        let v = self.version(source, Some(label))?;
        if v.active {
            return Err(Error::Invalid(format!(
                "{source} {label} is the active version; activate another before removing it"
            )));
        }
        self.db_call(|db| db.execute("DELETE FROM versions WHERE id = ?1", [v.id]))?;
        self.collect_garbage()?;
        Ok(v)
    }

    /// Keeps the `keep` most recently published versions of each source (and always the active
    /// one); removes the others. Returns what was removed.
    pub fn prune(&mut self, source: Option<&str>, keep: usize) -> Result<Vec<VersionInfo>> {
        let mut removed = Vec::new();
        let mut by_source: HashMap<String, Vec<VersionInfo>> = HashMap::new();
        for v in self.versions(source)? {
            by_source.entry(v.source.clone()).or_default().push(v);
        }
        for (_, versions) in by_source {
            // Newest publication first.
            for v in versions.into_iter().rev().skip(keep) {
                if !v.active {
                    self.db_call(|db| db.execute("DELETE FROM versions WHERE id = ?1", [v.id]))?;
                    removed.push(v);
                }
            }
        }
        self.collect_garbage()?;
        Ok(removed)
    }

    /// Deletes stored files that no version refers to.
    fn collect_garbage(&self) -> Result<()> {
        let used: std::collections::HashSet<String> = self.db_call(|db| {
            let mut st = db.prepare("SELECT DISTINCT sha256 FROM version_files")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        })?;
        let objects = self.dir.join("objects");
        let Ok(dirs) = std::fs::read_dir(&objects) else {
            return Ok(());
        };
        for d in dirs.flatten() {
            let Ok(files) = std::fs::read_dir(d.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') && !used.contains(&name) {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
        Ok(())
    }

    /// Reads a stored version back into a list (its files parsed again, deltas applied).
    pub fn load_version(&self, id: i64) -> Result<ParsedList> {
        let info = self
            .versions_where("v.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::NotFound(format!("no version with id {id}")))?;
        let files = self.version_files(id)?;
        let mut result: Option<ParsedList> = None;
        let mut parts: Vec<i64> = files.iter().map(|f| f.part).collect();
        parts.dedup();
        for part in parts {
            let mut inputs = Vec::new();
            for f in files.iter().filter(|f| f.part == part) {
                inputs.push(InputFile {
                    name: f.name.clone(),
                    bytes: self.get_object(&f.sha)?,
                });
            }
            let mut lists = interdict_lists::parse_files(inputs)?;
            if lists.len() != 1 {
                return Err(Error::Invalid(format!(
                    "stored version {} {} holds {} lists",
                    info.source,
                    info.label,
                    lists.len()
                )));
            }
            let list = lists.remove(0);
            match result.as_mut() {
                None => result = Some(list),
                Some(base) => apply_delta(base, list),
            }
        }
        let mut list = result.ok_or_else(|| {
            Error::NotFound(format!(
                "version {} {} has no files",
                info.source, info.label
            ))
        })?;
        relabel(&mut list, &info.source, &info.label);
        Ok(list)
    }

    /// The active version of every source, read back.
    pub fn load_active(&self) -> Result<Vec<ParsedList>> {
        let active = self.versions_where("a.version_id IS NOT NULL", &[])?;
        active.iter().map(|v| self.load_version(v.id)).collect()
    }

    /// The stored fetch state of a source.
    pub fn fetch_state(&self, source: &str) -> Result<Option<FetchState>> {
        self.db_call(|db| {
            db.query_row(
                "SELECT url, etag, last_modified FROM fetch_state WHERE source = ?1",
                [source],
                |r| {
                    Ok(FetchState {
                        url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                    })
                },
            )
            .optional()
        })
    }

    /// Records what a fetch was told about a source's file, for the next conditional request.
    pub fn set_fetch_state(
        &self,
        source: &str,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        let now = now_utc();
        self.db_call(|db| {
            db.execute(
                "INSERT INTO fetch_state (source, url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(source) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                 last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                params![source, url, etag, last_modified, now],
            )
        })?;
        Ok(())
    }
}
