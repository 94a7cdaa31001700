#!/usr/bin/env python3
"""Medians, MB/s and ratios from criterion's output (target/criterion), as a markdown table.

    cargo bench -p report-benches --bench parse            # measure (about 6 minutes)
    python3 benches/report.py                              # per-file groups and the corpus
    python3 benches/report.py --all                        # every group, scaling included
    python3 benches/report.py --peer                       # parse+check against positional only
    python3 benches/report.py --dir DIR                    # criterion output elsewhere

In each per-file group every row's ratio is to `lines` (str::lines().count() over the same
bytes, measured in the same run); `positional` is the naive reader of benches/positional.rs, and
the `ours/positional` column divides our parse+check by it.
"""
import json
import os
import sys

ROOT = "target/criterion"
if "--dir" in sys.argv:
    ROOT = sys.argv[sys.argv.index("--dir") + 1]


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def groups():
    for dirpath, dirnames, filenames in os.walk(ROOT):
        if "benchmark.json" in filenames and os.path.basename(dirpath) == "new":
            yield json.load(open(os.path.join(dirpath, "benchmark.json"))), dirpath


def main():
    every = "--all" in sys.argv
    peer = "--peer" in sys.argv
    rows = {}
    for info, path in groups():
        group = info["group_id"]
        est = json.load(open(os.path.join(path, "estimates.json")))
        median = est["median"]["point_estimate"]
        tp = (info.get("throughput") or {}).get("Bytes")
        name = info.get("function_id") or ""
        if info.get("value_str"):
            name = f"{name} {info['value_str']}".strip()
        rows.setdefault(group, {})[name] = (median, tp)
    print("| group | bench | median | MB/s | × lines | ours/positional |")
    print("|---|---|---:|---:|---:|---:|")
    for group in sorted(rows):
        per_file = group.startswith(("seed/", "corpus/")) or group == "corpus"
        if not per_file and not every:
            continue
        benches = rows[group]
        base = benches.get("lines", (None,))[0]
        pos = benches.get("positional", (None,))[0]
        for name in sorted(benches, key=lambda n: (n != "lines", n)):
            if peer and name not in ("lines", "parse+check", "positional"):
                continue
            median, tp = benches[name]
            mbs = f"{tp / median * 1e3:.1f}" if tp else ""
            ratio = f"{median / base:.0f}×" if base and name != "lines" else ""
            vs = f"{median / pos:.2f}" if pos and name == "parse+check" else ""
            print(f"| {group} | {name} | {fmt_time(median)} | {mbs} | {ratio} | {vs} |")


if __name__ == "__main__":
    main()
