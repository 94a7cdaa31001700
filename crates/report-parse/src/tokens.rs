//! Turning the text of a table into a stream of tokens, whatever its layout.
//!
//! Every layout reduces to the same stream: labels (text), values (numbers, placeholders, masks)
//! and empty cells, each with its span, and for each token whether its line held a whole row
//! (several cells) or a single cell. The alignment in `table.rs` then works on the stream alone.

use report_model::{Layout, Span};

use crate::lex::{self, Lexeme};
use crate::text::{Norm, has_byte, has_wide_gap};

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Class {
    /// An empty cell (a `|`- or tab-only line, or an empty field of a row).
    Empty,
    /// A readable cell value.
    Value(Lexeme),
    /// Text: a label, a header, part of a label, or prose.
    Text,
    /// Text standing where a value must be (after the first value of a row line), or text that
    /// is mostly digits.
    Invalid,
    /// A run of digits whose separators were lost (`1520000017`), glued to the labels around
    /// it: several cells in one token, split by `glue`.
    Glued,
}

/// One token: 64 bytes (a table of a million cells holds a million of them). Its text is
/// [`Token::text`], the document at its span: not stored.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Where the trimmed text stands in the document.
    pub(crate) span: Span,
    pub(crate) class: Class,
    /// Index of the line in the region.
    pub(crate) line: usize,
    /// Whether the token's line holds several non-empty fields (a row per line).
    pub(crate) row_line: bool,
    /// Normalised text, for text tokens.
    pub(crate) norm: Option<Norm>,
    /// Whether the token stands in a field of a `|`- or tab-separated line: a cell of its own,
    /// whose digits are never split or joined to a neighbour's.
    pub(crate) boxed: bool,
    /// Whether the token's separators may have been lost (a glued run, a value of a
    /// space-separated row, a run of values cut out of one-line text): its digits may be split.
    pub(crate) loose: bool,
    /// Whether the token was cut out of text that ran on without line breaks (a one-line
    /// article): its spaces are the page's, which may lie.
    pub(crate) ran_on: bool,
    /// The document the token was read from.
    pub(crate) source: std::marker::PhantomData<&'a str>,
}

// the memory of a table of a million cells: kept at 64 bytes a token
const _: () = assert!(std::mem::size_of::<Token<'static>>() <= 64);

impl<'a> Token<'a> {
    /// The trimmed text, in `document` (the text the token was read from).
    pub(crate) fn text(&self, document: &'a str) -> &'a str {
        document.get(self.span.start..self.span.end).unwrap_or("")
    }

    pub(crate) fn is_value_like(&self) -> bool {
        matches!(
            self.class,
            Class::Empty | Class::Value(_) | Class::Invalid | Class::Glued
        )
    }

    pub(crate) fn is_filled(&self) -> bool {
        matches!(self.class, Class::Value(_) | Class::Invalid | Class::Glued)
    }
}

/// How one line was split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineShape {
    Blank,
    PipeCell,
    PipeRow,
    TabCell,
    TabRow,
    Plain,
    MarkdownRow,
    SpaceRow,
}

/// The tokens of `text[region]`, and the layout its lines show.
pub(crate) fn tokenize(text: &str, region: Span) -> (Vec<Token<'_>>, Layout) {
    let mut shapes = [0usize; 8];
    let body = &text[region.start..region.end];
    // room for a token per cell separator and line, made once: a table of a million cells
    // grows no vector by doubling (which held the old and the new at once)
    let separators =
        crate::text::count_bytes(body.as_bytes(), |b| matches!(b, b'\t' | b'|' | b'\n'));
    let mut tokens = Vec::with_capacity(separators + 1);
    // A leading `|` opens a markdown row, or stands after an empty first cell of a pipe row:
    // the table's other rows tell which.
    let (mut opened, mut bare) = (0usize, 0usize);
    for line in crate::text::lines(body) {
        // (a line without a bar, most of them, is not trimmed for nothing)
        if !has_byte(line, b'|') {
            continue;
        }
        let t = trim_space(line);
        if t.chars().any(|c| c != '|') {
            if t.starts_with('|') {
                opened += 1
            } else {
                bare += 1
            }
        }
    }
    let markdown = opened > bare;
    let mut offset = region.start;
    // a line's field ranges, and the buffers of a line split at spaces, reused from line to line
    let mut fields = Vec::new();
    let mut spaces = SpaceBuffers::default();
    for (line_no, raw_line) in crate::text::lines_inclusive(body).enumerate() {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let before = tokens.len();
        let shape = split_line(
            line,
            line_start,
            line_no,
            markdown,
            &mut fields,
            &mut spaces,
            &mut tokens,
        );
        let boxed = memchr::memchr2(b'|', b'\t', line.as_bytes()).is_some();
        // single spaces between a row's values may have lost one (`1 0 0 0 0 01`); columns
        // aligned with wide gaps (`pdftotext -layout`) have not, but may have lost a blank
        // cell, which no split can tell
        let aligned = tokens.len() > before && has_wide_gap(line);
        for t in &mut tokens[before..] {
            t.boxed = boxed;
            t.loose = t.class == Class::Glued || (t.row_line && !boxed && !aligned);
        }
        let slot = match shape {
            LineShape::Blank => continue,
            LineShape::PipeCell => 0,
            LineShape::PipeRow => 1,
            LineShape::TabCell => 2,
            LineShape::TabRow => 3,
            LineShape::MarkdownRow => 4,
            LineShape::SpaceRow => 5,
            // a line that is one value and nothing else counts apart
            LineShape::Plain
                if tokens
                    .last()
                    .is_some_and(|t| matches!(t.class, Class::Value(_))) =>
            {
                7
            }
            LineShape::Plain => 6,
        };
        shapes[slot] += 1;
    }
    let layout = if tokens.iter().any(|t| t.class == Class::Glued) {
        Layout::Glued
    } else {
        layout_of(&shapes)
    };
    (tokens, layout)
}

fn layout_of(shapes: &[usize; 8]) -> Layout {
    let layouts = [
        Layout::PipeCells,
        Layout::PipeRows,
        Layout::TabCells,
        Layout::TabRows,
        Layout::Markdown,
        Layout::SpaceAligned,
    ];
    let tabular: usize = shapes[..6].iter().sum();
    let (best, &count) = shapes[..6]
        .iter()
        .enumerate()
        .max_by_key(|&(i, c)| (*c, usize::MAX - i))
        .unwrap_or((0, &0));
    let (plain, plain_values) = (shapes[6], shapes[7]);
    if plain_values >= 3 && tabular * 5 < tabular + plain + plain_values {
        // lines of one cell each, nothing between them: text copied out of a table
        Layout::PlainCells
    } else if tabular == 0 || count * 10 < tabular * 6 {
        Layout::Mixed
    } else {
        layouts[best]
    }
}

/// A markdown table's separator row: `|---|:---:|`.
fn is_markdown_rule(line: &str) -> bool {
    let t = trim_space(line);
    // the cheap test first: a line of text fails at its first character
    t.bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        && t.contains("---")
}

/// A page number a PDF extraction left between rows: `- 3 -`, `— 12 —`, `第 3 页`, `3/10`.
pub(crate) fn is_page_number(line: &str) -> bool {
    // every form opens with a dash, 第 or a digit: most lines are told by their first character
    let first = line.chars().find(|&c| !is_space(c));
    first.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | '－' | '第'))
        && is_page_number_fully(line)
}

