//! Text with a map from its byte positions back to byte offsets in the original file.

/// Maps byte positions of decoded text to byte offsets in the original file. It holds anchor
/// points `(text, original)`; between anchors, text and original advance together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// A map where the text is the original bytes from `start` on.
    pub fn identity(start: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, start)],
        }
    }

    /// Records that text position `text` comes from original offset `original`; positions
    /// must be given in increasing order. Points implied by the previous anchor are skipped.
    pub fn push(&mut self, text: usize, original: usize) {
        if let Some(&(t, o)) = self.anchors.last() {
            if text >= t && original >= o && text - t == original - o {
                return;
            }
            if t == text {
                self.anchors.pop();
            }
        }
        self.anchors.push((text, original));
    }

    /// Appends the map of a text that continues this one at text position `at`.
    pub fn append(&mut self, at: usize, other: &OffsetMap) {
        for &(t, o) in &other.anchors {
            self.push(at + t, o);
        }
    }

    /// The original offset of text position `pos`.
    pub fn original(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|&(t, _)| t <= pos);
        match i.checked_sub(1) {
            Some(i) => {
                // Text and original advance together, but not past the next anchor (a
                // stretch of text longer than what it replaced maps to its end).
                let (t, o) = self.anchors[i];
                let limit = self
                    .anchors
                    .get(i + 1)
                    .map_or(usize::MAX, |&(_, next)| next);
                (o + (pos - t)).min(limit.max(o))
            }
            None => self.anchors.first().map_or(pos, |&(_, o)| o),
        }
    }

    /// The map of text that was itself read from the text of `outer` (HTML inside a decoded
    /// e-mail part): positions go through this map, then through `outer`.
    pub fn then(&self, outer: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        for &(t, o) in &self.anchors {
            out.anchors.push((t, outer.original(o)));
        }
        // Where `outer` has anchors inside a stretch of ours that was copied as it was, add
        // them too (inside a stretch that was replaced, such as a tag, there is nothing to
        // point at).
        for &(ot, oo) in &outer.anchors {
            let i = self.anchors.partition_point(|&(_, o)| o <= ot);
            if let Some(&(t, o)) = i.checked_sub(1).map(|i| &self.anchors[i]) {
                let (next_t, next_o) = self
                    .anchors
                    .get(i)
                    .copied()
                    .unwrap_or((usize::MAX, usize::MAX));
                let copied = next_t == usize::MAX || next_t - t == next_o - o;
                if copied && ot > o && ot < next_o {
                    out.anchors.push((t + (ot - o), oo));
                }
            }
        }
        out.anchors.sort_unstable();
        out.anchors.dedup_by_key(|a| a.0);
        // Positions only move forward.
        let mut last = 0;
        out.anchors.retain(|&(_, o)| {
            let keep = o >= last;
            last = last.max(o);
            keep
        });
        out
    }
}

/// Decoded text and where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Where each position of the text came from.
    pub map: OffsetMap,
    /// What part of the document this is ("subject", "body", "text/html part 2"), if more than
    /// one.
    pub label: Option<String>,
}

impl Piece {
    /// Text taken from the original bytes unchanged, starting at `start`.
    pub fn verbatim(text: String, start: usize) -> Piece {
        Piece {
            text,
            map: OffsetMap::identity(start),
            label: None,
        }
    }

    /// The original byte range of text range `start..end`. Readers anchor the position after
    /// every decoded entity or encoded byte, so an end maps to where its original form ends.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.map.original(start), self.map.original(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_map_positions() {
        let mut m = OffsetMap::identity(100);
        m.push(5, 110); // five bytes of text, then ten original bytes skipped
        assert_eq!(m.original(0), 100);
        assert_eq!(m.original(4), 104);
        assert_eq!(m.original(5), 110);
        assert_eq!(m.original(7), 112);
        let mut inner = OffsetMap::identity(0);
        inner.push(2, 4);
        let both = inner.then(&m);
        assert_eq!(both.original(0), 100);
        assert_eq!(both.original(2), 104);
        assert_eq!(both.original(3), 110);
    }
}
