//! The role catalog of SPEC §3, as data in one place: actions, roles, what each role allows
//! at each scope, display names, and the lookup from an action set back to a role.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use tsify::Tsify;

use crate::error::{quoted, ErrorCode};
use crate::model::read::coded;

/// Every action, in the order of the tables of SPEC §3. Action lists are always written
/// in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    DownloadSoftware,
    OpenCase,
    OrderUpgrade,
    ViewAll,
    PerformRma,
    UseLicense,
    ManageUsers,
    AssignAssets,
    MigrateAccess,
    ApproveRequests,
    ApproveAgreements,
    ViewAdminContacts,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::DownloadSoftware,
        Action::OpenCase,
        Action::OrderUpgrade,
        Action::ViewAll,
        Action::PerformRma,
        Action::UseLicense,
        Action::ManageUsers,
        Action::AssignAssets,
        Action::MigrateAccess,
        Action::ApproveRequests,
        Action::ApproveAgreements,
        Action::ViewAdminContacts,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Action::DownloadSoftware => "downloadSoftware",
            Action::OpenCase => "openCase",
            Action::OrderUpgrade => "orderUpgrade",
            Action::ViewAll => "viewAll",
            Action::PerformRma => "performRma",
            Action::UseLicense => "useLicense",
            Action::ManageUsers => "manageUsers",
            Action::AssignAssets => "assignAssets",
            Action::MigrateAccess => "migrateAccess",
            Action::ApproveRequests => "approveRequests",
            Action::ApproveAgreements => "approveAgreements",
            Action::ViewAdminContacts => "viewAdminContacts",
        }
    }

    pub fn display(self) -> &'static str {
        match self {
            Action::DownloadSoftware => "Download Software Image",
            Action::OpenCase => "Open TAC / Technical Case",
            Action::OrderUpgrade => "Order Software Version Upgrade",
            Action::ViewAll => "View All",
            Action::PerformRma => "Perform RMA",
            Action::UseLicense => "Use License",
            Action::ManageUsers => "Manage Users",
            Action::AssignAssets => "Assign Assets",
            Action::MigrateAccess => "Migrate Access",
            Action::ApproveRequests => "Approve Requests",
            Action::ApproveAgreements => "Approve Agreements",
            Action::ViewAdminContacts => "View Administrator Contacts",
        }
    }

    pub fn from_id(id: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.id() == id)
    }

    /// What to say of an id that is not an action.
    pub fn unknown(id: &str) -> String {
        let ids: Vec<_> = Action::ALL.iter().map(|a| a.id()).collect();
        format!(
            "{} is not an action; actions are {}",
            quoted(id),
            ids.join(", ")
        )
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// An action id; an unknown one is `UNKNOWN_ACTION`, with the list of actions.
impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = crate::model::read::Text::deserialize(d)?;
        Action::from_id(&id)
            .ok_or_else(|| D::Error::custom(coded(ErrorCode::UnknownAction, Action::unknown(&id))))
    }
}

/// A set of actions (a bit set; iteration follows the table order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Tsify)]
#[tsify(type = "Action[]")]
pub struct ActionSet(u16);

impl ActionSet {
    pub const EMPTY: ActionSet = ActionSet(0);
    pub const ALL: ActionSet = ActionSet((1 << 12) - 1);

    /// `of` for constants.
    pub const fn of_const(actions: &[Action]) -> ActionSet {
        let mut bits = 0;
        let mut rest = actions;
        while let [a, tail @ ..] = rest {
            bits |= 1 << (*a as u16);
            rest = tail;
        }
        ActionSet(bits)
    }

    pub fn of(actions: &[Action]) -> ActionSet {
        ActionSet(actions.iter().fold(0, |acc, a| acc | a.bit()))
    }
    pub fn contains(self, a: Action) -> bool {
        self.0 & a.bit() != 0
    }
    pub fn is_superset(self, other: ActionSet) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn union(self, other: ActionSet) -> ActionSet {
        ActionSet(self.0 | other.0)
    }
    pub fn intersect(self, other: ActionSet) -> ActionSet {
        ActionSet(self.0 & other.0)
    }
    pub fn minus(self, other: ActionSet) -> ActionSet {
        ActionSet(self.0 & !other.0)
    }
    pub fn iter(self) -> impl Iterator<Item = Action> {
        Action::ALL.into_iter().filter(move |a| self.contains(*a))
    }
}

