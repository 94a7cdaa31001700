//! Structure in text that lost its line breaks.
//!
//! A web page extracted without line breaks gives the whole article on one line: the section
//! headings, the prose and every row of the three tables run into each other
//! (`…传承人。二、主动公开政府信息情况第二十条第（一）项…规章 0 0 0规范性文件 0 3 3…`). The
//! structure is still in the text: section headings are found by their numeral and title
//! wherever they stand, and inside a stretch of table text the rows are found by their labels
//! (numbering such as `（一）` or `2.`, and the keywords of table 二's rows). A line break is
//! inserted before each heading, after its title, before each row label and around each run of
//! values, so that the readers after this one see the lines a clean report has.
//!
//! Nothing is removed and nothing but line breaks is added: [`Reflow::span`] maps every span of
//! the reflowed text back into the original. Text that already has its line breaks gets none
//! added (each heading already starts its line; no line holds three row labels).

use report_model::{SectionKind, Span};

use crate::text::Pattern;

/// What stands before a numeral that is an item of a list or a reference (`包括：一、…；二、`,
/// `第（一）项`), not a heading or a row: a numeral after one of them opens nothing.
const LIST_SEPARATORS: [char; 12] = [
    '；', ';', '，', ',', '、', '（', '(', '《', '“', '"', '—', '-',
];

/// The text with line breaks inserted, and the map back to the original.
pub(crate) struct Reflow {
    pub(crate) text: String,
    /// Offsets in the reflowed text of the inserted line breaks, ascending.
    inserted: Vec<usize>,
    /// The runs of values cut out of table text, in the reflowed text: their separators may be
    /// lost (`规章000`), so their digits may be split.
    pub(crate) loose: Vec<Span>,
}

impl Reflow {
    /// The original offset of offset `at` of the reflowed text (an inserted line break maps to
    /// the offset it was inserted before).
    pub(crate) fn map(&self, at: usize) -> usize {
        at - self.inserted.partition_point(|&p| p < at)
    }

    /// The original span of reflowed span `span`.
    pub(crate) fn span(&self, span: Span) -> Span {
        let start = self.map(span.start);
        if span.is_empty() {
            return Span::empty(start);
        }
        let end = self.map(span.end).max(start);
        Span::new(start, end)
    }
}

