//! Work per byte, counted (not timed): allocations and bytes allocated by one parse of the same
//! report 1×, 4×, 16× and 64× its length, and of one line of HTML rows 1 000 to 100 000 long,
//! may not grow past 1.5× what the smallest size takes per input byte. A super-linear step (a
//! quadratic scan, a copy of the text per row) shows here on any machine, however noisy its
//! clock. (Run with `cargo test -p report-benches --features count-allocs --test work`.)
//!
//! The counting allocator is this test binary's global allocator; the file holds one test so
//! nothing else allocates while it counts.

use report_benches::alloc::{Counting, measure};
use report_benches::repeated;

#[global_allocator]
static GLOBAL: Counting = Counting;

fn per_byte(text: &str) -> (f64, f64) {
    let _ = report_parse::parse_report(text); // lazily built tables, once
    let (report, counts) = measure(|| report_parse::parse_report(text));
    assert!(report.is_ok(), "the input is a report");
    let n = text.len() as f64;
    (counts.allocs as f64 / n, counts.bytes as f64 / n)
}

fn html_rows(rows: usize) -> String {
    let body: String = (0..rows)
        .map(|_| "<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>")
        .collect();
    format!(
        "<html><body><h2>三、收到和处理政府信息公开申请情况</h2><table>{body}</table></body></html>"
    )
}

fn assert_flat(what: &str, sizes: &[usize], measured: &[(f64, f64)]) {
    for (k, name) in ["allocations", "bytes allocated"].iter().enumerate() {
        let values: Vec<f64> = measured
            .iter()
            .map(|m| if k == 0 { m.0 } else { m.1 })
            .collect();
        let hi = values.iter().fold(0f64, |hi, &v| hi.max(v));
        eprintln!("{what}: {name} per input byte at sizes {sizes:?}: {values:.4?}");
        assert!(
            hi <= values[0] * 1.5,
            "{what}: {name} per byte grows with the size {sizes:?}: {values:?}"
        );
    }
}

#[test]
fn work_per_byte_does_not_grow_with_the_size() {
    let copies = [1usize, 4, 16, 64];
    let measured: Vec<(f64, f64)> = copies.iter().map(|&c| per_byte(&repeated(c))).collect();
    assert_flat("seed 003 repeated", &copies, &measured);
    let rows = [1_000usize, 10_000, 100_000];
    let measured: Vec<(f64, f64)> = rows.iter().map(|&r| per_byte(&html_rows(r))).collect();
    assert_flat("one line of HTML rows", &rows, &measured);
}
