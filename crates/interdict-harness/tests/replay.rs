//! Every input saved in `fuzz/corpus/` (seeds and what fuzzing found worth keeping), run through
//! its target: none may panic.

use std::path::PathBuf;

#[test]
fn every_saved_fuzz_input_runs_through_its_target() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut ran = 0;
    for (name, target) in interdict_harness::TARGETS {
        let dir = corpus.join(name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name}: no saved inputs");
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} panics", f.display());
            ran += 1;
        }
    }
    eprintln!("{ran} saved inputs replayed");
}

#[test]
fn empty_and_tiny_inputs_run_through_every_target() {
    for (name, target) in interdict_harness::TARGETS {
        for data in [&b""[..], b"\x00", b"\x01<", b"\xff\xfe", b"PK\x03\x04"] {
            let outcome = std::panic::catch_unwind(|| target(data));
            assert!(outcome.is_ok(), "{name}: {data:?} panics");
        }
    }
}
