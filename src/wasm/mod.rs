//! The JavaScript API of SPEC §8: one thin layer over the core. It converts JS values to and
//! from the core's plain data, fills in today's date where `on` is left out (the core never
//! reads a clock), and turns every core error into a thrown JS `Error` with `code`, `path`
//! and `message`.

use crate::prelude::*;

use crate::error::{Error, ErrorCode};
use crate::json::Value;
use crate::json_out::{to_json, ToJson};
use crate::questions::fill_date;
use crate::{Account, MigrationRequest};
use wasm_bindgen::prelude::*;

/// A core error as a JS `Error` with `code` and `path` properties.
fn js_error(e: Error) -> JsValue {
    let err = JsError::new(&e.message);
    err.set_name("SmartAccessError");
    err.set_code(e.code.as_str());
    err.set_path(&e.path);
    err.into()
}

/// Results cross the boundary as JSON text parsed by the JS engine: one writer for every
/// output (a smaller `.wasm`), the same bytes as the core's JSON entry points, and faster
/// than building large objects field by field.
fn to_js(value: &dyn ToJson) -> Result<JsValue, JsValue> {
    json_parse(&to_json(value))
}

// The few JS built-ins the binding uses, declared here rather than taken from `js-sys`:
// linking `js-sys` brought its futures support into the `.wasm` (closure and waker
// functions in the table, about 5 KB) though nothing here uses it.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Error)]
    type JsError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsError;
    #[wasm_bindgen(method, setter, js_class = "Error")]
    fn set_name(this: &JsError, name: &str);
    #[wasm_bindgen(method, setter, js_class = "Error")]
    fn set_code(this: &JsError, code: &str);
    #[wasm_bindgen(method, setter, js_class = "Error")]
    fn set_path(this: &JsError, path: &str);
    #[wasm_bindgen(method, getter, js_class = "Error")]
    fn message(this: &JsError) -> String;

    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    type Date;
    #[wasm_bindgen(constructor)]
    fn new() -> Date;
    #[wasm_bindgen(method, js_name = toISOString)]
    fn to_iso_string(this: &Date) -> String;

    /// A JS string, for its length in UTF-16 units before it is copied.
    #[wasm_bindgen(js_name = String)]
    type JsText;
    #[wasm_bindgen(method, getter)]
    fn length(this: &JsText) -> u32;
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (browsers, workers, Node): it writes a large string in
    /// native code, where wasm-bindgen's own string passing loops over it in JS (a third of
    /// the time of a 10,000-question `canMany`).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Vec<u8>;
}

/// Any JS value that JSON could express, as JSON text. It goes through `JSON.stringify`, so
/// it means exactly what the same data means as JSON text.
fn json_text(value: JsValue, what: &str) -> Result<String, JsValue> {
    let invalid = |detail: String| {
        js_error(Error::new(
            ErrorCode::InvalidValue,
            "",
            format!("the {what} is not plain JSON data{detail}"),
        ))
    };
    let text = json_stringify(&value).map_err(|e| {
        invalid(
            e.dyn_ref::<JsError>()
                .map(|e| format!(": {}", e.message()))
                .unwrap_or_default(),
        )
    })?;
    // JSON.stringify gives undefined for undefined, functions and symbols.
    utf8(&text).ok_or_else(|| invalid(String::new()))?
}

/// A JS string as UTF-8, refusing one too long for the engine before copying it into the
/// WebAssembly memory (a UTF-8 text is at least as many bytes as its UTF-16 length).
/// `None` when the value is not a string.
fn utf8(text: &JsValue) -> Option<Result<String, JsValue>> {
    if !text.is_string() {
        return None;
    }
    let length = text.unchecked_ref::<JsText>().length() as usize;
    if length > crate::json_read::MAX_JSON_BYTES {
        return Some(Err(js_error(crate::json_read::too_large(length))));
    }
    let bytes = TextEncoder::new().encode(text);
    // SAFETY: `TextEncoder.encode` returns UTF-8 (the Encoding Standard: the string is taken
    // as scalar values, a lone surrogate becoming U+FFFD, then encoded), so the bytes are
    // valid UTF-8. It is the guarantee wasm-bindgen relies on for every string argument
    // (`from_utf8_unchecked` on the encoder's output); checking again cost 1.1 KB of the
    // `.wasm` and a pass over every input.
    Some(Ok(unsafe { String::from_utf8_unchecked(bytes) }))
}

/// Any JS value that JSON could express, as the core's JSON value.
fn from_js(value: JsValue, what: &str) -> Result<Value, JsValue> {
    parse(json_text(value, what)?)
}

/// Parses JSON text, growing the memory for what it becomes first, and lets the text go
/// before the tree is used.
fn parse(text: String) -> Result<Value, JsValue> {
    reserve_memory_for(text.len());
    crate::json_read::parse_text(&text).map_err(js_error)
}

