//! Role resolution (SPEC §6): can user U do action X on resource R on date D, and why.
//! Sources of access: SA and VA grants, traditional contract access (inside a grace period
//! too), order-based access (order shares) and the same-organisation rule for
//! administrator contacts.

use crate::prelude::*;

use crate::access::{sa_actions, traditional_active, va_actions, Entry, Moment};
use crate::account::{Account, GrantKey};
use crate::catalog::{Action, ActionSet, Role, ScopeKind, ENTITLEMENT, TRADITIONAL, VA_SCOPED};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::json::Value;
use crate::json_out::{Object, ToJson};
use crate::json_read::{as_array, date_value, try_map, Fields, Opt};
use crate::migration::GRACE_DAYS;
use crate::preview::{grant_out, GrantOut};
use crate::text::join;

/// What order-based access gives on what was shared ("User View").
pub const ORDER_SHARE: ActionSet = ActionSet::of_const(&[
    Action::ViewAll,
    Action::DownloadSoftware,
    Action::UseLicense,
]);

/// The fields a resource object may have (SPEC §6).
pub const RESOURCE_FIELDS: [&str; 7] = [
    "account", "va", "contract", "line", "license", "device", "order",
];

/// A resource with its ids resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Account,
    Va(usize),
    ContractLine {
        contract: usize,
        va: Option<usize>,
    },
    License {
        va: Option<usize>,
    },
    Device {
        va: Option<usize>,
        contract: Option<usize>,
    },
    Order {
        order: usize,
    },
    OrderLine {
        order: usize,
        line: usize,
        va: Option<usize>,
    },
}

impl Resource {
    fn noun(self) -> &'static str {
        match self {
            Resource::Account => "the Smart Account",
            Resource::Va(_) => "a virtual account",
            Resource::ContractLine { .. } => "a contract line",
            Resource::License { .. } => "a license",
            Resource::Device { .. } => "a device",
            Resource::Order { .. } => "an order",
            Resource::OrderLine { .. } => "an order line",
        }
    }

    /// The contract whose users have traditional access to this resource: a contract line's,
    /// or the contract covering a device.
    fn contract(self) -> Option<usize> {
        match self {
            Resource::ContractLine { contract, .. }
            | Resource::Device {
                contract: Some(contract),
                ..
            } => Some(contract),
            _ => None,
        }
    }

    /// The actions that can be asked about on this kind of resource.
    fn applicable(self) -> ActionSet {
        match self {
            Resource::Account => ActionSet::ALL,
            Resource::Va(_) => VA_SCOPED,
            _ => ENTITLEMENT,
        }
    }
}

/// One question: `{ "user", "action", "resource", "on" }`.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    pub user: usize,
    pub action: Action,
    pub resource: Resource,
    pub on: Date,
}

#[derive(Debug)]
pub enum Reason<'a> {
    /// A role grant at SA scope or at the resource's VA.
    Grant { grant: GrantOut<'a> },
    /// Traditional access through a contract the user is a contract user of.
    Contract {
        contract: &'a str,
        grace_ends_on: Option<Date>,
    },
    /// Order-based access: the order, or some of its lines, shared with the user.
    OrderShare {
        order: &'a str,
        lines: Option<Vec<&'a str>>,
        recipient: &'static str,
    },
    /// Administrator contacts: the user holds a role here and belongs to the SA's org.
    Organization { org: &'a str },
}

#[derive(Debug)]
pub struct Explanation<'a> {
    pub allowed: bool,
    pub user: &'a str,
    pub action: Action,
    pub on: Date,
    pub reasons: Vec<Reason<'a>>,
    /// When denied: why, and what would give the action.
    pub denial: Option<String>,
    /// When denied: the roles that give the action at the resource's scope.
    pub needs: Vec<Role>,
}

