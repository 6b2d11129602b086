"""Reading the standard tables the same way in every cross-table rule."""

from __future__ import annotations

from decimal import Decimal

from models import Amount, Document, Table

from ..linking import code_rows, leaf_codes, total_row  # noqa: F401 - re-exported for the rules

# Pairs of tables reporting the same quantity per 项 code, with the column compared, strictest
# first (DOMAIN.md).
SISTERS = [
    ("expense", "total", "gpb_expense", "total"),
    ("income", "total", "expense", "total"),
    ("income", "total", "gpb_expense", "total"),
]


def carry_over(doc: Document) -> Decimal:
    """年初结转和结余 + 年末结转和结余 (+ 使用非财政拨款结余) of table 1, in 万元: the amount by
    which income and expense of one code may legitimately differ."""
    total = Decimal(0)
    for t in doc.tables_of("summary"):
        for r in t.rows:
            if "结转" in r.label or "结余" in r.label:
                a = t.amount(r, "total")
                if a:
                    total += abs(a.wan)
    return total


def grand_total(t: Table) -> Amount | None:
    row = total_row(t)
    return t.amount(row, "total") if row is not None else None


def other_money(doc: Document, a: Table, b: Table) -> Decimal | None:
    """How much of table ``a``'s money table ``b`` does not cover, in 万元: the difference of
    their 合计 rows (an all-sources table against the 一般公共预算 one: the 政府性基金, 事业收入,
    其他收入 and carried-over money spent). None when a total is not printed."""
    ta, tb = grand_total(a), grand_total(b)
    if ta is None or tb is None:
        return None
    return abs(ta.wan - tb.wan)


def pairs_for(doc: Document) -> list[tuple[Table, str, Table, str, tuple[str, Decimal]]]:
    """The sister-table pairs this document supports, with what may legitimately make one code
    differ between them and by how much (万元): the carry-overs between income and expense, and
    the money of other sources between an all-sources table and the 一般公共预算 one."""
    out = []
    for ka, ca, kb, cb in SISTERS:
        a, b = doc.table_of(ka), doc.table_of(kb)
        if a is None or b is None or a.column(ca) is None or b.column(cb) is None:
            continue
        reasons, slack = [], Decimal(0)
        if ka == "income":
            reasons, slack = ["结转结余"], carry_over(doc)
        if kb == "gpb_expense":
            other = other_money(doc, a, b)
            if other is None and not all_general_budget(doc):
                continue
            if other:
                reasons.append("其他来源资金")
                slack += other
        out.append((a, ca, b, cb, ("和".join(reasons) or "结转结余", slack)))
    return out


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


def code_gaps(doc: Document, t: Table) -> dict[str, tuple[Decimal, Decimal]]:
    """Where table ``t`` parts from a sister table code by code, beyond what carry-overs or other
    sources may explain (``pairs_for``; XTB001 reports these): its leaf codes whose amount differs
    from the first sister table that prints them, with ``t`` − sister in 万元 and the rounding of
    the two printed amounts (万元). A total of ``t`` that differs from table 1 by just these
    differences is that same difference, summed up."""
    rows = code_rows(t)
    gaps: dict[str, tuple[Decimal, Decimal]] = {}
    for a, ca, b, cb, (_, slack) in pairs_for(doc):
        if t is not a and t is not b:
            continue
        other, role, other_role = (b, ca, cb) if t is a else (a, cb, ca)
        others = code_rows(other)
        for code in leaf_codes(rows):
            if code in gaps or code not in others:
                continue
            mine, theirs = t.amount(rows[code], role), other.amount(others[code], other_role)
            if mine is None or theirs is None:
                continue
            gap, radius = mine.wan - theirs.wan, mine.radius_wan + theirs.radius_wan
            if abs(gap) > slack + radius:
                gaps[code] = (gap, radius)
    return gaps
