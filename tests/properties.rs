//! Property tests over random accounts and requests (SPEC §4 invariants).
#![cfg(not(target_arch = "wasm32"))]
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use smart_access::account::GrantKey;
use smart_access::catalog::{ActionSet, Role};
use smart_access::grants::normalise;
use smart_access::{Account, MigrationRequest};

/// splitmix64: a tiny deterministic generator driven by proptest's seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const ROLES: [&str; 7] = [
    "admin",
    "approver",
    "viewer",
    "user",
    "licenseUser",
    "serviceUser",
    "fullUser",
];

/// A random, valid account and a request that passes the request checks (contracts may
/// still be rejected one by one). Unknown fields are sprinkled in to check they survive.
fn generate(seed: u64) -> (Value, Value) {
    let mut r = Rng(seed);
    let vas = 1 + r.below(4);
    let users = 2 + r.below(7);
    let contracts = r.below(4);
    let va_id = |i: usize| format!("V{i}");
    let migrated = r.chance(30);
    let mut user_list = Vec::new();
    for u in 0..users {
        let mut grants: Vec<Value> = Vec::new();
        let mut seen = Vec::new();
        if u == 0 {
            grants.push(json!({"role": "admin"}));
            seen.push(("admin".to_string(), None));
        }
        for _ in 0..r.below(4) {
            let role = ROLES[r.below(ROLES.len())];
            let scope = if role == "approver" || r.chance(35) {
                None
            } else {
                Some(va_id(r.below(vas)))
            };
            if role == "admin" && scope.is_none() && r.chance(70) {
                continue;
            }
            if seen.contains(&(role.to_string(), scope.clone())) {
                continue;
            }
            seen.push((role.to_string(), scope.clone()));
            let mut g = match &scope {
                Some(va) => json!({"role": role, "va": va}),
                None => json!({"role": role}),
            };
            if r.chance(10) {
                g["source"] = json!("sync");
            }
            grants.push(g);
        }
        let mut user = json!({"id": format!("u{u}"), "name": format!("User {u}"), "org": "corp.example", "grants": grants});
        if r.chance(10) {
            user["x-team"] = json!({"k": u});
        }
        user_list.push(user);
    }
    let mut contract_list = Vec::new();
    for c in 0..contracts {
        let lines: Vec<Value> = (0..r.below(4))
            .map(|l| json!({"id": format!("{l}"), "va": if r.chance(90) { json!(va_id(r.below(vas))) } else { Value::Null }}))
            .collect();
        let pick = |r: &mut Rng, p: u64| -> Vec<String> {
            (0..users)
                .filter(|_| r.chance(p))
                .map(|u| format!("u{u}"))
                .collect()
        };
        let mut admins = pick(&mut r, 20);
        if r.chance(80) && !admins.contains(&"u0".to_string()) {
            admins.push("u0".into());
        }
        let smart = r.chance(15);
        contract_list.push(json!({
            "id": format!("C{c}"), "kind": if r.chance(50) { "service" } else { "subscription" },
            "access": if smart { "smart" } else { "traditional" },
            "migratedOn": if smart { json!("2026-11-10") } else { Value::Null },
            "administrators": admins, "users": pick(&mut r, 45), "lines": lines,
            "renewal": "keep-me"
        }));
    }
    let account = json!({
        "id": "SA", "name": "Random", "org": "corp.example",
        "smartAccessMigratedOn": if migrated { json!("2026-01-01") } else { Value::Null },
        "virtualAccounts": (0..vas).map(|i| json!({"id": va_id(i), "name": format!("VA {i}")})).collect::<Vec<_>>(),
        "users": user_list, "contracts": contract_list.clone(), "extra": [1, 2, 3]
    });
    let named: Vec<&Value> = contract_list.iter().filter(|_| r.chance(70)).collect();
    let mut request = json!({"actor": "u0", "on": "2026-11-23"});
    if !migrated {
        request["smartAccessRole"] = json!(if r.chance(50) {
            "licenseUser"
        } else {
            "fullUser"
        });
    }
    if !named.is_empty() {
        request["contracts"] = json!(named.iter().map(|c| c["id"].clone()).collect::<Vec<_>>());
        request["contractRole"] = json!(if r.chance(50) {
            "serviceUser"
        } else {
            "fullUser"
        });
        let mut exclude = serde_json::Map::new();
        for c in &named {
            let out: Vec<Value> = c["users"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|_| r.chance(25))
                .cloned()
                .collect();
            if !out.is_empty() {
                exclude.insert(c["id"].as_str().unwrap().to_owned(), Value::Array(out));
            }
        }
        request["exclude"] = Value::Object(exclude);
    } else if migrated {
        // Nothing left to ask for: name every contract anyway (they may all be rejected).
        request["contracts"] = json!(contract_list
            .iter()
            .map(|c| c["id"].clone())
            .collect::<Vec<_>>());
        request["contractRole"] = json!("serviceUser");
    }
    (account, request)
}

