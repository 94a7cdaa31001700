#!/usr/bin/env bash
# Seeds the fuzz corpora with every input of testdata/parse and the documents of testdata/docx,
# testdata/formats and testdata/pdf, and pdf_page's with the test PDFs' page contents (run from
# anywhere).
set -euo pipefail
cd "$(dirname "$0")"
for target in parse_report parse_then_check; do
  mkdir -p "corpus/$target"
  for case in ../testdata/parse/*/; do
    name=$(basename "$case")
    for f in "$case"input.*; do
      [ -f "$f" ] && cp "$f" "corpus/$target/$name"
    done
  done
done
# documents as published: Word files, and the formats refused with a message
for target in parse_report parse_then_check; do
  for f in ../testdata/docx/*.docx ../testdata/formats/report.* ../testdata/formats/scanned.pdf \
    ../testdata/pdf/*.pdf ../testdata/pdf/seeds/*.pdf; do
    [ -f "$f" ] && cp "$f" "corpus/$target/doc-$(basename "$f")"
  done
done
mkdir -p corpus/roundtrip
# the pages of the test PDFs, their content streams inflated: what pdf_page wraps in a PDF
mkdir -p corpus/pdf_page
python3 - ../testdata/pdf/*.pdf ../testdata/pdf/seeds/*.pdf <<'PY'
import re, sys, zlib, os
n = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    for m in re.finditer(rb"stream\r?\n", data):
        chunk = data[m.end():m.end() + 400000]
        try:
            page = zlib.decompressobj().decompress(chunk)
        except zlib.error:
            continue
        if b" Tf" in page and b"BT" in page:
            n += 1
            open(f"corpus/pdf_page/page-{n}", "wb").write(page[:60000])
print(f"pdf_page: {n} page contents")
PY
# inputs that once failed, replayed first by every run
for dir in regressions/*/; do
  target=$(basename "$dir")
  mkdir -p "corpus/$target"
  cp "$dir"* "corpus/$target/"
done
# the development corpus, when it stands beside the clone
if [ -d ../../shared/corpus ]; then
  for target in parse_report parse_then_check; do
    find ../../shared/corpus -type f \( -name '*.txt' -o -name '*.html' \) -exec cp {} "corpus/$target/" \;
  done
fi
echo "seeded: $(ls corpus/parse_report | wc -l) inputs per target"
