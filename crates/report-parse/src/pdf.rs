//! PDF files: the text of each page rebuilt from where its characters are drawn, so that the
//! tables are read like any text laid out one row per line.
//!
//! The file is read with [`lopdf`] (objects, streams, fonts' `ToUnicode` maps, encryption with an
//! empty user password), and the pages' content streams are interpreted here: the text operators
//! place each character (its font's code turned into Unicode, its advance from the font's
//! widths), and the path operators give the table's ruling lines, strokes and thin filled
//! rectangles that are horizontal or vertical.
//!
//! Each page's ruling lines that touch form a table; the positions of its lines make a grid,
//! and grid cells with no line between them are one cell (a label merged down the side or
//! across). Each cell's characters are its text, its lines joined (a label that wraps inside its
//! cell is one label again). A table row is written as a line of cells separated by ` | `, the
//! cells that began in a row above left out (as a Word file's merged cells are), empty cells
//! kept as empty fields. Text outside the tables is written line by line from the characters'
//! baselines, a wide gap as two spaces. Lines are in reading order, top to bottom; a table that
//! goes on onto the next page simply goes on in the text. Page numbers (`- 3 -`, `第3页`,
//! `3/12`) and the running header or footer repeated in the margins of several pages are left
//! out.
//!
//! Fonts often map common ideographs to look-alikes (`⾏`, the Kangxi radical U+2F8F, for `行`):
//! these are written as the ideographs they stand for.
//!
//! Spans of the report point into this text; [`Origin::Page`] says on which page each line
//! stands. A PDF with no text drawn (a scan) is refused: it needs OCR.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object, content::Content};
use report_model::Origin;

use crate::{MAX_INPUT, ParseErrorKind, SCANNED_PDF};

/// Refused: characters drawn only in fonts that say nothing of what they are (no `ToUnicode`
/// map, no known encoding).
pub(crate) const UNMAPPED: &str = "a PDF whose fonts do not say which characters they draw (字体缺少 ToUnicode 映射，无法提取文字): its text cannot be read; it needs OCR, or the report's original file";
/// Refused: nothing drawn that is text, and no image either.
pub(crate) const NO_TEXT: &str = "a PDF file that draws no text (PDF 中没有文字): nothing to read";

/// A stream the file holds (an object stream, a font's map) may inflate to this many bytes at
/// most; pages' contents together to [`MAX_INPUT`].
const MAX_STREAM: usize = 8 << 20;
/// At most this many pages are read.
const MAX_PAGES: usize = 10_000;
/// A page with more ruling lines than this is read as text without its tables' lines (the
/// grouping of lines into tables is quadratic in them).
const MAX_RULES: usize = 3_000;
/// A page's tables find which of them holds each character through a map of the page cut at
/// their edges; a page whose map would have more parts than this is read as text without its
/// tables' lines (some hundred tables side by side and one above the other).
const MAX_TABLE_MAP: usize = 1 << 22;
/// Forms drawn inside forms: deeper than this are not followed (a cycle stops here too).
const MAX_FORM_DEPTH: usize = 8;
/// At most this many characters are placed in all (each costs some 40 bytes): some 250 pages of
/// text, where a report has ten or twenty. A PDF that draws more is refused, saying so.
const MAX_GLYPHS: usize = 1 << 19;
/// Forms (XObjects drawn with `Do`) drawn again, in bytes of their content: a form that draws
/// itself twice, eight deep, would otherwise be read 2⁸ times. A form's first drawing counts as
/// a page's content does (some producers put each page in a form); a PDF that draws its forms
/// again past this bound is refused, saying so.
const MAX_FORMS: usize = 1 << 20;

/// Whether `bytes` are a PDF file: `%PDF-` within the first kilobyte.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The text of the document's pages, and on which page each of its lines stands; or why it could
/// not be read: a damaged file ([`ParseErrorKind::Document`]), text too large, or nothing to read
/// ([`SCANNED_PDF`], [`UNMAPPED`], [`NO_TEXT`]).
pub(crate) fn text_of(bytes: &[u8]) -> Result<(String, Vec<Origin>), ParseErrorKind> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| ParseErrorKind::Document(format!("not a readable PDF file ({e})")))?;
    if doc.is_encrypted() {
        // most published reports are encrypted only against editing, with an empty password
        doc.decrypt("").map_err(|_| {
            ParseErrorKind::Document(
                "the PDF is encrypted with a password (加密文档): open it with the password and save it again"
                    .to_owned(),
            )
        })?;
    }
    let mut reader = Reader::new(&doc);
    let mut fonts = FontTable { fonts: Vec::new() };
    let mut pages = Vec::new();
    for (&number, &id) in doc.get_pages().iter().take(MAX_PAGES) {
        let content = doc
            .get_page_content_with_limit(id, reader.budget)
            .map_err(|e| {
                ParseErrorKind::Document(format!("page {number}: content unreadable ({e})"))
            })?;
        reader.budget = reader.budget.saturating_sub(content.len());
        let resources = page_resources(&doc, id);
        let mut page = Page {
            number,
            media: media_box(&doc, id),
            ..Page::default()
        };
        reader.run(&content, &resources, IDENTITY, 0, &mut page, &mut fonts);
        page.upright();
        pages.push(page);
    }
    if reader.too_many {
        return Err(ParseErrorKind::Document(format!(
            "the PDF draws more than {MAX_GLYPHS} characters (文字过多), more than any annual report: save the report's own pages as a PDF of their own"
        )));
    }
    if reader.redrawn_too_often {
        return Err(ParseErrorKind::Document(format!(
            "the PDF draws the same forms over and over (表单重复绘制过多), more than {} MiB of their content: print it to a new PDF",
            MAX_FORMS >> 20
        )));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(ParseErrorKind::Unsupported(if reader.unmapped > 0 {
            UNMAPPED
        } else if reader.images {
            SCANNED_PDF
        } else {
            NO_TEXT
        }));
    }
    let furniture = furniture(&mut pages);
    // every page's lines, running headers and footers left out; a row cut by a page break
    // joined to its start
    let mut items: Vec<(u32, Item)> = Vec::new();
    let mut size = 0;
    for page in &pages {
        let mut first = true;
        for item in lay_out(page) {
            let line = item.line();
            if line.trim().is_empty() || furniture.contains(&furniture_key(&line)) {
                continue;
            }
            if first
                && let (Some((_, Item::Row(before))), Item::Row(row)) = (items.last_mut(), &item)
                && continues(before, row)
            {
                first = false;
                continue;
            }
            first = false;
            size += line.len() + 1;
            items.push((page.number, item));
        }
        if size > MAX_INPUT {
            return Err(ParseErrorKind::TooLarge(size, MAX_INPUT));
        }
    }
    let mut out = String::with_capacity(size);
    let mut origins = Vec::with_capacity(items.len());
    for (page, item) in &items {
        out.push_str(&item.line());
        out.push('\n');
        origins.push(Origin::Page(*page));
    }
    Ok((out, origins))
}

/// A page's media box (x0, y0, x1, y1), for telling its margins; A4 when it has none.
fn media_box(doc: &Document, id: lopdf::ObjectId) -> [f64; 4] {
    let mut node = doc.get_dictionary(id).ok();
    // the media box may be inherited from the page tree
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(Object::Array(b)) = dict.get(b"MediaBox").map(|o| deref(doc, o)) {
            let v: Vec<f64> = b.iter().filter_map(|o| number(doc, o)).collect();
            if v.len() == 4 {
                return [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ];
            }
        }
        node = dict
            .get(b"Parent")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| doc.get_dictionary(p).ok());
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// An affine matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the product `m × n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, o)| o)
}

fn number(doc: &Document, object: &Object) -> Option<f64> {
    deref(doc, object)
        .as_float()
        .ok()
        .map(f64::from)
        .filter(|v| v.is_finite())
}

/// One character drawn: where its baseline starts and ends, and its size.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    ch: char,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// The quarter turns its line is turned by (0: left to right; 1: bottom to top; …), its
    /// coordinates those of the page turned back by as many.
    turn: u8,
}

impl Glyph {
    fn center(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, self.y + self.size * 0.3)
    }
}

/// A ruling line: horizontal (`at` is its y, `from..to` its x) or vertical (`at` its x).
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f64,
    from: f64,
    to: f64,
}

