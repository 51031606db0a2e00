//! A loaded account: the snapshot, validated once, plus the indexes the engine works on
//! (ids resolved to positions, so the migration never looks a string up twice).

use rustc_hash::FxHashSet;

use crate::error::{quoted, Error, ErrorCode, Result};
use crate::model::catalog::Role;
use crate::model::grant::GrantKey;
use crate::model::ids::{index_ids, lookup, Ids};
use crate::model::inventory::{validate_inventory, Inventory};
use crate::model::read::from_json_text;
use crate::model::snapshot::{AccessMode, AccountSnapshot, Id, Opt};

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
/// A user id given as an argument that is not in the account.
pub fn unknown_user(id: &str, path: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("user {} is not in the account", quoted(id)),
    )
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
