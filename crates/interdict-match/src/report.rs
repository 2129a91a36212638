//! The result shape of the screening contract (one hit as JSON), shared by the command line and
//! the HTTP API.

use crate::{Explanation, Hit};
use serde::Serialize;

/// One result as the contract writes it.
#[derive(Debug, Serialize)]
pub struct ResultJson<'a> {
    /// List name.
    pub list: &'a str,
    /// Version of the list.
    pub list_version: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// Person, Organization, ...
    pub schema: &'a str,
    /// The entity's name to show.
    pub caption: &'a str,
    /// The listed name that matched best.
    pub matched_name: &'a str,
    /// Score, rounded.
    pub score: f64,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Why.
    pub explanation: &'a Explanation,
    /// The same target on other lists that link to this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_listed: Vec<AlsoListedJson<'a>>,
    /// The entry's links to other entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkJson<'a>>,
    /// Whether the entry is designated itself (false for a relative, owner or related company
    /// that the lists carry only because of a link).
    pub designated: bool,
    /// For an entry that is not designated: the links from it to the nearest designated one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub designation_path: Option<Vec<LinkJson<'a>>>,
    /// For a company owned 50% or more by designated parties: blocked by rule, and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<OwnershipJson<'a>>,
}

/// One link of a result's entry, as seen from that entry.
#[derive(Debug, Serialize)]
pub struct LinkJson<'a> {
    /// member, associate, leader, front, successor, owner, family or unknown.
    pub relation: &'static str,
    /// outgoing: the entry is the leader, owner, member, front or successor of the other;
    /// incoming: the other is that of the entry.
    pub direction: &'static str,
    /// The entry's role in words ("leader of", "owned by").
    pub role: &'static str,
    /// The other entry's id, when it is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<&'a str>,
    /// Its reference on its list, where known.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// Its name.
    pub caption: &'a str,
    /// Its list.
    pub list: &'a str,
    /// Whether the other entry is designated (false when it is not loaded or is only related).
    pub designated: bool,
    /// The list's wording of the relation.
    pub wording: &'a str,
    /// The sentence or record it was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_text: Option<&'a str>,
    /// The share owned, in percent, where stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The link in words: "linked to LASHKAR-E-TAYYIBA (QDe.118) as leader".
    pub text: String,
}

impl<'a> LinkJson<'a> {
    /// The contract's shape of a link.
    pub fn new(l: &crate::Linked<'a>) -> Self {
        LinkJson {
            relation: l.kind.as_str(),
            direction: match l.direction {
                interdict_model::LinkDirection::Outgoing => "outgoing",
                interdict_model::LinkDirection::Incoming => "incoming",
            },
            role: l.role(),
            entity_id: l.entity.map(|e| e.id.as_str()),
            reference: l.reference,
            caption: l.name,
            list: l.list,
            designated: l.entity.is_some_and(|e| !e.related_only),
            wording: l.wording,
            source_text: l.source_text,
            share: l.share,
            text: l.phrase(),
        }
    }
}

/// A company blocked by ownership (the OFAC 50 percent rule; the UK and EU rules need more
/// than 50 percent).
#[derive(Debug, Serialize)]
pub struct OwnershipJson<'a> {
    /// Always "blocked by ownership": the entry is not designated, its owners are.
    pub rule: &'static str,
    /// The designated and blocked owners' shares added up, in percent.
    pub share: f64,
    /// Whether the UK and EU rules (more than 50 percent) also apply.
    pub over_half: bool,
    /// Per owner, the chain up to a designated party: each step an owner and its share of the
    /// entry below it.
    pub chains: Vec<Vec<OwnerStep<'a>>>,
}

/// One owner in an ownership chain.
#[derive(Debug, Serialize)]
pub struct OwnerStep<'a> {
    /// The owner's id.
    pub entity_id: &'a str,
    /// Its name.
    pub caption: &'a str,
    /// Its share of the entry below it, in percent.
    pub share: f64,
    /// Whether it is designated itself (else it is blocked by ownership in turn).
    pub designated: bool,
}

