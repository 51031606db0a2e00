//! The three worked examples of SPEC §5, exactly, plus apply on them.
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

#[test]
fn example_a() {
    let (account, request) = example("example-a");
    let p = preview_value(&account, &request);
    assert_eq!(after(&p, "ava"), ["admin@SA"]);
    assert_eq!(after(&p, "alice"), ["licenseUser@SA"]);
    assert_eq!(after(&p, "aaron"), ["licenseUser@A"]);
    assert_eq!(after(&p, "alex"), ["serviceUser@A"]);
    assert_eq!(
        p["smartAccess"],
        json(r#"{"role":"licenseUser","affectedUsers":2}"#)
    );
    assert_eq!(p["graceEndsOn"], "2026-12-23");
}

#[test]
fn example_b() {
    let (account, request) = example("example-b");
    let p = preview_value(&account, &request);
    assert_eq!(after(&p, "bill"), ["admin@SA"]);
    assert_eq!(after(&p, "brian"), ["fullUser@A", "serviceUser@B"]);
    assert_eq!(after(&p, "betty"), ["fullUser@B"]);
    assert_eq!(after(&p, "ben"), ["serviceUser@A", "serviceUser@B"]);
    assert_eq!(after(&p, "bob"), ["fullUser@SA"]);
    // Bob: the contract's Service User grants are covered by SA Full User.
    let rules: Vec<&str> = user(&p, "bob")["resolution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "smartAccessMigration",
            "contractMigration",
            "subsumption",
            "subsumption"
        ]
    );
}

