//! Reads a report in whatever layout it arrives and writes it back clean.
//!
//! ```text
//! cargo run --release --example normalize -- [--to markdown|html|pipe-rows|tab-rows|pipe-cells|tab-cells|aligned] FILE
//! ```
//!
//! Cells the parser could not place are written as their raw text; what it could not read is
//! listed on standard error with its line.

use std::io::Write as _;
use std::process::ExitCode;

use report_render::{Style, render};

fn main() -> ExitCode {
    let mut style = Style::Markdown;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--to" => {
                style = match args.next().as_deref() {
                    Some("markdown") => Style::Markdown,
                    Some("html") => Style::Html,
                    Some("pipe-rows") => Style::PipeRows,
                    Some("tab-rows") => Style::TabRows,
                    Some("pipe-cells") => Style::PipeCells,
                    Some("tab-cells") => Style::TabCells,
                    Some("aligned") => Style::SpaceAligned,
                    other => {
                        let _ = writeln!(std::io::stderr(), "unknown layout {other:?}");
                        return ExitCode::from(2);
                    }
                }
            }
            _ => file = Some(arg),
        }
    }
    let Some(file) = file else {
        let _ = writeln!(std::io::stderr(), "usage: normalize [--to LAYOUT] FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{file}: {e}");
            return ExitCode::from(2);
        }
    };
    match report_parse::parse_bytes(&bytes) {
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{file}: {e}");
            ExitCode::from(2)
        }
        Ok((_, report)) => {
            for d in &report.diagnostics {
                let _ = writeln!(
                    std::io::stderr(),
                    "{file}:{}:{}: {}",
                    d.line,
                    d.column,
                    d.message
                );
            }
            let _ = std::io::stdout().write_all(render(&report, style).as_bytes());
            ExitCode::SUCCESS
        }
    }
}
