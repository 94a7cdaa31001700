//! The report: metadata, sections, tables and cells.

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Address, SectionKind, TableKind, Template};
use crate::span::{Position, Span};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CellKind {
    /// A number: `0`, `12`, `2,149`, `０`, `-8`, `+3`, `0.35`, `251000元`.
    Number,
    /// Nothing in the cell.
    Blank,
    /// `/`, `-`, `—`, `无` and the like: not reported, which is not zero.
    NotApplicable,
    /// `****` or another redaction.
    Masked,
    /// Text that is none of the above; `raw` keeps it.
    Invalid,
    /// A value is there but which cell it belongs to cannot be decided; `raw` keeps it and a
    /// diagnostic of the report lists the candidates.
    Ambiguous,
}

impl CellKind {
    /// The name used in JSON (`number`, `blank`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CellKind::Number => "number",
            CellKind::Blank => "blank",
            CellKind::NotApplicable => "not_applicable",
            CellKind::Masked => "masked",
            CellKind::Invalid => "invalid",
            CellKind::Ambiguous => "ambiguous",
        }
    }
}

/// One statistical cell, as the source gives it.
///
/// Invariant: `value` is `Some` exactly when `kind` is [`CellKind::Number`]. The constructors keep
/// it; code that edits the fields directly must too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell's canonical address.
    pub address: Address,
    /// What the cell holds.
    pub kind: CellKind,
    /// The number, for [`CellKind::Number`]; serialized as a decimal string.
    pub value: Option<Decimal>,
    /// A unit written into the cell (`元`, `万元`, `件`, `项`), kept as written; never applied to
    /// the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The cell's text as it stands in the source, trimmed. Held inline up to 24 bytes (every
    /// number, mark and most invalid texts), so that reading a table allocates nothing per cell.
    pub raw: CompactString,
    /// Where the text stands in the source (empty for a blank cell: where it would stand).
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start` in characters, 1-based.
    pub column: u32,
}

impl Cell {
    /// A cell of `kind` with no value. Use [`Cell::number`] for numbers.
    pub fn new(
        address: Address,
        kind: CellKind,
        raw: impl Into<CompactString>,
        span: Span,
        at: Position,
    ) -> Self {
        debug_assert!(kind != CellKind::Number, "use Cell::number");
        Cell {
            address,
            kind,
            value: None,
            unit: None,
            raw: raw.into(),
            span,
            line: at.line,
            column: at.column,
        }
    }

    /// A number cell.
    pub fn number(
        address: Address,
        value: Decimal,
        unit: Option<String>,
        raw: impl Into<CompactString>,
        span: Span,
        at: Position,
    ) -> Self {
        Cell {
            address,
            kind: CellKind::Number,
            value: Some(value),
            unit,
            raw: raw.into(),
            span,
            line: at.line,
            column: at.column,
        }
    }

    /// The value when the cell is a number.
    pub fn number_value(&self) -> Option<Decimal> {
        if self.kind == CellKind::Number {
            self.value
        } else {
            None
        }
    }

    /// Replaces the value, making the cell a number. The raw text and span stay as read.
    pub fn set_value(&mut self, value: Decimal) {
        self.kind = CellKind::Number;
        self.value = Some(value);
    }

    /// Whether the cell is not reported: blank, `/`-like or masked.
    pub fn is_not_reported(&self) -> bool {
        matches!(
            self.kind,
            CellKind::Blank | CellKind::NotApplicable | CellKind::Masked
        )
    }

    /// The 1-based position of the cell's text.
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// How a table's text was laid out in the source, as detected by the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// One cell per line, each ending in ` |`, runs of `|` for merged cells (seeds 000, 001).
    PipeCells,
    /// One cell per line, tab-indented, blank lines between rows (seed 002).
    TabCells,
    /// One cell per line with no separator at all (a table copied as plain text).
    PlainCells,
    /// One row per line, cells separated by ` | ` (seed 003).
    PipeRows,
    /// One row per line, cells separated by tabs (seed 004).
    TabRows,
    /// A markdown pipe table: `| a | b |` rows and a `|---|` rule.
    Markdown,
    /// Columns aligned with runs of spaces (`pdftotext -layout`), or values separated by single
    /// spaces after their label.
    SpaceAligned,
    /// HTML table markup (`<table>`, `<tr>`, `<td>`), read structurally.
    Html,
    /// Every separator lost: a row's digits run together and stick to the labels around them
    /// (`…申请数量1520000017二、上年结转…`), split by the template's totals.
    Glued,
    /// Lines of several kinds, none dominant.
    Mixed,
}

impl Layout {
    /// A short English description for readable output.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::PipeCells => "one cell per line, `|`-terminated",
            Layout::TabCells => "one cell per line, tab-indented",
            Layout::PlainCells => "one cell per line, no separators",
            Layout::PipeRows => "one row per line, `|`-separated",
            Layout::TabRows => "one row per line, tab-separated",
            Layout::Markdown => "markdown table",
            Layout::SpaceAligned => "space-aligned columns",
            Layout::Html => "HTML table",
            Layout::Glued => "digits run together, separators lost",
            Layout::Mixed => "mixed",
        }
    }
}

/// One of the three statistical tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Which table.
    pub kind: TableKind,
    /// The template this table follows (decided per table).
    pub template: Template,
    /// How the table was laid out in the source.
    pub layout: Layout,
    /// The source text the table was read from.
    pub span: Span,
    /// The cells the source contains, sorted by address. A cell the text does not contain at all
    /// (a missing row) has no entry.
    pub cells: Vec<Cell>,
    /// The rest of the table's text the parser recognised: row labels, column headers, page
    /// numbers, in source order. With the cells, the diagnostics and [`Report::unplaced`] they
    /// account for every non-blank character of the table's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// What a piece of a table's text other than a cell was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PartKind {
    /// The label of one of the template's rows, or of a group of rows (`（三）不予公开`).
    RowLabel,
    /// A header of the template's columns (`自然人`, `结果维持`, `本年制发件数`), or a row
    /// label of the other template or table.
    Header,
    /// A page number a PDF extraction left between the rows (`- 3 -`, `第 3 页`).
    PageNumber,
}

/// A piece of a table's text other than a cell, and what it was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Where it stands.
    pub span: Span,
}

/// Text inside a table that is neither a cell, a label, a header nor a page number, and that no
/// diagnostic quotes: a note (`单位：件`), a sentence, a value outside the table's rows. Kept so
/// that nothing the text holds is silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    /// The text, cut to its first 64 characters (`…` after a cut); `span` covers all of it.
    pub text: String,
    /// Where it stands. Past the first 1 000 pieces of a table, one span covers all the rest.
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start`, 1-based, in characters.
    pub column: u32,
    /// The table whose text holds it.
    pub table: TableKind,
}

