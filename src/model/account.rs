//! A loaded account: the snapshot, validated once, plus the indexes the engine works on
//! (ids resolved to positions, so the migration never looks a string up twice).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{pointer_push, quoted, Error, ErrorCode, Result};
use crate::model::catalog::Role;
use crate::model::grant::GrantKey;
use crate::model::read::from_json_text;
use crate::model::snapshot::{AccessMode, AccountSnapshot, Id, Line, Opt};

/// Id -> position. A seedless hasher: the same input takes the same steps every run.
pub type Ids = FxHashMap<String, usize>;

/// What the engine needs to know of a contract, with ids resolved.
#[derive(Debug, Clone)]
pub struct ContractInfo {
    pub users: Vec<usize>,
    pub administrators: Vec<usize>,
    /// The VA of each line, in line order.
    pub line_vas: Vec<Option<usize>>,
    /// The distinct VAs holding at least one line, in account order.
    pub vas: Vec<usize>,
    /// Line id -> position.
    pub line_ids: Ids,
}

impl ContractInfo {
    pub fn assigned_lines(&self) -> usize {
        self.line_vas.iter().filter(|va| va.is_some()).count()
    }
    pub fn has_unassigned_lines(&self) -> bool {
        self.line_vas.iter().any(Option::is_none)
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    pub(crate) snapshot: AccountSnapshot,
    va_ids: Ids,
    user_ids: Ids,
    contract_ids: Ids,
    /// Each user's grants, resolved, in input order.
    pub(crate) grants: Vec<Vec<GrantKey>>,
    pub(crate) contracts: Vec<ContractInfo>,
    /// For each user, the contracts they are a contract user of, in account order.
    pub(crate) user_contracts: Vec<Vec<usize>>,
    pub(crate) inventory: Inventory,
}

/// Maps the ids to positions, failing on the first repeated id.
fn index_ids<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    path_of: &dyn Fn(usize) -> String,
    what: &str,
) -> Result<Ids> {
    let ids = ids.into_iter();
    let mut map = Ids::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    for (i, id) in ids.enumerate() {
        if let Some(first) = map.insert(id.to_owned(), i) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                path_of(i),
                format!(
                    "{what} id {} is used twice (first at position {first})",
                    quoted(id)
                ),
            ));
        }
    }
    Ok(map)
}

/// A user id given as an argument that is not in the account.
pub fn unknown_user(id: &str, path: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("user {} is not in the account", quoted(id)),
    )
}

fn lookup(map: &Ids, id: &str, path: &str, what: &str, list: &str) -> Result<usize> {
    map.get(id).copied().ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownReference,
            path,
            format!("{what} {} is not in {list}", quoted(id)),
        )
    })
}

impl Account {
    /// Reads JSON text straight into the snapshot, then validates it.
    pub fn from_json_str(text: &str) -> Result<Account> {
        Account::from_snapshot(from_json_text(text)?)
    }

    pub fn snapshot(&self) -> &AccountSnapshot {
        &self.snapshot
    }

    pub fn va_id(&self, va: usize) -> &str {
        self.snapshot.virtual_accounts.get(va).map_or("", |v| &v.id)
    }

    /// The VA's name where it has one, else its id: what people read.
    pub fn va_label(&self, va: usize) -> &str {
        match self.snapshot.virtual_accounts.get(va) {
            Some(v) => v.name.get().map_or(&v.id, String::as_str),
            None => "",
        }
    }

    pub fn user_id(&self, user: usize) -> &str {
        self.snapshot.users.get(user).map_or("", |u| &u.id)
    }

    pub fn user_label(&self, user: usize) -> &str {
        match self.snapshot.users.get(user) {
            Some(u) => u.name.get().map_or(&u.id, String::as_str),
            None => "",
        }
    }

    pub fn contract_id(&self, contract: usize) -> &str {
        self.snapshot.contracts.get(contract).map_or("", |c| &c.id)
    }

