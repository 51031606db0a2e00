//! Role resolution (SPEC §6): every source of access and every denial reason.
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;
use common::*;
use serde_json::{json, Value};
use smart_access::model::date::IsoDate;
use smart_access::model::read::from_json_text;
use smart_access::resolve::question::Resource;
use smart_access::Account;

fn account() -> Account {
    Account::from_json_str(&fixture("resolution", "account.json")).unwrap()
}

fn explain(a: &Account, user: &str, action: &str, resource: Value, on: &str) -> Value {
    let q = a
        .question_text(
            &ours(&json!({"user": user, "action": action, "resource": resource, "on": on})),
            None,
        )
        .unwrap();
    theirs(&a.explain(&q))
}

fn can(a: &Account, user: &str, action: &str, resource: Value, on: &str) -> bool {
    let e = explain(a, user, action, resource, on);
    assert_eq!(
        e["allowed"].as_bool().unwrap(),
        !e["reasons"].as_array().unwrap().is_empty()
    );
    e["allowed"].as_bool().unwrap()
}

const DURING: &str = "2026-11-30";
const AFTER: &str = "2026-12-23";

#[test]
fn carl_keeps_traditional_access_to_the_contract_lines_in_b_only_during_grace() {
    let a = account();
    let line_b = json!({"contract": "C-300", "line": "2"});
    let e = explain(&a, "carl", "performRma", line_b.clone(), DURING);
    assert_eq!(e["allowed"], true);
    assert_eq!(
        e["reasons"],
        json!([{"source": "contract", "contract": "C-300", "graceEndsOn": "2026-12-23"}])
    );
    let e = explain(&a, "carl", "performRma", line_b.clone(), AFTER);
    assert_eq!(e["allowed"], false);
    assert!(
        e["denial"]
            .as_str()
            .unwrap()
            .contains("traditional access to contract C-300 ended on 2026-12-23"),
        "{e}"
    );
    assert!(!can(&a, "carl", "downloadSoftware", line_b, AFTER));
    // On the lines in A, License User keeps everything but RMA after the grace period.
    let line_a = json!({"contract": "C-300", "line": "1"});
    assert!(can(&a, "carl", "downloadSoftware", line_a.clone(), AFTER));
    assert!(can(&a, "carl", "performRma", line_a.clone(), DURING));
    assert!(!can(&a, "carl", "performRma", line_a, AFTER));
}

#[test]
fn sa_and_va_grants_and_unassigned_items() {
    let a = account();
    let e = explain(
        &a,
        "chris",
        "useLicense",
        json!({"license": "L-none"}),
        AFTER,
    );
    assert_eq!(
        e["reasons"],
        json!([{"source": "grant", "grant": {"role": "fullUser"}}])
    );
    assert!(can(
        &a,
        "casper",
        "useLicense",
        json!({"license": "L-B"}),
        AFTER
    ));
    assert!(!can(
        &a,
        "casper",
        "useLicense",
        json!({"license": "L-A"}),
        AFTER
    ));
    let e = explain(
        &a,
        "casper",
        "useLicense",
        json!({"license": "L-none"}),
        AFTER,
    );
    assert_eq!(
        e["allowed"], false,
        "unassigned items are reachable only through SA-scope grants"
    );
    assert!(e["denial"]
        .as_str()
        .unwrap()
        .contains("not assigned to a virtual account"));
    assert!(e["needs"]
        .as_array()
        .unwrap()
        .contains(&json!("licenseUser")));
    // A VA resource: the VA's own grants; SA-level administration is not a VA action.
    assert!(can(&a, "cathy", "performRma", json!({"va": "B"}), AFTER));
    assert!(can(&a, "clara", "manageUsers", json!({"va": "A"}), AFTER));
    let e = explain(&a, "clara", "migrateAccess", json!({"va": "A"}), AFTER);
    assert_eq!(
        e["denial"],
        "migrateAccess is not an action on a virtual account"
    );
    assert!(can(
        &a,
        "clara",
        "migrateAccess",
        json!({"account": "SA-C"}),
        AFTER
    ));
    assert!(!can(
        &a,
        "chris",
        "manageUsers",
        json!({"account": "SA-C"}),
        AFTER
    ));
    assert!(!can(
        &a,
        "casper",
        "manageUsers",
        json!({"license": "L-B"}),
        AFTER
    ));
    // A contract with traditional access: its users reach even unassigned lines.
    assert!(can(
        &a,
        "olga",
        "openCase",
        json!({"contract": "C-301", "line": "1"}),
        AFTER
    ));
    assert!(!can(
        &a,
        "olga",
        "viewAll",
        json!({"contract": "C-301", "line": "1"}),
        AFTER
    ));
}

