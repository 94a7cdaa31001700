//! Inputs shared by the benchmarks, the positional reader they compare against, and a counting
//! allocator.
//!
//! - [`SEEDS`]: the five seed reports, bundled in `testdata/parse`;
//! - [`corpus`]: the real reports of `../shared/corpus`, read from disk when it is there;
//! - [`grown`] and [`repeated`]: a table, and a whole document, made `copies` times as long;
//! - [`positional`]: the reader the common prototypes use (digits filled into the template in
//!   order, no checks), written here only to be timed against ours;
//! - `alloc`: a global allocator that counts, behind the `count-allocs` feature.

#![deny(unsafe_code)]

pub mod positional;

#[cfg(feature = "count-allocs")]
pub mod alloc;

use std::path::{Path, PathBuf};

/// The seed reports, as `(name, text)`.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "seed-000",
        include_str!("../testdata/parse/seed-000-pipe-cells-2019-slashes/input.txt"),
    ),
    (
        "seed-001",
        include_str!("../testdata/parse/seed-001-pipe-cells-2020-short-row/input.txt"),
    ),
    (
        "seed-002",
        include_str!("../testdata/parse/seed-002-tab-cells-2021/input.txt"),
    ),
    (
        "seed-003",
        include_str!("../testdata/parse/seed-003-pipe-rows-masked/input.txt"),
    ),
    (
        "seed-004",
        include_str!("../testdata/parse/seed-004-markdown-tab-rows-mixed/input.txt"),
    ),
];

/// Seed 003 with the rows of its table 三 repeated `copies` times: a table region `copies`
/// times as long, for measuring how parsing scales.
pub fn grown(copies: usize) -> String {
    let text = SEEDS[3].1;
    let start = text.find("一、****政府信息公开申请数量").unwrap_or(0);
    let end = text.find("四、政府信息公开行政复议").unwrap_or(text.len());
    let rows = &text[start..end];
    format!("{}{}{}", &text[..start], rows.repeat(copies), &text[end..])
}

/// Seed 003 written `copies` times one after the other: a document `copies` times as long.
pub fn repeated(copies: usize) -> String {
    let text = SEEDS[3].1;
    let mut out = String::with_capacity(text.len() * copies + copies);
    for _ in 0..copies {
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The directory of the shared development corpus, when it is beside the repository.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// The reports of `../shared/corpus` (`.txt` and `.html`, sorted by path), as `(name, bytes)`;
/// empty when the corpus is not there.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Ok(families) = std::fs::read_dir(&dir) else {
        return out;
    };
    for family in families.flatten() {
        let Ok(files) = std::fs::read_dir(family.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            let wanted = path.extension().is_some_and(|e| e == "txt" || e == "html");
            if !wanted {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&path) {
                let name = format!(
                    "{}/{}",
                    family.file_name().to_string_lossy(),
                    file.file_name().to_string_lossy()
                );
                out.push((name, bytes));
            }
        }
    }
    out.sort();
    out
}

/// Our whole job on one file: decode, parse, check. Returns the number of findings (0 when the
/// text is no report), so the work cannot be optimised away.
pub fn parse_and_check(bytes: &[u8]) -> usize {
    let Ok(text) = report_parse::decode(bytes) else {
        return 0;
    };
    match report_parse::parse_report(&text) {
        Ok(report) => report_rules::check(&report).len() + 1,
        Err(_) => 0,
    }
}

/// The baseline every group measures beside our code: `str::lines().count()` over the same
/// bytes.
pub fn line_count(text: &str) -> usize {
    text.lines().count()
}
