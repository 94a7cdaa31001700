//! Parse output fed to the rules: checking never panics on anything the parser produces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(report) = report_parse::parse_report(text) {
            let _ = report_rules::check(&report);
        }
    }
});
