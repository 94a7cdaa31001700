//! Findings, severities and the caller's configuration.

use std::collections::BTreeMap;

use report_model::{Address, Cell, Decimal, Span};
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

/// Where one cell involved in a finding stands in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The cell.
    pub address: Address,
    /// Its text in the source.
    pub span: Span,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Location {
    pub(crate) fn of(cell: &Cell) -> Location {
        Location {
            address: cell.address,
            span: cell.span,
            line: cell.line,
            column: cell.column,
        }
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The stable rule id, e.g. `requests.balance`.
    pub rule: String,
    /// How serious (after the caller's [`Config`]).
    pub severity: Severity,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// The canonical addresses of the cells involved.
    pub cells: Vec<Address>,
    /// Where the involved cells stand, the primary one (the total compared) first.
    pub locations: Vec<Location>,
    /// The equation with its numbers, for arithmetic rules:
    /// `一 4 + 二 0 = 4 ≠ （七） 5 + 四 0 = 5`.
    pub equation: Option<String>,
    /// The value the rule expects, for arithmetic rules.
    pub expected: Option<Decimal>,
    /// The value the report gives.
    pub actual: Option<Decimal>,
    /// Where in the source (the primary location, or the sentence or section concerned).
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start`, 1-based, in characters.
    pub column: u32,
}

impl Finding {
    pub(crate) fn new(rule: &str, severity: Severity, message: String) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity,
            message,
            cells: Vec::new(),
            locations: Vec::new(),
            equation: None,
            expected: None,
            actual: None,
            span: Span::empty(0),
            line: 1,
            column: 1,
        }
    }

    /// Names the cells, and places the finding at the first one present in the source.
    pub(crate) fn with_cells<'a>(
        mut self,
        cells: impl IntoIterator<Item = (Address, Option<&'a Cell>)>,
    ) -> Finding {
        // room for every cell made once (a finding may name a whole table's cells)
        let cells = cells.into_iter();
        self.cells.reserve(cells.size_hint().0);
        self.locations.reserve(cells.size_hint().0);
        for (address, cell) in cells {
            self.cells.push(address);
            if let Some(cell) = cell {
                self.locations.push(Location::of(cell));
            }
        }
        if let Some(first) = self.locations.first() {
            self.span = first.span;
            self.line = first.line;
            self.column = first.column;
        }
        self
    }

    pub(crate) fn at(mut self, span: Span, line: u32, column: u32) -> Finding {
        self.span = span;
        self.line = line;
        self.column = column;
        self
    }

    pub(crate) fn arithmetic(
        mut self,
        equation: String,
        expected: Decimal,
        actual: Decimal,
    ) -> Finding {
        self.equation = Some(equation);
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }
}

/// Which rules run, and how serious their findings are.
///
/// ```
/// use report_rules::{Config, Severity};
/// let config = Config::default()
///     .disable("narrative.mismatch")
///     .severity("template.outdated", Severity::Warning);
/// assert!(!config.enabled("narrative.mismatch"));
/// assert_eq!(config.severity_of("template.outdated", Severity::Error), Severity::Warning);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    disabled: Vec<String>,
    severities: BTreeMap<String, Severity>,
}

impl Config {
    /// Switches off rule `rule` (an id, or a prefix ending in `.`, e.g. `narrative.`).
    pub fn disable(mut self, rule: &str) -> Config {
        self.disabled.push(rule.to_owned());
        self
    }

    /// Gives rule `rule`'s findings severity `severity`.
    pub fn severity(mut self, rule: &str, severity: Severity) -> Config {
        self.severities.insert(rule.to_owned(), severity);
        self
    }

    /// Whether rule `rule` runs.
    pub fn enabled(&self, rule: &str) -> bool {
        !self
            .disabled
            .iter()
            .any(|d| d == rule || (d.ends_with('.') && rule.starts_with(d.as_str())))
    }

    /// The severity of rule `rule`, given its default.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        self.severities.get(rule).copied().unwrap_or(default)
    }

    /// Applies the configuration to findings, then sorts them.
    pub(crate) fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mut out: Vec<Finding> = findings
            .into_iter()
            .filter(|f| self.enabled(&f.rule))
            .map(|mut f| {
                f.severity = self.severity_of(&f.rule, f.severity);
                f
            })
            .collect();
        sort(&mut out);
        out
    }
}

/// Sorts findings by position, then rule id, then cells: the order of the source.
pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, &a.rule, &a.cells, &a.message).cmp(&(
            b.span.start,
            &b.rule,
            &b.cells,
            &b.message,
        ))
    });
}
