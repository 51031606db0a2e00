//! smart-access: previews a Smart Account's user access migration and resolves who may do
//! what. Every module but `wasm` is the pure core (plain data in, plain data out, no clock,
//! no I/O); `wasm` is the thin JavaScript binding over it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// What `std`'s prelude would give, for the `no_std` build that ships (see `bare`).
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::format;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
mod bare;

pub mod access;
pub mod account;
pub mod api;
pub mod apply;
pub mod catalog;
pub mod date;
pub mod error;
pub mod grants;
pub mod id_hash;
pub mod json;
pub mod json_out;
pub mod json_read;
pub mod migration;
pub mod model;
pub mod overview;
pub mod preview;
pub mod questions;
pub mod request;
pub mod resolve;
pub mod sort;
pub mod text;
pub mod txid;
pub mod wasm;

pub use account::Account;
pub use api::{account_json, apply_json, preview_json};
pub use error::{Error, ErrorCode, Result};
pub use json_out::{to_json, ToJson};
pub use request::MigrationRequest;
