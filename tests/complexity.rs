//! Linear on every shape: accounts grown along one axis at a time (users, VAs, contracts,
//! lines, grants of one user, users of one contract, exclusions, administrators, questions
//! in one batch) are loaded, previewed, resolved and checked at n and at 4n. Linear work
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
        _ => panic!("no such axis: {axis}"),
    };
    let request = json!({ "actor": "admin", "on": "2026-11-23", "smartAccessRole": "fullUser",
                          "contracts": ["C"], "contractRole": "fullUser", "exclude": exclude });
    (account, request, questions)
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
