//! Applying a migration: the new snapshot (every field the migration has no reason to touch
//! comes back as it came in, unknown fields included) and the history events.

use serde::Serialize;
use tsify::Tsify;

use crate::error::Result;
use crate::migration::plan::{grant_changes, Plan, Rejection};
use crate::migration::preview::{GrantChange, PlannedMigration};
use crate::migration::request::MigrationRequest;
use crate::model::access::GRACE_DAYS;
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::grant::{grant_refs, GrantKey};
use crate::model::snapshot::{AccessMode, AccountSnapshot, Grant, Id, Opt};

impl Account {
    /// The new snapshot and the history events; this account is not changed.
    pub fn apply(&self, request: &MigrationRequest) -> Result<AppliedMigration<'_>> {
        Ok(self.plan_migration(request)?.apply(self))
    }
}

impl PlannedMigration {
    /// The migration applied to the account it was planned against (which is not changed).
    pub fn apply<'a>(&self, account: &'a Account) -> AppliedMigration<'a> {
        apply(account, &self.plan, self.transaction_id.clone())
    }
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppliedMigration<'a> {
    pub account: AccountSnapshot,
    pub events: Vec<HistoryEvent<'a>>,
    pub transaction_id: String,
    /// Contracts of the request that did not go ahead, with the reason.
    pub rejected: Vec<RejectedContract<'a>>,
}

#[derive(Debug, Serialize, Tsify)]
pub struct RejectedContract<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub rejection: Rejection,
}

/// One entry of the account's history.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEvent<'a> {
    pub date: IsoDate,
    /// (Named as text for tsify, as `ContractOutcome::status` is.)
    #[serde(flatten)]
    #[tsify(type = "EventKind")]
    pub what: EventKind<'a>,
    pub transaction_id: String,
}

/// The event's `type`, who did it and its `details`.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum EventKind<'a> {
    SmartAccessMigration {
        actor: &'a str,
        details: SmartAccessDetails,
    },
    ContractAccessMigration {
        actor: &'a str,
        details: ContractDetails<'a>,
    },
    UserRolesChanged {
        actor: &'a str,
        details: GrantChange<'a>,
    },
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SmartAccessDetails {
    #[tsify(type = "'licenseUser' | 'fullUser'")]
    pub role: Role,
    pub affected_users: usize,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ContractDetails<'a> {
    pub contract: &'a str,
    #[tsify(type = "'serviceUser' | 'fullUser'")]
    pub role: Option<Role>,
    pub vas: Vec<&'a str>,
    pub users: Vec<&'a str>,
    pub excluded: Vec<&'a str>,
    pub grace_ends_on: IsoDate,
}

/// The grant as it will be written: the original object (unknown fields and all) where the
/// user already held it, a plain `{role, va}` where it is new.
fn written_grant(account: &Account, user: usize, key: GrantKey) -> Grant {
    let original = account.snapshot.users.get(user).and_then(|u| {
        u.grants
            .items()
            .iter()
            .zip(account.grants.get(user).into_iter().flatten())
            .find(|(_, k)| **k == key)
    });
    match original {
        Some((grant, _)) => grant.clone(),
        None => Grant {
            role: key.role,
            va: key.va.map_or(Opt::Absent, |va| {
                Opt::Value(Id(account.va_id(va).to_owned()))
            }),
            extra: Default::default(),
        },
    }
}

pub fn apply<'a>(
    account: &'a Account,
    plan: &Plan,
    transaction_id: String,
) -> AppliedMigration<'a> {
    let on = plan.request.on;
    let actor = account.user_id(plan.request.actor);
    let event = |what: EventKind<'a>| HistoryEvent {
        date: on,
        what,
        transaction_id: transaction_id.clone(),
    };
    let mut snapshot = account.snapshot.clone();
    let mut events = Vec::new();

    if let Some((role, affected_users)) = plan.smart_access {
        snapshot.smart_access_migrated_on = Opt::Value(on);
        events.push(event(EventKind::SmartAccessMigration {
            actor,
            details: SmartAccessDetails {
                role,
                affected_users,
            },
        }));
    }
    for o in plan.migrated() {
        if let Some(contract) = snapshot.contracts.get_mut(o.contract) {
            contract.access = AccessMode::Smart;
            contract.migrated_on = Opt::Value(on);
        }
        events.push(event(EventKind::ContractAccessMigration {
            actor,
            details: ContractDetails {
                contract: account.contract_id(o.contract),
                role: plan.request.contract_role,
                vas: account
                    .contracts
                    .get(o.contract)
                    .map(|i| i.vas.iter().map(|&v| account.va_id(v)).collect())
                    .unwrap_or_default(),
                users: o.users(account, false),
                excluded: o.users(account, true),
                grace_ends_on: on.add_days(GRACE_DAYS),
            },
        }));
    }
    for (u, after) in plan.after.iter().enumerate() {
        let Some(after) = after else { continue };
        let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
        let (add, remove) = grant_changes(before, after);
        if add.is_empty() && remove.is_empty() {
            continue;
        }
        if let Some(user) = snapshot.users.get_mut(u) {
            user.grants = Opt::Value(
                after
                    .iter()
                    .map(|&g| written_grant(account, u, g))
                    .collect(),
            );
        }
        events.push(event(EventKind::UserRolesChanged {
            actor,
            details: GrantChange {
                user: account.user_id(u),
                add: grant_refs(account, &add),
                remove: grant_refs(account, &remove),
            },
        }));
    }
    let rejected = plan
        .outcomes
        .iter()
        .filter_map(|o| {
            o.rejection.clone().map(|rejection| RejectedContract {
                id: account.contract_id(o.contract),
                rejection,
            })
        })
        .collect();
    AppliedMigration {
        account: snapshot,
        events,
        transaction_id,
        rejected,
    }
}
