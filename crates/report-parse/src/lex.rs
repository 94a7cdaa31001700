//! Small nom grammars: cell values, label numbering, headings, dates and years.
//!
//! Every parser here runs in complete mode on a `&str` and is called through one of the
//! functions of this module, which never expose nom's types.

use std::str::FromStr;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{all_consuming, map, map_res, opt, recognize, value};
use nom::multi::{many0_count, many1};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use rust_decimal::Decimal;

/// What the text of one cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lexeme {
    /// Nothing.
    Empty,
    /// A number, with the unit written after it, if any.
    Number { value: Decimal, unit: Option<Unit> },
    /// `/`, `-`, `—`, `无` and the like.
    NotApplicable,
    /// `****`.
    Masked,
    /// Anything else.
    Text,
}

/// Maps full-width digits and signs to ASCII and every kind of space to an ASCII space, drops
/// invisible characters, and trims, so that the value grammar sees `２，１４９` as `2,149`. Spaces
/// inside stay: `1 2` is not `12`.
fn ascii_fold(raw: &str) -> std::borrow::Cow<'_, str> {
    // most cells fold to themselves: borrowed, trimmed
    if raw.chars().all(|c| fold_char(c) == Some(c)) {
        return std::borrow::Cow::Borrowed(raw.trim());
    }
    let mut folded: String = raw.chars().filter_map(fold_char).collect();
    let end = folded.trim_end().len();
    folded.truncate(end);
    let start = folded.len() - folded.trim_start().len();
    folded.drain(..start);
    std::borrow::Cow::Owned(folded)
}

/// One character as [`ascii_fold`] maps it.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{200B}' | '\u{FEFF}' | '\u{200C}' | '\u{200D}' => None,
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Whether a folded cell starting with `c` may be a number, a placeholder or a mask: the first
/// characters the grammars of [`cell_value`] accept. Anything else is text without parsing.
fn may_start_value(c: char) -> bool {
    c.is_ascii_digit()
        || [
            '+', '-', '/', '\\', '—', '–', '―', '─', '无', '不', '空', '*', '×', 'x', 'X',
        ]
        .contains(&c)
}

const UNITS: [&str; 6] = ["万元", "元", "件", "项", "个", "条"];

/// A unit written after a number, one of [`UNITS`] (a byte, not a `&str`: a token of every cell
/// of a large table carries one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit(u8);

impl Unit {
    pub(crate) fn as_str(self) -> &'static str {
        UNITS[usize::from(self.0)]
    }
}

fn unit(i: &str) -> IResult<&str, Unit> {
    for (k, u) in UNITS.iter().enumerate() {
        if let Some(rest) = i.strip_prefix(u) {
            return Ok((rest, Unit(k as u8)));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// `1234`, `2,149`, `-8`, `+3`, `0.35`, `251000元`.
fn number(i: &str) -> IResult<&str, (Decimal, Option<Unit>)> {
    let grouped = recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        many1((
            char(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ));
    let integer = alt((grouped, digit1));
    let literal = recognize((opt(one_of("+-")), integer, opt((char('.'), digit1))));
    let parsed = map_res(literal, |s: &str| {
        if !s.contains([',', '+']) {
            return Decimal::from_str(s);
        }
        let cleaned: String = s.chars().filter(|&c| c != ',' && c != '+').collect();
        Decimal::from_str(&cleaned)
    });
    (parsed, preceded(space0, opt(unit)))
        .map(|(v, u)| (v, u))
        .parse_complete(i)
}

fn not_applicable(i: &str) -> IResult<&str, ()> {
    value(
        (),
        alt((
            recognize(many1(one_of("/\\"))),
            recognize(many1(one_of("-—–―─"))),
            tag("无"),
            tag("不适用"),
            tag("空"),
        )),
    )
    .parse_complete(i)
}

fn masked(i: &str) -> IResult<&str, ()> {
    value((), many1(one_of("*×xX＊"))).parse_complete(i)
}

/// Reads the text of one cell.
pub(crate) fn cell_value(raw: &str) -> Lexeme {
    // the common cases without allocating: a label, a plain whole number
    match raw.chars().filter_map(fold_char).find(|&c| c != ' ') {
        None => return Lexeme::Empty,
        Some(first) if !may_start_value(first) => return Lexeme::Text,
        Some(_) => {}
    }
    // a character none of the grammars reads (`1.属于国家秘密`): text
    let readable = |c: char| {
        c.is_ascii()
            || c.is_whitespace()
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || [
                '\u{200B}', '\u{FEFF}', '\u{200C}', '\u{200D}', '万', '元', '件', '项', '个', '条',
                '无', '不', '适', '用', '空', '—', '–', '―', '─', '×', '＊',
            ]
            .contains(&c)
    };
    if !raw.chars().all(readable) {
        return Lexeme::Text;
    }
    let trimmed = raw.trim();
    // masks and placeholders written plainly, as the grammars below would read them
    if trimmed
        .chars()
        .all(|c| ['*', '×', 'x', 'X', '＊'].contains(&c))
    {
        return Lexeme::Masked;
    }
    if trimmed.chars().all(|c| c == '/' || c == '\\')
        || trimmed
            .chars()
            .all(|c| ['-', '—', '–', '―', '─'].contains(&c))
        || matches!(trimmed, "无" | "不适用" | "空")
    {
        return Lexeme::NotApplicable;
    }
    if let Some(number) = plain_number(trimmed) {
        return number;
    }
    cell_grammar(raw)
}

/// `text` as a whole number when it is nothing but ASCII digits (at most 18, which a `u64`
/// holds), as the grammar reads it: the commonest cell, read without the grammar.
pub(crate) fn plain_number(text: &str) -> Option<Lexeme> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = text.parse::<u64>().ok()?;
    Some(Lexeme::Number {
        value: Decimal::from(n),
        unit: None,
    })
}

/// [`cell_value`] by the grammars alone, without the shortcuts taken before them.
fn cell_grammar(raw: &str) -> Lexeme {
    let folded = ascii_fold(raw);
    if folded.is_empty() {
        return Lexeme::Empty;
    }
    let mut grammar = all_consuming(alt((
        map(number, |(value, unit)| Lexeme::Number { value, unit }),
        map(not_applicable, |_| Lexeme::NotApplicable),
        map(masked, |_| Lexeme::Masked),
    )));
    match grammar.parse_complete(&*folded) {
        Ok((_, lexeme)) => lexeme,
        Err(_) => Lexeme::Text,
    }
}

/// The numbering a label starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// `一、` — the top level of table 三 and the section headings.
    Top(u32),
    /// `（一）`
    Paren(u32),
    /// `1.`, `1、`, `(1)`
    Arabic(u32),
}

/// Whether `c` is one of the Chinese numerals a numbering is written with (一 to 十).
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].contains(&c)
}

