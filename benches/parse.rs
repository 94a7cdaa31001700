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

/// Text as crawlers deliver it: a seed with its line breaks made spaces (one line, found again by
/// the reflow), a report repeated 1×, 4×, 16× and 64× on one line, and one line of HTML rows;
/// throughput should stay flat across sizes.
fn one_line(c: &mut Criterion) {
    let mut group = c.benchmark_group("one-line");
    group.sample_size(20);
    for (name, text) in SEEDS {
        let flat = text.replace('\n', " ");
        group.throughput(Throughput::Bytes(flat.len() as u64));
        group.bench_with_input(BenchmarkId::new("seed", name), &flat, |b, t| {
            b.iter(|| report_parse::parse_report(black_box(t)))
        });
    }
    for copies in [1usize, 4, 16, 64] {
        let text = SEEDS[3].1.replace('\n', " ").repeat(copies);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("repeated", copies), &text, |b, t| {
            b.iter(|| report_parse::parse_report(black_box(t)))
        });
    }
    for rows in [1_000usize, 10_000, 100_000] {
        let body: String = (0..rows)
            .map(|_| "<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>")
            .collect();
        let text = format!(
            "<html><body><h2>三、收到和处理政府信息公开申请情况</h2><table>{body}</table></body></html>"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("html-rows", rows), &text, |b, t| {
            b.iter(|| report_parse::parse_report(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, parse, one_line);
criterion_main!(benches);
