//! Every error code and every rejection code, each with the path it must point at.
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;
use common::*;
use serde_json::Value;
use smart_access::{Account, MigrationRequest};

fn account_c() -> Value {
    json(&fixture("example-c", "account.json"))
}
fn request_c() -> Value {
    json(&fixture("example-c", "request.json"))
}

/// Sets the value at a JSON pointer (the parent must exist); `None` removes the field.
fn set(mut doc: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    let parent = doc.pointer_mut(parent).unwrap();
    match (parent, value) {
        (Value::Object(map), Some(v)) => {
            map.insert(key, v);
        }
        (Value::Object(map), None) => {
            map.remove(&key);
        }
        (Value::Array(items), Some(v)) => match key.parse::<usize>().unwrap() {
            i if i == items.len() => items.push(v),
            i => items[i] = v,
        },
        (Value::Array(items), None) => {
            items.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("cannot set {pointer}"),
    }
    doc
}

fn load_error(account: &Value) -> (String, String) {
    let e = Account::from_json_str(&ours(account)).unwrap_err();
    assert!(!e.message.is_empty());
    (e.code.as_str().to_owned(), e.path)
}

fn request_error(account: &Value, request: &Value) -> (String, String) {
    let account = Account::from_json_str(&ours(account)).unwrap();
    let e = MigrationRequest::from_json_str(&ours(request))
        .and_then(|r| account.preview(&r).map(|_| ()))
        .unwrap_err();
    assert!(!e.message.is_empty());
    (e.code.as_str().to_owned(), e.path)
}

fn expect(got: (String, String), code: &str, path: &str) {
    assert_eq!((got.0.as_str(), got.1.as_str()), (code, path));
}

#[test]
fn invalid_json_in_account_and_request() {
    let e = Account::from_json_str("{\"id\": ").unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_JSON", ""));
    assert!(e.message.contains("line 1"), "{}", e.message);
    let e = MigrationRequest::from_json_str("[1,]").unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_JSON");
}

#[test]
fn invalid_value_wrong_types_missing_fields_and_unknown_enums() {
    expect(load_error(&json("[]")), "INVALID_VALUE", "");
    expect(
        load_error(&set(account_c(), "/id", None)),
        "INVALID_VALUE",
        "/id",
    );
    expect(
        load_error(&set(account_c(), "/users", Some(json("{}")))),
        "INVALID_VALUE",
        "/users",
    );
    expect(
        load_error(&set(account_c(), "/users/2/name", Some(json("7")))),
        "INVALID_VALUE",
        "/users/2/name",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/kind",
            Some(json("\"lease\"")),
        )),
        "INVALID_VALUE",
        "/contracts/0/kind",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/access",
            Some(json("\"hybrid\"")),
        )),
        "INVALID_VALUE",
        "/contracts/0/access",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/lines/1/id",
            Some(json("\"\"")),
        )),
        "INVALID_VALUE",
        "/contracts/0/lines/1/id",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/migratedOn",
            Some(json("\"2026-01-01\"")),
        )),
        "INVALID_VALUE",
        "/contracts/0/migratedOn",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/contracts", Some(json("\"C-300\""))),
        ),
        "INVALID_VALUE",
        "/contracts",
    );
    expect(
        request_error(&account_c(), &set(request_c(), "/on", None)),
        "INVALID_VALUE",
        "/on",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/smartAcessRole", Some(json("\"fullUser\""))),
        ),
        "INVALID_VALUE",
        "/smartAcessRole",
    );
}

#[test]
fn duplicate_ids() {
    expect(
        load_error(&set(
            account_c(),
            "/virtualAccounts/1/id",
            Some(json("\"A\"")),
        )),
        "DUPLICATE_ID",
        "/virtualAccounts/1/id",
    );
    expect(
        load_error(&set(account_c(), "/users/3/id", Some(json("\"chris\"")))),
        "DUPLICATE_ID",
        "/users/3/id",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/lines/1/id",
            Some(json("\"1\"")),
        )),
        "DUPLICATE_ID",
        "/contracts/0/lines/1/id",
    );
    let mut doc = account_c();
    let first = doc["contracts"][0].clone();
    doc["contracts"].as_array_mut().unwrap().push(first);
    expect(load_error(&doc), "DUPLICATE_ID", "/contracts/1/id");
    expect(
        load_error(&set(
            account_c(),
            "/users/0/grants/1",
            Some(json(r#"{"role":"admin"}"#)),
        )),
        "DUPLICATE_ID",
        "/users/0/grants/1",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/contracts/1", Some(json("\"C-300\""))),
        ),
        "DUPLICATE_ID",
        "/contracts/1",
    );
}

