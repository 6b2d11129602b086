"""PRF002: Σ分值 = 100 and 总分 = Σ得分 in a performance self-evaluation table."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._common import evidence, project_row, same_project_docs


class ScoreTotals(Rule):
    """The weights add up to the total weight and the scores to the total score.

    What it checks:
        In each 绩效自评表: the indicators' 分值 plus the execution line's 分值 = the 总分 row's 分值
        (100), and the indicators' 得分 plus the execution 得分 = the 总分 row's 得分.
    Why an auditor cares:
        A total score that is not the sum of its lines was written, not computed; it is the
        figure that goes into the department's evaluation.
    Fails:
        分值 5+20+10+5+5+10+10+10+10 (+10) = 95 against 总分 100; 得分 80 + 2 = 82 against 87
    Passes:
        分值 90 + 10 = 100, 得分 85 + 5 = 90 with 总分 90
    """

    code = "PRF002"
    title = "绩效自评表分值或总分合计不符"
    category = "perf_score"
    severity = Severity.high

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in same_project_docs(doc):
            if p.total_weight is None and p.total_score is None or not p.indicators:
                continue
            weights = [i.weight for i in p.indicators if i.weight is not None]
            scores = [i.score for i in p.indicators if i.score is not None]
            ev = evidence(project_row(doc, p, "total"), project_row(doc, p, "money", "component"))
            if p.total_weight is not None and weights:
                total = sum(weights, Decimal(0)) + (p.weight or 0)
                if total != p.total_weight:
                    yield self.finding(
                        f"{p.name}：各指标分值合计 {fmt(sum(weights, Decimal(0)))}"
                        + (f" + 执行率分值 {fmt(p.weight)}" if p.weight else "")
                        + f" = {fmt(total)}，总分栏分值为 {fmt(p.total_weight)}",
                        ev,
                        key=f"weights|{p.name}",
                        values={"stated": p.total_weight, "expected": total, "difference": p.total_weight - total},
                        severity=Severity.medium,
                    )
            if p.total_score is not None and scores:
                total = sum(scores, Decimal(0)) + (p.score_stated or 0)
                if abs(total - p.total_score) >= Decimal("0.5"):
                    yield self.finding(
                        f"{p.name}：各指标得分合计 {fmt(sum(scores, Decimal(0)))}"
                        + (f" + 执行率得分 {fmt(p.score_stated)}" if p.score_stated is not None else "")
                        + f" = {fmt(total)}，表列总分 {fmt(p.total_score)}",
                        ev,
                        key=f"scores|{p.name}",
                        values={"stated": p.total_score, "expected": total, "difference": p.total_score - total},
                        anomaly=min(1.0, float(abs(p.total_score - total)) / 20),
                    )
