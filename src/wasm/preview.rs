//! The `Preview` handle of SPEC §9: a migration planned once and kept in the engine, read
//! in parts (summary, pages of users, one user, the submission, the CSV), whole on request,
//! or applied as a new `Account`.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::migration::pages::PreviewQuery;
use crate::migration::preview::PlannedMigration;
use crate::Account;

use super::convert::{js_error, json_to_js, reserve_for_migration, str_arg, MAX_JS_STRING};
use super::{query_arg, JsAccount};

/// A migration's preview kept in the engine (SPEC §9): its summary, pages of its users,
/// its submission, the whole of it on request, and the migrated account as a new handle.
#[wasm_bindgen(js_name = Preview)]
pub struct JsPreview {
    pub(super) account: Rc<Account>,
    pub(super) planned: PlannedMigration,
    pub(super) text_len: usize,
}

#[wasm_bindgen(js_class = Preview)]
impl JsPreview {
    /// Everything but the users and the grant changes, with counts.
    #[wasm_bindgen(getter, unchecked_return_type = "PreviewSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        json_to_js(&self.planned.summary(&self.account))
    }

    /// A page of the users' entries (default: all users, 50 from the first). (Declared in
    /// `OPTIONAL_QUERIES`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn users(&self, query: Option<JsValue>) -> Result<JsValue, JsValue> {
        let query: PreviewQuery = query_arg(query)?;
        let page = self.planned.users_page(&self.account, &query);
        json_to_js(&page.map_err(js_error)?)
    }

    /// One user's entry.
    #[wasm_bindgen(unchecked_return_type = "UserPreview")]
    pub fn user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = str_arg(&id, "/user", "user")?;
        json_to_js(
            &self
                .planned
                .user_by_id(&self.account, &id)
                .map_err(js_error)?,
        )
    }

    #[wasm_bindgen(unchecked_return_type = "Submission")]
    pub fn submission(&self) -> Result<JsValue, JsValue> {
        json_to_js(&self.planned.submission(&self.account))
    }

    /// The page's CSV export: a row per user, cells neutralised for spreadsheets.
    pub fn csv(&self) -> Result<String, JsValue> {
        let csv = self.planned.csv(&self.account);
        if csv.len() > MAX_JS_STRING {
            return Err(js_error(crate::result_too_large(MAX_JS_STRING)));
        }
        Ok(csv)
    }

    /// Exactly what `previewMigration` returns for the same request.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "MigrationPreview")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        reserve_for_migration(self.text_len);
        json_to_js(&self.planned.preview(&self.account))
    }

    /// The migrated account as a new handle, with the history events; the preview's own
    /// account is not changed.
    #[wasm_bindgen(
        unchecked_return_type = "{ account: Account; events: HistoryEvent[]; transactionId: string; rejected: RejectedContract[] }"
    )]
    pub fn apply(&self) -> Result<JsValue, JsValue> {
        reserve_for_migration(self.text_len);
        let applied = self.planned.apply(&self.account);
        let result = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&result, &key.into(), value);
        set("events", &json_to_js(&applied.events)?)?;
        set("transactionId", &applied.transaction_id.as_str().into())?;
        set("rejected", &json_to_js(&applied.rejected)?)?;
        let account = JsAccount {
            inner: Rc::new(Account::from_snapshot(applied.account).map_err(js_error)?),
            text_len: self.text_len,
        };
        set("account", &account.into())?;
        Ok(result.into())
    }
}
