"""PRF003: an indicator's marks against whether it met its target."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._common import evidence, indicator_row, measure, same_project_docs

# a value with a unit the number reader does not know ("≥59000亩", "106场次"), and a range ("74-92件")
_COUNTED = re.compile(r"^([≥≤><]?)\s*(\d+(?:\.\d+)?)\s*([\u4e00-\u9fff]{1,3})$")
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*[-~～—至]\s*(\d+(?:\.\d+)?)\s*([\u4e00-\u9fff%]{0,3})$")


def _quantity(text: str) -> tuple[str, Decimal | None, str]:
    """measure(), or a count in any unit of things ("≥59000亩" → ("≥", 59000, "亩"))."""
    found = measure(text)
    if found[1] is not None:
        return found
    m = _COUNTED.match(text.strip())
    return (m.group(1), Decimal(m.group(2)), m.group(3)) if m else found


def missed(target: str, actual: str, minimum: bool = False) -> bool | None:
    """True when the actual value misses the target, False when it meets it, None if unknown.
    ``minimum``: a target written without a comparator (or with "=") is a floor — a quantity
    indicator ("4000万元", "=15人") is missed by less, not by more."""
    _, va, ua = _quantity(actual)
    span = _RANGE.match(target.strip())
    lo, hi = (Decimal(span.group(1)), Decimal(span.group(2))) if span else (None, None)
    if lo is not None and hi is not None and lo < hi and va is not None and (not span.group(3) or span.group(3) == ua):
        return not lo <= va <= hi  # "74-92件": missed outside it
    cmp_t, vt, ut = _quantity(target)
    if vt is None or va is None or (ut and ua and ut != ua):
        return None
    if minimum and cmp_t in ("", "="):
        cmp_t = "≥"
    if cmp_t == "≥":
        return va < vt
    if cmp_t == ">":
        return va <= vt
    if cmp_t == "≤":
        return va > vt
    if cmp_t == "<":
        return va >= vt
    return None


class TargetsAndMarks(Rule):
    """A missed target loses points and says why; a met target does not lose them.

    What it checks:
        For each indicator with a comparable target (≥, ≤, >, <; a quantity indicator's bare or
        "=" target counts as a floor; a range "74-92件" is missed outside it; counts in any unit,
        "≥59000亩", "106场次") and actual value: a missed target with full marks, a met
        target with no marks, and a missed target whose 偏差原因分析 is left blank.
    Why an auditor cares:
        Marks that do not follow the results make the self-evaluation score meaningless; an
        unexplained shortfall is exactly what the evaluation should explain.
    Fails:
        目标 ≥75%，实际 ≥60%，分值 10，得分 10; 数量指标 目标 4000万元，实际 3900.98万元，no reason given
    Passes:
        目标 ≥90%，实际 100%，分值 10，得分 10; 数量指标 目标 21人，实际 21人
    """

    doc_zh = """未完成的指标要扣分并说明原因，已完成的指标不应扣分。

    检查内容：
        对每个目标值可比较（≥、≤、>、<；数量指标不带符号或带“=”的目标视为下限；区间“74-92件”在区间外即未完成；任何计量单位的
        数量，如“≥59000亩”“106场次”）并有实际值的指标：未完成却得
        满分、已完成却得零分，以及未完成而偏差原因分析为空。
    为什么重要：
        与结果不符的得分使自评分数失去意义；未说明的差距恰恰是评价应当解释的。
    不通过：
        目标 ≥75%，实际 ≥60%，分值 10，得分 10；数量指标 目标 4000万元，实际 3900.98万元，未说明原因
    通过：
        目标 ≥90%，实际 100%，分值 10，得分 10；数量指标 目标 21人，实际 21人
    """

    code = "PRF003"
    title = "绩效指标完成情况与得分不符"
    category = "perf_score"
    severity = Severity.medium
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in same_project_docs(doc):
            t = doc.table(p.table)
            has_reason_col = t is not None and any("偏差原因" in c.text for r in t.rows for c in r.cells)
            for ind in p.indicators:
                m = missed(ind.target, ind.actual, minimum="数量" in ind.level2)
                if m is None:
                    continue
                ev = evidence(indicator_row(doc, p, ind.row))
                label = f"{p.name}“{ind.name}”目标 {ind.target}，实际 {ind.actual}"
                key = f"{p.name}|{ind.name}|{ind.row}"
                if m and ind.weight and ind.score == ind.weight:
                    yield self.finding(
                        f"{label}，未达到目标却得满分 {fmt(ind.score)} 分",
                        ev,
                        key=key + "|full",
                        values={"stated": ind.score, "expected": 0},
                    )
                elif not m and ind.weight and ind.score == 0:
                    yield self.finding(
                        f"{label}，已达到目标却得 0 分", ev, key=key + "|zero", values={"stated": 0, "expected": ind.weight}
                    )
                elif m and not ind.reason.strip():
                    why = "扣分后" if ind.score is not None and ind.weight and ind.score < ind.weight else ""
                    yield self.finding(
                        f"{label}，未达到目标，{why}未填写偏差原因分析及改进措施"
                        if has_reason_col
                        else f"{label}，未达到目标，也未说明原因",
                        ev,
                        key=key + "|reason",
                        severity=Severity.low,
                        category="missing_or_blank" if has_reason_col else "perf_score",
                        title="未达标指标未说明偏差原因",
                    )
