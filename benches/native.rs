//! Native (criterion) benchmark of the core: load + validate, preview, apply and role checks
//! on the accounts `benches/write-accounts.mjs` writes (the generator the page and the Node
//! benchmark use). `make bench` writes them first; to run alone:
//! `node benches/write-accounts.mjs target/bench-accounts && cargo bench --bench native`.
// A benchmark reports; a missing input file is a usage error, told loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use smart_access::model::date::IsoDate;
use smart_access::{to_json, Account, MigrationRequest};
use std::hint::black_box;
use std::time::Duration;

fn input(n: usize, what: &str) -> String {
    let dir = std::env::var("SMART_ACCESS_BENCH_DIR").unwrap_or("target/bench-accounts".into());
    let path = format!("{dir}/{n}.{what}.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e}; run `node benches/write-accounts.mjs {dir}` first")
    })
}

fn sizes(c: &mut Criterion) {
    for n in 0.. {
        let dir = std::env::var("SMART_ACCESS_BENCH_DIR").unwrap_or("target/bench-accounts".into());
        if !std::path::Path::new(&format!("{dir}/{n}.account.json")).exists() {
            break;
        }
        let text = input(n, "account");
        let account = Account::from_json_str(&text).unwrap();
        let users = account.snapshot().users.len();
        let lines: usize = account
            .snapshot()
            .contracts
            .iter()
            .map(|c| c.lines.len())
            .sum();
        let request = MigrationRequest::from_json_str(&input(n, "request")).unwrap();
        let questions = input(n, "questions");
        let count = serde_json::from_str::<Vec<serde_json::Value>>(&questions)
            .unwrap()
            .len();
        let mut group = c.benchmark_group(format!("{users} users, {lines} lines"));
        // Large accounts take seconds an iteration: ten flat samples are enough to see them.
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(if lines > 100_000 { 1 } else { 3 }));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("load", |b| {
            b.iter(|| Account::from_json_str(black_box(&text)).unwrap())
        });
        group.throughput(Throughput::Elements(users as u64));
        group.bench_function("preview", |b| {
            b.iter(|| to_json(&account.preview(black_box(&request)).unwrap()))
        });
        group.bench_function("apply", |b| {
            b.iter(|| to_json(&account.apply(black_box(&request)).unwrap()))
        });
        group.throughput(Throughput::Elements(count as u64));
        group.bench_function(BenchmarkId::new("can", count), |b| {
            b.iter(|| {
                account
                    .can_many_text(black_box(&questions), IsoDate::parse("2026-11-23"))
                    .unwrap()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, sizes);
criterion_main!(benches);
