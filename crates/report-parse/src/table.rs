//! Reading one statistical table: the template is the grammar.
//!
//! The token stream of the table's text is aligned to the template's sequence of rows (data rows
//! and group labels). Labels anchor: each text token is scored against each row of the
//! catalogue (keywords, fuzzy similarity, numbering), and a monotone alignment maximising the
//! total score picks which token names which row, so a masked or damaged label is still placed
//! by its neighbours. Order fills: the values after a row's label, up to the next label, are its
//! cells. Nothing is shifted into a neighbour: a row whose values cannot be placed with
//! certainty gets ambiguous cells and a diagnostic.

use std::borrow::Cow;

use report_model::{
    Address, Cell, CellKind, Diagnostic, DiagnosticKind, Layout, Part, PartKind, Position, Row,
    Span, Table, TableKind, Template, Unplaced,
};

use crate::Positions;
use crate::glue::{self, Constraint, Split};
use crate::lex::{self, Lexeme, Numbering};
use crate::solve;
use crate::text::{Norm, Pattern, Sketch};
use crate::tokens::{self, Class, Token};
use crate::wrap;

/// Scores below this never make a token name a row.
const MIN_SCORE: u32 = 450;

/// What the document as a whole tells the table readers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hints<'a> {
    /// Spans of values cut out of text that ran on without separators, ascending.
    pub(crate) loose: &'a [Span],
    /// Whether the text shows a crawler's dropped repeated lines (see [`collapsed_document`]).
    pub(crate) collapsed: bool,
    /// Whether a table of the document has confirmed it: a row short of cells.
    pub(crate) confirmed: bool,
    /// Spans of the text the document's structure placed (sub-headings), ascending.
    pub(crate) placed: &'a [Span],
}

/// Whether `text` looks like a crawl that dropped repeated consecutive lines: many lines holding
/// a single whole number, and no two neighbouring non-blank lines alike anywhere (a table
/// copied one cell per line always has some: `0` after `0`).
pub(crate) fn collapsed_document(text: &str) -> bool {
    let mut numbers = 0usize;
    let mut prev: Option<&str> = None;
    for line in crate::text::lines(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if prev == Some(t) {
            return false;
        }
        // a whole number alone on its line, or alone in its cell (`12 |`, one cell per line)
        let cell = t.trim_matches(|c: char| c == '|' || c.is_whitespace());
        if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
            numbers += 1;
        }
        prev = Some(t);
    }
    numbers >= 10
}

/// What reading a table produced.
pub(crate) struct TableRead {
    pub(crate) table: Table,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether the table confirmed a crawl's dropped lines the text suggests: a row of one value
    /// per line short of cells, or a row whose equations were met only by repeating values.
    pub(crate) short_rows: bool,
    /// Whether its rows were read with the collapse confirmed from the start.
    pub(crate) read_confirmed: bool,
    /// The table's text that is neither a cell, a part nor quoted by a diagnostic.
    pub(crate) unplaced: Vec<Unplaced>,
}

/// Context shared while reading one table.
struct Reader<'t> {
    text: &'t str,
    index: Positions<'t>,
    diagnostics: Vec<Diagnostic>,
    /// Rows that read several ways, for the column equations to decide.
    undecided: Vec<Undecided>,
    /// Whether the document shows a crawler's collapsed lines, confirmed by a short row.
    collapsed: bool,
    /// Whether the text alone suggests it (no repeated neighbouring lines; see [`Hints`]).
    evidence: bool,
    /// Whether another table confirmed the collapse (see [`Hints::confirmed`]).
    confirmed: bool,
    /// Whether this table confirmed the collapse (see [`TableRead::short_rows`]).
    short_rows: bool,
    /// Whether the rows were read with the collapse confirmed from the start.
    read_confirmed: bool,
    /// Rows read through a transformation the equations left one way to undo: their cells and
    /// how they were read.
    reconstructed: Vec<(Vec<Address>, &'static str)>,
    /// Rows whose label stands with no value and no empty cell after it (read blank, unless
    /// the table holds values no row took: then their values are elsewhere).
    bare_rows: Vec<Vec<Address>>,
    /// Spans of the tokens the alignment took as row and group labels.
    labels: Vec<Span>,
    /// A buffer for a row's filled fields, used row after row.
    filled: Vec<usize>,
    /// The last offset given a position and that position: the next cell of the same line is
    /// placed by counting the characters between them, not from the line's start.
    last_at: std::cell::Cell<(usize, Position)>,
}

/// One cell of a reading: its value and where it stands.
#[derive(Debug, Clone)]
struct Piece {
    value: u64,
    span: Span,
    /// The value as written (digits: inline, no allocation).
    raw: report_model::CompactString,
}

/// A row whose text reads several ways that fit its own totals.
struct Undecided {
    addresses: Vec<Address>,
    candidates: Vec<Vec<Piece>>,
    /// The one candidate that keeps every space of the text as a boundary, if only one does:
    /// the spaces' evidence, used when the equations leave several.
    spaced: Option<usize>,
    /// Index of its diagnostic in `Reader::diagnostics`.
    diagnostic: usize,
}

/// How a row's text was read when it was not read as printed.
const HOW_SPLIT: &str = "数字连在一起或空格错位，按合计关系拆分";
const HOW_COLLAPSED: &str = "相同的相邻行被略去，按合计关系补全";
const HOW_COLUMNS: &str = "由各列的勾稽关系确定";
const HOW_SPACES: &str = "合计关系允许多种拆分，按文本中的空格确定";

impl Reader<'_> {
    /// The position of byte `offset`: counted on from the last one asked when it stands before
    /// it on the same line, within a few hundred bytes (a row's cells), else from the index.
    fn position(&self, offset: usize) -> Position {
        let position = self
            .index
            .position_from(self.text, self.last_at.get(), offset);
        self.last_at.set((offset, position));
        position
    }

    fn diag(&mut self, kind: DiagnosticKind, span: Span, cells: Vec<Address>, message: String) {
        let at = self.position(span.start);
        self.diagnostics.push(Diagnostic {
            kind,
            message,
            span,
            line: at.line,
            column: at.column,
            cells,
        });
    }

    fn cell(&self, address: Address, tok: &Token<'_>) -> Cell {
        let at = self.position(tok.span.start);
        match &tok.class {
            Class::Value(Lexeme::Number { value, unit }) => Cell::number(
                address,
                *value,
                unit.map(|u| u.as_str().to_owned()),
                tok.text(self.text),
                tok.span,
                at,
            ),
            Class::Value(Lexeme::NotApplicable) => Cell::new(
                address,
                CellKind::NotApplicable,
                tok.text(self.text),
                tok.span,
                at,
            ),
            Class::Value(Lexeme::Masked) => {
                Cell::new(address, CellKind::Masked, tok.text(self.text), tok.span, at)
            }
            Class::Empty | Class::Value(Lexeme::Empty) => {
                Cell::new(address, CellKind::Blank, "", tok.span, at)
            }
            Class::Glued => match tok.text(self.text).parse::<rust_decimal::Decimal>() {
                Ok(v) => Cell::number(address, v, None, tok.text(self.text), tok.span, at),
                Err(_) => Cell::new(
                    address,
                    CellKind::Invalid,
                    tok.text(self.text),
                    tok.span,
                    at,
                ),
            },
            Class::Invalid | Class::Text | Class::Value(Lexeme::Text) => Cell::new(
                address,
                CellKind::Invalid,
                tok.text(self.text),
                tok.span,
                at,
            ),
        }
    }

    fn blank(&self, address: Address, span: Span) -> Cell {
        Cell::new(
            address,
            CellKind::Blank,
            "",
            span,
            self.position(span.start),
        )
    }
}

/// Reads the table of `kind` from `text[region]`. `year` and `sibling` (the template of a
/// table already read) decide when the text does not.
pub(crate) fn read_table(
    kind: TableKind,
    text: &str,
    region: Span,
    index: Positions<'_>,
    year: Option<i32>,
    sibling: Option<Template>,
    hints: &Hints<'_>,
) -> Option<TableRead> {
    let (mut tokens, mut layout) = tokens::tokenize(text, region);
    let continues = |a: &Norm, b: &Norm| {
        [Template::V2019, Template::V2021]
            .into_iter()
            .flat_map(|t| entries(kind, t))
            .any(|e| crate::text::continues(&e.pattern, a, b))
    };
    let wrapped = wrap::join_wrapped_labels(text, &mut tokens, &continues);
    for t in &mut tokens {
        let i = hints.loose.partition_point(|s| s.end < t.span.end);
        if hints
            .loose
            .get(i)
            .is_some_and(|s| s.start <= t.span.start && t.span.end <= s.end)
        {
            t.loose = true;
            t.ran_on = true;
            // values cut out of text that ran on: the separators were lost
            layout = Layout::Glued;
        }
    }
    let mut reader = Reader {
        text,
        index,
        diagnostics: Vec::new(),
        undecided: Vec::new(),
        collapsed: hints.collapsed,
        evidence: hints.collapsed,
        confirmed: hints.confirmed,
        short_rows: false,
        read_confirmed: hints.confirmed,
        reconstructed: Vec::new(),
        bare_rows: Vec::new(),
        labels: Vec::new(),
        filled: Vec::new(),
        last_at: std::cell::Cell::new((0, Position { line: 1, column: 1 })),
    };
    let (template, cells) = match kind {
        TableKind::Appeals => {
            let template = sibling
                .or(year.map(Template::for_year))
                .unwrap_or(Template::V2021);
            if reader.collapsed {
                // confirmed, as for the other tables, by fewer cells than the table's fifteen
                let cells = tokens
                    .iter()
                    .filter(|t| t.is_value_like() && !t.row_line)
                    .count();
                reader.short_rows = cells < Address::of_template(kind, template).count();
                reader.collapsed = reader.short_rows || reader.confirmed;
                reader.read_confirmed = reader.collapsed;
            }
            (template, read_appeals(&mut reader, &tokens)?)
        }
        _ => {
            let (template, decided) = detect_template(kind, &tokens, year);
            let cells = read_rows(&mut reader, kind, template, &tokens, region)?;
            if !decided {
                reader.diag(
                    DiagnosticKind::TemplateGuessed,
                    Span::empty(region.start),
                    Vec::new(),
                    format!(
                        "表{}的文字不足以判断其格式，按报告年度取{}年版",
                        table_numeral(kind),
                        template.as_str()
                    ),
                );
            }
            (template, cells)
        }
    };
    report_reconstructed(&mut reader, kind, region);
    let (parts, unplaced) = account(
        &reader,
        kind,
        region,
        (&tokens, &wrapped),
        &cells,
        hints.placed,
    );
    let mut table = Table {
        kind,
        template,
        layout,
        span: region,
        cells,
        parts,
    };
    table.sort();
    Some(TableRead {
        table,
        diagnostics: reader.diagnostics,
        short_rows: reader.short_rows,
        read_confirmed: reader.read_confirmed,
        unplaced,
    })
}

pub(crate) fn table_numeral(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Proactive => "二",
        TableKind::Requests => "三",
        TableKind::Appeals => "四",
    }
}