fn chinese_numeral(i: &str) -> IResult<&str, u32> {
    map_res(take_while1(is_chinese_numeral), |s: &str| {
        let digit = |c: char| "一二三四五六七八九".find(c).map(|b| b as u32 / 3 + 1);
        // a numeral of one to three characters, read on the stack
        let mut chars = ['\0'; 3];
        let mut n = 0;
        for c in s.chars() {
            if n == chars.len() {
                return Err(());
            }
            chars[n] = c;
            n += 1;
        }
        match &chars[..n] {
            [c] if *c == '十' => Ok(10),
            [c] => digit(*c).ok_or(()),
            ['十', c] => digit(*c).map(|d| 10 + d).ok_or(()),
            [c, '十'] => digit(*c).map(|d| d * 10).ok_or(()),
            [a, '十', b] => Ok(digit(*a).ok_or(())? * 10 + digit(*b).ok_or(())?),
            _ => Err(()),
        }
    })
    .parse_complete(i)
}

fn arabic(i: &str) -> IResult<&str, u32> {
    map_res(
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        u32::from_str,
    )
    .parse_complete(i)
}

fn numbering_grammar(i: &str) -> IResult<&str, Numbering> {
    alt((
        map(
            delimited(char('('), chinese_numeral, char(')')),
            Numbering::Paren,
        ),
        map(delimited(char('('), arabic, char(')')), Numbering::Arabic),
        map((chinese_numeral, one_of("、.,")), |(n, _)| {
            Numbering::Top(n)
        }),
        map(
            (
                arabic,
                one_of(".、,"),
                nom::combinator::not(nom::character::complete::satisfy(|c| c.is_ascii_digit())),
            ),
            |(n, _, _)| Numbering::Arabic(n),
        ),
    ))
    .parse_complete(i)
}

/// The numbering at the start of a normalised label (`一、`, `(一)`, `1.`), if any, and the
/// number of characters it takes.
pub(crate) fn numbering(normalized: &str) -> Option<(Numbering, usize)> {
    let (rest, n) = numbering_grammar(normalized).ok()?;
    Some((
        n,
        normalized[..normalized.len() - rest.len()].chars().count(),
    ))
}

