//! The choices of steps 3.1 and 3.2 side by side, before one is picked: the step 3.1 role
//! of the SA's users (License User or Full User, while step 3.1 is still to do) and the
//! step 3.2 role of the chosen contracts' users (Service User or Full User), each planned
//! against the same account. What a column shows is what tells the choices apart: how many
//! users change, how many get SA-wide access through collapse, how many lose something when
//! the grace period ends, and the warnings.

use serde::Serialize;
use tsify::Tsify;

use crate::error::Result;
use crate::migration::pages::PreviewSummary;
use crate::migration::request::MigrationRequest;
use crate::migration::rules::ResolutionRule;
use crate::model::account::Account;
use crate::model::catalog::Role;

/// One combination of the two roles, planned: its request and summary (the summary's counts
/// say how many users change and how many lose something at the grace end), and how many
/// users the collapse rule gives SA-wide access. Counts, not lists, so that four columns stay
/// small whatever the account; the details of a column come from its `Preview`.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Choice<'a> {
    /// The request this column previews: the one given, with these two roles. Submitting
    /// it (`preview`, `applyMigration`) picks the column.
    pub request: MigrationRequest,
    /// The preview's summary: contracts, warnings, grace end, counts, flows, transaction id.
    pub summary: PreviewSummary<'a>,
    /// How many users' grants collapse into one at SA scope: they get SA-wide access.
    pub collapsed: usize,
}

impl Account {
    /// Every combination of the roles the request could name, in the order License User /
    /// Full User (step 3.1) × Service User / Full User (step 3.2); the roles the request
    /// names are replaced. A step that does not apply (3.1 already done, no contracts chosen)
    /// contributes no choice of its own.
    pub fn compare(&self, request: &MigrationRequest) -> Result<Vec<Choice<'_>>> {
        let step_one: &[Option<Role>] = if self.snapshot.smart_access_migrated_on.get().is_some() {
            &[None]
        } else {
            &[Some(Role::LicenseUser), Some(Role::FullUser)]
        };
        let step_two: &[Option<Role>] = if request.contracts.is_empty() {
            &[None]
        } else {
            &[Some(Role::ServiceUser), Some(Role::FullUser)]
        };
        let mut choices = Vec::with_capacity(step_one.len() * step_two.len());
        for &smart_access_role in step_one {
            for &contract_role in step_two {
                let request = MigrationRequest {
                    smart_access_role,
                    contract_role,
                    ..request.clone()
                };
                choices.push(self.choice(request)?);
            }
        }
        Ok(choices)
    }

    fn choice(&self, request: MigrationRequest) -> Result<Choice<'_>> {
        let planned = self.plan_migration(&request)?;
        let collapsed = (0..self.snapshot.users.len())
            .filter(|&u| {
                planned.plan.log.get(u).is_some_and(|firings| {
                    firings.iter().any(|f| f.rule == ResolutionRule::Collapse)
                })
            })
            .count();
        Ok(Choice {
            summary: planned.summary(self),
            collapsed,
            request,
        })
    }
}
