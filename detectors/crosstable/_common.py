"""Reading the standard tables the same way in every cross-table rule."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from models import Amount, Document, Row, Table

from ..linking import code_rows, leaf_codes, total_row, year_total_row  # noqa: F401 - re-exported for the rules

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
    其他收入 and carried-over money spent). None when a total is not printed. A 合计 that breaks
    from what the summary table states for it (``total_gap``) is read both ways, the larger
    difference kept: an error in one row moves its table's 合计 and would otherwise shrink the
    other money below what the sources really hold, turning their legitimate differences into
    errors."""
    ta, tb = _readings(doc, a), _readings(doc, b)
    if not ta or not tb:
        return None
    return max(abs(x - y) for x in ta for y in tb)


def _readings(doc: Document, t: Table) -> list[Decimal]:
    """``t``'s 合计 in 万元 as printed and, when it breaks from it, as the summary table states it."""
    total = grand_total(t)
    if total is None:
        return []
    gap = total_gap(doc, t)
    return [total.wan] + ([total.wan - gap[0]] if gap is not None and gap[0] else [])


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


class StatedTotal(NamedTuple):
    """Where table 1 (or 4) states a detail table's 合计: that table, its row and column, and the
    上年结转 that the detail table's 合计 holds beside it (a budget's 部门收入总表 prints it as a
    column)."""

    table: Table
    row: Row | None
    column: str
    carried: Amount | None


def stated_total(doc: Document, t: Table) -> StatedTotal | None:
    """Where the summary tables state ``t``'s 合计: 收入支出总表 本年收入合计 for 收入表, 本年支出合计
    for 支出表, 财政拨款收入支出总表 一般公共预算 for 一般公共预算财政拨款支出表. None for other tables
    or when the summary table is missing."""
    if t.kind == "income":
        s = doc.table_of("summary", "income")
        rb = total_row(t)
        carried = t.amount(rb, "opening") if rb is not None and t.column("opening") else None
        return StatedTotal(s, year_total_row(s, True), "total", carried) if s else None
    if t.kind == "expense":
        s = doc.table_of("summary", "expense")
        return StatedTotal(s, year_total_row(s, False), "total", None) if s else None
    if t.kind == "gpb_expense":
        s = doc.table_of("fiscal_summary", "expense")
        return StatedTotal(s, year_total_row(s, False), "gpb", None) if s else None
    return None


def total_gap(doc: Document, t: Table) -> tuple[Decimal, Decimal] | None:
    """``t``'s 合计 − what the summary table states for it (``stated_total``), in 万元, with the
    rounding of the printed amounts; None when either is not printed."""
    where, row = stated_total(doc, t), total_row(t)
    if where is None or where.row is None or row is None or where.table.column(where.column) is None:
        return None
    mine, stated = t.amount(row, "total"), where.table.amount(where.row, where.column)
    if mine is None or stated is None:
        return None
    parts = [stated] + ([where.carried] if where.carried is not None else [])
    gap = mine.wan - sum((p.wan for p in parts), Decimal(0))
    return gap, mine.radius_wan + sum((p.radius_wan for p in parts), Decimal(0))


class Gap(NamedTuple):
    """A code's amount in a table − the same code's in a sister table (万元), the rounding of the
    two printed amounts, and whether the table's 合计 breaks from the summary table by it (a
    difference small enough for a carry-over, which the 合计 shows is not one)."""

    gap: Decimal
    radius: Decimal
    by_total: bool = False


def code_gaps(doc: Document, t: Table, shuffled: set[str]) -> dict[str, Gap]:
    """Where table ``t`` parts from a sister table code by code and carry-overs or other sources
    cannot explain it (XTB001 reports these): its leaf codes whose amount differs from the first
    sister table that prints them beyond what ``pairs_for`` allows — and, when ``t``'s 合计 breaks
    from the summary table (``total_gap``) by what is left, the one code that differs by just that
    much, however small. Rows ``shuffled`` among themselves (XTB002) are left out: their
    differences cancel. A total of ``t`` that differs from table 1 by these differences is that
    same difference, summed up."""
    rows = code_rows(t)
    gaps: dict[str, Gap] = {}
    within: dict[str, Gap] = {}  # differences a carry-over or other sources could explain
    for a, ca, b, cb, (_, slack) in pairs_for(doc):
        if t is not a and t is not b:
            continue
        other, role, other_role = (b, ca, cb) if t is a else (a, cb, ca)
        others = code_rows(other)
        for code in leaf_codes(rows):
            if code in gaps or code in shuffled or code not in others:
                continue
            mine, theirs = t.amount(rows[code], role), other.amount(others[code], other_role)
            if mine is None or theirs is None:
                continue
            gap, radius = mine.wan - theirs.wan, mine.radius_wan + theirs.radius_wan
            if abs(gap) > slack + radius:
                gaps[code] = Gap(gap, radius)
                within.pop(code, None)
            elif abs(gap) > radius:
                within.setdefault(code, Gap(gap, radius))
    broken = total_gap(doc, t)
    if broken is not None and within:
        left = broken[0] - sum((g.gap for g in gaps.values()), Decimal(0))
        tolerance = broken[1] + sum((g.radius for g in gaps.values()), Decimal(0))
        if abs(left) > tolerance:
            fits = [c for c, g in within.items() if abs(g.gap - left) <= tolerance + g.radius]
            if len(fits) == 1:
                gaps[fits[0]] = within[fits[0]]._replace(by_total=True)
    return gaps
