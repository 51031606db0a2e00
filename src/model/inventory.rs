//! Licenses, devices, orders and order shares: validated (unique ids, references that
//! resolve) and indexed for role resolution.

use rustc_hash::FxHashMap;

use crate::error::{pointer_push, Error, ErrorCode, Result};
use crate::model::ids::{index_ids, lookup, Ids};
use crate::model::snapshot::{AccountSnapshot, Id, Line, Opt};

/// Resolves an optional VA id found at a path to the VA's position.
pub type VaResolver<'m> = dyn Fn(&Opt<Id>, &str) -> Result<Option<usize>> + 'm;

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
    /// Per order: the VA holding every one of its lines, if one does (an order with no
    /// lines, or with lines in two VAs or in none, has none). A VA grant reaches a whole
    /// order only there; worked out once here, so a check on a whole order does not read its
    /// lines again for every grant.
    pub order_vas: Vec<Option<usize>>,
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
pub fn validate_inventory(
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
    let order_vas = order_lines
        .iter()
        .map(|(_, vas)| match vas.split_first() {
            Some((&Some(first), rest)) if rest.iter().all(|&va| va == Some(first)) => Some(first),
            _ => None,
        })
        .collect();
    Ok(Inventory {
        licenses,
        devices: (device_ids, device_refs),
        orders: order_ids,
        order_lines,
        order_vas,
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