/// [`is_page_number`] without its first-character test.
fn is_page_number_fully(line: &str) -> bool {
    // at most nine characters besides spaces (`1234/1234`), a digit among them
    let mut visible = line.chars().filter(|&c| !is_space(c));
    if visible.by_ref().take(10).count() > 9 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // those (at most nine) characters on the stack
    let mut buffer = [0u8; 36];
    let mut len = 0;
    for c in line.chars().filter(|c| !is_space(*c)) {
        len += c.encode_utf8(&mut buffer[len..]).len();
    }
    let t = std::str::from_utf8(&buffer[..len]).unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    let dashes = ['-', '—', '–', '－'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner);
    }
    if let Some(inner) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return digits(inner);
    }
    t.split_once('/')
        .is_some_and(|(a, b)| digits(a) && digits(b) && !t.contains('.'))
        && trim_space(line).len() == t.len()
}

pub(crate) fn is_space(c: char) -> bool {
    // ASCII, and the characters past U+3000 (CJK above all), told without Unicode's tables
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    if c > '\u{3000}' {
        return c == '\u{FEFF}';
    }
    c.is_whitespace() || c == '\u{3000}' || c == '\u{200B}'
}

/// `text` without the spaces ([`is_space`]) at its ends, as `text.trim_matches(is_space)`, the
/// commonest ends (a visible ASCII character, a CJK ideograph) told from a byte or three without
/// decoding: a table's every line and field is trimmed, most of them ending in a digit, a `|` or
/// a Chinese character.
pub(crate) fn trim_space(text: &str) -> &str {
    trim_space_end(trim_space_start(text))
}

/// `text.trim_start_matches(is_space)`, as [`trim_space`]: ASCII spaces stepped over byte by
/// byte, the first other character told from its first byte where it can be.
pub(crate) fn trim_space_start(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t'..=b'\r' => i += 1,
            // a visible ASCII character, or the lead byte of U+4000..U+9FFF (CJK ideographs):
            // no space
            0..=0x7F | 0xE4..=0xE9 => return &text[i..],
            _ => return text[i..].trim_start_matches(is_space),
        }
    }
    ""
}

/// `text.trim_end_matches(is_space)`, as [`trim_space`].
pub(crate) fn trim_space_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut j = bytes.len();
    while j > 0 {
        match bytes[j - 1] {
            b' ' | b'\t'..=b'\r' => j -= 1,
            0..=0x7F => return &text[..j],
            // a byte E4..E9 three from the end can only lead the last character (valid
            // UTF-8): one of U+4000..U+9FFF, no space
            _ if j >= 3 && matches!(bytes[j - 3], 0xE4..=0xE9) => return &text[..j],
            _ => return text[..j].trim_end_matches(is_space),
        }
    }
    ""
}

/// The buffers [`split_spaces`] works in: a line's words (start, end, width of the gap before
/// them in characters) and its fields.
#[derive(Default)]
struct SpaceBuffers {
    words: Vec<(usize, usize, usize)>,
    fields: Vec<(usize, usize)>,
}

