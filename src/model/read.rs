//! Reading input into the typed model with serde, whichever way it arrives (JSON text through
//! serde_json, a JS value through serde-wasm-bindgen), and turning a refusal into the
//! engine's error: the JSON pointer of the value at fault (tracked by serde_path_to_error),
//! and a code. Deserializers only carry a message, so the engine's own checks inside
//! `Deserialize` impls (a date, a role, an id) start theirs with the code (see [`coded`]).

use std::borrow::Cow;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_path_to_error::{Path, Segment};

use crate::error::{pointer_push, quoted, Error, ErrorCode, Result};

/// The largest JSON text the engine reads: 64 MiB. The largest account of the benchmarks
/// (100,000 users, 1,000,000 contract lines) is 43 MB, so a hostile or mistaken file is
/// refused before it can take a large part of the tab's memory.
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

/// A message for `serde::de::Error::custom` that carries the engine's error code.
pub fn coded(code: ErrorCode, message: impl core::fmt::Display) -> String {
    format!("{}: {message}", code.as_str())
}

/// A string, borrowed from the input text where it can be (no escapes in it), so that reading
/// an id to look it up, or a field name, copies nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'de>(pub Cow<'de, str>);

impl Text<'_> {
    /// The same text, owning its characters.
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }
}

impl core::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        struct TextVisitor<'a>(core::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> core::result::Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> core::result::Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> core::result::Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(TextVisitor(core::marker::PhantomData))
    }
}

/// `T` read only from a JSON object. serde's derived `Deserialize` also takes an array of a
/// struct's fields in declaration order (`["u1", "viewAll", {…}]` as a question, `["SA-C"]`
/// as a resource), which no caller means: an array is refused, "invalid type: sequence,
/// expected an object", as the snapshot's objects are (and the derived array readers are
/// left out of the `.wasm`: 2.7 KB gzip). For `#[serde(deserialize_with)]`.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> core::result::Result<T, D::Error> {
    struct Fields<T>(core::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Fields<T> {
        type Value = T;
        fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> core::result::Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(Fields(core::marker::PhantomData))
}

/// An optional count (a page's offset or limit): absent or null, `None`. Said in the words of
/// the API, "expected a whole number, 0 or more", where serde's own reader would say
/// "expected usize". For `#[serde(deserialize_with)]` with `#[serde(default)]`.
pub fn optional_count<'de, D: Deserializer<'de>>(
    d: D,
) -> core::result::Result<Option<usize>, D::Error> {
    struct Count(usize);
    struct WholeNumber;
    impl Visitor<'_> for WholeNumber {
        type Value = Count;
        fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
            f.write_str("a whole number, 0 or more")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> core::result::Result<Count, E> {
            usize::try_from(v)
                .map(Count)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &"a smaller number"))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> core::result::Result<Count, E> {
            match u64::try_from(v) {
                Ok(v) => self.visit_u64(v),
                Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
            }
        }
    }
    impl<'de> Deserialize<'de> for Count {
        fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
            d.deserialize_u64(WholeNumber)
        }
    }
    Option::<Count>::deserialize(d).map(|count| count.map(|Count(n)| n))
}

/// The same where `T` is read whole (an argument, a question of a batch).
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        object(d).map(Object)
    }
}

/// Reads a unit-only enum (a contract's kind and access, a preview's filter) from its name
/// alone. serde's derived reader also takes the map form, `{"smart": null}` for `"smart"`,
/// which no caller means; the enum derives with `#[serde(remote = "Self")]`, which turns its
/// derived `serialize` and `deserialize` into plain functions, and this macro makes them the
/// enum's `Serialize` and `Deserialize`, the reader given the name only.
macro_rules! read_by_name {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                $name::serialize(self, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<Self, D::Error> {
                let $crate::model::read::Text(name) = serde::Deserialize::deserialize(d)?;
                $name::deserialize(serde::de::IntoDeserializer::into_deserializer(&*name))
            }
        }
    };
}
pub(crate) use read_by_name;

/// JSON text straight into `T` (no intermediate tree). Text that is not JSON is
/// `INVALID_JSON` with line and column, whatever else is wrong with it: on a refusal, and
/// only then, the text is read through once more keeping nothing (serde's `IgnoredAny`),
/// because the typed read stops at the first fault it meets, and serde_json calls some data
/// errors syntax (an array where an enum's string belongs is "expected value"). Nesting
/// deeper than serde_json's limit (128) is `INVALID_JSON` too, so deep input cannot exhaust
/// the stack.
pub fn from_json_text<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T> {
    if text.len() > MAX_JSON_BYTES {
        return Err(too_large(text.len()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => de
            .end()
            .map(|()| value)
            .map_err(|e| not_json(e.to_string())),
        Err(e) => Err(refused(text, e)),
    }
}

fn not_json(message: String) -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        "",
        format!("not valid JSON: {message}"),
    )
}

