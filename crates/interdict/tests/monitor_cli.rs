//! `interdict monitor` and `interdict audit` end to end: customers registered and screened,
//! alerts decided, the chain of the audit log checked against tampering, bad input refused
//! with nothing changed, and (on the real UN list versions) the book followed through list
//! changes, a delta rescreen matching a full one, and a rescreen killed half-way.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml")
}

fn interdict(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_interdict"));
    c.arg("--data-dir").arg(data).env_remove("INTERDICT_DATA");
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    interdict(data).args(args).output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed; its standard output.
fn ok(data: &Path, args: &[&str]) -> String {
    let o = run(data, args);
    assert!(
        o.status.success(),
        "{args:?} failed: {}{}",
        out(&o),
        err(&o)
    );
    out(&o)
}

/// Runs a command that must fail; its standard error.
fn fails(data: &Path, args: &[&str]) -> String {
    let o = run(data, args);
    assert!(!o.status.success(), "{args:?} should fail: {}", out(&o));
    err(&o)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// Every alert, as `monitor alerts --format jsonl` prints them.
fn alerts(data: &Path) -> Vec<Value> {
    ok(data, &["monitor", "alerts", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn status(data: &Path) -> Value {
    serde_json::from_str(&ok(data, &["monitor", "status", "--json"])).unwrap()
}

fn audit_entries(data: &Path) -> i64 {
    status(data)["audit_entries"].as_i64().unwrap()
}

/// The alert of a customer on a listed reference, newest first.
fn alert_of<'a>(all: &'a [Value], customer: &str, reference: &str) -> Option<&'a Value> {
    all.iter()
        .find(|a| a["customer_id"] == customer && a["ref"] == reference)
}

const CUSTOMERS: &str = "customer_id,full_name,dob,nationality,branch\n\
    c1,Hafiz Muhammad Saeed,1950-03-05,PK,Lahore\n\
    c2,Jane Lindqvist,1981-07-02,SE,Leeds\n";

#[test]
fn customers_alerts_and_decisions_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.as_path();
    let customers = write(dir.path(), "customers.csv", CUSTOMERS);

    // No lists: refused, and no book is created.
    let e = fails(data, &["monitor", "add", "--input", &customers]);
    assert!(
        e.contains("no sanctions lists") && e.contains("lists fetch"),
        "{e}"
    );
    let e = fails(data, &["monitor", "status"]);
    assert!(e.contains("no customers are registered"), "{e}");

    ok(data, &["lists", "import", sample().to_str().unwrap()]);

    // A file without ids is refused whole.
    let no_ids = write(
        dir.path(),
        "no_ids.csv",
        "full_name,dob\nHafiz Muhammad Saeed,1950\n",
    );
    let e = fails(data, &["monitor", "add", "--input", &no_ids]);
    assert!(
        e.contains("no_ids.csv: row 1 (line 2): no customer id"),
        "{e}"
    );
    assert!(e.contains("nothing was registered"), "{e}");
    fails(data, &["monitor", "status"]);

    let o = ok(data, &["monitor", "add", "--input", &customers]);
    assert!(o.contains("2 added, 0 changed, 0 unchanged"), "{o}");
    assert!(o.contains("1 alerts raised"), "{o}");
    let all = alerts(data);
    assert_eq!(all.len(), 1, "{all:?}");
    let a = &all[0];
    for key in [
        "alert_id",
        "customer_id",
        "state",
        "list",
        "list_version",
        "entity_id",
        "ref",
        "caption",
        "matched_name",
        "score",
        "explanation",
        "created_at",
        "updated_at",
        "decisions",
    ] {
        assert!(a.get(key).is_some(), "alert lacks {key}: {a}");
    }
    assert_eq!(a["customer_id"], "c1");
    assert_eq!(a["ref"], "QDi.263");
    assert_eq!(a["state"], "open");
    assert_eq!(a["list_version"], "2025-04-19");
    assert!(a["score"].as_f64().unwrap() >= 0.8, "{a}");
    let id = a["alert_id"].to_string();

    // The same file again changes nothing.
    let o = ok(data, &["monitor", "add", "--input", &customers]);
    assert!(o.contains("0 added, 0 changed, 2 unchanged"), "{o}");
    assert_eq!(alerts(data).len(), 1);

    // Bad decisions are refused and change nothing.
    let before = audit_entries(data);
    let decide = |id: &str, decided: &str, reason: &str| {
        run(
            data,
            &[
                "monitor", "decide", id, "--as", decided, "--reason", reason, "--by", "ana",
            ],
        )
    };
    let e = err(&decide("999", "false-positive", "not him"));
    assert!(e.contains("no alert 999"), "{e}");
    let e = err(&decide("first", "false-positive", "not him"));
    assert!(e.contains("alert id 'first': expected a number"), "{e}");
    let e = err(&decide(&id, "cleared", "not him"));
    assert!(
        e.contains("--as cleared: expected true-match, false-positive or escalated"),
        "{e}"
    );
    let e = err(&decide(&id, "false-positive", "  "));
    assert!(e.contains("needs a reason"), "{e}");
    let e = fails(data, &["monitor", "alerts", "--state", "cleared"]);
    assert!(e.contains("--state cleared: expected one of open"), "{e}");
    assert_eq!(audit_entries(data), before);
    assert_eq!(alerts(data)[0]["state"], "open");

    // A false positive stays quiet while neither side changes.
    assert!(decide(&id, "false-positive", "born 1981, not 1950")
        .status
        .success());
    let a = &alerts(data)[0];
    assert_eq!(a["state"], "false-positive");
    assert_eq!(a["decisions"][0]["as"], "false-positive");
    assert_eq!(a["decisions"][0]["reason"], "born 1981, not 1950");
    assert_eq!(a["decisions"][0]["by"], "ana");
    let o = ok(data, &["monitor", "rescreen", "--all"]);
    assert!(
        o.contains("0 alerts raised") && o.contains("1 kept quiet"),
        "{o}"
    );

    // A new branch changes the record, not what the customer is screened with: still quiet.
    let moved = CUSTOMERS.replace("PK,Lahore", "PK,Karachi");
    let moved = write(dir.path(), "moved.csv", &moved);
    let o = ok(data, &["monitor", "add", "--input", &moved]);
    assert!(o.contains("0 added, 1 changed, 1 unchanged"), "{o}");
    assert!(
        o.contains("0 alerts raised") && o.contains("1 kept quiet"),
        "{o}"
    );
    // The name as screened changes: the pair is raised again, the decision beside it.
    let renamed = CUSTOMERS.replace("Hafiz Muhammad Saeed", "Hafiz Mohammad Saeed");
    let renamed = write(dir.path(), "renamed.csv", &renamed);
    let o = ok(data, &["monitor", "add", "--input", &renamed]);
    assert!(o.contains("0 added, 1 changed, 1 unchanged"), "{o}");
    assert!(o.contains("1 alerts raised"), "{o}");
    let all = alerts(data);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["state"], "open");
    assert_eq!(all[0]["earlier"]["state"], "false-positive");
    assert_eq!(all[0]["earlier"]["decisions"][0]["by"], "ana");
    let table = ok(data, &["monitor", "alerts", "--state", "open"]);
    assert!(
        table.contains("re-raised; alert 1 was false-positive"),
        "{table}"
    );

    // Removed customers close their alerts; a closed alert is not decided.
    let o = ok(data, &["monitor", "remove", "c1", "nobody"]);
    assert!(o.contains("1 removed, 1 alerts closed"), "{o}");
    let live = all[0]["alert_id"].to_string();
    let e = err(&decide(&live, "true-match", "it is him"));
    assert!(e.contains("is closed (closed-customer-removed)"), "{e}");
    let s = status(data);
    assert_eq!(s["customers"], 1);
    assert_eq!(s["alerts"]["closed-customer-removed"], 1);

    // The audit log holds it all, and exports it.
    let o = ok(data, &["audit", "verify"]);
    assert!(o.contains("the chain is whole"), "{o}");
    let export = dir.path().join("audit.jsonl");
    ok(
        data,
        &[
            "audit",
            "export",
            "--from",
            "2000-01-01",
            "--output",
            export.to_str().unwrap(),
        ],
    );
    let lines: Vec<Value> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as i64, audit_entries(data));
    let kinds: BTreeSet<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    for kind in [
        "customer-added",
        "customer-changed",
        "customer-removed",
        "rescreen",
        "alert-raised",
        "alert-closed",
        "decision",
        "lists-changed",
    ] {
        assert!(kinds.contains(kind), "no {kind} entry in {kinds:?}");
    }
    let e = fails(
        data,
        &[
            "audit",
            "export",
            "--from",
            "last week",
            "--output",
            "x.jsonl",
        ],
    );
    assert!(e.contains("--from last week: expected a date"), "{e}");
}