/// Breaks `text` where its structure runs on without one. `None` when no break is needed.
pub(crate) fn reflow(text: &str) -> Option<Reflow> {
    let patterns = crate::text::section_patterns();
    let mut breaks: Vec<usize> = Vec::new();
    let mut runs: Vec<Span> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    // buffers reused from line to line
    let (mut cuts, mut bounds, mut inner): (Vec<usize>, Vec<usize>, Vec<usize>) =
        (Vec::new(), Vec::new(), Vec::new());
    for raw in crate::text::lines_inclusive(text) {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += raw.len();
        if line.trim().is_empty() {
            continue;
        }
        // headings inside the line, and the pieces between them
        cuts.clear();
        for (at, end) in headings_in(line, patterns) {
            // markdown marks before the heading (`#### 五、…`, `**五、…**`) go with it; a mask
            // before it (`**** 四、…`, a masked cell) does not
            let marks = line[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '#');
            let marks = if line[..at].ends_with("**") && !line[..at].ends_with("***") {
                &line[..at - 2]
            } else {
                marks
            };
            let at = if line[marks.len()..at].contains(['#', '*']) {
                marks.len()
                    + (line[marks.len()..at].len() - line[marks.len()..at].trim_start().len())
            } else {
                at
            };
            // markdown marks before a heading are part of its line
            if !line[..at]
                .trim_matches(|c: char| c.is_whitespace() || c == '#' || c == '*')
                .is_empty()
            {
                cuts.push(at);
            }
            let rest = line[end..].trim_matches(|c: char| c.is_whitespace() || is_punct(c));
            if !rest.is_empty() {
                cuts.push(end);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        bounds.clear();
        bounds.push(0);
        bounds.extend(&cuts);
        bounds.push(line.len());
        inner.clear();
        for w in bounds.windows(2) {
            table_breaks(
                line,
                (w[0], w[1]),
                start,
                &mut runs,
                &mut starts,
                &mut inner,
            );
        }
        cuts.extend(&inner);
        cuts.sort_unstable();
        cuts.dedup();
        breaks.extend(cuts.iter().filter(|&&c| c > 0).map(|&c| start + c));
    }
    if breaks.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + breaks.len());
    let mut at = 0;
    for &b in &breaks {
        out.push_str(&text[at..b]);
        out.push('\n');
        at = b;
    }
    out.push_str(&text[at..]);
    let inserted = breaks.iter().enumerate().map(|(k, &b)| b + k).collect();
    let loose = runs
        .iter()
        .map(|r| {
            Span::new(
                r.start + breaks.partition_point(|&b| b <= r.start),
                r.end + breaks.partition_point(|&b| b < r.end),
            )
        })
        .collect();
    Some(Reflow {
        text: out,
        inserted,
        loose,
    })
}

fn is_punct(c: char) -> bool {
    [
        '。', '，', ',', '；', ';', '：', ':', '、', '.', '．', '!', '！', '?', '？', '"', '“',
        '”', '\'', '‘', '’', ')', '）', '》',
    ]
    .contains(&c)
}

/// The section numeral of `c` (`一` is 0 … `六` is 5).
fn numeral_of(c: char) -> Option<usize> {
    "一二三四五六".chars().position(|n| n == c)
}

/// Where a section numeral stands directly before `、`, `.` or `．`, not after a list separator
/// or another numeral (past spaces): `(offset of the numeral, offset of the separator, its
/// section, the separator)`, in line order. The separators are found on the bytes (`.`, and the last bytes of `、` E3 80 81
/// and `．` EF BC 8E, searched for many bytes at a time), each looked behind, not by decoding
/// every character.
fn numbered_separators(line: &str) -> impl Iterator<Item = (usize, usize, usize, char)> + '_ {
    let bytes = line.as_bytes();
    memchr::memchr3_iter(b'.', 0x81, 0x8E, bytes).filter_map(move |i| {
        let sep_at = match bytes[i] {
            b'.' => i,
            0x81 if i >= 2 && bytes[i - 2] == 0xE3 && bytes[i - 1] == 0x80 => i - 2,
            0x8E if i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC => i - 2,
            _ => return None,
        };
        let c = line[..sep_at].chars().next_back()?;
        let sep = line[sep_at..].chars().next()?;
        let numeral = numeral_of(c)?;
        let at = sep_at - c.len_utf8();
        // the last character before the numeral that is not a space
        let before = line[..at].chars().rev().find(|c| !c.is_whitespace());
        if before.is_some_and(|p| LIST_SEPARATORS.contains(&p) || numeral_of(p).is_some()) {
            return None;
        }
        Some((at, sep_at, numeral, sep))
    })
}

/// Section headings inside `line`: `(start, end of the title)` byte offsets. A heading is a
/// numeral 一–六 and `、` (or `.`), not after a list separator, followed by text whose start
/// matches the title of that numeral's section.
fn headings_in(line: &str, patterns: &[Pattern; 6]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (at, after, numeral, sep) in numbered_separators(line) {
        let kind = SectionKind::ALL[numeral];
        // the first 40 characters after the separator and its spaces, on the stack
        let mut content = [(0usize, '\0'); 40];
        let mut n = 0;
        for item in line[after + sep.len_utf8()..]
            .char_indices()
            .map(|(i, c)| (after + sep.len_utf8() + i, c))
            .skip_while(|(_, c)| c.is_whitespace())
            .take(content.len())
        {
            content[n] = item;
            n += 1;
        }
        let content = &content[..n];
        if let Some(end) = best_title_end(content, &patterns[numeral], kind, line.len()) {
            // an item of a list of the parts (`包括：一、总体情况；二、…`), not a heading; nor
            // a table row whose masked label looks like one, values after it
            let after = &line[end..];
            let listed = after.trim_start().starts_with(['；', ';', '，', ',', '、']);
            let near: &str = &after[..after.char_indices().nth(12).map_or(after.len(), |(i, _)| i)];
            // two or more numbers, or a glued run of five digits or more
            let valued = value_runs(near).iter().any(|&(s, e)| {
                let run = &near[s..e];
                run.split_whitespace().count() >= 2
                    || run.chars().filter(char::is_ascii_digit).count() >= 5
            });
            if !listed && !valued {
                found.push((at, end));
            }
        }
    }
    found
}

