//! The decision: which reading of each undecided row the table's equations allow.
//!
//! A row whose text reads several ways (a glued digit run with more than one split, a crawler's
//! collapsed lines with more than one expansion) is a variable whose domain is its candidate
//! readings, each a vector of cell values. The template's equations are linear: each is a sum of
//! cells with coefficients ±1 plus a constant made of the cells that read one way. The solver
//! finds, for every variable, the readings that take part in some assignment satisfying every
//! equation it is in:
//!
//! 1. generalised arc consistency, one equation at a time: a candidate stays when the other
//!    variables of the equation can complete it (forward and backward sets of reachable partial
//!    sums), repeated to a fixpoint;
//! 2. then, for what is still open, a bounded backtracking search over the remaining
//!    combinations.
//!
//! An equation that no combination of readings satisfies is the report's own arithmetic error,
//! not evidence: it is set aside (it must not empty a domain and knock out rows it cannot
//! decide), and the variables in it are not decided at all: around an error, which equation is
//! wrong cannot be told, so none may choose their reading. A variable is decided when exactly
//! one of its readings survives; otherwise it stays undecided and its cells stay ambiguous. Work is bounded: partial-sum sets of at most
//! [`MAX_SUMS`] values, at most [`MAX_NODES`] search nodes per table.

use std::collections::HashSet;

/// The most distinct partial sums kept per equation and position; past it the equation is not
/// used for filtering (which loses information, never correctness).
pub(crate) const MAX_SUMS: usize = 4096;

/// The most nodes the backtracking search visits per table.
pub(crate) const MAX_NODES: usize = 200_000;

/// The most partial-sum operations the arc-consistency stage spends per table; past it the
/// candidates still alive stay alive (less is decided, nothing is decided wrongly).
pub(crate) const MAX_WORK: usize = 4_000_000;

/// One term of an equation: `coefficient × cell` of variable `var`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) var: usize,
    pub(crate) cell: usize,
    pub(crate) coefficient: i64,
}

/// `constant + Σ terms = 0`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Equation {
    pub(crate) constant: i64,
    pub(crate) terms: Vec<Term>,
}

/// For each variable, which of its candidates survive the equations (one: decided). A variable
/// in an equation no reading satisfies keeps all its candidates: nothing is concluded about it.
/// `domains[v]` lists the candidate value vectors of variable `v`.
pub(crate) fn solve(domains: &[Vec<Vec<i64>>], equations: &[Equation]) -> Vec<Vec<bool>> {
    let mut alive: Vec<Vec<bool>> = domains.iter().map(|d| vec![true; d.len()]).collect();
    let equations: Vec<&Equation> = equations.iter().filter(|e| !e.terms.is_empty()).collect();
    let mut usable = vec![true; equations.len()];
    // 1. arc consistency to a fixpoint (each round removes a candidate or stops)
    let total: usize = domains.iter().map(Vec::len).sum();
    let mut work = 0usize;
    'rounds: for _ in 0..=total {
        let mut changed = false;
        for (e, eq) in equations.iter().enumerate() {
            if !usable[e] {
                continue;
            }
            if work > MAX_WORK {
                break 'rounds;
            }
            match filter(domains, &alive, eq, &mut work) {
                Filtered::Keep(keep) => {
                    for (var, mask) in keep {
                        for (a, k) in alive[var].iter_mut().zip(mask) {
                            if *a && !k {
                                *a = false;
                                changed = true;
                            }
                        }
                    }
                }
                Filtered::Unsatisfiable => usable[e] = false,
                Filtered::TooLarge => {}
            }
        }
        if !changed {
            break;
        }
    }
    // 2. search what is still open
    let open: Vec<usize> = (0..domains.len())
        .filter(|&v| alive[v].iter().filter(|&&a| a).count() > 1)
        .collect();
    if !open.is_empty() {
        let used: Vec<&Equation> = equations
            .iter()
            .zip(&usable)
            .filter(|(_, u)| **u)
            .map(|(e, _)| *e)
            .collect();
        if let Some(seen) = search(domains, &alive, &open, &used) {
            for (&v, s) in open.iter().zip(seen) {
                for (a, s) in alive[v].iter_mut().zip(s) {
                    *a = *a && s;
                }
            }
        }
    }
    let mut tainted = vec![false; domains.len()];
    for (eq, _) in equations.iter().zip(&usable).filter(|(_, u)| !**u) {
        for t in &eq.terms {
            tainted[t.var] = true;
        }
    }
    alive
        .into_iter()
        .zip(tainted)
        .map(|(a, tainted)| if tainted { vec![true; a.len()] } else { a })
        .collect()
}

