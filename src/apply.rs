//! Applying a migration: the new snapshot (every field the migration has no reason to touch
//! comes back as it came in, unknown fields included) and the history events.

use crate::prelude::*;

use crate::account::{Account, GrantKey};
use crate::date::Date;
use crate::json_out::{Object, ToJson};
use crate::json_read::Opt;
use crate::migration::{grant_changes, Plan, Rejection};
use crate::model::{AccessMode, Grant, Snapshot};
use crate::preview::{grant_out, GrantOut};

#[derive(Debug)]
pub struct Applied<'a> {
    pub account: Snapshot,
    pub events: Vec<Event<'a>>,
    pub transaction_id: String,
    /// Contracts of the request that did not go ahead, with the reason.
    pub rejected: Vec<RejectedContract<'a>>,
}

#[derive(Debug)]
pub struct RejectedContract<'a> {
    pub id: &'a str,
    pub rejection: Rejection,
}

#[derive(Debug)]
pub struct Event<'a> {
    pub date: Date,
    pub kind: &'static str,
    pub actor: &'a str,
    pub details: Details<'a>,
    pub transaction_id: String,
}

#[derive(Debug)]
pub enum Details<'a> {
    SmartAccess {
        role: crate::catalog::Role,
        affected_users: usize,
    },
    Contract {
        contract: &'a str,
        role: Option<crate::catalog::Role>,
        vas: Vec<&'a str>,
        users: Vec<&'a str>,
        excluded: Vec<&'a str>,
        grace_ends_on: Date,
    },
    Roles {
        user: &'a str,
        add: Vec<GrantOut<'a>>,
        remove: Vec<GrantOut<'a>>,
    },
}

impl ToJson for Applied<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("account", &self.account)
            .field("events", &self.events)
            .field("transactionId", &self.transaction_id)
            .field("rejected", &self.rejected)
            .end();
    }
}

impl ToJson for RejectedContract<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("id", &self.id);
        self.rejection.write_fields(&mut o);
        o.end();
    }
}

impl ToJson for Event<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("date", &self.date)
            .field("type", &self.kind)
            .field("actor", &self.actor)
            .field("details", &self.details)
            .field("transactionId", &self.transaction_id)
            .end();
    }
}

impl ToJson for Details<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        match self {
            Details::SmartAccess {
                role,
                affected_users,
            } => o.field("role", role).field("affectedUsers", affected_users),
            Details::Contract {
                contract,
                role,
                vas,
                users,
                excluded,
                grace_ends_on,
            } => o
                .field("contract", contract)
                .field("role", role)
                .field("vas", vas)
                .field("users", users)
                .field("excluded", excluded)
                .field("graceEndsOn", grace_ends_on),
            Details::Roles { user, add, remove } => o
                .field("user", user)
                .field("add", add)
                .field("remove", remove),
        };
        o.end();
    }
}

/// The grant as it will be written: the original object (unknown fields and all) where the
/// user already held it, a plain `{role, va}` where it is new.
fn written_grant(account: &Account, user: usize, key: GrantKey) -> Grant {
    let original = account
        .snapshot
        .users
        .get(user)
        .and_then(|u| u.grants.as_ref())
        .and_then(|grants| {
            grants
                .iter()
                .zip(account.grants.get(user).into_iter().flatten())
                .find(|(_, k)| **k == key)
        });
    match original {
        Some((grant, _)) => grant.clone(),
        None => Grant {
            role: key.role,
            va: key
                .va
                .map_or(Opt::Absent, |va| Opt::Value(account.va_id(va).to_owned())),
            extra: Default::default(),
        },
    }
}

pub fn apply<'a>(account: &'a Account, plan: &Plan, transaction_id: String) -> Applied<'a> {
    let on = plan.request.on;
    let actor = account.user_id(plan.request.actor);
    let event = |kind: &'static str, details: Details<'a>| Event {
        date: on,
        kind,
        actor,
        details,
        transaction_id: transaction_id.clone(),
    };
    let mut snapshot = account.snapshot.clone();
    let mut events = Vec::new();

    if let Some((role, affected_users)) = plan.smart_access {
        snapshot.smart_access_migrated_on = Opt::Value(on);
        events.push(event(
            "smartAccessMigration",
            Details::SmartAccess {
                role,
                affected_users,
            },
        ));
    }
    for o in plan.migrated() {
        if let Some(contract) = snapshot.contracts.get_mut(o.contract) {
            contract.access = AccessMode::Smart;
            contract.migrated_on = Opt::Value(on);
        }
        events.push(event(
            "contractAccessMigration",
            Details::Contract {
                contract: account.contract_id(o.contract),
                role: plan.request.contract_role,
                vas: account
                    .contracts
                    .get(o.contract)
                    .map(|i| i.vas.iter().map(|&v| account.va_id(v)).collect())
                    .unwrap_or_default(),
                users: o.users(account, false),
                excluded: o.users(account, true),
                grace_ends_on: on.add_days(crate::migration::GRACE_DAYS),
            },
        ));
    }
    for (u, after) in plan.after.iter().enumerate() {
        let Some(after) = after else { continue };
        let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
        let (add, remove) = grant_changes(before, after);
        if add.is_empty() && remove.is_empty() {
            continue;
        }
        if let Some(user) = snapshot.users.get_mut(u) {
            user.grants = Some(
                after
                    .iter()
                    .map(|&g| written_grant(account, u, g))
                    .collect(),
            );
        }
        events.push(event(
            "userRolesChanged",
            Details::Roles {
                user: account.user_id(u),
                add: add.iter().map(|&g| grant_out(account, g)).collect(),
                remove: remove.iter().map(|&g| grant_out(account, g)).collect(),
            },
        ));
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
    Applied {
        account: snapshot,
        events,
        transaction_id,
        rejected,
    }
}
