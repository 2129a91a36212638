//! `interdict lists ...` end to end in a temporary data directory, and screening against what
//! was imported.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interdict-lists/tests/fixtures")
}

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_interdict"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("INTERDICT_DATA")
        .output()
        .expect("run interdict")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn status_json(data: &Path) -> Value {
    serde_json::from_str(&out(&run(data, &["lists", "status", "--json"]))).unwrap()
}

#[test]
fn import_status_and_screen_against_imported_lists() {
    let data = tempfile::tempdir().unwrap();
    let o = run(data.path(), &["lists", "status"]);
    assert!(out(&o).contains("No lists imported"), "{}", out(&o));

    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            sample().to_str().unwrap(),
            fixtures().join("uk_conlist.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("imported un-sc 2025-04-19: 7 entries, now active"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("imported gb-hmt 2018-04-13: 3 entries, now active"),
        "{}",
        out(&o)
    );

    let s = status_json(data.path());
    let sources: Vec<&str> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["gb-hmt", "un-sc"]);
    assert_eq!(s[1]["active"]["entities"], 7);
    assert_eq!(s[1]["active"]["checksum"].as_str().unwrap().len(), 64);

    // Without --list, screening uses the imported lists, and one target on two lists is one hit.
    let o = run(
        data.path(),
        &["screen", "Lashkar e Tayyiba", "--format", "json"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(!err(&o).contains("SAMPLE"), "{}", err(&o));
    let doc: Value = serde_json::from_str(&out(&o)).unwrap();
    let top = &doc["results"][0];
    assert_eq!(
        (top["list"].as_str(), top["ref"].as_str()),
        (Some("un-sc"), Some("QDe.118"))
    );
    assert_eq!(top["also_listed"][0]["list"], "gb-hmt");
    assert_eq!(top["also_listed"][0]["ref"], "7241");
}

#[test]
fn damaged_and_shrunk_imports_keep_the_active_version() {
    let data = tempfile::tempdir().unwrap();
    assert!(run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()]
    )
    .status
    .success());
    let before = status_json(data.path());

    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            fixtures().join("un_truncated.xml").to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("un_truncated.xml") && err(&o).contains("truncated"),
        "{}",
        err(&o)
    );

    let empty = data.path().join("empty.xml");
    std::fs::write(&empty, "").unwrap();
    let o = run(data.path(), &["lists", "import", empty.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(err(&o).contains("empty"), "{}", err(&o));

    let other_format = run(
        data.path(),
        &[
            "lists",
            "import",
            "--source",
            "un-sc",
            fixtures().join("ofac_sdn.xml").to_str().unwrap(),
        ],
    );
    assert!(!other_format.status.success());
    assert!(
        err(&other_format).contains("expects un-xml"),
        "{}",
        err(&other_format)
    );

    let after = status_json(data.path());
    assert_eq!(before, after);
}

#[test]
fn diff_versions_activate_and_prune() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("older.xml");
    let text = std::fs::read_to_string(sample())
        .unwrap()
        .replace("2025-04-19T00:00:00.000Z", "2025-03-01T00:00:00.000Z")
        .replace(
            "<ALIAS_NAME>Chachajee</ALIAS_NAME>",
            "<ALIAS_NAME>Chacha</ALIAS_NAME>",
        );
    std::fs::write(&older, text).unwrap();
    assert!(
        run(data.path(), &["lists", "import", older.to_str().unwrap()])
            .status
            .success()
    );
    assert!(run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()]
    )
    .status
    .success());

    let o = run(data.path(), &["lists", "diff"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("un-sc 2025-03-01 -> 2025-04-19: 0 added, 0 removed, 1 changed"),
        "{text}"
    );
    assert!(
        text.contains("names: - Chacha (weak_alias)")
            && text.contains("names: + Chachajee (weak_alias)"),
        "{text}"
    );

    let o = run(
        data.path(),
        &[
            "lists",
            "diff",
            "un-sc",
            "2025-03-01",
            "2025-04-19",
            "--json",
        ],
    );
    let d: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(d["changed"][0]["entity"]["ref"], "QDi.264");

    assert!(
        run(data.path(), &["lists", "activate", "un-sc", "2025-03-01"])
            .status
            .success()
    );
    assert_eq!(
        status_json(data.path())[0]["active"]["version"],
        "2025-03-01"
    );
    let o = run(data.path(), &["lists", "remove", "un-sc", "2025-03-01"]);
    assert!(
        !o.status.success() && err(&o).contains("active version"),
        "{}",
        err(&o)
    );
    // The newest import and the active version are both kept.
    let o = run(data.path(), &["lists", "prune", "--keep", "1"]);
    assert!(out(&o).contains("0 version(s) removed"), "{}", out(&o));
    assert!(
        run(data.path(), &["lists", "activate", "un-sc", "2025-04-19"])
            .status
            .success()
    );
    let o = run(data.path(), &["lists", "prune", "--keep", "1"]);
    assert!(out(&o).contains("removed un-sc 2025-03-01"), "{}", out(&o));
    let versions = out(&run(data.path(), &["lists", "versions", "un-sc"]));
    assert!(
        !versions.contains("2025-03-01") && versions.contains("2025-04-19"),
        "{versions}"
    );
}