    /// The user `id` given as an argument at `path`, or `UNKNOWN_REFERENCE`.
    pub fn user_arg(&self, id: &str, path: &str) -> Result<usize> {
        self.user_index(id).ok_or_else(|| unknown_user(id, path))
    }

    pub fn user_index(&self, id: &str) -> Option<usize> {
        self.user_ids.get(id).copied()
    }

    pub fn contract_index(&self, id: &str) -> Option<usize> {
        self.contract_ids.get(id).copied()
    }

    pub fn va_count(&self) -> usize {
        self.snapshot.virtual_accounts.len()
    }

    pub fn is_sa_admin(&self, user: usize) -> bool {
        self.grants.get(user).is_some_and(|g| {
            g.contains(&GrantKey {
                va: None,
                role: Role::Admin,
            })
        })
    }

    /// Validates references, duplicates and role rules, and builds the indexes.
    pub fn from_snapshot(snapshot: AccountSnapshot) -> Result<Account> {
        let s = &snapshot;
        let va_ids = index_ids(
            s.virtual_accounts.iter().map(|v| &*v.id),
            &|i| format!("/virtualAccounts/{i}/id"),
            "virtual account",
        )?;
        let user_ids = index_ids(
            s.users.iter().map(|u| &*u.id),
            &|i| format!("/users/{i}/id"),
            "user",
        )?;
        let contract_ids = index_ids(
            s.contracts.iter().map(|c| &*c.id),
            &|i| format!("/contracts/{i}/id"),
            "contract",
        )?;
        let va_ref = |id: &Opt<Id>, path: &str| -> Result<Option<usize>> {
            id.get()
                .map(|id| lookup(&va_ids, id, path, "virtual account", "virtualAccounts"))
                .transpose()
        };

        let mut grants = Vec::with_capacity(s.users.len());
        // The grants of the user being read, to refuse one held twice in constant time.
        let mut held: FxHashSet<GrantKey> = FxHashSet::default();
        for (u, user) in s.users.iter().enumerate() {
            let mut resolved: Vec<GrantKey> = Vec::new();
            held.clear();
            for (g, grant) in user.grants.items().iter().enumerate() {
                let path = format!("/users/{u}/grants/{g}");
                let key = GrantKey {
                    va: va_ref(&grant.va, &format!("{path}/va"))?,
                    role: grant.role,
                };
                if !grant.role.allowed_at(key.scope_kind()) {
                    return Err(Error::new(
                        ErrorCode::InvalidRole,
                        format!("{path}/role"),
                        format!("{} can only be held at SA scope", grant.role.id()),
                    ));
                }
                if grant.role == Role::Approver && user.org.get() != Some(&s.org.0) {
                    return Err(Error::new(
                        ErrorCode::InvalidRole,
                        format!("{path}/role"),
                        format!(
                            "approver is only for users of the account's own org {}; user {} is not",
                            quoted(&s.org),
                            quoted(&user.id)
                        ),
                    ));
                }
                if !held.insert(key) {
                    return Err(Error::new(
                        ErrorCode::DuplicateId,
                        path,
                        format!(
                            "user {} holds the same role at the same scope twice",
                            quoted(&user.id)
                        ),
                    ));
                }
                resolved.push(key);
            }
            grants.push(resolved);
        }

        let mut contracts = Vec::with_capacity(s.contracts.len());
        let mut user_contracts = vec![Vec::new(); s.users.len()];
        for (c, contract) in s.contracts.iter().enumerate() {
            let base = format!("/contracts/{c}");
            if contract.access == AccessMode::Traditional && contract.migrated_on.get().is_some() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("{base}/migratedOn"),
                    "a contract with traditional access has not been migrated, so it has no migratedOn date",
                ));
            }
            let line_ids = index_ids(
                contract.lines.iter().map(|l| &*l.id),
                &|i| format!("{base}/lines/{i}/id"),
                "line",
            )?;
            let people = |key: &str, list: &Opt<Vec<Id>>| -> Result<Vec<usize>> {
                let path_of = |i: usize| format!("{base}/{key}/{i}");
                let ids = list.items();
                index_ids(ids.iter().map(|id| &**id), &path_of, "user")?;
                ids.iter()
                    .enumerate()
                    .map(|(i, id)| lookup(&user_ids, id, &path_of(i), "user", "users"))
                    .collect()
            };
            let users = people("users", &contract.users)?;
            let administrators = people("administrators", &contract.administrators)?;
            let line_vas = contract
                .lines
                .iter()
                .enumerate()
                .map(|(l, line)| va_ref(&line.va, &format!("{base}/lines/{l}/va")))
                .collect::<Result<Vec<_>>>()?;
            let mut vas: Vec<usize> = line_vas.iter().flatten().copied().collect();
            vas.sort_unstable();
            vas.dedup();
            for &u in &users {
                if let Some(list) = user_contracts.get_mut(u) {
                    list.push(c);
                }
            }
            contracts.push(ContractInfo {
                users,
                administrators,
                line_vas,
                vas,
                line_ids,
            });
        }

        let inventory = validate_inventory(s, &va_ref, &contract_ids, &user_ids)?;

        Ok(Account {
            va_ids,
            user_ids,
            contract_ids,
            grants,
            contracts,
            user_contracts,
            inventory,
            snapshot,
        })
    }

    /// Whether `user` is a contract user of `contract`: a binary search of the user's
    /// contracts (in account order), not a scan of the contract's users, which can be many.
    pub fn is_contract_user(&self, contract: usize, user: usize) -> bool {
        self.user_contracts
            .get(user)
            .is_some_and(|list| list.binary_search(&contract).is_ok())
    }

    pub fn va_index(&self, id: &str) -> Option<usize> {
        self.va_ids.get(id).copied()
    }
}

