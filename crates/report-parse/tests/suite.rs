//! The data-driven suite of the parser: every directory of `testdata/parse/` holds an input
//! (`input.txt`, or `input.bin` for raw bytes) and `expected.json`, the projection of the parsed
//! report that `testdata/README.md` documents. `UPDATE_EXPECT=1 cargo test -p report-parse --test
//! suite` rewrites the expected files; review the diff.

mod accounted;
mod cases;
mod documents;
mod encodings;
mod errors;
mod families;
mod hostile;
mod layouts;
mod pdf;
mod properties;

use std::path::{Path, PathBuf};

use report_model::{Cell, CellKind, Report, TableKind};
use report_parse::ParseError;
use serde_json::{Map, Value, json};

/// A report made with distinct values (`testdata/pdf/make.py`, as a Word file or a PDF): every
/// cell of tables 三 and 四 holds the value of the JSON file `values` (`address: value`), table
/// 二 holds 1001, 1002, … in the template's order, and nothing else is read as a cell.
#[cfg(any(feature = "docx", feature = "pdf"))]
pub(crate) fn assert_office_values(
    name: &str,
    report: &Report,
    template: report_model::Template,
    values: &Path,
) {
    use report_model::{Address, Decimal};
    let values: std::collections::BTreeMap<String, i64> =
        serde_json::from_str(&std::fs::read_to_string(values).expect("values file"))
            .expect("values");
    for (address, &v) in &values {
        let cell = report
            .cell(address.parse().expect("address"))
            .unwrap_or_else(|| panic!("{name}: {address} absent"));
        assert_eq!(
            (cell.kind, cell.value),
            (CellKind::Number, Some(Decimal::from(v))),
            "{name}: {address}"
        );
    }
    for (k, address) in Address::of_template(TableKind::Proactive, template).enumerate() {
        let cell = report.cell(address).expect("proactive cell");
        assert_eq!(
            (cell.kind, cell.value),
            (CellKind::Number, Some(Decimal::from(1001 + k as i64))),
            "{name}: {address}"
        );
    }
    let counts: usize = report.tables().map(|t| t.cells.len()).sum();
    assert_eq!(
        counts,
        values.len() + Address::of_template(TableKind::Proactive, template).count(),
        "{name}"
    );
}

pub(crate) fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// One cell as a line a person can check against the source: kind, value or raw text, position.
pub(crate) fn cell_line(cell: &Cell) -> String {
    let at = format!("@{}:{}", cell.line, cell.column);
    match cell.kind {
        CellKind::Number => {
            let unit = cell
                .unit
                .as_deref()
                .map_or(String::new(), |u| format!(" {u}"));
            format!(
                "number {}{unit} {at}",
                cell.value.map(|v| v.to_string()).unwrap_or_default()
            )
        }
        CellKind::Blank => format!("blank {at}"),
        kind => format!("{} `{}` {at}", kind.as_str(), cell.raw),
    }
}

/// The projection compared in the suite.
pub(crate) fn project(result: &Result<Report, ParseError>) -> Value {
    let report = match result {
        Err(e) => {
            return json!({"error": {"message": e.to_string(), "line": e.line, "column": e.column}});
        }
        Ok(r) => r,
    };
    let m = &report.metadata;
    let metadata = json!({
        "title": m.title.as_ref().map(|t| format!("{} @{}:{}", t.value, t.line, t.column)),
        "body": m.body.as_ref().map(|t| format!("{} @{}:{}", t.value, t.line, t.column)),
        "year": m.year.as_ref().map(|t| format!("{} @{}:{}", t.value, t.line, t.column)),
        "date": m.date.as_ref().map(|t| format!("{}-{:02}-{:02} @{}:{}", t.value.year, t.value.month, t.value.day, t.line, t.column)),
    });
    let sections: Vec<String> = report
        .sections
        .iter()
        .map(|s| {
            format!(
                "{} @{} {}",
                s.heading.value,
                s.heading.line,
                s.subheadings
                    .iter()
                    .map(|h| h.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ")
            )
            .trim_end()
            .to_owned()
        })
        .collect();
    let mut tables = Map::new();
    for kind in TableKind::ALL {
        let Some(t) = report.table(kind) else {
            tables.insert(kind.key().into(), Value::Null);
            continue;
        };
        let cells: Map<String, Value> = t
            .cells
            .iter()
            .map(|c| (c.address.to_string(), json!(cell_line(c))))
            .collect();
        tables.insert(
            kind.key().into(),
            json!({"template": t.template, "layout": t.layout, "cell_count": t.cells.len(), "cells": cells}),
        );
    }
    let diagnostics: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let kind = serde_json::to_value(d.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let cells: Vec<String> = d.cells.iter().map(|a| a.to_string()).collect();
            format!(
                "{kind} @{}:{} [{}] {}",
                d.line,
                d.column,
                cells.join(" "),
                d.message
            )
        })
        .collect();
    json!({"ok": {
        "metadata": metadata,
        "preamble": report.preamble.as_ref().map(|p| format!("@{} {} bytes", p.line, p.text.len())),
        "sections": sections,
        "epilogue": report.epilogue.as_ref().map(|p| format!("@{} {:?}", p.line, p.text)),
        "tables": tables,
        "diagnostics": diagnostics,
    }})
}

#[test]
fn parse_cases() {
    let dir = testdata().join("parse");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/parse")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in names.iter().filter(|p| p.is_dir()) {
        let bytes = match std::fs::read(case.join("input.txt"))
            .or_else(|_| std::fs::read(case.join("input.bin")))
        {
            Ok(b) => b,
            Err(_) => continue,
        };
        let result = report_parse::parse_bytes(&bytes).map(|(_, r)| r);
        // Every parsed report survives a JSON round trip unchanged.
        if let Ok(report) = &result {
            let json = serde_json::to_string(report).expect("serialize");
            let back: Report = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(&back, report, "{}: JSON round trip", case.display());
        }
        let actual = serde_json::to_string_pretty(&project(&result)).expect("json") + "\n";
        let expected_path = case.join("expected.json");
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n{}",
                case.display(),
                first_difference(&expected, &actual)
            ));
        }
        ran += 1;
    }
    assert!(ran >= 5, "only {ran} cases ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("  line {}:\n  expected: {e}\n  actual:   {a}", n + 1);
        }
    }
    format!(
        "  lengths differ: expected {} lines, actual {}",
        expected.lines().count(),
        actual.lines().count()
    )
}
