//! The catalogue of bad inputs (`tests/bad-inputs/`, one folder a case): each must give its
//! error code and JSON pointer natively. `tests/js/catalogue.test.mjs` runs the same folders
//! through the JS API, and the table of docs/reliability.md lists them (checked below).
// Tests fail loudly: unwrap, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use serde_json::Value;
use smart_access::{Account, Error, MigrationRequest};
use std::fs;
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

fn cases() -> Vec<(String, PathBuf, Value)> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            let expect = serde_json::from_str(&fs::read_to_string(d.join("expect.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
            (name, d, expect)
        })
        .collect()
}

/// The case's account text (its own, or the shared base), padded as `padTo` asks.
fn account_text(dir: &Path, expect: &Value) -> String {
    let own = dir.join("account.json");
    let mut text = fs::read_to_string(if own.exists() {
        own
    } else {
        folder().join("base-account.json")
    })
    .unwrap();
    if let Some(size) = expect["padTo"].as_u64() {
        let pad = (size as usize).saturating_sub(text.len());
        text.push_str(&" ".repeat(pad));
    }
    text
}

/// Runs one case: `Err` is the engine's error; `Ok` carries the contract rejection (code and
/// the pointer of the contract in the request) when the request went ahead.
fn run(dir: &Path, expect: &Value) -> Result<Option<(String, String)>, Error> {
    let account = Account::from_json_str(&account_text(dir, expect));
    match expect["input"].as_str().unwrap() {
        "account" => account.map(|_| None),
        "request" => {
            let account = account.unwrap();
            let text = fs::read_to_string(dir.join("request.json")).unwrap();
            let request = MigrationRequest::from_json_str(&text)?;
            let preview: Value =
                serde_json::from_str(&smart_access::to_json(&account.preview(&request)?)).unwrap();
            let named: Value = serde_json::from_str(&text).unwrap();
            Ok(preview["contracts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["status"] == "rejected")
                .map(|c| {
                    let i = named["contracts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .position(|n| *n == c["id"])
                        .unwrap();
                    (
                        c["code"].as_str().unwrap().to_owned(),
                        format!("/contracts/{i}"),
                    )
                }))
        }
        "question" => {
            let account = account.unwrap();
            let text = fs::read_to_string(dir.join("question.json")).unwrap();
            let q = account.question_text(&text, None)?;
            account.decide(&q);
            Ok(None)
        }
        other => panic!("unknown input kind {other}"),
    }
}

#[test]
fn every_bad_input_gives_its_code_and_path() {
    let cases = cases();
    assert!(cases.len() >= 30, "the catalogue has {} cases", cases.len());
    let mut wrong = Vec::new();
    for (name, dir, expect) in &cases {
        let want = (
            expect["code"].as_str().unwrap().to_owned(),
            expect["path"].as_str().unwrap().to_owned(),
        );
        let got = match run(dir, expect) {
            Err(e) => {
                assert!(!e.message.is_empty(), "{name}: an empty message");
                (e.code.as_str().to_owned(), e.path)
            }
            Ok(Some(rejection)) => rejection,
            Ok(None) => ("accepted".into(), String::new()),
        };
        if got != want {
            wrong.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The table of bad inputs in docs/reliability.md has one row per case, in order, with its code and path.
#[test]
fn the_reliability_doc_lists_every_case() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reliability.md"))
        .unwrap();
    let rows: Vec<&str> = doc
        .lines()
        .filter(|l| l.starts_with("| `") && l.contains("bad-inputs/"))
        .collect();
    let cases = cases();
    assert_eq!(
        rows.len(),
        cases.len(),
        "docs/reliability.md rows vs folders"
    );
    for ((name, _, expect), row) in cases.iter().zip(rows) {
        let path = expect["path"].as_str().unwrap();
        let path = if path.is_empty() {
            "(top level)".to_owned()
        } else {
            format!("`{path}`")
        };
        let want = format!(
            "| `bad-inputs/{name}` | {} | `{}` | {path} |",
            expect["about"].as_str().unwrap(),
            expect["code"].as_str().unwrap()
        );
        assert_eq!(row, want);
    }
}