#[test]
fn devices_need_a_covering_contract_for_rma() {
    let a = account();
    assert!(can(
        &a,
        "cathy",
        "performRma",
        json!({"device": "D-covered"}),
        AFTER
    ));
    let e = explain(
        &a,
        "chris",
        "performRma",
        json!({"device": "D-bare"}),
        AFTER,
    );
    assert_eq!(
        e["allowed"], false,
        "whatever the role, an uncovered device cannot be replaced"
    );
    assert!(e["denial"]
        .as_str()
        .unwrap()
        .contains("not covered by a contract"));
    assert!(can(
        &a,
        "chris",
        "openCase",
        json!({"device": "D-bare"}),
        AFTER
    ));
    // Carl reaches the covered device in B through the contract, during grace only.
    assert!(can(
        &a,
        "carl",
        "performRma",
        json!({"device": "D-covered"}),
        DURING
    ));
    assert!(!can(
        &a,
        "carl",
        "performRma",
        json!({"device": "D-covered"}),
        AFTER
    ));
}

#[test]
fn admin_contacts_only_within_the_organisation() {
    let a = account();
    let account_ref = json!({"account": "SA-C"});
    let e = explain(&a, "cathy", "viewAdminContacts", account_ref.clone(), AFTER);
    assert_eq!(
        e["reasons"],
        json!([{"source": "organization", "org": "example-c.com"}])
    );
    let e = explain(&a, "pat", "viewAdminContacts", account_ref.clone(), AFTER);
    assert_eq!(
        e["allowed"], false,
        "a partner with an SA role never sees admin contacts"
    );
    assert_eq!(
        e["denial"],
        "administrator contacts are shown only to users of example-c.com; pat is from partner.net"
    );
    assert!(
        can(&a, "pat", "viewAll", json!({"license": "L-A"}), AFTER),
        "the partner's role still works"
    );
    let e = explain(&a, "olga", "viewAdminContacts", account_ref, AFTER);
    assert_eq!(e["denial"], "olga holds no role in this Smart Account");
}

#[test]
fn order_shares_give_user_view_access() {
    let a = account();
    // Shared to Zed's e-mail (compared without case); Zed has no role at all.
    let e = explain(&a, "zed", "viewAll", json!({"order": "O-1"}), AFTER);
    assert_eq!(
        e["reasons"],
        json!([{"source": "orderShare", "order": "O-1", "lines": null, "recipient": "email"}])
    );
    assert!(can(
        &a,
        "zed",
        "downloadSoftware",
        json!({"order": "O-1", "line": "2"}),
        AFTER
    ));
    assert!(can(&a, "zed", "useLicense", json!({"order": "O-1"}), AFTER));
    let e = explain(&a, "zed", "performRma", json!({"order": "O-1"}), AFTER);
    assert_eq!(e["allowed"], false);
    assert!(!can(&a, "zed", "viewAll", json!({"order": "O-2"}), AFTER));
    // A share of some lines: those lines only.
    assert!(can(
        &a,
        "olga",
        "viewAll",
        json!({"order": "O-2", "line": "1"}),
        AFTER
    ));
    assert!(!can(
        &a,
        "olga",
        "viewAll",
        json!({"order": "O-2", "line": "2"}),
        AFTER
    ));
    assert!(!can(&a, "olga", "viewAll", json!({"order": "O-2"}), AFTER));
    // Roles reach orders too: every line of O-1 is in B.
    assert!(can(&a, "casper", "viewAll", json!({"order": "O-1"}), AFTER));
    assert!(!can(&a, "carl", "viewAll", json!({"order": "O-2"}), AFTER));
}

