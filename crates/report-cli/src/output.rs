//! The output formats of the checker: the readable report (a Chinese frame around the findings,
//! rustc-style snippets), the JSON object of `CELLS.md` (one per input, JSON Lines), and the CSV
//! of cells (one row per cell).

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use report_model::{Address, Cell, CellKind, Layout, Report, Row, Table, TableKind};
use report_parse::ParseError;
use report_rules::{Finding, Severity};
use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

/// Why an input could not be checked.
#[derive(Debug)]
pub enum Failure {
    /// The file could not be read: its name and the reason.
    Io(String),
    /// The bytes are no report (empty, binary, not decodable, no section or table found).
    Parse(ParseError),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Io(m) => f.write_str(m),
            Failure::Parse(e) => write!(f, "{e}"),
        }
    }
}

/// What checking one input produced.
#[derive(Debug)]
pub struct Checked {
    /// The file name, as given.
    pub source: String,
    /// The decoded text and the report, or why the input could not be read.
    pub outcome: Result<(String, Report), Failure>,
    /// The findings (empty when the input could not be read).
    pub findings: Vec<Finding>,
    /// The file of the same body's report of the year before, when its findings are among
    /// these (`previous.*` rules).
    pub previous: Option<String>,
}

impl Checked {
    /// Parses and checks the bytes of one input.
    pub fn run(source: &str, bytes: &[u8]) -> Checked {
        Checked::from_parsed(source, report_parse::parse_bytes(bytes))
    }

    /// The findings of what parsing gave.
    fn from_parsed(
        source: &str,
        parsed: Result<(String, Report), report_parse::ParseError>,
    ) -> Checked {
        let outcome = parsed.map_err(Failure::Parse);
        let findings = outcome
            .as_ref()
            .map(|(_, r)| report_rules::check(r))
            .unwrap_or_default();
        Checked {
            source: source.to_owned(),
            outcome,
            findings,
            previous: None,
        }
    }

    /// Parses and checks one input whose bytes are handed over: text that is UTF-8 already
    /// becomes the decoded text without a copy (a 64 MiB input is held once, not twice).
    /// Gives what [`Checked::run`] gives.
    pub fn run_owned(source: &str, bytes: Vec<u8>) -> Checked {
        // a document in another format (a Word file: read from its XML; the others: refused)
        if report_parse::unsupported_format(&bytes).is_some() {
            return Checked::run(source, &bytes);
        }
        let text = match String::from_utf8(bytes) {
            Ok(mut text) => {
                // as `decode` does: the byte-order mark is no part of the text
                if text.starts_with('\u{FEFF}') {
                    text.replace_range(..'\u{FEFF}'.len_utf8(), "");
                }
                Ok(text)
            }
            Err(e) => report_parse::decode(e.as_bytes()).map(std::borrow::Cow::into_owned),
        };
        let parsed = text.and_then(|text| {
            let report = report_parse::parse_report(&text)?;
            Ok((text, report))
        });
        Checked::from_parsed(source, parsed)
    }

    /// An input that could not be read at all.
    pub fn failed(source: &str, reason: String) -> Checked {
        Checked {
            source: source.to_owned(),
            outcome: Err(Failure::Io(reason)),
            findings: Vec::new(),
            previous: None,
        }
    }

    /// The report, when the input was read.
    pub fn report(&self) -> Option<&Report> {
        self.outcome.as_ref().ok().map(|(_, r)| r)
    }

    /// The process exit code this input gives: 2 unreadable, 1 an error finding, 0 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.outcome.is_err() {
            2
        } else if self.findings.iter().any(|f| f.severity == Severity::Error) {
            1
        } else {
            0
        }
    }
}

fn cell_json(cell: &Cell) -> Value {
    json!({
        "kind": cell.kind.as_str(),
        "value": cell.number_value().map(|v| v.to_string()),
        "raw": cell.raw,
        "line": cell.line,
        "column": cell.column,
    })
}

/// The contract's JSON object for one input, every finding included.
pub fn contract_json(checked: &Checked) -> Value {
    contract_json_with(checked, None)
}

