"""Bad input: a clear message naming the file and the reason; the rest is still read."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, SAMPLES
from reportlab.lib.pdfencrypt import StandardEncryption
from support.pdfs import image_only_page_pdf, ruled_table_pdf, text_pdf, unruled_table_pdf

from audit_assist.pipeline import analyse_document
from detectors.base import Rule
from detectors.registry import rules
from extract import ExtractionError, load_bytes, load_document


def reason(data: bytes, name: str) -> str:
    with pytest.raises(ExtractionError) as exc:
        load_bytes(data, name)
    assert exc.value.path == name
    return exc.value.reason


def test_zero_bytes():
    assert reason(b"", "a.pdf") == "文件为空（0 字节）"
    assert reason(b"", "a.docx") == "文件为空（0 字节）"


def test_not_a_pdf():
    assert reason(b"<html>not a pdf</html>", "report.pdf") == "文件扩展名为 .pdf，但内容不是 PDF"


def test_truncated_pdf():
    data = (SAMPLES / "004_2958b8ff77e9055f.pdf").read_bytes()
    assert reason(data[: len(data) // 3], "cut.pdf").startswith("PDF 文件损坏")


def test_encrypted_pdf_with_password():
    data = text_pdf(["机密"], encrypt=StandardEncryption("secret", ownerPassword="owner"))
    assert reason(data, "locked.pdf") == "PDF 已加密，需要密码才能打开"


def test_encrypted_pdf_with_empty_user_password_is_read():
    data = text_pdf(
        ["Budget 2023", "Total 362.62"], encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1), font="Helvetica"
    )
    doc = load_bytes(data, "open.pdf")
    assert [p.text for p in doc.paragraphs] == ["Budget 2023", "Total 362.62"]


def test_undecodable_glyphs_reported_and_read_by_ocr():
    # reportlab's CID font in an encrypted file comes back from pdfminer as (cid:NNN) glyphs
    data = text_pdf(["2023年度部门决算"], encrypt=StandardEncryption("", ownerPassword="owner"))
    doc = load_bytes(data, "cid.pdf")
    assert doc.warnings == ["第1页文字无法解码（字体缺少Unicode映射，(cid:NNN)），已OCR识别（结果可能有误，请核对原件）"]
    assert doc.ocr_pages == [1]
    assert [p.text for p in doc.paragraphs] == ["2023年度部门决算"]


def test_image_only_page_reported_rest_read():
    doc = load_bytes(image_only_page_pdf(), "scan.pdf")
    assert doc.warnings == ["第2页没有文字层，需OCR"]
    assert doc.ocr_pages == [2]
    assert doc.figures[0].text == "362.62万元" and doc.figures[0].page == 1


def test_docx_and_xlsx_that_are_not_zip():
    assert reason(b"PK-not really", "a.docx").startswith("不是有效的 DOCX 文件")
    assert reason(b"\xd0\xcf\x11\xe0 old excel", "a.xlsx").startswith("不是有效的 XLSX 文件")


def test_unsupported_type():
    assert reason(b"abc", "a.doc") == "不支持的文件类型“.doc”，支持 PDF、DOCX、XLSX、TXT、MD"


def test_invisible_rules_do_not_split_cells():
    doc = load_bytes(ruled_table_pdf(white_line=True), "t.pdf")
    t = doc.tables[0]
    assert [r.text for r in t.rows] == ["行政运行\t45.83\t43", "事业运行\t25.28\t1.94"]


def test_fake_bold_characters_are_deduplicated():
    doc = load_bytes(ruled_table_pdf(fake_bold=True), "t.pdf")
    assert [r.label for r in doc.tables[0].rows] == ["行政运行", "事业运行"]


def test_table_without_rules_is_read_from_its_columns():
    doc = load_bytes(unruled_table_pdf(), "plain.pdf")
    t = doc.tables[0]
    assert t.title == "支出决算表" and t.kind == "expense"
    assert [c.role for c in t.columns] == ["label", "total", "basic"]
    assert [r.text for r in t.rows] == ["行政运行\t45.83\t43", "事业运行\t25.28\t1.94", "住房公积金\t15.13\t15.13"]
    assert [p.text for p in doc.paragraphs] == ["支出决算表", "单位：万元", "注：本表反映部门本年度各项支出情况。"]


class _Failing(Rule):
    """A rule with a bug: it fails on every document."""

    code = "ZZZ999"
    title = "测试用的出错规则"
    category = "other"

    def check(self, doc):
        yield from ()
        raise ZeroDivisionError("division by zero")


def test_a_rule_that_fails_costs_only_its_own_findings():
    doc = load_document(SAMPLES / "004_2958b8ff77e9055f.txt")
    whole = analyse_document(doc)
    broken = analyse_document(doc, [*rules()[:3], _Failing(), *rules()[3:]])
    assert [f.fingerprint for f in broken.findings] == [f.fingerprint for f in whole.findings] and whole.findings
    assert broken.rule_errors == [
        "规则 ZZZ999（测试用的出错规则）检查本文档时出错，已跳过（ZeroDivisionError: division by zero），其余规则的结果不受影响"
    ]
    assert broken.warnings == [*doc.warnings, *broken.rule_errors] and not whole.rule_errors


def test_a_failing_rule_prints_no_traceback():
    """On standard error a user sees the one-line warning of the analysis (the CLI writes it as
    提示), never a Python traceback."""
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, "tests")
        from test_bad_input import _Failing
        from detectors.registry import rules
        from extract import load_document
        from audit_assist.pipeline import analyse_document
        a = analyse_document(load_document("sample_docs/004_2958b8ff77e9055f.txt"), [_Failing(), *rules()[:2]])
        print(len(a.rule_errors))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")


def test_table_identities_skip_a_column_a_table_does_not_have():
    """A 财政拨款收支预算总表 whose 一般公共预算 column is headed otherwise (as in budgets of other
    templates) made XTB003 fail with AttributeError; the comparisons that need the column are
    skipped, the others stand."""
    original = (SAMPLES / "003_f8e6bfb918ad5980.txt").read_text(encoding="utf-8")
    text = original.replace("| 合计 | 一般公共预 算 |", "| 合计 | 本年预算 |")
    assert text != original
    doc = load_bytes(text.encode("utf-8"), "budget.txt")
    assert doc.table_of("fiscal_summary", "expense").column("gpb") is None
    variant = analyse_document(doc)
    assert variant.rule_errors == []
    whole = analyse_document(load_bytes(original.encode("utf-8"), "budget.txt"))
    keys = [f.key for f in whole.findings if f.rule == "XTB003"]
    assert [f.key for f in variant.findings if f.rule == "XTB003"] == [k for k in keys if not k.startswith("fiscal_summary|")]
