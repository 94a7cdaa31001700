//! The `check` tool end to end: its JSON contract, its readable output and its exit codes, on
//! the seeds and on the bundled sample.

use report_examples::{Checked, SAMPLE, SAMPLE_NAME, contract_json, render_text};

fn seed(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/parse");
    let path = std::fs::read_dir(&dir)
        .expect("testdata")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        })
        .expect("seed case");
    std::fs::read(path.join("input.txt")).expect("input")
}

#[test]
fn json_follows_the_contract_fields() {
    let checked = Checked::run("seed-003", &seed("seed-003"));
    let v = contract_json(&checked);
    for key in ["source", "error", "year", "templates", "cells", "findings"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["year"], 2024);
    assert_eq!(v["templates"]["proactive"], "2021");
    assert_eq!(v["templates"]["requests"], "2021");
    let cell = &v["cells"]["requests.received.natural_persons"];
    assert_eq!(cell["kind"], "number");
    assert_eq!(cell["value"], "4");
    assert_eq!(cell["raw"], "4");
    assert_eq!(
        (cell["line"].as_u64(), cell["column"].as_u64()),
        (Some(28), Some(20))
    );
    assert_eq!(v["cells"]["proactive.licensing.decisions"]["value"], "2149");
    assert_eq!(v["cells"].as_object().map(|m| m.len()), Some(10 + 175 + 15));
    assert_eq!(checked.exit_code(), 0);
}

#[test]
fn an_unreadable_input_is_exit_2_with_empty_cells() {
    let checked = Checked::run("binary", b"\x00\x01\x02\x03");
    let v = contract_json(&checked);
    assert!(v["error"].as_str().is_some_and(|e| e.contains("binary")));
    assert_eq!(v["cells"].as_object().map(|m| m.len()), Some(0));
    assert_eq!(v["templates"]["requests"], serde_json::Value::Null);
    assert_eq!(checked.exit_code(), 2);
}

#[test]
fn readable_output_names_templates_layouts_and_what_could_not_be_read() {
    let checked = Checked::run(SAMPLE_NAME, SAMPLE.as_bytes());
    let text = render_text(&checked);
    assert!(
        text.contains("表二 主动公开政府信息情况：2019年模板，版式：逐格一行（以 | 结尾）"),
        "{text}"
    );
    assert!(
        text.contains("表三 收到和处理政府信息公开申请情况：2019年模板"),
        "{text}"
    );
    assert!(text.contains("读取 161/161 个单元格"), "{text}");
    assert!(text.contains("第70行：[parse.ambiguous-row]"), "{text}");
    // group rows stand above their numbered rows, which are indented under them
    assert!(text.contains("    （三）不予公开\n"), "{text}");
    assert!(text.contains("        1.属于国家秘密"), "{text}");
    // every severity counted
    assert!(text.contains("条：错误 0 条，警告"), "{text}");
    // the ambiguous procurement row is shown as `?`, never as a number
    let row = text
        .lines()
        .find(|l| l.contains("政府集中采购"))
        .expect("row");
    assert_eq!(row.matches('?').count(), 2, "{row}");

    let mixed = render_text(&Checked::run("seed-004", &seed("seed-004")));
    assert!(mixed.contains("表二 主动公开政府信息情况：2021年模板，版式：逐行（以制表符分隔）"));
    assert!(
        mixed.contains(
            "表三 收到和处理政府信息公开申请情况：2019年模板，版式：逐行（以制表符分隔）"
        )
    );
}

#[test]
fn a_failing_report_renders_compiler_style_diagnostics_and_exits_1() {
    let bytes =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/failing.txt"))
            .expect("failing.txt");
    let checked = Checked::run("failing.txt", &bytes);
    assert_eq!(checked.exit_code(), 1);
    let text = render_text(&checked);
    assert!(
        text.contains("error[requests.balance]: 表三「自然人」列不平衡"),
        "{text}"
    );
    assert!(text.contains("  --> failing.txt:51:9"), "{text}");
    assert!(
        text.contains("note: 一 4 + 二 0 = 4 ≠ （七） 5 + 四 0 = 5"),
        "{text}"
    );
    // the caret stands under the cell, CJK characters counting two columns
    let source = text
        .lines()
        .position(|l| l.starts_with("51 | (七)总计 | 5"))
        .expect("source line");
    let caret = text.lines().nth(source + 1).expect("caret line");
    let width = unicode_width::UnicodeWidthStr::width("51 | (七)总计 | ");
    assert_eq!(width, 16);
    assert_eq!(caret.find('^'), Some(width), "{caret}");
    let v = contract_json(&checked);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"requests.balance")
            && rules.contains(&"requests.row_total")
            && rules.contains(&"requests.outcome_total"),
        "{rules:?}"
    );
}

#[test]
fn normalize_writes_a_report_that_reads_back_the_same() {
    let (_, report) = report_parse::parse_bytes(&seed("seed-004")).expect("seed");
    for style in [
        report_render::Style::Markdown,
        report_render::Style::Html,
        report_render::Style::PipeRows,
    ] {
        let text = report_render::render(&report, style);
        let again = report_parse::parse_report(&text).expect("normalized report parses");
        let cells = |r: &report_model::Report| {
            r.cells()
                .map(|c| (c.address, c.kind, c.value))
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(&again), cells(&report), "{style:?}");
    }
    // an ambiguous cell is written marked, never as a value of that cell
    let sample = report_parse::parse_report(SAMPLE).expect("sample");
    let md = report_render::render(&sample, report_render::Style::Markdown);
    assert!(md.contains("| 政府集中采购 | ?24 | ?24 |"), "{md}");
}

/// A report whose line breaks were all lost (a web page's text on one line): every finding's
/// snippet is a window of the line, not the line, and the whole output stays small.
#[test]
fn a_one_line_report_prints_windows_not_the_line() {
    // seed 003 with seed 002's overview added to its own (about 10 KB), a cell changed so that findings
    // with snippets are printed (（七）总计 × 自然人 4 → 5), every line break made a space
    let three = String::from_utf8(seed("seed-003")).expect("utf-8");
    let two = String::from_utf8(seed("seed-002")).expect("utf-8");
    let overview = two
        .split_once("一、总体情况")
        .and_then(|(_, rest)| rest.split_once("二、"))
        .map_or("", |(body, _)| body);
    let at = three.find("二、").expect("section 二");
    let mut text = format!("{}{}{}", &three[..at], overview, &three[at..]);
    text = text
        .replacen("(七)总计 | 4 |", "(七)总计 | 5 |", 1)
        .replace('\n', " ");
    assert!(text.len() >= 9_800, "{}", text.len());
    let checked = Checked::run("one-line", text.as_bytes());
    let out = render_text(&checked);
    assert!(out.contains("error[requests.balance]"), "{out}");
    assert!(out.len() < 20_000, "{} bytes for {}", out.len(), text.len());
    // no printed line is longer than a window and its labels
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 300, "a line of {longest} characters");
}
