import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import *
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'parse')
def write(name, text):
    os.makedirs(f'{OUT}/{name}', exist_ok=True)
    open(f'{OUT}/{name}/input.txt', 'w').write(text)

NARR = {
 1: "一、总体情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项",
}
def prose(year): return f"{year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。"

# ---------- markdown, 2021 ----------
def markdown(v=2021):
    PRO = PRO_2021 if v == 2021 else PRO_2019; REQ = REQ_2021 if v == 2021 else REQ_2019; Y = 2023 if v == 2021 else 2020
    L = [f"# {Y}年某某县某某局政府信息公开工作年度报告", "", "## 一、总体情况", "", prose(Y), "", "## 二、主动公开政府信息情况", ""]
    i = 0
    for cap, hdr, rows in PRO:
        L.append(f"| {cap} | | | |")
        L.append("|---|---|---|---|")
        L.append("| " + " | ".join(hdr + [""] * (4 - len(hdr))) + " |")
        for lab, n in rows:
            vals = [str(v) for v in pro_values(i, n)] + [""] * (3 - n)
            L.append(f"| {lab} | " + " | ".join(vals) + " |"); i += 1
        L.append("")
    L += ["## 三、收到和处理政府信息公开申请情况", "",
          "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |",
          "|---|---|---|---|---|---|---|---|---|---|",
          "| | | | 自然人 | 法人或其他组织 | | | | | 总计 |",
          "| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |"]
    for r, (grp, lab) in enumerate(REQ):
        vals = " | ".join(str(v) for v in req_values(r))
        if lab.startswith(("一、", "二、", "四、")):
            L.append(f"| {lab} | | | {vals} |")
        elif lab.startswith("（") and grp is None and not lab.startswith(("（一）",)):
            L.append(f"| | {lab} | | {vals} |")
        else:
            L.append(f"| {grp or ''} | {lab} | | {vals} |" if lab.startswith("（") else f"| | {grp or ''} | {lab} | {vals} |")
    L += ["", "## 四、政府信息公开行政复议、行政诉讼情况", "",
          "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |", "|" + "---|" * 15,
          "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
          "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
          "| " + " | ".join(map(str, APPEALS)) + " |", "",
          "## 五、存在的主要问题及改进情况", "", "一是公开内容不够丰富。二是解读不够及时。", "", "## 六、其他需要报告的事项", "", "本年度未收取信息处理费。", ""]
    write(f"layout-markdown-{v}", "\n".join(L))

