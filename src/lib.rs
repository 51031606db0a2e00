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
    // Through the same writer as `to_json_within`: one copy of every type's serializer in
    // the `.wasm`, not two.
    to_json_within(value, usize::MAX).unwrap_or_default()
}

/// A result as JSON text of at most `limit` bytes, or `TOO_LARGE` once it would be longer:
/// the writing stops there, so a result too large for its reader never takes the memory of
/// the whole. For the JS binding, whose strings have a largest length.
pub fn to_json_within<T: Serialize + ?Sized>(value: &T, limit: usize) -> Result<String> {
    let mut out = Bounded {
        bytes: Vec::new(),
        limit,
    };
    let written = serde_json::to_writer(&mut out, value);
    out.into_text(written)
}

/// Bytes up to a limit; a write beyond it fails, and serde_json stops.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
}

impl Bounded {
    /// The text written, or `TOO_LARGE` when the writing stopped (the only way it fails:
    /// serde_json writes UTF-8, to memory). Apart from `to_json_within`, which is compiled
    /// once for every type the engine writes, so that this is compiled once.
    fn into_text(self, written: serde_json::Result<()>) -> Result<String> {
        let Bounded { bytes, limit } = self;
        written
            .ok()
            .and_then(|()| String::from_utf8(bytes).ok())
            .ok_or_else(|| result_too_large(limit))
    }
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            return Err(std::io::ErrorKind::OutOfMemory.into());
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `TOO_LARGE` for a result longer than `limit` bytes (JSON, or the CSV of a preview), saying
/// how to read it in parts.
pub fn result_too_large(limit: usize) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        "",
        format!(
            "the result is more than {limit} bytes, longer than a JS string can be; \
             read a preview a page at a time with account.preview(request) \
             (summary, users({{ offset, limit }}), user(id))"
        ),
    )
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
