//! Properties over generated and damaged inputs: parsing never panics, and everything it
//! reports is located inside the input. `PROPTEST_CASES=100000 cargo test -p report-parse --test
//! suite properties` runs many more cases than the default.

use proptest::prelude::*;
use report_model::position_of;
use report_parse::{parse_bytes, parse_report};

use crate::testdata;

fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(testdata().join("parse")).expect("testdata") {
        let path = entry.expect("entry").path().join("input.txt");
        if path.to_string_lossy().contains("seed-")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(text);
        }
    }
    out.sort();
    out
}

fn check_located(text: &str) {
    let Ok(report) = parse_report(text) else {
        return;
    };
    for cell in report.cells() {
        assert!(
            cell.span.end <= text.len()
                && text.is_char_boundary(cell.span.start)
                && text.is_char_boundary(cell.span.end)
        );
        let p = position_of(text, cell.span.start);
        assert_eq!(
            (p.line, p.column),
            (cell.line, cell.column),
            "{}",
            cell.address
        );
        if !cell.raw.is_empty() && cell.kind != report_model::CellKind::Ambiguous {
            assert_eq!(&text[cell.span.start..cell.span.end], cell.raw);
        }
    }
    for d in &report.diagnostics {
        assert!(d.span.end <= text.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[一二三四、（）()|\t\n0-9/ *报告年政府信息公开申请总计规章]{0,400}") {
        check_located(&text);
    }

    #[test]
    fn damaged_seeds_never_panic(which in 0usize..5, cut_a in any::<prop::sample::Index>(), cut_b in any::<prop::sample::Index>(), insert in "[|\t\n0-9/*一、（]{0,8}") {
        let seeds = seeds();
        let text = &seeds[which % seeds.len()];
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        bounds.dedup();
        let (a, b) = (cut_a.get(&bounds), cut_b.get(&bounds));
        let (a, b) = (*a.min(b), *a.max(b));
        // delete a stretch and insert some structure characters in its place
        let damaged = format!("{}{}{}", &text[..a], insert, &text[b..]);
        check_located(&damaged);
    }
}
