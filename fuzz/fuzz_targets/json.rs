//! Any bytes as an account snapshot, against serde_json's own reading of the same text as a
//! plain JSON value: where the engine loads the account, what it writes back is the same
//! data (unknown fields, nulls and numbers included; a field named twice keeps its last
//! value, as serde_json's map does); where serde_json finds no JSON (reading through the text
//! without keeping it, so that a lone surrogate escape, which JSON's grammar allows, is not
//! syntax), the engine says INVALID_JSON, and where it finds JSON, the engine's refusal is
//! about the data. One accepted difference: text nested deeper than serde_json's limit (128)
//! is JSON all the same, so the engine may report a data error it finds before the deep part.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::{account_json, Account, ErrorCode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    let syntax = serde_json::from_str::<serde::de::IgnoredAny>(text);
    match (Account::from_json_str(text), &theirs) {
        (Ok(account), Ok(expected)) => {
            let written = account_json(&account);
            let read: serde_json::Value =
                serde_json::from_str(&written).expect("the engine writes JSON");
            assert_eq!(&read, expected, "{text:?} was written back as {written}");
        }
        (Ok(_), Err(e)) => panic!("{text:?}: serde_json says {e}, the engine accepts it"),
        (Err(e), Err(deep)) if deep.to_string().starts_with("recursion limit exceeded") => {
            assert!(!e.message.is_empty());
        }
        (Err(e), _) if syntax.is_err() => {
            assert_eq!(e.code, ErrorCode::InvalidJson, "{text:?}: {e}")
        }
        (Err(e), _) => assert_ne!(e.code, ErrorCode::InvalidJson, "{text:?}: {e}"),
    }
});
