//! The rules within one report's tables (FORMAT.md §5): arithmetic, value types, templates,
//! completeness.

use report_model::{
    Address, Cell, CellKind, Decimal, Report, Row, SectionKind, Table, TableKind, Template,
    ValueType,
};

use crate::finding::{Finding, Severity};

/// The rows of table 二 (2019) that count items: 上一年项目数量 and 本年增/减.
pub(crate) const ITEM_ROWS: [&str; 5] = [
    "licensing",
    "other_services",
    "penalties",
    "coercive_measures",
    "fees",
];

/// The name of a row in an equation: `一`, `（三）1`, `（七）`.
pub(crate) fn short_row(row: Row, template: Template) -> String {
    // the label of the group the row is in: its numbering is made only when it names the row
    let mut group = "";
    for r in Row::sequence(row.table(), template) {
        let label = r.label();
        if r.is_group() {
            group = label;
            continue;
        }
        if r != row {
            continue;
        }
        return match row.table() {
            TableKind::Requests => {
                if let Some(n) = label.chars().next().filter(char::is_ascii_digit) {
                    if group.is_empty() {
                        n.to_string()
                    } else {
                        let numbering = group.split_once('）').map_or(group, |(g, _)| g);
                        format!("{numbering}）{n}")
                    }
                } else if label.starts_with('（') {
                    label.chars().take_while(|&c| c != '）').collect::<String>() + "）"
                } else {
                    label.chars().take_while(|&c| c != '、').collect()
                }
            }
            _ => label.to_owned(),
        };
    }
    row.label().to_owned()
}

/// A term of an equation.
fn term_name(a: Address, template: Template, by_column: bool) -> String {
    if by_column {
        a.column_label().to_owned()
    } else {
        short_row(a.row(), template)
    }
}

/// What evaluating a sum gave.
enum Sum {
    /// Some cell is not in the table at all (a missing row: completeness reports it).
    Absent,
    /// Some cell holds a value the parser could not read (ambiguous, invalid): the parser's
    /// diagnostics and `<table>.not_read` report it; the author is not blamed.
    NotRead,
    /// Some cells are not numbers.
    NotReported(Vec<Address>),
    /// The sum, or `None` on overflow.
    Value(Option<Decimal>),
}

fn sum(table: &Table, cells: &[Address]) -> Sum {
    let mut total = Total::default();
    let mut missing = Vec::new();
    let mut not_read = false;
    // the cells of a row stand one after the other in the table's (sorted) cells, and those
    // of a column as far apart as the row is long: each is looked for first just after the one
    // before, then as far after it as that one was after its own predecessor, and only then by
    // a binary search
    let (mut last, mut gap) = (None::<usize>, 0);
    for &a in cells {
        let guesses = match last {
            Some(l) => [Some(l + 1), (gap > 1).then_some(l + gap)],
            None => [Some(0), None],
        };
        let at = table.cell_index_near(a, guesses.into_iter().flatten());
        if let (Some(i), Some(l)) = (at, last) {
            gap = i.saturating_sub(l);
        }
        let found = at.map(|i| {
            last = Some(i);
            &table.cells[i]
        });
        match found {
            None => return Sum::Absent,
            Some(c) => match c.number_value() {
                Some(v) => total.add(v),
                None if c.is_not_reported() => missing.push(a),
                None => not_read = true,
            },
        }
    }
    if not_read {
        Sum::NotRead
    } else if missing.is_empty() {
        Sum::Value(total.value())
    } else {
        Sum::NotReported(missing)
    }
}

/// A running sum of decimals, as `checked_add` one after the other gives it (`None` once it
/// overflows), the commonest terms (whole numbers, not negative) added as integers.
#[derive(Debug, Clone, Copy)]
enum Total {
    /// So far only whole numbers ≥ 0: their sum, at most `MAX_WHOLE`.
    Whole(u128),
    /// Any other sum, `None` after an overflow.
    Decimal(Option<Decimal>),
}

/// The largest whole number a `Decimal` holds (96 bits).
const MAX_WHOLE: u128 = (1 << 96) - 1;

impl Default for Total {
    fn default() -> Self {
        Total::Whole(0)
    }
}

