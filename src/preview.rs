//! Renders a migration plan as the preview of SPEC §7: per-user before/after grants, the
//! rules that explain them, access before / during / after the grace period, warnings and
//! the exact submission.

use crate::prelude::*;

use crate::access::{line_actions, traditional_active, user_access, Access, Moment};
use crate::account::{Account, GrantKey};
use crate::catalog::{ActionSet, Role};
use crate::date::Date;
use crate::grants::{Firing, Rule};
use crate::json_out::{Object, ToJson};
use crate::migration::{grant_changes, Plan, RejectCode};
use crate::model::AccessMode;
use crate::text::join;
use crate::txid::{format_id, Fnv128};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrantOut<'a> {
    pub role: Role,
    pub va: Option<&'a str>,
}

#[derive(Debug)]
pub struct Preview<'a> {
    pub smart_access: Option<SmartAccessOut>,
    pub contracts: Vec<ContractOut<'a>>,
    pub grace_ends_on: Option<Date>,
    pub users: Vec<UserOut<'a>>,
    pub warnings: Vec<Warning<'a>>,
    pub submission: Submission<'a>,
}

#[derive(Debug)]
pub struct SmartAccessOut {
    pub role: Role,
    pub affected_users: usize,
}

#[derive(Debug)]
pub struct ContractOut<'a> {
    pub id: &'a str,
    pub status: &'static str,
    pub vas: Option<Vec<&'a str>>,
    pub users: Option<Vec<&'a str>>,
    pub excluded: Option<Vec<&'a str>>,
    pub code: Option<RejectCode>,
    pub message: Option<String>,
}

#[derive(Debug)]
pub struct UserOut<'a> {
    pub id: &'a str,
    pub before: Vec<GrantOut<'a>>,
    pub after: Vec<GrantOut<'a>>,
    pub resolution: Vec<RuleOut<'a>>,
    pub access: Timeline<'a>,
    pub loses_at_grace_end: Vec<Loss<'a>>,
}

#[derive(Debug)]
pub struct RuleOut<'a> {
    pub rule: Rule,
    pub contract: Option<&'a str>,
    pub took: Vec<GrantOut<'a>>,
    pub gave: Vec<GrantOut<'a>>,
    pub by: Option<GrantOut<'a>>,
    pub text: String,
}

#[derive(Debug)]
pub struct Timeline<'a> {
    pub before: Access<'a>,
    pub during_grace: Access<'a>,
    pub after_grace: Access<'a>,
}

/// Actions a user has on a contract's lines in one VA during the grace period and no
/// longer once it ends on `on`.
#[derive(Debug)]
pub struct Loss<'a> {
    pub contract: &'a str,
    pub va: Option<&'a str>,
    pub actions: ActionSet,
    pub on: Date,
}

#[derive(Debug)]
pub struct Warning<'a> {
    pub code: &'static str,
    pub message: String,
    pub user: Option<&'a str>,
    pub contract: Option<&'a str>,
}

#[derive(Debug)]
pub struct Submission<'a> {
    pub transaction_id: String,
    pub smart_access_migrated_on: Option<Date>,
    pub contracts: Vec<ContractChange<'a>>,
    pub changes: Vec<Change<'a>>,
}

#[derive(Debug)]
pub struct ContractChange<'a> {
    pub id: &'a str,
    pub access: AccessMode,
    pub migrated_on: Date,
}

#[derive(Debug)]
pub struct Change<'a> {
    pub user: &'a str,
    pub add: Vec<GrantOut<'a>>,
    pub remove: Vec<GrantOut<'a>>,
}

// ---- writing: the fields in the order of SPEC §7 ----

impl ToJson for GrantOut<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("role", &self.role)
            .some("va", self.va.as_ref().map(|v| v as _))
            .end();
    }
}

impl ToJson for Preview<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("smartAccess", &self.smart_access)
            .field("contracts", &self.contracts)
            .field("graceEndsOn", &self.grace_ends_on)
            .field("users", &self.users)
            .field("warnings", &self.warnings)
            .field("submission", &self.submission)
            .end();
    }
}

impl ToJson for SmartAccessOut {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("role", &self.role)
            .field("affectedUsers", &self.affected_users)
            .end();
    }
}

impl ToJson for ContractOut<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("status", &self.status)
            .some("vas", self.vas.as_ref().map(|v| v as _))
            .some("users", self.users.as_ref().map(|v| v as _))
            .some("excluded", self.excluded.as_ref().map(|v| v as _))
            .some("code", self.code.as_ref().map(|v| v as _))
            .some("message", self.message.as_ref().map(|v| v as _))
            .end();
    }
}

