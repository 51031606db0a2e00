//! The JavaScript API of SPEC §8: each method converts its arguments in, calls the core and
//! converts the result out, and nothing else. Arguments that are JS objects are read with
//! serde-wasm-bindgen straight into the core's wire types; results go out as JS objects
//! through serde-wasm-bindgen when they are small, or as serde_json text parsed once by the
//! JS engine when they can be large (measured: README, "Crossing the boundary"). The binding
//! fills in today's date where `on` is left out (the core never reads a clock) and throws
//! every core error as a JS `Error` with `code`, `path` and `message`. TypeScript types of
//! every argument and result are the core's own types (`#[derive(Tsify)]`).

mod convert;

use wasm_bindgen::prelude::*;

use crate::migration::request::MigrationRequest;
use crate::resolve::question::Resource;
use crate::Account;
use convert::{
    date_arg, from_js, js_error, json_text, json_to_js, read_text, reserve_for_load,
    reserve_for_migration, text_arg, to_js, today_utc,
};

/// The allocator of the shipped module: talc rather than the standard library's dlmalloc, 4 KB
/// smaller and 20–30% faster on loading and previewing the benchmark accounts.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A loaded, validated Smart Account.
#[wasm_bindgen(js_name = Account)]
pub struct JsAccount {
    inner: Account,
    /// The size of the JSON text it was loaded from, to make room before a migration.
    text_len: usize,
}

#[wasm_bindgen(js_class = Account)]
impl JsAccount {
    /// Validates a snapshot given as a JS object; throws on bad input. The object crosses as
    /// `JSON.stringify` text: faster than walking it field by field (README, "Crossing the
    /// boundary"), and a cycle or a BigInt is refused by `JSON.stringify` itself.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] snapshot: JsValue,
    ) -> Result<JsAccount, JsValue> {
        let text = json_text(&snapshot, "account snapshot")?;
        reserve_for_load(text.len());
        Ok(JsAccount {
            inner: Account::from_json_str(&text).map_err(js_error)?,
            text_len: text.len(),
        })
    }

    /// The same from JSON text, read straight into the snapshot: the fast path.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsAccount, JsValue> {
        let text = text_arg(&text).ok_or_else(|| {
            js_error(crate::Error::new(
                crate::ErrorCode::InvalidValue,
                "",
                "Account.fromJson takes the JSON text of an account snapshot, a string",
            ))
        })??;
        reserve_for_load(text.len());
        Ok(JsAccount {
            inner: Account::from_json_str(&text).map_err(js_error)?,
            text_len: text.len(),
        })
    }

    /// The snapshot as a plain object (what `JSON.stringify(account)` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AccountSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        json_to_js(self.inner.snapshot())
    }

    /// The account at a glance and each contract's status; eligibility is for `actor` when
    /// given, traditional access is as of `on` (default: today, UTC).
    #[wasm_bindgen(unchecked_return_type = "Overview")]
    pub fn overview(&self, actor: Option<String>, on: Option<String>) -> Result<JsValue, JsValue> {
        let on = date_arg(on)?;
        to_js(
            &self
                .inner
                .overview(actor.as_deref(), on)
                .map_err(js_error)?,
        )
    }

    #[wasm_bindgen(js_name = previewMigration, unchecked_return_type = "MigrationPreview")]
    pub fn preview_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = request_arg(request)?;
        reserve_for_migration(self.text_len);
        json_to_js(&self.inner.preview(&request).map_err(js_error)?)
    }

    /// `{ account, events, transactionId, rejected }`; this object is not changed.
    #[wasm_bindgen(js_name = applyMigration, unchecked_return_type = "AppliedMigration")]
    pub fn apply_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = request_arg(request)?;
        reserve_for_migration(self.text_len);
        json_to_js(&self.inner.apply(&request).map_err(js_error)?)
    }

    /// Everything the user can do on `on` (default: today, UTC).
    #[wasm_bindgen(unchecked_return_type = "UserAccess")]
    pub fn access(&self, user: &str, on: Option<String>) -> Result<JsValue, JsValue> {
        let u = self.inner.user_arg(user, "/user").map_err(js_error)?;
        let on = date_arg(on)?;
        to_js(&self.inner.user_access(u, on))
    }

    pub fn can(
        &self,
        user: &str,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: &str,
        #[wasm_bindgen(unchecked_param_type = "Resource")] resource: JsValue,
        on: Option<String>,
    ) -> Result<bool, JsValue> {
        let q = self.question(user, action, resource, on)?;
        Ok(self.inner.decide(&q))
    }

    /// The answer with every reason that grants it, or why not.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        user: &str,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: &str,
        #[wasm_bindgen(unchecked_param_type = "Resource")] resource: JsValue,
        on: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let q = self.question(user, action, resource, on)?;
        to_js(&self.inner.explain(&q))
    }

    /// Many `{ user, action, resource, on? }` questions in one call: an array of booleans.
    #[wasm_bindgen(js_name = canMany, unchecked_return_type = "boolean[]")]
    pub fn can_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Question[]")] questions: JsValue,
        on: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let today = date_arg(on)?;
        let text = json_text(&questions, "list of questions")?;
        let answers = self
            .inner
            .can_many_text(&text, Some(today))
            .map_err(js_error)?;
        to_js(&answers)
    }
}

impl JsAccount {
    fn question(
        &self,
        user: &str,
        action: &str,
        resource: JsValue,
        on: Option<String>,
    ) -> Result<crate::ResolvedQuestion, JsValue> {
        let text = json_text(&resource, "resource")?;
        let resource: Resource = read_text(&text, "/resource")?;
        let on = date_arg(on)?;
        self.inner
            .question_from_parts(user, action, &resource, on)
            .map_err(js_error)
    }
}

/// Reads a request, with today's UTC date where `on` is left out or null.
fn request_arg(request: JsValue) -> Result<MigrationRequest, JsValue> {
    let request: MigrationRequest = from_js(&request, "migration request", "")?;
    Ok(request.on_or(today_utc()))
}

// The thrown error is a JS `Error` with the fields of the core's error (`crate::Error`).
#[wasm_bindgen(typescript_custom_section)]
const SMART_ACCESS_ERROR: &str = r#"
/** What every method throws on bad input (`name` is "SmartAccessError"). */
export interface SmartAccessError extends globalThis.Error {
    code: ErrorCode;
    /** JSON pointer into the offending argument, e.g. "/contracts/2/lines/5/va". */
    path: string;
}
"#;
