//! Structured input: a small account and request built from arbitrary choices (ids may
//! dangle, dates may be impossible, roles may be unknown), then load, preview, apply and
//! role checks for every user. Valid inputs must keep the spec's promises: apply's account
//! loads again, nobody loses a role-given action, and the preview is the same twice.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use smart_access::{to_json, Account, MigrationRequest};

const ROLES: [&str; 8] = [
    "admin",
    "approver",
    "viewer",
    "user",
    "licenseUser",
    "serviceUser",
    "fullUser",
    "root",
];
const DATES: [&str; 5] = [
    "2026-11-01",
    "2026-11-23",
    "2026-12-23",
    "2026-02-30",
    "soon",
];
const ACTIONS: [&str; 9] = [
    "downloadSoftware",
    "openCase",
    "orderUpgrade",
    "viewAll",
    "performRma",
    "useLicense",
    "manageUsers",
    "viewAdminContacts",
    "fly",
];

#[derive(Arbitrary, Debug)]
struct Input {
    vas: u8,
    migrated: Option<u8>,
    users: Vec<(Vec<(u8, Option<u8>)>, bool)>,
    contracts: Vec<Contract>,
    actor: u8,
    smart_access_role: Option<u8>,
    named: Vec<u8>,
    contract_role: Option<u8>,
    exclude: Vec<(u8, u8)>,
    on: u8,
}

#[derive(Arbitrary, Debug)]
struct Contract {
    smart: Option<u8>,
    admins: Vec<u8>,
    users: Vec<u8>,
    lines: Vec<Option<u8>>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list.get(usize::from(i) % list.len())
        .copied()
        .unwrap_or_default()
}

fn build(input: &Input) -> (Value, Value) {
    let va = |i: u8| format!("V{}", i % 5);
    let user = |i: u8| format!("u{}", i % 9);
    let vas: Vec<Value> = (0..input.vas % 4).map(|i| json!({"id": va(i)})).collect();
    let users: Vec<Value> = input.users.iter().take(8).enumerate().map(|(i, (grants, partner))| {
        let grants: Vec<Value> = grants.iter().take(4).map(|(role, scope)| match scope {
            Some(v) => json!({"role": pick(&ROLES, *role), "va": va(*v)}),
            None => json!({"role": pick(&ROLES, *role)}),
        }).collect();
        json!({"id": format!("u{i}"), "org": if *partner { "partner.example" } else { "corp.example" }, "grants": grants})
    }).collect();
    let contracts: Vec<Value> = input.contracts.iter().take(4).enumerate().map(|(i, c)| json!({
        "id": format!("C{i}"), "kind": "service",
        "access": if c.smart.is_some() { "smart" } else { "traditional" },
        "migratedOn": c.smart.map_or(Value::Null, |d| json!(pick(&DATES, d))),
        "administrators": c.admins.iter().take(3).map(|u| user(*u)).collect::<Vec<_>>(),
        "users": c.users.iter().take(4).map(|u| user(*u)).collect::<Vec<_>>(),
        "lines": c.lines.iter().take(4).enumerate().map(|(l, v)| json!({"id": l.to_string(), "va": v.map(va)})).collect::<Vec<_>>(),
    })).collect();
    let account = json!({
        "id": "SA", "org": "corp.example",
        "smartAccessMigratedOn": input.migrated.map_or(Value::Null, |d| json!(pick(&DATES, d))),
        "virtualAccounts": vas, "users": users, "contracts": contracts,
    });
    let mut request = json!({"actor": user(input.actor), "on": pick(&DATES, input.on)});
    if let Some(r) = input.smart_access_role {
        request["smartAccessRole"] = json!(pick(&ROLES, r));
    }
    if !input.named.is_empty() {
        request["contracts"] = json!(input
            .named
            .iter()
            .take(4)
            .map(|c| format!("C{}", c % 5))
            .collect::<Vec<_>>());
    }
    if let Some(r) = input.contract_role {
        request["contractRole"] = json!(pick(&ROLES, r));
    }
    let mut exclude = serde_json::Map::new();
    for (c, u) in input.exclude.iter().take(3) {
        exclude
            .entry(format!("C{}", c % 5))
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .map(|a| a.push(json!(user(*u))));
    }
    if !exclude.is_empty() {
        request["exclude"] = Value::Object(exclude);
    }
    (account, request)
}

/// Actions at each VA through grants alone (SA grants reach every VA).
fn role_access(account: &Account, user: &str, va: &str) -> Vec<&'static str> {
    ACTIONS
        .iter()
        .copied()
        .filter(|action| {
            let q =
                json!({"user": user, "action": action, "resource": {"va": va}, "on": "2027-06-01"});
            account
                .question_text(&ours(&q), None)
                .is_ok_and(|q| account.decide(&q))
        })
        .collect()
}

/// The test's JSON as the text the engine reads.
fn ours(v: &Value) -> String {
    v.to_string()
}

fuzz_target!(|input: Input| {
    let (a, r) = build(&input);
    let Ok(account) = Account::from_json_str(&ours(&a)) else {
        return;
    };
    let Ok(request) = MigrationRequest::from_json_str(&ours(&r)) else {
        return;
    };
    let Ok(preview) = account.preview(&request) else {
        return;
    };
    let preview = to_json(&preview);
    assert_eq!(
        Some(preview),
        account.preview(&request).ok().map(|p| to_json(&p))
    );
    let applied: Value = serde_json::from_str(&to_json(
        &account.apply(&request).expect("apply follows a preview"),
    ))
    .expect("the engine writes JSON");
    let after =
        Account::from_json_str(&ours(&applied["account"])).expect("the migrated account loads");
    for u in a["users"].as_array().into_iter().flatten() {
        let id = u["id"].as_str().unwrap_or_default();
        for v in a["virtualAccounts"].as_array().into_iter().flatten() {
            let v = v["id"].as_str().unwrap_or_default();
            let (before, now) = (role_access(&account, id, v), role_access(&after, id, v));
            assert!(
                before.iter().all(|x| now.contains(x)),
                "{id} lost {before:?} -> {now:?} at {v}"
            );
        }
        for action in ACTIONS {
            let q = json!({"user": id, "action": action, "resource": {"account": "SA"}, "on": "2026-11-30"});
            if let Ok(q) = after.question_text(&ours(&q), None) {
                assert_eq!(after.decide(&q), after.explain(&q).allowed);
            }
        }
    }
});
