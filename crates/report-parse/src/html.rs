//! HTML as downloaded: the tables read structurally, the prose around them as text.
//!
//! The markup is tokenized by html5gum, a tokenizer that follows the WHATWG HTML standard and
//! gives every token its byte span: quoted `>` in attributes, comments (holding `<table>` or
//! not), `<script>` and `<style>` bodies, CDATA, unclosed cells, any case, and every named
//! character reference of the standard are taken as a browser takes them. (html5gum over
//! html5ever, tl and lol_html: it reports byte offsets for tags and text, is a tokenizer only —
//! no tree to build and hold for a page of a million rows — and has no dependency.)
//!
//! The tokens are turned into text the layout-independent reader takes (one table row per line,
//! cells separated by tabs, block elements on lines of their own, references decoded), with a
//! map from every offset of that text back to the markup, so that every span the report gives
//! points into the HTML the user has.

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
    /// verbatim (offsets map one to one) rather than standing for markup; bits 26–30 the length
    /// of the reference a character stands for (`&rdquo;`; at most 31 bytes), 0 otherwise.
    src: u32,
}

const LITERAL: u32 = 1 << 31;
const ENTITY_SHIFT: u32 = 26;
/// The longest reference a segment records (5 bits).
const MAX_REFERENCE: usize = 31;
const SRC_MASK: u32 = (1 << ENTITY_SHIFT) - 1;

impl Segment {
    fn new(out: usize, src: usize, literal: bool, entity: usize) -> Segment {
        debug_assert!(src <= SRC_MASK as usize && entity <= MAX_REFERENCE);
        Segment {
            out: out as u32,
            src: (src as u32 & SRC_MASK)
                | if literal { LITERAL } else { 0 }
                | ((entity.min(MAX_REFERENCE) as u32) << ENTITY_SHIFT),
        }
    }

    fn src(self) -> usize {
        (self.src & SRC_MASK) as usize
    }

    fn literal(self) -> bool {
        self.src & LITERAL != 0
    }

