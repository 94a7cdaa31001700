//! Every layout, both templates, every cell a distinct non-zero value (zeros everywhere would
//! hide misplaced cells): rendered with `report-render`, read back, every cell exact.

use report_model::{
    Address, Cell, Decimal, Layout, Located, Position, Report, Span, Table, TableKind, Template,
    ValueType,
};
use report_parse::parse_report;
use report_render::{Style, render};

/// A report whose cells all differ: table 二 from 1, table 三 from 101, table 四 from 301;
/// 本年增/减 negative, money with two decimals.
pub(crate) fn designed(template: Template) -> Report {
    let mut next = std::collections::BTreeMap::from([
        (TableKind::Proactive, 1),
        (TableKind::Requests, 101),
        (TableKind::Appeals, 301),
    ]);
    report_of(
        template,
        if template == Template::V2021 {
            2023
        } else {
            2020
        },
        |a| {
            let i = next.get_mut(&a.table()).expect("table");
            let n = Decimal::from(*i);
            *i += 1;
            let v = match a.value_type() {
                ValueType::SignedCount => -n,
                ValueType::Amount => n + Decimal::new(25, 2),
                ValueType::Count => n,
            };
            Cell::number(
                a,
                v,
                None,
                v.to_string(),
                Span::default(),
                Position::default(),
            )
        },
    )
}

/// A report for `year` with a title and the three tables of `template`, each cell made by `cell`
/// (called in address order).
pub(crate) fn report_of(
    template: Template,
    year: i32,
    mut cell: impl FnMut(Address) -> Cell,
) -> Report {
    let mut report = Report::default();
    report.metadata.year = Some(Located::new(year, Span::default(), Position::default()));
    report.metadata.title = Some(Located::new(
        format!("{year}年某某县某某局政府信息公开工作年度报告"),
        Span::default(),
        Position::default(),
    ));
    for kind in TableKind::ALL {
        let cells: Vec<Cell> = Address::of_template(kind, template)
            .map(&mut cell)
            .collect();
        let table = Table {
            kind,
            template,
            layout: Layout::PipeRows,
            span: Span::default(),
            cells,
            parts: Vec::new(),
        };
        report.set_table(table);
    }
    report
}

pub(crate) fn layout_of(style: Style) -> Layout {
    match style {
        Style::PipeCells => Layout::PipeCells,
        Style::TabCells => Layout::TabCells,
        Style::PipeRows => Layout::PipeRows,
        Style::TabRows => Layout::TabRows,
        Style::Markdown => Layout::Markdown,
        Style::SpaceAligned => Layout::SpaceAligned,
        _ => Layout::Html,
    }
}

/// Asserts that `parsed` has exactly the cells of `expected`, kind and value.
pub(crate) fn assert_same_cells(expected: &Report, parsed: &Report, context: &str) {
    for kind in TableKind::ALL {
        let (e, p) = (expected.table(kind), parsed.table(kind));
        let (Some(e), Some(p)) = (e, p) else {
            assert_eq!(
                e.is_some(),
                p.is_some(),
                "{context}: table {kind} present in one only"
            );
            continue;
        };
        if kind != TableKind::Appeals {
            assert_eq!(p.template, e.template, "{context}: template of {kind}");
        }
        let got: Vec<(String, &str, Option<Decimal>)> = p
            .cells
            .iter()
            .map(|c| (c.address.to_string(), c.kind.as_str(), c.value))
            .collect();
        let want: Vec<(String, &str, Option<Decimal>)> = e
            .cells
            .iter()
            .map(|c| (c.address.to_string(), c.kind.as_str(), c.value))
            .collect();
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g, "{context}: first differing cell of {kind}");
        }
        assert_eq!(want.len(), got.len(), "{context}: cell count of {kind}");
    }
}

