//! Shared code of the example tools: the bundled sample, and the output formats, which live in
//! `report-cli` (the installable `gov-report` command) and are re-exported here so the examples
//! stay small programs showing the library's API.

pub use report_cli::{Checked, contract_json, render_finding, render_text};

/// The report bundled with the examples, checked when no file is given (a 2020 township report,
/// one-cell-per-line layout, with one row the text leaves ambiguous).
pub const SAMPLE: &str = include_str!("data/sample.txt");

/// The name the bundled sample is reported under.
pub const SAMPLE_NAME: &str = "<bundled sample: examples/data/sample.txt>";
