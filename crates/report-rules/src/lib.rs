//! Consistency and completeness checks of a 政府信息公开工作年度报告, on the typed
//! [`report_model::Report`] alone (this crate does not depend on the parser).
//!
//! [`check`] returns every [`Finding`], sorted by position and deterministic: a stable rule id,
//! a severity, a message in Chinese a report's author can act on, the canonical addresses of the
//! cells involved and where they stand, and for arithmetic rules the equation with its numbers,
//! the expected and the actual value. A reported value is never altered: a wrong total is
//! reported, never recomputed. "Not reported" is not zero: a blank, `/` or masked cell makes a
//! rule inconclusive (one `….not_reported` finding per rule naming the cells), never a false
//! mismatch. [`check_with`] switches rules off or changes their severity ([`Config`]).
//! [`check_previous`] and [`check_region`] compare reports.
//!
//! # Rules
//!
//! | id | severity | checks |
//! |---|---|---|
//! | `requests.balance` | error | T3-1, each of the 7 columns: `一 + 二 = （七）总计 + 四` |
//! | `requests.row_total` | error | T3-2, every row: `总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他` |
//! | `requests.outcome_total` | error | T3-3 (2019) / T3-3′ (2021), each column: `（七） = （一） + （二） + Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + （六）` (2021: `Σ（六）1–3`) |
//! | `requests.non_negative_integer` | error | T3-4: every cell an integer ≥ 0 |
//! | `appeals.block_total` | error | T4-1, each block: `总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结` |
//! | `appeals.non_negative_integer` | error | T4-2 |
//! | `proactive.value_type` | error | counts are integers ≥ 0, 本年增/减 an integer, amounts ≥ 0 |
//! | `proactive.items_non_negative` | error | T2-19-1: `上一年项目数量 + 本年增/减 ≥ 0` |
//! | `proactive.total_published_ge_published` | info | T2-19-2: `对外公开总数量 ≥ 本年新公开数量` |
//! | `proactive.published_le_made` | info | T2-19-3: `本年新公开数量 ≤ 本年新制作数量` |
//! | `proactive.procurement_consistency` | info | T2-19-4: `采购项目数量 = 0 ⇔ 采购总金额 = 0` |
//! | `proactive.in_force_ge_issued` | info | T2-21-1: `现行有效件数 ≥ 本年制发件数` |
//! | `proactive.amount_unit` | info | T2-21-2 and (九): an amount written in 元, or too large to be 万元 (≥ 100 000) |
//! | `<rule>.not_reported` | info | the instances of `<rule>` that blank, `/` or masked cells made inconclusive |
//! | `proactive.mostly_not_reported`, `requests.…`, `appeals.…` | warning | more than half of a table's cells not reported |
//! | `<rule>.overflow` (e.g. `requests.balance.overflow`) | warning | a sum of the rule is too large to compute (past `Decimal`'s ≈ 7.9×10^28): the check could not be made, never skipped silently |
//! | `narrative.unreadable_number` | warning | a figure in the text of 一、总体情况 too large to compute with |
//! | `proactive.not_read`, `requests.not_read`, `appeals.not_read` | warning | cells whose value is in the text but could not be read (ambiguous, invalid); the checks that need them are not made |
//! | `completeness.missing_section` | warning | one of the six sections not found |
//! | `completeness.missing_table` | warning | a table's section found, the table not |
//! | `completeness.missing_row` | warning | rows of the table's template not found |
//! | `template.outdated` | error | a table 二 or 三 on the 2019 template in a report for 2021 or later |
//! | `template.anachronistic` | warning | the 2021 template in a report for 2019 or 2020 |
//! | `narrative.mismatch` | warning | X-1: a figure of 一、总体情况 (requests received, carried over, handled, carried forward; reviews; suits; 规章 and 规范性文件 issued), Chinese numerals included, differs from the cells; "收到申请 N 件" may mean new or new + carried over |
//! | `other.fee_statement` | warning | X-2: a report for 2021 or later whose section 六 says nothing about 信息处理费 |
//! | `parse.ambiguous-row`, `parse.extra-values`, `parse.invalid-cell`, `parse.stray-value` | warning | what the parser could not read (the report's diagnostics) |
//! | `parse.template-guessed` | info | a table's template decided by the report's year |
//! | `parse.extra-row` | info | a row the template does not have (a local addition): its values are not read |
//! | `previous.carryover` | warning | T3-X ([`check_previous`]): `二[c](Y) = 四[c](Y−1)` |
//! | `previous.in_force` | warning | T2-21-X: `现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)` |
//! | `previous.items` | warning | T2-19-X, 2019→2020: `上一年项目数量(2020) = 上一年项目数量(2019) + 本年增/减(2019)` |
//! | `previous.boilerplate` | warning | a narrative section ≥ 90 % similar to last year's (内容雷同) |
//! | `previous.year` | warning | the compared reports are not of consecutive years |
//! | `region.sum` | warning | [`check_region`]: a region's cell = the sum of its bodies' |
//!
//! # Example
//!
//! ```
//! use report_model::{Address, Cell, Decimal, Layout, Position, Report, Span, Table, TableKind, Template};
//! use report_rules::{check, Severity};
//!
//! // Table 四 with a review block whose 总计 is 1 while its parts add up to 2.
//! let mut cells = Vec::new();
//! for (i, a) in Address::of_template(TableKind::Appeals, Template::V2021).enumerate() {
//!     let v = if i < 2 { 1 } else if i == 4 { 1 } else { 0 };
//!     cells.push(Cell::number(a, Decimal::from(v), None, v.to_string(), Span::new(2 * i, 2 * i + 1),
//!                             Position { line: 1, column: 2 * i as u32 + 1 }));
//! }
//! let table = Table { kind: TableKind::Appeals, template: Template::V2021, layout: Layout::PipeRows,
//!                     span: Span::new(0, 30), cells, parts: Vec::new() };
//! let report = Report { appeals: Some(table), ..Report::default() };
//!
//! let findings = check(&report);
//! let f = findings.iter().find(|f| f.rule == "appeals.block_total").expect("found");
//! assert_eq!(f.severity, Severity::Error);
//! assert_eq!(f.cells[0].to_string(), "appeals.review.total");
//! assert_eq!(f.equation.as_deref(), Some("结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 2 ≠ 总计 1"));
//! assert_eq!((f.line, f.column), (1, 9));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod cross;
mod finding;
mod narrative;
mod tables;

