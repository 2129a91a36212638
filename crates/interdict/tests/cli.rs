//! End-to-end tests of the `interdict` command through its CLI contract, against the sample list
//! in `examples/` and small files written by the tests.

mod common;

use common::{interdict, sample, screen, screen_file, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_name_as_a_table() {
    let o = screen(&["Lashkar e-Tayyiba"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("QDe.118"), "{out}");
    assert!(out.contains("LASHKAR-E-TAYYIBA"), "{out}");
    assert!(out.contains("yes"), "{out}");
    assert!(out.contains("why:"), "{out}");
}

#[test]
fn one_name_as_json_follows_the_contract() {
    let o = screen(&[
        "Jaamat-u-Dawa",
        "--schema",
        "Organization",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let top = &doc["results"][0];
    assert_eq!(top["ref"], "QDe.118");
    assert_eq!(top["list"], "un-sc");
    assert_eq!(top["list_version"], "2025-04-19");
    assert_eq!(top["entity_id"], "un-sc:114076");
    assert_eq!(top["schema"], "Organization");
    assert_eq!(top["caption"], "LASHKAR-E-TAYYIBA");
    assert_eq!(top["matched_name"], "Jamaat-ud-Dawa");
    assert_eq!(top["match"], true);
    let score = top["score"].as_f64().unwrap();
    assert!(
        score > 0.8 && score < 1.0,
        "inexact match must not score 1: {score}"
    );
    let pairs = top["explanation"]["name"]["pairs"].as_array().unwrap();
    assert!(
        pairs
            .iter()
            .any(|p| p["query"] == "jaamat" && p["listed"] == "jamaat"),
        "{pairs:?}"
    );
}

#[test]
fn attributes_confirm_and_contradict() {
    let good = screen(&[
        "Zaki ur Rehman Lakhvi",
        "--dob",
        "1960-12-30",
        "--country",
        "Pakistan",
        "--format",
        "json",
    ]);
    let bad = screen(&[
        "Zaki ur Rehman Lakhvi",
        "--dob",
        "1985-01-01",
        "--country",
        "fr",
        "--format",
        "json",
    ]);
    let g: Value = serde_json::from_str(&stdout(&good)).unwrap();
    let b: Value = serde_json::from_str(&stdout(&bad)).unwrap();
    assert_eq!(g["results"][0]["match"], true);
    assert_eq!(
        g["results"][0]["explanation"]["dob"]["outcome"],
        "same date of birth"
    );
    let bad_top = &b["results"][0];
    assert_eq!(
        bad_top["match"], false,
        "namesake with other DOB and nationality: {bad_top}"
    );
    assert!(bad_top["explanation"]["dob"]["effect"].as_f64().unwrap() < 0.0);
}

#[test]
fn passport_number_decides() {
    let o = screen(&["Ko Tae Hoon", "--id", "563-120-630", "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["results"][0]["ref"], "KPi.025");
    assert_eq!(doc["results"][0]["match"], true);
    assert_eq!(
        doc["results"][0]["explanation"]["id"]["outcome"],
        "same document number, and a name part in common"
    );
}

#[test]
fn no_match_for_a_place_or_a_title() {
    for name in ["Pakistan", "Secretary of State", "Mumbai"] {
        let o = screen(&[name, "--schema", "Organization", "--format", "json"]);
        let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let matches: Vec<&Value> = doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["match"] == true)
            .collect();
        assert!(matches.is_empty(), "{name}: {matches:?}");
    }
}

#[test]
fn csv_file_to_json_lines_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "customers.csv",
        "id,full_name,date_of_birth,nationality,branch\n\
         c1,Kathryn Barr,1966-07-06,United Arab Emirates,Leeds\n\
         c2,Hafiz Mohammed Saeed,1950-06-05,pk,Leeds\n\
         c3,,,,York\n"
            .replace("c3,,,,York", "c3,LASHKAR E-TAIBA,,,York")
            .as_bytes(),
    );
    let out = dir.path().join("results.jsonl");
    let o = screen_file(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(rows.len(), 3);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["row"], i);
    }
    assert_eq!(rows[0]["id"], "c1");
    assert!(rows[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["match"] == false));
    assert_eq!(rows[1]["results"][0]["ref"], "QDi.263");
    assert_eq!(rows[1]["results"][0]["match"], true);
    assert_eq!(rows[2]["results"][0]["ref"], "QDe.118");
    assert_eq!(
        rows[0]["fields"]["branch"], "Leeds",
        "unknown columns are carried through"
    );
    assert!(stderr(&o).contains("screened 3 rows"), "{}", stderr(&o));
    // Not a terminal: a summary, no progress bar.
    assert!(
        !stderr(&o).contains('█') && !stderr(&o).contains("left"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_input_and_csv_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "q.jsonl",
        br#"{"id": "a", "name": "Lashkar-e-Toiba", "schema": "Organization"}
{"id": "b", "first_name": "Zaki", "last_name": "Lakhvi", "dob": "1960"}
"#,
    );
    let out = dir.path().join("r.csv");
    let o = screen_file(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let recs: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(&recs[0][col("ref")], "QDe.118");
    assert_eq!(&recs[0][col("match")], "true");
    assert_eq!(&recs[1][col("ref")], "QDi.264");
}

#[test]
fn compare_one_pair_and_a_file() {
    let o = interdict(&["compare", "Lashkar e Tayyiba", "LASHKAR-I-TAIBA", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["row"], 0);
    assert_eq!(v["match"], true);
    assert!(v["explanation"]["pairs"].as_array().unwrap().len() >= 2);

    let dir = tempfile::tempdir().unwrap();
    let pairs = write(
        dir.path(),
        "pairs.csv",
        b"name1,name2,schema\nMohammed Saeed,Muhammad Sayeed,Person\nJohn Smith,Hafiz Saeed,Person\n",
    );
    let o = interdict(&["compare", "--input", pairs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&stdout(&o));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["row"], 0);
    assert_eq!(rows[0]["match"], true);
    assert_eq!(rows[1]["match"], false);
}

#[test]
fn without_a_list_one_name_is_screened_against_the_sample_and_said_so() {
    let o = interdict(&["screen", "Lashkar e Tayyiba", "--format", "json"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("SAMPLE") && stderr(&o).contains("does not exist"),
        "{}",
        stderr(&o)
    );
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["results"][0]["list"], "un-sc-sample");
}

#[test]
fn without_lists_files_documents_evaluation_and_the_server_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "customers.csv", b"name\nHafiz Saeed\n");
    let doc = write(dir.path(), "cable.txt", b"Lashkar e Tayyiba\n");
    let labelled = write(
        dir.path(),
        "l.csv",
        b"name,expected_ref\nHafiz Saeed,QDi.263\n",
    );
    let out = dir.path().join("out.jsonl");
    let needles = [
        "no sanctions lists",
        "does not exist",
        "interdict lists fetch",
        "interdict lists import",
    ];
    for args in [
        vec!["screen", "--input", input.to_str().unwrap()],
        vec![
            "screen",
            "--input",
            input.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
        vec!["scan", doc.to_str().unwrap()],
        vec!["eval", labelled.to_str().unwrap()],
        vec!["serve", "--bind", "127.0.0.1:0"],
    ] {
        let o = interdict(&args);
        fails_with(&o, &needles);
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    }
    assert!(!out.exists());
    // Asked for by name, the sample screens a file, every result labelled as the sample's.
    let o = interdict(&["screen", "--sample", "--input", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(jsonl(&stdout(&o))[0]["results"][0]["list"], "un-sc-sample");
    let o = interdict(&["screen", "--sample", "--list", input.to_str().unwrap(), "x"]);
    fails_with(&o, &["--sample and --list"]);
}

// ---- bad input: clear message naming the place, non-zero exit, nothing half-written ----

fn fails_with(o: &Output, needles: &[&str]) {
    assert!(
        !o.status.success(),
        "expected failure; stdout {}",
        stdout(o)
    );
    let err = stderr(o);
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in: {err}");
    }
}

#[test]
fn unknown_list_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let list = write(dir.path(), "names.csv", b"name,dob\nx,1960\n");
    let o = interdict(&["screen", "--list", list.to_str().unwrap(), "x"]);
    fails_with(
        &o,
        &[
            "names.csv",
            "not a sanctions list format",
            "expected one of: UN consolidated XML",
        ],
    );
}

#[test]
fn malformed_xml_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = write(
        dir.path(),
        "broken.xml",
        b"<?xml version='1.0'?>\n<CONSOLIDATED_LIST dateGenerated='2025-01-01'>\n<INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID></FIRST_NAME>\n",
    );
    let o = interdict(&["screen", "--list", list.to_str().unwrap(), "x"]);
    fails_with(&o, &["broken.xml:4:", "malformed XML"]);
}

#[test]
fn csv_without_a_name_column_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"customer,dob\nx,1960\n");
    let out = dir.path().join("out.jsonl");
    let o = screen_file(&input, &out);
    fails_with(&o, &["in.csv", "no name column", "customer, dob"]);
    assert!(!out.exists());
}

#[test]
fn a_row_without_a_name_is_reported_and_the_others_are_screened() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = String::from("full_name,dob\n");
    for _ in 0..3000 {
        rows.push_str("Kathryn Barr,1966\n");
    }
    rows.push_str(" ,1970\nHafiz Muhammad Saeed,1950\n");
    let input = write(dir.path(), "in.csv", rows.as_bytes());
    let out = dir.path().join("out.jsonl");
    let o = screen_file(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = jsonl(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(lines.len(), 3002, "every row has its line, in order");
    let bad = &lines[3000];
    assert_eq!(bad["row"], 3000);
    assert!(
        bad["error"].as_str().unwrap().starts_with("no name"),
        "{bad}"
    );
    assert_eq!(bad["results"], serde_json::json!([]));
    assert_eq!(lines[3001]["results"][0]["ref"], "QDi.263");
    assert!(
        stderr(&o).contains("1 row(s) could not be screened")
            && stderr(&o).contains("in.csv: row 3001 (line 3002): no name"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn strict_fails_on_the_first_row_that_cannot_be_screened_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        b"full_name,dob\nKathryn Barr,1966\nAli Khan,1965-02-30\n",
    );
    let out = write(dir.path(), "out.jsonl", b"previous results\n");
    let o = screen(&[
        "--strict",
        "--input",
        input.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    fails_with(&o, &["in.csv: row 2 (line 3)", "no such day", "--strict"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous results\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary output left behind");
}

#[test]
fn windows_1252_text_is_read_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "latin1.csv",
        b"full_name\nJos\xe9 Mar\xeda\nHafiz Muhammad Sa\xefd\n",
    );
    let o = screen(&["--input", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&stdout(&o));
    assert_eq!(rows[1]["results"][0]["ref"], "QDi.263", "{}", rows[1]);
    assert!(
        stderr(&o).contains("read as Windows-1252"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_cells_are_left_out_with_warnings_and_the_run_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "d.csv",
        b"full_name,dob,schema\nHafiz Muhammad Saeed,1960-13-01,Planet\n",
    );
    let o = screen(&["--input", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let row = &jsonl(&stdout(&o))[0];
    let warnings: Vec<&str> = row["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("dob: '1960-13-01' has no such month; only the year 1960"));
    assert!(warnings[1].contains("schema: unknown schema 'Planet'"));
    assert_eq!(row["results"][0]["ref"], "QDi.263");
    assert!(
        stderr(&o).contains("1 row(s) were screened with some cells left out"),
        "{}",
        stderr(&o)
    );
}

/// A bank's export as one arrives: a byte-order mark, CRLF line ends, semicolons, dates in
/// every form, empty and impossible cells, a short row and a long one, a name in Windows-1252
/// in a UTF-8 file, a row without a name.
fn messy_export() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy_bank_export.csv")
}

#[test]
fn a_messy_bank_export_is_screened_whole() {
    let o = screen(&["--input", messy_export().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&stdout(&o));
    assert_eq!(rows.len(), 11, "one line per row");
    assert_eq!(rows[0]["id"], "C-001");
    assert_eq!(rows[10]["id"], "C-011");
    assert_eq!(rows[0]["results"][0]["ref"], "QDi.263", "5 Mar 1950 read");
    assert_eq!(rows[1]["results"][0]["ref"], "QDi.264", "19600330 read");
    assert_eq!(rows[10]["results"][0]["ref"], "QDe.118");
    assert_eq!(
        rows[0]["fields"]["Branch"], "Lahore",
        "other columns carried"
    );
    let warnings = |i: usize| rows[i]["warnings"].to_string();
    assert!(rows[2].get("warnings").is_none(), "circa 1975 is a date");
    assert!(warnings(3).contains("'unknown' is not a date"));
    assert!(warnings(4).contains("'1965-02-30' has no such day; only 1965-02 is used"));
    assert!(warnings(5).contains("'Atlantis' is not a country"));
    assert!(warnings(6).contains("'---'"));
    assert!(rows[7]["error"].as_str().unwrap().starts_with("no name"));
    assert!(warnings(8).contains("6 fields where the header has 7"));
    assert!(
        warnings(8).contains("--date-order mdy"),
        "12/30/1960 is not guessed"
    );
    assert!(warnings(9).contains("9 fields where the header has 7"));
    assert_eq!(rows[9]["fields"]["Branch"], "Madrid");
    let err = stderr(&o);
    assert!(
        err.contains("row 4 (line 5): Date of Birth: 'unknown'"),
        "{err}"
    );
    assert!(err.contains("row 8 (line 9): no name"), "{err}");
    assert!(err.contains("'03/04/1975' were read day first"), "{err}");
    assert!(err.contains("with ';' between fields"), "{err}");

    // As CSV: the input's columns, a warnings column, and the Windows-1252 name read.
    let o = screen(&[
        "--input",
        messy_export().to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let text = stdout(&o);
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[1], "Customer ID");
    assert_eq!(header.last().unwrap(), "warnings");
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 11);
    assert_eq!(&records[9][2], "Jos\u{e9} Mar\u{ed}a Fern\u{e1}ndez");
    assert!(records[4]
        .iter()
        .next_back()
        .unwrap()
        .contains("no such day"));
}

#[test]
fn columns_can_be_named_and_month_first_dates_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "de.csv",
        "Kunde|Geburtsdatum|Land\nHafiz Muhammad Saeed|06/05/1950|Pakistan\n".as_bytes(),
    );
    let o = screen(&[
        "--input",
        input.to_str().unwrap(),
        "--column",
        "name=Kunde",
        "--column",
        "dob=geburtsdatum",
        "--date-order",
        "mdy",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let row = &jsonl(&stdout(&o))[0];
    assert!(row.get("warnings").is_none(), "{row}");
    assert_eq!(
        row["results"][0]["explanation"]["dob"]["outcome"],
        "same date of birth"
    );
    let o = screen(&["--input", input.to_str().unwrap(), "--column", "dob=Born"]);
    fails_with(
        &o,
        &[
            "de.csv",
            "--column names 'Born'",
            "Kunde, Geburtsdatum, Land",
        ],
    );
}

#[test]
fn utf16_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "name,country\r\nHafiz Muhammad Saeed,PK\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let input = write(dir.path(), "u16.csv", &bytes);
    let o = screen(&["--input", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(jsonl(&stdout(&o))[0]["results"][0]["ref"], "QDi.263");
    // Without a byte-order mark, the encoding is given.
    let input = write(dir.path(), "u16.csv", &bytes[2..]);
    let o = screen(&["--input", input.to_str().unwrap(), "--encoding", "utf-16le"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(jsonl(&stdout(&o))[0]["results"][0]["ref"], "QDi.263");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "f.csv",
        b"name,note\nHafiz Muhammad Saeed,=HYPERLINK(\"http://x\")\n@SUM(A1),+1\n",
    );
    let o = screen(&["--input", input.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[1][1], "'@SUM(A1)");
    assert_eq!(&rows[1][2], "'+1");
}

#[test]
fn empty_single_name_and_binary_input_are_refused() {
    fails_with(&screen(&["  -- "]), &["empty name"]);
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "blob.bin", b"\x00\x01\x02binary");
    fails_with(
        &screen(&["--input", input.to_str().unwrap()]),
        &["blob.bin", "not a text file"],
    );
}

fn eval(args: &[&str]) -> Output {
    let list = sample();
    let mut all = vec!["eval", "--list", list.to_str().unwrap()];
    all.extend_from_slice(args);
    interdict(&all)
}

#[test]
fn eval_reports_recall_false_alarms_and_misses() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "labelled.csv",
        "full_name,schema,expected_ref,variant\n\
         Lashkar i Tayyibah,Organization,QDe.118,spelling\n\
         HAFIZ MUHAMAD SAEED,,un-sc:QDi.263,typo\n\
         Zaki Lakhvi,,7140;QDi.264,short\n\
         Totally Unrelated Person,,,negative\n\
         Lashkar Jhangvi,,,negative\n"
            .as_bytes(),
    );
    let o = eval(&[file.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r = &doc["report"];
    assert_eq!(
        (
            r["rows"].as_u64(),
            r["positives"].as_u64(),
            r["negatives"].as_u64()
        ),
        (Some(5), Some(3), Some(2))
    );
    let at = |t: f64| {
        r["thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| (a["threshold"].as_f64().unwrap() - t).abs() < 1e-6)
            .unwrap()
            .clone()
    };
    // The three listed rows are found at the default threshold; "Lashkar Jhangvi" alerts on
    // Lashkar i Jhangvi, which the labels say it should not.
    let chosen = at(0.8);
    assert_eq!(chosen["found"], 3, "{chosen}");
    assert_eq!(chosen["false_alarms"], 1, "{chosen}");
    assert_eq!(chosen["recall"], 1.0);
    assert_eq!(chosen["false_positive_rate"], 0.5);
    let alarm = &r["false_alarms"][0];
    assert_eq!(alarm["name"], "Lashkar Jhangvi");
    assert_eq!(alarm["top"]["ref"], "QDe.096");
    assert!(
        alarm["top"]["why"].as_str().unwrap().contains("matched"),
        "{alarm}"
    );
    let groups: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["negative", "short", "spelling", "typo"]);
    // The text report marks the chosen threshold and lists the false alarm with its reason.
    let o = eval(&[file.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains("0.80 *"), "{text}");
    assert!(text.contains("False alarms at 0.80: 1"), "{text}");
    assert!(
        text.contains("row 4 \"Lashkar Jhangvi\" expected nothing"),
        "{text}"
    );
    assert!(text.contains("why:"), "{text}");
}

#[test]
fn eval_needs_the_expected_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "plain.csv", b"full_name\nHafiz Saeed\n");
    let o = eval(&[file.to_str().unwrap()]);
    fails_with(&o, &["plain.csv", "no 'expected_ref' column"]);
    let o = eval(&[file.to_str().unwrap(), "--threshold", "2"]);
    fails_with(&o, &["--threshold"]);
}
