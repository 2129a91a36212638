//! The bodies of interdict's fuzz targets: each takes arbitrary bytes and drives one reader of
//! untrusted input (a list format, the document decoder, a customer file reader, the name
//! pipeline, the API's request bodies) the way interdict does. None may panic, hang or grow
//! without bound; each also checks what its reader promises (spans inside the text, offsets
//! inside the file, named errors).
//!
//! `fuzz/` wraps each in a cargo-fuzz target; `tests/replay.rs` runs every saved input of
//! `fuzz/corpus/` through them in the normal test suite.

#![forbid(unsafe_code)]

use interdict_lists::{InputFile, ParsedList};
use std::sync::OnceLock;

/// A fuzz target: bytes in, a panic only on a bug.
pub type Target = fn(&[u8]);

/// Every target, by the name of its fuzz target and corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("list_un", list_un),
    ("list_ofac_csv", list_ofac_csv),
    ("list_ofac_xml", list_ofac_xml),
    ("list_uk", list_uk),
    ("list_eu", list_eu),
    ("list_canada", list_canada),
    ("list_australia", list_australia),
    ("list_bis", list_bis),
    ("list_ftm", list_ftm),
    ("list_any", list_any),
    ("documents", documents),
    ("batch_input", batch_input),
    ("names", names),
    ("api_requests", api_requests),
    ("payments", payments),
];

/// The first byte chooses among `n` ways; the rest is the input.
fn choose(data: &[u8], n: u8) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&c, rest)) => (c % n, rest),
        None => (0, data),
    }
}

/// What every parsed list promises: entities with a name and an id in the list.
fn check_list(list: &ParsedList) {
    for e in &list.entities {
        assert!(
            e.id.starts_with(&list.meta.list),
            "{} outside {}",
            e.id,
            list.meta.list
        );
        assert!(
            !e.caption.is_empty() || !e.names.is_empty(),
            "{} has no name",
            e.id
        );
    }
}

fn parsed(result: interdict_lists::Result<ParsedList>) {
    if let Ok(list) = result {
        check_list(&list);
    }
}

/// The UN consolidated list's XML.
pub fn list_un(data: &[u8]) {
    parsed(interdict_lists::un::parse("un.xml", data));
}

