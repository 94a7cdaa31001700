//! Parse and check throughput on the seed reports.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use report_benches::SEEDS;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, text) in SEEDS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| report_parse::parse_report(black_box(text)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("check");
    for (name, text) in SEEDS {
        let report = report_parse::parse_report(text).expect("seed parses");
        group.bench_function(name, |b| b.iter(|| report_rules::check(black_box(&report))));
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
