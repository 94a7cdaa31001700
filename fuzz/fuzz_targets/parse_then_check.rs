//! Parse output fed to the rules: checking never panics on anything the parser produces, from
//! any bytes (text in any encoding, HTML, Word and PDF files).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((_, report)) = report_parse::parse_bytes(data) {
        let _ = report_rules::check(&report);
    }
});
