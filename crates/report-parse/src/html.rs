//! HTML as downloaded: the tables read structurally, the prose around them as text.
//!
//! The markup is turned into text the layout-independent reader takes (one table row per line,
//! cells separated by tabs, block elements on lines of their own, entities decoded), with a map
//! from every offset of that text back to the markup, so that every span the report gives points
//! into the HTML the user has.

use report_model::Span;

/// Whether `text` is HTML markup rather than text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    // in the first 4096 characters: each `<` (found by memchr), its tag compared without case,
    // no copy of the text
    const HEAD: usize = 4096;
    const TAGS: [&[u8]; 8] = [
        b"<table", b"<tr", b"<td", b"<html", b"<body", b"<p>", b"<p ", b"<div",
    ];
    let bytes = text.as_bytes();
    let mut head_end: Option<usize> = None;
    for (i, _) in text.match_indices('<') {
        // before byte 4096 it is within the first 4096 characters, from byte 4 × 4096 never
        if i >= HEAD * 4 || (i >= HEAD && text[..i].chars().count() >= HEAD) {
            return false;
        }
        let tag = |t: &[u8]| {
            bytes
                .get(i..i + t.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(t))
        };
        // the whole tag within the head, as when the head was cut out first
        let head_end = *head_end.get_or_insert_with(|| {
            text.char_indices()
                .nth(HEAD)
                .map_or(text.len(), |(at, _)| at)
        });
        if TAGS.iter().any(|t| i + t.len() <= head_end && tag(t)) {
            return true;
        }
    }
    false
}

/// A stretch of the converted text and where it came from, in 8 bytes (a map with one entry
/// per tag and per stretch of text is the largest part of a page's conversion).
#[derive(Debug, Clone, Copy)]
struct Segment {
    // offsets as u32: the input is at most MAX_INPUT (64 MiB) bytes, its conversion no more than
    // a few times that
    out: u32,
    /// The source offset (below 2^26), and above it: bit 31 set when the stretch is copied
    /// verbatim (offsets map one to one) rather than standing for markup; bits 27–30 the length
    /// of the entity a character stands for (`&rdquo;`; at most 12), 0 otherwise.
    src: u32,
}

const LITERAL: u32 = 1 << 31;
const ENTITY_SHIFT: u32 = 27;
const SRC_MASK: u32 = (1 << ENTITY_SHIFT) - 1;

impl Segment {
    fn new(out: usize, src: usize, literal: bool, entity: usize) -> Segment {
        debug_assert!(src <= SRC_MASK as usize && entity < 16);
        Segment {
            out: out as u32,
            src: (src as u32 & SRC_MASK)
                | if literal { LITERAL } else { 0 }
                | ((entity.min(15) as u32) << ENTITY_SHIFT),
        }
    }

    fn src(self) -> usize {
        (self.src & SRC_MASK) as usize
    }

    fn literal(self) -> bool {
        self.src & LITERAL != 0
    }

    fn entity(self) -> usize {
        ((self.src >> ENTITY_SHIFT) & 0xF) as usize
    }
}

/// The converted text and its map back to the source.
pub(crate) struct Converted {
    pub(crate) text: String,
    segments: Vec<Segment>,
    source_len: usize,
}

impl Converted {
    /// The source offset of converted offset `at`.
    pub(crate) fn map(&self, at: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.out as usize <= at)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some(&s) if s.literal() => (s.src() + (at - s.out as usize)).min(self.source_len),
            Some(&s) => s.src().min(self.source_len),
            None => 0,
        }
    }

    pub(crate) fn span(&self, span: Span) -> Span {
        let start = self.map(span.start);
        if span.is_empty() {
            return Span::empty(start);
        }
        // the end is where the span's last character ends, not where the next one starts (which
        // may be markup far away)
        let last = self
            .text
            .get(..span.end)
            .and_then(|t| t.chars().next_back())
            .map_or(1, char::len_utf8);
        let at = span.end - last;
        let i = self
            .segments
            .partition_point(|s| s.out as usize <= at)
            .saturating_sub(1);
        let end = match self.segments.get(i) {
            // a character written as an entity ends where the entity does
            Some(&s) if !s.literal() && s.entity() > 0 => s.src() + s.entity(),
            _ => self.map(at) + last,
        };
        Span::new(start, end.min(self.source_len).max(start))
    }
}