impl Total {
    fn add(&mut self, v: Decimal) {
        *self = match *self {
            // a whole number, not negative (a `-0` goes the long way: its sign is kept as
            // `checked_add` keeps it)
            Total::Whole(t) if v.scale() == 0 && v.is_sign_positive() => {
                let sum = t + v.mantissa().unsigned_abs();
                if sum <= MAX_WHOLE {
                    Total::Whole(sum)
                } else {
                    Total::Decimal(None)
                }
            }
            other => Total::Decimal(other.value().and_then(|t| t.checked_add(v))),
        }
    }

    fn value(self) -> Option<Decimal> {
        match self {
            // at most 96 bits: always a Decimal
            Total::Whole(t) => Decimal::try_from_i128_with_scale(t as i128, 0).ok(),
            Total::Decimal(d) => d,
        }
    }
}

/// The cells of `table` at `addresses` (sorted, as a table's cells are): each looked for first
/// just after the one found before it, then by a binary search.
fn cells_at<'t>(
    table: &'t Table,
    addresses: &'t [Address],
) -> impl Iterator<Item = (Address, Option<&'t Cell>)> + 't {
    let mut next = 0;
    addresses.iter().map(move |&a| {
        let at = table.cell_index_near(a, [next]);
        if let Some(i) = at {
            next = i + 1;
        }
        (a, at.map(|i| &table.cells[i]))
    })
}

fn show(table: &Table, a: Address) -> String {
    table
        .cell(a)
        .and_then(Cell::number_value)
        .map_or("?".into(), |v| v.normalize().to_string())
}

/// Collects, per rule, the cells that made instances inconclusive.
#[derive(Default)]
pub(crate) struct Inconclusive {
    /// (rule, table, instances, cells): the cells gathered as they come, sorted and without
    /// repeats when the findings are made (a set kept sorted on every insertion cost more).
    by_rule: Vec<(String, TableKind, usize, Vec<Address>)>,
    /// Instances whose sums exceed what can be computed: (rule, table, cells).
    overflow: Vec<(String, TableKind, Vec<Address>)>,
}

impl Inconclusive {
    fn add(&mut self, rule: &str, table: TableKind, cells: Vec<Address>) {
        match self.by_rule.iter_mut().find(|(r, _, _, _)| r == rule) {
            Some((_, _, n, set)) => {
                *n += 1;
                set.extend(cells);
            }
            None => self.by_rule.push((rule.to_owned(), table, 1, cells)),
        }
    }

    fn overflowed(&mut self, rule: &str, table: TableKind, cells: Vec<Address>) {
        self.overflow.push((rule.to_owned(), table, cells));
    }

    pub(crate) fn findings(self, report: &Report, out: &mut Vec<Finding>) {
        for (rule, kind, cells) in &self.overflow {
            let Some(table) = report.table(*kind) else {
                continue;
            };
            let message = format!(
                "表{}中“{}”的核对无法进行：单元格之和超出可计算的范围（约 7.9×10^28），请核对这些数值",
                numeral(*kind),
                rule
            );
            let mut f = Finding::new(&format!("{rule}.overflow"), Severity::Warning, message)
                .with_cells(cells.iter().map(|&a| (a, table.cell(a))));
            if let Some(c) = cells.first().and_then(|&a| table.cell(a)) {
                f = f.at(c.span, c.line, c.column);
            }
            out.push(f);
        }
        for (rule, kind, n, mut cells) in self.by_rule {
            let Some(table) = report.table(kind) else {
                continue;
            };
            // in address order, each once
            cells.sort_unstable();
            cells.dedup();
            let names: Vec<String> = cells
                .iter()
                .take(6)
                .map(|a| {
                    format!(
                        "{} × {}",
                        short_row(a.row(), table.template),
                        a.column_label()
                    )
                })
                .collect();
            let more = if cells.len() > 6 {
                format!("等{}个单元格", cells.len())
            } else {
                String::new()
            };
            let what = match rule.as_str() {
                "requests.balance" => "第一项加第二项之和等于第三项加第四项之和",
                "requests.row_total" => "总计等于各类申请人之和",
                "requests.outcome_total" => "（七）总计等于各项办理结果之和",
                "appeals.block_total" => "总计等于各项结果之和",
                other => other,
            };
            let message = format!(
                "表{}有{}处“{}”的核对因单元格未填报（空白、“/”、“-”或遮盖）而无法进行，涉及{}{}。未填报不等于0，请填写实际数值（无则填0）",
                numeral(kind),
                n,
                what,
                names.join("、"),
                more
            );
            out.push(
                Finding::new(&format!("{rule}.not_reported"), Severity::Info, message)
                    .with_cells(cells_at(table, &cells)),
            );
        }
    }
}

pub(crate) fn numeral(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Proactive => "二",
        TableKind::Requests => "三",
        TableKind::Appeals => "四",
    }
}

