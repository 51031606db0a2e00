//! Values across the boundary: JS values into the core's wire types and back, core errors
//! into thrown JS errors, and today's date from the JS clock (only the binding reads it).

use serde::de::{Deserialize, DeserializeOwned};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{quoted, Error, ErrorCode};
use crate::model::date::IsoDate;
use crate::model::read::{from_json_text, too_large, MAX_JSON_BYTES};

/// A core error as a JS `Error` named `SmartAccessError`, with `code` and `path`.
pub fn js_error(e: Error) -> JsValue {
    let error = js_sys::Error::new(&e.message);
    error.set_name("SmartAccessError");
    let object: &JsValue = error.as_ref();
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(object, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(object, &"path".into(), &e.path.as_str().into());
    error.into()
}

/// A request read as its `JSON.stringify` text (not serde-wasm-bindgen: its `Deserializer`
/// reads only the fields a struct declares, so a misspelt field would pass unseen; docs/boundary-and-size.md,
/// "Crossing the boundary"), its `on` checked as `check_on` does.
pub fn request_from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    let text = json_text(value, "migration request")?;
    check_on(value, &text)?;
    read_text(&text, "")
}

/// JSON text read into `T`, with the JSON pointer of a refused value under `base`.
pub fn read_text<'a, T: Deserialize<'a>>(text: &'a str, base: &str) -> Result<T, JsValue> {
    from_json_text(text).map_err(|mut e| {
        if e.code != ErrorCode::InvalidJson {
            e.path.insert_str(0, base);
        }
        js_error(e)
    })
}

/// A small result as a JS object (serde-wasm-bindgen, maps as plain objects, `None` as null).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// The longest string V8 makes (Chrome, Node): 2^29 − 24 UTF-16 units. Bytes of UTF-8 are
/// never fewer than UTF-16 units, so text within this many bytes fits.
pub const MAX_JS_STRING: usize = (1 << 29) - 24;

/// A large result as serde_json text parsed once by the JS engine; `TOO_LARGE`, pointing to
/// the paged `Preview`, when the text would not fit in a JS string.
pub fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::to_json_within(value, MAX_JS_STRING).map_err(js_error)?;
    js_sys::JSON::parse(&text)
}

