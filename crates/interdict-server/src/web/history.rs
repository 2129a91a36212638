//! What the stored versions of a list say: the last change of each list (entries added,
//! removed, changed, with the fields that changed) and one entry's history across versions.
//! Read from the data directory's store, where the server serves it.

use super::html::esc;
use interdict_store::diff::{compare, Diff};
use interdict_store::Store;
use std::fmt::Write;
use std::path::Path;

/// Most entries shown per kind of change.
const SHOWN: usize = 25;

/// The last change of every list with two versions or more, as HTML.
pub fn last_changes(data_dir: &Path) -> Result<String, String> {
    let store = Store::open(data_dir).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for status in store.status().map_err(|e| e.to_string())? {
        let versions = store
            .versions(Some(&status.source))
            .map_err(|e| e.to_string())?;
        if versions.len() < 2 {
            continue;
        }
        match store.diff(&status.source, None, None) {
            Ok(d) => out.push_str(&diff_html(&d)),
            Err(e) => {
                let _ = write!(
                    out,
                    "<p class=\"error\">{}: {}</p>",
                    esc(&status.source),
                    esc(&e.to_string())
                );
            }
        }
    }
    if out.is_empty() {
        out.push_str(
            "<p class=\"empty\">No list has an earlier version stored to compare with.</p>",
        );
    }
    Ok(out)
}

/// One diff as HTML: counts, then the entries.
fn diff_html(d: &Diff) -> String {
    let mut out = format!(
        "<section class=\"diff\"><h3>{} {} → {}: {} added, {} removed, {} changed</h3>",
        esc(&d.source),
        esc(&d.old),
        esc(&d.new),
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    );
    let entry = |e: &interdict_store::diff::EntitySummary| {
        format!(
            "<a href=\"/ui/entity/{}\">{}</a> {}",
            super::html::url(&e.id),
            esc(&e.caption),
            esc(&e.reference)
        )
    };
    out.push_str("<ul>");
    for e in d.added.iter().take(SHOWN) {
        let _ = write!(out, "<li class=\"plus\">added: {}</li>", entry(e));
    }
    for e in d.removed.iter().take(SHOWN) {
        let _ = write!(
            out,
            "<li class=\"minus\">removed: {} {}</li>",
            esc(&e.caption),
            esc(&e.reference)
        );
    }
    for c in d.changed.iter().take(SHOWN) {
        let fields: Vec<String> = c.fields.iter().map(|f| esc(&f.field)).collect();
        let _ = write!(
            out,
            "<li>changed: {} ({})</li>",
            entry(&c.entity),
            fields.join(", ")
        );
    }
    let more = d.added.len().saturating_sub(SHOWN)
        + d.removed.len().saturating_sub(SHOWN)
        + d.changed.len().saturating_sub(SHOWN);
    if more > 0 {
        let _ = write!(
            out,
            "<li class=\"empty\">and {more} more (<code>interdict lists diff {}</code>)</li>",
            esc(&d.source)
        );
    }
    out.push_str("</ul></section>");
    out
}

/// One entry across the stored versions of its list: in which it appears and what changed in
/// each, as HTML.
pub fn entity_history(data_dir: &Path, list: &str, id: &str) -> Result<String, String> {
    let store = Store::open(data_dir).map_err(|e| e.to_string())?;
    let versions = store.versions(Some(list)).map_err(|e| e.to_string())?;
    if versions.is_empty() {
        return Ok("<p class=\"empty\">The data directory stores no version of this list (it was loaded from a file).</p>".into());
    }
    let mut out = String::from("<table class=\"queue\"><thead><tr><th>Version</th><th>Entry</th><th>What changed</th></tr></thead><tbody>");
    let mut before: Option<interdict_model::Entity> = None;
    for v in &versions {
        let parsed = store.load_version(v.id).map_err(|e| e.to_string())?;
        let now = parsed.entities.into_iter().find(|e| e.id == id);
        let (state, changes) = match (&before, &now) {
            (None, None) => ("not listed", String::new()),
            (None, Some(_)) => ("listed", "first listed in this version".to_string()),
            (Some(_), None) => ("removed", "no longer listed".to_string()),
            (Some(a), Some(b)) => {
                let fields = compare(a, b);
                let text = fields
                    .iter()
                    .map(|f| {
                        let mut t = esc(&f.field);
                        if !f.added.is_empty() {
                            let _ = write!(t, " +{}", esc(&f.added.join("; ")));
                        }
                        if !f.removed.is_empty() {
                            let _ = write!(t, " −{}", esc(&f.removed.join("; ")));
                        }
                        t
                    })
                    .collect::<Vec<_>>()
                    .join("<br>");
                (
                    "listed",
                    if text.is_empty() {
                        "unchanged".into()
                    } else {
                        text
                    },
                )
            }
        };
        let active = if v.active { " (active)" } else { "" };
        let _ = write!(
            out,
            "<tr><td>{}{active}</td><td>{state}</td><td>{changes}</td></tr>",
            esc(&v.label)
        );
        before = now;
    }
    out.push_str("</tbody></table>");
    Ok(out)
}