/// Serves `body` with an ETag, answering 304 to a request that sends it back.
fn serve(body: Vec<u8>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for _ in 0..requests {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut buf = vec![0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
            if request.contains("if-none-match: \"v1\"") {
                let _ = stream.write_all(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
            } else {
                let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        }
    });
    format!("http://{addr}/consolidated.xml")
}

#[test]
fn fetch_imports_then_asks_if_changed() {
    let data = tempfile::tempdir().unwrap();
    let url = serve(std::fs::read(sample()).unwrap(), 2);
    let o = run(data.path(), &["lists", "fetch", "un-sc", "--from", &url]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("imported un-sc 2025-04-19: 7 entries, now active"),
        "{}",
        out(&o)
    );
    let o = run(data.path(), &["lists", "fetch", "un-sc", "--from", &url]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("not modified un-sc"), "{}", out(&o));
    assert_eq!(status_json(data.path())[0]["active"]["origin"], url);
}

#[test]
fn fetch_without_network_fails_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    assert!(run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()]
    )
    .status
    .success());
    let before = status_json(data.path());
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let o = run(
        data.path(),
        &[
            "lists",
            "fetch",
            "un-sc",
            "--from",
            &format!("http://{closed}/x.xml"),
            "--timeout",
            "5",
            "--retries",
            "1",
        ],
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("cannot reach") && err(&o).contains("nothing changed"),
        "{}",
        err(&o)
    );
    // A download that is not a list is refused the same way.
    let url = serve(b"<html>maintenance</html>".to_vec(), 1);
    let o = run(data.path(), &["lists", "fetch", "un-sc", "--from", &url]);
    assert!(!o.status.success());
    assert!(err(&o).contains("not a usable list"), "{}", err(&o));
    assert_eq!(before, status_json(data.path()));
    let o = run(data.path(), &["lists", "fetch", "nowhere"]);
    assert!(err(&o).contains("unknown source 'nowhere'"), "{}", err(&o));
}

