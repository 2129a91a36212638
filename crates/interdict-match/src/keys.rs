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

/// Maps key hashes to sorted, de-duplicated lists of `u32` ids.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct KeyTable {
    ranges: HashedMap<(u32, u32)>,
    ids: Vec<u32>,
}

impl KeyTable {
    /// Builds the table from (key, id) pairs in any order, with repeats.
    pub(crate) fn build(mut pairs: Vec<(u64, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut ranges: HashedMap<(u32, u32)> = HashedMap::default();
        ranges.reserve(pairs.len() / 2);
        let mut ids = Vec::with_capacity(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            let key = pairs[i].0;
            let start = ids.len() as u32;
            while i < pairs.len() && pairs[i].0 == key {
                ids.push(pairs[i].1);
                i += 1;
            }
            ranges.insert(key, (start, ids.len() as u32 - start));
        }
        KeyTable { ranges, ids }
    }

    /// The ids stored under `key` (empty if none).
    pub(crate) fn get(&self, key: u64) -> &[u32] {
        match self.ranges.get(&key) {
            Some(&(start, len)) => &self.ids[start as usize..(start + len) as usize],
            None => &[],
        }
    }

    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.ranges.len()
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
    fn salts_separate_kinds() {
        assert_ne!(hash_key(1, b"abc"), hash_key(2, b"abc"));
        assert_ne!(hash_key(1, b"abc"), hash_key(1, b"abd"));
        assert_ne!(hash_key(1, b"abcdefgh"), hash_key(1, b"abcdefgh\0"));
    }
}