impl ToJson for UserOut<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("before", &self.before)
            .field("after", &self.after)
            .field("resolution", &self.resolution)
            .field("access", &self.access)
            .field("losesAtGraceEnd", &self.loses_at_grace_end)
            .end();
    }
}

impl ToJson for RuleOut<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("rule", &self.rule)
            .some("contract", self.contract.as_ref().map(|v| v as _))
            .field("took", &self.took)
            .field("gave", &self.gave)
            .some("by", self.by.as_ref().map(|v| v as _))
            .field("text", &self.text)
            .end();
    }
}

impl ToJson for Timeline<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("before", &self.before)
            .field("duringGrace", &self.during_grace)
            .field("afterGrace", &self.after_grace)
            .end();
    }
}

impl ToJson for Loss<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("contract", &self.contract)
            .field("va", &self.va)
            .field("actions", &self.actions)
            .field("on", &self.on)
            .end();
    }
}

impl ToJson for Warning<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("code", &self.code)
            .field("message", &self.message)
            .some("user", self.user.as_ref().map(|v| v as _))
            .some("contract", self.contract.as_ref().map(|v| v as _))
            .end();
    }
}

impl ToJson for Submission<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("transactionId", &self.transaction_id)
            .some(
                "smartAccessMigratedOn",
                self.smart_access_migrated_on.as_ref().map(|v| v as _),
            )
            .field("contracts", &self.contracts)
            .field("changes", &self.changes)
            .end();
    }
}

impl ToJson for ContractChange<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("access", &self.access)
            .field("migratedOn", &self.migrated_on)
            .end();
    }
}

impl ToJson for Change<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("user", &self.user)
            .field("add", &self.add)
            .field("remove", &self.remove)
            .end();
    }
}

pub fn grant_out(account: &Account, g: GrantKey) -> GrantOut<'_> {
    GrantOut {
        role: g.role,
        va: g.va.map(|va| account.va_id(va)),
    }
}

fn grants_out<'a>(account: &'a Account, grants: &[GrantKey]) -> Vec<GrantOut<'a>> {
    grants.iter().map(|&g| grant_out(account, g)).collect()
}

/// "SA License User", "VA Full User for VA A": the seeds' wording.
pub fn grant_text(account: &Account, g: GrantKey) -> String {
    match g.va {
        None => format!("SA {}", g.role.display()),
        Some(va) => format!("VA {} for {}", g.role.display(), account.va_label(va)),
    }
}

fn joined(account: &Account, grants: &[GrantKey], sep: &str) -> String {
    let texts: Vec<String> = grants.iter().map(|&g| grant_text(account, g)).collect();
    join(&texts, sep)
}

fn rule_text(account: &Account, f: &Firing) -> String {
    match f.rule {
        Rule::SmartAccessMigration => {
            let changes: Vec<String> = f
                .took
                .iter()
                .zip(&f.gave)
                .map(|(&t, &g)| format!("{} → {}", grant_text(account, t), grant_text(account, g)))
                .collect();
            format!(
                "Step 3.1 (Smart Access migration): {}",
                join(&changes, "; ")
            )
        }
        Rule::ContractMigration => format!(
            "Step 3.2 (contract {}): {}",
            f.contract
                .map(|c| account.contract_id(c))
                .unwrap_or_default(),
            joined(account, &f.gave, ", ")
        ),
        Rule::Subsumption => format!(
            "{} is dropped: {} already covers it",
            joined(account, &f.took, ", "),
            f.by.map(|b| grant_text(account, b)).unwrap_or_default()
        ),
        Rule::Merge => format!(
            "{} → {}",
            joined(account, &f.took, " + "),
            joined(account, &f.gave, ", ")
        ),
        Rule::Collapse => {
            let role = f.gave.first().map(|g| g.role.display()).unwrap_or_default();
            format!(
                "{} → {} ({role} on every VA, so {role} for the entire SA)",
                joined(account, &f.took, " + "),
                joined(account, &f.gave, ", ")
            )
        }
    }
}

fn rule_out<'a>(account: &'a Account, f: &Firing) -> RuleOut<'a> {
    RuleOut {
        rule: f.rule,
        contract: f.contract.map(|c| account.contract_id(c)),
        took: grants_out(account, &f.took),
        gave: grants_out(account, &f.gave),
        by: f.by.map(|b| grant_out(account, b)),
        text: rule_text(account, f),
    }
}

