//! SWIFT MT103, MT202 and MT202 COV read from their blocks: the sender and receiver of blocks
//! 1 and 2, the COV flag and UETR of block 3, and the fields of block 4 (`:TAG:value`, values
//! over several lines). Party fields are read by their option: A (an account, then a BIC),
//! D and K and no letter (an account, then name and address lines), F (an identifier, then
//! numbered lines: `1/` name, `2/` address, `3/` country and town, `4/` date of birth, `7/`
//! national id, ...).

use crate::{Error, Field, FieldKind, Message};

/// Party and institution tags, with their role.
const ROLES: &[(&str, &str)] = &[
    ("50", "ordering_customer"),
    ("52", "ordering_institution"),
    ("53", "senders_correspondent"),
    ("54", "receivers_correspondent"),
    ("55", "third_reimbursement_institution"),
    ("56", "intermediary_institution"),
    ("57", "account_with_institution"),
    ("58", "beneficiary_institution"),
    ("59", "beneficiary"),
];

/// One field of block 4.
struct TagValue<'a> {
    tag: &'a str,
    value: String,
    occurrence: usize,
}

/// The message in `text` (from its `{1:` block, or block 4's fields alone).
pub(crate) fn message(source: &str, text: &str) -> Result<Message, Error> {
    let block = |n: &str| block(text, n);
    let kind = block("2").and_then(|b| b.get(1..4)).unwrap_or("103");
    if kind != "103" && kind != "202" {
        return Err(Error(format!(
            "{source}: MT{kind} is not a payment message interdict reads (expected MT103, MT202 \
             or MT202 COV)"
        )));
    }
    let body = block4(source, text)?;
    let fields = tag_values(source, &body)?;
    let message_id = fields
        .iter()
        .find(|f| f.tag == "20")
        .map(|f| f.value.trim().to_string());
    if message_id.is_none() {
        return Err(Error(format!(
            "{source}: field 20 (the sender's reference) is missing from block 4"
        )));
    }
    let header = block("3").unwrap_or("");
    let cov = header.contains("{119:COV}")
        || (kind == "202"
            && fields
                .iter()
                .any(|f| f.tag.starts_with("50") || f.tag.starts_with("59")));
    let mut out = Message {
        source: source.to_string(),
        format: format!("MT{kind}{}", if cov && kind == "202" { "COV" } else { "" }),
        message_id,
        transaction_ids: uetr(header).into_iter().collect(),
        fields: Vec::new(),
    };
    out.fields.extend(header_bics(text));
    for f in &fields {
        out.fields.extend(read_field(f));
    }
    Ok(out)
}

/// The content of block `n` (`{n:...}`), without nested blocks' braces resolved.
fn block<'a>(text: &'a str, n: &str) -> Option<&'a str> {
    let start = text.find(&format!("{{{n}:"))? + n.len() + 2;
    let mut depth = 1;
    for (i, c) in text[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[start..start + i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// Block 4's text: between `{4:` and the closing `-}`; or the whole text when it is only
/// block 4's fields.
fn block4(source: &str, text: &str) -> Result<String, Error> {
    let Some(at) = text.find("{4:") else {
        if text.trim_start().starts_with(":20:") {
            return Ok(text
                .trim()
                .trim_end_matches("-}")
                .trim_end_matches('-')
                .to_string());
        }
        return Err(Error(format!(
            "{source}: no block 4 ({{4:...-}}): not an MT message"
        )));
    };
    let rest = &text[at + 3..];
    let end = rest
        .find("\n-}")
        .or_else(|| rest.find("-}"))
        .ok_or_else(|| {
            Error(format!(
                "{source}: block 4 does not end with '-}}': the message is cut short"
            ))
        })?;
    Ok(rest[..end].to_string())
}

/// The `:TAG:value` fields of block 4, in order.
fn tag_values<'a>(source: &str, body: &'a str) -> Result<Vec<TagValue<'a>>, Error> {
    let mut out: Vec<TagValue<'a>> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if let Some((tag, value)) = field_start(line) {
            let occurrence = out.iter().filter(|f| f.tag == tag).count() + 1;
            out.push(TagValue {
                tag,
                value: value.to_string(),
                occurrence,
            });
        } else if let Some(last) = out.last_mut() {
            last.value.push('\n');
            last.value.push_str(line);
        } else if !line.trim().is_empty() {
            return Err(Error(format!(
                "{source}: block 4, line {}: expected a field (':20:...'), found '{}'",
                i + 1,
                line.chars().take(40).collect::<String>()
            )));
        }
    }
    Ok(out)
}

/// `:50K:/123` → (`50K`, `/123`).
fn field_start(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = &rest[..end];
    let ok = (2..=3).contains(&tag.len())
        && tag.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && tag[2..].chars().all(|c| c.is_ascii_uppercase());
    ok.then(|| (tag, &rest[end + 1..]))
}

/// The UETR of block 3 (`{121:...}`).
fn uetr(header: &str) -> Option<String> {
    let at = header.find("{121:")? + 5;
    let end = header[at..].find('}')?;
    Some(header[at..at + end].to_string())
}