/// Any JS value that JSON could express, as JSON text (`JSON.stringify`): it means exactly
/// what the same data means as JSON text.
pub fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    let invalid = |detail: String| {
        js_error(Error::new(
            ErrorCode::InvalidValue,
            "",
            format!("the {what} is not plain JSON data{detail}"),
        ))
    };
    let text = stringify(value).map_err(|e| {
        invalid(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| format!(": {}", String::from(e.message())))
                .unwrap_or_default(),
        )
    })?;
    // JSON.stringify gives undefined for undefined, functions and symbols.
    let text = text.ok_or_else(|| invalid(String::new()))?;
    if text.len() > MAX_JSON_BYTES {
        return Err(js_error(too_large(text.len())));
    }
    Ok(text)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify`, declared here rather than taken from js-sys because js-sys's returns
    /// a JS string: when it throws (a cycle, a BigInt, a getter that throws), wasm-bindgen
    /// 0.2.130 keeps a table slot for the result that never came, one per failure, until
    /// every call traps (`tests/js/reliability.test.mjs`). Text returned as a Rust string
    /// takes no slot.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn stringify(value: &JsValue) -> Result<Option<String>, JsValue>;

    /// The platform's UTF-8 encoder, declared here because web-sys's `encode_with_input`
    /// takes a `&str`, which wasm-bindgen copies in with a loop in JS over every character:
    /// `encode` on the JS string itself is native code (figures in docs/boundary-and-size.md).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// A JS string as UTF-8, refused as `TOO_LARGE` before it is copied into WebAssembly memory
/// when it is longer than the engine reads: on its UTF-16 length first (UTF-8 takes at least
/// as many bytes), then on its UTF-8 length, encoded by the platform outside WebAssembly
/// memory (60 million "€" are 180 MB of UTF-8 in fewer than 64 Mi units). `None` when the
/// value is not a string.
pub fn text_arg(text: &JsValue) -> Option<Result<String, JsValue>> {
    let string = text.dyn_ref::<js_sys::JsString>()?;
    let length = string.length() as usize;
    if length > MAX_JSON_BYTES {
        return Some(Err(js_error(too_large(length))));
    }
    // A lone surrogate has no UTF-8 form (the encoder would put U+FFFD in its place, and
    // two different ids would become one): each is written as the escape `\uD800`, which
    // the reader refuses as INVALID_VALUE at the path of the string holding it, as it does
    // the same escape written in the text.
    let text: JsValue = if string.is_well_formed() {
        text.clone()
    } else {
        let lone = js_sys::RegExp::new("[\\uD800-\\uDFFF]", "gu");
        string.replace_by_pattern(&lone, "\\uD800").into()
    };
    let encoded = TextEncoder::new().encode(&text);
    let length = encoded.length() as usize;
    if length > MAX_JSON_BYTES {
        return Some(Err(js_error(too_large(length))));
    }
    Some(String::from_utf8(encoded.to_vec()).map_err(|_| {
        js_error(Error::new(
            ErrorCode::InvalidValue,
            "",
            "the text is not valid Unicode",
        ))
    }))
}

/// Makes room for loading an account from `text` in one step. WebAssembly
/// memory grows in the allocator's small steps, and V8 copies the whole memory at each, so
/// a first large load grew it quadratically (3.0 s instead of 0.5 s for the 13.5 MB
/// benchmark account). Loading peaks at about 6.6 times the text (the typed snapshot and
/// its indexes), so one allocation of 7 times, freed at once, grows the memory once and
/// leaves the space to the allocator. `try_reserve` so that a huge input fails later with
/// an error rather than aborting here. Only for text that starts as an account does (`{`):
/// text that is not JSON at its first byte is refused without growing the memory for good.
pub fn reserve_for_load(text: &str) {
    if text.trim_start().starts_with('{') {
        reserve(text.len().saturating_mul(7));
    }
}

/// The same before a preview or an apply, which build results many times the account's
/// size out of small pieces: growing the memory for each of them in turn made V8 collect
/// its heap at every step (a preview of the 100,000-user account took 48 s instead of
/// 11 s). 16 times the account's JSON text is what the preview of the benchmark accounts
/// takes before its text is written.
pub fn reserve_for_migration(text_len: usize) {
    reserve(text_len.saturating_mul(16));
}

fn reserve(bytes: usize) {
    let mut room: Vec<u8> = Vec::new();
    let _ = room.try_reserve_exact(bytes);
}

/// Today's date in UTC, from the JS clock.
pub fn today_utc() -> IsoDate {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // An ISO string from `IsoDate` always starts with the date; 1970-01-01 if it ever did not.
    iso.get(..10).and_then(IsoDate::parse).unwrap_or_default()
}

/// The most UTF-8 bytes a string argument naming one thing (a user id, an action, a date)
/// may hold: far above any real id, far below anything that could hurt.
pub const MAX_ARG_BYTES: usize = 4096;

/// What a JS value is, for a message: "a number", "null", "an object".
fn kind(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if value.is_undefined() {
        return "undefined".into();
    }
    if value.is_instance_of::<js_sys::Date>() {
        return "a Date object".into();
    }
    let kind = value.js_typeof().as_string().unwrap_or_default();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

/// A string argument at `path` (a user id, an action): refused with the engine's codes when
/// it is not a string (`INVALID_VALUE`), holds more than `MAX_ARG_BYTES` of UTF-8 (`TOO_LARGE`,
/// judged on its UTF-16 length before anything is copied: UTF-8 takes at least as many
/// bytes), or holds a lone UTF-16 surrogate (`INVALID_VALUE`: it has no UTF-8 form, and
/// replacing it would make two different ids one).
pub fn str_arg(value: &JsValue, path: &str, what: &str) -> Result<String, JsValue> {
    let refuse = |code, message: String| Err(js_error(Error::new(code, path, message)));
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return refuse(
            ErrorCode::InvalidValue,
            format!("{what} must be a string; got {}", kind(value)),
        );
    };
    let too_long = |bytes: usize| {
        refuse(
            ErrorCode::TooLarge,
            format!("{what} is {bytes} or more bytes long; at most {MAX_ARG_BYTES} are read"),
        )
    };
    if text.length() as usize > MAX_ARG_BYTES {
        return too_long(text.length() as usize);
    }
    if !text.is_well_formed() {
        return refuse(ErrorCode::InvalidValue, lone_surrogate(what));
    }
    let text = String::from(text);
    if text.len() > MAX_ARG_BYTES {
        return too_long(text.len());
    }
    Ok(text)
}

fn lone_surrogate(what: &str) -> String {
    format!("{what} holds a lone UTF-16 surrogate, which is not text (it has no UTF-8 form)")
}

/// An `on` argument: a day written `YYYY-MM-DD`, or today (UTC) when it is left out or null.
/// Anything else, a number or a `Date` object included, is `INVALID_DATE` at `/on`.
pub fn date_arg(on: Option<JsValue>) -> Result<IsoDate, JsValue> {
    match on {
        None => Ok(today_utc()),
        Some(on) if on.is_null() || on.is_undefined() => Ok(today_utc()),
        Some(on) => {
            let Some(text) = on.as_string() else {
                return Err(not_a_date(&on, "/on".into()));
            };
            IsoDate::parse(&text).ok_or_else(|| {
                js_error(Error::new(
                    ErrorCode::InvalidDate,
                    "/on",
                    format!(
                        "{} is not a calendar date written YYYY-MM-DD",
                        quoted(&text)
                    ),
                ))
            })
        }
    }
}

/// `on` in a request or in the questions of a batch, given as `value` and already turned
/// into `text` by `JSON.stringify`, which writes `NaN`, `Infinity` and an invalid `Date` as
/// `null` (that is, today) without a word. Only when the text holds `"on":null` are the
/// objects themselves looked at: anything there but a string, null or nothing is refused as
/// `date_arg` refuses it, at the question's `/on`.
pub fn check_on(value: &JsValue, text: &str) -> Result<(), JsValue> {
    if !text.contains("\"on\":null") {
        return Ok(());
    }
    match value.dyn_ref::<js_sys::Array>() {
        Some(questions) => questions
            .iter()
            .enumerate()
            .try_for_each(|(i, q)| check_object_on(&q, &format!("/{i}"))),
        None => check_object_on(value, ""),
    }
}

fn check_object_on(object: &JsValue, base: &str) -> Result<(), JsValue> {
    if !object.is_object() {
        return Ok(());
    }
    // The text was written from this object a moment ago, so reading `on` does not throw.
    let on = js_sys::Reflect::get(object, &"on".into()).unwrap_or(JsValue::UNDEFINED);
    if on.is_string() || on.is_null() || on.is_undefined() {
        return Ok(());
    }
    Err(not_a_date(&on, format!("{base}/on")))
}

/// The numbers of a page query (`offset`, `limit`, `flow`), given as `value` and already
/// turned into `text` by `JSON.stringify`, which writes `NaN` and `±Infinity` as `null` (the
/// default) without a word. Only when the text holds a `null` are the query's own values
/// looked at: a number there is one JSON could not write, and is refused at its path.
pub fn check_counts(value: &JsValue, text: &str) -> Result<(), JsValue> {
    if !text.contains(":null") || !value.is_object() {
        return Ok(());
    }
    for key in ["offset", "limit", "flow"] {
        // The text was written from this object a moment ago, so reading does not throw.
        let number = js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(n) = number.as_f64().filter(|n| !n.is_finite()) {
            let n = if n.is_nan() {
                "NaN"
            } else if n > 0.0 {
                "Infinity"
            } else {
                "-Infinity"
            };
            return Err(js_error(Error::new(
                ErrorCode::InvalidValue,
                format!("/{key}"),
                format!("{key} must be a whole number, 0 or more; got {n}"),
            )));
        }
    }
    Ok(())
}

/// `INVALID_DATE` at `path` for an `on` that is not a string at all.
fn not_a_date(on: &JsValue, path: String) -> JsValue {
    js_error(Error::new(
        ErrorCode::InvalidDate,
        path,
        format!(
            "on must be a date written YYYY-MM-DD (a string); got {}",
            kind(on)
        ),
    ))
}
