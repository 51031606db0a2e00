//! The two migration steps of SPEC §4, computed without changing anything: which contracts
//! go ahead, and every user's grants afterwards with the rules that produced them.

use rustc_hash::FxHashSet;
use serde::Serialize;
use tsify::Tsify;

use crate::error::{pointer_push, quoted, Error, ErrorCode, Result};
use crate::migration::request::MigrationRequest;
use crate::migration::rules::{normalise, Firing, ResolutionRule};
use crate::model::access::GRACE_DAYS;
use crate::model::account::Account;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::grant::{sorted, GrantKey};
use crate::model::snapshot::AccessMode;

/// Why one contract of a request does not go ahead (the others still do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RejectionCode {
    AlreadyMigrated,
    NotContractAdmin,
    NotFullyAssigned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Rejection {
    pub code: RejectionCode,
    pub message: String,
}

/// Whether `actor` may migrate the contract now (with no actor, the checks that do not
/// depend on who asks). The checks run in a fixed order (already migrated, not an
/// administrator of it, not fully assigned) and the first that fails is reported, so the
/// same contract always gives the same reason.
pub fn eligibility(account: &Account, contract: usize, actor: Option<usize>) -> Option<Rejection> {
    let (Some(data), Some(info)) = (
        account.snapshot.contracts.get(contract),
        account.contracts.get(contract),
    ) else {
        return None;
    };
    if data.access == AccessMode::Smart {
        let since = data
            .migrated_on
            .get()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        return Some(Rejection {
            code: RejectionCode::AlreadyMigrated,
            message: format!(
                "contract {} already has Smart Access (migrated{since})",
                quoted(&data.id)
            ),
        });
    }
    if let Some(actor) = actor.filter(|a| !info.administrators.contains(a)) {
        return Some(Rejection {
            code: RejectionCode::NotContractAdmin,
            message: format!(
                "{} is not an administrator of contract {}; only its administrators can migrate it",
                quoted(account.user_id(actor)),
                quoted(&data.id)
            ),
        });
    }
    let total = info.line_vas.len();
    let assigned = info.assigned_lines();
    if total == 0 || assigned < total {
        let percent = (assigned * 100).checked_div(total).unwrap_or(0);
        return Some(Rejection {
            code: RejectionCode::NotFullyAssigned,
            message: if total == 0 {
                format!(
                    "contract {} has no lines (0/0 lines); there is nothing to migrate",
                    quoted(&data.id)
                )
            } else {
                format!(
                    "{assigned} of {total} lines are assigned to a virtual account ({percent}% {assigned}/{total} lines); assign every line first"
                )
            },
        });
    }
    None
}

/// The request with every id resolved to a position in the account.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub actor: usize,
    pub on: IsoDate,
    pub smart_access_role: Option<Role>,
    pub contract_role: Option<Role>,
    /// Named contracts in request order, each with its excluded users.
    pub contracts: Vec<(usize, FxHashSet<usize>)>,
}

fn unknown(path: String, message: String) -> Error {
    Error::new(ErrorCode::UnknownReference, path, message)
}

