//! `gov-report serve`: the web page (`web/`) and its WebAssembly, embedded in the binary, served
//! on localhost. The page checks files in the browser; the server only hands out its own files.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};

/// (path, content type, bytes) of each file of the page.
type File = (&'static str, &'static str, &'static [u8]);

// (only when the page is built: a binary without it has no use for the macro)
#[cfg(web_page)]
macro_rules! web {
    ($path:literal, $type:literal) => {
        (
            concat!("/", $path),
            $type,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/", $path)),
        )
    };
}

#[cfg(web_page)]
const FILES: &[File] = &[
    web!("index.html", "text/html; charset=utf-8"),
    web!("app.js", "text/javascript; charset=utf-8"),
    web!("style.css", "text/css; charset=utf-8"),
    web!("pkg/report_wasm.js", "text/javascript; charset=utf-8"),
    web!("pkg/report_wasm_bg.wasm", "application/wasm"),
    web!("pkg-pdf/report_wasm.js", "text/javascript; charset=utf-8"),
    web!("pkg-pdf/report_wasm_bg.wasm", "application/wasm"),
];

#[cfg(not(web_page))]
const FILES: &[File] = &[];

/// Whether this binary holds the page (it was built after `web/build.sh`).
pub fn has_page() -> bool {
    !FILES.is_empty()
}

/// The file served at a request's path (`/` is `/index.html`; a query is ignored).
fn file(path: &str) -> Option<&'static File> {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let path = if path == "/" { "/index.html" } else { path };
    FILES.iter().find(|f| f.0 == path)
}

/// Serves the page on `127.0.0.1:port` (0: any free port) until the process ends; `ready` gets
/// the address once it listens.
pub fn serve(port: u16, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    ready(listener.local_addr()?);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // one thread per connection: a browser opens several at once
        std::thread::spawn(move || {
            let _ = answer(stream);
        });
    }
    Ok(())
}

/// Answers one request on a connection, then closes it.
fn answer(mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.by_ref().take(8192).read_line(&mut request)?;
    // the headers, read and ignored (bounded)
    let mut line = String::new();
    for _ in 0..100 {
        line.clear();
        if reader.by_ref().take(8192).read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, content_type, body): (&str, &str, &[u8]) = match (method, file(path)) {
        ("GET" | "HEAD", Some(f)) => ("200 OK", f.1, f.2),
        ("GET" | "HEAD", None) => ("404 Not Found", "text/plain; charset=utf-8", b"not found"),
        _ => (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed",
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_the_page_files() {
        if !has_page() {
            assert!(file("/").is_none());
            return;
        }
        assert_eq!(file("/").map(|f| f.0), Some("/index.html"));
        assert_eq!(file("/index.html?x=1").map(|f| f.0), Some("/index.html"));
        assert_eq!(
            file("/pkg/report_wasm_bg.wasm").map(|f| f.1),
            Some("application/wasm")
        );
        assert!(file("/../Cargo.toml").is_none());
        assert!(file("/tests/browser.mjs").is_none());
    }
}
