//! The deterministic transaction id: a 128-bit FNV-1a hash of the account's JSON followed by
//! the request's canonical JSON, each ending in a newline. Not a security measure; it only
//! has to be the same for the same account and request, and differ when either differs.

use serde::Serialize;

use crate::migration::request::MigrationRequest;
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::snapshot::Id;

/// The request as the hash reads it: every field written, `exclude` as `[contract, [users]]`
/// pairs in input order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Hashed<'a> {
    actor: &'a Id,
    on: Option<IsoDate>,
    smart_access_role: Option<Role>,
    contracts: &'a [Id],
    contract_role: Option<Role>,
    exclude: Vec<(&'a str, &'a [Id])>,
}

pub fn transaction_id(account: &Account, request: &MigrationRequest) -> String {
    let hashed = Hashed {
        actor: &request.actor,
        on: request.on,
        smart_access_role: request.smart_access_role,
        contracts: &request.contracts,
        contract_role: request.contract_role,
        exclude: request
            .exclude
            .iter()
            .flatten()
            .map(|(c, users)| (c.as_str(), users.as_slice()))
            .collect(),
    };
    let mut text = Vec::new();
    // Writing to a Vec does no I/O, and these types always serialize.
    let _ = serde_json::to_writer(&mut text, account.snapshot());
    text.push(b'\n');
    let _ = serde_json::to_writer(&mut text, &hashed);
    text.push(b'\n');
    let hash = const_fnv1a_hash::fnv1a_hash_128(&text, None);
    format!("sa-tx-{hash:032x}")
}