/// A line that may be a section heading: optional markdown `#`s, then a Chinese numeral and a
/// separator. Returns the numeral and the byte offset where the heading's text starts.
pub(crate) fn heading_prefix(line: &str) -> Option<(u32, usize)> {
    let spaces = |c: char| c.is_whitespace() || c == '\u{3000}';
    // past the spaces and `#`s, a heading opens with 第, a Chinese numeral or a digit
    let first = line.chars().find(|&c| !spaces(c) && c != '#')?;
    if !(first.is_ascii_digit() || first == '第' || is_chinese_numeral(first)) {
        return None;
    }
    let separator = alt((
        value((), one_of("、.．,，:：")),
        // `第二部分`, `二 主动公开…` (a space alone, before the heading's text)
        value((), tag("部分")),
        value(
            (),
            nom::combinator::peek(nom::character::complete::satisfy(|c| {
                !c.is_ascii() && !spaces(c)
            })),
        ),
    ));
    let mut grammar = (
        take_while(spaces),
        many0_count((char('#'), take_while(spaces))),
        opt(char('第')),
        alt((chinese_numeral, arabic)),
        take_while(spaces),
        separator,
        take_while(|c: char| spaces(c) || c == '：' || c == ':'),
    );
    let (rest, (_, _, first, n, gap, _, _)) = grammar.parse_complete(line).ok()?;
    let consumed = line.len() - rest.len();
    // `二主动…` with neither a separator nor a space is no heading; `第二部分` needs its 部分
    let text = &line[..consumed];
    let plain = !text.contains(['、', '.', '．', ',', '，', ':', '：']) && !text.contains("部分");
    if plain && (gap.is_empty() || first.is_some()) {
        return None;
    }
    Some((n, consumed))
}

