//! Speed of the whole job, in criterion benchmarks with the baseline measured in the same run.
//!
//! - one group per seed and per corpus file (`seed/…`, `corpus/…`), each with `lines`
//!   (`str::lines().count()` over the same bytes: the baseline), `decode`, `parse`, `check`,
//!   `parse+check` (from bytes) and `positional` (the reader of [`report_benches::positional`]);
//! - `corpus`: all corpus files, parse + check from bytes, against the line count and the
//!   positional reader over the same files;
//! - `scaling`: a document repeated and a table grown 1×, 4×, 16×, 64× (time per byte flat);
//! - `glued-run` and `one-line`: digit runs and text without line breaks;
//! - `heading-lines`: 10 000 and 100 000 lines that are all a section heading;
//! - `documents`: seed 003 as text against the same report as a PDF (LibreOffice from .docx):
//!   the text read from the PDF (`pdf-text`), the whole parse + check from the PDF's bytes; the
//!   2021 office report as .docx and as PDF.
//!
//! `python3 benches/report.py` prints the medians, MB/s and ratios from `target/criterion`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use report_benches::{SEEDS, corpus, grown, line_count, parse_and_check, positional, repeated};

fn per_file(c: &mut Criterion, group: &str, bytes: &[u8]) {
    let text = report_parse::decode(bytes).expect("bench input decodes");
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("lines", |b| b.iter(|| line_count(black_box(&text))));
    g.bench_function("decode", |b| {
        b.iter(|| report_parse::decode(black_box(bytes)).map(|t| t.len()))
    });
    g.bench_function("parse", |b| {
        b.iter(|| report_parse::parse_report(black_box(&text)))
    });
    if let Ok(report) = report_parse::parse_report(&text) {
        g.bench_function("check", |b| {
            b.iter(|| report_rules::check(black_box(&report)))
        });
    }
    g.bench_function("parse+check", |b| {
        b.iter(|| parse_and_check(black_box(bytes)))
    });
    g.bench_function("positional", |b| {
        b.iter(|| positional::read_bytes(black_box(bytes)))
    });
    g.finish();
}

fn files(c: &mut Criterion) {
    for (name, text) in SEEDS {
        per_file(c, &format!("seed/{name}"), text.as_bytes());
    }
    let corpus = corpus();
    for (name, bytes) in &corpus {
        per_file(c, &format!("corpus/{name}"), bytes);
    }
    if corpus.is_empty() {
        return;
    }
    let total: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("lines", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|(_, bytes)| line_count(&String::from_utf8_lossy(black_box(bytes))))
                .sum::<usize>()
        })
    });
    g.bench_function("parse+check", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|(_, bytes)| parse_and_check(black_box(bytes)))
                .sum::<usize>()
        })
    });
    g.bench_function("positional", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|(_, bytes)| positional::read_bytes(black_box(bytes)))
                .sum::<usize>()
        })
    });
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(20);
    for copies in [1usize, 4, 16, 64] {
        for (shape, text) in [("document", repeated(copies)), ("table", grown(copies))] {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(shape, copies), &text, |b, text| {
                b.iter(|| parse_and_check(black_box(text.as_bytes())))
            });
        }
    }
    g.finish();
    // a run of glued digits is refused or split in time linear in its length
    let mut g = c.benchmark_group("glued-run");
    g.sample_size(20);
    for digits in [10_000usize, 100_000, 1_000_000] {
        let text = format!(
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{}二、上年结转政府信息公开申请数量0000000\n",
            "7".repeat(digits)
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(digits), &text, |b, text| {
            b.iter(|| report_parse::parse_report(black_box(text)))
        });
    }
    g.finish();
    // every line the heading of section 一: time linear in the lines (it was quadratic)
    let mut g = c.benchmark_group("heading-lines");
    g.sample_size(20);
    for lines in [10_000usize, 100_000] {
        let text = "一、总体情况\n".repeat(lines);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(lines), &text, |b, text| {
            b.iter(|| report_parse::parse_report(black_box(text)))
        });
    }
    g.finish();
}

/// Text as crawlers deliver it: a seed with its line breaks made spaces (one line, found again by
/// the reflow), a report repeated 1×, 4×, 16× and 64× on one line, and one line of HTML rows;
/// throughput should stay flat across sizes.
fn one_line(c: &mut Criterion) {
    let mut g = c.benchmark_group("one-line");
    g.sample_size(20);
    for (name, text) in SEEDS {
        let flat = text.replace('\n', " ");
        g.throughput(Throughput::Bytes(flat.len() as u64));
        g.bench_with_input(BenchmarkId::new("seed", name), &flat, |b, t| {
            b.iter(|| report_parse::parse_report(black_box(t)))
        });
    }
    for copies in [1usize, 4, 16, 64] {
        let text = SEEDS[3].1.replace('\n', " ").repeat(copies);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("repeated", copies), &text, |b, t| {
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
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("html-rows", rows), &text, |b, t| {
            b.iter(|| report_parse::parse_report(black_box(t)))
        });
    }
    g.finish();
}

/// A test document of `testdata/`.
fn testdata(path: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn documents(c: &mut Criterion) {
    let mut g = c.benchmark_group("documents");
    let seed = SEEDS
        .iter()
        .find(|(name, _)| *name == "seed-003")
        .map(|(_, t)| t.as_bytes().to_vec())
        .expect("seed 003 is bundled");
    let files = [
        ("seed-003.txt", seed),
        ("seed-003.pdf", testdata("pdf/seeds/003.pdf")),
        ("office-2021.docx", testdata("docx/office-2021.docx")),
        ("office-2021.pdf", testdata("pdf/office-2021.pdf")),
    ];
    for (name, bytes) in &files {
        g.bench_with_input(BenchmarkId::new("text", name), bytes, |b, bytes| {
            b.iter(|| report_parse::document_text(black_box(bytes)).map(|(t, _)| t.len()))
        });
        g.bench_with_input(BenchmarkId::new("parse+check", name), bytes, |b, bytes| {
            b.iter(|| {
                report_parse::parse_bytes(black_box(bytes))
                    .map(|(_, report)| report_rules::check(&report).len())
            })
        });
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = files, scaling, one_line, documents
}
criterion_main!(benches);
