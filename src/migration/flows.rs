//! Who moves where: each user's roles before and after the migration, named by role and
//! scope kind (which VA does not matter here), and how many users take each path. The
//! preview element draws these as its before → after view and filters its users by one.

use serde::Serialize;
use tsify::Tsify;

use crate::migration::preview::PlannedMigration;
use crate::model::account::Account;
use crate::model::catalog::{Role, ScopeKind};
use crate::model::grant::GrantKey;

/// Where a role is held: the whole Smart Account, or a virtual account (any).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    Sa,
    Va,
}

/// A role at a kind of scope: "SA User", "VA Full User".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
pub struct RoleAt {
    pub role: Role,
    pub scope: Scope,
}

/// A path and how many users take it: the roles they held before and hold after (each list
/// SA scope first, then VAs, in catalog order; empty: no role).
#[derive(Debug, Serialize, Tsify)]
pub struct Flow {
    pub from: Vec<RoleAt>,
    pub to: Vec<RoleAt>,
    pub users: usize,
}

/// The distinct roles of a list of grants by scope kind, as bits: SA roles in the low seven
/// (catalog order), VA roles in the next seven, so that the bits' order is the lists' order.
/// A whole path is one `usize` (28 bits), cheap to count and compare over every user.
fn roles_of(grants: &[GrantKey]) -> usize {
    grants.iter().fold(0, |bits, g| {
        let shift = match g.scope_kind() {
            ScopeKind::Sa => 0,
            ScopeKind::Va => Role::ALL.len(),
        };
        bits | 1 << (shift + g.role as usize)
    })
}

/// The roles a set of bits of [`roles_of`] names.
fn named(bits: usize) -> Vec<RoleAt> {
    [Scope::Sa, Scope::Va]
        .into_iter()
        .flat_map(|scope| {
            Role::ALL
                .into_iter()
                .map(move |role| RoleAt { role, scope })
        })
        .enumerate()
        .filter(|&(bit, _)| bits & 1 << bit != 0)
        .map(|(_, role)| role)
        .collect()
}

impl PlannedMigration {
    /// The path one user takes: their roles before in the high bits, after in the low.
    pub fn path_of(&self, account: &Account, u: usize) -> usize {
        let before = account.grants.get(u).map(Vec::as_slice).unwrap_or_default();
        roles_of(before) << 16 | roles_of(self.plan.grants_after(account, u))
    }

    /// Every path users take with its count, in the order of the paths' bits (the roles'
    /// catalog order): a stable order that needs no second sort (a UI orders them by count).
    pub fn paths(&self, account: &Account) -> Vec<(usize, usize)> {
        let mut paths: Vec<usize> = (0..account.snapshot.users.len())
            .map(|u| self.path_of(account, u))
            .collect();
        paths.sort_unstable();
        let mut counted: Vec<(usize, usize)> = Vec::new();
        for path in paths {
            match counted.last_mut() {
                Some((last, n)) if *last == path => *n += 1,
                _ => counted.push((path, 1)),
            }
        }
        counted
    }

    /// Every path users take, with how many users take it.
    pub fn flows(&self, account: &Account) -> Vec<Flow> {
        self.paths(account)
            .into_iter()
            .map(|(path, users)| Flow {
                from: named(path >> 16),
                to: named(path & 0xffff),
                users,
            })
            .collect()
    }
}
