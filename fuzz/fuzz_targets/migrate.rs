//! Any bytes as an account and a request (split at the first NUL byte): preview and apply
//! give an error or a result, the same one twice.
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::{apply_json, preview_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (account, request) = text.split_once('\0').unwrap_or((text, "{}"));
    let preview = preview_json(account, request);
    assert_eq!(preview, preview_json(account, request));
    let applied = apply_json(account, request);
    assert_eq!(applied.is_ok(), preview.is_ok());
    if let Err(e) = preview {
        assert!(!e.message.is_empty() && (e.path.is_empty() || e.path.starts_with('/')));
    }
});
