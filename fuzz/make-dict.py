#!/usr/bin/env python3
"""Writes fuzz/report.dict, a libFuzzer dictionary of the template's labels, headings, keywords and
cell forms, taken from the catalogue (crates/report-model/src/catalogue.rs). Run from anywhere."""
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, "..", "crates", "report-model", "src", "catalogue.rs"), encoding="utf-8").read()
words = set()
for s in re.findall(r'"([^"\\]{2,60})"', src):
    if any(ord(c) > 0x2e80 for c in s):
        words.add(s)
words.update(["一、", "二、", "三、", "四、", "五、", "六、", "（一）", "（七）", "1.", "8.", " | ", "||", "\t",
              "<td>", "</td>", "<tr>", "</tr>", "<table>", "rowspan=\"3\"", "colspan=\"5\"", "&nbsp;",
              "****", "/", "—", "无", "2,149", "０", "+3", "-8", "0.35", "251000元", "年度报告",
              "政府信息公开工作年度报告", "标题: ", "\r\n", "|---|"])
with open(os.path.join(here, "report.dict"), "w", encoding="utf-8") as f:
    for w in sorted(words):
        esc = "".join(f"\\x{b:02x}" if b < 0x20 or b in (0x22, 0x5c) or b >= 0x80 else chr(b) for b in w.encode("utf-8"))
        f.write(f'"{esc}"\n')
print(len(words), "entries")
