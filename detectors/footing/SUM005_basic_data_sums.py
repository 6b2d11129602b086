"""SUM005: the sums stated in the 部门整体支出绩效评价基础数据表 (三公经费, 项目支出, 公用经费 …)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Finding, Row, Severity, Table

from ..base import FAILED, NOT_APPLICABLE, PASSED, Case, Rule, balance, fmt, row_evidence

_NUMBERED = re.compile(r"^\d+[、.．]")
_OF_WHICH = re.compile(r"^其中[:：]?")


def _amounts(row: Row) -> dict[int, Decimal]:
    return {i: c.value for i, c in enumerate(row.cells) if i > 0 and c.kind in ("number", "amount") and c.value is not None}


def groups(t: Table) -> list[tuple[Row, list[Row]]]:
    """(parent, children): numbered rows ("1、…") under the unnumbered row before them; a
    "其中：" row and the unnumbered rows after it under the row just before the 其中."""
    out: list[tuple[Row, list[Row]]] = []
    parent: Row | None = None
    numbered: list[Row] = []
    sub_parent: Row | None = None
    sub: list[Row] = []
    prev: Row | None = None

    def close_sub() -> None:
        nonlocal sub_parent, sub
        if sub_parent is not None and sub:
            out.append((sub_parent, sub))
        sub_parent, sub = None, []

    for r in t.rows:
        label = normalize_label(r.cells[0].text) if r.cells else ""
        if _OF_WHICH.match(label):
            close_sub()
            sub_parent, sub = prev, [r]
        elif _NUMBERED.match(label):
            close_sub()
            numbered.append(r)
        elif sub_parent is not None and label and not label.endswith(("：", ":")):
            sub.append(r)
        else:
            close_sub()
            if parent is not None and numbered:
                out.append((parent, numbered))
            parent, numbered = (r if label else None), []
        prev = r
    close_sub()
    if parent is not None and numbered:
        out.append((parent, numbered))
    return out


class BasicDataSums(Rule):
    """Totals of the performance basic-data table = the items listed under them.

    What it checks:
        In the 部门整体支出绩效评价基础数据表: 三公经费 = 1、公务用车 + 2、出国 + 3、公务接待; 公务用车
        = 其中：购置 + 运行维护; 项目支出 = the listed projects; 公用经费 = 其中：办公经费 + … — per
        column (上年决算数, 预算数, 决算数).
    Why an auditor cares:
        The basic-data table feeds the evaluation's cost figures; a total that is not its items
        means an item was put in the wrong row (often 接待费 copied into 公务用车).
    Fails:
        三公经费 0.89 | 公务用车购置和维护经费 0.89 | 出国经费 0 | 公务接待 0.89 (决算数 column)
    Passes:
        项目支出 140.07 = 40 + 25 + 8.87 + 59.22 + 6.98
    """

    doc_zh = """绩效基础数据表中的合计等于其下所列分项之和。

    检查内容：
        部门整体支出绩效评价基础数据表中：三公经费 = 1、公务用车 + 2、出国 + 3、公务接待；公务用车 =
        其中：购置 + 运行维护；项目支出 = 所列各项目之和；公用经费 = 其中：办公经费 + ……；上年决算数、
        预算数、决算数各列分别检查。
    为什么重要：
        基础数据表是评价中各项成本数字的来源；合计不等于分项，说明某一项填错了行（常见的是把接待费抄进了
        公务用车）。
    不通过：
        三公经费 0.89 | 公务用车购置和维护经费 0.89 | 出国经费 0 | 公务接待 0.89（决算数列）
    通过：
        项目支出 140.07 = 40 + 25 + 8.87 + 59.22 + 6.98
    """

    code = "SUM005"
    title = "绩效基础数据表合计与分项不符"
    category = "footing"
    severity = Severity.medium

    def cases(self, doc: Document) -> Iterable[Case]:
        check = "绩效基础数据表 合计 = Σ所列分项"
        for t in doc.tables_of("perf_basic_data"):
            for parent, children in groups(t):
                totals = _amounts(parent)
                of_which = bool(children) and _OF_WHICH.match(normalize_label(children[0].cells[0].text))
                reported: Finding | None = None
                # the current year's 决算 (the last column) first: it is the figure that matters
                for col, stated in sorted(totals.items(), reverse=True):
                    parts = [_amounts(c).get(col) for c in children]
                    where = row_evidence(t, parent, "total", [col])
                    if all(p is None for p in parts):
                        yield Case(check, NOT_APPLICABLE, where)
                        continue
                    b = balance(stated, parts)
                    if b.ok or b.rounding:
                        yield Case(check, PASSED, where, rounding=b.rounding)
                        continue
                    if of_which and any(not balance(stated, parts[:k]).broken for k in range(1, len(parts))):
                        # the 其中 items end before the rows that follow them (政府采购金额 …)
                        yield Case(check, PASSED, where)
                        continue
                    if reported is None:
                        name = normalize_label(parent.cells[0].text).rstrip("：:")
                        listed = " + ".join(f"{normalize_label(c.cells[0].text)} {fmt(_amounts(c).get(col))}" for c in children)
                        reported = self.finding(
                            f"{t.title} “{name}” {fmt(stated)}，所列分项 {listed} = {fmt(b.expected)}，相差 {fmt(abs(b.difference))}",
                            [row_evidence(t, parent, "total", [col])]
                            + [row_evidence(t, c, "component", [col]) for c in children],
                            key=f"{t.id}|{name}|{col}",
                            values={"stated": stated, "expected": b.expected, "difference": b.difference},
                        )
                    # one finding per total: the other columns repeat the same cause
                    yield Case(check, FAILED, where, reported)
