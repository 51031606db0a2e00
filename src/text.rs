//! Sentences for people: lists joined with a separator.

use crate::prelude::*;

/// The items with `sep` between them. A plain loop: `[T]::join` is written out again for
/// each item type and costs about 1 KB of the `.wasm` each time.
pub fn join<T: AsRef<str>>(items: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}
