//! The engine's entry points: typed functions, and JSON text in / JSON text out over them,
//! so that the WebAssembly binding, a server and the tests all go through one path.

use crate::prelude::*;

use crate::account::Account;
use crate::apply::{apply, Applied};
use crate::error::Result;
use crate::json_out::to_json;
use crate::migration::plan;
use crate::preview::{render, transaction_id, Preview};
use crate::request::MigrationRequest;

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

pub fn preview_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    Ok(to_json(
        &account.preview(&MigrationRequest::from_json_str(request)?)?,
    ))
}

pub fn apply_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    Ok(to_json(
        &account.apply(&MigrationRequest::from_json_str(request)?)?,
    ))
}

/// The snapshot as the engine writes it back (SPEC §7).
pub fn account_json(account: &Account) -> String {
    to_json(account.snapshot())
}
