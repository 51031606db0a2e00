//! The preview as a spreadsheet (SPEC §9 `Preview.csv()`): one row per user, in account
//! order, with the grants before and after, whether they change, the resolution in words and
//! what the user loses when the grace period ends.

use crate::migration::preview::PlannedMigration;
use crate::model::account::Account;
use crate::model::grant::GrantRef;

const HEADER: [&str; 7] = [
    "user",
    "name",
    "before",
    "after",
    "changed",
    "resolution",
    "loses at grace end",
];

/// A cell a spreadsheet would read as a formula (or that leads into one) starts with `'`:
/// OWASP's list of leading characters, `= + - @`, tab and carriage return.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// "fullUser@A licenseUser@SA".
fn grants(list: &[GrantRef]) -> String {
    let words: Vec<String> = list
        .iter()
        .map(|g| format!("{}@{}", g.role.id(), g.va.unwrap_or("SA")))
        .collect();
    words.join(" ")
}

impl PlannedMigration {
    /// Every cell quoted, CRLF line ends (RFC 4180), cells neutralised for spreadsheets.
    pub fn csv(&self, account: &Account) -> String {
        let mut out = String::new();
        write_row(&mut out, HEADER);
        for u in 0..account.snapshot.users.len() {
            let user = self.user(account, u);
            let resolution: Vec<&str> = user.resolution.iter().map(|r| r.text.as_str()).collect();
            let lost = &user.loses_at_grace_end;
            let losses: Vec<String> = lost
                .vas
                .iter()
                .map(|l| {
                    let actions: Vec<&str> = l.actions.iter().map(|a| a.id()).collect();
                    format!("{}: {}", l.va.unwrap_or("unassigned"), actions.join(" "))
                })
                .chain(
                    lost.contracts
                        .iter()
                        .map(|c| format!("{} ends {}", c.contract, c.on)),
                )
                .collect();
            let changed = if self.changes(account, u) {
                "yes"
            } else {
                "no"
            };
            write_row(
                &mut out,
                [
                    user.id,
                    account.user_label(u),
                    &grants(&user.before),
                    &grants(&user.after),
                    changed,
                    &resolution.join(" | "),
                    &losses.join(" | "),
                ],
            );
        }
        out
    }
}

/// RFC 4180 with every cell quoted: a quote inside a cell is doubled; lines end in CRLF.
fn write_row<const N: usize>(out: &mut String, cells: [&str; N]) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&neutralised(cell).replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}
