//! Any bytes as role-check questions against the resolution fixture: the fast reader of
//! question text and the general reader agree (for batches and for the single `can`'s
//! resource text), and `explain` agrees with `can`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::json::Value;
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
    let Ok(mut value) = smart_access::json::parse(text) else {
        assert!(fast.is_err());
        return;
    };
    if let Value::Array(items) = &mut value {
        items
            .iter_mut()
            .for_each(|q| smart_access::questions::fill_date(q, "2026-11-30"));
        for q in items.iter() {
            let general = account.question(q, "");
            if let Ok(q) = &general {
                assert_eq!(account.decide(q), account.explain(q).allowed);
            }
            // The JS API's `can(user, action, resource, on)` reads the resource as text.
            let get = |key: &str| q.as_object().and_then(|m| m.get(key));
            let text = |key: &str| get(key).and_then(Value::as_str);
            let only_known = q.as_object().is_some_and(|m| {
                m.iter()
                    .all(|(k, _)| ["user", "action", "resource", "on"].contains(&k.as_str()))
            });
            if let (Some(user), Some(action), Some(resource), Some(on), true) = (
                text("user"),
                text("action"),
                get("resource"),
                text("on"),
                only_known,
            ) {
                let parts =
                    account.question_from_parts(user, action, &smart_access::to_json(resource), on);
                match (&general, &parts) {
                    (Ok(a), Ok(b)) => assert_eq!(account.decide(a), account.decide(b)),
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    _ => panic!("{q:?}: {general:?} vs {parts:?}"),
                }
            }
        }
    }
    assert_eq!(fast, account.can_many(&value));
});
