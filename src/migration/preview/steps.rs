//! The resolution steps of a user's preview: each rule that fired, with its grants and the
//! step in words.

use crate::migration::preview::output::ResolutionStep;
use crate::migration::rules::{Firing, ResolutionRule};
use crate::model::account::Account;
use crate::model::grant::{grant_ref, grant_refs, grant_text, GrantKey};

fn joined(account: &Account, grants: &[GrantKey], sep: &str) -> String {
    let texts: Vec<String> = grants.iter().map(|&g| grant_text(account, g)).collect();
    texts.join(sep)
}

fn rule_text(account: &Account, f: &Firing) -> String {
    match f.rule {
        ResolutionRule::SmartAccessMigration => {
            let changes: Vec<String> = f
                .took
                .iter()
                .zip(&f.gave)
                .map(|(&t, &g)| format!("{} → {}", grant_text(account, t), grant_text(account, g)))
                .collect();
            format!("Step 3.1 (Smart Access migration): {}", changes.join("; "))
        }
        ResolutionRule::ContractMigration => format!(
            "Step 3.2 (contract {}): {}",
            f.contract
                .map(|c| account.contract_id(c))
                .unwrap_or_default(),
            joined(account, &f.gave, ", ")
        ),
        ResolutionRule::Subsumption => format!(
            "{} is dropped: {} already covers it",
            joined(account, &f.took, ", "),
            f.by.map(|b| grant_text(account, b)).unwrap_or_default()
        ),
        ResolutionRule::Merge => format!(
            "{} → {}",
            joined(account, &f.took, " + "),
            joined(account, &f.gave, ", ")
        ),
        ResolutionRule::Collapse => {
            let role = f.gave.first().map(|g| g.role.display()).unwrap_or_default();
            format!(
                "{} → {} ({role} on every VA, so {role} for the entire SA)",
                joined(account, &f.took, " + "),
                joined(account, &f.gave, ", ")
            )
        }
    }
}

pub fn rule_out<'a>(account: &'a Account, f: &Firing) -> ResolutionStep<'a> {
    ResolutionStep {
        rule: f.rule,
        contract: f.contract.map(|c| account.contract_id(c)),
        took: grant_refs(account, &f.took),
        gave: grant_refs(account, &f.gave),
        by: f.by.map(|b| grant_ref(account, b)),
        text: rule_text(account, f),
    }
}
