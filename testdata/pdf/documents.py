#!/usr/bin/env python3
"""Makes the PDF files of testdata/pdf that the tests read, the way offices and browsers make them.

- office-2019.pdf, office-2021.pdf: the reports of make.py (both templates, distinct values,
  label cells merged down the side and across, long labels wrapping in narrow columns, a row cut
  by a page break) as .docx, converted by LibreOffice; values in office-*/values.json.
- seeds/NNN.pdf: each seed of ../shared/seeds rendered through .docx to PDF: its prose (sections
  一, 五 and 六 as the seed writes them) and its tables 二, 三 and 四 in the seed's templates, each
  cell holding the seed's text for it (as `gov-report check --json` reads the seed: numbers, blanks
  and the rest as written). seeds/NNN.json: the cells the PDF holds, {address: [kind, value]}.
- chromium-2021.pdf: the 2021 report of make.py written as a web page (rowspan/colspan, borders
  collapsed) and printed to PDF by headless Chromium.

The files are committed; CI needs neither LibreOffice nor Chromium.

usage: python3 testdata/pdf/documents.py [path/to/gov-report]
  (needs python-docx, libreoffice, chromium, a CJK font; gov-report built: cargo build -p report-cli)
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SEEDS = os.path.normpath(os.path.join(ROOT, "..", "shared", "seeds"))
sys.path.insert(0, HERE)

import make  # noqa: E402  (testdata/pdf/make.py)


def to_pdf(docx, out_dir):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out_dir, docx],
                   check=True, capture_output=True)
    return os.path.join(out_dir, os.path.splitext(os.path.basename(docx))[0] + ".pdf")


def seed_prose(path):
    """The seed's lines before section 二 and from section 五 on, markdown marks taken off."""
    lines = [l.strip().lstrip("#").strip() for l in open(path, encoding="utf-8")]
    lines = [l for l in lines if l and not l.startswith("|") and "\t" not in l]
    head, tail, part = [], [], "head"
    for l in lines:
        if re.match(r"^二[、.．]", l):
            part = "skip"
        elif re.match(r"^五[、.．]", l):
            part = "tail"
        if part == "head":
            head.append(l)
        elif part == "tail":
            tail.append(l)
    return head, tail


