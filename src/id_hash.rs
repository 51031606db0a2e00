//! The hash of the id indexes (`account::Ids`). Written here rather than taken from
//! foldhash: the same folded-multiply idea in a few lines, 4.9 KB less `.wasm` (foldhash
//! reads words with `try_into().unwrap()`, which links the standard library's `Debug`
//! machinery), no seed (the same account gives the same tables every time) and as fast on
//! ids. The ids are the account's own, so there is no third party to craft collisions.

use core::hash::{BuildHasherDefault, Hasher};

/// Multiplies and folds the 128-bit product: every input bit reaches every output bit.
fn fold(x: u64, k: u64) -> u64 {
    let m = u128::from(x) * u128::from(k);
    (m as u64) ^ ((m >> 64) as u64)
}

const K1: u64 = 0x243f_6a88_85a3_08d3;
const K2: u64 = 0x1319_8a2e_0370_7344;

/// Ids are short strings: eight bytes at a time, each word folded in.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            h = fold(h ^ little_endian(word), K1);
        }
        let rest = words.remainder();
        h = fold(h ^ little_endian(rest) ^ ((rest.len() as u64) << 56), K1);
        self.0 = h;
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = fold(self.0 ^ u64::from(b), K1);
    }
    fn finish(&self) -> u64 {
        fold(self.0, K2)
    }
}

/// Up to eight bytes as a little-endian word. A full word in one load; `try_from` rather
/// than `try_into().unwrap()`, which is what brought the `Debug` code in with foldhash.
fn little_endian(bytes: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(bytes) {
        Ok(word) => u64::from_le_bytes(word),
        Err(_) => bytes.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)),
    }
}

pub type IdHash = BuildHasherDefault<IdHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;
    use core::hash::BuildHasher;

    /// Sequential ids (the worst case for a weak hash) get distinct hashes, and the top
    /// seven bits, which the hash table compares first, are spread evenly.
    #[test]
    fn sequential_ids_spread() {
        let hashes: Vec<u64> = (0..100_000)
            .map(|i| IdHash::default().hash_one(format!("u{i}")))
            .collect();
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), hashes.len());
        let mut tags = [0usize; 128];
        for h in &hashes {
            if let Some(n) = tags.get_mut((h >> 57) as usize) {
                *n += 1;
            }
        }
        let expected = hashes.len() / 128;
        assert!(
            tags.iter().all(|&n| n > expected / 2 && n < expected * 2),
            "{tags:?}"
        );
    }
}
