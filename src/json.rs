//! JSON text to a tree of values, written for this engine instead of taken from serde_json:
//! the engine reads only objects, arrays, strings and `null`, and keeps everything else as
//! it is. Numbers stay the text they were written as, so a number in a field the engine does
//! not know comes back exactly (no rounding of large integers) and no float parsing is
//! shipped in the `.wasm` (serde, serde_json and their float tables were ~40 KB of it).

use crate::prelude::*;

use crate::account::Ids;
use crate::error::{Error, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number exactly as written (RFC 8259 grammar); the engine reads no numbers.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// An object's fields in input order, each name once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Sets a field, in place when it is already there.
    pub fn insert(&mut self, key: String, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = value,
            None => self.0.push((key, value)),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// A copy of the fields whose names `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&str) -> bool) -> Map {
        Map(self.0.iter().filter(|(k, _)| keep(k)).cloned().collect())
    }
}

/// An object that names a field twice means what `JSON.parse` makes of it: the last value,
/// at the place of the first. Small objects look back name by name; large ones (rare, and
/// possibly hostile) through a hash map, so that a million names are not a million squared.
fn keep_last_of_each_name(fields: &mut Vec<(String, Value)>) {
    let large = fields.len() > 16;
    let mut first_at = Ids::default();
    let mut dropped = Vec::new();
    for i in 0..fields.len() {
        let Some(name) = fields.get(i).map(|(k, _)| k.as_str()) else {
            break;
        };
        let first = if large {
            first_at.get(name).copied()
        } else {
            fields.iter().take(i).position(|(k, _)| k == name)
        };
        match first {
            Some(first) => {
                let value = fields
                    .get_mut(i)
                    .map(|(_, v)| core::mem::replace(v, Value::Null));
                if let (Some(value), Some((_, slot))) = (value, fields.get_mut(first)) {
                    *slot = value;
                }
                dropped.push(i);
            }
            None if large => {
                first_at.insert(name.to_owned(), i);
            }
            None => {}
        }
    }
    if dropped.is_empty() {
        return;
    }
    // `dropped` is in increasing order: one pass removes them.
    let mut dropped = dropped.into_iter().peekable();
    let mut position = 0;
    fields.retain(|_| {
        let keep = dropped.next_if_eq(&position).is_none();
        position += 1;
        keep
    });
}

/// Arrays and objects nested deeper than this are refused, so that deep input cannot
/// exhaust the stack of the recursive reader.
const MAX_DEPTH: usize = 128;