#[test]
fn access_lists_every_source() {
    let a = account();
    let carl = theirs(&a.user_access(
        a.user_index("carl").unwrap(),
        smart_access::model::date::IsoDate::parse(DURING).unwrap(),
    ));
    assert_eq!(carl["sa"], Value::Null);
    assert_eq!(carl["vas"]["A"]["role"], "licenseUser");
    assert_eq!(
        carl["contracts"],
        json!([{"contract": "C-300", "line": "1", "actions": ["downloadSoftware", "openCase", "orderUpgrade", "performRma"], "graceEndsOn": "2026-12-23"}])
    );
    assert_eq!(carl["viewAdminContacts"], true);
    let after = theirs(&a.user_access(
        a.user_index("carl").unwrap(),
        smart_access::model::date::IsoDate::parse(AFTER).unwrap(),
    ));
    assert_eq!(after["contracts"], json!([]));
    let chris = theirs(&a.user_access(
        a.user_index("chris").unwrap(),
        smart_access::model::date::IsoDate::parse(AFTER).unwrap(),
    ));
    assert_eq!(chris["sa"]["role"], "fullUser");
    assert_eq!(chris["unassigned"]["role"], "fullUser");
    assert_eq!(chris["vas"].as_object().unwrap().len(), 2);
    let zed = theirs(&a.user_access(
        a.user_index("zed").unwrap(),
        smart_access::model::date::IsoDate::parse(AFTER).unwrap(),
    ));
    assert_eq!(
        zed["orderShares"],
        json!([{"order": "O-1", "lines": null, "actions": ["downloadSoftware", "viewAll", "useLicense"]}])
    );
    assert_eq!(zed["viewAdminContacts"], false);
}

#[test]
fn batch_answers_many_and_errors_point_into_the_question() {
    let a = account();
    let answers = a
        .can_many_text(&ours(&json!([
            {"user": "carl", "action": "performRma", "resource": {"contract": "C-300", "line": "2"}, "on": DURING},
            {"user": "carl", "action": "performRma", "resource": {"contract": "C-300", "line": "2"}, "on": AFTER},
            {"user": "zed", "action": "viewAll", "resource": {"order": "O-1"}, "on": AFTER}
        ])), None)
        .unwrap();
    assert_eq!(answers, [true, false, true]);
    let e = a
        .can_many_text(&ours(&json!([{"user": "carl", "action": "viewAll", "resource": {"va": "A"}, "on": AFTER}, {"user": "carl", "action": "fly", "resource": {"va": "A"}, "on": AFTER}])), None)
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_ACTION", "/1/action")
    );
    // A question or a resource is an object: serde's derive would read an array as the
    // fields in order, and answer it.
    for (questions, path) in [
        (json!([["carl", "viewAll", {"va": "A"}, AFTER]]), "/0"),
        (
            json!([{"user": "carl", "action": "viewAll", "resource": ["SA-C"], "on": AFTER}]),
            "/0/resource",
        ),
    ] {
        let e = a.can_many_text(&ours(&questions), None).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_VALUE", path));
        assert_eq!(e.message, "invalid type: sequence, expected an object");
    }
    let err = |q: Value| {
        let e = a.question_text(&ours(&q), None).unwrap_err();
        (e.code.as_str().to_owned(), e.path)
    };
    let q = |user: &str, action: &str, resource: Value, on: &str| json!({"user": user, "action": action, "resource": resource, "on": on});
    assert_eq!(
        err(q("nobody", "viewAll", json!({"va": "A"}), AFTER)),
        ("UNKNOWN_REFERENCE".into(), "/user".into())
    );
    assert_eq!(
        err(q("carl", "viewAll", json!({"license": "L-9"}), AFTER)),
        ("UNKNOWN_REFERENCE".into(), "/resource/license".into())
    );
    assert_eq!(
        err(q(
            "carl",
            "viewAll",
            json!({"contract": "C-300", "line": "9"}),
            AFTER
        )),
        ("UNKNOWN_REFERENCE".into(), "/resource/line".into())
    );
    assert_eq!(
        err(q("carl", "viewAll", json!({"contract": "C-300"}), AFTER)),
        ("INVALID_VALUE".into(), "/resource/line".into())
    );
    assert_eq!(
        err(q(
            "carl",
            "viewAll",
            json!({"va": "A", "license": "L-A"}),
            AFTER
        )),
        ("INVALID_VALUE".into(), "/resource".into())
    );
    assert_eq!(
        err(q("carl", "viewAll", json!({"account": "SA-X"}), AFTER)),
        ("UNKNOWN_REFERENCE".into(), "/resource/account".into())
    );
    assert_eq!(
        err(q("carl", "viewAll", json!({"va": "A"}), "2026-02-30")),
        ("INVALID_DATE".into(), "/on".into())
    );
}

