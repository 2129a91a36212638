//! Links between entries resolved to the entries themselves: who leads, owns, fronts for or is
//! related to whom, read from both ends; walked for an entry's network, for the path from a
//! party that is not designated to the designation, and summed for ownership by designated
//! parties (the OFAC 50 percent rule and its UK and EU equivalents).

use crate::ids::EntityIx;
use crate::Index;
use interdict_model::{Entity, Link, LinkDirection, LinkKind, NameKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// Every entry's links, stated by it or by the other end, resolved to entries where the lists
/// name one that is loaded: built on first use, or read from the index's snapshot, which
/// carries it so that a loaded index need not decode every entry to answer the first search.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct LinkGraph {
    /// Per entity: its edges.
    edges: Vec<Vec<Edge>>,
    /// Companies blocked by ownership, with their designated and blocked owners (in entity
    /// order, so that the same lists write the same snapshot).
    blocked: BTreeMap<EntityIx, Vec<(EntityIx, f64)>>,
}

/// One link seen from one end.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Edge {
    /// The entry whose record states the link.
    stated_by: EntityIx,
    /// Its position in that entry's links.
    link: u32,
    /// The other end, when it is loaded.
    other: Option<EntityIx>,
    /// Seen from the other end of the stated link (the direction turns round).
    reversed: bool,
}

/// The smallest aggregate share, in percent, by which ownership blocks a company under the
/// OFAC rule ("50 percent or more"); the UK and EU rules need more than 50.
pub const OWNERSHIP_THRESHOLD: f64 = 50.0;

impl LinkGraph {
    /// Resolves every entry's links and sums ownership.
    pub(crate) fn build(index: &Index) -> LinkGraph {
        let n = index.entity_count();
        let keys = Keys::of((0..n).map(|i| index.entity(i)));
        let mut edges: Vec<Vec<Edge>> = vec![Vec::new(); n];
        for i in 0..n {
            let e = index.entity(i);
            for (k, link) in e.links.iter().enumerate() {
                let other = keys.resolve(e, link).filter(|&o| o.index() != i);
                let edge = Edge {
                    stated_by: EntityIx::at(i),
                    link: k as u32,
                    other,
                    reversed: false,
                };
                edges[i].push(edge);
                if let Some(o) = other {
                    edges[o.index()].push(Edge {
                        other: Some(EntityIx::at(i)),
                        reversed: true,
                        ..edge
                    });
                }
            }
        }
        let mut graph = LinkGraph {
            edges,
            blocked: BTreeMap::new(),
        };
        graph.blocked = graph.ownership(index);
        graph
    }

    /// Whether the graph fits entries that state `links[i]` links each: an edge list per
    /// entry, every edge and owner among them, every edge's link one its entry states (a graph
    /// read from a snapshot is checked so before it is used).
    pub(crate) fn fits(&self, links: &[u32]) -> bool {
        let known = |e: EntityIx| e.index() < links.len();
        self.edges.len() == links.len()
            && self.edges.iter().flatten().all(|e| {
                known(e.stated_by)
                    && e.link < links[e.stated_by.index()]
                    && e.other.is_none_or(known)
            })
            && self.blocked.iter().all(|(&company, owners)| {
                known(company) && owners.iter().all(|&(owner, _)| known(owner))
            })
    }

    /// Companies whose designated or blocked owners hold 50 percent or more together, found
    /// again and again until nothing changes (a company blocked this way blocks what it owns in
    /// turn; cycles end because the set only grows).
    fn ownership(&self, index: &Index) -> BTreeMap<EntityIx, Vec<(EntityIx, f64)>> {
        let blocked_at_start = |i: usize| !index.entity(i).related_only;
        let mut blocked: Vec<bool> = (0..self.edges.len()).map(blocked_at_start).collect();
        let mut found: BTreeMap<EntityIx, Vec<(EntityIx, f64)>> = BTreeMap::new();
        loop {
            let mut changed = false;
            for i in 0..self.edges.len() {
                if blocked[i] {
                    continue;
                }
                let owners = self.owners(index, i, &blocked);
                let total: f64 = owners.iter().map(|(_, s)| s).sum();
                if total >= OWNERSHIP_THRESHOLD {
                    blocked[i] = true;
                    found.insert(EntityIx::at(i), owners);
                    changed = true;
                }
            }
            if !changed {
                return found;
            }
        }
    }

