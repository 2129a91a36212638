//! A large XML file of many messages read one element at a time: each `AppHdr` and `Document`
//! (with any namespace prefix) is cut out of the byte stream as it comes, with the line it
//! starts on, so that memory holds one message whatever the file's size. Comments, processing
//! instructions and CDATA between messages are passed over. The file is UTF-8, as CBPR+
//! requires.

use crate::Error;
use std::io::BufRead;

/// The most one element may hold.
const MAX_ELEMENT_BYTES: usize = 64 << 20;

/// One element cut out of the stream.
pub(crate) struct Fragment {
    /// `AppHdr` or `Document`.
    pub name: String,
    /// The line its start tag is on (1-based).
    pub line: usize,
    /// Its text, start tag to end tag.
    pub text: String,
}

/// The `AppHdr` and `Document` elements of a stream, in order.
pub(crate) struct Fragments<R: BufRead> {
    reader: R,
    display: String,
    line: usize,
    done: bool,
}

impl<R: BufRead> Fragments<R> {
    /// The elements of `reader`, named `display` in errors.
    pub(crate) fn new(display: &str, reader: R) -> Self {
        Fragments {
            reader,
            display: display.to_string(),
            line: 1,
            done: false,
        }
    }

    fn fail(&mut self, what: String) -> Option<Result<Fragment, Error>> {
        self.done = true;
        Some(Err(Error(format!(
            "{}: line {}: {what}",
            self.display, self.line
        ))))
    }

    /// Reads up to and including `end`, counting lines; false at the end of the stream.
    fn read_until(&mut self, end: u8, into: &mut Vec<u8>) -> std::io::Result<bool> {
        let before = into.len();
        let n = self.reader.read_until(end, into)?;
        self.line += into[before..].iter().filter(|&&b| b == b'\n').count();
        Ok(n > 0 && into.last() == Some(&end))
    }

    /// Reads what follows a `<` up to the end of the markup; the tag's text.
    fn markup(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut tag = Vec::new();
        if !self.read_until(b'>', &mut tag)? {
            return Ok(None);
        }
        // A comment may hold '>' before its end.
        while tag.starts_with(b"!--") && !tag.ends_with(b"-->") {
            if !self.read_until(b'>', &mut tag)? {
                return Ok(None);
            }
        }
        Ok(Some(tag))
    }

    /// The rest of an element whose start tag `start` (without its `<`) was read, to its
    /// matching end tag.
    fn element(&mut self, qualified: &str, start: Vec<u8>) -> Result<Vec<u8>, String> {
        let mut text = Vec::with_capacity(4096);
        text.push(b'<');
        text.extend_from_slice(&start);
        if start.ends_with(b"/>") {
            return Ok(text);
        }
        let end = format!("</{qualified}");
        let mut depth = 1;
        loop {
            if !self
                .read_until(b'>', &mut text)
                .map_err(|e| format!("cannot read: {e}"))?
            {
                return Err(format!(
                    "the file ends inside <{qualified}>: it is cut short"
                ));
            }
            if text.len() > MAX_ELEMENT_BYTES {
                return Err(format!(
                    "<{qualified}> is larger than {} MB: not one payment message",
                    MAX_ELEMENT_BYTES >> 20
                ));
            }
            let tag_start = text.iter().rposition(|&b| b == b'<').unwrap_or(0);
            let tag = &text[tag_start..];
            if tag.starts_with(end.as_bytes()) {
                depth -= 1;
            } else if tag.starts_with(format!("<{qualified}").as_bytes())
                && !tag.ends_with(b"/>")
                && tag
                    .get(qualified.len() + 1)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
            {
                depth += 1;
            }
            if depth == 0 {
                return Ok(text);
            }
        }
    }
}

impl<R: BufRead> Iterator for Fragments<R> {
    type Item = Result<Fragment, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut skipped = Vec::new();
        while !self.done {
            skipped.clear();
            match self.read_until(b'<', &mut skipped) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return self.fail(format!("cannot read: {e}")),
            }
            let line = self.line;
            let tag = match self.markup() {
                Ok(Some(t)) => t,
                Ok(None) => return self.fail("the file ends inside a tag: it is cut short".into()),
                Err(e) => return self.fail(format!("cannot read: {e}")),
            };
            let qualified: String = tag
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'/')
                .map(|&b| b as char)
                .collect();
            let local = qualified.rsplit(':').next().unwrap_or("");
            if local != "AppHdr" && local != "Document" {
                continue;
            }
            let local = local.to_string();
            return Some(match self.element(&qualified, tag) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Ok(Fragment {
                        name: local,
                        line,
                        text,
                    }),
                    Err(_) => Err(Error(format!(
                        "{}: message at line {line}: invalid UTF-8 (payment messages are UTF-8)",
                        self.display
                    ))),
                },
                Err(why) => return self.fail(why),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragments(text: &str) -> Vec<Result<(String, usize, String), String>> {
        Fragments::new("f", text.as_bytes())
            .map(|r| r.map(|f| (f.name, f.line, f.text)).map_err(|e| e.0))
            .collect()
    }

    #[test]
    fn documents_and_headers_are_cut_out_with_their_lines() {
        let text = "<?xml version=\"1.0\"?>\n<Env>\n<!-- a <Document> in a comment -->\n\
            <h:AppHdr xmlns:h=\"x\"><h:BizMsgIdr>1</h:BizMsgIdr></h:AppHdr>\n\
            <Document xmlns=\"y\"><A>x &gt; y</A></Document>\n<Document/>\n</Env>\n";
        let got = fragments(text);
        assert_eq!(got.len(), 3, "{got:?}");
        let (name, line, body) = got[0].clone().unwrap();
        assert_eq!((name.as_str(), line), ("AppHdr", 4));
        assert!(body.starts_with("<h:AppHdr") && body.ends_with("</h:AppHdr>"));
        let (name, line, body) = got[1].clone().unwrap();
        assert_eq!((name.as_str(), line), ("Document", 5));
        assert_eq!(body, "<Document xmlns=\"y\"><A>x &gt; y</A></Document>");
        assert_eq!(got[2].clone().unwrap().2, "<Document/>");
    }

    #[test]
    fn a_file_cut_short_is_an_error_with_its_line() {
        let got = fragments("<Env>\n<Document><A>1</A>\n<B>");
        let e = got.last().unwrap().clone().unwrap_err();
        assert!(
            e.starts_with("f: line 3: the file ends inside <Document>"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_cut_into_whole_elements_or_an_error(
            text in "[<>/!?a-zA-Z:\\- \n\"]{0,300}",
            inside in proptest::sample::select(vec!["Document", "AppHdr", "x:Document", "Doc"]),
        ) {
            let text = text.replace('?', &format!("<{inside}>")).replace('!', &format!("</{inside}>"));
            for f in Fragments::new("f", text.as_bytes()) {
                match f {
                    Ok(f) => {
                        proptest::prop_assert!(f.text.starts_with('<') && f.text.ends_with('>'));
                        proptest::prop_assert!(text.contains(&f.text));
                    }
                    Err(e) => proptest::prop_assert!(e.0.starts_with("f: line ")),
                }
            }
        }
    }
}