struct Writer {
    text: String,
    segments: Vec<Segment>,
}

impl Writer {
    fn literal(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        // a stretch that carries on the previous one, in the text and in the source, is the
        // same segment
        let carries_on = self.segments.last().is_some_and(|last| {
            last.literal() && last.src() + (self.text.len() - last.out as usize) == src
        });
        if !carries_on {
            self.segments
                .push(Segment::new(self.text.len(), src, true, 0));
        }
        self.text.push_str(s);
    }

    fn synthetic(&mut self, s: &str, src: usize) {
        self.segments
            .push(Segment::new(self.text.len(), src, false, 0));
        self.text.push_str(s);
    }

    /// A character written in the source as the entity `src..src + len`.
    fn entity(&mut self, s: &str, src: usize, len: usize) {
        self.segments
            .push(Segment::new(self.text.len(), src, false, len));
        self.text.push_str(s);
    }

    fn newline(&mut self, src: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.synthetic("\n", src);
        }
    }
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "times" => '×',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// The byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .find(|&i| h[i].eq_ignore_ascii_case(&n[0]) && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A tag's name, lower case, on the stack (no allocation per tag); a name longer than the
/// buffer is none the converter knows, and reads as `"~"`.
#[derive(Debug, Clone, Copy)]
struct TagName {
    buf: [u8; 15],
    len: u8,
}

