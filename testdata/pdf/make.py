#!/usr/bin/env python3
"""Makes the office-made PDF test documents of testdata/pdf (issue: families 6 and 7).

For each template (2019, 2021) it writes a report with distinct values whose table 三 and 四
equations hold, as a .docx laid out like the national template (label cells merged down the
side, narrow columns that make long labels wrap), converts it to PDF with LibreOffice, and
extracts the text with `pdftotext -layout` and plain `pdftotext` (which writes blocks of rows
column by column). The texts and the values are committed; the tests read them, so CI needs
neither LibreOffice nor poppler.

usage: python3 testdata/pdf/make.py   (needs python-docx, libreoffice, poppler-utils, a CJK font)
"""
import json
import os
import subprocess
import sys
import tempfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))

APPLICANTS = ["natural_persons", "commercial", "research", "social_welfare", "legal_services",
              "other_orgs", "total"]

# (key or None for a group, label, level): level 0 spans the three label columns, 1 the last two,
# 2 the last one; groups open a merged cell down the side.
def request_rows(template):
    rows = [
        ("received", "一、本年新收政府信息公开申请数量", 0),
        ("carried_over", "二、上年结转政府信息公开申请数量", 0),
        (None, "三、本年度办理结果", 0),
        ("granted", "（一）予以公开", 1),
        ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1),
        (None, "（三）不予公开", 1),
        ("withheld.state_secret", "1.属于国家秘密", 2),
        ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", 2),
        ("withheld.security_stability", "3.危及“三安全一稳定”", 2),
        ("withheld.third_party_rights", "4.保护第三方合法权益", 2),
        ("withheld.internal_affairs", "5.属于三类内部事务信息", 2),
        ("withheld.process_information", "6.属于四类过程性信息", 2),
        ("withheld.enforcement_files", "7.属于行政执法案卷", 2),
        ("withheld.query_matters", "8.属于行政查询事项", 2),
        (None, "（四）无法提供", 1),
        ("unavailable.not_held", "1.本机关不掌握相关政府信息", 2),
        ("unavailable.needs_creation", "2.没有现成信息需要另行制作", 2),
        ("unavailable.unclear", "3.补正后申请内容仍不明确", 2),
        (None, "（五）不予处理", 1),
        ("not_processed.complaints", "1.信访举报投诉类申请", 2),
        ("not_processed.duplicate", "2.重复申请", 2),
        ("not_processed.publications", "3.要求提供公开出版物", 2),
        ("not_processed.excessive", "4.无正当理由大量反复申请", 2),
        ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", 2),
    ]
    if template == "2019":
        rows.append(("other", "（六）其他处理", 1))
    else:
        rows += [
            (None, "（六）其他处理", 1),
            ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2),
            ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2),
            ("other.other", "3.其他", 2),
        ]
    rows += [("total", "（七）总计", 1), ("carried_forward", "四、结转下年度继续办理", 0)]
    return rows


def values_for(template):
    """Distinct non-zero values; every equation of tables 三 and 四 holds."""
    rows = request_rows(template)
    v = {}
    outcomes = [k for k, _, _ in rows if k and k not in ("received", "carried_over", "total", "carried_forward")]
    col_total = [0] * 6
    for n, key in enumerate(outcomes):
        cells = [3 + n * 7 + c for c in range(6)]
        for c, x in enumerate(cells):
            v[f"requests.{key}.{APPLICANTS[c]}"] = x
            col_total[c] += x
        v[f"requests.{key}.total"] = sum(cells)
    sums = {"total": 0, "carried_forward": 0, "carried_over": 0, "received": 0}
    for c in range(6):
        f, over = 300 + c, 400 + c
        parts = {"total": col_total[c], "carried_forward": f, "carried_over": over,
                 "received": col_total[c] + f - over}
        for k, x in parts.items():
            v[f"requests.{k}.{APPLICANTS[c]}"] = x
            sums[k] += x
    for k, x in sums.items():
        v[f"requests.{k}.total"] = x
    blocks = ["review", "litigation_direct", "litigation_after_review"]
    outs = ["upheld", "corrected", "other", "pending"]
    for b, block in enumerate(blocks):
        parts = [11 + b * 10 + i for i in range(4)]
        for o, x in zip(outs, parts):
            v[f"appeals.{block}.{o}"] = x
        v[f"appeals.{block}.total"] = sum(parts)
    return v


