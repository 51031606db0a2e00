//! The JavaScript API of SPEC §8 and §9: each method converts its arguments in, calls the
//! core and converts the result out, and nothing else. Arguments that are JS objects cross
//! as their `JSON.stringify` text, read by serde_json into the core's wire types (so a
//! misspelt field is refused, as in `fromJson`); results go out as JS objects through
//! serde-wasm-bindgen when they are small (but for those keyed by ids, such as `access`), or
//! as serde_json text parsed once by the JS engine when they can be large (measured:
//! docs/boundary-and-size.md, "Crossing the boundary"). The binding fills in today's date
//! where `on` is left out (the core never reads a clock) and throws
//! every core error as a JS `Error` with `code`, `path` and `message`. TypeScript types of
//! every argument and result are the core's own types (`#[derive(Tsify)]`).

mod convert;
mod declarations;
mod preview;

use std::rc::Rc;

use serde::de::DeserializeOwned;

use wasm_bindgen::prelude::*;

use crate::migration::pages::UsersQuery;
use crate::migration::request::MigrationRequest;
use crate::model::date::IsoDate;
use crate::model::read::Object;
use crate::resolve::question::Resource;
use crate::Account;
use convert::{
    check_counts, check_on, date_arg, js_error, json_text, json_to_js, read_text, request_from_js,
    reserve_for_load, reserve_for_migration, str_arg, text_arg, to_js, today_utc, MAX_JS_STRING,
};
use preview::JsPreview;

/// The allocator of the shipped module: talc rather than the standard library's dlmalloc, 4 KB
/// smaller and 20–30% faster on loading and previewing the benchmark accounts.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A loaded, validated Smart Account.
#[wasm_bindgen(js_name = Account)]
pub struct JsAccount {
    /// Shared with the previews planned against it, which stay valid after it is freed.
    inner: Rc<Account>,
    /// The size of the JSON text it was loaded from, to make room before a migration.
    text_len: usize,
}

#[wasm_bindgen(js_class = Account)]
impl JsAccount {
    /// Validates a snapshot given as a JS object; throws on bad input. The object crosses as
    /// `JSON.stringify` text: faster than walking it field by field (docs/boundary-and-size.md,
    /// "Crossing the boundary"), and a cycle or a BigInt is refused by `JSON.stringify` itself.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AccountSnapshot")] snapshot: JsValue,
    ) -> Result<JsAccount, JsValue> {
        JsAccount::load(&json_text(&snapshot, "account snapshot")?)
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
        JsAccount::load(&text)
    }

    /// The display names of every role and action (the same for every account).
    #[wasm_bindgen(unchecked_return_type = "Catalog")]
    pub fn catalog() -> Result<JsValue, JsValue> {
        to_js(&crate::model::catalog::Catalog::new())
    }

    /// The snapshot as a plain object (what `JSON.stringify(account)` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AccountSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        json_to_js(self.inner.snapshot())
    }

    /// The snapshot as the engine's JSON text: numbers in fields the engine does not know
    /// keep every digit they were read with (`toJSON` gives JS numbers, which round them).
    #[wasm_bindgen(js_name = toJsonText)]
    pub fn to_json_text(&self) -> Result<String, JsValue> {
        crate::to_json_within(self.inner.snapshot(), MAX_JS_STRING).map_err(js_error)
    }

    /// The account at a glance and each contract's status; eligibility is for `actor` when
    /// given, traditional access is as of `on` (default: today, UTC).
    #[wasm_bindgen(unchecked_return_type = "Overview")]
    pub fn overview(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] actor: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let actor = actor
            .filter(|a| !a.is_null() && !a.is_undefined())
            .map(|a| str_arg(&a, "/actor", "actor"))
            .transpose()?;
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

    /// Every combination of the step 3.1 and step 3.2 roles for the request, side by side
    /// (the roles it names are replaced): each with its request, summary, collapses and
    /// grace-end losses.
    #[wasm_bindgen(unchecked_return_type = "Choice[]")]
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = request_arg(request)?;
        reserve_for_migration(self.text_len);
        json_to_js(&self.inner.compare(&request).map_err(js_error)?)
    }

    /// The migration planned once and kept in the engine, to be read a page at a time.
    pub fn preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationRequest")] request: JsValue,
    ) -> Result<JsPreview, JsValue> {
        let request = request_arg(request)?;
        let planned = self.inner.plan_migration(&request).map_err(js_error)?;
        Ok(JsPreview {
            account: Rc::clone(&self.inner),
            planned,
            text_len: self.text_len,
        })
    }

    /// A page of the account's users (`{ id, name }`), for pickers. (Its declaration is in
    /// `OPTIONAL_QUERIES`: a JS value that may be left out has no other way to be typed.)
    #[wasm_bindgen(skip_typescript)]
    pub fn users(&self, query: Option<JsValue>) -> Result<JsValue, JsValue> {
        let query: UsersQuery = query_arg(query)?;
        to_js(&self.inner.users_page(&query).map_err(js_error)?)
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
    pub fn access(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (u, on) = self.user_on(&user, on)?;
        // As JSON text, not serde-wasm-bindgen: its objects are built key by key with [[Set]],
        // so a VA named "__proto__" would become the object's prototype; JSON.parse makes
        // every key an own property.
        json_to_js(&self.inner.user_access(u, on))
    }

    pub fn can(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Resource")] resource: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<bool, JsValue> {
        let q = self.question(&user, &action, resource, on)?;
        Ok(self.inner.decide(&q))
    }

    /// The answer with every reason that grants it, or why not.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Resource")] resource: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let q = self.question(&user, &action, resource, on)?;
        to_js(&self.inner.explain(&q))
    }

    /// Where every item of the account sits, for the package's `Abilities` (plain data, one
    /// per account). JSON text and `JSON.parse`: it grows with the account.
    #[wasm_bindgen(js_name = abilityIndex, unchecked_return_type = "AbilityIndex")]
    pub fn ability_index(&self) -> Result<JsValue, JsValue> {
        json_to_js(&self.inner.ability_index())
    }

    /// What the user may do on the day, resolved, for `Abilities.for` (plain data).
    #[wasm_bindgen(unchecked_return_type = "UserAbility")]
    pub fn ability(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let (u, on) = self.user_on(&user, on)?;
        to_js(&self.inner.user_ability(u, on))
    }

    /// Every user who can do the action on the resource, with the reasons `explain` gives,
    /// in the account's order (SPEC §9).
    #[wasm_bindgen(js_name = whoCan, unchecked_return_type = "WhoCan[]")]
    pub fn who_can(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Resource")] resource: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let action = str_arg(&action, "/action", "action")?;
        let text = json_text(&resource, "resource")?;
        let Object(resource): Object<Resource> = read_text(&text, "/resource")?;
        let on = date_arg(on)?;
        to_js(
            &self
                .inner
                .who_can_parts(&action, &resource, on)
                .map_err(js_error)?,
        )
    }

    /// Many `{ user, action, resource, on? }` questions in one call: an array of booleans.
    #[wasm_bindgen(js_name = canMany, unchecked_return_type = "boolean[]")]
    pub fn can_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Question[]")] questions: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let today = date_arg(on)?;
        let text = json_text(&questions, "list of questions")?;
        check_on(&questions, &text)?;
        let answers = self
            .inner
            .can_many_text(&text, Some(today))
            .map_err(js_error)?;
        to_js(&answers)
    }
}