/// The contract's JSON object for one input (`CELLS.md`), with the findings of at least
/// severity `only`. A batch adds `previous`: the file of the year before whose comparison gave
/// the `previous.*` findings.
pub fn contract_json_with(checked: &Checked, only: Option<Severity>) -> Value {
    let mut obj = Map::new();
    obj.insert("source".into(), json!(checked.source));
    match &checked.outcome {
        Err(e) => {
            obj.insert("error".into(), json!(e.to_string()));
            obj.insert("year".into(), Value::Null);
            obj.insert(
                "templates".into(),
                json!({"proactive": null, "requests": null, "appeals": null}),
            );
            obj.insert(
                "layouts".into(),
                json!({"proactive": null, "requests": null, "appeals": null}),
            );
            obj.insert("cells".into(), json!({}));
            obj.insert("findings".into(), json!([]));
        }
        Ok((_, report)) => {
            obj.insert("error".into(), Value::Null);
            obj.insert("year".into(), json!(report.year()));
            let mut templates = Map::new();
            let mut layouts = Map::new();
            for kind in TableKind::ALL {
                let t = report.table(kind);
                templates.insert(kind.key().into(), json!(t.map(|t| t.template.as_str())));
                layouts.insert(kind.key().into(), json!(t.map(|t| t.layout)));
            }
            obj.insert("templates".into(), Value::Object(templates));
            obj.insert("layouts".into(), Value::Object(layouts));
            let cells: Map<String, Value> = report
                .cells()
                .map(|c| (c.address.to_string(), cell_json(c)))
                .collect();
            obj.insert("cells".into(), Value::Object(cells));
            if let Some(p) = &checked.previous {
                obj.insert("previous".into(), json!(p));
            }
            let findings: Vec<Value> = checked
                .findings
                .iter()
                .filter(|f| shown(f.severity, only))
                .map(|f| {
                    json!({
                        "rule": f.rule,
                        "severity": f.severity.as_str(),
                        "message": f.message,
                        "cells": f.cells.iter().map(Address::to_string).collect::<Vec<_>>(),
                        "line": f.line,
                        "column": f.column,
                    })
                })
                .collect();
            obj.insert("findings".into(), Value::Array(findings));
        }
    }
    Value::Object(obj)
}

/// How a cell is shown in the readable tables.
fn cell_glyph(cell: Option<&Cell>) -> String {
    match cell {
        None => "-".into(),
        Some(c) => match c.kind {
            CellKind::Number => c.number_value().map(|v| v.to_string()).unwrap_or_default(),
            CellKind::Blank => "·".into(),
            CellKind::NotApplicable => "/".into(),
            CellKind::Masked => "*".into(),
            CellKind::Invalid => "!".into(),
            CellKind::Ambiguous => "?".into(),
            _ => "!".into(),
        },
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn lpad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

fn shorten(label: &str, max: usize) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if UnicodeWidthStr::width(out.as_str()) + UnicodeWidthStr::width(c.to_string().as_str())
            > max
        {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// The indentation of a row label by its numbering: `一、` rows at the left, `（一）` rows under
/// them, `1.` rows under those (so that `（三）1.` and `（四）1.` are told apart).
fn indent(label: &str) -> usize {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some('（' | '('), _) => 2,
        (Some(c), _) if c.is_ascii_digit() => 4,
        _ => 0,
    }
}

/// Renders one table as aligned text: a row per template row (group rows as a label line above
/// their numbered rows), a column per cell.
fn render_table(out: &mut String, table: &Table) {
    let label_width = 32;
    // Table 二's rows have different columns: print each row with its own headers.
    let mut last_header: Vec<&str> = Vec::new();
    for row in Row::sequence(table.kind, table.template) {
        let label = row.label();
        let shown = format!("{}{}", " ".repeat(indent(label)), label);
        if row.is_group() {
            let _ = writeln!(out, "    {}", shorten(&shown, label_width + 30));
            continue;
        }
        let addresses: Vec<Address> = row.cells(table.template).collect();
        let headers: Vec<&str> = addresses.iter().map(|a| a.column_label()).collect();
        let widths: Vec<usize> = headers
            .iter()
            .map(|h| UnicodeWidthStr::width(shorten(h, 12).as_str()).max(4))
            .collect();
        if headers != last_header {
            let _ = write!(out, "    {}", pad("", label_width));
            for (h, w) in headers.iter().zip(&widths) {
                let _ = write!(out, " {}", lpad(&shorten(h, 12), *w));
            }
            out.push('\n');
            last_header = headers;
        }
        let _ = write!(
            out,
            "    {}",
            pad(&shorten(&shown, label_width), label_width)
        );
        for (a, w) in addresses.iter().zip(&widths) {
            let _ = write!(out, " {}", lpad(&cell_glyph(table.cell(*a)), *w));
        }
        out.push('\n');
    }
}

/// The layout of a table, in words.
pub fn layout_name(layout: Layout) -> &'static str {
    match layout {
        Layout::PipeCells => "逐格一行（以 | 结尾）",
        Layout::TabCells => "逐格一行（制表符缩进）",
        Layout::PlainCells => "逐格一行（无分隔符）",
        Layout::PipeRows => "逐行（以 | 分隔）",
        Layout::TabRows => "逐行（以制表符分隔）",
        Layout::Markdown => "Markdown 表格",
        Layout::SpaceAligned => "以空格对齐的列",
        Layout::Html => "HTML 表格",
        Layout::Glued => "数字粘连（分隔符丢失）",
        Layout::Mixed => "混合",
        _ => "其他",
    }
}