def set_cell_text(cell, text, size=9):
    cell.text = ""
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.name = "Noto Serif CJK SC"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")


def borders(table):
    tbl = table._tbl
    pr = tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        b.append(e)
    pr.append(b)


def widths(table, cms):
    for row in table.rows:
        for cell, w in zip(row.cells, cms):
            cell.width = Cm(w)


def heading(doc, text):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(12)
    r.font.name = "Noto Serif CJK SC"
    r._element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")


def para(doc, text):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.font.size = Pt(11)
    r.font.name = "Noto Serif CJK SC"
    r._element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")


PROACTIVE_KEYS = {
    "2019": {"规章": "regulations", "规范性文件": "normative_documents", "行政许可": "licensing",
             "其他对外管理服务事项": "other_services", "行政处罚": "penalties",
             "行政强制": "coercive_measures", "行政事业性收费": "fees", "政府集中采购": "procurement"},
    "2021": {"规章": "regulations", "行政规范性文件": "normative_documents", "行政许可": "licensing",
             "行政处罚": "penalties", "行政强制": "coercive_measures", "行政事业性收费": "fees"},
}
PROACTIVE_FIELDS = {
    "本年新制作数量": "made", "本年新公开数量": "published", "对外公开总数量": "total_published",
    "上一年项目数量": "previous_items", "本年增/减": "item_change", "处理决定数量": "decisions",
    "采购项目数量": "projects", "采购总金额": "amount", "本年制发件数": "issued",
    "本年废止件数": "repealed", "现行有效件数": "in_force", "本年处理决定数量": "decisions",
    "本年收费金额（单位：万元）": "amount",
}


def table_two(doc, template, cells=None):
    """Table 二; its cells hold 1001, 1002, … in order, or the text of `cells` by address."""
    if template == "2019":
        blocks = [
            ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
             [("规章", 3), ("规范性文件", 3)]),
            ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政许可", 3), ("其他对外管理服务事项", 3)]),
            ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政处罚", 3), ("行政强制", 3)]),
            ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", 2)]),
            ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", 2)]),
        ]
    else:
        blocks = [
            ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
             [("规章", 3), ("行政规范性文件", 3)]),
            ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", 1)]),
            ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", 1), ("行政强制", 1)]),
            ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", 1)]),
        ]
    n = 1000
    t = doc.add_table(rows=0, cols=4)
    borders(t)
    for caption, header, rows in blocks:
        r = t.add_row().cells
        m = r[0].merge(r[3])
        set_cell_text(m, caption)
        r = t.add_row().cells
        for i, h in enumerate(header):
            set_cell_text(r[i], h)
        for label, k in rows:
            r = t.add_row().cells
            set_cell_text(r[0], label)
            for i in range(k):
                n += 1
                if cells is None:
                    text = str(n)
                else:
                    key = PROACTIVE_KEYS[template][label]
                    text = cells.get(f"proactive.{key}.{PROACTIVE_FIELDS[header[1 + i]]}", "")
                set_cell_text(r[1 + i], text)
    widths(t, [4.0, 3.0, 3.0, 3.0])


