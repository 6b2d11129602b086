"""Evidence and numbers shared by the performance-table rules."""

from __future__ import annotations

import re
from decimal import Decimal

from extract.numbers import parse_cell
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
