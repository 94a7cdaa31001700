#!/usr/bin/env python3
"""Makes the Word documents of testdata/docx: the office-made reports of testdata/pdf/make.py (both
templates, distinct values, label cells merged down the side and across, long labels in narrow
columns), saved as .docx by python-docx, with their values. Table 二's cells hold 1001, 1002, …
in the template's order; tables 三 and 四 hold the values of values.json, every equation holding.
The files are committed; the tests read them.

usage: python3 testdata/docx/make.py   (needs python-docx)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "pdf"))

import make  # noqa: E402  (testdata/pdf/make.py)


def main():
    for template in ["2019", "2021"]:
        v = make.values_for(template)
        make.document(template, v, os.path.join(HERE, f"office-{template}.docx"))
        with open(os.path.join(HERE, f"office-{template}.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(v.items())), f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