    /// The blocked owners of entity `i` with their shares (one share per owner: the largest
    /// any record states).
    fn owners(&self, index: &Index, i: usize, blocked: &[bool]) -> Vec<(EntityIx, f64)> {
        let mut owners: Vec<(EntityIx, f64)> = Vec::new();
        for edge in &self.edges[i] {
            let Some(other) = edge.other else { continue };
            let link = &index.entity(edge.stated_by.index()).links[edge.link as usize];
            let direction = if edge.reversed {
                link.direction.reversed()
            } else {
                link.direction
            };
            if link.kind != LinkKind::Owner || direction != LinkDirection::Incoming {
                continue;
            }
            let (Some(share), true) = (link.share, blocked[other.index()]) else {
                continue;
            };
            match owners.iter_mut().find(|(o, _)| *o == other) {
                Some((_, s)) => *s = s.max(share),
                None => owners.push((other, share)),
            }
        }
        owners
    }
}

/// Where a link's other end is found: by reference or id on its list, by a UN reference the
/// entry quotes, or by a name that only one entry of the list carries (a primary name before an
/// alias: OFAC's "Linked To: NATIONAL IRANIAN TANKER COMPANY" is that entry, not the branch
/// that also goes by the name).
struct Keys {
    by_reference: HashMap<(String, String), EntityIx>,
    by_primary: HashMap<(String, String), Option<EntityIx>>,
    by_alias: HashMap<(String, String), Option<EntityIx>>,
}

impl Keys {
    fn of<'e>(entities: impl Iterator<Item = &'e Entity> + Clone) -> Keys {
        let mut by_reference = HashMap::new();
        let mut named_lists: HashSet<String> = HashSet::new();
        for (i, e) in entities.clone().enumerate() {
            let p = &e.provenance;
            for key in [&p.reference, &p.record_id, &e.id] {
                if !key.is_empty() {
                    by_reference.insert((p.list.clone(), key.clone()), EntityIx::at(i));
                }
            }
            for l in &e.links {
                if l.reference.is_empty() && l.name.is_some() {
                    named_lists.insert(l.list.clone().unwrap_or_else(|| p.list.clone()));
                }
            }
        }
        // A UN reference quoted by another list's entry finds that entry when the UN list is
        // not loaded.
        for (i, e) in entities.clone().enumerate() {
            for r in &e.external_refs {
                by_reference
                    .entry((r.list.clone(), r.reference.clone()))
                    .or_insert(EntityIx::at(i));
            }
        }
        let mut by_primary = HashMap::new();
        let mut by_alias = HashMap::new();
        for (i, e) in entities.clone().enumerate() {
            if !named_lists.contains(&e.provenance.list) {
                continue;
            }
            let mut seen = HashSet::new();
            for name in e.names.iter().filter(|n| n.kind != NameKind::WeakAlias) {
                let key = name_key(&name.full);
                if key.is_empty() || !seen.insert(key.clone()) {
                    continue;
                }
                let map = if name.kind == NameKind::Primary {
                    &mut by_primary
                } else {
                    &mut by_alias
                };
                map.entry((e.provenance.list.clone(), key))
                    .and_modify(|x: &mut Option<EntityIx>| *x = None)
                    .or_insert(Some(EntityIx::at(i)));
            }
        }
        Keys {
            by_reference,
            by_primary,
            by_alias,
        }
    }

    fn resolve(&self, from: &Entity, link: &Link) -> Option<EntityIx> {
        let list = link
            .list
            .as_deref()
            .unwrap_or(&from.provenance.list)
            .to_string();
        if !link.reference.is_empty() {
            return self
                .by_reference
                .get(&(list, link.reference.clone()))
                .copied();
        }
        let name = link.name.as_deref()?;
        // "PRIGOZHIN, Yevgeniy Viktorovich" is listed as Yevgeniy Viktorovich PRIGOZHIN.
        let turned = name
            .split_once(", ")
            .map(|(last, first)| format!("{first} {last}"));
        let keys: Vec<String> = std::iter::once(name_key(name))
            .chain(turned.as_deref().map(name_key))
            .collect();
        for map in [&self.by_primary, &self.by_alias] {
            for key in &keys {
                match map.get(&(list.clone(), key.clone())) {
                    Some(Some(found)) => return Some(*found),
                    Some(None) => return None,
                    None => {}
                }
            }
        }
        None
    }
}