impl<'a> OwnershipJson<'a> {
    /// The contract's shape of a block by ownership.
    pub fn new(o: &crate::OwnershipBlock<'a>) -> Self {
        OwnershipJson {
            rule: "blocked by ownership",
            share: o.share,
            over_half: o.over_half,
            chains: o
                .chains
                .iter()
                .map(|c| {
                    c.iter()
                        .map(|(e, share)| OwnerStep {
                            entity_id: &e.id,
                            caption: &e.caption,
                            share: *share,
                            designated: !e.related_only,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

/// Another list's entry for the same target.
#[derive(Debug, Serialize)]
pub struct AlsoListedJson<'a> {
    /// List name.
    pub list: &'a str,
    /// Version of the list.
    pub list_version: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list's own reference.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// The entity's name to show.
    pub caption: &'a str,
    /// Its listed name that matched best.
    pub matched_name: &'a str,
    /// Its score for the same query, rounded.
    pub score: f64,
}

impl<'a> AlsoListedJson<'a> {
    /// The contract's shape of another list's entry for a target.
    pub fn new(a: &'a crate::AlsoListed<'a>) -> Self {
        AlsoListedJson {
            list: &a.entity.provenance.list,
            list_version: &a.entity.provenance.list_version,
            entity_id: &a.entity.id,
            reference: &a.entity.provenance.reference,
            caption: &a.entity.caption,
            matched_name: a.matched_name,
            score: round_score(a.score),
        }
    }
}

/// Rounds a score for output (4 decimals keeps the ranking readable without noise).
pub fn round_score(s: f32) -> f64 {
    (f64::from(s) * 10_000.0).round() / 10_000.0
}

/// Writes an `f32` as JSON with four decimals at most, without the noise of widening it (0.8,
/// not 0.800000011920929): `#[serde(serialize_with = "interdict_match::report::rounded")]`.
pub fn rounded<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_score(*x))
}

impl<'a> ResultJson<'a> {
    /// The contract's shape of a hit.
    pub fn new(h: &'a Hit<'a>) -> Self {
        let p = &h.entity.provenance;
        ResultJson {
            list: &p.list,
            list_version: &p.list_version,
            entity_id: &h.entity.id,
            reference: &p.reference,
            schema: h.entity.schema.as_str(),
            caption: &h.entity.caption,
            matched_name: h.matched_name,
            score: round_score(h.score),
            is_match: h.is_match,
            explanation: &h.explanation,
            also_listed: h.also_listed.iter().map(AlsoListedJson::new).collect(),
            links: h.connections.links.iter().map(LinkJson::new).collect(),
            designated: !h.entity.related_only,
            designation_path: h
                .connections
                .designation_path
                .as_ref()
                .map(|p| p.iter().map(LinkJson::new).collect()),
            ownership: h.connections.ownership.as_ref().map(OwnershipJson::new),
        }
    }
}

/// One mention found in a text, as `scan --format json` and the API write it.
#[derive(Debug, Serialize)]
pub struct MentionJson<'a> {
    /// Byte offset of the mention in the original document.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
    /// The text as written.
    pub text: &'a str,
    /// The list's own reference of the entity.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The list.
    pub list: &'a str,
    /// The entity's caption.
    pub caption: &'a str,
    /// The listed name matched.
    pub matched_name: &'a str,
    /// Score.
    pub score: f64,
    /// `name` or `acronym`.
    pub kind: &'static str,
    /// Why it counts.
    pub why: &'a str,
    /// Entries of other lists for the same target that the same text names.
    pub also_listed: Vec<AlsoListedJson<'a>>,
    /// The entity's links to other entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkJson<'a>>,
}

impl<'a> MentionJson<'a> {
    /// The contract's shape of a mention.
    pub fn new(m: &'a crate::Mention<'a>) -> Self {
        MentionJson {
            start: m.start,
            end: m.end,
            text: &m.text,
            reference: &m.entity.provenance.reference,
            entity_id: &m.entity.id,
            list: &m.entity.provenance.list,
            caption: &m.entity.caption,
            matched_name: m.matched_name,
            score: round_score(m.score),
            kind: match m.kind {
                crate::MentionKind::Name => "name",
                crate::MentionKind::Acronym => "acronym",
            },
            why: &m.why,
            also_listed: m.also_listed.iter().map(AlsoListedJson::new).collect(),
            links: m.links.iter().map(LinkJson::new).collect(),
        }
    }
}

/// An entry's network as `interdict network --format json` and `/v1/entities/{id}/network`
/// write it: the entries reached, and the links between them.
#[derive(Debug, Serialize)]
pub struct NetworkJson<'a> {
    /// The entry asked about.
    pub root: &'a str,
    /// How many links away the walk went.
    pub depth: usize,
    /// The entries reached, the root first.
    pub nodes: Vec<NodeJson<'a>>,
    /// The links, each from an entry of `nodes`.
    pub links: Vec<NetworkLinkJson<'a>>,
}

/// One entry of a network.
#[derive(Debug, Serialize)]
pub struct NodeJson<'a> {
    /// Its id.
    pub entity_id: &'a str,
    /// Its reference on its list.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// Its name.
    pub caption: &'a str,
    /// Its list.
    pub list: &'a str,
    /// Person, Organization, ...
    pub schema: &'a str,
    /// Whether it is designated itself.
    pub designated: bool,
    /// Links from the root.
    pub depth: usize,
    /// For a company owned 50% or more by designated parties: blocked by rule, and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<OwnershipJson<'a>>,
}

/// A link of a network, from one of its entries.
#[derive(Debug, Serialize)]
pub struct NetworkLinkJson<'a> {
    /// The entry the link is seen from.
    pub from: &'a str,
    /// The link.
    #[serde(flatten)]
    pub link: LinkJson<'a>,
}