/// The two sides of an equation, when every cell of both is a number. A cell not reported makes
/// the equation inconclusive (recorded for `rule`); a cell absent (a missing row) makes it moot.
fn compare(
    table: &Table,
    rule: &str,
    lhs: &[Address],
    rhs: &[Address],
    inconclusive: &mut Inconclusive,
) -> Option<(Decimal, Decimal)> {
    match (sum(table, lhs), sum(table, rhs)) {
        (Sum::Absent, _) | (_, Sum::Absent) | (Sum::NotRead, _) | (_, Sum::NotRead) => None,
        (Sum::NotReported(mut a), Sum::NotReported(b)) => {
            a.extend(b);
            inconclusive.add(rule, table.kind, a);
            None
        }
        (Sum::NotReported(a), _) | (_, Sum::NotReported(a)) => {
            inconclusive.add(rule, table.kind, a);
            None
        }
        (Sum::Value(Some(l)), Sum::Value(Some(r))) => Some((l, r)),
        (Sum::Value(_), Sum::Value(_)) => {
            // a side too large to compute: said, never skipped
            let mut cells = lhs.to_vec();
            cells.extend_from_slice(rhs);
            inconclusive.overflowed(rule, table.kind, cells);
            None
        }
    }
}

/// Checks `total = Σ parts`. `by_column` names the terms by column (a row total) rather than by
/// row (a column total).
#[allow(clippy::too_many_arguments)]
fn total_rule(
    table: &Table,
    rule: &str,
    total: Address,
    parts: &[Address],
    by_column: bool,
    what: &dyn Fn() -> String,
    inconclusive: &mut Inconclusive,
    out: &mut Vec<Finding>,
) {
    let Some((expected, actual)) = compare(table, rule, parts, &[total], inconclusive) else {
        return;
    };
    if expected == actual {
        return;
    }
    let mut all = vec![total];
    all.extend_from_slice(parts);
    let terms: Vec<String> = parts
        .iter()
        .map(|&a| {
            format!(
                "{} {}",
                term_name(a, table.template, by_column),
                show(table, a)
            )
        })
        .collect();
    let equation = format!(
        "{} = {} ≠ {} {}",
        terms.join(" + "),
        expected.normalize(),
        term_name(total, table.template, by_column),
        actual.normalize()
    );
    let message = format!(
        "表{}{}：{}为{}，但各分项之和为{}。请核对各分项与合计",
        numeral(table.kind),
        what(),
        term_name(total, table.template, by_column),
        actual.normalize(),
        expected.normalize()
    );
    out.push(
        Finding::new(rule, Severity::Error, message)
            .with_cells(all.iter().map(|&a| (a, table.cell(a))))
            .arithmetic(equation, expected, actual),
    );
}

