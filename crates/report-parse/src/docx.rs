//! Word documents (`.docx`): the text of the body read from `word/document.xml`, paragraphs as
//! lines and each table row as one line of cells separated by ` | `, so that the tables are read
//! like any text laid out one row per line.
//!
//! Merged cells are written once: a cell spanning several grid columns (`w:gridSpan`) is one
//! field, and the cells a vertical merge continues (`w:vMerge` without `restart`) are left out,
//! so a group label merged down the side stands before its first row only (`三、本年度办理结果 |
//! （一）予以公开 | …`), as the template prints it. The paragraphs of a cell are joined by a
//! space; a `|` inside a cell becomes `｜` so that it cannot split the cell.
//!
//! Spans of the report point into this text (the returned `String`): its lines are the body's
//! paragraphs and table rows in document order.

use std::io::Read as _;

use quick_xml::events::Event;

use report_model::Origin;

use crate::{MAX_INPUT, ParseErrorKind};

/// Whether `bytes` are a Word document: a zip archive holding `word/document.xml`.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(17).any(|w| w == b"word/document.xml")
}

/// The text of the document's body, and where each of its lines stands in the document.
pub(crate) fn text_of(bytes: &[u8]) -> Result<(String, Vec<Origin>), ParseErrorKind> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ParseErrorKind::Document(format!("not a readable zip archive ({e})")))?;
    let mut entry = archive
        .by_name("word/document.xml")
        .map_err(|e| ParseErrorKind::Document(format!("no word/document.xml ({e})")))?;
    // the size the archive declares, and no more than the limit read whatever it declares (a
    // zip bomb stops at the limit)
    let declared = usize::try_from(entry.size()).unwrap_or(usize::MAX);
    if declared > MAX_INPUT {
        return Err(ParseErrorKind::TooLarge(declared, MAX_INPUT));
    }
    let mut xml = String::with_capacity(declared);
    (&mut entry)
        .take(MAX_INPUT as u64 + 1)
        .read_to_string(&mut xml)
        .map_err(|e| ParseErrorKind::Document(format!("word/document.xml unreadable ({e})")))?;
    if xml.len() > MAX_INPUT {
        return Err(ParseErrorKind::TooLarge(xml.len(), MAX_INPUT));
    }
    body_text(&xml).map_err(ParseErrorKind::Document)
}

/// A cell being read: its text, and whether a vertical merge continues the cell above.
#[derive(Default)]
struct CellText {
    text: String,
    continued: bool,
}

/// The text of the body of `xml` (`word/document.xml`), and the origin of each of its lines.
fn body_text(xml: &str) -> Result<(String, Vec<Origin>), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 8);
    let mut origins: Vec<Origin> = Vec::new();
    // paragraphs of the body, tables of the body (outermost), rows of the current one
    let (mut paragraphs, mut tables, mut table_rows) = (0u32, 0u32, 0u32);
    // the paragraph being read, and the cells of the rows being read (a stack: a table may sit
    // in a cell of another)
    let mut paragraph = String::new();
    let mut rows: Vec<Vec<CellText>> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml is not well-formed XML ({e})"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" if rows.is_empty() => {
                    tables += 1;
                    table_rows = 0;
                }
                "tr" => rows.push(Vec::new()),
                "tc" => {
                    if let Some(row) = rows.last_mut() {
                        row.push(CellText::default());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => paragraph.push(' '),
                "br" | "cr" => paragraph.push(' '),
                "vMerge" => {
                    // `<w:vMerge/>` and `w:val="continue"` continue the cell above
                    let restart = e
                        .try_get_attribute("w:val")
                        .ok()
                        .flatten()
                        .is_some_and(|a| a.value.as_ref() == "restart");
                    if !restart && let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                        cell.continued = true;
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => paragraph.push(c),
                _ => {
                    let name = r.xml10_content();
                    paragraph.push_str(quick_xml::escape::resolve_xml_entity(&name).unwrap_or(""));
                }
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let text = std::mem::take(&mut paragraph);
                    match rows.last_mut().and_then(|r| r.last_mut()) {
                        // a paragraph of a cell: joined to the cell's others by a space
                        Some(cell) => {
                            let text = text.trim();
                            if !text.is_empty() {
                                if !cell.text.is_empty() {
                                    cell.text.push(' ');
                                }
                                cell.text.push_str(text);
                            }
                        }
                        None => {
                            paragraphs += 1;
                            origins.push(Origin::Paragraph(paragraphs));
                            out.push_str(text.trim_end());
                            out.push('\n');
                        }
                    }
                }
                "tr" => {
                    let row = rows.pop().unwrap_or_default();
                    let line = row_line(&row);
                    // a row of a table inside a cell becomes part of that cell's text
                    match rows.last_mut().and_then(|r| r.last_mut()) {
                        Some(cell) => {
                            if !cell.text.is_empty() {
                                cell.text.push(' ');
                            }
                            cell.text.push_str(line.trim_end_matches(" |"));
                        }
                        None => {
                            table_rows += 1;
                            origins.push(Origin::Row {
                                table: tables,
                                row: table_rows,
                            });
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok((out, origins))
}

/// One table row as a line: `cell | cell | … |`, the cells a vertical merge continues left out.
fn row_line(row: &[CellText]) -> String {
    let mut line = String::new();
    for cell in row.iter().filter(|c| !c.continued) {
        let text: String = cell
            .text
            .chars()
            .map(|c| match c {
                '|' => '｜',
                '\n' | '\r' | '\t' => ' ',
                c => c,
            })
            .collect();
        line.push_str(text.trim());
        line.push_str(" | ");
    }
    line.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_are_lines_and_rows_are_cells_with_merges_written_once() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>",
            "<w:tbl>",
            "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>（一）予以</w:t></w:r><w:r><w:t>公开</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
            "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>（二）部分公开&amp;a|b</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>&#49;2</w:t></w:r></w:p></w:tc></w:tr>",
            "</w:tbl>",
            "<w:p><w:r><w:t xml:space=\"preserve\">四、 </w:t></w:r></w:p>",
        ));
        let (text, origins) = body_text(&xml).expect("read");
        assert_eq!(
            origins,
            [
                Origin::Paragraph(1),
                Origin::Row { table: 1, row: 1 },
                Origin::Row { table: 1, row: 2 },
                Origin::Paragraph(2)
            ]
        );
        assert_eq!(
            text,
            "三、收到和处理政府信息公开申请情况\n\
             三、本年度办理结果 | （一）予以公开 | 3 |  |\n\
             （二）部分公开&a｜b 第二段 | 12 |\n\
             四、\n"
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(body_text("<w:document><w:body><w:p>").is_ok());
        assert!(body_text("<w:document></w:body>").is_err());
        assert!(matches!(
            text_of(b"PK\x03\x04 not a zip"),
            Err(ParseErrorKind::Document(_))
        ));
    }
}
