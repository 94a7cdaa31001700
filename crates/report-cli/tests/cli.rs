//! `gov-report` end to end, run as a process: what a new user types.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gov-report"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(root())
        .output()
        .expect("run gov-report")
}

#[test]
fn check_a_file() {
    let o = run(&["check", "examples/data/sample.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("表三 收到和处理政府信息公开申请情况：2019年模板"),
        "{out}"
    );
    assert!(out.contains("读取 161/161 个单元格"), "{out}");
    // not a terminal: no colour
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn check_a_directory_walks_it_and_counts_what_it_skips() {
    let o = run(&["check", "--json", "testdata/parse"]);
    let lines = text(&o.stdout).lines().count();
    // every case's input.txt (input.bin is no report extension), one JSON object each
    let cases = std::fs::read_dir(root().join("testdata/parse"))
        .expect("testdata")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().join("input.txt").exists())
        })
        .count();
    assert_eq!(lines, cases);
    assert!(text(&o.stderr).contains("跳过"), "{}", text(&o.stderr));
}

#[test]
fn check_standard_input() {
    let sample = std::fs::read(root().join("examples/data/sample.txt")).expect("sample");
    let mut child = bin()
        .args(["check", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&sample)
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["source"], "-");
    assert_eq!(v["year"], 2020);
}

#[test]
fn help_version_and_mistakes() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(
        out.contains("check") && out.contains("batch") && out.contains("region"),
        "{out}"
    );
    assert!(out.contains("退出码"), "{out}");
    let o = run(&["check", "--help"]);
    assert!(text(&o.stdout).contains("--only"));
    let o = run(&["--version"]);
    assert!(text(&o.stdout).starts_with("gov-report "));
    // a missing file: exit 2, the message names it
    let o = run(&["check", "nope.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("nope.txt"), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("nope.txt"));
    // an unknown option: clap's error, exit 2
    let o = run(&["--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--bogus"), "{}", text(&o.stderr));
    // no path: the help, not the sample
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).contains("Usage"), "{}", text(&o.stdout));
    assert!(!text(&o.stdout).contains("表三"));
}