/// Table 三: T3-1, T3-2, T3-3/T3-3′.
pub(crate) fn requests(report: &Report, inconclusive: &mut Inconclusive, out: &mut Vec<Finding>) {
    let Some(t) = report.requests.as_ref() else {
        return;
    };
    let row = |key: &str| Row::by_key(TableKind::Requests, key);
    let col_of = |r: Option<Row>, c: usize| r.and_then(|r| r.cells(t.template).nth(c));
    // the rows of the rules, looked up once
    let (received, carried_over, total_row, carried_forward) = (
        row("received"),
        row("carried_over"),
        row("total"),
        row("carried_forward"),
    );
    // T3-1: 一 + 二 = （七） + 四, every column.
    for c in 0..7 {
        let (Some(a), Some(b), Some(total), Some(fwd)) = (
            col_of(received, c),
            col_of(carried_over, c),
            col_of(total_row, c),
            col_of(carried_forward, c),
        ) else {
            continue;
        };
        let Some((l, r)) = compare(t, "requests.balance", &[a, b], &[total, fwd], inconclusive)
        else {
            continue;
        };
        if l == r {
            continue;
        }
        let equation = format!(
            "一 {} + 二 {} = {} ≠ （七） {} + 四 {} = {}",
            show(t, a),
            show(t, b),
            l.normalize(),
            show(t, total),
            show(t, fwd),
            r.normalize()
        );
        let message = format!(
            "表三「{}」列不平衡：第一项加第二项之和（{}）应等于第三项（七）总计加第四项之和（{}）",
            a.column_label(),
            l.normalize(),
            r.normalize()
        );
        out.push(
            Finding::new("requests.balance", Severity::Error, message)
                .with_cells([total, fwd, a, b].map(|x| (x, t.cell(x))))
                .arithmetic(equation, l, r),
        );
    }
    // T3-2: every row's 总计 is the sum of its six applicant columns.
    let rows = Row::sequence(TableKind::Requests, t.template).filter(|r| !r.is_group());
    row_totals(
        t,
        "requests.row_total",
        rows,
        |r| format!("「{}」行", r.label()),
        inconclusive,
        out,
    );
    // T3-3 / T3-3′: （七）总计 is the sum of the outcome rows, every column.
    let outcomes: Vec<Row> = Row::sequence(TableKind::Requests, t.template)
        .filter(|r| !r.is_group())
        .filter(|r| {
            !matches!(
                r.def().key,
                "received" | "carried_over" | "total" | "carried_forward"
            )
        })
        .collect();
    for c in 0..7 {
        let Some(total) = col_of(total_row, c) else {
            continue;
        };
        let parts: Vec<Address> = outcomes
            .iter()
            .filter_map(|r| r.cells(t.template).nth(c))
            .collect();
        let what = || format!("「{}」列（七）总计", total.column_label());
        total_rule(
            t,
            "requests.outcome_total",
            total,
            &parts,
            false,
            &what,
            inconclusive,
            out,
        );
    }
}

/// Table 四: T4-1.
pub(crate) fn appeals(report: &Report, inconclusive: &mut Inconclusive, out: &mut Vec<Finding>) {
    let Some(t) = report.appeals.as_ref() else {
        return;
    };
    let blocks = Row::all(TableKind::Appeals);
    row_totals(
        t,
        "appeals.block_total",
        blocks,
        |r| format!("「{}」", r.label()),
        inconclusive,
        out,
    );
}

/// Each of `rows`: its last cell is the sum of the others (T3-2, T4-1).
fn row_totals(
    t: &Table,
    rule: &str,
    rows: impl Iterator<Item = Row>,
    what: impl Fn(Row) -> String,
    inconclusive: &mut Inconclusive,
    out: &mut Vec<Finding>,
) {
    // one buffer for every row's cells
    let mut cells: Vec<Address> = Vec::new();
    for r in rows {
        cells.clear();
        cells.extend(r.cells(t.template));
        if let Some((&total, parts)) = cells.split_last() {
            total_rule(t, rule, total, parts, true, &|| what(r), inconclusive, out);
        }
    }
}

/// Value types of every table: T3-4, T4-2, and the counts of table 二.
pub(crate) fn value_types(report: &Report, out: &mut Vec<Finding>) {
    for t in report.tables() {
        let rule = match t.kind {
            TableKind::Proactive => "proactive.value_type",
            TableKind::Requests => "requests.non_negative_integer",
            TableKind::Appeals => "appeals.non_negative_integer",
        };
        for cell in &t.cells {
            let Some(v) = cell.number_value() else {
                continue;
            };
            let problem = match cell.address.value_type() {
                ValueType::Count if v.is_sign_negative() && !v.is_zero() => Some("不能为负数"),
                // (a number without decimals has no fraction: told without computing it)
                ValueType::Count | ValueType::SignedCount
                    if v.scale() > 0 && !v.fract().is_zero() =>
                {
                    Some("应为整数")
                }
                ValueType::Amount if v.is_sign_negative() && !v.is_zero() => Some("不能为负数"),
                _ => None,
            };
            if let Some(problem) = problem {
                let message = format!(
                    "表{}「{} × {}」为{}，{}",
                    numeral(t.kind),
                    cell.address.row_label(),
                    cell.address.column_label(),
                    v.normalize(),
                    problem
                );
                out.push(
                    Finding::new(rule, Severity::Error, message)
                        .with_cells([(cell.address, Some(cell))]),
                );
            }
        }
    }
}

