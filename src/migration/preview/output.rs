//! The preview's shapes of SPEC §7, as the engine writes them (and as the TypeScript types
//! are generated from them).

use serde::Serialize;
use tsify::Tsify;

use crate::migration::plan::RejectionCode;
use crate::migration::rules::ResolutionRule;
use crate::model::access::Access;
use crate::model::catalog::{ActionSet, Role};
use crate::model::date::IsoDate;
use crate::model::grant::GrantRef;
use crate::model::snapshot::AccessMode;

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
    pub loses_at_grace_end: Losses<'a>,
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

/// What a user loses when grace periods end: where they lose what, and the contracts whose
/// traditional access ends for them. One entry per VA and one per contract, never one per
/// pair, so that it grows with the account and not with its users × contracts × VAs.
#[derive(Debug, Default, Serialize, Tsify)]
pub struct Losses<'a> {
    /// Per VA (null: lines in no VA) where the user reaches lines of such a contract, the
    /// actions lost on those lines: the same for every such contract, since once its grace
    /// period ends the user's roles alone decide there. In the account's order of VAs.
    pub vas: Vec<VaLoss<'a>>,
    /// The contracts whose traditional access ends for the user with something lost, each
    /// with the day its grace period ends (the first day without it).
    pub contracts: Vec<ContractEnd<'a>>,
}

impl Losses<'_> {
    /// Whether the user loses nothing.
    pub fn is_empty(&self) -> bool {
        self.vas.is_empty()
    }
}

#[derive(Debug, Serialize, Tsify)]
pub struct VaLoss<'a> {
    pub va: Option<&'a str>,
    pub actions: ActionSet,
}

#[derive(Debug, Serialize, Tsify)]
pub struct ContractEnd<'a> {
    pub contract: &'a str,
    /// The day its grace period ends.
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
