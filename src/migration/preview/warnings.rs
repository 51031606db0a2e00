//! The preview's warnings: a lone administrator, a contract migrated with no users, and
//! users left out of every contract they use who keep nothing.

use crate::migration::plan::Plan;
use crate::migration::preview::output::{Warning, WarningCode};
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::grant::GrantKey;

pub fn warnings<'a>(
    account: &'a Account,
    plan: &Plan,
    keeps_nothing: &dyn Fn(usize) -> bool,
) -> Vec<Warning<'a>> {
    let users = &account.snapshot.users;
    let mut out = Vec::new();
    let admin = GrantKey {
        va: None,
        role: Role::Admin,
    };
    let admins: Vec<usize> = (0..account.snapshot.users.len())
        .filter(|&u| plan.grants_after(account, u).contains(&admin))
        .collect();
    if let [only] = admins.as_slice() {
        out.push(Warning {
            code: WarningCode::SingleAdministrator,
            message: format!(
                "{} is the only SA administrator; add a second one so the account is not locked if they leave",
                account.user_label(*only)
            ),
            user: Some(account.user_id(*only)),
            contract: None,
        });
    }
    for o in plan.migrated() {
        let Some(info) = account.contracts.get(o.contract) else {
            continue;
        };
        if info.users.iter().all(|u| o.excluded.contains(u)) {
            out.push(Warning {
                code: WarningCode::NoUsersToMigrate,
                message: format!(
                    "contract {} is migrated with no users: nobody gets a role from it",
                    account.contract_id(o.contract)
                ),
                user: None,
                contract: Some(account.contract_id(o.contract)),
            });
        }
    }
    // Who was left out of some contract and migrated by none, in one pass over the contracts.
    let mut excluded = vec![false; users.len()];
    let mut migrated = vec![false; users.len()];
    for o in plan.migrated() {
        for &u in account
            .contracts
            .get(o.contract)
            .map(|i| i.users.as_slice())
            .unwrap_or_default()
        {
            let flag = if o.excluded.contains(&u) {
                excluded.get_mut(u)
            } else {
                migrated.get_mut(u)
            };
            if let Some(flag) = flag {
                *flag = true;
            }
        }
    }
    for (u, (user, (&excluded, &migrated))) in
        users.iter().zip(excluded.iter().zip(&migrated)).enumerate()
    {
        if excluded && !migrated && keeps_nothing(u) {
            out.push(Warning {
                code: WarningCode::ExcludedUserKeepsNothing,
                message: format!(
                    "{} is excluded from the migration of every contract they use and has no role: they lose all access when the grace period ends{}",
                    account.user_label(u),
                    plan.grace_ends_on.map(|d| format!(" on {d}")).unwrap_or_default()
                ),
                user: Some(&user.id),
                contract: None,
            });
        }
    }
    out
}
