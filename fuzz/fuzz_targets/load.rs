//! Any bytes as an account snapshot: an error with a code, or an account that writes back
//! to text that loads again to the same snapshot.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::{account_json, Account};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Account::from_json_str(text) {
        Ok(account) => {
            let written = account_json(&account);
            let again = Account::from_json_str(&written).expect("written text loads again");
            assert_eq!(account_json(&again), written);
        }
        Err(e) => assert!(!e.message.is_empty() && (e.path.is_empty() || e.path.starts_with('/'))),
    }
});
