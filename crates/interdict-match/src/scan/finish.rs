//! The end of a document: acronyms resolved, competing readings of a stretch of text settled,
//! other lists' entries for a target put under the one reported.

use super::*;
use crate::ids::EntityIx;

/// Of two mentions of different targets, one inside the other, the one that gives way: an
/// exact listed name is not also reported as part of a longer name ("Islamic State in Iraq
/// and the Levant" is the alias of QDe.115, not 7 of the 9 words of ISIL-Yemen's), and a name
/// inside a longer one that reads as well is part of it ("Al-Qaida" in "Al-Qaida in Iraq").
/// On the same stretch the clearly better score wins; lists that spell a name alike all stay.
pub(super) fn better_reading(outer: &Mention, inner: &Mention) -> Option<Loser> {
    let same_span = outer.end - outer.start == inner.end - inner.start;
    if same_span {
        if outer.score >= inner.score + SAME_SPAN_MARGIN {
            Some(Loser::Inner)
        } else {
            (inner.score >= outer.score + SAME_SPAN_MARGIN).then_some(Loser::Outer)
        }
    } else if inner.score >= EXACT_READING && outer.score < inner.score {
        Some(Loser::Outer)
    } else {
        (outer.score + INNER_MARGIN >= inner.score).then_some(Loser::Inner)
    }
}

/// How much better a reading of the same stretch of text must score for another to be
/// dropped (lists that spell one name alike score alike and are all kept).
pub(super) const SAME_SPAN_MARGIN: f32 = 0.02;

/// How much worse a longer mention may score and still take in a shorter one inside it.
pub(super) const INNER_MARGIN: f32 = 0.05;

/// Which of two mentions, one inside the other, gives way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Loser {
    /// The longer one (or the first of two on the same stretch).
    Outer,
    /// The one inside it.
    Inner,
}

/// A mention scoring this much reads the listed name as it is.
pub(super) const EXACT_READING: f32 = 0.99;

/// Drops, of two mentions of targets that `related` accepts where one lies inside the other
/// (or both on the same stretch), the one `loser(outer, inner)` names.
pub(super) fn drop_inner<'a>(
    mut mentions: Vec<(EntityIx, Mention<'a>)>,
    related: impl Fn(EntityIx, EntityIx) -> bool,
    loser: impl Fn(&Mention<'a>, &Mention<'a>) -> Option<Loser>,
) -> Vec<(EntityIx, Mention<'a>)> {
    // By start, longest first: an outer mention comes before the ones inside it.
    mentions.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    let mut dropped = vec![false; mentions.len()];
    for i in 0..mentions.len() {
        let (ei, outer) = (mentions[i].0, &mentions[i].1);
        for j in i + 1..mentions.len() {
            let (ej, inner) = (mentions[j].0, &mentions[j].1);
            if inner.start >= outer.end {
                break;
            }
            if inner.end > outer.end || dropped[i] || dropped[j] || !related(ei, ej) {
                continue;
            }
            match loser(outer, inner) {
                Some(Loser::Outer) => dropped[i] = true,
                Some(Loser::Inner) => dropped[j] = true,
                None => {}
            }
        }
    }
    mentions
        .into_iter()
        .zip(dropped)
        .filter_map(|(m, d)| (!d).then_some(m))
        .collect()
}

impl<'a> Scanner<'a> {
    /// Resolves acronyms, merges overlapping mentions of one target, and returns the mentions
    /// in text order.
    pub fn finish(self) -> Vec<Mention<'a>> {
        let Scanner {
            index,
            options,
            mut mentions,
            acronyms,
            ..
        } = self;
        let cluster = |e: EntityIx| {
            index.clusters[e.index()]
                .clone()
                .unwrap_or_else(|| format!("#{}", e.0))
        };
        mentions.retain(|(_, m)| m.score >= options.min_score);
        // A mention inside a longer one of the same target is part of it ("Islamic State of
        // Iraq" in "Islamic State of Iraq and the Levant").
        let mentions = drop_inner(
            mentions,
            |a, b| cluster(a) == cluster(b),
            |outer, inner| {
                let longer = outer.end - outer.start > inner.end - inner.start;
                longer.then_some(Loser::Inner)
            },
        );
        // Across targets, the better reading of a stretch of text wins, before acronyms look
        // for the full names that support them.
        let mut mentions = drop_inner(mentions, |a, b| cluster(a) != cluster(b), better_reading);
        let kept = resolve_acronyms(index, &acronyms, &mentions, options.support_bytes, &cluster);
        mentions.extend(kept);
        mentions.retain(|(_, m)| m.score >= options.min_score);
        let out = one_per_target(mentions, &cluster);
        let out = drop_inner(out, |a, b| cluster(a) != cluster(b), better_reading);
        let mut out: Vec<Mention<'a>> = out
            .into_iter()
            .map(|(e, mut m)| {
                m.links = index.links_of(e.index());
                m
            })
            .collect();
        out.sort_by_key(|m| (m.start, m.end));
        out
    }
}

/// Where mentions of one target overlap, the best one stays, the designating authority's own
/// entry (the UN's) on equal scores, and other lists' entries for the target go under it.
fn one_per_target<'a>(
    mut mentions: Vec<(EntityIx, Mention<'a>)>,
    cluster: &dyn Fn(EntityIx) -> String,
) -> Vec<(EntityIx, Mention<'a>)> {
    // The mentions kept for a target do not overlap one another, so the one starting last
    // before a new mention's end is the only one that can overlap it.
    let not_un = |m: &Mention| !m.entity.provenance.list.starts_with("un-sc");
    mentions.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then((b.1.end - b.1.start).cmp(&(a.1.end - a.1.start)))
            .then(not_un(&a.1).cmp(&not_un(&b.1)))
            .then(a.1.start.cmp(&b.1.start))
    });
    // The kept mentions of each target: start -> (end, position in `out`).
    let mut taken: HashMap<String, std::collections::BTreeMap<usize, (usize, usize)>> =
        HashMap::new();
    let mut out: Vec<(EntityIx, Mention<'a>)> = Vec::new();
    for (e, m) in mentions {
        let spans = taken.entry(cluster(e)).or_default();
        let kept = spans
            .range(..m.end)
            .next_back()
            .filter(|(_, &(end, _))| end > m.start)
            .map(|(_, &(_, at))| at);
        match kept {
            None => {
                spans.insert(m.start, (m.end, out.len()));
                out.push((e, m));
            }
            // Another list's entry for the same target goes under the one kept.
            Some(at) => {
                let k = &mut out[at].1;
                let known = k.entity.id == m.entity.id
                    || k.also_listed.iter().any(|a| a.entity.id == m.entity.id);
                if !known {
                    k.also_listed.push(AlsoListed {
                        entity: m.entity,
                        score: m.score,
                        matched_name: m.matched_name,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::scan::tests::*;

    #[test]
    fn an_exact_listed_name_beats_a_longer_name_containing_it() {
        // The UN alias of QDe.115, not 7 of the 9 words of ISIL-Yemen's name.
        let got = found(
            let_and_saeed(),
            "The Islamic State in Iraq and the Levant was named.",
        );
        assert_eq!(
            got,
            vec![(
                "QDe.115".into(),
                "Islamic State in Iraq and the Levant".into()
            )]
        );
        // A name inside a longer one of another entity is part of it.
        let got = found(let_and_saeed(), "Al-Qaida in Iraq was named.");
        assert_eq!(got, vec![("QDe.115".into(), "Al-Qaida in Iraq".into())]);
    }
}
