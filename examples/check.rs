//! Checks government information-disclosure annual reports.
//!
//! ```text
//! cargo run --release --example check -- [--json] [FILE...]
//! ```
//!
//! With no FILE, checks the sample report bundled in `examples/data/sample.txt`. `--json` prints
//! one JSON object per file (JSON Lines) following `../shared/spec/CELLS.md`. Exit code: 0 when
//! no finding is an error, 1 when one is, 2 when an input could not be read at all.

use std::io::Write as _;
use std::process::ExitCode;

use report_examples::{Checked, SAMPLE, SAMPLE_NAME, contract_json, render_text};

fn main() -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                let _ = writeln!(std::io::stdout(), "usage: check [--json] [FILE...]");
                return ExitCode::SUCCESS;
            }
            _ => files.push(arg),
        }
    }
    let mut results = Vec::new();
    if files.is_empty() {
        results.push(Checked::run(SAMPLE_NAME, SAMPLE.as_bytes()));
    }
    for file in &files {
        // read within the size limit; a missing file or a directory is said so, by name
        let input = report_cli::files::Input::File(file.into());
        let checked = report_cli::files::check(&input);
        if let Err(e) = &checked.outcome {
            let _ = writeln!(std::io::stderr(), "{e}");
        }
        results.push(checked);
    }
    let mut stdout = std::io::stdout().lock();
    for checked in &results {
        let written = if json {
            writeln!(stdout, "{}", contract_json(checked))
        } else {
            writeln!(stdout, "{}", render_text(checked))
        };
        if written.is_err() {
            return ExitCode::from(2);
        }
    }
    let code = results.iter().map(Checked::exit_code).max().unwrap_or(0);
    ExitCode::from(code as u8)
}
