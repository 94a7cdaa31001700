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