#[test]
fn every_layout_reads_back_every_cell_exactly() {
    for template in [Template::V2019, Template::V2021] {
        let report = designed(template);
        for style in Style::ALL {
            let text = render(&report, style);
            let context = format!("{style:?} {template}");
            let parsed = parse_report(&text).unwrap_or_else(|e| panic!("{context}: {e}\n{text}"));
            assert_same_cells(&report, &parsed, &context);
            for t in parsed.tables() {
                assert_eq!(
                    t.layout,
                    layout_of(style),
                    "{context}: layout of {}",
                    t.kind
                );
            }
            assert!(
                parsed.diagnostics.is_empty(),
                "{context}: {:#?}",
                parsed.diagnostics
            );
            assert_eq!(parsed.year(), report.year(), "{context}");
        }
    }
}

/// The value the hand-written `layout-*` cases of `testdata/parse` give each cell: table 二
/// `1000 + 10·row + column`, table 三 `100 + 10·row + column` (rows counted in template order),
/// table 四 `2001…2015`.
fn designed_value(a: Address, template: Template) -> Decimal {
    let rows: Vec<report_model::Row> = report_model::Row::sequence(a.table(), template)
        .filter(|r| !r.is_group())
        .collect();
    let r = rows
        .iter()
        .position(|&r| r == a.row())
        .expect("row in template") as i64;
    let c = a.column_index(template).expect("column in template") as i64;
    Decimal::from(match a.table() {
        TableKind::Proactive => 1000 + 10 * r + c,
        TableKind::Requests => 100 + 10 * r + c,
        TableKind::Appeals => 2001 + 5 * r + c,
    })
}

#[test]
fn hand_written_layouts_read_every_distinct_value() {
    let dir = crate::testdata().join("parse");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("layout-"))
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 4);
    for case in cases {
        let bytes = std::fs::read(case.join("input.txt")).expect("input");
        let (text, report) =
            report_parse::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        for kind in TableKind::ALL {
            let t = report
                .table(kind)
                .unwrap_or_else(|| panic!("{}: table {kind} missing", case.display()));
            assert_eq!(
                t.cells.len(),
                Address::of_template(kind, t.template).count(),
                "{}: {kind}",
                case.display()
            );
            for cell in &t.cells {
                assert_eq!(
                    (cell.kind.as_str(), cell.value),
                    ("number", Some(designed_value(cell.address, t.template))),
                    "{}: {} at {}:{}",
                    case.display(),
                    cell.address,
                    cell.line,
                    cell.column
                );
                // the span is the value's text in the input
                let shown = &text[cell.span.start..cell.span.end];
                assert_eq!(shown, cell.raw, "{}: {}", case.display(), cell.address);
            }
        }
        // the only thing not read is a row the template does not have, and it says so
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.kind == report_model::DiagnosticKind::ExtraRow),
            "{}: {:#?}",
            case.display(),
            report.diagnostics
        );
    }
}

