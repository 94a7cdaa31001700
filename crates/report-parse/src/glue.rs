//! Runs of digits whose separators were lost: `1520000017` for the seven cells 15, 2, 0, 0, 0,
//! 0, 17. The template decides the split: the row total (the last of a row of table 三 is the
//! sum of the six before it), the block totals of table 四. Where more than one split fits, all
//! are returned and the caller places nothing.
//!
//! Time is bounded whatever the run: a cell holds at most [`MAX_DIGITS`] digits, so a run longer
//! than `cells × MAX_DIGITS` is refused at once, and the search stops after [`MAX_STEPS`] steps.

/// The most digits one cell may have (counts above 999 999 do not occur in these tables).
pub(crate) const MAX_DIGITS: usize = 6;

/// The most partial splits examined for one run.
pub(crate) const MAX_STEPS: usize = 200_000;

/// The most candidate splits kept: enough for the column equations to choose among (a row of
/// two-digit values has dozens that fit its total), few enough to bound their work.
const MAX_CANDIDATES: usize = 256;

/// What a run's cells must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Constraint {
    /// No equation (rows of table 二).
    None,
    /// Blocks of `size` cells whose last is the sum of the others (a row of table 三: one block
    /// of 7; table 四: three blocks of 5).
    BlockTotals { size: usize },
}

/// The outcome of splitting a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Split {
    /// Exactly one split fits: the byte ranges of the cells within the run.
    One(Vec<(usize, usize)>),
    /// Several fit (up to [`MAX_CANDIDATES`] of them listed; `more` when the list is cut), with
    /// the byte ranges of each candidate's cells.
    Many {
        candidates: Vec<Vec<u64>>,
        ranges: Vec<Vec<(usize, usize)>>,
        more: bool,
    },
    /// None fits, or the run is too long to hold the cells.
    None,
}

/// Splits the ASCII digit run `digits` into `cells` numbers satisfying `constraint`.
#[cfg(test)]
pub(crate) fn split(digits: &str, cells: usize, constraint: Constraint) -> Split {
    split_at(digits, cells, constraint, None)
}

/// [`split`], with cuts only where `allowed[i]` (a cut before byte `i`) is true, and no cell of
/// several digits starting with 0: the readings of values broken over lines, which may be
/// joined but not cut.
pub(crate) fn split_at(
    digits: &str,
    cells: usize,
    constraint: Constraint,
    allowed: Option<&[bool]>,
) -> Split {
    let bytes = digits.as_bytes();
    if cells == 0
        || bytes.len() < cells
        || bytes.len() > cells * MAX_DIGITS
        || !bytes.iter().all(u8::is_ascii_digit)
    {
        return Split::None;
    }
    let mut search = Search {
        bytes,
        cells,
        constraint,
        allowed,
        steps: 0,
        cuts: Vec::with_capacity(cells),
        found: Vec::new(),
        more: false,
    };
    search.walk(0, 0);
    // Splits that differ only in where a leading zero went (`0` `017` or `00` `17`) give the
    // same cells: the values decide. The span of each cell is taken from the split with the
    // fewest leading zeros.
    let value_of = |cuts: &[usize]| -> Vec<u64> {
        let mut start = 0;
        cuts.iter()
            .map(|&end| {
                let v = digits[start..end].parse().unwrap_or(0);
                start = end;
                v
            })
            .collect()
    };
    let leading_zeros = |cuts: &[usize]| {
        let mut start = 0;
        cuts.iter()
            .filter(|&&end| {
                let z = end - start > 1 && bytes[start] == b'0';
                start = end;
                z
            })
            .count()
    };
    let to_ranges = |cuts: &[usize]| {
        let mut start = 0;
        cuts.iter()
            .map(|&end| {
                let r = (start, end);
                start = end;
                r
            })
            .collect::<Vec<_>>()
    };
    // distinct value vectors, each with the split of fewest leading zeros
    let mut distinct: Vec<(Vec<u64>, Vec<usize>)> = Vec::new();
    for cuts in &search.found {
        let v = value_of(cuts);
        match distinct.iter_mut().find(|(d, _)| *d == v) {
            Some((_, best)) if leading_zeros(cuts) < leading_zeros(best) => *best = cuts.clone(),
            Some(_) => {}
            None => distinct.push((v, cuts.clone())),
        }
    }
    match distinct.len() {
        0 => Split::None,
        1 if !search.more => Split::One(to_ranges(&distinct[0].1)),
        _ => Split::Many {
            ranges: distinct.iter().map(|(_, c)| to_ranges(c)).collect(),
            candidates: distinct.into_iter().map(|(v, _)| v).collect(),
            more: search.more,
        },
    }
}

