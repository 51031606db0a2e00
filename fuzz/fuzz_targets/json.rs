//! Any bytes as JSON text: the engine's own reader (`src/json.rs`) accepts what serde_json
//! accepts and reads it to the same data, and what it writes reads back to the same value.
//! Two accepted differences, where the engine takes what serde_json refuses: a number beyond
//! the range of a float (kept as written), and exactly 128 levels of nesting (serde_json
//! stops at 127).
#![no_main]
use libfuzzer_sys::fuzz_target;
use smart_access::json::parse;
use smart_access::to_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(value), Ok(expected)) => {
            let written = to_json(value);
            let read: serde_json::Value =
                serde_json::from_str(&written).expect("the engine writes JSON");
            assert_eq!(&read, expected, "{text:?} was read as {written}");
            assert_eq!(
                parse(&written).as_ref(),
                Ok(value),
                "written back: {written}"
            );
        }
        (Ok(_), Err(e)) => assert!(
            ["number out of range", "recursion limit exceeded"]
                .iter()
                .any(|known| e.to_string().starts_with(known)),
            "{text:?}: serde_json says {e}, the engine accepts it"
        ),
        (Err(e), Ok(_)) => panic!(
            "{text:?}: the engine says {}, serde_json accepts it",
            e.message
        ),
        (Err(e), Err(_)) => assert!(e.message.starts_with("not valid JSON: ")),
    }
});
