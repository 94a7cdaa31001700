//! Renders a [`report_model::Report`] back to text, in each layout `report-parse` reads: to
//! normalise a messy report into a clean markdown or HTML table, and to test the parser on
//! reports whose every cell is known.
//!
//! The output is a whole report: the title, the six section headings, the narrative sections'
//! text as the model holds it, and the three tables laid out as the template prints them
//! (captions, header rows, group labels, data rows).
//!
//! # Example
//!
//! ```
//! use report_model::{Address, Cell, Decimal, Layout, Position, Report, Span, Table, TableKind, Template};
//! use report_render::{Style, render};
//!
//! let cells = Address::of_template(TableKind::Appeals, Template::V2021)
//!     .enumerate()
//!     .map(|(i, a)| Cell::number(a, Decimal::from(i + 1), None, "", Span::default(), Position::default()))
//!     .collect();
//! let table = Table { kind: TableKind::Appeals, template: Template::V2021, layout: Layout::PipeRows,
//!                     span: Span::default(), cells, parts: Vec::new() };
//! let report = Report { appeals: Some(table), ..Report::default() };
//! let text = render(&report, Style::Markdown);
//! assert!(text.contains("| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 |"));
//! assert!(text.contains("## 四、政府信息公开行政复议、行政诉讼情况"));
//! ```
#![warn(missing_docs)]

use std::fmt::Write as _;

use report_model::{Cell, CellKind, Report, Row, SectionKind, Table, TableKind};

/// A layout to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// One cell per line ending in ` |`, `||` closing each row (seeds 000, 001).
    PipeCells,
    /// One cell per tab-indented line, a blank line between rows (seed 002).
    TabCells,
    /// One row per line, cells separated by ` | ` (seed 003).
    PipeRows,
    /// One row per line, cells separated by tabs (seed 004).
    TabRows,
    /// Markdown headings and pipe tables with a `|---|` rule.
    Markdown,
    /// Columns separated by runs of spaces, as `pdftotext -layout` writes them. Blank cells leave
    /// no trace in this layout, as in real extractions.
    SpaceAligned,
    /// HTML: `<h2>` headings, `<p>` prose, `<table>` with `<tr>`/`<td>` and `colspan`.
    Html,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 7] = [
        Style::PipeCells,
        Style::TabCells,
        Style::PipeRows,
        Style::TabRows,
        Style::Markdown,
        Style::SpaceAligned,
        Style::Html,
    ];
}

/// The text a cell is written as: the number (with its unit), nothing for a blank, the
/// placeholder or mask as written, an invalid cell's raw text, and an ambiguous cell's raw text
/// after a `?`.
pub fn cell_text(cell: Option<&Cell>) -> String {
    let Some(cell) = cell else {
        return String::new();
    };
    match cell.kind {
        CellKind::Number => {
            let v = cell.value.map(|v| v.to_string()).unwrap_or_default();
            format!("{v}{}", cell.unit.as_deref().unwrap_or(""))
        }
        CellKind::Blank => String::new(),
        CellKind::NotApplicable if cell.raw.is_empty() => "/".into(),
        CellKind::Masked if cell.raw.is_empty() => "****".into(),
        // a value the parser could not place: marked, so it is never read as that cell's value
        CellKind::Ambiguous => format!("?{}", cell.raw),
        _ => cell.raw.to_string(),
    }
}

/// A table as rows of cell texts; `header` rows first.
struct Grid {
    rows: Vec<Vec<String>>,
    /// How many leading rows are headers (markdown puts its rule after the first).
    header: usize,
}

