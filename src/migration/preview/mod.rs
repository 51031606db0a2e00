//! Renders a migration plan as the preview of SPEC §7: per-user before/after grants, the
//! rules that explain them, access before / during / after the grace period, warnings and
//! the exact submission.

mod grace;
mod output;
mod steps;
mod warnings;

pub use output::{
    ContractChange, ContractEnd, ContractOutcome, GrantChange, Losses, MigrationPreview,
    OutcomeStatus, ResolutionStep, SmartAccessOutcome, Submission, Timeline, UserPreview, VaLoss,
    Warning, WarningCode,
};

use crate::error::Result;
use crate::migration::plan::{grant_changes, plan, Plan};
use crate::migration::request::MigrationRequest;
use crate::migration::txid::transaction_id;
use crate::model::access::{user_access, Access, Moment};
use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::grant::{grant_refs, sorted, GrantKey};
use crate::model::snapshot::AccessMode;
use grace::{active, losses, States};
use steps::rule_out;
use warnings::warnings;

impl Account {
    /// The migration preview; changes nothing.
    pub fn preview(&self, request: &MigrationRequest) -> Result<MigrationPreview<'_>> {
        Ok(self.plan_migration(request)?.preview(self))
    }

    /// The migration planned once, for its preview to be read in parts (SPEC §9).
    pub fn plan_migration(&self, request: &MigrationRequest) -> Result<PlannedMigration> {
        let plan = plan(self, request)?;
        Ok(PlannedMigration {
            states: States::new(self, &plan),
            transaction_id: transaction_id(self, request),
            plan,
        })
    }
}

/// A migration planned against one account, changing nothing: every part of its preview
/// is rendered from it on demand. It holds positions in that account, so it is read with
/// the account it was planned against.
#[derive(Debug, Clone)]
pub struct PlannedMigration {
    pub(crate) plan: Plan,
    states: States,
    pub(crate) transaction_id: String,
}

impl PlannedMigration {
    /// One user's entry of the preview.
    pub fn user<'a>(&self, account: &'a Account, u: usize) -> UserPreview<'a> {
        let (plan, states) = (&self.plan, &self.states);
        let on = Moment::On(plan.request.on);
        let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
        let after = plan.grants_after(account, u);
        UserPreview {
            id: account.user_id(u),
            before: grant_refs(account, &sorted(before)),
            after: grant_refs(account, &sorted(after)),
            resolution: plan
                .log
                .get(u)
                .into_iter()
                .flatten()
                .map(|f| rule_out(account, f))
                .collect(),
            access: Timeline {
                before: user_access(account, u, before, &|c| active(&states.before, c, on)),
                during_grace: user_access(account, u, after, &|c| active(&states.after, c, on)),
                after_grace: self.after_grace(account, u),
            },
            loses_at_grace_end: self.losses(account, u),
        }
    }

    fn after_grace<'a>(&self, account: &'a Account, u: usize) -> Access<'a> {
        let after = self.plan.grants_after(account, u);
        user_access(account, u, after, &|c| {
            active(&self.states.after, c, Moment::AfterEveryGrace)
        })
    }

    /// What the user loses when the grace period ends.
    pub fn losses<'a>(&self, account: &'a Account, u: usize) -> Losses<'a> {
        losses(account, &self.plan, &self.states, u)
    }

    /// The grants the migration adds to and removes from the user.
    fn grant_changes(&self, account: &Account, u: usize) -> (Vec<GrantKey>, Vec<GrantKey>) {
        let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
        grant_changes(before, self.plan.grants_after(account, u))
    }

    /// Whether the migration changes the user's grants (without writing the changes out).
    pub fn changes(&self, account: &Account, u: usize) -> bool {
        let (add, remove) = self.grant_changes(account, u);
        !add.is_empty() || !remove.is_empty()
    }

    /// The user's grant changes, or `None` when the migration changes nothing for them.
    pub fn change<'a>(&self, account: &'a Account, u: usize) -> Option<GrantChange<'a>> {
        let (add, remove) = self.grant_changes(account, u);
        (!add.is_empty() || !remove.is_empty()).then(|| GrantChange {
            user: account.user_id(u),
            add: grant_refs(account, &add),
            remove: grant_refs(account, &remove),
        })
    }

    pub fn smart_access(&self) -> Option<SmartAccessOutcome> {
        self.plan
            .smart_access
            .map(|(role, affected_users)| SmartAccessOutcome {
                role,
                affected_users,
            })
    }

    pub fn grace_ends_on(&self) -> Option<IsoDate> {
        self.plan.grace_ends_on
    }

    /// What became of each contract of the request.
    pub fn contracts<'a>(&self, account: &'a Account) -> Vec<ContractOutcome<'a>> {
        self.plan
            .outcomes
            .iter()
            .map(|o| {
                let id = account.contract_id(o.contract);
                let info = account.contracts.get(o.contract);
                let status = match &o.rejection {
                    Some(r) => OutcomeStatus::Rejected {
                        code: r.code,
                        message: r.message.clone(),
                    },
                    None => OutcomeStatus::Migrated {
                        vas: info
                            .map(|i| i.vas.iter().map(|&v| account.va_id(v)).collect())
                            .unwrap_or_default(),
                        users: o.users(account, false),
                        excluded: o.users(account, true),
                    },
                };
                ContractOutcome { id, status }
            })
            .collect()
    }

    pub fn warnings<'a>(&self, account: &'a Account) -> Vec<Warning<'a>> {
        warnings(account, &self.plan, &|u| {
            self.after_grace(account, u).is_empty()
        })
    }

    /// Exactly what will be submitted.
    pub fn submission<'a>(&self, account: &'a Account) -> Submission<'a> {
        let plan = &self.plan;
        Submission {
            transaction_id: self.transaction_id.clone(),
            smart_access_migrated_on: plan.smart_access.map(|_| plan.request.on),
            contracts: plan
                .migrated()
                .map(|o| ContractChange {
                    id: account.contract_id(o.contract),
                    access: AccessMode::Smart,
                    migrated_on: plan.request.on,
                })
                .collect(),
            changes: (0..account.snapshot.users.len())
                .filter_map(|u| self.change(account, u))
                .collect(),
        }
    }

    /// The whole preview of SPEC §7.
    pub fn preview<'a>(&self, account: &'a Account) -> MigrationPreview<'a> {
        let users: Vec<UserPreview> = (0..account.snapshot.users.len())
            .map(|u| self.user(account, u))
            .collect();
        // The warnings read each user's access after the grace period from their entry
        // rather than resolving it again.
        let warnings = warnings(account, &self.plan, &|u| {
            users
                .get(u)
                .is_none_or(|entry| entry.access.after_grace.is_empty())
        });
        MigrationPreview {
            smart_access: self.smart_access(),
            contracts: self.contracts(account),
            grace_ends_on: self.grace_ends_on(),
            users,
            warnings,
            submission: self.submission(account),
        }
    }
}
