//! Writes the short forms of English given names of the carltonnorthern/nicknames table
//! (through the `nicknamer` crate, which embeds it) as a static table. The crate answers one
//! name at a time and builds its whole table again for each answer, so the table is gathered
//! here once: every name reached from the built-in short forms and from every word of two or
//! three letters (most nicknames are that short), following each answer to its own relations.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/short_forms.rs");
    let mut queue: VecDeque<String> = built_in_names().into_iter().collect();
    let letters = b'a'..=b'z';
    for a in letters.clone() {
        for b in letters.clone() {
            queue.push_back(String::from_utf8(vec![a, b]).unwrap_or_default());
            for c in letters.clone() {
                queue.push_back(String::from_utf8(vec![a, b, c]).unwrap_or_default());
            }
        }
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    while let Some(name) = queue.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let partners = nicknamer::nicknames(&name);
        for p in &partners {
            if !seen.contains(p) {
                queue.push_back(p.clone());
            }
        }
        let ascii = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
        let partners: Vec<String> = partners.into_iter().filter(|p| ascii(p)).collect();
        if ascii(&name) && !partners.is_empty() {
            table.insert(name, partners);
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
        .join("resource_short_forms.rs");
    let mut f = std::fs::File::create(out).expect("the generated table");
    writeln!(
        f,
        "/// Given names and their relations in the carltonnorthern/nicknames table."
    )
    .unwrap();
    writeln!(
        f,
        "pub(crate) const RESOURCE_SHORT_FORMS: &[(&str, &[&str])] = &["
    )
    .unwrap();
    for (name, partners) in &table {
        let list: Vec<String> = partners.iter().map(|p| format!("{p:?}")).collect();
        writeln!(f, "    ({name:?}, &[{}]),", list.join(", ")).unwrap();
    }
    writeln!(f, "];").unwrap();
}

include!("src/short_forms.rs");

/// The names of the built-in table, full and short.
fn built_in_names() -> Vec<String> {
    SHORT_FORMS
        .iter()
        .flat_map(|(full, shorts)| std::iter::once(*full).chain(shorts.iter().copied()))
        .map(String::from)
        .collect()
}