fn year4(i: &str) -> IResult<&str, i32> {
    map_res(
        recognize((
            one_of("12"),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
        i32::from_str,
    )
    .parse_complete(i)
}

fn small(i: &str) -> IResult<&str, u8> {
    map_res(
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        u8::from_str,
    )
    .parse_complete(i)
}

fn date_grammar(i: &str) -> IResult<&str, (i32, u8, u8)> {
    let sp = || take_while(|c: char| c == ' ' || c == '\u{3000}');
    let (i, (y, _, _, _, m, _, _, _, d, _, _)) = (
        year4,
        sp(),
        char('年'),
        sp(),
        small,
        sp(),
        char('月'),
        sp(),
        small,
        sp(),
        char('日'),
    )
        .parse_complete(i)?;
    Ok((i, (y, m, d)))
}

/// A whole line that is only a date, `2024年1月18日` (spaces allowed). Returns the date and the
/// byte range of the date inside the line.
pub(crate) fn date_line(line: &str) -> Option<((i32, u8, u8), usize, usize)> {
    let start = line.len() - line.trim_start().len();
    let body = line.trim();
    let (rest, date) = date_grammar(body).ok()?;
    if !rest.is_empty() || !(1..=12).contains(&date.1) || !(1..=31).contains(&date.2) {
        return None;
    }
    Some((date, start, start + body.len()))
}

/// Every `YYYY年` in `text` (YYYY from 1990 to 2099), with the byte offset of its first digit.
pub(crate) fn years(text: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    text.char_indices().filter_map(move |(at, c)| {
        if !c.is_ascii_digit()
            || text[..at]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit())
        {
            return None;
        }
        let (rest, (y, _)) = (year4, preceded(space0, char('年')))
            .parse_complete(&text[at..])
            .ok()?;
        let _ = rest;
        (1990..=2099).contains(&y).then_some((y, at))
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Folding maps full-width characters and every space, drops invisible ones and trims; a
    /// cell that needs none of it is borrowed.
    #[test]
    fn folding_maps_widths_and_spaces_and_borrows_what_needs_none() {
        use std::borrow::Cow;
        let cases = [
            (" 12 ", "12", true),
            ("1 2", "1 2", true),
            ("２，１４９", "2,149", false),
            ("\u{3000}12\t", "12", false),
            ("1\u{200B}2", "12", false),
            ("\u{FEFF} ＋３ ", "+3", false),
            ("", "", true),
            ("\t", "", false),
        ];
        for (raw, folded, borrowed) in cases {
            let got = super::ascii_fold(raw);
            assert_eq!(got, folded, "{raw:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{raw:?}");
        }
        // numbers with and without group separators and signs
        assert_eq!(super::cell_grammar("+1,234"), super::cell_grammar("1234"));
        assert_eq!(
            super::cell_grammar("２，１４９"),
            super::cell_grammar("2149")
        );
    }

    proptest! {
        /// The shortcuts of `cell_value` (labels, whole numbers, masks and placeholders read
        /// without the grammars) agree with the grammars on every text made of the characters
        /// cells hold.
        #[test]
        fn cell_value_shortcuts_agree_with_the_grammars(
            raw in proptest::collection::vec(
                prop::sample::select(vec![
                    '0', '1', '7', '9', ',', '.', '+', '-', ' ', '\u{3000}', '\u{200B}', '/',
                    '\\', '*', 'x', '×', '＊', '１', '，', '—', '─', '无', '不', '适', '用', '空',
                    '元', '万', '件', '规', '章', '、', 'a', '\t',
                ]),
                0..8,
            )
        ) {
            let raw: String = raw.into_iter().collect();
            prop_assert_eq!(super::cell_value(&raw), super::cell_grammar(&raw), "{:?}", raw);
        }
    }

    use super::*;

    fn num(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cell_values_of_cells_md() {
        for (raw, value, unit) in [
            ("0", "0", None),
            ("12", "12", None),
            ("2,149", "2149", None),
            ("０", "0", None),
            ("２，１４９", "2149", None),
            ("-8", "-8", None),
            ("+3", "3", None),
            ("+1036", "1036", None),
            ("0.35", "0.35", None),
            ("251000元", "251000", Some("元")),
            ("12 件", "12", Some("件")),
            (" 4 ", "4", None),
            ("\u{3000}4\u{A0}", "4", None),
        ] {
            match cell_value(raw) {
                Lexeme::Number { value: v, unit: u } => {
                    assert_eq!((v, u.map(Unit::as_str)), (num(value), unit), "{raw}")
                }
                other => panic!("{raw}: {other:?}"),
            }
        }
        for raw in ["/", "／", "-", "—", "——", "无", "\\"] {
            assert_eq!(cell_value(raw), Lexeme::NotApplicable, "{raw}");
        }
        for raw in ["****", "**", "＊＊"] {
            assert_eq!(cell_value(raw), Lexeme::Masked, "{raw}");
        }
        for raw in ["", "  ", "\u{3000}"] {
            assert_eq!(cell_value(raw), Lexeme::Empty, "{raw:?}");
        }
        for raw in [
            "abc",
            "1,5",
            "12a",
            "1.2.3",
            "99999999999999999999999999999999999",
            "规章",
        ] {
            assert_eq!(cell_value(raw), Lexeme::Text, "{raw}");
        }
    }

    #[test]
    fn numbering_prefixes() {
        assert_eq!(numbering("一、本年新收"), Some((Numbering::Top(1), 2)));
        assert_eq!(numbering("(七)总计"), Some((Numbering::Paren(7), 3)));
        assert_eq!(numbering("1.属于国家秘密"), Some((Numbering::Arabic(1), 2)));
        assert_eq!(numbering("(3)其他"), Some((Numbering::Arabic(3), 3)));
        assert_eq!(numbering("十二、"), Some((Numbering::Top(12), 3)));
        assert_eq!(numbering("2023年"), None);
        assert_eq!(numbering("规章"), None);
        assert_eq!(numbering("0.35"), None);
    }

    #[test]
    fn chinese_numerals_of_one_to_three_characters_and_no_more() {
        assert_eq!(numbering("九十九、"), Some((Numbering::Top(99), 4)));
        assert_eq!(numbering("(十)"), Some((Numbering::Paren(10), 3)));
        assert_eq!(numbering("二十、"), Some((Numbering::Top(20), 3)));
        // four numeral characters are no numeral (read on the stack, three at most)
        assert_eq!(numbering("一二三四、"), None);
        assert_eq!(numbering("十十、"), None);
    }

    #[test]
    fn heading_prefixes() {
        assert_eq!(heading_prefix("一、总体情况"), Some((1, "一、".len())));
        assert_eq!(
            heading_prefix("## 二、主动公开"),
            Some((2, "## 二、".len()))
        );
        assert_eq!(heading_prefix(" 五、存在"), Some((5, " 五、".len())));
        assert_eq!(heading_prefix("三 、 本 年"), Some((3, "三 、 ".len())));
        assert_eq!(
            heading_prefix("第二部分 主动公开"),
            Some((2, "第二部分 ".len()))
        );
        assert_eq!(heading_prefix("二 主动公开"), Some((2, "二 ".len())));
        assert_eq!(heading_prefix("（一）主动公开"), None);
        assert_eq!(heading_prefix("一是加强"), None);
        assert_eq!(heading_prefix("二主动公开"), None);
        assert_eq!(
            heading_prefix("### 3. 收到和处理"),
            Some((3, "### 3. ".len()))
        );
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(
            date_line("2024年1月18日"),
            Some(((2024, 1, 18), 0, "2024年1月18日".len()))
        );
        assert_eq!(
            date_line(" 2024 年 1 月 18 日 ").map(|d| d.0),
            Some((2024, 1, 18))
        );
        assert_eq!(date_line("2024年13月18日"), None);
        assert_eq!(date_line("于2024年1月18日发布"), None);
        let found: Vec<i32> = years("2023年以来，2022 年度；12023年；1800年")
            .map(|(y, _)| y)
            .collect();
        assert_eq!(found, vec![2023, 2022]);
    }
}