/// Grants in listing order, as written in the account for `before`.
fn sorted(grants: &[GrantKey]) -> Vec<GrantKey> {
    let mut out = grants.to_vec();
    crate::account::sort_grants(&mut out);
    out
}

/// Each contract's state before and after the migration, for traditional access.
struct States {
    before: Vec<(AccessMode, Option<Date>)>,
    after: Vec<(AccessMode, Option<Date>)>,
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

fn active(states: &[(AccessMode, Option<Date>)], c: usize, when: Moment) -> bool {
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
                    on: from.add_days(crate::migration::GRACE_DAYS),
                });
            }
        }
    }
    out
}

fn warnings<'a>(account: &'a Account, plan: &Plan, users: &[UserOut<'a>]) -> Vec<Warning<'a>> {
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
            code: "SINGLE_ADMINISTRATOR",
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
                code: "NO_USERS_TO_MIGRATE",
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
        if excluded && !migrated && user.access.after_grace.is_empty() {
            out.push(Warning {
                code: "EXCLUDED_USER_KEEPS_NOTHING",
                message: format!(
                    "{} is excluded from the migration of every contract they use and has no role: they lose all access when the grace period ends{}",
                    account.user_label(u),
                    plan.grace_ends_on.map(|d| format!(" on {d}")).unwrap_or_default()
                ),
                user: Some(user.id),
                contract: None,
            });
        }
    }
    out
}

pub fn transaction_id(account: &Account, request: &crate::request::MigrationRequest) -> String {
    format_id(
        Fnv128::default()
            .feed(account.snapshot())
            .feed(request)
            .finish(),
    )
}

pub fn render<'a>(
    account: &'a Account,
    plan: &Plan,
    request: &crate::request::MigrationRequest,
) -> Preview<'a> {
    let states = States::new(account, plan);
    let on = Moment::On(plan.request.on);
    let users: Vec<UserOut<'a>> = account
        .snapshot
        .users
        .iter()
        .enumerate()
        .map(|(u, user)| {
            let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
            let after = plan.grants_after(account, u);
            UserOut {
                id: &user.id,
                before: grants_out(account, &sorted(before)),
                after: grants_out(account, &sorted(after)),
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
                    after_grace: user_access(account, u, after, &|c| {
                        active(&states.after, c, Moment::AfterEveryGrace)
                    }),
                },
                loses_at_grace_end: losses(account, plan, &states, u),
            }
        })
        .collect();

    let changes = account
        .snapshot
        .users
        .iter()
        .enumerate()
        .filter_map(|(u, user)| {
            let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
            let (add, remove) = grant_changes(before, plan.grants_after(account, u));
            (!add.is_empty() || !remove.is_empty()).then(|| Change {
                user: &user.id,
                add: grants_out(account, &add),
                remove: grants_out(account, &remove),
            })
        })
        .collect();

    let contracts = plan
        .outcomes
        .iter()
        .map(|o| {
            let id = account.contract_id(o.contract);
            let info = account.contracts.get(o.contract);
            match &o.rejection {
                Some(r) => ContractOut {
                    id,
                    status: "rejected",
                    vas: None,
                    users: None,
                    excluded: None,
                    code: Some(r.code),
                    message: Some(r.message.clone()),
                },
                None => ContractOut {
                    id,
                    status: "migrated",
                    vas: Some(
                        info.map(|i| i.vas.iter().map(|&v| account.va_id(v)).collect())
                            .unwrap_or_default(),
                    ),
                    users: Some(o.users(account, false)),
                    excluded: Some(o.users(account, true)),
                    code: None,
                    message: None,
                },
            }
        })
        .collect();

    let warnings = warnings(account, plan, &users);
    Preview {
        smart_access: plan
            .smart_access
            .map(|(role, affected_users)| SmartAccessOut {
                role,
                affected_users,
            }),
        contracts,
        grace_ends_on: plan.grace_ends_on,
        users,
        warnings,
        submission: Submission {
            transaction_id: transaction_id(account, request),
            smart_access_migrated_on: plan.smart_access.map(|_| plan.request.on),
            contracts: plan
                .migrated()
                .map(|o| ContractChange {
                    id: account.contract_id(o.contract),
                    access: AccessMode::Smart,
                    migrated_on: plan.request.on,
                })
                .collect(),
            changes,
        },
    }
}