/// Splits one line into fields and pushes its tokens.
fn split_line<'a>(
    line: &'a str,
    line_start: usize,
    line_no: usize,
    markdown: bool,
    fields: &mut Vec<(usize, usize)>,
    spaces: &mut SpaceBuffers,
    out: &mut Vec<Token<'a>>,
) -> LineShape {
    // trimmed once for the tests below (each of them ignores the spaces around a line)
    let trimmed = trim_space(line);
    if trimmed.is_empty() {
        if line.contains('\t') {
            push(
                out,
                line,
                line_start,
                line.len(),
                line.len(),
                line_no,
                false,
                Class::Empty,
            );
            return LineShape::TabCell;
        }
        return LineShape::Blank;
    }
    if is_markdown_rule(trimmed) || is_page_number(trimmed) {
        return LineShape::Blank;
    }
    let sep = if has_byte(line, b'|') {
        '|'
    } else if has_byte(line, b'\t') {
        '\t'
    } else {
        return split_spaces(line, line_start, line_no, spaces, out);
    };
    // Field byte ranges within the line.
    fields.clear();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if c == sep {
            // a run of three or more bars with nothing between is one merged-cell placeholder
            // (`||||||||`), as on a line of its own
            let in_run = sep == '|'
                && i >= 2
                && bytes[i - 1] == b'|'
                && bytes[i - 2] == b'|'
                && fields.last().is_some_and(|&(s, e)| s == e);
            if !in_run {
                fields.push((start, i));
            }
            start = i + 1;
        }
    }
    fields.push((start, line.len()));
    // the cells of a markdown rule (`|---|:---:|`) that shares its line with rows (a table
    // whose line breaks were lost) are no cells
    let rule_cell = |&(s, e): &(usize, usize)| is_rule_cell(&line[s..e]);
    if sep == '|' && fields.iter().filter(|f| rule_cell(f)).count() >= 2 {
        fields.retain(|f| !rule_cell(f));
    }
    let empty = |&(s, e): &(usize, usize)| trim_space(&line[s..e]).is_empty();
    if sep == '|' {
        // A `|` closes the cell before it: the empty text after the last one is no field. An
        // empty field before a leading `|` is the opening of a markdown row.
        if fields.len() > 1 && fields.last().is_some_and(empty) {
            fields.pop();
        }
        if fields.len() > 1
            && (markdown || fields.iter().all(empty))
            && trim_space_start(line).starts_with('|')
            && fields.first().is_some_and(empty)
        {
            fields.remove(0);
        }
    } else {
        // Leading tabs indent a line holding one cell; before several cells they may be blank
        // cells, and stay.
        if fields.iter().filter(|f| !empty(f)).count() <= 1 {
            while fields.len() > 1 && fields.first().is_some_and(empty) {
                fields.remove(0);
            }
        }
    }
    if fields.iter().all(empty) {
        // `|`, `||||`, a lone tab: one empty cell, however many separators.
        let at = line.find(sep).unwrap_or(0);
        push(out, line, line_start, at, at, line_no, false, Class::Empty);
        return if sep == '|' {
            LineShape::PipeCell
        } else {
            LineShape::TabCell
        };
    }
    if fields.len() == 1 {
        let (s, e) = fields[0];
        let field = &line[s..e];
        if label_and_values(field) {
            // `(一)予以公开 3 0 0 0 0 0 3 |`: a row whose cells only spaces separate
            return split_spaces(field, line_start + s, line_no, spaces, out);
        }
        push_field(out, line, line_start, (s, e), line_no, false, None);
        return if sep == '|' {
            LineShape::PipeCell
        } else {
            LineShape::TabCell
        };
    }
    // A whole row on one line: every field is a cell, empty ones included.
    push_row(out, line, line_start, line_no, fields);
    if sep == '|' && markdown {
        LineShape::MarkdownRow
    } else if sep == '|' {
        LineShape::PipeRow
    } else {
        LineShape::TabRow
    }
}

/// Pushes the fields of a line holding a whole row: every field is a cell, and text after the
/// row's first value stands where a value must be (an invalid cell, not a label).
fn push_row<'a>(
    out: &mut Vec<Token<'a>>,
    line: &'a str,
    line_start: usize,
    line_no: usize,
    fields: &[(usize, usize)],
) {
    let mut seen_value = false;
    // whether a value follows field i on the line (only then can text there stand for a
    // value); asked only of text after the first field. The last value field is found once,
    // from the end, when first asked: a line of a hundred thousand text fields stays linear.
    let mut last_value: Option<Option<usize>> = None;
    let mut value_after = |i: usize| {
        let last = *last_value.get_or_insert_with(|| {
            fields
                .iter()
                .rposition(|&(s, e)| matches!(classify(trim_space(&line[s..e])), Class::Value(_)))
        });
        last.is_some_and(|l| l > i)
    };
    for (i, &(s, e)) in fields.iter().enumerate() {
        let before = out.len();
        let field = &line[s..e];
        // a label and its values in one field, separated by spaces (`行政许可 2149 |`, a table
        // whose `|`s stand only between some cells): the values are cells, not part of the label
        if !seen_value && label_and_values(field) {
            // (inside a row being pushed: buffers of its own, rarely needed)
            split_spaces(
                field,
                line_start + s,
                line_no,
                &mut SpaceBuffers::default(),
                out,
            );
            if out[before..]
                .iter()
                .any(|t| matches!(t.class, Class::Value(_)))
            {
                seen_value = true;
            }
            for t in &mut out[before..] {
                t.row_line = true;
            }
            continue;
        }
        push_field(out, line, line_start, (s, e), line_no, true, None);
        // the first field that is not empty holds the label
        let first_field = out[..before]
            .iter()
            .rev()
            .take_while(|t| t.line == line_no)
            .all(|t| t.class == Class::Empty);
        if let Some(tok) = out.get_mut(before) {
            match tok.class {
                Class::Value(_) => seen_value = true,
                Class::Text if seen_value => tok.class = Class::Invalid,
                // after the row's first cell, text that cannot be a label (`暂无`, `N/A`,
                // `3(含1件转办)`) stands where a value must be: a cell that is no number, never
                // part of the label (which would shift every value one column left)
                Class::Text
                    if !first_field
                        && value_after(i)
                        && !label_like(
                            &line[tok.span.start - line_start..tok.span.end - line_start],
                        ) =>
                {
                    tok.class = Class::Invalid;
                    seen_value = true;
                }
                _ => {}
            }
        }
    }
}

/// Whether `field` is a label and its values separated by spaces (`行政许可 2149`): text with
/// spaces inside, ending in values.
fn label_and_values(field: &str) -> bool {
    let t = trim_space(field);
    t.contains(is_space)
        && matches!(classify(t), Class::Text | Class::Invalid)
        && ends_with_values(field)
}

/// Whether a text can be a row label (a group label beside its row, `三、本年度办理结果 |
/// （一）予以公开 | …`): it opens with a numbering, is a header word, or holds a keyword of the
/// template's rows.
fn label_like(text: &str) -> bool {
    // placeholders after a space may end a header cell (`总计 /`, a line break lost before them)
    let text = text
        .trim_end_matches(|c: char| is_space(c) || ['/', '／', '-', '—', '*', '＊'].contains(&c))
        .trim_end();
    // a numbering, a header word of the template (`总计`, `其他`), or a text holding a row's
    // keyword (a group label beside its row); `暂无数据`, `不适用于本单位` are none of them
    let (empty, label) = crate::text::with_normalized(text, |norm| {
        (
            norm.is_empty(),
            lex::numbering(norm).is_some() || in_a_header(norm) || holds_a_keyword(norm),
        )
    });
    if empty {
        return false;
    }
    if label {
        return true;
    }
    // header words run together by a lost line break (`行政诉讼 结果维持`): each one a header
    let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
    words.len() > 1 && words.iter().all(|w| label_like(w))
}