#[test]
fn inventory_is_validated_on_load() {
    let mut v: Value = json(&fixture("resolution", "account.json"));
    v["devices"][1]["contract"] = json!("C-9");
    let e = Account::from_json_str(&ours(&v)).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_REFERENCE", "/devices/1/contract")
    );
    let mut v: Value = json(&fixture("resolution", "account.json"));
    v["orderShares"][1]["lines"] = json!(["7"]);
    let e = Account::from_json_str(&ours(&v)).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_REFERENCE", "/orderShares/1/lines/0")
    );
    let mut v: Value = json(&fixture("resolution", "account.json"));
    v["licenses"][1]["id"] = json!("L-A");
    let e = Account::from_json_str(&ours(&v)).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("DUPLICATE_ID", "/licenses/1/id")
    );
}

/// Every question about the resolution fixture: each user, action and resource, on a date
/// before, during and after the grace period.
fn every_question() -> Vec<Value> {
    let data = json(&fixture("resolution", "account.json"));
    let ids = |key: &str| -> Vec<String> {
        data[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut resources = vec![json!({"account": data["id"]})];
    resources.extend(ids("virtualAccounts").iter().map(|v| json!({"va": v})));
    resources.extend(ids("licenses").iter().map(|l| json!({"license": l})));
    resources.extend(ids("devices").iter().map(|d| json!({"device": d})));
    for (key, kind) in [("contracts", "contract"), ("orders", "order")] {
        for item in data[key].as_array().unwrap() {
            if kind == "order" {
                resources.push(json!({ kind: item["id"] }));
            }
            for line in item["lines"].as_array().unwrap() {
                resources.push(json!({ kind: item["id"], "line": line["id"] }));
            }
        }
    }
    let mut questions = Vec::new();
    for user in ids("users") {
        for action in smart_access::model::catalog::Action::ALL {
            for resource in &resources {
                for on in ["2026-11-01", DURING, AFTER] {
                    questions.push(
                        json!({"user": user, "action": action.id(), "resource": resource, "on": on}),
                    );
                }
            }
        }
    }
    questions
}

/// `can` stops at the first source of access and builds no text; it must still give the
/// same answer as `explain` for every question.
#[test]
fn can_agrees_with_explain_on_every_question() {
    let a = account();
    let (mut allowed, mut denied) = (0, 0);
    for q in every_question() {
        let question = a.question_text(&ours(&q), None).unwrap();
        let explained = a.explain(&question).allowed;
        assert_eq!(a.decide(&question), explained, "{q}");
        if explained {
            allowed += 1
        } else {
            denied += 1
        }
    }
    // The fixture exercises both answers, many times over.
    assert!(
        allowed > 100 && denied > 100,
        "{allowed} allowed, {denied} denied"
    );
}

/// Many questions in one call answer as the same questions one by one, and the first bad
/// one gives its code and its path in the list.
#[test]
fn questions_in_bulk_answer_as_one_by_one() {
    let a = account();
    let questions = every_question();
    let text = Value::Array(questions.clone()).to_string();
    let one_by_one: Vec<bool> = questions
        .iter()
        .map(|q| a.decide(&a.question_text(&ours(q), None).unwrap()))
        .collect();
    assert_eq!(a.can_many_text(&text, None).unwrap(), one_by_one);
    // `on` left out or null: the caller's date; an escaped id reads the same.
    let q = |on: Value| json!([{"user": "carl", "action": "performRma", "resource": {"contract": "C-300", "line": "2"}, "on": on}]);
    let mut left_out = q(Value::Null);
    left_out[0].as_object_mut().unwrap().remove("on");
    for (today, answer) in [(DURING, true), (AFTER, false)] {
        let today = IsoDate::parse(today);
        assert_eq!(
            a.can_many_text(&left_out.to_string(), today).unwrap(),
            [answer]
        );
        assert_eq!(
            a.can_many_text(&q(Value::Null).to_string(), today).unwrap(),
            [answer]
        );
    }
    let escaped = r#"[{"user": "c\u0061rl", "action": "performRma", "resource": {"contract": "C-300", "line": "2"}, "on": "2026-11-30"}]"#;
    assert_eq!(
        a.can_many_text(escaped, IsoDate::parse(AFTER)).unwrap(),
        [true]
    );
    let ok = r#"{"user": "carl", "action": "viewAll", "resource": {"va": "A"}}"#;
    for (bad, code, path) in [
        (
            r#"{"user": "nobody", "action": "viewAll", "resource": {"va": "A"}}"#,
            "UNKNOWN_REFERENCE",
            "/1/user",
        ),
        (
            r#"{"user": "carl", "action": "fly", "resource": {"va": "A"}}"#,
            "UNKNOWN_ACTION",
            "/1/action",
        ),
        (
            r#"{"user": "carl", "action": "viewAll", "resource": {"va": "A", "contract": "C-300"}}"#,
            "INVALID_VALUE",
            "/1/resource",
        ),
        (
            r#"{"user": "carl", "action": "viewAll", "resource": {"va": "A", "contract": 5}}"#,
            "INVALID_VALUE",
            "/1/resource/contract",
        ),
        (
            r#"{"user": "carl", "action": "viewAll", "resource": {"va": "A"}, "when": 1}"#,
            "INVALID_VALUE",
            "/1/when",
        ),
        (
            r#"{"user": "carl", "action": "viewAll", "resource": {"va": "A"}, "on": "2026-02-30"}"#,
            "INVALID_DATE",
            "/1/on",
        ),
        (
            r#"{"user": "carl", "action": "viewAll", "resource": {"contract": "C-300", "line": "99"}}"#,
            "UNKNOWN_REFERENCE",
            "/1/resource/line",
        ),
        (
            r#"{"action": "viewAll", "resource": {"va": "A"}}"#,
            "INVALID_VALUE",
            "/1/user",
        ),
    ] {
        let e = a
            .can_many_text(&format!("[{ok}, {bad}]"), IsoDate::parse(DURING))
            .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            (code, path),
            "{bad}: {e}"
        );
    }
    // No `on` and no date from the caller.
    let e = a.can_many_text(&format!("[{ok}]"), None).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("INVALID_VALUE", "/0/on")
    );
    let e = a.can_many_text("[{", IsoDate::parse(DURING)).unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_JSON");
    let e = a
        .can_many_text(r#"{"user": "carl"}"#, IsoDate::parse(DURING))
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_VALUE", ""));
}

/// `can` and `explain` in the JS API take the question in parts: the same answer as the
/// question object, and errors point where they would in the question object.
#[test]
fn questions_from_parts_agree_with_question_objects() {
    let a = account();
    let resource = |text: &str| -> Resource<'static> {
        from_json_text::<Resource>(text).unwrap().into_owned()
    };
    for q in every_question() {
        let whole = a.question_text(&ours(&q), None).unwrap();
        let parts = a
            .question_from_parts(
                q["user"].as_str().unwrap(),
                q["action"].as_str().unwrap(),
                &resource(&q["resource"].to_string()),
                IsoDate::parse(q["on"].as_str().unwrap()).unwrap(),
            )
            .unwrap();
        assert_eq!(a.explain(&parts).allowed, a.explain(&whole).allowed, "{q}");
        assert_eq!(
            format!("{:?}", parts.resource),
            format!("{:?}", whole.resource)
        );
    }
    let during = IsoDate::parse(DURING).unwrap();
    for (user, action, res, code, path) in [
        (
            "carl",
            "viewAll",
            r#"{"contract": "C-300", "line": "99"}"#,
            "UNKNOWN_REFERENCE",
            "/resource/line",
        ),
        (
            "carl",
            "viewAll",
            r#"{"va": "Z"}"#,
            "UNKNOWN_REFERENCE",
            "/resource/va",
        ),
        (
            "carl",
            "viewAll",
            r#"{"va": ""}"#,
            "INVALID_VALUE",
            "/resource/va",
        ),
        ("carl", "viewAll", r#"{}"#, "INVALID_VALUE", "/resource"),
        (
            "nobody",
            "viewAll",
            r#"{"va": "A"}"#,
            "UNKNOWN_REFERENCE",
            "/user",
        ),
        ("carl", "fly", r#"{"va": "A"}"#, "UNKNOWN_ACTION", "/action"),
    ] {
        let e = a
            .question_from_parts(user, action, &resource(res), during)
            .unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), (code, path), "{res}");
    }
}