impl JsAccount {
    /// An account read from its JSON text, with room made for it first.
    fn load(text: &str) -> Result<JsAccount, JsValue> {
        reserve_for_load(text);
        Ok(JsAccount {
            inner: Rc::new(Account::from_json_str(text).map_err(js_error)?),
            text_len: text.len(),
        })
    }

    /// A user (their position) and a day, from the arguments of `access` and `ability`.
    fn user_on(&self, user: &JsValue, on: Option<JsValue>) -> Result<(usize, IsoDate), JsValue> {
        let user = str_arg(user, "/user", "user")?;
        let u = self.inner.user_arg(&user, "/user").map_err(js_error)?;
        Ok((u, date_arg(on)?))
    }

    fn question(
        &self,
        user: &JsValue,
        action: &JsValue,
        resource: JsValue,
        on: Option<JsValue>,
    ) -> Result<crate::ResolvedQuestion, JsValue> {
        let user = str_arg(user, "/user", "user")?;
        let action = str_arg(action, "/action", "action")?;
        let text = json_text(&resource, "resource")?;
        let Object(resource): Object<Resource> = read_text(&text, "/resource")?;
        let on = date_arg(on)?;
        self.inner
            .question_from_parts(&user, &action, &resource, on)
            .map_err(js_error)
    }
}
/// An optional query object; left out or null, the defaults.
fn query_arg<T: DeserializeOwned + Default>(query: Option<JsValue>) -> Result<T, JsValue> {
    match query {
        Some(query) if !query.is_null() && !query.is_undefined() => {
            let text = json_text(&query, "query")?;
            check_counts(&query, &text)?;
            read_text(&text, "").map(|Object(query)| query)
        }
        _ => Ok(T::default()),
    }
}

/// Reads a request, with today's UTC date where `on` is left out or null.
fn request_arg(request: JsValue) -> Result<MigrationRequest, JsValue> {
    let Object(request): Object<MigrationRequest> = request_from_js(&request)?;
    Ok(request.on_or(today_utc()))
}
