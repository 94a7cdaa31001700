//! Reads the text of a Chinese government information-disclosure annual report
//! (政府信息公开工作年度报告) into the typed [`report_model::Report`].
//!
//! The layout of the text is detected per table, not passed in, and may change within one
//! report: one cell per line (`|`-terminated or tab-indented), one row per line (` | ` or tabs),
//! markdown tables, HTML as downloaded (read structurally; spans point into the markup),
//! `pdftotext -layout` columns (labels wrapped inside narrow label columns joined), plain
//! `pdftotext` (labels apart from their values), PDF table extraction (values on their own
//! lines, labels split around them), a whole article on one line, and text whose separators
//! were lost, whose spaces lie or whose repeated lines a crawler dropped. Labels are matched
//! tolerantly (width, spaces inside CJK text, masks that ate part of a label, truncation,
//! traditional characters, annotations, labels broken across lines). The template (2019 or
//! 2021) is decided per table. Bytes are decoded from UTF-8, GB18030/GBK or UTF-16 ([`decode`]);
//! with the `docx` feature, [`parse_bytes`] reads Word documents (`.docx`) from their XML, and
//! with the `pdf` feature PDF files from the characters and ruling lines their pages draw. Other
//! document formats (scanned PDFs, `.doc`, RTF, OFD, images) are told from their content and
//! refused with a message saying what to do ([`unsupported_format`]).
//!
//! How it works, stage by stage:
//!
//! 1. decode, and turn HTML into text with a map back into the markup;
//! 2. *reflow*: where structure runs on without line breaks (a web page's text on one line),
//!    section headings and row labels are found inside the lines by their numerals, titles and
//!    keywords, and line breaks are inserted before them and around runs of values, with a map
//!    back to the original offsets;
//! 3. sections from the headings; per table, the text becomes a stream of tokens (labels,
//!    values, placeholders, empty cells, each with its span); pieces of labels wrapped over
//!    several lines are joined;
//! 4. the stream is aligned to the template's sequence of rows by a monotone alignment that
//!    scores every label against every row (labels anchor, order fills the gaps);
//! 5. per row, *readings*: as printed when there is one value per cell; otherwise every way its
//!    digits split into the row's cells (separators lost, spaces that lie, a value broken over
//!    two lines) or its values expand (a crawler's dropped repeated lines), kept when the row's
//!    own totals hold;
//! 6. per table, *the decision*: rows still open are decided together by the column equations
//!    (`一 + 二 = （七） + 四`, `（七） = Σ outcomes`) with a bounded solver; a table whose labels
//!    stand apart from its values is read in value order when every equation holds in exactly
//!    one order.
//!
//! Nothing is guessed and nothing is repaired: a row with one value per cell is read as
//! printed, balanced or not; a cell whose value is in the text but cannot be placed with
//! certainty is [`report_model::CellKind::Ambiguous`], with its raw text and a
//! [`report_model::Diagnostic`] in [`Report::diagnostics`] listing the candidates; a cell placed
//! through a reading is named in a `Reconstructed` diagnostic; a cell the text does not contain
//! has no entry; a text that is not a report is a [`ParseError`].
//!
//! Nothing is silently lost: every non-blank character of a table's text is in a cell, in one
//! of the table's [`parts`](report_model::Table::parts) (a row label, a column header, a page
//! number), in a span a diagnostic quotes, or in [`Report::unplaced`] (a note, a sentence, a
//! value no row took that no diagnostic names), with its span. The text outside the tables is
//! the title, the headings and the sections' prose ([`Report::sections`], the preamble and the
//! epilogue).
//!
//! # Example
//!
//! ```
//! use report_model::CellKind;
//!
//! let text = "\
//! 2024年某某局政府信息公开工作年度报告
//! 一、总体情况
//! 全年共接收申请4件。
//! 三、收到和处理政府信息公开申请情况
//! 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
//! 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//! ";
//! let report = report_parse::parse_report(text)?;
//! assert_eq!(report.year(), Some(2024));
//! let cell = report.cell("requests.received.total".parse()?).expect("read");
//! assert_eq!((cell.kind, cell.raw.as_str(), cell.line, cell.column), (CellKind::Number, "4", 5, 44));
//! // rows the text does not contain have no cells, and say so
//! assert!(report.cell("requests.total.total".parse()?).is_none());
//! assert!(!report.diagnostics.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Untrusted input
//!
//! Parsing never panics, takes time and memory linear in the input, and refuses inputs over
//! [`MAX_INPUT`] bytes. The bounds, and what happens past them:
//!
//! - label matching compares at most the first 96 characters of a text against labels of at
//!   most 64;
//! - a cell holds at most 6 digits: a digit run longer than 6 × its row's cells is refused at
//!   once (no split, the cells ambiguous); the split search stops after 200 000 steps and keeps
//!   at most 256 candidates (past either: the row is ambiguous, "…" in its diagnostic);
//! - a crawler's collapsed row is expanded in at most 100 000 steps, 16 expansions kept;
//! - the raw text an ambiguous cell keeps, and the text a diagnostic quotes, are cut to their
//!   first 64 characters (labels to 40); the span still covers the whole run, so a megabyte of
//!   glued digits gives a few hundred bytes of output, not the megabyte once per cell;
//! - line and column of a position on a line of megabytes (HTML on one line) are found from
//!   checkpoints every 4 KiB, so locating every cell stays linear;
//! - the column solver keeps at most 4 096 partial sums per equation (past it the equation
//!   does not filter), spends at most 4 000 000 sum operations on filtering and visits at most
//!   200 000 search nodes per table (past either, nothing more is decided: the rows stay
//!   ambiguous);
//! - lines of values outside the template's rows are reported one by one for the first 100 of
//!   a table, then in one diagnostic saying how many lines and values remain and where; text
//!   that is not placed ([`Report::unplaced`]) piece by piece for the first 1 000 of a table,
//!   then in one piece whose span covers the rest;
//! - a table is read at most twice (again when a later table confirms a crawl's dropped lines);
//! - memory: a token per cell (64 bytes) is the largest part, then, for HTML, the map from the
//!   converted text back into the markup (8 bytes per tag and per stretch of text). Measured
//!   peak resident memory of `gov-report check` on 64 MiB inputs (the input held once, UTF-8
//!   taken without a copy): seed 003 repeated, 231 604 KiB (3.5× the input); the same on one
//!   line, 236 284 KiB (3.6×); one line of HTML table rows of eight short cells each,
//!   595 000 KiB (9.1×). Time on these: 0.8 s, 0.9 s, 2.2 s (HTML through a standard
//!   tokenizer: 1.6 s with the hand-written scanner it replaced).
#![warn(missing_docs)]

