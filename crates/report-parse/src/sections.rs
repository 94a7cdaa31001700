//! Sections, preamble, signature and metadata.
//!
//! Headings are matched on their full text (never on the bare numeral: table 三's rows are
//! numbered 一、二、三、四、 too), tolerating masks, truncation, spaces and markdown.

use crate::Positions;
use report_model::{Date, Located, Metadata, Section, SectionKind, Span, TextBlock};

use crate::lex;
use crate::text::{Norm, Pattern};

/// One line of the text: its span without the line break.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub(crate) span: Span,
}

pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in crate::text::lines_inclusive(text) {
        let body = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            span: Span::new(offset, offset + body.len()),
        });
        offset += raw.len();
    }
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    Span::new(span.start + lead, span.start + lead + body.len())
}

/// A heading line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Heading {
    pub(crate) kind: SectionKind,
    /// Index of its line.
    pub(crate) line: usize,
    /// Index of its last line: a heading whose numeral stands alone on its line (`二、`, then
    /// `主动公开政府信息情况`, as Word text runs give it) takes the next line too.
    pub(crate) last: usize,
}

/// Which section `line` is the heading of, if any.
/// `line` without markdown emphasis around it (`## **一、总体情况**`).
fn unemphasized(line: &str) -> &str {
    let t = line.trim();
    let hashes = t.trim_start_matches('#').trim_start();
    for mark in ["**", "__", "*"] {
        if let Some(inner) = hashes.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !inner.trim().is_empty()
        {
            return inner;
        }
    }
    line
}

fn heading_kind(line: &str, patterns: &[Pattern; 6]) -> Option<SectionKind> {
    heading_kind_and_prefix(line, patterns).0
}

/// What `heading_prefix` read on a line: not read, or its result.
type Prefix = Option<Option<(u32, usize)>>;

/// [`heading_kind`], with [`lex::heading_prefix`] of `line` as given when it was read on the way
/// (no emphasis around the line), so that a caller needing it does not read it again.
fn heading_kind_and_prefix(line: &str, patterns: &[Pattern; 6]) -> (Option<SectionKind>, Prefix) {
    if line.chars().count() > 60 {
        return (None, None);
    }
    let plain = unemphasized(line);
    let prefix = lex::heading_prefix(plain);
    // the same text when no emphasis was taken off
    let read = std::ptr::eq(plain, line).then_some(prefix);
    let Some((numeral, start)) = prefix else {
        return (None, read);
    };
    (heading_kind_of(plain, numeral, start, patterns), read)
}

/// [`heading_kind`] of `line` (emphasis off) whose section numeral `numeral` ends at `start`.
fn heading_kind_of(
    line: &str,
    numeral: u32,
    start: usize,
    patterns: &[Pattern; 6],
) -> Option<SectionKind> {
    let content = line[start..]
        .trim_end_matches(|c: char| c.is_whitespace() || ['|', '#', ':', '：', '。'].contains(&c));
    crate::text::with_normalized_chars(content, |norm| {
        let sketch = crate::text::Sketch::new(norm);
        if sketch.visible() == 0 {
            return None;
        }
        let mut best: Option<(u32, SectionKind)> = None;
        for kind in SectionKind::ALL {
            let same = numeral == kind as u32 + 1;
            // every way of passing below needs precision ≥ 550 and recall ≥ 600 under the
            // section's own numeral, 950 and 800 under another: an upper bound short of that
            // rejects the kind before any LCS
            let (least_p, least_r) = if same { (550, 600) } else { (950, 800) };
            if !sketch.may_match(&patterns[kind as usize], least_p, least_r) {
                continue;
            }
            let sim = patterns[kind as usize].similarity(norm);
            let (p, r) = (sim.precision, sim.recall);
            let ok = if same {
                (p >= 850 && r >= 600) || (r >= 900 && p >= 550)
            } else {
                p >= 950 && r >= 800
            };
            if ok && best.is_none_or(|(s, _)| sim.f1() > s) {
                best = Some((sim.f1(), kind));
            }
        }
        best.map(|(_, k)| k)
    })
}

