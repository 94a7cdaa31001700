//! Nothing silently lost: every non-blank character of the input is placed (the title, a
//! heading, a section's prose, a table's cells, labels, headers and page numbers) or reported (a
//! diagnostic's span, a piece of [`Report::unplaced`]).

use proptest::prelude::*;
use report_model::{Report, Span, Template};
use report_parse::parse_report;
use report_render::{Style, render_with};

use crate::properties::{Rng, cases, random_report};

/// The characters that carry no content: spaces, separators, invisible characters.
fn blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '\u{3000}' | '\u{FEFF}' | '\u{200B}')
}

/// For each byte of `text`, whether the report accounts for it.
pub(crate) fn accounted(text: &str, report: &Report) -> Vec<bool> {
    let mut seen = vec![false; text.len()];
    let mut mark = |s: Span| {
        for b in &mut seen[s.start.min(text.len())..s.end.min(text.len())] {
            *b = true;
        }
    };
    let m = &report.metadata;
    for s in [
        m.title.as_ref().map(|l| l.span),
        m.body.as_ref().map(|l| l.span),
        m.year.as_ref().map(|l| l.span),
        m.date.as_ref().map(|l| l.span),
        report.preamble.as_ref().map(|b| b.span),
        report.epilogue.as_ref().map(|b| b.span),
    ]
    .into_iter()
    .flatten()
    {
        mark(s);
    }
    let table_spans: Vec<Span> = report.tables().map(|t| t.span).collect();
    for section in &report.sections {
        mark(section.heading.span);
        for h in &section.subheadings {
            mark(h.span);
        }
        // a section's prose is placed; the text of a table read from it must be accounted for
        // piece by piece
        if !table_spans.contains(&section.body.span) {
            mark(section.body.span);
        }
    }
    for t in report.tables() {
        for c in &t.cells {
            mark(c.span);
        }
        for p in &t.parts {
            mark(p.span);
        }
    }
    for d in &report.diagnostics {
        mark(d.span);
    }
    for u in &report.unplaced {
        mark(u.span);
    }
    seen
}

/// Panics with the first character of `text` that is not blank, not markup and not accounted
/// for.
pub(crate) fn assert_accounted(text: &str, report: &Report, context: &str) {
    let seen = accounted(text, report);
    let html = text.contains("<table") || text.contains("<TABLE");
    let markup = if html { markup(text) } else { Vec::new() };
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to || markup.get(i).copied().unwrap_or(false) {
            continue;
        }
        if html && c == '&' {
            // an entity for a space is blank
            let name = text[i + 1..].split(';').next().unwrap_or("");
            if matches!(
                name.to_ascii_lowercase().as_str(),
                "nbsp" | "ensp" | "emsp" | "thinsp" | "#160" | "#xa0" | "#12288" | "#x3000"
            ) {
                skip_to = i + name.len() + 2;
                continue;
            }
        }
        if seen[i] || blank(c) {
            continue;
        }
        // the rule under a markdown table's header: a cell of dashes between bars
        let cell_start = text[..i].rfind(['|', '\n']).map_or(0, |s| s + 1);
        let cell_end = text[i..].find(['|', '\n']).map_or(text.len(), |e| i + e);
        let cell = text[cell_start..cell_end].trim();
        if cell.contains("---") && cell.chars().all(|c| matches!(c, '-' | ':')) {
            continue;
        }
        let around = |from: usize, to: usize| {
            let mut a = from.saturating_sub(90);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (to + 90).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            text[a..b].to_owned()
        };
        panic!(
            "{context}: `{c}` at byte {i} is neither placed nor reported, in `{}`\nunplaced: {:?}",
            around(i, i),
            report.unplaced
        );
    }
}

