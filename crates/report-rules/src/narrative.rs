//! The prose against the tables, and the fee statement of section 六.

use report_model::{Address, Decimal, Report, SectionKind, Span, TableKind, TextBlock};

use crate::finding::{Finding, Severity};
use crate::tables::reported;

/// A quantity stated in the prose, with the clause that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Statement {
    pub(crate) topic: Topic,
    /// The quantity the clause gives; `None` when it is too large to compute with.
    pub(crate) value: Option<Decimal>,
    /// The clause, in the block's text.
    pub(crate) clause: (usize, usize),
}

/// What a clause speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    Received,
    Handled,
    CarriedOver,
    CarriedForward,
    Review,
    Litigation,
    Regulations,
    NormativeDocuments,
}

impl Topic {
    fn describe(self) -> &'static str {
        match self {
            Topic::Received => "收到的申请数",
            Topic::Handled => "办理的申请数",
            Topic::CarriedOver => "上年结转的申请数",
            Topic::CarriedForward => "结转下年度的申请数",
            Topic::Review => "行政复议案件数",
            Topic::Litigation => "行政诉讼案件数",
            Topic::Regulations => "规章件数",
            Topic::NormativeDocuments => "规范性文件件数",
        }
    }
}

/// The value of a run of Chinese numerals (`两` 2, `十二` 12, `一百零五` 105), if it is one.
pub(crate) fn chinese_number(s: &str) -> Option<u64> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let (mut total, mut section, mut pending) = (0u64, 0u64, None::<u64>);
    let mut any = false;
    for c in s.chars() {
        any = true;
        if let Some(d) = digit(c) {
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                total = total
                    .checked_add(section.checked_add(pending.unwrap_or(0))?)?
                    .checked_mul(10_000)?;
                section = 0;
                pending = None;
                continue;
            }
            _ => return None,
        };
        section = section.checked_add(pending.unwrap_or(1).checked_mul(unit)?)?;
        pending = None;
    }
    if !any {
        return None;
    }
    total
        .checked_add(section)?
        .checked_add(pending.unwrap_or(0))
}

const COUNTERS: &str = "件例个条次宗份起";

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '零' | '〇'
                | '一'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
        )
}

/// The quantities (`4件`, `两例`) of a clause, skipping percentages, dates and ordinals; `None`
/// for one too large to compute with (more digits than a `u64` holds), which is reported, not
/// dropped.
fn quantities(clause: &str) -> Vec<Option<u64>> {
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (is_numeral(chars[i].1) || chars[i].1 == ',') {
            i += 1;
        }
        let Some(&(_, next)) = chars.get(i) else {
            break;
        };
        if !COUNTERS.contains(next) {
            continue;
        }
        let before = if start > 0 { chars[start - 1].1 } else { ' ' };
        if before == '第' || before == '占' {
            continue;
        }
        let text: String = chars[start..i]
            .iter()
            .map(|&(_, c)| c)
            .filter(|&c| c != ',')
            .collect();
        let value = if text.chars().all(|c| c.is_ascii_digit()) {
            text.parse().ok()
        } else {
            chinese_number(&text)
        };
        match value {
            Some(v) => out.push(Some(v)),
            // digits past u64: a number, but none to compute with
            None if text.chars().all(|c| c.is_ascii_digit()) => out.push(None),
            None => {}
        }
    }
    out
}

/// Which of the characters every topic's words hold a clause has: a clause without any (most
/// of them) has no topic, and a word is looked for only when its character is there.
#[derive(Debug, Default, Clone, Copy)]
struct Marks {
    shen: bool,
    jie: bool,
    zhuan: bool,
    fu: bool,
    su: bool,
    gui: bool,
}

impl Marks {
    fn see(&mut self, c: char) {
        match c {
            '申' => self.shen = true,
            '结' => self.jie = true,
            '转' => self.zhuan = true,
            '复' => self.fu = true,
            '诉' => self.su = true,
            '规' => self.gui = true,
            _ => {}
        }
    }

    fn any(self) -> bool {
        self.shen || self.jie || self.zhuan || self.fu || self.su || self.gui
    }
}

#[cfg(test)]
fn topics(clause: &str) -> Vec<Topic> {
    let mut marks = Marks::default();
    clause.chars().for_each(|c| marks.see(c));
    topics_marked(clause, marks)
}