/// The OFAC CSV set: the input cut at NUL bytes into sdn.csv, alt.csv, add.csv and
/// sdn_comments.csv.
pub fn list_ofac_csv(data: &[u8]) {
    let names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
    let files: Vec<InputFile> = data
        .split(|&b| b == 0)
        .zip(names)
        .map(|(bytes, name)| InputFile {
            name: name.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect();
    if let Ok(lists) = interdict_lists::parse_files(files) {
        lists.iter().for_each(check_list);
    }
}

/// OFAC's XML: the `sdnList` format or the enhanced one.
pub fn list_ofac_xml(data: &[u8]) {
    match choose(data, 3) {
        (0, d) => parsed(interdict_lists::ofac_xml::parse("sdn.xml", d, false)),
        (1, d) => parsed(interdict_lists::ofac_xml::parse("cons.xml", d, true)),
        (_, d) => parsed(interdict_lists::ofac_enhanced::parse("enhanced.xml", d)),
    }
}

/// The UK lists: the retired ConList CSV and the UK Sanctions List's XML and CSV.
pub fn list_uk(data: &[u8]) {
    match choose(data, 3) {
        (0, d) => parsed(interdict_lists::uk::parse("ConList.csv", d)),
        (1, d) => parsed(interdict_lists::uk_sanctions_list::parse_xml("UK.xml", d)),
        (_, d) => parsed(interdict_lists::uk_sanctions_list::parse_csv("UK.csv", d)),
    }
}

/// The EU Financial Sanctions Files (XML and CSV) and Official Journal annexes.
pub fn list_eu(data: &[u8]) {
    match choose(data, 3) {
        (0, d) => parsed(interdict_lists::eu_fsf::parse_xml("eu.xml", d)),
        (1, d) => parsed(interdict_lists::eu_fsf::parse_csv("eu.csv", d)),
        (_, d) => parsed(interdict_lists::eu_journal::parse("journal.csv", d)),
    }
}

/// Canada's SEMA list.
pub fn list_canada(data: &[u8]) {
    parsed(interdict_lists::canada::parse("sema.xml", data));
}

/// Australia's workbook (a zip archive).
pub fn list_australia(data: &[u8]) {
    parsed(interdict_lists::australia::parse("dfat.xlsx", data));
}

/// The BIS Denied Persons List.
pub fn list_bis(data: &[u8]) {
    parsed(interdict_lists::bis::parse("dpl.txt", data));
}

/// FollowTheMoney JSON lines and OpenSanctions' simple CSV.
pub fn list_ftm(data: &[u8]) {
    match choose(data, 2) {
        (0, d) => parsed(interdict_lists::ftm::parse("entities.ftm.json", d)),
        (_, d) => parsed(interdict_lists::os_simple::parse("targets.simple.csv", d)),
    }
}

/// Any file as `lists import` meets it: the format recognised from its content and name, and a
/// zip archive's members (bounded, with names checked).
pub fn list_any(data: &[u8]) {
    let names = [
        "list.xml",
        "list.csv",
        "list.json",
        "list.zip",
        "list.xlsx",
        "sdn.csv",
        "dpl.txt",
    ];
    let (c, d) = choose(data, names.len() as u8);
    let name = names[c as usize];
    if d.starts_with(b"PK\x03\x04") {
        if let Ok(files) = interdict_lists::input::unzip(name, d) {
            if let Ok(lists) = interdict_lists::parse_files(files) {
                lists.iter().for_each(check_list);
            }
        }
        return;
    }
    parsed(interdict_lists::parse_bytes(name, d));
}

/// Documents as `scan` reads them: the kind and binary checks, text in pieces with offsets
/// inside the file, HTML and e-mail text.
pub fn documents(data: &[u8]) {
    use interdict_docs::{binary_kind, email, html, Encoding, Kind, TextStream};
    let _ = binary_kind(data);
    let _ = Kind::detect(None, data);
    let mut last = 0;
    for piece in TextStream::new(data, 4096) {
        let piece = piece.expect("reading from memory never fails");
        for (i, _) in piece.text.char_indices() {
            let at = piece.map.original(i);
            assert!(at <= data.len(), "offset {at} outside the file");
            assert!(at >= last, "offset {at} before {last}");
            last = at;
        }
    }
    let (encoding, bom) = Encoding::detect(data);
    let decoded = interdict_docs::decode(&data[bom..], encoding, bom);
    let text = html::text(&decoded.text, &decoded.map);
    assert!(text.map.original(text.text.len()) <= data.len());
    for p in email::texts(data) {
        assert!(p.map.original(p.text.len()) <= data.len());
    }
}

/// A payment message body as `interdict payments` and `POST /v1/screen/payment` read it (ISO
/// 20022 XML, SWIFT MT or JSON Lines), screened against the UN sample: every message is read
/// or refused with a named error, and every hit names a field of its message.
pub fn payments(data: &[u8]) {
    let index = index();
    for read in interdict_payments::read_bytes("fuzz", data) {
        match read {
            Ok(m) => {
                let s = interdict_payments::screen(index, &m, &Default::default());
                for h in &s.hits {
                    assert!(
                        m.fields.iter().any(|f| f.path == h.path),
                        "hit at {} names no field of the message",
                        h.path
                    );
                }
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz"), "unnamed error: {e}"),
        }
    }
}

/// A customer file as `screen --input` reads it: CSV (any delimiter), JSON Lines or Parquet,
/// every row read, a row's line never before the previous row's.
pub fn batch_input(data: &[u8]) {
    let exts = ["csv", "jsonl", "txt", "tsv", "parquet"];
    let (c, d) = choose(data, exts.len() as u8);
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("input.{}", exts[c as usize]));
    if std::fs::write(&path, d).is_err() {
        return;
    }
    let options = interdict_input::InputOptions::default();
    let Ok(mut reader) = interdict_input::InputReader::open(&path, &options) else {
        return;
    };
    let mut last_line = 0;
    while let Ok(chunk) = reader.next_chunk(64) {
        if chunk.is_empty() {
            break;
        }
        for row in chunk {
            if let Some(line) = row.line {
                assert!(line >= last_line, "line {line} after {last_line}");
                last_line = line;
            }
            assert!(row.error.is_some() || !row.query.name.trim().is_empty());
        }
    }
}

/// A small index over the sample list, built once.
fn index() -> &'static interdict_match::Index {
    static INDEX: OnceLock<interdict_match::Index> = OnceLock::new();
    INDEX.get_or_init(|| interdict_match::Index::build(sample().entities))
}

fn sample() -> ParsedList {
    const SAMPLE: &[u8] = include_bytes!("../../../examples/un_sample.xml");
    interdict_lists::parse_bytes("un_sample.xml", SAMPLE).expect("the sample parses")
}

/// A name through the whole pipeline: tokens (spans on character boundaries, lower-case
/// ASCII, no longer than the cap), folding, a search and a comparison.
pub fn names(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for t in interdict_names::tokenize(&text) {
        assert!(t.span.start >= last && t.span.start < t.span.end);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(!t.text.is_empty() && t.text.len() <= interdict_names::MAX_TOKEN_LEN);
        assert!(t
            .text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        let _ = interdict_names::fold(&t.text);
        let _ = interdict_names::skeleton(&t.text);
        last = t.span.end;
    }
    let query = interdict_match::Query::name(text.as_ref());
    for h in index().search(&query, &interdict_match::SearchOptions::default()) {
        assert!((0.0..=1.0).contains(&h.score), "score {}", h.score);
    }
    let c = interdict_match::compare(&text, "Hafiz Muhammad Saeed", None);
    assert!((0.0..=1.0).contains(&c.score));
    let mut scanner = index().scanner(interdict_match::ScanOptions::default());
    scanner.scan(&text, &|p| p);
    for m in scanner.finish() {
        assert!(m.start <= m.end && m.end <= text.len());
    }
}

/// The server's snapshot of the sample list, built once.
fn snapshot() -> &'static interdict_server::Snapshot {
    static SNAPSHOT: OnceLock<interdict_server::Snapshot> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        let list = sample();
        interdict_server::Snapshot::new(
            interdict_match::Index::build(list.entities),
            vec![list.meta],
        )
    })
}

