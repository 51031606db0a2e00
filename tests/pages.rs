//! A migration planned once and read in parts (SPEC §9) says what the whole preview says:
//! on the worked examples and on random accounts, the summary, the pages of users (every
//! filter, searches, offsets) and the submission are the corresponding parts of
//! `Account::preview`, and apply gives what `Account::apply` gives.
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod common;
use common::random::generate;
use common::*;
use serde_json::{json, Value};
use smart_access::migration::pages::{PreviewQuery, UserFilter, UsersQuery};
use smart_access::model::catalog::Role;
use smart_access::{Account, MigrationRequest};

/// The whole preview, and the same assembled from the parts of the planned migration.
fn compare(account: &Account, request: &MigrationRequest, what: &str) {
    let whole = theirs(&account.preview(request).unwrap());
    let planned = account.plan_migration(request).unwrap();
    assert_eq!(
        smart_access::to_json(&planned.preview(account)),
        smart_access::to_json(&account.preview(request).unwrap()),
        "{what}: the same bytes"
    );
    let summary = theirs(&planned.summary(account));
    for key in ["smartAccess", "contracts", "graceEndsOn", "warnings"] {
        assert_eq!(summary[key], whole[key], "{what}: {key}");
    }
    assert_eq!(
        summary["transactionId"],
        whole["submission"]["transactionId"]
    );
    assert_eq!(theirs(&planned.submission(account)), whole["submission"]);
    let users = whole["users"].as_array().unwrap();
    let changed: Vec<&Value> = whole["submission"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["user"])
        .collect();
    let losing: Vec<&Value> = users
        .iter()
        .filter(|u| !u["losesAtGraceEnd"]["vas"].as_array().unwrap().is_empty())
        .map(|u| &u["id"])
        .collect();
    assert_eq!(
        summary["counts"],
        json!({"users": users.len(), "changed": changed.len(), "losingAtGraceEnd": losing.len()}),
        "{what}: counts"
    );
    // Every filter, read in pages of 3, lists exactly its users, in account order.
    for (filter, expected) in [
        (
            UserFilter::All,
            users.iter().map(|u| &u["id"]).collect::<Vec<_>>(),
        ),
        (UserFilter::Changed, changed),
        (UserFilter::LosingAtGraceEnd, losing),
    ] {
        let mut seen = Vec::new();
        let mut offset = 0;
        loop {
            let query = PreviewQuery {
                filter: Some(filter),
                offset: Some(offset),
                limit: Some(3),
                ..PreviewQuery::default()
            };
            let page = theirs(&planned.users_page(account, &query).unwrap());
            assert_eq!(page["total"], expected.len(), "{what}: {filter:?}");
            let items = page["items"].as_array().unwrap().clone();
            if items.is_empty() {
                break;
            }
            for item in items {
                // Each item is the user's entry of the whole preview.
                let whole_entry = users.iter().find(|u| u["id"] == item["id"]).unwrap();
                assert_eq!(&item, whole_entry, "{what}: {filter:?}");
                seen.push(item["id"].clone());
            }
            offset += 3;
        }
        let expected: Vec<Value> = expected.into_iter().cloned().collect();
        assert_eq!(seen, expected, "{what}: {filter:?}");
    }
    compare_flows(account, &planned, users, &summary["flows"], what);
    assert_eq!(
        theirs(&account.apply(request).unwrap()),
        theirs(&planned.apply(account))
    );
    compare_csv(
        account,
        &planned.csv(account),
        users,
        &whole["submission"],
        what,
    );
}

/// The distinct roles of a list of grants as "scope role" strings, SA before VA.
fn roles_of(grants: &Value) -> Vec<String> {
    let mut roles: Vec<(bool, String)> = grants
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (!g["va"].is_null(), g["role"].as_str().unwrap().to_owned()))
        .collect();
    // In catalog order, as the engine lists them.
    roles.sort_by_key(|(va, role)| (*va, Role::ALL.iter().position(|r| r.id() == role)));
    roles.dedup();
    roles
        .into_iter()
        .map(|(va, role)| format!("{} {role}", if va { "va" } else { "sa" }))
        .collect()
}