/// Decides the template of table 二 or 三 from its text (FORMAT.md §8.3). Returns whether the
/// text decided (`false`: the year did).
fn detect_template(kind: TableKind, tokens: &[Token<'_>], year: Option<i32>) -> (Template, bool) {
    let (markers_2021, markers_2019): (&[&str], &[&str]) = match kind {
        TableKind::Proactive => (
            &[
                "制发件数",
                "废止件数",
                "现行有效",
                "本年处理决定",
                "收费金额",
                "本年制发",
                "本年废止",
            ],
            &[
                "本年新",
                "新制作",
                "新公开",
                "对外公开总",
                "上一年项目",
                "增/减",
                "增减",
                "集中采购",
                "对外管理服务",
                "第(九)项",
                "采购项目",
                "采购总金额",
            ],
        ),
        _ => (&["逾期不补正", "收费通知", "缴纳费用", "不再处理"], &[]),
    };
    // the markers as characters, made once per process and table
    type Markers = [Vec<Vec<char>>; 2];
    static MARKERS: [std::sync::OnceLock<Markers>; 3] = [const { std::sync::OnceLock::new() }; 3];
    let [markers_2019, markers_2021] = MARKERS[kind as usize].get_or_init(|| {
        let chars = |words: &[&str]| words.iter().map(|w| w.chars().collect()).collect();
        [chars(markers_2019), chars(markers_2021)]
    });
    let mut counts = [0usize; 2];
    let texts = || tokens.iter().filter_map(|t| t.norm.as_ref());
    for text in texts() {
        counts[0] += markers_2019
            .iter()
            .filter(|m| text.contains_chars(m))
            .count();
        counts[1] += markers_2021
            .iter()
            .filter(|m| text.contains_chars(m))
            .count();
    }
    match kind {
        TableKind::Requests => {
            // The single （六）其他处理 row is the 2019 template; its three sub-rows the 2021 one.
            let has_other_row = texts().any(|t| t.contains("其他处理"));
            if counts[1] > 0 {
                (Template::V2021, true)
            } else if has_other_row {
                (Template::V2019, true)
            } else {
                (year.map_or(Template::V2021, Template::for_year), false)
            }
        }
        _ => match counts[0].cmp(&counts[1]) {
            std::cmp::Ordering::Greater => (Template::V2019, true),
            std::cmp::Ordering::Less => (Template::V2021, true),
            std::cmp::Ordering::Equal => (year.map_or(Template::V2021, Template::for_year), false),
        },
    }
}

/// A row of the template prepared for scoring.
struct Entry {
    row: Row,
    pattern: Pattern,
    numbering: Option<Numbering>,
    label_len: usize,
    /// The keywords, each with its [`Sketch`] set.
    keywords: Vec<(Vec<char>, u128)>,
    /// The label's numbering and first character after it (`1.属`), to find it inside a text.
    head: Vec<char>,
}

impl Entry {
    fn new(row: Row) -> Entry {
        let norm = Norm::new(row.label());
        let s = norm.as_string();
        Entry {
            row,
            pattern: Pattern::new(row.label()),
            numbering: lex::numbering(&s).map(|(n, _)| n),
            label_len: norm.visible(),
            keywords: row
                .def()
                .keywords
                .iter()
                .map(|k| {
                    let chars: Vec<char> = k.chars().collect();
                    let set = Sketch::set_of(&chars);
                    (chars, set)
                })
                .collect(),
            head: lex::numbering(&s)
                .map_or(Vec::new(), |(_, len)| s.chars().take(len + 1).collect()),
        }
    }

    /// How strongly `text` names this row, 0–1100.
    fn score(&self, text: &Candidate<'_>) -> u32 {
        let full = self.score_text(&text.norm, &text.sketch, text.numbering);
        match &text.stripped {
            Some((stripped, sketch)) => full.max(self.score_text(stripped, sketch, text.numbering)),
            None => full,
        }
    }

    fn score_text(&self, text: &Norm, sketch: &Sketch, numbering: Option<Numbering>) -> u32 {
        let visible = sketch.visible();
        if visible == 0 || visible > self.label_len * 3 + 12 {
            return 0;
        }
        // the LCS only when the characters the text shares with the label could reach the bar
        let mut score = 0;
        if sketch.may_match(&self.pattern, 600, 450) {
            let sim = self.pattern.similarity(text);
            if sim.precision >= 600 && sim.recall >= 450 {
                score = sim.f1();
            }
        }
        // a keyword raises a weak match to 700; no need to look when the match is better
        if score < 700
            && visible <= self.label_len * 2 + 8
            && self
                .keywords
                .iter()
                .any(|(k, set)| sketch.may_contain(*set) && text.contains_chars(k))
        {
            score = 700;
        }
        if score == 0 {
            return 0;
        }
        match (numbering, self.numbering) {
            (Some(a), Some(b)) if a == b => score + 100,
            // a group label glued before the row's own (`（三）不予公开1.属于国家秘密`)
            (Some(_), Some(_)) if self.own_number_inside(text) => score + 100,
            (Some(_), Some(_)) => score / 2,
            _ => score,
        }
    }
}

impl Entry {
    /// Whether [`Entry::score_text`] of a text with `sketch` can be above zero, given `shared`
    /// ([`Sketch::bound_reaches`]): the tests it makes before any LCS, so never false where the
    /// score is not zero. The definition [`Reach::mask`] answers for many entries at once (a
    /// test holds them to each other).
    #[cfg(test)]
    fn may_score(&self, sketch: &Sketch, shared: usize) -> bool {
        let visible = sketch.visible();
        if visible == 0 || visible > self.label_len * 3 + 12 {
            return false;
        }
        sketch.bound_reaches(shared, &self.pattern, 600, 450)
            || (visible <= self.label_len * 2 + 8
                && self
                    .keywords
                    .iter()
                    .any(|(_, set)| sketch.may_contain(*set)))
    }

    /// Whether `text` holds this row's numbering followed by its label's first character
    /// somewhere after its start.
    fn own_number_inside(&self, text: &Norm) -> bool {
        let Some(&first) = self.head.first() else {
            return false;
        };
        text.chars.len() > self.head.len()
            && text.chars[1..]
                .windows(self.head.len())
                .any(|w| w[0] == first && w == self.head.as_slice())
    }
}

/// For up to 64 entries, what tells which of them a text may score above zero
/// ([`Entry::may_score`]) for all of them at once.
struct Reach {
    /// Per bit of a [`Sketch`] set, the entries whose label has it.
    by_bit: [u64; 128],
    /// Each entry's keywords' sets, `(entry, set)`, grouped by the lowest bit of the set (a
    /// text without that bit holds none of them): the group of bit `b` is
    /// `keywords[keyword_from[b]..keyword_from[b + 1]]`.
    keywords: Vec<(usize, u128)>,
    keyword_from: [u16; 129],
    /// The lowest bits of the keywords' sets.
    keyword_bits: u128,
    /// The entries with a keyword whose set is empty (every text may contain it).
    keyword_always: u64,
    /// Per number of visible characters of a text, the entries whose label is long enough for
    /// it to score (`visible ≤ 3·label + 12`) and to pass by a keyword (`visible ≤ 2·label +
    /// 8`); past the end of the table, none.
    near: Vec<(u64, u64)>,
}

impl Reach {
    fn new(entries: &[Entry]) -> Reach {
        let mut by_bit = [0u64; 128];
        for (j, e) in entries.iter().enumerate().take(64) {
            let mut set = e.pattern.set_bits();
            while set != 0 {
                by_bit[set.trailing_zeros() as usize] |= 1 << j;
                set &= set - 1;
            }
        }
        type Keywords = Vec<(usize, u128)>;
        let (mut keywords, empty): (Keywords, Keywords) = entries
            .iter()
            .enumerate()
            .take(64)
            .flat_map(|(j, e)| e.keywords.iter().map(move |(_, set)| (j, *set)))
            .partition(|&(_, set)| set != 0);
        let keyword_always = empty.iter().fold(0u64, |m, &(j, _)| m | 1 << j);
        // (a stable sort: each group keeps the entries' order)
        keywords.sort_by_key(|&(_, set)| set.trailing_zeros());
        let mut keyword_from = [0u16; 129];
        let mut keyword_bits = 0u128;
        for (b, from) in keyword_from.iter_mut().enumerate() {
            *from =
                keywords.partition_point(|&(_, set)| (set.trailing_zeros() as usize) < b) as u16;
        }
        for &(_, set) in &keywords {
            keyword_bits |= 1 << set.trailing_zeros();
        }
        let longest = entries
            .iter()
            .take(64)
            .map(|e| e.label_len)
            .max()
            .unwrap_or(0);
        let near = (0..=longest * 3 + 12)
            .map(|visible| {
                let (mut scores, mut keyword) = (0u64, 0u64);
                for (j, e) in entries.iter().enumerate().take(64) {
                    scores |= u64::from(visible <= e.label_len * 3 + 12) << j;
                    keyword |= u64::from(visible <= e.label_len * 2 + 8) << j;
                }
                (scores, keyword)
            })
            .collect();
        Reach {
            by_bit,
            keywords,
            keyword_from,
            keyword_bits,
            keyword_always,
            near,
        }
    }

    /// The entries `e` (bit `j` for `entries[j]`) for which `e.may_score(sketch, …)` holds:
    /// those sharing no character with the text can only pass by a keyword.
    fn mask(&self, entries: &[Entry], sketch: &Sketch, shared: &mut [usize; 64]) -> u64 {
        let visible = sketch.visible();
        if visible == 0 {
            return 0;
        }
        // the entries whose label is long enough for the text, told at once
        let Some(&(long_enough, keyword_near)) = self.near.get(visible) else {
            return 0;
        };
        let mut mask = 0u64;
        let mut touched = sketch.shared_counts(&self.by_bit, shared) & long_enough;
        while touched != 0 {
            let j = touched.trailing_zeros() as usize;
            touched &= touched - 1;
            if sketch.bound_reaches(shared[j], &entries[j].pattern, 600, 450) {
                mask |= 1 << j;
            }
        }
        // entries that may still pass by a keyword: only the keywords whose lowest bit the
        // text has are looked at
        let open = keyword_near & !mask;
        mask |= open & self.keyword_always;
        if open != 0 {
            let mut bits = sketch.all_bits() & self.keyword_bits;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let group =
                    usize::from(self.keyword_from[b])..usize::from(self.keyword_from[b + 1]);
                for &(j, set) in &self.keywords[group] {
                    if open >> j & 1 == 1 && sketch.may_contain(set) {
                        mask |= 1 << j;
                    }
                }
            }
        }
        mask
    }
}

/// The rows of `table` in `template`, prepared for scoring once per process.
fn entries(table: TableKind, template: Template) -> &'static [Entry] {
    use std::sync::OnceLock;
    static CACHE: [OnceLock<Vec<Entry>>; 6] = [const { OnceLock::new() }; 6];
    let slot = table as usize * 2 + template as usize;
    CACHE[slot].get_or_init(|| Row::sequence(table, template).map(Entry::new).collect())
}

/// The [`Reach`] of [`entries`]`(table, template)`, made once per process; `None` past 64
/// entries (every entry is then scored).
fn reach(table: TableKind, template: Template) -> Option<&'static Reach> {
    use std::sync::OnceLock;
    static CACHE: [OnceLock<Option<Reach>>; 6] = [const { OnceLock::new() }; 6];
    let slot = table as usize * 2 + template as usize;
    CACHE[slot]
        .get_or_init(|| {
            let entries = entries(table, template);
            (entries.len() <= 64).then(|| Reach::new(entries))
        })
        .as_ref()
}

/// A text that may name a row, prepared once for scoring against every row.
struct Candidate<'a> {
    /// The token's own text, borrowed; a label broken over two tokens, joined.
    norm: Cow<'a, Norm>,
    sketch: Sketch,
    /// The text without its parenthesised annotations, if it has any.
    stripped: Option<(Norm, Sketch)>,
    numbering: Option<Numbering>,
}