/// Checks the request against the account: references first, then who may submit it,
/// then what it asks for.
pub fn resolve(account: &Account, req: &MigrationRequest) -> Result<Resolved> {
    let on = req.on.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidValue,
            "/on",
            "the required field \"on\" (the day of the migration, YYYY-MM-DD) is missing",
        )
    })?;
    let actor = account.user_index(&req.actor).ok_or_else(|| {
        unknown(
            "/actor".into(),
            format!("user {} is not in the account", quoted(&req.actor)),
        )
    })?;
    let mut contracts: Vec<(usize, FxHashSet<usize>)> = Vec::with_capacity(req.contracts.len());
    // For each contract of the account, its position in the request (a large request must
    // not cost a scan of the request per contract).
    let mut position: Vec<Option<usize>> = vec![None; account.contracts.len()];
    for (i, id) in req.contracts.iter().enumerate() {
        let path = format!("/contracts/{i}");
        let c = account.contract_index(id).ok_or_else(|| {
            unknown(
                path.clone(),
                format!("contract {} is not in the account", quoted(id)),
            )
        })?;
        match position.get_mut(c) {
            Some(Some(_)) => {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    path,
                    format!("contract {} is named twice", quoted(id)),
                ));
            }
            Some(slot) => *slot = Some(contracts.len()),
            None => {}
        }
        contracts.push((c, FxHashSet::default()));
    }
    for (contract_id, users) in req.exclude.iter().flatten() {
        let base = pointer_push("/exclude", contract_id);
        let entry = account
            .contract_index(contract_id)
            .and_then(|c| position.get(c).copied().flatten())
            .and_then(|i| contracts.get_mut(i))
            .ok_or_else(|| {
                unknown(
                    base.clone(),
                    format!(
                        "contract {} is not among the contracts of this request",
                        quoted(contract_id)
                    ),
                )
            })?;
        for (j, user_id) in users.iter().enumerate() {
            let path = format!("{base}/{j}");
            let u = account
                .user_index(user_id)
                .filter(|&u| account.is_contract_user(entry.0, u))
                .ok_or_else(|| {
                    unknown(
                        path.clone(),
                        format!(
                            "{} is not a user of contract {}",
                            quoted(user_id),
                            quoted(contract_id)
                        ),
                    )
                })?;
            if !entry.1.insert(u) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    path,
                    format!("{} is excluded twice", quoted(user_id)),
                ));
            }
        }
    }
    if !account.is_sa_admin(actor) {
        return Err(Error::new(
            ErrorCode::NotSaAdmin,
            "/actor",
            format!(
                "{} is not an SA administrator; only SA administrators can migrate user access",
                quoted(&req.actor)
            ),
        ));
    }
    if req.smart_access_role.is_none() && contracts.is_empty() {
        return Err(Error::new(
            ErrorCode::EmptyRequest,
            "",
            "the request has nothing to do: name a step 3.1 role (smartAccessRole) or contracts to migrate",
        ));
    }
    let done_on = account.snapshot.smart_access_migrated_on.get();
    if let (Some(_), Some(done)) = (req.smart_access_role, done_on) {
        return Err(Error::new(
            ErrorCode::SmartAccessAlreadyMigrated,
            "/smartAccessRole",
            format!(
                "step 3.1 was done on {done}; it runs once per SA, so leave smartAccessRole out"
            ),
        ));
    }
    if !contracts.is_empty() && done_on.is_none() && req.smart_access_role.is_none() {
        return Err(Error::new(
            ErrorCode::SmartAccessRoleRequired,
            "/smartAccessRole",
            "step 3.1 has not been done for this SA: choose licenseUser or fullUser for its existing users before migrating contracts",
        ));
    }
    if !contracts.is_empty() && req.contract_role.is_none() {
        return Err(Error::new(
            ErrorCode::ContractRoleRequired,
            "/contractRole",
            "choose the role for the contracts' users: serviceUser or fullUser",
        ));
    }
    Ok(Resolved {
        actor,
        on,
        smart_access_role: req.smart_access_role,
        contract_role: req.contract_role,
        contracts,
    })
}

/// One named contract's fate.
#[derive(Debug, Clone)]
pub struct ContractOutcome {
    pub contract: usize,
    pub excluded: FxHashSet<usize>,
    pub rejection: Option<Rejection>,
}

/// Everything the migration would do, as positions; `preview` and `apply` render it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub request: Resolved,
    /// Step 3.1 role and how many users hold a `user` grant it converts.
    pub smart_access: Option<(Role, usize)>,
    pub outcomes: Vec<ContractOutcome>,
    /// Per user: the grants after the migration, for users the request touches.
    pub after: Vec<Option<Vec<GrantKey>>>,
    /// Per user: the rules that fired, in order.
    pub log: Vec<Vec<Firing>>,
    pub grace_ends_on: Option<IsoDate>,
}

/// The grants a change adds and removes, each in listing order.
pub fn grant_changes(before: &[GrantKey], after: &[GrantKey]) -> (Vec<GrantKey>, Vec<GrantKey>) {
    let (before, after) = (sorted(before), sorted(after));
    // Both sorted: a binary search each, however many grants the user holds.
    let minus = |a: &[GrantKey], b: &[GrantKey]| -> Vec<GrantKey> {
        a.iter()
            .copied()
            .filter(|g| b.binary_search(g).is_err())
            .collect()
    };
    (minus(&after, &before), minus(&before, &after))
}