/// The flows count every user once, each user's flow is their before and after roles, and a
/// page filtered by a flow lists exactly its users.
fn compare_flows(
    account: &Account,
    planned: &smart_access::migration::preview::PlannedMigration,
    users: &[Value],
    flows: &Value,
    what: &str,
) {
    let flows = flows.as_array().unwrap();
    let named = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["scope"].as_str().unwrap(),
                    r["role"].as_str().unwrap()
                )
            })
            .collect()
    };
    let total: u64 = flows.iter().map(|f| f["users"].as_u64().unwrap()).sum();
    assert_eq!(total, users.len() as u64, "{what}: flows count every user");
    for (index, flow) in flows.iter().enumerate() {
        let expected: Vec<&Value> = users
            .iter()
            .filter(|u| {
                roles_of(&u["before"]) == named(&flow["from"])
                    && roles_of(&u["after"]) == named(&flow["to"])
            })
            .map(|u| &u["id"])
            .collect();
        assert_eq!(
            expected.len() as u64,
            flow["users"].as_u64().unwrap(),
            "{what}: {flow}"
        );
        let query = PreviewQuery {
            flow: Some(index),
            limit: Some(1000),
            ..PreviewQuery::default()
        };
        let page = theirs(&planned.users_page(account, &query).unwrap());
        let ids: Vec<&Value> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| &u["id"])
            .collect();
        assert_eq!(ids, expected, "{what}: the users of {flow}");
    }
    let beyond = PreviewQuery {
        flow: Some(flows.len()),
        ..PreviewQuery::default()
    };
    let error = planned.users_page(account, &beyond).unwrap_err();
    assert_eq!(
        (error.code, error.path.as_str()),
        (smart_access::ErrorCode::InvalidValue, "/flow")
    );
}

/// The CSV, read back by the `csv` crate, has a header and one row per user of the preview,
/// each cell the entry's value (a leading `= + - @`, tab or CR behind a `'`).
fn compare_csv(account: &Account, text: &str, users: &[Value], submission: &Value, what: &str) {
    assert!(text.ends_with("\r\n"), "{what}: CRLF line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "user",
            "name",
            "before",
            "after",
            "changed",
            "resolution",
            "loses at grace end"
        ]
    );
    assert_eq!(rows.len(), users.len() + 1, "{what}: a row per user");
    let plain = |cell: &str| -> String {
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
            _ => {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{what}: {cell:?}"
                );
                cell.to_owned()
            }
        }
    };
    let changed: Vec<&Value> = submission["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["user"])
        .collect();
    for (row, user) in rows[1..].iter().zip(users) {
        let id = user["id"].as_str().unwrap();
        let u = account.user_index(id).unwrap();
        assert_eq!(plain(&row[0]), id, "{what}");
        assert_eq!(plain(&row[1]), account.user_label(u), "{what}");
        assert_eq!(plain(&row[2]), grants(&user["before"]).join(" "), "{what}");
        assert_eq!(plain(&row[3]), grants(&user["after"]).join(" "), "{what}");
        let yes = if changed.contains(&&user["id"]) {
            "yes"
        } else {
            "no"
        };
        assert_eq!(row[4], yes, "{what}: {id}");
        let texts: Vec<&str> = user["resolution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap())
            .collect();
        assert_eq!(plain(&row[5]), texts.join(" | "), "{what}");
        let losses = &user["losesAtGraceEnd"];
        let vas = losses["vas"].as_array().unwrap();
        assert_eq!(row[6].is_empty(), vas.is_empty(), "{what}");
        for loss in vas {
            let va = loss["va"].as_str().unwrap_or("unassigned");
            assert!(row[6].contains(&format!("{va}: ")), "{what}");
        }
        for ends in losses["contracts"].as_array().unwrap() {
            let contract = ends["contract"].as_str().unwrap();
            assert!(row[6].contains(&format!("{contract} ends ")), "{what}");
        }
    }
}

#[test]
fn csv_cells_are_quoted_and_neutralised() {
    let account = Account::from_json_str(
        r#"{"id": "SA", "org": "o", "virtualAccounts": [],
            "users": [{"id": "=1+2", "name": "a \"quoted\",\r\nname", "grants": [{"role": "admin"}]},
                      {"id": "b", "name": "\t-x", "grants": []}],
            "contracts": []}"#,
    )
    .unwrap();
    let request = MigrationRequest::from_json_str(
        r#"{"actor": "=1+2", "on": "2026-11-23", "smartAccessRole": "fullUser"}"#,
    )
    .unwrap();
    let text = account.plan_migration(&request).unwrap().csv(&account);
    let lines: Vec<&str> = text.split("\r\n").collect();
    // The name's own CRLF stays inside its quotes.
    assert_eq!(lines[1], "\"'=1+2\",\"a \"\"quoted\"\",");
    assert_eq!(
        lines[2],
        "name\",\"admin@SA\",\"admin@SA\",\"no\",\"\",\"\""
    );
    assert!(lines[3].starts_with("\"b\",\"'\t-x\","), "{text}");
}

#[test]
fn the_parts_of_the_worked_examples_are_the_parts_of_their_preview() {
    for name in ["example-a", "example-b", "example-c"] {
        let (account, request) = example(name);
        compare(&account, &request, name);
    }
}

#[test]
fn the_parts_of_random_migrations_are_the_parts_of_their_preview() {
    let mut compared = 0;
    for seed in 0..300u64 {
        let (a, r) = generate(seed);
        let account = Account::from_json_str(&ours(&a)).unwrap();
        let request = MigrationRequest::from_json_str(&ours(&r)).unwrap();
        if account.preview(&request).is_err() {
            continue;
        }
        compare(&account, &request, &format!("seed {seed}"));
        compared += 1;
    }
    assert!(compared > 200, "{compared} random migrations compared");
}