/// What was drawn on one page.
#[derive(Debug, Default)]
struct Page {
    number: u32,
    /// The page's extent bottom to top, in the frame its text reads in ([`Page::upright`]).
    low: f64,
    high: f64,
    /// The media box: x0, y0, x1, y1.
    media: [f64; 4],
    glyphs: Vec<Glyph>,
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
}

/// How a font's codes are read.
#[derive(Clone, Copy, PartialEq)]
enum Codes {
    /// One byte each.
    One,
    /// Two bytes each (`Identity-H`, `UniGB-UCS2-H`).
    Two,
    /// One byte below 0x80, else two, GBK (`GBK-EUC-H`, `GBpc-EUC-H`, `GB-EUC-H`).
    Gbk,
}

/// A font as the text operators need it.
struct Font<'a> {
    codes: Codes,
    /// The code-to-Unicode map (`ToUnicode`) or encoding.
    encoding: Option<Encoding<'a>>,
    /// Code points are the codes (`UniGB-UCS2-H` without a `ToUnicode` map).
    ucs2: bool,
    /// Widths in thousandths of the size: the first code, the widths from it.
    first: u32,
    widths: Vec<f64>,
    /// CID fonts' `W` ranges: first, last, width.
    ranges: Vec<(u32, u32, f64)>,
    default_width: Option<f64>,
}

impl Font<'_> {
    fn width(&self, code: u32, ch: Option<char>) -> f64 {
        if let Some(w) = code
            .checked_sub(self.first)
            .and_then(|i| self.widths.get(i as usize))
        {
            return *w;
        }
        if let Some(&(_, _, w)) = self.ranges.iter().find(|r| r.0 <= code && code <= r.1) {
            return w;
        }
        if let Some(w) = self.default_width {
            return w;
        }
        // no widths (a standard font): an em for ideographs, half for the rest
        match ch {
            Some(c) if c >= '\u{2E80}' => 1000.0,
            _ => 500.0,
        }
    }

    /// The Unicode text of one code.
    fn text(&self, code: u32, len: u8, bytes: &[u8], out: &mut String) {
        match &self.encoding {
            Some(Encoding::UnicodeMapEncoding(map)) => {
                if let Some(units) = map.get(code, len) {
                    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
                }
            }
            _ if self.ucs2 => out.extend(char::from_u32(code)),
            _ if self.codes == Codes::Gbk => {
                let (text, _, bad) = encoding_rs::GBK.decode(bytes);
                if !bad {
                    out.push_str(&text);
                }
            }
            Some(encoding) => {
                let _ = encoding.write_to_string(bytes, out);
            }
            None => {}
        }
    }
}

/// Text and graphics state saved by `q` and restored by `Q`.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// Reads pages' content streams.
struct Reader<'a> {
    doc: &'a Document,
    /// Fonts read so far, by their dictionary's address: their index in the [`FontTable`].
    fonts: HashMap<usize, usize>,
    /// Content bytes still allowed (forms' streams count too).
    budget: usize,
    /// Bytes of forms' content drawn again still allowed ([`MAX_FORMS`]).
    forms: usize,
    /// The forms drawn so far, by their stream's address.
    drawn: HashSet<usize>,
    /// Whether a form was to be drawn again past [`MAX_FORMS`] (and was not).
    redrawn_too_often: bool,
    /// Characters placed so far, on all pages.
    glyphs: usize,
    /// Whether a character past [`MAX_GLYPHS`] was drawn (and not placed).
    too_many: bool,
    images: bool,
    /// Codes drawn that no map turned into characters.
    unmapped: usize,
}

/// Fonts of the document, kept apart from the reader so that both can be borrowed.
struct FontTable<'a> {
    fonts: Vec<Font<'a>>,
}

/// The resource dictionaries a page sees: its own or the nearest ancestor's, then those its page
/// tree refers to.
fn page_resources(doc: &Document, id: lopdf::ObjectId) -> Vec<&Dictionary> {
    let mut resources = Vec::new();
    if let Ok((dict, ids)) = doc.get_page_resources(id) {
        resources.extend(dict);
        resources.extend(ids.iter().filter_map(|&id| doc.get_dictionary(id).ok()));
    }
    resources
}

impl<'a> Reader<'a> {
    /// A reader of `doc` with the whole budget.
    fn new(doc: &'a Document) -> Self {
        Reader {
            doc,
            fonts: HashMap::new(),
            budget: MAX_INPUT,
            forms: MAX_FORMS,
            drawn: HashSet::new(),
            redrawn_too_often: false,
            glyphs: 0,
            too_many: false,
            images: false,
            unmapped: 0,
        }
    }

