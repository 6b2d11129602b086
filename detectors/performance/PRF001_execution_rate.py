"""PRF001: 执行率 = 全年执行数 / 全年预算数, and the execution score that follows from it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Finding, Project, Severity

from ..base import Rule, fmt
from ._common import evidence, project_row, same_project_docs


class ExecutionRate(Rule):
    """The execution line of a 绩效自评表 recomputes.

    What it checks:
        执行率 = 全年执行数 / 全年预算数 (within the rounding of the printed rate), and the execution
        得分 = 分值 × 执行率 (capped at 分值), allowing for rounding to whole points; a 执行率 cell
        left blank on the execution line (missing_or_blank).
    Why an auditor cares:
        The execution score is the one objective line of a self-evaluation; rounding it up (or
        printing a rate that is not the ratio) inflates the total score.
    Fails:
        全年预算数 25，全年执行数 10.44，分值 10，执行率 41.76%，得分 5 (4.18)
    Passes:
        全年预算数 40，全年执行数 39.41，分值 10，执行率 98.52%，得分 9.85
    """

    doc_zh = """绩效自评表的执行率一行可以复算。

    检查内容：
        执行率 = 全年执行数 ÷ 全年预算数（在印出比率的尾数误差之内），执行率得分 = 分值 × 执行率（不超过分值），
        允许取整到整分；执行率一行的执行率栏空白的，报告缺失。
    为什么重要：
        执行率得分是自评中唯一客观的一行；向上取整（或印出的比率不是比值）会抬高总分。
    不通过：
        全年预算数 25，全年执行数 10.44，分值 10，执行率 41.76%，得分 5（应为 4.18）
    通过：
        全年预算数 40，全年执行数 39.41，分值 10，执行率 98.52%，得分 9.85
    """

    code = "PRF001"
    title = "绩效自评表执行率或执行得分不符"
    category = "perf_score"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in same_project_docs(doc):
            rate = p.execution_rate
            if rate is None:
                continue
            ev = evidence(project_row(doc, p, "money"))
            if p.rate_stated is None and _rate_left_blank(doc, p):
                yield self.finding(
                    f"{p.name}：执行率一栏空白，按 {fmt(p.executed)} ÷ {fmt(p.budget)} 应为 {fmt(rate.quantize(Decimal('0.01')))}%",
                    ev,
                    key=f"blank-rate|{p.name}",
                    values={"expected": rate.quantize(Decimal("0.0001"))},
                    category="missing_or_blank",
                )
            if p.rate_stated is not None:
                diff = p.rate_stated - rate
                tol = half_ulp(p.rate_stated) + Decimal("0.005")
                if abs(diff) > Decimal("0.005"):
                    within = abs(diff) <= tol
                    yield self.finding(
                        f"{p.name}：执行率应为 {fmt(p.executed)} ÷ {fmt(p.budget)} = {fmt(rate.quantize(Decimal('0.01')))}%，表中填 {fmt(p.rate_stated)}%"
                        + ("（四舍五入到整数，建议保留两位小数）" if within else ""),
                        ev,
                        key=f"rate|{p.name}",
                        values={
                            "stated": p.rate_stated,
                            "expected": rate.quantize(Decimal("0.0001")),
                            "difference": diff.quantize(Decimal("0.0001")),
                        },
                        severity=Severity.low if within else Severity.medium,
                        category="rounding" if within else None,
                    )
            if p.weight and p.score_stated is not None:
                expected = min(p.weight, p.weight * rate / 100)
                diff = p.score_stated - expected
                if abs(diff) >= Decimal("0.5"):
                    yield self.finding(
                        f"{p.name}：执行率 {fmt(rate.quantize(Decimal('0.01')))}% 对应得分应为 {fmt(p.weight)} × {fmt(rate.quantize(Decimal('0.01')))}% = {fmt(expected.quantize(Decimal('0.01')))} 分，表中为 {fmt(p.score_stated)} 分",
                        ev,
                        key=f"score|{p.name}",
                        values={
                            "stated": p.score_stated,
                            "expected": expected.quantize(Decimal("0.01")),
                            "difference": diff.quantize(Decimal("0.01")),
                        },
                        severity=Severity.medium if diff > 0 else Severity.low,
                    )


def _rate_left_blank(doc: Document, p: Project) -> bool:
    """The execution line has a 执行率 cell — under a 执行率 column of its header, or after a
    "执行率:" label (Sichuan) — and leaves it blank."""
    t = doc.table(p.table)
    i = p.rows.get("money")
    if t is None or i is None or i >= len(t.rows):
        return False
    cells = [re.sub(r"\s+", "", c.text) for c in t.rows[i].cells]
    for j, text in enumerate(cells[:-1]):
        if text.rstrip(":：") == "执行率":
            return cells[j + 1] == ""
    for k in range(i - 1, max(-1, i - 4), -1):
        head = [re.sub(r"\s+", "", c.text) for c in t.rows[k].cells]
        if "执行率" in head:
            col = head.index("执行率")
            return len(head) == len(cells) and cells[col] == ""
    return False