use report_model::{DiagnosticKind, Report};

pub use crate::cross::{BOILERPLATE_SIMILARITY, check_previous, check_region, similarity};
pub use crate::finding::{Config, Finding, Location, Severity};

/// The rule id and default severity of a parser diagnostic, or `None` for the diagnostics the
/// completeness rules restate from the model itself.
fn parse_rule(kind: DiagnosticKind) -> Option<(&'static str, Severity)> {
    Some(match kind {
        DiagnosticKind::AmbiguousRow => ("parse.ambiguous-row", Severity::Warning),
        DiagnosticKind::ExtraValues => ("parse.extra-values", Severity::Warning),
        DiagnosticKind::InvalidCell => ("parse.invalid-cell", Severity::Warning),
        DiagnosticKind::StrayValue => ("parse.stray-value", Severity::Warning),
        DiagnosticKind::ExtraRow => ("parse.extra-row", Severity::Info),
        DiagnosticKind::TemplateGuessed => ("parse.template-guessed", Severity::Info),
        DiagnosticKind::Reconstructed => ("parse.reconstructed", Severity::Info),
        DiagnosticKind::MissingSection | DiagnosticKind::MissingRow => return None,
        _ => ("parse.other", Severity::Warning),
    })
}

/// Runs every rule on `report` with the default configuration.
pub fn check(report: &Report) -> Vec<Finding> {
    check_with(report, &Config::default())
}

/// Runs the rules `config` enables on `report`, with the severities it sets.
pub fn check_with(report: &Report, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &report.diagnostics {
        let Some((rule, severity)) = parse_rule(d.kind) else {
            continue;
        };
        let mut f = Finding::new(rule, severity, d.message.clone())
            .with_cells(d.cells.iter().map(|&a| (a, report.cell(a))))
            .at(d.span, d.line, d.column);
        f.cells = d.cells.clone();
        out.push(f);
    }
    let mut inconclusive = tables::Inconclusive::default();
    tables::requests(report, &mut inconclusive, &mut out);
    tables::appeals(report, &mut inconclusive, &mut out);
    inconclusive.findings(report, &mut out);
    tables::value_types(report, &mut out);
    tables::proactive(report, &mut out);
    tables::completeness(report, &mut out);
    tables::templates(report, &mut out);
    narrative::narrative(report, &mut out);
    narrative::fee_statement(report, &mut out);
    config.apply(out)
}

/// The README's examples, compiled as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
