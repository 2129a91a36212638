//! The full reading: triggers, the window around each, its alignment with the listed name,
//! trimming to the words that pair, and the mention it makes when the rules hold.

use super::*;
use crate::ids::NameId;

/// Least similarity of a name word in text to the listed word it pairs with.
pub(super) const PAIR_SIMILARITY: f32 = 0.88;

/// Words a window may reach beyond the listed name's length on each side.
pub(super) const SLACK: usize = 2;

/// Whether the gap between two tokens ends a sentence or paragraph. A full stop after a single
/// letter is an initial ("M. Saeed"), not an end.
pub(super) fn is_boundary(gap: &str, previous: &Token) -> bool {
    if gap.contains("\n\n") || gap.contains("\r\n\r\n") {
        return true;
    }
    let ends = gap.contains(['!', '?', ';', ':']) || gap.contains("--");
    let stop = gap.contains('.') && previous.text.len() > 1;
    ends || stop
}

/// Up to `chars` characters before and after `start..end`, with runs of white space (line
/// breaks too) written as one space.
pub(super) fn context(text: &str, start: usize, end: usize, chars: usize) -> (String, String) {
    let flat = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        out
    };
    let before: Vec<char> = text[..start].chars().rev().take(chars).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[end..].chars().take(chars).collect();
    (flat(&before), flat(&after))
}

impl<'a> Scanner<'a> {
    /// The pairs of at least [`PAIR_SIMILARITY`] between the units of `q` that `keep` accepts
    /// and those of a listed name, as `Index::direct_edges_at_least` finds them, with the
    /// similarities remembered.
    pub(super) fn edges(
        &mut self,
        q: &PreparedName,
        name: &crate::index::IndexedName,
        keep: &dyn Fn(UnitSpan) -> bool,
    ) -> Vec<Edge> {
        let mut edges = Vec::new();
        for (qi, qu) in q.units.iter().enumerate() {
            if !keep(*qu) {
                continue;
            }
            let form = q.unit_form(qi);
            let word = q.unit_key(qi);
            for &(cu, vid) in &name.units {
                if qu.len > 1 && cu.len > 1 {
                    continue;
                }
                let sim = match self.similarities.get(&(word, vid)) {
                    Some(&s) => s,
                    None => {
                        let v = &self.index.vocab[vid.index()];
                        let listed = UnitForm {
                            text: &v.text,
                            folded: &v.folded,
                            class: v.class,
                            vowelless: v.vowelless,
                        };
                        let s = unit_similarity_at_least(&form, &listed, PAIR_SIMILARITY);
                        if self.similarities.len() >= SIMILARITIES_LIMIT {
                            self.similarities.clear();
                        }
                        self.similarities.insert((word, vid), s);
                        s
                    }
                };
                if let Some(sim) = sim {
                    edges.push(Edge {
                        q: *qu,
                        c: cu,
                        sim,
                        c_weight: crate::align::span_weight(&name.tokens, cu),
                    });
                }
            }
        }
        edges
    }

