//! Helpers shared by the command's end-to-end tests: the sample list, and running `interdict`
//! against an empty data directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