/// Where each entry's links lead among `entities`, without an index: per entry, per link, the
/// other entry's position (for exporting the links of lists that are not searched).
pub fn link_targets(entities: &[&Entity]) -> Vec<Vec<Option<usize>>> {
    let keys = Keys::of(entities.iter().copied());
    entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            e.links
                .iter()
                .map(|l| keys.resolve(e, l).map(EntityIx::index).filter(|&o| o != i))
                .collect()
        })
        .collect()
}

/// A name as links are matched by: letters and digits in lower case, one space between words,
/// without a leading "the".
fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Whether link `a` says more than `b` about an entry's relation to the same other entry: a kind
/// over none, a named role over an association, then the entry's own record over the other's.
fn says_more(a: &Linked<'_>, b: &Linked<'_>) -> bool {
    let rank = |l: &Linked<'_>| (specificity(l.kind), l.stated_by_self);
    rank(a) > rank(b)
}

/// How much a kind says: none, an association, or a named role.
fn specificity(kind: LinkKind) -> u8 {
    match kind {
        LinkKind::Unknown => 0,
        LinkKind::Associate => 1,
        _ => 2,
    }
}

/// One link of an entry, as seen from that entry.
#[derive(Debug, Clone)]
pub struct Linked<'a> {
    /// What the relation is.
    pub kind: LinkKind,
    /// Which way it reads from the entry asked about: outgoing, the entry is the leader, owner,
    /// member, front or successor of the other.
    pub direction: LinkDirection,
    /// The list's own wording of the relation.
    pub wording: &'a str,
    /// The other entry, when it is loaded.
    pub entity: Option<&'a Entity>,
    /// Its name: the entry's caption, else the name the list gives.
    pub name: &'a str,
    /// Its reference on its list, where known.
    pub reference: &'a str,
    /// Its list.
    pub list: &'a str,
    /// The sentence or record the link was read from.
    pub source_text: Option<&'a str>,
    /// The share owned, in percent, where stated.
    pub share: Option<f64>,
    /// The entry whose record states the link.
    pub stated_by: &'a Entity,
    /// The other entry's position in the index.
    other: Option<usize>,
    /// Whether the entry asked about states the link in its own record.
    stated_by_self: bool,
}

impl Linked<'_> {
    /// The role of the entry asked about, in words ("leader of", "owned by").
    pub fn role(&self) -> &'static str {
        use LinkDirection::{Incoming, Outgoing};
        use LinkKind::*;
        match (self.kind, self.direction) {
            (Leader, Outgoing) => "leader of",
            (Leader, Incoming) => "led by",
            (Member, Outgoing) => "member of",
            (Member, Incoming) => "has as member",
            (Front, Outgoing) => "front for",
            (Front, Incoming) => "has as front",
            (Successor, Outgoing) => "successor of",
            (Successor, Incoming) => "succeeded by",
            (Owner, Outgoing) => "owner of",
            (Owner, Incoming) => "owned by",
            (Associate, _) => "associate of",
            (Family, _) => "relative of",
            (Unknown, _) => "linked to",
        }
    }

    /// The link as a reader sees it: "linked to LASHKAR-E-TAYYIBA (QDe.118) as leader".
    pub fn phrase(&self) -> String {
        use LinkDirection::{Incoming, Outgoing};
        use LinkKind::*;
        let reference = if self.reference.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.reference)
        };
        let share = self.share.map(|s| format!(", {s}%")).unwrap_or_default();
        let other = format!("{}{reference}", self.name);
        match (self.kind, self.direction) {
            (Unknown, _) => format!("linked to {other}"),
            (Family, _) => format!("linked to {other} as relative"),
            (Associate, _) => format!("linked to {other} as associate"),
            (k, Outgoing) => format!("linked to {other} as {}{share}", k.as_str()),
            (k, Incoming) => format!("linked to {other}, its {}{share}", k.as_str()),
        }
    }
}

/// A company blocked by ownership: the designated or blocked owners' aggregate share and how
/// each of them holds it, down to a designated party.
#[derive(Debug, Clone)]
pub struct OwnershipBlock<'a> {
    /// The owners' shares added up, in percent.
    pub share: f64,
    /// One chain per owner, from the company up to a designated party: (owner, its share of the
    /// entry below it).
    pub chains: Vec<Vec<(&'a Entity, f64)>>,
    /// Whether the UK and EU rules (more than 50 percent) also block it.
    pub over_half: bool,
}