fn who_can(a: &Account, action: &str, resource: Value, on: &str) -> Value {
    let text = resource.to_string();
    let resource: Resource = from_json_text(&text).unwrap();
    let on = IsoDate::parse(on).unwrap();
    theirs(&a.who_can_parts(action, &resource, on).unwrap())
}

fn users(who: &Value) -> Vec<&str> {
    who.as_array()
        .unwrap()
        .iter()
        .map(|w| w["user"].as_str().unwrap())
        .collect()
}

#[test]
fn who_can_perform_an_rma_on_a_covered_device_during_and_after_the_grace_period() {
    let a = account();
    let device = json!({"device": "D-covered"});
    let during = who_can(&a, "performRma", device.clone(), DURING);
    // SA admin and SA Full User anywhere; Cathy as Full User of B (the device's VA) and as a
    // user of the covering contract; Carl only through the contract, in its grace period.
    assert_eq!(users(&during), ["clara", "chris", "carl", "cathy"]);
    assert_eq!(
        during[2]["reasons"],
        json!([{"source": "contract", "contract": "C-300", "graceEndsOn": "2026-12-23"}])
    );
    assert_eq!(
        during[3]["reasons"].as_array().unwrap().len(),
        2,
        "{during}"
    );
    let after = who_can(&a, "performRma", device, AFTER);
    assert_eq!(users(&after), ["clara", "chris", "cathy"]);
    assert_eq!(after[2]["reasons"].as_array().unwrap().len(), 1, "{after}");
    // Nobody replaces a device no contract covers, whatever their role.
    assert!(users(&who_can(
        &a,
        "performRma",
        json!({"device": "D-bare"}),
        DURING
    ))
    .is_empty());
}

