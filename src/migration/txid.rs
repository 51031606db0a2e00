//! The deterministic transaction id: a 128-bit FNV-1a hash of the account's JSON followed by
//! the request's canonical JSON, each ending in a newline. Not a security measure; it only
//! has to be the same for the same account and request, and differ when either differs.

use serde::Serialize;

use crate::migration::request::MigrationRequest;
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::snapshot::Id;
use crate::to_json;

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
    // Through `to_json`, whose writer every other output uses: one copy of the snapshot's
    // serializer in the `.wasm`, not two.
    let mut text = to_json(account.snapshot());
    text.push('\n');
    text.push_str(&to_json(&hashed));
    text.push('\n');
    let hash = const_fnv1a_hash::fnv1a_hash_128(text.as_bytes(), None);
    format!("sa-tx-{hash:032x}")
}
