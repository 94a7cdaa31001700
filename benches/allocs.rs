//! Allocations per parse (and per parse + check) of each seed and corpus file, counted by a
//! global allocator that counts:
//!
//! ```text
//! cargo bench -p report-benches --features count-allocs --bench allocs
//! ```

use report_benches::alloc::{Counting, measure};
use report_benches::{SEEDS, corpus};

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let mut inputs: Vec<(String, Vec<u8>)> = SEEDS
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    inputs.extend(corpus());
    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>10} {:>9} {:>9}",
        "input", "bytes", "allocs", "reallocs", "alloc B", "B/input", "+check"
    );
    for (name, bytes) in &inputs {
        let Ok(text) = report_parse::decode(bytes) else {
            println!("{name:<44} not decoded");
            continue;
        };
        // once to warm any lazily built tables, then counted
        let _ = report_parse::parse_report(&text);
        let (report, parse) = measure(|| report_parse::parse_report(&text));
        let check = match &report {
            Ok(r) => measure(|| report_rules::check(r)).1.allocs,
            Err(_) => 0,
        };
        println!(
            "{name:<44} {:>8} {:>8} {:>8} {:>10} {:>9.1} {:>9}",
            bytes.len(),
            parse.allocs,
            parse.reallocs,
            parse.bytes,
            parse.bytes as f64 / bytes.len() as f64,
            parse.allocs + check,
        );
    }
}
