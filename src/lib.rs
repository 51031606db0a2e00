//! smart-access: previews a Smart Account's user access migration and resolves who may do
//! what. Read top-down: `model` (the data of SPEC §7: wire types, reading, validation,
//! indexes), then `migration` (SPEC §4) and `resolve` (SPEC §6), which both build on `model`
//! and not on each other; `wasm` is the JavaScript binding over all of it, compiled only for
//! WebAssembly. Everything but `wasm` is the pure core: plain data in, plain data out, no
//! clock, no I/O.

pub mod error;
pub mod migration;
pub mod model;
pub mod resolve;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorCode, Result};
pub use migration::apply::AppliedMigration;
pub use migration::preview::MigrationPreview;
pub use migration::request::MigrationRequest;
pub use model::account::Account;
pub use resolve::question::ResolvedQuestion;

use serde::Serialize;

/// A result as JSON text (SPEC §7), fields in the order of their types. Serializing the
/// engine's types cannot fail: every map key is a string and no `Serialize` impl of theirs
/// returns an error, and writing to a `String` does no I/O.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The migration preview of an account and a request, both JSON text.
pub fn preview_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    let request = MigrationRequest::from_json_str(request)?;
    Ok(to_json(&account.preview(&request)?))
}

/// The applied migration of an account and a request, both JSON text.
pub fn apply_json(account: &str, request: &str) -> Result<String> {
    let account = Account::from_json_str(account)?;
    let request = MigrationRequest::from_json_str(request)?;
    Ok(to_json(&account.apply(&request)?))
}

/// The snapshot as the engine writes it back (SPEC §7).
pub fn account_json(account: &Account) -> String {
    to_json(account.snapshot())
}
