//! `gov-report`: checks 政府信息公开工作年度报告 — one report, a folder, an archive.
//!
//! See `gov-report --help`.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand, ValueEnum};
use report_cli::files::{self, Input};
use report_cli::{
    Checked, Options, batch, contract_json_with, render_finding_with, render_text_with,
    unplaced_json,
};
use report_rules::Severity;

const EXIT_CODES: &str = "\
退出码 (exit codes):
  0  没有错误级别的检查结果 (no finding is an error)
  1  至少一份报告有错误级别的检查结果 (some finding is an error)
  2  至少一个输入无法读取，或命令行有误 (an input could not be read, or the command line is wrong)";

/// Reads and checks 政府信息公开工作年度报告 (government information-disclosure annual
/// reports): text, markdown, HTML, Word (.docx) and PDF files, in whatever layout they arrive.
#[derive(Parser)]
#[command(name = "gov-report", version, propagate_version = true, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Only {
    /// Errors only.
    Error,
    /// Errors and warnings.
    Warning,
}

impl From<Only> for Severity {
    fn from(o: Only) -> Severity {
        match o {
            Only::Error => Severity::Error,
            Only::Warning => Severity::Warning,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check reports: files, directories (their .txt .md .html .htm .docx .pdf files; .doc .wps
    /// .rtf .ofd files and scanned PDFs are listed with why they are not read) or `-` for
    /// standard input. Prints what was read, what was not, and what is wrong.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Files, directories, or `-` for standard input.
        paths: Vec<String>,
        /// One JSON object per report (JSON Lines, the contract of CELLS.md).
        #[arg(long)]
        json: bool,
        /// Show only findings of this severity or worse.
        #[arg(long, value_enum)]
        only: Option<Only>,
        /// List the text inside the tables that was not placed (neither a cell, a label, a
        /// header nor quoted by a finding); with --json, as `unplaced`.
        #[arg(long)]
        unplaced: bool,
    },
    /// Check an archive on every core: JSON Lines and a CSV of cells, a summary at the end.
    /// Reports of the same issuing body in consecutive years are compared (carry-over,
    /// documents in force, 内容雷同).
    #[command(after_help = EXIT_CODES)]
    Batch {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Where the JSON Lines go (standard output when not given).
        #[arg(long)]
        out: Option<PathBuf>,
        /// A CSV of every cell: source,body,year,table,template,address,kind,value,raw,line,column.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Start the CSV with a byte-order mark, for Excel.
        #[arg(long)]
        excel: bool,
    },
    /// Print the text read from a file, as the checker reads it: a Word or PDF document's
    /// paragraphs and lines, each table row as `cell | cell |`, with the page or table it stands
    /// in (`--origins`); text and HTML decoded.
    Text {
        /// The file.
        path: PathBuf,
        /// Start each line with where it stands in the document (`第2页`, `第1个表格第3行`).
        #[arg(long)]
        origins: bool,
    },
    /// Serve the web page on this computer (http://127.0.0.1:PORT/): the checker runs in the
    /// browser, files are read there and never sent; the page and its WebAssembly are in this
    /// binary (when it was built after web/build.sh).
    Serve {
        /// The port (0: any free port).
        #[arg(long, default_value_t = 8419)]
        port: u16,
    },
    /// Check a region's report against its bodies' reports: every cell of the parent equals the
    /// sum of the children's.
    #[command(after_help = EXIT_CODES)]
    Region {
        /// The region's report.
        parent: String,
        /// The reports of the bodies it sums.
        #[arg(required = true)]
        children: Vec<String>,
        /// The findings as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Check {
            paths,
            json,
            only,
            unplaced,
        } => check(
            &paths,
            json,
            Options {
                colour,
                only: only.map(Severity::from),
                unplaced,
            },
        ),
        Command::Batch {
            paths,
            out,
            csv,
            excel,
        } => run_batch(&paths, out, csv, excel),
        Command::Region {
            parent,
            children,
            json,
        } => region(&parent, &children, json, colour),
        Command::Text { path, origins } => text(&path, origins),
        Command::Serve { port } => serve(port),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gov-report: {e}");
            ExitCode::from(2)
        }
    }
}

fn serve(port: u16) -> std::io::Result<u8> {
    if !report_cli::serve::has_page() {
        writeln!(
            std::io::stderr(),
            "gov-report: 这个 gov-report 构建时网页尚未构建 (the web page was not built into this binary): run web/build.sh, then build gov-report again"
        )?;
        return Ok(2);
    }
    report_cli::serve::serve(port, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{addr}/");
        let _ = writeln!(
            out,
            "在浏览器中打开上面的地址；报告只在浏览器中读取，不会发送出去。按 Ctrl-C 结束。"
        );
        let _ = out.flush();
    })?;
    Ok(0)
}

fn text(path: &std::path::Path, origins: bool) -> std::io::Result<u8> {
    let bytes = std::fs::read(path)?;
    let (text, places) = match report_parse::document_text(&bytes) {
        Ok(t) => t,
        Err(e) => {
            writeln!(std::io::stderr(), "gov-report: {}: {e}", path.display())?;
            return Ok(2);
        }
    };
    let mut out = std::io::stdout().lock();
    for (n, line) in text.lines().enumerate() {
        match places.get(n) {
            Some(place) if origins => writeln!(out, "{}\t{line}", place.describe())?,
            _ => writeln!(out, "{line}")?,
        }
    }
    Ok(0)
}

