//! Reading a parsed JSON value field by field, so that every complaint carries the JSON
//! pointer of the exact value at fault (serde's own errors only know line and column).

use crate::prelude::*;

use crate::date::Date;
use crate::error::{pointer_push, Error, ErrorCode, Result};
use crate::json::{Map, Value};
use crate::text::join;

/// A field that may be absent, null or set. Kept apart so that a snapshot read and written
/// back says exactly what it said before.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Opt<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Opt<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Opt::Value(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Opt::Absent)
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub fn wrong_type(path: &str, expected: &str, found: &Value) -> Error {
    Error::new(
        ErrorCode::InvalidValue,
        path,
        format!("expected {expected}, found {}", type_name(found)),
    )
}

pub fn as_array<'a>(v: &'a Value, path: &str) -> Result<&'a [Value]> {
    v.as_array().ok_or_else(|| wrong_type(path, "an array", v))
}

/// `f` over each item with its position, stopping at the first error. A plain loop rather
/// than `collect::<Result<Vec<_>>>()`, whose adapter the compiler writes out again for every
/// closure (10 KB of the `.wasm` between them).
pub fn try_map<I: IntoIterator, U, E>(
    items: I,
    mut f: impl FnMut(usize, I::Item) -> core::result::Result<U, E>,
) -> core::result::Result<Vec<U>, E> {
    let items = items.into_iter();
    let mut out = Vec::with_capacity(items.size_hint().0);
    for (i, item) in items.enumerate() {
        out.push(f(i, item)?);
    }
    Ok(out)
}

/// Parses each element of an array, each with its own path.
pub fn each<'a, T>(
    items: &'a [Value],
    path: &str,
    mut parse: impl FnMut(&'a Value, String) -> Result<T>,
) -> Result<Vec<T>> {
    try_map(items, |i, item| {
        parse(item, pointer_push(path, &i.to_string()))
    })
}

/// Strings of an array of ids, each required to be a non-empty string.
pub fn id_list(items: &[Value], path: &str) -> Result<Vec<String>> {
    each(items, path, |v, p| id_value(v, &p))
}

pub fn id_value(v: &Value, path: &str) -> Result<String> {
    match v.as_str() {
        Some("") => Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "an id must not be empty",
        )),
        Some(s) => Ok(s.to_owned()),
        None => Err(wrong_type(path, "a string id", v)),
    }
}

pub fn date_value(v: &Value, path: &str) -> Result<Date> {
    let text = v
        .as_str()
        .ok_or_else(|| wrong_type(path, "a date string (YYYY-MM-DD)", v))?;
    Date::parse(text).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidDate,
            path,
            format!("\"{text}\" is not a calendar date written YYYY-MM-DD"),
        )
    })
}

/// One JSON object being read; `known` lists the fields the engine understands, every
/// other field is kept as it is.
pub struct Fields<'a> {
    map: &'a Map,
    pub path: String,
}

impl<'a> Fields<'a> {
    pub fn new(v: &'a Value, path: String) -> Result<Fields<'a>> {
        match v.as_object() {
            Some(map) => Ok(Fields { map, path }),
            None => Err(wrong_type(&path, "an object", v)),
        }
    }

    pub fn at(&self, key: &str) -> String {
        pointer_push(&self.path, key)
    }

    fn present(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub fn required(&self, key: &str) -> Result<&'a Value> {
        self.present(key).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                self.at(key),
                format!("the required field \"{key}\" is missing"),
            )
        })
    }

    pub fn id(&self, key: &str) -> Result<String> {
        id_value(self.required(key)?, &self.at(key))
    }

    pub fn opt<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value, &str) -> Result<T>,
    ) -> Result<Opt<T>> {
        match self.present(key) {
            None => Ok(Opt::Absent),
            Some(Value::Null) => Ok(Opt::Null),
            Some(v) => read(v, &self.at(key)).map(Opt::Value),
        }
    }

    pub fn opt_string(&self, key: &str) -> Result<Opt<String>> {
        self.opt(key, |v, p| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| wrong_type(p, "a string", v))
        })
    }

    pub fn opt_id(&self, key: &str) -> Result<Opt<String>> {
        self.opt(key, id_value)
    }

    pub fn opt_date(&self, key: &str) -> Result<Opt<Date>> {
        self.opt(key, date_value)
    }

    pub fn array(&self, key: &str) -> Result<&'a [Value]> {
        as_array(self.required(key)?, &self.at(key))
    }

    /// An array that may be left out (`None`); null is not accepted for a list.
    pub fn opt_array(&self, key: &str) -> Result<Option<&'a [Value]>> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => as_array(v, &self.at(key)).map(Some),
        }
    }

    /// A required string among fixed choices.
    pub fn choice<T: Copy>(&self, key: &str, choices: &[(&str, T)]) -> Result<T> {
        let v = self.required(key)?;
        let text = v
            .as_str()
            .ok_or_else(|| wrong_type(&self.at(key), "a string", v))?;
        choices
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let names: Vec<_> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                Error::new(
                    ErrorCode::InvalidValue,
                    self.at(key),
                    format!("\"{text}\" is not one of {}", join(&names, ", ")),
                )
            })
    }

    /// The fields not in `known`, in input order.
    pub fn unknown(&self, known: &[&str]) -> Map {
        self.map.filtered(|k| !known.contains(&k))
    }

    /// The first field not in `known`, for inputs (requests) where a typo must not pass.
    pub fn reject_unknown(&self, known: &[&str]) -> Result<()> {
        match self
            .map
            .iter()
            .map(|(k, _)| k)
            .find(|k| !known.contains(&k.as_str()))
        {
            Some(k) => Err(Error::new(
                ErrorCode::InvalidValue,
                self.at(k),
                format!(
                    "unknown field \"{k}\"; expected one of: {}",
                    join(known, ", ")
                ),
            )),
            None => Ok(()),
        }
    }
}

/// The largest JSON text the engine reads: 64 MiB. The largest account of the benchmarks
/// (100,000 users, 1,000,000 contract lines) is 43 MB, and loading takes about 13 times the
/// text in memory at its peak, so a hostile or mistaken file is refused before it can take
/// more than about a gigabyte of the tab's memory.
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

pub fn too_large(bytes: usize) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        "",
        format!(
            "the JSON text is {bytes} bytes; the engine reads at most {MAX_JSON_BYTES} (64 MiB, about 1,500,000 contract lines)"
        ),
    )
}

/// Parses JSON text, reporting syntax errors with line and column. Nesting deeper than 128
/// arrays or objects is refused by the parser (its recursion limit), so deep input cannot
/// exhaust the stack.
pub fn parse_text(text: &str) -> Result<Value> {
    if text.len() > MAX_JSON_BYTES {
        return Err(too_large(text.len()));
    }
    crate::json::parse(text)
}