#[test]
fn only_errors() {
    let o = run(&[
        "check",
        "--json",
        "--only",
        "error",
        "examples/data/failing.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["severity"] == "error"));
}

/// A minimal report of one body for `year`, with its table 三 carry-over rows.
fn report(year: i32, carried_over: u32, carried_forward: u32) -> String {
    format!(
        "{year}年某某县某某局政府信息公开工作年度报告\n一、总体情况\n无。\n三、收到和处理政府信息公开申请情况\n\
         一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
         二、上年结转政府信息公开申请数量 | {carried_over} | 0 | 0 | 0 | 0 | 0 | {carried_over} |\n\
         四、结转下年度继续办理 | {carried_forward} | 0 | 0 | 0 | 0 | 0 | {carried_forward} |\n"
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gov-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn a_batch_compares_consecutive_years_of_one_body() {
    let dir = temp_dir("years");
    // 2022 carries 3 forward, 2023 says it carried over 5
    std::fs::write(dir.join("a-2022.txt"), report(2022, 0, 3)).expect("write");
    std::fs::write(dir.join("b-2023.txt"), report(2023, 5, 0)).expect("write");
    let out = dir.join("results.jsonl");
    let o = bin()
        .args([
            "batch",
            dir.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .output()
        .expect("run");
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        text(&o.stderr)
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .expect("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2);
    let later = &lines[1];
    assert!(
        later["source"]
            .as_str()
            .expect("source")
            .ends_with("b-2023.txt")
    );
    assert!(
        later["previous"]
            .as_str()
            .expect("previous")
            .ends_with("a-2022.txt")
    );
    let f = later["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "previous.carryover")
        .expect("carry-over finding");
    assert!(f["message"].as_str().expect("message").contains('5'));
    assert!(lines[0].get("previous").is_none());
    assert!(
        text(&o.stdout).contains("与上一年报告比对 1 份"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_batch_writes_the_same_with_one_or_two_threads() {
    let dir = temp_dir("threads");
    let seeds: Vec<PathBuf> = std::fs::read_dir(root().join("testdata/parse"))
        .expect("testdata")
        .filter_map(|e| e.ok().map(|e| e.path().join("input.txt")))
        .filter(|p| p.exists())
        .collect();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.join(format!("out-{threads}.jsonl"));
        let csv = dir.join(format!("cells-{threads}.csv"));
        let mut args: Vec<String> = seeds.iter().map(|p| p.display().to_string()).collect();
        args.extend([
            "--out".into(),
            out.display().to_string(),
            "--csv".into(),
            csv.display().to_string(),
        ]);
        let o = bin()
            .arg("batch")
            .args(&args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run");
        assert!(o.status.code().is_some(), "{}", text(&o.stderr));
        // not a terminal: no progress bar on stderr
        assert!(!text(&o.stderr).contains('['), "{}", text(&o.stderr));
        outputs.push((
            std::fs::read(&out).expect("jsonl"),
            std::fs::read(&csv).expect("csv"),
        ));
    }
    assert!(outputs[0] == outputs[1], "one and two threads differ");
    // the CSV has one row per cell of the JSON
    let cells: usize = String::from_utf8_lossy(&outputs[0].0)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            v["cells"].as_object().map_or(0, |m| m.len())
        })
        .sum();
    let rows = csv::Reader::from_reader(outputs[0].1.as_slice())
        .records()
        .count();
    assert_eq!(rows, cells);
}

/// A megabyte of glued digits in one row: the JSON quotes the start of the run once per cell,
/// never the whole run (it used to give 8 MB of JSON).
#[test]
fn a_huge_glued_run_gives_small_json() {
    let dir = temp_dir("run");
    let file = dir.join("run.txt");
    let text = format!(
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{}二、上年结转政府信息公开申请数量0000000\n",
        "7".repeat(1_000_000)
    );
    std::fs::write(&file, text).expect("write");
    let o = bin()
        .args(["check", "--json", file.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(o.stdout.len() < 64_000, "{} bytes of JSON", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["cells"]["requests.received.total"]["kind"], "ambiguous");
}

/// A missing file among the paths is named with its reason (the example `check` reads the same
/// way), not
/// "the input is empty".
#[test]
fn missing_inputs_are_named_with_their_reason() {
    let o = run(&["check", "--json", "nope.txt", "testdata"]);
    assert_eq!(o.status.code(), Some(2));
    let out = text(&o.stdout);
    assert!(out.contains("nope.txt: 没有这个文件或目录"), "{out}");
    assert!(!out.contains("empty"), "{out}");
}

/// One line of 20 000 HTML rows, each a row the template has already had: one finding per row
/// for the first hundred, one for all the rest (how many rows, how many values), and every
/// snippet a window of the line, not the line; the readable report stays small.
#[test]
fn a_table_of_twenty_thousand_extra_rows_gives_a_bounded_report() {
    let row = "<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>";
    let html = format!(
        "<html><body><h2>三、收到和处理政府信息公开申请情况</h2><table>{}</table></body></html>",
        row.repeat(20_000)
    );
    let dir = temp_dir("extra-rows");
    let path = dir.join("rows.html");
    std::fs::write(&path, &html).expect("write");
    let o = bin()
        .args(["check", path.to_str().expect("utf-8 path")])
        .output()
        .expect("run");
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        text(&o.stderr)
    );
    let out = text(&o.stdout);
    assert!(
        out.contains("另有19899行的139293个值"),
        "{}",
        &out[..out.len().min(3000)]
    );
    assert!(out.len() < 100_000, "{} bytes of report", out.len());
    assert!(
        out.lines().all(|l| l.chars().count() < 2_000),
        "a line of the input shown whole"
    );
}

/// Handing the bytes over (`run_owned`, no copy of UTF-8 text) gives what checking borrowed
/// bytes gives, in every encoding and on bytes that are no text.
#[test]
fn owned_and_borrowed_bytes_check_the_same() {
    let sample = std::fs::read(root().join("examples/data/sample.txt")).expect("sample");
    let text = String::from_utf8(sample.clone()).expect("utf-8");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&sample);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [
        ("utf-8", sample.clone()),
        ("utf-8 with bom", bom),
        ("gbk", gbk.into_owned()),
        ("utf-16le", utf16),
        ("binary", vec![0xFF, 0xFF, 0x80, 0x00]),
        ("empty", Vec::new()),
    ] {
        let borrowed = report_cli::Checked::run(name, &bytes);
        let owned = report_cli::Checked::run_owned(name, bytes);
        assert_eq!(
            report_cli::contract_json(&borrowed),
            report_cli::contract_json(&owned),
            "{name}"
        );
    }
}

/// A report whose tables hold a note and a sentence besides their rows: the readable output
/// counts them, `--unplaced` lists them with their place, `--json --unplaced` adds them.
#[test]
fn unplaced_text_is_counted_and_listed() {
    let dir = temp_dir("unplaced");
    let path = dir.join("notes.txt");
    let report = "2024年某某局政府信息公开工作年度报告\n\
                  三、收到和处理政府信息公开申请情况\n\
                  单位：件\n\
                  一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n\
                  其中2件为电子邮件申请，已全部办结。\n\
                  二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    std::fs::write(&path, report).expect("write");
    let p = path.to_string_lossy().into_owned();

    let counted = text(&run(&["check", &p]).stdout);
    assert!(counted.contains("表格中未归位的文字：1 段"), "{counted}");
    assert!(!counted.contains("（表三）：其中2件"), "{counted}");

    let listed = text(&run(&["check", "--unplaced", &p]).stdout);
    assert!(
        listed.contains("第5行第1列（表三）：其中2件为电子邮件申请，已全部办结。"),
        "{listed}"
    );
    // the unit note is a header of the table, not unplaced text
    assert!(!listed.contains("（表三）：单位"), "{listed}");

    let json = text(&run(&["check", "--json", "--unplaced", &p]).stdout);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    let unplaced = v["unplaced"].as_array().expect("unplaced");
    assert_eq!(unplaced.len(), 1, "{json}");
    assert_eq!(unplaced[0]["table"], "requests");
    assert_eq!(unplaced[0]["line"], 5);
    let (start, end) = (
        unplaced[0]["start"].as_u64().expect("start") as usize,
        unplaced[0]["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&report[start..end], "其中2件为电子邮件申请，已全部办结。");
    // without the flag, the contract's object is unchanged
    let plain = text(&run(&["check", "--json", &p]).stdout);
    assert!(!plain.contains("\"unplaced\""), "{plain}");
}

/// A folder as people keep them: a text report, a web page, and the office documents of
/// `testdata/formats` (.docx .doc .rtf .pdf, and a .png that is not walked). One result per
/// file, in name order; the Word document and the PDF read, the others each saying what they
/// are and what to save them as; exit 2.
#[test]
fn a_folder_of_mixed_formats_gives_one_result_per_file() {
    let dir = temp_dir("formats");
    std::fs::copy(root().join("examples/data/sample.txt"), dir.join("a.txt")).expect("txt");
    std::fs::copy(
        root().join("testdata/parse/layout-html-2019-rowspan-colspan/input.txt"),
        dir.join("b.html"),
    )
    .expect("html");
    for f in ["docx", "doc", "rtf", "pdf", "png"] {
        std::fs::copy(
            root().join(format!("testdata/formats/report.{f}")),
            dir.join(format!("c.{f}")),
        )
        .expect(f);
    }
    let o = run(&["check", "--json", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let results: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let names: Vec<String> = results
        .iter()
        .map(|v| {
            Path::new(v["source"].as_str().expect("source"))
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        names,
        ["a.txt", "b.html", "c.doc", "c.docx", "c.pdf", "c.rtf"],
        "{names:?}"
    );
    // the text, the page, the Word document and the PDF are read
    for v in [&results[0], &results[1], &results[3], &results[4]] {
        assert!(v["error"].is_null(), "{v}");
        assert!(!v["cells"].as_object().expect("cells").is_empty(), "{v}");
    }
    assert_eq!(results[3]["cells"]["requests.received.total"]["value"], "4");
    assert_eq!(results[4]["cells"]["requests.received.total"]["value"], "4");
    // the others say what they are
    for (v, says) in [&results[2], &results[5]]
        .into_iter()
        .zip([".doc/.wps", "RTF"])
    {
        let error = v["error"].as_str().expect("error");
        assert!(error.contains(says), "{error}");
    }
    // the image is skipped by its extension, and counted
    assert!(text(&o.stderr).contains("跳过 1 个"), "{}", text(&o.stderr));
}

/// A scanned report's PDF (an image, no text layer) and a Word 97-2003 file: exit 2, each with
/// a message saying what it is and what to do.
#[test]
fn a_scanned_pdf_and_a_doc_file_are_refused_with_their_reasons() {
    for (file, says) in [
        ("testdata/formats/scanned.pdf", "OCR"),
        ("testdata/formats/report.doc", "save it as .docx"),
    ] {
        let o = run(&["check", file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let out = text(&o.stdout);
        assert!(
            out.contains("无法读取") && out.contains(says),
            "{file}: {out}"
        );
        assert!(text(&o.stderr).contains(says), "{file}");
    }
}

/// A PDF's findings say on which page they stand; `gov-report text` prints the text read from
/// it, each line with its page.
#[test]
fn a_pdf_is_checked_and_its_text_shown_with_pages() {
    let o = run(&["check", "testdata/pdf/office-2021.pdf"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("读取 175/175 个单元格"), "{out}");
    let o = run(&["check", "testdata/pdf/seeds/000.pdf"]);
    let out = text(&o.stdout);
    assert!(out.contains("在文档中的位置：第"), "{out}");
    let o = run(&["text", "--origins", "testdata/pdf/office-2021.pdf"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("第2页\t")
                && l.contains("一、本年新收政府信息公开申请数量 | 1433 |")),
        "{out}"
    );
    let o = run(&["text", "testdata/formats/scanned.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("OCR"));
}

/// A finding in a Word document says where it stands in the document, not only in the text
/// read from it.
#[test]
fn findings_in_a_word_document_name_the_table_and_row() {
    let o = run(&["check", "testdata/docx/office-2019.docx"]);
    let out = text(&o.stdout);
    assert!(out.contains("读取 161/161 个单元格"), "{out}");
    assert!(out.contains("在文档中的位置：第1个表格第3行"), "{out}");
}

/// `gov-report serve` hands out the page and its WebAssembly from the binary on localhost, with
/// the types a browser needs; a binary built before the page says how to build it (exit 2).
/// `GOV_REPORT_WEB=1` (set by CI, which builds the page first) requires the page.
#[test]
fn serve_hands_out_the_page_from_the_binary() {
    use std::io::{BufRead as _, Read as _, Write as _};
    let mut child = bin()
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    if first.is_empty() {
        let status = child.wait().expect("exit");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("stderr");
        assert_eq!(status.code(), Some(2));
        assert!(err.contains("web/build.sh"), "{err}");
        assert!(
            std::env::var_os("GOV_REPORT_WEB").is_none(),
            "the page was required but not built into gov-report: {err}"
        );
        return;
    }
    let addr = first
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let get = |path: &str| -> String {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("request");
        let mut body = Vec::new();
        s.read_to_end(&mut body).expect("response");
        String::from_utf8_lossy(&body).into_owned()
    };
    let page = get("/");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(page.contains("text/html") && page.contains("input type=\"file\""));
    let wasm = get("/pkg/report_wasm_bg.wasm");
    assert!(
        wasm.contains("Content-Type: application/wasm"),
        "{}",
        &wasm[..200.min(wasm.len())]
    );
    assert!(get("/pkg-pdf/report_wasm.js").contains("text/javascript"));
    assert!(get("/../Cargo.toml").starts_with("HTTP/1.1 404"));
    let _ = child.kill();
    let _ = child.wait();
}
