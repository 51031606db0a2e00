//! Role resolution (SPEC §6): can user U do action X on resource R on date D, and why.
//! Sources of access: SA and VA grants, traditional contract access (inside a grace period
//! too), order-based access (order shares) and the same-organisation rule for
//! administrator contacts.

use serde::Serialize;
use tsify::Tsify;

use crate::model::access::{traditional_active, Moment, GRACE_DAYS};
use crate::model::account::Account;
use crate::model::catalog::{Action, ActionSet, Role, ScopeKind, TRADITIONAL};
use crate::model::date::IsoDate;
use crate::model::grant::{grant_ref, GrantKey, GrantRef};
use crate::model::inventory::Share;
use crate::model::snapshot::Order;
use crate::resolve::question::{ResolvedQuestion, ResolvedResource};

/// What order-based access gives on what was shared ("User View").
pub const ORDER_SHARE: ActionSet = ActionSet::of_const(&[
    Action::ViewAll,
    Action::DownloadSoftware,
    Action::UseLicense,
]);

/// A source that gives the action.
#[derive(Debug, Serialize, Tsify)]
#[serde(
    tag = "source",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reason<'a> {
    /// A role grant at SA scope or at the resource's VA.
    Grant { grant: GrantRef<'a> },
    /// Traditional access through a contract the user is a contract user of.
    Contract {
        contract: &'a str,
        grace_ends_on: Option<IsoDate>,
    },
    /// Order-based access: the order, or some of its lines, shared with the user.
    OrderShare {
        order: &'a str,
        lines: Option<Vec<&'a str>>,
        recipient: Recipient,
    },
    /// Administrator contacts: the user holds a role here and belongs to the SA's org.
    Organization { org: &'a str },
}

/// How an order share names its recipient.
#[derive(Debug, Clone, Copy, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Recipient {
    User,
    Email,
}

#[derive(Debug, Serialize, Tsify)]
pub struct Explanation<'a> {
    pub allowed: bool,
    pub user: &'a str,
    pub action: Action,
    pub on: IsoDate,
    /// Every source that gives the action; empty when denied.
    pub reasons: Vec<Reason<'a>>,
    /// When denied: why, and what would give the action.
    pub denial: Option<String>,
    /// When denied: the roles that give the action at the resource's scope.
    pub needs: Vec<Role>,
}

impl Account {
    pub(crate) fn user_grants(&self, user: usize) -> &[GrantKey] {
        self.grants.get(user).map(Vec::as_slice).unwrap_or_default()
    }

    pub(crate) fn contract_active(&self, contract: usize, on: IsoDate) -> Option<Option<IsoDate>> {
        let c = self.snapshot.contracts.get(contract)?;
        let migrated = c.migrated_on.get().copied();
        traditional_active(c.access, migrated, Moment::On(on))
            .then(|| migrated.map(|d| d.add_days(GRACE_DAYS)))
    }

    /// Order shares whose recipient is the user (by id or e-mail), in the account's order.
    pub(crate) fn shares_of(&self, user: usize) -> impl Iterator<Item = &Share> {
        let inv = &self.inventory;
        inv.shares_by_user
            .get(user)
            .into_iter()
            .flatten()
            .filter_map(|&i| inv.shares.get(i))
    }

    /// The grants that reach the resource (SA scope always; the resource's VA), and for a
    /// whole order, VA grants whose VA holds every line of it.
    fn reaches(&self, g: GrantKey, resource: ResolvedResource) -> bool {
        match (g.va, resource) {
            (None, _) => true,
            (Some(_), ResolvedResource::Account) => false,
            (Some(v), ResolvedResource::Va(va)) => v == va,
            (Some(v), ResolvedResource::ContractLine { va, .. })
            | (Some(v), ResolvedResource::License { va })
            | (Some(v), ResolvedResource::Device { va, .. })
            | (Some(v), ResolvedResource::OrderLine { va, .. }) => va == Some(v),
            (Some(v), ResolvedResource::Order { order }) => {
                self.inventory.order_vas.get(order) == Some(&Some(v))
            }
        }
    }

    /// The answer of [`Account::explain`] without its reasons: stops at the first source
    /// that gives the action and builds no text, since role checks sit on every rendered row.
    pub fn decide(&self, q: &ResolvedQuestion) -> bool {
        let r = q.resource;
        if !r.applicable().contains(q.action) {
            return false;
        }
        if q.action == Action::ViewAdminContacts {
            return self.sees_admin_contacts(q.user);
        }
        if let (ResolvedResource::Device { contract: None, .. }, Action::PerformRma) = (r, q.action)
        {
            return false;
        }
        self.giving_grants(q).next().is_some()
            || self.traditional_grace(q).is_some()
            || self.covering_shares(q).next().is_some()
    }