/// How the readable report is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Colour (ANSI escapes) in the findings' snippets.
    pub colour: bool,
    /// The least severity of the findings shown; `None` shows all.
    pub only: Option<Severity>,
    /// List the text of the tables that was not placed (`--unplaced`), not only count it.
    pub unplaced: bool,
}

/// Whether a finding of `severity` is shown under `only`.
pub fn shown(severity: Severity, only: Option<Severity>) -> bool {
    let rank = |s: Severity| match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        _ => 0,
    };
    only.is_none_or(|o| rank(severity) >= rank(o))
}

/// The readable report of one input, every finding shown, without colour.
pub fn render_text(checked: &Checked) -> String {
    render_text_with(checked, Options::default())
}

/// The readable report of one input: what was read (title, issuing body, year, sections, each
/// table with its template, layout and cells), what could not be read, and the findings.
pub fn render_text_with(checked: &Checked, options: Options) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== {} ==", checked.source);
    let (text, report) = match &checked.outcome {
        Err(e) => {
            let _ = writeln!(out, "无法读取：{e}");
            return out;
        }
        Ok(ok) => ok,
    };
    let m = &report.metadata;
    let none = "（未找到）";
    let _ = writeln!(
        out,
        "标题：{}\n发布机关：{}\n年度：{}{}",
        m.title.as_ref().map_or(none, |t| t.value.as_str()),
        m.body.as_ref().map_or(none, |b| b.value.as_str()),
        m.year
            .as_ref()
            .map_or(none.to_owned(), |y| y.value.to_string()),
        m.date.as_ref().map_or(String::new(), |d| format!(
            "　落款日期：{}-{:02}-{:02}",
            d.value.year, d.value.month, d.value.day
        )),
    );
    let sections: Vec<String> = report
        .sections
        .iter()
        .map(|s| format!("{}（第{}行）", s.kind.numeral(), s.heading.line))
        .collect();
    let _ = writeln!(
        out,
        "章节：{}",
        if sections.is_empty() {
            none.to_owned()
        } else {
            sections.join(" ")
        }
    );
    for kind in TableKind::ALL {
        let numeral = ["二", "三", "四"][kind as usize];
        match report.table(kind) {
            None => {
                let _ = writeln!(out, "\n表{numeral} {}：未找到", kind.label());
            }
            Some(t) => {
                let expected = report_model::Address::of_template(kind, t.template).count();
                let unread = t
                    .cells
                    .iter()
                    .filter(|c| matches!(c.kind, CellKind::Ambiguous | CellKind::Invalid))
                    .count();
                let absent = expected.saturating_sub(t.cells.len());
                let mut detail = Vec::new();
                if unread > 0 {
                    detail.push(format!("{unread} 个未能读出"));
                }
                if absent > 0 {
                    detail.push(format!("{absent} 个所在的行文本中没有"));
                }
                let _ = writeln!(
                    out,
                    "\n表{numeral} {}：{}年模板，版式：{}，读取 {}/{} 个单元格{}",
                    kind.label(),
                    t.template,
                    layout_name(t.layout),
                    t.cells.len() - unread,
                    expected,
                    if detail.is_empty() {
                        String::new()
                    } else {
                        format!("（{}）", detail.join("，"))
                    }
                );
                render_table(&mut out, t);
            }
        }
    }
    let _ = writeln!(
        out,
        "\n（单元格：数字；· 空白；/ 不适用；* 遮盖；! 非数值；? 无法确定；- 文本中没有）"
    );
    let visible: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| shown(f.severity, options.only))
        .collect();
    let reconstructed: Vec<&&Finding> = visible
        .iter()
        .filter(|f| f.rule == "parse.reconstructed")
        .collect();
    if !reconstructed.is_empty() {
        let _ = writeln!(out, "按模板的合计关系读出：");
        for f in reconstructed {
            let _ = writeln!(
                out,
                "  第{}行{}：{}",
                f.line,
                origin(report, f.line),
                f.message
            );
        }
    }
    let unreadable: Vec<&&Finding> = visible
        .iter()
        .filter(|f| f.rule.starts_with("parse.") && f.rule != "parse.reconstructed")
        .collect();
    if unreadable.is_empty() {
        let _ = writeln!(out, "未能读出：无");
    } else {
        let _ = writeln!(out, "未能读出：");
        for f in unreadable {
            let _ = writeln!(
                out,
                "  第{}行{}：[{}] {}",
                f.line,
                origin(report, f.line),
                f.rule,
                f.message
            );
        }
    }
    render_unplaced(&mut out, report, options.unplaced);
    let others: Vec<&&Finding> = visible
        .iter()
        .filter(|f| !f.rule.starts_with("parse."))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "\n检查结果：\n");
        for f in others {
            out.push_str(&render_finding_with(
                &checked.source,
                text,
                f,
                options.colour,
            ));
            if let Some(o) = origin_of(report, f.line) {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                let _ = writeln!(out, "  = 在文档中的位置：{}", o.describe());
            }
            out.push('\n');
        }
    }
    let count = |s: Severity| checked.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "共 {} 条：错误 {} 条，警告 {} 条，提示 {} 条{}",
        checked.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        if visible.len() < checked.findings.len() {
            format!("（显示 {} 条）", visible.len())
        } else {
            String::new()
        }
    );
    out
}

