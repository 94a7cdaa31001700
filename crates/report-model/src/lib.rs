//! The typed model of a Chinese government information-disclosure annual report
//! (政府信息公开工作年度报告): metadata, the six sections, and the three statistical tables on
//! either template (2019 试行 or 2021 修订), every cell with its kind, value, raw text and source
//! span.
//!
//! This crate holds types only: no parsing (see `report-parse`) and no checks (see
//! `report-rules`). It also holds the label catalogue ([`Row`], [`Address`]): the one place the
//! templates' rows, columns and canonical cell addresses are written down.
//!
//! # Example
//!
//! ```
//! use report_model::{Address, Cell, CellKind, Layout, Position, Report, Span, Table, TableKind, Template};
//! use rust_decimal::Decimal;
//!
//! let received: Address = "requests.received.total".parse()?;
//! let mut table = Table {
//!     kind: TableKind::Requests,
//!     template: Template::V2021,
//!     layout: Layout::PipeRows,
//!     span: Span::new(0, 10),
//!     cells: vec![Cell::number(received, Decimal::from(4), None, "4", Span::new(5, 6),
//!                              Position { line: 1, column: 6 })],
//!     parts: Vec::new(),
//! };
//! table.sort();
//! let report = Report { requests: Some(table), ..Report::default() };
//!
//! let cell = report.cell(received).expect("present");
//! assert_eq!(cell.kind, CellKind::Number);
//! assert_eq!(cell.value, Some(Decimal::from(4)));
//! assert_eq!(received.row_label(), "一、本年新收政府信息公开申请数量");
//! // decimals serialize as strings, so the JSON is exact and deterministic
//! assert!(serde_json::to_string(&report)?.contains(r#""value":"4""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod catalogue;
mod report;
mod span;

pub use crate::catalogue::{
    Address, ColumnDef, Row, RowDef, SectionKind, TableKind, Template, UnknownAddress, ValueType,
};
pub use crate::report::{
    Cell, CellKind, Date, Diagnostic, DiagnosticKind, Layout, Located, Metadata, Origin, Part,
    PartKind, Report, Section, Table, TextBlock, Unplaced,
};
pub use crate::span::{LineIndex, Position, Span, position_of};
/// The string type of [`Cell::raw`]: a `String` that holds up to 24 bytes inline.
pub use compact_str::CompactString;
pub use rust_decimal::Decimal;
