//! Grants with their scope resolved (what the engine works on), and grants as they are
//! written in outputs.

use serde::Serialize;
use tsify::Tsify;

use crate::model::account::Account;
use crate::model::catalog::{ActionSet, Role, ScopeKind};

/// A grant with its scope resolved: `va` is the VA's position, `None` is SA scope.
/// The derived order is the listing order of SPEC §7: SA first, then VAs in account
/// order, then roles in catalog order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantKey {
    pub va: Option<usize>,
    pub role: Role,
}

impl GrantKey {
    pub fn scope_kind(self) -> ScopeKind {
        if self.va.is_some() {
            ScopeKind::Va
        } else {
            ScopeKind::Sa
        }
    }
    pub fn actions(self) -> ActionSet {
        self.role.actions(self.scope_kind())
    }
}

/// A grant as the engine writes it: no `va` means SA scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
pub struct GrantRef<'a> {
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub va: Option<&'a str>,
}

pub fn grant_ref(account: &Account, g: GrantKey) -> GrantRef<'_> {
    GrantRef {
        role: g.role,
        va: g.va.map(|va| account.va_id(va)),
    }
}

pub fn grant_refs<'a>(account: &'a Account, grants: &[GrantKey]) -> Vec<GrantRef<'a>> {
    grants.iter().map(|&g| grant_ref(account, g)).collect()
}

/// "SA License User", "VA Full User for VA A": the seeds' wording.
pub fn grant_text(account: &Account, g: GrantKey) -> String {
    match g.va {
        None => format!("SA {}", g.role.display()),
        Some(va) => format!("VA {} for {}", g.role.display(), account.va_label(va)),
    }
}

/// Grants in listing order.
pub fn sorted(grants: &[GrantKey]) -> Vec<GrantKey> {
    let mut out = grants.to_vec();
    out.sort_unstable();
    out
}
