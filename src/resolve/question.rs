//! Questions of role resolution (SPEC §6): `{ user, action, resource, on? }` as they arrive
//! (serde wire types, strings borrowed from the input where they can be), and read against
//! the account into positions.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::error::{pointer_push, quoted, Error, ErrorCode, Result};
use crate::model::account::{unknown_user, Account};
use crate::model::catalog::{Action, ActionSet, ENTITLEMENT, VA_SCOPED};
use crate::model::date::IsoDate;
use crate::model::read::{from_json_text, from_json_text_fast, object, Object, Text};

/// What a question is about: exactly one of `account`, `va`, `contract` (with its `line`),
/// `license`, `device` or `order` (with a `line`, or the whole order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct Resource<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub account: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub va: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub contract: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub line: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub license: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub device: Option<Text<'a>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "string")]
    pub order: Option<Text<'a>>,
}

impl Resource<'_> {
    /// The same resource, owning its ids.
    pub fn into_owned(self) -> Resource<'static> {
        let own = |t: Option<Text>| t.map(Text::into_owned);
        Resource {
            account: own(self.account),
            va: own(self.va),
            contract: own(self.contract),
            line: own(self.line),
            license: own(self.license),
            device: own(self.device),
            order: own(self.order),
        }
    }
}

/// One question as it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Tsify)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct Question<'a> {
    #[serde(borrow)]
    #[tsify(type = "string")]
    pub user: Text<'a>,
    pub action: Action,
    #[serde(borrow, deserialize_with = "object")]
    pub resource: Resource<'a>,
    /// Defaults to the `on` given with the questions, else today (UTC).
    #[serde(default)]
    #[tsify(optional, type = "IsoDate | null")]
    pub on: Option<IsoDate>,
}

/// A resource with its ids resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolvedResource {
    Account,
    Va(usize),
    ContractLine {
        contract: usize,
        va: Option<usize>,
    },
    License {
        va: Option<usize>,
    },
    Device {
        va: Option<usize>,
        contract: Option<usize>,
    },
    Order {
        order: usize,
    },
    OrderLine {
        order: usize,
        line: usize,
        va: Option<usize>,
    },
}

impl ResolvedResource {
    pub fn noun(self) -> &'static str {
        match self {
            ResolvedResource::Account => "the Smart Account",
            ResolvedResource::Va(_) => "a virtual account",
            ResolvedResource::ContractLine { .. } => "a contract line",
            ResolvedResource::License { .. } => "a license",
            ResolvedResource::Device { .. } => "a device",
            ResolvedResource::Order { .. } => "an order",
            ResolvedResource::OrderLine { .. } => "an order line",
        }
    }

    /// The contract whose users have traditional access to this resource: a contract line's,
    /// or the contract covering a device.
    pub fn contract(self) -> Option<usize> {
        match self {
            ResolvedResource::ContractLine { contract, .. }
            | ResolvedResource::Device {
                contract: Some(contract),
                ..
            } => Some(contract),
            _ => None,
        }
    }

    /// The actions that can be asked about on this kind of resource.
    pub fn applicable(self) -> ActionSet {
        match self {
            ResolvedResource::Account => ActionSet::ALL,
            ResolvedResource::Va(_) => VA_SCOPED,
            _ => ENTITLEMENT,
        }
    }
}

/// One question with its ids resolved.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedQuestion {
    pub user: usize,
    pub action: Action,
    pub resource: ResolvedResource,
    pub on: IsoDate,
}

fn invalid(path: String, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidValue, path, message)
}

fn unknown(path: String, what: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("{what} {} is not in the account", quoted(id)),
    )
}

/// What an index of ids holds for `id`.
fn found<T: Copy>((ids, values): &(crate::model::ids::Ids, Vec<T>), id: &str) -> Option<T> {
    ids.get(id).and_then(|&i| values.get(i)).copied()
}

impl Account {
    /// Resolves a resource found at `path`.
    pub fn resource(&self, r: &Resource, path: &str) -> Result<ResolvedResource> {
        self.resource_at(r, &|| path.to_owned())
    }