fn cell_pair<'a>(
    t: &'a Table,
    row: &str,
    a: &str,
    b: &str,
) -> Option<(&'a Cell, &'a Cell, Decimal, Decimal)> {
    let r = Row::by_key(TableKind::Proactive, row)?;
    let find = |k: &str| {
        r.cells(t.template)
            .find(|x| x.column_key() == k)
            .and_then(|x| t.cell(x))
    };
    let (ca, cb) = (find(a)?, find(b)?);
    Some((ca, cb, ca.number_value()?, cb.number_value()?))
}

/// Table 二: T2-19-1…4, T2-21-1…2.
pub(crate) fn proactive(report: &Report, out: &mut Vec<Finding>) {
    let Some(t) = report.proactive.as_ref() else {
        return;
    };
    let push = |out: &mut Vec<Finding>,
                rule: &str,
                sev: Severity,
                msg: String,
                cells: [&Cell; 2],
                eq: Option<(String, Decimal, Decimal)>| {
        let mut f = Finding::new(rule, sev, msg).with_cells(cells.map(|c| (c.address, Some(c))));
        if let Some((e, x, y)) = eq {
            f = f.arithmetic(e, x, y);
        }
        out.push(f);
    };
    match t.template {
        Template::V2019 => {
            for row in ITEM_ROWS {
                let Some((prev, change, p, c)) = cell_pair(t, row, "previous_items", "item_change")
                else {
                    continue;
                };
                let Some(now) = p.checked_add(c) else {
                    continue;
                };
                if now.is_sign_negative() && !now.is_zero() {
                    let msg = format!(
                        "表二「{}」：上一年项目数量{}加本年增/减{}为负数，项目数量不能小于0",
                        prev.address.row_label(),
                        p,
                        c
                    );
                    let eq = format!("上一年项目数量 {p} + 本年增/减 {c} = {now} < 0");
                    push(
                        out,
                        "proactive.items_non_negative",
                        Severity::Error,
                        msg,
                        [prev, change],
                        Some((eq, Decimal::ZERO, now)),
                    );
                }
            }
            for row in ["regulations", "normative_documents"] {
                if let Some((total, published, tv, pv)) =
                    cell_pair(t, row, "total_published", "published")
                    && tv < pv
                {
                    let msg = format!(
                        "表二「{}」：对外公开总数量（{tv}）小于本年新公开数量（{pv}），总数量应包含本年新公开的文件",
                        total.address.row_label()
                    );
                    let eq = format!("对外公开总数量 {tv} < 本年新公开数量 {pv}");
                    push(
                        out,
                        "proactive.total_published_ge_published",
                        Severity::Info,
                        msg,
                        [total, published],
                        Some((eq, pv, tv)),
                    );
                }
                if let Some((published, made, pv, mv)) = cell_pair(t, row, "published", "made")
                    && pv > mv
                {
                    let msg = format!(
                        "表二「{}」：本年新公开数量（{pv}）大于本年新制作数量（{mv}），请确认是否公开了往年制作的文件",
                        published.address.row_label()
                    );
                    let eq = format!("本年新公开数量 {pv} > 本年新制作数量 {mv}");
                    push(
                        out,
                        "proactive.published_le_made",
                        Severity::Info,
                        msg,
                        [published, made],
                        Some((eq, mv, pv)),
                    );
                }
            }
            if let Some((projects, amount, n, a)) =
                cell_pair(t, "procurement", "projects", "amount")
                && (n.is_zero() != a.is_zero())
            {
                let msg = format!(
                    "表二「政府集中采购」：采购项目数量为{n}而采购总金额为{a}，两者应同时为0或同时不为0"
                );
                push(
                    out,
                    "proactive.procurement_consistency",
                    Severity::Info,
                    msg,
                    [projects, amount],
                    None,
                );
            }
        }
        Template::V2021 => {
            for row in ["regulations", "normative_documents"] {
                if let Some((in_force, issued, fv, iv)) = cell_pair(t, row, "in_force", "issued")
                    && fv < iv
                {
                    let msg = format!(
                        "表二「{}」：现行有效件数（{fv}）小于本年制发件数（{iv}），除非本年制发的文件又在本年废止",
                        in_force.address.row_label()
                    );
                    let eq = format!("现行有效件数 {fv} < 本年制发件数 {iv}");
                    push(
                        out,
                        "proactive.in_force_ge_issued",
                        Severity::Info,
                        msg,
                        [in_force, issued],
                        Some((eq, iv, fv)),
                    );
                }
            }
        }
    }
    // Money: a unit of 元 written in the cell, or an amount too large to be 万元.
    for cell in t
        .cells
        .iter()
        .filter(|c| c.address.value_type() == ValueType::Amount)
    {
        let Some(v) = cell.number_value() else {
            continue;
        };
        let unit_yuan = cell.unit.as_deref() == Some("元");
        if unit_yuan || v >= Decimal::from(100_000) {
            let why = if unit_yuan {
                "单元格写明单位为“元”"
            } else {
                "数值过大"
            };
            let msg = format!(
                "表二「{} × {}」为{}{}，{}；本栏单位为万元，请确认是否误以元填报",
                cell.address.row_label(),
                cell.address.column_label(),
                v.normalize(),
                cell.unit.as_deref().unwrap_or(""),
                why
            );
            out.push(
                Finding::new("proactive.amount_unit", Severity::Info, msg)
                    .with_cells([(cell.address, Some(cell))]),
            );
        }
    }
}

