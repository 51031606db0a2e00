//! The deterministic transaction id: a 128-bit FNV-1a hash of the account's canonical JSON
//! followed by the request's canonical JSON. Not a security measure; it only has to be the
//! same for the same account and request, and differ when either differs.

use serde::Serialize;
use std::io;

const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// An `io::Write` sink that hashes what is written, so nothing is buffered.
pub struct Fnv128(u128);

impl Default for Fnv128 {
    fn default() -> Fnv128 {
        Fnv128(OFFSET)
    }
}

impl Fnv128 {
    /// Feeds a value's JSON form; our types always serialize, so a failure cannot occur,
    /// and if it did the hash would still be the same for the same input.
    pub fn feed<T: Serialize>(mut self, value: &T) -> Fnv128 {
        let _ = serde_json::to_writer(&mut self, value);
        self.0 = (self.0 ^ 0x0a).wrapping_mul(PRIME);
        self
    }

    pub fn finish(self) -> u128 {
        self.0
    }
}

impl io::Write for Fnv128 {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(PRIME);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub fn format_id(hash: u128) -> String {
    format!("sa-tx-{hash:032x}")
}