/// What a refusal of `text` means (kept apart from `from_json_text`, which is compiled once
/// for every type the engine reads, so that this is compiled once).
fn refused(text: &str, e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    use serde_json::error::Category;
    let path = pointer(e.path());
    let first = e.into_inner();
    let said = first.to_string();
    let lone_surrogate = is_lone_surrogate(&said);
    let said_syntax = matches!(first.classify(), Category::Syntax | Category::Eof);
    // Reading through does not count depth: too deep is said by the first read.
    let too_deep = said.starts_with("recursion limit exceeded");
    // Read through, keeping nothing: serde_json skips escapes unchecked there, so a
    // lone surrogate is not syntax to it (RFC 8259 allows any \\uXXXX).
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        _ if too_deep => not_json(said),
        // The first read's own words where it saw the fault, else the second's.
        Err(_) if said_syntax && !lone_surrogate => not_json(said),
        Err(syntax) => not_json(syntax.to_string()),
        Ok(_) if lone_surrogate => Error::new(
            ErrorCode::InvalidValue,
            path,
            "the text holds a lone UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair), which is not text",
        ),
        Ok(_) => data_error(path, &said),
    }
}

/// The same, for input read by the thousand (role-check questions): read without tracking
/// the path, which costs a third of the time, and read again with it only when the first
/// read refuses, for the error's path.
pub fn from_json_text_fast<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T> {
    if text.len() > MAX_JSON_BYTES {
        return Err(too_large(text.len()));
    }
    serde_json::from_str(text).or_else(|_| from_json_text(text))
}

/// serde_json refuses a `\\uD800`–`\\uDFFF` escape without its pair (it has no UTF-8 form) as
/// syntax; the engine reports it as a wrong value at its path, the same whether the text was
/// written that way or came from a JS string holding the lone surrogate itself.
fn is_lone_surrogate(message: &str) -> bool {
    message.starts_with("lone leading surrogate in hex escape")
        || message.starts_with("unexpected end of hex escape")
}

/// The JSON pointer of a serde path.
fn pointer(path: &Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        out = match segment {
            Segment::Seq { index } => pointer_push(&out, &index.to_string()),
            Segment::Map { key } => pointer_push(&out, key),
            Segment::Enum { .. } | Segment::Unknown => continue,
        };
    }
    out
}

/// serde_json ends its messages with the place in the text; the path says it better.
pub fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i)
            if message
                .get(i..)
                .is_some_and(|tail| tail.contains(" column ")) =>
        {
            message.get(..i).unwrap_or(message)
        }
        _ => message,
    }
}

/// A data error: the engine's own (coded) or serde's. The path of a missing field is the
/// object that lacks it, so the field's name is added to it.
fn data_error(path: String, message: &str) -> Error {
    let message = without_position(message);
    if let Some((code, rest)) = ErrorCode::ALL.iter().find_map(|&code| {
        message
            .strip_prefix(code.as_str())
            .and_then(|rest| rest.strip_prefix(": "))
            .map(|rest| (code, rest))
    }) {
        return Error::new(code, path, rest);
    }
    let field = |prefix: &str, end: &[&str]| -> Option<String> {
        let rest = message.strip_prefix(prefix)?;
        let close = end.iter().filter_map(|e| rest.find(e)).min()?;
        rest.get(..close).map(str::to_owned)
    };
    if let Some(name) = field("missing field `", &["`"]) {
        return Error::new(
            ErrorCode::InvalidValue,
            pointer_push(&path, &name),
            format!("the required field {} is missing", quoted(&name)),
        );
    }
    if let Some(name) = field(
        "unknown field `",
        &["`, expected", "`, there are no fields"],
    ) {
        let expected = message
            .split_once(", expected ")
            .map(|(_, e)| format!("; expected {}", e.replace('`', "")))
            .unwrap_or_default();
        return Error::new(
            ErrorCode::InvalidValue,
            path,
            format!("unknown field {}{expected}", quoted(&name)),
        );
    }
    if let Some(name) = field("duplicate field `", &["`"]) {
        // Refused when the name is read again, before the path reaches its value.
        let at = pointer_push("", &name);
        let path = if path.ends_with(&at) {
            path
        } else {
            pointer_push(&path, &name)
        };
        return Error::new(
            ErrorCode::InvalidValue,
            path,
            format!("the field {} is given twice", quoted(&name)),
        );
    }
    Error::new(
        ErrorCode::InvalidValue,
        path,
        short_value(message).replace('`', "\""),
    )
}

