//! UN reference numbers quoted by other lists ("UN Ref QE.L.118.05", "UN REF:QDi.263"), in the
//! UN's current scheme, so that one target on several lists can be shown as one hit.

use interdict_model::ExternalRef;

/// The UN list's short name.
pub(crate) const UN_LIST: &str = "un-sc";

/// A UN reference in the current scheme ("QDe.118") or the pre-2016 one ("QE.L.118.05",
/// "QI.M.34.01", "TI.A.23.01"), converted to the current scheme; `None` if `token` is neither.
pub(crate) fn normalise_un_reference(token: &str) -> Option<String> {
    let t = token.trim().trim_end_matches(['.', ',', ';', ')']);
    let b = t.as_bytes();
    // Current: two capitals, i or e, a dot, three digits.
    if b.len() == 7
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && matches!(b[2], b'i' | b'e')
        && b[3] == b'.'
        && b[4..].iter().all(u8::is_ascii_digit)
    {
        return Some(t.to_string());
    }
    // Old: Q or T, I or E, '.', a letter, '.', number, '.', two-digit year.
    let parts: Vec<&str> = t.split('.').collect();
    if let [kind, letter, number, year] = parts.as_slice() {
        let k = kind.as_bytes();
        if k.len() == 2
            && matches!(k[0], b'Q' | b'T')
            && matches!(k[1], b'I' | b'E')
            && letter.len() == 1
            && letter.chars().all(|c| c.is_ascii_uppercase())
            && !number.is_empty()
            && number.len() <= 3
            && number.chars().all(|c| c.is_ascii_digit())
            && year.len() == 2
            && year.chars().all(|c| c.is_ascii_digit())
        {
            let regime = if k[0] == b'Q' { "QD" } else { "TA" };
            let class = if k[1] == b'I' { 'i' } else { 'e' };
            let n: u32 = number.parse().ok()?;
            return Some(format!("{regime}{class}.{n:03}"));
        }
    }
    None
}

/// UN references a list quotes in a free-text field after "UN Ref" (any case, with or without a
/// colon).
pub(crate) fn un_refs_in(text: &str) -> Vec<ExternalRef> {
    let mut out: Vec<ExternalRef> = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("un ref") {
        let start = from + at + "un ref".len();
        let rest = text[start..].trim_start_matches([':', ' ', '.']);
        let token = rest.split_whitespace().next().unwrap_or("");
        if let Some(reference) = normalise_un_reference(token) {
            let r = ExternalRef {
                list: UN_LIST.to_string(),
                reference,
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
        from = start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_schemes() {
        let cases = [
            ("QDe.118", Some("QDe.118")),
            ("QE.L.118.05", Some("QDe.118")),
            ("QE.L.118.05.", Some("QDe.118")),
            ("QI.M.34.01", Some("QDi.034")),
            ("TI.A.23.01", Some("TAi.023")),
            ("QE.A.146.14", Some("QDe.146")),
            ("KPi.025", Some("KPi.025")),
            ("Q.E.118", None),
            ("hello", None),
        ];
        for (input, expect) in cases {
            assert_eq!(normalise_un_reference(input).as_deref(), expect, "{input}");
        }
    }

    #[test]
    fn quoted_references() {
        let refs = |t: &str| {
            un_refs_in(t)
                .into_iter()
                .map(|r| r.reference)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            refs("UN Ref QE.L.118.05. Associated with Hafiz Muhammad Saeed"),
            ["QDe.118"]
        );
        assert_eq!(
            refs("\"UN REF:QE.A.146.14. Also referred to as\""),
            ["QDe.146"]
        );
        assert_eq!(refs("UN Ref QDi.263; also UN Ref QDi.263"), ["QDi.263"]);
        assert!(refs("no reference here").is_empty());
    }
}