impl ToJson for Reason<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        match self {
            Reason::Grant { grant } => o.field("source", &"grant").field("grant", grant),
            Reason::Contract {
                contract,
                grace_ends_on,
            } => o
                .field("source", &"contract")
                .field("contract", contract)
                .field("graceEndsOn", grace_ends_on),
            Reason::OrderShare {
                order,
                lines,
                recipient,
            } => o
                .field("source", &"orderShare")
                .field("order", order)
                .field("lines", lines)
                .field("recipient", recipient),
            Reason::Organization { org } => o.field("source", &"organization").field("org", org),
        };
        o.end();
    }
}

impl ToJson for Explanation<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("allowed", &self.allowed)
            .field("user", &self.user)
            .field("action", &self.action)
            .field("on", &self.on)
            .field("reasons", &self.reasons)
            .field("denial", &self.denial)
            .field("needs", &self.needs)
            .end();
    }
}

/// What an index of ids holds for `id`.
fn found<T: Copy>((ids, values): &(crate::account::Ids, Vec<T>), id: &str) -> Option<T> {
    ids.get(id).and_then(|&i| values.get(i)).copied()
}

fn invalid(path: String, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidValue, path, message)
}

fn unknown(path: String, what: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("{what} \"{id}\" is not in the account"),
    )
}

impl Account {
    pub fn user_arg(&self, id: &str, path: &str) -> Result<usize> {
        self.user_index(id)
            .ok_or_else(|| unknown(path.to_owned(), "user", id))
    }

    /// Reads a resource object (SPEC §6) found at `path`.
    pub fn resource(&self, v: &Value, path: &str) -> Result<Resource> {
        let f = Fields::new(v, path.to_owned())?;
        const KINDS: [&str; 6] = ["account", "va", "contract", "license", "device", "order"];
        f.reject_unknown(&RESOURCE_FIELDS)?;
        let kinds: Vec<&str> = KINDS
            .into_iter()
            .filter(|k| f.opt_id(k).is_ok_and(|o| !o.is_absent()))
            .collect();
        let [kind] = kinds.as_slice() else {
            return Err(invalid(
                path.to_owned(),
                format!("a resource names exactly one of: {}", join(&KINDS, ", ")),
            ));
        };
        let id = f.id(kind)?;
        let at = f.at(kind);
        let line = f.opt_id("line")?;
        if !matches!(*kind, "contract" | "order") && !line.is_absent() {
            return Err(invalid(
                f.at("line"),
                format!("\"line\" goes with a contract or an order, not a {kind}"),
            ));
        }
        let inv = &self.inventory;
        Ok(match *kind {
            "account" if id == self.snapshot.id => Resource::Account,
            "account" => return Err(unknown(at, "account", &id)),
            "va" => Resource::Va(
                self.va_index(&id)
                    .ok_or_else(|| unknown(at, "virtual account", &id))?,
            ),
            "contract" => {
                let c = self
                    .contract_index(&id)
                    .ok_or_else(|| unknown(at, "contract", &id))?;
                let Opt::Value(line_id) = line else {
                    return Err(invalid(
                        f.at("line"),
                        "a contract resource names one of its lines: {\"contract\", \"line\"}",
                    ));
                };
                self.contract_line(c, &line_id).ok_or_else(|| {
                    unknown(f.at("line"), &format!("line of contract {id}"), &line_id)
                })?
            }
            "license" => Resource::License {
                va: found(&inv.licenses, &id).ok_or_else(|| unknown(at, "license", &id))?,
            },
            "device" => {
                let (va, contract) =
                    found(&inv.devices, &id).ok_or_else(|| unknown(at, "device", &id))?;
                Resource::Device { va, contract }
            }
            _ => {
                let order = *inv
                    .orders
                    .get(&id)
                    .ok_or_else(|| unknown(at, "order", &id))?;
                match line {
                    Opt::Value(line_id) => {
                        let (ids, vas) = inv
                            .order_lines
                            .get(order)
                            .ok_or_else(|| unknown(f.at("order"), "order", &id))?;
                        let l = *ids.get(&line_id).ok_or_else(|| {
                            unknown(f.at("line"), &format!("line of order {id}"), &line_id)
                        })?;
                        Resource::OrderLine {
                            order,
                            line: l,
                            va: vas.get(l).copied().flatten(),
                        }
                    }
                    _ => Resource::Order { order },
                }
            }
        })
    }