/// What a screening result says about its entry's links: the links themselves, the path to a
/// designation for an entry that is not designated, and a block by ownership.
#[derive(Debug, Clone, Default)]
pub struct Connections<'a> {
    /// The entry's links, one per other entry.
    pub links: Vec<Linked<'a>>,
    /// For an entry that is not designated itself: the links to the nearest designated one.
    pub designation_path: Option<Vec<Linked<'a>>>,
    /// For a company that designated parties own 50 percent or more of: how.
    pub ownership: Option<OwnershipBlock<'a>>,
}

/// An entry reached in a network.
#[derive(Debug, Clone, Copy)]
pub struct NetworkNode<'a> {
    /// The entry.
    pub entity: &'a Entity,
    /// Links from the root (the root is at 0).
    pub depth: usize,
    /// Its position in the index.
    pub position: usize,
}

/// An entry's neighbourhood: the entries reached within a depth, and the links between them.
#[derive(Debug, Clone)]
pub struct Network<'a> {
    /// The entry asked about.
    pub root: &'a Entity,
    /// Entries reached, the root first, in the order found.
    pub nodes: Vec<NetworkNode<'a>>,
    /// Links from an entry of `nodes` (by its position there): resolved ones to another node,
    /// and at the last depth only the links of entries already found.
    pub links: Vec<(usize, Linked<'a>)>,
}

impl Index {
    /// The links graph, built now if it was neither built nor read from a snapshot before.
    pub(crate) fn link_graph(&self) -> &LinkGraph {
        self.link_graph.get_or_init(|| LinkGraph::build(self))
    }

