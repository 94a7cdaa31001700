//! Rules across reports: the same body's previous year (T3-X, T2-21-X, T2-19-X, 内容雷同), and a
//! region's bodies against the region's own report (parent = sum of children).

use report_model::{Address, Decimal, Report, Row, SectionKind, TableKind, Template};

use crate::finding::{Config, Finding, Severity};
use crate::tables::{ITEM_ROWS, reported};

fn value(report: &Report, address: Address) -> Option<Decimal> {
    reported(report.cell(address))
}

fn addr(s: &str) -> Option<Address> {
    s.parse().ok()
}

/// Compares `current` with `previous`, the same body's report of the year before.
///
/// Rules: `previous.carryover` (T3-X: 上年结转 = last year's 结转下年度, per column),
/// `previous.in_force` (T2-21-X: 现行有效件数 = last year's + 本年制发 − 本年废止),
/// `previous.items` (T2-19-X, 2019→2020: 上一年项目数量 = last year's + 本年增/减),
/// `previous.boilerplate` (a narrative section nearly the same as last year's: 内容雷同),
/// `previous.year` (the two reports are not of consecutive years). All warnings.
pub fn check_previous(current: &Report, previous: &Report, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    if let (Some(y), Some(p)) = (current.year(), previous.year())
        && y != p + 1
    {
        out.push(Finding::new(
            "previous.year",
            Severity::Warning,
            format!("用于对比的上一年度报告为{p}年度，而本报告为{y}年度，两者不是相邻年度"),
        ));
    }
    carryover(current, previous, &mut out);
    in_force(current, previous, &mut out);
    items(current, previous, &mut out);
    boilerplate(current, previous, &mut out);
    config.apply(out)
}

fn carryover(current: &Report, previous: &Report, out: &mut Vec<Finding>) {
    if current.year() == Some(2019) {
        return; // the pre-2019 formats had no 结转下年度 row
    }
    let (Some(cur), Some(prev)) = (
        Row::by_key(TableKind::Requests, "carried_over"),
        Row::by_key(TableKind::Requests, "carried_forward"),
    ) else {
        return;
    };
    for (a, b) in cur.cells(Template::V2021).zip(prev.cells(Template::V2021)) {
        let (Some(now), Some(then)) = (value(current, a), value(previous, b)) else {
            continue;
        };
        if now == then {
            continue;
        }
        let message = format!(
            "表三「{}」列：本年上年结转{now}件，但上一年度报告的结转下年度继续办理为{then}件，两者应相等（机构调整或更正数据的请在报告中说明）",
            a.column_label()
        );
        let mut f = Finding::new("previous.carryover", Severity::Warning, message)
            .with_cells([(a, current.cell(a))])
            .arithmetic(format!("二 {now} ≠ 上年 四 {then}"), then, now);
        f.cells.push(b);
        out.push(f);
    }
}

fn in_force(current: &Report, previous: &Report, out: &mut Vec<Finding>) {
    let (Some(ct), Some(pt)) = (current.proactive.as_ref(), previous.proactive.as_ref()) else {
        return;
    };
    if ct.template != Template::V2021
        || pt.template != Template::V2021
        || previous.year().is_some_and(|y| y < 2021)
    {
        return;
    }
    for row in ["regulations", "normative_documents"] {
        let cell = |k: &str| addr(&format!("proactive.{row}.{k}"));
        let (Some(f), Some(i), Some(r)) = (cell("in_force"), cell("issued"), cell("repealed"))
        else {
            continue;
        };
        let (Some(now), Some(then), Some(issued), Some(repealed)) = (
            value(current, f),
            value(previous, f),
            value(current, i),
            value(current, r),
        ) else {
            continue;
        };
        let Some(expected) = then
            .checked_add(issued)
            .and_then(|x| x.checked_sub(repealed))
        else {
            continue;
        };
        if expected == now {
            continue;
        }
        let message = format!(
            "表二「{}」：现行有效件数{now}件，而上年现行有效{then}件加本年制发{issued}件减本年废止{repealed}件为{expected}件（修改、失效或清理也会造成差异，请核对）",
            f.row_label()
        );
        out.push(
            Finding::new("previous.in_force", Severity::Warning, message)
                .with_cells([f, i, r].map(|a| (a, current.cell(a))))
                .arithmetic(format!("上年现行有效 {then} + 本年制发 {issued} − 本年废止 {repealed} = {expected} ≠ 现行有效 {now}"), expected, now),
        );
    }
}

