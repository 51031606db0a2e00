//! Binding tests shared by the Node run (`wasm_node.rs`) and the Chromium run
//! (`wasm_browser.rs`): the JS API as JavaScript sees it.

use serde_json::Value;

#[path = "../common/mod.rs"]
mod common;
use common::after;
use smart_access::wasm::JsAccount;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const A: (&str, &str) = (
    include_str!("../fixtures/example-a/account.json"),
    include_str!("../fixtures/example-a/request.json"),
);
const B: (&str, &str) = (
    include_str!("../fixtures/example-b/account.json"),
    include_str!("../fixtures/example-b/request.json"),
);
const C: (&str, &str) = (
    include_str!("../fixtures/example-c/account.json"),
    include_str!("../fixtures/example-c/request.json"),
);

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn rust(value: &JsValue) -> Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(value).unwrap())).unwrap()
}

fn preview((account, request): (&str, &str)) -> Value {
    let account = JsAccount::new(js(account)).unwrap();
    rust(&account.preview_migration(js(request)).unwrap())
}

/// The thrown value: a JS Error with `code`, `path` and `message`.
fn error_fields(thrown: JsValue) -> (String, String) {
    assert!(
        thrown.is_instance_of::<js_sys::Error>(),
        "thrown value is not an Error"
    );
    let get = |k: &str| {
        js_sys::Reflect::get(&thrown, &JsValue::from_str(k))
            .unwrap()
            .as_string()
            .unwrap()
    };
    assert!(!get("message").is_empty());
    assert_eq!(get("name"), "SmartAccessError");
    (get("code"), get("path"))
}

fn load_error(snapshot: &str) -> (String, String) {
    error_fields(JsAccount::new(js(snapshot)).err().expect("should throw"))
}

fn request_error(account: &str, request: &str) -> (String, String) {
    let account = JsAccount::new(js(account)).unwrap();
    error_fields(
        account
            .preview_migration(js(request))
            .expect_err("should throw"),
    )
}

#[wasm_bindgen_test]
fn example_a_through_preview_migration() {
    let p = preview(A);
    assert_eq!(after(&p, "alice"), ["licenseUser@SA"]);
    assert_eq!(after(&p, "aaron"), ["licenseUser@A"]);
    assert_eq!(after(&p, "alex"), ["serviceUser@A"]);
}

#[wasm_bindgen_test]
fn example_b_through_preview_migration() {
    let p = preview(B);
    assert_eq!(after(&p, "brian"), ["fullUser@A", "serviceUser@B"]);
    assert_eq!(after(&p, "ben"), ["serviceUser@A", "serviceUser@B"]);
    assert_eq!(after(&p, "bob"), ["fullUser@SA"]);
}

#[wasm_bindgen_test]
fn example_c_through_preview_migration_matches_the_core_byte_for_byte() {
    let p = preview(C);
    assert_eq!(after(&p, "chris"), ["fullUser@SA"]);
    assert_eq!(after(&p, "carl"), ["licenseUser@A"]);
    assert_eq!(after(&p, "cathy"), ["fullUser@A", "fullUser@B"]);
    let core: Value = serde_json::from_str(&smart_access::preview_json(C.0, C.1).unwrap()).unwrap();
    assert_eq!(p, core);
    // fromJson gives the same as the constructor.
    let fast = JsAccount::from_json(C.0.into()).unwrap();
    assert_eq!(rust(&fast.preview_migration(js(C.1)).unwrap()), core);
}