    /// Entity `i`'s links, from its own record and from the records that name it, one per
    /// other entry (the one that says most), as seen from entity `i`: named roles first.
    pub fn links_of(&self, i: usize) -> Vec<Linked<'_>> {
        let graph = self.link_graph();
        let mut out: Vec<Linked<'_>> = Vec::new();
        for edge in &graph.edges[i] {
            let linked = self.linked(edge);
            let same = out.iter_mut().find(|x| match (x.other, linked.other) {
                (Some(a), Some(b)) => a == b,
                (None, None) => x.name == linked.name,
                _ => false,
            });
            match same {
                Some(x) if says_more(&linked, x) => *x = linked,
                Some(_) => {}
                None => out.push(linked),
            }
        }
        // Named roles first (leaders, owners, fronts), then associations, then mentions.
        out.sort_by_key(|l| std::cmp::Reverse(specificity(l.kind)));
        out
    }

    fn linked(&self, edge: &Edge) -> Linked<'_> {
        let stated_by = self.entity(edge.stated_by.index());
        let link = &stated_by.links[edge.link as usize];
        let entity = edge.other.map(|o| self.entity(o.index()));
        let (name, reference, list) = match (entity, edge.reversed) {
            (Some(e), _) => (
                &e.caption[..],
                &e.provenance.reference[..],
                &e.provenance.list[..],
            ),
            (None, _) => (
                link.name.as_deref().unwrap_or(&link.reference),
                &link.reference[..],
                link.list.as_deref().unwrap_or(&stated_by.provenance.list),
            ),
        };
        Linked {
            kind: link.kind,
            direction: if edge.reversed {
                link.direction.reversed()
            } else {
                link.direction
            },
            wording: &link.relation,
            entity,
            name,
            reference,
            list,
            source_text: link.source_text.as_deref(),
            share: link.share,
            stated_by,
            other: edge.other.map(EntityIx::index),
            stated_by_self: !edge.reversed,
        }
    }

    /// Where link `k` of entity `i` leads: the other entry's position, when it is loaded.
    pub fn link_target(&self, i: usize, k: usize) -> Option<usize> {
        self.link_graph().edges[i]
            .iter()
            .find(|e| !e.reversed && e.link as usize == k)
            .and_then(|e| e.other)
            .map(EntityIx::index)
    }

    /// The position of the entity with this id, if loaded.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        (0..self.entity_count()).find(|&i| self.entity_id(i) == id)
    }

    /// The entity an analyst means by `key`: its id ("un-sc:114076"), else the list reference
    /// ("QDe.118"; the UN's entry first when several lists use it).
    pub fn find_entity(&self, key: &str) -> Option<usize> {
        self.position_of(key).or_else(|| {
            let mut found = self
                .entities()
                .enumerate()
                .filter(|(_, e)| e.provenance.reference.eq_ignore_ascii_case(key));
            let first = found.next()?;
            Some(
                std::iter::once(first)
                    .chain(found)
                    .find(|(_, e)| e.provenance.list == "un-sc")
                    .unwrap_or(first)
                    .0,
            )
        })
    }

    /// Entity `root`'s network to `depth` links away (breadth first).
    pub fn network(&self, root: usize, depth: usize) -> Network<'_> {
        let node = |i: usize, depth: usize| NetworkNode {
            entity: self.entity(i),
            depth,
            position: i,
        };
        let mut nodes: Vec<NetworkNode<'_>> = vec![node(root, 0)];
        let mut position: HashMap<usize, usize> = HashMap::from([(root, 0)]);
        let mut queue = VecDeque::from([(root, 0usize)]);
        let mut links = Vec::new();
        while let Some((i, d)) = queue.pop_front() {
            let from = position[&i];
            for linked in self.links_of(i) {
                let known = linked.other.and_then(|o| position.get(&o).copied());
                match (linked.other, known) {
                    // Each pair once: from the entry found first.
                    (Some(_), Some(p)) if p > from => links.push((from, linked)),
                    (Some(_), Some(_)) => {}
                    (Some(o), None) if d < depth => {
                        position.insert(o, nodes.len());
                        nodes.push(node(o, d + 1));
                        queue.push_back((o, d + 1));
                        links.push((from, linked));
                    }
                    (Some(_), None) => {}
                    (None, _) if d < depth => links.push((from, linked)),
                    (None, _) => {}
                }
            }
        }
        Network {
            root: self.entity(root),
            nodes,
            links,
        }
    }

    /// For an entry that is not designated itself (a relative, an owner, a related company),
    /// the shortest path of links to a designated entry: each step as seen from the entry
    /// before it. `None` for designated entries and for parties linked to none.
    pub fn designation_path(&self, i: usize) -> Option<Vec<Linked<'_>>> {
        if !self.entity(i).related_only {
            return None;
        }
        let graph = self.link_graph();
        let mut came_from: HashMap<usize, (usize, Edge)> = HashMap::new();
        let mut queue = VecDeque::from([i]);
        let mut seen = HashSet::from([i]);
        while let Some(at) = queue.pop_front() {
            for edge in &graph.edges[at] {
                let Some(o) = edge.other.map(|o| o.index()) else {
                    continue;
                };
                if !seen.insert(o) {
                    continue;
                }
                came_from.insert(o, (at, *edge));
                if !self.entity(o).related_only {
                    let mut path = Vec::new();
                    let mut step = o;
                    while let Some(&(prev, edge)) = came_from.get(&step) {
                        path.push(self.linked(&edge));
                        step = prev;
                    }
                    path.reverse();
                    return Some(path);
                }
                queue.push_back(o);
            }
        }
        None
    }

    /// Everything a screening result reports about entity `i`'s links.
    pub fn connections(&self, i: usize) -> Connections<'_> {
        if !self.linked || self.link_graph().edges[i].is_empty() {
            return Connections::default();
        }
        Connections {
            links: self.links_of(i),
            designation_path: self.designation_path(i),
            ownership: self.ownership_block(i),
        }
    }

    /// Whether entity `i` is blocked because designated parties own 50 percent or more of it,
    /// directly or through companies they own: the share and the chains.
    pub fn ownership_block(&self, i: usize) -> Option<OwnershipBlock<'_>> {
        let graph = self.link_graph();
        let owners = graph.blocked.get(&EntityIx::at(i))?;
        let share: f64 = owners.iter().map(|(_, s)| s).sum();
        let chains = owners
            .iter()
            .map(|&(o, s)| {
                let mut chain = vec![(self.entity(o.index()), s)];
                let mut at = o;
                let mut seen = HashSet::from([i, o.index()]);
                // Up through blocked companies to a designated owner, the largest holder first.
                while let Some(up) = graph.blocked.get(&at) {
                    let Some(&(next, s)) = up
                        .iter()
                        .filter(|(x, _)| !seen.contains(&x.index()))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                    else {
                        break;
                    };
                    seen.insert(next.index());
                    chain.push((self.entity(next.index()), s));
                    at = next;
                }
                chain
            })
            .collect();
        Some(OwnershipBlock {
            share,
            chains,
            over_half: share > OWNERSHIP_THRESHOLD,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{Provenance, Schema};

    fn entity(id: &str, schema: Schema, related_only: bool) -> Entity {
        let mut e = Entity::new(
            schema,
            id,
            Provenance {
                list: "t".into(),
                list_version: "1".into(),
                reference: id.into(),
                record_id: id.into(),
            },
        );
        e.related_only = related_only;
        e
    }

    fn owns(owner: &mut Entity, asset: &str, share: f64) {
        owner.links.push(Link {
            reference: asset.into(),
            relation: "owner of".into(),
            kind: LinkKind::Owner,
            direction: LinkDirection::Outgoing,
            share: Some(share),
            ..Link::default()
        });
    }

    #[test]
    fn names_find_a_primary_name_before_an_alias_in_either_order() {
        use interdict_model::Name;
        let tanker = entity("NITC", Schema::Company, false);
        let mut branch = entity("NITC LLC", Schema::Company, false);
        branch.names.push(Name::new("NITC", NameKind::Alias));
        let mut person = entity("Yevgeniy PRIGOZHIN", Schema::Person, false);
        person.caption = "Yevgeniy PRIGOZHIN".into();
        let mut vessel = entity("SHIP", Schema::Vessel, false);
        for name in ["NITC", "PRIGOZHIN, Yevgeniy", "Nobody Known"] {
            vessel.links.push(Link {
                relation: "linked to".into(),
                name: Some(name.into()),
                ..Link::default()
            });
        }
        let index = Index::build(vec![tanker, branch, person, vessel]);
        let ship = index.position_of("t:SHIP").unwrap();
        let target = |k| {
            index
                .link_target(ship, k)
                .map(|i| index.entity(i).id.clone())
        };
        assert_eq!(target(0).as_deref(), Some("t:NITC"));
        assert_eq!(target(1).as_deref(), Some("t:Yevgeniy PRIGOZHIN"));
        assert_eq!(target(2), None);
    }

    #[test]
    fn a_graph_fits_only_the_entries_and_links_it_was_built_from() {
        let mut p = entity("P", Schema::Person, false);
        owns(&mut p, "A", 60.0);
        let index = Index::build(vec![p, entity("A", Schema::Company, true)]);
        let graph = index.link_graph();
        let links: Vec<u32> = (0..2).map(|i| index.entity(i).links.len() as u32).collect();
        assert!(graph.fits(&links));
        assert!(!graph.fits(&links[..1]), "an entry fewer");
        assert!(!graph.fits(&[links[0], links[1], 0]), "an entry more");
        assert!(!graph.fits(&[0, 0]), "a link its entry does not state");
    }

    #[test]
    fn name_keys_ignore_case_marks_and_the() {
        assert_eq!(name_key("The Abu Sayyaf Group"), "abu sayyaf group");
        assert_eq!(name_key("ANSAR BANK."), "ansar bank");
    }

    #[test]
    fn ownership_adds_up_through_chains_and_stops_in_cycles() {
        // P (designated) owns 60% of A; A owns 30% of B and P 25% of B: B is 55% blocked.
        // B and C own each other (a cycle), C is owned 40% by B only: not blocked.
        let mut p = entity("P", Schema::Person, false);
        let mut a = entity("A", Schema::Company, true);
        let mut b = entity("B", Schema::Company, true);
        let mut c = entity("C", Schema::Company, true);
        owns(&mut p, "A", 60.0);
        owns(&mut a, "B", 30.0);
        owns(&mut p, "B", 25.0);
        owns(&mut b, "C", 40.0);
        owns(&mut c, "B", 10.0);
        let index = Index::build(vec![p, a, b, c]);
        let block =
            |id: &str| index.ownership_block(index.position_of(&format!("t:{id}")).unwrap());
        assert_eq!(block("A").unwrap().share, 60.0);
        let b_block = block("B").unwrap();
        assert_eq!(b_block.share, 55.0);
        assert!(b_block.over_half);
        let via_a = b_block.chains.iter().find(|c| c[0].0.id == "t:A").unwrap();
        let ids: Vec<_> = via_a.iter().map(|(e, s)| (e.id.as_str(), *s)).collect();
        assert_eq!(ids, [("t:A", 30.0), ("t:P", 60.0)]);
        assert!(
            block("C").is_none(),
            "40% by a blocked company is not enough"
        );
        assert!(
            block("P").is_none(),
            "the designated owner is designated, not blocked by rule"
        );
    }
}
