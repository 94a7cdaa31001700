#!/usr/bin/env python3
"""Makes the documents of testdata/formats: one short report written as a Word file with
python-docx, and converted by LibreOffice the way offices convert theirs, to .doc (Word 97-2003),
.rtf and .pdf, and the PDF's page as a .png (poppler's pdftoppm), as a scan would be; that image
alone in a Word file converted to PDF is a scanned report's PDF (no text layer, no fonts). The tests read the files (committed): the parser must tell
each format from its first bytes and say plainly that it does not read it yet and what to save
it as. CI needs neither LibreOffice nor python-docx.

usage: python3 testdata/formats/make.py   (needs python-docx, libreoffice, poppler-utils)
"""
import os
import shutil
import subprocess
import tempfile

from docx import Document

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    doc = Document()
    doc.add_paragraph("某某县某某局2024年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("2024年，本机关共收到政府信息公开申请4件。")
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = doc.add_table(rows=2, cols=8)
    rows = [
        ["一、本年新收政府信息公开申请数量", "4", "0", "0", "0", "0", "0", "4"],
        ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"],
    ]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            table.cell(r, c).text = v
    with tempfile.TemporaryDirectory() as tmp:
        docx = os.path.join(tmp, "report.docx")
        doc.save(docx)
        for fmt in ["doc", "rtf", "pdf"]:
            subprocess.run(
                ["soffice", "--headless", "--convert-to", fmt, "--outdir", tmp, docx],
                check=True, capture_output=True,
            )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "20", "-singlefile", os.path.join(tmp, "report.pdf"),
             os.path.join(tmp, "report")],
            check=True, capture_output=True,
        )
        scan = Document()
        scan.add_picture(os.path.join(tmp, "report.png"))
        scan.save(os.path.join(tmp, "scanned.docx"))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
             os.path.join(tmp, "scanned.docx")],
            check=True, capture_output=True,
        )
        for name in ["report.docx", "report.doc", "report.rtf", "report.pdf", "report.png",
                     "scanned.pdf"]:
            shutil.copy(os.path.join(tmp, name), os.path.join(HERE, name))


if __name__ == "__main__":
    main()
