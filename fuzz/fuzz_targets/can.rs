//! Any bytes as role-check questions against the resolution fixture: a batch answers as its
//! questions one by one (and fails with the first one's error), a question asked in parts
//! (the JS API's `can`) answers as the question object, `explain` agrees with `can`, and
//! `who_can` lists the user exactly when they can.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::model::date::IsoDate;
use smart_access::model::read::Object;
use smart_access::resolve::question::Question;
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
    let today = IsoDate::parse("2026-11-30");
    let batch = account.can_many_text(text, today);
    // Read as the engine reads a batch: questions are objects (an array is refused).
    let Ok(questions) = serde_json::from_str::<Vec<Object<Question>>>(text) else {
        assert!(batch.is_err());
        return;
    };
    let questions: Vec<Question> = questions.into_iter().map(|Object(q)| q).collect();
    let mut one_by_one = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        match account.question(q, &format!("/{i}"), today) {
            Ok(resolved) => {
                let allowed = account.decide(&resolved);
                assert_eq!(allowed, account.explain(&resolved).allowed);
                let on = q.on.or(today).expect("a date");
                let parts = account
                    .question_from_parts(&q.user, q.action.id(), &q.resource, on)
                    .map(|p| account.decide(&p));
                assert_eq!(parts, Ok(allowed), "{q:?}");
                let who = account.who_can(resolved.action, resolved.resource, resolved.on);
                let user = account.user_id(resolved.user);
                assert_eq!(who.iter().any(|w| w.user == user), allowed, "{q:?}");
                one_by_one.push(allowed);
            }
            Err(e) => {
                assert_eq!(batch, Err(e));
                return;
            }
        }
    }
    assert_eq!(batch, Ok(one_by_one));
});