    fn entity(self) -> usize {
        ((self.src >> ENTITY_SHIFT) & 0x1F) as usize
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

/// The characters the character reference at the start of `raw` (`&rdquo;`, `&#49;`, `&amp`)
/// stands for, decoded as the tokenizer decodes it (every reference of the standard, with and
/// without its `;`, but the one whose name is longer than 29 characters,
/// `&CounterClockwiseContourIntegral;`, which stays text), and how many bytes of `raw` it takes;
/// `None` when `&` starts none.
fn reference(raw: &str) -> Option<(String, usize)> {
    // the references pages use most, without running the tokenizer
    for (name, chars) in [
        ("&nbsp;", "\u{A0}"),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
    ] {
        if raw.starts_with(name) {
            return Some((chars.to_owned(), name.len()));
        }
    }
    let body = raw
        .as_bytes()
        .iter()
        .skip(1)
        .take(MAX_REFERENCE - 2)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    if body == 0 {
        return None;
    }
    let mut end = 1 + body;
    if raw.as_bytes().get(end) == Some(&b';') {
        end += 1;
    }
    let candidate = &raw[..end];
    let mut decoded = String::new();
    for token in html5gum::Tokenizer::new(candidate).flatten() {
        if let html5gum::Token::String(s) = token {
            decoded.push_str(&String::from_utf8_lossy(&s.value));
        }
    }
    if decoded == candidate {
        return None;
    }
    // what follows the reference is copied as it is: the bytes both end with (ASCII, so the
    // cut is a character boundary in both)
    let same = candidate
        .bytes()
        .rev()
        .zip(decoded.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(candidate.len() - 2);
    let chars = decoded[..decoded.len() - same].to_owned();
    (!chars.is_empty()).then_some((chars, candidate.len() - same))
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
}

impl TagName {
    /// The name of a tag as the tokenizer gives it (lower case).
    fn of(name: &[u8]) -> TagName {
        let mut tag = TagName {
            buf: [0; 15],
            len: 0,
        };
        if name.len() > tag.buf.len() {
            tag.len = u8::MAX;
        } else {
            tag.buf[..name.len()].copy_from_slice(name);
            tag.len = name.len() as u8;
            for b in &mut tag.buf[..name.len()] {
                *b = b.to_ascii_lowercase();
            }
        }
        tag
    }
}

/// What the converter takes of a token: a tag (its name, where it starts, whether it closes)
/// or text (its span in the markup, references not yet decoded).
#[derive(Debug, Clone, Copy)]
enum Piece {
    Tag(TagName, usize, bool),
    Text(usize, usize),
}

/// The tags and text of `html` in order; comments, doctypes, attributes and the bodies of
/// `<script>` and `<style>` are left out. The tokenizer's callbacks give them with their spans
/// without building a token (no allocation per tag).
fn pieces(html: &str) -> impl Iterator<Item = Piece> + '_ {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    let mut hidden: Option<TagName> = None;
    let callback = move |event: CallbackEvent<'_>, span: html5gum::Span<usize>| match event {
        CallbackEvent::OpenStartTag { name } => {
            let name = TagName::of(name);
            if matches!(name.as_str(), "script" | "style") {
                hidden = Some(name);
            }
            Some(Piece::Tag(name, span.start, false))
        }
        CallbackEvent::EndTag { name } => {
            let name = TagName::of(name);
            if hidden.is_some_and(|h| h.as_str() == name.as_str()) {
                hidden = None;
            }
            Some(Piece::Tag(name, span.start, true))
        }
        CallbackEvent::String { .. } if hidden.is_none() => {
            Some(Piece::Text(span.start, span.end.min(html.len())))
        }
        _ => None,
    };
    let mut emitter = CallbackEmitter::new(callback);
    // raw text after `<script>`, `<style>`, `<textarea>`, `<title>`, … as a browser reads it
    emitter.naively_switch_states(true);
    html5gum::Tokenizer::new_with_emitter(html, Quiet(emitter)).flatten()
}

/// An emitter that asks for no parse errors: the tokenizer then skips validating every
/// character for them (a third of the tokenizer's work), and the page reads the same, since the
/// errors only report, never change, what is tokenized.
struct Quiet<E>(E);

impl<E: html5gum::Emitter> html5gum::ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl html5gum::Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn emit_error(&mut self, _: html5gum::Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Converts HTML markup to text, keeping the map back.
pub(crate) fn convert(html: &str) -> Converted {
    // A segment opens at most twice per piece of markup (the character it stands for, the text
    // after it) and once per line break of the text: room made once for all of them. Pages
    // the memory never touches cost nothing, and no doubling holds the old and the new map at
    // once (which on one line of a million table rows was a quarter of the peak).
    let marks = crate::text::count_bytes(html.as_bytes(), |b| {
        matches!(b, b'<' | b'&' | b'\n' | b'\r' | b'\t')
    });
    let mut w = Writer {
        text: String::with_capacity(html.len() / 2),
        segments: Vec::with_capacity(2 * marks + 1),
    };
    // One pass of the tokenizer. Whether a cell holds a table (and so lays out the page, its
    // content flow rather than a value) is known only once a table opens inside it or the cell
    // ends: until then the cell's tag and what follows are kept (a cell's value, or the text
    // before a table: a few pieces), then written out as the one or the other.
    let mut state = State {
        in_cell: false,
        cells_in_row: 0,
    };
    let mut kept: Vec<Piece> = Vec::new();
    for piece in pieces(html) {
        if let Piece::Tag(name, _, closing) = piece {
            match (name.as_str(), closing) {
                // the cell kept holds a table
                ("table", false) => state.flush(&mut w, html, &mut kept, true),
                ("table", true) => state.flush(&mut w, html, &mut kept, false),
                ("td" | "th", false) => {
                    // an unclosed cell before it ends where it begins
                    state.flush(&mut w, html, &mut kept, false);
                    kept.push(piece);
                    continue;
                }
                ("td" | "th", true) | ("tr", _) => {
                    kept.push(piece);
                    state.flush(&mut w, html, &mut kept, false);
                    continue;
                }
                _ => {}
            }
        }
        if kept.is_empty() {
            state.apply(&mut w, html, piece, false);
        } else {
            kept.push(piece);
        }
    }
    state.flush(&mut w, html, &mut kept, false);
    Converted {
        text: w.text,
        segments: w.segments,
        source_len: html.len(),
    }
}

/// Where the conversion stands: inside a cell of data, and how many cells the row has had.
struct State {
    in_cell: bool,
    cells_in_row: usize,
}

impl State {
    /// Writes out the pieces kept since a cell opened: the cell a layout cell (it holds a table)
    /// or a cell of data.
    fn flush(&mut self, w: &mut Writer, html: &str, kept: &mut Vec<Piece>, layout: bool) {
        for (k, &piece) in kept.iter().enumerate() {
            self.apply(w, html, piece, layout && k == 0);
        }
        kept.clear();
    }

    /// Writes out one piece; `layout` says that a cell opening here holds a table.
    fn apply(&mut self, w: &mut Writer, html: &str, piece: Piece, layout: bool) {
        let (name, i, closing) = match piece {
            Piece::Text(start, end) => {
                push_text(w, html, start, end);
                return;
            }
            Piece::Tag(name, i, closing) => (name, i, closing),
        };
        match name.as_str() {
            "tr" => {
                w.newline(i);
                self.cells_in_row = 0;
                self.in_cell = false;
            }
            // a cell that holds a table of its own lays out the page: its content is flow
            "td" | "th" if !closing && layout => {
                w.newline(i);
                self.in_cell = false;
            }
            "td" | "th" if !closing => {
                if self.cells_in_row > 0 {
                    w.synthetic("\t", i);
                }
                self.cells_in_row += 1;
                self.in_cell = true;
            }
            "td" | "th" => self.in_cell = false,
            "br" => {
                if self.in_cell {
                    w.synthetic(" ", i);
                } else {
                    w.newline(i);
                }
            }
            "p" | "div" | "table" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "body" | "tbody" | "thead" | "section" | "article" | "title"
                if !self.in_cell =>
            {
                w.newline(i);
            }
            _ => {}
        }
    }
}

/// The text `html[start..end]` (between tags): references decoded, and whitespace collapsed to
/// one space, as a browser shows it.
fn push_text(w: &mut Writer, html: &str, start: usize, end: usize) {
    let mut i = start;
    while i < end {
        let rest = &html[i..end];
        if rest.starts_with('&')
            && let Some((chars, len)) = reference(rest)
        {
            w.entity(&chars, i, len);
            i += len;
            continue;
        }
        // up to the next reference (a lone `&` is text)
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let stop = rest[first..].find('&').map_or(end, |e| i + first + e);
        let chunk = &html[i..stop];
        let mut from = 0;
        for (j, c) in chunk.char_indices() {
            if c == '\n' || c == '\r' || c == '\t' {
                w.literal(&chunk[from..j], i + from);
                if !w.text.ends_with([' ', '\n', '\t']) && !w.text.is_empty() {
                    w.synthetic(" ", i + j);
                }
                from = j + c.len_utf8();
            }
        }
        w.literal(&chunk[from..], i + from);
        i = stop;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_holding_tables_at_any_depth_lay_out_the_page() {
        let html = "<table><tr><td>A<table><tr><td>B<TABLE><tr><td>1</td><td>2</td></tr></table></td></tr>\
                    </table></td><td>3</td></tr></table><table><tr><td>C<table></table>";
        let c = convert(html);
        // A, B and C hold tables: their content is flow, not cells of a row; 1 and 2 are
        let lines: Vec<&str> = c.text.lines().collect();
        assert_eq!(lines, ["A", "B", "1\t2", "3", "C"], "{:?}", c.text);
        // ten thousand tables nested: linear, every enclosing cell found
        let deep = "<table><tr><td>x".repeat(10_000) + &"</td></tr></table>".repeat(10_000);
        let c = convert(&deep);
        assert_eq!(c.text.lines().filter(|l| *l == "x").count(), 10_000);
    }

    #[test]
    fn references_are_decoded_as_the_standard_says_and_map_back_whole() {
        fn r(raw: &str) -> Option<(String, &str)> {
            reference(raw).map(|(c, n)| (c, &raw[..n]))
        }
        assert_eq!(r("&rdquo;x"), Some(("”".into(), "&rdquo;")));
        assert_eq!(r("&#x4E09;"), Some(("三".into(), "&#x4E09;")));
        assert_eq!(r("&#49;2"), Some(("1".into(), "&#49;")));
        // without its `;`, and a longer name that only starts with a reference
        assert_eq!(r("&amp b"), Some(("&".into(), "&amp")));
        assert_eq!(r("&notit;"), Some(("¬".into(), "&not")));
        assert_eq!(r("&Aacute;"), Some(("Á".into(), "&Aacute;")));
        assert_eq!(r("&foo;"), None);
        assert_eq!(r("& b"), None);
        assert_eq!(r("&CounterClockwiseContourIntegral;"), None);
        // a name longer than 15 bytes is recorded whole in the map (5 bits)
        let long = "<p>x&ClockwiseContourIntegral;y</p>";
        let c = convert(long);
        assert_eq!(c.text.trim(), "x∲y");
        let at = c.text.find('∲').expect("decoded");
        let span = c.span(Span::new(at, at + '∲'.len_utf8()));
        assert_eq!(&long[span.start..span.end], "&ClockwiseContourIntegral;");
        // a cell written with references: its span ends where the last reference does
        let html = "<table><tr><td>a&ldquo;三&rdquo;</td></tr></table>";
        let c = convert(html);
        let at = c.text.find('a').expect("a");
        let span = c.span(Span::new(at, c.text.trim_end().len()));
        assert_eq!(&html[span.start..span.end], "a&ldquo;三&rdquo;");
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
