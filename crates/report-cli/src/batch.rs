//! Checking an archive: every file on every core, results written in input order whatever the
//! thread timing, memory flat in the number of files.
//!
//! Two passes. The first reads each report's issuing body and year, so that reports of the same
//! body in consecutive years can be paired; the second checks each file (and, for a file with a
//! predecessor, compares it with the year before, its `previous.*` findings attached to the later
//! report and naming the earlier file) and streams its JSON line and CSV rows out. Files are
//! processed in chunks of [`CHUNK`]; only the chunk's serialised results are held, never the
//! reports.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::time::Instant;

use rayon::prelude::*;
use report_rules::Severity;

use crate::files::{self, Input};
use crate::{Checked, contract_json, csv_rows};

/// How many files are checked between two writes of results.
pub const CHUNK: usize = 256;

/// Where a batch writes, and how it shows progress.
pub struct Sinks<'a> {
    /// The JSON Lines, one object per input in input order.
    pub jsonl: &'a mut dyn Write,
    /// The CSV of cells, when asked for (its header already written).
    pub csv: Option<&'a mut dyn Write>,
    /// The progress bar (hidden when stderr is no terminal).
    pub progress: indicatif::ProgressBar,
}

/// What a batch did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// Inputs checked.
    pub files: usize,
    /// Inputs read as reports.
    pub read: usize,
    /// Inputs read but refused (not a report, not decodable, too large).
    pub refused: usize,
    /// Inputs that could not be read (missing, unreadable).
    pub failed: usize,
    /// Files skipped in directories for their extension.
    pub skipped: usize,
    /// Cells read (numbers, blanks, placeholders, masks).
    pub cells_read: usize,
    /// Cells whose value is in the text but was not read (ambiguous, invalid).
    pub cells_not_read: usize,
    /// Findings per (rule, severity).
    pub findings: BTreeMap<(String, &'static str), usize>,
    /// Reports compared with the same body's report of the year before.
    pub pairs: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Summary {
    /// The summary in words.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "文件 {} 个：读取 {}，拒绝 {}（不是年度报告或无法解码），失败 {}（无法读取）；按扩展名跳过 {} 个",
            self.files, self.read, self.refused, self.failed, self.skipped
        );
        let _ = writeln!(
            out,
            "单元格：读取 {}，未能读出 {}；与上一年报告比对 {} 份",
            self.cells_read, self.cells_not_read, self.pairs
        );
        let mut by_severity: BTreeMap<&str, usize> = BTreeMap::new();
        for ((_, s), n) in &self.findings {
            *by_severity.entry(s).or_default() += n;
        }
        let _ = writeln!(
            out,
            "检查结果：错误 {} 条，警告 {} 条，提示 {} 条",
            by_severity.get("error").copied().unwrap_or(0),
            by_severity.get("warning").copied().unwrap_or(0),
            by_severity.get("info").copied().unwrap_or(0)
        );
        for ((rule, severity), n) in &self.findings {
            let _ = writeln!(out, "  {severity:<7} {rule:<44} {n}");
        }
        let mb = self.bytes as f64 / 1e6;
        let _ = writeln!(
            out,
            "用时 {:.2} 秒，{:.1} MB，{:.1} MB/s",
            self.seconds,
            mb,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        );
        out
    }
}

use std::fmt::Write as _;

/// One file's results, serialised.
struct Done {
    json: String,
    /// The file's CSV rows, serialised on the worker thread.
    csv: Vec<u8>,
    kind: Outcome,
    cells_read: usize,
    cells_not_read: usize,
    findings: Vec<(String, Severity)>,
    bytes: u64,
    paired: bool,
}

enum Outcome {
    Read,
    Refused,
    Failed,
}

/// The issuing body and year of a report, for pairing consecutive years.
fn identity(input: &Input) -> Option<(String, i32)> {
    let bytes = files::read(input).ok()?;
    let (_, report) = report_parse::parse_bytes(&bytes).ok()?;
    let body = report.metadata.body.as_ref()?.value.clone();
    Some((body, report.year()?))
}

