//! A loaded account: the snapshot, validated once, plus the indexes the engine works on
//! (ids resolved to positions, so the migration never looks a string up twice).

use crate::prelude::*;

use crate::catalog::{ActionSet, Role, ScopeKind};
use crate::error::{pointer_push, Error, ErrorCode, Result};
use crate::json::Value;
use crate::json_read::{parse_text, try_map, Opt};
use crate::model::{AccessMode, Line, Snapshot};
use crate::sort::sort_positions;

/// Id -> position.
pub type Ids = hashbrown::HashMap<String, usize, crate::id_hash::IdHash>;

/// A grant with its scope resolved: `va` is the VA's position, `None` is SA scope.
/// The derived order is the listing order of SPEC §7: SA first, then VAs in account
/// order, then roles in catalog order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantKey {
    pub va: Option<usize>,
    pub role: Role,
}

impl GrantKey {
    pub fn scope_kind(self) -> ScopeKind {
        if self.va.is_some() {
            ScopeKind::Va
        } else {
            ScopeKind::Sa
        }
    }
    pub fn actions(self) -> ActionSet {
        self.role.actions(self.scope_kind())
    }
}

/// Sorts grants into listing order (their derived order). A long list is sorted as one
/// `usize` a grant (VA position + 1, or 0 for SA scope, then the role), so that the one sort
/// of positions serves here too. The packed number cannot overflow: there are fewer VAs than
/// bytes of JSON text.
pub fn sort_grants(grants: &mut [GrantKey]) {
    // A user's grants are usually a handful: sorted in place, with nothing allocated.
    if grants.len() <= 16 {
        for i in 1..grants.len() {
            let mut j = i;
            while j > 0 && grants.get(j - 1) > grants.get(j) {
                grants.swap(j - 1, j); // j < len
                j -= 1;
            }
        }
        return;
    }
    const ROLES: usize = Role::ALL.len();
    let mut packed: Vec<usize> = grants
        .iter()
        .map(|g| g.va.map_or(0, |v| v + 1) * ROLES + g.role as usize)
        .collect();
    sort_positions(&mut packed);
    for (g, p) in grants.iter_mut().zip(packed) {
        if let Some(&role) = Role::ALL.get(p % ROLES) {
            *g = GrantKey {
                va: (p / ROLES).checked_sub(1),
                role,
            };
        }
    }
}

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
    pub(crate) snapshot: Snapshot,
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

/// Maps the ids of `count` items (`id_at(i)`) to positions, failing on the first repeated
/// id. `dyn` closures, not iterators: one copy of this loop serves every list of ids, with
/// no iterator machinery written out per list.
fn index_ids<'a>(
    count: usize,
    id_at: &dyn Fn(usize) -> Option<&'a str>,
    path_of: &dyn Fn(usize) -> String,
    what: &str,
) -> Result<Ids> {
    let mut map = Ids::default();
    for (i, id) in (0..count).filter_map(|i| Some((i, id_at(i)?))) {
        if let Some(first) = map.insert(id.to_owned(), i) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                path_of(i),
                format!("{what} id \"{id}\" is used twice (first at position {first})"),
            ));
        }
    }
    Ok(map)
}

fn lookup(map: &Ids, id: &str, path: &str, what: &str, list: &str) -> Result<usize> {
    map.get(id).copied().ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownReference,
            path,
            format!("{what} \"{id}\" is not in {list}"),
        )
    })
}

impl Account {
    pub fn from_json_str(text: &str) -> Result<Account> {
        // The parsed tree is dropped before the indexes are built: it is the largest thing
        // loading holds, and WebAssembly memory never shrinks after a peak.
        Account::from_owned_value(parse_text(text)?)
    }

    /// Loads from a parsed tree that it then drops, before building the indexes.
    pub fn from_owned_value(value: Value) -> Result<Account> {
        let snapshot = Snapshot::read(&value)?;
        drop(value);
        Account::from_snapshot(snapshot)
    }

