//! Properties of the message readers on arbitrary and damaged input: they never panic, every
//! error names the input, and every hit of a screened message names one of its fields.

use interdict_match::Index;
use interdict_payments::{read_bytes, screen, ScreeningOptions};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/un_sample.xml");
        Index::build(interdict_lists::load(&sample).unwrap().remove(0).entities)
    })
}

fn fixtures() -> &'static [Vec<u8>] {
    static ALL: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "xml" || e == "txt" || e == "jsonl")
            })
            .collect();
        files.sort();
        files.iter().map(|p| std::fs::read(p).unwrap()).collect()
    })
}

/// Reads and screens `bytes`, checking what the readers promise.
fn check(bytes: &[u8]) {
    for read in read_bytes("input", bytes) {
        match read {
            Ok(m) => {
                let s = screen(index(), &m, &ScreeningOptions::default());
                for h in &s.hits {
                    assert!(m.fields.iter().any(|f| f.path == h.path), "{}", h.path);
                }
                assert_eq!(s.decision == "hold", s.hits.iter().any(|h| h.is_match));
            }
            Err(e) => assert!(e.to_string().starts_with("input"), "{e}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn damaged_messages_are_read_or_refused(
        which in 0usize..100,
        cuts in proptest::collection::vec((0usize..5000, 0usize..40, any::<u8>()), 1..6),
    ) {
        let all = fixtures();
        let mut bytes = all[which % all.len()].clone();
        for (at, len, b) in cuts {
            let at = at % (bytes.len() + 1);
            let end = (at + len).min(bytes.len());
            // Delete a stretch, or put a byte in its place.
            bytes.splice(at..end, (len % 3 == 0).then_some(b));
        }
        check(&bytes);
    }

    #[test]
    fn mt_fields_of_any_shape_are_read_or_refused(
        lines in proptest::collection::vec(("[0-9]{2}[A-Z]?", "[ -~]{0,40}"), 0..12),
        tail in "[ -~\n]{0,60}",
    ) {
        let mut text = String::from("{1:F01AAAAGB22AXXX0000000000}{2:I103BBBBDEFFXXXXN}{4:\n:20:R\n");
        for (tag, value) in lines {
            text.push_str(&format!(":{tag}:{value}\n"));
        }
        text.push_str(&tail);
        text.push_str("\n-}");
        check(text.as_bytes());
    }
}
