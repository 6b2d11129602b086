"""What a document is: which type of disclosure (``document_type``), and whether it is one at all.

A spreadsheet of names or a letter reads without error and yields no findings: reported as clean,
it would tell an auditor that it was checked. A document is taken as a disclosure when it holds a
table of a kind the product knows or text that speaks of a budget, final accounts or a performance
evaluation; anything else is refused with the reason (``check_disclosure``, run after extraction,
before analysis: ``audit_assist.pipeline.read_disclosure``; ``extract`` itself reads any file, so
that ``audit-assist extract`` still shows what was read).
"""

from __future__ import annotations

import re

from models import Document

from .blocks import ExtractionError
from .numbers import normalize_label
from .templates import STANDARD_TABLES

NOT_A_DISCLOSURE = "未识别为预算/决算/绩效文件：没有找到预算、决算或绩效的表格，也没有相关的文字说明"
# simplified and traditional forms (a Big5 file from Taiwan or Hong Kong writes 決算, 預算, 績效)
_DISCLOSURE_WORDS = re.compile(r"预算|决算|绩效|財政撥款|财政拨款|預算|決算|績效")


def check_disclosure(doc: Document) -> None:
    """Raise ``ExtractionError`` when ``doc`` holds no known table and no disclosure text."""
    if any(t.kind for t in doc.tables):
        return
    texts = [doc.text, *(t.title for t in doc.tables), *(r.text for t in doc.tables for r in t.rows)]
    if any(_DISCLOSURE_WORDS.search(normalize_label(text)) for text in texts):
        return
    raise ExtractionError(doc.name, NOT_A_DISCLOSURE)


# The type a cover title names, most specific first: a 绩效自评报告 speaks of 预算 and 决算 too.
_COVER_TYPES = [
    ("绩效评价报告", re.compile(r"评价报告|自评报告")),
    ("绩效自评", re.compile(r"自评表|自评结果|绩效自评|绩效目标完成情况表")),
    ("部门决算", re.compile(r"决算")),
    ("部门预算", re.compile(r"预算")),
]
# In running text and table titles only a document's own name counts: "预算执行", "预算绩效管理",
# "根据决算数据" are said in every type.
_TEXT_TYPES = [
    ("部门决算", re.compile(r"(?:部门|单位)决算(?!数)|决算情况说明")),
    ("部门预算", re.compile(r"(?:部门|单位)预算(?!执行|绩效|管理|数)|预算(?:情况|编制)说明")),
    ("绩效评价报告", re.compile(r"绩效(?:评价|自评)报告|整体支出绩效(?:评价|自评)")),
    ("绩效自评", re.compile(r"项目支出绩效自评|绩效自评表|绩效目标完成情况表")),
]
_HEADING = re.compile(r"^(目\s*录|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def document_type(doc: Document) -> str:
    """部门决算 | 部门预算 | 绩效评价报告 | 绩效自评 | "" from what the document holds.

    In order: the type its cover title names; the standard tables it holds (a 决算 or a 预算, as
    their titles say); the name of a document type in its opening text or its tables' titles; its
    performance tables alone (项目支出绩效自评表 without a report around them)."""
    for doc_type, pattern in _COVER_TYPES:
        if pattern.search(_cover(doc)):
            return doc_type
    standard = [t for t in doc.tables if t.kind in STANDARD_TABLES]
    if len({t.kind for t in standard}) >= 2:
        titles = [normalize_label(t.title) for t in standard]
        finals, budgets = sum("决算" in t for t in titles), sum("预算" in t for t in titles)
        if finals or budgets:
            return "部门决算" if finals >= budgets else "部门预算"
    head = normalize_label(" ".join(p.text for p in doc.paragraphs[:12]) + " " + " ".join(t.title for t in doc.tables))
    for doc_type, pattern in _TEXT_TYPES:
        if pattern.search(head):
            return doc_type
    if doc.tables and all(t.kind == "perf_project_eval" for t in doc.tables):
        return "绩效自评"
    return ""


def _cover(doc: Document) -> str:
    """The cover title: the short lines that open the document, before its 目录, its first
    heading or its first sentence (a title printed over lines: "2021年度" / "醴陵市医疗保障局（单位）"
    / "部门决算"); a table's own title is not the document's (a workbook that opens on a
    项目支出绩效目标完成情况表)."""
    tables = {normalize_label(t.title) for t in doc.tables}
    lines = []
    for p in doc.paragraphs[:6]:
        text = normalize_label(p.text)
        if len(text) > 60 or "。" in text or _HEADING.match(text) or text in tables:
            break
        lines.append(text)
    return "".join(lines)
