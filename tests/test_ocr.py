"""OCR of scanned pages: real scans of the sample PDFs (rendered to JPEG, put back as image-only
pages) read with RapidOCR, compared with what the text layer of the same pages gives."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from conftest import ROOT, SAMPLES
from support.pdfs import ruled_table_pdf, text_pdf, unruled_table_pdf
from support.scans import pdf_pages, scanned_pdf

from audit_assist.pipeline import analyse_path
from extract import load_bytes, load_document, ocr
from extract.numbers import parse_cell

SAMPLE_004 = SAMPLES / "004_2958b8ff77e9055f.pdf"  # 绩效评价报告, 4 pages of text
SAMPLE_000 = SAMPLES / "000_4aab53e2ab223d76.pdf"  # 部门决算
TABLE_PAGES = [2, 3, 4, 5]  # 收入支出决算总表 (two-sided) … 财政拨款收入支出决算总表, 支出决算表 over a page break
NUMERIC = ("number", "amount", "percent", "count")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("9746. 50", "9746.50"),
        ("9746 .50", "9746.50"),
        ("（263. 22）", "（263.22）"),
        ("1, 234.56", "1,234.56"),
        ("1，234.56", "1,234.56"),
        ("1,234, 567.00", "1,234,567.00"),
        ("１２３．４５", "123.45"),
        ("12.5 %", "12.5%"),
        ("98％", "98%"),
        ("≥ 90 %", "≥ 90%"),
        ("增长 5. 2%", "增长 5.2%"),
        ("1O5.6", "105.6"),
        ("4.8o", "4.80"),
        ("2O23年", "2023年"),
        ("l5.24", "15.24"),
        ("1I0", "110"),
        ("O", "0"),
        ("1 066.45", "1066.45"),
        ("-9 785.00", "-9785.00"),
        ("12 345 678.90", "12345678.90"),
    ],
)
def test_numbers_are_repaired(raw, clean):
    assert ocr.clean_numbers(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "2024年本部门一般公共预算财政拨款收入1552.69万元，一般公共预算财政拨款支出1552.69万元。",
        "1. 2024年基本支出",  # a heading number, then a year
        "1. 主要职能",
        "1．主要职能",
        "分别为1，2，3",  # a list, not thousands
        "45.83 43",  # two numbers
        "第 3 页",
        "[bookmark: _GoBack]",
        "ISO9001",
        "PM2.5",
        "（l）",
        "Office",
    ],
)
def test_text_around_numbers_is_left_alone(text):
    assert ocr.clean_numbers(text) == text


def test_repaired_numbers_parse():
    assert parse_cell(ocr.clean_numbers("9746. 50")).value == Decimal("9746.50")
    assert parse_cell(ocr.clean_numbers("1, 234.56")).value == Decimal("1234.56")
    assert parse_cell(ocr.clean_numbers("1O5.6")).value == Decimal("105.6")
    assert parse_cell(ocr.clean_numbers("12.5 ％")) == parse_cell("12.5%")


# --- scanned sample documents ---------------------------------------------------------------


@pytest.fixture(scope="session")
def scans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scans")
    report, tables = folder / "004_scan.pdf", folder / "000_tables_scan.pdf"
    report.write_bytes(scanned_pdf(SAMPLE_004))
    tables.write_bytes(scanned_pdf(SAMPLE_000, TABLE_PAGES))
    return report, tables


@pytest.fixture(scope="session")
def report_analyses(scans):
    """(text layer, scan) analyses of 004."""
    return analyse_path(SAMPLE_004), analyse_path(scans[0])


@pytest.fixture(scope="session")
def table_docs(scans):
    """(text layer, scan) documents of the 000 table pages."""
    return load_bytes(pdf_pages(SAMPLE_000, TABLE_PAGES), "000_tables.pdf"), load_document(scans[1])


def numeric_cells(text_doc, scan_doc) -> tuple[int, int]:
    """(cells equal, numeric cells of the text layer): value and kind, cell by cell."""
    equal = total = 0
    for t in text_doc.tables:
        other = scan_doc.table(t.id)
        for r, row in enumerate(t.rows):
            for k, cell in enumerate(row.cells):
                if cell.kind not in NUMERIC:
                    continue
                total += 1
                o = other.rows[r].cells[k] if other and r < len(other.rows) and k < len(other.rows[r].cells) else None
                equal += o is not None and (o.value, o.kind) == (cell.value, cell.kind)
    return equal, total


def test_scanned_tables_match_the_text_layer(table_docs):
    text, scan = table_docs
    assert [(t.id, t.kind, t.pages, len(t.rows), len(t.columns)) for t in scan.tables] == [
        (t.id, t.kind, t.pages, len(t.rows), len(t.columns)) for t in text.tables
    ]
    assert [t.kind for t in scan.tables] == ["summary", "summary", "income", "expense", "fiscal_summary", "fiscal_summary"]
    equal, total = numeric_cells(text, scan)
    assert total == 119
    assert equal / total >= 0.98  # measured: 119 of 119


def test_scanned_pages_are_reported_and_keep_provenance(table_docs):
    text, scan = table_docs
    assert scan.ocr_pages == [1, 2, 3, 4]
    assert scan.warnings == ["第1–4页没有文字层，已OCR识别（结果可能有误，请核对原件）"]
    for t, s in zip(text.tables, scan.tables):
        for row, srow in zip(t.rows, s.rows):
            for cell, scell in zip(row.cells, srow.cells):
                if cell.kind in NUMERIC:
                    assert scell.page == cell.page
                    assert all(abs(a - b) < 2 for a, b in zip(scell.bbox, cell.bbox))  # PDF points
    titles = [(p.page, p.text) for p in scan.paragraphs if p.text.endswith("表")]
    assert (2, "收入决算表") in titles and (3, "支出决算表") in titles


def test_scanned_report_reads_like_its_text_layer(report_analyses):
    text, scan = (a.doc for a in report_analyses)
    assert scan.ocr_pages == [1, 2, 3, 4] and scan.doc_type == text.doc_type and scan.year == text.year
    squeeze = [re.sub(r"\s+", "", p.text) for p in text.paragraphs]
    scanned = [re.sub(r"\s+", "", p.text) for p in scan.paragraphs]
    assert len(scanned) == len(squeeze)
    assert sum(p in scanned for p in squeeze) >= 0.8 * len(squeeze)  # measured: 48 of 58, the rest differ by a glyph
    figures = [(f.value, f.unit) for f in text.figures]
    found = [(f.value, f.unit) for f in scan.figures]
    assert sum(f in found for f in figures) >= 0.95 * len(figures)


def test_scanned_report_gives_the_known_findings_with_lower_confidence(report_analyses):
    text, scan = ({(f.rule, f.key): f for f in a.findings} for a in report_analyses)
    known = [
        ("YOY001", "2024年度城职基本医疗保险费收入14610.06万元、财政补贴收入40万元、利|434.03"),
        ("SUM004", "balance|该项目全年发生救助支出4752.2万元,当期收支结余为-263.22万元。|-263.22"),
        ("STA001", "project|离休老干部医疗费专项资金|30|11"),
        ("STA004", "常住人口参保率|107.48"),
        ("STA003", "yuan|金额|8656045.5"),
        ("CMP005", "explain|存在的问题及原因分析|下一步改进措施（意见建议）"),
        ("CMP003", "转换残留的书签标记|[bookmark: ORG_SET]"),
    ]
    for key in known:
        assert key in text and key in scan, key
    both = [k for k in text if k in scan]
    assert len(both) >= 0.85 * len(text)  # measured: 11 of 12 (the 12th differs by a space in its key)
    for k in both:  # × 0.7 (findings merged by the ranking combine their lowered confidences)
        assert scan[k].confidence <= 0.8 * text[k].confidence


def test_skewed_scan_is_straightened():
    """A sheet fed 0.6° askew: its rules run across pixel rows until the page is turned back."""
    page = load_bytes(pdf_pages(SAMPLE_000, [4]), "income.pdf")
    scan = load_bytes(scanned_pdf(SAMPLE_000, [4], angle=0.6), "askew.pdf")
    # the 收入决算表 continues from page 3 (no title here: recognised by its income columns), the
    # 支出决算表 starts under it
    assert (
        [(t.kind, len(t.rows)) for t in scan.tables]
        == [(t.kind, len(t.rows)) for t in page.tables]
        == [("income", 14), ("expense", 3)]
    )
    equal, total = numeric_cells(page, scan)
    assert equal / total >= 0.98  # measured: 35 of 35


@pytest.mark.parametrize("make", [ruled_table_pdf, unruled_table_pdf])
def test_small_tables_scan_like_their_text_layer(make):
    text, scan = load_bytes(make(), "t.pdf"), load_bytes(scanned_pdf(make()), "scan.pdf")
    assert [(t.title, t.kind, [c.role for c in t.columns], [r.text for r in t.rows]) for t in scan.tables] == [
        (t.title, t.kind, [c.role for c in t.columns], [r.text for r in t.rows]) for t in text.tables
    ]
    assert [p.text for p in scan.paragraphs] == [p.text for p in text.paragraphs]


def test_pages_beyond_the_cap_are_reported_not_read(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 1)
    two_pages = scanned_pdf(text_pdf(["本年收入合计362.62万元。"]), [1, 1])
    doc = load_bytes(two_pages, "long_scan.pdf")
    assert doc.warnings == [
        "第1页没有文字层，已OCR识别（结果可能有误，请核对原件）",
        "第2页没有文字层，本文件需OCR的页数超过1页，未识别",
    ]
    assert doc.ocr_pages == [1]
    assert [p.text for p in doc.paragraphs] == ["本年收入合计362.62万元。"]


def test_ocr_needs_no_network():
    """The models ship in the wheel: a fresh process that loads them and reads a scan opens no socket."""
    script = textwrap.dedent(
        """
        import sys
        events = []
        sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
        sys.path.insert(0, "tests")
        from support.pdfs import ruled_table_pdf, text_pdf, unruled_table_pdf
        from support.scans import scanned_pdf
        from extract import load_bytes, ocr
        doc = load_bytes(scanned_pdf(text_pdf(["2023年度部门决算"])), "scan.pdf")
        assert [p.text for p in doc.paragraphs] == ["2023年度部门决算"], doc.paragraphs
        assert ocr.engine() is ocr.engine()
        print(events)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_a_poster_sized_page_is_read_at_a_resolution_that_bounds_its_image():
    from extract.ocr import MAX_PIXELS, RESOLUTION, resolution

    assert resolution(595, 842) == RESOLUTION  # A4
    dpi = resolution(5000, 5000)
    assert round(dpi, 2) == 57.6 and (5000 * dpi / 72) ** 2 <= MAX_PIXELS * 1.0001


def test_page_warnings_are_summarised_as_ranges(monkeypatch):
    """A long scan gives one line per kind of page warning, its pages as ranges: 3,000 blank pages
    gave a 248,540-byte message of 3,000 lines, one per page."""
    from test_hostile import CATALOG, FONT, pdf, stream

    from extract import ExtractionError

    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 1)
    n = 120
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    blank = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
    data = pdf(CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), FONT, stream(b""), *[blank] * n)
    with pytest.raises(ExtractionError) as exc:
        load_bytes(data, "blank_scan.pdf")
    assert exc.value.reason == "第1页没有文字层，需OCR；第2–120页没有文字层，本文件需OCR的页数超过1页，未识别"


def test_page_ranges():
    from extract.pdf import page_ranges, summarise_pages

    assert page_ranges([8, 1, 2, 3, 5, 7]) == "1–3、5、7–8"
    assert summarise_pages(["第3页A", "其他", "第4页A", "第9页B", "第5页A"]) == ["第3–5页A", "其他", "第9页B"]
