//! Engine results as JSON text. Each output type writes itself through `Object`, in the
//! field order of SPEC §7; strings are escaped as `JSON.stringify` escapes them (quote,
//! backslash, control characters), everything else is written as it is.

use crate::prelude::*;

use crate::json::{Map, Value};
use crate::json_read::Opt;
use core::fmt::Write;

pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// A value as JSON text.
pub fn to_json(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Writes the fields of one JSON object; a field left out is not written at all.
pub struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Object<'o> {
    pub fn new(out: &'o mut String) -> Object<'o> {
        out.push('{');
        Object { out, empty: true }
    }

    pub fn field(&mut self, key: &str, value: &dyn ToJson) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_str(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// A field written only when there is something (`Option` left out when `None`).
    pub fn some(&mut self, key: &str, value: Option<&dyn ToJson>) -> &mut Self {
        match value {
            Some(value) => self.field(key, value),
            None => self,
        }
    }

    /// A snapshot field as it was read: left out, `null`, or its value.
    pub fn opt<T: ToJson>(&mut self, key: &str, value: &Opt<T>) -> &mut Self {
        match value {
            Opt::Absent => self,
            Opt::Null => self.field(key, &Value::Null),
            Opt::Value(v) => self.field(key, v),
        }
    }

    /// The fields the engine does not know, written back after the ones it does.
    pub fn extra(&mut self, fields: &Map) -> &mut Self {
        for (key, value) in fields.iter() {
            self.field(key, value);
        }
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(i) = rest
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < 0x20)
    {
        let (plain, tail) = rest.split_at_checked(i).unwrap_or((rest, ""));
        out.push_str(plain);
        let mut chars = tail.chars();
        match chars.next() {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some('\u{8}') => out.push_str("\\b"),
            Some('\u{c}') => out.push_str("\\f"),
            Some(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            None => {}
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

/// `None` is `null` (fields that are always present); use `Object::some` to leave one out.
impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        write_array(out, self.iter());
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// An array of the items, in order.
pub fn write_array<T: ToJson>(out: &mut String, items: impl Iterator<Item = T>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write_json(out);
    }
    out.push(']');
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(text) => out.push_str(text),
            Value::String(s) => write_str(out, s),
            Value::Array(items) => items.write_json(out),
            Value::Object(map) => map.write_json(out),
        }
    }
}

impl ToJson for Map {
    fn write_json(&self, out: &mut String) {
        Object::new(out).extra(self).end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_like_json_stringify() {
        let mut out = String::new();
        write_str(&mut out, "a\"b\\c\nd\u{1}é😀\u{7f}/");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é😀\u{7f}/\"");
    }

    #[test]
    fn what_is_read_is_written_back_the_same() {
        let text =
            r#"{"a":[null,true,-0.5e+3,12345678901234567890123,{}],"b":"x\"y","c":{"d":[]}}"#;
        let value = crate::json::parse(text).unwrap_or(Value::Null);
        assert_eq!(to_json(&value), text);
    }
}
