//! Properties over generated and damaged inputs: parsing never panics, and everything it
//! reports is located inside the input. `PROPTEST_CASES=100000 cargo test -p report-parse --test
//! suite properties` runs many more cases than the default.

use proptest::prelude::*;
use report_model::{
    Address, Cell, CellKind, Decimal, Position, Report, Span, Template, ValueType, position_of,
};
use report_parse::{parse_bytes, parse_report};
use report_render::{Style, render_with};

use crate::layouts::{assert_same_cells, report_of};
use crate::testdata;

/// A small deterministic generator: the property's input is one seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A report with distinct random values, and some blank, `/` and masked cells.
pub(crate) fn random_report(rng: &mut Rng, template: Template, blanks: bool) -> Report {
    let year = if template == Template::V2021 {
        2022
    } else {
        2019
    };
    let mut pool: Vec<i64> = (1..=2000).collect();
    report_of(template, year, |a| {
        let at = Position::default();
        let roll = rng.below(100);
        if roll < 6 && blanks {
            Cell::new(a, CellKind::Blank, "", Span::default(), at)
        } else if roll < 12 {
            Cell::new(a, CellKind::NotApplicable, "/", Span::default(), at)
        } else if roll < 17 {
            Cell::new(a, CellKind::Masked, "****", Span::default(), at)
        } else {
            let i = rng.below(pool.len() as u64) as usize;
            let n = Decimal::from(pool.swap_remove(i));
            let v = match a.value_type() {
                ValueType::SignedCount if rng.chance(50) => -n,
                ValueType::Amount => n + Decimal::new(rng.below(100) as i64, 2),
                _ => n,
            };
            Cell::number(a, v, None, v.to_string(), Span::default(), at)
        }
    })
}

const TRADITIONAL: &[(char, char)] = &[
    ('规', '規'),
    ('范', '範'),
    ('处', '處'),
    ('决', '決'),
    ('数', '數'),
    ('许', '許'),
    ('强', '強'),
    ('罚', '罰'),
    ('结', '結'),
    ('转', '轉'),
    ('请', '請'),
    ('开', '開'),
    ('项', '項'),
    ('条', '條'),
    ('对', '對'),
    ('费', '費'),
    ('总', '總'),
    ('计', '計'),
    ('国', '國'),
    ('机', '機'),
    ('关', '關'),
    ('类', '類'),
    ('务', '務'),
    ('过', '過'),
    ('执', '執'),
    ('询', '詢'),
    ('现', '現'),
    ('补', '補'),
    ('确', '確'),
    ('访', '訪'),
    ('举', '舉'),
    ('无', '無'),
    ('属', '屬'),
    ('于', '於'),
    ('护', '護'),
    ('权', '權'),
    ('内', '內'),
    ('办', '辦'),
    ('缴', '繳'),
    ('纳', '納'),
];

/// What converters do to a label: a mask over part of it, spaces between its characters,
/// traditional characters, a line break.
pub(crate) fn damage(rng: &mut Rng, label: &str, style: Style) -> String {
    // units: characters, and a mask as one unit (redaction writes its stars together)
    let chars: Vec<char> = label.chars().collect();
    let numbering = chars
        .iter()
        .take_while(|c| c.is_ascii_digit() || "（）()一二三四五六七八九十、.".contains(**c))
        .count();
    let mut units: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    if chars.len() >= numbering + 6 && rng.chance(15) {
        let len = 2 + rng.below(3) as usize;
        let start = numbering + rng.below((chars.len() - numbering - len - 2) as u64) as usize;
        units.splice(start..start + len, ["****".to_owned()]);
    }
    if rng.chance(20) {
        for u in &mut units {
            let c = u.chars().next().unwrap_or(' ');
            if let Some(&(_, t)) = TRADITIONAL.iter().find(|(s, _)| *s == c) {
                *u = t.to_string();
            }
        }
    }
    let sep = if rng.chance(15) { " " } else { "" };
    let breakable = !matches!(style, Style::Markdown) && units.len() >= numbering + 6;
    if breakable && rng.chance(15) {
        let at = numbering + 3 + rng.below(3) as usize;
        units.insert(at.min(units.len()), "\n".to_owned());
    }
    units.join(sep).replace(" \n ", "\n")
}