impl TagName {
    fn as_str(&self) -> &str {
        match self.len {
            u8::MAX => "~",
            n => std::str::from_utf8(&self.buf[..usize::from(n)]).unwrap_or("~"),
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The lower-case name of the tag whose text (after its `<`) is `tag`, and whether it closes.
fn tag_name(tag: &str) -> (TagName, bool) {
    let mut name = TagName {
        buf: [0; 15],
        len: 0,
    };
    for b in tag
        .trim_start_matches('/')
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
    {
        if usize::from(name.len) == name.buf.len() {
            name.len = u8::MAX;
            break;
        }
        name.buf[usize::from(name.len)] = b.to_ascii_lowercase();
        name.len += 1;
    }
    (name, tag.starts_with('/'))
}

/// The tag names of `html`, lower case, with their offsets and whether they close.
fn tags(html: &str) -> impl Iterator<Item = (usize, TagName, bool)> + '_ {
    html.match_indices('<').filter_map(move |(i, _)| {
        let (name, closing) = tag_name(&html[i + 1..]);
        (!name.is_empty()).then_some((i, name, closing))
    })
}

/// The offsets (sorted) of the `<td>`/`<th>` tags whose cell holds a `<table>`: cells of a table
/// that lays out the page, whose content is text and tables rather than a value.
fn layout_cells(html: &str) -> Vec<usize> {
    // open cells, innermost last: (offset of the tag, table depth, holds a table). A table
    // that opens marks the innermost open cell only; a cell that holds one passes the mark to
    // the cell around it when it closes (every open cell encloses the ones after it), so that
    // tables nested ten thousand deep cost no more than ten thousand marks.
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    let pop = |open: &mut Vec<(usize, usize, bool)>, out: &mut Vec<usize>| {
        if let Some((o, _, true)) = open.pop() {
            out.push(o);
            if let Some(outer) = open.last_mut() {
                outer.2 = true;
            }
        }
    };
    for (at, name, closing) in tags(html) {
        match (name.as_str(), closing) {
            ("table", false) => {
                if let Some(cell) = open.last_mut() {
                    cell.2 = true;
                }
                depth += 1;
            }
            ("table", true) => {
                while open.last().is_some_and(|c| c.1 >= depth) {
                    pop(&mut open, &mut out);
                }
                depth = depth.saturating_sub(1);
            }
            ("td" | "th", false) => {
                // an unclosed cell of the same table ends where the next begins
                if open.last().is_some_and(|c| c.1 == depth) {
                    pop(&mut open, &mut out);
                }
                open.push((at, depth, false));
            }
            ("td" | "th", true) if open.last().is_some_and(|c| c.1 == depth) => {
                pop(&mut open, &mut out);
            }
            _ => {}
        }
    }
    // the cells never closed, innermost first, passing their marks outwards
    while !open.is_empty() {
        pop(&mut open, &mut out);
    }
    out.sort_unstable();
    out
}

/// Converts HTML markup to text, keeping the map back.
pub(crate) fn convert(html: &str) -> Converted {
    // A segment opens at most twice per piece of markup (the character it stands for, the text
    // after it) and once per line break of the text: room made once for all of them. Pages
    // the memory never touches cost nothing, and no doubling holds the old and the new map at
    // once (which on one line of a million table rows was a quarter of the peak).
    let marks = html
        .bytes()
        .filter(|b| matches!(b, b'<' | b'&' | b'\n' | b'\r' | b'\t'))
        .count();
    let mut w = Writer {
        text: String::with_capacity(html.len() / 2),
        segments: Vec::with_capacity(2 * marks + 1),
    };
    let layout = layout_cells(html);
    let mut in_cell = false;
    let mut cells_in_row = 0usize;
    let mut skip_until: Option<&'static str> = None;
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        let rest = &html[i..];
        if let Some(end_tag) = skip_until {
            match find_ignoring_case(rest, end_tag) {
                Some(at) => {
                    i += at + end_tag.len();
                    skip_until = None;
                }
                None => break,
            }
            continue;
        }
        if bytes[i] == b'<' {
            if rest.starts_with("<!--") {
                i += rest.find("-->").map_or(rest.len(), |e| e + 3);
                continue;
            }
            let Some(close) = rest.find('>') else {
                w.literal(rest, i);
                break;
            };
            let (name, closing) = tag_name(&rest[1..close]);
            match name.as_str() {
                "script" if !closing => skip_until = Some("</script>"),
                "style" if !closing => skip_until = Some("</style>"),
                "tr" => {
                    w.newline(i);
                    cells_in_row = 0;
                    in_cell = false;
                }
                // a cell that holds a table of its own lays out the page: its content is flow
                "td" | "th" if !closing && layout.binary_search(&i).is_ok() => {
                    w.newline(i);
                    in_cell = false;
                }
                "td" | "th" if !closing => {
                    if cells_in_row > 0 {
                        w.synthetic("\t", i);
                    }
                    cells_in_row += 1;
                    in_cell = true;
                }
                "td" | "th" => in_cell = false,
                "br" => {
                    if in_cell {
                        w.synthetic(" ", i);
                    } else {
                        w.newline(i);
                    }
                }
                "p" | "div" | "table" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5"
                | "h6" | "body" | "tbody" | "thead" | "section" | "article" | "title"
                    if !in_cell =>
                {
                    w.newline(i);
                }
                _ => {}
            }
            i += close + 1;
            continue;
        }
        if bytes[i] == b'&' {
            let mut window = rest.len().min(12);
            while !rest.is_char_boundary(window) {
                window -= 1;
            }
            if let Some(semi) = rest[..window].find(';')
                && let Some(c) = entity(&rest[1..semi])
            {
                let mut buf = [0u8; 4];
                w.entity(c.encode_utf8(&mut buf), i, semi + 1);
                i += semi + 1;
                continue;
            }
        }
        // text up to the next markup; whitespace collapses to one space, as a browser shows it
        let end = rest
            .find(['<', '&'])
            .map_or(html.len(), |e| if e == 0 { i + 1 } else { i + e });
        let chunk = &html[i..end];
        let mut start = 0;
        for (j, c) in chunk.char_indices() {
            if c == '\n' || c == '\r' || c == '\t' {
                w.literal(&chunk[start..j], i + start);
                if !w.text.ends_with([' ', '\n', '\t']) && !w.text.is_empty() {
                    w.synthetic(" ", i + j);
                }
                start = j + c.len_utf8();
            }
        }
        w.literal(&chunk[start..], i + start);
        i = end;
    }
    Converted {
        text: w.text,
        segments: w.segments,
        source_len: html.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_holding_tables_at_any_depth_are_layout_cells() {
        let html = "<table><tr><td>A<table><tr><td>B<TABLE><tr><td>1</td></tr></table></td></tr>\
                    </table></td><td>2</td></tr></table><table><tr><td>C<table></table>";
        let at = |s: &str| html.find(s).map(|i| i - 4).unwrap_or(usize::MAX);
        // A and B hold tables (B directly, A through B); C holds one and is never closed
        assert_eq!(layout_cells(html), vec![at("A<"), at("B<"), at("C<")]);
        // ten thousand tables nested: linear, every enclosing cell found
        let deep = "<table><tr><td>x".repeat(10_000) + &"</td></tr></table>".repeat(10_000);
        assert_eq!(layout_cells(&deep).len(), 9_999);
    }

    #[test]
    fn markup_is_sniffed_in_the_first_4096_characters_only() {
        assert!(looks_like_html("前言<TD>1</TD>"));
        assert!(looks_like_html("<!DOCTYPE html><Html><body>"));
        assert!(!looks_like_html("a < b，3<5"));
        // 4096 characters of 3 bytes each, then a table: beyond the head
        let late = format!("{}<table>", "字".repeat(4096));
        assert!(!looks_like_html(&late));
        let early = format!("{}<table>", "字".repeat(4089));
        assert!(looks_like_html(&early));
        // a tag cut by the end of the head is not seen, as when the head was cut out first
        let cut = format!("{}<table>", "字".repeat(4091));
        assert!(!looks_like_html(&cut));
    }

    #[test]
    fn rows_become_lines_and_spans_map_back() {
        let html = "<p>一、总体情况</p>\n<table><tr><td rowspan=\"2\">规章</td><td colspan=2>1&nbsp;2</td><td>本年<br>新收</td></tr></table>";
        let c = convert(html);
        assert_eq!(c.text, "一、总体情况\n规章\t1\u{A0}2\t本年 新收\n");
        let at = c.text.find("规章").unwrap();
        let src = c.map(at);
        assert_eq!(&html[src..src + "规章".len()], "规章");
        let at = c.text.find("新收").unwrap();
        assert_eq!(&html[c.map(at)..c.map(at) + "新收".len()], "新收");
    }

    #[test]
    fn a_page_laid_out_in_a_table_keeps_its_paragraphs() {
        let html = "<table><tr><td class=\"nav\">首页</td><td><p>一、总体情况</p><p>全年公开12条。</p>\
                    <table><tr><td><p class=MsoNormal><span>规章</span></p></td><td><p>3</p></td></tr></table>\
                    <p>五、存在的主要问题及改进情况</p></td></tr></table>";
        let c = convert(html);
        let lines: Vec<&str> = c.text.lines().collect();
        assert!(lines.contains(&"一、总体情况"), "{lines:?}");
        assert!(lines.contains(&"规章\t3"), "{lines:?}");
        assert!(lines.contains(&"五、存在的主要问题及改进情况"), "{lines:?}");
    }

    #[test]
    fn detection() {
        assert!(looks_like_html(
            "<html><body><table><tr><td>1</td></tr></table>"
        ));
        assert!(!looks_like_html("一、总体情况\n规章 | 0 |"));
    }
}
