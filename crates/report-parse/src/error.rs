//! The error of a text that cannot be read as a report at all.

use report_model::{Position, Span};

/// Why a text could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input holds nothing but whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input holds control characters that no text report contains (binary data).
    #[error("the input is binary data, not text (control character U+{0:04X})")]
    Binary(u32),
    /// The bytes are not valid in any supported encoding.
    #[error("the input is not valid {0}")]
    InvalidEncoding(&'static str),
    /// The input is larger than [`crate::MAX_INPUT`].
    #[error("the input is {0} bytes, more than the limit of {1}")]
    TooLarge(usize, usize),
    /// Neither a section heading nor a statistical table of the template was found.
    #[error(
        "not a 政府信息公开工作年度报告: no section heading and no statistical table of the template found"
    )]
    NotAReport,
    /// The bytes are a document format this crate does not read (told from the content, not
    /// the file name): the message names it and says what to save it as.
    #[error("{0}")]
    Unsupported(&'static str),
    /// A document of a format that is read (a Word `.docx`) could not be read: why.
    #[error("the document could not be read: {0}")]
    Document(String),
    /// The text is an annual report on a template from before 2019, which has no cells to read.
    #[error(
        "a report on the pre-2019 format ({0}): its tables are not those of the 2019 or 2021 template"
    )]
    Pre2019(String),
}

/// A text that could not be read as a report, with where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} (line {line}, column {column})")]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Where (bytes of the input).
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// 1-based column of `span.start`, in characters.
    pub column: u32,
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, span: Span, at: Position) -> Self {
        ParseError {
            kind,
            span,
            line: at.line,
            column: at.column,
        }
    }
}
