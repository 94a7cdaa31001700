#!/usr/bin/env bash
# Ours (decode + parse + check) against the positional reader of benches/positional.rs, on the
# seeds and every corpus file, in one run on one core; prints medians and the ratio
# "ours / positional" per file and for the whole corpus. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
core=${CORE:-0}
taskset -c "$core" cargo bench -p report-benches --bench parse -- \
  '^(seed|corpus)(/.*)?/(lines|parse\+check|positional)$' > target/peer-bench.log 2>&1 \
  || { tail -20 target/peer-bench.log; exit 1; }
python3 benches/report.py --peer