    /// The line `line_id` of contract `contract`, with the VA it is assigned to.
    pub fn contract_line(&self, contract: usize, line_id: &str) -> Option<Resource> {
        let info = self.contracts.get(contract)?;
        let line = *info.line_ids.get(line_id)?;
        Some(Resource::ContractLine {
            contract,
            va: info.line_vas.get(line).copied().flatten(),
        })
    }

    /// Reads `{ user, action, resource, on }` at `path`; `on` is required here (the JS layer
    /// fills in today).
    pub fn question(&self, v: &Value, path: &str) -> Result<Question> {
        let f = Fields::new(v, path.to_owned())?;
        f.reject_unknown(&["user", "action", "resource", "on"])?;
        let action_id = f.id("action")?;
        Ok(Question {
            user: self.user_arg(&f.id("user")?, &f.at("user"))?,
            action: Action::from_id(&action_id).ok_or_else(|| {
                let ids: Vec<_> = Action::ALL.iter().map(|a| a.id()).collect();
                Error::new(
                    ErrorCode::UnknownAction,
                    f.at("action"),
                    format!(
                        "\"{action_id}\" is not an action; actions are {}",
                        join(&ids, ", ")
                    ),
                )
            })?,
            resource: self.resource(f.required("resource")?, &f.at("resource"))?,
            on: date_value(f.required("on")?, &f.at("on"))?,
        })
    }

    /// Answers many questions (an array of question objects) in one call.
    pub fn can_many(&self, questions: &Value) -> Result<Vec<bool>> {
        let list = as_array(questions, "")?;
        try_map(list, |i, q| {
            self.question(q, &format!("/{i}")).map(|q| self.decide(&q))
        })
    }

    fn user_grants(&self, user: usize) -> &[GrantKey] {
        self.grants.get(user).map(Vec::as_slice).unwrap_or_default()
    }

    fn contract_active(&self, contract: usize, on: Date) -> Option<Option<Date>> {
        let c = self.snapshot.contracts.get(contract)?;
        let migrated = c.migrated_on.get().copied();
        traditional_active(c.access, migrated, Moment::On(on))
            .then(|| migrated.map(|d| d.add_days(GRACE_DAYS)))
    }

    /// Order shares whose recipient is the user (by id or e-mail).
    fn shares_of(&self, user: usize) -> impl Iterator<Item = &crate::account::Share> {
        let email = self
            .snapshot
            .users
            .get(user)
            .and_then(|u| u.email.get())
            .map(|e| e.to_ascii_lowercase());
        self.inventory
            .shares
            .iter()
            .filter(move |s| s.user == Some(user) || (s.email.is_some() && s.email == email))
    }

    /// The grants that reach the resource (SA scope always; the resource's VA), and for a
    /// whole order, VA grants whose VA holds every line of it.
    fn reaches(&self, g: GrantKey, resource: Resource) -> bool {
        match (g.va, resource) {
            (None, _) => true,
            (Some(_), Resource::Account) => false,
            (Some(v), Resource::Va(va)) => v == va,
            (Some(v), Resource::ContractLine { va, .. })
            | (Some(v), Resource::License { va })
            | (Some(v), Resource::Device { va, .. })
            | (Some(v), Resource::OrderLine { va, .. }) => va == Some(v),
            (Some(v), Resource::Order { order }) => self
                .inventory
                .order_lines
                .get(order)
                .is_some_and(|(_, vas)| !vas.is_empty() && vas.iter().all(|l| *l == Some(v))),
        }
    }

