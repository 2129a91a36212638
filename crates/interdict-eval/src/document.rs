//! Synthetic documents for measuring `interdict scan`: ordinary prose with unlisted people and
//! places in it, and listed names planted at known offsets.
//!
//! The prose is made of common English words, so that it exercises the quick look that skips
//! lines naming nobody; the unlisted people (from the name resources, in several scripts) are
//! the namesakes a scanner must not report; the planted names are written as the lists give
//! them, or in title case, and may be cut by a line break like any other words.

use crate::rng::Rng;
use std::io::{self, Write};

/// A listed name planted in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// Byte offset of the name in the document.
    pub start: usize,
    /// End of the name (exclusive).
    pub end: usize,
    /// The reference a scan should report (`list:ref`).
    pub expected: String,
}

/// What goes into a document.
#[derive(Debug, Clone)]
pub struct DocumentPlan<'a> {
    /// Approximate size in bytes.
    pub size: usize,
    /// Unlisted people's names to mention.
    pub people: &'a [String],
    /// Listed names to plant, each with its expected reference.
    pub listed: &'a [(String, String)],
    /// One listed name about every this many bytes (0: none).
    pub plant_every: usize,
    /// Seed of the random choices.
    pub seed: u64,
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "was",
    "for",
    "that",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "his",
    "her",
    "their",
    "it",
    "an",
    "were",
    "are",
    "which",
    "this",
    "be",
    "has",
    "had",
    "have",
    "not",
    "but",
    "after",
    "also",
    "new",
    "first",
    "two",
    "year",
    "years",
    "time",
    "people",
    "city",
    "state",
    "government",
    "company",
    "market",
    "price",
    "report",
    "said",
    "group",
    "water",
    "school",
    "family",
    "house",
    "road",
    "river",
    "work",
    "meeting",
    "council",
    "minister",
    "week",
    "month",
    "money",
    "bank",
    "account",
    "payment",
    "transfer",
    "funds",
    "donation",
    "relief",
    "flood",
    "village",
    "district",
    "province",
    "office",
    "police",
    "court",
    "trade",
    "shipment",
    "cargo",
    "port",
    "vessel",
    "flight",
    "airport",
    "border",
    "visa",
    "passport",
    "customer",
    "invoice",
    "contract",
    "supplier",
    "project",
    "building",
    "hospital",
    "clinic",
    "teacher",
    "student",
    "farmer",
    "harvest",
    "wheat",
    "rice",
    "cotton",
    "oil",
    "gas",
    "electricity",
    "power",
    "road",
    "bridge",
    "rain",
    "summer",
    "winter",
    "morning",
    "evening",
    "local",
    "national",
    "international",
    "foreign",
    "public",
    "private",
    "small",
    "large",
    "old",
    "young",
    "early",
    "late",
    "good",
    "poor",
    "long",
    "short",
    "high",
    "low",
    "open",
    "closed",
    "new",
    "several",
    "many",
    "some",
    "every",
    "other",
    "more",
    "most",
    "less",
    "about",
    "between",
    "during",
    "before",
    "without",
    "under",
    "over",
    "through",
    "against",
    "among",
    "visited",
    "announced",
    "agreed",
    "signed",
    "paid",
    "received",
    "sent",
    "opened",
    "closed",
    "built",
    "sold",
    "bought",
    "moved",
    "returned",
    "travelled",
    "reported",
    "confirmed",
    "denied",
    "asked",
    "told",
    "expected",
    "planned",
    "delayed",
    "approved",
    "rejected",
    "collected",
    "raised",
    "distributed",
    "supplied",
    "delivered",
    "inspected",
    "recorded",
    "published",
    "members",
    "officials",
    "workers",
    "residents",
    "volunteers",
    "donors",
    "families",
    "children",
];

const PLACES: &[&str] = &[
    "London",
    "Karachi",
    "Lahore",
    "Islamabad",
    "Kabul",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Cairo",
    "Tehran",
    "Moscow",
    "Kyiv",
    "Istanbul",
    "Dubai",
    "Riyadh",
    "Doha",
    "Mumbai",
    "Delhi",
    "Dhaka",
    "Jakarta",
    "Manila",
    "Nairobi",
    "Mogadishu",
    "Lagos",
    "Paris",
    "Berlin",
    "Madrid",
    "Rome",
    "New York",
    "Washington",
    "Geneva",
    "Brussels",
    "Peshawar",
    "Quetta",
    "Sanaa",
    "Aden",
    "Tripoli",
    "Khartoum",
    "Bamako",
    "Niamey",
    "Pyongyang",
    "Caracas",
    "Monday",
    "Tuesday",
    "January",
    "March",
    "Ramadan",
    "Red Cross",
    "United Nations",
    "Ministry of Finance",
    "Central Bank",
    "Supreme Court",
    "European Union",
];