fn page_numbers(rng: &mut Rng, text: &str, style: Style) -> String {
    if matches!(style, Style::Markdown | Style::Html) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if rng.chance(3) {
            out.push_str(&format!("- {} -\n", 1 + rng.below(30)));
        }
        out.push_str(line);
    }
    out
}

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
    assert_positions(text, &report);
    crate::accounted::assert_accounted(text, &report, "damaged text");
}

/// Every line and column the report states (cells, diagnostics, unplaced text, headings,
/// metadata, blocks) is that of its span's start in `text`, counted afresh: none is left from a
/// derived text (HTML converted, lines reflowed) or never computed.
fn assert_positions(text: &str, report: &Report) {
    let at = |span: Span| position_of(text, span.start);
    let same = |span: Span, line: u32, column: u32, what: &str| {
        let p = at(span);
        assert_eq!((p.line, p.column), (line, column), "{what} at {span:?}");
    };
    for c in report.cells() {
        same(c.span, c.line, c.column, &c.address.to_string());
    }
    for d in &report.diagnostics {
        same(d.span, d.line, d.column, &d.message);
    }
    for u in &report.unplaced {
        same(u.span, u.line, u.column, &u.text);
    }
    let m = &report.metadata;
    for l in [m.title.as_ref(), m.body.as_ref()].into_iter().flatten() {
        same(l.span, l.line, l.column, &l.value);
    }
    if let Some(y) = &m.year {
        same(y.span, y.line, y.column, "year");
    }
    if let Some(d) = &m.date {
        same(d.span, d.line, d.column, "date");
    }
    for s in &report.sections {
        same(
            s.heading.span,
            s.heading.line,
            s.heading.column,
            &s.heading.value,
        );
        assert_eq!(
            at(s.body.span).line,
            s.body.line,
            "body of {}",
            s.heading.value
        );
        for h in &s.subheadings {
            same(h.span, h.line, h.column, &h.value);
        }
    }
    for b in [report.preamble.as_ref(), report.epilogue.as_ref()]
        .into_iter()
        .flatten()
    {
        assert_eq!(at(b.span).line, b.line, "preamble or epilogue");
    }
}

#[test]
fn positions_of_derived_texts_are_those_of_the_original() {
    // as written, flattened onto one line (read through `reflow`), and inside a web page's
    // table (read through the HTML converter): positions in the text given, never in the text
    // derived from it
    for seed in seeds() {
        let flat = seed.replace('\n', " ");
        let html = format!(
            "<html><body><p>{}</p></body></html>",
            seed.replace('\n', "</p>\n<p>")
        );
        for text in [&seed, &flat, &html] {
            if let Ok(report) = parse_report(text) {
                assert!(report.cells().next().is_some());
                assert_positions(text, &report);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn random_reports_in_every_layout_read_back(seed in any::<u64>(), v2021 in any::<bool>(), style in 0usize..7) {
        let style = Style::ALL[style];
        let template = if v2021 { Template::V2021 } else { Template::V2019 };
        let mut rng = Rng(seed | 1);
        // blank cells leave no trace in aligned columns, as in real extractions
        let mut report = random_report(&mut rng, template, style != Style::SpaceAligned);
        if style == Style::PipeCells {
            // One cell per line with `|` lines for blanks and for row separators: a blank first
            // or last cell of table 四 (which has no row label) cannot be told from a separator;
            // the parser reports the row as ambiguous (unit test
            // `table::tests::table_four_blank_ends_in_one_cell_per_line_are_ambiguous`).
            for a in ["appeals.review.upheld", "appeals.litigation_after_review.total"] {
                let a = a.parse::<Address>().expect("address");
                if let Some(c) = report.cell_mut(a) && c.kind == CellKind::Blank {
                    c.kind = CellKind::NotApplicable;
                    c.raw = "/".into();
                }
            }
        }
        let mut label_rng = Rng(seed.rotate_left(17) | 1);
        let text = render_with(&report, style, &mut |l: &str| damage(&mut label_rng, l, style));
        let text = page_numbers(&mut rng, &text, style);
        let parsed = parse_report(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        assert_same_cells(&report, &parsed, &format!("{style:?} {template} seed {seed}\n{text}"));
    }

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

/// `PROPTEST_CASES` when set, else `default` (an explicit count in the config would override it).
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
