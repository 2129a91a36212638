//! Short forms of given names (hypocorisms): "Ted" for Theodore, "Bill" for William, "Sasha"
//! for Aleksandr, "Pepe" for José. A short form pairs with its full name at a similarity below an
//! exact match. A table of our own covers Russian and Spanish usage and the commonest English
//! forms; the carltonnorthern/nicknames table (English, gathered at build time, see `build.rs`)
//! adds its relations.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Given names with their common short forms, as written in English, Russian and Spanish usage
/// (compiled by hand from the relations recorded in public name resources such as the
/// carltonnorthern/nicknames table and Wikipedia's lists of diminutives). Lower-case ASCII, as
/// [`tokenize`](crate::tokenize) spells them; every spelling of a full name that differs by more
/// than a vowel is listed on its own.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("abigail", &["abby", "gail"]),
    ("abraham", &["abe"]),
    ("albert", &["bert", "albie"]),
    ("alfred", &["alf", "alfie", "fred"]),
    ("amanda", &["mandy"]),
    ("angela", &["angie"]),
    ("arthur", &["art", "artie"]),
    ("barbara", &["barb", "babs"]),
    ("beatrice", &["bea"]),
    ("bernard", &["bernie"]),
    ("caroline", &["carrie"]),
    ("cynthia", &["cindy"]),
    ("dennis", &["denny"]),
    ("dominic", &["dom"]),
    ("douglas", &["doug"]),
    ("eleanor", &["ellie", "nell", "nora"]),
    ("emily", &["em", "emmy"]),
    ("eugene", &["gene"]),
    ("florence", &["flo"]),
    ("frances", &["fran", "frankie"]),
    ("francis", &["frank", "fran"]),
    ("gabriel", &["gabe"]),
    ("geoffrey", &["geoff", "jeff"]),
    ("gerald", &["gerry", "jerry"]),
    ("gilbert", &["gil"]),
    ("harold", &["hal", "harry"]),
    ("herbert", &["herb", "bert"]),
    ("isabella", &["bella", "izzy"]),
    ("jacqueline", &["jackie"]),
    ("jeffrey", &["jeff"]),
    ("jerome", &["jerry"]),
    ("jessica", &["jess", "jessie"]),
    ("josephine", &["jo", "josie"]),
    ("judith", &["judy"]),
    ("kenneth", &["ken", "kenny"]),
    ("leonard", &["leo", "len", "lenny"]),
    ("louis", &["lou"]),
    ("madeline", &["maddie"]),
    ("martin", &["marty"]),
    ("melvin", &["mel"]),
    ("nathan", &["nate", "nat"]),
    ("nathaniel", &["nate", "nat"]),
    ("oliver", &["ollie"]),
    ("pamela", &["pam"]),
    ("philip", &["phil"]),
    ("phillip", &["phil"]),
    ("raymond", &["ray"]),
    ("rebecca", &["becky", "becca"]),
    ("reginald", &["reg", "reggie"]),
    ("sandra", &["sandy"]),
    ("sebastian", &["seb"]),
    ("sidney", &["sid"]),
    ("stanley", &["stan"]),
    ("terence", &["terry"]),
    ("theresa", &["terry", "tess"]),
    ("tobias", &["toby"]),
    ("valerie", &["val"]),
    ("victor", &["vic"]),
    ("vincent", &["vince"]),
    ("walter", &["walt", "wally"]),
    ("winifred", &["winnie"]),
    ("alexander", &["alex", "alec", "sandy", "sasha", "xander"]),
    ("aleksandr", &["sasha", "shura", "alex"]),
    ("alexandra", &["alex", "sandra", "sasha", "lexi"]),
    ("alexei", &["alyosha", "lyosha", "alex"]),
    ("andrew", &["andy", "drew"]),
    ("anthony", &["tony"]),
    ("antonio", &["tono", "toni"]),
    ("benjamin", &["ben", "benji", "benny"]),
    ("catherine", &["kate", "cathy", "katie", "cat"]),
    ("katherine", &["kate", "kathy", "katie", "kat"]),
    ("charles", &["charlie", "chuck", "chas"]),
    ("christopher", &["chris", "kit"]),
    ("christine", &["chris", "chrissy", "tina"]),
    ("daniel", &["dan", "danny"]),
    ("david", &["dave", "davy"]),
    ("deborah", &["debbie", "deb"]),
    ("dmitry", &["dima", "mitya"]),
    ("dolores", &["lola"]),
    ("donald", &["don", "donny"]),
    ("dorothy", &["dot", "dottie"]),
    ("edward", &["ed", "eddie", "ned", "ted"]),
    ("ekaterina", &["katya"]),
    (
        "elizabeth",
        &["liz", "beth", "betty", "eliza", "lizzie", "bess", "betsy"],
    ),
    ("evgeny", &["zhenya"]),
    ("francisco", &["paco", "pancho", "curro"]),
    ("frederick", &["fred", "freddie"]),
    ("gregory", &["greg"]),
    ("grigory", &["grisha"]),
    ("guillermo", &["memo"]),
    ("henry", &["harry", "hank"]),
    ("ignacio", &["nacho"]),
    ("ivan", &["vanya"]),
    ("jacob", &["jake"]),
    ("james", &["jim", "jimmy", "jamie"]),
    ("jennifer", &["jen", "jenny"]),
    ("john", &["jack", "johnny"]),
    ("jonathan", &["jon"]),
    ("jose", &["pepe"]),
    ("joseph", &["joe", "joey"]),
    ("joshua", &["josh"]),
    ("konstantin", &["kostya"]),
    ("lawrence", &["larry"]),
    ("manuel", &["manolo"]),
    ("margaret", &["maggie", "peggy", "meg", "marge"]),
    ("maria", &["masha"]),
    ("matthew", &["matt"]),
    ("michael", &["mike", "mick", "mickey"]),
    ("mikhail", &["misha"]),
    ("natalia", &["natasha"]),
    ("nicholas", &["nick", "nicky"]),
    ("nikolai", &["kolya"]),
    ("patricia", &["pat", "patty", "trish"]),
    ("patrick", &["pat", "paddy"]),
    ("pavel", &["pasha"]),
    ("peter", &["pete"]),
    ("richard", &["rick", "dick", "rich", "richie"]),
    ("robert", &["rob", "bob", "bobby", "robbie", "bert"]),
    ("ronald", &["ron", "ronnie"]),
    ("samuel", &["sam", "sammy"]),
    ("sergei", &["seryozha"]),
    ("stephen", &["steve"]),
    ("steven", &["steve"]),
    ("susan", &["sue", "susie"]),
    ("tatiana", &["tanya"]),
    ("theodore", &["ted", "teddy", "theo"]),
    ("thomas", &["tom", "tommy"]),
    ("timothy", &["tim"]),
    ("victoria", &["vicky", "tori"]),
    ("viktor", &["vitya"]),
    ("vladimir", &["volodya", "vova"]),
    ("vyacheslav", &["slava"]),
    ("william", &["will", "bill", "billy", "willy", "liam"]),
    ("yelena", &["lena"]),
    ("yuri", &["yura"]),
    ("zachary", &["zach"]),
];

include!(concat!(env!("OUT_DIR"), "/resource_short_forms.rs"));

fn pairs() -> &'static HashSet<(&'static str, &'static str)> {
    static PAIRS: OnceLock<HashSet<(&'static str, &'static str)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut set = HashSet::new();
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
    static PARTNERS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    PARTNERS.get_or_init(|| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
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
