//! Values across the boundary: JS values into the core's wire types and back, core errors
//! into thrown JS errors, and today's date from the JS clock (only the binding reads it).

use serde::de::{Deserialize, DeserializeOwned};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ErrorCode};
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

/// A JS value read into `T` as its `JSON.stringify` text, with the JSON pointer of a refused
/// value under `base`, the place of this argument in the question or request it stands for.
/// Not serde-wasm-bindgen: its `Deserializer` reads only the fields a struct declares, so a
/// misspelt field would pass unseen (README, "Crossing the boundary").
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str, base: &str) -> Result<T, JsValue> {
    read_text(&json_text(value, what)?, base)
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

/// A large result as serde_json text parsed once by the JS engine.
pub fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&crate::to_json(value))
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
    /// `encode` on the JS string itself is native code (figures in the README).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Vec<u8>;
}

/// A JS string as UTF-8, refused as `TOO_LARGE` before it is copied into WebAssembly memory
/// when it is longer than the engine reads (UTF-8 takes at least as many bytes as UTF-16
/// units). `None` when the value is not a string.
pub fn text_arg(text: &JsValue) -> Option<Result<String, JsValue>> {
    let length = text.dyn_ref::<js_sys::JsString>()?.length() as usize;
    if length > MAX_JSON_BYTES {
        return Some(Err(js_error(too_large(length))));
    }
    let bytes = TextEncoder::new().encode(text);
    Some(String::from_utf8(bytes).map_err(|_| {
        js_error(Error::new(
            ErrorCode::InvalidValue,
            "",
            "the text is not valid Unicode",
        ))
    }))
}

/// Makes room for loading an account of `text_len` bytes of JSON in one step. WebAssembly
/// memory grows in the allocator's small steps, and V8 copies the whole memory at each, so
/// a first large load grew it quadratically (3.0 s instead of 0.5 s for the 13.5 MB
/// benchmark account). Loading peaks at about 6.6 times the text (the typed snapshot and
/// its indexes), so one allocation of 7 times, freed at once, grows the memory once and
/// leaves the space to the allocator. `try_reserve` so that a huge input fails later with
/// an error rather than aborting here.
pub fn reserve_for_load(text_len: usize) {
    reserve(text_len.saturating_mul(7));
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

/// An `on` argument: the day given, or today (UTC) when it is left out.
pub fn date_arg(on: Option<String>) -> Result<IsoDate, JsValue> {
    match on {
        None => Ok(today_utc()),
        Some(text) => IsoDate::parse(&text).ok_or_else(|| {
            js_error(Error::new(
                ErrorCode::InvalidDate,
                "/on",
                format!("\"{text}\" is not a calendar date written YYYY-MM-DD"),
            ))
        }),
    }
}