/// The index of the one surviving candidate, if exactly one survives.
#[cfg(test)]
fn decided(alive: &[bool]) -> Option<usize> {
    let mut it = alive.iter().enumerate().filter(|(_, a)| **a);
    match (it.next(), it.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

enum Filtered {
    /// Per variable of the equation, which candidates have support.
    Keep(Vec<(usize, Vec<bool>)>),
    /// No combination satisfies the equation.
    Unsatisfiable,
    /// Too many partial sums: not filtered.
    TooLarge,
}

/// The contribution of each live candidate of each variable of `eq` to its sum.
fn contributions(
    domains: &[Vec<Vec<i64>>],
    alive: &[Vec<bool>],
    eq: &Equation,
) -> Vec<(usize, Vec<Option<i64>>)> {
    let mut vars: Vec<usize> = eq.terms.iter().map(|t| t.var).collect();
    vars.sort_unstable();
    vars.dedup();
    vars.into_iter()
        .map(|v| {
            let c = domains[v]
                .iter()
                .zip(&alive[v])
                .map(|(cand, &a)| {
                    a.then(|| {
                        eq.terms
                            .iter()
                            .filter(|t| t.var == v)
                            .map(|t| t.coefficient * cand.get(t.cell).copied().unwrap_or(0))
                            .sum()
                    })
                })
                .collect();
            (v, c)
        })
        .collect()
}

fn filter(
    domains: &[Vec<Vec<i64>>],
    alive: &[Vec<bool>],
    eq: &Equation,
    work: &mut usize,
) -> Filtered {
    let contrib = contributions(domains, alive, eq);
    let m = contrib.len();
    // forward[i]: sums of the first i variables; backward[i]: sums of variables i..
    let mut forward: Vec<HashSet<i64>> = vec![HashSet::from([eq.constant])];
    for (_, c) in &contrib {
        let prev = forward.last().map_or_else(HashSet::new, Clone::clone);
        let mut next = HashSet::new();
        *work += prev.len() * c.len();
        for &s in &prev {
            for x in c.iter().flatten() {
                next.insert(s + x);
                if next.len() > MAX_SUMS {
                    return Filtered::TooLarge;
                }
            }
        }
        forward.push(next);
    }
    let mut backward: Vec<HashSet<i64>> = vec![HashSet::from([0]); m + 1];
    for i in (0..m).rev() {
        let mut next = HashSet::new();
        for &s in &backward[i + 1] {
            for x in contrib[i].1.iter().flatten() {
                next.insert(s + x);
                if next.len() > MAX_SUMS {
                    return Filtered::TooLarge;
                }
            }
        }
        backward[i] = next;
    }
    if !forward[m].contains(&0) {
        return Filtered::Unsatisfiable;
    }
    *work += contrib
        .iter()
        .enumerate()
        .map(|(i, (_, c))| c.len() * forward[i].len())
        .sum::<usize>();
    let keep = contrib
        .iter()
        .enumerate()
        .map(|(i, (v, c))| {
            let mask = c
                .iter()
                .map(|x| {
                    x.is_some_and(|x| {
                        forward[i]
                            .iter()
                            .any(|f| backward[i + 1].contains(&(-f - x)))
                    })
                })
                .collect();
            (*v, mask)
        })
        .collect();
    Filtered::Keep(keep)
}

/// Enumerates the combinations of the open variables' live candidates that satisfy every
/// equation; returns, per open variable, which candidates appear in some solution. `None` when
/// the work bound is reached first (nothing can be concluded).
fn search(
    domains: &[Vec<Vec<i64>>],
    alive: &[Vec<bool>],
    open: &[usize],
    equations: &[&Equation],
) -> Option<Vec<Vec<bool>>> {
    // the value of a decided variable's one candidate, or of the current pick
    let fixed: Vec<Option<usize>> = alive
        .iter()
        .map(|a| {
            let live: Vec<usize> = (0..a.len()).filter(|&i| a[i]).collect();
            (live.len() == 1).then(|| live[0])
        })
        .collect();
    let mut pick = fixed.clone();
    let mut seen: Vec<Vec<bool>> = open
        .iter()
        .map(|&v| vec![false; domains[v].len()])
        .collect();
    let mut nodes = 0usize;
    // an equation can be checked once all its variables are picked
    let ready_at: Vec<usize> = equations
        .iter()
        .map(|e| {
            e.terms
                .iter()
                .filter_map(|t| open.iter().position(|&v| v == t.var))
                .max()
                .map_or(0, |p| p + 1)
        })
        .collect();
    #[allow(clippy::too_many_arguments)]
    fn walk(
        depth: usize,
        domains: &[Vec<Vec<i64>>],
        alive: &[Vec<bool>],
        open: &[usize],
        equations: &[&Equation],
        ready_at: &[usize],
        pick: &mut Vec<Option<usize>>,
        seen: &mut Vec<Vec<bool>>,
        nodes: &mut usize,
    ) -> bool {
        *nodes += 1;
        if *nodes > MAX_NODES {
            return false;
        }
        // equations whose last open variable was just picked
        for (e, eq) in equations.iter().enumerate() {
            if ready_at[e] != depth || depth == 0 {
                continue;
            }
            let sum = eq.terms.iter().try_fold(eq.constant, |acc, t| {
                let c = pick[t.var]?;
                Some(acc + t.coefficient * domains[t.var][c].get(t.cell).copied().unwrap_or(0))
            });
            if sum.is_some_and(|s| s != 0) {
                return true;
            }
        }
        if depth == open.len() {
            for (k, &v) in open.iter().enumerate() {
                if let Some(c) = pick[v] {
                    seen[k][c] = true;
                }
            }
            return true;
        }
        let v = open[depth];
        for c in 0..domains[v].len() {
            if !alive[v][c] {
                continue;
            }
            pick[v] = Some(c);
            if !walk(
                depth + 1,
                domains,
                alive,
                open,
                equations,
                ready_at,
                pick,
                seen,
                nodes,
            ) {
                return false;
            }
        }
        pick[v] = None;
        true
    }
    let complete = walk(
        0, domains, alive, open, equations, &ready_at, &mut pick, &mut seen, &mut nodes,
    );
    // no solution at all: the equations (with the report's own errors) decide nothing
    (complete && seen.iter().all(|s| s.iter().any(|&x| x))).then_some(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(constant: i64, terms: &[(usize, usize, i64)]) -> Equation {
        Equation {
            constant,
            terms: terms
                .iter()
                .map(|&(var, cell, coefficient)| Term {
                    var,
                    cell,
                    coefficient,
                })
                .collect(),
        }
    }

    #[test]
    fn one_equation_decides_two_rows() {
        // a + b = 10 with a ∈ {3, 4}, b ∈ {6, 9}: only 4 + 6
        let domains = vec![vec![vec![3], vec![4]], vec![vec![6], vec![9]]];
        let r: Vec<Option<usize>> = solve(&domains, &[eq(-10, &[(0, 0, 1), (1, 0, 1)])])
            .iter()
            .map(|a| decided(a))
            .collect();
        assert_eq!(r, [Some(1), Some(0)]);
    }

    #[test]
    fn several_solutions_leave_rows_open() {
        // a + b = 10 with a ∈ {3, 4}, b ∈ {6, 7}: 3 + 7 and 4 + 6
        let domains = vec![vec![vec![3], vec![4]], vec![vec![6], vec![7]]];
        let r: Vec<Option<usize>> = solve(&domains, &[eq(-10, &[(0, 0, 1), (1, 0, 1)])])
            .iter()
            .map(|a| decided(a))
            .collect();
        assert_eq!(r, [None, None]);
    }

    #[test]
    fn an_unsatisfiable_equation_is_set_aside_and_decides_nothing_in_it() {
        // a = 5 cannot hold (a ∈ {1, 2}): a is not decided, although a + b = 3 would pick 2;
        // b ∈ {1, 5} is still decided by a + b = 3 (1 with either reading of a)
        let domains = vec![vec![vec![1], vec![2]], vec![vec![1], vec![5]]];
        let r: Vec<Option<usize>> = solve(
            &domains,
            &[eq(-5, &[(0, 0, 1)]), eq(-3, &[(0, 0, 1), (1, 0, 1)])],
        )
        .iter()
        .map(|a| decided(a))
        .collect();
        assert_eq!(r, [None, Some(0)]);
    }

    #[test]
    fn coupled_rows_need_the_search() {
        // vectors: x ∈ {(1,2), (2,1)}, y ∈ {(1,2), (2,1)}; column 0: x0 + y0 = 3, column 1:
        // x1 - y1 = 1 → x = (2,1)? x1 - y1 = 1 needs (x1,y1) = (2,1): x = (1,2), y = (2,1)
        let both = vec![vec![1, 2], vec![2, 1]];
        let domains = vec![both.clone(), both];
        let r: Vec<Option<usize>> = solve(
            &domains,
            &[
                eq(-3, &[(0, 0, 1), (1, 0, 1)]),
                eq(-1, &[(0, 1, 1), (1, 1, -1)]),
            ],
        )
        .iter()
        .map(|a| decided(a))
        .collect();
        assert_eq!(r, [Some(0), Some(1)]);
    }

    #[test]
    fn many_rows_are_decided_together_in_linear_work() {
        // 40 rows each {(0), (1)}, chained by a_i + a_{i+1} = 1 and a_0 = 1: alternating
        let n = 40;
        let domains: Vec<Vec<Vec<i64>>> = (0..n).map(|_| vec![vec![0], vec![1]]).collect();
        let mut eqs = vec![eq(-1, &[(0, 0, 1)])];
        for i in 0..n - 1 {
            eqs.push(eq(-1, &[(i, 0, 1), (i + 1, 0, 1)]));
        }
        let r: Vec<Option<usize>> = solve(&domains, &eqs).iter().map(|a| decided(a)).collect();
        for (i, d) in r.iter().enumerate() {
            assert_eq!(*d, Some(if i % 2 == 0 { 1 } else { 0 }), "row {i}");
        }
    }
}