/// The actions, in the order of the table of SPEC §3.
impl Serialize for ActionSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

use Action::*;

/// The six entitlement actions: what can be done on a line, license, device or order.
pub const ENTITLEMENT: ActionSet = ActionSet(0b11_1111);
/// What traditional (per-contract support) access gives on the contract's lines.
pub const TRADITIONAL: ActionSet = ActionSet(
    (1 << DownloadSoftware as u16)
        | (1 << OpenCase as u16)
        | (1 << OrderUpgrade as u16)
        | (1 << PerformRma as u16),
);
/// Actions that make sense inside one VA (SA-level administration does not).
pub const VA_SCOPED: ActionSet =
    ActionSet(ENTITLEMENT.0 | (1 << ManageUsers as u16) | (1 << AssignAssets as u16));

/// Where a grant or an access entry applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScopeKind {
    Sa,
    Va,
}

/// Roles, in catalog order (the order grants at one scope are listed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Admin,
    Approver,
    Viewer,
    User,
    LicenseUser,
    ServiceUser,
    FullUser,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Approver,
        Role::Viewer,
        Role::User,
        Role::LicenseUser,
        Role::ServiceUser,
        Role::FullUser,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Approver => "approver",
            Role::Viewer => "viewer",
            Role::User => "user",
            Role::LicenseUser => "licenseUser",
            Role::ServiceUser => "serviceUser",
            Role::FullUser => "fullUser",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The display name without its "SA"/"VA" prefix.
    pub fn display(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Approver => "Approver",
            Role::Viewer => "Viewer",
            Role::User => "User",
            Role::LicenseUser => "License User",
            Role::ServiceUser => "Service User",
            Role::FullUser => "Full User",
        }
    }

    /// User-type roles are the ones the merge and collapse rules of SPEC §4 combine.
    pub fn is_user_type(self) -> bool {
        !matches!(self, Role::Admin | Role::Approver)
    }

    /// Whether the role may be held at this scope (the approver is SA-only).
    pub fn allowed_at(self, scope: ScopeKind) -> bool {
        !(self == Role::Approver && scope == ScopeKind::Va)
    }

    /// The actions the role gives at a scope.
    pub fn actions(self, scope: ScopeKind) -> ActionSet {
        match (self, scope) {
            (Role::Admin, ScopeKind::Sa) => ActionSet::of(&[
                DownloadSoftware,
                OpenCase,
                OrderUpgrade,
                ViewAll,
                PerformRma,
                UseLicense,
                ManageUsers,
                AssignAssets,
                MigrateAccess,
                ApproveRequests,
                ApproveAgreements,
            ]),
            (Role::Admin, ScopeKind::Va) => VA_SCOPED,
            (Role::Approver, _) => ActionSet::of(&[ApproveAgreements]),
            (Role::Viewer, _) => ActionSet::of(&[ViewAll]),
            (Role::User, _) => ActionSet::of(&[UseLicense]),
            (Role::LicenseUser, _) => ActionSet::of(&[
                DownloadSoftware,
                OpenCase,
                OrderUpgrade,
                ViewAll,
                UseLicense,
            ]),
            (Role::ServiceUser, _) => ActionSet::of(&[
                DownloadSoftware,
                OpenCase,
                OrderUpgrade,
                ViewAll,
                PerformRma,
            ]),
            (Role::FullUser, _) => ENTITLEMENT,
        }
    }

    /// The role whose actions at `scope` are exactly `actions`, if any.
    pub fn for_actions(actions: ActionSet, scope: ScopeKind) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.allowed_at(scope) && r.actions(scope) == actions)
    }

    /// Like [`Role::for_actions`], restricted to user-type roles.
    pub fn user_type_for_actions(actions: ActionSet) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.is_user_type() && r.actions(ScopeKind::Va) == actions)
    }
}

