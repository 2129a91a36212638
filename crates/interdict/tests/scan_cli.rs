//! End-to-end tests of `interdict scan`: mentions found in documents of every kind, byte offsets
//! into the original file, acronyms only where the document supports them, and silence on
//! prose that names nobody.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml")
}

fn prose(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/prose")
        .join(name)
}

fn command(args: &[&str]) -> Command {
    // An empty data directory, so that lists imported on this machine do not take part.
    let empty = std::env::temp_dir().join(format!("interdict-scan-test-{}", std::process::id()));
    let mut c = Command::new(env!("CARGO_BIN_EXE_interdict"));
    c.env("INTERDICT_DATA", &empty).args(args);
    c
}

fn run(args: &[&str]) -> Output {
    command(args).output().expect("run interdict")
}

/// Scans documents against `lists` as JSON; one object per document.
fn scan_json(lists: &[PathBuf], docs: &[&Path], extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<String> = vec!["scan".into(), "--format".into(), "json".into()];
    for l in lists {
        args.push("--list".into());
        args.push(l.display().to_string());
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(docs.iter().map(|d| d.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&refs);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn mentions(doc: &Value) -> &Vec<Value> {
    doc["mentions"].as_array().expect("mentions array")
}

fn texts(doc: &Value) -> Vec<String> {
    mentions(doc)
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

/// The three official lists the scan target is measured against, when the reference data is
/// there.
fn real_lists() -> Option<Vec<PathBuf>> {
    Some(vec![
        interdict_testdata::data("un/un_consolidated_2025-04-19.xml")?,
        interdict_testdata::data("ofac/legacy_csv_2021-07")?,
        interdict_testdata::data("uk/ofsi_conlist_csv_2018-04-13.csv")?,
    ])
}

fn temp_doc(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn the_cable_finds_every_spelling_of_lashkar_and_nothing_else() {
    let (Some(un), Some(cable)) = (
        interdict_testdata::data("un/un_consolidated_2025-04-19.xml"),
        interdict_testdata::eval("seed_cable_09STATE65183.txt"),
    ) else {
        return;
    };
    let docs = scan_json(&[un], &[&cable], &[]);
    let doc = &docs[0];
    let original = std::fs::read(&cable).unwrap();
    for m in mentions(doc) {
        assert_eq!(m["ref"], "QDe.118", "{m}");
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&original[s..e], m["text"].as_str().unwrap().as_bytes());
    }
    let t = texts(doc);
    let count = |w: &str| t.iter().filter(|x| x.as_str() == w).count();
    assert_eq!(count("LASHKAR E-TAIBA"), 2, "{t:?}");
    assert_eq!(count("Lashkar e-Tayyiba"), 1, "{t:?}");
    assert_eq!(count("Jaamat-u-Dawa"), 1, "{t:?}");
    assert_eq!(count("LeT"), 15, "{t:?}");
    assert_eq!(count("JUD") + count("JUDs"), 4, "{t:?}");
    assert_eq!(t.len(), 23, "{t:?}");
}

#[test]
fn ordinary_prose_names_nobody() {
    let docs = ["english.txt", "urdu_roman.txt", "arabic.txt"].map(prose);
    let refs: Vec<&Path> = docs.iter().map(PathBuf::as_path).collect();
    let mut lists = vec![sample()];
    if let Some(real) = real_lists() {
        lists = real;
    }
    for doc in scan_json(&lists, &refs, &[]) {
        assert!(mentions(&doc).is_empty(), "{doc}");
    }
}

#[test]
fn a_donation_appeal_by_email_names_the_front_and_the_party() {
    let eml = prose("appeal.eml");
    let docs = scan_json(&[sample()], &[&eml], &[]);
    let original = std::fs::read(&eml).unwrap();
    let t = texts(&docs[0]);
    assert!(
        t.iter().any(|x| x == "Falah-e-Insaniat Foundation"),
        "{t:?}"
    );
    assert!(
        t.iter().any(|x| x == "Falah-e-Insaniyat Foundation"),
        "{t:?}"
    );
    assert!(t.iter().any(|x| x.starts_with("JAMAT UD")), "{t:?}");
    for m in mentions(&docs[0]) {
        assert_eq!(m["ref"], "QDe.118", "{m}");
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        // The name may run across a line break of the body, which stays in the original.
        let found = String::from_utf8_lossy(&original[s..e])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text = m["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(found, text);
    }
}

#[test]
fn utf16_and_windows_1252_offsets_point_into_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Funds – “for” Jamaat-ud-Dawa were seized.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in sentence.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let a = temp_doc(dir.path(), "utf16.txt", &utf16);
    // Windows-1252: en dash 0x96, curly quotes 0x93/0x94, é 0xE9.
    let mut cp1252 = b"Caf\xe9 \x96 \x93for\x94 ".to_vec();
    cp1252.extend_from_slice(b"Jamaat-ud-Dawa were seized.\n");
    let b = temp_doc(dir.path(), "cp1252.txt", &cp1252);
    let docs = scan_json(&[sample()], &[&a, &b], &[]);
    assert_eq!(docs.len(), 2);
    let m = &mentions(&docs[0])[0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    let units: Vec<u16> = utf16[s..e]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(String::from_utf16(&units).unwrap(), "Jamaat-ud-Dawa");
    let m = &mentions(&docs[1])[0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&cp1252[s..e], b"Jamaat-ud-Dawa");
    assert_eq!(m["text"], "Jamaat-ud-Dawa");
}

#[test]
fn html_is_read_as_its_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let html = b"<!DOCTYPE html><html><head><title>Appeal</title>\
        <script>var q = 'Lashkar e-Tayyiba';</script></head>\
        <body><p>Give to <b>Jamaat&#8209;ud&#8209;Dawa</b> &amp; friends.</p>\
        <p class=\"Lashkar-e-Toiba\">Nothing in attributes either.</p></body></html>";
    let p = temp_doc(dir.path(), "page.html", html);
    let docs = scan_json(&[sample()], &[&p], &[]);
    let ms = mentions(&docs[0]);
    assert_eq!(ms.len(), 1, "{ms:?}");
    let (s, e) = (
        ms[0]["start"].as_u64().unwrap() as usize,
        ms[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&html[s..e], b"Jamaat&#8209;ud&#8209;Dawa");
}

#[test]
fn acronyms_need_support_from_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let bare = temp_doc(
        dir.path(),
        "bare.txt",
        b"LET US KNOW. The JUD said it would LET it be.\n",
    );
    let written = temp_doc(
        dir.path(),
        "written.txt",
        b"Attacks by the group (LeT) and LeT/JUD go on.\n",
    );
    let near = temp_doc(
        dir.path(),
        "near.txt",
        b"Lashkar e-Tayyiba was named again.\n\nLater, LeT denied it.\n",
    );
    let docs = scan_json(&[sample()], &[&bare, &written, &near], &[]);
    assert!(mentions(&docs[0]).is_empty(), "{}", docs[0]);
    assert_eq!(texts(&docs[1]), ["LeT", "LeT", "JUD"]);
    assert_eq!(texts(&docs[2]), ["Lashkar e-Tayyiba", "LeT"]);
}

#[test]
fn person_names_need_two_parts_and_particles_never_match_alone() {
    let dir = tempfile::tempdir().unwrap();
    let doc = temp_doc(
        dir.path(),
        "people.txt",
        b"Saeed went home. Al and Bin met Abu at the Foundation.\n\
          Then Hafiz Muhammad Saeed spoke, and Zaki Ur-Rehman Lakvi listened.\n",
    );
    let docs = scan_json(&[sample()], &[&doc], &[]);
    let t = texts(&docs[0]);
    assert_eq!(t, ["Hafiz Muhammad Saeed", "Zaki Ur-Rehman Lakvi"]);
}

#[test]
fn min_score_drops_weaker_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let doc = temp_doc(dir.path(), "d.txt", b"Lashkar-e-Toiba (LeT) again.\n");
    let all = scan_json(&[sample()], &[&doc], &[]);
    assert_eq!(texts(&all[0]), ["Lashkar-e-Toiba", "LeT"]);
    let strict = scan_json(&[sample()], &[&doc], &["--min-score", "0.95"]);
    assert_eq!(texts(&strict[0]), ["Lashkar-e-Toiba"]);
}

#[test]
fn standard_input_and_the_readable_listing() {
    let list = sample();
    let mut child = command(&["scan", "--list", list.to_str().unwrap(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"PAYMENT REF FLOOD RELIEF JAMAT UD DAWA 2024\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("[[JAMAT UD DAWA]]"), "{out}");
    assert!(out.contains("QDe.118"), "{out}");
    assert!(out.contains("1 mention of 1 distinct entity"), "{out}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("MB/s"), "{err}");
}

#[test]
fn missing_documents_and_repeated_stdin_are_refused() {
    let list = sample();
    let o = run(&[
        "scan",
        "--list",
        list.to_str().unwrap(),
        "no-such-document.txt",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-document.txt"));
    let o = run(&["scan", "--list", list.to_str().unwrap(), "-", "-"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("standard input"));
}

#[test]
fn binary_junk_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let p = temp_doc(dir.path(), "junk.bin", &junk);
    let o = run(&[
        "scan",
        "--list",
        sample().to_str().unwrap(),
        p.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("junk.bin: a binary file"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn binary_documents_are_refused_not_read_as_junk() {
    let xlsx = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../interdict-lists/tests/fixtures/au_dfat.xlsx");
    let o = run(&[
        "scan",
        "--list",
        sample().to_str().unwrap(),
        xlsx.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("au_dfat.xlsx") && err.contains("zip archive") && err.contains("not text"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn invisible_characters_do_not_hide_a_name_in_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("hidden.txt");
    std::fs::write(
        &doc,
        "Funds were sent to Hafiz Muhammad Sa\u{200B}eed and to Lashkar-e-Tay\u{AD}yiba.\n",
    )
    .unwrap();
    let docs = scan_json(&[sample()], &[&doc], &[]);
    let refs: Vec<&str> = mentions(&docs[0])
        .iter()
        .map(|m| m["ref"].as_str().unwrap())
        .collect();
    assert!(
        refs.contains(&"QDi.263") && refs.contains(&"QDe.118"),
        "{refs:?}"
    );
}

/// One labelled mention of `tests/fixtures/documents/labels.csv`.
struct Label {
    document: String,
    start: u64,
    end: u64,
    expected: Vec<String>,
    also_right: Vec<String>,
}

fn labels() -> Vec<Label> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    let mut r = csv::Reader::from_path(dir.join("labels.csv")).expect("labels.csv");
    r.records()
        .map(|row| {
            let row = row.expect("a labels.csv row");
            let refs = |i: usize| row[i].split_whitespace().map(String::from).collect();
            Label {
                document: row[0].to_string(),
                start: row[1].parse().expect("start"),
                end: row[2].parse().expect("end"),
                expected: refs(4),
                also_right: refs(5),
            }
        })
        .collect()
}

/// (recall, precision) of `scan` on the labelled documents against `lists` (named by their
/// list keys in `loaded`), as `bench/documents.py` computes them.
fn document_figures(lists: &[PathBuf], loaded: &[&str]) -> (f64, f64) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    let labels = labels();
    let mut names: Vec<&str> = labels.iter().map(|l| l.document.as_str()).collect();
    names.dedup();
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    let docs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let out = scan_json(lists, &docs, &[]);
    let (mut in_scope, mut found, mut reported, mut right) = (0, 0, 0, 0);
    for (name, doc) in names.iter().zip(&out) {
        let mine: Vec<&Label> = labels.iter().filter(|l| l.document == *name).collect();
        let ms = mentions(doc);
        let names_it = |m: &Value, l: &Label| {
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            let r = format!(
                "{}:{}",
                m["list"].as_str().unwrap(),
                m["ref"].as_str().unwrap()
            );
            s < l.end && l.start < e && (l.expected.contains(&r) || l.also_right.contains(&r))
        };
        for l in &mine {
            if l.expected
                .iter()
                .any(|r| loaded.iter().any(|k| r.starts_with(&format!("{k}:"))))
            {
                in_scope += 1;
                found += usize::from(ms.iter().any(|m| names_it(m, l)));
            }
        }
        // Each mention's text is the document's own bytes at its offsets.
        if name.ends_with(".txt") && !name.contains("1252") {
            let original = std::fs::read(dir.join(name)).unwrap();
            for m in ms {
                let (s, e) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    &original[s..e],
                    m["text"].as_str().unwrap().as_bytes(),
                    "{name}"
                );
            }
        }
        reported += ms.len();
        right += ms
            .iter()
            .filter(|m| mine.iter().any(|l| names_it(m, l)))
            .count();
    }
    (
        found as f64 / in_scope as f64,
        right as f64 / reported.max(1) as f64,
    )
}

#[test]
fn labelled_documents_are_read_as_people_write_them() {
    let Some(un) = interdict_testdata::data("un/un_consolidated_2025-04-19.xml") else {
        return;
    };
    // Possessives, glued labels, no-break spaces, dotted acronyms, al-Qaida after its
    // particle, names with lower-case joining words, a name without the acronym it carries.
    let (recall, precision) = document_figures(std::slice::from_ref(&un), &["un-sc"]);
    assert!(recall >= 0.95, "recall with the UN list {recall:.3}");
    assert!(
        precision >= 0.97,
        "precision with the UN list {precision:.3}"
    );
    let (Some(ofac), Some(uk)) = (
        interdict_testdata::data("ofac/legacy_csv_2021-07"),
        interdict_testdata::data("uk/ofsi_conlist_csv_2018-04-13.csv"),
    ) else {
        return;
    };
    let (recall, precision) =
        document_figures(&[un, ofac, uk], &["un-sc", "us-ofac-sdn", "gb-hmt"]);
    assert!(recall >= 0.95, "recall with UN, OFAC and UK {recall:.3}");
    assert!(
        precision >= 0.93,
        "precision with UN, OFAC and UK {precision:.3}"
    );
}

#[test]
fn labels_point_at_their_text() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    let mut r = csv::Reader::from_path(dir.join("labels.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        let bytes = std::fs::read(dir.join(&row[0])).unwrap();
        let (s, e): (usize, usize) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        let slice = &bytes[s..e];
        // The Windows-1252 document holds one non-ASCII letter, ï.
        let text: String = match std::str::from_utf8(slice) {
            Ok(t) => t.to_string(),
            Err(_) => slice
                .iter()
                .map(|&b| if b == 0xEF { 'ï' } else { b as char })
                .collect(),
        };
        assert_eq!(text, &row[3], "{} {s}..{e}", &row[0]);
    }
}

#[test]
fn the_un_designation_leads_and_other_lists_sit_under_it() {
    let (Some(lists), Some(cable)) = (
        real_lists(),
        interdict_testdata::eval("seed_cable_09STATE65183.txt"),
    ) else {
        return;
    };
    // JSON: the UN's QDe.118 is the mention; the UK entry that quotes it is under it.
    let docs = scan_json(&lists, &[&cable], &[]);
    let first = &mentions(&docs[0])[0];
    assert_eq!(first["ref"], "QDe.118", "{first}");
    let also: Vec<&str> = first["also_listed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(also, ["gb-hmt:7241"], "{first}");
    // The listing: one line per stretch of text, with its list, its reason and the others.
    let mut args = vec!["scan".to_string()];
    for l in &lists {
        args.extend(["--list".to_string(), l.display().to_string()]);
    }
    args.push(cable.display().to_string());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = String::from_utf8(run(&refs).stdout).unwrap();
    assert!(out.contains("23 mentions of 2 distinct entities"), "{out}");
    let line = out.lines().find(|l| l.contains("bytes 42..57")).unwrap();
    assert!(line.contains("un-sc QDe.118  name 0.99"), "{line}");
    assert!(
        out.contains("(score 0.99); also gb-hmt 7241, us-ofac-sdn 7140"),
        "{out}"
    );
    assert!(
        !out.lines().any(|l| l.contains("bytes 42..57  us-ofac-sdn")),
        "{out}"
    );
}