impl Table {
    /// The cell at `address`, if the table has it.
    pub fn cell(&self, address: Address) -> Option<&Cell> {
        self.cell_index(address).map(|i| &self.cells[i])
    }

    /// Where the cell at `address` stands in [`Table::cells`] (sorted by address, as
    /// [`Table::sort`] leaves them).
    pub fn cell_index(&self, address: Address) -> Option<usize> {
        let key = address.key();
        self.cells
            .binary_search_by_key(&key, |c| c.address.key())
            .ok()
    }

    /// Where the cell at `address` stands in [`Table::cells`], looked for first at each of
    /// `guesses` (indices where the caller expects it: just after the cell it found last, a
    /// row's length on), then by a binary search. Walking addresses in order, this finds each
    /// cell in a step or two instead of a search; a wrong or out-of-range guess costs one
    /// comparison and never a wrong answer.
    ///
    /// ```
    /// use report_model::{Address, Cell, CellKind, Layout, Position, Span, Table, TableKind, Template};
    /// let at = Position { line: 1, column: 1 };
    /// let addresses: Vec<Address> = Address::of_template(TableKind::Requests, Template::V2021).collect();
    /// let table = Table {
    ///     kind: TableKind::Requests,
    ///     template: Template::V2021,
    ///     layout: Layout::PipeRows,
    ///     span: Span::empty(0),
    ///     cells: addresses[..3].iter().map(|&a| Cell::new(a, CellKind::Blank, "", Span::empty(0), at)).collect(),
    ///     parts: Vec::new(),
    /// };
    /// let second = addresses[1];
    /// assert_eq!(table.cell_index_near(second, [1]), Some(1)); // the guess was right
    /// assert_eq!(table.cell_index_near(second, [2, 99]), Some(1)); // found by a search
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cell_index_near(
        &self,
        address: Address,
        guesses: impl IntoIterator<Item = usize>,
    ) -> Option<usize> {
        guesses
            .into_iter()
            .find(|&i| self.cells.get(i).is_some_and(|c| c.address == address))
            .or_else(|| self.cell_index(address))
    }

    /// The cell at `address`, mutably.
    pub fn cell_mut(&mut self, address: Address) -> Option<&mut Cell> {
        self.cell_index(address).map(|i| &mut self.cells[i])
    }

