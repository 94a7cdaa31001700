//! The reader and checker of 政府信息公开工作年度报告 compiled to WebAssembly, for the web page
//! under `web/`: a file's bytes in, everything the page shows out, as JSON. Nothing leaves the
//! browser: the page calls these functions and draws the result.
//!
//! The same functions run natively (the page's tests compare them with `gov-report`):
//!
//! ```
//! let text = "2024年某某局政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
//!             一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 5 |\n";
//! let out: serde_json::Value = serde_json::from_str(&report_wasm::check("a.txt", text.as_bytes())).unwrap();
//! assert_eq!(out["contract"]["cells"]["requests.received.total"]["value"], "5");
//! assert!(out["readable"].as_str().unwrap().contains("表三"));
//! assert_eq!(out["text"].as_str().unwrap().lines().count(), 3);
//! let layout: serde_json::Value = serde_json::from_str(&report_wasm::layout()).unwrap();
//! assert_eq!(layout["requests"]["2021"]["rows"][0]["cells"].as_array().unwrap().len(), 7);
//! ```
#![warn(missing_docs)]

use report_cli::{CSV_COLUMNS, Checked, Options, contract_json, csv_rows, render_text_with};
use report_model::{Address, Row, TableKind, Template};
use serde_json::{Value, json};
use wasm_bindgen::prelude::wasm_bindgen;

/// Reads and checks one file: its name (shown in the results) and its bytes (text in any
/// encoding, HTML, .docx, PDF). Returns a JSON object:
///
/// - `contract`: the object `gov-report check --json` prints (`CELLS.md`): cells by address,
///   findings, templates, layouts, or `error` when the file could not be read;
/// - `readable`: what `gov-report check` prints, without colour;
/// - `text`: the text that was read (a Word or PDF file's text as the parser saw it; the markup of
///   a web page), which the cells' and findings' lines and columns point into, or `null`;
/// - `origins`: for a Word or PDF file, where each line of `text` stands (`第2页`), else `[]`;
/// - `csv`: the cells as CSV (the columns of `gov-report batch --csv`, with a header).
#[wasm_bindgen]
pub fn check(name: &str, bytes: &[u8]) -> String {
    let checked = Checked::run(name, bytes);
    let options = Options {
        colour: false,
        only: None,
        unplaced: true,
    };
    let (text, origins) = match &checked.outcome {
        Ok((text, report)) => (
            json!(text),
            json!(
                report
                    .origins
                    .iter()
                    .map(|o| o.describe())
                    .collect::<Vec<_>>()
            ),
        ),
        Err(_) => (Value::Null, json!([])),
    };
    json!({
        "contract": contract_json(&checked),
        "readable": render_text_with(&checked, options),
        "text": text,
        "origins": origins,
        "csv": csv_text(&checked),
    })
    .to_string()
}

/// The cells of one input as CSV text, a header first.
fn csv_text(checked: &Checked) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let rows = std::iter::once(CSV_COLUMNS.map(str::to_owned)).chain(csv_rows(checked));
    for row in rows {
        // writing to memory cannot fail
        let _ = w.write_record(&row);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// The three tables as the templates print them, for drawing: for each table (`proactive`,
/// `requests`, `appeals`) and template (`2019`, `2021`), its title and its rows in order, each
/// with its label, whether it is a group label (no cells), and its cells' addresses and column
/// labels.
#[wasm_bindgen]
pub fn layout() -> String {
    let mut out = serde_json::Map::new();
    for kind in TableKind::ALL {
        let mut templates = serde_json::Map::new();
        for template in [Template::V2019, Template::V2021] {
            let rows: Vec<Value> = Row::sequence(kind, template)
                .map(|row| {
                    let cells: Vec<Value> = row
                        .cells(template)
                        .map(|a: Address| json!({"address": a.to_string(), "column": a.column_label()}))
                        .collect();
                    json!({"label": row.label(), "group": row.is_group(), "cells": cells})
                })
                .collect();
            templates.insert(
                template.as_str().to_owned(),
                json!({"title": kind.label(), "rows": rows}),
            );
        }
        out.insert(kind.key().to_owned(), Value::Object(templates));
    }
    Value::Object(out).to_string()
}

/// The version of the checker, shown on the page.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page gets for a file is what `gov-report check --json` prints for it.
    #[test]
    fn the_contract_is_the_command_line_tools() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/data/sample.txt"
        );
        let bytes = std::fs::read(path).expect("sample");
        let out: Value = serde_json::from_str(&check("sample.txt", &bytes)).expect("json");
        assert_eq!(
            out["contract"],
            contract_json(&Checked::run("sample.txt", &bytes))
        );
        let csv = out["csv"].as_str().expect("csv");
        assert!(csv.starts_with("source,body,year,table"), "{csv}");
        assert_eq!(
            csv.lines().count(),
            1 + out["contract"]["cells"].as_object().expect("cells").len()
        );
    }

    /// Every address of every template is in the layout once, in the template's order.
    #[test]
    fn the_layout_holds_every_address_of_each_template() {
        let layout: Value = serde_json::from_str(&layout()).expect("json");
        for kind in TableKind::ALL {
            for template in [Template::V2019, Template::V2021] {
                let drawn: Vec<String> = layout[kind.key()][template.as_str()]["rows"]
                    .as_array()
                    .expect("rows")
                    .iter()
                    .flat_map(|r| r["cells"].as_array().cloned().unwrap_or_default())
                    .map(|c| c["address"].as_str().unwrap_or_default().to_owned())
                    .collect();
                let expected: Vec<String> = Address::of_template(kind, template)
                    .map(|a| a.to_string())
                    .collect();
                assert_eq!(drawn, expected, "{} {}", kind.key(), template.as_str());
            }
        }
    }
}