    /// Reads a stretch of text in full: finds the words that trigger listed names, then tries
    /// each name's window within its sentence where enough of its words are there.
    pub(super) fn scan_full(&mut self, text: &str, position: &dyn Fn(usize) -> usize, cased: bool) {
        let tokens = tokenize(text);
        let mut hits = self.triggers(&tokens, cased);
        if hits.is_empty() {
            return;
        }
        let (seg_start, seg_end) = sentence_segments(text, &tokens);
        // Grouped by name, then in token order: each name's hits are read together.
        hits.sort_unstable_by_key(|h| (h.1, h.0, h.2));
        let mut tried: HashSet<(NameId, usize)> = HashSet::new();
        let mut group = 0..0;
        for (hi_index, &(i, name_id, pos, exact)) in hits.iter().enumerate() {
            if hi_index >= group.end {
                let len = hits[hi_index..].partition_point(|h| h.1 == name_id);
                group = hi_index..hi_index + len;
            }
            let i = i as usize;
            let name = &self.index.names[name_id.index()];
            let k = name.tokens.len();
            let lo = i.saturating_sub(pos as usize + SLACK).max(seg_start[i]);
            let hi = (i + (k.saturating_sub(pos as usize)) + SLACK).min(seg_end[i]);
            // Before aligning: a name of several words needs most of them (two at least) in
            // the window; a one-word name has its own conditions.
            let words = self.tables.name_words[name_id.index()];
            if words >= 2 {
                if group.len() < 2 {
                    continue;
                }
                let mut seen: u64 = 0;
                let same = &hits[group.clone()];
                let from = same.partition_point(|h| (h.0 as usize) < lo);
                for h in same[from..].iter().take_while(|h| (h.0 as usize) < hi) {
                    seen |= 1u64 << (h.2 % 64);
                }
                let needed = if self.tables.whole[name_id.index()] {
                    usize::from(words)
                } else {
                    (usize::from(words) * 3).div_ceil(5).max(2)
                };
                if (seen.count_ones() as usize) < needed || !tried.insert((name_id, lo)) {
                    continue;
                }
            } else if !exact
                || !self.one_word_candidate(name_id, &tokens[i], text)
                || !tried.insert((name_id, lo))
            {
                continue;
            }
            self.try_window(text, position, &tokens[lo..hi], name_id, cased);
        }
    }

