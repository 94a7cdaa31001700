//! Hostile and odd inputs: each defect found, kept with its minimised input under
//! `testdata/hostile`.

use report_model::{CellKind, Decimal, Row, TableKind, Template};
use report_parse::parse_report;

use crate::testdata;

#[test]
fn text_in_the_first_value_cell_of_a_pipe_row_shifts_nothing() {
    for n in 1..=5 {
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
