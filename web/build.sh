#!/usr/bin/env bash
# Builds the web page's WebAssembly: web/pkg (text, HTML and Word files) and web/pkg-pdf (the same
# with PDF files read, loaded by the page only when a PDF arrives). Then web/index.html works from
# any static host, and `gov-report serve` (built after this) embeds the page.
#
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version of Cargo.lock's
# wasm-bindgen; both are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  # a debug build: it compiles in a minute (a release build takes about four) and turns the
  # page's WebAssembly out byte for byte the same in under a second
  cargo install --debug wasm-bindgen-cli --version "$version"
fi
build() { # features, output directory
  cargo build --locked --profile wasm --target wasm32-unknown-unknown -p report-wasm $1
  rm -rf "web/$2"
  wasm-bindgen --target web --no-typescript --out-dir "web/$2" \
    target/wasm32-unknown-unknown/wasm/report_wasm.wasm
}
build "--no-default-features" pkg
build "" pkg-pdf
ls -l web/pkg/*.wasm web/pkg-pdf/*.wasm