    /// Interprets one content stream with the resources it sees.
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
        depth: usize,
        page: &mut Page,
        table: &mut FontTable<'a>,
    ) {
        let doc = self.doc;
        let mut state = State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        // the path being built: segments and the bounding boxes of closed rectangles
        let mut path = Path::default();
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            let n = |i: usize| op.operands.get(i).and_then(|o| number(doc, o));
            let nums = |k: usize| -> Option<Vec<f64>> {
                (op.operands.len() >= k).then_some(())?;
                (0..k).map(n).collect()
            };
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(state.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(v) = nums(6) {
                        state.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &state.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    state.font = name.and_then(|name| self.font(resources, name, table));
                    state.size = n(1).unwrap_or(0.0);
                }
                "Tc" => state.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => state.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => state.scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => state.leading = n(0).unwrap_or(0.0),
                "Ts" => state.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some(v) = nums(2) {
                        if op.operator == "TD" {
                            state.leading = -v[1];
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, v[0], v[1]], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(v) = nums(6) {
                        tlm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        tm = tlm;
                    }
                }
                "T*" | "'" | "\"" => {
                    if op.operator == "\"" {
                        state.word_spacing = n(0).unwrap_or(state.word_spacing);
                        state.char_spacing = n(1).unwrap_or(state.char_spacing);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                    if op.operator != "T*"
                        && let Some(s) = op.operands.last().and_then(|o| o.as_str().ok())
                    {
                        self.show(s, &state, &mut tm, table, page);
                    }
                }
                "Tj" => {
                    if let Some(s) = op.operands.first().and_then(|o| o.as_str().ok()) {
                        self.show(s, &state, &mut tm, table, page);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &state, &mut tm, table, page),
                                other => {
                                    if let Some(adjust) = number(doc, other) {
                                        let tx = -adjust / 1000.0 * state.size * state.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let Some(v) = nums(2) {
                        path.move_to(apply(&state.ctm, v[0], v[1]));
                    }
                }
                "l" => {
                    if let Some(v) = nums(2) {
                        path.line_to(apply(&state.ctm, v[0], v[1]));
                    }
                }
                "c" | "v" | "y" => {
                    // a curve: no ruling line; the current point moves to its end
                    let k = op.operands.len();
                    if k >= 2
                        && let (Some(x), Some(y)) = (n(k - 2), n(k - 1))
                    {
                        path.current = Some(apply(&state.ctm, x, y));
                        path.straight = false;
                    }
                }
                "h" => path.close(),
                "re" => {
                    if let Some(v) = nums(4) {
                        let m = &state.ctm;
                        let corners = [
                            apply(m, v[0], v[1]),
                            apply(m, v[0] + v[2], v[1]),
                            apply(m, v[0] + v[2], v[1] + v[3]),
                            apply(m, v[0], v[1] + v[3]),
                        ];
                        path.rectangle(corners);
                    }
                }
                "S" | "s" => {
                    if op.operator == "s" {
                        path.close();
                    }
                    path.stroke(page);
                    path = Path::default();
                }
                "f" | "F" | "f*" => {
                    path.fill(page);
                    path = Path::default();
                }
                "B" | "B*" | "b" | "b*" => {
                    path.stroke(page);
                    path.fill(page);
                    path = Path::default();
                }
                "n" => path = Path::default(),
                "Do" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    if let Some(name) = name {
                        self.form(name, resources, &state.ctm, depth, page, table);
                    }
                }
                "BI" | "EI" => self.images = true,
                _ => {}
            }
        }
    }

    /// Draws a form XObject (or notes an image).
    fn form(
        &mut self,
        name: &[u8],
        resources: &[&'a Dictionary],
        ctm: &Matrix,
        depth: usize,
        page: &mut Page,
        table: &mut FontTable<'a>,
    ) {
        let doc = self.doc;
        let Some(stream) = resources
            .iter()
            .find_map(|r| lookup(doc, r, b"XObject", name))
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.images = true,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                // a form drawn for the first time counts as page content does; drawn again, it
                // counts against the forms' bound too
                let first = self.drawn.insert(std::ptr::from_ref(stream) as usize);
                if self.too_many || (!first && self.redrawn_too_often) {
                    return;
                }
                let Ok(content) = stream.decompressed_content_with_limit(self.budget) else {
                    return;
                };
                if !first {
                    // an empty form costs something too, so that it cannot be drawn without end
                    let cost = content.len().max(64);
                    if cost > self.forms {
                        self.redrawn_too_often = true;
                        return;
                    }
                    self.forms -= cost;
                }
                self.budget = self.budget.saturating_sub(content.len());
                let matrix = match stream.dict.get(b"Matrix").map(|o| deref(doc, o)) {
                    Ok(Object::Array(a)) if a.len() == 6 => {
                        let v: Vec<f64> = a.iter().filter_map(|o| number(doc, o)).collect();
                        if v.len() == 6 {
                            [v[0], v[1], v[2], v[3], v[4], v[5]]
                        } else {
                            IDENTITY
                        }
                    }
                    _ => IDENTITY,
                };
                let own = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref(doc, o).as_dict().ok());
                let inner: Vec<&'a Dictionary> = match own {
                    Some(d) => std::iter::once(d)
                        .chain(resources.iter().copied())
                        .collect(),
                    None => resources.to_vec(),
                };
                self.run(&content, &inner, mul(&matrix, ctm), depth + 1, page, table);
            }
            _ => {}
        }
    }

    /// The font named `name` in the resources, read once.
    fn font(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        table: &mut FontTable<'a>,
    ) -> Option<usize> {
        let doc = self.doc;
        let dict = resources
            .iter()
            .find_map(|r| lookup(doc, r, b"Font", name))
            .and_then(|o| o.as_dict().ok())?;
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(&i) = self.fonts.get(&key) {
            return Some(i);
        }
        table
            .fonts
            .push(read_font(doc, dict, self.budget.min(MAX_STREAM)));
        let i = table.fonts.len() - 1;
        self.fonts.insert(key, i);
        Some(i)
    }

    /// Shows a string: each code's character placed at the text matrix, which then advances.
    fn show(
        &mut self,
        bytes: &[u8],
        state: &State,
        tm: &mut Matrix,
        table: &FontTable<'a>,
        page: &mut Page,
    ) {
        let Some(font) = state.font.and_then(|i| table.fonts.get(i)) else {
            return;
        };
        let mut i = 0;
        let mut text = String::new();
        while i < bytes.len() {
            let len = match font.codes {
                Codes::One => 1,
                Codes::Two => 2,
                Codes::Gbk if bytes[i] < 0x80 => 1,
                Codes::Gbk => 2,
            }
            .min(bytes.len() - i);
            let piece = &bytes[i..i + len];
            let code = piece.iter().fold(0u32, |c, &b| c << 8 | u32::from(b));
            i += len;
            text.clear();
            font.text(code, len as u8, piece, &mut text);
            if text.is_empty() {
                self.unmapped += 1;
            }
            let first = text.chars().next();
            let w = font.width(code, first) / 1000.0;
            let mut advance = w * state.size + state.char_spacing;
            if len == 1 && code == 32 {
                advance += state.word_spacing;
            }
            advance *= state.scale;
            let trm = mul(
                &[
                    state.size * state.scale,
                    0.0,
                    0.0,
                    state.size,
                    0.0,
                    state.rise,
                ],
                &mul(tm, &state.ctm),
            );
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            let end = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, state.rise], &mul(tm, &state.ctm));
            let size = trm[2].hypot(trm[3]);
            // the line's direction: along an axis (a landscape table printed onto a portrait
            // page runs bottom to top), else turned text (a stamp, a watermark), left out
            let angle = trm[1].atan2(trm[0]).to_degrees();
            let quarter = (angle / 90.0).round();
            if !size.is_finite() || size <= 0.0 || (angle - quarter * 90.0).abs() > 3.0 {
                continue;
            }
            let turn = (quarter as i64).rem_euclid(4) as u8;
            let start = turn_back(turn, trm[4], trm[5]);
            let stop = turn_back(turn, end[4], end[5]);
            let n = text.chars().count().max(1) as f64;
            let (x0, x1) = (start.0, stop.0);
            for (k, ch) in text.chars().map(crate::radicals::unify).enumerate() {
                if self.glyphs >= MAX_GLYPHS {
                    self.too_many = true;
                    return;
                }
                self.glyphs += 1;
                let step = (x1 - x0) / n;
                page.glyphs.push(Glyph {
                    ch,
                    x0: x0 + step * k as f64,
                    x1: x0 + step * (k + 1) as f64,
                    y: start.1,
                    size,
                    turn,
                });
            }
        }
    }
}

/// A point of the page turned back by `turn` quarter turns: where it stands for text whose lines
/// run that many quarter turns from left to right.
fn turn_back(turn: u8, x: f64, y: f64) -> (f64, f64) {
    match turn {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// A ruling line turned back by `turn` quarter turns: (horizontal, the line) after.
fn turn_rule(turn: u8, horizontal: bool, r: Rule) -> (bool, Rule) {
    let flip = |r: Rule| Rule {
        at: r.at,
        from: -r.to,
        to: -r.from,
    };
    match (turn, horizontal) {
        // (x, y) → (y, -x): a horizontal line at y becomes a vertical one at x' = y, spanning -x
        (1, true) => (false, flip(r)),
        (1, false) => (true, Rule { at: -r.at, ..r }),
        (2, _) => (
            horizontal,
            Rule {
                at: -r.at,
                ..flip(r)
            },
        ),
        // (x, y) → (-y, x)
        (3, true) => (false, Rule { at: -r.at, ..r }),
        (3, false) => (true, flip(r)),
        _ => (horizontal, r),
    }
}

impl Page {
    /// Turns the page so that its text reads left to right: the turn most of its characters
    /// have is kept, characters turned otherwise are left out (a stamp across a table), and the
    /// ruling lines are turned with it.
    fn upright(&mut self) {
        let mut counts = [0usize; 4];
        for g in &self.glyphs {
            counts[usize::from(g.turn & 3)] += 1;
        }
        let turn = (0..4u8)
            .max_by_key(|&k| (counts[usize::from(k)], 4 - k))
            .unwrap_or(0);
        self.glyphs.retain(|g| g.turn == turn);
        let [x0, y0, x1, y1] = self.media;
        (self.low, self.high) = match turn {
            1 => (-x1, -x0),
            2 => (-y1, -y0),
            3 => (x0, x1),
            _ => (y0, y1),
        };
        if turn == 0 {
            return;
        }
        let (mut horizontal, mut vertical) = (Vec::new(), Vec::new());
        let rules = std::mem::take(&mut self.horizontal)
            .into_iter()
            .map(|r| (true, r))
            .chain(
                std::mem::take(&mut self.vertical)
                    .into_iter()
                    .map(|r| (false, r)),
            );
        for (h, r) in rules {
            match turn_rule(turn, h, r) {
                (true, r) => horizontal.push(r),
                (false, r) => vertical.push(r),
            }
        }
        self.horizontal = horizontal;
        self.vertical = vertical;
    }
}

/// `resources[kind][name]`, references followed.
fn lookup<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
    kind: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    let group = deref(doc, resources.get(kind).ok()?).as_dict().ok()?;
    Some(deref(doc, group.get(name).ok()?))
}

/// Reads what the text operators need of a font dictionary.
fn read_font<'a>(doc: &'a Document, dict: &'a Dictionary, budget: usize) -> Font<'a> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let numbers = |o: &Object| -> Vec<f64> {
        match deref(doc, o) {
            Object::Array(a) => a.iter().map(|o| number(doc, o).unwrap_or(0.0)).collect(),
            _ => Vec::new(),
        }
    };
    if subtype == b"Type0" {
        let cmap = dict
            .get(b"Encoding")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"Identity-H");
        let codes = match cmap {
            b"GBK-EUC-H" | b"GBK-EUC-V" | b"GBpc-EUC-H" | b"GBpc-EUC-V" | b"GB-EUC-H"
            | b"GB-EUC-V" | b"GBK2K-H" | b"GBK2K-V" => Codes::Gbk,
            _ => Codes::Two,
        };
        // the ToUnicode map when there is one, whatever the CMap: lopdf reads it for Identity
        let encoding = if dict.has(b"ToUnicode") {
            let mut identity = dict.clone();
            identity.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            match identity.get_font_encoding_with_limit(doc, budget) {
                Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
                _ => None,
            }
        } else {
            None
        };
        let ucs2 = encoding.is_none()
            && matches!(
                cmap,
                b"UniGB-UCS2-H" | b"UniGB-UCS2-V" | b"UniGB-UTF16-H" | b"UniGB-UTF16-V"
            );
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let mut ranges = Vec::new();
        let mut default_width = Some(1000.0);
        if let Some(d) = descendant {
            if let Some(w) = d.get(b"DW").ok().and_then(|o| number(doc, o)) {
                default_width = Some(w);
            }
            if let Ok(w) = d.get(b"W").map(|o| deref(doc, o))
                && let Ok(items) = w.as_array()
            {
                let mut k = 0;
                while k + 1 < items.len() && ranges.len() < 65_536 {
                    let first = number(doc, &items[k]).unwrap_or(0.0) as u32;
                    match deref(doc, &items[k + 1]) {
                        Object::Array(ws) => {
                            for (j, w) in ws.iter().enumerate().take(65_536) {
                                let c = first.saturating_add(j as u32);
                                ranges.push((c, c, number(doc, w).unwrap_or(1000.0)));
                            }
                            k += 2;
                        }
                        last => {
                            let last = number(doc, last).unwrap_or(0.0) as u32;
                            let w = items
                                .get(k + 2)
                                .and_then(|o| number(doc, o))
                                .unwrap_or(1000.0);
                            ranges.push((first, last, w));
                            k += 3;
                        }
                    }
                }
            }
        }
        return Font {
            codes,
            encoding,
            ucs2,
            first: 0,
            widths: Vec::new(),
            ranges,
            default_width,
        };
    }
    // the ToUnicode map, where there is one, says what the codes are whatever the encoding
    // (Chromium's Type3 fonts name their glyphs `/g1A2B` in an encoding of their own)
    let encoding = if dict.has(b"ToUnicode") {
        let mut unicode = dict.clone();
        unicode.remove(b"Encoding");
        match unicode.get_font_encoding_with_limit(doc, budget) {
            Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
            _ => dict.get_font_encoding_with_limit(doc, budget).ok(),
        }
    } else {
        dict.get_font_encoding_with_limit(doc, budget).ok()
    };
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0) as u32;
    let mut widths = dict.get(b"Widths").map(numbers).unwrap_or_default();
    // a Type3 font's widths are in its own glyph space: its FontMatrix scales them to text space
    if subtype == b"Type3"
        && let Ok(Object::Array(m)) = dict.get(b"FontMatrix").map(|o| deref(doc, o))
        && let Some(scale) = m.first().and_then(|o| number(doc, o))
    {
        for w in &mut widths {
            *w *= scale * 1000.0;
        }
    }
    let missing = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| number(doc, o));
    Font {
        codes: Codes::One,
        encoding,
        ucs2: false,
        first,
        widths,
        ranges: Vec::new(),
        default_width: missing.filter(|w| *w > 0.0),
    }
}

