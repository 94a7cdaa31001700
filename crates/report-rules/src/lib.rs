//! Consistency and completeness checks of a 政府信息公开工作年度报告, on the typed
//! [`report_model::Report`] alone (this crate does not depend on the parser).
//!
//! [`check`] returns every [`Finding`], sorted and deterministic: a stable rule id, a severity,
//! a message in Chinese a report's author can act on, the canonical addresses of the cells
//! involved, and where they stand in the source.
//!
//! # Rules
//!
//! | id | severity | what it says |
//! |---|---|---|
//! | `parse.ambiguous-row` | warning | a row's values could not be placed in its cells |
//! | `parse.extra-values` | warning | a row has more values than columns |
//! | `parse.invalid-cell` | warning | a cell holds text that is not a value |
//! | `parse.stray-value` | warning | a value stands outside every row of its table |
//! | `parse.template-guessed` | info | a table's template was taken from the report's year |
//! | `parse.missing-section` | warning | a section heading of the template was not found |
//! | `parse.missing-row` | warning | rows of a table's template were not found |
//!
//! The `parse.*` findings restate what the parser could not read (the report's
//! [`diagnostics`](report_model::Report::diagnostics)), so that one list holds everything a
//! reader must look at.
//!
//! # Example
//!
//! ```
//! use report_model::{Diagnostic, DiagnosticKind, Report, Span};
//! use report_rules::{check, Severity};
//!
//! let mut report = Report::default();
//! report.diagnostics.push(Diagnostic {
//!     kind: DiagnosticKind::MissingSection,
//!     message: "未找到第六部分「六、其他需要报告的事项」".into(),
//!     span: Span::empty(0), line: 1, column: 1, cells: vec![],
//! });
//! let findings = check(&report);
//! assert_eq!(findings[0].rule, "parse.missing-section");
//! assert_eq!(findings[0].severity, Severity::Warning);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

use report_model::{Address, DiagnosticKind, Report, Span};
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Must be fixed: the report contradicts itself or the template.
    Error,
    /// Very probably wrong, or something could not be checked.
    Warning,
    /// Worth a look.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The stable rule id, e.g. `parse.ambiguous-row`.
    pub rule: String,
    /// How serious.
    pub severity: Severity,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// The canonical addresses of the cells involved.
    pub cells: Vec<Address>,
    /// Where in the source.
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start`, 1-based, in characters.
    pub column: u32,
}

fn parse_rule(kind: DiagnosticKind) -> (&'static str, Severity) {
    match kind {
        DiagnosticKind::AmbiguousRow => ("parse.ambiguous-row", Severity::Warning),
        DiagnosticKind::ExtraValues => ("parse.extra-values", Severity::Warning),
        DiagnosticKind::InvalidCell => ("parse.invalid-cell", Severity::Warning),
        DiagnosticKind::StrayValue => ("parse.stray-value", Severity::Warning),
        DiagnosticKind::TemplateGuessed => ("parse.template-guessed", Severity::Info),
        DiagnosticKind::MissingSection => ("parse.missing-section", Severity::Warning),
        DiagnosticKind::MissingRow => ("parse.missing-row", Severity::Warning),
        _ => ("parse.other", Severity::Warning),
    }
}

/// Runs every check on `report` and returns the findings, sorted by position, then rule id.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut findings: Vec<Finding> = report
        .diagnostics
        .iter()
        .map(|d| {
            let (rule, severity) = parse_rule(d.kind);
            Finding {
                rule: rule.to_owned(),
                severity,
                message: d.message.clone(),
                cells: d.cells.clone(),
                span: d.span,
                line: d.line,
                column: d.column,
            }
        })
        .collect();
    findings
        .sort_by(|a, b| (a.span.start, &a.rule, &a.cells).cmp(&(b.span.start, &b.rule, &b.cells)));
    findings
}

/// The README's examples, compiled as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
