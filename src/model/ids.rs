//! Id indexes: each list's ids mapped to their positions, so that the engine looks a string
//! up once, with the errors for an id given twice or one that is not there.

use rustc_hash::FxHashMap;

use crate::error::{quoted, Error, ErrorCode, Result};

/// Id -> position. A seedless hasher: the same input takes the same steps every run.
pub type Ids = FxHashMap<String, usize>;

/// Maps the ids to positions, failing on the first repeated id.
pub fn index_ids<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    path_of: &dyn Fn(usize) -> String,
    what: &str,
) -> Result<Ids> {
    let ids = ids.into_iter();
    let mut map = Ids::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    for (i, id) in ids.enumerate() {
        if let Some(first) = map.insert(id.to_owned(), i) {
            return Err(used_twice(path_of(i), what, id, first));
        }
    }
    Ok(map)
}

/// Apart from `index_ids`, which is compiled once for every kind of list, so that this is
/// compiled once.
fn used_twice(path: String, what: &str, id: &str, first: usize) -> Error {
    Error::new(
        ErrorCode::DuplicateId,
        path,
        format!(
            "{what} id {} is used twice (first at position {first})",
            quoted(id)
        ),
    )
}

/// The position of `id` in `map`; an id that is not there is `UNKNOWN_REFERENCE` at `path`.
pub fn lookup(map: &Ids, id: &str, path: &str, what: &str, list: &str) -> Result<usize> {
    map.get(id).copied().ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownReference,
            path,
            format!("{what} {} is not in {list}", quoted(id)),
        )
    })
}
