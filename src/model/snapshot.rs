//! The account snapshot of SPEC §7 as plain data: every known field typed, every unknown
//! field kept, so that reading and writing a snapshot back changes nothing. Shape and types
//! are checked here, while reading; references between ids are checked in `account`.

use core::fmt;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use tsify::Tsify;

use crate::error::ErrorCode;
use crate::model::catalog::Role;
use crate::model::date::IsoDate;
use crate::model::read::{coded, read_by_name, Text};

/// Fields of a snapshot object that the engine does not know, in input order, numbers
/// exactly as written.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A field that may be absent, null or set. Kept apart so that a snapshot read and written
/// back says exactly what it said before.
#[derive(Debug, Clone, PartialEq, Eq, Default, Tsify)]
#[tsify(type = "T | null")]
pub enum Opt<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Opt<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Opt::Value(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Opt::Absent)
    }
}

impl<T> Opt<Vec<T>> {
    /// The items of a list that may be absent or null (then: none).
    pub fn items(&self) -> &[T] {
        self.get().map_or(&[], Vec::as_slice)
    }
}

/// Absent fields are left out by `skip_serializing_if = "Opt::is_absent"`.
impl<T: Serialize> Serialize for Opt<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Opt<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(d)?.map_or(Opt::Null, Opt::Value))
    }
}

/// An identifier: a non-empty string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Tsify)]
#[serde(transparent)]
#[tsify(type = "string")]
pub struct Id(pub String);

impl core::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Text(id) = Text::deserialize(d)?;
        if id.is_empty() {
            return Err(de::Error::custom(coded(
                ErrorCode::InvalidValue,
                "an id must not be empty",
            )));
        }
        Ok(Id(id.into_owned()))
    }
}

/// What a field that is not in the input becomes: `Opt` fields are absent, every other field
/// is required.
trait WhenMissing: Sized {
    fn when_missing<E: de::Error>(field: &'static str) -> Result<Self, E> {
        Err(E::missing_field(field))
    }
}
impl<T> WhenMissing for Opt<T> {
    fn when_missing<E: de::Error>(_: &'static str) -> Result<Self, E> {
        Ok(Opt::Absent)
    }
}
impl WhenMissing for Id {}
impl WhenMissing for Role {}
impl WhenMissing for ContractKind {}
impl WhenMissing for AccessMode {}
impl<T> WhenMissing for Vec<T> {}

/// Declares a snapshot object: its known fields, each with its JSON name (named once, for
/// reading, writing and the TypeScript declaration), and `extra` for every other field. The
/// reader is written out rather than derived with `#[serde(flatten)]`, which buffers the
/// whole object (the whole account, at the top) before reading it and loses the path of a
/// refused value; this one reads field by field, so serde_path_to_error sees every step.
/// A field named twice keeps its last value, as `JSON.parse` does.
macro_rules! snapshot_object {
    ($(#[$meta:meta])* pub struct $name:ident {
        $( $(#[$field_meta:meta])* $field:ident : $ty:ty = $json:literal, )*
    }) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* #[serde(rename = $json)] pub $field: $ty, )*
            /// The fields the engine does not know, as they came.
            #[serde(flatten)]
            #[tsify(type = "Record<string, unknown>")]
            pub extra: Extra,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $( let mut $field: Option<$ty> = None; )*
                        let mut extra = Extra::new();
                        while let Some(Text(key)) = map.next_key()? {
                            match &*key {
                                $( $json => $field = Some(map.next_value()?), )*
                                _ => {
                                    let value = map.next_value()?;
                                    extra.insert(key.into_owned(), value);
                                }
                            }
                        }
                        Ok($name {
                            $( $field: match $field {
                                Some(v) => v,
                                None => WhenMissing::when_missing($json)?,
                            }, )*
                            extra,
                        })
                    }
                }
                d.deserialize_map(ObjectVisitor)
            }
        }
    };
}