impl<'a> Candidate<'a> {
    fn new(norm: Cow<'a, Norm>) -> Candidate<'a> {
        let numbering = numbering_of(&norm);
        let sketch = Sketch::new(&*norm);
        Candidate::with(norm, sketch, numbering)
    }

    /// The candidate of a label broken over two tokens, `first` then `second`: their texts
    /// joined, with what `first`'s candidate already knows taken over where it holds for the
    /// whole (the numbering, decided within the first [`NUMBERING_DECIDED`] characters; the
    /// sketch, the union of both halves' when every character of both is compared).
    fn pair(first: &Candidate<'_>, second: &Candidate<'_>) -> Candidate<'static> {
        let norm = Norm::concat(&first.norm, &second.norm);
        let numbering = if first.norm.chars.len() >= NUMBERING_DECIDED {
            first.numbering
        } else {
            numbering_of(&norm)
        };
        let sketch = first
            .sketch
            .joined(&second.sketch)
            .unwrap_or_else(|| Sketch::new(&norm));
        Candidate::with(Cow::Owned(norm), sketch, numbering)
    }

    fn with(norm: Cow<'a, Norm>, sketch: Sketch, numbering: Option<Numbering>) -> Candidate<'a> {
        Candidate {
            stripped: norm.without_annotations().map(|s| {
                let sketch = Sketch::new(&s);
                (s, sketch)
            }),
            sketch,
            norm,
            numbering,
        }
    }
}

/// Every numbering [`lex::numbering`] reads is decided within a text's first characters: a
/// bracket, at most three numerals (a longer run fails, however long) or two digits, a closing
/// bracket or a separator, and the one character after a digit's separator it looks at. Two
/// texts that share their first `NUMBERING_DECIDED` characters have the same numbering
/// (`numbering_decided_within_the_first_characters` checks it).
const NUMBERING_DECIDED: usize = 6;

/// The numbering a normalised text opens with, read from its first [`NUMBERING_DECIDED`]
/// characters on the stack (every numbering is decided within them; a longer run of numerals
/// fails either way).
fn numbering_of(norm: &Norm) -> Option<Numbering> {
    // every numbering opens with a bracket, a Chinese numeral or a digit
    let first = *norm.chars.first()?;
    if !(first == '(' || first.is_ascii_digit() || lex::is_chinese_numeral(first)) {
        return None;
    }
    let mut buf = [0u8; 4 * NUMBERING_DECIDED];
    let mut len = 0;
    for &c in norm.chars.iter().take(NUMBERING_DECIDED) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let prefix = std::str::from_utf8(&buf[..len]).ok()?;
    lex::numbering(prefix).map(|(n, _)| n)
}

/// The label tokens of the stream chosen for each entry: `matches[j] = Some((first, last))`,
/// token indexes into the stream.
fn align(
    entries: &[Entry],
    reach: Option<&Reach>,
    tokens: &[Token<'_>],
) -> Vec<Option<(usize, usize)>> {
    let labels: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].class == Class::Text)
        .collect();
    let (k, m) = (labels.len(), entries.len());
    let width = m + 1;
    // the best scores of rows i, i + 1 and i + 2 of the table (rolling: memory O(m)); the
    // choices of every row, for the way back (one byte per label and entry)
    let (mut here, mut next, mut after) = (vec![0u32; width], vec![0u32; width], vec![0u32; width]);
    let mut choice = vec![0u8; (k + 1) * width];
    let norm = |i: usize| tokens[labels[i]].norm.as_ref();
    // which entries each candidate may score above zero, told for all entries at once (up to
    // 64; past that, every entry is scored)
    // (made once per process, for the template's entries)
    debug_assert_eq!(reach.is_some(), m <= 64);
    let mut shared = [0usize; 64];
    let mut possible = |c: Option<&Candidate<'_>>| -> u64 {
        let Some(c) = c else {
            return 0;
        };
        let Some(reach) = &reach else {
            return u64::MAX;
        };
        reach.mask(entries, &c.sketch, &mut shared)
            | c.stripped
                .as_ref()
                .map_or(0, |(_, s)| reach.mask(entries, s, &mut shared))
    };
    let may = |mask: u64, j: usize| j >= 64 || mask >> j & 1 == 1;
    // the candidate of the label after this one (made in the step before: labels are walked
    // from the last)
    let mut later: Option<Candidate<'_>> = None;
    for i in (0..=k).rev() {
        // the candidates of this label, made when it is reached (memory O(1), not O(labels))
        let single = (i < k)
            .then(|| norm(i).map(|n| Candidate::new(Cow::Borrowed(n))))
            .flatten();
        // a label broken over two tokens (lines or cells) in a row
        let pair = match (&single, &later) {
            (Some(first), Some(second)) if labels[i + 1] == labels[i] + 1 => {
                Some(Candidate::pair(first, second))
            }
            _ => None,
        };
        let later_single = single;
        let (single, pair) = (later_single.as_ref(), pair.as_ref());
        let (single_may, pair_may) = (possible(single), possible(pair));
        // the rows of labels i + 1 and i + 2 are those made in the two steps before; row i
        // takes the place of i + 3's (every entry of it is written below)
        std::mem::swap(&mut after, &mut next);
        std::mem::swap(&mut next, &mut here);
        let choices = &mut choice[i * width..(i + 1) * width];
        // the rows the label or the pair may score against, told at once; every other row
        // only carries the better of passing over the label or the row
        let scoring = single.map_or(0, |_| single_may) | pair.map_or(0, |_| pair_may);
        let any = single.is_some() || pair.is_some();
        for j in (0..=m).rev() {
            if !(any && j < m && may(scoring, j)) {
                // passing over the label (preferred on a tie) or over the entry
                let (value, pick) = match (i < k, j < m) {
                    (true, true) if here[j + 1] > next[j] => (here[j + 1], 2),
                    (true, _) => (next[j], 1),
                    (false, true) => (here[j + 1], 2),
                    (false, false) => (0, 0),
                };
                here[j] = value;
                choices[j] = pick;
                continue;
            }
            // Candidates in order of preference; a later one wins only when strictly better.
            let mut value = 0;
            let mut pick = 0u8;
            let mut consider = |v: u32, p: u8| {
                if pick == 0 || v > value {
                    value = v;
                    pick = p;
                }
            };
            let e = &entries[j];
            if let Some(n) = single
                && may(single_may, j)
            {
                let s = e.score(n);
                if s >= MIN_SCORE {
                    consider(s + next[j + 1], 3);
                }
            }
            if let Some(p) = pair
                && may(pair_may, j)
            {
                let s = e.score(p);
                if s >= MIN_SCORE {
                    consider(s + after[j + 1], 4);
                }
            }
            if i < k {
                consider(next[j], 1);
            }
            consider(here[j + 1], 2);
            here[j] = value;
            choices[j] = pick;
        }
        later = later_single;
    }
    let mut matches = vec![None; m];
    let (mut i, mut j) = (0, 0);
    while i < k || j < m {
        match choice[i * width + j] {
            1 => i += 1,
            2 => j += 1,
            3 => {
                matches[j] = Some((labels[i], labels[i]));
                i += 1;
                j += 1;
            }
            4 => {
                matches[j] = Some((labels[i], labels[i + 1]));
                i += 2;
                j += 1;
            }
            _ => break,
        }
    }
    matches
}