    /// The answer of [`Account::explain`] without its reasons: stops at the first source
    /// that gives the action and builds no text, since role checks sit on every rendered row.
    pub fn decide(&self, q: &Question) -> bool {
        let r = q.resource;
        if !r.applicable().contains(q.action) {
            return false;
        }
        if q.action == Action::ViewAdminContacts {
            return self.sees_admin_contacts(q.user);
        }
        if let (Resource::Device { contract: None, .. }, Action::PerformRma) = (r, q.action) {
            return false;
        }
        self.giving_grants(q).next().is_some()
            || self.traditional_grace(q).is_some()
            || self.covering_shares(q).next().is_some()
    }

    /// Administrator contacts: the user holds a role here and belongs to the SA's org.
    fn sees_admin_contacts(&self, user: usize) -> bool {
        let org = self.snapshot.users.get(user).and_then(|u| u.org.get());
        !self.user_grants(user).is_empty() && org == Some(&self.snapshot.org)
    }

    pub fn explain(&self, q: &Question) -> Explanation<'_> {
        let user = self.user_id(q.user);
        let mut reasons = Vec::new();
        let mut denial = None;
        let r = q.resource;
        if !r.applicable().contains(q.action) {
            denial = Some(format!(
                "{} is not an action on {}",
                q.action.id(),
                r.noun()
            ));
        } else if q.action == Action::ViewAdminContacts {
            if self.sees_admin_contacts(q.user) {
                reasons.push(Reason::Organization {
                    org: &self.snapshot.org,
                });
            } else {
                let org = self.snapshot.users.get(q.user).and_then(|u| u.org.get());
                denial = Some(if !self.user_grants(q.user).is_empty() {
                    format!(
                        "administrator contacts are shown only to users of {}; {user} is from {}",
                        self.snapshot.org,
                        org.map_or("no organisation", String::as_str)
                    )
                } else {
                    format!("{user} holds no role in this Smart Account")
                });
            }
        } else {
            self.grant_reasons(q, &mut reasons);
            self.contract_reasons(q, &mut reasons);
            self.share_reasons(q, &mut reasons);
            if let (Resource::Device { contract: None, .. }, Action::PerformRma) = (r, q.action) {
                reasons.clear();
                denial = Some("the device is not covered by a contract, and an uncovered device cannot be replaced".into());
            }
        }
        let allowed = !reasons.is_empty();
        let needs = if allowed {
            Vec::new()
        } else {
            self.roles_giving(q)
        };
        if !allowed && denial.is_none() {
            denial = Some(self.what_is_missing(q, &needs));
        }
        Explanation {
            allowed,
            user,
            action: q.action,
            on: q.on,
            reasons,
            denial,
            needs,
        }
    }

    /// The user's grants that reach the resource and give the action.
    fn giving_grants<'q>(&'q self, q: &'q Question) -> impl Iterator<Item = GrantKey> + 'q {
        self.user_grants(q.user).iter().copied().filter(move |&g| {
            self.reaches(g, q.resource)
                && g.actions()
                    .intersect(q.resource.applicable())
                    .contains(q.action)
        })
    }

    fn grant_reasons<'a>(&'a self, q: &Question, reasons: &mut Vec<Reason<'a>>) {
        for g in self.giving_grants(q) {
            reasons.push(Reason::Grant {
                grant: grant_out(self, g),
            });
        }
    }

    /// Traditional access to the contract of the resource: the contract and the end of its
    /// grace period (none while the contract is still traditional).
    fn traditional_grace(&self, q: &Question) -> Option<(usize, Option<Date>)> {
        let contract = q.resource.contract()?;
        if !self.is_contract_user(contract, q.user) || !TRADITIONAL.contains(q.action) {
            return None;
        }
        Some((contract, self.contract_active(contract, q.on)?))
    }

    fn is_contract_user(&self, contract: usize, user: usize) -> bool {
        self.contracts
            .get(contract)
            .is_some_and(|c| c.users.contains(&user))
    }

    fn contract_reasons<'a>(&'a self, q: &Question, reasons: &mut Vec<Reason<'a>>) {
        if let Some((contract, grace_ends_on)) = self.traditional_grace(q) {
            reasons.push(Reason::Contract {
                contract: self.contract_id(contract),
                grace_ends_on,
            });
        }
    }

    /// The user's shares of the order that cover the resource (the whole order, or the line).
    fn covering_shares<'q>(
        &'q self,
        q: &Question,
    ) -> impl Iterator<Item = &'q crate::account::Share> + 'q {
        let (order, line) = match q.resource {
            Resource::Order { order } if ORDER_SHARE.contains(q.action) => (Some(order), None),
            Resource::OrderLine { order, line, .. } if ORDER_SHARE.contains(q.action) => {
                (Some(order), Some(line))
            }
            _ => (None, None),
        };
        // No order (or an action shares do not give): no user to look up, no shares.
        let user = order.map(|_| q.user);
        user.into_iter()
            .flat_map(move |u| self.shares_of(u))
            .filter(move |s| Some(s.order) == order)
            .filter(move |s| match (&s.lines, line) {
                (None, _) => true,
                (Some(lines), Some(l)) => lines.contains(&l),
                (Some(_), None) => false,
            })
    }

    fn share_reasons<'a>(&'a self, q: &Question, reasons: &mut Vec<Reason<'a>>) {
        let orders = self.snapshot.orders.as_deref().unwrap_or_default();
        for share in self.covering_shares(q) {
            let Some(data) = orders.get(share.order) else {
                continue;
            };
            reasons.push(Reason::OrderShare {
                order: &data.id,
                lines: share_line_ids(data, share),
                recipient: if share.user.is_some() {
                    "user"
                } else {
                    "email"
                },
            });
        }
    }

    /// Roles that give the action at the resource's scope (SA, or the resource's VA).
    fn roles_giving(&self, q: &Question) -> Vec<Role> {
        let scope = match q.resource {
            Resource::Account => ScopeKind::Sa,
            _ => ScopeKind::Va,
        };
        if q.action == Action::ViewAdminContacts || !q.resource.applicable().contains(q.action) {
            return Vec::new();
        }
        Role::ALL
            .into_iter()
            .filter(|r| r.allowed_at(scope) && r.actions(scope).contains(q.action))
            .collect()
    }

    fn what_is_missing(&self, q: &Question, needs: &[Role]) -> String {
        let va = match q.resource {
            Resource::Va(v) => Some(v),
            Resource::ContractLine { va, .. }
            | Resource::License { va }
            | Resource::Device { va, .. }
            | Resource::OrderLine { va, .. } => va,
            _ => None,
        };
        let scope = match (q.resource, va) {
            (Resource::Account, _) => "at SA scope".to_owned(),
            (_, Some(v)) => format!("at SA scope or at VA {}", self.va_label(v)),
            (Resource::Order { .. }, None) => {
                "at SA scope (or at the VA holding every line of the order)".to_owned()
            }
            (_, None) => "at SA scope (the item is not assigned to a virtual account)".to_owned(),
        };
        let roles: Vec<&str> = needs.iter().map(|r| r.display()).collect();
        let mut text = format!(
            "{} has no role that allows {} {scope}; roles that do: {}",
            self.user_label(q.user),
            q.action.display(),
            join(&roles, ", ")
        );
        if let Some(c) = q
            .resource
            .contract()
            .filter(|_| TRADITIONAL.contains(q.action))
        {
            let is_user = self.is_contract_user(c, q.user);
            let ended = self
                .snapshot
                .contracts
                .get(c)
                .and_then(|d| d.migrated_on.get())
                .map(|d| d.add_days(GRACE_DAYS));
            text.push_str(&match (is_user, ended) {
                (true, Some(end)) => format!(
                    "; traditional access to contract {} ended on {end}",
                    self.contract_id(c)
                ),
                (true, None) => format!(
                    "; contract {} has Smart Access, so traditional access no longer applies",
                    self.contract_id(c)
                ),
                (false, _) => format!(
                    "; or support access to contract {} (as one of its contract users)",
                    self.contract_id(c)
                ),
            });
        }
        if matches!(
            q.resource,
            Resource::Order { .. } | Resource::OrderLine { .. }
        ) && ORDER_SHARE.contains(q.action)
        {
            text.push_str("; or the order (or that line) shared with them");
        }
        text
    }

    /// Everything the user can do on `on`: per SA, VA and unassigned item, contracts reached
    /// by traditional access, order shares, and whether they see administrator contacts.
    pub fn user_access(&self, user: usize, on: Date) -> UserAccess<'_> {
        let grants = self.user_grants(user);
        let has_sa = grants.iter().any(|g| g.va.is_none());
        let sa = sa_actions(grants);
        let vas = (0..self.va_count())
            .filter_map(|v| {
                let set = va_actions(grants, sa, v);
                (!set.is_empty()).then(|| (self.va_id(v), Entry::new(set, ScopeKind::Va)))
            })
            .collect();
        let unassigned = sa.intersect(ENTITLEMENT);
        let contracts = self
            .user_contracts
            .get(user)
            .into_iter()
            .flatten()
            .filter_map(|&c| {
                self.contract_active(c, on)
                    .map(|grace_ends_on| ContractAccess {
                        contract: self.contract_id(c),
                        actions: TRADITIONAL,
                        grace_ends_on,
                    })
            })
            .collect();
        let orders = self.snapshot.orders.as_deref().unwrap_or_default();
        let shares = self
            .shares_of(user)
            .filter_map(|s| {
                let data = orders.get(s.order)?;
                Some(ShareAccess {
                    order: &data.id,
                    lines: share_line_ids(data, s),
                    actions: ORDER_SHARE,
                })
            })
            .collect();
        UserAccess {
            user: self.user_id(user),
            on,
            sa: has_sa.then(|| Entry::new(sa, ScopeKind::Sa)),
            vas: crate::access::Pairs(vas),
            unassigned: (!unassigned.is_empty()).then(|| Entry::new(unassigned, ScopeKind::Va)),
            contracts,
            order_shares: shares,
            view_admin_contacts: self.sees_admin_contacts(user),
        }
    }
}

