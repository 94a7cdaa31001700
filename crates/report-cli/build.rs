//! Embeds the web page (`web/`, its WebAssembly built by `web/build.sh`) for `gov-report serve`
//! when it has been built: the `web_page` cfg says so.

use std::path::Path;

/// The page's files, as `src/serve.rs` embeds them.
const FILES: [&str; 7] = [
    "index.html",
    "app.js",
    "style.css",
    "pkg/report_wasm.js",
    "pkg/report_wasm_bg.wasm",
    "pkg-pdf/report_wasm.js",
    "pkg-pdf/report_wasm_bg.wasm",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(web_page)");
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    for f in FILES {
        println!("cargo::rerun-if-changed={}", web.join(f).display());
    }
    if FILES.iter().all(|f| web.join(f).is_file()) {
        println!("cargo::rustc-cfg=web_page");
    }
}