/// Whether `text` (a piece of a table's text) is a header of the template's columns, the header
/// above them, a row label of any table and template, or part of one (at least two characters),
/// or such headers run together (`申请人情况自然人法人或其他组织…`, `行政诉讼 结果维持`): compared
/// normalised, brackets around it dropped. Constant time per character.
pub(crate) fn is_header(text: &str) -> bool {
    is_header_with(text, None)
}

/// [`is_header`], given the text's [`Norm`] when the token has it: a header alone is then told
/// without normalising again or allocating.
pub(crate) fn is_header_with(text: &str, norm: Option<&Norm>) -> bool {
    if let Some(norm) = norm {
        let chars = &norm.chars;
        let start = chars.iter().take_while(|c| matches!(c, '(' | ')')).count();
        let end = chars.len()
            - chars[start..]
                .iter()
                .rev()
                .take_while(|c| matches!(c, '(' | ')'))
                .count();
        let mut buf = [0u8; 256];
        let mut len = 0;
        let fits = chars[start..end].iter().all(|c| {
            let ok = len + c.len_utf8() <= buf.len();
            if ok {
                len += c.encode_utf8(&mut buf[len..]).len();
            }
            ok
        });
        if fits
            && let Ok(s) = std::str::from_utf8(&buf[..len])
            && header_norm(s)
        {
            return true;
        }
    }
    let t = text.trim_matches(|c: char| is_space(c) || ['(', ')', '（', '）'].contains(&c));
    if t.len() > 4096 {
        return false;
    }
    let norm = Norm::new(t);
    // annotations in brackets dropped (`上一年項目數量(指2019年事項數)`)
    if let Some(stripped) = norm.without_annotations()
        && header_chars(&stripped.chars)
    {
        return true;
    }
    if header_chars(&norm.chars) {
        return true;
    }
    // words apart (`商业 科研 社会公益`, the two lines of headers a PDF extraction writes for
    // columns whose header wraps): each one a header or part of one
    t.contains(is_space)
        && t.split(is_space)
            .filter(|w| !w.is_empty())
            .all(|w| header_chars(&Norm::new(w).chars))
}

/// [`header_norm`] on normalised characters, turned into text on the stack when they fit in
/// 256 bytes (a header does), else in a `String`.
fn header_chars(chars: &[char]) -> bool {
    let mut buf = [0u8; 256];
    let mut len = 0;
    for c in chars {
        if len + c.len_utf8() > buf.len() {
            return header_norm(&chars.iter().collect::<String>());
        }
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).is_ok_and(header_norm)
}

/// [`is_header`] on normalised text.
fn header_norm(norm: &str) -> bool {
    if norm.chars().nth(1).is_none() {
        return false;
    }
    let words = header_words();
    if words.parts.contains(norm) {
        return true;
    }
    // whole headers one after the other; between them punctuation, or part of a header (one
    // broken over lines, one cut by a lost line)
    let Some(automaton) = &words.whole else {
        return false;
    };
    let between = |s: &str| {
        let part = s.trim_matches(|c: char| {
            ['、', '，', ',', ':', '：', ';', '；', '/', '(', ')'].contains(&c)
        });
        part.is_empty() || words.parts.contains(part)
    };
    let mut at = 0;
    for m in automaton.find_iter(norm) {
        if !between(&norm[at..m.start()]) {
            return false;
        }
        at = m.end();
    }
    at > 0 && between(&norm[at..])
}

/// The headers [`is_header`] knows: every part of two or more characters of each, and an
/// automaton of the whole ones (leftmost-longest).
struct HeaderWords {
    parts: std::collections::HashSet<String>,
    whole: Option<aho_corasick::AhoCorasick>,
}

fn header_words() -> &'static HeaderWords {
    use std::sync::OnceLock;
    static WORDS: OnceLock<HeaderWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        // the catalogue's headers and labels, and the wordings it does not hold: the 2021
        // template's own column headers, the rule printed in table 三's corner (and its variant
        // 钩稽), the block names seen in the wild and the tables' unit notes (kept apart from
        // `headers`, which decides how fields are read)
        let mut all: Vec<String> = headers().to_vec();
        // group labels too (`第二十条第（一）项`, `（三）不予公开`)
        for kind in report_model::TableKind::ALL {
            for template in [report_model::Template::V2019, report_model::Template::V2021] {
                all.extend(
                    report_model::Row::sequence(kind, template)
                        .map(|r| Norm::new(r.label()).as_string()),
                );
            }
        }
        all.sort();
        all.dedup();
        all.extend(
            [
                "本年处理决定数量",
                "本年收费金额（单位：万元）",
                "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
                "本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和",
                "未经复议直接诉讼",
                "复议后诉讼",
                "单位：件",
                "单位：万元",
                "单位：个",
            ]
            .map(|w| Norm::new(w).as_string()),
        );
        let mut parts = std::collections::HashSet::new();
        for w in &all {
            let bounds: Vec<usize> = w.char_indices().map(|(i, _)| i).chain([w.len()]).collect();
            for (a, &i) in bounds.iter().enumerate() {
                for &j in bounds.iter().skip(a + 2) {
                    parts.insert(w[i..j].to_owned());
                }
            }
        }
        // a contiguous NFA: built in a tenth of the time of a DFA, and the texts it reads are
        // few and short
        let whole = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&all)
            .ok();
        HeaderWords { parts, whole }
    })
}

/// Whether a piece of a table's text that is no token is blank: separators (`|`, tabs, spaces)
/// and the rule of a markdown table (`|---|:---:|`).
pub(crate) fn is_structure(piece: &str) -> bool {
    let t = piece.trim_matches(|c: char| is_space(c) || c == '|');
    t.is_empty() || is_markdown_rule(piece)
}