/// A role id; an unknown one is `INVALID_ROLE`, with the list of roles.
impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = crate::model::read::Text::deserialize(d)?;
        Role::from_id(&id).ok_or_else(|| {
            let ids: Vec<_> = Role::ALL.iter().map(|r| r.id()).collect();
            D::Error::custom(coded(
                ErrorCode::InvalidRole,
                format!(
                    "{} is not a role; roles are {}",
                    quoted(&id),
                    ids.join(", ")
                ),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn license_and_service_user_make_a_full_user() {
        let union = Role::LicenseUser
            .actions(ScopeKind::Va)
            .union(Role::ServiceUser.actions(ScopeKind::Va));
        assert_eq!(
            Role::for_actions(union, ScopeKind::Va),
            Some(Role::FullUser)
        );
    }

    #[test]
    fn every_role_is_found_back_from_its_actions() {
        for scope in [ScopeKind::Sa, ScopeKind::Va] {
            for role in Role::ALL.into_iter().filter(|r| r.allowed_at(scope)) {
                assert_eq!(Role::for_actions(role.actions(scope), scope), Some(role));
            }
        }
        assert_eq!(Role::for_actions(TRADITIONAL, ScopeKind::Va), None);
    }

    #[test]
    fn admin_at_sa_adds_sa_level_administration() {
        let sa = Role::Admin.actions(ScopeKind::Sa);
        let va = Role::Admin.actions(ScopeKind::Va);
        assert!(sa.is_superset(va) && sa != va);
        assert!(sa.contains(Action::MigrateAccess) && !va.contains(Action::MigrateAccess));
        assert!(!sa.contains(Action::ViewAdminContacts));
    }

    #[test]
    fn ids_round_trip_and_sets_iterate_in_table_order() {
        for a in Action::ALL {
            assert_eq!(Action::from_id(a.id()), Some(a));
        }
        let ids: Vec<_> = Role::FullUser
            .actions(ScopeKind::Va)
            .iter()
            .map(Action::id)
            .collect();
        assert_eq!(
            ids,
            [
                "downloadSoftware",
                "openCase",
                "orderUpgrade",
                "viewAll",
                "performRma",
                "useLicense"
            ]
        );
        assert_eq!(Action::from_id("fly"), None);
        for a in Action::ALL {
            assert_eq!(
                serde_json::to_string(&a).ok(),
                Some(format!("\"{}\"", a.id()))
            );
        }
        for r in Role::ALL {
            assert_eq!(
                serde_json::to_string(&r).ok(),
                Some(format!("\"{}\"", r.id()))
            );
        }
        assert_eq!(Role::from_id("Admin"), None);
    }
}

/// The catalog's display names, for UIs (the preview element names every role and action
/// with these): roles in catalog order with their names at each scope they may be held at,
/// and actions in the order of SPEC §3.
#[derive(Debug, serde::Serialize, Tsify)]
pub struct Catalog {
    pub roles: Vec<RoleName>,
    pub actions: Vec<ActionName>,
}

#[derive(Debug, serde::Serialize, Tsify)]
pub struct RoleName {
    pub id: Role,
    /// "Full User": the name without its scope.
    pub name: &'static str,
    /// "SA Full User".
    pub sa: String,
    /// "VA Full User", or null for a role held at SA scope only.
    pub va: Option<String>,
}

#[derive(Debug, serde::Serialize, Tsify)]
pub struct ActionName {
    pub id: Action,
    pub name: &'static str,
}

impl Catalog {
    pub fn new() -> Catalog {
        Catalog {
            roles: Role::ALL
                .into_iter()
                .map(|role| RoleName {
                    id: role,
                    name: role.display(),
                    sa: format!("SA {}", role.display()),
                    va: role
                        .allowed_at(ScopeKind::Va)
                        .then(|| format!("VA {}", role.display())),
                })
                .collect(),
            actions: Action::ALL
                .into_iter()
                .map(|id| ActionName {
                    id,
                    name: id.display(),
                })
                .collect(),
        }
    }
}

impl Default for Catalog {
    fn default() -> Catalog {
        Catalog::new()
    }
}