/// Writes a document to `out` and returns the names planted in it, in order.
pub fn write_document(out: &mut impl Write, plan: &DocumentPlan<'_>) -> io::Result<Vec<Planted>> {
    let mut rng = Rng::new(plan.seed);
    let mut planted = Vec::new();
    let mut written = 0usize;
    let mut next_plant = plan.plant_every.max(1);
    let mut paragraph = String::new();
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    while written < plan.size {
        paragraph.clear();
        spans.clear();
        for _ in 0..3 + rng.below(6) {
            let plant = plan.plant_every > 0
                && !plan.listed.is_empty()
                && written + paragraph.len() >= next_plant;
            sentence(&mut paragraph, &mut spans, &mut rng, plan, plant);
            if plant {
                next_plant += plan.plant_every;
            }
        }
        wrap(&mut paragraph, 72 + rng.below(30));
        paragraph.push_str("\n\n");
        for (s, e, expected) in spans.drain(..) {
            planted.push(Planted {
                start: written + s,
                end: written + e,
                expected,
            });
        }
        out.write_all(paragraph.as_bytes())?;
        written += paragraph.len();
    }
    Ok(planted)
}

/// Appends one sentence; with `plant`, one listed name in it (its span recorded).
fn sentence(
    text: &mut String,
    spans: &mut Vec<(usize, usize, String)>,
    rng: &mut Rng,
    plan: &DocumentPlan<'_>,
    plant: bool,
) {
    if !text.is_empty() {
        text.push(' ');
    }
    let words = 6 + rng.below(16);
    let name_at = if plant || rng.chance(0.35) {
        Some(1 + rng.below(words - 1))
    } else {
        None
    };
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        if Some(i) == name_at {
            if plant {
                let (name, expected) = rng.pick(plan.listed);
                let written = if rng.chance(0.5) {
                    name.clone()
                } else {
                    title_case(name)
                };
                spans.push((text.len(), text.len() + written.len(), expected.clone()));
                text.push_str(&written);
            } else if !plan.people.is_empty() && rng.chance(0.6) {
                let person: &String = rng.pick(plan.people);
                text.push_str(person);
            } else {
                let place: &&str = rng.pick(PLACES);
                text.push_str(place);
            }
            continue;
        }
        let w: &&str = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                text.extend(f.to_uppercase());
                text.push_str(c.as_str());
            }
        } else {
            text.push_str(w);
        }
    }
    text.push(if rng.chance(0.1) { ';' } else { '.' });
}

/// Breaks lines at spaces before `width` bytes (a space becomes a line break, so offsets hold).
fn wrap(text: &mut String, width: usize) {
    let mut bytes = std::mem::take(text).into_bytes();
    let mut line_start = 0;
    let mut last_space = None;
    for i in 0..bytes.len() {
        if bytes[i] == b' ' {
            last_space = Some(i);
        }
        if i - line_start >= width {
            if let Some(s) = last_space.filter(|&s| s > line_start) {
                bytes[s] = b'\n';
                line_start = s + 1;
                last_space = None;
            }
        }
    }
    *text = String::from_utf8(bytes).expect("only ASCII spaces were replaced");
}

/// "LASHKAR E-TAYYIBA" as "Lashkar E-Tayyiba".
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planted_spans_hold_the_names_and_the_size_is_reached() {
        let people = vec!["Maria Lopez".to_string(), "Ivan Petrov".to_string()];
        let listed = vec![
            ("LASHKAR E-TAYYIBA".to_string(), "un-sc:QDe.118".to_string()),
            (
                "Hafiz Muhammad Saeed".to_string(),
                "un-sc:QDi.263".to_string(),
            ),
        ];
        let plan = DocumentPlan {
            size: 50_000,
            people: &people,
            listed: &listed,
            plant_every: 2_000,
            seed: 7,
        };
        let mut buf = Vec::new();
        let planted = write_document(&mut buf, &plan).unwrap();
        assert!(buf.len() >= 50_000);
        assert!((20..=30).contains(&planted.len()), "{}", planted.len());
        let text = String::from_utf8(buf).unwrap();
        for p in &planted {
            let written = text[p.start..p.end].replace('\n', " ").to_lowercase();
            let listed = listed.iter().find(|(_, r)| *r == p.expected).unwrap();
            assert_eq!(written, listed.0.to_lowercase());
        }
        assert!(text.lines().all(|l| l.len() <= 140));
    }

    #[test]
    fn title_case_keeps_apostrophes_inside_words() {
        assert_eq!(title_case("ABU BAKAR BA'ASYIR"), "Abu Bakar Ba'asyir");
        assert_eq!(title_case("lashkar e-tayyiba"), "Lashkar E-Tayyiba");
    }
}