    /// The words of `tokens` that trigger listed names: (token, name, position in the name,
    /// whether the spelling is the same after folding rather than only the consonants), in
    /// token order. In text with capitals (`cased`), only capitalised words (or words of
    /// scripts without case) can be name words; lower-case words are not looked up at all.
    fn triggers(&self, tokens: &[Token], cased: bool) -> Vec<(u32, NameId, u8, bool)> {
        let mut hits: Vec<(u32, NameId, u8, bool)> = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            let honorific = tok.class == TokenClass::Honorific;
            if !(may_name(tok.class) || honorific)
                || tok.text.len() < 2
                || (cased && tok.shape == Shape::Lower)
            {
                continue;
            }
            let folded = if tok.vowelless {
                fold_consonantal(&tok.text)
            } else {
                fold(&tok.text)
            };
            if let Some(h) = self
                .tables
                .words
                .get(&hash_key(KEY_WORD, folded.as_bytes()))
            {
                hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, true)));
            }
            // Organisation terms are listed under one spelling.
            if let Some(term) = organisation_term(&tok.text).filter(|t| *t != folded) {
                if let Some(h) = self.tables.words.get(&hash_key(KEY_WORD, term.as_bytes())) {
                    hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, true)));
                }
            }
            if folded.len() >= 5 {
                let sk = skeleton(&folded);
                if let Some(h) = self
                    .tables
                    .skeletons
                    .get(&hash_key(KEY_SKELETON, sk.as_bytes()))
                {
                    hits.extend(h.iter().map(|&(n, p)| (i as u32, n, p, false)));
                }
            }
        }
        hits
    }

    /// Whether a one-word listed name may be what a text word means: organisations only,
    /// capitalised, at least five letters, not an everyday word.
    pub(super) fn one_word_candidate(&self, name_id: NameId, token: &Token, text: &str) -> bool {
        let name = &self.index.names[name_id.index()];
        let entity = &self.index.entity(name.entity.index());
        entity.schema.is_organization()
            && text[token.span.clone()].starts_with(char::is_uppercase)
            && token.text.len() >= 5
            && !EVERYDAY.contains(&token.text.as_str())
    }

    /// Aligns a window of text with one listed name and records a mention if the free-text
    /// rules hold.
    pub(super) fn try_window(
        &mut self,
        text: &str,
        position: &dyn Fn(usize) -> usize,
        window: &[Token],
        name_id: NameId,
        cased: bool,
    ) {
        let Some((start, end)) = self.paired_stretch(text, window, name_id, cased) else {
            return;
        };
        let reading = self.read(text, start, end, name_id, cased);
        if holds(&reading) {
            self.record(reading, position);
        }
    }

    /// The stretch of a window from its first to its last word that pairs with the listed
    /// name, without joining words or stray particles at its edges; `None` when nothing pairs
    /// or a name word in it is written in lower case.
    fn paired_stretch(
        &mut self,
        text: &str,
        window: &[Token],
        name_id: NameId,
        cased: bool,
    ) -> Option<(usize, usize)> {
        let name = &self.index.names[name_id.index()];
        let org = name.schema.is_organization();
        let weight = |f: &str, c: TokenClass| self.index.query_weight(f, c, org);
        let (Some(first), Some(last)) = (window.first(), window.last()) else {
            return None;
        };
        let offset = first.span.start;
        let q = PreparedName::new(&text[offset..last.span.end], org, weight);
        // In text with capitals, a name word written in lower case is an ordinary word ("said
        // Ahmed"), not part of a name; the words that join the words of a name are written in
        // lower case ("Al-Qaida in Iraq", "Front for the People of the Levant").
        let lower_word = |q: &PreparedName, base: usize, i: usize| {
            let t = &q.tokens[i];
            cased
                && matches!(
                    t.class,
                    TokenClass::Word | TokenClass::Number | TokenClass::Initial
                )
                && !EDGE_WORDS.contains(&t.text.as_str())
                && text[base + t.span.start..].starts_with(|c: char| c.is_lowercase())
        };
        let mut edges = self.edges(&q, name, &|u| {
            !(u.start..u.start + u.len).any(|i| lower_word(&q, offset, i as usize))
        });
        let people = name.schema == Schema::Person;
        let al = align(&q.tokens, &name.tokens, &mut edges, people);
        let (Some(a), Some(b)) = (
            al.pairs.iter().map(|p| p.q.start).min(),
            al.pairs.iter().map(|p| p.q.start + p.q.len - 1).max(),
        ) else {
            return None;
        };
        // Score the stretch from the first to the last paired word, not the whole window, and
        // not a connecting word at its edges ("and Jaamat-u-Dawa"), nor a particle at an edge
        // that pairs with a listed particle out of order ("e Lashkar-e-Tayyiba").
        let mut partner: Vec<Option<u8>> = vec![None; q.tokens.len()];
        for p in &al.pairs {
            for t in p.q.start..p.q.start + p.q.len {
                partner[t as usize] = Some(p.c.start);
            }
        }
        let stray = |i: usize, neighbour: Option<&Option<u8>>, before: bool| {
            q.tokens[i].class == TokenClass::Particle
                && match (partner[i], neighbour.copied().flatten()) {
                    (Some(mine), Some(next)) => (mine < next) != before,
                    _ => false,
                }
        };
        let (mut a, mut b) = (a as usize, b as usize);
        while a < b
            && (partner[a].is_none()
                || EDGE_WORDS.contains(&q.tokens[a].text.as_str())
                || stray(a, partner[a + 1..].iter().find(|p| p.is_some()), true))
        {
            a += 1;
        }
        while b > a
            && (partner[b].is_none()
                || EDGE_WORDS.contains(&q.tokens[b].text.as_str())
                || stray(b, partner[..b].iter().rev().find(|p| p.is_some()), false))
        {
            b -= 1;
        }
        if (a..=b).any(|i| lower_word(&q, offset, i)) {
            return None;
        }
        Some((
            q.tokens[a].span.start + offset,
            q.tokens[b].span.end + offset,
        ))
    }

    /// `text[start..end]` read as the listed name: aligned and scored like a screening query,
    /// and, for a name that carries its acronym in brackets, also as the name without it
    /// ("Haqqani Network" for HAQQANI NETWORK (HQN)), whichever reads better.
    fn read<'t>(
        &mut self,
        text: &'t str,
        start: usize,
        end: usize,
        name_id: NameId,
        cased: bool,
    ) -> Reading<'t, 'a> {
        let index = self.index;
        let name = &index.names[name_id.index()];
        let org = name.schema.is_organization();
        let weight = |f: &str, c: TokenClass| index.query_weight(f, c, org);
        let q = PreparedName::new(&text[start..end], org, weight);
        let mut edges = self.edges(&q, name, &|_| true);
        let person = name.schema == Schema::Person;
        let mut al = align(&q.tokens, &name.tokens, &mut edges, person);
        let mut ns = name_score(&al, name.kind, org, person);
        let bracketed = usize::from(self.tables.bracketed[name_id.index()]);
        if bracketed + 1 == name.tokens.len() && al.c_matched & (1 << bracketed.min(31)) == 0 {
            edges.retain(|e| usize::from(e.c.start) + usize::from(e.c.len) <= bracketed);
            let without = align(&q.tokens, &name.tokens[..bracketed], &mut edges, person);
            let score = name_score(&without, name.kind, org, person);
            if score.score > ns.score {
                (al, ns) = (without, score);
            }
        }
        Reading {
            text,
            start,
            end,
            q,
            al,
            ns,
            name,
            schema: index.entity(name.entity.index()).schema,
            whole: self.tables.whole[name_id.index()],
            honorific: self.tables.honorific[name_id.index()],
            bracketed,
            cased,
            min_score: self.options.min_score,
        }
    }

    /// Records a reading that holds as a mention.
    fn record(&mut self, r: Reading<'_, 'a>, position: &dyn Fn(usize) -> usize) {
        let entity = self.index.entity(r.name.entity.index());
        let listed = &entity.names[r.name.name as usize].full;
        let why = format!(
            "{} of {} words of the listed {} \"{}\" (score {:.2})",
            r.al.pairs.len(),
            r.name.tokens.len(),
            r.name.kind.label(),
            listed,
            r.ns.score
        );
        self.mentions.push((
            r.name.entity,
            Mention {
                start: position(r.start),
                end: position(r.end),
                text: r.text[r.start..r.end].to_string(),
                context: context(r.text, r.start, r.end, self.options.context),
                entity,
                matched_name: listed,
                score: r.ns.score,
                kind: MentionKind::Name,
                why,
                also_listed: Vec::new(),
                links: Vec::new(),
            },
        ));
    }
}