/// Where line `line` of the text read stands in the document it was read from (a Word file):
/// `（第2个表格第5行）`; empty for text and HTML, whose lines are the input's own.
fn origin(report: &Report, line: u32) -> String {
    origin_of(report, line).map_or(String::new(), |o| format!("（{}）", o.describe()))
}

/// Where line `line` (1-based) of the text read stands in the document, if it was read from one.
fn origin_of(report: &Report, line: u32) -> Option<report_model::Origin> {
    (line as usize)
        .checked_sub(1)
        .and_then(|i| report.origins.get(i))
        .copied()
}

/// The text of the tables that is neither a cell, a label, a header nor quoted by a finding:
/// counted, and listed when `list` is set.
fn render_unplaced(out: &mut String, report: &Report, list: bool) {
    let pieces = &report.unplaced;
    if pieces.is_empty() {
        let _ = writeln!(out, "表格中未归位的文字：无");
        return;
    }
    if !list {
        let _ = writeln!(
            out,
            "表格中未归位的文字：{} 段（既非单元格、行标签、表头，也未在下列结果中提及；--unplaced 列出）",
            pieces.len()
        );
        return;
    }
    let _ = writeln!(
        out,
        "表格中未归位的文字（既非单元格、行标签、表头，也未在下列结果中提及）："
    );
    for u in pieces {
        let numeral = ["二", "三", "四"][u.table as usize];
        let _ = writeln!(
            out,
            "  第{}行第{}列{}（表{numeral}）：{}",
            u.line,
            u.column,
            origin(report, u.line),
            u.text
        );
    }
}

/// The text of the tables that was not placed, as JSON: `table`, `text` (cut to 64
/// characters), `line`, `column`, and the byte span `start`/`end`. `check --json --unplaced`
/// adds it to each object as `unplaced`.
pub fn unplaced_json(report: &Report) -> Value {
    Value::Array(
        report
            .unplaced
            .iter()
            .map(|u| {
                json!({
                    "table": u.table.key(),
                    "text": u.text,
                    "line": u.line,
                    "column": u.column,
                    "start": u.span.start,
                    "end": u.span.end,
                })
            })
            .collect(),
    )
}

/// Characters shown on each side of a finding's span when its line is long (a report whose line
/// breaks were lost is one line of ten thousand characters).
const WINDOW: usize = 40;

