//! A positional reader, as the common prototypes read these reports: find the headings of
//! tables 三 and 四, take every run of ASCII digits after each in order, and fill the
//! template's cells with them (7 per row of table 三, 15 for table 四). No checks, no layouts,
//! no diagnostics: it exists only so the benchmarks can print "ours / positional" on the same
//! inputs in one run. It reads glued, collapsed and masked text wrongly; that is not its job.

/// Cells of table 三 on the 2021 template (25 rows × 7 columns).
const REQUEST_CELLS: usize = 25 * 7;
/// Cells of table 四.
const APPEAL_CELLS: usize = 15;

/// What the positional reader fills: the cells it found, in template order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Filled {
    /// Table 三, row-major, as many as were found (at most 175).
    pub requests: Vec<u64>,
    /// Table 四, as many as were found (at most 15).
    pub appeals: Vec<u64>,
}

/// Reads tables 三 and 四 of `text` by position.
pub fn read(text: &str) -> Filled {
    let requests_at = text.find("收到和处理政府信息公开申请情况");
    let appeals_at = text
        .find("行政复议、行政诉讼情况")
        .or_else(|| text.find("行政复议"));
    let mut out = Filled::default();
    if let Some(start) = requests_at {
        let end = appeals_at.filter(|&a| a > start).unwrap_or(text.len());
        // the printed rule under the table heading holds no cell; skip past "第四项之和"
        let body = &text[start..end];
        let body = body.find("之和").map_or(body, |i| &body[i..]);
        fill(body, REQUEST_CELLS, &mut out.requests);
    }
    if let Some(start) = appeals_at {
        let end = text[start..]
            .find("存在的主要问题")
            .map_or(text.len(), |i| start + i);
        fill(&text[start..end], APPEAL_CELLS, &mut out.appeals);
    }
    out
}

fn fill(text: &str, cells: usize, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && out.len() < cells {
        if bytes[i].is_ascii_digit() {
            let mut value = 0u64;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(bytes[i] - b'0'));
                i += 1;
            }
            out.push(value);
        } else {
            i += 1;
        }
    }
}

/// The positional reader's whole job on one file, from bytes (UTF-8 only, as the prototypes
/// assume); returns the number of cells filled.
pub fn read_bytes(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let filled = read(&text);
    filled.requests.len() + filled.appeals.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_cells_in_order_after_the_headings() {
        let text = "三、收到和处理政府信息公开申请情况\n第一项加第二项之和\n一、本年新收 1 2 3\n四、政府信息公开行政复议、行政诉讼情况\n 4 5\n五、存在的主要问题";
        let filled = read(text);
        assert_eq!(filled.requests, [1, 2, 3]);
        assert_eq!(filled.appeals, [4, 5]);
    }
}
