//! Error paths: inputs that are not reports, and reports with parts missing. No panic anywhere;
//! either a clear error with its location or a partial model with the missing cells absent.

use report_model::{CellKind, DiagnosticKind, SectionKind, TableKind};
use report_parse::{ParseErrorKind, parse_bytes, parse_report};

use crate::testdata;

fn seed(name: &str) -> String {
    std::fs::read_to_string(testdata().join("parse").join(name).join("input.txt")).expect("seed")
}

#[test]
fn empty_input_is_an_error_at_1_1() {
    for text in ["", "   \n\t\n", "\u{FEFF}"] {
        let e = parse_report(text).expect_err("empty");
        assert_eq!(e.kind, ParseErrorKind::Empty);
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(e.to_string(), "the input is empty (line 1, column 1)");
    }
}

#[test]
fn random_bytes_are_an_error() {
    // A fixed linear congruential sequence: the same bytes every run.
    let mut x: u32 = 0x2545_F491;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    let e = parse_bytes(&bytes).expect_err("random bytes");
    assert!(matches!(e.kind, ParseErrorKind::InvalidEncoding(_)), "{e}");
    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
    // valid UTF-8 but binary: NUL bytes
    let e = parse_bytes(b"\x00\x01\x02ELF\x00\x00").expect_err("binary");
    assert_eq!(e.kind, ParseErrorKind::Binary(0));
    assert_eq!((e.line, e.column), (1, 1));
}

#[test]
fn an_unrelated_chinese_text_is_not_a_report() {
    let text = "先帝创业未半而中道崩殂，今天下三分，益州疲弊，此诚危急存亡之秋也。\n\
                然侍卫之臣不懈于内，忠志之士忘身于外者，盖追先帝之殊遇，欲报之于陛下也。\n\
                一、诚宜开张圣听，以光先帝遗德，恢弘志士之气。\n二、不宜妄自菲薄，引喻失义，以塞忠谏之路也。\n\
                今年收入12万元，支出8万元。\n";
    let e = parse_report(text).expect_err("not a report");
    assert_eq!(e.kind, ParseErrorKind::NotAReport);
    assert!(
        e.to_string().contains("not a 政府信息公开工作年度报告"),
        "{e}"
    );
}

#[test]
fn a_report_cut_off_in_table_three_keeps_what_it_has() {
    // Row per line: cut inside the （四）1 row, after three of its seven values.
    let text = seed("seed-003-pipe-rows-masked");
    let cut = text
        .find("(四)无法提供 | 1.****政府信息 | 1 | 0 | 0")
        .expect("row")
        + "(四)无法提供 | 1.****政府信息 | 1 | 0 | 0".len();
    let report = parse_report(&text[..cut]).expect("partial report");
    let requests = report.requests.as_ref().expect("table 三");
    assert_eq!(
        report
            .cell("requests.withheld.query_matters.total".parse().unwrap())
            .map(|c| c.kind),
        Some(CellKind::Number)
    );
    // the cut row: three values for seven columns cannot be placed
    let cut_row = report
        .cell("requests.unavailable.not_held.total".parse().unwrap())
        .expect("cut row");
    assert_eq!(cut_row.kind, CellKind::Ambiguous);
    // rows after the cut are absent, and said to be
    assert!(
        report
            .cell("requests.total.total".parse().unwrap())
            .is_none()
    );
    assert!(
        report
            .cell("requests.carried_forward.total".parse().unwrap())
            .is_none()
    );
    assert_eq!(requests.cells.len(), 13 * 7);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::MissingRow && d.message.contains("（七）总计"))
    );
    assert!(report.appeals.is_none());
    for kind in [
        SectionKind::Appeals,
        SectionKind::Problems,
        SectionKind::Other,
    ] {
        assert!(report.section(kind).is_none());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::MissingSection
                    && d.message.contains(kind.title()))
        );
    }

    // One cell per line: cut after the third value of （三）2.
    let text = seed("seed-002-tab-cells-2021");
    let start = text.find("2.其他法律行政法规禁止公开").expect("row");
    let cut = start
        + text[start..]
            .match_indices("\t0\n")
            .nth(2)
            .expect("values")
            .0
        + 3;
    let report = parse_report(&text[..cut]).expect("partial report");
    assert_eq!(
        report
            .cell("requests.withheld.state_secret.total".parse().unwrap())
            .map(|c| c.kind),
        Some(CellKind::Number)
    );
    assert_eq!(
        report
            .cell(
                "requests.withheld.prohibited_by_law.natural_persons"
                    .parse()
                    .unwrap()
            )
            .map(|c| c.kind),
        Some(CellKind::Ambiguous)
    );
    assert!(
        report
            .cell(
                "requests.withheld.security_stability.total"
                    .parse()
                    .unwrap()
            )
            .is_none()
    );
}

