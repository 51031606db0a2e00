//! Any bytes as role-check questions against the resolution fixture: the fast reader of
//! question text and the general reader agree, and `explain` agrees with `can`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::Account;
use std::sync::OnceLock;

static ACCOUNT: OnceLock<Account> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let account = ACCOUNT.get_or_init(|| {
        Account::from_json_str(include_str!("../../tests/fixtures/resolution/account.json"))
            .expect("the fixture loads")
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fast = account.can_many_text(text, "2026-11-30");
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        assert!(fast.is_err());
        return;
    };
    if let Some(items) = value.as_array_mut() {
        items
            .iter_mut()
            .for_each(|q| smart_access::questions::fill_date(q, "2026-11-30"));
        for q in items.iter() {
            if let Ok(q) = account.question(q, "") {
                assert_eq!(account.decide(&q), account.explain(&q).allowed);
            }
        }
    }
    assert_eq!(fast, account.can_many(&value));
});
