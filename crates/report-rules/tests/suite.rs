//! The data-driven suite of the rules: every directory of `testdata/rules/` holds `input.json`
//! (a report, as the model serializes it) and `expected.json` (the findings). The inputs are
//! built from `case.json` (a seed and edits to it) by the ignored test `generate_inputs`:
//! `cargo test -p report-rules --test suite generate_inputs -- --ignored`. `UPDATE_EXPECT=1`
//! rewrites the expected files; review the diff.

mod cross;
mod hostile;
mod mutations;

use std::path::{Path, PathBuf};

use report_model::{Address, CellKind, Decimal, Report, SectionKind, TableKind};
use report_rules::Finding;
use serde_json::{Value, json};

pub(crate) fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// The report of a seed of `testdata/parse/`, with its text.
pub(crate) fn seed(prefix: &str) -> (String, Report) {
    let dir = testdata().join("parse");
    let path = std::fs::read_dir(&dir)
        .expect("testdata/parse")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no case {prefix}"));
    let text = std::fs::read_to_string(path.join("input.txt")).expect("input");
    let report = report_parse::parse_report(&text).expect("seed parses");
    (text, report)
}

pub(crate) fn addr(s: &str) -> Address {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// Sets a cell: a decimal, or `blank`, `na`, `masked`.
pub(crate) fn set(report: &mut Report, address: &str, value: &str) {
    let cell = report
        .cell_mut(addr(address))
        .unwrap_or_else(|| panic!("{address} not in report"));
    match value {
        "blank" => {
            cell.kind = CellKind::Blank;
            cell.value = None;
        }
        "na" => {
            cell.kind = CellKind::NotApplicable;
            cell.value = None;
        }
        "masked" => {
            cell.kind = CellKind::Masked;
            cell.value = None;
        }
        v => {
            let (num, unit) = v
                .split_once(' ')
                .map_or((v, None), |(n, u)| (n, Some(u.to_owned())));
            cell.set_value(num.parse::<Decimal>().expect("decimal"));
            cell.unit = unit;
        }
    }
}

fn section_kind(name: &str) -> SectionKind {
    serde_json::from_value(json!(name)).expect("section kind")
}

fn table_kind(name: &str) -> TableKind {
    serde_json::from_value(json!(name)).expect("table kind")
}

/// Applies the edits of a `case.json` to its base seed.
fn build(case: &Value) -> Report {
    let (_, mut report) = seed(case["base"].as_str().expect("base"));
    if let Some(y) = case["year"].as_i64()
        && let Some(year) = report.metadata.year.as_mut()
    {
        year.value = y as i32;
    }
    for (a, v) in case["set"].as_object().into_iter().flatten() {
        set(&mut report, a, v.as_str().expect("value"));
    }
    for row in case["remove_rows"].as_array().into_iter().flatten() {
        let row = row.as_str().expect("row");
        for t in report.tables_mut() {
            t.cells
                .retain(|c| !c.address.to_string().starts_with(&format!("{row}.")));
        }
    }
    for s in case["drop_sections"].as_array().into_iter().flatten() {
        let kind = section_kind(s.as_str().expect("section"));
        report.sections.retain(|x| x.kind != kind);
    }
    for t in case["drop_tables"].as_array().into_iter().flatten() {
        match table_kind(t.as_str().expect("table")) {
            TableKind::Proactive => report.proactive = None,
            TableKind::Requests => report.requests = None,
            TableKind::Appeals => report.appeals = None,
        }
    }
    for (kind, text) in case["texts"].as_object().into_iter().flatten() {
        let kind = section_kind(kind);
        let section = report
            .sections
            .iter_mut()
            .find(|s| s.kind == kind)
            .expect("section");
        section.body.text = text.as_str().expect("text").to_owned();
        section.body.span.end = section.body.span.start + section.body.text.len();
    }
    report
}

pub(crate) fn project(findings: &[Finding]) -> Value {
    Value::Array(
        findings
            .iter()
            .map(|f| {
                json!({
                    "rule": f.rule,
                    "severity": f.severity.as_str(),
                    "at": format!("{}:{}", f.line, f.column),
                    "cells": f.cells.iter().map(Address::to_string).collect::<Vec<_>>(),
                    "equation": f.equation,
                    "message": f.message,
                })
            })
            .collect(),
    )
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(testdata().join("rules"))
        .expect("testdata/rules")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
#[ignore = "regenerates testdata/rules/*/input.json from case.json"]
fn generate_inputs() {
    for dir in cases() {
        let Ok(spec) = std::fs::read_to_string(dir.join("case.json")) else {
            continue;
        };
        let case: Value = serde_json::from_str(&spec).expect("case.json");
        let report = build(&case);
        let json = serde_json::to_string_pretty(&report).expect("json") + "\n";
        std::fs::write(dir.join("input.json"), json).expect("write");
    }
}

#[test]
fn rule_cases() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let (mut ran, mut failures) = (0, Vec::new());
    for dir in cases() {
        let input = std::fs::read_to_string(dir.join("input.json"))
            .unwrap_or_else(|_| panic!("{}: no input.json", dir.display()));
        let report: Report = serde_json::from_str(&input).expect("input.json is a report");
        let actual = serde_json::to_string_pretty(&project(&report_rules::check(&report)))
            .expect("json")
            + "\n";
        let path = dir.join("expected.json");
        if update {
            std::fs::write(&path, &actual).expect("write");
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != actual {
            failures.push(dir.display().to_string());
        }
        ran += 1;
    }
    assert!(ran >= 20, "only {ran} cases");
    assert!(
        failures.is_empty(),
        "cases differ (run with UPDATE_EXPECT=1 and review the diff):\n{}",
        failures.join("\n")
    );
}

/// Every case names the rule it is about and whether it must hold or fail there; the expected
/// findings must agree, so a regenerated snapshot cannot silently lose what the case is for.
#[test]
fn every_case_shows_its_rule_holding_or_failing() {
    let mut rules_failing = std::collections::BTreeSet::new();
    let mut rules_holding = std::collections::BTreeSet::new();
    for dir in cases() {
        let Ok(spec) = std::fs::read_to_string(dir.join("case.json")) else {
            continue;
        };
        let case: Value = serde_json::from_str(&spec).expect("case.json");
        let input = std::fs::read_to_string(dir.join("input.json")).expect("input");
        let report: Report = serde_json::from_str(&input).expect("report");
        let findings = report_rules::check(&report);
        for rule in case["fails"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            assert!(
                findings.iter().any(|f| f.rule == rule),
                "{}: {rule} should fail",
                dir.display()
            );
            rules_failing.insert(rule.to_owned());
        }
        for rule in case["holds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            assert!(
                !findings.iter().any(|f| f.rule == rule),
                "{}: {rule} should hold",
                dir.display()
            );
            rules_holding.insert(rule.to_owned());
        }
    }
    for rule in [
        "requests.balance",
        "requests.row_total",
        "requests.outcome_total",
        "requests.non_negative_integer",
        "appeals.block_total",
        "appeals.non_negative_integer",
        "proactive.value_type",
        "proactive.items_non_negative",
        "proactive.total_published_ge_published",
        "proactive.published_le_made",
        "proactive.procurement_consistency",
        "proactive.in_force_ge_issued",
        "proactive.amount_unit",
        "completeness.missing_section",
        "completeness.missing_table",
        "completeness.missing_row",
        "template.outdated",
        "template.anachronistic",
        "narrative.mismatch",
        "other.fee_statement",
    ] {
        assert!(rules_failing.contains(rule), "no case where {rule} fails");
        assert!(rules_holding.contains(rule), "no case where {rule} holds");
    }
}