    /// Administrator contacts: the user holds a role here and belongs to the SA's org.
    pub(crate) fn sees_admin_contacts(&self, user: usize) -> bool {
        let org = self.snapshot.users.get(user).and_then(|u| u.org.get());
        !self.user_grants(user).is_empty() && org == Some(&self.snapshot.org.0)
    }

    pub fn explain(&self, q: &ResolvedQuestion) -> Explanation<'_> {
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
            if let (ResolvedResource::Device { contract: None, .. }, Action::PerformRma) =
                (r, q.action)
            {
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
    fn giving_grants<'q>(&'q self, q: &'q ResolvedQuestion) -> impl Iterator<Item = GrantKey> + 'q {
        self.user_grants(q.user).iter().copied().filter(move |&g| {
            self.reaches(g, q.resource)
                && g.actions()
                    .intersect(q.resource.applicable())
                    .contains(q.action)
        })
    }

    fn grant_reasons<'a>(&'a self, q: &ResolvedQuestion, reasons: &mut Vec<Reason<'a>>) {
        for g in self.giving_grants(q) {
            reasons.push(Reason::Grant {
                grant: grant_ref(self, g),
            });
        }
    }

    /// Traditional access to the contract of the resource: the contract and the end of its
    /// grace period (none while the contract is still traditional).
    fn traditional_grace(&self, q: &ResolvedQuestion) -> Option<(usize, Option<IsoDate>)> {
        let contract = q.resource.contract()?;
        if !self.is_contract_user(contract, q.user) || !TRADITIONAL.contains(q.action) {
            return None;
        }
        Some((contract, self.contract_active(contract, q.on)?))
    }

    fn contract_reasons<'a>(&'a self, q: &ResolvedQuestion, reasons: &mut Vec<Reason<'a>>) {
        if let Some((contract, grace_ends_on)) = self.traditional_grace(q) {
            reasons.push(Reason::Contract {
                contract: self.contract_id(contract),
                grace_ends_on,
            });
        }
    }

    /// The user's shares of the order that cover the resource (the whole order, or the line).
    fn covering_shares<'q>(&'q self, q: &ResolvedQuestion) -> impl Iterator<Item = &'q Share> + 'q {
        let (order, line) = match q.resource {
            ResolvedResource::Order { order } if ORDER_SHARE.contains(q.action) => {
                (Some(order), None)
            }
            ResolvedResource::OrderLine { order, line, .. } if ORDER_SHARE.contains(q.action) => {
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

    fn share_reasons<'a>(&'a self, q: &ResolvedQuestion, reasons: &mut Vec<Reason<'a>>) {
        let orders = self.snapshot.orders.items();
        for share in self.covering_shares(q) {
            let Some(data) = orders.get(share.order) else {
                continue;
            };
            reasons.push(Reason::OrderShare {
                order: &data.id,
                lines: share_line_ids(data, share),
                recipient: if share.user.is_some() {
                    Recipient::User
                } else {
                    Recipient::Email
                },
            });
        }
    }

    /// Roles that give the action at the resource's scope (SA, or the resource's VA).
    fn roles_giving(&self, q: &ResolvedQuestion) -> Vec<Role> {
        let scope = match q.resource {
            ResolvedResource::Account => ScopeKind::Sa,
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

    fn what_is_missing(&self, q: &ResolvedQuestion, needs: &[Role]) -> String {
        let va = match q.resource {
            ResolvedResource::Va(v) => Some(v),
            ResolvedResource::ContractLine { va, .. }
            | ResolvedResource::License { va }
            | ResolvedResource::Device { va, .. }
            | ResolvedResource::OrderLine { va, .. } => va,
            _ => None,
        };
        let scope = match (q.resource, va) {
            (ResolvedResource::Account, _) => "at SA scope".to_owned(),
            (_, Some(v)) => format!("at SA scope or at VA {}", self.va_label(v)),
            (ResolvedResource::Order { .. }, None) => {
                "at SA scope (or at the VA holding every line of the order)".to_owned()
            }
            (_, None) => "at SA scope (the item is not assigned to a virtual account)".to_owned(),
        };
        let roles: Vec<&str> = needs.iter().map(|r| r.display()).collect();
        let mut text = format!(
            "{} has no role that allows {} {scope}; roles that do: {}",
            self.user_label(q.user),
            q.action.display(),
            roles.join(", ")
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
            ResolvedResource::Order { .. } | ResolvedResource::OrderLine { .. }
        ) && ORDER_SHARE.contains(q.action)
        {
            text.push_str("; or the order (or that line) shared with them");
        }
        text
    }
}

/// The ids of the lines a share names; `None` for a whole-order share.
pub(crate) fn share_line_ids<'a>(order: &'a Order, share: &Share) -> Option<Vec<&'a str>> {
    share.lines.as_ref().map(|ls| {
        ls.iter()
            .filter_map(|&l| order.lines.get(l))
            .map(|l| &*l.id)
            .collect()
    })
}
