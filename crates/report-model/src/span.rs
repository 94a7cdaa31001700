//! Byte spans into the source text and the line/column positions derived from them.

use serde::{Deserialize, Serialize};

/// A half-open range of byte offsets `start..end` into the source text a model was read from.
///
/// Spans are what every located value carries; line and column are derived from them with a
/// [`LineIndex`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped when given in the wrong order.
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// An empty span at `offset`, used for cells that are present but hold no text.
    pub fn empty(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column in characters, starting at 1.
    pub column: u32,
}

/// Maps byte offsets of one text to [`Position`]s in `O(log lines)` per lookup.
///
/// ```
/// use report_model::{LineIndex, Position};
/// let text = "一、总体情况\n收到 12 件";
/// let index = LineIndex::new(text);
/// let offset = text.find("12").unwrap();
/// assert_eq!(index.position(text, offset), Position { line: 2, column: 4 });
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes inside lines longer than [`LONG_LINE`]: (byte offset,
    /// characters since its line's start), ascending, so that a column on a line of megabytes
    /// (HTML on one line) costs at most [`LONG_LINE`] bytes of counting, not the whole line.
    checkpoints: Vec<(usize, usize)>,
}

/// The spacing of [`LineIndex`]'s column checkpoints, in bytes: a report whose line breaks
/// were lost (a crawl's whole article on one line) asks for hundreds of columns on one line,
/// each of them counted from the checkpoint before it; 256 bytes keep that count short, for 16
/// bytes of index per 256 bytes of long lines.
const CHECKPOINT: usize = 256;

/// Lines longer than this many bytes get checkpoints; a column on a shorter one (a paragraph)
/// is counted from the line's start, which costs less than indexing every paragraph.
const LONG_LINE: usize = 1024;

impl LineIndex {
    /// Indexes the line starts of `text` (lines end at `\n`; a `\r` before it is part of the line).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |&n| n);
            if end - start <= LONG_LINE {
                continue;
            }
            let (mut at, mut chars) = (start, 0usize);
            while at + CHECKPOINT < end {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The position of byte `offset` in `text` (the text this index was built from). An offset
    /// inside a multi-byte character or past the end is clamped to the nearest valid one before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        // the last checkpoint of this line at or before the offset (none within the line's
        // first CHECKPOINT bytes)
        let (from, before) = if offset - start <= CHECKPOINT {
            (start, 0)
        } else {
            let k = self.checkpoints.partition_point(|&(at, _)| at <= offset);
            match k.checked_sub(1).map(|k| self.checkpoints[k]) {
                Some((at, chars)) if at >= start => (at, chars),
                _ => (start, 0),
            }
        };
        let column = before + text.get(from..offset).map_or(0, |s| s.chars().count());
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// The position of byte `offset` in `text`, given `known`: an offset of the same text and
    /// its position. When `known` stands before `offset` on the same line, within
    /// [`NEAR`](Self::NEAR) bytes, the characters between the two are counted instead of looking
    /// the line up: positions asked in the order of the text (a row's cells) cost the bytes
    /// between them. Any other `known` costs one comparison and gives [`LineIndex::position`].
    ///
    /// ```
    /// use report_model::{LineIndex, Position};
    /// let text = "表三\n| 申请 | 12 | 3 |";
    /// let index = LineIndex::new(text);
    /// let first = text.find("12").unwrap();
    /// let known = (first, index.position(text, first));
    /// let next = text.find('3').unwrap();
    /// assert_eq!(index.position_from(text, known, next), Position { line: 2, column: 13 });
    /// assert_eq!(index.position_from(text, known, next), index.position(text, next));
    /// ```
    pub fn position_from(&self, text: &str, known: (usize, Position), offset: usize) -> Position {
        let (from, at) = known;
        match text.get(from..offset) {
            Some(gap) if from > 0 && gap.len() <= Self::NEAR && !gap.contains('\n') => Position {
                line: at.line,
                column: at.column + gap.chars().count() as u32,
            },
            _ => self.position(text, offset),
        }
    }

    /// How far on [`LineIndex::position_from`] counts from a known position, in bytes.
    pub const NEAR: usize = 512;

    /// The byte range of line `line` (1-based), without its line break.
    pub fn line_span(&self, text: &str, line: u32) -> Option<Span> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let mut end = self.starts.get(i + 1).map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(Span { start, end })
    }

    /// The number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// The position of byte `offset` in `text`, for one-off lookups (builds no index).
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "收入合计\n  12a\r\nx";
        let index = LineIndex::new(text);
        let offset = text.find("12").unwrap();
        assert_eq!(offset, 15);
        assert_eq!(
            index.position(text, offset),
            Position { line: 2, column: 3 }
        );
        assert_eq!(position_of(text, offset), Position { line: 2, column: 3 });
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 2 }
        );
        assert_eq!(
            index.line_span(text, 2).map(|s| &text[s.start..s.end]),
            Some("  12a")
        );
        // inside a multi-byte character: clamped back to its start
        assert_eq!(index.position(text, 1), Position { line: 1, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_are_counted_exactly() {
        // a line of 30 000 characters, some of them wide (checkpoints fall inside them), then
        // a short line
        let mut text: String = (0..30_000)
            .map(|i| if i % 7 == 0 { '表' } else { 'a' })
            .collect();
        let newline = text.len();
        text.push_str("\nxy");
        let index = LineIndex::new(&text);
        // every 97th character: offsets on both sides of many checkpoints
        for (i, (at, _)) in text[..newline].char_indices().enumerate().step_by(97) {
            assert_eq!(
                index.position(&text, at),
                Position {
                    line: 1,
                    column: i as u32 + 1
                }
            );
            assert_eq!(index.position(&text, at), position_of(&text, at));
        }
        assert_eq!(
            index.position(&text, text.len() - 1),
            Position { line: 2, column: 2 }
        );
    }

    /// `position_from` gives what `position` gives, from any known position: before or after
    /// the offset, on the same line or not, near or far, on a line longer than [`NEAR`].
    #[test]
    fn position_from_a_known_position_is_the_position() {
        let long = "数".repeat(400);
        let text = format!("表三\n| 申请 | 12 | 3 |\r\n\n{long}|x|{long}\nend");
        let index = LineIndex::new(&text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        for (k, &from) in offsets.iter().enumerate().step_by(7) {
            let known = (from, index.position(&text, from));
            for &offset in offsets
                .iter()
                .skip(k.saturating_sub(40))
                .step_by(3)
                .take(400)
            {
                assert_eq!(
                    index.position_from(&text, known, offset),
                    index.position(&text, offset),
                    "from {from} to {offset}"
                );
            }
        }
    }
}
