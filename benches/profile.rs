//! A loop to run under a profiler: parse + check the given files (default: seed 003) `N` times.
//! `document:K` and `table:K` stand for the inputs of the `scaling` bench (seed 003 repeated `K`
//! times, its table 三 grown `K` times), so that instructions per byte can be counted at each size.
//!
//! ```text
//! CARGO_PROFILE_BENCH_DEBUG=true cargo bench -p report-benches --bench profile --no-run
//! valgrind --tool=callgrind --toggle-collect=profile::passes target/release/deps/profile-* 100 [FILE...]
//! ```

use report_benches::{SEEDS, grown, parse_and_check, repeated};

fn main() {
    let mut args = std::env::args().skip(1);
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let mut inputs: Vec<Vec<u8>> = args
        .filter_map(|p| match p.split_once(':') {
            Some(("document", k)) => k.parse().ok().map(|k| repeated(k).into_bytes()),
            Some(("table", k)) => k.parse().ok().map(|k| grown(k).into_bytes()),
            _ => std::fs::read(p).ok(),
        })
        .collect();
    if inputs.is_empty() {
        inputs.push(SEEDS[3].1.as_bytes().to_vec());
    }
    eprintln!(
        "{} bytes per pass",
        inputs.iter().map(Vec::len).sum::<usize>()
    );
    // one pass first, outside `passes`: the template's tables and automata, built once per
    // process, are then not counted when callgrind collects in `passes` alone
    // (`--toggle-collect=profile::passes`)
    let warm: usize = inputs.iter().map(|bytes| parse_and_check(bytes)).sum();
    println!("{}", warm + passes(&inputs, times));
}

/// Parse + check every input `times` times; the findings counted, so that nothing is optimised
/// away.
#[inline(never)]
fn passes(inputs: &[Vec<u8>], times: usize) -> usize {
    let mut findings = 0;
    for _ in 0..times {
        for bytes in inputs {
            findings += parse_and_check(bytes);
        }
    }
    findings
}
