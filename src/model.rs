//! The account snapshot of SPEC §7 as plain data: every known field typed, every unknown
//! field kept, so that reading and writing a snapshot back changes nothing.

use crate::prelude::*;

use crate::catalog::Role;
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{Map, Value};
use crate::json_out::{Object, ToJson};
use crate::json_read::{each, id_list, Fields, Opt};
use crate::text::join;

type Extra = Map;

#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub id: String,
    pub name: Opt<String>,
    pub org: String,
    pub smart_access_migrated_on: Opt<Date>,
    pub virtual_accounts: Vec<VirtualAccount>,
    pub users: Vec<User>,
    pub contracts: Vec<Contract>,
    pub licenses: Option<Vec<License>>,
    pub devices: Option<Vec<Device>>,
    pub orders: Option<Vec<Order>>,
    pub order_shares: Option<Vec<OrderShare>>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VirtualAccount {
    pub id: String,
    pub name: Opt<String>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: String,
    pub name: Opt<String>,
    pub email: Opt<String>,
    pub org: Opt<String>,
    pub grants: Option<Vec<Grant>>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub role: Role,
    /// Absent or null: SA scope.
    pub va: Opt<String>,
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractKind {
    Service,
    Subscription,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    Traditional,
    Smart,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    pub id: String,
    pub kind: ContractKind,
    pub access: AccessMode,
    pub migrated_on: Opt<Date>,
    pub administrators: Option<Vec<String>>,
    pub users: Option<Vec<String>>,
    pub lines: Vec<Line>,
    pub extra: Extra,
}

/// A contract line, an order line or a license: an id and the VA it is assigned to, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: String,
    pub va: Opt<String>,
    pub extra: Extra,
}

/// A license: an id and the VA it is assigned to, like a line.
pub type License = Line;

#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: String,
    pub va: Opt<String>,
    pub contract: Opt<String>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: String,
    pub lines: Vec<Line>,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderShare {
    pub order: String,
    pub lines: Option<Vec<String>>,
    pub user: Opt<String>,
    pub email: Opt<String>,
    pub extra: Extra,
}

// ---- reading: structure and types only; references are checked in `account` ----

impl Snapshot {
    pub fn read(v: &Value) -> Result<Snapshot> {
        const KNOWN: &[&str] = &[
            "id",
            "name",
            "org",
            "smartAccessMigratedOn",
            "virtualAccounts",
            "users",
            "contracts",
            "licenses",
            "devices",
            "orders",
            "orderShares",
        ];
        let f = Fields::new(v, String::new())?;
        Ok(Snapshot {
            id: f.id("id")?,
            name: f.opt_string("name")?,
            org: f.id("org")?,
            smart_access_migrated_on: f.opt_date("smartAccessMigratedOn")?,
            virtual_accounts: each(
                f.array("virtualAccounts")?,
                &f.at("virtualAccounts"),
                VirtualAccount::read,
            )?,
            users: each(f.array("users")?, &f.at("users"), User::read)?,
            contracts: each(f.array("contracts")?, &f.at("contracts"), Contract::read)?,
            licenses: opt_list(&f, "licenses", License::read)?,
            devices: opt_list(&f, "devices", Device::read)?,
            orders: opt_list(&f, "orders", Order::read)?,
            order_shares: opt_list(&f, "orderShares", OrderShare::read)?,
            extra: f.unknown(KNOWN),
        })
    }
}

/// A list that may be left out; left out stays left out when written back.
fn opt_list<T>(
    f: &Fields,
    key: &str,
    read: fn(&Value, String) -> Result<T>,
) -> Result<Option<Vec<T>>> {
    f.opt_array(key)?
        .map(|items| each(items, &f.at(key), read))
        .transpose()
}

impl VirtualAccount {
    fn read(v: &Value, path: String) -> Result<VirtualAccount> {
        let f = Fields::new(v, path)?;
        Ok(VirtualAccount {
            id: f.id("id")?,
            name: f.opt_string("name")?,
            extra: f.unknown(&["id", "name"]),
        })
    }
}

impl User {
    fn read(v: &Value, path: String) -> Result<User> {
        let f = Fields::new(v, path)?;
        Ok(User {
            id: f.id("id")?,
            name: f.opt_string("name")?,
            email: f.opt_string("email")?,
            org: f.opt_string("org")?,
            grants: opt_list(&f, "grants", Grant::read)?,
            extra: f.unknown(&["id", "name", "email", "org", "grants"]),
        })
    }
}

impl Grant {
    fn read(v: &Value, path: String) -> Result<Grant> {
        let f = Fields::new(v, path)?;
        let role_value = f.required("role")?;
        let role_text = role_value
            .as_str()
            .ok_or_else(|| crate::json_read::wrong_type(&f.at("role"), "a role id", role_value))?;
        let role = Role::from_id(role_text).ok_or_else(|| {
            let ids: Vec<_> = Role::ALL.iter().map(|r| r.id()).collect();
            Error::new(
                ErrorCode::InvalidRole,
                f.at("role"),
                format!(
                    "\"{role_text}\" is not a role; roles are {}",
                    join(&ids, ", ")
                ),
            )
        })?;
        Ok(Grant {
            role,
            va: f.opt_id("va")?,
            extra: f.unknown(&["role", "va"]),
        })
    }
}

