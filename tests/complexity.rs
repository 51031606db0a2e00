//! Linear on every shape: accounts grown along one axis at a time (users, VAs, contracts,
//! lines, grants of one user, users of one contract, exclusions, administrators, questions
//! in one batch, order shares, users × the lines of a whole order, users × contracts × VAs
//! in grace) are loaded, previewed, resolved and checked at n and at 4n. Linear work
//! takes about 4 times as long at 4n and quadratic work 16 times; the test fails above 8,
//! which leaves room for noise and for n log n (sorting). The best of three runs is used,
//! and the figures are printed (`cargo test --test complexity -- --nocapture`).
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use smart_access::model::date::IsoDate;
use smart_access::{Account, MigrationRequest};

const N: usize = 4_000;
const LIMIT: f64 = 8.0;

fn user(id: String, grants: Value) -> Value {
    json!({ "id": id, "name": "U", "grants": grants })
}

fn contract(id: &str, users: Vec<String>, admins: Vec<String>, lines: Value) -> Value {
    json!({ "id": id, "kind": "service", "access": "traditional",
            "administrators": admins, "users": users, "lines": lines })
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

fn admin() -> Value {
    user("admin".into(), json!([{ "role": "admin" }]))
}

fn account(vas: usize, users: Vec<Value>, contracts: Vec<Value>) -> Value {
    let vas: Vec<Value> = ids("va", vas)
        .into_iter()
        .map(|id| json!({ "id": id }))
        .collect();
    json!({ "id": "SA", "org": "o.com", "virtualAccounts": vas, "users": users,
            "contracts": contracts })
}

/// An account `n` large along one axis, the migration request and the role-check batch.
fn shape(axis: &str, n: usize) -> (Value, Value, Value) {
    let one_line = json!([{ "id": "1", "va": "va0" }]);
    let mut exclude = json!({});
    let mut questions =
        json!([{ "user": "admin", "action": "openCase", "resource": { "va": "va0" } }]);
    let account = match axis {
        "users" => {
            let mut users = vec![admin()];
            users.extend(
                ids("u", n)
                    .into_iter()
                    .map(|id| user(id, json!([{ "role": "user", "va": "va0" }]))),
            );
            account(1, users, vec![contract("C", ids("u", 1), vec![], one_line)])
        }
        "VAs" => {
            let lines: Vec<Value> = (0..n)
                .map(|i| json!({ "id": i.to_string(), "va": format!("va{i}") }))
                .collect();
            account(
                n,
                vec![admin(), user("u0".into(), json!([{ "role": "user" }]))],
                vec![contract("C", ids("u", 1), vec![], json!(lines))],
            )
        }
        "contracts" => {
            let mut names = ids("C", n);
            names[0] = "C".into(); // the one the request migrates
            let contracts = names
                .iter()
                .map(|id| contract(id, ids("u", 1), vec![], one_line.clone()))
                .collect();
            account(1, vec![admin(), user("u0".into(), json!([]))], contracts)
        }
        "lines" => {
            let lines: Vec<Value> = (0..n)
                .map(|i| json!({ "id": i.to_string(), "va": "va0" }))
                .collect();
            account(
                1,
                vec![admin(), user("u0".into(), json!([]))],
                vec![contract("C", ids("u", 1), vec![], json!(lines))],
            )
        }
        "grants of one user" => {
            let grants: Vec<Value> = (0..n)
                .map(|i| json!({ "role": "user", "va": format!("va{i}") }))
                .collect();
            account(
                n,
                vec![admin(), user("u0".into(), json!(grants))],
                vec![contract("C", ids("u", 1), vec![], one_line)],
            )
        }
        "users of one contract" | "exclusions" => {
            let mut users = vec![admin()];
            users.extend(ids("u", n).into_iter().map(|id| user(id, json!([]))));
            if axis == "exclusions" {
                exclude = json!({ "C": ids("u", n - 1) });
            }
            // Every contract user asked about the contract's line.
            questions = json!(ids("u", n)
                .into_iter()
                .map(|u| json!({ "user": u, "action": "performRma", "resource": { "contract": "C", "line": "1" } }))
                .collect::<Vec<_>>());
            account(1, users, vec![contract("C", ids("u", n), vec![], one_line)])
        }
        "administrators" => {
            let mut users = vec![admin()];
            users.extend(ids("u", n).into_iter().map(|id| user(id, json!([]))));
            account(1, users, vec![contract("C", vec![], ids("u", n), one_line)])
        }
        "questions" => {
            questions = json!((0..n)
                .map(|i| json!({ "user": "u0", "action": "performRma",
                                 "resource": { "contract": "C", "line": (i % 2).to_string() } }))
                .collect::<Vec<_>>());
            let lines = json!([{ "id": "0", "va": "va0" }, { "id": "1", "va": null }]);
            account(
                1,
                vec![admin(), user("u0".into(), json!([{ "role": "user" }]))],
                vec![contract("C", ids("u", 1), vec![], lines)],
            )
        }
        "order shares" => {
            // Each user is given one order (by id or by e-mail, in turns) and asks about it.
            let mut users = vec![admin()];
            users.extend(ids("u", n).into_iter().map(|id| {
                json!({ "id": id, "name": id, "email": format!("{id}@Example.com"), "org": "example.com", "grants": [] })
            }));
            let orders: Vec<Value> = ids("O", n)
                .into_iter()
                .map(|id| json!({ "id": id, "lines": [{ "id": "1", "va": "va0" }] }))
                .collect();
            let shares: Vec<Value> = (0..n)
                .map(|i| {
                    if i % 2 == 0 {
                        json!({ "order": format!("O{i}"), "user": format!("u{i}") })
                    } else {
                        json!({ "order": format!("O{i}"), "email": format!("u{i}@example.com"), "lines": ["1"] })
                    }
                })
                .collect();
            questions = json!((0..n)
                .map(|i| json!({ "user": format!("u{i}"), "action": "useLicense",
                                 "resource": { "order": format!("O{i}"), "line": "1" } }))
                .collect::<Vec<_>>());
            let mut a = account(1, users, vec![contract("C", ids("u", 1), vec![], one_line)]);
            a["orders"] = json!(orders);
            a["orderShares"] = json!(shares);
            a
        }
        "users × lines of a whole order" => {
            // Every user holds a VA grant and asks about one order of 10 lines a user, all in
            // that VA: a VA grant reaches a whole order only where its VA holds every line.
            let mut users = vec![admin()];
            users.extend(
                ids("u", n)
                    .into_iter()
                    .map(|id| user(id, json!([{ "role": "viewer", "va": "va0" }]))),
            );
            let lines: Vec<Value> = (0..10 * n)
                .map(|i| json!({ "id": i.to_string(), "va": "va0" }))
                .collect();
            questions = json!(ids("u", n)
                .into_iter()
                .map(|u| json!({ "user": u, "action": "viewAll", "resource": { "order": "O" } }))
                .collect::<Vec<_>>());
            let mut a = account(1, users, vec![contract("C", ids("u", 1), vec![], one_line)]);
            a["orders"] = json!([{ "id": "O", "lines": lines }]);
            a
        }
        "users × contracts × VAs in grace" => grace_cube(cube_side(n)).0,
        _ => panic!("no such axis: {axis}"),
    };
    let mut request = json!({ "actor": "admin", "on": "2026-11-23", "smartAccessRole": "fullUser",
                          "contracts": ["C"], "contractRole": "fullUser", "exclude": exclude });
    if axis == "users × contracts × VAs in grace" {
        request = grace_cube(cube_side(n)).1;
    }
    (account, request, questions)
}

/// The side k of the grace cube whose users × contracts × VAs is about 16n: the work there
/// is that incidence, each user reaching each contract's lines in each VA.
fn cube_side(n: usize) -> usize {
    ((16 * n) as f64).cbrt().round() as usize
}

/// k users, each a user of every one of k contracts, each contract with a line in every one
/// of k VAs, every contract migrated with every user excluded: during the grace period each
/// user reaches every line by traditional access, and loses it all when it ends. The
/// account and its request.
fn grace_cube(k: usize) -> (Value, Value) {
    let users_of = ids("u", k);
    let mut users = vec![admin()];
    users.extend(users_of.iter().map(|id| user(id.clone(), json!([]))));
    let lines: Vec<Value> = (0..k)
        .map(|v| json!({ "id": v.to_string(), "va": format!("va{v}") }))
        .collect();
    let names = ids("C", k);
    let contracts = names
        .iter()
        .map(|id| contract(id, users_of.clone(), vec![], json!(lines)))
        .collect();
    let exclude: serde_json::Map<String, Value> = names
        .iter()
        .map(|id| (id.clone(), json!(users_of)))
        .collect();
    let request = json!({ "actor": "admin", "on": "2026-11-23", "smartAccessRole": "fullUser",
                          "contracts": names, "contractRole": "fullUser", "exclude": exclude });
    (account(k, users, contracts), request)
}

/// Load, preview (written out), every user's access and ability, the batch of role checks,
/// and who can act on the first question's resource.
fn work(account: &str, request: &str, questions: &str) {
    let account = Account::from_json_str(account).unwrap();
    let request = MigrationRequest::from_json_str(request).unwrap();
    let preview = smart_access::to_json(&account.preview(&request).unwrap());
    assert!(preview.len() > 100);
    let on = IsoDate::parse("2026-11-23").unwrap();
    for u in 0..account.snapshot().users.len() {
        std::hint::black_box(account.user_access(u, on));
        std::hint::black_box(account.user_ability(u, on));
    }
    let answers = account.can_many_text(questions, Some(on)).unwrap();
    assert!(!answers.is_empty());
    let first = account
        .question_text(&questions_first(questions), Some(on))
        .unwrap();
    std::hint::black_box(account.who_can(first.action, first.resource, on));
}

/// The first question of a batch, as the text of one question.
fn questions_first(questions: &str) -> String {
    let list: Value = serde_json::from_str(questions).unwrap();
    list[0].to_string()
}

fn best_of_three(n: usize, axis: &str) -> Duration {
    let (account, request, questions) = shape(axis, n);
    let (account, request, questions) = (
        account.to_string(),
        request.to_string(),
        questions.to_string(),
    );
    (0..3)
        .map(|_| {
            let start = Instant::now();
            work(&account, &request, &questions);
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn time_grows_linearly_along_every_axis() {
    let mut failures = Vec::new();
    for axis in [
        "users",
        "VAs",
        "contracts",
        "lines",
        "grants of one user",
        "users of one contract",
        "exclusions",
        "administrators",
        "questions",
        "order shares",
        "users × lines of a whole order",
        "users × contracts × VAs in grace",
    ] {
        let small = best_of_three(N, axis);
        let large = best_of_three(4 * N, axis);
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        println!(
            "{axis:>22}: {N} → {}: {small:>10.2?} → {large:>10.2?} ({ratio:.1}×)",
            4 * N
        );
        if ratio > LIMIT {
            failures.push(format!("{axis}: {ratio:.1}× for 4× the size"));
        }
    }
    assert!(failures.is_empty(), "not linear: {failures:?}");
}

/// The preview and the choices compared grow with the account, not with its users ×
/// contracts × VAs: doubling the grace cube's side multiplies the account by about 4 (k
/// contracts of k users and k lines) and its preview and comparison by about as much, where
/// one loss entry per (contract, VA) pair of each user made them 8 times larger.
#[test]
fn grace_losses_grow_with_the_account_not_its_cube() {
    let bytes = |k: usize| {
        let (account, request) = grace_cube(k);
        let text = account.to_string();
        let account = Account::from_json_str(&text).unwrap();
        let request = MigrationRequest::from_json_str(&request.to_string()).unwrap();
        let preview = smart_access::to_json(&account.preview(&request).unwrap()).len();
        let compare = smart_access::to_json(&account.compare(&request).unwrap()).len();
        (text.len() as f64, preview as f64, compare as f64)
    };
    let (a1, p1, c1) = bytes(20);
    let (a2, p2, c2) = bytes(40);
    let account = a2 / a1;
    println!(
        "grace cube 20 → 40: account {account:.1}×, preview {:.1}×, compare {:.1}×",
        p2 / p1,
        c2 / c1
    );
    assert!(
        p2 / p1 < 1.3 * account,
        "preview {:.1}× for an account {account:.1}× larger",
        p2 / p1
    );
    assert!(
        c2 / c1 < 1.3 * account,
        "compare {:.1}× for an account {account:.1}× larger",
        c2 / c1
    );
}