/// The ids of the lines a share names; `None` for a whole-order share.
fn share_line_ids<'a>(
    order: &'a crate::model::Order,
    share: &crate::account::Share,
) -> Option<Vec<&'a str>> {
    share.lines.as_ref().map(|ls| {
        ls.iter()
            .filter_map(|&l| order.lines.get(l))
            .map(|l| l.id.as_str())
            .collect()
    })
}

#[derive(Debug)]
pub struct UserAccess<'a> {
    pub user: &'a str,
    pub on: Date,
    pub sa: Option<Entry>,
    pub vas: crate::access::Pairs<'a>,
    pub unassigned: Option<Entry>,
    pub contracts: Vec<ContractAccess<'a>>,
    pub order_shares: Vec<ShareAccess<'a>>,
    pub view_admin_contacts: bool,
}

#[derive(Debug)]
pub struct ContractAccess<'a> {
    pub contract: &'a str,
    pub actions: ActionSet,
    pub grace_ends_on: Option<Date>,
}

#[derive(Debug)]
pub struct ShareAccess<'a> {
    pub order: &'a str,
    pub lines: Option<Vec<&'a str>>,
    pub actions: ActionSet,
}

impl ToJson for UserAccess<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("user", &self.user)
            .field("on", &self.on)
            .field("sa", &self.sa)
            .field("vas", &self.vas)
            .field("unassigned", &self.unassigned)
            .field("contracts", &self.contracts)
            .field("orderShares", &self.order_shares)
            .field("viewAdminContacts", &self.view_admin_contacts)
            .end();
    }
}

impl ToJson for ContractAccess<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("contract", &self.contract)
            .field("actions", &self.actions)
            .field("graceEndsOn", &self.grace_ends_on)
            .end();
    }
}

impl ToJson for ShareAccess<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("order", &self.order)
            .field("lines", &self.lines)
            .field("actions", &self.actions)
            .end();
    }
}
