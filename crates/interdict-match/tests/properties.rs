//! Properties of the matcher on any input: scores stay in range, a name matches itself, order
//! of words does not decide, and searching never panics whatever the text.

use interdict_match::{compare, Index, Query, SearchOptions};
use interdict_model::{Entity, Provenance, Schema};
use proptest::prelude::*;

fn entity(i: usize, name: &str, schema: Schema) -> Entity {
    Entity::new(
        schema,
        name,
        Provenance {
            list: "test".into(),
            list_version: "1".into(),
            reference: format!("T{i}"),
            record_id: i.to_string(),
        },
    )
}

fn index() -> Index {
    let names = [
        ("Hafiz Muhammad Saeed", Schema::Person),
        ("Lashkar-e-Tayyiba", Schema::Organization),
        ("Владимир Путин", Schema::Person),
        ("حافظ محمد سعيد", Schema::Person),
        ("ARTAVIL", Schema::Vessel),
        ("習近平", Schema::Person),
        ("प्रिया कुमार", Schema::Person),
    ];
    Index::build(
        names
            .iter()
            .enumerate()
            .map(|(i, (n, s))| entity(i, n, *s))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn compare_scores_stay_between_0_and_1(a in "\\PC{0,30}", b in "\\PC{0,30}") {
        let s = compare(&a, &b, None).score;
        prop_assert!((0.0..=1.0).contains(&s), "{a:?} {b:?} {s}");
    }

    #[test]
    fn a_name_matches_itself(a in "[A-Za-z]{3,10}( [A-Za-z]{3,10}){1,3}") {
        // Names that say little ("Sir Aaa") score lower, but never below the floor of exact names.
        prop_assert!(compare(&a, &a, None).score >= 0.9, "{a:?}");
    }

    #[test]
    fn word_order_costs_little(a in "[A-Z][a-z]{3,9}", b in "[A-Z][a-z]{3,9}") {
        prop_assume!(a.to_lowercase() != b.to_lowercase());
        let straight = compare(&format!("{a} {b}"), &format!("{a} {b}"), None).score;
        let reversed = compare(&format!("{b}, {a}"), &format!("{a} {b}"), None).score;
        prop_assert!(reversed >= straight - 0.05 && reversed < 1.0, "{a} {b}: {reversed}");
    }

    #[test]
    fn search_never_panics_and_stays_in_range(name in "\\PC{0,60}", id in "[A-Z0-9 -]{0,12}") {
        let idx = index();
        let mut q = Query::name(name);
        q.identifiers.push(id);
        for h in idx.search(&q, &SearchOptions::default()) {
            prop_assert!((0.0..=1.0).contains(&h.score));
            prop_assert_eq!(h.is_match, h.score >= SearchOptions::default().threshold);
        }
    }
}

#[test]
fn inexact_matches_do_not_saturate() {
    // Variants score high but below an exact match, so alerts can be ranked.
    let exact = compare("Lashkar e Tayyiba", "Lashkar-e-Tayyiba", None).score;
    let variant = compare("Lashkar i Tayyibah", "Lashkar-e-Tayyiba", None).score;
    let typo = compare("Lashkar e Tayyiha", "Lashkar-e-Tayyiba", None).score;
    assert_eq!(exact, 1.0);
    assert!(variant > 0.9 && variant < exact, "{variant}");
    assert!(typo > 0.8 && typo < variant, "{typo}");
}

/// Scans `text` in one piece against the test index.
fn scan(index: &Index, text: &str) -> Vec<(usize, usize, String)> {
    let mut s = index.scanner(interdict_match::ScanOptions::default());
    s.scan(text, &|p| p);
    s.finish()
        .into_iter()
        .map(|m| (m.start, m.end, m.text))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn scanning_any_text_never_panics_and_spans_hold_their_text(text in "\\PC{0,200}") {
        let index = index();
        for (start, end, written) in scan(&index, &text) {
            prop_assert!(start < end && end <= text.len());
            prop_assert_eq!(&text[start..end], written.as_str());
        }
    }

    #[test]
    fn a_listed_name_in_any_sentence_is_found(
        before in "[a-z]{2,8}( [a-z]{2,8}){0,5}",
        after in "[a-z]{2,8}( [a-z]{2,8}){0,5}",
    ) {
        let index = index();
        let text = format!("The {before} said that Hafiz Muhammad Saeed {after}.");
        let found = scan(&index, &text);
        prop_assert!(found.iter().any(|m| m.2 == "Hafiz Muhammad Saeed"), "{text:?}: {found:?}");
    }

    #[test]
    fn the_split_into_pieces_at_line_breaks_does_not_change_the_result(
        lines in proptest::collection::vec("[A-Za-z ]{0,30}", 0..6),
    ) {
        let index = index();
        let mut text = lines.join("\n");
        text.push_str("\nLashkar-e-Tayyiba (LeT) and LeT again.\n");
        let whole = scan(&index, &text);
        let mut s = index.scanner(interdict_match::ScanOptions::default());
        let mut offset = 0;
        for piece in text.split_inclusive('\n') {
            s.scan(piece, &|p| offset + p);
            offset += piece.len();
        }
        let pieces: Vec<_> = s.finish().into_iter().map(|m| (m.start, m.end, m.text)).collect();
        prop_assert_eq!(whole, pieces);
    }
}

/// Every result at or above `floor` when searching with no floor at all (nothing is pruned).
fn above(index: &Index, query: &Query, floor: f32) -> Vec<(String, u32)> {
    let options = |min_score| SearchOptions {
        threshold: 0.8,
        limit: 50,
        min_score,
    };
    let mut found: Vec<(String, u32)> = index
        .search(query, &options(0.0))
        .into_iter()
        .filter(|h| h.score >= floor)
        .map(|h| (h.entity.id.clone(), (h.score * 1e4).round() as u32))
        .collect();
    found.sort();
    found
}

/// What a search with `floor` as its least score finds: the same whether or not retrieval
/// judges the names that one posting alone reaches before gathering them.
fn found_with(index: &mut Index, query: &Query, floor: f32) -> Vec<(String, u32)> {
    let options = SearchOptions {
        threshold: 0.8,
        limit: 50,
        min_score: floor,
    };
    let run = |index: &Index| {
        let mut found: Vec<(String, u32)> = index
            .search(query, &options)
            .into_iter()
            .map(|h| (h.entity.id.clone(), (h.score * 1e4).round() as u32))
            .collect();
        found.sort();
        found
    };
    index.judge_alone_from(0);
    let judged = run(index);
    index.judge_alone_from(usize::MAX);
    let gathered = run(index);
    assert_eq!(
        judged, gathered,
        "judging names reached alone changed what {query:?} finds at {floor}"
    );
    judged
}

#[test]
fn a_higher_least_score_loses_no_match_with_middle_words_left_out() {
    let mut index = Index::build(vec![entity(
        0,
        "Karim Zubair Tahir Yusuf Bashir Omar Nasrallah",
        Schema::Person,
    )]);
    let query = Query::name("Karim Zubair Nasrallah");
    let low = above(&index, &query, 0.8);
    assert!(
        !low.is_empty(),
        "the probe scores at least 0.8 with a low floor"
    );
    assert_eq!(found_with(&mut index, &query, 0.8), low);
}

#[test]
fn an_entry_born_in_another_year_is_kept_exactly_as_far_as_its_score_reaches() {
    // The search bounds each entry by its own date of birth before aligning its names: the
    // exact name with a date of birth of another year scores 0.7, and stays found up to there.
    let mut listed = entity(0, "Ali Hassan Khalil", Schema::Person);
    listed.birth_dates.push(interdict_model::BirthDate {
        value: Some(interdict_model::DateValue::On {
            date: interdict_model::PartialDate::parse("1960-05-01").unwrap(),
        }),
        approximate: false,
        note: None,
    });
    let mut index = Index::build(vec![listed, entity(1, "Ali Hassan", Schema::Person)]);
    let mut query = Query::name("Ali Hassan Khalil");
    query.born_on(interdict_model::PartialDate::parse("1990-02-03").unwrap());
    let all = above(&index, &query, 0.0);
    let born_elsewhere = all.iter().find(|(id, _)| id.ends_with('0')).cloned();
    assert_eq!(
        born_elsewhere.as_ref().map(|(_, s)| *s),
        Some(7000),
        "{all:?}"
    );
    for floor in [0.5, 0.69, 0.7, 0.71, 0.9] {
        assert_eq!(
            found_with(&mut index, &query, floor),
            above(&index, &query, floor)
        );
    }
    assert!(found_with(&mut index, &query, 0.7).contains(&born_elsewhere.clone().unwrap()));
    assert!(!found_with(&mut index, &query, 0.71).contains(&born_elsewhere.unwrap()));
}

#[test]
fn a_higher_least_score_loses_no_match_across_scripts() {
    // A query in another script pairs with looser credit (its letters are a transliteration's
    // choices): the bound must count pairs the same way. The article "al" is a filler word,
    // paired after the bound ("al" / "Ali").
    let mut index = Index::build(
        [
            "KANG SONG",
            "Kheng Siang CHEW",
            "Hafiz Muhammad Saeed",
            "Nur al-Kharafi",
            "Ali Ashraf NOURI",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| entity(i, n, Schema::Person))
        .collect(),
    );
    for name in [
        "充 佐藤",
        "حافظ محمد سعيد",
        "نور الخرافي",
        "Хафиз Мухаммад Саид",
    ] {
        let query = Query::name(name);
        for floor in [0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.85] {
            assert_eq!(
                found_with(&mut index, &query, floor),
                above(&index, &query, floor),
                "{name} at {floor}"
            );
        }
    }
}

#[test]
fn a_higher_least_score_loses_no_match_paired_by_initials_or_abbreviations() {
    // "M." is the initial of Muhammad, "JC" the initials of "Jean Claude": alignment pairs
    // these beyond the looked-up words, and the bound must count them. "Omar" spells the
    // initials of "Olive Mountain Ardent Rice" in an organisation's name, not in a person's.
    let mut index = Index::build(
        [
            ("Ali AL-SALIM", Schema::Person),
            ("M. Saeed", Schema::Person),
            ("Jean Claude Dupont", Schema::Person),
            ("JC Dupont", Schema::Person),
            ("Se-Bong PAEK", Schema::Person),
            ("Omar Trading", Schema::Organization),
            ("Omar Trading", Schema::Person),
        ]
        .iter()
        .enumerate()
        .map(|(i, (n, schema))| entity(i, n, *schema))
        .collect(),
    );
    let spelled = above(
        &index,
        &Query::name("Olive Mountain Ardent Rice Trading"),
        0.0,
    );
    let score_of = |i: usize| {
        spelled
            .iter()
            .find(|(id, _)| *id == format!("test:{i}"))
            .map_or(0, |(_, s)| *s)
    };
    assert!(score_of(5) > score_of(6) + 1000, "{spelled:?}");
    // "se" spells "Sarah Edwin": that pair anchors the name's first word, so the lenient
    // exponents for a middle word left out may apply.
    for name in [
        "Salma Araceli Luevano",
        "Muhammad Saeed",
        "JC Dupont",
        "Jean Claude Dupont",
        "Sarah Edwin Peck",
        "Olive Mountain Ardent Rice Trading",
        "Salma Ali Omar",
    ] {
        let query = Query::name(name);
        for floor in [0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.85] {
            assert_eq!(
                found_with(&mut index, &query, floor),
                above(&index, &query, floor),
                "{name} at {floor}"
            );
        }
    }
}

/// Words to build names from: common, rare, spellings of each other, particles and an initial.
const WORDS: &[&str] = &[
    "muhammad",
    "mohammed",
    "ahmad",
    "ali",
    "khan",
    "hafiz",
    "saeed",
    "sayeed",
    "karim",
    "zubair",
    "tahir",
    "yusuf",
    "bashir",
    "omar",
    "nasrallah",
    "abdul",
    "rahman",
    "lakhvi",
    // Particles, an initial and a word of initials: fillers, initials and abbreviations pair
    // beyond the retrieved edges ("ali", "omar" or "khan" too, but only where one side is not
    // a person's name).
    "bin",
    "al",
    "m",
    "mk",
    // A legal form, which makes a query an organisation's name.
    "ltd",
    // A word in Arabic script, which pairs with the Latin spellings for cross-script credit.
    "محمد",
    // Korean and Chinese syllables, which no end word anchors.
    "지훈",
    "김",
    "浩",
];

fn name_of(words: &[usize]) -> String {
    words
        .iter()
        .map(|&i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Listed entries of these words, each born in some year (exactly or about) or giving no date,
/// of a nationality or none, a person or an organisation (whose words abbreviate more freely).
type Listed = (
    Vec<usize>,
    Option<(u16, bool)>,
    Option<&'static str>,
    Schema,
);

fn listed_entry() -> impl Strategy<Value = Listed> {
    (
        proptest::collection::vec(0usize..WORDS.len(), 2..7),
        proptest::option::of((1950u16..1990, proptest::bool::ANY)),
        proptest::option::of(prop_oneof![Just("Pakistan"), Just("Iran")]),
        prop_oneof![4 => Just(Schema::Person), 1 => Just(Schema::Organization)],
    )
}

/// The entities of `listed`, numbered from 0.
fn entities_of(listed: &[Listed]) -> Vec<Entity> {
    listed
        .iter()
        .enumerate()
        .map(|(i, (w, born, nationality, schema))| {
            let mut e = entity(i, &name_of(w), *schema);
            if let Some((year, approximate)) = *born {
                e.birth_dates.push(interdict_model::BirthDate {
                    value: Some(interdict_model::DateValue::On {
                        date: interdict_model::PartialDate::parse(&format!("{year}-01-01"))
                            .unwrap(),
                    }),
                    approximate,
                    note: None,
                });
            }
            if let Some(country) = nationality {
                e.nationalities
                    .push(interdict_model::Country::from_text(country));
            }
            e
        })
        .collect()
}

/// A query of these words, with a date of birth and the country Pakistan if given: each
/// confirms only when given, and the bound leaves out what the query cannot earn.
fn query_of(asked: &[usize], dob: Option<u16>, country: bool) -> Query {
    let mut query = Query::name(name_of(asked));
    if let Some(y) = dob {
        query.born_on(interdict_model::PartialDate::parse(&format!("{y}-01-01")).unwrap());
    }
    if country {
        query
            .countries
            .push(interdict_model::CountryCode::resolve("PK").unwrap());
    }
    query
}

/// The bound that skips candidates never skips one that would reach the least score: raising
/// it to `floor` only drops results below it; and each result of an entry `checked` picks is
/// still found with its own score as the floor (less the rounding of scores to four places, at
/// most half of 1e-4).
fn floor_only_drops_results_below_it(
    index: &mut Index,
    query: &Query,
    floor: f32,
    checked: impl Fn(&str) -> bool,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(found_with(index, query, floor), above(index, query, floor));
    for (id, score) in above(index, query, 0.0) {
        if !checked(&id) {
            continue;
        }
        let at = score as f32 / 1e4 - 1e-4;
        let found = found_with(index, query, at);
        prop_assert!(
            found.iter().any(|(f, _)| *f == id),
            "{id} at {at}: {found:?}"
        );
    }
    Ok(())
}

/// The query word whose units reach the most postings is read against the names the other
/// words reach rather than marked; a name it alone reaches twice ("Mohammed Mohammed Ahmad"
/// for "Ali Muhammad"), once well enough to pass, is gathered with both edges: with one, its
/// alignment, and so its score, would differ from the search that gathers every name.
#[test]
fn a_name_the_busiest_word_reaches_twice_keeps_both_edges() {
    let listed = [
        (vec![1, 1, 2], None, None, Schema::Person),
        (vec![24, 1, 26], None, None, Schema::Person),
    ];
    let mut index = Index::build(entities_of(&listed));
    let query = query_of(&[3, 0], None, false);
    floor_only_drops_results_below_it(&mut index, &query, 0.5, |_| true).unwrap();
}

/// Entries that make the first words of [`WORDS`] common, so that they weigh little (as
/// "Muhammad" or "Khan" do on a list of a million names): each pairs one of those words with a
/// word of its own that resembles nothing else.
fn common_words_background(first: usize) -> Vec<Entity> {
    const COMMON: [&str; 4] = ["muhammad", "khan", "ali", "ahmad"];
    (0..520)
        .map(|i| {
            let own: String = [
                b'q',
                b'x',
                b'a' + (i / 26 % 26) as u8,
                b'a' + (i % 26) as u8,
            ]
            .iter()
            .map(|&b| b as char)
            .collect();
            let name = format!("{own}vz {}", COMMON[i % COMMON.len()]);
            entity(first + i, &name, Schema::Person)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The bound that skips candidates never skips one that would reach the least score:
    /// raising `min_score` only drops results below it.
    #[test]
    fn raising_the_least_score_only_drops_results_below_it(
        listed in proptest::collection::vec(listed_entry(), 1..6),
        asked in proptest::collection::vec(0usize..WORDS.len(), 1..5),
        dob in proptest::option::of(prop_oneof![Just(1960u16), 1950u16..1990]),
        country in proptest::bool::ANY,
        floor in 0.5f32..0.95,
    ) {
        let mut index = Index::build(entities_of(&listed));
        let query = query_of(&asked, dob, country);
        floor_only_drops_results_below_it(&mut index, &query, floor, |_| true)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same among many names that make some words common and light: a light word,
    /// listed or asked, counts only where something pairs it.
    #[test]
    fn raising_the_least_score_only_drops_results_below_it_among_common_words(
        listed in proptest::collection::vec(listed_entry(), 1..6),
        asked in proptest::collection::vec(0usize..WORDS.len(), 1..5),
        dob in proptest::option::of(prop_oneof![Just(1960u16), 1950u16..1990]),
        country in proptest::bool::ANY,
        floor in 0.5f32..0.95,
    ) {
        let mut entities = entities_of(&listed);
        entities.extend(common_words_background(listed.len()));
        let mut index = Index::build(entities);
        let query = query_of(&asked, dob, country);
        let ours = |id: &str| {
            id.strip_prefix("test:")
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|i| i < listed.len())
        };
        floor_only_drops_results_below_it(&mut index, &query, floor, ours)?;
    }
}