/// A path being built: its straight segments, closed rectangles, the current point.
#[derive(Default)]
struct Path {
    segments: Vec<((f64, f64), (f64, f64))>,
    /// Each subpath's points, for fills.
    subpaths: Vec<Vec<(f64, f64)>>,
    start: Option<(f64, f64)>,
    current: Option<(f64, f64)>,
    straight: bool,
}

impl Path {
    fn move_to(&mut self, p: (f64, f64)) {
        self.start = Some(p);
        self.current = Some(p);
        self.straight = true;
        if self.subpaths.len() < 100_000 {
            self.subpaths.push(vec![p]);
        }
    }

    fn line_to(&mut self, p: (f64, f64)) {
        if let Some(c) = self.current
            && self.segments.len() < 100_000
        {
            self.segments.push((c, p));
            if let Some(s) = self.subpaths.last_mut()
                && s.len() < 64
            {
                s.push(p);
            }
        }
        self.current = Some(p);
    }

    fn close(&mut self) {
        if let (Some(s), Some(c)) = (self.start, self.current)
            && s != c
            && self.segments.len() < 100_000
        {
            self.segments.push((c, s));
        }
        self.current = self.start;
    }

    fn rectangle(&mut self, corners: [(f64, f64); 4]) {
        self.move_to(corners[0]);
        for &c in &corners[1..] {
            self.line_to(c);
        }
        self.close();
    }

    /// A stroke: its horizontal and vertical segments are ruling lines.
    fn stroke(&self, page: &mut Page) {
        for &((x0, y0), (x1, y1)) in &self.segments {
            add_rule(page, x0, y0, x1, y1);
        }
    }

    /// A fill: a thin shape (a border drawn as a filled rectangle) is a ruling line along its
    /// length.
    fn fill(&self, page: &mut Page) {
        for points in &self.subpaths {
            if points.len() < 2 {
                continue;
            }
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in points {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 2.5 && w > h {
                add_rule(page, x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0);
            } else if w <= 2.5 && h > w {
                add_rule(page, (x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1);
            }
        }
    }
}

fn add_rule(page: &mut Page, x0: f64, y0: f64, x1: f64, y1: f64) {
    if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
        return;
    }
    let total = page.horizontal.len() + page.vertical.len();
    if total > MAX_RULES * 4 {
        return;
    }
    if (y0 - y1).abs() < 0.5 && (x1 - x0).abs() > 1.0 {
        page.horizontal.push(Rule {
            at: (y0 + y1) / 2.0,
            from: x0.min(x1),
            to: x0.max(x1),
        });
    } else if (x0 - x1).abs() < 0.5 && (y1 - y0).abs() > 1.0 {
        page.vertical.push(Rule {
            at: (x0 + x1) / 2.0,
            from: y0.min(y1),
            to: y0.max(y1),
        });
    }
}

/// Joins rules on one line that overlap or nearly touch: rules less than a point apart across
/// are one line, and along it pieces less than [`SNAP`] apart are one rule.
fn merge_rules(rules: &mut Vec<Rule>) {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Rule> = Vec::with_capacity(rules.len());
    let mut start = 0;
    while start < rules.len() {
        let first = rules[start].at;
        let end = start
            + rules[start..]
                .iter()
                .take_while(|r| r.at - first < 1.0)
                .count();
        let line = &mut rules[start..end];
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let at = line.iter().map(|r| r.at).sum::<f64>() / line.len() as f64;
        let mut current: Option<Rule> = None;
        for r in line.iter() {
            match &mut current {
                Some(c) if r.from <= c.to + SNAP => c.to = c.to.max(r.to),
                _ => {
                    out.extend(current.take());
                    current = Some(Rule { at, ..*r });
                }
            }
        }
        out.extend(current);
        start = end;
    }
    *rules = out;
}

/// Positions closer than this (points) are the same line of a grid.
const SNAP: f64 = 1.5;

/// Lines of a grid closer than this (points) are one: a double border, or a border drawn twice
/// a little apart (no column or row is this narrow).
const LINE: f64 = 3.5;

/// Sorted distinct positions, those within [`LINE`] of the first of a run taken as one.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::with_capacity(v.len());
    for x in v {
        if out.last().is_none_or(|l| x - l > LINE) {
            out.push(x);
        }
    }
    out
}

/// A table found on a page: its grid, and which grid cells make each real cell.
struct Table {
    /// Column lines, left to right.
    xs: Vec<f64>,
    /// Row lines, top to bottom (PDF y decreasing).
    ys: Vec<f64>,
    /// For each grid cell (row-major), the index of its cell's first grid cell.
    cell: Vec<usize>,
}

impl Table {
    fn columns(&self) -> usize {
        self.xs.len() - 1
    }