/// The topics of `clause`, whose [`Marks`] are `marks` (seen on the way by the caller).
fn topics_marked(clause: &str, marks: Marks) -> Vec<Topic> {
    let Marks {
        shen,
        jie,
        zhuan,
        fu,
        su,
        gui,
    } = marks;
    let mut out = Vec::new();
    if !marks.any() {
        return out;
    }
    let has = |w: &str| clause.contains(w);
    let about_requests = shen && has("申请") && !(fu && has("复议申请"));
    if jie && (has("上年结转") || has("上一年结转") || has("上年度结转")) {
        out.push(Topic::CarriedOver);
    } else if (jie && (has("结转下") || has("结转至下"))) || (zhuan && has("转入下")) {
        out.push(Topic::CarriedForward);
    } else if about_requests {
        if has("收到") || has("接收") || has("受理") || has("收申请") || has("新收") {
            out.push(Topic::Received);
        }
        if has("办结") || has("答复") || has("办理完成") || has("办理完毕") {
            out.push(Topic::Handled);
        }
    }
    if fu && has("行政复议") {
        out.push(Topic::Review);
    }
    if su && has("行政诉讼") {
        out.push(Topic::Litigation);
    }
    if gui && has("规范性文件") {
        out.push(Topic::NormativeDocuments);
    } else if gui && has("规章") {
        out.push(Topic::Regulations);
    }
    out
}

fn negated(clause: &str) -> bool {
    [
        "未收到",
        "未接收",
        "没有收到",
        "无依申请",
        "未引起",
        "未发生",
        "没有发生",
        "未产生",
        "无行政复议",
        "无行政诉讼",
        "未涉及",
    ]
    .iter()
    .any(|w| clause.contains(w))
}

/// The statements of a text: per clause, its topics and the quantity it gives them (0 when
/// the clause denies them).
pub(crate) fn statements(text: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut start = 0;
    // the marks of the clause being read, seen in the same pass that finds its end
    let mut marks = Marks::default();
    for (i, c) in text.char_indices().chain([(text.len(), '。')]) {
        if !matches!(
            c,
            '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '，' | ','
        ) {
            marks.see(c);
            continue;
        }
        let clause = &text[start..i];
        let range = (start, i);
        start = i + c.len_utf8();
        let clause_marks = std::mem::take(&mut marks);
        if !clause_marks.any() || clause.trim().is_empty() {
            continue;
        }
        let topics = topics_marked(clause, clause_marks);
        if topics.is_empty() {
            continue;
        }
        let quantities = quantities(clause);
        let value = match quantities.as_slice() {
            [v] => v.map(Decimal::from),
            [] if negated(clause) => Some(Decimal::ZERO),
            _ => continue,
        };
        for topic in topics {
            out.push(Statement {
                topic,
                value,
                clause: range,
            });
        }
    }
    out
}

fn cell(_report: &Report, key: &str) -> Option<Address> {
    key.parse().ok()
}

/// The values the tables give a topic; the statement agrees when it equals any of them.
fn readings(report: &Report, topic: Topic) -> Option<(Vec<Address>, Vec<Decimal>)> {
    let v = |k: &str| cell(report, k).and_then(|a| reported(report.cell(a)));
    let sum = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
    let (cells, values): (Vec<&str>, Vec<Option<Decimal>>) = match topic {
        Topic::Received => (
            vec!["requests.received.total", "requests.carried_over.total"],
            vec![
                v("requests.received.total"),
                sum(
                    v("requests.received.total"),
                    v("requests.carried_over.total"),
                ),
            ],
        ),
        Topic::Handled => (
            vec!["requests.total.total"],
            vec![
                v("requests.total.total"),
                sum(
                    v("requests.total.total"),
                    v("requests.carried_forward.total"),
                ),
            ],
        ),
        Topic::CarriedOver => (
            vec!["requests.carried_over.total"],
            vec![v("requests.carried_over.total")],
        ),
        Topic::CarriedForward => (
            vec!["requests.carried_forward.total"],
            vec![v("requests.carried_forward.total")],
        ),
        Topic::Review => (
            vec!["appeals.review.total"],
            vec![v("appeals.review.total")],
        ),
        Topic::Litigation => (
            vec![
                "appeals.litigation_direct.total",
                "appeals.litigation_after_review.total",
            ],
            vec![sum(
                v("appeals.litigation_direct.total"),
                v("appeals.litigation_after_review.total"),
            )],
        ),
        Topic::Regulations | Topic::NormativeDocuments => {
            let row = if topic == Topic::Regulations {
                "regulations"
            } else {
                "normative_documents"
            };
            let t = report.table(TableKind::Proactive)?;
            let addrs: Vec<Address> = t
                .cells
                .iter()
                .map(|c| c.address)
                .filter(|a| a.row().def().key == row)
                .collect();
            let values = addrs.iter().map(|&a| reported(t.cell(a))).collect();
            let first = addrs.first().copied()?;
            return finish(vec![first], values);
        }
    };
    let addrs: Vec<Address> = cells.iter().filter_map(|k| cell(report, k)).collect();
    finish(addrs, values)
}

