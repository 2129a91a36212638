//! Given names that look alike in Latin letters but are different names: Muhammad and Mahmud,
//! Hasan and Husain, Husain and Husaini. Their spellings differ by a vowel or an `h`, which
//! transliteration variants also do, so only a list of them can keep them apart.

use crate::fold::fold;
use crate::FixedHashMap as HashMap;
use std::sync::OnceLock;

/// Spellings of one name each, as written in Latin letters and as Arabic script transliterates
/// (without short vowels).
const GROUPS: &[&[&str]] = &[
    &[
        "muhammad", "mohammad", "mohammed", "muhammed", "mohamed", "mohamad", "muhamad", "mehmet",
        "mehmed", "mahammad", "mhmd",
    ],
    &[
        "mohammadi",
        "muhammadi",
        "mohamadi",
        "mohammedi",
        "mohammady",
        "mhmdy",
    ],
    &["ahmadi", "ahmedi", "ahmady", "ahmdy"],
    &[
        "mahmud", "mahmoud", "mahmood", "mehmood", "mahmut", "mhmud", "mhmwd",
    ],
    &["ahmad", "ahmed", "ahmet", "ahmd"],
    &["hamid", "hamed", "hameed", "hmid", "hmyd"],
    &["hasan", "hassan", "hasen", "hassen", "hsn"],
    &[
        "husain", "hussain", "husein", "hussein", "husayn", "hosein", "hossein", "hosain",
        "hossain", "husin", "hsyn", "hsin",
    ],
    &["saeed", "saied", "saeid", "sayeed", "saaed"],
    &["ali", "aly", "alee", "aali"],
    &["allah", "alla", "ullah", "ulla", "allh"],
    // Abdullah is a name of its own; Abdul (Abdel, Abdol) is the first half of a compound
    // whose second half is another word ("Abdul Rahim").
    &[
        "abdullah", "abdulla", "abdallah", "abdalla", "abdollah", "abdolla", "abdulah", "abdallh",
        "abdullh",
    ],
    &["abdul", "abdel", "abdol", "abdl"],
    &["abdulali", "abdolali", "abdelali", "abdali", "abdaly"],
    &[
        "sayed", "sayyed", "sayyid", "syed", "seyed", "seyyed", "sayid", "sayyad",
    ],
    &[
        "husaini", "hussaini", "hosseini", "husseini", "hosaini", "husayni", "hossaini", "hsyny",
    ],
];

/// Each name's group, once built.
static GROUP_OF: OnceLock<HashMap<String, u8>> = OnceLock::new();

/// Builds the table of groups.
pub(crate) fn prepare() {
    groups();
}

/// Whether the table of groups is built.
pub(crate) fn prepared() -> bool {
    GROUP_OF.get().is_some()
}

fn groups() -> &'static HashMap<String, u8> {
    GROUP_OF.get_or_init(|| {
        let mut m = HashMap::default();
        for (i, g) in GROUPS.iter().enumerate() {
            for s in *g {
                m.insert(fold(s), i as u8);
                m.insert((*s).to_string(), i as u8);
            }
        }
        m
    })
}

/// Whether two folded tokens are spellings of two different names of the list.
pub fn distinct_names(a_folded: &str, b_folded: &str) -> bool {
    if a_folded.len() > 9 || b_folded.len() > 9 {
        return false;
    }
    let g = groups();
    // Most words are in no group: the second is looked up only when the first is.
    g.get(a_folded)
        .is_some_and(|x| g.get(b_folded).is_some_and(|y| y != x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_names_and_same_names() {
        let d =
            |a: &str, b: &str| distinct_names(&fold(&a.to_lowercase()), &fold(&b.to_lowercase()));
        assert!(d("Mohammad", "Mahmoud"));
        assert!(d("Hassan", "Hussein"));
        assert!(d("Hussein", "Hosseini"));
        assert!(d("mhmd", "mhmwd"));
        assert!(d("mhmdy", "Mohammad"), "محمدي, Mohammadi, is not Muhammad");
        assert!(d("Mahmoud", "Mohammadi"));
        assert!(d("Ahmadi", "ahmd"));
        assert!(d("Mahammad", "Mahmoud"));
        assert!(
            d("Abdullah", "Abdul"),
            "Abdullah is not the Abdul of Abdul Rahim"
        );
        assert!(d("abdallh", "Abdul"), "عبدالله, Abdullah, is not Abdul");
        assert!(d("Abdallah", "Abdel"));
        assert!(d("Abdolali", "Abdullah"), "Abd al-Ali is not Abdullah");
        assert!(!d("Abdulla", "Abdullah"));
        assert!(!d("Abdel", "Abdul"));
        assert!(!d("Mohammed", "Muhammad"));
        assert!(!d("Hossein", "Husayn"));
        assert!(!d("Smith", "Mahmoud"));
    }
}