/// Where the title starting at `content[0]` ends: the prefix that matches the title best.
fn best_title_end(
    content: &[(usize, char)],
    pattern: &Pattern,
    kind: SectionKind,
    line_len: usize,
) -> Option<usize> {
    let title_len = kind.title().chars().count();
    let lo = title_len.saturating_sub(title_len / 2).max(2);
    let hi = (title_len + 10).min(content.len());
    // the normalised characters of the first `hi`, each with the raw prefix length it ends
    // on the stack: `content` holds at most 40 characters
    let (mut chars, mut raw_len, mut n) = (['\0'; 40], [0usize; 40], 0);
    for (k, &(_, c)) in content[..hi.min(chars.len())].iter().enumerate() {
        if let Some(c) = crate::text::normalize_char(c) {
            chars[n] = c;
            raw_len[n] = k + 1;
            n += 1;
        }
    }
    let (chars, raw_len) = (&mut chars[..n], &raw_len[..n]);
    // word substitutions keep the length (`資訊` → `信息`): positions stay
    crate::text::fix_words(chars);
    let sims = pattern.prefix_similarities(chars);
    let mut best: Option<(u32, usize)> = None;
    for (sim, &len) in sims.iter().zip(raw_len) {
        if len < lo {
            continue;
        }
        let (p, r) = (sim.precision, sim.recall);
        if !((p >= 850 && r >= 600) || (r >= 900 && p >= 550)) {
            continue;
        }
        let end = content.get(len).map_or(line_len, |&(i, _)| i).min(line_len);
        if best.is_none_or(|(f, _)| sim.f1() > f) {
            best = Some((sim.f1(), end));
        }
    }
    best.map(|(_, end)| end)
}

/// Breaks inside `line[from..to]` when it is a stretch of table text: before each row label,
/// and, when nothing separates its cells but single spaces, around each run of values. A
/// stretch is table text when it holds at least three row labels, which no line of a table laid
/// out in lines has.
///
/// The breaks are appended to `out`; `starts` is a buffer for the stretch's row starts.
fn table_breaks(
    line: &str,
    (from, to): (usize, usize),
    line_start: usize,
    runs: &mut Vec<Span>,
    starts: &mut Vec<usize>,
    out: &mut Vec<usize>,
) {
    let piece = &line[from..to];
    row_starts_into(piece, starts);
    let dense = starts.len() >= 3;
    // Cells separated by `|` or tabs: a row label at the start of a cell that follows a value
    // cell opens the next row (`… | 21 | 二、上年结转… |`). In a stretch that is clearly a
    // flattened table (three row labels or more), so does any text cell after a value cell,
    // whether the template has its row or not (a local extra row).
    if let Some(sep) = ['|', '\t']
        .into_iter()
        .find(|&c| crate::text::has_byte(piece, c as u8))
    {
        use crate::tokens::{Class, classify};
        // one row label at most, at the start: a row on its line already
        if !dense && starts.iter().all(|&s| s == 0) {
            return;
        }
        let base = out.len();
        let mut seen_value = false;
        let mut at = 0;
        for field in piece.split(sep) {
            let lead = field.len() - field.trim_start().len();
            // after the values the field itself starts with (`12 行政规范性文件`)
            let mut skip = lead;
            for word in field[lead..].split(' ') {
                if word.is_empty() || matches!(classify(word), Class::Value(_)) {
                    skip += word.len() + 1;
                } else {
                    break;
                }
            }
            let skip = skip.min(field.len());
            let labelled = starts.binary_search(&(at + skip)).is_ok();
            match classify(field.trim()) {
                Class::Value(_) => seen_value = true,
                Class::Text | Class::Invalid if seen_value && (labelled || dense) => {
                    out.push(from + at + skip);
                    seen_value = false;
                }
                Class::Text | Class::Invalid => seen_value = skip > lead && seen_value,
                Class::Empty | Class::Glued => {}
            }
            at += field.len() + sep.len_utf8();
        }
        if dense {
            out.extend(starts.iter().filter(|&&s| s > 0).map(|&s| from + s));
        }
        // tabs before a row's label indent it: they go with it, not with the row before
        if sep == '\t' {
            for b in &mut out[base..] {
                // the one tab directly before the label (`1483 \t3.危及`, an indented line
                // whose break became a space); a tab before a space ends the row before with a
                // blank cell (`/\t 第二十条`), and tabs before it stand between blank cells
                if line[..*b].ends_with('\t') && *b > from {
                    *b -= 1;
                }
            }
        }
        // a markdown table (its rule `|---|` on the same line): each row opens with a `|`,
        // which goes with the row it opens
        if sep == '|' && piece.contains("|---") {
            for b in &mut out[base..] {
                let before = line[from..*b].trim_end_matches(|c: char| c.is_whitespace());
                if before.ends_with('|') && before[..before.len() - 1].trim_end().ends_with('|') {
                    *b = from + before.len() - 1;
                }
            }
        }
        // (the caller sorts the breaks and drops repeated ones)
        return;
    }
    if !dense {
        return;
    }
    out.extend(starts.iter().filter(|&&s| s > 0).map(|&s| from + s));
    if piece.contains("  ") {
        return;
    }
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(piece.len());
        let label = &piece[a..b];
        for (s, e) in value_runs(label) {
            let at = line_start + from + a;
            runs.push(Span::new(at + s, at + e));
            if !label[..s].trim().is_empty() {
                out.push(from + a + s);
            }
            if !label[e..].trim().is_empty() {
                out.push(from + a + e);
            }
        }
    }
}

