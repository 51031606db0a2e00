//! What a user can do where, from their grants and their traditional contract access, at
//! one moment: the ACCESS object of SPEC §7. Shared by the migration preview (access before,
//! during and after the grace period) and role resolution.

use serde::{Serialize, Serializer};
use tsify::Tsify;

use crate::model::account::Account;
use crate::model::catalog::{ActionSet, Role, ScopeKind, ENTITLEMENT, TRADITIONAL, VA_SCOPED};
use crate::model::date::IsoDate;
use crate::model::grant::{sorted, GrantKey};
use crate::model::snapshot::AccessMode;

/// Days of traditional access a contract keeps after it is migrated.
pub const GRACE_DAYS: i32 = 30;

/// A set of actions and the role it equals, when it equals one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
pub struct AccessEntry {
    pub actions: ActionSet,
    /// The role whose actions equal this set, if any.
    pub role: Option<Role>,
}

impl AccessEntry {
    pub fn new(actions: ActionSet, scope: ScopeKind) -> AccessEntry {
        AccessEntry {
            actions,
            role: Role::for_actions(actions, scope),
        }
    }
}

/// When traditional access is evaluated: on a day, or once every grace period is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    On(IsoDate),
    AfterEveryGrace,
}

/// Whether a contract in this state still gives its users traditional access.
pub fn traditional_active(access: AccessMode, migrated_on: Option<IsoDate>, when: Moment) -> bool {
    match (access, migrated_on, when) {
        (AccessMode::Traditional, _, _) => true,
        (AccessMode::Smart, Some(from), Moment::On(day)) => {
            from <= day && day < from.add_days(GRACE_DAYS)
        }
        (AccessMode::Smart, _, _) => false,
    }
}

/// A user's access: at SA scope, at each VA where they hold a VA grant (every other VA
/// gets exactly the SA entry), and on each contract they reach by traditional access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Access<'a> {
    /// SA-scope grants; null without one.
    pub sa: Option<AccessEntry>,
    /// VAs where the user holds a VA grant (SA grants folded in); every other VA has `sa`.
    pub vas: AccessEntries<'a>,
    /// Contracts reached by traditional access at that moment.
    pub contracts: AccessEntries<'a>,
}

/// Id → entry pairs, written as a JSON object in their order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Tsify)]
#[tsify(type = "Record<string, AccessEntry>")]
pub struct AccessEntries<'a>(pub Vec<(&'a str, AccessEntry)>);

impl AccessEntries<'_> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for AccessEntries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(id, entry)| (id, entry)))
    }
}

impl Access<'_> {
    pub fn is_empty(&self) -> bool {
        self.sa.is_none() && self.vas.is_empty() && self.contracts.is_empty()
    }
}

/// The union of the user's SA-scope grants.
pub fn sa_actions(grants: &[GrantKey]) -> ActionSet {
    grants
        .iter()
        .filter(|g| g.va.is_none())
        .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()))
}

/// What the user can do inside each VA they hold a grant at, in VA order: SA grants (`sa`,
/// from [`sa_actions`]) and the VA's own grants, limited to the actions that make sense in a
/// VA. One pass over the grants, sorted, however many VAs they name.
pub fn va_actions(grants: &[GrantKey], sa: ActionSet) -> Vec<(usize, ActionSet)> {
    sorted(grants)
        .chunk_by(|a, b| a.va == b.va)
        .filter_map(|group| {
            let va = group.first()?.va?;
            let set = group.iter().fold(sa, |acc, g| acc.union(g.actions()));
            Some((va, set.intersect(VA_SCOPED)))
        })
        .collect()
}

/// `active(c)` tells whether contract `c` gives traditional access at the moment wanted.
pub fn user_access<'a>(
    account: &'a Account,
    user: usize,
    grants: &[GrantKey],
    active: &dyn Fn(usize) -> bool,
) -> Access<'a> {
    let has_sa = grants.iter().any(|g| g.va.is_none());
    let sa = sa_actions(grants);
    let vas = va_actions(grants, sa)
        .into_iter()
        .map(|(va, set)| (account.va_id(va), AccessEntry::new(set, ScopeKind::Va)))
        .collect();
    let contracts = account
        .user_contracts
        .get(user)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|&&c| active(c))
        .map(|&c| {
            (
                account.contract_id(c),
                AccessEntry::new(TRADITIONAL, ScopeKind::Va),
            )
        })
        .collect();
    Access {
        sa: has_sa.then(|| AccessEntry::new(sa, ScopeKind::Sa)),
        vas: AccessEntries(vas),
        contracts: AccessEntries(contracts),
    }
}

/// The entitlement actions a user has on a line assigned to `va` (or unassigned).
pub fn line_actions(grants: &[GrantKey], va: Option<usize>, traditional: bool) -> ActionSet {
    let roles = grants
        .iter()
        .filter(|g| g.va.is_none() || (va.is_some() && g.va == va))
        .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()))
        .intersect(ENTITLEMENT);
    if traditional {
        roles.union(TRADITIONAL)
    } else {
        roles
    }
}