    pub fn from_value(value: &Value) -> Result<Account> {
        Account::from_snapshot(Snapshot::read(value)?)
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    pub fn va_id(&self, va: usize) -> &str {
        self.snapshot
            .virtual_accounts
            .get(va)
            .map_or("", |v| v.id.as_str())
    }

    /// The VA's name where it has one, else its id: what people read.
    pub fn va_label(&self, va: usize) -> &str {
        match self.snapshot.virtual_accounts.get(va) {
            Some(v) => v.name.get().map_or(v.id.as_str(), String::as_str),
            None => "",
        }
    }

    pub fn user_id(&self, user: usize) -> &str {
        self.snapshot.users.get(user).map_or("", |u| u.id.as_str())
    }

    pub fn user_label(&self, user: usize) -> &str {
        match self.snapshot.users.get(user) {
            Some(u) => u.name.get().map_or(u.id.as_str(), String::as_str),
            None => "",
        }
    }

    pub fn contract_id(&self, contract: usize) -> &str {
        self.snapshot
            .contracts
            .get(contract)
            .map_or("", |c| c.id.as_str())
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
    pub fn from_snapshot(snapshot: Snapshot) -> Result<Account> {
        let s = &snapshot;
        let va_ids = index_ids(
            s.virtual_accounts.len(),
            &|i| s.virtual_accounts.get(i).map(|v| v.id.as_str()),
            &|i| format!("/virtualAccounts/{i}/id"),
            "virtual account",
        )?;
        let user_ids = index_ids(
            s.users.len(),
            &|i| s.users.get(i).map(|u| u.id.as_str()),
            &|i| format!("/users/{i}/id"),
            "user",
        )?;
        let contract_ids = index_ids(
            s.contracts.len(),
            &|i| s.contracts.get(i).map(|c| c.id.as_str()),
            &|i| format!("/contracts/{i}/id"),
            "contract",
        )?;
        let va_ref = |id: &Opt<String>, path: &str| -> Result<Option<usize>> {
            id.get()
                .map(|id| lookup(&va_ids, id, path, "virtual account", "virtualAccounts"))
                .transpose()
        };

        let mut grants = Vec::with_capacity(s.users.len());
        for (u, user) in s.users.iter().enumerate() {
            let mut resolved: Vec<GrantKey> = Vec::new();
            for (g, grant) in user.grants.iter().flatten().enumerate() {
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
                if grant.role == Role::Approver && user.org.get() != Some(&s.org) {
                    return Err(Error::new(
                        ErrorCode::InvalidRole,
                        format!("{path}/role"),
                        format!(
                            "approver is only for users of the account's own org \"{}\"; user \"{}\" is not",
                            s.org, user.id
                        ),
                    ));
                }
                if resolved.contains(&key) {
                    return Err(Error::new(
                        ErrorCode::DuplicateId,
                        path,
                        format!(
                            "user \"{}\" holds the same role at the same scope twice",
                            user.id
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
                contract.lines.len(),
                &|i| contract.lines.get(i).map(|l| l.id.as_str()),
                &|i| format!("{base}/lines/{i}/id"),
                "line",
            )?;
            let people = |key: &str, list: &Option<Vec<String>>| -> Result<Vec<usize>> {
                let path_of = |i: usize| format!("{base}/{key}/{i}");
                let ids = list.as_deref().unwrap_or_default();
                index_ids(
                    ids.len(),
                    &|i| ids.get(i).map(String::as_str),
                    &path_of,
                    "user",
                )?;
                try_map(ids, |i, id| {
                    lookup(&user_ids, id, &path_of(i), "user", "users")
                })
            };
            let users = people("users", &contract.users)?;
            let administrators = people("administrators", &contract.administrators)?;
            let line_vas = try_map(&contract.lines, |l, line| {
                va_ref(&line.va, &format!("{base}/lines/{l}/va"))
            })?;
            let mut vas: Vec<usize> = line_vas.iter().flatten().copied().collect();
            sort_positions(&mut vas);
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

    pub fn va_index(&self, id: &str) -> Option<usize> {
        self.va_ids.get(id).copied()
    }
}

/// Resolves an optional VA id found at a path to the VA's position.
type VaResolver<'m> = dyn Fn(&Opt<String>, &str) -> Result<Option<usize>> + 'm;

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
    /// ASCII-lower-cased (not full Unicode case folding: its tables would add 20 KB to the
    /// .wasm), compared with users' e-mail addresses lower-cased the same way.
    pub email: Option<String>,
}

/// Indexes items that have an id and a VA (an order's lines, the licenses) listed at the
/// JSON pointer `list`: unique ids, VAs that resolve.
fn index_placed(items: &[Line], list: &str, what: &str, va_ref: &VaResolver) -> Result<Placed> {
    let ids = index_ids(
        items.len(),
        &|i| items.get(i).map(|l| l.id.as_str()),
        &|i| format!("{list}/{i}/id"),
        what,
    )?;
    let vas = try_map(items, |i, item| va_ref(&item.va, &format!("{list}/{i}/va")))?;
    Ok((ids, vas))
}

/// Validates licenses, devices, orders and order shares (unique ids, references that
/// resolve) and indexes them.
fn validate_inventory(
    s: &Snapshot,
    va_ref: &VaResolver,
    contract_ids: &Ids,
    user_ids: &Ids,
) -> Result<Inventory> {
    let mut inv = Inventory::default();
    let licenses = s.licenses.as_deref().unwrap_or_default();
    inv.licenses = index_placed(licenses, "/licenses", "license", va_ref)?;
    let devices = s.devices.as_deref().unwrap_or_default();
    let device_ids = index_ids(
        devices.len(),
        &|i| devices.get(i).map(|d| d.id.as_str()),
        &|i| format!("/devices/{i}/id"),
        "device",
    )?;
    let device_refs = try_map(devices, |i, device| {
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
    })?;
    inv.devices = (device_ids, device_refs);
    let orders = s.orders.as_deref().unwrap_or_default();
    inv.orders = index_ids(
        orders.len(),
        &|i| orders.get(i).map(|o| o.id.as_str()),
        &|i| format!("/orders/{i}/id"),
        "order",
    )?;
    for (o, order) in orders.iter().enumerate() {
        let lines = index_placed(
            &order.lines,
            &format!("/orders/{o}/lines"),
            "order line",
            va_ref,
        )?;
        inv.order_lines.push(lines);
    }
    for (i, share) in s.order_shares.iter().flatten().enumerate() {
        let base = format!("/orderShares/{i}");
        let order = lookup(
            &inv.orders,
            &share.order,
            &format!("{base}/order"),
            "order",
            "orders",
        )?;
        let known = inv.order_lines.get(order).map(|(ids, _)| ids);
        let lines = match (&share.lines, known) {
            (Some(lines), Some(known)) => Some(try_map(lines, |l, line| {
                lookup(
                    known,
                    line,
                    &pointer_push(&format!("{base}/lines"), &l.to_string()),
                    "line",
                    "that order's lines",
                )
            })?),
            _ => None,
        };
        let user = share
            .user
            .get()
            .map(|u| lookup(user_ids, u, &format!("{base}/user"), "user", "users"))
            .transpose()?;
        inv.shares.push(Share {
            order,
            lines,
            user,
            email: share.email.get().map(|e| e.to_ascii_lowercase()),
        });
    }
    Ok(inv)
}
