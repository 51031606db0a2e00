//! Helpers shared by the integration tests: fixtures and small JSON accessors.
#![allow(dead_code)]

pub mod random;

use serde_json::Value;
use smart_access::{Account, MigrationRequest};

/// The six entitlement actions of SPEC §3, written out here rather than read from the
/// engine's catalog, so that the tests check the catalog instead of repeating it.
pub const ENTITLEMENT: [&str; 6] = [
    "downloadSoftware",
    "openCase",
    "orderUpgrade",
    "viewAll",
    "performRma",
    "useLicense",
];

pub fn fixture(name: &str, file: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/{name}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn example(name: &str) -> (Account, MigrationRequest) {
    let account = Account::from_json_str(&fixture(name, "account.json")).unwrap();
    let request = MigrationRequest::from_json_str(&fixture(name, "request.json")).unwrap();
    (account, request)
}

pub fn preview_value(account: &Account, request: &MigrationRequest) -> Value {
    theirs(&account.preview(request).unwrap())
}

pub fn user<'a>(preview: &'a Value, id: &str) -> &'a Value {
    preview["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

/// A grant list as "role@scope" strings, e.g. ["licenseUser@SA", "fullUser@A"].
pub fn grants(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            format!(
                "{}@{}",
                g["role"].as_str().unwrap(),
                g["va"].as_str().unwrap_or("SA")
            )
        })
        .collect()
}

pub fn after(preview: &Value, id: &str) -> Vec<String> {
    grants(&user(preview, id)["after"])
}

pub fn actions(entry: &Value) -> Vec<String> {
    entry["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A test's JSON (serde_json, for `json!` and indexing) as the text the engine reads.
pub fn ours(v: &Value) -> String {
    v.to_string()
}

/// An engine result as serde_json data, for comparing and indexing.
pub fn theirs<T: serde::Serialize + ?Sized>(x: &T) -> Value {
    serde_json::from_str(&smart_access::to_json(&x)).unwrap()
}
