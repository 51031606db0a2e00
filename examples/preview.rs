//! `cargo run --example preview -- ACCOUNT.json REQUEST.json`: prints the migration preview.
//! A convenience for working on the engine; the product's command line is the npm package's.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [account, request] = args.as_slice() else {
        eprintln!("usage: preview ACCOUNT.json REQUEST.json");
        return ExitCode::from(2);
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    match (read(account), read(request)) {
        (Ok(a), Ok(r)) => match smart_access::preview_json(&a, &r) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}", smart_access::to_json(&e));
                ExitCode::from(2)
            }
        },
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