/// Whether `line` may open a heading as [`lex::heading_prefix`] reads one, on the line or with
/// its emphasis taken off: past spaces, `#`s and emphasis marks, 第 or a Chinese numeral, or one
/// or two ASCII digits followed (past spaces) by a separator (`.`, `,`, `:`) or a character that
/// is not ASCII (`、`, `．`, the title). Most lines, and every line of values (`0`, `12 0 3`, one
/// cell per line), are told by their first characters.
fn may_open_heading(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_'));
    match rest.chars().next() {
        Some(c) if c.is_ascii_digit() => {
            let digits = rest.bytes().take(2).take_while(u8::is_ascii_digit).count();
            let after = rest[digits..].trim_start_matches(char::is_whitespace);
            after
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii() || matches!(c, '.' | ',' | ':'))
        }
        Some(c) => c == '第' || lex::is_chinese_numeral(c),
        None => false,
    }
}

/// Finds the section headings: at most one per section, in template order.
pub(crate) fn headings(text: &str, lines: &[Line]) -> Vec<Heading> {
    let patterns = crate::text::section_patterns();
    let line_text = |i: usize| &text[lines[i].span.start..lines[i].span.end];
    let next_nonblank_of =
        |i: usize| (i + 1..lines.len()).find(|&j| !line_text(j).trim().is_empty());
    let mut candidates: Vec<Heading> = Vec::new();
    for i in 0..lines.len() {
        let l = line_text(i);
        // both tests below read a heading's start with `heading_prefix`
        if !may_open_heading(l) {
            continue;
        }
        let (kind, prefix) = heading_kind_and_prefix(l, patterns);
        if let Some(kind) = kind {
            candidates.push(Heading {
                kind,
                line: i,
                last: i,
            });
            continue;
        }
        // the numeral alone on its line, the title on the next
        let bare = prefix
            .unwrap_or_else(|| lex::heading_prefix(l))
            .is_some_and(|(_, at)| l[at..].trim().is_empty());
        if bare
            && l.trim().chars().count() <= 6
            && let Some(j) = next_nonblank_of(i)
        {
            let joined = format!("{}{}", l.trim(), line_text(j).trim());
            if let Some(kind) = heading_kind(&joined, patterns) {
                candidates.push(Heading {
                    kind,
                    line: i,
                    last: j,
                });
            }
        }
    }
    // A heading directly followed by another one is a table of contents entry when the same
    // section has another heading further on.
    let next_nonblank = |i: usize| {
        (i + 1..lines.len()).find(|&j| {
            !text[lines[j].span.start..lines[j].span.end]
                .trim()
                .is_empty()
        })
    };
    // candidates stand in line order: a binary search, not a scan per heading (a text of a
    // hundred thousand heading lines stays linear)
    let is_candidate = |line: usize| candidates.binary_search_by_key(&line, |c| c.line).is_ok();
    let mut chosen: Vec<Heading> = Vec::new();
    for kind in SectionKind::ALL {
        let of_kind: Vec<&Heading> = candidates.iter().filter(|c| c.kind == kind).collect();
        let pick = if of_kind.len() > 1 {
            of_kind
                .iter()
                .find(|c| !next_nonblank(c.line).is_some_and(is_candidate))
                .or(of_kind.first())
        } else {
            of_kind.first()
        };
        if let Some(h) = pick {
            chosen.push(**h);
        }
    }
    chosen.sort_by_key(|h| h.line);
    let mut chosen = longest_increasing(chosen);
    renamed_closing_sections(text, lines, &mut chosen);
    chosen
}

/// Sections 五 and 六 under headings of their own wording (`五、存在的主要问题及下一步工作计划`,
/// `六、其他应说明事项`): after the table sections, no table row is numbered 五 or 六, so a short
/// line opening with that numeral and naming problems or other matters is the heading, when the
/// fuzzy match found none.
fn renamed_closing_sections(text: &str, lines: &[Line], chosen: &mut Vec<Heading>) {
    for (kind, words) in [
        (SectionKind::Problems, &["问题", "改进", "不足"][..]),
        (SectionKind::Other, &["其他", "其它", "说明", "事项"][..]),
    ] {
        if chosen.iter().any(|h| h.kind == kind) {
            continue;
        }
        let Some(after) = chosen
            .iter()
            .filter(|h| h.kind < kind && h.kind >= SectionKind::Appeals)
            .map(|h| h.last)
            .max()
        else {
            continue;
        };
        let before = chosen
            .iter()
            .filter(|h| h.kind > kind)
            .map(|h| h.line)
            .min()
            .unwrap_or(lines.len());
        let found = (after + 1..before).find(|&i| {
            let l = text[lines[i].span.start..lines[i].span.end].trim();
            lex::heading_prefix(l).is_some_and(|(n, at)| {
                n == kind as u32 + 1
                    && l.chars().count() <= 30
                    && words.iter().any(|w| l[at..].contains(w))
                    && !l[at..].contains(['。', '，'])
            })
        });
        if let Some(i) = found {
            chosen.push(Heading {
                kind,
                line: i,
                last: i,
            });
            chosen.sort_by_key(|h| h.line);
        }
    }
}

