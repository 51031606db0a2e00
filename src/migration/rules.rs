//! The resolution rules of SPEC §4 (subsumption, merge, collapse to the SA), applied to one
//! user's grants, with a record of every rule that fired.

use serde::Serialize;
use tsify::Tsify;

use crate::model::catalog::{ActionSet, Role};
use crate::model::grant::GrantKey;

/// The rules that change a user's grants, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ResolutionRule {
    SmartAccessMigration,
    ContractMigration,
    Subsumption,
    Merge,
    Collapse,
}

/// One firing of a rule: the grants it took away and the ones it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firing {
    pub rule: ResolutionRule,
    pub took: Vec<GrantKey>,
    pub gave: Vec<GrantKey>,
    /// Subsumption: the kept grant that covers the dropped one.
    pub by: Option<GrantKey>,
    /// Contract migration: the contract's position.
    pub contract: Option<usize>,
}

impl Firing {
    pub fn new(rule: ResolutionRule, took: Vec<GrantKey>, gave: Vec<GrantKey>) -> Firing {
        Firing {
            rule,
            took,
            gave,
            by: None,
            contract: None,
        }
    }
}

/// `h` covers `g`: its scope contains `g`'s and its actions are a superset.
fn covers(h: GrantKey, g: GrantKey) -> bool {
    (h.va.is_none() || h.va == g.va) && h.actions().is_superset(g.actions())
}

/// Runs subsumption, merge and collapse, in that order, until none fires, and returns the
/// grants in listing order. Each pass that fires removes at least one grant, so this ends.
pub fn normalise(grants: &[GrantKey], va_count: usize, log: &mut Vec<Firing>) -> Vec<GrantKey> {
    let mut current: Vec<GrantKey> = grants.to_vec();
    current.sort_unstable();
    current.dedup();
    loop {
        let fired_before = log.len();
        current = subsume(current, log);
        current = merge(current, log);
        current = collapse(current, va_count, log);
        current.sort_unstable();
        if log.len() == fired_before {
            return current;
        }
    }
}

fn subsume(grants: Vec<GrantKey>, log: &mut Vec<Firing>) -> Vec<GrantKey> {
    // Grants are distinct, and distinct grants never cover each other both ways (each role
    // has its own action set at a scope), so "covered by another" is a strict order. Only
    // SA grants and grants at the same VA can cover a grant: with the grants sorted by scope,
    // each is compared with those two groups, not with every grant of the user.
    let mut sorted = grants;
    sorted.sort_unstable();
    let sa_grants: Vec<GrantKey> = sorted.iter().copied().filter(|g| g.va.is_none()).collect();
    let mut kept = Vec::with_capacity(sorted.len());
    let mut dropped = Vec::new();
    for group in sorted.chunk_by(|a, b| a.va == b.va) {
        let wider = |g: GrantKey| {
            sa_grants
                .iter()
                .chain(group.iter().filter(move |_| g.va.is_some()))
                .copied()
                .filter(move |&h| h != g && covers(h, g))
        };
        for &g in group {
            let mut covering = wider(g).peekable();
            if covering.peek().is_some() {
                // By the first covering grant that is itself kept (nothing covers it).
                dropped.push((g, covering.find(|&h| wider(h).next().is_none())));
            } else {
                kept.push(g);
            }
        }
    }
    for (g, by) in dropped {
        log.push(Firing {
            by,
            ..Firing::new(ResolutionRule::Subsumption, vec![g], Vec::new())
        });
    }
    kept
}

fn merge(grants: Vec<GrantKey>, log: &mut Vec<Firing>) -> Vec<GrantKey> {
    let (mut user_types, mut out): (Vec<GrantKey>, Vec<GrantKey>) =
        grants.iter().partition(|g| g.role.is_user_type());
    user_types.sort_unstable();
    // One group per scope, in listing order.
    for group in user_types.chunk_by(|a, b| a.va == b.va) {
        let (va, group) = (group.first().and_then(|g| g.va), group.to_vec());
        let union = group
            .iter()
            .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()));
        match Role::user_type_for_actions(union) {
            Some(role) if group.len() > 1 => {
                let merged = GrantKey { va, role };
                log.push(Firing::new(ResolutionRule::Merge, group, vec![merged]));
                out.push(merged);
            }
            _ => out.extend(group),
        }
    }
    out
}