/// Loading takes about 13 times the JSON text in memory at its peak (the parsed tree and
/// the typed snapshot; the tree is dropped before the indexes are built). WebAssembly
/// memory grows in the allocator's small steps, and each step copies the whole memory in
/// V8, so a first large load was quadratic (23.6 s instead of 1.1 s at 14 MB of JSON, 336 s
/// at 43 MB). One allocation of a little more than the peak, freed at once, grows the memory
/// in a single step and leaves the space to the allocator (16×: 1.2 s at 14 MB, 5–6 s at
/// 43 MB; 14× was slower at 43 MB). `try_reserve` so that a huge input fails later with an
/// error rather than aborting here.
fn reserve_memory_for(text_len: usize) {
    if text_len > crate::json_read::MAX_JSON_BYTES {
        return; // refused as TOO_LARGE before anything is read
    }
    let mut room: Vec<u8> = Vec::new();
    let _ = room.try_reserve_exact(text_len.saturating_mul(16));
}

/// Today's date in UTC, from the JS clock: only the binding reads it.
fn today_utc() -> String {
    let iso = Date::new().to_iso_string();
    iso.get(..10).unwrap_or_default().to_owned()
}

/// Reads a request, filling in today's UTC date when `on` is left out or null.
fn request_from_js(request: JsValue) -> Result<MigrationRequest, JsValue> {
    let mut value = from_js(request, "migration request")?;
    fill_date(&mut value, &today_utc());
    MigrationRequest::from_value(&value).map_err(js_error)
}

/// A loaded, validated Smart Account.
#[wasm_bindgen(js_name = Account)]
pub struct JsAccount {
    inner: Account,
}

#[wasm_bindgen(js_class = Account)]
impl JsAccount {
    /// Validates a snapshot given as a JS object; throws on bad input.
    #[wasm_bindgen(constructor)]
    pub fn new(snapshot: JsValue) -> Result<JsAccount, JsValue> {
        let value = from_js(snapshot, "account snapshot")?;
        Account::from_owned_value(value)
            .map(|inner| JsAccount { inner })
            .map_err(js_error)
    }

    /// The same from JSON text: no JS object is walked, so this is the fast path.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: JsValue) -> Result<JsAccount, JsValue> {
        let text = utf8(&text).unwrap_or_else(|| {
            Err(js_error(Error::new(
                ErrorCode::InvalidValue,
                "",
                "Account.fromJson takes the JSON text of an account snapshot, a string",
            )))
        })?;
        Account::from_owned_value(parse(text)?)
            .map(|inner| JsAccount { inner })
            .map_err(js_error)
    }

    /// The snapshot as a plain object (what `JSON.stringify(account)` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.snapshot())
    }

    /// The account at a glance and each contract's status; eligibility is for `actor` when
    /// given, traditional access is as of `on` (default: today, UTC).
    pub fn overview(&self, actor: Option<String>, on: Option<String>) -> Result<JsValue, JsValue> {
        let on = crate::json_read::date_value(&Value::String(on.unwrap_or_else(today_utc)), "/on")
            .map_err(js_error)?;
        to_js(
            &self
                .inner
                .overview(actor.as_deref(), on)
                .map_err(js_error)?,
        )
    }

    #[wasm_bindgen(js_name = previewMigration)]
    pub fn preview_migration(&self, request: JsValue) -> Result<JsValue, JsValue> {
        let request = request_from_js(request)?;
        to_js(&self.inner.preview(&request).map_err(js_error)?)
    }

    /// `{ account, events, transactionId, rejected }`; this object is not changed.
    #[wasm_bindgen(js_name = applyMigration)]
    pub fn apply_migration(&self, request: JsValue) -> Result<JsValue, JsValue> {
        let request = request_from_js(request)?;
        to_js(&self.inner.apply(&request).map_err(js_error)?)
    }

    /// Everything the user can do on `on` (default: today, UTC).
    pub fn access(&self, user: &str, on: Option<String>) -> Result<JsValue, JsValue> {
        let u = self.inner.user_arg(user, "/user").map_err(js_error)?;
        let on = crate::json_read::date_value(&Value::String(on.unwrap_or_else(today_utc)), "/on")
            .map_err(js_error)?;
        to_js(&self.inner.user_access(u, on))
    }

    pub fn can(
        &self,
        user: &str,
        action: &str,
        resource: JsValue,
        on: Option<String>,
    ) -> Result<bool, JsValue> {
        let q = self.question(user, action, resource, on)?;
        Ok(self.inner.decide(&q))
    }

    /// The answer with every reason that grants it, or why not.
    pub fn explain(
        &self,
        user: &str,
        action: &str,
        resource: JsValue,
        on: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let q = self.question(user, action, resource, on)?;
        to_js(&self.inner.explain(&q))
    }

    /// Many `{ user, action, resource, on? }` questions in one call: an array of booleans.
    #[wasm_bindgen(js_name = canMany)]
    pub fn can_many(&self, questions: JsValue, on: Option<String>) -> Result<JsValue, JsValue> {
        let text = json_text(questions, "list of questions")?;
        let today = on.unwrap_or_else(today_utc);
        to_js(&self.inner.can_many_text(&text, &today).map_err(js_error)?)
    }
}

impl JsAccount {
    fn question(
        &self,
        user: &str,
        action: &str,
        resource: JsValue,
        on: Option<String>,
    ) -> Result<crate::resolve::Question, JsValue> {
        let resource = json_text(resource, "resource")?;
        let on = on.unwrap_or_else(today_utc);
        self.inner
            .question_from_parts(user, action, &resource, &on)
            .map_err(js_error)
    }
}
