//! The choices of steps 3.1 × 3.2 compared (`Account::compare`): every combination, each
//! column what its own preview says.
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
use smart_access::{Account, MigrationRequest};

fn columns(account: &Account, request: &MigrationRequest) -> Vec<Value> {
    let choices = account.compare(request).unwrap();
    // Each column is exactly what planning its own request gives.
    for choice in &choices {
        let own = account.plan_migration(&choice.request).unwrap();
        assert_eq!(theirs(&choice.summary), theirs(&own.summary(account)));
    }
    choices.iter().map(theirs).collect()
}

fn roles(column: &Value) -> (Value, Value) {
    (
        column["request"]["smartAccessRole"].clone(),
        column["request"]["contractRole"].clone(),
    )
}

#[test]
fn example_c_four_columns_in_order_with_collapse_and_grace_end_losses() {
    let (account, request) = example("example-c");
    let cols = columns(&account, &request);
    let order: Vec<_> = cols.iter().map(roles).collect();
    assert_eq!(
        order,
        [
            (json!("licenseUser"), json!("serviceUser")),
            (json!("licenseUser"), json!("fullUser")),
            (json!("fullUser"), json!("serviceUser")),
            (json!("fullUser"), json!("fullUser")),
        ]
    );
    // The rest of the request is kept: actor, day, contracts, exclusions.
    for c in &cols {
        assert_eq!(c["request"]["exclude"], json!({"C-300": ["carl"]}));
        assert_eq!(c["request"]["actor"], "clara");
    }
    // Chris, SA User with the contract's lines in A and B: as SA License User his VA roles
    // collapse into SA Full User; as SA Full User he already has it (no collapse).
    assert_eq!(cols[0]["collapsed"], 1);
    assert_eq!(cols[1]["collapsed"], 1);
    assert_eq!(cols[2]["collapsed"], 0);
    assert_eq!(cols[3]["collapsed"], 0);
    // Carl, excluded, loses his traditional access to C-300 when the grace period ends,
    // whatever the roles: one user losing in every column (the details come from the
    // column's own preview).
    for c in &cols {
        assert_eq!(c["summary"]["counts"]["losingAtGraceEnd"], 1, "{c}");
        let planned = account
            .plan_migration(&MigrationRequest::from_json_str(&c["request"].to_string()).unwrap())
            .unwrap();
        let losses = theirs(&planned.user_by_id(&account, "carl").unwrap());
        assert_eq!(
            losses["losesAtGraceEnd"]["contracts"][0]["contract"],
            "C-300"
        );
    }
    // The request's own combination is its preview.
    let preview = preview_value(&account, &request);
    let own = &cols[1]["summary"];
    assert_eq!(own["transactionId"], preview["submission"]["transactionId"]);
    assert_eq!(own["warnings"], preview["warnings"]);
}

#[test]
fn once_step_3_1_is_done_only_the_contract_role_varies() {
    let account = Account::from_json_str(&fixture("resolution", "account.json")).unwrap();
    let request = MigrationRequest::from_json_str(
        r#"{"actor": "clara", "on": "2026-11-30", "contracts": ["C-301"], "contractRole": "serviceUser"}"#,
    )
    .unwrap();
    let cols = columns(&account, &request);
    let order: Vec<_> = cols.iter().map(roles).collect();
    assert_eq!(
        order,
        [
            (Value::Null, json!("serviceUser")),
            (Value::Null, json!("fullUser"))
        ]
    );
}

#[test]
fn a_request_the_planner_refuses_is_refused_the_same_way() {
    let (account, _) = example("example-c");
    let request = MigrationRequest::from_json_str(
        r#"{"actor": "chris", "on": "2026-11-23", "contracts": ["C-300"]}"#,
    )
    .unwrap();
    let e = account.compare(&request).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("NOT_SA_ADMIN", "/actor")
    );
}