/// Missing sections, tables and rows; tables mostly not reported.
pub(crate) fn completeness(report: &Report, out: &mut Vec<Finding>) {
    let end = report
        .sections
        .last()
        .map(|s| (s.body.span, s.body.line))
        .or(report.preamble.as_ref().map(|p| (p.span, p.line)));
    for kind in SectionKind::ALL {
        if report.section(kind).is_none() {
            let msg = format!(
                "报告缺少第{}部分「{}」，年度报告的六个部分均不得删减",
                kind.numeral(),
                kind.heading()
            );
            let mut f = Finding::new("completeness.missing_section", Severity::Warning, msg);
            if let Some((span, line)) = end {
                f = f.at(span, line, 1);
            }
            out.push(f);
        }
    }
    for kind in TableKind::ALL {
        let Some(t) = report.table(kind) else {
            if let Some(section) = report.section(kind.section()) {
                let msg = format!(
                    "第{}部分「{}」中未找到统计表",
                    kind.section().numeral(),
                    kind.section().heading()
                );
                out.push(
                    Finding::new("completeness.missing_table", Severity::Warning, msg).at(
                        section.heading.span,
                        section.heading.line,
                        section.heading.column,
                    ),
                );
            }
            continue;
        };
        let missing: Vec<Address> = t.missing().collect();
        if !missing.is_empty() {
            let mut rows: Vec<Row> = missing.iter().map(|a| a.row()).collect();
            rows.dedup();
            let labels: Vec<&str> = rows.iter().map(|r| r.label()).collect();
            let msg = format!(
                "表{}（{}年版）缺少{}行：{}",
                numeral(kind),
                t.template,
                rows.len(),
                labels.join("；")
            );
            let anchor = t.cells.last().map(|c| (c.span, c.line, c.column));
            let mut f = Finding::new("completeness.missing_row", Severity::Warning, msg);
            f.cells = missing;
            if let Some((span, line, column)) = anchor {
                f = f.at(span, line, column);
            }
            out.push(f);
        }
        let not_read: Vec<&Cell> = t
            .cells
            .iter()
            .filter(|c| matches!(c.kind, CellKind::Ambiguous | CellKind::Invalid))
            .collect();
        if let Some(first) = not_read.first() {
            let msg = format!(
                "表{}的{}个单元格中有{}个未能读出（其值在文本中，但无法确定属于哪一格或不是数值，见上文 parse.* 诊断），涉及它们的核对未进行",
                numeral(kind),
                t.cells.len(),
                not_read.len()
            );
            let mut f = Finding::new(&format!("{}.not_read", kind.key()), Severity::Warning, msg)
                .at(first.span, first.line, first.column);
            f.cells = not_read.iter().map(|c| c.address).collect();
            out.push(f);
        }
        let not_reported = t.cells.iter().filter(|c| c.is_not_reported()).count();
        if !t.cells.is_empty() && not_reported * 2 > t.cells.len() {
            let msg = format!(
                "表{}的{}个单元格中有{}个未填报（空白、“/”或遮盖），无法核对；没有发生的事项应填0",
                numeral(kind),
                t.cells.len(),
                not_reported
            );
            let first = t.cells.iter().find(|c| c.is_not_reported());
            let mut f = Finding::new(
                &format!("{}.mostly_not_reported", kind.key()),
                Severity::Warning,
                msg,
            );
            if let Some(c) = first {
                f = f.at(c.span, c.line, c.column);
            }
            out.push(f);
        }
    }
}