def table_three(doc, template, v):
    rows = request_rows(template)
    data = [(k, label, level) for k, label, level in rows if k]
    t = doc.add_table(rows=3 + len(data), cols=10)
    borders(t)
    g = [[t.cell(r, c) for c in range(10)] for r in range(3 + len(data))]
    set_cell_text(g[0][0].merge(g[2][2]), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    set_cell_text(g[0][3].merge(g[0][9]), "申请人情况")
    set_cell_text(g[1][3].merge(g[2][3]), "自然人")
    set_cell_text(g[1][4].merge(g[1][8]), "法人或其他组织")
    set_cell_text(g[1][9].merge(g[2][9]), "总计")
    for i, w in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        set_cell_text(g[2][4 + i], w)
    keys = [k for k, _, _ in data]
    for i, (key, label, level) in enumerate(data):
        r = 3 + i
        if level == 0:
            set_cell_text(g[r][0].merge(g[r][2]), label)
        elif level == 1:
            set_cell_text(g[r][1].merge(g[r][2]), label)
        else:
            set_cell_text(g[r][2], label)
        for c, app in enumerate(APPLICANTS):
            set_cell_text(g[r][3 + c], str(v.get(f"requests.{key}.{app}", "")))
    first, last = 3 + keys.index("granted"), 3 + keys.index("total")
    set_cell_text(g[first][0].merge(g[last][0]), "三、本年度办理结果")
    members = {}
    cur = None
    for k, label, level in rows:
        if k is None and level == 1:
            cur = label
            members[cur] = []
        elif k and level == 2 and cur:
            members[cur].append(k)
        elif k:
            cur = None
    for label, ks in members.items():
        i0, i1 = 3 + keys.index(ks[0]), 3 + keys.index(ks[-1])
        set_cell_text(g[i0][1].merge(g[i1][1]), label)
    widths(t, [1.2, 1.6, 2.2, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3])


def table_four(doc, v):
    t = doc.add_table(rows=0, cols=15)
    borders(t)
    r = t.add_row().cells
    a = r[0].merge(r[4]); set_cell_text(a, "行政复议")
    b = r[5].merge(r[14]); set_cell_text(b, "行政诉讼")
    r2 = t.add_row().cells
    for i, w in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        set_cell_text(r2[i], w)
    c = r2[5].merge(r2[9]); set_cell_text(c, "未经复议直接起诉")
    d = r2[10].merge(r2[14]); set_cell_text(d, "复议后起诉")
    r3 = t.add_row().cells
    for i in range(5):
        r2[i].merge(r3[i])
    for i, w in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2):
        set_cell_text(r3[5 + i], w)
    r4 = t.add_row().cells
    order = [(b, o) for b in ["review", "litigation_direct", "litigation_after_review"]
             for o in ["upheld", "corrected", "other", "pending", "total"]]
    for i, (b, o) in enumerate(order):
        set_cell_text(r4[i], str(v.get(f"appeals.{b}.{o}", "")))
    widths(t, [1.1] * 15)


def document(template, v, path, head=None, tail=None, proactive=None):
    """The report as a .docx: tables 三 and 四 from `v` (values by address), table 二 from
    `proactive` ((template, cells by address)) or numbered 1001…; the prose `head` (up to
    section 二) and `tail` (sections 五, 六) as paragraphs, or a short text of its own."""
    doc = Document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(1.8)
    year = 2020 if template == "2019" else 2023
    if head is None:
        heading(doc, f"某某县某某局{year}年政府信息公开工作年度报告")
        para(doc, f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自{year}年1月1日起至{year}年12月31日止。")
        heading(doc, "一、总体情况")
        para(doc, f"{year}年，本局认真贯彻落实《条例》，依法做好政府信息公开工作。")
    else:
        for line in head:
            para(doc, line)
    heading(doc, "二、主动公开政府信息情况")
    if proactive is None:
        table_two(doc, template)
    else:
        table_two(doc, proactive[0], proactive[1])
    heading(doc, "三、收到和处理政府信息公开申请情况")
    table_three(doc, template, v)
    heading(doc, "四、政府信息公开行政复议、行政诉讼情况")
    table_four(doc, v)
    if tail is None:
        heading(doc, "五、存在的主要问题及改进情况")
        para(doc, "一是公开内容不够全面；二是解读形式较为单一。下一步将持续改进。")
        heading(doc, "六、其他需要报告的事项")
        para(doc, "本年度未收取信息处理费。")
    else:
        for line in tail:
            para(doc, line)
    doc.save(path)


def main():
    for template in ["2019", "2021"]:
        name = f"office-{template}"
        out = os.path.join(HERE, name)
        os.makedirs(out, exist_ok=True)
        v = values_for(template)
        with tempfile.TemporaryDirectory() as tmp:
            docx = os.path.join(tmp, f"{name}.docx")
            document(template, v, docx)
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, docx],
                           check=True, capture_output=True)
            pdf = os.path.join(tmp, f"{name}.pdf")
            for flag, fname in [(["-layout"], "layout.txt"), ([], "raw.txt")]:
                subprocess.run(["pdftotext", *flag, pdf, os.path.join(out, fname)], check=True)
            if "--keep" in sys.argv:
                import shutil
                shutil.copy(docx, out)
                shutil.copy(pdf, out)
        with open(os.path.join(out, "values.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(v.items())), f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(out)


if __name__ == "__main__":
    main()
