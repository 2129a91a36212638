//! What the server answers from: the current snapshot of the lists, swapped whole on reload, so
//! that a request in flight keeps the snapshot it started with.

use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::Config;
use arc_swap::ArcSwap;
use interdict_lists::ListMeta;
use interdict_match::Index;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

/// Lists loaded and indexed, as one unit.
pub struct Snapshot {
    /// The index over all their entities.
    pub index: Index,
    /// Which lists and versions.
    pub lists: Vec<ListMeta>,
    /// When it was loaded.
    pub loaded_at: SystemTime,
    /// True when these are the built-in sample, not real lists: the server answers, but is
    /// not ready (`/readyz`).
    pub sample: bool,
    by_id: HashMap<String, usize>,
    /// Entries per list name, counted once.
    counts: HashMap<String, usize>,
}

impl Snapshot {
    /// A snapshot of an index over the given lists.
    pub fn new(index: Index, lists: Vec<ListMeta>) -> Self {
        let by_id = (0..index.entity_count())
            .map(|i| (index.entity_id(i).to_string(), i))
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (list, _, n) in index.list_counts() {
            *counts.entry(list.to_string()).or_default() += n;
        }
        Snapshot {
            index,
            lists,
            loaded_at: SystemTime::now(),
            sample: false,
            by_id,
            counts,
        }
    }

    /// An entity by its id.
    pub fn entity(&self, id: &str) -> Option<&interdict_model::Entity> {
        self.by_id.get(id).map(|&i| self.index.entity(i))
    }

    /// The entries of other lists folded into a UN entry (they quote its reference); none for
    /// entries of other lists, which stand alone when fetched by their own id.
    pub fn folded_into(&self, id: &str) -> Vec<&interdict_model::Entity> {
        let Some(&i) = self.by_id.get(id) else {
            return Vec::new();
        };
        let index = &self.index;
        let (Some(target), true) = (index.target_of(i), id.starts_with("un-sc")) else {
            return Vec::new();
        };
        (0..index.entity_count())
            .filter(|&j| j != i && index.target_of(j) == Some(target))
            .map(|j| index.entity(j))
            .collect()
    }

    /// Entries per list name.
    pub fn count(&self, list: &str) -> usize {
        self.counts.get(list).copied().unwrap_or(0)
    }

    /// The lists a dataset name stands for: `default` (and the `sanctions` collection) for all
    /// of them, or one list by name.
    pub fn dataset(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let all: Vec<String> = self.lists.iter().map(|l| l.list.clone()).collect();
        let name = OPENSANCTIONS_NAMES
            .iter()
            .find(|(os, _)| *os == name)
            .map_or(name, |(_, ours)| *ours);
        match name {
            "default" | "sanctions" | "all" => Ok(all),
            _ if all.iter().any(|l| l == name) => Ok(vec![name.to_string()]),
            _ => Err(ApiError::not_found(format!(
                "unknown dataset '{name}' (known: default, sanctions, {})",
                all.join(", ")
            ))),
        }
    }
}

/// OpenSanctions' dataset names for the lists interdict reads, accepted wherever a dataset is
/// named, so that requests written for yente keep working.
const OPENSANCTIONS_NAMES: &[(&str, &str)] = &[
    ("un_sc_sanctions", "un-sc"),
    ("us_ofac_sdn", "us-ofac-sdn"),
    ("us_ofac_cons", "us-ofac-cons"),
    ("gb_hmt_sanctions", "gb-hmt"),
    ("gb_fcdo_sanctions", "gb-fcdo"),
    ("eu_fsf", "eu-fsf"),
    ("ca_dfatd_sema_sanctions", "ca-sema"),
    ("au_dfat_sanctions", "au-dfat"),
    ("us_bis_denied", "us-bis-dpl"),
];

/// Loads a new snapshot (from the list files or the data directory), or says why it cannot.
pub type Loader = Arc<dyn Fn() -> Result<Snapshot, String> + Send + Sync>;

/// Shared by every request.
pub struct AppState {
    /// The lists answered from.
    pub snapshot: ArcSwap<Snapshot>,
    /// How to load them again.
    pub loader: Loader,
    /// Limits and keys.
    pub config: Config,
    /// Request counts and latencies.
    pub metrics: Metrics,
    /// Serialises reloads.
    pub reloading: tokio::sync::Mutex<()>,
    /// The customer book served, when the lists are the data directory's.
    pub monitor: Option<crate::monitor_api::MonitorService>,
}

impl AppState {
    /// Loads the lists again and swaps them in; requests keep being answered meanwhile, and a
    /// failed load leaves the current lists in place.
    pub async fn reload(self: &Arc<Self>) -> Result<String, String> {
        let _guard = self.reloading.lock().await;
        let loader = self.loader.clone();
        let fresh = tokio::task::spawn_blocking(move || loader())
            .await
            .map_err(|e| format!("reload failed: {e}"))??;
        let described = describe(&fresh);
        self.snapshot.store(Arc::new(fresh));
        self.metrics
            .reloads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::info!(lists = %described, "lists reloaded");
        Ok(described)
    }
}

/// "un-sc 2025-04-19 (877 entries), ..."
pub fn describe(s: &Snapshot) -> String {
    s.lists
        .iter()
        .map(|m| format!("{} {} ({} entries)", m.list, m.version, s.count(&m.list)))
        .collect::<Vec<_>>()
        .join(", ")
}