fn process(input: &Input, previous: Option<&Input>) -> Done {
    let (mut checked, bytes) = match files::read(input) {
        Ok(bytes) => {
            let len = bytes.len() as u64;
            (Checked::run_owned(&input.name(), bytes), len)
        }
        Err(reason) => (Checked::failed(&input.name(), reason), 0),
    };
    let mut paired = false;
    if let (Some(prev), Some(report)) = (previous, checked.report()) {
        let earlier = files::read(prev)
            .ok()
            .and_then(|b| report_parse::parse_bytes(&b).ok());
        if let Some((_, earlier)) = earlier {
            let found =
                report_rules::check_previous(report, &earlier, &report_rules::Config::default());
            checked.findings.extend(found);
            checked.previous = Some(prev.name());
            paired = true;
        }
    }
    let kind = match &checked.outcome {
        Ok(_) => Outcome::Read,
        Err(crate::Failure::Parse(_)) => Outcome::Refused,
        Err(crate::Failure::Io(_)) => Outcome::Failed,
    };
    let (mut cells_read, mut cells_not_read) = (0, 0);
    if let Some(report) = checked.report() {
        for c in report.cells() {
            if matches!(
                c.kind,
                report_model::CellKind::Ambiguous | report_model::CellKind::Invalid
            ) {
                cells_not_read += 1;
            } else {
                cells_read += 1;
            }
        }
    }
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for row in csv_rows(&checked) {
        // writing into memory cannot fail
        let _ = csv.write_record(&row);
    }
    Done {
        json: contract_json(&checked).to_string(),
        csv: csv.into_inner().unwrap_or_default(),
        kind,
        cells_read,
        cells_not_read,
        findings: checked
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect(),
        bytes,
        paired,
    }
}

/// Checks `inputs` on every core (rayon's pool; `RAYON_NUM_THREADS` sets its size) and writes
/// their results to `sinks` in input order. One input failing never stops the batch.
pub fn run(inputs: &[Input], skipped: usize, sinks: &mut Sinks<'_>) -> std::io::Result<Summary> {
    let started = Instant::now();
    let n = inputs.len();
    // pass 1: who and which year, to pair a body's consecutive years
    sinks.progress.set_length(2 * n as u64);
    sinks.progress.set_message("读取发布机关和年度");
    let identities: Vec<Option<(String, i32)>> = inputs
        .par_iter()
        .map(|i| {
            let id = identity(i);
            sinks.progress.inc(1);
            id
        })
        .collect();
    let mut by_key: HashMap<(&str, i32), usize> = HashMap::new();
    for (i, id) in identities.iter().enumerate() {
        if let Some((body, year)) = id {
            // the first file of a body and year in input order stands for it
            by_key.entry((body.as_str(), *year)).or_insert(i);
        }
    }
    let previous: Vec<Option<usize>> = identities
        .iter()
        .map(|id| {
            let (body, year) = id.as_ref()?;
            by_key.get(&(body.as_str(), year - 1)).copied()
        })
        .collect();
    drop(by_key);
    // pass 2: check, compare, write in order
    sinks.progress.set_message("检查");
    let mut summary = Summary {
        files: n,
        skipped,
        ..Summary::default()
    };
    let indexes: Vec<usize> = (0..n).collect();
    for chunk in indexes.chunks(CHUNK) {
        let done: Vec<Done> = chunk
            .par_iter()
            .map(|&i| {
                let d = process(&inputs[i], previous[i].map(|p| &inputs[p]));
                sinks.progress.inc(1);
                d
            })
            .collect();
        for d in done {
            writeln!(sinks.jsonl, "{}", d.json)?;
            if let Some(csv) = sinks.csv.as_mut() {
                csv.write_all(&d.csv)?;
            }
            match d.kind {
                Outcome::Read => summary.read += 1,
                Outcome::Refused => summary.refused += 1,
                Outcome::Failed => summary.failed += 1,
            }
            summary.cells_read += d.cells_read;
            summary.cells_not_read += d.cells_not_read;
            summary.bytes += d.bytes;
            summary.pairs += usize::from(d.paired);
            for (rule, severity) in d.findings {
                *summary
                    .findings
                    .entry((rule, severity.as_str()))
                    .or_default() += 1;
            }
        }
    }
    if let Some(csv) = sinks.csv.as_mut() {
        csv.flush()?;
    }
    sinks.jsonl.flush()?;
    sinks.progress.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
