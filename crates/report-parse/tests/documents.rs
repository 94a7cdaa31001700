//! Documents as published: Word files (`.docx`, with the `docx` feature) read from their XML.
#![cfg(feature = "docx")]

use report_model::Template;
use report_parse::parse_bytes;

use crate::accounted::assert_accounted;
use crate::{assert_office_values, testdata};

/// The office-made reports of `testdata/docx` (python-docx, both templates, label cells merged
/// down the side and across, distinct values): every cell of tables 二, 三 and 四 exact, and
/// every character of the text read placed or reported.
#[test]
fn word_documents_read_every_cell_exactly() {
    for template in [Template::V2019, Template::V2021] {
        let name = format!("office-{}", template.as_str());
        let dir = testdata().join("docx");
        let bytes = std::fs::read(dir.join(format!("{name}.docx"))).expect("docx");
        let (text, report) = parse_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // tables 三 and 四: the values the document was made with; table 二: 1001, 1002, …
        assert_office_values(&name, &report, template, &dir.join(format!("{name}.json")));
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
