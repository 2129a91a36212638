//! The audit log: an append-only chain of entries, each carrying the SHA-256 of the one before
//! it, so that changing or removing any past entry breaks the chain from there on. A head kept
//! outside the database (the last entry's number and hash, written after each commit) catches
//! entries removed from the end.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Its number, from 1, without gaps.
    pub seq: i64,
    /// When (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
    /// What happened: `customer-added`, `customer-changed`, `customer-removed`, `rescreen`,
    /// `alert-raised`, `alert-updated`, `alert-closed`, `decision`, `lists-changed`, and in a
    /// shared book `lists-agreed` (the list version every process is to use).
    pub kind: String,
    /// The details, as JSON text exactly as hashed.
    pub payload: String,
    /// The hash of the entry before.
    pub prev: String,
    /// This entry's hash.
    pub hash: String,
}

/// The hash of an entry from its fields and the hash before it.
pub(crate) fn entry_hash(prev: &str, seq: i64, at: &str, kind: &str, payload: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, &seq.to_string(), at, kind, payload] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    crate::customer::hex(&h.finalize())
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    /// Entries checked.
    pub entries: i64,
    /// Whether the chain is whole.
    pub ok: bool,
    /// The first problem found, naming its entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Checks entries in order against each other and against the head written after the last
/// commit (`None` when no entry was ever written). Entries may follow the head's (a commit whose
/// head was not yet rewritten), but the head's entry must be in the chain as it was.
pub(crate) fn verify(
    entries: impl Iterator<Item = AuditEntry>,
    head: Option<(i64, String)>,
) -> AuditReport {
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    let mut head_seen = false;
    let fail = |count: i64, problem: String| AuditReport {
        entries: count,
        ok: false,
        problem: Some(problem),
    };
    for e in entries {
        count += 1;
        if e.seq != count {
            return fail(
                count,
                format!("entry {count} is missing (the next one is {})", e.seq),
            );
        }
        if e.prev != prev {
            return fail(
                count,
                format!(
                    "entry {} does not follow entry {}: the chain is broken",
                    e.seq,
                    e.seq - 1
                ),
            );
        }
        if entry_hash(&e.prev, e.seq, &e.at, &e.kind, &e.payload) != e.hash {
            return fail(
                count,
                format!(
                    "entry {} ({}, {}) was changed after it was written",
                    e.seq, e.kind, e.at
                ),
            );
        }
        if let Some((seq, hash)) = &head {
            if *seq == e.seq {
                if *hash != e.hash {
                    return fail(
                        count,
                        format!("entry {seq} is not the entry that was written as {seq}"),
                    );
                }
                head_seen = true;
            }
        }
        prev = e.hash;
    }
    if let Some((seq, _)) = head {
        if !head_seen {
            return fail(
                count,
                format!("entries {} to {seq} were removed from the end", count + 1),
            );
        }
    }
    AuditReport {
        entries: count,
        ok: true,
        problem: None,
    }
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ` (the time written on audit entries and rows).
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    interdict_model::iso_timestamp(secs)
}

/// The audit head kept outside the database: the number and hash of the last entry this
/// process committed, as `SEQ HASH`, written whole (a temporary file synced and renamed).
pub(crate) struct HeadFile {
    path: std::path::PathBuf,
}

impl HeadFile {
    /// The head at `path`.
    pub(crate) fn new(path: std::path::PathBuf) -> HeadFile {
        HeadFile { path }
    }

    /// Records the last committed entry. The temporary file is this process's own, so that
    /// processes sharing a folder never write into each other's.
    pub(crate) fn write(&self, seq: i64, hash: &str) -> crate::Result<()> {
        use std::io::Write;
        let tmp = self
            .path
            .with_extension(format!("tmp.{}", std::process::id()));
        let io = |e: std::io::Error| crate::Error::Store(format!("{}: {e}", self.path.display()));
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        writeln!(f, "{seq} {hash}").map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }

    /// The last recorded entry (`None`: no entry was ever committed here).
    pub(crate) fn read(&self) -> crate::Result<Option<(i64, String)>> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => {
                let mut parts = text.split_whitespace();
                let seq = parts.next().and_then(|s| s.parse().ok());
                let hash = parts.next().map(str::to_string);
                match (seq, hash) {
                    (Some(s), Some(h)) => Ok(Some((s, h))),
                    _ => Err(crate::Error::Store(format!(
                        "{}: not an audit head ('SEQ HASH')",
                        self.path.display()
                    ))),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(crate::Error::Store(format!("{}: {e}", self.path.display()))),
        }
    }
}

/// Whether an entry written `at` falls between `from` and `to` (dates or timestamps,
/// inclusive): dates compare as text, and "2026-12-02" takes in every time of that day.
pub(crate) fn within(at: &str, from: Option<&str>, to: Option<&str>) -> bool {
    let after = from.is_none_or(|f| at >= f);
    let before = to.is_none_or(|t| at <= t || at.starts_with(t));
    after && before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let payload = format!("{{\"n\":{seq}}}");
                let hash = entry_hash(&prev, seq, "2026-12-02T00:00:00Z", "decision", &payload);
                let e = AuditEntry {
                    seq,
                    at: "2026-12-02T00:00:00Z".into(),
                    kind: "decision".into(),
                    payload,
                    prev: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies_and_any_change_names_its_entry() {
        let c = chain(5);
        let head = Some((5, c[4].hash.clone()));
        assert!(verify(c.clone().into_iter(), head.clone()).ok);
        let mut changed = c.clone();
        changed[2].payload = "{\"n\":99}".into();
        let r = verify(changed.into_iter(), head.clone());
        assert!(!r.ok && r.problem.unwrap().contains("entry 3"));
        let mut gap = c.clone();
        gap.remove(1);
        let r = verify(gap.into_iter(), head.clone());
        assert!(r.problem.unwrap().contains("entry 2 is missing"));
        let r = verify(c[..3].iter().cloned(), head);
        assert!(r.problem.unwrap().contains("4 to 5 were removed"));
    }
}
