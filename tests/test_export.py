"""Exports cannot attack their reader: text from a document or a reviewer that starts like a
formula stays text in Excel and CSV (OWASP CSV injection), numbers stay numbers; people read
severity and category in Chinese there, while JSON keeps the contract's codes."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from conftest import SAMPLES
from openpyxl import load_workbook

from audit_assist.export import cell_safe, to_csv, to_json, to_xlsx
from audit_assist.pipeline import analyse_bytes
from audit_assist.store import Store

HYPERLINK = '=HYPERLINK("http://example.invalid/x","本部门共有编制人数32人，实有人数32人。")'
HEAD = '=HYPERLINK("http://example.invalid/x",'  # the sentence ends inside the formula
CMD = "+cmd|' /C calc'!A0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def planted():
    """Sample 002 with a formula around one sentence (STA005 quotes it) and a DDE command in front
    of another (CMP003 quotes it)."""
    text = (SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8")
    sentence = "本部门共有编制人数32人，实有人数32人。"
    text = text.replace(sentence, HYPERLINK).replace(
        "年初预算为85万元，支出决算为421.96万元", f"{CMD} 年初预算为85万元，支出决算为421.96万元"
    )
    a = analyse_bytes(text.encode("utf-8"), "planted.txt")
    staffing = next(f for f in a.findings if f.rule == "STA005" and f.evidence[0].text.startswith("=HYPERLINK"))
    garbled = next(f for f in a.findings if f.rule == "CMP003" and f.evidence[0].text.startswith("+cmd"))
    return a, staffing, garbled


def test_cell_safe():
    assert cell_safe("=1+2") == "'=1+2"
    assert cell_safe("@SUM(A1:A2)") == "'@SUM(A1:A2)"
    assert cell_safe("\t=1") == "'\t=1" and cell_safe("\r=1") == "'\r=1"
    assert cell_safe("-1+1") == "'-1+1" and cell_safe("+86 731") == "'+86 731"
    # numbers, and text that is only a number, are not formulas
    assert cell_safe(-9.3) == -9.3 and cell_safe(Decimal("-10.15")) == Decimal("-10.15") and cell_safe(-2) == -2
    assert cell_safe("-10.15") == "-10.15" and cell_safe("+3") == "+3" and cell_safe("1e-3") == "1e-3"
    assert cell_safe("行政运行 =1") == "行政运行 =1" and cell_safe(None) is None


def test_planted_formulas_stay_text_in_excel_and_csv(planted, tmp_path):
    from ui import report
    from ui.state import Item

    a, staffing, garbled = planted
    store = Store(f"sqlite:///{tmp_path / 'review.db'}")
    store.confirm(staffing.fingerprint, doc="planted.txt", rule="STA005", reviewer="王审计", version=0, comment=CMD)
    store.dismiss(garbled.fingerprint, doc="planted.txt", rule="CMP003", reviewer="李审计", version=0, reason=HYPERLINK)
    items = [Item(f"x:{f.fingerprint}", a.doc.sha256, f) for f in a.findings]
    decided = store.decisions(it.fp for it in items)
    store.dispose()
    rows = [report.export_row(it, decided.get(it.fp)) for it in items]
    summary = report.doc_summary({a.doc.sha256: a}, items, items, decided)

    wb = load_workbook(io.BytesIO(report.workbook(rows, summary)))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)), (ws.title, cell.value)
    sheet = list(wb["发现"].iter_rows(values_only=True))
    by_fp = {r[sheet[0].index("指纹")]: dict(zip(sheet[0], r)) for r in sheet[1:]}
    got = by_fp[staffing.fingerprint]
    assert got["证据（原文）"].startswith("'" + HEAD) and got["意见"] == "'" + CMD
    assert (got["严重程度"], got["类别"], got["规则"]) == ("中", "人员数不一致", "STA005")
    assert isinstance(got["排序分"], float) and got["排序分"] == round(staffing.score, 2)
    got = by_fp[garbled.fingerprint]
    assert got["证据（原文）"].startswith("'" + CMD) and got["排除理由"] == "'" + HYPERLINK
    assert (got["严重程度"], got["类别"]) == ("提示", "其他")
    per_doc = list(wb["摘要-planted"].iter_rows(values_only=True))
    assert ("中", "STA005") in {(r[1], r[2]) for r in per_doc} and any(r[7] == "'" + CMD for r in per_doc)

    table = list(csv.DictReader(io.StringIO(report.csv_text(rows).lstrip("\ufeff"))))
    by_fp = {r["fingerprint"]: r for r in table}
    assert by_fp[staffing.fingerprint]["evidence"].startswith("'" + HEAD)
    assert by_fp[staffing.fingerprint]["comment"] == "'" + CMD
    assert (by_fp[staffing.fingerprint]["severity"], by_fp[staffing.fingerprint]["category"]) == ("中", "人员数不一致")
    assert by_fp[garbled.fingerprint]["evidence"].startswith("'" + CMD)
    assert by_fp[garbled.fingerprint]["reason"] == "'" + HYPERLINK
    assert all(not v.startswith(FORMULA_START) for r in table for v in r.values())

    # JSON is data for programs: the contract's codes and the text as written
    (line,) = [r for r in json.loads(report.json_text(rows)) if r["fingerprint"] == staffing.fingerprint]
    assert (line["severity"], line["category"], line["comment"]) == ("medium", "staffing_mismatch", CMD)
    assert line["evidence"][0]["text"].startswith(HEAD)


def test_the_command_line_exports_are_neutralised_too(planted):
    a, staffing, _ = planted
    rows = [f.to_json() for f in a.findings]
    ws = load_workbook(io.BytesIO(to_xlsx(rows))).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert sum(1 for c in cells if isinstance(c.value, str) and c.value.startswith(("'=HYPERLINK", "'+cmd"))) == 2
    table = list(csv.DictReader(io.StringIO(to_csv(rows).lstrip("\ufeff"))))
    assert all(not v.startswith(FORMULA_START) for r in table for v in r.values())
    assert [r["severity"] for r in table] == [f.severity.label for f in a.findings]
    assert json.loads(to_json(rows))[0]["severity"] == a.findings[0].severity.value


def test_annotated_pdf_boxes_each_finding_in_its_colour_with_its_note(tmp_path):
    """Sample 002's PDF with its findings: summary pages in front, then the 19 original pages,
    each evidence with a box (a Square annotation) where the finding's evidence is, in its
    severity's colour, whose note carries the message, the review status and the comment."""
    import pdfplumber
    import pikepdf

    from audit_assist.export import SEVERITY_COLORS
    from ui import report
    from ui.state import Item

    name = "002_78b07d84ccf1ecd6.pdf"
    data = (SAMPLES / name).read_bytes()
    a = analyse_bytes(data, name)
    top = a.findings[0]
    store = Store(f"sqlite:///{tmp_path / 'review.db'}")
    store.confirm(top.fingerprint, doc=name, rule=top.rule, reviewer="王审计", version=0, comment="与单位核实，属实")
    items = [Item(f"x:{f.fingerprint}", a.doc.sha256, f) for f in a.findings]
    decided = store.decisions(it.fp for it in items)
    store.dispose()
    rows = [report.export_row(it, decided.get(it.fp)) for it in items]
    out = pikepdf.open(io.BytesIO(report.annotated(data, name, rows, note="导出测试")))

    front = len(out.pages) - 19
    assert front >= 1
    with pdfplumber.open(io.BytesIO(report.annotated(data, name, rows, note="导出测试"))) as pdf:
        summary = "".join(pdf.pages[i].extract_text() for i in range(front))
        assert pdf.pages[front].extract_text() == pdfplumber.open(io.BytesIO(data)).pages[0].extract_text()
    assert summary.startswith(f"审核发现批注版：{name}\n导出测试\n发现 {len(rows)} 条：")
    assert "复核状态：已确认 1，待复核 " in summary and top.rule in summary

    boxes = [(i - front + 1, annot) for i, page in enumerate(out.pages) for annot in page.obj.get("/Annots", [])]
    assert all(page >= 1 for page, _ in boxes)  # none on the summary pages
    expected = [(e["page"], r) for r in rows for e in r["evidence"] if e["page"]]
    assert len(boxes) == len(expected) and len(boxes) > 50
    by_name = {str(annot.NM): (page, annot) for page, annot in boxes}
    for r in rows:
        for i, e in enumerate(r["evidence"]):
            if not e["page"]:
                continue
            page, annot = by_name[f"audit-assist-{r['fingerprint']}-{i}"]
            assert page == e["page"]
            assert [round(float(c), 3) for c in annot.C] == [
                round(int(SEVERITY_COLORS[r["severity"]][k : k + 2], 16) / 255, 3) for k in (1, 3, 5)
            ]
            note = str(annot.Contents)
            assert r["message"] in note and f"复核状态：{r['status']}" in note
            if e["bbox"]:
                assert annot.Subtype == "/Square" and "/N" in annot.AP
                x0, top_, x1, bottom = e["bbox"]
                height = float(out.pages[front + page - 1].mediabox[3])
                assert [round(float(v), 1) for v in annot.Rect] == [
                    round(x0 - 2, 1),
                    round(height - bottom - 2, 1),
                    round(x1 + 2, 1),
                    round(height - top_ + 2, 1),
                ]
            else:
                assert annot.Subtype == "/Text"
    page, annot = by_name[f"audit-assist-{top.fingerprint}-0"]
    assert str(annot.Contents).endswith("复核状态：已确认\n复核人：王审计\n意见：与单位核实，属实")