/// Resolves an optional VA id found at a path to the VA's position.
type VaResolver<'m> = dyn Fn(&Opt<Id>, &str) -> Result<Option<usize>> + 'm;

/// Licenses, devices, orders and order shares with ids resolved, for role resolution.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// License id -> position, and each license's VA.
    pub licenses: Placed,
    /// Device id -> position, and each device's VA and the contract covering it.
    pub devices: (Ids, Vec<DeviceRefs>),
    /// Order id -> position.
    pub orders: Ids,
    /// Per order: line id -> position, and each line's VA.
    pub order_lines: Vec<Placed>,
    pub shares: Vec<Share>,
    /// Each user's shares (positions in `shares`, in their order), so that finding them
    /// reads only theirs: role checks on orders, who can, abilities.
    pub shares_by_user: Vec<Vec<usize>>,
}

/// A device's VA and the contract covering it.
pub type DeviceRefs = (Option<usize>, Option<usize>);

/// Items with an id and a VA each (an order's lines, the licenses): id -> position, and
/// each item's VA.
pub type Placed = (Ids, Vec<Option<usize>>);

/// An order share: the order, the shared lines (`None`: the whole order) and the recipient.
#[derive(Debug, Clone)]
pub struct Share {
    pub order: usize,
    pub lines: Option<Vec<usize>>,
    pub user: Option<usize>,
    /// ASCII-lower-cased, compared with users' e-mail addresses lower-cased the same way.
    pub email: Option<String>,
}

/// Indexes items that have an id and a VA (an order's lines, the licenses) listed at the
/// JSON pointer `list`: unique ids, VAs that resolve.
fn index_placed(items: &[Line], list: &str, what: &str, va_ref: &VaResolver) -> Result<Placed> {
    let ids = index_ids(
        items.iter().map(|l| &*l.id),
        &|i| format!("{list}/{i}/id"),
        what,
    )?;
    let vas = items
        .iter()
        .enumerate()
        .map(|(i, item)| va_ref(&item.va, &format!("{list}/{i}/va")))
        .collect::<Result<Vec<_>>>()?;
    Ok((ids, vas))
}

