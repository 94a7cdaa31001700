//! Writes generated reports for trying `gov-report batch` on an archive:
//!
//! ```text
//! cargo run --release -p report-cli --example generate -- DIR COUNT
//! ```
//!
//! Every layout `report-render` writes (pipes, tabs, markdown, aligned columns, HTML) and both
//! templates, random values with some blank, `/` and masked cells, 200 issuing bodies over the
//! years 2019–2025 (so that a batch finds consecutive years of one body). Deterministic: the same
//! COUNT gives the same files.

use std::path::PathBuf;

use report_model::{
    Address, Cell, CellKind, Decimal, Layout, Located, Position, Report, Span, Table, TableKind,
    Template, ValueType,
};
use report_render::{Style, render};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn report(rng: &mut Rng, n: usize) -> Report {
    let body = format!("某某县第{}局", n % 200 + 1);
    let year = 2019 + (n / 200 % 7) as i32;
    let template = if year >= 2021 {
        Template::V2021
    } else {
        Template::V2019
    };
    let mut report = Report::default();
    let at = || (Span::default(), Position::default());
    report.metadata.year = Some(Located::new(year, at().0, at().1));
    report.metadata.title = Some(Located::new(
        format!("{body}{year}年政府信息公开工作年度报告"),
        at().0,
        at().1,
    ));
    for kind in TableKind::ALL {
        let cells: Vec<Cell> = Address::of_template(kind, template)
            .map(|a| {
                let roll = rng.below(100);
                if roll < 3 {
                    Cell::new(a, CellKind::Blank, "", at().0, at().1)
                } else if roll < 6 {
                    Cell::new(a, CellKind::NotApplicable, "/", at().0, at().1)
                } else {
                    let v = Decimal::from(rng.below(40) as i64);
                    let v = match a.value_type() {
                        ValueType::Amount => v + Decimal::new(rng.below(100) as i64, 2),
                        _ => v,
                    };
                    Cell::number(a, v, None, v.to_string(), at().0, at().1)
                }
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

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: generate DIR COUNT");
        std::process::exit(2);
    };
    let count: usize = count.parse().unwrap_or(0);
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..count {
        let r = report(&mut rng, n);
        let style = Style::ALL[n % Style::ALL.len()];
        let ext = match style {
            Style::Markdown => "md",
            Style::Html => "html",
            _ => "txt",
        };
        // one directory per hundred files, as archives are kept
        let sub = dir.join(format!("{:03}", n / 100));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("{n:06}.{ext}")), render(&r, style))?;
    }
    Ok(())
}
