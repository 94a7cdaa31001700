//! Shared code of the example tools: the `check` JSON contract (`../shared/spec/CELLS.md`) and
//! the readable summary. Kept in a library so the tests can call it.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use report_model::{Address, Cell, CellKind, Report, Row, Table, TableKind};
use report_parse::ParseError;
use report_rules::{Finding, Severity};
use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

/// The report bundled with the examples, checked when no file is given (a 2020 township report,
/// one-cell-per-line layout, with one row the text leaves ambiguous).
pub const SAMPLE: &str = include_str!("data/sample.txt");

/// The name the bundled sample is reported under.
pub const SAMPLE_NAME: &str = "<bundled sample: examples/data/sample.txt>";

/// What checking one input produced.
#[derive(Debug)]
pub struct Checked {
    /// The file name, as given.
    pub source: String,
    /// The decoded text and the report, or why the input could not be read.
    pub outcome: Result<(String, Report), ParseError>,
    /// The findings (empty when the input could not be read).
    pub findings: Vec<Finding>,
}

impl Checked {
    /// Parses and checks the bytes of one input.
    pub fn run(source: &str, bytes: &[u8]) -> Checked {
        let outcome = report_parse::parse_bytes(bytes);
        let findings = outcome
            .as_ref()
            .map(|(_, r)| report_rules::check(r))
            .unwrap_or_default();
        Checked {
            source: source.to_owned(),
            outcome,
            findings,
        }
    }

    /// The process exit code the contract gives this input: 2 unreadable, 1 an error finding,
    /// 0 otherwise.
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

/// The contract's JSON object for one input.
pub fn contract_json(checked: &Checked) -> Value {
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
            let findings: Vec<Value> = checked
                .findings
                .iter()
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

/// Renders one table as aligned text: a row per template row, a column per cell.
fn render_table(out: &mut String, table: &Table) {
    let rows: Vec<Row> = Row::sequence(table.kind, table.template)
        .filter(|r| !r.is_group())
        .collect();
    let label_width = 30;
    // Table 二's rows have different columns: print each row with its own headers.
    let mut last_header: Vec<&str> = Vec::new();
    for row in rows {
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
            pad(&shorten(row.label(), label_width), label_width)
        );
        for (a, w) in addresses.iter().zip(&widths) {
            let _ = write!(out, " {}", lpad(&cell_glyph(table.cell(*a)), *w));
        }
        out.push('\n');
    }
}

/// The readable summary of one input.
pub fn render_text(checked: &Checked) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== {} ==", checked.source);
    let (text, report) = match &checked.outcome {
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
            return out;
        }
        Ok(ok) => ok,
    };
    let _ = text;
    let m = &report.metadata;
    let _ = writeln!(
        out,
        "title: {}\nbody:  {}\nyear:  {}{}",
        m.title
            .as_ref()
            .map_or("(none found)", |t| t.value.as_str()),
        m.body.as_ref().map_or("(none found)", |b| b.value.as_str()),
        m.year
            .as_ref()
            .map_or("(none found)".to_owned(), |y| y.value.to_string()),
        m.date.as_ref().map_or(String::new(), |d| format!(
            "   signed: {}-{:02}-{:02}",
            d.value.year, d.value.month, d.value.day
        )),
    );
    let sections: Vec<String> = report
        .sections
        .iter()
        .map(|s| format!("{}(line {})", s.kind.numeral(), s.heading.line))
        .collect();
    let _ = writeln!(
        out,
        "sections: {}",
        if sections.is_empty() {
            "(none found)".into()
        } else {
            sections.join(" ")
        }
    );
    for kind in TableKind::ALL {
        let numeral = ["二", "三", "四"][kind as usize];
        match report.table(kind) {
            None => {
                let _ = writeln!(out, "\n表{numeral} {}: not found", kind.label());
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
                    detail.push(format!("{unread} not read"));
                }
                if absent > 0 {
                    detail.push(format!("{absent} absent: rows not in the text"));
                }
                let _ = writeln!(
                    out,
                    "\n表{numeral} {}: {} template, layout: {}, {} of {} cells read{}",
                    kind.label(),
                    t.template,
                    t.layout.describe(),
                    t.cells.len() - unread,
                    expected,
                    if detail.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", detail.join(", "))
                    }
                );
                render_table(&mut out, t);
            }
        }
    }
    let _ = writeln!(
        out,
        "\n(cells: number; · blank; / not applicable; * masked; ! invalid; ? ambiguous; - absent)"
    );
    let reconstructed: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| f.rule == "parse.reconstructed")
        .collect();
    if !reconstructed.is_empty() {
        let _ = writeln!(out, "read through the template's totals:");
        for f in reconstructed {
            let _ = writeln!(out, "  line {}: {}", f.line, f.message);
        }
    }
    let unreadable: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("parse.") && f.rule != "parse.reconstructed")
        .collect();
    if unreadable.is_empty() {
        let _ = writeln!(out, "every cell read");
    } else {
        let _ = writeln!(out, "could not read:");
        for f in unreadable {
            let _ = writeln!(out, "  line {}: [{}] {}", f.line, f.rule, f.message);
        }
    }
    let others: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| !f.rule.starts_with("parse."))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "\nfindings:\n");
        for f in others {
            out.push_str(&render_finding(&checked.source, text, f));
            out.push('\n');
        }
    }
    let errors = checked
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = checked
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let _ = writeln!(
        out,
        "{} findings: {errors} errors, {warnings} warnings",
        checked.findings.len()
    );
    out
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
    let to = text[span.end..line_end]
        .char_indices()
        .nth(WINDOW)
        .map_or(line_end, |(i, _)| span.end + i);
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