/// A table on the 2019 template in a report for 2021 or later, and the reverse.
pub(crate) fn templates(report: &Report, out: &mut Vec<Finding>) {
    let Some(year) = report.year() else { return };
    for t in report.tables().filter(|t| t.kind != TableKind::Appeals) {
        let expected = Template::for_year(year);
        if t.template == expected {
            continue;
        }
        let what = match (t.kind, t.template) {
            (TableKind::Proactive, Template::V2019) => {
                "（仍用“本年新制作数量/本年新公开数量/对外公开总数量”“上一年项目数量/本年增/减”等栏目和第二十条第（九）项政府集中采购；2021年版为“本年制发件数/本年废止件数/现行有效件数”“本年处理决定数量”“本年收费金额”）"
            }
            (_, Template::V2019) => {
                "（“（六）其他处理”只有一行；2021年版分为逾期不补正、逾期未缴费、其他三行）"
            }
            _ => "",
        };
        let (rule, sev, msg) = if t.template == Template::V2019 {
            (
                "template.outdated",
                Severity::Error,
                format!(
                    "报告年度为{year}年，表{}仍使用2019年试行格式{what}；{year}年度报告应使用2021年修订格式（国办公开办函〔2021〕30号）",
                    numeral(t.kind)
                ),
            )
        } else {
            (
                "template.anachronistic",
                Severity::Warning,
                format!(
                    "报告年度为{year}年，表{}却使用2021年修订格式；{year}年度报告应使用2019年试行格式",
                    numeral(t.kind)
                ),
            )
        };
        // at the table's heading when the report has one, else at its first cell
        let mut f = Finding::new(rule, sev, msg);
        if let Some(h) = report.section(t.kind.section()).map(|s| &s.heading) {
            f = f.at(h.span, h.line, h.column);
        } else if let Some(c) = t.cells.first() {
            f = f.at(c.span, c.line, c.column);
        }
        out.push(f);
    }
}