#[test]
fn import_writes_an_index_snapshot_that_later_runs_read() {
    let data = tempfile::tempdir().unwrap();
    let o = run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    let snapshots: Vec<PathBuf> = std::fs::read_dir(data.path().join("snapshots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "index"))
        .collect();
    assert_eq!(snapshots.len(), 1, "one snapshot for the active versions");

    let timed = |data: &Path| {
        Command::new(env!("CARGO_BIN_EXE_interdict"))
            .env("INTERDICT_DATA", data)
            .env("INTERDICT_TIMING", "1")
            .args(["screen", "Jaamat-u-Dawa", "--format", "json"])
            .output()
            .unwrap()
    };
    let o = timed(data.path());
    assert!(err(&o).contains("loaded the index snapshot"), "{}", err(&o));
    let first: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(first["results"][0]["ref"], "QDe.118");

    // A damaged snapshot is said so, the lists are indexed again, and the snapshot rewritten.
    std::fs::write(&snapshots[0], b"not an index").unwrap();
    let o = timed(data.path());
    assert!(err(&o).contains("indexing the lists again"), "{}", err(&o));
    let again: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(again["results"], first["results"]);
    let o = timed(data.path());
    assert!(err(&o).contains("loaded the index snapshot"), "{}", err(&o));

    // One byte changed inside a listed name: refused by its checksum, never served.
    let mut bytes = std::fs::read(&snapshots[0]).unwrap();
    let at = bytes
        .windows(b"LASHKAR-E-TAYYIBA".len())
        .rposition(|w| w == b"LASHKAR-E-TAYYIBA")
        .unwrap();
    bytes[at] = b'X';
    std::fs::write(&snapshots[0], &bytes).unwrap();
    let o = timed(data.path());
    assert!(
        err(&o).contains("does not match its checksum")
            && err(&o).contains("indexing the lists again"),
        "{}",
        err(&o)
    );
    let again: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(again["results"][0]["caption"], "LASHKAR-E-TAYYIBA");
}

/// The sample list as a version of another date, with a distinguishing alias.
fn sample_dated(dir: &Path, date: &str) -> PathBuf {
    let path = dir.join(format!("un-{date}.xml"));
    let text = std::fs::read_to_string(sample())
        .unwrap()
        .replace("2025-04-19T00:00:00.000Z", &format!("{date}T00:00:00.000Z"))
        .replace(
            "<ALIAS_NAME>Chachajee</ALIAS_NAME>",
            &format!("<ALIAS_NAME>Chacha {date}</ALIAS_NAME>"),
        );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn versions_are_ordered_by_publication_not_by_import() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The newest list first, then two older ones imported later.
    for date in ["2025-12-01", "2024-11-30", "2025-04-19"] {
        let f = sample_dated(dir.path(), date);
        let o = run(data.path(), &["lists", "import", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", err(&o));
    }
    assert_eq!(
        status_json(data.path())[0]["active"]["version"],
        "2025-12-01",
        "an older list imported later does not replace a newer one"
    );
    let o = run(data.path(), &["lists", "diff", "un-sc"]);
    assert!(
        out(&o).starts_with("un-sc 2025-04-19 -> 2025-12-01:"),
        "the version before the active one is the one published before it: {}",
        out(&o)
    );
    let listed = out(&run(data.path(), &["lists", "versions", "un-sc"]));
    let at = |d: &str| listed.find(d).unwrap();
    assert!(
        at("2024-11-30") < at("2025-04-19") && at("2025-04-19") < at("2025-12-01"),
        "{listed}"
    );

    // The active version is an old one; pruning keeps it and the newest publication.
    assert!(
        run(data.path(), &["lists", "activate", "un-sc", "2024-11-30"])
            .status
            .success()
    );
    let o = run(data.path(), &["lists", "prune", "--keep", "1"]);
    assert_eq!(
        out(&o),
        "removed un-sc 2025-04-19\n1 version(s) removed\n",
        "{}",
        err(&o)
    );
}

#[test]
fn status_names_long_sources_whole_and_warns_of_stale_lists() {
    let data = tempfile::tempdir().unwrap();
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            "--source",
            "un-sc-consolidated-mirror",
            sample().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = run(data.path(), &["lists", "status"]);
    let text = out(&o);
    assert!(
        text.contains("un-sc-consolidated-mirror  2025-04-19"),
        "{text}"
    );

    // The sample's date is long past the UN's publication cycle.
    let o = run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&run(data.path(), &["lists", "status"]));
    assert!(
        text.contains("warning: un-sc 2025-04-19 is ")
            && text.contains("usually publishes within 7 days"),
        "{text}"
    );
    let status = status_json(data.path());
    let un = status
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "un-sc")
        .unwrap();
    assert!(un["warning"]
        .as_str()
        .is_some_and(|w| w.contains("days old")));
    let o = run(data.path(), &["screen", "Hafiz Saeed"]);
    assert!(
        err(&o).contains("warning: un-sc 2025-04-19 is "),
        "{}",
        err(&o)
    );
}

#[test]
fn the_retired_uk_list_is_not_fetched_and_its_successor_is_named() {
    let data = tempfile::tempdir().unwrap();
    let o = run(data.path(), &["lists", "fetch", "gb-hmt"]);
    assert!(!o.status.success());
    assert!(
        err(&o).contains("gb-hmt") && err(&o).contains("retired") && err(&o).contains("gb-fcdo"),
        "{}",
        err(&o)
    );
    // Its successor is fetched in its XML format, and the UN entries it quotes lead.
    let url = serve(
        std::fs::read(fixtures().join("uk_sanctions_list.xml")).unwrap(),
        1,
    );
    let o = run(data.path(), &["lists", "fetch", "gb-fcdo", "--from", &url]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("imported gb-fcdo 2026-10-08: 4 entries, now active"),
        "{}",
        out(&o)
    );
    let o = run(
        data.path(),
        &["lists", "import", sample().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = run(
        data.path(),
        &["screen", "Jamaat ud Dawa", "--format", "json"],
    );
    let doc: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(doc["results"][0]["ref"], "QDe.118");
    assert_eq!(doc["results"][0]["also_listed"][0]["list"], "gb-fcdo");
    assert_eq!(doc["results"][0]["also_listed"][0]["ref"], "AQD0104");
    let o = run(data.path(), &["lists", "fetch", "gb-nothing"]);
    assert!(
        err(&o).contains("unknown source 'gb-nothing'"),
        "{}",
        err(&o)
    );
    let sources = out(&run(data.path(), &["lists", "sources"]));
    assert!(
        sources.contains("gb-fcdo") && sources.contains("UK-Sanctions-List.xml"),
        "{sources}"
    );

    // An old ConList file is still imported, and then warned about as retired.
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            fixtures().join("uk_conlist.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&run(data.path(), &["lists", "status"]));
    assert!(text.contains("warning: gb-hmt is retired"), "{text}");
}

#[test]
fn an_sdn_file_without_its_aliases_is_imported_with_a_warning_that_says_so() {
    let data = tempfile::tempdir().unwrap();
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            fixtures().join("ofac_csv/sdn.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("1 warning while reading:")
            && text.contains("warning: ")
            && text.contains("no alt.csv file")
            && text.contains("alias"),
        "{text}"
    );
}

#[test]
fn an_undated_list_takes_the_publication_date_given() {
    let data = tempfile::tempdir().unwrap();
    let folder = fixtures().join("ofac_csv");
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            "--published",
            "2025-12-18",
            folder.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("imported us-ofac-sdn 2025-12-18:"),
        "{}",
        out(&o)
    );
    // A dated list keeps its own date.
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            "--published",
            "2020-01-01",
            sample().to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("states its own publication date"),
        "{}",
        err(&o)
    );
    let o = run(
        data.path(),
        &[
            "lists",
            "import",
            "--published",
            "last week",
            folder.to_str().unwrap(),
        ],
    );
    assert!(err(&o).contains("expected YYYY-MM-DD"), "{}", err(&o));
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for date in ["2024-11-30", "2025-04-19"] {
        let f = sample_dated(dir.path(), date);
        assert!(run(data.path(), &["lists", "import", f.to_str().unwrap()])
            .status
            .success());
    }
    let input = dir.path().join("many.csv");
    let rows: String = std::iter::once("name\n".to_string())
        .chain((0..20_000).map(|i| format!("Hafiz Saeed {i}\n")))
        .collect();
    std::fs::write(&input, rows).unwrap();
    for args in [
        vec!["lists", "diff", "un-sc", "--json"],
        vec!["lists", "export"],
        vec!["lists", "versions"],
        vec!["screen", "--input", input.to_str().unwrap()],
        vec![
            "screen",
            "--input",
            input.to_str().unwrap(),
            "--format",
            "csv",
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_interdict"))
            .arg("--data-dir")
            .arg(data.path())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 10];
        let mut stdout = child.stdout.take().unwrap();
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let o = child.wait_with_output().unwrap();
        assert!(
            o.status.success(),
            "{args:?}: exit {:?}: {}",
            o.status,
            err(&o)
        );
        assert!(!err(&o).contains("panicked"), "{args:?}: {}", err(&o));
    }
}