struct Search<'a> {
    bytes: &'a [u8],
    cells: usize,
    constraint: Constraint,
    allowed: Option<&'a [bool]>,
    steps: usize,
    /// End offsets of the cells chosen so far.
    cuts: Vec<usize>,
    found: Vec<Vec<usize>>,
    more: bool,
}

impl Search<'_> {
    fn value(&self, start: usize, end: usize) -> u64 {
        self.bytes[start..end]
            .iter()
            .fold(0u64, |v, &b| v * 10 + u64::from(b - b'0'))
    }

    /// Places cell number `self.cuts.len()` starting at `start`; `block_sum` is the sum of the
    /// current block's cells so far (its total excluded).
    fn walk(&mut self, start: usize, block_sum: u64) {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.more = true;
            return;
        }
        let index = self.cuts.len();
        let left = self.cells - index;
        if left == 0 {
            if start == self.bytes.len() {
                if self.found.len() < MAX_CANDIDATES {
                    self.found.push(self.cuts.clone());
                } else {
                    self.more = true;
                }
            }
            return;
        }
        let remaining = self.bytes.len() - start;
        if remaining < left || remaining > left * MAX_DIGITS {
            return;
        }
        let max_len = MAX_DIGITS.min(remaining - (left - 1));
        for len in 1..=max_len {
            let end = start + len;
            if let Some(allowed) = self.allowed {
                let cut_ok = end == self.bytes.len() || allowed.get(end).copied().unwrap_or(false);
                if !cut_ok || (len > 1 && self.bytes[start] == b'0') {
                    continue;
                }
            }
            let v = self.value(start, end);
            let next_sum = match self.constraint {
                Constraint::BlockTotals { size } if (index + 1).is_multiple_of(size) => {
                    if v != block_sum {
                        continue; // a block's total must be the sum of its cells
                    }
                    0
                }
                Constraint::BlockTotals { .. } => block_sum.saturating_add(v),
                Constraint::None => 0,
            };
            self.cuts.push(end);
            self.walk(end, next_sum);
            self.cuts.pop();
            if self.more && self.steps > MAX_STEPS {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(digits: &str, ranges: &[(usize, usize)]) -> Vec<String> {
        ranges
            .iter()
            .map(|&(s, e)| digits[s..e].to_owned())
            .collect()
    }

    #[test]
    fn the_row_total_decides() {
        let row = Constraint::BlockTotals { size: 7 };
        match split("152000017", 7, row) {
            Split::One(r) => assert_eq!(
                values("152000017", &r),
                ["15", "2", "0", "0", "0", "0", "17"]
            ),
            other => panic!("{other:?}"),
        }
        // the example has one zero more; wherever it goes, the cells are the same
        match split("1520000017", 7, row) {
            Split::One(r) => {
                let v: Vec<u64> = values("1520000017", &r)
                    .iter()
                    .map(|s| s.parse().unwrap())
                    .collect();
                assert_eq!(v, [15, 2, 0, 0, 0, 0, 17]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            split("0000000", 7, row),
            Split::One((0..7).map(|i| (i, i + 1)).collect())
        );
    }

    #[test]
    fn several_splits_are_all_reported() {
        match split("212003026", 7, Constraint::BlockTotals { size: 7 }) {
            Split::Many {
                candidates, more, ..
            } => {
                assert!(!more);
                assert_eq!(candidates.len(), 2);
                assert!(candidates.contains(&vec![2, 1, 20, 0, 3, 0, 26]));
                assert!(candidates.contains(&vec![21, 2, 0, 0, 3, 0, 26]));
            }
            other => panic!("{other:?}"),
        }
        // no equation: a three-digit run into three cells is certain, a four-digit one is not
        assert_eq!(
            split("305", 3, Constraint::None),
            Split::One(vec![(0, 1), (1, 2), (2, 3)])
        );
        assert!(matches!(
            split("3051", 3, Constraint::None),
            Split::Many { .. }
        ));
        // splits differing only in a leading zero's place are one candidate
        assert!(
            matches!(split("1000", 2, Constraint::None), Split::Many { candidates, .. } if candidates.len() == 3)
        );
    }

    #[test]
    fn impossible_runs_are_refused_at_once() {
        assert_eq!(split("123", 7, Constraint::None), Split::None);
        let long = "7".repeat(100_000);
        assert_eq!(
            split(&long, 7, Constraint::BlockTotals { size: 7 }),
            Split::None
        );
        // totals that do not add up: no split
        assert_eq!(
            split("1111111", 7, Constraint::BlockTotals { size: 7 }),
            Split::None
        );
    }

    #[test]
    fn table_four_blocks() {
        let run = "110020000010001";
        match split(run, 15, Constraint::BlockTotals { size: 5 }) {
            Split::One(r) => assert_eq!(values(run, &r).concat(), run),
            other => panic!("{other:?}"),
        }
    }
}
