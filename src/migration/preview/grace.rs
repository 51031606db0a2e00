//! Traditional access before and after the migration, and what a user loses when the grace
//! period ends.

use crate::migration::plan::Plan;
use crate::migration::preview::output::{ContractEnd, Losses, VaLoss};
use crate::model::access::{line_actions, traditional_active, Moment, GRACE_DAYS};
use crate::model::account::Account;
use crate::model::catalog::ActionSet;
use crate::model::date::IsoDate;
use crate::model::snapshot::AccessMode;

/// Each contract's state before and after the migration, for traditional access.
#[derive(Debug, Clone)]
pub struct States {
    pub before: Vec<(AccessMode, Option<IsoDate>)>,
    pub after: Vec<(AccessMode, Option<IsoDate>)>,
}

impl States {
    pub fn new(account: &Account, plan: &Plan) -> States {
        let before: Vec<_> = account
            .snapshot
            .contracts
            .iter()
            .map(|c| (c.access, c.migrated_on.get().copied()))
            .collect();
        let mut after = before.clone();
        for o in plan.migrated() {
            if let Some(state) = after.get_mut(o.contract) {
                *state = (AccessMode::Smart, Some(plan.request.on));
            }
        }
        States { before, after }
    }
}

pub fn active(states: &[(AccessMode, Option<IsoDate>)], c: usize, when: Moment) -> bool {
    states
        .get(c)
        .is_some_and(|&(mode, on)| traditional_active(mode, on, when))
}

/// What `user` loses when the grace periods of their contracts end (see [`Losses`]): every
/// contract of theirs whose traditional access is active during this migration and not
/// after every grace period, and every VA holding its lines. Each (contract, VA) pair of the
/// user is read once; what is lost is worked out once per VA.
pub fn losses<'a>(account: &'a Account, plan: &Plan, states: &States, user: usize) -> Losses<'a> {
    let during = Moment::On(plan.request.on);
    let grants = plan.grants_after(account, user);
    let lost =
        |va: Option<usize>| line_actions(grants, va, true).minus(line_actions(grants, va, false));
    let mut ending = Vec::new();
    let mut vas: Vec<usize> = Vec::new();
    let mut unassigned = false;
    for &c in account
        .user_contracts
        .get(user)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if !active(&states.after, c, during) || active(&states.after, c, Moment::AfterEveryGrace) {
            continue;
        }
        let (Some(info), Some(&(_, Some(from)))) = (account.contracts.get(c), states.after.get(c))
        else {
            continue;
        };
        vas.extend_from_slice(&info.vas);
        unassigned |= info.has_unassigned_lines();
        ending.push((c, info, from.add_days(GRACE_DAYS)));
    }
    vas.sort_unstable();
    vas.dedup();
    let lost_at: Vec<(usize, ActionSet)> = vas
        .into_iter()
        .map(|v| (v, lost(Some(v))))
        .filter(|(_, actions)| !actions.is_empty())
        .collect();
    let lost_unassigned = if unassigned {
        lost(None)
    } else {
        ActionSet::EMPTY
    };
    let loses_at = |v: &usize| lost_at.binary_search_by_key(v, |&(va, _)| va).is_ok();
    let contracts = ending
        .into_iter()
        .filter(|(_, info, _)| {
            info.vas.iter().any(loses_at)
                || (info.has_unassigned_lines() && !lost_unassigned.is_empty())
        })
        .map(|(c, _, on)| ContractEnd {
            contract: account.contract_id(c),
            on,
        })
        .collect();
    let vas = lost_at
        .into_iter()
        .map(|(va, actions)| (Some(va), actions))
        .chain((!lost_unassigned.is_empty()).then_some((None, lost_unassigned)))
        .map(|(va, actions)| VaLoss {
            va: va.map(|v| account.va_id(v)),
            actions,
        })
        .collect();
    Losses { vas, contracts }
}