#[test]
fn unknown_references() {
    expect(
        load_error(&set(
            account_c(),
            "/users/3/grants/0/va",
            Some(json("\"Z\"")),
        )),
        "UNKNOWN_REFERENCE",
        "/users/3/grants/0/va",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/lines/1/va",
            Some(json("\"Z\"")),
        )),
        "UNKNOWN_REFERENCE",
        "/contracts/0/lines/1/va",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/users/2",
            Some(json("\"nobody\"")),
        )),
        "UNKNOWN_REFERENCE",
        "/contracts/0/users/2",
    );
    expect(
        load_error(&set(
            account_c(),
            "/contracts/0/administrators/0",
            Some(json("\"nobody\"")),
        )),
        "UNKNOWN_REFERENCE",
        "/contracts/0/administrators/0",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/actor", Some(json("\"nobody\""))),
        ),
        "UNKNOWN_REFERENCE",
        "/actor",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/contracts/0", Some(json("\"C-9\""))),
        ),
        "UNKNOWN_REFERENCE",
        "/contracts/0",
    );
    // Casper is a user of the account but not of the contract.
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/exclude/C-300/0", Some(json("\"casper\""))),
        ),
        "UNKNOWN_REFERENCE",
        "/exclude/C-300/0",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/exclude/C~1x", Some(json("[]"))),
        ),
        "UNKNOWN_REFERENCE",
        "/exclude/C~1x",
    );
}

#[test]
fn invalid_dates() {
    expect(
        load_error(&set(
            account_c(),
            "/smartAccessMigratedOn",
            Some(json("\"2026-02-30\"")),
        )),
        "INVALID_DATE",
        "/smartAccessMigratedOn",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/on", Some(json("\"23/11/2026\""))),
        ),
        "INVALID_DATE",
        "/on",
    );
}

