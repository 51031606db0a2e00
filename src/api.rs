//! The engine's entry points: typed functions, and JSON text in / JSON text out over them,
//! so that the WebAssembly binding, a server and the tests all go through one path.

use crate::prelude::*;

use crate::account::Account;
use crate::apply::{apply, Applied};
use crate::error::{Error, ErrorCode, Result};
use crate::migration::plan;
use crate::preview::{render, transaction_id, Preview};
use crate::request::MigrationRequest;
use serde::Serialize;

impl Account {
    /// The migration preview; changes nothing.
    pub fn preview(&self, request: &MigrationRequest) -> Result<Preview<'_>> {
        let plan = plan(self, request)?;
        Ok(render(self, &plan, request))
    }

    /// The new snapshot and history events.
    pub fn apply(&self, request: &MigrationRequest) -> Result<Applied<'_>> {
        let plan = plan(self, request)?;
        Ok(apply(self, &plan, transaction_id(self, request)))
    }
}

/// Serializes an engine result. Our output types always serialize; should one ever fail,
/// the caller gets an error rather than a trap.
pub fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::new(
            ErrorCode::InvalidValue,
            "",
            format!("the result could not be written as JSON: {e}"),
        )
    })
}

pub fn preview_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    to_json(&account.preview(&MigrationRequest::from_json_str(request)?)?)
}

pub fn apply_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    to_json(&account.apply(&MigrationRequest::from_json_str(request)?)?)
}

/// The snapshot as the engine writes it back (SPEC §7).
pub fn account_json(account: &Account) -> Result<String> {
    to_json(account.snapshot())
}
