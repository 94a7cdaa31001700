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
