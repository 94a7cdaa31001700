#!/usr/bin/env bash
# Seeds the fuzz corpora with every input of testdata/parse and the documents of testdata/docx
# and testdata/formats (run from anywhere).
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
  for f in ../testdata/docx/*.docx ../testdata/formats/report.* ../testdata/formats/scanned.pdf; do
    [ -f "$f" ] && cp "$f" "corpus/$target/doc-$(basename "$f")"
  done
done
mkdir -p corpus/roundtrip
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
