"""SUM003: the identities of the two-sided total tables (收入支出决算总表, 财政拨款收支总表)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.tables import KIND_LABELS
from models import Document, Row, Severity, Table

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, fmt, row_evidence, table_label

_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_YEAR_TOTAL = re.compile(r"^(本年收入合计|本年支出合计|一、本年收入|一、本年支出)$")
_GRAND = re.compile(r"^(收入总计|支出总计|总计)$")
_CARRY = re.compile(r"结余|结转|弥补|结余分配")


class SummaryIdentities(Rule):
    """Totals of the two-sided total tables.

    What it checks:
        On each side of 收入支出决算总表 / 部门收支总表 and 财政拨款收入支出总表: 本年收入合计 =
        Σ income lines; 本年支出合计 = Σ expense classes; 总计 = 本年合计 + the 结转结余 lines
        (使用非财政拨款结余, 年初结转和结余 / 结余分配, 年末结转和结余); and 收入总计 = 支出总计.
    Why an auditor cares:
        These are the first identities any reviewer checks; a break means the published totals
        do not describe the same money.
    Fails:
        本年收入合计 52,888.95 with 总计 52,889.12 while 年初结转和结余 is 0.18 (52,889.13)
    Passes:
        本年收入合计 362.62，总计 362.62，支出总计 362.62
    """

    doc_zh = """收支总表两侧的合计与总计。

    检查内容：
        收入支出决算总表 / 部门收支总表和财政拨款收入支出总表的每一侧：本年收入合计 = 各收入项之和；
        本年支出合计 = 各支出类之和；总计 = 本年合计 + 各结转结余行（使用非财政拨款结余、年初结转和结余 /
        结余分配、年末结转和结余）；收入总计 = 支出总计。
    为什么重要：
        这是任何复核人首先核对的平衡关系；不平，说明公布的总数说的不是同一笔钱。
    不通过：
        本年收入合计 52,888.95，总计 52,889.12，而年初结转和结余为 0.18（应为 52,889.13）
    通过：
        本年收入合计 362.62，总计 362.62，支出总计 362.62
    """

    code = "SUM003"
    title = "收支总表合计或总计不平"
    category = "footing"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        scale = document_total(doc)
        for kind in ("summary", "fiscal_summary"):
            halves = [t for t in doc.tables_of(kind) if t.part]
            for t in halves:
                yield from self._side(t, scale)
            inc = next((t for t in halves if t.part == "income"), None)
            exp = next((t for t in halves if t.part == "expense"), None)
            if inc and exp:
                yield from self._both_sides(inc, exp, scale)

    def _side(self, t: Table, scale) -> Iterable[Case]:
        year_idx = next((i for i, r in enumerate(t.rows) if _YEAR_TOTAL.match(r.label)), None)
        grand_idx = next((i for i, r in enumerate(t.rows) if _GRAND.match(r.label)), None)
        amount_cols = [c.index for c in t.columns if c.role not in ("label", "line_no", "code", "")]
        if year_idx is None:
            return
        year_row = t.rows[year_idx]
        side = "收入" if t.part == "income" else "支出"
        if t.rows[year_idx].label.startswith("一、"):
            # budget layout: "一、本年收入" followed by its lines
            end = next(
                (
                    i
                    for i in range(year_idx + 1, len(t.rows))
                    if _NUMBERED.match(t.rows[i].label) or _GRAND.match(t.rows[i].label)
                ),
                len(t.rows),
            )
            lines = [r for r in t.rows[year_idx + 1 : end] if r.label and not r.label.startswith("其中")]
        else:
            lines = [r for r in t.rows[:year_idx] if r.label and not r.label.startswith("其中")]
        check = f"{KIND_LABELS[t.kind]} 本年{side}合计 = " + ("Σ各项收入" if t.part == "income" else "Σ各类支出")
        for col in amount_cols:
            yield self._compare(t, year_row, lines, col, "本年合计", scale, check)
        if grand_idx is not None and grand_idx > year_idx:
            between = t.rows[year_idx + 1 : grand_idx]
            if t.rows[year_idx].label.startswith("一、"):
                between = [r for r in between if _NUMBERED.match(r.label)]
            carry = [r for r in between if _CARRY.search(r.label) and not r.label.startswith("其中")]
            check = f"{KIND_LABELS[t.kind]} {side}总计 = 本年{side}合计 + 结转结余"
            for col in amount_cols:
                yield self._compare(t, t.rows[grand_idx], [year_row, *carry], col, "总计", scale, check)

    def _compare(self, t: Table, total: Row, parts: list[Row], col: int, what: str, scale, check: str) -> Case:
        stated = total.cells[col].value
        values = [r.cells[col].value for r in parts]
        where = row_evidence(t, total, "total", [col])
        if stated is None and not any(values):
            return Case(check, NOT_APPLICABLE, where)
        b = balance(stated or Decimal(0), values, t.unit)
        if b.ok:
            return Case(check, PASSED, where)
        side = "收入" if t.part == "income" else "支出"
        header = t.columns[col].header.split("/")[-1]
        msg = f"{table_label(t)}（{side}方）{total.label}{('（' + header + '）') if header else ''} {fmt(stated)}，各项合计 {fmt(b.expected)}，相差 {fmt(b.difference)}"
        ev = [where] + [row_evidence(t, r, "component", [col]) for r in parts if r.cells[col].value]
        key = f"{t.kind}|{t.part}|{total.label}|{col}"
        vals = {"stated": stated or Decimal(0), "expected": b.expected, "difference": b.difference}
        finding = self.balance_finding(b, msg, ev, key=key, values=vals, scale=scale, rounding_title="收支总表存在尾数误差")
        return self.outcome(check, where, finding)

    def _both_sides(self, inc: Table, exp: Table, scale) -> Iterable[Case]:
        gi = next((r for r in inc.rows if _GRAND.match(r.label)), None)
        ge = next((r for r in exp.rows if _GRAND.match(r.label)), None)
        if gi is None or ge is None:
            return
        check = f"{KIND_LABELS[inc.kind]} 收入总计 = 支出总计"
        where = row_evidence(inc, gi, "stated")
        vi, ve = inc.value(gi, "total"), exp.value(ge, "total")
        if vi is None or ve is None:
            yield Case(check, NOT_APPLICABLE, where)
            return
        b = balance(vi, [ve], inc.unit)
        if b.ok:
            yield Case(check, PASSED, where)
            return
        ev = [where, row_evidence(exp, ge, "expected")]
        msg = f"{table_label(inc)} 收入总计 {fmt(vi)}，支出总计 {fmt(ve)}，相差 {fmt(b.difference)}"
        vals = {"stated": vi, "expected": ve, "difference": b.difference}
        finding = self.balance_finding(
            b, msg, ev, key=f"{inc.kind}|grand", values=vals, scale=scale, rounding_title="收支总表存在尾数误差"
        )
        yield self.outcome(check, where, finding)