#[test]
fn the_audit_log_tells_a_changed_or_missing_entry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["lists", "import", sample().to_str().unwrap()]);
    let customers = write(dir.path(), "customers.csv", CUSTOMERS);
    ok(&data, &["monitor", "add", "--input", &customers]);
    ok(&data, &["monitor", "remove", "c2"]);
    let entries = audit_entries(&data);
    assert!(entries >= 6, "{entries}");
    ok(&data, &["audit", "verify"]);

    let tampered = |name: &str, sql: &str| -> String {
        let copy = dir.path().join(name);
        copy_dir(&data, &copy);
        let db = rusqlite::Connection::open(copy.join("monitor/monitor.db")).unwrap();
        db.execute_batch(sql).unwrap();
        drop(db);
        fails(&copy, &["audit", "verify"])
    };
    // One byte of a past entry's details (whichever customer it names: customers of one
    // file may be registered in any order).
    let e = tampered(
        "changed",
        "UPDATE audit SET payload = payload || ' ' WHERE seq = 1",
    );
    assert!(e.contains("entry 1 (customer-added"), "{e}");
    assert!(e.contains("was changed after it was written"), "{e}");
    // Its time.
    let e = tampered(
        "retimed",
        "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 2",
    );
    assert!(e.contains("entry 2 ") && e.contains("was changed"), "{e}");
    // An entry deleted from the middle, and one from the end.
    let e = tampered("deleted", "DELETE FROM audit WHERE seq = 3");
    assert!(e.contains("entry 3 is missing"), "{e}");
    let e = tampered("cut", &format!("DELETE FROM audit WHERE seq = {entries}"));
    assert!(
        e.contains(&format!(
            "entries {entries} to {entries} were removed from the end"
        )),
        "{e}"
    );
    // An entry rewritten with its hash recomputed still breaks the chain after it.
    let e = tampered(
        "rehashed",
        "UPDATE audit SET hash = 'ff' || substr(hash, 3) WHERE seq = 2",
    );
    assert!(e.contains("entry 2 ") || e.contains("entry 3 "), "{e}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "lock" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---- on the real UN list versions ----

/// The UN snapshots in order, or `None` (skipping) without the reference data.
fn un_versions() -> Option<[PathBuf; 4]> {
    let v = |d: &str| interdict_testdata::data(&format!("un/un_consolidated_{d}.xml"));
    Some([
        v("2025-04-19")?,
        v("2025-12-09")?,
        v("2025-12-10")?,
        v("2026-02-27")?,
    ])
}

/// A customer file: people and organisations who are (or will be) on the UN list, written as
/// a bank would have them, and `negatives` people who are not on any list.
fn book_file(dir: &Path, negatives: usize) -> Option<String> {
    let mut text = String::from("customer_id,full_name,dob,nationality,schema\n");
    let planted = [
        // Listed before 2025-04-19.
        (
            "p-saeed",
            "Hafiz Muhammad Saeed",
            "1950-03-05",
            "PK",
            "Person",
        ),
        (
            "p-bashar",
            "Bashar Sabawi Ibrahim Hasan al-Tikriti",
            "1970",
            "IQ",
            "Person",
        ),
        ("p-qubaysi", "Munir al Qubaysi", "1966", "IQ", "Person"),
        // Added on 2025-12-09.
        (
            "p-soleimani",
            "Qasem Soleimani",
            "1957-03-11",
            "IR",
            "Person",
        ),
        ("p-abbasi", "Fereidoun Abbasi-Davani", "", "IR", "Person"),
        ("p-sanon", "Kempes Sanon", "", "HT", "Person"),
        ("o-yasair", "Yas Air", "", "IR", "Organization"),
        // Added on 2026-02-27.
        ("p-dagalo", "Abdul Rahim Hamdan Dagalo", "", "SD", "Person"),
        ("p-gedo", "Gedo Hamdan Ahmed", "", "SD", "Person"),
    ];
    for (id, name, dob, country, schema) in planted {
        text.push_str(&format!("{id},{name},{dob},{country},{schema}\n"));
    }
    let negatives_file =
        interdict_testdata::data("opensanctions/yente_screening_benchmark/negatives_us.csv")?;
    let mut reader = csv::Reader::from_path(negatives_file).unwrap();
    for (i, row) in reader.records().take(negatives).enumerate() {
        let row = row.unwrap();
        text.push_str(&format!(
            "n-{i},\"{}\",{},\"{}\",Person\n",
            &row[0], &row[5], &row[7]
        ));
    }
    Some(write(dir, "book.csv", &text))
}

/// (customer, listed reference) → state of the pair's latest alert.
fn pairs(data: &Path) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    // Newest first: the first alert of a pair is its latest.
    for a in alerts(data) {
        let key = (
            a["customer_id"].as_str().unwrap().to_string(),
            a["ref"].as_str().unwrap().to_string(),
        );
        out.entry(key)
            .or_insert_with(|| a["state"].as_str().unwrap().to_string());
    }
    out
}