    /// The grid cell holding a point, if inside.
    fn locate(&self, x: f64, y: f64) -> Option<usize> {
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        if !(left..=right).contains(&x) || !(bottom..=top).contains(&y) {
            return None;
        }
        let i = self
            .xs
            .partition_point(|&v| v <= x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let j = self
            .ys
            .partition_point(|&v| v >= y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        Some(j * self.columns() + i)
    }
}

/// Groups a page's ruling lines into tables.
fn tables(page: &Page) -> Vec<Table> {
    let mut horizontal = page.horizontal.clone();
    let mut vertical = page.vertical.clone();
    merge_rules(&mut horizontal);
    merge_rules(&mut vertical);
    if horizontal.len() + vertical.len() > MAX_RULES {
        return Vec::new();
    }
    // lines that touch are one table (union-find over both kinds)
    let nh = horizontal.len();
    let mut parent: Vec<usize> = (0..nh + vertical.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, h) in horizontal.iter().enumerate() {
        for (b, v) in vertical.iter().enumerate() {
            if v.at >= h.from - SNAP
                && v.at <= h.to + SNAP
                && h.at >= v.from - SNAP
                && h.at <= v.to + SNAP
            {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, nh + b));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<Rule>, Vec<Rule>)> = HashMap::new();
    for (a, h) in horizontal.iter().enumerate() {
        groups.entry(find(&mut parent, a)).or_default().0.push(*h);
    }
    for (b, v) in vertical.iter().enumerate() {
        groups
            .entry(find(&mut parent, nh + b))
            .or_default()
            .1
            .push(*v);
    }
    let mut out: Vec<Table> = groups
        .into_values()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    // top to bottom, and tables side by side left to right (the groups come in no fixed order)
    out.sort_by(|a, b| {
        b.ys[0]
            .total_cmp(&a.ys[0])
            .then(a.xs[0].total_cmp(&b.xs[0]))
    });
    out
}

/// The grid of one group of touching lines, its cells merged where no line parts them.
fn grid(horizontal: &[Rule], vertical: &[Rule]) -> Option<Table> {
    // lines that run past the outermost line across them close the table there: a table cut by
    // a page break has no border drawn where it is cut
    let mut horizontal = horizontal.to_vec();
    let mut vertical = vertical.to_vec();
    let span = |rules: &[Rule]| {
        rules.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| {
            (lo.min(r.from), hi.max(r.to))
        })
    };
    let (x_lo, x_hi) = span(&horizontal);
    let (y_lo, y_hi) = span(&vertical);
    let (h_lo, h_hi) = horizontal.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| {
        (lo.min(r.at), hi.max(r.at))
    });
    let (v_lo, v_hi) = vertical.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| {
        (lo.min(r.at), hi.max(r.at))
    });
    let (left, right) = (v_lo.min(x_lo), v_hi.max(x_hi));
    for y in [y_lo, y_hi] {
        if y.is_finite() && (y < h_lo - SNAP || y > h_hi + SNAP) {
            horizontal.push(Rule {
                at: y,
                from: left,
                to: right,
            });
        }
    }
    for x in [x_lo, x_hi] {
        if x.is_finite() && (x < v_lo - SNAP || x > v_hi + SNAP) {
            vertical.push(Rule {
                at: x,
                from: y_lo.min(h_lo),
                to: y_hi.max(h_hi),
            });
        }
    }
    let (horizontal, vertical) = (&horizontal[..], &vertical[..]);
    let xs = distinct(vertical.iter().map(|r| r.at).collect());
    let mut ys = distinct(horizontal.iter().map(|r| r.at).collect());
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 || (xs.len() - 1) * (ys.len() - 1) > 1 << 20 {
        return None;
    }
    let (columns, rows) = (xs.len() - 1, ys.len() - 1);
    let covered = |rules: &[Rule], at: f64, mid: f64| {
        rules
            .iter()
            .any(|r| (r.at - at).abs() <= LINE && r.from - SNAP <= mid && mid <= r.to + SNAP)
    };
    // per column line and row line, the rules on it (few each)
    let on = |rules: &[Rule], at: f64| -> Vec<Rule> {
        rules
            .iter()
            .filter(|r| (r.at - at).abs() <= LINE)
            .copied()
            .collect()
    };
    let vertical_at: Vec<Vec<Rule>> = xs.iter().map(|&x| on(vertical, x)).collect();
    let horizontal_at: Vec<Vec<Rule>> = ys.iter().map(|&y| on(horizontal, y)).collect();
    let mut parent: Vec<usize> = (0..columns * rows).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for j in 0..rows {
        let mid_y = (ys[j] + ys[j + 1]) / 2.0;
        for i in 0..columns {
            let mid_x = (xs[i] + xs[i + 1]) / 2.0;
            let here = j * columns + i;
            if i + 1 < columns && !covered(&vertical_at[i + 1], xs[i + 1], mid_y) {
                let (a, b) = (find(&mut parent, here), find(&mut parent, here + 1));
                parent[a.max(b)] = a.min(b);
            }
            if j + 1 < rows && !covered(&horizontal_at[j + 1], ys[j + 1], mid_x) {
                let (a, b) = (find(&mut parent, here), find(&mut parent, here + columns));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let cell = (0..columns * rows).map(|k| find(&mut parent, k)).collect();
    Some(Table { xs, ys, cell })
}

/// Which table holds a point, the first of them in their order where they overlap: the page cut
/// at every table's left and right edge and at every top and bottom, each part (an edge itself
/// is a part, edges belong to their table) marked with the table that covers it. A character is
/// then placed by two binary searches, however many tables the page has.
#[derive(Debug, Default)]
struct TableMap {
    /// The tables' left and right edges, sorted, distinct.
    xs: Vec<f64>,
    /// Their tops and bottoms, sorted, distinct.
    ys: Vec<f64>,
    /// Per part (row-major, `2 * xs.len() + 1` parts across), the table covering it, or
    /// `u32::MAX`.
    first: Vec<u32>,
}

impl TableMap {
    /// The map of `tables`; `None` when it would have more than [`MAX_TABLE_MAP`] parts or
    /// marking them would take more steps than that.
    fn new(tables: &[Table]) -> Option<TableMap> {
        let edges = |pick: &dyn Fn(&Table) -> [f64; 2]| {
            let mut v: Vec<f64> = tables.iter().flat_map(pick).collect();
            v.sort_by(f64::total_cmp);
            v.dedup();
            v
        };
        let xs = edges(&|t| [t.xs[0], t.xs[t.xs.len() - 1]]);
        let ys = edges(&|t| [t.ys[t.ys.len() - 1], t.ys[0]]);
        let (across, down) = (2 * xs.len() + 1, 2 * ys.len() + 1);
        let mut steps = across.checked_mul(down)?;
        // the parts each table covers: from its first edge's part to its last edge's
        let spans: Vec<[usize; 4]> = tables
            .iter()
            .map(|t| {
                let at = |v: &[f64], x: f64| 2 * v.partition_point(|&e| e < x) + 1;
                [
                    at(&xs, t.xs[0]),
                    at(&xs, t.xs[t.xs.len() - 1]),
                    at(&ys, t.ys[t.ys.len() - 1]),
                    at(&ys, t.ys[0]),
                ]
            })
            .collect();
        for [x0, x1, y0, y1] in &spans {
            steps = steps.saturating_add((x1 - x0 + 1).saturating_mul(y1 - y0 + 1));
        }
        if steps > MAX_TABLE_MAP {
            return None;
        }
        let mut first = vec![u32::MAX; across * down];
        // the last table first, so that where tables overlap the first one's mark stays
        for (t, [x0, x1, y0, y1]) in spans.iter().enumerate().rev() {
            for row in *y0..=*y1 {
                first[row * across + x0..=row * across + x1].fill(t as u32);
            }
        }
        Some(TableMap { xs, ys, first })
    }

    /// The table holding the point `(x, y)`, edges included; none for a point off every table
    /// (or not a number).
    fn table_at(&self, x: f64, y: f64) -> Option<usize> {
        let part = |v: &[f64], x: f64| {
            let p = v.partition_point(|&e| e < x);
            2 * p + usize::from(v.get(p) == Some(&x))
        };
        let across = 2 * self.xs.len() + 1;
        let t = *self
            .first
            .get(part(&self.ys, y) * across + part(&self.xs, x))?;
        (t != u32::MAX).then_some(t as usize)
    }
}

/// A table cell as written: where it stands across the page, its text.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    x0: f64,
    x1: f64,
    text: String,
}

/// A line of a page: text outside tables, or a table row.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text(String),
    Row(Vec<Cell>),
}

impl Item {
    /// The line as written: a row as `cell | cell |`.
    fn line(&self) -> String {
        match self {
            Item::Text(t) => t.trim_end().to_owned(),
            Item::Row(cells) => {
                let mut line = String::new();
                for c in cells {
                    line.push_str(&c.text);
                    line.push_str(" | ");
                }
                line.trim_end().to_owned()
            }
        }
    }
}