#[test]
fn cells_written_every_way_read_as_cells_md_says() {
    let text = std::fs::read_to_string(
        crate::testdata().join("parse/cells-written-every-way-2019/input.txt"),
    )
    .expect("input");
    let report = parse_report(&text).expect("report");
    let cell = |a: &str| {
        report
            .cell(a.parse().expect("address"))
            .unwrap_or_else(|| panic!("{a} missing"))
    };
    let number = |a: &str, v: &str, unit: Option<&str>| {
        let c = cell(a);
        assert_eq!(
            (
                c.kind.as_str(),
                c.value.map(|d| d.to_string()),
                c.unit.as_deref()
            ),
            ("number", Some(v.to_owned()), unit),
            "{a}"
        );
    };
    number("proactive.regulations.made", "2149", None);
    number("proactive.regulations.published", "0", None); // full-width ０
    number("proactive.regulations.total_published", "3", None); // +3
    number(
        "proactive.normative_documents.total_published",
        "1036",
        None,
    );
    number("proactive.licensing.item_change", "-8", None);
    number("proactive.other_services.item_change", "1036", None); // +1036
    number("proactive.penalties.decisions", "4", Some("件"));
    number("proactive.coercive_measures.previous_items", "5", None); // full-width ５
    number("proactive.fees.item_change", "-1", None); // full-width minus
    number("proactive.procurement.amount", "251000", Some("元"));
    for (a, raw) in [
        ("proactive.other_services.decisions", "—"),
        ("proactive.penalties.previous_items", "无"),
        ("proactive.penalties.item_change", "-"),
        ("proactive.coercive_measures.item_change", "／"),
        ("requests.carried_over.research", "/"),
        ("requests.carried_over.social_welfare", "无"),
        ("requests.carried_over.legal_services", "—"),
        ("requests.carried_over.other_orgs", "-"),
    ] {
        assert_eq!(
            (cell(a).kind.as_str(), cell(a).raw.as_str()),
            ("not_applicable", raw),
            "{a}"
        );
    }
    assert_eq!(
        cell("proactive.coercive_measures.decisions").kind.as_str(),
        "masked"
    );
    assert_eq!(
        cell("requests.carried_over.commercial").kind.as_str(),
        "blank"
    );
    number("requests.carried_over.total", "0", None);
    // text in a value's place is kept, raw, and flagged
    let bad = cell("appeals.review.corrected");
    assert_eq!((bad.kind.as_str(), bad.raw.as_str()), ("invalid", "1 2"));
    assert_eq!(cell("appeals.review.pending").kind.as_str(), "invalid");
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.kind == report_model::DiagnosticKind::InvalidCell
                && d.message.contains("1 2"))
    );

    let text = std::fs::read_to_string(crate::testdata().join("parse/cells-money-2021/input.txt"))
        .expect("input");
    let report = parse_report(&text).expect("report");
    let fee = report
        .cell("proactive.fees.amount".parse().expect("address"))
        .expect("fee");
    assert_eq!(fee.value.map(|d| d.to_string()).as_deref(), Some("0.35"));
    assert_eq!(
        report
            .cell("proactive.licensing.decisions".parse().expect("address"))
            .and_then(|c| c.value),
        Some(Decimal::from(1234))
    );
    // headings of tables 三 and 四 with nothing under them: the tables are absent
    assert!(report.requests.is_none() && report.appeals.is_none());
}

