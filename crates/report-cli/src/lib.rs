//! The command-line checker `gov-report`, and its output formats as a library: the readable
//! report, the JSON object of `CELLS.md` (JSON Lines), the CSV of cells, and the batch that
//! checks an archive on every core.
//!
//! ```
//! use report_cli::{Checked, contract_json, csv_rows, render_text};
//!
//! let text = "2024年某某局政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
//!             一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n";
//! let checked = Checked::run("report.txt", text.as_bytes());
//! assert!(render_text(&checked).contains("表三 收到和处理政府信息公开申请情况"));
//! let json = contract_json(&checked);
//! assert_eq!(json["cells"]["requests.received.total"]["value"], "4");
//! assert_eq!(csv_rows(&checked).len(), 7);
//! ```
#![warn(missing_docs)]

#[cfg(feature = "cli")]
pub mod batch;
pub mod files;
mod output;
#[cfg(feature = "cli")]
pub mod serve;

pub use crate::output::{
    CSV_COLUMNS, Checked, Failure, Options, contract_json, contract_json_with, csv_rows,
    layout_name, render_finding, render_finding_with, render_text, render_text_with, shown,
    unplaced_json,
};