/// Per token of `text`, the first token of its sentence and the first token after it.
fn sentence_segments(text: &str, tokens: &[Token]) -> (Vec<usize>, Vec<usize>) {
    let mut seg_start = vec![0usize; tokens.len()];
    for i in 1..tokens.len() {
        let gap = &text[tokens[i - 1].span.end..tokens[i].span.start];
        seg_start[i] = if is_boundary(gap, &tokens[i - 1]) {
            i
        } else {
            seg_start[i - 1]
        };
    }
    let mut seg_end = vec![tokens.len(); tokens.len()];
    for i in (0..tokens.len().saturating_sub(1)).rev() {
        seg_end[i] = if seg_start[i + 1] == i + 1 {
            i + 1
        } else {
            seg_end[i + 1]
        };
    }
    (seg_start, seg_end)
}

#[cfg(test)]
mod tests {
    use crate::scan::tests::*;
    use crate::test_support::entity;

    #[test]
    fn a_name_without_the_acronym_it_carries_in_brackets() {
        let listed = || vec![entity("TAe.012", ORG, &["HAQQANI NETWORK (HQN)"])];
        for text in [
            "The Haqqani Network is an insurgent group.",
            "The UN listed the Haqqani Network (HQN) in 2012.",
        ] {
            let got = found(listed(), text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!(got[0].1.starts_with("Haqqani Network"), "{text}: {got:?}");
        }
    }
}
