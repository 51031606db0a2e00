//! Sorting positions. A heapsort written here rather than the standard library's sort: that
//! one (pattern-defeating quicksort with its small-sort networks) is 4.5 KB of the `.wasm`,
//! this is a few hundred bytes, and the engine sorts only short lists of positions (a
//! contract's VAs, a user's grants), where O(n log n) with no allocation is all it needs.

/// Sorts ascending, in place.
pub fn sort_positions(v: &mut [usize]) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end); // end < n
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down the max-heap held in `v[..end]` to where it belongs.
fn sift_down(v: &mut [usize], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            return;
        }
        v.swap(root, child); // both < end <= v.len()
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    /// The same order as the standard library's sort, on lists of every length up to 64 with
    /// repeats, runs and reversed runs (numbers from a fixed linear congruential sequence).
    #[test]
    fn sorts_like_the_standard_library() {
        let mut state: u64 = 7;
        let mut next = |modulus: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % modulus
        };
        for len in 0..=64 {
            for modulus in [1, 3, 1000, usize::MAX] {
                let mut v: Vec<usize> = (0..len).map(|_| next(modulus)).collect();
                if len % 5 == 0 {
                    v.reverse();
                }
                let mut expected = v.clone();
                expected.sort();
                sort_positions(&mut v);
                assert_eq!(v, expected, "length {len}, numbers below {modulus}");
            }
        }
    }
}
