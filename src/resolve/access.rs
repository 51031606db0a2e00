//! Everything one user can do on one day (the JS API's `access`): per SA, VA and unassigned
//! item, contracts reached by traditional access, order shares, and administrator contacts.

use serde::Serialize;
use tsify::Tsify;

use crate::model::access::{sa_actions, va_actions, AccessEntries, AccessEntry};
use crate::model::account::Account;
use crate::model::catalog::{ActionSet, ScopeKind, ENTITLEMENT, TRADITIONAL, VA_SCOPED};
use crate::model::date::IsoDate;
use crate::resolve::can::{share_line_ids, ORDER_SHARE};

#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UserAccess<'a> {
    pub user: &'a str,
    pub on: IsoDate,
    pub sa: Option<AccessEntry>,
    /// Every VA where the user can do something (SA grants included).
    pub vas: AccessEntries<'a>,
    /// Items assigned to no VA: SA grants only.
    pub unassigned: Option<AccessEntry>,
    pub contracts: Vec<ContractAccess<'a>>,
    pub order_shares: Vec<ShareAccess<'a>>,
    pub view_admin_contacts: bool,
}

/// Traditional access through a contract the user is a contract user of.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ContractAccess<'a> {
    pub contract: &'a str,
    /// The contract's first line, to name it in `explain` (`{ contract, line }`); null when
    /// the contract has no lines.
    pub line: Option<&'a str>,
    pub actions: ActionSet,
    pub grace_ends_on: Option<IsoDate>,
}

/// An order, or some of its lines (`lines`; null: the whole order), shared with the user.
#[derive(Debug, Serialize, Tsify)]
pub struct ShareAccess<'a> {
    pub order: &'a str,
    pub lines: Option<Vec<&'a str>>,
    pub actions: ActionSet,
}

impl Account {
    /// Everything the user can do on `on`.
    pub fn user_access(&self, user: usize, on: IsoDate) -> UserAccess<'_> {
        let grants = self.user_grants(user);
        let has_sa = grants.iter().any(|g| g.va.is_none());
        let sa = sa_actions(grants);
        // A VA with no grant of its own sees the SA grants.
        let everywhere = sa.intersect(VA_SCOPED);
        let mut own = va_actions(grants, sa).into_iter().peekable();
        let vas = (0..self.va_count())
            .filter_map(|v| {
                let set = own
                    .next_if(|&(va, _)| va == v)
                    .map_or(everywhere, |(_, set)| set);
                (!set.is_empty()).then(|| (self.va_id(v), AccessEntry::new(set, ScopeKind::Va)))
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
                        line: self
                            .snapshot
                            .contracts
                            .get(c)
                            .and_then(|data| data.lines.first().map(|line| &*line.id)),
                        actions: TRADITIONAL,
                        grace_ends_on,
                    })
            })
            .collect();
        let orders = self.snapshot.orders.items();
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
            sa: has_sa.then(|| AccessEntry::new(sa, ScopeKind::Sa)),
            vas: AccessEntries(vas),
            unassigned: (!unassigned.is_empty())
                .then(|| AccessEntry::new(unassigned, ScopeKind::Va)),
            contracts,
            order_shares: shares,
            view_admin_contacts: self.sees_admin_contacts(user),
        }
    }
}
