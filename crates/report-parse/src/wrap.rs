//! Labels wrapped inside narrow label columns, as `pdftotext -layout` gives a table made in an
//! office program: a row's values stand on the first line of its label, the rest of the label
//! follows on lines of text alone (`5.属于三` / `类内部事` / `务信息`), and the group labels written
//! down the side wrap beside them (`三、本年` / `度办理结` / `果`).
//!
//! Each piece of such a wrapped label is joined to the label it continues: the nearest label
//! above it in the same text column (columns counted in characters, as `pdftotext -layout`
//! aligns them), or, when no label stands in that column (a page break shifted the columns), the
//! label of the row above. A piece that opens with a numbering (`（四）`, `1.`) starts a label of
//! its own and is never joined. The joined label is one token whose normalised text is the
//! whole label, so the alignment sees `5.属于三类内部事务信息` and not four fragments.

use report_model::Span;

use crate::lex;
use crate::text::Norm;
use crate::tokens::{Class, Token};

/// The longest piece (in characters) taken for a fragment of a wrapped label; longer text is
/// prose or a header, not a label squeezed into a narrow column.
const MAX_PIECE: usize = 14;

/// How many lines below its label a piece may stand.
const MAX_LINES: usize = 8;

/// Joins the pieces of wrapped labels in `tokens` (the tokens of `text`). Does nothing unless
/// the table has rows laid out one per line with their values, aligned with spaces (the layout
/// that wraps labels). `continues(a, b)` says whether the text `b` continues `a` as a label of
/// the table (the characters of `b` carry on some row's label where `a` left it): a piece
/// joins a label only then, and a piece on a line of its own may instead be the start of the
/// label below it (a label broken before its values' line). Returns the pieces joined: the span
/// of the label each joined, and its own.
pub(crate) fn join_wrapped_labels(
    text: &str,
    tokens: &mut Vec<Token<'_>>,
    continues: &dyn Fn(&Norm, &Norm) -> bool,
) -> Vec<(Span, Span)> {
    let value_lines: Vec<usize> = lines_with_values(tokens);
    // only columns aligned with spaces wrap this way; cells in `|`/tab fields never do
    if value_lines.len() < 3 || tokens.iter().any(|t| t.boxed) {
        return Vec::new();
    }
    let column = |t: &Token<'_>| {
        let line_start = text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..t.span.start].chars().count()
    };
    let is_row_label = |tokens: &[Token<'_>], i: usize| {
        value_lines.binary_search(&tokens[i].line).is_ok()
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.line == tokens[i].line && n.is_value_like())
    };
    let first_value_line = value_lines[0];
    // heads: indexes of tokens that pieces may join, with their column and line
    let mut heads: Vec<(usize, usize, usize)> = Vec::new();
    // a piece joins a head after it (`After`) or before it (`Before`)
    let mut joined: Vec<Option<(usize, bool)>> = vec![None; tokens.len()];
    let mut norms: Vec<Option<Norm>> = tokens.iter().map(|t| t.norm.clone()).collect();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if t.class != Class::Text || t.line < first_value_line {
            continue;
        }
        let col = column(t);
        let on_value_line = value_lines.binary_search(&t.line).is_ok();
        let numbered = t
            .norm
            .as_ref()
            .is_some_and(|n| lex::numbering(&n.as_string()).is_some());
        // a caption or header of table 二's blocks is never a piece of a label
        let caption = ["第二十条", "信息内容", "申请人"]
            .iter()
            .any(|k| t.norm.as_ref().is_some_and(|n| n.contains(k)));
        let short = t.text(text).chars().count() <= MAX_PIECE && !caption;
        // the label nearest to the value line's values starts its row: never a piece
        if numbered || is_row_label(tokens, i) || !short {
            heads.push((i, col, t.line));
            continue;
        }
        // a piece: the nearest head above in its column, else the row label of the line above
        let near = heads
            .iter()
            .rev()
            .take_while(|&&(_, _, line)| t.line - line <= MAX_LINES)
            .find(|&&(_, c, _)| c.abs_diff(col) <= 1)
            .map(|&(h, _, _)| h);
        let fallback = heads
            .iter()
            .rev()
            .take_while(|&&(_, _, line)| t.line - line <= MAX_LINES)
            .find(|&&(h, _, _)| is_row_label(tokens, h))
            .map(|&(h, _, _)| h);
        let up = match near {
            Some(h) => Some(h),
            None if !on_value_line => fallback,
            None => None,
        };
        // on a line of its own, the piece may begin the next row's label instead
        let down = (!on_value_line)
            .then(|| {
                (i + 1..tokens.len())
                    .take_while(|&j| tokens[j].line - t.line <= MAX_LINES)
                    .find(|&j| tokens[j].class == Class::Text && is_row_label(tokens, j))
            })
            .flatten()
            .filter(|&j| {
                // nothing but pieces between
                (i + 1..j).all(|k| tokens[k].class == Class::Text && !is_row_label(tokens, k))
            });
        let piece = norms[i].clone().unwrap_or_default();
        let up_ok = up.is_some_and(|h| {
            norms[h]
                .as_ref()
                .is_some_and(|head| continues(head, &piece))
        });
        let down_ok = down.is_some_and(|h| {
            norms[h]
                .as_ref()
                .is_some_and(|head| continues(&piece, head))
        });
        match (up, down) {
            // in the same column as the label above and carrying it on: its continuation
            (Some(h), _) if up_ok && near.is_some() => {
                let head = norms[h].clone().unwrap_or_default();
                norms[h] = Some(Norm::concat(&head, &piece));
                joined[i] = Some((h, true));
            }
            (_, Some(d)) if down_ok => joined[i] = Some((d, false)),
            (Some(h), _) if up_ok => {
                let head = norms[h].clone().unwrap_or_default();
                norms[h] = Some(Norm::concat(&head, &piece));
                joined[i] = Some((h, true));
            }
            _ => heads.push((i, col, t.line)),
        }
    }
    if joined.iter().all(Option::is_none) {
        return Vec::new();
    }
    let pieces: Vec<(Span, Span)> = joined
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|(h, _)| (tokens[h].span, tokens[i].span)))
        .collect();
    // pieces that begin a label below go before it, in order
    let mut prefixes: Vec<Vec<usize>> = vec![Vec::new(); tokens.len()];
    for (i, j) in joined.iter().enumerate() {
        if let Some((h, false)) = j {
            prefixes[*h].push(i);
        }
    }
    for h in 0..tokens.len() {
        if prefixes[h].is_empty() {
            continue;
        }
        let mut norm = Norm::default();
        for &p in &prefixes[h] {
            norm = Norm::concat(&norm, tokens[p].norm.as_ref().unwrap_or(&Norm::default()));
        }
        if let Some(head) = norms[h].as_ref() {
            norms[h] = Some(Norm::concat(&norm, head));
        }
    }
    for (t, n) in tokens.iter_mut().zip(norms) {
        t.norm = n;
    }
    let mut i = 0;
    tokens.retain(|_| {
        let keep = joined[i].is_none();
        i += 1;
        keep
    });
    pieces
}