/// serde quotes a refused string whole ("invalid type: string \"…\", expected …"); at most
/// 60 of its characters are kept (already escaped by serde), as `quoted` does for ours.
fn short_value(message: &str) -> String {
    for kind in ["invalid type: string \"", "invalid value: string \""] {
        let Some((value, expected)) = message
            .strip_prefix(kind)
            .and_then(|rest| rest.rsplit_once("\", expected "))
        else {
            continue;
        };
        if let Some((cut, _)) = value.char_indices().nth(60) {
            let shown = value.get(..cut).unwrap_or(value);
            return format!("{kind}{shown}…\", expected {expected}");
        }
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        name: String,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
    }

    fn error(text: &str) -> (ErrorCode, String, String) {
        let e = from_json_text::<Probe>(text).err();
        e.map(|e| (e.code, e.path, e.message))
            .unwrap_or_else(|| (ErrorCode::TooLarge, "accepted".into(), String::new()))
    }

    #[test]
    fn messages_quote_a_short_excerpt_of_a_long_value() {
        let long = "x".repeat(100_000);
        // serde's own message, which would quote the whole string.
        let (code, path, message) = error(&format!(r#"{{"name": "n", "items": "{long}"}}"#));
        assert_eq!((code, path.as_str()), (ErrorCode::InvalidValue, "/items"));
        assert!(message.len() < 200 && message.contains("xxx…"), "{message}");
        // The path names the field in full (it is a pointer); the message quotes 60 characters.
        let (_, path, message) = error(&format!(
            r#"{{"name": "n", "items": [{{"id": "i", "{long}": 1}}]}}"#
        ));
        assert!(path.starts_with("/items/0/xxx"));
        assert!(message.len() < 300 && message.contains("xxx…"), "{message}");
    }

    #[test]
    fn refusals_carry_the_pointer_of_the_value_at_fault() {
        assert_eq!(
            error(r#"{"name": "x", "items": [{"id": "a"}, {"id": 5}]}"#),
            (
                ErrorCode::InvalidValue,
                "/items/1/id".into(),
                "invalid type: integer \"5\", expected a string".into()
            )
        );
        assert_eq!(
            error(r#"{"name": "x", "items": [{}]}"#),
            (
                ErrorCode::InvalidValue,
                "/items/0/id".into(),
                "the required field \"id\" is missing".into()
            )
        );
        assert_eq!(
            error(r#"{"name": "x", "items": [{"id": "a", "id": "b"}]}"#),
            (
                ErrorCode::InvalidValue,
                "/items/0/id".into(),
                "the field \"id\" is given twice".into()
            )
        );
        let (code, path, message) = error(r#"{"name": "x", "items": [], "a/b": 1}"#);
        assert_eq!((code, path.as_str()), (ErrorCode::InvalidValue, "/a~1b"));
        assert_eq!(message, "unknown field \"a/b\"; expected name or items");
    }

    #[test]
    fn syntax_errors_are_invalid_json_with_line_and_column() {
        for (text, message) in [
            ("", "EOF while parsing a value at line 1 column 0"),
            ("{\"name\": \"x\",}", "trailing comma at line 1 column 14"),
            (
                r#"{"name": "x", "items": []} x"#,
                "trailing characters at line 1 column 28",
            ),
            ("{\"name\": 012}", "invalid number at line 1 column 11"),
        ] {
            assert_eq!(
                error(text),
                (
                    ErrorCode::InvalidJson,
                    String::new(),
                    format!("not valid JSON: {message}")
                ),
                "{text:?}"
            );
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = from_json_text::<serde_json::Value>(&deep).err();
        assert_eq!(e.map(|e| e.code), Some(ErrorCode::InvalidJson));
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    enum Mode {
        Smart,
    }

    /// serde_json calls an array where an enum's string belongs "expected value", a syntax
    /// error; the text is JSON, so it is a data error at the field (a fuzz target found it).
    #[test]
    fn a_wrong_type_for_an_enum_is_a_data_error_at_the_field() {
        let e = from_json_text::<Vec<Mode>>(r#"["smart", ["carl"]]"#).err();
        assert_eq!(
            e.map(|e| (e.code, e.path)),
            Some((ErrorCode::InvalidValue, "/1".to_owned()))
        );
        let e = from_json_text::<Vec<Mode>>(r#"["smart", ["carl"]"#).err();
        assert_eq!(e.map(|e| e.code), Some(ErrorCode::InvalidJson));
    }

    #[test]
    fn coded_messages_keep_their_code() {
        let e = data_error("/on".into(), &coded(ErrorCode::InvalidDate, "not a date"));
        assert_eq!(
            (e.code, e.path.as_str(), e.message.as_str()),
            (ErrorCode::InvalidDate, "/on", "not a date")
        );
    }
}