#[cfg(feature = "docx")]
mod docx;
mod error;
mod glue;
mod html;
mod lex;
#[cfg(feature = "pdf")]
mod pdf;
mod radicals;
mod reflow;
mod sections;
mod solve;
mod table;
mod text;
mod tokens;
mod wrap;

use std::borrow::Cow;

use report_model::{
    Diagnostic, DiagnosticKind, LineIndex, Origin, Position, Report, SectionKind, Span, TableKind,
    Template,
};

pub use crate::error::{ParseError, ParseErrorKind};

/// The largest input accepted, in bytes (64 MiB; a real report is under 100 KiB).
pub const MAX_INPUT: usize = 64 << 20;

/// Decodes the bytes of a report file to text: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// GB18030 (which includes GBK and GB2312) when the bytes are not UTF-8. Bytes valid in none of
/// them are an error at the first offending byte.
///
/// ```
/// assert_eq!(report_parse::decode(b"\xEF\xBB\xBF\xE4\xB8\x80")?, "一"); // UTF-8, BOM
/// assert_eq!(report_parse::decode(b"\xD2\xBB\xB6\xFE")?, "一二"); // GBK
/// assert_eq!(report_parse::decode(b"\xFF\xFE\x00\x4E")?, "一"); // UTF-16LE, BOM
/// assert!(report_parse::decode(b"\xFF\xFF\x80").is_err());
/// # Ok::<(), report_parse::ParseError>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if bytes.len() > MAX_INPUT {
        return Err(ParseError::new(
            ParseErrorKind::TooLarge(bytes.len(), MAX_INPUT),
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    if let Some(message) = unsupported_format(bytes) {
        return Err(ParseError::new(
            ParseErrorKind::Unsupported(message),
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = &bytes[bom..];
        return match encoding.decode_without_bom_handling_and_without_replacement(rest) {
            Some(text) => Ok(text),
            None => Err(encoding_error(
                encoding.name(),
                bom + first_invalid(encoding, rest),
            )),
        };
    }
    // valid UTF-8 told fast; the standard validator then says where invalid text goes wrong
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(utf8) => {
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => Ok(text),
                None => Err(encoding_error("UTF-8 or GB18030", utf8.valid_up_to())),
            }
        }
    }
}

/// What a scanned PDF is refused with.
const SCANNED_PDF: &str = "a scanned PDF (扫描件: images only, no text layer): there is no text to read; it needs OCR, or the report's original file";

/// What a document in a format this crate does not read is, told from its first bytes (its
/// signature), with what to do: `None` for anything else (text and HTML in any encoding).
///
/// ```
/// use report_parse::{ParseErrorKind, decode};
///
/// let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj";
/// let e = decode(pdf).unwrap_err();
/// assert!(matches!(e.kind, ParseErrorKind::Unsupported(m) if m.contains("PDF")));
/// let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0";
/// assert!(decode(doc).unwrap_err().to_string().contains(".doc"));
/// assert!(decode("一、总体情况".as_bytes()).is_ok());
/// ```
pub fn unsupported_format(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    // a PDF may have a few bytes before its header
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        // images and no font (its objects not packed into streams, where fonts could hide): a
        // scan, which has no text to read
        if holds(b"/Image") && !holds(b"/BaseFont") && !holds(b"/ObjStm") {
            return Some(SCANNED_PDF);
        }
        return Some(if cfg!(feature = "pdf") {
            "a PDF file (PDF 文件): not text; `parse_bytes` reads it"
        } else {
            "a PDF file (PDF 文件): not read (the `pdf` feature of report-parse is off); convert it to text first, e.g. `pdftotext -layout 报告.pdf`, or save the report as .docx, .txt or .html"
        });
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(
            "a Word 97-2003 or WPS document (.doc/.wps, 旧版 Word/WPS 文档): not read; save it as .docx, .txt or .html (另存为)",
        );
    }
    if starts(b"PK\x03\x04") {
        return Some(if holds(b"word/") {
            if cfg!(feature = "docx") {
                "a Word document (.docx, Word 文档): not text; `parse_bytes` reads it"
            } else {
                "a Word document (.docx, Word 文档): not read (the `docx` feature of report-parse is off); save it as .txt or .html (另存为纯文本或网页)"
            }
        } else if holds(b"OFD.xml") || holds(b"Doc_0/") {
            "an OFD document (.ofd, 版式文档): not read; export it as PDF text or save the report as .txt or .html"
        } else {
            "a zip archive (or an Excel/PowerPoint file): not a report's text; unpack it and check the files inside"
        });
    }
    if starts(b"{\\rtf") {
        return Some("an RTF document (.rtf): not read; save it as .docx, .txt or .html (另存为)");
    }
    if starts(b"\x89PNG")
        || starts(b"\xFF\xD8\xFF")
        || starts(b"GIF8")
        || starts(b"II*\0")
        || starts(b"MM\0*")
    {
        return Some(
            "an image (a scanned page?): there is no text to read; a scanned report needs OCR first",
        );
    }
    None
}

