//! Properties of document decoding on any input: no panic, and every position of the decoded
//! text maps to a position of the original bytes, in order.

use interdict_docs::{email, html, Piece};
use proptest::prelude::*;

fn assert_maps_in_order(piece: &Piece, original_len: usize) -> Result<(), TestCaseError> {
    let mut last = 0;
    for (i, _) in piece.text.char_indices().chain([(piece.text.len(), ' ')]) {
        let o = piece.map.original(i);
        prop_assert!(o >= last, "position {i} maps back to {o}, before {last}");
        prop_assert!(
            o <= original_len,
            "position {i} maps to {o}, past {original_len}"
        );
        last = o;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_text_maps_back(source in "(<[a-z/!]{0,6}[^>]{0,10}>|&[a-z#0-9]{0,7};?|[^<&]{0,20}){0,20}") {
        let piece = html::text(&source, &interdict_docs::OffsetMap::identity(0));
        assert_maps_in_order(&piece, source.len())?;
    }

    #[test]
    fn email_texts_map_back(
        headers in "([A-Za-z-]{1,12}: [^\r\n]{0,30}\r?\n){0,6}",
        body in proptest::collection::vec(any::<u8>(), 0..300),
        encoding in prop::sample::select(vec!["quoted-printable", "base64", "8bit"]),
    ) {
        let mut bytes = format!("{headers}Content-Transfer-Encoding: {encoding}\n\n").into_bytes();
        bytes.extend_from_slice(&body);
        for piece in email::texts(&bytes) {
            assert_maps_in_order(&piece, bytes.len())?;
        }
    }

    #[test]
    fn multipart_email_never_panics(parts in proptest::collection::vec("[^\r]{0,60}", 0..4)) {
        let mut bytes = b"Content-Type: multipart/mixed; boundary=\"b\"\n\n".to_vec();
        for p in &parts {
            bytes.extend_from_slice(b"--b\nContent-Type: text/html; charset=windows-1252\n\n");
            bytes.extend_from_slice(p.as_bytes());
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(b"--b--\n");
        for piece in email::texts(&bytes) {
            assert_maps_in_order(&piece, bytes.len())?;
        }
    }
}