#[test]
fn glued_digits_are_split_by_the_totals_or_not_at_all() {
    let text = std::fs::read_to_string(crate::testdata().join("parse/glued-digits-2021/input.txt"))
        .expect("input");
    let report = parse_report(&text).expect("report");
    for t in report.tables() {
        assert_eq!(t.layout, Layout::Glued, "{}", t.kind);
    }
    let values = |row: &str| -> Vec<Option<i64>> {
        Address::of_template(TableKind::Requests, Template::V2021)
            .filter(|a| {
                a.to_string().starts_with(&format!("requests.{row}.")) && a.row().def().key == row
            })
            .map(|a| {
                report
                    .cell(a)
                    .and_then(|c| c.value)
                    .map(|v| v.mantissa() as i64)
            })
            .collect()
    };
    // the row total decides: 1520000017 is 15, 2, 0, 0, 0, 0, 17 (however the extra zero is read)
    assert_eq!(values("received"), [15, 2, 0, 0, 0, 0, 17].map(Some));
    // the next row's number stuck to the run is given back: …国家秘密00000002.其他法律…
    assert_eq!(values("withheld.state_secret"), [0; 7].map(Some));
    assert_eq!(values("withheld.prohibited_by_law"), [0; 7].map(Some));
    // two splits fit 212003026: both reported, nothing placed
    let fwd = report
        .cell("requests.carried_forward.total".parse().expect("address"))
        .expect("cell");
    assert_eq!(
        (fwd.kind.as_str(), fwd.raw.as_str()),
        ("ambiguous", "212003026")
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("212003026"))
        .expect("diagnostic");
    assert!(
        d.message.contains("2,1,20,0,3,0,26") && d.message.contains("21,2,0,0,3,0,26"),
        "{}",
        d.message
    );
    assert_eq!(d.cells.len(), 7);
    // table 四: three blocks, each total the sum of its four
    let appeals: Vec<i64> = report
        .appeals
        .as_ref()
        .expect("四")
        .cells
        .iter()
        .map(|c| c.value.map_or(-1, |v| v.mantissa() as i64))
        .collect();
    assert_eq!(appeals, [1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    // table 二 has no totals: 305 into three cells is certain, 1208 is not
    let cell = |a: &str| report.cell(a.parse().expect("address")).expect("cell");
    assert_eq!(
        cell("proactive.regulations.in_force").value,
        Some(Decimal::from(5))
    );
    assert_eq!(
        cell("proactive.normative_documents.issued").kind.as_str(),
        "ambiguous"
    );
    assert_eq!(
        cell("proactive.licensing.decisions").value,
        Some(Decimal::from(2149))
    );
    // every placed cell points at its digits
    for c in report.cells().filter(|c| c.value.is_some()) {
        assert_eq!(&text[c.span.start..c.span.end], c.raw, "{}", c.address);
    }
}

#[test]
fn a_hundred_thousand_digit_run_is_refused_not_searched() {
    let run = "7".repeat(100_000);
    let text = format!(
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{run}二、上年结转政府信息公开申请数量0000000\n"
    );
    let report = parse_report(&text).expect("report");
    let c = report
        .cell("requests.received.total".parse().expect("address"))
        .expect("cell");
    // the cell points at the whole run; its raw text and the message quote its start only
    assert_eq!(c.kind.as_str(), "ambiguous");
    assert_eq!(c.span.end - c.span.start, 100_000);
    assert!(c.raw.chars().count() <= 65, "{}", c.raw.len());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("无论怎样拆分"))
        .expect("diagnostic");
    assert!(d.message.len() < 400);
    assert_eq!(
        report
            .cell("requests.carried_over.total".parse().expect("address"))
            .and_then(|c| c.value),
        Some(Decimal::ZERO)
    );
}

#[test]
fn glued_runs_the_row_total_leaves_open_are_decided_by_the_balance() {
    // 四 `212003026` is 2,1,20,0,3,0,26 or 21,2,0,0,3,0,26 by its row total alone; the printed
    // balance 一 + 二 = （七） + 四 (here 1,1,20,0,3,0,25 + 1,0,0,0,0,0,1 = 0 + 四) decides.
    let labels: Vec<String> = report_model::Row::sequence(TableKind::Requests, Template::V2021)
        .map(|r| r.label().to_owned())
        .collect();
    let mut line = String::new();
    let mut data = 0;
    for (i, label) in labels.iter().enumerate() {
        line.push_str(label);
        let is_group = report_model::Row::sequence(TableKind::Requests, Template::V2021)
            .nth(i)
            .is_some_and(|r| r.is_group());
        if is_group {
            continue;
        }
        line.push_str(match data {
            0 => "112003025",
            1 => "1000001",
            24 => "212003026",
            _ => "0000000",
        });
        data += 1;
    }
    let text = format!("三、收到和处理政府信息公开申请情况\n{line}\n");
    let report = parse_report(&text).expect("report");
    let row = |key: &str| -> Vec<Option<Decimal>> {
        report_model::Row::by_key(TableKind::Requests, key)
            .expect("row")
            .cells(Template::V2021)
            .map(|a| report.cell(a).and_then(|c| c.value))
            .collect()
    };
    assert_eq!(
        row("carried_forward"),
        [2, 1, 20, 0, 3, 0, 26].map(|v| Some(Decimal::from(v)))
    );
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("212003026")),
        "{:#?}",
        report.diagnostics
    );
    let cell = report
        .cell(
            "requests.carried_forward.research"
                .parse()
                .expect("address"),
        )
        .expect("cell");
    assert_eq!(&text[cell.span.start..cell.span.end], "20");
}