/// Reads the rows of table 二 or 三.
fn read_rows(
    reader: &mut Reader<'_>,
    kind: TableKind,
    template: Template,
    tokens: &[Token<'_>],
    region: Span,
) -> Option<Vec<Cell>> {
    let entries = entries(kind, template);
    let matches = align(entries, reach(kind, template), tokens);
    if !matches
        .iter()
        .zip(entries)
        .any(|(m, e)| m.is_some() && !e.row.is_group())
    {
        return None;
    }
    // room for a cell of every address of the template, made once (a cell is large: growing
    // the vector by doubling copied them again and again)
    let mut cells = Vec::with_capacity(Address::of_template(kind, template).count());
    let mut used = vec![false; tokens.len()];
    let starts: Vec<(usize, usize)> = matches
        .iter()
        .enumerate()
        .filter_map(|(j, m)| m.map(|(a, _)| (a, j)))
        .collect();
    let by_order = values_by_order(tokens, entries, &matches);
    // each entry's row fields (where they stand in `flat`, and whether read from both ends),
    // made once here; none for groups and rows not found
    let mut flat: Vec<usize> = Vec::with_capacity(tokens.len());
    let fields: Vec<Option<(std::ops::Range<usize>, bool)>> = entries
        .iter()
        .enumerate()
        .map(|(j, e)| {
            if e.row.is_group() {
                return None;
            }
            let (_, last) = matches[j]?;
            let next = starts
                .iter()
                .find(|&&(a, _)| a > last)
                .map_or(tokens.len(), |&(a, _)| a);
            let start = flat.len();
            let two_ended = match by_order.iter().find(|(row, _)| *row == j) {
                Some((_, line)) => {
                    flat.extend_from_slice(line);
                    true
                }
                None => row_fields(tokens, last, next, &mut flat),
            };
            Some((start..flat.len(), two_ended))
        })
        .collect();
    let fields_of = |j: usize| {
        fields[j]
            .as_ref()
            .map(|(range, two_ended)| (&flat[range.clone()], *two_ended))
    };
    // A text without repeated neighbouring lines may only have few repeated values: it shows a
    // crawler's dropped lines when a row, too, is short of cells (values and blanks counted),
    // in this table or another one of the document.
    if reader.collapsed {
        reader.short_rows = (0..entries.len()).any(|j| {
            let Some((field, _)) = fields_of(j) else {
                return false;
            };
            !field.is_empty()
                && field.len() < entries[j].row.cells(template).count()
                && field.iter().all(|&i| !tokens[i].row_line)
        });
        reader.collapsed = reader.short_rows || reader.confirmed;
        reader.read_confirmed = reader.collapsed;
    }
    let mut missing = Vec::new();
    // one buffer for every row's addresses
    let mut addresses: Vec<Address> = Vec::new();
    for (j, entry) in entries.iter().enumerate() {
        let Some((first, last)) = matches[j] else {
            if !entry.row.is_group() {
                missing.push(entry.row);
            }
            continue;
        };
        for u in &mut used[first..=last] {
            *u = true;
        }
        reader.labels.extend(
            tokens[first..=last]
                .iter()
                .filter(|t| t.class == Class::Text)
                .map(|t| t.span),
        );
        if entry.row.is_group() {
            continue;
        }
        let next = starts
            .iter()
            .find(|&&(a, _)| a > last)
            .map_or(tokens.len(), |&(a, _)| a);
        addresses.clear();
        addresses.extend(entry.row.cells(template));
        // every row with a label has its fields
        let Some((field, two_ended)) = fields_of(j) else {
            continue;
        };
        for &f in field {
            used[f] = true;
        }
        let label_end = Span::empty(tokens[last].span.end);
        // a label that ends the text (a report cut short) has no cells; one that ends a table
        // with the next section after it is a row whose cells are empty
        let at_end =
            next == tokens.len() && field.is_empty() && reader.text[region.end..].trim().is_empty();
        // the number the next row's label starts with, which glued digits may have swallowed
        let next_number = entries[j + 1..]
            .iter()
            .zip(&matches[j + 1..])
            .find(|(_, m)| m.is_some())
            .and_then(|(e, _)| match e.numbering {
                Some(Numbering::Arabic(k)) => Some(k),
                _ => None,
            });
        place_row(
            reader,
            &addresses,
            tokens,
            field,
            two_ended,
            label_end,
            at_end,
            next_number,
            &mut cells,
        );
    }
    if kind == TableKind::Requests {
        decide_by_columns(reader, template, &mut cells);
    }
    stray_values(reader, kind, tokens, &used);
    if kind == TableKind::Requests && !read_clean(reader) {
        read_by_order(reader, kind, template, tokens, &mut cells);
    }
    detached_rows(reader, kind, &mut cells);
    if !missing.is_empty() {
        let labels: Vec<&str> = missing.iter().map(|r| r.label()).collect();
        let cells_missing: Vec<Address> = missing.iter().flat_map(|r| r.cells(template)).collect();
        let end = tokens.last().map_or(region.end, |t| t.span.end);
        reader.diag(
            DiagnosticKind::MissingRow,
            Span::empty(end),
            cells_missing,
            format!(
                "表{}（{}年版）未找到{}行：{}",
                table_numeral(kind),
                template.as_str(),
                missing.len(),
                labels.join("；")
            ),
        );
    }
    Some(cells)
}

/// Rows of values standing on lines of their own, as PDF table extractors write them: a row's
/// values on one line, its label above, below, or split around them. When the rows whose
/// label lines carry no values are exactly as many as such value lines, order decides: the
/// k-th such row takes the k-th line. Returns `(entry index, value fields)`; empty when the
/// counts differ or the table has no such lines (every other layout).
fn values_by_order(
    tokens: &[Token<'_>],
    entries: &[Entry],
    matches: &[Option<(usize, usize)>],
) -> Vec<(usize, Vec<usize>)> {
    // lines of values only, two or more of them filled
    let lines: Vec<Vec<usize>> = line_ranges(tokens)
        .into_iter()
        .filter(|&(i, end)| {
            (i..end).all(|t| tokens[t].is_value_like())
                && (i..end).filter(|&t| tokens[t].is_filled()).count() >= 2
        })
        .map(|(i, end)| (i..end).collect())
        .collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let label_only: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(j, e)| !e.row.is_group() && matches[*j].is_some())
        .filter(|(j, _)| {
            let (_, last) = matches[*j].unwrap_or((0, 0));
            !(last + 1..tokens.len())
                .take_while(|&t| tokens[t].line == tokens[last].line)
                .any(|t| tokens[t].is_filled())
        })
        .map(|(j, _)| j)
        .collect();
    if label_only.len() != lines.len() {
        return Vec::new();
    }
    label_only.into_iter().zip(lines).collect()
}

/// The value fields of the row whose label ends at token `last`, up to token `next`. When the
/// label's line carries values (a row per line) the row is that line; otherwise it is the
/// stream of cells that follows. Appends the fields to `out` (one buffer for a table's rows);
/// returns whether empty fields at both ends may be merged-cell placeholders (row lines) or only
/// at the end (one cell per line).
fn row_fields(tokens: &[Token<'_>], last: usize, next: usize, out: &mut Vec<usize>) -> bool {
    let label = &tokens[last];
    let start = out.len();
    out.extend(
        (last + 1..next)
            .take_while(|&i| tokens[i].line == label.line)
            .filter(|&i| tokens[i].is_value_like()),
    );
    if label.row_line && out[start..].iter().any(|&i| tokens[i].is_filled()) {
        // Fields before the first value that are empty still count: they may be blank cells.
        return true;
    }
    out.truncate(start);
    out.extend((last + 1..next).filter(|&i| tokens[i].is_value_like()));
    false
}

/// How a row's fields map onto its cells.
enum Placement {
    /// Field `start + i` is cell `i`.
    Cells(usize),
    /// The row holds only this one placeholder (a `/` for the whole row).
    Whole(usize),
    /// Nothing in any cell.
    AllBlank(Option<usize>),
    /// Values that cannot be placed (the filled fields).
    Ambiguous(DiagnosticKind),
    /// No cell at all: the text ends at the label.
    Absent,
}

fn placement(
    tokens: &[Token<'_>],
    field: &[usize],
    filled: &[usize],
    n: usize,
    two_ended: bool,
    at_end: bool,
) -> Placement {
    let is_empty = |i: &usize| !tokens[*i].is_filled();
    if field.is_empty() {
        return if at_end {
            Placement::Absent
        } else {
            Placement::AllBlank(None)
        };
    }
    if filled.is_empty() {
        // Blank cells, each at its own empty field when there are enough of them.
        return if field.len() >= n {
            Placement::Cells(0)
        } else {
            Placement::AllBlank(field.first().copied())
        };
    }
    if field.len() == n {
        return Placement::Cells(0);
    }
    if field.len() > n {
        let d = field.len() - n;
        let lead = field.iter().take_while(|i| is_empty(i)).count();
        let trail = field.iter().rev().take_while(|i| is_empty(i)).count();
        if !two_ended {
            return if trail >= d {
                Placement::Cells(0)
            } else {
                Placement::Ambiguous(DiagnosticKind::ExtraValues)
            };
        }
        let lo = d.saturating_sub(trail);
        let hi = d.min(lead);
        return match hi.checked_sub(lo) {
            Some(0) => Placement::Cells(lo),
            Some(_) => Placement::Ambiguous(DiagnosticKind::AmbiguousRow),
            None => Placement::Ambiguous(DiagnosticKind::ExtraValues),
        };
    }
    if let &[only] = filled
        && let Class::Value(Lexeme::NotApplicable | Lexeme::Masked) = tokens[only].class
    {
        return Placement::Whole(only);
    }
    Placement::Ambiguous(DiagnosticKind::AmbiguousRow)
}

#[allow(clippy::too_many_arguments)]
fn place_row(
    reader: &mut Reader<'_>,
    addresses: &[Address],
    tokens: &[Token<'_>],
    field: &[usize],
    two_ended: bool,
    label_end: Span,
    at_end: bool,
    next_number: Option<u32>,
    out: &mut Vec<Cell>,
) {
    let n = addresses.len();
    // the filled fields, in the reader's buffer (given back at the end)
    let mut filled = std::mem::take(&mut reader.filled);
    filled.clear();
    filled.extend(field.iter().copied().filter(|&i| tokens[i].is_filled()));
    if !(n > 1 && place_readings(reader, addresses, tokens, field, &filled, next_number, out)) {
        place_fields(
            reader, addresses, tokens, field, &filled, two_ended, label_end, at_end, out,
        );
    }
    reader.filled = filled;
}

/// [`place_row`] when no reading decided: the fields placed by their count and the row's
/// placeholders.
#[allow(clippy::too_many_arguments)]
fn place_fields(
    reader: &mut Reader<'_>,
    addresses: &[Address],
    tokens: &[Token<'_>],
    field: &[usize],
    filled: &[usize],
    two_ended: bool,
    label_end: Span,
    at_end: bool,
    out: &mut Vec<Cell>,
) {
    let n = addresses.len();
    match placement(tokens, field, filled, n, two_ended, at_end) {
        Placement::Cells(start) => {
            for (&a, &i) in addresses.iter().zip(&field[start..]) {
                let cell = reader.cell(a, &tokens[i]);
                if cell.kind == CellKind::Invalid {
                    reader.diag(
                        DiagnosticKind::InvalidCell,
                        cell.span,
                        vec![a],
                        format!("单元格「{}」不是数值：`{}`", describe(a), cell.raw),
                    );
                }
                out.push(cell);
            }
        }
        Placement::Whole(i) => {
            for &a in addresses {
                out.push(reader.cell(a, &tokens[i]));
            }
        }
        Placement::AllBlank(first) => {
            let span = first.map_or(label_end, |i| tokens[i].span);
            for &a in addresses {
                out.push(reader.blank(a, span));
            }
            if first.is_none() {
                reader.bare_rows.push(addresses.to_vec());
            }
        }
        Placement::Absent => {}
        Placement::Ambiguous(why) => {
            let raws: Vec<&str> = filled
                .iter()
                .map(|&i| tokens[i].text(reader.text))
                .collect();
            let raw = raws.join(" ");
            let span = filled
                .iter()
                .map(|&i| tokens[i].span)
                .reduce(Span::join)
                .unwrap_or(label_end);
            let at = reader.position(span.start);
            for &a in addresses {
                out.push(Cell::new(a, CellKind::Ambiguous, raw.clone(), span, at));
            }
            let columns: Vec<&str> = addresses.iter().map(|a| a.column_label()).collect();
            let row = addresses.first().map_or("", |a| a.row_label());
            let message = match why {
                DiagnosticKind::ExtraValues => format!(
                    "「{row}」一行有{}个值，多于{}列（{}）：`{raw}`，无法确定各值所属的单元格",
                    raws.len(),
                    n,
                    columns.join("、")
                ),
                _ => format!(
                    "「{row}」一行的值 `{raw}` 无法确定属于哪一列：{}个值对应{}列（{}）",
                    raws.len(),
                    n,
                    columns.join("、")
                ),
            };
            reader.diag(why, span, addresses.to_vec(), message);
        }
    }
}

fn describe(a: Address) -> String {
    format!("{} × {}", a.row_label(), a.column_label())
}

/// Whether a token is a whole number written in ASCII digits only (`12`, a glued run), the kind
/// of token whose separators a text can lose.
fn is_digits(tok: &Token<'_>, document: &str) -> bool {
    let text = document.get(tok.span.start..tok.span.end).unwrap_or("");
    matches!(
        tok.class,
        Class::Glued | Class::Value(Lexeme::Number { unit: None, .. })
    ) && !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
}

/// The constraint the template puts on one row's cells.
fn row_constraint(addresses: &[Address]) -> Constraint {
    match addresses.first().map(|a| a.table()) {
        Some(TableKind::Requests) => Constraint::BlockTotals { size: 7 },
        Some(TableKind::Appeals) => Constraint::BlockTotals { size: 5 },
        _ => Constraint::None,
    }
}

/// Reads a row whose values are not one token per cell but could be, under the ways texts lose
/// their structure: digits whose separators were lost or whose spaces lie (`1 0 0 0 0 01`,
/// `291000030`, a value broken over two lines), or a crawler's dropped repeated lines (`2` `0`
/// `2` for 2,0,0,0,0,0,2). Each way gives readings; the row's own totals keep those that fit.
/// One reading left: its cells are placed. Several: the cells are ambiguous and the row waits
/// for the column equations. Returns `false` when the row is not of that kind (the caller reads
/// it as printed).
#[allow(clippy::too_many_arguments)]
fn place_readings(
    reader: &mut Reader<'_>,
    addresses: &[Address],
    tokens: &[Token<'_>],
    field: &[usize],
    filled: &[usize],
    next_number: Option<u32>,
    out: &mut Vec<Cell>,
) -> bool {
    let n = addresses.len();
    if filled.is_empty() || !filled.iter().all(|&i| is_digits(&tokens[i], reader.text)) {
        return false;
    }
    let glued = filled.iter().any(|&i| tokens[i].class == Class::Glued);
    let blanks = field.len() != filled.len();
    // fewer values than cells, one per line, in a text that dropped repeated lines: which cells
    // the dropped values filled is unknown, in cells of their own or not, blank cells or not
    // Confirmed (a row short of cells), any such row; suggested by the text alone, a row whose
    // blank cells all follow its values (a closing `||`, or a dropped value's place) with no
    // field to spare: an expansion its equations confirm replaces the reading as printed, and a
    // row without equations (table 二) cannot be read (its blank may be a dropped repeat).
    let one_per_line = filled.iter().all(|&i| !tokens[i].row_line);
    let last_filled = filled.last().copied().unwrap_or(0);
    // no blank between the values, and right after them nothing or a row's closing bars
    // (`||`), which a dropped value leaves as they are; a blank cell of its own (`|`, a tab)
    // right after the values pins them, and the row reads as printed
    // (blanks before the first value are separators when the field starts at a header's
    // closing `||`, as table 四's does: that and the values' opening `|`)
    let first_filled = filled.first().copied().unwrap_or(0);
    let opens_after_bars = field
        .first()
        .is_some_and(|&i| !tokens[i].is_filled() && closing_bars(reader.text, tokens[i].span));
    let inner_blank = field.iter().any(|&i| {
        i < last_filled && !tokens[i].is_filled() && !(opens_after_bars && i < first_filled)
    });
    let after = field.iter().find(|&&i| i > last_filled);
    let blanks_trail =
        !inner_blank && after.is_none_or(|&i| closing_bars(reader.text, tokens[i].span));
    let collapsible = one_per_line
        && !glued
        && filled.len() < n
        && (reader.collapsed || (reader.evidence && blanks_trail));
    if (blanks || filled.iter().any(|&i| tokens[i].boxed)) && !collapsible {
        return false;
    }
    // digits may be cut only where separators may have been lost; values one per line may only
    // be joined (a value broken over two lines)
    let loose = filled.iter().all(|&i| tokens[i].loose);
    let constraint = row_constraint(addresses);
    // One token per cell reads as printed, balanced or not: the report's own arithmetic is for
    // the rules to check, not for the reader to repair.
    if filled.len() == n && !glued {
        return false;
    }
    // the digits of the row, each with its place in the source
    let mut digits = String::new();
    let mut offsets: Vec<usize> = Vec::new();
    let mut cuts: Vec<bool> = Vec::new();
    for &i in filled {
        let t = &tokens[i];
        let text = t.text(reader.text);
        digits.push_str(text);
        offsets.extend((0..text.len()).map(|k| t.span.start + k));
        cuts.extend((0..text.len()).map(|k| k == 0));
    }
    // the next row's own number stuck to the end of a glued run is given back
    let last = filled[filled.len() - 1];
    let numbered_next = tokens
        .get(last + 1)
        .is_some_and(|t| t.text(reader.text).starts_with(['.', '、', '．']));
    if tokens[last].class == Class::Glued
        && numbered_next
        && let Some(k) = next_number.map(|k| k.to_string())
        && digits.ends_with(&k)
        && digits.len() > k.len()
    {
        digits.truncate(digits.len() - k.len());
        offsets.truncate(digits.len());
    }
    let piece = |s: usize, e: usize| {
        let span = Span::new(offsets[s], offsets[e - 1] + 1);
        Piece {
            value: digits[s..e].parse().unwrap_or_default(),
            span,
            raw: reader.text[span.start..span.end].into(),
        }
    };
    let mut how = HOW_SPLIT;
    let mut readings: Vec<Vec<Piece>> = Vec::new();
    let mut more = false;
    let allowed = (!loose).then_some(cuts.as_slice());
    match glue::split_at(&digits, n, constraint, allowed) {
        Split::One(ranges) => readings.push(ranges.iter().map(|&(s, e)| piece(s, e)).collect()),
        Split::Many {
            ranges, more: m, ..
        } => {
            more = m;
            readings = ranges
                .iter()
                .map(|r| r.iter().map(|&(s, e)| piece(s, e)).collect())
                .collect();
        }
        Split::None => {}
    }
    if readings.is_empty() && collapsible {
        // values of at most MAX_DIGITS digits (a longer one is no count of these tables, and
        // must not be read as anything else)
        let values: Option<Vec<(u64, &Token<'_>, &str)>> = filled
            .iter()
            .map(|&i| {
                let t = &tokens[i];
                let text = t.text(reader.text);
                (text.len() <= glue::MAX_DIGITS)
                    .then(|| text.parse().ok())
                    .flatten()
                    .map(|v| (v, t, text))
            })
            .collect();
        if let Some(found) = values.and_then(|v| expansions(&v, n, constraint)) {
            // equations met only by repeating values: the collapse is confirmed
            reader.short_rows |= !found.0.is_empty();
            how = HOW_COLLAPSED;
            (readings, more) = found;
        }
    }
    let raw: String = filled
        .iter()
        .map(|&i| tokens[i].text(reader.text))
        .collect::<Vec<_>>()
        .join(" ");
    let span = filled
        .iter()
        .map(|&i| tokens[i].span)
        .reduce(Span::join)
        .unwrap_or(Span::empty(0));
    let row = addresses.first().map_or("", |a| a.row_label());
    let why = match readings.len() {
        0 if (glued || filled.len() > n) && constraint == Constraint::None => format!(
            "「{row}」一行的数字 `{}` 多于该行的{n}列，无法确定各值所属的单元格，未放入任何单元格",
            clip(&raw, 64)
        ),
        0 if glued || filled.len() > n => format!(
            "「{row}」一行的数字 `{}` 无论怎样拆分都不满足该行的合计关系，未放入任何单元格",
            clip(&raw, 64)
        ),
        // no equation to expand by: which cell was repeated is unknown, as printed or not
        0 if collapsible && (reader.collapsed || constraint == Constraint::None) => format!(
            "「{row}」一行只有{}个数值 `{}`，少于该行的{n}列；本文相邻的相同行似已被删除（爬取时只留一行），无法确定各值所属的单元格，未放入任何单元格",
            filled.len(),
            clip(&raw, 64)
        ),
        0 => return false,
        1 if !more => {
            let reading = readings.pop().unwrap_or_default();
            let printed = reading.len() == filled.len()
                && reading
                    .iter()
                    .zip(filled)
                    .all(|(p, &i)| p.span == tokens[i].span);
            place_pieces(reader, addresses, &reading, out);
            if !printed {
                reader.reconstructed.push((addresses.to_vec(), how));
            }
            return true;
        }
        _ => {
            // the readings that keep every space of the text as a cell boundary
            let starts: Vec<usize> = filled[1..].iter().map(|&i| tokens[i].span.start).collect();
            let respecting: Vec<usize> = (0..readings.len())
                .filter(|&r| {
                    starts
                        .iter()
                        .all(|s| readings[r].iter().any(|p| p.span.start == *s))
                })
                .collect();
            let spaced = match respecting[..] {
                [one] if !more && filled.len() > 1 => Some(one),
                _ => None,
            };
            let kind = addresses.first().map(|a| a.table());
            if let Some(one) = spaced
                && kind != Some(TableKind::Requests)
            {
                // no column equations to ask: the spaces decide
                place_pieces(reader, addresses, &readings[one], out);
                reader.reconstructed.push((addresses.to_vec(), HOW_SPACES));
                return true;
            }
            let shown: Vec<String> = readings
                .iter()
                .take(8)
                .map(|r| {
                    r.iter()
                        .map(|p| p.value.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect();
            let message = format!(
                "「{row}」一行的数字 `{}` 有{}种读法{}：{}{}，无法确定，未放入任何单元格",
                clip(&raw, 64),
                if more {
                    format!("{}种以上", readings.len())
                } else {
                    readings.len().to_string()
                },
                if constraint == Constraint::None {
                    ""
                } else {
                    "都满足该行的合计关系"
                },
                shown.join("；"),
                if more || readings.len() > 8 {
                    "……"
                } else {
                    ""
                }
            );
            if !more {
                reader.undecided.push(Undecided {
                    addresses: addresses.to_vec(),
                    candidates: readings,
                    spaced,
                    diagnostic: reader.diagnostics.len(),
                });
            }
            message
        }
    };
    let at = reader.position(span.start);
    for &a in addresses {
        out.push(Cell::new(a, CellKind::Ambiguous, clip(&raw, 64), span, at));
    }
    reader.diag(DiagnosticKind::AmbiguousRow, span, addresses.to_vec(), why);
    true
}

/// Places the cells of one reading.
fn place_pieces(
    reader: &Reader<'_>,
    addresses: &[Address],
    reading: &[Piece],
    out: &mut Vec<Cell>,
) {
    for (&a, p) in addresses.iter().zip(reading) {
        let at = reader.position(p.span.start);
        out.push(Cell::number(
            a,
            rust_decimal::Decimal::from(p.value),
            None,
            p.raw.clone(),
            p.span,
            at,
        ));
    }
}

/// Pieces of a table's text reported one by one; past them, one [`Unplaced`] covers the rest.
const MAX_UNPLACED: usize = 1000;

/// Accounts for every non-blank character of the table's text: each is in a cell, a row label,
/// a header, a page number, a span a diagnostic quotes or a span of `placed` (sub-headings), or
/// it is returned as unplaced. `wrapped` holds the pieces of wrapped labels joined to a label
/// or header (its span, theirs), which count as what they joined. Time O(n log n) in the
/// tokens.
fn account(
    reader: &Reader<'_>,
    kind: TableKind,
    region: Span,
    (tokens, wrapped): (&[Token<'_>], &[(Span, Span)]),
    cells: &[Cell],
    placed: &[Span],
) -> (Vec<Part>, Vec<Unplaced>) {
    let text = reader.text;
    let mut parts: Vec<Part> = reader
        .labels
        .iter()
        .map(|&span| Part {
            kind: PartKind::RowLabel,
            span,
        })
        .collect();
    // a bit per byte of the table's text: what is covered
    let mut marks = Marks::new(region);
    for span in cells
        .iter()
        .map(|c| c.span)
        .chain(reader.diagnostics.iter().map(|d| d.span))
        .chain(reader.labels.iter().copied())
        .chain(placed.iter().copied())
    {
        marks.mark(span);
    }
    // text tokens nothing covers that are headers of the template, alone or (a header broken
    // over lines: `第二十条第（` `一` `）` `项`) with the uncovered text tokens next to them
    let loose = |t: &Token<'_>| !t.span.is_empty() && !marks.covers(t.span);
    let mut i = 0;
    while i < tokens.len() {
        if !loose(&tokens[i]) {
            i += 1;
            continue;
        }
        let run = tokens[i..].iter().take_while(|t| loose(t)).count();
        // the run, or the run with the label or header next to it (`（` `一` before `）予以公开`)
        let join = |a: usize, b: usize| {
            let (a, b) = (tokens[a].span.start, tokens[b].span.end);
            (b - a <= 256).then(|| text[a..b].replace(['\n', '\r', '|', '\t'], ""))
        };
        let text_at = |k: usize| tokens.get(k).is_some_and(|t| t.class == Class::Text);
        let header = |a: usize, b: usize| join(a, b).is_some_and(|j| tokens::is_header(&j));
        let (last, after) = (i + run - 1, i + run);
        let before = parts.len();
        for t in &tokens[i..=last] {
            if t.class == Class::Text && tokens::is_header_with(t.text(text), t.norm.as_ref()) {
                parts.push(Part {
                    kind: PartKind::Header,
                    span: t.span,
                });
            }
        }
        // the joins only when some token of the run is no header alone
        let whole = parts.len() - before < run
            && ((run > 1 && header(i, last))
                || (text_at(after) && header(i, after))
                || (text_at(after) && text_at(after + 1) && header(i, after + 1))
                || (i > 0 && text_at(i - 1) && header(i - 1, last))
                || (i > 1 && text_at(i - 1) && text_at(i - 2) && header(i - 2, last)));
        if whole {
            parts.truncate(before);
            parts.extend(tokens[i..=last].iter().map(|t| Part {
                kind: PartKind::Header,
                span: t.span,
            }));
        }
        i += run;
    }
    // the pieces of a wrapped label are what the label they joined is
    if !wrapped.is_empty() {
        parts.sort_by_key(|p| p.span.start);
        let pieces: Vec<Part> = wrapped
            .iter()
            .filter_map(|&(head, piece)| {
                let i = parts.partition_point(|p| p.span.start < head.start);
                parts.get(i).filter(|p| p.span == head).map(|p| Part {
                    kind: p.kind,
                    span: piece,
                })
            })
            .collect();
        parts.extend(pieces);
    }
    for p in &parts {
        marks.mark(p.span);
    }
    // the gaps between what is covered, line by line
    let mut unplaced: Vec<Unplaced> = Vec::new();
    let mut gap = |from: usize, to: usize, parts: &mut Vec<Part>| {
        let mut at = from;
        for line in crate::text::lines_inclusive(&text[from..to]) {
            let (s, e) = (at, at + line.len());
            at = e;
            if tokens::is_structure(line) {
                continue;
            }
            // from the first field to the last that is not a separator or a rule's cell
            let mut fields = line
                .split_inclusive(['|', '\t'])
                .scan(s, |at, f| {
                    let start = *at;
                    *at += f.len();
                    Some((start, f))
                })
                .filter(|(_, f)| !tokens::is_structure(f) && !tokens::is_rule_cell(f));
            let Some((first, f)) = fields.next() else {
                continue;
            };
            let (last, l) = fields.last().unwrap_or((first, f));
            let trim = |c: char| tokens::is_space(c) || c == '|';
            let start = first + (f.len() - f.trim_start_matches(trim).len());
            let end = last + l.trim_end_matches(trim).len();
            let span = Span::new(start, end.max(start));
            let piece = &text[span.start..span.end];
            debug_assert!(span.end <= e);
            if tokens::is_page_number(piece) {
                parts.push(Part {
                    kind: PartKind::PageNumber,
                    span,
                });
                continue;
            }
            if unplaced.len() >= MAX_UNPLACED
                && let Some(last) = unplaced.last_mut()
            {
                last.span = last.span.join(span);
                continue;
            }
            let at = reader.index.position(text, span.start);
            unplaced.push(Unplaced {
                text: clip(piece, 64),
                span,
                line: at.line,
                column: at.column,
                table: kind,
            });
        }
    };
    for (from, to) in marks.gaps() {
        // a gap may start inside a character a span ended in the middle of (never, but cheap
        // to be sure of)
        let (mut from, mut to) = (from, to);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        // most gaps are the separators between cells
        let separators = text.as_bytes()[from..to]
            .iter()
            .all(|b| matches!(b, b' ' | b'|' | b'\t' | b'\n' | b'\r'));
        if from < to && !separators {
            gap(from, to, &mut parts);
        }
    }
    parts.sort_by_key(|p| (p.span.start, p.span.end));
    (parts, unplaced)
}

/// A bit per byte of a table's text (a region of the document): which bytes are covered.
struct Marks {
    start: usize,
    len: usize,
    bits: Vec<u64>,
}

impl Marks {
    fn new(region: Span) -> Marks {
        Marks {
            start: region.start,
            len: region.len(),
            bits: vec![0; region.len().div_ceil(64)],
        }
    }

    /// The bit range of `span` within the region.
    fn range(&self, span: Span) -> (usize, usize) {
        let a = span.start.saturating_sub(self.start).min(self.len);
        let b = span.end.saturating_sub(self.start).min(self.len);
        (a, b.max(a))
    }

    /// The words of bits `a..b`, each with the mask of those bits it holds.
    fn words((a, b): (usize, usize)) -> impl Iterator<Item = (usize, u64)> {
        let mut i = a;
        std::iter::from_fn(move || {
            (i < b).then(|| {
                let (w, bit) = (i / 64, i % 64);
                let n = (64 - bit).min(b - i);
                i += n;
                let ones = if n == 64 {
                    u64::MAX
                } else {
                    ((1u64 << n) - 1) << bit
                };
                (w, ones)
            })
        })
    }

    fn mark(&mut self, span: Span) {
        for (w, ones) in Marks::words(self.range(span)) {
            self.bits[w] |= ones;
        }
    }

    /// Whether every byte of `span` is covered.
    fn covers(&self, span: Span) -> bool {
        Marks::words(self.range(span)).all(|(w, ones)| self.bits[w] & ones == ones)
    }

    /// The runs of bytes not covered, as document offsets, in order: from one change of state
    /// to the next a word at a time.
    fn gaps(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        let mut i = 0;
        while i < self.len {
            let word = self.bits[i / 64] >> (i % 64);
            let left = (64 - i % 64).min(self.len - i);
            // outside a gap the next uncovered byte, inside one the next covered byte
            let next = match open {
                None => (!word).trailing_zeros() as usize,
                Some(_) => word.trailing_zeros() as usize,
            };
            if next >= left {
                i += left;
                continue;
            }
            i += next;
            match open.take() {
                None => open = Some(i),
                Some(s) => out.push((self.start + s, self.start + i)),
            }
        }
        if let Some(s) = open {
            out.push((self.start + s, self.start + self.len));
        }
        out
    }
}

/// `text` cut to its first `max` characters, with an ellipsis when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Whether the line at `span` holds bars only, two or more (`||`): the close of a row written
/// one cell per line, which may or may not stand for a blank cell.
fn closing_bars(text: &str, span: Span) -> bool {
    let start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim();
    line.len() >= 2 && line.bytes().all(|b| b == b'|')
}

/// The ways `values` (one per line, neighbours distinct) can be the `n` cells of a row whose
/// repeated neighbouring values were dropped: each value stands for one or more cells, in order.
/// Keeps those that satisfy `constraint`; `None` when there is no equation to confirm them.
#[allow(clippy::type_complexity)]
fn expansions(
    values: &[(u64, &Token<'_>, &str)],
    n: usize,
    constraint: Constraint,
) -> Option<(Vec<Vec<Piece>>, bool)> {
    let Constraint::BlockTotals { size } = constraint else {
        return None;
    };
    let k = values.len();
    if k == 0 || k > n || values.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    const MAX_EXPANSIONS: usize = 16;
    const MAX_STEPS: usize = 100_000;
    /// Counts per value (each ≥ 1, summing to the cells), enumerated depth first.
    struct Walk<'v> {
        values: &'v [u64],
        size: usize,
        cells: Vec<u64>,
        owner: Vec<usize>,
        found: Vec<Vec<usize>>,
        steps: usize,
    }
    impl Walk<'_> {
        fn walk(&mut self, i: usize, left: usize) {
            self.steps += 1;
            if self.steps > MAX_STEPS || self.found.len() > MAX_EXPANSIONS {
                return;
            }
            let k = self.values.len();
            if i == k {
                if left == 0 && blocks_hold(&self.cells, self.size) {
                    self.found.push(self.owner.clone());
                }
                return;
            }
            let rest = k - i - 1;
            for c in 1..=left.saturating_sub(rest) {
                if i == k - 1 && c != left {
                    continue;
                }
                for _ in 0..c {
                    self.cells.push(self.values[i]);
                    self.owner.push(i);
                }
                self.walk(i + 1, left - c);
                for _ in 0..c {
                    self.cells.pop();
                    self.owner.pop();
                }
            }
        }
    }
    let plain: Vec<u64> = values.iter().map(|v| v.0).collect();
    let mut w = Walk {
        values: &plain,
        size,
        cells: Vec::with_capacity(n),
        owner: Vec::with_capacity(n),
        found: Vec::new(),
        steps: 0,
    };
    w.walk(0, n);
    let mut owners = w.found;
    let mut more = false;
    if w.steps > MAX_STEPS || owners.len() > MAX_EXPANSIONS {
        more = true;
        owners.truncate(MAX_EXPANSIONS);
    }
    let mut found: Vec<Vec<Piece>> = Vec::new();
    for owner in owners {
        found.push(
            owner
                .iter()
                .map(|&i| Piece {
                    value: values[i].0,
                    span: values[i].1.span,
                    raw: values[i].2.into(),
                })
                .collect(),
        );
    }
    (!found.is_empty()).then_some((found, more))
}

/// Whether every block of `size` cells ends with the sum of the others.
fn blocks_hold(cells: &[u64], size: usize) -> bool {
    size > 1
        && cells.len().is_multiple_of(size)
        && cells.chunks(size).all(|b| {
            let (total, parts) = b.split_last().unwrap_or((&0, &[]));
            parts.iter().try_fold(0u64, |a, &x| a.checked_add(x)) == Some(*total)
        })
}

/// One diagnostic per table and way of reading, naming the rows read through a transformation.
/// Rows decided by the column equations name their cells: the equations, not the row alone,
/// placed them.
fn report_reconstructed(reader: &mut Reader<'_>, kind: TableKind, region: Span) {
    let rows = std::mem::take(&mut reader.reconstructed);
    for how in [HOW_SPLIT, HOW_COLLAPSED, HOW_COLUMNS, HOW_SPACES] {
        let of: Vec<&[Address]> = rows
            .iter()
            .filter(|r| r.1 == how)
            .map(|r| r.0.as_slice())
            .collect();
        if of.is_empty() {
            continue;
        }
        let mut labels: Vec<String> = of
            .iter()
            .take(4)
            .filter_map(|r| r.first())
            .map(|a| clip(a.row_label(), 12))
            .collect();
        if of.len() > 4 {
            labels.push("等".to_owned());
        }
        let cells: Vec<Address> = if how == HOW_COLUMNS || how == HOW_SPACES {
            of.iter().flat_map(|r| r.iter().copied()).collect()
        } else {
            Vec::new()
        };
        let message = format!(
            "表{}有{}行的值不是逐格分开的（{}），由合计关系唯一确定后读入：{}",
            table_numeral(kind),
            of.len(),
            how,
            labels.join("、")
        );
        reader.diag(
            DiagnosticKind::Reconstructed,
            Span::empty(region.start),
            cells,
            message,
        );
    }
}

/// The token ranges of the stream's lines, in order.
pub(crate) fn line_ranges(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let line = tokens[i].line;
        let end = (i..tokens.len())
            .find(|&t| tokens[t].line != line)
            .unwrap_or(tokens.len());
        out.push((i, end));
        i = end;
    }
    out
}

/// Rows of table 三 their own totals left open, decided together by the column equations of
/// the whole table: per column, `一 + 二 = （七） + 四` and `（七） = Σ outcome rows`. Cells that read
/// one way are constants; an equation with a cell that is not a whole number (blank, masked,
/// another open row's cell is fine) is not used. See [`solve`].
fn decide_by_columns(reader: &mut Reader<'_>, template: Template, cells: &mut [Cell]) {
    let undecided = std::mem::take(&mut reader.undecided);
    if undecided.is_empty() {
        return;
    }
    let col = |key: &str, c: usize| {
        Row::by_key(TableKind::Requests, key).and_then(|r| r.cells(template).nth(c))
    };
    let outcomes: Vec<Row> = Row::sequence(TableKind::Requests, template)
        .filter(|r| {
            !r.is_group()
                && !matches!(
                    r.def().key,
                    "received" | "carried_over" | "total" | "carried_forward"
                )
        })
        .collect();
    // (address, coefficient) lists equal to zero
    let mut sides: Vec<Vec<(Address, i64)>> = Vec::new();
    for c in 0..7 {
        if let (Some(a), Some(b), Some(t), Some(f)) = (
            col("received", c),
            col("carried_over", c),
            col("total", c),
            col("carried_forward", c),
        ) {
            sides.push(vec![(a, 1), (b, 1), (t, -1), (f, -1)]);
        }
        if let Some(t) = col("total", c) {
            let mut eq = vec![(t, 1)];
            eq.extend(
                outcomes
                    .iter()
                    .filter_map(|r| r.cells(template).nth(c))
                    .map(|a| (a, -1)),
            );
            sides.push(eq);
        }
    }
    let whole = |a: Address| -> Option<i64> {
        let v = cells.iter().find(|x| x.address == a)?.number_value()?;
        if v.fract().is_zero() {
            i64::try_from(v.mantissa() / 10i128.pow(v.scale())).ok()
        } else {
            None
        }
    };
    let mut equations: Vec<solve::Equation> = Vec::new();
    'eq: for side in sides {
        let mut eq = solve::Equation::default();
        for (a, coefficient) in side {
            if let Some((var, cell)) = undecided
                .iter()
                .enumerate()
                .find_map(|(v, u)| u.addresses.iter().position(|&x| x == a).map(|c| (v, c)))
            {
                eq.terms.push(solve::Term {
                    var,
                    cell,
                    coefficient,
                });
            } else if let Some(v) = whole(a) {
                eq.constant += coefficient * v;
            } else {
                continue 'eq;
            }
        }
        if !eq.terms.is_empty() {
            equations.push(eq);
        }
    }
    let domains: Vec<Vec<Vec<i64>>> = undecided
        .iter()
        .map(|u| {
            u.candidates
                .iter()
                .map(|c| c.iter().map(|p| p.value as i64).collect())
                .collect()
        })
        .collect();
    let surviving = solve::solve(&domains, &equations);
    let mut dropped: Vec<usize> = Vec::new();
    let mut open = Vec::new();
    for (u, alive) in undecided.into_iter().zip(surviving) {
        let live: Vec<usize> = (0..alive.len()).filter(|&i| alive[i]).collect();
        let (pick, how) = match (live.as_slice(), u.spaced) {
            (&[one], _) => (one, HOW_COLUMNS),
            (_, Some(s)) if alive.get(s).copied().unwrap_or(false) => (s, HOW_SPACES),
            _ => {
                open.push(u);
                continue;
            }
        };
        for (&a, p) in u.addresses.iter().zip(&u.candidates[pick]) {
            if let Some(cell) = cells.iter_mut().find(|x| x.address == a) {
                let at = reader.position(p.span.start);
                *cell = Cell::number(
                    a,
                    rust_decimal::Decimal::from(p.value),
                    None,
                    p.raw.clone(),
                    p.span,
                    at,
                );
            }
        }
        reader.reconstructed.push((u.addresses.clone(), how));
        dropped.push(u.diagnostic);
    }
    reader.undecided = open;
    dropped.sort_unstable();
    for i in dropped.into_iter().rev() {
        if i < reader.diagnostics.len() {
            reader.diagnostics.remove(i);
        }
    }
}

/// Reports filled tokens no row took.
fn stray_values(reader: &mut Reader<'_>, kind: TableKind, tokens: &[Token<'_>], used: &[bool]) {
    // one diagnostic per line: a row the template does not have (its label, its values), or
    // values standing alone; past MAX_STRAY_LINES lines, one for all the rest (how many lines
    // and values, the span from the first to the last), so that a table of a million rows gives
    // a bounded report, with nothing left unsaid
    let mut said = 0usize;
    let mut rest: Option<(Span, usize, usize)> = None;
    for (i, end) in line_ranges(tokens) {
        let stray: Vec<usize> = (i..end)
            .filter(|&t| !used[t] && tokens[t].is_filled())
            .collect();
        if let (Some(&first), Some(&last)) = (stray.first(), stray.last())
            && said >= MAX_STRAY_LINES
        {
            let span = tokens[first].span.join(tokens[last].span);
            rest = Some(match rest {
                Some((s, lines, values)) => (s.join(span), lines + 1, values + stray.len()),
                None => (span, 1, stray.len()),
            });
            continue;
        }
        said += usize::from(!stray.is_empty());
        if let (Some(&first), Some(&last)) = (stray.first(), stray.last()) {
            let values: Vec<&str> = stray.iter().map(|&t| tokens[t].text(reader.text)).collect();
            let label = (i..first)
                .rev()
                .find(|&t| !used[t] && tokens[t].class == Class::Text);
            let span = tokens[first].span.join(tokens[last].span);
            match label {
                Some(l) => reader.diag(
                    DiagnosticKind::ExtraRow,
                    tokens[l].span.join(span),
                    Vec::new(),
                    format!(
                        "表{}中的「{}」一行不是模板中的行，其值 `{}` 未读入",
                        table_numeral(kind),
                        clip(tokens[l].text(reader.text), 40),
                        clip(&values.join(" "), 64)
                    ),
                ),
                None => reader.diag(
                    DiagnosticKind::StrayValue,
                    span,
                    Vec::new(),
                    format!(
                        "表{}中的值 `{}` 不在任何一行之内，未读入",
                        table_numeral(kind),
                        clip(&values.join(" "), 64)
                    ),
                ),
            }
        }
    }
    if let Some((span, lines, values)) = rest {
        reader.diag(
            DiagnosticKind::StrayValue,
            span,
            Vec::new(),
            format!(
                "表{}中另有{lines}行的{values}个值不属于模板中的任何一行（此前已逐行列出{MAX_STRAY_LINES}行），未读入",
                table_numeral(kind),
            ),
        );
    }
}

/// Lines of values outside the template's rows reported one by one, per table; the rest are
/// reported together.
const MAX_STRAY_LINES: usize = 100;

/// Table 四: one row of 15 values, no row label.
fn read_appeals(reader: &mut Reader<'_>, tokens: &[Token<'_>]) -> Option<Vec<Cell>> {
    let addresses: Vec<Address> =
        Address::of_template(TableKind::Appeals, Template::V2021).collect();
    let first = tokens.iter().position(|t| t.is_filled())?;
    let field: Vec<usize> = if tokens[first].row_line {
        // The values' line from its start (a blank first cell is an empty field before the
        // first value), and following lines that hold values only, while short of 15.
        let mut field: Vec<usize> = Vec::new();
        // after the header's last text on the same line, if the header shares the line
        let mut i = (0..=first)
            .rev()
            .take_while(|&t| tokens[t].line == tokens[first].line && tokens[t].is_value_like())
            .last()
            .unwrap_or(first);
        loop {
            let line = tokens[i].line;
            let line_tokens: Vec<usize> = (i..tokens.len())
                .take_while(|&t| tokens[t].line == line)
                .collect();
            if line_tokens.iter().any(|&t| !tokens[t].is_value_like()) && !field.is_empty() {
                break;
            }
            field.extend(
                line_tokens
                    .iter()
                    .copied()
                    .filter(|&t| tokens[t].is_value_like()),
            );
            i = line_tokens.last().map_or(i, |&t| t + 1);
            if field.iter().filter(|&&t| tokens[t].is_filled()).count() >= addresses.len()
                || i >= tokens.len()
            {
                break;
            }
        }
        field
    } else {
        // One cell per line: from the end of the header (its last text) to the next text. Empty
        // lines at either end may be separators; the placement says when that is uncertain.
        let start = (0..first)
            .rev()
            .find(|&t| !tokens[t].is_value_like())
            .map_or(0, |t| t + 1);
        (start..tokens.len())
            .take_while(|&i| tokens[i].is_value_like())
            .collect()
    };
    let two_ended = true;
    let mut cells = Vec::new();
    let end = Span::empty(tokens[first].span.start);
    place_row(
        reader, &addresses, tokens, &field, two_ended, end, false, None, &mut cells,
    );
    if !read_clean(reader) {
        read_by_order(
            reader,
            TableKind::Appeals,
            Template::V2021,
            tokens,
            &mut cells,
        );
    }
    Some(cells)
}

/// Whether the table was read without a row whose values could not be placed.
fn read_clean(reader: &Reader<'_>) -> bool {
    !reader.diagnostics.iter().any(|d| {
        matches!(
            d.kind,
            DiagnosticKind::AmbiguousRow | DiagnosticKind::ExtraValues | DiagnosticKind::StrayValue
        )
    })
}

/// Rows whose label stands alone while the table holds values no row could place (labels
/// detached from their values, as plain `pdftotext` writes a table): their cells are not blank,
/// their values are somewhere else. They become ambiguous, with one diagnostic.
fn detached_rows(reader: &mut Reader<'_>, kind: TableKind, cells: &mut [Cell]) {
    let rows = std::mem::take(&mut reader.bare_rows);
    if rows.is_empty() || read_clean(reader) {
        return;
    }
    let mut first: Option<Span> = None;
    for a in rows.iter().flatten() {
        if let Some(c) = cells
            .iter_mut()
            .find(|c| c.address == *a && c.kind == CellKind::Blank)
        {
            c.kind = CellKind::Ambiguous;
            first.get_or_insert(c.span);
        }
    }
    let labels: Vec<String> = rows
        .iter()
        .take(4)
        .filter_map(|r| r.first())
        .map(|a| clip(a.row_label(), 12))
        .collect();
    reader.diag(
        DiagnosticKind::AmbiguousRow,
        first.unwrap_or(Span::empty(0)),
        rows.concat(),
        format!(
            "表{}有{}行的标签后没有值，而表中另有无法归属的值（标签与数值分离，如不带 -layout 的 pdftotext 输出）：{}{}，这些单元格未作空白处理",
            table_numeral(kind),
            rows.len(),
            labels.join("、"),
            if rows.len() > 4 { "等" } else { "" }
        ),
    );
}

/// The table read by the order of its values alone, when its labels and values stand apart
/// (plain `pdftotext`): the table's whole numbers, in text order, are exactly its cells, row
/// by row or column by column. A reading is taken only when every equation of the template
/// holds in it (row totals, column balances, outcome totals; table 四's block totals) and in
/// the other order not: then it replaces what the labels gave, with a note.
fn read_by_order(
    reader: &mut Reader<'_>,
    kind: TableKind,
    template: Template,
    tokens: &[Token<'_>],
    cells: &mut Vec<Cell>,
) {
    let addresses: Vec<Address> = Address::of_template(kind, template).collect();
    let values: Vec<&Token<'_>> = tokens
        .iter()
        .filter(|t| matches!(t.class, Class::Value(Lexeme::Number { .. })))
        .collect();
    if values.len() != addresses.len() || !values.iter().all(|t| is_digits(t, reader.text)) {
        return;
    }
    let numbers: Vec<i64> = values
        .iter()
        .map(|t| t.text(reader.text).parse().unwrap_or(-1))
        .collect();
    if numbers.iter().any(|&v| v < 0) {
        return;
    }
    // table 三: rows of 7; table 四: one row of 15
    let width = if kind == TableKind::Appeals { 15 } else { 7 };
    let rows = addresses.len() / width;
    let row_major: Vec<usize> = (0..addresses.len()).collect();
    let column_major: Vec<usize> = (0..addresses.len())
        .map(|k| {
            let (r, c) = (k / width, k % width);
            c * rows + r
        })
        .collect();
    let fits = |order: &[usize]| {
        let value = |a: Address| -> Option<i64> {
            let k = addresses.iter().position(|&x| x == a)?;
            Some(numbers[order[k]])
        };
        equations_hold(kind, template, &value)
    };
    let orders: Vec<&Vec<usize>> = [&row_major, &column_major]
        .into_iter()
        .filter(|o| fits(o))
        .collect();
    let [order] = orders[..] else {
        return;
    };
    let how = if order == &row_major && kind != TableKind::Appeals {
        "逐行"
    } else if kind == TableKind::Appeals {
        "依次"
    } else {
        "逐列"
    };
    cells.clear();
    for (k, &a) in addresses.iter().enumerate() {
        let t = values[order[k]];
        cells.push(reader.cell(a, t));
    }
    reader.diagnostics.retain(|d| {
        !matches!(
            d.kind,
            DiagnosticKind::AmbiguousRow
                | DiagnosticKind::ExtraValues
                | DiagnosticKind::StrayValue
                | DiagnosticKind::Reconstructed
                | DiagnosticKind::MissingRow
        )
    });
    reader.undecided.clear();
    reader.reconstructed.clear();
    reader.bare_rows.clear();
    let span = values.first().map_or(Span::empty(0), |t| t.span);
    reader.diag(
        DiagnosticKind::Reconstructed,
        span,
        addresses.clone(),
        format!(
            "表{}的标签与数值分离（如不带 -layout 的 pdftotext 输出）：{}个数值按{}的顺序读入，模板的全部合计关系在这一读法下成立，在另一种顺序下不成立",
            table_numeral(kind),
            addresses.len(),
            how
        ),
    );
}

/// Whether every equation of table 三 (row totals, column balances, outcome totals) or table 四
/// (block totals) holds for `value`.
fn equations_hold(
    kind: TableKind,
    template: Template,
    value: &dyn Fn(Address) -> Option<i64>,
) -> bool {
    let rows: Vec<Row> = Row::sequence(kind, template)
        .filter(|r| !r.is_group())
        .collect();
    let sum = |cells: &[Address]| -> Option<i64> {
        cells
            .iter()
            .try_fold(0i64, |acc, &a| acc.checked_add(value(a)?))
    };
    for r in &rows {
        let cells: Vec<Address> = r.cells(template).collect();
        let block = if kind == TableKind::Appeals { 5 } else { 7 };
        for b in cells.chunks(block) {
            let (total, parts) = match b.split_last() {
                Some(x) => x,
                None => return false,
            };
            if sum(parts) != value(*total) {
                return false;
            }
        }
    }
    if kind == TableKind::Appeals {
        return true;
    }
    let col = |key: &str, c: usize| {
        Row::by_key(TableKind::Requests, key).and_then(|r| r.cells(template).nth(c))
    };
    for c in 0..7 {
        let (Some(a), Some(b), Some(t), Some(f)) = (
            col("received", c),
            col("carried_over", c),
            col("total", c),
            col("carried_forward", c),
        ) else {
            return false;
        };
        if sum(&[a, b]) != sum(&[t, f]) {
            return false;
        }
        let outcomes: Vec<Address> = rows
            .iter()
            .filter(|r| {
                !matches!(
                    r.def().key,
                    "received" | "carried_over" | "total" | "carried_forward"
                )
            })
            .filter_map(|r| r.cells(template).nth(c))
            .collect();
        if sum(&outcomes) != value(t) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of [`NUMBERING_DECIDED`] characters or more made of what numberings are made
    /// of has the numbering of itself followed by anything: the numbering of a label broken
    /// over two tokens is that of its first part when the first part is that long.
    #[test]
    fn numbering_decided_within_the_first_characters() {
        let alphabet = [
            '(', ')', '一', '十', '三', '1', '2', '.', '、', ',', '第', '申',
        ];
        let n = alphabet.len();
        let suffixes = ["", "1", "2.", ")", "一", "、申请", "十)", "3", "(二)"];
        // every text of NUMBERING_DECIDED characters of the alphabet, and some longer
        for k in 0..n.pow(NUMBERING_DECIDED as u32) {
            let head: String = (0..NUMBERING_DECIDED)
                .map(|d| alphabet[k / n.pow(d as u32) % n])
                .collect();
            // the common cases only: a numbering opens with a bracket, a numeral or a digit
            if !matches!(
                head.chars().next(),
                Some('(' | '一' | '十' | '三' | '1' | '2')
            ) {
                continue;
            }
            let first = Norm::new(&head);
            assert_eq!(first.chars.len(), NUMBERING_DECIDED);
            let expected = numbering_of(&first);
            for suffix in suffixes {
                // the grammar itself on the whole text
                let joined = Norm::concat(&first, &Norm::new(suffix)).as_string();
                let read = lex::numbering(&joined).map(|(n, _)| n);
                assert_eq!(read, expected, "{head:?} + {suffix:?}");
            }
        }
    }

    /// A pair's candidate, built from its halves', is the candidate of the joined text.
    #[test]
    fn pairs_are_candidates_of_the_joined_text() {
        let texts = [
            "（一）予以公开",
            "（一",
            "）予以公开",
            "1.属于国家秘密",
            "三、本年度办理结果",
            "三",
            "、本年度",
            "十二、",
            "(1)",
            "**** 不予公开（含部分公开）",
            "规章（设区的市）",
            "",
        ];
        for a in texts {
            for b in texts {
                let (na, nb) = (Norm::new(a), Norm::new(b));
                let (ca, cb) = (
                    Candidate::new(Cow::Borrowed(&na)),
                    Candidate::new(Cow::Borrowed(&nb)),
                );
                let pair = Candidate::pair(&ca, &cb);
                let whole = Candidate::new(Cow::Owned(Norm::concat(&na, &nb)));
                assert_eq!(pair.norm, whole.norm, "{a} + {b}");
                assert_eq!(pair.sketch, whole.sketch, "{a} + {b}");
                assert_eq!(pair.numbering, whole.numbering, "{a} + {b}");
                assert_eq!(pair.stripped, whole.stripped, "{a} + {b}");
            }
        }
    }

    fn read(kind: TableKind, text: &str) -> TableRead {
        let index = report_model::LineIndex::new(text);
        read_table(
            kind,
            text,
            Span::new(0, text.len()),
            Positions::of(&index),
            Some(2023),
            None,
            &Hints::default(),
        )
        .expect("table")
    }

    /// The test that spares the alignment most scores says "no" only where the score is zero:
    /// every piece of every line of the test inputs (and two lines run together), against
    /// every row of every table and template.
    #[test]
    fn entries_passed_over_would_score_zero() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/parse");
        let mut texts: Vec<String> = Vec::new();
        for case in std::fs::read_dir(dir).expect("testdata/parse").flatten() {
            let Ok(input) = std::fs::read_to_string(case.path().join("input.txt")) else {
                continue;
            };
            let lines: Vec<&str> = input.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                texts.extend(line.split(['|', '\t']).map(str::to_owned));
                if let Some(next) = lines.get(n + 1) {
                    texts.push(format!("{line}{next}"));
                }
            }
        }
        let (mut spared, mut scored) = (0usize, 0usize);
        for kind in [TableKind::Proactive, TableKind::Requests] {
            for template in [Template::V2019, Template::V2021] {
                let entries = entries(kind, template);
                assert!(entries.len() <= 64);
                let reach = Reach::new(entries);
                for text in &texts {
                    let c = Candidate::new(Cow::Owned(Norm::new(text)));
                    let mut shared = [0usize; 64];
                    let mut may = [false; 64];
                    for sketch in [Some(&c.sketch), c.stripped.as_ref().map(|(_, s)| s)]
                        .into_iter()
                        .flatten()
                    {
                        let all_at_once = reach.mask(entries, sketch, &mut shared);
                        sketch.shared_counts(&reach.by_bit, &mut shared);
                        for (j, e) in entries.iter().enumerate() {
                            // the counts for all entries at once are each entry's own
                            assert_eq!(
                                sketch.bound_reaches(shared[j], &e.pattern, 600, 450),
                                sketch.may_match(&e.pattern, 600, 450),
                                "{text:?} {}",
                                e.row.label()
                            );
                            let one = e.may_score(sketch, shared[j]);
                            assert_eq!(
                                all_at_once >> j & 1 == 1,
                                one,
                                "{text:?} {}",
                                e.row.label()
                            );
                            may[j] |= one;
                        }
                    }
                    for (j, e) in entries.iter().enumerate() {
                        if may[j] {
                            scored += 1;
                        } else {
                            spared += 1;
                            assert_eq!(e.score(&c), 0, "{text:?} {}", e.row.label());
                        }
                    }
                }
            }
        }
        // the test is of use: most pairs are spared, and some are not
        assert!(spared > scored && scored > 0, "{spared} {scored}");
    }

    fn value(t: &Table, addr: &str) -> (CellKind, Option<String>) {
        let c = t
            .cell(addr.parse().unwrap())
            .unwrap_or_else(|| panic!("{addr} missing"));
        (c.kind, c.value.map(|v| v.to_string()))
    }

    #[test]
    fn masked_labels_are_placed_by_their_neighbours() {
        let text = "一、****政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n\
                    二、****政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
        let r = read(TableKind::Requests, text);
        assert_eq!(
            value(&r.table, "requests.received.total"),
            (CellKind::Number, Some("4".into()))
        );
        assert_eq!(
            value(&r.table, "requests.carried_over.total"),
            (CellKind::Number, Some("1".into()))
        );
    }

    #[test]
    fn a_short_row_is_ambiguous_never_shifted() {
        let text = "第二十条第（九）项 |\n信息内容 |\n采购项目数量 |\n采购总金额 |\n|\n政府集中采购 |\n24 |\n";
        let r = read(TableKind::Proactive, text);
        assert_eq!(r.table.template, Template::V2019);
        assert_eq!(
            value(&r.table, "proactive.procurement.projects").0,
            CellKind::Ambiguous
        );
        assert_eq!(
            value(&r.table, "proactive.procurement.amount").0,
            CellKind::Ambiguous
        );
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.kind == DiagnosticKind::AmbiguousRow)
            .expect("diagnostic");
        assert_eq!(d.cells.len(), 2);
        assert!(d.message.contains("24"));
    }

    #[test]
    fn a_single_slash_stands_for_the_whole_row() {
        let text = "（七）总计 |\n/ |\n||||||||\n|\n四、结转下年度继续办理 |\n/ |\n";
        let r = read(TableKind::Requests, text);
        for col in ["natural_persons", "total"] {
            assert_eq!(
                value(&r.table, &format!("requests.total.{col}")).0,
                CellKind::NotApplicable
            );
            assert_eq!(
                value(&r.table, &format!("requests.carried_forward.{col}")).0,
                CellKind::NotApplicable
            );
        }
    }

    #[test]
    fn table_four_blank_ends_in_one_cell_per_line_are_ambiguous() {
        // `|` lines are both blank cells and row separators: a blank first cell cannot be told
        // from the separators before it
        let mut text = String::from("行政复议 |\n行政诉讼 |\n||\n总计 |\n||\n|\n|\n");
        for v in 2..=15 {
            text.push_str(&format!("{v} |\n"));
        }
        text.push_str("||\n");
        let r = read(TableKind::Appeals, &text);
        assert_eq!(
            value(&r.table, "appeals.review.upheld").0,
            CellKind::Ambiguous
        );
        // with the first cell filled, the separators are certain
        let text = text.replacen("|\n|\n|\n2 |", "|\n|\n1 |\n2 |", 1);
        let r = read(TableKind::Appeals, &text);
        assert_eq!(
            value(&r.table, "appeals.review.upheld").1.as_deref(),
            Some("1")
        );
        assert_eq!(
            value(&r.table, "appeals.litigation_after_review.total")
                .1
                .as_deref(),
            Some("15")
        );
    }

    #[test]
    fn placeholders_of_merged_cells_are_dropped_only_when_certain() {
        // one leading and one trailing placeholder: unique
        let text = "一、本年新收政府信息公开申请数量\t\t1\t2\t3\t4\t5\t6\t21\t\n";
        let r = read(TableKind::Requests, text);
        assert_eq!(
            value(&r.table, "requests.received.natural_persons")
                .1
                .as_deref(),
            Some("1")
        );
        assert_eq!(
            value(&r.table, "requests.received.total").1.as_deref(),
            Some("21")
        );
        // two leading empties and one trailing for six values: the blank could be either end
        let text = "一、本年新收政府信息公开申请数量\t\t\t2\t3\t4\t5\t6\t20\t\n";
        let r = read(TableKind::Requests, text);
        assert_eq!(
            value(&r.table, "requests.received.total").0,
            CellKind::Ambiguous
        );
    }
}
