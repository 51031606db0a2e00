//! The migration request of SPEC §7: read and checked for shape here, checked against the
//! account in `plan`.

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::Serialize;
use tsify::Tsify;

use crate::error::{quoted, ErrorCode, Result};
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::read::{coded, from_json_text, Object};
use crate::model::snapshot::Id;

/// Unknown fields are refused: a misspelt "smartAcessRole" must not silently become a
/// request without step 3.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields, expecting = "an object")]
pub struct MigrationRequest {
    pub actor: Id,
    /// The day the migration is submitted. Required by the engine; the JS API fills in
    /// today's UTC date when it is left out or null.
    #[serde(default)]
    #[tsify(optional)]
    pub on: Option<IsoDate>,
    /// Step 3.1: required while the SA has not been migrated, refused afterwards.
    #[serde(default, deserialize_with = "step_one_role")]
    #[tsify(optional, type = "'licenseUser' | 'fullUser' | null")]
    pub smart_access_role: Option<Role>,
    #[serde(default)]
    #[tsify(optional)]
    pub contracts: Vec<Id>,
    /// Step 3.2: the role every migrated contract user gets.
    #[serde(default, deserialize_with = "step_two_role")]
    #[tsify(optional, type = "'serviceUser' | 'fullUser' | null")]
    pub contract_role: Option<Role>,
    /// Per contract id, the contract users left out of its migration (input order).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string[]> | null")]
    pub exclude: Option<IndexMap<String, Vec<Id>>>,
}

impl MigrationRequest {
    pub fn from_json_str(text: &str) -> Result<MigrationRequest> {
        from_json_text(text).map(|Object(request)| request)
    }

    /// The request with `on` set to `today` where it was left out.
    pub fn on_or(mut self, today: IsoDate) -> MigrationRequest {
        self.on.get_or_insert(today);
        self
    }
}

fn step_one_role<'de, D: Deserializer<'de>>(d: D) -> core::result::Result<Option<Role>, D::Error> {
    step_role(d, [Role::LicenseUser, Role::FullUser], "step 3.1")
}

fn step_two_role<'de, D: Deserializer<'de>>(d: D) -> core::result::Result<Option<Role>, D::Error> {
    step_role(d, [Role::ServiceUser, Role::FullUser], "step 3.2")
}

/// An optional role among the two a step allows; null is the same as left out.
fn step_role<'de, D: Deserializer<'de>>(
    d: D,
    allowed: [Role; 2],
    step: &str,
) -> core::result::Result<Option<Role>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    match Role::from_id(&text).filter(|r| allowed.contains(r)) {
        Some(role) => Ok(Some(role)),
        None => {
            let [a, b] = allowed.map(Role::id);
            Err(D::Error::custom(coded(
                ErrorCode::InvalidRole,
                format!(
                    "{step} migrates users to \"{a}\" or \"{b}\"; {} is not one of them",
                    quoted(&text)
                ),
            )))
        }
    }
}