/// The sender's and receiver's BICs from blocks 1 and 2 (logical terminal addresses: the BIC
/// with a terminal letter before the branch).
fn header_bics(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    // Twelve letters and digits, or nothing: a damaged header is no BIC.
    let terminal = |lt: &str| -> Option<String> {
        let lt = lt.get(..12)?;
        lt.bytes()
            .all(|b| b.is_ascii_alphanumeric())
            .then(|| format!("{}{}", &lt[..8], &lt[9..12]))
    };
    if let Some(b1) = block(text, "1") {
        if let Some(bic) = b1.get(3..15).and_then(terminal) {
            out.push(bic_field("sender", "1", bic));
        }
    }
    if let Some(b2) = block(text, "2") {
        let lt = if b2.starts_with('I') {
            b2.get(4..16)
        } else {
            b2.get(14..26)
        };
        if let Some(bic) = lt.and_then(terminal) {
            out.push(bic_field("receiver", "2", bic));
        }
    }
    out
}

fn bic_field(field: &str, block: &str, bic: String) -> Field {
    Field {
        field: field.to_string(),
        path: format!("{block}:{field}"),
        text: bic,
        kind: FieldKind::Bic,
    }
}

/// Whether a word is a BIC: 4 letters (bank), 2 letters (country), 2 letters or digits
/// (location), and an optional 3 for the branch.
pub(crate) fn is_bic(word: &str) -> bool {
    let b = word.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The screenable fields of one block 4 field.
fn read_field(f: &TagValue<'_>) -> Vec<Field> {
    let path = if f.occurrence > 1 {
        format!("4:{}[{}]", f.tag, f.occurrence)
    } else {
        format!("4:{}", f.tag)
    };
    let field = |text: String, kind: FieldKind| Field {
        field: f.tag.to_string(),
        path: path.clone(),
        text,
        kind,
    };
    if matches!(f.tag, "70" | "72" | "77B" | "77T") {
        let text = f.value.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        return vec![field(text, FieldKind::FreeText)];
    }
    let Some(role) = ROLES
        .iter()
        .find(|(t, _)| f.tag.starts_with(t))
        .map(|(_, r)| *r)
    else {
        return Vec::new();
    };
    let option = &f.tag[2..];
    let lines: Vec<&str> = f
        .value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // An account or party identifier line first: "/12345" (or "//CH1234" for clearing codes).
    let lines = match lines.first() {
        Some(l) if l.starts_with('/') && option != "F" => &lines[1..],
        _ => &lines[..],
    };
    let organisation = !matches!(role, "ordering_customer" | "beneficiary");
    match option {
        "A" => lines
            .iter()
            .find(|l| is_bic(l))
            .map(|b| vec![field(b.to_string(), FieldKind::Bic)])
            .unwrap_or_default(),
        "F" => structured_party(f, &path, role, lines),
        _ => {
            let Some(name) = lines.first() else {
                return Vec::new();
            };
            let mut out = vec![field(
                name.to_string(),
                FieldKind::Name {
                    role: role.to_string(),
                    organisation: organisation.then_some(true),
                    countries: Vec::new(),
                    identifiers: Vec::new(),
                    birth_date: None,
                },
            )];
            // Option B and C give a location or a clearing code, not a name.
            if matches!(option, "B" | "C") {
                out.clear();
            }
            out
        }
    }
}

/// Option F (50F, 59F): an identifier line, then numbered lines.
fn structured_party(f: &TagValue<'_>, path: &str, role: &str, lines: &[&str]) -> Vec<Field> {
    let mut name = Vec::new();
    let mut countries = Vec::new();
    let mut identifiers = Vec::new();
    let mut birth_date = None;
    for (i, line) in lines.iter().enumerate() {
        match line.split_once('/') {
            Some(("1", n)) => name.push(n.trim()),
            Some(("3", rest)) | Some(("5", rest)) => {
                if let Some(cc) = rest.split('/').next().filter(|c| c.len() == 2) {
                    countries.push(cc.to_string());
                }
            }
            Some(("4", date)) => birth_date = Some(date.trim().to_string()),
            Some(("6", rest)) | Some(("7", rest)) => {
                if let Some(id) = rest.rsplit('/').next() {
                    identifiers.push(id.trim().to_string());
                }
            }
            // The first line: "/account", or "CODE/CC/identifier" (CCPT passport, NIDN
            // national id, ...).
            _ if i == 0 => {
                let parts: Vec<&str> = line.trim_start_matches('/').split('/').collect();
                if parts.len() >= 3 && parts[0].len() == 4 {
                    countries.push(parts[1].to_string());
                    identifiers.push(parts[2..].join("/"));
                }
            }
            _ => {}
        }
    }
    if name.is_empty() {
        return Vec::new();
    }
    vec![Field {
        field: f.tag.to_string(),
        path: path.to_string(),
        text: name.join(" "),
        kind: FieldKind::Name {
            role: role.to_string(),
            organisation: None,
            countries,
            identifiers,
            birth_date,
        },
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_recognised_and_bics_told_from_words() {
        assert_eq!(field_start(":50K:/123"), Some(("50K", "/123")));
        assert_eq!(field_start(":20:REF"), Some(("20", "REF")));
        assert_eq!(field_start("/12:34"), None);
        assert_eq!(field_start(":5:x"), None);
        assert!(is_bic("DEUTDEFF") && is_bic("DEUTDEFF500") && is_bic("KDBKKPPY"));
        assert!(!is_bic("DEUTDEF") && !is_bic("deutdeff") && !is_bic("1EUTDEFF"));
    }

    #[test]
    fn blocks_nest() {
        let t = "{1:F01AAAABBCCXDDD0000000000}{3:{108:X}{121:u-1}}{4:\n:20:R\n-}";
        assert_eq!(block(t, "3"), Some("{108:X}{121:u-1}"));
        assert_eq!(uetr(block(t, "3").unwrap()).as_deref(), Some("u-1"));
    }
}