snapshot_object! {
        pub struct AccountSnapshot {
        id: Id = "id",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        name: Opt<String> = "name",
        org: Id = "org",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        smart_access_migrated_on: Opt<IsoDate> = "smartAccessMigratedOn",
        virtual_accounts: Vec<VirtualAccount> = "virtualAccounts",
        users: Vec<User> = "users",
        contracts: Vec<Contract> = "contracts",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        licenses: Opt<Vec<Line>> = "licenses",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        devices: Opt<Vec<Device>> = "devices",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        orders: Opt<Vec<Order>> = "orders",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        order_shares: Opt<Vec<OrderShare>> = "orderShares",
    }
}

snapshot_object! {
    pub struct VirtualAccount {
        id: Id = "id",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        name: Opt<String> = "name",
    }
}

snapshot_object! {
    pub struct User {
        id: Id = "id",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        name: Opt<String> = "name",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        email: Opt<String> = "email",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        org: Opt<String> = "org",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        grants: Opt<Vec<Grant>> = "grants",
    }
}

snapshot_object! {
    /// A role held at SA scope (no `va`, or null) or at one VA.
    pub struct Grant {
        role: Role = "role",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        va: Opt<Id> = "va",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub enum ContractKind {
    Service,
    Subscription,
}
read_by_name!(ContractKind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub enum AccessMode {
    Traditional,
    Smart,
}
read_by_name!(AccessMode);

snapshot_object! {
    pub struct Contract {
        id: Id = "id",
        kind: ContractKind = "kind",
        access: AccessMode = "access",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        migrated_on: Opt<IsoDate> = "migratedOn",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        administrators: Opt<Vec<Id>> = "administrators",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        users: Opt<Vec<Id>> = "users",
        lines: Vec<Line> = "lines",
    }
}

snapshot_object! {
    /// A contract line, an order line or a license: an id and the VA it is assigned to
    /// (absent or null: none).
    pub struct Line {
        id: Id = "id",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        va: Opt<Id> = "va",
    }
}

snapshot_object! {
    pub struct Device {
        id: Id = "id",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        va: Opt<Id> = "va",
        /// The contract covering the device, if any.
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        contract: Opt<Id> = "contract",
    }
}

snapshot_object! {
    pub struct Order {
        id: Id = "id",
        lines: Vec<Line> = "lines",
    }
}

snapshot_object! {
    /// An order, or some of its lines (absent: the whole order), shared with one user (by
    /// id) or one e-mail address.
    pub struct OrderShare {
        order: Id = "order",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        lines: Opt<Vec<Id>> = "lines",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        user: Opt<Id> = "user",
        #[serde(default, skip_serializing_if = "Opt::is_absent")]
        email: Opt<Id> = "email",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::from_json_text;

    fn read(text: &str) -> Result<Vec<AccessMode>, (ErrorCode, String, String)> {
        from_json_text(text).map_err(|e| (e.code, e.path, e.message))
    }

    /// A mode is its name: the map form serde's derive would also take is refused.
    #[test]
    fn a_mode_is_read_from_its_name_only() {
        assert_eq!(
            read(r#"["smart", "traditional"]"#),
            Ok(vec![AccessMode::Smart, AccessMode::Traditional])
        );
        assert_eq!(
            serde_json::to_string(&[AccessMode::Smart, AccessMode::Traditional]).ok(),
            Some(r#"["smart","traditional"]"#.to_owned())
        );
        let refused = |code: ErrorCode, path: &str, message: &str| {
            Err((code, path.to_owned(), message.to_owned()))
        };
        assert_eq!(
            read(r#"["smart", {"smart": null}]"#),
            refused(
                ErrorCode::InvalidValue,
                "/1",
                "invalid type: map, expected a string"
            )
        );
        assert_eq!(
            read(r#"["hybrid"]"#),
            refused(
                ErrorCode::InvalidValue,
                "/0",
                "unknown variant \"hybrid\", expected \"traditional\" or \"smart\""
            )
        );
        assert_eq!(
            read("[5]"),
            refused(
                ErrorCode::InvalidValue,
                "/0",
                "invalid type: integer \"5\", expected a string"
            )
        );
    }
}
