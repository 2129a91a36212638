//! Compact lookup tables from 64-bit key hashes to lists of ids, stored as one sorted array
//! (compressed sparse rows) instead of a vector per key.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a byte string to 64 bits (FxHash's multiply-rotate over 8-byte words). `salt` keeps
/// different key kinds apart in one table.
pub(crate) fn hash_key(salt: u8, bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = u64::from(salt).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Map type for pre-hashed keys.
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Hashes a (key hash, vocabulary id) pair by mixing the two (the key hash is already well
/// spread).
#[derive(Default)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

/// Map type for a key hash paired with a vocabulary entry (what a word or unit was compared
/// with).
pub(crate) type PairMap<V> = HashMap<(u64, crate::ids::VocabId), V, BuildHasherDefault<PairHasher>>;

/// Maps key hashes to sorted, de-duplicated lists of `u32` ids: an open-addressing table of
/// keys over one array of ids, all flat arrays, so that a snapshot reads it back as a copy.
#[derive(Debug, Default)]
pub(crate) struct KeyTable {
    /// Per slot: a key (never 0, or 0 for an empty slot), where its ids start in `ids` and
    /// how many there are, side by side so that a probe reads one cache line. The length is
    /// a power of two.
    slots: Vec<(u64, u32, u32)>,
    ids: Vec<u32>,
    /// Number of keys stored.
    len: usize,
}

/// The key as stored: 0 marks an empty slot, so a key of 0 is stored as 1 (two hashes in
/// 2^64 meet there).
fn stored(key: u64) -> u64 {
    key.max(1)
}

impl KeyTable {
    /// Builds the table from (key, id) pairs in any order, with repeats.
    pub(crate) fn build(mut pairs: Vec<(u64, u32)>) -> Self {
        for p in &mut pairs {
            p.0 = stored(p.0);
        }
        pairs.sort_unstable();
        pairs.dedup();
        let distinct =
            pairs.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!pairs.is_empty());
        // At most three quarters full, so that probes stay short.
        let slots = (distinct * 4 / 3 + 1).next_power_of_two().max(2);
        let mut table = KeyTable {
            slots: vec![(0, 0, 0); slots],
            ids: Vec::with_capacity(pairs.len()),
            len: distinct,
        };
        let mut i = 0;
        while i < pairs.len() {
            let key = pairs[i].0;
            let start = table.ids.len() as u32;
            while i < pairs.len() && pairs[i].0 == key {
                table.ids.push(pairs[i].1);
                i += 1;
            }
            let mut slot = table.home(key);
            while table.slots[slot].0 != 0 {
                slot = (slot + 1) & (slots - 1);
            }
            table.slots[slot] = (key, start, table.ids.len() as u32 - start);
        }
        table
    }

    /// The first slot tried for `key` (Fibonacci hashing: the high bits of a multiple).
    fn home(&self, key: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        if bits == 0 {
            return 0;
        }
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The ids stored under `key` (empty if none).
    #[cfg(test)]
    pub(crate) fn get(&self, key: u64) -> &[u32] {
        &self.ids[self.find(key)]
    }

    /// The ids stored under each of `keys`, appended to `out` in the keys' order. The slots of
    /// all the keys are asked for first, then the ids of those found, so that the cache
    /// misses of a word's many keys (one per letter deleted) overlap instead of following one
    /// another.
    pub(crate) fn get_all(&self, keys: &[u64], out: &mut Vec<u32>) {
        if self.slots.is_empty() {
            return;
        }
        for &key in keys {
            crate::prefetch::prefetch(&self.slots[self.home(stored(key))]);
        }
        let mut found: smallvec::SmallVec<[std::ops::Range<usize>; 32]> = smallvec::SmallVec::new();
        for &key in keys {
            let ids = self.find(key);
            if !ids.is_empty() {
                crate::prefetch::prefetch_all(&self.ids[ids.clone()]);
                found.push(ids);
            }
        }
        for ids in found {
            out.extend_from_slice(&self.ids[ids]);
        }
    }

    /// Where the ids stored under `key` are in `ids` (empty if none).
    fn find(&self, key: u64) -> std::ops::Range<usize> {
        if self.slots.is_empty() {
            return 0..0;
        }
        let key = stored(key);
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.slots[slot] {
                (0, _, _) => return 0..0,
                (k, start, len) if k == key => return start as usize..(start + len) as usize,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends the table to `out` as little-endian numbers: slot count, id count, the slots
    /// (key, start, length), ids.
    pub(crate) fn write_bytes(&self, out: &mut Vec<u8>) {
        out.reserve(16 + self.slots.len() * 16 + self.ids.len() * 4);
        out.extend_from_slice(&(self.slots.len() as u64).to_le_bytes());
        out.extend_from_slice(&(self.ids.len() as u64).to_le_bytes());
        for (key, start, len) in &self.slots {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&start.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
        }
        for id in &self.ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }

    /// Reads a table written by [`KeyTable::write_bytes`], checking that every range lies
    /// within the ids; `what` names the table in errors.
    pub(crate) fn read_bytes(bytes: &[u8], what: &str) -> Result<Self, String> {
        let damaged = |why: &str| format!("damaged snapshot: {what} key table {why}");
        let mut r = Reader(bytes);
        let slots = r.u64().ok_or_else(|| damaged("has no size"))? as usize;
        let n_ids = r.u64().ok_or_else(|| damaged("has no size"))? as usize;
        if !(slots == 0 || slots.is_power_of_two())
            || slots
                .checked_mul(16)
                .and_then(|s| s.checked_add(n_ids.checked_mul(4)?))
                != Some(r.0.len())
        {
            return Err(damaged("has the wrong size"));
        }
        let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or_default());
        let slots_read: Vec<(u64, u32, u32)> = r
            .take(slots * 16)
            .chunks_exact(16)
            .map(|c| {
                let range = word(&c[8..]);
                (word(&c[..8]), range as u32, (range >> 32) as u32)
            })
            .collect();
        let ids: Vec<u32> = r
            .take(n_ids * 4)
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        let mut len = 0;
        for &(k, start, n) in &slots_read {
            if k != 0 {
                len += 1;
                if u64::from(start) + u64::from(n) > ids.len() as u64 {
                    return Err(damaged("points past its ids"));
                }
            }
        }
        if slots > 0 && len == slots {
            return Err(damaged("has no empty slot"));
        }
        Ok(KeyTable {
            slots: slots_read,
            ids,
            len,
        })
    }

    /// The largest id stored, if any.
    pub(crate) fn max_id(&self) -> Option<u32> {
        self.ids.iter().copied().max()
    }
}

/// Reads little-endian numbers and byte runs off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }

    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8);
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_groups_and_dedups() {
        let t = KeyTable::build(vec![(5, 2), (3, 1), (5, 1), (5, 2)]);
        assert_eq!(t.get(5), &[1, 2]);
        assert_eq!(t.get(3), &[1]);
        assert_eq!(t.get(4), &[] as &[u32]);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn many_keys_at_once_find_what_each_finds_in_their_order() {
        let t = KeyTable::build(vec![(5, 2), (3, 1), (5, 1), (0, 7), (9, 4)]);
        let keys = [9, 4, 5, 0, 3, 5, 11];
        let mut all = vec![99];
        t.get_all(&keys, &mut all);
        let one_by_one: Vec<u32> = std::iter::once(99)
            .chain(keys.iter().flat_map(|&k| t.get(k).iter().copied()))
            .collect();
        assert_eq!(all, one_by_one);
        assert_eq!(all, [99, 4, 1, 2, 7, 1, 1, 2]);
        let mut none = Vec::new();
        KeyTable::default().get_all(&keys, &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn a_table_reads_back_from_its_bytes() {
        let pairs: Vec<(u64, u32)> = (0..5000u32)
            .map(|i| (hash_key(1, &i.to_le_bytes()) % 3000, i))
            .chain([(0, 7), (u64::MAX, 8)])
            .collect();
        let t = KeyTable::build(pairs.clone());
        let mut bytes = Vec::new();
        t.write_bytes(&mut bytes);
        let r = KeyTable::read_bytes(&bytes, "test").unwrap();
        for (k, _) in &pairs {
            assert_eq!(t.get(*k), r.get(*k));
            assert!(!r.get(*k).is_empty());
        }
        assert_eq!(r.get(123_456_789), &[] as &[u32]);
        assert_eq!(r.len(), t.len());
        assert!(KeyTable::read_bytes(&bytes[..bytes.len() - 1], "test")
            .unwrap_err()
            .contains("test key table"));
        let empty = KeyTable::build(Vec::new());
        let mut bytes = Vec::new();
        empty.write_bytes(&mut bytes);
        assert_eq!(
            KeyTable::read_bytes(&bytes, "e").unwrap().get(5),
            &[] as &[u32]
        );
    }

    #[test]
    fn salts_separate_kinds() {
        assert_ne!(hash_key(1, b"abc"), hash_key(2, b"abc"));
        assert_ne!(hash_key(1, b"abc"), hash_key(1, b"abd"));
        assert_ne!(hash_key(1, b"abcdefgh"), hash_key(1, b"abcdefgh\0"));
    }
}