impl<'a> NetworkJson<'a> {
    /// The contract's shape of a network; `index` tells which entries are blocked by ownership.
    pub fn new(n: &crate::Network<'a>, depth: usize, index: &'a crate::Index) -> Self {
        NetworkJson {
            root: &n.root.id,
            depth,
            nodes: n
                .nodes
                .iter()
                .map(|node| {
                    let e = node.entity;
                    NodeJson {
                        entity_id: &e.id,
                        reference: &e.provenance.reference,
                        caption: &e.caption,
                        list: &e.provenance.list,
                        schema: e.schema.as_str(),
                        designated: !e.related_only,
                        depth: node.depth,
                        ownership: index
                            .ownership_block(node.position)
                            .as_ref()
                            .map(OwnershipJson::new),
                    }
                })
                .collect(),
            links: n
                .links
                .iter()
                .map(|(from, l)| NetworkLinkJson {
                    from: &n.nodes[*from].entity.id,
                    link: LinkJson::new(l),
                })
                .collect(),
        }
    }

    /// The network in Graphviz's DOT language: designated entries drawn bold, others dashed,
    /// each link labelled with its relation (an arrow from the leader, owner, member, front or
    /// successor; no arrow for associates and relatives).
    pub fn to_dot(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut out = String::from("digraph network {\n  node [shape=box];\n");
        for n in &self.nodes {
            let label = if n.reference.is_empty() {
                n.caption.to_string()
            } else {
                format!("{}\\n{} {}", n.caption, n.list, n.reference)
            };
            let style = if n.designated { "bold" } else { "dashed" };
            out.push_str(&format!(
                "  {} [label={}, style={style}];\n",
                q(n.entity_id),
                q(&label)
            ));
        }
        let mut unresolved = 0;
        for l in &self.links {
            let other = match l.link.entity_id {
                Some(id) => q(id),
                None => {
                    unresolved += 1;
                    let id = format!("unlisted-{unresolved}");
                    out.push_str(&format!(
                        "  {} [label={}, style=dotted];\n",
                        q(&id),
                        q(l.link.caption)
                    ));
                    q(&id)
                }
            };
            let (a, b) = match l.link.direction {
                "incoming" => (other, q(l.from)),
                _ => (q(l.from), other),
            };
            let label = match l.link.share {
                Some(s) => format!("{} {s}%", l.link.relation),
                None => l.link.relation.to_string(),
            };
            let arrow = match l.link.relation {
                "associate" | "family" | "unknown" => ", dir=none",
                _ => "",
            };
            out.push_str(&format!("  {a} -> {b} [label={}{arrow}];\n", q(&label)));
        }
        out.push_str("}\n");
        out
    }
}