/// Renders one finding as a compiler-style diagnostic: the source line of the cells involved
/// (a window of it when it is long), the primary one underlined (aligned under CJK
/// characters), the rule id, and the equation.
pub fn render_finding(source: &str, text: &str, f: &Finding) -> String {
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
    if valid(f.span) && !text.is_empty() && line_len(f.span.start) <= 4 * WINDOW {
        // short lines: the lines of every cell involved, the others folded away
        let label = f
            .cells
            .first()
            .filter(|_| f.locations.first().is_some_and(|l| l.span == f.span))
            .map(|a| a.to_string());
        let primary = AnnotationKind::Primary.span(f.span.start..f.span.end);
        let mut snippet = Snippet::source(text)
            .path(source)
            .fold(true)
            .annotation(match label {
                Some(l) => primary.label(l),
                None => primary,
            });
        for loc in f
            .locations
            .iter()
            .filter(|l| {
                context && l.span != f.span && valid(l.span) && line_len(l.span.start) <= 4 * WINDOW
            })
            .take(12)
        {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(loc.span.start..loc.span.end)
                    .label(loc.address.to_string()),
            );
        }
        report.push(title.element(snippet));
    } else if valid(f.span) && !text.is_empty() {
        let (shown, line_no, from, ellipsis) = window(text, f.span);
        let end = from + shown.len() - if ellipsis { 3 } else { 0 };
        let shift = |s: report_model::Span| {
            let lead = if ellipsis { 3 } else { 0 };
            (s.start - from + lead)..(s.end - from + lead)
        };
        let inside = |s: report_model::Span| s.start >= from && s.end <= end.min(text.len());
        let label = f
            .cells
            .first()
            .filter(|_| f.locations.first().is_some_and(|l| l.span == f.span))
            .map(|a| a.to_string());
        let primary = AnnotationKind::Primary.span(shift(f.span));
        let mut snippet = Snippet::source(shown)
            .path(source)
            .line_start(line_no)
            .annotation(match label {
                Some(l) => primary.label(l),
                None => primary,
            });
        // the other cells where they stand on the shown part of the line
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
    let rendered = Renderer::plain().render(&report);
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
