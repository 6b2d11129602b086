"""Reading the standard tables the same way in every cross-table rule."""

from __future__ import annotations

from decimal import Decimal

from models import Document, Table

from ..linking import code_rows, leaf_codes  # noqa: F401 - re-exported for the rules

# Pairs of tables reporting the same quantity per 项 code, with the column compared, strictest
# first. Income = expense per code only holds without carry-overs; 03 = 05 when all money is
# 一般公共预算 (DOMAIN.md).
SISTERS = [
    ("expense", "total", "gpb_expense", "total"),
    ("income", "total", "expense", "total"),
    ("income", "total", "gpb_expense", "total"),
]


def carry_over(doc: Document) -> Decimal:
    """年初结转和结余 + 年末结转和结余 (+ 使用非财政拨款结余) of table 1: the amount by which income
    and expense of one code may legitimately differ."""
    total = Decimal(0)
    for t in doc.tables_of("summary"):
        for r in t.rows:
            if "结转" in r.label or "结余" in r.label:
                v = t.value(r, "total")
                if v:
                    total += abs(v)
    return total


def all_general_budget(doc: Document) -> bool:
    """True when the 财政拨款 total table shows no 政府性基金 / 国有资本经营 money."""
    t = doc.table_of("fiscal_summary", "expense")
    if t is None:
        return True
    for r in t.rows:
        for role in ("gov_fund", "state_capital"):
            v = t.value(r, role)
            if v:
                return False
    return True


def pairs_for(doc: Document) -> list[tuple[Table, str, Table, str, Decimal]]:
    """The sister-table pairs this document supports, with the tolerance beyond rounding."""
    out = []
    for ka, ca, kb, cb in SISTERS:
        a, b = doc.table_of(ka), doc.table_of(kb)
        if a is None or b is None or a.column(ca) is None or b.column(cb) is None:
            continue
        if "gpb_expense" in (ka, kb) and not all_general_budget(doc):
            continue
        slack = carry_over(doc) if ka == "income" else Decimal(0)
        out.append((a, ca, b, cb, slack))
    return out