fn grid(table: &Table, label: &mut dyn FnMut(&str) -> String) -> Grid {
    let t = table.template;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let values =
        |row: Row| -> Vec<String> { row.cells(t).map(|a| cell_text(table.cell(a))).collect() };
    match table.kind {
        TableKind::Proactive => {
            let mut caption: Option<String> = None;
            for row in Row::sequence(table.kind, t) {
                if row.is_group() {
                    caption = Some(label(row.label()));
                    continue;
                }
                if let Some(c) = caption.take() {
                    rows.push(vec![c]);
                    let mut header = vec!["信息内容".to_owned()];
                    header.extend(row.cells(t).map(|a| a.column_label().to_owned()));
                    rows.push(header);
                }
                let label = if row.def().key == "normative_documents" {
                    if t == report_model::Template::V2021 {
                        "行政规范性文件"
                    } else {
                        "规范性文件"
                    }
                } else {
                    row.label()
                };
                let mut r = vec![label.to_owned()];
                r.extend(values(row));
                rows.push(r);
            }
            Grid { rows, header: 2 }
        }
        TableKind::Requests => {
            rows.push(vec![
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into(),
                "申请人情况".into(),
            ]);
            rows.push(vec![
                "自然人".into(),
                "法人或其他组织".into(),
                "总计".into(),
            ]);
            rows.push(
                [
                    "商业企业",
                    "科研机构",
                    "社会公益组织",
                    "法律服务机构",
                    "其他",
                ]
                .map(String::from)
                .to_vec(),
            );
            let mut group: Vec<String> = Vec::new();
            for row in Row::sequence(table.kind, t) {
                if row.is_group() {
                    group.push(label(row.label()));
                    continue;
                }
                let mut r = std::mem::take(&mut group);
                r.push(label(row.label()));
                r.extend(values(row));
                rows.push(r);
            }
            Grid { rows, header: 3 }
        }
        TableKind::Appeals => {
            rows.push(vec!["行政复议".into(), "行政诉讼".into()]);
            let leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
            let mut second: Vec<String> = leaves.map(String::from).to_vec();
            second.extend(["未经复议直接起诉".into(), "复议后起诉".into()]);
            rows.push(second);
            rows.push(
                leaves
                    .iter()
                    .chain(leaves.iter())
                    .map(|s| (*s).to_owned())
                    .collect(),
            );
            rows.push(Row::all(table.kind).flat_map(values).collect());
            Grid { rows, header: 3 }
        }
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write_grid(out: &mut String, grid: &Grid, style: Style) {
    match style {
        Style::PipeRows => {
            for r in &grid.rows {
                let _ = writeln!(out, "{} |", r.join(" | "));
            }
        }
        Style::TabRows => {
            for r in &grid.rows {
                let _ = writeln!(out, "{}", r.join("\t"));
            }
        }
        Style::Markdown => {
            // The first row as wide as the widest, so that a markdown viewer shows every cell;
            // the others as the template has them, so that a blank cell stays where it is.
            let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
            for (i, r) in grid.rows.iter().enumerate() {
                let mut cells = r.clone();
                if i == 0 {
                    cells.resize(width, String::new());
                }
                let _ = writeln!(out, "| {} |", cells.join(" | "));
                if i == 0 {
                    let _ = writeln!(out, "|{}", "---|".repeat(width));
                }
            }
        }
        Style::PipeCells => {
            for r in &grid.rows {
                out.push_str("|\n");
                for c in r {
                    if c.is_empty() {
                        out.push_str("|\n");
                    } else {
                        let _ = writeln!(out, "{c} |");
                    }
                }
                out.push_str("||\n");
            }
        }
        Style::TabCells => {
            for r in &grid.rows {
                for c in r {
                    let _ = writeln!(out, "\t{c}");
                }
                out.push('\n');
            }
        }
        Style::SpaceAligned => {
            for r in &grid.rows {
                let cells: Vec<&str> = r
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                let _ = writeln!(out, "{}", cells.join("    "));
            }
        }
        Style::Html => {
            out.push_str("<table border=\"1\" style=\"border-collapse:collapse\">\n");
            for (i, r) in grid.rows.iter().enumerate() {
                out.push_str("<tr>");
                let tag = if i < grid.header { "th" } else { "td" };
                for c in r {
                    let _ = write!(
                        out,
                        "<{tag} style=\"text-align:center\">{}</{tag}>",
                        escape_html(c)
                    );
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
    }
}

/// Renders the whole report in `style`.
pub fn render(report: &Report, style: Style) -> String {
    render_with(report, style, &mut |l: &str| l.to_owned())
}

/// Renders the whole report in `style`, writing every row label, group label and sub-table
/// caption as `label` returns it: to reproduce what converters do to labels (masks, spaces,
/// line breaks, traditional characters) on a report whose cells are known.
pub fn render_with(report: &Report, style: Style, label: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let html = style == Style::Html;
    if html {
        out.push_str("<html><head><meta charset=\"utf-8\"></head><body>\n");
    }
    let title = report.metadata.title.as_ref().map(|t| t.value.clone());
    if let Some(title) = title {
        match style {
            Style::Markdown => {
                let _ = writeln!(out, "# {title}\n");
            }
            Style::Html => {
                let _ = writeln!(out, "<h1>{}</h1>", escape_html(&title));
            }
            _ => {
                let _ = writeln!(out, "{title}");
            }
        }
    }
    for kind in SectionKind::ALL {
        let heading = kind.heading();
        match style {
            Style::Markdown => {
                let _ = writeln!(out, "## {heading}\n");
            }
            Style::Html => {
                let _ = writeln!(out, "<h2>{}</h2>", escape_html(&heading));
            }
            _ => {
                let _ = writeln!(out, "{heading}");
            }
        }
        let table = match kind {
            SectionKind::Proactive => report.proactive.as_ref(),
            SectionKind::Requests => report.requests.as_ref(),
            SectionKind::Appeals => report.appeals.as_ref(),
            _ => None,
        };
        if let Some(table) = table {
            write_grid(&mut out, &grid(table, label), style);
            if style == Style::Markdown {
                out.push('\n');
            }
            continue;
        }
        let body = report.section(kind).map_or("无", |s| s.body.text.trim());
        let body = if body.is_empty() { "无" } else { body };
        if html {
            for para in body.lines().filter(|l| !l.trim().is_empty()) {
                let _ = writeln!(out, "<p>{}</p>", escape_html(para.trim()));
            }
        } else {
            let _ = writeln!(out, "{body}");
            if style == Style::Markdown {
                out.push('\n');
            }
        }
    }
    if html {
        out.push_str("</body></html>\n");
    }
    out
}
