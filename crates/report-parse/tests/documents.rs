//! Documents as published: Word files (`.docx`, with the `docx` feature) read from their XML.
#![cfg(feature = "docx")]

use std::collections::BTreeMap;

use report_model::{Address, CellKind, Decimal, TableKind, Template};
use report_parse::parse_bytes;

use crate::accounted::assert_accounted;
use crate::testdata;

/// The office-made reports of `testdata/docx` (python-docx, both templates, label cells merged
/// down the side and across, distinct values): every cell of tables 二, 三 and 四 exact, and
/// every character of the text read placed or reported.
#[test]
fn word_documents_read_every_cell_exactly() {
    for template in [Template::V2019, Template::V2021] {
        let name = format!("office-{}", template.as_str());
        let dir = testdata().join("docx");
        let bytes = std::fs::read(dir.join(format!("{name}.docx"))).expect("docx");
        let values: BTreeMap<String, i64> = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("json"),
        )
        .expect("values");
        let (text, report) = parse_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // tables 三 and 四: the values the document was made with
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
        // table 二: 1001, 1002, … in the template's order
        for (k, address) in Address::of_template(TableKind::Proactive, template).enumerate() {
            let cell = report.cell(address).expect("proactive cell");
            assert_eq!(
                cell.value,
                Some(Decimal::from(1001 + k as i64)),
                "{name}: {address}"
            );
        }
        let counts: Vec<usize> = report.tables().map(|t| t.cells.len()).collect();
        assert_eq!(
            counts.iter().sum::<usize>(),
            values.len() + Address::of_template(TableKind::Proactive, template).count(),
            "{name}"
        );
        assert!(report.unplaced.is_empty(), "{name}: {:?}", report.unplaced);
        // every line of the text read says where it stands in the document: the received row
        // of table 三 is a row of the document's second table
        assert_eq!(report.origins.len(), text.lines().count(), "{name}");
        let line = report
            .cell("requests.received.total".parse().expect("address"))
            .expect("cell")
            .line;
        assert!(
            matches!(
                report.origins[line as usize - 1],
                report_model::Origin::Row { table: 2, .. }
            ),
            "{name}: {:?}",
            report.origins[line as usize - 1]
        );
        assert_accounted(&text, &report, &name);
        // spans index into the text returned: a cell's raw text stands at its span
        for c in report.cells() {
            assert_eq!(
                &text[c.span.start..c.span.end],
                c.raw,
                "{name}: {}",
                c.address
            );
        }
    }
}

/// A damaged Word file (the zip cut short, the XML broken) is an error with its reason, never a
/// panic.
#[test]
fn damaged_word_documents_are_errors() {
    let bytes = std::fs::read(testdata().join("docx/office-2021.docx")).expect("docx");
    for cut in [30, 200, bytes.len() / 2, bytes.len() - 10] {
        let e = parse_bytes(&bytes[..cut]).expect_err("cut");
        assert!(!e.to_string().is_empty());
    }
}
