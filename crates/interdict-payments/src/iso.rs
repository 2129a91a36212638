//! ISO 20022 messages read from their element trees: the message definition from the
//! `Document`'s namespace (any version), the ids, and every party, agent, identifier, country
//! and free text with its element path. Element names are the same across the versions that
//! CBPR+ and the market use (`.001.08` to `.001.13`), so one walk serves them all.

use crate::{Error, Field, FieldKind, Message};
use interdict_lists::xml::Node;
use std::borrow::Cow;

/// The namespace prefix of ISO 20022 message definitions.
const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// The message definitions read, by the root element inside `Document`.
const ROOTS: &[(&str, &str)] = &[
    ("FIToFICstmrCdtTrf", "pacs.008"),
    ("FICdtTrf", "pacs.009"),
    ("PmtRtr", "pacs.004"),
    ("CstmrCdtTrfInitn", "pain.001"),
];

/// Parties: element name and role.
const PARTIES: &[(&str, &str)] = &[
    ("Dbtr", "debtor"),
    ("Cdtr", "creditor"),
    ("UltmtDbtr", "ultimate_debtor"),
    ("UltmtCdtr", "ultimate_creditor"),
    ("InitgPty", "initiating_party"),
    ("OrgnlDbtr", "original_debtor"),
    ("OrgnlCdtr", "original_creditor"),
    ("OrgnlUltmtDbtr", "original_ultimate_debtor"),
    ("OrgnlUltmtCdtr", "original_ultimate_creditor"),
];

/// Elements whose text is free text, screened like a document.
const FREE_TEXT: &[&str] = &["Ustrd", "AddtlInf", "InstrInf", "AddtlRmtInf", "Inf"];

/// An agent element's kind and number (`IntrmyAgt1` → `Intrmy`, `1`), or `None` for other
/// elements.
fn agent_parts(name: &str) -> Option<(&str, Option<&str>)> {
    let (base, number) = match name.strip_suffix(|c: char| c.is_ascii_digit()) {
        Some(b) => (b, Some(&name[b.len()..])),
        None => (name, None),
    };
    Some((base.strip_suffix("Agt")?, number))
}

/// The role of an agent element (`DbtrAgt` → `debtor_agent`, `IntrmyAgt1` →
/// `intermediary_agent_1`), or `None` for other elements.
fn agent_role(name: &str) -> Option<String> {
    let (base, number) = agent_parts(name)?;
    let words = match base {
        "Dbtr" => "debtor_agent",
        "Cdtr" => "creditor_agent",
        "Intrmy" => "intermediary_agent",
        "Instg" => "instructing_agent",
        "Instd" => "instructed_agent",
        "PrvsInstg" => "previous_instructing_agent",
        "Fwdg" => "forwarding_agent",
        _ => "agent",
    };
    Some(match number {
        Some(n) => format!("{words}_{n}"),
        None => words.to_string(),
    })
}

/// Whether an element is an agent (what [`agent_role`] names), without naming it.
fn is_agent(name: &str) -> bool {
    agent_parts(name).is_some()
}

/// A message read from its `Document` element, and the application header before it, if any.
pub(crate) fn message(
    source: &str,
    document: &Node,
    header: Option<&Node>,
) -> Result<Message, Error> {
    let root = document
        .children
        .first()
        .ok_or_else(|| Error(format!("{source}: <Document> is empty")))?;
    let namespace = document
        .attrs
        .iter()
        .find_map(|(_, v)| v.strip_prefix(NAMESPACE));
    let known = ROOTS.iter().find(|(r, _)| *r == root.name).map(|(_, f)| *f);
    let format = match (known, namespace) {
        (Some(kind), Some(ns)) if ns.starts_with(kind) => ns.to_string(),
        (Some(kind), _) => kind.to_string(),
        (None, ns) => {
            return Err(Error(format!(
                "{source}: line {}: <{}>{} is not a payment message interdict reads (expected \
                 pacs.008, pacs.009, pacs.004 or pain.001)",
                root.line,
                root.name,
                ns.map(|n| format!(" ({n})")).unwrap_or_default()
            )))
        }
    };
    let mut walk = Walk::default();
    if let Some(h) = header {
        walk.visit(
            h,
            &mut vec![Cow::Borrowed(h.name.as_str())],
            &mut Vec::new(),
        );
    }
    walk.visit(root, &mut Vec::new(), &mut Vec::new());
    if walk.fields.is_empty() {
        return Err(Error(format!(
            "{source}: line {}: <{}> has no party, agent or text to screen",
            root.line, root.name
        )));
    }
    let message_id = root
        .child("GrpHdr")
        .and_then(|g| g.child_text("MsgId"))
        .or_else(|| header.and_then(|h| h.child_text("BizMsgIdr")));
    Ok(Message {
        source: source.to_string(),
        format,
        message_id,
        transaction_ids: walk.transaction_ids(),
        fields: walk.fields,
    })
}

/// What a walk over a message's tree gathers.
#[derive(Default)]
struct Walk {
    fields: Vec<Field>,
    end_to_end: Vec<String>,
    other_ids: Vec<String>,
}

impl Walk {
    /// The transactions' ids: their end-to-end ids, else their other ids (return ids, UETRs).
    fn transaction_ids(&self) -> Vec<String> {
        let ids = if self.end_to_end.is_empty() {
            &self.other_ids
        } else {
            &self.end_to_end
        };
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }

