//! The same report in every encoding and line convention parses to the same cells; invalid
//! bytes give a clear error with their offset.

use report_model::Report;
use report_parse::{ParseErrorKind, parse_bytes};

use crate::testdata;

fn seed3() -> String {
    std::fs::read_to_string(testdata().join("parse/seed-003-pipe-rows-masked/input.txt"))
        .expect("seed")
}

/// Address, kind, value and position of every cell.
fn cells(report: &Report) -> Vec<String> {
    report
        .cells()
        .map(|c| {
            format!(
                "{} {} {:?} {}:{}",
                c.address,
                c.kind.as_str(),
                c.value,
                c.line,
                c.column
            )
        })
        .collect()
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn every_encoding_gives_the_same_cells() {
    let text = seed3();
    let (_, reference) = parse_bytes(text.as_bytes()).expect("utf-8");
    let expected = cells(&reference);
    assert_eq!(expected.len(), 200);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (name, bytes) in [
        ("utf-8 with BOM", bom),
        ("GBK", gbk.into_owned()),
        ("GB18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
        ("UTF-16LE", utf16(&text, true)),
        ("UTF-16BE", utf16(&text, false)),
    ] {
        let (decoded, report) = parse_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(decoded, text, "{name}");
        assert_eq!(cells(&report), expected, "{name}");
    }
}

#[test]
fn crlf_and_wide_spaces_give_the_same_cells() {
    let text = seed3();
    let (_, reference) = parse_bytes(text.as_bytes()).expect("utf-8");
    let crlf = text.replace('\n', "\r\n");
    let (_, report) = parse_bytes(crlf.as_bytes()).expect("crlf");
    assert_eq!(cells(&report), cells(&reference));
    // U+3000 and NBSP where the source has spaces: same cells, values and lines
    let wide = text.replace(" | ", "\u{3000}|\u{A0}");
    let (_, report) = parse_bytes(wide.as_bytes()).expect("wide spaces");
    let strip = |v: Vec<String>| {
        v.into_iter()
            .map(|s| s.rsplit_once(' ').map(|(a, _)| a.to_owned()).unwrap_or(s))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(cells(&report)), strip(cells(&reference)));
}

#[test]
fn invalid_bytes_are_a_clear_error_with_their_offset() {
    // a UTF-16 text with a lone surrogate
    let e = parse_bytes(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).expect_err("lone surrogate");
    assert_eq!(e.kind, ParseErrorKind::InvalidEncoding("UTF-16LE"));
    assert_eq!(e.span.start, 2);
    // neither UTF-8 nor GB18030: 0xFF is no lead byte in either
    let mut bytes = "一、总体情况\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xFF, 0x41]);
    let e = parse_bytes(&bytes).expect_err("invalid");
    assert_eq!(e.kind, ParseErrorKind::InvalidEncoding("UTF-8 or GB18030"));
    assert_eq!(e.span.start, "一、总体情况\n".len());
    assert!(
        e.to_string()
            .starts_with("the input is not valid UTF-8 or GB18030"),
        "{e}"
    );
}