/// The lines of one page, top to bottom: table rows (cells found from the ruling lines), other
/// text by baseline.
fn lay_out(page: &Page) -> Vec<Item> {
    let mut tables = tables(page);
    let map = TableMap::new(&tables).unwrap_or_else(|| {
        tables.clear();
        TableMap::default()
    });
    // each glyph into its table's cell, or free
    let mut in_cells: Vec<HashMap<usize, Vec<Glyph>>> = vec![HashMap::new(); tables.len()];
    let mut free: Vec<Glyph> = Vec::new();
    for g in &page.glyphs {
        let (x, y) = g.center();
        match map
            .table_at(x, y)
            .and_then(|t| tables[t].locate(x, y).map(|k| (t, tables[t].cell[k])))
        {
            Some((t, c)) => in_cells[t].entry(c).or_default().push(*g),
            None => free.push(*g),
        }
    }
    // (top y, item) of everything, then sorted top to bottom
    let mut items: Vec<(f64, Item)> = Vec::new();
    for (table, cells) in tables.iter().zip(&mut in_cells) {
        let columns = table.columns();
        for j in 0..table.ys.len() - 1 {
            let mut row = Vec::new();
            for i in 0..columns {
                let k = j * columns + i;
                // a cell is written in the row and column where it starts
                if table.cell[k] != k {
                    continue;
                }
                // its right edge: the last column of the grid cells that are part of it
                let last = (i..columns)
                    .take_while(|&c| table.cell[j * columns + c] == k)
                    .last()
                    .unwrap_or(i);
                row.push(Cell {
                    x0: table.xs[i],
                    x1: table.xs[last + 1],
                    text: cells.get_mut(&k).map(|g| cell_text(g)).unwrap_or_default(),
                });
            }
            if !row.is_empty() {
                items.push((table.ys[j], Item::Row(row)));
            }
        }
    }
    for (y, text) in free_lines(&mut free) {
        items.push((y, Item::Text(text)));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    items.into_iter().map(|(_, l)| l).collect()
}

/// Whether a table row at the top of a page is the rest of the row at the foot of the page
/// before, which the page break cut (a label that wraps over the break): its text stands only
/// in columns where that row has text, it begins no numbered label (`3.`, `（六）`, `一、`), and
/// a cell where that row has a value is empty in it. The continued row's cells take its text.
fn continues(before: &mut [Cell], row: &[Cell]) -> bool {
    let over = |c: &Cell| {
        let mid = (c.x0 + c.x1) / 2.0;
        before
            .iter()
            .position(|b| b.x0 - SNAP <= mid && mid <= b.x1 + SNAP)
    };
    let texts: Vec<&Cell> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
    if texts.is_empty() {
        return false;
    }
    let numbered = |t: &str| {
        let t = t.trim_start();
        let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
        (digits.len() < t.len() && digits.starts_with(['.', '．', '、']))
            || t.starts_with(['（', '('])
            || t.chars().nth(1) == Some('、')
    };
    if texts.iter().any(|c| numbered(&c.text)) {
        return false;
    }
    let Some(places) = texts
        .iter()
        .map(|c| over(c))
        .collect::<Option<Vec<usize>>>()
    else {
        return false;
    };
    if places.iter().any(|&p| before[p].text.trim().is_empty()) {
        return false;
    }
    let cut = row
        .iter()
        .filter(|c| c.text.trim().is_empty())
        .filter_map(over)
        .any(|p| !before[p].text.trim().is_empty() && !places.contains(&p));
    if !cut {
        return false;
    }
    for (c, p) in texts.iter().zip(places) {
        before[p].text.push_str(c.text.trim());
    }
    true
}

/// Glyphs in lines by baseline, top to bottom, each line left to right: (top y, line's glyphs).
fn baselines(glyphs: &mut [Glyph]) -> Vec<(f64, Vec<Glyph>)> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<Glyph>)> = Vec::new();
    for g in glyphs.iter() {
        match lines.last_mut() {
            Some((y, line)) if (*y - g.y).abs() <= 0.4 * g.size.max(1.0) => line.push(*g),
            _ => lines.push((g.y, vec![*g])),
        }
    }
    for (_, line) in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // a character drawn twice in place (a bold imitated) counts once
        line.dedup_by(|b, a| a.ch == b.ch && (a.x0 - b.x0).abs() < 0.2 * a.size.max(1.0));
    }
    lines
}

/// One line's text, a space where a gap is wider than a third of the size, two spaces where it
/// is wider than one and a half.
fn line_text(line: &[Glyph], out: &mut String) {
    let mut last: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = last {
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size).max(1.0);
            if gap > 1.5 * size {
                out.push_str("  ");
            } else if gap > 0.33 * size && !out.ends_with(' ') && g.ch != ' ' {
                out.push(' ');
            }
        }
        out.push(g.ch);
        last = Some(g);
    }
}

/// A cell's text: its lines joined (a wrapped label is one label again), `|` made `｜`.
fn cell_text(glyphs: &mut [Glyph]) -> String {
    let mut out = String::new();
    for (_, line) in baselines(glyphs) {
        let mut text = String::new();
        line_text(&line, &mut text);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        // two pieces of Latin text or numbers keep a space between them
        let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii(out.chars().last()) && ascii(text.chars().next()) {
            out.push(' ');
        }
        out.push_str(text);
    }
    out.chars()
        .map(|c| match c {
            '|' => '｜',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// A piece of a line of text outside tables: glyphs with no gap wider than one and a half
/// times their size between them.
struct Field {
    x0: f64,
    x1: f64,
    text: String,
}

/// A line's fields.
fn fields(line: &[Glyph]) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut start = 0;
    for k in 1..=line.len() {
        let cut = k == line.len() || {
            let (p, g) = (&line[k - 1], &line[k]);
            g.x0 - p.x1 > 1.5 * p.size.max(g.size).max(1.0)
        };
        if cut {
            let mut text = String::new();
            line_text(&line[start..k], &mut text);
            let text = text.trim();
            if !text.is_empty() {
                out.push(Field {
                    x0: line[start].x0,
                    x1: line[k - 1].x1,
                    text: text.to_owned(),
                });
            }
            start = k;
        }
    }
    out
}

/// The text outside tables, line by line: (top y, text), fields apart by two spaces.
///
/// A table drawn without lines keeps its columns apart by their gaps; a label that wraps in its
/// narrow first column leaves lines of one field under the row, inside that column: they are
/// joined to the row's label (`一、本  4  0 …` then `年新收`, `政府信` … is one row).
fn free_lines(glyphs: &mut [Glyph]) -> Vec<(f64, String)> {
    let mut out: Vec<(f64, Vec<Field>)> = Vec::new();
    // the row whose first column may go on below, and the baseline of the line above
    let mut row: Option<usize> = None;
    let mut above = f64::MAX;
    for (y, line) in baselines(glyphs) {
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max).max(1.0);
        let mut fields = fields(&line);
        if let Some(r) = row
            && let [piece] = &fields[..]
            && let [first, second, ..] = &out[r].1[..]
            && piece.x0 >= first.x0 - size
            && piece.x1 < second.x0 - 0.5 * size
            && above - y <= 2.0 * size
        {
            let piece = fields.remove(0);
            out[r].1[0].text.push_str(&piece.text);
            out[r].1[0].x1 = out[r].1[0].x1.max(piece.x1);
            above = y;
            continue;
        }
        row = (fields.len() >= 3).then_some(out.len());
        above = y;
        out.push((y + size * 0.8, fields));
    }
    out.into_iter()
        .map(|(y, fields)| {
            let texts: Vec<String> = fields.into_iter().map(|f| f.text).collect();
            (y, texts.join("  "))
        })
        .collect()
}

/// A line's text with its digits and spaces taken out, to tell running headers and footers.
fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// Whether a line is a page number: `3`, `- 3 -`, `第3页`, `第 3 页 共 12 页`, `3/12`.
fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || "-—–/第页共·．.()（）PpageofOF".contains(c)
        })
}

