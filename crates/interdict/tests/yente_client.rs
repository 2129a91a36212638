//! yente's own Python client, unchanged but for its base URL, matches and searches against
//! `interdict serve`. The client is installed from PyPI into a throwaway virtual environment;
//! without Python or the network the test says so and skips.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CLIENT: &str = "yente-client==0.2.0";

const SCRIPT: &str = r#"
import sys
from yente_client import Client, Organization, Person
with Client(base_url=sys.argv[1], app_name="interdict-test") as c:
    assert c.healthz().status == "ok"
    hits = c.match(Organization(name=["Jaamat-u-Dawa"]))
    assert hits.top is not None and hits.top.caption == "LASHKAR-E-TAYYIBA", hits
    assert hits.top.match and hits.top.score > 0.9, hits.top
    hits = c.match(Person(firstName=["Hafiz Mohammed"], lastName=["Saeed"], birthDate=["1950"]), threshold=0.8)
    assert hits.top is not None and hits.top.caption.upper().startswith("HAFIZ"), hits
    none = c.match(Person(name=["Jane Whitfield-Moreau"], birthDate=["1990-01-01"]))
    assert not none.matches, none
    found = c.search("Lashkar e Taiba")
    assert found.results and found.results[0].caption == "LASHKAR-E-TAYYIBA", found
    entity = c.fetch(found.results[0].id)
    assert entity.caption == "LASHKAR-E-TAYYIBA"
    assert c.algorithms().best
    assert any(d.name == "default" for d in c.datasets().datasets)
print("yente-client OK")
"#;

fn skip(why: &str) {
    eprintln!("skipped: {why}");
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(port: u16) -> Server {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml");
    let child = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--list"])
        .arg(&sample)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start interdict serve");
    let server = Server(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

fn venv_with_client(dir: &Path) -> Option<PathBuf> {
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(dir)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        skip("python3 -m venv is not available");
        return None;
    }
    let python = dir.join("bin/python");
    let mut install = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            CLIENT,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut err = String::new();
    if let Some(mut e) = install.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if !install.wait().map(|s| s.success()).unwrap_or(false) {
        skip(&format!(
            "cannot install {CLIENT} from PyPI: {}",
            err.lines().last().unwrap_or("")
        ));
        return None;
    }
    Some(python)
}

#[test]
fn yente_client_matches_and_searches_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let Some(python) = venv_with_client(&dir.path().join("venv")) else {
        return;
    };
    let port = free_port();
    let _server = start(port);
    let out = Command::new(python)
        .args(["-c", SCRIPT, &format!("http://127.0.0.1:{port}")])
        .output()
        .expect("run the client");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("yente-client OK"), "{stdout}\n{stderr}");
}
