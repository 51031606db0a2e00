//! Traditional access before and after the migration, and what a user loses when the grace
//! period ends.

use crate::migration::plan::Plan;
use crate::migration::preview::output::Loss;
use crate::model::access::{line_actions, traditional_active, Moment, GRACE_DAYS};
use crate::model::account::Account;
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

pub fn losses<'a>(
    account: &'a Account,
    plan: &Plan,
    states: &States,
    user: usize,
) -> Vec<Loss<'a>> {
    let during = Moment::On(plan.request.on);
    let grants = plan.grants_after(account, user);
    let mut out = Vec::new();
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
        let vas = info
            .vas
            .iter()
            .map(|&v| Some(v))
            .chain(info.has_unassigned_lines().then_some(None));
        for va in vas {
            let lost = line_actions(grants, va, true).minus(line_actions(grants, va, false));
            if !lost.is_empty() {
                out.push(Loss {
                    contract: account.contract_id(c),
                    va: va.map(|v| account.va_id(v)),
                    actions: lost,
                    on: from.add_days(GRACE_DAYS),
                });
            }
        }
    }
    out
}