/// Parses JSON text (RFC 8259). Errors are `INVALID_JSON` with the line and column.
pub fn parse(text: &str) -> Result<Value> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.space();
    let value = p.value()?;
    p.space();
    match p.peek() {
        None => Ok(value),
        Some(_) => Err(p.error("more text after the JSON value")),
    }
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        self.pos += 1;
        b
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// `what` went wrong at the current position: line and column (in characters) are
    /// counted only now, so reading pays nothing for them.
    fn error(&self, what: &str) -> Error {
        let at = self.pos.min(self.bytes.len());
        let before = self.bytes.get(..at).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = before
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        let what = if at >= self.bytes.len() {
            "the text ends too early"
        } else {
            what
        };
        Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("not valid JSON: {what} at line {line} column {column}"),
        )
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Parser::array),
            Some(b'{') => self.nested(Parser::object),
            _ => Err(self.error("expected a value")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value>) -> Result<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("arrays and objects nested more than 128 deep"));
        }
        self.depth += 1;
        self.pos += 1; // the opening bracket
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.space();
            items.push(self.value()?);
            self.space();
            match self.next() {
                Some(b',') => {}
                Some(b']') => return Ok(Value::Array(items)),
                _ => {
                    self.pos -= 1;
                    return Err(self.error("expected \",\" or \"]\""));
                }
            }
        }
    }

    fn object(&mut self) -> Result<Value> {
        let mut fields = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Map(fields)));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a field name in double quotes"));
            }
            let key = self.string()?;
            self.space();
            if self.next() != Some(b':') {
                self.pos -= 1;
                return Err(self.error("expected \":\""));
            }
            self.space();
            fields.push((key, self.value()?));
            self.space();
            match self.next() {
                Some(b',') => {}
                Some(b'}') => {
                    keep_last_of_each_name(&mut fields);
                    return Ok(Value::Object(Map(fields)));
                }
                _ => {
                    self.pos -= 1;
                    return Err(self.error("expected \",\" or \"}\""));
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let whole = self.pos;
        let digits = self.digits();
        if digits == 0 || (digits > 1 && self.bytes.get(whole) == Some(&b'0')) {
            self.pos = whole;
            return Err(self.error("a number needs digits, and no leading zero"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("a number needs digits after its decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("a number needs digits in its exponent"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        Ok(Value::Number(text.to_owned()))
    }

    /// A string after its opening quote. Runs without escapes are copied as they are (the
    /// text is UTF-8 already); control characters must be escaped, as JSON asks.
    fn string(&mut self) -> Result<String> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.next() {
                Some(b'"') => return Ok(out),
                Some(b'\\') => {
                    let ch = self.escape()?;
                    out.push(ch);
                }
                _ => {
                    self.pos -= 1;
                    return Err(self.error("a control character in a string must be escaped"));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char> {
        let ch = match self.next() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error("a lone UTF-16 surrogate escape"));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("a lone UTF-16 surrogate escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("a lone UTF-16 surrogate escape")),
                    _ => unit,
                };
                return char::from_u32(code).ok_or_else(|| self.error("an invalid \\u escape"));
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("an invalid escape"));
            }
        };
        Ok(ch)
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(text: &str) -> Vec<(String, Value)> {
        match parse(text) {
            Ok(Value::Object(Map(fields))) => fields,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(
            r#" {"a": [null, true, false, -0.5e+3, 12345678901234567890123], "b": "x\"\u00e9\ud83d\ude00\n"} "#,
        );
        let Ok(Value::Object(map)) = v else {
            panic!("{v:?}")
        };
        assert_eq!(
            map.get("a"),
            Some(&Value::Array(vec![
                Value::Null,
                Value::Bool(true),
                Value::Bool(false),
                Value::Number("-0.5e+3".into()),
                Value::Number("12345678901234567890123".into()),
            ]))
        );
        assert_eq!(map.get("b").and_then(Value::as_str), Some("x\"é😀\n"));
    }

    #[test]
    fn a_name_given_twice_keeps_the_last_value_at_the_first_place() {
        let fields = obj(r#"{"a": 1, "b": 2, "a": 3}"#);
        assert_eq!(
            fields,
            vec![
                ("a".into(), Value::Number("3".into())),
                ("b".into(), Value::Number("2".into()))
            ]
        );
        // The same through the large-object path.
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{}\": {i},", i % 20));
        }
        text.push_str("\"z\": 0}");
        let fields = obj(&text);
        assert_eq!(fields.len(), 21);
        assert_eq!(
            fields.first(),
            Some(&("k0".into(), Value::Number("20".into())))
        );
        assert_eq!(
            fields.get(19),
            Some(&("k19".into(), Value::Number("39".into())))
        );
        assert_eq!(
            fields.last(),
            Some(&("z".into(), Value::Number("0".into())))
        );
    }

    #[test]
    fn refuses_what_is_not_json_with_line_and_column() {
        for (text, message) in [
            ("", "the text ends too early at line 1 column 1"),
            (
                "{\"a\": 1,}",
                "expected a field name in double quotes at line 1 column 9",
            ),
            ("[1 2]", "expected \",\" or \"]\" at line 1 column 4"),
            ("{\n  \"é\": nul}", "expected a value at line 2 column 8"),
            (
                "01",
                "a number needs digits, and no leading zero at line 1 column 1",
            ),
            ("1.", "the text ends too early at line 1 column 3"),
            (
                "1.e3",
                "a number needs digits after its decimal point at line 1 column 3",
            ),
            ("-", "the text ends too early at line 1 column 2"),
            (
                "\"a\tb\"",
                "a control character in a string must be escaped at line 1 column 3",
            ),
            (
                "\"\\ud800\"",
                "a lone UTF-16 surrogate escape at line 1 column 8",
            ),
            (
                "\"\\udc00x\"",
                "a lone UTF-16 surrogate escape at line 1 column 8",
            ),
            ("\"\\x\"", "an invalid escape at line 1 column 3"),
            (
                "\"\\u12g4\"",
                "expected four hex digits after \\u at line 1 column 6",
            ),
            ("{} x", "more text after the JSON value at line 1 column 4"),
            ("NaN", "expected a value at line 1 column 1"),
        ] {
            let e = parse(text).err();
            assert_eq!(
                e.as_ref().map(|e| (e.code, e.message.as_str())),
                Some((
                    ErrorCode::InvalidJson,
                    &*format!("not valid JSON: {message}")
                )),
                "{text:?}"
            );
        }
    }

    #[test]
    fn nesting_stops_at_128() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(128)).is_ok());
        let e = parse(&deep(129)).err().map(|e| e.message);
        assert_eq!(
            e.as_deref(),
            Some(
                "not valid JSON: arrays and objects nested more than 128 deep at line 1 column 129"
            )
        );
    }
}
