//! The deterministic transaction id: a 128-bit FNV-1a hash of the account's canonical JSON
//! followed by the request's canonical JSON. Not a security measure; it only has to be the
//! same for the same account and request, and differ when either differs.

use crate::prelude::*;

use crate::json_out::{to_json, ToJson};

const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// The running hash.
pub struct Fnv128(u128);

impl Default for Fnv128 {
    fn default() -> Fnv128 {
        Fnv128(OFFSET)
    }
}

impl Fnv128 {
    /// Feeds a value's JSON form, then a newline. The JSON is written to a buffer with the
    /// same writer as every other output, so the `.wasm` holds one copy of that code.
    pub fn feed(mut self, value: &dyn ToJson) -> Fnv128 {
        self.bytes(to_json(value).as_bytes());
        self.bytes(b"\n");
        self
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(PRIME);
        }
    }

    pub fn finish(self) -> u128 {
        self.0
    }
}

pub fn format_id(hash: u128) -> String {
    format!("sa-tx-{hash:032x}")
}