# ---------- HTML as downloaded, 2019 ----------
def html(v=2019):
    PRO = PRO_2021 if v == 2021 else PRO_2019; REQ = REQ_2021 if v == 2021 else REQ_2019; Y = 2023 if v == 2021 else 2020
    td = lambda t, a="": f'<td{a} style="border:1px solid #000;text-align:center;"><span style="font-size:14px;">{t}</span></td>'
    H = [f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{Y}年某某市某某局政府信息公开工作年度报告</title>',
         '<style>td{padding:2px}</style><script>var x = "<td>1</td>";</script></head><body>',
         f'<div class="article"><h2 style="text-align:center">{Y}年某某市某某局政府信息公开工作年度报告</h2>',
         '<p style="text-indent:2em">一、总体情况</p>', f'<p>{prose(Y)}全年共收到申请&nbsp;100件。</p>',
         '<p><strong>二、主动公开政府信息情况</strong></p>', '<table cellspacing="0" style="width:600px;border-collapse:collapse">']
    i = 0
    for cap, hdr, rows in PRO:
        H.append('<tr>' + td(cap, ' colspan="4"') + '</tr>')
        hdr = [h.replace("本年新制作数量", "本年新<br/>制作数量").replace("本年新公开数量", "本年新<br>公开数量") for h in hdr]
        H.append('<tr>' + "".join(td(h) for h in hdr) + (td("&nbsp;", f' colspan="{4-len(hdr)}"') if len(hdr) < 4 else "") + '</tr>')
        for lab, n in rows:
            cells = [td(lab)] + [td(v) for v in pro_values(i, n)]
            if n < 3: cells.append(td("", f' colspan="{3-n}"'))
            H.append('<tr>' + "".join(cells) + '</tr>'); i += 1
    H.append('</table>')
    H += ['<p><strong>三、收到和处理政府信息公开申请情况</strong></p>', '<table border="1">',
          '<tr>' + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ' colspan="3" rowspan="3"') + td("申请人情况", ' colspan="7"') + '</tr>',
          '<tr>' + td("自然人", ' rowspan="2"') + td("法人或其他组织", ' colspan="5"') + td("总计", ' rowspan="2"') + '</tr>',
          '<tr>' + "".join(td(x) for x in ["商业<br>企业", "科研<br>机构", "社会公益组织", "法律服务机构", "其他"]) + '</tr>']
    spans = {"三、本年度办理结果": 20 if v == 2019 else 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    for r, (grp, lab) in enumerate(REQ):
        vals = "".join(td(v) for v in req_values(r))
        lab_html = lab.replace("“", "&ldquo;").replace("”", "&rdquo;")
        if lab.startswith(("一、", "二、", "四、")):
            H.append('<tr>' + td(lab_html, ' colspan="3"') + vals + '</tr>')
        elif grp == "三、本年度办理结果":
            H.append('<tr>' + td(grp, f' rowspan="{spans[grp]}"') + td(lab_html, ' colspan="2"') + vals + '</tr>')
        elif grp:
            H.append('<tr>' + td(grp, f' rowspan="{spans[grp]}"') + td(lab_html) + vals + '</tr>')
        elif lab.startswith("（"):
            H.append('<tr>' + td(lab_html, ' colspan="2"') + vals + '</tr>')
        else:
            H.append('<tr>' + td(lab_html) + vals + '</tr>')
    H.append('</table>')
    H += ['<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>', '<table>',
          '<tr>' + td("行政复议", ' colspan="5"') + td("行政诉讼", ' colspan="10"') + '</tr>',
          '<tr>' + "".join(td(x, ' rowspan="2"') for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]) + td("未经复议直接起诉", ' colspan="5"') + td("复议后起诉", ' colspan="5"') + '</tr>',
          '<tr>' + "".join(td(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + '</tr>',
          '<tr>' + "".join(td(v) for v in APPEALS) + '</tr>', '</table>',
          '<p>五、存在的主要问题及改进情况</p><p>主要问题是公开的及时性不够。</p>',
          '<p>六、其他需要报告的事项</p><p>无。</p>', '<p style="text-align:right">某某市某某局<br>2021年1月20日</p></div></body></html>', '']
    write(f"layout-html-{v}-rowspan-colspan", "\n".join(H))

# ---------- pdftotext -layout, 2021 ----------
def pdftotext(v=2021):
    PRO = PRO_2021 if v == 2021 else PRO_2019; REQ = REQ_2021 if v == 2021 else REQ_2019; Y = 2023 if v == 2021 else 2020
    L = [f"               {Y}年某某区某某局政府信息公开工作年度报告", "", "一、总体情况", "    " + prose(Y), "", "二、主动公开政府信息情况", ""]
    i = 0
    for cap, hdr, rows in PRO:
        L.append("                        " + cap)
        L.append("   " + "        ".join(hdr))
        for lab, n in rows:
            L.append(f"   {lab:<20}" + "".join(f"{v:>14}" for v in pro_values(i, n))); i += 1
    L += ["", "三、收到和处理政府信息公开申请情况", "",
          "                                                           申请人情况",
          "                                                         法人或其他组织",
          "   （本列数据的勾稽关系为：第一项加第二项之和，       自然人   商业   科研  社会公益 法律服务  其他   总计",
          "   等于第三项加第四项之和）                                  企业   机构    组织     机构"]
    for r, (grp, lab) in enumerate(REQ):
        vals = "".join(f"{v:>8}" for v in req_values(r))
        left = f"{grp}  {lab}" if grp else f"          {lab}"
        L.append(f"   {left:<40}{vals}")
        if r == 11: L += ["", "                                        - 4 -", ""]
    L += ["", "四、政府信息公开行政复议、行政诉讼情况", "",
          "               行政复议                                          行政诉讼",
          "                                               未经复议直接起诉                  复议后起诉",
          "   结果   结果   其他   尚未   总计   结果   结果   其他   尚未   总计   结果   结果   其他   尚未   总计",
          "   维持   纠正   结果   审结          维持   纠正   结果   审结          维持   纠正   结果   审结",
          "  " + "".join(f"{v:>7}" for v in APPEALS), "",
          "五、存在的主要问题及改进情况", "    信息公开质量有待提高。", "", "六、其他需要报告的事项", "    本年度未收取信息处理费。", ""]
    write(f"layout-pdftotext-aligned-{v}", "\n".join(L))

# ---------- PDF table extraction, 2021 ----------
def pdf_extraction(v=2021):
    PRO = PRO_2021 if v == 2021 else PRO_2019; REQ = REQ_2021 if v == 2021 else REQ_2019; Y = 2023 if v == 2021 else 2020
    L = [f"{Y}年某某镇人民政府政府信息公开工作年度报告", "一、总体情况", prose(Y), "二、主动公开政府信息情况"]
    i = 0
    for cap, hdr, rows in PRO:
        L.append(cap); L.append(" ".join(hdr))
        for lab, n in rows:
            L.append(f"{lab} " + " ".join(str(v) for v in pro_values(i, n))); i += 1
    L += ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，", "申请人情况",
          "等于第三项加第四项之和）", "法人或其他组织", "商业 科研 社会公益 法律服务", "自然人 总计", "其他", "企业 机构 组织 机构"]
    vertical = list("三、本年度办理结果")
    for r, (grp, lab) in enumerate(REQ):
        vals = " ".join(str(v) for v in req_values(r))
        if r == 3:   # label split above and below its values
            L += ["（二）部分公开（区分处理的，只计这一情 形，不", vals, "计其他情形）"]
        elif r == 4:   # values above the label
            L += [vals, "1.属于国家秘密"]
        elif r in (5, 7, 9):
            L += [vertical.pop(0) if vertical else "", f"{vertical.pop(0) if vertical else ''} {lab} {vals}"]
        elif r == 13:
            L += [f"{lab} {vals}", "- 3 -"]
        else:
            L.append(f"{lab} {vals}")
    L = [l for l in L if l != ""]
    L += ["四、政府信息公开行政复议、行政诉讼情况", "行政诉讼", "行政复议", "未经复议直接起诉 复议后起诉",
          "结果 结果 其他 尚未 结果 结果 其他 尚未 结果 结果 其他 尚未", "总计 总计 总计",
          "维持 纠正 结果 审结 维持 纠正 结果 审结 维持 纠正 结果 审结", " ".join(map(str, APPEALS)),
          "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "本年度未收取信息处理费。", ""]
    write(f"layout-pdf-extraction-{v}", "\n".join(L))

if __name__ == "__main__":
  for v in (2019, 2021):
    markdown(v); html(v); pdftotext(v); pdf_extraction(v)
print("ok")