/// The headings of the formats used before 2019 (概述 / 主动公开 / 依申请公开 / 收费及减免 …)
/// that `text` has: words of the old 条例's report items that the 2019 and 2021 templates do not
/// use as headings.
pub(crate) fn old_format_headings<'t>(text: &'t str, lines: &[Line]) -> Vec<&'t str> {
    const OLD: [&str; 10] = [
        "概述",
        "基本情况",
        "基本工作情况",
        "收费及减免",
        "收费和减免",
        "依申请公开政府信息",
        "依申请公开情况",
        "回应解读情况",
        "提起行政诉讼的情况",
        "保障经费",
    ];
    lines
        .iter()
        .filter_map(|l| {
            let line = text[l.span.start..l.span.end].trim();
            let (_, start) = lex::heading_prefix(line)?;
            let content = &line[start..];
            if content.chars().count() > 40 {
                return None;
            }
            let norm = Norm::new(content);
            OLD.iter().any(|w| norm.contains(w)).then_some(line)
        })
        .collect()
}

/// Keeps the longest run of headings whose sections are in template order.
fn longest_increasing(h: Vec<Heading>) -> Vec<Heading> {
    let n = h.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if h[j].kind < h[i].kind && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (len[i], usize::MAX - i)) else {
        return h;
    };
    let mut keep = Vec::new();
    loop {
        keep.push(h[i]);
        if prev[i] == usize::MAX {
            break;
        }
        i = prev[i];
    }
    keep.reverse();
    keep
}

fn block(text: &str, index: Positions<'_>, span: Span) -> TextBlock {
    TextBlock {
        text: text[span.start..span.end].to_owned(),
        span,
        line: index.position(text, span.start).line,
    }
}

fn located<T>(text: &str, index: Positions<'_>, value: T, span: Span) -> Located<T> {
    Located::new(value, span, index.position(text, span.start))
}

/// The structure of the text: preamble, sections and epilogue.
pub(crate) struct Structure {
    pub(crate) preamble: Option<TextBlock>,
    pub(crate) sections: Vec<Section>,
    pub(crate) epilogue: Option<TextBlock>,
    pub(crate) date: Option<Located<Date>>,
    pub(crate) signer: Option<Located<String>>,
}

pub(crate) fn structure(
    text: &str,
    index: Positions<'_>,
    lines: &[Line],
    heads: &[Heading],
) -> Structure {
    let (epilogue_span, date, signer) = signature(text, index, lines, heads);
    let end_of_sections = epilogue_span.map_or(text.len(), |s| s.start);
    let preamble_end = heads
        .first()
        .map_or(end_of_sections, |h| lines[h.line].span.start);
    let preamble = (!text[..preamble_end].trim().is_empty())
        .then(|| block(text, index, Span::new(0, preamble_end)));
    let mut sections = Vec::new();
    for (n, h) in heads.iter().enumerate() {
        let line = lines[h.line];
        let heading_span = trimmed(text, Span::new(line.span.start, lines[h.last].span.end));
        let body_start = lines
            .get(h.last + 1)
            .map_or(text.len(), |l| l.span.start)
            .min(end_of_sections);
        let body_end = heads
            .get(n + 1)
            .map_or(end_of_sections, |next| lines[next.line].span.start)
            .max(body_start);
        let body = Span::new(body_start, body_end);
        let subheadings = match h.kind {
            SectionKind::Overview | SectionKind::Problems | SectionKind::Other => {
                subheadings(text, index, body)
            }
            _ => Vec::new(),
        };
        sections.push(Section {
            kind: h.kind,
            heading: located(
                text,
                index,
                text[heading_span.start..heading_span.end].to_owned(),
                heading_span,
            ),
            body: block(text, index, body),
            subheadings,
        });
    }
    let epilogue = epilogue_span.map(|s| block(text, index, s));
    Structure {
        preamble,
        sections,
        epilogue,
        date,
        signer,
    }
}