    /// Visits `node`, whose path from the message root is `path` (its own segment not yet
    /// in it, for the root) and whose ancestors' names are `names`.
    fn visit<'a>(
        &mut self,
        node: &'a Node,
        path: &mut Vec<Cow<'a, str>>,
        names: &mut Vec<&'a str>,
    ) {
        let depth = (path.len(), names.len());
        names.push(&node.name);
        if let Some(role) = party_role(&node.name)
            .map(str::to_string)
            .or_else(|| agent_role(&node.name))
        {
            self.party(node, &role, path);
        }
        self.leaf(node, path, names);
        for (i, child) in node.children.iter().enumerate() {
            let named = |c: &&Node| c.name == child.name;
            let repeated = matches!(child.name.as_str(), "CdtTrfTxInf" | "TxInf" | "PmtInf")
                || node.children.iter().filter(named).nth(1).is_some();
            path.push(if repeated {
                let position = node.children[..i].iter().filter(named).count() + 1;
                Cow::Owned(format!("{}[{position}]", child.name))
            } else {
                Cow::Borrowed(&child.name)
            });
            self.visit(child, path, names);
            path.pop();
        }
        names.truncate(depth.1);
        path.truncate(depth.0);
    }

    /// A party or an agent: its name, with what the message says beside it.
    fn party(&mut self, node: &Node, role: &str, path: &[Cow<'_, str>]) {
        let institution = node
            .child("FinInstnId")
            .or_else(|| node.child("FIId").and_then(|f| f.child("FinInstnId")));
        let party = node.child("Pty").unwrap_or(node);
        let (name_node, name_path) = match (institution, party.child("Nm")) {
            (Some(fi), _) if fi.child("Nm").is_some() => (fi.child("Nm"), "FinInstnId/Nm"),
            (_, Some(n)) => (Some(n), if party.name == "Pty" { "Pty/Nm" } else { "Nm" }),
            _ => (None, ""),
        };
        let Some(text) = name_node.and_then(Node::clean_text) else {
            return;
        };
        let organisation = if institution.is_some() || !party.descendants("OrgId").is_empty() {
            Some(true)
        } else if !party.descendants("PrvtId").is_empty() {
            Some(false)
        } else {
            None
        };
        let mut countries = Vec::new();
        for c in ["Ctry", "CtryOfRes", "CtryOfBirth"] {
            for t in party.descendants_text(c) {
                if !countries.contains(&t) {
                    countries.push(t);
                }
            }
        }
        let identifiers = party
            .descendants("Othr")
            .into_iter()
            .filter_map(|o| o.child_text("Id"))
            .collect();
        let birth_date = party.descendants_text("BirthDt").into_iter().next();
        let mut full_path = path.to_vec();
        full_path.push(Cow::Borrowed(name_path));
        self.fields.push(Field {
            field: format!("{}/{name_path}", node.name),
            path: full_path.join("/"),
            text,
            kind: FieldKind::Name {
                role: role.to_string(),
                organisation,
                countries,
                identifiers,
                birth_date,
            },
        });
    }

    /// Identifiers, countries, BICs, free text and ids, wherever they are.
    fn leaf(&mut self, node: &Node, path: &[Cow<'_, str>], names: &[&str]) {
        if !node.children.is_empty() {
            return;
        }
        let parent = names.iter().rev().nth(1).copied().unwrap_or("");
        let under = |n: &str| names.contains(&n);
        let kind = match node.name.as_str() {
            "BICFI" | "AnyBIC" | "BIC" | "BICOrBEI" => Leaf::Field(FieldKind::Bic),
            "LEI" => Leaf::Field(FieldKind::Lei),
            "Id" if parent == "Othr" && (under("OrgId") || under("PrvtId")) => {
                Leaf::Field(FieldKind::Identifier)
            }
            "Ctry" | "CtryOfRes" | "CtryOfBirth" => Leaf::Field(FieldKind::Country),
            "Prtry" if parent == "Purp" => Leaf::Field(FieldKind::FreeText),
            n if FREE_TEXT.contains(&n) => Leaf::Field(FieldKind::FreeText),
            "EndToEndId" => Leaf::EndToEndId,
            "RtrId" | "UETR" | "TxId" => Leaf::OtherId,
            _ => return,
        };
        let Some(text) = node.clean_text() else {
            return;
        };
        let kind = match kind {
            Leaf::Field(kind) => kind,
            Leaf::EndToEndId => return self.end_to_end.push(text),
            Leaf::OtherId => return self.other_ids.push(text),
        };
        let from = names
            .iter()
            .rposition(|n| {
                party_role(n).is_some()
                    || is_agent(n)
                    || is_text_block(n)
                    || (names.first() == Some(&"AppHdr") && (*n == "Fr" || *n == "To"))
            })
            .unwrap_or(names.len() - 1);
        self.fields.push(Field {
            field: names[from..].join("/"),
            path: path.join("/"),
            text,
            kind,
        });
    }
}

/// What a leaf element holds: a field to screen, or an id of the transaction.
enum Leaf {
    Field(FieldKind),
    EndToEndId,
    OtherId,
}

/// The role of a party element, or `None`.
fn party_role(name: &str) -> Option<&'static str> {
    PARTIES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// Elements that hold free text (the field is named from them).
fn is_text_block(name: &str) -> bool {
    matches!(
        name,
        "RmtInf" | "InstrForCdtrAgt" | "InstrForNxtAgt" | "Purp" | "RtrRsnInf" | "RgltryRptg"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_are_named_by_their_role() {
        assert_eq!(agent_role("DbtrAgt").as_deref(), Some("debtor_agent"));
        assert_eq!(
            agent_role("IntrmyAgt2").as_deref(),
            Some("intermediary_agent_2")
        );
        assert_eq!(agent_role("DbtrAgtAcct"), None);
        assert_eq!(agent_role("Dbtr"), None);
        for name in [
            "DbtrAgt",
            "IntrmyAgt2",
            "DbtrAgtAcct",
            "Dbtr",
            "Agt",
            "Agt1",
        ] {
            assert_eq!(is_agent(name), agent_role(name).is_some(), "{name}");
        }
    }
}