/// Whether a cell kind counts as reported.
pub(crate) fn reported(cell: Option<&Cell>) -> Option<Decimal> {
    cell.filter(|c| c.kind == CellKind::Number)
        .and_then(Cell::number_value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use report_model::{Position, Span};

    /// [`Total`], which adds whole numbers as integers, gives what `checked_add` one after the
    /// other gives, to the scale and the sign: for every sequence of up to three terms among
    /// zeros of either sign, whole numbers, decimals, negatives and the largest values (where
    /// the sums overflow).
    #[test]
    fn totals_are_the_sums_checked_add_gives() {
        let max_whole = Decimal::from_i128_with_scale(MAX_WHOLE as i128, 0);
        let terms = [
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::from(1),
            Decimal::from(37),
            Decimal::new(5, 1),
            Decimal::new(120, 2),
            Decimal::from(-3),
            Decimal::new(-25, 1),
            max_whole,
            max_whole - Decimal::ONE,
            Decimal::from_i128_with_scale(1 << 95, 0),
            Decimal::MIN,
        ];
        let show =
            |d: Option<Decimal>| d.map(|d| (d, d.scale(), d.is_sign_negative(), d.to_string()));
        let n = terms.len();
        for len in 0..=3u32 {
            for k in 0..n.pow(len) {
                let seq: Vec<Decimal> = (0..len).map(|d| terms[k / n.pow(d) % n]).collect();
                let expected = seq.iter().try_fold(Decimal::ZERO, |t, &v| t.checked_add(v));
                let mut total = Total::default();
                for &v in &seq {
                    total.add(v);
                }
                assert_eq!(show(total.value()), show(expected), "{seq:?}");
            }
        }
    }

    /// [`sum`] as the definition says, each cell looked up on its own.
    fn sum_naive(table: &Table, cells: &[Address]) -> String {
        let mut total = Some(Decimal::ZERO);
        let (mut missing, mut not_read) = (Vec::new(), false);
        for &a in cells {
            match table.cell(a) {
                None => return "absent".into(),
                Some(c) => match c.number_value() {
                    Some(v) => total = total.and_then(|t| t.checked_add(v)),
                    None if c.is_not_reported() => missing.push(a),
                    None => not_read = true,
                },
            }
        }
        if not_read {
            "not read".into()
        } else if missing.is_empty() {
            format!("{total:?}")
        } else {
            format!("not reported {missing:?}")
        }
    }

    fn shown(s: Sum) -> String {
        match s {
            Sum::Absent => "absent".into(),
            Sum::NotRead => "not read".into(),
            Sum::NotReported(m) => format!("not reported {m:?}"),
            Sum::Value(v) => format!("{v:?}"),
        }
    }

    /// The guesses `sum` makes (the next cell, the same gap again) find the same cells as a
    /// lookup of each: rows, columns, columns backwards, and scattered sequences, in tables
    /// with cells missing, blank and not read.
    #[test]
    fn sums_find_the_cells_a_lookup_finds() {
        for template in [Template::V2019, Template::V2021] {
            let all: Vec<Address> = Address::of_template(TableKind::Requests, template).collect();
            let at = Position { line: 1, column: 1 };
            for variant in 0..4usize {
                let mut cells = Vec::new();
                for (i, &a) in all.iter().enumerate() {
                    let span = Span::empty(i);
                    match (i * 7 + variant) % 11 {
                        0 if variant > 0 => {} // absent
                        1 if variant > 1 => cells.push(Cell::new(a, CellKind::Blank, "", span, at)),
                        2 if variant > 2 => {
                            cells.push(Cell::new(a, CellKind::Ambiguous, "1 2", span, at))
                        }
                        _ => cells.push(Cell::number(a, Decimal::from(i), None, "", span, at)),
                    }
                }
                let mut table = Table {
                    kind: TableKind::Requests,
                    template,
                    layout: report_model::Layout::PipeRows,
                    span: Span::empty(0),
                    cells,
                    parts: Vec::new(),
                };
                table.sort();
                let mut sequences: Vec<Vec<Address>> = Vec::new();
                for r in Row::sequence(TableKind::Requests, template) {
                    sequences.push(r.cells(template).collect());
                }
                for c in 0..7 {
                    let column: Vec<Address> = Row::sequence(TableKind::Requests, template)
                        .filter_map(|r| r.cells(template).nth(c))
                        .collect();
                    sequences.push(column.iter().rev().copied().collect());
                    sequences.push(column);
                }
                let mut x = 12345u64 + variant as u64;
                for _ in 0..200 {
                    let mut seq = Vec::new();
                    for _ in 0..(x % 9) {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        seq.push(all[(x >> 33) as usize % all.len()]);
                    }
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    sequences.push(seq);
                }
                for seq in &sequences {
                    assert_eq!(shown(sum(&table, seq)), sum_naive(&table, seq), "{seq:?}");
                    // the cells of a finding, found walking, are those a lookup finds
                    let walked: Vec<_> = cells_at(&table, seq).collect();
                    let looked_up: Vec<_> = seq.iter().map(|&a| (a, table.cell(a))).collect();
                    assert_eq!(walked, looked_up, "{seq:?}");
                }
            }
        }
    }

    /// Rows of table 三 are named in equations by their numbering, a numbered item with its
    /// group's (`（三）1`); rows of the other tables by their label.
    #[test]
    fn rows_are_named_by_their_numbering() {
        for template in [Template::V2019, Template::V2021] {
            let names: Vec<String> = Row::sequence(TableKind::Requests, template)
                .filter(|r| !r.is_group())
                .map(|r| short_row(r, template))
                .collect();
            assert_eq!(names.first().map(String::as_str), Some("一"), "{names:?}");
            assert!(names.contains(&"（三）1".to_owned()), "{names:?}");
            assert!(names.contains(&"（三）8".to_owned()), "{names:?}");
            assert!(names.contains(&"（一）".to_owned()), "{names:?}");
            assert_eq!(names.last().map(String::as_str), Some("四"), "{names:?}");
            for row in Row::sequence(TableKind::Appeals, template) {
                assert_eq!(short_row(row, template), row.label());
            }
        }
    }
}
