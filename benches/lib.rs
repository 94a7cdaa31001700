//! Inputs shared by the benchmarks: the five seed reports, bundled in `testdata/parse`.

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