/// A full rescreen after a delta one finds nothing the delta missed, and closes nothing.
fn assert_full_agrees(data: &Path) {
    let before = pairs(data);
    let o = ok(data, &["monitor", "rescreen", "--all"]);
    assert!(
        o.contains(" 0 alerts raised") && o.contains(" 0 closed"),
        "{o}"
    );
    assert_eq!(pairs(data), before);
}

#[test]
fn the_book_follows_the_real_un_list_through_four_versions() {
    let Some(versions) = un_versions() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(book) = book_file(dir.path(), 300) else {
        return;
    };
    let data = dir.path().join("data");
    let data = data.as_path();
    let import = |v: &PathBuf| ok(data, &["lists", "import", v.to_str().unwrap()]);
    let decide = |customer: &str, reference: &str, decided: &str| {
        let all = alerts(data);
        let a = alert_of(&all, customer, reference)
            .unwrap_or_else(|| panic!("{customer} {reference}: {all:?}"));
        ok(
            data,
            &[
                "monitor",
                "decide",
                &a["alert_id"].to_string(),
                "--as",
                decided,
                "--reason",
                "checked against the passport",
                "--by",
                "ana",
            ],
        );
    };

    import(&versions[0]);
    let o = ok(data, &["monitor", "add", "--input", &book]);
    assert!(o.contains("309 added"), "{o}");
    let first = pairs(data);
    for (c, r) in [
        ("p-saeed", "QDi.263"),
        ("p-bashar", "IQi.085"),
        ("p-qubaysi", "IQi.074"),
    ] {
        assert_eq!(
            first.get(&(c.into(), r.into())).map(String::as_str),
            Some("open"),
            "{c} {r}: {first:?}"
        );
    }
    for c in [
        "p-soleimani",
        "p-abbasi",
        "p-sanon",
        "o-yasair",
        "p-dagalo",
        "p-gedo",
    ] {
        assert!(
            !first.keys().any(|(k, _)| k == c),
            "{c} alerted before being listed: {first:?}"
        );
    }
    assert_full_agrees(data);
    decide("p-saeed", "QDi.263", "false-positive");
    decide("p-bashar", "IQi.085", "false-positive");

    // 2025-12-09: the Iran and Haiti designations; IQi.085 gains an alias.
    let o = import(&versions[1]);
    assert!(o.contains("rescreen (delta"), "{o}");
    let second = pairs(data);
    for (c, r) in [
        ("p-soleimani", "IRi.039"),
        ("p-abbasi", "IRi.001"),
        ("p-sanon", "HTi.009"),
        ("o-yasair", "IRe.077"),
    ] {
        assert_eq!(
            second.get(&(c.into(), r.into())).map(String::as_str),
            Some("open"),
            "{c} {r}: {second:?}"
        );
    }
    // The unrelated change left the false positive alone; the changed entity raised its pair
    // again, with the earlier decision beside it.
    let all = alerts(data);
    let saeed: Vec<&Value> = all
        .iter()
        .filter(|a| a["customer_id"] == "p-saeed")
        .collect();
    assert_eq!(saeed.len(), 1, "{saeed:?}");
    assert_eq!(saeed[0]["state"], "false-positive");
    let bashar: Vec<&Value> = all
        .iter()
        .filter(|a| a["customer_id"] == "p-bashar" && a["ref"] == "IQi.085")
        .collect();
    assert_eq!(bashar.len(), 2, "{bashar:?}");
    assert_eq!(bashar[0]["state"], "open");
    assert_eq!(bashar[0]["list_version"], "2025-12-09");
    assert_eq!(bashar[0]["earlier"]["state"], "false-positive");
    assert_full_agrees(data);

    // 2025-12-10: IQi.074 leaves the list.
    import(&versions[2]);
    let third = pairs(data);
    assert_eq!(
        third[&("p-qubaysi".into(), "IQi.074".into())],
        "closed-delisted"
    );
    assert_full_agrees(data);

    // 2026-02-27: the Sudan designations.
    import(&versions[3]);
    let fourth = pairs(data);
    for (c, r) in [("p-dagalo", "SDi.008"), ("p-gedo", "SDi.007")] {
        assert_eq!(
            fourth.get(&(c.into(), r.into())).map(String::as_str),
            Some("open"),
            "{c} {r}: {fourth:?}"
        );
    }
    assert_full_agrees(data);
    let o = ok(data, &["monitor", "rescreen"]);
    assert!(
        o.contains(" 0 alerts raised, 0 updated, 0 closed"),
        "idempotent: {o}"
    );

    // A book registered only now, screened once in full, has the same live pairs.
    let fresh = dir.path().join("fresh");
    ok(&fresh, &["lists", "import", versions[3].to_str().unwrap()]);
    ok(&fresh, &["monitor", "add", "--input", &book]);
    let live = |p: &BTreeMap<(String, String), String>| -> BTreeSet<(String, String)> {
        p.iter()
            .filter(|(_, s)| !s.starts_with("closed"))
            .map(|(k, _)| k.clone())
            .collect()
    };
    assert_eq!(live(&pairs(&fresh)), live(&fourth));
    ok(data, &["audit", "verify"]);
}

