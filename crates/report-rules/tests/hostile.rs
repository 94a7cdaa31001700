//! Rules on hostile inputs (`testdata/hostile`): nothing too large is skipped without a word.

use report_parse::parse_report;

fn input(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/hostile")
        .join(name);
    std::fs::read_to_string(path).expect("input")
}

#[test]
fn a_sum_past_decimal_is_reported_as_not_checkable() {
    let report = parse_report(&input("sum-overflow.txt")).expect("report");
    let findings = report_rules::check(&report);
    let f = findings
        .iter()
        .find(|f| f.rule == "requests.row_total.overflow")
        .expect("overflow finding");
    assert!(
        f.cells
            .iter()
            .any(|a| a.to_string() == "requests.received.natural_persons")
    );
    assert_eq!(f.line, 3);
}

#[test]
fn a_narrative_number_past_u64_is_reported() {
    let report = parse_report(&input("narrative-number-past-u64.txt")).expect("report");
    let findings = report_rules::check(&report);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "narrative.unreadable_number"),
        "{findings:#?}"
    );
}