/// Keywords that open a row of table 二 (which has no numbering) or a header of its blocks.
fn keywords() -> &'static [&'static str] {
    use std::sync::OnceLock;
    static KEYWORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let mut k = vec![
            "第二十条",
            "行政规范性文件",
            "规范性文件",
            "其他对外管理服务事项",
            "行政事业性收费",
            "政府集中采购",
            "申请人情况",
        ];
        k.extend(
            report_model::Row::all(report_model::TableKind::Proactive)
                .flat_map(|r| r.def().keywords.iter().copied())
                .filter(|k| !k.contains('(')),
        );
        // longer first, so that a keyword inside another is not a start of its own
        k.sort_by_key(|s| std::cmp::Reverse(s.len()));
        k.dedup();
        k
    })
}

/// The first characters of the [`keywords`], simplified and traditional.
fn keyword_firsts() -> &'static crate::text::CharSet {
    use std::sync::OnceLock;
    static FIRSTS: OnceLock<crate::text::CharSet> = OnceLock::new();
    FIRSTS.get_or_init(|| {
        let firsts: Vec<char> = keywords().iter().filter_map(|k| k.chars().next()).collect();
        let traditional: Vec<char> = firsts
            .iter()
            .flat_map(|&c| crate::text::traditional_of(c))
            .collect();
        crate::text::CharSet::new(firsts.into_iter().chain(traditional))
    })
}

/// The character that starts at byte `at` of `text` (a character boundary), and its width in
/// bytes: the ASCII and the three-byte characters (CJK) decoded here, the others by `str`.
#[inline]
fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b = bytes[at];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    if b & 0xF0 == 0xE0
        && let (Some(&b1), Some(&b2)) = (bytes.get(at + 1), bytes.get(at + 2))
        && let Some(c) = char::from_u32(
            (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
        )
    {
        return (c, 3);
    }
    let c = text[at..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// The characters [`row_starts_into`] looks at: brackets, the numerals and digits that open a
/// numbering, and the [`keyword_firsts`].
fn row_start_chars() -> &'static crate::text::CharSet {
    use std::sync::OnceLock;
    static CHARS: OnceLock<crate::text::CharSet> = OnceLock::new();
    CHARS.get_or_init(|| keyword_firsts().with("()（）一二三四123456789".chars()))
}

/// The [`keywords`] by their first (simplified) character, sorted by it; under each, longer first.
fn keyword_index() -> &'static [(char, Vec<&'static str>)] {
    use std::sync::OnceLock;
    static INDEX: OnceLock<Vec<(char, Vec<&'static str>)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(char, Vec<&'static str>)> = Vec::new();
        // in the order of `keywords` (longer first) under each first character
        for &k in keywords() {
            let Some(first) = k.chars().next() else {
                continue;
            };
            match index.iter_mut().find(|(c, _)| *c == first) {
                Some((_, list)) => list.push(k),
                None => index.push((first, vec![k])),
            }
        }
        index.sort_by_key(|&(c, _)| c);
        index
    })
}

