//! Who can (SPEC §9): the reverse of a role check, for audits ("who can perform an RMA on
//! this device?"): every user who can do the action on the resource, with their reasons.

use serde::Serialize;
use tsify::Tsify;

use crate::error::{Error, ErrorCode, Result};
use crate::model::account::Account;
use crate::model::catalog::Action;
use crate::model::date::IsoDate;
use crate::resolve::can::Reason;
use crate::resolve::question::{ResolvedQuestion, ResolvedResource, Resource};

/// A user who can, with every source that gives them the action (as `explain` gives them).
#[derive(Debug, Serialize, Tsify)]
pub struct WhoCan<'a> {
    pub user: &'a str,
    pub reasons: Vec<Reason<'a>>,
}

impl Account {
    /// Every user who can do `action` on `resource` on `on`, in the account's order. The
    /// reasons are built only for those who can: the check alone decides the rest.
    pub fn who_can(
        &self,
        action: Action,
        resource: ResolvedResource,
        on: IsoDate,
    ) -> Vec<WhoCan<'_>> {
        (0..self.snapshot.users.len())
            .map(|user| ResolvedQuestion {
                user,
                action,
                resource,
                on,
            })
            .filter(|q| self.decide(q))
            .map(|q| WhoCan {
                user: self.user_id(q.user),
                reasons: self.explain(&q).reasons,
            })
            .collect()
    }

    /// The same from the question's parts as they arrive (errors point at `/action` and
    /// `/resource/...`, as in `can`).
    pub fn who_can_parts(
        &self,
        action: &str,
        resource: &Resource,
        on: IsoDate,
    ) -> Result<Vec<WhoCan<'_>>> {
        let action = Action::from_id(action).ok_or_else(|| {
            Error::new(ErrorCode::UnknownAction, "/action", Action::unknown(action))
        })?;
        Ok(self.who_can(action, self.resource(resource, "/resource")?, on))
    }
}