#[wasm_bindgen_test]
fn a_request_without_a_date_uses_today_utc() {
    let account = JsAccount::new(js(C.0)).unwrap();
    let request = js(r#"{"actor":"clara","smartAccessRole":"licenseUser"}"#);
    let p = rust(&account.preview_migration(request).unwrap());
    let today: String = js_sys::Date::new_0().to_iso_string().into();
    assert_eq!(
        p["submission"]["smartAccessMigratedOn"].as_str(),
        today.get(..10)
    );
}

#[wasm_bindgen_test]
fn apply_migration_returns_the_new_snapshot_and_events() {
    let account = JsAccount::new(js(C.0)).unwrap();
    let applied = rust(&account.apply_migration(js(C.1)).unwrap());
    assert_eq!(applied["account"]["smartAccessMigratedOn"], "2026-11-23");
    assert_eq!(applied["events"][0]["type"], "smartAccessMigration");
    // The account object itself is unchanged: the same request previews the same way.
    assert_eq!(
        after(&rust(&account.preview_migration(js(C.1)).unwrap()), "chris"),
        ["fullUser@SA"]
    );
}

#[wasm_bindgen_test]
fn to_json_round_trips() {
    let mut snapshot: Value = serde_json::from_str(C.0).unwrap();
    snapshot["portal"] = serde_json::json!({"keep": [1, "two", null]});
    let account = JsAccount::new(js(&snapshot.to_string())).unwrap();
    assert_eq!(rust(&account.to_json().unwrap()), snapshot);
    let again = JsAccount::new(account.to_json().unwrap()).unwrap();
    assert_eq!(rust(&again.to_json().unwrap()), snapshot);
}

#[wasm_bindgen_test]
fn free_releases_the_account() {
    let object: JsValue = JsAccount::new(js(C.0)).unwrap().into();
    let method = |name: &str| {
        js_sys::Reflect::get(&object, &JsValue::from_str(name))
            .unwrap()
            .unchecked_into::<js_sys::Function>()
    };
    method("toJSON").call0(&object).unwrap();
    method("free").call0(&object).unwrap();
    assert!(
        method("toJSON").call0(&object).is_err(),
        "a freed account can no longer be used"
    );
}

#[wasm_bindgen_test]
fn every_error_code_arrives_as_a_js_error_with_code_and_path() {
    let c = |edit: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(C.0).unwrap();
        edit(&mut v);
        v.to_string()
    };
    let r = |edit: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(C.1).unwrap();
        edit(&mut v);
        v.to_string()
    };
    let e = JsAccount::from_json("{\"id\":".into()).err().unwrap();
    assert_eq!(error_fields(e), ("INVALID_JSON".into(), "".into()));
    let e = JsAccount::from_json(5.into()).err().unwrap();
    assert_eq!(error_fields(e), ("INVALID_VALUE".into(), "".into()));
    // Past the limit the text is refused before it is copied in, whatever it holds.
    let huge = js_sys::JsString::from(" ").repeat(64 * 1024 * 1024 + 1);
    let e = JsAccount::from_json(huge.into()).err().unwrap();
    assert_eq!(error_fields(e), ("TOO_LARGE".into(), "".into()));
    assert_eq!(
        load_error(&c(&|v| v["org"] = Value::Null)),
        ("INVALID_VALUE".into(), "/org".into())
    );
    assert_eq!(
        load_error(&c(&|v| v["users"][2]["id"] = "chris".into())),
        ("DUPLICATE_ID".into(), "/users/2/id".into())
    );
    assert_eq!(
        load_error(&c(&|v| v["contracts"][0]["lines"][1]["va"] = "Z".into())),
        ("UNKNOWN_REFERENCE".into(), "/contracts/0/lines/1/va".into())
    );
    assert_eq!(
        load_error(&c(&|v| v["smartAccessMigratedOn"] = "2026-02-29".into())),
        ("INVALID_DATE".into(), "/smartAccessMigratedOn".into())
    );
    assert_eq!(
        load_error(&c(&|v| v["users"][1]["grants"][0]["role"] = "root".into())),
        ("INVALID_ROLE".into(), "/users/1/grants/0/role".into())
    );
    assert_eq!(
        request_error(C.0, &r(&|v| v["actor"] = "carl".into())),
        ("NOT_SA_ADMIN".into(), "/actor".into())
    );
    assert_eq!(
        request_error(C.0, r#"{"actor":"clara","on":"2026-11-23"}"#),
        ("EMPTY_REQUEST".into(), "".into())
    );
    assert_eq!(
        request_error(C.0, &r(&|v| v["smartAccessRole"] = Value::Null)),
        (
            "SMART_ACCESS_ROLE_REQUIRED".into(),
            "/smartAccessRole".into()
        )
    );
    assert_eq!(
        request_error(
            &c(&|v| v["smartAccessMigratedOn"] = "2026-01-01".into()),
            C.1
        ),
        (
            "SMART_ACCESS_ALREADY_MIGRATED".into(),
            "/smartAccessRole".into()
        )
    );
    assert_eq!(
        request_error(C.0, &r(&|v| v["contractRole"] = Value::Null)),
        ("CONTRACT_ROLE_REQUIRED".into(), "/contractRole".into())
    );
    assert_eq!(
        request_error(C.0, &r(&|v| v["on"] = "tomorrow".into())),
        ("INVALID_DATE".into(), "/on".into())
    );
    // Values JSON cannot express are refused, not trapped on.
    let account = JsAccount::new(js(C.0)).unwrap();
    assert_eq!(
        error_fields(account.preview_migration(JsValue::UNDEFINED).err().unwrap()).0,
        "INVALID_VALUE"
    );
    assert_eq!(
        error_fields(
            JsAccount::new(js_sys::BigInt::from(7u32).into())
                .err()
                .unwrap()
        )
        .0,
        "INVALID_VALUE"
    );
    // The instance still works after all of these.
    assert_eq!(after(&preview(C), "chris"), ["fullUser@SA"]);
}

#[wasm_bindgen_test]
fn overview_reports_each_contract_for_the_actor() {
    let account = JsAccount::new(js(C.0)).unwrap();
    let v = rust(
        &account
            .overview(Some("clara".into()), Some("2026-11-23".into()))
            .unwrap(),
    );
    assert_eq!(v["contracts"][0]["assignment"], "100% 2/2 lines");
    assert_eq!(v["contracts"][0]["canMigrate"], true);
    assert_eq!(v["saAdministrators"][0]["name"], "Clara");
    let v = rust(&account.overview(Some("carl".into()), None).unwrap());
    assert_eq!(v["contracts"][0]["code"], "NOT_CONTRACT_ADMIN");
    assert_eq!(
        error_fields(
            account
                .overview(None, Some("2026-13-01".into()))
                .err()
                .unwrap()
        ),
        ("INVALID_DATE".into(), "/on".into())
    );
}