/// Whether `field` (one field of a `|`-separated line) is a cell of a markdown table's rule
/// (`---`, `:---:`), as it stands in a table whose line breaks were lost.
pub(crate) fn is_rule_cell(field: &str) -> bool {
    let t = field.trim_matches(|c: char| is_space(c) || c == '|');
    // the cheap test first: a label or a value fails at its first byte
    t.len() >= 3 && t.bytes().all(|b| b == b'-' || b == b':') && t.contains("---")
}

/// Whether `norm` holds a keyword of a row or group label (one automaton over all of them,
/// built once per process).
fn holds_a_keyword(norm: &str) -> bool {
    use std::sync::OnceLock;
    static AUTOMATON: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let automaton = AUTOMATON.get_or_init(|| aho_corasick::AhoCorasick::new(row_keywords()).ok());
    match automaton {
        Some(a) => a.is_match(norm),
        None => row_keywords().iter().any(|k| norm.contains(k.as_str())),
    }
}

/// Whether `norm` is part of a header or row label of the template: one search in all of them
/// joined by a character no normalised text of a header holds.
fn in_a_header(norm: &str) -> bool {
    use std::sync::OnceLock;
    const JOIN: char = '\u{1}';
    static JOINED: OnceLock<String> = OnceLock::new();
    if norm.contains(JOIN) {
        return headers().iter().any(|h| h.contains(norm));
    }
    JOINED
        .get_or_init(|| headers().join("\u{1}"))
        .contains(norm)
}

/// The keywords of every row and group label of the three tables, normalised.
fn row_keywords() -> &'static [String] {
    use std::sync::OnceLock;
    static KEYWORDS: OnceLock<Vec<String>> = OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let mut k: Vec<String> = report_model::TableKind::ALL
            .into_iter()
            .flat_map(report_model::Row::all)
            .flat_map(|r| r.def().keywords.iter().map(|k| Norm::new(k).as_string()))
            .filter(|k| k.chars().count() >= 2)
            .collect();
        k.sort();
        k.dedup();
        k
    })
}

/// The column headers of the three tables, the headers above them, and the row labels,
/// normalised.
fn headers() -> &'static [String] {
    use std::sync::OnceLock;
    static HEADERS: OnceLock<Vec<String>> = OnceLock::new();
    HEADERS.get_or_init(|| {
        let mut h: Vec<String> = report_model::TableKind::ALL
            .into_iter()
            .flat_map(|k| {
                [report_model::Template::V2019, report_model::Template::V2021]
                    .into_iter()
                    .flat_map(move |t| report_model::Address::of_template(k, t))
            })
            .map(|a| Norm::new(a.column_label()).as_string())
            .collect();
        // the headers above the columns, and every row's label
        h.extend(
            [
                "行政复议",
                "行政诉讼",
                "未经复议直接起诉",
                "复议后起诉",
                "申请人情况",
                "法人或其他组织",
                "信息内容",
            ]
            .map(|w| Norm::new(w).as_string()),
        );
        h.extend(
            report_model::TableKind::ALL
                .into_iter()
                .flat_map(report_model::Row::all)
                .map(|r| Norm::new(r.label()).as_string()),
        );
        h.sort();
        h.dedup();
        h
    })
}

/// Whether `field` is text followed, after a space, by words that are all values, one of them a
/// number (`行政许可 2149`, `规章 0 0 0`), or two or more values alone (`0 0 0`).
fn ends_with_values(field: &str) -> bool {
    let words: Vec<&str> = field.split(is_space).filter(|w| !w.is_empty()).collect();
    let values = words
        .iter()
        .rev()
        .take_while(|w| matches!(classify(w), Class::Value(_)))
        .count();
    (values > 0 && values < words.len() || values >= 2)
        && words[words.len() - values..]
            .iter()
            .any(|w| matches!(classify(w), Class::Value(Lexeme::Number { .. })))
}

/// A line without `|` or tabs: fields are separated by runs of two or more spaces (as
/// `pdftotext -layout` aligns columns), and a run of values at the end of the line, separated by
/// single spaces (`4 0 0 0 0 0 4`, `2.其他法律行政法规禁止公开 0 0 0 0 0 0 0`), is split into
/// cells. Anything else is one field.
fn split_spaces<'a>(
    line: &'a str,
    line_start: usize,
    line_no: usize,
    buffers: &mut SpaceBuffers,
    out: &mut Vec<Token<'a>>,
) -> LineShape {
    let SpaceBuffers { words, fields } = buffers;
    // words: maximal runs of non-space, with the width of the gap before each
    words.clear();
    let mut gap = 0usize;
    let mut start = None;
    for (i, c) in line.char_indices() {
        if is_space(c) {
            if let Some(s) = start.take() {
                words.push((s, i, gap));
                gap = 0;
            }
            gap += if c == '\u{3000}' { 2 } else { 1 };
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, line.len(), gap));
    }
    // a page number a PDF extraction left inside the line (`- 4 -` after wide gaps, which is a
    // line of its own when the line breaks are kept) is no cell
    let mut k = 0;
    while k + 3 <= words.len() {
        let w = |i: usize| &line[words[i].0..words[i].1];
        let dash = |t: &str| matches!(t, "-" | "—" | "–" | "－");
        let number = |t: &str| t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        let page = (dash(w(k)) && number(w(k + 1)) && dash(w(k + 2)))
            || (w(k) == "第" && number(w(k + 1)) && w(k + 2) == "页");
        let at_end = k + 3 == words.len();
        let after_number = k > 0 && number(w(k - 1));
        if page
            && (k == 0 || words[k].2 >= 2 || (at_end && after_number))
            && words.get(k + 3).is_none_or(|n| n.2 >= 2)
        {
            words.drain(k..k + 3);
        } else {
            k += 1;
        }
    }
    if words.is_empty() {
        return LineShape::Blank;
    }
    // trailing values, single-spaced; a run of masks or placeholders alone is part of the text
    // before it (a label's mask), not cells
    let mut first_value = words.len();
    // each trailing word classified once: whether one of them is a number is seen on the way
    let mut has_number = false;
    // the class of the last word (the line's only field when it is its only word)
    let mut last_class = None;
    while first_value > 0 {
        let (s, e, _) = words[first_value - 1];
        let class = classify(&line[s..e]);
        let value = match &class {
            Class::Value(Lexeme::Number { .. }) => {
                has_number = true;
                true
            }
            Class::Value(_) => true,
            _ => false,
        };
        if last_class.is_none() {
            last_class = Some(class);
        }
        if !value {
            break;
        }
        first_value -= 1;
    }
    if !has_number && first_value > 0 {
        first_value = words.len();
    }
    // fields: words joined across single spaces, split at wide gaps and before the trailing values
    fields.clear();
    for (n, &(s, e, gap)) in words.iter().enumerate() {
        let split = fields.is_empty() || gap >= 2 || n >= first_value;
        match fields.last_mut() {
            Some(last) if !split => last.1 = e,
            _ => fields.push((s, e)),
        }
    }
    if fields.len() < 2 {
        let (s, e) = fields.first().copied().unwrap_or((0, line.len()));
        // a line of one word: its field is that word, classified above
        let class = if words.len() == 1 { last_class } else { None };
        push_field(out, line, line_start, (s, e), line_no, false, class);
        return LineShape::Plain;
    }
    push_row(out, line, line_start, line_no, fields);
    LineShape::SpaceRow
}