    /// The addresses the table's template has but the table does not.
    pub fn missing(&self) -> impl Iterator<Item = Address> + '_ {
        // the template's addresses come in the cells' order: each is looked for first just
        // after the cell found before it
        let mut next = 0;
        Address::of_template(self.kind, self.template).filter(move |&a| {
            let found = self.cell_index_near(a, [next]);
            if let Some(i) = found {
                next = i + 1;
            }
            found.is_none()
        })
    }

    /// Sorts the cells by address (keeps the invariant after building a table by hand).
    pub fn sort(&mut self) {
        self.cells.sort_by_key(|c| c.address);
    }
}

/// A value found in the text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where its text stands in the source.
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start`, 1-based, in characters.
    pub column: u32,
}

impl<T> Located<T> {
    /// A located value.
    pub fn new(value: T, span: Span, at: Position) -> Self {
        Located {
            value,
            span,
            line: at.line,
            column: at.column,
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

/// What the text says about the report itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The title, e.g. `攸县乡村振兴局2023年政府信息公开工作年度报告`.
    pub title: Option<Located<String>>,
    /// The issuing body, from the title or the signature.
    pub body: Option<Located<String>>,
    /// The data year the report covers (not the year of publication).
    pub year: Option<Located<i32>>,
    /// The date the report was signed or published, where the text gives one.
    pub date: Option<Located<Date>>,
}

/// A verbatim stretch of the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextBlock {
    /// The text, exactly as in the source.
    pub text: String,
    /// Where it stands.
    pub span: Span,
    /// The line it starts on, 1-based.
    pub line: u32,
}

/// One of the six numbered sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Which section, decided by the heading's text (not its numeral).
    pub kind: SectionKind,
    /// The heading line as written, e.g. `## 一、总体情况`.
    pub heading: Located<String>,
    /// Everything between this heading and the next, verbatim (tables included).
    pub body: TextBlock,
    /// Sub-headings inside the body, such as `（一）主动公开情况`.
    pub subheadings: Vec<Located<String>>,
}

/// Why the parser could not read part of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A row gave fewer values than it has columns, and nothing says which are missing: its
    /// cells are marked [`CellKind::Ambiguous`].
    AmbiguousRow,
    /// A row gave more values than it has columns.
    ExtraValues,
    /// A cell holds text that is not a value.
    InvalidCell,
    /// A value stands where no row of the template is.
    StrayValue,
    /// A row the template does not have (a local addition); its values are not read.
    ExtraRow,
    /// A table was recognised but its template could not be told from its text; the report's
    /// year decided.
    TemplateGuessed,
    /// A section heading the template has was not found.
    MissingSection,
    /// A row the table's template has was not found.
    MissingRow,
    /// A row's values were read through a transformation of the text (separators lost,
    /// spurious spaces, repeated lines dropped by a crawler, a value broken over two lines) that
    /// the template's equations left only one way to undo. Its cells are numbers; this says
    /// how they were read.
    Reconstructed,
}

/// Something the parser could not read, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What went wrong.
    pub kind: DiagnosticKind,
    /// A message a person can act on.
    pub message: String,
    /// Where, in the source.
    pub span: Span,
    /// Line of `span.start`, 1-based.
    pub line: u32,
    /// Column of `span.start`, 1-based, in characters.
    pub column: u32,
    /// The cells concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Address>,
}

/// A whole report, as read from its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Title, issuing body, year and date, where the text gives them.
    pub metadata: Metadata,
    /// Text before the first section (title, legal basis, statistics period), verbatim.
    pub preamble: Option<TextBlock>,
    /// The numbered sections found, in source order.
    pub sections: Vec<Section>,
    /// Text after the last section's content (signature and date), verbatim.
    pub epilogue: Option<TextBlock>,
    /// Table 二, if found.
    pub proactive: Option<Table>,
    /// Table 三, if found.
    pub requests: Option<Table>,
    /// Table 四, if found.
    pub appeals: Option<Table>,
    /// What could not be read, and where.
    pub diagnostics: Vec<Diagnostic>,
    /// Text of the tables that was not placed (see [`Unplaced`]), in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Unplaced>,
    /// For a report read from a document that is not text (a Word file), where each line of
    /// the text read stands in the document: `origins[line - 1]`. Empty for text and HTML,
    /// whose spans point into the input itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<Origin>,
}

/// Where a line of the text read from a document stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Origin {
    /// The body's paragraph of this index (1-based, tables not counted).
    Paragraph(u32),
    /// A row of a table: the table's and the row's numbers in the body (1-based).
    Row {
        /// The table, counted from the start of the body.
        table: u32,
        /// The row, counted from the table's first.
        row: u32,
    },
    /// A page of a PDF file (1-based).
    Page(u32),
}

impl Origin {
    /// In words, for readable output: `第3段`, `第2个表格第5行`, `第4页`.
    pub fn describe(self) -> String {
        match self {
            Origin::Paragraph(p) => format!("第{p}段"),
            Origin::Row { table, row } => format!("第{table}个表格第{row}行"),
            Origin::Page(p) => format!("第{p}页"),
        }
    }
}