/// A request body as the API reads it: yente's `/match`, interdict's `/v1/screen` and
/// `/v1/scan`, reconciliation queries and data extension. A body is answered or refused with a 4xx, never
/// a 5xx.
pub fn api_requests(data: &[u8]) {
    use interdict_server::deadline::Deadline;
    use interdict_server::{native, params::Params, reconcile, yente};
    let snap = snapshot();
    let deadline = Deadline::none();
    let client_error = |r: Result<_, interdict_server::error::ApiError>| {
        if let Err(e) = r {
            assert!(e.status.is_client_error(), "{}: {}", e.status, e.detail);
        }
    };
    match choose(data, 5) {
        (0, d) => client_error(yente::parse_match(d, 100).and_then(|request| {
            let options = yente::MatchOptions::read(snap, "default", &Params::default())?;
            yente::answer_match(snap, &request, &options, &deadline)
        })),
        (1, d) => client_error(native::answer_screen(snap, d, 100, &deadline)),
        (2, d) => client_error(native::answer_scan(snap, d, &deadline)),
        (3, d) => client_error(reconcile::answer(
            snap,
            "default",
            &String::from_utf8_lossy(d),
            &Params::default(),
            100,
            &deadline,
        )),
        (_, d) => client_error(reconcile::extend(snap, &String::from_utf8_lossy(d), 100)),
    }
}
