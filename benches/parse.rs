//! Parse and check throughput on the seed reports, a plain line scan of the same text as the
//! baseline measured in the same run, and scaling with the size of a table.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use report_benches::{SEEDS, grown};

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("baseline");
    for (name, text) in SEEDS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(text)
                    .lines()
                    .map(|l| l.chars().count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
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
    let mut group = c.benchmark_group("scaling");
    group.sample_size(20);
    for copies in [1usize, 10, 100] {
        let text = grown(copies);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("table-rows-repeated", copies),
            &text,
            |b, text| b.iter(|| report_parse::parse_report(black_box(text))),
        );
    }
    group.finish();
    // a run of glued digits is refused or split in time linear in its length
    let mut group = c.benchmark_group("glued-run");
    group.sample_size(20);
    for digits in [10_000usize, 100_000, 1_000_000] {
        let text = format!(
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{}二、上年结转政府信息公开申请数量0000000\n",
            "7".repeat(digits)
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(digits), &text, |b, text| {
            b.iter(|| report_parse::parse_report(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