def seeds(gov_report, tmp):
    out = os.path.join(HERE, "seeds")
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(SEEDS)):
        if not name.endswith(".txt"):
            continue
        stem = name.split("_")[0]
        path = os.path.join(SEEDS, name)
        d = json.loads(subprocess.run([gov_report, "check", "--json", path], check=False,
                                      capture_output=True, text=True).stdout)
        raw = {k: (c["raw"] or "").strip() for k, c in d["cells"].items()}
        # a value the seed leaves ambiguous between cells (one number for two) is written in the
        # first of them only: the PDF holds it there, and the others are blank
        placed = set()
        for k, c in d["cells"].items():
            if c["kind"] == "ambiguous":
                at = (c["line"], c["column"], raw[k])
                raw[k] = "" if at in placed else raw[k]
                placed.add(at)
        expected = {}
        for k, c in d["cells"].items():
            text = raw[k]
            if c["kind"] == "number" or (c["kind"] == "ambiguous" and re.fullmatch(r"\d+", text)):
                expected[k] = ["number", text if c["kind"] == "ambiguous" else c["value"]]
            elif text == "":
                expected[k] = ["blank", None]
            else:
                expected[k] = [c["kind"], c["value"]]
        head, tail = seed_prose(path)
        docx = os.path.join(tmp, f"{stem}.docx")
        make.document(d["templates"]["requests"], raw, docx, head=head, tail=tail,
                      proactive=(d["templates"]["proactive"], raw))
        shutil.copy(to_pdf(docx, tmp), os.path.join(out, f"{stem}.pdf"))
        with open(os.path.join(out, f"{stem}.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(expected.items())), f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(os.path.join(out, f"{stem}.pdf"))


def cell(text, rowspan=1, colspan=1):
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}>{html.escape(str(text))}</td>"


def web_page(template, v):
    """The report as a web page: tables with merged cells, as government sites publish them."""
    rows = make.request_rows(template)
    data = [(k, label, level) for k, label, level in rows if k]
    keys = [k for k, _, _ in data]
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>",
           "body{font-family:'Noto Serif CJK SC';font-size:12px;margin:0}",
           "table{border-collapse:collapse;width:100%;margin:8px 0}",
           "td{border:1px solid #000;padding:2px;text-align:center}</style></head><body>",
           "<h3>某某县某某局2023年政府信息公开工作年度报告</h3>",
           "<p>一、总体情况</p><p>2023年，本局依法做好政府信息公开工作。</p>",
           "<p>二、主动公开政府信息情况</p><table>"]
    n = 1000
    for caption, header, items in [
        ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", 3), ("行政规范性文件", 3)]),
        ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", 1)]),
        ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", 1), ("行政强制", 1)]),
        ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", 1)]),
    ]:
        out.append("<tr>" + cell(caption, colspan=4) + "</tr>")
        out.append("<tr>" + "".join(cell(h, colspan=4 - len(header) + 1 if i == len(header) - 1 else 1)
                                    for i, h in enumerate(header)) + "</tr>")
        for label, k in items:
            tds = [cell(label)]
            for i in range(k):
                n += 1
                tds.append(cell(n, colspan=3 if k == 1 else 1))
            out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>")
    out.append("<tr>" + cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
               + cell("申请人情况", colspan=7) + "</tr>")
    out.append("<tr>" + cell("自然人", 2) + cell("法人或其他组织", colspan=5) + cell("总计", 2) + "</tr>")
    out.append("<tr>" + "".join(cell(w) for w in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + "</tr>")
    groups = {}
    cur = None
    for k, label, level in rows:
        if k is None and level == 1:
            cur = label
            groups[cur] = []
        elif k and level == 2 and cur:
            groups[cur].append(k)
        elif k:
            cur = None
    first_of = {ks[0]: (label, len(ks)) for label, ks in groups.items()}
    outcome_rows = keys.index("total") - keys.index("granted") + 1
    for key, label, level in data:
        tds = []
        if level == 0:
            tds.append(cell(label, colspan=3))
        else:
            if key == "granted":
                tds.append(cell("三、本年度办理结果", rowspan=outcome_rows))
            if level == 1:
                tds.append(cell(label, colspan=2))
            else:
                if key in first_of:
                    g, span = first_of[key]
                    tds.append(cell(g, rowspan=span))
                tds.append(cell(label))
        tds += [cell(v[f"requests.{key}.{a}"]) for a in make.APPLICANTS]
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    out.append("<tr>" + cell("行政复议", colspan=5) + cell("行政诉讼", colspan=10) + "</tr>")
    outs = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out.append("<tr>" + "".join(cell(w, 2) for w in outs) + cell("未经复议直接起诉", colspan=5)
               + cell("复议后起诉", colspan=5) + "</tr>")
    out.append("<tr>" + "".join(cell(w) for w in outs * 2) + "</tr>")
    order = [(b, o) for b in ["review", "litigation_direct", "litigation_after_review"]
             for o in ["upheld", "corrected", "other", "pending", "total"]]
    out.append("<tr>" + "".join(cell(v[f"appeals.{b}.{o}"]) for b, o in order) + "</tr>")
    out.append("</table><p>五、存在的主要问题及改进情况</p><p>解读形式较为单一。</p>")
    out.append("<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>")
    return "\n".join(out)


def chromium(tmp):
    v = make.values_for("2021")
    page = os.path.join(tmp, "chromium-2021.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(web_page("2021", v))
    pdf = os.path.join(HERE, "chromium-2021.pdf")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page], check=True, capture_output=True)
    print(pdf)


def main():
    gov_report = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "gov-report")
    with tempfile.TemporaryDirectory() as tmp:
        for template in ["2019", "2021"]:
            docx = os.path.join(tmp, f"office-{template}.docx")
            make.document(template, make.values_for(template), docx)
            shutil.copy(to_pdf(docx, tmp), os.path.join(HERE, f"office-{template}.pdf"))
            print(os.path.join(HERE, f"office-{template}.pdf"))
        seeds(gov_report, tmp)
        chromium(tmp)


if __name__ == "__main__":
    main()