const RESOLUTION: &str = include_str!("../fixtures/resolution/account.json");

#[wasm_bindgen_test]
fn role_resolution_through_the_js_api() {
    let account = JsAccount::from_json(RESOLUTION.into()).unwrap();
    let line_b = || js(r#"{"contract":"C-300","line":"2"}"#);
    assert!(account
        .can(
            "carl".into(),
            "performRma".into(),
            line_b(),
            Some("2026-11-30".into())
        )
        .unwrap());
    assert!(!account
        .can(
            "carl".into(),
            "performRma".into(),
            line_b(),
            Some("2026-12-23".into())
        )
        .unwrap());
    let e = rust(
        &account
            .explain(
                "pat".into(),
                "viewAdminContacts".into(),
                js(r#"{"account":"SA-C"}"#),
                None,
            )
            .unwrap(),
    );
    assert_eq!(e["allowed"], false);
    let e = rust(
        &account
            .explain(
                "zed".into(),
                "viewAll".into(),
                js(r#"{"order":"O-1"}"#),
                None,
            )
            .unwrap(),
    );
    assert_eq!(e["reasons"][0]["recipient"], "email");
    let access = rust(
        &account
            .access("carl".into(), Some("2026-11-30".into()))
            .unwrap(),
    );
    assert_eq!(access["contracts"][0]["contract"], "C-300");
    let answers = rust(
        &account
            .can_many(
                js(r#"[{"user":"carl","action":"performRma","resource":{"contract":"C-300","line":"2"}},
                       {"user":"carl","action":"performRma","resource":{"contract":"C-300","line":"2"},"on":"2026-12-23"}]"#),
                Some("2026-11-30".into()),
            )
            .unwrap(),
    );
    assert_eq!(answers, serde_json::json!([true, false]));
    // Non-ASCII text crosses intact (it is encoded by the platform's TextEncoder), and a
    // bad question in a batch is reported at its place in the list.
    let thrown = account
        .can_many(
            js(
                r#"[{"user":"carl","action":"viewAll","resource":{"va":"A"}},
                   {"user":"zoë","action":"viewAll","resource":{"va":"A"}}]"#,
            ),
            None,
        )
        .err()
        .unwrap();
    let message = js_sys::Reflect::get(&thrown, &"message".into()).unwrap();
    assert!(message.as_string().unwrap().contains("\"zoë\""));
    assert_eq!(
        error_fields(thrown),
        ("UNKNOWN_REFERENCE".into(), "/1/user".into())
    );
    let thrown = account
        .can("carl".into(), "fly".into(), line_b(), None)
        .err()
        .unwrap();
    assert_eq!(
        error_fields(thrown),
        ("UNKNOWN_ACTION".into(), "/action".into())
    );
    let thrown = account.access("nobody".into(), None).err().unwrap();
    assert_eq!(
        error_fields(thrown),
        ("UNKNOWN_REFERENCE".into(), "/user".into())
    );
}

#[wasm_bindgen_test]
fn a_preview_kept_in_the_engine_reads_in_parts() {
    let account = JsAccount::new(js(C.0)).unwrap();
    let preview = account.preview(js(C.1)).unwrap();
    let whole = rust(&account.preview_migration(js(C.1)).unwrap());
    assert_eq!(rust(&preview.to_json().unwrap()), whole);
    let summary = rust(&preview.summary().unwrap());
    assert_eq!(summary["contracts"], whole["contracts"]);
    assert_eq!(summary["counts"]["users"], 5);
    let page = rust(
        &preview
            .users(Some(js(r#"{"filter":"changed","offset":1,"limit":1}"#)))
            .unwrap(),
    );
    assert_eq!(page["total"], 4);
    assert_eq!(page["items"][0]["id"], "casper");
    assert_eq!(rust(&preview.users(None).unwrap())["items"], whole["users"]);
    assert_eq!(
        error_fields(preview.user("zed".into()).err().unwrap()),
        ("UNKNOWN_REFERENCE".into(), "/user".into())
    );
    // The CSV export: a header and a row per user, in account order.
    let csv = preview.csv().unwrap();
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(rows.len(), 7, "{csv}");
    assert!(rows[1].starts_with("\"clara\","), "{csv}");
    assert!(
        rows[2].starts_with("\"chris\",\"Chris\",\"user@SA\",\"fullUser@SA\",\"yes\""),
        "{csv}"
    );
    // The preview outlives its account, and apply gives a new one.
    drop(account);
    let applied = preview.apply().unwrap();
    let migrated: JsValue = js_sys::Reflect::get(&applied, &"account".into()).unwrap();
    let to_json = js_sys::Reflect::get(&migrated, &"toJSON".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>();
    let snapshot = rust(&to_json.call0(&migrated).unwrap());
    assert_eq!(snapshot["smartAccessMigratedOn"], "2026-11-23");
    assert_eq!(
        rust(&js_sys::Reflect::get(&applied, &"events".into()).unwrap())[0]["type"],
        "smartAccessMigration"
    );
}
