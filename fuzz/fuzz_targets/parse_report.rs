//! Any bytes: decoding and parsing never panic, and every located thing lies in the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, report)) = report_parse::parse_bytes(data) {
        for cell in report.cells() {
            assert!(cell.span.end <= text.len());
            assert!(text.is_char_boundary(cell.span.start) && text.is_char_boundary(cell.span.end));
        }
        for d in &report.diagnostics {
            assert!(d.span.end <= text.len());
        }
        // what was not placed, and the parts of the tables, lie in the input too
        let spans = report
            .unplaced
            .iter()
            .map(|u| u.span)
            .chain(report.tables().flat_map(|t| t.parts.iter().map(|p| p.span)));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        assert!(report.unplaced.len() <= 3 * 1000);
    }
});