#[test]
fn invalid_roles() {
    expect(
        load_error(&set(
            account_c(),
            "/users/1/grants/0/role",
            Some(json("\"superuser\"")),
        )),
        "INVALID_ROLE",
        "/users/1/grants/0/role",
    );
    expect(
        load_error(&set(
            account_c(),
            "/users/1/grants/0",
            Some(json(r#"{"role":"approver","va":"A"}"#)),
        )),
        "INVALID_ROLE",
        "/users/1/grants/0/role",
    );
    let partner = set(account_c(), "/users/1/org", Some(json("\"partner.net\"")));
    expect(
        load_error(&set(
            partner,
            "/users/1/grants/0",
            Some(json(r#"{"role":"approver"}"#)),
        )),
        "INVALID_ROLE",
        "/users/1/grants/0/role",
    );
    // Same org: the approver is fine.
    assert!(Account::from_json_str(&ours(&set(
        account_c(),
        "/users/1/grants/0",
        Some(json(r#"{"role":"approver"}"#))
    )))
    .is_ok());
    expect(
        request_error(
            &account_c(),
            &set(
                request_c(),
                "/smartAccessRole",
                Some(json("\"serviceUser\"")),
            ),
        ),
        "INVALID_ROLE",
        "/smartAccessRole",
    );
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/contractRole", Some(json("\"licenseUser\""))),
        ),
        "INVALID_ROLE",
        "/contractRole",
    );
}

#[test]
fn only_an_sa_administrator_may_submit() {
    // Carl is a VA user; even a VA administrator is refused.
    expect(
        request_error(
            &account_c(),
            &set(request_c(), "/actor", Some(json("\"carl\""))),
        ),
        "NOT_SA_ADMIN",
        "/actor",
    );
    let va_admin = set(
        account_c(),
        "/users/3/grants/0",
        Some(json(r#"{"role":"admin","va":"A"}"#)),
    );
    expect(
        request_error(
            &va_admin,
            &set(request_c(), "/actor", Some(json("\"carl\""))),
        ),
        "NOT_SA_ADMIN",
        "/actor",
    );
}

#[test]
fn step_rules() {
    let empty = json(r#"{"actor":"clara","on":"2026-11-23"}"#);
    expect(request_error(&account_c(), &empty), "EMPTY_REQUEST", "");
    let no_31 = set(request_c(), "/smartAccessRole", None);
    expect(
        request_error(&account_c(), &no_31),
        "SMART_ACCESS_ROLE_REQUIRED",
        "/smartAccessRole",
    );
    let done = set(
        account_c(),
        "/smartAccessMigratedOn",
        Some(json("\"2026-01-05\"")),
    );
    expect(
        request_error(&done, &request_c()),
        "SMART_ACCESS_ALREADY_MIGRATED",
        "/smartAccessRole",
    );
    expect(
        request_error(&account_c(), &set(request_c(), "/contractRole", None)),
        "CONTRACT_ROLE_REQUIRED",
        "/contractRole",
    );
    // Step 3.1 alone is a complete request.
    let alone = json(r#"{"actor":"clara","on":"2026-11-23","smartAccessRole":"fullUser"}"#);
    let p = preview_value(
        &Account::from_json_str(&ours(&account_c())).unwrap(),
        &MigrationRequest::from_json_str(&ours(&alone)).unwrap(),
    );
    assert_eq!(p["graceEndsOn"], Value::Null);
    assert_eq!(after(&p, "chris"), ["fullUser@SA"]);
    assert_eq!(after(&p, "cathy"), Vec::<String>::new());
}

fn rejection(account: &Value, request: &Value) -> (String, String) {
    let account = Account::from_json_str(&ours(account)).unwrap();
    let p = preview_value(
        &account,
        &MigrationRequest::from_json_str(&ours(request)).unwrap(),
    );
    let c = &p["contracts"][0];
    assert_eq!(c["status"], "rejected");
    assert_eq!(p["submission"]["contracts"], json("[]"));
    (
        c["code"].as_str().unwrap().to_owned(),
        c["message"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn rejected_contracts_say_why_and_the_others_go_ahead() {
    let partial = set(account_c(), "/contracts/0/lines/1/va", Some(Value::Null));
    let (code, message) = rejection(&partial, &request_c());
    assert_eq!(code, "NOT_FULLY_ASSIGNED");
    assert!(
        message.contains("1 of 2 lines") && message.contains("50% 1/2 lines"),
        "{message}"
    );

    let no_lines = set(account_c(), "/contracts/0/lines", Some(json("[]")));
    let (code, message) = rejection(&no_lines, &request_c());
    assert_eq!(code, "NOT_FULLY_ASSIGNED");
    assert!(message.contains("0/0 lines"), "{message}");

    let smart = set(
        set(account_c(), "/contracts/0/access", Some(json("\"smart\""))),
        "/contracts/0/migratedOn",
        Some(json("\"2026-10-01\"")),
    );
    assert_eq!(rejection(&smart, &request_c()).0, "ALREADY_MIGRATED");

    let other_admin = set(
        account_c(),
        "/contracts/0/administrators/0",
        Some(json("\"chris\"")),
    );
    assert_eq!(
        rejection(&other_admin, &request_c()).0,
        "NOT_CONTRACT_ADMIN"
    );

    // One bad contract does not stop a good one.
    let mut doc = account_c();
    let mut second = doc["contracts"][0].clone();
    second["id"] = json("\"C-301\"");
    second["lines"][0]["va"] = Value::Null;
    doc["contracts"].as_array_mut().unwrap().insert(0, second);
    let req = set(
        request_c(),
        "/contracts",
        Some(json(r#"["C-301","C-300"]"#)),
    );
    let p = preview_value(
        &Account::from_json_str(&ours(&doc)).unwrap(),
        &MigrationRequest::from_json_str(&ours(&req)).unwrap(),
    );
    assert_eq!(p["contracts"][0]["code"], "NOT_FULLY_ASSIGNED");
    assert_eq!(p["contracts"][1]["status"], "migrated");
    assert_eq!(after(&p, "cathy"), ["fullUser@A", "fullUser@B"]);
}

#[test]
fn errors_render_as_code_path_message_json() {
    let e = Account::from_json_str(r#"{"id":"x"}"#).unwrap_err();
    let v = theirs(&e);
    assert_eq!(
        v,
        json(
            r#"{"code":"INVALID_VALUE","path":"/org","message":"the required field \"org\" is missing"}"#
        )
    );
}

/// A result longer than its reader can hold is `TOO_LARGE`, written no further than the
/// limit; within the limit it is the same text as `to_json`.
#[test]
fn results_beyond_a_limit_are_too_large() {
    let (account, request) = example("example-c");
    let preview = account.preview(&request).unwrap();
    let whole = smart_access::to_json(&preview);
    assert_eq!(
        smart_access::to_json_within(&preview, whole.len()).unwrap(),
        whole
    );
    let e = smart_access::to_json_within(&preview, whole.len() - 1).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (smart_access::ErrorCode::TooLarge, "")
    );
    assert!(
        e.message.contains("account.preview(request)"),
        "{}",
        e.message
    );
}