/// Validates licenses, devices, orders and order shares (unique ids, references that
/// resolve) and indexes them.
fn validate_inventory(
    s: &AccountSnapshot,
    va_ref: &VaResolver,
    contract_ids: &Ids,
    user_ids: &Ids,
) -> Result<Inventory> {
    let licenses = index_placed(s.licenses.items(), "/licenses", "license", va_ref)?;
    let devices = s.devices.items();
    let device_ids = index_ids(
        devices.iter().map(|d| &*d.id),
        &|i| format!("/devices/{i}/id"),
        "device",
    )?;
    let device_refs = devices
        .iter()
        .enumerate()
        .map(|(i, device)| {
            let va = va_ref(&device.va, &format!("/devices/{i}/va"))?;
            let contract = device
                .contract
                .get()
                .map(|c| {
                    lookup(
                        contract_ids,
                        c,
                        &format!("/devices/{i}/contract"),
                        "contract",
                        "contracts",
                    )
                })
                .transpose()?;
            Ok((va, contract))
        })
        .collect::<Result<Vec<_>>>()?;
    let orders = s.orders.items();
    let order_ids = index_ids(
        orders.iter().map(|o| &*o.id),
        &|i| format!("/orders/{i}/id"),
        "order",
    )?;
    let order_lines = orders
        .iter()
        .enumerate()
        .map(|(o, order)| {
            index_placed(
                &order.lines,
                &format!("/orders/{o}/lines"),
                "order line",
                va_ref,
            )
        })
        .collect::<Result<Vec<_>>>()?;
    let mut shares = Vec::new();
    for (i, share) in s.order_shares.items().iter().enumerate() {
        let base = format!("/orderShares/{i}");
        if share.user.get().is_some() == share.email.get().is_some() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                base,
                "an order share names exactly one recipient: \"user\" (a user id) or \"email\"",
            ));
        }
        let order = lookup(
            &order_ids,
            &share.order,
            &format!("{base}/order"),
            "order",
            "orders",
        )?;
        let known = order_lines.get(order).map(|(ids, _)| ids);
        let lines = match (share.lines.get(), known) {
            (Some(lines), Some(known)) => Some(
                lines
                    .iter()
                    .enumerate()
                    .map(|(l, line)| {
                        lookup(
                            known,
                            line,
                            &pointer_push(&format!("{base}/lines"), &l.to_string()),
                            "line",
                            "that order's lines",
                        )
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            _ => None,
        };
        let user = share
            .user
            .get()
            .map(|u| lookup(user_ids, u, &format!("{base}/user"), "user", "users"))
            .transpose()?;
        shares.push(Share {
            order,
            lines,
            user,
            email: share.email.get().map(|e| e.to_ascii_lowercase()),
        });
    }
    Ok(Inventory {
        licenses,
        devices: (device_ids, device_refs),
        orders: order_ids,
        order_lines,
        shares_by_user: shares_by_user(s, &shares),
        shares,
    })
}

/// The shares whose recipient is each user: by id, or by an e-mail address equal to the
/// user's ignoring ASCII case.
fn shares_by_user(s: &AccountSnapshot, shares: &[Share]) -> Vec<Vec<usize>> {
    let mut by_email: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (u, user) in s.users.iter().enumerate() {
        if let Some(email) = user.email.get() {
            by_email
                .entry(email.to_ascii_lowercase())
                .or_default()
                .push(u);
        }
    }
    let mut out = vec![Vec::new(); s.users.len()];
    for (i, share) in shares.iter().enumerate() {
        let recipients = match (&share.user, &share.email) {
            (Some(user), _) => core::slice::from_ref(user),
            (None, Some(email)) => by_email.get(email).map_or(&[][..], Vec::as_slice),
            (None, None) => &[],
        };
        for &u in recipients {
            if let Some(list) = out.get_mut(u) {
                list.push(i);
            }
        }
    }
    out
}
