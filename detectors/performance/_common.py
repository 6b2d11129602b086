"""Evidence and numbers shared by the performance-table rules."""

from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from extract.numbers import normalize_label, parse_cell
from models import Document, Evidence, Project

from ..base import row_evidence


def project_row(doc: Document, p: Project, which: str, role: str = "stated", cols=()) -> Evidence | None:
    t = doc.table(p.table)
    idx = p.rows.get(which)
    if t is None or idx is None or idx >= len(t.rows):
        return None
    return row_evidence(t, t.rows[idx], role, cols)


def indicator_row(doc: Document, p: Project, row: int, role: str = "stated") -> Evidence | None:
    t = doc.table(p.table)
    if t is None or row >= len(t.rows):
        return None
    return row_evidence(t, t.rows[row], role)


HEADING_LENGTH = 80  # a paragraph this short before a block of text may be its heading


def heading_before(doc: Document, paragraph: int) -> str:
    """The short paragraph before ``paragraph`` — the numbered heading a report puts over each
    project ("1、人民调解工作经费分配安排和使用管理情况。") — without its number, year and closing
    words; "" when the paragraph before is body text."""
    if not 0 < paragraph < len(doc.paragraphs):
        return ""
    prev = doc.paragraphs[paragraph - 1].text
    if len(re.sub(r"\s+", "", prev)) > HEADING_LENGTH:
        return ""
    heading = normalize_label(re.sub(r"^\s*[（(]?[\d一二三四五六七八九十]+[)）、.．]\s*", "", prev))
    heading = re.sub(r"[。.]$", "", heading)
    return re.sub(r"^\d{4}年度?|分配安排和使用管理情况$", "", heading)


def evidence(*items: Evidence | None) -> list[Evidence]:
    return [e for e in items if e is not None]


def measure(text: str) -> tuple[str, Decimal | None, str]:
    """(comparator, value, unit) of an indicator value: "≥90%" → ("≥", 90, "%")."""
    t = text.strip().replace("大于等于", "≥").replace("不低于", "≥").replace("大于", ">").replace("小于", "<")
    t = re.sub(r"以上$|以内$", "", t)
    t = re.sub(r"^[=＝]\s*", "", t)
    p = parse_cell(t)
    if p.value is None:
        return "", None, ""
    return p.comparator, p.value, p.unit


def same_project_docs(doc: Document) -> list[Project]:
    """Projects once each (the Sichuan template prints each table twice: body and 附件)."""
    seen: set[tuple] = set()
    out = []
    for p in doc.projects:
        sig = (p.name, p.budget, p.executed)
        if sig in seen:
            continue
        seen.add(sig)
        out.append(p)
    return out


_CORE = re.compile(r"^(\d{4}\s*年度?)|项目$")


def core_name(name: str) -> str:
    """The name without its year and a trailing 项目 — the rest must be named: "业务工作经费"
    cut to "业务工作" would match "业务工作量"."""
    n = normalize_label(name)
    for _ in range(2):
        n = _CORE.sub("", n)
    return n


# words every project name of a field shares: what is left tells one project from another
_GENERIC = re.compile(
    r"医疗保障|医疗保险|基本医疗|医疗|医保|补助|资金|经费|项目|专项|城乡|居民|县级|市级|省级|区级|中央|财政|配套|工作|支出|年度"
)

MATCH = 70


def distinct_words(name: str) -> str:
    """What tells a project from the others of its field: the name without the words they all share."""
    return _GENERIC.sub("", name)


def same_project(a: str, b: str) -> bool:
    """Two names of one project, allowing another wording ("医保" for "医疗保险", a prefix): close
    as a whole, or close in what remains once the words every such name shares are taken off."""
    if fuzz.ratio(a, b) >= MATCH or fuzz.partial_ratio(a, b) >= MATCH:
        return True
    da, db = distinct_words(a), distinct_words(b)
    return bool(da and db) and fuzz.partial_ratio(da, db) >= MATCH