    /// The same with the path built only for an error: role checks come by the thousand.
    fn resource_at(&self, r: &Resource, path: &dyn Fn() -> String) -> Result<ResolvedResource> {
        let at = |key: &str| pointer_push(&path(), key);
        let kinds = [
            ("account", &r.account),
            ("va", &r.va),
            ("contract", &r.contract),
            ("license", &r.license),
            ("device", &r.device),
            ("order", &r.order),
        ];
        let mut named = kinds
            .iter()
            .filter_map(|(k, id)| Some((*k, id.as_deref()?)));
        let (Some((kind, id)), None) = (named.next(), named.next()) else {
            let names: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
            return Err(invalid(
                path(),
                format!("a resource names exactly one of: {}", names.join(", ")),
            ));
        };
        if id.is_empty() {
            return Err(invalid(at(kind), "an id must not be empty"));
        }
        let line = r.line.as_deref();
        if !matches!(kind, "contract" | "order") && line.is_some() {
            return Err(invalid(
                at("line"),
                format!("\"line\" goes with a contract or an order, not a {kind}"),
            ));
        }
        let inv = &self.inventory;
        Ok(match kind {
            "account" if id == &*self.snapshot.id => ResolvedResource::Account,
            "account" => return Err(unknown(at(kind), "account", id)),
            "va" => ResolvedResource::Va(
                self.va_index(id)
                    .ok_or_else(|| unknown(at(kind), "virtual account", id))?,
            ),
            "contract" => {
                let c = self
                    .contract_index(id)
                    .ok_or_else(|| unknown(at(kind), "contract", id))?;
                let Some(line_id) = line else {
                    return Err(invalid(
                        at("line"),
                        "a contract resource names one of its lines: {\"contract\", \"line\"}",
                    ));
                };
                self.contract_line(c, line_id).ok_or_else(|| {
                    unknown(at("line"), &format!("line of contract {id}"), line_id)
                })?
            }
            "license" => ResolvedResource::License {
                va: found(&inv.licenses, id).ok_or_else(|| unknown(at(kind), "license", id))?,
            },
            "device" => {
                let (va, contract) =
                    found(&inv.devices, id).ok_or_else(|| unknown(at(kind), "device", id))?;
                ResolvedResource::Device { va, contract }
            }
            _ => {
                let order = *inv
                    .orders
                    .get(id)
                    .ok_or_else(|| unknown(at(kind), "order", id))?;
                match line {
                    Some(line_id) => {
                        let (ids, vas) = inv
                            .order_lines
                            .get(order)
                            .ok_or_else(|| unknown(at(kind), "order", id))?;
                        let l = *ids.get(line_id).ok_or_else(|| {
                            unknown(at("line"), &format!("line of order {id}"), line_id)
                        })?;
                        ResolvedResource::OrderLine {
                            order,
                            line: l,
                            va: vas.get(l).copied().flatten(),
                        }
                    }
                    None => ResolvedResource::Order { order },
                }
            }
        })
    }

    /// The line `line_id` of contract `contract`, with the VA it is assigned to.
    pub fn contract_line(&self, contract: usize, line_id: &str) -> Option<ResolvedResource> {
        let info = self.contracts.get(contract)?;
        let line = *info.line_ids.get(line_id)?;
        Some(ResolvedResource::ContractLine {
            contract,
            va: info.line_vas.get(line).copied().flatten(),
        })
    }

    /// Resolves a question found at `path`; `today` is its date when it gives none.
    pub fn question(
        &self,
        q: &Question,
        path: &str,
        today: Option<IsoDate>,
    ) -> Result<ResolvedQuestion> {
        self.question_at(q, &|| path.to_owned(), today)
    }

    fn question_at(
        &self,
        q: &Question,
        path: &dyn Fn() -> String,
        today: Option<IsoDate>,
    ) -> Result<ResolvedQuestion> {
        let on = q.on.or(today).ok_or_else(|| {
            invalid(
                pointer_push(&path(), "on"),
                "the required field \"on\" (the day asked about, YYYY-MM-DD) is missing",
            )
        })?;
        let user = self
            .user_index(&q.user)
            .ok_or_else(|| unknown_user(&q.user, pointer_push(&path(), "user")))?;
        Ok(ResolvedQuestion {
            user,
            action: q.action,
            resource: self.resource_at(&q.resource, &|| pointer_push(&path(), "resource"))?,
            on,
        })
    }

    /// A question given as JSON text.
    pub fn question_text(&self, text: &str, today: Option<IsoDate>) -> Result<ResolvedQuestion> {
        let Object(question) = from_json_text(text)?;
        self.question(&question, "", today)
    }

    /// One question from its parts (the JS API's `can` and `explain`): paths are those of
    /// a question object (`/user`, `/action`, `/resource/…`, `/on`).
    pub fn question_from_parts(
        &self,
        user: &str,
        action: &str,
        resource: &Resource,
        on: IsoDate,
    ) -> Result<ResolvedQuestion> {
        let user = self.user_arg(user, "/user")?;
        let action = Action::from_id(action).ok_or_else(|| {
            Error::new(ErrorCode::UnknownAction, "/action", Action::unknown(action))
        })?;
        Ok(ResolvedQuestion {
            user,
            action,
            resource: self.resource(resource, "/resource")?,
            on,
        })
    }

    /// Answers many questions in one call; a question without `on` is asked for `today`.
    pub fn can_many(&self, questions: &[Question], today: Option<IsoDate>) -> Result<Vec<bool>> {
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                self.question_at(q, &|| format!("/{i}"), today)
                    .map(|q| self.decide(&q))
            })
            .collect()
    }

    /// The same from a JSON array of questions: read straight into borrowed wire types.
    pub fn can_many_text(&self, text: &str, today: Option<IsoDate>) -> Result<Vec<bool>> {
        let questions: Vec<Object<Question>> = from_json_text_fast(text)?;
        let questions: Vec<Question> = questions.into_iter().map(|Object(q)| q).collect();
        self.can_many(&questions, today)
    }
}
