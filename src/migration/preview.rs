//! Renders a migration plan as the preview of SPEC §7: per-user before/after grants, the
//! rules that explain them, access before / during / after the grace period, warnings and
//! the exact submission.

use serde::Serialize;
use tsify::Tsify;

use crate::error::Result;
use crate::migration::plan::{grant_changes, plan, Plan, RejectionCode};
use crate::migration::request::MigrationRequest;
use crate::migration::rules::{Firing, ResolutionRule};
use crate::migration::txid::transaction_id;
use crate::model::access::{
    line_actions, traditional_active, user_access, Access, Moment, GRACE_DAYS,
};
use crate::model::account::Account;
use crate::model::catalog::{ActionSet, Role};
use crate::model::date::IsoDate;
use crate::model::grant::{grant_ref, grant_refs, grant_text, sorted, GrantKey, GrantRef};
use crate::model::snapshot::AccessMode;

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

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MigrationPreview<'a> {
    /// Null when step 3.1 is not part of this request.
    pub smart_access: Option<SmartAccessOutcome>,
    pub contracts: Vec<ContractOutcome<'a>>,
    /// Null when no contract is migrated.
    pub grace_ends_on: Option<IsoDate>,
    pub users: Vec<UserPreview<'a>>,
    pub warnings: Vec<Warning<'a>>,
    pub submission: Submission<'a>,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SmartAccessOutcome {
    #[tsify(type = "'licenseUser' | 'fullUser'")]
    pub role: Role,
    pub affected_users: usize,
}

/// What became of one contract named in the request.
#[derive(Debug, Serialize, Tsify)]
pub struct ContractOutcome<'a> {
    pub id: &'a str,
    /// (The type named as text makes tsify write `{ id } & OutcomeStatus`: an interface
    /// cannot extend a union.)
    #[serde(flatten)]
    #[tsify(type = "OutcomeStatus")]
    pub status: OutcomeStatus<'a>,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum OutcomeStatus<'a> {
    Migrated {
        vas: Vec<&'a str>,
        users: Vec<&'a str>,
        excluded: Vec<&'a str>,
    },
    Rejected {
        code: RejectionCode,
        message: String,
    },
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UserPreview<'a> {
    pub id: &'a str,
    pub before: Vec<GrantRef<'a>>,
    pub after: Vec<GrantRef<'a>>,
    pub resolution: Vec<ResolutionStep<'a>>,
    pub access: Timeline<'a>,
    pub loses_at_grace_end: Vec<Loss<'a>>,
}

/// One rule of SPEC §4 that fired for a user, with the grants it took and gave.
#[derive(Debug, Serialize, Tsify)]
pub struct ResolutionStep<'a> {
    pub rule: ResolutionRule,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<&'a str>,
    pub took: Vec<GrantRef<'a>>,
    pub gave: Vec<GrantRef<'a>>,
    /// Subsumption: the grant that covers the dropped one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<GrantRef<'a>>,
    /// The step in words, e.g. "… → SA Full User (Full User on every VA, so Full User for
    /// the entire SA)".
    pub text: String,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Timeline<'a> {
    pub before: Access<'a>,
    pub during_grace: Access<'a>,
    pub after_grace: Access<'a>,
}

/// Actions a user has on a contract's lines in one VA during the grace period and no
/// longer once it ends on `on`.
#[derive(Debug, Serialize, Tsify)]
pub struct Loss<'a> {
    pub contract: &'a str,
    pub va: Option<&'a str>,
    pub actions: ActionSet,
    /// The day the grace period ends.
    pub on: IsoDate,
}

#[derive(Debug, Clone, Copy, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WarningCode {
    SingleAdministrator,
    NoUsersToMigrate,
    ExcludedUserKeepsNothing,
}

#[derive(Debug, Serialize, Tsify)]
pub struct Warning<'a> {
    pub code: WarningCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<&'a str>,
}

/// Exactly what will be submitted.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Submission<'a> {
    pub transaction_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smart_access_migrated_on: Option<IsoDate>,
    pub contracts: Vec<ContractChange<'a>>,
    pub changes: Vec<GrantChange<'a>>,
}

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ContractChange<'a> {
    pub id: &'a str,
    #[tsify(type = "'smart'")]
    pub access: AccessMode,
    pub migrated_on: IsoDate,
}

/// One user's grant changes.
#[derive(Debug, Serialize, Tsify)]
pub struct GrantChange<'a> {
    pub user: &'a str,
    pub add: Vec<GrantRef<'a>>,
    pub remove: Vec<GrantRef<'a>>,
}

fn joined(account: &Account, grants: &[GrantKey], sep: &str) -> String {
    let texts: Vec<String> = grants.iter().map(|&g| grant_text(account, g)).collect();
    texts.join(sep)
}

fn rule_text(account: &Account, f: &Firing) -> String {
    match f.rule {
        ResolutionRule::SmartAccessMigration => {
            let changes: Vec<String> = f
                .took
                .iter()
                .zip(&f.gave)
                .map(|(&t, &g)| format!("{} → {}", grant_text(account, t), grant_text(account, g)))
                .collect();
            format!("Step 3.1 (Smart Access migration): {}", changes.join("; "))
        }
        ResolutionRule::ContractMigration => format!(
            "Step 3.2 (contract {}): {}",
            f.contract
                .map(|c| account.contract_id(c))
                .unwrap_or_default(),
            joined(account, &f.gave, ", ")
        ),
        ResolutionRule::Subsumption => format!(
            "{} is dropped: {} already covers it",
            joined(account, &f.took, ", "),
            f.by.map(|b| grant_text(account, b)).unwrap_or_default()
        ),
        ResolutionRule::Merge => format!(
            "{} → {}",
            joined(account, &f.took, " + "),
            joined(account, &f.gave, ", ")
        ),
        ResolutionRule::Collapse => {
            let role = f.gave.first().map(|g| g.role.display()).unwrap_or_default();
            format!(
                "{} → {} ({role} on every VA, so {role} for the entire SA)",
                joined(account, &f.took, " + "),
                joined(account, &f.gave, ", ")
            )
        }
    }
}

fn rule_out<'a>(account: &'a Account, f: &Firing) -> ResolutionStep<'a> {
    ResolutionStep {
        rule: f.rule,
        contract: f.contract.map(|c| account.contract_id(c)),
        took: grant_refs(account, &f.took),
        gave: grant_refs(account, &f.gave),
        by: f.by.map(|b| grant_ref(account, b)),
        text: rule_text(account, f),
    }
}

/// Each contract's state before and after the migration, for traditional access.
#[derive(Debug, Clone)]
struct States {
    before: Vec<(AccessMode, Option<IsoDate>)>,
    after: Vec<(AccessMode, Option<IsoDate>)>,
}

impl States {
    fn new(account: &Account, plan: &Plan) -> States {
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

fn active(states: &[(AccessMode, Option<IsoDate>)], c: usize, when: Moment) -> bool {
    states
        .get(c)
        .is_some_and(|&(mode, on)| traditional_active(mode, on, when))
}

fn losses<'a>(account: &'a Account, plan: &Plan, states: &States, user: usize) -> Vec<Loss<'a>> {
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

fn warnings<'a>(
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
    pub fn losses<'a>(&self, account: &'a Account, u: usize) -> Vec<Loss<'a>> {
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
        MigrationPreview {
            smart_access: self.smart_access(),
            contracts: self.contracts(account),
            grace_ends_on: self.grace_ends_on(),
            users: (0..account.snapshot.users.len())
                .map(|u| self.user(account, u))
                .collect(),
            warnings: self.warnings(account),
            submission: self.submission(account),
        }
    }
}