fn finish(
    addrs: Vec<Address>,
    values: Vec<Option<Decimal>>,
) -> Option<(Vec<Address>, Vec<Decimal>)> {
    let mut values: Vec<Decimal> = values.into_iter().flatten().collect();
    values.dedup();
    if values.is_empty() || addrs.is_empty() {
        None
    } else {
        Some((addrs, values))
    }
}

/// Line and column of byte `offset` of a block's text.
fn locate(block: &TextBlock, offset: usize) -> (u32, u32) {
    let before = block.text.get(..offset).unwrap_or(&block.text);
    let line = block.line + before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

/// figures stated in 一、总体情况 against the cells.
pub(crate) fn narrative(report: &Report, out: &mut Vec<Finding>) {
    let Some(section) = report.section(SectionKind::Overview) else {
        return;
    };
    let block = &section.body;
    for s in statements(&block.text) {
        let Some((cells, values)) = readings(report, s.topic) else {
            continue;
        };
        let clause = block.text[s.clause.0..s.clause.1].trim();
        let lead = block.text[s.clause.0..s.clause.1].find(clause).unwrap_or(0);
        let start = s.clause.0 + lead;
        let (line, column) = locate(block, start);
        let span = Span::new(
            block.span.start + start,
            block.span.start + start + clause.len(),
        );
        let Some(value) = s.value else {
            let shown: String = clause.chars().take(40).collect();
            let message = format!(
                "第一部分称“{shown}”，其中的数字过大，无法与表中{}核对",
                s.topic.describe()
            );
            out.push(
                Finding::new("narrative.unreadable_number", Severity::Warning, message)
                    .with_cells(cells.iter().map(|&a| (a, report.cell(a))))
                    .at(span, line, column),
            );
            continue;
        };
        if values.contains(&value) {
            continue;
        }
        let shown: Vec<String> = values.iter().map(|v| v.normalize().to_string()).collect();
        let message = format!(
            "第一部分称“{clause}”（{}为{}），与表中数据（{}）不一致，请核对正文或表格",
            s.topic.describe(),
            value,
            shown.join(" 或 ")
        );
        let mut f = Finding::new("narrative.mismatch", Severity::Warning, message)
            .with_cells(cells.iter().map(|&a| (a, report.cell(a))))
            .at(span, line, column);
        f.expected = values.first().copied();
        f.actual = Some(value);
        out.push(f);
    }
}

/// a report for 2021 or later must say whether 信息处理费 was collected.
pub(crate) fn fee_statement(report: &Report, out: &mut Vec<Finding>) {
    if report.year().is_none_or(|y| y < 2021) {
        return;
    }
    let Some(section) = report.section(SectionKind::Other) else {
        return;
    };
    if section.body.text.contains("处理费") {
        return;
    }
    let notices = "requests.other.unpaid_fee.total"
        .parse::<Address>()
        .ok()
        .and_then(|a| reported(report.cell(a)));
    let message = match notices {
        Some(n) if n > Decimal::ZERO => format!(
            "表三显示有{n}件申请因逾期未缴纳费用而不再处理，说明发出过收费通知，但第六部分未说明信息处理费的收取情况"
        ),
        _ => "第六部分未说明信息处理费的收取情况（2021年起须报告收取金额，未收取的应写明“未收取信息处理费”）".to_owned(),
    };
    out.push(
        Finding::new("other.fee_statement", Severity::Warning, message).at(
            section.heading.span,
            section.heading.line,
            section.heading.column,
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("两", 2),
            ("三", 3),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("一百零五", 105),
            ("三千二百", 3200),
            ("一万二千", 12000),
        ] {
            assert_eq!(chinese_number(s), Some(v), "{s}");
        }
        assert_eq!(chinese_number("申请"), None);
        assert_eq!(chinese_number(""), None);
    }

    /// `topics` as it read before its one-pass test of the clause's characters.
    fn topics_word_by_word(clause: &str) -> Vec<Topic> {
        let has = |w: &str| clause.contains(w);
        let mut out = Vec::new();
        let about_requests = has("申请") && !has("复议申请");
        if has("上年结转") || has("上一年结转") || has("上年度结转") {
            out.push(Topic::CarriedOver);
        } else if has("结转下") || has("结转至下") || has("转入下") {
            out.push(Topic::CarriedForward);
        } else if about_requests {
            if has("收到") || has("接收") || has("受理") || has("收申请") || has("新收")
            {
                out.push(Topic::Received);
            }
            if has("办结") || has("答复") || has("办理完成") || has("办理完毕") {
                out.push(Topic::Handled);
            }
        }
        if has("行政复议") {
            out.push(Topic::Review);
        }
        if has("行政诉讼") {
            out.push(Topic::Litigation);
        }
        if has("规范性文件") {
            out.push(Topic::NormativeDocuments);
        } else if has("规章") {
            out.push(Topic::Regulations);
        }
        out
    }

    #[test]
    fn topics_found_as_word_by_word() {
        let words = [
            "申请",
            "复议申请",
            "上年结转",
            "上一年结转",
            "上年度结转",
            "结转下",
            "结转至下",
            "转入下",
            "收到",
            "接收",
            "受理",
            "收申请",
            "新收",
            "办结",
            "答复",
            "办理完成",
            "办理完毕",
            "行政复议",
            "行政诉讼",
            "规范性文件",
            "规章",
            "全年",
            "4件",
            "结",
            "转",
            "规",
            "申",
            "复",
            "诉",
            "下",
        ];
        // every clause of up to three words, and the words cut in the middle
        let mut clauses: Vec<String> = Vec::new();
        for a in words {
            for b in words {
                clauses.push(format!("{a}{b}"));
                for c in ["", "申请", "行政复议", "规章"] {
                    clauses.push(format!("{a}{b}{c}"));
                }
            }
        }
        for clause in &clauses {
            assert_eq!(topics(clause), topics_word_by_word(clause), "{clause}");
        }
        // the same clauses run together into one text, each ended by one of the delimiters:
        // the marks `statements` sees on its way through give each clause the topics its own
        // words give it
        let delimiters = ["。", "；", ";", "！", "!", "？", "?", "\n", "，", ","];
        let mut text = String::new();
        let mut ranges = Vec::new();
        for (k, clause) in clauses.iter().enumerate() {
            let start = text.len();
            text.push_str(clause);
            text.push_str("4件");
            ranges.push((start, text.len()));
            text.push_str(delimiters[k % delimiters.len()]);
        }
        let found = statements(&text);
        for &(start, end) in &ranges {
            let clause = &text[start..end];
            let counted = quantities(clause).len() == 1;
            let expected = if counted { topics(clause) } else { Vec::new() };
            let got: Vec<Topic> = found
                .iter()
                .filter(|s| s.clause == (start, end))
                .map(|s| s.topic)
                .collect();
            assert_eq!(got, expected, "{clause}");
        }
    }

    #[test]
    fn statements_of_real_sentences() {
        let s = statements(
            "2020年1月1日以来,我镇接收到两例依申请公开请求,未涉及到收费问题,未引起行政复议与行政诉讼。",
        );
        let got: Vec<(Topic, String)> = s
            .iter()
            .map(|s| (s.topic, s.value.unwrap_or_default().to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Topic::Received, "2".into()),
                (Topic::Review, "0".into()),
                (Topic::Litigation, "0".into())
            ]
        );
        let s = statements("(二)依申请公开情况。全年共接收和办理完成各类申请4件。");
        let got: Vec<(Topic, String)> = s
            .iter()
            .map(|s| (s.topic, s.value.unwrap_or_default().to_string()))
            .collect();
        assert_eq!(
            got,
            vec![(Topic::Received, "4".into()), (Topic::Handled, "4".into())]
        );
        assert_eq!(
            statements("全年未收到信息公开相关申请。")[0].value,
            Some(Decimal::ZERO)
        );
        // a number too large to compute with is kept as such, not dropped
        let s = statements("全年共收到申请99999999999999999999999999999999件。");
        assert_eq!(s[0].topic, Topic::Received);
        assert_eq!(s[0].value, None);
        // percentages, dates and other counts are not statements
        assert!(
            statements("予以公开42件，占51.85%；2023年12月31日。发布信息37条。")
                .iter()
                .all(|s| s.topic != Topic::Received)
        );
    }
}