#[test]
fn search_limits_and_unknown_users() {
    let (account, request) = example("example-c");
    let planned = account.plan_migration(&request).unwrap();
    let ids = |query: PreviewQuery| -> Vec<String> {
        theirs(&planned.users_page(&account, &query).unwrap())["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let search = |text: &str| PreviewQuery {
        search: Some(text.into()),
        ..PreviewQuery::default()
    };
    // By id or by name, ignoring case.
    assert_eq!(ids(search("CA")), ["casper", "carl", "cathy"]);
    assert_eq!(ids(search("Chr")), ["chris"]);
    assert_eq!(ids(search("nobody")), Vec::<String>::new());
    assert_eq!(ids(PreviewQuery::default()).len(), 5);
    let too_many = PreviewQuery {
        limit: Some(1001),
        ..PreviewQuery::default()
    };
    let e = planned.users_page(&account, &too_many).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("INVALID_VALUE", "/limit")
    );
    // A filter is its name; serde's map form of it (`{"changed": null}`) is refused.
    let read = |text: &str| {
        smart_access::model::read::from_json_text::<PreviewQuery>(text)
            .map(|query| query.filter)
            .map_err(|e| (e.code.as_str(), e.path))
    };
    assert_eq!(
        read(r#"{"filter": "changed"}"#),
        Ok(Some(UserFilter::Changed))
    );
    assert_eq!(
        read(r#"{"filter": {"changed": null}}"#),
        Err(("INVALID_VALUE", "/filter".to_owned()))
    );
    // An offset or a limit is a whole number, 0 or more, said so in the API's words.
    let count = |text: &str| {
        smart_access::model::read::from_json_text::<UsersQuery>(text)
            .map(|query| (query.offset, query.limit))
            .map_err(|e| (e.code.as_str(), e.path, e.message))
    };
    assert_eq!(
        count(r#"{"offset": 2, "limit": null}"#),
        Ok((Some(2), None))
    );
    for (text, path, got) in [
        (r#"{"offset": -1}"#, "/offset", "integer \"-1\""),
        (r#"{"limit": 1.5}"#, "/limit", "floating point \"1.5\""),
        (r#"{"limit": "3"}"#, "/limit", "string \"3\""),
    ] {
        let (code, at, message) = count(text).unwrap_err();
        assert_eq!((code, at.as_str()), ("INVALID_VALUE", path), "{text}");
        assert!(
            message.contains(got) && message.ends_with("expected a whole number, 0 or more"),
            "{text}: {message}"
        );
    }
    let e = planned.user_by_id(&account, "zed").unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("UNKNOWN_REFERENCE", "/user")
    );
    assert_eq!(
        theirs(&planned.user_by_id(&account, "chris").unwrap())["after"],
        json!([{"role": "fullUser"}])
    );
    // The account's users for a picker: names, searched the same way.
    let picker = theirs(
        &account
            .users_page(&UsersQuery {
                search: Some("ca".into()),
                offset: Some(1),
                limit: Some(1),
            })
            .unwrap(),
    );
    assert_eq!(
        picker,
        json!({"total": 3, "offset": 1, "items": [{"id": "carl", "name": "Carl"}]})
    );
}

#[test]
fn example_c_flows_say_who_moves_from_which_role_to_which() {
    let (account, request) = example("example-c");
    let planned = account.plan_migration(&request).unwrap();
    let flows = theirs(&planned.summary(&account))["flows"].clone();
    let sa = |role: &str| json!({"role": role, "scope": "sa"});
    let va = |role: &str| json!({"role": role, "scope": "va"});
    // Cathy, a contract user only: no role -> VA Full User; Clara keeps SA Administrator;
    // Chris SA User -> SA Full User; Casper and Carl VA User -> VA License User. In the
    // roles' catalog order, no role first, SA roles before VA roles.
    assert_eq!(
        flows,
        json!([
            {"from": [], "to": [va("fullUser")], "users": 1},
            {"from": [sa("admin")], "to": [sa("admin")], "users": 1},
            {"from": [sa("user")], "to": [sa("fullUser")], "users": 1},
            {"from": [va("user")], "to": [va("licenseUser")], "users": 2},
        ])
    );
}

#[test]
fn the_catalog_names_every_role_at_the_scopes_it_may_be_held_at() {
    let catalog = theirs(&smart_access::model::catalog::Catalog::new());
    assert_eq!(
        catalog["roles"][6],
        json!({"id": "fullUser", "name": "Full User", "sa": "SA Full User", "va": "VA Full User"})
    );
    assert_eq!(
        catalog["roles"][1],
        json!({"id": "approver", "name": "Approver", "sa": "SA Approver", "va": null})
    );
    assert_eq!(catalog["actions"].as_array().unwrap().len(), 12);
    assert_eq!(
        catalog["actions"][4],
        json!({"id": "performRma", "name": "Perform RMA"})
    );
}
