//! `interdict network`: an entry's links to a depth (leaders, members, fronts, successors,
//! owners, relatives), as an indented tree, JSON or Graphviz DOT.

use crate::cli::{NetworkArgs, NetworkFormat};
use crate::lists;
use anyhow::{bail, Result};
use interdict_match::report::NetworkJson;
use interdict_match::{Index, Network};
use std::io::Write;

/// The deepest walk allowed (a network grows fast; six links reach most of a list).
const MAX_DEPTH: usize = 6;

/// Runs `network`.
pub fn run(args: NetworkArgs, data_dir: Option<&std::path::Path>) -> Result<()> {
    if args.depth > MAX_DEPTH {
        bail!("--depth must be at most {MAX_DEPTH}, got {}", args.depth);
    }
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loaded = lists::load(&args.lists, data_dir, source)?;
    let index = &loaded.index;
    let Some(root) = index.find_entity(&args.entity) else {
        bail!(
            "no entry '{}' in {}: give an entity id (un-sc:114076) or a list reference (QDe.118)",
            args.entity,
            loaded.describe()
        );
    };
    let network = index.network(root, args.depth);
    let json = NetworkJson::new(&network, args.depth, index);
    let text = match args.format {
        NetworkFormat::Json => serde_json::to_string_pretty(&json)? + "\n",
        NetworkFormat::Dot => json.to_dot(),
        NetworkFormat::Table => tree(&network, index),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    loaded.release();
    Ok(())
}

/// The network as an indented tree: each entry under the one it was reached from, with the
/// relation, the sentence it was read from, and unlisted parties where the lists name them.
fn tree(n: &Network<'_>, index: &Index) -> String {
    let mut out = String::new();
    let root = n.root;
    out.push_str(&format!(
        "{} ({} {}){}\n",
        root.caption,
        root.provenance.list,
        root.provenance.reference,
        standing(n.nodes[0].position, index)
    ));
    branch(n, index, 0, 1, &mut out);
    if n.links.is_empty() {
        out.push_str("  (no links in the lists loaded)\n");
    }
    out
}

/// Writes the links from node `from` to entries one link further from the root (and to parties
/// not loaded), each reached entry's own links under it; links between entries at the same
/// distance are in the JSON.
fn branch(n: &Network<'_>, index: &Index, from: usize, level: usize, out: &mut String) {
    let pad = "  ".repeat(level);
    for (_, l) in n.links.iter().filter(|(f, _)| *f == from) {
        let child = l
            .entity
            .and_then(|e| n.nodes.iter().position(|x| std::ptr::eq(x.entity, e)));
        if child.is_some_and(|c| n.nodes[c].depth != level) {
            continue;
        }
        let status = match child {
            Some(c) => standing(n.nodes[c].position, index),
            None if l.entity.is_some() => String::new(),
            None => "  [not in the lists loaded]".to_string(),
        };
        out.push_str(&format!("{pad}{}{status}\n", l.phrase()));
        if let Some(s) = l.source_text {
            out.push_str(&format!(
                "{pad}  \"{s}\" ({})\n",
                l.stated_by.provenance.reference
            ));
        }
        if let Some(c) = child {
            branch(n, index, c, level + 1, out);
        }
    }
}

/// "" for a designated entry; otherwise what it is: blocked by ownership, or related only.
fn standing(position: usize, index: &Index) -> String {
    if !index.entity(position).related_only {
        return String::new();
    }
    match index.ownership_block(position) {
        Some(b) => format!(
            "  [not designated; BLOCKED BY OWNERSHIP: {}% held by designated parties]",
            b.share
        ),
        None => "  [not designated]".to_string(),
    }
}
