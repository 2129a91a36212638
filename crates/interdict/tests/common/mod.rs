//! Helpers shared by the command's end-to-end tests: the sample list, and running `interdict`
//! against an empty data directory.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The UN sample list in `examples/`.
pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml")
}

/// Runs `interdict` with an empty data directory, so that lists imported on this machine do not
/// take part.
pub fn interdict(args: &[&str]) -> Output {
    let empty = std::env::temp_dir().join(format!("interdict-cli-test-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_interdict"))
        .env("INTERDICT_DATA", &empty)
        .args(args)
        .output()
        .expect("run interdict")
}

/// Runs `interdict screen` against the sample list.
pub fn screen(args: &[&str]) -> Output {
    let list = sample();
    let mut all = vec!["screen", "--list", list.to_str().unwrap()];
    all.extend_from_slice(args);
    interdict(&all)
}

/// Screens a file against the sample list, writing to `output`.
pub fn screen_file(input: &Path, output: &Path) -> Output {
    screen(&[
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A running `interdict serve`, stopped when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on the loopback interface.
pub fn free_addr() -> SocketAddr {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}").parse().unwrap()
}

/// Starts `interdict serve` with `args` over the data directory `data` on a free port, and
/// returns once it answers.
pub fn serve(args: &[&str], data: &Path) -> Server {
    let addr = free_addr();
    let child = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .args(["serve", "--bind", &addr.to_string()])
        .args(args)
        .env("INTERDICT_DATA", data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, addr };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if http(addr, "GET", "/healthz", "").0 == 200 {
            return server;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the server did not start");
}

/// One request; (status, body), status 0 when the connection failed.
pub fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (0, String::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if s.write_all(request.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

/// Runs `interdict` over the data directory `data`; its output, after checking it succeeded.
pub fn cli(data: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_interdict"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// One request with a JSON body (none when null); the status and the JSON answer.
pub fn call(addr: SocketAddr, method: &str, path: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let (status, answer) = http(addr, method, path, &text);
    let value = serde_json::from_str(&answer).unwrap_or(Value::String(answer));
    (status, value)
}

/// A webhook receiver on the loopback interface.
pub struct Receiver {
    pub addr: SocketAddr,
    /// The bodies it took.
    pub taken: Arc<Mutex<Vec<Value>>>,
    /// How many requests it refused.
    pub refused: Arc<Mutex<usize>>,
}

/// A webhook receiver that answers 500 to its first `failures` requests, then 200.
pub fn receiver(failures: usize) -> Receiver {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let taken = Arc::new(Mutex::new(Vec::new()));
    let refused = Arc::new(Mutex::new(0));
    let (t, r) = (taken.clone(), refused.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut refused = r.lock().unwrap();
            let status = if *refused < failures {
                *refused += 1;
                "500 Internal Server Error"
            } else {
                t.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&body).unwrap_or(Value::Null));
                "200 OK"
            };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    Receiver {
        addr,
        taken,
        refused,
    }
}

/// Waits until `check` holds, for up to 30 seconds.
pub fn eventually(what: &str, check: impl Fn() -> bool) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not happen within 30 seconds");
}

/// The first element of the JSON array `array` whose `key` is `value`; panics, showing the
/// array, when there is none.
pub fn element<'a>(array: &'a Value, key: &str, value: &str) -> &'a Value {
    array
        .as_array()
        .and_then(|items| items.iter().find(|item| item[key] == value))
        .unwrap_or_else(|| panic!("no element with {key} = {value:?} in {array}"))
}