/// The offset of the first byte `encoding` cannot decode.
fn first_invalid(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

fn encoding_error(encoding: &'static str, at: usize) -> ParseError {
    // Without text there are no lines: the column is the byte offset, on line 1.
    ParseError::new(
        ParseErrorKind::InvalidEncoding(encoding),
        Span::new(at, at + 1),
        Position {
            line: 1,
            column: at as u32 + 1,
        },
    )
}

/// Reads a report from its text.
///
/// Returns an error only when the text cannot be a report at all (empty, binary, larger than
/// [`MAX_INPUT`], or without any section heading or table of the template). Everything else
/// (missing sections, missing tables, unreadable or unplaceable cells) gives a report whose
/// [`diagnostics`](Report::diagnostics) say what could not be read and where.
pub fn parse_report(text: &str) -> Result<Report, ParseError> {
    let index = LineIndex::new(text);
    check_input(text, &index)?;
    let converted = html::looks_like_html(text).then(|| html::convert(text));
    let base = converted.as_ref().map_or(text, |c| c.text.as_str());
    let reflowed = reflow::reflow(base);
    let read = reflowed.as_ref().map_or(base, |r| r.text.as_str());
    // spans of the text read, back into the original
    let map = |span: Span| {
        let span = reflowed.as_ref().map_or(span, |r| r.span(span));
        converted.as_ref().map_or(span, |c| c.span(span))
    };
    let hints = table::Hints {
        loose: reflowed.as_ref().map_or(&[], |r| r.loose.as_slice()),
        collapsed: table::collapsed_document(base),
        confirmed: false,
        placed: &[],
    };
    // the line index of the original serves when the text read is the original
    let derived = converted.is_some() || reflowed.is_some();
    let positions = if derived {
        Positions::deferred()
    } else {
        Positions::of(&index)
    };
    let mut report = parse_text(read, &hints, positions).map_err(|mut e| {
        e.span = map(e.span);
        let at = index.position(text, e.span.start);
        (e.line, e.column) = (at.line, at.column);
        e
    })?;
    if derived {
        remap(&mut report, &map, text, &index);
    }
    if converted.is_some() {
        for t in report.tables_mut() {
            t.layout = report_model::Layout::Html;
        }
    }
    Ok(report)
}

/// Points every span of a report read from a derived text (HTML converted to text, lines
/// broken by [`reflow`]) back into the original text.
fn remap(report: &mut Report, map: &dyn Fn(Span) -> Span, text: &str, index: &LineIndex) {
    fn located<T>(
        l: &mut report_model::Located<T>,
        map: &dyn Fn(Span) -> Span,
        text: &str,
        index: &LineIndex,
    ) {
        l.span = map(l.span);
        let at = index.position(text, l.span.start);
        (l.line, l.column) = (at.line, at.column);
    }
    fn block(
        b: &mut report_model::TextBlock,
        map: &dyn Fn(Span) -> Span,
        text: &str,
        index: &LineIndex,
    ) {
        b.span = map(b.span);
        b.line = index.position(text, b.span.start).line;
    }
    let m = &mut report.metadata;
    for l in [m.title.as_mut(), m.body.as_mut()].into_iter().flatten() {
        located(l, map, text, index);
    }
    if let Some(y) = m.year.as_mut() {
        located(y, map, text, index);
    }
    if let Some(d) = m.date.as_mut() {
        located(d, map, text, index);
    }
    for b in [report.preamble.as_mut(), report.epilogue.as_mut()]
        .into_iter()
        .flatten()
    {
        block(b, map, text, index);
    }
    for s in &mut report.sections {
        located(&mut s.heading, map, text, index);
        block(&mut s.body, map, text, index);
        for h in &mut s.subheadings {
            located(h, map, text, index);
        }
    }
    for u in &mut report.unplaced {
        u.span = map(u.span);
        let at = index.position(text, u.span.start);
        (u.line, u.column) = (at.line, at.column);
    }
    for t in report.tables_mut() {
        t.span = map(t.span);
        for p in &mut t.parts {
            p.span = map(p.span);
        }
        // a row's cells stand one after the other: each counted on from the one before
        let mut known = (0, Position { line: 1, column: 1 });
        for c in &mut t.cells {
            c.span = map(c.span);
            let at = index.position_from(text, known, c.span.start);
            known = (c.span.start, at);
            (c.line, c.column) = (at.line, at.column);
        }
    }
    for d in &mut report.diagnostics {
        d.span = map(d.span);
        let at = index.position(text, d.span.start);
        (d.line, d.column) = (at.line, at.column);
    }
}

/// Where the positions (line, column) of what is read in a text come from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Positions<'a>(Option<&'a LineIndex>);

impl<'a> Positions<'a> {
    /// Positions read off `index`, the line index of the text read.
    pub(crate) fn of(index: &'a LineIndex) -> Positions<'a> {
        Positions(Some(index))
    }

    /// No positions yet: the text read is derived (HTML converted, lines reflowed), and
    /// [`remap`] computes every position in the original once the report is read, so that
    /// neither the derived text's line index nor its positions are computed for nothing. Each
    /// is line 0, column 0 until then.
    pub(crate) fn deferred() -> Positions<'a> {
        Positions(None)
    }

    /// The position of byte `offset` of `text`.
    pub(crate) fn position(self, text: &str, offset: usize) -> Position {
        match self.0 {
            Some(index) => index.position(text, offset),
            None => Position { line: 0, column: 0 },
        }
    }

    /// [`LineIndex::position_from`]: the position of byte `offset` of `text`, counted on from
    /// `known` where it stands just before.
    pub(crate) fn position_from(
        self,
        text: &str,
        known: (usize, Position),
        offset: usize,
    ) -> Position {
        match self.0 {
            Some(index) => index.position_from(text, known, offset),
            None => Position { line: 0, column: 0 },
        }
    }
}

fn parse_text(
    text: &str,
    hints: &table::Hints<'_>,
    index: Positions<'_>,
) -> Result<Report, ParseError> {
    let lines = sections::lines(text);
    let heads = sections::headings(text, &lines);
    let structure = sections::structure(text, index, &lines, &heads);
    let metadata = sections::metadata(text, index, &lines, &heads, &structure);
    let year = metadata.year.as_ref().map(|y| y.value);

    let mut report = Report {
        metadata,
        preamble: structure.preamble,
        sections: structure.sections,
        epilogue: structure.epilogue,
        ..Report::default()
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut placed: Vec<Span> = report
        .sections
        .iter()
        .flat_map(|s| s.subheadings.iter().map(|h| h.span))
        .collect();
    placed.sort_by_key(|s| s.start);
    let hints = &table::Hints {
        placed: &placed,
        ..*hints
    };
    // Tables in order, each told whether a table before it confirmed a crawl's dropped lines;
    // once one did, every table whose rows were not all read knowing it is read again.
    let mut sibling: Option<Template> = None;
    let mut confirmed = hints.confirmed;
    let mut reads: Vec<(TableKind, Span, Option<Template>, table::TableRead)> = Vec::new();
    for kind in TableKind::ALL {
        let Some(region) = table_region(text, &lines, &report, kind) else {
            continue;
        };
        let told = table::Hints {
            confirmed,
            ..*hints
        };
        let Some(read) = table::read_table(kind, text, region, index, year, sibling, &told) else {
            continue;
        };
        confirmed |= read.short_rows;
        let before = sibling;
        if kind == TableKind::Requests || sibling.is_none() {
            sibling = Some(read.table.template);
        }
        reads.push((kind, region, before, read));
    }
    if hints.collapsed && confirmed && !hints.confirmed {
        let told = table::Hints {
            confirmed: true,
            ..*hints
        };
        for (kind, region, before, read) in &mut reads {
            if read.read_confirmed {
                continue;
            }
            if let Some(again) =
                table::read_table(*kind, text, *region, index, year, *before, &told)
            {
                *read = again;
            }
        }
    }
    let reads = reads.into_iter().map(|(_, _, _, read)| read);
    for read in reads {
        diagnostics.extend(read.diagnostics);
        report.unplaced.extend(read.unplaced);
        report.set_table(read.table);
    }
    let has_current_tables = report.requests.is_some() || report.proactive.is_some();
    // the old-format headings are looked for only when no current table was found
    let old = if has_current_tables || year.is_some_and(|y| y >= 2019) {
        Vec::new()
    } else {
        sections::old_format_headings(text, &lines)
    };
    if !old.is_empty() {
        let what = match year {
            Some(y) => format!("{y}年度报告，部分标题：{}", old.join(" / ")),
            None => format!("部分标题：{}", old.join(" / ")),
        };
        return Err(ParseError::new(
            ParseErrorKind::Pre2019(what),
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    if report.sections.is_empty() && report.tables().next().is_none() {
        return Err(ParseError::new(
            ParseErrorKind::NotAReport,
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    for kind in SectionKind::ALL {
        if report.section(kind).is_none() {
            let at = index.position(text, text.len());
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::MissingSection,
                message: format!("未找到第{}部分「{}」", kind.numeral(), kind.heading()),
                span: Span::empty(text.len()),
                line: at.line,
                column: at.column,
                cells: Vec::new(),
            });
        }
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.kind));
    report.diagnostics = diagnostics;
    Ok(report)
}

/// Reads a report from the bytes of a file: [`document_text`], then [`parse_report`]. Returns
/// the text too, since spans index into it; the report's [`Report::origins`] say where each of
/// its lines stands in a Word or PDF document.
pub fn parse_bytes(bytes: &[u8]) -> Result<(String, Report), ParseError> {
    let (text, origins) = document_text(bytes)?;
    let text = text.into_owned();
    let mut report = parse_report(&text)?;
    report.origins = origins;
    Ok((text, report))
}

/// The text of a file as the parser reads it, and where each of its lines stands in the
/// document (empty for text and HTML, whose spans are their own).
///
/// Text and HTML are [`decode`]d. With the `docx` feature, a Word document (`.docx`, told from
/// its content) is read from its XML: its body, paragraphs as lines and each table row as a line
/// of cells separated by ` | ` (merged cells written once). With the `pdf` feature, a PDF file
/// (told from its content) is read from what its pages draw: its pages' lines top to bottom, each
/// table row a line of cells separated by ` | ` (cells found from the table's ruling lines,
/// merged cells written once, labels that wrap inside a cell joined, a row cut by a page break
/// joined), page numbers and running headers left out. A PDF that draws no text (a scan) is
/// refused with [`ParseErrorKind::Unsupported`].
///
/// ```
/// let (text, origins) = report_parse::document_text("一、总体情况\n".as_bytes()).unwrap();
/// assert_eq!(text, "一、总体情况\n");
/// assert!(origins.is_empty());
/// ```
pub fn document_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Vec<Origin>), ParseError> {
    // a document's failures stand at its start: there is no text to point into
    #[cfg(any(feature = "pdf", feature = "docx"))]
    let failed = |kind| ParseError::new(kind, Span::empty(0), Position { line: 1, column: 1 });
    #[cfg(feature = "pdf")]
    if pdf::is_pdf(bytes) {
        let (text, origins) = pdf::text_of(bytes).map_err(failed)?;
        return Ok((Cow::Owned(text), origins));
    }
    #[cfg(feature = "docx")]
    if docx::is_docx(bytes) {
        let (text, origins) = docx::text_of(bytes).map_err(failed)?;
        return Ok((Cow::Owned(text), origins));
    }
    Ok((decode(bytes)?, Vec::new()))
}

fn check_input(text: &str, index: &LineIndex) -> Result<(), ParseError> {
    if text.len() > MAX_INPUT {
        return Err(ParseError::new(
            ParseErrorKind::TooLarge(text.len(), MAX_INPUT),
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    // a document in another format that happens to be valid text (an RTF file, a PDF of
    // ASCII only) is told apart here too, for callers that decoded it themselves
    if let Some(message) = unsupported_format(text.as_bytes()) {
        return Err(ParseError::new(
            ParseErrorKind::Unsupported(message),
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(ParseError::new(
            ParseErrorKind::Empty,
            Span::empty(0),
            Position { line: 1, column: 1 },
        ));
    }
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}');
    // a NUL is the byte 0 in UTF-8, nowhere else
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(ParseError::new(
            ParseErrorKind::Binary(0),
            Span::new(at, at + 1),
            index.position(text, at),
        ));
    }
    let (controls, chars) = control_count(text.as_bytes());
    if controls * 100 > chars {
        let (at, c) = text
            .char_indices()
            .find(|&(_, c)| control(c))
            .unwrap_or((0, '\0'));
        let span = Span::new(at, at + c.len_utf8());
        return Err(ParseError::new(
            ParseErrorKind::Binary(c as u32),
            span,
            index.position(text, at),
        ));
    }
    Ok(())
}

/// The control characters of `bytes` (valid UTF-8) that are no line break, tab or form feed, and
/// all its characters, counted on bytes in one pass: C0 controls and DEL are single bytes, C1
/// controls (U+0080–U+009F) are `C2 80`–`C2 9F`, and every character has exactly one byte that
/// is no continuation byte (`10xxxxxx`).
fn control_count(bytes: &[u8]) -> (usize, usize) {
    use crate::text::count_bytes;
    let low = count_bytes(bytes, |b| b < 0x20 || b == 0x7F);
    let allowed = count_bytes(bytes, |b| matches!(b, b'\n' | b'\r' | b'\t' | 0x0C));
    let chars = count_bytes(bytes, |b| b & 0xC0 != 0x80);
    // C1 controls: the rare `C2` found by memchr, the byte after it looked at
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    (low - allowed + c1, chars)
}

/// Where the text of table `kind` stands: the body of its section, or, when the heading is
/// missing, from the first line that only this table has to the next heading.
fn table_region(
    text: &str,
    lines: &[sections::Line],
    report: &Report,
    kind: TableKind,
) -> Option<Span> {
    if let Some(section) = report.section(kind.section()) {
        return Some(section.body.span);
    }
    let anchors: &[&str] = match kind {
        TableKind::Proactive => &["第二十条第"],
        TableKind::Requests => &["本年新收", "勾稽关系", "上年结转"],
        TableKind::Appeals => &["结果维持"],
    };
    let taken: Vec<Span> = report
        .sections
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SectionKind::Proactive | SectionKind::Requests | SectionKind::Appeals
            )
        })
        .map(|s| s.body.span)
        .collect();
    let start_line = lines.iter().position(|l| {
        let s = &text[l.span.start..l.span.end];
        anchors.iter().any(|a| s.contains(a))
            && !taken
                .iter()
                .any(|t| t.start <= l.span.start && l.span.start < t.end)
    })?;
    let start = lines[start_line].span.start;
    let next_heading = report
        .sections
        .iter()
        .map(|s| s.heading.span.start)
        .filter(|&h| h > start)
        .min();
    let end = next_heading.unwrap_or_else(|| {
        report
            .epilogue
            .as_ref()
            .map_or(text.len(), |e| e.span.start)
    });
    Some(Span::new(start, end.max(start)))
}

#[cfg(test)]
mod tests {
    use super::control_count;
    use proptest::prelude::*;

    /// The counts as `char`s define them, which `control_count` reads from bytes.
    fn by_chars(text: &str) -> (usize, usize) {
        let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}');
        (
            text.chars().filter(|&c| control(c)).count(),
            text.chars().count(),
        )
    }

    #[test]
    fn controls_counted_on_bytes_as_on_characters() {
        for text in [
            "",
            "一、总体情况\r\n\t|0|\u{0C}",
            "\u{1}\u{1F}\u{7F}\u{80}\u{9F}\u{A0}\u{C2}\u{85}",
            "Â\u{80}",
            "\u{200B}\u{FEFF}\u{3000}",
            // longer than the blocks counted at a time, controls on both sides of their ends
            &"表\u{1}\n\u{85}ab\t\u{7F}一".repeat(300),
        ] {
            assert_eq!(control_count(text.as_bytes()), by_chars(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn controls_counted_on_bytes_for_any_text(text in "[\\x00-\\x{FF}\\x{2000}-\\x{2100}一-龥\\x{10000}-\\x{10010}]{0,600}") {
            prop_assert_eq!(control_count(text.as_bytes()), by_chars(&text));
        }
    }
}
