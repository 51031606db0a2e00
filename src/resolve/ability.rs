//! The fast path for tables of role checks: plain data from which the package's `Abilities`
//! (js/abilities.cjs) answers `can` with no WebAssembly call, the way CASL answers from an
//! ability built once per user. The engine resolves everything that takes the rules of
//! SPEC §6 — which grants a user holds at which scope, which contracts still give them
//! traditional access on the day, which orders are shared with them, whether they see
//! administrator contacts — and the JS joins that with where each item sits. Both are plain,
//! serialisable data: a server can compute them and send them to a browser.

use rustc_hash::FxHashMap;
use serde::Serialize;
use tsify::Tsify;

use crate::model::account::Account;
use crate::model::catalog::{Action, ActionSet, ENTITLEMENT, TRADITIONAL, VA_SCOPED};
use crate::model::date::IsoDate;
use crate::model::snapshot::Line;
use crate::resolve::can::ORDER_SHARE;

/// An id and the VA its item is assigned to (`null`: none).
pub type Placed<'a> = (&'a str, Option<&'a str>);

/// Where every item of the account sits; one per account, the same for every user and day.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AbilityIndex<'a> {
    /// The account's id (the `{ account }` resource).
    pub account: &'a str,
    /// The actions that can be asked about on the account, on a VA, and on an item (a
    /// contract line, a license, a device, an order or an order line).
    pub applicable: Applicable,
    /// What traditional contract access gives on a contract's lines and covered devices.
    pub traditional: Vec<Action>,
    /// What an order share gives on the order (shared whole) and on its shared lines.
    pub order_share: Vec<Action>,
    pub vas: Vec<&'a str>,
    /// Each contract's lines with their VAs.
    #[tsify(type = "[string, [string, string | null][]][]")]
    pub contracts: Vec<(&'a str, Vec<Placed<'a>>)>,
    #[tsify(type = "[string, string | null][]")]
    pub licenses: Vec<Placed<'a>>,
    /// Each device's VA and the contract covering it (`null`: none, and then no one may
    /// perform an RMA on it).
    #[tsify(type = "[string, string | null, string | null][]")]
    pub devices: Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
    /// Each order, the VA holding every one of its lines (`null` when they are spread or
    /// unassigned: then only SA-scope grants reach the whole order), and its lines.
    #[tsify(type = "[string, string | null, [string, string | null][]][]")]
    pub orders: Vec<(&'a str, Option<&'a str>, Vec<Placed<'a>>)>,
}

#[derive(Debug, Serialize, Tsify)]
pub struct Applicable {
    pub account: Vec<Action>,
    pub va: Vec<Action>,
    pub item: Vec<Action>,
}

/// What one user may do, resolved for one day.
#[derive(Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UserAbility<'a> {
    /// The account's id: an ability answers only with that account's index.
    pub account: &'a str,
    pub user: &'a str,
    pub on: IsoDate,
    /// The actions of the user's SA-scope grants: on everything in the account.
    pub sa: Vec<Action>,
    /// The actions of the user's grants at each VA: on the VA and the items assigned to it.
    #[tsify(type = "[string, Action[]][]")]
    pub vas: Vec<(&'a str, Vec<Action>)>,
    /// The contracts that give the user traditional access on `on` (as a contract user,
    /// while the contract is traditional or in its grace period).
    pub contracts: Vec<&'a str>,
    /// The orders shared with the user: whole (`null`) or these lines.
    #[tsify(type = "[string, string[] | null][]")]
    pub shares: Vec<(&'a str, Option<Vec<&'a str>>)>,
    /// Whether the user sees administrator contacts (`viewAdminContacts` on the account).
    pub admin_contacts: bool,
}

fn placed(lines: &[Line]) -> Vec<Placed<'_>> {
    lines
        .iter()
        .map(|l| (&*l.id, l.va.get().map(|v| &*v.0)))
        .collect()
}