/// The part of `text` a snippet shows for `span`: its whole line, or, on a line longer than
/// `4 × WINDOW` characters, [`WINDOW`] characters each side with an ellipsis. Returns the shown
/// text, its 1-based line number and the byte offset in `text` it starts at (after the
/// ellipsis, which adds 3 bytes).
fn window(text: &str, span: report_model::Span) -> (String, usize, usize, bool) {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line_no = text[..line_start].matches('\n').count() + 1;
    let line = &text[line_start..line_end];
    if line.chars().count() <= 4 * WINDOW {
        return (line.to_owned(), line_no, line_start, false);
    }
    let from = text[line_start..span.start]
        .char_indices()
        .rev()
        .nth(WINDOW - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    // a long span (a whole table's worth of stray rows) is shown by its start
    let span_end = text[span.start..span.end]
        .char_indices()
        .nth(2 * WINDOW)
        .map_or(span.end, |(i, _)| span.start + i);
    let to = text[span_end..line_end]
        .char_indices()
        .nth(WINDOW)
        .map_or(line_end, |(i, _)| span_end + i);
    let mut shown = String::new();
    if from > line_start {
        shown.push('…');
    }
    shown.push_str(&text[from..to]);
    if to < line_end {
        shown.push('…');
    }
    (shown, line_no, from, from > line_start)
}

/// Renders one finding as a compiler-style diagnostic, without colour: see
/// [`render_finding_with`].
pub fn render_finding(source: &str, text: &str, f: &Finding) -> String {
    render_finding_with(source, text, f, false)
}

/// Renders one finding as a compiler-style diagnostic: the source line of the cells involved
/// (a window of it when it is long), the primary one underlined (aligned under CJK
/// characters), the rule id, and the equation; with ANSI colour when `colour`.
pub fn render_finding_with(source: &str, text: &str, f: &Finding, colour: bool) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        _ => Level::INFO,
    };
    let valid = |s: report_model::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let title = level.primary_title(f.message.as_str()).id(f.rule.as_str());
    let mut report: Vec<Group<'_>> = Vec::new();
    let line_len = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        text[start..end].chars().count()
    };
    // The other cells of an equation, or of a sentence's comparison; not the long lists of
    // cells a not-reported finding names.
    let context = f.equation.is_some() || f.rule.starts_with("narrative.");
    if valid(f.span) && !text.is_empty() {
        // Short lines: the whole text, the lines of every cell shown, the others folded away.
        // A long line: a window of it around the cell, and the other cells standing in it.
        let short = |at: usize| line_len(at) <= 4 * WINDOW;
        let (shown, line_no, from, lead, fold) = if short(f.span.start) {
            (std::borrow::Cow::Borrowed(text), 1, 0, 0, true)
        } else {
            let (shown, line_no, from, ellipsis) = window(text, f.span);
            let lead = if ellipsis { 3 } else { 0 };
            (std::borrow::Cow::Owned(shown), line_no, from, lead, false)
        };
        let end = from + shown.len() - lead.min(shown.len());
        // (a span running past the window is underlined to the window's end)
        let shift = |s: report_model::Span| {
            let e = if fold { s.end } else { s.end.min(end) };
            (s.start - from + lead)..(e.max(s.start) - from + lead)
        };
        let inside = |s: report_model::Span| {
            s.start >= from && s.end <= end.min(text.len()) && (!fold || short(s.start))
        };
        let label = f
            .cells
            .first()
            .filter(|_| f.locations.first().is_some_and(|l| l.span == f.span))
            .map(|a| a.to_string());
        let primary = AnnotationKind::Primary.span(shift(f.span));
        let mut snippet = Snippet::source(shown)
            .path(source)
            .line_start(line_no)
            .fold(fold)
            .annotation(match label {
                Some(l) => primary.label(l),
                None => primary,
            });
        for loc in f
            .locations
            .iter()
            .filter(|l| context && l.span != f.span && valid(l.span) && inside(l.span))
            .take(12)
        {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(shift(loc.span))
                    .label(loc.address.to_string()),
            );
        }
        report.push(title.element(snippet));
    } else {
        report.push(Group::with_title(title));
    }
    if let Some(eq) = &f.equation {
        report.push(Group::with_title(Level::NOTE.secondary_title(eq.as_str())));
    }
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(&report);
    // the renderer counts columns within the shown window: give the location in the file
    rendered
        .lines()
        .map(|l| match l.split_once("--> ") {
            Some((indent, _)) if l.contains(source) => {
                format!("{indent}--> {source}:{}:{}", f.line, f.column)
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The columns of the CSV of cells, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "source", "body", "year", "table", "template", "address", "kind", "value", "raw", "line",
    "column",
];

/// The CSV rows of one input: one per cell, in address order; none when it could not be read.
pub fn csv_rows(checked: &Checked) -> Vec<[String; 11]> {
    let Ok((_, report)) = &checked.outcome else {
        return Vec::new();
    };
    let body = report
        .metadata
        .body
        .as_ref()
        .map_or(String::new(), |b| b.value.clone());
    let year = report.year().map_or(String::new(), |y| y.to_string());
    let mut rows = Vec::new();
    for table in report.tables() {
        for c in &table.cells {
            rows.push([
                checked.source.clone(),
                body.clone(),
                year.clone(),
                table.kind.key().to_owned(),
                table.template.as_str().to_owned(),
                c.address.to_string(),
                c.kind.as_str().to_owned(),
                c.number_value().map_or(String::new(), |v| v.to_string()),
                c.raw.to_string(),
                c.line.to_string(),
                c.column.to_string(),
            ]);
        }
    }
    rows
}
