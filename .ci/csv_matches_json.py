#!/usr/bin/env python3
"""Reads the CSV of cells that `gov-report batch --csv` wrote with Python's csv module and checks
it against the JSON Lines of the same batch: one row per cell, same kind, value, raw, line and
column. usage: csv_matches_json.py RESULTS.jsonl CELLS.csv"""
import csv
import json
import sys

jsonl, cells_csv = sys.argv[1], sys.argv[2]
expected = {}
for line in open(jsonl, encoding="utf-8"):
    obj = json.loads(line)
    for address, cell in obj["cells"].items():
        expected[(obj["source"], address)] = cell
with open(cells_csv, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
columns = ["source", "body", "year", "table", "template", "address", "kind", "value", "raw", "line", "column"]
assert rows and list(rows[0].keys()) == columns, rows[0].keys() if rows else "no rows"
assert len(rows) == len(expected), f"{len(rows)} rows for {len(expected)} cells"
for row in rows:
    cell = expected[(row["source"], row["address"])]
    assert row["kind"] == cell["kind"], (row, cell)
    assert row["value"] == (cell["value"] or ""), (row, cell)
    assert row["raw"] == cell["raw"], (row, cell)
    assert (int(row["line"]), int(row["column"])) == (cell["line"], cell["column"]), (row, cell)
print(f"{len(rows)} CSV rows read back, one per JSON cell, equal")