impl ContractOutcome {
    /// The contract's users going ahead (`false`) or left out (`true`), in contract order.
    pub fn users<'a>(&self, account: &'a Account, excluded: bool) -> Vec<&'a str> {
        account
            .contracts
            .get(self.contract)
            .map(|i| i.users.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|u| self.excluded.contains(u) == excluded)
            .map(|&u| account.user_id(u))
            .collect()
    }
}

impl Plan {
    pub fn migrated(&self) -> impl Iterator<Item = &ContractOutcome> {
        self.outcomes.iter().filter(|o| o.rejection.is_none())
    }

    /// The user's grants after the migration (unchanged for untouched users).
    pub fn grants_after<'a>(&'a self, account: &'a Account, user: usize) -> &'a [GrantKey] {
        match self.after.get(user) {
            Some(Some(after)) => after,
            _ => account
                .grants
                .get(user)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        }
    }
}

pub fn plan(account: &Account, req: &MigrationRequest) -> Result<Plan> {
    let request = resolve(account, req)?;
    let users = account.snapshot.users.len();
    let outcomes: Vec<ContractOutcome> = request
        .contracts
        .iter()
        .map(|(c, excluded)| ContractOutcome {
            contract: *c,
            excluded: excluded.clone(),
            rejection: eligibility(account, *c, Some(request.actor)),
        })
        .collect();

    // Grants each user receives from step 3.2, grouped by contract in request order.
    let mut additions: Vec<Vec<(usize, Vec<GrantKey>)>> = vec![Vec::new(); users];
    if let Some(role) = request.contract_role {
        for outcome in outcomes.iter().filter(|o| o.rejection.is_none()) {
            let Some(info) = account.contracts.get(outcome.contract) else {
                continue;
            };
            let gave: Vec<GrantKey> = info
                .vas
                .iter()
                .map(|&va| GrantKey { va: Some(va), role })
                .collect();
            for &u in info.users.iter().filter(|u| !outcome.excluded.contains(u)) {
                if let Some(list) = additions.get_mut(u) {
                    list.push((outcome.contract, gave.clone()));
                }
            }
        }
    }

    let mut after = vec![None; users];
    let mut log = vec![Vec::new(); users];
    let mut affected = 0;
    for (u, ((slot, fired), added)) in after
        .iter_mut()
        .zip(log.iter_mut())
        .zip(additions)
        .enumerate()
    {
        let mut grants: Vec<GrantKey> = account.grants.get(u).cloned().unwrap_or_default();
        let mut touched = false;
        if let Some(role) = request.smart_access_role {
            let took: Vec<GrantKey> = grants
                .iter()
                .copied()
                .filter(|g| g.role == Role::User)
                .collect();
            if !took.is_empty() {
                affected += 1;
                touched = true;
                let gave: Vec<GrantKey> = took.iter().map(|g| GrantKey { role, ..*g }).collect();
                grants.retain(|g| g.role != Role::User);
                // A grant given twice is one grant: `normalise` drops repeats.
                grants.extend(gave.iter().copied());
                fired.push(Firing::new(
                    ResolutionRule::SmartAccessMigration,
                    took,
                    gave,
                ));
            }
        }
        for (contract, gave) in added {
            touched = true;
            grants.extend(gave.iter().copied());
            fired.push(Firing {
                contract: Some(contract),
                ..Firing::new(ResolutionRule::ContractMigration, Vec::new(), gave)
            });
        }
        if touched {
            *slot = Some(normalise(&grants, account.va_count(), fired));
        }
    }

    let grace_ends_on = outcomes
        .iter()
        .any(|o| o.rejection.is_none())
        .then(|| request.on.add_days(GRACE_DAYS));
    Ok(Plan {
        smart_access: request.smart_access_role.map(|role| (role, affected)),
        request,
        outcomes,
        after,
        log,
        grace_ends_on,
    })
}