/// Lines of a narrative body that open with `（一）`…: the sub-heading is the text up to the
/// first full stop.
fn subheadings(text: &str, index: Positions<'_>, body: Span) -> Vec<Located<String>> {
    let mut out = Vec::new();
    for line in lines(&text[body.start..body.end]) {
        let span = Span::new(body.start + line.span.start, body.start + line.span.end);
        let s = &text[span.start..span.end];
        let content = s.trim_start_matches(|c: char| c.is_whitespace() || c == '#');
        let lead = s.len() - content.len();
        // a numbering in brackets opens with one, the first character normalisation keeps
        if content.chars().find_map(crate::text::normalize_char) != Some('(') {
            continue;
        }
        let head24 = content
            .char_indices()
            .nth(24)
            .map_or(content, |(i, _)| &content[..i]);
        let norm = Norm::new(head24).as_string();
        if !matches!(lex::numbering(&norm), Some((lex::Numbering::Paren(_), _))) {
            continue;
        }
        let head = content
            .split(['。', '：', ':'])
            .next()
            .unwrap_or(content)
            .trim_end();
        if head.chars().count() > 40 {
            continue;
        }
        let start = span.start + lead;
        out.push(located(
            text,
            index,
            head.to_owned(),
            Span::new(start, start + head.len()),
        ));
    }
    out
}

/// The signature at the end: a line holding only a date, and the short line before it (the
/// issuing body).
#[allow(clippy::type_complexity)]
fn signature(
    text: &str,
    index: Positions<'_>,
    lines: &[Line],
    heads: &[Heading],
) -> (Option<Span>, Option<Located<Date>>, Option<Located<String>>) {
    let after = heads.last().map_or(0, |h| h.last + 1);
    let nonblank: Vec<usize> = (after..lines.len())
        .rev()
        .filter(|&i| {
            !text[lines[i].span.start..lines[i].span.end]
                .trim()
                .is_empty()
        })
        .take(2)
        .collect();
    let Some(&last) = nonblank.first() else {
        return (None, None, None);
    };
    let l = lines[last].span;
    let Some(((y, m, d), ds, de)) = lex::date_line(&text[l.start..l.end]) else {
        return (None, None, None);
    };
    let date_span = Span::new(l.start + ds, l.start + de);
    let date = located(
        text,
        index,
        Date {
            year: y,
            month: m,
            day: d,
        },
        date_span,
    );
    let mut start = l.start;
    let mut signer = None;
    if let Some(&prev) = nonblank.get(1) {
        let p = trimmed(text, lines[prev].span);
        let s = &text[p.start..p.end];
        if prev >= after
            && s.chars().count() <= 30
            && !s.contains(['。', '，', ',', '；', ';', '：', ':'])
        {
            start = lines[prev].span.start;
            signer = Some(located(text, index, s.to_owned(), p));
        }
    }
    // The epilogue starts at the beginning of its first line and runs to the end of the text;
    // blank lines before it stay with the last section.
    (Some(Span::new(start, text.len())), Some(date), signer)
}

/// Title, body, year and date.
pub(crate) fn metadata(
    text: &str,
    index: Positions<'_>,
    lines: &[Line],
    heads: &[Heading],
    structure: &Structure,
) -> Metadata {
    let first_heading = heads.first().map_or(lines.len(), |h| h.line);
    let title = title(text, index, &lines[..first_heading]);
    let mut year = title.as_ref().and_then(|t| {
        let (y, at) = lex::years(&t.value).next()?;
        // the title may join two lines: find the digits in the source
        let from = t.span.start + at;
        let found = text[from..].find(&y.to_string()).map_or(from, |o| from + o);
        Some(located(text, index, y, Span::new(found, found + 4)))
    });
    if year.is_none() {
        year = stated_year(text, index, structure);
    }
    let body = title
        .as_ref()
        .and_then(|t| body_from_title(text, index, t))
        .or_else(|| structure.signer.clone());
    Metadata {
        title,
        body,
        year,
        date: structure.date.clone(),
    }
}