/// Pushes the field `line[s..e]`, trimmed, classified (`class`, when the caller has classified
/// the trimmed field already). A text field holding runs of digits glued to labels
/// (`…申请数量1520000017二、上年结转…`) is cut into its labels and runs.
fn push_field<'a>(
    out: &mut Vec<Token<'a>>,
    line: &'a str,
    line_start: usize,
    (s, e): (usize, usize),
    line_no: usize,
    row_line: bool,
    class: Option<Class>,
) {
    let field = &line[s..e];
    let trimmed = trim_space(field);
    let lead = field.len() - trim_space_start(field).len();
    let (ts, te) = (s + lead, s + lead + trimmed.len());
    let class = class.unwrap_or_else(|| classify(trimmed));
    debug_assert_eq!(class, classify(trimmed), "{trimmed:?}");
    // only a line that is one field can have lost its separators
    if class == Class::Text && !row_line {
        let runs = glued_runs(trimmed);
        if !runs.is_empty() {
            // text between the runs: labels glued to each other and to the headers, cut where
            // a label of the template starts
            let push_text = |out: &mut Vec<Token<'a>>, from: usize, to: usize| {
                let piece = &trimmed[from..to];
                // where labels of the template start inside it (never at its start)
                let mut cuts: Vec<usize> = crate::reflow::row_starts(piece)
                    .into_iter()
                    .filter(|&c| c > 0)
                    .collect();
                cuts.push(piece.len());
                let mut at = 0;
                for cut in cuts {
                    let part = trim_space(&piece[at..cut]);
                    if !part.is_empty() {
                        let b = ts
                            + from
                            + at
                            + (piece[at..cut].len() - trim_space_start(&piece[at..cut]).len());
                        push(
                            out,
                            line,
                            line_start,
                            b,
                            b + part.len(),
                            line_no,
                            true,
                            classify(part),
                        );
                    }
                    at = cut;
                }
            };
            let mut at = 0;
            for (rs, re) in runs {
                push_text(out, at, rs);
                push(
                    out,
                    line,
                    line_start,
                    ts + rs,
                    ts + re,
                    line_no,
                    true,
                    Class::Glued,
                );
                at = re;
            }
            push_text(out, at, trimmed.len());
            return;
        }
    }
    push(out, line, line_start, ts, te, line_no, row_line, class);
}

/// The runs of two or more ASCII digits in `text` that stand where cells stood: after a label
/// and before the end of the text or the next row's numbering (`二、`, `（一）`, `2.`), not a
/// year, a date, an amount with its unit or a decimal.
pub(crate) fn glued_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        if start == 0 {
            continue;
        }
        let before = text[..start].chars().next_back().unwrap_or(' ');
        let after = text[end..].chars().next();
        let after2 = text[end..].chars().nth(1);
        let label_before = !before.is_ascii() || before == ' ' || before == ')';
        let row_after = match after {
            None => true,
            Some(c) if lex::is_chinese_numeral(c) => {
                after2.is_some_and(|n| ['、', '.'].contains(&n))
            }
            Some('（' | '(') => true,
            // the next row's own number stuck to the run: `…00000002.重复申请`
            Some('.' | '、' | '．') => after2.is_some_and(|n| !n.is_ascii_digit()),
            // the next label (table 二's rows have no numbers), not a unit or a date
            Some(c) => {
                !c.is_ascii()
                    && ![
                        '年', '月', '日', '号', '件', '项', '个', '条', '元', '万', '亿', '次',
                        '人', '户', '份', '篇', '期', '届', '时', '分', '秒', '%', '％',
                    ]
                    .contains(&c)
                    && c.is_alphabetic()
            }
        };
        // one digit alone is a run only between labels (`行政强制0第二十条…`), never a row's own
        // number (`1.属于…`)
        let single_ok = after.is_none_or(|c| !c.is_ascii() && !['、', '．'].contains(&c));
        if label_before && row_after && (end - start >= 2 || single_ok) {
            runs.push((start, end));
        }
    }
    runs
}

#[allow(clippy::too_many_arguments)]
fn push<'a>(
    out: &mut Vec<Token<'a>>,
    line: &'a str,
    line_start: usize,
    s: usize,
    e: usize,
    line_no: usize,
    row_line: bool,
    class: Class,
) {
    let text = &line[s..e];
    let norm = matches!(class, Class::Text | Class::Invalid).then(|| Norm::new(text));
    out.push(Token {
        span: Span::new(line_start + s, line_start + e),
        class,
        line: line_no,
        row_line,
        norm,
        boxed: false,
        loose: false,
        ran_on: false,
        source: std::marker::PhantomData,
    });
}

