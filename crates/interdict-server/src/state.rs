//! What the server answers from: the current snapshot of the lists, swapped whole on reload, so
//! that a request in flight keeps the snapshot it started with.

use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::Config;
use arc_swap::ArcSwap;
use interdict_lists::ftm_out::{dataset_name, ftm_id, list_of_dataset};
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
        // Entities are found by their interdict id and by their FollowTheMoney id.
        let mut by_id = HashMap::new();
        for i in 0..index.entity_count() {
            by_id.insert(index.entity_id(i).to_string(), i);
            by_id.entry(ftm_id(index.entity(i))).or_insert(i);
        }
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

    /// An entity by its interdict id (`un-sc:6908048`) or its FollowTheMoney id
    /// (`un-sc-6908048`).
    pub fn entity(&self, id: &str) -> Option<&interdict_model::Entity> {
        self.by_id.get(id).map(|&i| self.index.entity(i))
    }

    /// An entity's links (none when it is not loaded).
    pub fn links_of(&self, id: &str) -> Vec<interdict_match::Linked<'_>> {
        self.position(id)
            .map(|i| self.index.links_of(i))
            .unwrap_or_default()
    }

    /// An entity's position in the index, by either id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entries of other lists folded into a UN entry (they quote its reference); none for
    /// entries of other lists, which stand alone when fetched by their own id.
    pub fn folded_into(&self, id: &str) -> Vec<&interdict_model::Entity> {
        let Some(&i) = self.by_id.get(id) else {
            return Vec::new();
        };
        let index = &self.index;
        let leads = index.entity(i).provenance.list.starts_with("un-sc");
        let (Some(target), true) = (index.target_of(i), leads) else {
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
    /// of them, or one list by its own, FollowTheMoney or OpenSanctions name.
    pub fn dataset(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let all = self.lists.iter().map(|l| l.list.as_str());
        match name {
            "default" | "sanctions" | "all" => Ok(all.map(String::from).collect()),
            _ => match list_of_dataset(name, all) {
                Some(list) => Ok(vec![list.to_string()]),
                None => Err(ApiError::not_found(format!(
                    "unknown dataset '{name}' (known: default, sanctions, {})",
                    self.lists
                        .iter()
                        .map(|l| dataset_name(&l.list))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            },
        }
    }
}

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
    /// Sessions of the analysts' pages.
    pub sessions: crate::web::session::Sessions,
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
