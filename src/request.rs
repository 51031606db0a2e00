//! The migration request of SPEC §7: read and checked for shape here, checked against the
//! account in `migration`.

use crate::prelude::*;

use crate::catalog::Role;
use crate::date::Date;
use crate::error::{pointer_push, Error, ErrorCode, Result};
use crate::json::Value;
use crate::json_out::{Object, ToJson};
use crate::json_read::{
    as_array, date_value, each, id_list, id_value, parse_text, try_map, wrong_type, Fields, Opt,
};
use crate::text::join;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationRequest {
    pub actor: String,
    pub on: Date,
    pub smart_access_role: Option<Role>,
    pub contracts: Vec<String>,
    pub contract_role: Option<Role>,
    /// Per contract id, the contract users left out of its migration (input order).
    pub exclude: Vec<(String, Vec<String>)>,
}

/// The request as the transaction id hashes it; `exclude` as `[contract, [users]]` pairs,
/// in input order.
impl ToJson for MigrationRequest {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("actor", &self.actor)
            .field("on", &self.on)
            .field("smartAccessRole", &self.smart_access_role)
            .field("contracts", &self.contracts)
            .field("contractRole", &self.contract_role)
            .field("exclude", &self.exclude)
            .end();
    }
}

/// One `exclude` entry: `[contract, [users]]`.
impl ToJson for (String, Vec<String>) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

const KNOWN: &[&str] = &[
    "actor",
    "on",
    "smartAccessRole",
    "contracts",
    "contractRole",
    "exclude",
];

impl MigrationRequest {
    pub fn from_json_str(text: &str) -> Result<MigrationRequest> {
        MigrationRequest::from_value(&parse_text(text)?)
    }

    /// Unknown fields are rejected: a misspelt "smartAcessRole" must not silently become a
    /// request without step 3.1.
    pub fn from_value(v: &Value) -> Result<MigrationRequest> {
        let f = Fields::new(v, String::new())?;
        f.reject_unknown(KNOWN)?;
        let exclude = match f.opt("exclude", read_exclude)? {
            Opt::Value(list) => list,
            _ => Vec::new(),
        };
        Ok(MigrationRequest {
            actor: f.id("actor")?,
            on: date_value(f.required("on")?, &f.at("on"))?,
            smart_access_role: role_choice(
                &f,
                "smartAccessRole",
                &[Role::LicenseUser, Role::FullUser],
                "step 3.1",
            )?,
            contracts: match f.opt_array("contracts")? {
                Some(items) => each(items, &f.at("contracts"), |v, p| id_value(v, &p))?,
                None => Vec::new(),
            },
            contract_role: role_choice(
                &f,
                "contractRole",
                &[Role::ServiceUser, Role::FullUser],
                "step 3.2",
            )?,
            exclude,
        })
    }
}

fn read_exclude(v: &Value, path: &str) -> Result<Vec<(String, Vec<String>)>> {
    let map = v
        .as_object()
        .ok_or_else(|| wrong_type(path, "an object of contract id to user ids", v))?;
    try_map(map.iter(), |_, (contract, users)| {
        let path = pointer_push(path, contract);
        Ok((contract.clone(), id_list(as_array(users, &path)?, &path)?))
    })
}

/// An optional role among the ones a step allows; null is the same as left out.
fn role_choice(f: &Fields, key: &str, allowed: &[Role], step: &str) -> Result<Option<Role>> {
    let text = match f.opt_string(key)? {
        Opt::Value(text) => text,
        _ => return Ok(None),
    };
    match Role::from_id(&text).filter(|r| allowed.contains(r)) {
        Some(role) => Ok(Some(role)),
        None => {
            let names: Vec<_> = allowed.iter().map(|r| format!("\"{}\"", r.id())).collect();
            Err(Error::new(
                ErrorCode::InvalidRole,
                f.at(key),
                format!(
                    "{step} migrates users to {}; \"{text}\" is not one of them",
                    join(&names, " or ")
                ),
            ))
        }
    }
}