#[test]
fn glued_rows_of_distinct_values_split_exactly_in_both_templates() {
    // testdata/tools/make_glued_cases.py chose every value of tables 三 and 四 distinct and
    // non-zero, each row's digits splitting one way only under its totals.
    for (case, template) in [
        ("glued-distinct-2019", Template::V2019),
        ("glued-distinct-2021", Template::V2021),
    ] {
        let text =
            std::fs::read_to_string(crate::testdata().join("parse").join(case).join("input.txt"))
                .expect("input");
        let report = parse_report(&text).expect("report");
        for kind in [TableKind::Requests, TableKind::Appeals] {
            let t = report.table(kind).expect("table");
            assert_eq!(
                (t.template, t.layout),
                (
                    if kind == TableKind::Appeals {
                        t.template
                    } else {
                        template
                    },
                    Layout::Glued
                )
            );
            assert_eq!(
                t.cells.len(),
                Address::of_template(kind, template).count(),
                "{case} {kind}"
            );
            let mut seen = std::collections::BTreeSet::new();
            for c in &t.cells {
                let v = c
                    .value
                    .unwrap_or_else(|| panic!("{case}: {} not a number", c.address));
                assert!(
                    v > Decimal::ZERO && seen.insert(v),
                    "{case}: {} = {v} repeats or is zero",
                    c.address
                );
                assert_eq!(
                    &text[c.span.start..c.span.end],
                    v.to_string(),
                    "{case}: {}",
                    c.address
                );
            }
            // the cells of a row (a block of table 四) stand side by side and cover its digits
            for pair in t.cells.windows(2) {
                if pair[0].address.row() == pair[1].address.row() {
                    assert_eq!(
                        pair[0].span.end, pair[1].span.start,
                        "{case}: {} {}",
                        pair[0].address, pair[1].address
                    );
                }
            }
        }
        // nothing but the missing sections, and the note that the rows were split by their totals
        assert!(
            report.diagnostics.iter().all(|d| matches!(
                d.kind,
                report_model::DiagnosticKind::MissingSection
                    | report_model::DiagnosticKind::Reconstructed
            )),
            "{case}: {:#?}",
            report.diagnostics
        );
    }
}

/// A page as browsers take it (issue: a quoted `>` in the cells' attributes lost 179 of 200
/// cells): the designed report written as HTML, then every cell given an attribute holding `>`,
/// comments holding `<table>` and rows, a `<script>` and a `<style>` whose bodies hold markup,
/// every tag in upper case, every `</td>` dropped, and labels written with references
/// (`&ldquo;`, `&#x4E09;`, `&nbsp;`): every cell read exactly, and every character accounted for.
#[test]
fn html_as_browsers_take_it_reads_every_cell() {
    for template in [Template::V2019, Template::V2021] {
        let report = designed(template);
        let page = render(&report, Style::Html);
        let page = page
            .replace("<td", "<td data-note=\"a > b\" title='x>y'")
            .replace("</td>", "")
            .replace(
                "<table",
                "<!-- <table><tr><td>999</td></tr></table> --><script>var t = \"<table><tr><td>1</td>\";</script><style>td > p { color: red }</style><table",
            )
            .replace("“", "&ldquo;")
            .replace("”", "&rdquo;")
            .replace("三安全", "&#x4E09;安全");
        let page = uppercase_tags(&page);
        let parsed = parse_report(&page).unwrap_or_else(|e| panic!("{template}: {e}"));
        assert_same_cells(&report, &parsed, &format!("{template} browser HTML"));
        crate::accounted::assert_accounted(&page, &parsed, &format!("{template} browser HTML"));
        for t in parsed.tables() {
            assert_eq!(t.layout, Layout::Html, "{template}");
        }
    }
}

/// Tags (not their attributes' values) in upper case: `<td data-note="a > b">` → `<TD …>`.
fn uppercase_tags(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
            .map_or(rest.len() - 1, |n| n);
        out.push('<');
        out.push_str(&rest[1..1 + name_len].to_ascii_uppercase());
        rest = &rest[1 + name_len..];
    }
    out.push_str(rest);
    out
}