/// Runs `args` in a copy of `start`, killed after `after`; whether it was still running then.
fn killed_run(start: &Path, data: &Path, args: &[&str], after: std::time::Duration) -> bool {
    copy_dir(start, data);
    let mut child = interdict(data)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

#[test]
fn a_rescreen_killed_half_way_is_completed_by_the_next_run() {
    let Some(versions) = un_versions() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let Some(book) = book_file(dir.path(), 1500) else {
        return;
    };
    // The book registered on 2025-04-19, and 2025-12-09 imported while the book was moved
    // aside: the next `monitor rescreen` has the list change to screen.
    let start = dir.path().join("start");
    ok(&start, &["lists", "import", versions[0].to_str().unwrap()]);
    ok(&start, &["monitor", "add", "--input", &book]);
    std::fs::rename(start.join("monitor"), dir.path().join("aside")).unwrap();
    ok(&start, &["lists", "import", versions[1].to_str().unwrap()]);
    std::fs::rename(dir.path().join("aside"), start.join("monitor")).unwrap();
    // A delta rescreen, and a full one at a lower threshold that raises more alerts.
    let scenarios: [&[&str]; 2] = [
        &["monitor", "rescreen"],
        &["monitor", "rescreen", "--all", "--threshold", "0.6"],
    ];
    for (n, args) in scenarios.iter().enumerate() {
        let reference = dir.path().join(format!("reference-{n}"));
        copy_dir(&start, &reference);
        let started = Instant::now();
        ok(&reference, args);
        let took = started.elapsed();
        let expected = pairs(&reference);
        let mut killed_mid_way = 0;
        for fraction in [0.2, 0.4, 0.6, 0.8] {
            let data = dir.path().join(format!("run-{n}-{fraction}"));
            killed_mid_way += usize::from(killed_run(&start, &data, args, took.mul_f64(fraction)));
            // Whatever was left, running the command again completes it.
            ok(&data, args);
            assert_eq!(
                pairs(&data),
                expected,
                "{args:?} killed after {fraction} of its run"
            );
            let all = alerts(&data);
            let unique: BTreeSet<(String, String)> = all
                .iter()
                .map(|a| (a["customer_id"].to_string(), a["entity_id"].to_string()))
                .collect();
            assert_eq!(unique.len(), all.len(), "an alert was duplicated");
            ok(&data, &["audit", "verify"]);
            std::fs::remove_dir_all(&data).unwrap();
        }
        assert!(
            killed_mid_way >= 2,
            "{args:?}: only {killed_mid_way} runs were killed before they ended"
        );
    }
}

#[test]
fn rows_without_a_name_are_passed_over_or_refused_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["lists", "import", sample().to_str().unwrap()]);
    let file = write(
        dir.path(),
        "customers.csv",
        "id,name,dob\nc1,Jane Lindqvist,1981-02-30\nc2,,1960\nc3,Bo Li,1970\nc3,Bo Lee,1970\n",
    );
    let e = fails(&data, &["monitor", "add", "--strict", "--input", &file]);
    assert!(
        e.contains("customers.csv: row 1 (line 2)")
            && e.contains("--strict: nothing was registered"),
        "{e}"
    );
    fails(&data, &["monitor", "status"]);
    let o = run(&data, &["monitor", "add", "--input", &file]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("2 added, 0 changed, 0 unchanged"),
        "{}",
        out(&o)
    );
    let e = err(&o);
    assert!(
        e.contains("1 rows without a usable name were not registered; the first: ")
            && e.contains("row 2 (line 3)"),
        "{e}"
    );
    assert!(
        e.contains("1 rows were registered without a cell that could not be used"),
        "{e}"
    );
    assert!(
        e.contains("1 rows repeat an id given earlier in the file"),
        "{e}"
    );
    assert_eq!(status(&data)["customers"], 2);
}
