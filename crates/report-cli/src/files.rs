//! Which files a command reads, and reading them within the size limit.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The file extensions taken for reports when a directory is walked: text, markdown, HTML, Word
/// (`.docx`), PDF, and the document formats a report is published in that are not read (each
/// then gets its result saying so and what to save it as, rather than being skipped in
/// silence).
pub const REPORT_EXTENSIONS: [&str; 10] = [
    "txt", "md", "html", "htm", "docx", "doc", "wps", "pdf", "rtf", "ofd",
];

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (given, or found in a directory).
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// A path that does not exist or cannot be listed, with the reason.
    Missing(PathBuf, String),
}

impl Input {
    /// The name the input is reported under.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) | Input::Missing(p, _) => p.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// The inputs the paths name: files as given, directories walked (their files with a report
/// extension, in name order), `-` for standard input. Returns the inputs and the number of
/// files skipped in directories for their extension.
pub fn gather(paths: &[String]) -> (Vec<Input>, usize) {
    let mut inputs = Vec::new();
    let mut skipped = 0;
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &mut inputs, &mut skipped),
            Ok(_) => inputs.push(Input::File(path)),
            Err(e) => {
                let reason = io_reason(&e);
                inputs.push(Input::Missing(path, reason));
            }
        }
    }
    (inputs, skipped)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, skipped: &mut usize) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            inputs.push(Input::Missing(dir.to_owned(), io_reason(&e)));
            return;
        }
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, inputs, skipped);
        } else if is_report(&path) {
            inputs.push(Input::File(path));
        } else {
            *skipped += 1;
        }
    }
}

/// Whether a file's extension is one of [`REPORT_EXTENSIONS`] (any case).
pub fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|r| e.eq_ignore_ascii_case(r)))
}

/// An I/O error in words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "没有这个文件或目录（not found）".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限（permission denied）".to_owned(),
        _ => e.to_string(),
    }
}

/// Reads an input, refusing more than [`report_parse::MAX_INPUT`] bytes before reading them all
/// (a device like `/dev/zero` stops there). The error names the input and says why.
pub fn read(input: &Input) -> Result<Vec<u8>, String> {
    let limit = report_parse::MAX_INPUT as u64;
    let name = input.name();
    let mut bytes = Vec::new();
    let result = match input {
        Input::Missing(_, reason) => return Err(format!("{name}: {reason}")),
        Input::Stdin => std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes),
        Input::File(path) => {
            if path.is_dir() {
                return Err(format!("{name}: 是目录，不是文件（is a directory）"));
            }
            // a regular file says its size: refused without reading a byte
            if let Ok(m) = std::fs::metadata(path)
                && m.is_file()
                && m.len() > limit
            {
                return Err(format!(
                    "{name}: {} 字节，超过 {} MiB 的上限，未读取（larger than the limit）",
                    m.len(),
                    limit >> 20
                ));
            }
            std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        }
    };
    match result {
        Err(e) => Err(format!("{name}: {}", io_reason(&e))),
        Ok(_) if bytes.len() as u64 > limit => Err(format!(
            "{name}: 超过 {} MiB 的上限，未读取（larger than the limit）",
            limit >> 20
        )),
        Ok(_) => Ok(bytes),
    }
}

/// Reads and checks one input.
pub fn check(input: &Input) -> crate::Checked {
    match read(input) {
        Ok(bytes) => crate::Checked::run_owned(&input.name(), bytes),
        Err(reason) => crate::Checked::failed(&input.name(), reason),
    }
}
