//! Documents as published: PDF files (with the `pdf` feature) read from what their pages draw.
//! The files are made by `testdata/pdf/documents.py`: Word documents converted by LibreOffice,
//! as offices make their PDFs, and a web page printed by Chromium.
#![cfg(feature = "pdf")]

use std::collections::BTreeMap;

use report_model::{Decimal, Origin, Report, Template};
use report_parse::{ParseErrorKind, parse_bytes};

use crate::accounted::assert_accounted;
use crate::{assert_office_values, testdata};

fn read(path: &str) -> (String, Report) {
    let bytes = std::fs::read(testdata().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The office-made reports (LibreOffice from .docx: both templates, distinct values, labels
/// merged down the side and across, long labels wrapping in narrow columns, the 2021 table 三
/// cut by a page break inside a row whose label wraps over it): every cell exact, every line
/// placed on its page, every character of the text read placed or reported.
#[test]
fn office_pdfs_read_every_cell_exactly() {
    for template in [Template::V2019, Template::V2021] {
        let name = format!("office-{}", template.as_str());
        let (text, report) = read(&format!("pdf/{name}.pdf"));
        assert_office_values(
            &name,
            &report,
            template,
            &testdata().join(format!("pdf/{name}")).join("values.json"),
        );
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {:?}",
            report.diagnostics
        );
        assert!(report.unplaced.is_empty(), "{name}: {:?}", report.unplaced);
        assert_eq!(report.origins.len(), text.lines().count(), "{name}");
        // the tables run over several pages; each line says which
        let pages: std::collections::BTreeSet<u32> = report
            .origins
            .iter()
            .map(|o| match o {
                Origin::Page(p) => *p,
                other => panic!("{name}: {other:?}"),
            })
            .collect();
        assert!(pages.len() >= 3, "{name}: {pages:?}");
        assert_accounted(&text, &report, &name);
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

/// A row cut by a page break (its label wrapping over the break) is one row again: the label
/// is whole and the row's values are read once.
#[test]
fn a_row_cut_by_a_page_break_is_joined() {
    let (text, report) = read("pdf/office-2021.pdf");
    let label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
    let line = text
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no whole label in\n{text}"));
    assert!(line.contains("| 136 |"), "{line}");
    let cell = report
        .cell("requests.other.unpaid_fee.total".parse().expect("address"))
        .expect("cell");
    assert_eq!(cell.value, Some(Decimal::from(831)));
}

/// A web page printed to PDF by Chromium (Type3 fonts with a ToUnicode map, borders drawn as
/// thin filled rectangles, a table cut by the page break without a border there, Kangxi
/// radicals for common ideographs): every cell exact.
#[test]
fn a_web_page_printed_by_chromium_reads_every_cell() {
    let (text, report) = read("pdf/chromium-2021.pdf");
    assert_office_values(
        "chromium-2021",
        &report,
        Template::V2021,
        &testdata().join("pdf/office-2021").join("values.json"),
    );
    // `⾏` (U+2F8F) in the font's map is written `行`
    assert!(
        !text.contains('\u{2F8F}') && text.contains("行政复议"),
        "{text}"
    );
    assert!(report.unplaced.is_empty(), "{:?}", report.unplaced);
}

/// The five seeds rendered through .docx to PDF (their prose, their templates — seed 004 mixes
/// them — and their cells as the seed writes them: numbers and blanks): every cell of tables
/// 二, 三 and 四 has the kind and value the seed's cell has.
#[test]
fn the_seeds_through_word_and_pdf_read_every_cell() {
    for n in 0..5 {
        let name = format!("seeds/00{n}");
        let (text, report) = read(&format!("pdf/{name}.pdf"));
        let expected: BTreeMap<String, (String, Option<String>)> = serde_json::from_str(
            &std::fs::read_to_string(testdata().join(format!("pdf/{name}.json"))).expect("json"),
        )
        .expect("expected");
        assert!(expected.len() >= 180, "{name}");
        for (address, (kind, value)) in &expected {
            let cell = report
                .cell(address.parse().expect("address"))
                .unwrap_or_else(|| panic!("{name}: {address} absent"));
            assert_eq!(
                (cell.kind.as_str(), cell.value.map(|v| v.to_string())),
                (kind.as_str(), value.clone()),
                "{name}: {address}"
            );
        }
        let counts: usize = report.tables().map(|t| t.cells.len()).sum();
        assert_eq!(counts, expected.len(), "{name}");
        assert_accounted(&text, &report, &name);
    }
}

/// A landscape report printed onto portrait pages: each page of the 2021 office PDF drawn a
/// quarter turn to the left (its lines run bottom to top) or to the right (top to bottom), as
/// printing a landscape table to PDF does. The text is turned back: every cell exact.
#[test]
fn pages_drawn_turned_are_read_turned_back() {
    let bytes = std::fs::read(testdata().join("pdf/office-2021.pdf")).expect("pdf");
    for left in [true, false] {
        let mut doc = lopdf::Document::load_mem(&bytes).expect("load");
        for (_, id) in doc.get_pages() {
            let content = doc.get_page_content(id);
            let media = doc
                .get_dictionary(id)
                .and_then(|d| d.get(b"MediaBox"))
                .and_then(|o| o.as_array())
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_float().unwrap_or(0.0))
                        .collect::<Vec<f32>>()
                })
                .expect("media box");
            let (width, height) = (media[2] - media[0], media[3] - media[1]);
            // left: (x, y) → (height - y, x); right: (x, y) → (y, width - x)
            let matrix = if left {
                format!("0 1 -1 0 {height} 0")
            } else {
                format!("0 -1 1 0 0 {width}")
            };
            let mut turned = format!("q {matrix} cm\n").into_bytes();
            turned.extend_from_slice(&content);
            turned.extend_from_slice(b"\nQ\n");
            doc.change_page_content(id, turned).expect("content");
            let page = doc.get_dictionary_mut(id).expect("page");
            page.set(
                "MediaBox",
                vec![0.into(), 0.into(), height.into(), width.into()],
            );
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        let name = if left { "turned left" } else { "turned right" };
        let (_, report) = parse_bytes(&out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_office_values(
            name,
            &report,
            Template::V2021,
            &testdata().join("pdf/office-2021").join("values.json"),
        );
    }
}

/// A table drawn without lines: columns kept apart by their gaps, and the label that wraps in
/// its narrow first column joined to its row.
#[test]
fn a_table_without_lines_is_read_from_its_gaps() {
    let (text, report) = read("formats/report.pdf");
    assert!(
        text.contains("一、本年新收政府信息公开申请数量  4  0  0  0  0  0  4"),
        "{text}"
    );
    let cell = report
        .cell("requests.received.total".parse().expect("address"))
        .expect("cell");
    assert_eq!(cell.value, Some(Decimal::from(4)));
}

/// A scanned PDF (an image, no text) is refused saying it needs OCR; a damaged PDF is an error
/// with its reason, never a panic.
#[test]
fn scanned_and_damaged_pdfs_are_refused_with_their_reasons() {
    let bytes = std::fs::read(testdata().join("formats/scanned.pdf")).expect("scanned");
    let e = parse_bytes(&bytes).expect_err("scanned");
    assert!(
        matches!(&e.kind, ParseErrorKind::Unsupported(m) if m.contains("OCR")),
        "{e}"
    );
    let bytes = std::fs::read(testdata().join("pdf/office-2019.pdf")).expect("pdf");
    for cut in [10, 300, bytes.len() / 3, bytes.len() / 2] {
        match parse_bytes(&bytes[..cut]) {
            Err(e) => assert!(!e.to_string().is_empty()),
            // a PDF cut short may still be read in part: whatever is read comes from its pages
            Ok((text, report)) => assert_eq!(report.origins.len(), text.lines().count()),
        }
    }
}