#[test]
fn a_report_with_a_table_deleted_parses_without_it() {
    let text = seed("seed-004-markdown-tab-rows-mixed");
    // Table 二 deleted, heading kept.
    let start = text.find("第二十条第（一）项").expect("table 二");
    let end = text.find("### 三、").expect("next heading");
    let without = format!("{}{}", &text[..start], &text[end..]);
    let report = parse_report(&without).expect("report");
    assert!(report.proactive.is_none());
    assert!(report.section(SectionKind::Proactive).is_some());
    assert_eq!(report.requests.as_ref().map(|t| t.cells.len()), Some(161));
    assert_eq!(report.appeals.as_ref().map(|t| t.cells.len()), Some(15));
    assert!(
        report
            .cells()
            .all(|c| c.address.table() != TableKind::Proactive)
    );

    // Table 四 deleted with its heading: the rows of table 三 do not leak into it.
    let start = text.find("#### 四、").expect("table 四");
    let end = text.find("#### 五、").expect("next heading");
    let without = format!("{}{}", &text[..start], &text[end..]);
    let report = parse_report(&without).expect("report");
    assert!(report.appeals.is_none());
    assert!(report.section(SectionKind::Appeals).is_none());
    assert_eq!(report.requests.as_ref().map(|t| t.cells.len()), Some(161));
}

/// Documents made by an office program (`testdata/formats/make.py`: python-docx, then
/// LibreOffice and poppler) are told from their first bytes, whatever their names, and refused
/// with what they are and what to save them as: never read as text (a `.docx` is a zip, whose
/// bytes decode as GB18030 more often than not).
#[test]
fn office_documents_are_told_by_their_content_and_refused_plainly() {
    let dir = testdata().join("formats");
    let docx = std::fs::read(dir.join("report.docx")).expect("docx");
    if cfg!(feature = "docx") {
        // read from its XML: the row of table 三 it holds
        let (_, report) = report_parse::parse_bytes(&docx).expect("docx read");
        let cell = report.cell("requests.received.total".parse().expect("address"));
        assert_eq!(cell.and_then(|c| c.value), Some(4.into()));
    } else {
        let e = report_parse::parse_bytes(&docx).expect_err("docx refused");
        assert!(e.to_string().contains(".docx"), "{e}");
    }
    // decoding it as text is refused either way
    assert!(
        report_parse::decode(&docx)
            .expect_err("docx")
            .to_string()
            .contains(".docx")
    );
    // a PDF with text: read from what its pages draw with the `pdf` feature, refused without
    let pdf = std::fs::read(dir.join("report.pdf")).expect("pdf");
    if cfg!(feature = "pdf") {
        let (_, report) = report_parse::parse_bytes(&pdf).expect("pdf read");
        let cell = report.cell("requests.received.total".parse().expect("address"));
        assert_eq!(cell.and_then(|c| c.value), Some(4.into()));
    } else {
        let e = report_parse::parse_bytes(&pdf).expect_err("pdf refused");
        assert!(e.to_string().contains("pdftotext -layout"), "{e}");
    }
    assert!(
        report_parse::decode(&pdf)
            .expect_err("pdf")
            .to_string()
            .contains("PDF")
    );
    for (file, says) in [
        ("report.doc", ".doc/.wps"),
        ("report.rtf", "RTF"),
        ("scanned.pdf", "scanned PDF"),
        ("report.png", "scanned"),
    ] {
        let bytes = std::fs::read(dir.join(file)).expect(file);
        let e = report_parse::parse_bytes(&bytes).expect_err(file);
        match &e.kind {
            report_parse::ParseErrorKind::Unsupported(message) => {
                assert!(message.contains(says), "{file}: {message}")
            }
            other => panic!("{file}: {other:?}"),
        }
        assert_eq!((e.line, e.column), (1, 1), "{file}");
        assert_eq!(
            report_parse::unsupported_format(&bytes),
            Some(match &e.kind {
                report_parse::ParseErrorKind::Unsupported(m) => *m,
                _ => unreachable!(),
            })
        );
    }
    // a text report is none of them
    let text =
        std::fs::read(testdata().join("parse/seed-003-pipe-rows-masked/input.txt")).expect("seed");
    assert_eq!(report_parse::unsupported_format(&text), None);
}
