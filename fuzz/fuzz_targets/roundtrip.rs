//! A report made from the fuzzer's bytes (every equation of tables 三 and 四 holding, so that a
//! wrong split cannot pass for a right one), written in a layout the bytes choose, damaged the
//! ways real text is (line breaks made spaces, the separators between a row's values dropped,
//! repeated lines dropped), parsed back: no cell the parser states as a number may differ from
//! the original. Cells it cannot read may be anything but a number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_model::{
    Address, Cell, Decimal, Layout, Located, Position, Report, Row, Span, Table, TableKind,
    Template, ValueType,
};
use report_render::{Style, render};

struct Bytes<'a>(&'a [u8], usize);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let b = self.0.get(self.1).copied().unwrap_or(0);
        self.1 += 1;
        b
    }
}

fn number(a: Address, v: i64) -> Cell {
    let v = match a.value_type() {
        ValueType::Amount => Decimal::new(v * 100 + 25, 2),
        _ => Decimal::from(v),
    };
    Cell::number(a, v, None, v.to_string(), Span::default(), Position::default())
}

fn report(b: &mut Bytes<'_>) -> Report {
    let template = if b.next() % 2 == 0 {
        Template::V2019
    } else {
        Template::V2021
    };
    let year = if template == Template::V2019 { 2020 } else { 2023 };
    let mut values = std::collections::BTreeMap::new();
    let rows: Vec<Row> = Row::sequence(TableKind::Requests, template)
        .filter(|r| !r.is_group())
        .collect();
    let mut column = [0i64; 6];
    for r in &rows {
        if matches!(
            r.def().key,
            "received" | "carried_over" | "total" | "carried_forward"
        ) {
            continue;
        }
        let cells: Vec<Address> = r.cells(template).collect();
        let mut sum = 0;
        for (c, &a) in cells.iter().take(6).enumerate() {
            let v = i64::from(b.next() % 32);
            values.insert(a, v);
            column[c] += v;
            sum += v;
        }
        values.insert(cells[6], sum);
    }
    let row = |k: &str| -> Vec<Address> {
        Row::by_key(TableKind::Requests, k)
            .map(|r| r.cells(template).collect())
            .unwrap_or_default()
    };
    let (received, over, total, forward) =
        (row("received"), row("carried_over"), row("total"), row("carried_forward"));
    let mut sums = [0i64; 4];
    for c in 0..6 {
        let f = i64::from(b.next() % 16);
        let o = i64::from(b.next() % 16).min(column[c] + f);
        for (i, (cells, v)) in [
            (&total, column[c]),
            (&forward, f),
            (&over, o),
            (&received, column[c] + f - o),
        ]
        .into_iter()
        .enumerate()
        {
            values.insert(cells[c], v);
            sums[i] += v;
        }
    }
    for (i, cells) in [&total, &forward, &over, &received].into_iter().enumerate() {
        values.insert(cells[6], sums[i]);
    }
    let mut report = Report::default();
    report.metadata.year = Some(Located::new(year, Span::default(), Position::default()));
    report.metadata.title = Some(Located::new(
        format!("{year}年某某县某某局政府信息公开工作年度报告"),
        Span::default(),
        Position::default(),
    ));
    for kind in TableKind::ALL {
        let mut appeal = Vec::new();
        if kind == TableKind::Appeals {
            for _ in 0..3 {
                let block: Vec<i64> = (0..4).map(|_| i64::from(b.next() % 16)).collect();
                appeal.extend(block.iter().copied());
                appeal.push(block.iter().sum());
            }
        }
        let mut appeal = appeal.into_iter();
        let cells: Vec<Cell> = Address::of_template(kind, template)
            .map(|a| match kind {
                TableKind::Requests => number(a, values.get(&a).copied().unwrap_or(0)),
                TableKind::Appeals => number(a, appeal.next().unwrap_or(0)),
                TableKind::Proactive => number(a, i64::from(b.next())),
            })
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

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data, 0);
    let original = report(&mut b);
    let style = Style::ALL[usize::from(b.next()) % Style::ALL.len()];
    let mut text = render(&original, style);
    let damage = b.next();
    if style != Style::Html {
        if damage & 1 != 0 {
            text = text.replace('\n', " ");
        }
        if damage & 2 != 0 {
            // the separators between values dropped where the bytes say
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len());
            for (i, &c) in chars.iter().enumerate() {
                let between = i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit);
                if c == ' ' && between && b.next() % 3 == 0 {
                    continue;
                }
                out.push(c);
            }
            text = out;
        }
        if damage & 4 != 0 {
            // a crawler's dropped repeated lines
            let mut out: Vec<&str> = Vec::new();
            for l in text.lines() {
                if out.last() != Some(&l) {
                    out.push(l);
                }
            }
            text = out.join("\n");
        }
    }
    let Ok(parsed) = report_parse::parse_report(&text) else {
        return;
    };
    for cell in parsed.cells() {
        if let Some(v) = cell.number_value()
            && let Some(o) = original.cell(cell.address)
        {
            assert_eq!(Some(v), o.number_value(), "{} in {style:?}, damage {damage}\n{text}", cell.address);
        }
    }
});