/// For each byte of an HTML page, whether it is markup: a tag (quoted `>` in its attributes
/// included), a comment, or the body of a `<script>` or `<style>`.
fn markup(text: &str) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut mask = vec![false; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let end;
        if rest.starts_with(b"<!--") {
            end = text[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
        } else if bytes[i] == b'<'
            && rest
                .get(1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
        {
            let mut quote: Option<u8> = None;
            let mut j = i + 1;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (Some(q), b) if b == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(bytes[j]),
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let tag_end = (j + 1).min(bytes.len());
            let name: String = text[i + 1..tag_end]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase();
            end = if name == "script" || name == "style" {
                let close = format!("</{name}");
                let lower = text[tag_end..].to_ascii_lowercase();
                lower.find(&close).map_or(bytes.len(), |e| tag_end + e)
            } else {
                tag_end
            };
        } else {
            i += 1;
            continue;
        }
        for m in &mut mask[i..end] {
            *m = true;
        }
        i = end;
    }
    mask
}

/// Lines a report's author or a converter puts inside a table: notes, units, stray values,
/// sentences.
const JUNK: &[&str] = &[
    "注：本表数据截至当年12月31日",
    "单位：件",
    "说明：无",
    "本机关未收到相关申请。",
    "- 3 -",
    "以上数据由办公室统计",
    "99",
    "（续表）",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    /// Random reports in every layout, labels damaged (masks, spaces, traditional characters,
    /// line breaks), page numbers between rows: every character placed or reported.
    #[test]
    fn every_character_of_random_reports_is_placed_or_reported(seed in any::<u64>(), v2021 in any::<bool>(), style in 0usize..7, flatten in any::<bool>()) {
        let style = Style::ALL[style];
        let template = if v2021 { Template::V2021 } else { Template::V2019 };
        let mut rng = Rng(seed | 1);
        let report = random_report(&mut rng, template, style != Style::SpaceAligned);
        let mut label_rng = Rng(seed.rotate_left(17) | 1);
        let mut text = render_with(&report, style, &mut |l: &str| {
            crate::properties::damage(&mut label_rng, l, style)
        });
        if flatten && style != Style::Html {
            // a web page's text on one line
            text = text.replace('\n', " ");
        }
        let parsed = parse_report(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        assert_accounted(&text, &parsed, &format!("{style:?} {template} seed {seed} flat {flatten}"));
    }

    /// Notes, sentences and stray values put inside the tables: each is reported (unplaced text
    /// or a diagnostic), and everything else still placed.
    #[test]
    fn text_put_inside_tables_is_reported(seed in any::<u64>(), v2021 in any::<bool>(), style in 0usize..6) {
        let style = Style::ALL[style];
        let template = if v2021 { Template::V2021 } else { Template::V2019 };
        let mut rng = Rng(seed | 1);
        let report = random_report(&mut rng, template, style != Style::SpaceAligned);
        let rendered = report_render::render(&report, style);
        // a junk line after some lines of the tables (after the heading of section 二)
        let start = rendered.find("二、主动公开").unwrap_or(0);
        let end = rendered.find("五、").unwrap_or(rendered.len());
        let mut text = String::with_capacity(rendered.len() + 256);
        let mut inserted = Vec::new();
        let mut at = 0;
        for line in rendered.split_inclusive('\n') {
            text.push_str(line);
            at += line.len();
            if at > start && at < end && line.ends_with('\n') && rng.chance(4) {
                let junk = JUNK[rng.below(JUNK.len() as u64) as usize];
                inserted.push((text.len(), junk));
                text.push_str(junk);
                text.push('\n');
            }
        }
        let parsed = parse_report(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let context = format!("{style:?} {template} seed {seed}");
        assert_accounted(&text, &parsed, &context);
        for (offset, junk) in inserted {
            // placed as a cell, a label or a header it is not: reported, or prose outside tables
            let in_table = parsed.tables().any(|t| t.span.start <= offset && offset < t.span.end);
            // a value on a line of its own inside a table written one cell per line is a cell as
            // far as the text can tell (its row's totals then fail, which the rules report)
            if !in_table || junk == "99" {
                continue;
            }
            let at = |s: Span| s.start <= offset && offset < s.end;
            let reported = parsed.unplaced.iter().any(|u| at(u.span))
                || parsed.diagnostics.iter().any(|d| at(d.span))
                // a note the template knows (`单位：件`) and a page number are recognised; a
                // note right above a label may be read as part of it (`（续表）规范性文件` scores
                // above `规范性文件` against `（行政）规范性文件`)
                || parsed.tables().flat_map(|t| &t.parts).any(|p| at(p.span));
            let cells: Vec<String> = parsed.cells().filter(|c| at(c.span)).map(|c| format!("{} {:?} `{}`", c.address, c.kind, c.raw)).collect();
            let parts: Vec<String> = parsed.tables().flat_map(|t| &t.parts).filter(|p| at(p.span)).map(|p| format!("{:?} `{}`", p.kind, &text[p.span.start..p.span.end])).collect();
            prop_assert!(reported, "{context}: `{junk}` at {offset} not reported; cells {cells:?}, parts {parts:?}");
        }
    }
}

/// The parser's test cases (the seeds among them, every layout, HTML too), and every corpus
/// file when `../shared/corpus` is beside the repository, each also on one line: every
/// character placed or reported.
#[test]
fn every_character_of_the_test_cases_and_corpus_is_placed_or_reported() {
    let mut inputs = Vec::new();
    for entry in std::fs::read_dir(crate::testdata().join("parse")).expect("testdata") {
        inputs.push(entry.expect("entry").path().join("input.txt"));
    }
    if let Ok(families) = std::fs::read_dir(crate::testdata().join("../../shared/corpus")) {
        for family in families.flatten() {
            for file in std::fs::read_dir(family.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                inputs.push(file.path());
            }
        }
    }
    let mut checked = 0;
    for path in inputs {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let is_html = path.extension().is_some_and(|e| e == "html");
        let flat = if is_html {
            String::new()
        } else {
            text.replace('\n', " ")
        };
        let dir = path;
        for (what, text) in [("", &text), (" on one line", &flat)] {
            if let Ok(report) = parse_report(text) {
                assert_accounted(text, &report, &format!("{}{what}", dir.display()));
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "{checked} inputs checked");
}

/// Past 1 000 pieces in a table, the last one reported covers all the rest: the report stays
/// bounded and still accounts for every character.
#[test]
fn unplaced_text_past_the_bound_is_covered_by_one_span() {
    let mut text = String::from(
        "2024年某某局政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
         一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n",
    );
    for i in 0..5000 {
        text.push_str(&format!("备注第{i}条：另见附件\n"));
    }
    text.push_str("二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    let report = parse_report(&text).expect("report");
    assert_eq!(report.unplaced.len(), 1000);
    assert_eq!(report.unplaced[0].text, "备注第0条：另见附件");
    assert_eq!(report.unplaced[0].line, 4);
    let last = report.unplaced.last().expect("last");
    assert_eq!(last.text, "备注第999条：另见附件");
    assert!(text[last.span.start..last.span.end].ends_with("备注第4999条：另见附件"));
    assert_accounted(&text, &report, "5000 notes");
}