impl Contract {
    fn read(v: &Value, path: String) -> Result<Contract> {
        let f = Fields::new(v, path)?;
        let list = |key: &str| {
            f.opt_array(key)?
                .map(|ids| id_list(ids, &f.at(key)))
                .transpose()
        };
        Ok(Contract {
            id: f.id("id")?,
            kind: f.choice(
                "kind",
                &[
                    ("service", ContractKind::Service),
                    ("subscription", ContractKind::Subscription),
                ],
            )?,
            access: f.choice(
                "access",
                &[
                    ("traditional", AccessMode::Traditional),
                    ("smart", AccessMode::Smart),
                ],
            )?,
            migrated_on: f.opt_date("migratedOn")?,
            administrators: list("administrators")?,
            users: list("users")?,
            lines: each(f.array("lines")?, &f.at("lines"), Line::read)?,
            extra: f.unknown(&[
                "id",
                "kind",
                "access",
                "migratedOn",
                "administrators",
                "users",
                "lines",
            ]),
        })
    }
}

impl Line {
    fn read(v: &Value, path: String) -> Result<Line> {
        let f = Fields::new(v, path)?;
        Ok(Line {
            id: f.id("id")?,
            va: f.opt_id("va")?,
            extra: f.unknown(&["id", "va"]),
        })
    }
}

impl Device {
    fn read(v: &Value, path: String) -> Result<Device> {
        let f = Fields::new(v, path)?;
        Ok(Device {
            id: f.id("id")?,
            va: f.opt_id("va")?,
            contract: f.opt_id("contract")?,
            extra: f.unknown(&["id", "va", "contract"]),
        })
    }
}

impl Order {
    fn read(v: &Value, path: String) -> Result<Order> {
        let f = Fields::new(v, path)?;
        Ok(Order {
            id: f.id("id")?,
            lines: each(f.array("lines")?, &f.at("lines"), Line::read)?,
            extra: f.unknown(&["id", "lines"]),
        })
    }
}

impl OrderShare {
    fn read(v: &Value, path: String) -> Result<OrderShare> {
        let f = Fields::new(v, path)?;
        let share = OrderShare {
            order: f.id("order")?,
            lines: f
                .opt_array("lines")?
                .map(|l| id_list(l, &f.at("lines")))
                .transpose()?,
            user: f.opt_id("user")?,
            email: f.opt_id("email")?,
            extra: f.unknown(&["order", "lines", "user", "email"]),
        };
        if share.user.get().is_some() == share.email.get().is_some() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                f.path.clone(),
                "an order share names exactly one recipient: \"user\" (a user id) or \"email\"",
            ));
        }
        Ok(share)
    }
}

// ---- writing: the fields in the order of SPEC §7, then the unknown ones as they came ----

impl ToJson for Snapshot {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .opt("name", &self.name)
            .field("org", &self.org)
            .opt("smartAccessMigratedOn", &self.smart_access_migrated_on)
            .field("virtualAccounts", &self.virtual_accounts)
            .field("users", &self.users)
            .field("contracts", &self.contracts)
            .some("licenses", self.licenses.as_ref().map(|v| v as _))
            .some("devices", self.devices.as_ref().map(|v| v as _))
            .some("orders", self.orders.as_ref().map(|v| v as _))
            .some("orderShares", self.order_shares.as_ref().map(|v| v as _))
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for VirtualAccount {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .opt("name", &self.name)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for User {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .opt("name", &self.name)
            .opt("email", &self.email)
            .opt("org", &self.org)
            .some("grants", self.grants.as_ref().map(|v| v as _))
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for Grant {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("role", &self.role)
            .opt("va", &self.va)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for ContractKind {
    fn write_json(&self, out: &mut String) {
        let name = match self {
            ContractKind::Service => "service",
            ContractKind::Subscription => "subscription",
        };
        name.write_json(out);
    }
}

impl ToJson for AccessMode {
    fn write_json(&self, out: &mut String) {
        let name = match self {
            AccessMode::Traditional => "traditional",
            AccessMode::Smart => "smart",
        };
        name.write_json(out);
    }
}

impl ToJson for Contract {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("access", &self.access)
            .opt("migratedOn", &self.migrated_on)
            .some(
                "administrators",
                self.administrators.as_ref().map(|v| v as _),
            )
            .some("users", self.users.as_ref().map(|v| v as _))
            .field("lines", &self.lines)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for Line {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .opt("va", &self.va)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for Device {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .opt("va", &self.va)
            .opt("contract", &self.contract)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for Order {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("lines", &self.lines)
            .extra(&self.extra)
            .end();
    }
}

impl ToJson for OrderShare {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("order", &self.order)
            .some("lines", self.lines.as_ref().map(|v| v as _))
            .opt("user", &self.user)
            .opt("email", &self.email)
            .extra(&self.extra)
            .end();
    }
}