#[test]
fn who_can_reaches_order_shares_and_the_organisation_rule() {
    let a = account();
    // Olga has no role: only the share of line 1 of O-2 gives her the license.
    let line = who_can(
        &a,
        "useLicense",
        json!({"order": "O-2", "line": "1"}),
        DURING,
    );
    assert_eq!(users(&line), ["clara", "chris", "carl", "cathy", "olga"]);
    assert_eq!(line[4]["reasons"][0]["source"], "orderShare");
    let whole = who_can(&a, "useLicense", json!({"order": "O-2"}), DURING);
    assert!(!users(&whole).contains(&"olga"), "{whole}");
    // Administrator contacts: users with a role, of the SA's organisation (not Pat, a viewer
    // from a partner, nor Zed and Olga, who have none).
    let contacts = who_can(&a, "viewAdminContacts", json!({"account": "SA-C"}), DURING);
    assert_eq!(
        users(&contacts),
        ["clara", "chris", "casper", "carl", "cathy"]
    );
}

#[test]
fn who_can_agrees_with_can_for_every_user_action_and_resource() {
    let a = account();
    let resources = [
        json!({"account": "SA-C"}),
        json!({"va": "A"}),
        json!({"contract": "C-300", "line": "1"}),
        json!({"contract": "C-301", "line": "1"}),
        json!({"license": "L-none"}),
        json!({"device": "D-covered"}),
        json!({"order": "O-1"}),
        json!({"order": "O-1", "line": "2"}),
    ];
    for action in smart_access::model::catalog::Action::ALL {
        for resource in &resources {
            for on in [DURING, AFTER] {
                let who = who_can(&a, action.id(), resource.clone(), on);
                let expected: Vec<&str> = a
                    .snapshot()
                    .users
                    .iter()
                    .map(|u| &*u.id)
                    .filter(|u| can(&a, u, action.id(), resource.clone(), on))
                    .collect();
                assert_eq!(users(&who), expected, "{action:?} {resource} {on}");
                for w in who.as_array().unwrap() {
                    let e = explain(
                        &a,
                        w["user"].as_str().unwrap(),
                        action.id(),
                        resource.clone(),
                        on,
                    );
                    assert_eq!(w["reasons"], e["reasons"]);
                }
            }
        }
    }
}

#[test]
fn who_can_refuses_unknown_actions_and_resources_with_their_path() {
    let a = account();
    let resource: Resource = from_json_text(r#"{"device":"D-none"}"#).unwrap();
    let on = IsoDate::parse(DURING).unwrap();
    let e = a.who_can_parts("performRma", &resource, on).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_REFERENCE", "/resource/device")
    );
    let e = a.who_can_parts("fly", &resource, on).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_ACTION", "/action")
    );
}