fn title(text: &str, index: Positions<'_>, lines: &[Line]) -> Option<Located<String>> {
    let nonblank: Vec<Span> = lines
        .iter()
        .map(|l| trimmed(text, l.span))
        .filter(|s| !s.is_empty())
        .take(5)
        .collect();
    let clean = |s: Span| {
        let t = text[s.start..s.end]
            .trim_start_matches(['#', ' ', '\t'])
            .trim();
        // a crawler's field name before the title: `标题: …`, `标题：…`
        ["标题:", "标题：", "标题 :", "title:", "Title:"]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .map_or(t, str::trim)
    };
    let is_prose = |s: &str| {
        s.contains('。')
            || s.chars().count() > 60
            || s.starts_with("根据")
            || s.starts_with("本报告")
    };
    for (n, &s) in nonblank.iter().enumerate() {
        let line = clean(s);
        if is_prose(line) || !line.contains("报告") {
            continue;
        }
        if line.contains("公开") {
            let start = s.end - line.len();
            return Some(located(
                text,
                index,
                line.to_owned(),
                Span::new(start, s.end),
            ));
        }
        if let Some(&p) = n.checked_sub(1).and_then(|i| nonblank.get(i)) {
            let before = clean(p);
            if !is_prose(before) && before.contains("公开") {
                let start = p.end - before.len();
                let value = format!("{before}{line}");
                return Some(located(text, index, value, Span::new(start, s.end)));
            }
        }
    }
    None
}

/// The issuing body named in the title: the text before the year, or between the year and
/// 政府信息公开.
fn body_from_title(
    text: &str,
    index: Positions<'_>,
    title: &Located<String>,
) -> Option<Located<String>> {
    let t = &title.value;
    let (_, at) = lex::years(t).next()?;
    let before = t[..at].trim();
    let name = if !before.is_empty() {
        before
    } else {
        let after = &t[at..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        let after = after.trim_start_matches("年度").trim_start_matches('年');
        let end = after
            .find("政府信息公开")
            .or_else(|| after.find("政务公开"))
            .unwrap_or(0);
        after[..end].trim()
    };
    if name.is_empty() || name.chars().all(|c| c == '*') {
        return None;
    }
    let start = text[title.span.start..]
        .find(name)
        .map(|o| title.span.start + o)?;
    Some(located(
        text,
        index,
        name.to_owned(),
        Span::new(start, start + name.len()),
    ))
}

/// The data year stated in the text when the title does not give it: the statistics period
/// (`统计期限为2024年1月1日至…`), else the year the preamble and overview name most often.
fn stated_year(text: &str, index: Positions<'_>, structure: &Structure) -> Option<Located<i32>> {
    let mut spans: Vec<Span> = structure.preamble.iter().map(|b| b.span).collect();
    spans.extend(
        structure
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Overview)
            .map(|s| s.body.span),
    );
    let mut all: Vec<(i32, usize)> = Vec::new();
    for span in spans {
        let part = &text[span.start..span.end];
        for (y, at) in lex::years(part) {
            let window_start = part[..at]
                .char_indices()
                .rev()
                .nth(12)
                .map_or(0, |(i, _)| i);
            if part[window_start..at].contains("统计") {
                let start = span.start + at;
                return Some(located(text, index, y, Span::new(start, start + 4)));
            }
            all.push((y, span.start + at));
        }
    }
    let mut best: Option<(usize, i32, usize)> = None;
    for &(y, at) in &all {
        let count = all.iter().filter(|(o, _)| *o == y).count();
        if best.is_none_or(|(c, by, _)| count > c || (count == c && y > by)) {
            best = Some((count, y, at));
        }
    }
    best.map(|(_, y, at)| located(text, index, y, Span::new(at, at + 4)))
}