impl Report {
    /// The table of `kind`, if found.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::Proactive => self.proactive.as_ref(),
            TableKind::Requests => self.requests.as_ref(),
            TableKind::Appeals => self.appeals.as_ref(),
        }
    }

    /// The table of `kind`, mutably.
    pub fn table_mut(&mut self, kind: TableKind) -> Option<&mut Table> {
        match kind {
            TableKind::Proactive => self.proactive.as_mut(),
            TableKind::Requests => self.requests.as_mut(),
            TableKind::Appeals => self.appeals.as_mut(),
        }
    }

    /// The tables found, in report order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        [&self.proactive, &self.requests, &self.appeals]
            .into_iter()
            .flatten()
    }

    /// Puts `table` in its place (table 二, 三 or 四 by its kind), replacing any there.
    pub fn set_table(&mut self, table: Table) {
        match table.kind {
            TableKind::Proactive => self.proactive = Some(table),
            TableKind::Requests => self.requests = Some(table),
            TableKind::Appeals => self.appeals = Some(table),
        }
    }

    /// The tables found, mutably, in report order.
    pub fn tables_mut(&mut self) -> impl Iterator<Item = &mut Table> {
        [&mut self.proactive, &mut self.requests, &mut self.appeals]
            .into_iter()
            .flatten()
    }

    /// The cell at `address`, if the report has it.
    pub fn cell(&self, address: Address) -> Option<&Cell> {
        self.table(address.table())?.cell(address)
    }

    /// The cell at `address`, mutably.
    pub fn cell_mut(&mut self, address: Address) -> Option<&mut Cell> {
        self.table_mut(address.table())?.cell_mut(address)
    }

    /// Every cell of the report, in address order.
    pub fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.tables().flat_map(|t| t.cells.iter())
    }

    /// The section of `kind`, if found.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// The data year, if the text gives it.
    pub fn year(&self) -> Option<i32> {
        self.metadata.year.as_ref().map(|y| y.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Table::missing`], which looks for each address first where the last was found, gives
    /// every address of the template that has no cell, in every table, template and pattern of
    /// cells dropped.
    #[test]
    fn missing_is_every_address_without_a_cell() {
        let at = Position { line: 1, column: 1 };
        for kind in TableKind::ALL {
            for template in [Template::V2019, Template::V2021] {
                let all: Vec<Address> = Address::of_template(kind, template).collect();
                for step in [1usize, 2, 3, 7, 50, usize::MAX] {
                    for offset in 0..3 {
                        let mut table = Table {
                            kind,
                            template,
                            layout: Layout::PipeRows,
                            span: Span::empty(0),
                            cells: all
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| step == usize::MAX || (i + offset) % step != 0)
                                .map(|(i, &a)| {
                                    Cell::new(a, CellKind::Blank, "", Span::empty(i), at)
                                })
                                .collect(),
                            parts: Vec::new(),
                        };
                        table.sort();
                        let naive: Vec<Address> = all
                            .iter()
                            .copied()
                            .filter(|a| !table.cells.iter().any(|c| c.address == *a))
                            .collect();
                        let missing: Vec<Address> = table.missing().collect();
                        assert_eq!(missing, naive, "{kind:?} {template} {step} {offset}");
                    }
                }
            }
        }
    }

    /// [`Table::cell_index_near`] answers as [`Table::cell_index`] whatever the guesses: right,
    /// wrong, out of range, several or none, for present and absent addresses.
    #[test]
    fn cell_index_near_answers_as_cell_index() {
        let at = Position { line: 1, column: 1 };
        let all: Vec<Address> =
            Address::of_template(TableKind::Requests, Template::V2021).collect();
        let table = Table {
            kind: TableKind::Requests,
            template: Template::V2021,
            layout: Layout::PipeRows,
            span: Span::empty(0),
            // every third address dropped, so that guesses land on neighbours too
            cells: all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 3 != 1)
                .map(|(i, &a)| Cell::new(a, CellKind::Blank, "", Span::empty(i), at))
                .collect(),
            parts: Vec::new(),
        };
        let n = table.cells.len();
        for &a in &all {
            let expected = table.cell_index(a);
            for g in 0..n + 2 {
                assert_eq!(table.cell_index_near(a, [g]), expected, "{a} guess {g}");
                assert_eq!(
                    table.cell_index_near(a, [g, n - 1 - g.min(n - 1)]),
                    expected
                );
            }
            assert_eq!(table.cell_index_near(a, []), expected);
            assert_eq!(table.cell_index_near(a, [usize::MAX]), expected);
        }
    }
}
