//! Errors found where they are: every numeric cell of tables 三 and 四 raised by one is named
//! by an error finding; a digit changed in the source is found at its span.

use report_model::{Decimal, TableKind};
use report_rules::{Severity, check};

use crate::{addr, seed};

#[test]
fn raising_any_cell_of_tables_three_and_four_is_an_error_naming_it() {
    let mut checked = 0;
    for name in ["seed-002", "seed-003", "seed-004"] {
        let (_, report) = seed(name);
        assert!(
            !check(&report)
                .iter()
                .any(|f| f.severity == Severity::Error && f.rule != "template.outdated"),
            "{name} balances"
        );
        for kind in [TableKind::Requests, TableKind::Appeals] {
            let table = report.table(kind).expect("table");
            for cell in table.cells.iter().filter(|c| c.number_value().is_some()) {
                let mut edited = report.clone();
                let target = edited.cell_mut(cell.address).expect("cell");
                let raised = target.value.expect("number") + Decimal::ONE;
                target.set_value(raised);
                let findings = check(&edited);
                assert!(
                    findings.iter().any(|f| f.severity == Severity::Error
                        && f.cells.contains(&cell.address)
                        && f.locations.iter().any(|l| l.span == cell.span)),
                    "{name}: raising {} by one is not an error naming it: {findings:#?}",
                    cell.address
                );
                // and the reported value is the edited one, never recomputed
                assert_eq!(
                    edited.cell(cell.address).and_then(|c| c.value),
                    Some(raised)
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3 * 15 + 175 + 161 + 175);
}

#[test]
fn a_digit_changed_in_the_source_is_found_at_its_span() {
    let (text, report) = seed("seed-003");
    for address in [
        "requests.granted.natural_persons",
        "requests.unavailable.not_held.total",
        "appeals.review.pending",
        "requests.carried_forward.commercial",
    ] {
        let cell = report.cell(addr(address)).expect("cell");
        let digit = &text[cell.span.start..cell.span.end];
        let changed = if digit == "9" { "8" } else { "9" };
        let edited = format!(
            "{}{changed}{}",
            &text[..cell.span.start],
            &text[cell.span.end..]
        );
        let reparsed = report_parse::parse_report(&edited).expect("parses");
        let findings = check(&reparsed);
        let hit = findings.iter().find(|f| {
            f.severity == Severity::Error
                && f.locations
                    .iter()
                    .any(|l| l.span == cell.span && l.line == cell.line && l.column == cell.column)
        });
        assert!(
            hit.is_some(),
            "{address}: no error at {}:{} after changing `{digit}` to `{changed}`: {findings:#?}",
            cell.line,
            cell.column
        );
    }
}
