//! Hostile and odd inputs: each defect found, kept with its minimised input under
//! `testdata/hostile`.

use report_model::{CellKind, Decimal, Row, TableKind, Template};
use report_parse::parse_report;

use crate::testdata;

#[test]
fn text_in_the_first_value_cell_of_a_pipe_row_shifts_nothing() {
    for n in 1..=6 {
        let path = testdata().join(format!("hostile/first-value-cell-text-{n}.txt"));
        let text = std::fs::read_to_string(&path).expect("input");
        let report = parse_report(&text).expect("report");
        let cells: Vec<(CellKind, Option<Decimal>)> = Row::by_key(TableKind::Requests, "received")
            .expect("row")
            .cells(Template::V2021)
            .map(|a| {
                let c = report.cell(a).expect("cell");
                (c.kind, c.value)
            })
            .collect();
        assert_eq!(cells[0].0, CellKind::Invalid, "{}", path.display());
        let rest: Vec<Option<Decimal>> = cells[1..].iter().map(|c| c.1).collect();
        assert_eq!(
            rest,
            [2, 3, 4, 5, 6, 21].map(|v| Some(Decimal::from(v))),
            "{}",
            path.display()
        );
    }
}

/// A glued table 三 whose every outcome row has many splits that fit its total (22 for
/// `111221011046`): the column decision used to multiply the candidate counts in a `usize`
/// (overflow, a panic in debug builds). The solver has no product; it is bounded in work.
#[test]
fn many_undecided_glued_rows_do_not_overflow() {
    let mut line = String::from("三、收到和处理政府信息公开申请情况");
    for r in Row::sequence(TableKind::Requests, Template::V2021) {
        line.push_str(r.label());
        if !r.is_group() {
            line.push_str("111221011046");
        }
    }
    line.push_str("四、政府信息公开行政复议、行政诉讼情况无");
    let text = format!("2023年某局政府信息公开工作年度报告\n{line}\n");
    let report = parse_report(&text).expect("report");
    // every equation of the table fails (each column's outcome rows add up to 21×, not 1×): no
    // row can be decided, and none is stated
    for c in report.requests.as_ref().expect("三").cells.iter() {
        assert_eq!(c.kind, CellKind::Ambiguous, "{}", c.address);
    }
}

/// Every seed, and every corpus file when `../shared/corpus` is beside the repository, cut at
/// every line boundary (a download that stopped): no panic, no cell of the part before the cut
/// stated as a number the whole text does not give it, and the numbers of the rows before the
/// cut still found (a row counts once the next row's label is before the cut too).
#[test]
fn every_seed_and_corpus_file_cut_at_every_line_boundary() {
    let mut inputs: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(testdata().join("parse")).expect("testdata/parse") {
        let dir = entry.expect("entry").path();
        if dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
        {
            let text = std::fs::read_to_string(dir.join("input.txt")).expect("seed");
            inputs.push((dir.display().to_string(), text));
        }
    }
    let corpus = testdata().join("../../shared/corpus");
    if let Ok(families) = std::fs::read_dir(&corpus) {
        for family in families.flatten() {
            let Ok(files) = std::fs::read_dir(family.path()) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "txt")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    inputs.push((path.display().to_string(), text));
                }
            }
        }
    }
    assert!(inputs.len() >= 5, "the seeds are bundled");
    let (mut kept, mut before) = (0usize, 0usize);
    for (name, text) in &inputs {
        let Ok(full) = parse_report(text) else {
            continue;
        };
        let numbers: Vec<(report_model::Address, Decimal, usize)> = full
            .cells()
            .filter_map(|c| Some((c.address, c.number_value()?, c.span.end)))
            .collect();
        // where each number's row ends: the start of the next cell's row, roughly the next
        // number's span
        let cuts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        for &cut in &cuts {
            let part = &text[..cut];
            let Ok(cut_report) = parse_report(part) else {
                continue;
            };
            for cell in cut_report.cells() {
                let Some(v) = cell.number_value() else {
                    continue;
                };
                // a number the whole text gives this cell, or a cell the whole text leaves
                // without a number (a cut row can read differently only as blank or ambiguous)
                if let Some(&(_, full_v, _)) = numbers.iter().find(|(a, _, _)| *a == cell.address) {
                    assert_eq!(v, full_v, "{name} cut at byte {cut}: {}", cell.address);
                }
            }
            // rows wholly before the cut: the numbers of cells followed by another number
            // before the cut (the row after them has begun)
            let last_end = numbers.iter().map(|n| n.2).filter(|&e| e <= cut).max();
            for (a, full_v, end) in &numbers {
                if last_end.is_some_and(|l| *end < l) {
                    before += 1;
                    if cut_report.cell(*a).and_then(|c| c.number_value()) == Some(*full_v) {
                        kept += 1;
                    }
                }
            }
        }
    }
    eprintln!(
        "{} inputs; {kept} of {before} numbers of rows before the cut kept",
        inputs.len()
    );
    // nearly all: a table cut short can leave a row's reading to equations that are gone
    assert!(
        kept * 100 >= before * 95,
        "{kept} of {before} numbers before the cut kept"
    );
}

/// A hundred thousand lines that are all the heading of section 一 (a table of contents gone
/// wild): each heading asked whether the next line is a heading too used to scan every
/// candidate (quadratic: 80 000 lines took 1.9 s, a million would take minutes). Now a binary
/// search; as before, the last is the heading (every other one is followed by another: a
/// table of contents).
#[test]
fn a_hundred_thousand_heading_lines_parse_in_linear_time() {
    let text = "一、总体情况\n".repeat(100_000);
    let report = parse_report(&text).expect("report");
    let overview = report
        .section(report_model::SectionKind::Overview)
        .expect("section 一");
    assert_eq!(overview.heading.line, 100_000);
}