#[test]
fn example_c_grants_and_collapse() {
    let (account, request) = example("example-c");
    let p = preview_value(&account, &request);
    assert_eq!(after(&p, "clara"), ["admin@SA"]);
    assert_eq!(after(&p, "chris"), ["fullUser@SA"]);
    assert_eq!(after(&p, "casper"), ["licenseUser@B"]);
    assert_eq!(after(&p, "carl"), ["licenseUser@A"]);
    assert_eq!(after(&p, "cathy"), ["fullUser@A", "fullUser@B"]);

    let collapse = user(&p, "chris")["resolution"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(collapse["rule"], "collapse");
    assert_eq!(
        grants(&collapse["took"]),
        ["licenseUser@SA", "fullUser@A", "fullUser@B"]
    );
    assert_eq!(grants(&collapse["gave"]), ["fullUser@SA"]);
    assert_eq!(
        collapse["text"],
        "SA License User + VA Full User for VA A + VA Full User for VA B → SA Full User (Full User on every VA, so Full User for the entire SA)"
    );
    let c = &p["contracts"][0];
    assert_eq!(c["status"], "migrated");
    assert_eq!(c["users"], json(r#"["chris","cathy"]"#));
    assert_eq!(c["excluded"], json(r#"["carl"]"#));
    assert_eq!(c["vas"], json(r#"["A","B"]"#));
}

/// Actions on the contract's lines in one VA: the VA entry (or the SA entry where the user
/// has no grant of that VA) plus traditional access to the contract.
fn on_lines(access: &Value, va: &str, contract: &str) -> Vec<String> {
    let mut set: Vec<String> = Vec::new();
    let scoped = if access["vas"][va].is_object() {
        &access["vas"][va]
    } else {
        &access["sa"]
    };
    if scoped.is_object() {
        set.extend(
            actions(scoped)
                .into_iter()
                .filter(|a| ENTITLEMENT.contains(&a.as_str())),
        );
    }
    if access["contracts"][contract].is_object() {
        set.extend(actions(&access["contracts"][contract]));
    }
    ENTITLEMENT
        .iter()
        .filter(|a| set.iter().any(|s| s == *a))
        .map(|a| a.to_string())
        .collect()
}

#[test]
fn example_c_carl_keeps_traditional_access_only_during_grace() {
    let (account, request) = example("example-c");
    let p = preview_value(&account, &request);
    let carl = user(&p, "carl");
    let during = &carl["access"]["duringGrace"];
    let after_grace = &carl["access"]["afterGrace"];
    assert_eq!(
        on_lines(during, "A", "C-300"),
        ENTITLEMENT,
        "all six actions on the contract's lines in A"
    );
    assert_eq!(
        on_lines(during, "B", "C-300"),
        ["downloadSoftware", "openCase", "orderUpgrade", "performRma"]
    );
    assert_eq!(after_grace["vas"]["A"]["role"], "licenseUser");
    assert!(after_grace["contracts"].as_object().unwrap().is_empty());
    assert_eq!(
        on_lines(after_grace, "A", "C-300"),
        [
            "downloadSoftware",
            "openCase",
            "orderUpgrade",
            "viewAll",
            "useLicense"
        ]
    );
    assert!(on_lines(after_grace, "B", "C-300").is_empty());
    assert_eq!(
        carl["losesAtGraceEnd"],
        json(
            r#"{"vas": [{"va":"A","actions":["performRma"]},
                        {"va":"B","actions":["downloadSoftware","openCase","orderUpgrade","performRma"]}],
                "contracts": [{"contract":"C-300","on":"2026-12-23"}]}"#
        )
    );
    // Before the migration Carl had VA User at A and traditional access to the contract.
    assert_eq!(carl["access"]["before"]["vas"]["A"]["role"], "user");
    assert!(carl["access"]["before"]["contracts"]["C-300"].is_object());
}

#[test]
fn example_c_submission_lists_exact_changes() {
    let (account, request) = example("example-c");
    let p = preview_value(&account, &request);
    let s = &p["submission"];
    assert!(s["transactionId"].as_str().unwrap().starts_with("sa-tx-"));
    assert_eq!(s["smartAccessMigratedOn"], "2026-11-23");
    assert_eq!(
        s["contracts"],
        json(r#"[{"id":"C-300","access":"smart","migratedOn":"2026-11-23"}]"#)
    );
    assert_eq!(
        s["changes"],
        json(
            r#"[{"user":"chris","add":[{"role":"fullUser"}],"remove":[{"role":"user"}]},
                {"user":"casper","add":[{"role":"licenseUser","va":"B"}],"remove":[{"role":"user","va":"B"}]},
                {"user":"carl","add":[{"role":"licenseUser","va":"A"}],"remove":[{"role":"user","va":"A"}]},
                {"user":"cathy","add":[{"role":"fullUser","va":"A"},{"role":"fullUser","va":"B"}],"remove":[]}]"#
        )
    );
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SINGLE_ADMINISTRATOR"]);
}

#[test]
fn untouched_users_keep_before_equal_to_after() {
    let (account, request) = example("example-c");
    let p = preview_value(&account, &request);
    let clara = user(&p, "clara");
    assert_eq!(clara["before"], clara["after"]);
    assert_eq!(clara["resolution"], json("[]"));
    let ids: Vec<&str> = p["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["clara", "chris", "casper", "carl", "cathy"],
        "every user, in input order"
    );
}

#[test]
fn apply_then_again_is_refused_per_step() {
    let (account, request) = example("example-c");
    let applied = theirs(&account.apply(&request).unwrap());
    let next = Account::from_json_str(&ours(&applied["account"])).unwrap();
    assert_eq!(applied["account"]["smartAccessMigratedOn"], "2026-11-23");
    assert_eq!(applied["account"]["contracts"][0]["access"], "smart");
    assert_eq!(
        applied["account"]["contracts"][0]["migratedOn"],
        "2026-11-23"
    );
    let types: Vec<&str> = applied["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "smartAccessMigration",
            "contractAccessMigration",
            "userRolesChanged",
            "userRolesChanged",
            "userRolesChanged",
            "userRolesChanged"
        ]
    );
    for e in applied["events"].as_array().unwrap() {
        assert_eq!(e["transactionId"], applied["transactionId"]);
        assert_eq!(e["actor"], "clara");
        assert_eq!(e["date"], "2026-11-23");
    }

    // The same request again: step 3.1 is done.
    let err = next.apply(&request).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.path.as_str()),
        ("SMART_ACCESS_ALREADY_MIGRATED", "/smartAccessRole")
    );
    // Contracts only: the contract is already migrated.
    let again = MigrationRequest::from_json_str(
        r#"{"actor":"clara","on":"2026-11-24","contracts":["C-300"],"contractRole":"fullUser"}"#,
    )
    .unwrap();
    let p = preview_value(&next, &again);
    assert_eq!(p["contracts"][0]["status"], "rejected");
    assert_eq!(p["contracts"][0]["code"], "ALREADY_MIGRATED");
    assert_eq!(p["graceEndsOn"], Value::Null);
    // After the migration, the post-migration grants are the "before" of the next round.
    assert_eq!(grants(&user(&p, "chris")["before"]), ["fullUser@SA"]);
    // Still inside the grace period of the first run: Carl keeps traditional access.
    assert!(user(&p, "carl")["access"]["before"]["contracts"]["C-300"].is_object());
}

#[test]
fn grace_period_ends_after_thirty_days_exactly() {
    let (account, request) = example("example-c");
    let applied = theirs(&account.apply(&request).unwrap());
    let next = Account::from_json_str(&ours(&applied["account"])).unwrap();
    // Carl has no role at B; a preview request touching nothing but step 3.2 on another day
    // shows his traditional access on that day. Use a request naming the migrated contract.
    let on = |day: &str| {
        let req = MigrationRequest::from_json_str(&format!(
            r#"{{"actor":"clara","on":"{day}","contracts":["C-300"],"contractRole":"fullUser"}}"#
        ))
        .unwrap();
        let p = preview_value(&next, &req);
        user(&p, "carl")["access"]["before"]["contracts"]["C-300"].is_object()
    };
    assert!(on("2026-11-23"), "first day of grace");
    assert!(on("2026-12-22"), "last day of grace");
    assert!(!on("2026-12-23"), "grace ends on migratedOn + 30 days");
}

#[test]
fn apply_keeps_unknown_fields_and_grant_objects() {
    let mut account: Value = json(&fixture("example-c", "account.json"));
    account["portalTag"] = json(r#"{"x":[1,2]}"#);
    account["users"][1]["grants"][0]["grantedBy"] = json(r#""hr-sync""#);
    account["users"][0]["grants"][0]["note"] = json(r#""founder""#);
    account["contracts"][0]["renewal"] = json(r#""2027-01-01""#);
    let loaded = Account::from_json_str(&ours(&account)).unwrap();
    assert_eq!(
        theirs(&loaded.snapshot()),
        account,
        "read and written back unchanged"
    );
    let (_, request) = example("example-c");
    let applied = theirs(&loaded.apply(&request).unwrap());
    let out = &applied["account"];
    assert_eq!(out["portalTag"], account["portalTag"]);
    assert_eq!(out["contracts"][0]["renewal"], "2027-01-01");
    assert_eq!(
        out["users"][0], account["users"][0],
        "Clara is untouched, note and all"
    );
    // Chris's user grant was replaced, so its object (and its unknown field) went with it.
    assert_eq!(out["users"][1]["grants"], json(r#"[{"role":"fullUser"}]"#));
}

/// The engine reads no numbers, so a number in a field it does not know comes back with its
/// exact digits (serde_json's `arbitrary_precision`): no rounding of large integers, nothing
/// out of range. Only the spelling of an exponent is normalised (`E` → `e`, `e999` → `e+999`).
#[test]
fn numbers_in_unknown_fields_come_back_exactly() {
    let written_as =
        r#"{"big":12345678901234567890123,"huge":1e999,"tiny":-0.000E-7,"plain":[0,-1,2.50]}"#;
    let numbers =
        r#"{"big":12345678901234567890123,"huge":1e+999,"tiny":-0.000e-7,"plain":[0,-1,2.50]}"#;
    let text = fixture("example-c", "account.json");
    let text = text.replacen('{', &format!("{{\"x-numbers\":{written_as},"), 1);
    let loaded = Account::from_json_str(&text).unwrap();
    let written = smart_access::account_json(&loaded);
    assert!(written.contains(numbers), "{written}");
    let (_, request) = example("example-c");
    let applied = smart_access::to_json(&loaded.apply(&request).unwrap());
    assert!(applied.contains(numbers), "{applied}");
}

#[test]
fn output_is_byte_identical_for_the_same_input() {
    let entry_points: [fn(&str, &str) -> smart_access::Result<String>; 2] =
        [smart_access::preview_json, smart_access::apply_json];
    for name in ["example-a", "example-b", "example-c"] {
        let (account, request) = (fixture(name, "account.json"), fixture(name, "request.json"));
        for run in entry_points {
            assert_eq!(
                run(&account, &request).unwrap(),
                run(&account, &request).unwrap()
            );
        }
    }
}

/// The preview and the applied migration of each worked example, byte for byte, against the
/// committed `preview.json` and `applied.json` beside it: any change to an output (a field's
/// name, its order, the transaction id) shows here and is made on purpose.
#[test]
fn worked_examples_give_the_committed_bytes() {
    for name in ["example-a", "example-b", "example-c"] {
        let (account, request) = (fixture(name, "account.json"), fixture(name, "request.json"));
        assert_eq!(
            smart_access::preview_json(&account, &request).unwrap(),
            fixture(name, "preview.json"),
            "{name} preview"
        );
        assert_eq!(
            smart_access::apply_json(&account, &request).unwrap(),
            fixture(name, "applied.json"),
            "{name} apply"
        );
    }
}

#[test]
fn transaction_id_depends_on_account_and_request() {
    let (account, request) = example("example-c");
    let id = |a: &Account, r: &MigrationRequest| {
        preview_value(a, r)["submission"]["transactionId"].clone()
    };
    let base = id(&account, &request);
    let mut later = request.clone();
    later.on = smart_access::model::date::IsoDate::parse("2026-11-24");
    assert_ne!(base, id(&account, &later));
    let mut changed: Value = json(&fixture("example-c", "account.json"));
    changed["name"] = json(r#""Renamed""#);
    assert_ne!(
        base,
        id(&Account::from_json_str(&ours(&changed)).unwrap(), &request)
    );
    assert_eq!(base, id(&account, &request));
}

#[test]
fn warnings_for_lone_admin_empty_contract_and_excluded_user_left_with_nothing() {
    let mut account: Value = json(&fixture("example-c", "account.json"));
    account["users"][3]["grants"] = json("[]"); // Carl: contract user only
    let (_, request) = example("example-c");
    let p = preview_value(&Account::from_json_str(&ours(&account)).unwrap(), &request);
    let codes: Vec<(&str, &str)> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap(),
                w["user"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("SINGLE_ADMINISTRATOR", "clara"),
            ("EXCLUDED_USER_KEEPS_NOTHING", "carl")
        ]
    );

    // A second administrator and every user excluded: no lone-admin warning, an empty contract.
    account["users"][1]["grants"] = json(r#"[{"role":"admin"}]"#);
    let req = MigrationRequest::from_json_str(&ours(&json(
        r#"{"actor":"clara","on":"2026-11-23","smartAccessRole":"fullUser","contracts":["C-300"],
            "contractRole":"fullUser","exclude":{"C-300":["chris","carl","cathy"]}}"#,
    )))
    .unwrap();
    let p = preview_value(&Account::from_json_str(&ours(&account)).unwrap(), &req);
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "NO_USERS_TO_MIGRATE",
            "EXCLUDED_USER_KEEPS_NOTHING",
            "EXCLUDED_USER_KEEPS_NOTHING"
        ]
    );
}
