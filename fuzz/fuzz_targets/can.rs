//! Any bytes as role-check questions against the resolution fixture: the fast reader of
//! question text and the general reader agree (for batches and for the single `can`'s
//! resource text), and `explain` agrees with `can`.
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
            let general = account.question(q, "");
            if let Ok(q) = &general {
                assert_eq!(account.decide(q), account.explain(q).allowed);
            }
            // The JS API's `can(user, action, resource, on)` reads the resource as text.
            let text = |key: &str| q.get(key).and_then(serde_json::Value::as_str);
            let only_known = q.as_object().is_some_and(|m| {
                m.keys()
                    .all(|k| ["user", "action", "resource", "on"].contains(&k.as_str()))
            });
            if let (Some(user), Some(action), Some(resource), Some(on), true) = (
                text("user"),
                text("action"),
                q.get("resource"),
                text("on"),
                only_known,
            ) {
                let parts = account.question_from_parts(user, action, &resource.to_string(), on);
                match (&general, &parts) {
                    (Ok(a), Ok(b)) => assert_eq!(account.decide(a), account.decide(b)),
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    _ => panic!("{q}: {general:?} vs {parts:?}"),
                }
            }
        }
    }
    assert_eq!(fast, account.can_many(&value));
});
