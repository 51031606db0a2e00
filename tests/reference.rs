//! A second, deliberately simple implementation of the migration (SPEC §4), written from
//! the spec and the decisions of docs/decisions.md for clarity, not speed: grants are (role, scope)
//! strings, every rule is a brute-force loop. A differential test runs it and the engine on
//! thousands of random accounts and requests and compares every user's grants and access.
#![cfg(not(target_arch = "wasm32"))]
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;
use common::random::generate;
use common::{ours, theirs, ENTITLEMENT};
use serde_json::{json, Value};
use smart_access::{Account, MigrationRequest};
use std::collections::BTreeSet;

/// `None` is SA scope, `Some(va)` a VA.
type Grant = (String, Option<String>);

const USER_TYPES: [&str; 5] = ["user", "viewer", "licenseUser", "serviceUser", "fullUser"];

/// SPEC §3: what a role gives at a scope.
fn actions(role: &str, sa: bool) -> BTreeSet<&'static str> {
    let mut set: BTreeSet<&str> = match role {
        "admin" => ENTITLEMENT
            .iter()
            .copied()
            .chain(["manageUsers", "assignAssets"])
            .collect(),
        "approver" => ["approveAgreements"].into(),
        "viewer" => ["viewAll"].into(),
        "user" => ["useLicense"].into(),
        "licenseUser" => [
            "downloadSoftware",
            "openCase",
            "orderUpgrade",
            "viewAll",
            "useLicense",
        ]
        .into(),
        "serviceUser" => [
            "downloadSoftware",
            "openCase",
            "orderUpgrade",
            "viewAll",
            "performRma",
        ]
        .into(),
        "fullUser" => ENTITLEMENT.into(),
        other => panic!("unknown role {other}"),
    };
    if role == "admin" && sa {
        set.extend(["migrateAccess", "approveRequests", "approveAgreements"]);
    }
    set
}

fn grant_actions(g: &Grant) -> BTreeSet<&'static str> {
    actions(&g.0, g.1.is_none())
}

/// The user-type role whose actions at this scope are exactly `set`, if any.
fn user_type_for(set: &BTreeSet<&str>, sa: bool) -> Option<&'static str> {
    USER_TYPES.into_iter().find(|r| actions(r, sa) == *set)
}

/// Subsumption, merge and collapse, repeated until nothing changes.
fn normalise(mut grants: BTreeSet<Grant>, vas: &[String]) -> BTreeSet<Grant> {
    loop {
        let before = grants.clone();
        // 1. Drop a grant that another grant covers (wider or equal scope, superset of actions).
        let covered: Vec<Grant> = grants
            .iter()
            .filter(|g| {
                grants.iter().any(|h| {
                    h != *g
                        && (h.1.is_none() || h.1 == g.1)
                        && grant_actions(h).is_superset(&grant_actions(g))
                })
            })
            .cloned()
            .collect();
        for g in covered {
            grants.remove(&g);
        }
        // 2. Merge user-type grants at one scope when a user-type role equals their union.
        let scopes: BTreeSet<Option<String>> = grants.iter().map(|g| g.1.clone()).collect();
        for scope in scopes {
            let group: Vec<Grant> = grants
                .iter()
                .filter(|g| g.1 == scope && USER_TYPES.contains(&g.0.as_str()))
                .cloned()
                .collect();
            let union: BTreeSet<&str> = group.iter().flat_map(grant_actions).collect();
            if group.len() > 1 {
                if let Some(role) = user_type_for(&union, scope.is_none()) {
                    for g in &group {
                        grants.remove(g);
                    }
                    grants.insert((role.to_owned(), scope));
                }
            }
        }
        // 3. Collapse: SA user-type grants plus each VA's give one role R at every VA.
        let user_type = |g: &Grant| USER_TYPES.contains(&g.0.as_str());
        let sa: BTreeSet<&str> = grants
            .iter()
            .filter(|g| user_type(g) && g.1.is_none())
            .flat_map(grant_actions)
            .collect();
        let any_va = grants.iter().any(|g| user_type(g) && g.1.is_some());
        if !sa.is_empty() && any_va {
            let per_va: Vec<Option<&str>> = vas
                .iter()
                .map(|v| {
                    let mut set = sa.clone();
                    set.extend(
                        grants
                            .iter()
                            .filter(|g| user_type(g) && g.1.as_ref() == Some(v))
                            .flat_map(grant_actions),
                    );
                    user_type_for(&set, false)
                })
                .collect();
            if let Some(Some(role)) = per_va.first() {
                if per_va.iter().all(|r| *r == Some(*role)) {
                    grants.retain(|g| !user_type(g));
                    grants.insert((role.to_string(), None));
                }
            }
        }
        if grants == before {
            return grants;
        }
    }
}