/// Where row labels start in a stretch of table text: the numbering of table 三's rows
/// (`二、`, `（一）`, `1.`, also right after the digits of the row before: `…0 02.其他`) and table
/// 二's keywords. Byte offsets, ascending.
pub(crate) fn row_starts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    row_starts_into(text, &mut cuts);
    cuts
}

/// [`row_starts`] in a buffer (cleared first).
///
/// One pass over the bytes: ASCII bytes are looked at alone (only brackets and digits matter
/// there), other characters decoded where they start.
fn row_starts_into(text: &str, cuts: &mut Vec<usize>) {
    cuts.clear();
    let (firsts, index, wanted) = (keyword_firsts(), keyword_index(), row_start_chars());
    let mut skip_until = 0;
    // parentheses open around the position: a keyword inside them (`(指除规章和…)`) names no row
    let mut depth = 0usize;
    let mut at = 0;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        // every character not in `wanted` changes nothing below: ASCII and three-byte
        // characters (CJK, most of the text) are told from their code and stepped over
        // without decoding them into a `char`
        if b.is_ascii() {
            if !wanted.contains_code(u32::from(b)) {
                at += 1;
                continue;
            }
        } else if b & 0xF0 == 0xE0
            && let (Some(&b1), Some(&b2)) = (bytes.get(at + 1), bytes.get(at + 2))
            && !wanted.contains_code(
                (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
            )
        {
            at += 3;
            continue;
        }
        // `at` stands where a character starts: whole characters are stepped
        let (c, width) = char_at(text, at);
        let here = at;
        at += width;
        if !wanted.contains(c) {
            continue;
        }
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if here < skip_until {
            continue;
        }
        // the characters after this one, looked at only for the few that may open a numbering
        let after = || text[at..].chars();
        let numbering = match c {
            // the next character that is not a space (`三 、 本 年 度` spaces every character)
            '一' | '二' | '三' | '四' => after().find(|c| !c.is_whitespace()) == Some('、'),
            '（' | '(' => {
                let mut next = after();
                next.next()
                    .is_some_and(|d| ['一', '二', '三', '四', '五', '六', '七'].contains(&d))
                    && next.next().is_some_and(|p| ['）', ')'].contains(&p))
                    && !text[..here].ends_with('第')
            }
            '1'..='9' => {
                let mut next = after();
                next.next().is_some_and(|p| ['.', '、', '．'].contains(&p))
                    && next.next().is_some_and(|t| {
                        (!t.is_ascii() && t.is_alphabetic()) || ['*', '＊'].contains(&t)
                    })
            }
            _ => false,
        };
        if numbering {
            cuts.push(here);
            continue;
        }
        // keywords compared on simplified characters (`規範性檔案`), after their first
        if depth > 0 || c.is_ascii() || !firsts.contains(c) {
            continue;
        }
        let Ok(at_first) = index.binary_search_by_key(&crate::text::simplify(c), |&(f, _)| f)
        else {
            continue;
        };
        // the text's characters from here, simplified once each, as far as a keyword asks
        let mut rest = text[here..].chars();
        let mut simplified = ['\0'; 24];
        let mut filled = 0;
        let mut starts_with = |k: &str| {
            k.chars().enumerate().all(|(i, kc)| {
                if i >= simplified.len() {
                    return false;
                }
                while filled <= i {
                    match rest.next() {
                        Some(c) => simplified[filled] = crate::text::simplify(c),
                        None => return false,
                    }
                    filled += 1;
                }
                simplified[i] == kc
            })
        };
        if let Some(k) = index[at_first].1.iter().find(|k| starts_with(k)) {
            cuts.push(here);
            skip_until = here
                + text[here..]
                    .chars()
                    .take(k.chars().count())
                    .map(char::len_utf8)
                    .sum::<usize>();
        }
    }
    cuts.dedup();
}