/// Running headers and footers: lines in the top or bottom twelfth of a page whose text, digits
/// aside, stands there on at least two pages, and page numbers; their keys. The glyphs of page
/// numbers are taken out of the pages here.
fn furniture(pages: &mut [Page]) -> std::collections::HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter_mut() {
        let (low, high) = (page.low, page.high);
        let margin = (high - low) / 12.0;
        let in_margin = |g: &Glyph| g.y < low + margin || g.y > high - margin;
        let mut edge: Vec<Glyph> = page
            .glyphs
            .iter()
            .filter(|g| in_margin(g))
            .copied()
            .collect();
        let mut numbers: Vec<f64> = Vec::new();
        for (y, line) in baselines(&mut edge) {
            let mut text = String::new();
            line_text(&line, &mut text);
            if is_page_number(&text) {
                numbers.push(y);
            } else {
                *seen.entry(furniture_key(&text)).or_default() += 1;
            }
        }
        // a page number's glyphs are dropped where they stand
        if !numbers.is_empty() {
            page.glyphs.retain(|g| {
                !(in_margin(g)
                    && numbers
                        .iter()
                        .any(|y| (y - g.y).abs() <= 0.4 * g.size.max(1.0)))
            });
        }
    }
    if pages.len() < 2 {
        return Default::default();
    }
    seen.into_iter()
        .filter(|(k, n)| *n >= 2 && !k.is_empty())
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(at: f64, from: f64, to: f64) -> Rule {
        Rule { at, from, to }
    }

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut x0 = x;
        text.chars()
            .map(|ch| {
                let w = if ch.is_ascii() { size / 2.0 } else { size };
                x0 += w;
                Glyph {
                    ch,
                    x0: x0 - w,
                    x1: x0,
                    y,
                    size,
                    turn: 0,
                }
            })
            .collect()
    }

    /// A box of ruling lines: a table of one cell.
    fn boxed(page: &mut Page, left: f64, bottom: f64, right: f64, top: f64) {
        page.horizontal.push(rule(top, left, right));
        page.horizontal.push(rule(bottom, left, right));
        page.vertical.push(rule(left, bottom, top));
        page.vertical.push(rule(right, bottom, top));
    }

    /// The map of a page's tables answers as a look at every table in turn would: the first
    /// that holds the point, edges included, for points inside, on edges, between and outside
    /// tables side by side, one above the other, and one inside another's cell.
    #[test]
    fn the_table_map_finds_the_table_a_look_at_each_would() {
        let mut page = Page::default();
        for k in 0..12 {
            let (x, y) = (
                40.0 + 45.0 * f64::from(k % 4),
                500.0 + 60.0 * f64::from(k / 4),
            );
            boxed(&mut page, x, y, x + 30.0, y + 40.0);
        }
        // a large table below, with a small one inside its cell (touching no line of it)
        boxed(&mut page, 40.0, 200.0, 300.0, 450.0);
        boxed(&mut page, 100.0, 300.0, 150.0, 350.0);
        let tables = tables(&page);
        assert_eq!(tables.len(), 14);
        let map = TableMap::new(&tables).expect("a small map");
        let mut coordinates: Vec<f64> = Vec::new();
        for t in &tables {
            for &v in t.xs.iter().chain(&t.ys) {
                coordinates.extend([v - 0.5, v, v + 0.5]);
            }
        }
        coordinates.extend([f64::NAN, f64::INFINITY, -1.0, 1000.0]);
        let mut inside = 0;
        for &x in &coordinates {
            for &y in &coordinates {
                let each = tables.iter().position(|t| t.locate(x, y).is_some());
                assert_eq!(map.table_at(x, y), each, "({x}, {y})");
                inside += usize::from(each.is_some());
            }
        }
        assert!(inside > 1000, "{inside}");
        // no tables: nothing is in one
        let empty = TableMap::new(&[]).expect("empty map");
        assert_eq!(empty.table_at(10.0, 10.0), None);
    }

    /// Tables side by side, their tops level, come left to right, whatever order the grouping
    /// of their lines gave them in (a map's: it differed from run to run).
    #[test]
    fn tables_side_by_side_come_left_to_right() {
        let mut page = Page::default();
        for k in 0..6 {
            let x = 40.0 + 60.0 * f64::from(k);
            boxed(&mut page, x, 500.0, x + 40.0, 540.0);
        }
        for _ in 0..20 {
            let lefts: Vec<f64> = tables(&page).iter().map(|t| t.xs[0]).collect();
            assert_eq!(lefts, [40.0, 100.0, 160.0, 220.0, 280.0, 340.0]);
        }
    }

    /// Hundreds of small tables in rows and columns make a small map: a character is placed in
    /// its table's cell by two binary searches, not a look at every table (the fuzzer's
    /// timeout: 800 tables and two million characters).
    #[test]
    fn hundreds_of_tables_in_rows_and_columns_make_a_small_map() {
        let mut page = Page {
            number: 1,
            high: 842.0,
            ..Page::default()
        };
        for k in 0..700 {
            let (x, y) = (5.0 + 8.0 * f64::from(k % 70), 5.0 + 8.0 * f64::from(k / 70));
            boxed(&mut page, x, y, x + 4.0, y + 4.0);
        }
        let tables = tables(&page);
        assert_eq!(tables.len(), 700);
        let map = TableMap::new(&tables).expect("a map");
        // 70 columns and 10 rows of tables, each with two edges
        assert_eq!(map.first.len(), (2 * 140 + 1) * (2 * 20 + 1));
        page.glyphs.extend(glyphs("一", 13.5, 13.5, 2.0));
        let lines: Vec<String> = lay_out(&page).iter().map(Item::line).collect();
        assert!(lines.contains(&"一 |".to_owned()), "{lines:?}");
        assert_eq!(lines.len(), 700);
    }

    /// Tables that each stand in their own column and their own row (600 down a diagonal)
    /// would make a map of more than four million parts: the page is read as text without its
    /// tables' lines, its characters all kept.
    #[test]
    fn tables_down_a_diagonal_are_read_as_text() {
        let mut page = Page {
            number: 1,
            high: 842.0,
            ..Page::default()
        };
        for k in 0..600 {
            let v = 5.0 + 6.0 * f64::from(k);
            boxed(&mut page, v, v, v + 4.0, v + 4.0);
        }
        let tables = tables(&page);
        assert_eq!(tables.len(), 600);
        assert!(TableMap::new(&tables).is_none());
        page.glyphs.extend(glyphs("一二三", 5.5, 6.0, 1.0));
        let lines: Vec<String> = lay_out(&page).iter().map(Item::line).collect();
        assert_eq!(lines, ["一二三"]);
    }

    #[test]
    fn a_grid_with_a_label_merged_down_the_side_gives_rows_of_cells() {
        // three columns, three rows; the first column's cell spans rows 2 and 3; the last cell
        // of row 3 is empty
        let mut page = Page {
            number: 1,
            high: 842.0,
            ..Page::default()
        };
        for y in [700.0, 680.0, 660.0, 640.0] {
            let from = if y == 660.0 { 100.0 } else { 50.0 };
            page.horizontal.push(rule(y, from, 200.0));
        }
        for x in [50.0, 100.0, 150.0, 200.0] {
            page.vertical.push(rule(x, 640.0, 700.0));
        }
        page.glyphs.extend(glyphs("项目", 52.0, 685.0, 10.0));
        page.glyphs.extend(glyphs("A", 102.0, 685.0, 10.0));
        page.glyphs.extend(glyphs("B", 152.0, 685.0, 10.0));
        page.glyphs.extend(glyphs("三、本", 52.0, 665.0, 10.0));
        page.glyphs.extend(glyphs("年度", 52.0, 652.0, 10.0));
        page.glyphs.extend(glyphs("12", 102.0, 665.0, 10.0));
        page.glyphs.extend(glyphs("0", 152.0, 665.0, 10.0));
        page.glyphs.extend(glyphs("7", 102.0, 645.0, 10.0));
        page.glyphs.extend(glyphs("正文第一行", 50.0, 720.0, 10.0));
        let lines: Vec<String> = lay_out(&page).iter().map(Item::line).collect();
        assert_eq!(
            lines,
            [
                "正文第一行",
                "项目 | A | B |",
                "三、本年度 | 12 | 0 |",
                "7 |  |"
            ]
        );
    }

    /// A table whose borders are double lines (two lines 2 points apart) has the cells of one
    /// drawn with single lines: no narrow empty column or row between the two.
    #[test]
    fn double_borders_are_one_line() {
        let mut page = Page {
            number: 1,
            high: 842.0,
            ..Page::default()
        };
        for y in [700.0, 680.0, 660.0] {
            for d in [0.0, 2.0] {
                page.horizontal.push(rule(y + d, 50.0, 202.0));
            }
        }
        for x in [50.0, 100.0, 200.0] {
            for d in [0.0, 2.0] {
                page.vertical.push(rule(x + d, 660.0, 702.0));
            }
        }
        page.glyphs.extend(glyphs("规章", 55.0, 685.0, 10.0));
        page.glyphs.extend(glyphs("3", 105.0, 685.0, 10.0));
        page.glyphs.extend(glyphs("规范", 55.0, 665.0, 10.0));
        let lines: Vec<String> = lay_out(&page).iter().map(Item::line).collect();
        assert_eq!(lines, ["规章 | 3 |", "规范 |  |"]);
    }

    #[test]
    fn page_numbers_and_running_headers_are_left_out() {
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("第 3 页 共 12 页"));
        assert!(is_page_number("3/12"));
        assert!(!is_page_number("一、本年新收政府信息公开申请数量 3"));
        assert!(!is_page_number("页"));
        let mut pages: Vec<Page> = (1..=2)
            .map(|n| {
                let mut glyphs_on = glyphs("某某局2023年报告", 50.0, 820.0, 10.0);
                glyphs_on.extend(glyphs(&format!("- {n} -"), 290.0, 20.0, 10.0));
                glyphs_on.extend(glyphs("正文", 50.0, 400.0, 10.0));
                Page {
                    number: n,
                    high: 842.0,
                    glyphs: glyphs_on,
                    ..Page::default()
                }
            })
            .collect();
        let furniture = furniture(&mut pages);
        assert!(furniture.contains(&furniture_key("某某局2023年报告")));
        let lines: Vec<String> = lay_out(&pages[1]).iter().map(Item::line).collect();
        assert_eq!(lines, ["某某局2023年报告", "正文"]);
        assert!(!furniture.contains(&furniture_key("正文")));
    }

    /// A one-page PDF whose page and form `/X1` both draw `content` (so the form draws itself
    /// wherever `content` says `/X1 Do`), with a one-byte font `/F1` mapping ASCII to itself.
    fn page_with(content: &[u8]) -> Vec<u8> {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
1 begincodespacerange <00> <FF> endcodespacerange\n\
1 beginbfrange <20> <7E> <0020> endbfrange\n\
endcmap CMapName currentdict /CMap defineresource pop end end";
        let resources = "<< /Font << /F1 5 0 R /F2 8 0 R /F3 9 0 R >> /XObject << /X1 7 0 R >> >>";
        let stream = |dict: &str, data: &[u8]| {
            let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
            s.extend_from_slice(data);
            s.extend_from_slice(b"\nendstream");
            s
        };
        let objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>").into_bytes(),
            stream("", content),
            b"<< /Type /Font /Subtype /TrueType /BaseFont /A /FirstChar 32 /ToUnicode 6 0 R >>".to_vec(),
            stream("", cmap),
            stream(&format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources {resources}"), content),
            // a CID font with no ToUnicode map: its codes say nothing of the characters
            b"<< /Type /Font /Subtype /Type0 /BaseFont /B /Encoding /Identity-H >>".to_vec(),
            // a CID font as Word writes them: Identity-H, widths by CID, a ToUnicode map of
            // two-byte codes (glyph ids) to characters
            b"<< /Type /Font /Subtype /Type0 /BaseFont /C /Encoding /Identity-H /DescendantFonts [10 0 R] /ToUnicode 11 0 R >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /C /DW 1000 /W [17 [500 500]] >>".to_vec(),
            stream("", concat!(
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n",
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n",
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
                "3 beginbfchar\n<0011> <0031>\n<0012> <0032>\n<0400> <884C>\nendbfchar\n",
                "1 beginbfrange\n<0401> <0403> [<653F> <8BB8> <53EF>]\nendbfrange\n",
                "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
            ).as_bytes()),
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    /// The first page of a PDF read: the characters placed, and whether a form was to be drawn
    /// again past the bound.
    fn first_page_read(bytes: &[u8]) -> (usize, bool) {
        let doc = Document::load_mem(bytes).expect("pdf");
        let mut reader = Reader::new(&doc);
        let (_, id) = doc.get_pages().into_iter().next().expect("a page");
        reader.run(
            &doc.get_page_content(id),
            &page_resources(&doc, id),
            IDENTITY,
            0,
            &mut Page::default(),
            &mut FontTable { fonts: Vec::new() },
        );
        (reader.glyphs, reader.redrawn_too_often)
    }

    /// Fuzzing found a page whose form draws itself twice: eight deep, 2⁹ readings of a 46 KB
    /// content took over a second. A form's first drawing counts as page content; its drawings
    /// again are bounded by their content's size, and a PDF that goes past the bound is refused.
    #[test]
    fn a_form_drawing_itself_is_read_a_bounded_number_of_times() {
        let mut content = b"BT /F1 12 Tf 72 700 Td (12) Tj ET /X1 Do /X1 Do\n".to_vec();
        // 64 KB of the form's content: 1 MiB of forms drawn again is 16 readings
        content.resize(64 << 10, b' ');
        let bytes = page_with(&content);
        // two glyphs a reading: the page's, the form's first, and 16 more (2⁹ - 2 = 510 forms
        // without the bound)
        assert_eq!(
            first_page_read(&bytes),
            (2 * (2 + MAX_FORMS / (64 << 10)), true)
        );
        let err = text_of(&bytes).expect_err("forms drawn too often");
        assert!(err.to_string().contains("表单重复绘制过多"), "{err}");
        // with a small content the depth bounds it: 2 + 4 + … + 2⁸ forms
        let bytes = page_with(b"BT /F1 12 Tf 72 700 Td (12) Tj ET /X1 Do /X1 Do");
        let (text, _) = text_of(&bytes).expect("read");
        assert!(text.contains("12"), "{text}");
    }

    /// Some producers put each page's content in a form: each drawn once, however large
    /// together, they are all read (the bound is on forms drawn again).
    #[test]
    fn forms_drawn_once_are_read_whatever_their_size() {
        let mut content = b"BT /F1 12 Tf 72 700 Td (12) Tj ET /X1 Do\n".to_vec();
        // larger than the bound on forms drawn again
        content.resize(MAX_FORMS + (1 << 20), b' ');
        // the page's (12), the form's: drawn once, then its own drawing of itself is refused
        assert_eq!(first_page_read(&page_with(&content)), (4, true));
    }

    /// A PDF that draws more characters than are placed (a form drawing a long string over and
    /// over) is refused, saying so: not read with its text cut short.
    #[test]
    fn a_pdf_drawing_more_characters_than_placed_is_refused() {
        let mut content = b"BT /F1 1 Tf 72 700 Td (".to_vec();
        content.resize(content.len() + (32 << 10), b'a');
        content.extend_from_slice(b") Tj ET /X1 Do /X1 Do");
        let err = text_of(&page_with(&content)).expect_err("too many characters");
        let ParseErrorKind::Document(message) = err else {
            panic!("{err:?}")
        };
        assert!(message.contains("文字过多"), "{message}");
        // the same string drawn once is read
        let (text, _) = text_of(&page_with(&content[..content.len() - 14])).expect("read");
        assert!(text.contains("aaaa"));
    }

    /// Characters drawn in a font with no map to Unicode are not guessed: the PDF is refused
    /// saying so, not as one without text.
    #[test]
    fn text_in_fonts_without_a_map_is_refused_as_such() {
        let bytes = page_with(b"BT /F2 12 Tf 72 700 Td <00410042> Tj ET");
        assert_eq!(
            text_of(&bytes).err(),
            Some(ParseErrorKind::Unsupported(UNMAPPED))
        );
        let bytes = page_with(b"0 0 10 10 re f");
        assert_eq!(
            text_of(&bytes).err(),
            Some(ParseErrorKind::Unsupported(NO_TEXT))
        );
    }

    /// Text in a CID font (two-byte glyph ids, Identity-H, a ToUnicode map), widths by CID:
    /// `行政许可` then, three ems on, `12`, in two columns of a ruled row.
    #[test]
    fn cid_fonts_are_read_through_their_map_and_widths() {
        let bytes = page_with(
            b"0 0 0 RG 50 700 m 300 700 l S 50 680 m 300 680 l S \
              50 680 m 50 700 l S 130 680 m 130 700 l S 300 680 m 300 700 l S \
              BT /F3 10 Tf 55 685 Td <0400040104020403> Tj 90 0 Td <00110012> Tj ET",
        );
        let text = text_of(&bytes)
            .map(|(t, _)| t)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "行政许可 | 12 |\n");
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(matches!(
            text_of(b"%PDF-1.7\n garbage"),
            Err(ParseErrorKind::Document(_))
        ));
        assert!(is_pdf(b"\n\n%PDF-1.4"));
        assert!(!is_pdf(b"PDF report"));
    }
}