fn grants_of(user: &Value) -> BTreeSet<Grant> {
    user.get("grants")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|g| {
                    (
                        g["role"].as_str().unwrap().to_owned(),
                        g["va"].as_str().map(str::to_owned),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

/// The reference migration: every user's grants after it, and the contracts it migrates.
fn reference(account: &Value, request: &Value) -> (Vec<(String, BTreeSet<Grant>)>, Vec<String>) {
    let vas: Vec<String> = account["virtualAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    let actor = request["actor"].as_str().unwrap();
    let mut users: Vec<(String, BTreeSet<Grant>, bool)> = account["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap().to_owned(), grants_of(u), false))
        .collect();
    // Step 3.1: every `user` grant becomes the chosen role at the same scope.
    if let Some(role) = request.get("smartAccessRole").and_then(Value::as_str) {
        for (_, grants, touched) in &mut users {
            let legacy: Vec<Grant> = grants.iter().filter(|g| g.0 == "user").cloned().collect();
            for g in legacy {
                grants.remove(&g);
                grants.insert((role.to_owned(), g.1));
                *touched = true;
            }
        }
    }
    // Step 3.2: each eligible contract gives its users (but the excluded) the role at every
    // VA holding one of its lines.
    let mut migrated = Vec::new();
    for id in strings(&request["contracts"]) {
        let c = account["contracts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str())
            .unwrap();
        let lines = c["lines"].as_array().unwrap();
        let eligible = c["access"] != "smart"
            && strings(&c["administrators"]).iter().any(|a| a == actor)
            && !lines.is_empty()
            && lines.iter().all(|l| l["va"].is_string());
        if !eligible {
            continue;
        }
        migrated.push(id.clone());
        let excluded = strings(&request["exclude"][id.as_str()]);
        let role = request["contractRole"].as_str().unwrap();
        for user in strings(&c["users"])
            .iter()
            .filter(|u| !excluded.contains(u))
        {
            let (_, grants, touched) = users.iter_mut().find(|(u, _, _)| u == user).unwrap();
            for l in lines {
                grants.insert((role.to_owned(), Some(l["va"].as_str().unwrap().to_owned())));
            }
            *touched = true;
        }
    }
    let users = users
        .into_iter()
        .map(|(id, grants, touched)| {
            let grants = if touched {
                normalise(grants, &vas)
            } else {
                grants
            };
            (id, grants)
        })
        .collect();
    (users, migrated)
}

/// What a user can do at a VA through grants alone (SA grants reach every VA).
fn role_access(grants: &BTreeSet<Grant>, va: &str) -> BTreeSet<&'static str> {
    grants
        .iter()
        .filter(|g| g.1.is_none() || g.1.as_deref() == Some(va))
        .flat_map(|g| actions(&g.0, false))
        .collect()
}

#[test]
fn the_engine_agrees_with_the_reference_model() {
    let (mut compared, mut with_changes) = (0, 0);
    for seed in 0..3000u64 {
        let (a, r) = generate(seed);
        let account = Account::from_json_str(&ours(&a)).unwrap();
        let request = MigrationRequest::from_json_str(&ours(&r)).unwrap();
        let applied = match account.apply(&request) {
            Ok(applied) => theirs(&applied),
            Err(e) if e.code.as_str() == "EMPTY_REQUEST" => continue,
            Err(e) => panic!("seed {seed}: {e}"),
        };
        let (expected, migrated) = reference(&a, &r);
        let new = &applied["account"];
        // The same contracts migrate.
        let smart: Vec<String> = new["contracts"]
            .as_array()
            .unwrap()
            .iter()
            .zip(a["contracts"].as_array().unwrap())
            .filter(|(after, before)| after["access"] == "smart" && before["access"] != "smart")
            .map(|(after, _)| after["id"].as_str().unwrap().to_owned())
            .collect();
        let mut sorted = migrated.clone();
        sorted.sort();
        assert_eq!(smart, sorted, "seed {seed}: migrated contracts");
        // Every user ends with the same grants, and so the same access at every VA, for
        // good (after the grace period) and, during it, through the contracts they use.
        let after = Account::from_json_str(&ours(new)).unwrap();
        for ((id, grants), u) in expected.iter().zip(new["users"].as_array().unwrap()) {
            assert_eq!(
                &grants_of(u),
                grants,
                "seed {seed}: grants of {id}\n{a}\n{r}"
            );
            for va in a["virtualAccounts"].as_array().unwrap() {
                let va = va["id"].as_str().unwrap();
                let want = role_access(grants, va);
                for action in ENTITLEMENT.iter().chain(&["manageUsers", "assignAssets"]) {
                    let q = json!({"user": id, "action": action, "resource": {"va": va}, "on": "2027-06-01"});
                    let q = after.question_text(&ours(&q), None).unwrap();
                    assert_eq!(
                        after.decide(&q),
                        want.contains(action),
                        "seed {seed}: {id} {action} at {va}"
                    );
                }
            }
            for c in a["contracts"].as_array().unwrap() {
                let uses = strings(&c["users"]).contains(id);
                for l in c["lines"].as_array().unwrap() {
                    let by_role = l["va"]
                        .as_str()
                        .map(|va| role_access(grants, va))
                        .unwrap_or_else(|| {
                            // An unassigned line is reachable only through SA grants.
                            grants
                                .iter()
                                .filter(|g| g.1.is_none())
                                .flat_map(|g| actions(&g.0, false))
                                .collect()
                        });
                    let q = json!({"user": id, "action": "performRma", "resource": {"contract": c["id"], "line": l["id"]}, "on": "2026-11-23"});
                    let q = after.question_text(&ours(&q), None).unwrap();
                    // During grace every contract user keeps traditional access (RMA among it).
                    assert_eq!(
                        after.decide(&q),
                        uses || by_role.contains("performRma"),
                        "seed {seed}: {id} RMA on {} line {}",
                        c["id"],
                        l["id"]
                    );
                }
            }
        }
        compared += 1;
        if migrated.len() + usize::from(r.get("smartAccessRole").is_some()) > 0 {
            with_changes += 1;
        }
    }
    // The generator exercises the model: most runs compare, most of those change something.
    assert!(
        compared > 2000 && with_changes > 1500,
        "{compared} compared, {with_changes} with changes"
    );
}