fn collapse(grants: Vec<GrantKey>, va_count: usize, log: &mut Vec<Firing>) -> Vec<GrantKey> {
    let user_type = |g: &&GrantKey| g.role.is_user_type();
    let sa: ActionSet = grants
        .iter()
        .filter(user_type)
        .filter(|g| g.va.is_none())
        .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()));
    // Per VA with user-type grants: the union of their actions (sorted, each VA's grants
    // are together).
    let mut va_grants: Vec<GrantKey> = grants
        .iter()
        .filter(user_type)
        .filter(|g| g.va.is_some())
        .copied()
        .collect();
    va_grants.sort_unstable();
    let per_va: Vec<ActionSet> = va_grants
        .chunk_by(|a, b| a.va == b.va)
        .map(|group| {
            group
                .iter()
                .fold(ActionSet::EMPTY, |acc, g| acc.union(g.actions()))
        })
        .collect();
    if sa.is_empty() || per_va.is_empty() {
        return grants;
    }
    // A VA with no user-type grant of its own sees only the SA grant.
    let mut target = None;
    if per_va.len() < va_count {
        match Role::user_type_for_actions(sa) {
            Some(role) => target = Some(role),
            None => return grants,
        }
    }
    for actions in &per_va {
        match (Role::user_type_for_actions(sa.union(*actions)), target) {
            (None, _) => return grants,
            (Some(role), Some(t)) if role != t => return grants,
            (Some(role), _) => target = Some(role),
        }
    }
    let Some(role) = target else { return grants };
    let (took, mut kept): (Vec<_>, Vec<_>) =
        grants.into_iter().partition(|g| g.role.is_user_type());
    let collapsed = GrantKey { va: None, role };
    log.push(Firing::new(ResolutionRule::Collapse, took, vec![collapsed]));
    kept.push(collapsed);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    fn sa(role: Role) -> GrantKey {
        GrantKey { va: None, role }
    }
    fn va(v: usize, role: Role) -> GrantKey {
        GrantKey { va: Some(v), role }
    }

    #[test]
    fn subsumption_drops_what_a_wider_grant_covers() {
        let mut log = Vec::new();
        let out = normalise(
            &[sa(FullUser), va(0, ServiceUser), va(1, Viewer)],
            3,
            &mut log,
        );
        assert_eq!(out, vec![sa(FullUser)]);
        assert_eq!(log.len(), 2);
        assert!(log
            .iter()
            .all(|f| f.rule == ResolutionRule::Subsumption && f.by == Some(sa(FullUser))));
    }

    #[test]
    fn merge_makes_full_user_from_license_and_service_user() {
        let mut log = Vec::new();
        let out = normalise(
            &[va(0, LicenseUser), va(0, ServiceUser), va(1, ServiceUser)],
            2,
            &mut log,
        );
        assert_eq!(out, vec![va(0, FullUser), va(1, ServiceUser)]);
        assert_eq!(
            log,
            vec![Firing::new(
                ResolutionRule::Merge,
                vec![va(0, LicenseUser), va(0, ServiceUser)],
                vec![va(0, FullUser)]
            )]
        );
    }

    #[test]
    fn user_and_viewer_do_not_merge() {
        let mut log = Vec::new();
        let out = normalise(&[va(0, User), va(0, Viewer)], 1, &mut log);
        assert_eq!(out, vec![va(0, Viewer), va(0, User)]);
        assert!(log.is_empty());
    }

    #[test]
    fn collapse_needs_the_same_role_at_every_va() {
        let mut log = Vec::new();
        let grants = [sa(LicenseUser), va(0, FullUser), va(1, FullUser)];
        assert_eq!(normalise(&grants, 2, &mut log), vec![sa(FullUser)]);
        assert_eq!(log.last().map(|f| f.rule), Some(ResolutionRule::Collapse));

        let mut log = Vec::new();
        assert_eq!(
            normalise(&grants, 3, &mut log),
            grants.to_vec(),
            "VA 2 would only have License User"
        );
        assert!(log.is_empty());
    }

    #[test]
    fn administrators_are_left_alone_by_merge_and_collapse() {
        let mut log = Vec::new();
        let grants = [sa(Admin), va(0, Admin)];
        assert_eq!(normalise(&grants, 1, &mut log), vec![sa(Admin)]);
        let mut log = Vec::new();
        let grants = [sa(LicenseUser), va(0, Admin)];
        assert_eq!(normalise(&grants, 1, &mut log), grants.to_vec());
    }
}