/// Classifies the text of one field.
pub(crate) fn classify(text: &str) -> Class {
    // the commonest cells first, as the grammar reads them: nothing, and a plain whole number
    if text.is_empty() {
        return Class::Empty;
    }
    if let Some(number) = lex::plain_number(text) {
        return Class::Value(number);
    }
    classify_fully(text)
}

/// [`classify`] without its shortcuts.
fn classify_fully(text: &str) -> Class {
    // markdown emphasis around a cell's value: `**12**`
    for mark in ["**", "__"] {
        if let Some(inner) = text.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !inner.is_empty()
            && !inner.contains('*')
            && let Class::Value(v) = classify(inner)
        {
            return Class::Value(v);
        }
    }
    match lex::cell_value(text) {
        Lexeme::Empty => Class::Empty,
        Lexeme::Text => {
            // Mostly digits: a damaged value (`1 2`, `12件件`), not a label.
            let (mut visible, mut digits) = (0usize, 0usize);
            for c in text.chars().filter(|&c| !is_space(c)) {
                visible += 1;
                digits += usize::from(c.is_ascii_digit() || ('０'..='９').contains(&c));
            }
            if digits * 2 > visible && visible <= 24 {
                Class::Invalid
            } else {
                Class::Text
            }
        }
        lexeme => Class::Value(lexeme),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_told_by_shortcuts_as_by_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let by_unicode =
                c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}' || c == '\u{200B}';
            assert_eq!(is_space(c), by_unicode, "{c:?}");
        }
    }

    /// `trim_space` and its halves trim as `trim_matches(is_space)` does, on texts made of the
    /// characters their shortcuts tell apart (ASCII, CJK, the spaces past ASCII, full-width
    /// punctuation, a character of four bytes) and their neighbours.
    #[test]
    fn trim_space_trims_as_trim_matches() {
        let alphabet = [
            ' ', '\t', '\n', '\r', 'a', '1', '|', '\u{85}', '\u{A0}', '\u{2002}', '\u{200B}',
            '\u{3000}', '、', '\u{3FFF}', '\u{4000}', '一', '\u{9FFF}', '\u{A000}', '\u{FEFF}',
            '）', '𠀀', 'é',
        ];
        let n = alphabet.len();
        // every text of up to three characters of the alphabet
        for len in 0..=3u32 {
            for k in 0..n.pow(len) {
                let text: String = (0..len).map(|d| alphabet[k / n.pow(d) % n]).collect();
                assert_eq!(trim_space(&text), text.trim_matches(is_space), "{text:?}");
                assert_eq!(trim_space_start(&text), text.trim_start_matches(is_space));
                assert_eq!(trim_space_end(&text), text.trim_end_matches(is_space));
            }
        }
    }

    proptest::proptest! {
        /// `trim_space` trims as `trim_matches(is_space)` on any text.
        #[test]
        fn trim_space_trims_any_text_as_trim_matches(text in "\\PC{0,12}|[ \u{3000}\t一|1]{0,8}") {
            proptest::prop_assert_eq!(trim_space(&text), text.trim_matches(is_space));
        }

        /// The shortcuts of `classify` (nothing, a plain whole number) agree with the full
        /// reading on every text made of digits and what stands around them in cells.
        #[test]
        fn classify_shortcuts_agree_with_the_full_reading(
            raw in proptest::collection::vec(
                proptest::sample::select(vec!['0', '1', '9', '*', '_', ' ', '.', ',', '１', '件']),
                0..22,
            )
        ) {
            let raw: String = raw.into_iter().collect();
            proptest::prop_assert_eq!(classify(&raw), classify_fully(&raw), "{:?}", raw);
        }
    }

    #[test]
    fn classify_shortcuts_on_plain_numbers() {
        for raw in [
            "",
            "0",
            "007",
            "2149",
            "999999999999999999",
            "1234567890123456789",
        ] {
            assert_eq!(classify(raw), classify_fully(raw), "{raw:?}");
        }
    }

    /// Page numbers as extractions leave them, spaces anywhere, up to nine characters of four
    /// bytes each (read on the stack), and lines that only look like one.
    #[test]
    fn page_numbers_of_every_form_and_what_is_not_one() {
        for line in [
            "- 3 -",
            "— 12 —",
            "第 3 页",
            "第1234页",
            " 3/10 ",
            "－ 7 －",
            "\u{3000}- 9 -",
        ] {
            assert!(is_page_number(line), "{line:?}");
        }
        for line in [
            "3",
            "12.5/3",
            "一、3/4",
            "- 12345 -",
            "第 3 页 共 12 页 末",
            "3 / 10",
            "𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠",
            "𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟1",
            "",
        ] {
            assert!(!is_page_number(line), "{line:?}");
        }
    }

    /// Headers told from characters on the stack as from a `String`: short and long (past the
    /// stack's 256 bytes), headers, parts of headers, headers run together, and prose.
    #[test]
    fn headers_told_from_characters_as_from_text() {
        let long = "申请人情况".repeat(40);
        let mut told = 0;
        for text in [
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "商业企业",
            "申请人情况自然人法人或其他组织",
            "总计",
            "本年度收到申请",
            "x",
            "",
            long.as_str(),
        ] {
            let chars = Norm::new(text).chars;
            let as_text = header_norm(&chars.iter().collect::<String>());
            assert_eq!(header_chars(&chars), as_text, "{text:?}");
            told += usize::from(as_text);
        }
        assert!(told >= 4, "{told}");
    }

    /// The first-character test of `is_page_number` passes over no page number.
    #[test]
    fn page_numbers_told_by_their_first_character_as_in_full() {
        let pieces = [
            "-", "—", "–", "－", "第", "页", "3", "12", "/", " ", "\u{3000}", "一", "、", ".", "a",
        ];
        let mut pages = 0;
        for t in crate::text::triples(&pieces) {
            for l in [t.clone(), format!("{t}{t}"), format!(" {t} ")] {
                assert_eq!(is_page_number(&l), is_page_number_fully(&l), "{l:?}");
                // the tokenizer asks of a line trimmed: the same answer
                assert_eq!(is_page_number(trim_space(&l)), is_page_number(&l), "{l:?}");
                pages += usize::from(is_page_number(&l));
            }
        }
        assert!(pages > 50, "{pages}");
        // and the markdown rule test, likewise
        let rules = ["|", "-", "---", ":", " ", "\t", "a", "|---|", "一"];
        for t in crate::text::triples(&rules) {
            for l in [t.clone(), format!(" {t}\u{3000}")] {
                assert_eq!(
                    is_markdown_rule(trim_space(&l)),
                    is_markdown_rule(&l),
                    "{l:?}"
                );
            }
        }
    }

    fn kinds(text: &str) -> (Vec<(String, &'static str, bool)>, Layout) {
        let (toks, layout) = tokenize(text, Span::new(0, text.len()));
        let toks = toks
            .iter()
            .map(|t| {
                let k = match t.class {
                    Class::Empty => "E",
                    Class::Value(_) => "V",
                    Class::Text => "T",
                    Class::Invalid => "I",
                    Class::Glued => "G",
                };
                (t.text(text).to_owned(), k, t.row_line)
            })
            .collect();
        (toks, layout)
    }

    #[test]
    fn headers_alone_run_together_or_broken_are_headers_prose_is_not() {
        for header in [
            "自然人",
            "结果 维持",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "本年处理决定数量",
            "单位：件",
            // separators lost: headers run together
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
            "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数",
            // the end of a header broken over lines (`第二十条第（` above), and the rest of the row
            "八)项信息内容本年收费金额(单位:万元)",
            // headers wrapped in their columns, as a PDF extraction writes them
            "商业 科研 社会公益 法律服务",
            "结果 结果 其他 尚未 结果 结果 其他 尚未",
            // annotated, in traditional characters
            "上一年項目數量(指2019年事項數)",
        ] {
            assert!(is_header(header), "{header}");
        }
        for prose in [
            "今年以来，主动公开政府信息225条",
            "暂无数据",
            "万",
            "一",
            "行政处罚类15条。",
            "注：本表数据截至12月31日",
            "其他 情况 说明",
            "",
            "()",
        ] {
            assert!(!is_header(prose), "{prose}");
        }
    }

    #[test]
    fn pipe_cells_one_per_line() {
        let (toks, layout) = kinds("|\n规章 |\n0 |\n0 |\n||\n");
        assert_eq!(layout, Layout::PipeCells);
        let k: Vec<&str> = toks.iter().map(|t| t.1).collect();
        assert_eq!(k, ["E", "T", "V", "V", "E"]);
    }

    #[test]
    fn pipe_rows_drop_the_closing_bar() {
        let (toks, layout) = kinds("规章 | 0 | 0 | 0 |\n行政许可 | 2149 | ||\n");
        assert_eq!(layout, Layout::PipeRows);
        let k: Vec<&str> = toks.iter().map(|t| t.1).collect();
        assert_eq!(k, ["T", "V", "V", "V", "T", "V", "E", "E"]);
        assert!(toks.iter().all(|t| t.2));
    }

    #[test]
    fn tab_rows_and_tab_cells() {
        let (toks, layout) = kinds("一、本年新收\t\t0\t1\t\n三、本年度\t(一)予以公开\t3\n");
        assert_eq!(layout, Layout::TabRows);
        let k: Vec<&str> = toks.iter().map(|t| t.1).collect();
        assert_eq!(k, ["T", "E", "V", "V", "E", "T", "T", "V"]);
        let (toks, layout) = kinds("\t规章\n\t0\n\n\t\n\t0\n");
        assert_eq!(layout, Layout::TabCells);
        let k: Vec<&str> = toks.iter().map(|t| t.1).collect();
        assert_eq!(k, ["T", "V", "E", "V"]);
    }

    #[test]
    fn text_after_a_value_in_a_row_is_an_invalid_cell() {
        let (toks, _) = kinds("规章 | 0 | abc | 0 |\n");
        let k: Vec<&str> = toks.iter().map(|t| t.1).collect();
        assert_eq!(k, ["T", "V", "I", "V"]);
    }

    #[test]
    fn glued_runs_are_cut_from_their_labels() {
        let line = "一、本年新收政府信息公开申请数量 1520000017二、上年结转政府信息公开申请数量 0000000三、本年度办理结果";
        let (toks, _) = kinds(line);
        let k: Vec<(&str, &str)> = toks.iter().map(|t| (t.0.as_str(), t.1)).collect();
        assert_eq!(
            k,
            [
                ("一、本年新收政府信息公开申请数量", "T"),
                ("1520000017", "G"),
                ("二、上年结转政府信息公开申请数量", "T"),
                ("0000000", "G"),
                ("三、本年度办理结果", "T")
            ]
        );
        // the next row's number stuck to the run, years and amounts are no runs
        let at = "1.信访举报投诉类申请".len();
        assert_eq!(
            glued_runs("1.信访举报投诉类申请00000002.重复申请"),
            vec![(at, at + 8)]
        );
        assert!(glued_runs("上一年项目数量(指2019年事项数)").is_empty());
        assert!(glued_runs("电话：0517-12345678").is_empty());
        assert!(glued_runs("共收到申请12件").is_empty());
    }

    #[test]
    fn markdown_emphasis_around_a_value() {
        assert!(matches!(
            classify("**12**"),
            Class::Value(Lexeme::Number { .. })
        ));
        assert!(matches!(classify("****"), Class::Value(Lexeme::Masked)));
        assert_eq!(classify("**规章**"), Class::Text);
    }

    #[test]
    fn spans_point_into_the_source() {
        let text = "x\n规章 | 12 |\n";
        let (toks, _) = tokenize(text, Span::new(2, text.len()));
        let t = &toks[1];
        assert_eq!(&text[t.span.start..t.span.end], "12");
    }
}