fn check(paths: &[String], json: bool, options: Options) -> std::io::Result<u8> {
    if paths.is_empty() {
        let mut cmd = Cli::command();
        if let Some(sub) = cmd.find_subcommand_mut("check") {
            sub.print_help()?;
        }
        return Ok(2);
    }
    let (inputs, skipped) = files::gather(paths);
    if skipped > 0 {
        writeln!(
            std::io::stderr(),
            "gov-report: 跳过 {skipped} 个扩展名不是 .txt .md .html .htm、.docx、.pdf（或 .doc .wps .rtf .ofd）的文件"
        )?;
    }
    let mut stdout = std::io::stdout().lock();
    let mut code = 0;
    for input in &inputs {
        let checked = files::check(input);
        if let Err(e) = &checked.outcome {
            writeln!(std::io::stderr(), "gov-report: {e}")?;
        }
        if json {
            let mut obj = contract_json_with(&checked, options.only);
            if options.unplaced
                && let (Some(report), Some(map)) = (checked.report(), obj.as_object_mut())
            {
                map.insert("unplaced".into(), unplaced_json(report));
            }
            writeln!(stdout, "{obj}")?;
        } else {
            writeln!(stdout, "{}", render_text_with(&checked, options))?;
        }
        code = code.max(checked.exit_code());
    }
    Ok(code as u8)
}

fn run_batch(
    paths: &[String],
    out: Option<PathBuf>,
    csv: Option<PathBuf>,
    excel: bool,
) -> std::io::Result<u8> {
    let (inputs, skipped) = files::gather(paths);
    let mut jsonl: Box<dyn std::io::Write> = match &out {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut csv_file: Option<Box<dyn std::io::Write>> = match csv {
        Some(p) => {
            let mut file: Box<dyn std::io::Write> =
                Box::new(std::io::BufWriter::new(std::fs::File::create(&p)?));
            if excel {
                file.write_all("\u{feff}".as_bytes())?;
            }
            let mut header = csv::Writer::from_writer(Vec::new());
            header.write_record(report_cli::CSV_COLUMNS)?;
            file.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
            Some(file)
        }
        None => None,
    };
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} {per_sec} 剩余 {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut sinks = batch::Sinks {
        jsonl: &mut jsonl,
        csv: csv_file.as_mut().map(|f| f as &mut dyn std::io::Write),
        progress,
    };
    let summary = batch::run(&inputs, skipped, &mut sinks)?;
    drop(sinks);
    jsonl.flush()?;
    drop(jsonl);
    if let Some(f) = csv_file.as_mut() {
        f.flush()?;
    }
    let text = summary.render();
    if out.is_some() {
        write!(std::io::stdout(), "{text}")?;
    } else {
        write!(std::io::stderr(), "{text}")?;
    }
    let code = if summary.failed + summary.refused > 0 {
        2
    } else if summary.findings.keys().any(|(_, s)| *s == "error") {
        1
    } else {
        0
    };
    Ok(code)
}

fn region(parent: &str, children: &[String], json: bool, colour: bool) -> std::io::Result<u8> {
    let read = |p: &str| -> Checked { files::check(&Input::File(PathBuf::from(p))) };
    let parent = read(parent);
    let children: Vec<Checked> = children.iter().map(|c| read(c)).collect();
    let mut unreadable = false;
    for c in std::iter::once(&parent).chain(&children) {
        if let Err(e) = &c.outcome {
            writeln!(std::io::stderr(), "gov-report: {e}")?;
            unreadable = true;
        }
    }
    let (Some(p), Some(kids)) = (
        parent.report(),
        children
            .iter()
            .map(Checked::report)
            .collect::<Option<Vec<_>>>(),
    ) else {
        return Ok(2);
    };
    let kids: Vec<report_model::Report> = kids.into_iter().cloned().collect();
    let findings = report_rules::check_region(p, &kids, &report_rules::Config::default());
    let mut stdout = std::io::stdout().lock();
    if json {
        let v: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                serde_json::json!({
                    "rule": f.rule, "severity": f.severity.as_str(), "message": f.message,
                    "cells": f.cells.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "line": f.line, "column": f.column,
                })
            })
            .collect();
        writeln!(
            stdout,
            "{}",
            serde_json::json!({"source": parent.source, "children": children.iter().map(|c| &c.source).collect::<Vec<_>>(), "findings": v})
        )?;
    } else {
        let text = parent
            .outcome
            .as_ref()
            .map(|(t, _)| t.as_str())
            .unwrap_or("");
        for f in &findings {
            writeln!(
                stdout,
                "{}",
                render_finding_with(&parent.source, text, f, colour)
            )?;
        }
        writeln!(
            stdout,
            "共 {} 条（{} 与其下 {} 份报告之和的比对）",
            findings.len(),
            parent.source,
            children.len()
        )?;
    }
    let code = if unreadable {
        2
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        1
    } else {
        0
    };
    Ok(code)
}
