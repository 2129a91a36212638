//! Short forms of given names (hypocorisms): "Ted" for Theodore, "Bill" for William, "Sasha"
//! for Aleksandr, "Pepe" for José. A short form pairs with its full name at a similarity below an
//! exact match. A table of our own covers Russian and Spanish usage and the commonest English
//! forms; the carltonnorthern/nicknames table (English, gathered at build time, see `build.rs`)
//! adds its relations.

use crate::{FixedHashMap as HashMap, FixedHashSet as HashSet};
use std::sync::OnceLock;

include!("short_forms.rs");

include!(concat!(env!("OUT_DIR"), "/resource_short_forms.rs"));

/// The pairs of a name and its short form, both ways, once built.
static PAIRS: OnceLock<HashSet<(&'static str, &'static str)>> = OnceLock::new();
/// Each name's short forms and full forms, once built.
static PARTNERS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();

/// Builds both tables.
pub(crate) fn prepare() {
    partners();
}

/// Whether both tables are built.
pub(crate) fn prepared() -> bool {
    PAIRS.get().is_some() && PARTNERS.get().is_some()
}

fn pairs() -> &'static HashSet<(&'static str, &'static str)> {
    PAIRS.get_or_init(|| {
        let mut set = HashSet::default();
        for (full, shorts) in SHORT_FORMS {
            for short in *shorts {
                set.insert((*full, *short));
                set.insert((*short, *full));
            }
        }
        // The resource is English: "al" (Albert) or "de" are particles of other languages'
        // names, and stay nobody's short form.
        let name = |w: &str| crate::TokenClass::of(w) == crate::TokenClass::Word;
        for (a, partners) in RESOURCE_SHORT_FORMS {
            for b in partners.iter().filter(|b| name(a) && name(b)) {
                set.insert((*a, *b));
                set.insert((*b, *a));
            }
        }
        set
    })
}

fn partners() -> &'static HashMap<&'static str, Vec<&'static str>> {
    PARTNERS.get_or_init(|| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::default();
        for (a, b) in pairs() {
            map.entry(*a).or_default().push(*b);
        }
        map
    })
}

/// Whether one of two lower-case given names is a short form of the other ("ted", "theodore").
pub fn is_short_form_pair(a: &str, b: &str) -> bool {
    a != b && pairs().contains(&(a, b))
}

/// The full names a short form stands for and the short forms of a full name.
pub fn short_form_partners(name: &str) -> &'static [&'static str] {
    partners().get(name).map_or(&[], |v| v.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_pair_both_ways() {
        assert!(is_short_form_pair("ted", "theodore"));
        assert!(is_short_form_pair("theodore", "ted"));
        assert!(is_short_form_pair("bill", "william"));
        assert!(is_short_form_pair("sasha", "aleksandr"));
        assert!(!is_short_form_pair("boris", "benjamin"));
        // Relations of the resource table, both ways.
        assert!(is_short_form_pair("ronnie", "aaron"));
        assert!(is_short_form_pair("aaron", "ronnie"));
        assert!(short_form_partners("sandy").contains(&"alexandra"));
        assert!(!is_short_form_pair("ted", "ted"));
        assert!(short_form_partners("ted").contains(&"edward"));
        assert!(short_form_partners("unknown").is_empty());
        // Particles of other languages' names are nobody's short form.
        for particle in ["al", "el", "de", "bin", "abu"] {
            assert!(
                !short_form_partners(particle).iter().any(|p| p.len() > 5),
                "{particle}"
            );
        }
    }
}