fn run(account: &Value, request: &Value) -> Option<(Account, MigrationRequest)> {
    let account = Account::from_value(account).unwrap();
    let request = MigrationRequest::from_value(request).unwrap();
    match account.preview(&request) {
        Ok(_) => Some((account, request)),
        Err(e) if e.code.as_str() == "EMPTY_REQUEST" => None,
        Err(e) => panic!("generated request refused: {e}"),
    }
}

fn keys(account: &Account, list: &Value) -> Vec<GrantKey> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|g| GrantKey {
            role: Role::from_id(g["role"].as_str().unwrap()).unwrap(),
            va: g["va"].as_str().map(|v| account.va_index(v).unwrap()),
        })
        .collect()
}

/// Role-given actions at SA scope (index None) and at each VA.
fn role_actions(grants: &[GrantKey], va: Option<usize>) -> ActionSet {
    grants
        .iter()
        .filter(|g| g.va.is_none() || g.va == va)
        .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()))
}

fn final_grants(account_json: &Value) -> Vec<(String, Vec<String>)> {
    let account = Account::from_value(account_json).unwrap();
    account_json["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let mut k = keys(&account, u.get("grants").unwrap_or(&json!([])));
            k.sort();
            (
                u["id"].as_str().unwrap().to_owned(),
                k.iter().map(|g| format!("{g:?}")).collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn migration_never_removes_a_role_given_action(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        let Some((account, request)) = run(&a, &r) else { return Ok(()) };
        let p = preview_value(&account, &request);
        for u in p["users"].as_array().unwrap() {
            let before = keys(&account, &u["before"]);
            let after = keys(&account, &u["after"]);
            for scope in std::iter::once(None).chain((0..account.va_count()).map(Some)) {
                prop_assert!(role_actions(&after, scope).is_superset(role_actions(&before, scope)),
                    "user {} lost actions at {:?}: {:?} -> {:?}", u["id"], scope, before, after);
            }
            // No grant appears at a VA where the user had no grant and no contract line.
            for g in after.iter().filter(|g| g.va.is_some() && !before.iter().any(|b| b.va == g.va)) {
                let va = account.va_id(g.va.unwrap());
                let reached = a["contracts"].as_array().unwrap().iter().any(|c| {
                    c["users"].as_array().unwrap().iter().any(|x| *x == u["id"])
                        && c["lines"].as_array().unwrap().iter().any(|l| l["va"] == va)
                });
                prop_assert!(reached, "user {} got a grant at {va} from nowhere", u["id"]);
            }
        }
    }

    #[test]
    fn an_excluded_user_gets_nothing_from_that_contract(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        let Some((account, request)) = run(&a, &r) else { return Ok(()) };
        let p = preview_value(&account, &request);
        for c in p["contracts"].as_array().unwrap().iter().filter(|c| c["status"] == "migrated") {
            for ex in c["excluded"].as_array().unwrap() {
                prop_assert!(!c["users"].as_array().unwrap().contains(ex));
                // Excluding a user is the same, for their grants, as them not being a contract user.
                let mut a2 = a.clone();
                let ci = a2["contracts"].as_array().unwrap().iter().position(|x| x["id"] == c["id"]).unwrap();
                a2["contracts"][ci]["users"].as_array_mut().unwrap().retain(|x| x != ex);
                let mut r2 = r.clone();
                r2["exclude"][c["id"].as_str().unwrap()].as_array_mut().unwrap().retain(|x| x != ex);
                let (account2, request2) = run(&a2, &r2).unwrap();
                let p2 = preview_value(&account2, &request2);
                prop_assert_eq!(&user(&p, ex.as_str().unwrap())["after"], &user(&p2, ex.as_str().unwrap())["after"]);
            }
        }
    }

    #[test]
    fn one_contract_at_a_time_ends_like_one_bulk_request(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        let Some((account, request)) = run(&a, &r) else { return Ok(()) };
        let bulk = serde_json::to_value(account.apply(&request).unwrap()).unwrap();

        let named: Vec<Value> = r.get("contracts").and_then(Value::as_array).cloned().unwrap_or_default();
        let mut state = a.clone();
        let mut steps: Vec<Value> = Vec::new();
        if let Some(role) = r.get("smartAccessRole") {
            steps.push(json!({"actor": "u0", "on": "2026-11-23", "smartAccessRole": role}));
        }
        for c in &named {
            let mut step = json!({"actor": "u0", "on": "2026-11-23", "contracts": [c], "contractRole": r["contractRole"]});
            if let Some(ex) = r["exclude"].get(c.as_str().unwrap()) {
                step["exclude"] = json!({ c.as_str().unwrap(): ex });
            }
            steps.push(step);
        }
        for step in steps {
            let acc = Account::from_value(&state).unwrap();
            let req = MigrationRequest::from_value(&step).unwrap();
            state = serde_json::to_value(acc.apply(&req).unwrap()).unwrap()["account"].clone();
        }
        prop_assert_eq!(final_grants(&state), final_grants(&bulk["account"]));
        prop_assert_eq!(&state["contracts"], &bulk["account"]["contracts"]);
    }

    #[test]
    fn normalising_twice_changes_nothing(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        let account = Account::from_value(&a).unwrap();
        // On the input's own grants, and on every migrated user's result.
        for u in a["users"].as_array().unwrap() {
            let once = normalise(&keys(&account, &u["grants"]), account.va_count(), &mut Vec::new());
            let mut log = Vec::new();
            prop_assert_eq!(&normalise(&once, account.va_count(), &mut log), &once);
            prop_assert!(log.is_empty());
        }
        let Some((account, request)) = run(&a, &r) else { return Ok(()) };
        let p = preview_value(&account, &request);
        for u in p["users"].as_array().unwrap().iter().filter(|u| !u["resolution"].as_array().unwrap().is_empty()) {
            let after = keys(&account, &u["after"]);
            let mut log = Vec::new();
            prop_assert_eq!(normalise(&after, account.va_count(), &mut log), after);
            prop_assert!(log.is_empty());
        }
    }

    #[test]
    fn same_input_same_bytes(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        if run(&a, &r).is_none() { return Ok(()) }
        let (a_text, r_text) = (a.to_string(), r.to_string());
        let first = smart_access::preview_json(&a_text, &r_text).unwrap();
        prop_assert_eq!(&first, &smart_access::preview_json(&a_text, &r_text).unwrap());
        // The same account pretty-printed, and written back by the engine, gives the same bytes.
        let pretty = serde_json::to_string_pretty(&a).unwrap();
        prop_assert_eq!(&first, &smart_access::preview_json(&pretty, &r_text).unwrap());
        let written = smart_access::account_json(&Account::from_json_str(&a_text).unwrap()).unwrap();
        prop_assert_eq!(&first, &smart_access::preview_json(&written, &r_text).unwrap());
        prop_assert_eq!(
            smart_access::apply_json(&a_text, &r_text).unwrap(),
            smart_access::apply_json(&a_text, &r_text).unwrap()
        );
    }

    #[test]
    fn apply_changes_only_what_the_migration_changes(seed in any::<u64>()) {
        let (a, r) = generate(seed);
        let Some((account, request)) = run(&a, &r) else { return Ok(()) };
        prop_assert_eq!(&serde_json::to_value(account.snapshot()).unwrap(), &a, "read and written back unchanged");
        let p = preview_value(&account, &request);
        let applied = serde_json::to_value(account.apply(&request).unwrap()).unwrap();
        let (mut before, mut after) = (a.clone(), applied["account"].clone());
        if !p["smartAccess"].is_null() {
            prop_assert_eq!(&after["smartAccessMigratedOn"], &json!("2026-11-23"));
            before["smartAccessMigratedOn"] = Value::Null;
            after["smartAccessMigratedOn"] = Value::Null;
        }
        for change in p["submission"]["changes"].as_array().unwrap() {
            let i = a["users"].as_array().unwrap().iter().position(|u| u["id"] == change["user"]).unwrap();
            prop_assert_eq!(&grants(&after["users"][i]["grants"]), &grants(&user(&p, change["user"].as_str().unwrap())["after"]));
            before["users"][i]["grants"] = Value::Null;
            after["users"][i]["grants"] = Value::Null;
        }
        for c in p["submission"]["contracts"].as_array().unwrap() {
            let i = a["contracts"].as_array().unwrap().iter().position(|x| x["id"] == c["id"]).unwrap();
            prop_assert_eq!(&after["contracts"][i]["access"], &json!("smart"));
            for key in ["access", "migratedOn"] {
                before["contracts"][i][key] = Value::Null;
                after["contracts"][i][key] = Value::Null;
            }
        }
        prop_assert_eq!(before, after);
    }
}
