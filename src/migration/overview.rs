//! What a portal shows before a migration: the account at a glance and, per contract, its
//! assignment status, access mode and whether the actor can migrate it (and why not).

use serde::Serialize;
use tsify::Tsify;

use crate::error::Result;
use crate::migration::plan::{eligibility, RejectionCode};
use crate::model::access::{traditional_active, Moment, GRACE_DAYS};
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::grant::GrantKey;
use crate::model::snapshot::{AccessMode, ContractKind};

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Overview<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub org: &'a str,
    /// Null while step 3.1 is pending.
    pub smart_access_migrated_on: Option<IsoDate>,
    pub virtual_accounts: Vec<Named<'a>>,
    pub users: usize,
    pub sa_administrators: Vec<Named<'a>>,
    pub contracts: Vec<ContractStatus<'a>>,
}

/// A user or a VA as people read it: its id, and its name where it has one, else the id.
#[derive(Debug, Serialize, Tsify)]
pub struct Named<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ContractStatus<'a> {
    pub id: &'a str,
    pub kind: ContractKind,
    pub access: AccessMode,
    pub migrated_on: Option<IsoDate>,
    /// The end of the grace period, for a migrated contract with a migration date.
    pub grace_ends_on: Option<IsoDate>,
    /// Whether the contract's users still have traditional access on `on`.
    pub traditional_access_active: bool,
    pub lines: usize,
    pub assigned_lines: usize,
    /// The seeds' wording: "75% 3/4 lines".
    pub assignment: String,
    pub vas: Vec<&'a str>,
    pub users: Vec<Named<'a>>,
    pub administrators: Vec<&'a str>,
    pub can_migrate: bool,
    pub code: Option<RejectionCode>,
    pub message: Option<String>,
}

impl Account {
    /// The account at a glance, with each contract's eligibility for `actor` (when given)
    /// and its traditional access on `on`.
    pub fn overview(&self, actor: Option<&str>, on: IsoDate) -> Result<Overview<'_>> {
        let actor = actor.map(|id| self.user_arg(id, "/actor")).transpose()?;
        let s = &self.snapshot;
        let named = |u: usize| Named {
            id: self.user_id(u),
            name: self.user_label(u),
        };
        let admin = GrantKey {
            va: None,
            role: Role::Admin,
        };
        let contracts = s
            .contracts
            .iter()
            .zip(&self.contracts)
            .enumerate()
            .map(|(c, (data, info))| {
                let rejection = eligibility(self, c, actor);
                let (lines, assigned) = (info.line_vas.len(), info.assigned_lines());
                let migrated_on = data.migrated_on.get().copied();
                ContractStatus {
                    id: &data.id,
                    kind: data.kind,
                    access: data.access,
                    migrated_on,
                    grace_ends_on: migrated_on
                        .filter(|_| data.access == AccessMode::Smart)
                        .map(|d| d.add_days(GRACE_DAYS)),
                    traditional_access_active: traditional_active(
                        data.access,
                        migrated_on,
                        Moment::On(on),
                    ),
                    lines,
                    assigned_lines: assigned,
                    assignment: format!(
                        "{}% {assigned}/{lines} lines",
                        (assigned * 100).checked_div(lines).unwrap_or(0)
                    ),
                    vas: info.vas.iter().map(|&v| self.va_id(v)).collect(),
                    users: info.users.iter().map(|&u| named(u)).collect(),
                    administrators: info
                        .administrators
                        .iter()
                        .map(|&u| self.user_id(u))
                        .collect(),
                    can_migrate: rejection.is_none(),
                    code: rejection.as_ref().map(|r| r.code),
                    message: rejection.map(|r| r.message),
                }
            })
            .collect();
        Ok(Overview {
            id: &s.id,
            name: s.name.get().map(String::as_str),
            org: &s.org,
            smart_access_migrated_on: s.smart_access_migrated_on.get().copied(),
            virtual_accounts: (0..self.va_count())
                .map(|v| Named {
                    id: self.va_id(v),
                    name: self.va_label(v),
                })
                .collect(),
            users: s.users.len(),
            sa_administrators: (0..s.users.len())
                .filter(|&u| self.grants.get(u).is_some_and(|g| g.contains(&admin)))
                .map(named)
                .collect(),
            contracts,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::date::IsoDate;
    use crate::Account;

    #[test]
    fn overview_of_a_partly_assigned_contract() {
        let account = Account::from_json_str(
            r#"{"id":"SA","org":"o","virtualAccounts":[{"id":"A"}],
                "users":[{"id":"ava","org":"o","grants":[{"role":"admin"}]},{"id":"bo"}],
                "contracts":[{"id":"C","kind":"service","access":"traditional","administrators":["ava"],"users":["bo"],
                  "lines":[{"id":"1","va":"A"},{"id":"2","va":"A"},{"id":"3","va":"A"},{"id":"4","va":null}]}]}"#,
        )
        .unwrap();
        let on = IsoDate::parse("2026-11-23").unwrap();
        let v = serde_json::from_str::<serde_json::Value>(&crate::to_json(
            &account.overview(Some("ava"), on).unwrap(),
        ))
        .unwrap();
        let c = &v["contracts"][0];
        assert_eq!(c["assignment"], "75% 3/4 lines");
        assert_eq!(c["canMigrate"], false);
        assert_eq!(c["code"], "NOT_FULLY_ASSIGNED");
        assert_eq!(c["traditionalAccessActive"], true);
        assert_eq!(v["saAdministrators"][0]["id"], "ava");
        assert_eq!(v["smartAccessMigratedOn"], serde_json::Value::Null);
        let e = account.overview(Some("zed"), on).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("UNKNOWN_REFERENCE", "/actor")
        );
        // bo is not an administrator of the contract: that reason comes before assignment.
        let v = serde_json::from_str::<serde_json::Value>(&crate::to_json(
            &account.overview(Some("bo"), on).unwrap(),
        ))
        .unwrap();
        assert_eq!(v["contracts"][0]["code"], "NOT_CONTRACT_ADMIN");
    }
}
