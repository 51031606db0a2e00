//! A planned migration read a page at a time (SPEC §9): its summary, pages of its users
//! filtered and searched, and pages of an account's users for pickers. A page of 50 users
//! is rendered from the plan when it is asked for; the whole preview never has to exist.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::error::{Error, ErrorCode, Result};
use crate::migration::flows::Flow;
use crate::migration::overview::Named;
use crate::migration::preview::{
    ContractOutcome, PlannedMigration, SmartAccessOutcome, UserPreview, Warning,
};
use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::read::{self, read_by_name};

/// One page of a list: `total` is how many items match the query.
#[derive(Debug, Serialize, Tsify)]
pub struct Page<T> {
    pub total: usize,
    pub offset: usize,
    pub items: Vec<T>,
}

/// Which users of a preview a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub enum UserFilter {
    #[default]
    All,
    /// Users whose grants the migration changes.
    Changed,
    /// Users who lose something when the grace period ends.
    LosingAtGraceEnd,
}
read_by_name!(UserFilter);

/// A page of a preview's users: `search` matches a user's id or name, ignoring ASCII case;
/// `flow` keeps the users who take the path at that index of the summary's `flows`; `offset`
/// defaults to 0, `limit` to 50 (at most 1,000).
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct PreviewQuery {
    #[serde(default)]
    #[tsify(optional, type = "UserFilter | null")]
    pub filter: Option<UserFilter>,
    #[serde(default, deserialize_with = "read::optional_count")]
    #[tsify(optional, type = "number | null")]
    pub flow: Option<usize>,
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub search: Option<String>,
    #[serde(default, deserialize_with = "read::optional_count")]
    #[tsify(optional, type = "number | null")]
    pub offset: Option<usize>,
    #[serde(default, deserialize_with = "read::optional_count")]
    #[tsify(optional, type = "number | null")]
    pub limit: Option<usize>,
}

/// A page of an account's users, for pickers; the same fields as `PreviewQuery` less the
/// filter.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct UsersQuery {
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub search: Option<String>,
    #[serde(default, deserialize_with = "read::optional_count")]
    #[tsify(optional, type = "number | null")]
    pub offset: Option<usize>,
    #[serde(default, deserialize_with = "read::optional_count")]
    #[tsify(optional, type = "number | null")]
    pub limit: Option<usize>,
}

/// How many users the preview lists, how many it changes and how many lose something at
/// the end of the grace period.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PreviewCounts {
    pub users: usize,
    pub changed: usize,
    pub losing_at_grace_end: usize,
}

/// Everything of the preview but its users and its grant changes.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PreviewSummary<'a> {
    pub smart_access: Option<SmartAccessOutcome>,
    pub contracts: Vec<ContractOutcome<'a>>,
    pub grace_ends_on: Option<IsoDate>,
    pub warnings: Vec<Warning<'a>>,
    pub counts: PreviewCounts,
    /// Who moves from which roles to which: every path users take, with how many take it,
    /// in the roles' catalog order (before, then after).
    pub flows: Vec<Flow>,
    pub transaction_id: String,
}

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 1000;

/// The offset and limit of a query, the limit checked.
fn window(offset: Option<usize>, limit: Option<usize>) -> Result<(usize, usize)> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "/limit",
            format!("a page holds at most {MAX_LIMIT} users; {limit} were asked for"),
        ));
    }
    Ok((offset.unwrap_or(0), limit))
}

/// Whether the user's id or name contains `needle` (already lower-cased), ignoring ASCII
/// case. Not full Unicode case folding: its tables would add 16 KB to the `.wasm` (the same
/// choice as for e-mail addresses in order shares).
fn matches(account: &Account, u: usize, needle: Option<&str>) -> bool {
    needle.is_none_or(|needle| {
        account.user_id(u).to_ascii_lowercase().contains(needle)
            || account.user_label(u).to_ascii_lowercase().contains(needle)
    })
}

/// The page `offset..offset + limit` of the users `keep` accepts, in account order.
fn page<T>(
    account: &Account,
    (offset, limit): (usize, usize),
    keep: impl Fn(usize) -> bool,
    item: impl Fn(usize) -> T,
) -> Page<T> {
    let mut total = 0;
    let mut items = Vec::new();
    for u in (0..account.snapshot.users.len()).filter(|&u| keep(u)) {
        if total >= offset && items.len() < limit {
            items.push(item(u));
        }
        total += 1;
    }
    Page {
        total,
        offset,
        items,
    }
}

impl Account {
    /// A page of the account's users, for pickers.
    pub fn users_page(&self, query: &UsersQuery) -> Result<Page<Named<'_>>> {
        let window = window(query.offset, query.limit)?;
        let needle = query.search.as_deref().map(str::to_ascii_lowercase);
        Ok(page(
            self,
            window,
            |u| matches(self, u, needle.as_deref()),
            |u| Named {
                id: self.user_id(u),
                name: self.user_label(u),
            },
        ))
    }
}

impl PlannedMigration {
    fn keeps(&self, account: &Account, u: usize, filter: UserFilter) -> bool {
        match filter {
            UserFilter::All => true,
            UserFilter::Changed => self.changes(account, u),
            UserFilter::LosingAtGraceEnd => !self.losses(account, u).is_empty(),
        }
    }

    pub fn summary<'a>(&self, account: &'a Account) -> PreviewSummary<'a> {
        let users = account.snapshot.users.len();
        let count = |filter| {
            (0..users)
                .filter(|&u| self.keeps(account, u, filter))
                .count()
        };
        PreviewSummary {
            smart_access: self.smart_access(),
            contracts: self.contracts(account),
            grace_ends_on: self.grace_ends_on(),
            warnings: self.warnings(account),
            counts: PreviewCounts {
                users,
                changed: count(UserFilter::Changed),
                losing_at_grace_end: count(UserFilter::LosingAtGraceEnd),
            },
            flows: self.flows(account),
            transaction_id: self.transaction_id.clone(),
        }
    }

    /// A page of the preview's users (SPEC §7 entries), in account order.
    pub fn users_page<'a>(
        &self,
        account: &'a Account,
        query: &PreviewQuery,
    ) -> Result<Page<UserPreview<'a>>> {
        let window = window(query.offset, query.limit)?;
        let needle = query.search.as_deref().map(str::to_ascii_lowercase);
        let filter = query.filter.unwrap_or_default();
        let path = match query.flow {
            Some(index) => {
                let paths = self.paths(account);
                let (path, _) = *paths.get(index).ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidValue,
                        "/flow",
                        format!(
                            "this preview has {} flows (0 to {}); there is no flow {index}",
                            paths.len(),
                            paths.len().saturating_sub(1)
                        ),
                    )
                })?;
                Some(path)
            }
            None => None,
        };
        Ok(page(
            account,
            window,
            |u| {
                matches(account, u, needle.as_deref())
                    && self.keeps(account, u, filter)
                    && path.is_none_or(|path| self.path_of(account, u) == path)
            },
            |u| self.user(account, u),
        ))
    }

    /// One user's entry; an unknown id is `UNKNOWN_REFERENCE` at `/user`.
    pub fn user_by_id<'a>(&self, account: &'a Account, id: &str) -> Result<UserPreview<'a>> {
        Ok(self.user(account, account.user_arg(id, "/user")?))
    }
}