fn items(current: &Report, previous: &Report, out: &mut Vec<Finding>) {
    if !(current.year() == Some(2020) && previous.year() == Some(2019)) {
        return;
    }
    for row in ITEM_ROWS {
        let (Some(p), Some(c)) = (
            addr(&format!("proactive.{row}.previous_items")),
            addr(&format!("proactive.{row}.item_change")),
        ) else {
            continue;
        };
        let (Some(now), Some(then), Some(change)) =
            (value(current, p), value(previous, p), value(previous, c))
        else {
            continue;
        };
        let Some(expected) = then.checked_add(change) else {
            continue;
        };
        if expected == now {
            continue;
        }
        let message = format!(
            "表二「{}」：上一年项目数量{now}，而2019年度报告的上一年项目数量{then}加本年增/减{change}为{expected}",
            p.row_label()
        );
        out.push(
            Finding::new("previous.items", Severity::Warning, message)
                .with_cells([(p, current.cell(p))])
                .arithmetic(
                    format!("2019 上一年项目数量 {then} + 本年增/减 {change} = {expected} ≠ {now}"),
                    expected,
                    now,
                ),
        );
    }
}

/// Similarity of two texts, 0–1: the Dice coefficient of their character bigrams (whitespace
/// ignored). Linear in the texts' length.
pub fn similarity(a: &str, b: &str) -> f64 {
    fn bigrams(s: &str) -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    }
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// A section counts as copied from last year from this similarity on.
pub const BOILERPLATE_SIMILARITY: f64 = 0.9;

fn boilerplate(current: &Report, previous: &Report, out: &mut Vec<Finding>) {
    for kind in [
        SectionKind::Overview,
        SectionKind::Problems,
        SectionKind::Other,
    ] {
        let (Some(a), Some(b)) = (current.section(kind), previous.section(kind)) else {
            continue;
        };
        if a.body.text.chars().filter(|c| !c.is_whitespace()).count() < 60 {
            continue; // a bare 无 is the same every year, and says nothing
        }
        let s = similarity(&a.body.text, &b.body.text);
        if s < BOILERPLATE_SIMILARITY {
            continue;
        }
        let message = format!(
            "第{}部分「{}」与上一年度报告的相似度为{:.0}%，内容雷同；应写本年度的实际情况",
            kind.numeral(),
            kind.title(),
            s * 100.0
        );
        out.push(
            Finding::new("previous.boilerplate", Severity::Warning, message).at(
                a.heading.span,
                a.heading.line,
                a.heading.column,
            ),
        );
    }
}

/// Compares a region's own report (`parent`, whose tables summarise its area) with the reports
/// of the bodies in it: every cell the parent and all children report as numbers must be the
/// sum of the children's (`region.sum`, warning).
pub fn check_region(parent: &Report, children: &[Report], config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in parent.cells() {
        let Some(total) = cell.number_value() else {
            continue;
        };
        let mut sum = Some(Decimal::ZERO);
        for child in children {
            sum = match (sum, value(child, cell.address)) {
                (Some(s), Some(v)) => s.checked_add(v),
                _ => None,
            };
        }
        let Some(sum) = sum else { continue };
        if children.is_empty() || sum == total {
            continue;
        }
        let message = format!(
            "汇总表「{} × {}」为{}，而{}个下属单位报告之和为{}",
            cell.address.row_label(),
            cell.address.column_label(),
            total,
            children.len(),
            sum
        );
        out.push(
            Finding::new("region.sum", Severity::Warning, message)
                .with_cells([(cell.address, Some(cell))])
                .arithmetic(format!("Σ 下属单位 {sum} ≠ 汇总 {total}"), sum, total),
        );
    }
    config.apply(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_dice_of_bigrams() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("ab", "cd"), 0.0);
        assert!((similarity("abcd", "abce") - 2.0 * 2.0 / 6.0).abs() < 1e-9);
    }
}