impl Account {
    pub fn ability_index(&self) -> AbilityIndex<'_> {
        let s = &self.snapshot;
        AbilityIndex {
            account: &s.id,
            applicable: Applicable {
                account: ActionSet::ALL.iter().collect(),
                va: VA_SCOPED.iter().collect(),
                item: ENTITLEMENT.iter().collect(),
            },
            traditional: TRADITIONAL.iter().collect(),
            order_share: ORDER_SHARE.iter().collect(),
            vas: s.virtual_accounts.iter().map(|v| &*v.id).collect(),
            contracts: s
                .contracts
                .iter()
                .map(|c| (&*c.id, placed(&c.lines)))
                .collect(),
            licenses: placed(s.licenses.items()),
            devices: s
                .devices
                .items()
                .iter()
                .map(|d| {
                    (
                        &*d.id,
                        d.va.get().map(|v| &*v.0),
                        d.contract.get().map(|c| &*c.0),
                    )
                })
                .collect(),
            orders: s
                .orders
                .items()
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let home = self.inventory.order_vas.get(i).copied().flatten();
                    (&*o.id, home.map(|va| self.va_id(va)), placed(&o.lines))
                })
                .collect(),
        }
    }

    /// What `user` (a position) may do on `on`. Administrator contacts are the organisation
    /// rule's alone, so the grants' lists leave `viewAdminContacts` out.
    pub fn user_ability(&self, user: usize, on: IsoDate) -> UserAbility<'_> {
        let not_contacts = ActionSet::of(&[Action::ViewAdminContacts]);
        let mut sa = ActionSet::EMPTY;
        let mut at_vas: Vec<(usize, ActionSet)> = Vec::new();
        for g in self.user_grants(user) {
            let actions = g.actions().minus(not_contacts);
            match g.va {
                None => sa = sa.union(actions),
                Some(va) => at_vas.push((va, actions)),
            }
        }
        // One entry per VA, in account order: sorted, then the grants at one VA joined.
        at_vas.sort_unstable_by_key(|(va, _)| *va);
        let mut vas: Vec<(usize, ActionSet)> = Vec::with_capacity(at_vas.len());
        for (va, actions) in at_vas {
            match vas.last_mut() {
                Some((last, held)) if *last == va => *held = held.union(actions),
                _ => vas.push((va, actions)),
            }
        }
        let contracts = self
            .user_contracts
            .get(user)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|&&c| self.contract_active(c, on).is_some())
            .map(|&c| self.contract_id(c))
            .collect();
        UserAbility {
            account: &self.snapshot.id,
            user: self.user_id(user),
            on,
            sa: sa.iter().collect(),
            vas: vas
                .into_iter()
                .map(|(va, actions)| (self.va_id(va), actions.iter().collect()))
                .collect(),
            contracts,
            shares: self.merged_shares(user),
            admin_contacts: self.sees_admin_contacts(user),
        }
    }

    /// The user's order shares, one entry per order in account order: whole when any share
    /// of it is whole, else the union of the shared lines in the order's line order.
    fn merged_shares(&self, user: usize) -> Vec<(&str, Option<Vec<&str>>)> {
        let orders = self.snapshot.orders.items();
        let mut merged: Vec<(usize, Option<Vec<usize>>)> = Vec::new();
        let mut at: FxHashMap<usize, usize> = FxHashMap::default();
        for share in self.shares_of(user) {
            let slot = *at.entry(share.order).or_insert_with(|| {
                merged.push((share.order, Some(Vec::new())));
                merged.len() - 1
            });
            if let Some((_, lines)) = merged.get_mut(slot) {
                match (lines.as_mut(), &share.lines) {
                    (Some(held), Some(more)) => held.extend(more),
                    (_, None) => *lines = None,
                    (None, Some(_)) => {}
                }
            }
        }
        merged.sort_unstable_by_key(|(order, _)| *order);
        merged
            .into_iter()
            .filter_map(|(order, lines)| {
                let data = orders.get(order)?;
                let lines = lines.map(|mut ls| {
                    ls.sort_unstable();
                    ls.dedup();
                    ls.iter()
                        .filter_map(|&l| data.lines.get(l))
                        .map(|l| &*l.id)
                        .collect()
                });
                Some((&*data.id, lines))
            })
            .collect()
    }
}
