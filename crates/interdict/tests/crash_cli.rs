//! The data directory survives what happens to real imports: an import killed at any moment
//! leaves the old version or the new one active, never a mixture, and the next import works;
//! two imports at once are taken one after the other.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A UN list of the given date with `copies` copies of each sample individual (distinct ids
/// and names), large enough that importing it takes a while.
fn big_list(dir: &Path, date: &str, copies: usize) -> PathBuf {
    let sample = std::fs::read_to_string(sample()).unwrap();
    let (head, rest) = sample.split_once("<INDIVIDUALS>").unwrap();
    let (individuals, tail) = rest.split_once("</INDIVIDUALS>").unwrap();
    let mut out = head.replace("2025-04-19T00:00:00.000Z", &format!("{date}T00:00:00.000Z"));
    out.push_str("<INDIVIDUALS>");
    for i in 0..copies {
        out.push_str(
            &individuals
                .replace("<DATAID>", &format!("<DATAID>{i}0"))
                .replace(
                    "<REFERENCE_NUMBER>QDi.",
                    &format!("<REFERENCE_NUMBER>X{i}."),
                )
                .replace("<FIRST_NAME>", &format!("<FIRST_NAME>N{i} ")),
        );
    }
    out.push_str("</INDIVIDUALS>");
    out.push_str(tail);
    let path = dir.join(format!("un-{date}.xml"));
    std::fs::write(&path, out).unwrap();
    path
}

/// The active UN version, after checking that the data directory reads whole: its status,
/// every stored version, and a screening run.
fn active_version(data: &Path) -> String {
    let o = run(data, &["lists", "status", "--json"]);
    assert!(o.status.success(), "status: {}", text(&o.stderr));
    let status: Value = serde_json::from_slice(&o.stdout).unwrap();
    let un = status
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "un-sc")
        .unwrap();
    let versions = un["versions"].as_u64().unwrap();
    assert!(versions >= 1);
    let o = run(
        data,
        &["screen", "Hafiz Muhammad Saeed", "--format", "json"],
    );
    assert!(o.status.success(), "screen: {}", text(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["results"][0]["list"], "un-sc",
        "real lists, not the sample"
    );
    un["active"]["version"].as_str().unwrap().to_string()
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_old_or_the_new_version() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let first = big_list(files.path(), "2025-05-01", 200);
    assert!(
        run(data.path(), &["lists", "import", first.to_str().unwrap()])
            .status
            .success()
    );
    // How long a whole import takes here, to spread the kills over it.
    let timing = big_list(files.path(), "2025-05-02", 200);
    let started = Instant::now();
    assert!(
        run(data.path(), &["lists", "import", timing.to_str().unwrap()])
            .status
            .success()
    );
    let whole = started.elapsed().max(Duration::from_millis(50));
    let mut expected_before = "2025-05-02".to_string();
    let mut completed = 0;
    for k in 0..20u32 {
        let date = format!("2025-06-{:02}", k + 1);
        let file = big_list(files.path(), &date, 200);
        // Spread over the import's time, in a fixed pseudo-random order.
        let at = whole.mul_f64(f64::from((k * 7) % 20) / 20.0);
        let mut child = interdict(data.path())
            .args(["lists", "import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let active = active_version(data.path());
        assert!(
            active == expected_before || active == date,
            "kill {k} after {at:?}: active {active}, expected {expected_before} or {date}"
        );
        if finished {
            assert_eq!(active, date, "a finished import is active");
        }
        if active == date {
            completed += 1;
        }
        expected_before = active;
    }
    // Whatever was killed, the next import works and nothing half-written is left.
    let last = big_list(files.path(), "2025-07-01", 200);
    let o = run(data.path(), &["lists", "import", last.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(active_version(data.path()), "2025-07-01");
    let leftovers: Vec<String> = walk(&data.path().join("objects"))
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("{completed} of 20 killed imports had completed");
}

/// File names under a folder.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn two_imports_at_once_are_taken_one_after_the_other() {
    for attempt in 0..3 {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let older = big_list(files.path(), "2025-05-01", 150);
        let newer = big_list(files.path(), "2025-06-01", 150);
        let spawn = |f: &Path| {
            interdict(data.path())
                .args(["lists", "import", f.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        // The newer first, so that a race would leave the older one active.
        let a = spawn(&newer);
        let b = spawn(&older);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success(), "{attempt}: {}", text(&a.stderr));
        assert!(b.status.success(), "{attempt}: {}", text(&b.stderr));
        assert_eq!(
            active_version(data.path()),
            "2025-06-01",
            "{attempt}: the newer list stays active"
        );
        let o = run(data.path(), &["lists", "versions", "un-sc"]);
        let listed = text(&o.stdout);
        assert!(
            listed.contains("2025-05-01") && listed.contains("2025-06-01"),
            "{listed}"
        );
    }
}