/// The lines (token line numbers, ascending) holding a label and at least two values.
fn lines_with_values(tokens: &[Token<'_>]) -> Vec<usize> {
    crate::table::line_ranges(tokens)
        .into_iter()
        .filter(|&(i, end)| {
            (i..end)
                .filter(|&t| matches!(tokens[t].class, Class::Value(_)))
                .count()
                >= 2
                && (i..end).any(|t| tokens[t].class == Class::Text)
        })
        .map(|(i, _)| tokens[i].line)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;
    use report_model::Span;

    fn labels(text: &str) -> Vec<String> {
        let (mut tokens, _) = tokenize(text, Span::new(0, text.len()));
        // the labels of the template these cases use
        let labels: Vec<crate::text::Pattern> = [
            "三、本年度办理结果",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（三）不予公开",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ]
        .map(crate::text::Pattern::new)
        .to_vec();
        join_wrapped_labels(text, &mut tokens, &|a: &Norm, b: &Norm| {
            labels.iter().any(|p| crate::text::continues(p, a, b))
        });
        tokens
            .iter()
            .filter(|t| t.class == Class::Text)
            .filter_map(|t| t.norm.as_ref().map(Norm::as_string))
            .collect()
    }

    #[test]
    fn wrapped_row_and_group_labels_are_joined() {
        let text = "\
三、本年   （一）予以公开        3      4      5      6      7      8      33
度办理结
果      （二）部分公开（区分     10     11     12     13     14     15     75
       处理的，只计这一情
       形，不计其他情形）

       （三）不   1.属于国   17     18     19     20     21     22     117
       予公开    家秘密

              2.其他法   24     25     26     27     28     29     159
              律行政法
              规禁止公
              开
";
        assert_eq!(
            labels(text),
            [
                "三、本年度办理结果",
                "(一)予以公开",
                "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
                "(三)不予公开",
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
            ]
        );
    }

    #[test]
    fn a_page_break_that_shifts_the_columns_joins_to_the_row_above() {
        let text = "\
       1.申请人   129   130   131   132   133   134   789
       无正当理
       2.申请人   136   137   138   139   140   141   831
       逾期未按
                  收费通知
                  要求缴纳
                  3.其他        143        144         145        146         147        148         873
";
        assert_eq!(
            labels(text),
            [
                "1.申请人无正当理",
                "2.申请人逾期未按收费通知要求缴纳",
                "3.其他"
            ]
        );
    }

    #[test]
    fn one_line_rows_are_left_alone() {
        let text = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n";
        assert_eq!(labels(text).len(), 2);
    }
}