#[cfg(test)]
mod tests {
    /// Lines passed over by `may_open_heading` are those `heading_prefix` reads no heading in,
    /// whether emphasis is taken off them or not.
    #[test]
    fn lines_passed_over_open_no_heading() {
        let pieces = [
            "0",
            "1",
            "12",
            "123",
            " ",
            "\u{3000}",
            ".",
            "、",
            ",",
            ":",
            "：",
            "a",
            "*",
            "**",
            "#",
            "_",
            "部分",
            "总体情况",
            "3",
            "|",
            "-",
            "二",
            "第",
            "十",
        ];
        let mut passed_over = 0;
        for t in crate::text::triples(&pieces) {
            for l in [t.clone(), format!("**{t}**"), format!("## {t}")] {
                if !super::may_open_heading(&l) {
                    passed_over += 1;
                    assert_eq!(lex::heading_prefix(&l), None, "{l:?}");
                    assert_eq!(lex::heading_prefix(super::unemphasized(&l)), None, "{l:?}");
                }
            }
        }
        // the test is of use: most of these lines are passed over, among them lines of digits
        assert!(passed_over > 20_000, "{passed_over}");
        assert!(!super::may_open_heading("0") && !super::may_open_heading("12 0 3"));
        assert!(super::may_open_heading("1.总体情况") && super::may_open_heading("**二、"));
    }

    /// The prefix `heading_kind_and_prefix` hands back is the one `heading_prefix` reads on the
    /// line as given, and it is handed back for every line without emphasis (the commonest).
    #[test]
    fn the_prefix_handed_back_is_that_of_the_line() {
        let patterns = crate::text::section_patterns();
        let pieces = [
            "二、",
            "二",
            "（一）",
            "1.",
            "第三部分",
            "**",
            "## ",
            " ",
            "主动公开政府信息情况",
            "总体情况",
            "行政许可",
            "0",
            "|",
            "、",
        ];
        let mut handed = 0;
        for t in crate::text::triples(&pieces) {
            let (_, prefix) = super::heading_kind_and_prefix(&t, patterns);
            if let Some(p) = prefix {
                handed += 1;
                assert_eq!(p, lex::heading_prefix(&t), "{t:?}");
            } else if t.chars().count() <= 60 {
                // not handed back only when emphasis was taken off
                assert_ne!(super::unemphasized(&t), t, "{t:?}");
            }
        }
        assert!(handed > 2_000, "{handed}");
    }

    use super::*;

    fn kinds(text: &str) -> Vec<SectionKind> {
        headings(text, &lines(text))
            .iter()
            .map(|h| h.kind)
            .collect()
    }

    #[test]
    fn headings_match_on_full_text_not_numerals() {
        let text = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    一、本年新收政府信息公开申请数量 |\n四、结转下年度继续办理 |\n\
                    四、政府信息公开行政复议、行政诉讼情\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
        assert_eq!(kinds(text), SectionKind::ALL.to_vec());
    }

    #[test]
    fn masked_headings_are_found_but_masked_rows_are_not_headings() {
        let text = "二、****政府信息情况\n三、****政府信息公开申请情况\n\
                    一、****政府信息公开申请数量 | 4 |\n二、****政府信息公开申请数量 | 0 |\n";
        assert_eq!(
            kinds(text),
            vec![SectionKind::Proactive, SectionKind::Requests]
        );
    }

    #[test]
    fn renumbered_and_worded_headings_are_found_by_their_text() {
        // a report that merged two parts: the request table stands under 二、
        let text = "第一部分 总体情况\n二、收到和处理政府信息公开申请情况\n三 政府信息公开行政复议、行政诉讼情况\n";
        assert_eq!(
            kinds(text),
            vec![
                SectionKind::Overview,
                SectionKind::Requests,
                SectionKind::Appeals
            ]
        );
    }

    #[test]
    fn markdown_emphasis_around_a_heading() {
        assert_eq!(
            kinds("## **二、主动公开政府信息情况**\n**三、收到和处理政府信息公开申请情况**"),
            vec![SectionKind::Proactive, SectionKind::Requests]
        );
    }

    #[test]
    fn heading_variants() {
        assert_eq!(
            kinds("#### 四、政府信息公开行政复议、行政诉讼情况"),
            vec![SectionKind::Appeals]
        );
        assert_eq!(
            kinds(" 五、政府信息公开工作存在的主要问题及改进情况"),
            vec![SectionKind::Problems]
        );
        assert_eq!(
            kinds("三 、 收 到 和 处 理 政 府 信 息 公 开 申 请 情 况"),
            vec![SectionKind::Requests]
        );
        assert!(kinds("一是加强学习").is_empty());
        assert!(kinds("三、本年度办理结果 |").is_empty());
    }
}