/// Runs of values inside a row's stretch: digits with the spaces, signs, separators and units
/// between and after them (`1 0 0 0 0 01`, `45.82万元`, `+29`), and placeholders standing
/// between spaces (` / `). The row's own numbering at its start is not a value. Byte ranges.
fn value_runs(text: &str) -> Vec<(usize, usize)> {
    // room for every character made once (counting them is cheap): collecting a long line
    // (a whole article on one) grew and copied the vector a dozen times
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.chars().count());
    chars.extend(text.char_indices());
    // skip the numbering: `2.`, `（一）`, `一、`
    let mut i = 0;
    if chars.first().is_some_and(|&(_, c)| c.is_ascii_digit()) {
        while chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit()) {
            i += 1;
        }
        i += 1;
    }
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    let mut runs = Vec::new();
    while i < chars.len() {
        let (at, c) = chars[i];
        let signed =
            matches!(c, '+' | '-') && chars.get(i + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
        let placeholder = matches!(c, '/' | '-' | '—' | '*')
            && i.checked_sub(1).is_none_or(|p| is_space(chars[p].1))
            && chars.get(i + 1).is_none_or(|&(_, d)| is_space(d));
        if !(c.is_ascii_digit() || signed || placeholder) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut end = at;
        while j < chars.len() {
            let (o, d) = chars[j];
            let value_char = d.is_ascii_digit()
                || (matches!(d, '.' | ',')
                    && chars.get(j + 1).is_some_and(|&(_, e)| e.is_ascii_digit()))
                || (matches!(d, '+' | '-')
                    && chars.get(j + 1).is_some_and(|&(_, e)| e.is_ascii_digit()))
                || (matches!(d, '/' | '-' | '—' | '*')
                    && chars.get(j + 1).is_none_or(|&(_, e)| is_space(e)));
            if value_char {
                end = o + d.len_utf8();
                j += 1;
            } else if is_space(d) {
                j += 1;
            } else {
                break;
            }
        }
        // a unit written after the last value
        for unit in ["万元", "元", "%"] {
            if text[end..].starts_with(unit) {
                end += unit.len();
                break;
            }
        }
        // a count in prose (`5条`, `2019年`), not a cell: no label starts with a measure word
        let counted = text[end..]
            .chars()
            .find(|c| !is_space(*c))
            .is_some_and(|c| {
                [
                    '条', '件', '项', '个', '年', '月', '日', '号', '人', '次', '类', '名', '家',
                    '篇', '期', '份', '户', '届', '时', '分', '秒', '倍', '天', '周', '亿',
                ]
                .contains(&c)
            });
        if !counted {
            runs.push((at, end));
        }
        i = chars.partition_point(|&(o, _)| o < end);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        reflow(text).map_or_else(
            || text.lines().map(str::to_owned).collect(),
            |r| r.text.lines().map(str::to_owned).collect(),
        )
    }

    /// `numbered_separators` as the character-by-character scan it replaced found them.
    fn numbered_separators_by_chars(line: &str) -> Vec<(usize, usize, usize, char)> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (at, c) in line.char_indices() {
            let before = prev;
            if !c.is_whitespace() {
                prev = Some(c);
            }
            let Some(numeral) = numeral_of(c) else {
                continue;
            };
            let after = at + c.len_utf8();
            let Some(sep) = line[after..].chars().next() else {
                continue;
            };
            if !matches!(sep, '、' | '.' | '．') {
                continue;
            }
            if before.is_some_and(|p| LIST_SEPARATORS.contains(&p) || numeral_of(p).is_some()) {
                continue;
            }
            out.push((at, after, numeral, sep));
        }
        out
    }

    #[test]
    fn numbered_separators_found_on_bytes_as_on_characters() {
        let pieces = [
            "一",
            "二",
            "六",
            "七",
            "、",
            ".",
            "．",
            " ",
            "\u{3000}",
            "；",
            "(",
            "总体情况",
            "a",
            "1",
            "。",
            "\u{0E81}",
            "\u{3081}",
            "\u{FF0E}",
            "\u{EF8E}",
        ];
        let lines: Vec<String> = crate::text::triples(&pieces)
            .into_iter()
            .flat_map(|t| ["", "二、", " 三."].map(|d| format!("{t}{d}")))
            .collect();
        let mut found = 0;
        for l in &lines {
            let by_bytes: Vec<_> = numbered_separators(l).collect();
            assert_eq!(by_bytes, numbered_separators_by_chars(l), "{l:?}");
            found += by_bytes.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn keywords_fit_the_buffer_they_are_compared_in() {
        // `row_starts_into` simplifies at most 24 characters ahead
        assert!(keywords().iter().all(|k| k.chars().count() <= 24));
        let text = "本年規範性檔案 行政许可 行政處罰 (行政强制) 其他对外管理服务事项";
        let starts = row_starts(text);
        let at = |w: &str| text.find(w).unwrap();
        assert_eq!(
            starts,
            [at("規範性"), at("行政许可"), at("行政處罰"), at("其他对外")]
        );
    }

    #[test]
    fn characters_are_stepped_as_str_steps_them() {
        let text = "a一、（一）\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}😀規範 2.其";
        let mut at = 0;
        let mut seen = Vec::new();
        while at < text.len() {
            let (c, width) = char_at(text, at);
            seen.push((at, c));
            at += width;
        }
        assert_eq!(seen, text.char_indices().collect::<Vec<_>>());
    }

    #[test]
    fn headings_inside_a_line_start_lines_of_their_own() {
        let text = "本报告包括总体情况、主动公开政府信息情况等六个部分。一、总体情况（一）加强领导。\
                    我局主动公开信息140条。二、主动公开政府信息情况第二十条第（一）项信息内容";
        let l = lines(text);
        assert_eq!(l[0], "本报告包括总体情况、主动公开政府信息情况等六个部分。");
        assert_eq!(l[1], "一、总体情况");
        assert_eq!(l[2], "（一）加强领导。我局主动公开信息140条。");
        assert_eq!(l[3], "二、主动公开政府信息情况");
        assert_eq!(l[4], "第二十条第（一）项信息内容");
    }

    #[test]
    fn rows_of_a_table_on_one_line_get_lines_of_their_own() {
        let text = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1二、上年结转政府信息公开申请数量0 0 0 0 0 0 0\
                    三、本年度办理结果（一）予以公开 1 0 0 0 0 01（三）不予公开1.属于国家秘密 0 0 0 0 0 0 0\
                    2.其他法律行政法规禁止公开 0 0 0 0 0 0 0";
        let l: Vec<String> = lines(text).iter().map(|s| s.trim().to_owned()).collect();
        assert_eq!(
            l,
            [
                "一、本年新收政府信息公开申请数量",
                "1 0 0 0 0 0 1",
                "二、上年结转政府信息公开申请数量",
                "0 0 0 0 0 0 0",
                "三、本年度办理结果",
                "（一）予以公开",
                "1 0 0 0 0 01",
                "（三）不予公开",
                "1.属于国家秘密",
                "0 0 0 0 0 0 0",
                "2.其他法律行政法规禁止公开",
                "0 0 0 0 0 0 0",
            ]
        );
    }

    #[test]
    fn table_two_rows_are_found_by_their_keywords() {
        let text = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000\
                    行政规范性文件24432第二十条第（五）项信息内容本年处理决定数量行政许可202";
        let l = lines(text);
        assert!(l.contains(&"行政规范性文件".to_owned()), "{l:?}");
        assert!(l.contains(&"24432".to_owned()), "{l:?}");
        assert!(l.contains(&"规章".to_owned()), "{l:?}");
        assert!(l.contains(&"202".to_owned()), "{l:?}");
    }

    #[test]
    fn lines_of_a_clean_report_are_left_alone() {
        let text = "一、总体情况\n全年共接收申请4件。\n三、收到和处理政府信息公开申请情况\n\
                    一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n";
        assert!(reflow(text).is_none());
    }

    #[test]
    fn spans_map_back() {
        let text = "前言。一、总体情况正文";
        let r = reflow(text).expect("breaks");
        let at = r.text.find("正文").unwrap();
        assert_eq!(
            r.span(Span::new(at, at + "正文".len())).start,
            text.find("正文").unwrap()
        );
        let h = r.text.find("一、").unwrap();
        assert_eq!(r.map(h), text.find("一、").unwrap());
    }
}
